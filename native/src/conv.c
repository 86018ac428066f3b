/* Convolution over a batch as implicit GEMM per image (im2col inside the packing of B), and the
 * conv → ReLU → max-pool block image by image. */
#include "conv_direct.h"

/* The image a packer unfolds. */
typedef struct {
  const float *x;
  const nnw_conv *g;
} image_b;

/* cols[tap][pixel] of the image: the input under that tap of the window at that pixel, 0 in the padding. */
static inline float col_value(const image_b *im, int ch, int ky, int kx, int oy, int ox) {
  const nnw_conv *g = im->g;
  const int iy = oy * g->stride - g->pad + ky, ix = ox * g->stride - g->pad + kx;
  if ((unsigned)iy >= (unsigned)g->h || (unsigned)ix >= (unsigned)g->w) return 0.f;
  return im->x[((size_t)ch * g->h + iy) * g->w + ix];
}

/* B of the forward product W·cols: B(tap, pixel), panels of nr pixels, one step per tap. */
static void pack_by_pixel(const void *ctx, int nr_max, int p0, int j0, int kc, int nc, float *dst) {
  const image_b *im = ctx;
  const nnw_conv *g = im->g;
  const int area = g->kh * g->kw;
  int oy[64], ox[64], at[64];
  for (int jr = 0; jr < nc; jr += nr_max) {
    const int nr = nc - jr < nr_max ? nc - jr : nr_max;
    float *panel = dst + (size_t)jr * kc;
    for (int j = 0; j < nr_max; j++) {
      const int pixel = j < nr ? j0 + jr + j : j0 + jr;
      oy[j] = pixel / g->ow;
      ox[j] = pixel % g->ow;
      at[j] = oy[j] * g->stride * g->w + ox[j] * g->stride; /* the window's corner in the plane */
    }
    for (int s = 0; s < kc; s++) {
      const int r = p0 + s, ch = r / area, ky = (r % area) / g->kw, kx = r % g->kw;
      float *out = panel + (size_t)s * nr_max;
      if (g->pad == 0) {
        /* Without padding every tap of every window is inside the image: a plain gather. */
        const float *tap = im->x + ((size_t)ch * g->h + ky) * g->w + kx;
        for (int j = 0; j < nr_max; j++) out[j] = tap[at[j]];
        for (int j = nr; j < nr_max; j++) out[j] = 0.f;
      } else {
        for (int j = 0; j < nr_max; j++) out[j] = j < nr ? col_value(im, ch, ky, kx, oy[j], ox[j]) : 0.f;
      }
    }
  }
}

/* B of the weight gradient dy·colsᵀ: B(pixel, tap), panels of nr taps, one step per pixel. */
static void pack_by_tap(const void *ctx, int nr_max, int p0, int j0, int kc, int nc, float *dst) {
  const image_b *im = ctx;
  const nnw_conv *g = im->g;
  const int area = g->kh * g->kw;
  int ch[64], ky[64], kx[64], at[64];
  for (int jr = 0; jr < nc; jr += nr_max) {
    const int nr = nc - jr < nr_max ? nc - jr : nr_max;
    float *panel = dst + (size_t)jr * kc;
    for (int t = 0; t < nr_max; t++) {
      const int r = t < nr ? j0 + jr + t : j0 + jr;
      ch[t] = r / area;
      ky[t] = (r % area) / g->kw;
      kx[t] = r % g->kw;
      at[t] = (ch[t] * g->h + ky[t]) * g->w + kx[t]; /* the tap's offset from a window's corner */
    }
    int oy = p0 / g->ow, ox = p0 % g->ow;
    for (int s = 0; s < kc; s++) {
      float *out = panel + (size_t)s * nr_max;
      if (g->pad == 0) {
        const float *corner = im->x + (size_t)oy * g->stride * g->w + (size_t)ox * g->stride;
        for (int t = 0; t < nr_max; t++) out[t] = corner[at[t]];
        for (int t = nr; t < nr_max; t++) out[t] = 0.f;
      } else {
        for (int t = 0; t < nr_max; t++) out[t] = t < nr ? col_value(im, ch[t], ky[t], kx[t], oy, ox) : 0.f;
      }
      if (++ox == g->ow) ox = 0, oy++;
    }
  }
}

enum { SLOT_COLS = 3, SLOT_IMAGE = 4 };

static int taps(const nnw_conv *g) { return g->c * g->kh * g->kw; }
static int pixels(const nnw_conv *g) { return g->oh * g->ow; }
static size_t in_size(const nnw_conv *g) { return (size_t)g->c * g->h * g->w; }

static int image_forward(const nnw_micro *mk, const nnw_conv *g, const float *xi, const float *w, const float *b, int relu, float *yi, float *cols) {
  (void)cols;
  const image_b im = {xi, g};
  return nnw_gemm_packing(mk, 0, g->f, pixels(g), taps(g), w, taps(g), pack_by_pixel, &im, yi, pixels(g), 0, b, NNW_BIAS_ROWS, relu, NULL);
}

static int image_param_grads(const nnw_micro *mk, const nnw_conv *g, const float *xi, const float *dyi, int first, float *dw, float *db, float *cols) {
  (void)cols;
  const image_b im = {xi, g};
  return nnw_gemm_packing(mk, 0, g->f, taps(g), pixels(g), dyi, pixels(g), pack_by_tap, &im, dw, taps(g), !first, NULL, NNW_BIAS_NONE, 0, db);
}

static int image_input_grad(const nnw_micro *mk, const nnw_conv *g, const float *dyi, const float *w, float *dxi, float *cols) {
  if (nnw_gemm(mk, 1, 0, taps(g), pixels(g), g->f, w, taps(g), dyi, pixels(g), cols, pixels(g), 0, NULL, NNW_BIAS_NONE, 0, NULL)) return -1;
  nnw_col2im(cols, g, dxi);
  return 0;
}

static void clear(float *a, size_t n) {
  for (size_t i = 0; i < n; i++) a[i] = 0.f;
}

int nnw_conv_forward(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *w, const float *b, int relu, float *y) {
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  if (!cols) return -1;
  for (int i = 0; i < n; i++)
    if (image_forward(mk, g, x + i * in_size(g), w, b, relu, y + (size_t)i * g->f * pixels(g), cols)) return -1;
  return 0;
}

int nnw_conv_param_grads(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *dy, float *dw, float *db) {
  if (nnw_conv_direct_fits(g)) return nnw_conv_direct_param_grads(mk, g, n, x, dy, 0, 0, 0, NULL, NULL, NULL, dw, db);
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  if (!cols) return -1;
  if (n <= 0) {
    clear(dw, (size_t)g->f * taps(g));
    clear(db, g->f);
  }
  for (int i = 0; i < n; i++)
    if (image_param_grads(mk, g, x + i * in_size(g), dy + (size_t)i * g->f * pixels(g), i == 0, dw, db, cols)) return -1;
  return 0;
}

int nnw_conv_input_grad(const nnw_micro *mk, const nnw_conv *g, int n, const float *dy, const float *w, float *dx) {
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  if (!cols) return -1;
  for (int i = 0; i < n; i++)
    if (image_input_grad(mk, g, dy + (size_t)i * g->f * pixels(g), w, dx + i * in_size(g), cols)) return -1;
  return 0;
}

static int pooled(int size, int window, int stride) { return (size - window) / stride + 1; }

int nnw_conv_relu_pool_forward(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *x, const float *w,
                               const float *b, float *y, int32_t *argmax) {
  if (nnw_conv_direct_pool_fits(g, size, stride)) return nnw_conv_direct_relu_pool_forward(mk, g, n, x, w, b, y, argmax);
  const int ph = pooled(g->oh, size, stride), pw = pooled(g->ow, size, stride);
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  float *image = nnw_scratch(SLOT_IMAGE, (size_t)g->f * pixels(g));
  if (!cols || !image) return -1;
  for (int i = 0; i < n; i++) {
    const size_t o = (size_t)i * g->f * ph * pw;
    if (image_forward(mk, g, x + i * in_size(g), w, b, 1, image, cols)) return -1;
    nnw_max_pool_forward(image, g->f, g->oh, g->ow, size, stride, ph, pw, y + o, argmax + o);
  }
  return 0;
}

int nnw_conv_relu_pool_param_grads(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *x, const float *dy,
                                   const int32_t *argmax, const float *y, float *dw, float *db) {
  const int ph = pooled(g->oh, size, stride), pw = pooled(g->ow, size, stride);
  if (nnw_conv_direct_fits(g)) return nnw_conv_direct_param_grads(mk, g, n, x, NULL, ph, pw, size == 2 && stride == 2, dy, argmax, y, dw, db);
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  float *image = nnw_scratch(SLOT_IMAGE, (size_t)g->f * pixels(g));
  if (!cols || !image) return -1;
  if (n <= 0) {
    clear(dw, (size_t)g->f * taps(g));
    clear(db, g->f);
  }
  for (int i = 0; i < n; i++) {
    const size_t o = (size_t)i * g->f * ph * pw;
    nnw_max_pool_relu_backward(dy + o, argmax + o, y + o, g->f * ph * pw, image, g->f * pixels(g));
    if (image_param_grads(mk, g, x + i * in_size(g), image, i == 0, dw, db, cols)) return -1;
  }
  return 0;
}

int nnw_conv_relu_pool_input_grad(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *dy,
                                  const int32_t *argmax, const float *y, const float *w, float *dx) {
  const int ph = pooled(g->oh, size, stride), pw = pooled(g->ow, size, stride);
  float *cols = nnw_scratch(SLOT_COLS, (size_t)taps(g) * pixels(g));
  float *image = nnw_scratch(SLOT_IMAGE, (size_t)g->f * pixels(g));
  if (!cols || !image) return -1;
  for (int i = 0; i < n; i++) {
    const size_t o = (size_t)i * g->f * ph * pw;
    nnw_max_pool_relu_backward(dy + o, argmax + o, y + o, g->f * ph * pw, image, g->f * pixels(g));
    if (image_input_grad(mk, g, image, w, dx + i * in_size(g), cols)) return -1;
  }
  return 0;
}

/* Direct convolution drivers (pad 0): the weight gradient over the whole batch with filters along the vector
 * lanes and taps in registers, and the conv → ReLU → 2×2 max-pool forward a few windows at a time, both
 * reading each image in place. The GEMM path packs an unfolded image per call instead, which for 25 taps
 * and 30 filters costs more than the products. */
#include <string.h>
#include "conv_direct.h"

enum { SLOT_GT = 5, SLOT_DWT = 6, SLOT_IDX = 7, MAX_TAPS = 512 };

static int taps_of(const nnw_conv *g) { return g->c * g->kh * g->kw; }
static int round_up(int v, int unit) { return (v + unit - 1) / unit * unit; }

int nnw_conv_direct_fits(const nnw_conv *g) { return g->pad == 0 && taps_of(g) <= MAX_TAPS && g->oh > 0 && g->ow > 0; }

int nnw_conv_direct_pool_fits(const nnw_conv *g, int size, int stride) {
  return nnw_conv_direct_fits(g) && size == 2 && stride == 2 && g->oh >= 2 && g->ow >= 2;
}

/* Each tap's offset from a window's corner in the image (entries up to `padded` repeat offset 0). */
static void tap_offsets(const nnw_conv *g, int padded, int *at) {
  const int area = g->kh * g->kw;
  for (int t = 0; t < padded; t++)
    at[t] = t < taps_of(g) ? ((t / area) * g->h + (t % area) / g->kw) * g->w + t % g->kw : 0;
}

/* One image's gradient at the convolution output, transposed: gt[pixel][filter] (rows fp apart). */
static void dense_gradient(const nnw_conv *g, const float *dyi, int fp, float *gt) {
  const int pix = g->oh * g->ow;
  for (int f = 0; f < g->f; f++)
    for (int p = 0; p < pix; p++) gt[(size_t)p * fp + f] = dyi[(size_t)f * pix + p];
}

/* Likewise from the pooled gradient, routed through argmax where the pooled output is > 0 (ReLU's mask). */
static void routed_gradient(const nnw_conv *g, const nnw_conv_micro *cm, int pooled, const int32_t *window, const float *dyi, const int32_t *argi,
                            const float *yi, int fp, float *gt) {
  const int pix = g->oh * g->ow;
  const uint32_t limit = (uint32_t)g->f * pix;
  memset(gt, 0, sizeof(float) * pix * fp);
  if (window && cm->route) {
    int f = 0;
    while (f < g->f && cm->route(dyi + f * pooled, argi + f * pooled, yi + f * pooled, window, pooled, f, pix, g->ow, fp, gt) == 0) f++;
    if (f == g->f) return;
    memset(gt, 0, sizeof(float) * pix * fp); /* an argmax outside its window: the whole image the general way */
  }
  for (int f = 0, o = 0; f < g->f; f++) {
    for (int q = 0; q < pooled; q++, o++) {
      /* Branch-free in the common case (ReLU's mask is a coin toss): a masked entry adds +0 to its own pixel,
       * which changes no sum (the entries start at +0, so none is -0). An argmax outside its filter's plane
       * (none from the forward) takes the general path. */
      const uint32_t in_own = (uint32_t)argi[o] - (uint32_t)f * pix;
      if (in_own < (uint32_t)pix) {
        gt[(size_t)in_own * fp + f] += yi[o] > 0 ? dyi[o] : 0.f;
      } else {
        const uint32_t a = (uint32_t)argi[o], plane = a / pix;
        if (yi[o] > 0 && a < limit) gt[(size_t)(a - plane * pix) * fp + plane] += dyi[o];
      }
    }
  }
}

int nnw_conv_direct_param_grads(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *dy, int ph, int pw, int pool2,
                                const float *dy_pooled, const int32_t *argmax, const float *y, float *dw, float *db) {
  const nnw_conv_micro *cm = nnw_conv_micro_for(mk);
  const int taps = taps_of(g), pix = g->oh * g->ow, fp = round_up(g->f, cm->fb), tp = round_up(taps, cm->dw_taps);
  const size_t in_size = (size_t)g->c * g->h * g->w;
  float *gt = nnw_scratch(SLOT_GT, (size_t)pix * fp);
  float *dwt = nnw_scratch(SLOT_DWT, (size_t)(tp + 1) * fp);
  int *idx = (int *)nnw_scratch(SLOT_IDX, (size_t)pix + tp + (size_t)ph * pw);
  if (!gt || !dwt || !idx) return -1;
  float *dbt = dwt + (size_t)tp * fp;
  int *corner = idx, *at = idx + pix, *window = pool2 ? at + tp : NULL;
  for (int q = 0; window && q < ph * pw; q++) window[q] = 2 * (q / pw) * g->ow + 2 * (q % pw); /* each window's top-left pixel */
  for (int p = 0; p < pix; p++) corner[p] = (p / g->ow) * g->stride * g->w + (p % g->ow) * g->stride;
  tap_offsets(g, tp, at);
  memset(dwt, 0, sizeof(float) * (tp + 1) * fp);
  memset(gt, 0, sizeof(float) * pix * fp); /* the padding filters stay 0 */
  const int pooled = ph * pw;
  for (int i = 0; i < n; i++) {
    if (dy_pooled) {
      const size_t o = (size_t)i * g->f * pooled;
      routed_gradient(g, cm, pooled, window, dy_pooled + o, argmax + o, y + o, fp, gt);
    } else {
      dense_gradient(g, dy + (size_t)i * g->f * pix, fp, gt);
    }
    const float *xi = x + i * in_size;
    for (int f0 = 0; f0 < fp; f0 += cm->fb)
      for (int t0 = 0; t0 < tp; t0 += cm->dw_taps)
        cm->dw(pix, gt + f0, fp, xi, corner, at + t0, dwt + (size_t)t0 * fp + f0, fp, t0 == 0 ? dbt + f0 : NULL);
  }
  for (int f = 0; f < g->f; f++) {
    for (int t = 0; t < taps; t++) dw[(size_t)f * taps + t] = dwt[(size_t)t * fp + f];
    db[f] = dbt[f];
  }
  return 0;
}

int nnw_conv_direct_relu_pool_forward(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *w, const float *b,
                                      float *y, int32_t *argmax) {
  const nnw_conv_micro *cm = nnw_conv_micro_for(mk);
  const int taps = taps_of(g), pix = g->oh * g->ow, fb = cm->fb, fp = round_up(g->f, fb);
  const int ph = (g->oh - 2) / 2 + 1, pw = (g->ow - 2) / 2 + 1, pooled = ph * pw;
  const size_t in_size = (size_t)g->c * g->h * g->w;
  float *wt = nnw_scratch(SLOT_DWT, (size_t)(taps + 1) * fp);
  int *at = (int *)nnw_scratch(SLOT_IDX, (size_t)taps);
  if (!wt || !at) return -1;
  float *bias = wt + (size_t)taps * fp;
  memset(wt, 0, sizeof(float) * (taps + 1) * fp);
  for (int f = 0; f < g->f; f++) {
    for (int t = 0; t < taps; t++) wt[(size_t)t * fp + f] = w[(size_t)f * taps + t];
    bias[f] = b[f];
  }
  tap_offsets(g, taps, at);
  for (int i = 0; i < n; i++) {
    const float *xi = x + i * in_size;
    float *yi = y + (size_t)i * g->f * pooled;
    int32_t *ai = argmax + (size_t)i * g->f * pooled;
    for (int f0 = 0; f0 < fp; f0 += cm->fb) {
      const int lanes = g->f - f0 < cm->fb ? g->f - f0 : cm->fb;
      for (int py = 0; py < ph; py++) {
        for (int px = 0; px < pw;) {
          const int wide = g->stride == 1 && px + cm->pool_windows <= pw, windows = wide ? cm->pool_windows : 1;
          const int oy = 2 * py, ox = 2 * px;
          const size_t o = (size_t)f0 * pooled + py * pw + px;
          const nnw_pool_out out = {yi + o, ai + o, pooled, lanes, f0 * pix, pix};
          (wide ? cm->pool_wide : cm->pool_one)(taps, wt + f0, fp, bias + f0, xi + (size_t)oy * g->stride * g->w + (size_t)ox * g->stride,
                                                g->stride * g->w, g->stride, at, oy * g->ow + ox, g->ow, &out);
          px += windows;
        }
      }
    }
  }
  return 0;
}

/* The element-wise and window kernels: im2col/col2im, max pooling, ReLU (the optimizer's steps: vector.c). */
#include <math.h>
#include <string.h>
#include "nnw.h"

/* One memcpy per row, the next row's first lines prefetched (rows are scattered over the whole dataset). */
void nnw_gather_rows(const float *src, const uint32_t *rows, size_t count, size_t size, float *dst) {
  for (size_t k = 0; k < count; k++) {
    if (k + 1 < count)
      for (size_t b = 0; b < size * sizeof(float) && b < 1024; b += 64) __builtin_prefetch((const char *)(src + rows[k + 1] * size) + b);
    memcpy(dst + k * size, src + rows[k] * size, size * sizeof(float));
  }
}

void nnw_im2col(const float *x, const nnw_conv *g, float *cols) {
  for (int ch = 0, row = 0; ch < g->c; ch++) {
    for (int ky = 0; ky < g->kh; ky++) {
      for (int kx = 0; kx < g->kw; kx++, row++) {
        float *out = cols + (size_t)row * g->oh * g->ow;
        for (int oy = 0; oy < g->oh; oy++) {
          const int iy = oy * g->stride - g->pad + ky;
          for (int ox = 0; ox < g->ow; ox++) {
            const int ix = ox * g->stride - g->pad + kx;
            const int inside = iy >= 0 && iy < g->h && ix >= 0 && ix < g->w;
            out[oy * g->ow + ox] = inside ? x[((size_t)ch * g->h + iy) * g->w + ix] : 0.f;
          }
        }
      }
    }
  }
}

void nnw_col2im(const float *cols, const nnw_conv *g, float *dx) {
  memset(dx, 0, sizeof(float) * g->c * g->h * g->w);
  for (int ch = 0, row = 0; ch < g->c; ch++) {
    for (int ky = 0; ky < g->kh; ky++) {
      for (int kx = 0; kx < g->kw; kx++, row++) {
        const float *in = cols + (size_t)row * g->oh * g->ow;
        for (int oy = 0; oy < g->oh; oy++) {
          const int iy = oy * g->stride - g->pad + ky;
          if (iy < 0 || iy >= g->h) continue;
          for (int ox = 0; ox < g->ow; ox++) {
            const int ix = ox * g->stride - g->pad + kx;
            if (ix >= 0 && ix < g->w) dx[((size_t)ch * g->h + iy) * g->w + ix] += in[oy * g->ow + ox];
          }
        }
      }
    }
  }
}

/* Ties go to the first maximum in row-major window order, as in the reference. */
void nnw_max_pool_forward(const float *x, int planes, int h, int w, int size, int stride, int oh, int ow, float *y, int32_t *argmax) {
  if (size == 2 && stride == 2) {
    /* The common window, without the inner loops: strictly greater replaces, as below. */
    for (int p = 0; p < planes; p++) {
      for (int oy = 0; oy < oh; oy++) {
        const int top = p * h * w + 2 * oy * w;
        float *yo = y + (size_t)(p * oh + oy) * ow;
        int32_t *ao = argmax + (size_t)(p * oh + oy) * ow;
        for (int ox = 0; ox < ow; ox++) {
          const int i0 = top + 2 * ox;
          float best = -INFINITY;
          int at = i0;
          if (x[i0] > best) best = x[i0], at = i0;
          if (x[i0 + 1] > best) best = x[i0 + 1], at = i0 + 1;
          if (x[i0 + w] > best) best = x[i0 + w], at = i0 + w;
          if (x[i0 + w + 1] > best) best = x[i0 + w + 1], at = i0 + w + 1;
          yo[ox] = best;
          ao[ox] = at;
        }
      }
    }
    return;
  }
  for (int p = 0; p < planes; p++) {
    const int base = p * h * w;
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        float best = -INFINITY;
        int best_idx = base + oy * stride * w + ox * stride;
        for (int ky = 0; ky < size; ky++) {
          for (int kx = 0; kx < size; kx++) {
            const int idx = base + (oy * stride + ky) * w + ox * stride + kx;
            if (x[idx] > best) {
              best = x[idx];
              best_idx = idx;
            }
          }
        }
        const int o = (p * oh + oy) * ow + ox;
        y[o] = best;
        argmax[o] = best_idx;
      }
    }
  }
}

void nnw_max_pool_backward(const float *dy, const int32_t *argmax, int count, float *dx, int dx_len) {
  memset(dx, 0, sizeof(float) * dx_len);
  for (int o = 0; o < count; o++)
    if ((uint32_t)argmax[o] < (uint32_t)dx_len) dx[argmax[o]] += dy[o];
}

void nnw_max_pool_relu_backward(const float *dy, const int32_t *argmax, const float *y, int count, float *dx, int dx_len) {
  memset(dx, 0, sizeof(float) * dx_len);
  for (int o = 0; o < count; o++)
    if (y[o] > 0 && (uint32_t)argmax[o] < (uint32_t)dx_len) dx[argmax[o]] += dy[o];
}

/* Both ReLU loops read every operand unconditionally, so they vectorize (and take no branch on the sign). */
void nnw_relu_forward(const float *x, float *y, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const float v = x[i];
    y[i] = v > 0 || v != v ? v : 0.f;
  }
}

void nnw_relu_backward(const float *x, const float *dy, float *dx, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const float d = dy[i];
    dx[i] = x[i] > 0 ? d : 0.f;
  }
}

/* Direct convolution (pad 0) for few taps: the kernels of one instruction set, and the drivers on them. */
#ifndef NNW_CONV_DIRECT_H
#define NNW_CONV_DIRECT_H
#include "nnw.h"

typedef void (*nnw_conv_dw_fn)(int pix, const float *gt, int ldg, const float *x, const int *corner, const int *at, float *dwt,
                               int ldd, float *db);
/* Where a pooled forward stores its windows: y and argmax at the block's first filter and window, filters
 * `pooled` apart, `lanes` filters of the block real; argmax = plane0 + lane·pix + the window's pixel. */
typedef struct {
  float *y;
  int32_t *argmax;
  int pooled, lanes, plane0, pix;
} nnw_pool_out;

typedef void (*nnw_pool_fwd_fn)(int taps, const float *wt, int ldw, const float *bias, const float *x0, int row, int step,
                                const int *at, int pixel0, int ow, const nnw_pool_out *out);

typedef int (*nnw_route_fn)(const float *dy, const int32_t *arg, const float *y, const int32_t *window, int pooled, int f, int pix,
                            int ow, int fp, float *gt);

typedef struct {
  int fb;             /* filters per block (vector lanes of the kernels) */
  int dw_taps;        /* taps per call of dw */
  nnw_conv_dw_fn dw;
  int pool_windows;   /* 2×2 windows per call of pool_wide (stride 1 only; pool_one takes any stride) */
  nnw_pool_fwd_fn pool_wide, pool_one;
  nnw_route_fn route; /* NULL: none; routes one filter's pooled gradient of 2×2 windows at stride 2 */
} nnw_conv_micro;

const nnw_conv_micro *nnw_conv_micro_for(const nnw_micro *mk);

/* 1 when the direct kernels serve this geometry (no padding, a small window); else the GEMM path does. */
int nnw_conv_direct_fits(const nnw_conv *g);
/* 1 when the fused block's forward can run direct too (2×2 windows at stride 2). */
int nnw_conv_direct_pool_fits(const nnw_conv *g, int size, int stride);

/* dW and db over the batch from dense dy [n, f, oh, ow] (dy_pooled NULL), or from the pooled block's
 * gradient routed through argmax where y > 0 (dy_pooled, argmax, y: [n, f, ph, pw]; pool2: its windows are
 * 2×2 at stride 2). */
int nnw_conv_direct_param_grads(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *dy, int ph, int pw, int pool2,
                                const float *dy_pooled, const int32_t *argmax, const float *y, float *dw, float *db);
int nnw_conv_direct_relu_pool_forward(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *w, const float *b,
                                      float *y, int32_t *argmax);
#endif

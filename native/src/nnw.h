/* The native kernels: a blocked GEMM over CPU-specific micro-kernels, and the ops built on it. */
#ifndef NNW_H
#define NNW_H
#include <stddef.h>
#include <stdint.h>

/* C[0..mr, 0..nr] (= or +=) packed A · packed B over kc steps, then + row/column bias, then ReLU. */
typedef void (*nnw_micro_fn)(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate,
                             const float *row_bias, const float *col_bias, int relu);

typedef struct {
  const char *name; /* "avx512", "avx2", "generic" */
  int mr, nr;       /* micro-tile rows and columns */
  nnw_micro_fn kernel;
} nnw_micro;

/* The micro-kernels by id (best first): NULL for one this CPU cannot run. */
int nnw_micro_count(void);
const char *nnw_micro_name(int id);
const nnw_micro *nnw_micro_id(int id);

enum { NNW_BIAS_NONE = 0, NNW_BIAS_ROWS = 1, NNW_BIAS_COLUMNS = 2 };

/*
 * C[m, n] (row stride ldc) = act(op(A)·op(B) + beta·C + bias); op(A) [m, k] is A [m, lda] or, when transA,
 * [k, lda]; likewise B. bias: m (ROWS) or n (COLUMNS) values; row_sums (NULL: none) receives Σ_p op(A)[i, p],
 * added to what it holds when beta = 1. Returns 0, or -1 when scratch memory cannot be had.
 */
int nnw_gemm(const nnw_micro *mk, int transA, int transB, int m, int n, int k, const float *a, int lda, const float *b,
             int ldb, float *c, int ldc, int beta, const float *bias, int bias_mode, int relu, float *row_sums);

/* y [n, out] = act(x [n, in] · w [out, in]ᵀ + b), in whichever orientation tiles better (same bits either way). */
int nnw_linear_forward(const nnw_micro *mk, int n, int in, int out, const float *x, const float *w, const float *b, int relu, float *y);

/* Packs op(B)[p0..p0+kc, j0..j0+nc] into zero-padded panels of nr columns (panel j: per step, nr values). */
typedef void (*nnw_pack_b)(const void *ctx, int nr, int p0, int j0, int kc, int nc, float *dst);

/* nnw_gemm with B given by its packer (for B that is never stored, like a convolution's unfolded input). */
int nnw_gemm_packing(const nnw_micro *mk, int transA, int m, int n, int k, const float *a, int lda, nnw_pack_b pack, const void *pack_ctx,
                     float *c, int ldc, int beta, const float *bias, int bias_mode, int relu, float *row_sums);

/* A convolution's geometry, batch excluded. */
typedef struct {
  int c, h, w, f, kh, kw, stride, pad, oh, ow;
} nnw_conv;

void nnw_im2col(const float *x, const nnw_conv *g, float *cols);
void nnw_col2im(const float *cols, const nnw_conv *g, float *dx);
void nnw_max_pool_forward(const float *x, int planes, int h, int w, int size, int stride, int oh, int ow, float *y, int32_t *argmax);
void nnw_max_pool_backward(const float *dy, const int32_t *argmax, int count, float *dx, int dx_len);
void nnw_max_pool_relu_backward(const float *dy, const int32_t *argmax, const float *y, int count, float *dx, int dx_len);

int nnw_conv_forward(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *w, const float *b, int relu, float *y);
int nnw_conv_param_grads(const nnw_micro *mk, const nnw_conv *g, int n, const float *x, const float *dy, float *dw, float *db);
int nnw_conv_input_grad(const nnw_micro *mk, const nnw_conv *g, int n, const float *dy, const float *w, float *dx);
int nnw_conv_relu_pool_forward(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *x, const float *w,
                               const float *b, float *y, int32_t *argmax);
int nnw_conv_relu_pool_param_grads(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *x, const float *dy,
                                   const int32_t *argmax, const float *y, float *dw, float *db);
int nnw_conv_relu_pool_input_grad(const nnw_micro *mk, const nnw_conv *g, int size, int stride, int n, const float *dy,
                                  const int32_t *argmax, const float *y, const float *w, float *dx);

void nnw_relu_forward(const float *x, float *y, size_t n);
void nnw_relu_backward(const float *x, const float *dy, float *dx, size_t n);
double nnw_sum_squares(const float *x, size_t n);
void nnw_axpy(float alpha, const float *x, float *y, size_t n);
void nnw_momentum_step(float *w, const float *g, float *v, float beta, float lr, size_t n);
void nnw_adam_step(float *w, const float *g, float *m, float *v, float b1, float c1, float b2, float c2, float lr, float isc2, float eps, size_t n);
/* The same steps with the L2 gradient folded in: g ← g + decay·w (kept in g), then the step. */
void nnw_momentum_step_l2(float *w, float *g, float *v, float beta, float lr, float decay, size_t n);
void nnw_adam_step_l2(float *w, float *g, float *m, float *v, float b1, float c1, float b2, float c2, float lr, float isc2, float eps, float decay,
                      size_t n);

/* dst[k·size ..] = src[rows[k]·size ..] for k < count (a mini-batch's examples, copied from the dataset). */
void nnw_gather_rows(const float *src, const uint32_t *rows, size_t count, size_t size, float *dst);

/* A thread's scratch buffer `slot` of at least n floats, 64-byte aligned (NULL when out of memory). */
float *nnw_scratch(int slot, size_t n);

#endif

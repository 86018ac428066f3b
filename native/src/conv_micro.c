/* Direct-convolution micro-kernels (pad 0), one per instruction set, for a convolution with few taps: the
 * image is read in place (no unfolded or packed copy of it), filters run along the vector lanes. */
#include <string.h>
#include "conv_direct.h"

/*
 * dw_taps: over pixels p < pix, dwt[t][0..FB) += Σ_p gt[p][0..FB) · x[corner[p] + at[t]] for t < T (one
 * image's sum taken in registers, then added: each tap's sum is over the image before it meets the batch's),
 * and db[0..FB) += gt[p] in pixel order (sequential per filter, as the reference adds it; NULL: none).
 * FB = VW·NV filters, gt rows ldg apart, dwt rows ldd apart.
 */
#define NNW_CONV_DW(NAME, TARGET, VW, NV, T)                                                                          \
  typedef float NAME##_v __attribute__((vector_size(VW * 4)));                                                       \
  TARGET static void NAME(int pix, const float *gt, int ldg, const float *x, const int *corner, const int *at, float *dwt, \
                          int ldd, float *db) {                                                                      \
    NAME##_v acc[T][NV], sum[NV];                                                                                    \
    _Pragma("GCC unroll 16") for (int t = 0; t < T; t++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)       \
      acc[t][v] = (NAME##_v){0};                                                                                     \
    _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) sum[v] = db ? *(const NAME##_v *)(db + v * VW) : (NAME##_v){0}; \
    int off[T];                                                                                                      \
    _Pragma("GCC unroll 16") for (int t = 0; t < T; t++) off[t] = at[t];                                              \
    for (int p = 0; p < pix; p++) {                                                                                  \
      NAME##_v g[NV];                                                                                                \
      const float *xp = x + corner[p];                                                                               \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) g[v] = *(const NAME##_v *)(gt + (size_t)p * ldg + v * VW); \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) sum[v] += g[v];                                           \
      _Pragma("GCC unroll 16") for (int t = 0; t < T; t++) {                                                         \
        const float xt = xp[off[t]];                                                                                 \
        _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) acc[t][v] += xt * g[v];                                  \
      }                                                                                                              \
    }                                                                                                                \
    _Pragma("GCC unroll 16") for (int t = 0; t < T; t++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)       \
      *(NAME##_v *)(dwt + (size_t)t * ldd + v * VW) += acc[t][v];                                                    \
    if (db) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) *(NAME##_v *)(db + v * VW) = sum[v];                 \
  }

/*
 * pool_fwd: for WB 2×2 windows (pixels pixel[4w + k], k in window order, at x offsets corner[4w + k]), per
 * filter lane: z = ReLU(Σ_t wt[t][lane] · x[corner + at[t]] + bias) (NaN stays NaN), then the window's max
 * and its pixel (the first strictly greater from -inf, as the reference pools): best[w][lane], arg[w][lane].
 */
#define NNW_POOL_FWD(NAME, TARGET, VW, NV, WB)                                                                        \
  typedef float NAME##_v __attribute__((vector_size(VW * 4)));                                                       \
  typedef int32_t NAME##_i __attribute__((vector_size(VW * 4)));                                                     \
  TARGET static void NAME(int taps, const float *wt, int ldw, const float *bias, const float *x, const int *at, const int *corner, \
                          const int *pixel, float *best, int32_t *arg) {                                              \
    NAME##_v acc[4 * WB][NV];                                                                                        \
    _Pragma("GCC unroll 16") for (int k = 0; k < 4 * WB; k++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)  \
      acc[k][v] = (NAME##_v){0};                                                                                     \
    for (int t = 0; t < taps; t++) {                                                                                 \
      NAME##_v w[NV];                                                                                                \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) w[v] = *(const NAME##_v *)(wt + (size_t)t * ldw + v * VW); \
      const int o = at[t];                                                                                           \
      _Pragma("GCC unroll 16") for (int k = 0; k < 4 * WB; k++) {                                                    \
        const float xk = x[corner[k] + o];                                                                           \
        _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) acc[k][v] += xk * w[v];                                  \
      }                                                                                                              \
    }                                                                                                                \
    _Pragma("GCC unroll 4") for (int wi = 0; wi < WB; wi++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) {   \
      const NAME##_v b = *(const NAME##_v *)(bias + v * VW);                                                         \
      NAME##_v m = (NAME##_v){0} - __builtin_inff();                                                                 \
      NAME##_i a = (NAME##_i){0} + pixel[4 * wi];                                                                    \
      _Pragma("GCC unroll 4") for (int k = 0; k < 4; k++) {                                                          \
        NAME##_v z = acc[4 * wi + k][v] + b;                                                                         \
        z = (NAME##_v)((NAME##_i)z & ((z > 0) | (z != z)));                                                          \
        const NAME##_i gt = z > m;                                                                                   \
        m = (NAME##_v)(((NAME##_i)z & gt) | ((NAME##_i)m & ~gt));                                                    \
        a = (pixel[4 * wi + k] & gt) | (a & ~gt);                                                                    \
      }                                                                                                              \
      *(NAME##_v *)(best + (size_t)wi * VW * NV + v * VW) = m;                                                       \
      *(NAME##_i *)(arg + (size_t)wi * VW * NV + v * VW) = a;                                                        \
    }                                                                                                                \
  }

#if defined(__x86_64__) || defined(__i386__)
/* AVX-512: 13 taps × 2 vectors of accumulators + 2 of the bias sum + 2 of gradients in 30 of 32 zmm; the
 * forward 3 windows × 4 pixels × 2 vectors (24 zmm). AVX2 (16 ymm): 5 × 2 + 4 and 1 × 4 × 2 + 2. */
NNW_CONV_DW(dw_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 13)
NNW_POOL_FWD(pool3_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 3)
NNW_POOL_FWD(pool1_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 1)
NNW_CONV_DW(dw_avx2, __attribute__((target("avx2,fma"))), 8, 2, 5)
NNW_POOL_FWD(pool1_avx2, __attribute__((target("avx2,fma"))), 8, 2, 1)
static const nnw_conv_micro avx512 = {16 * 2, 13, dw_avx512, 3, pool3_avx512, pool1_avx512};
static const nnw_conv_micro avx2 = {8 * 2, 5, dw_avx2, 1, pool1_avx2, pool1_avx2};
#endif
NNW_CONV_DW(dw_generic, , 4, 2, 5)
NNW_POOL_FWD(pool1_generic, , 4, 2, 1)
static const nnw_conv_micro generic = {4 * 2, 5, dw_generic, 1, pool1_generic, pool1_generic};

const nnw_conv_micro *nnw_conv_micro_for(const nnw_micro *mk) {
#if defined(__x86_64__) || defined(__i386__)
  if (strcmp(mk->name, "avx512") == 0) return &avx512;
  if (strcmp(mk->name, "avx2") == 0) return &avx2;
#endif
  (void)mk;
  return &generic;
}

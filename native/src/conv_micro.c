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
 * pool_fwd: for WB 2×2 windows side by side in a pooled row (window 0's top-left pixel at x0 of the image, pixel
 * index pixel0; pixel rows `row` floats apart, columns STEP: 1 in the wide kernels, which serve stride 1), per
 * filter lane: z = ReLU(Σ_t wt[t][lane] · x[corner + at[t]] + bias) (NaN stays NaN), then the window's max
 * and its pixel (the first strictly greater from -inf, as the reference pools), stored by STORE to out's
 * y and argmax at window w (argmax: index into the image's [f, oh, ow] output).
 */
#define NNW_POOL_FWD(NAME, TARGET, VW, NV, WB, STEP, STORE)                                                           \
  typedef float NAME##_v __attribute__((vector_size(VW * 4)));                                                       \
  typedef int32_t NAME##_i __attribute__((vector_size(VW * 4)));                                                     \
  TARGET static void NAME(int taps, const float *wt, int ldw, const float *bias, const float *x0, int row, int step,      \
                          const int *at, int pixel0, int ow, const nnw_pool_out *out) {                               \
    (void)step;                                                                                                      \
    NAME##_v acc[4 * WB][NV];                                                                                        \
    _Pragma("GCC unroll 16") for (int k = 0; k < 4 * WB; k++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)  \
      acc[k][v] = (NAME##_v){0};                                                                                     \
    for (int t = 0; t < taps; t++) {                                                                                 \
      NAME##_v w[NV];                                                                                                \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) w[v] = *(const NAME##_v *)(wt + (size_t)t * ldw + v * VW); \
      const float *r0 = x0 + at[t], *r1 = r0 + row; /* the windows' top and bottom rows under tap t */             \
      _Pragma("GCC unroll 16") for (int k = 0; k < 4 * WB; k++) {                                                    \
        const float xk = ((k & 2) ? r1 : r0)[(2 * (k / 4) + (k & 1)) * (STEP)];                                       \
        _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) acc[k][v] += xk * w[v];                                  \
      }                                                                                                              \
    }                                                                                                                \
    _Pragma("GCC unroll 4") for (int wi = 0; wi < WB; wi++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) {   \
      const NAME##_v b = *(const NAME##_v *)(bias + v * VW);                                                         \
      NAME##_v m = (NAME##_v){0} - __builtin_inff();                                                                 \
      NAME##_i a = (NAME##_i){0} + (pixel0 + 2 * wi);                                                                \
      _Pragma("GCC unroll 4") for (int k = 0; k < 4; k++) {                                                          \
        NAME##_v z = acc[4 * wi + k][v] + b;                                                                         \
        z = (NAME##_v)((NAME##_i)z & ((z > 0) | (z != z)));                                                          \
        const NAME##_i gt = z > m;                                                                                   \
        m = (NAME##_v)(((NAME##_i)z & gt) | ((NAME##_i)m & ~gt));                                                    \
        a = ((pixel0 + (k / 2) * ow + 2 * wi + (k & 1)) & gt) | (a & ~gt);                                           \
      }                                                                                                              \
      const int lanes = out->lanes - v * VW;                                                                         \
      if (lanes > 0) STORE(out, wi + (size_t)v * VW * out->pooled, lanes < VW ? lanes : VW, m, a + out->plane0 + v * VW * out->pix); \
    }                                                                                                                \
  }

/* A window's vector of filters out to y[lane·pooled] and argmax[lane·pooled] (from `at`), lanes < `lanes`. */
#define NNW_STORE_LANES(NAME, TARGET, VW)                                                                            \
  typedef float NAME##_v __attribute__((vector_size(VW * 4)));                                                       \
  typedef int32_t NAME##_i __attribute__((vector_size(VW * 4)));                                                     \
  TARGET static inline void NAME(const nnw_pool_out *out, size_t at, int lanes, NAME##_v m, NAME##_i a) {            \
    for (int l = 0; l < lanes; l++) {                                                                                \
      out->y[at + (size_t)l * out->pooled] = m[l];                                                                   \
      out->argmax[at + (size_t)l * out->pooled] = a[l] + l * out->pix;                                               \
    }                                                                                                                \
  }

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
/* AVX-512 stores a window's 16 filters with two scatters (a transposition through memory cost as much as the sums). */
typedef float avx512_v __attribute__((vector_size(64)));
typedef int32_t avx512_i __attribute__((vector_size(64)));
__attribute__((target("avx512f"))) static inline void store_avx512(const nnw_pool_out *out, size_t at, int lanes, avx512_v m, avx512_i a) {
  const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __mmask16 mask = (__mmask16)((1u << lanes) - 1);
  const __m512i index = _mm512_mullo_epi32(lane, _mm512_set1_epi32(out->pooled));
  const __m512i plane = _mm512_mullo_epi32(lane, _mm512_set1_epi32(out->pix));
  _mm512_mask_i32scatter_ps(out->y + at, mask, index, (__m512)m, 4);
  _mm512_mask_i32scatter_epi32(out->argmax + at, mask, index, _mm512_add_epi32((__m512i)a, plane), 4);
}
NNW_STORE_LANES(store_avx2, __attribute__((target("avx2,fma"))), 8)

/*
 * route (2×2 windows at stride 2): gt[pixel][f] = dy where y > 0, filter f's pooled row 16 windows at a time, by
 * scatter (a plain store: gt holds +0 there, and the windows do not overlap). Returns 0, or -1 when some routed
 * argmax is not a pixel of its own window (garbage in): the caller then routes this filter the general way.
 */
__attribute__((target("avx512f"))) static int route_avx512(const float *dy, const int32_t *arg, const float *y, const int32_t *window,
                                                           int pooled, int f, int pix, int ow, int fp, float *gt) {
  const __m512i plane = _mm512_set1_epi32(f * pix), stride = _mm512_set1_epi32(fp), filter = _mm512_set1_epi32(f);
  const __m512i one = _mm512_set1_epi32(1), down = _mm512_set1_epi32(ow), diagonal = _mm512_set1_epi32(ow + 1);
  for (int q = 0; q < pooled; q += 16) {
    const __mmask16 tail = (__mmask16)(pooled - q >= 16 ? 0xffff : (1u << (pooled - q)) - 1);
    const __mmask16 live = _mm512_mask_cmp_ps_mask(tail, _mm512_maskz_loadu_ps(tail, y + q), _mm512_setzero_ps(), _CMP_GT_OQ);
    const __m512i own = _mm512_sub_epi32(_mm512_maskz_loadu_epi32(tail, arg + q), plane);
    const __m512i d = _mm512_sub_epi32(own, _mm512_maskz_loadu_epi32(tail, window + q));
    const __mmask16 inside = _mm512_cmpeq_epi32_mask(d, _mm512_setzero_si512()) | _mm512_cmpeq_epi32_mask(d, one) |
                             _mm512_cmpeq_epi32_mask(d, down) | _mm512_cmpeq_epi32_mask(d, diagonal);
    if (live & ~inside) return -1;
    const __m512i index = _mm512_add_epi32(_mm512_mullo_epi32(own, stride), filter);
    _mm512_mask_i32scatter_ps(gt, live, index, _mm512_maskz_loadu_ps(tail, dy + q), 4);
  }
  return 0;
}
/* AVX-512: 13 taps × 2 vectors of accumulators + 2 of the bias sum + 2 of gradients in 30 of 32 zmm; the
 * forward 3 windows × 4 pixels × 2 vectors (24 zmm). AVX2 (16 ymm): 5 × 2 + 4 and 1 × 4 × 2 + 2. */
NNW_CONV_DW(dw_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 13)
NNW_POOL_FWD(pool3_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 3, 1, store_avx512)
NNW_POOL_FWD(pool1_avx512, __attribute__((target("avx512f,fma"))), 16, 2, 1, step, store_avx512)
NNW_CONV_DW(dw_avx2, __attribute__((target("avx2,fma"))), 8, 2, 5)
NNW_POOL_FWD(pool1_avx2, __attribute__((target("avx2,fma"))), 8, 2, 1, step, store_avx2)
static const nnw_conv_micro avx512 = {16 * 2, 13, dw_avx512, 3, pool3_avx512, pool1_avx512, route_avx512};
static const nnw_conv_micro avx2 = {8 * 2, 5, dw_avx2, 1, pool1_avx2, pool1_avx2, NULL};
#endif
NNW_CONV_DW(dw_generic, , 4, 2, 5)
NNW_STORE_LANES(store_generic, , 4)
NNW_POOL_FWD(pool1_generic, , 4, 2, 1, step, store_generic)
static const nnw_conv_micro generic = {4 * 2, 5, dw_generic, 1, pool1_generic, pool1_generic, NULL};

const nnw_conv_micro *nnw_conv_micro_for(const nnw_micro *mk) {
#if defined(__x86_64__) || defined(__i386__)
  if (strcmp(mk->name, "avx512") == 0) return &avx512;
  if (strcmp(mk->name, "avx2") == 0) return &avx2;
#endif
  (void)mk;
  return &generic;
}

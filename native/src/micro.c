/* The GEMM micro-kernels, one per instruction set (GCC/Clang vector extensions), picked at run time. */
#include <stdlib.h>
#include <string.h>
#include "nnw.h"

/*
 * A micro-tile of MR rows × NV vectors of VW floats: MR·NV accumulators stay in registers over the kc
 * steps (AVX-512: 8 × 32 in 16 of 32 zmm; AVX2: 6 × 16 in 12 of 16 ymm; generic: 4 × 8 in 8 xmm).
 * Packed panels are 64-byte aligned; C and the biases need not be (unaligned vector types).
 */
#define NNW_MICRO(NAME, TARGET, VW, MR, NV)                                                                         \
  typedef float NAME##_v __attribute__((vector_size(VW * 4)));                                                     \
  typedef float NAME##_u __attribute__((vector_size(VW * 4), aligned(4)));                                         \
  typedef int32_t NAME##_i __attribute__((vector_size(VW * 4)));                                                   \
  TARGET static void NAME(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate,         \
                          const float *row_bias, const float *col_bias, int relu) {                               \
    NAME##_v acc[MR][NV];                                                                                          \
    _Pragma("GCC unroll 32") for (int i = 0; i < MR; i++) _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++)      \
      acc[i][v] = (NAME##_v){0};                                                                                   \
    for (int p = 0; p < kc; p++) {                                                                                 \
      NAME##_v bv[NV];                                                                                             \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) bv[v] = *(const NAME##_v *)(b + v * VW);                \
      _Pragma("GCC unroll 32") for (int i = 0; i < MR; i++) {                                                      \
        const float ai = a[i];                                                                                     \
        _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) acc[i][v] += ai * bv[v];                               \
      }                                                                                                            \
      a += MR;                                                                                                     \
      b += VW * NV;                                                                                                \
    }                                                                                                              \
    _Pragma("GCC unroll 32") for (int i = 0; i < MR; i++) {                                                        \
      float *ci = c + i * ldc;                                                                                     \
      _Pragma("GCC unroll 4") for (int v = 0; v < NV; v++) {                                                       \
        NAME##_v x = acc[i][v];                                                                                    \
        if (accumulate) x += *(const NAME##_u *)(ci + v * VW);                                                     \
        if (row_bias) x += row_bias[i];                                                                            \
        if (col_bias) x += *(const NAME##_u *)(col_bias + v * VW);                                                 \
        if (relu) x = (NAME##_v)((NAME##_i)x & ((x > 0) | (x != x))); /* NaN stays NaN, as in the reference */    \
        *(NAME##_u *)(ci + v * VW) = x;                                                                            \
      }                                                                                                            \
    }                                                                                                              \
  }

#if defined(__x86_64__) || defined(__i386__)
NNW_MICRO(micro_avx512, __attribute__((target("avx512f"))), 16, 8, 2)
NNW_MICRO(micro_avx2, __attribute__((target("avx2,fma"))), 8, 6, 2)
#endif
NNW_MICRO(micro_generic, , 4, 4, 2)

static const nnw_micro kernels[] = {
#if defined(__x86_64__) || defined(__i386__)
    {"avx512", 8, 32, micro_avx512},
    {"avx2", 6, 16, micro_avx2},
#endif
    {"generic", 4, 8, micro_generic},
};

static int runs(const nnw_micro *k) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (strcmp(k->name, "avx512") == 0) return __builtin_cpu_supports("avx512f");
  if (strcmp(k->name, "avx2") == 0) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  return strcmp(k->name, "generic") == 0;
}

const nnw_micro *nnw_micro_id(int id) {
  if (id < 0 || (size_t)id >= sizeof kernels / sizeof kernels[0]) return NULL;
  return runs(&kernels[id]) ? &kernels[id] : NULL;
}

int nnw_micro_count(void) { return (int)(sizeof kernels / sizeof kernels[0]); }

const char *nnw_micro_name(int id) { return id >= 0 && id < nnw_micro_count() ? kernels[id].name : NULL; }

/* Per-thread scratch (the addon may run on several worker threads at once). */
static _Thread_local float *scratch_buf[8];
static _Thread_local size_t scratch_cap[8];

float *nnw_scratch(int slot, size_t n) {
  if (scratch_cap[slot] >= n && scratch_buf[slot]) return scratch_buf[slot];
  free(scratch_buf[slot]);
  size_t bytes = ((n * sizeof(float) + 63) / 64) * 64;
  scratch_buf[slot] = aligned_alloc(64, bytes ? bytes : 64);
  scratch_cap[slot] = scratch_buf[slot] ? n : 0;
  return scratch_buf[slot];
}

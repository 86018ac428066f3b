/* The training step's vector kernels: Σx² (the L2 penalty), axpy, and the optimizer steps, plain or with the
 * L2 gradient folded in. */
/* NOTE: no fused multiply-adds here, so momentum and Adam round exactly as the TypeScript reference does. */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#include <math.h>
#include "nnw.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

/* Σx² over 32 interleaved float64 partial sums (part[j] takes x[i] for i ≡ j mod 32), added up in one fixed
 * tree: 32 dependency chains instead of 8, so the sum runs at load speed rather than at the latency of an
 * add. Every ISA keeps this order (the float32 squares are exact in float64, so only the order of the
 * additions rounds): the same sum on every CPU. */
#define NNW_PARTS 32

static double sum_parts(double *part, const float *x, size_t i, size_t n) {
  for (; i < n; i++) part[i % NNW_PARTS] += (double)x[i] * x[i];
  for (int width = NNW_PARTS / 2; width > 0; width /= 2)
    for (int j = 0; j < width; j++) part[j] += part[j + width];
  return part[0];
}

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("avx512f"))) static double sum_squares_avx512(const float *x, size_t n) {
  __m512d s[4] = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()};
  size_t i = 0;
  for (; i + NNW_PARTS <= n; i += NNW_PARTS)
    for (int j = 0; j < 4; j++) {
      const __m512d a = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8 * j));
      s[j] = _mm512_add_pd(s[j], _mm512_mul_pd(a, a));
    }
  double part[NNW_PARTS];
  for (int j = 0; j < 4; j++) _mm512_storeu_pd(part + 8 * j, s[j]);
  return sum_parts(part, x, i, n);
}

__attribute__((target("avx2"))) static double sum_squares_avx2(const float *x, size_t n) {
  __m256d s[8];
  for (int j = 0; j < 8; j++) s[j] = _mm256_setzero_pd();
  size_t i = 0;
  for (; i + NNW_PARTS <= n; i += NNW_PARTS)
    for (int j = 0; j < 8; j++) {
      const __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4 * j));
      s[j] = _mm256_add_pd(s[j], _mm256_mul_pd(a, a));
    }
  double part[NNW_PARTS];
  for (int j = 0; j < 8; j++) _mm256_storeu_pd(part + 4 * j, s[j]);
  return sum_parts(part, x, i, n);
}
#endif

static double sum_squares_generic(const float *x, size_t n) {
  double part[NNW_PARTS] = {0};
  size_t i = 0;
  for (; i + NNW_PARTS <= n; i += NNW_PARTS)
    for (int j = 0; j < NNW_PARTS; j++) part[j] += (double)x[i + j] * x[i + j];
  return sum_parts(part, x, i, n);
}

/* 2: AVX-512, 1: AVX2, 0: neither. */
static int vector_isa(void) {
#if defined(__x86_64__) || defined(__i386__)
  static int isa = -1; /* a benign race: every thread finds the same */
  if (isa < 0) {
    __builtin_cpu_init();
    isa = __builtin_cpu_supports("avx512f") ? 2 : __builtin_cpu_supports("avx2") ? 1 : 0;
  }
  return isa;
#else
  return 0;
#endif
}

double nnw_sum_squares(const float *x, size_t n) {
#if defined(__x86_64__) || defined(__i386__)
  const int isa = vector_isa();
  if (isa == 2) return sum_squares_avx512(x, n);
  if (isa == 1) return sum_squares_avx2(x, n);
#endif
  return sum_squares_generic(x, n);
}

/* The steps' loops are written once (inlined into a copy per ISA: 16 lanes with AVX-512 instead of SSE's 4)
 * and run on the widest this CPU has; every copy does the same float32 operations on each element. */
#define NNW_INLINE static inline __attribute__((always_inline))

NNW_INLINE void axpy_body(float alpha, const float *restrict x, float *restrict y, size_t n) {
  for (size_t i = 0; i < n; i++) y[i] = y[i] + alpha * x[i];
}

NNW_INLINE void momentum_body(float *restrict w, const float *restrict g, float *restrict v, float beta, float lr, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const float vi = beta * v[i] - lr * g[i];
    v[i] = vi;
    w[i] = w[i] + vi;
  }
}

/* g ← g + decay·w (rounded as axpy rounds it, and kept in g as that leaves it), then the momentum step:
 * one pass instead of two. */
NNW_INLINE void momentum_l2_body(float *restrict w, float *restrict g, float *restrict v, float beta, float lr, float decay, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const float gi = g[i] + decay * w[i];
    g[i] = gi;
    const float vi = beta * v[i] - lr * gi;
    v[i] = vi;
    w[i] = w[i] + vi;
  }
}

typedef struct {
  float b1, c1, b2, c2, lr, isc2, eps;
} adam_k;

NNW_INLINE float adam_one(float w, float gi, float *m, float *v, adam_k k) {
  const float mi = k.b1 * *m + k.c1 * gi;
  const float vi = k.b2 * *v + k.c2 * gi * gi;
  *m = mi;
  *v = vi;
  return w - (k.lr * mi) / (sqrtf(vi) * k.isc2 + k.eps);
}

NNW_INLINE void adam_body(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, adam_k k, size_t n) {
  for (size_t i = 0; i < n; i++) w[i] = adam_one(w[i], g[i], m + i, v + i, k);
}

/* g ← g + decay·w, then the Adam step (as momentum_l2_body does for momentum). */
NNW_INLINE void adam_l2_body(float *restrict w, float *restrict g, float *restrict m, float *restrict v, adam_k k, float decay, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const float gi = g[i] + decay * w[i];
    g[i] = gi;
    w[i] = adam_one(w[i], gi, m + i, v + i, k);
  }
}

/* NAME_avx512, NAME_avx2 and NAME_generic running BODY, and NAME picking one of them by the CPU. */
#if defined(__x86_64__) || defined(__i386__)
#define NNW_DISPATCH(NAME, PARAMS, ARGS)                                                                   \
  __attribute__((target("avx512f"))) static void NAME##_avx512 PARAMS { NAME##_body ARGS; }             \
  __attribute__((target("avx2"))) static void NAME##_avx2 PARAMS { NAME##_body ARGS; }                  \
  static void NAME##_generic PARAMS { NAME##_body ARGS; }                                               \
  static void NAME PARAMS {                                                                             \
    const int isa = vector_isa();                                                                       \
    if (isa == 2) NAME##_avx512 ARGS;                                                                   \
    else if (isa == 1) NAME##_avx2 ARGS;                                                                \
    else NAME##_generic ARGS;                                                                           \
  }
#else
#define NNW_DISPATCH(NAME, PARAMS, ARGS) \
  static void NAME PARAMS { NAME##_body ARGS; }
#endif

NNW_DISPATCH(axpy, (float alpha, const float *x, float *y, size_t n), (alpha, x, y, n))
NNW_DISPATCH(momentum, (float *w, const float *g, float *v, float beta, float lr, size_t n), (w, g, v, beta, lr, n))
NNW_DISPATCH(momentum_l2, (float *w, float *g, float *v, float beta, float lr, float decay, size_t n), (w, g, v, beta, lr, decay, n))
NNW_DISPATCH(adam, (float *w, const float *g, float *m, float *v, adam_k k, size_t n), (w, g, m, v, k, n))
NNW_DISPATCH(adam_l2, (float *w, float *g, float *m, float *v, adam_k k, float decay, size_t n), (w, g, m, v, k, decay, n))

void nnw_axpy(float alpha, const float *x, float *y, size_t n) { axpy(alpha, x, y, n); }

void nnw_momentum_step(float *w, const float *g, float *v, float beta, float lr, size_t n) { momentum(w, g, v, beta, lr, n); }

void nnw_momentum_step_l2(float *w, float *g, float *v, float beta, float lr, float decay, size_t n) { momentum_l2(w, g, v, beta, lr, decay, n); }

void nnw_adam_step(float *w, const float *g, float *m, float *v, float b1, float c1, float b2, float c2, float lr, float isc2, float eps, size_t n) {
  adam(w, g, m, v, (adam_k){b1, c1, b2, c2, lr, isc2, eps}, n);
}

void nnw_adam_step_l2(float *w, float *g, float *m, float *v, float b1, float c1, float b2, float c2, float lr, float isc2, float eps, float decay,
                      size_t n) {
  adam_l2(w, g, m, v, (adam_k){b1, c1, b2, c2, lr, isc2, eps}, decay, n);
}

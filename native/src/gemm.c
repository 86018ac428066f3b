/* Blocked GEMM driver (BLIS loop order) over a micro-kernel: k- and m-blocks packed, micro-tiles over them, with
 * the epilogue (bias per row or column, ReLU) fused and the row sums of A taken while it is packed. */
#include <string.h>
#include "nnw.h"
#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

enum { KC = 384, MC = 144, NC = 1024 }; /* MC is a multiple of every micro-kernel's MR, NC of every NR */
enum { SLOT_A = 0, SLOT_B = 1, SLOT_TILE = 2, SLOT_YT = 4 /* shared with the conv image: never live at once */ };

static int imin(int a, int b) { return a < b ? a : b; }

/* ceil(total / ceil(total / limit)) rounded up to unit: equal blocks instead of a thin last one. */
static int balanced(int total, int limit, int unit) {
  int blocks = (total + limit - 1) / limit;
  int size = (total + blocks - 1) / blocks;
  size = ((size + unit - 1) / unit) * unit;
  return size < limit ? size : limit;
}

/* dst[p·width + r] = src[r·ld + p] for r < rows, 0 for rows ≤ r < width, p < k: a panel from `rows` rows of a
 * row-major matrix (A untransposed, Bᵀ). 4×4 blocks go through SSE registers where x86 has them. */
static void pack_transposed(const float *src, int ld, int rows, int width, int k, float *dst) {
  int r = 0;
#if defined(__SSE__) || defined(__x86_64__)
  for (; r + 4 <= rows; r += 4) {
    const float *s0 = src + (size_t)r * ld, *s1 = s0 + ld, *s2 = s1 + ld, *s3 = s2 + ld;
    int p = 0;
    for (; p + 4 <= k; p += 4) {
      __m128 a = _mm_loadu_ps(s0 + p), b = _mm_loadu_ps(s1 + p), c = _mm_loadu_ps(s2 + p), d = _mm_loadu_ps(s3 + p);
      _MM_TRANSPOSE4_PS(a, b, c, d);
      float *out = dst + (size_t)p * width + r;
      _mm_storeu_ps(out, a);
      _mm_storeu_ps(out + width, b);
      _mm_storeu_ps(out + 2 * width, c);
      _mm_storeu_ps(out + 3 * width, d);
    }
    for (; p < k; p++) {
      float *out = dst + (size_t)p * width + r;
      out[0] = s0[p], out[1] = s1[p], out[2] = s2[p], out[3] = s3[p];
    }
  }
#endif
  for (; r < rows; r++)
    for (int p = 0; p < k; p++) dst[(size_t)p * width + r] = src[(size_t)r * ld + p];
  for (; r < width; r++)
    for (int p = 0; p < k; p++) dst[(size_t)p * width + r] = 0.f;
}

/* Panels of MR rows of op(A)[i0.., p0..]; sums (NULL: none) gets each row's sum over the kc steps added. */
static void pack_a(int mr_max, int transA, const float *a, int lda, int i0, int p0, int mc, int kc, float *dst, float *sums, int zero_sums) {
  for (int ir = 0; ir < mc; ir += mr_max) {
    const int mr = imin(mr_max, mc - ir);
    float *panel = dst + (size_t)ir * kc;
    if (transA) {
      for (int p = 0; p < kc; p++) {
        const float *src = a + (size_t)(p0 + p) * lda + i0 + ir;
        float *out = panel + (size_t)p * mr_max;
        for (int r = 0; r < mr_max; r++) out[r] = r < mr ? src[r] : 0.f;
      }
    } else {
      pack_transposed(a + (size_t)(i0 + ir) * lda + p0, lda, mr, mr_max, kc, panel);
    }
    if (sums) {
      for (int r = 0; r < mr; r++) {
        float s = zero_sums ? 0.f : sums[ir + r];
        for (int p = 0; p < kc; p++) s += panel[(size_t)p * mr_max + r];
        sums[ir + r] = s;
      }
    }
  }
}

typedef struct {
  int transB;
  const float *b;
  int ldb;
} matrix_b;

/* Panels of NR columns of op(B)[p0.., j0..] (a stored matrix: the usual B packer). */
static void pack_b(const void *ctx, int nr_max, int p0, int j0, int kc, int nc, float *dst) {
  const matrix_b *mb = ctx;
  const int transB = mb->transB, ldb = mb->ldb;
  const float *b = mb->b;
  for (int jr = 0; jr < nc; jr += nr_max) {
    const int nr = imin(nr_max, nc - jr);
    float *panel = dst + (size_t)jr * kc;
    if (!transB) {
      for (int p = 0; p < kc; p++) {
        const float *src = b + (size_t)(p0 + p) * ldb + j0 + jr;
        float *out = panel + (size_t)p * nr_max;
        if (nr == nr_max) memcpy(out, src, sizeof(float) * nr_max);
        else for (int j = 0; j < nr_max; j++) out[j] = j < nr ? src[j] : 0.f;
      }
    } else {
      pack_transposed(b + (size_t)(j0 + jr) * ldb + p0, ldb, nr, nr_max, kc, panel);
    }
  }
}

/* Copies (or adds) the top-left mr×nr corner of a tile into C with the epilogue (loops the compiler vectorizes). */
static void merge_tile(const float *tile, int nr_max, float *c, ptrdiff_t ldc, int mr, int nr, int accumulate, const float *rb,
                       const float *cb, int relu) {
  for (int i = 0; i < mr; i++) {
    const float *t = tile + i * nr_max;
    float *ci = c + i * ldc;
    const float bias_i = rb ? rb[i] : 0.f;
    for (int j = 0; j < nr; j++) {
      float v = t[j] + (accumulate ? ci[j] : 0.f);
      if (rb) v += bias_i;
      if (cb) v += cb[j];
      ci[j] = relu && !(v > 0) && v == v ? 0.f : v;
    }
  }
}

int nnw_gemm(const nnw_micro *mk, int transA, int transB, int m, int n, int k, const float *a, int lda, const float *b,
             int ldb, float *c, int ldc, int beta, const float *bias, int bias_mode, int relu, float *row_sums) {
  const matrix_b mb = {transB, b, ldb};
  return nnw_gemm_packing(mk, transA, m, n, k, a, lda, pack_b, &mb, c, ldc, beta, bias, bias_mode, relu, row_sums);
}

int nnw_gemm_packing(const nnw_micro *mk, int transA, int m, int n, int k, const float *a, int lda, nnw_pack_b pack, const void *pack_ctx,
                     float *c, int ldc, int beta, const float *bias, int bias_mode, int relu, float *row_sums) {
  if (m <= 0 || n <= 0) return 0;
  const float *row_bias = bias_mode == NNW_BIAS_ROWS ? bias : NULL;
  const float *col_bias = bias_mode == NNW_BIAS_COLUMNS ? bias : NULL;
  if (k <= 0) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float v = beta ? c[(size_t)i * ldc + j] : 0.f;
        if (row_bias) v += row_bias[i];
        if (col_bias) v += col_bias[j];
        if (relu && !(v > 0) && v == v) v = 0;
        c[(size_t)i * ldc + j] = v;
      }
    }
    if (row_sums && !beta) memset(row_sums, 0, sizeof(float) * m);
    return 0;
  }
  const int MR = mk->mr, NR = mk->nr;
  float *ap = nnw_scratch(SLOT_A, (size_t)MC * KC);
  float *bp = nnw_scratch(SLOT_B, (size_t)KC * NC);
  float *tile = nnw_scratch(SLOT_TILE, (size_t)MR * NR);
  if (!ap || !bp || !tile) return -1;
  const int kb = balanced(k, KC, 4), mb = balanced(m, MC, MR);
  for (int jc = 0; jc < n; jc += NC) {
    const int nc = imin(NC, n - jc);
    for (int pc = 0; pc < k; pc += kb) {
      const int kc = imin(kb, k - pc);
      const int last = pc + kc >= k, accumulate = pc > 0 || beta;
      pack(pack_ctx, NR, pc, jc, kc, nc, bp);
      for (int ic = 0; ic < m; ic += mb) {
        const int mc = imin(mb, m - ic);
        pack_a(MR, transA, a, lda, ic, pc, mc, kc, ap, row_sums && jc == 0 ? row_sums + ic : NULL, pc == 0 && !beta);
        for (int jr = 0; jr < nc; jr += NR) {
          const int nr = imin(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            const int mr = imin(MR, mc - ir);
            float *ct = c + (size_t)(ic + ir) * ldc + jc + jr;
            const float *rb = last && row_bias ? row_bias + ic + ir : NULL;
            const float *cb = last && col_bias ? col_bias + jc + jr : NULL;
            const float *a_panel = ap + (size_t)ir * kc, *b_panel = bp + (size_t)jr * kc;
            if (mr == MR && nr == NR) {
              mk->kernel(kc, a_panel, b_panel, ct, ldc, accumulate, rb, cb, last && relu);
            } else {
              mk->kernel(kc, a_panel, b_panel, tile, NR, 0, NULL, NULL, 0);
              merge_tile(tile, NR, ct, ldc, mr, nr, accumulate, rb, cb, last && relu);
            }
          }
        }
      }
    }
  }
  return 0;
}

/* Padded work of an m×n product in mr×nr tiles, relative to m·n. */
static double tiled(int m, int n, int mr, int nr) { return (double)((m + mr - 1) / mr * mr) * ((n + nr - 1) / nr * nr) / ((double)m * n); }

int nnw_linear_forward(const nnw_micro *mk, int n, int in, int out, const float *x, const float *w, const float *b, int relu, float *y) {
  /* y = x·wᵀ + b, or, when its tiles waste less (few outputs, like the CNN's 100 or a 10-way head), yᵀ = w·xᵀ + b
   * into scratch and transposed: each value's products are then summed in the same order, so the result is
   * bit for bit the same either way. */
  if (tiled(out, n, mk->mr, mk->nr) >= tiled(n, out, mk->mr, mk->nr))
    return nnw_gemm(mk, 0, 1, n, out, in, x, in, w, in, y, out, 0, b, NNW_BIAS_COLUMNS, relu, NULL);
  float *yt = nnw_scratch(SLOT_YT, (size_t)out * n);
  if (!yt || nnw_gemm(mk, 0, 1, out, n, in, w, in, x, in, yt, n, 0, b, NNW_BIAS_ROWS, relu, NULL)) return -1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < out; j++) y[(size_t)i * out + j] = yt[(size_t)j * n + i];
  return 0;
}

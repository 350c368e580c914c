/* Mote kernels: batched MatMul with broadcasting batch dims (see KERNELS.md).
 * Requires common.h. */

/* y[bt, m, n] = sum_k a[bt, m, k] * b[bt, k, n] for every batch index bt.
 *   bd0..bd3: output batch dims (right-aligned, leading 1); y is dense
 *   [bd0, bd1, bd2, bd3, m, n].
 *   as0..as3, bs0..bs3: batch strides in elements of a and b (0 = broadcast); each
 *   [m, k] / [k, n] matrix is itself dense row-major.
 * y must not overlap a or b. Each output row is a sum of scaled rows of b (streams b
 * and y). */
MOTE_MAYBE_UNUSED static inline void
mote_matmul_f32(const float* a, const float* b, float* y, int32_t m, int32_t n, int32_t k,
                int32_t bd0, int32_t bd1, int32_t bd2, int32_t bd3, int32_t as0, int32_t as1,
                int32_t as2, int32_t as3, int32_t bs0, int32_t bs1, int32_t bs2, int32_t bs3) {
  const size_t mn = (size_t)m * (size_t)n;
  int32_t i0, i1, i2, i3, i, j, kk;
  float* yb = y;

  for (i0 = 0; i0 < bd0; ++i0) {
    for (i1 = 0; i1 < bd1; ++i1) {
      for (i2 = 0; i2 < bd2; ++i2) {
        for (i3 = 0; i3 < bd3; ++i3) {
          const float* ab = a + (size_t)i0 * (size_t)as0 + (size_t)i1 * (size_t)as1 +
                            (size_t)i2 * (size_t)as2 + (size_t)i3 * (size_t)as3;
          const float* bb = b + (size_t)i0 * (size_t)bs0 + (size_t)i1 * (size_t)bs1 +
                            (size_t)i2 * (size_t)bs2 + (size_t)i3 * (size_t)bs3;
          for (i = 0; i < m; ++i) {
            const float* ar = ab + (size_t)i * (size_t)k;
            float* yr = yb + (size_t)i * (size_t)n;
            for (j = 0; j < n; ++j) yr[j] = 0.0f;
            for (kk = 0; kk < k; ++kk) {
              const float av = ar[kk];
              const float* br = bb + (size_t)kk * (size_t)n;
              for (j = 0; j < n; ++j) yr[j] += av * br[j];
            }
          }
          yb += mn;
        }
      }
    }
  }
}

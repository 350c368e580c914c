/* Mote kernels: Gemm (see KERNELS.md). Requires common.h. */

/* sum_{t < k} a[t] * b[t] with 8 independent partial sums: without them the
 * compiler may not reorder the float additions, so the loop could not be vectorized. */
MOTE_MAYBE_UNUSED static inline float mote_gemm_dot_(const float* a, const float* b, size_t k) {
  float acc[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
  const size_t k8 = k - k % 8;
  float s;
  size_t t, l;
  for (t = 0; t < k8; t += 8) {
    for (l = 0; l < 8; ++l) acc[l] += a[t + l] * b[t + l];
  }
  s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
  for (t = k8; t < k; ++t) s += a[t] * b[t];
  return s;
}

/* y[m, n] = act(alpha * op(A) op(B) + beta * C).
 *   A: [m, k], or [k, m] if trans_a; B: [k, n], or [n, k] if trans_b.
 *   C: NULL or [c_rows, c_cols] with c_rows in {1, m}, c_cols in {1, n}, broadcast
 *   to [m, n]. y must not overlap a, b or c.
 * Without trans_b, each output row is accumulated as a sum of scaled rows of B
 * (streams B and y); with trans_b, each element is a dot product of two contiguous
 * rows (when !trans_a). */
MOTE_MAYBE_UNUSED static inline void mote_gemm_f32(const float* a, const float* b, const float* c,
                                                   float* y, int32_t m, int32_t n, int32_t k,
                                                   int32_t trans_a, int32_t trans_b, float alpha,
                                                   float beta, int32_t c_rows, int32_t c_cols,
                                                   int32_t act, float p0, float p1) {
  /* Element (i, kk) of op(A) is a[i * a_rs + kk * a_ks]. */
  const size_t a_rs = trans_a ? 1 : (size_t)k;
  const size_t a_ks = trans_a ? (size_t)m : 1;
  int32_t i, j, kk;

  for (i = 0; i < m; ++i) {
    const float* ar = a + (size_t)i * a_rs;
    float* yr = y + (size_t)i * (size_t)n;
    if (!trans_b) {
      for (j = 0; j < n; ++j) yr[j] = 0.0f;
      for (kk = 0; kk < k; ++kk) {
        const float av = ar[(size_t)kk * a_ks];
        const float* br = b + (size_t)kk * (size_t)n;
        for (j = 0; j < n; ++j) yr[j] += av * br[j];
      }
    } else {
      for (j = 0; j < n; ++j) {
        const float* br = b + (size_t)j * (size_t)k;
        float s = 0.0f;
        if (a_ks == 1) {
          s = mote_gemm_dot_(ar, br, (size_t)k);
        } else {
          for (kk = 0; kk < k; ++kk) s += ar[(size_t)kk * a_ks] * br[kk];
        }
        yr[j] = s;
      }
    }
    if (c) {
      const float* cr = c + (c_rows == 1 ? 0 : (size_t)i * (size_t)c_cols);
      if (c_cols == 1) {
        const float cv = beta * cr[0];
        for (j = 0; j < n; ++j) yr[j] = alpha * yr[j] + cv;
      } else {
        for (j = 0; j < n; ++j) yr[j] = alpha * yr[j] + beta * cr[j];
      }
    } else if (alpha != 1.0f) {
      for (j = 0; j < n; ++j) yr[j] *= alpha;
    }
    if (act != MOTE_ACT_NONE) mote_act_array(yr, yr, (size_t)n, act, p0, p1);
  }
}

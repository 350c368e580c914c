/* Mote kernels: constant-mode Pad (see KERNELS.md). Requires common.h. */

/* y[j] = x[j - b] where every j_k - b_k lies in [0, i_k), else `value`.
 *   i0..i5: input dims, o0..o5: output dims, b0..b5: begin pads (negative = crop),
 *   all right-aligned to 6-D (leading dims 1, leading pads 0).
 * End pads are implied by o = i + begin + end. y must not overlap x. The output is
 * written row by row: rows outside the input are filled, other rows are
 * fill / memcpy / fill. */
MOTE_MAYBE_UNUSED static inline void
mote_pad_f32(const float* x, float* y, float value, int32_t i0, int32_t i1, int32_t i2, int32_t i3,
             int32_t i4, int32_t i5, int32_t o0, int32_t o1, int32_t o2, int32_t o3, int32_t o4,
             int32_t o5, int32_t b0, int32_t b1, int32_t b2, int32_t b3, int32_t b4, int32_t b5) {
  const int64_t id[6] = {i0, i1, i2, i3, i4, i5};
  const int64_t od[6] = {o0, o1, o2, o3, o4, o5};
  const int64_t bp[6] = {b0, b1, b2, b3, b4, b5};
  int64_t is[6]; /* input strides */
  int64_t j[5];  /* output index in the 5 outer dims */
  int64_t stride = 1, c0, c1, t;
  int k;
  float* yr = y;

  for (k = 5; k >= 0; --k) {
    if (od[k] <= 0) return; /* empty output */
    is[k] = stride;
    stride *= id[k];
  }
  /* Columns [c0, c1) of every output row come from the input. */
  c0 = bp[5] > 0 ? bp[5] : 0;
  c1 = id[5] + bp[5] < od[5] ? id[5] + bp[5] : od[5];
  if (c1 < c0) c1 = c0;

  for (j[0] = 0; j[0] < od[0]; ++j[0]) {
    for (j[1] = 0; j[1] < od[1]; ++j[1]) {
      for (j[2] = 0; j[2] < od[2]; ++j[2]) {
        for (j[3] = 0; j[3] < od[3]; ++j[3]) {
          for (j[4] = 0; j[4] < od[4]; ++j[4]) {
            int64_t src = 0;
            int inside = c1 > c0;
            for (k = 0; k < 5 && inside; ++k) {
              const int64_t q = j[k] - bp[k];
              if (q < 0 || q >= id[k]) inside = 0;
              src += q * is[k];
            }
            if (!inside) {
              for (t = 0; t < od[5]; ++t) yr[t] = value;
            } else {
              for (t = 0; t < c0; ++t) yr[t] = value;
              memcpy(yr + c0, x + src + (c0 - bp[5]), (size_t)(c1 - c0) * sizeof(float));
              for (t = c1; t < od[5]; ++t) yr[t] = value;
            }
            yr += od[5];
          }
        }
      }
    }
  }
}

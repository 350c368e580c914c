/* Mote kernels: Transpose (see KERNELS.md). Requires common.h. */

/* y = transpose(x, perm): y[i0..i5] = x[j] with j[p_k] = i_k, i.e. output dim k is
 * input dim p_k.
 *   d0..d5: input dims (right-aligned, leading 1);
 *   p0..p5: permutation of the padded 6-D index space (leading entries 0, 1, ...).
 * y must not overlap x. The output is written in order; output dims of size 1 are
 * dropped and neighbouring output dims that are also neighbours in x are merged, so
 * the innermost loop is as long as possible (a plain memcpy when it is contiguous
 * in x). */
MOTE_MAYBE_UNUSED static inline void mote_transpose_f32(const float* x, float* y, int32_t d0,
                                                        int32_t d1, int32_t d2, int32_t d3,
                                                        int32_t d4, int32_t d5, int32_t p0,
                                                        int32_t p1, int32_t p2, int32_t p3,
                                                        int32_t p4, int32_t p5) {
  const int32_t in_d[6] = {d0, d1, d2, d3, d4, d5};
  const int32_t perm[6] = {p0, p1, p2, p3, p4, p5};
  size_t in_stride[6];
  /* Collapsed output loop nest: dims od and source strides ss, right-aligned. */
  size_t od[6] = {1, 1, 1, 1, 1, 1};
  size_t ss[6] = {0, 0, 0, 0, 0, 0};
  size_t cd[6] = {1, 1, 1, 1, 1, 1};
  size_t cs[6] = {0, 0, 0, 0, 0, 0};
  size_t stride = 1;
  size_t i0, i1, i2, i3, i4, t;
  int32_t i, rank = 0;
  float* yr = y;

  for (i = 5; i >= 0; --i) {
    if (in_d[i] <= 0) return; /* empty tensor */
    in_stride[i] = stride;
    stride *= (size_t)in_d[i];
  }
  for (i = 0; i < 6; ++i) {
    const size_t n = (size_t)in_d[perm[i]];
    const size_t s = in_stride[perm[i]];
    if (n == 1) continue;
    if (rank > 0 && cs[rank - 1] == s * n) {
      cd[rank - 1] *= n;
      cs[rank - 1] = s;
    } else {
      cd[rank] = n;
      cs[rank] = s;
      ++rank;
    }
  }
  for (i = 0; i < rank; ++i) {
    od[6 - rank + i] = cd[i];
    ss[6 - rank + i] = cs[i];
  }

  for (i0 = 0; i0 < od[0]; ++i0) {
    for (i1 = 0; i1 < od[1]; ++i1) {
      for (i2 = 0; i2 < od[2]; ++i2) {
        for (i3 = 0; i3 < od[3]; ++i3) {
          for (i4 = 0; i4 < od[4]; ++i4) {
            const float* xr = x + i0 * ss[0] + i1 * ss[1] + i2 * ss[2] + i3 * ss[3] + i4 * ss[4];
            if (ss[5] == 1) {
              memcpy(yr, xr, od[5] * sizeof(float));
            } else {
              for (t = 0; t < od[5]; ++t) yr[t] = xr[t * ss[5]];
            }
            yr += od[5];
          }
        }
      }
    }
  }
}

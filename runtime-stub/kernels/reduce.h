/* Mote kernels: reductions (see KERNELS.md). Requires common.h. */

#define MOTE_REDUCE_MEAN 0

/* Reduces x over the dims d_k with r_k != 0 (kind 0: mean).
 *   d0..d5: input dims (right-aligned, leading 1); r0..r5: 1 where the dim is reduced.
 *   y is laid out as x with the reduced dims set to 1 (dense).
 * Reducing over an empty set gives NaN (0 / 0), as numpy's mean does. y must not
 * overlap x.
 * x is read once, in order: size-1 dims are dropped and neighbouring dims with the
 * same r are merged, so the innermost loop is either a contiguous sum into one y
 * element or a row-wise add into a y row. */
MOTE_MAYBE_UNUSED static inline void mote_reduce_f32(const float* x, float* y, int32_t kind,
                                                     int32_t d0, int32_t d1, int32_t d2, int32_t d3,
                                                     int32_t d4, int32_t d5, int32_t r0, int32_t r1,
                                                     int32_t r2, int32_t r3, int32_t r4,
                                                     int32_t r5) {
  const int32_t in_d[6] = {d0, d1, d2, d3, d4, d5};
  const int32_t in_r[6] = {r0, r1, r2, r3, r4, r5};
  size_t cd[6] = {1, 1, 1, 1, 1, 1};
  int cr[6] = {0, 0, 0, 0, 0, 0};
  /* Collapsed nest: dims d, reduced flags r, y strides ys (0 on reduced dims). */
  size_t d[6] = {1, 1, 1, 1, 1, 1};
  int r[6] = {0, 0, 0, 0, 0, 0};
  size_t ys[6] = {0, 0, 0, 0, 0, 0};
  size_t count = 1, ny = 1, stride = 1, t, i0, i1, i2, i3, i4;
  int32_t i, rank = 0;
  int empty = 0;
  const float* xr = x;

  for (i = 0; i < 6; ++i) {
    const size_t n = in_d[i] > 0 ? (size_t)in_d[i] : 0;
    const int red = in_r[i] != 0;
    if (n == 0) empty = 1;
    if (red) {
      count *= n;
    } else {
      ny *= n;
    }
    if (n <= 1) continue;
    if (rank > 0 && cr[rank - 1] == red) {
      cd[rank - 1] *= n;
    } else {
      cd[rank] = n;
      cr[rank] = red;
      ++rank;
    }
  }
  for (i = 0; i < rank; ++i) {
    d[6 - rank + i] = cd[i];
    r[6 - rank + i] = cr[i];
  }
  for (i = 5; i >= 0; --i) {
    ys[i] = r[i] ? 0 : stride;
    if (!r[i]) stride *= d[i];
  }

  for (t = 0; t < ny; ++t) y[t] = 0.0f;
  if (!empty) {
    for (i0 = 0; i0 < d[0]; ++i0) {
      for (i1 = 0; i1 < d[1]; ++i1) {
        for (i2 = 0; i2 < d[2]; ++i2) {
          for (i3 = 0; i3 < d[3]; ++i3) {
            for (i4 = 0; i4 < d[4]; ++i4) {
              float* yr = y + i0 * ys[0] + i1 * ys[1] + i2 * ys[2] + i3 * ys[3] + i4 * ys[4];
              if (r[5]) {
                float s = 0.0f;
                for (t = 0; t < d[5]; ++t) s += xr[t];
                yr[0] += s;
              } else {
                for (t = 0; t < d[5]; ++t) yr[t] += xr[t];
              }
              xr += d[5];
            }
          }
        }
      }
    }
  }

  switch (kind) {
  default: /* MOTE_REDUCE_MEAN */
    for (t = 0; t < ny; ++t) y[t] = y[t] / (float)count;
    break;
  }
}

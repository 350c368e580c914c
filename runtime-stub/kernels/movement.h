/* Mote kernels: data movement of any element type (C++; see KERNELS.md
 * "Any-dtype kernels"). Requires common.h. */

/* y[i] = x[offset + sum_k idx_k * strides_k] over the dense output of shape
 * `out`: one kernel for Slice (steps, also negative), Expand (stride 0),
 * Transpose, Tile and DepthToSpace, whose index maps are all strided. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_strided_copy(const T* x, T* y, int64_t offset,
                                                      mote_dims out, mote_dims strides) {
  const T* base = x + offset;
  mote_walk3(out, strides, strides, strides,
             [&](int64_t i, int64_t o, int64_t, int64_t) { y[i] = base[o]; });
}

/* Gather along one axis: data is [outer, axis_dim, inner], indices has n
 * entries (negative ones count from the end), y is [outer, n, inner]. An index
 * out of range gives zeros instead of reading outside data. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_gather(const T* data, const TI* indices, T* y,
                                                int64_t outer, int64_t axis_dim, int64_t inner,
                                                int64_t n) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < n; ++j) {
      int64_t k = (int64_t)indices[j];
      if (k < 0) k += axis_dim;
      T* dst = y + (o * n + j) * inner;
      if (k < 0 || k >= axis_dim) {
        for (int64_t t = 0; t < inner; ++t) dst[t] = mote_convert<T>::from(0);
        continue;
      }
      const T* src = data + (o * axis_dim + k) * inner;
      for (int64_t t = 0; t < inner; ++t) dst[t] = src[t];
    }
  }
}

/* Concat of any element type: for o in [0, outer), copy `len` elements from
 * x + o * len to y + o * y_stride + y_offset. x and y must not overlap. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_copy_blocks(const T* x, T* y, int64_t outer,
                                                     int64_t len, int64_t y_stride,
                                                     int64_t y_offset) {
  if (len <= 0) return;
  for (int64_t o = 0; o < outer; ++o)
    memcpy(y + o * y_stride + y_offset, x + o * len, (size_t)len * sizeof(T));
}

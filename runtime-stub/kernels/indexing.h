/* Mote kernels: indexing and data movement of any element type (C++; see
 * KERNELS.md "Indexing kernels"). Requires common.h.
 *
 * Indices come from tensors, so every one is checked here: a negative index
 * counts from the end of its dim, and one still outside the dim reads zero
 * (gathers) or writes nothing (scatters). No kernel reads or writes outside
 * its buffers whatever the indices hold. */

/* Reductions of the scatter kernels. */
enum { MOTE_SCATTER_NONE, MOTE_SCATTER_ADD, MOTE_SCATTER_MUL, MOTE_SCATTER_MAX,
       MOTE_SCATTER_MIN };

/* The index `v` of a dim of size `dim`, or -1 if it lies outside. */
template <class TI>
MOTE_MAYBE_UNUSED static inline int64_t mote_index(TI v, int64_t dim) {
  if constexpr (!std::numeric_limits<TI>::is_integer) {
    if (!(v >= -(double)dim && v < (double)dim)) return -1; /* also NaN */
  }
  int64_t k = (int64_t)v;
  if (k < 0) k += dim;
  return k >= 0 && k < dim ? k : -1;
}

/* *dst = *dst op v. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_scatter_apply(T* dst, const T& v, int32_t reduction) {
  typedef typename mote_compute<T>::type C;
  const C a = mote_load(*dst), b = mote_load(v);
  switch (reduction) {
  case MOTE_SCATTER_ADD: mote_store(dst, (C)(a + b)); break;
  case MOTE_SCATTER_MUL: mote_store(dst, (C)(a * b)); break;
  case MOTE_SCATTER_MAX: mote_store(dst, a < b ? b : a); break;
  case MOTE_SCATTER_MIN: mote_store(dst, b < a ? b : a); break;
  default: *dst = v; break;
  }
}

/* The dense strides of `shape`, with the stride of dim `zero` set to 0 when
 * zero >= 0. */
MOTE_MAYBE_UNUSED static inline mote_dims mote_strides_of(const mote_dims& shape, int32_t zero) {
  mote_dims s = {shape.rank, {0, 0, 0, 0, 0, 0, 0, 0}};
  int64_t stride = 1;
  for (int32_t k = shape.rank - 1; k >= 0; --k) {
    s.d[k] = k == zero ? 0 : stride;
    stride *= shape.d[k];
  }
  return s;
}

/* GatherElements: y (the shape of indices, `index_shape`) reads data (shape
 * `data_shape`, same rank) at the index with dim `axis` replaced. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_gather_elements(const T* data, const TI* indices, T* y,
                                                          mote_dims data_shape,
                                                          mote_dims index_shape, int32_t axis) {
  const mote_dims ds = mote_strides_of(data_shape, axis);
  const int64_t axis_stride = mote_strides_of(data_shape, -1).d[axis];
  const int64_t dim = data_shape.d[axis];
  mote_walk3(index_shape, ds, ds, ds, [&](int64_t i, int64_t base, int64_t, int64_t) {
    const int64_t k = mote_index(indices[i], dim);
    y[i] = k < 0 ? mote_convert<T>::from(0) : data[base + k * axis_stride];
  });
}

/* ScatterElements: y = data (shape `data_shape`), then for every index i of
 * indices (shape `index_shape`), y[i with dim axis = indices[i]] op= updates[i].
 * y may equal data; it must not overlap indices or updates. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_scatter_elements(const T* data, const TI* indices,
                                                           const T* updates, T* y,
                                                           mote_dims data_shape,
                                                           mote_dims index_shape, int32_t axis,
                                                           int32_t reduction) {
  if (y != data) memcpy(y, data, (size_t)mote_count(data_shape) * sizeof(T));
  const mote_dims ds = mote_strides_of(data_shape, axis);
  const int64_t axis_stride = mote_strides_of(data_shape, -1).d[axis];
  const int64_t dim = data_shape.d[axis];
  mote_walk3(index_shape, ds, ds, ds, [&](int64_t i, int64_t base, int64_t, int64_t) {
    const int64_t k = mote_index(indices[i], dim);
    if (k >= 0) mote_scatter_apply(y + base + k * axis_stride, updates[i], reduction);
  });
}

/* The element offset of the index tuple idx[0..q) into dims tuple_dims[0..q)
 * of a tensor whose dims from there are `dims`; -1 if an index is outside. */
template <class TI>
MOTE_MAYBE_UNUSED static inline int64_t mote_tuple_offset(const TI* idx, int32_t q,
                                                         const mote_dims& dims) {
  const mote_dims s = mote_strides_of(dims, -1);
  int64_t offset = 0;
  for (int32_t t = 0; t < q; ++t) {
    const int64_t k = mote_index(idx[t], dims.d[t]);
    if (k < 0) return -1;
    offset += k * s.d[t];
  }
  return offset;
}

/* GatherND: data is [batch, inner...] with inner dims `inner` (the dims after
 * batch_dims), indices is [batch, n, q]; y is [batch, n, slice] where slice is
 * the product of inner dims q and up. A tuple outside data gives zeros. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_gather_nd(const T* data, const TI* indices, T* y,
                                                    int64_t batch, int64_t n, int32_t q,
                                                    mote_dims inner) {
  const int64_t per_batch = mote_count(inner);
  int64_t slice = 1;
  for (int32_t k = q; k < inner.rank; ++k) slice *= inner.d[k];
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t j = 0; j < n; ++j) {
      const int64_t offset = mote_tuple_offset(indices + (b * n + j) * q, q, inner);
      T* dst = y + (b * n + j) * slice;
      for (int64_t e = 0; e < slice; ++e)
        dst[e] = offset < 0 ? mote_convert<T>::from(0) : data[b * per_batch + offset + e];
    }
  }
}

/* ScatterND: y = data (dims `shape`), then for each of the n index tuples of
 * length q, the slice of y at the tuple op= the next slice of updates. y may
 * equal data; it must not overlap indices or updates. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_scatter_nd(const T* data, const TI* indices,
                                                     const T* updates, T* y, mote_dims shape,
                                                     int64_t n, int32_t q, int32_t reduction) {
  if (y != data) memcpy(y, data, (size_t)mote_count(shape) * sizeof(T));
  int64_t slice = 1;
  for (int32_t k = q; k < shape.rank; ++k) slice *= shape.d[k];
  for (int64_t j = 0; j < n; ++j) {
    const int64_t offset = mote_tuple_offset(indices + j * q, q, shape);
    if (offset < 0) continue;
    for (int64_t e = 0; e < slice; ++e)
      mote_scatter_apply(y + offset + e, updates[j * slice + e], reduction);
  }
}

/* CumSum / CumProd over [outer, dim, inner] along the middle dim; exclusive
 * starts from the identity, reverse runs from the end. y may equal x. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_cumulative(const T* x, T* y, int64_t outer, int64_t dim,
                                                     int64_t inner, int32_t product,
                                                     int32_t exclusive, int32_t reverse) {
  typedef typename mote_compute<T>::type C;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t t = 0; t < inner; ++t) {
      C acc = product ? (C)1 : (C)0;
      for (int64_t s = 0; s < dim; ++s) {
        const int64_t j = reverse ? dim - 1 - s : s;
        const int64_t at = (o * dim + j) * inner + t;
        const C v = mote_load(x[at]);
        if (exclusive) mote_store(y + at, acc);
        acc = product ? (C)(acc * v) : (C)(acc + v);
        if (!exclusive) mote_store(y + at, acc);
      }
    }
  }
}

/* TopK: the int64 indices of the k best entries of x [outer, n, inner] along
 * the middle dim into y [outer, k, inner], best first; among equal values the
 * lower index first. The list is kept sorted in y itself (insertion). */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_top_k(const T* x, int64_t* y, int64_t outer, int64_t n,
                                                int64_t inner, int64_t k, int32_t largest) {
  typedef typename mote_compute<T>::type C;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t t = 0; t < inner; ++t) {
      const T* row = x + o * n * inner + t;
      int64_t* out = y + o * k * inner + t;
      int64_t m = 0; /* entries in the list */
      for (int64_t i = 0; i < n; ++i) {
        const C v = mote_load(row[i * inner]);
        int64_t p = m; /* insertion point: after every entry at least as good */
        while (p > 0) {
          const C w = mote_load(row[out[(p - 1) * inner] * inner]);
          if (largest ? !(v > w) : !(v < w)) break;
          --p;
        }
        if (p >= k) continue;
        const int64_t last = m < k ? m : k - 1;
        for (int64_t s = last; s > p; --s) out[s * inner] = out[(s - 1) * inner];
        out[p * inner] = i;
        if (m < k) ++m;
      }
    }
  }
}

/* OneHot: indices [outer, inner] (any numeric type), y [outer, depth, inner]:
 * values[1] where the (possibly negative) index equals the position along the
 * depth dim, values[0] elsewhere. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_one_hot(const TI* indices, const T* values, T* y,
                                                  int64_t outer, int64_t depth, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t t = 0; t < inner; ++t) {
      const int64_t k = mote_index(mote_load(indices[o * inner + t]), depth);
      for (int64_t d = 0; d < depth; ++d) y[(o * depth + d) * inner + t] = values[d == k ? 1 : 0];
    }
  }
}

/* Pad modes. */
enum { MOTE_PAD_CONSTANT, MOTE_PAD_REFLECT, MOTE_PAD_EDGE, MOTE_PAD_WRAP };

/* Pad of any type: y (dims `out`) at index j reads x (dims `in`) at j - begin
 * mapped into range by the mode, or is `value` (constant mode) outside it.
 * Reflect and wrap repeat periodically for pads larger than the dim. y must
 * not overlap x. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_pad_any(const T* x, T* y, mote_dims in, mote_dims out,
                                                  mote_dims begin, int32_t mode, double value) {
  const mote_dims s = mote_strides_of(in, -1);
  const T fill = mote_convert<T>::from(value);
  const int64_t n = mote_count(out);
  int64_t idx[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int64_t i = 0; i < n; ++i) {
    int64_t src = 0;
    int inside = 1;
    for (int32_t k = 0; k < in.rank; ++k) {
      const int64_t d = in.d[k];
      int64_t q = idx[k] - begin.d[k];
      if (q < 0 || q >= d) {
        if (mode == MOTE_PAD_EDGE) {
          q = q < 0 ? 0 : d - 1;
        } else if (mode == MOTE_PAD_WRAP) {
          q = ((q % d) + d) % d;
        } else if (mode == MOTE_PAD_REFLECT) {
          const int64_t period = 2 * (d - 1);
          if (period == 0) {
            q = 0;
          } else {
            q = ((q % period) + period) % period;
            if (q >= d) q = period - q;
          }
        } else {
          inside = 0;
          break;
        }
      }
      src += q * s.d[k];
    }
    y[i] = inside ? x[src] : fill;
    for (int32_t k = out.rank - 1; k >= 0; --k) {
      if (++idx[k] < out.d[k]) break;
      idx[k] = 0;
    }
  }
}

/* ReverseSequence: x is [d0, d1, inner] with batch and time on dims 0 and 1
 * (time_major: time is dim 0). For batch entry b the first lens[b] steps
 * (clamped to the time dim) are reversed, the rest copied. y must not
 * overlap x. */
template <class T, class TI>
MOTE_MAYBE_UNUSED static inline void mote_reverse_sequence(const T* x, const TI* lens, T* y,
                                                           int64_t d0, int64_t d1, int64_t inner,
                                                           int32_t time_major) {
  const int64_t batch = time_major ? d1 : d0, steps = time_major ? d0 : d1;
  for (int64_t b = 0; b < batch; ++b) {
    int64_t len = (int64_t)lens[b];
    if (len < 0) len = 0;
    if (len > steps) len = steps;
    for (int64_t t = 0; t < steps; ++t) {
      const int64_t from = t < len ? len - 1 - t : t;
      const int64_t dst = time_major ? t * batch + b : b * steps + t;
      const int64_t src = time_major ? from * batch + b : b * steps + from;
      memcpy(y + dst * inner, x + src * inner, (size_t)inner * sizeof(T));
    }
  }
}

/* Mote kernels: separable resampling of any element type through per-axis
 * tap tables (C++; see KERNELS.md "mote_resize"). Requires common.h. */

/* y (shape `out`) from x (shape `in`): along axis k, output index o reads the
 * taps.d[k] input indices idx[base_k + o * taps.d[k] + t] with weights
 * w[same], where base_k is the sum of out.d[j] * taps.d[j] over j < k. An
 * output element is the sum, over every combination of one tap per axis, of
 * the product of the weights times x there; an index of -1 on any axis makes
 * it `extrapolation`. Integer results are rounded to nearest. y must not
 * overlap x. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_resize(const T* x, T* y, mote_dims in, mote_dims out,
                                                 mote_dims taps, const int32_t* idx,
                                                 const float* w, float extrapolation) {
  const int32_t rank = in.rank;
  int64_t base[8] = {0, 0, 0, 0, 0, 0, 0, 0}, stride[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t at = 0, s = 1;
  for (int32_t k = 0; k < rank; ++k) {
    base[k] = at;
    at += out.d[k] * taps.d[k];
  }
  for (int32_t k = rank - 1; k >= 0; --k) {
    stride[k] = s;
    s *= in.d[k];
  }
  int64_t combos = 1;
  for (int32_t k = 0; k < rank; ++k) combos *= taps.d[k];
  const int64_t n = mote_count(out);
  int64_t o[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int64_t i = 0; i < n; ++i) {
    bool outside = false;
    for (int32_t k = 0; k < rank; ++k)
      if (idx[base[k] + o[k] * taps.d[k]] < 0) outside = true;
    double acc = 0;
    if (!outside) {
      int64_t t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      for (int64_t c = 0; c < combos; ++c) {
        double weight = 1;
        int64_t offset = 0;
        for (int32_t k = 0; k < rank; ++k) {
          const int64_t e = base[k] + o[k] * taps.d[k] + t[k];
          weight *= (double)w[e];
          offset += (int64_t)idx[e] * stride[k];
        }
        if (weight != 0) acc += weight * (double)mote_load(x[offset]);
        for (int32_t k = rank - 1; k >= 0; --k) {
          if (++t[k] < taps.d[k]) break;
          t[k] = 0;
        }
      }
    } else {
      acc = (double)extrapolation;
    }
    if constexpr (std::numeric_limits<typename mote_compute<T>::type>::is_integer)
      mote_store(&y[i], acc < 0 ? acc - 0.5 : acc + 0.5);
    else
      mote_store(&y[i], acc);
    for (int32_t k = rank - 1; k >= 0; --k) {
      if (++o[k] < out.d[k]) break;
      o[k] = 0;
    }
  }
}

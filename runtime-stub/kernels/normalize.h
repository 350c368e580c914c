/* Mote kernels: softmax of any float type, normalizations and LRN (C++; see
 * KERNELS.md "Normalizations"). Requires common.h. */

/* Softmax kinds (the SoftmaxKind enum of dialects/Mote/MoteOps.td). */
enum { MOTE_SOFTMAX, MOTE_LOG_SOFTMAX, MOTE_HARDMAX };

/* Softmax, log-softmax or hardmax over the middle axis of x: [outer, len,
 * inner], any float type (16-bit floats load as float); sums in double. Hardmax
 * writes 1 at the first maximum and 0 elsewhere. y may equal x: each column is
 * read completely (max, sum) before it is written. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_softmax_any(const T* x, T* y, int32_t kind,
                                                     int64_t outer, int64_t len,
                                                     int64_t inner) {
  typedef typename mote_compute<T>::type C;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t t = 0; t < inner; ++t) {
      const T* xr = x + o * len * inner + t;
      T* yr = y + o * len * inner + t;
      int64_t best = 0;
      C mx = mote_load(xr[0]);
      for (int64_t l = 1; l < len; ++l) {
        const C v = mote_load(xr[l * inner]);
        if (v > mx) {
          mx = v;
          best = l;
        }
      }
      if (kind == MOTE_HARDMAX) {
        for (int64_t l = 0; l < len; ++l) mote_store(yr + l * inner, (C)(l == best ? 1 : 0));
        continue;
      }
      double sum = 0.0;
      for (int64_t l = 0; l < len; ++l)
        sum += std::exp((double)mote_load(xr[l * inner]) - (double)mx);
      if (kind == MOTE_LOG_SOFTMAX) {
        const double shift = (double)mx + std::log(sum);
        for (int64_t l = 0; l < len; ++l)
          mote_store(yr + l * inner, (C)((double)mote_load(xr[l * inner]) - shift));
      } else {
        for (int64_t l = 0; l < len; ++l)
          mote_store(yr + l * inner,
                     (C)(std::exp((double)mote_load(xr[l * inner]) - (double)mx) / sum));
      }
    }
  }
}

/* Normalize kinds and what the kernel writes (the NormalizeKind and
 * NormalizeStat enums of dialects/Mote/MoteOps.td). */
enum { MOTE_N_STANDARDIZE, MOTE_N_RMS, MOTE_N_MVN, MOTE_N_L1, MOTE_N_L2 };
enum { MOTE_N_NORMALIZED, MOTE_N_MEAN, MOTE_N_INV_STD_DEV };

/* Normalizes x (shape `in`) over the groups of elements that differ only in the
 * dims k with reduced.d[k] != 0, then multiplies by scale and adds bias (either
 * may be null) read through their strides (0 along broadcast dims). With stat
 * != MOTE_N_NORMALIZED, y instead holds each group's mean or 1 / sqrt(var +
 * epsilon), one value per group in x's order. Statistics accumulate in double.
 * y may equal x (each group is read completely before it is written). */
template <class T, class S>
MOTE_MAYBE_UNUSED static inline void mote_normalize(const T* x, const T* scale, const T* bias,
                                                   S* y, int32_t kind, int32_t stat,
                                                   mote_dims in, mote_dims reduced,
                                                   mote_dims scale_strides,
                                                   mote_dims bias_strides, double epsilon) {
  typedef typename mote_compute<T>::type C;
  /* Kept and reduced dims, each with x's strides and the parameters'. */
  mote_dims keep_dims = {in.rank, {0}}, keep_x = {in.rank, {0}};
  mote_dims red_dims = {in.rank, {0}}, red_x = {in.rank, {0}};
  mote_dims keep_s = {in.rank, {0}}, red_s = {in.rank, {0}};
  mote_dims keep_b = {in.rank, {0}}, red_b = {in.rank, {0}};
  int64_t stride = 1;
  for (int32_t k = in.rank - 1; k >= 0; --k) {
    const bool r = reduced.d[k] != 0;
    keep_dims.d[k] = r ? 1 : in.d[k];
    red_dims.d[k] = r ? in.d[k] : 1;
    keep_x.d[k] = r ? 0 : stride;
    red_x.d[k] = r ? stride : 0;
    keep_s.d[k] = r ? 0 : scale_strides.d[k];
    red_s.d[k] = r ? scale_strides.d[k] : 0;
    keep_b.d[k] = r ? 0 : bias_strides.d[k];
    red_b.d[k] = r ? bias_strides.d[k] : 0;
    stride *= in.d[k];
  }
  const double count = (double)mote_count(red_dims);
  mote_walk3(keep_dims, keep_x, keep_s, keep_b,
             [&](int64_t group, int64_t xo, int64_t so, int64_t bo) {
    double mean = 0.0;
    if (kind == MOTE_N_STANDARDIZE || kind == MOTE_N_MVN) {
      mote_walk3(red_dims, red_x, red_x, red_x, [&](int64_t, int64_t o, int64_t, int64_t) {
        mean += (double)mote_load(x[xo + o]);
      });
      mean /= count;
    }
    double acc = 0.0; /* sum of squares around the mean, or of |x| for l1 */
    mote_walk3(red_dims, red_x, red_x, red_x, [&](int64_t, int64_t o, int64_t, int64_t) {
      const double v = (double)mote_load(x[xo + o]) - mean;
      acc += kind == MOTE_N_L1 ? (v < 0 ? -v : v) : v * v;
    });
    double factor; /* what x - mean is multiplied by */
    switch (kind) {
    case MOTE_N_RMS: factor = 1.0 / std::sqrt(acc / count + epsilon); break;
    case MOTE_N_MVN: factor = 1.0 / (std::sqrt(acc / count) + epsilon); break;
    /* A zero norm means a group of zeros, which stays zero (as in ONNX's
     * reference), not 0 / 0. */
    case MOTE_N_L1: factor = acc == 0.0 ? 1.0 : 1.0 / acc; break;
    case MOTE_N_L2: factor = acc == 0.0 ? 1.0 : 1.0 / std::sqrt(acc); break;
    default: factor = 1.0 / std::sqrt(acc / count + epsilon); break;
    }
    if (stat != MOTE_N_NORMALIZED) {
      mote_store(y + group, (typename mote_compute<S>::type)(stat == MOTE_N_MEAN ? mean : factor));
      return;
    }
    mote_walk3(red_dims, red_x, red_s, red_b, [&](int64_t, int64_t o, int64_t s, int64_t b) {
      double v = ((double)mote_load(x[xo + o]) - mean) * factor;
      if (scale) v *= (double)mote_load(scale[so + s]);
      if (bias) v += (double)mote_load(bias[bo + b]);
      mote_store(y + xo + o, (C)v);
    });
  });
}

/* Local response normalization of x: [n, c, inner] across channels:
 * y = x / (bias + alpha / size * sum_{c' in window} x[c']^2)^beta, the window
 * [c - (size - 1) / 2, c + size / 2] clipped to [0, c). y must not overlap x. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_lrn(const T* x, T* y, int64_t n, int64_t c,
                                             int64_t inner, int64_t size, double alpha,
                                             double beta, double bias) {
  typedef typename mote_compute<T>::type C;
  const int64_t before = (size - 1) / 2, after = size / 2;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t lo = ch - before < 0 ? 0 : ch - before;
      const int64_t hi = ch + after > c - 1 ? c - 1 : ch + after;
      for (int64_t t = 0; t < inner; ++t) {
        double sum = 0.0;
        for (int64_t k = lo; k <= hi; ++k) {
          const double v = (double)mote_load(x[(b * c + k) * inner + t]);
          sum += v * v;
        }
        const int64_t i = (b * c + ch) * inner + t;
        mote_store(y + i, (C)((double)mote_load(x[i]) /
                              std::pow(bias + alpha / (double)size * sum, beta)));
      }
    }
  }
}

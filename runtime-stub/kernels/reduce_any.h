/* Mote kernels: reductions of any element type (C++; see KERNELS.md
 * "Any-dtype kernels"). Requires common.h. */

/* Reduce kinds (the ReduceKind enum of dialects/Mote/MoteBase.td). */
enum {
  MOTE_R_MEAN, MOTE_R_SUM, MOTE_R_MAX, MOTE_R_MIN, MOTE_R_PROD, MOTE_R_L1, MOTE_R_L2,
  MOTE_R_LOG_SUM, MOTE_R_LOG_SUM_EXP, MOTE_R_SUM_SQUARE
};

/* The accumulator type: double for floats (sums of many float32 terms keep
 * float32 accuracy), the type itself for integers. */
template <class C> struct mote_accumulate { typedef double type; };
template <> struct mote_accumulate<int8_t> { typedef int64_t type; };
template <> struct mote_accumulate<int16_t> { typedef int64_t type; };
template <> struct mote_accumulate<int32_t> { typedef int64_t type; };
template <> struct mote_accumulate<int64_t> { typedef int64_t type; };
template <> struct mote_accumulate<uint8_t> { typedef uint64_t type; };
template <> struct mote_accumulate<uint16_t> { typedef uint64_t type; };
template <> struct mote_accumulate<uint32_t> { typedef uint64_t type; };
template <> struct mote_accumulate<uint64_t> { typedef uint64_t type; };

/* Reduces x (shape `in`) over the dims k with reduced.d[k] != 0 into y, laid
 * out as x with those dims set to 1. An empty reduction gives the kind's
 * identity (0 for sums, 1 for prod, -inf/+inf or the type's bounds for
 * max/min, -inf for log-sums). Needs one accumulator pass per output element,
 * so y must not overlap x. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_reduce_any(const T* x, T* y, int32_t kind, mote_dims in,
                                                     mote_dims reduced) {
  typedef typename mote_compute<T>::type C;
  typedef typename mote_accumulate<C>::type A;
  /* Output dims/strides over the kept dims, and input strides split in two. */
  mote_dims keep_dims = {in.rank, {0}}, keep_strides = {in.rank, {0}};
  mote_dims red_dims = {in.rank, {0}}, red_strides = {in.rank, {0}};
  int64_t stride = 1;
  for (int32_t k = in.rank - 1; k >= 0; --k) {
    const bool r = reduced.d[k] != 0;
    keep_dims.d[k] = r ? 1 : in.d[k];
    keep_strides.d[k] = r ? 0 : stride;
    red_dims.d[k] = r ? in.d[k] : 1;
    red_strides.d[k] = r ? stride : 0;
    stride *= in.d[k];
  }
  const int64_t count = mote_count(red_dims);
  mote_walk3(keep_dims, keep_strides, keep_strides, keep_strides,
             [&](int64_t i, int64_t base, int64_t, int64_t) {
    A acc;
    if (kind == MOTE_R_PROD) {
      acc = (A)1;
    } else if (kind == MOTE_R_MAX) {
      acc = std::numeric_limits<A>::has_infinity ? -std::numeric_limits<A>::infinity()
                                                 : (A)std::numeric_limits<C>::lowest();
    } else if (kind == MOTE_R_MIN) {
      acc = std::numeric_limits<A>::has_infinity ? std::numeric_limits<A>::infinity()
                                                 : (A)std::numeric_limits<C>::max();
    } else {
      acc = (A)0;
    }
    A peak = (A)0; /* log-sum-exp subtracts the max for stability */
    if (kind == MOTE_R_LOG_SUM_EXP && count > 0) {
      bool first = true;
      mote_walk3(red_dims, red_strides, red_strides, red_strides,
                 [&](int64_t, int64_t o, int64_t, int64_t) {
        const A v = (A)mote_load(x[base + o]);
        if (first || v > peak) peak = v;
        first = false;
      });
    }
    mote_walk3(red_dims, red_strides, red_strides, red_strides,
               [&](int64_t, int64_t o, int64_t, int64_t) {
      const A v = (A)mote_load(x[base + o]);
      switch (kind) {
      case MOTE_R_MAX: acc = v > acc ? v : acc; break;
      case MOTE_R_MIN: acc = v < acc ? v : acc; break;
      case MOTE_R_PROD: acc = (A)(acc * v); break;
      case MOTE_R_L1: acc = (A)(acc + (v < (A)0 ? (A)(0 - v) : v)); break;
      case MOTE_R_L2:
      case MOTE_R_SUM_SQUARE: acc = (A)(acc + v * v); break;
      case MOTE_R_LOG_SUM_EXP: acc = (A)(acc + (A)std::exp((double)(v - peak))); break;
      default: acc = (A)(acc + v); break; /* sum, mean, log_sum */
      }
    });
    switch (kind) {
    case MOTE_R_MEAN: acc = count ? (A)(acc / (A)count) : acc; break;
    case MOTE_R_L2: acc = (A)std::sqrt((double)acc); break;
    case MOTE_R_LOG_SUM: acc = (A)std::log((double)acc); break;
    case MOTE_R_LOG_SUM_EXP: acc = (A)((double)peak + std::log((double)acc)); break;
    default: break;
    }
    mote_store(y + i, (C)acc);
  });
}

/* ArgMax (is_max) or ArgMin of x (shape `in`) along `axis` into int64 y, laid
 * out as x with that dim set to 1; ties go to the first index, or the last
 * with select_last. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_arg_reduce(const T* x, int64_t* y, mote_dims in,
                                                    int32_t axis, int32_t is_max,
                                                    int32_t select_last) {
  int64_t inner = 1, outer = 1;
  for (int32_t k = axis + 1; k < in.rank; ++k) inner *= in.d[k];
  for (int32_t k = 0; k < axis; ++k) outer *= in.d[k];
  const int64_t n = in.d[axis];
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t t = 0; t < inner; ++t) {
      const T* row = x + o * n * inner + t;
      int64_t best = 0;
      for (int64_t j = 1; j < n; ++j) {
        const auto v = mote_load(row[j * inner]), b = mote_load(row[best * inner]);
        const bool better = is_max ? (select_last ? v >= b : v > b) : (select_last ? v <= b : v < b);
        if (better) best = j;
      }
      y[o * inner + t] = best;
    }
  }
}

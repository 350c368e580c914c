/* Mote kernels: elementwise ops of any element type (C++; see KERNELS.md
 * "Any-dtype kernels"). Requires common.h. Integer types compute in their own
 * type, float16/bfloat16 in float, float and double in themselves. */

/* Unary kinds (the UnaryKind enum of dialects/Mote/MoteBase.td). */
enum {
  MOTE_U_ABS, MOTE_U_NEG, MOTE_U_EXP, MOTE_U_LOG, MOTE_U_SQRT, MOTE_U_RECIPROCAL,
  MOTE_U_FLOOR, MOTE_U_CEIL, MOTE_U_ROUND, MOTE_U_SIN, MOTE_U_COS, MOTE_U_TAN,
  MOTE_U_ASIN, MOTE_U_ACOS, MOTE_U_ATAN, MOTE_U_SINH, MOTE_U_COSH, MOTE_U_ASINH,
  MOTE_U_ACOSH, MOTE_U_ATANH, MOTE_U_ERF, MOTE_U_SIGN, MOTE_U_NOT, MOTE_U_BITWISE_NOT,
  MOTE_U_ISNAN, MOTE_U_ISINF, MOTE_U_RELU, MOTE_U_SIGMOID, MOTE_U_TANH, MOTE_U_SOFTPLUS,
  MOTE_U_SOFTSIGN, MOTE_U_ELU, MOTE_U_SELU, MOTE_U_CELU, MOTE_U_THRESHOLDED_RELU,
  MOTE_U_HARD_SIGMOID, MOTE_U_HARD_SWISH, MOTE_U_LEAKY_RELU, MOTE_U_GELU,
  MOTE_U_GELU_TANH, MOTE_U_MISH, MOTE_U_SHRINK, MOTE_U_CAST, MOTE_U_CLIP
};

/* One unary op on a computed value; p0, p1 are the op's parameters. */
template <class C>
MOTE_MAYBE_UNUSED static inline C mote_unary_op(C x, int32_t op, double p0, double p1) {
  if constexpr (std::numeric_limits<C>::is_integer) {
    switch (op) {
    case MOTE_U_ABS: return x < 0 ? (C)(0 - x) : x;
    case MOTE_U_NEG: return (C)(0 - x);
    case MOTE_U_SIGN: return (C)(x > 0 ? 1 : (x < 0 ? -1 : 0));
    case MOTE_U_NOT: return (C)!x;
    case MOTE_U_BITWISE_NOT: return (C)~x;
    case MOTE_U_RELU: return x < 0 ? (C)0 : x;
    case MOTE_U_CLIP: {
      const C lo = (C)p0, hi = (C)p1;
      const C t = x < lo ? lo : x;
      return t > hi ? hi : t;
    }
    case MOTE_U_CAST: return x;
    default: /* a float function of an integer (Erf...): through double */
      return mote_convert<C>::from(mote_unary_op<double>((double)x, op, p0, p1));
    }
  } else {
    const C one = (C)1, zero = (C)0;
    switch (op) {
    case MOTE_U_ABS: return std::fabs(x);
    case MOTE_U_NEG: return -x;
    case MOTE_U_EXP: return std::exp(x);
    case MOTE_U_LOG: return std::log(x);
    case MOTE_U_SQRT: return std::sqrt(x);
    case MOTE_U_RECIPROCAL: return one / x;
    case MOTE_U_FLOOR: return std::floor(x);
    case MOTE_U_CEIL: return std::ceil(x);
    case MOTE_U_ROUND: return std::nearbyint(x); /* half to even in the default mode */
    case MOTE_U_SIN: return std::sin(x);
    case MOTE_U_COS: return std::cos(x);
    case MOTE_U_TAN: return std::tan(x);
    case MOTE_U_ASIN: return std::asin(x);
    case MOTE_U_ACOS: return std::acos(x);
    case MOTE_U_ATAN: return std::atan(x);
    case MOTE_U_SINH: return std::sinh(x);
    case MOTE_U_COSH: return std::cosh(x);
    case MOTE_U_ASINH: return std::asinh(x);
    case MOTE_U_ACOSH: return std::acosh(x);
    case MOTE_U_ATANH: return std::atanh(x);
    case MOTE_U_ERF: return std::erf(x);
    case MOTE_U_SIGN: return x > zero ? one : (x < zero ? -one : zero);
    case MOTE_U_NOT: return x == zero ? one : zero;
    case MOTE_U_ISNAN: return x != x ? one : zero;
    case MOTE_U_ISINF:
      return ((p0 != 0.0 && x == -std::numeric_limits<C>::infinity()) ||
              (p1 != 0.0 && x == std::numeric_limits<C>::infinity()))
                 ? one
                 : zero;
    case MOTE_U_RELU: return x < zero ? zero : x;
    case MOTE_U_SIGMOID: return one / (one + std::exp(-x));
    case MOTE_U_TANH: return std::tanh(x);
    case MOTE_U_SOFTPLUS: return x > (C)20 ? x : std::log1p(std::exp(x));
    case MOTE_U_SOFTSIGN: return x / (one + std::fabs(x));
    case MOTE_U_ELU: return x < zero ? (C)p0 * (std::exp(x) - one) : x;
    case MOTE_U_SELU:
      return (C)p1 * (x <= zero ? (C)p0 * (std::exp(x) - one) : x);
    case MOTE_U_CELU:
      return std::fmax(zero, x) + std::fmin(zero, (C)p0 * (std::exp(x / (C)p0) - one));
    case MOTE_U_THRESHOLDED_RELU: return x > (C)p0 ? x : zero;
    case MOTE_U_HARD_SIGMOID: return std::fmax(zero, std::fmin(one, (C)p0 * x + (C)p1));
    case MOTE_U_HARD_SWISH: return x * std::fmax(zero, std::fmin(one, x / (C)6 + (C)0.5));
    case MOTE_U_LEAKY_RELU: return x >= zero ? x : (C)p0 * x;
    case MOTE_U_GELU: return (C)0.5 * x * (one + std::erf(x * (C)0.70710678118654752440));
    case MOTE_U_GELU_TANH:
      return (C)0.5 * x *
             (one + std::tanh((C)0.79788456080286535588 * (x + (C)0.044715 * x * x * x)));
    case MOTE_U_MISH: return x * std::tanh(x > (C)20 ? x : std::log1p(std::exp(x)));
    case MOTE_U_SHRINK: /* p0 = bias, p1 = lambd */
      return x < -(C)p1 ? x + (C)p0 : (x > (C)p1 ? x - (C)p0 : zero);
    case MOTE_U_CLIP: {
      const C t = x < (C)p0 ? (C)p0 : x;
      return t > (C)p1 ? (C)p1 : t;
    }
    default: return x; /* MOTE_U_CAST */
    }
  }
}

/* y[i] = op(x[i]) for i in [0, n), converted to TO; y may equal x when TI == TO. */
template <class TI, class TO>
MOTE_MAYBE_UNUSED static inline void mote_unary(const TI* x, TO* y, int64_t n, int32_t op,
                                               double p0, double p1) {
  typedef typename mote_compute<TI>::type C;
  if (op == MOTE_U_CAST) { /* p0: Cast's saturate flag */
    for (int64_t i = 0; i < n; ++i) mote_cast_store(y + i, mote_load(x[i]), p0 != 0.0);
    return;
  }
  for (int64_t i = 0; i < n; ++i) mote_store(y + i, mote_unary_op<C>(mote_load(x[i]), op, p0, p1));
}

/* Binary kinds (the BinaryKind enum of dialects/Mote/MoteBase.td). */
enum {
  MOTE_B_ADD, MOTE_B_SUB, MOTE_B_MUL, MOTE_B_DIV, MOTE_B_MAX, MOTE_B_MIN, MOTE_B_POW,
  MOTE_B_MOD, MOTE_B_FMOD, MOTE_B_AND, MOTE_B_OR, MOTE_B_XOR, MOTE_B_BITWISE_AND,
  MOTE_B_BITWISE_OR, MOTE_B_BITWISE_XOR, MOTE_B_SHIFT_LEFT, MOTE_B_SHIFT_RIGHT,
  MOTE_B_EQUAL, MOTE_B_LESS, MOTE_B_LESS_EQUAL, MOTE_B_GREATER, MOTE_B_GREATER_EQUAL,
  MOTE_B_PRELU
};

/* Comparisons and logic give 0/1 in C; the caller converts to the result type. */
template <class C>
MOTE_MAYBE_UNUSED static inline C mote_binary_any_op(C a, C b, int32_t op) {
  switch (op) {
  case MOTE_B_SUB: return (C)(a - b);
  case MOTE_B_MUL: return (C)(a * b);
  case MOTE_B_DIV: return (C)(a / b);
  case MOTE_B_MAX: return a < b ? b : a;
  case MOTE_B_MIN: return a > b ? b : a;
  case MOTE_B_AND: return (C)((a != (C)0) && (b != (C)0));
  case MOTE_B_OR: return (C)((a != (C)0) || (b != (C)0));
  case MOTE_B_XOR: return (C)((a != (C)0) != (b != (C)0));
  case MOTE_B_EQUAL: return (C)(a == b);
  case MOTE_B_LESS: return (C)(a < b);
  case MOTE_B_LESS_EQUAL: return (C)(a <= b);
  case MOTE_B_GREATER: return (C)(a > b);
  case MOTE_B_GREATER_EQUAL: return (C)(a >= b);
  case MOTE_B_PRELU: return a < (C)0 ? (C)(a * b) : a;
  default: break;
  }
  if constexpr (std::numeric_limits<C>::is_integer) {
    switch (op) {
    case MOTE_B_MOD: { /* the sign of the divisor, as Python's % */
      C r = (C)(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = (C)(r + b);
      return r;
    }
    case MOTE_B_FMOD: return (C)(a % b);
    case MOTE_B_BITWISE_AND: return (C)(a & b);
    case MOTE_B_BITWISE_OR: return (C)(a | b);
    case MOTE_B_BITWISE_XOR: return (C)(a ^ b);
    case MOTE_B_SHIFT_LEFT: return b >= (C)(sizeof(C) * 8) ? (C)0 : (C)(a << b);
    case MOTE_B_SHIFT_RIGHT: return b >= (C)(sizeof(C) * 8) ? (C)0 : (C)(a >> b);
    default: return (C)(a + b);
    }
  } else {
    switch (op) {
    case MOTE_B_MOD: {
      C r = std::fmod(a, b);
      if (r != (C)0 && ((r < (C)0) != (b < (C)0))) r += b;
      return r;
    }
    case MOTE_B_FMOD: return std::fmod(a, b);
    default: return a + b;
    }
  }
}

/* Integer Pow as ONNX computes it: repeated multiplication (exponent >= 0). */
template <class A, class B>
MOTE_MAYBE_UNUSED static inline A mote_pow(A a, B b) {
  if constexpr (std::numeric_limits<A>::is_integer) {
    A r = 1;
    for (int64_t i = 0; i < (int64_t)b; ++i) r = (A)(r * a);
    return r;
  } else {
    return (A)std::pow((double)a, (double)b);
  }
}

/* y = a OP b with numpy broadcasting, any element types: TA and TB are the
 * operand types (they differ only for pow), TO the result's (bool for
 * comparisons and logic). out: the output shape; sa, sb: element strides of a
 * and b per output dim (0 = broadcast). y may equal a or b when that operand
 * has y's dense layout and type. */
template <class TA, class TB, class TO>
MOTE_MAYBE_UNUSED static inline void mote_binary_any(const TA* a, const TB* b, TO* y, int32_t op,
                                                    mote_dims out, mote_dims sa, mote_dims sb) {
  typedef typename mote_compute<TA>::type C;
  typedef typename mote_compute<TB>::type CB;
  mote_walk3(out, sa, sb, sb, [&](int64_t i, int64_t ao, int64_t bo, int64_t) {
    if (op == MOTE_B_POW)
      mote_store(y + i, mote_pow<C, CB>(mote_load(a[ao]), mote_load(b[bo])));
    else
      mote_store(y + i, mote_binary_any_op<C>(mote_load(a[ao]), (C)mote_load(b[bo]), op));
  });
}

/* y = c ? a : b with numpy broadcasting of all three. */
template <class T>
MOTE_MAYBE_UNUSED static inline void mote_where(const bool* c, const T* a, const T* b, T* y,
                                               mote_dims out, mote_dims sc, mote_dims sa,
                                               mote_dims sb) {
  mote_walk3(out, sc, sa, sb,
             [&](int64_t i, int64_t co, int64_t ao, int64_t bo) { y[i] = c[co] ? a[ao] : b[bo]; });
}

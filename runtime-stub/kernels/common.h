/* Mote float32 kernel library: common definitions.
 *
 * The code generator pastes this file first, followed by the kernel family files a
 * model uses (see runtime-stub/KERNELS.md for the ABI). Everything here is
 * `static inline`, uses standard headers only, no heap, no static mutable state and
 * no recursion, and is meant to compile as C++17 and as C99.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The kernel text is pasted into the emitted .cpp, i.e. into the main file, where
 * clang (unlike g++) warns about unused static inline functions. Every kernel
 * function is marked with this so models that use only some kernels stay
 * warning-free. */
#if defined(__GNUC__) || defined(__clang__)
#define MOTE_MAYBE_UNUSED __attribute__((unused))
#else
#define MOTE_MAYBE_UNUSED
#endif

/* Activation codes (KERNELS.md "Activations"). */
#define MOTE_ACT_NONE 0
#define MOTE_ACT_RELU 1
#define MOTE_ACT_LEAKY_RELU 2
#define MOTE_ACT_CLIP 3
#define MOTE_ACT_SIGMOID 4
#define MOTE_ACT_TANH 5
#define MOTE_ACT_HARD_SIGMOID 6
#define MOTE_ACT_HARD_SWISH 7
#define MOTE_ACT_SQRT 8

/* Applies activation `act` with parameters p0, p1 to one value. Unknown codes act
 * as "none". NaN inputs propagate (except where ONNX clamps them away). */
MOTE_MAYBE_UNUSED static inline float mote_act(float x, int32_t act, float p0, float p1) {
  switch (act) {
  case MOTE_ACT_RELU:
    return x < 0.0f ? 0.0f : x;
  case MOTE_ACT_LEAKY_RELU:
    return x >= 0.0f ? x : p0 * x;
  case MOTE_ACT_CLIP: {
    /* min(max(x, p0), p1): if p0 > p1 every value becomes p1, as in ONNX Clip. */
    float t = x < p0 ? p0 : x;
    return t > p1 ? p1 : t;
  }
  case MOTE_ACT_SIGMOID:
    return 1.0f / (1.0f + expf(-x));
  case MOTE_ACT_TANH:
    return tanhf(x);
  case MOTE_ACT_HARD_SIGMOID:
    return fmaxf(0.0f, fminf(1.0f, p0 * x + p1));
  case MOTE_ACT_HARD_SWISH:
    return x * fmaxf(0.0f, fminf(1.0f, x / 6.0f + 0.5f));
  case MOTE_ACT_SQRT:
    return sqrtf(x);
  default:
    return x;
  }
}

/* y[i] = act(x[i]) for i in [0, n); y may equal x. The switch sits outside the
 * loops so each case is a simple, vectorizable loop. Used by kernels with a fused
 * activation on each finished output row. */
MOTE_MAYBE_UNUSED static inline void mote_act_array(const float* x, float* y, size_t n, int32_t act,
                                                    float p0, float p1) {
  size_t i;
  switch (act) {
  case MOTE_ACT_RELU:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_RELU, p0, p1);
    break;
  case MOTE_ACT_LEAKY_RELU:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_LEAKY_RELU, p0, p1);
    break;
  case MOTE_ACT_CLIP:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_CLIP, p0, p1);
    break;
  case MOTE_ACT_SIGMOID:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_SIGMOID, p0, p1);
    break;
  case MOTE_ACT_TANH:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_TANH, p0, p1);
    break;
  case MOTE_ACT_HARD_SIGMOID:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_HARD_SIGMOID, p0, p1);
    break;
  case MOTE_ACT_HARD_SWISH:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_HARD_SWISH, p0, p1);
    break;
  case MOTE_ACT_SQRT:
    for (i = 0; i < n; ++i) y[i] = mote_act(x[i], MOTE_ACT_SQRT, p0, p1);
    break;
  default:
    if (y != x) {
      for (i = 0; i < n; ++i) y[i] = x[i];
    }
    break;
  }
}

/* Sliding-window helper shared by conv2d and pool2d: the taps t in [0, taps) with
 * lo <= start + t * step < hi are exactly [*first, *end) (empty: *first == *end).
 * step must be >= 1. */
MOTE_MAYBE_UNUSED static inline void mote_tap_range(int64_t start, int64_t step, int64_t taps,
                                                    int64_t lo, int64_t hi, int32_t* first,
                                                    int32_t* end) {
  int64_t f = 0;
  int64_t e = 0;
  if (start < lo) f = (lo - start + step - 1) / step;
  if (start < hi) e = (hi - 1 - start) / step + 1;
  if (f > taps) f = taps;
  if (e > taps) e = taps;
  if (e < f) e = f;
  *first = (int32_t)f;
  *end = (int32_t)e;
}

#ifdef __cplusplus
#include <cmath>
#include <limits>
#include <type_traits>

/* ------------------------------------------------------------------------------
 * Any-dtype support (C++ only): the kernels of elementwise.h, movement.h and
 * reduce_any.h are templates over the element types, instantiated by the
 * emitted calls, e.g. mote_unary<float, bool>(...).
 * ---------------------------------------------------------------------------- */

/* float16 and bfloat16 are storage types: loaded as float, computed in float,
 * rounded to nearest even on store. A struct (not _Float16) keeps the emitted
 * code portable to compilers and targets without a native half type. */
struct mote_f16 {
  uint16_t bits;
};
struct mote_bf16 {
  uint16_t bits;
};

MOTE_MAYBE_UNUSED static inline float mote_bits_to_f32(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}
MOTE_MAYBE_UNUSED static inline uint32_t mote_f32_to_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

MOTE_MAYBE_UNUSED static inline float mote_f16_to_f32(uint16_t h) {
  const uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1fu;
  const uint32_t man = h & 0x3ffu;
  if (exp == 0) { /* zero or subnormal: man * 2^-24 */
    const float v = (float)man * 5.9604644775390625e-8f;
    return sign ? -v : v;
  }
  if (exp == 31) return mote_bits_to_f32(sign | 0x7f800000u | (man << 13));
  return mote_bits_to_f32(sign | ((exp + 112u) << 23) | (man << 13));
}

MOTE_MAYBE_UNUSED static inline uint16_t mote_f32_to_f16(float f) {
  const uint32_t u = mote_f32_to_bits(f);
  const uint16_t sign = (uint16_t)((u >> 16) & 0x8000u);
  const uint32_t abs = u & 0x7fffffffu;
  if (abs >= 0x7f800000u) /* inf or NaN (quiet) */
    return (uint16_t)(sign | 0x7c00u | (abs > 0x7f800000u ? 0x200u : 0u));
  if (abs >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u); /* rounds to inf */
  if (abs < 0x38800000u) { /* subnormal half: round man * 2^-24 to an integer */
    const float a = mote_bits_to_f32(abs) * 16777216.0f;
    const uint32_t q = (uint32_t)a;
    const float rest = a - (float)q;
    const uint32_t r = q + ((rest > 0.5f || (rest == 0.5f && (q & 1u))) ? 1u : 0u);
    return (uint16_t)(sign | r);
  }
  /* normal: drop 13 mantissa bits with round-to-nearest-even */
  const uint32_t rebased = abs - 0x38000000u;
  const uint32_t r = rebased + 0xfffu + ((rebased >> 13) & 1u);
  return (uint16_t)(sign | (r >> 13));
}

MOTE_MAYBE_UNUSED static inline float mote_bf16_to_f32(uint16_t h) {
  return mote_bits_to_f32((uint32_t)h << 16);
}
MOTE_MAYBE_UNUSED static inline uint16_t mote_f32_to_bf16(float f) {
  const uint32_t u = mote_f32_to_bits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40u); /* NaN */
  return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

/* 8-bit and 4-bit floats (ONNX FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2,
 * FLOAT8E5M2FNUZ, FLOAT4E2M1) are storage types too, one per byte. */
struct mote_f8e4m3fn {
  uint8_t bits;
};
struct mote_f8e4m3fnuz {
  uint8_t bits;
};
struct mote_f8e5m2 {
  uint8_t bits;
};
struct mote_f8e5m2fnuz {
  uint8_t bits;
};
struct mote_f4e2m1 {
  uint8_t bits;
};

/* A minifloat format: exponent and mantissa bits, bias, and its specials:
 * IEEE-like (inf and NaNs at the top exponent), "fn" (no inf; all ones is
 * NaN), "fnuz" (no inf, no -0; 0x80 is the one NaN) or none (FLOAT4E2M1). */
enum { MOTE_MF_IEEE, MOTE_MF_FN, MOTE_MF_FNUZ, MOTE_MF_NONE };
struct mote_minifloat {
  int32_t ebits, mbits, bias, kind;
};

MOTE_MAYBE_UNUSED static inline float mote_minifloat_decode(uint32_t code, mote_minifloat f) {
  const uint32_t top = (uint32_t)1 << (f.ebits + f.mbits);
  const uint32_t emax = ((uint32_t)1 << f.ebits) - 1, mmax = ((uint32_t)1 << f.mbits) - 1;
  const uint32_t e = (code >> f.mbits) & emax, m = code & mmax;
  const bool negative = (code & top) != 0;
  if (f.kind == MOTE_MF_FNUZ && code == top) return NAN;
  if (f.kind == MOTE_MF_FN && e == emax && m == mmax) return NAN;
  if (f.kind == MOTE_MF_IEEE && e == emax) return m ? NAN : (negative ? -INFINITY : INFINITY);
  const float v = e == 0 ? ldexpf((float)m, 1 - f.bias - f.mbits)
                         : ldexpf((float)(m + mmax + 1), (int)e - f.bias - f.mbits);
  return negative ? -v : v;
}

/* Rounds to the nearest value of the format, ties to even; out of range
 * saturates to the largest finite value, or (saturate == 0) becomes inf where
 * the format has one and NaN otherwise, as ONNX Cast defines. */
MOTE_MAYBE_UNUSED static inline uint8_t mote_minifloat_encode(float x, mote_minifloat f,
                                                             bool saturate) {
  const uint32_t top = (uint32_t)1 << (f.ebits + f.mbits);
  const uint32_t nan = f.kind == MOTE_MF_FNUZ ? top : (f.kind == MOTE_MF_NONE ? 0 : top - 1);
  /* the largest finite code: below the specials */
  uint32_t maxcode = top - 1;
  if (f.kind == MOTE_MF_IEEE) maxcode = top - 1 - (((uint32_t)1 << f.mbits));
  if (f.kind == MOTE_MF_FN) maxcode = top - 2;
  const uint32_t sign = (x < 0.0f || (x == 0.0f && signbit(x))) ? top : 0;
  if (x != x) return (uint8_t)(f.kind == MOTE_MF_FNUZ ? nan : (nan | sign));
  const float a = fabsf(x);
  const float maxval = mote_minifloat_decode(maxcode, f);
  const float ulp = maxval - mote_minifloat_decode(maxcode - 1, f);
  uint32_t code;
  if (a > maxval + ulp / 2 || (a == maxval + ulp / 2 && (maxcode & 1u)) || a == INFINITY) {
    if (saturate || f.kind == MOTE_MF_NONE) {
      code = maxcode;
    } else if (f.kind == MOTE_MF_IEEE) {
      code = maxcode + 1; /* inf */
    } else {
      return (uint8_t)(f.kind == MOTE_MF_FNUZ ? nan : (nan | sign));
    }
  } else {
    /* the positive codes are ordered like their values: binary search */
    uint32_t lo = 0, hi = maxcode;
    while (lo < hi) {
      const uint32_t mid = (lo + hi + 1) / 2;
      if (mote_minifloat_decode(mid, f) <= a) lo = mid; else hi = mid - 1;
    }
    code = lo;
    if (code < maxcode) {
      const float below = mote_minifloat_decode(code, f), above = mote_minifloat_decode(code + 1, f);
      if (a - below > above - a || (a - below == above - a && (code & 1u))) ++code;
    }
  }
  if (code == 0 && f.kind == MOTE_MF_FNUZ) return 0; /* no negative zero */
  return (uint8_t)(code | sign);
}

static const mote_minifloat mote_e4m3fn = {4, 3, 7, MOTE_MF_FN};
static const mote_minifloat mote_e4m3fnuz = {4, 3, 8, MOTE_MF_FNUZ};
static const mote_minifloat mote_e5m2 = {5, 2, 15, MOTE_MF_IEEE};
static const mote_minifloat mote_e5m2fnuz = {5, 2, 16, MOTE_MF_FNUZ};
static const mote_minifloat mote_e2m1 = {2, 1, 1, MOTE_MF_NONE};

/* Integers of 4 and 2 bits (ONNX INT4, UINT4, INT2, UINT2), one per byte. */
struct mote_i4 {
  int8_t v;
};
struct mote_u4 {
  uint8_t v;
};
struct mote_i2 {
  int8_t v;
};
struct mote_u2 {
  uint8_t v;
};

/* The type a kernel computes in: float for the 16-bit floats, else the type. */
template <class T> struct mote_compute { typedef T type; };
template <> struct mote_compute<mote_f16> { typedef float type; };
template <> struct mote_compute<mote_bf16> { typedef float type; };
template <> struct mote_compute<mote_f8e4m3fn> { typedef float type; };
template <> struct mote_compute<mote_f8e4m3fnuz> { typedef float type; };
template <> struct mote_compute<mote_f8e5m2> { typedef float type; };
template <> struct mote_compute<mote_f8e5m2fnuz> { typedef float type; };
template <> struct mote_compute<mote_f4e2m1> { typedef float type; };
template <> struct mote_compute<mote_i4> { typedef int8_t type; };
template <> struct mote_compute<mote_u4> { typedef uint8_t type; };
template <> struct mote_compute<mote_i2> { typedef int8_t type; };
template <> struct mote_compute<mote_u2> { typedef uint8_t type; };
/* bool computes as a byte, so that one integer code path serves it. */
template <> struct mote_compute<bool> { typedef uint8_t type; };

template <class T>
MOTE_MAYBE_UNUSED static inline typename mote_compute<T>::type mote_load(const T& v) {
  return v;
}
template <>
MOTE_MAYBE_UNUSED inline float mote_load<mote_f16>(const mote_f16& v) {
  return mote_f16_to_f32(v.bits);
}
template <>
MOTE_MAYBE_UNUSED inline uint8_t mote_load<bool>(const bool& v) {
  return v ? 1 : 0;
}
template <>
MOTE_MAYBE_UNUSED inline float mote_load<mote_bf16>(const mote_bf16& v) {
  return mote_bf16_to_f32(v.bits);
}

#define MOTE_MINIFLOAT_LOAD(T, FORMAT)                                                      \
  template <> MOTE_MAYBE_UNUSED inline float mote_load<T>(const T& v) {                     \
    return mote_minifloat_decode(v.bits, FORMAT);                                           \
  }
MOTE_MINIFLOAT_LOAD(mote_f8e4m3fn, mote_e4m3fn)
MOTE_MINIFLOAT_LOAD(mote_f8e4m3fnuz, mote_e4m3fnuz)
MOTE_MINIFLOAT_LOAD(mote_f8e5m2, mote_e5m2)
MOTE_MINIFLOAT_LOAD(mote_f8e5m2fnuz, mote_e5m2fnuz)
MOTE_MINIFLOAT_LOAD(mote_f4e2m1, mote_e2m1)
#undef MOTE_MINIFLOAT_LOAD
#define MOTE_SMALL_INT_LOAD(T, C)                                                           \
  template <> MOTE_MAYBE_UNUSED inline C mote_load<T>(const T& v) { return v.v; }
MOTE_SMALL_INT_LOAD(mote_i4, int8_t)
MOTE_SMALL_INT_LOAD(mote_u4, uint8_t)
MOTE_SMALL_INT_LOAD(mote_i2, int8_t)
MOTE_SMALL_INT_LOAD(mote_u2, uint8_t)
#undef MOTE_SMALL_INT_LOAD

/* Conversion to T as ONNX Cast defines it where C++ leaves it undefined: a
 * float out of an integer type's range saturates, NaN becomes 0. */
template <class T> struct mote_convert {
  template <class S> static T from(S v) {
    if constexpr (std::numeric_limits<S>::is_integer) {
      return (T)v; /* integer to integer wraps, as in numpy */
    } else {
      if (v != v) return (T)0;
      const double d = (double)v;
      if (d <= (double)std::numeric_limits<T>::lowest()) return std::numeric_limits<T>::lowest();
      if (d >= (double)std::numeric_limits<T>::max()) return std::numeric_limits<T>::max();
      return (T)v;
    }
  }
};
template <> struct mote_convert<bool> {
  template <class S> static bool from(S v) { return v != (S)0; }
};
template <> struct mote_convert<float> {
  template <class S> static float from(S v) { return (float)v; }
};
template <> struct mote_convert<double> {
  template <class S> static double from(S v) { return (double)v; }
};
template <> struct mote_convert<mote_f16> {
  template <class S> static mote_f16 from(S v) {
    mote_f16 h;
    h.bits = mote_f32_to_f16((float)v);
    return h;
  }
};
template <> struct mote_convert<mote_bf16> {
  template <class S> static mote_bf16 from(S v) {
    mote_bf16 h;
    h.bits = mote_f32_to_bf16((float)v);
    return h;
  }
};

#define MOTE_MINIFLOAT_CONVERT(T, FORMAT)                                                   \
  template <> struct mote_convert<T> {                                                      \
    template <class S> static T from(S v, bool saturate = true) {                           \
      T h;                                                                                  \
      h.bits = mote_minifloat_encode((float)v, FORMAT, saturate);                           \
      return h;                                                                             \
    }                                                                                       \
  };
MOTE_MINIFLOAT_CONVERT(mote_f8e4m3fn, mote_e4m3fn)
MOTE_MINIFLOAT_CONVERT(mote_f8e4m3fnuz, mote_e4m3fnuz)
MOTE_MINIFLOAT_CONVERT(mote_f8e5m2, mote_e5m2)
MOTE_MINIFLOAT_CONVERT(mote_f8e5m2fnuz, mote_e5m2fnuz)
MOTE_MINIFLOAT_CONVERT(mote_f4e2m1, mote_e2m1)
#undef MOTE_MINIFLOAT_CONVERT

/* To 4- and 2-bit integers: rounded half to even, then wrapped to the
 * width (the low bits kept, as ONNX Cast does). */
#define MOTE_SMALL_INT_CONVERT(T, BITS, SIGNED)                                             \
  template <> struct mote_convert<T> {                                                      \
    template <class S> static T from(S v) {                                                 \
      const double d = v != v ? 0.0 : nearbyint((double)v);                                \
      const double span = (double)(1 << (BITS));                                            \
      double w = fmod(d, span);                                                             \
      if (w < 0) w += span;                                                                 \
      if ((SIGNED) && w >= span / 2) w -= span;                                             \
      T r;                                                                                  \
      r.v = (int)w;                                                                         \
      return r;                                                                             \
    }                                                                                       \
  };
MOTE_SMALL_INT_CONVERT(mote_i4, 4, 1)
MOTE_SMALL_INT_CONVERT(mote_u4, 4, 0)
MOTE_SMALL_INT_CONVERT(mote_i2, 2, 1)
MOTE_SMALL_INT_CONVERT(mote_u2, 2, 0)
#undef MOTE_SMALL_INT_CONVERT

template <class T, class S> MOTE_MAYBE_UNUSED static inline void mote_store(T* p, S v) {
  *p = mote_convert<T>::from(v);
}

/* A Cast's store: `saturate` matters for the 8-bit floats only. */
template <class T, class S>
MOTE_MAYBE_UNUSED static inline void mote_cast_store(T* p, S v, bool saturate) {
  if constexpr (std::is_same<decltype(mote_convert<T>::from(v)), T>::value &&
                (std::is_same<T, mote_f8e4m3fn>::value || std::is_same<T, mote_f8e4m3fnuz>::value ||
                 std::is_same<T, mote_f8e5m2>::value || std::is_same<T, mote_f8e5m2fnuz>::value))
    *p = mote_convert<T>::from(v, saturate);
  else
    mote_store(p, v);
}

/* A shape or a stride list of up to 8 dims, passed by value: the emitted code
 * writes it as a braced literal, e.g. mote_dims{3, {2, 3, 4}}. */
struct mote_dims {
  int32_t rank;
  int64_t d[8];
};

MOTE_MAYBE_UNUSED static inline int64_t mote_count(const mote_dims& s) {
  int64_t n = 1;
  for (int32_t i = 0; i < s.rank; ++i) n *= s.d[i];
  return n;
}

/* Calls f(i, o0, o1, o2) for every index i of the dense tensor of shape `out`,
 * where o_k is the element offset of operand k read through its strides s_k (0
 * along broadcast dims): the odometer walk all broadcasting kernels share. */
template <class F>
MOTE_MAYBE_UNUSED static inline void mote_walk3(const mote_dims& out, const mote_dims& s0,
                                               const mote_dims& s1, const mote_dims& s2,
                                               F f) {
  const int64_t n = mote_count(out);
  int64_t idx[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t o0 = 0, o1 = 0, o2 = 0;
  for (int64_t i = 0; i < n; ++i) {
    f(i, o0, o1, o2);
    for (int32_t k = out.rank - 1; k >= 0; --k) {
      ++idx[k];
      o0 += s0.d[k];
      o1 += s1.d[k];
      o2 += s2.d[k];
      if (idx[k] < out.d[k]) break;
      o0 -= s0.d[k] * out.d[k];
      o1 -= s1.d[k] * out.d[k];
      o2 -= s2.d[k] * out.d[k];
      idx[k] = 0;
    }
  }
}

/* Returns a pointer of type T* at byte `offset` of an arena: the arena is raw
 * bytes that hold tensors of any type. */
template <class T>
MOTE_MAYBE_UNUSED static inline T* mote_at(unsigned char* base, size_t offset) {
  return reinterpret_cast<T*>(base + offset);
}
#endif /* __cplusplus */

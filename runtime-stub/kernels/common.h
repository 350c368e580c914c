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

/* Mote kernels: broadcasting element-wise binary ops (see KERNELS.md). Requires common.h. */

#define MOTE_BINARY_ADD 0
#define MOTE_BINARY_SUB 1
#define MOTE_BINARY_MUL 2
#define MOTE_BINARY_DIV 3
#define MOTE_BINARY_MAX 4
#define MOTE_BINARY_MIN 5

MOTE_MAYBE_UNUSED static inline float mote_binary_op_(float a, float b, int32_t op) {
  switch (op) {
  case MOTE_BINARY_SUB:
    return a - b;
  case MOTE_BINARY_MUL:
    return a * b;
  case MOTE_BINARY_DIV:
    return a / b;
  case MOTE_BINARY_MAX: /* a NaN in a propagates, as in a clip to a lower bound */
    return a < b ? b : a;
  case MOTE_BINARY_MIN:
    return a > b ? b : a;
  default:
    return a + b;
  }
}

/* y[i] = a[i * as] OP b[i * bs] for i in [0, n). `op` is a constant at every call site
 * (see mote_binary_row_), so after inlining each branch is a plain loop; the common
 * stride patterns get their own loops so they vectorize. */
MOTE_MAYBE_UNUSED static inline void mote_binary_row_op_(const float* a, size_t as, const float* b,
                                                         size_t bs, float* y, size_t n,
                                                         int32_t op) {
  size_t i;
  if (as == 1 && bs == 1) {
    for (i = 0; i < n; ++i) y[i] = mote_binary_op_(a[i], b[i], op);
  } else if (as == 1 && bs == 0) {
    const float bv = b[0];
    for (i = 0; i < n; ++i) y[i] = mote_binary_op_(a[i], bv, op);
  } else if (as == 0 && bs == 1) {
    const float av = a[0];
    for (i = 0; i < n; ++i) y[i] = mote_binary_op_(av, b[i], op);
  } else {
    for (i = 0; i < n; ++i) y[i] = mote_binary_op_(a[i * as], b[i * bs], op);
  }
}

MOTE_MAYBE_UNUSED static inline void mote_binary_row_(const float* a, size_t as, const float* b,
                                                      size_t bs, float* y, size_t n, int32_t op) {
  switch (op) {
  case MOTE_BINARY_SUB:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_SUB);
    break;
  case MOTE_BINARY_MUL:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_MUL);
    break;
  case MOTE_BINARY_DIV:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_DIV);
    break;
  case MOTE_BINARY_MAX:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_MAX);
    break;
  case MOTE_BINARY_MIN:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_MIN);
    break;
  default:
    mote_binary_row_op_(a, as, b, bs, y, n, MOTE_BINARY_ADD);
    break;
  }
}

/* y = act(a OP b) with numpy broadcasting; op: 0 add, 1 sub, 2 mul, 3 div, 4 max,
 * 5 min (max/min propagate a NaN in a).
 * d0..d5: output dims (right-aligned, leading 1); as*, bs*: element strides of a and b
 * per output dim (0 = broadcast). y is dense. y may equal a or b when that operand has
 * the same dense layout as y (each element is read before it is written). */
MOTE_MAYBE_UNUSED static inline void
mote_binary_f32(const float* a, const float* b, float* y, int32_t op, int32_t d0, int32_t d1,
                int32_t d2, int32_t d3, int32_t d4, int32_t d5, int32_t as0, int32_t as1,
                int32_t as2, int32_t as3, int32_t as4, int32_t as5, int32_t bs0, int32_t bs1,
                int32_t bs2, int32_t bs3, int32_t bs4, int32_t bs5, int32_t act, float p0,
                float p1) {
  const int32_t in_d[6] = {d0, d1, d2, d3, d4, d5};
  const int32_t in_as[6] = {as0, as1, as2, as3, as4, as5};
  const int32_t in_bs[6] = {bs0, bs1, bs2, bs3, bs4, bs5};
  /* Collapsed loop nest: size-1 dims dropped, and neighbouring dims merged when both
   * operands step through them as one flat dim. Right-aligned in 6 slots. */
  size_t d[6] = {1, 1, 1, 1, 1, 1};
  size_t sa[6] = {0, 0, 0, 0, 0, 0};
  size_t sb[6] = {0, 0, 0, 0, 0, 0};
  size_t cd[6] = {1, 1, 1, 1, 1, 1};
  size_t ca[6] = {0, 0, 0, 0, 0, 0};
  size_t cb[6] = {0, 0, 0, 0, 0, 0};
  int32_t rank = 0;
  int32_t i;
  size_t i0, i1, i2, i3, i4;

  for (i = 0; i < 6; ++i) {
    if (in_d[i] <= 0) return; /* empty output */
  }
  for (i = 0; i < 6; ++i) {
    const size_t n = (size_t)in_d[i];
    const size_t ta = (size_t)in_as[i];
    const size_t tb = (size_t)in_bs[i];
    if (n == 1) continue;
    if (rank > 0 && ca[rank - 1] == ta * n && cb[rank - 1] == tb * n) {
      cd[rank - 1] *= n;
      ca[rank - 1] = ta;
      cb[rank - 1] = tb;
    } else {
      cd[rank] = n;
      ca[rank] = ta;
      cb[rank] = tb;
      ++rank;
    }
  }
  for (i = 0; i < rank; ++i) {
    d[6 - rank + i] = cd[i];
    sa[6 - rank + i] = ca[i];
    sb[6 - rank + i] = cb[i];
  }

  for (i0 = 0; i0 < d[0]; ++i0) {
    for (i1 = 0; i1 < d[1]; ++i1) {
      for (i2 = 0; i2 < d[2]; ++i2) {
        for (i3 = 0; i3 < d[3]; ++i3) {
          for (i4 = 0; i4 < d[4]; ++i4) {
            const size_t ao = i0 * sa[0] + i1 * sa[1] + i2 * sa[2] + i3 * sa[3] + i4 * sa[4];
            const size_t bo = i0 * sb[0] + i1 * sb[1] + i2 * sb[2] + i3 * sb[3] + i4 * sb[4];
            float* yr = y + ((((i0 * d[1] + i1) * d[2] + i2) * d[3] + i3) * d[4] + i4) * d[5];
            mote_binary_row_(a + ao, sa[5], b + bo, sb[5], yr, d[5], op);
            if (act != MOTE_ACT_NONE) mote_act_array(yr, yr, d[5], act, p0, p1);
          }
        }
      }
    }
  }
}

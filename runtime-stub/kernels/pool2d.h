/* Mote kernels: 2-D max / average pooling, NCHW (see KERNELS.md). Requires common.h. */

#define MOTE_POOL_MAX 0
#define MOTE_POOL_AVG 1

/* -inf, built from its bit pattern so that the INFINITY macro (which clang flags under
 * -ffast-math) is not needed. */
MOTE_MAYBE_UNUSED static inline float mote_pool2d_neg_inf_(void) {
  const uint32_t bits = 0xff800000u;
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/* Pools nc = n * c planes x: [nc, h, w] into y: [nc, oh, ow]; kind 0 max, 1 average.
 * Window of output (oy, ox): rows oy*sh - pt + ky*dh (ky < kh), columns
 * ox*sw - pl + kx*dw (kx < kw). pt, pl, pb, pr are the explicit pads; ceil_mode is
 * already folded into oh/ow, so windows may run past the padded input.
 *   max: maximum over the real input elements of the window (padding ignored);
 *        -inf if the window holds none.
 *   avg: sum over the real input elements divided by
 *        count_include_pad != 0: the number of window taps inside the padded input
 *                                [-pt, h + pb) x [-pl, w + pr);
 *        count_include_pad == 0: the number of real input elements;
 *        0 if that count is 0.
 * y must not overlap x. */
MOTE_MAYBE_UNUSED static inline void mote_pool2d_f32(const float* x, float* y, int32_t kind,
                                                     int32_t nc, int32_t h, int32_t w, int32_t oh,
                                                     int32_t ow, int32_t kh, int32_t kw, int32_t sh,
                                                     int32_t sw, int32_t pt, int32_t pl, int32_t pb,
                                                     int32_t pr, int32_t dh, int32_t dw,
                                                     int32_t count_include_pad) {
  const size_t in_plane = (size_t)h * (size_t)w;
  const float neg_inf = mote_pool2d_neg_inf_();
  int32_t p, oy, ox, ky, kx;
  /* Real taps [ky0, ky1) x [kx0, kx1); taps inside the padded input [pky0, pky1) x ... */
  int32_t ky0, ky1, kx0, kx1, pky0, pky1, pkx0, pkx1;

  for (p = 0; p < nc; ++p) {
    const float* xp = x + (size_t)p * in_plane;
    float* yp = y + (size_t)p * (size_t)oh * (size_t)ow;
    for (oy = 0; oy < oh; ++oy) {
      const int64_t iy0 = (int64_t)oy * sh - pt;
      mote_tap_range(iy0, dh, kh, 0, h, &ky0, &ky1);
      mote_tap_range(iy0, dh, kh, -(int64_t)pt, (int64_t)h + pb, &pky0, &pky1);
      for (ox = 0; ox < ow; ++ox) {
        const int64_t ix0 = (int64_t)ox * sw - pl;
        float r;
        mote_tap_range(ix0, dw, kw, 0, w, &kx0, &kx1);
        if (kind == MOTE_POOL_MAX) {
          r = neg_inf;
          for (ky = ky0; ky < ky1; ++ky) {
            const float* xr = xp + (size_t)(iy0 + (int64_t)ky * dh) * (size_t)w;
            for (kx = kx0; kx < kx1; ++kx) {
              const float v = xr[ix0 + (int64_t)kx * dw];
              /* NaN propagates like numpy's max. */
              if (v > r || v != v) r = v;
            }
          }
        } else {
          float s = 0.0f;
          int64_t count;
          for (ky = ky0; ky < ky1; ++ky) {
            const float* xr = xp + (size_t)(iy0 + (int64_t)ky * dh) * (size_t)w;
            for (kx = kx0; kx < kx1; ++kx) s += xr[ix0 + (int64_t)kx * dw];
          }
          if (count_include_pad) {
            mote_tap_range(ix0, dw, kw, -(int64_t)pl, (int64_t)w + pr, &pkx0, &pkx1);
            count = (int64_t)(pky1 - pky0) * (pkx1 - pkx0);
          } else {
            count = (int64_t)(ky1 - ky0) * (kx1 - kx0);
          }
          r = count > 0 ? s / (float)count : 0.0f;
        }
        yp[(size_t)oy * (size_t)ow + (size_t)ox] = r;
      }
    }
  }
}

/* Mote kernels: 3-D max / average pooling, NCDHW (see KERNELS.md). Requires
 * common.h. The same rules as mote_pool2d_f32, with a depth axis: padding is
 * ignored by max; average divides by the taps inside the padded input
 * (count_include_pad != 0) or by the real elements (== 0); an empty window gives
 * -inf (max) or 0 (avg). */

MOTE_MAYBE_UNUSED static inline void
mote_pool3d_f32(const float* x, float* y, int32_t kind, int32_t nc, int32_t d, int32_t h,
                int32_t w, int32_t od, int32_t oh, int32_t ow, int32_t kd, int32_t kh,
                int32_t kw, int32_t sd, int32_t sh, int32_t sw, int32_t pf, int32_t pt,
                int32_t pl, int32_t pk, int32_t pb, int32_t pr, int32_t dd, int32_t dh,
                int32_t dw, int32_t count_include_pad) {
  const uint32_t neg_inf_bits = 0xff800000u;
  float neg_inf;
  memcpy(&neg_inf, &neg_inf_bits, sizeof neg_inf);
  for (int32_t p = 0; p < nc; ++p) {
    const float* plane = x + (size_t)p * (size_t)d * (size_t)h * (size_t)w;
    float* out = y + (size_t)p * (size_t)od * (size_t)oh * (size_t)ow;
    for (int32_t oz = 0; oz < od; ++oz)
      for (int32_t oy = 0; oy < oh; ++oy)
        for (int32_t ox = 0; ox < ow; ++ox) {
          float acc = kind == 0 ? neg_inf : 0.0f;
          int32_t real = 0, padded = 0;
          for (int32_t kz = 0; kz < kd; ++kz) {
            int32_t iz = oz * sd - pf + kz * dd;
            for (int32_t ky = 0; ky < kh; ++ky) {
              int32_t iy = oy * sh - pt + ky * dh;
              for (int32_t kx = 0; kx < kw; ++kx) {
                int32_t ix = ox * sw - pl + kx * dw;
                if (iz >= -pf && iz < d + pk && iy >= -pt && iy < h + pb && ix >= -pl &&
                    ix < w + pr)
                  ++padded;
                if (iz < 0 || iz >= d || iy < 0 || iy >= h || ix < 0 || ix >= w)
                  continue;
                float v = plane[((size_t)iz * (size_t)h + (size_t)iy) * (size_t)w + (size_t)ix];
                ++real;
                if (kind == 0)
                  acc = (v > acc || v != v) ? v : acc;
                else
                  acc += v;
              }
            }
          }
          if (kind != 0) {
            int32_t count = count_include_pad ? padded : real;
            acc = count > 0 ? acc / (float)count : 0.0f;
          }
          out[((size_t)oz * (size_t)oh + (size_t)oy) * (size_t)ow + (size_t)ox] = acc;
        }
  }
}

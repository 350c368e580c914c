/* Mote kernels: 2-D convolution, NCHW (see KERNELS.md). Requires common.h. */

/* y_row[t] += wv * x_row[t * step] for t in [0, n). */
MOTE_MAYBE_UNUSED static inline void mote_conv2d_axpy_(float* y_row, const float* x_row,
                                                       size_t step, size_t n, float wv) {
  size_t t;
  if (step == 1) {
    for (t = 0; t < n; ++t) y_row[t] += wv * x_row[t];
  } else {
    for (t = 0; t < n; ++t) y_row[t] += wv * x_row[t * step];
  }
}

/* 2-D convolution with groups and dilations.
 *   x: [n, c, h, w_in]; w: [m, c / group, kh, kw]; b: [m] or NULL; y: [n, m, oh, ow].
 *   y[n, oc, oy, ox] = act(b[oc] + sum_{ic, ky, kx} w[oc, ic, ky, kx] *
 *                      x[n, g * c/group + ic, oy*sh - pt + ky*dh, ox*sw - pl + kx*dw])
 * where g = oc / (m / group) and taps outside the input read zero. Bottom/right
 * padding is implied by oh/ow. Depthwise convolution is group == c == m (or m a
 * multiple of c). y must not overlap x, w or b.
 *
 * Each output row is accumulated in place (bias first, then one strided axpy per
 * (kx, input channel, ky) restricted to the in-bounds output columns), so the inner
 * loop streams an input row and an output row; the activation is applied once per row. */
MOTE_MAYBE_UNUSED static inline void
mote_conv2d_f32(const float* x, const float* w, const float* b, float* y, int32_t n, int32_t c,
                int32_t h, int32_t w_in, int32_t m, int32_t kh, int32_t kw, int32_t oh, int32_t ow,
                int32_t sh, int32_t sw, int32_t pt, int32_t pl, int32_t dh, int32_t dw,
                int32_t group, int32_t act, float p0, float p1) {
  const int32_t cpg = c / group; /* input channels per group */
  const int32_t mpg = m / group; /* output channels per group */
  const size_t in_plane = (size_t)h * (size_t)w_in;
  const size_t out_plane = (size_t)oh * (size_t)ow;
  const size_t filter = (size_t)cpg * (size_t)kh * (size_t)kw;
  /* A 1x1, stride-1, unpadded convolution over a whole plane is one long axpy per
   * input channel: treat each plane as a single row. */
  const int flat =
      kh == 1 && kw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && oh == h && ow == w_in;
  const int32_t rows = flat ? 1 : oh;
  const size_t row_len = flat ? out_plane : (size_t)ow;
  int32_t nb, g, mo, oy, ic, ky, kx, ky0, ky1, ox0, ox1;
  size_t t;

  if (group <= 0 || out_plane == 0) return;
  for (nb = 0; nb < n; ++nb) {
    for (g = 0; g < group; ++g) {
      const float* xg = x + ((size_t)nb * (size_t)c + (size_t)g * (size_t)cpg) * in_plane;
      for (mo = 0; mo < mpg; ++mo) {
        const int32_t oc = g * mpg + mo;
        const float* wk = w + (size_t)oc * filter;
        const float bias = b ? b[oc] : 0.0f;
        float* yp = y + ((size_t)nb * (size_t)m + (size_t)oc) * out_plane;
        for (oy = 0; oy < rows; ++oy) {
          float* yr = yp + (size_t)oy * row_len;
          const int64_t iy0 = (int64_t)oy * sh - pt;
          for (t = 0; t < row_len; ++t) yr[t] = bias;
          if (flat) {
            for (ic = 0; ic < cpg; ++ic)
              mote_conv2d_axpy_(yr, xg + (size_t)ic * in_plane, 1, row_len, wk[ic]);
          } else {
            mote_tap_range(iy0, dh, kh, 0, h, &ky0, &ky1);
            for (kx = 0; kx < kw; ++kx) {
              /* Input column of output column ox is ox * sw + off; the in-bounds
               * output columns for this kx are [ox0, ox1). */
              const int64_t off = (int64_t)kx * dw - pl;
              mote_tap_range(off, sw, ow, 0, w_in, &ox0, &ox1);
              if (ox0 >= ox1) continue;
              for (ic = 0; ic < cpg; ++ic) {
                const float* xc = xg + (size_t)ic * in_plane + (size_t)((int64_t)ox0 * sw + off);
                const float* wc = wk + (size_t)ic * (size_t)kh * (size_t)kw + (size_t)kx;
                for (ky = ky0; ky < ky1; ++ky) {
                  const float* xr = xc + (size_t)(iy0 + (int64_t)ky * dh) * (size_t)w_in;
                  mote_conv2d_axpy_(yr + ox0, xr, (size_t)sw, (size_t)(ox1 - ox0),
                                    wc[(size_t)ky * (size_t)kw]);
                }
              }
            }
          }
          if (act != MOTE_ACT_NONE) mote_act_array(yr, yr, row_len, act, p0, p1);
        }
      }
    }
  }
}

/* A convolution whose result overwrites its input, for a batch of 1 (see
 * KERNELS.md "In-place convolution"). On entry buf holds x [c, h, w_in]; on return
 * it holds y [m, oh, ow]. buf must be max(c*h*w_in, m*oh*ow) floats; scratch
 * (scratch_len floats) must not overlap buf, w or b.
 *
 * Depthwise (group == c == m, oh*ow <= h*w_in; scratch: one output plane): channel
 * ch is convolved into scratch, then copied to plane ch of y, which lies within the
 * input planes 0..ch, all consumed by then.
 *
 * Pointwise (1x1, stride 1, no padding, group 1; scratch: [c, B] with
 * B = scratch_len / c): for each block of B pixels, the block's input is copied
 * into scratch, then y[oc, block] is written for every oc. Position oc*P + p is
 * input (oc, p) of the same block, already copied, or lies past every input pixel
 * still to be read. */
MOTE_MAYBE_UNUSED static inline void
mote_conv2d_in_place_f32(float* buf, const float* w, const float* b, float* scratch,
                         int32_t scratch_len, int32_t c, int32_t h, int32_t w_in, int32_t m,
                         int32_t kh, int32_t kw, int32_t oh, int32_t ow, int32_t sh, int32_t sw,
                         int32_t pt, int32_t pl, int32_t dh, int32_t dw, int32_t group,
                         int32_t act, float p0, float p1) {
  const size_t in_plane = (size_t)h * (size_t)w_in;
  const size_t out_plane = (size_t)oh * (size_t)ow;
  int32_t ch, oc, ic;
  if (c <= 0 || out_plane == 0) return;
  if (group == c && m == c) {
    for (ch = 0; ch < c; ++ch) {
      mote_conv2d_f32(buf + (size_t)ch * in_plane, w + (size_t)ch * (size_t)kh * (size_t)kw,
                      b ? b + ch : NULL, scratch, 1, 1, h, w_in, 1, kh, kw, oh, ow, sh, sw, pt,
                      pl, dh, dw, 1, act, p0, p1);
      memcpy(buf + (size_t)ch * out_plane, scratch, out_plane * sizeof(float));
    }
    return;
  }
  {
    const size_t block = (size_t)scratch_len / (size_t)c;
    size_t p, n, t;
    if (block == 0) return;
    for (p = 0; p < in_plane; p += n) {
      n = in_plane - p < block ? in_plane - p : block;
      for (ic = 0; ic < c; ++ic)
        memcpy(scratch + (size_t)ic * n, buf + (size_t)ic * in_plane + p, n * sizeof(float));
      for (oc = 0; oc < m; ++oc) {
        float* yr = buf + (size_t)oc * in_plane + p;
        const float* wk = w + (size_t)oc * (size_t)c;
        const float bias = b ? b[oc] : 0.0f;
        for (t = 0; t < n; ++t) yr[t] = bias;
        for (ic = 0; ic < c; ++ic) mote_conv2d_axpy_(yr, scratch + (size_t)ic * n, 1, n, wk[ic]);
        if (act != MOTE_ACT_NONE) mote_act_array(yr, yr, n, act, p0, p1);
      }
    }
  }
}

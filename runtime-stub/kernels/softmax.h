/* Mote kernels: Softmax (see KERNELS.md). Requires common.h. */

/* Columns of the inner dimension processed together (stack scratch of 2 * this). */
#define MOTE_SOFTMAX_BLOCK 32

/* Softmax over the middle axis of x: [outer, len, inner]:
 *   y[o, l, i] = exp(x[o, l, i] - max_l x[o, :, i]) / sum_l exp(x[o, l, i] - max)
 * Numerically stable (the max is subtracted first). y may equal x.
 * For inner > 1 the columns are handled in blocks so every pass reads contiguous
 * pieces of rows. */
MOTE_MAYBE_UNUSED static inline void mote_softmax_f32(const float* x, float* y, int32_t outer,
                                                      int32_t len, int32_t inner) {
  const size_t slice = (size_t)len * (size_t)inner;
  int32_t o, l, i0, j, bl;

  if (len <= 0 || inner <= 0) return;
  for (o = 0; o < outer; ++o) {
    const float* xo = x + (size_t)o * slice;
    float* yo = y + (size_t)o * slice;
    if (inner == 1) {
      float mx = xo[0];
      float sum = 0.0f;
      for (l = 1; l < len; ++l) mx = xo[l] > mx ? xo[l] : mx;
      for (l = 0; l < len; ++l) {
        const float e = expf(xo[l] - mx);
        yo[l] = e;
        sum += e;
      }
      for (l = 0; l < len; ++l) yo[l] = yo[l] / sum;
      continue;
    }
    for (i0 = 0; i0 < inner; i0 += MOTE_SOFTMAX_BLOCK) {
      float mx[MOTE_SOFTMAX_BLOCK];
      float sum[MOTE_SOFTMAX_BLOCK];
      bl = inner - i0 < MOTE_SOFTMAX_BLOCK ? inner - i0 : MOTE_SOFTMAX_BLOCK;
      for (j = 0; j < bl; ++j) {
        mx[j] = xo[i0 + j];
        sum[j] = 0.0f;
      }
      for (l = 1; l < len; ++l) {
        const float* xr = xo + (size_t)l * (size_t)inner + (size_t)i0;
        for (j = 0; j < bl; ++j) mx[j] = xr[j] > mx[j] ? xr[j] : mx[j];
      }
      for (l = 0; l < len; ++l) {
        const float* xr = xo + (size_t)l * (size_t)inner + (size_t)i0;
        float* yr = yo + (size_t)l * (size_t)inner + (size_t)i0;
        for (j = 0; j < bl; ++j) {
          const float e = expf(xr[j] - mx[j]);
          yr[j] = e;
          sum[j] += e;
        }
      }
      for (l = 0; l < len; ++l) {
        float* yr = yo + (size_t)l * (size_t)inner + (size_t)i0;
        for (j = 0; j < bl; ++j) yr[j] = yr[j] / sum[j];
      }
    }
  }
}

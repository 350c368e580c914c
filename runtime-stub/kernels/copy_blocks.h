/* Mote kernels: strided block copy, the building block of Concat (see KERNELS.md).
 * Requires common.h. */

/* For o in [0, outer): copy `len` floats from x + o * len to
 * y + o * y_stride + y_offset. x and y must not overlap. */
MOTE_MAYBE_UNUSED static inline void mote_copy_blocks_f32(const float* x, float* y, int32_t outer,
                                                          int32_t len, int32_t y_stride,
                                                          int32_t y_offset) {
  int32_t o;
  if (len <= 0) return;
  for (o = 0; o < outer; ++o) {
    memcpy(y + (size_t)o * (size_t)y_stride + (size_t)y_offset, x + (size_t)o * (size_t)len,
           (size_t)len * sizeof(float));
  }
}

/* Mote kernels: element-wise activation (see KERNELS.md). Requires common.h. */

/* y[i] = act(x[i], p0, p1) for i in [0, n); y may equal x. */
MOTE_MAYBE_UNUSED static inline void mote_activation_f32(const float* x, float* y, int32_t n,
                                                         int32_t act, float p0, float p1) {
  if (n <= 0) return;
  mote_act_array(x, y, (size_t)n, act, p0, p1);
}

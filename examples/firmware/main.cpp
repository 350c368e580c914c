// A firmware-style application around a Mote model: static buffers, no heap,
// one inference per "frame". The model library `kws` (kws.cpp and kws.h) is
// generated at build time by mote_add_model() in CMakeLists.txt.
//
// It runs the model on the fixed input in expected.h, prints the outputs and
// compares them with the values numpy computed (model/make_model.py). It
// returns 0 when they match, 1 otherwise.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "expected.h"
#include "kws.h"

static_assert(sizeof(kws_test_input) / sizeof(float) == KWS_INPUT0_COUNT, "input size");
static_assert(sizeof(kws_expected_logits) / sizeof(float) == KWS_OUTPUT0_COUNT, "logits size");
static_assert(sizeof(kws_expected_probs) / sizeof(float) == KWS_OUTPUT1_COUNT, "probs size");

static float spectrogram[KWS_INPUT0_COUNT];
static float logits[KWS_OUTPUT0_COUNT];
static float probs[KWS_OUTPUT1_COUNT];

// Stands in for the DMA/sensor driver that would fill the input buffer.
static void read_frame(float* dst) { memcpy(dst, kws_test_input, sizeof(kws_test_input)); }

static int compare(const char* name, const float* got, const float* want, int n) {
  int bad = 0;
  for (int i = 0; i < n; ++i) {
    bool ok = fabsf(got[i] - want[i]) <= 1e-5f + 1e-4f * fabsf(want[i]);
    printf("  %s[%d] = %.6f (expected %.6f)%s\n", name, i, got[i], want[i],
           ok ? "" : "  <-- MISMATCH");
    bad += !ok;
  }
  return bad;
}

int main() {
  read_frame(spectrogram);
  if (kws_run(spectrogram, logits, probs) != 0) {
    printf("kws_run failed\n");
    return 1;
  }
  printf("kws: %d inputs, %d outputs, arena %u bytes\n", KWS_NUM_INPUTS, KWS_NUM_OUTPUTS,
         (unsigned)KWS_ARENA_BYTES);
  int bad = compare(kws_outputs[0].name, logits, kws_expected_logits, KWS_OUTPUT0_COUNT) +
            compare(kws_outputs[1].name, probs, kws_expected_probs, KWS_OUTPUT1_COUNT);
  int best = 0;
  for (int i = 1; i < KWS_OUTPUT1_COUNT; ++i)
    if (probs[i] > probs[best]) best = i;
  printf("detected keyword %d (p = %.3f)\n", best, probs[best]);
  printf(bad ? "FAIL: %d values differ\n" : "PASS\n", bad);
  return bad ? 1 : 0;
}

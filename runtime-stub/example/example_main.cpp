// A firmware-style caller of a Mote-compiled model: a static input, one call,
// the class scores. The model was compiled with `motec ... -o mobilenet.cpp`,
// so its symbols are prefixed `mobilenet_`.
#include "mobilenet.h"

#include <chrono>
#include <cstdio>

static float input[MOBILENET_INPUT0_COUNT];
static float scores[MOBILENET_OUTPUT0_COUNT];

int main() {
  // A deterministic test pattern in [-1, 1].
  for (int i = 0; i < MOBILENET_INPUT0_COUNT; ++i)
    input[i] = static_cast<float>((i * 37) % 200) / 100.0f - 1.0f;

  auto start = std::chrono::steady_clock::now();
  int status = mobilenet_run(input, scores);
  auto stop = std::chrono::steady_clock::now();
  if (status != 0)
    return 1;

  int best = 0;
  for (int i = 0; i < MOBILENET_OUTPUT0_COUNT; ++i) {
    std::printf("class %d: %.5f\n", i, scores[i]);
    if (scores[i] > scores[best])
      best = i;
  }
  std::printf("input '%s' -> top class %d; arena %u bytes; %.3f ms\n",
              mobilenet_inputs[0].name, best, MOBILENET_ARENA_BYTES,
              std::chrono::duration<double, std::milli>(stop - start).count());
  return 0;
}

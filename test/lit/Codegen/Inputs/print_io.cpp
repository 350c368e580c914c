// Prints what the tables of a model compiled with --name model say about its
// inputs and outputs, the names as hex bytes; then runs the model through
// model_run_v on inputs 0, 1, 2, ... and prints every output value.
#include "model.h"

#include <stdio.h>
#include <string.h>

static void describe(const char* kind, const mote_io_info* table, int n) {
  for (int i = 0; i < n; ++i) {
    printf("%s %d name ", kind, i);
    for (const char* c = table[i].name; *c; ++c)
      printf("%02x", (unsigned)(unsigned char)*c);
    printf(" dtype %d rank %d count %lld shape", (int)table[i].dtype,
           (int)table[i].rank, (long long)table[i].count);
    for (int d = 0; d < table[i].rank; ++d)
      printf(" %d", (int)table[i].shape[d]);
    printf("\n");
  }
}

int main() {
  describe("input", model_inputs, MODEL_NUM_INPUTS);
  describe("output", model_outputs, MODEL_NUM_OUTPUTS);
  static float in[MODEL_NUM_INPUTS][4096];
  static float out[MODEL_NUM_OUTPUTS][4096];
  const void* ins[MODEL_NUM_INPUTS];
  void* outs[MODEL_NUM_OUTPUTS];
  for (int i = 0; i < MODEL_NUM_INPUTS; ++i) {
    for (int j = 0; j < 4096; ++j)
      in[i][j] = (float)(j - 1);
    ins[i] = in[i];
  }
  for (int i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    outs[i] = out[i];
  if (model_run_v(ins, outs) != 0)
    return 1;
  for (int i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    printf("output %d values", i);
    for (int j = 0; j < (int)model_outputs[i].count; ++j)
      printf(" %g", out[i][j]);
    printf("\n");
  }
  return 0;
}

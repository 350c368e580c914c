// Runs the small-floats model on values that round, saturate and wrap.
#include "model.h"
#include <stdio.h>

int main() {
  const float x[6] = {0.5f, 448.0f, 500.0f, -0.0f, 3.3f, -9.0f};
  uint8_t a[6], b[6];
  int8_t c[6];
  model_run(x, a, b, c);
  printf("e4m3fn");
  for (uint8_t v : a) printf(" %02x", v);
  printf("\ne5m2");
  for (uint8_t v : b) printf(" %02x", v);
  printf("\nint4");
  for (int8_t v : c) printf(" %d", v);
  printf("\n");
  return 0;
}

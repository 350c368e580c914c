// Two models in one program: both headers in one file (the mote_io_info
// struct is defined once), both sources linked together (kernels are static
// inline, every other symbol carries the model name).
#include "alpha.h"
#include "beta.h"

#include <stdio.h>

int main() {
  float x[ALPHA_INPUT0_COUNT] = {-1.0f, 0.0f, 1.0f, 2.0f};
  float a[ALPHA_OUTPUT0_COUNT], b[BETA_OUTPUT0_COUNT];
  if (alpha_run(x, a) != 0 || beta_run(x, b) != 0)
    return 1;
  printf("%s:", alpha_outputs[0].name);
  for (float v : a)
    printf(" %g", v);
  printf("\n%s:", beta_outputs[0].name);
  for (float v : b)
    printf(" %g", v);
  printf("\n");
  return 0;
}

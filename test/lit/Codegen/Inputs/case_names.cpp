// Two models whose names differ only in case, in one file.
#include "lower.h"
#include "upper.h"

int main() {
  float x[4] = {0}, y[4];
  return net_run(x, y) + Net_run(x, y);
}

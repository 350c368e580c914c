//===- mote-opt.cpp - run any Mote pass or pipeline on MLIR ---------------===//
#include "compiler/Pipeline.h"

#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mote::registerMoteDialects(registry);
  mote::registerMotePassesAndPipelines();
  // The upstream passes the pipelines are made of, to run them one by one.
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::bufferization::registerOneShotBufferizePass();
  mlir::bufferization::registerBufferResultsToOutParamsPass();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Mote optimizer driver\n", registry));
}

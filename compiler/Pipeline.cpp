//===- Pipeline.cpp - phases, registration and the named pipelines --------===//
#include "compiler/Pipeline.h"

#include "dialects/Mote/MoteDialect.h"
#include "dialects/ONNX/ONNXDialect.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/IR/MemRefMemorySlot.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace mote {

void registerMoteDialects(DialectRegistry &registry) {
  registry.insert<onnx::ONNXDialect, MoteDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, emitc::EmitCDialect,
                  func::FuncDialect, memref::MemRefDialect, quant::QuantDialect,
                  tensor::TensorDialect>();
  // Bufferization works through interface models that live outside the
  // dialects; without them the pipeline would silently degrade.
  memref::registerAllocationOpInterfaceExternalModels(registry);
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  mote::registerBufferizableOpInterfaceExternalModels(registry);
}

void buildImportToKernelsPipeline(OpPassManager &pm, bool inPlace) {
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(createConvertONNXToMote());
  func.addPass(createMoteFoldConstants());
  func.addPass(createMoteFoldScaleShift());
  func.addPass(createMoteFuseActivations());
  func.addPass(createCanonicalizerPass());
  func.addPass(createCSEPass());
  // After CSE, which would merge the fresh destinations this pass looks for.
  if (inPlace)
    func.addPass(createMoteInPlaceElementwise());
  // Last: it sees the in-place writes, and nothing after it moves ops.
  func.addPass(createMoteScheduleForMemory());
}

void buildKernelsToBuffersPipeline(OpPassManager &pm, bool inPlace,
                                   int64_t ramBudget) {
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(createMoteForwardOutputs());
  // After forwarding: a buffer that became the caller's output is not in the
  // arena, and no longer worth sharing.
  if (inPlace) {
    func.addPass(createMoteConcatInPlace());
    func.addPass(createMoteInPlaceConv());
  }
  MotePlanMemoryOptions plan;
  plan.ramBudget = ramBudget;
  func.addPass(createMotePlanMemory(plan));
}

void buildBuffersToEmitCPipeline(OpPassManager &pm, StringRef name,
                                 bool externalArena) {
  ConvertMoteToEmitCOptions options;
  options.modelName = name.str();
  options.externalArena = externalArena;
  pm.addPass(createConvertMoteToEmitC(options));
}

DictionaryAttr getTargetAttr(MLIRContext *context, const DeviceProfile &profile) {
  Builder b(context);
  SmallVector<StringRef> features(profile.features.begin(), profile.features.end());
  return b.getDictionaryAttr({
      b.getNamedAttr("name", b.getStringAttr(profile.name)),
      b.getNamedAttr("isa", b.getStringAttr(profile.isa)),
      b.getNamedAttr("features", b.getStrArrayAttr(features)),
      b.getNamedAttr("vector_bits", b.getI64IntegerAttr(profile.vectorBits)),
      b.getNamedAttr("layout", b.getStringAttr(toString(profile.layout))),
  });
}

LogicalResult lowerModule(ModuleOp module, const CompileOptions &options,
                          EmitLevel from, EmitLevel to) {
  module->setAttr("mote.target", getTargetAttr(module.getContext(), options.target));
  PassManager pm(module.getContext());
  auto phase = [&](EmitLevel level) { return from < level && level <= to; };
  if (phase(EmitLevel::Mote))
    buildImportToKernelsPipeline(pm, options.inPlace);
  if (phase(EmitLevel::Loops))
    buildKernelsToBuffersPipeline(pm, options.inPlace, options.ramBudget);
  if (phase(EmitLevel::EmitC) || (from < EmitLevel::EmitC && to == EmitLevel::Cpp))
    buildBuffersToEmitCPipeline(pm, options.name, options.externalArena);
  return pm.run(module);
}

void registerMotePassesAndPipelines() {
  registerMotePasses();
  PassPipelineRegistration<>("mote-import-to-kernels",
                             "onnx → mote kernels (lower, fold, fuse)",
                             [](OpPassManager &pm) { buildImportToKernelsPipeline(pm); });
  PassPipelineRegistration<>("mote-kernels-to-buffers",
                             "mote on tensors → buffers in one planned arena",
                             [](OpPassManager &pm) { buildKernelsToBuffersPipeline(pm, true); });
  PassPipelineRegistration<>(
      "mote-buffers-to-emitc", "buffers → EmitC ready for translation to C++",
      [](OpPassManager &pm) { buildBuffersToEmitCPipeline(pm, "model"); });
  PassPipelineRegistration<>(
      "mote-compile", "onnx → EmitC: every phase", [](OpPassManager &pm) {
        buildImportToKernelsPipeline(pm);
        buildKernelsToBuffersPipeline(pm, true);
        buildBuffersToEmitCPipeline(pm, "model");
      });
}

} // namespace mote

//===- Report.cpp - what a compiled model costs ---------------------------===//
#include "compiler/Report.h"

#include "compiler/Importer.h"
#include "dialects/Mote/MoteDialect.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/JSON.h"

using namespace mlir;

namespace mote {
namespace {

int64_t bytesOf(Type type) {
  auto shaped = cast<ShapedType>(type);
  return shaped.getNumElements() * ((shaped.getElementTypeBitWidth() + 7) / 8);
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// Multiply-accumulates of one kernel invocation (0 for data movement and
/// elementwise kernels).
int64_t macsOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([](Conv2DOp conv) {
        ArrayRef<int64_t> w = shapeOf(conv.getFilter());
        return shapeProduct(shapeOf(conv.getOut())) * w[1] * w[2] * w[3];
      })
      .Case([](GemmOp gemm) {
        ArrayRef<int64_t> a = shapeOf(gemm.getA());
        return shapeProduct(shapeOf(gemm.getOut())) * (gemm.getTransA() ? a[0] : a[1]);
      })
      .Case([](MatMulOp matmul) {
        return shapeProduct(shapeOf(matmul.getOut())) * shapeOf(matmul.getA()).back();
      })
      .Default([](Operation *) { return int64_t(0); });
}

/// The arena slice a buffer value is (through views), if any.
ArenaSliceOp sliceOf(Value value) {
  while (value) {
    if (auto slice = value.getDefiningOp<ArenaSliceOp>())
      return slice;
    auto view = value.getDefiningOp<ViewLikeOpInterface>();
    value = view ? view.getViewSource() : Value();
  }
  return nullptr;
}

std::string describe(Operation *op) {
  auto origin = nodeOrigin(op->getLoc());
  return origin ? origin->node : std::string();
}
} // namespace

ModelReport summarize(ModuleOp module, raw_ostream *json, StringRef modelPath,
                      StringRef name, StringRef target) {
  ModelReport report;
  module.walk([&](memref::GlobalOp global) {
    report.weightBytes += bytesOf(global.getType());
  });
  SmallVector<Operation *> kernels;
  DenseMap<Operation *, Operation *> producers; // arena slice -> kernel
  module.walk([&](func::FuncOp func) {
    if (auto bytes = func->getAttrOfType<IntegerAttr>("mote.arena_bytes"))
      report.arenaBytes = std::max(report.arenaBytes, bytes.getInt());
    func.walk([&](DestinationStyleOpInterface kernel) {
      kernels.push_back(kernel);
      report.totalMacs += macsOf(kernel);
      for (OpOperand &init : kernel.getDpsInitsMutable())
        if (ArenaSliceOp slice = sliceOf(init.get()))
          producers.try_emplace(slice, kernel);
    });
  });
  report.kernelCount = kernels.size();
  if (!json)
    return report;

  llvm::json::OStream out(*json, 2);
  out.object([&] {
    out.attribute("model", modelPath);
    out.attribute("name", name);
    out.attribute("target", target);
    out.attribute("peak_ram_bytes", report.arenaBytes);
    module.walk([&](func::FuncOp func) {
      if (auto plan = func->getAttrOfType<StringAttr>("mote.arena_plan"))
        out.attribute("arena_plan", plan.getValue());
    });
    out.attribute("weight_bytes", report.weightBytes);
    out.attribute("total_macs", report.totalMacs);
    out.attributeArray("buffers", [&] {
      module.walk([&](ArenaSliceOp slice) {
        out.object([&] {
          out.attribute("offset", slice.getOffset());
          out.attribute("bytes", bytesOf(slice.getType()));
          if (auto range = slice.getLiveRange()) {
            out.attribute("first_step", (*range)[0]);
            out.attribute("last_step", (*range)[1]);
          }
          if (Operation *producer = producers.lookup(slice)) {
            out.attribute("producer", describe(producer));
            out.attribute("kernel", producer->getName().getStringRef());
          }
        });
      });
    });
    out.attributeArray("kernels", [&] {
      for (Operation *kernel : kernels)
        out.object([&] {
          out.attribute("node", describe(kernel));
          out.attribute("kernel", kernel->getName().getStringRef());
          out.attribute("macs", macsOf(kernel));
        });
    });
  });
  *json << "\n";
  return report;
}

} // namespace mote

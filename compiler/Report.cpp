//===- Report.cpp - what a compiled model costs ---------------------------===//
#include "compiler/Report.h"

#include "compiler/Importer.h"
#include "dialects/Mote/MoteDialect.h"
#include "dialects/Utils/ShapeHelpers.h"
#include "passes/ArenaPlanner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
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
      .Case([](Conv2DInPlaceOp conv) {
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

/// Scratch buffers of kernels, which are no tensors of the graph.
DenseSet<Operation *> scratchSlices(ModuleOp module) {
  DenseSet<Operation *> scratch;
  module.walk([&](Conv2DInPlaceOp conv) {
    if (ArenaSliceOp slice = sliceOf(conv.getScratch()))
      scratch.insert(slice);
  });
  return scratch;
}

/// The intermediate tensors `kernel` reads or writes, in bytes.
int64_t kernelTensorBytes(Operation *kernel, const DenseSet<Operation *> &scratch) {
  int64_t bytes = 0;
  for (Value operand : kernel->getOperands()) {
    ArenaSliceOp slice = sliceOf(operand);
    if (slice && !scratch.contains(slice))
      bytes += bytesOf(operand.getType());
  }
  return bytes;
}

/// The memory figures that show what planning and in-place execution gain.
void summarizeMemory(ModuleOp module, ArrayRef<Operation *> kernels,
                     ModelReport &report) {
  DenseSet<Operation *> scratch = scratchSlices(module);
  for (Operation *kernel : kernels) {
    // Each kernel writes one tensor of the graph; those in the arena are the
    // intermediate ones (buffers shared by bufferization count each time).
    for (OpOperand &init : cast<DestinationStyleOpInterface>(kernel).getDpsInitsMutable())
      if (sliceOf(init.get()))
        report.intermediateBytes += bytesOf(init.get().getType());
  }
  for (Operation *kernel : kernels) {
    int64_t bytes = kernelTensorBytes(kernel, scratch);
    if (bytes > report.largestKernelBytes) {
      report.largestKernelBytes = bytes;
      report.largestKernelNode = describe(kernel);
    }
  }
}

/// The flash the model takes: its weights, exactly, and its code, estimated.
void writeFlash(llvm::json::OStream &out, int64_t weightBytes,
                const CodeSizeEstimate &code) {
  out.attributeObject("flash", [&] {
    out.attribute("weights_bytes", weightBytes);
    out.attribute("code_bytes_estimate", code.bytes());
    out.attribute("total_bytes_estimate", weightBytes + code.bytes());
    out.attribute("code_estimate", codeSizeMethod());
    out.attribute("code_entry_points_bytes", code.entryPointBytes);
    out.attributeArray("code_by_callee", [&] {
      for (const KernelCode &kernel : code.kernels)
        out.object([&] {
          out.attribute("callee", kernel.callee);
          out.attribute("calls", kernel.calls);
          out.attribute("bytes_estimate", kernel.bytes);
        });
    });
  });
}
} // namespace

ModelReport summarize(ModuleOp module, raw_ostream *json, StringRef modelPath,
                      StringRef name, StringRef target,
                      const CodeSizeEstimate &code) {
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
  summarizeMemory(module, kernels, report);
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
    out.attribute("intermediate_tensor_bytes", report.intermediateBytes);
    out.attribute("largest_kernel_tensor_bytes", report.largestKernelBytes);
    out.attribute("largest_kernel_node", report.largestKernelNode);
    out.attribute("weight_bytes", report.weightBytes);
    out.attribute("total_macs", report.totalMacs);
    writeFlash(out, report.weightBytes, code);
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

void writePlanSvg(ModuleOp module, raw_ostream &os) {
  struct Box {
    int64_t offset, bytes, first, last;
    std::string label;
  };
  SmallVector<Box> boxes;
  DenseMap<Operation *, Operation *> producers;
  module.walk([&](DestinationStyleOpInterface kernel) {
    for (OpOperand &init : kernel.getDpsInitsMutable())
      if (ArenaSliceOp slice = sliceOf(init.get()))
        producers.try_emplace(slice, kernel);
  });
  int64_t steps = 1, arena = 1, start = INT64_MAX;
  module.walk([&](ArenaSliceOp slice) {
    auto range = slice.getLiveRange();
    if (!range)
      return;
    Operation *producer = producers.lookup(slice);
    int64_t offset = slice.getOffset();
    boxes.push_back({offset, bytesOf(slice.getType()), (*range)[0], (*range)[1],
                     producer ? describe(producer) : ""});
    steps = std::max(steps, (*range)[1] + 1);
    start = std::min(start, (*range)[0]);
    arena = std::max(arena, offset + bytesOf(slice.getType()));
  });
  SmallVector<BufferRequest> requests;
  for (const Box &b : boxes)
    requests.push_back({b.bytes, b.first, b.last});
  // Buffers at one offset live at the same step are those of an in-place
  // kernel, tied by the planner: they count once.
  for (size_t j = 0; j < requests.size(); ++j)
    for (size_t i = 0; i < j; ++i)
      if (boxes[i].offset == boxes[j].offset && requests[i].overlapsInTime(requests[j]))
        requests[j].sameOffsetAs = i;
  LivePeak peak = livePeak(requests);
  int64_t peakStep = peak.step, peakBytes = peak.bytes;
  // Steps before the first buffer (constant loads) are left out.
  if (boxes.empty())
    start = 0;
  const double width = 800, height = 400, margin = 40;
  double dx = width / (steps - start), dy = height / arena;
  auto escape = [](StringRef text) {
    std::string out;
    for (char c : text) {
      if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '&') out += "&amp;";
      else if (c == '"') out += "&quot;";
      else if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f) out += c;
      else out += '?';
    }
    return out;
  };
  os << llvm::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                     "height=\"%.0f\" font-family=\"sans-serif\" font-size=\"10\">\n",
                     width + 2 * margin, height + 2 * margin);
  os << "<title>Mote arena plan: " << arena << " bytes, peak of " << peakBytes
     << " live bytes at step " << peakStep << "</title>\n";
  for (const Box &b : boxes) {
    double x = margin + (b.first - start) * dx, w = (b.last - b.first + 1) * dx;
    double y = margin + height - (b.offset + b.bytes) * dy, h = b.bytes * dy;
    os << llvm::format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                       "fill=\"#9ecae1\" stroke=\"#08519c\"><title>",
                       x, y, w, h)
       << escape(b.label) << ": " << b.bytes << " bytes at offset " << b.offset
       << ", steps " << b.first << "-" << b.last << "</title></rect>\n";
    if (h > 12)
      os << llvm::format("<text x=\"%.1f\" y=\"%.1f\">", x + 2, y + 11)
         << escape(b.label) << "</text>\n";
  }
  // The peak, drawn last so that it stays visible.
  os << llvm::format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                     "fill=\"none\" stroke=\"#cb181d\" stroke-width=\"2\"/>\n",
                     margin + (peakStep - start) * dx, margin, dx, height);
  os << llvm::format("<text x=\"%.1f\" y=\"%.1f\" fill=\"#cb181d\">peak: %lld "
                     "bytes live</text>\n",
                     margin + (peakStep - start) * dx, margin - 4, (long long)peakBytes);
  os << llvm::format("<text x=\"%.1f\" y=\"%.1f\">schedule step</text>\n",
                     margin + width / 2, margin + height + 25);
  os << llvm::format("<text x=\"5\" y=\"%.1f\">offset (0 to %lld bytes)</text>\n",
                     margin - 10, (long long)arena);
  os << "</svg>\n";
}

} // namespace mote

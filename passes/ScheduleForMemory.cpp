//===- ScheduleForMemory.cpp - the op order of lowest peak memory ---------===//
//
// Every topological order of the tensor-level ops computes the same values;
// what changes is how many buffers are live at once once bufferization has
// given each tensor its memory. This pass describes the function body to
// the scheduler (passes/Scheduler.h) and applies the order it finds.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"
#include "passes/Scheduler.h"

#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mote {
#define GEN_PASS_DEF_MOTESCHEDULEFORMEMORY
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// The bytes a value of `type` needs in the arena: a static tensor's data,
/// nothing for a scalar; none for a tensor the model cannot size.
std::optional<int64_t> bytesOf(Type type) {
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return 0;
  auto ranked = dyn_cast<RankedTensorType>(tensor);
  if (!ranked || !ranked.hasStaticShape() || !ranked.getElementType().isIntOrFloat())
    return std::nullopt;
  return ranked.getNumElements() * ((ranked.getElementTypeBitWidth() + 7) / 8);
}

/// A mote kernel in tensor form: its result lives in its destination.
DestinationStyleOpInterface asKernelOnTensors(Operation *op) {
  auto kernel = dyn_cast<DestinationStyleOpInterface>(op);
  if (!kernel || !isa<MoteDialect>(op->getDialect()) ||
      !kernel.hasPureTensorSemantics() || op->getNumResults() != 1)
    return nullptr;
  return kernel;
}

/// Ops whose result bufferizes to a view of their operand's buffer.
bool isView(Operation *op) {
  return isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(op);
}

/// The function body as the scheduler sees it.
struct BodyModel {
  SmallVector<Operation *> hoisted; // no operands: they stay at the top
  SmallVector<Operation *> ops;     // schedule node i is ops[i]
  SmallVector<ScheduleNode> nodes;
};

/// Walks the body once, in order, and records for every value which node's
/// buffer will hold it.
class ModelBuilder {
public:
  /// Fails on a body the model does not cover: an op with regions or
  /// memory effects (whose order matters beyond SSA), or a tensor it cannot
  /// size. `blocker()` is then that op.
  FailureOr<BodyModel> build(Block &body) {
    for (Operation &op : body.without_terminator()) {
      blocking = &op;
      if (op.getNumRegions() || !isMemoryEffectFree(&op))
        return failure();
      if (op.getNumOperands() == 0)
        model.hoisted.push_back(&op);
      else if (failed(addNode(&op)))
        return failure();
    }
    blocking = nullptr;
    // Results are handed to the caller: their buffers outlive every op.
    for (Value result : body.getTerminator()->getOperands())
      if (auto buffer = bufferOf.find(result); buffer != bufferOf.end())
        model.nodes[buffer->second].liveOut = true;
    return std::move(model);
  }

  Operation *blocker() const { return blocking; }

private:
  LogicalResult addNode(Operation *op) {
    unsigned node = model.nodes.size();
    ScheduleNode info;
    for (Value operand : op->getOperands()) {
      if (auto producer = nodeOf.find(operand.getDefiningOp()); producer != nodeOf.end())
        info.deps.push_back(producer->second);
      if (auto buffer = bufferOf.find(operand); buffer != bufferOf.end())
        info.uses.push_back(buffer->second);
    }
    if (failed(placeResults(op, node, info)))
      return failure();
    for (unsigned buffer : info.uses)
      usersSoFar[buffer].push_back(node);
    nodeOf[op] = node;
    model.ops.push_back(op);
    model.nodes.push_back(std::move(info));
    return success();
  }

  /// Decides whose buffer holds each result of `op`: its own new one, or
  /// (views and kernels writing into a computed tensor) an operand's.
  LogicalResult placeResults(Operation *op, unsigned node, ScheduleNode &info) {
    if (DestinationStyleOpInterface kernel = asKernelOnTensors(op)) {
      Value out = kernel.getDpsInitOperand(0)->get();
      if (auto written = bufferOf.find(out); written != bufferOf.end()) {
        unsigned buffer = written->second;
        bufferOf[op->getResult(0)] = buffer;
        // Whoever read the buffer before must still read the old contents,
        // or bufferization would copy it instead of writing in place.
        llvm::append_range(info.deps, usersSoFar[buffer]);
        return success();
      }
    } else if (isView(op)) {
      if (auto source = bufferOf.find(op->getOperand(0)); source != bufferOf.end()) {
        unsigned buffer = source->second;
        bufferOf[op->getResult(0)] = buffer;
      }
      return success();
    }
    // A kernel on a fresh destination (or a constant, or a graph input,
    // which bufferization copies), or any other pure op: new memory.
    for (Value result : op->getResults()) {
      std::optional<int64_t> bytes = bytesOf(result.getType());
      if (!bytes)
        return failure();
      info.allocBytes += *bytes;
      bufferOf[result] = node;
    }
    return success();
  }

  BodyModel model;
  Operation *blocking = nullptr;
  DenseMap<Operation *, unsigned> nodeOf;
  DenseMap<Value, unsigned> bufferOf; // the node whose buffer holds a value
  DenseMap<unsigned, SmallVector<unsigned>> usersSoFar; // of each buffer
};

/// Moves the hoisted ops, then the nodes in `order`, in front of the
/// terminator: the body ends up in exactly that order.
void applyOrder(const BodyModel &model, ArrayRef<unsigned> order, Block &body) {
  Operation *terminator = body.getTerminator();
  for (Operation *op : model.hoisted)
    op->moveBefore(terminator);
  for (unsigned node : order)
    model.ops[node]->moveBefore(terminator);
}

/// CSE merges equal `tensor.empty` destinations, and one-shot bufferization
/// then lets every kernel sharing one write into the same allocation
/// whenever the tensor held before is dead: that buffer lives from its first
/// writer to its last reader, across every tensor it held, whatever the
/// order. Giving each kernel an empty of its own gives each result the
/// buffer and the lifetime that the model counted. The new empties join the
/// others at the top, in the order of the kernels in `order`.
void giveEachKernelItsOwnDestination(const BodyModel &model,
                                     ArrayRef<unsigned> order) {
  OpBuilder builder(model.ops[order.front()]);
  for (unsigned node : order) {
    DestinationStyleOpInterface kernel = asKernelOnTensors(model.ops[node]);
    if (!kernel)
      continue;
    OpOperand *out = kernel.getDpsInitOperand(0);
    auto empty = out->get().getDefiningOp<tensor::EmptyOp>();
    if (!empty || empty->hasOneUse())
      continue;
    out->set(builder.clone(*empty)->getResult(0));
  }
}

/// Statistics are compiled out of release builds of LLVM; the remark says
/// the same in any build.
void emitScheduleRemark(func::FuncOp func, const Schedule &schedule) {
  InFlightDiagnostic remark = func.emitRemark("peak of live tensors: ");
  if (schedule.peakBytes < schedule.filePeakBytes)
    remark << schedule.filePeakBytes << " bytes in the file's order, "
           << schedule.peakBytes << " reordered";
  else
    remark << schedule.peakBytes << " bytes, file order kept";
  remark << (schedule.provedOptimal ? " (optimal)" : " (not proved optimal)");
}

struct MoteScheduleForMemoryPass
    : public mote::impl::MoteScheduleForMemoryBase<MoteScheduleForMemoryPass> {
  using MoteScheduleForMemoryBase::MoteScheduleForMemoryBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (maxStates < 1) {
      func.emitError("max-states must be at least 1");
      return signalPassFailure();
    }
    if (func.isExternal() || !func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();
    ModelBuilder builder;
    FailureOr<BodyModel> model = builder.build(body);
    if (failed(model)) {
      if (remarks)
        builder.blocker()->emitRemark("order kept: the memory model does not "
                                      "cover this op");
      return markAllAnalysesPreserved();
    }

    SchedulerOptions options;
    options.maxStatesPerLayer = maxStates;
    Schedule schedule = scheduleForPeakMemory(model->nodes, options);
    peakBytesBefore += schedule.filePeakBytes;
    peakBytesAfter += schedule.peakBytes;
    numProvedOptimal += schedule.provedOptimal;
    if (remarks)
      emitScheduleRemark(func, schedule);
    if (schedule.peakBytes == schedule.filePeakBytes)
      return markAllAnalysesPreserved();
    applyOrder(*model, schedule.order, body);
    giveEachKernelItsOwnDestination(*model, schedule.order);
    ++numReordered;
  }
};
} // namespace

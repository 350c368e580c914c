//===- MoteDialect.cpp - mote dialect, verifiers and effects --------------===//
#include "dialects/Mote/MoteDialect.h"
#include "mlir/IR/TypeUtilities.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;

#include "dialects/Mote/MoteDialect.cpp.inc"
#include "dialects/Mote/MoteEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/Mote/MoteAttrs.cpp.inc"

void MoteDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/Mote/MoteOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/Mote/MoteAttrs.cpp.inc"
      >();
}

void mote::getKernelEffects(
    Operation *op,
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  auto dps = cast<DestinationStyleOpInterface>(op);
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (dps.isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand);
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand);
  }
}

/// The rules every kernel op shares: either all tensors and one result of the
/// destination's type, or all memrefs and no result; static shapes.
LogicalResult mote::verifyKernel(Operation *op, Value out) {
  bool onTensors = isa<RankedTensorType>(out.getType());
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<ShapedType>(operand.getType());
    if (!type || isa<RankedTensorType>(type) != onTensors ||
        (!onTensors && !isa<MemRefType>(type)))
      return op->emitOpError("operands must be all ranked tensors or all memrefs");
    if (!type.hasStaticShape())
      return op->emitOpError("operands must have static shapes");
  }
  if (!onTensors)
    return op->getNumResults() == 0
               ? success()
               : op->emitOpError("buffer form has no results");
  if (op->getNumResults() != 1 || op->getResult(0).getType() != out.getType())
    return op->emitOpError("tensor form has one result of the destination's type");
  return success();
}

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

// The verifiers below check every shape against the attributes, because
// codegen turns them into the bounds of kernel loops: IR that verifies must
// never make a kernel read or write outside its buffers.

static bool allPositive(ArrayRef<int64_t> values) {
  return llvm::all_of(values, [](int64_t v) { return v >= 1; });
}

/// The output extent of a sliding window; `ceil` rounds the last window up.
static int64_t windowOutput(int64_t in, int64_t padBegin, int64_t padEnd,
                            int64_t kernel, int64_t stride, int64_t dilation) {
  int64_t span = in + padBegin + padEnd - ((kernel - 1) * dilation + 1);
  return span < 0 ? 0 : span / stride + 1;
}

/// The shape rules of a 2-d convolution, shared by conv2d and its in-place
/// form.
template <typename ConvOp>
static LogicalResult verifyConvGeometry(ConvOp op) {
  ArrayRef<int64_t> x = shapeOf(op.getInput()), w = shapeOf(op.getFilter()),
                    y = shapeOf(op.getOut());
  if (x.size() != 4 || w.size() != 4 || y.size() != 4)
    return op.emitOpError("input, filter and destination must be 4-d (NCHW)");
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations(),
                    pads = op.getPads();
  if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4 ||
      !allPositive(strides) || !allPositive(dilations) ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return op.emitOpError("needs 2 positive strides, 2 positive dilations and 4 "
                          "non-negative pads");
  int64_t group = op.getGroup();
  if (group < 1 || x[1] != w[1] * group || w[0] % group != 0 || y[1] != w[0] ||
      y[0] != x[0])
    return op.emitOpError("batch and channel counts do not match the group");
  for (int d = 0; d < 2; ++d)
    if (y[2 + d] != windowOutput(x[2 + d], pads[d], pads[d + 2], w[2 + d],
                                 strides[d], dilations[d]))
      return op.emitOpError("destination size does not match the window geometry");
  if (op.getBias() && shapeOf(op.getBias()) != ArrayRef<int64_t>{w[0]})
    return op.emitOpError("bias must have one value per output channel");
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  return verifyConvGeometry(*this);
}

/// The buffer `value` is a view of, if the view starts where that buffer
/// starts (no offset); `value` itself when it is not a view.
static Value baseAtOffsetZero(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (auto cast = dyn_cast<memref::ReinterpretCastOp>(def)) {
      if (!llvm::all_of(cast.getStaticOffsets(), [](int64_t o) { return o == 0; }))
        return value;
      value = cast.getSource();
    } else if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp,
                   memref::CastOp>(def)) {
      value = def->getOperand(0);
    } else {
      return value;
    }
  }
  return value;
}

/// True if `a` and `b` start at one address, or will once memory planning
/// has placed their allocations.
static bool startAtTheSameAddress(Value a, Value b) {
  Value baseA = baseAtOffsetZero(a), baseB = baseAtOffsetZero(b);
  if (baseA == baseB)
    return true;
  if (baseA.getDefiningOp<memref::AllocOp>() && baseB.getDefiningOp<memref::AllocOp>())
    return true;
  auto sliceA = baseA.getDefiningOp<ArenaSliceOp>();
  auto sliceB = baseB.getDefiningOp<ArenaSliceOp>();
  return sliceA && sliceB && sliceA.getOffset() == sliceB.getOffset();
}

bool Conv2DInPlaceOp::isDepthwise() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  return static_cast<int64_t>(getGroup()) == x[1] && shapeOf(getOut())[1] == x[1];
}

int64_t Conv2DInPlaceOp::getPixelBlock() {
  return shapeProduct(shapeOf(getScratch())) / shapeOf(getInput())[1];
}

LogicalResult Conv2DInPlaceOp::verify() {
  if (failed(verifyKernel(*this, getOut())) || failed(verifyConvGeometry(*this)))
    return failure();
  // The kernel's order of writes is safe only under these conditions; IR that
  // breaks them would silently compute garbage, so it must not verify.
  if (!startAtTheSameAddress(getInput(), getOut()))
    return emitOpError("input and destination must start at the same address: "
                       "views of one buffer, two allocations (which memory "
                       "planning ties to one offset), or arena slices at one "
                       "offset");
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getFilter()),
                    y = shapeOf(getOut());
  if (x[0] != 1)
    return emitOpError("needs a batch of 1");
  int64_t scratch = shapeProduct(shapeOf(getScratch()));
  if (isDepthwise()) {
    if (y[2] * y[3] > x[2] * x[3])
      return emitOpError("depthwise output planes larger than the input planes "
                         "cannot overwrite it");
    if (scratch < y[2] * y[3])
      return emitOpError("depthwise scratch must hold one output plane");
    return success();
  }
  bool pointwise = getGroup() == 1 && w[2] == 1 && w[3] == 1 &&
                   llvm::all_of(getStrides(), [](int64_t s) { return s == 1; }) &&
                   llvm::all_of(getPads(), [](int64_t p) { return p == 0; });
  if (!pointwise)
    return emitOpError("only depthwise and 1x1 stride-1 unpadded convolutions "
                       "run in place");
  int64_t block = getPixelBlock();
  if (block < 1 || block * x[1] != scratch || block > x[2] * x[3])
    return emitOpError("pointwise scratch must hold [input channels, B] values "
                       "with 1 <= B <= pixels");
  return success();
}

void Conv2DInPlaceOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  getKernelEffects(*this, effects);
  effects.emplace_back(MemoryEffects::Write::get(), &getScratchMutable());
}

LogicalResult GemmOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> a = shapeOf(getA()), b = shapeOf(getB()), y = shapeOf(getOut());
  if (a.size() != 2 || b.size() != 2 || y.size() != 2)
    return emitOpError("operands must be 2-d");
  int64_t m = getTransA() ? a[1] : a[0], k = getTransA() ? a[0] : a[1];
  int64_t kb = getTransB() ? b[1] : b[0], n = getTransB() ? b[0] : b[1];
  if (k != kb || y[0] != m || y[1] != n)
    return emitOpError("operand shapes do not form [M, K] x [K, N] -> [M, N]");
  if (Value c = getC()) {
    ArrayRef<int64_t> cs = shapeOf(c);
    if (cs.size() != 2 || (cs[0] != 1 && cs[0] != m) || (cs[1] != 1 && cs[1] != n))
      return emitOpError("C must be 2-d and broadcast to [M, N]");
  }
  return success();
}

LogicalResult MatMulOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> a = shapeOf(getA()), b = shapeOf(getB()), y = shapeOf(getOut());
  if (a.size() < 2 || b.size() < 2 || y.size() < 2)
    return emitOpError("operands must have rank >= 2");
  auto batch = broadcastShapes(a.drop_back(2), b.drop_back(2));
  if (a.back() != b[b.size() - 2] || !batch || *batch != y.drop_back(2) ||
      y[y.size() - 2] != a[a.size() - 2] || y.back() != b.back())
    return emitOpError("operand shapes do not form [..., M, K] x [..., K, N]");
  return success();
}

LogicalResult BinaryOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  auto shape = broadcastShapes(shapeOf(getLhs()), shapeOf(getRhs()));
  if (!shape || *shape != shapeOf(getOut()))
    return emitOpError("operands do not broadcast to the destination's shape");
  return success();
}

LogicalResult ActivationOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (shapeOf(getInput()) != shapeOf(getOut()))
    return emitOpError("input and destination shapes differ");
  return success();
}

LogicalResult PoolOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  int64_t rank = x.size();
  size_t spatial = rank - 2;
  if ((rank != 4 && rank != 5) || y.size() != x.size() ||
      getKernel().size() != spatial || getStrides().size() != spatial ||
      getDilations().size() != spatial || getPads().size() != 2 * spatial)
    return emitOpError("needs a 4-d or 5-d input and kernel, strides, "
                       "dilations and begin/end pads for each spatial dim");
  if (!allPositive(getKernel()) || !allPositive(getStrides()) ||
      !allPositive(getDilations()) ||
      llvm::any_of(getPads(), [](int64_t p) { return p < 0; }))
    return emitOpError("kernel, strides and dilations must be positive, pads "
                       "non-negative");
  if (y[0] != x[0] || y[1] != x[1])
    return emitOpError("batch and channels must be kept");
  // Ceil mode may add one window whose start lies in the input or padding.
  for (size_t d = 0; d < spatial; ++d) {
    int64_t floor = windowOutput(x[2 + d], getPads()[d], getPads()[d + spatial],
                                 getKernel()[d], getStrides()[d], getDilations()[d]);
    if (y[2 + d] < 1 || (y[2 + d] != floor && y[2 + d] != floor + 1))
      return emitOpError("destination size does not match the window geometry");
  }
  return success();
}

LogicalResult SoftmaxOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)shapeOf(getInput()).size())
    return emitOpError("axis is out of range");
  if (shapeOf(getInput()) != shapeOf(getOut()))
    return emitOpError("input and destination shapes differ");
  return success();
}

LogicalResult TransposeOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != x.size() || y.size() != x.size())
    return emitOpError("perm must have one entry per dim");
  SmallVector<bool> seen(x.size(), false);
  for (auto [i, p] : llvm::enumerate(perm)) {
    if (p < 0 || p >= (int64_t)x.size() || seen[p])
      return emitOpError("perm is not a permutation");
    seen[p] = true;
    if (y[i] != x[p])
      return emitOpError("destination dim ") << i << " must be input dim " << p;
  }
  return success();
}

LogicalResult ConcatOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> y = shapeOf(getOut());
  int64_t axis = getAxis();
  if (getInputs().empty() || axis < 0 || axis >= (int64_t)y.size())
    return emitOpError("needs inputs and an axis within the rank");
  int64_t total = 0;
  for (Value input : getInputs()) {
    ArrayRef<int64_t> x = shapeOf(input);
    if (x.size() != y.size())
      return emitOpError("inputs must have the destination's rank");
    for (size_t d = 0; d < y.size(); ++d)
      if ((int64_t)d != axis && x[d] != y[d])
        return emitOpError("inputs differ from the destination in dim ") << d;
    total += x[axis];
  }
  if (total != y[axis])
    return emitOpError("input sizes along the axis do not add up");
  return success();
}

LogicalResult PadOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> pads = getPads();
  if (pads.size() != 2 * x.size() || y.size() != x.size())
    return emitOpError("needs a begin and an end pad per dim");
  for (size_t d = 0; d < x.size(); ++d)
    if (y[d] != x[d] + pads[d] + pads[d + x.size()])
      return emitOpError("destination dim ") << d << " does not match the pads";
  return success();
}

LogicalResult ReduceOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> axes = getAxes();
  SmallVector<int64_t> kept, keptDims;
  for (auto [i, a] : llvm::enumerate(axes))
    if (a < 0 || a >= (int64_t)x.size() || (i > 0 && axes[i - 1] >= a))
      return emitOpError("axes must be sorted, unique and within the rank");
  for (auto [d, size] : llvm::enumerate(x)) {
    bool reduced = llvm::is_contained(axes, (int64_t)d);
    kept.push_back(reduced ? 1 : size);
    if (!reduced)
      keptDims.push_back(size);
  }
  if (y != ArrayRef<int64_t>(kept) && y != ArrayRef<int64_t>(keptDims))
    return emitOpError("destination must be the input with the reduced dims "
                       "kept as 1 or dropped");
  return success();
}

LogicalResult UnaryOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (shapeOf(getInput()) != shapeOf(getOut()))
    return emitOpError("input and destination shapes differ");
  return success();
}

LogicalResult WhereOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  auto shape = broadcastShapes(shapeOf(getCondition()), shapeOf(getA()));
  if (shape)
    shape = broadcastShapes(*shape, shapeOf(getB()));
  if (!shape || *shape != shapeOf(getOut()))
    return emitOpError("operands do not broadcast to the destination's shape");
  if (!getElementTypeOrSelf(getCondition().getType()).isInteger(1))
    return emitOpError("condition must be bool (i1)");
  return success();
}

LogicalResult StridedCopyOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> y = shapeOf(getOut()), strides = getStrides();
  if (strides.size() != y.size())
    return emitOpError("needs one stride per destination dim");
  // The lowest and highest input element read must lie inside the input.
  int64_t low = getOffset(), high = getOffset();
  for (auto [d, s] : llvm::zip(y, strides)) {
    if (d == 0)
      return success();
    (s < 0 ? low : high) += s * (d - 1);
  }
  if (low < 0 || high >= shapeProduct(shapeOf(getInput())))
    return emitOpError("reads outside the input");
  return success();
}

LogicalResult GatherOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getData());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)x.size())
    return emitOpError("axis is out of range");
  SmallVector<int64_t> shape(x.take_front(axis));
  llvm::append_range(shape, shapeOf(getIndices()));
  llvm::append_range(shape, x.drop_front(axis + 1));
  if (ArrayRef<int64_t>(shape) != shapeOf(getOut()))
    return emitOpError("destination shape does not match data and indices");
  return success();
}

LogicalResult ArgReduceOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)x.size())
    return emitOpError("axis is out of range");
  SmallVector<int64_t> shape(x);
  shape[axis] = 1;
  if (ArrayRef<int64_t>(shape) != shapeOf(getOut()))
    return emitOpError("destination must be the input with the axis kept as 1");
  return success();
}

//===----------------------------------------------------------------------===//
// Normalizations (ops-norm)
//===----------------------------------------------------------------------===//

LogicalResult NormalizeOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> axes = getAxes();
  if (x.size() > 8)
    return emitOpError("rank above 8 is not supported");
  if (axes.empty())
    return emitOpError("needs at least one axis");
  for (auto [i, a] : llvm::enumerate(axes))
    if (a < 0 || a >= (int64_t)x.size() || (i > 0 && axes[i - 1] >= a))
      return emitOpError("axes must be sorted, unique and within the rank");
  if (getParams().size() > 2)
    return emitOpError("takes at most a scale and a bias");
  Type element = getElementTypeOrSelf(getInput().getType());
  for (Value p : getParams()) {
    ArrayRef<int64_t> s = shapeOf(p);
    if (getElementTypeOrSelf(p.getType()) != element)
      return emitOpError("scale and bias must have the input's element type");
    auto b = broadcastShapes(x, s);
    if (s.size() != x.size() || !b || *b != x)
      return emitOpError("scale and bias must have the input's rank and broadcast to it");
  }
  if (getStat() == NormalizeStat::normalized) {
    if (y != x || getElementTypeOrSelf(getOut().getType()) != element)
      return emitOpError("destination must have the input's type");
    return success();
  }
  if (getKind() != NormalizeKind::standardize || !getParams().empty())
    return emitOpError("statistics are those of standardize, without scale and bias");
  SmallVector<int64_t> stats(x);
  for (int64_t a : axes)
    stats[a] = 1;
  if (y != ArrayRef<int64_t>(stats))
    return emitOpError("a statistic's destination is the input with the axes set to 1");
  return success();
}

LogicalResult LRNOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  if (shapeOf(getInput()).size() < 2 || shapeOf(getInput()) != shapeOf(getOut()))
    return emitOpError("input and destination must be [N, C, ...] of one shape");
  if (getSize() < 1)
    return emitOpError("size must be positive");
  return success();
}

//===----------------------------------------------------------------------===//
// Resize (ops-attn)
//===----------------------------------------------------------------------===//

LogicalResult ResizeOp::verify() {
  if (failed(verifyKernel(*this, getOut())))
    return failure();
  ArrayRef<int64_t> x = shapeOf(getInput()), y = shapeOf(getOut());
  ArrayRef<int64_t> taps = getTaps();
  if (x.size() != y.size() || taps.size() != x.size())
    return emitOpError("input, destination and taps must have one rank");
  int64_t entries = 0;
  for (auto [n, t] : llvm::zip(y, taps)) {
    if (t < 1)
      return emitOpError("every axis needs at least one tap");
    entries += n * t;
  }
  if (shapeOf(getIndices()) != ArrayRef<int64_t>{entries} ||
      shapeOf(getWeights()) != ArrayRef<int64_t>{entries})
    return emitOpError("indices and weights must hold ") << entries << " entries";
  if (!getElementTypeOrSelf(getIndices().getType()).isInteger(32) ||
      !getElementTypeOrSelf(getWeights().getType()).isF32())
    return emitOpError("indices must be i32 and weights f32");
  return success();
}

#define GET_OP_CLASSES
#include "dialects/Mote/MoteOps.cpp.inc"

//===- ConvertMoteToEmitC.cpp - buffer-level IR to EmitC ------------------===//
//
// After bufferization and memory planning every buffer is a function argument,
// a constant global or a slice of the arena, so a buffer is just a pointer.
// Each kernel becomes a call into the kernel library whose ABI is written down
// in runtime-stub/KERNELS.md; the shapes and attributes become literal
// arguments, which the C++ compiler propagates into the inlined kernel.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Conversion/FuncToEmitC/FuncToEmitC.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringSwitch.h"

namespace mote {
#define GEN_PASS_DEF_CONVERTMOTETOEMITC
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

constexpr int64_t kMaxRank = 6;

Type elementOf(Value v) { return cast<ShapedType>(v.getType()).getElementType(); }

/// The argument list of one kernel call: operand references and literals.
class KernelCall {
public:
  explicit KernelCall(Builder &b) : b(b) {}

  /// Names the function to call and the kernel file that defines it.
  KernelCall &kernel(StringRef calleeName, StringRef fileName) {
    callee = calleeName;
    file = fileName;
    return *this;
  }

  KernelCall &buffer(Value v) {
    args.push_back(b.getIndexAttr(operands.size()));
    operands.push_back(v);
    return *this;
  }
  KernelCall &optionalBuffer(Value v) {
    if (v)
      return buffer(v);
    args.push_back(emitc::OpaqueAttr::get(b.getContext(), "nullptr"));
    return *this;
  }
  KernelCall &i32(int64_t v) {
    args.push_back(b.getI32IntegerAttr(v));
    return *this;
  }
  KernelCall &i32s(ArrayRef<int64_t> values) {
    for (int64_t v : values)
      i32(v);
    return *this;
  }
  KernelCall &f32(float v) {
    args.push_back(b.getF32FloatAttr(v));
    return *this;
  }
  KernelCall &f64(double v) {
    args.push_back(b.getF64FloatAttr(v));
    return *this;
  }
  KernelCall &i64(int64_t v) {
    args.push_back(b.getI64IntegerAttr(v));
    return *this;
  }
  /// A `mote_dims{rank, {d0, d1, ...}}` literal (runtime-stub common.h).
  KernelCall &dims(ArrayRef<int64_t> values) {
    std::string text = "mote_dims{" + std::to_string(values.size()) + ", {";
    for (auto [i, v] : llvm::enumerate(values))
      text += (i ? ", " : "") + std::to_string(v);
    args.push_back(emitc::OpaqueAttr::get(b.getContext(), text + (values.empty() ? "0}}" : "}}")));
    return *this;
  }
  /// A template argument: the C++ type of an element type.
  KernelCall &typeArg(Type elementType) {
    templateArgs.push_back(emitc::OpaqueAttr::get(b.getContext(), cTypeName(elementType)));
    return *this;
  }
  template <typename OpTy>
  KernelCall &activation(OpTy op) {
    return i32(static_cast<int64_t>(op.getAct()))
        .f32(op.getActAlpha().convertToFloat())
        .f32(op.getActBeta().convertToFloat());
  }

  void emit(OpBuilder &builder, Location loc) {
    emitc::CallOpaqueOp::create(builder, loc, TypeRange{}, callee, operands,
                                b.getArrayAttr(args),
                                templateArgs.empty() ? ArrayAttr()
                                                     : b.getArrayAttr(templateArgs));
  }

  StringRef callee, file;

private:
  Builder &b;
  SmallVector<Value> operands;
  SmallVector<Attribute> args, templateArgs;
};

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// Right-aligns `values` to kMaxRank entries, filling the front with `fill`.
SmallVector<int64_t> padFront(ArrayRef<int64_t> values, int64_t fill) {
  SmallVector<int64_t> out(kMaxRank - values.size(), fill);
  llvm::append_range(out, values);
  return out;
}

//===----------------------------------------------------------------------===//
// One function per kernel: the ABI of runtime-stub/KERNELS.md
//===----------------------------------------------------------------------===//

LogicalResult describe(Conv2DOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_conv2d_f32", "conv2d.h");
  ArrayRef<int64_t> x = shapeOf(op.getInput()), w = shapeOf(op.getFilter()),
                    y = shapeOf(op.getOut());
  ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(), d = op.getDilations();
  call.buffer(v[0]).buffer(v[1]).optionalBuffer(op.getBias() ? v[2] : Value())
      .buffer(v.back())
      .i32s({x[0], x[1], x[2], x[3], w[0], w[2], w[3], y[2], y[3], s[0], s[1],
             p[0], p[1], d[0], d[1], static_cast<int64_t>(op.getGroup())})
      .activation(op);
  return success();
}

LogicalResult describe(Conv2DInPlaceOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_conv2d_in_place_f32", "conv2d.h");
  ArrayRef<int64_t> x = shapeOf(op.getInput()), w = shapeOf(op.getFilter()),
                    y = shapeOf(op.getOut());
  ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(), d = op.getDilations();
  // The verifier made sure input and out start at the same address.
  Value scratch = v[v.size() - 2];
  call.buffer(v.back()).buffer(v[1]).optionalBuffer(op.getBias() ? v[2] : Value())
      .buffer(scratch)
      .i32s({shapeProduct(shapeOf(op.getScratch())), x[1], x[2], x[3], w[0], w[2],
             w[3], y[2], y[3], s[0], s[1], p[0], p[1], d[0], d[1],
             static_cast<int64_t>(op.getGroup())})
      .activation(op);
  return success();
}

LogicalResult describe(GemmOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_gemm_f32", "gemm.h");
  ArrayRef<int64_t> a = shapeOf(op.getA()), y = shapeOf(op.getOut());
  int64_t k = op.getTransA() ? a[0] : a[1];
  SmallVector<int64_t> c = {0, 0};
  if (op.getC())
    c = SmallVector<int64_t>(shapeOf(op.getC()));
  call.buffer(v[0]).buffer(v[1]).optionalBuffer(op.getC() ? v[2] : Value())
      .buffer(v.back())
      .i32s({y[0], y[1], k, op.getTransA(), op.getTransB()})
      .f32(op.getAlpha().convertToFloat()).f32(op.getBeta().convertToFloat())
      .i32s(c).activation(op);
  return success();
}

LogicalResult describe(MatMulOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_matmul_f32", "matmul.h");
  ArrayRef<int64_t> a = shapeOf(op.getA()), b = shapeOf(op.getB()),
                    y = shapeOf(op.getOut());
  ArrayRef<int64_t> batch = y.drop_back(2);
  if (batch.size() > 4)
    return op->emitError("MatMul with more than 4 batch dims is not supported");
  // Batch strides in elements of each operand, 0 where it broadcasts.
  auto batchStrides = [&](ArrayRef<int64_t> shape) {
    int64_t matrix = shape[shape.size() - 2] * shape.back();
    SmallVector<int64_t> dims(shape.drop_back(2));
    SmallVector<int64_t> strides = broadcastStrides(dims, batch);
    for (int64_t &s : strides)
      s *= matrix;
    SmallVector<int64_t> out(4 - strides.size(), 0);
    llvm::append_range(out, strides);
    return out;
  };
  SmallVector<int64_t> dims(4 - batch.size(), 1);
  llvm::append_range(dims, batch);
  call.buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i32s({y[y.size() - 2], y.back(), a.back()})
      .i32s(dims).i32s(batchStrides(a)).i32s(batchStrides(b));
  (void)b;
  return success();
}

LogicalResult describe(BinaryOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> y = shapeOf(op.getOut());
  if (y.size() > kMaxRank)
    return op->emitError("rank above 6 is not supported");
  if (!op.isFloatArithmetic()) {
    call.kernel("mote_binary_any", "elementwise.h")
        .typeArg(elementOf(op.getLhs())).typeArg(elementOf(op.getRhs()))
        .typeArg(elementOf(op.getOut()))
        .buffer(v[0]).buffer(v[1]).buffer(v[2])
        .i32(static_cast<int64_t>(op.getKind())).dims(y)
        .dims(broadcastStrides(shapeOf(op.getLhs()), y))
        .dims(broadcastStrides(shapeOf(op.getRhs()), y));
    return success();
  }
  call.kernel("mote_binary_f32", "binary.h");
  call.buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i32(static_cast<int64_t>(op.getKind()))
      .i32s(padFront(y, 1))
      .i32s(padFront(broadcastStrides(shapeOf(op.getLhs()), y), 0))
      .i32s(padFront(broadcastStrides(shapeOf(op.getRhs()), y), 0))
      .activation(op);
  return success();
}

LogicalResult describe(UnaryOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_unary", "elementwise.h")
      .typeArg(elementOf(op.getInput())).typeArg(elementOf(op.getOut()))
      .buffer(v[0]).buffer(v[1]).i64(shapeProduct(shapeOf(op.getOut())))
      .i32(static_cast<int64_t>(op.getKind()))
      .f64(op.getP0().convertToDouble()).f64(op.getP1().convertToDouble());
  return success();
}

LogicalResult describe(WhereOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> y = shapeOf(op.getOut());
  call.kernel("mote_where", "elementwise.h").typeArg(elementOf(op.getOut()))
      .buffer(v[0]).buffer(v[1]).buffer(v[2]).buffer(v[3]).dims(y)
      .dims(broadcastStrides(shapeOf(op.getCondition()), y))
      .dims(broadcastStrides(shapeOf(op.getA()), y))
      .dims(broadcastStrides(shapeOf(op.getB()), y));
  return success();
}

LogicalResult describe(StridedCopyOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_strided_copy", "movement.h").typeArg(elementOf(op.getOut()))
      .buffer(v[0]).buffer(v[1]).i64(op.getOffset()).dims(shapeOf(op.getOut()))
      .dims(op.getStrides());
  return success();
}

LogicalResult describe(GatherOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getData());
  int64_t axis = op.getAxis();
  call.kernel("mote_gather", "movement.h").typeArg(elementOf(op.getData()))
      .typeArg(elementOf(op.getIndices()))
      .buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i64(shapeProduct(x.take_front(axis))).i64(x[axis])
      .i64(shapeProduct(x.drop_front(axis + 1)))
      .i64(shapeProduct(shapeOf(op.getIndices())));
  return success();
}

LogicalResult describe(ArgReduceOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_arg_reduce", "reduce_any.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[1]).dims(shapeOf(op.getInput())).i32(op.getAxis())
      .i32(op.getIsMax()).i32(op.getSelectLast());
  return success();
}

LogicalResult describe(ActivationOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_activation_f32", "activation.h");
  call.buffer(v[0]).buffer(v[1]).i32(shapeProduct(shapeOf(op.getOut())))
      .activation(op);
  return success();
}

LogicalResult describe(PoolOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput()), y = shapeOf(op.getOut());
  int64_t kind = static_cast<int64_t>(op.getKind());
  call.buffer(v[0]).buffer(v[1]);
  if (x.size() == 4)
    call.kernel("mote_pool2d_f32", "pool2d.h")
        .i32s({kind, x[0] * x[1], x[2], x[3], y[2], y[3]});
  else
    call.kernel("mote_pool3d_f32", "pool3d.h")
        .i32s({kind, x[0] * x[1], x[2], x[3], x[4], y[2], y[3], y[4]});
  call.i32s(op.getKernel()).i32s(op.getStrides()).i32s(op.getPads())
      .i32s(op.getDilations()).i32(op.getCountIncludePad());
  return success();
}

LogicalResult describe(SoftmaxOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  int64_t axis = op.getAxis();
  SmallVector<int64_t> sizes = {shapeProduct(x.take_front(axis)), x[axis],
                                shapeProduct(x.drop_front(axis + 1))};
  Type element = elementOf(op.getInput());
  if (!isa<FloatType>(element))
    return op->emitError("softmax needs a float element type, not ") << element;
  if (op.getKind() != SoftmaxKind::softmax || !element.isF32()) {
    call.kernel("mote_softmax_any", "normalize.h").typeArg(element)
        .buffer(v[0]).buffer(v[1]).i32(static_cast<int64_t>(op.getKind()));
    for (int64_t size : sizes)
      call.i64(size);
    return success();
  }
  call.kernel("mote_softmax_f32", "softmax.h");
  call.buffer(v[0]).buffer(v[1]).i32s(sizes);
  return success();
}

LogicalResult describe(NormalizeOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  SmallVector<int64_t> reduced(x.size(), 0);
  for (int64_t axis : op.getAxes())
    reduced[axis] = 1;
  ValueRange params = v.slice(1, op.getParams().size());
  auto strides = [&](size_t i) {
    return i < params.size() ? broadcastStrides(shapeOf(op.getParams()[i]), x)
                             : SmallVector<int64_t>(x.size(), 0);
  };
  call.kernel("mote_normalize", "normalize.h").typeArg(elementOf(op.getInput()))
      .typeArg(elementOf(op.getOut())).buffer(v[0])
      .optionalBuffer(params.size() > 0 ? params[0] : Value())
      .optionalBuffer(params.size() > 1 ? params[1] : Value())
      .buffer(v.back()).i32(static_cast<int64_t>(op.getKind()))
      .i32(static_cast<int64_t>(op.getStat())).dims(x).dims(reduced)
      .dims(strides(0)).dims(strides(1)).f64(op.getEpsilon().convertToDouble());
  return success();
}

LogicalResult describe(LRNOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  call.kernel("mote_lrn", "normalize.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[1]).i64(x[0]).i64(x[1]).i64(shapeProduct(x.drop_front(2)))
      .i64(op.getSize()).f64(op.getAlpha().convertToDouble())
      .f64(op.getBeta().convertToDouble()).f64(op.getBias().convertToDouble());
  return success();
}

LogicalResult describe(TransposeOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_transpose_f32", "transpose.h");
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  if (x.size() > kMaxRank)
    return op->emitError("rank above 6 is not supported");
  int64_t lead = kMaxRank - x.size();
  SmallVector<int64_t> perm;
  for (int64_t i = 0; i < lead; ++i)
    perm.push_back(i);
  for (int64_t p : op.getPerm())
    perm.push_back(p + lead);
  call.buffer(v[0]).buffer(v[1]).i32s(padFront(x, 1)).i32s(perm);
  return success();
}

LogicalResult describe(PadOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_pad_f32", "pad.h");
  ArrayRef<int64_t> x = shapeOf(op.getInput()), y = shapeOf(op.getOut());
  if (x.size() > kMaxRank)
    return op->emitError("rank above 6 is not supported");
  call.buffer(v[0]).buffer(v[1]).f32(op.getValue().convertToFloat())
      .i32s(padFront(x, 1)).i32s(padFront(y, 1))
      .i32s(padFront(op.getPads().take_front(x.size()), 0));
  return success();
}

LogicalResult describe(ReduceOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  SmallVector<int64_t> reduced(x.size(), 0);
  for (int64_t axis : op.getAxes())
    reduced[axis] = 1;
  if (op.getKind() != ReduceKind::mean || !elementOf(op.getInput()).isF32()) {
    call.kernel("mote_reduce_any", "reduce_any.h").typeArg(elementOf(op.getInput()))
        .buffer(v[0]).buffer(v[1]).i32(static_cast<int64_t>(op.getKind()))
        .dims(x).dims(reduced);
    return success();
  }
  if (x.size() > kMaxRank)
    return op->emitError("rank above 6 is not supported");
  call.kernel("mote_reduce_f32", "reduce.h");
  call.buffer(v[0]).buffer(v[1]).i32(static_cast<int64_t>(op.getKind()))
      .i32s(padFront(x, 1)).i32s(padFront(reduced, 0));
  return success();
}

//===----------------------------------------------------------------------===//
// Indexing and data movement of any element type (kernels/indexing.h)
//===----------------------------------------------------------------------===//

int64_t reductionCode(StringRef reduction) {
  return llvm::StringSwitch<int64_t>(reduction)
      .Case("add", 1).Case("mul", 2).Case("max", 3).Case("min", 4).Default(0);
}

LogicalResult describe(GatherElementsOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_gather_elements", "indexing.h").typeArg(elementOf(op.getData()))
      .typeArg(elementOf(op.getIndices())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .dims(shapeOf(op.getData())).dims(shapeOf(op.getIndices())).i32(op.getAxis());
  return success();
}

LogicalResult describe(ScatterElementsOp op, ValueRange v, KernelCall &call) {
  call.kernel("mote_scatter_elements", "indexing.h").typeArg(elementOf(op.getData()))
      .typeArg(elementOf(op.getIndices())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .buffer(v[3]).dims(shapeOf(op.getData())).dims(shapeOf(op.getIndices()))
      .i32(op.getAxis()).i32(reductionCode(op.getReduction()));
  return success();
}

LogicalResult describe(GatherNDOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getData()), i = shapeOf(op.getIndices());
  int64_t b = op.getBatchDims();
  call.kernel("mote_gather_nd", "indexing.h").typeArg(elementOf(op.getData()))
      .typeArg(elementOf(op.getIndices())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i64(shapeProduct(x.take_front(b))).i64(shapeProduct(i.drop_front(b).drop_back()))
      .i32(i.back()).dims(x.drop_front(b));
  return success();
}

LogicalResult describe(ScatterNDOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> i = shapeOf(op.getIndices());
  call.kernel("mote_scatter_nd", "indexing.h").typeArg(elementOf(op.getData()))
      .typeArg(elementOf(op.getIndices())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .buffer(v[3]).dims(shapeOf(op.getData())).i64(shapeProduct(i.drop_back()))
      .i32(i.back()).i32(reductionCode(op.getReduction()));
  return success();
}

LogicalResult describe(CumulativeOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  int64_t axis = op.getAxis();
  call.kernel("mote_cumulative", "indexing.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[1]).i64(shapeProduct(x.take_front(axis))).i64(x[axis])
      .i64(shapeProduct(x.drop_front(axis + 1))).i32(op.getProduct())
      .i32(op.getExclusive()).i32(op.getReverse());
  return success();
}

LogicalResult describe(TopKOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  int64_t axis = op.getAxis();
  call.kernel("mote_top_k", "indexing.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[1]).i64(shapeProduct(x.take_front(axis))).i64(x[axis])
      .i64(shapeProduct(x.drop_front(axis + 1))).i64(shapeOf(op.getOut())[axis])
      .i32(op.getLargest());
  return success();
}

LogicalResult describe(OneHotOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> y = shapeOf(op.getOut());
  int64_t axis = op.getAxis();
  call.kernel("mote_one_hot", "indexing.h").typeArg(elementOf(op.getOut()))
      .typeArg(elementOf(op.getIndices())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i64(shapeProduct(y.take_front(axis))).i64(y[axis])
      .i64(shapeProduct(y.drop_front(axis + 1)));
  return success();
}

LogicalResult describe(PadAnyOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  int64_t mode = llvm::StringSwitch<int64_t>(op.getMode())
                     .Case("reflect", 1).Case("edge", 2).Case("wrap", 3).Default(0);
  call.kernel("mote_pad_any", "indexing.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[1]).dims(x).dims(shapeOf(op.getOut()))
      .dims(op.getPads().take_front(x.size())).i32(mode)
      .f64(op.getValue().convertToDouble());
  return success();
}

LogicalResult describe(ReverseSequenceOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  call.kernel("mote_reverse_sequence", "indexing.h").typeArg(elementOf(op.getInput()))
      .typeArg(elementOf(op.getLens())).buffer(v[0]).buffer(v[1]).buffer(v[2])
      .i64(x[0]).i64(x[1]).i64(shapeProduct(x.drop_front(2))).i32(op.getTimeAxis() == 0);
  return success();
}

/// Resampling through tap tables, any element type. through tap tables, any element type.
LogicalResult describe(ResizeOp op, ValueRange v, KernelCall &call) {
  ArrayRef<int64_t> x = shapeOf(op.getInput());
  if (x.size() > 8)
    return op->emitError("Resize above rank 8 is not supported");
  call.kernel("mote_resize", "resize.h").typeArg(elementOf(op.getInput()))
      .buffer(v[0]).buffer(v[3]).dims(x).dims(shapeOf(op.getOut())).dims(op.getTaps())
      .buffer(v[1]).buffer(v[2]).f32(op.getExtrapolationValue().convertToFloat());
  return success();
}

/// The kernels written for float32 only (the any-dtype ones check nothing).
bool needsFloat32(Operation *op) {
  return isa<Conv2DOp, Conv2DInPlaceOp, GemmOp, MatMulOp, ActivationOp, PoolOp,
             TransposeOp, PadOp>(op);
}

/// Kernel op → a call into the kernel library; the kernel's file is recorded
/// for the writer.
template <typename OpTy>
struct LowerKernel : OpConversionPattern<OpTy> {
  LowerKernel(const TypeConverter &converter, MLIRContext *ctx,
              llvm::SetVector<StringRef> &files)
      : OpConversionPattern<OpTy>(converter, ctx), files(files) {}
  llvm::SetVector<StringRef> &files;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (op->getNumResults())
      return rewriter.notifyMatchFailure(op, "kernel is not bufferized");
    for (Value operand : op->getOperands())
      if (cTypeName(elementOf(operand)).empty())
        return op->emitError("no kernel handles elements of type ") << elementOf(operand);
    // Convolutions, matrix products and pools are float32 today; integer
    // kernels come with quantization.
    if (needsFloat32(op))
      for (Value operand : op->getOperands())
        if (!cast<ShapedType>(operand.getType()).getElementType().isF32())
          return op->emitError("only float32 kernels are implemented for this op, not ")
                 << operand.getType();
    KernelCall call(rewriter);
    if (failed(describe(op, adaptor.getOperands(), call)))
      return failure();
    call.emit(rewriter, op.getLoc());
    files.insert(call.file);
    rewriter.eraseOp(op);
    return success();
  }
};

/// Concat is one block copy per input.
struct LowerConcat : OpConversionPattern<ConcatOp> {
  LowerConcat(const TypeConverter &converter, MLIRContext *ctx,
              llvm::SetVector<StringRef> &files)
      : OpConversionPattern(converter, ctx), files(files) {}
  llvm::SetVector<StringRef> &files;

  LogicalResult matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> y = shapeOf(op.getOut());
    int64_t axis = op.getAxis();
    int64_t outer = shapeProduct(y.take_front(axis));
    int64_t inner = shapeProduct(y.drop_front(axis + 1));
    int64_t offset = 0;
    for (auto [input, buffer] : llvm::zip(op.getInputs(), adaptor.getInputs())) {
      int64_t len = shapeOf(input)[axis] * inner;
      KernelCall call(rewriter);
      if (elementOf(op.getOut()).isF32())
        call.kernel("mote_copy_blocks_f32", "copy_blocks.h")
            .buffer(buffer).buffer(adaptor.getOut())
            .i32s({outer, len, y[axis] * inner, offset});
      else
        call.kernel("mote_copy_blocks", "movement.h").typeArg(elementOf(op.getOut()))
            .buffer(buffer).buffer(adaptor.getOut())
            .i64(outer).i64(len).i64(y[axis] * inner).i64(offset);
      call.emit(rewriter, op.getLoc());
      offset += len;
    }
    files.insert(elementOf(op.getOut()).isF32() ? "copy_blocks.h" : "movement.h");
    rewriter.eraseOp(op);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Buffers: globals, arena slices, views and copies
//===----------------------------------------------------------------------===//

/// Names the C++ objects: `<model>_w<N>` for weights, `<model>_arena`.
struct Naming {
  std::string model;
  llvm::StringMap<std::string> globals;
};

/// The initial value of a global as a flat dense attribute EmitC can print:
/// 16-bit floats as their bit patterns (the arrays are uint16_t; the kernels
/// read them as mote_f16 / mote_bf16).
DenseElementsAttr flatInitialValue(ElementsAttr init, MemRefType type) {
  Type element = type.getElementType();
  if (element.isF32()) {
    auto values = getElementsAsFloats(init);
    if (!values)
      return {};
    return DenseElementsAttr::get(RankedTensorType::get({type.getNumElements()}, element),
                                  ArrayRef<float>(*values));
  }
  auto dense = dyn_cast<DenseElementsAttr>(init);
  if (!dense)
    return {};
  if (StringRef(cTypeName(element)).starts_with("mote_")) { // stored as their bits or values
    unsigned width = element.getIntOrFloatBitWidth() <= 8 ? 8 : 16;
    bool isSigned = isa<IntegerType>(element) && !element.isUnsignedInteger();
    SmallVector<APInt> bits;
    if (isa<FloatType>(element))
      for (APFloat v : dense.getValues<APFloat>())
        bits.push_back(v.bitcastToAPInt().zext(width));
    else
      for (APInt v : dense.getValues<APInt>())
        bits.push_back(isSigned ? v.sext(width) : v.zext(width));
    auto storage = IntegerType::get(element.getContext(), width,
                                    isSigned ? IntegerType::Signless : IntegerType::Unsigned);
    return DenseElementsAttr::get(RankedTensorType::get({type.getNumElements()}, storage), bits);
  }
  return dense.reshape(RankedTensorType::get({type.getNumElements()}, element));
}

/// Constant globals become aligned `static const` flat arrays (a
/// multi-dimensional array would not decay to float*). Done before the
/// conversion so that every get_global knows its global's C name.
LogicalResult lowerGlobals(ModuleOp module, Naming &naming) {
  for (auto op : llvm::make_early_inc_range(module.getOps<memref::GlobalOp>())) {
    auto init = dyn_cast_or_null<ElementsAttr>(op.getInitialValueAttr());
    MemRefType type = op.getType();
    if (!op.getConstant() || !init)
      return op.emitOpError("only constant globals can be emitted");
    auto initial = flatInitialValue(init, type);
    if (!initial)
      return op.emitOpError("has an initializer that cannot be read");
    std::string name = naming.model + "_w" + std::to_string(naming.globals.size());
    naming.globals[op.getSymName()] = name;
    OpBuilder b(op);
    emitc::VerbatimOp::create(b, op.getLoc(), "alignas(16)");
    emitc::GlobalOp::create(
        b, op.getLoc(), name,
        emitc::ArrayType::get({type.getNumElements()}, initial.getElementType()), initial,
        /*extern=*/false, /*static=*/true, /*const=*/true);
    op.erase();
  }
  return success();
}

/// The global's name as a literal: it decays to the pointer the kernels take.
struct LowerGetGlobal : OpConversionPattern<memref::GetGlobalOp> {
  LowerGetGlobal(const TypeConverter &converter, MLIRContext *ctx, Naming &naming)
      : OpConversionPattern(converter, ctx), naming(naming) {}
  Naming &naming;

  LogicalResult matchAndRewrite(memref::GetGlobalOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto it = naming.globals.find(op.getName());
    if (it == naming.globals.end())
      return failure();
    Type element = op.getType().getElementType();
    std::string text = it->second;
    if (StringRef(cTypeName(element)).starts_with("mote_")) // stored as plain integers
      text = "reinterpret_cast<const " + cTypeName(element) + "*>(" + text + ")";
    rewriter.replaceOpWithNewOp<emitc::LiteralOp>(
        op, getTypeConverter()->convertType(op.getType()), text);
    return success();
  }
};

struct LowerArenaSlice : OpConversionPattern<ArenaSliceOp> {
  LowerArenaSlice(const TypeConverter &converter, MLIRContext *ctx, Naming &naming)
      : OpConversionPattern(converter, ctx), naming(naming) {}
  Naming &naming;

  /// The arena is raw bytes holding tensors of any type: a slice is the
  /// arena's address plus its offset, as a pointer to its element type.
  LogicalResult matchAndRewrite(ArenaSliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Type pointer = getTypeConverter()->convertType(op.getType());
    std::string element = cTypeName(op.getType().getElementType());
    if (Value base = adaptor.getBase()) {
      auto at = emitc::CallOpaqueOp::create(
          rewriter, op.getLoc(), TypeRange{pointer}, "mote_at", ValueRange{base},
          rewriter.getArrayAttr({rewriter.getIndexAttr(0),
                                 rewriter.getI64IntegerAttr(op.getOffset())}),
          rewriter.getArrayAttr({emitc::OpaqueAttr::get(getContext(), element)}));
      rewriter.replaceOp(op, at->getResults());
      return success();
    }
    std::string text = "reinterpret_cast<" + element + "*>(" + naming.model +
                       "_arena + " + std::to_string(op.getOffset()) + ")";
    rewriter.replaceOpWithNewOp<emitc::LiteralOp>(op, pointer, text);
    return success();
  }
};

/// An external arena is a parameter of the graph function, a byte buffer
/// every slice points into.
void passArenaAsParameter(func::FuncOp func, int64_t arenaBytes) {
  auto byte = IntegerType::get(func.getContext(), 8, IntegerType::Unsigned);
  auto arenaType = MemRefType::get({arenaBytes}, byte);
  Block &body = func.getBody().front();
  if (failed(func.insertArgument(func.getNumArguments(), arenaType, {}, func.getLoc())))
    return;
  Value arena = body.getArgument(body.getNumArguments() - 1);
  func.walk([&](ArenaSliceOp slice) { slice.getBaseMutable().assign(arena); });
}

/// A reinterpretation at a static offset is the pointer moved by the offset;
/// at offset 0 it is the pointer itself.
struct LowerReinterpretCast : OpConversionPattern<memref::ReinterpretCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(memref::ReinterpretCastOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> offsets = op.getStaticOffsets();
    if (offsets.size() != 1 || ShapedType::isDynamic(offsets[0]))
      return op->emitError("only static offsets can be lowered");
    Value base = adaptor.getSource();
    if (offsets[0] == 0) {
      rewriter.replaceOp(op, base);
      return success();
    }
    Value offset = emitc::LiteralOp::create(
        rewriter, op.getLoc(), emitc::OpaqueType::get(op.getContext(), "size_t"),
        std::to_string(offsets[0]));
    rewriter.replaceOpWithNewOp<emitc::AddOp>(op, base.getType(), base, offset);
    return success();
  }
};

/// Views of a row-major buffer start where the buffer starts.
template <typename OpTy>
struct LowerView : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperands()[0]);
    return success();
  }
};

struct LowerCopy : OpConversionPattern<memref::CopyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(memref::CopyOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = cast<MemRefType>(op.getSource().getType());
    if (!type.getElementType().isIntOrFloat())
      return op->emitError("cannot copy elements of type ") << type.getElementType();
    int64_t bytes = type.getNumElements() * type.getElementTypeBitWidth() / 8;
    KernelCall call(rewriter);
    call.kernel("memcpy", "common.h")
        .buffer(adaptor.getTarget()).buffer(adaptor.getSource()).i32(bytes);
    call.emit(rewriter, op.getLoc());
    rewriter.eraseOp(op);
    return success();
  }
};

struct ConvertMoteToEmitCPass
    : public mote::impl::ConvertMoteToEmitCBase<ConvertMoteToEmitCPass> {
  using ConvertMoteToEmitCBase::ConvertMoteToEmitCBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    Naming naming{modelName, {}};

    int64_t arenaBytes = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (auto bytes = func->getAttrOfType<IntegerAttr>("mote.arena_bytes"))
        arenaBytes = std::max(arenaBytes, bytes.getInt());
      if (auto align = func->getAttrOfType<IntegerAttr>("mote.arena_alignment"))
        arenaAlignment = std::max(arenaAlignment, align.getInt());
    }

    if (externalArena && arenaBytes > 0)
      for (auto func : module.getOps<func::FuncOp>())
        passArenaAsParameter(func, arenaBytes);

    TypeConverter converter;
    converter.addConversion([](Type type) { return type; });
    converter.addConversion([](MemRefType type) -> Type {
      Type element = type.getElementType();
      std::string name = cTypeName(element);
      if (StringRef(name).starts_with("mote_")) // the kernel library's storage structs
        element = emitc::OpaqueType::get(type.getContext(), name);
      return emitc::PointerType::get(element);
    });

    llvm::SetVector<StringRef> files;
    RewritePatternSet patterns(ctx);
    patterns.add<LowerKernel<Conv2DOp>, LowerKernel<Conv2DInPlaceOp>, LowerKernel<GemmOp>,
                 LowerKernel<MatMulOp>, LowerKernel<BinaryOp>,
                 LowerKernel<ActivationOp>, LowerKernel<PoolOp>,
                 LowerKernel<SoftmaxOp>, LowerKernel<TransposeOp>,
                 LowerKernel<PadOp>, LowerKernel<ReduceOp>, LowerKernel<UnaryOp>,
                 LowerKernel<WhereOp>, LowerKernel<StridedCopyOp>, LowerKernel<GatherOp>,
                 LowerKernel<ArgReduceOp>>(converter, ctx, files);
    // Normalizations (ops-norm).
    patterns.add<LowerKernel<NormalizeOp>, LowerKernel<LRNOp>>(converter, ctx, files);
    patterns.add<LowerKernel<GatherElementsOp>, LowerKernel<ScatterElementsOp>,
                 LowerKernel<GatherNDOp>, LowerKernel<ScatterNDOp>, LowerKernel<CumulativeOp>,
                 LowerKernel<TopKOp>, LowerKernel<OneHotOp>, LowerKernel<PadAnyOp>,
                 LowerKernel<ReverseSequenceOp>>(converter, ctx, files);
    patterns.add<LowerKernel<ResizeOp>>(converter, ctx, files); // ops-attn
    patterns.add<LowerConcat>(converter, ctx, files);
    patterns.add<LowerGetGlobal, LowerArenaSlice>(converter, ctx, naming);
    patterns.add<LowerView<memref::CollapseShapeOp>, LowerView<memref::ExpandShapeOp>,
                 LowerReinterpretCast,
                 LowerCopy>(converter, ctx);
    populateFuncToEmitCPatterns(converter, patterns);

    ConversionTarget target(*ctx);
    target.addLegalDialect<emitc::EmitCDialect>();
    target.addLegalOp<ModuleOp>();
    if (failed(lowerGlobals(module, naming)))
      return signalPassFailure();
    // A pattern that fails explains why at the op; the framework's own
    // "failed to legalize" for the same op would only repeat it.
    bool explained = false;
    ScopedDiagnosticHandler dropRepeats(ctx, [&](Diagnostic &diag) {
      bool repeat = StringRef(diag.str()).starts_with("failed to legalize");
      explained |= !repeat && diag.getSeverity() == DiagnosticSeverity::Error;
      return success(repeat && explained);
    });
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    finishModule(module, arenaBytes, files);
  }

  /// Declares the arena, names the graph function and records for the writer
  /// which kernel files the module calls.
  /// The arena's alignment: what the plan assumed, at least 16 for SIMD loads.
  int64_t arenaAlignment = 16;

  void finishModule(ModuleOp module, int64_t arenaBytes,
                    const llvm::SetVector<StringRef> &files) {
    OpBuilder b(module.getBodyRegion());
    module->setAttr("mote.arena_external", b.getBoolAttr(externalArena));
    module->setAttr("mote.arena_alignment", b.getI64IntegerAttr(arenaAlignment));
    if (arenaBytes > 0 && !externalArena) {
      // Raw bytes: the planned buffers have any element type (an unsigned
      // char array provides storage for objects of other types).
      emitc::VerbatimOp::create(
          b, module.getLoc(), "alignas(" + std::to_string(arenaAlignment) + ")");
      emitc::GlobalOp::create(
          b, module.getLoc(), modelName + "_arena",
          emitc::ArrayType::get({arenaBytes},
                                IntegerType::get(b.getContext(), 8, IntegerType::Unsigned)),
          Attribute(), false, true, false);
    }
    for (auto func : module.getOps<emitc::FuncOp>()) {
      func.setSymName(modelName + "_graph");
      func.setSpecifiersAttr(b.getStrArrayAttr({"static"}));
      // A graph input that no node reads is still part of the signature.
      OpBuilder body = OpBuilder::atBlockBegin(&func.getBody().front());
      for (BlockArgument arg : func.getArguments())
        if (arg.use_empty())
          emitc::VerbatimOp::create(body, func.getLoc(), "(void){};",
                                    ValueRange{arg});
    }
    SmallVector<StringRef> sorted;
    for (StringRef file : files)
      if (file != "common.h") // the writer always emits it first
        sorted.push_back(file);
    llvm::sort(sorted);
    module->setAttr("mote.kernel_files", b.getStrArrayAttr(sorted));
    module->setAttr("mote.arena_bytes", b.getI64IntegerAttr(arenaBytes));
  }
};
} // namespace

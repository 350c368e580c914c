//===- ConvertONNXToMote.cpp - onnx ops to mote kernels -------------------===//
#include "passes/Passes.h"
#include "passes/ONNXToMote.h"

#include "dialects/ONNX/ONNXDialect.h"
#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"
#include <cmath>
#include <limits>

namespace mote {
#define GEN_PASS_DEF_CONVERTONNXTOMOTE
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Helpers shared by the patterns
//===----------------------------------------------------------------------===//

struct Activation {
  ActivationKind kind = ActivationKind::none;
  float alpha = 0, beta = 0;
};

/// Kernels are created without an activation; mote-fuse-activations adds one.
const APFloat kNoParam(0.0f);

/// The any-dtype function that computes a float32 activation.
UnaryKind unaryKindOf(ActivationKind kind) {
  switch (kind) {
  case ActivationKind::relu: return UnaryKind::relu;
  case ActivationKind::leaky_relu: return UnaryKind::leaky_relu;
  case ActivationKind::clip: return UnaryKind::clip;
  case ActivationKind::sigmoid: return UnaryKind::sigmoid;
  case ActivationKind::tanh: return UnaryKind::tanh;
  case ActivationKind::hard_sigmoid: return UnaryKind::hard_sigmoid;
  case ActivationKind::hard_swish: return UnaryKind::hard_swish;
  case ActivationKind::sqrt: return UnaryKind::sqrt;
  case ActivationKind::none: break;
  }
  return UnaryKind::cast;
}


struct LowerConstant : LoweringPattern<onnx::ConstantOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

template <typename OpTy>
struct LowerActivation : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  virtual FailureOr<Activation> activationOf(OpTy op) const = 0;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    FailureOr<Activation> act = activationOf(op);
    if (failed(act))
      return failure();
    auto type = tensorType(op->getResult(0));
    Value out = emptyLike(rewriter, op.getLoc(), type);
    if (!type.getElementType().isF32()) { // the fusable kernels are float32
      rewriter.replaceOp(op, createUnary(rewriter, op.getLoc(), adaptor.getOperands()[0],
                                         type, unaryKindOf(act->kind), act->alpha,
                                         act->beta));
      return success();
    }
    auto kernel = mote::ActivationOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getOperands()[0], out,
        act->kind, APFloat(act->alpha), APFloat(act->beta));
    rewriter.replaceOp(op, kernel->getResult(0));
    return success();
  }
};

#define MOTE_SIMPLE_ACTIVATION(NAME, OP, KIND, ALPHA, BETA)                    \
  struct NAME : LowerActivation<OP> {                                          \
    using LowerActivation::LowerActivation;                                    \
    FailureOr<Activation> activationOf(OP op) const override {                 \
      (void)op;                                                                \
      return Activation{KIND, ALPHA, BETA};                                    \
    }                                                                          \
  };
MOTE_SIMPLE_ACTIVATION(LowerRelu, onnx::ReluOp, ActivationKind::relu, 0.f, 0.f)
MOTE_SIMPLE_ACTIVATION(LowerSigmoid, onnx::SigmoidOp, ActivationKind::sigmoid, 0.f, 0.f)
MOTE_SIMPLE_ACTIVATION(LowerTanh, onnx::TanhOp, ActivationKind::tanh, 0.f, 0.f)
MOTE_SIMPLE_ACTIVATION(LowerHardSwish, onnx::HardSwishOp, ActivationKind::hard_swish, 0.f, 0.f)
MOTE_SIMPLE_ACTIVATION(LowerLeakyRelu, onnx::LeakyReluOp, ActivationKind::leaky_relu,
                       op.getAlpha().convertToFloat(), 0.f)
MOTE_SIMPLE_ACTIVATION(LowerHardSigmoid, onnx::HardSigmoidOp, ActivationKind::hard_sigmoid,
                       op.getAlpha().convertToFloat(), op.getBeta().convertToFloat())
#undef MOTE_SIMPLE_ACTIVATION

/// Clip bounds of any element type as doubles; absent ones are the type's
/// range (so that no conversion of an infinity to an integer happens).
std::optional<std::pair<double, double>> clipBounds(onnx::ClipOp op) {
  Type element = tensorType(op.getOutput()).getElementType();
  double lo = -INFINITY, hi = INFINITY;
  if (auto integer = dyn_cast<IntegerType>(element)) {
    unsigned w = integer.getWidth();
    lo = integer.isUnsigned() ? 0.0 : -std::ldexp(1.0, w - 1);
    hi = integer.isUnsigned() ? std::ldexp(1.0, w) - 1 : std::ldexp(1.0, w - 1) - 1;
  }
  for (auto [bound, target] : {std::pair(op.getMin(), &lo), std::pair(op.getMax(), &hi)}) {
    if (!bound)
      continue;
    Attribute attr;
    if (!matchPattern(bound, m_Constant(&attr)))
      return std::nullopt;
    auto constant = readConstant(attr);
    if (!constant || constant->size() != 1)
      return std::nullopt;
    *target = constant->asDouble(0);
  }
  return std::pair(lo, hi);
}

/// Clip with constant bounds is an activation that fuses into its producer;
/// bounds computed at run time become a max and a min.
struct LowerClip : LoweringPattern<onnx::ClipOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ClipOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorType(op.getOutput());
    if (!type.getElementType().isF32()) {
      auto bounds = clipBounds(op);
      if (!bounds)
        return diags.unsupported(op, "Clip of this type needs constant bounds");
      rewriter.replaceOp(op, createUnary(rewriter, loc, adaptor.getInput(), type,
                                         UnaryKind::clip, bounds->first, bounds->second));
      return success();
    }
    auto lower = op.getMin() ? getConstantFloats(op.getMin()) : SmallVector<float>{};
    auto upper = op.getMax() ? getConstantFloats(op.getMax()) : SmallVector<float>{};
    if (lower && upper) {
      float inf = std::numeric_limits<float>::infinity();
      auto kernel = mote::ActivationOp::create(
          rewriter, loc, TypeRange{type}, adaptor.getInput(),
          emptyLike(rewriter, loc, type), ActivationKind::clip,
          APFloat(lower->empty() ? -inf : (*lower)[0]),
          APFloat(upper->empty() ? inf : (*upper)[0]));
      rewriter.replaceOp(op, kernel->getResult(0));
      return success();
    }
    Value result = adaptor.getInput();
    for (auto [bound, kind] : {std::pair(adaptor.getMin(), BinaryKind::max),
                               std::pair(adaptor.getMax(), BinaryKind::min)}) {
      if (!bound)
        continue;
      result = mote::BinaryOp::create(rewriter, loc, TypeRange{type}, result, bound,
                                      emptyLike(rewriter, loc, type), kind,
                                      ActivationKind::none, kNoParam, kNoParam)
                   ->getResult(0);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Convolution, Gemm, MatMul, BatchNormalization
//===----------------------------------------------------------------------===//

/// Conv and pooling kernels have no 1-d form: a 1-d op runs over a height of 1.
SmallVector<int64_t> as2d(ArrayRef<int64_t> values, int64_t fill) {
  if (values.size() == 1)
    return {fill, values[0]};
  return SmallVector<int64_t>(values);
}

SmallVector<int64_t> pads2d(const WindowGeometry &g) {
  SmallVector<int64_t> begin = as2d(g.padsBegin, 0), end = as2d(g.padsEnd, 0);
  return {begin[0], begin[1], end[0], end[1]};
}

SmallVector<int64_t> shape4d(ArrayRef<int64_t> shape) {
  if (shape.size() == 3)
    return {shape[0], shape[1], 1, shape[2]};
  return SmallVector<int64_t>(shape);
}

struct LowerConv : LoweringPattern<onnx::ConvOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ConvOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto xType = tensorType(op.getX()), wType = tensorType(op.getW());
    int64_t spatialDims = xType.getRank() - 2;
    if (spatialDims != 1 && spatialDims != 2)
      return diags.unsupported(op, "Conv with " + Twine(spatialDims) +
                                       " spatial dims is not supported (1 or 2)");
    auto geometry = computeWindowGeometry(
        xType.getShape().drop_front(2), wType.getShape().drop_front(2),
        op.getAutoPad(), op.getPads(), op.getStrides(), op.getDilations(),
        false, [&] { return op.emitError(); });
    if (failed(geometry))
      return failure();
    Location loc = op.getLoc();
    auto yType = tensorType(op.getY());
    Value x = reshapeTo(rewriter, loc, adaptor.getX(), shape4d(xType.getShape()));
    Value w = reshapeTo(rewriter, loc, adaptor.getW(), shape4d(wType.getShape()));
    auto y4Type = RankedTensorType::get(shape4d(yType.getShape()),
                                        yType.getElementType());
    auto conv = mote::Conv2DOp::create(
        rewriter, loc, TypeRange{y4Type}, x, w, adaptor.getB(),
        emptyLike(rewriter, loc, y4Type),
        as2d(geometry->strides, 1), pads2d(*geometry),
        as2d(geometry->dilations, 1), op.getGroup(), SparsityAttr(),
        ActivationKind::none, kNoParam, kNoParam);
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, conv->getResult(0), yType));
    return success();
  }
};

struct LowerGemm : LoweringPattern<onnx::GemmOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::GemmOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto yType = tensorType(op.getY());
    Value c = adaptor.getC();
    if (c) {
      // The kernel broadcasts C as [rows, cols]: give it exactly two dims.
      SmallVector<int64_t> cShape(tensorType(c).getShape());
      while (cShape.size() < 2)
        cShape.insert(cShape.begin(), 1);
      c = reshapeTo(rewriter, loc, c, cShape);
    }
    auto gemm = mote::GemmOp::create(
        rewriter, loc, TypeRange{yType}, adaptor.getA(), adaptor.getB(), c,
        emptyLike(rewriter, loc, yType), op.getTransA() != 0,
        op.getTransB() != 0, op.getAlpha(), op.getBeta(), SparsityAttr(),
        ActivationKind::none, kNoParam, kNoParam);
    rewriter.replaceOp(op, gemm->getResult(0));
    return success();
  }
};

struct LowerMatMul : LoweringPattern<onnx::MatMulOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::MatMulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    // numpy.matmul promotes 1-d operands to matrices and drops the added dim.
    SmallVector<int64_t> a(tensorType(op.getA()).getShape()),
        b(tensorType(op.getB()).getShape());
    bool vectorA = a.size() == 1, vectorB = b.size() == 1;
    if (vectorA)
      a.insert(a.begin(), 1);
    if (vectorB)
      b.push_back(1);
    SmallVector<int64_t> y(*broadcastShapes(ArrayRef(a).drop_back(2),
                                            ArrayRef(b).drop_back(2)));
    y.push_back(a[a.size() - 2]);
    y.push_back(b.back());
    if (y.size() > 6)
      return diags.unsupported(op, "MatMul of rank above 6 is not supported");
    auto yType = RankedTensorType::get(y, rewriter.getF32Type());
    auto matmul = mote::MatMulOp::create(
        rewriter, loc, TypeRange{yType}, reshapeTo(rewriter, loc, adaptor.getA(), a),
        reshapeTo(rewriter, loc, adaptor.getB(), b), emptyLike(rewriter, loc, yType));
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, matmul->getResult(0),
                                     tensorType(op.getY())));
    return success();
  }
};

/// y = x * s + t with s = scale / sqrt(var + eps) and t = bias - mean * s,
/// both shaped [C, 1, ...] to broadcast over dim 1. With constant parameters
/// mote-fold-constants computes s and t, and mote-fold-scale-shift folds them
/// into a preceding convolution.
struct LowerBatchNorm : LoweringPattern<onnx::BatchNormalizationOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::BatchNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto xType = tensorType(op.getX());
    SmallVector<int64_t> paramShape(xType.getRank() - 1, 1);
    paramShape[0] = xType.getDimSize(1);
    Location loc = op.getLoc();
    // Constant parameters fold here; parameters computed at run time are
    // combined by kernels (and constant-folded later if they turn out constant).
    auto binary = [&](BinaryKind kind, Value lhs, Value rhs,
                      ActivationKind act = ActivationKind::none) -> Value {
      auto type = tensorType(lhs);
      return mote::BinaryOp::create(rewriter, loc, TypeRange{type}, lhs, rhs,
                                    emptyLike(rewriter, loc, type), kind, act,
                                    kNoParam, kNoParam)
          ->getResult(0);
    };
    auto epsType = RankedTensorType::get({}, rewriter.getF32Type());
    Value eps = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(epsType, op.getEpsilon().convertToFloat()));
    Value stddev = binary(BinaryKind::add, adaptor.getInputVar(), eps,
                          ActivationKind::sqrt);
    Value scale = binary(BinaryKind::div, adaptor.getScale(), stddev);
    Value shift = binary(BinaryKind::sub, adaptor.getB(),
                         binary(BinaryKind::mul, adaptor.getInputMean(), scale));
    Value sConst = reshapeTo(rewriter, loc, scale, paramShape);
    Value tConst = reshapeTo(rewriter, loc, shift, paramShape);
    auto mul = mote::BinaryOp::create(rewriter, loc, TypeRange{xType},
                                      adaptor.getX(), sConst,
                                      emptyLike(rewriter, loc, xType), BinaryKind::mul,
                                      ActivationKind::none, kNoParam, kNoParam);
    auto add = mote::BinaryOp::create(rewriter, loc, TypeRange{xType},
                                      mul->getResult(0), tConst,
                                      emptyLike(rewriter, loc, xType), BinaryKind::add,
                                      ActivationKind::none, kNoParam, kNoParam);
    rewriter.replaceOp(op, add->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling, Softmax, reductions
//===----------------------------------------------------------------------===//

template <typename OpTy, PoolKind kind>
struct LowerPool : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto xType = tensorType(op.getX());
    int64_t spatialDims = xType.getRank() - 2;
    if (spatialDims < 1 || spatialDims > 3)
      return this->diags.unsupported(
          op, Twine(op->getName().stripDialect()) + " with " + Twine(spatialDims) +
                  " spatial dims is not supported (1 to 3)");
    auto geometry = computeWindowGeometry(
        xType.getShape().drop_front(2), op.getKernelShape(), op.getAutoPad(),
        op.getPads(), op.getStrides(), op.getDilations(), op.getCeilMode() != 0,
        [&] { return op.emitError(); });
    if (failed(geometry))
      return failure();
    bool countIncludePad = false;
    if constexpr (std::is_same_v<OpTy, onnx::AveragePoolOp>)
      countIncludePad = op.getCountIncludePad() != 0;
    Location loc = op.getLoc();
    auto yType = tensorType(op.getY());
    auto y4Type = RankedTensorType::get(shape4d(yType.getShape()),
                                        yType.getElementType());
    SmallVector<int64_t> pads(as2d(geometry->padsBegin, 0));
    llvm::append_range(pads, as2d(geometry->padsEnd, 0));
    auto pool = mote::PoolOp::create(
        rewriter, loc, TypeRange{y4Type},
        reshapeTo(rewriter, loc, adaptor.getX(), shape4d(xType.getShape())),
        emptyLike(rewriter, loc, y4Type), kind, as2d(geometry->kernel, 1),
        as2d(geometry->strides, 1), pads, as2d(geometry->dilations, 1),
        countIncludePad);
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, pool->getResult(0), yType));
    return success();
  }
};

Value createReduce(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> axes, RankedTensorType resultType) {
  auto reduce = mote::ReduceOp::create(b, loc, TypeRange{resultType}, input,
                                       emptyLike(b, loc, resultType),
                                       ReduceKind::mean,
                                       b.getDenseI64ArrayAttr(axes));
  return reduce->getResult(0);
}

struct LowerGlobalAveragePool : LoweringPattern<onnx::GlobalAveragePoolOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::GlobalAveragePoolOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(op.getX()).getRank();
    auto axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    rewriter.replaceOp(op, createReduce(rewriter, op.getLoc(), adaptor.getX(), axes,
                                        tensorType(op.getY())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

/// Reshape, Flatten, Squeeze and Unsqueeze only change the type: a view.
template <typename OpTy>
struct LowerToView : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), adaptor.getOperands()[0],
                                     tensorType(op->getResult(0))));
    return success();
  }
};

struct LowerTranspose : LoweringPattern<onnx::TransposeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getTransposed());
    int64_t rank = type.getRank();
    if (rank > 6)
      return diags.unsupported(op, "Transpose of rank above 6 is not supported");
    SmallVector<int64_t> perm;
    if (auto p = op.getPerm())
      perm.assign(p->begin(), p->end());
    else
      for (int64_t i = rank - 1; i >= 0; --i)
        perm.push_back(i);
    if (!type.getElementType().isF32()) { // the tiled kernel is float32
      SmallVector<int64_t> inStrides = stridesOf(tensorType(op.getData()).getShape()), strides;
      for (int64_t p : perm)
        strides.push_back(inStrides[p]);
      rewriter.replaceOp(op, createStridedCopy(rewriter, op.getLoc(), adaptor.getData(), type,
                                               0, strides));
      return success();
    }
    auto transpose = mote::TransposeOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getData(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getDenseI64ArrayAttr(perm));
    rewriter.replaceOp(op, transpose->getResult(0));
    return success();
  }
};

struct LowerConcat : LoweringPattern<onnx::ConcatOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::ConcatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getConcatResult());
    int64_t axis = *normalizeAxis(op.getAxis(), type.getRank());
    auto concat = mote::ConcatOp::create(
        rewriter, op.getLoc(), TypeRange{type}, adaptor.getInputs(),
        emptyLike(rewriter, op.getLoc(), type), rewriter.getI64IntegerAttr(axis));
    rewriter.replaceOp(op, concat->getResult(0));
    return success();
  }
};



//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Adds Pattern<Op> for every op of the list.
template <template <typename> class Pattern, typename... Ops>
void addLowerings(RewritePatternSet &patterns, LoweringDiagnostics &diags) {
  (patterns.add<Pattern<Ops>>(patterns.getContext(), diags), ...);
}

struct ConvertONNXToMotePass
    : public mote::impl::ConvertONNXToMoteBase<ConvertONNXToMotePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    LoweringDiagnostics diags;
    RewritePatternSet patterns(ctx);
    patterns.add<LowerConstant, LowerRelu,
                 LowerSigmoid, LowerTanh, LowerHardSwish, LowerLeakyRelu,
                 LowerHardSigmoid, LowerClip, LowerConv, LowerGemm, LowerMatMul,
                 LowerBatchNorm, LowerPool<onnx::MaxPoolOp, PoolKind::max>,
                 LowerPool<onnx::AveragePoolOp, PoolKind::avg>,
                 LowerGlobalAveragePool,
                 LowerToView<onnx::ReshapeOp>, LowerToView<onnx::FlattenOp>,
                 LowerToView<onnx::SqueezeOp>, LowerToView<onnx::UnsqueezeOp>,
                 LowerTranspose, LowerConcat>(ctx, diags);
    populateElementwiseLowerings(patterns, diags);
    populateDataMovementLowerings(patterns, diags);
    populateNormalizationLowerings(patterns, diags);
    populateIndexingLowerings(patterns, diags);
    populateAttentionLowerings(patterns, diags);
    populateResizeLowerings(patterns, diags);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<onnx::ONNXDialect>();
    target.addLegalDialect<MoteDialect, arith::ArithDialect, tensor::TensorDialect,
                           func::FuncDialect>();
    // A failed conversion is rolled back, so only the patterns know which
    // node was at fault; they have said so already unless nothing was said.
    // The framework adds "failed to legalize" for the node a pattern has
    // already explained; one message per problem is enough.
    ScopedDiagnosticHandler dropRepeats(ctx, [&](Diagnostic &diag) {
      return success(!diags.reported.empty() &&
                     StringRef(diag.str()).starts_with("failed to legalize"));
    });
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns)))) {
      if (diags.reported.empty())
        getOperation().emitError("could not lower the onnx ops to mote kernels");
      signalPassFailure();
    }
  }
};
} // namespace

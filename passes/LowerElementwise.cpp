//===- LowerElementwise.cpp - any-dtype elementwise ops and reductions ----===//
//
// Every elementwise function, cast, comparison and logic op of any element
// type becomes one mote.unary / mote.binary / mote.where kernel; reductions a
// mote.reduce or mote.arg_reduce.
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {
//===----------------------------------------------------------------------===//
// Any-dtype elementwise functions, casts, comparisons, selection
//===----------------------------------------------------------------------===//

struct UnarySpec {
  UnaryKind kind;
  double p0 = 0, p1 = 0;
};

double asDouble(APFloat value) { return value.convertToDouble(); }

/// Which function each elementwise onnx op computes, with its parameters.
std::optional<UnarySpec> unarySpecOf(Operation *op) {
  using K = UnaryKind;
  return TypeSwitch<Operation *, std::optional<UnarySpec>>(op)
      .Case([](onnx::AbsOp) { return UnarySpec{K::abs}; })
      .Case([](onnx::NegOp) { return UnarySpec{K::neg}; })
      .Case([](onnx::ExpOp) { return UnarySpec{K::exp}; })
      .Case([](onnx::LogOp) { return UnarySpec{K::log}; })
      .Case([](onnx::SqrtOp) { return UnarySpec{K::sqrt}; })
      .Case([](onnx::ReciprocalOp) { return UnarySpec{K::reciprocal}; })
      .Case([](onnx::FloorOp) { return UnarySpec{K::floor}; })
      .Case([](onnx::CeilOp) { return UnarySpec{K::ceil}; })
      .Case([](onnx::RoundOp) { return UnarySpec{K::round}; })
      .Case([](onnx::SinOp) { return UnarySpec{K::sin}; })
      .Case([](onnx::CosOp) { return UnarySpec{K::cos}; })
      .Case([](onnx::TanOp) { return UnarySpec{K::tan}; })
      .Case([](onnx::AsinOp) { return UnarySpec{K::asin}; })
      .Case([](onnx::AcosOp) { return UnarySpec{K::acos}; })
      .Case([](onnx::AtanOp) { return UnarySpec{K::atan}; })
      .Case([](onnx::SinhOp) { return UnarySpec{K::sinh}; })
      .Case([](onnx::CoshOp) { return UnarySpec{K::cosh}; })
      .Case([](onnx::AsinhOp) { return UnarySpec{K::asinh}; })
      .Case([](onnx::AcoshOp) { return UnarySpec{K::acosh}; })
      .Case([](onnx::AtanhOp) { return UnarySpec{K::atanh}; })
      .Case([](onnx::ErfOp) { return UnarySpec{K::erf}; })
      .Case([](onnx::SignOp) { return UnarySpec{K::sign}; })
      .Case([](onnx::NotOp) { return UnarySpec{K::logical_not}; })
      .Case([](onnx::BitwiseNotOp) { return UnarySpec{K::bitwise_not}; })
      .Case([](onnx::SoftplusOp) { return UnarySpec{K::softplus}; })
      .Case([](onnx::SoftsignOp) { return UnarySpec{K::softsign}; })
      .Case([](onnx::MishOp) { return UnarySpec{K::mish}; })
      .Case([](onnx::EluOp op) { return UnarySpec{K::elu, asDouble(op.getAlpha())}; })
      .Case([](onnx::CeluOp op) { return UnarySpec{K::celu, asDouble(op.getAlpha())}; })
      .Case([](onnx::ThresholdedReluOp op) {
        return UnarySpec{K::thresholded_relu, asDouble(op.getAlpha())};
      })
      .Case([](onnx::SeluOp op) {
        return UnarySpec{K::selu, asDouble(op.getAlpha()), asDouble(op.getGamma())};
      })
      .Case([](onnx::ShrinkOp op) {
        return UnarySpec{K::shrink, asDouble(op.getBias()), asDouble(op.getLambd())};
      })
      .Case([](onnx::GeluOp op) -> std::optional<UnarySpec> {
        if (op.getApproximate() == "none")
          return UnarySpec{K::gelu};
        if (op.getApproximate() == "tanh")
          return UnarySpec{K::gelu_tanh};
        return std::nullopt;
      })
      .Case([](onnx::IsNaNOp) { return UnarySpec{K::isnan}; })
      .Case([](onnx::IsInfOp op) {
        return UnarySpec{K::isinf, (double)op.getDetectNegative(),
                         (double)op.getDetectPositive()};
      })
      .Case([](onnx::CastOp op) { return UnarySpec{K::cast, (double)op.getSaturate()}; })
      .Case([](onnx::CastLikeOp op) { return UnarySpec{K::cast, (double)op.getSaturate()}; })
      .Default([](Operation *) { return std::nullopt; });
}

/// Every elementwise function of one input (the float32 activations have
/// their own fusable kernel, see LowerActivation).
template <typename OpTy>
struct LowerUnary : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    std::optional<UnarySpec> spec = unarySpecOf(op);
    if (!spec)
      return this->diags.unsupported(op, "this form of the op is not supported");
    Value input = adaptor.getOperands()[0];
    auto type = tensorType(op->getResult(0));
    if (spec->kind == UnaryKind::cast && tensorType(input) == type) {
      rewriter.replaceOp(op, input);
      return success();
    }
    rewriter.replaceOp(op, createUnary(rewriter, op.getLoc(), input, type, spec->kind,
                                       spec->p0, spec->p1));
    return success();
  }
};

/// Which binary kernel kind each broadcasting onnx op is.
std::optional<BinaryKind> binaryKindOf(Operation *op) {
  using K = BinaryKind;
  return TypeSwitch<Operation *, std::optional<BinaryKind>>(op)
      .Case([](onnx::AddOp) { return K::add; })
      .Case([](onnx::SubOp) { return K::sub; })
      .Case([](onnx::MulOp) { return K::mul; })
      .Case([](onnx::DivOp) { return K::div; })
      .Case([](onnx::PowOp) { return K::pow; })
      .Case([](onnx::PReluOp) { return K::prelu; })
      .Case([](onnx::AndOp) { return K::logical_and; })
      .Case([](onnx::OrOp) { return K::logical_or; })
      .Case([](onnx::XorOp) { return K::logical_xor; })
      .Case([](onnx::BitwiseAndOp) { return K::bitwise_and; })
      .Case([](onnx::BitwiseOrOp) { return K::bitwise_or; })
      .Case([](onnx::BitwiseXorOp) { return K::bitwise_xor; })
      .Case([](onnx::EqualOp) { return K::equal; })
      .Case([](onnx::LessOp) { return K::less; })
      .Case([](onnx::LessOrEqualOp) { return K::less_equal; })
      .Case([](onnx::GreaterOp) { return K::greater; })
      .Case([](onnx::GreaterOrEqualOp) { return K::greater_equal; })
      .Case([](onnx::ModOp op) { return op.getFmod() ? K::fmod : K::mod; })
      .Case([](onnx::BitShiftOp op) {
        return op.getDirection() == "LEFT" ? K::shift_left : K::shift_right;
      })
      .Case([](onnx::MaxOp) { return K::max; })
      .Case([](onnx::MinOp) { return K::min; })
      .Case<onnx::SumOp, onnx::MeanOp>([](Operation *) { return K::add; })
      .Default([](Operation *) { return std::nullopt; });
}

template <typename OpTy>
struct LowerBinary : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op->getResult(0));
    if (type.getRank() > 6)
      return this->diags.unsupported(op, "broadcasting above rank 6 is not supported");
    ValueRange operands = adaptor.getOperands();
    Value lhs = operands[0], rhs = operands[1];
    rewriter.replaceOp(op, createBinary(rewriter, op.getLoc(), lhs, rhs, type,
                                        *binaryKindOf(op)));
    return success();
  }
};

/// Max, Min, Sum and Mean of any number of inputs: a chain of binary kernels
/// (Mean divides the sum by the count).
template <typename OpTy>
struct LowerVariadic : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = tensorType(op->getResult(0));
    if (type.getRank() > 6)
      return this->diags.unsupported(op, "broadcasting above rank 6 is not supported");
    ValueRange inputs = adaptor.getOperands();
    BinaryKind kind = *binaryKindOf(op);
    Value result = inputs[0];
    for (Value next : inputs.drop_front()) {
      auto partial = RankedTensorType::get(
          *broadcastShapes(tensorType(result).getShape(), tensorType(next).getShape()),
          type.getElementType());
      result = createBinary(rewriter, loc, result, next, partial, kind);
    }
    if (tensorType(result) != type) // a single input, or one that broadcasts
      result = createStridedCopy(rewriter, loc, result, type, 0,
                                 broadcastStrides(tensorType(result).getShape(),
                                                  type.getShape()));
    if (isa<onnx::MeanOp>(op)) {
      auto scalarType = RankedTensorType::get({}, type.getElementType());
      Value count = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(scalarType, rewriter.getFloatAttr(type.getElementType(),
                                                                   (double)inputs.size())));
      result = createBinary(rewriter, loc, result, count, type, BinaryKind::div);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct LowerWhere : LoweringPattern<onnx::WhereOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::WhereOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto type = tensorType(op.getOutput());
    if (type.getRank() > 8)
      return diags.unsupported(op, "Where above rank 8 is not supported");
    auto where = mote::WhereOp::create(rewriter, op.getLoc(), TypeRange{type},
                                       adaptor.getCondition(), adaptor.getX(), adaptor.getY(),
                                       emptyLike(rewriter, op.getLoc(), type));
    rewriter.replaceOp(op, where->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

std::optional<ReduceKind> reduceKindOf(Operation *op) {
  using K = ReduceKind;
  return TypeSwitch<Operation *, std::optional<ReduceKind>>(op)
      .Case([](onnx::ReduceMeanOp) { return K::mean; })
      .Case([](onnx::ReduceSumOp) { return K::sum; })
      .Case([](onnx::ReduceMaxOp) { return K::max; })
      .Case([](onnx::ReduceMinOp) { return K::min; })
      .Case([](onnx::ReduceProdOp) { return K::prod; })
      .Case([](onnx::ReduceL1Op) { return K::l1; })
      .Case([](onnx::ReduceL2Op) { return K::l2; })
      .Case([](onnx::ReduceLogSumOp) { return K::log_sum; })
      .Case([](onnx::ReduceLogSumExpOp) { return K::log_sum_exp; })
      .Case([](onnx::ReduceSumSquareOp) { return K::sum_square; })
      .Default([](Operation *) { return std::nullopt; });
}

template <typename OpTy>
struct LowerReduce : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(op.getData()).getRank();
    if (rank > 8)
      return this->diags.unsupported(op, "reductions above rank 8 are not supported");
    SmallVector<int64_t> axes;
    if (auto given = op.getAxes() ? getConstantInts(op.getAxes()) : std::nullopt)
      for (int64_t a : *given)
        axes.push_back(*normalizeAxis(a, rank));
    llvm::sort(axes);
    if (axes.empty() && !op.getNoopWithEmptyAxes())
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    ReduceKind kind = *reduceKindOf(op);
    auto type = tensorType(op.getReduced());
    if (axes.empty()) { // noop_with_empty_axes: the identity
      rewriter.replaceOp(op, adaptor.getData());
      return success();
    }
    auto reduce = mote::ReduceOp::create(rewriter, op.getLoc(), TypeRange{type},
                                         adaptor.getData(),
                                         emptyLike(rewriter, op.getLoc(), type), kind,
                                         rewriter.getDenseI64ArrayAttr(axes));
    rewriter.replaceOp(op, reduce->getResult(0));
    return success();
  }
};

template <typename OpTy>
struct LowerArgReduce : LoweringPattern<OpTy> {
  using LoweringPattern<OpTy>::LoweringPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto input = tensorType(op.getData());
    if (input.getRank() > 8)
      return this->diags.unsupported(op, "ArgMax/ArgMin above rank 8 are not supported");
    int64_t axis = *normalizeAxis(op.getAxis(), input.getRank());
    SmallVector<int64_t> kept(input.getShape());
    kept[axis] = 1;
    auto keptType = RankedTensorType::get(kept, rewriter.getI64Type());
    auto arg = mote::ArgReduceOp::create(
        rewriter, op.getLoc(), TypeRange{keptType}, adaptor.getData(),
        emptyLike(rewriter, op.getLoc(), keptType), rewriter.getI64IntegerAttr(axis),
        rewriter.getBoolAttr(isa<onnx::ArgMaxOp>(op)),
        rewriter.getBoolAttr(op.getSelectLastIndex() != 0));
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), arg->getResult(0),
                                     tensorType(op.getReduced())));
    return success();
  }
};
} // namespace

void mote::lowering::populateElementwiseLowerings(RewritePatternSet &patterns,
                                                  LoweringDiagnostics &diags) {
  addLowerings<LowerUnary, onnx::AbsOp, onnx::NegOp, onnx::ExpOp, onnx::LogOp,
               onnx::SqrtOp, onnx::ReciprocalOp, onnx::FloorOp, onnx::CeilOp,
               onnx::RoundOp, onnx::SinOp, onnx::CosOp, onnx::TanOp, onnx::AsinOp,
               onnx::AcosOp, onnx::AtanOp, onnx::SinhOp, onnx::CoshOp, onnx::AsinhOp,
               onnx::AcoshOp, onnx::AtanhOp, onnx::ErfOp, onnx::SignOp, onnx::NotOp,
               onnx::BitwiseNotOp, onnx::SoftplusOp, onnx::SoftsignOp, onnx::MishOp,
               onnx::EluOp, onnx::CeluOp, onnx::ThresholdedReluOp, onnx::SeluOp,
               onnx::ShrinkOp, onnx::GeluOp, onnx::IsNaNOp, onnx::IsInfOp, onnx::CastOp,
               onnx::CastLikeOp>(patterns, diags);
  addLowerings<LowerBinary, onnx::AddOp, onnx::SubOp, onnx::MulOp, onnx::DivOp,
               onnx::PowOp, onnx::PReluOp, onnx::AndOp, onnx::OrOp, onnx::XorOp,
               onnx::BitwiseAndOp, onnx::BitwiseOrOp, onnx::BitwiseXorOp, onnx::EqualOp,
               onnx::LessOp, onnx::LessOrEqualOp, onnx::GreaterOp, onnx::GreaterOrEqualOp,
               onnx::ModOp, onnx::BitShiftOp>(patterns, diags);
  addLowerings<LowerVariadic, onnx::MaxOp, onnx::MinOp, onnx::SumOp, onnx::MeanOp>(
      patterns, diags);
  addLowerings<LowerReduce, onnx::ReduceMeanOp, onnx::ReduceSumOp, onnx::ReduceMaxOp,
               onnx::ReduceMinOp, onnx::ReduceProdOp, onnx::ReduceL1Op, onnx::ReduceL2Op,
               onnx::ReduceLogSumOp, onnx::ReduceLogSumExpOp, onnx::ReduceSumSquareOp>(
      patterns, diags);
  addLowerings<LowerArgReduce, onnx::ArgMaxOp, onnx::ArgMinOp>(patterns, diags);
  patterns.add<LowerWhere>(patterns.getContext(), diags);
}

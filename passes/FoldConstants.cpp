//===- FoldConstants.cpp - evaluate kernels on constants ------------------===//
#include "passes/Passes.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include <cmath>

namespace mote {
#define GEN_PASS_DEF_MOTEFOLDCONSTANTS
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// Calls `fn(flatIndex, coords)` for every element of `shape` in row-major order.
void forEachIndex(ArrayRef<int64_t> shape,
                  function_ref<void(int64_t, ArrayRef<int64_t>)> fn) {
  SmallVector<int64_t> coords(shape.size(), 0);
  int64_t total = shapeProduct(shape);
  for (int64_t flat = 0; flat < total; ++flat) {
    fn(flat, coords);
    for (int64_t d = (int64_t)shape.size() - 1; d >= 0; --d) {
      if (++coords[d] < shape[d])
        break;
      coords[d] = 0;
    }
  }
}

int64_t dot(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  int64_t sum = 0;
  for (auto [x, y] : llvm::zip_equal(a, b))
    sum += x * y;
  return sum;
}

float applyBinary(BinaryKind kind, float a, float b) {
  switch (kind) {
  case BinaryKind::add: return a + b;
  case BinaryKind::sub: return a - b;
  case BinaryKind::mul: return a * b;
  case BinaryKind::div: return a / b;
  case BinaryKind::max: return a < b ? b : a;
  case BinaryKind::min: return a > b ? b : a;
  default: break; // FoldBinary folds float arithmetic only
  }
  llvm_unreachable("not a float arithmetic kind");
}

/// Results above this many elements are not folded: a broadcast can turn two
/// small constants into a huge one, which would cost the compiler memory and
/// the device flash.
constexpr int64_t kMaxFoldedElements = int64_t(1) << 20;

void replaceWithConstant(PatternRewriter &rewriter, Operation *op,
                         ShapedType type, ArrayRef<float> values) {
  ElementsAttr attr = makeF32Elements(type, values, "folded");
  rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(attr));
}

/// A reshape of a constant is the same data under another type.
template <typename OpTy>
struct FoldReshapeOfConstant : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op, PatternRewriter &rewriter) const override {
    ElementsAttr attr;
    if (!matchPattern(op.getSrc(), m_Constant(&attr)))
      return failure();
    ElementsAttr reshaped = reshapeElements(attr, op.getResultType());
    if (!reshaped)
      return failure();
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(reshaped));
    return success();
  }
};

struct FoldBinary : OpRewritePattern<BinaryOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BinaryOp op, PatternRewriter &rewriter) const override {
    if (!op->getNumResults() || !op.isFloatArithmetic() ||
        (op.getAct() != ActivationKind::none && op.getAct() != ActivationKind::sqrt))
      return failure();
    bool takeSqrt = op.getAct() == ActivationKind::sqrt;
    auto lhs = getConstantFloats(op.getLhs()), rhs = getConstantFloats(op.getRhs());
    if (!lhs || !rhs)
      return failure();
    ShapedType type = op.getOutType();
    if (type.getNumElements() > kMaxFoldedElements)
      return failure();
    auto shapeOf = [](Value v) { return cast<ShapedType>(v.getType()).getShape(); };
    SmallVector<int64_t> ls = broadcastStrides(shapeOf(op.getLhs()), type.getShape());
    SmallVector<int64_t> rs = broadcastStrides(shapeOf(op.getRhs()), type.getShape());
    SmallVector<float> out(type.getNumElements());
    forEachIndex(type.getShape(), [&](int64_t flat, ArrayRef<int64_t> idx) {
      float v = applyBinary(op.getKind(), (*lhs)[dot(idx, ls)], (*rhs)[dot(idx, rs)]);
      out[flat] = takeSqrt ? std::sqrt(v) : v;
    });
    replaceWithConstant(rewriter, op, type, out);
    return success();
  }
};

struct FoldTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op, PatternRewriter &rewriter) const override {
    if (!op->getNumResults())
      return failure();
    if (op.getOutType().getNumElements() > kMaxFoldedElements)
      return failure();
    auto input = getConstantFloats(op.getInput());
    if (!input)
      return failure();
    SmallVector<int64_t> inStrides =
        stridesOf(cast<ShapedType>(op.getInput().getType()).getShape());
    ArrayRef<int64_t> perm = op.getPerm();
    ShapedType type = op.getOutType();
    SmallVector<float> out(type.getNumElements());
    forEachIndex(type.getShape(), [&](int64_t flat, ArrayRef<int64_t> idx) {
      int64_t source = 0;
      for (size_t d = 0; d < idx.size(); ++d)
        source += idx[d] * inStrides[perm[d]];
      out[flat] = (*input)[source];
    });
    replaceWithConstant(rewriter, op, type, out);
    return success();
  }
};

struct MoteFoldConstantsPass
    : public mote::impl::MoteFoldConstantsBase<MoteFoldConstantsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldReshapeOfConstant<tensor::CollapseShapeOp>,
                 FoldReshapeOfConstant<tensor::ExpandShapeOp>, FoldBinary,
                 FoldTranspose>(&getContext());
    int64_t before = countOps();
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    numFolded += std::max<int64_t>(0, before - countOps());
  }
  int64_t countOps() {
    int64_t n = 0;
    getOperation().walk([&](Operation *op) {
      n += isa<MoteDialect, tensor::TensorDialect>(op->getDialect());
    });
    return n;
  }
};
} // namespace

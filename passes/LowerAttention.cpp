//===- LowerAttention.cpp - Attention as a composition of kernels ---------===//
//
// onnx.Attention becomes the kernels it is made of, in float32 (16-bit
// inputs are widened first and the results narrowed back):
//
//   Q, K, V ──(3-d: reshape + transpose to [B, heads, seq, size])
//   K, V ──── concat after past_key / past_value (the present outputs)
//   Q·Kᵀ ──── mote.transpose of K, one batched mote.matmul; grouped-query
//             attention views Q as [B, kv_heads, group, L, D] and K as
//             [B, kv_heads, 1, D, T] so the matmul broadcasts each KV head
//   × scale, softcap (c · tanh(x / c)), + bias, mote.softmax on the last axis
//   · V ───── a second batched matmul, back to 3-d when the inputs were.
//
// The bias sums the mask (bool → 0 / -inf, padded with -inf up to the total
// sequence length), the causal mask (a constant) and the padding mask of
// nonpad_kv_seqlen (computed at run time).
//
//===----------------------------------------------------------------------===//
#include "passes/ONNXToMote.h"

#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

struct Kernels {
  OpBuilder &b;
  Location loc;

  RankedTensorType f32(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  }
  /// `v` as float32 (a cast kernel unless it already is).
  Value toF32(Value v) {
    auto type = tensorType(v);
    if (type.getElementType().isF32())
      return v;
    return createUnary(b, loc, v, f32(type.getShape()), UnaryKind::cast);
  }
  Value castTo(Value v, Type element) {
    auto type = tensorType(v);
    if (type.getElementType() == element)
      return v;
    return createUnary(b, loc, v, RankedTensorType::get(type.getShape(), element),
                       UnaryKind::cast);
  }
  Value reshape(Value v, ArrayRef<int64_t> shape) { return reshapeTo(b, loc, v, shape); }
  Value transpose(Value v, ArrayRef<int64_t> perm) {
    ArrayRef<int64_t> x = tensorType(v).getShape();
    SmallVector<int64_t> shape;
    for (int64_t p : perm)
      shape.push_back(x[p]);
    auto type = RankedTensorType::get(shape, tensorType(v).getElementType());
    return mote::TransposeOp::create(b, loc, TypeRange{type}, v, emptyLike(b, loc, type),
                                     b.getDenseI64ArrayAttr(perm))
        ->getResult(0);
  }
  Value matmul(Value lhs, Value rhs) {
    ArrayRef<int64_t> a = tensorType(lhs).getShape(), c = tensorType(rhs).getShape();
    SmallVector<int64_t> shape(*broadcastShapes(a.drop_back(2), c.drop_back(2)));
    shape.append({a[a.size() - 2], c.back()});
    auto type = f32(shape);
    return mote::MatMulOp::create(b, loc, TypeRange{type}, lhs, rhs, emptyLike(b, loc, type))
        ->getResult(0);
  }
  Value binary(Value lhs, Value rhs, BinaryKind kind) {
    auto shape = broadcastShapes(tensorType(lhs).getShape(), tensorType(rhs).getShape());
    return createBinary(b, loc, lhs, rhs, f32(*shape), kind);
  }
  Value constant(ArrayRef<int64_t> shape, ArrayRef<float> values) {
    auto type = f32(shape);
    return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
  }
  Value scalar(float value) { return constant({1}, {value}); }
  /// 0 where `condition` holds, -inf elsewhere, in the condition's shape.
  Value maskToBias(Value condition) {
    auto type = f32(tensorType(condition).getShape());
    return mote::WhereOp::create(b, loc, TypeRange{type}, condition, scalar(0.0f),
                                 scalar(-std::numeric_limits<float>::infinity()),
                                 emptyLike(b, loc, type))
        ->getResult(0);
  }
  Value concat(Value first, Value second, int64_t axis) {
    SmallVector<int64_t> shape(tensorType(first).getShape());
    shape[axis] += tensorType(second).getShape()[axis];
    auto type = f32(shape);
    return mote::ConcatOp::create(b, loc, TypeRange{type}, ValueRange{first, second},
                                  emptyLike(b, loc, type), b.getI64IntegerAttr(axis))
        ->getResult(0);
  }
};

struct LowerAttention : LoweringPattern<onnx::AttentionOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult matchAndRewrite(onnx::AttentionOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Kernels k{rewriter, loc};
    auto geometry = op.geometry();
    if (failed(geometry))
      return failure();
    const auto &g = *geometry;
    int64_t total = g.totalSeq(), group = g.qHeads / g.kvHeads;
    float inf = std::numeric_limits<float>::infinity();
    if (op.getIsCausal() && op.getNonpadKvSeqlen() && !op.getPastKey())
      return diags.unsupported(op, "causal Attention with nonpad_kv_seqlen and no past "
                                   "is not supported");

    // [B, heads, seq, size], float32.
    Value q = k.toF32(adaptor.getQ()), key = k.toF32(adaptor.getK()),
          value = k.toF32(adaptor.getV());
    if (g.threeD) {
      q = k.transpose(k.reshape(q, {g.batch, g.qSeq, g.qHeads, g.headSize}), {0, 2, 1, 3});
      key = k.transpose(k.reshape(key, {g.batch, g.kvSeq, g.kvHeads, g.headSize}),
                        {0, 2, 1, 3});
      value = k.transpose(k.reshape(value, {g.batch, g.kvSeq, g.kvHeads, g.vHeadSize}),
                          {0, 2, 1, 3});
    }
    if (adaptor.getPastKey()) {
      key = k.concat(k.toF32(adaptor.getPastKey()), key, 2);
      value = k.concat(k.toF32(adaptor.getPastValue()), value, 2);
    }

    // Scores [B, q_heads, L, T].
    Value keyT = k.transpose(key, {0, 1, 3, 2});
    Value scores = k.matmul(k.reshape(q, {g.batch, g.kvHeads, group, g.qSeq, g.headSize}),
                            k.reshape(keyT, {g.batch, g.kvHeads, 1, g.headSize, total}));
    SmallVector<int64_t> scoreShape = {g.batch, g.qHeads, g.qSeq, total};
    scores = k.reshape(scores, scoreShape);
    float scale = op.getScale() ? op.getScale()->convertToFloat()
                                : 1.0f / std::sqrt(static_cast<float>(g.headSize));
    scores = k.binary(scores, k.scalar(scale), BinaryKind::mul);
    float softcap = op.getSoftcap().convertToFloat();
    if (softcap > 0) {
      scores = k.binary(scores, k.scalar(softcap), BinaryKind::div);
      scores = createUnary(rewriter, loc, scores, k.f32(scoreShape), UnaryKind::tanh);
      scores = k.binary(scores, k.scalar(softcap), BinaryKind::mul);
    }
    Value qkOutput = scores;

    // The bias: mask, causal mask, padding mask.
    Value bias;
    auto addBias = [&](Value term) { bias = bias ? k.binary(bias, term, BinaryKind::add) : term; };
    if (Value mask = adaptor.getAttnMask()) {
      auto maskType = tensorType(mask);
      mask = maskType.getElementType().isInteger(1) ? k.maskToBias(mask) : k.toF32(mask);
      int64_t columns = maskType.getShape().back();
      if (columns < total) {
        int64_t rank = maskType.getRank();
        SmallVector<int64_t> shape(maskType.getShape()), pads(2 * rank, 0);
        shape.back() = total;
        pads.back() = total - columns;
        auto type = k.f32(shape);
        mask = mote::PadOp::create(rewriter, loc, TypeRange{type}, mask,
                                   emptyLike(rewriter, loc, type),
                                   rewriter.getDenseI64ArrayAttr(pads), APFloat(-inf))
                   ->getResult(0);
      }
      addBias(mask);
    }
    if (op.getIsCausal()) {
      SmallVector<float> causal;
      for (int64_t i = 0; i < g.qSeq; ++i)
        for (int64_t j = 0; j < total; ++j)
          causal.push_back(j > i + g.pastSeq ? -inf : 0.0f);
      addBias(k.constant({g.qSeq, total}, causal));
    }
    if (Value lengths = adaptor.getNonpadKvSeqlen()) {
      // position < nonpad_kv_seqlen[b], per batch.
      auto lengthType = tensorType(lengths);
      SmallVector<APInt> positions;
      unsigned width = lengthType.getElementType().getIntOrFloatBitWidth();
      for (int64_t j = 0; j < total; ++j)
        positions.push_back(APInt(width, j));
      auto positionType = RankedTensorType::get({1, total}, lengthType.getElementType());
      Value range = arith::ConstantOp::create(rewriter, loc,
                                              DenseElementsAttr::get(positionType, positions));
      auto boolType = RankedTensorType::get({g.batch, total}, rewriter.getI1Type());
      Value valid = createBinary(rewriter, loc, range, k.reshape(lengths, {g.batch, 1}),
                                 boolType, BinaryKind::less);
      addBias(k.reshape(k.maskToBias(valid), {g.batch, 1, 1, total}));
    }
    if (bias)
      scores = k.binary(scores, bias, BinaryKind::add);
    if (op.getQkMatmulOutputMode() == 2)
      qkOutput = scores;

    auto scoreType = k.f32(scoreShape);
    Value probs = mote::SoftmaxOp::create(rewriter, loc, TypeRange{scoreType}, scores,
                                          emptyLike(rewriter, loc, scoreType),
                                          rewriter.getI64IntegerAttr(3))
                      ->getResult(0);
    if (op.getQkMatmulOutputMode() == 3)
      qkOutput = probs;

    Value y = k.matmul(k.reshape(probs, {g.batch, g.kvHeads, group, g.qSeq, total}),
                       k.reshape(value, {g.batch, g.kvHeads, 1, total, g.vHeadSize}));
    y = k.reshape(y, {g.batch, g.qHeads, g.qSeq, g.vHeadSize});
    if (g.threeD)
      y = k.reshape(k.transpose(y, {0, 2, 1, 3}),
                    {g.batch, g.qSeq, g.qHeads * g.vHeadSize});

    Type element = tensorType(op.getY()).getElementType();
    SmallVector<Value> results = {k.castTo(y, element), k.castTo(key, element),
                                  k.castTo(value, element), k.castTo(qkOutput, element)};
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mote::lowering::populateAttentionLowerings(RewritePatternSet &patterns,
                                                LoweringDiagnostics &diags) {
  patterns.add<LowerAttention>(patterns.getContext(), diags);
}

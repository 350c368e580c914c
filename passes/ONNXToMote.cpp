//===- ONNXToMote.cpp - shared pieces of the onnx-to-mote lowering --------===//
#include "passes/ONNXToMote.h"

using namespace mlir;

namespace mote::lowering {

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
}

/// A copy-free reshape of a row-major tensor: collapse to 1-d, expand to the
/// target. Bufferization turns both into views of the same buffer.
Value reshapeTo(OpBuilder &b, Location loc, Value value,
                RankedTensorType target) {
  auto source = tensorType(value);
  if (source == target)
    return value;
  auto flatType = RankedTensorType::get({source.getNumElements()},
                                        source.getElementType());
  auto allDims = [](int64_t rank) {
    ReassociationIndices dims = llvm::to_vector<2>(llvm::seq<int64_t>(0, rank));
    return SmallVector<ReassociationIndices>{dims};
  };
  Value flat = value;
  if (source.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, value,
                                         SmallVector<ReassociationIndices>{});
  else if (source.getRank() > 1)
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, value,
                                           allDims(source.getRank()));
  if (target.getRank() == 1)
    return flat;
  if (target.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, target, flat,
                                           SmallVector<ReassociationIndices>{});
  return tensor::ExpandShapeOp::create(b, loc, target, flat,
                                       allDims(target.getRank()));
}

Value reshapeTo(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> shape) {
  return reshapeTo(b, loc, value,
                   RankedTensorType::get(shape, tensorType(value).getElementType()));
}

/// The elementwise-function kernel: any element types, `out` of `type`.
Value createUnary(OpBuilder &b, Location loc, Value input, RankedTensorType type,
                  UnaryKind kind, double p0, double p1) {
  return mote::UnaryOp::create(b, loc, TypeRange{type}, input, emptyLike(b, loc, type),
                               UnaryKindAttr::get(b.getContext(), kind), b.getF64FloatAttr(p0),
                               b.getF64FloatAttr(p1))
      ->getResult(0);
}

Value createBinary(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   RankedTensorType type, BinaryKind kind) {
  return mote::BinaryOp::create(b, loc, TypeRange{type}, lhs, rhs, emptyLike(b, loc, type),
                                kind, ActivationKind::none, APFloat(0.0f), APFloat(0.0f))
      ->getResult(0);
}

/// A copy whose every output index reads input[offset + sum i_k * strides_k].
Value createStridedCopy(OpBuilder &b, Location loc, Value input, RankedTensorType type,
                        int64_t offset, ArrayRef<int64_t> strides) {
  return mote::StridedCopyOp::create(b, loc, TypeRange{type}, input,
                                     emptyLike(b, loc, type), b.getI64IntegerAttr(offset),
                                     b.getDenseI64ArrayAttr(strides))
      ->getResult(0);
}

} // namespace mote::lowering

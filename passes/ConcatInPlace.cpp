//===- ConcatInPlace.cpp - producers of a concat write into their slice ---===//
//
// A Concat copies its inputs into one buffer while all of them are live: at
// that step the arena holds every input twice. When each input's slice of
// the result is contiguous (every dim before the axis is 1, as in NCHW with a
// batch of 1 along channels), the kernels that produce the inputs can write
// straight into their slice instead: each input's allocation becomes a view
// of the result at its offset, and the concat disappears.
//
//===----------------------------------------------------------------------===//
#include "passes/BufferLiveness.h"
#include "passes/Passes.h"

#include "dialects/Utils/ShapeHelpers.h"

namespace mote {
#define GEN_PASS_DEF_MOTECONCATINPLACE
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// The buffer a concat result goes to: a fresh allocation or a caller's
/// output, written by nothing before the concat.
bool isFreshDestination(ConcatOp concat) {
  Value out = concat.getOut();
  if (!out.getDefiningOp<memref::AllocOp>() && !isa<BlockArgument>(out))
    return false;
  return llvm::all_of(out.getUsers(), [&](Operation *user) {
    return user == concat || concat->isBeforeInBlock(user);
  });
}

/// An input the concat reads last, held in an allocation of its own that
/// only ops before the concat use.
memref::AllocOp ownAllocation(Value input, ConcatOp concat) {
  auto alloc = input.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != concat->getBlock())
    return nullptr;
  for (Operation *user : alloc->getUsers())
    if (user != concat &&
        (user->getBlock() != concat->getBlock() || !user->isBeforeInBlock(concat)))
      return nullptr;
  return alloc;
}

/// The allocations of every input, if all of them can move into the result.
std::optional<SmallVector<memref::AllocOp>> movableInputs(ConcatOp concat) {
  ArrayRef<int64_t> outShape = shapeOf(concat.getOut());
  int64_t axis = concat.getAxis();
  if (shapeProduct(outShape.take_front(axis)) != 1 || !isFreshDestination(concat))
    return std::nullopt;
  SmallVector<memref::AllocOp> allocs;
  for (Value input : concat.getInputs()) {
    memref::AllocOp alloc = ownAllocation(input, concat);
    if (!alloc || llvm::is_contained(allocs, alloc))
      return std::nullopt;
    allocs.push_back(alloc);
  }
  return allocs;
}

/// Replaces `alloc` with a view of `out` at `offset` elements. The view goes
/// right before the first user, so that the result's live range starts where
/// the first input is written, not earlier.
void moveIntoResult(memref::AllocOp alloc, Value out, int64_t offset) {
  Operation *firstUser = nullptr;
  for (Operation *user : alloc->getUsers())
    if (!firstUser || user->isBeforeInBlock(firstUser))
      firstUser = user;
  OpBuilder b(firstUser);
  ArrayRef<int64_t> shape = alloc.getType().getShape();
  SmallVector<int64_t> strides = stridesOf(shape);
  auto type = MemRefType::get(
      shape, alloc.getType().getElementType(),
      StridedLayoutAttr::get(b.getContext(), offset, strides));
  Value view = memref::ReinterpretCastOp::create(b, alloc.getLoc(), type, out,
                                                 offset, shape, strides);
  alloc.replaceAllUsesWith(view);
  alloc.erase();
}

bool concatInPlace(ConcatOp concat) {
  std::optional<SmallVector<memref::AllocOp>> allocs = movableInputs(concat);
  if (!allocs)
    return false;
  Value out = concat.getOut();
  // The result's buffer must exist before the first input is written.
  if (auto outAlloc = out.getDefiningOp<memref::AllocOp>())
    for (memref::AllocOp alloc : *allocs)
      if (alloc->isBeforeInBlock(outAlloc))
        outAlloc->moveBefore(alloc);
  int64_t offset = 0;
  for (auto [alloc, input] : llvm::zip(*allocs, concat.getInputs())) {
    int64_t elements = shapeProduct(shapeOf(input));
    moveIntoResult(alloc, out, offset);
    offset += elements;
  }
  concat.erase();
  return true;
}

struct MoteConcatInPlacePass
    : public mote::impl::MoteConcatInPlaceBase<MoteConcatInPlacePass> {
  void runOnOperation() override {
    SmallVector<ConcatOp> concats;
    getOperation().walk([&](ConcatOp concat) {
      if (isa<MemRefType>(concat.getOut().getType()))
        concats.push_back(concat);
    });
    for (ConcatOp concat : concats)
      numInPlace += concatInPlace(concat);
  }
};
} // namespace

//===- InPlaceConv.cpp - convolutions that write over their input ---------===//
//
// In a chain CNN the arena peaks where a convolution's input and output are
// both live: a pointwise expansion holds C*P + M*P values. A depthwise or
// pointwise convolution can instead write its result over its input (see
// mote.conv2d_in_place), so that the arena holds max(C, M)*P values and a
// small scratch.
//
// The two buffers stay separate allocations, tied to one offset for
// mote-plan-memory (so that the larger one's tail is free again once the
// smaller is all that is live). Running in place costs a copy per block and
// the scratch, so it is done only where it lowers the memory profile. The pass decides on the live ranges the
// planner will see: a candidate is accepted when the per-step live bytes,
// sorted from the largest, become lexicographically smaller, i.e. the peak
// drops, or stays and the next highest step drops. Candidates are visited in
// program order, so that a chain of in-place kernels can form (a depthwise in
// place lets the following pointwise expansion share its buffer too).
//
//===----------------------------------------------------------------------===//
#include "passes/BufferLiveness.h"
#include "passes/Passes.h"

#include "dialects/Utils/ShapeHelpers.h"


namespace mote {
#define GEN_PASS_DEF_MOTEINPLACECONV
#include "passes/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;

namespace {

/// The pointwise kernel copies this many pixels (times the input channels)
/// into its scratch at a time: enough for the inner loop to vectorize, small
/// next to the tensors it saves.
constexpr int64_t kPixelBlock = 32;
constexpr int64_t kAlignment = 16;

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

int64_t alignedBytes(int64_t bytes) {
  return (bytes + kAlignment - 1) / kAlignment * kAlignment;
}

/// The scratch, in floats, that `conv` needs to run in place, or 0 when its
/// kernel cannot.
int64_t inPlaceScratch(Conv2DOp conv) {
  ArrayRef<int64_t> x = shapeOf(conv.getInput()), w = shapeOf(conv.getFilter()),
                    y = shapeOf(conv.getOut());
  if (x[0] != 1 || conv.getWeightSparsity() ||
      !cast<ShapedType>(conv.getInput().getType()).getElementType().isF32())
    return 0;
  int64_t inPlane = x[2] * x[3], outPlane = y[2] * y[3];
  if (static_cast<int64_t>(conv.getGroup()) == x[1] && y[1] == x[1])
    return outPlane <= inPlane ? outPlane : 0;
  bool pointwise = conv.getGroup() == 1 && w[2] == 1 && w[3] == 1 &&
                   llvm::all_of(conv.getStrides(), [](int64_t s) { return s == 1; }) &&
                   llvm::all_of(conv.getPads(), [](int64_t p) { return p == 0; });
  return pointwise ? x[1] * std::min(inPlane, kPixelBlock) : 0;
}

/// Live bytes per step, largest first: the planner's arena is driven by the
/// first entry, and a tie there is broken by the next.
SmallVector<int64_t> sortedProfile(ArrayRef<BufferRequest> requests) {
  SmallVector<BufferRequest> aligned(requests);
  for (BufferRequest &r : aligned)
    r.bytes = alignedBytes(r.bytes);
  SmallVector<int64_t> live = liveBytesPerStep(aligned);
  llvm::sort(live, std::greater<int64_t>());
  return live;
}

void rewriteInPlace(Conv2DOp conv, int64_t scratchFloats) {
  OpBuilder b(conv);
  auto scratchType = MemRefType::get({scratchFloats}, b.getF32Type());
  Value scratch = memref::AllocOp::create(b, conv.getLoc(), scratchType);
  Conv2DInPlaceOp::create(
      b, conv.getLoc(), TypeRange{}, conv.getInput(), conv.getFilter(),
      conv.getBias(), scratch, conv.getOut(), conv.getStridesAttr(),
      conv.getPadsAttr(), conv.getDilationsAttr(), conv.getGroupAttr(),
      conv.getActAttr(), conv.getActAlphaAttr(), conv.getActBetaAttr());
  conv.erase();
}

/// A buffer `value` covers from its first byte: the allocation itself or a
/// view of all of it at offset 0.
std::optional<unsigned> wholeBuffer(Value value,
                                    const DenseMap<Operation *, unsigned> &index) {
  memref::AllocOp alloc = rootAllocation(value);
  if (!alloc || value != alloc.getResult())
    return std::nullopt;
  return index.lookup(alloc);
}

/// A convolution that can run in place, and the buffers it would tie.
struct Candidate {
  Conv2DOp conv;
  unsigned in, out; // indices of the buffers
  int64_t step;
  int64_t scratchFloats;
};

/// The convolutions whose kernel can run in place, whose input dies at them
/// (nothing reads it after the kernel overwrote it) and whose output is born
/// at them (its buffer holds nothing before).
SmallVector<Candidate> findCandidates(func::FuncOp func,
                                      ArrayRef<LiveBuffer> buffers,
                                      const DenseMap<Operation *, int64_t> &position) {
  DenseMap<Operation *, unsigned> index;
  for (auto [i, buffer] : llvm::enumerate(buffers))
    index[buffer.alloc] = i;
  SmallVector<Candidate> candidates;
  for (Operation &op : func.getBody().front()) {
    auto conv = dyn_cast<Conv2DOp>(op);
    if (!conv || !isa<MemRefType>(conv.getOut().getType()))
      continue;
    int64_t scratchFloats = inPlaceScratch(conv);
    std::optional<unsigned> in = wholeBuffer(conv.getInput(), index);
    std::optional<unsigned> out = wholeBuffer(conv.getOut(), index);
    int64_t step = position.lookup(conv);
    if (scratchFloats && in && out && *in != *out &&
        buffers[*in].lastUse == step && buffers[*out].firstUse == step)
      candidates.push_back({conv, *in, *out, step, scratchFloats});
  }
  return candidates;
}

/// The requests mote-plan-memory will see when `inPlace` run in place: the
/// buffers of each tied to one offset (see mote.conv2d_in_place), and a
/// scratch buffer live during it.
SmallVector<BufferRequest> requestsWith(ArrayRef<LiveBuffer> buffers,
                                        ArrayRef<Candidate> inPlace) {
  SmallVector<BufferRequest> requests;
  for (const LiveBuffer &buffer : buffers)
    requests.push_back(buffer.request());
  for (const Candidate &c : inPlace) {
    requests[c.out].sameOffsetAs = c.in;
    requests.push_back({c.scratchFloats * 4, c.step, c.step});
  }
  return requests;
}

/// Greedy in program order, accepting what makes the sorted profile smaller
/// (so that a chain can form even when its first link alone does not lower
/// the peak), then dropping, last first, every choice the peak does not need:
/// a kernel runs in place only where that lowers the arena.
SmallVector<Candidate> chooseInPlace(ArrayRef<LiveBuffer> buffers,
                                     ArrayRef<Candidate> candidates) {
  SmallVector<Candidate> chosen;
  SmallVector<int64_t> profile = sortedProfile(requestsWith(buffers, chosen));
  for (const Candidate &c : candidates) {
    chosen.push_back(c);
    SmallVector<int64_t> trial = sortedProfile(requestsWith(buffers, chosen));
    if (std::lexicographical_compare(trial.begin(), trial.end(), profile.begin(),
                                     profile.end()))
      profile = std::move(trial);
    else
      chosen.pop_back();
  }
  auto peakOf = [&](ArrayRef<Candidate> inPlace) {
    SmallVector<int64_t> live = sortedProfile(requestsWith(buffers, inPlace));
    return live.empty() ? 0 : live.front();
  };
  int64_t peak = peakOf(chosen);
  for (size_t i = chosen.size(); i-- > 0;) {
    SmallVector<Candidate> without(chosen);
    without.erase(without.begin() + i);
    if (peakOf(without) <= peak)
      chosen = std::move(without);
  }
  return chosen;
}

struct MoteInPlaceConvPass
    : public mote::impl::MoteInPlaceConvBase<MoteInPlaceConvPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    DenseMap<Operation *, int64_t> position = schedulePositions(func);
    FailureOr<SmallVector<LiveBuffer>> collected = collectLiveBuffers(func, position);
    if (failed(collected))
      return signalPassFailure();
    ArrayRef<LiveBuffer> buffers = *collected;
    SmallVector<Candidate> candidates = findCandidates(func, buffers, position);
    SmallVector<Candidate> chosen = chooseInPlace(buffers, candidates);
    for (const Candidate &c : chosen)
      rewriteInPlace(c.conv, c.scratchFloats);
    numInPlace += chosen.size();
  }
};
} // namespace

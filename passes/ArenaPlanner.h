//===- ArenaPlanner.h - offsets for buffers with known lifetimes -*- C++ -*-===//
//
// The arithmetic of memory planning, kept free of MLIR so that it can be
// tested on its own: given each buffer's size and the steps during which it
// holds data, place every buffer at an offset of one arena so that no two
// buffers live at the same time overlap, and make the arena small.
//
// Several strategies run and the smallest plan wins; for small graphs an
// exhaustive search either finds a better plan or proves the best one optimal.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_PASSES_ARENAPLANNER_H
#define MOTE_PASSES_ARENAPLANNER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <string>

namespace mote {

/// One buffer: `bytes` of memory holding data from step `first` to step
/// `last`, both included.
struct BufferRequest {
  int64_t bytes = 0;
  int64_t first = 0, last = 0;
  /// The index of a request that must get the same offset as this one, or -1.
  /// The two may then overlap where both are live: an in-place kernel reads
  /// one and writes the other from the same address. Requests tied this way
  /// (transitively) are placed as one item.
  int64_t sameOffsetAs = -1;
  bool overlapsInTime(const BufferRequest &other) const {
    return first <= other.last && other.first <= last;
  }
};

struct ArenaPlan {
  llvm::SmallVector<int64_t> offsets; // one per request
  int64_t arenaBytes = 0;
  std::string strategy;               // the strategy that produced the plan
  bool provedOptimal = false;         // no packing for this schedule is smaller
};

struct PlannerOptions {
  /// Every offset and size is a multiple of this (a power of two).
  int64_t alignment = 16;
  /// The exhaustive search runs up to this many buffers...
  int64_t exactMaxBuffers = 14;
  /// ...and gives up (keeping the best plan found) after this many nodes.
  int64_t exactNodeBudget = 200000;
  /// First fit is retried up to this many times with randomized (seeded,
  /// deterministic) orders while the plan is above the live-bytes bound.
  int64_t randomRestarts = 64;
};

/// The bytes live at each step, from step 0 to the last one: the sum over the
/// items (requests tied to one offset) of the largest member live then.
llvm::SmallVector<int64_t> liveBytesPerStep(llvm::ArrayRef<BufferRequest> requests);

/// The first step at which the most bytes are live, and that many bytes.
struct LivePeak {
  int64_t step = 0, bytes = 0;
};
LivePeak livePeak(llvm::ArrayRef<BufferRequest> requests);

/// The largest total size of buffers live at one step (sizes aligned): no
/// plan is smaller.
int64_t liveBytesLowerBound(llvm::ArrayRef<BufferRequest> requests,
                            int64_t alignment);

/// Places buffers in `order`, each at the lowest aligned offset that overlaps
/// no placed buffer live at the same time (first fit); a buffer tied to
/// others is placed with them, when the first of them comes in the order.
ArenaPlan firstFit(llvm::ArrayRef<BufferRequest> requests,
                   llvm::ArrayRef<size_t> order, int64_t alignment);

/// Runs the strategies (first fit by decreasing size, by decreasing conflict
/// weight, by first use, randomized restarts; exhaustive search when small)
/// and returns the smallest plan. Deterministic: ties keep the earlier strategy.
ArenaPlan planArena(llvm::ArrayRef<BufferRequest> requests,
                    const PlannerOptions &options = {});

/// True if no two buffers live at the same time overlap in the arena (except
/// tied ones, which must have the same offset) and every buffer lies inside
/// it (a checker independent of the strategies).
bool isValidPlan(llvm::ArrayRef<BufferRequest> requests, const ArenaPlan &plan);

} // namespace mote

#endif // MOTE_PASSES_ARENAPLANNER_H

//===- ArenaPlanner.cpp - offsets for buffers with known lifetimes --------===//
#include "passes/ArenaPlanner.h"

#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <numeric>
#include <tuple>

namespace mote {
namespace {

int64_t alignUp(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

llvm::SmallVector<BufferRequest> aligned(llvm::ArrayRef<BufferRequest> requests,
                                         int64_t alignment) {
  llvm::SmallVector<BufferRequest> out(requests.begin(), requests.end());
  for (BufferRequest &r : out)
    r.bytes = alignUp(r.bytes, alignment);
  return out;
}

/// Orders indices by a key, largest first; ties by first use, then index,
/// so that every strategy is deterministic.
template <typename Key>
llvm::SmallVector<size_t> orderBy(llvm::ArrayRef<BufferRequest> requests, Key key) {
  llvm::SmallVector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  llvm::sort(order, [&](size_t a, size_t b) {
    return std::make_tuple(-key(a), requests[a].first, a) <
           std::make_tuple(-key(b), requests[b].first, b);
  });
  return order;
}

/// Exhaustive search over placement orders. In some optimal packing every
/// buffer rests at 0 or on top of a buffer live at the same time (drop each
/// buffer as low as it goes); placing buffers in the order of their offsets
/// in that packing puts each exactly on the highest top among the placed
/// buffers it conflicts with. Trying every order therefore finds an optimal
/// packing; bounds prune most of them.
class ExactSearch {
public:
  ExactSearch(llvm::ArrayRef<BufferRequest> requests, int64_t lowerBound,
              int64_t budget)
      : requests(requests), lowerBound(lowerBound), budget(budget),
        offsets(requests.size(), -1) {}

  /// Improves on `best` if it can; returns true if the search completed
  /// (then `best` is optimal).
  bool run(ArenaPlan &best) {
    bestBytes = best.arenaBytes;
    bestOffsets = best.offsets;
    bool complete = search(0, 0);
    if (bestBytes < best.arenaBytes) {
      best.arenaBytes = bestBytes;
      best.offsets = bestOffsets;
      best.strategy = "exact search";
    }
    return complete;
  }

private:
  /// The offset `i` would get now: the highest top of the placed buffers it
  /// conflicts with.
  int64_t restingOffset(size_t i) const {
    int64_t offset = 0;
    for (size_t j = 0; j < requests.size(); ++j)
      if (offsets[j] >= 0 && requests[i].overlapsInTime(requests[j]))
        offset = std::max(offset, offsets[j] + requests[j].bytes);
    return offset;
  }

  bool search(size_t placed, int64_t top) {
    if (--budget < 0)
      return false;
    if (placed == requests.size()) {
      if (top < bestBytes) {
        bestBytes = top;
        bestOffsets.assign(offsets.begin(), offsets.end());
      }
      return true;
    }
    // Every unplaced buffer will sit at least as high as it would now.
    int64_t bound = std::max(top, lowerBound);
    for (size_t i = 0; i < requests.size(); ++i)
      if (offsets[i] < 0)
        bound = std::max(bound, restingOffset(i) + requests[i].bytes);
    if (bound >= bestBytes)
      return true;
    for (size_t i = 0; i < requests.size(); ++i) {
      if (offsets[i] >= 0)
        continue;
      offsets[i] = restingOffset(i);
      bool complete = search(placed + 1, std::max(top, offsets[i] + requests[i].bytes));
      offsets[i] = -1;
      if (!complete)
        return false;
      if (bestBytes == lowerBound)
        return true; // cannot do better
    }
    return true;
  }

  llvm::ArrayRef<BufferRequest> requests;
  int64_t lowerBound;
  int64_t budget;
  llvm::SmallVector<int64_t> offsets;
  int64_t bestBytes = 0;
  llvm::SmallVector<int64_t> bestOffsets;
};
} // namespace

LivePeak livePeak(llvm::ArrayRef<BufferRequest> requests) {
  // The live total only grows where a buffer starts, so the first step of
  // the peak is some buffer's first step.
  LivePeak peak;
  bool found = false;
  for (const BufferRequest &r : requests) {
    int64_t live = 0;
    for (const BufferRequest &other : requests)
      if (other.first <= r.first && r.first <= other.last)
        live += other.bytes;
    if (!found || live > peak.bytes ||
        (live == peak.bytes && r.first < peak.step))
      peak = {r.first, live};
    found = true;
  }
  return peak;
}

int64_t liveBytesLowerBound(llvm::ArrayRef<BufferRequest> requests,
                            int64_t alignment) {
  return livePeak(aligned(requests, alignment)).bytes;
}

ArenaPlan firstFit(llvm::ArrayRef<BufferRequest> rawRequests,
                   llvm::ArrayRef<size_t> order, int64_t alignment) {
  llvm::SmallVector<BufferRequest> requests = aligned(rawRequests, alignment);
  ArenaPlan plan;
  plan.offsets.assign(requests.size(), 0);
  llvm::SmallVector<size_t> placed;
  for (size_t i : order) {
    llvm::SmallVector<std::pair<int64_t, int64_t>> busy;
    for (size_t j : placed)
      if (requests[i].overlapsInTime(requests[j]))
        busy.push_back({plan.offsets[j], plan.offsets[j] + requests[j].bytes});
    llvm::sort(busy);
    int64_t offset = 0;
    for (auto [begin, end] : busy) {
      if (offset + requests[i].bytes <= begin)
        break;
      offset = std::max(offset, end);
    }
    plan.offsets[i] = offset;
    plan.arenaBytes = std::max(plan.arenaBytes, offset + requests[i].bytes);
    placed.push_back(i);
  }
  return plan;
}

ArenaPlan planArena(llvm::ArrayRef<BufferRequest> rawRequests,
                    const PlannerOptions &options) {
  llvm::SmallVector<BufferRequest> requests = aligned(rawRequests, options.alignment);
  int64_t lowerBound = liveBytesLowerBound(requests, options.alignment);

  // Conflict weight: the bytes of every buffer live at the same time; the
  // most constrained buffers are placed first.
  auto conflictWeight = [&](size_t i) {
    int64_t weight = requests[i].bytes;
    for (const BufferRequest &other : requests)
      if (&other != &requests[i] && requests[i].overlapsInTime(other))
        weight += other.bytes;
    return weight;
  };
  std::pair<const char *, llvm::SmallVector<size_t>> strategies[] = {
      {"first fit by size", orderBy(requests, [&](size_t i) { return requests[i].bytes; })},
      {"first fit by conflicts", orderBy(requests, conflictWeight)},
      {"first fit by first use",
       orderBy(requests, [&](size_t i) { return -requests[i].first; })},
  };
  ArenaPlan best;
  for (auto &[name, order] : strategies) {
    ArenaPlan plan = firstFit(requests, order, options.alignment);
    if (best.strategy.empty() || plan.arenaBytes < best.arenaBytes) {
      best = std::move(plan);
      best.strategy = name;
    }
  }
  best.provedOptimal = best.arenaBytes == lowerBound;
  if (!best.provedOptimal &&
      (int64_t)requests.size() <= options.exactMaxBuffers) {
    ExactSearch search(requests, lowerBound, options.exactNodeBudget);
    best.provedOptimal = search.run(best);
  }
  return best;
}

bool isValidPlan(llvm::ArrayRef<BufferRequest> requests, const ArenaPlan &plan) {
  if (plan.offsets.size() != requests.size())
    return false;
  for (size_t i = 0; i < requests.size(); ++i) {
    int64_t begin = plan.offsets[i], end = begin + requests[i].bytes;
    if (begin < 0 || end > plan.arenaBytes)
      return false;
    for (size_t j = i + 1; j < requests.size(); ++j) {
      int64_t otherBegin = plan.offsets[j], otherEnd = otherBegin + requests[j].bytes;
      bool overlapInSpace = begin < otherEnd && otherBegin < end &&
                            requests[i].bytes > 0 && requests[j].bytes > 0;
      if (overlapInSpace && requests[i].overlapsInTime(requests[j]))
        return false;
    }
  }
  return true;
}

} // namespace mote

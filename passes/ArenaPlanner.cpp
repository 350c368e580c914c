//===- ArenaPlanner.cpp - offsets for buffers with known lifetimes --------===//
#include "passes/ArenaPlanner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"
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

/// Requests tied to one offset (BufferRequest::sameOffsetAs), placed as one
/// item. Most items have one member.
struct Items {
  llvm::SmallVector<llvm::SmallVector<size_t, 2>> members; // by lowest member
  llvm::SmallVector<size_t> itemOf;                          // per request

  explicit Items(llvm::ArrayRef<BufferRequest> requests) {
    size_t n = requests.size();
    llvm::SmallVector<size_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](size_t i) {
      while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
      return i;
    };
    for (size_t i = 0; i < n; ++i) {
      int64_t other = requests[i].sameOffsetAs;
      if (other >= 0 && other < (int64_t)n)
        parent[find(i)] = find(other);
    }
    itemOf.assign(n, 0);
    llvm::SmallVector<int64_t> itemOfRoot(n, -1);
    for (size_t i = 0; i < n; ++i) {
      size_t root = find(i);
      if (itemOfRoot[root] < 0) {
        itemOfRoot[root] = members.size();
        members.emplace_back();
      }
      itemOf[i] = itemOfRoot[root];
      members[itemOf[i]].push_back(i);
    }
  }

  size_t size() const { return members.size(); }
};

/// The offsets an item may not take because of placed item `other` at
/// `otherOffset`: for each pair of members live at the same time, member m
/// overlaps member q exactly when the item's offset is in (begin, end).
void forbiddenOffsets(llvm::ArrayRef<BufferRequest> requests, const Items &items,
                      size_t item, size_t other, int64_t otherOffset,
                      llvm::SmallVectorImpl<std::pair<int64_t, int64_t>> &out) {
  for (size_t m : items.members[item])
    for (size_t q : items.members[other])
      if (requests[m].overlapsInTime(requests[q]))
        out.push_back({otherOffset - requests[m].bytes, otherOffset + requests[q].bytes});
}

int64_t itemBytes(llvm::ArrayRef<BufferRequest> requests, const Items &items,
                  size_t item) {
  int64_t bytes = 0;
  for (size_t m : items.members[item])
    bytes = std::max(bytes, requests[m].bytes);
  return bytes;
}

/// The lowest offset >= 0 outside every open interval of `forbidden`.
int64_t lowestFreeOffset(llvm::SmallVectorImpl<std::pair<int64_t, int64_t>> &forbidden) {
  llvm::sort(forbidden);
  int64_t offset = 0;
  for (auto [begin, end] : forbidden) {
    if (offset <= begin)
      break;
    offset = std::max(offset, end);
  }
  return offset;
}

/// A tiny deterministic generator: the same sequence on every platform, so
/// that the plan (and the emitted file) is too, unlike std::shuffle's.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

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

/// Exhaustive search over placement orders of the items. In some optimal
/// packing every item rests at 0 or on top of a buffer live at the same time
/// as one of its members (drop each item as low as it goes); placing items in
/// the order of their offsets in that packing puts each exactly on the
/// highest such top among the placed items. Trying every order therefore
/// finds an optimal packing; bounds prune most of them.
class ExactSearch {
public:
  ExactSearch(llvm::ArrayRef<BufferRequest> requests, int64_t lowerBound,
              int64_t budget)
      : requests(requests), items(requests), lowerBound(lowerBound),
        budget(budget), offsets(items.size(), -1) {}

  /// Improves on `best` if it can; returns true if the search completed
  /// (then `best` is optimal).
  bool run(ArenaPlan &best) {
    bestBytes = best.arenaBytes;
    bool complete = search(0, 0);
    if (bestBytes < best.arenaBytes) {
      best.arenaBytes = bestBytes;
      for (size_t i = 0; i < requests.size(); ++i)
        best.offsets[i] = bestOffsets[items.itemOf[i]];
      best.strategy = "exact search";
    }
    return complete;
  }

private:
  /// The offset item `i` would get now: the highest top of the placed
  /// buffers its members conflict with.
  int64_t restingOffset(size_t i) const {
    int64_t offset = 0;
    for (size_t j = 0; j < items.size(); ++j) {
      if (offsets[j] < 0)
        continue;
      for (size_t m : items.members[i])
        for (size_t q : items.members[j])
          if (requests[m].overlapsInTime(requests[q]))
            offset = std::max(offset, offsets[j] + requests[q].bytes);
    }
    return offset;
  }

  bool search(size_t placed, int64_t top) {
    if (--budget < 0)
      return false;
    if (placed == items.size()) {
      if (top < bestBytes) {
        bestBytes = top;
        bestOffsets.assign(offsets.begin(), offsets.end());
      }
      return true;
    }
    // Every unplaced item will sit at least as high as it would now.
    int64_t bound = std::max(top, lowerBound);
    for (size_t i = 0; i < items.size(); ++i)
      if (offsets[i] < 0)
        bound = std::max(bound, restingOffset(i) + itemBytes(requests, items, i));
    if (bound >= bestBytes)
      return true;
    for (size_t i = 0; i < items.size(); ++i) {
      if (offsets[i] >= 0)
        continue;
      offsets[i] = restingOffset(i);
      bool complete = search(
          placed + 1, std::max(top, offsets[i] + itemBytes(requests, items, i)));
      offsets[i] = -1;
      if (!complete)
        return false;
      if (bestBytes == lowerBound)
        return true; // cannot do better
    }
    return true;
  }

  llvm::ArrayRef<BufferRequest> requests;
  Items items;
  int64_t lowerBound;
  int64_t budget;
  llvm::SmallVector<int64_t> offsets; // per item
  int64_t bestBytes = 0;
  llvm::SmallVector<int64_t> bestOffsets;
};
} // namespace

llvm::SmallVector<int64_t> liveBytesPerStep(llvm::ArrayRef<BufferRequest> requests) {
  int64_t steps = 0;
  for (const BufferRequest &r : requests)
    steps = std::max(steps, r.last + 1);
  // Single buffers through a difference array; tied ones step by step, as
  // the largest member live at each step.
  llvm::SmallVector<int64_t> delta(steps + 1, 0), live(steps, 0);
  Items items(requests);
  for (const auto &members : items.members) {
    if (members.size() == 1) {
      const BufferRequest &r = requests[members.front()];
      delta[r.first] += r.bytes;
      delta[r.last + 1] -= r.bytes;
      continue;
    }
    int64_t begin = steps, end = 0;
    for (size_t m : members) {
      begin = std::min(begin, requests[m].first);
      end = std::max(end, requests[m].last + 1);
    }
    llvm::SmallVector<int64_t> largest(end - begin, 0);
    for (size_t m : members)
      for (int64_t s = requests[m].first; s <= requests[m].last; ++s)
        largest[s - begin] = std::max(largest[s - begin], requests[m].bytes);
    for (int64_t s = begin; s < end; ++s)
      live[s] += largest[s - begin];
  }
  int64_t running = 0;
  for (int64_t s = 0; s < steps; ++s)
    live[s] += running += delta[s];
  return live;
}

LivePeak livePeak(llvm::ArrayRef<BufferRequest> requests) {
  llvm::SmallVector<int64_t> live = liveBytesPerStep(requests);
  LivePeak peak;
  for (auto [step, bytes] : llvm::enumerate(live))
    if (bytes > peak.bytes)
      peak = {(int64_t)step, bytes};
  return peak;
}

int64_t liveBytesLowerBound(llvm::ArrayRef<BufferRequest> requests,
                            int64_t alignment) {
  return livePeak(aligned(requests, alignment)).bytes;
}

ArenaPlan firstFit(llvm::ArrayRef<BufferRequest> rawRequests,
                   llvm::ArrayRef<size_t> order, int64_t alignment) {
  llvm::SmallVector<BufferRequest> requests = aligned(rawRequests, alignment);
  Items items(requests);
  ArenaPlan plan;
  plan.offsets.assign(requests.size(), 0);
  llvm::SmallVector<int64_t> itemOffset(items.size(), -1);
  llvm::SmallVector<size_t> placed;
  for (size_t request : order) {
    size_t item = items.itemOf[request];
    if (itemOffset[item] >= 0)
      continue;
    llvm::SmallVector<std::pair<int64_t, int64_t>> forbidden;
    for (size_t other : placed)
      forbiddenOffsets(requests, items, item, other, itemOffset[other], forbidden);
    int64_t offset = lowestFreeOffset(forbidden);
    itemOffset[item] = offset;
    for (size_t m : items.members[item])
      plan.offsets[m] = offset;
    plan.arenaBytes = std::max(plan.arenaBytes, offset + itemBytes(requests, items, item));
    placed.push_back(item);
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
  auto consider = [&](llvm::ArrayRef<size_t> order, const std::string &name) {
    ArenaPlan plan = firstFit(requests, order, options.alignment);
    if (best.strategy.empty() || plan.arenaBytes < best.arenaBytes) {
      best = std::move(plan);
      best.strategy = name;
    }
  };
  for (auto &[name, order] : strategies)
    consider(order, name);
  // First fit can paint itself into a corner on long chains (a buffer put
  // low blocks a pair that would have stacked); restarts with random ties
  // between buffers of about the same size (same power of two) often find
  // the live-bytes bound. The work per restart is quadratic in the buffers.
  int64_t n = requests.size();
  int64_t restarts = std::min<int64_t>(options.randomRestarts,
                                       20000000 / (n * n + 1));
  for (int64_t round = 1; round <= restarts && best.arenaBytes > lowerBound; ++round) {
    SplitMix64 random{static_cast<uint64_t>(round)};
    llvm::SmallVector<uint64_t> noise(n);
    for (uint64_t &value : noise)
      value = random.next();
    llvm::SmallVector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    llvm::sort(order, [&](size_t a, size_t b) {
      return std::make_tuple(-llvm::Log2_64(requests[a].bytes | 1), noise[a], a) <
             std::make_tuple(-llvm::Log2_64(requests[b].bytes | 1), noise[b], b);
    });
    consider(order, "first fit by size, restart " + std::to_string(round));
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
  Items items(requests);
  for (size_t i = 0; i < requests.size(); ++i) {
    int64_t begin = plan.offsets[i], end = begin + requests[i].bytes;
    if (begin < 0 || end > plan.arenaBytes)
      return false;
    for (size_t j = i + 1; j < requests.size(); ++j) {
      if (items.itemOf[i] == items.itemOf[j]) {
        if (plan.offsets[i] != plan.offsets[j])
          return false;
        continue;
      }
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

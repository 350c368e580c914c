//===- Scheduler.cpp - an op order that keeps live memory low -------------===//
//
// A dynamic program over the sets of nodes that have run, one layer per set
// size: the state for a set keeps the lowest peak of any order reaching it,
// and its children add one ready node each. When a layer holds more states
// than the cap, the cheapest survive (a beam search); a search that never
// had to drop a state has seen every order and its result is optimal.
//
//===----------------------------------------------------------------------===//
#include "passes/Scheduler.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/bit.h"
#include <algorithm>
#include <cassert>
#include <numeric>
#include <tuple>
#include <vector>

namespace mote {
namespace {

using Word = uint64_t;
constexpr unsigned kWordBits = 64;

bool contains(const Word *set, unsigned node) {
  return (set[node / kWordBits] >> (node % kWordBits)) & 1;
}
void insert(Word *set, unsigned node) {
  set[node / kWordBits] |= Word(1) << (node % kWordBits);
}
void erase(Word *set, unsigned node) {
  set[node / kWordBits] &= ~(Word(1) << (node % kWordBits));
}

/// Calls `fn` on every node of `set`, in increasing order.
template <typename Fn>
void forEachNode(const Word *set, unsigned words, Fn fn) {
  for (unsigned i = 0; i < words; ++i)
    for (Word bits = set[i]; bits; bits &= bits - 1)
      fn(i * kWordBits + llvm::countr_zero(bits));
}

/// The nodes seen from the buffers: who uses each buffer, who follows each
/// node, and how many bytes are live after a set has run.
class MemoryModel {
public:
  explicit MemoryModel(llvm::ArrayRef<ScheduleNode> nodes) : nodes(nodes) {
    users.resize(nodes.size());
    successors.resize(nodes.size());
    buffersUsed.resize(nodes.size());
    for (auto [node, info] : llvm::enumerate(nodes)) {
      for (unsigned buffer : uniqued(info.uses))
        if (buffer != node && nodes[buffer].allocBytes > 0) {
          users[buffer].push_back(node);
          buffersUsed[node].push_back(buffer);
        }
      for (unsigned dep : uniqued(info.deps))
        successors[dep].push_back(node);
    }
  }

  size_t size() const { return nodes.size(); }
  /// Words of a bitset over the nodes (one at least, so that every set has
  /// an address).
  unsigned words() const {
    return std::max<size_t>(1, (nodes.size() + kWordBits - 1) / kWordBits);
  }
  int64_t allocBytes(unsigned node) const { return nodes[node].allocBytes; }
  llvm::ArrayRef<unsigned> successorsOf(unsigned node) const { return successors[node]; }

  bool isReady(const Word *set, unsigned node) const {
    return llvm::all_of(nodes[node].deps,
                        [&](unsigned dep) { return contains(set, dep); });
  }

  /// The bytes live once `node` has run, given `set` (which includes `node`)
  /// and the bytes live before it. `node` adds its buffer unless nothing
  /// will read it; it frees each buffer it was the last to use.
  int64_t liveAfter(const Word *set, int64_t liveBefore, unsigned node) const {
    const ScheduleNode &info = nodes[node];
    int64_t live = liveBefore;
    if (info.liveOut || !users[node].empty())
      live += info.allocBytes;
    for (unsigned buffer : buffersUsed[node])
      if (!nodes[buffer].liveOut &&
          llvm::all_of(users[buffer], [&](unsigned user) { return contains(set, user); }))
        live -= nodes[buffer].allocBytes;
    return live;
  }

  /// Bytes of each distinct buffer `node` uses, besides its own.
  int64_t inputBytes(unsigned node) const {
    int64_t bytes = 0;
    for (unsigned buffer : buffersUsed[node])
      bytes += nodes[buffer].allocBytes;
    return bytes;
  }

private:
  static llvm::SmallVector<unsigned> uniqued(llvm::ArrayRef<unsigned> list) {
    llvm::SmallVector<unsigned> out(list.begin(), list.end());
    llvm::sort(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  llvm::ArrayRef<ScheduleNode> nodes;
  llvm::SmallVector<llvm::SmallVector<unsigned>> users, successors, buffersUsed;
};

/// One layer of the search: the states whose sets have the same size, each
/// with its set and ready nodes (bitsets), its lowest peak so far, the bytes
/// live after it, and how it was reached.
class Layer {
public:
  explicit Layer(unsigned words) : words(words) {}

  size_t size() const { return peak.size(); }
  const Word *set(size_t state) const { return &sets[state * words]; }
  const Word *ready(size_t state) const { return &readies[state * words]; }

  /// How many states one more node run gives, before merging.
  size_t children() const {
    size_t count = 0;
    for (Word bits : readies)
      count += llvm::popcount(bits);
    return count;
  }

  /// The state holding `set`, or -1.
  int64_t find(const Word *set) const {
    auto it = byHash.find(hash(set));
    if (it == byHash.end())
      return -1;
    for (int64_t state = it->second; state >= 0; state = sameHash[state])
      if (std::equal(set, set + words, this->set(state)))
        return state;
    return -1;
  }

  void reserve(size_t states) {
    sets.reserve(states * words);
    readies.reserve(states * words);
    for (std::vector<int64_t> *column : {&peak, &live, &sameHash})
      column->reserve(states);
    parent.reserve(states);
    added.reserve(states);
    byHash.reserve(states);
  }

  void add(const Word *set, const Word *ready, int64_t peakBytes,
           int64_t liveBytes, unsigned parentState, unsigned node) {
    int64_t state = size();
    sets.insert(sets.end(), set, set + words);
    readies.insert(readies.end(), ready, ready + words);
    peak.push_back(peakBytes);
    live.push_back(liveBytes);
    parent.push_back(parentState);
    added.push_back(node);
    auto [it, inserted] = byHash.try_emplace(hash(set), state);
    sameHash.push_back(inserted ? -1 : it->second);
    it->second = state;
  }

  /// Keeps the `limit` states of lowest peak (then fewest live bytes, then
  /// first reached), in the order they were reached.
  void keepCheapest(size_t limit) {
    std::vector<unsigned> kept(size());
    std::iota(kept.begin(), kept.end(), 0);
    std::nth_element(kept.begin(), kept.begin() + limit, kept.end(),
                     [&](unsigned a, unsigned b) {
                       return std::make_tuple(peak[a], live[a], a) <
                              std::make_tuple(peak[b], live[b], b);
                     });
    kept.resize(limit);
    llvm::sort(kept);
    Layer pruned(words);
    for (unsigned state : kept)
      pruned.add(set(state), ready(state), peak[state], live[state],
                 parent[state], added[state]);
    *this = std::move(pruned);
  }

  std::vector<int64_t> peak, live;
  std::vector<unsigned> parent, added;

private:
  /// Any function of the set would do: it only finds candidates, which are
  /// then compared in full. The top bit is cleared because DenseMap reserves
  /// two keys there.
  uint64_t hash(const Word *set) const {
    uint64_t h = 0;
    for (unsigned i = 0; i < words; ++i) {
      h = (h ^ set[i]) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
    }
    return h >> 1;
  }

  unsigned words;
  std::vector<Word> sets, readies;
  llvm::DenseMap<uint64_t, int64_t> byHash; // latest state with this hash
  std::vector<int64_t> sameHash;            // the state before it with the same hash
};

/// Every dependence points back: without that some layer could run dry.
[[maybe_unused]] bool isFileOrderValid(llvm::ArrayRef<ScheduleNode> nodes) {
  for (unsigned node = 0; node < nodes.size(); ++node)
    if (!llvm::all_of(nodes[node].deps, [&](unsigned dep) { return dep < node; }))
      return false;
  return true;
}

Layer initialLayer(const MemoryModel &model) {
  Layer layer(model.words());
  std::vector<Word> empty(model.words(), 0), ready(model.words(), 0);
  for (unsigned node = 0; node < model.size(); ++node)
    if (model.isReady(empty.data(), node))
      insert(ready.data(), node);
  layer.add(empty.data(), ready.data(), 0, 0, 0, 0);
  return layer;
}

/// Every state of `layer` with one more ready node run, merged by set.
Layer expand(const MemoryModel &model, const Layer &layer) {
  unsigned words = model.words();
  Layer next(words);
  next.reserve(layer.children());
  std::vector<Word> set(words), ready(words);
  for (size_t state = 0; state < layer.size(); ++state) {
    forEachNode(layer.ready(state), words, [&](unsigned node) {
      std::copy_n(layer.set(state), words, set.begin());
      insert(set.data(), node);
      int64_t peak = std::max(layer.peak[state],
                              layer.live[state] + model.allocBytes(node));
      int64_t existing = next.find(set.data());
      if (existing >= 0) {
        // Ties keep the state reached first.
        if (peak < next.peak[existing]) {
          next.peak[existing] = peak;
          next.parent[existing] = state;
          next.added[existing] = node;
        }
        return;
      }
      std::copy_n(layer.ready(state), words, ready.begin());
      erase(ready.data(), node);
      for (unsigned successor : model.successorsOf(node))
        if (model.isReady(set.data(), successor))
          insert(ready.data(), successor);
      next.add(set.data(), ready.data(), peak,
               model.liveAfter(set.data(), layer.live[state], node), state, node);
    });
  }
  return next;
}

} // namespace

int64_t peakOfOrder(llvm::ArrayRef<ScheduleNode> nodes,
                    llvm::ArrayRef<unsigned> order) {
  MemoryModel model(nodes);
  std::vector<Word> set(model.words(), 0);
  int64_t live = 0, peak = 0;
  for (unsigned node : order) {
    peak = std::max(peak, live + model.allocBytes(node));
    insert(set.data(), node);
    live = model.liveAfter(set.data(), live, node);
  }
  return peak;
}

int64_t peakLowerBound(llvm::ArrayRef<ScheduleNode> nodes) {
  MemoryModel model(nodes);
  int64_t bound = 0, results = 0;
  for (unsigned node = 0; node < nodes.size(); ++node) {
    bound = std::max(bound, model.allocBytes(node) + model.inputBytes(node));
    if (nodes[node].liveOut)
      results += nodes[node].allocBytes;
  }
  return std::max(bound, results);
}

Schedule scheduleForPeakMemory(llvm::ArrayRef<ScheduleNode> nodes,
                               const SchedulerOptions &options) {
  assert(isFileOrderValid(nodes) && "a dependence points forward");
  MemoryModel model(nodes);
  Schedule schedule;
  schedule.order.resize(nodes.size());
  std::iota(schedule.order.begin(), schedule.order.end(), 0);
  schedule.filePeakBytes = peakOfOrder(nodes, schedule.order);
  schedule.peakBytes = schedule.filePeakBytes;

  // How each state of layer k + 1 was reached: from which state of layer k
  // (parents[k]), by running which node (added[k]).
  std::vector<std::vector<unsigned>> parents, added;
  size_t limit = std::max<int64_t>(options.maxStatesPerLayer, 1);
  Layer layer = initialLayer(model);
  bool truncated = false;
  for (size_t k = 0; k < nodes.size(); ++k) {
    layer = expand(model, layer);
    if (layer.size() > limit) {
      layer.keepCheapest(limit);
      truncated = true;
    }
    parents.push_back(layer.parent);
    added.push_back(layer.added);
  }

  // Only a strictly lower peak is worth moving ops for. The last layer
  // holds one state: every node has run.
  if (!nodes.empty() && layer.peak[0] < schedule.filePeakBytes) {
    schedule.peakBytes = layer.peak[0];
    unsigned state = 0;
    for (size_t k = nodes.size(); k-- > 0;) {
      schedule.order[k] = added[k][state];
      state = parents[k][state];
    }
  }
  schedule.provedOptimal =
      !truncated || schedule.peakBytes == peakLowerBound(nodes);
  return schedule;
}

} // namespace mote

// Property tests of the scheduler: on random DAGs the order it returns must
// be topological, its peak (recomputed by an evaluator written apart from
// the scheduler) must be the one reported and never above the file order's,
// and on small DAGs it must equal the best of every topological order.
#include "passes/Scheduler.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <set>

using namespace mote;
using Nodes = llvm::SmallVector<ScheduleNode>;
using Order = llvm::SmallVector<unsigned>;

namespace {

/// A random graph in file order. Each node reads one to three earlier nodes
/// and either creates a buffer or (one time in four) is a view or an
/// in-place op over its first input's buffer. Some nodes are results.
Nodes randomDag(std::mt19937 &rng, unsigned count) {
  Nodes nodes(count);
  llvm::SmallVector<unsigned> owner(count); // whose buffer holds node i's value
  for (unsigned i = 0; i < count; ++i) {
    ScheduleNode &node = nodes[i];
    owner[i] = i;
    for (unsigned k = 0, inputs = i ? 1 + rng() % 3 : 0; k < inputs; ++k)
      node.deps.push_back(rng() % i);
    for (unsigned dep : node.deps)
      node.uses.push_back(owner[dep]);
    if (!node.deps.empty() && rng() % 4 == 0)
      owner[i] = owner[node.deps[0]];
    else
      node.allocBytes = 16 * (1 + rng() % 8);
    if (rng() % 6 == 0)
      nodes[owner[i]].liveOut = true;
  }
  return nodes;
}

bool isTopological(const Nodes &nodes, const Order &order) {
  if (order.size() != nodes.size())
    return false;
  llvm::SmallVector<int> position(nodes.size(), -1);
  for (auto [step, node] : llvm::enumerate(order)) {
    if (node >= nodes.size() || position[node] >= 0)
      return false;
    position[node] = step;
  }
  for (unsigned node = 0; node < nodes.size(); ++node)
    for (unsigned dep : nodes[node].deps)
      if (position[dep] >= position[node])
        return false;
  return true;
}

/// The peak of `order` by direct simulation: before each step, sum every
/// buffer that has been created and still has a user to come (or is a
/// result); the step adds the buffer it creates.
int64_t simulatePeak(const Nodes &nodes, const Order &order) {
  std::set<unsigned> done;
  auto isLive = [&](unsigned buffer) {
    if (!done.count(buffer))
      return false;
    if (nodes[buffer].liveOut)
      return true;
    for (unsigned user = 0; user < nodes.size(); ++user)
      if (user != buffer && !done.count(user) &&
          std::count(nodes[user].uses.begin(), nodes[user].uses.end(), buffer))
        return true;
    return false;
  };
  int64_t peak = 0;
  for (unsigned node : order) {
    int64_t live = 0;
    for (unsigned buffer = 0; buffer < nodes.size(); ++buffer)
      if (isLive(buffer))
        live += nodes[buffer].allocBytes;
    peak = std::max(peak, live + nodes[node].allocBytes);
    done.insert(node);
  }
  return peak;
}

/// The lowest peak over every topological order.
int64_t bruteForceMinimum(const Nodes &nodes) {
  int64_t best = INT64_MAX;
  Order order;
  llvm::SmallVector<bool> placed(nodes.size(), false);
  std::function<void()> extend = [&] {
    if (order.size() == nodes.size()) {
      best = std::min(best, simulatePeak(nodes, order));
      return;
    }
    for (unsigned node = 0; node < nodes.size(); ++node) {
      if (placed[node] || !llvm::all_of(nodes[node].deps,
                                        [&](unsigned dep) { return placed[dep]; }))
        continue;
      placed[node] = true;
      order.push_back(node);
      extend();
      order.pop_back();
      placed[node] = false;
    }
  };
  extend();
  return best;
}

Order fileOrder(size_t count) {
  Order order(count);
  std::iota(order.begin(), order.end(), 0);
  return order;
}

void checkSchedule(const Nodes &nodes, const SchedulerOptions &options) {
  Schedule schedule = scheduleForPeakMemory(nodes, options);
  REQUIRE(isTopological(nodes, schedule.order));
  REQUIRE(simulatePeak(nodes, schedule.order) == schedule.peakBytes);
  REQUIRE(peakOfOrder(nodes, schedule.order) == schedule.peakBytes);
  REQUIRE(simulatePeak(nodes, fileOrder(nodes.size())) == schedule.filePeakBytes);
  REQUIRE(schedule.peakBytes <= schedule.filePeakBytes);
  REQUIRE(schedule.peakBytes >= peakLowerBound(nodes));
  if (schedule.peakBytes == schedule.filePeakBytes)
    REQUIRE(schedule.order == fileOrder(nodes.size()));
}
} // namespace

TEST_CASE("schedules of small random DAGs are optimal", "[scheduler]") {
  std::mt19937 rng(2024);
  for (int round = 0; round < 400; ++round) {
    Nodes nodes = randomDag(rng, 1 + round % 8);
    checkSchedule(nodes, {});
    Schedule schedule = scheduleForPeakMemory(nodes);
    REQUIRE(schedule.provedOptimal);
    REQUIRE(schedule.peakBytes == bruteForceMinimum(nodes));
  }
}

TEST_CASE("schedules of larger random DAGs are valid", "[scheduler]") {
  std::mt19937 rng(77);
  for (int round = 0; round < 40; ++round)
    checkSchedule(randomDag(rng, 9 + round), {/*maxStatesPerLayer=*/256});
}

TEST_CASE("a truncated search stays valid and says it is not proved", "[scheduler]") {
  std::mt19937 rng(5);
  bool sawUnproved = false, sawProved = false;
  for (int round = 0; round < 60; ++round) {
    Nodes nodes = randomDag(rng, 12 + round % 8);
    checkSchedule(nodes, {/*maxStatesPerLayer=*/2});
    Schedule narrow = scheduleForPeakMemory(nodes, {2});
    Schedule wide = scheduleForPeakMemory(nodes);
    if (wide.provedOptimal)
      REQUIRE(wide.peakBytes <= narrow.peakBytes);
    sawUnproved |= !narrow.provedOptimal;
    sawProved |= wide.provedOptimal;
  }
  REQUIRE(sawUnproved);
  REQUIRE(sawProved);
}

TEST_CASE("the same input gives the same order", "[scheduler]") {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    Nodes nodes = randomDag(rng, 30);
    REQUIRE(scheduleForPeakMemory(nodes, {8}).order ==
            scheduleForPeakMemory(nodes, {8}).order);
  }
}

TEST_CASE("two branches: the big intermediate of one dies before the other's", "[scheduler]") {
  // A stem (0) feeds branch P (1, then 3) and branch Q (2, then 4); 5 joins
  // them. 2 and 3 make 100 bytes, the rest 10. The file order interleaves
  // the branches, so at 3 both big buffers are live: 10 + 100 + 100 = 210.
  // Running Q's second op before P's first big one holds at most
  // 10 + 100 + 10 = 120, which the join (two inputs and its own) needs anyway.
  Nodes nodes(6);
  auto define = [&](unsigned node, int64_t bytes, Order inputs) {
    nodes[node].allocBytes = bytes;
    nodes[node].deps = inputs;
    nodes[node].uses = inputs;
  };
  define(0, 10, {});
  define(1, 10, {0});
  define(2, 100, {0});
  define(3, 100, {1});
  define(4, 10, {2});
  define(5, 10, {3, 4});
  Schedule schedule = scheduleForPeakMemory(nodes);
  CHECK(schedule.filePeakBytes == 210);
  CHECK(schedule.peakBytes == 120);
  CHECK(schedule.order == Order{0, 1, 2, 4, 3, 5});
  CHECK(schedule.provedOptimal);
  CHECK(peakLowerBound(nodes) == 120);
}

TEST_CASE("a chain keeps its order", "[scheduler]") {
  Nodes nodes(4);
  for (unsigned i = 1; i < 4; ++i) {
    nodes[i].deps = {i - 1};
    nodes[i].uses = {i - 1};
  }
  for (ScheduleNode &node : nodes)
    node.allocBytes = 32;
  Schedule schedule = scheduleForPeakMemory(nodes);
  CHECK(schedule.order == fileOrder(4));
  CHECK(schedule.peakBytes == 64);
  CHECK(schedule.provedOptimal);
}

TEST_CASE("an empty graph has an empty schedule", "[scheduler]") {
  Schedule schedule = scheduleForPeakMemory({});
  CHECK(schedule.order.empty());
  CHECK(schedule.peakBytes == 0);
  CHECK(schedule.provedOptimal);
}

//===- Scheduler.h - an op order that keeps live memory low -----*- C++ -*-===//
//
// The arithmetic of scheduling for peak memory, kept free of MLIR so that it
// can be tested on its own: given ops that create buffers, read them and
// depend on one another, find a topological order in which the most bytes
// live at once is small.
//
// The bytes live after a set of ops has run depend only on the set, not on
// the order that ran it, so the search works on sets: the cheapest way to
// reach a set is all that matters for every order that continues from it.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_PASSES_SCHEDULER_H
#define MOTE_PASSES_SCHEDULER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace mote {

/// One op to schedule. Nodes are numbered in a valid order (the file's):
/// every dependence points to a lower number.
struct ScheduleNode {
  /// Bytes of the buffer this node creates (0 for a view or an op writing in
  /// place: they create none).
  int64_t allocBytes = 0;
  /// The buffer is a result of the graph: it stays live to the end.
  bool liveOut = false;
  /// Nodes that must run before this one.
  llvm::SmallVector<unsigned> deps;
  /// Nodes whose buffers this one reads or writes, directly or through a
  /// view; each must run before it (be among its transitive deps). A buffer
  /// is freed once every node that uses it has run.
  llvm::SmallVector<unsigned> uses;
};

struct SchedulerOptions {
  /// States kept per layer of the search (sets of the same size). Beyond
  /// this the cheapest are kept and the result is no longer proved optimal.
  int64_t maxStatesPerLayer = 4096;
};

struct Schedule {
  llvm::SmallVector<unsigned> order; // node numbers, first to run first
  int64_t peakBytes = 0;             // of `order`
  int64_t filePeakBytes = 0;         // of the order 0, 1, ..., n-1
  bool provedOptimal = false;        // no topological order has a lower peak
};

/// The most bytes live while one node of `order` runs: the buffers live
/// before it plus the one it creates (its inputs are still live).
int64_t peakOfOrder(llvm::ArrayRef<ScheduleNode> nodes,
                    llvm::ArrayRef<unsigned> order);

/// The most bytes that any order must hold at once: a node with its inputs'
/// buffers and its own, or all the graph's results.
int64_t peakLowerBound(llvm::ArrayRef<ScheduleNode> nodes);

/// Searches the orders of `nodes` for the lowest peak. Returns the file
/// order unless another one is strictly better. Deterministic: among states
/// of equal cost the one reached first wins, and nodes are tried in file
/// order, so ties lean towards the file's order.
Schedule scheduleForPeakMemory(llvm::ArrayRef<ScheduleNode> nodes,
                               const SchedulerOptions &options = {});

} // namespace mote

#endif // MOTE_PASSES_SCHEDULER_H

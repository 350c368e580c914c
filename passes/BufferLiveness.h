//===- BufferLiveness.h - live ranges of the buffers of one function -*- C++ -*-===//
//
// What memory planning and the passes that shape it (in-place execution) agree
// on: every `memref.alloc` of a graph function is a buffer that holds data from
// its first use to its last, in the order of the function's top-level ops, and
// a view (collapse/expand_shape, reinterpret_cast...) of a buffer is a use of it.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_PASSES_BUFFERLIVENESS_H
#define MOTE_PASSES_BUFFERLIVENESS_H

#include "passes/ArenaPlanner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mote {

struct LiveBuffer {
  mlir::memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t firstUse = INT64_MAX, lastUse = -1;

  BufferRequest request() const { return {bytes, firstUse, lastUse}; }
};

/// The position of every top-level op of `func`'s body: the schedule.
llvm::DenseMap<mlir::Operation *, int64_t> schedulePositions(mlir::func::FuncOp func);

/// Every allocation of `func` with its size and live range. Fails with an
/// error on an allocation that cannot live in a static arena (dynamic shape,
/// strided layout, nested in a region).
mlir::FailureOr<llvm::SmallVector<LiveBuffer>>
collectLiveBuffers(mlir::func::FuncOp func,
                   const llvm::DenseMap<mlir::Operation *, int64_t> &position);

/// The allocation `value` is (through views), or null for a block argument,
/// a global or anything else.
mlir::memref::AllocOp rootAllocation(mlir::Value value);

} // namespace mote

#endif // MOTE_PASSES_BUFFERLIVENESS_H

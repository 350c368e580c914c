//===- ShapeHelpers.h - shape arithmetic shared by onnx and mote -*- C++ -*-===//
//
// The same formulas decide a result type when an op is created (type inference)
// and the explicit padding when it is lowered, so they live in one place.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_DIALECTS_UTILS_SHAPEHELPERS_H
#define MOTE_DIALECTS_UTILS_SHAPEHELPERS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mote {

/// Numpy-style broadcast of two shapes; nullopt when they are incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// Explicit geometry of a sliding window (conv or pool) over the spatial dims.
struct WindowGeometry {
  llvm::SmallVector<int64_t> kernel, strides, dilations;
  llvm::SmallVector<int64_t> padsBegin, padsEnd;
  llvm::SmallVector<int64_t> output;
};

/// Resolves auto_pad / pads / strides / dilations / ceil_mode as ONNX defines
/// them. `spatial` and `kernel` have one entry per spatial dim.
mlir::FailureOr<WindowGeometry>
computeWindowGeometry(llvm::ArrayRef<int64_t> spatial,
                      llvm::ArrayRef<int64_t> kernel, llvm::StringRef autoPad,
                      std::optional<llvm::ArrayRef<int64_t>> pads,
                      std::optional<llvm::ArrayRef<int64_t>> strides,
                      std::optional<llvm::ArrayRef<int64_t>> dilations,
                      bool ceilMode,
                      llvm::function_ref<mlir::InFlightDiagnostic()> emitError);

/// The integer contents of a constant tensor value (any integer width).
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);

/// The float contents of a constant tensor value, dense or resource-backed.
std::optional<llvm::SmallVector<float>> getConstantFloats(mlir::Value value);
std::optional<llvm::SmallVector<float>>
getElementsAsFloats(mlir::ElementsAttr attr);

/// Normalizes a possibly negative axis against `rank`; nullopt if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Product of the dims; the element count of a static shape.
int64_t shapeProduct(llvm::ArrayRef<int64_t> shape);

/// No tensor may hold more elements than this (1 GiB of float32): no device
/// Mote targets has that much memory, and a hostile file must not make the
/// compiler overflow or allocate gigabytes.
constexpr int64_t kMaxTensorElements = int64_t(1) << 28;

/// The element count of `shape` if every dim is non-negative and the count is
/// at most kMaxTensorElements, computed without overflow; nullopt otherwise.
std::optional<int64_t> checkedElementCount(llvm::ArrayRef<int64_t> shape);

} // namespace mote

#endif // MOTE_DIALECTS_UTILS_SHAPEHELPERS_H

namespace mote {
/// A float32 constant of `type`: small ones inline (readable in the IR), large
/// ones as a `dense_resource` blob named after `nameHint` (stored once).
mlir::ElementsAttr makeF32Elements(mlir::ShapedType type,
                                   llvm::ArrayRef<float> values,
                                   llvm::StringRef nameHint);

/// The same data under another shape, without copying a resource blob.
mlir::ElementsAttr reshapeElements(mlir::ElementsAttr attr,
                                   mlir::ShapedType type);

/// Row-major strides of a static shape, in elements.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// Strides of an operand of shape `operand` read at every index of the
/// broadcast `result` shape (0 along broadcast dims), right-aligned.
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> operand,
                                            llvm::ArrayRef<int64_t> result);
} // namespace mote

namespace mote {
/// A Slice resolved against a static shape: per dim, the first index read,
/// the step and the number of elements taken.
struct SliceGeometry {
  llvm::SmallVector<int64_t> start, step, size;

  /// The element offset of the first element read from a dense row-major
  /// tensor of `shape`, and the element strides of the slice per dim.
  std::pair<int64_t, llvm::SmallVector<int64_t>>
  offsetAndStrides(llvm::ArrayRef<int64_t> shape) const;
};
/// Clamps starts/ends as ONNX Slice does (negative values count from the end;
/// out-of-range values clamp, differently for negative steps). `axes` may be
/// empty (then 0, 1, ...) and `steps` empty (then all 1).
mlir::FailureOr<SliceGeometry>
computeSliceGeometry(llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<int64_t> starts,
                     llvm::ArrayRef<int64_t> ends, llvm::ArrayRef<int64_t> axes,
                     llvm::ArrayRef<int64_t> steps,
                     llvm::function_ref<mlir::InFlightDiagnostic()> emitError);
} // namespace mote

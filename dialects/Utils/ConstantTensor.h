//===- ConstantTensor.h - small constant tensors as plain values -*- C++ -*-===//
//
// Shape computations (Shape -> Gather -> Concat -> Reshape, as exporters
// write them) must fold at compile time, so the importer evaluates ops whose
// inputs are all constants. A ConstantTensor holds such a value as doubles
// (any float type) or int64s (any integer type and bool), which is exact for
// every float and for the integers shapes and indices use.
//
//===----------------------------------------------------------------------===//
#ifndef MOTE_DIALECTS_UTILS_CONSTANTTENSOR_H
#define MOTE_DIALECTS_UTILS_CONSTANTTENSOR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace mote {

struct ConstantTensor {
  mlir::RankedTensorType type;
  llvm::SmallVector<double> floats; ///< set when the element type is a float
  llvm::SmallVector<int64_t> ints;  ///< set otherwise

  bool isFloat() const { return llvm::isa<mlir::FloatType>(type.getElementType()); }
  int64_t size() const { return type.getNumElements(); }
  double asDouble(int64_t i) const { return isFloat() ? floats[i] : (double)ints[i]; }
  int64_t asInt(int64_t i) const { return isFloat() ? (int64_t)floats[i] : ints[i]; }

  /// An empty tensor of `type`, ready to be filled with `set`.
  static ConstantTensor zeros(mlir::RankedTensorType type);
  /// Stores `value` converted to the element type (ONNX Cast rules for
  /// float -> int: truncation; -> bool: non-zero).
  void set(int64_t i, double value);
  void setInt(int64_t i, int64_t value);
};

/// Reads a dense or resource-backed constant of at most `maxElements`.
std::optional<ConstantTensor> readConstant(mlir::Attribute attr,
                                           int64_t maxElements = 1 << 16);
/// The constant as an attribute of its type.
mlir::ElementsAttr toAttribute(const ConstantTensor &tensor);

/// The MLIR element type of an ONNX TensorProto.DataType code, or null for
/// codes Mote does not support (strings, complex, FLOAT8E8M0).
mlir::Type onnxElementType(mlir::MLIRContext *ctx, int64_t code);
/// The ONNX code of an element type, 0 if it has none.
int onnxDataTypeOf(mlir::Type type);
/// The C++ type the emitted code stores an element type in: a standard
/// type, or one of the kernel library's structs (mote_f16, mote_f8e4m3fn,
/// mote_i4, ...) for the 16-bit, 8-bit and 4-bit floats and the sub-byte
/// integers; empty for a type Mote cannot emit.
std::string cTypeName(mlir::Type type);
/// The type the public interface passes such elements as: the struct's
/// standard-type twin (uint16_t bits for mote_f16, int8_t for mote_i4...).
std::string publicCTypeName(mlir::Type type);

} // namespace mote

#endif // MOTE_DIALECTS_UTILS_CONSTANTTENSOR_H

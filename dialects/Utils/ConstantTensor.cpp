//===- ConstantTensor.cpp - small constant tensors as plain values --------===//
#include "dialects/Utils/ConstantTensor.h"
#include "dialects/Utils/ShapeHelpers.h"

#include <cmath>

using namespace mlir;

namespace mote {

ConstantTensor ConstantTensor::zeros(RankedTensorType type) {
  ConstantTensor t{type, {}, {}};
  if (t.isFloat())
    t.floats.assign(type.getNumElements(), 0.0);
  else
    t.ints.assign(type.getNumElements(), 0);
  return t;
}

/// Wraps `value` to the width and signedness of `type`, as C++ conversions
/// between integer types do.
static int64_t wrapToInteger(IntegerType type, int64_t value) {
  unsigned width = type.getWidth();
  if (width == 1)
    return value != 0;
  if (width >= 64)
    return value;
  APInt bits(64, value, /*isSigned=*/true);
  APInt narrow = bits.trunc(width);
  return type.isUnsigned() ? (int64_t)narrow.getZExtValue() : narrow.getSExtValue();
}

void ConstantTensor::set(int64_t i, double value) {
  if (isFloat()) {
    floats[i] = value;
    return;
  }
  auto intType = cast<IntegerType>(type.getElementType());
  if (intType.getWidth() == 1) {
    ints[i] = value != 0.0;
    return;
  }
  if (std::isnan(value))
    value = 0;
  value = std::trunc(value);
  ints[i] = wrapToInteger(intType, value >= 9.2e18 ? INT64_MAX
                                   : value <= -9.2e18 ? INT64_MIN
                                                      : (int64_t)value);
}

void ConstantTensor::setInt(int64_t i, int64_t value) {
  if (isFloat())
    floats[i] = (double)value;
  else
    ints[i] = wrapToInteger(cast<IntegerType>(type.getElementType()), value);
}

std::optional<ConstantTensor> readConstant(Attribute attr, int64_t maxElements) {
  auto elements = dyn_cast_or_null<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(elements.getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() > maxElements)
    return std::nullopt;
  ConstantTensor t{type, {}, {}};
  Type element = type.getElementType();
  if (isa<FloatType>(element)) {
    if (auto values = elements.tryGetValues<APFloat>()) {
      for (APFloat v : *values) {
        bool lost;
        v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
        t.floats.push_back(v.convertToDouble());
      }
      return t;
    }
    auto floats = getElementsAsFloats(elements); // resource-backed float32
    if (!floats)
      return std::nullopt;
    t.floats.assign(floats->begin(), floats->end());
    return t;
  }
  auto intType = dyn_cast<IntegerType>(element);
  if (!intType)
    return std::nullopt;
  auto values = elements.tryGetValues<APInt>();
  if (!values)
    return std::nullopt;
  for (APInt v : *values)
    t.ints.push_back(intType.getWidth() == 1 ? (int64_t)v.getBoolValue()
                     : intType.isUnsigned()   ? (int64_t)v.getZExtValue()
                                              : v.getSExtValue());
  return t;
}

ElementsAttr toAttribute(const ConstantTensor &tensor) {
  Type element = tensor.type.getElementType();
  if (auto floatType = dyn_cast<FloatType>(element)) {
    SmallVector<APFloat> values;
    for (double v : tensor.floats) {
      APFloat f(v);
      bool lost;
      f.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(f);
    }
    return DenseElementsAttr::get(tensor.type, values);
  }
  auto intType = cast<IntegerType>(element);
  if (intType.getWidth() == 1) {
    SmallVector<bool> values;
    for (int64_t v : tensor.ints)
      values.push_back(v != 0);
    return DenseElementsAttr::get(tensor.type, values);
  }
  SmallVector<APInt> values;
  for (int64_t v : tensor.ints)
    values.push_back(APInt(intType.getWidth(), v, /*isSigned=*/!intType.isUnsigned(),
                           /*implicitTrunc=*/true));
  return DenseElementsAttr::get(tensor.type, values);
}

Type onnxElementType(MLIRContext *ctx, int64_t code) {
  auto signedInt = [&](unsigned w) { return IntegerType::get(ctx, w); };
  auto unsignedInt = [&](unsigned w) {
    return IntegerType::get(ctx, w, IntegerType::Unsigned);
  };
  switch (code) {
  case 1: return Float32Type::get(ctx);
  case 2: return unsignedInt(8);
  case 3: return signedInt(8);
  case 4: return unsignedInt(16);
  case 5: return signedInt(16);
  case 6: return signedInt(32);
  case 7: return signedInt(64);
  case 9: return IntegerType::get(ctx, 1);
  case 10: return Float16Type::get(ctx);
  case 11: return Float64Type::get(ctx);
  case 12: return unsignedInt(32);
  case 13: return unsignedInt(64);
  case 16: return BFloat16Type::get(ctx);
  case 17: return Float8E4M3FNType::get(ctx);
  case 18: return Float8E4M3FNUZType::get(ctx);
  case 19: return Float8E5M2Type::get(ctx);
  case 20: return Float8E5M2FNUZType::get(ctx);
  case 21: return unsignedInt(4);
  case 22: return signedInt(4);
  case 23: return Float4E2M1FNType::get(ctx);
  case 25: return unsignedInt(2);
  case 26: return signedInt(2);
  default: return nullptr;
  }
}

int onnxDataTypeOf(Type type) {
  for (int code = 1; code <= 26; ++code)
    if (Type candidate = onnxElementType(type.getContext(), code); candidate == type)
      return code;
  return 0;
}

std::string cTypeName(Type type) {
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (type.isF16()) return "mote_f16";
  if (type.isBF16()) return "mote_bf16";
  if (isa<Float8E4M3FNType>(type)) return "mote_f8e4m3fn";
  if (isa<Float8E4M3FNUZType>(type)) return "mote_f8e4m3fnuz";
  if (isa<Float8E5M2Type>(type)) return "mote_f8e5m2";
  if (isa<Float8E5M2FNUZType>(type)) return "mote_f8e5m2fnuz";
  if (isa<Float4E2M1FNType>(type)) return "mote_f4e2m1";
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer || integer.isSigned())
    return "";
  unsigned width = integer.getWidth();
  bool isUnsigned = integer.isUnsigned();
  if (width == 1) return "bool";
  if (width == 2 || width == 4)
    return std::string(isUnsigned ? "mote_u" : "mote_i") + std::to_string(width);
  if (width == 8 || width == 16 || width == 32 || width == 64)
    return (isUnsigned ? "uint" : "int") + std::to_string(width) + "_t";
  return "";
}

std::string publicCTypeName(Type type) {
  if (type.isF16() || type.isBF16()) return "uint16_t";
  if (isa<FloatType>(type) && type.getIntOrFloatBitWidth() <= 8) return "uint8_t";
  auto integer = dyn_cast<IntegerType>(type);
  if (integer && (integer.getWidth() == 2 || integer.getWidth() == 4))
    return integer.isUnsigned() ? "uint8_t" : "int8_t";
  return cTypeName(type);
}

} // namespace mote

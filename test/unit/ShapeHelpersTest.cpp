// Shape arithmetic that decides result types and explicit padding, checked
// against the formulas of the ONNX operator specification.
#include "dialects/Utils/ShapeHelpers.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"

#include <catch2/catch.hpp>

using namespace mote;
using llvm::ArrayRef;
using llvm::SmallVector;

namespace {
struct Window {
  mlir::MLIRContext ctx;
  std::vector<std::string> errors;
  mlir::ScopedDiagnosticHandler handler{&ctx, [this](mlir::Diagnostic &d) {
                                          errors.push_back(d.str());
                                          return mlir::success();
                                        }};
  mlir::FailureOr<WindowGeometry>
  compute(ArrayRef<int64_t> spatial, ArrayRef<int64_t> kernel,
          llvm::StringRef autoPad, std::optional<ArrayRef<int64_t>> pads,
          std::optional<ArrayRef<int64_t>> strides,
          std::optional<ArrayRef<int64_t>> dilations, bool ceil) {
    return computeWindowGeometry(spatial, kernel, autoPad, pads, strides,
                                 dilations, ceil, [&] {
                                   return mlir::emitError(mlir::UnknownLoc::get(&ctx));
                                 });
  }
};
using V = SmallVector<int64_t>;
} // namespace

TEST_CASE("broadcastShapes follows numpy", "[shape]") {
  CHECK(*broadcastShapes({2, 3, 4}, {4}) == V{2, 3, 4});
  CHECK(*broadcastShapes({2, 1, 4}, {3, 1}) == V{2, 3, 4});
  CHECK(*broadcastShapes({}, {5}) == V{5});
  CHECK(*broadcastShapes({1}, {}) == V{1});
  CHECK_FALSE(broadcastShapes({2, 3}, {4}).has_value());
}

TEST_CASE("broadcastStrides reads a smaller operand", "[shape]") {
  CHECK(broadcastStrides({3, 1}, {2, 3, 4}) == V{0, 1, 0});
  CHECK(broadcastStrides({2, 3, 4}, {2, 3, 4}) == V{12, 4, 1});
  CHECK(stridesOf({2, 3, 4}) == V{12, 4, 1});
}

TEST_CASE("explicit pads, strides and dilations", "[window]") {
  Window w;
  // out = floor((in + pb + pe - ((k - 1) * d + 1)) / s) + 1
  auto g = w.compute({7, 5}, {3, 3}, "NOTSET", ArrayRef<int64_t>{1, 1, 1, 1},
                     ArrayRef<int64_t>{2, 2}, std::nullopt, false);
  REQUIRE(succeeded(g));
  CHECK(g->output == V{4, 3});
  auto d = w.compute({10}, {3}, "NOTSET", std::nullopt, std::nullopt,
                     ArrayRef<int64_t>{2}, false);
  REQUIRE(succeeded(d));
  CHECK(d->output == V{6});
}

TEST_CASE("auto_pad SAME_UPPER and SAME_LOWER split the padding", "[window]") {
  Window w;
  auto upper = w.compute({5}, {4}, "SAME_UPPER", std::nullopt,
                         ArrayRef<int64_t>{1}, std::nullopt, false);
  REQUIRE(succeeded(upper));
  CHECK(upper->output == V{5});
  CHECK(upper->padsBegin == V{1});
  CHECK(upper->padsEnd == V{2});
  auto lower = w.compute({5}, {4}, "SAME_LOWER", std::nullopt,
                         ArrayRef<int64_t>{1}, std::nullopt, false);
  REQUIRE(succeeded(lower));
  CHECK(lower->padsBegin == V{2});
  CHECK(lower->padsEnd == V{1});
  auto strided = w.compute({5}, {3}, "SAME_UPPER", std::nullopt,
                           ArrayRef<int64_t>{2}, std::nullopt, false);
  REQUIRE(succeeded(strided));
  CHECK(strided->output == V{3});
}

TEST_CASE("ceil mode drops a window that starts in the end padding", "[window]") {
  Window w;
  // ONNX test_maxpool_2d_ceil: 4x4, kernel 3, stride 2 -> 2x2.
  auto g = w.compute({4, 4}, {3, 3}, "NOTSET", std::nullopt,
                     ArrayRef<int64_t>{2, 2}, std::nullopt, true);
  REQUIRE(succeeded(g));
  CHECK(g->output == V{2, 2});
  // test_maxpool_2d_ceil_output_size_reduce_by_one: 2x2, kernel 1, stride 2.
  auto r = w.compute({2, 2}, {1, 1}, "NOTSET", std::nullopt,
                     ArrayRef<int64_t>{2, 2}, std::nullopt, true);
  REQUIRE(succeeded(r));
  CHECK(r->output == V{1, 1});
}

TEST_CASE("impossible windows are errors, not crashes", "[window]") {
  Window w;
  CHECK(failed(w.compute({2}, {5}, "NOTSET", std::nullopt, std::nullopt,
                         std::nullopt, false)));
  CHECK(failed(w.compute({8}, {3}, "NOTSET", std::nullopt,
                         ArrayRef<int64_t>{0}, std::nullopt, false)));
  CHECK(failed(w.compute({8}, {3}, "SAME_MIDDLE", std::nullopt, std::nullopt,
                         std::nullopt, false)));
  CHECK(failed(w.compute({8}, {3}, "NOTSET", ArrayRef<int64_t>{1},
                         std::nullopt, std::nullopt, false)));
  CHECK(w.errors.size() == 4);
}

TEST_CASE("normalizeAxis and shapeProduct", "[shape]") {
  CHECK(*normalizeAxis(-1, 4) == 3);
  CHECK(*normalizeAxis(0, 1) == 0);
  CHECK_FALSE(normalizeAxis(4, 4).has_value());
  CHECK_FALSE(normalizeAxis(-5, 4).has_value());
  CHECK(shapeProduct({2, 3, 4}) == 24);
  CHECK(shapeProduct({}) == 1);
}

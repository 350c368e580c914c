"""Writes a binary ONNX model whose tensors use every storage the importer
reads: raw_data and float_data for FLOAT, raw_data for INT32, int64_data for
INT64; with external=True the weight goes to weights.bin beside the model."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

path = sys.argv[1]
external = len(sys.argv) > 2 and sys.argv[2] == "external"

w = numpy_helper.from_array(np.array([[1.0, 2.0], [3.0, 4.0]], np.float32), "w")
assert w.HasField("raw_data")
b = helper.make_tensor("b", TensorProto.FLOAT, [2], [0.5, -0.5], raw=False)
shape = numpy_helper.from_array(np.array([1, 4], np.int32), "shape")
axes = helper.make_tensor("axes", TensorProto.INT64, [1], [0], raw=False)

nodes = [
    helper.make_node("MatMul", ["x", "w"], ["mm"], name="matmul_1"),
    helper.make_node("Add", ["mm", "b"], ["sum"], name="add_1"),
    helper.make_node("Reshape", ["sum", "shape"], ["flat"], name="reshape_1"),
    helper.make_node("Squeeze", ["flat", "axes"], ["y"], name="squeeze_1"),
]
graph = helper.make_graph(
    nodes, "binary",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 2])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])],
    [w, b, shape, axes])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
if external:
    onnx.save_model(model, path, save_as_external_data=True,
                    all_tensors_to_one_file=True, location="weights.bin",
                    size_threshold=0)
else:
    onnx.save_model(model, path)

"""Writes a model whose input has a zero-size dim (allowed by ONNX)."""
import sys

import onnx
from onnx import TensorProto, helper

graph = helper.make_graph(
    [helper.make_node("Relu", ["x"], ["y"])], "g",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [0, 3])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [0, 3])])
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]),
          sys.argv[1])

"""Writes the small-floats model: x -> Cast to FLOAT8E4M3FN (saturating),
FLOAT8E5M2 (not saturating) and INT4. The textual ONNX parser of onnx 1.12
does not know these type names, so the model is built here by code."""
import sys

from onnx import TensorProto, helper, save

FLOAT8E4M3FN, FLOAT8E5M2, INT4 = 17, 19, 22
graph = helper.make_graph(
    [helper.make_node("Cast", ["x"], ["a"], to=FLOAT8E4M3FN, saturate=1),
     helper.make_node("Cast", ["x"], ["b"], to=FLOAT8E5M2, saturate=0),
     helper.make_node("Cast", ["x"], ["c"], to=INT4)],
    "small_floats",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [6])],
    [helper.make_tensor_value_info("a", FLOAT8E4M3FN, [6]),
     helper.make_tensor_value_info("b", FLOAT8E5M2, [6]),
     helper.make_tensor_value_info("c", INT4, [6])])
save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)], ir_version=10),
     sys.argv[1])

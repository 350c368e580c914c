"""Writes an ONNX backend-test case directory for mote-check: model.onnx and
test_data_set_0..1/{input_0,output_0}.pb. The expected outputs are computed
here with numpy, independently of Mote. With `wrong`, data set 1's expected
output is off by 1 in one element.

usage: make_case.py DIR [wrong]"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
wrong = len(sys.argv) > 2 and sys.argv[2] == "wrong"
rng = np.random.default_rng(7)

w = rng.standard_normal((4, 3, 3, 3)).astype(np.float32)
b = rng.standard_normal(4).astype(np.float32)
fc = rng.standard_normal((2, 4)).astype(np.float32)
nodes = [
    helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c"], ["r"]),
    helper.make_node("GlobalAveragePool", ["r"], ["g"]),
    helper.make_node("Flatten", ["g"], ["f"]),
    helper.make_node("Gemm", ["f", "fc"], ["y"], transB=1),
]
graph = helper.make_graph(
    nodes, "case",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 5, 5])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])],
    [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b"),
     numpy_helper.from_array(fc, "fc")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
os.makedirs(out, exist_ok=True)
onnx.save(model, os.path.join(out, "model.onnx"))


def reference(x):
    xp = np.pad(x, [(0, 0), (0, 0), (1, 1), (1, 1)])
    c = np.zeros((1, 4, 5, 5), np.float64)
    for m in range(4):
        for i in range(5):
            for j in range(5):
                c[0, m, i, j] = (xp[0, :, i:i + 3, j:j + 3] * w[m]).sum() + b[m]
    g = np.maximum(c, 0).mean(axis=(2, 3))
    return (g @ fc.T).astype(np.float32)


for k in range(2):
    d = os.path.join(out, "test_data_set_%d" % k)
    os.makedirs(d, exist_ok=True)
    x = rng.standard_normal((1, 3, 5, 5)).astype(np.float32)
    y = reference(x)
    if wrong and k == 1:
        y[0, 1] += 1.0
    open(os.path.join(d, "input_0.pb"), "wb").write(
        numpy_helper.from_array(x, "x").SerializeToString())
    open(os.path.join(d, "output_0.pb"), "wb").write(
        numpy_helper.from_array(y, "y").SerializeToString())

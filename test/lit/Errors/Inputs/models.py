"""Writes one broken or unusual binary ONNX model for the Errors tests.

usage: models.py KIND OUT.onnx
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

kind, path = sys.argv[1], sys.argv[2]


def relu_model(inputs, initializers=(), node_input="x"):
    node = helper.make_node("Relu", [node_input], ["y"], name="relu")
    graph = helper.make_graph(
        [node], "g", list(inputs),
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])],
        list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def external(name, location, offset=None, length=None, dims=(2,)):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset), ("length", length)):
        if value is not None:
            entry = t.external_data.add()
            entry.key, entry.value = key, str(value)
    return t


def add_model(w):
    node = helper.make_node("Add", ["x", "w"], ["y"], name="add")
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])], [w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


x2 = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
if kind == "truncated":
    data = relu_model([x2]).SerializeToString()
    assert len(data) > 20
    open(path, "wb").write(data[: len(data) // 2])
    sys.exit(0)
elif kind == "no-shape":
    model = relu_model([helper.make_tensor_value_info("x", TensorProto.FLOAT, None)])
elif kind == "unknown-dim":
    model = relu_model([helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 2])])
elif kind == "not-a-tensor":
    seq = helper.make_tensor_sequence_value_info("x", TensorProto.FLOAT, [2])
    model = relu_model([seq])
elif kind == "data-size":
    w = numpy_helper.from_array(np.zeros(4, np.float32), "w")
    w.raw_data = np.zeros(3, np.float32).tobytes()
    model = add_model(w)
elif kind == "negative-dim":
    w = TensorProto()
    w.name, w.data_type = "w", TensorProto.FLOAT
    w.dims.append(-2)
    model = add_model(w)
elif kind == "external-parent":
    model = add_model(external("w", "../w.bin"))
elif kind == "external-absolute":
    model = add_model(external("w", "/etc/passwd"))
elif kind == "external-missing":
    model = add_model(external("w", "missing.bin"))
elif kind == "external-range":
    np.ones(2, np.float32).tofile(os.path.join(os.path.dirname(path), "w.bin"))
    model = add_model(external("w", "w.bin", offset=4, length=8))
elif kind == "external-symlink":
    os.symlink("/etc", os.path.join(os.path.dirname(path), "link"))
    model = add_model(external("w", "link/hostname"))
else:
    raise SystemExit("unknown kind " + kind)
open(path, "wb").write(model.SerializeToString())

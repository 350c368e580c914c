#!/usr/bin/env python3
"""Writes hostile ONNX models, one per class of attack, into OUT_DIR.

Each model is valid protobuf; what is hostile is its content. The lit tests in
test/lit/Hostile/ compile each with motec and check for a clear error (or, for
hostile names, C++ that compiles and carries the names only as escaped string
literals).

    make_hostile.py OUT_DIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 13)]


def save(model, path):
    # No checker: several models are invalid on purpose.
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


def relu_model(nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=OPSET, ir_version=8)


def f32(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def hostile_names(out):
    # Quotes, comment terminators, backslashes, newlines, trigraphs, non-UTF-8
    # bytes, C++ keywords, and two names that collide once mangled.
    names = [
        'in"put*/\\\n??=',
        "int",
        b"\xff\xfe bad utf8".decode("latin-1"),
        "a-b",
        "a_b",
        "#define x",
    ]
    x0, x1 = names[0], names[1]
    nodes = [
        helper.make_node("Add", [x0, x1], ["a-b"], name="*/ #include <evil>"),
        helper.make_node("Relu", ["a-b"], ["a_b"], name="class"),
        helper.make_node("Mul", ["a_b", "w\"'"], [names[2]], name="\n"),
        helper.make_node("Relu", [names[2]], [names[5]], name="??/"),
    ]
    w = numpy_helper.from_array(np.full((1, 4), 0.5, np.float32), 'w"\'')
    model = relu_model(nodes, [f32(x0, [1, 4]), f32(x1, [1, 4])],
                       [f32(names[5], [1, 4]), f32("a_b", [1, 4])], [w])
    model.graph.doc_string = "*/ } int main() { return 1; } /*"
    save(model, os.path.join(out, "names.onnx"))


def external_data(out):
    os.makedirs(os.path.join(out, "ext"), exist_ok=True)
    outside = os.path.join(out, "secret.bin")
    with open(outside, "wb") as f:
        f.write(np.ones(4, np.float32).tobytes())
    link = os.path.join(out, "ext", "link.bin")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(outside, link)
    for label, location in [("dotdot", "../secret.bin"),
                            ("absolute", os.path.abspath(outside)),
                            ("symlink", "link.bin")]:
        w = TensorProto()
        w.name = "w"
        w.data_type = TensorProto.FLOAT
        w.dims.extend([1, 4])
        w.data_location = TensorProto.EXTERNAL
        entry = w.external_data.add()
        entry.key, entry.value = "location", location
        model = relu_model([helper.make_node("Add", ["x", "w"], ["y"], name="add")],
                           [f32("x", [1, 4])], [f32("y", [1, 4])], [w])
        save(model, os.path.join(out, "ext", "external_%s.onnx" % label))


def overflow(out):
    # Dims whose product overflows int64, and a declared 2 GiB tensor.
    model = relu_model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                       [f32("x", [1 << 32, 1 << 32])], [f32("y", [1 << 32, 1 << 32])])
    save(model, os.path.join(out, "overflow_input.onnx"))
    big = TensorProto()
    big.name = "w"
    big.data_type = TensorProto.FLOAT
    big.dims.extend([1 << 29])  # 2 GiB of float32, and no data at all
    model = relu_model([helper.make_node("Add", ["x", "w"], ["y"], name="add")],
                       [f32("x", [1])], [f32("y", [1 << 29])], [big])
    save(model, os.path.join(out, "huge_initializer.onnx"))
    shape = numpy_helper.from_array(np.array([1 << 40, 1 << 40], np.int64), "shape")
    model = relu_model([helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")],
                       [f32("x", [4])], [f32("y", None)], [shape])
    save(model, os.path.join(out, "overflow_reshape.onnx"))
    pads = numpy_helper.from_array(np.array([0, 1 << 62, 0, 1 << 62], np.int64), "pads")
    model = relu_model([helper.make_node("Pad", ["x", "pads"], ["y"], name="pad")],
                       [f32("x", [1, 4])], [f32("y", None)], [pads])
    save(model, os.path.join(out, "overflow_pad.onnx"))


def raw_data_mismatch(out):
    w = TensorProto()
    w.name = "w"
    w.data_type = TensorProto.FLOAT
    w.dims.extend([2, 4])
    w.raw_data = np.ones(3, np.float32).tobytes()  # 12 bytes for 32 needed
    model = relu_model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")],
                       [f32("x", [1, 2])], [f32("y", [1, 4])], [w])
    save(model, os.path.join(out, "raw_mismatch.onnx"))


def cycle(out):
    nodes = [helper.make_node("Relu", ["b"], ["a"], name="first"),
             helper.make_node("Add", ["x", "a"], ["b"], name="second")]
    save(relu_model(nodes, [f32("x", [4])], [f32("b", [4])]),
         os.path.join(out, "cycle.onnx"))


def duplicate_outputs(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    save(relu_model(nodes, [f32("x", [4])], [f32("y", [4]), f32("y", [4])]),
         os.path.join(out, "duplicate_output.onnx"))
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="one"),
             helper.make_node("Sigmoid", ["x"], ["y"], name="two")]
    save(relu_model(nodes, [f32("x", [4])], [f32("y", [4])]),
         os.path.join(out, "produced_twice.onnx"))


def initializer_order(out):
    # The same model twice, with its initializers listed in opposite orders.
    rng = np.random.RandomState(7)
    inits = [numpy_helper.from_array(rng.randn(4, 4).astype(np.float32), "w%d" % i)
             for i in range(3)]
    nodes = [helper.make_node("MatMul", ["x", "w0"], ["h0"]),
             helper.make_node("MatMul", ["h0", "w1"], ["h1"]),
             helper.make_node("MatMul", ["h1", "w2"], ["y"])]
    for label, order in [("forward", inits), ("reversed", inits[::-1])]:
        os.makedirs(os.path.join(out, label), exist_ok=True)
        save(relu_model(nodes, [f32("x", [1, 4])], [f32("y", [1, 4])], order),
             os.path.join(out, label, "model.onnx"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for make in (hostile_names, external_data, overflow, raw_data_mismatch, cycle,
                 duplicate_outputs, initializer_order):
        make(out)


if __name__ == "__main__":
    main()

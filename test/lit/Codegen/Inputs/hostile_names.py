"""Writes a model whose tensor and node names hold every byte that could
break out of a C string, comment or identifier: quotes, a comment end, a
backslash, a newline, a trigraph, a NUL-free control byte and non-UTF-8.
Also writes the names' bytes in hex, one per line, for the check."""
import sys

import onnx
from onnx import TensorProto, helper

path, names_out = sys.argv[1], sys.argv[2]
IN = b'in"*/\\\n??=\x01' + "é".encode() + b"@@"
OUT = b"out */ /* // \"); system(\"rm -rf /\"); (\""
NODE = b"node\n#include <evil.h>\n"


def s(b):
    return b.decode("utf-8")


node = helper.make_node("Relu", [s(IN)], [s(OUT)], name=s(NODE))
graph = helper.make_graph(
    [node], "g",
    [helper.make_tensor_value_info(s(IN), TensorProto.FLOAT, [1, 2])],
    [helper.make_tensor_value_info(s(OUT), TensorProto.FLOAT, [1, 2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
data = model.SerializeToString()
assert IN in data and OUT in data and NODE in data
# Python's protobuf only takes UTF-8; patch two bytes that are not UTF-8 in
# place of "@@" (same length, so every length prefix stays right).
BAD = IN.replace(b"@@", b"\xff\xc3")
data = data.replace(IN, BAD)
IN = BAD
open(path, "wb").write(data)
with open(names_out, "w") as f:
    f.write("in " + IN.hex() + "\n")
    f.write("out " + OUT.hex() + "\n")

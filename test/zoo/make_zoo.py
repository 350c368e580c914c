#!/usr/bin/python3
"""Generate Mote's small model zoo (run with /usr/bin/python3: needs onnx + numpy).

    make_zoo.py OUT_DIR [--models a,b]   write OUT_DIR/<model>/model.onnx and
                                         test_data_set_{0,1}/input_I.pb
    make_zoo.py --verify OUT_DIR         check the ORT-made output_I.pb files
                                         (names, dims, finite; MLP against numpy)
    make_zoo.py --list                   print the model names

Each model is float32, batch 1, static shapes, opset 13 (tiny_mix: opset 14,
the first opset that has HardSwish), with weights drawn from numpy RandomState
with fixed seeds, so every run writes the same bytes.  Expected outputs are not
computed here: ort_reference.mjs computes them with ONNX Runtime (generate.sh
runs both).  Files are only rewritten when their bytes change; when a model or
an input changes, the stale output_I.pb files of that case are deleted.
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

N_DATA_SETS = 2


class Graph:
    """Tiny graph builder: every helper returns the name of its output."""

    def __init__(self, name, seed, opset=13):
        self.name = name
        self.opset = opset
        self.rng = np.random.RandomState(seed)
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.input_specs = []  # (name, shape) in graph-input order
        self.counter = 0

    def _fresh(self, base):
        self.counter += 1
        return "%s_%d" % (base, self.counter)

    # --- graph interface -------------------------------------------------
    def input(self, name, shape):
        self.inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
        self.input_specs.append((name, list(shape)))
        return name

    def output(self, value, name, shape):
        for n in self.nodes:  # rename the value where it is made and where it is used
            n.output[:] = [name if o == value else o for o in n.output]
            n.input[:] = [name if i == value else i for i in n.input]
        self.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
        return name

    def const(self, base, array, dtype=np.float32):
        name = self._fresh(base)
        self.inits.append(numpy_helper.from_array(np.asarray(array, dtype=dtype), name))
        return name

    def ints(self, base, values):
        return self.const(base, values, np.int64)

    def node(self, op, inputs, out=None, **attrs):
        out = out or self._fresh(op.lower())
        self.nodes.append(helper.make_node(op, inputs, [out], name=self._fresh("n_" + op), **attrs))
        return out

    # --- random parameters -----------------------------------------------
    def randn(self, shape, std):
        return (self.rng.standard_normal(shape) * std).astype(np.float32)

    def uniform(self, shape, lo, hi):
        return self.rng.uniform(lo, hi, shape).astype(np.float32)

    # --- layers ----------------------------------------------------------
    def conv(self, x, cin, cout, k, stride=1, pads=None, group=1, bias=True):
        pad = k // 2
        pads = pads if pads is not None else [pad] * 4
        fan_in = cin // group * k * k
        w = self.const("conv_w", self.randn([cout, cin // group, k, k], np.sqrt(2.0 / fan_in)))
        ins = [x, w]
        if bias:
            ins.append(self.const("conv_b", self.randn([cout], 0.1)))
        return self.node("Conv", ins, kernel_shape=[k, k], strides=[stride, stride],
                         pads=pads, group=group)

    def bn(self, x, c, epsilon=1e-5):
        # Non-trivial statistics so that a wrong folding shows.
        scale = self.const("bn_scale", self.uniform([c], 0.5, 1.5))
        bias = self.const("bn_bias", self.randn([c], 0.2))
        mean = self.const("bn_mean", self.randn([c], 0.3))
        var = self.const("bn_var", self.uniform([c], 0.4, 2.0))
        return self.node("BatchNormalization", [x, scale, bias, mean, var], epsilon=epsilon)

    def relu6(self, x, lo, hi):
        return self.node("Clip", [x, lo, hi])

    def gemm(self, x, fin, fout, trans_b=1, **attrs):
        shape = [fout, fin] if trans_b else [fin, fout]
        w = self.const("fc_w", self.randn(shape, np.sqrt(1.0 / fin)))
        b = self.const("fc_b", self.randn([fout], 0.1))
        return self.node("Gemm", [x, w, b], transB=trans_b, **attrs)

    def model(self):
        graph = helper.make_graph(self.nodes, self.name, self.inputs, self.outputs, self.inits)
        m = helper.make_model(graph, producer_name="mote-zoo", producer_version="1",
                              opset_imports=[helper.make_opsetid("", self.opset)])
        m.ir_version = 8
        onnx.checker.check_model(m, full_check=True)
        return m


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------

def mobilenet_ds():
    """MobileNetV1-style: conv s2 + BN + ReLU6, 5 depthwise-separable blocks."""
    g = Graph("mobilenet_ds", seed=101)
    x = g.input("input", [1, 3, 32, 32])
    lo, hi = g.const("relu6_min", 0.0), g.const("relu6_max", 6.0)  # shared by all Clips
    h = g.relu6(g.bn(g.conv(x, 3, 16, 3, stride=2, bias=False), 16), lo, hi)  # 16x16
    c = 16
    for i, (cout, s) in enumerate([(32, 1), (64, 2), (64, 1), (128, 2), (128, 1)]):
        eps = 1e-3 if i % 2 else 1e-5
        h = g.conv(h, c, c, 3, stride=s, group=c, bias=False)          # depthwise
        h = g.relu6(g.bn(h, c, eps), lo, hi)
        h = g.conv(h, c, cout, 1, bias=False)                           # pointwise
        h = g.relu6(g.bn(h, cout, eps), lo, hi)
        c = cout                                                        # ends 128x4x4
    h = g.node("GlobalAveragePool", [h])
    h = g.node("Flatten", [h], axis=1)
    h = g.gemm(h, c, 10)
    h = g.node("Softmax", [h], axis=1)
    g.output(h, "probs", [1, 10])
    return g


def mobilenet_v1_025():
    """MobileNetV1 at width 0.25 on a 96x96x3 image (the visual-wake-words
    shape): conv s2 + 13 depthwise-separable blocks, BN + ReLU6, 2 classes."""
    g = Graph("mobilenet_v1_025", seed=505)
    x = g.input("image", [1, 3, 96, 96])
    lo, hi = g.const("relu6_min", 0.0), g.const("relu6_max", 6.0)
    h = g.relu6(g.bn(g.conv(x, 3, 8, 3, stride=2, bias=False), 8), lo, hi)    # 48x48
    c = 8
    blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)] + [(128, 1)] * 5 + \
             [(256, 2), (256, 1)]                                              # ends 256x3x3
    for cout, s in blocks:
        h = g.relu6(g.bn(g.conv(h, c, c, 3, stride=s, group=c, bias=False), c), lo, hi)
        h = g.relu6(g.bn(g.conv(h, c, cout, 1, bias=False), cout), lo, hi)
        c = cout
    h = g.node("Flatten", [g.node("GlobalAveragePool", [h])], axis=1)
    h = g.node("Softmax", [g.gemm(h, c, 2)], axis=1)
    g.output(h, "probs", [1, 2])
    return g


def inplace_tail():
    """Kernels that run in place on odd sizes: a pointwise expansion over 35
    pixels (a partial last block) and a strided depthwise convolution whose
    5x7 planes shrink to 3x4 over themselves."""
    g = Graph("inplace_tail", seed=606)
    x = g.input("x", [1, 4, 5, 7])
    h = g.node("Relu", [x])
    h = g.relu6(g.conv(h, 4, 12, 1, pads=[0, 0, 0, 0]),
                g.const("lo", 0.0), g.const("hi", 6.0))                    # 1x12x5x7
    h = g.node("Relu", [g.conv(h, 12, 12, 3, stride=2, group=12)])        # 1x12x3x4
    h = g.node("Flatten", [g.node("GlobalAveragePool", [h])], axis=1)
    g.output(h, "y", [1, 12])
    return g


def branchy():
    """Two wide branches written in a bad order: the file runs both 32-channel
    convolutions before either 1x1 reduction, so both large tensors are live
    at once; mote-schedule-for-memory runs each branch to its end first."""
    g = Graph("branchy", seed=707)
    x = g.input("x", [1, 4, 16, 16])
    a = g.node("Relu", [g.conv(x, 4, 32, 3)])                  # 1x32x16x16
    b = g.node("Relu", [g.conv(x, 4, 32, 3)])
    a = g.conv(a, 32, 4, 1, pads=[0, 0, 0, 0])                 # 1x4x16x16
    b = g.conv(b, 32, 4, 1, pads=[0, 0, 0, 0])
    h = g.node("Flatten", [g.node("GlobalAveragePool", [g.node("Add", [a, b])])], axis=1)
    g.output(h, "y", [1, 4])
    return g


def resnet_skip():
    """ResNet-style: stem + MaxPool, identity block, downsampling block, identity block."""
    g = Graph("resnet_skip", seed=202)
    x = g.input("input", [1, 3, 32, 32])
    h = g.node("Relu", [g.bn(g.conv(x, 3, 16, 3, bias=False), 16)])
    h = g.node("MaxPool", [h], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])  # 16x16

    def block(h, cin, cout, stride):
        y = g.node("Relu", [g.bn(g.conv(h, cin, cout, 3, stride=stride, bias=False), cout)])
        y = g.bn(g.conv(y, cout, cout, 3, bias=False), cout)
        if stride != 1 or cin != cout:   # 1x1 strided projection
            h = g.bn(g.conv(h, cin, cout, 1, stride=stride, pads=[0, 0, 0, 0], bias=False), cout)
        return g.node("Relu", [g.node("Add", [y, h])])

    h = block(h, 16, 16, 1)
    h = block(h, 16, 32, 2)  # 8x8
    h = block(h, 32, 32, 1)
    h = g.node("GlobalAveragePool", [h])
    h = g.node("Flatten", [h], axis=1)
    h = g.gemm(h, 32, 10)
    g.output(h, "logits", [1, 10])
    return g


def mlp():
    """64 -> 128 -> 64 -> 32 -> 10 with Gemm (both transB), MatMul+Add."""
    g = Graph("mlp", seed=303)
    x = g.input("x", [1, 64])
    h = g.node("Relu", [g.gemm(x, 64, 128, trans_b=1)])
    w2 = g.const("fc_w", g.randn([128, 64], np.sqrt(1.0 / 128)))
    b2 = g.const("fc_b", g.randn([64], 0.1))
    h = g.node("Sigmoid", [g.node("Add", [g.node("MatMul", [h, w2]), b2])])
    h = g.node("Tanh", [g.gemm(h, 64, 32, trans_b=0, alpha=0.5, beta=2.0)])
    h = g.node("Softmax", [g.gemm(h, 32, 10, trans_b=1)])  # opset 13: axis=-1
    g.output(h, "y", [1, 10])
    return g


def tiny_mix():
    """Two inputs, two outputs, and the remaining ops of the list."""
    g = Graph("tiny_mix", seed=404, opset=14)
    x = g.input("x", [1, 4, 8, 8])
    y = g.input("y", [1, 8])
    a = g.node("LeakyRelu", [g.conv(x, 4, 6, 3)], alpha=0.1)                     # 1x6x8x8
    p = g.node("Pad", [x, g.ints("pads", [0, 0, 2, 1, 0, 0, 0, 1]),
                       g.const("pad_value", 0.5)], mode="constant")              # 1x4x10x10
    b = g.node("HardSwish", [g.conv(p, 4, 6, 3, group=2, pads=[0, 0, 0, 0])])    # 1x6x8x8
    c = g.node("Concat", [a, b], axis=1)                                         # 1x12x8x8
    c = g.node("AveragePool", [c], kernel_shape=[3, 3], strides=[2, 2],
               pads=[1, 1, 1, 1], count_include_pad=0)                           # 1x12x4x4
    m = g.node("ReduceMean", [c], axes=[2, 3], keepdims=1)                       # 1x12x1x1
    d = g.node("Div", [g.node("Sub", [c, m]),
                       g.const("div", g.uniform([12, 1, 1], 0.5, 2.0))])          # 1x12x4x4
    t = g.node("Transpose", [d], perm=[0, 2, 3, 1])                               # 1x4x4x12
    r = g.node("Reshape", [t, g.ints("shape", [0, -1, 12])])                       # 1x16x12
    r = g.node("Dropout", [g.node("Identity", [r]), g.const("ratio", 0.25)])      # inference: identity
    mm = g.node("MatMul", [r, g.const("mm_w", g.randn([12, 8], np.sqrt(1.0 / 12)))])
    mm = g.node("Add", [mm, g.const("mm_b", g.randn([8], 0.1))])                 # 1x16x8
    z = g.node("ReduceMean", [mm], axes=[1], keepdims=0)                          # 1x8
    z = g.node("Mul", [g.node("Sub", [z, y]), g.const("mul", g.randn([8], 1.0))])
    g.output(g.node("Unsqueeze", [z, g.ints("axes", [1])]), "out_a", [1, 1, 8])
    q = g.node("ReduceMean", [r], axes=[2], keepdims=1)                            # 1x16x1
    q = g.node("Squeeze", [q, g.ints("axes", [0, 2])])                            # 16
    g.output(g.node("HardSigmoid", [q], alpha=0.3, beta=0.4), "out_b", [16])
    return g


MODELS = {f.__name__: f for f in (mobilenet_ds, resnet_skip, mlp, tiny_mix, mobilenet_v1_025, inplace_tail, branchy)}


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

def write_if_changed(path, data):
    """Write bytes unless the file already holds them; return True if written."""
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    except FileNotFoundError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def make_inputs(g, k):
    rng = np.random.RandomState(10000 + 17 * sum(map(ord, g.name)) + k)
    arrays = []
    for name, shape in g.input_specs:
        if k == 0:
            a = rng.standard_normal(shape)
        else:  # a second, differently distributed set
            a = rng.uniform(-2.0, 2.0, shape)
        arrays.append(numpy_helper.from_array(a.astype(np.float32), name))
    return arrays


def generate(out_dir, names):
    for name in names:
        g = MODELS[name]()
        case = os.path.join(out_dir, name)
        os.makedirs(case, exist_ok=True)
        model = g.model()
        changed = write_if_changed(os.path.join(case, "model.onnx"), model.SerializeToString())
        for k in range(N_DATA_SETS):
            ds = os.path.join(case, "test_data_set_%d" % k)
            os.makedirs(ds, exist_ok=True)
            for i, t in enumerate(make_inputs(g, k)):
                changed |= write_if_changed(os.path.join(ds, "input_%d.pb" % i), t.SerializeToString())
        if changed:  # outputs computed from other bytes are stale
            for k in range(N_DATA_SETS):
                ds = os.path.join(case, "test_data_set_%d" % k)
                for f in os.listdir(ds):
                    if f.startswith("output_"):
                        os.remove(os.path.join(ds, f))
        nbytes = sum(len(t.raw_data) for t in model.graph.initializer)
        print("%-13s %3d nodes, %7d weight bytes, opset %d%s" % (
            name, len(model.graph.node), nbytes, g.opset, "" if changed else " (unchanged)"))


# --------------------------------------------------------------------------
# Verification of the ORT outputs
# --------------------------------------------------------------------------

def load_tensor(path):
    t = TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return t


def mlp_numpy(model, x):
    """Independent numpy forward pass of the mlp model, reading weights by node."""
    w = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    env = {model.graph.input[0].name: x.astype(np.float64)}
    for n in model.graph.node:
        a = [env[i] if i in env else w[i] for i in n.input]
        at = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        if n.op_type == "Gemm":
            b = a[1].T if at.get("transB", 0) else a[1]
            r = at.get("alpha", 1.0) * (a[0] @ b) + at.get("beta", 1.0) * a[2]
        elif n.op_type == "MatMul":
            r = a[0] @ a[1]
        elif n.op_type == "Add":
            r = a[0] + a[1]
        elif n.op_type == "Relu":
            r = np.maximum(a[0], 0)
        elif n.op_type == "Sigmoid":
            r = 1 / (1 + np.exp(-a[0]))
        elif n.op_type == "Tanh":
            r = np.tanh(a[0])
        elif n.op_type == "Softmax":
            e = np.exp(a[0] - a[0].max(axis=-1, keepdims=True))
            r = e / e.sum(axis=-1, keepdims=True)
        elif n.op_type == "Identity":
            r = a[0]
        else:
            raise RuntimeError("mlp_numpy: unexpected op " + n.op_type)
        env[n.output[0]] = r
    return [env[o.name] for o in model.graph.output]


def verify(out_dir, names):
    errors = []
    for name in names:
        case = os.path.join(out_dir, name)
        model = onnx.load(os.path.join(case, "model.onnx"))
        for k in range(N_DATA_SETS):
            ds = os.path.join(case, "test_data_set_%d" % k)
            outs = []
            for i, o in enumerate(model.graph.output):
                path = os.path.join(ds, "output_%d.pb" % i)
                if not os.path.exists(path):
                    errors.append("%s: missing (run ort_reference.mjs)" % path)
                    continue
                t = load_tensor(path)
                a = numpy_helper.to_array(t)
                want = [d.dim_value for d in o.type.tensor_type.shape.dim]
                if t.name != o.name or t.data_type != TensorProto.FLOAT or list(a.shape) != want:
                    errors.append("%s: got %r %s %s, want %r float %s" % (
                        path, t.name, TensorProto.DataType.Name(t.data_type), list(a.shape), o.name, want))
                if not np.all(np.isfinite(a)):
                    errors.append("%s: non-finite values" % path)
                if np.all(a == 0):
                    errors.append("%s: all zeros" % path)
                outs.append(a)
            if name == "mlp" and len(outs) == 1:
                x = numpy_helper.to_array(load_tensor(os.path.join(ds, "input_0.pb")))
                ref = mlp_numpy(model, x)[0]
                err = np.max(np.abs(ref - outs[0]))
                print("mlp test_data_set_%d: max |numpy - ORT| = %.3g" % (k, err))
                if not np.allclose(outs[0], ref, rtol=1e-4, atol=1e-6):
                    errors.append("%s: ORT output differs from numpy forward pass (max abs %g)" % (ds, err))
    for e in errors:
        print("error: " + e, file=sys.stderr)
    if not errors:
        print("verified %d models x %d data sets" % (len(names), N_DATA_SETS))
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", nargs="?", help="output directory (created if missing)")
    ap.add_argument("--models", default=",".join(MODELS), help="comma-separated subset")
    ap.add_argument("--verify", action="store_true", help="check outputs instead of generating")
    ap.add_argument("--list", action="store_true", help="print model names and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(MODELS))
        return 0
    if not args.out_dir:
        ap.error("OUT_DIR is required")
    names = [n for n in args.models.split(",") if n]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        ap.error("unknown model(s): %s (have: %s)" % (", ".join(unknown), ", ".join(MODELS)))
    if args.verify:
        return verify(args.out_dir, names)
    os.makedirs(args.out_dir, exist_ok=True)
    generate(args.out_dir, names)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Checks the values print_io printed for one of the models in this
directory against numpy: every input holds 0-based element j as j - 1.

usage: check_outputs.py MODEL IO.TXT"""
import sys

import numpy as np

model, io = sys.argv[1], sys.argv[2]
got = {}
for line in open(io):
    words = line.split()
    if words[:1] == ["output"] and words[2] == "values":
        got[int(words[1])] = np.array([float(w) for w in words[3:]], np.float32)


def inp(*shape):
    return (np.arange(int(np.prod(shape)), dtype=np.float32) - 1).reshape(shape)


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


if model == "mlp":
    x = inp(2, 4)
    w1 = np.array([0.5, -1, 0.25, 1, 0, -0.5, -0.25, 2, 1, 0, 1, 0], np.float32).reshape(4, 3)
    b1 = np.array([0.1, -0.1, 0], np.float32)
    w2 = np.array([1, 0, 0, 0, 1, 0, 0.5, 0.5, 1], np.float32).reshape(3, 3)
    b2 = np.array([0, 0, 1], np.float32)
    want = [sigmoid(np.maximum(x @ w1 + b1, 0) @ w2 + b2)]
elif model == "multi-io":
    a, b, lo = inp(2, 3), inp(2, 1), inp()
    cat = np.concatenate([a, b], axis=1)
    padded = np.pad(np.maximum(a, lo), [(1, 0), (1, 2)])
    want = [cat, cat.T, a.mean(axis=1, keepdims=True), padded, a - b]
elif model == "unused-input":
    want = [inp(4) * inp(4)]
elif model == "no-intermediates":
    x = inp(1, 4)
    want = [np.where(x >= 0, x, 0.5 * x)]
elif model == "identity":
    want = [inp(2, 2)]
elif model == "activations":
    x, v = inp(1, 2, 9), inp(1, 2, 4, 4, 4)
    w = np.array([1, 0, -1, 0.5, 0.5, 0.5, 0, 1, 0, 1, 1, 1, -1, 0, 1, 0.25, 0, 0],
                 np.float32).reshape(3, 2, 3)
    conv = np.zeros((1, 3, 7), np.float32)
    for m in range(3):
        for i in range(7):
            conv[0, m, i] = (x[0, :, i:i + 3] * w[m]).sum()
    lr = np.where(conv >= 0, conv, 0.1 * conv)
    c = np.clip(0.3 * lr + 0.4, 0, 1)
    padded = np.pad(v, [(0, 0), (0, 0), (0, 1), (0, 1), (0, 1)])
    pool = np.zeros((1, 2, 2, 2, 2), np.float32)
    for ch in range(2):
        for d in range(2):
            for h in range(2):
                for k in range(2):
                    pool[0, ch, d, h, k] = padded[0, ch, 2 * d:2 * d + 2, 2 * h:2 * h + 2,
                                                  2 * k:2 * k + 2].sum() / 8
    t = np.tanh(x)
    want = [c, np.minimum(pool, 2.0), t * np.clip(t / 6 + 0.5, 0, 1)]
else:
    raise SystemExit("unknown model " + model)

assert sorted(got) == list(range(len(want))), (sorted(got), len(want))
for i, w in enumerate(want):
    w = np.asarray(w, np.float32).flatten()
    if got[i].shape != w.shape or not np.allclose(got[i], w, rtol=1e-5, atol=1e-6):
        raise SystemExit("output %d differs:\n got  %s\n want %s" % (i, got[i], w))
print("%s: %d outputs match" % (model, len(want)))

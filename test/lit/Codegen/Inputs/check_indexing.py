"""Checks the values print_io printed for indexing.onnxtext against numpy:
the input x holds 0-based element j as j - 1.

usage: check_indexing.py IO.TXT"""
import sys

import numpy as np

got = {}
for line in open(sys.argv[1]):
    words = line.split()
    if words[:1] == ["output"] and words[2] == "values":
        got[int(words[1])] = np.array([float(w) for w in words[3:]], np.float32)

x = (np.arange(8, dtype=np.float32) - 1).reshape(2, 4)
want = []
want.append(np.take_along_axis(x, np.array([[3, 0], [1, 3]]), 1))  # GatherElements
se = x.copy()
se[0, 1] += 10
se[1, 2] += 20
want.append(se)  # ScatterElements add
sn = x.copy()
sn[1, 0] = 100
want.append(sn)  # ScatterND
want.append(np.array([x[1, 2], x[0, 0]]))  # GatherND
rev = np.flip(x, 1)
want.append(np.flip(np.cumsum(rev, 1) - rev, 1))  # CumSum exclusive reverse
order = np.argsort(-x, 1, kind="stable")[:, :2]
want.append(np.take_along_axis(x, order, 1))  # TopK values
want.append(order.astype(np.float32))  # TopK indices
want.append(np.pad(x, [(0, 0), (2, 1)], mode="reflect"))  # Pad reflect
want.append(np.triu(x, 1))  # Trilu
want.append(x[:, :1])  # Split
want.append(x[:, 1:])
r = x.reshape(1, 2, 2, 2, 1, 1).transpose(0, 1, 4, 2, 5, 3)
want.append(r.reshape(1, 2, 2, 2))  # DepthToSpace CRD
oh = np.zeros((3, 4), np.float32)
oh[0, 1] = 5
oh[1, 3] = 5
want.append(oh)  # OneHot: 7 is outside the depth
want.append(x[:, [0, 2, 3]])  # Compress
rs = x.copy()  # time is dim 0, batch dim 1
for b, n in enumerate([1, 2, 0, 2]):
    rs[:n, b] = x[:n, b][::-1]
want.append(rs)  # ReverseSequence
want.append(np.pad(x.astype(np.int32), [(0, 1), (1, 1)], mode="edge"))  # Pad edge, int32
want.append(np.concatenate([x, x], 0))  # Concat of int32
want.append(x)  # Identity of int32

bad = [i for i, w in enumerate(want)
       if i not in got or got[i].size != w.size or not np.allclose(got[i], w.ravel())]
if bad:
    for i in bad:
        print("output", i, "got", got.get(i), "want", want[i].ravel())
    sys.exit(1)
print("indexing: %d outputs match" % len(want))

#!/usr/bin/python3
"""Memory-planning figures of the model zoo, as a markdown table.

    bench/memory.py MOTEC ZOO_DIR [--check]

For each model: the arena Mote plans; the arena with plain lifetime sharing
(`motec --no-in-place`: no kernel writes over its input); the sum of all
intermediate tensors (no sharing at all); the largest single kernel's
intermediate inputs + outputs, which bounds any arena from below unless
kernels run in place; and the ratios. All numbers come from `motec --report`.

--check fails (exit 1) unless the acceptance figures of the memory-planning
issue hold: on the MobileNetV1-style net (width 0.25, 96x96) the arena is at
most 75% of plain lifetime sharing, and on the chain CNNs the arena is below
the largest kernel's inputs + outputs.
"""
import json
import os
import subprocess
import sys
import tempfile

MODELS = ["mobilenet_v1_025", "mobilenet_ds", "resnet_skip", "tiny_mix", "mlp", "inplace_tail", "branchy"]
CHAIN_CNNS = ["mobilenet_v1_025", "mobilenet_ds"]


def report(motec, model, extra):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        subprocess.run([motec, model, "-o", os.path.join(tmp, "m.cpp"), "--report", path,
                        "-q"] + extra, check=True)
        with open(path) as f:
            return json.load(f)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    motec, zoo = args
    rows, failures = [], []
    for name in MODELS:
        model = os.path.join(zoo, name, "model.onnx")
        if not os.path.exists(model):
            failures.append("%s: missing (run test/zoo/generate.sh)" % model)
            continue
        planned = report(motec, model, [])
        plain = report(motec, model, ["--no-in-place"])
        arena, plain_arena = planned["peak_ram_bytes"], plain["peak_ram_bytes"]
        bound = planned["largest_kernel_tensor_bytes"]
        rows.append((name, arena, plain_arena, planned["intermediate_tensor_bytes"], bound,
                     planned["largest_kernel_node"], arena / plain_arena, arena / bound))
        if name == "mobilenet_v1_025" and arena > 0.75 * plain_arena:
            failures.append("%s: arena %d > 75%% of plain lifetime sharing (%d)" %
                            (name, arena, plain_arena))
        if name in CHAIN_CNNS and arena >= bound:
            failures.append("%s: arena %d not below the largest kernel's in+out (%d)" %
                            (name, arena, bound))
    print("| model | arena (bytes) | plain lifetime sharing | sum of intermediates | "
          "largest kernel in+out (node) | arena / plain | arena / largest kernel |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, arena, plain_arena, total, bound, node, r1, r2 in rows:
        print("| %s | %d | %d | %d | %d (%s) | %.2f | %.2f |" %
              (name, arena, plain_arena, total, bound, node, r1, r2))
    for f in failures:
        print("error: " + f, file=sys.stderr)
    return 1 if (check and failures) or (failures and not rows) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Run mote-check over an ONNX backend-test suite directory (run with /usr/bin/python3).

    run_suite.py --suite /usr/share/libonnx-testdata/data/node \\
                 --mote-check build/bin/mote-check --ops-file test/conformance/spine-ops.txt

A test (a subdirectory holding model.onnx and test_data_set_K/) is selected when
every node of its graph, subgraphs included, is a supported op of the default
domain, every graph input, output and initializer is float32, and its data sets
hold float32 TensorProtos.  Selected tests run in parallel; each failure is
printed with the first lines of mote-check's output, then

    <suite name>: N passed, M failed, X expected failures, K not selected
    N passed, M failed

Exit status: 0 if no selected test failed, 1 if one did, 2 on a usage error.
--expect-file lists expected failures, one `test_name: reason` a line (`#`
starts a comment): such a test failing is not counted as failed, and passing
counts as a failure (XPASS), as in lit.
"""
import argparse
import collections
import math
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import onnx
from onnx import TensorProto

DEFAULT_DOMAINS = ("", "ai.onnx")
FLOAT = TensorProto.FLOAT


def type_name(elem_type):
    try:
        return TensorProto.DataType.Name(elem_type).lower()
    except ValueError:  # newer than this onnx package
        return "elem_type %d" % elem_type


def value_kind(type_proto):
    """'tensor' or the kind of a non-tensor ValueInfo type."""
    kind = type_proto.WhichOneof("value")
    return {"tensor_type": "tensor", "sequence_type": "a sequence", "map_type": "a map",
            "optional_type": "an optional", "sparse_tensor_type": "a sparse tensor",
            None: "untyped"}.get(kind, kind)


def walk_nodes(graph):
    for node in graph.node:
        yield node
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from walk_nodes(attr.g)
            elif attr.type == onnx.AttributeProto.GRAPHS:
                for g in attr.graphs:
                    yield from walk_nodes(g)


def tensor_problem(path):
    """None if path holds a float32 TensorProto whose data fits its dims, else why not."""
    t = TensorProto()
    try:
        with open(path, "rb") as f:
            t.ParseFromString(f.read())
    except Exception:  # noqa: BLE001 - any parse error means "not a tensor"
        return "not a TensorProto"
    count = math.prod(t.dims) if all(d >= 0 for d in t.dims) else -1
    if t.data_type == FLOAT and t.data_location != TensorProto.EXTERNAL and (
            len(t.raw_data) == 4 * count if t.raw_data else len(t.float_data) == count):
        return None
    if t.data_type not in TensorProto.DataType.values() or t.data_type == 0 or count < 0:
        return "not a TensorProto"
    if t.data_type != FLOAT:
        return "a %s tensor" % type_name(t.data_type)
    return "a malformed tensor"


class Test:
    def __init__(self, name, path):
        self.name, self.path = name, path
        self.reasons = []          # why not selected (empty: selected)
        self.ops = set()
        self.status = None         # pass / fail / xfail / xpass / timeout
        self.rc, self.output, self.seconds = None, "", 0.0
        self.expected = None       # reason from --expect-file

    @property
    def selected(self):
        return not self.reasons


def analyze(test, supported, allow_int_inits):
    try:
        model = onnx.load(os.path.join(test.path, "model.onnx"), load_external_data=False)
    except Exception as e:  # noqa: BLE001
        test.reasons.append("model unreadable (%s)" % str(e).splitlines()[0][:80])
        return
    bad_ops = []
    for node in walk_nodes(model.graph):
        op = node.op_type if node.domain in DEFAULT_DOMAINS else "%s.%s" % (node.domain, node.op_type)
        test.ops.add(op)
        if (node.domain not in DEFAULT_DOMAINS or op not in supported) and op not in bad_ops:
            bad_ops.append(op)
    test.reasons += ["op %s not supported" % op for op in bad_ops]
    for what, values in (("input", model.graph.input), ("output", model.graph.output)):
        for v in values:
            kind = value_kind(v.type)
            if kind != "tensor":
                test.reasons.append("%s '%s' is %s" % (what, v.name, kind))
            elif v.type.tensor_type.elem_type != FLOAT:
                test.reasons.append("%s '%s' is %s" % (what, v.name, type_name(v.type.tensor_type.elem_type)))
    for t in model.graph.initializer:
        if t.data_type != FLOAT and not (allow_int_inits and t.data_type in (TensorProto.INT64, TensorProto.INT32)):
            test.reasons.append("initializer '%s' is %s" % (t.name, type_name(t.data_type)))
    if test.reasons:
        return
    sets = sorted(d for d in os.listdir(test.path) if re.fullmatch(r"test_data_set_\d+", d))
    if not sets:
        test.reasons.append("no test data set")
    for s in sets:
        files = sorted(f for f in os.listdir(os.path.join(test.path, s)) if f.endswith(".pb"))
        for f in files:
            problem = tensor_problem(os.path.join(test.path, s, f))
            if problem:
                test.reasons.append("data set holds non-tensor protos (%s/%s is %s)" % (s, f, problem))
                return


def reason_key(reason):
    """Group reasons for the statistics: names of values differ between tests."""
    return re.sub(r"^(input|output|initializer) '.*' is", r"\1 is", reason)


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------

class Runner:
    def __init__(self, cmd_prefix, timeout):
        self.cmd_prefix, self.timeout = cmd_prefix, timeout
        self.lock = threading.Lock()
        self.running = set()
        self.stopping = False

    def run(self, test):
        cmd = self.cmd_prefix[:1] + [test.path] + self.cmd_prefix[1:]
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="mote-suite-") as tmp:
            with self.lock:
                if self.stopping:
                    return test
                proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
                self.running.add(proc)
            try:
                out, _ = proc.communicate(timeout=self.timeout)
                test.rc = proc.returncode
                test.status = "pass" if proc.returncode == 0 else "fail"
            except subprocess.TimeoutExpired:
                self.kill(proc)
                out, _ = proc.communicate()
                test.rc, test.status = None, "timeout"
            finally:
                with self.lock:
                    self.running.discard(proc)
        test.seconds = time.monotonic() - start
        test.output = out.decode("utf-8", "replace")
        if test.expected is not None:
            test.status = "xpass" if test.status == "pass" else "xfail"
        return test

    @staticmethod
    def kill(proc):
        try:  # the whole process group: mote-check's compiler and test binary too
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop_all(self):
        with self.lock:
            self.stopping = True
            for proc in self.running:
                self.kill(proc)


def failure_text(test, max_lines):
    if test.status == "timeout":
        head = "TIMEOUT: %s (after %.0f s)" % (test.name, test.seconds)
    elif test.status == "xpass":
        head = "XPASS: %s (passed, but expected to fail: %s)" % (test.name, test.expected)
    else:
        head = "FAIL: %s (exit %s, %.1f s)" % (test.name, test.rc, test.seconds)
    lines = test.output.rstrip("\n").splitlines() if test.status != "xpass" else []
    shown = ["    " + l for l in lines[:max_lines]]
    if len(lines) > max_lines:
        shown.append("    ... (%d more lines)" % (len(lines) - max_lines))
    return "\n".join([head] + shown)


# --------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------

def write_junit(path, suite_name, tests, total_seconds):
    counts = collections.Counter(t.status for t in tests if t.selected)
    root = ET.Element("testsuites")
    ts = ET.SubElement(root, "testsuite", name=suite_name, tests=str(len(tests)),
                       failures=str(counts["fail"] + counts["xpass"]), errors=str(counts["timeout"]),
                       skipped=str(sum(1 for t in tests if not t.selected or t.status == "xfail")),
                       time="%.3f" % total_seconds)
    for t in tests:
        tc = ET.SubElement(ts, "testcase", classname=suite_name, name=t.name, time="%.3f" % t.seconds)
        if not t.selected:
            ET.SubElement(tc, "skipped", message="not selected: " + "; ".join(t.reasons))
        elif t.status == "fail":
            ET.SubElement(tc, "failure", message="exit %s" % t.rc).text = t.output
        elif t.status == "timeout":
            ET.SubElement(tc, "error", message="timeout").text = t.output
        elif t.status == "xpass":
            ET.SubElement(tc, "failure", message="unexpected pass (expected: %s)" % t.expected)
        elif t.status == "xfail":
            ET.SubElement(tc, "skipped", message="expected failure: " + t.expected).text = t.output
        if t.output and t.status in ("pass", "xpass"):
            ET.SubElement(tc, "system-out").text = t.output
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_log(path, suite_name, tests, cmd_prefix):
    with open(path, "w", encoding="utf-8") as f:
        f.write("suite %s, command: %s\n\n" % (suite_name, " ".join(map(shlex.quote, cmd_prefix[:1] + ["CASE_DIR"] + cmd_prefix[1:]))))
        for t in tests:
            if t.selected and t.status:
                f.write("=== %s: %s (exit %s, %.2f s)%s\n%s\n" % (
                    t.status.upper(), t.name, t.rc, t.seconds,
                    " expected failure: " + t.expected if t.expected else "", t.output.rstrip("\n")))
        f.write("\n=== not selected\n")
        for t in tests:
            if not t.selected:
                f.write("%s: %s\n" % (t.name, "; ".join(t.reasons)))


def read_ops(args):
    ops = set()
    if args.ops:
        ops.update(o.strip() for o in args.ops.split(",") if o.strip())
    if args.ops_file:
        with open(args.ops_file) as f:
            for line in f:
                ops.update(line.split("#", 1)[0].split())
    return ops


def read_expect_file(path):
    expected = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, sep, reason = line.partition(":")
            if not sep or not name.strip() or not reason.strip():
                raise SystemExit("%s:%d: expected `test_name: reason`" % (path, n))
            expected[name.strip()] = reason.strip()
    return expected


def default_suite_name(suite):
    parts = os.path.abspath(suite).rstrip("/").split("/")
    # .../libonnx-testdata/data/node -> libonnx-testdata/node
    parent = next((p for p in reversed(parts[:-1]) if p not in ("data", "")), "")
    return parent + "/" + parts[-1] if parent else parts[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", required=True, help="suite directory (e.g. .../node)")
    ap.add_argument("--name", help="suite name in the summary (default: from the path)")
    ap.add_argument("--mote-check", help="path of mote-check (not needed with --list)")
    ap.add_argument("--ops", help="comma-separated supported ops")
    ap.add_argument("--ops-file", help="file listing supported ops, one a line")
    ap.add_argument("--allow-int-initializers", action="store_true",
                    help="also select models with int64/int32 initializers (e.g. Reshape shapes)")
    ap.add_argument("--filter", help="only consider tests whose name matches this regex")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=120, help="seconds per test (default 120)")
    ap.add_argument("--target", help="passed to mote-check as --target")
    ap.add_argument("--rtol", help="passed to mote-check as --rtol")
    ap.add_argument("--atol", help="passed to mote-check as --atol")
    ap.add_argument("--check-args", default="", help="more mote-check arguments (one shell-quoted string)")
    ap.add_argument("--expect-file", help="expected failures, `test_name: reason` a line")
    ap.add_argument("--junit", help="write a JUnit XML report here")
    ap.add_argument("--log", help="write every test's full output and the not-selected reasons here")
    ap.add_argument("--max-lines", type=int, default=15, help="output lines shown per failure")
    ap.add_argument("--list", action="store_true", help="only print the selection, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print per-op counts of selected tests and the not-selected reasons")
    args = ap.parse_args()

    supported = read_ops(args)
    if not supported:
        ap.error("give the supported ops with --ops or --ops-file")
    if not os.path.isdir(args.suite):
        ap.error("no suite directory %s" % args.suite)
    if not args.list:
        if not args.mote_check:
            ap.error("--mote-check is required (or use --list)")
        if not (os.path.isfile(args.mote_check) and os.access(args.mote_check, os.X_OK)):
            ap.error("mote-check %s is not an executable file" % args.mote_check)
    suite_name = args.name or default_suite_name(args.suite)
    expected = read_expect_file(args.expect_file) if args.expect_file else {}

    pattern = re.compile(args.filter) if args.filter else None
    tests = [Test(d, os.path.join(args.suite, d)) for d in sorted(os.listdir(args.suite))
             if os.path.isfile(os.path.join(args.suite, d, "model.onnx"))
             and (not pattern or pattern.search(d))]
    if not tests:
        print("run_suite: no test (directory with model.onnx) in %s" % args.suite, file=sys.stderr)
        return 2
    for t in tests:
        analyze(t, supported, args.allow_int_initializers)
        t.expected = expected.get(t.name) if t.selected else None
    selected = [t for t in tests if t.selected]
    not_selected = [t for t in tests if not t.selected]
    names = {t.name: t for t in tests}
    for name in expected:
        if name not in names:
            print("note: --expect-file names %s, which is not in the suite" % name)
        elif not names[name].selected:
            print("note: --expect-file names %s, which is not selected" % name)

    if args.verbose or args.list:
        per_op = collections.Counter(op for t in selected for op in t.ops)
        print("%d selected tests use these ops (tests per op):" % len(selected))
        for op in sorted(supported, key=lambda o: (-per_op[o], o)):
            print("  %-20s %4d" % (op, per_op[op]))
        blockers, sole, others = collections.Counter(), collections.Counter(), collections.Counter()
        for t in not_selected:
            keys = sorted({reason_key(r) for r in t.reasons})
            for k in keys:
                (blockers if k.startswith("op ") else others)[k] += 1
            if len(keys) == 1:
                sole[keys[0]] += 1
        print("%d tests not selected; reasons (tests having it / tests having only it):" % len(not_selected))
        for k, n in sorted(list(others.items()) + list(blockers.items()), key=lambda kv: (-kv[1], kv[0])):
            print("  %-50s %4d %4d" % (k, n, sole[k]))
    if args.list:
        for t in tests:
            print("%s %s" % ("SELECTED" if t.selected else "skipped ", t.name)
                  + ("" if t.selected else ": " + "; ".join(t.reasons)))
        print("%s: %d selected, %d not selected" % (suite_name, len(selected), len(not_selected)))
        return 0

    prefix = [os.path.abspath(args.mote_check)]
    for flag in ("target", "rtol", "atol"):
        if getattr(args, flag) is not None:
            prefix += ["--" + flag, getattr(args, flag)]
    prefix += shlex.split(args.check_args)
    runner = Runner(prefix, args.timeout)
    start = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        # Results come back in name order (pool.map), so the report is stable.
        for t in pool.map(runner.run, selected):
            if t.status in ("fail", "timeout", "xpass"):
                print(failure_text(t, args.max_lines), flush=True)
            elif args.verbose:
                print("%s: %s (%.1f s)" % (t.status.upper(), t.name, t.seconds), flush=True)
    except KeyboardInterrupt:
        runner.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        print("run_suite: interrupted", file=sys.stderr)
        return 130
    pool.shutdown()
    total = time.monotonic() - start

    counts = collections.Counter(t.status for t in selected)
    passed = counts["pass"]
    failed = counts["fail"] + counts["timeout"] + counts["xpass"]
    if args.junit:
        write_junit(args.junit, suite_name, tests, total)
    if args.log:
        write_log(args.log, suite_name, tests, prefix)
    if counts["xfail"]:
        print("%d expected failures (listed in %s)" % (counts["xfail"], args.expect_file))
    if failed:
        no_build = sum(1 for t in selected if t.status == "fail" and t.rc == 2)
        print("of the %d failures: %d mismatches (exit 1), %d could not compile or run (exit 2), "
              "%d other exits, %d timeouts, %d unexpected passes" % (
                  failed, sum(1 for t in selected if t.status == "fail" and t.rc == 1), no_build,
                  sum(1 for t in selected if t.status == "fail" and t.rc not in (1, 2)),
                  counts["timeout"], counts["xpass"]))
    print("time: %.1f s with %d jobs" % (total, args.jobs))
    print("%s: %d passed, %d failed, %d expected failures, %d not selected" % (
        suite_name, passed, failed, counts["xfail"], len(not_selected)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

// Compute reference outputs of ONNX backend-test style cases with ONNX Runtime.
//
//   node ort_reference.mjs [--npm-dir DIR] [--check] CASE_DIR...
//
// For each CASE_DIR (model.onnx + test_data_set_K/input_I.pb) it runs the model
// on every data set and writes test_data_set_K/output_I.pb (output I = the
// model's I-th graph output).  With --check it compares with the output_I.pb
// files already there instead (rtol 1e-3, atol 1e-5), e.g. to test this script
// on the ONNX backend suites.
//
// onnxruntime-node is loaded from DIR/node_modules (DIR: --npm-dir, else
// $MOTE_NPM_DIR, else ordinary module resolution).  Session options:
// intraOpNumThreads 1 and graphOptimizationLevel 'disabled', so the reference
// runs the graph as written (BatchNormalization unfused, no layout rewrites):
// it should not share the transformations the compiler under test makes.
//
// Node has no ONNX protobuf library, so TensorProto is encoded and decoded
// here by hand (protobuf wire format).  Fields used (onnx.proto):
//   1 dims (repeated int64)  2 data_type (int32)  4 float_data (packed float)
//   5 int32_data  7 int64_data  8 name (string)  9 raw_data (bytes)
//   10 double_data  14 data_location (EXTERNAL is rejected)
// Outputs are written as Python's onnx.numpy_helper.from_array writes them:
// dims, data_type, name, raw_data (little endian).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// ONNX TensorProto.DataType -> [ORT type name, typed array, bytes per element]
const TYPES = {
  1: ['float32', Float32Array, 4],
  2: ['uint8', Uint8Array, 1],
  3: ['int8', Int8Array, 1],
  6: ['int32', Int32Array, 4],
  7: ['int64', BigInt64Array, 8],
  9: ['bool', Uint8Array, 1],
  11: ['float64', Float64Array, 8],
};
const ONNX_TYPE = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v[0], Number(k)]));

// ---------------------------------------------------------------- decoding
class Reader {
  constructor(buf) { this.buf = buf; this.pos = 0; }
  done() { return this.pos >= this.buf.length; }
  varint() { // as BigInt (int64 fields may be negative: 10-byte two's complement)
    let result = 0n, shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return BigInt.asIntN(64, result);
      shift += 7n;
    }
  }
  bytes() {
    const n = Number(this.varint());
    if (this.pos + n > this.buf.length) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

// Repeated scalar field: packed (wire 2) or one element per tag.
function readRepeated(r, wire, scalarWire, readOne, into) {
  if (wire === 2 && scalarWire !== 2) {
    const sub = new Reader(r.bytes());
    while (!sub.done()) into.push(readOne(sub));
  } else if (wire === scalarWire) {
    into.push(readOne(r));
  } else {
    throw new Error(`bad wire type ${wire}`);
  }
}
const f32 = (r) => { const v = r.buf.readFloatLE(r.pos); r.pos += 4; return v; };
const f64 = (r) => { const v = r.buf.readDoubleLE(r.pos); r.pos += 8; return v; };

export function decodeTensor(buf) {
  const r = new Reader(buf);
  const t = { dims: [], dataType: 0, name: '', raw: null, floats: [], ints: [], doubles: [] };
  while (!r.done()) {
    const key = Number(r.varint());
    const field = key >>> 3, wire = key & 7;
    switch (field) {
      case 1: readRepeated(r, wire, 0, (s) => Number(s.varint()), t.dims); break;
      case 2: t.dataType = Number(r.varint()); break;
      case 4: readRepeated(r, wire, 5, f32, t.floats); break;
      case 5: readRepeated(r, wire, 0, (s) => s.varint(), t.ints); break; // int32/uint8/int8/bool
      case 7: readRepeated(r, wire, 0, (s) => s.varint(), t.ints); break;
      case 8: t.name = r.bytes().toString('utf8'); break;
      case 9: t.raw = r.bytes(); break;
      case 10: readRepeated(r, wire, 1, f64, t.doubles); break;
      case 14: if (Number(r.varint()) === 1) throw new Error('external data is not supported'); break;
      default: r.skip(wire);
    }
  }
  const type = TYPES[t.dataType];
  if (!type) throw new Error(`tensor '${t.name}': unsupported data_type ${t.dataType}`);
  const [ortType, Typed, size] = type;
  const count = t.dims.reduce((a, b) => a * b, 1);
  let data;
  if (t.raw) {
    if (t.raw.length !== count * size) throw new Error(`tensor '${t.name}': raw_data size mismatch`);
    data = new Typed(count);
    Buffer.from(data.buffer).set(t.raw); // protobuf raw_data is little endian, as is x64
  } else {
    const src = t.dataType === 1 ? t.floats : t.dataType === 11 ? t.doubles
      : t.dataType === 7 ? t.ints : t.ints.map(Number);
    if (src.length !== count) throw new Error(`tensor '${t.name}': holds ${src.length} values, dims say ${count}`);
    data = Typed.from(src);
  }
  return { name: t.name, dims: t.dims, type: ortType, data };
}

// ---------------------------------------------------------------- encoding
function varintBytes(v) { // non-negative Number or BigInt
  let x = BigInt(v);
  const out = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x) b |= 0x80;
    out.push(b);
  } while (x);
  return Buffer.from(out);
}
const tag = (field, wire) => varintBytes((field << 3) | wire);
const lenField = (field, bytes) => Buffer.concat([tag(field, 2), varintBytes(bytes.length), bytes]);

export function encodeTensor(name, ortTensor) {
  const dataType = ONNX_TYPE[ortTensor.type];
  if (!dataType) throw new Error(`output '${name}': unsupported type ${ortTensor.type}`);
  const d = ortTensor.data;
  const parts = [];
  for (const dim of ortTensor.dims) parts.push(tag(1, 0), varintBytes(dim));
  parts.push(tag(2, 0), varintBytes(dataType));
  if (name) parts.push(lenField(8, Buffer.from(name, 'utf8')));
  parts.push(lenField(9, Buffer.from(d.buffer, d.byteOffset, d.byteLength)));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- running
function loadOrt(npmDir) {
  const base = npmDir ? path.join(path.resolve(npmDir), 'node_modules', 'x.js') : import.meta.url;
  try {
    return createRequire(base)('onnxruntime-node');
  } catch (e) {
    throw new Error(`cannot load onnxruntime-node${npmDir ? ` from ${npmDir}/node_modules` : ''}: ${e.message}`);
  }
}

function writeIfChanged(file, bytes) {
  if (fs.existsSync(file) && fs.readFileSync(file).equals(bytes)) return false;
  fs.writeFileSync(file + '.tmp', bytes);
  fs.renameSync(file + '.tmp', file);
  return true;
}

function compare(name, got, want) {
  if (got.dims.join('x') !== want.dims.join('x')) return `${name}: dims ${got.dims} != ${want.dims}`;
  let worst = 0;
  for (let i = 0; i < want.data.length; i++) {
    const g = Number(got.data[i]), w = Number(want.data[i]);
    if (Number.isNaN(g) && Number.isNaN(w)) continue;
    const err = Math.abs(g - w) - (1e-5 + 1e-3 * Math.abs(w));
    if (!(err <= 0)) worst = Math.max(worst, Number.isNaN(err) ? Infinity : Math.abs(g - w));
  }
  return worst ? `${name}: max abs error ${worst}` : null;
}

async function runCase(ort, caseDir, check) {
  const session = await ort.InferenceSession.create(path.join(caseDir, 'model.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'disabled',
  });
  const sets = fs.readdirSync(caseDir).filter((d) => /^test_data_set_\d+$/.test(d)).sort();
  if (!sets.length) throw new Error('no test_data_set_K directory');
  const problems = [];
  let written = 0;
  for (const set of sets) {
    const dir = path.join(caseDir, set);
    const feeds = {};
    for (let i = 0; i < session.inputNames.length; i++) {
      const file = path.join(dir, `input_${i}.pb`);
      if (!fs.existsSync(file)) throw new Error(`${set}: missing input_${i}.pb`);
      const t = decodeTensor(fs.readFileSync(file));
      // input_I belongs to the I-th graph input; a name in the file must agree.
      const name = session.inputNames[i];
      if (t.name && t.name !== name) throw new Error(`${set}/input_${i}.pb is '${t.name}', graph input ${i} is '${name}'`);
      feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    }
    if (fs.existsSync(path.join(dir, `input_${session.inputNames.length}.pb`))) {
      throw new Error(`${set}: more input files than graph inputs (${session.inputNames.length})`);
    }
    const results = await session.run(feeds);
    session.outputNames.forEach((name, i) => {
      const file = path.join(dir, `output_${i}.pb`);
      const out = results[name];
      if (check) {
        const p = compare(`${set}/output_${i}`, out, decodeTensor(fs.readFileSync(file)));
        if (p) problems.push(p);
      } else {
        if (out.type === 'float32' && out.data.some((v) => !Number.isFinite(v))) {
          problems.push(`${set}/output_${i} (${name}) holds non-finite values`);
        }
        if (writeIfChanged(file, encodeTensor(name, out))) written++;
      }
    });
  }
  await session.release?.();
  return { sets: sets.length, outputs: session.outputNames.length, written, problems };
}

async function main() {
  const args = process.argv.slice(2);
  let npmDir = process.env.MOTE_NPM_DIR || '';
  let check = false;
  const cases = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--npm-dir') npmDir = args[++i];
    else if (args[i].startsWith('--npm-dir=')) npmDir = args[i].slice('--npm-dir='.length);
    else if (args[i] === '--check') check = true;
    else if (args[i] === '-h' || args[i] === '--help') {
      console.log('usage: node ort_reference.mjs [--npm-dir DIR] [--check] CASE_DIR...');
      return 0;
    } else cases.push(args[i]);
  }
  if (!cases.length) {
    console.error('usage: node ort_reference.mjs [--npm-dir DIR] [--check] CASE_DIR...');
    return 2;
  }
  let ort;
  try {
    ort = loadOrt(npmDir);
  } catch (e) {
    console.error(`ort_reference: error: ${e.message.split('\n')[0]}`);
    return 2;
  }
  let failed = 0;
  for (const c of cases) {
    const label = path.basename(path.resolve(c));
    try {
      const r = await runCase(ort, c, check);
      const what = check ? 'checked' : `${r.written} file(s) written`;
      console.log(`${label}: ${r.sets} data set(s) x ${r.outputs} output(s), ${what}`);
      for (const p of r.problems) console.error(`${label}: error: ${p}`);
      if (r.problems.length) failed++;
    } catch (e) {
      console.error(`${label}: error: ${e.message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();

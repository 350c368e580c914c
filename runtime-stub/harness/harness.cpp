/* Mote test harness: runs an emitted model on ONNX TensorProto files.
 *
 *   c++ -std=c++17 -O1 -I<dir with model.h> model.cpp harness.cpp -o run
 *   run <in_dir> <out_dir>
 *
 * Reads <in_dir>/input_<i>.pb for every model input, checks dtype and element count
 * against model_inputs[], calls model_run_v, creates <out_dir> if missing and writes
 * <out_dir>/output_<i>.pb (dims, data_type, name, little-endian raw_data).
 * Exit status: 0 on success; 2 with one line "harness: <file>: <problem>" on stderr.
 *
 * The TensorProto reader is a small hand-written protobuf wire-format parser (no
 * libprotobuf) using plain stdio only, so the same file can later run on bare-metal
 * targets under semihosting. It handles dims (packed or not), data_type, float_data
 * (packed or not), the other typed data fields, raw_data, and skips unknown fields.
 * I/O buffers come from malloc on the host; the model itself uses no heap.
 * Define MOTE_HARNESS_NO_MKDIR where there is no <sys/stat.h>.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef MOTE_HARNESS_NO_MKDIR
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#endif

#include "model.h"

#define HARNESS_PATH_MAX 4096
#define HARNESS_MAX_RANK 8

/* ONNX TensorProto field numbers. */
enum {
  TP_DIMS = 1,
  TP_DATA_TYPE = 2,
  TP_FLOAT_DATA = 4,
  TP_INT32_DATA = 5,
  TP_INT64_DATA = 7,
  TP_NAME = 8,
  TP_RAW_DATA = 9,
  TP_DOUBLE_DATA = 10,
  TP_UINT64_DATA = 11
};

/* Protobuf wire types. */
enum { WT_VARINT = 0, WT_FIXED64 = 1, WT_LEN = 2, WT_FIXED32 = 5 };

static int fail(const char* file, const char* problem) {
  fprintf(stderr, "harness: %s: %s\n", file, problem);
  return 2;
}

/* Size in bytes of one element of ONNX data type `dtype`, 0 if unsupported. */
static size_t dtype_size(int32_t dtype) {
  switch (dtype) {
  case 1:  /* FLOAT */
  case 6:  /* INT32 */
  case 12: /* UINT32 */
    return 4;
  case 2: /* UINT8 */
  case 3: /* INT8 */
  case 9: /* BOOL */
  case 17: /* FLOAT8E4M3FN */
  case 18: /* FLOAT8E4M3FNUZ */
  case 19: /* FLOAT8E5M2 */
  case 20: /* FLOAT8E5M2FNUZ */
  case 21: /* UINT4, one per byte in memory */
  case 22: /* INT4 */
  case 23: /* FLOAT4E2M1 */
  case 25: /* UINT2 */
  case 26: /* INT2 */
    return 1;
  case 4:  /* UINT16 */
  case 5:  /* INT16 */
  case 10: /* FLOAT16 */
  case 16: /* BFLOAT16 */
    return 2;
  case 7:  /* INT64 */
  case 11: /* DOUBLE */
  case 13: /* UINT64 */
    return 8;
  default:
    return 0;
  }
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  int ok;
} Reader;

static uint64_t read_varint(Reader* r) {
  uint64_t v = 0;
  int shift = 0;
  while (r->ok) {
    uint8_t b;
    if (r->p >= r->end || shift > 63) {
      r->ok = 0;
      break;
    }
    b = *r->p++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
    shift += 7;
  }
  return 0;
}

/* Little-endian unsigned integer of n <= 8 bytes. */
static uint64_t read_le(Reader* r, size_t n) {
  uint64_t v = 0;
  size_t i;
  if (!r->ok || (size_t)(r->end - r->p) < n) {
    r->ok = 0;
    return 0;
  }
  for (i = 0; i < n; ++i) v |= (uint64_t)r->p[i] << (8 * i);
  r->p += n;
  return v;
}

/* Stores the low `size` bytes of `bits` as one native element at dst[index]. */
static void store_elem(uint8_t* dst, size_t index, size_t size, uint64_t bits) {
  uint8_t* q = dst + index * size;
  if (size == 1) {
    uint8_t v = (uint8_t)bits;
    memcpy(q, &v, 1);
  } else if (size == 2) {
    uint16_t v = (uint16_t)bits;
    memcpy(q, &v, 2);
  } else if (size == 4) {
    uint32_t v = (uint32_t)bits;
    memcpy(q, &v, 4);
  } else {
    memcpy(q, &bits, 8);
  }
}

static uint64_t load_elem(const uint8_t* src, size_t index, size_t size) {
  const uint8_t* q = src + index * size;
  if (size == 1) return q[0];
  if (size == 2) {
    uint16_t v;
    memcpy(&v, q, 2);
    return v;
  }
  if (size == 4) {
    uint32_t v;
    memcpy(&v, q, 4);
    return v;
  }
  {
    uint64_t v;
    memcpy(&v, q, 8);
    return v;
  }
}

/* Bits per element in a TensorProto: 4-bit and 2-bit types are packed there
 * (low bits first) but take a byte each in memory. */
static unsigned packed_bits(int32_t dtype) {
  switch (dtype) {
  case 21:
  case 22:
  case 23:
    return 4;
  case 25:
  case 26:
    return 2;
  default:
    return 8 * (unsigned)dtype_size(dtype);
  }
}

/* Sign-extends a packed INT4/INT2 value to its byte. */
static uint8_t widen_packed(int32_t dtype, unsigned v) {
  if (dtype == 22 && (v & 0x8u)) return (uint8_t)(v | 0xf0u);
  if (dtype == 26 && (v & 0x2u)) return (uint8_t)(v | 0xfcu);
  return (uint8_t)v;
}

/* Which typed repeated field holds values of `dtype`, and how each value is encoded:
 * wire type of one unpacked value. Returns 0 for none. */
static int typed_field(int32_t dtype, int* wire) {
  switch (dtype) {
  case 1:
    *wire = WT_FIXED32;
    return TP_FLOAT_DATA;
  case 11:
    *wire = WT_FIXED64;
    return TP_DOUBLE_DATA;
  case 7:
    *wire = WT_VARINT;
    return TP_INT64_DATA;
  case 12:
  case 13:
    *wire = WT_VARINT;
    return TP_UINT64_DATA;
  case 2:
  case 3:
  case 4:
  case 5:
  case 6:
  case 9:
  case 10:
  case 16:
  case 17:
  case 18:
  case 19:
  case 20:
    *wire = WT_VARINT;
    return TP_INT32_DATA;
  default:
    return 0;
  }
}

/* Reads one value encoded as `wire` and stores it as element *count of dst. */
static const char* read_value(Reader* r, int wire, uint8_t* dst, size_t esize, uint64_t* count,
                              uint64_t want, char* msg, size_t msg_size) {
  const uint64_t bits = wire == WT_VARINT    ? read_varint(r)
                        : wire == WT_FIXED32 ? read_le(r, 4)
                                             : read_le(r, 8);
  if (!r->ok) return "truncated data";
  if (*count >= want) {
    snprintf(msg, msg_size, "more than %llu data values", (unsigned long long)want);
    return msg;
  }
  store_elem(dst, (size_t)*count, esize, bits);
  ++*count;
  return NULL;
}

/* Reads the whole file into a malloc'ed buffer. */
static uint8_t* read_file(const char* path, size_t* size, const char** problem) {
  FILE* f = fopen(path, "rb");
  uint8_t* buf;
  long len;
  if (!f) {
    *problem = "cannot open";
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    *problem = "cannot determine file size";
    return NULL;
  }
  buf = (uint8_t*)malloc(len > 0 ? (size_t)len : 1);
  if (!buf) {
    fclose(f);
    *problem = "out of memory";
    return NULL;
  }
  if (len > 0 && fread(buf, 1, (size_t)len, f) != (size_t)len) {
    fclose(f);
    free(buf);
    *problem = "read error";
    return NULL;
  }
  fclose(f);
  *size = (size_t)len;
  return buf;
}

/* Parses TensorProto bytes [p, end) into dst (info->count elements of info->dtype).
 * Returns NULL on success, else a description of the problem (msg is scratch). */
static const char* parse_tensor(const uint8_t* p, const uint8_t* end, const mote_io_info* info,
                                uint8_t* dst, char* msg, size_t msg_size) {
  Reader r;
  const size_t esize = dtype_size(info->dtype);
  const uint64_t want = (uint64_t)info->count;
  int value_wire = 0;
  const int value_field = typed_field(info->dtype, &value_wire);
  int64_t dtype = 0;
  uint64_t dims_count = 1;   /* product of dims; no dims = scalar */
  uint64_t typed = 0;        /* values read from the typed data field */
  const uint8_t* raw = NULL; /* raw_data bytes, if present */
  uint64_t raw_len = 0;

  r.p = p;
  r.end = end;
  r.ok = 1;
  while (r.ok && r.p < r.end) {
    const uint64_t key = read_varint(&r);
    const int field = (int)(key >> 3);
    const int wire = (int)(key & 7);
    if (!r.ok) break;
    if (field == TP_DIMS && wire == WT_LEN) { /* packed dims */
      const uint64_t len = read_varint(&r);
      Reader s;
      if (!r.ok || len > (uint64_t)(r.end - r.p)) return "truncated dims";
      s.p = r.p;
      s.end = r.p + len;
      s.ok = 1;
      r.p += len;
      while (s.p < s.end) {
        const int64_t d = (int64_t)read_varint(&s);
        if (!s.ok) return "truncated dims";
        if (d < 0) return "negative dim";
        dims_count *= (uint64_t)d;
      }
    } else if (field == TP_DIMS && wire == WT_VARINT) {
      const int64_t d = (int64_t)read_varint(&r);
      if (!r.ok) return "truncated dims";
      if (d < 0) return "negative dim";
      dims_count *= (uint64_t)d;
    } else if (field == TP_DATA_TYPE && wire == WT_VARINT) {
      dtype = (int64_t)read_varint(&r);
    } else if (field == TP_RAW_DATA && wire == WT_LEN) {
      const uint64_t len = read_varint(&r);
      if (!r.ok || len > (uint64_t)(r.end - r.p)) return "truncated raw_data";
      raw = r.p; /* decoded once dtype and dims are known to match */
      raw_len = len;
      r.p += len;
    } else if (value_field != 0 && field == value_field && (wire == value_wire || wire == WT_LEN)) {
      /* Packed (one length-delimited run) or a single unpacked value. */
      const char* problem;
      if (wire == WT_LEN) {
        const uint64_t len = read_varint(&r);
        Reader s;
        if (!r.ok || len > (uint64_t)(r.end - r.p)) return "truncated data";
        s.p = r.p;
        s.end = r.p + len;
        s.ok = 1;
        r.p += len;
        while (s.p < s.end) {
          problem = read_value(&s, value_wire, dst, esize, &typed, want, msg, msg_size);
          if (problem) return problem;
        }
      } else {
        problem = read_value(&r, value_wire, dst, esize, &typed, want, msg, msg_size);
        if (problem) return problem;
      }
    } else {
      /* Unknown (or unexpected) field: skip it. */
      switch (wire) {
      case WT_VARINT:
        (void)read_varint(&r);
        break;
      case WT_FIXED64:
        (void)read_le(&r, 8);
        break;
      case WT_FIXED32:
        (void)read_le(&r, 4);
        break;
      case WT_LEN: {
        const uint64_t len = read_varint(&r);
        if (r.ok && len <= (uint64_t)(r.end - r.p))
          r.p += len;
        else
          r.ok = 0;
        break;
      }
      default:
        return "unsupported protobuf wire type (not a TensorProto?)";
      }
    }
  }
  if (!r.ok) return "truncated or malformed TensorProto";
  if (dtype != info->dtype) {
    snprintf(msg, msg_size, "data_type %lld, expected %d", (long long)dtype, (int)info->dtype);
    return msg;
  }
  if (dims_count != want) {
    snprintf(msg, msg_size, "%llu elements, expected %llu", (unsigned long long)dims_count,
             (unsigned long long)want);
    return msg;
  }
  if (raw) {
    Reader s;
    uint64_t i;
    if (typed != 0) return "both raw_data and typed data present";
    if (packed_bits(info->dtype) < 8) {
      const unsigned bits = packed_bits(info->dtype), per_byte = 8 / bits;
      if (raw_len != (want + per_byte - 1) / per_byte) return "raw_data has the wrong size";
      for (i = 0; i < want; ++i) {
        const unsigned v = (raw[i / per_byte] >> ((i % per_byte) * bits)) & ((1u << bits) - 1);
        dst[i] = widen_packed(info->dtype, v);
      }
      return NULL;
    }
    if (raw_len != want * esize) {
      snprintf(msg, msg_size, "raw_data has %llu bytes, expected %llu", (unsigned long long)raw_len,
               (unsigned long long)(want * esize));
      return msg;
    }
    s.p = raw;
    s.end = raw + raw_len;
    s.ok = 1;
    for (i = 0; i < want; ++i) store_elem(dst, (size_t)i, esize, read_le(&s, esize));
  } else if (typed != want) {
    snprintf(msg, msg_size, "%llu data values, expected %llu", (unsigned long long)typed,
             (unsigned long long)want);
    return msg;
  }
  return NULL;
}

/* ---- writing ------------------------------------------------------------------ */

static void put_varint(FILE* f, uint64_t v) {
  while (v >= 0x80) {
    fputc((int)((v & 0x7f) | 0x80), f);
    v >>= 7;
  }
  fputc((int)v, f);
}

static void put_key(FILE* f, int field, int wire) {
  put_varint(f, ((uint64_t)field << 3) | (uint64_t)wire);
}

/* Writes a TensorProto with dims, data_type, name and little-endian raw_data. */
static const char* write_tensor(const char* path, const mote_io_info* info, const uint8_t* src) {
  const size_t esize = dtype_size(info->dtype);
  const uint64_t count = (uint64_t)info->count;
  uint8_t chunk[1024];
  size_t fill = 0;
  uint64_t i;
  int32_t d;
  FILE* f = fopen(path, "wb");
  if (!f) return "cannot create";
  for (d = 0; d < info->rank && d < HARNESS_MAX_RANK; ++d) {
    put_key(f, TP_DIMS, WT_VARINT);
    put_varint(f, (uint64_t)(int64_t)info->shape[d]);
  }
  put_key(f, TP_DATA_TYPE, WT_VARINT);
  put_varint(f, (uint64_t)info->dtype);
  if (info->name && info->name[0]) {
    const size_t len = strlen(info->name);
    put_key(f, TP_NAME, WT_LEN);
    put_varint(f, (uint64_t)len);
    fwrite(info->name, 1, len, f);
  }
  put_key(f, TP_RAW_DATA, WT_LEN);
  if (packed_bits(info->dtype) < 8) { /* pack, low bits first */
    const unsigned bits = packed_bits(info->dtype), per_byte = 8 / bits;
    put_varint(f, (count + per_byte - 1) / per_byte);
    for (i = 0; i < count; i += per_byte) {
      unsigned byte = 0, k;
      for (k = 0; k < per_byte && i + k < count; ++k)
        byte |= (src[i + k] & ((1u << bits) - 1)) << (k * bits);
      fputc((int)byte, f);
    }
    if (ferror(f)) {
      fclose(f);
      return "write error";
    }
    return fclose(f) == 0 ? NULL : "write error";
  }
  put_varint(f, count * esize);
  for (i = 0; i < count; ++i) {
    const uint64_t bits = load_elem(src, (size_t)i, esize);
    size_t b;
    if (fill + esize > sizeof chunk) {
      fwrite(chunk, 1, fill, f);
      fill = 0;
    }
    for (b = 0; b < esize; ++b) chunk[fill++] = (uint8_t)(bits >> (8 * b));
  }
  if (fill) fwrite(chunk, 1, fill, f);
  if (ferror(f)) {
    fclose(f);
    return "write error";
  }
  if (fclose(f) != 0) return "write error";
  return NULL;
}

/* ---- main --------------------------------------------------------------------- */

/* mkdir -p: creates dir and any missing parents. Returns 0 if dir exists afterwards. */
static int make_dirs(const char* dir) {
#ifndef MOTE_HARNESS_NO_MKDIR
  char path[HARNESS_PATH_MAX];
  struct stat st;
  size_t i, len = strlen(dir);
  if (len == 0 || len >= sizeof path) return -1;
  memcpy(path, dir, len + 1);
  for (i = 1; i <= len; ++i) {
    if (path[i] != '/' && path[i] != '\0') continue;
    if (path[i - 1] == '/') continue; /* "//" */
    path[i] = '\0';
    if (stat(path, &st) != 0 && mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
    path[i] = dir[i];
  }
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return -1;
#else
  (void)dir;
#endif
  return 0;
}

static uint8_t* alloc_tensor(const mote_io_info* info) {
  const size_t bytes = (size_t)info->count * dtype_size(info->dtype);
  return (uint8_t*)calloc(bytes > 0 ? bytes : 1, 1);
}

/* +1 keeps the arrays legal for models without inputs or outputs. */
static uint8_t* g_in_buf[MODEL_NUM_INPUTS + 1];
static uint8_t* g_out_buf[MODEL_NUM_OUTPUTS + 1];

static int run(const char* in_dir, const char* out_dir) {
  const void* in_ptr[MODEL_NUM_INPUTS + 1];
  void* out_ptr[MODEL_NUM_OUTPUTS + 1];
  char path[HARNESS_PATH_MAX];
  char msg[160];
  int i, rc;

  for (i = 0; i < MODEL_NUM_INPUTS; ++i) {
    const mote_io_info* info = &model_inputs[i];
    const char* problem = NULL;
    size_t size = 0;
    uint8_t* file;
    snprintf(path, sizeof path, "%s/input_%d.pb", in_dir, i);
    if (dtype_size(info->dtype) == 0) {
      snprintf(msg, sizeof msg, "model input %d has unsupported dtype %d", i, (int)info->dtype);
      return fail(path, msg);
    }
    g_in_buf[i] = alloc_tensor(info);
    if (!g_in_buf[i]) return fail(path, "out of memory");
    file = read_file(path, &size, &problem);
    if (!file) return fail(path, problem);
    problem = parse_tensor(file, file + size, info, g_in_buf[i], msg, sizeof msg);
    free(file);
    if (problem) return fail(path, problem);
    in_ptr[i] = g_in_buf[i];
  }
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    if (dtype_size(model_outputs[i].dtype) == 0) {
      snprintf(msg, sizeof msg, "output %d has unsupported dtype %d", i,
               (int)model_outputs[i].dtype);
      return fail("model.h", msg);
    }
    g_out_buf[i] = alloc_tensor(&model_outputs[i]);
    if (!g_out_buf[i]) return fail("model.h", "out of memory");
    out_ptr[i] = g_out_buf[i];
  }
  in_ptr[MODEL_NUM_INPUTS] = NULL;
  out_ptr[MODEL_NUM_OUTPUTS] = NULL;

#if MODEL_ARENA_EXTERNAL
  /* The caller's arena: exactly MODEL_ARENA_BYTES (a multiple of the
   * alignment), so that ASan catches an access past its end. */
  uint8_t* arena = (uint8_t*)aligned_alloc(
      MODEL_ARENA_ALIGN, MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : MODEL_ARENA_ALIGN);
  if (!arena)
    return fail("arena", "out of memory");
  rc = model_run_v(in_ptr, out_ptr, arena);
  free(arena);
#else
  rc = model_run_v(in_ptr, out_ptr);
#endif
  if (rc != 0) {
    snprintf(msg, sizeof msg, "returned %d", rc);
    return fail("model_run_v", msg);
  }

  if (make_dirs(out_dir) != 0) return fail(out_dir, "cannot create output directory");
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    const char* problem;
    snprintf(path, sizeof path, "%s/output_%d.pb", out_dir, i);
    problem = write_tensor(path, &model_outputs[i], g_out_buf[i]);
    if (problem) return fail(path, problem);
  }
  return 0;
}

int main(int argc, char** argv) {
  int i, status;
  if (argc != 3) return fail("usage", "run <in_dir> <out_dir>");
  status = run(argv[1], argv[2]);
  for (i = 0; i < MODEL_NUM_INPUTS; ++i) free(g_in_buf[i]);
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) free(g_out_buf[i]);
  return status;
}

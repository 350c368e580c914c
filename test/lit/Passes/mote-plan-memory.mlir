// RUN: mote-opt %s -split-input-file -mote-plan-memory -verify-diagnostics | FileCheck %s
// RUN: mote-opt %s -split-input-file -mote-plan-memory=alignment=64 -verify-diagnostics | FileCheck %s --check-prefix=ALIGN64
// RUN: sh -c 'mote-opt %s -mote-plan-memory=alignment=24; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=BADALIGN

// BADALIGN: error: alignment must be a power of two
// BADALIGN: exit code 1

// Input -> a -> b -> c -> output. a and b are live together at the second
// kernel, so they do not overlap; a is dead once b is written, so c reuses
// its space. 16 floats = 64 bytes each.
// CHECK-LABEL: func.func @reuse
// CHECK-SAME: mote.arena_alignment = 16 : i64
// CHECK-SAME: mote.arena_bytes = 128 : i64
// Live ranges are [first, last] positions among the top-level ops.
// CHECK: %[[A:.*]] = mote.arena_slice 0 {live_range = array<i64: 1, 3>} : memref<16xf32>
// CHECK: mote.activation %arg0, %[[A]]
// CHECK: %[[B:.*]] = mote.arena_slice 64 {live_range = array<i64: 3, 5>} : memref<16xf32>
// CHECK: mote.activation %[[A]], %[[B]]
// CHECK: %[[C:.*]] = mote.arena_slice 0 {live_range = array<i64: 5, 6>} : memref<16xf32>
// CHECK: mote.activation %[[B]], %[[C]]
// CHECK: memref.copy %[[C]], %arg1
// CHECK-NOT: memref.alloc
// ALIGN64-LABEL: func.func @reuse
// ALIGN64-SAME: mote.arena_alignment = 64 : i64
// ALIGN64-SAME: mote.arena_bytes = 128 : i64
func.func @reuse(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  mote.activation %in, %a {act = #mote<act relu>} : (memref<16xf32>, memref<16xf32>) -> ()
  %b = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  mote.activation %a, %b {act = #mote<act relu>} : (memref<16xf32>, memref<16xf32>) -> ()
  %c = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  mote.activation %b, %c {act = #mote<act relu>} : (memref<16xf32>, memref<16xf32>) -> ()
  memref.copy %c, %out : memref<16xf32> to memref<16xf32>
  return
}

// -----

// A view keeps its source alive: a is read through %v by the last kernel,
// so c may not take a's place although a itself has no later use.
// CHECK-LABEL: func.func @view_extends_lifetime
// CHECK-SAME: mote.arena_bytes = 192 : i64
// CHECK: %[[A:.*]] = mote.arena_slice 0 {live_range = array<i64: 1, 6>} : memref<16xf32>
// CHECK: %[[V:.*]] = memref.expand_shape %[[A]]
// CHECK: %[[B:.*]] = mote.arena_slice 64 {{.*}}: memref<2x8xf32>
// CHECK: %[[C:.*]] = mote.arena_slice 128 {{.*}}: memref<2x8xf32>
// CHECK: mote.binary %[[V]], %[[B]], %[[C]]
func.func @view_extends_lifetime(%in: memref<16xf32>, %in2: memref<2x8xf32>, %out: memref<2x8xf32>) {
  %a = memref.alloc() : memref<16xf32>
  mote.activation %in, %a {act = #mote<act relu>} : (memref<16xf32>, memref<16xf32>) -> ()
  %v = memref.expand_shape %a [[0, 1]] output_shape [2, 8] : memref<16xf32> into memref<2x8xf32>
  %b = memref.alloc() : memref<2x8xf32>
  mote.activation %in2, %b {act = #mote<act sigmoid>} : (memref<2x8xf32>, memref<2x8xf32>) -> ()
  %c = memref.alloc() : memref<2x8xf32>
  mote.binary %v, %b, %c {kind = #mote<binary add>} : (memref<2x8xf32>, memref<2x8xf32>, memref<2x8xf32>) -> ()
  memref.copy %c, %out : memref<2x8xf32> to memref<2x8xf32>
  return
}

// -----

// Views of views count too.
// CHECK-LABEL: func.func @view_of_view
// CHECK-SAME: mote.arena_bytes = 128 : i64
// CHECK: mote.arena_slice 0 {live_range = array<i64: 1, 5>} : memref<4x4xf32>
// CHECK: mote.arena_slice 64 {{.*}}: memref<2x8xf32>
func.func @view_of_view(%in: memref<4x4xf32>, %out: memref<2x8xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  mote.activation %in, %a {act = #mote<act relu>} : (memref<4x4xf32>, memref<4x4xf32>) -> ()
  %v = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  %w = memref.expand_shape %v [[0, 1]] output_shape [2, 8] : memref<16xf32> into memref<2x8xf32>
  %b = memref.alloc() : memref<2x8xf32>
  mote.activation %w, %b {act = #mote<act relu>} : (memref<2x8xf32>, memref<2x8xf32>) -> ()
  memref.copy %b, %out : memref<2x8xf32> to memref<2x8xf32>
  return
}

// -----

// Largest first, at the lowest offset free for its whole lifetime; sizes
// are rounded up to the alignment (1 float = 4 -> 16 bytes).
// CHECK-LABEL: func.func @sizes
// CHECK-SAME: mote.arena_bytes = 272 : i64
// CHECK: mote.arena_slice 256 {{.*}}: memref<1xf32>
// CHECK: mote.arena_slice 0 {{.*}}: memref<64xf32>
// CHECK: mote.arena_slice 256 {{.*}}: memref<1xf32>
// ALIGN64-LABEL: func.func @sizes
// ALIGN64-SAME: mote.arena_bytes = 320 : i64
// ALIGN64: mote.arena_slice 256 {{.*}}: memref<1xf32>
// ALIGN64: mote.arena_slice 0 {{.*}}: memref<64xf32>
// ALIGN64: mote.arena_slice 256 {{.*}}: memref<1xf32>
func.func @sizes(%in: memref<1xf32>, %big: memref<64xf32>, %out: memref<1xf32>) {
  %s = memref.alloc() : memref<1xf32>
  mote.activation %in, %s {act = #mote<act relu>} : (memref<1xf32>, memref<1xf32>) -> ()
  %l = memref.alloc() : memref<64xf32>
  mote.binary %big, %s, %l {kind = #mote<binary add>} : (memref<64xf32>, memref<1xf32>, memref<64xf32>) -> ()
  %t = memref.alloc() : memref<1xf32>
  mote.reduce %l, %t {axes = array<i64: 0>, kind = #mote<reduce mean>} : (memref<64xf32>, memref<1xf32>) -> ()
  memref.copy %t, %out : memref<1xf32> to memref<1xf32>
  return
}

// -----

// Nothing to plan: no arena.
// CHECK-LABEL: func.func @no_buffers
// CHECK-SAME: mote.arena_bytes = 0 : i64
func.func @no_buffers(%in: memref<4xf32>, %out: memref<4xf32>) {
  mote.activation %in, %out {act = #mote<act relu>} : (memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// A buffer nobody reads lives only where it is allocated, so it shares the
// arena with the next one; deallocs disappear.
// CHECK-LABEL: func.func @unused_and_dealloc
// CHECK-SAME: mote.arena_bytes = 16 : i64
// CHECK: mote.arena_slice 0 {{.*}}: memref<2xf32>
// CHECK: %[[A:.*]] = mote.arena_slice 0 {{.*}}: memref<2xf32>
// CHECK: mote.activation %arg0, %[[A]]
// CHECK-NOT: memref.dealloc
func.func @unused_and_dealloc(%x: memref<2xf32>) {
  %unused = memref.alloc() : memref<2xf32>
  %a = memref.alloc() : memref<2xf32>
  mote.activation %x, %a : (memref<2xf32>, memref<2xf32>) -> ()
  memref.dealloc %a : memref<2xf32>
  return
}

// -----

// Declarations have nothing to plan.
// CHECK-LABEL: func.func private @external
// CHECK-NOT: mote.arena_bytes
func.func private @external(memref<4xf32>)

// -----

func.func @dynamic(%n: index) {
  // expected-error @+1 {{cannot plan an allocation that is dynamic, strided or nested in a region}}
  %a = memref.alloc(%n) : memref<?xf32>
  return
}

// -----

func.func @nested() {
  memref.alloca_scope {
    // expected-error @+1 {{cannot plan an allocation that is dynamic, strided or nested in a region}}
    %a = memref.alloc() : memref<4xf32>
  }
  return
}

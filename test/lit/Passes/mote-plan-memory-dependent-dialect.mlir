// RUN: mote-opt %s -mote-plan-memory | FileCheck %s

// mote-plan-memory creates mote.arena_slice, so it must load the mote
// dialect itself: input with no mote op at all (only memref ops) still gets
// planned. (It used to report "'mote.arena_slice' op created with
// unregistered dialect" and crash.)

// CHECK-LABEL: func.func @only_memref
// CHECK-SAME: mote.arena_bytes = 64 : i64
// CHECK: %[[A:.*]] = mote.arena_slice 0 {{.*}}: memref<16xf32>
// CHECK: memref.copy %arg0, %[[A]]
// CHECK: memref.copy %[[A]], %arg1
func.func @only_memref(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  memref.copy %in, %a : memref<16xf32> to memref<16xf32>
  memref.copy %a, %out : memref<16xf32> to memref<16xf32>
  return
}

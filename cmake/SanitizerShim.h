/* Force-included into every Mote translation unit of a sanitizer build
 * (MOTE_ENABLE_SANITIZERS in CMakeLists.txt).
 *
 * Mote's code is instrumented by AddressSanitizer but Debian's libMLIR.so,
 * libLLVM.so and libprotobuf.so are not, and both sides allocate from the same
 * arenas: llvm::BumpPtrAllocator (MLIR's type and attribute uniquers) and
 * protobuf's Arena are header code, so each side runs its own inline copy. In
 * Mote's copy a new slab is poisoned as a whole and each piece handed out is
 * unpoisoned; libMLIR's copy never unpoisons, so when Mote reads an attribute
 * that libMLIR carved out of a slab Mote started, ASan reports a
 * use-after-poison that is not there. Making the manual poisoning a no-op in
 * Mote's code removes these false reports; ASan's own redzones, heap, stack and
 * use-after-free checks are unaffected.
 */
#ifndef MOTE_CMAKE_SANITIZERSHIM_H
#define MOTE_CMAKE_SANITIZERSHIM_H
#include <sanitizer/asan_interface.h>
#undef __asan_poison_memory_region
#define __asan_poison_memory_region(addr, size) ((void)(addr), (void)(size))
#endif

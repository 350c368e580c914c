/* Mote bare-metal startup for Cortex-M boards under QEMU, with semihosting.
 *
 * mote-check links it (with -nostartfiles, newlib and librdimon from
 * --specs=rdimon.specs) and a board's linker script next to an emitted model
 * and the test harness, so that the harness runs unchanged: its stdio and
 * files go to the host through semihosting, and so does its exit status.
 *
 * Reset: enable the FPU (and on Armv8.1-M, MVE: both sit behind CP10/CP11),
 * set the stack limit where the core has one, copy .data, clear .bss, bound
 * the heap, run the constructors, read argc/argv from the semihosting command
 * line (QEMU's -semihosting-config arg=...), call main and exit with its
 * status. A fault prints the fault registers and exits with status 1, so that
 * an instruction the emulated core lacks ends the run instead of hanging it.
 */
#include <stdint.h>
#include <stdlib.h>

extern "C" {
int main(int argc, char** argv);
void initialise_monitor_handles(void); /* librdimon: stdin/out/err */
void __libc_init_array(void);          /* newlib: runs .init_array */

/* __libc_init_array calls these; crti.o, which has them, is not linked. */
void _init(void) {}
void _fini(void) {}

/* From the linker script (mote-sections.ld). */
extern uint32_t __data_load__[], __data_start__[], __data_end__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern char __heap_end__[], __stack_limit__[], __stack_top__[];
/* librdimon's _sbrk grows the heap from `end` up to this. */
extern char* __heap_limit;

void Reset_Handler(void);
void Fault_Handler(void);
[[noreturn]] void mote_fault_report(const uint32_t* frame);
}

namespace {

/* ---- semihosting ------------------------------------------------------------ */

enum : int {
  SYS_WRITE0 = 0x04,
  SYS_GET_CMDLINE = 0x15,
  SYS_EXIT_EXTENDED = 0x20,
};
constexpr uint32_t ADP_Stopped_RunTimeErrorUnknown = 0x20023;

int semihost(int op, const void* arg) {
  register int r0 asm("r0") = op;
  register const void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void print(const char* text) { semihost(SYS_WRITE0, text); }

/* The fault report runs after a core rejected an instruction: it must use
 * none that the core may lack, such as the low-overhead loops (Armv8.1-M)
 * or vector instructions a loop could be compiled into. */
#define MOTE_PLAIN_CODE __attribute__((optimize("no-branch-count-reg", "no-tree-vectorize")))

MOTE_PLAIN_CODE void printHex(uint32_t value) {
  char text[11] = "0x";
  for (int i = 0; i < 8; ++i)
    text[2 + i] = "0123456789abcdef"[(value >> (28 - 4 * i)) & 0xf];
  text[10] = 0;
  print(text);
}

/* ---- the command line --------------------------------------------------------- */

constexpr int kMaxArgs = 16;
char commandLine[1024];
char* args[kMaxArgs + 1];

/* Splits the semihosting command line at spaces; "..." keeps spaces in an
 * argument. Returns argc. */
int readArguments() {
  struct {
    char* buffer;
    int length;
  } block = {commandLine, sizeof(commandLine) - 1};
  if (semihost(SYS_GET_CMDLINE, &block) != 0)
    return 0;
  commandLine[block.length < 0 ? 0 : block.length] = 0;
  int argc = 0;
  char* in = commandLine;
  while (argc < kMaxArgs) {
    while (*in == ' ')
      ++in;
    if (!*in)
      break;
    char* out = in;
    args[argc++] = out;
    bool quoted = false;
    for (; *in && (quoted || *in != ' '); ++in) {
      if (*in == '"')
        quoted = !quoted;
      else
        *out++ = *in;
    }
    if (*in)
      ++in;
    *out = 0;
  }
  args[argc] = nullptr;
  return argc;
}

/* ---- start --------------------------------------------------------------------- */

/* Runs after the FPU is on: the compiler may use it (or MVE) in here. */
[[noreturn]] __attribute__((noinline)) void start() {
  for (uint32_t *from = __data_load__, *to = __data_start__; to < __data_end__;)
    *to++ = *from++;
  for (uint32_t* to = __bss_start__; to < __bss_end__;)
    *to++ = 0;
  __heap_limit = __heap_end__;
  initialise_monitor_handles();
  __libc_init_array();
  int argc = readArguments();
  exit(main(argc, args));
}

} // namespace

extern "C" void Reset_Handler(void) {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CPACR: full access to CP10 and CP11. Before any FP or MVE instruction. */
  *reinterpret_cast<volatile uint32_t*>(0xE000ED88) |= 0xFu << 20;
  asm volatile("dsb\n\tisb" ::: "memory");
#endif
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
  /* Armv8-M checks the stack against MSPLIM: an overflow faults instead of
   * running into the heap. */
  asm volatile("msr msplim, %0" : : "r"(__stack_limit__));
#endif
  start();
}

/* Every fault ends here (UsageFault, BusFault and MemManage are not enabled,
 * so they escalate to HardFault), with the frame the core stacked. */
extern "C" __attribute__((naked)) void Fault_Handler(void) {
  asm volatile("mrs r0, msp\n\tb mote_fault_report");
}

/* Reports the fault and stops the run with a failure. */
extern "C" MOTE_PLAIN_CODE void mote_fault_report(const uint32_t* frame) {
  print("mote startup: fault: HFSR=");
  printHex(*reinterpret_cast<volatile uint32_t*>(0xE000ED2C));
  print(" CFSR=");
  printHex(*reinterpret_cast<volatile uint32_t*>(0xE000ED28));
  print(" PC=");
  printHex(frame[6]);
  print("\n");
  /* The extended exit (reason, status): the plain one, whose argument is
   * the reason alone, locked QEMU's Cortex-M33 up from a fault handler. */
  static uint32_t exitBlock[2] = {ADP_Stopped_RunTimeErrorUnknown, 1};
  semihost(SYS_EXIT_EXTENDED, exitBlock);
  for (;;) {
  }
}

/* The initial stack pointer, then the exception handlers. */
struct VectorTable {
  char* stack;
  void (*handlers[15])(void);
};
__attribute__((section(".vectors"), used)) extern const VectorTable moteVectors = {
    __stack_top__,
    {
        Reset_Handler,
        Fault_Handler, /* NMI */
        Fault_Handler, /* HardFault */
        Fault_Handler, /* MemManage */
        Fault_Handler, /* BusFault */
        Fault_Handler, /* UsageFault */
        Fault_Handler, /* SecureFault (Armv8-M) */
        nullptr,
        nullptr,
        nullptr,
        Fault_Handler, /* SVCall */
        Fault_Handler, /* DebugMonitor */
        nullptr,
        Fault_Handler, /* PendSV */
        Fault_Handler, /* SysTick */
    },
};

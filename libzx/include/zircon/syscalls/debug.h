/* SPDX-License-Identifier: MIT */
/* Register sets for zx_thread_read_state() / zx_thread_write_state(). */
#ifndef ZIRCON_SYSCALLS_DEBUG_H_
#define ZIRCON_SYSCALLS_DEBUG_H_

#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

/* ---- x86-64 ------------------------------------------------------------ */

typedef struct zx_x86_64_thread_state_general_regs {
  uint64_t rax;
  uint64_t rbx;
  uint64_t rcx;
  uint64_t rdx;
  uint64_t rsi;
  uint64_t rdi;
  uint64_t rbp;
  uint64_t rsp;
  uint64_t r8;
  uint64_t r9;
  uint64_t r10;
  uint64_t r11;
  uint64_t r12;
  uint64_t r13;
  uint64_t r14;
  uint64_t r15;
  uint64_t rip;
  uint64_t rflags;
  uint64_t fs_base;
  uint64_t gs_base;
} zx_x86_64_thread_state_general_regs_t;

/* x87/MMX state; each st[] slot holds an 80-bit (x87) or 64-bit (MMX) value. */
typedef struct zx_x86_64_thread_state_fp_regs {
  uint16_t fcw;
  uint16_t fsw;
  uint8_t ftw;
  uint8_t reserved;
  uint16_t fop;
  uint64_t fip;
  uint64_t fdp;
  uint8_t padding1[8];
  struct {
    uint64_t low;
    uint64_t high;
  } st[8] __ALIGNED(16);
} zx_x86_64_thread_state_fp_regs_t;

/* SSE/AVX/AVX-512 state; unsupported registers read as zero. */
typedef struct zx_x86_64_thread_state_vector_regs {
  struct {
    uint64_t v[8];
  } zmm[32];
  uint64_t opmask[8];
  uint32_t mxcsr;
  uint8_t padding1[4];
} zx_x86_64_thread_state_vector_regs_t;

typedef struct zx_x86_64_thread_state_debug_regs {
  uint64_t dr[4];
  uint64_t dr6;
  uint64_t dr7;
} zx_x86_64_thread_state_debug_regs_t;

/* ---- arm64 ------------------------------------------------------------- */

typedef struct zx_arm64_thread_state_general_regs {
  uint64_t r[30];
  uint64_t lr;
  uint64_t sp;
  uint64_t pc;
  uint64_t cpsr;
  uint64_t tpidr;
} zx_arm64_thread_state_general_regs_t;

/* Unused on arm64 (FP lives in the vector registers); non-empty for C/C++. */
typedef struct zx_arm64_thread_state_fp_regs {
  uint32_t unused;
} zx_arm64_thread_state_fp_regs_t;

typedef struct zx_arm64_thread_state_vector_regs {
  uint32_t fpcr;
  uint32_t fpsr;
  struct {
    uint64_t low;
    uint64_t high;
  } v[32];
} zx_arm64_thread_state_vector_regs_t;

#define AARCH64_MAX_HW_BREAKPOINTS 16
#define AARCH64_MAX_HW_WATCHPOINTS 16

typedef struct zx_arm64_thread_state_debug_regs {
  struct {
    uint32_t dbgbcr;
    uint8_t padding1[4];
    uint64_t dbgbvr;
  } hw_bps[AARCH64_MAX_HW_BREAKPOINTS];
  struct {
    uint32_t dbgwcr;
    uint8_t padding1[4];
    uint64_t dbgwvr;
  } hw_wps[AARCH64_MAX_HW_WATCHPOINTS];
  uint64_t far;         /* read-only */
  uint32_t esr;         /* read-only */
  uint8_t hw_bps_count; /* read-only */
  uint8_t hw_wps_count; /* read-only */
  uint8_t padding1[2];
} zx_arm64_thread_state_debug_regs_t;

/* ---- riscv64 ----------------------------------------------------------- */

typedef struct {
  uint64_t pc;
  uint64_t ra;
  uint64_t sp;
  uint64_t gp;
  uint64_t tp;
  uint64_t t0;
  uint64_t t1;
  uint64_t t2;
  uint64_t s0;
  uint64_t s1;
  uint64_t a0;
  uint64_t a1;
  uint64_t a2;
  uint64_t a3;
  uint64_t a4;
  uint64_t a5;
  uint64_t a6;
  uint64_t a7;
  uint64_t s2;
  uint64_t s3;
  uint64_t s4;
  uint64_t s5;
  uint64_t s6;
  uint64_t s7;
  uint64_t s8;
  uint64_t s9;
  uint64_t s10;
  uint64_t s11;
  uint64_t t3;
  uint64_t t4;
  uint64_t t5;
  uint64_t t6;
} zx_riscv64_thread_state_general_regs_t;

typedef struct {
  struct {
    uint64_t low;
    uint64_t high;
  } q[32] __ALIGNED(16);
  uint32_t fcsr;
  uint32_t reserved[3];
} zx_riscv64_thread_state_fp_regs_t;

typedef struct {
  uint32_t unused;
} zx_riscv64_thread_state_vector_regs_t;

typedef struct {
  uint32_t unused;
} zx_riscv64_thread_state_debug_regs_t;

/* ---- Native aliases ---------------------------------------------------- */

#if defined(__x86_64__)
typedef zx_x86_64_thread_state_general_regs_t zx_thread_state_general_regs_t;
typedef zx_x86_64_thread_state_fp_regs_t zx_thread_state_fp_regs_t;
typedef zx_x86_64_thread_state_vector_regs_t zx_thread_state_vector_regs_t;
typedef zx_x86_64_thread_state_debug_regs_t zx_thread_state_debug_regs_t;
#elif defined(__aarch64__)
typedef zx_arm64_thread_state_general_regs_t zx_thread_state_general_regs_t;
typedef zx_arm64_thread_state_fp_regs_t zx_thread_state_fp_regs_t;
typedef zx_arm64_thread_state_vector_regs_t zx_thread_state_vector_regs_t;
typedef zx_arm64_thread_state_debug_regs_t zx_thread_state_debug_regs_t;
#elif defined(__riscv)
typedef zx_riscv64_thread_state_general_regs_t zx_thread_state_general_regs_t;
typedef zx_riscv64_thread_state_fp_regs_t zx_thread_state_fp_regs_t;
typedef zx_riscv64_thread_state_vector_regs_t zx_thread_state_vector_regs_t;
typedef zx_riscv64_thread_state_debug_regs_t zx_thread_state_debug_regs_t;
#endif

/* ZX_THREAD_STATE_SINGLE_STEP value: 0 or 1. */
typedef uint32_t zx_thread_state_single_step_t;

/* The "kind" argument. */
typedef uint32_t zx_thread_state_topic_t;
#define ZX_THREAD_STATE_GENERAL_REGS ((uint32_t)0)
#define ZX_THREAD_STATE_FP_REGS ((uint32_t)1)
#define ZX_THREAD_STATE_VECTOR_REGS ((uint32_t)2)
#define ZX_THREAD_STATE_DEBUG_REGS ((uint32_t)4)
#define ZX_THREAD_STATE_SINGLE_STEP ((uint32_t)5)

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_DEBUG_H_ */

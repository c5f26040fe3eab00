/* SPDX-License-Identifier: MIT */
/* Guest and VCPU types for the hypervisor syscalls. */
#ifndef ZIRCON_SYSCALLS_HYPERVISOR_H_
#define ZIRCON_SYSCALLS_HYPERVISOR_H_

#include <zircon/types.h>

__BEGIN_CDECLS
__ZX_PEDANTIC_PUSH

/* zx_guest_create() options. */
typedef uint32_t zx_guest_option_t;
#define ZX_GUEST_OPT_NORMAL ((zx_guest_option_t)0u)
#define ZX_GUEST_OPT_DIRECT ((zx_guest_option_t)1u)

/* zx_guest_set_trap() kinds. */
typedef uint32_t zx_guest_trap_t;
#define ZX_GUEST_TRAP_BELL ((zx_guest_trap_t)0u)
#define ZX_GUEST_TRAP_MEM ((zx_guest_trap_t)1u)
#define ZX_GUEST_TRAP_IO ((zx_guest_trap_t)2u)

/* zx_vcpu_{read,write}_state() kinds. */
typedef uint32_t zx_vcpu_state_topic_t;
#define ZX_VCPU_STATE ((zx_vcpu_state_topic_t)0u)
#define ZX_VCPU_IO ((zx_vcpu_state_topic_t)1u)

/* General registers of a VCPU (ZX_VCPU_STATE). */
typedef struct zx_vcpu_state {
#if defined(__aarch64__)
  uint64_t x[31];
  uint64_t sp;
  uint32_t cpsr; /* NZCV bits only */
  uint8_t padding1[4];
#elif defined(__x86_64__)
  uint64_t rax;
  uint64_t rcx;
  uint64_t rdx;
  uint64_t rbx;
  uint64_t rsp;
  uint64_t rbp;
  uint64_t rsi;
  uint64_t rdi;
  uint64_t r8;
  uint64_t r9;
  uint64_t r10;
  uint64_t r11;
  uint64_t r12;
  uint64_t r13;
  uint64_t r14;
  uint64_t r15;
  uint64_t rflags; /* low 32 bits only */
#else
  uint32_t empty;
#endif
} zx_vcpu_state_t;

/* Result of a trapped port I/O access (ZX_VCPU_IO). */
typedef struct zx_vcpu_io {
  uint8_t access_size;
  uint8_t padding1[3];
  union {
    struct {
      uint8_t u8;
      uint8_t padding2[3];
    };
    struct {
      uint16_t u16;
      uint8_t padding3[2];
    };
    uint32_t u32;
    uint8_t data[4];
  };
} zx_vcpu_io_t;

__ZX_PEDANTIC_POP
__END_CDECLS

#endif /* ZIRCON_SYSCALLS_HYPERVISOR_H_ */

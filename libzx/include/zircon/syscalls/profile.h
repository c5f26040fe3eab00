/* SPDX-License-Identifier: MIT */
/* zx_profile_create() input. */
#ifndef ZIRCON_SYSCALLS_PROFILE_H_
#define ZIRCON_SYSCALLS_PROFILE_H_

#include <zircon/syscalls/scheduler.h>
#include <zircon/types.h>

__BEGIN_CDECLS
__ZX_PEDANTIC_PUSH

#define ZX_PRIORITY_LOWEST 0
#define ZX_PRIORITY_LOW 8
#define ZX_PRIORITY_DEFAULT 16
#define ZX_PRIORITY_HIGH 24
#define ZX_PRIORITY_HIGHEST 31

/* zx_profile_info_t.flags: which fields are meaningful, plus options. */
#define ZX_PROFILE_INFO_FLAG_PRIORITY (1 << 0)
#define ZX_PROFILE_INFO_FLAG_CPU_MASK (1 << 1)
#define ZX_PROFILE_INFO_FLAG_DEADLINE (1 << 2)
#define ZX_PROFILE_INFO_FLAG_NO_INHERIT (1 << 3)
#define ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY (1 << 4)

struct zx_profile_info {
  uint32_t flags;
  uint8_t padding1[4];
  union {
    /* Scheduler or memory priority (FLAG_PRIORITY / FLAG_MEMORY_PRIORITY). */
    __ZX_EXTENSION struct {
      int32_t priority;
      uint8_t padding2[20];
    };
    /* FLAG_DEADLINE */
    zx_sched_deadline_params_t deadline_params;
  };
  /* FLAG_CPU_MASK */
  zx_cpu_set_t cpu_affinity_mask;
};
typedef struct zx_profile_info zx_profile_info_t;

__ZX_PEDANTIC_POP
__END_CDECLS

#endif /* ZIRCON_SYSCALLS_PROFILE_H_ */

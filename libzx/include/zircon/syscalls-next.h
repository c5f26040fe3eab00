/* SPDX-License-Identifier: MIT */
/*
 * Zircon's experimental ("@next") system calls and the types they use.
 * Fuchsia publishes these outside its SDK; zxlinux declares them so code
 * written against them builds, and each returns ZX_ERR_NOT_SUPPORTED (see
 * the syscall status table in README.md).
 */
#ifndef ZIRCON_SYSCALLS_NEXT_H_
#define ZIRCON_SYSCALLS_NEXT_H_

#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/object.h>
#include <zircon/types.h>

__BEGIN_CDECLS

extern zx_status_t zx_process_create_shared(zx_handle_t shared_proc, uint32_t options, const char* name, size_t name_size, zx_handle_t* proc_handle, zx_handle_t* restricted_vmar_handle);
extern zx_status_t zx_restricted_enter(uint32_t options, uintptr_t vector_table_ptr, uintptr_t context);
extern zx_status_t zx_restricted_bind_state(uint32_t options, zx_handle_t* out);
extern zx_status_t zx_restricted_unbind_state(uint32_t options);
extern zx_status_t zx_restricted_kick(zx_handle_t thread, uint32_t options);
extern zx_status_t zx_syscall_next_1(int32_t arg);

/* ---- Pager dirty tracking ---------------------------------------------- */
/*
 * The options and opcodes (ZX_VMO_TRAP_DIRTY, ZX_PAGER_OP_DIRTY, ...) and
 * zx_pager_vmo_stats_t live in <zircon/types.h>.
 */

/* One element of zx_pager_query_dirty_ranges()'s output: [offset, offset + length). */
typedef struct zx_vmo_dirty_range {
  uint64_t offset;
  uint64_t length;
  uint64_t options; /* ZX_VMO_DIRTY_RANGE_* */
} zx_vmo_dirty_range_t;

/* The range reads as zeroes. */
#define ZX_VMO_DIRTY_RANGE_IS_ZERO ((uint64_t)1u)

/* ---- Restricted mode --------------------------------------------------- */

/* zx_restricted_enter() option: exceptions go to exception channels. */
#define ZX_RESTRICTED_OPT_EXCEPTION_CHANNEL ((uint32_t)1)

/* Why a thread came back to normal mode (second argument of the vector). */
typedef uint64_t zx_restricted_reason_t;
#define ZX_RESTRICTED_REASON_SYSCALL ((zx_restricted_reason_t)0)
#define ZX_RESTRICTED_REASON_EXCEPTION ((zx_restricted_reason_t)1)
#define ZX_RESTRICTED_REASON_KICK ((zx_restricted_reason_t)2)

/* The registers of restricted mode, at offset 0 of the bound state VMO. */
#if defined(__aarch64__)
typedef struct zx_restricted_state {
  uint64_t x[31];
  uint64_t sp;
  uint64_t pc;
  uint64_t tpidr_el0;
  uint32_t cpsr; /* the NZCV flags only */
  uint8_t padding1[4];
} zx_restricted_state_t;
#elif defined(__x86_64__)
typedef struct zx_restricted_state {
  uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax, rsp;
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t ip, flags;
  uint64_t fs_base, gs_base;
} zx_restricted_state_t;
#elif defined(__riscv)
typedef zx_riscv64_thread_state_general_regs_t zx_restricted_state_t;
#else
#error "zx_restricted_state_t: unsupported architecture"
#endif

/* The state VMO's contents after a ZX_RESTRICTED_REASON_SYSCALL exit. */
typedef struct zx_restricted_syscall {
  zx_restricted_state_t state;
} zx_restricted_syscall_t;

/* The state VMO's contents after a ZX_RESTRICTED_REASON_EXCEPTION exit. */
typedef struct zx_restricted_exception {
  zx_restricted_state_t state;
  zx_exception_report_t exception;
} zx_restricted_exception_t;

/* ---- Kernel memory attribution ----------------------------------------- */

/* zx_object_get_info() topic: an array of zx_info_memory_attribution_t. */
#define ZX_INFO_MEMORY_ATTRIBUTION ((zx_object_info_topic_t)36u)

typedef struct zx_info_memory_attribution {
  zx_koid_t process_koid;
  uint64_t private_resident_pages_allocated;
  uint64_t private_resident_pages_deallocated;
  uint64_t total_resident_pages_allocated;
  uint64_t total_resident_pages_deallocated;
} zx_info_memory_attribution_t;

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_NEXT_H_ */

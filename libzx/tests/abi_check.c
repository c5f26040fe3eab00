/* SPDX-License-Identifier: MIT */
/*
 * Compile-time ABI check of the libzx public headers against the Zircon
 * LP64 ABI (x86-64 and arm64). Builds as C11 and as C++17; produces no code.
 *
 * The expected numbers were worked out by hand from the published Zircon
 * struct definitions and constant values, not taken from this compiler.
 */
#include <stddef.h>
#include <stdint.h>

#include <zircon/assert.h>
#include <zircon/availability.h>
#include <zircon/compiler.h>
#include <zircon/errors.h>
#include <zircon/features.h>
#include <zircon/fidl.h>
#include <zircon/hw/gpt.h>
#include <zircon/hw/pci.h>
#include <zircon/limits.h>
#include <zircon/listnode.h>
#include <zircon/pixelformat.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/rights.h>
#include <zircon/status.h>
#include <zircon/string_view.h>
#include <zircon/syscalls-next.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/clock.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/hypervisor.h>
#include <zircon/syscalls/iob.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/policy.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/profile.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/scheduler.h>
#include <zircon/syscalls/smc.h>
#include <zircon/syscalls/system.h>
#include <zircon/syscalls/types.h>
#include <zircon/testonly-syscalls.h>
#include <zircon/time.h>
#include <zircon/types.h>

#ifdef __cplusplus
#define ABI_ASSERT(e) static_assert(e, #e)
#else
#define ABI_ASSERT(e) _Static_assert(e, #e)
#endif

#define SIZE(T, n) ABI_ASSERT(sizeof(T) == (n))
#define ALIGN(T, n) ABI_ASSERT(_Alignof(T) == (n))
#define OFF(T, m, n) ABI_ASSERT(offsetof(T, m) == (n))
#define VAL(c, v) ABI_ASSERT((c) == (v))

#ifdef __cplusplus
#undef ALIGN
#define ALIGN(T, n) ABI_ASSERT(alignof(T) == (n))
#endif

ABI_ASSERT(sizeof(void*) == 8);

/* ======================================================================
 * Scalar types
 * ====================================================================== */
SIZE(zx_handle_t, 4);
SIZE(zx_status_t, 4);
SIZE(zx_rights_t, 4);
SIZE(zx_signals_t, 4);
SIZE(zx_koid_t, 8);
SIZE(zx_time_t, 8);
SIZE(zx_duration_t, 8);
SIZE(zx_ticks_t, 8);
SIZE(zx_off_t, 8);
SIZE(zx_vaddr_t, 8);
SIZE(zx_paddr_t, 8);
SIZE(zx_gpaddr_t, 8);
SIZE(zx_vm_option_t, 4);
SIZE(zx_obj_type_t, 4);
SIZE(zx_clock_t, 4);
SIZE(zx_futex_t, 4);
SIZE(zx_stream_seek_origin_t, 4);
SIZE(zx_handle_op_t, 4);
SIZE(zx_txid_t, 4);
ABI_ASSERT((zx_status_t)-1 < 0);
ABI_ASSERT((zx_handle_t)-1 > 0);
ABI_ASSERT((zx_time_t)-1 < 0);

/* ======================================================================
 * errors.h
 * ====================================================================== */
VAL(ZX_OK, 0);
VAL(ZX_ERR_INTERNAL, -1);
VAL(ZX_ERR_NOT_SUPPORTED, -2);
VAL(ZX_ERR_NO_RESOURCES, -3);
VAL(ZX_ERR_NO_MEMORY, -4);
VAL(ZX_ERR_INTERNAL_INTR_RETRY, -6);
VAL(ZX_ERR_INVALID_ARGS, -10);
VAL(ZX_ERR_BAD_HANDLE, -11);
VAL(ZX_ERR_WRONG_TYPE, -12);
VAL(ZX_ERR_BAD_SYSCALL, -13);
VAL(ZX_ERR_OUT_OF_RANGE, -14);
VAL(ZX_ERR_BUFFER_TOO_SMALL, -15);
VAL(ZX_ERR_BAD_STATE, -20);
VAL(ZX_ERR_TIMED_OUT, -21);
VAL(ZX_ERR_SHOULD_WAIT, -22);
VAL(ZX_ERR_CANCELED, -23);
VAL(ZX_ERR_PEER_CLOSED, -24);
VAL(ZX_ERR_NOT_FOUND, -25);
VAL(ZX_ERR_ALREADY_EXISTS, -26);
VAL(ZX_ERR_ALREADY_BOUND, -27);
VAL(ZX_ERR_UNAVAILABLE, -28);
VAL(ZX_ERR_ACCESS_DENIED, -30);
VAL(ZX_ERR_IO, -40);
VAL(ZX_ERR_IO_REFUSED, -41);
VAL(ZX_ERR_IO_DATA_INTEGRITY, -42);
VAL(ZX_ERR_IO_DATA_LOSS, -43);
VAL(ZX_ERR_IO_NOT_PRESENT, -44);
VAL(ZX_ERR_IO_OVERRUN, -45);
VAL(ZX_ERR_IO_MISSED_DEADLINE, -46);
VAL(ZX_ERR_IO_INVALID, -47);
VAL(ZX_ERR_BAD_PATH, -50);
VAL(ZX_ERR_NOT_DIR, -51);
VAL(ZX_ERR_NOT_FILE, -52);
VAL(ZX_ERR_FILE_BIG, -53);
VAL(ZX_ERR_NO_SPACE, -54);
VAL(ZX_ERR_NOT_EMPTY, -55);
VAL(ZX_ERR_STOP, -60);
VAL(ZX_ERR_NEXT, -61);
VAL(ZX_ERR_ASYNC, -62);
VAL(ZX_ERR_PROTOCOL_NOT_SUPPORTED, -70);
VAL(ZX_ERR_ADDRESS_UNREACHABLE, -71);
VAL(ZX_ERR_ADDRESS_IN_USE, -72);
VAL(ZX_ERR_NOT_CONNECTED, -73);
VAL(ZX_ERR_CONNECTION_REFUSED, -74);
VAL(ZX_ERR_CONNECTION_RESET, -75);
VAL(ZX_ERR_CONNECTION_ABORTED, -76);
VAL(ZX_ERR_INTERNAL_INTR_KILLED, -502);

/* ======================================================================
 * rights.h
 * ====================================================================== */
VAL(ZX_RIGHT_NONE, 0x0u);
VAL(ZX_RIGHT_DUPLICATE, 0x1u);
VAL(ZX_RIGHT_TRANSFER, 0x2u);
VAL(ZX_RIGHT_READ, 0x4u);
VAL(ZX_RIGHT_WRITE, 0x8u);
VAL(ZX_RIGHT_EXECUTE, 0x10u);
VAL(ZX_RIGHT_MAP, 0x20u);
VAL(ZX_RIGHT_GET_PROPERTY, 0x40u);
VAL(ZX_RIGHT_SET_PROPERTY, 0x80u);
VAL(ZX_RIGHT_ENUMERATE, 0x100u);
VAL(ZX_RIGHT_DESTROY, 0x200u);
VAL(ZX_RIGHT_SET_POLICY, 0x400u);
VAL(ZX_RIGHT_GET_POLICY, 0x800u);
VAL(ZX_RIGHT_SIGNAL, 0x1000u);
VAL(ZX_RIGHT_SIGNAL_PEER, 0x2000u);
VAL(ZX_RIGHT_WAIT, 0x4000u);
VAL(ZX_RIGHT_INSPECT, 0x8000u);
VAL(ZX_RIGHT_MANAGE_JOB, 0x10000u);
VAL(ZX_RIGHT_MANAGE_PROCESS, 0x20000u);
VAL(ZX_RIGHT_MANAGE_THREAD, 0x40000u);
VAL(ZX_RIGHT_APPLY_PROFILE, 0x80000u);
VAL(ZX_RIGHT_MANAGE_SOCKET, 0x100000u);
VAL(ZX_RIGHT_OP_CHILDREN, 0x200000u);
VAL(ZX_RIGHT_RESIZE, 0x400000u);
VAL(ZX_RIGHT_SAME_RIGHTS, 0x80000000u);
VAL(ZX_RIGHTS_BASIC, 0xC003u);
VAL(ZX_RIGHTS_IO, 0xCu);
VAL(ZX_RIGHTS_PROPERTY, 0xC0u);
VAL(ZX_RIGHTS_POLICY, 0xC00u);
VAL(ZX_DEFAULT_CHANNEL_RIGHTS, 0xF00Eu);
VAL(ZX_DEFAULT_EVENT_RIGHTS, 0xD003u);
VAL(ZX_DEFAULT_SYSTEM_EVENT_LOW_MEMORY_RIGHTS, 0x4003u);
VAL(ZX_DEFAULT_EVENTPAIR_RIGHTS, 0xF003u);
VAL(ZX_DEFAULT_FIFO_RIGHTS, 0xF00Fu);
VAL(ZX_DEFAULT_GUEST_RIGHTS, 0x4800Bu);
VAL(ZX_DEFAULT_INTERRUPT_RIGHTS, 0xD00Fu);
VAL(ZX_DEFAULT_JOB_RIGHTS, 0x7DFCFu);
VAL(ZX_DEFAULT_LOG_RIGHTS, 0xD00Bu);
VAL(ZX_DEFAULT_MSI_RIGHTS, 0xC003u);
VAL(ZX_DEFAULT_PCI_DEVICE_RIGHTS, 0xC00Fu);
VAL(ZX_DEFAULT_PCI_INTERRUPT_RIGHTS, 0xD00Fu);
VAL(ZX_DEFAULT_PORT_RIGHTS, 0x800Fu);
VAL(ZX_DEFAULT_PROCESS_RIGHTS, 0x6D3CFu);
VAL(ZX_DEFAULT_RESOURCE_RIGHTS, 0x800Bu);
VAL(ZX_DEFAULT_SOCKET_RIGHTS, 0x10F0CFu);
VAL(ZX_DEFAULT_STREAM_RIGHTS, 0xD0C3u);
VAL(ZX_DEFAULT_THREAD_RIGHTS, 0x4D2CFu);
VAL(ZX_DEFAULT_TIMER_RIGHTS, 0xD00Bu);
VAL(ZX_DEFAULT_VCPU_RIGHTS, 0xD01Fu);
VAL(ZX_DEFAULT_VMAR_RIGHTS, 0x208003u);
VAL(ZX_DEFAULT_VMO_RIGHTS, 0xD0EFu);
VAL(ZX_DEFAULT_IOMMU_RIGHTS, 0x8003u);
VAL(ZX_DEFAULT_BTI_RIGHTS, 0x80EFu);
VAL(ZX_DEFAULT_PROFILE_RIGHTS, 0x88003u);
VAL(ZX_DEFAULT_PMT_RIGHTS, 0x8000u);
VAL(ZX_DEFAULT_SUSPEND_TOKEN_RIGHTS, 0x8002u);
VAL(ZX_DEFAULT_PAGER_RIGHTS, 0x80C2u);
VAL(ZX_DEFAULT_EXCEPTION_RIGHTS, 0x80C2u);
VAL(ZX_DEFAULT_CLOCK_RIGHTS, 0xC00Fu);

/* ======================================================================
 * limits.h / time.h
 * ====================================================================== */
VAL(ZX_PAGE_SHIFT, 12u);
VAL(ZX_PAGE_SIZE, 4096u);
VAL(ZX_PAGE_MASK, 4095u);
VAL(ZX_MIN_PAGE_SHIFT, 12u);
#if defined(__aarch64__)
VAL(ZX_MAX_PAGE_SHIFT, 16u);
#else
VAL(ZX_MAX_PAGE_SHIFT, 21u);
#endif
VAL(ZX_TIME_INFINITE, INT64_MAX);
VAL(ZX_TIME_INFINITE_PAST, INT64_MIN);
VAL(ZX_NSEC(7), 7);
VAL(ZX_USEC(7), 7000);
VAL(ZX_MSEC(7), 7000000);
VAL(ZX_SEC(7), 7000000000LL);
VAL(ZX_MIN(2), 120000000000LL);
VAL(ZX_HOUR(2), 7200000000000LL);

/* ======================================================================
 * types.h constants
 * ====================================================================== */
VAL(ZX_HANDLE_INVALID, 0u);
VAL(ZX_HANDLE_FIXED_BITS_MASK, 3u);
VAL(ZX_CLOCK_MONOTONIC, 0u);
VAL(ZX_CLOCK_BOOT, 1u);
VAL(ZX_KOID_INVALID, 0u);
VAL(ZX_KOID_KERNEL, 1u);
VAL(ZX_KOID_FIRST, 1024u);
VAL(ZX_WAIT_MANY_MAX_ITEMS, 64u);
VAL(ZX_MAX_NAME_LEN, 32u);
VAL(ZX_CPRNG_DRAW_MAX_LEN, 256u);
VAL(ZX_CPRNG_ADD_ENTROPY_MAX_LEN, 256u);

/* Signals. */
VAL(ZX_SIGNAL_NONE, 0u);
VAL(ZX_USER_SIGNAL_ALL, 0xff000000u);
VAL(__ZX_OBJECT_SIGNAL_ALL, 0x00ffffffu);
VAL(ZX_USER_SIGNAL_0, 0x01000000u);
VAL(ZX_USER_SIGNAL_1, 0x02000000u);
VAL(ZX_USER_SIGNAL_2, 0x04000000u);
VAL(ZX_USER_SIGNAL_3, 0x08000000u);
VAL(ZX_USER_SIGNAL_4, 0x10000000u);
VAL(ZX_USER_SIGNAL_5, 0x20000000u);
VAL(ZX_USER_SIGNAL_6, 0x40000000u);
VAL(ZX_USER_SIGNAL_7, 0x80000000u);
VAL(ZX_SIGNAL_HANDLE_CLOSED, 0x00800000u);
VAL(ZX_EVENT_SIGNALED, 0x8u);
VAL(ZX_EVENT_SIGNAL_MASK, 0xff000008u);
VAL(ZX_EVENTPAIR_SIGNALED, 0x8u);
VAL(ZX_EVENTPAIR_PEER_CLOSED, 0x4u);
VAL(ZX_EVENTPAIR_SIGNAL_MASK, 0xff00000cu);
VAL(ZX_CHANNEL_READABLE, 0x1u);
VAL(ZX_CHANNEL_WRITABLE, 0x2u);
VAL(ZX_CHANNEL_PEER_CLOSED, 0x4u);
VAL(ZX_CLOCK_STARTED, 0x10u);
VAL(ZX_CLOCK_UPDATED, 0x20u);
VAL(ZX_SOCKET_READABLE, 0x1u);
VAL(ZX_SOCKET_WRITABLE, 0x2u);
VAL(ZX_SOCKET_PEER_CLOSED, 0x4u);
VAL(ZX_SOCKET_PEER_WRITE_DISABLED, 0x10u);
VAL(ZX_SOCKET_WRITE_DISABLED, 0x20u);
VAL(ZX_SOCKET_READ_THRESHOLD, 0x400u);
VAL(ZX_SOCKET_WRITE_THRESHOLD, 0x800u);
VAL(ZX_FIFO_READABLE, 0x1u);
VAL(ZX_FIFO_WRITABLE, 0x2u);
VAL(ZX_FIFO_PEER_CLOSED, 0x4u);
VAL(ZX_TASK_TERMINATED, 0x8u);
VAL(ZX_JOB_TERMINATED, 0x8u);
VAL(ZX_JOB_NO_JOBS, 0x10u);
VAL(ZX_JOB_NO_PROCESSES, 0x20u);
VAL(ZX_PROCESS_TERMINATED, 0x8u);
VAL(ZX_THREAD_TERMINATED, 0x8u);
VAL(ZX_THREAD_RUNNING, 0x10u);
VAL(ZX_THREAD_SUSPENDED, 0x20u);
VAL(ZX_LOG_READABLE, 0x1u);
VAL(ZX_LOG_WRITABLE, 0x2u);
VAL(ZX_TIMER_SIGNALED, 0x8u);
VAL(ZX_VMO_ZERO_CHILDREN, 0x8u);
VAL(ZX_IOB_PEER_CLOSED, 0x4u);

/* VMO / VMAR / pager. */
VAL(ZX_VMO_RESIZABLE, 0x2u);
VAL(ZX_VMO_DISCARDABLE, 0x4u);
VAL(ZX_VMO_TRAP_DIRTY, 0x8u);
VAL(ZX_VMO_OP_COMMIT, 1u);
VAL(ZX_VMO_OP_DECOMMIT, 2u);
VAL(ZX_VMO_OP_LOCK, 3u);
VAL(ZX_VMO_OP_UNLOCK, 4u);
VAL(ZX_VMO_OP_CACHE_SYNC, 6u);
VAL(ZX_VMO_OP_CACHE_INVALIDATE, 7u);
VAL(ZX_VMO_OP_CACHE_CLEAN, 8u);
VAL(ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, 9u);
VAL(ZX_VMO_OP_ZERO, 10u);
VAL(ZX_VMO_OP_TRY_LOCK, 11u);
VAL(ZX_VMO_OP_DONT_NEED, 12u);
VAL(ZX_VMO_OP_ALWAYS_NEED, 13u);
VAL(ZX_VMAR_OP_COMMIT, 1u);
VAL(ZX_VMAR_OP_DECOMMIT, 2u);
VAL(ZX_VMAR_OP_MAP_RANGE, 3u);
VAL(ZX_VMAR_OP_DONT_NEED, 12u);
VAL(ZX_VMAR_OP_ALWAYS_NEED, 13u);
VAL(ZX_PAGER_OP_FAIL, 1u);
VAL(ZX_PAGER_OP_DIRTY, 2u);
VAL(ZX_PAGER_OP_WRITEBACK_BEGIN, 3u);
VAL(ZX_PAGER_OP_WRITEBACK_END, 4u);
VAL(ZX_VMO_CHILD_SNAPSHOT, 0x1u);
VAL(ZX_VMO_CHILD_RESIZABLE, 0x4u);
VAL(ZX_VMO_CHILD_SLICE, 0x8u);
VAL(ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE, 0x10u);
VAL(ZX_VMO_CHILD_NO_WRITE, 0x20u);
VAL(ZX_VMO_CHILD_REFERENCE, 0x40u);
VAL(ZX_VM_PERM_READ, 0x1u);
VAL(ZX_VM_PERM_WRITE, 0x2u);
VAL(ZX_VM_PERM_EXECUTE, 0x4u);
VAL(ZX_VM_COMPACT, 0x8u);
VAL(ZX_VM_SPECIFIC, 0x10u);
VAL(ZX_VM_SPECIFIC_OVERWRITE, 0x20u);
VAL(ZX_VM_CAN_MAP_SPECIFIC, 0x40u);
VAL(ZX_VM_CAN_MAP_READ, 0x80u);
VAL(ZX_VM_CAN_MAP_WRITE, 0x100u);
VAL(ZX_VM_CAN_MAP_EXECUTE, 0x200u);
VAL(ZX_VM_MAP_RANGE, 0x400u);
VAL(ZX_VM_REQUIRE_NON_RESIZABLE, 0x800u);
VAL(ZX_VM_ALLOW_FAULTS, 0x1000u);
VAL(ZX_VM_OFFSET_IS_UPPER_LIMIT, 0x2000u);
VAL(ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, 0x4000u);
VAL(ZX_VM_ALIGN_BASE, 24);
VAL(ZX_VM_ALIGN_1KB, 0x0a000000u);
VAL(ZX_VM_ALIGN_4KB, 0x0c000000u);
VAL(ZX_VM_ALIGN_1MB, 0x14000000u);
VAL(ZX_VM_ALIGN_4GB, 0x20000000u);

/* Interrupts, channels, sockets, streams, caches, timers, BTI. */
VAL(ZX_INTERRUPT_REMAP_IRQ, 0x1u);
VAL(ZX_INTERRUPT_MODE_DEFAULT, 0x0u);
VAL(ZX_INTERRUPT_MODE_EDGE_LOW, 0x2u);
VAL(ZX_INTERRUPT_MODE_EDGE_HIGH, 0x4u);
VAL(ZX_INTERRUPT_MODE_LEVEL_LOW, 0x6u);
VAL(ZX_INTERRUPT_MODE_LEVEL_HIGH, 0x8u);
VAL(ZX_INTERRUPT_MODE_EDGE_BOTH, 0xau);
VAL(ZX_INTERRUPT_MODE_MASK, 0xeu);
VAL(ZX_INTERRUPT_VIRTUAL, 0x10u);
VAL(ZX_INTERRUPT_BIND, 0u);
VAL(ZX_INTERRUPT_UNBIND, 1u);
VAL(ZX_INTERRUPT_SLOT_USER, 62u);
VAL(ZX_INTERRUPT_MAX_SLOTS, 62u);
VAL(ZX_MSI_MODE_MSI_X, 1u);
VAL(ZX_PCI_INTERRUPT_SLOT, 0u);
VAL(ZX_CHANNEL_READ_MAY_DISCARD, 1u);
VAL(ZX_CHANNEL_WRITE_USE_IOVEC, 2u);
VAL(ZX_CHANNEL_MAX_MSG_BYTES, 65536u);
VAL(ZX_CHANNEL_MAX_MSG_HANDLES, 64u);
VAL(ZX_CHANNEL_MAX_MSG_IOVECS, 8192u);
VAL(ZX_FIFO_MAX_SIZE_BYTES, 4096u);
VAL(ZX_SOCKET_DISPOSITION_WRITE_DISABLED, 1u);
VAL(ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 2u);
VAL(ZX_SOCKET_STREAM, 0u);
VAL(ZX_SOCKET_DATAGRAM, 1u);
VAL(ZX_SOCKET_CREATE_MASK, 1u);
VAL(ZX_SOCKET_PEEK, 8u);
VAL(ZX_STREAM_MODE_READ, 1u);
VAL(ZX_STREAM_MODE_WRITE, 2u);
VAL(ZX_STREAM_MODE_APPEND, 4u);
VAL(ZX_STREAM_CREATE_MASK, 7u);
VAL(ZX_STREAM_APPEND, 1u);
VAL(ZX_STREAM_SEEK_ORIGIN_START, 0u);
VAL(ZX_STREAM_SEEK_ORIGIN_CURRENT, 1u);
VAL(ZX_STREAM_SEEK_ORIGIN_END, 2u);
VAL(ZX_CACHE_POLICY_CACHED, 0u);
VAL(ZX_CACHE_POLICY_UNCACHED, 1u);
VAL(ZX_CACHE_POLICY_UNCACHED_DEVICE, 2u);
VAL(ZX_CACHE_POLICY_WRITE_COMBINING, 3u);
VAL(ZX_CACHE_POLICY_MASK, 3u);
VAL(ZX_CACHE_FLUSH_INSN, 1u);
VAL(ZX_CACHE_FLUSH_DATA, 2u);
VAL(ZX_CACHE_FLUSH_INVALIDATE, 4u);
VAL(ZX_TIMER_SLACK_CENTER, 0u);
VAL(ZX_TIMER_SLACK_EARLY, 1u);
VAL(ZX_TIMER_SLACK_LATE, 2u);
VAL(ZX_BTI_PERM_READ, 1u);
VAL(ZX_BTI_PERM_WRITE, 2u);
VAL(ZX_BTI_PERM_EXECUTE, 4u);
VAL(ZX_BTI_COMPRESS, 8u);
VAL(ZX_BTI_CONTIGUOUS, 16u);
VAL(ZX_JOB_CRITICAL_PROCESS_RETCODE_NONZERO, 1u);
VAL(ZX_PROCESS_SHARED, 1u);
VAL(ZX_HANDLE_OP_MOVE, 0u);
VAL(ZX_HANDLE_OP_DUPLICATE, 1u);
VAL(ZX_CPU_SET_MAX_CPUS, 512);
VAL(ZX_CPU_SET_BITS_PER_WORD, 64);
VAL(ZX_SYSTEM_EVENT_OUT_OF_MEMORY, 1u);
VAL(ZX_SYSTEM_EVENT_MEMORY_PRESSURE_CRITICAL, 2u);
VAL(ZX_SYSTEM_EVENT_MEMORY_PRESSURE_WARNING, 3u);
VAL(ZX_SYSTEM_EVENT_MEMORY_PRESSURE_NORMAL, 4u);
VAL(ZX_SYSTEM_EVENT_IMMINENT_OUT_OF_MEMORY, 5u);

/* Object types. */
VAL(ZX_OBJ_TYPE_NONE, 0u);
VAL(ZX_OBJ_TYPE_PROCESS, 1u);
VAL(ZX_OBJ_TYPE_THREAD, 2u);
VAL(ZX_OBJ_TYPE_VMO, 3u);
VAL(ZX_OBJ_TYPE_CHANNEL, 4u);
VAL(ZX_OBJ_TYPE_EVENT, 5u);
VAL(ZX_OBJ_TYPE_PORT, 6u);
VAL(ZX_OBJ_TYPE_INTERRUPT, 9u);
VAL(ZX_OBJ_TYPE_PCI_DEVICE, 11u);
VAL(ZX_OBJ_TYPE_DEBUGLOG, 12u);
VAL(ZX_OBJ_TYPE_LOG, 12u);
VAL(ZX_OBJ_TYPE_SOCKET, 14u);
VAL(ZX_OBJ_TYPE_RESOURCE, 15u);
VAL(ZX_OBJ_TYPE_EVENTPAIR, 16u);
VAL(ZX_OBJ_TYPE_JOB, 17u);
VAL(ZX_OBJ_TYPE_VMAR, 18u);
VAL(ZX_OBJ_TYPE_FIFO, 19u);
VAL(ZX_OBJ_TYPE_GUEST, 20u);
VAL(ZX_OBJ_TYPE_VCPU, 21u);
VAL(ZX_OBJ_TYPE_TIMER, 22u);
VAL(ZX_OBJ_TYPE_IOMMU, 23u);
VAL(ZX_OBJ_TYPE_BTI, 24u);
VAL(ZX_OBJ_TYPE_PROFILE, 25u);
VAL(ZX_OBJ_TYPE_PMT, 26u);
VAL(ZX_OBJ_TYPE_SUSPEND_TOKEN, 27u);
VAL(ZX_OBJ_TYPE_PAGER, 28u);
VAL(ZX_OBJ_TYPE_EXCEPTION, 29u);
VAL(ZX_OBJ_TYPE_CLOCK, 30u);
VAL(ZX_OBJ_TYPE_STREAM, 31u);
VAL(ZX_OBJ_TYPE_MSI, 32u);
VAL(ZX_OBJ_TYPE_IOB, 33u);
VAL(ZX_OBJ_TYPE_UPPER_BOUND, 64u);

/* ======================================================================
 * types.h structs
 * ====================================================================== */
SIZE(zx_wait_item_t, 12);
OFF(zx_wait_item_t, handle, 0);
OFF(zx_wait_item_t, waitfor, 4);
OFF(zx_wait_item_t, pending, 8);

SIZE(zx_vmo_lock_state_t, 32);
OFF(zx_vmo_lock_state_t, offset, 0);
OFF(zx_vmo_lock_state_t, size, 8);
OFF(zx_vmo_lock_state_t, discarded_offset, 16);
OFF(zx_vmo_lock_state_t, discarded_size, 24);

SIZE(zx_pager_vmo_stats_t, 4);

SIZE(zx_iovec_t, 16);
OFF(zx_iovec_t, buffer, 0);
OFF(zx_iovec_t, capacity, 8);

SIZE(zx_handle_info_t, 16);
OFF(zx_handle_info_t, handle, 0);
OFF(zx_handle_info_t, type, 4);
OFF(zx_handle_info_t, rights, 8);
OFF(zx_handle_info_t, unused, 12);

SIZE(zx_handle_disposition_t, 20);
OFF(zx_handle_disposition_t, operation, 0);
OFF(zx_handle_disposition_t, handle, 4);
OFF(zx_handle_disposition_t, type, 8);
OFF(zx_handle_disposition_t, rights, 12);
OFF(zx_handle_disposition_t, result, 16);

SIZE(zx_channel_call_args_t, 48);
OFF(zx_channel_call_args_t, wr_bytes, 0);
OFF(zx_channel_call_args_t, wr_handles, 8);
OFF(zx_channel_call_args_t, rd_bytes, 16);
OFF(zx_channel_call_args_t, rd_handles, 24);
OFF(zx_channel_call_args_t, wr_num_bytes, 32);
OFF(zx_channel_call_args_t, wr_num_handles, 36);
OFF(zx_channel_call_args_t, rd_num_bytes, 40);
OFF(zx_channel_call_args_t, rd_num_handles, 44);

SIZE(zx_channel_call_etc_args_t, 48);
OFF(zx_channel_call_etc_args_t, wr_bytes, 0);
OFF(zx_channel_call_etc_args_t, wr_handles, 8);
OFF(zx_channel_call_etc_args_t, rd_bytes, 16);
OFF(zx_channel_call_etc_args_t, rd_handles, 24);
OFF(zx_channel_call_etc_args_t, wr_num_bytes, 32);
OFF(zx_channel_call_etc_args_t, wr_num_handles, 36);
OFF(zx_channel_call_etc_args_t, rd_num_bytes, 40);
OFF(zx_channel_call_etc_args_t, rd_num_handles, 44);

SIZE(zx_channel_iovec_t, 16);
OFF(zx_channel_iovec_t, buffer, 0);
OFF(zx_channel_iovec_t, capacity, 8);
OFF(zx_channel_iovec_t, reserved, 12);

SIZE(zx_cpu_set_t, 64);

SIZE(zx_iob_discipline_t, 72);
SIZE(zx_iob_region_private_t, 32);
SIZE(zx_iob_region_t, 120);
OFF(zx_iob_region_t, size, 8);
OFF(zx_iob_region_t, discipline, 16);
OFF(zx_iob_region_t, private_region, 88);

SIZE(zx_string_view_t, 16);
OFF(zx_string_view_t, c_str, 0);
OFF(zx_string_view_t, length, 8);

/* ======================================================================
 * processargs.h
 * ====================================================================== */
VAL(ZX_PROCARGS_PROTOCOL, 0x4150585du);
VAL(ZX_PROCARGS_VERSION, 0x0001000u);
SIZE(zx_proc_args_t, 36);
OFF(zx_proc_args_t, protocol, 0);
OFF(zx_proc_args_t, version, 4);
OFF(zx_proc_args_t, handle_info_off, 8);
OFF(zx_proc_args_t, args_off, 12);
OFF(zx_proc_args_t, args_num, 16);
OFF(zx_proc_args_t, environ_off, 20);
OFF(zx_proc_args_t, environ_num, 24);
OFF(zx_proc_args_t, names_off, 28);
OFF(zx_proc_args_t, names_num, 32);
VAL(PA_HND(PA_FD, 3), 0x00030030u);
VAL(PA_HND_TYPE(0x00030030u), 0x30u);
VAL(PA_HND_ARG(0x00030030u), 3u);
VAL(PA_PROC_SELF, 0x01u);
VAL(PA_THREAD_SELF, 0x02u);
VAL(PA_JOB_DEFAULT, 0x03u);
VAL(PA_VMAR_ROOT, 0x04u);
VAL(PA_VMAR_LOADED, 0x05u);
VAL(PA_LDSVC_LOADER, 0x10u);
VAL(PA_VMO_VDSO, 0x11u);
VAL(PA_VMO_STACK, 0x13u);
VAL(PA_VMO_EXECUTABLE, 0x14u);
VAL(PA_VMO_BOOTDATA, 0x1Au);
VAL(PA_VMO_BOOTFS, 0x1Bu);
VAL(PA_VMO_KERNEL_FILE, 0x1Cu);
VAL(PA_VMO_COMPONENT_CONFIG, 0x1Du);
VAL(PA_NS_DIR, 0x20u);
VAL(PA_FD, 0x30u);
VAL(PA_LIFECYCLE, 0x3Au);
VAL(PA_DIRECTORY_REQUEST, 0x3Bu);
VAL(PA_RESOURCE, 0x3Fu);
VAL(PA_CLOCK_UTC, 0x40u);
VAL(PA_MMIO_RESOURCE, 0x50);
VAL(PA_IRQ_RESOURCE, 0x51);
VAL(PA_IOPORT_RESOURCE, 0x52);
VAL(PA_SMC_RESOURCE, 0x53);
VAL(PA_SYSTEM_RESOURCE, 0x54);
VAL(PA_USER0, 0xF0u);
VAL(PA_USER1, 0xF1u);
VAL(PA_USER2, 0xF2u);

/* ======================================================================
 * syscalls/object.h
 * ====================================================================== */
VAL(ZX_INFO_NONE, 0u);
VAL(ZX_INFO_HANDLE_VALID, 1u);
VAL(ZX_INFO_HANDLE_BASIC, 2u);
VAL(ZX_INFO_PROCESS, 0x10000003u);
VAL(ZX_INFO_PROCESS_THREADS, 4u);
VAL(ZX_INFO_VMAR, 7u);
VAL(ZX_INFO_JOB_CHILDREN, 8u);
VAL(ZX_INFO_JOB_PROCESSES, 9u);
VAL(ZX_INFO_THREAD, 10u);
VAL(ZX_INFO_THREAD_EXCEPTION_REPORT_V1, 11u);
VAL(ZX_INFO_THREAD_EXCEPTION_REPORT, 0x1000000bu);
VAL(ZX_INFO_TASK_STATS, 12u);
VAL(ZX_INFO_PROCESS_MAPS_V1, 13u);
VAL(ZX_INFO_PROCESS_MAPS, 0x1000000du);
VAL(ZX_INFO_PROCESS_VMOS_V1, 14u);
VAL(ZX_INFO_PROCESS_VMOS_V2, 0x1000000eu);
VAL(ZX_INFO_PROCESS_VMOS, 0x2000000eu);
VAL(ZX_INFO_THREAD_STATS, 15u);
VAL(ZX_INFO_CPU_STATS, 16u);
VAL(ZX_INFO_KMEM_STATS, 17u);
VAL(ZX_INFO_RESOURCE, 18u);
VAL(ZX_INFO_HANDLE_COUNT, 19u);
VAL(ZX_INFO_BTI, 20u);
VAL(ZX_INFO_PROCESS_HANDLE_STATS, 21u);
VAL(ZX_INFO_SOCKET, 22u);
VAL(ZX_INFO_VMO_V1, 23u);
VAL(ZX_INFO_VMO_V2, 0x10000017u);
VAL(ZX_INFO_VMO, 0x20000017u);
VAL(ZX_INFO_JOB, 24u);
VAL(ZX_INFO_TIMER, 25u);
VAL(ZX_INFO_STREAM, 26u);
VAL(ZX_INFO_HANDLE_TABLE, 27u);
VAL(ZX_INFO_MSI, 28u);
VAL(ZX_INFO_GUEST_STATS, 29u);
VAL(ZX_INFO_TASK_RUNTIME_V1, 30u);
VAL(ZX_INFO_TASK_RUNTIME, 0x1000001eu);
VAL(ZX_INFO_KMEM_STATS_EXTENDED, 31u);
VAL(ZX_INFO_VCPU, 32u);
VAL(ZX_INFO_KMEM_STATS_COMPRESSION, 33u);
VAL(ZX_TASK_RETCODE_SYSCALL_KILL, -1024);
VAL(ZX_TASK_RETCODE_OOM_KILL, -1025);
VAL(ZX_TASK_RETCODE_POLICY_KILL, -1026);
VAL(ZX_TASK_RETCODE_VDSO_KILL, -1027);
VAL(ZX_TASK_RETCODE_EXCEPTION_KILL, -1028);
VAL(ZX_TASK_RETCODE_CRITICAL_PROCESS_KILL, -1029);
VAL(ZX_INFO_INVALID_CPU, 0xFFFFFFFFu);
VAL(ZX_INFO_PROCESS_FLAG_STARTED, 1u);
VAL(ZX_INFO_PROCESS_FLAG_EXITED, 2u);
VAL(ZX_INFO_PROCESS_FLAG_DEBUGGER_ATTACHED, 4u);
VAL(ZX_INFO_MAPS_TYPE_NONE, 0u);
VAL(ZX_INFO_MAPS_TYPE_ASPACE, 1u);
VAL(ZX_INFO_MAPS_TYPE_VMAR, 2u);
VAL(ZX_INFO_MAPS_TYPE_MAPPING, 3u);
VAL(ZX_INFO_VMO_TYPE_PAGED, 1u);
VAL(ZX_INFO_VMO_TYPE_PHYSICAL, 0u);
VAL(ZX_INFO_VMO_RESIZABLE, 2u);
VAL(ZX_INFO_VMO_IS_COW_CLONE, 4u);
VAL(ZX_INFO_VMO_VIA_HANDLE, 8u);
VAL(ZX_INFO_VMO_VIA_MAPPING, 16u);
VAL(ZX_INFO_VMO_PAGER_BACKED, 32u);
VAL(ZX_INFO_VMO_CONTIGUOUS, 64u);
VAL(ZX_INFO_VMO_DISCARDABLE, 128u);
VAL(ZX_INFO_VMO_IMMUTABLE, 256u);
VAL(ZX_INFO_VMO_VIA_IOB_HANDLE, 512u);
VAL(ZX_INFO_VCPU_FLAG_KICKED, 1u);
VAL(ZX_INFO_CPU_STATS_FLAG_ONLINE, 1u);
VAL(ZX_PROP_NAME, 3u);
#if defined(__x86_64__)
VAL(ZX_PROP_REGISTER_GS, 2u);
VAL(ZX_PROP_REGISTER_FS, 4u);
#endif
VAL(ZX_PROP_PROCESS_DEBUG_ADDR, 5u);
VAL(ZX_PROP_PROCESS_VDSO_BASE_ADDRESS, 6u);
VAL(ZX_PROP_PROCESS_BREAK_ON_LOAD, 7u);
VAL(ZX_PROP_PROCESS_HW_TRACE_CONTEXT_ID, 8u);
VAL(ZX_PROP_SOCKET_RX_THRESHOLD, 12u);
VAL(ZX_PROP_SOCKET_TX_THRESHOLD, 13u);
VAL(ZX_PROP_JOB_KILL_ON_OOM, 15u);
VAL(ZX_PROP_EXCEPTION_STATE, 16u);
VAL(ZX_PROP_VMO_CONTENT_SIZE, 17u);
VAL(ZX_PROP_EXCEPTION_STRATEGY, 18u);
VAL(ZX_PROP_STREAM_MODE_APPEND, 19u);
VAL(ZX_THREAD_STATE_NEW, 0u);
VAL(ZX_THREAD_STATE_RUNNING, 1u);
VAL(ZX_THREAD_STATE_SUSPENDED, 2u);
VAL(ZX_THREAD_STATE_BLOCKED, 3u);
VAL(ZX_THREAD_STATE_DYING, 4u);
VAL(ZX_THREAD_STATE_DEAD, 5u);
VAL(ZX_THREAD_STATE_BLOCKED_EXCEPTION, 0x103u);
VAL(ZX_THREAD_STATE_BLOCKED_SLEEPING, 0x203u);
VAL(ZX_THREAD_STATE_BLOCKED_FUTEX, 0x303u);
VAL(ZX_THREAD_STATE_BLOCKED_PORT, 0x403u);
VAL(ZX_THREAD_STATE_BLOCKED_CHANNEL, 0x503u);
VAL(ZX_THREAD_STATE_BLOCKED_WAIT_ONE, 0x603u);
VAL(ZX_THREAD_STATE_BLOCKED_WAIT_MANY, 0x703u);
VAL(ZX_THREAD_STATE_BLOCKED_INTERRUPT, 0x803u);
VAL(ZX_THREAD_STATE_BLOCKED_PAGER, 0x903u);
VAL(ZX_THREAD_STATE_BASIC(ZX_THREAD_STATE_BLOCKED_PORT), ZX_THREAD_STATE_BLOCKED);
VAL(ZX_EXCEPTION_STATE_TRY_NEXT, 0u);
VAL(ZX_EXCEPTION_STATE_HANDLED, 1u);
VAL(ZX_EXCEPTION_STATE_THREAD_EXIT, 2u);
VAL(ZX_EXCEPTION_STRATEGY_FIRST_CHANCE, 0u);
VAL(ZX_EXCEPTION_STRATEGY_SECOND_CHANCE, 1u);

SIZE(zx_info_handle_basic_t, 32);
OFF(zx_info_handle_basic_t, koid, 0);
OFF(zx_info_handle_basic_t, rights, 8);
OFF(zx_info_handle_basic_t, type, 12);
OFF(zx_info_handle_basic_t, related_koid, 16);
OFF(zx_info_handle_basic_t, reserved, 24);

SIZE(zx_info_handle_extended_t, 40);
OFF(zx_info_handle_extended_t, type, 0);
OFF(zx_info_handle_extended_t, handle_value, 4);
OFF(zx_info_handle_extended_t, rights, 8);
OFF(zx_info_handle_extended_t, reserved, 12);
OFF(zx_info_handle_extended_t, koid, 16);
OFF(zx_info_handle_extended_t, related_koid, 24);
OFF(zx_info_handle_extended_t, peer_owner_koid, 32);

SIZE(zx_info_handle_count_t, 4);
SIZE(zx_info_process_handle_stats_t, 256);

SIZE(zx_info_process_t, 24);
OFF(zx_info_process_t, return_code, 0);
OFF(zx_info_process_t, start_time, 8);
OFF(zx_info_process_t, flags, 16);

SIZE(zx_info_job_t, 16);
OFF(zx_info_job_t, return_code, 0);
OFF(zx_info_job_t, exited, 8);
OFF(zx_info_job_t, kill_on_oom, 9);
OFF(zx_info_job_t, debugger_attached, 10);

SIZE(zx_info_timer_t, 24);
OFF(zx_info_timer_t, options, 0);
OFF(zx_info_timer_t, clock_id, 4);
OFF(zx_info_timer_t, deadline, 8);
OFF(zx_info_timer_t, slack, 16);

SIZE(zx_info_stream_t, 24);
OFF(zx_info_stream_t, options, 0);
OFF(zx_info_stream_t, seek, 8);
OFF(zx_info_stream_t, content_size, 16);

SIZE(zx_info_thread_t, 72);
OFF(zx_info_thread_t, state, 0);
OFF(zx_info_thread_t, wait_exception_channel_type, 4);
OFF(zx_info_thread_t, cpu_affinity_mask, 8);

SIZE(zx_info_thread_stats_t, 16);
OFF(zx_info_thread_stats_t, total_runtime, 0);
OFF(zx_info_thread_stats_t, last_scheduled_cpu, 8);

SIZE(zx_info_task_stats_t, 32);
OFF(zx_info_task_stats_t, mem_mapped_bytes, 0);
OFF(zx_info_task_stats_t, mem_private_bytes, 8);
OFF(zx_info_task_stats_t, mem_shared_bytes, 16);
OFF(zx_info_task_stats_t, mem_scaled_shared_bytes, 24);

SIZE(zx_info_task_runtime_t, 32);
OFF(zx_info_task_runtime_t, cpu_time, 0);
OFF(zx_info_task_runtime_t, queue_time, 8);
OFF(zx_info_task_runtime_t, page_fault_time, 16);
OFF(zx_info_task_runtime_t, lock_contention_time, 24);
SIZE(zx_info_task_runtime_v1_t, 16);

SIZE(zx_info_vmar_t, 16);
OFF(zx_info_vmar_t, base, 0);
OFF(zx_info_vmar_t, len, 8);

SIZE(zx_info_bti_t, 32);
OFF(zx_info_bti_t, minimum_contiguity, 0);
OFF(zx_info_bti_t, aspace_size, 8);
OFF(zx_info_bti_t, pmo_count, 16);
OFF(zx_info_bti_t, quarantine_count, 24);

SIZE(zx_info_socket_t, 48);
OFF(zx_info_socket_t, options, 0);
OFF(zx_info_socket_t, rx_buf_max, 8);
OFF(zx_info_socket_t, rx_buf_size, 16);
OFF(zx_info_socket_t, rx_buf_available, 24);
OFF(zx_info_socket_t, tx_buf_max, 32);
OFF(zx_info_socket_t, tx_buf_size, 40);

SIZE(zx_info_maps_mapping_t, 40);
OFF(zx_info_maps_mapping_t, mmu_flags, 0);
OFF(zx_info_maps_mapping_t, vmo_koid, 8);
OFF(zx_info_maps_mapping_t, vmo_offset, 16);
OFF(zx_info_maps_mapping_t, committed_pages, 24);
OFF(zx_info_maps_mapping_t, populated_pages, 32);
SIZE(zx_info_maps_mapping_v1_t, 32);

SIZE(zx_info_maps_t, 104);
OFF(zx_info_maps_t, name, 0);
OFF(zx_info_maps_t, base, 32);
OFF(zx_info_maps_t, size, 40);
OFF(zx_info_maps_t, depth, 48);
OFF(zx_info_maps_t, type, 56);
OFF(zx_info_maps_t, u, 64);
SIZE(zx_info_maps_v1_t, 96);
OFF(zx_info_maps_v1_t, u, 64);

SIZE(zx_info_vmo_t, 128);
OFF(zx_info_vmo_t, koid, 0);
OFF(zx_info_vmo_t, name, 8);
OFF(zx_info_vmo_t, size_bytes, 40);
OFF(zx_info_vmo_t, parent_koid, 48);
OFF(zx_info_vmo_t, num_children, 56);
OFF(zx_info_vmo_t, num_mappings, 64);
OFF(zx_info_vmo_t, share_count, 72);
OFF(zx_info_vmo_t, flags, 80);
OFF(zx_info_vmo_t, committed_bytes, 88);
OFF(zx_info_vmo_t, handle_rights, 96);
OFF(zx_info_vmo_t, cache_policy, 100);
OFF(zx_info_vmo_t, metadata_bytes, 104);
OFF(zx_info_vmo_t, committed_change_events, 112);
OFF(zx_info_vmo_t, populated_bytes, 120);
SIZE(zx_info_vmo_v2_t, 120);
SIZE(zx_info_vmo_v1_t, 104);

SIZE(zx_arm64_info_guest_stats_t, 72);
SIZE(zx_x86_64_info_guest_stats_t, 120);
SIZE(zx_riscv64_info_guest_stats_t, 32);
#if defined(__x86_64__)
SIZE(zx_info_guest_stats_t, 120);
#elif defined(__aarch64__)
SIZE(zx_info_guest_stats_t, 72);
#endif
SIZE(zx_info_vcpu_t, 4);

SIZE(zx_info_cpu_stats_t, 120);
OFF(zx_info_cpu_stats_t, cpu_number, 0);
OFF(zx_info_cpu_stats_t, flags, 4);
OFF(zx_info_cpu_stats_t, idle_time, 8);
OFF(zx_info_cpu_stats_t, reschedules, 16);
OFF(zx_info_cpu_stats_t, ints, 56);
OFF(zx_info_cpu_stats_t, syscalls, 96);
OFF(zx_info_cpu_stats_t, generic_ipis, 112);

SIZE(zx_info_kmem_stats_t, 72);
OFF(zx_info_kmem_stats_t, total_bytes, 0);
OFF(zx_info_kmem_stats_t, vmo_bytes, 40);
OFF(zx_info_kmem_stats_t, other_bytes, 64);
SIZE(zx_info_kmem_stats_extended_t, 120);
OFF(zx_info_kmem_stats_extended_t, vmo_pager_total_bytes, 48);
OFF(zx_info_kmem_stats_extended_t, mmu_overhead_bytes, 88);
OFF(zx_info_kmem_stats_extended_t, vmo_reclaim_disabled_bytes, 112);
SIZE(zx_info_kmem_stats_compression_t, 168);
OFF(zx_info_kmem_stats_compression_t, compression_time, 24);
OFF(zx_info_kmem_stats_compression_t, pages_decompressed_unit_ns, 96);
OFF(zx_info_kmem_stats_compression_t, pages_decompressed_within_log_time, 104);

SIZE(zx_info_resource_t, 56);
OFF(zx_info_resource_t, kind, 0);
OFF(zx_info_resource_t, flags, 4);
OFF(zx_info_resource_t, base, 8);
OFF(zx_info_resource_t, size, 16);
OFF(zx_info_resource_t, name, 24);

SIZE(zx_info_msi_t, 24);
OFF(zx_info_msi_t, target_addr, 0);
OFF(zx_info_msi_t, target_data, 8);
OFF(zx_info_msi_t, base_irq_id, 12);
OFF(zx_info_msi_t, num_irq, 16);
OFF(zx_info_msi_t, interrupt_count, 20);

/* ======================================================================
 * syscalls/port.h
 * ====================================================================== */
VAL(ZX_WAIT_ASYNC_ONCE, 0u);
VAL(ZX_WAIT_ASYNC_TIMESTAMP, 1u);
VAL(ZX_WAIT_ASYNC_EDGE, 2u);
VAL(ZX_PORT_BIND_TO_INTERRUPT, 1u);
VAL(ZX_PKT_TYPE_USER, 0u);
VAL(ZX_PKT_TYPE_SIGNAL_ONE, 1u);
VAL(ZX_PKT_TYPE_GUEST_BELL, 3u);
VAL(ZX_PKT_TYPE_GUEST_MEM, 4u);
VAL(ZX_PKT_TYPE_GUEST_IO, 5u);
VAL(ZX_PKT_TYPE_GUEST_VCPU, 6u);
VAL(ZX_PKT_TYPE_INTERRUPT, 7u);
VAL(ZX_PKT_TYPE_PAGE_REQUEST, 9u);
VAL(ZX_PKT_GUEST_VCPU_INTERRUPT, 0u);
VAL(ZX_PKT_GUEST_VCPU_STARTUP, 1u);
VAL(ZX_PKT_GUEST_VCPU_EXIT, 2u);
VAL(ZX_PAGER_VMO_READ, 0);
VAL(ZX_PAGER_VMO_COMPLETE, 1);
VAL(ZX_PAGER_VMO_DIRTY, 2);

SIZE(zx_packet_user_t, 32);
SIZE(zx_packet_signal_t, 32);
OFF(zx_packet_signal_t, trigger, 0);
OFF(zx_packet_signal_t, observed, 4);
OFF(zx_packet_signal_t, count, 8);
OFF(zx_packet_signal_t, timestamp, 16);
OFF(zx_packet_signal_t, reserved1, 24);
SIZE(zx_packet_guest_bell_t, 32);
SIZE(zx_packet_guest_mem_t, 32);
#if defined(__x86_64__)
OFF(zx_packet_guest_mem_t, cr3, 8);
OFF(zx_packet_guest_mem_t, rip, 16);
OFF(zx_packet_guest_mem_t, instruction_size, 24);
OFF(zx_packet_guest_mem_t, default_operand_size, 25);
#elif defined(__aarch64__)
OFF(zx_packet_guest_mem_t, access_size, 8);
OFF(zx_packet_guest_mem_t, sign_extend, 9);
OFF(zx_packet_guest_mem_t, xt, 10);
OFF(zx_packet_guest_mem_t, read, 11);
OFF(zx_packet_guest_mem_t, data, 16);
#endif
SIZE(zx_packet_guest_io_t, 32);
OFF(zx_packet_guest_io_t, port, 0);
OFF(zx_packet_guest_io_t, access_size, 2);
OFF(zx_packet_guest_io_t, input, 3);
OFF(zx_packet_guest_io_t, u32, 4);
OFF(zx_packet_guest_io_t, reserved0, 8);
SIZE(zx_packet_guest_vcpu_t, 32);
OFF(zx_packet_guest_vcpu_t, type, 0);
OFF(zx_packet_guest_vcpu_t, interrupt, 8);
OFF(zx_packet_guest_vcpu_t, startup, 8);
OFF(zx_packet_guest_vcpu_t, exit, 8);
OFF(zx_packet_guest_vcpu_t, reserved, 24);
SIZE(zx_packet_interrupt_t, 32);
SIZE(zx_packet_page_request_t, 32);
OFF(zx_packet_page_request_t, command, 0);
OFF(zx_packet_page_request_t, flags, 2);
OFF(zx_packet_page_request_t, offset, 8);
OFF(zx_packet_page_request_t, length, 16);

SIZE(zx_port_packet_t, 48);
OFF(zx_port_packet_t, key, 0);
OFF(zx_port_packet_t, type, 8);
OFF(zx_port_packet_t, status, 12);
OFF(zx_port_packet_t, user, 16);
OFF(zx_port_packet_t, signal, 16);
OFF(zx_port_packet_t, guest_bell, 16);
OFF(zx_port_packet_t, guest_mem, 16);
OFF(zx_port_packet_t, guest_io, 16);
OFF(zx_port_packet_t, guest_vcpu, 16);
OFF(zx_port_packet_t, interrupt, 16);
OFF(zx_port_packet_t, page_request, 16);

/* ======================================================================
 * syscalls/clock.h
 * ====================================================================== */
VAL(ZX_CLOCK_ARGS_VERSION(1), 0x0400000000000000ull);
VAL(ZX_CLOCK_ARGS_VERSION(2), 0x0800000000000000ull);
VAL(ZX_CLOCK_ARGS_VERSION_MASK, 0xFC00000000000000ull);
VAL(ZX_CLOCK_OPT_MONOTONIC, 1u);
VAL(ZX_CLOCK_OPT_CONTINUOUS, 2u);
VAL(ZX_CLOCK_OPT_AUTO_START, 4u);
VAL(ZX_CLOCK_OPT_BOOT, 8u);
VAL(ZX_CLOCK_OPT_MAPPABLE, 0x10u);
VAL(ZX_CLOCK_OPTS_ALL, 0x1Fu);
VAL(ZX_CLOCK_UPDATE_OPTION_VALUE_VALID, 1u);
VAL(ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID, 2u);
VAL(ZX_CLOCK_UPDATE_OPTION_ERROR_BOUND_VALID, 4u);
VAL(ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID, 8u);
VAL(ZX_CLOCK_UPDATE_OPTION_SYNTHETIC_VALUE_VALID, 1u);
VAL(ZX_CLOCK_UPDATE_OPTION_BOTH_VALUES_VALID, 9u);
VAL(ZX_CLOCK_UPDATE_OPTIONS_ALL, 15u);
VAL(ZX_CLOCK_UPDATE_MIN_RATE_ADJUST, -1000);
VAL(ZX_CLOCK_UPDATE_MAX_RATE_ADJUST, 1000);
VAL(ZX_CLOCK_UNKNOWN_ERROR, UINT64_MAX);

SIZE(zx_clock_create_args_v1_t, 8);
SIZE(zx_clock_rate_t, 8);
SIZE(zx_clock_transformation_t, 24);
OFF(zx_clock_transformation_t, reference_offset, 0);
OFF(zx_clock_transformation_t, synthetic_offset, 8);
OFF(zx_clock_transformation_t, rate, 16);
SIZE(zx_clock_details_v1_t, 112);
OFF(zx_clock_details_v1_t, options, 0);
OFF(zx_clock_details_v1_t, backstop_time, 8);
OFF(zx_clock_details_v1_t, ticks_to_synthetic, 16);
OFF(zx_clock_details_v1_t, mono_to_synthetic, 40);
OFF(zx_clock_details_v1_t, reference_ticks_to_synthetic, 16);
OFF(zx_clock_details_v1_t, reference_to_synthetic, 40);
OFF(zx_clock_details_v1_t, error_bound, 64);
OFF(zx_clock_details_v1_t, query_ticks, 72);
OFF(zx_clock_details_v1_t, last_value_update_ticks, 80);
OFF(zx_clock_details_v1_t, last_rate_adjust_update_ticks, 88);
OFF(zx_clock_details_v1_t, last_error_bounds_update_ticks, 96);
OFF(zx_clock_details_v1_t, generation_counter, 104);
SIZE(zx_clock_update_args_v1_t, 24);
OFF(zx_clock_update_args_v1_t, rate_adjust, 0);
OFF(zx_clock_update_args_v1_t, value, 8);
OFF(zx_clock_update_args_v1_t, error_bound, 16);
SIZE(zx_clock_update_args_v2_t, 32);
OFF(zx_clock_update_args_v2_t, synthetic_value, 8);
OFF(zx_clock_update_args_v2_t, reference_value, 16);
OFF(zx_clock_update_args_v2_t, error_bound, 24);

/* ======================================================================
 * syscalls/resource.h
 * ====================================================================== */
VAL(ZX_RSRC_KIND_MMIO, 0u);
VAL(ZX_RSRC_KIND_IRQ, 1u);
VAL(ZX_RSRC_KIND_IOPORT, 2u);
VAL(ZX_RSRC_KIND_ROOT, 3u);
VAL(ZX_RSRC_KIND_SMC, 4u);
VAL(ZX_RSRC_KIND_SYSTEM, 5u);
VAL(ZX_RSRC_KIND_COUNT, 6u);
VAL(ZX_RSRC_FLAG_EXCLUSIVE, 0x10000u);
VAL(ZX_RSRC_FLAGS_MASK, 0x10000u);
VAL(ZX_RSRC_EXTRACT_KIND(0x10005u), 5u);
VAL(ZX_RSRC_EXTRACT_FLAGS(0x10005u), 0x10000u);
VAL(ZX_RSRC_SYSTEM_HYPERVISOR_BASE, 0u);
VAL(ZX_RSRC_SYSTEM_VMEX_BASE, 1u);
VAL(ZX_RSRC_SYSTEM_DEBUG_BASE, 2u);
VAL(ZX_RSRC_SYSTEM_INFO_BASE, 3u);
VAL(ZX_RSRC_SYSTEM_CPU_BASE, 4u);
VAL(ZX_RSRC_SYSTEM_POWER_BASE, 5u);
VAL(ZX_RSRC_SYSTEM_MEXEC_BASE, 6u);
VAL(ZX_RSRC_SYSTEM_ENERGY_INFO_BASE, 7u);
VAL(ZX_RSRC_SYSTEM_IOMMU_BASE, 8u);
VAL(ZX_RSRC_SYSTEM_FRAMEBUFFER_BASE, 9u);
VAL(ZX_RSRC_SYSTEM_PROFILE_BASE, 10u);
VAL(ZX_RSRC_SYSTEM_MSI_BASE, 11u);
VAL(ZX_RSRC_SYSTEM_DEBUGLOG_BASE, 12u);
VAL(ZX_RSRC_SYSTEM_STALL_BASE, 13u);
VAL(ZX_RSRC_SYSTEM_COUNT, 14u);

/* ======================================================================
 * syscalls/smc.h
 * ====================================================================== */
SIZE(zx_smc_parameters_t, 64);
OFF(zx_smc_parameters_t, func_id, 0);
OFF(zx_smc_parameters_t, arg1, 8);
OFF(zx_smc_parameters_t, arg2, 16);
OFF(zx_smc_parameters_t, arg3, 24);
OFF(zx_smc_parameters_t, arg4, 32);
OFF(zx_smc_parameters_t, arg5, 40);
OFF(zx_smc_parameters_t, arg6, 48);
OFF(zx_smc_parameters_t, client_id, 56);
OFF(zx_smc_parameters_t, secure_os_id, 58);
OFF(zx_smc_parameters_t, padding2, 60);
SIZE(zx_smc_result_t, 40);
OFF(zx_smc_result_t, arg0, 0);
OFF(zx_smc_result_t, arg3, 24);
OFF(zx_smc_result_t, arg6, 32);
VAL(ARM_SMC_GET_SERVICE_CALL_NUM_FROM_FUNC_ID(0x82000001u), 0x02u);

/* ======================================================================
 * syscalls/iommu.h
 * ====================================================================== */
VAL(ZX_IOMMU_MAX_DESC_LEN, 4096);
VAL(ZX_IOMMU_TYPE_DUMMY, 0);
VAL(ZX_IOMMU_TYPE_INTEL, 1);
VAL(ZX_IOMMU_INTEL_SCOPE_ENDPOINT, 0);
VAL(ZX_IOMMU_INTEL_SCOPE_BRIDGE, 1);
SIZE(zx_iommu_desc_dummy_t, 1);
SIZE(zx_iommu_desc_intel_scope_t, 8);
OFF(zx_iommu_desc_intel_scope_t, dev_func, 3);
SIZE(zx_iommu_desc_intel_reserved_memory_t, 24);
OFF(zx_iommu_desc_intel_reserved_memory_t, scope_bytes, 16);
SIZE(zx_iommu_desc_intel_t, 16);
OFF(zx_iommu_desc_intel_t, register_base, 0);
OFF(zx_iommu_desc_intel_t, pci_segment, 8);
OFF(zx_iommu_desc_intel_t, whole_segment, 10);
OFF(zx_iommu_desc_intel_t, scope_bytes, 11);
OFF(zx_iommu_desc_intel_t, reserved_memory_bytes, 12);

/* ======================================================================
 * syscalls/pci.h
 * ====================================================================== */
VAL(ZX_PCI_BAR_TYPE_UNUSED, 0u);
VAL(ZX_PCI_BAR_TYPE_MMIO, 1u);
VAL(ZX_PCI_BAR_TYPE_PIO, 2u);
VAL(ZX_PCI_MAX_BUSSES, 256u);
VAL(ZX_PCI_MAX_DEVICES_PER_BUS, 32u);
VAL(ZX_PCI_MAX_FUNCTIONS_PER_DEVICE, 8u);
VAL(ZX_PCI_MAX_FUNCTIONS_PER_BUS, 256u);
VAL(ZX_PCI_MAX_LEGACY_IRQ_PINS, 4u);
VAL(ZX_PCI_MAX_MSI_IRQS, 32u);
VAL(ZX_PCI_MAX_MSIX_IRQS, 2048u);
VAL(ZX_PCI_STANDARD_CONFIG_HDR_SIZE, 64u);
VAL(ZX_PCI_BASE_CONFIG_SIZE, 256u);
VAL(ZX_PCI_EXTENDED_CONFIG_SIZE, 4096u);
VAL(ZX_PCI_ECAM_BYTE_PER_BUS, 1048576u);
VAL(ZX_PCI_BAR_REGS_PER_BRIDGE, 2u);
VAL(ZX_PCI_BAR_REGS_PER_DEVICE, 6u);
VAL(ZX_PCI_MAX_BAR_REGS, 6u);
VAL(ZX_PCI_NO_IRQ_MAPPING, 0xFFFFFFFFu);
VAL(PCI_CFG_SPACE_TYPE_PIO, 0u);
VAL(PCI_CFG_SPACE_TYPE_MMIO, 1u);
VAL(PCI_CFG_SPACE_TYPE_DW_ROOT, 2u);
VAL(PCI_CFG_SPACE_TYPE_DW_DS, 3u);
VAL(ZX_PCI_MAX_IRQS, 224);
VAL(ZX_PCI_INIT_ARG_MAX_ECAM_WINDOWS, 2);
VAL(ZX_PCIE_IRQ_MODE_DISABLED, 0u);
VAL(ZX_PCIE_IRQ_MODE_LEGACY, 1u);
VAL(ZX_PCIE_IRQ_MODE_LEGACY_NOACK, 2u);
VAL(ZX_PCIE_IRQ_MODE_MSI, 3u);
VAL(ZX_PCIE_IRQ_MODE_MSI_X, 4u);

SIZE(zx_pci_bar_t, 24);
OFF(zx_pci_bar_t, id, 0);
OFF(zx_pci_bar_t, type, 4);
OFF(zx_pci_bar_t, size, 8);
OFF(zx_pci_bar_t, addr, 16);
OFF(zx_pci_bar_t, handle, 16);
SIZE(zx_pcie_device_info_t, 12);
OFF(zx_pcie_device_info_t, vendor_id, 0);
OFF(zx_pcie_device_info_t, device_id, 2);
OFF(zx_pcie_device_info_t, base_class, 4);
OFF(zx_pcie_device_info_t, sub_class, 5);
OFF(zx_pcie_device_info_t, program_interface, 6);
OFF(zx_pcie_device_info_t, revision_id, 7);
OFF(zx_pcie_device_info_t, bus_id, 8);
OFF(zx_pcie_device_info_t, dev_id, 9);
OFF(zx_pcie_device_info_t, func_id, 10);
SIZE(zx_pci_irq_swizzle_lut_t, 4096);
SIZE(zx_pci_init_arg_t, 5896);
OFF(zx_pci_init_arg_t, dev_pin_to_global_irq, 0);
OFF(zx_pci_init_arg_t, num_irqs, 4096);
OFF(zx_pci_init_arg_t, irqs, 4100);
OFF(zx_pci_init_arg_t, addr_window_count, 5892);
OFF(zx_pci_init_arg_t, addr_windows, 5896);
VAL(ZX_PCI_INIT_ARG_MAX_SIZE, 5896u + 2u * 24u);

/* ======================================================================
 * syscalls/system.h
 * ====================================================================== */
VAL(ZX_SYSTEM_POWERCTL_ENABLE_ALL_CPUS, 1u);
VAL(ZX_SYSTEM_POWERCTL_DISABLE_ALL_CPUS_BUT_PRIMARY, 2u);
VAL(ZX_SYSTEM_POWERCTL_ACPI_TRANSITION_S_STATE, 3u);
VAL(ZX_SYSTEM_POWERCTL_X86_SET_PKG_PL1, 4u);
VAL(ZX_SYSTEM_POWERCTL_REBOOT, 5u);
VAL(ZX_SYSTEM_POWERCTL_REBOOT_BOOTLOADER, 6u);
VAL(ZX_SYSTEM_POWERCTL_REBOOT_RECOVERY, 7u);
VAL(ZX_SYSTEM_POWERCTL_SHUTDOWN, 8u);
VAL(ZX_SYSTEM_POWERCTL_ACK_KERNEL_INITIATED_REBOOT, 9u);
VAL(ZX_CPU_PERF_SCALE, 1u);
VAL(ZX_CPU_DEFAULT_PERF_SCALE, 2u);
SIZE(zx_system_powerctl_arg_t, 12);
ALIGN(zx_system_powerctl_arg_t, 4);
OFF(zx_system_powerctl_arg_t, acpi_transition_s_state, 0);
OFF(zx_system_powerctl_arg_t, x86_power_limit, 0);
SIZE(zx_cpu_performance_scale_t, 8);
SIZE(zx_cpu_performance_info_t, 12);
OFF(zx_cpu_performance_info_t, performance_scale, 4);

/* ======================================================================
 * syscalls/profile.h + scheduler.h
 * ====================================================================== */
VAL(ZX_PRIORITY_LOWEST, 0);
VAL(ZX_PRIORITY_LOW, 8);
VAL(ZX_PRIORITY_DEFAULT, 16);
VAL(ZX_PRIORITY_HIGH, 24);
VAL(ZX_PRIORITY_HIGHEST, 31);
VAL(ZX_PROFILE_INFO_FLAG_PRIORITY, 1);
VAL(ZX_PROFILE_INFO_FLAG_CPU_MASK, 2);
VAL(ZX_PROFILE_INFO_FLAG_DEADLINE, 4);
VAL(ZX_PROFILE_INFO_FLAG_NO_INHERIT, 8);
VAL(ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY, 16);
SIZE(zx_sched_deadline_params_t, 24);
OFF(zx_sched_deadline_params_t, capacity, 0);
OFF(zx_sched_deadline_params_t, relative_deadline, 8);
OFF(zx_sched_deadline_params_t, period, 16);
SIZE(zx_profile_info_t, 96);
OFF(zx_profile_info_t, flags, 0);
OFF(zx_profile_info_t, priority, 8);
OFF(zx_profile_info_t, deadline_params, 8);
OFF(zx_profile_info_t, cpu_affinity_mask, 32);

/* ======================================================================
 * syscalls/log.h
 * ====================================================================== */
SIZE(zx_log_record_t, 40);
OFF(zx_log_record_t, sequence, 0);
OFF(zx_log_record_t, datalen, 12);
OFF(zx_log_record_t, severity, 14);
OFF(zx_log_record_t, flags, 15);
OFF(zx_log_record_t, timestamp, 16);
OFF(zx_log_record_t, pid, 24);
OFF(zx_log_record_t, tid, 32);
OFF(zx_log_record_t, data, 40);
VAL(ZX_LOG_RECORD_MAX, 256u);
VAL(ZX_LOG_RECORD_DATA_MAX, 216u);
VAL(ZX_LOG_TRACE, 0x10);
VAL(ZX_LOG_DEBUG, 0x20);
VAL(ZX_LOG_INFO, 0x30);
VAL(ZX_LOG_WARNING, 0x40);
VAL(ZX_LOG_ERROR, 0x50);
VAL(ZX_LOG_FATAL, 0x60);
VAL(ZX_LOG_LOCAL, 0x10);
VAL(ZX_LOG_FLAGS_MASK, 0x10);
VAL(ZX_LOG_FLAG_READABLE, 0x40000000);

/* ======================================================================
 * syscalls/policy.h
 * ====================================================================== */
VAL(ZX_JOB_POL_RELATIVE, 0u);
VAL(ZX_JOB_POL_ABSOLUTE, 1u);
VAL(ZX_JOB_POL_BASIC_V1, 0u);
VAL(ZX_JOB_POL_BASIC_V2, 0x01000000u);
VAL(ZX_JOB_POL_BASIC, 0u);
VAL(ZX_JOB_POL_TIMER_SLACK, 1u);
VAL(ZX_POL_BAD_HANDLE, 0u);
VAL(ZX_POL_WRONG_OBJECT, 1u);
VAL(ZX_POL_VMAR_WX, 2u);
VAL(ZX_POL_NEW_ANY, 3u);
VAL(ZX_POL_NEW_VMO, 4u);
VAL(ZX_POL_NEW_CHANNEL, 5u);
VAL(ZX_POL_NEW_EVENT, 6u);
VAL(ZX_POL_NEW_EVENTPAIR, 7u);
VAL(ZX_POL_NEW_PORT, 8u);
VAL(ZX_POL_NEW_SOCKET, 9u);
VAL(ZX_POL_NEW_FIFO, 10u);
VAL(ZX_POL_NEW_TIMER, 11u);
VAL(ZX_POL_NEW_PROCESS, 12u);
VAL(ZX_POL_NEW_PROFILE, 13u);
VAL(ZX_POL_NEW_PAGER, 14u);
VAL(ZX_POL_AMBIENT_MARK_VMO_EXEC, 15u);
VAL(ZX_POL_NEW_IOB, 16u);
VAL(ZX_POL_ACTION_ALLOW, 0u);
VAL(ZX_POL_ACTION_DENY, 1u);
VAL(ZX_POL_ACTION_ALLOW_EXCEPTION, 2u);
VAL(ZX_POL_ACTION_DENY_EXCEPTION, 3u);
VAL(ZX_POL_ACTION_KILL, 4u);
VAL(ZX_POL_OVERRIDE_ALLOW, 0u);
VAL(ZX_POL_OVERRIDE_DENY, 1u);
SIZE(zx_policy_basic_v1_t, 8);
SIZE(zx_policy_basic_t, 8);
SIZE(zx_policy_basic_v2_t, 12);
OFF(zx_policy_basic_v2_t, action, 4);
OFF(zx_policy_basic_v2_t, flags, 8);
SIZE(zx_policy_timer_slack_t, 16);
OFF(zx_policy_timer_slack_t, min_slack, 0);
OFF(zx_policy_timer_slack_t, default_mode, 8);

/* ======================================================================
 * syscalls/exception.h
 * ====================================================================== */
VAL(ZX_EXCP_GENERAL, 0x008u);
VAL(ZX_EXCP_FATAL_PAGE_FAULT, 0x108u);
VAL(ZX_EXCP_UNDEFINED_INSTRUCTION, 0x208u);
VAL(ZX_EXCP_SW_BREAKPOINT, 0x308u);
VAL(ZX_EXCP_HW_BREAKPOINT, 0x408u);
VAL(ZX_EXCP_UNALIGNED_ACCESS, 0x508u);
VAL(ZX_EXCP_SYNTH, 0x8000u);
VAL(ZX_EXCP_THREAD_STARTING, 0x8008u);
VAL(ZX_EXCP_THREAD_EXITING, 0x8108u);
VAL(ZX_EXCP_POLICY_ERROR, 0x8208u);
VAL(ZX_EXCP_PROCESS_STARTING, 0x8308u);
VAL(ZX_EXCP_POLICY_CODE_BAD_HANDLE, 0u);
VAL(ZX_EXCP_POLICY_CODE_NEW_PAGER, 14u);
VAL(ZX_EXCP_POLICY_CODE_CHANNEL_FULL_WRITE, 16u);
VAL(ZX_EXCP_POLICY_CODE_BAD_SYSCALL, 18u);
VAL(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS, 19u);
VAL(ZX_EXCP_POLICY_CODE_HANDLE_LEAK, 20u);
VAL(ZX_EXCP_POLICY_CODE_NEW_IOB, 21u);
VAL(ZX_EXCEPTION_CHANNEL_DEBUGGER, 1u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_NONE, 0u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_DEBUGGER, 1u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_THREAD, 2u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_PROCESS, 3u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_JOB, 4u);
VAL(ZX_EXCEPTION_CHANNEL_TYPE_JOB_DEBUGGER, 5u);
VAL(ZX_EXCEPTION_CHANNEL_JOB_DEBUGGER_MAX_COUNT, 32u);
SIZE(zx_x86_64_exc_data_t, 24);
SIZE(zx_arm64_exc_data_v1_t, 16);
SIZE(zx_arm64_exc_data_t, 24);
OFF(zx_arm64_exc_data_t, far, 8);
SIZE(zx_riscv64_exc_data_t, 24);
SIZE(zx_exception_context_v1_t, 24);
SIZE(zx_exception_context_t, 32);
OFF(zx_exception_context_t, synth_code, 24);
OFF(zx_exception_context_t, synth_data, 28);
SIZE(zx_exception_header_t, 8);
SIZE(zx_exception_report_v1_t, 32);
SIZE(zx_exception_report_t, 40);
OFF(zx_exception_report_t, context, 8);
SIZE(zx_exception_info_t, 24);
OFF(zx_exception_info_t, pid, 0);
OFF(zx_exception_info_t, tid, 8);
OFF(zx_exception_info_t, type, 16);

/* ======================================================================
 * syscalls/debug.h
 * ====================================================================== */
VAL(ZX_THREAD_STATE_GENERAL_REGS, 0u);
VAL(ZX_THREAD_STATE_FP_REGS, 1u);
VAL(ZX_THREAD_STATE_VECTOR_REGS, 2u);
VAL(ZX_THREAD_STATE_DEBUG_REGS, 4u);
VAL(ZX_THREAD_STATE_SINGLE_STEP, 5u);
VAL(AARCH64_MAX_HW_BREAKPOINTS, 16);
VAL(AARCH64_MAX_HW_WATCHPOINTS, 16);
SIZE(zx_x86_64_thread_state_general_regs_t, 160);
OFF(zx_x86_64_thread_state_general_regs_t, rip, 128);
OFF(zx_x86_64_thread_state_general_regs_t, rflags, 136);
OFF(zx_x86_64_thread_state_general_regs_t, fs_base, 144);
OFF(zx_x86_64_thread_state_general_regs_t, gs_base, 152);
SIZE(zx_x86_64_thread_state_fp_regs_t, 160);
ALIGN(zx_x86_64_thread_state_fp_regs_t, 16);
OFF(zx_x86_64_thread_state_fp_regs_t, fop, 6);
OFF(zx_x86_64_thread_state_fp_regs_t, fip, 8);
OFF(zx_x86_64_thread_state_fp_regs_t, fdp, 16);
OFF(zx_x86_64_thread_state_fp_regs_t, st, 32);
SIZE(zx_x86_64_thread_state_vector_regs_t, 2120);
OFF(zx_x86_64_thread_state_vector_regs_t, opmask, 2048);
OFF(zx_x86_64_thread_state_vector_regs_t, mxcsr, 2112);
SIZE(zx_x86_64_thread_state_debug_regs_t, 48);
OFF(zx_x86_64_thread_state_debug_regs_t, dr6, 32);
SIZE(zx_arm64_thread_state_general_regs_t, 280);
OFF(zx_arm64_thread_state_general_regs_t, lr, 240);
OFF(zx_arm64_thread_state_general_regs_t, sp, 248);
OFF(zx_arm64_thread_state_general_regs_t, pc, 256);
OFF(zx_arm64_thread_state_general_regs_t, cpsr, 264);
OFF(zx_arm64_thread_state_general_regs_t, tpidr, 272);
SIZE(zx_arm64_thread_state_fp_regs_t, 4);
SIZE(zx_arm64_thread_state_vector_regs_t, 520);
OFF(zx_arm64_thread_state_vector_regs_t, v, 8);
SIZE(zx_arm64_thread_state_debug_regs_t, 528);
OFF(zx_arm64_thread_state_debug_regs_t, hw_wps, 256);
OFF(zx_arm64_thread_state_debug_regs_t, far, 512);
OFF(zx_arm64_thread_state_debug_regs_t, esr, 520);
OFF(zx_arm64_thread_state_debug_regs_t, hw_bps_count, 524);
OFF(zx_arm64_thread_state_debug_regs_t, hw_wps_count, 525);
SIZE(zx_riscv64_thread_state_general_regs_t, 256);
SIZE(zx_riscv64_thread_state_fp_regs_t, 528);
OFF(zx_riscv64_thread_state_fp_regs_t, fcsr, 512);
SIZE(zx_thread_state_single_step_t, 4);

/* ======================================================================
 * syscalls/hypervisor.h
 * ====================================================================== */
VAL(ZX_GUEST_OPT_NORMAL, 0u);
VAL(ZX_GUEST_OPT_DIRECT, 1u);
VAL(ZX_GUEST_TRAP_BELL, 0u);
VAL(ZX_GUEST_TRAP_MEM, 1u);
VAL(ZX_GUEST_TRAP_IO, 2u);
VAL(ZX_VCPU_STATE, 0u);
VAL(ZX_VCPU_IO, 1u);
#if defined(__x86_64__)
SIZE(zx_vcpu_state_t, 136);
OFF(zx_vcpu_state_t, rflags, 128);
#elif defined(__aarch64__)
SIZE(zx_vcpu_state_t, 264);
OFF(zx_vcpu_state_t, sp, 248);
OFF(zx_vcpu_state_t, cpsr, 256);
#endif
SIZE(zx_vcpu_io_t, 8);
OFF(zx_vcpu_io_t, u32, 4);
OFF(zx_vcpu_io_t, u16, 4);
OFF(zx_vcpu_io_t, u8, 4);

/* ======================================================================
 * features.h
 * ====================================================================== */
VAL(ZX_FEATURE_KIND_CPU, 0u);
VAL(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, 1u);
VAL(ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT, 2u);
VAL(ZX_FEATURE_KIND_ADDRESS_TAGGING, 3u);
VAL(ZX_FEATURE_KIND_VM, 4u);
VAL(ZX_HAS_CPU_FEATURES, 1u);
VAL(ZX_VM_FEATURE_CAN_MAP_XOM, 1u);
#if defined(__aarch64__)
VAL(ZX_ARM64_FEATURE_ISA_FP, 0x2u);
VAL(ZX_ARM64_FEATURE_ISA_SHA256, 0x40u);
VAL(ZX_ARM64_FEATURE_ISA_I8MM, 0x80000u);
VAL(ZX_ARM64_FEATURE_ADDRESS_TAGGING_TBI, 0x1u);
#endif

/*
 * Syscall prototypes: compare the type of a few with explicit pointer types
 * so that a signature drift becomes a compile error.
 */
#ifdef __cplusplus
#include <type_traits>
#define SIG(fn, T) static_assert(std::is_same<decltype(&fn), T>::value, #fn)
#else
#define SIG(fn, T) _Static_assert(__builtin_types_compatible_p(__typeof__(&fn), T), #fn)
#endif
typedef zx_status_t (*abi_channel_read_t)(zx_handle_t, uint32_t, void*, zx_handle_t*, uint32_t,
                                          uint32_t, uint32_t*, uint32_t*);
typedef zx_status_t (*abi_vmar_map_t)(zx_handle_t, zx_vm_option_t, size_t, zx_handle_t, uint64_t,
                                      size_t, zx_vaddr_t*);
typedef zx_status_t (*abi_object_get_info_t)(zx_handle_t, uint32_t, void*, size_t, size_t*,
                                             size_t*);
typedef zx_status_t (*abi_port_wait_t)(zx_handle_t, zx_time_t, zx_port_packet_t*);
typedef zx_status_t (*abi_futex_wait_t)(const zx_futex_t*, zx_futex_t, zx_handle_t, zx_time_t);
typedef zx_ticks_t (*abi_ticks_get_t)(void);
typedef zx_status_t (*abi_smc_call_t)(zx_handle_t, const zx_smc_parameters_t*, zx_smc_result_t*);
SIG(zx_channel_read, abi_channel_read_t);
SIG(zx_vmar_map, abi_vmar_map_t);
SIG(zx_object_get_info, abi_object_get_info_t);
SIG(zx_port_wait, abi_port_wait_t);
SIG(zx_futex_wait, abi_futex_wait_t);
SIG(zx_ticks_get, abi_ticks_get_t);
SIG(zx_smc_call, abi_smc_call_t);

typedef zx_status_t (*abi_suspend_t)(zx_handle_t, zx_handle_t*);
typedef zx_status_t (*abi_iob_create_t)(uint64_t, const void*, size_t, zx_handle_t*, zx_handle_t*);
typedef zx_status_t (*abi_vmar_map_iob_t)(zx_handle_t, zx_vm_option_t, size_t, zx_handle_t, uint32_t,
                                          uint64_t, size_t, zx_vaddr_t*);
typedef zx_status_t (*abi_pager_query_dirty_ranges_t)(zx_handle_t, zx_handle_t, uint64_t, uint64_t,
                                                      void*, size_t, size_t*, size_t*);
typedef zx_status_t (*abi_restricted_enter_t)(uint32_t, uintptr_t, uintptr_t);
SIG(zx_task_suspend, abi_suspend_t);
SIG(zx_task_suspend_token, abi_suspend_t);
SIG(zx_iob_create, abi_iob_create_t);
SIG(zx_vmar_map_iob, abi_vmar_map_iob_t);
SIG(zx_pager_query_dirty_ranges, abi_pager_query_dirty_ranges_t);
SIG(zx_restricted_enter, abi_restricted_enter_t);

/* ======================================================================
 * <zircon/syscalls/iob.h>
 * ====================================================================== */
VAL(ZX_IOB_MAX_REGIONS, 64);
VAL(ZX_IOB_DISCIPLINE_TYPE_NONE, 0u);
VAL(ZX_IOB_REGION_TYPE_PRIVATE, 0u);
SIZE(zx_iob_discipline_type_t, 8);
SIZE(zx_iob_region_type_t, 4);
SIZE(zx_iob_access_t, 4);
VAL(ZX_IOB_EP0_CAN_MAP_READ, 0x1u);
VAL(ZX_IOB_EP0_CAN_MAP_WRITE, 0x2u);
VAL(ZX_IOB_EP0_CAN_MEDIATED_READ, 0x4u);
VAL(ZX_IOB_EP0_CAN_MEDIATED_WRITE, 0x8u);
VAL(ZX_IOB_EP1_CAN_MAP_READ, 0x10u);
VAL(ZX_IOB_EP1_CAN_MAP_WRITE, 0x20u);
VAL(ZX_IOB_EP1_CAN_MEDIATED_READ, 0x40u);
VAL(ZX_IOB_EP1_CAN_MEDIATED_WRITE, 0x80u);
OFF(zx_iob_discipline_t, reserved, 8);
OFF(zx_iob_region_private_t, padding2, 8);
OFF(zx_iob_region_t, access, 4);
OFF(zx_iob_region_t, max_extension, 88);

/* ======================================================================
 * <zircon/syscalls-next.h>
 * ====================================================================== */
SIZE(zx_vmo_dirty_range_t, 24);
OFF(zx_vmo_dirty_range_t, length, 8);
OFF(zx_vmo_dirty_range_t, options, 16);
VAL(ZX_VMO_DIRTY_RANGE_IS_ZERO, 1u);
VAL(ZX_RESTRICTED_OPT_EXCEPTION_CHANNEL, 1u);
SIZE(zx_restricted_reason_t, 8);
VAL(ZX_RESTRICTED_REASON_SYSCALL, 0u);
VAL(ZX_RESTRICTED_REASON_EXCEPTION, 1u);
VAL(ZX_RESTRICTED_REASON_KICK, 2u);
#if defined(__x86_64__)
SIZE(zx_restricted_state_t, 160);
OFF(zx_restricted_state_t, r8, 64);
OFF(zx_restricted_state_t, ip, 128);
OFF(zx_restricted_state_t, fs_base, 144);
OFF(zx_restricted_state_t, gs_base, 152);
SIZE(zx_restricted_exception_t, 200);
OFF(zx_restricted_exception_t, exception, 160);
#elif defined(__aarch64__)
SIZE(zx_restricted_state_t, 280);
OFF(zx_restricted_state_t, sp, 248);
OFF(zx_restricted_state_t, pc, 256);
OFF(zx_restricted_state_t, tpidr_el0, 264);
OFF(zx_restricted_state_t, cpsr, 272);
SIZE(zx_restricted_exception_t, 320);
OFF(zx_restricted_exception_t, exception, 280);
#endif
ABI_ASSERT(sizeof(zx_restricted_syscall_t) == sizeof(zx_restricted_state_t));
VAL(ZX_INFO_MEMORY_ATTRIBUTION, 36u);
SIZE(zx_info_memory_attribution_t, 40);
OFF(zx_info_memory_attribution_t, private_resident_pages_allocated, 8);
OFF(zx_info_memory_attribution_t, total_resident_pages_deallocated, 32);

/* ======================================================================
 * <zircon/hw/pci.h>, <zircon/hw/gpt.h>, <zircon/pixelformat.h>
 * ====================================================================== */
SIZE(zx_pci_bdf_t, 3);
OFF(zx_pci_bdf_t, device_id, 1);
OFF(zx_pci_bdf_t, function_id, 2);
VAL(PCI_MAX_FUNCTIONS_PER_BUS, 256u);
VAL(PCIE_ECAM_BYTES_PER_BUS, 1048576u);
VAL(PCI_MAX_BAR_REGS, 6u);
VAL(PCIE_MAX_MSIX_IRQS, 2048u);
VAL(PCI_INVALID_VENDOR_ID, 0xFFFF);

VAL(GPT_MAGIC, 0x5452415020494645ull);
SIZE(gpt_header_t, 92);
OFF(gpt_header_t, revision, 8);
OFF(gpt_header_t, crc32, 16);
OFF(gpt_header_t, current, 24);
OFF(gpt_header_t, last, 48);
OFF(gpt_header_t, guid, 56);
OFF(gpt_header_t, entries, 72);
OFF(gpt_header_t, entries_count, 80);
OFF(gpt_header_t, entries_crc, 88);
SIZE(gpt_entry_t, 128);
OFF(gpt_entry_t, guid, 16);
OFF(gpt_entry_t, first, 32);
OFF(gpt_entry_t, flags, 48);
OFF(gpt_entry_t, name, 56);
VAL(GPT_GUID_STRLEN, 37);
VAL(GPT_NAME_LEN, 72);

SIZE(zx_pixel_format_t, 4);
VAL(ZX_PIXEL_FORMAT_RGB_565, 0x00020001u);
VAL(ZX_PIXEL_FORMAT_ARGB_8888, 0x00040004u);
VAL(ZX_PIXEL_FORMAT_GRAY_8, ZX_PIXEL_FORMAT_MONO_8);
VAL(ZX_PIXEL_FORMAT_ABGR_2_10_10_10, 0x0004000du);
VAL(ZX_PIXEL_FORMAT_BYTES(ZX_PIXEL_FORMAT_RGB_888), 3u);

/* ======================================================================
 * <zircon/listnode.h>, <zircon/fidl.h>
 * ====================================================================== */
SIZE(list_node_t, 16);
OFF(list_node_t, next, 8);

SIZE(fidl_message_header_t, 16);
OFF(fidl_message_header_t, at_rest_flags, 4);
OFF(fidl_message_header_t, dynamic_flags, 6);
OFF(fidl_message_header_t, magic_number, 7);
OFF(fidl_message_header_t, ordinal, 8);
SIZE(fidl_epitaph_t, 24);
ALIGN(fidl_epitaph_t, 8);
OFF(fidl_epitaph_t, error, 16);
SIZE(fidl_string_t, 16);
SIZE(fidl_vector_t, 16);
SIZE(fidl_table_t, 16);
SIZE(fidl_envelope_t, 16);
SIZE(fidl_envelope_v2_t, 8);
OFF(fidl_envelope_v2_t, num_handles, 4);
OFF(fidl_envelope_v2_t, flags, 6);
SIZE(fidl_xunion_v2_t, 16);
SIZE(fidl_channel_handle_metadata_t, 8);
SIZE(fidl_outgoing_msg_byte_t, 32);
OFF(fidl_outgoing_msg_byte_t, num_bytes, 24);
SIZE(fidl_outgoing_msg_iovec_t, 40);
OFF(fidl_outgoing_msg_iovec_t, handles, 16);
OFF(fidl_outgoing_msg_iovec_t, num_handles, 32);
SIZE(fidl_outgoing_msg_t, 48);
OFF(fidl_outgoing_msg_t, byte, 8);
SIZE(fidl_incoming_msg_t, 40);
VAL(kFidlOrdinalEpitaph, 0xFFFFFFFFFFFFFFFFull);
VAL(FIDL_ALLOC_PRESENT, UINTPTR_MAX);
VAL(FIDL_HANDLE_PRESENT, 0xFFFFFFFFu);
VAL(FIDL_ALIGN(9u), 16u);
VAL(FIDL_TRANSPORT_ERR_UNKNOWN_METHOD, -2);
VAL(FIDL_MESSAGE_HEADER_DYNAMIC_FLAGS_FLEXIBLE_METHOD, 0x80u);

/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * The ioctl ABI of /dev/zircon, shared by zircon.ko and libzx.
 *
 * Every Zircon syscall that needs the kernel is one ioctl.  The argument is a
 * struct of fixed-width fields; user pointers travel as __u64 and outputs are
 * written by the kernel straight to the caller's pointers, so a bad output
 * pointer yields ZX_ERR_INVALID_ARGS exactly as on Zircon.
 *
 * Growth: the size of the argument struct is part of the command (_IOW), and
 * the kernel reads it with copy_struct_from_user(): a shorter struct from an
 * older libzx is zero-extended, a longer one from a newer libzx is accepted
 * only if the unknown tail is zero.  Reserved fields must be zero.
 *
 * Return value of ioctl(2):
 *   0           ZX_OK
 *   > 0         -(zx_status_t), the Zircon error of the call
 *   -1, errno   the transport failed: ENOTTY (unknown command), EINVAL
 *               (struct too short), E2BIG (nonzero unknown tail), EFAULT
 *               (argument struct unreadable), EINTR (signal; retry).
 */
#ifndef _UAPI_ZIRCON_IOCTL_H
#define _UAPI_ZIRCON_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define ZX_IOC_MAGIC 0xE4

struct zx_handle_close_args {
	__u32 handle;
	__u32 reserved;
};

struct zx_handle_close_many_args {
	__u64 handles;			/* const zx_handle_t * */
	__u64 num_handles;
};

/* handle_duplicate and handle_replace */
struct zx_handle_rights_args {
	__u32 handle;
	__u32 rights;
	__u64 out;			/* zx_handle_t * */
};

struct zx_object_get_info_args {
	__u32 handle;
	__u32 topic;
	__u64 buffer;			/* void * */
	__u64 buffer_size;
	__u64 actual;			/* size_t *, may be 0 */
	__u64 avail;			/* size_t *, may be 0 */
};

/* object_get_property and object_set_property */
struct zx_object_property_args {
	__u32 handle;
	__u32 property;
	__u64 value;			/* void * */
	__u64 value_size;
};

/* object_signal and object_signal_peer */
struct zx_object_signal_args {
	__u32 handle;
	__u32 clear_mask;
	__u32 set_mask;
	__u32 reserved;
};

struct zx_object_wait_one_args {
	__u32 handle;
	__u32 signals;
	__s64 deadline;
	__u64 observed;			/* zx_signals_t *, may be 0 */
};

struct zx_object_wait_many_args {
	__u64 items;			/* zx_wait_item_t * */
	__u64 num_items;
	__s64 deadline;
};

struct zx_object_wait_async_args {
	__u32 handle;
	__u32 port;
	__u64 key;
	__u32 signals;
	__u32 options;			/* ZX_WAIT_ASYNC_* */
};

/* event_create and any other create call with one output */
struct zx_create_args {
	__u32 options;
	__u32 reserved;
	__u64 out;			/* zx_handle_t * */
};

/* eventpair_create and the other peered create calls */
struct zx_create_pair_args {
	__u32 options;
	__u32 reserved;
	__u64 out0;			/* zx_handle_t * */
	__u64 out1;			/* zx_handle_t * */
};

/* cprng_draw and cprng_add_entropy */
struct zx_cprng_args {
	__u64 buffer;
	__u64 buffer_size;
};

struct zx_nanosleep_args {
	__s64 deadline;
};

struct zx_take_startup_handle_args {
	__u32 info;			/* PA_HND(type, arg) */
	__u32 reserved;
	__u64 out;			/* zx_handle_t *; ZX_HANDLE_INVALID if none */
};

/* process_read_memory and process_write_memory */
struct zx_process_memory_args {
	__u32 handle;
	__u32 reserved;
	__u64 vaddr;
	__u64 buffer;			/* void * / const void * */
	__u64 buffer_size;
	__u64 actual;			/* size_t * */
};

/* syscall_test_0 ... syscall_test_8 and syscall_test_wrapper */
struct zx_syscall_test_args {
	__s32 args[8];
	__u32 count;			/* of args used, 0 to 8 */
	__u32 reserved;
	__u64 out;			/* zx_status_t *: their sum */
};

struct zx_syscall_test_handle_create_args {
	__s32 return_value;
	__u32 reserved;
	__u64 out;			/* zx_handle_t * */
	__u64 status;			/* zx_status_t *: the call's result */
};

struct zx_system_get_event_args {
	__u32 root_job;
	__u32 kind;			/* ZX_SYSTEM_EVENT_* */
	__u64 out;			/* zx_handle_t * */
};

struct zx_profile_create_args {
	__u32 root_job;
	__u32 options;
	__u64 profile;			/* const zx_profile_info_t * */
	__u64 out;			/* zx_handle_t * */
};

struct zx_object_set_profile_args {
	__u32 handle;
	__u32 profile;
	__u32 options;			/* ignored, as Zircon documents */
	__u32 reserved;
};

struct zx_system_get_performance_info_args {
	__u32 resource;
	__u32 topic;			/* ZX_CPU_*PERF_SCALE */
	__u64 count;
	__u64 info;			/* zx_cpu_performance_info_t * */
	__u64 output_count;		/* size_t * */
};

/* channel_write and channel_write_etc */
struct zx_channel_write_args {
	__u32 handle;
	__u32 options;
	__u64 bytes;			/* const void *, or zx_channel_iovec_t * */
	__u64 handles;			/* zx_handle_t * / zx_handle_disposition_t * */
	__u32 num_bytes;		/* or the number of iovecs */
	__u32 num_handles;
};

/* channel_read and channel_read_etc */
struct zx_channel_read_args {
	__u32 handle;
	__u32 options;
	__u64 bytes;			/* void * */
	__u64 handles;			/* zx_handle_t * / zx_handle_info_t * */
	__u32 num_bytes;
	__u32 num_handles;
	__u64 actual_bytes;		/* uint32_t *, may be 0 */
	__u64 actual_handles;		/* uint32_t *, may be 0 */
};

/*
 * channel_call and channel_call_etc: libzx unpacks zx_channel_call_args_t
 * (or its _etc form) into fixed-width fields.
 */
struct zx_channel_call_ioc_args {
	__u32 handle;
	__u32 options;
	__s64 deadline;
	__u64 wr_bytes;			/* const void *, or zx_channel_iovec_t * */
	__u64 wr_handles;		/* zx_handle_t * / zx_handle_disposition_t * */
	__u64 rd_bytes;			/* void * */
	__u64 rd_handles;		/* zx_handle_t * / zx_handle_info_t * */
	__u32 wr_num_bytes;
	__u32 wr_num_handles;
	__u32 rd_num_bytes;
	__u32 rd_num_handles;
	__u64 actual_bytes;		/* uint32_t *, may be 0 */
	__u64 actual_handles;		/* uint32_t *, may be 0 */
};

/* fifo_create */
struct zx_fifo_create_args {
	__u64 elem_count;
	__u64 elem_size;
	__u32 options;
	__u32 reserved;
	__u64 out0;			/* zx_handle_t * */
	__u64 out1;			/* zx_handle_t * */
};

/* fifo_write and fifo_read; count is in elements */
struct zx_fifo_rw_args {
	__u32 handle;
	__u32 reserved;
	__u64 elem_size;
	__u64 data;			/* const void * / void * */
	__u64 count;
	__u64 actual_count;		/* size_t *, may be 0 */
};

/* socket_write and socket_read */
struct zx_socket_rw_args {
	__u32 handle;
	__u32 options;
	__u64 buffer;			/* const void * / void * */
	__u64 size;
	__u64 actual;			/* size_t *, may be 0 */
};

struct zx_socket_disposition_args {
	__u32 handle;
	__u32 disposition;
	__u32 disposition_peer;
	__u32 reserved;
};

/* thread_self: zx_create_args with options 0; one new handle per call. */

/*
 * futex_wait.  A futex is named by the calling process and the (untagged)
 * address of an aligned 32-bit word.
 */
struct zx_futex_wait_args {
	__u64 value_ptr;		/* const zx_futex_t * */
	__s32 current_value;
	__u32 new_futex_owner;		/* thread handle or ZX_HANDLE_INVALID */
	__s64 deadline;
};

struct zx_futex_wake_args {
	__u64 value_ptr;		/* const zx_futex_t * */
	__u32 wake_count;
	__u32 reserved;
};

/* futex_wake_single_owner */
struct zx_futex_ptr_args {
	__u64 value_ptr;		/* const zx_futex_t * */
};

/* futex_requeue, and futex_requeue_single_owner with wake_count 1 */
struct zx_futex_requeue_args {
	__u64 value_ptr;		/* const zx_futex_t * */
	__u64 requeue_ptr;		/* const zx_futex_t * */
	__u32 wake_count;
	__s32 current_value;
	__u32 requeue_count;
	__u32 new_requeue_owner;	/* thread handle or ZX_HANDLE_INVALID */
};

struct zx_futex_get_owner_args {
	__u64 value_ptr;		/* const zx_futex_t * */
	__u64 koid;			/* zx_koid_t * */
};

/* vmo_create */
struct zx_vmo_create_args {
	__u64 size;
	__u32 options;
	__u32 reserved;
	__u64 out;			/* zx_handle_t * */
};

/* vmo_read and vmo_write */
struct zx_vmo_rw_args {
	__u32 handle;
	__u32 reserved;
	__u64 buffer;			/* void * / const void * */
	__u64 offset;
	__u64 buffer_size;
};

struct zx_vmo_create_child_args {
	__u32 handle;
	__u32 options;
	__u64 offset;
	__u64 size;
	__u64 out;			/* zx_handle_t * */
};

/* vmo_get_size (size is a uint64_t * there) and vmo_set_size */
struct zx_vmo_size_args {
	__u32 handle;
	__u32 reserved;
	__u64 size;
};

struct zx_vmo_op_range_args {
	__u32 handle;
	__u32 op;
	__u64 offset;
	__u64 size;
	__u64 buffer;			/* void *, may be 0 */
	__u64 buffer_size;
};

struct zx_vmo_replace_as_executable_args {
	__u32 handle;
	__u32 vmex;
	__u64 out;			/* zx_handle_t * */
};

struct zx_vmo_set_cache_policy_args {
	__u32 handle;
	__u32 cache_policy;
};

struct zx_timer_create_args {
	__u32 options;			/* ZX_TIMER_SLACK_* */
	__u32 clock_id;			/* ZX_CLOCK_MONOTONIC or ZX_CLOCK_BOOT */
	__u64 out;			/* zx_handle_t * */
};

struct zx_timer_set_args {
	__u32 handle;
	__u32 reserved;
	__s64 deadline;
	__s64 slack;
};

struct zx_timer_cancel_args {
	__u32 handle;
	__u32 reserved;
};

/*
 * Clocks: the argument structs of zx_clock_create and zx_clock_update stay
 * in user memory; options carries their version (ZX_CLOCK_ARGS_VERSION).
 */
struct zx_clock_create_args {
	__u64 options;
	__u64 args;			/* const void *, may be 0 without version */
	__u64 out;			/* zx_handle_t * */
};

struct zx_clock_read_args {
	__u32 handle;
	__u32 reserved;
	__u64 now;			/* zx_time_t * */
};

/* clock_get_details and clock_update */
struct zx_clock_io_args {
	__u32 handle;
	__u32 reserved;
	__u64 options;
	__u64 buffer;			/* zx_clock_details_v1_t * / update args */
};

/* port_create uses struct zx_create_args. */
struct zx_port_queue_args {
	__u32 handle;
	__u32 reserved;
	__u64 packet;			/* const zx_port_packet_t * */
};

struct zx_port_wait_args {
	__u32 handle;
	__u32 reserved;
	__s64 deadline;
	__u64 packet;			/* zx_port_packet_t * */
};

struct zx_port_cancel_args {
	__u32 handle;
	__u32 source;
	__u64 key;
};

/* vmar_allocate */
struct zx_vmar_allocate_args {
	__u32 handle;
	__u32 options;
	__u64 offset;
	__u64 size;
	__u64 child_vmar;		/* zx_handle_t * */
	__u64 child_addr;		/* zx_vaddr_t * */
};

struct zx_vmar_map_args {
	__u32 handle;
	__u32 options;
	__u64 vmar_offset;
	__u32 vmo;
	__u32 reserved;
	__u64 vmo_offset;
	__u64 len;
	__u64 mapped_addr;		/* zx_vaddr_t * */
};

/* vmar_unmap (options 0), vmar_protect and vmar_destroy (handle only) */
struct zx_vmar_range_args {
	__u32 handle;
	__u32 options;
	__u64 addr;
	__u64 len;
};

/*
 * vmar_unmap_handle_close_thread_exit without the exit.  The ioctl returns
 * ZX_VMAR_UNMAP_CLOSE_TRAP if it unmapped but could not close the handle.
 */
struct zx_vmar_unmap_close_args {
	__u32 handle;
	__u32 close_handle;
	__u64 addr;
	__u64 len;
};

#define ZX_VMAR_UNMAP_CLOSE_TRAP	0x7ff

/*
 * futex_wake_handle_close_thread_exit without the exit.  The ioctl returns
 * ZX_FUTEX_WAKE_CLOSE_TRAP if any step failed.
 */
struct zx_futex_wake_close_args {
	__u64 value_ptr;		/* zx_futex_t * */
	__u32 wake_count;
	__s32 new_value;
	__u32 close_handle;
	__u32 reserved;
};

#define ZX_FUTEX_WAKE_CLOSE_TRAP	ZX_VMAR_UNMAP_CLOSE_TRAP

struct zx_vmar_op_range_args {
	__u32 handle;
	__u32 op;
	__u64 addr;
	__u64 size;
	__u64 buffer;			/* void *, must be 0 */
	__u64 buffer_size;
};

/*
 * Facts that Zircon's vDSO hands out as constants: read once by libzx.
 * features[] is indexed by ZX_FEATURE_KIND_*; a kind is valid when its bit is
 * set in features_valid.
 */
#define ZX_SYSTEM_FEATURE_KINDS		8
#define ZX_SYSTEM_VERSION_LEN		64

struct zx_system_properties {
	__u32 num_cpus;
	__u32 page_size;
	__u32 dcache_line_size;
	__u32 features_valid;
	__u64 physmem;
	__u32 features[ZX_SYSTEM_FEATURE_KINDS];
	char version[ZX_SYSTEM_VERSION_LEN];	/* NUL-terminated */
};

struct zx_system_get_properties_args {
	__u64 out;			/* struct zx_system_properties * */
	__u64 out_size;
};

/*
 * handle_to_fd and handle_from_fd (zxlinux extension): a handle moved into
 * a file descriptor, so it can cross processes by fork(), execve() or
 * SCM_RIGHTS.  to_fd consumes the handle (it needs ZX_RIGHT_TRANSFER);
 * from_fd takes it out of the file once and leaves the fd open.
 */
#define ZXLINUX_FD_CLOEXEC	1u

struct zx_handle_to_fd_args {
	__u32 handle;
	__u32 flags;			/* ZXLINUX_FD_* */
	__u64 out_fd;			/* int * */
};

struct zx_handle_from_fd_args {
	__s32 fd;
	__u32 reserved;
	__u64 out;			/* zx_handle_t * */
};

struct zx_debuglog_create_args {
	__u32 resource;
	__u32 options;
	__u64 out;			/* zx_handle_t * */
};

/* debuglog_write and debuglog_read */
struct zx_debuglog_rw_args {
	__u32 handle;
	__u32 options;
	__u64 buffer;			/* const void * / void * */
	__u64 buffer_size;
	__u64 actual;			/* read: uint64_t *, bytes written */
};

struct zx_resource_create_args {
	__u32 parent;
	__u32 options;			/* kind | flags */
	__u64 base;
	__u64 size;
	__u64 name;			/* const char *, may be 0 */
	__u64 name_size;
	__u64 out;			/* zx_handle_t * */
};

struct zx_pci_get_nth_device_args {
	__u32 resource;
	__u32 index;
	__u64 out_info;			/* zx_pcie_device_info_t * */
	__u64 out;			/* zx_handle_t * */
};

/* pci_enable_bus_master (value: enable) and pci_reset_device (value: 0) */
struct zx_pci_device_args {
	__u32 handle;
	__u32 value;
};

/* pci_config_read (value_ptr) and pci_config_write (value) */
struct zx_pci_config_args {
	__u32 handle;
	__u32 value;
	__u64 offset;
	__u64 width;
	__u64 value_ptr;		/* uint32_t *; 0 for writes */
};

/* pci_query_irq_mode (out_max_irqs) and pci_set_irq_mode (count) */
struct zx_pci_irq_mode_args {
	__u32 handle;
	__u32 mode;
	__u32 count;
	__u32 reserved;
	__u64 out_max_irqs;		/* uint32_t *; 0 for set */
};

struct zx_smc_call_args {
	__u32 handle;
	__u32 reserved;
	__u64 parameters;		/* const zx_smc_parameters_t * */
	__u64 out;			/* zx_smc_result_t * */
};

/* Calls on one handle with no other argument. */
struct zx_ddk_handle_args {
	__u32 handle;
	__u32 reserved;
};

struct zx_iommu_create_args {
	__u32 resource;
	__u32 type;
	__u64 desc;			/* const void * */
	__u64 desc_size;
	__u64 out;			/* zx_handle_t * */
};

struct zx_bti_create_args {
	__u32 iommu;
	__u32 options;
	__u64 bti_id;
	__u64 out;			/* zx_handle_t * */
};

struct zx_bti_pin_args {
	__u32 handle;
	__u32 options;
	__u32 vmo;
	__u32 reserved;
	__u64 offset;
	__u64 size;
	__u64 addrs;			/* zx_paddr_t * */
	__u64 num_addrs;
	__u64 pmt;			/* zx_handle_t * */
};

struct zx_vmo_create_contiguous_args {
	__u32 bti;
	__u32 alignment_log2;
	__u64 size;
	__u64 out;			/* zx_handle_t * */
	__u64 reserved;
};

struct zx_vmo_create_physical_args {
	__u32 resource;
	__u32 reserved;
	__u64 paddr;
	__u64 size;
	__u64 out;			/* zx_handle_t * */
};

struct zx_interrupt_create_args {
	__u32 src_obj;
	__u32 src_num;
	__u32 options;
	__u32 reserved;
	__u64 out;			/* zx_handle_t * */
};

struct zx_interrupt_bind_args {
	__u32 handle;
	__u32 port;
	__u64 key;
	__u32 options;
	__u32 reserved;
};

struct zx_interrupt_wait_args {
	__u32 handle;
	__u32 reserved;
	__u64 out_timestamp;		/* zx_time_t *, may be 0 */
};

struct zx_interrupt_trigger_args {
	__u32 handle;
	__u32 options;
	__s64 timestamp;
};

struct zx_ioports_args {
	__u32 resource;
	__u16 io_addr;
	__u16 reserved;
	__u32 len;
	__u32 reserved2;
};

struct zx_pci_get_bar_args {
	__u32 handle;
	__u32 bar_num;
	__u64 out_bar;			/* zx_pci_bar_t * */
	__u64 out_handle;		/* zx_handle_t * */
};

struct zx_pci_map_interrupt_args {
	__u32 handle;
	__s32 which_irq;
	__u64 out;			/* zx_handle_t * */
};

struct zx_stream_create_args {
	__u32 options;
	__u32 vmo;
	__u64 seek;
	__u64 out;			/* zx_handle_t * */
};

/* stream_readv, _readv_at, _writev, _writev_at (offset 0 without _at) */
struct zx_stream_rw_args {
	__u32 handle;
	__u32 options;
	__u64 offset;
	__u64 vectors;			/* zx_iovec_t *, 64-bit layout */
	__u64 num_vectors;
	__u64 actual;			/* size_t *, may be 0 */
};

struct zx_stream_seek_args {
	__u32 handle;
	__u32 whence;
	__s64 offset;
	__u64 out_seek;			/* zx_off_t *, may be 0 */
};

/*
 * handle_poll_fd (zxlinux extension): a descriptor that poll() and epoll
 * report readable (EPOLLIN) while the handle's object has any of @signals
 * asserted, or, for a port (@signals 0), while it holds packets.  The file
 * references the object, not the handle.
 */
struct zx_handle_poll_fd_args {
	__u32 handle;
	__u32 signals;
	__u32 flags;			/* ZXLINUX_FD_* */
	__u32 reserved;
	__u64 out_fd;			/* int * */
};

struct zx_pager_create_vmo_args {
	__u32 pager;
	__u32 options;
	__u32 port;
	__u32 reserved;
	__u64 key;
	__u64 size;
	__u64 out;			/* zx_handle_t * */
};

struct zx_pager_detach_vmo_args {
	__u32 pager;
	__u32 vmo;
};

struct zx_pager_supply_pages_args {
	__u32 pager;
	__u32 pager_vmo;
	__u64 offset;
	__u64 length;
	__u32 aux_vmo;
	__u32 reserved;
	__u64 aux_offset;
};

struct zx_pager_op_range_args {
	__u32 pager;
	__u32 op;
	__u32 pager_vmo;
	__u32 reserved;
	__u64 offset;
	__u64 length;
	__u64 data;
};

/*
 * Command numbers.  Gaps are left per family so related calls stay together
 * as the ABI grows; a number is never reused.
 */
#define ZX_IOC(nr, type)	_IOW(ZX_IOC_MAGIC, nr, type)

#define ZX_IOC_HANDLE_CLOSE		ZX_IOC(0x01, struct zx_handle_close_args)
#define ZX_IOC_HANDLE_CLOSE_MANY	ZX_IOC(0x02, struct zx_handle_close_many_args)
#define ZX_IOC_HANDLE_DUPLICATE		ZX_IOC(0x03, struct zx_handle_rights_args)
#define ZX_IOC_HANDLE_REPLACE		ZX_IOC(0x04, struct zx_handle_rights_args)
#define ZX_IOC_HANDLE_TO_FD		ZX_IOC(0x08, struct zx_handle_to_fd_args)
#define ZX_IOC_HANDLE_FROM_FD		ZX_IOC(0x09, struct zx_handle_from_fd_args)
#define ZX_IOC_HANDLE_POLL_FD		ZX_IOC(0x0a, struct zx_handle_poll_fd_args)

#define ZX_IOC_OBJECT_GET_INFO		ZX_IOC(0x10, struct zx_object_get_info_args)
#define ZX_IOC_OBJECT_GET_PROPERTY	ZX_IOC(0x11, struct zx_object_property_args)
#define ZX_IOC_OBJECT_SET_PROPERTY	ZX_IOC(0x12, struct zx_object_property_args)
#define ZX_IOC_OBJECT_SIGNAL		ZX_IOC(0x13, struct zx_object_signal_args)
#define ZX_IOC_OBJECT_SIGNAL_PEER	ZX_IOC(0x14, struct zx_object_signal_args)
#define ZX_IOC_OBJECT_WAIT_ONE		ZX_IOC(0x15, struct zx_object_wait_one_args)
#define ZX_IOC_OBJECT_WAIT_MANY		ZX_IOC(0x16, struct zx_object_wait_many_args)
#define ZX_IOC_OBJECT_WAIT_ASYNC	ZX_IOC(0x17, struct zx_object_wait_async_args)
#define ZX_IOC_OBJECT_SET_PROFILE	ZX_IOC(0x18, struct zx_object_set_profile_args)

#define ZX_IOC_EVENT_CREATE		ZX_IOC(0x20, struct zx_create_args)
#define ZX_IOC_EVENTPAIR_CREATE		ZX_IOC(0x21, struct zx_create_pair_args)

#define ZX_IOC_CPRNG_DRAW		ZX_IOC(0x30, struct zx_cprng_args)
#define ZX_IOC_CPRNG_ADD_ENTROPY	ZX_IOC(0x31, struct zx_cprng_args)
#define ZX_IOC_NANOSLEEP		ZX_IOC(0x32, struct zx_nanosleep_args)
#define ZX_IOC_SYSTEM_GET_PROPERTIES	ZX_IOC(0x33, struct zx_system_get_properties_args)
#define ZX_IOC_TAKE_STARTUP_HANDLE	ZX_IOC(0x34, struct zx_take_startup_handle_args)

#define ZX_IOC_THREAD_SELF		ZX_IOC(0x38, struct zx_create_args)
#define ZX_IOC_TASK_KILL		ZX_IOC(0x3d, struct zx_handle_close_args)
#define ZX_IOC_SYSTEM_GET_EVENT		ZX_IOC(0x3e, struct zx_system_get_event_args)
#define ZX_IOC_PROFILE_CREATE		ZX_IOC(0x3f, struct zx_profile_create_args)
#define ZX_IOC_SYSTEM_GET_PERFORMANCE_INFO ZX_IOC(0x37, struct zx_system_get_performance_info_args)
#define ZX_IOC_PROCESS_READ_MEMORY	ZX_IOC(0x39, struct zx_process_memory_args)
#define ZX_IOC_PROCESS_WRITE_MEMORY	ZX_IOC(0x3a, struct zx_process_memory_args)
#define ZX_IOC_SYSCALL_TEST		ZX_IOC(0x3b, struct zx_syscall_test_args)
#define ZX_IOC_SYSCALL_TEST_HANDLE_CREATE ZX_IOC(0x3c, struct zx_syscall_test_handle_create_args)

#define ZX_IOC_CHANNEL_CREATE		ZX_IOC(0x40, struct zx_create_pair_args)
#define ZX_IOC_CHANNEL_WRITE		ZX_IOC(0x41, struct zx_channel_write_args)
#define ZX_IOC_CHANNEL_WRITE_ETC	ZX_IOC(0x42, struct zx_channel_write_args)
#define ZX_IOC_CHANNEL_READ		ZX_IOC(0x43, struct zx_channel_read_args)
#define ZX_IOC_CHANNEL_READ_ETC		ZX_IOC(0x44, struct zx_channel_read_args)
#define ZX_IOC_CHANNEL_CALL		ZX_IOC(0x45, struct zx_channel_call_ioc_args)
#define ZX_IOC_CHANNEL_CALL_ETC		ZX_IOC(0x46, struct zx_channel_call_ioc_args)

#define ZX_IOC_FIFO_CREATE		ZX_IOC(0x50, struct zx_fifo_create_args)
#define ZX_IOC_FIFO_WRITE		ZX_IOC(0x51, struct zx_fifo_rw_args)
#define ZX_IOC_FIFO_READ		ZX_IOC(0x52, struct zx_fifo_rw_args)

#define ZX_IOC_SOCKET_CREATE		ZX_IOC(0x58, struct zx_create_pair_args)
#define ZX_IOC_SOCKET_WRITE		ZX_IOC(0x59, struct zx_socket_rw_args)
#define ZX_IOC_SOCKET_READ		ZX_IOC(0x5a, struct zx_socket_rw_args)
#define ZX_IOC_SOCKET_SET_DISPOSITION	ZX_IOC(0x5b, struct zx_socket_disposition_args)

#define ZX_IOC_DEBUGLOG_CREATE		ZX_IOC(0x74, struct zx_debuglog_create_args)
#define ZX_IOC_DEBUGLOG_WRITE		ZX_IOC(0x75, struct zx_debuglog_rw_args)
#define ZX_IOC_DEBUGLOG_READ		ZX_IOC(0x76, struct zx_debuglog_rw_args)

#define ZX_IOC_RESOURCE_CREATE		ZX_IOC(0xc0, struct zx_resource_create_args)

#define ZX_IOC_IOMMU_CREATE		ZX_IOC(0xc1, struct zx_iommu_create_args)
#define ZX_IOC_BTI_CREATE		ZX_IOC(0xc2, struct zx_bti_create_args)
#define ZX_IOC_BTI_PIN			ZX_IOC(0xc3, struct zx_bti_pin_args)
#define ZX_IOC_BTI_RELEASE_QUARANTINE	ZX_IOC(0xc4, struct zx_ddk_handle_args)
#define ZX_IOC_PMT_UNPIN		ZX_IOC(0xc5, struct zx_ddk_handle_args)
#define ZX_IOC_VMO_CREATE_CONTIGUOUS	ZX_IOC(0xc6, struct zx_vmo_create_contiguous_args)
#define ZX_IOC_VMO_CREATE_PHYSICAL	ZX_IOC(0xc7, struct zx_vmo_create_physical_args)
#define ZX_IOC_INTERRUPT_CREATE		ZX_IOC(0xc8, struct zx_interrupt_create_args)
#define ZX_IOC_INTERRUPT_BIND		ZX_IOC(0xc9, struct zx_interrupt_bind_args)
#define ZX_IOC_INTERRUPT_WAIT		ZX_IOC(0xca, struct zx_interrupt_wait_args)
#define ZX_IOC_INTERRUPT_ACK		ZX_IOC(0xcb, struct zx_ddk_handle_args)
#define ZX_IOC_INTERRUPT_TRIGGER	ZX_IOC(0xcc, struct zx_interrupt_trigger_args)
#define ZX_IOC_INTERRUPT_DESTROY	ZX_IOC(0xcd, struct zx_ddk_handle_args)
/* Both ioports calls: the resource check (libzx then calls ioperm). */
#define ZX_IOC_IOPORTS_CHECK		ZX_IOC(0xce, struct zx_ioports_args)

#define ZX_IOC_PCI_GET_NTH_DEVICE	ZX_IOC(0xd0, struct zx_pci_get_nth_device_args)
#define ZX_IOC_PCI_ENABLE_BUS_MASTER	ZX_IOC(0xd1, struct zx_pci_device_args)
#define ZX_IOC_PCI_RESET_DEVICE		ZX_IOC(0xd2, struct zx_pci_device_args)
#define ZX_IOC_PCI_CONFIG_READ		ZX_IOC(0xd3, struct zx_pci_config_args)
#define ZX_IOC_PCI_CONFIG_WRITE		ZX_IOC(0xd4, struct zx_pci_config_args)
#define ZX_IOC_PCI_QUERY_IRQ_MODE	ZX_IOC(0xd5, struct zx_pci_irq_mode_args)
#define ZX_IOC_PCI_SET_IRQ_MODE		ZX_IOC(0xd6, struct zx_pci_irq_mode_args)
#define ZX_IOC_PCI_GET_BAR		ZX_IOC(0xd7, struct zx_pci_get_bar_args)
#define ZX_IOC_PCI_MAP_INTERRUPT	ZX_IOC(0xd8, struct zx_pci_map_interrupt_args)

#define ZX_IOC_SMC_CALL			ZX_IOC(0xf0, struct zx_smc_call_args)
#define ZX_IOC_FUTEX_WAIT		ZX_IOC(0x78, struct zx_futex_wait_args)
#define ZX_IOC_FUTEX_WAKE		ZX_IOC(0x79, struct zx_futex_wake_args)
#define ZX_IOC_FUTEX_WAKE_SINGLE_OWNER	ZX_IOC(0x7a, struct zx_futex_ptr_args)
#define ZX_IOC_FUTEX_REQUEUE		ZX_IOC(0x7b, struct zx_futex_requeue_args)
#define ZX_IOC_FUTEX_REQUEUE_SINGLE_OWNER ZX_IOC(0x7c, struct zx_futex_requeue_args)
#define ZX_IOC_FUTEX_GET_OWNER		ZX_IOC(0x7d, struct zx_futex_get_owner_args)
#define ZX_IOC_VMO_CREATE		ZX_IOC(0x80, struct zx_vmo_create_args)
#define ZX_IOC_VMO_READ			ZX_IOC(0x81, struct zx_vmo_rw_args)
#define ZX_IOC_VMO_WRITE		ZX_IOC(0x82, struct zx_vmo_rw_args)
#define ZX_IOC_VMO_CREATE_CHILD		ZX_IOC(0x83, struct zx_vmo_create_child_args)
#define ZX_IOC_VMO_GET_SIZE		ZX_IOC(0x84, struct zx_vmo_size_args)
#define ZX_IOC_VMO_SET_SIZE		ZX_IOC(0x85, struct zx_vmo_size_args)
#define ZX_IOC_VMO_OP_RANGE		ZX_IOC(0x86, struct zx_vmo_op_range_args)
#define ZX_IOC_VMO_REPLACE_AS_EXECUTABLE	ZX_IOC(0x87, struct zx_vmo_replace_as_executable_args)
#define ZX_IOC_VMO_SET_CACHE_POLICY	ZX_IOC(0x88, struct zx_vmo_set_cache_policy_args)
#define ZX_IOC_TIMER_CREATE		ZX_IOC(0x68, struct zx_timer_create_args)
#define ZX_IOC_TIMER_SET		ZX_IOC(0x69, struct zx_timer_set_args)
#define ZX_IOC_TIMER_CANCEL		ZX_IOC(0x6a, struct zx_timer_cancel_args)

#define ZX_IOC_CLOCK_CREATE		ZX_IOC(0x6c, struct zx_clock_create_args)
#define ZX_IOC_CLOCK_READ		ZX_IOC(0x6d, struct zx_clock_read_args)
#define ZX_IOC_CLOCK_GET_DETAILS	ZX_IOC(0x6e, struct zx_clock_io_args)
#define ZX_IOC_CLOCK_UPDATE		ZX_IOC(0x6f, struct zx_clock_io_args)
#define ZX_IOC_PORT_CREATE		ZX_IOC(0x60, struct zx_create_args)
#define ZX_IOC_PORT_QUEUE		ZX_IOC(0x61, struct zx_port_queue_args)
#define ZX_IOC_PORT_WAIT		ZX_IOC(0x62, struct zx_port_wait_args)
#define ZX_IOC_PORT_CANCEL		ZX_IOC(0x63, struct zx_port_cancel_args)

#define ZX_IOC_STREAM_CREATE		ZX_IOC(0xb0, struct zx_stream_create_args)
#define ZX_IOC_STREAM_READV		ZX_IOC(0xb1, struct zx_stream_rw_args)
#define ZX_IOC_STREAM_READV_AT		ZX_IOC(0xb2, struct zx_stream_rw_args)
#define ZX_IOC_STREAM_WRITEV		ZX_IOC(0xb3, struct zx_stream_rw_args)
#define ZX_IOC_STREAM_WRITEV_AT		ZX_IOC(0xb4, struct zx_stream_rw_args)
#define ZX_IOC_STREAM_SEEK		ZX_IOC(0xb5, struct zx_stream_seek_args)

#define ZX_IOC_PAGER_CREATE		ZX_IOC(0xb8, struct zx_create_args)
#define ZX_IOC_PAGER_CREATE_VMO		ZX_IOC(0xb9, struct zx_pager_create_vmo_args)
#define ZX_IOC_PAGER_DETACH_VMO		ZX_IOC(0xba, struct zx_pager_detach_vmo_args)
#define ZX_IOC_PAGER_SUPPLY_PAGES	ZX_IOC(0xbb, struct zx_pager_supply_pages_args)
#define ZX_IOC_PAGER_OP_RANGE		ZX_IOC(0xbc, struct zx_pager_op_range_args)

#define ZX_IOC_VMAR_ALLOCATE		ZX_IOC(0xa0, struct zx_vmar_allocate_args)
#define ZX_IOC_VMAR_MAP			ZX_IOC(0xa1, struct zx_vmar_map_args)
#define ZX_IOC_VMAR_UNMAP		ZX_IOC(0xa2, struct zx_vmar_range_args)
#define ZX_IOC_VMAR_PROTECT		ZX_IOC(0xa3, struct zx_vmar_range_args)
#define ZX_IOC_VMAR_DESTROY		ZX_IOC(0xa4, struct zx_vmar_range_args)
#define ZX_IOC_VMAR_OP_RANGE		ZX_IOC(0xa5, struct zx_vmar_op_range_args)
#define ZX_IOC_VMAR_UNMAP_HANDLE_CLOSE	ZX_IOC(0xa6, struct zx_vmar_unmap_close_args)
#define ZX_IOC_FUTEX_WAKE_HANDLE_CLOSE	ZX_IOC(0xa7, struct zx_futex_wake_close_args)

#endif /* _UAPI_ZIRCON_IOCTL_H */

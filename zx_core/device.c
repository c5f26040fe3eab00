// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/zircon: module setup and the ioctl dispatch table.
 *
 * The command's _IOC_NR selects a row; _IOC_SIZE is the size of the
 * caller's argument struct, read with copy_struct_from_user() so older and
 * newer libzx builds both work.  Handlers return a zx_status_t, which goes
 * back to user space as a non-negative ioctl result (see uapi).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"
#include "../zx_ddk/ddk.h"

struct zx_ioctl_op {
	zx_status_t (*fn)(struct zx_process *proc, void *args);
	unsigned int size;		/* of the kernel's struct */
	unsigned int min_size;		/* oldest accepted struct */
	unsigned int cmd;
};

union zx_ioctl_buffer {
	struct zx_handle_close_args handle_close;
	struct zx_handle_close_many_args handle_close_many;
	struct zx_handle_rights_args handle_rights;
	struct zx_handle_to_fd_args handle_to_fd;
	struct zx_handle_from_fd_args handle_from_fd;
	struct zx_handle_poll_fd_args handle_poll_fd;
	struct zx_object_get_info_args object_get_info;
	struct zx_object_property_args object_property;
	struct zx_object_signal_args object_signal;
	struct zx_object_wait_one_args object_wait_one;
	struct zx_object_wait_many_args object_wait_many;
	struct zx_object_wait_async_args object_wait_async;
	struct zx_create_args create;
	struct zx_create_pair_args create_pair;
	struct zx_cprng_args cprng;
	struct zx_nanosleep_args nanosleep;
	struct zx_take_startup_handle_args take_startup_handle;
	struct zx_system_get_event_args system_get_event;
	struct zx_system_get_performance_info_args system_get_performance_info;
	struct zx_profile_create_args profile_create;
	struct zx_object_set_profile_args object_set_profile;
	struct zx_process_memory_args process_memory;
	struct zx_syscall_test_args syscall_test;
	struct zx_syscall_test_handle_create_args syscall_test_handle_create;
	struct zx_system_get_properties_args system_get_properties;
	struct zx_channel_write_args channel_write;
	struct zx_channel_read_args channel_read;
	struct zx_channel_call_ioc_args channel_call;
	struct zx_fifo_create_args fifo_create;
	struct zx_fifo_rw_args fifo_rw;
	struct zx_socket_rw_args socket_rw;
	struct zx_socket_disposition_args socket_disposition;
	struct zx_debuglog_create_args debuglog_create;
	struct zx_debuglog_rw_args debuglog_rw;
	struct zx_resource_create_args resource_create;
	struct zx_pci_get_nth_device_args pci_get_nth_device;
	struct zx_pci_device_args pci_device;
	struct zx_pci_config_args pci_config;
	struct zx_pci_irq_mode_args pci_irq_mode;
	struct zx_smc_call_args smc_call;
	struct zx_ddk_handle_args ddk_handle;
	struct zx_iommu_create_args iommu_create;
	struct zx_bti_create_args bti_create;
	struct zx_bti_pin_args bti_pin;
	struct zx_vmo_create_contiguous_args vmo_create_contiguous;
	struct zx_vmo_create_physical_args vmo_create_physical;
	struct zx_interrupt_create_args interrupt_create;
	struct zx_interrupt_wait_args interrupt_wait;
	struct zx_interrupt_trigger_args interrupt_trigger;
	struct zx_interrupt_bind_args interrupt_bind;
	struct zx_ioports_args ioports;
	struct zx_pci_map_interrupt_args pci_map_interrupt;
	struct zx_pci_get_bar_args pci_get_bar;
	struct zx_futex_wait_args futex_wait;
	struct zx_futex_wake_args futex_wake;
	struct zx_futex_ptr_args futex_ptr;
	struct zx_futex_requeue_args futex_requeue;
	struct zx_futex_get_owner_args futex_get_owner;
	struct zx_vmo_create_args vmo_create;
	struct zx_vmo_rw_args vmo_rw;
	struct zx_vmo_create_child_args vmo_create_child;
	struct zx_vmo_size_args vmo_size;
	struct zx_vmo_op_range_args vmo_op_range;
	struct zx_vmo_replace_as_executable_args vmo_replace_as_executable;
	struct zx_vmo_set_cache_policy_args vmo_set_cache_policy;
	struct zx_stream_create_args stream_create;
	struct zx_stream_rw_args stream_rw;
	struct zx_stream_seek_args stream_seek;
	struct zx_pager_create_vmo_args pager_create_vmo;
	struct zx_pager_detach_vmo_args pager_detach_vmo;
	struct zx_pager_supply_pages_args pager_supply_pages;
	struct zx_pager_op_range_args pager_op_range;
	struct zx_timer_create_args timer_create;
	struct zx_timer_set_args timer_set;
	struct zx_timer_cancel_args timer_cancel;
	struct zx_clock_create_args clock_create;
	struct zx_clock_read_args clock_read;
	struct zx_clock_io_args clock_io;
	struct zx_port_queue_args port_queue;
	struct zx_port_wait_args port_wait;
	struct zx_port_cancel_args port_cancel;
	struct zx_vmar_allocate_args vmar_allocate;
	struct zx_vmar_map_args vmar_map;
	struct zx_vmar_range_args vmar_range;
	struct zx_vmar_op_range_args vmar_op_range;
	struct zx_vmar_unmap_close_args vmar_unmap_close;
	struct zx_futex_wake_close_args futex_wake_close;
};

#define ZX_OP(_cmd, _fn, _struct, _last)				\
	[_IOC_NR(_cmd)] = {						\
		.fn = _fn,						\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.cmd = _cmd,						\
	}

static const struct zx_ioctl_op zx_ioctl_ops[] = {
	ZX_OP(ZX_IOC_HANDLE_CLOSE, zx_sys_handle_close,
	      struct zx_handle_close_args, reserved),
	ZX_OP(ZX_IOC_HANDLE_CLOSE_MANY, zx_sys_handle_close_many,
	      struct zx_handle_close_many_args, num_handles),
	ZX_OP(ZX_IOC_HANDLE_DUPLICATE, zx_sys_handle_duplicate,
	      struct zx_handle_rights_args, out),
	ZX_OP(ZX_IOC_HANDLE_REPLACE, zx_sys_handle_replace,
	      struct zx_handle_rights_args, out),
	ZX_OP(ZX_IOC_HANDLE_TO_FD, zx_sys_handle_to_fd,
	      struct zx_handle_to_fd_args, out_fd),
	ZX_OP(ZX_IOC_HANDLE_FROM_FD, zx_sys_handle_from_fd,
	      struct zx_handle_from_fd_args, out),
	ZX_OP(ZX_IOC_HANDLE_POLL_FD, zx_sys_handle_poll_fd,
	      struct zx_handle_poll_fd_args, out_fd),
	ZX_OP(ZX_IOC_OBJECT_GET_INFO, zx_sys_object_get_info,
	      struct zx_object_get_info_args, avail),
	ZX_OP(ZX_IOC_OBJECT_GET_PROPERTY, zx_sys_object_get_property,
	      struct zx_object_property_args, value_size),
	ZX_OP(ZX_IOC_OBJECT_SET_PROPERTY, zx_sys_object_set_property,
	      struct zx_object_property_args, value_size),
	ZX_OP(ZX_IOC_OBJECT_SIGNAL, zx_sys_object_signal,
	      struct zx_object_signal_args, reserved),
	ZX_OP(ZX_IOC_OBJECT_SIGNAL_PEER, zx_sys_object_signal_peer,
	      struct zx_object_signal_args, reserved),
	ZX_OP(ZX_IOC_OBJECT_WAIT_ONE, zx_sys_object_wait_one,
	      struct zx_object_wait_one_args, observed),
	ZX_OP(ZX_IOC_OBJECT_WAIT_MANY, zx_sys_object_wait_many,
	      struct zx_object_wait_many_args, deadline),
	ZX_OP(ZX_IOC_OBJECT_WAIT_ASYNC, zx_sys_object_wait_async,
	      struct zx_object_wait_async_args, options),
	ZX_OP(ZX_IOC_EVENT_CREATE, zx_sys_event_create,
	      struct zx_create_args, out),
	ZX_OP(ZX_IOC_EVENTPAIR_CREATE, zx_sys_eventpair_create,
	      struct zx_create_pair_args, out1),
	ZX_OP(ZX_IOC_CPRNG_DRAW, zx_sys_cprng_draw,
	      struct zx_cprng_args, buffer_size),
	ZX_OP(ZX_IOC_CPRNG_ADD_ENTROPY, zx_sys_cprng_add_entropy,
	      struct zx_cprng_args, buffer_size),
	ZX_OP(ZX_IOC_NANOSLEEP, zx_sys_nanosleep,
	      struct zx_nanosleep_args, deadline),
	ZX_OP(ZX_IOC_SYSTEM_GET_PROPERTIES, zx_sys_system_get_properties,
	      struct zx_system_get_properties_args, out_size),
	ZX_OP(ZX_IOC_TAKE_STARTUP_HANDLE, zx_sys_take_startup_handle,
	      struct zx_take_startup_handle_args, out),
	ZX_OP(ZX_IOC_CHANNEL_CREATE, zx_sys_channel_create,
	      struct zx_create_pair_args, out1),
	ZX_OP(ZX_IOC_CHANNEL_WRITE, zx_sys_channel_write,
	      struct zx_channel_write_args, num_handles),
	ZX_OP(ZX_IOC_CHANNEL_WRITE_ETC, zx_sys_channel_write_etc,
	      struct zx_channel_write_args, num_handles),
	ZX_OP(ZX_IOC_CHANNEL_READ, zx_sys_channel_read,
	      struct zx_channel_read_args, actual_handles),
	ZX_OP(ZX_IOC_CHANNEL_READ_ETC, zx_sys_channel_read_etc,
	      struct zx_channel_read_args, actual_handles),
	ZX_OP(ZX_IOC_CHANNEL_CALL, zx_sys_channel_call,
	      struct zx_channel_call_ioc_args, actual_handles),
	ZX_OP(ZX_IOC_CHANNEL_CALL_ETC, zx_sys_channel_call_etc,
	      struct zx_channel_call_ioc_args, actual_handles),
	ZX_OP(ZX_IOC_FIFO_CREATE, zx_sys_fifo_create,
	      struct zx_fifo_create_args, out1),
	ZX_OP(ZX_IOC_FIFO_WRITE, zx_sys_fifo_write,
	      struct zx_fifo_rw_args, actual_count),
	ZX_OP(ZX_IOC_FIFO_READ, zx_sys_fifo_read,
	      struct zx_fifo_rw_args, actual_count),
	ZX_OP(ZX_IOC_SOCKET_CREATE, zx_sys_socket_create,
	      struct zx_create_pair_args, out1),
	ZX_OP(ZX_IOC_SOCKET_WRITE, zx_sys_socket_write,
	      struct zx_socket_rw_args, actual),
	ZX_OP(ZX_IOC_SOCKET_READ, zx_sys_socket_read,
	      struct zx_socket_rw_args, actual),
	ZX_OP(ZX_IOC_SOCKET_SET_DISPOSITION, zx_sys_socket_set_disposition,
	      struct zx_socket_disposition_args, disposition_peer),
	ZX_OP(ZX_IOC_DEBUGLOG_CREATE, zx_sys_debuglog_create,
	      struct zx_debuglog_create_args, out),
	ZX_OP(ZX_IOC_DEBUGLOG_WRITE, zx_sys_debuglog_write,
	      struct zx_debuglog_rw_args, actual),
	ZX_OP(ZX_IOC_DEBUGLOG_READ, zx_sys_debuglog_read,
	      struct zx_debuglog_rw_args, actual),
	ZX_OP(ZX_IOC_RESOURCE_CREATE, zx_sys_resource_create,
	      struct zx_resource_create_args, out),
	ZX_OP(ZX_IOC_PCI_GET_NTH_DEVICE, zx_sys_pci_get_nth_device,
	      struct zx_pci_get_nth_device_args, out),
	ZX_OP(ZX_IOC_PCI_ENABLE_BUS_MASTER, zx_sys_pci_enable_bus_master,
	      struct zx_pci_device_args, value),
	ZX_OP(ZX_IOC_PCI_RESET_DEVICE, zx_sys_pci_reset_device,
	      struct zx_pci_device_args, value),
	ZX_OP(ZX_IOC_PCI_CONFIG_READ, zx_sys_pci_config_read,
	      struct zx_pci_config_args, value_ptr),
	ZX_OP(ZX_IOC_PCI_CONFIG_WRITE, zx_sys_pci_config_write,
	      struct zx_pci_config_args, value_ptr),
	ZX_OP(ZX_IOC_PCI_QUERY_IRQ_MODE, zx_sys_pci_query_irq_mode,
	      struct zx_pci_irq_mode_args, out_max_irqs),
	ZX_OP(ZX_IOC_PCI_SET_IRQ_MODE, zx_sys_pci_set_irq_mode,
	      struct zx_pci_irq_mode_args, out_max_irqs),
	ZX_OP(ZX_IOC_IOMMU_CREATE, zx_sys_iommu_create,
	      struct zx_iommu_create_args, out),
	ZX_OP(ZX_IOC_BTI_CREATE, zx_sys_bti_create,
	      struct zx_bti_create_args, out),
	ZX_OP(ZX_IOC_BTI_PIN, zx_sys_bti_pin,
	      struct zx_bti_pin_args, pmt),
	ZX_OP(ZX_IOC_BTI_RELEASE_QUARANTINE, zx_sys_bti_release_quarantine,
	      struct zx_ddk_handle_args, reserved),
	ZX_OP(ZX_IOC_PMT_UNPIN, zx_sys_pmt_unpin,
	      struct zx_ddk_handle_args, reserved),
	ZX_OP(ZX_IOC_VMO_CREATE_CONTIGUOUS, zx_sys_vmo_create_contiguous,
	      struct zx_vmo_create_contiguous_args, reserved),
	ZX_OP(ZX_IOC_VMO_CREATE_PHYSICAL, zx_sys_vmo_create_physical,
	      struct zx_vmo_create_physical_args, out),
	ZX_OP(ZX_IOC_INTERRUPT_CREATE, zx_sys_interrupt_create,
	      struct zx_interrupt_create_args, out),
	ZX_OP(ZX_IOC_INTERRUPT_WAIT, zx_sys_interrupt_wait,
	      struct zx_interrupt_wait_args, out_timestamp),
	ZX_OP(ZX_IOC_INTERRUPT_TRIGGER, zx_sys_interrupt_trigger,
	      struct zx_interrupt_trigger_args, timestamp),
	ZX_OP(ZX_IOC_INTERRUPT_DESTROY, zx_sys_interrupt_destroy,
	      struct zx_ddk_handle_args, reserved),
	ZX_OP(ZX_IOC_INTERRUPT_BIND, zx_sys_interrupt_bind,
	      struct zx_interrupt_bind_args, reserved),
	ZX_OP(ZX_IOC_INTERRUPT_ACK, zx_sys_interrupt_ack,
	      struct zx_ddk_handle_args, reserved),
	ZX_OP(ZX_IOC_IOPORTS_CHECK, zx_sys_ioports_check,
	      struct zx_ioports_args, reserved2),
	ZX_OP(ZX_IOC_PCI_MAP_INTERRUPT, zx_sys_pci_map_interrupt,
	      struct zx_pci_map_interrupt_args, out),
	ZX_OP(ZX_IOC_PCI_GET_BAR, zx_sys_pci_get_bar,
	      struct zx_pci_get_bar_args, out_handle),
	ZX_OP(ZX_IOC_SMC_CALL, zx_sys_smc_call,
	      struct zx_smc_call_args, out),
	ZX_OP(ZX_IOC_THREAD_SELF, zx_sys_thread_self,
	      struct zx_create_args, out),
	ZX_OP(ZX_IOC_TASK_KILL, zx_sys_task_kill,
	      struct zx_handle_close_args, reserved),
	ZX_OP(ZX_IOC_SYSTEM_GET_EVENT, zx_sys_system_get_event,
	      struct zx_system_get_event_args, out),
	ZX_OP(ZX_IOC_SYSTEM_GET_PERFORMANCE_INFO,
	      zx_sys_system_get_performance_info,
	      struct zx_system_get_performance_info_args, output_count),
	ZX_OP(ZX_IOC_PROFILE_CREATE, zx_sys_profile_create,
	      struct zx_profile_create_args, out),
	ZX_OP(ZX_IOC_OBJECT_SET_PROFILE, zx_sys_object_set_profile,
	      struct zx_object_set_profile_args, reserved),
	ZX_OP(ZX_IOC_PROCESS_READ_MEMORY, zx_sys_process_read_memory,
	      struct zx_process_memory_args, actual),
	ZX_OP(ZX_IOC_PROCESS_WRITE_MEMORY, zx_sys_process_write_memory,
	      struct zx_process_memory_args, actual),
	ZX_OP(ZX_IOC_SYSCALL_TEST, zx_sys_syscall_test,
	      struct zx_syscall_test_args, out),
	ZX_OP(ZX_IOC_SYSCALL_TEST_HANDLE_CREATE,
	      zx_sys_syscall_test_handle_create,
	      struct zx_syscall_test_handle_create_args, status),
	ZX_OP(ZX_IOC_FUTEX_WAIT, zx_sys_futex_wait,
	      struct zx_futex_wait_args, deadline),
	ZX_OP(ZX_IOC_FUTEX_WAKE, zx_sys_futex_wake,
	      struct zx_futex_wake_args, reserved),
	ZX_OP(ZX_IOC_FUTEX_WAKE_SINGLE_OWNER, zx_sys_futex_wake_single_owner,
	      struct zx_futex_ptr_args, value_ptr),
	ZX_OP(ZX_IOC_FUTEX_REQUEUE, zx_sys_futex_requeue,
	      struct zx_futex_requeue_args, new_requeue_owner),
	ZX_OP(ZX_IOC_FUTEX_REQUEUE_SINGLE_OWNER,
	      zx_sys_futex_requeue_single_owner,
	      struct zx_futex_requeue_args, new_requeue_owner),
	ZX_OP(ZX_IOC_FUTEX_GET_OWNER, zx_sys_futex_get_owner,
	      struct zx_futex_get_owner_args, koid),
	ZX_OP(ZX_IOC_VMO_CREATE, zx_sys_vmo_create,
	      struct zx_vmo_create_args, out),
	ZX_OP(ZX_IOC_VMO_READ, zx_sys_vmo_read,
	      struct zx_vmo_rw_args, buffer_size),
	ZX_OP(ZX_IOC_VMO_WRITE, zx_sys_vmo_write,
	      struct zx_vmo_rw_args, buffer_size),
	ZX_OP(ZX_IOC_VMO_CREATE_CHILD, zx_sys_vmo_create_child,
	      struct zx_vmo_create_child_args, out),
	ZX_OP(ZX_IOC_VMO_GET_SIZE, zx_sys_vmo_get_size,
	      struct zx_vmo_size_args, size),
	ZX_OP(ZX_IOC_VMO_SET_SIZE, zx_sys_vmo_set_size,
	      struct zx_vmo_size_args, size),
	ZX_OP(ZX_IOC_VMO_OP_RANGE, zx_sys_vmo_op_range,
	      struct zx_vmo_op_range_args, buffer_size),
	ZX_OP(ZX_IOC_VMO_REPLACE_AS_EXECUTABLE, zx_sys_vmo_replace_as_executable,
	      struct zx_vmo_replace_as_executable_args, out),
	ZX_OP(ZX_IOC_VMO_SET_CACHE_POLICY, zx_sys_vmo_set_cache_policy,
	      struct zx_vmo_set_cache_policy_args, cache_policy),
	ZX_OP(ZX_IOC_STREAM_CREATE, zx_sys_stream_create,
	      struct zx_stream_create_args, out),
	ZX_OP(ZX_IOC_STREAM_READV, zx_sys_stream_readv,
	      struct zx_stream_rw_args, actual),
	ZX_OP(ZX_IOC_STREAM_READV_AT, zx_sys_stream_readv_at,
	      struct zx_stream_rw_args, actual),
	ZX_OP(ZX_IOC_STREAM_WRITEV, zx_sys_stream_writev,
	      struct zx_stream_rw_args, actual),
	ZX_OP(ZX_IOC_STREAM_WRITEV_AT, zx_sys_stream_writev_at,
	      struct zx_stream_rw_args, actual),
	ZX_OP(ZX_IOC_STREAM_SEEK, zx_sys_stream_seek,
	      struct zx_stream_seek_args, out_seek),
	ZX_OP(ZX_IOC_PAGER_CREATE, zx_sys_pager_create,
	      struct zx_create_args, out),
	ZX_OP(ZX_IOC_PAGER_CREATE_VMO, zx_sys_pager_create_vmo,
	      struct zx_pager_create_vmo_args, out),
	ZX_OP(ZX_IOC_PAGER_DETACH_VMO, zx_sys_pager_detach_vmo,
	      struct zx_pager_detach_vmo_args, vmo),
	ZX_OP(ZX_IOC_PAGER_SUPPLY_PAGES, zx_sys_pager_supply_pages,
	      struct zx_pager_supply_pages_args, aux_offset),
	ZX_OP(ZX_IOC_PAGER_OP_RANGE, zx_sys_pager_op_range,
	      struct zx_pager_op_range_args, data),
	ZX_OP(ZX_IOC_TIMER_CREATE, zx_sys_timer_create,
	      struct zx_timer_create_args, out),
	ZX_OP(ZX_IOC_TIMER_SET, zx_sys_timer_set,
	      struct zx_timer_set_args, slack),
	ZX_OP(ZX_IOC_TIMER_CANCEL, zx_sys_timer_cancel,
	      struct zx_timer_cancel_args, reserved),
	ZX_OP(ZX_IOC_CLOCK_CREATE, zx_sys_clock_create,
	      struct zx_clock_create_args, out),
	ZX_OP(ZX_IOC_CLOCK_READ, zx_sys_clock_read,
	      struct zx_clock_read_args, now),
	ZX_OP(ZX_IOC_CLOCK_GET_DETAILS, zx_sys_clock_get_details,
	      struct zx_clock_io_args, buffer),
	ZX_OP(ZX_IOC_CLOCK_UPDATE, zx_sys_clock_update,
	      struct zx_clock_io_args, buffer),
	ZX_OP(ZX_IOC_PORT_CREATE, zx_sys_port_create,
	      struct zx_create_args, out),
	ZX_OP(ZX_IOC_PORT_QUEUE, zx_sys_port_queue,
	      struct zx_port_queue_args, packet),
	ZX_OP(ZX_IOC_PORT_WAIT, zx_sys_port_wait,
	      struct zx_port_wait_args, packet),
	ZX_OP(ZX_IOC_PORT_CANCEL, zx_sys_port_cancel,
	      struct zx_port_cancel_args, key),
	ZX_OP(ZX_IOC_VMAR_ALLOCATE, zx_sys_vmar_allocate,
	      struct zx_vmar_allocate_args, child_addr),
	ZX_OP(ZX_IOC_VMAR_MAP, zx_sys_vmar_map,
	      struct zx_vmar_map_args, mapped_addr),
	ZX_OP(ZX_IOC_VMAR_UNMAP, zx_sys_vmar_unmap,
	      struct zx_vmar_range_args, len),
	ZX_OP(ZX_IOC_VMAR_PROTECT, zx_sys_vmar_protect,
	      struct zx_vmar_range_args, len),
	ZX_OP(ZX_IOC_VMAR_DESTROY, zx_sys_vmar_destroy,
	      struct zx_vmar_range_args, handle),
	ZX_OP(ZX_IOC_VMAR_OP_RANGE, zx_sys_vmar_op_range,
	      struct zx_vmar_op_range_args, buffer_size),
	ZX_OP(ZX_IOC_VMAR_UNMAP_HANDLE_CLOSE, zx_sys_vmar_unmap_handle_close,
	      struct zx_vmar_unmap_close_args, len),
	ZX_OP(ZX_IOC_FUTEX_WAKE_HANDLE_CLOSE, zx_sys_futex_wake_handle_close,
	      struct zx_futex_wake_close_args, reserved),
};

/*
 * @n is a constant at every call; the calls with an @n larger than the
 * buffer (room for structs to grow) cannot be reached and fold away.
 */
static __always_inline int zx_copy_fixed(union zx_ioctl_buffer *buf,
					 const void __user *uarg, size_t n)
{
	if (n > sizeof(*buf))
		return -EINVAL;
	return copy_from_user(buf, uarg, n) ? -EFAULT : 0;
}

/*
 * A caller built with the kernel's own struct (the usual case) gets a copy
 * of constant size, so hardened usercopy's object check compiles away; all
 * argument structs are multiples of 8 bytes.  Other sizes are extensible
 * structs: an older, shorter one is zero-extended, a newer one must have a
 * zero tail (copy_struct_from_user()).
 */
static int zx_copy_args(union zx_ioctl_buffer *buf,
			const struct zx_ioctl_op *op,
			const void __user *uarg, unsigned int usize)
{
	if (usize == op->size) {
		switch (usize) {
		case 8:
			return zx_copy_fixed(buf, uarg, 8);
		case 16:
			return zx_copy_fixed(buf, uarg, 16);
		case 24:
			return zx_copy_fixed(buf, uarg, 24);
		case 32:
			return zx_copy_fixed(buf, uarg, 32);
		case 40:
			return zx_copy_fixed(buf, uarg, 40);
		case 48:
			return zx_copy_fixed(buf, uarg, 48);
		case 56:
			return zx_copy_fixed(buf, uarg, 56);
		case 64:
			return zx_copy_fixed(buf, uarg, 64);
		case 72:
			return zx_copy_fixed(buf, uarg, 72);
		case 80:
			return zx_copy_fixed(buf, uarg, 80);
		case 88:
			return zx_copy_fixed(buf, uarg, 88);
		case 96:
			return zx_copy_fixed(buf, uarg, 96);
		case 104:
			return zx_copy_fixed(buf, uarg, 104);
		case 112:
			return zx_copy_fixed(buf, uarg, 112);
		case 120:
			return zx_copy_fixed(buf, uarg, 120);
		case 128:
			return zx_copy_fixed(buf, uarg, 128);
		}
	}
	if (usize < op->min_size)
		return -EINVAL;
	return copy_struct_from_user(buf, op->size, uarg, usize);
}

/*
 * What an open /dev/zircon remembers: the process context of the first
 * address space that called through it, so that later calls from the same
 * address space skip the hash lookup.  The file holds the mm (mmgrab), so
 * no other mm can take its address while the file lives: a caller whose
 * current->mm is that mm belongs to that context, which lives until the mm
 * exits, and an exited mm is nobody's current->mm again.  Callers with
 * another mm (a forked child that inherited the file, the process after
 * exec, a receiver of the fd) use the hash lookup.
 */
struct zx_file_ctx {
	struct mm_struct *mm;
	struct zx_process *proc;
};

static struct zx_process *zx_file_process(struct file *file)
{
	/* Pairs with the cmpxchg_release() that published it. */
	struct zx_file_ctx *ctx = smp_load_acquire(&file->private_data);
	struct zx_process *proc;

	if (likely(ctx && ctx->mm == current->mm))
		return ctx->proc;
	proc = zx_process_current();
	if (IS_ERR(proc) || ctx)
		return proc;
	/* Without memory there is just no shortcut. */
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL_ACCOUNT);
	if (!ctx)
		return proc;
	mmgrab(proc->mm);
	ctx->mm = proc->mm;
	ctx->proc = proc;
	if (cmpxchg_release(&file->private_data, NULL, ctx)) {
		mmdrop(ctx->mm);
		kfree(ctx);
	}
	return proc;
}

static int zx_open(struct inode *inode, struct file *file)
{
	/* misc_open() left the miscdevice here. */
	file->private_data = NULL;
	return 0;
}

static int zx_release(struct inode *inode, struct file *file)
{
	struct zx_file_ctx *ctx = file->private_data;

	if (ctx) {
		mmdrop(ctx->mm);
		kfree(ctx);
	}
	return 0;
}

static long zx_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	unsigned int nr = _IOC_NR(cmd), usize = _IOC_SIZE(cmd);
	const struct zx_ioctl_op *op;
	union zx_ioctl_buffer buf;
	struct zx_process *proc;
	zx_status_t status;
	int ret;

	if (_IOC_TYPE(cmd) != ZX_IOC_MAGIC || _IOC_DIR(cmd) != _IOC_WRITE ||
	    nr >= ARRAY_SIZE(zx_ioctl_ops))
		return -ENOTTY;
	op = &zx_ioctl_ops[nr];
	if (!op->fn)
		return -ENOTTY;
	ret = zx_copy_args(&buf, op, (const void __user *)arg, usize);
	if (ret)
		return ret;

	proc = zx_file_process(file);
	if (IS_ERR(proc))
		return PTR_ERR(proc);
	status = op->fn(proc, &buf);
	if (status == ZX_ERR_INTERNAL_INTR_RETRY)
		return -ERESTARTSYS;
	return status == ZX_OK ? 0 : -status;
}

static const struct file_operations zx_fops = {
	.owner = THIS_MODULE,
	.open = zx_open,
	.release = zx_release,
	.unlocked_ioctl = zx_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static ssize_t live_objects_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", zx_live_objects());
}
static DEVICE_ATTR_RO(live_objects);

static ssize_t live_handles_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", zx_live_handles());
}
static DEVICE_ATTR_RO(live_handles);

static ssize_t live_processes_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", zx_live_processes());
}
static DEVICE_ATTR_RO(live_processes);

static struct attribute *zx_attrs[] = {
	&dev_attr_live_objects.attr,
	&dev_attr_live_handles.attr,
	&dev_attr_live_processes.attr,
	NULL,
};
ATTRIBUTE_GROUPS(zx);

static struct miscdevice zx_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "zircon",
	.fops = &zx_fops,
	.groups = zx_groups,
	.mode = 0666,
};

static int __init zx_init(void)
{
	int ret;

	BUILD_BUG_ON(sizeof(union zx_ioctl_buffer) > 128);
	ret = zx_handle_cache_init();
	if (ret)
		return ret;
	zx_futex_init();
	ret = zx_channel_init();
	if (ret)
		goto err_handles;
	ret = zx_processes_init();
	if (ret)
		goto err_channels;
	ret = zx_job_init();
	if (ret)
		goto err_processes;
	ret = zx_system_events_init();
	if (ret)
		goto err_job;
	ret = zx_resources_init();
	if (ret)
		goto err_sysev;
	ret = zx_debuglog_init();
	if (ret)
		goto err_resources;
	ret = zx_pci_init();
	if (ret)
		goto err_debuglog;
	ret = zx_vmar_init();
	if (ret)
		goto err_pci;
	ret = misc_register(&zx_miscdev);
	if (ret)
		goto err_vmar;
	return 0;

err_vmar:
	zx_vmar_exit();
err_pci:
	zx_pci_exit();
err_debuglog:
	zx_debuglog_exit();
err_resources:
	zx_resources_exit();
err_sysev:
	zx_system_events_exit();
err_job:
	zx_job_exit();
err_processes:
	zx_processes_exit();
err_channels:
	zx_channel_exit();
err_handles:
	zx_handle_cache_exit();
	return ret;
}

static void __exit zx_exit(void)
{
	misc_deregister(&zx_miscdev);
	zx_vmar_exit();
	zx_pci_exit();
	zx_debuglog_exit();
	zx_resources_exit();
	zx_system_events_exit();
	zx_job_exit();
	zx_processes_exit();
	zx_channel_exit();
	zx_handle_cache_exit();
}

module_init(zx_init);
module_exit(zx_exit);
MODULE_DESCRIPTION("Zircon kernel objects and syscall ABI for Linux processes");
MODULE_AUTHOR("zxlinux developers");
MODULE_LICENSE("GPL");

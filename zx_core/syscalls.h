/* SPDX-License-Identifier: GPL-2.0 */
/* Handlers behind the ioctl dispatch table in device.c. */
#ifndef ZX_CORE_SYSCALLS_H
#define ZX_CORE_SYSCALLS_H

#include "zircon.h"

#define ZX_SYSCALL(name) \
	zx_status_t zx_sys_##name(struct zx_process *proc, void *args)

ZX_SYSCALL(handle_close);
ZX_SYSCALL(handle_close_many);
ZX_SYSCALL(handle_duplicate);
ZX_SYSCALL(handle_replace);
ZX_SYSCALL(handle_to_fd);
ZX_SYSCALL(handle_from_fd);
ZX_SYSCALL(handle_poll_fd);
ZX_SYSCALL(object_get_info);
ZX_SYSCALL(object_get_property);
ZX_SYSCALL(object_set_property);
ZX_SYSCALL(object_signal);
ZX_SYSCALL(object_signal_peer);
ZX_SYSCALL(object_wait_one);
ZX_SYSCALL(object_wait_many);
ZX_SYSCALL(object_wait_async);
ZX_SYSCALL(event_create);
ZX_SYSCALL(eventpair_create);
ZX_SYSCALL(cprng_draw);
ZX_SYSCALL(cprng_add_entropy);
ZX_SYSCALL(nanosleep);
ZX_SYSCALL(system_get_properties);
ZX_SYSCALL(take_startup_handle);
ZX_SYSCALL(process_read_memory);
ZX_SYSCALL(process_write_memory);
ZX_SYSCALL(syscall_test);
ZX_SYSCALL(syscall_test_handle_create);
ZX_SYSCALL(channel_create);
ZX_SYSCALL(channel_write);
ZX_SYSCALL(channel_write_etc);
ZX_SYSCALL(channel_read);
ZX_SYSCALL(channel_read_etc);
ZX_SYSCALL(channel_call);
ZX_SYSCALL(channel_call_etc);
ZX_SYSCALL(fifo_create);
ZX_SYSCALL(fifo_write);
ZX_SYSCALL(fifo_read);
ZX_SYSCALL(socket_create);
ZX_SYSCALL(socket_write);
ZX_SYSCALL(socket_read);
ZX_SYSCALL(socket_set_disposition);
ZX_SYSCALL(debuglog_create);
ZX_SYSCALL(debuglog_write);
ZX_SYSCALL(debuglog_read);
ZX_SYSCALL(resource_create);
ZX_SYSCALL(pci_get_nth_device);
ZX_SYSCALL(pci_enable_bus_master);
ZX_SYSCALL(pci_reset_device);
ZX_SYSCALL(pci_config_read);
ZX_SYSCALL(pci_config_write);
ZX_SYSCALL(pci_query_irq_mode);
ZX_SYSCALL(pci_set_irq_mode);
ZX_SYSCALL(iommu_create);
ZX_SYSCALL(bti_create);
ZX_SYSCALL(bti_pin);
ZX_SYSCALL(bti_release_quarantine);
ZX_SYSCALL(pmt_unpin);
ZX_SYSCALL(vmo_create_contiguous);
ZX_SYSCALL(vmo_create_physical);
ZX_SYSCALL(interrupt_create);
ZX_SYSCALL(interrupt_wait);
ZX_SYSCALL(interrupt_trigger);
ZX_SYSCALL(interrupt_destroy);
ZX_SYSCALL(interrupt_bind);
ZX_SYSCALL(interrupt_ack);
ZX_SYSCALL(ioports_check);
ZX_SYSCALL(pci_map_interrupt);
ZX_SYSCALL(pci_get_bar);
ZX_SYSCALL(smc_call);
ZX_SYSCALL(thread_self);
ZX_SYSCALL(task_kill);
ZX_SYSCALL(system_get_event);
ZX_SYSCALL(futex_wait);
ZX_SYSCALL(futex_wake);
ZX_SYSCALL(futex_wake_single_owner);
ZX_SYSCALL(futex_requeue);
ZX_SYSCALL(futex_requeue_single_owner);
ZX_SYSCALL(futex_get_owner);
ZX_SYSCALL(vmo_create);
ZX_SYSCALL(vmo_read);
ZX_SYSCALL(vmo_write);
ZX_SYSCALL(vmo_create_child);
ZX_SYSCALL(vmo_get_size);
ZX_SYSCALL(vmo_set_size);
ZX_SYSCALL(vmo_op_range);
ZX_SYSCALL(vmo_replace_as_executable);
ZX_SYSCALL(vmo_set_cache_policy);
ZX_SYSCALL(stream_create);
ZX_SYSCALL(stream_readv);
ZX_SYSCALL(stream_readv_at);
ZX_SYSCALL(stream_writev);
ZX_SYSCALL(stream_writev_at);
ZX_SYSCALL(stream_seek);
ZX_SYSCALL(pager_create);
ZX_SYSCALL(pager_create_vmo);
ZX_SYSCALL(pager_detach_vmo);
ZX_SYSCALL(pager_supply_pages);
ZX_SYSCALL(pager_op_range);
ZX_SYSCALL(timer_create);
ZX_SYSCALL(timer_set);
ZX_SYSCALL(timer_cancel);
ZX_SYSCALL(clock_create);
ZX_SYSCALL(clock_read);
ZX_SYSCALL(clock_get_details);
ZX_SYSCALL(clock_update);
ZX_SYSCALL(port_create);
ZX_SYSCALL(port_queue);
ZX_SYSCALL(port_wait);
ZX_SYSCALL(port_cancel);
ZX_SYSCALL(vmar_allocate);
ZX_SYSCALL(vmar_map);
ZX_SYSCALL(vmar_unmap);
ZX_SYSCALL(vmar_protect);
ZX_SYSCALL(vmar_destroy);
ZX_SYSCALL(vmar_op_range);
ZX_SYSCALL(vmar_unmap_handle_close);
ZX_SYSCALL(futex_wake_handle_close);

#endif /* ZX_CORE_SYSCALLS_H */

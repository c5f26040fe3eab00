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
ZX_SYSCALL(port_create);
ZX_SYSCALL(port_queue);
ZX_SYSCALL(port_wait);
ZX_SYSCALL(port_cancel);

#endif /* ZX_CORE_SYSCALLS_H */

// SPDX-License-Identifier: GPL-2.0
/* Events: an object whose only state is its signals. */
#include <linux/slab.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

static void zx_event_destroy(struct zx_object *obj)
{
	kfree(obj);
}

static const struct zx_object_type zx_event_type = {
	.obj_type = ZX_OBJ_TYPE_EVENT,
	.default_rights = ZX_DEFAULT_EVENT_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED,
	.destroy = zx_event_destroy,
};

zx_status_t zx_sys_event_create(struct zx_process *proc, void *argp)
{
	struct zx_create_args *args = argp;
	struct zx_object *event;
	zx_status_t status;

	if (args->options || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	event = kmalloc(sizeof(*event), GFP_KERNEL_ACCOUNT);
	if (!event)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(event, &zx_event_type);
	status = zx_create_handle_user(proc, event, args->out);
	zx_object_put(event);
	return status;
}

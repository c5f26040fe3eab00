// SPDX-License-Identifier: GPL-2.0
/* Event pairs: two events, each able to signal the other. */
#include <linux/slab.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

static void zx_eventpair_destroy(struct zx_object *obj)
{
	kfree(obj);
}

static const struct zx_object_type zx_eventpair_type = {
	.obj_type = ZX_OBJ_TYPE_EVENTPAIR,
	.default_rights = ZX_DEFAULT_EVENTPAIR_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL | ZX_EVENTPAIR_SIGNALED,
	.peered = true,
	.peer_closed_set = ZX_EVENTPAIR_PEER_CLOSED,
	.destroy = zx_eventpair_destroy,
};

static struct zx_object *zx_eventpair_alloc(void)
{
	struct zx_object *end = kmalloc(sizeof(*end), GFP_KERNEL_ACCOUNT);

	if (end)
		zx_object_init(end, &zx_eventpair_type);
	return end;
}

zx_status_t zx_sys_eventpair_create(struct zx_process *proc, void *argp)
{
	struct zx_create_pair_args *args = argp;

	if (args->options)
		return ZX_ERR_NOT_SUPPORTED;
	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	return zx_create_peered_pair_user(proc, zx_eventpair_alloc(),
					  zx_eventpair_alloc(),
					  args->out0, args->out1);
}

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

static void zx_eventpair_zero_handles(struct zx_object *obj)
{
	zx_object_peer_zero_handles(obj, ZX_EVENTPAIR_PEER_CLOSED);
}

static const struct zx_object_type zx_eventpair_type = {
	.obj_type = ZX_OBJ_TYPE_EVENTPAIR,
	.default_rights = ZX_DEFAULT_EVENTPAIR_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL | ZX_EVENTPAIR_SIGNALED,
	.peered = true,
	.on_zero_handles = zx_eventpair_zero_handles,
	.destroy = zx_eventpair_destroy,
};

zx_status_t zx_sys_eventpair_create(struct zx_process *proc, void *argp)
{
	struct zx_create_pair_args *args = argp;
	struct zx_object *a, *b;
	zx_status_t status = ZX_ERR_NO_MEMORY;

	if (args->options)
		return ZX_ERR_NOT_SUPPORTED;
	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	a = kmalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	b = kmalloc(sizeof(*b), GFP_KERNEL_ACCOUNT);
	if (!a || !b)
		goto out_free;
	zx_object_init(a, &zx_eventpair_type);
	zx_object_init(b, &zx_eventpair_type);
	if (zx_object_init_peers(a, b)) {
		zx_object_put(a);
		zx_object_put(b);
		return ZX_ERR_NO_MEMORY;
	}
	status = zx_create_handle_pair_user(proc, a, b, args->out0, args->out1);
	zx_object_put(a);
	zx_object_put(b);
	return status;

out_free:
	kfree(a);
	kfree(b);
	return status;
}

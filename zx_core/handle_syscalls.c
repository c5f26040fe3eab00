// SPDX-License-Identifier: GPL-2.0
/* handle_close, handle_close_many, handle_duplicate, handle_replace. */
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* Handles closed per copy from the user's array in handle_close_many. */
#define ZX_CLOSE_MANY_BATCH	64

zx_status_t zx_sys_handle_close(struct zx_process *proc, void *argp)
{
	struct zx_handle_close_args *args = argp;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	return zx_handle_close(proc, args->handle);
}

/* Closes every valid handle even if some are invalid or repeated. */
zx_status_t zx_sys_handle_close_many(struct zx_process *proc, void *argp)
{
	struct zx_handle_close_many_args *args = argp;
	const zx_handle_t __user *uhandles = zx_uptr(args->handles);
	zx_handle_t batch[ZX_CLOSE_MANY_BATCH];
	zx_status_t status = ZX_OK;
	u64 done = 0;

	while (done < args->num_handles) {
		size_t n = min_t(u64, args->num_handles - done,
				 ZX_CLOSE_MANY_BATCH);
		size_t i;

		/* A count near 2^64 over a huge zero mapping takes long. */
		if (fatal_signal_pending(current))
			return ZX_ERR_INTERNAL_INTR_RETRY;
		if (copy_from_user(batch, uhandles + done, n * sizeof(*batch)))
			return ZX_ERR_INVALID_ARGS;
		for (i = 0; i < n; i++)
			if (zx_handle_close(proc, batch[i]) != ZX_OK)
				status = ZX_ERR_BAD_HANDLE;
		done += n;
		cond_resched();
	}
	return status;
}

zx_status_t zx_sys_handle_duplicate(struct zx_process *proc, void *argp)
{
	struct zx_handle_rights_args *args = argp;
	struct zx_handle *dup;
	struct zx_object *obj;
	zx_rights_t have, rights;
	zx_status_t status;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_DUPLICATE, &obj, &have);
	if (status != ZX_OK)
		return status;
	status = zx_rights_reduce(have, args->rights, &rights);
	if (status != ZX_OK)
		goto out;
	dup = zx_handle_create(obj, rights);
	if (!dup) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	status = zx_handle_install_user(proc, dup, args->out);
out:
	zx_object_put(obj);
	return status;
}

/* The original handle is invalidated whatever the outcome. */
zx_status_t zx_sys_handle_replace(struct zx_process *proc, void *argp)
{
	struct zx_handle_rights_args *args = argp;
	struct zx_handle *old, *new;
	zx_rights_t rights;
	zx_status_t status;

	status = zx_handle_remove(proc, args->handle, &old);
	if (status != ZX_OK)
		return status;
	status = zx_rights_reduce(old->rights, args->rights, &rights);
	if (status != ZX_OK)
		goto out;
	new = zx_handle_create(old->obj, rights);
	if (!new) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	status = zx_handle_install_user(proc, new, args->out);
out:
	/* After the new handle exists, so peers see no false PEER_CLOSED. */
	zx_handle_destroy(old);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Calls every task type answers: jobs, processes and threads.
 */
#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

zx_status_t zx_sys_task_kill(struct zx_process *proc, void *argp)
{
	struct zx_handle_close_args *args = argp;
	struct zx_object *obj;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	/* Rights before type, as Zircon: only tasks carry DESTROY anyway. */
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_DESTROY, &obj, NULL);
	if (status != ZX_OK)
		return status;
	switch (obj->type->obj_type) {
	case ZX_OBJ_TYPE_PROCESS:
		status = zx_process_kill(container_of(obj, struct zx_process,
						      base));
		break;
	case ZX_OBJ_TYPE_THREAD:
	case ZX_OBJ_TYPE_JOB:
		/*
		 * Zircon kills no single thread either.  The root job's tree
		 * is every Zircon process on the system, and a process's own
		 * job does not yet know its process.
		 */
		status = ZX_ERR_NOT_SUPPORTED;
		break;
	default:
		status = ZX_ERR_WRONG_TYPE;
		break;
	}
	zx_object_put(obj);
	return status;
}

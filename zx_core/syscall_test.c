// SPDX-License-Identifier: GPL-2.0
/*
 * The test-only calls (<zircon/testonly-syscalls.h>) that check argument
 * passing and handle results end to end.  Results come back through the
 * argument block rather than as the ioctl's return value, which can only
 * carry zero or an error.
 */
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

zx_status_t zx_sys_syscall_test(struct zx_process *proc, void *argp)
{
	struct zx_syscall_test_args *args = argp;
	u32 sum = 0, i;

	if (args->count > ARRAY_SIZE(args->args) || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	/* Wraps like the int32 addition it stands for, without UB. */
	for (i = 0; i < args->count; i++)
		sum += (u32)args->args[i];
	if (put_user((s32)sum, (s32 __user *)zx_uptr(args->out)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

/* Makes a handle only when the call is to succeed, as Zircon keeps one. */
zx_status_t zx_sys_syscall_test_handle_create(struct zx_process *proc,
					      void *argp)
{
	struct zx_syscall_test_handle_create_args *args = argp;
	struct zx_create_args create = { .out = args->out };
	zx_status_t status = args->return_value;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK)
		status = zx_sys_event_create(proc, &create);
	if (put_user(status, (s32 __user *)zx_uptr(args->status)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * x86 I/O ports.  Linux grants port access per thread, through ioperm(2),
 * and only to a task with CAP_SYS_RAWIO; no module interface hands it to
 * another task.  So zx_ioports_request/release check here that the
 * resource covers the ports, and libzx then asks Linux for (or gives up)
 * the calling thread's access with ioperm(): the grant is the caller's
 * thread's (and inherited by threads it creates later), not its process's.
 */
#include "ddk.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_IOPORTS_END	0x10000

zx_status_t zx_sys_ioports_check(struct zx_process *proc, void *argp)
{
	struct zx_ioports_args *args = argp;

	if (args->reserved || args->reserved2)
		return ZX_ERR_INVALID_ARGS;
	if (!IS_ENABLED(CONFIG_X86))
		return ZX_ERR_NOT_SUPPORTED;
	if (!args->len || args->io_addr + (u64)args->len > ZX_IOPORTS_END)
		return ZX_ERR_INVALID_ARGS;
	return zx_resource_check(proc, args->resource, ZX_RSRC_KIND_IOPORT,
				 args->io_addr, args->len);
}

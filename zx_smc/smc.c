// SPDX-License-Identifier: GPL-2.0
/*
 * zx_smc_call: a Secure Monitor Call on behalf of a process that holds an
 * SMC resource covering the call's service (bits 24..29 of the function
 * id).  arm64 only; elsewhere the call is not supported.
 *
 * The SMCCC 1.2 entry point is used because Zircon returns x6 as well as
 * x0..x3; it is the same SMC instruction with more registers kept.
 */
#include <linux/uaccess.h>
#ifdef CONFIG_ARM64
#include <linux/arm-smccc.h>
#endif

#include <zircon/syscalls/smc.h>

#include "../zx_core/syscalls.h"
#include "../zx_ddk/ddk.h"
#include "../uapi/zircon_ioctl.h"

#ifdef CONFIG_ARM64
zx_status_t zx_sys_smc_call(struct zx_process *proc, void *argp)
{
	struct zx_smc_call_args *args = argp;
	struct arm_smccc_1_2_regs regs = {}, res = {};
	zx_smc_parameters_t params;
	zx_smc_result_t result;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	if (copy_from_user(&params, zx_uptr(args->parameters), sizeof(params)))
		return ZX_ERR_INVALID_ARGS;
	status = zx_resource_check(proc, args->handle, ZX_RSRC_KIND_SMC,
				   ARM_SMC_GET_SERVICE_CALL_NUM_FROM_FUNC_ID(params.func_id),
				   1);
	if (status != ZX_OK)
		return status;

	regs.a0 = params.func_id;
	regs.a1 = params.arg1;
	regs.a2 = params.arg2;
	regs.a3 = params.arg3;
	regs.a4 = params.arg4;
	regs.a5 = params.arg5;
	regs.a6 = params.arg6;
	regs.a7 = (u64)params.secure_os_id << 16 | params.client_id;
	arm_smccc_1_2_smc(&regs, &res);

	result = (zx_smc_result_t){
		.arg0 = res.a0,
		.arg1 = res.a1,
		.arg2 = res.a2,
		.arg3 = res.a3,
		.arg6 = res.a6,
	};
	if (copy_to_user(zx_uptr(args->out), &result, sizeof(result)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}
#else
zx_status_t zx_sys_smc_call(struct zx_process *proc, void *argp)
{
	return ZX_ERR_NOT_SUPPORTED;
}
#endif

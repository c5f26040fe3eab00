// SPDX-License-Identifier: GPL-2.0
/*
 * cprng, system properties and startup handles: the calls Zircon serves
 * from its vDSO or with no object behind them.
 */
#include <linux/cache.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/sched/topology.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include <zircon/features.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/system.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"
#include "../zx_ddk/ddk.h"

#define ZX_CPRNG_CHUNK	256

/* Any length: Zircon's zx_cprng_draw() cannot fail. */
zx_status_t zx_sys_cprng_draw(struct zx_process *proc, void *argp)
{
	struct zx_cprng_args *args = argp;
	u8 __user *ubuf = zx_uptr(args->buffer);
	u8 chunk[ZX_CPRNG_CHUNK];
	u64 done = 0;
	zx_status_t status = ZX_OK;

	while (done < args->buffer_size) {
		size_t n = min_t(u64, args->buffer_size - done, sizeof(chunk));

		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		get_random_bytes(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		done += n;
		cond_resched();
	}
	memzero_explicit(chunk, sizeof(chunk));
	return status;
}

zx_status_t zx_sys_cprng_add_entropy(struct zx_process *proc, void *argp)
{
	struct zx_cprng_args *args = argp;
	u8 buf[ZX_CPRNG_ADD_ENTROPY_MAX_LEN];

	if (args->buffer_size > ZX_CPRNG_ADD_ENTROPY_MAX_LEN)
		return ZX_ERR_INVALID_ARGS;
	if (copy_from_user(buf, zx_uptr(args->buffer), args->buffer_size))
		return ZX_ERR_INVALID_ARGS;
	/* Mixed in, never credited: callers are not trusted entropy sources. */
	add_device_randomness(buf, args->buffer_size);
	memzero_explicit(buf, sizeof(buf));
	return ZX_OK;
}

static void zx_system_features(struct zx_system_properties *p)
{
	/* Linux has no execute-only user mappings: CAN_MAP_XOM stays clear. */
	p->features[ZX_FEATURE_KIND_VM] = 0;
	p->features_valid = BIT(ZX_FEATURE_KIND_VM);
#ifdef CONFIG_X86
	/* Debug registers DR0-DR3 serve breakpoints and watchpoints. */
	p->features[ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT] = 4;
	p->features[ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT] = 4;
	p->features_valid |= BIT(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT) |
			     BIT(ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT);
#endif
#ifdef CONFIG_ARM64
	/* Linux enables top-byte-ignore for every user address space. */
	p->features[ZX_FEATURE_KIND_ADDRESS_TAGGING] =
		ZX_ARM64_FEATURE_ADDRESS_TAGGING_TBI;
	p->features_valid |= BIT(ZX_FEATURE_KIND_ADDRESS_TAGGING);
#endif
}

zx_status_t zx_sys_system_get_properties(struct zx_process *proc, void *argp)
{
	struct zx_system_get_properties_args *args = argp;
	struct zx_system_properties p = {
		.num_cpus = num_online_cpus(),
		.page_size = PAGE_SIZE,
		.dcache_line_size = cache_line_size(),
		.physmem = (u64)totalram_pages() << PAGE_SHIFT,
	};

	if (args->out_size != sizeof(p))
		return ZX_ERR_INVALID_ARGS;
	zx_system_features(&p);
	snprintf(p.version, sizeof(p.version), "zxlinux (Linux %.40s)",
		 init_utsname()->release);
	if (copy_to_user(zx_uptr(args->out), &p, sizeof(p)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

zx_status_t zx_sys_take_startup_handle(struct zx_process *proc, void *argp)
{
	struct zx_take_startup_handle_args *args = argp;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	return zx_take_startup_handle(proc, args->info, args->out);
}

/*
 * CPU performance scales: Linux's capacity of each online CPU (the
 * scheduler's 1024 = 1.0), numbered as zx_system_get_num_cpus() counts
 * them.  Linux sets capacities itself, so the current scale is the
 * default one and zx_system_set_performance_info is not offered.
 */
zx_status_t zx_sys_system_get_performance_info(struct zx_process *proc,
					       void *argp)
{
	struct zx_system_get_performance_info_args *args = argp;
	zx_cpu_performance_info_t *info;
	unsigned int cpu, n = 0;
	unsigned long cap;
	zx_status_t status;

	status = zx_resource_check(proc, args->resource, ZX_RSRC_KIND_SYSTEM,
				   ZX_RSRC_SYSTEM_CPU_BASE, 1);
	if (status != ZX_OK)
		return status;
	if (args->topic != ZX_CPU_PERF_SCALE &&
	    args->topic != ZX_CPU_DEFAULT_PERF_SCALE)
		return ZX_ERR_INVALID_ARGS;
	if (!args->info || !args->output_count)
		return ZX_ERR_INVALID_ARGS;
	cpus_read_lock();
	if (args->count != num_online_cpus()) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out_unlock;
	}
	info = kcalloc(args->count, sizeof(*info), GFP_KERNEL);
	if (!info) {
		status = ZX_ERR_NO_MEMORY;
		goto out_unlock;
	}
	for_each_online_cpu(cpu) {
		cap = arch_scale_cpu_capacity(cpu);
		info[n].logical_cpu_number = n;
		info[n].performance_scale.integral_part =
			cap >> SCHED_CAPACITY_SHIFT;
		info[n].performance_scale.fractional_part =
			(u32)((cap & (SCHED_CAPACITY_SCALE - 1)) <<
			      (32 - SCHED_CAPACITY_SHIFT));
		n++;
	}
	cpus_read_unlock();
	if (copy_to_user(zx_uptr(args->info), info, n * sizeof(*info)) ||
	    put_user((u64)n, (u64 __user *)zx_uptr(args->output_count)))
		status = ZX_ERR_INVALID_ARGS;
	kfree(info);
	return status;

out_unlock:
	cpus_read_unlock();
	return status;
}

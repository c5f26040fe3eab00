// SPDX-License-Identifier: GPL-2.0
/*
 * cprng, system properties and startup handles: the calls Zircon serves
 * from its vDSO or with no object behind them.
 */
#include <linux/cache.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include <zircon/features.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

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
#ifdef CONFIG_X86
	/* Debug registers DR0-DR3 serve breakpoints and watchpoints. */
	p->features[ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT] = 4;
	p->features[ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT] = 4;
	p->features_valid = BIT(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT) |
			    BIT(ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT);
#endif
#ifdef CONFIG_ARM64
	/* Linux enables top-byte-ignore for every user address space. */
	p->features[ZX_FEATURE_KIND_ADDRESS_TAGGING] =
		ZX_ARM64_FEATURE_ADDRESS_TAGGING_TBI;
	p->features_valid = BIT(ZX_FEATURE_KIND_ADDRESS_TAGGING);
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

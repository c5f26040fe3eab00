// SPDX-License-Identifier: GPL-2.0
/*
 * System events (zx_system_get_event): five events, one per memory
 * pressure level, exactly one of which is signaled at a time.
 *
 * The level follows the share of memory Linux counts as available
 * (si_mem_available(), MemAvailable in /proc/meminfo), sampled every
 * ZX_SYSEV_PERIOD_MS once anybody asked for an event (until then nothing
 * runs): WARNING below 10 %, CRITICAL below 5 %, IMMINENT_OUT_OF_MEMORY
 * below 2 %.  When Linux runs its OOM killer (an OOM notifier) the level
 * is OUT_OF_MEMORY, and stays so for ZX_SYSEV_OOM_HOLD_MS so that a waiter
 * sees it.  Changing level clears the old event before it signals the new
 * one, so a waiter may briefly see none signaled, never two.
 */
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_SYSEV_PERIOD_MS	500
#define ZX_SYSEV_OOM_HOLD_MS	10000
#define ZX_SYSEV_KINDS		(ZX_SYSTEM_EVENT_IMMINENT_OUT_OF_MEMORY + 1)

static void zx_system_event_destroy(struct zx_object *obj)
{
	kfree(obj);
}

/* Kernel-owned events: waitable, never signaled by user space. */
static const struct zx_object_type zx_system_event_type = {
	.obj_type = ZX_OBJ_TYPE_EVENT,
	.default_rights = ZX_DEFAULT_SYSTEM_EVENT_LOW_MEMORY_RIGHTS,
	.permanent = true,
	.destroy = zx_system_event_destroy,
};

/* Indexed by kind; [0] is unused. */
static struct zx_object *zx_sysev[ZX_SYSEV_KINDS];
static DEFINE_SPINLOCK(zx_sysev_lock);
static u32 zx_sysev_level;		/* under zx_sysev_lock */
static unsigned long zx_sysev_oom_until;	/* jiffies; under the lock */
static atomic_t zx_sysev_started = ATOMIC_INIT(0);	/* sampling */
static struct delayed_work zx_sysev_work;

static void zx_sysev_set_level(u32 kind)
{
	lockdep_assert_held(&zx_sysev_lock);
	if (kind == zx_sysev_level)
		return;
	zx_object_update_signals(zx_sysev[zx_sysev_level], ZX_EVENT_SIGNALED,
				 0);
	zx_object_update_signals(zx_sysev[kind], 0, ZX_EVENT_SIGNALED);
	zx_sysev_level = kind;
}

/* The pressure level of @avail pages out of @total. */
static u32 zx_sysev_level_of(unsigned long avail, unsigned long total)
{
	if (avail * 50 < total)
		return ZX_SYSTEM_EVENT_IMMINENT_OUT_OF_MEMORY;
	if (avail * 20 < total)
		return ZX_SYSTEM_EVENT_MEMORY_PRESSURE_CRITICAL;
	if (avail * 10 < total)
		return ZX_SYSTEM_EVENT_MEMORY_PRESSURE_WARNING;
	return ZX_SYSTEM_EVENT_MEMORY_PRESSURE_NORMAL;
}

static void zx_sysev_sample(struct work_struct *work)
{
	u32 level = zx_sysev_level_of(si_mem_available(), totalram_pages());

	spin_lock(&zx_sysev_lock);
	if (!time_before(jiffies, zx_sysev_oom_until))
		zx_sysev_set_level(level);
	spin_unlock(&zx_sysev_lock);
	schedule_delayed_work(&zx_sysev_work,
			      msecs_to_jiffies(ZX_SYSEV_PERIOD_MS));
}

static int zx_sysev_on_oom(struct notifier_block *nb, unsigned long unused,
			   void *freed)
{
	spin_lock(&zx_sysev_lock);
	zx_sysev_oom_until = jiffies + msecs_to_jiffies(ZX_SYSEV_OOM_HOLD_MS);
	zx_sysev_set_level(ZX_SYSTEM_EVENT_OUT_OF_MEMORY);
	spin_unlock(&zx_sysev_lock);
	return NOTIFY_OK;
}

static struct notifier_block zx_sysev_oom_nb = {
	.notifier_call = zx_sysev_on_oom,
};

zx_status_t zx_sys_system_get_event(struct zx_process *proc, void *argp)
{
	struct zx_system_get_event_args *args = argp;
	struct zx_handle *h;
	zx_status_t status;

	status = zx_root_job_check(proc, args->root_job,
				   args->kind == ZX_SYSTEM_EVENT_OUT_OF_MEMORY ?
				   ZX_RIGHT_MANAGE_PROCESS : 0);
	if (status != ZX_OK)
		return status;
	if (!args->kind || args->kind >= ZX_SYSEV_KINDS)
		return ZX_ERR_INVALID_ARGS;
	if (!atomic_xchg(&zx_sysev_started, 1))
		zx_sysev_sample(&zx_sysev_work.work);
	h = zx_handle_create(zx_sysev[args->kind],
			     ZX_DEFAULT_SYSTEM_EVENT_LOW_MEMORY_RIGHTS);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, args->out);
}

int zx_system_events_init(void)
{
	u32 kind;

	for (kind = 1; kind < ZX_SYSEV_KINDS; kind++) {
		zx_sysev[kind] = kzalloc(sizeof(struct zx_object), GFP_KERNEL);
		if (!zx_sysev[kind])
			goto err;
		zx_object_init(zx_sysev[kind], &zx_system_event_type);
	}
	/* Healthy until a sample says otherwise. */
	zx_sysev_level = ZX_SYSTEM_EVENT_MEMORY_PRESSURE_NORMAL;
	zx_object_update_signals(zx_sysev[zx_sysev_level], 0,
				 ZX_EVENT_SIGNALED);
	INIT_DELAYED_WORK(&zx_sysev_work, zx_sysev_sample);
	register_oom_notifier(&zx_sysev_oom_nb);
	return 0;

err:
	while (--kind)
		zx_object_put(zx_sysev[kind]);
	return -ENOMEM;
}

void zx_system_events_exit(void)
{
	u32 kind;

	unregister_oom_notifier(&zx_sysev_oom_nb);
	/* Also stops a sampler that re-arms itself. */
	cancel_delayed_work_sync(&zx_sysev_work);
	for (kind = 1; kind < ZX_SYSEV_KINDS; kind++)
		zx_object_put(zx_sysev[kind]);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduler profiles (zx_profile_create, zx_object_set_profile), applied
 * to the Linux task behind a thread object:
 *
 *  - a priority becomes a nice value: 16 (ZX_PRIORITY_DEFAULT) is nice 0,
 *    each step up or down a little over one nice level (31 is -19, 0 is
 *    19), under SCHED_NORMAL;
 *  - a deadline becomes SCHED_DEADLINE with the same runtime, deadline and
 *    period (Linux's admission control may refuse it: NO_RESOURCES);
 *  - a CPU mask narrows the task's affinity: cpusets are invisible to
 *    modules, so a mask may not add CPUs the task may not use now.
 *
 * Linux's rules hold on top of Zircon's rights: raising a priority (a lower
 * nice value than the task has) or a deadline needs CAP_SYS_NICE, as
 * setpriority() and sched_setattr() do.  A memory priority applies to a
 * VMAR, where it asks that its pages not be reclaimed: VMO pages are never
 * reclaimed here, so that is already so.
 */
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/prio.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/sched/types.h>

#include <zircon/syscalls/profile.h>

#include "zircon.h"
#include "syscalls.h"
#include "../zx_ddk/ddk.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_PROFILE_FLAGS (ZX_PROFILE_INFO_FLAG_PRIORITY | \
			  ZX_PROFILE_INFO_FLAG_CPU_MASK | \
			  ZX_PROFILE_INFO_FLAG_DEADLINE | \
			  ZX_PROFILE_INFO_FLAG_NO_INHERIT | \
			  ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY)

struct zx_profile {
	struct zx_object base;
	zx_profile_info_t info;		/* validated; never changes */
};

static void zx_profile_destroy(struct zx_object *obj)
{
	kfree(container_of(obj, struct zx_profile, base));
}

static const struct zx_object_type zx_profile_type = {
	.obj_type = ZX_OBJ_TYPE_PROFILE,
	.default_rights = ZX_DEFAULT_PROFILE_RIGHTS,
	.destroy = zx_profile_destroy,
};

static bool zx_profile_info_valid(const zx_profile_info_t *p)
{
	u32 f = p->flags;
	const zx_sched_deadline_params_t *d = &p->deadline_params;

	if (f & ~ZX_PROFILE_FLAGS)
		return false;
	if (!(f & (ZX_PROFILE_INFO_FLAG_PRIORITY | ZX_PROFILE_INFO_FLAG_DEADLINE |
		   ZX_PROFILE_INFO_FLAG_CPU_MASK |
		   ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY)))
		return false;
	if ((f & ZX_PROFILE_INFO_FLAG_PRIORITY) &&
	    (f & ZX_PROFILE_INFO_FLAG_DEADLINE))
		return false;
	if ((f & ZX_PROFILE_INFO_FLAG_DEADLINE) &&
	    (f & ZX_PROFILE_INFO_FLAG_NO_INHERIT))
		return false;
	if ((f & ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY) &&
	    (f & (ZX_PROFILE_INFO_FLAG_PRIORITY |
		  ZX_PROFILE_INFO_FLAG_DEADLINE)))
		return false;
	if ((f & (ZX_PROFILE_INFO_FLAG_PRIORITY |
		  ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY)) &&
	    (p->priority < ZX_PRIORITY_LOWEST ||
	     p->priority > ZX_PRIORITY_HIGHEST))
		return false;
	if ((f & ZX_PROFILE_INFO_FLAG_DEADLINE) &&
	    (d->capacity <= 0 || d->capacity > d->relative_deadline ||
	     d->relative_deadline > d->period))
		return false;
	return true;
}

/*
 * What grants profile_create: the system resource for profiles, as current
 * Fuchsia passes, or the root job with MANAGE_PROCESS, as its older ABI
 * did.  Anything else is the wrong type.
 */
static zx_status_t zx_profile_check_authority(struct zx_process *proc,
					      zx_handle_t handle)
{
	struct zx_object *obj;
	zx_obj_type_t type;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_NONE, 0, &obj,
				  NULL);
	if (status != ZX_OK)
		return status;
	type = obj->type->obj_type;
	zx_object_put(obj);
	switch (type) {
	case ZX_OBJ_TYPE_RESOURCE:
		return zx_resource_check(proc, handle, ZX_RSRC_KIND_SYSTEM,
					 ZX_RSRC_SYSTEM_PROFILE_BASE, 1);
	case ZX_OBJ_TYPE_JOB:
		return zx_root_job_check(proc, handle,
					 ZX_RIGHT_MANAGE_PROCESS);
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

zx_status_t zx_sys_profile_create(struct zx_process *proc, void *argp)
{
	struct zx_profile_create_args *args = argp;
	struct zx_profile *profile;
	zx_status_t status;

	status = zx_profile_check_authority(proc, args->root_job);
	if (status != ZX_OK)
		return status;
	if (args->options)
		return ZX_ERR_INVALID_ARGS;
	profile = kzalloc(sizeof(*profile), GFP_KERNEL_ACCOUNT);
	if (!profile)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&profile->base, &zx_profile_type);
	if (copy_from_user(&profile->info, zx_uptr(args->profile),
			   sizeof(profile->info)))
		status = ZX_ERR_INVALID_ARGS;
	else if (!zx_profile_info_valid(&profile->info))
		status = ZX_ERR_INVALID_ARGS;
	else
		status = zx_create_handle_user(proc, &profile->base, args->out);
	zx_object_put(&profile->base);
	return status;
}

/* Zircon's 0..31 around 16 onto Linux's nice 19..-19 around 0. */
static int zx_profile_nice(s32 priority)
{
	return clamp(DIV_ROUND_CLOSEST((ZX_PRIORITY_DEFAULT - priority) * 5, 4),
		     MIN_NICE + 1, MAX_NICE);
}

static zx_status_t zx_profile_set_cpus(struct task_struct *task,
				       const zx_cpu_set_t *set)
{
	cpumask_var_t mask;
	zx_status_t status = ZX_OK;
	unsigned int cpu;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return ZX_ERR_NO_MEMORY;
	for (cpu = 0; cpu < nr_cpu_ids && cpu < ZX_CPU_SET_MAX_CPUS; cpu++)
		if (set->mask[cpu / 64] & BIT_ULL(cpu % 64))
			cpumask_set_cpu(cpu, mask);
	if (!cpumask_subset(mask, task->cpus_ptr))
		status = ZX_ERR_ACCESS_DENIED;
	else if (set_cpus_allowed_ptr(task, mask))
		status = ZX_ERR_INVALID_ARGS;	/* no usable CPU in it */
	free_cpumask_var(mask);
	return status;
}

static zx_status_t zx_profile_apply(struct task_struct *task,
				    const zx_profile_info_t *p)
{
	struct sched_attr attr = { .size = sizeof(attr) };
	zx_status_t status = ZX_OK;
	int nice = 0;

	if (p->flags & ZX_PROFILE_INFO_FLAG_PRIORITY) {
		nice = zx_profile_nice(p->priority);
		if (nice < task_nice(task) && !capable(CAP_SYS_NICE))
			return ZX_ERR_ACCESS_DENIED;
	}
	if ((p->flags & ZX_PROFILE_INFO_FLAG_DEADLINE) &&
	    !capable(CAP_SYS_NICE))
		return ZX_ERR_ACCESS_DENIED;
	if (p->flags & ZX_PROFILE_INFO_FLAG_CPU_MASK)
		status = zx_profile_set_cpus(task, &p->cpu_affinity_mask);
	if (status == ZX_OK && (p->flags & ZX_PROFILE_INFO_FLAG_PRIORITY))
		sched_set_normal(task, nice);
	if (status == ZX_OK && (p->flags & ZX_PROFILE_INFO_FLAG_DEADLINE)) {
		attr.sched_policy = SCHED_DEADLINE;
		attr.sched_runtime = p->deadline_params.capacity;
		attr.sched_deadline = p->deadline_params.relative_deadline;
		attr.sched_period = p->deadline_params.period;
		if (sched_setattr_nocheck(task, &attr))
			status = ZX_ERR_NO_RESOURCES;
	}
	return status;
}

zx_status_t zx_sys_object_set_profile(struct zx_process *proc, void *argp)
{
	struct zx_object_set_profile_args *args = argp;
	struct zx_object *target, *obj;
	struct zx_profile *profile;
	struct task_struct *task;
	zx_rights_t rights;
	zx_status_t status;
	u32 flags;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE, 0,
				  &target, &rights);
	if (status != ZX_OK)
		return status;
	if (target->type->obj_type != ZX_OBJ_TYPE_THREAD &&
	    target->type->obj_type != ZX_OBJ_TYPE_VMAR)
		status = ZX_ERR_WRONG_TYPE;
	else if (target->type->obj_type == ZX_OBJ_TYPE_THREAD &&
		 !(rights & ZX_RIGHT_MANAGE_THREAD))
		status = ZX_ERR_ACCESS_DENIED;
	if (status != ZX_OK)
		goto out_target;
	status = zx_handle_lookup(proc, args->profile, ZX_OBJ_TYPE_PROFILE,
				  ZX_RIGHT_APPLY_PROFILE, &obj, NULL);
	if (status != ZX_OK)
		goto out_target;
	profile = container_of(obj, struct zx_profile, base);
	flags = profile->info.flags;
	if (target->type->obj_type == ZX_OBJ_TYPE_VMAR) {
		/* Only a memory priority means anything to a VMAR. */
		if (!(flags & ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY))
			status = ZX_ERR_BAD_STATE;
		goto out_profile;
	}
	if (!(flags & (ZX_PROFILE_INFO_FLAG_PRIORITY |
		       ZX_PROFILE_INFO_FLAG_DEADLINE |
		       ZX_PROFILE_INFO_FLAG_CPU_MASK))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_profile;
	}
	task = zx_thread_task_lock(container_of(target, struct zx_thread,
					       base));
	if (!task) {
		status = ZX_ERR_BAD_STATE;	/* dying, dead or exec'd */
		goto out_profile;
	}
	status = zx_profile_apply(task, &profile->info);
	zx_thread_task_unlock(task);
out_profile:
	zx_object_put(obj);
out_target:
	zx_object_put(target);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Jobs.  The root job is made with the module.  It is the system's: the
 * calls that take "the root job" (system events, profiles) need it, and it
 * can be renamed and signaled.  So only a process whose creator holds
 * CAP_SYS_ADMIN receives it as its default job; any other process receives
 * a job of its own, a child of the root job that nobody else holds unless
 * the process hands it over.  No object is shared between Linux users
 * unless one of them hands it to the other.
 */
#include <linux/capability.h>
#include <linux/slab.h>

#include "zircon.h"

struct zx_object *zx_root_job;

static zx_status_t zx_job_no_children(void *ctx, void *kbuf, size_t skip,
				      size_t max, size_t *written,
				      size_t *avail)
{
	*written = 0;
	*avail = 0;
	return ZX_OK;
}

static zx_status_t zx_job_get_info(struct zx_object *obj,
				   struct zx_info_request *req)
{
	zx_info_job_t info = {};

	switch (req->topic) {
	case ZX_INFO_JOB:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		return zx_info_write_single(req, &info, sizeof(info));
	case ZX_INFO_JOB_CHILDREN:
		/* The root job is the only job: it has no children. */
		if (!(req->rights & ZX_RIGHT_ENUMERATE))
			return ZX_ERR_ACCESS_DENIED;
		return zx_info_write_multi(req, sizeof(zx_koid_t),
					   zx_job_no_children, NULL);
	case ZX_INFO_JOB_PROCESSES:
		/*
		 * Its processes are every Zircon process on the system,
		 * other users' too: not listed.
		 */
		return ZX_ERR_NOT_SUPPORTED;
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

static void zx_job_destroy(struct zx_object *obj)
{
	kfree(obj);
}

static const struct zx_object_type zx_root_job_type = {
	.obj_type = ZX_OBJ_TYPE_JOB,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_JOB_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.permanent = true,
	.destroy = zx_job_destroy,
	.get_info = zx_job_get_info,
};

static const struct zx_object_type zx_process_job_type = {
	.obj_type = ZX_OBJ_TYPE_JOB,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_JOB_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_job_destroy,
	.get_info = zx_job_get_info,
};

/*
 * The job of a new process, referenced: the root job if the calling task
 * holds CAP_SYS_ADMIN, else a new child of it.  NULL without memory.
 */
struct zx_object *zx_job_for_new_process(void)
{
	struct zx_object *job;

	if (capable(CAP_SYS_ADMIN)) {
		zx_object_get(zx_root_job);
		return zx_root_job;
	}
	job = kzalloc(sizeof(*job), GFP_KERNEL_ACCOUNT);
	if (!job)
		return NULL;
	zx_object_init(job, &zx_process_job_type);
	job->related_koid = zx_root_job->koid;
	return job;
}

/*
 * For the calls that take "the root job of the system": @handle must name
 * it with @rights (a process's own job: ZX_ERR_ACCESS_DENIED).
 */
zx_status_t zx_root_job_check(struct zx_process *proc, zx_handle_t handle,
			      zx_rights_t rights)
{
	struct zx_object *job;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_JOB, rights, &job,
				  NULL);
	if (status != ZX_OK)
		return status;
	if (job != zx_root_job)
		status = ZX_ERR_ACCESS_DENIED;
	zx_object_put(job);
	return status;
}

int zx_job_init(void)
{
	zx_root_job = kzalloc(sizeof(*zx_root_job), GFP_KERNEL);
	if (!zx_root_job)
		return -ENOMEM;
	zx_object_init(zx_root_job, &zx_root_job_type);
	strscpy(zx_root_job->name, "root", sizeof(zx_root_job->name));
	return 0;
}

void zx_job_exit(void)
{
	zx_object_put(zx_root_job);
}

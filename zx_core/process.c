// SPDX-License-Identifier: GPL-2.0
/*
 * Process objects: the Zircon view of a Linux process.
 *
 * A process context is bound to the address space (mm), not to the open
 * file: a child made by fork() has a new mm and therefore no handles, and
 * exec() or exit releases the old mm, which closes every handle.  The binding
 * is an mmu_notifier whose release() callback is the exit hook; while a
 * thread runs an ioctl it is a user of its mm, so the context it finds cannot
 * be torn down underneath it.
 *
 * Each context pins the module (released when its notifier is freed), so
 * zircon.ko cannot go away while a process that used it still lives, and
 * so does every object (see zircon.h).
 */
#include <linux/capability.h>
#include <linux/hashtable.h>
#include <linux/mmap_lock.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include <zircon/processargs.h>

#include "zircon.h"
#include "../zx_ddk/ddk.h"

static DEFINE_SPINLOCK(zx_processes_lock);
static DEFINE_HASHTABLE(zx_processes, 6);
static atomic_long_t zx_processes_alive = ATOMIC_LONG_INIT(0);
/* Runs the notifier puts that release() may not do itself. */
static struct workqueue_struct *zx_process_wq;

static zx_status_t zx_process_get_info(struct zx_object *obj,
				       struct zx_info_request *req);

static void zx_process_destroy(struct zx_object *obj)
{
	struct zx_process *proc = container_of(obj, struct zx_process, base);

	/* Thread objects hold the process: none is left. */
	WARN_ON_ONCE(!xa_empty(&proc->threads));
	xa_destroy(&proc->threads);
	put_pid(proc->tgid);
	mmdrop(proc->mm);
	zx_object_put(proc->job);
	atomic_long_dec(&zx_processes_alive);
	kfree_rcu(proc, rcu);
}

static const struct zx_object_type zx_process_type = {
	.obj_type = ZX_OBJ_TYPE_PROCESS,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_PROCESS_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_process_destroy,
	.get_info = zx_process_get_info,
};

/* The root VMAR, referenced, while the address space lives; else NULL. */
static struct zx_object *zx_process_root_vmar(struct zx_process *proc)
{
	struct zx_object *root;
	unsigned long flags;

	spin_lock_irqsave(proc->base.lock, flags);
	root = proc->root_vmar;
	if (root)
		zx_object_get(root);
	spin_unlock_irqrestore(proc->base.lock, flags);
	return root;
}

static void zx_process_drop_root_vmar(struct zx_process *proc)
{
	struct zx_object *root;
	unsigned long flags;

	spin_lock_irqsave(proc->base.lock, flags);
	root = proc->root_vmar;
	proc->root_vmar = NULL;
	spin_unlock_irqrestore(proc->base.lock, flags);
	if (root)
		zx_object_put(root);
}

/* What a PROCESS_MAPS or PROCESS_VMOS walk needs between chunks. */
struct zx_process_walk {
	struct zx_process *proc;
	struct zx_object *root;		/* referenced (MAPS) */
	size_t size;			/* of one record */
	char name[ZX_MAX_NAME_LEN];
};

static zx_status_t zx_process_maps_fill(void *ctx, void *kbuf, size_t skip,
					size_t max, size_t *written,
					size_t *avail)
{
	struct zx_process_walk *w = ctx;

	return zx_vmar_maps_fill(w->root, w->name, kbuf, w->size, skip, max,
				 written, avail);
}

/* VMOs the process holds handles to (in table order), then mappings. */
static zx_status_t zx_process_vmos_fill(void *ctx, void *kbuf, size_t skip,
					size_t max, size_t *written,
					size_t *avail)
{
	struct zx_process_walk *w = ctx;
	struct zx_handle_ref *refs = NULL;
	size_t handles, got, i, mapped = 0, mapped_avail;
	zx_info_vmo_t info;
	zx_status_t status;

	if (max) {
		refs = kmalloc_array(max, sizeof(*refs), GFP_KERNEL);
		if (!refs)
			return ZX_ERR_NO_MEMORY;
	}
	handles = zx_handles_collect(&w->proc->handles, ZX_OBJ_TYPE_VMO, skip,
				     max, refs, &got);
	for (i = 0; i < got; i++) {
		zx_vmo_fill_info(refs[i].obj, refs[i].rights,
				 ZX_INFO_VMO_VIA_HANDLE, &info);
		memcpy(kbuf + i * w->size, &info, w->size);
		zx_object_put(refs[i].obj);
	}
	kfree(refs);
	status = zx_vmar_vmos_fill(w->proc->mm, kbuf + got * w->size, w->size,
				   skip > handles ? skip - handles : 0,
				   max - got, &mapped, &mapped_avail);
	if (status != ZX_OK)
		return status;
	*written = got + mapped;
	*avail = handles + mapped_avail;
	return ZX_OK;
}

/*
 * The thread group that runs on @proc's address space, referenced; NULL
 * once it exited or exec'd.  Any thread will do: the leader may have
 * exited before the others.
 */
static struct task_struct *zx_process_task(struct zx_process *proc)
{
	struct task_struct *leader, *t, *found = NULL;

	rcu_read_lock();
	leader = pid_task(proc->tgid, PIDTYPE_TGID);
	if (leader) {
		for_each_thread(leader, t) {
			if (READ_ONCE(t->mm) == proc->mm) {
				found = t;
				get_task_struct(found);
				break;
			}
		}
	}
	rcu_read_unlock();
	return found;
}

/* CPU and queue time of every thread, the exited ones included. */
static void zx_process_runtime(struct zx_process *proc,
			       zx_info_task_runtime_t *rt)
{
	struct task_struct *task = zx_process_task(proc), *t;

	if (!task)
		return;
	rcu_read_lock();
	rt->cpu_time = READ_ONCE(task->signal->sum_sched_runtime);
	for_each_thread(task, t) {
		rt->cpu_time += READ_ONCE(t->se.sum_exec_runtime);
		rt->queue_time += zx_task_queue_time(t);
	}
	rcu_read_unlock();
	put_task_struct(task);
}

/* Memory of the address space, from Linux's counters. */
static zx_status_t zx_process_mem_stats(struct zx_process *proc,
					zx_info_task_stats_t *st)
{
	struct mm_struct *mm = proc->mm;

	if (!mmget_not_zero(mm))
		return ZX_ERR_BAD_STATE;
	st->mem_mapped_bytes = READ_ONCE(mm->total_vm) << PAGE_SHIFT;
	st->mem_private_bytes = get_mm_counter(mm, MM_ANONPAGES) << PAGE_SHIFT;
	st->mem_shared_bytes = (get_mm_counter(mm, MM_FILEPAGES) +
				get_mm_counter(mm, MM_SHMEMPAGES)) << PAGE_SHIFT;
	/* Linux keeps no proportional count cheaply: shared counts whole. */
	st->mem_scaled_shared_bytes = st->mem_shared_bytes;
	mmput(mm);
	return ZX_OK;
}

/* ZX_INFO_HANDLE_TABLE records, a chunk at a time. */
static zx_status_t zx_process_handles_fill(void *ctx, void *kbuf,
					   size_t skip, size_t max,
					   size_t *written, size_t *avail)
{
	struct zx_process *proc = ctx;

	*avail = zx_handles_describe(&proc->handles, skip, max, kbuf,
				     written);
	return ZX_OK;
}

static zx_status_t zx_process_get_info(struct zx_object *obj,
				       struct zx_info_request *req)
{
	struct zx_process *proc = container_of(obj, struct zx_process, base);
	struct zx_process_walk walk = { .proc = proc };
	zx_info_task_runtime_t runtime = {};
	zx_info_task_stats_t stats = {};
	zx_info_process_t info = {};
	unsigned long flags;
	zx_status_t status;

	switch (req->topic) {
	case ZX_INFO_PROCESS:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		info.start_time = proc->start_time;
		info.flags = ZX_INFO_PROCESS_FLAG_STARTED;
		spin_lock_irqsave(obj->lock, flags);
		if (obj->signals & ZX_PROCESS_TERMINATED) {
			info.flags |= ZX_INFO_PROCESS_FLAG_EXITED;
			/* Linux keeps an exit status from us: only kills show. */
			if (proc->killed)
				info.return_code = ZX_TASK_RETCODE_SYSCALL_KILL;
		}
		spin_unlock_irqrestore(obj->lock, flags);
		return zx_info_write_single(req, &info, sizeof(info));
	case ZX_INFO_PROCESS_HANDLE_STATS: {
		zx_info_process_handle_stats_t hs = {};

		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		zx_handles_count_types(&proc->handles, hs.handle_count,
				       ARRAY_SIZE(hs.handle_count));
		return zx_info_write_single(req, &hs, sizeof(hs));
	}
	case ZX_INFO_HANDLE_TABLE:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		return zx_info_write_multi(req,
					   sizeof(zx_info_handle_extended_t),
					   zx_process_handles_fill, proc);
	case ZX_INFO_PROCESS_THREADS:
		/*
		 * Thread objects exist only for threads somebody asked
		 * about, so a list of them would miss threads.
		 */
		return ZX_ERR_NOT_SUPPORTED;
	case ZX_INFO_TASK_RUNTIME_V1:
	case ZX_INFO_TASK_RUNTIME:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		zx_process_runtime(proc, &runtime);
		return zx_info_write_single(req, &runtime,
					    req->topic == ZX_INFO_TASK_RUNTIME ?
					    sizeof(runtime) :
					    sizeof(zx_info_task_runtime_v1_t));
	case ZX_INFO_TASK_STATS:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		status = zx_process_mem_stats(proc, &stats);
		if (status != ZX_OK)
			return status;
		return zx_info_write_single(req, &stats, sizeof(stats));
	case ZX_INFO_PROCESS_MAPS_V1:
	case ZX_INFO_PROCESS_MAPS:
		walk.size = req->topic == ZX_INFO_PROCESS_MAPS ?
			    sizeof(zx_info_maps_t) : sizeof(zx_info_maps_v1_t);
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		walk.root = zx_process_root_vmar(proc);
		if (!walk.root)
			return ZX_ERR_BAD_STATE;
		spin_lock_irqsave(obj->lock, flags);
		memcpy(walk.name, obj->name, sizeof(walk.name));
		spin_unlock_irqrestore(obj->lock, flags);
		status = zx_info_write_multi(req, walk.size,
					     zx_process_maps_fill, &walk);
		zx_object_put(walk.root);
		return status;
	case ZX_INFO_PROCESS_VMOS_V1:
	case ZX_INFO_PROCESS_VMOS_V2:
	case ZX_INFO_PROCESS_VMOS:
		walk.size = req->topic == ZX_INFO_PROCESS_VMOS ?
			    sizeof(zx_info_vmo_t) :
			    req->topic == ZX_INFO_PROCESS_VMOS_V2 ?
			    sizeof(zx_info_vmo_v2_t) :
			    sizeof(zx_info_vmo_v1_t);
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		if (zx_object_signals(obj) & ZX_PROCESS_TERMINATED)
			return ZX_ERR_BAD_STATE;
		return zx_info_write_multi(req, walk.size,
					   zx_process_vmos_fill, &walk);
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

/* Startup handles nobody took; they may hold the process itself. */
static void zx_process_drop_startup_handles(struct zx_process *proc)
{
	int i;

	for (i = 0; i < ZX_STARTUP_HANDLES_MAX; i++) {
		struct zx_handle *h = xchg(&proc->startup[i].handle, NULL);

		if (h)
			zx_handle_destroy(h);
	}
}

static void zx_process_put_notifier(struct work_struct *work)
{
	struct zx_process *proc = container_of(work, struct zx_process,
					       put_work);

	mmu_notifier_put(&proc->notifier);
}

static void zx_process_free_notifier(struct mmu_notifier *mn);

static struct mmu_notifier *zx_process_alloc_notifier(struct mm_struct *mm)
{
	char comm[TASK_COMM_LEN];
	struct zx_startup_handle *su;
	struct zx_object *vmar;
	struct zx_process *proc;
	int i;

	proc = kzalloc(sizeof(*proc), GFP_KERNEL_ACCOUNT);
	if (!proc)
		return ERR_PTR(-ENOMEM);
	proc->job = zx_job_for_new_process();
	if (!proc->job) {
		kfree(proc);
		return ERR_PTR(-ENOMEM);
	}
	zx_object_init(&proc->base, &zx_process_type);
	proc->base.related_koid = proc->job->koid;
	get_task_comm(comm, current);
	strscpy(proc->base.name, comm, sizeof(proc->base.name));
	zx_handle_table_init(&proc->handles);
	xa_init(&proc->threads);
	mmgrab(mm);
	proc->mm = mm;
	/* The context is made on the first call, by a task of @mm. */
	proc->tgid = get_task_pid(current, PIDTYPE_TGID);
	proc->start_time = ktime_get();
	INIT_WORK(&proc->put_work, zx_process_put_notifier);
	atomic_long_inc(&zx_processes_alive);

	su = proc->startup;
	su[0].info = PA_HND(PA_PROC_SELF, 0);
	su[0].handle = zx_handle_create(&proc->base, ZX_DEFAULT_PROCESS_RIGHTS);
	su[1].info = PA_HND(PA_JOB_DEFAULT, 0);
	su[1].handle = zx_handle_create(proc->job, ZX_DEFAULT_JOB_RIGHTS);
	vmar = zx_vmar_create_root(mm);
	if (vmar) {
		su[2].info = PA_HND(PA_VMAR_ROOT, 0);
		su[2].handle = zx_handle_create(vmar, vmar->type->default_rights);
		/* The creation reference is the process's. */
		proc->root_vmar = vmar;
	}
	for (i = 0; i < 3; i++) {
		if (!su[i].handle)
			goto err;
	}
	__module_get(THIS_MODULE);
	return &proc->notifier;

err:
	__module_get(THIS_MODULE);
	zx_process_free_notifier(&proc->notifier);
	return ERR_PTR(-ENOMEM);
}

static void zx_process_free(struct zx_process *proc)
{
	zx_process_drop_startup_handles(proc);
	zx_process_drop_root_vmar(proc);
	zx_object_put(&proc->base);
	module_put(THIS_MODULE);
}

static void zx_process_free_work(struct work_struct *work)
{
	/* zx_processes_exit() flushes this work before the module goes. */
	zx_process_free(container_of(work, struct zx_process, free_work));
}

/*
 * After mmu_notifier_put(), from an SRCU callback: release() already
 * dropped the startup handles, so this only frees.  A context that was
 * never attached (registering failed, e.g. on a pending signal, or its
 * creation did) is freed here under mmap_lock with its startup handles
 * still in it, and dropping them may take locks ordered before mmap_lock
 * (a root VMAR takes its space's lock): that runs from the workqueue.
 */
static void zx_process_free_notifier(struct mmu_notifier *mn)
{
	struct zx_process *proc = container_of(mn, struct zx_process,
					       notifier);

	if (proc->attached) {
		zx_process_free(proc);
		return;
	}
	INIT_WORK(&proc->free_work, zx_process_free_work);
	queue_work(zx_process_wq, &proc->free_work);
}

/*
 * task_kill: SIGKILL to the Linux process while it still runs on this
 * address space.  After exec() or exit the Zircon process is already dead
 * (and the pid may be an unrelated image): nothing to do.  Killing itself,
 * the caller dies on its way back to user space.
 */
zx_status_t zx_process_kill(struct zx_process *proc)
{
	struct task_struct *task = zx_process_task(proc);
	unsigned long flags;

	if (!task)
		return ZX_OK;
	spin_lock_irqsave(proc->base.lock, flags);
	if (!(proc->base.signals & ZX_PROCESS_TERMINATED))
		proc->killed = true;
	spin_unlock_irqrestore(proc->base.lock, flags);
	kill_pid(proc->tgid, SIGKILL, 1);
	put_task_struct(task);
	return ZX_OK;
}

/* The address space is going away: the process has exited or exec'd. */
static void zx_process_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct zx_process *proc = container_of(mn, struct zx_process,
					       notifier);

	spin_lock(&zx_processes_lock);
	hash_del_rcu(&proc->hash_node);
	spin_unlock(&zx_processes_lock);

	zx_process_drop_startup_handles(proc);
	zx_handle_table_close_all(&proc->handles);
	zx_process_drop_root_vmar(proc);
	/* Its calls in progress held ends the collector had to pass over. */
	zx_channel_gc_kick();
	zx_object_update_signals(&proc->base, 0, ZX_PROCESS_TERMINATED);
	/* Dropping the notifier from inside its own callback is not allowed. */
	queue_work(zx_process_wq, &proc->put_work);
}

static const struct mmu_notifier_ops zx_process_notifier_ops = {
	.release = zx_process_release,
	.alloc_notifier = zx_process_alloc_notifier,
	.free_notifier = zx_process_free_notifier,
};

static struct zx_process *zx_process_find(struct mm_struct *mm)
{
	struct zx_process *proc, *found = NULL;

	rcu_read_lock();
	hash_for_each_possible_rcu(zx_processes, proc, hash_node,
				   (unsigned long)mm) {
		if (proc->mm == mm) {
			found = proc;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * The calling task's process context if it has one, unreferenced: valid
 * while the task's mm lives.  Never creates one.
 */
struct zx_process *zx_process_of_current_mm(void)
{
	return current->mm ? zx_process_find(current->mm) : NULL;
}

/*
 * The calling process's context, created on its first call.  Valid for the
 * rest of the ioctl without a reference: the caller keeps its mm alive.
 */
struct zx_process *zx_process_current(void)
{
	struct mm_struct *mm = current->mm;
	struct mmu_notifier *mn;
	struct zx_process *proc;

	if (!mm)
		return ERR_PTR(-EINVAL);
	proc = zx_process_find(mm);
	if (likely(proc))
		return proc;

	mmap_write_lock(mm);
	mn = mmu_notifier_get_locked(&zx_process_notifier_ops, mm);
	if (IS_ERR(mn)) {
		mmap_write_unlock(mm);
		return ERR_CAST(mn);
	}
	proc = container_of(mn, struct zx_process, notifier);
	if (proc->attached) {
		/* Another thread attached first; keep a single reference. */
		mmu_notifier_put(mn);
	} else {
		proc->attached = true;
		spin_lock(&zx_processes_lock);
		hash_add_rcu(zx_processes, &proc->hash_node, (unsigned long)mm);
		spin_unlock(&zx_processes_lock);
	}
	mmap_write_unlock(mm);
	return proc;
}

long zx_live_processes(void)
{
	return atomic_long_read(&zx_processes_alive);
}

int zx_processes_init(void)
{
	zx_process_wq = alloc_workqueue("zircon_process", 0, 0);
	return zx_process_wq ? 0 : -ENOMEM;
}

/* Module exit: wait for the last notifier callbacks to finish. */
void zx_processes_exit(void)
{
	mmu_notifier_synchronize();
	destroy_workqueue(zx_process_wq);
}

/*
 * The root resource goes, once per process, to one holding CAP_SYS_ADMIN
 * when it asks: the capability is the Linux side of Zircon's rule that
 * only the system's first process receives it.
 */
static struct zx_handle *zx_take_root_resource(struct zx_process *proc)
{
	if (!capable(CAP_SYS_ADMIN) ||
	    atomic_xchg(&proc->root_resource_taken, 1))
		return NULL;
	return zx_root_resource_handle();
}

zx_status_t zx_take_startup_handle(struct zx_process *proc, u32 info,
				   u64 uptr)
{
	struct zx_handle *h = NULL;
	int i;

	if (info == PA_HND(PA_RESOURCE, 0))
		h = zx_take_root_resource(proc);
	for (i = 0; i < ZX_STARTUP_HANDLES_MAX && !h; i++)
		if (proc->startup[i].info == info)
			h = xchg(&proc->startup[i].handle, NULL);
	if (!h) {
		if (put_user(ZX_HANDLE_INVALID,
			     (zx_handle_t __user *)zx_uptr(uptr)))
			return ZX_ERR_INVALID_ARGS;
		return ZX_OK;
	}
	return zx_handle_install_user(proc, h, uptr);
}

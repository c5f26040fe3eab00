// SPDX-License-Identifier: GPL-2.0
/*
 * Thread objects: the Zircon view of one Linux thread of a process.
 *
 * zxlinux does not create threads (Linux does), so a thread object only
 * names a task that already runs: zx_thread_self() asks for the caller's.
 * Nothing tells the module when a task exits, so the object does not try to
 * live exactly as long as its task.  Instead the process keeps a weak table
 * keyed by tid: the object lives while something refers to it (a handle,
 * which libzx closes when the thread exits, or futex ownership) and at the
 * latest until its process context goes, which closes every handle.  A
 * tid can be reused once its task is gone, so an entry is only taken for
 * the caller if it names the caller's struct pid, which the object keeps
 * referenced and so unique.  Whether the task still runs is asked of the
 * pid when it matters (futex ownership).
 */
#include <linux/cpumask.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include <zircon/syscalls/object.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

static void zx_thread_destroy(struct zx_object *obj)
{
	struct zx_thread *t = container_of(obj, struct zx_thread, base);

	/* A newer object for a reused tid may have taken the slot. */
	xa_cmpxchg(&t->proc->threads, t->tid, t, NULL, 0);
	put_pid(t->pid);
	zx_object_put(&t->proc->base);
	kfree(t);
}

/* Time @task spent waiting on a run queue, where Linux counts it. */
u64 zx_task_queue_time(struct task_struct *task)
{
#ifdef CONFIG_SCHED_INFO
	return READ_ONCE(task->sched_info.run_delay);
#else
	return 0;
#endif
}

/*
 * The thread's task under RCU, or NULL once it is gone or runs another
 * program (an exiting task has dropped its mm and is still reported).
 */
static struct task_struct *zx_thread_pid_task(struct zx_thread *t)
{
	struct task_struct *task = pid_task(t->pid, PIDTYPE_PID);

	if (task && !(READ_ONCE(task->flags) & PF_EXITING) &&
	    READ_ONCE(task->mm) != t->proc->mm)
		return NULL;
	return task;
}

/*
 * What Linux knows of the task: whether it runs, sleeps (on a futex, if
 * it waits on one of ours; other waits are only "blocked") or has exited.
 */
static void zx_thread_fill_info(struct zx_thread *t, zx_info_thread_t *info)
{
	struct task_struct *task;
	unsigned int cpu;

	rcu_read_lock();
	task = zx_thread_pid_task(t);
	if (!task)
		info->state = ZX_THREAD_STATE_DEAD;
	else if (READ_ONCE(task->flags) & PF_EXITING)
		info->state = ZX_THREAD_STATE_DYING;
	else if (task_is_running(task))
		info->state = ZX_THREAD_STATE_RUNNING;
	else if (READ_ONCE(t->waiting_on))
		info->state = ZX_THREAD_STATE_BLOCKED_FUTEX;
	else if (READ_ONCE(t->blocked_state))
		info->state = READ_ONCE(t->blocked_state);
	else
		info->state = ZX_THREAD_STATE_BLOCKED;
	if (task) {
		for_each_cpu(cpu, task->cpus_ptr) {
			if (cpu >= ZX_CPU_SET_MAX_CPUS)
				break;
			info->cpu_affinity_mask.mask[cpu / 64] |= BIT_ULL(cpu % 64);
		}
	}
	rcu_read_unlock();
}

/* Run time so far; ZX_ERR_BAD_STATE once the task is gone. */
static zx_status_t zx_thread_runtime(struct zx_thread *t, u64 *runtime,
				     u64 *queued, u32 *cpu)
{
	struct task_struct *task;

	rcu_read_lock();
	task = zx_thread_pid_task(t);
	if (task) {
		*runtime = READ_ONCE(task->se.sum_exec_runtime);
		*queued = zx_task_queue_time(task);
		*cpu = task_cpu(task);
	}
	rcu_read_unlock();
	return task ? ZX_OK : ZX_ERR_BAD_STATE;
}

static zx_status_t zx_thread_get_info(struct zx_object *obj,
				      struct zx_info_request *req)
{
	struct zx_thread *t = container_of(obj, struct zx_thread, base);
	zx_info_task_runtime_t runtime = {};
	zx_info_thread_stats_t stats = {};
	zx_info_thread_t info = {};
	zx_status_t status;
	u64 total, queued;
	u32 cpu;

	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	switch (req->topic) {
	case ZX_INFO_THREAD:
		zx_thread_fill_info(t, &info);
		return zx_info_write_single(req, &info, sizeof(info));
	case ZX_INFO_THREAD_STATS:
		status = zx_thread_runtime(t, &total, &queued, &cpu);
		if (status != ZX_OK)
			return status;
		stats.total_runtime = total;
		stats.last_scheduled_cpu = cpu;
		return zx_info_write_single(req, &stats, sizeof(stats));
	case ZX_INFO_TASK_RUNTIME_V1:
	case ZX_INFO_TASK_RUNTIME:
		/* A dead thread ran what it ran; Linux no longer says. */
		if (zx_thread_runtime(t, &total, &queued, &cpu) == ZX_OK) {
			runtime.cpu_time = total;
			runtime.queue_time = queued;
		}
		return zx_info_write_single(req, &runtime,
					    req->topic == ZX_INFO_TASK_RUNTIME ?
					    sizeof(runtime) :
					    sizeof(zx_info_task_runtime_v1_t));
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

static const struct zx_object_type zx_thread_type = {
	.obj_type = ZX_OBJ_TYPE_THREAD,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_THREAD_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_thread_destroy,
	.get_info = zx_thread_get_info,
};

/* The calling task's thread object, referenced, if it has one. */
static struct zx_thread *zx_thread_find_current(struct zx_process *proc)
{
	struct pid *pid = task_pid(current);
	struct zx_thread *t;

	xa_lock(&proc->threads);
	t = xa_load(&proc->threads, pid_nr(pid));
	/* Zero references: being destroyed (and replaced, if asked). */
	if (t && (t->pid != pid || !kref_get_unless_zero(&t->base.ref)))
		t = NULL;
	xa_unlock(&proc->threads);
	return t;
}

/* The calling task's thread object, referenced; made on first use. */
struct zx_thread *zx_thread_current(struct zx_process *proc)
{
	struct pid *pid = task_pid(current);
	unsigned long tid = pid_nr(pid);
	char comm[TASK_COMM_LEN];
	struct zx_thread *t;
	void *old;

	t = zx_thread_find_current(proc);
	if (t)
		return t;

	/* Only this task makes objects under its own tid: no race to insert. */
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ERR_PTR(-ENOMEM);
	zx_object_init(&t->base, &zx_thread_type);
	t->base.related_koid = proc->base.koid;
	get_task_comm(comm, current);
	strscpy(t->base.name, comm, sizeof(t->base.name));
	zx_object_get(&proc->base);
	t->proc = proc;
	t->pid = get_pid(pid);
	t->tid = tid;
	old = xa_store(&proc->threads, tid, t, GFP_KERNEL_ACCOUNT);
	if (xa_is_err(old)) {
		zx_object_put(&t->base);
		return ERR_PTR(xa_err(old));
	}
	return t;
}

/*
 * The calling thread is about to block in a Zircon call: until
 * zx_thread_block_end(), ZX_INFO_THREAD reports @state (a
 * ZX_THREAD_STATE_BLOCKED_*) while its task sleeps, as debuggers and tests
 * that wait for a thread to block expect.  Only a thread that has an
 * object can be asked about, so one without records nothing.  @proc NULL:
 * the caller's, if it has a context.  Returns what to pass to
 * zx_thread_block_end().
 */
struct zx_thread *zx_thread_block_begin(struct zx_process *proc, u32 state)
{
	struct zx_thread *t;

	if (!proc)
		proc = zx_process_of_current_mm();
	if (!proc)
		return NULL;
	t = zx_thread_find_current(proc);
	if (t)
		WRITE_ONCE(t->blocked_state, state);
	return t;
}

void zx_thread_block_end(struct zx_thread *t)
{
	if (t) {
		WRITE_ONCE(t->blocked_state, 0);
		zx_thread_put(t);
	}
}

/*
 * Whether @task is still the thread of @t: not exiting, and on its process's
 * address space (after an execve() it runs another program, perhaps a
 * setuid one, that no handle of the old one may reach).  RCU or a task
 * reference held.
 */
static bool zx_thread_is(struct zx_thread *t, struct task_struct *task)
{
	return task && !(READ_ONCE(task->flags) & PF_EXITING) &&
	       READ_ONCE(task->mm) == t->proc->mm;
}

/*
 * The thread's task, referenced and held against execve() (its
 * exec_update_lock, read, as ptrace and perf hold it) while the caller acts
 * on it; NULL unless zx_thread_is().  Give it back with
 * zx_thread_task_unlock().
 */
struct task_struct *zx_thread_task_lock(struct zx_thread *t)
{
	struct task_struct *task;

	rcu_read_lock();
	task = pid_task(t->pid, PIDTYPE_PID);
	if (task)
		get_task_struct(task);
	rcu_read_unlock();
	if (!task)
		return NULL;
	if (down_read_killable(&task->signal->exec_update_lock)) {
		put_task_struct(task);
		return NULL;
	}
	if (!zx_thread_is(t, task)) {
		zx_thread_task_unlock(task);
		return NULL;
	}
	return task;
}

void zx_thread_task_unlock(struct task_struct *task)
{
	up_read(&task->signal->exec_update_lock);
	put_task_struct(task);
}

/* The task has not begun to exit, nor run another program. */
bool zx_thread_alive(struct zx_thread *t)
{
	bool alive;

	rcu_read_lock();
	alive = zx_thread_is(t, pid_task(t->pid, PIDTYPE_PID));
	rcu_read_unlock();
	return alive;
}

zx_status_t zx_sys_thread_self(struct zx_process *proc, void *argp)
{
	struct zx_create_args *args = argp;
	struct zx_thread *t;
	zx_status_t status;

	if (args->options || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	t = zx_thread_current(proc);
	if (IS_ERR(t))
		return ZX_ERR_NO_MEMORY;
	status = zx_create_handle_user(proc, &t->base, args->out);
	zx_thread_put(t);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Thread objects: the Zircon view of one Linux thread of a process.
 *
 * zxlinux does not create threads (Linux does), so a thread object only
 * names a task that already runs: zx_thread_self() asks for the caller's,
 * made on its first ask.  From then on a table of running threads, keyed
 * by task, holds it, so every later ask (a futex wait too) finds the same
 * object, until the task's exit notice: it exits, by any road (returning
 * from its entry, pthread_exit(), a kill, the whole process exiting), or
 * runs another program (execve(): the old process's thread is gone even
 * though the task lives on).  The notice marks the object exited, asserts
 * ZX_THREAD_TERMINATED (waking waits and port async waits) and drops the
 * table's reference; handles and futex ownership may keep the object
 * longer.
 *
 * The notice.  Linux has no task-exit notifier for modules (the profiling
 * one is gone), and the sched_process_exit tracepoint is not exported as a
 * symbol.  Like out-of-tree tracing and security modules, we find it (and
 * sched_process_exec) by name with for_each_kernel_tracepoint() and attach
 * a probe with tracepoint_probe_register(): both are exported to GPL
 * modules on 6.1 and 6.12 alike, on x86-64 and arm64, need neither kprobes
 * nor kallsyms, and the probe's prototype (void *, struct task_struct *)
 * is the event's TP_PROTO on both, which kCFI kernels check.  The exit
 * event fires in do_exit() after exit_mm() (so the task's mm is already
 * gone and cannot name its process: the table is keyed by task) and before
 * the task is unhashed or its struct pid reused, once per task.  The exec
 * event fires after the new program's mm is in place.  Probes run with
 * preemption off: they take only RCU and spinlocks, and leave the put of
 * the table's reference (which may free a process) to a workqueue.  Most
 * exiting tasks have no thread object: an RCU walk of one hash bucket
 * finds that without taking a lock.
 *
 * A tid can be reused once its task is gone, so the object keeps the
 * task's struct pid referenced for what is asked of the task later
 * (ZX_INFO_THREAD, profiles).
 */
#include <linux/binfmts.h>
#include <linux/cpumask.h>
#include <linux/hashtable.h>
#include <linux/pid.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>

#include <zircon/syscalls/object.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* Running threads' objects by task; each entry holds a reference. */
static DEFINE_SPINLOCK(zx_threads_lock);
static DEFINE_HASHTABLE(zx_thread_tasks, 8);
/* Drops the references the exit notice takes from the table. */
static struct workqueue_struct *zx_thread_wq;

static void zx_thread_destroy(struct zx_object *obj)
{
	struct zx_thread *t = container_of(obj, struct zx_thread, base);

	/* The table held a reference until the exit notice. */
	WARN_ON_ONCE(!t->exited);
	put_pid(t->pid);
	zx_object_put(&t->proc->base);
	/* An exit probe may still be walking the table past it. */
	kfree_rcu(t, rcu);
}

static void zx_thread_put_work(struct work_struct *work)
{
	zx_thread_put(container_of(work, struct zx_thread, put_work));
}

/*
 * The task of @t exited or ran another program: the thread is dead.  Under
 * zx_threads_lock, which keeps the object alive (the table's reference is
 * only dropped by the work queued here).
 */
static void __zx_thread_exited(struct zx_thread *t)
{
	lockdep_assert_held(&zx_threads_lock);
	hash_del_rcu(&t->task_node);
	list_del_init(&t->proc_node);
	WRITE_ONCE(t->exited, true);
	zx_object_update_signals(&t->base,
				 ZX_THREAD_RUNNING | ZX_THREAD_SUSPENDED,
				 ZX_THREAD_TERMINATED);
	queue_work(zx_thread_wq, &t->put_work);
}

/* The exit (or exec) notice of @task; cheap when it has no object. */
static void zx_thread_task_gone(struct task_struct *task)
{
	struct hlist_node *tmp;
	struct zx_thread *t;
	bool found = false;

	rcu_read_lock();
	hash_for_each_possible_rcu(zx_thread_tasks, t, task_node,
				   (unsigned long)task) {
		if (t->task == task) {
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	if (!found)
		return;
	/* Only the task itself adds entries for itself: none can be missed. */
	spin_lock(&zx_threads_lock);
	hash_for_each_possible_safe(zx_thread_tasks, t, tmp, task_node,
				    (unsigned long)task)
		if (t->task == task)
			__zx_thread_exited(t);
	spin_unlock(&zx_threads_lock);
}

/* TP_PROTO(struct task_struct *p) of sched_process_exit, 6.1 to 6.12. */
static void zx_thread_exit_probe(void *data, struct task_struct *task)
{
	zx_thread_task_gone(task);
}

/*
 * sched_process_exec: @task runs a new program on a new mm; the thread of
 * its old process is dead, even if other tasks keep that mm alive.
 */
static void zx_thread_exec_probe(void *data, struct task_struct *task,
				 pid_t old_pid, struct linux_binprm *bprm)
{
	zx_thread_task_gone(task);
}

/*
 * @proc's address space is gone (mmu_notifier release): the threads still
 * in the table are in their last steps of exit or exec, the notice to come.
 */
void zx_threads_process_gone(struct zx_process *proc)
{
	struct zx_thread *t, *tmp;

	spin_lock(&zx_threads_lock);
	list_for_each_entry_safe(t, tmp, &proc->threads, proc_node)
		__zx_thread_exited(t);
	spin_unlock(&zx_threads_lock);
}

struct zx_thread_probe {
	const char *name;
	void *probe;
	struct tracepoint *tp;
};

static struct zx_thread_probe zx_thread_probes[] = {
	{ "sched_process_exit", zx_thread_exit_probe },
	{ "sched_process_exec", zx_thread_exec_probe },
};

static void zx_thread_find_tracepoint(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(zx_thread_probes); i++)
		if (!strcmp(tp->name, zx_thread_probes[i].name))
			zx_thread_probes[i].tp = tp;
}

void zx_threads_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(zx_thread_probes); i++) {
		struct zx_thread_probe *p = &zx_thread_probes[i];

		if (p->tp)
			tracepoint_probe_unregister(p->tp, p->probe, NULL);
		p->tp = NULL;
	}
	/* No probe runs any more; then the puts they queued. */
	tracepoint_synchronize_unregister();
	if (zx_thread_wq)
		destroy_workqueue(zx_thread_wq);
	zx_thread_wq = NULL;
}

int zx_threads_init(void)
{
	struct tracepoint *tp;
	int i, ret;

	zx_thread_wq = alloc_workqueue("zircon_thread", 0, 0);
	if (!zx_thread_wq)
		return -ENOMEM;
	for_each_kernel_tracepoint(zx_thread_find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(zx_thread_probes); i++) {
		tp = zx_thread_probes[i].tp;
		zx_thread_probes[i].tp = NULL;
		if (!tp) {
			pr_err("zircon: no %s tracepoint (CONFIG_TRACEPOINTS?)\n",
			       zx_thread_probes[i].name);
			ret = -ENODEV;
			goto err;
		}
		ret = tracepoint_probe_register(tp, zx_thread_probes[i].probe,
						NULL);
		if (ret)
			goto err;
		zx_thread_probes[i].tp = tp;
	}
	return 0;

err:
	zx_threads_exit();
	return ret;
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
 * The thread's task under RCU, or NULL once it has had its exit notice.
 * Also NULL in the moment of an execve() between the new mm and the
 * notice, when the task (or, after a non-leader's exec, its pid) already
 * belongs to another program; an exiting task has dropped its mm and is
 * still reported.
 */
static struct task_struct *zx_thread_pid_task(struct zx_thread *t)
{
	struct task_struct *task;

	if (READ_ONCE(t->exited))
		return NULL;
	task = pid_task(t->pid, PIDTYPE_PID);
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
	if (READ_ONCE(t->exited))
		info->state = ZX_THREAD_STATE_DEAD;
	else if (!task || (READ_ONCE(task->flags) & PF_EXITING))
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

/*
 * The calling task's thread object, referenced, if it has one.  Its entry
 * stays while the task is in here: only the task's own exit or exec, or
 * the end of the address space it uses, removes it.
 */
static struct zx_thread *zx_thread_find_current(struct zx_process *proc)
{
	struct zx_thread *t, *found = NULL;

	rcu_read_lock();
	hash_for_each_possible_rcu(zx_thread_tasks, t, task_node,
				   (unsigned long)current) {
		if (t->task == current && t->proc == proc &&
		    kref_get_unless_zero(&t->base.ref)) {
			found = t;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/* The calling task's thread object, referenced; made on first use. */
struct zx_thread *zx_thread_current(struct zx_process *proc)
{
	char comm[TASK_COMM_LEN];
	struct zx_thread *t;

	t = zx_thread_find_current(proc);
	if (t)
		return t;

	/* Only this task adds entries for itself: no race to insert. */
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ERR_PTR(-ENOMEM);
	zx_object_init(&t->base, &zx_thread_type);
	t->base.related_koid = proc->base.koid;
	get_task_comm(comm, current);
	strscpy(t->base.name, comm, sizeof(t->base.name));
	zx_object_get(&proc->base);
	t->proc = proc;
	t->pid = get_task_pid(current, PIDTYPE_PID);
	t->task = current;
	INIT_WORK(&t->put_work, zx_thread_put_work);
	t->base.signals = ZX_THREAD_RUNNING;
	/* The table's reference, dropped after the exit notice. */
	zx_object_get(&t->base);
	spin_lock(&zx_threads_lock);
	hash_add_rcu(zx_thread_tasks, &t->task_node, (unsigned long)current);
	list_add_tail(&t->proc_node, &proc->threads);
	spin_unlock(&zx_threads_lock);
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
 * Whether @task is still the thread of @t: not exiting nor exited, and on
 * its process's address space (after an execve() it runs another program,
 * perhaps a setuid one, that no handle of the old one may reach; the exec
 * notice comes a moment later).  RCU or a task reference held.
 */
static bool zx_thread_is(struct zx_thread *t, struct task_struct *task)
{
	return task && !READ_ONCE(t->exited) &&
	       !(READ_ONCE(task->flags) & PF_EXITING) &&
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

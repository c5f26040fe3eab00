// SPDX-License-Identifier: GPL-2.0
/*
 * Blocking waits: object_wait_one, object_wait_many and nanosleep.
 *
 * A waiting thread registers one observer per object, under the handle
 * table lock, so a concurrent close either happens first (BAD_HANDLE) or
 * finds the observer and cancels it (CANCELED).  Deadlines are absolute
 * CLOCK_MONOTONIC times, which is also what zx_time_t is; a signal makes the
 * call return -ERESTARTSYS and the restarted call waits for the same
 * deadline, so signals never shorten or lengthen a Zircon wait.
 */
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

struct zx_waiter {
	struct task_struct *task;
	bool done;
};

struct zx_wait_entry {
	struct zx_observer ob;
	struct zx_waiter *waiter;
	struct zx_object *obj;
	zx_signals_t observed;
	bool matched;
	bool canceled;
};

static void zx_wait_entry_wake(struct zx_wait_entry *e)
{
	WRITE_ONCE(e->waiter->done, true);
	wake_up_process(e->waiter->task);
}

static void zx_wait_on_match(struct zx_observer *ob, zx_signals_t signals)
{
	struct zx_wait_entry *e = container_of(ob, struct zx_wait_entry, ob);

	e->observed = signals;
	e->matched = true;
	zx_wait_entry_wake(e);
}

static void zx_wait_on_cancel(struct zx_observer *ob, zx_signals_t signals)
{
	struct zx_wait_entry *e = container_of(ob, struct zx_wait_entry, ob);

	e->observed = signals | ZX_SIGNAL_HANDLE_CLOSED;
	e->canceled = true;
	zx_wait_entry_wake(e);
}

/*
 * Sleeps until *@done, the deadline or a signal.  Returns ZX_OK,
 * ZX_ERR_TIMED_OUT or ZX_ERR_INTERNAL_INTR_RETRY.
 */
zx_status_t zx_block_until(bool *done, zx_time_t deadline)
{
	ktime_t expires = deadline;
	zx_status_t status = ZX_OK;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(*done))
			break;
		if (signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		if (deadline == ZX_TIME_INFINITE) {
			schedule();
			continue;
		}
		if (ktime_compare(ktime_get(), expires) >= 0 ||
		    !schedule_hrtimeout_range(&expires, current->timer_slack_ns,
					      HRTIMER_MODE_ABS)) {
			if (!READ_ONCE(*done))
				status = ZX_ERR_TIMED_OUT;
			break;
		}
	}
	__set_current_state(TASK_RUNNING);
	return status;
}

/*
 * Looks up @value and registers @e on its object.  Caller holds the table
 * lock, which orders this against a close of the same handle.
 */
static zx_status_t zx_wait_entry_begin(struct zx_process *proc,
				       struct zx_wait_entry *e,
				       struct zx_waiter *w, zx_handle_t value,
				       zx_signals_t signals)
{
	struct zx_handle *h = __zx_handle_find(proc, value);

	if (!h)
		return ZX_ERR_BAD_HANDLE;
	if (!(h->rights & ZX_RIGHT_WAIT))
		return ZX_ERR_ACCESS_DENIED;
	if (h->obj->type->not_waitable)
		return ZX_ERR_NOT_SUPPORTED;
	e->waiter = w;
	e->obj = h->obj;
	e->observed = 0;
	e->matched = false;
	e->canceled = false;
	e->ob.trigger = signals;
	e->ob.edge = false;
	e->ob.handle = h;
	e->ob.on_match = zx_wait_on_match;
	e->ob.on_cancel = zx_wait_on_cancel;
	zx_object_get(e->obj);
	zx_object_add_observer(e->obj, &e->ob);
	return ZX_OK;
}

/* Unregisters @e and returns the signals to report for it. */
static zx_signals_t zx_wait_entry_end(struct zx_wait_entry *e)
{
	zx_signals_t now = zx_object_remove_observer(e->obj, &e->ob);

	zx_object_put(e->obj);
	if (e->canceled || e->matched)
		return e->observed;
	return now;
}

zx_status_t zx_sys_object_wait_one(struct zx_process *proc, void *argp)
{
	struct zx_object_wait_one_args *args = argp;
	struct zx_waiter w = { .task = current };
	struct zx_wait_entry e;
	zx_signals_t observed;
	zx_status_t status;

	xa_lock(&proc->handles.slots);
	status = zx_wait_entry_begin(proc, &e, &w, args->handle, args->signals);
	xa_unlock(&proc->handles.slots);
	if (status != ZX_OK)
		return status;

	status = zx_block_until(&w.done, args->deadline);
	observed = zx_wait_entry_end(&e);
	if (e.canceled)
		status = ZX_ERR_CANCELED;
	else if (e.matched)
		status = ZX_OK;
	if (status == ZX_ERR_INTERNAL_INTR_RETRY || !args->observed)
		return status;
	if (put_user(observed, (zx_signals_t __user *)zx_uptr(args->observed)))
		return ZX_ERR_INVALID_ARGS;
	return status;
}

zx_status_t zx_sys_object_wait_many(struct zx_process *proc, void *argp)
{
	struct zx_object_wait_many_args *args = argp;
	struct zx_waiter w = { .task = current };
	void __user *uitems = zx_uptr(args->items);
	struct zx_wait_entry *entries;
	zx_wait_item_t *items;
	zx_status_t status = ZX_OK;
	size_t n = args->num_items, i, begun;
	bool canceled = false, matched = false;

	if (n > ZX_WAIT_MANY_MAX_ITEMS)
		return ZX_ERR_OUT_OF_RANGE;
	if (n == 0) {
		status = zx_block_until(&w.done, args->deadline);
		return status;
	}
	items = kmalloc_array(n, sizeof(*items), GFP_KERNEL);
	entries = kmalloc_array(n, sizeof(*entries), GFP_KERNEL);
	if (!items || !entries) {
		status = ZX_ERR_NO_MEMORY;
		goto out_free;
	}
	if (copy_from_user(items, uitems, n * sizeof(*items))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_free;
	}

	xa_lock(&proc->handles.slots);
	for (begun = 0; begun < n; begun++) {
		status = zx_wait_entry_begin(proc, &entries[begun], &w,
					     items[begun].handle,
					     items[begun].waitfor);
		if (status != ZX_OK)
			break;
	}
	xa_unlock(&proc->handles.slots);

	if (status == ZX_OK)
		status = zx_block_until(&w.done, args->deadline);
	for (i = 0; i < begun; i++) {
		items[i].pending = zx_wait_entry_end(&entries[i]);
		canceled |= entries[i].canceled;
		matched |= entries[i].matched;
	}
	if (begun < n)
		goto out_free;		/* a lookup failed: nothing to report */
	if (canceled)
		status = ZX_ERR_CANCELED;
	else if (matched)
		status = ZX_OK;
	if (status != ZX_ERR_INTERNAL_INTR_RETRY &&
	    copy_to_user(uitems, items, n * sizeof(*items)))
		status = ZX_ERR_INVALID_ARGS;

out_free:
	kfree(entries);
	kfree(items);
	return status;
}

zx_status_t zx_sys_nanosleep(struct zx_process *proc, void *argp)
{
	struct zx_nanosleep_args *args = argp;
	bool never = false;
	zx_status_t status;

	status = zx_block_until(&never, args->deadline);
	return status == ZX_ERR_TIMED_OUT ? ZX_OK : status;
}

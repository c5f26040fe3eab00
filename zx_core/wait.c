// SPDX-License-Identifier: GPL-2.0
/*
 * Blocking waits: object_wait_one, object_wait_many and nanosleep.
 *
 * A wait that is already satisfied when it starts only reads the signals.
 * Otherwise the waiting thread registers one observer per object, under
 * the handle table lock, so a concurrent close either happens first
 * (BAD_HANDLE) or finds the observer and cancels it (CANCELED).  Deadlines are absolute
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
 * Sleeps until *@done, the deadline or a signal, with the calling thread
 * reported as blocked in @state (0: the caller reports it).  Returns ZX_OK,
 * ZX_ERR_TIMED_OUT or ZX_ERR_INTERNAL_INTR_RETRY.
 */
zx_status_t zx_block_until(struct zx_process *proc, bool *done,
			   zx_time_t deadline, u32 state)
{
	struct zx_thread *t = state ? zx_thread_block_begin(proc, state) : NULL;
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
	zx_thread_block_end(t);
	return status;
}

/*
 * Looks up @value for a wait.  Caller holds the table lock, which keeps the
 * handle, and so its object, alive and orders this against a close of it.
 */
static zx_status_t zx_wait_find(struct zx_process *proc, zx_handle_t value,
				struct zx_handle **out)
{
	struct zx_handle *h = __zx_handle_find(proc, value);

	if (!h)
		return ZX_ERR_BAD_HANDLE;
	if (!(h->rights & ZX_RIGHT_WAIT))
		return ZX_ERR_ACCESS_DENIED;
	if (h->obj->type->not_waitable)
		return ZX_ERR_NOT_SUPPORTED;
	*out = h;
	return ZX_OK;
}

/* A wait that starts now could only time out. */
static bool zx_deadline_passed(zx_time_t deadline)
{
	return deadline != ZX_TIME_INFINITE &&
	       ktime_compare(ktime_get(), deadline) >= 0;
}

/*
 * Registers @e on @h's object.  Caller holds the table lock, so a close of
 * @h either happened first or will find the observer and cancel it.
 */
static void zx_wait_entry_begin(struct zx_wait_entry *e, struct zx_waiter *w,
				struct zx_handle *h, zx_signals_t signals)
{
	e->waiter = w;
	e->obj = h->obj;
	e->observed = 0;
	e->matched = false;
	e->canceled = false;
	e->ob.trigger = signals;
	e->ob.edge = false;
	e->ob.handle = h;
	h->observed = true;
	e->ob.on_match = zx_wait_on_match;
	e->ob.on_cancel = zx_wait_on_cancel;
	zx_object_get(e->obj);
	zx_object_add_observer(e->obj, &e->ob);
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

/*
 * A wait that is satisfied when it starts (or whose deadline has passed)
 * returns what the signals are without an observer: reading them under the
 * table lock gives the same answer as registering one that fires at once,
 * without the object lock, reference and self-wakeup.
 */
zx_status_t zx_sys_object_wait_one(struct zx_process *proc, void *argp)
{
	struct zx_object_wait_one_args *args = argp;
	struct zx_waiter w = { .task = current };
	struct zx_wait_entry e;
	struct zx_handle *h;
	zx_signals_t observed;
	zx_status_t status;

	xa_lock(&proc->handles.slots);
	status = zx_wait_find(proc, args->handle, &h);
	if (status != ZX_OK) {
		xa_unlock(&proc->handles.slots);
		return status;
	}
	observed = READ_ONCE(h->obj->signals);
	if ((observed & args->signals) || zx_deadline_passed(args->deadline)) {
		xa_unlock(&proc->handles.slots);
		status = observed & args->signals ? ZX_OK : ZX_ERR_TIMED_OUT;
		goto out;
	}
	zx_wait_entry_begin(&e, &w, h, args->signals);
	xa_unlock(&proc->handles.slots);

	status = zx_block_until(proc, &w.done, args->deadline,
				ZX_THREAD_STATE_BLOCKED_WAIT_ONE);
	observed = zx_wait_entry_end(&e);
	if (e.canceled)
		status = ZX_ERR_CANCELED;
	else if (e.matched)
		status = ZX_OK;
	if (status == ZX_ERR_INTERNAL_INTR_RETRY)
		return status;
out:
	if (args->observed &&
	    put_user(observed, (zx_signals_t __user *)zx_uptr(args->observed)))
		return ZX_ERR_INVALID_ARGS;
	return status;
}

/*
 * Small waits use no heap: items (12 bytes) are copied to the stack up to
 * this many, and the wait entries, needed only when the call blocks, up to
 * ZX_WAIT_STACK_ENTRIES.
 */
#define ZX_WAIT_STACK_ITEMS	16
#define ZX_WAIT_STACK_ENTRIES	8

/*
 * Checks every item and sets its pending to the object's signals now.
 * Caller holds the table lock.  Returns whether one is satisfied in @ready.
 */
static zx_status_t zx_wait_many_check(struct zx_process *proc,
				      zx_wait_item_t *items, size_t n,
				      bool *ready)
{
	struct zx_handle *h;
	zx_status_t status;
	size_t i;

	*ready = false;
	for (i = 0; i < n; i++) {
		status = zx_wait_find(proc, items[i].handle, &h);
		if (status != ZX_OK)
			return status;
		items[i].pending = READ_ONCE(h->obj->signals);
		*ready |= !!(items[i].pending & items[i].waitfor);
	}
	return ZX_OK;
}

/*
 * Registers an observer per item and sleeps.  The handles are looked up
 * again: they may have been closed or replaced since the check, and then
 * the wait fails as if that had happened before it (*@report false: the
 * items' pending values are not to be reported).
 */
static zx_status_t zx_wait_many_block(struct zx_process *proc,
				      zx_wait_item_t *items, size_t n,
				      struct zx_wait_entry *entries,
				      zx_time_t deadline, bool *report)
{
	struct zx_waiter w = { .task = current };
	bool canceled = false, matched = false;
	zx_status_t status = ZX_OK;
	struct zx_handle *h;
	size_t i, begun;

	xa_lock(&proc->handles.slots);
	for (begun = 0; begun < n; begun++) {
		status = zx_wait_find(proc, items[begun].handle, &h);
		if (status != ZX_OK)
			break;
		zx_wait_entry_begin(&entries[begun], &w, h,
				    items[begun].waitfor);
	}
	xa_unlock(&proc->handles.slots);

	if (status == ZX_OK)
		status = zx_block_until(proc, &w.done, deadline,
					ZX_THREAD_STATE_BLOCKED_WAIT_MANY);
	for (i = 0; i < begun; i++) {
		items[i].pending = zx_wait_entry_end(&entries[i]);
		canceled |= entries[i].canceled;
		matched |= entries[i].matched;
	}
	if (begun == n && canceled)
		status = ZX_ERR_CANCELED;
	else if (begun == n && matched)
		status = ZX_OK;
	/* A restarted call reports nothing; it will report when it ends. */
	*report = begun == n && status != ZX_ERR_INTERNAL_INTR_RETRY;
	return status;
}

zx_status_t zx_sys_object_wait_many(struct zx_process *proc, void *argp)
{
	struct zx_object_wait_many_args *args = argp;
	struct zx_wait_entry stack_entries[ZX_WAIT_STACK_ENTRIES];
	zx_wait_item_t stack_items[ZX_WAIT_STACK_ITEMS];
	void __user *uitems = zx_uptr(args->items);
	struct zx_wait_entry *entries = stack_entries;
	zx_wait_item_t *items = stack_items;
	size_t n = args->num_items;
	zx_status_t status;
	bool ready, report;

	if (n > ZX_WAIT_MANY_MAX_ITEMS)
		return ZX_ERR_OUT_OF_RANGE;
	if (n == 0) {
		bool never = false;

		return zx_block_until(proc, &never, args->deadline,
				      ZX_THREAD_STATE_BLOCKED_WAIT_MANY);
	}
	if (n > ZX_WAIT_STACK_ITEMS) {
		items = kmalloc_array(n, sizeof(*items), GFP_KERNEL);
		if (!items)
			return ZX_ERR_NO_MEMORY;
	}
	if (copy_from_user(items, uitems, n * sizeof(*items))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_free;
	}

	xa_lock(&proc->handles.slots);
	status = zx_wait_many_check(proc, items, n, &ready);
	xa_unlock(&proc->handles.slots);
	if (status != ZX_OK)
		goto out_free;		/* a lookup failed: nothing to report */
	if (ready)
		goto out_copy;
	if (zx_deadline_passed(args->deadline)) {
		status = ZX_ERR_TIMED_OUT;
		goto out_copy;
	}

	if (n > ZX_WAIT_STACK_ENTRIES) {
		entries = kmalloc_array(n, sizeof(*entries), GFP_KERNEL);
		if (!entries) {
			status = ZX_ERR_NO_MEMORY;
			goto out_free;
		}
	}
	status = zx_wait_many_block(proc, items, n, entries, args->deadline,
				    &report);
	if (entries != stack_entries)
		kfree(entries);
	if (!report)
		goto out_free;
out_copy:
	if (copy_to_user(uitems, items, n * sizeof(*items)))
		status = ZX_ERR_INVALID_ARGS;
out_free:
	if (items != stack_items)
		kfree(items);
	return status;
}

zx_status_t zx_sys_nanosleep(struct zx_process *proc, void *argp)
{
	struct zx_nanosleep_args *args = argp;
	bool never = false;
	zx_status_t status;

	status = zx_block_until(proc, &never, args->deadline,
				ZX_THREAD_STATE_BLOCKED_SLEEPING);
	return status == ZX_ERR_TIMED_OUT ? ZX_OK : status;
}

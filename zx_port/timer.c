// SPDX-License-Identifier: GPL-2.0
/*
 * Timers: objects that assert ZX_TIMER_SIGNALED once a deadline passes.
 *
 * Each timer owns a Linux hrtimer on CLOCK_MONOTONIC (ZX_CLOCK_MONOTONIC) or
 * CLOCK_BOOTTIME (ZX_CLOCK_BOOT).  The slack policy chosen at creation turns
 * deadline and slack into the window the timer may fire in, and that window
 * becomes the hrtimer's range, so Linux coalesces it only where Zircon
 * allows: CENTER [deadline - slack, deadline + slack], EARLY
 * [deadline - slack, deadline], LATE [deadline, deadline + slack].
 *
 * The hrtimer callback runs in hardirq context and takes the object lock
 * (irqsave).  Set and cancel never wait for a running callback while they
 * hold that lock; they clear "armed" or queue the hrtimer anew, and a
 * callback that then finds its timer disarmed or queued again is stale and
 * does nothing.  The object is freed only after hrtimer_cancel() has waited
 * for any callback still running.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

struct zx_timer {
	struct zx_object base;
	struct hrtimer hrtimer;
	u32 options;			/* ZX_TIMER_SLACK_* */
	zx_clock_t clock_id;		/* ZX_CLOCK_MONOTONIC or ZX_CLOCK_BOOT */
	/* Under base.lock: */
	bool armed;			/* the hrtimer is meant to fire */
	zx_time_t deadline;		/* as set; 0 when not armed */
	zx_duration_t slack;
};

static struct zx_timer *zx_timer(struct zx_object *obj)
{
	return container_of(obj, struct zx_timer, base);
}

static zx_time_t zx_timer_now(const struct zx_timer *t)
{
	if (t->clock_id == ZX_CLOCK_BOOT)
		return ktime_get_boottime_ns();
	return ktime_get_ns();
}

static s64 zx_sat_add(s64 a, s64 b)
{
	s64 r;

	if (check_add_overflow(a, b, &r))
		return b > 0 ? S64_MAX : S64_MIN;
	return r;
}

static s64 zx_sat_sub(s64 a, s64 b)
{
	s64 r;

	if (check_sub_overflow(a, b, &r))
		return b < 0 ? S64_MAX : S64_MIN;
	return r;
}

/* Caller holds base.lock. */
static void __zx_timer_disarm(struct zx_timer *t)
{
	t->armed = false;
	t->deadline = 0;
	t->slack = 0;
	/* A callback already running sees !armed and does nothing. */
	hrtimer_try_to_cancel(&t->hrtimer);
}

static enum hrtimer_restart zx_timer_fire(struct hrtimer *hrt)
{
	struct zx_timer *t = container_of(hrt, struct zx_timer, hrtimer);
	unsigned long flags;

	spin_lock_irqsave(t->base.lock, flags);
	/* Cancelled, or set again while this callback waited for the lock. */
	if (t->armed && !hrtimer_is_queued(hrt)) {
		t->armed = false;
		t->deadline = 0;
		t->slack = 0;
		__zx_object_update_signals(&t->base, 0, ZX_TIMER_SIGNALED);
	}
	spin_unlock_irqrestore(t->base.lock, flags);
	return HRTIMER_NORESTART;
}

/* Nobody can set it any more: stop a pending expiry, as Zircon does. */
static void zx_timer_zero_handles(struct zx_object *obj)
{
	struct zx_timer *t = zx_timer(obj);
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	__zx_timer_disarm(t);
	spin_unlock_irqrestore(obj->lock, flags);
}

static void zx_timer_destroy(struct zx_object *obj)
{
	struct zx_timer *t = zx_timer(obj);

	/* Waits for a callback still running on another CPU. */
	hrtimer_cancel(&t->hrtimer);
	kfree(t);
}

static zx_status_t zx_timer_get_info(struct zx_object *obj,
				     struct zx_info_request *req)
{
	struct zx_timer *t = zx_timer(obj);
	zx_info_timer_t info = {
		.options = t->options,
		.clock_id = t->clock_id,
	};
	unsigned long flags;

	if (req->topic != ZX_INFO_TIMER)
		return ZX_ERR_WRONG_TYPE;
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	spin_lock_irqsave(obj->lock, flags);
	info.deadline = t->deadline;
	info.slack = t->slack;
	spin_unlock_irqrestore(obj->lock, flags);
	return zx_info_write_single(req, &info, sizeof(info));
}

static const struct zx_object_type zx_timer_type = {
	.obj_type = ZX_OBJ_TYPE_TIMER,
	.default_rights = ZX_DEFAULT_TIMER_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.on_zero_handles = zx_timer_zero_handles,
	.destroy = zx_timer_destroy,
	.get_info = zx_timer_get_info,
};

zx_status_t zx_sys_timer_create(struct zx_process *proc, void *argp)
{
	struct zx_timer_create_args *args = argp;
	struct zx_timer *t;
	clockid_t clockid;
	zx_status_t status;

	if (args->options > ZX_TIMER_SLACK_LATE)
		return ZX_ERR_INVALID_ARGS;
	switch (args->clock_id) {
	case ZX_CLOCK_MONOTONIC:
		clockid = CLOCK_MONOTONIC;
		break;
	case ZX_CLOCK_BOOT:
		clockid = CLOCK_BOOTTIME;
		break;
	default:
		return ZX_ERR_INVALID_ARGS;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&t->base, &zx_timer_type);
	hrtimer_init(&t->hrtimer, clockid, HRTIMER_MODE_ABS);
	t->hrtimer.function = zx_timer_fire;
	t->options = args->options;
	t->clock_id = args->clock_id;
	status = zx_create_handle_user(proc, &t->base, args->out);
	zx_object_put(&t->base);
	return status;
}

zx_status_t zx_sys_timer_set(struct zx_process *proc, void *argp)
{
	struct zx_timer_set_args *args = argp;
	zx_time_t earliest, latest;
	struct zx_object *obj;
	unsigned long flags;
	struct zx_timer *t;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_TIMER,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	if (args->slack < 0) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out;
	}
	t = zx_timer(obj);
	earliest = args->deadline;
	latest = args->deadline;
	if (t->options != ZX_TIMER_SLACK_LATE)
		earliest = zx_sat_sub(args->deadline, args->slack);
	if (t->options != ZX_TIMER_SLACK_EARLY)
		latest = zx_sat_add(args->deadline, args->slack);

	spin_lock_irqsave(obj->lock, flags);
	__zx_timer_disarm(t);
	if (earliest <= zx_timer_now(t)) {
		/* Due already: fire now, so the caller sees it at once. */
		__zx_object_update_signals(obj, 0, ZX_TIMER_SIGNALED);
	} else {
		__zx_object_update_signals(obj, ZX_TIMER_SIGNALED, 0);
		t->armed = true;
		t->deadline = args->deadline;
		t->slack = args->slack;
		/* earliest > now >= 0, so the range cannot overflow. */
		hrtimer_start_range_ns(&t->hrtimer, ns_to_ktime(earliest),
				       (u64)latest - (u64)earliest,
				       HRTIMER_MODE_ABS);
	}
	spin_unlock_irqrestore(obj->lock, flags);
out:
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_timer_cancel(struct zx_process *proc, void *argp)
{
	struct zx_timer_cancel_args *args = argp;
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_TIMER,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	spin_lock_irqsave(obj->lock, flags);
	__zx_timer_disarm(zx_timer(obj));
	__zx_object_update_signals(obj, ZX_TIMER_SIGNALED, 0);
	spin_unlock_irqrestore(obj->lock, flags);
	zx_object_put(obj);
	return ZX_OK;
}

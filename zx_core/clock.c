// SPDX-License-Identifier: GPL-2.0
/*
 * Clocks: user-maintained timelines, each an affine transformation of a
 * reference clock, Linux's CLOCK_MONOTONIC (or CLOCK_BOOTTIME for clocks
 * created with ZX_CLOCK_OPT_BOOT):
 *
 *   synthetic = (reference - reference_offset) * rate + synthetic_offset
 *
 * Ticks are nanoseconds of the reference clock (see libzx's zx_ticks_get),
 * so the ticks and reference transformations are the same.  A clock that
 * has not started has rate 0 and reads its backstop time.  The
 * transformation and the update bookkeeping live under the object lock, and
 * every read samples the reference clock inside it, so reads and updates are
 * totally ordered and all readers see one coherent timeline.
 */
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include <zircon/syscalls/clock.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_CLOCK_PPM	1000000u

struct zx_clock {
	struct zx_object base;
	u64 options;
	zx_time_t backstop;
	/* Under base.lock: */
	zx_clock_transformation_t xform;	/* reference -> synthetic */
	s32 rate_adjust;			/* ppm, as last set */
	u64 error_bound;
	zx_ticks_t last_value_update;
	zx_ticks_t last_rate_adjust_update;
	zx_ticks_t last_error_bounds_update;
	u32 generation;
	bool started;
};

static struct zx_clock *zx_clock(struct zx_object *obj)
{
	return container_of(obj, struct zx_clock, base);
}

static zx_time_t zx_clock_reference_now(u64 options)
{
	if (options & ZX_CLOCK_OPT_BOOT)
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

/* The synthetic time at reference time @ref, saturated to 64 bits. */
zx_time_t zx_clock_apply(const zx_clock_transformation_t *x, zx_time_t ref)
{
	u64 mag, scaled;
	bool neg;
	s64 d;

	if (!x->rate.synthetic_ticks)
		return x->synthetic_offset;
	if (check_sub_overflow(ref, x->reference_offset, &d))
		d = ref > x->reference_offset ? S64_MAX : S64_MIN;
	neg = d < 0;
	mag = neg ? -(u64)d : (u64)d;
	/* 128-bit intermediate: |d| * rate never overflows before dividing. */
	scaled = mul_u64_u64_div_u64(mag, x->rate.synthetic_ticks,
				     x->rate.reference_ticks);
	scaled = min_t(u64, scaled, S64_MAX);
	return zx_sat_add(x->synthetic_offset,
			  neg ? -(s64)scaled : (s64)scaled);
}

static void zx_clock_destroy(struct zx_object *obj)
{
	kfree(zx_clock(obj));
}

static const struct zx_object_type zx_clock_type = {
	.obj_type = ZX_OBJ_TYPE_CLOCK,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_CLOCK_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_clock_destroy,
};

static u64 zx_clock_version(u64 options)
{
	return (options & ZX_CLOCK_ARGS_VERSION_MASK) >>
	       ZX_CLOCK_ARGS_VERSION_SHIFT;
}

zx_status_t zx_sys_clock_create(struct zx_process *proc, void *argp)
{
	struct zx_clock_create_args *args = argp;
	u64 options = args->options & ~ZX_CLOCK_ARGS_VERSION_MASK;
	zx_clock_create_args_v1_t v1 = { .backstop_time = 0 };
	struct zx_clock *c;
	zx_status_t status;
	zx_time_t now;

	if (options & ~ZX_CLOCK_OPTS_ALL)
		return ZX_ERR_INVALID_ARGS;
	/* Continuous clocks are monotonic by definition: say so. */
	if ((options & ZX_CLOCK_OPT_CONTINUOUS) &&
	    !(options & ZX_CLOCK_OPT_MONOTONIC))
		return ZX_ERR_INVALID_ARGS;
	switch (zx_clock_version(args->options)) {
	case 0:
		break;
	case 1:
		if (copy_from_user(&v1, zx_uptr(args->args), sizeof(v1)))
			return ZX_ERR_INVALID_ARGS;
		break;
	default:
		return ZX_ERR_INVALID_ARGS;
	}
	if (v1.backstop_time < 0)
		return ZX_ERR_INVALID_ARGS;
	/* Mapping a clock needs zx_vmar_map_clock(), which is not here. */
	if (options & ZX_CLOCK_OPT_MAPPABLE)
		return ZX_ERR_NOT_SUPPORTED;
	now = zx_clock_reference_now(options);
	if ((options & ZX_CLOCK_OPT_AUTO_START) && v1.backstop_time > now)
		return ZX_ERR_INVALID_ARGS;

	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&c->base, &zx_clock_type);
	c->options = options;
	c->backstop = v1.backstop_time;
	c->error_bound = ZX_CLOCK_UNKNOWN_ERROR;
	c->generation = 1;
	c->xform.rate.reference_ticks = 1;
	if (options & ZX_CLOCK_OPT_AUTO_START) {
		/* A clone of its reference clock: the identity. */
		c->xform.rate.synthetic_ticks = 1;
		c->last_value_update = now;
		c->last_rate_adjust_update = now;
		c->started = true;
		c->base.signals = ZX_CLOCK_STARTED;
	} else {
		c->xform.synthetic_offset = c->backstop;
	}
	status = zx_create_handle_user(proc, &c->base, args->out);
	zx_object_put(&c->base);
	return status;
}

zx_status_t zx_sys_clock_read(struct zx_process *proc, void *argp)
{
	struct zx_clock_read_args *args = argp;
	struct zx_object *obj;
	unsigned long flags;
	struct zx_clock *c;
	zx_status_t status;
	zx_time_t now;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_CLOCK,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	c = zx_clock(obj);
	spin_lock_irqsave(obj->lock, flags);
	now = zx_clock_apply(&c->xform, zx_clock_reference_now(c->options));
	spin_unlock_irqrestore(obj->lock, flags);
	if (put_user(now, (s64 __user *)zx_uptr(args->now)))
		status = ZX_ERR_INVALID_ARGS;
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_clock_get_details(struct zx_process *proc, void *argp)
{
	struct zx_clock_io_args *args = argp;
	zx_clock_details_v1_t d;
	struct zx_object *obj;
	unsigned long flags;
	struct zx_clock *c;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_CLOCK,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	if (args->options != ZX_CLOCK_ARGS_VERSION(1)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	c = zx_clock(obj);
	memset(&d, 0, sizeof(d));
	d.options = c->options;
	d.backstop_time = c->backstop;
	spin_lock_irqsave(obj->lock, flags);
	d.query_ticks = zx_clock_reference_now(c->options);
	d.ticks_to_synthetic = c->xform;
	d.mono_to_synthetic = c->xform;
	d.error_bound = c->error_bound;
	d.last_value_update_ticks = c->last_value_update;
	d.last_rate_adjust_update_ticks = c->last_rate_adjust_update;
	d.last_error_bounds_update_ticks = c->last_error_bounds_update;
	d.generation_counter = c->generation;
	spin_unlock_irqrestore(obj->lock, flags);
	if (copy_to_user(zx_uptr(args->buffer), &d, sizeof(d)))
		status = ZX_ERR_INVALID_ARGS;
out:
	zx_object_put(obj);
	return status;
}

/* One update request, whichever version of the struct carried it. */
struct zx_clock_update {
	u64 flags;			/* ZX_CLOCK_UPDATE_OPTION_* */
	bool v1;
	s32 rate_adjust;
	zx_time_t synthetic;
	zx_time_t reference;
	u64 error_bound;
};

/*
 * Applies @u under the object lock, following the rules of
 * zx_clock_update(): the first update must set the value, continuous clocks
 * are never set again, monotonic clocks never go backwards and no clock
 * reads below its backstop.
 */
static zx_status_t __zx_clock_update(struct zx_clock *c,
				     const struct zx_clock_update *u)
{
	bool do_set = u->flags & ZX_CLOCK_UPDATE_OPTION_SYNTHETIC_VALUE_VALID;
	bool do_rate = u->flags & ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID;
	bool do_ref = u->flags & ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID;
	bool monotonic = c->options & ZX_CLOCK_OPT_MONOTONIC;
	bool was_started = c->started;
	zx_time_t now = zx_clock_reference_now(c->options);

	if (!c->started && !do_set)
		return ZX_ERR_BAD_STATE;
	if (do_set && c->started && (c->options & ZX_CLOCK_OPT_CONTINUOUS))
		return ZX_ERR_INVALID_ARGS;
	/*
	 * A v2 set on a running monotonic clock names the reference time it
	 * applies at, and then cannot also change the rate.
	 */
	if (!u->v1 && c->started && monotonic) {
		if (do_set && !do_ref)
			return ZX_ERR_INVALID_ARGS;
		if ((do_set || do_ref) && do_rate)
			return ZX_ERR_INVALID_ARGS;
	}

	if (do_set || (do_rate && (do_ref || u->rate_adjust != c->rate_adjust))) {
		zx_clock_transformation_t x;
		zx_time_t new_now;

		x.reference_offset = do_ref ? u->reference : now;
		x.synthetic_offset = do_set ? u->synthetic :
				     zx_clock_apply(&c->xform,
						    x.reference_offset);
		if (do_rate) {
			x.rate.synthetic_ticks = ZX_CLOCK_PPM + u->rate_adjust;
			x.rate.reference_ticks = ZX_CLOCK_PPM;
		} else if (c->started) {
			x.rate = c->xform.rate;
		} else {
			x.rate.synthetic_ticks = 1;
			x.rate.reference_ticks = 1;
		}
		new_now = zx_clock_apply(&x, now);
		if (monotonic && new_now < zx_clock_apply(&c->xform, now))
			return ZX_ERR_INVALID_ARGS;
		if (new_now < c->backstop)
			return ZX_ERR_INVALID_ARGS;
		c->xform = x;
	}

	if (do_set)
		c->last_value_update = now;
	if (do_rate || !was_started) {
		c->last_rate_adjust_update = now;
		c->rate_adjust = do_rate ? u->rate_adjust : 0;
	}
	if (u->flags & ZX_CLOCK_UPDATE_OPTION_ERROR_BOUND_VALID) {
		c->last_error_bounds_update = now;
		c->error_bound = u->error_bound;
	}
	c->started = true;
	c->generation++;
	__zx_object_update_signals(&c->base, 0, ZX_CLOCK_STARTED);
	__zx_object_strobe_signals(&c->base, ZX_CLOCK_UPDATED);
	return ZX_OK;
}

static zx_status_t zx_clock_update_copy(struct zx_clock_update *u,
					u64 version, const void __user *src)
{
	zx_clock_update_args_v1_t v1;
	zx_clock_update_args_v2_t v2;

	switch (version) {
	case 1:
		/* The v1 struct has no reference value. */
		if (u->flags & ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID)
			return ZX_ERR_INVALID_ARGS;
		if (copy_from_user(&v1, src, sizeof(v1)))
			return ZX_ERR_INVALID_ARGS;
		u->v1 = true;
		u->rate_adjust = v1.rate_adjust;
		u->synthetic = v1.value;
		u->error_bound = v1.error_bound;
		return ZX_OK;
	case 2:
		if (copy_from_user(&v2, src, sizeof(v2)))
			return ZX_ERR_INVALID_ARGS;
		u->rate_adjust = v2.rate_adjust;
		u->synthetic = v2.synthetic_value;
		u->reference = v2.reference_value;
		u->error_bound = v2.error_bound;
		return ZX_OK;
	default:
		return ZX_ERR_INVALID_ARGS;
	}
}

zx_status_t zx_sys_clock_update(struct zx_process *proc, void *argp)
{
	struct zx_clock_io_args *args = argp;
	struct zx_clock_update u = {
		.flags = args->options & ~ZX_CLOCK_ARGS_VERSION_MASK,
	};
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_CLOCK,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	status = ZX_ERR_INVALID_ARGS;
	if (u.flags & ~ZX_CLOCK_UPDATE_OPTIONS_ALL)
		goto out;
	if (zx_clock_update_copy(&u, zx_clock_version(args->options),
				 zx_uptr(args->buffer)) != ZX_OK)
		goto out;
	if ((u.flags & ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID) &&
	    (u.rate_adjust < ZX_CLOCK_UPDATE_MIN_RATE_ADJUST ||
	     u.rate_adjust > ZX_CLOCK_UPDATE_MAX_RATE_ADJUST))
		goto out;
	/* An explicit reference time goes with a new value or rate. */
	if ((u.flags & ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID) &&
	    !(u.flags & (ZX_CLOCK_UPDATE_OPTION_SYNTHETIC_VALUE_VALID |
			 ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID)))
		goto out;
	spin_lock_irqsave(obj->lock, flags);
	status = __zx_clock_update(zx_clock(obj), &u);
	spin_unlock_irqrestore(obj->lock, flags);
out:
	zx_object_put(obj);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Fifos: two ends, each with a ring of fixed-size elements written by the
 * other end.  Both rings have the same geometry, fixed at create time, and
 * are allocated with their object (charged to the creator's memcg).
 *
 * Both ends share their object lock (see zircon.h); it guards the rings and
 * the peer link.  User memory is never touched under it: a write copies the
 * caller's elements into a bounce buffer first, then commits what fits.  A
 * read holds its end's read_lock mutex across the whole call, copies the
 * elements out to a bounce buffer under the spinlock, copies them to the
 * caller with no spinlock held and only then consumes them, so a faulting
 * output buffer loses nothing.  Only readers of an end consume its ring, so
 * the mutex keeps the peeked elements at the head meanwhile.
 */
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pagemap.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

struct zx_fifo {
	struct zx_object base;
	struct mutex read_lock;		/* one reader of this end at a time */
	u32 elem_count;
	u32 elem_size;
	u32 head;			/* index of the oldest element */
	u32 count;			/* elements queued on this end */
	u8 ring[];			/* elem_count * elem_size bytes */
};

static inline struct zx_fifo *zx_to_fifo(struct zx_object *obj)
{
	return container_of(obj, struct zx_fifo, base);
}

static void zx_fifo_destroy(struct zx_object *obj)
{
	struct zx_fifo *f = zx_to_fifo(obj);

	mutex_destroy(&f->read_lock);
	kfree(f);
}

static const struct zx_object_type zx_fifo_type = {
	.obj_type = ZX_OBJ_TYPE_FIFO,
	.default_rights = ZX_DEFAULT_FIFO_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.peered = true,
	/* Nobody can write to the survivor any more, and it learns so. */
	.peer_closed_clear = ZX_FIFO_WRITABLE,
	.peer_closed_set = ZX_FIFO_PEER_CLOSED,
	.destroy = zx_fifo_destroy,
};

static struct zx_fifo *zx_fifo_alloc(u32 elem_count, u32 elem_size)
{
	struct zx_fifo *f;

	f = kmalloc(struct_size(f, ring, elem_count * elem_size),
		    GFP_KERNEL_ACCOUNT);
	if (!f)
		return NULL;
	zx_object_init(&f->base, &zx_fifo_type);
	mutex_init(&f->read_lock);
	f->elem_count = elem_count;
	f->elem_size = elem_size;
	f->head = 0;
	f->count = 0;
	/* Not yet visible to anyone: no lock needed. */
	f->base.signals = ZX_FIFO_WRITABLE;
	return f;
}

zx_status_t zx_sys_fifo_create(struct zx_process *proc, void *argp)
{
	struct zx_fifo_create_args *args = argp;
	struct zx_fifo *a, *b;

	/*
	 * The geometry is checked before the options, as on Zircon: a count
	 * that is zero or not a power of two, a zero size, or a ring over the
	 * limit is out of range.  Each bound first, so the product cannot
	 * overflow.
	 */
	if (!args->elem_count || !args->elem_size ||
	    !is_power_of_2(args->elem_count) ||
	    args->elem_count > ZX_FIFO_MAX_SIZE_BYTES ||
	    args->elem_size > ZX_FIFO_MAX_SIZE_BYTES ||
	    args->elem_count * args->elem_size > ZX_FIFO_MAX_SIZE_BYTES)
		return ZX_ERR_OUT_OF_RANGE;
	if (args->options || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	a = zx_fifo_alloc(args->elem_count, args->elem_size);
	b = zx_fifo_alloc(args->elem_count, args->elem_size);
	return zx_create_peered_pair_user(proc, a ? &a->base : NULL,
					  b ? &b->base : NULL,
					  args->out0, args->out1);
}

/* Copies @n elements between @f's ring, starting at slot @pos, and @buf. */
static void zx_fifo_copy(struct zx_fifo *f, u32 pos, u8 *buf, u32 n,
			 bool to_ring)
{
	u32 first = min(n, f->elem_count - pos);
	u8 *ring = f->ring + (size_t)pos * f->elem_size;
	size_t len1 = (size_t)first * f->elem_size;
	size_t len2 = (size_t)(n - first) * f->elem_size;

	if (to_ring) {
		memcpy(ring, buf, len1);
		memcpy(f->ring, buf + len1, len2);
	} else {
		memcpy(buf, ring, len1);
		memcpy(buf + len1, f->ring, len2);
	}
}

/* Looks up @args's handle and checks the element size and count. */
static zx_status_t zx_fifo_get(struct zx_process *proc,
			       struct zx_fifo_rw_args *args,
			       zx_rights_t rights, struct zx_fifo **out)
{
	struct zx_object *obj;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_FIFO,
				  rights, &obj, NULL);
	if (status != ZX_OK)
		return status;
	*out = zx_to_fifo(obj);
	if (args->elem_size != (*out)->elem_size || !args->count) {
		zx_object_put(obj);
		return ZX_ERR_OUT_OF_RANGE;
	}
	return ZX_OK;
}

/* Bytes of the caller's buffer checked per step, between signal checks. */
#define ZX_FIFO_CHECK_STEP	SZ_1M

/*
 * Whether all of the caller's buffer of @args->count elements is there,
 * readable (or, with @out, writable), past the first @done elements that
 * the call has copied already.  A call whose buffer is partly unmapped
 * fails with nothing moved, as on Zircon, even when fewer elements than
 * the buffer holds would move.  Faults the rest in; writes nothing.
 */
static bool zx_fifo_buffer_ok(const struct zx_fifo_rw_args *args,
			      u32 elem_size, u32 done, bool out)
{
	unsigned long addr, len, step;
	u64 total;

	if (args->count <= done)
		return true;
	if (check_mul_overflow(args->count, (u64)elem_size, &total) ||
	    !access_ok(zx_uptr(args->data), total))
		return false;
	addr = args->data + (u64)done * elem_size;
	len = total - (u64)done * elem_size;
	while (len) {
		step = min_t(unsigned long, len, ZX_FIFO_CHECK_STEP);
		if (fatal_signal_pending(current))
			return false;
		if (out ? fault_in_safe_writeable((char __user *)addr, step) :
			  fault_in_readable((char __user *)addr, step))
			return false;
		addr += step;
		len -= step;
		cond_resched();
	}
	return true;
}

static zx_status_t zx_fifo_put_actual(u64 uptr, u32 n)
{
	if (uptr && put_user((u64)n, (u64 __user *)zx_uptr(uptr)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

zx_status_t zx_sys_fifo_write(struct zx_process *proc, void *argp)
{
	struct zx_fifo_rw_args *args = argp;
	struct zx_fifo *f, *peer;
	unsigned long flags;
	zx_status_t status;
	u32 n, pos;
	u8 *buf;

	status = zx_fifo_get(proc, args, ZX_RIGHT_WRITE, &f);
	if (status != ZX_OK)
		return status;
	/* More than the ring holds can never be written at once. */
	n = min_t(u64, args->count, f->elem_count);
	buf = kmalloc((size_t)n * f->elem_size, GFP_KERNEL);
	if (!buf) {
		status = ZX_ERR_NO_MEMORY;
		goto out_put;
	}
	if (copy_from_user(buf, zx_uptr(args->data),
			   (size_t)n * f->elem_size) ||
	    !zx_fifo_buffer_ok(args, f->elem_size, n, false)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_free;
	}

	spin_lock_irqsave(f->base.lock, flags);
	if (!f->base.peer) {
		status = ZX_ERR_PEER_CLOSED;
		goto out_unlock;
	}
	peer = zx_to_fifo(f->base.peer);
	n = min(n, peer->elem_count - peer->count);
	if (!n) {
		status = ZX_ERR_SHOULD_WAIT;
		goto out_unlock;
	}
	pos = (peer->head + peer->count) % peer->elem_count;
	zx_fifo_copy(peer, pos, buf, n, true);
	if (!peer->count)
		__zx_object_update_signals(&peer->base, 0, ZX_FIFO_READABLE);
	peer->count += n;
	if (peer->count == peer->elem_count)
		__zx_object_update_signals(&f->base, ZX_FIFO_WRITABLE, 0);
out_unlock:
	spin_unlock_irqrestore(f->base.lock, flags);
	/* The elements are queued whether or not the count reaches the caller. */
	if (status == ZX_OK)
		status = zx_fifo_put_actual(args->actual_count, n);
out_free:
	kfree(buf);
out_put:
	zx_object_put(&f->base);
	return status;
}

zx_status_t zx_sys_fifo_read(struct zx_process *proc, void *argp)
{
	struct zx_fifo_rw_args *args = argp;
	struct zx_object *peer;
	unsigned long flags;
	struct zx_fifo *f;
	zx_status_t status;
	u8 *buf;
	u32 n;

	status = zx_fifo_get(proc, args, ZX_RIGHT_READ, &f);
	if (status != ZX_OK)
		return status;
	n = min_t(u64, args->count, f->elem_count);
	buf = kmalloc((size_t)n * f->elem_size, GFP_KERNEL);
	if (!buf) {
		status = ZX_ERR_NO_MEMORY;
		goto out_put;
	}

	mutex_lock(&f->read_lock);
	spin_lock_irqsave(f->base.lock, flags);
	n = min(n, f->count);
	if (n)
		zx_fifo_copy(f, f->head, buf, n, false);
	else
		status = f->base.peer ? ZX_ERR_SHOULD_WAIT : ZX_ERR_PEER_CLOSED;
	spin_unlock_irqrestore(f->base.lock, flags);
	if (status != ZX_OK)
		goto out_unlock;

	if (copy_to_user(zx_uptr(args->data), buf, (size_t)n * f->elem_size) ||
	    !zx_fifo_buffer_ok(args, f->elem_size, n, true) ||
	    zx_fifo_put_actual(args->actual_count, n)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_unlock;
	}

	/* Delivered: now consume them. */
	spin_lock_irqsave(f->base.lock, flags);
	if (f->count == f->elem_count) {
		peer = f->base.peer;
		if (peer)
			__zx_object_update_signals(peer, 0, ZX_FIFO_WRITABLE);
	}
	f->head = (f->head + n) % f->elem_count;
	f->count -= n;
	if (!f->count)
		__zx_object_update_signals(&f->base, ZX_FIFO_READABLE, 0);
	spin_unlock_irqrestore(f->base.lock, flags);
out_unlock:
	mutex_unlock(&f->read_lock);
	kfree(buf);
out_put:
	zx_object_put(&f->base);
	return status;
}

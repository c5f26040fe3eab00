// SPDX-License-Identifier: GPL-2.0
/*
 * Sockets: two ends, each with a byte ring written by the other end.  A
 * stream socket moves bytes; a datagram socket keeps the length of each
 * write and reads one datagram per call.
 *
 * Capacity: each end buffers at most ZX_SOCKET_CAPACITY bytes (256 KiB, as
 * Zircon's sockets do).  The ring is kvmalloc'd on the first write to the
 * end, charged to the writer's memcg, and freed with the object.
 *
 * Locking: user memory is copied straight between the caller and the ring,
 * so a copy may fault and sleep.  Each end has a mutex, io_lock, held by
 * whoever moves data into or out of that end's ring (its peer's writers and
 * its own readers); it keeps the ring's free or filled part stable during the
 * copy.  The shared object spinlock then commits the new byte count, the
 * datagram list, and the signals.  This avoids both a bounce buffer for up
 * to 256 KiB and user copies under the spinlock; a copy that faults commits
 * nothing.  io_lock is taken before the object lock and a user fault may
 * take mmap_lock under it (see zircon.h).
 */
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_SOCKET_CAPACITY	(256 * 1024)

/* The signals derived from the buffers, recomputed after each change. */
#define ZX_SOCKET_STATE_SIGNALS	(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE | \
				 ZX_SOCKET_READ_THRESHOLD | \
				 ZX_SOCKET_WRITE_THRESHOLD)

struct zx_socket_dgram {
	struct list_head node;
	u32 len;
};

struct zx_socket {
	struct zx_object base;
	struct mutex io_lock;		/* data movers of this end's ring */
	u32 options;
	u8 *ring;			/* ZX_SOCKET_CAPACITY bytes, or NULL */
	/* The rest is under base.lock. */
	u32 head;			/* offset of the oldest byte */
	u32 count;			/* bytes readable on this end */
	struct list_head dgrams;	/* datagram lengths, oldest first */
	size_t rx_threshold;
	size_t tx_threshold;
};

static inline struct zx_socket *zx_to_socket(struct zx_object *obj)
{
	return container_of(obj, struct zx_socket, base);
}

static inline bool zx_socket_is_dgram(const struct zx_socket *s)
{
	return s->options & ZX_SOCKET_DATAGRAM;
}

/* Caller holds the lock. */
static void __zx_socket_refresh(struct zx_socket *s)
{
	struct zx_object *peer_obj = s->base.peer;
	zx_signals_t set = 0;
	u32 room;

	if (s->count)
		set |= ZX_SOCKET_READABLE;
	if (s->rx_threshold && s->count >= s->rx_threshold)
		set |= ZX_SOCKET_READ_THRESHOLD;
	if (peer_obj && !(s->base.signals & ZX_SOCKET_WRITE_DISABLED)) {
		room = ZX_SOCKET_CAPACITY - zx_to_socket(peer_obj)->count;
		if (room)
			set |= ZX_SOCKET_WRITABLE;
		if (s->tx_threshold && room >= s->tx_threshold)
			set |= ZX_SOCKET_WRITE_THRESHOLD;
	}
	__zx_object_update_signals(&s->base, ZX_SOCKET_STATE_SIGNALS & ~set,
				   set);
}

/* Caller holds the lock. */
static void __zx_socket_refresh_both(struct zx_socket *s)
{
	__zx_socket_refresh(s);
	if (s->base.peer)
		__zx_socket_refresh(zx_to_socket(s->base.peer));
}

static void zx_socket_destroy(struct zx_object *obj)
{
	struct zx_socket *s = zx_to_socket(obj);
	struct zx_socket_dgram *dg, *tmp;

	list_for_each_entry_safe(dg, tmp, &s->dgrams, node)
		kfree(dg);
	kvfree(s->ring);
	mutex_destroy(&s->io_lock);
	kfree(s);
}

/* Under the shared lock: writability and thresholds depend on the peer. */
static void zx_socket_peer_closed(struct zx_object *survivor)
{
	__zx_socket_refresh(zx_to_socket(survivor));
}

static zx_status_t zx_socket_get_info(struct zx_object *obj,
				      struct zx_info_request *req)
{
	struct zx_socket *s = zx_to_socket(obj), *peer;
	zx_info_socket_t info = { .options = s->options };
	struct zx_socket_dgram *dg;
	unsigned long flags;

	if (req->topic != ZX_INFO_SOCKET)
		return ZX_ERR_WRONG_TYPE;
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	spin_lock_irqsave(obj->lock, flags);
	info.rx_buf_max = ZX_SOCKET_CAPACITY;
	info.rx_buf_size = s->count;
	info.rx_buf_available = s->count;
	if (zx_socket_is_dgram(s)) {
		dg = list_first_entry_or_null(&s->dgrams,
					      struct zx_socket_dgram, node);
		info.rx_buf_available = dg ? dg->len : 0;
	}
	if (obj->peer) {
		peer = zx_to_socket(obj->peer);
		info.tx_buf_max = ZX_SOCKET_CAPACITY;
		info.tx_buf_size = peer->count;
	}
	spin_unlock_irqrestore(obj->lock, flags);
	return zx_info_write_single(req, &info, sizeof(info));
}

static zx_status_t zx_socket_get_property(struct zx_object *obj, u32 property,
					  void __user *value, size_t size)
{
	struct zx_socket *s = zx_to_socket(obj);
	unsigned long flags;
	size_t v;

	if (property != ZX_PROP_SOCKET_RX_THRESHOLD &&
	    property != ZX_PROP_SOCKET_TX_THRESHOLD)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(v))
		return ZX_ERR_BUFFER_TOO_SMALL;
	spin_lock_irqsave(obj->lock, flags);
	v = property == ZX_PROP_SOCKET_RX_THRESHOLD ? s->rx_threshold :
						      s->tx_threshold;
	spin_unlock_irqrestore(obj->lock, flags);
	if (copy_to_user(value, &v, sizeof(v)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

static zx_status_t zx_socket_set_property(struct zx_object *obj, u32 property,
					  const void __user *value, size_t size)
{
	struct zx_socket *s = zx_to_socket(obj);
	zx_status_t status = ZX_OK;
	unsigned long flags;
	size_t v;

	if (property != ZX_PROP_SOCKET_RX_THRESHOLD &&
	    property != ZX_PROP_SOCKET_TX_THRESHOLD)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(v))
		return ZX_ERR_BUFFER_TOO_SMALL;
	if (copy_from_user(&v, value, sizeof(v)))
		return ZX_ERR_INVALID_ARGS;
	if (v > ZX_SOCKET_CAPACITY)
		return ZX_ERR_INVALID_ARGS;
	spin_lock_irqsave(obj->lock, flags);
	if (property == ZX_PROP_SOCKET_RX_THRESHOLD) {
		s->rx_threshold = v;
	} else if (!obj->peer) {
		/* The transmit side is the peer's buffer. */
		status = ZX_ERR_PEER_CLOSED;
	} else {
		s->tx_threshold = v;
	}
	if (status == ZX_OK)
		__zx_socket_refresh(s);
	spin_unlock_irqrestore(obj->lock, flags);
	return status;
}

static const struct zx_object_type zx_socket_type = {
	.obj_type = ZX_OBJ_TYPE_SOCKET,
	.default_rights = ZX_DEFAULT_SOCKET_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.peered = true,
	.peer_closed_set = ZX_SOCKET_PEER_CLOSED,
	.peer_closed = zx_socket_peer_closed,
	.destroy = zx_socket_destroy,
	.get_info = zx_socket_get_info,
	.get_property = zx_socket_get_property,
	.set_property = zx_socket_set_property,
};

static struct zx_socket *zx_socket_alloc(u32 options)
{
	struct zx_socket *s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);

	if (!s)
		return NULL;
	zx_object_init(&s->base, &zx_socket_type);
	mutex_init(&s->io_lock);
	s->options = options;
	INIT_LIST_HEAD(&s->dgrams);
	/* Not yet visible to anyone: no lock needed. */
	s->base.signals = ZX_SOCKET_WRITABLE;
	return s;
}

zx_status_t zx_sys_socket_create(struct zx_process *proc, void *argp)
{
	struct zx_create_pair_args *args = argp;
	struct zx_socket *a, *b;

	if ((args->options & ~ZX_SOCKET_CREATE_MASK) || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	a = zx_socket_alloc(args->options);
	b = zx_socket_alloc(args->options);
	return zx_create_peered_pair_user(proc, a ? &a->base : NULL,
					  b ? &b->base : NULL,
					  args->out0, args->out1);
}

static zx_status_t zx_socket_put_actual(u64 uptr, size_t n)
{
	if (uptr && put_user((u64)n, (u64 __user *)zx_uptr(uptr)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

/* Copies @n bytes between the user and @s's ring at offset @pos. */
static int zx_socket_copy_user(struct zx_socket *s, u32 pos, void __user *ubuf,
			       u32 n, bool to_ring)
{
	u32 first = min_t(u32, n, ZX_SOCKET_CAPACITY - pos);
	u8 __user *u = ubuf;

	if (to_ring)
		return copy_from_user(s->ring + pos, u, first) ||
		       copy_from_user(s->ring, u + first, n - first);
	return copy_to_user(u, s->ring + pos, first) ||
	       copy_to_user(u + first, s->ring, n - first);
}

/*
 * Writes into @peer's ring from @s; caller holds @peer's io_lock and a
 * reference to it.  Returns the bytes written in *@actual.
 */
static zx_status_t zx_socket_write_locked(struct zx_socket *s,
					  struct zx_socket *peer,
					  struct zx_socket_rw_args *args,
					  struct zx_socket_dgram **dg,
					  size_t *actual)
{
	zx_status_t status = ZX_OK;
	unsigned long flags;
	u32 room, tail, n;

	if (!peer->ring) {
		peer->ring = kvmalloc(ZX_SOCKET_CAPACITY, GFP_KERNEL_ACCOUNT);
		if (!peer->ring)
			return ZX_ERR_NO_MEMORY;
	}
	spin_lock_irqsave(s->base.lock, flags);
	room = ZX_SOCKET_CAPACITY - peer->count;
	tail = (peer->head + peer->count) % ZX_SOCKET_CAPACITY;
	spin_unlock_irqrestore(s->base.lock, flags);
	if (*dg) {
		if (args->size > room)
			return ZX_ERR_SHOULD_WAIT;
		n = args->size;
	} else {
		n = min_t(u64, args->size, room);
		if (!n)
			return ZX_ERR_SHOULD_WAIT;
	}
	if (zx_socket_copy_user(peer, tail, zx_uptr(args->buffer), n, true))
		return ZX_ERR_INVALID_ARGS;

	/* Commit, unless the state changed during the copy. */
	spin_lock_irqsave(s->base.lock, flags);
	if (s->base.signals & ZX_SOCKET_WRITE_DISABLED) {
		status = ZX_ERR_BAD_STATE;
	} else if (s->base.peer != &peer->base) {
		status = ZX_ERR_PEER_CLOSED;
	} else {
		peer->count += n;
		if (*dg) {
			(*dg)->len = n;
			list_add_tail(&(*dg)->node, &peer->dgrams);
			*dg = NULL;
		}
		__zx_socket_refresh_both(s);
	}
	spin_unlock_irqrestore(s->base.lock, flags);
	*actual = n;
	return status;
}

zx_status_t zx_sys_socket_write(struct zx_process *proc, void *argp)
{
	struct zx_socket_rw_args *args = argp;
	struct zx_socket_dgram *dg = NULL;
	struct zx_socket *s, *peer = NULL;
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;
	size_t actual = 0;

	if (args->options)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_SOCKET,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	s = zx_to_socket(obj);

	spin_lock_irqsave(obj->lock, flags);
	if (obj->signals & ZX_SOCKET_WRITE_DISABLED) {
		status = ZX_ERR_BAD_STATE;
	} else if (!obj->peer) {
		status = ZX_ERR_PEER_CLOSED;
	} else {
		peer = zx_to_socket(obj->peer);
		/* The peer link is weak: hold the end we write into. */
		zx_object_get(&peer->base);
	}
	spin_unlock_irqrestore(obj->lock, flags);
	if (status != ZX_OK)
		goto out_put;
	if (zx_socket_is_dgram(s) && args->size > ZX_SOCKET_CAPACITY) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out_peer;
	}
	/* Nothing to move; no empty datagram is queued either. */
	if (!args->size)
		goto out_actual;
	if (zx_socket_is_dgram(s)) {
		dg = kmalloc(sizeof(*dg), GFP_KERNEL_ACCOUNT);
		if (!dg) {
			status = ZX_ERR_NO_MEMORY;
			goto out_peer;
		}
	}

	mutex_lock(&peer->io_lock);
	status = zx_socket_write_locked(s, peer, args, &dg, &actual);
	mutex_unlock(&peer->io_lock);
	kfree(dg);
	if (status != ZX_OK)
		goto out_peer;
out_actual:
	/* Written data stays written even if the count cannot be stored. */
	status = zx_socket_put_actual(args->actual, actual);
out_peer:
	zx_object_put(&peer->base);
out_put:
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_socket_read(struct zx_process *proc, void *argp)
{
	struct zx_socket_rw_args *args = argp;
	struct zx_socket_dgram *dg = NULL;
	struct zx_object *obj;
	struct zx_socket *s;
	unsigned long flags;
	zx_status_t status;
	u32 avail = 0, head = 0, n;

	if (args->options & ~ZX_SOCKET_PEEK)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_SOCKET,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	s = zx_to_socket(obj);

	/* Only readers of this end consume its ring, under io_lock. */
	mutex_lock(&s->io_lock);
	spin_lock_irqsave(obj->lock, flags);
	if (!s->count) {
		if (!obj->peer)
			status = ZX_ERR_PEER_CLOSED;
		else if (obj->signals & ZX_SOCKET_PEER_WRITE_DISABLED)
			status = ZX_ERR_BAD_STATE;
		else
			status = ZX_ERR_SHOULD_WAIT;
	} else {
		head = s->head;
		avail = s->count;
		if (zx_socket_is_dgram(s)) {
			dg = list_first_entry(&s->dgrams,
					      struct zx_socket_dgram, node);
			avail = dg->len;
		}
	}
	spin_unlock_irqrestore(obj->lock, flags);
	if (status != ZX_OK)
		goto out_unlock;

	n = min_t(u64, avail, args->size);
	if (zx_socket_copy_user(s, head, zx_uptr(args->buffer), n, false) ||
	    zx_socket_put_actual(args->actual, n)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_unlock;
	}
	/* A zero-length read consumes nothing, not even a datagram. */
	if ((args->options & ZX_SOCKET_PEEK) || !args->size)
		goto out_unlock;

	/* A datagram goes whole: what did not fit is discarded. */
	spin_lock_irqsave(obj->lock, flags);
	if (dg) {
		list_del(&dg->node);
		n = avail;
	}
	s->head = (s->head + n) % ZX_SOCKET_CAPACITY;
	s->count -= n;
	__zx_socket_refresh_both(s);
	spin_unlock_irqrestore(obj->lock, flags);
	kfree(dg);
out_unlock:
	mutex_unlock(&s->io_lock);
	zx_object_put(obj);
	return status;
}

static bool zx_socket_disposition_valid(u32 d)
{
	return !(d & ~(ZX_SOCKET_DISPOSITION_WRITE_DISABLED |
		       ZX_SOCKET_DISPOSITION_WRITE_ENABLED)) &&
	       d != (ZX_SOCKET_DISPOSITION_WRITE_DISABLED |
		     ZX_SOCKET_DISPOSITION_WRITE_ENABLED);
}

/* Caller holds the lock; @writer's writes land in @reader's ring. */
static void __zx_socket_dispose(struct zx_socket *writer,
				struct zx_socket *reader, u32 d)
{
	if (d & ZX_SOCKET_DISPOSITION_WRITE_DISABLED) {
		__zx_object_update_signals(&writer->base, 0,
					   ZX_SOCKET_WRITE_DISABLED);
		__zx_object_update_signals(&reader->base, 0,
					   ZX_SOCKET_PEER_WRITE_DISABLED);
	} else if (d & ZX_SOCKET_DISPOSITION_WRITE_ENABLED) {
		__zx_object_update_signals(&writer->base,
					   ZX_SOCKET_WRITE_DISABLED, 0);
		__zx_object_update_signals(&reader->base,
					   ZX_SOCKET_PEER_WRITE_DISABLED, 0);
	}
}

zx_status_t zx_sys_socket_set_disposition(struct zx_process *proc, void *argp)
{
	struct zx_socket_disposition_args *args = argp;
	struct zx_socket *s, *peer;
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;

	if (args->reserved || !zx_socket_disposition_valid(args->disposition) ||
	    !zx_socket_disposition_valid(args->disposition_peer))
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_SOCKET,
				  ZX_RIGHT_MANAGE_SOCKET, &obj, NULL);
	if (status != ZX_OK)
		return status;
	s = zx_to_socket(obj);

	spin_lock_irqsave(obj->lock, flags);
	/*
	 * An end's writes may be enabled again only once what it wrote
	 * before has been read: its reader must first see all of it.  This
	 * end's own buffer is checked before the peer's presence, as on
	 * Zircon, so data the peer left behind is BAD_STATE, not PEER_CLOSED.
	 */
	if ((args->disposition_peer & ZX_SOCKET_DISPOSITION_WRITE_ENABLED) &&
	    s->count) {
		status = ZX_ERR_BAD_STATE;
		goto out_unlock;
	}
	if (!obj->peer) {
		status = ZX_ERR_PEER_CLOSED;
		goto out_unlock;
	}
	peer = zx_to_socket(obj->peer);
	if ((args->disposition & ZX_SOCKET_DISPOSITION_WRITE_ENABLED) &&
	    peer->count) {
		status = ZX_ERR_BAD_STATE;
		goto out_unlock;
	}
	__zx_socket_dispose(s, peer, args->disposition);
	__zx_socket_dispose(peer, s, args->disposition_peer);
	__zx_socket_refresh_both(s);
out_unlock:
	spin_unlock_irqrestore(obj->lock, flags);
	zx_object_put(obj);
	return status;
}

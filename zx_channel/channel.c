// SPDX-License-Identifier: GPL-2.0
/*
 * Channels: two ends, each with a queue of messages written by the other.
 *
 * A message is one allocation (charged to the writer's memcg) holding its
 * bytes and the handles it carries.  Handles in flight keep their objects'
 * handle_count, so an end reachable only through a message stays alive; a
 * message that is never read has its handles destroyed.
 *
 * Both ends share their object lock (see zircon.h); it guards the queues,
 * the pending calls and the peer link.  User memory is copied before the
 * lock is taken (write) or after the message is dequeued (read).  Handles
 * in queues can form cycles that no process can reach; the collector below
 * finds and drops them.
 *
 * Flow control: an end holds at most ZX_CHANNEL_MAX_QUEUED messages.  While
 * the peer's queue is full a write fails with ZX_ERR_SHOULD_WAIT and the
 * writer's end drops ZX_CHANNEL_WRITABLE, so writers can wait for room.
 * Zircon itself has no such signal change; it bounds queues by policy.
 */
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* Messages queued on one end before writes fail with SHOULD_WAIT. */
#define ZX_CHANNEL_MAX_QUEUED	3500

/* Kernel-chosen transaction ids have the high bit set. */
#define ZX_CHANNEL_TXID_KERNEL	0x80000000u

struct zx_channel {
	struct zx_object base;
	struct list_head msgs;		/* to be read on this end */
	u32 num_msgs;
	struct list_head calls;		/* channel_call waiters on this end */
	u32 next_txid;
	/* Under zx_channel_gc_lock: */
	u32 inflight;			/* handles to this end in queues */
	struct list_head gc_node;	/* in zx_gc_ends while inflight */
	bool gc_picked;			/* a candidate of the running pass */
	/* The collector's own, touched only by its work: */
	struct list_head gc_scan;
	int gc_refs;
	u8 gc_state;
};

struct zx_channel_msg {
	struct list_head node;
	u32 num_bytes;
	u32 num_handles;
	u32 num_channels;		/* of the handles, those to channels */
	struct zx_handle *handles[];	/* then num_bytes of bytes */
};

/* A thread in channel_call waiting for the reply to its txid. */
struct zx_channel_waiter {
	struct list_head node;		/* in zx_channel.calls */
	struct zx_observer ob;		/* PEER_CLOSED and handle close */
	struct task_struct *task;
	struct zx_channel_msg *reply;
	u32 txid;
	bool done;
	bool canceled;
};

/* What a write call asked for, in the form every write path shares. */
struct zx_channel_wr {
	zx_handle_t handle;
	u32 options;
	u64 bytes;
	u64 handles;
	u32 num_bytes;
	u32 num_handles;
	bool etc;			/* handles are dispositions */
	zx_rights_t rights;		/* needed on @handle */
	/* A failure found before the write began: only consume the handles. */
	zx_status_t error;
};

/* Per-call scratch for the handles of a write. */
struct zx_channel_wr_handles {
	zx_handle_disposition_t disp[ZX_CHANNEL_MAX_MSG_HANDLES];
	struct zx_handle *moved[ZX_CHANNEL_MAX_MSG_HANDLES];
	struct zx_object *dup[ZX_CHANNEL_MAX_MSG_HANDLES];
	zx_rights_t rights[ZX_CHANNEL_MAX_MSG_HANDLES];
};

/* The kernel's view of zx_channel_iovec_t (64-bit user space only). */
struct zx_channel_uiovec {
	u64 buffer;
	u32 capacity;
	u32 reserved;
};
static_assert(sizeof(struct zx_channel_uiovec) == sizeof(zx_channel_iovec_t));

static inline struct zx_channel *zx_to_channel(struct zx_object *obj)
{
	return container_of(obj, struct zx_channel, base);
}

static inline u8 *zx_msg_bytes(struct zx_channel_msg *msg)
{
	return (u8 *)&msg->handles[msg->num_handles];
}

static struct zx_channel_msg *zx_msg_alloc(u32 num_bytes, u32 num_handles)
{
	struct zx_channel_msg *msg;

	msg = kvmalloc(struct_size(msg, handles, num_handles) + num_bytes,
		       GFP_KERNEL_ACCOUNT);
	if (!msg)
		return NULL;
	INIT_LIST_HEAD(&msg->node);
	msg->num_bytes = num_bytes;
	msg->num_handles = num_handles;
	msg->num_channels = 0;
	memset(msg->handles, 0, num_handles * sizeof(msg->handles[0]));
	return msg;
}

static struct workqueue_struct *zx_channel_wq;

/*
 * Messages that will never be read.  Destroying their handles may close
 * further channels whose messages hold further handles.  Those are freed
 * neither by recursion, which could overrun the kernel stack on long
 * chains, nor by whichever task happens to be freeing already, but by a
 * work item, a batch at a time.
 */
static LIST_HEAD(zx_reap_list);
static DEFINE_SPINLOCK(zx_reap_lock);
#define ZX_REAP_BATCH		64

static void zx_msg_reap(struct zx_channel_msg *msg)
{
	u32 i;

	for (i = 0; i < msg->num_handles; i++)
		if (msg->handles[i])
			zx_handle_destroy(msg->handles[i]);
	kvfree(msg);
}

static void zx_reap_run(struct work_struct *work)
{
	struct zx_channel_msg *msg;
	int n;

	for (n = 0; n < ZX_REAP_BATCH; n++) {
		spin_lock(&zx_reap_lock);
		msg = list_first_entry_or_null(&zx_reap_list,
					       struct zx_channel_msg, node);
		if (msg)
			list_del(&msg->node);
		spin_unlock(&zx_reap_lock);
		if (!msg)
			return;
		zx_msg_reap(msg);
		cond_resched();
	}
	/* More to do: behind the work queued meanwhile. */
	queue_work(zx_channel_wq, work);
}
static DECLARE_WORK(zx_reap_work, zx_reap_run);

static void zx_msg_reap_list(struct list_head *msgs)
{
	if (list_empty(msgs))
		return;
	spin_lock(&zx_reap_lock);
	list_splice_tail_init(msgs, &zx_reap_list);
	spin_unlock(&zx_reap_lock);
	queue_work(zx_channel_wq, &zx_reap_work);
}

/* ---- the cycle collector -------------------------------------------------- */

/*
 * A handle in a queue keeps its object alive, so channel ends that hold
 * each other's handles (or their own) in their queues outlive every process
 * that could read them, and so does everything else in those queues.  As
 * unix_gc does for SCM_RIGHTS, the collector takes as candidates the ends
 * whose every handle sits in a queue and that nothing else refers to (no
 * poll descriptor, no call in progress).  A candidate whose handle sits in
 * the queue of a non-candidate is reachable from outside, and so is
 * everything in the queues of reachable ends; the other candidates can
 * never be read again, and dropping their queues breaks their cycles.
 *
 * The queues are scanned under their own locks, one at a time, so they may
 * change meanwhile.  A candidate can only become reachable when a handle to
 * it leaves a queue: a handle elsewhere, or a reference, would have to come
 * from one.  Whoever takes such a handle out of a queue bumps zx_gc_seq,
 * and a pass that saw it move drops nothing and runs again later.  Other
 * changes do not matter: what a queue gains is a handle from outside (no
 * candidate's), or a candidate's that some earlier dequeue let out.
 *
 * It runs from a work item when an end's handle is queued and no other
 * handle to it is outside a queue, on an end that is in no table either.
 * Channel handles cannot be duplicated, so that is when a set of ends can
 * leave the last table; it runs again when a reference that kept a
 * candidate out goes: a poll descriptor's, or those of the calls of a
 * process that exits.
 */
static DEFINE_SPINLOCK(zx_channel_gc_lock);
static LIST_HEAD(zx_gc_ends);		/* ends with handles in queues */
static u64 zx_gc_seq;			/* candidates' handles dequeued */
static unsigned int zx_gc_retries;	/* of the work only */

enum { ZX_GC_NONE, ZX_GC_CANDIDATE, ZX_GC_ALIVE };

static void zx_gc_run(struct work_struct *work);
static DECLARE_DELAYED_WORK(zx_gc_work, zx_gc_run);

static bool zx_is_channel(const struct zx_object *obj)
{
	return obj->type->obj_type == ZX_OBJ_TYPE_CHANNEL;
}

void zx_channel_gc_kick(void)
{
	if (!list_empty(&zx_gc_ends))
		queue_delayed_work(zx_channel_wq, &zx_gc_work, 0);
}

/* Caller holds the lock of the queue @msg leaves. */
static void zx_gc_dequeued(struct zx_channel_msg *msg)
{
	struct zx_channel *end;
	u32 i;

	if (!msg->num_channels)
		return;
	spin_lock(&zx_channel_gc_lock);
	for (i = 0; i < msg->num_handles; i++) {
		if (!zx_is_channel(msg->handles[i]->obj))
			continue;
		end = zx_to_channel(msg->handles[i]->obj);
		if (!--end->inflight)
			list_del_init(&end->gc_node);
		if (end->gc_picked)
			zx_gc_seq++;
	}
	spin_unlock(&zx_channel_gc_lock);
}

/*
 * Caller holds @ch's lock; @msg joins @ch's queue.  An end becomes
 * unreachable only when its last handle outside queues goes into the queue
 * of an end that has none outside either: only then is there work.
 */
static void zx_gc_queued(struct zx_channel *ch, struct zx_channel_msg *msg)
{
	struct zx_channel *end;
	bool kick = false;
	u32 i;

	if (!msg->num_channels)
		return;
	spin_lock(&zx_channel_gc_lock);
	for (i = 0; i < msg->num_handles; i++) {
		if (!zx_is_channel(msg->handles[i]->obj))
			continue;
		end = zx_to_channel(msg->handles[i]->obj);
		if (!end->inflight++)
			list_add_tail(&end->gc_node, &zx_gc_ends);
		if (atomic_read(&end->base.handle_count) == end->inflight)
			kick = true;
	}
	if (atomic_read(&ch->base.handle_count) != ch->inflight)
		kick = false;
	spin_unlock(&zx_channel_gc_lock);
	if (kick)
		queue_delayed_work(zx_channel_wq, &zx_gc_work, 0);
}

/* Caller holds @ch's lock: takes its whole queue. */
static void __zx_channel_drain(struct zx_channel *ch, struct list_head *out)
{
	struct zx_channel_msg *msg;

	list_for_each_entry(msg, &ch->msgs, node)
		zx_gc_dequeued(msg);
	list_splice_tail_init(&ch->msgs, out);
	ch->num_msgs = 0;
}

typedef void (*zx_gc_visit_t)(struct zx_channel *end, struct list_head *todo);

/* Calls @visit for each handle to a channel end in @ch's queue. */
static void zx_gc_scan(struct zx_channel *ch, zx_gc_visit_t visit,
		       struct list_head *todo)
{
	struct zx_channel_msg *msg;
	unsigned long flags;
	u32 i;

	spin_lock_irqsave(ch->base.lock, flags);
	list_for_each_entry(msg, &ch->msgs, node) {
		if (!msg->num_channels)
			continue;
		for (i = 0; i < msg->num_handles; i++)
			if (zx_is_channel(msg->handles[i]->obj))
				visit(zx_to_channel(msg->handles[i]->obj),
				      todo);
	}
	spin_unlock_irqrestore(ch->base.lock, flags);
}

/* In a candidate's queue: no sign that anyone outside can reach it. */
static void zx_gc_discount(struct zx_channel *end, struct list_head *todo)
{
	if (end->gc_state == ZX_GC_CANDIDATE)
		end->gc_refs--;
}

/* In a reachable end's queue: reachable, and so is its own queue. */
static void zx_gc_mark_alive(struct zx_channel *end, struct list_head *todo)
{
	if (end->gc_state != ZX_GC_CANDIDATE)
		return;
	end->gc_state = ZX_GC_ALIVE;
	list_move_tail(&end->gc_scan, todo);
}

/* Takes the candidates, each referenced; returns the sequence they match. */
static u64 zx_gc_candidates(struct list_head *cands)
{
	struct zx_channel *ch;
	int handles;
	u64 seq;

	spin_lock_irq(&zx_channel_gc_lock);
	list_for_each_entry(ch, &zx_gc_ends, gc_node) {
		/*
		 * Each handle holds a reference and is counted before it
		 * takes it and after it drops it: with as many references
		 * as handles, there is no other one.
		 */
		handles = atomic_read(&ch->base.handle_count);
		/* A handle closed between the reads then fails the test. */
		smp_rmb();
		if (handles != ch->inflight ||
		    kref_read(&ch->base.ref) != handles)
			continue;
		zx_object_get(&ch->base);
		ch->gc_picked = true;
		ch->gc_state = ZX_GC_CANDIDATE;
		ch->gc_refs = handles;
		list_add_tail(&ch->gc_scan, cands);
	}
	seq = zx_gc_seq;
	spin_unlock_irq(&zx_channel_gc_lock);
	return seq;
}

static void zx_gc_run(struct work_struct *work)
{
	struct zx_channel *ch, *tmp;
	LIST_HEAD(cands);
	LIST_HEAD(todo);
	LIST_HEAD(alive);
	LIST_HEAD(dead);
	unsigned long flags;
	bool stale;
	u64 seq;

	seq = zx_gc_candidates(&cands);
	list_for_each_entry(ch, &cands, gc_scan) {
		zx_gc_scan(ch, zx_gc_discount, NULL);
		cond_resched();
	}
	list_for_each_entry_safe(ch, tmp, &cands, gc_scan) {
		if (ch->gc_refs) {
			ch->gc_state = ZX_GC_ALIVE;
			list_move_tail(&ch->gc_scan, &todo);
		}
	}
	while (!list_empty(&todo)) {
		ch = list_first_entry(&todo, struct zx_channel, gc_scan);
		list_move_tail(&ch->gc_scan, &alive);
		zx_gc_scan(ch, zx_gc_mark_alive, &todo);
		cond_resched();
	}

	spin_lock_irq(&zx_channel_gc_lock);
	stale = zx_gc_seq != seq;
	spin_unlock_irq(&zx_channel_gc_lock);
	/* What is left in @cands can never be read again. */
	list_for_each_entry(ch, &cands, gc_scan) {
		if (stale)
			break;
		spin_lock_irqsave(ch->base.lock, flags);
		__zx_channel_drain(ch, &dead);
		spin_unlock_irqrestore(ch->base.lock, flags);
	}
	list_splice_tail_init(&alive, &cands);
	spin_lock_irq(&zx_channel_gc_lock);
	list_for_each_entry(ch, &cands, gc_scan)
		ch->gc_picked = false;
	spin_unlock_irq(&zx_channel_gc_lock);
	list_for_each_entry_safe(ch, tmp, &cands, gc_scan) {
		list_del_init(&ch->gc_scan);
		ch->gc_state = ZX_GC_NONE;
		zx_object_put(&ch->base);
	}
	zx_msg_reap_list(&dead);

	if (!stale) {
		zx_gc_retries = 0;
		return;
	}
	/* A candidate's handle moved under the scan: look again, later. */
	if (zx_gc_retries < 8)
		zx_gc_retries++;
	queue_delayed_work(zx_channel_wq, &zx_gc_work, 1UL << zx_gc_retries);
}

/* ---- the object --------------------------------------------------------- */

static void zx_channel_destroy(struct zx_object *obj)
{
	struct zx_channel *ch = zx_to_channel(obj);
	unsigned long flags;
	LIST_HEAD(dead);

	/* Only a read that failed late can requeue after zero handles. */
	spin_lock_irqsave(obj->lock, flags);
	__zx_channel_drain(ch, &dead);
	spin_unlock_irqrestore(obj->lock, flags);
	zx_msg_reap_list(&dead);
	WARN_ON_ONCE(!list_empty(&ch->calls));
	WARN_ON_ONCE(ch->inflight);
	kfree(ch);
}

/* Unlinked from its peer already: nobody can read what is queued here. */
static void zx_channel_zero_handles(struct zx_object *obj)
{
	struct zx_channel *ch = zx_to_channel(obj);
	unsigned long flags;
	LIST_HEAD(dead);

	spin_lock_irqsave(obj->lock, flags);
	__zx_channel_drain(ch, &dead);
	spin_unlock_irqrestore(obj->lock, flags);
	zx_msg_reap_list(&dead);
}

static const struct zx_object_type zx_channel_type = {
	.obj_type = ZX_OBJ_TYPE_CHANNEL,
	.default_rights = ZX_DEFAULT_CHANNEL_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.peered = true,
	.peer_closed_clear = ZX_CHANNEL_WRITABLE,
	.peer_closed_set = ZX_CHANNEL_PEER_CLOSED,
	.on_zero_handles = zx_channel_zero_handles,
	.destroy = zx_channel_destroy,
};

static struct zx_channel *zx_channel_alloc(void)
{
	struct zx_channel *ch = kmalloc(sizeof(*ch), GFP_KERNEL_ACCOUNT);

	if (!ch)
		return NULL;
	zx_object_init(&ch->base, &zx_channel_type);
	INIT_LIST_HEAD(&ch->msgs);
	INIT_LIST_HEAD(&ch->calls);
	ch->num_msgs = 0;
	ch->next_txid = 0;
	ch->inflight = 0;
	INIT_LIST_HEAD(&ch->gc_node);
	ch->gc_picked = false;
	INIT_LIST_HEAD(&ch->gc_scan);
	ch->gc_state = ZX_GC_NONE;
	/* Not yet visible to anyone: no lock needed. */
	ch->base.signals = ZX_CHANNEL_WRITABLE;
	return ch;
}

zx_status_t zx_sys_channel_create(struct zx_process *proc, void *argp)
{
	struct zx_create_pair_args *args = argp;
	struct zx_channel *a, *b;

	if (args->options || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	a = zx_channel_alloc();
	b = zx_channel_alloc();
	return zx_create_peered_pair_user(proc, a ? &a->base : NULL,
					  b ? &b->base : NULL,
					  args->out0, args->out1);
}

/* ---- queues --------------------------------------------------------------- */

/* Caller holds the lock; @ch has a message. */
static struct zx_channel_msg *zx_channel_dequeue(struct zx_channel *ch)
{
	struct zx_channel_msg *msg;

	msg = list_first_entry(&ch->msgs, struct zx_channel_msg, node);
	list_del_init(&msg->node);
	zx_gc_dequeued(msg);
	if (--ch->num_msgs == 0)
		__zx_object_update_signals(&ch->base, ZX_CHANNEL_READABLE, 0);
	if (ch->num_msgs == ZX_CHANNEL_MAX_QUEUED - 1 && ch->base.peer)
		__zx_object_update_signals(ch->base.peer, 0,
					   ZX_CHANNEL_WRITABLE);
	return msg;
}

/* Caller holds the lock. */
static void zx_channel_enqueue(struct zx_channel *ch, struct zx_channel_msg *msg,
			       bool head)
{
	if (head)
		list_add(&msg->node, &ch->msgs);
	else
		list_add_tail(&msg->node, &ch->msgs);
	zx_gc_queued(ch, msg);
	if (++ch->num_msgs == 1)
		__zx_object_update_signals(&ch->base, 0, ZX_CHANNEL_READABLE);
	if (ch->num_msgs >= ZX_CHANNEL_MAX_QUEUED && ch->base.peer)
		__zx_object_update_signals(ch->base.peer, ZX_CHANNEL_WRITABLE,
					   0);
}

/* A dequeued message could not be delivered: put it back first in line. */
static void zx_channel_requeue(struct zx_channel *ch,
			       struct zx_channel_msg *msg)
{
	unsigned long flags;

	spin_lock_irqsave(ch->base.lock, flags);
	zx_channel_enqueue(ch, msg, true);
	spin_unlock_irqrestore(ch->base.lock, flags);
}

static bool zx_channel_txid_busy(struct zx_channel *ch, u32 txid)
{
	struct zx_channel_waiter *w;

	list_for_each_entry(w, &ch->calls, node)
		if (w->txid == txid)
			return true;
	return false;
}

/*
 * Sends @msg from @ch to its peer.  With @call, the message is a call
 * request: it gets a fresh txid and @call waits on @ch for the reply.  A
 * message whose txid a caller on the peer waits for goes to that caller.
 * Consumes @msg on success.
 */
static zx_status_t zx_channel_send(struct zx_channel *ch,
				   struct zx_channel_msg *msg,
				   struct zx_channel_waiter *call)
{
	struct zx_channel_waiter *w;
	struct zx_channel *peer;
	zx_status_t status = ZX_OK;
	unsigned long flags;
	u32 txid;

	spin_lock_irqsave(ch->base.lock, flags);
	if (!ch->base.peer) {
		status = ZX_ERR_PEER_CLOSED;
		goto out;
	}
	peer = zx_to_channel(ch->base.peer);
	if (call) {
		/*
		 * Unique across both ends: a request must never look like the
		 * reply to a call pending on the other end.
		 */
		do {
			txid = ZX_CHANNEL_TXID_KERNEL | ch->next_txid++;
		} while (zx_channel_txid_busy(ch, txid) ||
			 zx_channel_txid_busy(peer, txid));
		memcpy(zx_msg_bytes(msg), &txid, sizeof(txid));
		call->txid = txid;
	}
	if (msg->num_bytes >= sizeof(u32)) {
		memcpy(&txid, zx_msg_bytes(msg), sizeof(txid));
		list_for_each_entry(w, &peer->calls, node) {
			if (w->txid != txid)
				continue;
			list_del_init(&w->node);
			w->reply = msg;
			WRITE_ONCE(w->done, true);
			wake_up_process(w->task);
			goto out_call;
		}
	}
	if (peer->num_msgs >= ZX_CHANNEL_MAX_QUEUED) {
		status = ZX_ERR_SHOULD_WAIT;
		goto out;
	}
	zx_channel_enqueue(peer, msg, false);
out_call:
	if (call)
		list_add_tail(&call->node, &ch->calls);
out:
	spin_unlock_irqrestore(ch->base.lock, flags);
	return status;
}

/* ---- writing -------------------------------------------------------------- */

/* May @h travel as @d asks?  Sets the rights it will travel with. */
static zx_status_t zx_channel_check_handle(const struct zx_handle *h,
					  const zx_handle_disposition_t *d,
					  const struct zx_object *self,
					  zx_rights_t *rights)
{
	if (h->obj == self)
		return ZX_ERR_NOT_SUPPORTED;
	if (!(h->rights & ZX_RIGHT_TRANSFER))
		return ZX_ERR_ACCESS_DENIED;
	if (d->operation == ZX_HANDLE_OP_DUPLICATE &&
	    !(h->rights & ZX_RIGHT_DUPLICATE))
		return ZX_ERR_ACCESS_DENIED;
	if (d->type != ZX_OBJ_TYPE_NONE && d->type != h->obj->type->obj_type)
		return ZX_ERR_WRONG_TYPE;
	return zx_rights_reduce(h->rights, d->rights, rights);
}

/*
 * Validates the handles of a write and takes them from the table in one
 * critical section, so either all travel or none do.  Moved handles leave
 * the table whatever the outcome, as Zircon documents; duplicated ones stay.
 * @status is an earlier failure: then the handles are only consumed.
 * Fills @msg's handles on success.
 */
static zx_status_t zx_channel_take_handles(struct zx_process *proc,
					   struct zx_channel_wr_handles *s,
					   u32 n, struct zx_object *self,
					   struct zx_channel_msg *msg,
					   zx_status_t status)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle *h;
	u32 i, j;

	xa_lock(&t->slots);
	for (i = 0; i < n; i++) {
		zx_handle_disposition_t *d = &s->disp[i];
		bool move = d->operation == ZX_HANDLE_OP_MOVE;
		zx_status_t res = ZX_OK;

		s->moved[i] = NULL;
		s->dup[i] = NULL;
		h = NULL;
		if (!move && d->operation != ZX_HANDLE_OP_DUPLICATE) {
			res = ZX_ERR_INVALID_ARGS;
		} else {
			for (j = 0; j < i; j++)
				if (s->disp[j].handle == d->handle &&
				    (move || s->disp[j].operation ==
					     ZX_HANDLE_OP_MOVE))
					res = ZX_ERR_BAD_HANDLE;
			if (res == ZX_OK)
				h = __zx_handle_find(proc, d->handle);
			if (!h)
				res = ZX_ERR_BAD_HANDLE;
		}
		if (res == ZX_OK)
			res = zx_channel_check_handle(h, d, self, &s->rights[i]);
		d->result = res;
		if (status == ZX_OK)
			status = res;
		if (h && move) {
			__zx_handle_unlink(proc, h);
			s->moved[i] = h;
		} else if (h && res == ZX_OK) {
			zx_object_get(h->obj);
			s->dup[i] = h->obj;
		}
	}
	xa_unlock(&t->slots);

	for (i = 0; i < n; i++) {
		if (status == ZX_OK && s->moved[i]) {
			/* Waits made through a handle end when it leaves. */
			zx_object_cancel_handle(s->moved[i]->obj, s->moved[i]);
			s->moved[i]->rights = s->rights[i];
			msg->handles[i] = s->moved[i];
		} else if (s->moved[i]) {
			zx_handle_destroy(s->moved[i]);
		}
		if (!s->dup[i])
			continue;
		if (status == ZX_OK) {
			msg->handles[i] = zx_handle_create(s->dup[i],
							   s->rights[i]);
			if (!msg->handles[i])
				status = ZX_ERR_NO_MEMORY;
		}
		zx_object_put(s->dup[i]);
	}
	for (i = 0; status == ZX_OK && i < n; i++)
		if (zx_is_channel(msg->handles[i]->obj))
			msg->num_channels++;
	return status;
}

/* Copies the bytes of a write into @msg, from one buffer or from iovecs. */
static zx_status_t zx_channel_copy_in(struct zx_channel_msg *msg,
				      const struct zx_channel_uiovec *iov,
				      u32 num_iov, u64 bytes)
{
	u8 *dst = zx_msg_bytes(msg);
	u32 i;

	if (!iov)
		return copy_from_user(dst, zx_uptr(bytes), msg->num_bytes) ?
		       ZX_ERR_INVALID_ARGS : ZX_OK;
	for (i = 0; i < num_iov; i++) {
		if (copy_from_user(dst, zx_uptr(iov[i].buffer),
				   iov[i].capacity))
			return ZX_ERR_INVALID_ARGS;
		dst += iov[i].capacity;
	}
	return ZX_OK;
}

/* Reads and checks an iovec array; returns its total size in *@total. */
static zx_status_t zx_channel_get_iovecs(const struct zx_channel_wr *wr,
					 struct zx_channel_uiovec **out,
					 u32 *total)
{
	struct zx_channel_uiovec *iov;
	u64 sum = 0;
	u32 i;

	*out = NULL;
	if (wr->num_bytes > ZX_CHANNEL_MAX_MSG_IOVECS)
		return ZX_ERR_OUT_OF_RANGE;
	iov = kvmalloc_array(wr->num_bytes, sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return ZX_ERR_NO_MEMORY;
	if (copy_from_user(iov, zx_uptr(wr->bytes),
			   (size_t)wr->num_bytes * sizeof(*iov)))
		goto invalid;
	for (i = 0; i < wr->num_bytes; i++) {
		if (iov[i].reserved || (!iov[i].buffer && iov[i].capacity))
			goto invalid;
		sum += iov[i].capacity;
	}
	if (sum > ZX_CHANNEL_MAX_MSG_BYTES) {
		kvfree(iov);
		return ZX_ERR_OUT_OF_RANGE;
	}
	*out = iov;
	*total = sum;
	return ZX_OK;

invalid:
	kvfree(iov);
	return ZX_ERR_INVALID_ARGS;
}

/*
 * Reads entries [@first, @first + @n) of a write's handle array into
 * @s->disp, as dispositions (a plain write moves each with its rights).
 */
static zx_status_t zx_channel_get_handles(const struct zx_channel_wr *wr,
					  struct zx_channel_wr_handles *s,
					  u32 first, u32 n)
{
	u32 i;

	if (wr->etc) {
		const zx_handle_disposition_t __user *ud = zx_uptr(wr->handles);

		if (copy_from_user(s->disp, ud + first, n * sizeof(s->disp[0])))
			return ZX_ERR_INVALID_ARGS;
	} else {
		const zx_handle_t __user *uh = zx_uptr(wr->handles);

		for (i = 0; i < n; i++) {
			if (get_user(s->disp[i].handle, &uh[first + i]))
				return ZX_ERR_INVALID_ARGS;
			s->disp[i].operation = ZX_HANDLE_OP_MOVE;
			s->disp[i].type = ZX_OBJ_TYPE_NONE;
			s->disp[i].rights = ZX_RIGHT_SAME_RIGHTS;
		}
	}
	for (i = 0; i < n; i++)
		s->disp[i].result = ZX_OK;
	return ZX_OK;
}

/* Writes back the results of entries [@first, @first + @n) for _etc. */
static zx_status_t zx_channel_put_results(const struct zx_channel_wr *wr,
					  struct zx_channel_wr_handles *s,
					  u32 first, u32 n)
{
	zx_handle_disposition_t __user *ud = zx_uptr(wr->handles);
	u32 i;

	for (i = 0; i < n; i++)
		if (put_user(s->disp[i].result, &ud[first + i].result))
			return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

/*
 * A write with more handles than a message can carry fails, but consumes
 * its handles all the same, as every failed write does: each moved handle
 * is closed (duplicated ones stay) and, for _etc, each disposition gets the
 * result of its own handle.  The array is read a message's worth at a time.
 */
static void zx_channel_discard_handles(struct zx_process *proc,
				       const struct zx_channel_wr *wr,
				       struct zx_channel_wr_handles *s)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle *h;
	u32 done, n, i;

	for (done = 0; done < wr->num_handles; done += n) {
		n = min_t(u32, wr->num_handles - done,
			  ZX_CHANNEL_MAX_MSG_HANDLES);
		if (fatal_signal_pending(current) ||
		    zx_channel_get_handles(wr, s, done, n) != ZX_OK)
			return;
		for (i = 0; i < n; i++) {
			zx_handle_disposition_t *d = &s->disp[i];
			bool move = d->operation == ZX_HANDLE_OP_MOVE;

			xa_lock(&t->slots);
			h = __zx_handle_find(proc, d->handle);
			if (!move && d->operation != ZX_HANDLE_OP_DUPLICATE)
				d->result = ZX_ERR_INVALID_ARGS;
			else if (!h)
				d->result = ZX_ERR_BAD_HANDLE;
			if (h && move)
				__zx_handle_unlink(proc, h);
			else
				h = NULL;
			xa_unlock(&t->slots);
			if (h)
				zx_handle_destroy(h);
		}
		if (wr->etc && zx_channel_put_results(wr, s, done, n) != ZX_OK)
			return;
		cond_resched();
	}
}

/*
 * Builds the message of a write or call and sends it.  Once the handle
 * array has been read, its handles are consumed on every failure (moved
 * ones; duplicated ones stay with the caller).  With @call, @call->ob is
 * registered on the channel through the caller's handle before sending, and
 * stays registered on success.
 */
static zx_status_t zx_channel_write_msg(struct zx_process *proc,
					const struct zx_channel_wr *wr,
					struct zx_channel_waiter *call,
					struct zx_channel **out_ch)
{
	struct zx_channel_uiovec *iov = NULL;
	struct zx_channel_wr_handles *s;
	struct zx_channel_msg *msg = NULL;
	struct zx_object *obj = NULL;
	u32 n = wr->num_handles, num_bytes = wr->num_bytes;
	bool observing = false;
	zx_status_t status;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ZX_ERR_NO_MEMORY;
	if (n > ZX_CHANNEL_MAX_MSG_HANDLES) {
		zx_channel_discard_handles(proc, wr, s);
		status = ZX_ERR_OUT_OF_RANGE;
		goto out_free;
	}
	status = zx_channel_get_handles(wr, s, 0, n);
	if (status != ZX_OK)
		goto out_free;

	/* From here on every failure still consumes the handles. */
	status = ZX_OK;
	if (wr->options & ~ZX_CHANNEL_WRITE_USE_IOVEC)
		status = ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK)
		status = zx_handle_lookup(proc, wr->handle, ZX_OBJ_TYPE_CHANNEL,
					  wr->rights, &obj, NULL);
	if (status == ZX_OK && (wr->options & ZX_CHANNEL_WRITE_USE_IOVEC))
		status = zx_channel_get_iovecs(wr, &iov, &num_bytes);
	else if (status == ZX_OK && num_bytes > ZX_CHANNEL_MAX_MSG_BYTES)
		status = ZX_ERR_OUT_OF_RANGE;
	if (status == ZX_OK && call && num_bytes < sizeof(zx_txid_t))
		status = ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK)
		status = wr->error;
	if (status == ZX_OK) {
		msg = zx_msg_alloc(num_bytes, n);
		if (!msg)
			status = ZX_ERR_NO_MEMORY;
	}
	if (status == ZX_OK)
		status = zx_channel_copy_in(msg, iov, wr->num_bytes, wr->bytes);
	if (status == ZX_OK && call) {
		struct zx_handle *h;

		/* Under the table lock, ordered against a close (CANCELED). */
		xa_lock(&proc->handles.slots);
		h = __zx_handle_find(proc, wr->handle);
		call->ob.handle = h;
		if (h && h->obj == obj) {
			h->observed = true;
			zx_object_add_observer(obj, &call->ob);
			observing = true;
		} else {
			status = ZX_ERR_BAD_HANDLE;
		}
		xa_unlock(&proc->handles.slots);
	}
	status = zx_channel_take_handles(proc, s, n, obj, msg, status);
	if (wr->etc && n) {
		zx_status_t st = zx_channel_put_results(wr, s, 0, n);

		if (status == ZX_OK)
			status = st;
	}
	if (status == ZX_OK)
		status = zx_channel_send(zx_to_channel(obj), msg, call);
	if (status == ZX_OK) {
		msg = NULL;
		if (out_ch) {
			*out_ch = zx_to_channel(obj);
			obj = NULL;
		}
	}
	if (status != ZX_OK && observing)
		zx_object_remove_observer(obj, &call->ob);
	if (msg)
		zx_msg_reap(msg);
	if (obj)
		zx_object_put(obj);
	kvfree(iov);
out_free:
	kfree(s);
	return status;
}

static zx_status_t zx_channel_write_common(struct zx_process *proc,
					   void *argp, bool etc)
{
	struct zx_channel_write_args *args = argp;
	struct zx_channel_wr wr = {
		.handle = args->handle,
		.options = args->options,
		.bytes = args->bytes,
		.handles = args->handles,
		.num_bytes = args->num_bytes,
		.num_handles = args->num_handles,
		.etc = etc,
		.rights = ZX_RIGHT_WRITE,
	};

	return zx_channel_write_msg(proc, &wr, NULL, NULL);
}

zx_status_t zx_sys_channel_write(struct zx_process *proc, void *argp)
{
	return zx_channel_write_common(proc, argp, false);
}

zx_status_t zx_sys_channel_write_etc(struct zx_process *proc, void *argp)
{
	return zx_channel_write_common(proc, argp, true);
}

/* ---- reading -------------------------------------------------------------- */

/* Where a read or a call's reply goes. */
struct zx_channel_rd {
	u64 bytes;
	u64 handles;
	u32 num_bytes;
	u32 num_handles;
	u64 actual_bytes;
	u64 actual_handles;
	bool etc;			/* handles are zx_handle_info_t */
};

static zx_status_t zx_channel_put_actual(const struct zx_channel_rd *rd,
					 u32 num_bytes, u32 num_handles)
{
	if (rd->actual_bytes &&
	    put_user(num_bytes, (u32 __user *)zx_uptr(rd->actual_bytes)))
		return ZX_ERR_INVALID_ARGS;
	if (rd->actual_handles &&
	    put_user(num_handles, (u32 __user *)zx_uptr(rd->actual_handles)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

/*
 * Copies @msg out and installs its handles.  On success @msg is freed; on
 * failure nothing is installed and @msg is left whole for the caller.
 */
static zx_status_t zx_channel_deliver(struct zx_process *proc,
				      const struct zx_channel_rd *rd,
				      struct zx_channel_msg *msg)
{
	zx_handle_t values[ZX_CHANNEL_MAX_MSG_HANDLES];
	u32 index[ZX_CHANNEL_MAX_MSG_HANDLES];
	u32 n = msg->num_handles, i;
	zx_status_t status;

	status = zx_handles_reserve(proc, n, index, values);
	if (status != ZX_OK)
		return status;
	/* Bytes first: the handles win where the two buffers overlap. */
	if (copy_to_user(zx_uptr(rd->bytes), zx_msg_bytes(msg),
			 msg->num_bytes))
		goto fault;
	for (i = 0; i < n; i++) {
		if (rd->etc) {
			zx_handle_info_t info = {
				.handle = values[i],
				.type = msg->handles[i]->obj->type->obj_type,
				.rights = msg->handles[i]->rights,
			};
			zx_handle_info_t __user *ui = zx_uptr(rd->handles);

			if (copy_to_user(&ui[i], &info, sizeof(info)))
				goto fault;
		} else {
			zx_handle_t __user *uh = zx_uptr(rd->handles);

			if (put_user(values[i], &uh[i]))
				goto fault;
		}
	}
	if (zx_channel_put_actual(rd, msg->num_bytes, n) != ZX_OK)
		goto fault;
	zx_handles_publish(proc, n, index, msg->handles, values);
	kvfree(msg);
	return ZX_OK;

fault:
	zx_handles_unreserve(proc, n, index);
	return ZX_ERR_INVALID_ARGS;
}

static zx_status_t zx_channel_read_common(struct zx_process *proc,
					  void *argp, bool etc)
{
	struct zx_channel_read_args *args = argp;
	struct zx_channel_rd rd = {
		.bytes = args->bytes,
		.handles = args->handles,
		.num_bytes = args->num_bytes,
		.num_handles = args->num_handles,
		.actual_bytes = args->actual_bytes,
		.actual_handles = args->actual_handles,
		.etc = etc,
	};
	struct zx_channel_msg *msg = NULL;
	struct zx_object *obj;
	struct zx_channel *ch;
	u32 need_bytes = 0, need_handles = 0;
	unsigned long flags;
	zx_status_t status;

	if (args->options & ~ZX_CHANNEL_READ_MAY_DISCARD)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_CHANNEL,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	ch = zx_to_channel(obj);

	spin_lock_irqsave(obj->lock, flags);
	if (list_empty(&ch->msgs)) {
		status = obj->peer ? ZX_ERR_SHOULD_WAIT : ZX_ERR_PEER_CLOSED;
	} else {
		msg = list_first_entry(&ch->msgs, struct zx_channel_msg, node);
		need_bytes = msg->num_bytes;
		need_handles = msg->num_handles;
		if (need_bytes > rd.num_bytes || need_handles > rd.num_handles)
			status = ZX_ERR_BUFFER_TOO_SMALL;
		if (status == ZX_OK ||
		    (args->options & ZX_CHANNEL_READ_MAY_DISCARD))
			zx_channel_dequeue(ch);
		else
			msg = NULL;
	}
	spin_unlock_irqrestore(obj->lock, flags);

	if (status == ZX_ERR_BUFFER_TOO_SMALL) {
		if (msg)
			zx_msg_reap(msg);
		if (zx_channel_put_actual(&rd, need_bytes, need_handles))
			status = ZX_ERR_INVALID_ARGS;
	} else if (status == ZX_OK) {
		status = zx_channel_deliver(proc, &rd, msg);
		if (status != ZX_OK)
			zx_channel_requeue(ch, msg);
	}
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_channel_read(struct zx_process *proc, void *argp)
{
	return zx_channel_read_common(proc, argp, false);
}

zx_status_t zx_sys_channel_read_etc(struct zx_process *proc, void *argp)
{
	return zx_channel_read_common(proc, argp, true);
}

/* ---- calls ---------------------------------------------------------------- */

static void zx_channel_call_wake(struct zx_channel_waiter *w)
{
	WRITE_ONCE(w->done, true);
	wake_up_process(w->task);
}

static void zx_channel_call_on_match(struct zx_observer *ob,
				     zx_signals_t signals)
{
	zx_channel_call_wake(container_of(ob, struct zx_channel_waiter, ob));
}

static void zx_channel_call_on_cancel(struct zx_observer *ob,
				      zx_signals_t signals)
{
	struct zx_channel_waiter *w =
		container_of(ob, struct zx_channel_waiter, ob);

	w->canceled = true;
	zx_channel_call_wake(w);
}

/*
 * Sleeps until the reply, PEER_CLOSED, a close of the caller's handle or
 * the deadline.  Once the request is sent, a signal must neither resend it
 * (libzx restarts interrupted calls from scratch) nor lose the reply, so
 * the sleep is killable only: a handled signal waits until the call ends,
 * a fatal one ends the process.  Returns ZX_OK, ZX_ERR_TIMED_OUT or
 * ZX_ERR_INTERNAL_INTR_RETRY (fatal signal).
 */
static zx_status_t zx_channel_call_sleep(struct zx_channel_waiter *w,
					 zx_time_t deadline)
{
	ktime_t expires = deadline;
	zx_status_t status = ZX_OK;

	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (READ_ONCE(w->done))
			break;
		if (fatal_signal_pending(current)) {
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
			if (!READ_ONCE(w->done))
				status = ZX_ERR_TIMED_OUT;
			break;
		}
	}
	__set_current_state(TASK_RUNNING);
	return status;
}

static zx_status_t zx_channel_call_common(struct zx_process *proc,
					  void *argp, bool etc)
{
	struct zx_channel_call_ioc_args *args = argp;
	struct zx_thread *blocked;
	struct zx_channel_wr wr = {
		.handle = args->handle,
		.options = args->options,
		.bytes = args->wr_bytes,
		.handles = args->wr_handles,
		.num_bytes = args->wr_num_bytes,
		.num_handles = args->wr_num_handles,
		.etc = etc,
		.rights = ZX_RIGHT_READ | ZX_RIGHT_WRITE,
		/* Unlike a read's, a call's reply sizes are not optional. */
		.error = args->actual_bytes && args->actual_handles ?
			 ZX_OK : ZX_ERR_INVALID_ARGS,
	};
	struct zx_channel_rd rd = {
		.bytes = args->rd_bytes,
		.handles = args->rd_handles,
		.num_bytes = args->rd_num_bytes,
		.num_handles = args->rd_num_handles,
		.actual_bytes = args->actual_bytes,
		.actual_handles = args->actual_handles,
		.etc = etc,
	};
	struct zx_channel_waiter w = {
		.ob = {
			.trigger = ZX_CHANNEL_PEER_CLOSED,
			.on_match = zx_channel_call_on_match,
			.on_cancel = zx_channel_call_on_cancel,
		},
		.task = current,
	};
	struct zx_channel_msg *reply;
	struct zx_channel *ch;
	unsigned long flags;
	zx_status_t status;

	INIT_LIST_HEAD(&w.node);
	status = zx_channel_write_msg(proc, &wr, &w, &ch);
	if (status != ZX_OK)
		return status;

	blocked = zx_thread_block_begin(proc, ZX_THREAD_STATE_BLOCKED_CHANNEL);
	status = zx_channel_call_sleep(&w, args->deadline);
	zx_thread_block_end(blocked);
	spin_lock_irqsave(ch->base.lock, flags);
	reply = w.reply;
	list_del_init(&w.node);
	spin_unlock_irqrestore(ch->base.lock, flags);
	zx_object_remove_observer(&ch->base, &w.ob);

	if (reply) {
		if (reply->num_bytes > rd.num_bytes ||
		    reply->num_handles > rd.num_handles) {
			/* The reply is consumed; only its size is reported. */
			status = zx_channel_put_actual(&rd, reply->num_bytes,
						       reply->num_handles);
			if (status == ZX_OK)
				status = ZX_ERR_BUFFER_TOO_SMALL;
			zx_msg_reap(reply);
		} else {
			status = zx_channel_deliver(proc, &rd, reply);
			if (status != ZX_OK)
				zx_msg_reap(reply);
		}
	} else if (w.canceled) {
		status = ZX_ERR_CANCELED;
	} else if (READ_ONCE(w.done)) {
		status = ZX_ERR_PEER_CLOSED;
	}
	zx_object_put(&ch->base);
	return status;
}

zx_status_t zx_sys_channel_call(struct zx_process *proc, void *argp)
{
	return zx_channel_call_common(proc, argp, false);
}

zx_status_t zx_sys_channel_call_etc(struct zx_process *proc, void *argp)
{
	return zx_channel_call_common(proc, argp, true);
}

int zx_channel_init(void)
{
	zx_channel_wq = alloc_workqueue("zircon_channel", 0, 0);
	return zx_channel_wq ? 0 : -ENOMEM;
}

/*
 * Module exit: no object is left (each holds the module), but the work
 * that freed the last ones may still be returning.
 */
void zx_channel_exit(void)
{
	cancel_delayed_work_sync(&zx_gc_work);
	destroy_workqueue(zx_channel_wq);
}

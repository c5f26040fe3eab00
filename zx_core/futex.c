// SPDX-License-Identifier: GPL-2.0
/*
 * Futexes: wait queues named by (process context, user address).
 *
 * A futex has kernel state only while threads wait on it: the first waiter
 * brings the state (allocated before any lock is taken) and the last one to
 * leave frees it.  So there is at most one state per blocked thread, and, as
 * on Zircon, a futex without waiters has no owner.  States hang off a fixed
 * table of hash buckets, each with a spinlock.  Two processes never share a
 * futex, even over shared memory: the key holds the process context.
 *
 * The value check has to be atomic with joining the queue, so the word is
 * read under the bucket lock with page faults disabled; if the page is not
 * present the lock is dropped, the page faulted in by an ordinary read and
 * the whole check repeated.  No sleeping user access happens under the lock.
 *
 * A waker unlinks a waiter and only then marks it done (a release store);
 * a waiter that sees done owns nothing in the table any more and returns.
 * A waiter that timed out or caught a signal takes its bucket's lock again
 * (following waiter->bucket, which a requeue may change while both buckets
 * are locked) and leaves, unless a waker got there first: then the wake
 * counts and the call succeeds.  After a signal the ioctl restarts with the
 * same absolute deadline and checks the value again.
 *
 * Owners are referenced thread objects of the same process.  Zircon drops
 * ownership when the owning thread exits; nothing tells this module when a
 * task exits, so the owner's liveness is checked whenever an owner is
 * assigned or reported, which no caller can tell apart.
 */
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_FUTEX_HASH_BITS	8

struct zx_futex_bucket {
	spinlock_t lock;		/* its futexes and their waiters */
	struct hlist_head futexes;
} ____cacheline_aligned_in_smp;

struct zx_futex {
	struct hlist_node node;		/* in its bucket */
	struct zx_process *proc;
	unsigned long uaddr;		/* untagged */
	struct list_head waiters;	/* oldest first */
	struct zx_thread *owner;	/* referenced; NULL: none */
};

struct zx_futex_waiter {
	struct list_head node;
	struct task_struct *task;
	struct zx_thread *thread;	/* the waiting thread, referenced */
	struct zx_futex *futex;
	struct zx_futex_bucket *bucket;
	bool done;			/* unlinked by a waker */
};

struct zx_futex_key {
	struct zx_process *proc;
	unsigned long uaddr;
	u32 __user *ptr;
	struct zx_futex_bucket *bucket;
};

static struct zx_futex_bucket zx_futex_table[1 << ZX_FUTEX_HASH_BITS];

void zx_futex_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(zx_futex_table); i++) {
		spin_lock_init(&zx_futex_table[i].lock);
		INIT_HLIST_HEAD(&zx_futex_table[i].futexes);
	}
}

static zx_status_t zx_futex_key(struct zx_process *proc, u64 value_ptr,
				struct zx_futex_key *key)
{
	u32 __user *ptr = u64_to_user_ptr(value_ptr);

	if (!value_ptr || value_ptr % sizeof(u32) ||
	    !access_ok(ptr, sizeof(u32)))
		return ZX_ERR_INVALID_ARGS;
	key->proc = proc;
	key->ptr = ptr;
	/* Tagged aliases of one address are one futex. */
	key->uaddr = untagged_addr((unsigned long)value_ptr);
	key->bucket = &zx_futex_table[hash_long(key->uaddr ^ (unsigned long)proc,
						ZX_FUTEX_HASH_BITS)];
	return ZX_OK;
}

static struct zx_futex *zx_futex_find(const struct zx_futex_key *key)
{
	struct zx_futex *f;

	lockdep_assert_held(&key->bucket->lock);
	hlist_for_each_entry(f, &key->bucket->futexes, node)
		if (f->proc == key->proc && f->uaddr == key->uaddr)
			return f;
	return NULL;
}

/* The futex's state, made from *@spare if it has none yet. */
static struct zx_futex *zx_futex_state(const struct zx_futex_key *key,
				       struct zx_futex **spare)
{
	struct zx_futex *f = zx_futex_find(key);

	if (f)
		return f;
	f = *spare;
	*spare = NULL;
	f->proc = key->proc;
	f->uaddr = key->uaddr;
	INIT_LIST_HEAD(&f->waiters);
	f->owner = NULL;
	hlist_add_head(&f->node, &key->bucket->futexes);
	return f;
}

/* The last waiter has gone: unhash the state for zx_futex_free(). */
static struct zx_futex *zx_futex_unhash_if_empty(struct zx_futex *f)
{
	if (!list_empty(&f->waiters))
		return NULL;
	hlist_del(&f->node);
	return f;
}

/* After unlocking: frees an unhashed state and drops its owner. */
static void zx_futex_free(struct zx_futex *f)
{
	if (!f)
		return;
	zx_thread_put(f->owner);
	kfree(f);
}

/*
 * Makes @t (or nobody) the owner; an exited thread cannot own a futex, so
 * naming one means nobody.  Returns the previous owner, to be put after
 * unlocking.
 */
static struct zx_thread *zx_futex_set_owner(struct zx_futex *f,
					    struct zx_thread *t)
{
	struct zx_thread *old = f->owner;

	if (t && !zx_thread_alive(t))
		t = NULL;
	if (t)
		zx_object_get(&t->base);
	f->owner = t;
	return old;
}

static bool zx_futex_waits_on(struct zx_thread *t, struct zx_futex *f)
{
	return f && READ_ONCE(t->waiting_on) == f;
}

/*
 * The thread named by @handle, referenced, or NULL for ZX_HANDLE_INVALID.
 * Only threads of the calling process can own its futexes.
 */
static zx_status_t zx_futex_lookup_owner(struct zx_process *proc,
					 zx_handle_t handle,
					 struct zx_thread **out)
{
	struct zx_object *obj;
	struct zx_thread *t;
	zx_status_t status;

	*out = NULL;
	if (handle == ZX_HANDLE_INVALID)
		return ZX_OK;
	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_THREAD, 0, &obj,
				  NULL);
	if (status != ZX_OK)
		return status;
	t = container_of(obj, struct zx_thread, base);
	if (t->proc != proc) {
		zx_thread_put(t);
		return ZX_ERR_INVALID_ARGS;
	}
	*out = t;
	return ZX_OK;
}

static void zx_futex_lock2(struct zx_futex_bucket *a,
			   struct zx_futex_bucket *b)
{
	if (a > b)
		swap(a, b);
	spin_lock(&a->lock);
	if (b != a)
		spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

static void zx_futex_unlock2(struct zx_futex_bucket *a,
			     struct zx_futex_bucket *b)
{
	if (b != a)
		spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

/*
 * Locks @key's bucket and @other and checks that the word at @key still
 * holds @expected.  Returns ZX_OK with both locked, else an error with
 * neither locked.
 */
static zx_status_t zx_futex_lock_check(const struct zx_futex_key *key,
				       struct zx_futex_bucket *other,
				       s32 expected)
{
	u32 val;

	for (;;) {
		zx_futex_lock2(key->bucket, other);
		if (!copy_from_user_nofault(&val, key->ptr, sizeof(val)))
			break;
		zx_futex_unlock2(key->bucket, other);
		/* Fault the page in where sleeping is allowed, then retry. */
		if (get_user(val, key->ptr))
			return ZX_ERR_INVALID_ARGS;
	}
	if ((s32)val == expected)
		return ZX_OK;
	zx_futex_unlock2(key->bucket, other);
	return ZX_ERR_BAD_STATE;
}

static void zx_futex_wake_one(struct zx_futex_waiter *w)
{
	struct task_struct *task = w->task;

	list_del(&w->node);
	WRITE_ONCE(w->thread->waiting_on, NULL);
	get_task_struct(task);
	/* From here on the waiter may return: @w is not to be touched. */
	smp_store_release(&w->done, true);
	wake_up_process(task);
	put_task_struct(task);
}

/*
 * Wakes up to @count waiters, oldest first.  With @want_first, returns the
 * thread of the first one woken, referenced.
 */
static struct zx_thread *zx_futex_wake_n(struct zx_futex *f, u32 count,
					 bool want_first)
{
	struct zx_futex_waiter *w, *next;
	struct zx_thread *first = NULL;

	list_for_each_entry_safe(w, next, &f->waiters, node) {
		if (!count--)
			break;
		if (want_first && !first) {
			first = w->thread;
			zx_object_get(&first->base);
		}
		zx_futex_wake_one(w);
	}
	return first;
}

/* A timed-out or interrupted waiter leaves, unless it was woken meanwhile. */
static zx_status_t zx_futex_leave(struct zx_futex_waiter *w,
				  zx_status_t status)
{
	struct zx_futex_bucket *b;
	struct zx_futex *gone = NULL;

	for (;;) {
		b = READ_ONCE(w->bucket);
		spin_lock(&b->lock);
		if (b == READ_ONCE(w->bucket))
			break;
		spin_unlock(&b->lock);
	}
	if (w->done) {
		status = ZX_OK;
	} else {
		list_del(&w->node);
		WRITE_ONCE(w->thread->waiting_on, NULL);
		gone = zx_futex_unhash_if_empty(w->futex);
	}
	spin_unlock(&b->lock);
	zx_futex_free(gone);
	return status;
}

zx_status_t zx_sys_futex_wait(struct zx_process *proc, void *argp)
{
	struct zx_futex_wait_args *args = argp;
	struct zx_futex_waiter w = { .task = current };
	struct zx_thread *owner, *old_owner;
	struct zx_futex *f, *spare = NULL;
	struct zx_futex_key key;
	zx_status_t status, owner_status;

	status = zx_futex_key(proc, args->value_ptr, &key);
	if (status != ZX_OK)
		return status;
	/* Reported only if the value matches: BAD_STATE comes first. */
	owner_status = zx_futex_lookup_owner(proc, args->new_futex_owner,
					     &owner);
	w.thread = zx_thread_current(proc);
	if (IS_ERR(w.thread)) {
		w.thread = NULL;
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	spare = kmalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
	if (!spare) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}

	status = zx_futex_lock_check(&key, key.bucket, args->current_value);
	if (status != ZX_OK)
		goto out;
	f = zx_futex_find(&key);
	if (owner_status != ZX_OK)
		status = owner_status;
	else if (owner && (owner == w.thread || zx_futex_waits_on(owner, f)))
		status = ZX_ERR_INVALID_ARGS;
	if (status != ZX_OK) {
		spin_unlock(&key.bucket->lock);
		goto out;
	}
	f = zx_futex_state(&key, &spare);
	old_owner = zx_futex_set_owner(f, owner);
	w.futex = f;
	w.bucket = key.bucket;
	list_add_tail(&w.node, &f->waiters);
	WRITE_ONCE(w.thread->waiting_on, f);
	spin_unlock(&key.bucket->lock);
	zx_thread_put(old_owner);

	/* waiting_on already says BLOCKED_FUTEX. */
	status = zx_block_until(proc, &w.done, args->deadline, 0);
	if (status != ZX_OK)
		status = zx_futex_leave(&w, status);
out:
	kfree(spare);
	zx_thread_put(owner);
	zx_thread_put(w.thread);
	return status;
}

/* Wake and wake_single_owner: the owner becomes nobody, or the woken. */
static zx_status_t zx_futex_wake(struct zx_process *proc, u64 value_ptr,
				 u32 count, bool single_owner)
{
	struct zx_thread *old_owner = NULL, *woken = NULL;
	struct zx_futex *f, *gone = NULL;
	struct zx_futex_key key;
	zx_status_t status;

	status = zx_futex_key(proc, value_ptr, &key);
	if (status != ZX_OK)
		return status;
	spin_lock(&key.bucket->lock);
	f = zx_futex_find(&key);
	if (f) {
		old_owner = f->owner;
		f->owner = NULL;
		woken = zx_futex_wake_n(f, count, single_owner);
		if (woken && !list_empty(&f->waiters)) {
			f->owner = woken;
			woken = NULL;
		}
		gone = zx_futex_unhash_if_empty(f);
	}
	spin_unlock(&key.bucket->lock);
	zx_thread_put(old_owner);
	zx_thread_put(woken);
	zx_futex_free(gone);
	return ZX_OK;
}

zx_status_t zx_sys_futex_wake(struct zx_process *proc, void *argp)
{
	struct zx_futex_wake_args *args = argp;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	return zx_futex_wake(proc, args->value_ptr, args->wake_count, false);
}

/*
 * The store, wake and close of futex_wake_handle_close_thread_exit; libzx
 * ends the thread.  Any failure is ZX_FUTEX_WAKE_CLOSE_TRAP: the caller
 * must trap, as the call has no errors to return.
 */
zx_status_t zx_sys_futex_wake_handle_close(struct zx_process *proc,
					   void *argp)
{
	struct zx_futex_wake_close_args *args = argp;
	u32 __user *uaddr = zx_uptr(args->value_ptr);

	/* Release: the thread's last writes are seen before the value. */
	smp_mb();
	if (args->reserved || put_user((u32)args->new_value, uaddr) ||
	    zx_futex_wake(proc, args->value_ptr, args->wake_count,
			  false) != ZX_OK ||
	    zx_handle_close(proc, args->close_handle) != ZX_OK)
		return -ZX_FUTEX_WAKE_CLOSE_TRAP;
	return ZX_OK;
}

zx_status_t zx_sys_futex_wake_single_owner(struct zx_process *proc,
					   void *argp)
{
	struct zx_futex_ptr_args *args = argp;

	return zx_futex_wake(proc, args->value_ptr, 1, true);
}

static zx_status_t zx_futex_requeue(struct zx_process *proc,
				    const struct zx_futex_requeue_args *args,
				    bool single_owner)
{
	struct zx_thread *owner, *woken = NULL;
	struct zx_thread *old_wake_owner = NULL, *old_requeue_owner = NULL;
	struct zx_futex *f, *rf, *spare = NULL, *gone = NULL;
	struct zx_futex_key key, rkey;
	struct zx_futex_waiter *w;
	zx_status_t status, owner_status;
	u32 n;

	status = zx_futex_key(proc, args->value_ptr, &key);
	if (status == ZX_OK)
		status = zx_futex_key(proc, args->requeue_ptr, &rkey);
	if (status != ZX_OK)
		return status;
	if (key.uaddr == rkey.uaddr)
		return ZX_ERR_INVALID_ARGS;
	owner_status = zx_futex_lookup_owner(proc, args->new_requeue_owner,
					     &owner);
	if (args->requeue_count) {
		spare = kmalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
		if (!spare) {
			status = ZX_ERR_NO_MEMORY;
			goto out;
		}
	}

	status = zx_futex_lock_check(&key, rkey.bucket, args->current_value);
	if (status != ZX_OK)
		goto out;
	f = zx_futex_find(&key);
	rf = zx_futex_find(&rkey);
	if (owner_status != ZX_OK)
		status = owner_status;
	else if (owner && (zx_futex_waits_on(owner, f) ||
			   zx_futex_waits_on(owner, rf)))
		status = ZX_ERR_INVALID_ARGS;
	if (status != ZX_OK) {
		zx_futex_unlock2(key.bucket, rkey.bucket);
		goto out;
	}

	if (f) {
		old_wake_owner = f->owner;
		f->owner = NULL;
		woken = zx_futex_wake_n(f, args->wake_count, single_owner);
		for (n = args->requeue_count; n && !list_empty(&f->waiters);
		     n--) {
			w = list_first_entry(&f->waiters,
					     struct zx_futex_waiter, node);
			if (!rf)
				rf = zx_futex_state(&rkey, &spare);
			list_move_tail(&w->node, &rf->waiters);
			w->futex = rf;
			WRITE_ONCE(w->bucket, rkey.bucket);
			WRITE_ONCE(w->thread->waiting_on, rf);
		}
		if (woken && !list_empty(&f->waiters)) {
			f->owner = woken;
			woken = NULL;
		}
		gone = zx_futex_unhash_if_empty(f);
	}
	/* Without waiters the requeue futex has no state, so no owner. */
	if (rf)
		old_requeue_owner = zx_futex_set_owner(rf, owner);
	zx_futex_unlock2(key.bucket, rkey.bucket);
	zx_thread_put(old_wake_owner);
	zx_thread_put(old_requeue_owner);
	zx_thread_put(woken);
	zx_futex_free(gone);
out:
	kfree(spare);
	zx_thread_put(owner);
	return status;
}

zx_status_t zx_sys_futex_requeue(struct zx_process *proc, void *argp)
{
	return zx_futex_requeue(proc, argp, false);
}

zx_status_t zx_sys_futex_requeue_single_owner(struct zx_process *proc,
					      void *argp)
{
	struct zx_futex_requeue_args *args = argp;

	/* libzx passes the one wake this call always makes. */
	if (args->wake_count != 1)
		return ZX_ERR_INVALID_ARGS;
	return zx_futex_requeue(proc, args, true);
}

zx_status_t zx_sys_futex_get_owner(struct zx_process *proc, void *argp)
{
	struct zx_futex_get_owner_args *args = argp;
	struct zx_thread *dead = NULL;
	zx_koid_t koid = ZX_KOID_INVALID;
	struct zx_futex_key key;
	struct zx_futex *f;
	zx_status_t status;

	status = zx_futex_key(proc, args->value_ptr, &key);
	if (status != ZX_OK)
		return status;
	spin_lock(&key.bucket->lock);
	f = zx_futex_find(&key);
	if (f && f->owner) {
		if (zx_thread_alive(f->owner)) {
			koid = f->owner->base.koid;
		} else {
			/* The owner exited: the futex is nobody's now. */
			dead = f->owner;
			f->owner = NULL;
		}
	}
	spin_unlock(&key.bucket->lock);
	zx_thread_put(dead);
	if (put_user(koid, (zx_koid_t __user *)zx_uptr(args->koid)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

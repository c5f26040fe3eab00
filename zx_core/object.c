// SPDX-License-Identifier: GPL-2.0
/*
 * The object base every kernel object type builds on: identity (koid),
 * lifetime, signal state and the observers that waits and ports attach.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "zircon.h"

static atomic64_t zx_next_koid = ATOMIC64_INIT(ZX_KOID_FIRST);
static atomic_long_t zx_objects_alive = ATOMIC_LONG_INIT(0);

/* The lock two peers share; it lives as long as either end. */
struct zx_peer_lock {
	spinlock_t lock;
	refcount_t ref;
};

void zx_object_init(struct zx_object *obj, const struct zx_object_type *type)
{
	obj->type = type;
	kref_init(&obj->ref);
	atomic_set(&obj->handle_count, 0);
	obj->koid = atomic64_inc_return(&zx_next_koid) - 1;
	obj->related_koid = ZX_KOID_INVALID;
	spin_lock_init(&obj->own_lock);
	obj->lock = &obj->own_lock;
	obj->signals = 0;
	INIT_LIST_HEAD(&obj->observers);
	obj->peer = NULL;
	memset(obj->name, 0, sizeof(obj->name));
	/*
	 * The module before the count, and the count down before the module
	 * (zx_object_release()), so its refcount never reads below the count.
	 */
	if (!type->permanent) {
		__module_get(THIS_MODULE);
		atomic_long_inc(&zx_objects_alive);
	}
}

int zx_object_init_peers(struct zx_object *a, struct zx_object *b)
{
	struct zx_peer_lock *pl;

	pl = kmalloc(sizeof(*pl), GFP_KERNEL_ACCOUNT);
	if (!pl)
		return -ENOMEM;
	spin_lock_init(&pl->lock);
	refcount_set(&pl->ref, 2);
	a->lock = &pl->lock;
	b->lock = &pl->lock;
	a->peer = b;
	b->peer = a;
	a->related_koid = b->koid;
	b->related_koid = a->koid;
	return 0;
}

static void zx_object_release(struct kref *ref)
{
	struct zx_object *obj = container_of(ref, struct zx_object, ref);
	struct zx_peer_lock *pl = NULL;
	bool counted = !obj->type->permanent;

	WARN_ON_ONCE(!list_empty(&obj->observers));
	if (obj->lock != &obj->own_lock)
		pl = container_of(obj->lock, struct zx_peer_lock, lock);
	obj->type->destroy(obj);
	if (pl && refcount_dec_and_test(&pl->ref))
		kfree(pl);
	if (counted) {
		atomic_long_dec(&zx_objects_alive);
		/* Whoever runs this holds the module, or module exit waits. */
		module_put(THIS_MODULE);
	}
}

void zx_object_put(struct zx_object *obj)
{
	kref_put(&obj->ref, zx_object_release);
}

long zx_live_objects(void)
{
	return atomic_long_read(&zx_objects_alive);
}

/* Caller holds obj->lock. */
void __zx_object_update_signals(struct zx_object *obj, zx_signals_t clear,
				zx_signals_t set)
{
	struct zx_observer *ob, *tmp;
	zx_signals_t next = (obj->signals & ~clear) | set;
	zx_signals_t rising = next & ~obj->signals;

	lockdep_assert_held(obj->lock);
	if (next == obj->signals)
		return;
	obj->signals = next;
	/* on_match may unlink the observer it is called for. */
	list_for_each_entry_safe(ob, tmp, &obj->observers, node)
		if (ob->trigger & (ob->edge ? rising : next))
			ob->on_match(ob, next);
}

/*
 * Caller holds obj->lock.  Wakes the observers waiting for any of @strobe
 * as if those signals had been asserted and at once deasserted: the state
 * does not change, so no later wait can see them (ZX_CLOCK_UPDATED).
 */
void __zx_object_strobe_signals(struct zx_object *obj, zx_signals_t strobe)
{
	struct zx_observer *ob, *tmp;

	lockdep_assert_held(obj->lock);
	list_for_each_entry_safe(ob, tmp, &obj->observers, node)
		if (ob->trigger & strobe)
			ob->on_match(ob, obj->signals | strobe);
}

void zx_object_update_signals(struct zx_object *obj, zx_signals_t clear,
			      zx_signals_t set)
{
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	__zx_object_update_signals(obj, clear, set);
	spin_unlock_irqrestore(obj->lock, flags);
}

zx_signals_t zx_object_signals(struct zx_object *obj)
{
	return READ_ONCE(obj->signals);
}

/*
 * Registers @ob; unless it is an edge observer, it fires at once if its
 * trigger is already active, so a wait never misses a signal raised before
 * it started.  Observers are kept newest first, so one signal change fires
 * them in that order, and async waits of one port queue their packets
 * newest registration first, as on Zircon.  Caller holds obj->lock.
 */
void __zx_object_add_observer(struct zx_object *obj, struct zx_observer *ob)
{
	lockdep_assert_held(obj->lock);
	/* Or closing the handle would not cancel it (zx_handle_destroy()). */
	WARN_ON_ONCE(ob->handle && !ob->handle->observed);
	list_add(&ob->node, &obj->observers);
	if (!ob->edge && (ob->trigger & obj->signals))
		ob->on_match(ob, obj->signals);
}

void zx_object_add_observer(struct zx_object *obj, struct zx_observer *ob)
{
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	__zx_object_add_observer(obj, ob);
	spin_unlock_irqrestore(obj->lock, flags);
}

/* Unregisters @ob if still registered; returns the current signals. */
zx_signals_t zx_object_remove_observer(struct zx_object *obj,
				       struct zx_observer *ob)
{
	unsigned long flags;
	zx_signals_t signals;

	spin_lock_irqsave(obj->lock, flags);
	if (!list_empty(&ob->node))
		list_del_init(&ob->node);
	signals = obj->signals;
	spin_unlock_irqrestore(obj->lock, flags);
	return signals;
}

/* A handle to @obj is being closed: end the waits made through it. */
void zx_object_cancel_handle(struct zx_object *obj,
			     const struct zx_handle *handle)
{
	struct zx_observer *ob, *tmp;
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	list_for_each_entry_safe(ob, tmp, &obj->observers, node) {
		if (ob->handle != handle)
			continue;
		list_del_init(&ob->node);
		ob->on_cancel(ob, obj->signals);
	}
	spin_unlock_irqrestore(obj->lock, flags);
}

/*
 * The last handle to one end of a peered object is gone: unlink the pair
 * and tell the survivor, as its type asks.
 */
void zx_object_unlink_peer(struct zx_object *obj)
{
	const struct zx_object_type *type = obj->type;
	struct zx_object *peer;
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	peer = obj->peer;
	if (peer) {
		peer->peer = NULL;
		obj->peer = NULL;
		__zx_object_update_signals(peer, type->peer_closed_clear,
					   type->peer_closed_set);
		if (type->peer_closed)
			type->peer_closed(peer);
	}
	spin_unlock_irqrestore(obj->lock, flags);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Handles and the per-process handle table.
 *
 * A table is an arena of slots in chunks of ZX_HANDLE_CHUNK_SLOTS, made as
 * it grows and kept until the process goes.  Free slots form a LIFO list,
 * so a process that closes and makes handles in turn reuses the same few
 * slots and allocates nothing.  Each slot counts how often it was handed
 * out; that generation is part of the value, so a stale value names
 * nothing (until the counter wraps: 2^ZX_HANDLE_GEN_BITS reuses of one
 * slot), and the value is XORed with a per-process secret, so values are
 * hard to guess.
 *
 * Handles are published in two phases: a slot is reserved, the value is
 * copied to the caller, and only then is the handle stored.  A caller whose
 * output pointer faults never gets a handle it cannot see.
 */
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"

#define ZX_HANDLE_INDEX_MASK	((1U << ZX_HANDLE_INDEX_BITS) - 1)
#define ZX_HANDLE_GEN_MASK	((1U << ZX_HANDLE_GEN_BITS) - 1)
#define ZX_HANDLE_CHUNK_SHIFT	8
#define ZX_HANDLE_CHUNK_SLOTS	(1U << ZX_HANDLE_CHUNK_SHIFT)

struct zx_handle_slot {
	/* While a handle is published here; 0 otherwise (never a value). */
	zx_handle_t value;
	/* Times the slot was handed out; part of the next value. */
	u32 gen;
	union {
		struct zx_handle *h;	/* published */
		u32 next_free;		/* free: next free index + 1, or 0 */
	};
};

struct zx_handle_chunk {
	struct zx_handle_slot slot[ZX_HANDLE_CHUNK_SLOTS];
};

static struct kmem_cache *zx_handle_cache;
static atomic_long_t zx_handles_alive = ATOMIC_LONG_INIT(0);

int zx_handle_cache_init(void)
{
	zx_handle_cache = KMEM_CACHE(zx_handle, SLAB_ACCOUNT);
	return zx_handle_cache ? 0 : -ENOMEM;
}

void zx_handle_cache_exit(void)
{
	kmem_cache_destroy(zx_handle_cache);
}

long zx_live_handles(void)
{
	return atomic_long_read(&zx_handles_alive);
}

struct zx_handle *zx_handle_create(struct zx_object *obj, zx_rights_t rights)
{
	struct zx_handle *h;

	h = kmem_cache_alloc(zx_handle_cache, GFP_KERNEL_ACCOUNT);
	if (!h)
		return NULL;
	zx_object_get(obj);
	atomic_inc(&obj->handle_count);
	h->obj = obj;
	h->rights = rights;
	h->value = ZX_HANDLE_INVALID;
	h->observed = false;
	atomic_long_inc(&zx_handles_alive);
	return h;
}

/* @h must not be in any table. */
void zx_handle_destroy(struct zx_handle *h)
{
	struct zx_object *obj = h->obj;

	/* No wait can be added through a handle outside any table. */
	if (h->observed)
		zx_object_cancel_handle(obj, h);
	if (atomic_dec_and_test(&obj->handle_count)) {
		if (obj->type->peered)
			zx_object_unlink_peer(obj);
		if (obj->type->on_zero_handles)
			obj->type->on_zero_handles(obj);
	}
	kmem_cache_free(zx_handle_cache, h);
	atomic_long_dec(&zx_handles_alive);
	zx_object_put(obj);
}

/* Rights for a derived handle: never more than the original's. */
zx_status_t zx_rights_reduce(zx_rights_t have, zx_rights_t want,
				    zx_rights_t *out)
{
	if (want == ZX_RIGHT_SAME_RIGHTS) {
		*out = have;
		return ZX_OK;
	}
	if (want & ~have)
		return ZX_ERR_INVALID_ARGS;
	*out = want;
	return ZX_OK;
}

void zx_handle_table_init(struct zx_handle_table *t)
{
	xa_init_flags(&t->slots, XA_FLAGS_ACCOUNT);
	t->free_head = 0;
	t->next_new = 0;
	t->secret = get_random_u32() & ~ZX_HANDLE_FIXED_BITS_MASK;
	t->closed = false;
}

static zx_handle_t zx_handle_encode(struct zx_handle_table *t, u32 index,
				    u32 gen)
{
	u32 raw = ((gen & ZX_HANDLE_GEN_MASK) << ZX_HANDLE_INDEX_BITS) | index;

	return ((raw << 2) | ZX_HANDLE_FIXED_BITS_MASK) ^ t->secret;
}

static u32 zx_handle_index(struct zx_handle_table *t, zx_handle_t value)
{
	return ((value ^ t->secret) >> 2) & ZX_HANDLE_INDEX_MASK;
}

/*
 * The slot at @index, or NULL if its chunk was never made.  Caller holds
 * the table lock or the RCU read lock: chunks are freed only when the table
 * is closed, the directory's nodes after a grace period.
 */
static struct zx_handle_slot *zx_handle_slot(struct zx_handle_table *t,
					     u32 index)
{
	XA_STATE(xas, &t->slots, index >> ZX_HANDLE_CHUNK_SHIFT);
	struct zx_handle_chunk *chunk = xas_load(&xas);

	return chunk ? &chunk->slot[index % ZX_HANDLE_CHUNK_SLOTS] : NULL;
}

/* Caller holds the table lock. */
struct zx_handle *__zx_handle_find(struct zx_process *proc, zx_handle_t value)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle_slot *slot;

	lockdep_assert_held(&t->slots.xa_lock);
	if (((value ^ t->secret) & ZX_HANDLE_FIXED_BITS_MASK) !=
	    ZX_HANDLE_FIXED_BITS_MASK)
		return NULL;
	slot = zx_handle_slot(t, zx_handle_index(t, value));
	if (!slot || slot->value != value)
		return NULL;
	return slot->h;
}

/*
 * Whether @value names a handle of the caller's, without the table lock:
 * slots stay in place while the process can call, and their values are
 * written once per publish and unlink.  The answer is as racy as any with a
 * concurrent close.
 */
bool zx_handle_valid(struct zx_process *proc, zx_handle_t value)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle_slot *slot;
	bool valid;

	if (value == ZX_HANDLE_INVALID)
		return false;
	rcu_read_lock();
	slot = zx_handle_slot(t, zx_handle_index(t, value));
	valid = slot && READ_ONCE(slot->value) == value;
	rcu_read_unlock();
	return valid;
}

/* Puts a slot that was handed out back on the free list. */
static void zx_handle_slot_free(struct zx_handle_table *t,
				struct zx_handle_slot *slot, u32 index)
{
	WRITE_ONCE(slot->value, ZX_HANDLE_INVALID);
	slot->gen++;
	slot->next_free = t->free_head;
	t->free_head = index + 1;
}

/*
 * Takes a free slot, the most recently freed first, or a new one, making a
 * chunk when the last is full (with the lock dropped to allocate).
 */
static zx_status_t zx_handle_reserve(struct zx_handle_table *t, u32 *index,
				     zx_handle_t *value)
{
	struct zx_handle_chunk *spare = NULL;
	struct zx_handle_slot *slot;
	zx_status_t status;
	int ret;

	xa_lock(&t->slots);
	for (;;) {
		if (t->closed) {
			status = ZX_ERR_BAD_STATE;
			break;
		}
		if (t->free_head) {
			*index = t->free_head - 1;
			slot = zx_handle_slot(t, *index);
			t->free_head = slot->next_free;
			status = ZX_OK;
			break;
		}
		if (t->next_new >= ZX_HANDLE_TABLE_MAX) {
			status = ZX_ERR_NO_RESOURCES;
			break;
		}
		slot = zx_handle_slot(t, t->next_new);
		if (slot) {
			*index = t->next_new++;
			status = ZX_OK;
			break;
		}
		if (!spare) {
			xa_unlock(&t->slots);
			spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
			xa_lock(&t->slots);
			if (!spare) {
				status = ZX_ERR_NO_MEMORY;
				break;
			}
			continue;
		}
		/* May drop the lock to allocate: everything is checked again. */
		ret = __xa_insert(&t->slots,
				  t->next_new >> ZX_HANDLE_CHUNK_SHIFT, spare,
				  GFP_KERNEL_ACCOUNT);
		if (ret == 0)
			spare = NULL;
		else if (ret != -EBUSY) {
			status = ZX_ERR_NO_MEMORY;
			break;
		}
	}
	if (status == ZX_OK) {
		slot->next_free = 0;
		*value = zx_handle_encode(t, *index, slot->gen);
	}
	xa_unlock(&t->slots);
	kfree(spare);
	return status;
}

/* A reserved slot whose handle was never published. */
static void zx_handle_unreserve(struct zx_handle_table *t, u32 index)
{
	xa_lock(&t->slots);
	zx_handle_slot_free(t, zx_handle_slot(t, index), index);
	xa_unlock(&t->slots);
}

static void zx_handle_publish(struct zx_handle_table *t, u32 index,
			      struct zx_handle *h, zx_handle_t value)
{
	struct zx_handle_slot *slot;

	xa_lock(&t->slots);
	slot = zx_handle_slot(t, index);
	h->value = value;
	slot->h = h;
	WRITE_ONCE(slot->value, value);
	xa_unlock(&t->slots);
}

zx_status_t zx_handle_install(struct zx_process *proc, struct zx_handle *h,
			      zx_handle_t *value)
{
	zx_status_t status;
	u32 index;

	status = zx_handle_reserve(&proc->handles, &index, value);
	if (status == ZX_OK)
		zx_handle_publish(&proc->handles, index, h, *value);
	return status;
}

/*
 * Installs @h and writes its value to the user's @uptr.  On any failure @h
 * is destroyed.
 */
zx_status_t zx_handle_install_user(struct zx_process *proc,
				   struct zx_handle *h, u64 uptr)
{
	struct zx_handle_table *t = &proc->handles;
	zx_handle_t value;
	zx_status_t status;
	u32 index;

	status = zx_handle_reserve(t, &index, &value);
	if (status != ZX_OK)
		goto err_destroy;
	if (put_user(value, (zx_handle_t __user *)zx_uptr(uptr))) {
		zx_handle_unreserve(t, index);
		status = ZX_ERR_INVALID_ARGS;
		goto err_destroy;
	}
	zx_handle_publish(t, index, h, value);
	return ZX_OK;

err_destroy:
	zx_handle_destroy(h);
	return status;
}

zx_status_t zx_create_handle_user(struct zx_process *proc,
				  struct zx_object *obj, u64 uptr)
{
	struct zx_handle *h;

	h = zx_handle_create(obj, obj->type->default_rights);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, uptr);
}

/* Both handles are published, or neither. */
zx_status_t zx_create_handle_pair_user(struct zx_process *proc,
				       struct zx_object *a,
				       struct zx_object *b,
				       u64 uptr0, u64 uptr1)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle *ha, *hb;
	zx_handle_t va, vb;
	zx_status_t status = ZX_ERR_NO_MEMORY;
	u32 ia, ib;

	ha = zx_handle_create(a, a->type->default_rights);
	if (!ha)
		return ZX_ERR_NO_MEMORY;
	hb = zx_handle_create(b, b->type->default_rights);
	if (!hb)
		goto err_ha;
	status = zx_handle_reserve(t, &ia, &va);
	if (status != ZX_OK)
		goto err_hb;
	status = zx_handle_reserve(t, &ib, &vb);
	if (status != ZX_OK)
		goto err_release_a;
	if (put_user(va, (zx_handle_t __user *)zx_uptr(uptr0)) ||
	    put_user(vb, (zx_handle_t __user *)zx_uptr(uptr1))) {
		status = ZX_ERR_INVALID_ARGS;
		goto err_release_b;
	}
	zx_handle_publish(t, ia, ha, va);
	zx_handle_publish(t, ib, hb, vb);
	return ZX_OK;

err_release_b:
	zx_handle_unreserve(t, ib);
err_release_a:
	zx_handle_unreserve(t, ia);
err_hb:
	zx_handle_destroy(hb);
err_ha:
	zx_handle_destroy(ha);
	return status;
}

/*
 * The create call of every peered type: links two freshly made ends and
 * hands both to the caller.  Consumes the creation references; an end is
 * NULL if making it failed.
 */
zx_status_t zx_create_peered_pair_user(struct zx_process *proc,
				       struct zx_object *a,
				       struct zx_object *b,
				       u64 uptr0, u64 uptr1)
{
	zx_status_t status = ZX_ERR_NO_MEMORY;

	if (a && b && !zx_object_init_peers(a, b))
		status = zx_create_handle_pair_user(proc, a, b, uptr0, uptr1);
	if (a)
		zx_object_put(a);
	if (b)
		zx_object_put(b);
	return status;
}

/*
 * @n handles installed as one unit (channel reads): reserve all slots, copy
 * the values out, then publish all or unreserve all.
 */
zx_status_t zx_handles_reserve(struct zx_process *proc, u32 n, u32 *index,
			       zx_handle_t *values)
{
	zx_status_t status = ZX_OK;
	u32 i;

	for (i = 0; i < n && status == ZX_OK; i++)
		status = zx_handle_reserve(&proc->handles, &index[i], &values[i]);
	if (status != ZX_OK)
		zx_handles_unreserve(proc, i - 1, index);
	return status;
}

void zx_handles_unreserve(struct zx_process *proc, u32 n, const u32 *index)
{
	u32 i;

	for (i = 0; i < n; i++)
		zx_handle_unreserve(&proc->handles, index[i]);
}

void zx_handles_publish(struct zx_process *proc, u32 n, const u32 *index,
			struct zx_handle *const *h, const zx_handle_t *values)
{
	u32 i;

	for (i = 0; i < n; i++)
		zx_handle_publish(&proc->handles, index[i], h[i], values[i]);
}

/*
 * Takes @h, found with __zx_handle_find(), out of the table, so a caller can
 * remove several handles in one critical section.
 */
void __zx_handle_unlink(struct zx_process *proc, struct zx_handle *h)
{
	struct zx_handle_table *t = &proc->handles;
	u32 index = zx_handle_index(t, h->value);

	lockdep_assert_held(&t->slots.xa_lock);
	zx_handle_slot_free(t, zx_handle_slot(t, index), index);
	h->value = ZX_HANDLE_INVALID;
}

zx_status_t zx_handle_lookup(struct zx_process *proc, zx_handle_t value,
			     zx_obj_type_t type, zx_rights_t rights,
			     struct zx_object **obj, zx_rights_t *out_rights)
{
	struct zx_handle_table *t = &proc->handles;
	zx_status_t status = ZX_OK;
	struct zx_handle *h;

	xa_lock(&t->slots);
	h = __zx_handle_find(proc, value);
	if (!h)
		status = ZX_ERR_BAD_HANDLE;
	else if (type != ZX_OBJ_TYPE_NONE && h->obj->type->obj_type != type)
		status = ZX_ERR_WRONG_TYPE;
	else if ((h->rights & rights) != rights)
		status = ZX_ERR_ACCESS_DENIED;
	if (status == ZX_OK) {
		zx_object_get(h->obj);
		*obj = h->obj;
		if (out_rights)
			*out_rights = h->rights;
	}
	xa_unlock(&t->slots);
	return status;
}

/* Takes the handle out of the table; the caller owns it afterwards. */
zx_status_t zx_handle_remove(struct zx_process *proc, zx_handle_t value,
			     struct zx_handle **out)
{
	struct zx_handle_table *t = &proc->handles;
	struct zx_handle *h;

	xa_lock(&t->slots);
	h = __zx_handle_find(proc, value);
	if (h)
		__zx_handle_unlink(proc, h);
	xa_unlock(&t->slots);
	if (!h)
		return ZX_ERR_BAD_HANDLE;
	*out = h;
	return ZX_OK;
}

zx_status_t zx_handle_close(struct zx_process *proc, zx_handle_t value)
{
	struct zx_handle *h;
	zx_status_t status;

	if (value == ZX_HANDLE_INVALID)
		return ZX_OK;
	status = zx_handle_remove(proc, value, &h);
	if (status == ZX_OK)
		zx_handle_destroy(h);
	return status;
}

/*
 * The process is gone: no handle can be added, all are closed.  None of its
 * calls can run any more (or, in KUnit, none runs concurrently), so the
 * chunks can go once every handle has.
 */
void zx_handle_table_close_all(struct zx_handle_table *t)
{
	struct zx_handle_chunk *chunk;
	struct zx_handle_slot *slot;
	unsigned long nr;
	struct zx_handle *h;
	unsigned int i;

	xa_lock(&t->slots);
	t->closed = true;
	xa_unlock(&t->slots);

	xa_for_each(&t->slots, nr, chunk) {
		for (i = 0; i < ZX_HANDLE_CHUNK_SLOTS; i++) {
			slot = &chunk->slot[i];
			xa_lock(&t->slots);
			h = slot->value ? slot->h : NULL;
			if (h) {
				WRITE_ONCE(slot->value, ZX_HANDLE_INVALID);
				h->value = ZX_HANDLE_INVALID;
			}
			xa_unlock(&t->slots);
			if (h) {
				zx_handle_destroy(h);
				cond_resched();
			}
		}
	}
	xa_for_each(&t->slots, nr, chunk)
		kfree(chunk);
	xa_destroy(&t->slots);
}

/*
 * Calls @visit on every handle of @t in table order, with the table lock
 * held (so @visit must not sleep).  A closed table's chunks are being freed
 * without that lock, so a closed table has no handles to visit.
 */
static void zx_handles_for_each(struct zx_handle_table *t,
				void (*visit)(void *ctx,
					      struct zx_handle_slot *slot),
				void *ctx)
{
	struct zx_handle_chunk *chunk;
	unsigned long nr;
	unsigned int i;

	xa_lock(&t->slots);
	xa_for_each(&t->slots, nr, chunk) {
		if (t->closed)
			break;
		for (i = 0; i < ZX_HANDLE_CHUNK_SLOTS; i++)
			if (chunk->slot[i].value)
				visit(ctx, &chunk->slot[i]);
	}
	xa_unlock(&t->slots);
}

/* A window [skip, skip + max) over a numbered walk, and its progress. */
struct zx_handles_window {
	size_t skip, max;
	size_t n;			/* handles counted so far */
	size_t got;			/* of them inside the window */
	zx_obj_type_t type;		/* ZX_OBJ_TYPE_NONE: any */
	void *out;
};

/* Counts @slot if it is of the window's type; true if it falls inside. */
static bool zx_handles_window_take(struct zx_handles_window *w,
				   struct zx_handle_slot *slot)
{
	bool inside;

	if (w->type != ZX_OBJ_TYPE_NONE &&
	    slot->h->obj->type->obj_type != w->type)
		return false;
	inside = w->n >= w->skip && w->n - w->skip < w->max;
	w->n++;
	return inside;
}

static void zx_handles_collect_one(void *ctx, struct zx_handle_slot *slot)
{
	struct zx_handles_window *w = ctx;
	struct zx_handle_ref *out = w->out;

	if (!zx_handles_window_take(w, slot))
		return;
	zx_object_get(slot->h->obj);
	out[w->got].obj = slot->h->obj;
	out[w->got].rights = slot->h->rights;
	w->got++;
}

/*
 * The handles of @t to objects of type @type, numbered in table order:
 * those numbered [@skip, @skip + @max) go to @out, each with a reference
 * on its object, and *@got says how many.  Returns how many there are.
 */
size_t zx_handles_collect(struct zx_handle_table *t, zx_obj_type_t type,
			  size_t skip, size_t max, struct zx_handle_ref *out,
			  size_t *got)
{
	struct zx_handles_window w = {
		.skip = skip, .max = max, .type = type, .out = out,
	};

	zx_handles_for_each(t, zx_handles_collect_one, &w);
	*got = w.got;
	return w.n;
}

struct zx_handles_census {
	u32 *counts;
	unsigned int ntypes;
};

static void zx_handles_count_one(void *ctx, struct zx_handle_slot *slot)
{
	struct zx_handles_census *c = ctx;
	zx_obj_type_t type = slot->h->obj->type->obj_type;

	if (type < c->ntypes)
		c->counts[type]++;
}

/* How many handles of @t there are to objects of each type. */
void zx_handles_count_types(struct zx_handle_table *t, u32 *counts,
			    unsigned int ntypes)
{
	struct zx_handles_census c = { .counts = counts, .ntypes = ntypes };

	zx_handles_for_each(t, zx_handles_count_one, &c);
}

static void zx_handles_describe_one(void *ctx, struct zx_handle_slot *slot)
{
	struct zx_handles_window *w = ctx;
	zx_info_handle_extended_t *out = w->out;
	struct zx_object *obj = slot->h->obj;

	if (!zx_handles_window_take(w, slot))
		return;
	out[w->got++] = (zx_info_handle_extended_t) {
		.type = obj->type->obj_type,
		.handle_value = slot->value,
		.rights = slot->h->rights,
		.koid = obj->koid,
		.related_koid = READ_ONCE(obj->related_koid),
	};
}

/*
 * The handles of @t in table order, as ZX_INFO_HANDLE_TABLE records:
 * those numbered [@skip, @skip + @max) go to @out and *@got says how many.
 * Returns how many there are.
 */
size_t zx_handles_describe(struct zx_handle_table *t, size_t skip,
			   size_t max, zx_info_handle_extended_t *out,
			   size_t *got)
{
	struct zx_handles_window w = {
		.skip = skip, .max = max, .type = ZX_OBJ_TYPE_NONE, .out = out,
	};

	zx_handles_for_each(t, zx_handles_describe_one, &w);
	*got = w.got;
	return w.n;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual memory objects: page-granular memory owned by the module.
 *
 * Pages.  A VMO keeps its pages in an xarray indexed by page number.  A page
 * is allocated on first write or commit, zero-filled, with __GFP_ACCOUNT so
 * it is charged to the memory cgroup of the task that touched it; a missing
 * page reads as zeros.  Each xarray entry owns one page reference, dropped
 * when the page is decommitted, zeroed, cut off by a resize or the VMO dies.
 * Anyone else who keeps a page beyond the VMO's lock (a reader copying it
 * out, and later a mapping or a DMA pin) takes its own reference, so the page
 * stays valid even after the VMO lets go of it.
 *
 * Slices own no pages: a slice names a range of its parent's page owner (it
 * holds a reference on that owner) and every operation on it works on the
 * owner's pages under the owner's lock.  Slices of resizable VMOs are not
 * allowed, so that range never shrinks under a slice.
 *
 * Snapshots (copy-on-write).  Creating a snapshot child takes, under the
 * source's lock, one more reference on each committed page in the range and
 * stores the page in the child's xarray too; both entries get the SHARED
 * mark.  Nothing is copied.  A missing page in the child reads as zeros,
 * never as the parent's later page, so neither side sees the other's later
 * writes.  Writing to a SHARED entry first breaks the sharing: if the page
 * reference count is 1 the other sharers have all let go and the page simply
 * becomes private again (mark cleared), otherwise the writer copies it into a
 * new page, stores that and drops its reference on the old one.  Only VMOs
 * that share a page through a snapshot can hold it in their xarray, and all
 * of them hold a reference, so a count of 1 under the lock proves exclusive
 * ownership; a transient extra reference (a concurrent reader) only costs a
 * needless copy.
 *
 * Mappings and pins (issue 5's vmar_map, issue 6's bti_pin) must follow these
 * rules: an unmarked entry is private and may be mapped writable or pinned
 * as is; a SHARED entry may only be mapped read-only, and a write fault or a
 * pin first breaks the sharing as above (so pinned pages are never SHARED,
 * and a snapshot of a VMO with pinned pages is refused).  Breaking the
 * sharing replaces the VMO's page, so the VMO's read-only mappings of the old
 * page must then be zapped; the page reference each mapping holds keeps the
 * old page valid until that happens.
 *
 * Pins (zx_vmo_pin(), for bti_pin) count per page in the owner's @pins
 * xarray.  A pinned page stays in place: decommit and shrinking refuse it
 * (BAD_STATE), zeroing clears it in place instead of dropping it, and no
 * snapshot is taken while any page is pinned.
 *
 * Contiguous VMOs (vmo_create_contiguous) commit one physically contiguous
 * run at creation and never give a page up: they have no snapshot children,
 * are never decommitted, and are zeroed in place.  Physical VMOs
 * (vmo_create_physical) have no pages at all: they name a physical range
 * (MMIO) that can only be mapped (zx_vmo_physical_pfn(), zx_vmo_pgprot()).
 *
 * Copies to and from user memory never happen under the VMO lock: a read
 * takes a page reference under the lock and copies after dropping it; a
 * write first copies the user's bytes into a bounce buffer.  So a user
 * buffer that is itself a mapping of the VMO (once VMOs can be mapped)
 * cannot deadlock against the fault handler, and a write to a page is atomic
 * with respect to snapshots of it.
 *
 * Pager-backed VMOs (zx_vm/pager.c) have no zero pages: whoever finds a
 * page missing calls zx_vmo_ask_pager() under the owner's lock, drops the
 * lock, waits with zx_pager_wait() and looks again; the fault handler
 * drops the fault lock too and lets the core retry.  Snapshots, DECOMMIT
 * and ZERO are refused on them.
 *
 * Children.  A parent counts its children under zx_vmo_family_lock; a child
 * points back at its parent weakly (the parent clears the pointers when it
 * dies).  ZX_VMO_ZERO_CHILDREN is set while the count is zero.  A child
 * counts from creation to its destruction (its last reference).
 */
#include <linux/highmem.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pagemap.h>
#include <linux/pfn_t.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../zx_ddk/ddk.h"
#include "../uapi/zircon_ioctl.h"
#include "vmo.h"
#include "vmo_io.h"
#include "memtype.h"

/*
 * Largest VMO, in bytes: beyond every user address space this module runs
 * under, and small enough that page indices and byte offsets never overflow.
 */
#define ZX_VMO_MAX_SIZE		(1ULL << 48)

/* Linux 6.8 renamed MAX_ORDER (one past the largest order until 6.4). */
#ifndef MAX_PAGE_ORDER
#define MAX_PAGE_ORDER		(MAX_ORDER - 1)
#endif

/* The entry's page may also be in other VMOs' xarrays (see above). */
#define ZX_VMO_SHARED		XA_MARK_0

/* zx_vmo.flags */
#define ZX_VMO_F_RESIZABLE	BIT(0)
#define ZX_VMO_F_COW		BIT(1)	/* a snapshot child */
#define ZX_VMO_F_SLICE		BIT(2)
#define ZX_VMO_F_IMMUTABLE	BIT(3)	/* snapshot, NO_WRITE, fixed size */
#define ZX_VMO_F_CONTIGUOUS	BIT(4)	/* pages fixed at creation */
#define ZX_VMO_F_PHYSICAL	BIT(5)	/* a physical range, no pages */

struct zx_vmo {
	struct zx_object base;
	/*
	 * Held by stream writes across their whole operation (user copies
	 * included), so appends and content size growth are atomic.
	 */
	struct mutex content_lock;
	/*
	 * Of a page owner (not a slice): the pages, size and cache policy.
	 * Of any VMO: its content size.
	 */
	struct mutex lock;
	struct xarray pages;		/* page index -> struct page * */
	unsigned long committed;	/* entries in @pages */
	struct xarray pins;		/* page index -> pin count (value) */
	u64 phys;			/* of a physical VMO's page 0 */
	struct zx_vmo *owner;		/* whose pages: self, or a reference */
	u64 owner_offset;		/* of a slice's range in the owner */
	u64 size;			/* bytes, whole pages */
	u64 content_size;
	u32 flags;			/* ZX_VMO_F_* */
	u32 cache_policy;		/* ZX_CACHE_POLICY_* */
	zx_koid_t parent_koid;		/* at creation; 0 if none */
	/* Of a pager-backed page owner: where missing pages come from. */
	struct zx_pager_source *pager_src;
	/* Under zx_vmo_family_lock. */
	struct zx_vmo *parent;		/* weak */
	struct list_head children;
	struct list_head sibling;	/* in parent->children */
	unsigned long num_children;
	unsigned long num_cow_children;
	/*
	 * Of a page owner: its window in the mapping file (0: never mapped;
	 * set once, under @lock), and its live mappings.  Kept small: on
	 * debug kernels the struct sits just under a kmalloc size class.
	 */
	u32 map_window;
	atomic_t num_mappings;
};

/*
 * Parent and child links of all VMOs.  Taken with interrupts off: the last
 * reference to a VMO may be dropped in any context, and its destruction
 * updates its parent's signals.
 */
static DEFINE_SPINLOCK(zx_vmo_family_lock);

/* Pages held by all VMOs, as counted in their @committed. */
static atomic_long_t zx_vmo_pages;

/* @own's committed pages change by @delta.  Owner's lock held. */
static void zx_vmo_count(struct zx_vmo *own, long delta)
{
	own->committed += delta;
	atomic_long_add(delta, &zx_vmo_pages);
}

u64 zx_vmo_total_bytes(void)
{
	return (u64)max(atomic_long_read(&zx_vmo_pages), 0L) << PAGE_SHIFT;
}

static inline struct zx_vmo *zx_to_vmo(struct zx_object *obj)
{
	return container_of(obj, struct zx_vmo, base);
}

static void zx_vmo_unmap_page(struct zx_vmo *own, pgoff_t idx,
			      struct page *old);

static struct page *zx_vmo_alloc_page(bool zero)
{
	return alloc_page(GFP_HIGHUSER | __GFP_ACCOUNT |
			  (zero ? __GFP_ZERO : 0));
}

/*
 * Drops the owner's reference on @page, out of its xarray and mappings.  A
 * page of a non-cached VMO gets its ordinary memory type back first (see
 * memtype.c): someone else may hold it on.
 */
static void zx_vmo_release_page(struct zx_vmo *own, struct page *page)
{
	if (own->cache_policy != ZX_CACHE_POLICY_CACHED &&
	    zx_page_set_memtype(page, ZX_CACHE_POLICY_CACHED))
		pr_warn_ratelimited("zircon: page %lx keeps its memory type\n",
				    page_to_pfn(page));
	put_page(page);
}

/* Drops the owner's page at @idx, if any.  Owner's lock held. */
static void zx_vmo_drop_page(struct zx_vmo *own, pgoff_t idx)
{
	struct page *page;

	lockdep_assert_held(&own->lock);
	page = xa_erase(&own->pages, idx);
	if (page) {
		zx_vmo_count(own, -1);
		zx_vmo_unmap_page(own, idx, page);
		zx_vmo_release_page(own, page);
	}
}

/* Drops the owner's pages in [first, last].  Owner's lock held. */
static void zx_vmo_drop_pages(struct zx_vmo *own, pgoff_t first,
			      pgoff_t last)
{
	struct page *page;
	unsigned long idx;

	lockdep_assert_held(&own->lock);
	xa_for_each_range(&own->pages, idx, page, first, last) {
		xa_erase(&own->pages, idx);
		zx_vmo_count(own, -1);
		zx_vmo_unmap_page(own, idx, page);
		zx_vmo_release_page(own, page);
	}
}

/*
 * The owner's page at @idx, ready to be written: allocated zeroed if
 * missing, made private if shared by a snapshot.  Owner's lock held; the
 * page is owned by the xarray (no extra reference).
 */
static struct page *zx_vmo_writable_page(struct zx_vmo *own, pgoff_t idx)
{
	struct page *page, *copy;
	int err;

	lockdep_assert_held(&own->lock);
	page = xa_load(&own->pages, idx);
	if (page && !xa_get_mark(&own->pages, idx, ZX_VMO_SHARED))
		return page;
	if (page && page_ref_count(page) == 1) {
		xa_clear_mark(&own->pages, idx, ZX_VMO_SHARED);
		return page;
	}
	copy = zx_vmo_alloc_page(!page);
	if (!copy)
		return NULL;
	if (page)
		copy_highpage(copy, page);
	/* Only private pages are ever non-cached: @page is NULL then. */
	if (own->cache_policy != ZX_CACHE_POLICY_CACHED &&
	    zx_page_set_memtype(copy, own->cache_policy)) {
		put_page(copy);
		return NULL;
	}
	err = xa_err(xa_store(&own->pages, idx, copy, GFP_KERNEL_ACCOUNT));
	if (err) {
		zx_vmo_release_page(own, copy);
		return NULL;
	}
	if (page) {
		xa_clear_mark(&own->pages, idx, ZX_VMO_SHARED);
		zx_vmo_unmap_page(own, idx, page);
		put_page(page);
	} else {
		zx_vmo_count(own, 1);
	}
	return copy;
}

/* Some page in [first, last] of the owner is pinned.  Owner's lock held. */
static bool zx_vmo_pinned(struct zx_vmo *own, pgoff_t first, pgoff_t last)
{
	unsigned long idx = first;

	lockdep_assert_held(&own->lock);
	return xa_find(&own->pins, &idx, last, XA_PRESENT);
}

/* The owner's page @idx may not be replaced or dropped. */
static bool zx_vmo_page_fixed(struct zx_vmo *own, pgoff_t idx)
{
	return (own->flags & ZX_VMO_F_CONTIGUOUS) ||
	       zx_vmo_pinned(own, idx, idx);
}

/* Range [offset, offset + len) lies within @vmo.  Owner's lock held. */
static bool zx_vmo_in_range(struct zx_vmo *vmo, u64 offset, u64 len)
{
	u64 end;

	lockdep_assert_held(&vmo->owner->lock);
	return !check_add_overflow(offset, len, &end) && end <= vmo->size;
}

static void zx_vmo_destroy(struct zx_object *obj)
{
	struct zx_vmo *vmo = zx_to_vmo(obj), *child, *tmp, *parent;
	unsigned long flags, idx;
	struct page *page;

	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	parent = vmo->parent;
	list_for_each_entry_safe(child, tmp, &vmo->children, sibling) {
		list_del_init(&child->sibling);
		child->parent = NULL;
		/*
		 * A slice lives on as a child of its grandparent: on Zircon
		 * the parent of a live slice lives, so the grandparent does
		 * not see ZX_VMO_ZERO_CHILDREN while the slice does.
		 */
		if (parent && (child->flags & ZX_VMO_F_SLICE)) {
			child->parent = parent;
			list_add_tail(&child->sibling, &parent->children);
			parent->num_children++;
		}
	}
	if (parent) {
		list_del(&vmo->sibling);
		if (vmo->flags & ZX_VMO_F_COW)
			parent->num_cow_children--;
		if (--parent->num_children == 0)
			zx_object_update_signals(&parent->base, 0,
						 ZX_VMO_ZERO_CHILDREN);
	}
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);

	xa_for_each(&vmo->pages, idx, page)
		zx_vmo_release_page(vmo, page);
	xa_destroy(&vmo->pages);
	atomic_long_sub(vmo->committed, &zx_vmo_pages);
	/* Every pin holds a reference: none is left by now. */
	WARN_ON(!xa_empty(&vmo->pins));
	xa_destroy(&vmo->pins);
	if (vmo->map_window)
		zx_vm_window_free(vmo->map_window);
	if (vmo->owner != vmo)
		zx_object_put(&vmo->owner->base);
	if (vmo->pager_src)
		zx_pager_source_release(vmo->pager_src);
	mutex_destroy(&vmo->lock);
	mutex_destroy(&vmo->content_lock);
	kfree(vmo);
}

/* Versions of zx_info_vmo_t: each is a prefix of the next. */
static_assert(offsetof(zx_info_vmo_t, cache_policy) ==
	      offsetof(zx_info_vmo_v1_t, cache_policy));
static_assert(offsetof(zx_info_vmo_t, committed_change_events) ==
	      offsetof(zx_info_vmo_v2_t, committed_change_events));

/*
 * What ZX_INFO_VMO and ZX_INFO_PROCESS_VMOS tell of @obj (a VMO): @via is
 * ZX_INFO_VMO_VIA_HANDLE, with that handle's @rights, or _VIA_MAPPING.
 * Sleeps (the owner's lock).
 */
void zx_vmo_fill_info(struct zx_object *obj, zx_rights_t rights, u32 via,
		      zx_info_vmo_t *info)
{
	struct zx_vmo *vmo = zx_to_vmo(obj), *own = vmo->owner;
	unsigned long flags, committed, idx;
	struct page *page;

	memset(info, 0, sizeof(*info));
	info->koid = obj->koid;
	info->parent_koid = vmo->parent_koid;
	info->flags = via;
	info->handle_rights = rights;

	spin_lock_irqsave(obj->lock, flags);
	memcpy(info->name, obj->name, sizeof(info->name));
	spin_unlock_irqrestore(obj->lock, flags);
	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	info->num_children = vmo->num_children;
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);
	info->num_mappings = atomic_read(&own->num_mappings);

	mutex_lock(&own->lock);
	info->size_bytes = vmo->size;
	info->cache_policy = own->cache_policy;
	committed = own->committed;
	/*
	 * A page a snapshot shares is attributed to one VMO, as on Zircon:
	 * the original, not the snapshots, until a write gives a snapshot its
	 * own copy.
	 */
	if (own->flags & ZX_VMO_F_COW)
		xa_for_each_marked(&own->pages, idx, page, ZX_VMO_SHARED)
			committed--;
	mutex_unlock(&own->lock);

	if (!(own->flags & ZX_VMO_F_PHYSICAL))
		info->flags |= ZX_INFO_VMO_TYPE_PAGED;
	if (own->flags & (ZX_VMO_F_PHYSICAL | ZX_VMO_F_CONTIGUOUS))
		info->flags |= ZX_INFO_VMO_CONTIGUOUS;
	if (vmo->flags & ZX_VMO_F_RESIZABLE)
		info->flags |= ZX_INFO_VMO_RESIZABLE;
	if (vmo->flags & ZX_VMO_F_COW)
		info->flags |= ZX_INFO_VMO_IS_COW_CLONE;
	if (vmo->flags & ZX_VMO_F_IMMUTABLE)
		info->flags |= ZX_INFO_VMO_IMMUTABLE;
	if (vmo->pager_src)
		info->flags |= ZX_INFO_VMO_PAGER_BACKED;
	/* A slice's pages are its owner's, attributed there. */
	if (own == vmo) {
		info->committed_bytes = (u64)committed << PAGE_SHIFT;
		info->populated_bytes = info->committed_bytes;
	}
	/* One pointer slot per committed page; an empty VMO has none. */
	if (own == vmo)
		info->metadata_bytes = committed * sizeof(void *);
	/* committed_change_events stays 0: pages never go behind our back. */
}

static zx_status_t zx_vmo_get_info(struct zx_object *obj,
				   struct zx_info_request *req)
{
	zx_info_vmo_t info;
	size_t size;

	switch (req->topic) {
	case ZX_INFO_VMO_V1:
		size = sizeof(zx_info_vmo_v1_t);
		break;
	case ZX_INFO_VMO_V2:
		size = sizeof(zx_info_vmo_v2_t);
		break;
	case ZX_INFO_VMO:
		size = sizeof(zx_info_vmo_t);
		break;
	default:
		return ZX_ERR_WRONG_TYPE;
	}
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	zx_vmo_fill_info(obj, req->rights, ZX_INFO_VMO_VIA_HANDLE, &info);
	return zx_info_write_single(req, &info, size);
}

static zx_status_t zx_vmo_get_property(struct zx_object *obj, u32 property,
				       void __user *value, size_t size)
{
	struct zx_vmo *vmo = zx_to_vmo(obj);
	u64 content_size;

	if (property != ZX_PROP_VMO_CONTENT_SIZE)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(u64))
		return ZX_ERR_BUFFER_TOO_SMALL;
	mutex_lock(&vmo->lock);
	content_size = vmo->content_size;
	mutex_unlock(&vmo->lock);
	if (put_user(content_size, (u64 __user *)value))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

static zx_status_t zx_vmo_set_property(struct zx_object *obj, u32 property,
				       const void __user *value, size_t size)
{
	struct zx_vmo *vmo = zx_to_vmo(obj);
	u64 content_size;

	if (property != ZX_PROP_VMO_CONTENT_SIZE)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(u64))
		return ZX_ERR_BUFFER_TOO_SMALL;
	if (get_user(content_size, (const u64 __user *)value))
		return ZX_ERR_INVALID_ARGS;
	mutex_lock(&vmo->lock);
	vmo->content_size = content_size;
	mutex_unlock(&vmo->lock);
	return ZX_OK;
}

static const struct zx_object_type zx_vmo_type = {
	.obj_type = ZX_OBJ_TYPE_VMO,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_VMO_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_vmo_destroy,
	.get_info = zx_vmo_get_info,
	.get_property = zx_vmo_get_property,
	.set_property = zx_vmo_set_property,
};

static struct zx_vmo *zx_vmo_alloc(u64 size, u64 content_size, u32 flags)
{
	struct zx_vmo *vmo = kzalloc(sizeof(*vmo), GFP_KERNEL_ACCOUNT);

	if (!vmo)
		return NULL;
	zx_object_init(&vmo->base, &zx_vmo_type);
	mutex_init(&vmo->lock);
	mutex_init(&vmo->content_lock);
	xa_init(&vmo->pages);
	xa_init(&vmo->pins);
	vmo->owner = vmo;
	vmo->size = size;
	vmo->content_size = content_size;
	vmo->flags = flags;
	vmo->cache_policy = ZX_CACHE_POLICY_CACHED;
	INIT_LIST_HEAD(&vmo->children);
	INIT_LIST_HEAD(&vmo->sibling);
	/* Not yet visible to anyone: no lock needed. */
	vmo->base.signals = ZX_VMO_ZERO_CHILDREN;
	return vmo;
}

/* Rounds @size up to whole pages; OUT_OF_RANGE past the largest VMO. */
static zx_status_t zx_vmo_round_size(u64 size, u64 *out)
{
	if (size > ZX_VMO_MAX_SIZE)
		return ZX_ERR_OUT_OF_RANGE;
	*out = round_up(size, PAGE_SIZE);
	return ZX_OK;
}

zx_status_t zx_vmo_get(struct zx_process *proc, zx_handle_t handle,
		       zx_rights_t rights, struct zx_vmo **out,
		       zx_rights_t *out_rights)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_VMO, rights, &obj,
				  out_rights);
	if (status == ZX_OK)
		*out = zx_to_vmo(obj);
	return status;
}

zx_status_t zx_sys_vmo_create(struct zx_process *proc, void *argp)
{
	struct zx_vmo_create_args *args = argp;
	zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS;
	struct zx_handle *h;
	struct zx_vmo *vmo;
	zx_status_t status;
	u64 size;

	if (args->reserved ||
	    (args->options & ~(ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE)))
		return ZX_ERR_INVALID_ARGS;
	/* Nothing here reclaims memory, so discardable VMOs are not offered. */
	if (args->options & ZX_VMO_DISCARDABLE)
		return ZX_ERR_NOT_SUPPORTED;
	status = zx_vmo_round_size(args->size, &size);
	if (status != ZX_OK)
		return status;
	vmo = zx_vmo_alloc(size, args->size,
			   (args->options & ZX_VMO_RESIZABLE) ?
			   ZX_VMO_F_RESIZABLE : 0);
	if (!vmo)
		return ZX_ERR_NO_MEMORY;
	if (args->options & ZX_VMO_RESIZABLE)
		rights |= ZX_RIGHT_RESIZE;
	h = zx_handle_create(&vmo->base, rights);
	zx_object_put(&vmo->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, args->out);
}

/* Non-cached VMOs cannot be read or written through the kernel. */
static zx_status_t zx_vmo_check_io(struct zx_vmo *vmo, u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status = ZX_OK;

	mutex_lock(&own->lock);
	if (own->flags & ZX_VMO_F_PHYSICAL)
		status = ZX_ERR_NOT_SUPPORTED;
	else if (!zx_vmo_in_range(vmo, offset, len))
		status = ZX_ERR_OUT_OF_RANGE;
	else if (own->cache_policy != ZX_CACHE_POLICY_CACHED)
		status = ZX_ERR_BAD_STATE;
	mutex_unlock(&own->lock);
	return status;
}

/*
 * Pager hook: the owner's page at byte @pos is missing.  A pager-backed VMO
 * asks its pager (*@req, to wait on with zx_pager_wait() once the lock is
 * dropped); for any other, *@req stays NULL: the page reads as zeros.
 * Asking under the owner's lock is what keeps supplies and requests in
 * order (see zx_vm/pager.c).
 */
static zx_status_t zx_vmo_ask_pager(struct zx_vmo *own, u64 pos,
				    struct zx_pager_request **req)
{
	lockdep_assert_held(&own->lock);
	if (!own->pager_src)
		return ZX_OK;
	return zx_pager_request_page(own->pager_src, round_down(pos, PAGE_SIZE),
				     req);
}

zx_status_t zx_vmo_read_user(struct zx_vmo *vmo, char __user *buf,
			     u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status;

	status = zx_vmo_check_io(vmo, offset, len);
	while (status == ZX_OK && len) {
		u64 pos = vmo->owner_offset + offset;
		size_t in = offset_in_page(pos);
		size_t n = min_t(u64, len, PAGE_SIZE - in);
		struct zx_pager_request *req = NULL;
		struct page *page = NULL;
		unsigned long left;
		void *kaddr;

		/* Long loops give way to a fatal signal (the caller dies). */
		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		mutex_lock(&own->lock);
		/* Checked again: the VMO may have shrunk meanwhile. */
		if (!zx_vmo_in_range(vmo, offset, n)) {
			status = ZX_ERR_OUT_OF_RANGE;
		} else {
			page = xa_load(&own->pages, pos >> PAGE_SHIFT);
			if (page)
				get_page(page);
			else
				status = zx_vmo_ask_pager(own, pos, &req);
		}
		mutex_unlock(&own->lock);
		if (req) {
			status = zx_pager_wait(req);
			/* Answered: look again. */
			if (status == ZX_OK)
				continue;
		}
		if (status != ZX_OK)
			break;
		if (page) {
			kaddr = kmap_local_page(page);
			left = copy_to_user(buf, kaddr + in, n);
			kunmap_local(kaddr);
			put_page(page);
		} else {
			left = clear_user(buf, n);
		}
		if (left)
			status = ZX_ERR_INVALID_ARGS;
		buf += n;
		offset += n;
		len -= n;
		cond_resched();
	}
	return status;
}

zx_status_t zx_vmo_write_user(struct zx_vmo *vmo, const char __user *buf,
			      u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status;
	void *bounce;

	status = zx_vmo_check_io(vmo, offset, len);
	if (status != ZX_OK || !len)
		return status;
	bounce = kmalloc(min_t(u64, len, PAGE_SIZE), GFP_KERNEL);
	if (!bounce)
		return ZX_ERR_NO_MEMORY;
	while (status == ZX_OK && len) {
		u64 pos = vmo->owner_offset + offset;
		size_t in = offset_in_page(pos);
		size_t n = min_t(u64, len, PAGE_SIZE - in);
		struct zx_pager_request *req = NULL;
		struct page *page;

		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		if (copy_from_user(bounce, buf, n)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		mutex_lock(&own->lock);
		if (!zx_vmo_in_range(vmo, offset, n)) {
			status = ZX_ERR_OUT_OF_RANGE;
		} else if (!xa_load(&own->pages, pos >> PAGE_SHIFT) &&
			   own->pager_src) {
			status = zx_vmo_ask_pager(own, pos, &req);
		} else {
			page = zx_vmo_writable_page(own, pos >> PAGE_SHIFT);
			if (page)
				memcpy_to_page(page, in, bounce, n);
			else
				status = ZX_ERR_NO_MEMORY;
		}
		mutex_unlock(&own->lock);
		if (req) {
			status = zx_pager_wait(req);
			/* Answered: write again, into the supplied page. */
			if (status == ZX_OK)
				continue;
		}
		buf += n;
		offset += n;
		len -= n;
		cond_resched();
	}
	kfree(bounce);
	return status;
}

zx_status_t zx_sys_vmo_read(struct zx_process *proc, void *argp)
{
	struct zx_vmo_rw_args *args = argp;
	struct zx_vmo *vmo;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_vmo_get(proc, args->handle, ZX_RIGHT_READ, &vmo, NULL);
	if (status != ZX_OK)
		return status;
	status = zx_vmo_read_user(vmo, zx_uptr(args->buffer), args->offset,
				  args->buffer_size);
	zx_object_put(&vmo->base);
	return status;
}

zx_status_t zx_sys_vmo_write(struct zx_process *proc, void *argp)
{
	struct zx_vmo_rw_args *args = argp;
	struct zx_vmo *vmo;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_vmo_get(proc, args->handle, ZX_RIGHT_WRITE, &vmo, NULL);
	if (status != ZX_OK)
		return status;
	status = zx_vmo_write_user(vmo, zx_uptr(args->buffer), args->offset,
				   args->buffer_size);
	zx_object_put(&vmo->base);
	return status;
}

zx_status_t zx_sys_vmo_get_size(struct zx_process *proc, void *argp)
{
	struct zx_vmo_size_args *args = argp;
	struct zx_vmo *vmo;
	zx_status_t status;
	u64 size;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_vmo_get(proc, args->handle, 0, &vmo, NULL);
	if (status != ZX_OK)
		return status;
	mutex_lock(&vmo->owner->lock);
	size = vmo->size;
	mutex_unlock(&vmo->owner->lock);
	if (put_user(size, (u64 __user *)zx_uptr(args->size)))
		status = ZX_ERR_INVALID_ARGS;
	zx_object_put(&vmo->base);
	return status;
}

/* Zeros [from, to) of the owner's page @idx if it is committed. */
static zx_status_t zx_vmo_zero_partial(struct zx_vmo *own, pgoff_t idx,
				       size_t from, size_t to)
{
	struct page *page;

	lockdep_assert_held(&own->lock);
	if (!xa_load(&own->pages, idx))
		return ZX_OK;
	page = zx_vmo_writable_page(own, idx);
	if (!page)
		return ZX_ERR_NO_MEMORY;
	memzero_page(page, from, to - from);
	zx_page_sync_for_user(page, own->cache_policy);
	return ZX_OK;
}

zx_status_t zx_sys_vmo_set_size(struct zx_process *proc, void *argp)
{
	struct zx_vmo_size_args *args = argp;
	zx_rights_t rights;
	struct zx_vmo *vmo;
	zx_status_t status;
	u64 size;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_vmo_get(proc, args->handle, ZX_RIGHT_WRITE, &vmo,
			    &rights);
	if (status != ZX_OK)
		return status;
	/*
	 * Only page owners can be resizable (slices never are), and only a
	 * resizable VMO's handle is asked for ZX_RIGHT_RESIZE, as on Zircon.
	 */
	if (!(vmo->flags & ZX_VMO_F_RESIZABLE)) {
		status = ZX_ERR_UNAVAILABLE;
		goto out;
	}
	if (!(rights & ZX_RIGHT_RESIZE)) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	status = zx_vmo_round_size(args->size, &size);
	if (status != ZX_OK)
		goto out;
	mutex_lock(&vmo->lock);
	/* Bytes past the new size up to the page boundary become zero. */
	if (size != args->size)
		status = zx_vmo_zero_partial(vmo, args->size >> PAGE_SHIFT,
					     offset_in_page(args->size),
					     PAGE_SIZE);
	if (status == ZX_OK && size < vmo->size &&
	    zx_vmo_pinned(vmo, size >> PAGE_SHIFT, ULONG_MAX))
		status = ZX_ERR_BAD_STATE;
	if (status == ZX_OK) {
		if (size < vmo->size)
			zx_vmo_drop_pages(vmo, size >> PAGE_SHIFT, ULONG_MAX);
		vmo->size = size;
		vmo->content_size = args->size;
	}
	mutex_unlock(&vmo->lock);
out:
	zx_object_put(&vmo->base);
	return status;
}

/*
 * Commits zero pages where none are committed in the pages covering
 * [offset, offset + len).  A snapshot child's shared pages already count.
 */
static zx_status_t zx_vmo_commit(struct zx_vmo *vmo, u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status = ZX_OK;
	u64 first, end, pos;

	first = round_down(offset, PAGE_SIZE);
	end = round_up(offset + len, PAGE_SIZE);
	for (pos = first; status == ZX_OK && pos < end; pos += PAGE_SIZE) {
		pgoff_t idx = (vmo->owner_offset + pos) >> PAGE_SHIFT;
		struct zx_pager_request *req = NULL;
		struct page *page;

		if (fatal_signal_pending(current))
			return ZX_ERR_INTERNAL_INTR_RETRY;
		mutex_lock(&own->lock);
		if (!zx_vmo_in_range(vmo, pos, PAGE_SIZE)) {
			status = ZX_ERR_OUT_OF_RANGE;
		} else if (!xa_load(&own->pages, idx) && own->pager_src) {
			status = zx_vmo_ask_pager(own, (u64)idx << PAGE_SHIFT,
						  &req);
		} else if (!xa_load(&own->pages, idx)) {
			page = zx_vmo_writable_page(own, idx);
			if (!page)
				status = ZX_ERR_NO_MEMORY;
		}
		mutex_unlock(&own->lock);
		/* Committed once supplied. */
		if (req)
			status = zx_pager_wait(req);
		cond_resched();
	}
	return status;
}

/* Zeros [offset, offset + len): whole pages are dropped, missing = zero. */
static zx_status_t zx_vmo_zero(struct zx_vmo *vmo, u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status = ZX_OK;
	u64 end = offset + len;

	while (status == ZX_OK && offset < end) {
		u64 pos = vmo->owner_offset + offset;
		size_t in = offset_in_page(pos);
		size_t n = min_t(u64, end - offset, PAGE_SIZE - in);

		if (fatal_signal_pending(current))
			return ZX_ERR_INTERNAL_INTR_RETRY;
		mutex_lock(&own->lock);
		if (!zx_vmo_in_range(vmo, offset, n))
			status = ZX_ERR_OUT_OF_RANGE;
		else if (n == PAGE_SIZE &&
			 !zx_vmo_page_fixed(own, pos >> PAGE_SHIFT))
			zx_vmo_drop_page(own, pos >> PAGE_SHIFT);
		else
			status = zx_vmo_zero_partial(own, pos >> PAGE_SHIFT,
						     in, in + n);
		mutex_unlock(&own->lock);
		offset += n;
		cond_resched();
	}
	return status;
}

/*
 * DECOMMIT is offered, as on Zircon, only on VMOs that are neither snapshot
 * children nor parents of one, and on slices of such VMOs; not on
 * pager-backed ones, whose pages would come back from the pager.
 */
static bool zx_vmo_can_decommit(struct zx_vmo *vmo)
{
	struct zx_vmo *own = vmo->owner;
	unsigned long flags;
	bool ok;

	if (((vmo->flags | own->flags) &
	     (ZX_VMO_F_COW | ZX_VMO_F_CONTIGUOUS)) || own->pager_src)
		return false;
	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	ok = !vmo->num_cow_children && !own->num_cow_children;
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);
	return ok;
}

static zx_status_t zx_vmo_decommit(struct zx_vmo *vmo, u64 offset, u64 len)
{
	struct zx_vmo *own = vmo->owner;
	zx_status_t status = ZX_OK;

	if (!PAGE_ALIGNED(offset) || !PAGE_ALIGNED(len))
		return ZX_ERR_INVALID_ARGS;
	if (!zx_vmo_can_decommit(vmo))
		return ZX_ERR_NOT_SUPPORTED;
	mutex_lock(&own->lock);
	if (!zx_vmo_in_range(vmo, offset, len))
		status = ZX_ERR_OUT_OF_RANGE;
	else if (len && zx_vmo_pinned(own, (vmo->owner_offset + offset) >>
				      PAGE_SHIFT, (vmo->owner_offset + offset +
						   len - 1) >> PAGE_SHIFT))
		status = ZX_ERR_BAD_STATE;
	else if (len)
		zx_vmo_drop_pages(own, (vmo->owner_offset + offset) >>
				  PAGE_SHIFT, (vmo->owner_offset + offset +
					       len - 1) >> PAGE_SHIFT);
	mutex_unlock(&own->lock);
	return status;
}

/* Range check for operations that only look at the range. */
zx_status_t zx_vmo_check_range(struct zx_vmo *vmo, u64 offset, u64 len)
{
	zx_status_t status = ZX_OK;

	mutex_lock(&vmo->owner->lock);
	if (!zx_vmo_in_range(vmo, offset, len))
		status = ZX_ERR_OUT_OF_RANGE;
	mutex_unlock(&vmo->owner->lock);
	return status;
}

/* The right @op needs, or 0 if @op is unknown. */
static zx_rights_t zx_vmo_op_rights(u32 op)
{
	switch (op) {
	case ZX_VMO_OP_COMMIT:
	case ZX_VMO_OP_DECOMMIT:
	case ZX_VMO_OP_ZERO:
	case ZX_VMO_OP_CACHE_INVALIDATE:
		return ZX_RIGHT_WRITE;
	case ZX_VMO_OP_CACHE_SYNC:
	case ZX_VMO_OP_CACHE_CLEAN:
	case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
		return ZX_RIGHT_READ;
	case ZX_VMO_OP_LOCK:
	case ZX_VMO_OP_TRY_LOCK:
	case ZX_VMO_OP_UNLOCK:
	case ZX_VMO_OP_DONT_NEED:
	case ZX_VMO_OP_ALWAYS_NEED:
		return ZX_RIGHT_READ | ZX_RIGHT_WRITE;	/* either one */
	default:
		return 0;
	}
}

zx_status_t zx_sys_vmo_op_range(struct zx_process *proc, void *argp)
{
	struct zx_vmo_op_range_args *args = argp;
	zx_rights_t need = zx_vmo_op_rights(args->op), have;
	struct zx_vmo *vmo;
	zx_status_t status;

	status = zx_vmo_get(proc, args->handle, 0, &vmo, &have);
	if (status != ZX_OK)
		return status;
	if (!need) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	/* A single right, or for the lock ops and hints either of two. */
	if (!(have & need)) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	/* A physical range has no pages to commit, drop or zero. */
	if ((vmo->owner->flags & ZX_VMO_F_PHYSICAL) &&
	    (args->op == ZX_VMO_OP_COMMIT || args->op == ZX_VMO_OP_DECOMMIT ||
	     args->op == ZX_VMO_OP_ZERO)) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	/* Dropping pages would bring the pager's back, not zeros. */
	if (vmo->owner->pager_src && args->op == ZX_VMO_OP_ZERO) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	switch (args->op) {
	case ZX_VMO_OP_COMMIT:
		status = zx_vmo_check_range(vmo, args->offset, args->size);
		if (status == ZX_OK)
			status = zx_vmo_commit(vmo, args->offset, args->size);
		break;
	case ZX_VMO_OP_DECOMMIT:
		status = zx_vmo_decommit(vmo, args->offset, args->size);
		break;
	case ZX_VMO_OP_ZERO:
		status = zx_vmo_check_range(vmo, args->offset, args->size);
		if (status == ZX_OK)
			status = zx_vmo_zero(vmo, args->offset, args->size);
		break;
	case ZX_VMO_OP_CACHE_INVALIDATE:
		/* Zircon offers it only with debugging syscalls enabled. */
		status = ZX_ERR_NOT_SUPPORTED;
		break;
	case ZX_VMO_OP_CACHE_SYNC:
	case ZX_VMO_OP_CACHE_CLEAN:
	case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
		/*
		 * VMO pages are normal cached memory that user space reaches
		 * only through this module's copies, which go through the
		 * kernel's coherent mapping: nothing to write back or sync.
		 * Mapping VMOs (issue 5) must revisit this for user mappings.
		 */
		if (!args->size)
			status = ZX_ERR_INVALID_ARGS;
		else
			status = zx_vmo_check_range(vmo, args->offset,
						    args->size);
		break;
	case ZX_VMO_OP_LOCK:
	case ZX_VMO_OP_TRY_LOCK:
	case ZX_VMO_OP_UNLOCK:
		/* Only discardable VMOs lock, and there are none. */
		status = ZX_ERR_NOT_SUPPORTED;
		break;
	case ZX_VMO_OP_DONT_NEED:
	case ZX_VMO_OP_ALWAYS_NEED:
		/* Hints for pager-backed VMOs; the range is still checked. */
		if (args->size > U64_MAX - PAGE_SIZE)
			status = ZX_ERR_OUT_OF_RANGE;
		else
			status = zx_vmo_check_range(vmo,
				round_down(args->offset, PAGE_SIZE),
				round_up(args->offset % PAGE_SIZE + args->size,
					 PAGE_SIZE));
		break;
	}
out:
	zx_object_put(&vmo->base);
	return status;
}

/*
 * Fills snapshot @child from [offset, offset + child->size) of @parent:
 * every committed page there becomes shared.  Parts past the parent's end
 * stay empty (zeros).
 */
static zx_status_t zx_vmo_share_pages(struct zx_vmo *parent,
				      struct zx_vmo *child, u64 offset)
{
	struct zx_vmo *own = parent->owner;
	zx_status_t status = ZX_OK;
	unsigned long idx, first, last;
	struct page *page;
	u64 end;

	mutex_lock(&own->lock);
	if (own->cache_policy != ZX_CACHE_POLICY_CACHED ||
	    !xa_empty(&own->pins)) {
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	if (offset >= parent->size || !child->size)
		goto out;
	end = min(parent->size, offset + child->size);
	first = (parent->owner_offset + offset) >> PAGE_SHIFT;
	last = ((parent->owner_offset + end) >> PAGE_SHIFT) - 1;
	xa_for_each_range(&own->pages, idx, page, first, last) {
		int err;

		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		err = xa_err(xa_store(&child->pages, idx - first, page,
				      GFP_KERNEL_ACCOUNT));
		if (err) {
			status = ZX_ERR_NO_MEMORY;
			break;
		}
		get_page(page);
		zx_vmo_count(child, 1);
		xa_set_mark(&child->pages, idx - first, ZX_VMO_SHARED);
		xa_set_mark(&own->pages, idx, ZX_VMO_SHARED);
		/* Writable mappings of it must fault again, read-only. */
		zx_vmo_unmap_page(own, idx, page);
		cond_resched();
	}
out:
	mutex_unlock(&own->lock);
	return status;
}

/*
 * Rights of a new child's handle, from its parent handle's @rights, with
 * only the changes Zircon documents (a RESIZE right kept on a fixed-size
 * child just makes set_size say UNAVAILABLE).
 */
static zx_rights_t zx_vmo_child_rights(zx_rights_t rights, u32 options)
{
	/* A child's name and content size are its own to set. */
	rights |= ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
	if (options & ZX_VMO_CHILD_RESIZABLE)
		rights |= ZX_RIGHT_RESIZE;
	if (!(options & ZX_VMO_CHILD_SLICE) &&
	    !(options & ZX_VMO_CHILD_NO_WRITE)) {
		rights |= ZX_RIGHT_WRITE;
		rights &= ~ZX_RIGHT_EXECUTE;
	}
	if (options & ZX_VMO_CHILD_NO_WRITE)
		rights &= ~ZX_RIGHT_WRITE;
	return rights;
}

/* Validates @options; on success *@flags are the child's ZX_VMO_F_*. */
static zx_status_t zx_vmo_child_flags(u32 options, u32 *flags)
{
	const u32 kinds = ZX_VMO_CHILD_SNAPSHOT |
			  ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
			  ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_REFERENCE;
	u32 kind = options & kinds;

	if (options & ~(kinds | ZX_VMO_CHILD_RESIZABLE |
			ZX_VMO_CHILD_NO_WRITE))
		return ZX_ERR_INVALID_ARGS;
	if (hweight32(kind) != 1)
		return ZX_ERR_INVALID_ARGS;
	if ((options & ZX_VMO_CHILD_NO_WRITE) &&
	    (options & ZX_VMO_CHILD_RESIZABLE))
		return ZX_ERR_INVALID_ARGS;
	if (kind == ZX_VMO_CHILD_SLICE && (options & ZX_VMO_CHILD_RESIZABLE))
		return ZX_ERR_INVALID_ARGS;
	if (kind == ZX_VMO_CHILD_REFERENCE)
		return ZX_ERR_NOT_SUPPORTED;
	*flags = 0;
	if (options & ZX_VMO_CHILD_RESIZABLE)
		*flags |= ZX_VMO_F_RESIZABLE;
	if (kind == ZX_VMO_CHILD_SLICE)
		*flags |= ZX_VMO_F_SLICE;
	else
		*flags |= ZX_VMO_F_COW;
	/* AT_LEAST_ON_WRITE may be a full snapshot, and is one here. */
	if (kind == ZX_VMO_CHILD_SNAPSHOT &&
	    (options & ZX_VMO_CHILD_NO_WRITE))
		*flags |= ZX_VMO_F_IMMUTABLE;
	return ZX_OK;
}

zx_status_t zx_sys_vmo_create_child(struct zx_process *proc, void *argp)
{
	struct zx_vmo_create_child_args *args = argp;
	struct zx_vmo *parent, *child;
	zx_rights_t rights;
	unsigned long flags;
	zx_status_t status;
	struct zx_handle *h;
	u64 size, end;
	u32 cflags;

	status = zx_vmo_get(proc, args->handle,
			    ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ, &parent,
			    &rights);
	if (status != ZX_OK)
		return status;
	status = zx_vmo_child_flags(args->options, &cflags);
	if (status != ZX_OK)
		goto out;
	if (!PAGE_ALIGNED(args->offset)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	if (check_add_overflow(args->offset, args->size, &end)) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out;
	}
	status = zx_vmo_round_size(args->size, &size);
	if (status != ZX_OK)
		goto out;
	/* Copy-on-write would move pages that must stay where they are. */
	if ((cflags & ZX_VMO_F_COW) && (parent->owner->flags &
			(ZX_VMO_F_CONTIGUOUS | ZX_VMO_F_PHYSICAL))) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	/* A snapshot's missing pages read as zeros, not as the pager's. */
	if (!(cflags & ZX_VMO_F_SLICE) && parent->owner->pager_src) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	if (cflags & ZX_VMO_F_SLICE) {
		/* A slice lies wholly inside its parent (fixed in size). */
		if (args->offset > parent->size ||
		    size > parent->size - args->offset) {
			status = ZX_ERR_INVALID_ARGS;
			goto out;
		}
		if (parent->flags & ZX_VMO_F_RESIZABLE) {
			status = ZX_ERR_NOT_SUPPORTED;
			goto out;
		}
	}

	child = zx_vmo_alloc(size, args->size, cflags);
	if (!child) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	child->parent_koid = parent->base.koid;
	if (cflags & ZX_VMO_F_SLICE) {
		child->owner = parent->owner;
		child->owner_offset = parent->owner_offset + args->offset;
		zx_object_get(&child->owner->base);
	} else {
		status = zx_vmo_share_pages(parent, child, args->offset);
		if (status != ZX_OK) {
			zx_object_put(&child->base);
			goto out;
		}
	}

	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	child->parent = parent;
	list_add_tail(&child->sibling, &parent->children);
	if (cflags & ZX_VMO_F_COW)
		parent->num_cow_children++;
	if (parent->num_children++ == 0)
		zx_object_update_signals(&parent->base, ZX_VMO_ZERO_CHILDREN,
					 0);
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);

	h = zx_handle_create(&child->base,
			     zx_vmo_child_rights(rights, args->options));
	zx_object_put(&child->base);
	if (!h) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	status = zx_handle_install_user(proc, h, args->out);
out:
	zx_object_put(&parent->base);
	return status;
}

/*
 * @vmex must name the root resource or a ZX_RSRC_KIND_SYSTEM resource with
 * base ZX_RSRC_SYSTEM_VMEX_BASE; ZX_HANDLE_INVALID stands for Zircon's
 * ambient ZX_POL_AMBIENT_MARK_VMO_EXEC policy, which is "allow" here as
 * Linux lets any process map memory executable.  @handle is consumed
 * whatever the outcome.
 */
zx_status_t zx_sys_vmo_replace_as_executable(struct zx_process *proc,
					     void *argp)
{
	struct zx_vmo_replace_as_executable_args *args = argp;
	struct zx_handle *old, *new;
	zx_status_t status;

	status = zx_handle_remove(proc, args->handle, &old);
	if (status != ZX_OK)
		return status;
	if (old->obj->type->obj_type != ZX_OBJ_TYPE_VMO) {
		status = ZX_ERR_WRONG_TYPE;
		goto out;
	}
	if (args->vmex != ZX_HANDLE_INVALID) {
		status = zx_resource_check(proc, args->vmex,
					   ZX_RSRC_KIND_SYSTEM,
					   ZX_RSRC_SYSTEM_VMEX_BASE, 1);
		if (status != ZX_OK)
			goto out;
	}
	new = zx_handle_create(old->obj, old->rights | ZX_RIGHT_EXECUTE);
	if (!new) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}
	status = zx_handle_install_user(proc, new, args->out);
out:
	zx_handle_destroy(old);
	return status;
}

/*
 * Gives every committed page of @own the memory type of @cache_policy (see
 * memtype.c), all or none.  Only ever from CACHED.  Owner's lock held.
 */
static zx_status_t zx_vmo_set_memtypes(struct zx_vmo *own, u32 cache_policy)
{
	unsigned long idx, undo;
	struct page *page;

	lockdep_assert_held(&own->lock);
	xa_for_each(&own->pages, idx, page) {
		if (zx_page_set_memtype(page, cache_policy))
			goto err_undo;
		cond_resched();
	}
	return ZX_OK;

err_undo:
	xa_for_each_range(&own->pages, undo, page, 0, idx - 1)
		zx_page_set_memtype(page, ZX_CACHE_POLICY_CACHED);
	return ZX_ERR_NO_MEMORY;
}

zx_status_t zx_sys_vmo_set_cache_policy(struct zx_process *proc, void *argp)
{
	struct zx_vmo_set_cache_policy_args *args = argp;
	unsigned long flags;
	struct zx_vmo *vmo;
	zx_status_t status;
	bool related;

	status = zx_vmo_get(proc, args->handle, ZX_RIGHT_MAP, &vmo, NULL);
	if (status != ZX_OK)
		return status;
	if (args->cache_policy & ~ZX_CACHE_POLICY_MASK) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	related = vmo->num_children || vmo->parent_koid;
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);
	if (related) {
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	/* Pages come from the pager's VMOs, which are all cached. */
	if (vmo->pager_src &&
	    args->cache_policy != ZX_CACHE_POLICY_CACHED) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	/* Mappings are counted under the lock (zx_vmo_map_prepare()). */
	mutex_lock(&vmo->lock);
	if (atomic_read(&vmo->num_mappings))
		status = ZX_ERR_BAD_STATE;
	/*
	 * Committed pages may only move away from CACHED: nothing has been
	 * mapped, so the kernel's copies left no dirty user cache lines.
	 */
	else if (vmo->committed &&
		 vmo->cache_policy != ZX_CACHE_POLICY_CACHED)
		status = ZX_ERR_BAD_STATE;
	else if (args->cache_policy != vmo->cache_policy)
		status = zx_vmo_set_memtypes(vmo, args->cache_policy);
	if (status == ZX_OK)
		vmo->cache_policy = args->cache_policy;
	mutex_unlock(&vmo->lock);
out:
	zx_object_put(&vmo->base);
	return status;
}

/* ---- Content size and growth, for streams (zx_vm/stream.c) ---- */

void zx_vmo_put(struct zx_vmo *vmo)
{
	zx_object_put(&vmo->base);
}

int zx_vmo_content_lock(struct zx_vmo *vmo)
{
	return mutex_lock_interruptible(&vmo->content_lock);
}

void zx_vmo_content_unlock(struct zx_vmo *vmo)
{
	mutex_unlock(&vmo->content_lock);
}

u64 zx_vmo_content_size(struct zx_vmo *vmo)
{
	u64 content_size;

	mutex_lock(&vmo->lock);
	content_size = vmo->content_size;
	mutex_unlock(&vmo->lock);
	return content_size;
}

void zx_vmo_set_content_size(struct zx_vmo *vmo, u64 content_size)
{
	mutex_lock(&vmo->lock);
	vmo->content_size = content_size;
	mutex_unlock(&vmo->lock);
}

/*
 * Grows @vmo to hold @end bytes if it is smaller and @can_resize; *@size is
 * its size afterwards, also on failure (the part that can still be used).
 */
zx_status_t zx_vmo_expand(struct zx_vmo *vmo, u64 end, bool can_resize,
			  u64 *size)
{
	zx_status_t status = ZX_OK;
	u64 want;

	mutex_lock(&vmo->owner->lock);
	*size = vmo->size;
	if (end <= vmo->size)
		goto out;
	if (end > ZX_VMO_MAX_SIZE)
		status = ZX_ERR_OUT_OF_RANGE;
	else if (!can_resize)
		status = ZX_ERR_NOT_SUPPORTED;
	else if (!(vmo->flags & ZX_VMO_F_RESIZABLE))
		status = ZX_ERR_UNAVAILABLE;
	if (status != ZX_OK)
		goto out;
	/* Only page owners are resizable; new pages read as zeros. */
	want = round_up(end, PAGE_SIZE);
	vmo->size = want;
	*size = want;
out:
	mutex_unlock(&vmo->owner->lock);
	return status;
}

/*
 * Zeros [offset, offset + len), which must lie within @vmo.  Not offered on
 * pager-backed VMOs, where dropping a page brings the pager's content back.
 */
zx_status_t zx_vmo_zero_range(struct zx_vmo *vmo, u64 offset, u64 len)
{
	zx_status_t status = zx_vmo_check_range(vmo, offset, len);

	if (status == ZX_OK && vmo->owner->pager_src)
		status = ZX_ERR_NOT_SUPPORTED;
	if (status == ZX_OK)
		status = zx_vmo_zero(vmo, offset, len);
	return status;
}

/* ---- Pager-backed VMOs, for pagers (zx_vm/pager.c) ---- */

/* A new VMO whose pages come from @src; on success it owns @src. */
zx_status_t zx_vmo_create_paged(u64 size, bool resizable,
				struct zx_pager_source *src,
				struct zx_vmo **out)
{
	struct zx_vmo *vmo;
	zx_status_t status;
	u64 rounded;

	status = zx_vmo_round_size(size, &rounded);
	if (status != ZX_OK)
		return status;
	vmo = zx_vmo_alloc(rounded, size, resizable ? ZX_VMO_F_RESIZABLE : 0);
	if (!vmo)
		return ZX_ERR_NO_MEMORY;
	vmo->pager_src = src;
	*out = vmo;
	return ZX_OK;
}

/* Gives @vmo (its reference) a handle with vmo_create's rights. */
zx_status_t zx_vmo_install_user(struct zx_process *proc, struct zx_vmo *vmo,
				u64 out)
{
	zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS;
	struct zx_handle *h;

	if (vmo->flags & ZX_VMO_F_RESIZABLE)
		rights |= ZX_RIGHT_RESIZE;
	h = zx_handle_create(&vmo->base, rights);
	zx_object_put(&vmo->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, out);
}

/* The source of a VMO made by pager_create_vmo (not of its slices). */
struct zx_pager_source *zx_vmo_pager_source(struct zx_vmo *vmo)
{
	return vmo->owner == vmo ? vmo->pager_src : NULL;
}

/*
 * Takes the owner's page at @idx, if any, out of its xarray together with
 * the entry's reference, for another VMO to own: like dropping it, except
 * that the page lives on.  *@shared: it was SHARED (a snapshot sharer may
 * outlive its parent).  Owner's lock held.
 */
static struct page *zx_vmo_take_page(struct zx_vmo *own, pgoff_t idx,
				     bool *shared)
{
	struct page *page;

	lockdep_assert_held(&own->lock);
	*shared = xa_get_mark(&own->pages, idx, ZX_VMO_SHARED);
	page = xa_erase(&own->pages, idx);
	if (page) {
		zx_vmo_count(own, -1);
		zx_vmo_unmap_page(own, idx, page);
	}
	return page;
}

/*
 * Moves the pages of [aux_offset, aux_offset + len) of @aux to [offset,
 * offset + len) of pager-backed @dst, a page at a time; missing ones become
 * zero pages, pages @dst already has stay.  The two locks are never held
 * together.  On failure the rest of @aux's range is decommitted, as Zircon
 * allows.
 */
zx_status_t zx_vmo_supply_pages(struct zx_vmo *dst, u64 offset, u64 len,
				struct zx_vmo *aux, u64 aux_offset)
{
	zx_status_t status = ZX_OK;
	unsigned long flags;
	bool children;
	u64 done;

	/* Only a plain VMO from vmo_create, with no children, gives pages. */
	spin_lock_irqsave(&zx_vmo_family_lock, flags);
	children = aux->num_children;
	spin_unlock_irqrestore(&zx_vmo_family_lock, flags);
	/*
	 * Contiguous and physical pages never leave their VMO, nor do pinned
	 * ones, and non-cached pages carry a memory type the destination
	 * does not expect (those two are checked page by page, under the
	 * lock).
	 */
	if (aux->owner != aux || aux->pager_src || children ||
	    (aux->flags & (ZX_VMO_F_COW | ZX_VMO_F_SLICE |
			   ZX_VMO_F_CONTIGUOUS | ZX_VMO_F_PHYSICAL)))
		return ZX_ERR_BAD_STATE;
	status = zx_vmo_check_range(dst, offset, len);
	if (status == ZX_OK)
		status = zx_vmo_check_range(aux, aux_offset, len);
	if (status != ZX_OK)
		return status;

	for (done = 0; done < len; done += PAGE_SIZE) {
		pgoff_t from = (aux_offset + done) >> PAGE_SHIFT;
		pgoff_t to = (offset + done) >> PAGE_SHIFT;
		struct page *page = NULL;
		bool shared = false;

		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		mutex_lock(&aux->lock);
		if (zx_vmo_pinned(aux, from, from) ||
		    aux->cache_policy != ZX_CACHE_POLICY_CACHED)
			status = ZX_ERR_BAD_STATE;
		else
			page = zx_vmo_take_page(aux, from, &shared);
		mutex_unlock(&aux->lock);
		if (status != ZX_OK)
			break;
		if (!page)
			page = zx_vmo_alloc_page(true);
		if (!page) {
			status = ZX_ERR_NO_MEMORY;
			break;
		}
		mutex_lock(&dst->lock);
		if (!zx_vmo_in_range(dst, offset + done, PAGE_SIZE)) {
			status = ZX_ERR_OUT_OF_RANGE;
		} else if (xa_load(&dst->pages, to)) {
			put_page(page);
			page = NULL;
		} else if (xa_err(xa_store(&dst->pages, to, page,
					   GFP_KERNEL_ACCOUNT))) {
			status = ZX_ERR_NO_MEMORY;
		} else {
			zx_vmo_count(dst, 1);
			if (shared)
				xa_set_mark(&dst->pages, to, ZX_VMO_SHARED);
			page = NULL;
		}
		mutex_unlock(&dst->lock);
		if (page)
			put_page(page);
		if (status != ZX_OK)
			break;
		zx_pager_pages_supplied(dst->pager_src, offset + done,
					offset + done);
		cond_resched();
	}
	if (status != ZX_OK && done < len) {
		mutex_lock(&aux->lock);
		if (zx_vmo_in_range(aux, aux_offset + done, len - done))
			zx_vmo_drop_pages(aux, (aux_offset + done) >> PAGE_SHIFT,
					  (aux_offset + len - 1) >> PAGE_SHIFT);
		mutex_unlock(&aux->lock);
	}
	return status;
}

/*
 * Mapping support, used by zx_vm/vmar.c.
 *
 * Each page owner that has ever been mapped gets a window of the module's
 * mapping file (zx_vm_window_alloc), and its pages appear in user mappings
 * only through zx_vmo_fault() and zx_vmo_map_committed().  Whoever installs
 * a page in a page table holds the page lock from the moment it checked,
 * locklessly, that the page is still the VMO's entry until the entry is in
 * place; whoever replaces, removes or write-protects (snapshots) an entry
 * does so under the owner's lock, then waits for the page lock and zaps the
 * page's window offset in every mapping.  So no mapping keeps a page that
 * the VMO no longer holds, or a writable page that became SHARED.
 *
 * Physical VMOs (issue 6) will need their own path here: a "pfn for page
 * index" lookup used with vmf_insert_pfn_prot() and zx_vmo_map_pgprot(), and
 * VM_PFNMAP set at mmap time instead of VM_MIXEDMAP.
 */

/* A page of @own at @idx was replaced or removed: zap its mappings. */
static void zx_vmo_unmap_page(struct zx_vmo *own, pgoff_t idx,
			      struct page *old)
{
	lockdep_assert_held(&own->lock);
	if (!own->map_window)
		return;
	/* Let an installer that checked before the change finish first. */
	lock_page(old);
	unlock_page(old);
	zx_vm_zap(zx_vm_window_pgoff(own->map_window) + idx, 1);
}

/*
 * Readies a mapping of [offset, offset + len) of @obj (a VMO).  On success
 * *@out is the page owner, referenced for the mapping (drop it with
 * zx_vmo_map_put()), and *@pgoff the mapping file page of @offset.
 */
zx_status_t zx_vmo_map_prepare(struct zx_object *obj, u64 offset, u64 len,
			       u32 options, struct zx_vmo **out,
			       unsigned long *pgoff)
{
	struct zx_vmo *vmo = zx_to_vmo(obj), *own = vmo->owner;
	bool faults = options & ZX_VM_ALLOW_FAULTS;
	zx_status_t status = ZX_OK;
	u64 end;

	if (check_add_overflow(offset, len, &end))
		return ZX_ERR_OUT_OF_RANGE;
	mutex_lock(&own->lock);
	if ((vmo->flags & ZX_VMO_F_RESIZABLE) &&
		 (options & ZX_VM_REQUIRE_NON_RESIZABLE))
		status = ZX_ERR_NOT_SUPPORTED;
	else if ((vmo->flags & ZX_VMO_F_RESIZABLE) && !faults)
		status = ZX_ERR_NOT_SUPPORTED;
	else if (end > vmo->size && !faults)
		status = ZX_ERR_BUFFER_TOO_SMALL;
	/*
	 * A mapping is a range of the owner's window, and faults are
	 * bounded by the owner alone: past its end, a slice's mapping would
	 * reach the owner's other pages.
	 */
	else if (end > vmo->size && (vmo->flags & ZX_VMO_F_SLICE))
		status = ZX_ERR_NOT_SUPPORTED;
	else if (vmo->owner_offset + end > ZX_VM_WINDOW_SIZE ||
		 vmo->owner_offset + end < end)
		status = ZX_ERR_NOT_SUPPORTED;
	else if (!own->map_window)
		own->map_window = zx_vm_window_alloc();
	if (status == ZX_OK && !own->map_window)
		status = ZX_ERR_NO_MEMORY;
	if (status == ZX_OK) {
		*pgoff = zx_vm_window_pgoff(own->map_window) +
			 ((vmo->owner_offset + offset) >> PAGE_SHIFT);
		*out = own;
		zx_vmo_map_get(own);
	}
	mutex_unlock(&own->lock);
	return status;
}

/* One more mapping (a VMA) of page owner @own. */
void zx_vmo_map_get(struct zx_vmo *own)
{
	/* Its vm_operations live in this module. */
	__module_get(THIS_MODULE);
	zx_object_get(&own->base);
	atomic_inc(&own->num_mappings);
}

void zx_vmo_map_put(struct zx_vmo *own)
{
	atomic_dec(&own->num_mappings);
	zx_object_put(&own->base);
	module_put(THIS_MODULE);
}

/* Page protection for mappings of @own, from its cache policy. */
pgprot_t zx_vmo_map_pgprot(struct zx_vmo *own, pgprot_t prot)
{
	switch (own->cache_policy) {
	case ZX_CACHE_POLICY_UNCACHED:
	case ZX_CACHE_POLICY_UNCACHED_DEVICE:
		return pgprot_noncached(prot);
	case ZX_CACHE_POLICY_WRITE_COMBINING:
		return pgprot_writecombine(prot);
	default:
		return prot;
	}
}

/* The page index of @own that @vmf faults on. */
static pgoff_t zx_vmo_fault_index(struct zx_vmo *own, struct vm_fault *vmf)
{
	return vmf->pgoff - zx_vm_window_pgoff(own->map_window);
}

static void zx_vmo_release_fault_lock(struct vm_fault *vmf)
{
#ifdef ZX_HAVE_RELEASE_FAULT_LOCK
	release_fault_lock(vmf);
#else
	/* Before per-VMA locks reached file mappings, mmap_lock it was. */
	mmap_read_unlock(vmf->vma->vm_mm);
#endif
}

/*
 * zx_vmo_fault() on page @idx of a pager-backed VMO, missing; the owner's
 * lock is held and is dropped here.  @failed: this task's last fault on the
 * page waited and its request failed.  Why the fault lock is dropped while
 * the pager answers, and the notes: zx_vm/pager.c.
 */
static vm_fault_t zx_vmo_fault_paged(struct zx_vmo *own, struct vm_fault *vmf,
				     pgoff_t idx, bool failed)
	__releases(&own->lock)
{
	struct zx_pager_source *src = own->pager_src;
	struct zx_pager_request *req = NULL;
	u64 pos = (u64)idx << PAGE_SHIFT;
	struct zx_pager_fault_note *note;
	unsigned int state = TASK_KILLABLE;
	zx_status_t status;

	/*
	 * Without a retry the wait would hold mmap_lock against the pager;
	 * userfaultfd gives up in this case too.
	 */
	if (failed || !(vmf->flags & FAULT_FLAG_ALLOW_RETRY)) {
		mutex_unlock(&own->lock);
		return VM_FAULT_SIGBUS;
	}
	note = zx_pager_fault_note_alloc();
	if (!note) {
		mutex_unlock(&own->lock);
		return VM_FAULT_OOM;
	}
	status = zx_vmo_ask_pager(own, pos, &req);
	mutex_unlock(&own->lock);
	if (status != ZX_OK) {
		zx_pager_fault_note_free(note);
		/* A detached VMO: missing pages fail. */
		return status == ZX_ERR_NO_MEMORY ? VM_FAULT_OOM :
						    VM_FAULT_SIGBUS;
	}
	if (vmf->flags & FAULT_FLAG_RETRY_NOWAIT) {
		/* The caller comes back later; the request stays queued. */
		zx_pager_request_drop(req);
		zx_pager_fault_note_free(note);
		return VM_FAULT_RETRY;
	}
	/* The VMA, and its reference on @own, may go with the lock. */
	zx_object_get(&own->base);
	zx_vmo_release_fault_lock(vmf);
	/*
	 * A user fault returns to user space for a signal and comes back; a
	 * kernel access would only spin on it.  Never uninterruptible: the
	 * pager is a user program.
	 */
	if ((vmf->flags & FAULT_FLAG_USER) &&
	    (vmf->flags & FAULT_FLAG_INTERRUPTIBLE))
		state = TASK_INTERRUPTIBLE;
	status = zx_pager_wait_state(req, state);
	if (status != ZX_OK && status != ZX_ERR_INTERNAL_INTR_RETRY) {
		zx_pager_fault_failed(src, pos, note);
		note = NULL;
	}
	zx_pager_fault_note_free(note);
	zx_object_put(&own->base);
	return VM_FAULT_RETRY;
}

/*
 * A fault on a missing page table entry: commits the page if needed (or
 * has the pager supply it) and hands it, locked, to the core to map.
 * SHARED pages are mapped read-only like any other (the mapping wants
 * write notification) and made private in zx_vmo_page_mkwrite() on the
 * first write.
 */
vm_fault_t zx_vmo_fault(struct zx_vmo *own, struct vm_fault *vmf)
{
	pgoff_t idx = zx_vmo_fault_index(own, vmf);
	struct page *page = NULL;
	unsigned long pfn;
	bool failed;

	/*
	 * A physical VMO maps its range itself, as a special entry (no
	 * struct page, so nothing can pin it through the mapping).
	 */
	if (zx_vmo_physical_pfn(own, (u64)idx << PAGE_SHIFT, &pfn)) {
		if (idx >= own->size >> PAGE_SHIFT)
			return VM_FAULT_SIGBUS;
		return vmf_insert_mixed(vmf->vma, vmf->address,
					pfn_to_pfn_t(pfn));
	}

	mutex_lock(&own->lock);
	if (idx < own->size >> PAGE_SHIFT) {
		page = xa_load(&own->pages, idx);
		/* Taken even if the page came meanwhile: no stale notes. */
		failed = own->pager_src &&
			 zx_pager_take_fault_note(own->pager_src,
						  (u64)idx << PAGE_SHIFT);
		if (!page && own->pager_src)
			return zx_vmo_fault_paged(own, vmf, idx, failed);
		if (!page)
			page = zx_vmo_writable_page(own, idx);
		if (page)
			get_page(page);
		else
			idx = ULONG_MAX;	/* out of memory */
	}
	mutex_unlock(&own->lock);
	if (!page)
		return idx == ULONG_MAX ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	lock_page(page);
	if (xa_load(&own->pages, idx) != page) {
		/* Replaced meanwhile: fault again. */
		unlock_page(page);
		put_page(page);
		return VM_FAULT_NOPAGE;
	}
	vmf->page = page;
	return VM_FAULT_LOCKED;
}

/* A write to a read-only entry: the page becomes private to @own first. */
vm_fault_t zx_vmo_page_mkwrite(struct zx_vmo *own, struct vm_fault *vmf)
{
	pgoff_t idx = zx_vmo_fault_index(own, vmf);
	struct page *page;

	mutex_lock(&own->lock);
	if (idx >= own->size >> PAGE_SHIFT) {
		mutex_unlock(&own->lock);
		return VM_FAULT_SIGBUS;
	}
	page = zx_vmo_writable_page(own, idx);
	if (page != vmf->page) {
		/* A copy replaced it (and zapped it): fault again. */
		mutex_unlock(&own->lock);
		return page ? VM_FAULT_NOPAGE : VM_FAULT_OOM;
	}
	lock_page(page);
	mutex_unlock(&own->lock);
	return VM_FAULT_LOCKED;
}

/*
 * Maps the committed pages of @own among the window pages of [addr, end)
 * of @vma that have no entry yet.  mmap_lock held.
 */
void zx_vmo_map_committed(struct zx_vmo *own, struct vm_area_struct *vma,
			  unsigned long addr, unsigned long end)
{
	unsigned long first = linear_page_index(vma, addr) -
			      zx_vm_window_pgoff(own->map_window);
	unsigned long last = first + ((end - addr) >> PAGE_SHIFT) - 1;
	unsigned long idx = first;
	struct page *page;

	while (idx <= last && !fatal_signal_pending(current)) {
		mutex_lock(&own->lock);
		page = xa_find(&own->pages, &idx, last, XA_PRESENT);
		if (page)
			get_page(page);
		mutex_unlock(&own->lock);
		if (!page)
			break;
		lock_page(page);
		/* An existing entry makes this fail harmlessly (-EBUSY). */
		if (xa_load(&own->pages, idx) == page)
			vm_insert_page(vma, addr + ((idx - first) << PAGE_SHIFT),
				       page);
		unlock_page(page);
		put_page(page);
		idx++;
		cond_resched();
	}
}

/*
 * The mapping part of @vma's PROCESS_MAPS record (a mapping of @own): the
 * owner's koid, name and offset, and its pages present in the range.
 * mmap_lock held.
 */
void zx_vmo_map_info(struct zx_vmo *own, struct vm_area_struct *vma,
		     zx_info_maps_t *rec)
{
	unsigned long first = vma->vm_pgoff -
			      zx_vm_window_pgoff(own->map_window);
	unsigned long last = first + vma_pages(vma) - 1;
	unsigned long flags, idx;
	struct page *page;
	size_t n = 0;

	spin_lock_irqsave(own->base.lock, flags);
	memcpy(rec->name, own->base.name, sizeof(rec->name));
	spin_unlock_irqrestore(own->base.lock, flags);
	rec->u.mapping.vmo_koid = own->base.koid;
	rec->u.mapping.vmo_offset = (u64)first << PAGE_SHIFT;
	mutex_lock(&own->lock);
	xa_for_each_range(&own->pages, idx, page, first, last)
		n++;
	mutex_unlock(&own->lock);
	rec->u.mapping.committed_pages = n;
	rec->u.mapping.populated_pages = n;
}

/*
 * vmar_op_range's COMMIT and DECOMMIT of window pages [first, first + n) of
 * @own, reached through a mapping.
 */
zx_status_t zx_vmo_map_op(struct zx_vmo *own, u32 op, unsigned long first,
			  unsigned long n)
{
	u64 offset = (u64)(first - zx_vm_window_pgoff(own->map_window)) <<
		     PAGE_SHIFT;
	u64 len = (u64)n << PAGE_SHIFT;
	zx_status_t status;

	/* A physical range has no pages to commit or drop. */
	if (own->flags & ZX_VMO_F_PHYSICAL)
		return ZX_ERR_NOT_SUPPORTED;
	if (op == ZX_VMAR_OP_DECOMMIT)
		return zx_vmo_decommit(own, offset, len);
	status = zx_vmo_check_range(own, offset, len);
	if (status == ZX_OK)
		status = zx_vmo_commit(own, offset, len);
	return status;
}

/* ---- For the DDK (zx_ddk/) and mappings: see vmo.h ---- */

void zx_vmo_get_ref(struct zx_vmo *vmo)
{
	zx_object_get(&vmo->base);
}

bool zx_vmo_is_contiguous(struct zx_vmo *vmo)
{
	return vmo->owner->flags & (ZX_VMO_F_CONTIGUOUS | ZX_VMO_F_PHYSICAL);
}

/* Drops the pins of the first @n pages from @first.  Owner's lock held. */
static void zx_vmo_unpin_locked(struct zx_vmo *own, pgoff_t first,
				unsigned long n, struct page **pages)
{
	unsigned long i, count;
	void *entry;

	lockdep_assert_held(&own->lock);
	for (i = 0; i < n; i++) {
		entry = xa_load(&own->pins, first + i);
		count = xa_to_value(entry);
		if (count > 1)
			xa_store(&own->pins, first + i, xa_mk_value(count - 1),
				 GFP_NOWAIT);
		else
			xa_erase(&own->pins, first + i);
		put_page(pages[i]);
	}
}

zx_status_t zx_vmo_pin(struct zx_vmo *vmo, u64 offset, u64 size,
		       struct page **pages)
{
	struct zx_vmo *own = vmo->owner;
	pgoff_t first = (vmo->owner_offset + offset) >> PAGE_SHIFT;
	unsigned long i, n = size >> PAGE_SHIFT;
	zx_status_t status = ZX_OK;

	mutex_lock(&own->lock);
	/* No pages, or pages that only the pager may supply. */
	if ((own->flags & ZX_VMO_F_PHYSICAL) || own->pager_src)
		status = ZX_ERR_NOT_SUPPORTED;
	else if (!zx_vmo_in_range(vmo, offset, size))
		status = ZX_ERR_OUT_OF_RANGE;
	for (i = 0; status == ZX_OK && i < n; i++) {
		unsigned long count;
		struct page *page;
		int err;

		if (fatal_signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		/* Commits, and unshares a snapshot's page (never pinned). */
		page = zx_vmo_writable_page(own, first + i);
		if (!page) {
			status = ZX_ERR_NO_MEMORY;
			break;
		}
		count = xa_to_value(xa_load(&own->pins, first + i));
		err = xa_err(xa_store(&own->pins, first + i,
				      xa_mk_value(count + 1),
				      GFP_KERNEL_ACCOUNT));
		if (err) {
			status = ZX_ERR_NO_MEMORY;
			break;
		}
		get_page(page);
		pages[i] = page;
		cond_resched();
	}
	if (status != ZX_OK)
		zx_vmo_unpin_locked(own, first, i, pages);
	mutex_unlock(&own->lock);
	return status;
}

void zx_vmo_unpin(struct zx_vmo *vmo, u64 offset, u64 size,
		  struct page **pages)
{
	struct zx_vmo *own = vmo->owner;

	mutex_lock(&own->lock);
	zx_vmo_unpin_locked(own, (vmo->owner_offset + offset) >> PAGE_SHIFT,
			    size >> PAGE_SHIFT, pages);
	mutex_unlock(&own->lock);
}

bool zx_vmo_physical_pfn(struct zx_vmo *vmo, u64 offset, unsigned long *pfn)
{
	struct zx_vmo *own = vmo->owner;

	if (!(own->flags & ZX_VMO_F_PHYSICAL))
		return false;
	*pfn = (own->phys + vmo->owner_offset + offset) >> PAGE_SHIFT;
	return true;
}

static zx_status_t zx_vmo_install(struct zx_process *proc,
				  struct zx_vmo *vmo, u64 uptr)
{
	struct zx_handle *h;

	h = zx_handle_create(&vmo->base, ZX_DEFAULT_VMO_RIGHTS);
	zx_object_put(&vmo->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, uptr);
}

/*
 * Contiguous VMOs come from the page allocator's buddy lists, split into
 * order-0 pages so each xarray entry owns its own reference as usual.  The
 * BTI only vouches for the caller's right to do DMA: the pages are the same
 * whichever device later pins them.
 */
zx_status_t zx_sys_vmo_create_contiguous(struct zx_process *proc, void *argp)
{
	struct zx_vmo_create_contiguous_args *args = argp;
	unsigned long i, n, align;
	struct zx_vmo *vmo;
	zx_status_t status;
	struct page *page;
	unsigned int order;
	u64 size;

	status = zx_bti_check(proc, args->bti, ZX_RIGHT_MAP);
	if (status != ZX_OK)
		return status;
	if (args->reserved || !args->size)
		return ZX_ERR_INVALID_ARGS;
	if (args->alignment_log2 &&
	    (args->alignment_log2 < PAGE_SHIFT || args->alignment_log2 >= 64))
		return ZX_ERR_INVALID_ARGS;
	status = zx_vmo_round_size(args->size, &size);
	if (status != ZX_OK)
		return status;
	n = size >> PAGE_SHIFT;
	align = args->alignment_log2 ? 1UL << (args->alignment_log2 -
					       PAGE_SHIFT) : 1;
	/* A buddy block of order k is aligned to its own size. */
	order = get_order(max_t(u64, size, (u64)align << PAGE_SHIFT));
	if (order > MAX_PAGE_ORDER)
		return ZX_ERR_NO_MEMORY;
	vmo = zx_vmo_alloc(size, args->size, ZX_VMO_F_CONTIGUOUS);
	if (!vmo)
		return ZX_ERR_NO_MEMORY;
	page = alloc_pages(GFP_KERNEL | __GFP_ACCOUNT | __GFP_ZERO |
			   __GFP_NOWARN, order);
	if (!page) {
		zx_object_put(&vmo->base);
		return ZX_ERR_NO_MEMORY;
	}
	split_page(page, order);
	for (i = 0; i < (1UL << order); i++) {
		if (i < n && !xa_err(xa_store(&vmo->pages, i, page + i,
					      GFP_KERNEL_ACCOUNT))) {
			zx_vmo_count(vmo, 1);
			continue;
		}
		if (i < n)
			status = ZX_ERR_NO_MEMORY;
		__free_page(page + i);
	}
	if (status != ZX_OK) {
		/* zx_vmo_destroy() frees the pages stored so far. */
		zx_object_put(&vmo->base);
		return status;
	}
	return zx_vmo_install(proc, vmo, args->out);
}

zx_status_t zx_sys_vmo_create_physical(struct zx_process *proc, void *argp)
{
	struct zx_vmo_create_physical_args *args = argp;
	struct zx_vmo *vmo;
	zx_status_t status;
	u64 end;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_resource_check(proc, args->resource, ZX_RSRC_KIND_MMIO,
				   args->paddr, args->size);
	if (status != ZX_OK)
		return status;
	if (!PAGE_ALIGNED(args->paddr) || !PAGE_ALIGNED(args->size))
		return ZX_ERR_INVALID_ARGS;
	if (args->size > ZX_VMO_MAX_SIZE ||
	    check_add_overflow(args->paddr, args->size, &end))
		return ZX_ERR_OUT_OF_RANGE;
	/*
	 * Memory Linux manages is never handed out as a physical range:
	 * user mappings of it would bypass every owner's bookkeeping.
	 */
	if (args->size && region_intersects(args->paddr, args->size,
					    IORESOURCE_SYSTEM_RAM,
					    IORES_DESC_NONE) !=
			  REGION_DISJOINT)
		return ZX_ERR_ACCESS_DENIED;
	vmo = zx_vmo_alloc(args->size, args->size, ZX_VMO_F_PHYSICAL);
	if (!vmo)
		return ZX_ERR_NO_MEMORY;
	vmo->phys = args->paddr;
	return zx_vmo_install(proc, vmo, args->out);
}

/* A physical VMO over [paddr, paddr + size), for pci_get_bar. */
struct zx_vmo *zx_vmo_create_physical_kernel(u64 paddr, u64 size,
					     u32 cache_policy)
{
	struct zx_vmo *vmo = zx_vmo_alloc(size, size, ZX_VMO_F_PHYSICAL);

	if (vmo) {
		vmo->phys = paddr;
		vmo->cache_policy = cache_policy;
	}
	return vmo;
}

struct zx_object *zx_vmo_object(struct zx_vmo *vmo)
{
	return &vmo->base;
}

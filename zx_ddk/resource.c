// SPDX-License-Identifier: GPL-2.0
/*
 * Resources: the capabilities that let a process reach hardware.
 *
 * The root resource grants everything; it is handed, once per process, to
 * processes with CAP_SYS_ADMIN (zx_take_startup_handle(PA_HND(PA_RESOURCE,
 * 0))).  Narrower resources are carved out of it, or out of a resource of
 * the same kind that contains their range, with zx_resource_create().
 *
 * Each ranged kind has an address space: physical addresses for MMIO, Linux
 * IRQ numbers for IRQ, x86 I/O ports, SMC service call numbers (arm64), and
 * the ZX_RSRC_SYSTEM_* bases.  Every resource with a handle is on its kind's
 * list, so an exclusive one can refuse overlaps; its reservation ends when
 * its last handle closes.
 */
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "ddk.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* SMC function ids carry a 6-bit service call number (SMCCC). */
#define ZX_SMC_SERVICE_CALLS	64

struct zx_resource {
	struct zx_object base;
	u32 kind;
	u32 flags;
	u64 start;
	u64 size;
	struct list_head node;		/* on zx_resource_ranges[kind] */
};

/* Guards the lists; taken only in process context. */
static DEFINE_MUTEX(zx_resource_lock);
static struct list_head zx_resource_ranges[ZX_RSRC_KIND_COUNT];
static struct zx_resource *zx_root_resource;

static struct zx_resource *to_resource(struct zx_object *obj)
{
	return container_of(obj, struct zx_resource, base);
}

/*
 * The last address of @kind's address space (inclusive: arm64's physical
 * space ends at U64_MAX); false if the kind does not exist here.
 */
static bool zx_resource_space_last(u32 kind, u64 *last)
{
	switch (kind) {
	case ZX_RSRC_KIND_MMIO:
		*last = iomem_resource.end;
		return true;
	case ZX_RSRC_KIND_IRQ:
		*last = nr_irqs - 1;
		return nr_irqs > 0;
	case ZX_RSRC_KIND_IOPORT:
		*last = ioport_resource.end;
		return IS_ENABLED(CONFIG_X86);
	case ZX_RSRC_KIND_SMC:
		*last = ZX_SMC_SERVICE_CALLS - 1;
		return IS_ENABLED(CONFIG_ARM64);
	case ZX_RSRC_KIND_SYSTEM:
		*last = ZX_RSRC_SYSTEM_COUNT - 1;
		return true;
	default:
		return false;
	}
}

static bool zx_range_inside(u64 base, u64 size, u64 outer_base,
			    u64 outer_size)
{
	return base >= outer_base && size <= outer_size &&
	       base - outer_base <= outer_size - size;
}

/* Non-empty ranges; a range may end at U64_MAX. */
static bool zx_ranges_overlap(u64 a, u64 a_size, u64 b, u64 b_size)
{
	return a <= b + (b_size - 1) && b <= a + (a_size - 1);
}

static void zx_resource_on_zero_handles(struct zx_object *obj)
{
	struct zx_resource *r = to_resource(obj);

	mutex_lock(&zx_resource_lock);
	list_del_init(&r->node);
	mutex_unlock(&zx_resource_lock);
}

static void zx_resource_destroy(struct zx_object *obj)
{
	kfree(to_resource(obj));
}

static zx_status_t zx_resource_get_info(struct zx_object *obj,
					struct zx_info_request *req)
{
	struct zx_resource *r = to_resource(obj);
	zx_info_resource_t info = {
		.kind = r->kind,
		.flags = r->flags,
		.base = r->start,
		.size = r->size,
	};
	unsigned long flags;

	/* System statistics are for the info resource (or the root's). */
	if (req->topic != ZX_INFO_RESOURCE) {
		if (r->kind == ZX_RSRC_KIND_ROOT ||
		    (r->kind == ZX_RSRC_KIND_SYSTEM &&
		     r->start == ZX_RSRC_SYSTEM_INFO_BASE))
			return zx_system_stats_info(req);
		return ZX_ERR_WRONG_TYPE;
	}
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	spin_lock_irqsave(obj->lock, flags);
	memcpy(info.name, obj->name, sizeof(info.name));
	spin_unlock_irqrestore(obj->lock, flags);
	return zx_info_write_single(req, &info, sizeof(info));
}

static const struct zx_object_type zx_resource_type = {
	.obj_type = ZX_OBJ_TYPE_RESOURCE,
	.name = ZX_NAME_FIXED,
	.default_rights = ZX_DEFAULT_RESOURCE_RIGHTS,
	.on_zero_handles = zx_resource_on_zero_handles,
	.destroy = zx_resource_destroy,
	.get_info = zx_resource_get_info,
};

/* The root resource lives as long as the module, like the root job. */
static const struct zx_object_type zx_root_resource_type = {
	.obj_type = ZX_OBJ_TYPE_RESOURCE,
	.name = ZX_NAME_FIXED,
	.default_rights = ZX_DEFAULT_RESOURCE_RIGHTS,
	.permanent = true,
	.destroy = zx_resource_destroy,
	.get_info = zx_resource_get_info,
};

static struct zx_resource *zx_resource_alloc(const struct zx_object_type *type,
					     u32 kind, u32 flags, u64 start,
					     u64 size)
{
	struct zx_resource *r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);

	if (!r)
		return NULL;
	zx_object_init(&r->base, type);
	r->kind = kind;
	r->flags = flags;
	r->start = start;
	r->size = size;
	INIT_LIST_HEAD(&r->node);
	return r;
}

int zx_resources_init(void)
{
	int i;

	for (i = 0; i < ZX_RSRC_KIND_COUNT; i++)
		INIT_LIST_HEAD(&zx_resource_ranges[i]);
	zx_root_resource = zx_resource_alloc(&zx_root_resource_type,
					     ZX_RSRC_KIND_ROOT, 0, 0, 0);
	if (!zx_root_resource)
		return -ENOMEM;
	strscpy(zx_root_resource->base.name, "root",
		sizeof(zx_root_resource->base.name));
	return 0;
}

void zx_resources_exit(void)
{
	zx_object_put(&zx_root_resource->base);
}

struct zx_handle *zx_root_resource_handle(void)
{
	return zx_handle_create(&zx_root_resource->base,
				ZX_DEFAULT_RESOURCE_RIGHTS);
}

/*
 * Whether @r's range holds [base, base + size).  MMIO ranges count as
 * rounded out to whole pages, as on Zircon: memory is only ever mapped by
 * the page.
 */
static bool zx_resource_covers(const struct zx_resource *r, u64 base,
			       u64 size)
{
	u64 start = r->start, len = r->size;

	if (r->kind == ZX_RSRC_KIND_MMIO) {
		start = round_down(r->start, PAGE_SIZE);
		len = r->start - start + r->size;
		if (len <= U64_MAX - (PAGE_SIZE - 1))
			len = round_up(len, PAGE_SIZE);
	}
	return zx_range_inside(base, size, start, len);
}

static bool zx_resource_grants(const struct zx_resource *r, u32 kind,
			       u64 base, u64 size)
{
	if (r->kind == ZX_RSRC_KIND_ROOT)
		return true;
	return r->kind == kind && zx_resource_covers(r, base, size);
}

/*
 * The check of calls that need a resource, as Zircon makes it: the root
 * resource grants everything.  A call that needs the root resource itself
 * refuses any other (ZX_ERR_ACCESS_DENIED); one that needs a system
 * resource refuses any other kind or base as the wrong type; any other
 * call needs a resource of @kind (ZX_ERR_WRONG_TYPE) that holds the range
 * (ZX_ERR_OUT_OF_RANGE).
 */
zx_status_t zx_resource_check(struct zx_process *proc, zx_handle_t handle,
			      u32 kind, u64 base, u64 size)
{
	struct zx_resource *r;
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_RESOURCE, 0,
				  &obj, NULL);
	if (status != ZX_OK)
		return status;
	r = to_resource(obj);
	if (zx_resource_grants(r, kind, base, size))
		status = ZX_OK;
	else if (kind == ZX_RSRC_KIND_ROOT)
		status = ZX_ERR_ACCESS_DENIED;
	else if (r->kind != kind || kind == ZX_RSRC_KIND_SYSTEM)
		status = ZX_ERR_WRONG_TYPE;
	else
		status = ZX_ERR_OUT_OF_RANGE;
	zx_object_put(obj);
	return status;
}

/*
 * Puts @r on its kind's list unless that conflicts with an exclusive
 * reservation: an exclusive resource may overlap no other, and no resource
 * may overlap an exclusive one.
 */
static zx_status_t zx_resource_reserve(struct zx_resource *r)
{
	struct list_head *list = &zx_resource_ranges[r->kind];
	bool exclusive = r->flags & ZX_RSRC_FLAG_EXCLUSIVE;
	struct zx_resource *other;
	zx_status_t status = ZX_OK;

	mutex_lock(&zx_resource_lock);
	list_for_each_entry(other, list, node) {
		if (!exclusive && !(other->flags & ZX_RSRC_FLAG_EXCLUSIVE))
			continue;
		if (zx_ranges_overlap(r->start, r->size, other->start,
				      other->size)) {
			status = ZX_ERR_NOT_FOUND;
			break;
		}
	}
	if (status == ZX_OK)
		list_add_tail(&r->node, list);
	mutex_unlock(&zx_resource_lock);
	return status;
}

/* The kinds and flags this machine accepts in resource_create's options. */
static bool zx_resource_options_valid(u32 kind, u32 flags)
{
	if (flags & ~ZX_RSRC_FLAGS_MASK)
		return false;
	u64 last;

	if (kind == ZX_RSRC_KIND_ROOT)
		return !flags;
	return zx_resource_space_last(kind, &last);
}

zx_status_t zx_sys_resource_create(struct zx_process *proc, void *argp)
{
	struct zx_resource_create_args *args = argp;
	u32 kind = ZX_RSRC_EXTRACT_KIND(args->options);
	u32 flags = ZX_RSRC_EXTRACT_FLAGS(args->options);
	char name[ZX_MAX_NAME_LEN] = {};
	struct zx_resource *r, *parent;
	struct zx_object *parent_obj;
	struct zx_handle *h;
	zx_status_t status;
	u64 last;

	status = zx_handle_lookup(proc, args->parent, ZX_OBJ_TYPE_RESOURCE,
				  ZX_RIGHT_WRITE, &parent_obj, NULL);
	if (status != ZX_OK)
		return status;
	parent = to_resource(parent_obj);
	/* A range that wraps around is no range at all. */
	if (!zx_resource_options_valid(kind, flags) ||
	    (args->size && args->base > U64_MAX - (args->size - 1)))
		status = ZX_ERR_INVALID_ARGS;
	else if (!zx_resource_grants(parent, kind, args->base, args->size))
		status = ZX_ERR_ACCESS_DENIED;
	/*
	 * What an exclusive resource holds is its holder's alone: a slice
	 * of it is exclusive too.
	 */
	else if ((parent->flags & ZX_RSRC_FLAG_EXCLUSIVE) &&
		 !(flags & ZX_RSRC_FLAG_EXCLUSIVE))
		status = ZX_ERR_INVALID_ARGS;
	zx_object_put(parent_obj);
	if (status != ZX_OK)
		return status;

	if (kind == ZX_RSRC_KIND_ROOT && (args->base || args->size))
		return ZX_ERR_INVALID_ARGS;
	if (args->name_size &&
	    copy_from_user(name, zx_uptr(args->name),
			   min_t(u64, args->name_size, sizeof(name) - 1)))
		return ZX_ERR_INVALID_ARGS;

	if (kind != ZX_RSRC_KIND_ROOT) {
		zx_resource_space_last(kind, &last);
		if (!args->size || args->base > last ||
		    args->size - 1 > last - args->base)
			return ZX_ERR_NOT_FOUND;
	}

	r = zx_resource_alloc(&zx_resource_type, kind, flags, args->base,
			      args->size);
	if (!r)
		return ZX_ERR_NO_MEMORY;
	memcpy(r->base.name, name, sizeof(name));
	/* With a handle first, so that a failure below ends the reservation. */
	h = zx_handle_create(&r->base, ZX_DEFAULT_RESOURCE_RIGHTS);
	zx_object_put(&r->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	/* The root kind is no range: nothing to reserve. */
	if (kind != ZX_RSRC_KIND_ROOT) {
		status = zx_resource_reserve(r);
		if (status != ZX_OK) {
			zx_handle_destroy(h);
			return status;
		}
	}
	return zx_handle_install_user(proc, h, args->out);
}

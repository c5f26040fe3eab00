// SPDX-License-Identifier: GPL-2.0
/*
 * VM address regions.  For now only the root VMAR each process receives:
 * the span of user addresses Linux gives the process.  Allocation, mapping
 * and protection arrive with VMOs.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sizes.h>

#include "../zx_core/zircon.h"

/*
 * Linux's default vm.mmap_min_addr: nothing maps below it, so the root
 * region starts there (the sysctl's value is not exported to modules).
 */
#define ZX_VMAR_ROOT_BASE	SZ_64K

struct zx_vmar {
	struct zx_object base;
	unsigned long start;
	unsigned long len;
};

static zx_status_t zx_vmar_get_info(struct zx_object *obj,
				    struct zx_info_request *req)
{
	struct zx_vmar *vmar = container_of(obj, struct zx_vmar, base);
	zx_info_vmar_t info = {
		.base = vmar->start,
		.len = vmar->len,
	};

	switch (req->topic) {
	case ZX_INFO_VMAR:
		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		return zx_info_write_single(req, &info, sizeof(info));
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

static void zx_vmar_destroy(struct zx_object *obj)
{
	kfree(container_of(obj, struct zx_vmar, base));
}

static const struct zx_object_type zx_vmar_type = {
	.obj_type = ZX_OBJ_TYPE_VMAR,
	.default_rights = ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ |
			  ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_vmar_destroy,
	.get_info = zx_vmar_get_info,
};

/* The root VMAR of the calling process; NULL without memory. */
struct zx_object *zx_vmar_create_root(void)
{
	struct zx_vmar *vmar = kzalloc(sizeof(*vmar), GFP_KERNEL_ACCOUNT);

	if (!vmar)
		return NULL;
	zx_object_init(&vmar->base, &zx_vmar_type);
	vmar->start = ZX_VMAR_ROOT_BASE;
	vmar->len = TASK_SIZE - ZX_VMAR_ROOT_BASE;
	return &vmar->base;
}

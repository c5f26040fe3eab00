// SPDX-License-Identifier: GPL-2.0
/*
 * IOMMU objects: which devices a BTI may name, and how their DMA is mapped.
 *
 * Linux already drives the machine's IOMMU, so an IOMMU object does not
 * program hardware.  ZX_IOMMU_TYPE_DUMMY (no protection, as on Zircon) lets
 * BTIs name anything; a BTI whose id is the bus/device/function of a PCI
 * device bound to this module maps pins through that device's DMA API (and
 * so through whatever IOMMU domain Linux gave it), any other id gets CPU
 * physical addresses.  ZX_IOMMU_TYPE_INTEL (x86) takes a DMAR unit's
 * description: its device scope (or whole segment) limits the ids a BTI
 * may use to devices that Linux has put behind an IOMMU; the register base
 * and reserved regions are checked for form only, since Linux owns the
 * unit and already honours the firmware's reserved regions.
 */
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <zircon/syscalls/iommu.h>

#include "ddk.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_INTEL_SCOPE_HOPS	5

struct zx_iommu {
	struct zx_object base;
	u32 type;			/* ZX_IOMMU_TYPE_* */
	u16 segment;
	bool whole_segment;
	unsigned int num_scopes;
	zx_iommu_desc_intel_scope_t scopes[];
};

static struct zx_iommu *to_iommu(struct zx_object *obj)
{
	return container_of(obj, struct zx_iommu, base);
}

static void zx_iommu_destroy(struct zx_object *obj)
{
	kfree(to_iommu(obj));
}

static const struct zx_object_type zx_iommu_type = {
	.obj_type = ZX_OBJ_TYPE_IOMMU,
	.default_rights = ZX_DEFAULT_IOMMU_RIGHTS,
	.destroy = zx_iommu_destroy,
};

/*
 * The device a scope's path ends at (pci_dev_get'd), following bridges
 * hop by hop from its start bus; NULL if the path leads nowhere.
 */
static struct pci_dev *zx_scope_device(u16 segment,
				       const zx_iommu_desc_intel_scope_t *s)
{
	unsigned int bus = s->start_bus;
	struct pci_dev *pdev = NULL;
	int i;

	for (i = 0; i < s->num_hops; i++) {
		if (pdev) {
			if (!pdev->subordinate) {
				pci_dev_put(pdev);
				return NULL;
			}
			bus = pdev->subordinate->number;
			pci_dev_put(pdev);
		}
		pdev = pci_get_domain_bus_and_slot(segment, bus,
						   s->dev_func[i]);
		if (!pdev)
			return NULL;
	}
	return pdev;
}

/* @pdev is the scope's endpoint, or below the scope's bridge. */
static bool zx_scope_covers(u16 segment, const zx_iommu_desc_intel_scope_t *s,
			    struct pci_dev *pdev)
{
	struct pci_dev *end = zx_scope_device(segment, s), *up;
	bool covers = false;

	if (!end)
		return false;
	if (s->type == ZX_IOMMU_INTEL_SCOPE_ENDPOINT) {
		covers = end == pdev;
	} else {
		for (up = pdev->bus->self; up && !covers;
		     up = up->bus->self)
			covers = up == end;
	}
	pci_dev_put(end);
	return covers;
}

static bool zx_iommu_covers(struct zx_iommu *iommu, struct pci_dev *pdev)
{
	unsigned int i;

	if (pci_domain_nr(pdev->bus) != iommu->segment)
		return false;
	if (iommu->whole_segment)
		return true;
	for (i = 0; i < iommu->num_scopes; i++)
		if (zx_scope_covers(iommu->segment, &iommu->scopes[i], pdev))
			return true;
	return false;
}

/* Some device the IOMMU covers is behind an IOMMU Linux drives. */
static bool zx_iommu_linux_drives(struct zx_iommu *iommu)
{
	struct pci_dev *pdev = NULL;

	for_each_pci_dev(pdev) {
		if (device_iommu_mapped(&pdev->dev) &&
		    zx_iommu_covers(iommu, pdev)) {
			pci_dev_put(pdev);
			return true;
		}
	}
	return false;
}

/* Checks the layout of an Intel descriptor of @size bytes at @desc. */
static bool zx_intel_desc_valid(const u8 *desc, size_t size)
{
	const zx_iommu_desc_intel_t *d = (const void *)desc;
	const zx_iommu_desc_intel_scope_t *s;
	size_t pos, end, i;

	if (size < sizeof(*d))
		return false;
	if (d->scope_bytes % sizeof(*s) ||
	    sizeof(*d) + d->scope_bytes + d->reserved_memory_bytes != size)
		return false;
	if (!d->whole_segment && !d->scope_bytes)
		return false;
	s = (const void *)(desc + sizeof(*d));
	for (i = 0; i < d->scope_bytes / sizeof(*s); i++) {
		if (s[i].type != ZX_IOMMU_INTEL_SCOPE_ENDPOINT &&
		    s[i].type != ZX_IOMMU_INTEL_SCOPE_BRIDGE)
			return false;
		if (!s[i].num_hops || s[i].num_hops > ZX_INTEL_SCOPE_HOPS)
			return false;
	}
	/* Reserved regions: each a header and its own scopes. */
	pos = sizeof(*d) + d->scope_bytes;
	while (pos < size) {
		const zx_iommu_desc_intel_reserved_memory_t *r;

		if (size - pos < sizeof(*r))
			return false;
		r = (const void *)(desc + pos);
		end = pos + sizeof(*r) + r->scope_bytes;
		if (r->scope_bytes % sizeof(*s) || end > size ||
		    r->base_addr + r->len < r->base_addr)
			return false;
		pos = end;
	}
	return true;
}

static zx_status_t zx_iommu_new_intel(const u8 *desc, size_t size,
				      struct zx_iommu **out)
{
	const zx_iommu_desc_intel_t *d = (const void *)desc;
	unsigned int n = d->scope_bytes / sizeof(zx_iommu_desc_intel_scope_t);
	struct zx_iommu *iommu;

	iommu = kzalloc(struct_size(iommu, scopes, n), GFP_KERNEL_ACCOUNT);
	if (!iommu)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&iommu->base, &zx_iommu_type);
	iommu->type = ZX_IOMMU_TYPE_INTEL;
	iommu->segment = d->pci_segment;
	iommu->whole_segment = d->whole_segment;
	iommu->num_scopes = n;
	memcpy(iommu->scopes, desc + sizeof(*d), d->scope_bytes);
	if (!zx_iommu_linux_drives(iommu)) {
		/* intel_iommu=off, or no such unit: Linux maps nothing. */
		zx_object_put(&iommu->base);
		return ZX_ERR_NOT_SUPPORTED;
	}
	*out = iommu;
	return ZX_OK;
}

zx_status_t zx_sys_iommu_create(struct zx_process *proc, void *argp)
{
	struct zx_iommu_create_args *args = argp;
	struct zx_iommu *iommu = NULL;
	zx_status_t status;
	u8 *desc;

	if (args->desc_size > ZX_IOMMU_MAX_DESC_LEN)
		return ZX_ERR_INVALID_ARGS;
	status = zx_resource_check(proc, args->resource, ZX_RSRC_KIND_ROOT,
				   0, 0);
	if (status != ZX_OK)
		return status;
	if (args->type != ZX_IOMMU_TYPE_DUMMY &&
	    (args->type != ZX_IOMMU_TYPE_INTEL || !IS_ENABLED(CONFIG_X86)))
		return ZX_ERR_NOT_SUPPORTED;
	desc = memdup_user(zx_uptr(args->desc), args->desc_size);
	if (IS_ERR(desc))
		return PTR_ERR(desc) == -ENOMEM ? ZX_ERR_NO_MEMORY :
		       ZX_ERR_INVALID_ARGS;
	if (args->type == ZX_IOMMU_TYPE_DUMMY) {
		if (args->desc_size != sizeof(zx_iommu_desc_dummy_t)) {
			status = ZX_ERR_INVALID_ARGS;
			goto out;
		}
		iommu = kzalloc(sizeof(*iommu), GFP_KERNEL_ACCOUNT);
		if (!iommu) {
			status = ZX_ERR_NO_MEMORY;
			goto out;
		}
		zx_object_init(&iommu->base, &zx_iommu_type);
		iommu->type = ZX_IOMMU_TYPE_DUMMY;
	} else {
		if (!zx_intel_desc_valid(desc, args->desc_size)) {
			status = ZX_ERR_INVALID_ARGS;
			goto out;
		}
		status = zx_iommu_new_intel(desc, args->desc_size, &iommu);
		if (status != ZX_OK)
			goto out;
	}
	status = zx_create_handle_user(proc, &iommu->base, args->out);
	zx_object_put(&iommu->base);
out:
	kfree(desc);
	return status;
}

zx_status_t zx_iommu_lookup(struct zx_process *proc, zx_handle_t handle,
			    struct zx_object **out)
{
	return zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_IOMMU, 0, out, NULL);
}

/*
 * The device @bti_id names under @obj (an IOMMU), pci_dev_get'd into
 * *@pdev, or NULL for a dummy IOMMU's id that names no device of ours.
 */
zx_status_t zx_iommu_bti_device(struct zx_object *obj, u64 bti_id,
				struct pci_dev **pdev)
{
	struct zx_iommu *iommu = to_iommu(obj);
	u16 segment = iommu->type == ZX_IOMMU_TYPE_INTEL ? iommu->segment : 0;

	*pdev = NULL;
	if (bti_id <= U16_MAX)
		*pdev = zx_pci_claimed_device(segment, bti_id >> 8,
					      bti_id & 0xff);
	if (iommu->type == ZX_IOMMU_TYPE_DUMMY)
		return ZX_OK;
	if (*pdev && device_iommu_mapped(&(*pdev)->dev) &&
	    zx_iommu_covers(iommu, *pdev))
		return ZX_OK;
	pci_dev_put(*pdev);
	*pdev = NULL;
	return ZX_ERR_INVALID_ARGS;
}

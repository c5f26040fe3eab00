// SPDX-License-Identifier: GPL-2.0
/*
 * Bus transaction initiators: one device's view of memory.  bti_pin() pins
 * VMO pages (zx_vm/vmo.c keeps them in place) and maps them for the device
 * named at creation through the Linux DMA API, which goes through the IOMMU
 * domain Linux gave that device; see iommu.c for which ids name devices.
 * The minimum contiguity is one page, so ZX_BTI_COMPRESS returns one
 * address per page.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bti.h"
#include "../zx_core/syscalls.h"
#include "../zx_vm/vmo.h"
#include "../uapi/zircon_ioctl.h"

/* Largest pin: 1 GiB of 4 KiB pages, bounding the kernel's page arrays. */
#define ZX_BTI_MAX_PIN_PAGES	(1UL << 18)

#define ZX_BTI_OPTIONS	(ZX_BTI_PERM_READ | ZX_BTI_PERM_WRITE | \
			 ZX_BTI_PERM_EXECUTE | ZX_BTI_COMPRESS | \
			 ZX_BTI_CONTIGUOUS)

static_assert(sizeof(dma_addr_t) == sizeof(zx_paddr_t));

static struct zx_bti *to_bti(struct zx_object *obj)
{
	return container_of(obj, struct zx_bti, base);
}

/* Releases every quarantined PMT of @bti. */
static void zx_bti_release_quarantined(struct zx_bti *bti)
{
	struct zx_pmt *pmt, *tmp;
	LIST_HEAD(list);

	mutex_lock(&bti->lock);
	list_splice_init(&bti->quarantine, &list);
	list_for_each_entry(pmt, &list, node)
		pmt->pinned = false;
	bti->pmo_count -= bti->quarantine_count;
	bti->quarantine_count = 0;
	mutex_unlock(&bti->lock);
	list_for_each_entry_safe(pmt, tmp, &list, node) {
		list_del(&pmt->node);
		zx_pmt_release(pmt);
		zx_object_put(&pmt->base);
	}
}

static void zx_bti_on_zero_handles(struct zx_object *obj)
{
	struct zx_bti *bti = to_bti(obj);

	/* PMTs that still have handles stay pinned until they go too. */
	mutex_lock(&bti->lock);
	bti->closed = true;
	mutex_unlock(&bti->lock);
	zx_bti_release_quarantined(bti);
}

static void zx_bti_destroy(struct zx_object *obj)
{
	struct zx_bti *bti = to_bti(obj);

	zx_object_put(bti->iommu);
	pci_dev_put(bti->pdev);
	mutex_destroy(&bti->lock);
	kfree(bti);
}

static zx_status_t zx_bti_get_info(struct zx_object *obj,
				   struct zx_info_request *req)
{
	struct zx_bti *bti = to_bti(obj);
	zx_info_bti_t info = {
		.minimum_contiguity = PAGE_SIZE,
		.aspace_size = U64_MAX,
	};

	if (req->topic != ZX_INFO_BTI)
		return ZX_ERR_WRONG_TYPE;
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	/* What the device can address, as Linux knows it. */
	if (bti->pdev && dma_get_mask(&bti->pdev->dev) != U64_MAX)
		info.aspace_size = dma_get_mask(&bti->pdev->dev) + 1;
	mutex_lock(&bti->lock);
	info.pmo_count = bti->pmo_count;
	info.quarantine_count = bti->quarantine_count;
	mutex_unlock(&bti->lock);
	return zx_info_write_single(req, &info, sizeof(info));
}

static const struct zx_object_type zx_bti_type = {
	.obj_type = ZX_OBJ_TYPE_BTI,
	.default_rights = ZX_DEFAULT_BTI_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.on_zero_handles = zx_bti_on_zero_handles,
	.destroy = zx_bti_destroy,
	.get_info = zx_bti_get_info,
};

static zx_status_t zx_bti_get(struct zx_process *proc, zx_handle_t handle,
			      zx_rights_t rights, struct zx_bti **out)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_BTI, rights, &obj,
				  NULL);
	if (status == ZX_OK)
		*out = to_bti(obj);
	return status;
}

zx_status_t zx_bti_check(struct zx_process *proc, zx_handle_t handle,
			 zx_rights_t rights)
{
	struct zx_bti *bti;
	zx_status_t status;

	status = zx_bti_get(proc, handle, rights, &bti);
	if (status == ZX_OK)
		zx_object_put(&bti->base);
	return status;
}

zx_status_t zx_sys_bti_create(struct zx_process *proc, void *argp)
{
	struct zx_bti_create_args *args = argp;
	struct zx_object *iommu;
	struct pci_dev *pdev;
	struct zx_bti *bti;
	zx_status_t status;

	status = zx_iommu_lookup(proc, args->iommu, &iommu);
	if (status != ZX_OK)
		return status;
	if (args->options) {
		status = ZX_ERR_INVALID_ARGS;
		goto err_iommu;
	}
	status = zx_iommu_bti_device(iommu, args->bti_id, &pdev);
	if (status != ZX_OK)
		goto err_iommu;
	bti = kzalloc(sizeof(*bti), GFP_KERNEL_ACCOUNT);
	if (!bti) {
		pci_dev_put(pdev);
		status = ZX_ERR_NO_MEMORY;
		goto err_iommu;
	}
	zx_object_init(&bti->base, &zx_bti_type);
	bti->iommu = iommu;
	bti->pdev = pdev;
	mutex_init(&bti->lock);
	INIT_LIST_HEAD(&bti->pinned);
	INIT_LIST_HEAD(&bti->quarantine);
	status = zx_create_handle_user(proc, &bti->base, args->out);
	zx_object_put(&bti->base);
	return status;

err_iommu:
	zx_object_put(iommu);
	return status;
}

/* The VMO rights the pin options need (EXECUTE needs READ). */
static zx_rights_t zx_bti_vmo_rights(u32 options)
{
	zx_rights_t rights = ZX_RIGHT_MAP;

	if (options & (ZX_BTI_PERM_READ | ZX_BTI_PERM_EXECUTE))
		rights |= ZX_RIGHT_READ;
	if (options & ZX_BTI_PERM_WRITE)
		rights |= ZX_RIGHT_WRITE;
	return rights;
}

zx_status_t zx_sys_bti_pin(struct zx_process *proc, void *argp)
{
	struct zx_bti_pin_args *args = argp;
	u32 opts = args->options;
	unsigned long i, n;
	dma_addr_t *addrs = NULL;
	struct zx_pmt *pmt;
	struct zx_vmo *vmo;
	struct zx_bti *bti;
	zx_status_t status;
	struct zx_handle *h;
	u64 expect;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_bti_get(proc, args->handle, ZX_RIGHT_MAP, &bti);
	if (status != ZX_OK)
		return status;
	status = zx_vmo_get(proc, args->vmo, zx_bti_vmo_rights(opts), &vmo,
			       NULL);
	if (status != ZX_OK)
		goto out_bti;
	if (!opts || (opts & ~ZX_BTI_OPTIONS) ||
	    ((opts & ZX_BTI_COMPRESS) && (opts & ZX_BTI_CONTIGUOUS)) ||
	    !PAGE_ALIGNED(args->offset) || !PAGE_ALIGNED(args->size) ||
	    !args->size) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_vmo;
	}
	/* The range comes before the rest of the arguments, as on Zircon. */
	status = zx_vmo_check_range(vmo, args->offset, args->size);
	if (status != ZX_OK)
		goto out_vmo;
	if ((opts & ZX_BTI_CONTIGUOUS) && !zx_vmo_is_contiguous(vmo)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_vmo;
	}
	n = args->size >> PAGE_SHIFT;
	expect = (opts & ZX_BTI_CONTIGUOUS) ? 1 : n;
	if (args->num_addrs != expect) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_vmo;
	}
	/* The PMT handle's slot must be writable before anything is pinned. */
	if (put_user(ZX_HANDLE_INVALID, (zx_handle_t __user *)
		     zx_uptr(args->pmt))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_vmo;
	}
	if (n > ZX_BTI_MAX_PIN_PAGES) {
		status = ZX_ERR_NO_MEMORY;
		goto out_vmo;
	}
	addrs = kvmalloc_array(n, sizeof(*addrs), GFP_KERNEL_ACCOUNT);
	if (!addrs) {
		status = ZX_ERR_NO_MEMORY;
		goto out_vmo;
	}
	status = zx_pmt_pin(bti, vmo, args->offset, args->size, opts, addrs,
			    &pmt);
	if (status != ZX_OK)
		goto out_addrs;
	if (opts & ZX_BTI_CONTIGUOUS) {
		/* One run for the device too (bounce buffers may split it). */
		for (i = 1; i < n; i++)
			if (addrs[i] != addrs[0] + i * PAGE_SIZE)
				status = ZX_ERR_UNAVAILABLE;
	}
	if (status == ZX_OK &&
	    copy_to_user(zx_uptr(args->addrs), addrs,
			 expect * sizeof(zx_paddr_t)))
		status = ZX_ERR_INVALID_ARGS;
	if (status != ZX_OK) {
		zx_pmt_unpin_now(pmt);
		zx_object_put(&pmt->base);
		goto out_addrs;
	}
	h = zx_handle_create(&pmt->base, ZX_DEFAULT_PMT_RIGHTS);
	if (!h) {
		zx_pmt_unpin_now(pmt);
		status = ZX_ERR_NO_MEMORY;
	}
	zx_object_put(&pmt->base);
	/* Failing now would quarantine the PMT: pinned until the BTI goes. */
	if (h)
		status = zx_handle_install_user(proc, h, args->pmt);
out_addrs:
	kvfree(addrs);
out_vmo:
	zx_vmo_put(vmo);
out_bti:
	zx_object_put(&bti->base);
	return status;
}

zx_status_t zx_sys_bti_release_quarantine(struct zx_process *proc, void *argp)
{
	struct zx_ddk_handle_args *args = argp;
	struct zx_bti *bti;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_bti_get(proc, args->handle, ZX_RIGHT_WRITE, &bti);
	if (status != ZX_OK)
		return status;
	zx_bti_release_quarantined(bti);
	zx_object_put(&bti->base);
	return ZX_OK;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Pinned memory tokens: the pages of one bti_pin() call, held in their VMO
 * and mapped for the BTI's device until zx_pmt_unpin().  A PMT whose last
 * handle closes while still pinned is quarantined on its BTI: the device
 * may still be using the memory, so it stays pinned and mapped until
 * zx_bti_release_quarantine() or the BTI's last handle closes.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "bti.h"
#include "../zx_core/syscalls.h"
#include "../zx_vm/vmo.h"
#include "../uapi/zircon_ioctl.h"

static struct zx_pmt *to_pmt(struct zx_object *obj)
{
	return container_of(obj, struct zx_pmt, base);
}

/* Unmaps and unpins; @pmt is on no list any more. */
void zx_pmt_release(struct zx_pmt *pmt)
{
	struct zx_bti *bti = pmt->bti;

	if (bti->pdev) {
		dma_unmap_sgtable(&bti->pdev->dev, &pmt->sgt, pmt->dir, 0);
		sg_free_table(&pmt->sgt);
	}
	zx_vmo_unpin(pmt->vmo, pmt->offset, pmt->size, pmt->pages);
}

/* Takes a pinned @pmt off its BTI's list and releases it at once. */
void zx_pmt_unpin_now(struct zx_pmt *pmt)
{
	struct zx_bti *bti = pmt->bti;
	bool pinned;

	mutex_lock(&bti->lock);
	pinned = pmt->pinned;
	if (pinned) {
		list_del(&pmt->node);
		pmt->pinned = false;
		bti->pmo_count--;
	}
	mutex_unlock(&bti->lock);
	if (pinned)
		zx_pmt_release(pmt);
}

static void zx_pmt_on_zero_handles(struct zx_object *obj)
{
	struct zx_pmt *pmt = to_pmt(obj);
	struct zx_bti *bti = pmt->bti;
	bool release = false;

	mutex_lock(&bti->lock);
	if (pmt->pinned && bti->closed) {
		list_del(&pmt->node);
		pmt->pinned = false;
		bti->pmo_count--;
		release = true;
	} else if (pmt->pinned) {
		list_move_tail(&pmt->node, &bti->quarantine);
		bti->quarantine_count++;
		zx_object_get(&pmt->base);
	}
	mutex_unlock(&bti->lock);
	if (release)
		zx_pmt_release(pmt);
}

static void zx_pmt_destroy(struct zx_object *obj)
{
	struct zx_pmt *pmt = to_pmt(obj);

	zx_vmo_put(pmt->vmo);
	zx_object_put(&pmt->bti->base);
	kvfree(pmt->pages);
	kfree(pmt);
}

static const struct zx_object_type zx_pmt_type = {
	.obj_type = ZX_OBJ_TYPE_PMT,
	.default_rights = ZX_DEFAULT_PMT_RIGHTS,
	.on_zero_handles = zx_pmt_on_zero_handles,
	.destroy = zx_pmt_destroy,
};

static enum dma_data_direction zx_pmt_direction(u32 options)
{
	bool rd = options & (ZX_BTI_PERM_READ | ZX_BTI_PERM_EXECUTE);
	bool wr = options & ZX_BTI_PERM_WRITE;

	/* The device reads memory (TO_DEVICE), writes it, or both. */
	if (rd && wr)
		return DMA_BIDIRECTIONAL;
	return wr ? DMA_FROM_DEVICE : DMA_TO_DEVICE;
}

/* Device addresses of every page into @addrs. */
static zx_status_t zx_pmt_map(struct zx_pmt *pmt, dma_addr_t *addrs)
{
	unsigned long i = 0, n = pmt->size >> PAGE_SHIFT;
	struct device *dev;
	struct scatterlist *sg;
	unsigned int k;
	u64 off;
	int ret;

	if (!pmt->bti->pdev) {
		/* A dummy IOMMU without a device: CPU physical addresses. */
		for (i = 0; i < n; i++)
			addrs[i] = page_to_phys(pmt->pages[i]);
		return ZX_OK;
	}
	dev = &pmt->bti->pdev->dev;
	ret = sg_alloc_table_from_pages(&pmt->sgt, pmt->pages, n, 0,
					pmt->size, GFP_KERNEL_ACCOUNT);
	if (ret)
		return ZX_ERR_NO_MEMORY;
	ret = dma_map_sgtable(dev, &pmt->sgt, pmt->dir, 0);
	if (ret) {
		sg_free_table(&pmt->sgt);
		return ret == -ENOMEM ? ZX_ERR_NO_MEMORY : ZX_ERR_UNAVAILABLE;
	}
	/* Whole pages in, so every DMA segment is whole pages too. */
	for_each_sgtable_dma_sg(&pmt->sgt, sg, k) {
		for (off = 0; off < sg_dma_len(sg) && i < n; off += PAGE_SIZE)
			addrs[i++] = sg_dma_address(sg) + off;
	}
	if (WARN_ON(i != n)) {
		dma_unmap_sgtable(dev, &pmt->sgt, pmt->dir, 0);
		sg_free_table(&pmt->sgt);
		return ZX_ERR_INTERNAL;
	}
	return ZX_OK;
}

zx_status_t zx_pmt_pin(struct zx_bti *bti, struct zx_vmo *vmo, u64 offset,
		       u64 size, u32 options, dma_addr_t *addrs,
		       struct zx_pmt **out)
{
	unsigned long n = size >> PAGE_SHIFT;
	struct zx_pmt *pmt;
	zx_status_t status;

	pmt = kzalloc(sizeof(*pmt), GFP_KERNEL_ACCOUNT);
	if (!pmt)
		return ZX_ERR_NO_MEMORY;
	pmt->pages = kvcalloc(n, sizeof(*pmt->pages), GFP_KERNEL_ACCOUNT);
	if (!pmt->pages) {
		kfree(pmt);
		return ZX_ERR_NO_MEMORY;
	}
	status = zx_vmo_pin(vmo, offset, size, pmt->pages);
	if (status != ZX_OK)
		goto err_free;
	pmt->bti = bti;
	pmt->vmo = vmo;
	pmt->offset = offset;
	pmt->size = size;
	pmt->dir = zx_pmt_direction(options);
	status = zx_pmt_map(pmt, addrs);
	if (status != ZX_OK)
		goto err_unpin;
	zx_object_init(&pmt->base, &zx_pmt_type);
	zx_object_get(&bti->base);
	zx_vmo_get_ref(vmo);
	mutex_lock(&bti->lock);
	list_add_tail(&pmt->node, &bti->pinned);
	pmt->pinned = true;
	bti->pmo_count++;
	mutex_unlock(&bti->lock);
	*out = pmt;
	return ZX_OK;

err_unpin:
	zx_vmo_unpin(vmo, offset, size, pmt->pages);
err_free:
	kvfree(pmt->pages);
	kfree(pmt);
	return status;
}

/* Consumes the handle, whatever it names (as on Zircon). */
zx_status_t zx_sys_pmt_unpin(struct zx_process *proc, void *argp)
{
	struct zx_ddk_handle_args *args = argp;
	struct zx_handle *h;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_remove(proc, args->handle, &h);
	if (status != ZX_OK)
		return status;
	if (h->obj->type != &zx_pmt_type)
		status = ZX_ERR_WRONG_TYPE;
	else
		zx_pmt_unpin_now(to_pmt(h->obj));
	zx_handle_destroy(h);
	return status;
}

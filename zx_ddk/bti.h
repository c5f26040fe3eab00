/* SPDX-License-Identifier: GPL-2.0 */
/* Bus transaction initiators and the pinned memory tokens they hand out. */
#ifndef ZX_DDK_BTI_H
#define ZX_DDK_BTI_H

#include <linux/dma-direction.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>

#include "ddk.h"

struct zx_vmo;

struct zx_bti {
	struct zx_object base;
	struct zx_object *iommu;	/* referenced */
	struct pci_dev *pdev;		/* pci_dev_get'd; NULL: CPU addresses */
	/* The PMT lists and counts below; DMA unmapping happens outside. */
	struct mutex lock;
	struct list_head pinned;	/* PMTs that still have handles */
	struct list_head quarantine;	/* closed unpinned: one reference each */
	u64 pmo_count;			/* pinned PMTs, quarantined included */
	u64 quarantine_count;
	bool closed;			/* the last BTI handle went */
};

struct zx_pmt {
	struct zx_object base;
	struct zx_bti *bti;		/* referenced */
	struct zx_vmo *vmo;		/* referenced */
	u64 offset;
	u64 size;
	struct page **pages;		/* one pin each, size >> PAGE_SHIFT */
	struct sg_table sgt;		/* DMA-mapped, if bti->pdev */
	enum dma_data_direction dir;
	struct list_head node;		/* on a bti list while pinned */
	bool pinned;			/* under bti->lock */
};

/* zx_ddk/pmt.c */
zx_status_t zx_pmt_pin(struct zx_bti *bti, struct zx_vmo *vmo, u64 offset,
		       u64 size, u32 options, dma_addr_t *addrs,
		       struct zx_pmt **out);
void zx_pmt_unpin_now(struct zx_pmt *pmt);
void zx_pmt_release(struct zx_pmt *pmt);

#endif /* ZX_DDK_BTI_H */

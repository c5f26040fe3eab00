/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What VMOs offer the rest of the module: lookups, DMA pins (bti_pin) and
 * the facts a mapping needs (the pfn of a physical VMO's offset and the
 * page protection of its cache policy).
 */
#ifndef ZX_VM_VMO_H
#define ZX_VM_VMO_H

#include <linux/mm_types.h>

#include "../zx_core/zircon.h"

#include "vmo_io.h"

/* Lookups and zx_vmo_put() are in vmo_io.h. */
void zx_vmo_get_ref(struct zx_vmo *vmo);
struct zx_object *zx_vmo_object(struct zx_vmo *vmo);

/* Created contiguous, or physical: one run of physical memory. */
bool zx_vmo_is_contiguous(struct zx_vmo *vmo);

/*
 * Pins the pages of [@offset, @offset + @size) (page-aligned): commits them,
 * makes them private, and stores a reference to each in @pages.  Until
 * zx_vmo_unpin() with the same range and array they stay in the VMO.
 * ZX_ERR_OUT_OF_RANGE, ZX_ERR_NOT_SUPPORTED (physical or pager-backed),
 * ZX_ERR_NO_MEMORY.
 */
zx_status_t zx_vmo_pin(struct zx_vmo *vmo, u64 offset, u64 size,
		       struct page **pages);
void zx_vmo_unpin(struct zx_vmo *vmo, u64 offset, u64 size,
		  struct page **pages);

/*
 * pfn for offset: false unless @vmo is physical (or a slice of one); the
 * mapping's protection comes from zx_vmo_map_pgprot() (cache policy).
 */
bool zx_vmo_physical_pfn(struct zx_vmo *vmo, u64 offset, unsigned long *pfn);

/* A new physical VMO (one reference) over a range already vetted. */
struct zx_vmo *zx_vmo_create_physical_kernel(u64 paddr, u64 size,
					     u32 cache_policy);

#endif /* ZX_VM_VMO_H */

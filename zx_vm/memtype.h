/* SPDX-License-Identifier: GPL-2.0 */
/* Memory types of VMO pages with a non-cached policy: see memtype.c. */
#ifndef ZX_VM_MEMTYPE_H
#define ZX_VM_MEMTYPE_H

#include <linux/types.h>

struct page;

/*
 * Prepares @page (owned by the module, in the kernel's direct map) for
 * user mappings with @cache_policy, or, with ZX_CACHE_POLICY_CACHED, gives
 * it back to ordinary use.  0 or a negative errno.
 */
int zx_page_set_memtype(struct page *page, u32 cache_policy);

/* After the kernel wrote into a page of a VMO with @cache_policy. */
void zx_page_sync_for_user(struct page *page, u32 cache_policy);

#endif /* ZX_VM_MEMTYPE_H */

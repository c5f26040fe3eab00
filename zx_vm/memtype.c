// SPDX-License-Identifier: GPL-2.0
/*
 * Memory types of VMO pages whose cache policy is not CACHED.
 *
 * A user mapping of such a VMO maps ordinary RAM uncached or
 * write-combining, while the kernel keeps its own alias of every page.  Two
 * aliases of one page with different memory types are what both
 * architectures warn against, so each page is prepared while the VMO holds
 * it with a non-cached policy, and given back before the VMO lets it go:
 *
 *  - x86: the direct map takes the same type (set_memory_uc/wc(), which
 *    also flush the page's cache lines and record the type in PAT's
 *    memtype tracking); set_memory_wb() restores it.  Splitting the direct
 *    map into 4 KiB pages for this is permanent, as for any driver that
 *    does the same.
 *  - arm64: the linear map stays cacheable, as for non-coherent DMA
 *    buffers; the page's lines are cleaned and invalidated to the point of
 *    coherency, so the uncached alias never reads data older than the
 *    kernel's last write (the zeroing) and no dirty line is later written
 *    back over the user's stores.  Kernel writes into such a page are
 *    followed by the same maintenance (zx_page_sync_for_user()).
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/errno.h>

#ifdef CONFIG_X86
#include <asm/set_memory.h>
#endif
#ifdef CONFIG_ARM64
#include <asm/cputype.h>
#endif

#include <zircon/types.h>

#include "memtype.h"

#ifdef CONFIG_ARM64
/* DC CIVAC over the page's linear-map alias. */
static void zx_page_clean_inval(struct page *page)
{
	/* CTR_EL0.DminLine: log2 of the smallest D-cache line, in words. */
	unsigned long line = 4UL << ((read_cpuid_cachetype() >> 16) & 0xf);
	unsigned long addr = (unsigned long)page_address(page);
	unsigned long end = addr + PAGE_SIZE;

	for (addr = ALIGN_DOWN(addr, line); addr < end; addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	asm volatile("dsb sy" : : : "memory");
}
#endif

int zx_page_set_memtype(struct page *page, u32 cache_policy)
{
#ifdef CONFIG_X86
	unsigned long addr = (unsigned long)page_address(page);

	switch (cache_policy) {
	case ZX_CACHE_POLICY_CACHED:
		return set_memory_wb(addr, 1);
	case ZX_CACHE_POLICY_WRITE_COMBINING:
		return set_memory_wc(addr, 1);
	default:
		return set_memory_uc(addr, 1);
	}
#elif defined(CONFIG_ARM64)
	zx_page_clean_inval(page);
	return 0;
#else
	return cache_policy == ZX_CACHE_POLICY_CACHED ? 0 : -EOPNOTSUPP;
#endif
}

void zx_page_sync_for_user(struct page *page, u32 cache_policy)
{
#ifdef CONFIG_ARM64
	if (cache_policy != ZX_CACHE_POLICY_CACHED)
		zx_page_clean_inval(page);
#endif
}

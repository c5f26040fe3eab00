// SPDX-License-Identifier: GPL-2.0
/*
 * The system-wide object_get_info topics of the info resource (or the root
 * resource): ZX_INFO_CPU_STATS, ZX_INFO_KMEM_STATS and
 * ZX_INFO_KMEM_STATS_EXTENDED, from what Linux counts.
 *
 * Zircon's memory categories map onto Linux's as follows: the heap is the
 * slab, VMO memory is this module's VMO pages plus Linux's own user memory
 * (anonymous and file pages, which on Zircon would all be VMOs), the MMU
 * overhead is page tables, wired memory is kernel stacks and unevictable
 * pages, and the rest of what is not free is "other".  Per CPU, Linux
 * counts idle time and interrupts; it keeps no per-CPU counts of
 * reschedules, context switches, timers or syscalls that a module can
 * read, so those are 0.
 */
#include <linux/cpumask.h>
#include <linux/kernel_stat.h>
#include <linux/mm.h>
#include <linux/tick.h>
#include <linux/vmstat.h>

#include <zircon/syscalls/object.h>

#include "zircon.h"
#include "../zx_vm/vmo_io.h"

static u64 zx_node_bytes(enum node_stat_item item)
{
	return (u64)global_node_page_state_pages(item) << PAGE_SHIFT;
}

static u64 zx_cpu_idle_ns(unsigned int cpu)
{
	u64 us = get_cpu_idle_time_us(cpu, NULL);

	/* Without NO_HZ idle accounting, the tick counted it. */
	if (us == (u64)-1)
		return kcpustat_cpu(cpu).cpustat[CPUTIME_IDLE];
	return us * NSEC_PER_USEC;
}

static zx_status_t zx_cpu_stats_fill(void *ctx, void *kbuf, size_t skip,
				     size_t max, size_t *written,
				     size_t *avail)
{
	zx_info_cpu_stats_t *rec = kbuf;
	unsigned int cpu;
	size_t n = 0;

	/* Numbered as zx_system_get_num_cpus() counts them. */
	for_each_online_cpu(cpu) {
		if (n >= skip && n - skip < max) {
			memset(rec, 0, sizeof(*rec));
			rec->cpu_number = n;
			rec->flags = ZX_INFO_CPU_STATS_FLAG_ONLINE;
			rec->idle_time = zx_cpu_idle_ns(cpu);
			rec->ints = kstat_cpu_irqs_sum(cpu);
			rec++;
		}
		n++;
	}
	*avail = n;
	*written = n > skip ? min(n - skip, max) : 0;
	return ZX_OK;
}

static void zx_kmem_stats(zx_info_kmem_stats_extended_t *x)
{
	u64 used;

	memset(x, 0, sizeof(*x));
	x->total_bytes = (u64)totalram_pages() << PAGE_SHIFT;
	x->free_bytes = (u64)global_zone_page_state(NR_FREE_PAGES) <<
			PAGE_SHIFT;
	x->wired_bytes = (u64)global_node_page_state(NR_KERNEL_STACK_KB) *
			 SZ_1K + zx_node_bytes(NR_UNEVICTABLE);
	x->total_heap_bytes = zx_node_bytes(NR_SLAB_RECLAIMABLE_B) +
			      zx_node_bytes(NR_SLAB_UNRECLAIMABLE_B);
	x->vmo_bytes = zx_vmo_total_bytes() + zx_node_bytes(NR_ANON_MAPPED) +
		       zx_node_bytes(NR_FILE_PAGES);
	x->mmu_overhead_bytes = zx_node_bytes(NR_PAGETABLE) +
				zx_node_bytes(NR_SECONDARY_PAGETABLE);
	used = x->free_bytes + x->wired_bytes + x->total_heap_bytes +
	       x->vmo_bytes + x->mmu_overhead_bytes;
	x->other_bytes = x->total_bytes > used ? x->total_bytes - used : 0;
}

/* A topic of the info or root resource; ZX_ERR_WRONG_TYPE if none. */
zx_status_t zx_system_stats_info(struct zx_info_request *req)
{
	zx_info_kmem_stats_extended_t x;
	zx_info_kmem_stats_t k;

	switch (req->topic) {
	case ZX_INFO_CPU_STATS:
		return zx_info_write_multi(req, sizeof(zx_info_cpu_stats_t),
					   zx_cpu_stats_fill, NULL);
	case ZX_INFO_KMEM_STATS:
		zx_kmem_stats(&x);
		k = (zx_info_kmem_stats_t) {
			.total_bytes = x.total_bytes,
			.free_bytes = x.free_bytes,
			.wired_bytes = x.wired_bytes,
			.total_heap_bytes = x.total_heap_bytes,
			.free_heap_bytes = x.free_heap_bytes,
			.vmo_bytes = x.vmo_bytes,
			.mmu_overhead_bytes = x.mmu_overhead_bytes,
			.ipc_bytes = x.ipc_bytes,
			.other_bytes = x.other_bytes,
		};
		return zx_info_write_single(req, &k, sizeof(k));
	case ZX_INFO_KMEM_STATS_EXTENDED:
		zx_kmem_stats(&x);
		return zx_info_write_single(req, &x, sizeof(x));
	default:
		return ZX_ERR_WRONG_TYPE;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * process_read_memory and process_write_memory: a debugger's access to the
 * address space behind a process handle (its own or one it was given).
 *
 * The handle is the capability, as on Zircon: no ptrace check is made, and
 * the access ignores the mapping's protection (FOLL_FORCE), so a debugger
 * can plant breakpoints in read-only code; a private mapping gets its own
 * copy of the page, as with ptrace.  Data moves a page at a time through a
 * kernel bounce page, so no user copy happens under mmap_lock and a target
 * page that must come from a pager (zx_vm/pager.c) is waited for with the
 * lock dropped (get_user_pages_remote() with @locked).
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <asm/cacheflush.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* Zircon's bound on one call. */
#define ZX_PROCESS_MEMORY_MAX	SZ_64M

static long zx_process_pin_page(struct mm_struct *mm, unsigned long addr,
				unsigned int gup_flags, struct page **page,
				int *locked)
{
#ifdef ZX_HAVE_GUP_REMOTE_VMAS
	return get_user_pages_remote(mm, addr, 1, gup_flags, page, NULL,
				     locked);
#else
	return get_user_pages_remote(mm, addr, 1, gup_flags, page, locked);
#endif
}

/*
 * Copies @len bytes (within one page) between @addr in @mm and @buf.
 * ZX_ERR_NO_MEMORY: nothing is mapped there; ZX_ERR_BAD_STATE: the memory
 * is not ordinary cacheable memory (device memory, a failed pager page).
 */
static zx_status_t zx_process_access_page(struct mm_struct *mm,
					  unsigned long addr, void *buf,
					  size_t len, bool write)
{
	unsigned int gup_flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	struct vm_area_struct *vma;
	struct page *page;
	int locked = 1;
	bool exec;
	void *kaddr;
	long got;

	if (mmap_read_lock_killable(mm))
		return ZX_ERR_INTERNAL_INTR_RETRY;
	vma = vma_lookup(mm, addr);
	if (!vma || !(vma->vm_flags & (VM_MAYREAD | VM_MAYWRITE))) {
		/* Unmapped, or a VMAR's reserved free space. */
		mmap_read_unlock(mm);
		return ZX_ERR_NO_MEMORY;
	}
	if (vma->vm_flags & (VM_IO | VM_PFNMAP)) {
		mmap_read_unlock(mm);
		return ZX_ERR_BAD_STATE;
	}
	exec = vma->vm_flags & VM_EXEC;
	got = zx_process_pin_page(mm, addr, gup_flags, &page, &locked);
	if (locked)
		mmap_read_unlock(mm);
	if (got == -EINTR || got == -ERESTARTSYS)
		return ZX_ERR_INTERNAL_INTR_RETRY;
	if (got <= 0)
		return ZX_ERR_BAD_STATE;
	kaddr = kmap_local_page(page);
	if (write) {
		memcpy(kaddr + offset_in_page(addr), buf, len);
		flush_dcache_page(page);
		/* A breakpoint must reach the instruction fetch. */
		if (exec)
			flush_icache_range((unsigned long)kaddr +
					   offset_in_page(addr),
					   (unsigned long)kaddr +
					   offset_in_page(addr) + len);
		set_page_dirty_lock(page);
	} else {
		memcpy(buf, kaddr + offset_in_page(addr), len);
	}
	kunmap_local(kaddr);
	put_page(page);
	return ZX_OK;
}

static zx_status_t zx_process_access_memory(struct zx_process *proc,
					    struct zx_process_memory_args *args,
					    bool write)
{
	char __user *ubuf = u64_to_user_ptr(args->buffer);
	struct zx_process *target;
	struct zx_object *obj;
	struct mm_struct *mm;
	zx_status_t status;
	u64 done = 0;
	void *bounce;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_PROCESS,
				  ZX_RIGHT_READ | ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	if (args->reserved || !args->buffer || !args->buffer_size ||
	    args->buffer_size > ZX_PROCESS_MEMORY_MAX) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_obj;
	}
	target = container_of(obj, struct zx_process, base);
	mm = target->mm;
	/* The process is exiting or gone. */
	if (!mmget_not_zero(mm)) {
		status = ZX_ERR_BAD_STATE;
		goto out_obj;
	}
	bounce = (void *)__get_free_page(GFP_KERNEL);
	if (!bounce) {
		status = ZX_ERR_NO_MEMORY;
		goto out_mm;
	}
	while (done < args->buffer_size) {
		u64 addr = args->vaddr + done;
		size_t n = min_t(u64, args->buffer_size - done,
				 PAGE_SIZE - offset_in_page(addr));

		if (addr < args->vaddr) {	/* wrapped */
			status = ZX_ERR_NO_MEMORY;
			break;
		}
		if (write && copy_from_user(bounce, ubuf + done, n)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		status = zx_process_access_page(mm, addr, bounce, n, write);
		if (status != ZX_OK)
			break;
		if (!write && copy_to_user(ubuf + done, bounce, n)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		done += n;
		cond_resched();
	}
	free_page((unsigned long)bounce);
	/* A range that runs off the mapped memory yields what was there. */
	if (status == ZX_ERR_NO_MEMORY && done)
		status = ZX_OK;
	if (status == ZX_OK &&
	    put_user(done, (u64 __user *)u64_to_user_ptr(args->actual)))
		status = ZX_ERR_INVALID_ARGS;
out_mm:
	mmput(mm);
out_obj:
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_process_read_memory(struct zx_process *proc, void *argp)
{
	return zx_process_access_memory(proc, argp, false);
}

zx_status_t zx_sys_process_write_memory(struct zx_process *proc, void *argp)
{
	return zx_process_access_memory(proc, argp, true);
}

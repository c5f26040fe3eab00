// SPDX-License-Identifier: GPL-2.0
/*
 * VM address regions over the Linux address space.
 *
 * The root VMAR of a process is its whole user range.  Everything else is
 * made of Linux VMAs of one module file (zx_vm_file), created with
 * vm_mmap() by a task that first registered the request the file's mmap
 * handler must fulfil (so nobody else can mmap the file):
 *
 *  - a sub-VMAR's free space is a PROT_NONE "reservation" VMA whose private
 *    data is the VMAR's koid, so Linux's own mmap never lands inside and an
 *    allocation inside replaces part of it with MAP_FIXED;
 *  - a mapping is a shared VMA whose private data is the VMO's page owner
 *    (one reference and one num_mappings count per VMA: open/close keep them
 *    right when Linux splits, moves or unmaps VMAs) and whose file offset
 *    is the owner's window (see zx_vm/vmo.c).  Its VM_MAY* flags are what
 *    the VMO handle and the VMAR allowed, so neither vmar_protect nor Linux's
 *    mprotect can go beyond them.
 *
 * The module keeps only the tree of VMARs; which mappings a VMAR holds is
 * read from the VMAs (those in its range and not in a child's), so Linux's
 * munmap, mprotect or mremap of them cannot leave stale bookkeeping.
 * Unmapping in a sub-VMAR puts a reservation back.  Neither kind of VMA is
 * inherited by fork() (VM_DONTCOPY): a child process has its own VMARs.
 * vmar_protect maps the range again with the new protection: the contents
 * live in the VMO, so only the page table entries are lost.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/pagemap.h>
#include <linux/pseudo_fs.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/version.h>
#include <linux/workqueue.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"
#include "vmo.h"

/*
 * Linux's default vm.mmap_min_addr: nothing maps below it, so the root
 * region starts there (the sysctl's value is not exported to modules).
 */
#define ZX_VMAR_ROOT_BASE	SZ_64K

#define ZX_VM_PERMS	(ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | \
			 ZX_VM_PERM_EXECUTE)
#define ZX_VM_CAN_MAP	(ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | \
			 ZX_VM_CAN_MAP_EXECUTE | ZX_VM_CAN_MAP_SPECIFIC)
#define ZX_VM_ALIGN_MASK	(0x3fU << ZX_VM_ALIGN_BASE)

/*
 * The VMAR tree of one address space and its lock, shared (referenced) by
 * every VMAR of the tree: users of different address spaces never wait for
 * each other, even while one of them sits in vm_mmap() behind its own
 * mmap_lock.
 */
struct zx_vm_space {
	struct mutex lock;
	refcount_t ref;
};

struct zx_vmar {
	struct zx_object base;
	struct mm_struct *mm;		/* mmgrab'd */
	struct zx_vm_space *space;
	unsigned long start;
	unsigned long len;
	u32 flags;			/* ZX_VM_CAN_MAP_* */
	/* Under space->lock. */
	bool dead;			/* destroyed */
	struct zx_vmar *parent;		/* weak; NULL for a root */
	struct list_head children;	/* each holds a reference */
	struct list_head sibling;
	zx_koid_t parent_koid;		/* 0 for a root */
	bool parent_root;		/* the parent is a root */
};

/* What the mapping file's mmap handler is to set up. */
struct zx_vm_request {
	struct zx_vmo *own;		/* NULL: a reservation */
	zx_koid_t vmar_koid;		/* of a reservation */
	unsigned long may;		/* VM_MAY* flags to keep */
	/* While its task is in vm_mmap(): on zx_vm_requests. */
	struct list_head node;
	struct task_struct *task;
};

/* Few entries: one per task inside vm_mmap() for a VMAR call. */
static LIST_HEAD(zx_vm_requests);
static DEFINE_SPINLOCK(zx_vm_requests_lock);

static struct vfsmount *zx_vm_mnt;
static struct file *zx_vm_file;
static DEFINE_IDA(zx_vm_windows);

static inline struct zx_vmar *zx_to_vmar(struct zx_object *obj)
{
	return container_of(obj, struct zx_vmar, base);
}

static void zx_vm_set_flags(struct vm_area_struct *vma, unsigned long set,
			    unsigned long clear)
{
#ifdef ZX_HAVE_VM_FLAGS_MOD
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

/* Window 0 stays free: reservations use file offset 0.  0: no memory. */
u32 zx_vm_window_alloc(void)
{
	int id = ida_alloc_range(&zx_vm_windows, 1,
				 (1U << (64 - ZX_VM_WINDOW_SHIFT)) - 1,
				 GFP_KERNEL);

	return id < 0 ? 0 : id;
}

void zx_vm_window_free(u32 window)
{
	ida_free(&zx_vm_windows, window);
}

void zx_vm_zap(unsigned long pgoff, unsigned long npages)
{
	/* By page: high windows' byte offsets do not fit a loff_t. */
	unmap_mapping_pages(zx_vm_file->f_mapping, pgoff, npages, true);
}

static void zx_vm_map_open(struct vm_area_struct *vma)
{
	zx_vmo_map_get(vma->vm_private_data);
}

static void zx_vm_map_close(struct vm_area_struct *vma)
{
	zx_vmo_map_put(vma->vm_private_data);
}

static vm_fault_t zx_vm_map_fault(struct vm_fault *vmf)
{
	return zx_vmo_fault(vmf->vma->vm_private_data, vmf);
}

static vm_fault_t zx_vm_map_mkwrite(struct vm_fault *vmf)
{
	return zx_vmo_page_mkwrite(vmf->vma->vm_private_data, vmf);
}

static const struct vm_operations_struct zx_vm_map_ops = {
	.open = zx_vm_map_open,
	.close = zx_vm_map_close,
	.fault = zx_vm_map_fault,
	.page_mkwrite = zx_vm_map_mkwrite,
};

/* No fault handler: touching a reservation is SIGBUS/SIGSEGV. */
static const struct vm_operations_struct zx_vm_reserve_ops = {
};

static int zx_vm_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct zx_vm_request *pos, *req = NULL;

	/* Only a thread that asked, from inside a VMAR call. */
	spin_lock(&zx_vm_requests_lock);
	list_for_each_entry(pos, &zx_vm_requests, node) {
		if (pos->task == current) {
			req = pos;
			break;
		}
	}
	spin_unlock(&zx_vm_requests_lock);
	if (!req)
		return -EACCES;
	/*
	 * Never more access than the VMO handle and the VMAR allowed, whatever
	 * the caller looked up to build @req.
	 */
	if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC) &
	    ~(req->may >> 4))
		return -EACCES;
	zx_vm_set_flags(vma, VM_DONTCOPY | VM_DONTEXPAND |
			(req->own ? VM_MIXEDMAP : 0),
			(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC) & ~req->may);
	if (req->own) {
		vma->vm_ops = &zx_vm_map_ops;
		vma->vm_private_data = req->own;
		vma->vm_page_prot = zx_vmo_map_pgprot(req->own,
						      vma->vm_page_prot);
		zx_vmo_map_get(req->own);
	} else {
		vma->vm_ops = &zx_vm_reserve_ops;
		vma->vm_private_data = (void *)(uintptr_t)req->vmar_koid;
	}
	return 0;
}

/*
 * No .owner: the module owns the one file and drops it at exit; each
 * mapping pins the module instead (zx_vmo_map_get()).
 */
static const struct file_operations zx_vm_fops = {
	.mmap = zx_vm_mmap,
};

static bool zx_vma_is_mapping(struct vm_area_struct *vma)
{
	return vma->vm_ops == &zx_vm_map_ops;
}

static bool zx_vma_is_free_in(struct vm_area_struct *vma,
			      struct zx_vmar *vmar)
{
	return vma->vm_ops == &zx_vm_reserve_ops &&
	       (uintptr_t)vma->vm_private_data == vmar->base.koid;
}

/*
 * Runs vm_mmap() of the mapping file for @req.  The space's lock held.
 * Returns 0 or a negative errno.
 */
static long zx_vm_do_mmap(struct zx_vm_request *req, unsigned long addr,
			  unsigned long len, unsigned long prot,
			  unsigned long flags, unsigned long pgoff)
{
	unsigned long ret;

	req->task = current;
	spin_lock(&zx_vm_requests_lock);
	list_add(&req->node, &zx_vm_requests);
	spin_unlock(&zx_vm_requests_lock);
	ret = vm_mmap(zx_vm_file, addr, len, prot, MAP_SHARED | flags,
		      pgoff << PAGE_SHIFT);
	spin_lock(&zx_vm_requests_lock);
	list_del(&req->node);
	spin_unlock(&zx_vm_requests_lock);
	return IS_ERR_VALUE(ret) ? (long)ret : (long)(ret == addr ? 0 :
								-EEXIST);
}

static bool zx_ranges_overlap(unsigned long a, unsigned long alen,
			      unsigned long b, unsigned long blen)
{
	return a < b + blen && b < a + alen;
}

/* A child of @vmar overlapping [addr, addr + len), or NULL.  Lock held. */
static struct zx_vmar *zx_vmar_child_in(struct zx_vmar *vmar,
					unsigned long addr,
					unsigned long len)
{
	struct zx_vmar *child;

	list_for_each_entry(child, &vmar->children, sibling) {
		if (zx_ranges_overlap(child->start, child->len, addr, len))
			return child;
	}
	return NULL;
}

/*
 * Whether every page of [addr, end) is free in @vmar, or (with
 * @overwrite) one of its mappings.  Children's ranges are not free.
 * the space's lock and mmap_lock held.
 */
static bool zx_vmar_range_free(struct zx_vmar *vmar, unsigned long addr,
			       unsigned long end, bool overwrite)
{
	VMA_ITERATOR(vmi, vmar->mm, addr);
	bool root = !vmar->parent_koid;
	unsigned long pos = addr;
	struct vm_area_struct *vma;

	if (zx_vmar_child_in(vmar, addr, end - addr))
		return false;
	for_each_vma_range(vmi, vma, end) {
		/* A hole: free in the root, not in a sub-VMAR. */
		if (vma->vm_start > pos && !root)
			return false;
		if (!zx_vma_is_free_in(vma, vmar) &&
		    !(overwrite && zx_vma_is_mapping(vma)))
			return false;
		pos = vma->vm_end;
	}
	return root || pos >= end;
}

/* Raises *@best to the highest fit for @len at @align in [a, b). */
static void zx_vm_try_gap(unsigned long a, unsigned long b,
			  unsigned long len, unsigned long align,
			  unsigned long *best)
{
	unsigned long s;

	if (b <= a || b - a < len)
		return;
	s = ALIGN_DOWN(b - len, align);
	if (s >= a && s > *best)
		*best = s;
}

/*
 * Finds the highest @align-aligned run of @len free bytes of @vmar that
 * ends at or below @limit.  Returns 0 if there is none.  Locks as above.
 */
static unsigned long zx_vmar_find_space(struct zx_vmar *vmar,
					unsigned long len,
					unsigned long align,
					unsigned long limit)
{
	bool root = !vmar->parent_koid;
	unsigned long lo = vmar->start, best = 0;
	unsigned long run_start = lo, run_end = 0;
	struct vm_area_struct *vma;
	bool in_run = false;

	VMA_ITERATOR(vmi, vmar->mm, lo);

	limit = min(limit, vmar->start + vmar->len);
	/* In the root, stay below the stack, where Linux's mmap goes. */
	if (root && vmar->mm->mmap_base > lo + len)
		limit = min(limit, vmar->mm->mmap_base);

	for_each_vma_range(vmi, vma, limit) {
		if (root) {
			/* Gaps between VMAs are free. */
			zx_vm_try_gap(run_start, min(vma->vm_start, limit),
				      len, align, &best);
			run_start = max(run_start, vma->vm_end);
			continue;
		}
		/* Runs of adjacent reservations of this VMAR are free. */
		if (!zx_vma_is_free_in(vma, vmar)) {
			in_run = false;
			continue;
		}
		if (!in_run || vma->vm_start != run_end)
			run_start = max(vma->vm_start, lo);
		in_run = true;
		run_end = vma->vm_end;
		zx_vm_try_gap(run_start, min(run_end, limit), len, align,
			      &best);
	}
	if (root)
		zx_vm_try_gap(run_start, limit, len, align, &best);
	return best;
}

/* ---- Objects ---- */

static zx_status_t zx_vmar_get_info(struct zx_object *obj,
				    struct zx_info_request *req)
{
	struct zx_vmar *vmar = zx_to_vmar(obj);
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

/* Drops the references on @list's VMARs.  The space's lock not held. */
static void zx_vmar_put_list(struct list_head *list)
{
	struct zx_vmar *vmar, *tmp;

	list_for_each_entry_safe(vmar, tmp, list, sibling) {
		list_del_init(&vmar->sibling);
		zx_object_put(&vmar->base);
	}
}

static void zx_vmar_destroy(struct zx_object *obj)
{
	struct zx_vmar *vmar = zx_to_vmar(obj), *child;
	LIST_HEAD(children);

	/* Its regions stay allocated; the children just lose their parent. */
	mutex_lock(&vmar->space->lock);
	list_splice_init(&vmar->children, &children);
	list_for_each_entry(child, &children, sibling)
		child->parent = NULL;
	mutex_unlock(&vmar->space->lock);
	zx_vmar_put_list(&children);
	if (refcount_dec_and_test(&vmar->space->ref)) {
		mutex_destroy(&vmar->space->lock);
		kfree(vmar->space);
	}
	mmdrop(vmar->mm);
	kfree(vmar);
}

static const struct zx_object_type zx_vmar_type = {
	.obj_type = ZX_OBJ_TYPE_VMAR,
	.name = ZX_NAME_SETTABLE,
	.default_rights = ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ |
			  ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_vmar_destroy,
	.get_info = zx_vmar_get_info,
};

/* A VMAR of @parent's space, or of a new one if @parent is NULL. */
static struct zx_vmar *zx_vmar_alloc(struct mm_struct *mm,
				     struct zx_vmar *parent)
{
	struct zx_vmar *vmar = kzalloc(sizeof(*vmar), GFP_KERNEL_ACCOUNT);

	if (!vmar)
		return NULL;
	if (parent) {
		vmar->space = parent->space;
		refcount_inc(&vmar->space->ref);
	} else {
		vmar->space = kzalloc(sizeof(*vmar->space),
				      GFP_KERNEL_ACCOUNT);
		if (!vmar->space) {
			kfree(vmar);
			return NULL;
		}
		mutex_init(&vmar->space->lock);
		refcount_set(&vmar->space->ref, 1);
	}
	zx_object_init(&vmar->base, &zx_vmar_type);
	mmgrab(mm);
	vmar->mm = mm;
	INIT_LIST_HEAD(&vmar->children);
	INIT_LIST_HEAD(&vmar->sibling);
	return vmar;
}

/* The root VMAR of @mm's process; NULL without memory. */
struct zx_object *zx_vmar_create_root(struct mm_struct *mm)
{
	struct zx_vmar *vmar = zx_vmar_alloc(mm, NULL);

	if (!vmar)
		return NULL;
	vmar->start = ZX_VMAR_ROOT_BASE;
	vmar->len = TASK_SIZE - ZX_VMAR_ROOT_BASE;
	vmar->flags = ZX_VM_CAN_MAP;
	return &vmar->base;
}

static bool zx_vmar_is_root(struct zx_vmar *vmar)
{
	return !vmar->parent_koid;
}

/* The space's lock held. */
static zx_status_t zx_vmar_check_live(struct zx_vmar *vmar)
{
	lockdep_assert_held(&vmar->space->lock);
	if (vmar->dead)
		return ZX_ERR_BAD_STATE;
	/* Mappings are made with the caller's own mm. */
	if (vmar->mm != current->mm)
		return ZX_ERR_NOT_SUPPORTED;
	return ZX_OK;
}

/*
 * Gives [addr, addr + len) back to the region that holds it: the parent
 * with koid @koid (a reservation again), or Linux for a root.  Lock held.
 */
static zx_status_t zx_vm_release(zx_koid_t koid, bool root,
				 unsigned long addr, unsigned long len)
{
	struct zx_vm_request req = { .vmar_koid = koid };

	if (root)
		return vm_munmap(addr, len) ? ZX_ERR_NO_MEMORY : ZX_OK;
	if (zx_vm_do_mmap(&req, addr, len, PROT_NONE, MAP_FIXED, 0))
		return ZX_ERR_NO_MEMORY;
	return ZX_OK;
}

/*
 * Destroys @vmar and its descendants: all are marked dead and unlinked,
 * their parent references moved to @dropped (to be put once unlocked), and
 * the whole range goes back to @vmar's parent.  the space's lock held.
 */
static void zx_vmar_kill(struct zx_vmar *vmar, struct list_head *dropped)
{
	struct zx_vmar *pos = vmar;

	lockdep_assert_held(&vmar->space->lock);
	if (vmar->parent) {
		list_move_tail(&vmar->sibling, dropped);
	} else {
		/* Its parent died: it is in no list and lives by the caller. */
		zx_object_get(&vmar->base);
		list_add_tail(&vmar->sibling, dropped);
	}
	list_for_each_entry_from(pos, dropped, sibling) {
		pos->dead = true;
		pos->parent = NULL;
		list_splice_tail_init(&pos->children, dropped);
	}
	zx_vm_release(vmar->parent_koid, vmar->parent_root, vmar->start,
		      vmar->len);
}

/* ---- Syscalls ---- */

static zx_status_t zx_vmar_get(struct zx_process *proc, zx_handle_t handle,
			       struct zx_vmar **out, zx_rights_t *rights)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_VMAR, 0, &obj,
				  rights);
	if (status == ZX_OK)
		*out = zx_to_vmar(obj);
	return status;
}

/* The ZX_VM_ALIGN_* of @options, at least a page. */
static zx_status_t zx_vm_align(u32 options, unsigned long *align)
{
	u32 shift = (options & ZX_VM_ALIGN_MASK) >> ZX_VM_ALIGN_BASE;

	if (!shift) {
		*align = PAGE_SIZE;
		return ZX_OK;
	}
	if (shift < 10 || shift > 32)
		return ZX_ERR_INVALID_ARGS;
	*align = max(1UL << shift, PAGE_SIZE);
	return ZX_OK;
}

/* Handle rights that ZX_VM_PERM_* (or CAN_MAP_* >> 7) @perms need. */
static zx_rights_t zx_vm_perm_rights(u32 perms)
{
	return ((perms & ZX_VM_PERM_READ) ? ZX_RIGHT_READ : 0) |
	       ((perms & ZX_VM_PERM_WRITE) ? ZX_RIGHT_WRITE : 0) |
	       ((perms & ZX_VM_PERM_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
}

static unsigned long zx_vm_perm_prot(u32 perms)
{
	return ((perms & ZX_VM_PERM_READ) ? PROT_READ : 0) |
	       ((perms & ZX_VM_PERM_WRITE) ? PROT_WRITE : 0) |
	       ((perms & ZX_VM_PERM_EXECUTE) ? PROT_EXEC : 0);
}

static u32 zx_vm_flags_perms(unsigned long vm_flags)
{
	return ((vm_flags & VM_READ) ? ZX_VM_PERM_READ : 0) |
	       ((vm_flags & VM_WRITE) ? ZX_VM_PERM_WRITE : 0) |
	       ((vm_flags & VM_EXEC) ? ZX_VM_PERM_EXECUTE : 0);
}

static u32 zx_vm_flags_may(unsigned long vm_flags)
{
	return ((vm_flags & VM_MAYREAD) ? ZX_VM_PERM_READ : 0) |
	       ((vm_flags & VM_MAYWRITE) ? ZX_VM_PERM_WRITE : 0) |
	       ((vm_flags & VM_MAYEXEC) ? ZX_VM_PERM_EXECUTE : 0);
}

/* No execute-only mappings on Linux: READ_IF_XOM_UNSUPPORTED means READ. */
static zx_status_t zx_vm_perms(u32 options, u32 *perms)
{
	*perms = options & ZX_VM_PERMS;
	if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED)
		*perms |= ZX_VM_PERM_READ;
	if ((*perms & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) &&
	    !(*perms & ZX_VM_PERM_READ))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

/*
 * Picks where [*addr, *addr + len) goes in @vmar for @options (SPECIFIC,
 * SPECIFIC_OVERWRITE, OFFSET_IS_UPPER_LIMIT or anywhere); @no_space is the
 * error when nothing fits.  the space's lock held.
 */
static zx_status_t zx_vmar_place(struct zx_vmar *vmar, u32 options,
				 u64 offset, u64 len, unsigned long align,
				 zx_status_t no_space, unsigned long *addr)
{
	bool overwrite = options & ZX_VM_SPECIFIC_OVERWRITE;
	unsigned long limit = vmar->start + vmar->len;
	zx_status_t status = ZX_OK;

	if (options & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE)) {
		if (offset > vmar->len || len > vmar->len - offset)
			return ZX_ERR_INVALID_ARGS;
		*addr = vmar->start + offset;
		if (!IS_ALIGNED(*addr, align))
			return ZX_ERR_INVALID_ARGS;
		if (overwrite && zx_vmar_child_in(vmar, *addr, len))
			return ZX_ERR_INVALID_ARGS;
		mmap_read_lock(vmar->mm);
		if (!zx_vmar_range_free(vmar, *addr, *addr + len, overwrite))
			status = ZX_ERR_ALREADY_EXISTS;
		mmap_read_unlock(vmar->mm);
		return status;
	}
	if (options & ZX_VM_OFFSET_IS_UPPER_LIMIT) {
		if (offset > vmar->len || len > offset)
			return ZX_ERR_INVALID_ARGS;
		limit = vmar->start + offset;
	} else if (len > vmar->len) {
		return ZX_ERR_INVALID_ARGS;
	}
	mmap_read_lock(vmar->mm);
	*addr = zx_vmar_find_space(vmar, len, align, limit);
	mmap_read_unlock(vmar->mm);
	return *addr ? ZX_OK : no_space;
}

/* A Linux mmap error as a Zircon status. */
static zx_status_t zx_vm_errno(long err)
{
	switch (err) {
	case -EEXIST:
		return ZX_ERR_ALREADY_EXISTS;
	case -EACCES:
	case -EPERM:
		return ZX_ERR_ACCESS_DENIED;
	default:
		return ZX_ERR_NO_MEMORY;
	}
}

zx_status_t zx_sys_vmar_allocate(struct zx_process *proc, void *argp)
{
	const u32 allowed = ZX_VM_COMPACT | ZX_VM_SPECIFIC |
			    ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_CAN_MAP |
			    ZX_VM_ALIGN_MASK;
	struct zx_vmar_allocate_args *args = argp;
	struct zx_vm_request req = {};
	u32 options = args->options, can = options & ZX_VM_CAN_MAP;
	struct zx_vmar *parent, *child;
	unsigned long align, addr;
	zx_rights_t rights;
	zx_status_t status;
	struct zx_handle *h;
	LIST_HEAD(dropped);
	long err;

	status = zx_vmar_get(proc, args->handle, &parent, &rights);
	if (status != ZX_OK)
		return status;
	if ((options & ~allowed) ||
	    ((options & ZX_VM_SPECIFIC) &&
	     (options & ZX_VM_OFFSET_IS_UPPER_LIMIT)) ||
	    (!(options & (ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT)) &&
	     args->offset) ||
	    !args->size || !PAGE_ALIGNED(args->size) ||
	    !PAGE_ALIGNED(args->offset)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	status = zx_vm_align(options, &align);
	if (status != ZX_OK)
		goto out;
	/* CAN_MAP_READ/WRITE/EXECUTE sit 7 bits above PERM_*. */
	if ((~rights & zx_vm_perm_rights(can >> 7)) ||
	    (can & ~ZX_VM_CAN_MAP_SPECIFIC & ~parent->flags) ||
	    ((options & (ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT)) &&
	     !(parent->flags & ZX_VM_CAN_MAP_SPECIFIC))) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	child = zx_vmar_alloc(parent->mm, parent);
	if (!child) {
		status = ZX_ERR_NO_MEMORY;
		goto out;
	}

	mutex_lock(&parent->space->lock);
	status = zx_vmar_check_live(parent);
	if (status == ZX_OK)
		status = zx_vmar_place(parent, options & ~ZX_VM_CAN_MAP,
				       args->offset, args->size, align,
				       ZX_ERR_NO_MEMORY, &addr);
	if (status == ZX_OK) {
		req.vmar_koid = child->base.koid;
		err = zx_vm_do_mmap(&req, addr, args->size, PROT_NONE,
				    zx_vmar_is_root(parent) ?
				    MAP_FIXED_NOREPLACE : MAP_FIXED, 0);
		if (err)
			status = err == -EEXIST ? ZX_ERR_NO_MEMORY :
						  zx_vm_errno(err);
	}
	if (status != ZX_OK) {
		mutex_unlock(&parent->space->lock);
		zx_object_put(&child->base);
		goto out;
	}
	child->start = addr;
	child->len = args->size;
	child->flags = can;
	child->parent = parent;
	child->parent_koid = parent->base.koid;
	child->parent_root = zx_vmar_is_root(parent);
	/*
	 * The parent's list takes a reference of its own: once the lock is
	 * dropped another thread may destroy the parent and the list's
	 * reference with it, and the one from zx_vmar_alloc() keeps the
	 * child alive until the handle holds it.
	 */
	zx_object_get(&child->base);
	list_add_tail(&child->sibling, &parent->children);
	mutex_unlock(&parent->space->lock);

	h = zx_handle_create(&child->base, ZX_DEFAULT_VMAR_RIGHTS |
			     zx_vm_perm_rights(can >> 7));
	if (!h) {
		status = ZX_ERR_NO_MEMORY;
	} else if (put_user(addr, (zx_vaddr_t __user *)
			    zx_uptr(args->child_addr))) {
		zx_handle_destroy(h);
		status = ZX_ERR_INVALID_ARGS;
	} else {
		status = zx_handle_install_user(proc, h, args->child_vmar);
	}
	if (status != ZX_OK) {
		mutex_lock(&child->space->lock);
		if (!child->dead)
			zx_vmar_kill(child, &dropped);
		mutex_unlock(&child->space->lock);
		zx_vmar_put_list(&dropped);
	}
	zx_object_put(&child->base);
out:
	zx_object_put(&parent->base);
	return status;
}

zx_status_t zx_sys_vmar_map(struct zx_process *proc, void *argp)
{
	const u32 allowed = ZX_VM_PERMS | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED |
			    ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE |
			    ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_MAP_RANGE |
			    ZX_VM_ALLOW_FAULTS | ZX_VM_REQUIRE_NON_RESIZABLE |
			    ZX_VM_ALIGN_MASK;
	const u32 specific = ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE;
	struct zx_vmar_map_args *args = argp;
	u32 options = args->options, perms;
	struct zx_vm_request req = {};
	zx_rights_t rights, vmo_rights;
	unsigned long align, addr, pgoff;
	struct zx_object *vmo;
	struct zx_vmar *vmar;
	zx_status_t status;
	u64 end;
	long err;

	status = zx_vmar_get(proc, args->handle, &vmar, &rights);
	if (status != ZX_OK)
		return status;
	status = zx_handle_lookup(proc, args->vmo, ZX_OBJ_TYPE_VMO,
				  ZX_RIGHT_MAP, &vmo, &vmo_rights);
	if (status != ZX_OK)
		goto out_vmar;
	status = zx_vm_perms(options, &perms);
	if (status == ZX_OK &&
	    (args->reserved || (options & ~allowed) ||
	     ((options & ZX_VM_SPECIFIC_OVERWRITE) &&
	      (options & ZX_VM_MAP_RANGE)) ||
	     ((options & ZX_VM_OFFSET_IS_UPPER_LIMIT) &&
	      (options & specific)) ||
	     (!(options & (specific | ZX_VM_OFFSET_IS_UPPER_LIMIT)) &&
	      args->vmar_offset) ||
	     !PAGE_ALIGNED(args->vmar_offset) ||
	     !PAGE_ALIGNED(args->vmo_offset) ||
	     !args->len || !PAGE_ALIGNED(args->len)))
		status = ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK)
		status = zx_vm_align(options, &align);
	if (status == ZX_OK &&
	    check_add_overflow(args->vmo_offset, args->len, &end))
		status = ZX_ERR_OUT_OF_RANGE;
	if (status != ZX_OK)
		goto out;
	if ((~rights & zx_vm_perm_rights(perms)) ||
	    (~vmo_rights & zx_vm_perm_rights(perms)) ||
	    ((perms << 7) & ~vmar->flags) ||
	    ((options & (specific | ZX_VM_OFFSET_IS_UPPER_LIMIT)) &&
	     !(vmar->flags & ZX_VM_CAN_MAP_SPECIFIC))) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	/* What protect (Zircon's or Linux's) may later grant. */
	if ((vmo_rights & ZX_RIGHT_READ) && (vmar->flags & ZX_VM_CAN_MAP_READ))
		req.may |= VM_MAYREAD;
	if ((vmo_rights & ZX_RIGHT_WRITE) &&
	    (vmar->flags & ZX_VM_CAN_MAP_WRITE))
		req.may |= VM_MAYWRITE;
	if ((vmo_rights & ZX_RIGHT_EXECUTE) &&
	    (vmar->flags & ZX_VM_CAN_MAP_EXECUTE))
		req.may |= VM_MAYEXEC;

	mutex_lock(&vmar->space->lock);
	status = zx_vmar_check_live(vmar);
	if (status == ZX_OK)
		status = zx_vmar_place(vmar, options, args->vmar_offset,
				       args->len, align, ZX_ERR_NO_RESOURCES,
				       &addr);
	if (status == ZX_OK)
		status = zx_vmo_map_prepare(vmo, args->vmo_offset, args->len,
					    options, &req.own, &pgoff);
	if (status != ZX_OK)
		goto out_unlock;
	err = zx_vm_do_mmap(&req, addr, args->len, zx_vm_perm_prot(perms),
			    (zx_vmar_is_root(vmar) && !(options &
			     ZX_VM_SPECIFIC_OVERWRITE)) ?
			    MAP_FIXED_NOREPLACE : MAP_FIXED, pgoff);
	if (err) {
		status = err == -EEXIST ? ZX_ERR_NO_RESOURCES :
					  zx_vm_errno(err);
	} else if (options & ZX_VM_MAP_RANGE) {
		struct vm_area_struct *vma;

		mmap_read_lock(vmar->mm);
		vma = vma_lookup(vmar->mm, addr);
		if (vma && vma->vm_private_data == req.own)
			zx_vmo_map_committed(req.own, vma, addr,
					     min(vma->vm_end,
						 addr + args->len));
		mmap_read_unlock(vmar->mm);
	}
	/* The mapping holds its own reference now. */
	zx_vmo_map_put(req.own);
	if (status == ZX_OK &&
	    put_user(addr, (zx_vaddr_t __user *)zx_uptr(args->mapped_addr))) {
		zx_vm_release(vmar->base.koid, zx_vmar_is_root(vmar), addr,
			      args->len);
		status = ZX_ERR_INVALID_ARGS;
	}
out_unlock:
	mutex_unlock(&vmar->space->lock);
out:
	zx_object_put(vmo);
out_vmar:
	zx_object_put(&vmar->base);
	return status;
}

/*
 * The first part of [*pos, end) that is a mapping of @vmar itself (not of
 * a child): [*pos, *piece_end) after the call.  false if none.  the space's lock
 * held.
 */
static bool zx_vmar_next_mapping(struct zx_vmar *vmar, unsigned long *pos,
				 unsigned long end, unsigned long *piece_end)
{
	VMA_ITERATOR(vmi, vmar->mm, *pos);
	struct vm_area_struct *vma;
	bool found = false;

	mmap_read_lock(vmar->mm);
	for_each_vma_range(vmi, vma, end) {
		if (!zx_vma_is_mapping(vma) ||
		    zx_vmar_child_in(vmar, vma->vm_start,
				     vma->vm_end - vma->vm_start))
			continue;
		*pos = max(*pos, vma->vm_start);
		*piece_end = min(end, vma->vm_end);
		found = true;
		break;
	}
	mmap_read_unlock(vmar->mm);
	return found;
}

/* Range checks shared by unmap, protect and op_range. */
static bool zx_vmar_contains(struct zx_vmar *vmar, u64 addr, u64 len)
{
	u64 end;

	return !check_add_overflow(addr, len, &end) && addr >= vmar->start &&
	       end <= vmar->start + vmar->len;
}

static zx_status_t zx_vmar_unmap(struct zx_process *proc, zx_handle_t handle,
				 u64 addr, u64 len)
{
	unsigned long pos, end, piece_end;
	struct zx_vmar *vmar, *child, *tmp;
	bool found = false;
	zx_rights_t rights;
	zx_status_t status;
	LIST_HEAD(dropped);

	status = zx_vmar_get(proc, handle, &vmar, &rights);
	if (status != ZX_OK)
		return status;
	if (!PAGE_ALIGNED(addr) || !len || !PAGE_ALIGNED(len)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	mutex_lock(&vmar->space->lock);
	status = zx_vmar_check_live(vmar);
	if (status != ZX_OK)
		goto out_unlock;
	if (!zx_vmar_contains(vmar, addr, len)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_unlock;
	}
	pos = addr;
	end = addr + len;
	/* Sub-regions must lie wholly inside, and need OP_CHILDREN. */
	list_for_each_entry(child, &vmar->children, sibling) {
		if (!zx_ranges_overlap(child->start, child->len, pos,
				       end - pos))
			continue;
		if (child->start < pos || child->start + child->len > end ||
		    !(rights & ZX_RIGHT_OP_CHILDREN)) {
			status = ZX_ERR_INVALID_ARGS;
			goto out_unlock;
		}
		found = true;
	}
	list_for_each_entry_safe(child, tmp, &vmar->children, sibling) {
		if (zx_ranges_overlap(child->start, child->len, pos,
				      end - pos))
			zx_vmar_kill(child, &dropped);
	}
	while (zx_vmar_next_mapping(vmar, &pos, end, &piece_end)) {
		found = true;
		status = zx_vm_release(vmar->base.koid, zx_vmar_is_root(vmar),
				       pos, piece_end - pos);
		if (status != ZX_OK)
			break;
		pos = piece_end;
	}
	if (!found)
		status = ZX_ERR_NOT_FOUND;
out_unlock:
	mutex_unlock(&vmar->space->lock);
	zx_vmar_put_list(&dropped);
out:
	zx_object_put(&vmar->base);
	return status;
}

zx_status_t zx_sys_vmar_unmap(struct zx_process *proc, void *argp)
{
	struct zx_vmar_range_args *args = argp;

	if (args->options)
		return ZX_ERR_INVALID_ARGS;
	return zx_vmar_unmap(proc, args->handle, args->addr, args->len);
}

/*
 * The first two steps of vmar_unmap_handle_close_thread_exit; libzx ends
 * the thread (a module cannot), without touching the maybe unmapped stack.
 * If the unmap worked but the close failed, the caller must trap.
 */
zx_status_t zx_sys_vmar_unmap_handle_close(struct zx_process *proc,
					   void *argp)
{
	struct zx_vmar_unmap_close_args *args = argp;
	zx_status_t status;

	status = zx_vmar_unmap(proc, args->handle, args->addr, args->len);
	if (status != ZX_OK)
		return status;
	if (zx_handle_close(proc, args->close_handle) != ZX_OK)
		return -ZX_VMAR_UNMAP_CLOSE_TRAP;
	return ZX_OK;
}

/*
 * Whether mapping @vma of @vmar, or of a descendant, may take @perms: never
 * beyond its VM_MAY* flags, and those of a descendant (OP_CHILDREN needed)
 * may only lose permissions.  the space's lock and mmap_lock held.
 */
static zx_status_t zx_vmar_may_protect(struct zx_vmar *vmar,
				       zx_rights_t rights,
				       struct vm_area_struct *vma, u32 perms)
{
	if (zx_vmar_child_in(vmar, vma->vm_start,
			     vma->vm_end - vma->vm_start)) {
		if (!(rights & ZX_RIGHT_OP_CHILDREN))
			return ZX_ERR_INVALID_ARGS;
		if (perms & ~zx_vm_flags_perms(vma->vm_flags))
			return ZX_ERR_ACCESS_DENIED;
	}
	if (perms & ~zx_vm_flags_may(vma->vm_flags))
		return ZX_ERR_ACCESS_DENIED;
	return ZX_OK;
}

/*
 * Checks that [addr, end) is all mappings that may take @perms
 * (zx_vmar_may_protect()).  Locks as for zx_vmar_place().
 */
static zx_status_t zx_vmar_check_protect(struct zx_vmar *vmar,
					 zx_rights_t rights,
					 unsigned long addr,
					 unsigned long end, u32 perms)
{
	VMA_ITERATOR(vmi, vmar->mm, addr);
	unsigned long pos = addr;
	struct vm_area_struct *vma;
	zx_status_t status = ZX_OK;

	mmap_read_lock(vmar->mm);
	for_each_vma_range(vmi, vma, end) {
		if (vma->vm_start > pos || !zx_vma_is_mapping(vma)) {
			status = ZX_ERR_NOT_FOUND;
			break;
		}
		status = zx_vmar_may_protect(vmar, rights, vma, perms);
		if (status != ZX_OK)
			break;
		pos = vma->vm_end;
	}
	mmap_read_unlock(vmar->mm);
	if (status == ZX_OK && pos < end)
		status = ZX_ERR_NOT_FOUND;
	return status;
}

zx_status_t zx_sys_vmar_protect(struct zx_process *proc, void *argp)
{
	struct zx_vmar_range_args *args = argp;
	unsigned long pos, end, piece_end, pgoff;
	struct zx_vm_request req = {};
	struct vm_area_struct *vma;
	struct zx_vmar *vmar;
	zx_rights_t rights;
	zx_status_t status;
	u32 perms;
	long err;

	status = zx_vmar_get(proc, args->handle, &vmar, &rights);
	if (status != ZX_OK)
		return status;
	status = zx_vm_perms(args->options, &perms);
	if (status == ZX_OK &&
	    ((args->options & ~(ZX_VM_PERMS |
				ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED)) ||
	     !PAGE_ALIGNED(args->addr) || !args->len ||
	     args->len > U64_MAX - PAGE_SIZE))
		status = ZX_ERR_INVALID_ARGS;
	if (status != ZX_OK)
		goto out;
	if ((~rights & zx_vm_perm_rights(perms)) ||
	    ((perms << 7) & ~vmar->flags)) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	mutex_lock(&vmar->space->lock);
	status = zx_vmar_check_live(vmar);
	if (status != ZX_OK)
		goto out_unlock;
	if (!zx_vmar_contains(vmar, args->addr, PAGE_ALIGN(args->len))) {
		status = ZX_ERR_NOT_FOUND;
		goto out_unlock;
	}
	pos = args->addr;
	end = args->addr + PAGE_ALIGN(args->len);
	status = zx_vmar_check_protect(vmar, rights, pos, end, perms);
	/*
	 * Map each piece again, same VMO pages, new protection.  Linux may
	 * have unmapped or moved (mremap) anything into the range since the
	 * check: each piece is checked again as it is now.
	 */
	while (status == ZX_OK && pos < end) {
		mmap_read_lock(vmar->mm);
		vma = vma_lookup(vmar->mm, pos);
		if (!vma || !zx_vma_is_mapping(vma))
			status = ZX_ERR_NOT_FOUND;
		else
			status = zx_vmar_may_protect(vmar, rights, vma, perms);
		if (status != ZX_OK) {
			mmap_read_unlock(vmar->mm);
			break;
		}
		req.own = vma->vm_private_data;
		req.may = vma->vm_flags & (VM_MAYREAD | VM_MAYWRITE |
					   VM_MAYEXEC);
		zx_vmo_map_get(req.own);
		pgoff = linear_page_index(vma, pos);
		piece_end = min(vma->vm_end, end);
		mmap_read_unlock(vmar->mm);
		err = zx_vm_do_mmap(&req, pos, piece_end - pos,
				    zx_vm_perm_prot(perms), MAP_FIXED, pgoff);
		zx_vmo_map_put(req.own);
		if (err)
			status = zx_vm_errno(err);
		pos = piece_end;
	}
out_unlock:
	mutex_unlock(&vmar->space->lock);
out:
	zx_object_put(&vmar->base);
	return status;
}

zx_status_t zx_sys_vmar_destroy(struct zx_process *proc, void *argp)
{
	struct zx_vmar_range_args *args = argp;
	struct zx_vmar *vmar;
	zx_rights_t rights;
	zx_status_t status;
	LIST_HEAD(dropped);

	status = zx_vmar_get(proc, args->handle, &vmar, &rights);
	if (status != ZX_OK)
		return status;
	if (!(rights & ZX_RIGHT_OP_CHILDREN)) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	mutex_lock(&vmar->space->lock);
	status = zx_vmar_check_live(vmar);
	if (status == ZX_OK && zx_vmar_is_root(vmar))
		status = ZX_ERR_NOT_SUPPORTED;
	if (status == ZX_OK)
		zx_vmar_kill(vmar, &dropped);
	mutex_unlock(&vmar->space->lock);
	zx_vmar_put_list(&dropped);
out:
	zx_object_put(&vmar->base);
	return status;
}

/*
 * COMMIT or DECOMMIT of [addr, end), one mapping at a time, holding
 * neither the space's lock nor mmap_lock while it runs: a commit may wait
 * for a pager, which may need either.  A mapping that went meanwhile ends it with
 * BAD_STATE.
 */
static zx_status_t zx_vmar_range_op_vmos(struct zx_vmar *vmar, u32 op,
					 unsigned long addr, unsigned long end)
{
	zx_status_t status = ZX_OK;

	/*
	 * Each mapping is checked as it is found: the range may have been
	 * unmapped, moved or mapped over since zx_vmar_range_op() looked.
	 */

	while (status == ZX_OK && addr < end) {
		struct vm_area_struct *vma;
		unsigned long first, next;
		struct zx_vmo *own;

		mmap_read_lock(vmar->mm);
		vma = find_vma(vmar->mm, addr);
		if (!vma || vma->vm_start > addr || !zx_vma_is_mapping(vma)) {
			mmap_read_unlock(vmar->mm);
			return ZX_ERR_BAD_STATE;
		}
		if (!(vma->vm_flags & VM_MAYWRITE)) {
			mmap_read_unlock(vmar->mm);
			return ZX_ERR_ACCESS_DENIED;
		}
		own = vma->vm_private_data;
		zx_vmo_get_ref(own);
		first = linear_page_index(vma, addr);
		next = min(vma->vm_end, end);
		mmap_read_unlock(vmar->mm);
		status = zx_vmo_map_op(own, op, first,
				       (next - addr) >> PAGE_SHIFT);
		zx_vmo_put(own);
		addr = next;
	}
	return status;
}

/*
 * Checks that [addr, end) is all mappings (else BAD_STATE) and, for COMMIT
 * and DECOMMIT, that their VMO handles allowed WRITE; runs MAP_RANGE.  The
 * caller runs COMMIT and DECOMMIT afterwards, with the space's lock dropped
 * (zx_vmar_range_op_vmos()).  Locks as for zx_vmar_place().
 */
static zx_status_t zx_vmar_range_op(struct zx_vmar *vmar, u32 op,
				    unsigned long addr, unsigned long end)
{
	VMA_ITERATOR(vmi, vmar->mm, addr);
	bool write = op == ZX_VMAR_OP_COMMIT || op == ZX_VMAR_OP_DECOMMIT;
	unsigned long pos = addr;
	struct vm_area_struct *vma;
	zx_status_t status = ZX_OK;

	mmap_read_lock(vmar->mm);
	for_each_vma_range(vmi, vma, end) {
		if (vma->vm_start > pos || !zx_vma_is_mapping(vma)) {
			status = ZX_ERR_BAD_STATE;
			break;
		}
		if (write && !(vma->vm_flags & VM_MAYWRITE)) {
			status = ZX_ERR_ACCESS_DENIED;
			break;
		}
		pos = vma->vm_end;
	}
	if (status == ZX_OK && pos < end)
		status = ZX_ERR_BAD_STATE;
	if (status == ZX_OK && op == ZX_VMAR_OP_MAP_RANGE) {
		vma_iter_init(&vmi, vmar->mm, addr);
		for_each_vma_range(vmi, vma, end)
			zx_vmo_map_committed(vma->vm_private_data, vma,
					     max(vma->vm_start, addr),
					     min(vma->vm_end, end));
	}
	mmap_read_unlock(vmar->mm);
	return status;
}

zx_status_t zx_sys_vmar_op_range(struct zx_process *proc, void *argp)
{
	struct zx_vmar_op_range_args *args = argp;
	zx_rights_t rights, need = 0;
	struct zx_vmar *vmar;
	zx_status_t status;
	u64 end;

	status = zx_vmar_get(proc, args->handle, &vmar, &rights);
	if (status != ZX_OK)
		return status;
	switch (args->op) {
	case ZX_VMAR_OP_COMMIT:
	case ZX_VMAR_OP_DECOMMIT:
		need = ZX_RIGHT_WRITE;
		break;
	case ZX_VMAR_OP_MAP_RANGE:
	case ZX_VMAR_OP_DONT_NEED:
	case ZX_VMAR_OP_ALWAYS_NEED:
		break;
	default:
		status = ZX_ERR_INVALID_ARGS;
		break;
	}
	if (status == ZX_OK &&
	    (args->buffer || args->buffer_size || !args->size ||
	     !PAGE_ALIGNED(args->addr)))
		status = ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK && (~rights & need))
		status = ZX_ERR_ACCESS_DENIED;
	if (status != ZX_OK)
		goto out;
	mutex_lock(&vmar->space->lock);
	status = zx_vmar_check_live(vmar);
	if (status != ZX_OK)
		goto out_unlock;
	if (args->size > U64_MAX - PAGE_SIZE ||
	    !zx_vmar_contains(vmar, args->addr, PAGE_ALIGN(args->size))) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out_unlock;
	}
	end = args->addr + PAGE_ALIGN(args->size);
	if (zx_vmar_child_in(vmar, args->addr, end - args->addr) &&
	    (need || !(rights & ZX_RIGHT_OP_CHILDREN))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_unlock;
	}
	status = zx_vmar_range_op(vmar, args->op, args->addr, end);
out_unlock:
	mutex_unlock(&vmar->space->lock);
	if (status == ZX_OK && need)
		status = zx_vmar_range_op_vmos(vmar, args->op, args->addr,
					       end);
out:
	zx_object_put(&vmar->base);
	return status;
}

/* ---- Process information ---- */

/* Records [skip, skip + max) of a list being walked into a buffer. */
struct zx_info_cursor {
	void *kbuf;
	size_t size;			/* of one record */
	size_t skip;
	size_t max;
	size_t n;			/* records walked so far */
	size_t written;
};

/* Whether the next record goes into the buffer. */
static bool zx_info_cursor_wants(struct zx_info_cursor *c)
{
	return c->n >= c->skip && c->n - c->skip < c->max;
}

/* Counts the next record, storing @rec if it is wanted. */
static void zx_info_cursor_put(struct zx_info_cursor *c, const void *rec)
{
	if (zx_info_cursor_wants(c)) {
		memcpy(c->kbuf + c->written * c->size, rec, c->size);
		c->written++;
	}
	c->n++;
}

/* A record of the address space or of a VMAR, named @name or @obj's name. */
static void zx_maps_put(struct zx_info_cursor *c, const char *name,
			struct zx_object *obj, unsigned long base,
			unsigned long size, size_t depth, u32 type)
{
	zx_info_maps_t rec = {
		.base = base,
		.size = size,
		.depth = depth,
		.type = type,
	};
	unsigned long flags;

	if (zx_info_cursor_wants(c) && name) {
		strscpy(rec.name, name, sizeof(rec.name));
	} else if (zx_info_cursor_wants(c)) {
		spin_lock_irqsave(obj->lock, flags);
		memcpy(rec.name, obj->name, sizeof(rec.name));
		spin_unlock_irqrestore(obj->lock, flags);
	}
	zx_info_cursor_put(c, &rec);
}

static void zx_maps_put_mapping(struct zx_info_cursor *c,
				struct vm_area_struct *vma, size_t depth)
{
	zx_info_maps_t rec = {
		.base = vma->vm_start,
		.size = vma->vm_end - vma->vm_start,
		.depth = depth,
		.type = ZX_INFO_MAPS_TYPE_MAPPING,
		.u.mapping.mmu_flags = zx_vm_flags_perms(vma->vm_flags),
	};

	if (zx_info_cursor_wants(c))
		zx_vmo_map_info(vma->vm_private_data, vma, &rec);
	zx_info_cursor_put(c, &rec);
}

/*
 * The first mapping of @vmar's own that starts in [pos, end), where no
 * child of it lies.  Locks as for zx_vmar_place().
 */
static struct vm_area_struct *zx_vmar_mapping_from(struct zx_vmar *vmar,
						   unsigned long pos,
						   unsigned long end)
{
	VMA_ITERATOR(vmi, vmar->mm, pos);
	struct vm_area_struct *vma;

	for_each_vma_range(vmi, vma, end) {
		if (vma->vm_start >= pos && zx_vma_is_mapping(vma))
			return vma;
	}
	return NULL;
}

/* @vmar's child with the lowest start at or above @pos.  Lock held. */
static struct zx_vmar *zx_vmar_child_from(struct zx_vmar *vmar,
					  unsigned long pos)
{
	struct zx_vmar *child, *best = NULL;

	list_for_each_entry(child, &vmar->children, sibling) {
		if (child->start >= pos && (!best || child->start < best->start))
			best = child;
	}
	return best;
}

/*
 * Records [skip, skip + max) of ZX_INFO_PROCESS_MAPS for the process whose
 * root VMAR is @root_obj, @size bytes each (older versions are prefixes):
 * the address space (named @name) at depth 0, the root VMAR at depth 1,
 * then each VMAR's mappings and sub-VMARs in address order, each VMAR
 * followed by its own contents one level deeper.  That is Zircon's
 * depth-first pre-order, walked without recursion (nesting has no bound).
 */
zx_status_t zx_vmar_maps_fill(struct zx_object *root_obj, const char *name,
			      void *kbuf, size_t size, size_t skip,
			      size_t max, size_t *written, size_t *avail)
{
	struct zx_vmar *root = zx_to_vmar(root_obj), *vmar, *child;
	struct zx_info_cursor c = {
		.kbuf = kbuf, .size = size, .skip = skip, .max = max,
	};
	struct mm_struct *mm = root->mm;
	struct vm_area_struct *vma;
	unsigned long pos;
	size_t depth = 1;

	if (!mmget_not_zero(mm))
		return ZX_ERR_BAD_STATE;
	mutex_lock(&root->space->lock);
	mmap_read_lock(mm);
	zx_maps_put(&c, name, NULL, 0, root->start + root->len, 0,
		    ZX_INFO_MAPS_TYPE_ASPACE);
	zx_maps_put(&c, "root", NULL, root->start, root->len, 1,
		    ZX_INFO_MAPS_TYPE_VMAR);
	vmar = root;
	pos = root->start;
	for (;;) {
		child = zx_vmar_child_from(vmar, pos);
		vma = zx_vmar_mapping_from(vmar, pos, child ? child->start :
					   vmar->start + vmar->len);
		if (vma) {
			zx_maps_put_mapping(&c, vma, depth + 1);
			pos = vma->vm_end;
		} else if (child) {
			zx_maps_put(&c, NULL, &child->base, child->start,
				    child->len, ++depth, ZX_INFO_MAPS_TYPE_VMAR);
			vmar = child;
			pos = child->start;
		} else if (vmar != root) {
			/* Done with this VMAR: on with its parent after it. */
			pos = vmar->start + vmar->len;
			vmar = vmar->parent;
			depth--;
		} else {
			break;
		}
	}
	mmap_read_unlock(mm);
	mutex_unlock(&root->space->lock);
	mmput(mm);
	*written = c.written;
	*avail = c.n;
	return ZX_OK;
}

/*
 * Records [skip, skip + max) of the mapping part of ZX_INFO_PROCESS_VMOS
 * of @mm's process: one per mapping, telling of its page owner.
 */
zx_status_t zx_vmar_vmos_fill(struct mm_struct *mm, void *kbuf, size_t size,
			      size_t skip, size_t max, size_t *written,
			      size_t *avail)
{
	struct zx_info_cursor c = {
		.kbuf = kbuf, .size = size, .skip = skip, .max = max,
	};
	VMA_ITERATOR(vmi, mm, 0);
	struct vm_area_struct *vma;
	zx_info_vmo_t info = {};

	if (!mmget_not_zero(mm))
		return ZX_ERR_BAD_STATE;
	mmap_read_lock(mm);
	for_each_vma(vmi, vma) {
		if (!zx_vma_is_mapping(vma))
			continue;
		if (zx_info_cursor_wants(&c))
			zx_vmo_fill_info(zx_vmo_object(vma->vm_private_data),
					 0, ZX_INFO_VMO_VIA_MAPPING, &info);
		zx_info_cursor_put(&c, &info);
	}
	mmap_read_unlock(mm);
	mmput(mm);
	*written = c.written;
	*avail = c.n;
	return ZX_OK;
}

/* ---- The mapping file ---- */

#define ZX_VMFS_MAGIC	0x7a78766d	/* "zxvm" */

static int zx_vmfs_init_fs_context(struct fs_context *fc)
{
	return init_pseudo(fc, ZX_VMFS_MAGIC) ? 0 : -ENOMEM;
}

static struct file_system_type zx_vmfs_type = {
	.name = "zx_vm",
	.init_fs_context = zx_vmfs_init_fs_context,
	.kill_sb = kill_anon_super,
};

int zx_vmar_init(void)
{
	struct inode *inode;
	int ret;

	zx_vm_mnt = kern_mount(&zx_vmfs_type);
	if (IS_ERR(zx_vm_mnt))
		return PTR_ERR(zx_vm_mnt);
	/* Mappings may be executable. */
	zx_vm_mnt->mnt_sb->s_iflags &= ~SB_I_NOEXEC;
	inode = alloc_anon_inode(zx_vm_mnt->mnt_sb);
	if (IS_ERR(inode)) {
		ret = PTR_ERR(inode);
		goto err_mnt;
	}
	zx_vm_file = alloc_file_pseudo(inode, zx_vm_mnt, "zircon-vm", O_RDWR,
				       &zx_vm_fops);
	if (IS_ERR(zx_vm_file)) {
		ret = PTR_ERR(zx_vm_file);
		iput(inode);
		goto err_mnt;
	}
	return 0;

err_mnt:
	kern_unmount(zx_vm_mnt);
	return ret;
}

static void zx_vm_file_put(struct work_struct *work)
{
	fput(zx_vm_file);
}

void zx_vmar_exit(void)
{
	struct work_struct work;

	/*
	 * The file's last reference must be gone before the module is: from
	 * a kernel thread fput() goes on the delayed list, which can then
	 * be flushed here (a task's would wait for its return to user space).
	 */
	INIT_WORK_ONSTACK(&work, zx_vm_file_put);
	schedule_work(&work);
	flush_work(&work);
	destroy_work_on_stack(&work);
	flush_delayed_fput();
	kern_unmount(zx_vm_mnt);
	ida_destroy(&zx_vm_windows);
}

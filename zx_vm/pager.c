// SPDX-License-Identifier: GPL-2.0
/*
 * Pagers: VMOs whose missing pages come from a user space pager.
 *
 * A pager-backed VMO holds a page source: the port and key its requests go
 * to, and its pending requests.  A thread that finds a page missing (vmo.c
 * asks zx_pager_request_page() under the VMO's lock) joins the pending
 * request for that page, or makes one and queues its ZX_PAGER_VMO_READ
 * packet; it then drops the VMO lock and sleeps in zx_pager_wait() until
 * the request is resolved, and retries.  Because requests are made under
 * the VMO lock and pager_supply_pages inserts pages under it before
 * resolving the requests for them, a request is either made before its page
 * arrives (and resolved after) or not at all: no wakeup is lost, and
 * threads faulting the same page share one request and one packet.
 *
 * A request is resolved by pages supplied (ZX_OK), by pager_op_range FAIL
 * (its error) or by detaching (ZX_ERR_BAD_STATE); a packet still queued
 * then is taken back.  Detaching happens through pager_detach_vmo, when the
 * VMO dies (both queue ZX_PAGER_VMO_COMPLETE, preallocated so it cannot
 * fail) and when the pager's last handle goes (which sends nothing more, as
 * Zircon documents).  A detached VMO keeps its pages; missing ones fail.
 *
 * One spinlock, zx_pager_lock, guards every source's state and request list
 * and every pager's list of sources; a port's lock nests inside it.  Nothing
 * sleeps under it, so VMOs may die in any context.
 *
 * A fault through a mapping waits the same way but with the fault lock
 * (mmap_lock or the VMA's lock) dropped, as userfaultfd does, so a pager
 * thread in the same process can still map, unmap or fault; it then
 * returns VM_FAULT_RETRY, which is the only thing it can return once the
 * lock is gone.  If the request failed, the retry must raise SIGBUS (or
 * fail the kernel's user copy) instead of asking again: the waiter leaves
 * a fault note on the source, for its own task and page, which its retry
 * takes (zx_pager_fault_failed(), zx_pager_take_fault_note()).  A task
 * holds at most one note per source, and notes die with the source.
 *
 * Lifetimes: a source is referenced by its VMO and, while attached, by its
 * pager's list; it references its port.  A request is referenced by its
 * source's list while pending, by the port while its packet is queued and
 * by each thread waiting on it.
 */
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../zx_port/port.h"
#include "../uapi/zircon_ioctl.h"
#include "vmo_io.h"

/* zx_pager_request.status while nobody has answered. */
#define ZX_PAGER_PENDING	1

struct zx_pager {
	struct zx_object base;
	/* Under zx_pager_lock. */
	struct list_head sources;	/* attached */
	bool closed;			/* no handles left */
};

struct zx_pager_source {
	struct kref ref;
	zx_koid_t pager_koid;		/* the pager it was made from */
	struct zx_port *port;		/* referenced */
	u64 key;
	/* Under zx_pager_lock. */
	bool detached;
	struct list_head node;		/* in pager->sources while attached */
	struct list_head requests;	/* pending zx_pager_request */
	struct list_head fault_notes;	/* zx_pager_fault_note */
	struct zx_queued_packet *complete;	/* ZX_PAGER_VMO_COMPLETE */
};

/* A fault on page @offset by @task failed; its retry must not ask again. */
struct zx_pager_fault_note {
	struct list_head node;		/* in source->fault_notes */
	struct task_struct *task;	/* referenced */
	u64 offset;
};

struct zx_pager_request {
	struct zx_queued_packet pkt;	/* ZX_PAGER_VMO_READ */
	struct kref ref;
	struct list_head node;		/* in source->requests while pending */
	u64 offset;			/* of its one page, in bytes */
	zx_status_t status;		/* ZX_PAGER_PENDING until resolved */
	wait_queue_head_t waiters;
};

static DEFINE_SPINLOCK(zx_pager_lock);

static inline struct zx_pager *zx_to_pager(struct zx_object *obj)
{
	return container_of(obj, struct zx_pager, base);
}

static void zx_pager_request_free(struct kref *ref)
{
	kfree(container_of(ref, struct zx_pager_request, ref));
}

static void zx_pager_request_put(struct zx_pager_request *req)
{
	kref_put(&req->ref, zx_pager_request_free);
}

/* The pager has read the packet (or the port dropped it). */
static void zx_pager_request_dequeued(struct zx_port *port,
				      struct zx_queued_packet *pkt)
{
	zx_pager_request_put(container_of(pkt, struct zx_pager_request, pkt));
}

static void zx_pager_complete_dequeued(struct zx_port *port,
				       struct zx_queued_packet *pkt)
{
	kfree(pkt);
}

/* Queues @pkt on the source's port; false if the port is closed. */
static bool __zx_pager_queue(struct zx_pager_source *src,
			     struct zx_queued_packet *pkt)
{
	struct zx_port *port = src->port;
	bool queued = false;

	lockdep_assert_held(&zx_pager_lock);
	spin_lock(port->base.lock);
	if (!port->closed) {
		__zx_port_queue(port, pkt);
		queued = true;
	}
	spin_unlock(port->base.lock);
	return queued;
}

/* Answers @req with @status and wakes its waiters.  zx_pager_lock held. */
static void __zx_pager_resolve(struct zx_pager_source *src,
			       struct zx_pager_request *req, zx_status_t status)
{
	struct zx_port *port = src->port;

	lockdep_assert_held(&zx_pager_lock);
	req->status = status;
	list_del_init(&req->node);
	/* A packet nobody has read yet asks for nothing any more. */
	spin_lock(port->base.lock);
	if (!list_empty(&req->pkt.node))
		__zx_port_unqueue(port, &req->pkt);
	spin_unlock(port->base.lock);
	wake_up_all(&req->waiters);
	zx_pager_request_put(req);	/* the list's reference */
}

/* Resolves the pending requests in [first, last] (byte offsets). */
static void __zx_pager_resolve_range(struct zx_pager_source *src, u64 first,
				     u64 last, zx_status_t status)
{
	struct zx_pager_request *req, *tmp;

	list_for_each_entry_safe(req, tmp, &src->requests, node)
		if (req->offset >= first && req->offset <= last)
			__zx_pager_resolve(src, req, status);
}

/*
 * Stops requests for good: pending ones fail, the pager's list lets go and,
 * if @complete, ZX_PAGER_VMO_COMPLETE is the last packet.  Returns whether
 * the caller must drop the pager list's reference.  zx_pager_lock held.
 */
static bool __zx_pager_detach(struct zx_pager_source *src, bool complete)
{
	struct zx_queued_packet *pkt = src->complete;

	lockdep_assert_held(&zx_pager_lock);
	if (src->detached)
		return false;
	src->detached = true;
	list_del_init(&src->node);
	__zx_pager_resolve_range(src, 0, U64_MAX, ZX_ERR_BAD_STATE);
	src->complete = NULL;
	if (complete && __zx_pager_queue(src, pkt))
		pkt = NULL;
	kfree(pkt);
	return true;
}

static void zx_pager_note_free(struct zx_pager_fault_note *note)
{
	put_task_struct(note->task);
	kfree(note);
}

static void zx_pager_source_free(struct kref *ref)
{
	struct zx_pager_source *src =
		container_of(ref, struct zx_pager_source, ref);
	struct zx_pager_fault_note *note, *tmp;

	WARN_ON_ONCE(!list_empty(&src->requests) || src->complete);
	/* Left by tasks killed before their retry. */
	list_for_each_entry_safe(note, tmp, &src->fault_notes, node)
		zx_pager_note_free(note);
	zx_object_put(&src->port->base);
	kfree(src);
}

static void zx_pager_source_put(struct zx_pager_source *src)
{
	kref_put(&src->ref, zx_pager_source_free);
}

/* Detaches @src and drops its VMO's reference. */
static void zx_pager_source_drop(struct zx_pager_source *src, bool complete)
{
	unsigned long flags;
	bool listed;

	spin_lock_irqsave(&zx_pager_lock, flags);
	listed = __zx_pager_detach(src, complete);
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	if (listed)
		zx_pager_source_put(src);
	zx_pager_source_put(src);
}

/* The VMO is being destroyed: its pager hears ZX_PAGER_VMO_COMPLETE. */
void zx_pager_source_release(struct zx_pager_source *src)
{
	zx_pager_source_drop(src, true);
}

/*
 * The page at @offset of the source's VMO is missing: returns a referenced
 * request to wait on with zx_pager_wait().  Called under the VMO's lock (see
 * above); may allocate.
 */
zx_status_t zx_pager_request_page(struct zx_pager_source *src, u64 offset,
				  struct zx_pager_request **out)
{
	struct zx_pager_request *req, *new;
	zx_status_t status = ZX_OK;
	unsigned long flags;

	new = kzalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);
	if (!new)
		return ZX_ERR_NO_MEMORY;
	spin_lock_irqsave(&zx_pager_lock, flags);
	if (src->detached) {
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	list_for_each_entry(req, &src->requests, node) {
		if (req->offset == offset) {
			kref_get(&req->ref);
			*out = req;
			goto out;
		}
	}
	req = new;
	new = NULL;
	kref_init(&req->ref);		/* the list's */
	req->offset = offset;
	req->status = ZX_PAGER_PENDING;
	init_waitqueue_head(&req->waiters);
	INIT_LIST_HEAD(&req->pkt.node);
	req->pkt.dequeued = zx_pager_request_dequeued;
	req->pkt.data.key = src->key;
	req->pkt.data.type = ZX_PKT_TYPE_PAGE_REQUEST;
	req->pkt.data.page_request.command = ZX_PAGER_VMO_READ;
	req->pkt.data.page_request.offset = offset;
	req->pkt.data.page_request.length = PAGE_SIZE;
	kref_get(&req->ref);		/* the port's */
	if (!__zx_pager_queue(src, &req->pkt)) {
		/* Nobody can ever answer. */
		zx_pager_request_put(req);
		zx_pager_request_put(req);
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	list_add_tail(&req->node, &src->requests);
	kref_get(&req->ref);		/* the caller's */
	*out = req;
out:
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	kfree(new);
	return status;
}

/* Drops a reference from zx_pager_request_page() without waiting. */
void zx_pager_request_drop(struct zx_pager_request *req)
{
	zx_pager_request_put(req);
}

/*
 * Sleeps in @state (TASK_INTERRUPTIBLE or TASK_KILLABLE) until @req is
 * answered and drops the caller's reference.  ZX_OK: retry, the page is
 * there (or was, and the VMO changed again).  A signal that ends the sleep
 * gives ZX_ERR_INTERNAL_INTR_RETRY; the request stays pending.
 */
zx_status_t zx_pager_wait_state(struct zx_pager_request *req,
				unsigned int state)
{
	struct zx_thread *blocked;
	zx_status_t status;

	blocked = zx_thread_block_begin(NULL, ZX_THREAD_STATE_BLOCKED_PAGER);
	if (wait_event_state(req->waiters,
			     READ_ONCE(req->status) != ZX_PAGER_PENDING,
			     state))
		status = ZX_ERR_INTERNAL_INTR_RETRY;
	else
		status = READ_ONCE(req->status);
	zx_thread_block_end(blocked);
	zx_pager_request_put(req);
	return status;
}

zx_status_t zx_pager_wait(struct zx_pager_request *req)
{
	return zx_pager_wait_state(req, TASK_INTERRUPTIBLE);
}

/*
 * The current task's fault on page @offset failed after it dropped the
 * fault lock: leave the note its retry will take.  @note comes from
 * zx_pager_fault_note_alloc(), made before the wait so this cannot fail.
 */
void zx_pager_fault_failed(struct zx_pager_source *src, u64 offset,
			   struct zx_pager_fault_note *note)
{
	struct zx_pager_fault_note *old, *tmp;
	unsigned long flags;
	LIST_HEAD(stale);

	note->task = get_task_struct(current);
	note->offset = offset;
	spin_lock_irqsave(&zx_pager_lock, flags);
	/* One note per task: an older one was for a fault it gave up. */
	list_for_each_entry_safe(old, tmp, &src->fault_notes, node)
		if (old->task == current)
			list_move(&old->node, &stale);
	list_add(&note->node, &src->fault_notes);
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	list_for_each_entry_safe(old, tmp, &stale, node)
		zx_pager_note_free(old);
}

struct zx_pager_fault_note *zx_pager_fault_note_alloc(void)
{
	return kzalloc(sizeof(struct zx_pager_fault_note), GFP_KERNEL_ACCOUNT);
}

void zx_pager_fault_note_free(struct zx_pager_fault_note *note)
{
	kfree(note);
}

/* Takes the current task's note for page @offset, if it left one. */
bool zx_pager_take_fault_note(struct zx_pager_source *src, u64 offset)
{
	struct zx_pager_fault_note *note, *found = NULL;
	unsigned long flags;
	bool match;

	/* Unlocked: a task sees the notes it added itself. */
	if (list_empty_careful(&src->fault_notes))
		return false;
	spin_lock_irqsave(&zx_pager_lock, flags);
	list_for_each_entry(note, &src->fault_notes, node) {
		if (note->task == current) {
			list_del(&note->node);
			found = note;
			break;
		}
	}
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	if (!found)
		return false;
	/* A note for another page: that fault was abandoned. */
	match = found->offset == offset;
	zx_pager_note_free(found);
	return match;
}

/* Pages in [first, last] (byte offsets) were supplied. */
void zx_pager_pages_supplied(struct zx_pager_source *src, u64 first, u64 last)
{
	unsigned long flags;

	spin_lock_irqsave(&zx_pager_lock, flags);
	__zx_pager_resolve_range(src, first, last, ZX_OK);
	spin_unlock_irqrestore(&zx_pager_lock, flags);
}

/* Checks that @src came from @pager and is still attached. */
static zx_status_t zx_pager_source_check(struct zx_pager_source *src,
					 zx_koid_t pager_koid)
{
	unsigned long flags;
	zx_status_t status = ZX_OK;

	if (!src || src->pager_koid != pager_koid)
		return ZX_ERR_INVALID_ARGS;
	spin_lock_irqsave(&zx_pager_lock, flags);
	if (src->detached)
		status = ZX_ERR_BAD_STATE;
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	return status;
}

/* The pager's last handle went: its VMOs fail what they would ask. */
static void zx_pager_on_zero_handles(struct zx_object *obj)
{
	struct zx_pager *pager = zx_to_pager(obj);
	struct zx_pager_source *src;
	unsigned long flags;

	spin_lock_irqsave(&zx_pager_lock, flags);
	pager->closed = true;
	while ((src = list_first_entry_or_null(&pager->sources,
					       struct zx_pager_source,
					       node))) {
		__zx_pager_detach(src, false);
		/* Not the last reference: the VMO holds one. */
		kref_put(&src->ref, zx_pager_source_free);
	}
	spin_unlock_irqrestore(&zx_pager_lock, flags);
}

static void zx_pager_destroy(struct zx_object *obj)
{
	kfree(zx_to_pager(obj));
}

static const struct zx_object_type zx_pager_type = {
	.obj_type = ZX_OBJ_TYPE_PAGER,
	.default_rights = ZX_DEFAULT_PAGER_RIGHTS,
	.on_zero_handles = zx_pager_on_zero_handles,
	.destroy = zx_pager_destroy,
};

zx_status_t zx_sys_pager_create(struct zx_process *proc, void *argp)
{
	struct zx_create_args *args = argp;
	struct zx_pager *pager;
	zx_status_t status;

	if (args->options || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	pager = kzalloc(sizeof(*pager), GFP_KERNEL_ACCOUNT);
	if (!pager)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&pager->base, &zx_pager_type);
	INIT_LIST_HEAD(&pager->sources);
	status = zx_create_handle_user(proc, &pager->base, args->out);
	zx_object_put(&pager->base);
	return status;
}

static zx_status_t zx_pager_get(struct zx_process *proc, zx_handle_t handle,
				struct zx_pager **out)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_PAGER, 0, &obj,
				  NULL);
	if (status == ZX_OK)
		*out = zx_to_pager(obj);
	return status;
}

zx_status_t zx_sys_pager_create_vmo(struct zx_process *proc, void *argp)
{
	struct zx_pager_create_vmo_args *args = argp;
	struct zx_pager_source *src = NULL;
	struct zx_pager *pager;
	struct zx_object *port;
	struct zx_vmo *vmo;
	unsigned long flags;
	zx_status_t status;
	bool attached;

	status = zx_pager_get(proc, args->pager, &pager);
	if (status != ZX_OK)
		return status;
	status = zx_handle_lookup(proc, args->port, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_WRITE, &port, NULL);
	if (status != ZX_OK)
		goto out_pager;
	if (args->options & ~(ZX_VMO_RESIZABLE | ZX_VMO_TRAP_DIRTY)) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_port;
	}
	/* Pages are never tracked as dirty here. */
	if (args->options & ZX_VMO_TRAP_DIRTY) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out_port;
	}
	src = kzalloc(sizeof(*src), GFP_KERNEL_ACCOUNT);
	if (src)
		src->complete = kzalloc(sizeof(*src->complete),
					GFP_KERNEL_ACCOUNT);
	if (!src || !src->complete) {
		status = ZX_ERR_NO_MEMORY;
		goto out_src;
	}
	kref_init(&src->ref);		/* the VMO's */
	src->pager_koid = pager->base.koid;
	src->port = zx_port_from(port);
	zx_object_get(port);
	src->key = args->key;
	INIT_LIST_HEAD(&src->node);
	INIT_LIST_HEAD(&src->requests);
	INIT_LIST_HEAD(&src->fault_notes);
	INIT_LIST_HEAD(&src->complete->node);
	src->complete->dequeued = zx_pager_complete_dequeued;
	src->complete->data.key = args->key;
	src->complete->data.type = ZX_PKT_TYPE_PAGE_REQUEST;
	src->complete->data.page_request.command = ZX_PAGER_VMO_COMPLETE;

	/* Attached before the VMO exists, so a closing pager detaches it. */
	spin_lock_irqsave(&zx_pager_lock, flags);
	attached = !pager->closed;
	if (attached) {
		kref_get(&src->ref);	/* the pager list's */
		list_add_tail(&src->node, &pager->sources);
	} else {
		/* Born detached: nothing will ever be sent. */
		src->detached = true;
		kfree(src->complete);
		src->complete = NULL;
	}
	spin_unlock_irqrestore(&zx_pager_lock, flags);

	status = zx_vmo_create_paged(args->size,
				     args->options & ZX_VMO_RESIZABLE, src,
				     &vmo);
	if (status == ZX_OK) {
		/* The VMO owns the source's first reference now. */
		status = zx_vmo_install_user(proc, vmo, args->out);
		goto out_port;
	}
	/* No VMO ever existed: no COMPLETE packet either. */
	zx_pager_source_drop(src, false);
	goto out_port;

out_src:
	if (src)
		kfree(src->complete);
	kfree(src);
out_port:
	zx_object_put(port);
out_pager:
	zx_object_put(&pager->base);
	return status;
}

/* The pager-backed VMO @handle, made from @pager (checked). */
static zx_status_t zx_pager_vmo_get(struct zx_process *proc,
				    struct zx_pager *pager,
				    zx_handle_t handle, zx_rights_t rights,
				    struct zx_vmo **vmo,
				    struct zx_pager_source **src)
{
	zx_status_t status;

	status = zx_vmo_get(proc, handle, rights, vmo, NULL);
	if (status != ZX_OK)
		return status;
	*src = zx_vmo_pager_source(*vmo);
	if (!*src || (*src)->pager_koid != pager->base.koid) {
		zx_vmo_put(*vmo);
		return ZX_ERR_INVALID_ARGS;
	}
	return ZX_OK;
}

zx_status_t zx_sys_pager_detach_vmo(struct zx_process *proc, void *argp)
{
	struct zx_pager_detach_vmo_args *args = argp;
	struct zx_pager_source *src;
	struct zx_pager *pager;
	unsigned long flags;
	struct zx_vmo *vmo;
	zx_status_t status;
	bool listed;

	status = zx_pager_get(proc, args->pager, &pager);
	if (status != ZX_OK)
		return status;
	status = zx_pager_vmo_get(proc, pager, args->vmo, ZX_RIGHT_WRITE,
				  &vmo, &src);
	if (status != ZX_OK)
		goto out;
	spin_lock_irqsave(&zx_pager_lock, flags);
	listed = __zx_pager_detach(src, true);
	spin_unlock_irqrestore(&zx_pager_lock, flags);
	if (listed)
		zx_pager_source_put(src);
	zx_vmo_put(vmo);
out:
	zx_object_put(&pager->base);
	return status;
}

zx_status_t zx_sys_pager_supply_pages(struct zx_process *proc, void *argp)
{
	struct zx_pager_supply_pages_args *args = argp;
	struct zx_pager_source *src;
	struct zx_vmo *vmo, *aux;
	struct zx_pager *pager;
	zx_status_t status;

	if (!PAGE_ALIGNED(args->offset) || !PAGE_ALIGNED(args->length) ||
	    !PAGE_ALIGNED(args->aux_offset))
		return ZX_ERR_INVALID_ARGS;
	status = zx_pager_get(proc, args->pager, &pager);
	if (status != ZX_OK)
		return status;
	status = zx_pager_vmo_get(proc, pager, args->pager_vmo,
				  ZX_RIGHT_WRITE, &vmo, &src);
	if (status != ZX_OK)
		goto out_pager;
	status = zx_vmo_get(proc, args->aux_vmo, ZX_RIGHT_WRITE, &aux, NULL);
	if (status != ZX_OK)
		goto out_vmo;
	status = zx_pager_source_check(src, pager->base.koid);
	if (status == ZX_OK)
		status = zx_vmo_supply_pages(vmo, args->offset, args->length,
					     aux, args->aux_offset);
	zx_vmo_put(aux);
out_vmo:
	zx_vmo_put(vmo);
out_pager:
	zx_object_put(&pager->base);
	return status;
}

/* Errors a pager may report for a range it cannot supply. */
static bool zx_pager_fail_status_ok(u64 data)
{
	switch ((s64)data) {
	case ZX_ERR_IO:
	case ZX_ERR_IO_DATA_INTEGRITY:
	case ZX_ERR_BAD_STATE:
	case ZX_ERR_NO_SPACE:
	case ZX_ERR_BUFFER_TOO_SMALL:
		return true;
	default:
		return false;
	}
}

zx_status_t zx_sys_pager_op_range(struct zx_process *proc, void *argp)
{
	struct zx_pager_op_range_args *args = argp;
	struct zx_pager_source *src;
	struct zx_pager *pager;
	unsigned long flags;
	struct zx_vmo *vmo;
	zx_status_t status;

	if (!PAGE_ALIGNED(args->offset) || !PAGE_ALIGNED(args->length))
		return ZX_ERR_INVALID_ARGS;
	status = zx_pager_get(proc, args->pager, &pager);
	if (status != ZX_OK)
		return status;
	status = zx_pager_vmo_get(proc, pager, args->pager_vmo,
				  ZX_RIGHT_WRITE, &vmo, &src);
	if (status != ZX_OK)
		goto out_pager;
	switch (args->op) {
	case ZX_PAGER_OP_FAIL:
		if (!zx_pager_fail_status_ok(args->data)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		status = zx_vmo_check_range(vmo, args->offset, args->length);
		if (status != ZX_OK || !args->length)
			break;
		spin_lock_irqsave(&zx_pager_lock, flags);
		if (src->detached)
			status = ZX_ERR_BAD_STATE;
		else
			__zx_pager_resolve_range(src, args->offset,
						 args->offset + args->length -
						 1, (s64)args->data);
		spin_unlock_irqrestore(&zx_pager_lock, flags);
		break;
	default:
		/* DIRTY and WRITEBACK_*: pages are never tracked as dirty. */
		status = ZX_ERR_NOT_SUPPORTED;
		break;
	}
	zx_vmo_put(vmo);
out_pager:
	zx_object_put(&pager->base);
	return status;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zircon.ko core: objects, handles, processes.
 *
 * Lock order (outer first):
 *
 *   mm->mmap_lock                 only while a process context is created
 *     zx_processes_lock           the table of process contexts (spinlock)
 *   zx_handle_table.slots xa_lock one per process (spinlock): publishing,
 *                                 unlinking and finding handles, the free
 *                                 list.  Lookups that return an object
 *                                 take it: objects are freed by their
 *                                 type's destroy() without an RCU grace
 *                                 period, so a lookup under RCU alone
 *                                 could reach an object whose last handle
 *                                 a concurrent close just dropped, and
 *                                 kref_get_unless_zero() would read freed
 *                                 memory.  zx_handle_valid() needs no
 *                                 object and reads the slot's value under
 *                                 RCU only (slots live as long as the
 *                                 table).  The chunk directory is read
 *                                 with xas_load(), which under this lock
 *                                 takes no RCU read lock of its own
 *   zx_process.threads xa_lock    a process's thread objects (spinlock)
 *   zx_futex_bucket.lock          futex states and waiters (spinlock); a
 *                                 requeue holds two, the lower-addressed
 *                                 bucket first.  Only RCU, kref increments
 *                                 and the scheduler's wakeup locks nest
 *                                 inside.  The futex word is read under it
 *                                 with page faults disabled; a fault is
 *                                 taken with the lock dropped and the check
 *                                 retried
 *   zx_socket.io_lock             data of one socket end (mutex); user
 *                                 copies, and so mmap_lock, nest inside
 *   zx_debuglog_lock              the debuglog ring and its readers (mutex);
 *                                 user copies nest inside
 *   zx_resource_lock              the resource ranges of each kind (mutex)
 *   zx_bti.lock                   a BTI's PMT lists (mutex); VMO locks and
 *                                 DMA (un)mapping happen outside it
 *   zx_pci_device.lock            one PCI device and its mapped interrupts
 *                                 (mutex)
 *     zx_interrupt.hw_lock        an interrupt's Linux IRQ registration
 *                                 (mutex); request_irq/free_irq under it
 *   zx_interrupt.lock             an interrupt's state (spinlock, irqsave,
 *                                 taken by its hard IRQ handler); the bound
 *                                 port's lock nests inside it
 *   zx_stream.seek_lock           a stream's seek offset (mutex), held
 *                                 across a whole readv/writev
 *     zx_vmo.content_lock         a VMO's content size, held by stream
 *                                 writes across their user copies (mutex)
 *   zx_vm_space.lock              the VMAR tree of one address space
 *                                 (mutex); held across vm_mmap() and
 *                                 vm_munmap() of that address space
 *     mm->mmap_lock               the fault handler runs under it, and
 *                                 user copies under the locks above take it
 *       zx_vmo.lock               pages and size of one VMO (mutex); page
 *                                 allocation nests inside, user copies do
 *                                 not (see zx_vm/vmo.c)
 *         zx_pager_lock           pager sources, their page requests and
 *                                 each pager's list of sources (spinlock,
 *                                 irqsave); a VMO asks its pager under its
 *                                 own lock; a port's lock nests inside, to
 *                                 queue and take back request packets
 *         page lock               of a VMO page being (un)mapped
 *           i_mmap_rwsem          of the mapping file, in zx_vm_zap()
 *   zx_vm_requests_lock           the mapping requests of tasks inside
 *                                 vm_mmap() (spinlock); taken alone
 *   zx_vmo_family_lock            VMO parent/child links (spinlock, irqsave)
 *   zx_sysev_lock                 the memory pressure level (spinlock)
 *     zx_object.lock              signal state, observers, peer link, name
 *                                 (spinlock, irqsave: signals may be raised
 *                                 from hardirq context by timers and IRQs)
 *       zx_port lock              a port's own zx_object.lock, in a lockdep
 *                                 class of its own: its packet queue and
 *                                 async waits.  An observer firing under
 *                                 any other object's lock queues a packet;
 *                                 ports are never observed by ports.
 *       zx_channel_gc_lock        how many handles to each channel end sit
 *                                 in queues, the list of such ends and the
 *                                 collector's sequence (spinlock, irqs
 *                                 off): taken inside a channel's lock by
 *                                 whoever queues or dequeues a message that
 *                                 carries channel handles; the collector
 *                                 (zx_channel/channel.c) takes it alone
 *         wait_queue_head locks   port_wait sleepers, poll bridge files
 *
 * The two ends of a peered object (eventpair, channel, ...) share one lock,
 * so updating both sides is one critical section and there is no order
 * between peers.  No spinlock is held across copy_{to,from}_user(),
 * allocation with GFP_KERNEL, or schedule(), except the xarray locks
 * (handle table, threads) around the xarray's own allocations, which drop
 * them as needed; the mutexes (socket io_lock, fifo read_lock) exist to be
 * held across copies.
 * Timer expiries (zx_port/timer.c) take an object lock in hardirq context,
 * so nothing may wait for an hrtimer callback (hrtimer_cancel()) while
 * holding any object lock.
 *
 * Lifetimes: a zx_object is refcounted (kref); each zx_handle owns one
 * reference, and the object's handle_count counts its handles, whether in a
 * process's table or in flight inside a message.  When handle_count drops to
 * zero, a peered object is unlinked from its peer (which gets the signals
 * its type names, e.g. PEER_CLOSED), then the type's on_zero_handles() runs.
 * Handles in channel queues can form cycles that no process can reach; the
 * channel collector (zx_channel/channel.c) finds and drops them.  Every
 * live object holds a reference on the module, so zircon.ko cannot be
 * unloaded while any object (and its timers and callbacks) exists.
 */
#ifndef ZX_CORE_ZIRCON_H
#define ZX_CORE_ZIRCON_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <linux/mmu_notifier.h>
#include <linux/workqueue.h>

#include <zircon/errors.h>
#include <zircon/rights.h>
#include <zircon/types.h>
#include <zircon/syscalls/object.h>

struct zx_object;
struct zx_handle;
struct zx_process;
struct zx_futex;

/*
 * Getting information about an object for object_get_info: where the caller
 * wants the records and what it was told.
 */
struct zx_info_request {
	u32 topic;
	zx_rights_t rights;		/* of the handle used */
	void __user *buffer;
	size_t buffer_size;
	size_t actual;			/* records written */
	size_t avail;			/* records available */
};

/* What ZX_PROP_NAME means for a type. */
enum zx_name_kind {
	ZX_NAME_NONE,			/* no name: ZX_ERR_WRONG_TYPE */
	ZX_NAME_FIXED,			/* given at creation, read-only */
	ZX_NAME_SETTABLE,
};

struct zx_object_type {
	zx_obj_type_t obj_type;
	enum zx_name_kind name;
	/* Rights of the handle(s) returned by the create call. */
	zx_rights_t default_rights;
	/* Signals that object_signal may set or clear on this type. */
	zx_signals_t user_signals;
	/* Module-lifetime objects are not counted as live. */
	bool permanent;
	/* Has a peer: object_signal_peer applies. */
	bool peered;
	/*
	 * When the last handle to one end goes, the other end (still linked
	 * a moment before) has these signals cleared and set, and then, under
	 * the shared lock, peer_closed() runs on it.
	 */
	zx_signals_t peer_closed_clear;
	zx_signals_t peer_closed_set;
	void (*peer_closed)(struct zx_object *survivor);
	/* Cannot be waited on (ports). */
	bool not_waitable;
	/*
	 * For a type that cannot be waited on: the internal signal that means
	 * "readable" to the poll bridge, which then needs ZX_RIGHT_READ.
	 */
	zx_signals_t poll_readable;
	/* The last handle went away (the object may live on). */
	void (*on_zero_handles)(struct zx_object *obj);
	/* Free the object; called once when the last reference drops. */
	void (*destroy)(struct zx_object *obj);
	/* Type-specific object_get_info topics; NULL: none. */
	zx_status_t (*get_info)(struct zx_object *obj,
				struct zx_info_request *req);
	/* Type-specific properties; ZX_ERR_NOT_SUPPORTED if unknown. */
	zx_status_t (*get_property)(struct zx_object *obj, u32 property,
				    void __user *value, size_t size);
	zx_status_t (*set_property)(struct zx_object *obj, u32 property,
				    const void __user *value, size_t size);
};

/*
 * An observer watches an object's signals.  Callbacks run under the object's
 * lock with interrupts off: they must only record and wake.
 */
struct zx_observer {
	struct list_head node;
	zx_signals_t trigger;
	/*
	 * Fire only when a trigger bit goes from inactive to active, never for
	 * a state that already matched when the observer was added.
	 */
	bool edge;
	/* The handle it was registered through, for cancellation on close. */
	const struct zx_handle *handle;
	/* Signals changed and some trigger bit is now active. */
	void (*on_match)(struct zx_observer *ob, zx_signals_t signals);
	/* The handle was closed: the observer has already been removed. */
	void (*on_cancel)(struct zx_observer *ob, zx_signals_t signals);
};

struct zx_object {
	const struct zx_object_type *type;
	struct kref ref;
	atomic_t handle_count;
	zx_koid_t koid;
	zx_koid_t related_koid;
	spinlock_t *lock;		/* &own_lock, or shared with the peer */
	spinlock_t own_lock;
	zx_signals_t signals;
	struct list_head observers;
	struct zx_object *peer;		/* weak: cleared when the peer goes */
	char name[ZX_MAX_NAME_LEN];
};

/* zx_core/object.c */
void zx_object_init(struct zx_object *obj, const struct zx_object_type *type);
int zx_object_init_peers(struct zx_object *a, struct zx_object *b);
static inline void zx_object_get(struct zx_object *obj)
{
	kref_get(&obj->ref);
}
void zx_object_put(struct zx_object *obj);
void __zx_object_update_signals(struct zx_object *obj, zx_signals_t clear,
				zx_signals_t set);
void zx_object_update_signals(struct zx_object *obj, zx_signals_t clear,
			      zx_signals_t set);
void __zx_object_strobe_signals(struct zx_object *obj, zx_signals_t strobe);
zx_signals_t zx_object_signals(struct zx_object *obj);
void __zx_object_add_observer(struct zx_object *obj, struct zx_observer *ob);
void zx_object_add_observer(struct zx_object *obj, struct zx_observer *ob);
zx_signals_t zx_object_remove_observer(struct zx_object *obj,
				       struct zx_observer *ob);
void zx_object_cancel_handle(struct zx_object *obj,
			     const struct zx_handle *handle);
void zx_object_unlink_peer(struct zx_object *obj);
long zx_live_objects(void);

/* zx_core/handle.c */
struct zx_handle {
	struct zx_object *obj;		/* one reference */
	zx_rights_t rights;
	zx_handle_t value;		/* in the owning table; 0 in flight */
	/*
	 * An observer was registered through this handle (under the table
	 * lock, while it was in the table): closing it must cancel waits.
	 */
	bool observed;
};

/*
 * Handle values: slot index (20 bits) and the slot's generation (10 bits),
 * shifted past ZX_HANDLE_FIXED_BITS_MASK and XORed with a per-process
 * secret.
 */
#define ZX_HANDLE_INDEX_BITS	20
#define ZX_HANDLE_GEN_BITS	10
#define ZX_HANDLE_TABLE_MAX	((1U << ZX_HANDLE_INDEX_BITS) - 1)

struct zx_handle_table {
	/*
	 * Chunks of slots by chunk number (see handle.c); its xa_lock is the
	 * table lock.
	 */
	struct xarray slots;
	u32 free_head;			/* last freed index + 1; 0: none */
	u32 next_new;			/* first slot never handed out */
	u32 secret;
	bool closed;			/* the process has exited */
};

int zx_handle_cache_init(void);
void zx_handle_cache_exit(void);
struct zx_handle *zx_handle_create(struct zx_object *obj, zx_rights_t rights);
void zx_handle_destroy(struct zx_handle *h);
void zx_handle_table_init(struct zx_handle_table *t);
zx_status_t zx_rights_reduce(zx_rights_t have, zx_rights_t want,
			     zx_rights_t *out);
void zx_handle_table_close_all(struct zx_handle_table *t);

/* What a handle gave access to, kept beyond the table's lock. */
struct zx_handle_ref {
	struct zx_object *obj;		/* a reference */
	zx_rights_t rights;
};

size_t zx_handles_collect(struct zx_handle_table *t, zx_obj_type_t type,
			  size_t skip, size_t max, struct zx_handle_ref *out,
			  size_t *got);
void zx_handles_count_types(struct zx_handle_table *t, u32 *counts,
			    unsigned int ntypes);
size_t zx_handles_describe(struct zx_handle_table *t, size_t skip,
			   size_t max, zx_info_handle_extended_t *out,
			   size_t *got);
zx_status_t zx_handle_install(struct zx_process *proc, struct zx_handle *h,
			      zx_handle_t *value);
zx_status_t zx_handle_install_user(struct zx_process *proc,
				   struct zx_handle *h, u64 uptr);
zx_status_t zx_handle_lookup(struct zx_process *proc, zx_handle_t value,
			     zx_obj_type_t type, zx_rights_t rights,
			     struct zx_object **obj, zx_rights_t *out_rights);
zx_status_t zx_handle_remove(struct zx_process *proc, zx_handle_t value,
			     struct zx_handle **out);
struct zx_handle *__zx_handle_find(struct zx_process *proc,
				   zx_handle_t value);
bool zx_handle_valid(struct zx_process *proc, zx_handle_t value);
zx_status_t zx_handle_close(struct zx_process *proc, zx_handle_t value);
zx_status_t zx_create_handle_user(struct zx_process *proc,
				  struct zx_object *obj, u64 uptr);
zx_status_t zx_create_handle_pair_user(struct zx_process *proc,
				       struct zx_object *a,
				       struct zx_object *b,
				       u64 uptr0, u64 uptr1);
zx_status_t zx_create_peered_pair_user(struct zx_process *proc,
				       struct zx_object *a,
				       struct zx_object *b,
				       u64 uptr0, u64 uptr1);
zx_status_t zx_handles_reserve(struct zx_process *proc, u32 n, u32 *index,
			       zx_handle_t *values);
void zx_handles_unreserve(struct zx_process *proc, u32 n, const u32 *index);
void zx_handles_publish(struct zx_process *proc, u32 n, const u32 *index,
			struct zx_handle *const *h, const zx_handle_t *values);
void __zx_handle_unlink(struct zx_process *proc, struct zx_handle *h);
long zx_live_handles(void);

/* zx_core/process.c */
#define ZX_STARTUP_HANDLES_MAX	4

struct zx_startup_handle {
	u32 info;
	struct zx_handle *handle;
};

struct zx_process {
	struct zx_object base;
	struct zx_handle_table handles;
	struct mm_struct *mm;		/* mmgrab'd: the lookup key */
	struct mmu_notifier notifier;
	struct hlist_node hash_node;
	struct zx_startup_handle startup[ZX_STARTUP_HANDLES_MAX];
	/*
	 * The root VMAR (a reference; under base.lock), which keeps the VMAR
	 * tree whole for PROCESS_MAPS; dropped when the address space goes.
	 */
	struct zx_object *root_vmar;
	struct zx_object *job;		/* referenced: the process's job */
	struct pid *tgid;		/* referenced: whose mm it is */
	bool killed;			/* by task_kill; under base.lock */
	zx_time_t start_time;
	bool attached;			/* in the table; under mmap_lock */
	atomic_t root_resource_taken;	/* handed out at most once */
	struct xarray threads;		/* tid -> struct zx_thread *, weak */
	struct work_struct put_work;
	struct work_struct free_work;
	struct rcu_head rcu;
};

struct zx_process *zx_process_current(void);
struct zx_process *zx_process_of_current_mm(void);
zx_status_t zx_process_kill(struct zx_process *proc);
zx_status_t zx_take_startup_handle(struct zx_process *proc, u32 info,
				   u64 uptr);
long zx_live_processes(void);
int zx_processes_init(void);
void zx_processes_exit(void);

/* zx_core/thread.c */

/*
 * A thread object stands for one Linux thread (task) of a process.  The
 * process's table names it weakly: it lives while handles or futex
 * ownership refer to it, and a later ask from the same task finds it again.
 */
struct zx_thread {
	struct zx_object base;
	struct zx_process *proc;	/* referenced */
	struct pid *pid;		/* referenced: identifies the task */
	unsigned long tid;		/* key in proc->threads */
	/* The futex it is blocked on; under that futex's bucket lock. */
	struct zx_futex *waiting_on;
	/* ZX_THREAD_STATE_BLOCKED_* while blocked in a Zircon call, or 0. */
	u32 blocked_state;
};

struct zx_thread *zx_thread_current(struct zx_process *proc);
u64 zx_task_queue_time(struct task_struct *task);
struct zx_thread *zx_thread_block_begin(struct zx_process *proc, u32 state);
void zx_thread_block_end(struct zx_thread *t);
struct task_struct *zx_thread_task_lock(struct zx_thread *t);
void zx_thread_task_unlock(struct task_struct *task);
bool zx_thread_alive(struct zx_thread *t);
static inline void zx_thread_put(struct zx_thread *t)
{
	if (t)
		zx_object_put(&t->base);
}

/* zx_core/futex.c */
void zx_futex_init(void);

/* zx_core/job.c */
extern struct zx_object *zx_root_job;
struct zx_object *zx_job_for_new_process(void);
zx_status_t zx_root_job_check(struct zx_process *proc, zx_handle_t handle,
			      zx_rights_t rights);

/* zx_core/system_event.c */
int zx_system_events_init(void);
void zx_system_events_exit(void);
int zx_job_init(void);
void zx_job_exit(void);

/* zx_core/debuglog.c */
int zx_debuglog_init(void);
void zx_debuglog_exit(void);

/* zx_channel/channel.c */
int zx_channel_init(void);
void zx_channel_exit(void);
void zx_channel_gc_kick(void);

/* zx_vm/vmar.c */
struct zx_object *zx_vmar_create_root(struct mm_struct *mm);
zx_status_t zx_vmar_maps_fill(struct zx_object *root, const char *name,
			      void *kbuf, size_t size, size_t skip,
			      size_t max, size_t *written, size_t *avail);
zx_status_t zx_vmar_vmos_fill(struct mm_struct *mm, void *kbuf, size_t size,
			      size_t skip, size_t max, size_t *written,
			      size_t *avail);
int zx_vmar_init(void);
void zx_vmar_exit(void);

/*
 * Every mapping of VMO pages is a mapping of one module file, in which each
 * mapped page owner has a window of this many bytes (the largest mappable
 * VMO offset).
 */
#define ZX_VM_WINDOW_SHIFT	40
#define ZX_VM_WINDOW_SIZE	(1ULL << ZX_VM_WINDOW_SHIFT)
u32 zx_vm_window_alloc(void);
void zx_vm_window_free(u32 window);
void zx_vm_zap(unsigned long pgoff, unsigned long npages);

/* The mapping file page where window @window starts. */
static inline unsigned long zx_vm_window_pgoff(u32 window)
{
	return (unsigned long)window << (ZX_VM_WINDOW_SHIFT - PAGE_SHIFT);
}

/* zx_vm/vmo.c: mapping support */
struct zx_vmo;
struct vm_area_struct;
struct vm_fault;
zx_status_t zx_vmo_map_prepare(struct zx_object *obj, u64 offset, u64 len,
			       u32 options, struct zx_vmo **out,
			       unsigned long *pgoff);
void zx_vmo_map_get(struct zx_vmo *own);
void zx_vmo_map_put(struct zx_vmo *own);
pgprot_t zx_vmo_map_pgprot(struct zx_vmo *own, pgprot_t prot);
vm_fault_t zx_vmo_fault(struct zx_vmo *own, struct vm_fault *vmf);
vm_fault_t zx_vmo_page_mkwrite(struct zx_vmo *own, struct vm_fault *vmf);
void zx_vmo_map_committed(struct zx_vmo *own, struct vm_area_struct *vma,
			  unsigned long addr, unsigned long end);
zx_status_t zx_vmo_map_op(struct zx_vmo *own, u32 op, unsigned long first,
			  unsigned long n);
void zx_vmo_map_info(struct zx_vmo *own, struct vm_area_struct *vma,
		     zx_info_maps_t *rec);
void zx_vmo_fill_info(struct zx_object *obj, zx_rights_t rights, u32 via,
		      zx_info_vmo_t *info);

/* zx_core/clock.c */
struct zx_clock_transformation;
zx_time_t zx_clock_apply(const struct zx_clock_transformation *x,
			 zx_time_t ref);

/* zx_core/wait.c */
zx_status_t zx_block_until(struct zx_process *proc, bool *done,
			   zx_time_t deadline, u32 state);

/* zx_core/system_stats.c */
zx_status_t zx_system_stats_info(struct zx_info_request *req);

/* zx_core/object_syscalls.c */
zx_status_t zx_info_write_single(struct zx_info_request *req,
				 const void *rec, size_t size);

/*
 * Fills records [skip, skip + max) of an array topic into @kbuf: sets
 * *@written to how many it wrote and *@avail to the length of the list.
 */
typedef zx_status_t (*zx_info_fill_t)(void *ctx, void *kbuf, size_t skip,
				      size_t max, size_t *written,
				      size_t *avail);
/* At most this many bytes of records are gathered per chunk. */
#define ZX_INFO_CHUNK_BYTES	SZ_8K
zx_status_t zx_info_write_multi(struct zx_info_request *req, size_t size,
				zx_info_fill_t fill, void *ctx);

/* User pointers in the ioctl structs. */
static inline void __user *zx_uptr(u64 p)
{
	return u64_to_user_ptr(p);
}

#endif /* ZX_CORE_ZIRCON_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The debuglog: records written by Zircon programs go to the Linux kernel
 * log and into a ring that readers see in Zircon's zx_log_record_t format.
 *
 * The ring keeps the newest ZX_DEBUGLOG_RECORDS records.  Each reader has
 * its own cursor, starting at the oldest record kept; a reader that falls
 * behind skips to the oldest kept record, and the jump in sequence numbers
 * tells it how many it lost.  A reader has ZX_LOG_READABLE while records
 * remain for it.
 */
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <zircon/syscalls/log.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"
#include "../zx_ddk/ddk.h"

#define ZX_DEBUGLOG_RECORDS	512

struct zx_debuglog_slot {
	zx_log_record_t hdr;
	char data[ZX_LOG_RECORD_MAX - sizeof(zx_log_record_t)];
};

struct zx_debuglog {
	struct zx_object base;
	u64 cursor;			/* next sequence to read */
	struct list_head reader_node;	/* on zx_debuglog_readers */
};

/*
 * The ring, its sequence counter and the readers: under zx_debuglog_lock,
 * a mutex, since readers copy records to user memory while holding it.
 */
static DEFINE_MUTEX(zx_debuglog_lock);
static struct zx_debuglog_slot *zx_debuglog_ring;
static u64 zx_debuglog_next_seq;
static LIST_HEAD(zx_debuglog_readers);

static struct zx_debuglog *to_debuglog(struct zx_object *obj)
{
	return container_of(obj, struct zx_debuglog, base);
}

static u64 zx_debuglog_oldest(void)
{
	return zx_debuglog_next_seq > ZX_DEBUGLOG_RECORDS ?
	       zx_debuglog_next_seq - ZX_DEBUGLOG_RECORDS : 0;
}

static void zx_debuglog_on_zero_handles(struct zx_object *obj)
{
	struct zx_debuglog *log = to_debuglog(obj);

	mutex_lock(&zx_debuglog_lock);
	list_del_init(&log->reader_node);
	mutex_unlock(&zx_debuglog_lock);
}

static void zx_debuglog_destroy(struct zx_object *obj)
{
	kfree(to_debuglog(obj));
}

static const struct zx_object_type zx_debuglog_type = {
	.obj_type = ZX_OBJ_TYPE_DEBUGLOG,
	.default_rights = ZX_DEFAULT_LOG_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.on_zero_handles = zx_debuglog_on_zero_handles,
	.destroy = zx_debuglog_destroy,
};

int zx_debuglog_init(void)
{
	zx_debuglog_ring = vzalloc(array_size(ZX_DEBUGLOG_RECORDS,
					      sizeof(*zx_debuglog_ring)));
	return zx_debuglog_ring ? 0 : -ENOMEM;
}

void zx_debuglog_exit(void)
{
	vfree(zx_debuglog_ring);
}

/* The root resource, or the system resource for the debuglog, grants it. */
static zx_status_t zx_debuglog_check_resource(struct zx_process *proc,
					      zx_handle_t resource)
{
	return zx_resource_check(proc, resource, ZX_RSRC_KIND_SYSTEM,
				 ZX_RSRC_SYSTEM_DEBUGLOG_BASE, 1);
}

zx_status_t zx_sys_debuglog_create(struct zx_process *proc, void *argp)
{
	struct zx_debuglog_create_args *args = argp;
	bool readable = args->options & ZX_LOG_FLAG_READABLE;
	struct zx_debuglog *log;
	struct zx_handle *h;
	zx_status_t status;

	if (args->options & ~ZX_LOG_FLAG_READABLE)
		return ZX_ERR_INVALID_ARGS;
	status = zx_debuglog_check_resource(proc, args->resource);
	if (status != ZX_OK)
		return status;
	log = kzalloc(sizeof(*log), GFP_KERNEL_ACCOUNT);
	if (!log)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&log->base, &zx_debuglog_type);
	INIT_LIST_HEAD(&log->reader_node);
	h = zx_handle_create(&log->base, ZX_DEFAULT_LOG_RIGHTS |
			     (readable ? ZX_RIGHT_READ : 0));
	zx_object_put(&log->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	if (readable) {
		mutex_lock(&zx_debuglog_lock);
		log->cursor = zx_debuglog_oldest();
		if (log->cursor != zx_debuglog_next_seq)
			zx_object_update_signals(&log->base, 0,
						 ZX_LOG_READABLE);
		list_add_tail(&log->reader_node, &zx_debuglog_readers);
		mutex_unlock(&zx_debuglog_lock);
	}
	return zx_handle_install_user(proc, h, args->out);
}

zx_status_t zx_sys_debuglog_write(struct zx_process *proc, void *argp)
{
	struct zx_debuglog_rw_args *args = argp;
	size_t len = min_t(u64, args->buffer_size,
			   sizeof(zx_debuglog_ring->data));
	char data[sizeof(zx_debuglog_ring->data)];
	struct zx_debuglog_slot *slot;
	struct zx_debuglog *reader;
	zx_koid_t tid = ZX_KOID_INVALID;
	struct zx_thread *thread;
	struct zx_object *obj;
	zx_status_t status;
	size_t shown;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_DEBUGLOG,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	zx_object_put(obj);
	if (args->options)
		return ZX_ERR_INVALID_ARGS;
	if (copy_from_user(data, zx_uptr(args->buffer), len))
		return ZX_ERR_INVALID_ARGS;

	/* The kernel log shows one line; the record keeps the bytes as sent. */
	shown = len;
	while (shown && data[shown - 1] == '\n')
		shown--;
	pr_info_ratelimited("zircon: [%llu] %.*s\n", proc->base.koid,
			    (int)shown, data);
	thread = zx_thread_current(proc);
	if (!IS_ERR(thread)) {
		tid = thread->base.koid;
		zx_thread_put(thread);
	}

	mutex_lock(&zx_debuglog_lock);
	slot = &zx_debuglog_ring[zx_debuglog_next_seq % ZX_DEBUGLOG_RECORDS];
	slot->hdr = (zx_log_record_t){
		.sequence = zx_debuglog_next_seq,
		.datalen = len,
		.severity = ZX_LOG_INFO,
		.timestamp = ktime_get(),
		.pid = proc->base.koid,
		.tid = tid,
	};
	memcpy(slot->data, data, len);
	zx_debuglog_next_seq++;
	list_for_each_entry(reader, &zx_debuglog_readers, reader_node)
		zx_object_update_signals(&reader->base, 0, ZX_LOG_READABLE);
	mutex_unlock(&zx_debuglog_lock);
	return ZX_OK;
}

zx_status_t zx_sys_debuglog_read(struct zx_process *proc, void *argp)
{
	struct zx_debuglog_rw_args *args = argp;
	struct zx_debuglog_slot *slot;
	struct zx_debuglog *log;
	struct zx_object *obj;
	zx_status_t status;
	size_t size;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_DEBUGLOG,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	log = to_debuglog(obj);
	if (args->options) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}

	/* Held across the copy, so a faulting buffer loses no record. */
	mutex_lock(&zx_debuglog_lock);
	if (log->cursor < zx_debuglog_oldest())
		log->cursor = zx_debuglog_oldest();
	if (log->cursor == zx_debuglog_next_seq) {
		status = ZX_ERR_SHOULD_WAIT;
		goto out_unlock;
	}
	slot = &zx_debuglog_ring[log->cursor % ZX_DEBUGLOG_RECORDS];
	size = min_t(u64, args->buffer_size,
		     sizeof(slot->hdr) + slot->hdr.datalen);
	if (copy_to_user(zx_uptr(args->buffer), slot, size) ||
	    (args->actual &&
	     put_user((u64)size, (u64 __user *)zx_uptr(args->actual)))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_unlock;
	}
	if (++log->cursor == zx_debuglog_next_seq)
		zx_object_update_signals(&log->base, ZX_LOG_READABLE, 0);
out_unlock:
	mutex_unlock(&zx_debuglog_lock);
out:
	zx_object_put(obj);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Syscalls that work on any object: get_info, properties, user signals.
 * Topics every object answers are handled here; the rest go to the type.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

/* Writes one record; a short buffer reports BUFFER_TOO_SMALL with avail 1. */
zx_status_t zx_info_write_single(struct zx_info_request *req,
				 const void *rec, size_t size)
{
	req->avail = 1;
	if (req->buffer_size < size) {
		req->actual = 0;
		return ZX_ERR_BUFFER_TOO_SMALL;
	}
	if (copy_to_user(req->buffer, rec, size))
		return ZX_ERR_INVALID_ARGS;
	req->actual = 1;
	return ZX_OK;
}

/*
 * Writes an array topic: as many records as the buffer holds (a short
 * buffer is not an error), and how many there are in all.  @fill produces
 * records [skip, skip + max) of the list into a kernel buffer, under
 * whatever locks it needs, and counts the whole list; the copies to user
 * memory happen here with no lock held (the buffer may be a VMO mapping
 * whose fault takes VM locks).  The list is produced in bounded chunks, so
 * a list that changes between them may repeat or miss a record, as the
 * Zircon docs allow for these racy topics.
 */
zx_status_t zx_info_write_multi(struct zx_info_request *req, size_t size,
				zx_info_fill_t fill, void *ctx)
{
	size_t want = req->buffer_size / size, done = 0, n, written, avail;
	size_t chunk = min_t(size_t, want, ZX_INFO_CHUNK_BYTES / size);
	void *kbuf = NULL;
	zx_status_t status;

	if (chunk) {
		kbuf = kmalloc_array(chunk, size, GFP_KERNEL);
		if (!kbuf)
			return ZX_ERR_NO_MEMORY;
	}
	do {
		n = min(chunk, want - done);
		written = 0;
		avail = 0;
		status = fill(ctx, kbuf, done, n, &written, &avail);
		if (status != ZX_OK)
			goto out;
		if (written && copy_to_user(req->buffer + done * size, kbuf,
					    written * size)) {
			status = ZX_ERR_INVALID_ARGS;
			goto out;
		}
		done += written;
	} while (written == n && n && done < want && done < avail);
	req->actual = done;
	/* The list may have shrunk since the first chunk. */
	req->avail = max(avail, done);
out:
	kfree(kbuf);
	return status;
}

/* Every ZX_INFO_* topic Zircon defines, known or not to this module. */
static bool zx_info_topic_exists(u32 topic)
{
	switch (topic) {
	case ZX_INFO_HANDLE_VALID:
	case ZX_INFO_HANDLE_BASIC:
	case ZX_INFO_PROCESS:
	case ZX_INFO_PROCESS_THREADS:
	case ZX_INFO_VMAR:
	case ZX_INFO_JOB_CHILDREN:
	case ZX_INFO_JOB_PROCESSES:
	case ZX_INFO_THREAD:
	case ZX_INFO_THREAD_EXCEPTION_REPORT_V1:
	case ZX_INFO_THREAD_EXCEPTION_REPORT:
	case ZX_INFO_TASK_STATS:
	case ZX_INFO_PROCESS_MAPS_V1:
	case ZX_INFO_PROCESS_MAPS:
	case ZX_INFO_PROCESS_VMOS_V1:
	case ZX_INFO_PROCESS_VMOS_V2:
	case ZX_INFO_PROCESS_VMOS:
	case ZX_INFO_THREAD_STATS:
	case ZX_INFO_CPU_STATS:
	case ZX_INFO_KMEM_STATS:
	case ZX_INFO_RESOURCE:
	case ZX_INFO_HANDLE_COUNT:
	case ZX_INFO_BTI:
	case ZX_INFO_PROCESS_HANDLE_STATS:
	case ZX_INFO_SOCKET:
	case ZX_INFO_VMO_V1:
	case ZX_INFO_VMO_V2:
	case ZX_INFO_VMO:
	case ZX_INFO_JOB:
	case ZX_INFO_TIMER:
	case ZX_INFO_STREAM:
	case ZX_INFO_HANDLE_TABLE:
	case ZX_INFO_MSI:
	case ZX_INFO_GUEST_STATS:
	case ZX_INFO_TASK_RUNTIME_V1:
	case ZX_INFO_TASK_RUNTIME:
	case ZX_INFO_KMEM_STATS_EXTENDED:
	case ZX_INFO_VCPU:
	case ZX_INFO_KMEM_STATS_COMPRESSION:
		return true;
	default:
		return false;
	}
}

static zx_status_t zx_info_common(struct zx_object *obj,
				  struct zx_info_request *req)
{
	switch (req->topic) {
	case ZX_INFO_HANDLE_BASIC: {
		zx_info_handle_basic_t info = {
			.koid = obj->koid,
			.rights = req->rights,
			.type = obj->type->obj_type,
			.related_koid = obj->related_koid,
		};

		return zx_info_write_single(req, &info, sizeof(info));
	}
	case ZX_INFO_HANDLE_COUNT: {
		zx_info_handle_count_t info = {
			.handle_count = atomic_read(&obj->handle_count),
		};

		if (!(req->rights & ZX_RIGHT_INSPECT))
			return ZX_ERR_ACCESS_DENIED;
		return zx_info_write_single(req, &info, sizeof(info));
	}
	default:
		if (obj->type->get_info)
			return obj->type->get_info(obj, req);
		return ZX_ERR_WRONG_TYPE;
	}
}

zx_status_t zx_sys_object_get_info(struct zx_process *proc, void *argp)
{
	struct zx_object_get_info_args *args = argp;
	struct zx_info_request req = {
		.topic = args->topic,
		.buffer = zx_uptr(args->buffer),
		.buffer_size = args->buffer_size,
	};
	struct zx_object *obj;
	zx_status_t status;

	/* A validity check needs neither the object nor a reference to it. */
	if (args->topic == ZX_INFO_HANDLE_VALID)
		return zx_handle_valid(proc, args->handle) ? ZX_OK :
		       ZX_ERR_BAD_HANDLE;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE, 0,
				  &obj, &req.rights);
	if (status != ZX_OK)
		return status;
	if (!zx_info_topic_exists(args->topic)) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	status = zx_info_common(obj, &req);
	if (status != ZX_OK && status != ZX_ERR_BUFFER_TOO_SMALL)
		goto out;
	if ((args->actual &&
	     put_user(req.actual, (u64 __user *)zx_uptr(args->actual))) ||
	    (args->avail &&
	     put_user(req.avail, (u64 __user *)zx_uptr(args->avail))))
		status = ZX_ERR_INVALID_ARGS;
out:
	zx_object_put(obj);
	return status;
}

/*
 * The type a known property belongs to (docs: object_get_property), or
 * ZX_OBJ_TYPE_NONE for a property Zircon does not define.
 */
static zx_obj_type_t zx_property_owner(u32 property)
{
	switch (property) {
	case ZX_PROP_REGISTER_GS:
	case ZX_PROP_REGISTER_FS:
		return ZX_OBJ_TYPE_THREAD;
	case ZX_PROP_PROCESS_DEBUG_ADDR:
	case ZX_PROP_PROCESS_VDSO_BASE_ADDRESS:
	case ZX_PROP_PROCESS_BREAK_ON_LOAD:
	case ZX_PROP_PROCESS_HW_TRACE_CONTEXT_ID:
		return ZX_OBJ_TYPE_PROCESS;
	case ZX_PROP_SOCKET_RX_THRESHOLD:
	case ZX_PROP_SOCKET_TX_THRESHOLD:
		return ZX_OBJ_TYPE_SOCKET;
	case ZX_PROP_JOB_KILL_ON_OOM:
		return ZX_OBJ_TYPE_JOB;
	case ZX_PROP_EXCEPTION_STATE:
	case ZX_PROP_EXCEPTION_STRATEGY:
		return ZX_OBJ_TYPE_EXCEPTION;
	case ZX_PROP_VMO_CONTENT_SIZE:
		return ZX_OBJ_TYPE_VMO;
	case ZX_PROP_STREAM_MODE_APPEND:
		return ZX_OBJ_TYPE_STREAM;
	default:
		return ZX_OBJ_TYPE_NONE;
	}
}

/*
 * Whether @property applies to @obj at all: a property Zircon does not
 * define is ZX_ERR_NOT_SUPPORTED, one of another type's (a name on a type
 * that has none included) ZX_ERR_WRONG_TYPE.
 */
static zx_status_t zx_property_check(struct zx_object *obj, u32 property)
{
	zx_obj_type_t owner;

	if (property == ZX_PROP_NAME)
		return obj->type->name == ZX_NAME_NONE ? ZX_ERR_WRONG_TYPE :
		       ZX_OK;
	owner = zx_property_owner(property);
	if (owner == ZX_OBJ_TYPE_NONE)
		return ZX_ERR_NOT_SUPPORTED;
	return owner == obj->type->obj_type ? ZX_OK : ZX_ERR_WRONG_TYPE;
}

zx_status_t zx_sys_object_get_property(struct zx_process *proc, void *argp)
{
	struct zx_object_property_args *args = argp;
	char name[ZX_MAX_NAME_LEN];
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_GET_PROPERTY, &obj, NULL);
	if (status != ZX_OK)
		return status;
	status = zx_property_check(obj, args->property);
	if (status != ZX_OK)
		goto out;
	switch (args->property) {
	case ZX_PROP_NAME:
		if (args->value_size < ZX_MAX_NAME_LEN) {
			status = ZX_ERR_BUFFER_TOO_SMALL;
			break;
		}
		spin_lock_irqsave(obj->lock, flags);
		memcpy(name, obj->name, sizeof(name));
		spin_unlock_irqrestore(obj->lock, flags);
		if (copy_to_user(zx_uptr(args->value), name, sizeof(name)))
			status = ZX_ERR_INVALID_ARGS;
		break;
	default:
		status = ZX_ERR_NOT_SUPPORTED;
		if (obj->type->get_property)
			status = obj->type->get_property(obj, args->property,
							 zx_uptr(args->value),
							 args->value_size);
		break;
	}
out:
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_object_set_property(struct zx_process *proc, void *argp)
{
	struct zx_object_property_args *args = argp;
	char name[ZX_MAX_NAME_LEN] = {};
	struct zx_object *obj;
	unsigned long flags;
	zx_status_t status;
	size_t len;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_SET_PROPERTY, &obj, NULL);
	if (status != ZX_OK)
		return status;
	status = zx_property_check(obj, args->property);
	if (status != ZX_OK)
		goto out;
	switch (args->property) {
	case ZX_PROP_NAME:
		if (obj->type->name != ZX_NAME_SETTABLE) {
			status = ZX_ERR_NOT_SUPPORTED;
			break;
		}
		/* Longer names are truncated, as on Zircon. */
		len = min_t(u64, args->value_size, ZX_MAX_NAME_LEN - 1);
		if (copy_from_user(name, zx_uptr(args->value), len)) {
			status = ZX_ERR_INVALID_ARGS;
			break;
		}
		/* The name ends at its first NUL; the rest reads as zeros. */
		len = strnlen(name, len);
		memset(name + len, 0, sizeof(name) - len);
		spin_lock_irqsave(obj->lock, flags);
		memcpy(obj->name, name, sizeof(name));
		spin_unlock_irqrestore(obj->lock, flags);
		break;
	default:
		status = ZX_ERR_NOT_SUPPORTED;
		if (obj->type->set_property)
			status = obj->type->set_property(obj, args->property,
							 zx_uptr(args->value),
							 args->value_size);
		break;
	}
out:
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_object_signal(struct zx_process *proc, void *argp)
{
	struct zx_object_signal_args *args = argp;
	struct zx_object *obj;
	zx_signals_t allowed;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_SIGNAL, &obj, NULL);
	if (status != ZX_OK)
		return status;
	allowed = obj->type->user_signals;
	if ((args->set_mask | args->clear_mask) & ~allowed)
		status = ZX_ERR_INVALID_ARGS;
	else
		zx_object_update_signals(obj, args->clear_mask, args->set_mask);
	zx_object_put(obj);
	return status;
}

zx_status_t zx_sys_object_signal_peer(struct zx_process *proc, void *argp)
{
	struct zx_object_signal_args *args = argp;
	struct zx_object *obj, *peer;
	unsigned long flags;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_NONE,
				  ZX_RIGHT_SIGNAL_PEER, &obj, NULL);
	if (status != ZX_OK)
		return status;
	if (!obj->type->peered) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	if ((args->set_mask | args->clear_mask) & ~obj->type->user_signals) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	/* Both ends share the lock, so the peer cannot vanish meanwhile. */
	spin_lock_irqsave(obj->lock, flags);
	peer = obj->peer;
	if (peer)
		__zx_object_update_signals(peer, args->clear_mask,
					   args->set_mask);
	else
		status = ZX_ERR_PEER_CLOSED;
	spin_unlock_irqrestore(obj->lock, flags);
out:
	zx_object_put(obj);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Streams: a seek offset and a mode over a VMO, read and written with
 * iovecs like a file.
 *
 * The end of the stream is the VMO's content size (ZX_PROP_VMO_CONTENT_SIZE),
 * shared by every stream on the VMO.  Reads stop there.  Writes past it grow
 * the content size, and the VMO too when it is resizable and the stream was
 * created through a handle with ZX_RIGHT_RESIZE; bytes between the old
 * content size and the start of a write are zeroed first.  A write holds the
 * VMO's content lock from reading the content size to setting the new one,
 * so appends from any number of streams never overlap.
 *
 * Data moves page by page through vmo.c, which copies without holding VMO
 * locks; a call that moved some bytes before failing reports them and
 * succeeds, as on Zircon.  The stream's seek lock is held across a whole
 * readv/writev, so calls through one stream are ordered.
 */
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "../zx_core/zircon.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"
#include "vmo_io.h"

/* The kernel's view of zx_iovec_t (64-bit user space only). */
struct zx_stream_uiovec {
	__u64 buffer;
	__u64 capacity;
};
static_assert(sizeof(struct zx_stream_uiovec) == sizeof(zx_iovec_t));

struct zx_stream {
	struct zx_object base;
	struct zx_vmo *vmo;		/* referenced */
	u32 mode;			/* READ and WRITE, fixed */
	bool append;			/* ZX_PROP_STREAM_MODE_APPEND */
	bool can_resize;		/* created with ZX_RIGHT_RESIZE */
	struct mutex seek_lock;
	u64 seek;
};

static inline struct zx_stream *zx_to_stream(struct zx_object *obj)
{
	return container_of(obj, struct zx_stream, base);
}

static void zx_stream_destroy(struct zx_object *obj)
{
	struct zx_stream *stream = zx_to_stream(obj);

	zx_vmo_put(stream->vmo);
	mutex_destroy(&stream->seek_lock);
	kfree(stream);
}

static zx_status_t zx_stream_get_info(struct zx_object *obj,
				      struct zx_info_request *req)
{
	struct zx_stream *stream = zx_to_stream(obj);
	zx_info_stream_t info = {};

	if (req->topic != ZX_INFO_STREAM)
		return ZX_ERR_WRONG_TYPE;
	if (!(req->rights & ZX_RIGHT_INSPECT))
		return ZX_ERR_ACCESS_DENIED;
	if (mutex_lock_interruptible(&stream->seek_lock))
		return ZX_ERR_INTERNAL_INTR_RETRY;
	info.seek = stream->seek;
	mutex_unlock(&stream->seek_lock);
	info.options = stream->mode;
	if (READ_ONCE(stream->append))
		info.options |= ZX_STREAM_MODE_APPEND;
	info.content_size = zx_vmo_content_size(stream->vmo);
	return zx_info_write_single(req, &info, sizeof(info));
}

static zx_status_t zx_stream_get_property(struct zx_object *obj, u32 property,
					  void __user *value, size_t size)
{
	u8 append = READ_ONCE(zx_to_stream(obj)->append);

	if (property != ZX_PROP_STREAM_MODE_APPEND)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(u8))
		return ZX_ERR_BUFFER_TOO_SMALL;
	if (put_user(append, (u8 __user *)value))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

static zx_status_t zx_stream_set_property(struct zx_object *obj, u32 property,
					  const void __user *value,
					  size_t size)
{
	u8 append;

	if (property != ZX_PROP_STREAM_MODE_APPEND)
		return ZX_ERR_NOT_SUPPORTED;
	if (size < sizeof(u8))
		return ZX_ERR_BUFFER_TOO_SMALL;
	if (get_user(append, (const u8 __user *)value))
		return ZX_ERR_INVALID_ARGS;
	WRITE_ONCE(zx_to_stream(obj)->append, append != 0);
	return ZX_OK;
}

static const struct zx_object_type zx_stream_type = {
	.obj_type = ZX_OBJ_TYPE_STREAM,
	.default_rights = ZX_DEFAULT_STREAM_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.destroy = zx_stream_destroy,
	.get_info = zx_stream_get_info,
	.get_property = zx_stream_get_property,
	.set_property = zx_stream_set_property,
};

zx_status_t zx_sys_stream_create(struct zx_process *proc, void *argp)
{
	struct zx_stream_create_args *args = argp;
	zx_rights_t need = 0, vmo_rights, rights = ZX_DEFAULT_STREAM_RIGHTS;
	struct zx_stream *stream;
	struct zx_handle *h;
	struct zx_vmo *vmo;
	zx_status_t status;

	if (args->options & ~ZX_STREAM_CREATE_MASK)
		return ZX_ERR_INVALID_ARGS;
	if (args->options & ZX_STREAM_MODE_READ) {
		need |= ZX_RIGHT_READ;
		rights |= ZX_RIGHT_READ;
	}
	if (args->options & ZX_STREAM_MODE_WRITE) {
		need |= ZX_RIGHT_WRITE;
		rights |= ZX_RIGHT_WRITE;
	}
	status = zx_vmo_get(proc, args->vmo, need, &vmo, &vmo_rights);
	if (status != ZX_OK)
		return status;
	stream = kzalloc(sizeof(*stream), GFP_KERNEL_ACCOUNT);
	if (!stream) {
		zx_vmo_put(vmo);
		return ZX_ERR_NO_MEMORY;
	}
	zx_object_init(&stream->base, &zx_stream_type);
	stream->vmo = vmo;
	stream->mode = args->options &
		       (ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE);
	stream->append = args->options & ZX_STREAM_MODE_APPEND;
	stream->can_resize = vmo_rights & ZX_RIGHT_RESIZE;
	mutex_init(&stream->seek_lock);
	stream->seek = args->seek;

	h = zx_handle_create(&stream->base, rights);
	zx_object_put(&stream->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	return zx_handle_install_user(proc, h, args->out);
}

static zx_status_t zx_stream_get(struct zx_process *proc, zx_handle_t handle,
				 zx_rights_t rights, struct zx_stream **out,
				 zx_rights_t *out_rights)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, handle, ZX_OBJ_TYPE_STREAM, rights,
				  &obj, out_rights);
	if (status == ZX_OK)
		*out = zx_to_stream(obj);
	return status;
}

static zx_status_t zx_stream_get_iovec(u64 vectors, u64 i,
				       struct zx_stream_uiovec *iov)
{
	const struct zx_stream_uiovec __user *uiov = zx_uptr(vectors);

	if (copy_from_user(iov, uiov + i, sizeof(*iov)))
		return ZX_ERR_NOT_FOUND;
	return ZX_OK;
}

/* Sums the capacities of the caller's iovecs. */
static zx_status_t zx_stream_capacity(const struct zx_stream_rw_args *args,
				      u64 *total)
{
	struct zx_stream_uiovec iov;
	zx_status_t status;
	u64 i;

	*total = 0;
	for (i = 0; i < args->num_vectors; i++) {
		if (fatal_signal_pending(current))
			return ZX_ERR_INTERNAL_INTR_RETRY;
		status = zx_stream_get_iovec(args->vectors, i, &iov);
		if (status != ZX_OK)
			return status;
		if (check_add_overflow(*total, iov.capacity, total))
			return ZX_ERR_INVALID_ARGS;
		cond_resched();
	}
	return ZX_OK;
}

/*
 * Moves up to @len bytes between the VMO at @offset and the iovecs, a page
 * at most per step so that *@done counts exactly the bytes moved.
 */
static zx_status_t zx_stream_transfer(struct zx_stream *stream,
				      const struct zx_stream_rw_args *args,
				      u64 offset, u64 len, bool write,
				      u64 *done)
{
	struct zx_stream_uiovec iov;
	zx_status_t status = ZX_OK;
	u64 i;

	*done = 0;
	for (i = 0; status == ZX_OK && *done < len &&
		    i < args->num_vectors; i++) {
		char __user *buf;
		u64 left;

		status = zx_stream_get_iovec(args->vectors, i, &iov);
		buf = zx_uptr(iov.buffer);
		left = min(iov.capacity, len - *done);
		while (status == ZX_OK && left) {
			u64 pos = offset + *done;
			u64 n = min_t(u64, left,
				      PAGE_SIZE - offset_in_page(pos));

			if (write)
				status = zx_vmo_write_user(stream->vmo, buf,
							   pos, n);
			else
				status = zx_vmo_read_user(stream->vmo, buf,
							  pos, n);
			if (status != ZX_OK)
				break;
			buf += n;
			left -= n;
			*done += n;
		}
	}
	/* vmo.c reports an unusable user buffer as INVALID_ARGS. */
	if (status == ZX_ERR_INVALID_ARGS)
		status = ZX_ERR_NOT_FOUND;
	return status;
}

/* Reads @len bytes at most from @offset, stopping at the content size. */
static zx_status_t zx_stream_read(struct zx_stream *stream,
				  const struct zx_stream_rw_args *args,
				  u64 offset, u64 len, u64 *done)
{
	u64 content_size = zx_vmo_content_size(stream->vmo);
	zx_status_t status;

	*done = 0;
	if (offset >= content_size)
		return ZX_OK;
	len = min(len, content_size - offset);
	status = zx_stream_transfer(stream, args, offset, len, false, done);
	/* The content may reach past the VMO's end: the data stops there. */
	if (status == ZX_ERR_OUT_OF_RANGE)
		status = ZX_OK;
	return *done ? ZX_OK : status;
}

/*
 * Writes @len bytes at @offset, or at the content size if @append; the
 * content lock is held.  *@offset is where the write went.
 */
static zx_status_t zx_stream_write(struct zx_stream *stream,
				   const struct zx_stream_rw_args *args,
				   u64 *offset, bool append, u64 len,
				   u64 *done)
{
	u64 content_size = zx_vmo_content_size(stream->vmo);
	zx_status_t status;
	u64 end, size;

	*done = 0;
	if (append)
		*offset = content_size;
	if (check_add_overflow(*offset, len, &end))
		return ZX_ERR_FILE_BIG;
	status = zx_vmo_expand(stream->vmo, end, stream->can_resize, &size);
	if (status != ZX_OK && size <= *offset)
		return status == ZX_ERR_OUT_OF_RANGE ? status : ZX_ERR_NO_SPACE;
	len = min(size, end) - *offset;
	if (content_size < *offset) {
		status = zx_vmo_zero_range(stream->vmo, content_size,
					   *offset - content_size);
		if (status != ZX_OK)
			return status;
	}
	status = zx_stream_transfer(stream, args, *offset, len, true, done);
	/* Only a concurrent vmo_set_size can cut the range short. */
	if (status == ZX_ERR_OUT_OF_RANGE)
		status = ZX_ERR_NO_SPACE;
	if (*offset + *done > content_size)
		zx_vmo_set_content_size(stream->vmo, *offset + *done);
	return *done ? ZX_OK : status;
}

/* The four transfer calls; @at: the _at variant (@seek untouched). */
static zx_status_t zx_stream_rw(struct zx_process *proc,
				const struct zx_stream_rw_args *args,
				bool write, bool at)
{
	u32 allowed = (write && !at) ? ZX_STREAM_APPEND : 0;
	struct zx_stream *stream;
	zx_status_t status;
	u64 total, offset, done = 0;

	if ((args->options & ~allowed) || (!at && args->offset))
		return ZX_ERR_INVALID_ARGS;
	if (!args->vectors)
		return ZX_ERR_INVALID_ARGS;
	status = zx_stream_get(proc, args->handle,
			       write ? ZX_RIGHT_WRITE : ZX_RIGHT_READ, &stream,
			       NULL);
	if (status != ZX_OK)
		return status;
	status = zx_stream_capacity(args, &total);
	if (status != ZX_OK || !total)
		goto out;

	if (!at && mutex_lock_interruptible(&stream->seek_lock)) {
		status = ZX_ERR_INTERNAL_INTR_RETRY;
		goto out;
	}
	offset = at ? args->offset : stream->seek;
	if (!write) {
		status = zx_stream_read(stream, args, offset, total, &done);
	} else if (zx_vmo_content_lock(stream->vmo)) {
		status = ZX_ERR_INTERNAL_INTR_RETRY;
	} else {
		bool append = !at && ((args->options & ZX_STREAM_APPEND) ||
				      READ_ONCE(stream->append));

		status = zx_stream_write(stream, args, &offset, append, total,
					 &done);
		zx_vmo_content_unlock(stream->vmo);
	}
	if (!at) {
		if (status == ZX_OK)
			stream->seek = offset + done;
		mutex_unlock(&stream->seek_lock);
	}
out:
	if (status == ZX_OK && args->actual &&
	    put_user(done, (u64 __user *)zx_uptr(args->actual)))
		status = ZX_ERR_INVALID_ARGS;
	zx_object_put(&stream->base);
	return status;
}

zx_status_t zx_sys_stream_readv(struct zx_process *proc, void *argp)
{
	return zx_stream_rw(proc, argp, false, false);
}

zx_status_t zx_sys_stream_readv_at(struct zx_process *proc, void *argp)
{
	return zx_stream_rw(proc, argp, false, true);
}

zx_status_t zx_sys_stream_writev(struct zx_process *proc, void *argp)
{
	return zx_stream_rw(proc, argp, true, false);
}

zx_status_t zx_sys_stream_writev_at(struct zx_process *proc, void *argp)
{
	return zx_stream_rw(proc, argp, true, true);
}

/* @base + @delta as a new seek offset; false if negative or too large. */
static bool zx_stream_seek_add(u64 base, s64 delta, u64 *out)
{
	if (delta >= 0)
		return !check_add_overflow(base, (u64)delta, out);
	/* -(delta + 1) + 1 avoids negating S64_MIN. */
	if ((u64)(-(delta + 1)) + 1 > base)
		return false;
	*out = base - ((u64)(-(delta + 1)) + 1);
	return true;
}

zx_status_t zx_sys_stream_seek(struct zx_process *proc, void *argp)
{
	struct zx_stream_seek_args *args = argp;
	struct zx_stream *stream;
	zx_status_t status;
	zx_rights_t rights;
	u64 base = 0, seek;

	status = zx_stream_get(proc, args->handle, 0, &stream, &rights);
	if (status != ZX_OK)
		return status;
	if (!(rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE))) {
		status = ZX_ERR_ACCESS_DENIED;
		goto out;
	}
	if (mutex_lock_interruptible(&stream->seek_lock)) {
		status = ZX_ERR_INTERNAL_INTR_RETRY;
		goto out;
	}
	switch (args->whence) {
	case ZX_STREAM_SEEK_ORIGIN_START:
		break;
	case ZX_STREAM_SEEK_ORIGIN_CURRENT:
		base = stream->seek;
		break;
	case ZX_STREAM_SEEK_ORIGIN_END:
		base = zx_vmo_content_size(stream->vmo);
		break;
	default:
		status = ZX_ERR_INVALID_ARGS;
		break;
	}
	if (status == ZX_OK && !zx_stream_seek_add(base, args->offset, &seek))
		status = ZX_ERR_INVALID_ARGS;
	if (status == ZX_OK)
		stream->seek = seek;
	mutex_unlock(&stream->seek_lock);
	if (status == ZX_OK && args->out_seek &&
	    put_user(seek, (u64 __user *)zx_uptr(args->out_seek)))
		status = ZX_ERR_INVALID_ARGS;
out:
	zx_object_put(&stream->base);
	return status;
}

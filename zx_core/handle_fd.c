// SPDX-License-Identifier: GPL-2.0
/*
 * handle_to_fd and handle_from_fd: a handle carried by a file descriptor.
 *
 * Handle tables belong to one process, so a handle cannot leave it by any
 * Zircon call short of a channel that already spans both processes.  These
 * two calls let a handle ride on a Linux file instead: the file owns the
 * handle until some process takes it back out, and the file travels with
 * fork(), execve() (without O_CLOEXEC) and SCM_RIGHTS like any other.
 *
 * The file's private_data is the owned struct zx_handle *, or NULL once it
 * has been taken.  It is exchanged atomically, so of several takers (dups of
 * the descriptor, other processes) exactly one gets the handle.  When the
 * last reference to the file goes away with the handle still inside, the
 * handle is closed, and peers see PEER_CLOSED as for any other close.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "zircon.h"
#include "syscalls.h"
#include "../uapi/zircon_ioctl.h"

static int zx_handle_fd_release(struct inode *inode, struct file *file)
{
	struct zx_handle *h = xchg(&file->private_data, NULL);

	if (h)
		zx_handle_destroy(h);
	return 0;
}

/* The owner keeps zircon.ko loaded while any such file exists. */
static const struct file_operations zx_handle_fd_fops = {
	.owner = THIS_MODULE,
	.release = zx_handle_fd_release,
};

/* Removes @value from the table only if it carries ZX_RIGHT_TRANSFER. */
static zx_status_t zx_handle_take_transferable(struct zx_process *proc,
					       zx_handle_t value,
					       struct zx_handle **out)
{
	struct zx_handle_table *t = &proc->handles;
	zx_status_t status = ZX_OK;
	struct zx_handle *h;

	xa_lock(&t->slots);
	h = __zx_handle_find(proc, value);
	if (!h)
		status = ZX_ERR_BAD_HANDLE;
	else if (!(h->rights & ZX_RIGHT_TRANSFER))
		status = ZX_ERR_ACCESS_DENIED;
	else
		__zx_handle_unlink(proc, h);
	xa_unlock(&t->slots);
	if (status == ZX_OK)
		*out = h;
	return status;
}

/*
 * Errors before the handle leaves the table (bad flags or handle, no
 * TRANSFER right, no free descriptor, no memory) leave it in place.  If the
 * descriptor number cannot be written to the caller, the handle has already
 * been consumed and is closed: ZX_ERR_INVALID_ARGS, as for handles given to
 * a failed channel_write.  The descriptor is published last.
 */
zx_status_t zx_sys_handle_to_fd(struct zx_process *proc, void *argp)
{
	struct zx_handle_to_fd_args *args = argp;
	int __user *ufd = zx_uptr(args->out_fd);
	struct zx_handle *h;
	zx_status_t status;
	struct file *file;
	int fd;

	if (args->flags & ~ZXLINUX_FD_CLOEXEC)
		return ZX_ERR_INVALID_ARGS;
	fd = get_unused_fd_flags(O_RDWR |
				 (args->flags & ZXLINUX_FD_CLOEXEC ?
				  O_CLOEXEC : 0));
	if (fd < 0)
		return ZX_ERR_NO_RESOURCES;
	file = anon_inode_getfile("[zircon-handle]", &zx_handle_fd_fops,
				  NULL, O_RDWR);
	if (IS_ERR(file)) {
		status = ZX_ERR_NO_MEMORY;
		goto err_fd;
	}
	status = zx_handle_take_transferable(proc, args->handle, &h);
	if (status != ZX_OK)
		goto err_file;
	/* Waits made through the handle end as it leaves the process. */
	zx_object_cancel_handle(h->obj, h);
	file->private_data = h;
	if (put_user(fd, ufd)) {
		status = ZX_ERR_INVALID_ARGS;
		goto err_file;		/* the release closes the handle */
	}
	fd_install(fd, file);
	return ZX_OK;

err_file:
	fput(file);
err_fd:
	put_unused_fd(fd);
	return status;
}

/*
 * The descriptor stays open; only the handle moves into the caller's table.
 * If it cannot be installed there, the handle is closed.
 */
zx_status_t zx_sys_handle_from_fd(struct zx_process *proc, void *argp)
{
	struct zx_handle_from_fd_args *args = argp;
	struct zx_handle *h;
	struct file *file;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	if (args->fd < 0)
		return ZX_ERR_BAD_HANDLE;
	file = fget(args->fd);
	if (!file)
		return ZX_ERR_BAD_HANDLE;
	if (file->f_op != &zx_handle_fd_fops) {
		fput(file);
		return ZX_ERR_WRONG_TYPE;
	}
	h = xchg(&file->private_data, NULL);
	fput(file);
	if (!h)
		return ZX_ERR_BAD_STATE;
	return zx_handle_install_user(proc, h, args->out);
}

/*
 * handle_poll_fd: a descriptor for poll(), select() and epoll that is
 * readable while an object has any of some signals asserted.
 *
 * The file references the object, not the handle, so it keeps working
 * after the handle is closed.  An observer that never ends (its handle is
 * NULL, which no handle close matches) wakes the file's waitqueue whenever
 * the signals change with a watched one asserted; poll() reads the current
 * signals, which gives level-triggered readiness.  A type that cannot be
 * waited on (a port) may name the internal signal that means "readable",
 * so the bridge treats every type alike.
 */
struct zx_poll_fd {
	struct zx_observer ob;
	struct zx_object *obj;		/* one reference */
	wait_queue_head_t wq;
};

/* Under the object's lock, interrupts off. */
static void zx_poll_fd_on_match(struct zx_observer *ob, zx_signals_t signals)
{
	struct zx_poll_fd *p = container_of(ob, struct zx_poll_fd, ob);

	wake_up_poll(&p->wq, EPOLLIN | EPOLLRDNORM);
}

static __poll_t zx_poll_fd_poll(struct file *file, poll_table *pt)
{
	struct zx_poll_fd *p = file->private_data;

	poll_wait(file, &p->wq, pt);
	if (zx_object_signals(p->obj) & p->ob.trigger)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static int zx_poll_fd_release(struct inode *inode, struct file *file)
{
	struct zx_poll_fd *p = file->private_data;

	zx_object_remove_observer(p->obj, &p->ob);
	zx_object_put(p->obj);
	kfree(p);
	/* It may have kept a channel cycle from being collected. */
	zx_channel_gc_kick();
	return 0;
}

static const struct file_operations zx_poll_fd_fops = {
	.owner = THIS_MODULE,
	.poll = zx_poll_fd_poll,
	.release = zx_poll_fd_release,
};

/*
 * Waitable objects need ZX_RIGHT_WAIT and some @signals; the others need
 * ZX_RIGHT_READ and @signals 0, and are watched for their type's
 * poll_readable signal (ZX_ERR_NOT_SUPPORTED if it has none).
 */
static zx_status_t zx_poll_fd_watch(struct zx_process *proc,
				    zx_handle_t value, zx_signals_t signals,
				    struct zx_object **out, zx_signals_t *trigger)
{
	const struct zx_object_type *type;
	struct zx_object *obj;
	zx_rights_t rights;
	zx_status_t status;

	status = zx_handle_lookup(proc, value, ZX_OBJ_TYPE_NONE, 0, &obj,
				  &rights);
	if (status != ZX_OK)
		return status;
	type = obj->type;
	if (!type->not_waitable) {
		*trigger = signals;
		if (!(rights & ZX_RIGHT_WAIT))
			status = ZX_ERR_ACCESS_DENIED;
		else if (!signals)
			status = ZX_ERR_INVALID_ARGS;
	} else {
		*trigger = type->poll_readable;
		if (!type->poll_readable)
			status = ZX_ERR_NOT_SUPPORTED;
		else if (!(rights & ZX_RIGHT_READ))
			status = ZX_ERR_ACCESS_DENIED;
		else if (signals)
			status = ZX_ERR_INVALID_ARGS;
	}
	if (status != ZX_OK) {
		zx_object_put(obj);
		return status;
	}
	*out = obj;
	return ZX_OK;
}

zx_status_t zx_sys_handle_poll_fd(struct zx_process *proc, void *argp)
{
	struct zx_handle_poll_fd_args *args = argp;
	int __user *ufd = zx_uptr(args->out_fd);
	struct zx_poll_fd *p;
	zx_status_t status;
	struct file *file;
	int fd;

	if ((args->flags & ~ZXLINUX_FD_CLOEXEC) || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p)
		return ZX_ERR_NO_MEMORY;
	status = zx_poll_fd_watch(proc, args->handle, args->signals, &p->obj,
				  &p->ob.trigger);
	if (status != ZX_OK)
		goto err_free;
	init_waitqueue_head(&p->wq);
	p->ob.on_match = zx_poll_fd_on_match;
	fd = get_unused_fd_flags(O_RDONLY |
				 (args->flags & ZXLINUX_FD_CLOEXEC ?
				  O_CLOEXEC : 0));
	if (fd < 0) {
		status = ZX_ERR_NO_RESOURCES;
		goto err_put;
	}
	file = anon_inode_getfile("[zircon-poll]", &zx_poll_fd_fops, p,
				  O_RDONLY);
	if (IS_ERR(file)) {
		status = ZX_ERR_NO_MEMORY;
		goto err_fd;
	}
	/* From here the file owns @p: its release undoes the rest. */
	zx_object_add_observer(p->obj, &p->ob);
	if (put_user(fd, ufd)) {
		fput(file);
		put_unused_fd(fd);
		return ZX_ERR_INVALID_ARGS;
	}
	fd_install(fd, file);
	return ZX_OK;

err_fd:
	put_unused_fd(fd);
err_put:
	zx_object_put(p->obj);
err_free:
	kfree(p);
	return status;
}

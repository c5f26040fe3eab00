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

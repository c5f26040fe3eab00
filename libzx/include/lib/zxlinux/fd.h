// SPDX-License-Identifier: MIT
// zxlinux extension (not a Zircon call): a handle carried by a Linux file
// descriptor, so it can cross processes by fork(), execve() or SCM_RIGHTS.
#ifndef LIB_ZXLINUX_FD_H_
#define LIB_ZXLINUX_FD_H_

#include <stdint.h>
#include <zircon/types.h>

// The new descriptor is close-on-exec.
#define ZXLINUX_FD_CLOEXEC 1u

#ifdef __cplusplus
extern "C" {
#endif

// Moves |handle| (which needs ZX_RIGHT_TRANSFER) out of this process's
// handle table into a new descriptor written to |out_fd|.  The handle is
// consumed on success, and also if |out_fd| cannot be written
// (ZX_ERR_INVALID_ARGS); on any other error it stays.  Closing every copy
// of the descriptor without taking the handle closes the handle.
zx_status_t zxlinux_handle_to_fd(zx_handle_t handle, uint32_t flags, int* out_fd);

// Takes the handle out of |fd| into this process's table.  Only one take
// per file succeeds (ZX_ERR_BAD_STATE after); a descriptor that does not
// carry a handle gives ZX_ERR_WRONG_TYPE, a bad one ZX_ERR_BAD_HANDLE.  The
// descriptor stays open: close it when done.
zx_status_t zxlinux_handle_from_fd(int fd, zx_handle_t* out);

#ifdef __cplusplus
}
#endif

#endif  // LIB_ZXLINUX_FD_H_

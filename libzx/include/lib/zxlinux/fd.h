// SPDX-License-Identifier: MIT
// zxlinux extension (not a Zircon call): a handle carried by a Linux file
// descriptor, so it can cross processes by fork(), execve() or SCM_RIGHTS;
// and a descriptor that poll(), select() and epoll see readable while an
// object is signaled, to mix Zircon objects into Linux event loops.
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
// (ZX_ERR_INVALID_ARGS); on any other error it stays.  As when a handle is
// written to a channel, waits made through it end.  Closing every copy of
// the descriptor without taking the handle closes the handle.
zx_status_t zxlinux_handle_to_fd(zx_handle_t handle, uint32_t flags, int* out_fd);

// Takes the handle out of |fd| into this process's table.  Only one take
// per file succeeds (ZX_ERR_BAD_STATE after); a descriptor that does not
// carry a handle gives ZX_ERR_WRONG_TYPE, a bad one ZX_ERR_BAD_HANDLE.  The
// descriptor stays open: close it when done.
zx_status_t zxlinux_handle_from_fd(int fd, zx_handle_t* out);

// A new descriptor, written to |out_fd|, that poll(), select() and epoll
// report readable (POLLIN/EPOLLIN, level-triggered) while the object of
// |handle| has any of |signals| asserted.  For a port (which cannot be
// waited on) |signals| must be 0, and the descriptor is readable while the
// port holds packets.  The descriptor references the object, not the
// handle: |handle| stays in the table and may be closed independently.
// Reading or writing the descriptor is not supported.
//
// Errors: ZX_ERR_BAD_HANDLE; ZX_ERR_ACCESS_DENIED without ZX_RIGHT_WAIT
// (ZX_RIGHT_READ for a port); ZX_ERR_INVALID_ARGS for unknown |flags|, no
// |signals| on a waitable object, nonzero |signals| on a port, or an
// unwritable |out_fd|; ZX_ERR_NOT_SUPPORTED for other objects that cannot
// be waited on; ZX_ERR_NO_RESOURCES when out of descriptors.
zx_status_t zxlinux_handle_poll_fd(zx_handle_t handle, zx_signals_t signals, uint32_t flags,
                                   int* out_fd);

#ifdef __cplusplus
}
#endif

#endif  // LIB_ZXLINUX_FD_H_

// SPDX-License-Identifier: MIT
// zxlinux extension: handles carried by file descriptors.
#include <lib/zxlinux/fd.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

extern "C" zx_status_t zxlinux_handle_to_fd(zx_handle_t handle, uint32_t flags, int* out_fd) {
  zx_handle_to_fd_args args = {.handle = handle, .flags = flags, .out_fd = Ptr(out_fd)};
  return Call(ZX_IOC_HANDLE_TO_FD, &args);
}

extern "C" zx_status_t zxlinux_handle_from_fd(int fd, zx_handle_t* out) {
  zx_handle_from_fd_args args = {.fd = fd, .reserved = 0, .out = Ptr(out)};
  return Call(ZX_IOC_HANDLE_FROM_FD, &args);
}

extern "C" zx_status_t zxlinux_handle_poll_fd(zx_handle_t handle, zx_signals_t signals,
                                              uint32_t flags, int* out_fd) {
  zx_handle_poll_fd_args args = {
      .handle = handle, .signals = signals, .flags = flags, .reserved = 0, .out_fd = Ptr(out_fd)};
  return Call(ZX_IOC_HANDLE_POLL_FD, &args);
}

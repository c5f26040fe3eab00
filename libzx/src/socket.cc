// SPDX-License-Identifier: MIT
// Sockets: create, write, read and set_disposition, each one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_socket_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
  zx_create_pair_args args = {
      .options = options, .reserved = 0, .out0 = Ptr(out0), .out1 = Ptr(out1)};
  return Call(ZX_IOC_SOCKET_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_socket_write(zx_handle_t handle, uint32_t options, const void* buffer,
                                      size_t buffer_size, size_t* actual) {
  static_assert(sizeof(size_t) == sizeof(__u64), "actual is written as 64 bits");
  zx_socket_rw_args args = {
      .handle = handle,
      .options = options,
      .buffer = Ptr(buffer),
      .size = buffer_size,
      .actual = Ptr(actual),
  };
  return Call(ZX_IOC_SOCKET_WRITE, &args);
}

ZX_EXPORT zx_status_t zx_socket_read(zx_handle_t handle, uint32_t options, void* buffer,
                                     size_t buffer_size, size_t* actual) {
  zx_socket_rw_args args = {
      .handle = handle,
      .options = options,
      .buffer = Ptr(buffer),
      .size = buffer_size,
      .actual = Ptr(actual),
  };
  return Call(ZX_IOC_SOCKET_READ, &args);
}

ZX_EXPORT zx_status_t zx_socket_set_disposition(zx_handle_t handle, uint32_t disposition,
                                                uint32_t disposition_peer) {
  zx_socket_disposition_args args = {
      .handle = handle,
      .disposition = disposition,
      .disposition_peer = disposition_peer,
      .reserved = 0,
  };
  return Call(ZX_IOC_SOCKET_SET_DISPOSITION, &args);
}

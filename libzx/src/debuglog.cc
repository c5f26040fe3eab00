// SPDX-License-Identifier: MIT
// The kernel debuglog.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_debuglog_create(zx_handle_t resource, uint32_t options, zx_handle_t* out) {
  zx_debuglog_create_args args = {
      .resource = resource, .options = options, .out = libzx::Ptr(out)};
  return libzx::Call(ZX_IOC_DEBUGLOG_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_debuglog_write(zx_handle_t handle, uint32_t options, const void* buffer,
                                        size_t buffer_size) {
  zx_debuglog_rw_args args = {
      .handle = handle,
      .options = options,
      .buffer = libzx::Ptr(buffer),
      .buffer_size = buffer_size,
      .actual = 0,
  };
  return libzx::Call(ZX_IOC_DEBUGLOG_WRITE, &args);
}

// Returns the record's size in bytes, or an error.
ZX_EXPORT zx_status_t zx_debuglog_read(zx_handle_t handle, uint32_t options, void* buffer,
                                       size_t buffer_size) {
  uint64_t actual = 0;
  zx_debuglog_rw_args args = {
      .handle = handle,
      .options = options,
      .buffer = libzx::Ptr(buffer),
      .buffer_size = buffer_size,
      .actual = libzx::Ptr(&actual),
  };
  zx_status_t status = libzx::Call(ZX_IOC_DEBUGLOG_READ, &args);
  return status == ZX_OK ? static_cast<zx_status_t>(actual) : status;
}

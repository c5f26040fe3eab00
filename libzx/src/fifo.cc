// SPDX-License-Identifier: MIT
// Fifos: create, write and read, each one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_fifo_create(size_t elem_count, size_t elem_size, uint32_t options,
                                     zx_handle_t* out0, zx_handle_t* out1) {
  zx_fifo_create_args args = {
      .elem_count = elem_count,
      .elem_size = elem_size,
      .options = options,
      .reserved = 0,
      .out0 = Ptr(out0),
      .out1 = Ptr(out1),
  };
  return Call(ZX_IOC_FIFO_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_fifo_write(zx_handle_t handle, size_t elem_size, const void* data,
                                    size_t count, size_t* actual_count) {
  static_assert(sizeof(size_t) == sizeof(__u64), "actual_count is written as 64 bits");
  zx_fifo_rw_args args = {
      .handle = handle,
      .reserved = 0,
      .elem_size = elem_size,
      .data = Ptr(data),
      .count = count,
      .actual_count = Ptr(actual_count),
  };
  return Call(ZX_IOC_FIFO_WRITE, &args);
}

ZX_EXPORT zx_status_t zx_fifo_read(zx_handle_t handle, size_t elem_size, void* data,
                                   size_t data_size, size_t* actual_count) {
  zx_fifo_rw_args args = {
      .handle = handle,
      .reserved = 0,
      .elem_size = elem_size,
      .data = Ptr(data),
      .count = data_size,
      .actual_count = Ptr(actual_count),
  };
  return Call(ZX_IOC_FIFO_READ, &args);
}

// SPDX-License-Identifier: MIT
// Virtual memory objects: each call is one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out) {
  zx_vmo_create_args args = {
      .size = size,
      .options = options,
      .reserved = 0,
      .out = Ptr(out),
  };
  return Call(ZX_IOC_VMO_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_vmo_read(zx_handle_t handle, void* buffer, uint64_t offset,
                                  size_t buffer_size) {
  zx_vmo_rw_args args = {
      .handle = handle,
      .reserved = 0,
      .buffer = Ptr(buffer),
      .offset = offset,
      .buffer_size = buffer_size,
  };
  return Call(ZX_IOC_VMO_READ, &args);
}

ZX_EXPORT zx_status_t zx_vmo_write(zx_handle_t handle, const void* buffer, uint64_t offset,
                                   size_t buffer_size) {
  zx_vmo_rw_args args = {
      .handle = handle,
      .reserved = 0,
      .buffer = Ptr(buffer),
      .offset = offset,
      .buffer_size = buffer_size,
  };
  return Call(ZX_IOC_VMO_WRITE, &args);
}

ZX_EXPORT zx_status_t zx_vmo_create_child(zx_handle_t handle, uint32_t options, uint64_t offset,
                                          uint64_t size, zx_handle_t* out) {
  zx_vmo_create_child_args args = {
      .handle = handle,
      .options = options,
      .offset = offset,
      .size = size,
      .out = Ptr(out),
  };
  return Call(ZX_IOC_VMO_CREATE_CHILD, &args);
}

ZX_EXPORT zx_status_t zx_vmo_get_size(zx_handle_t handle, uint64_t* size) {
  zx_vmo_size_args args = {
      .handle = handle,
      .reserved = 0,
      .size = Ptr(size),
  };
  return Call(ZX_IOC_VMO_GET_SIZE, &args);
}

ZX_EXPORT zx_status_t zx_vmo_set_size(zx_handle_t handle, uint64_t size) {
  zx_vmo_size_args args = {
      .handle = handle,
      .reserved = 0,
      .size = size,
  };
  return Call(ZX_IOC_VMO_SET_SIZE, &args);
}

ZX_EXPORT zx_status_t zx_vmo_op_range(zx_handle_t handle, uint32_t op, uint64_t offset,
                                      uint64_t size, void* buffer, size_t buffer_size) {
  zx_vmo_op_range_args args = {
      .handle = handle,
      .op = op,
      .offset = offset,
      .size = size,
      .buffer = Ptr(buffer),
      .buffer_size = buffer_size,
  };
  return Call(ZX_IOC_VMO_OP_RANGE, &args);
}

// vmex may be ZX_HANDLE_INVALID, as Zircon's documentation allows for now;
// zircon.ko has no resources, so that is the only value it accepts.
ZX_EXPORT zx_status_t zx_vmo_replace_as_executable(zx_handle_t handle, zx_handle_t vmex,
                                                   zx_handle_t* out) {
  zx_vmo_replace_as_executable_args args = {
      .handle = handle,
      .vmex = vmex,
      .out = Ptr(out),
  };
  return Call(ZX_IOC_VMO_REPLACE_AS_EXECUTABLE, &args);
}

ZX_EXPORT zx_status_t zx_vmo_set_cache_policy(zx_handle_t handle, uint32_t cache_policy) {
  zx_vmo_set_cache_policy_args args = {
      .handle = handle,
      .cache_policy = cache_policy,
  };
  return Call(ZX_IOC_VMO_SET_CACHE_POLICY, &args);
}

// SPDX-License-Identifier: MIT
// Virtual memory address regions: each call is one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options,
                                       size_t offset, size_t size, zx_handle_t* child_vmar,
                                       zx_vaddr_t* child_addr) {
  zx_vmar_allocate_args args = {
      .handle = parent_vmar,
      .options = options,
      .offset = offset,
      .size = size,
      .child_vmar = Ptr(child_vmar),
      .child_addr = Ptr(child_addr),
  };
  return Call(ZX_IOC_VMAR_ALLOCATE, &args);
}

ZX_EXPORT zx_status_t zx_vmar_map(zx_handle_t handle, zx_vm_option_t options, size_t vmar_offset,
                                  zx_handle_t vmo, uint64_t vmo_offset, size_t len,
                                  zx_vaddr_t* mapped_addr) {
  zx_vmar_map_args args = {
      .handle = handle,
      .options = options,
      .vmar_offset = vmar_offset,
      .vmo = vmo,
      .reserved = 0,
      .vmo_offset = vmo_offset,
      .len = len,
      .mapped_addr = Ptr(mapped_addr),
  };
  return Call(ZX_IOC_VMAR_MAP, &args);
}

ZX_EXPORT zx_status_t zx_vmar_unmap(zx_handle_t handle, zx_vaddr_t addr, size_t len) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = 0,
      .addr = addr,
      .len = len,
  };
  return Call(ZX_IOC_VMAR_UNMAP, &args);
}

ZX_EXPORT zx_status_t zx_vmar_protect(zx_handle_t handle, zx_vm_option_t options, zx_vaddr_t addr,
                                      size_t len) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = options,
      .addr = addr,
      .len = len,
  };
  return Call(ZX_IOC_VMAR_PROTECT, &args);
}

ZX_EXPORT zx_status_t zx_vmar_destroy(zx_handle_t handle) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = 0,
      .addr = 0,
      .len = 0,
  };
  return Call(ZX_IOC_VMAR_DESTROY, &args);
}

ZX_EXPORT zx_status_t zx_vmar_op_range(zx_handle_t handle, uint32_t op, zx_vaddr_t address,
                                       size_t size, void* buffer, size_t buffer_size) {
  zx_vmar_op_range_args args = {
      .handle = handle,
      .op = op,
      .addr = address,
      .size = size,
      .buffer = Ptr(buffer),
      .buffer_size = buffer_size,
  };
  return Call(ZX_IOC_VMAR_OP_RANGE, &args);
}

// SPDX-License-Identifier: MIT
// Pagers: each call is one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_pager_create(uint32_t options, zx_handle_t* out) {
  zx_create_args args = {
      .options = options,
      .reserved = 0,
      .out = Ptr(out),
  };
  return Call(ZX_IOC_PAGER_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_pager_create_vmo(zx_handle_t pager, uint32_t options, zx_handle_t port,
                                          uint64_t key, uint64_t size, zx_handle_t* out) {
  zx_pager_create_vmo_args args = {
      .pager = pager,
      .options = options,
      .port = port,
      .reserved = 0,
      .key = key,
      .size = size,
      .out = Ptr(out),
  };
  return Call(ZX_IOC_PAGER_CREATE_VMO, &args);
}

ZX_EXPORT zx_status_t zx_pager_detach_vmo(zx_handle_t pager, zx_handle_t vmo) {
  zx_pager_detach_vmo_args args = {
      .pager = pager,
      .vmo = vmo,
  };
  return Call(ZX_IOC_PAGER_DETACH_VMO, &args);
}

ZX_EXPORT zx_status_t zx_pager_supply_pages(zx_handle_t pager, zx_handle_t pager_vmo,
                                            uint64_t offset, uint64_t length, zx_handle_t aux_vmo,
                                            uint64_t aux_offset) {
  zx_pager_supply_pages_args args = {
      .pager = pager,
      .pager_vmo = pager_vmo,
      .offset = offset,
      .length = length,
      .aux_vmo = aux_vmo,
      .reserved = 0,
      .aux_offset = aux_offset,
  };
  return Call(ZX_IOC_PAGER_SUPPLY_PAGES, &args);
}

ZX_EXPORT zx_status_t zx_pager_op_range(zx_handle_t pager, uint32_t op, zx_handle_t pager_vmo,
                                        uint64_t offset, uint64_t length, uint64_t data) {
  zx_pager_op_range_args args = {
      .pager = pager,
      .op = op,
      .pager_vmo = pager_vmo,
      .reserved = 0,
      .offset = offset,
      .length = length,
      .data = data,
  };
  return Call(ZX_IOC_PAGER_OP_RANGE, &args);
}

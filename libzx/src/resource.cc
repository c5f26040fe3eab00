// SPDX-License-Identifier: MIT
// Resources: the capabilities behind the DDK calls.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_resource_create(zx_handle_t parent_rsrc, uint32_t options, uint64_t base,
                                         size_t size, const char* name, size_t name_size,
                                         zx_handle_t* resource_out) {
  zx_resource_create_args args = {
      .parent = parent_rsrc,
      .options = options,
      .base = base,
      .size = size,
      .name = libzx::Ptr(name),
      .name_size = name_size,
      .out = libzx::Ptr(resource_out),
  };
  return libzx::Call(ZX_IOC_RESOURCE_CREATE, &args);
}

// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_RESOURCE_H_
#define LIB_ZX_RESOURCE_H_

#include <lib/zx/object.h>

namespace zx {

class resource final : public object<resource> {
 public:
  using object::object;

  static zx_status_t create(const resource& parent, uint32_t options, uint64_t base, size_t size,
                            const char* name, size_t name_size, resource* out) {
    return zx_resource_create(parent.get(), options, base, size, name, name_size,
                              out->reset_and_get_address());
  }
};

}  // namespace zx

#endif  // LIB_ZX_RESOURCE_H_

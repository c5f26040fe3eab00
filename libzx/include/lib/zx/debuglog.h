// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_DEBUGLOG_H_
#define LIB_ZX_DEBUGLOG_H_

#include <lib/zx/object.h>
#include <lib/zx/resource.h>

namespace zx {

class debuglog final : public object<debuglog> {
 public:
  using object::object;

  static zx_status_t create(const resource& resource, uint32_t options, debuglog* out) {
    return zx_debuglog_create(resource.get(), options, out->reset_and_get_address());
  }

  zx_status_t write(uint32_t options, const void* buffer, size_t buffer_size) const {
    return zx_debuglog_write(get(), options, buffer, buffer_size);
  }

  // The record's size in bytes, or an error.
  zx_status_t read(uint32_t options, void* buffer, size_t buffer_size) const {
    return zx_debuglog_read(get(), options, buffer, buffer_size);
  }
};

}  // namespace zx

#endif  // LIB_ZX_DEBUGLOG_H_

// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_VMO_H_
#define LIB_ZX_VMO_H_

#include <lib/zx/handle.h>
#include <lib/zx/object.h>

namespace zx {

class vmo final : public object<vmo> {
 public:
  using object::object;

  static zx_status_t create(uint64_t size, uint32_t options, vmo* result) {
    return zx_vmo_create(size, options, result->reset_and_get_address());
  }

  zx_status_t read(void* data, uint64_t offset, size_t len) const {
    return zx_vmo_read(get(), data, offset, len);
  }

  zx_status_t write(const void* data, uint64_t offset, size_t len) const {
    return zx_vmo_write(get(), data, offset, len);
  }

  zx_status_t get_size(uint64_t* size) const { return zx_vmo_get_size(get(), size); }

  zx_status_t set_size(uint64_t size) const { return zx_vmo_set_size(get(), size); }

  zx_status_t get_prop_content_size(uint64_t* size) const {
    return get_property(ZX_PROP_VMO_CONTENT_SIZE, size, sizeof(*size));
  }

  zx_status_t set_prop_content_size(uint64_t size) const {
    return set_property(ZX_PROP_VMO_CONTENT_SIZE, &size, sizeof(size));
  }

  zx_status_t create_child(uint32_t options, uint64_t offset, uint64_t size,
                           vmo* result) const {
    // Allows result to alias this object.
    zx_handle_t h = ZX_HANDLE_INVALID;
    zx_status_t status = zx_vmo_create_child(get(), options, offset, size, &h);
    result->reset(h);
    return status;
  }

  zx_status_t op_range(uint32_t op, uint64_t offset, uint64_t size, void* buffer,
                       size_t buffer_size) const {
    return zx_vmo_op_range(get(), op, offset, size, buffer, buffer_size);
  }

  zx_status_t set_cache_policy(uint32_t cache_policy) const {
    return zx_vmo_set_cache_policy(get(), cache_policy);
  }

  // Consumes this handle whatever the outcome.  vmex may be an invalid
  // handle (see zx_vmo_replace_as_executable).
  zx_status_t replace_as_executable(const handle& vmex, vmo* result) {
    zx_handle_t h = ZX_HANDLE_INVALID;
    zx_status_t status = zx_vmo_replace_as_executable(release(), vmex.get(), &h);
    result->reset(h);
    return status;
  }
};

}  // namespace zx

#endif  // LIB_ZX_VMO_H_

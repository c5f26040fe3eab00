// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_PAGER_H_
#define LIB_ZX_PAGER_H_

#include <zircon/syscalls.h>

#include <lib/zx/object.h>
#include <lib/zx/port.h>
#include <lib/zx/vmo.h>

namespace zx {

class pager final : public object<pager> {
 public:
  using object::object;

  static zx_status_t create(uint32_t options, pager* result) {
    return zx_pager_create(options, result->reset_and_get_address());
  }

  zx_status_t create_vmo(uint32_t options, const port& port, uint64_t key, uint64_t size,
                         vmo* result) const {
    return zx_pager_create_vmo(get(), options, port.get(), key, size,
                               result->reset_and_get_address());
  }

  zx_status_t detach_vmo(const vmo& vmo) const { return zx_pager_detach_vmo(get(), vmo.get()); }

  zx_status_t supply_pages(const vmo& pager_vmo, uint64_t offset, uint64_t length,
                           const vmo& aux_vmo, uint64_t aux_offset) const {
    return zx_pager_supply_pages(get(), pager_vmo.get(), offset, length, aux_vmo.get(),
                                 aux_offset);
  }

  zx_status_t op_range(uint32_t op, const vmo& pager_vmo, uint64_t offset, uint64_t length,
                       uint64_t data) const {
    return zx_pager_op_range(get(), op, pager_vmo.get(), offset, length, data);
  }
};

}  // namespace zx

#endif  // LIB_ZX_PAGER_H_

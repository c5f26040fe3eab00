// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_EVENTPAIR_H_
#define LIB_ZX_EVENTPAIR_H_

#include <lib/zx/object.h>

namespace zx {

class eventpair final : public object<eventpair> {
 public:
  using object::object;

  static zx_status_t create(uint32_t options, eventpair* end0, eventpair* end1) {
    return zx_eventpair_create(options, end0->reset_and_get_address(),
                               end1->reset_and_get_address());
  }

  zx_status_t signal_peer(uint32_t clear_mask, uint32_t set_mask) const {
    return zx_object_signal_peer(get(), clear_mask, set_mask);
  }
};

}  // namespace zx

#endif  // LIB_ZX_EVENTPAIR_H_

// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_TIMER_H_
#define LIB_ZX_TIMER_H_

#include <lib/zx/object.h>
#include <lib/zx/time.h>

namespace zx {

class timer final : public object<timer> {
 public:
  using object::object;

  static zx_status_t create(uint32_t options, zx_clock_t clock_id, timer* out) {
    return zx_timer_create(options, clock_id, out->reset_and_get_address());
  }

  zx_status_t set(zx::time deadline, zx::duration slack) const {
    return zx_timer_set(get(), deadline.get(), slack.get());
  }

  zx_status_t cancel() const { return zx_timer_cancel(get()); }
};

}  // namespace zx

#endif  // LIB_ZX_TIMER_H_

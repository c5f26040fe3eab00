// SPDX-License-Identifier: MIT
// zx::clock: a clock object, and the monotonic clock every deadline uses.
#ifndef LIB_ZX_CLOCK_H_
#define LIB_ZX_CLOCK_H_

#include <zircon/syscalls/clock.h>

#include <lib/zx/object.h>
#include <lib/zx/time.h>

namespace zx {

class clock final : public object<clock> {
 public:
  using object::object;

  // Builds the v2 arguments of update(); each setter marks its field valid.
  class update_args {
   public:
    constexpr update_args() = default;

    update_args& reset() {
      options_ = 0;
      return *this;
    }
    update_args& set_value(zx::time value) {
      args_.synthetic_value = value.get();
      options_ |= ZX_CLOCK_UPDATE_OPTION_SYNTHETIC_VALUE_VALID;
      return *this;
    }
    update_args& set_reference_value(zx::time value) {
      args_.reference_value = value.get();
      options_ |= ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID;
      return *this;
    }
    update_args& set_both_values(zx::time reference, zx::time synthetic) {
      return set_reference_value(reference).set_value(synthetic);
    }
    update_args& set_rate_adjust(int32_t rate) {
      args_.rate_adjust = rate;
      options_ |= ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID;
      return *this;
    }
    update_args& set_error_bound(uint64_t error_bound) {
      args_.error_bound = error_bound;
      options_ |= ZX_CLOCK_UPDATE_OPTION_ERROR_BOUND_VALID;
      return *this;
    }

   private:
    friend class clock;
    zx_clock_update_args_v2_t args_{};
    uint64_t options_ = 0;
  };

  static zx_status_t create(uint64_t options, const zx_clock_create_args_v1_t* args,
                            clock* out) {
    if (args)
      options = (options & ~ZX_CLOCK_ARGS_VERSION_MASK) | ZX_CLOCK_ARGS_VERSION(1);
    return zx_clock_create(options, args, out->reset_and_get_address());
  }

  zx_status_t read(zx_time_t* now) const { return zx_clock_read(get(), now); }

  zx_status_t get_details(zx_clock_details_v1_t* details) const {
    return zx_clock_get_details(get(), ZX_CLOCK_ARGS_VERSION(1), details);
  }

  zx_status_t update(const update_args& args) const {
    return zx_clock_update(get(), args.options_ | ZX_CLOCK_ARGS_VERSION(2), &args.args_);
  }

  static time get_monotonic() { return time(zx_clock_get_monotonic()); }
};

}  // namespace zx

#endif  // LIB_ZX_CLOCK_H_

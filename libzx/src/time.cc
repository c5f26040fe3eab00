// SPDX-License-Identifier: MIT
// Time.  Zircon serves these from its vDSO; here Linux's vDSO does, reading
// CLOCK_MONOTONIC, the clock zircon.ko measures every deadline against.
#include <time.h>

#include <zircon/syscalls.h>

#include "ioctl.h"

namespace {

zx_time_t Now(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return static_cast<zx_time_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

zx_time_t MonotonicNow() { return Now(CLOCK_MONOTONIC); }

// Zircon's boot timeline keeps counting through suspend, as CLOCK_BOOTTIME
// does; zircon.ko runs ZX_CLOCK_BOOT timers and ZX_CLOCK_OPT_BOOT clocks on it.
zx_time_t BootNow() { return Now(CLOCK_BOOTTIME); }

}  // namespace

ZX_EXPORT zx_time_t zx_clock_get_monotonic(void) { return MonotonicNow(); }

// Ticks are nanoseconds of the monotonic clock: a fixed, known rate that
// survives migration between CPUs and suspend accounting alike.
ZX_EXPORT zx_ticks_t zx_ticks_get(void) { return MonotonicNow(); }

ZX_EXPORT zx_time_t zx_clock_get_boot(void) { return BootNow(); }

ZX_EXPORT zx_ticks_t zx_ticks_get_boot(void) { return BootNow(); }

ZX_EXPORT zx_ticks_t zx_ticks_per_second(void) { return 1000000000; }

ZX_EXPORT zx_time_t zx_deadline_after(zx_duration_t nanoseconds) {
  return zx_time_add_duration(MonotonicNow(), nanoseconds);
}

ZX_EXPORT zx_status_t zx_nanosleep(zx_time_t deadline) {
  zx_nanosleep_args args = {.deadline = deadline};
  return libzx::Call(ZX_IOC_NANOSLEEP, &args);
}

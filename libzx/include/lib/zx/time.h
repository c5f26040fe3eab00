// SPDX-License-Identifier: MIT
// zx::duration and zx::time: typed nanoseconds on the monotonic clock.
#ifndef LIB_ZX_TIME_H_
#define LIB_ZX_TIME_H_

#include <zircon/syscalls.h>
#include <zircon/time.h>

namespace zx {

class duration {
 public:
  constexpr duration() = default;
  explicit constexpr duration(zx_duration_t value) : value_(value) {}
  static constexpr duration infinite() { return duration(ZX_TIME_INFINITE); }
  constexpr zx_duration_t get() const { return value_; }
  constexpr duration operator+(duration o) const {
    return duration(zx_duration_add_duration(value_, o.value_));
  }
  constexpr duration operator-(duration o) const {
    return duration(zx_duration_sub_duration(value_, o.value_));
  }
  constexpr bool operator<(duration o) const { return value_ < o.value_; }
  constexpr bool operator>=(duration o) const { return value_ >= o.value_; }
  constexpr zx_duration_t to_msecs() const { return value_ / ZX_MSEC(1); }

 private:
  zx_duration_t value_ = 0;
};

class time {
 public:
  constexpr time() = default;
  explicit constexpr time(zx_time_t value) : value_(value) {}
  static constexpr time infinite() { return time(ZX_TIME_INFINITE); }
  static constexpr time infinite_past() { return time(ZX_TIME_INFINITE_PAST); }
  constexpr zx_time_t get() const { return value_; }
  constexpr time operator+(duration d) const {
    return time(zx_time_add_duration(value_, d.get()));
  }
  constexpr duration operator-(time o) const {
    return duration(zx_time_sub_time(value_, o.value_));
  }
  constexpr bool operator<(time o) const { return value_ < o.value_; }
  constexpr bool operator>=(time o) const { return value_ >= o.value_; }

 private:
  zx_time_t value_ = 0;
};

constexpr duration nsec(int64_t n) { return duration(ZX_NSEC(n)); }
constexpr duration usec(int64_t n) { return duration(ZX_USEC(n)); }
constexpr duration msec(int64_t n) { return duration(ZX_MSEC(n)); }
constexpr duration sec(int64_t n) { return duration(ZX_SEC(n)); }

inline time deadline_after(duration d) { return time(zx_deadline_after(d.get())); }

inline zx_status_t nanosleep(time deadline) { return zx_nanosleep(deadline.get()); }

}  // namespace zx

#endif  // LIB_ZX_TIME_H_

/* SPDX-License-Identifier: MIT */
/*
 * Time types and saturating time arithmetic. On overflow the helpers clamp
 * to ZX_TIME_INFINITE, on underflow to ZX_TIME_INFINITE_PAST.
 */
#ifndef ZIRCON_TIME_H_
#define ZIRCON_TIME_H_

#include <stdint.h>
#include <zircon/compiler.h>

#if __has_include(<time.h>)
#include <time.h>
#define __ZX_HAVE_TIMESPEC 1
#endif

__BEGIN_CDECLS

typedef int64_t zx_time_t;     /* nanoseconds, usually on the monotonic clock */
typedef int64_t zx_duration_t; /* nanoseconds */
typedef int64_t zx_ticks_t;    /* hardware ticks */

#define ZX_TIME_INFINITE INT64_MAX
#define ZX_TIME_INFINITE_PAST INT64_MIN

/* Shared saturation helpers (implementation detail). */
__CONSTEXPR static inline int64_t __zx_sat_add(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return r;
}

__CONSTEXPR static inline int64_t __zx_sat_sub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) {
    return b < 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return r;
}

__CONSTEXPR static inline int64_t __zx_sat_mul(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) {
    return ((a < 0) == (b < 0)) ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return r;
}

/* Arithmetic, named zx_<lhs>_<op>_<rhs>. */
__CONSTEXPR static inline zx_time_t zx_time_add_duration(zx_time_t t, zx_duration_t d) {
  return __zx_sat_add(t, d);
}
__CONSTEXPR static inline zx_time_t zx_time_sub_duration(zx_time_t t, zx_duration_t d) {
  return __zx_sat_sub(t, d);
}
__CONSTEXPR static inline zx_duration_t zx_time_sub_time(zx_time_t a, zx_time_t b) {
  return __zx_sat_sub(a, b);
}
__CONSTEXPR static inline zx_duration_t zx_duration_add_duration(zx_duration_t a,
                                                                 zx_duration_t b) {
  return __zx_sat_add(a, b);
}
__CONSTEXPR static inline zx_duration_t zx_duration_sub_duration(zx_duration_t a,
                                                                 zx_duration_t b) {
  return __zx_sat_sub(a, b);
}
__CONSTEXPR static inline zx_duration_t zx_duration_mul_int64(zx_duration_t d, int64_t k) {
  return __zx_sat_mul(d, k);
}
__CONSTEXPR static inline zx_ticks_t zx_ticks_add_ticks(zx_ticks_t a, zx_ticks_t b) {
  return __zx_sat_add(a, b);
}
__CONSTEXPR static inline zx_ticks_t zx_ticks_sub_ticks(zx_ticks_t a, zx_ticks_t b) {
  return __zx_sat_sub(a, b);
}
__CONSTEXPR static inline zx_ticks_t zx_ticks_mul_int64(zx_ticks_t t, int64_t k) {
  return __zx_sat_mul(t, k);
}

/* Unit conversions. */
__CONSTEXPR static inline int64_t zx_nsec_from_duration(zx_duration_t d) { return d; }
__CONSTEXPR static inline zx_duration_t zx_duration_from_nsec(int64_t n) { return n; }
__CONSTEXPR static inline zx_duration_t zx_duration_from_usec(int64_t n) {
  return __zx_sat_mul(n, INT64_C(1000));
}
__CONSTEXPR static inline zx_duration_t zx_duration_from_msec(int64_t n) {
  return __zx_sat_mul(n, INT64_C(1000000));
}
__CONSTEXPR static inline zx_duration_t zx_duration_from_sec(int64_t n) {
  return __zx_sat_mul(n, INT64_C(1000000000));
}
__CONSTEXPR static inline zx_duration_t zx_duration_from_min(int64_t n) {
  return __zx_sat_mul(n, INT64_C(60000000000));
}
__CONSTEXPR static inline zx_duration_t zx_duration_from_hour(int64_t n) {
  return __zx_sat_mul(n, INT64_C(3600000000000));
}

#ifdef __ZX_HAVE_TIMESPEC
__CONSTEXPR static inline zx_duration_t zx_duration_from_timespec(struct timespec ts) {
  return __zx_sat_add(zx_duration_from_sec((int64_t)ts.tv_sec), (int64_t)ts.tv_nsec);
}

__CONSTEXPR static inline struct timespec zx_timespec_from_duration(zx_duration_t d) {
  struct timespec ts = {(time_t)(d / 1000000000), (long)(d % 1000000000)};
  return ts;
}

__CONSTEXPR static inline zx_time_t zx_time_from_timespec(struct timespec ts) {
  return zx_duration_from_timespec(ts);
}

__CONSTEXPR static inline struct timespec zx_timespec_from_time(zx_time_t t) {
  return zx_timespec_from_duration(t);
}
#endif

/*
 * Unit macros: plain multiplication for compile-time constants (so they can
 * be used in static initializers), saturating helpers otherwise.
 */
#define ZX_NSEC(n) \
  (__builtin_constant_p(n) ? ((zx_duration_t)(1LL * (n))) : zx_duration_from_nsec(n))
#define ZX_USEC(n) \
  (__builtin_constant_p(n) ? ((zx_duration_t)(1000LL * (n))) : zx_duration_from_usec(n))
#define ZX_MSEC(n) \
  (__builtin_constant_p(n) ? ((zx_duration_t)(1000000LL * (n))) : zx_duration_from_msec(n))
#define ZX_SEC(n) \
  (__builtin_constant_p(n) ? ((zx_duration_t)(1000000000LL * (n))) : zx_duration_from_sec(n))
#define ZX_MIN(n)                                                         \
  (__builtin_constant_p(n) ? ((zx_duration_t)(60LL * 1000000000LL * (n))) \
                           : zx_duration_from_min(n))
#define ZX_HOUR(n)                                                          \
  (__builtin_constant_p(n) ? ((zx_duration_t)(3600LL * 1000000000LL * (n))) \
                           : zx_duration_from_hour(n))

__END_CDECLS

#endif /* ZIRCON_TIME_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Run-time assertions of Fuchsia code.
 *
 * ZX_ASSERT and ZX_ASSERT_MSG always check their condition. The ZX_DEBUG_*
 * forms check it only when the build sets ZX_ASSERT_LEVEL above 1 (as
 * Fuchsia's debug builds do: -DZX_ASSERT_LEVEL=2); otherwise the condition
 * is compiled but never evaluated. A failed assertion prints where it failed
 * and the optional printf-style message to stderr, then aborts the process.
 */
#ifndef ZIRCON_ASSERT_H_
#define ZIRCON_ASSERT_H_

#include <zircon/compiler.h>

__BEGIN_CDECLS

/* Prints the printf-style message to stderr and aborts: it never returns. */
void __zx_panic(const char* format, ...) __NO_RETURN __PRINTFLIKE(1, 2);

/* libzx helpers behind the macros below; not Fuchsia API. */
void __zx_assert_fail(const char* kind, const char* file, int line, const char* expr) __NO_RETURN;
void __zx_assert_fail_msg(const char* kind, const char* file, int line, const char* expr,
                          const char* format, ...) __NO_RETURN __PRINTFLIKE(5, 6);

__END_CDECLS

/* ZX_PANIC(format, args...) */
#define ZX_PANIC(...) __zx_panic(__VA_ARGS__)

/* ZX_ASSERT(condition) */
#define ZX_ASSERT(x)                                              \
  do {                                                            \
    if (__builtin_expect(!(x), 0))                                \
      __zx_assert_fail("ASSERT", __FILE__, __LINE__, #x);         \
  } while (0)

/* ZX_ASSERT_MSG(condition, format, args...) */
#define ZX_ASSERT_MSG(x, ...)                                               \
  do {                                                                      \
    if (__builtin_expect(!(x), 0))                                          \
      __zx_assert_fail_msg("ASSERT", __FILE__, __LINE__, #x, __VA_ARGS__);  \
  } while (0)

/* 1 when the ZX_DEBUG_* assertions are checked, else 0. */
#if defined(ZX_ASSERT_LEVEL)
#define ZX_DEBUG_ASSERT_IMPLEMENTED (ZX_ASSERT_LEVEL > 1)
#else
#define ZX_DEBUG_ASSERT_IMPLEMENTED 0
#endif

/* ZX_DEBUG_ASSERT(condition) */
#define ZX_DEBUG_ASSERT(x)                                           \
  do {                                                               \
    if (ZX_DEBUG_ASSERT_IMPLEMENTED && __builtin_expect(!(x), 0))    \
      __zx_assert_fail("DEBUG ASSERT", __FILE__, __LINE__, #x);      \
  } while (0)

/* ZX_DEBUG_ASSERT_MSG(condition, format, args...) */
#define ZX_DEBUG_ASSERT_MSG(x, ...)                                              \
  do {                                                                           \
    if (ZX_DEBUG_ASSERT_IMPLEMENTED && __builtin_expect(!(x), 0))                \
      __zx_assert_fail_msg("DEBUG ASSERT", __FILE__, __LINE__, #x, __VA_ARGS__); \
  } while (0)

/*
 * The _COND forms vanish entirely (the condition is not even compiled) when
 * debug assertions are off, so they may name things that exist only in
 * debug builds.
 */
#if ZX_DEBUG_ASSERT_IMPLEMENTED
#define ZX_DEBUG_ASSERT_COND(x) ZX_DEBUG_ASSERT(x)
#define ZX_DEBUG_ASSERT_MSG_COND(x, ...) ZX_DEBUG_ASSERT_MSG(x, __VA_ARGS__)
#else
#define ZX_DEBUG_ASSERT_COND(x) \
  do {                          \
  } while (0)
#define ZX_DEBUG_ASSERT_MSG_COND(x, ...) \
  do {                                   \
  } while (0)
#endif

#endif /* ZIRCON_ASSERT_H_ */

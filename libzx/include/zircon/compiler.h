/* SPDX-License-Identifier: MIT */
/*
 * Compiler glue used by the libzx public headers (C, C++ and assembly).
 * Only GCC and Clang are supported.
 */
#ifndef ZIRCON_COMPILER_H_
#define ZIRCON_COMPILER_H_

#if !defined(__GNUC__) && !defined(__clang__)
#error "libzx headers require GCC or Clang"
#endif

#ifndef __has_feature
#define __has_feature(x) 0
#endif
#ifndef __has_cpp_attribute
#define __has_cpp_attribute(x) 0
#endif

#ifndef __ASSEMBLER__

/* extern "C" wrappers. */
#ifdef __cplusplus
#define __BEGIN_CDECLS extern "C" {
#define __END_CDECLS }
#else
#define __BEGIN_CDECLS
#define __END_CDECLS
#endif

/*
 * Marks a declaration that relies on a GNU extension (anonymous structs,
 * flexible array members in C++), so -pedantic builds stay quiet.
 */
#define __ZX_EXTENSION __extension__

/*
 * Brackets struct definitions that use anonymous structs or flexible array
 * members, which ISO C++ (and Clang even with __extension__) reject under
 * -pedantic.
 */
#define __ZX_PEDANTIC_PUSH \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpedantic\"")
#define __ZX_PEDANTIC_POP _Pragma("GCC diagnostic pop")

/* Common attributes. */
#ifndef __NO_INLINE
#define __NO_INLINE __attribute__((__noinline__))
#endif
#ifndef __ALWAYS_INLINE
#define __ALWAYS_INLINE __attribute__((__always_inline__))
#endif
#if !defined(__UNUSED) && !defined(__cplusplus)
#define __UNUSED __attribute__((__unused__))
#endif
#ifndef __PACKED
#define __PACKED __attribute__((__packed__))
#endif
#ifndef __THREAD
#define __THREAD __thread
#endif
#ifndef __ALIGNED
#define __ALIGNED(x) __attribute__((__aligned__(x)))
#endif
#ifndef __NO_RETURN
#define __NO_RETURN __attribute__((__noreturn__))
#endif
#ifndef __WARN_UNUSED_RESULT
#define __WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#endif
#ifndef __DEPRECATE
#define __DEPRECATE __attribute__((__deprecated__))
#endif
#ifndef __PURE
#define __PURE __attribute__((__pure__))
#endif
#ifndef __CONST
#define __CONST __attribute__((__const__))
#endif
#ifndef __MALLOC
#define __MALLOC __attribute__((__malloc__))
#endif
#ifndef __PRINTFLIKE
#define __PRINTFLIKE(fmt, va) __attribute__((__format__(__printf__, fmt, va)))
#endif
#ifndef __SCANFLIKE
#define __SCANFLIKE(fmt, va) __attribute__((__format__(__scanf__, fmt, va)))
#endif
#ifndef __NONNULL
#define __NONNULL(n) __attribute__((__nonnull__ n))
#endif
#ifndef __LEAF_FN
#define __LEAF_FN __attribute__((__leaf__))
#endif
#ifndef __ALIAS
#define __ALIAS(x) __attribute__((__alias__(x)))
#endif
#ifndef __SECTION
#define __SECTION(x) __attribute__((__section__(x)))
#endif
#ifndef __WEAK
#define __WEAK __attribute__((__weak__))
#endif
#ifndef __WEAK_ALIAS
#define __WEAK_ALIAS(x) __attribute__((__weak__, __alias__(x)))
#endif
#ifndef __ALWAYS_EMIT
#define __ALWAYS_EMIT __attribute__((__used__))
#endif
#ifndef __EXPORT
#define __EXPORT __attribute__((__visibility__("default")))
#endif
#ifndef __LOCAL
#define __LOCAL __attribute__((__visibility__("hidden")))
#endif

#ifdef __cplusplus
#define __CONSTEXPR constexpr
#else
#define __CONSTEXPR
#endif

#if defined(__cplusplus) && __cplusplus >= 201703L
#define __FALLTHROUGH [[fallthrough]]
#elif defined(__GNUC__) && __GNUC__ >= 7
#define __FALLTHROUGH __attribute__((__fallthrough__))
#elif defined(__clang__) && !defined(__cplusplus)
#define __FALLTHROUGH __attribute__((__fallthrough__))
#else
#define __FALLTHROUGH \
  do {                \
  } while (0)
#endif

/* Builtins. */
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#define __GET_CALLER(x) __builtin_return_address(0)
#define __GET_FRAME(x) __builtin_frame_address(0)
#define __ISCONSTANT(x) __builtin_constant_p(x)
#define __UNREACHABLE __builtin_unreachable()
#define __offsetof(type, member) __builtin_offsetof(type, member)

#if !defined(countof) && !defined(__cplusplus)
#define countof(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif

/* Overflow-checked arithmetic: evaluate to true when the result wrapped. */
#define add_overflow(a, b, res) __builtin_add_overflow(a, b, res)
#define sub_overflow(a, b, res) __builtin_sub_overflow(a, b, res)
#define mul_overflow(a, b, res) __builtin_mul_overflow(a, b, res)

/*
 * Thread-safety annotations. They are accepted but compiled out: libzx does
 * not run Clang's thread-safety analysis.
 */
#define __THREAD_ANNOTATION(x)
#define __TA_CAPABILITY(x)
#define __TA_GUARDED(x)
#define __TA_ACQUIRE(...)
#define __TA_ACQUIRE_SHARED(...)
#define __TA_TRY_ACQUIRE(...)
#define __TA_TRY_ACQUIRE_SHARED(...)
#define __TA_ACQUIRED_BEFORE(...)
#define __TA_ACQUIRED_AFTER(...)
#define __TA_RELEASE(...)
#define __TA_RELEASE_SHARED(...)
#define __TA_REQUIRES(...)
#define __TA_REQUIRES_SHARED(...)
#define __TA_EXCLUDES(...)
#define __TA_ASSERT(...)
#define __TA_ASSERT_SHARED(...)
#define __TA_RETURN_CAPABILITY(x)
#define __TA_SCOPED_CAPABILITY
#define __TA_NO_THREAD_SAFETY_ANALYSIS

#endif /* !__ASSEMBLER__ */

#endif /* ZIRCON_COMPILER_H_ */

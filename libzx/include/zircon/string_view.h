/* SPDX-License-Identifier: MIT */
#ifndef ZIRCON_STRING_VIEW_H_
#define ZIRCON_STRING_VIEW_H_

#include <stddef.h>

#if defined(__cplusplus) && __cplusplus >= 201103L && __has_include(<type_traits>)
#include <type_traits>
#define __ZX_STRING_VIEW_HAVE_TRAITS 1
#endif

/*
 * A NUL-terminated UTF-8 string owned by the vDSO, returned together with
 * its length (two registers in the calling convention).
 */
typedef struct zx_string_view {
  const char* c_str; /* always NUL-terminated */
  size_t length;     /* excludes the terminator */

#ifdef __cplusplus
  using value_type = char;
  using const_pointer = const char*;
  using size_type = size_t;

  const_pointer data() const { return c_str; }
  size_type size() const { return length; }

  /* Converts to std::string_view, std::u8string_view or look-alikes. */
#ifdef __ZX_STRING_VIEW_HAVE_TRAITS
  template <typename View, typename = typename std::enable_if<
                               sizeof(typename View::value_type) == sizeof(char)>::type>
#else
  template <typename View>
#endif
  operator View() {
    return View(reinterpret_cast<typename View::const_pointer>(c_str), length);
  }
#endif
} zx_string_view_t;

#endif /* ZIRCON_STRING_VIEW_H_ */

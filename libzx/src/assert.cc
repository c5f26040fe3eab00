// SPDX-License-Identifier: MIT
// What <zircon/assert.h>'s macros call when an assertion fails.
#include <zircon/assert.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

namespace {

[[noreturn]] void Die() {
  fflush(nullptr);  // what the program printed so far comes out first
  abort();
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void __zx_panic(const char* format, ...) {
  va_list args;
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  Die();
}

extern "C" __attribute__((visibility("default"))) void __zx_assert_fail(const char* kind,
                                                                        const char* file, int line,
                                                                        const char* expr) {
  fprintf(stderr, "%s FAILED at (%s:%d): %s\n", kind, file, line, expr);
  Die();
}

extern "C" __attribute__((visibility("default"))) void __zx_assert_fail_msg(
    const char* kind, const char* file, int line, const char* expr, const char* format, ...) {
  fprintf(stderr, "%s FAILED at (%s:%d): %s\n", kind, file, line, expr);
  va_list args;
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  fputc('\n', stderr);
  Die();
}

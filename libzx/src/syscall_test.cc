// SPDX-License-Identifier: MIT
// The test-only calls: argument passing and handle results end to end.
#include <initializer_list>

#include <zircon/testonly-syscalls.h>

#include "ioctl.h"

namespace {

zx_status_t Sum(std::initializer_list<int32_t> values) {
  zx_status_t sum = 0;
  zx_syscall_test_args args = {};
  for (int32_t v : values)
    args.args[args.count++] = v;
  args.out = libzx::Ptr(&sum);
  zx_status_t status = libzx::Call(ZX_IOC_SYSCALL_TEST, &args);
  return status == ZX_OK ? sum : status;
}

}  // namespace

ZX_EXPORT zx_status_t zx_syscall_test_0(void) { return Sum({}); }

ZX_EXPORT zx_status_t zx_syscall_test_1(int32_t a) { return Sum({a}); }

ZX_EXPORT zx_status_t zx_syscall_test_2(int32_t a, int32_t b) { return Sum({a, b}); }

ZX_EXPORT zx_status_t zx_syscall_test_3(int32_t a, int32_t b, int32_t c) {
  return Sum({a, b, c});
}

ZX_EXPORT zx_status_t zx_syscall_test_4(int32_t a, int32_t b, int32_t c, int32_t d) {
  return Sum({a, b, c, d});
}

ZX_EXPORT zx_status_t zx_syscall_test_5(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e) {
  return Sum({a, b, c, d, e});
}

ZX_EXPORT zx_status_t zx_syscall_test_6(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e,
                                        int32_t f) {
  return Sum({a, b, c, d, e, f});
}

ZX_EXPORT zx_status_t zx_syscall_test_7(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e,
                                        int32_t f, int32_t g) {
  return Sum({a, b, c, d, e, f, g});
}

ZX_EXPORT zx_status_t zx_syscall_test_8(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e,
                                        int32_t f, int32_t g, int32_t h) {
  return Sum({a, b, c, d, e, f, g, h});
}

// On Fuchsia the vDSO checks the arguments and the result around the call.
ZX_EXPORT zx_status_t zx_syscall_test_wrapper(int32_t a, int32_t b, int32_t c) {
  if (a < 0 || b < 0 || c < 0)
    return ZX_ERR_INVALID_ARGS;
  zx_status_t result = Sum({a, b, c});
  return result > 50 ? ZX_ERR_OUT_OF_RANGE : result;
}

ZX_EXPORT zx_status_t zx_syscall_test_handle_create(zx_status_t return_value, zx_handle_t* out) {
  zx_status_t result = ZX_ERR_INTERNAL;
  zx_syscall_test_handle_create_args args = {.return_value = return_value,
                                             .reserved = 0,
                                             .out = libzx::Ptr(out),
                                             .status = libzx::Ptr(&result)};
  zx_status_t status = libzx::Call(ZX_IOC_SYSCALL_TEST_HANDLE_CREATE, &args);
  return status == ZX_OK ? result : status;
}

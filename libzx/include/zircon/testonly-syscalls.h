/* SPDX-License-Identifier: MIT */
/* System calls that exist only for kernel/vDSO testing. */
#ifndef ZIRCON_TESTONLY_SYSCALLS_H_
#define ZIRCON_TESTONLY_SYSCALLS_H_

#include <zircon/syscalls.h>

__BEGIN_CDECLS

extern zx_status_t zx_syscall_test_0(void);
extern zx_status_t zx_syscall_test_1(int32_t a);
extern zx_status_t zx_syscall_test_2(int32_t a, int32_t b);
extern zx_status_t zx_syscall_test_3(int32_t a, int32_t b, int32_t c);
extern zx_status_t zx_syscall_test_4(int32_t a, int32_t b, int32_t c, int32_t d);
extern zx_status_t zx_syscall_test_5(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e);
extern zx_status_t zx_syscall_test_6(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f);
extern zx_status_t zx_syscall_test_7(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f, int32_t g);
extern zx_status_t zx_syscall_test_8(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f, int32_t g, int32_t h);
extern zx_status_t zx_syscall_test_wrapper(int32_t a, int32_t b, int32_t c);
extern zx_status_t zx_syscall_test_handle_create(zx_status_t return_value, zx_handle_t* out);

__END_CDECLS

#endif /* ZIRCON_TESTONLY_SYSCALLS_H_ */

// SPDX-License-Identifier: GPL-2.0
/*
 * The test-only calls of <zircon/testonly-syscalls.h>: every argument
 * reaches the kernel in its place, results come back whole, the wrapper's
 * checks hold, and a failing call leaves no handle behind.
 */
#include <zircon/testonly-syscalls.h>

#include "zx_test.h"

TEST(arguments_arrive_in_their_places)
{
	EXPECT_EQ(0, zx_syscall_test_0());
	EXPECT_EQ(1, zx_syscall_test_1(1));
	EXPECT_EQ(3, zx_syscall_test_2(1, 2));
	EXPECT_EQ(6, zx_syscall_test_3(1, 2, 3));
	EXPECT_EQ(10, zx_syscall_test_4(1, 2, 3, 4));
	EXPECT_EQ(15, zx_syscall_test_5(1, 2, 3, 4, 5));
	EXPECT_EQ(21, zx_syscall_test_6(1, 2, 3, 4, 5, 6));
	EXPECT_EQ(28, zx_syscall_test_7(1, 2, 3, 4, 5, 6, 7));
	EXPECT_EQ(36, zx_syscall_test_8(1, 2, 3, 4, 5, 6, 7, 8));
	/* One bit per place: a lost or repeated argument shows. */
	EXPECT_EQ(0xff, zx_syscall_test_8(1, 2, 4, 8, 16, 32, 64, 128));
	EXPECT_EQ(0x7f, zx_syscall_test_7(1, 2, 4, 8, 16, 32, 64));
	EXPECT_EQ(-2, zx_syscall_test_2(-5, 3));
	/* Sums wrap as int32 additions do. */
	EXPECT_EQ(INT32_MIN, zx_syscall_test_2(INT32_MAX, 1));
}

TEST(the_wrapper_checks_arguments_and_result)
{
	EXPECT_EQ(6, zx_syscall_test_wrapper(1, 2, 3));
	EXPECT_EQ(50, zx_syscall_test_wrapper(10, 20, 20));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_syscall_test_wrapper(-1, 2, 3));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_syscall_test_wrapper(1, 2, -3));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_syscall_test_wrapper(10, 20, 30));
}

TEST(handle_create_makes_a_handle_only_on_success)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_handle_basic_t info;
	zx_handle_t h = 0x1234;

	EXPECT_ZX(ZX_ERR_IO, zx_syscall_test_handle_create(ZX_ERR_IO, &h));
	EXPECT_EQ(0x1234u, h);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_syscall_test_handle_create(ZX_ERR_ACCESS_DENIED, &h));
	EXPECT_EQ(0x1234u, h);
	ASSERT_LIVE_EQ(base);

	ASSERT_ZX_OK(zx_syscall_test_handle_create(ZX_OK, &h));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), NULL, NULL));
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_ZX_OK(zx_handle_close(h));
	/* A bad out pointer: no handle either. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_syscall_test_handle_create(ZX_OK, (zx_handle_t *)8));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

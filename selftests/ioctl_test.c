// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl ABI under libzx: argument structs are extensible (an older,
 * shorter struct is zero-extended, a newer one must have a zero tail), and
 * an open /dev/zircon is not bound to the process that first used it.
 */
#include "zx_test.h"

#include <sys/ioctl.h>

#include "../uapi/zircon_ioctl.h"

/* The same command number with another struct size. */
static unsigned long zxt_cmd_sized(unsigned long cmd, size_t size)
{
	return _IOC(_IOC_WRITE, ZX_IOC_MAGIC, _IOC_NR(cmd), size);
}

static int zxt_open_dev(struct __test_metadata *_metadata)
{
	int fd = open("/dev/zircon", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, fd);
	return fd;
}

/* handle_close's struct with a tail a newer libzx could have added. */
struct close_args_newer {
	struct zx_handle_close_args args;
	uint8_t tail[9];
};

TEST(struct_of_the_kernels_size_works)
{
	int fd = zxt_open_dev(_metadata);
	struct zx_handle_close_args args = { .handle = zxt_event(_metadata) };

	EXPECT_EQ(0, ioctl(fd, ZX_IOC_HANDLE_CLOSE, &args));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(args.handle));
	close(fd);
}

TEST(longer_struct_with_zero_tail_works)
{
	int fd = zxt_open_dev(_metadata);
	struct close_args_newer a = { .args.handle = zxt_event(_metadata) };

	/* 8 + 8 bytes, and 8 + 9: not a multiple of 8. */
	EXPECT_EQ(0, ioctl(fd, zxt_cmd_sized(ZX_IOC_HANDLE_CLOSE, 16), &a));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a.args.handle));
	a.args.handle = zxt_event(_metadata);
	EXPECT_EQ(0, ioctl(fd, zxt_cmd_sized(ZX_IOC_HANDLE_CLOSE, sizeof(a)),
			   &a));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a.args.handle));
	close(fd);
}

TEST(longer_struct_with_nonzero_tail_is_refused)
{
	int fd = zxt_open_dev(_metadata);
	struct close_args_newer a = { .args.handle = zxt_event(_metadata) };

	a.tail[8] = 1;
	errno = 0;
	EXPECT_EQ(-1, ioctl(fd, zxt_cmd_sized(ZX_IOC_HANDLE_CLOSE, sizeof(a)),
			    &a));
	EXPECT_EQ(E2BIG, errno);
	/* Refused before the handler ran: the handle is still there. */
	EXPECT_ZX_OK(zxt_valid(a.args.handle));
	EXPECT_ZX_OK(zx_handle_close(a.args.handle));
	close(fd);
}

TEST(struct_shorter_than_the_oldest_is_refused)
{
	int fd = zxt_open_dev(_metadata);
	struct zx_handle_close_args args = { .handle = zxt_event(_metadata) };

	errno = 0;
	EXPECT_EQ(-1, ioctl(fd, zxt_cmd_sized(ZX_IOC_HANDLE_CLOSE, 4), &args));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_ZX_OK(zx_handle_close(args.handle));
	close(fd);
}

/* set_disposition's oldest struct ends before its reserved field. */
TEST(older_shorter_struct_is_zero_extended)
{
	int fd = zxt_open_dev(_metadata);
	struct zx_socket_disposition_args args = { 0 };
	zx_handle_t s0, s1;

	ASSERT_ZX_OK(zx_socket_create(0, &s0, &s1));
	args.handle = s0;
	args.disposition = ZX_SOCKET_DISPOSITION_WRITE_DISABLED;
	/* Would be refused as a non-zero reserved field if it were read. */
	args.reserved = 1;
	EXPECT_EQ(0, ioctl(fd, zxt_cmd_sized(ZX_IOC_SOCKET_SET_DISPOSITION,
					     12), &args));
	EXPECT_EQ(-ZX_ERR_INVALID_ARGS,
		  ioctl(fd, ZX_IOC_SOCKET_SET_DISPOSITION, &args));
	EXPECT_SIGNALS(ZX_SOCKET_WRITE_DISABLED,
		       zxt_signals(_metadata, s0) & ZX_SOCKET_WRITE_DISABLED);
	EXPECT_ZX_OK(zx_handle_close(s0));
	EXPECT_ZX_OK(zx_handle_close(s1));
	close(fd);
}

TEST(bad_argument_pointer_faults_on_both_paths)
{
	int fd = zxt_open_dev(_metadata);

	errno = 0;
	EXPECT_EQ(-1, ioctl(fd, ZX_IOC_HANDLE_CLOSE, ZXT_BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	errno = 0;
	EXPECT_EQ(-1, ioctl(fd, zxt_cmd_sized(ZX_IOC_HANDLE_CLOSE, 16),
			    ZXT_BAD_PTR));
	EXPECT_EQ(EFAULT, errno);
	close(fd);
}

/* ---- one file, several processes --------------------------------------------------- */

struct shared_fd {
	int fd;
	zx_handle_t parent_event;
};

static int close_through_fd(int fd, zx_handle_t h)
{
	struct zx_handle_close_args args = { .handle = h };

	return ioctl(fd, ZX_IOC_HANDLE_CLOSE, &args);
}

/* A child calling through the parent's file sees its own table. */
static int child_uses_inherited_fd(void *arg)
{
	const struct shared_fd *s = arg;
	zx_handle_t mine = ZX_HANDLE_INVALID;

	CHILD_CHECK(close_through_fd(s->fd, s->parent_event) ==
		    -ZX_ERR_BAD_HANDLE);
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &mine));
	CHILD_CHECK(close_through_fd(s->fd, mine) == 0);
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(mine));
	return 0;
}

TEST(forked_child_through_the_parents_file_has_its_own_table)
{
	struct shared_fd s = {
		.fd = zxt_open_dev(_metadata),
		.parent_event = zxt_event(_metadata),
	};
	zx_handle_t other = zxt_event(_metadata);

	/* The parent used the file first: it remembers the parent. */
	ASSERT_EQ(0, close_through_fd(s.fd, other));
	ASSERT_CHILD_OK(zxt_fork_run(child_uses_inherited_fd, &s));
	EXPECT_ZX_OK(zxt_valid(s.parent_event));
	ASSERT_EQ(0, close_through_fd(s.fd, s.parent_event));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(s.parent_event));
	close(s.fd);
}

TEST(file_first_used_by_an_exited_child_still_serves_the_parent)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct shared_fd s = {
		.fd = zxt_open_dev(_metadata),
		.parent_event = zxt_event(_metadata),
	};

	/* The child is the file's first user, and exits. */
	ASSERT_CHILD_OK(zxt_fork_run(child_uses_inherited_fd, &s));
	EXPECT_ZX_OK(zxt_valid(s.parent_event));
	ASSERT_EQ(0, close_through_fd(s.fd, s.parent_event));
	EXPECT_EQ(-ZX_ERR_BAD_HANDLE, close_through_fd(s.fd, s.parent_event));
	/* The file keeps nothing of the child's alive. */
	ASSERT_LIVE_EQ(base);
	close(s.fd);
}

TEST_HARNESS_MAIN

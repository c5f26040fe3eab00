// SPDX-License-Identifier: GPL-2.0
/*
 * zx_ioports_request/release: x86 I/O port access gated by IOPORT
 * resources, granted to the calling thread through Linux's ioperm().
 * On arm64 there are no I/O ports: ZX_ERR_NOT_SUPPORTED.  Runs as root.
 */
#if defined(__x86_64__)
#include <sys/io.h>
#endif

#include <zircon/syscalls/resource.h>

#include "zx_test.h"

/* POST diagnostic port: reading it has no effect. */
#define IOP_PORT	0x80

static zx_handle_t iop_root(struct __test_metadata *_metadata)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	return root;
}

#if defined(__x86_64__)
static void iop_on_segv(int sig)
{
	_exit(2);
}

static int iop_read_port(void *arg)
{
	/* Handled, so the kernel does not log the fault as unhandled. */
	signal(SIGSEGV, iop_on_segv);
	(void)inb(IOP_PORT);
	return 0;
}

/* A forked child reads the port: exit 0, or 2 on SIGSEGV. */
static bool iop_port_readable(void)
{
	int status = zxt_fork_run(iop_read_port, NULL);

	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(request_grants_and_release_revokes)
{
	zx_handle_t root = iop_root(_metadata), io;
	struct zxt_live base = zxt_settle(_metadata);
	zx_status_t st;

	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_IOPORT, IOP_PORT,
					1, NULL, 0, &io));
	EXPECT_FALSE(iop_port_readable());
	st = zx_ioports_request(io, IOP_PORT, 1);
	if (st == ZX_ERR_NOT_SUPPORTED) {
		EXPECT_ZX_OK(zx_handle_close(io));
		SKIP(return, "this kernel has no ioperm()");
	}
	ASSERT_ZX_OK(st);
	EXPECT_TRUE(iop_port_readable());
	ASSERT_ZX_OK(zx_ioports_release(io, IOP_PORT, 1));
	EXPECT_FALSE(iop_port_readable());
	EXPECT_ZX_OK(zx_handle_close(io));
	ASSERT_LIVE_EQ(base);
}

TEST(errors)
{
	zx_handle_t root = iop_root(_metadata), io, mmio, ev;
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_IOPORT, IOP_PORT,
					1, NULL, 0, &io));
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, 0xfe000000,
					4096, NULL, 0, &mmio));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_ioports_request(ZXT_BOGUS_HANDLE, IOP_PORT, 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_ioports_request(ev, IOP_PORT, 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_ioports_request(mmio, IOP_PORT, 1));
	/* Outside the resource's range. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_ioports_request(io, IOP_PORT, 2));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_ioports_release(io, 0x70, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_ioports_request(io, IOP_PORT, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_ioports_request(root, 0xffff, 2));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ io, mmio, ev }, 3));
	ASSERT_LIVE_EQ(base);
}
#else
TEST(no_io_ports_here)
{
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_ioports_request(iop_root(_metadata), 0x80, 1));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_ioports_release(iop_root(_metadata), 0x80, 1));
}
#endif

static int iop_unprivileged_child(void *arg)
{
	CHILD_CHECK(setgid(65534) == 0 && setuid(65534) == 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	CHILD_CHECK(zx_ioports_request(ZX_HANDLE_INVALID, 0x80, 1) !=
		    ZX_OK);
	return 0;
}

TEST(an_unprivileged_process_gets_no_ports)
{
	ASSERT_CHILD_OK(zxt_fork_run(iop_unprivileged_child, NULL));
}

TEST_HARNESS_MAIN

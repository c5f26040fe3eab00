// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged process (uid 1000, no capabilities) can reach:
 * nothing that needs the root resource or touches hardware, and no object
 * of another user's process. Run as root, each test drops privileges in a
 * child; the unprivileged pass of `make check` runs it as uid 1000 too.
 */
#include <grp.h>
#include <sys/stat.h>

#include <lib/zxlinux/fd.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/smc.h>

#include "zx_test.h"

#define UP_UID		1000
#define UP_PAGE		0x1000ull

/* In a child: become uid/gid 1000 without capabilities, if not already. */
static int up_drop(void)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) || setresgid(UP_UID, UP_UID, UP_UID) ||
	    setresuid(UP_UID, UP_UID, UP_UID))
		return -1;
	return 0;
}

/* @st failed and no handle came out. */
#define CHILD_REFUSED(expr, out) do {					\
	(out) = ZX_HANDLE_INVALID;					\
	zx_status_t __up_st = (expr);					\
	if (__up_st == ZX_OK || (out) != ZX_HANDLE_INVALID) {		\
		fprintf(stderr, "# %s:%d: child: %s gave %s\n",		\
			__FILE__, __LINE__, #expr,			\
			zx_status_get_string(__up_st));			\
		_exit(1);						\
	}								\
} while (0)

/*
 * Every root-only creator, with @rsrc standing in for a resource (virtual
 * interrupts need none, as on Zircon).
 */
static void up_root_only_calls(zx_handle_t rsrc)
{
	zx_iommu_desc_dummy_t desc = {};
	zx_pcie_device_info_t pci;
	zx_handle_t h;
	size_t count;
	uint8_t info[4096];

	CHILD_REFUSED(zx_resource_create(rsrc, ZX_RSRC_KIND_MMIO, 0x40000000,
					 UP_PAGE, "x", 1, &h), h);
	CHILD_REFUSED(zx_resource_create(rsrc, ZX_RSRC_KIND_ROOT, 0, 0, "x", 1,
					 &h), h);
	CHILD_REFUSED(zx_iommu_create(rsrc, ZX_IOMMU_TYPE_DUMMY, &desc,
				      sizeof(desc), &h), h);
	CHILD_REFUSED(zx_vmo_create_physical(rsrc, 0xfe000000, UP_PAGE, &h), h);
	CHILD_REFUSED(zx_interrupt_create(rsrc, 1, 0, &h), h);
	CHILD_REFUSED(zx_pci_get_nth_device(rsrc, 0, &pci, &h), h);
	CHILD_REFUSED(zx_debuglog_create(rsrc, ZX_LOG_FLAG_READABLE, &h), h);
	h = ZX_HANDLE_INVALID;
	CHILD_CHECK(zx_ioports_request(rsrc, 0x80, 1) != ZX_OK);
	CHILD_CHECK(zx_system_get_performance_info(rsrc, 1, 1, info, &count) !=
		    ZX_OK);
	CHILD_CHECK(zx_system_powerctl(rsrc, 0, NULL) != ZX_OK);
	CHILD_CHECK(zx_system_mexec_payload_get(rsrc, info, sizeof(info)) !=
		    ZX_OK);
#if defined(__aarch64__)
	{
		zx_smc_parameters_t p = { .func_id = 0x84000000 };
		zx_smc_result_t r;

		CHILD_CHECK(zx_smc_call(rsrc, &p, &r) != ZX_OK);
	}
#endif
}

static int up_no_root_resource_child(void *arg)
{
	zx_handle_t ev;

	(void)arg;
	CHILD_CHECK(up_drop() == 0);
	CHILD_CHECK(geteuid() != 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	up_root_only_calls(ZX_HANDLE_INVALID);
	up_root_only_calls(ZXT_BOGUS_HANDLE);
	/* Any other object is no resource. */
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	up_root_only_calls(ev);
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(ev));
	return 0;
}

TEST(no_root_resource_and_no_root_only_call)
{
	ASSERT_CHILD_OK(zxt_fork_run(up_no_root_resource_child, NULL));
}

/* The root parent's handles and their descriptor, seen from the child. */
struct up_parent {
	pid_t pid;
	zx_handle_t event;	/* a handle value of the parent's */
	zx_handle_t root;	/* the parent's root resource */
	int fd;			/* a descriptor holding a handle of the parent's */
};

static int up_other_user_child(void *arg)
{
	struct up_parent *p = arg;
	char path[64];
	zx_handle_t h;
	int fd;

	/* What fork() shares by design goes first: the child gives it up. */
	CHILD_CHECK(close(p->fd) == 0);
	CHILD_CHECK(up_drop() == 0);
	/* Handle values name nothing in another process. */
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_object_signal(p->event, 0, ZX_USER_SIGNAL_0));
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_resource_create(p->root, ZX_RSRC_KIND_MMIO,
					  0x40000000, UP_PAGE, "x", 1, &h));
	/* The parent's descriptors are another user's: not reachable. */
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", p->pid, p->fd);
	fd = open(path, O_RDWR);
	CHILD_CHECK(fd < 0 && errno == EACCES);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	return 0;
}

TEST(another_users_handles_are_out_of_reach)
{
	struct up_parent p = { .pid = getpid() };
	zx_handle_t fd_event;

	if (geteuid() != 0)
		SKIP(return, "needs root, to be the other user");
	p.root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, p.root);
	ASSERT_ZX_OK(zx_event_create(0, &p.event));
	ASSERT_ZX_OK(zx_event_create(0, &fd_event));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(fd_event, 0, &p.fd));
	ASSERT_CHILD_OK(zxt_fork_run(up_other_user_child, &p));
	/* Still the parent's, untouched. */
	ASSERT_ZX_OK(zxlinux_handle_from_fd(p.fd, &fd_event));
	EXPECT_ZX_OK(zx_handle_close(fd_event));
	EXPECT_EQ(0, close(p.fd));
	EXPECT_ZX_OK(zx_handle_close(p.event));
	EXPECT_ZX_OK(zx_handle_close(p.root));
}

/* /dev/zircon itself is for everyone, and everything else works. */
static int up_everyday_child(void *arg)
{
	zx_handle_t a, b, v;
	char buf[8] = "";
	uint32_t n, nh;

	(void)arg;
	CHILD_CHECK(up_drop() == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a, &b));
	CHILD_CHECK_ZX(ZX_OK, zx_vmo_create(UP_PAGE, 0, &v));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a, 0, "hi", 2, &v, 1));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_read(b, 0, buf, &v, sizeof(buf), 1,
					      &n, &nh));
	CHILD_CHECK(n == 2 && nh == 1 && !memcmp(buf, "hi", 2));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(v));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(a));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(b));
	return 0;
}

TEST(an_unprivileged_process_uses_zircon)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/zircon", &st));
	EXPECT_EQ(0666u, st.st_mode & 0777);
	ASSERT_CHILD_OK(zxt_fork_run(up_everyday_child, NULL));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Thread objects: zx_thread_self() names the calling Linux thread.
 *
 * The handle belongs to the runtime (libzx keeps one per thread and closes
 * it when the thread exits), so tests never close it; a test that asks for
 * the main thread's handle does so before taking its baseline.
 */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "zx_test.h"
#include "../uapi/zircon_ioctl.h"

struct th_result {
	pthread_t thread;
	zx_handle_t first, second;
	zx_info_handle_basic_t info;
	zx_status_t info_status;
	int ready;
	int stop;
};

static void *th_self_main(void *arg)
{
	struct th_result *r = arg;

	r->first = zx_thread_self();
	r->second = zx_thread_self();
	r->info_status = zx_object_get_info(r->first, ZX_INFO_HANDLE_BASIC,
					    &r->info, sizeof(r->info),
					    NULL, NULL);
	__atomic_store_n(&r->ready, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Like th_self_main, then stays until told to stop. */
static void *th_self_hold_main(void *arg)
{
	struct th_result *r = arg;

	th_self_main(r);
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	return NULL;
}

TEST(self_basic_info)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_handle_basic_t info;
	zx_koid_t proc_koid;

	ASSERT_NE(ZX_HANDLE_INVALID, self);
	/* Cached: the same handle every time. */
	EXPECT_EQ(self, zx_thread_self());
	info = zxt_basic(_metadata, self);
	EXPECT_EQ(ZX_OBJ_TYPE_THREAD, info.type);
	EXPECT_NE(ZX_KOID_INVALID, info.koid);
	EXPECT_EQ(ZX_DEFAULT_THREAD_RIGHTS, info.rights);
	proc_koid = zxt_koid(_metadata, zx_process_self());
	EXPECT_EQ(proc_koid, info.related_koid);
	EXPECT_NE(proc_koid, info.koid);
	/* A thread object carries user signals like any object. */
	EXPECT_ZX_OK(zx_object_signal(self, 0, ZX_USER_SIGNAL_2));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, zxt_signals(_metadata, self));
	EXPECT_ZX_OK(zx_object_signal(self, ZX_USER_SIGNAL_2, 0));
	ASSERT_LIVE_EQ(base);
}

/* Every ask of the kernel names the same object: the same koid. */
TEST(kernel_finds_the_same_object_again)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h1 = ZX_HANDLE_INVALID, h2 = ZX_HANDLE_INVALID;
	struct zx_create_args args = { 0 };
	int fd;

	fd = open("/dev/zircon", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	args.out = (uintptr_t)&h1;
	ASSERT_EQ(0, ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	args.out = (uintptr_t)&h2;
	ASSERT_EQ(0, ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	EXPECT_NE(h1, h2);
	EXPECT_NE(self, h1);
	EXPECT_EQ(zxt_koid(_metadata, self), zxt_koid(_metadata, h1));
	EXPECT_EQ(zxt_koid(_metadata, self), zxt_koid(_metadata, h2));
	/* Three handles, one object. */
	EXPECT_EQ(3u, zxt_handle_count(_metadata, self));

	/* Bad arguments. */
	args.options = 1;
	EXPECT_EQ(-ZX_ERR_INVALID_ARGS,
		  ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	args.options = 0;
	args.out = (uintptr_t)ZXT_BAD_PTR;
	EXPECT_EQ(-ZX_ERR_INVALID_ARGS,
		  ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(h1));
	EXPECT_ZX_OK(zx_handle_close(h2));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, self));
	ASSERT_LIVE_EQ(base);
}

TEST(koid_differs_per_thread)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t main_koid = zxt_koid(_metadata, self);
	zx_koid_t proc_koid = zxt_koid(_metadata, zx_process_self());
	struct th_result r[4];
	int i, j;

	memset(r, 0, sizeof(r));
	/* All alive at once, so no koid could be a reused one. */
	for (i = 0; i < 4; i++)
		zxt_thread_start(_metadata, &r[i].thread, th_self_hold_main,
				 &r[i]);
	for (i = 0; i < 4; i++)
		while (!__atomic_load_n(&r[i].ready, __ATOMIC_ACQUIRE))
			zxt_sleep_ms(1);
	for (i = 0; i < 4; i++) {
		ASSERT_ZX_OK(r[i].info_status);
		EXPECT_NE(ZX_HANDLE_INVALID, r[i].first);
		EXPECT_EQ(r[i].first, r[i].second);
		EXPECT_EQ(ZX_OBJ_TYPE_THREAD, r[i].info.type);
		EXPECT_EQ(proc_koid, r[i].info.related_koid);
		EXPECT_NE(main_koid, r[i].info.koid);
		for (j = 0; j < i; j++) {
			EXPECT_NE(r[j].info.koid, r[i].info.koid);
			EXPECT_NE(r[j].first, r[i].first);
		}
	}
	for (i = 0; i < 4; i++) {
		__atomic_store_n(&r[i].stop, 1, __ATOMIC_RELEASE);
		zxt_thread_join(_metadata, r[i].thread);
	}
	/* The threads are gone, and with their handles their objects. */
	ASSERT_LIVE_EQ(base);
}

/* A thread object outlives its thread while a handle holds it. */
TEST(handle_outlives_thread)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct th_result r;
	zx_handle_t dup;
	zx_info_handle_basic_t info;

	memset(&r, 0, sizeof(r));
	zxt_thread_start(_metadata, &r.thread, th_self_main, &r);
	zxt_thread_join(_metadata, r.thread);
	ASSERT_ZX_OK(r.info_status);
	/* The exiting thread closed its handle: nothing is left. */
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(r.first));
	ASSERT_LIVE_EQ(base);

	/* Now keep a duplicate made while it ran. */
	memset(&r, 0, sizeof(r));
	zxt_thread_start(_metadata, &r.thread, th_self_hold_main, &r);
	while (!__atomic_load_n(&r.ready, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	ASSERT_ZX_OK(r.info_status);
	dup = zxt_dup(_metadata, r.first, ZX_RIGHT_SAME_RIGHTS);
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, r.thread);
	info = zxt_basic(_metadata, dup);
	EXPECT_EQ(r.info.koid, info.koid);
	EXPECT_EQ(ZX_OBJ_TYPE_THREAD, info.type);
	EXPECT_ZX_OK(zx_handle_close(dup));
	ASSERT_LIVE_EQ(base);
}

/* Threads that skip every exit handler: the process context cleans up. */
static void *th_raw_exit_main(void *arg)
{
	struct th_result *r = arg;

	th_self_main(r);
	syscall(SYS_exit, 0);
	return NULL;
}

static int th_raw_exit_child(void *arg)
{
	struct th_result r[3];
	int i;

	memset(r, 0, sizeof(r));
	CHILD_CHECK(zx_thread_self() != ZX_HANDLE_INVALID);
	for (i = 0; i < 3; i++) {
		CHILD_CHECK(pthread_create(&r[i].thread, NULL,
					   th_raw_exit_main, &r[i]) == 0);
		/* The kernel clears the tid on exit, so join still works. */
		CHILD_CHECK(pthread_join(r[i].thread, NULL) == 0);
		CHILD_CHECK_ZX(ZX_OK, r[i].info_status);
		/* Its handle was never closed: the object is still there. */
		CHILD_CHECK_ZX(ZX_OK, zxt_valid(r[i].first));
	}
	return 0;
}

TEST(threads_exiting_silently_are_freed_with_the_process)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(th_raw_exit_child, NULL));
	ASSERT_LIVE_EQ(base);
}

/* A fork child's thread is a new thread in a new process. */
struct th_fork_arg {
	zx_koid_t parent_thread;
	zx_koid_t parent_process;
};

static int th_fork_child(void *arg)
{
	struct th_fork_arg *a = arg;
	zx_info_handle_basic_t info;
	zx_handle_t self = zx_thread_self();

	CHILD_CHECK(self != ZX_HANDLE_INVALID);
	CHILD_CHECK(self == zx_thread_self());
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(self, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info),
						 NULL, NULL));
	CHILD_CHECK(info.type == ZX_OBJ_TYPE_THREAD);
	CHILD_CHECK(info.koid != a->parent_thread);
	CHILD_CHECK(info.related_koid != a->parent_process);
	CHILD_CHECK(info.related_koid != ZX_KOID_INVALID);
	return 0;
}

TEST(fork_child_gets_its_own_thread)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	struct th_fork_arg a = {
		.parent_thread = zxt_koid(_metadata, self),
		.parent_process = zxt_koid(_metadata, zx_process_self()),
	};

	ASSERT_CHILD_OK(zxt_fork_run(th_fork_child, &a));
	EXPECT_EQ(self, zx_thread_self());
	EXPECT_EQ(a.parent_thread, zxt_koid(_metadata, self));
	ASSERT_LIVE_EQ(base);
}

/* Many short-lived threads: no object or handle is left behind. */
TEST(many_threads_leave_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct th_result r[16];
	int round, i;

	for (round = 0; round < 4; round++) {
		memset(r, 0, sizeof(r));
		for (i = 0; i < 16; i++)
			zxt_thread_start(_metadata, &r[i].thread,
					 th_self_main, &r[i]);
		for (i = 0; i < 16; i++) {
			zxt_thread_join(_metadata, r[i].thread);
			EXPECT_ZX_OK(r[i].info_status);
			EXPECT_EQ(ZX_OBJ_TYPE_THREAD, r[i].info.type);
		}
	}
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

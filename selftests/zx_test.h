/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the zircon.ko selftests.
 *
 * Every test runs in its own process (the harness forks one per test), so
 * every test starts with an empty handle table.  Helpers that take
 * "_metadata" may use ASSERT_*() and must only be called from the thread
 * running the test; other threads record results for it to check.
 */
#ifndef ZX_TEST_H
#define ZX_TEST_H

/* Before any system header: gettid(), program_invocation_short_name. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>

/* The Makefile extracts the harness from the kernel source to build/. */
#if __has_include("kselftest_harness.h")
#include "kselftest_harness.h"
#else
#include "../build/kselftest/kselftest_harness.h"
#endif

/*
 * The harness kills a test after TEST_TIMEOUT_DEFAULT seconds; emulated
 * test machines can be very slow, so give every test more time.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	300

/* The module's counters, one file each. */
#define ZXT_SYSFS_DIR		"/sys/class/misc/zircon/"

/* Never a handle value: the fixed low bits are clear. */
#define ZXT_BOGUS_HANDLE	((zx_handle_t)0x12345670u)

/* An address in the never-mapped first page. */
#define ZXT_BAD_PTR		((void *)1)

/* How long to wait for the module's asynchronous process teardown. */
#define ZXT_SETTLE_MS		10000

/* ---- status assertions ------------------------------------------------ */

#define __ZXT_STATUS(expected, expr, check) do {			\
	zx_status_t __zxt_want = (expected);				\
	zx_status_t __zxt_got = (expr);					\
	check(__zxt_want, __zxt_got) {					\
		TH_LOG("%s: expected %s, got %s", #expr,		\
		       zx_status_get_string(__zxt_want),		\
		       zx_status_get_string(__zxt_got));		\
	}								\
} while (0)

/* The call must return exactly @expected; failures name both statuses. */
#define ASSERT_ZX(expected, expr)	__ZXT_STATUS(expected, expr, ASSERT_EQ)
#define EXPECT_ZX(expected, expr)	__ZXT_STATUS(expected, expr, EXPECT_EQ)
#define ASSERT_ZX_OK(expr)		ASSERT_ZX(ZX_OK, expr)
#define EXPECT_ZX_OK(expr)		EXPECT_ZX(ZX_OK, expr)

/* Signal masks, printed in hex when they differ. */
#define __ZXT_SIGNALS(expected, expr, check) do {			\
	zx_signals_t __zxt_want = (expected);				\
	zx_signals_t __zxt_got = (expr);				\
	check(__zxt_want, __zxt_got) {					\
		TH_LOG("%s: expected signals %#x, got %#x", #expr,	\
		       __zxt_want, __zxt_got);				\
	}								\
} while (0)
#define ASSERT_SIGNALS(expected, expr)	__ZXT_SIGNALS(expected, expr, ASSERT_EQ)
#define EXPECT_SIGNALS(expected, expr)	__ZXT_SIGNALS(expected, expr, EXPECT_EQ)

/* ---- time --------------------------------------------------------------- */

/* CLOCK_MONOTONIC read directly, independent of libzx. */
static inline zx_time_t zxt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (zx_time_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void zxt_sleep_ms(int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---- the module's live counters ------------------------------------------ */

/* Reads /sys/class/misc/zircon/@name; -1 if it cannot be read. */
static inline long zxt_live_count(const char *name)
{
	char path[128], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), ZXT_SYSFS_DIR "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

struct zxt_live {
	long handles;
	long objects;
};

static inline struct zxt_live zxt_live_now(void)
{
	struct zxt_live live = {
		.handles = zxt_live_count("live_handles"),
		.objects = zxt_live_count("live_objects"),
	};

	return live;
}

/*
 * Polls until the live counts equal @want, for up to @timeout_ms.  Returns
 * true if they did; *@last holds the counts seen last.
 */
static inline bool zxt_live_wait_for(struct zxt_live want, int timeout_ms,
				     struct zxt_live *last)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)timeout_ms * 1000000;

	for (;;) {
		*last = zxt_live_now();
		if (last->handles == want.handles &&
		    last->objects == want.objects)
			return true;
		if (zxt_now() > give_up)
			return false;
		zxt_sleep_ms(5);
	}
}

/* Asserts that the live counts come back to @want (see zxt_settle()). */
#define ASSERT_LIVE_EQ(want) do {					\
	struct zxt_live __zxt_last;					\
	bool __zxt_ok = zxt_live_wait_for((want), ZXT_SETTLE_MS,	\
					  &__zxt_last);			\
	ASSERT_TRUE(__zxt_ok) {						\
		TH_LOG("live handles %ld (want %ld), objects %ld (want %ld)", \
		       __zxt_last.handles, (want).handles,		\
		       __zxt_last.objects, (want).objects);		\
	}								\
} while (0)

/*
 * Makes sure this process has a Zircon context and that no other process
 * has one (the contexts of earlier tests are freed asynchronously after
 * they exit), then returns the live counts: a baseline that only this test
 * changes.
 */
static inline struct zxt_live zxt_settle(struct __test_metadata *_metadata)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	long procs;

	/* Any call attaches the process to the module. */
	ASSERT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(ZXT_BOGUS_HANDLE, ZX_INFO_HANDLE_VALID,
				     NULL, 0, NULL, NULL));
	/*
	 * A futex wait (even one whose value does not match) gives the
	 * calling thread its thread object, which then lives as long as the
	 * thread: make it part of the baseline, without a handle.
	 */
	{
		zx_futex_t word = 0;

		ASSERT_ZX(ZX_ERR_BAD_STATE,
			  zx_futex_wait(&word, 1, ZX_HANDLE_INVALID, 0));
	}
	for (;;) {
		procs = zxt_live_count("live_processes");
		if (procs == 1 || zxt_now() > give_up)
			break;
		zxt_sleep_ms(5);
	}
	ASSERT_EQ(1, procs) {
		TH_LOG("live_processes stays at %ld: the context of an earlier, exited process was never freed (leaked reference?)",
		       procs);
	}
	return zxt_live_now();
}

/* ---- objects and handles ------------------------------------------------ */

static inline zx_handle_t zxt_event(struct __test_metadata *_metadata)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_event_create(0, &h));
	ASSERT_NE(ZX_HANDLE_INVALID, h);
	return h;
}

static inline void zxt_eventpair(struct __test_metadata *_metadata,
				 zx_handle_t *a, zx_handle_t *b)
{
	*a = ZX_HANDLE_INVALID;
	*b = ZX_HANDLE_INVALID;
	ASSERT_ZX_OK(zx_eventpair_create(0, a, b));
	ASSERT_NE(ZX_HANDLE_INVALID, *a);
	ASSERT_NE(ZX_HANDLE_INVALID, *b);
}

static inline zx_handle_t zxt_dup(struct __test_metadata *_metadata,
				  zx_handle_t h, zx_rights_t rights)
{
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_duplicate(h, rights, &out));
	ASSERT_NE(ZX_HANDLE_INVALID, out);
	return out;
}

static inline zx_info_handle_basic_t
zxt_basic(struct __test_metadata *_metadata, zx_handle_t h)
{
	zx_info_handle_basic_t info;

	memset(&info, 0, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), NULL, NULL));
	return info;
}

static inline zx_koid_t zxt_koid(struct __test_metadata *_metadata,
				 zx_handle_t h)
{
	return zxt_basic(_metadata, h).koid;
}

static inline zx_rights_t zxt_rights(struct __test_metadata *_metadata,
				     zx_handle_t h)
{
	return zxt_basic(_metadata, h).rights;
}

static inline uint32_t zxt_handle_count(struct __test_metadata *_metadata,
					zx_handle_t h)
{
	zx_info_handle_count_t info = { .handle_count = 0xdead };

	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, &info,
					sizeof(info), NULL, NULL));
	return info.handle_count;
}

/* ZX_OK if @h names a handle in this process, else ZX_ERR_BAD_HANDLE. */
static inline zx_status_t zxt_valid(zx_handle_t h)
{
	return zx_object_get_info(h, ZX_INFO_HANDLE_VALID, NULL, 0, NULL,
				  NULL);
}

/* The object's current signals, read without waiting. */
static inline zx_signals_t zxt_signals(struct __test_metadata *_metadata,
				       zx_handle_t h)
{
	zx_signals_t observed = 0xdeadbeef;

	ASSERT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_SIGNAL_NONE, 0, &observed));
	return observed;
}

/* ---- threads -------------------------------------------------------------- */

static inline pid_t zxt_gettid(void)
{
	return (pid_t)gettid();
}

static inline void zxt_thread_start(struct __test_metadata *_metadata,
				    pthread_t *thread, void *(*fn)(void *),
				    void *arg)
{
	ASSERT_EQ(0, pthread_create(thread, NULL, fn, arg));
}

static inline void *zxt_thread_join(struct __test_metadata *_metadata,
				    pthread_t thread)
{
	void *ret = NULL;

	ASSERT_EQ(0, pthread_join(thread, &ret));
	return ret;
}

/* The scheduler state letter of thread @tid of this process, or 0. */
static inline char zxt_thread_state(pid_t tid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "tid (comm) S ...": comm may contain anything, even ')'. */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	return p[2];
}

/*
 * Waits until thread @tid sleeps.  A helper thread that publishes its tid
 * and then makes a blocking Zircon call without touching anything else
 * that can sleep is, once it sleeps, blocked in that call.
 */
static inline bool zxt_wait_until_sleeping(pid_t tid)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;

	while (zxt_thread_state(tid) != 'S') {
		if (zxt_now() > give_up)
			return false;
		zxt_sleep_ms(1);
	}
	return true;
}

/* A thread blocked in zx_object_wait_one() on its own behalf. */
struct zxt_waiter {
	pthread_t thread;
	zx_handle_t handle;
	zx_signals_t signals;
	zx_time_t deadline;
	pid_t tid;			/* set before it blocks */
	zx_status_t status;
	zx_signals_t observed;
};

static inline void *zxt_waiter_main(void *arg)
{
	struct zxt_waiter *w = arg;

	w->observed = 0xdeadbeef;
	__atomic_store_n(&w->tid, zxt_gettid(), __ATOMIC_RELEASE);
	__atomic_store_n(&w->status,
			 zx_object_wait_one(w->handle, w->signals,
					    w->deadline, &w->observed),
			 __ATOMIC_RELEASE);
	return NULL;
}

/* What the waiter's call returned, or 1 while it is still waiting. */
static inline zx_status_t zxt_waiter_status(struct zxt_waiter *w)
{
	return __atomic_load_n(&w->status, __ATOMIC_ACQUIRE);
}

/* Starts a waiter and returns once it is blocked. */
static inline void zxt_waiter_start(struct __test_metadata *_metadata,
				    struct zxt_waiter *w, zx_handle_t h,
				    zx_signals_t signals, zx_time_t deadline)
{
	pid_t tid;

	memset(w, 0, sizeof(*w));
	w->handle = h;
	w->signals = signals;
	w->deadline = deadline;
	w->status = 1;		/* not a zx_status_t: still waiting */
	zxt_thread_start(_metadata, &w->thread, zxt_waiter_main, w);
	while (!(tid = __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE)))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(tid)) {
		TH_LOG("the waiting thread never blocked");
	}
}

static inline void zxt_waiter_join(struct __test_metadata *_metadata,
				   struct zxt_waiter *w)
{
	zxt_thread_join(_metadata, w->thread);
}

/* ---- Linux signals -------------------------------------------------------- */

/* Written by the signal handler, so volatile sig_atomic_t. */
static volatile sig_atomic_t zxt_signals_handled;

static inline void zxt_count_signal(int sig)
{
	zxt_signals_handled++;
}

/* Installs a counting handler for @sig with @flags (e.g. SA_RESTART). */
static inline void zxt_catch_signal(struct __test_metadata *_metadata,
				    int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = zxt_count_signal;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(sig, &sa, NULL));
	zxt_signals_handled = 0;
}

/*
 * A thread that sends @sig to @target every few milliseconds until told to
 * stop.  If @event is set, it signals ZX_USER_SIGNAL_0 on it after sending
 * @before_event signals, and stops.
 */
struct zxt_pester {
	pthread_t thread;
	pthread_t target;
	int sig;
	int before_event;
	zx_handle_t event;
	int stop;
	int sent;
	zx_status_t event_status;
};

static inline void *zxt_pester_main(void *arg)
{
	struct zxt_pester *p = arg;

	while (!__atomic_load_n(&p->stop, __ATOMIC_ACQUIRE)) {
		if (pthread_kill(p->target, p->sig))
			break;
		p->sent++;
		if (p->event != ZX_HANDLE_INVALID &&
		    p->sent >= p->before_event) {
			/* Let the last signal land before the event. */
			zxt_sleep_ms(5);
			p->event_status = zx_object_signal(p->event, 0,
							   ZX_USER_SIGNAL_0);
			break;
		}
		zxt_sleep_ms(3);
	}
	return NULL;
}

static inline void zxt_pester_start(struct __test_metadata *_metadata,
				    struct zxt_pester *p, int sig,
				    zx_handle_t event, int before_event)
{
	memset(p, 0, sizeof(*p));
	p->target = pthread_self();
	p->sig = sig;
	p->event = event;
	p->before_event = before_event;
	p->event_status = 1;
	zxt_thread_start(_metadata, &p->thread, zxt_pester_main, p);
}

static inline void zxt_pester_stop(struct __test_metadata *_metadata,
				   struct zxt_pester *p)
{
	__atomic_store_n(&p->stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, p->thread);
}

/* ---- memory ---------------------------------------------------------------- */

/* MemAvailable from /proc/meminfo in kB, or -1. */
static inline long zxt_mem_available_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * MemAvailable once the page cache (which earlier tests and processes
 * leave behind, and which the kernel counts only partly) has been dropped,
 * when we may.
 */
static inline long zxt_mem_settled_kb(void)
{
	int fd;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		/* Without the right to, measure as things are. */
		if (write(fd, "3", 1) != 1)
			errno = 0;
		close(fd);
	}
	zxt_sleep_ms(200);
	return zxt_mem_available_kb();
}

/* ---- child processes ------------------------------------------------------ */

/*
 * In a forked child the harness's ASSERT_*() cannot report, so children
 * check with these and exit non-zero, saying why on stderr.
 */
#define CHILD_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "# %s:%d: child: check failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		_exit(1);						\
	}								\
} while (0)

#define CHILD_CHECK_ZX(expected, expr) do {				\
	zx_status_t __zxt_want = (expected);				\
	zx_status_t __zxt_got = (expr);					\
	if (__zxt_want != __zxt_got) {					\
		fprintf(stderr,						\
			"# %s:%d: child: %s: expected %s, got %s\n",	\
			__FILE__, __LINE__, #expr,			\
			zx_status_get_string(__zxt_want),		\
			zx_status_get_string(__zxt_got));		\
		_exit(1);						\
	}								\
} while (0)

/* Runs @fn(@arg) in a forked child; returns its wait status, or -1. */
static inline int zxt_fork_run(int (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* The child exited with status 0. */
#define ASSERT_CHILD_OK(status) do {					\
	int __zxt_status = (status);					\
	ASSERT_TRUE(__zxt_status != -1 && WIFEXITED(__zxt_status) &&	\
		    WEXITSTATUS(__zxt_status) == 0) {			\
		TH_LOG("child wait status %#x", __zxt_status);		\
	}								\
} while (0)

#endif /* ZX_TEST_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Futexes: wait, wake, requeue and Zircon's ownership rules.
 *
 * Waiters are helper threads that publish their tid and thread handle and
 * then block in zx_futex_wait(); once /proc says such a thread sleeps, it
 * sleeps in the wait.  Whether a wake reached too many waiters is checked
 * after a short grace period, which can only hide a bug, never invent one.
 */
#include <limits.h>
#include <sys/mman.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#define FX_GRACE_MS	50

/* Aligned, in the never-mapped first page. */
#define FX_UNMAPPED	((const zx_futex_t *)(uintptr_t)8)
/* Aligned, but a kernel address. */
#define FX_KERNEL	((const zx_futex_t *)~(uintptr_t)7)

static const zx_futex_t *fx_misaligned(const zx_futex_t *f)
{
	return (const zx_futex_t *)((uintptr_t)f + 1);
}

/* ---- waiter threads ------------------------------------------------------ */

struct fx_waiter {
	pthread_t thread;
	const zx_futex_t *futex;
	int value;
	zx_handle_t owner;
	zx_time_t deadline;
	zx_handle_t self;		/* its zx_thread_self() */
	zx_koid_t koid;
	pid_t tid;			/* set just before it waits */
	zx_status_t status;		/* 1 while waiting */
	int release;			/* it stays alive until set */
};

static void *fx_waiter_main(void *arg)
{
	struct fx_waiter *w = arg;
	zx_info_handle_basic_t info;

	w->self = zx_thread_self();
	if (zx_object_get_info(w->self, ZX_INFO_HANDLE_BASIC, &info,
			       sizeof(info), NULL, NULL) == ZX_OK)
		w->koid = info.koid;
	__atomic_store_n(&w->tid, zxt_gettid(), __ATOMIC_RELEASE);
	__atomic_store_n(&w->status,
			 zx_futex_wait(w->futex, w->value, w->owner,
				       w->deadline),
			 __ATOMIC_RELEASE);
	/* Alive until released: an exited thread can own nothing. */
	while (!__atomic_load_n(&w->release, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	return NULL;
}

static zx_status_t fx_status(struct fx_waiter *w)
{
	return __atomic_load_n(&w->status, __ATOMIC_ACQUIRE);
}

/* Starts a waiter and returns once it sleeps in zx_futex_wait(). */
static void fx_start(struct __test_metadata *_metadata, struct fx_waiter *w,
		     const zx_futex_t *futex, int value, zx_handle_t owner,
		     zx_time_t deadline)
{
	zx_time_t give_up = zxt_now() + ZX_MSEC(ZXT_SETTLE_MS);
	pid_t tid;

	memset(w, 0, sizeof(*w));
	w->futex = futex;
	w->value = value;
	w->owner = owner;
	w->deadline = deadline;
	w->status = 1;
	zxt_thread_start(_metadata, &w->thread, fx_waiter_main, w);
	while (!(tid = __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE)))
		sched_yield();
	while (zxt_thread_state(tid) != 'S' && fx_status(w) == 1 &&
	       zxt_now() < give_up)
		zxt_sleep_ms(1);
	ASSERT_EQ(1, fx_status(w)) {
		TH_LOG("the wait returned %s",
		       zx_status_get_string(fx_status(w)));
	}
	ASSERT_EQ('S', zxt_thread_state(tid)) {
		TH_LOG("the waiter never blocked");
	}
	ASSERT_NE(ZX_KOID_INVALID, w->koid);
}

static void fx_start_n(struct __test_metadata *_metadata,
		       struct fx_waiter *w, int n, const zx_futex_t *futex,
		       int value, zx_handle_t owner)
{
	int i;

	for (i = 0; i < n; i++)
		fx_start(_metadata, &w[i], futex, value, owner,
			 ZX_TIME_INFINITE);
}

static int fx_count_done(struct fx_waiter *w, int n)
{
	int i, done = 0;

	for (i = 0; i < n; i++)
		done += fx_status(&w[i]) != 1;
	return done;
}

/*
 * Waits until @want of the @n waiters have returned, gives any extra one
 * a moment to show up, and returns how many returned.
 */
static int fx_wait_done(struct fx_waiter *w, int n, int want)
{
	zx_time_t give_up = zxt_now() + ZX_MSEC(ZXT_SETTLE_MS);

	while (fx_count_done(w, n) < want && zxt_now() < give_up)
		zxt_sleep_ms(1);
	zxt_sleep_ms(FX_GRACE_MS);
	return fx_count_done(w, n);
}

/* Wakes whoever still waits on @futex, then releases and joins all. */
static void fx_finish(struct __test_metadata *_metadata, struct fx_waiter *w,
		      int n, const zx_futex_t *futex)
{
	int i;

	EXPECT_ZX_OK(zx_futex_wake(futex, UINT32_MAX));
	for (i = 0; i < n; i++) {
		__atomic_store_n(&w[i].release, 1, __ATOMIC_RELEASE);
		zxt_thread_join(_metadata, w[i].thread);
	}
}

static zx_koid_t fx_owner(struct __test_metadata *_metadata,
			  const zx_futex_t *futex)
{
	zx_koid_t koid = 0xdeadbeef;

	EXPECT_ZX_OK(zx_futex_get_owner(futex, &koid));
	return koid;
}

/* A live thread that is not waiting: a candidate owner. */
struct fx_idle {
	pthread_t thread;
	zx_handle_t self;
	zx_koid_t koid;
	int ready;
	int stop;
};

static void *fx_idle_main(void *arg)
{
	struct fx_idle *t = arg;
	zx_info_handle_basic_t info;

	t->self = zx_thread_self();
	if (zx_object_get_info(t->self, ZX_INFO_HANDLE_BASIC, &info,
			       sizeof(info), NULL, NULL) == ZX_OK)
		t->koid = info.koid;
	__atomic_store_n(&t->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	return NULL;
}

static void fx_idle_start(struct __test_metadata *_metadata,
			  struct fx_idle *t)
{
	memset(t, 0, sizeof(*t));
	zxt_thread_start(_metadata, &t->thread, fx_idle_main, t);
	while (!__atomic_load_n(&t->ready, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	ASSERT_NE(ZX_KOID_INVALID, t->koid);
}

static void fx_idle_stop(struct __test_metadata *_metadata,
			 struct fx_idle *t)
{
	__atomic_store_n(&t->stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, t->thread);
}

/* ---- arguments ----------------------------------------------------------- */

TEST(bad_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_futex_t f = 0, g = 0;
	const zx_futex_t *none;
	zx_koid_t koid;

	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, none);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wait(NULL, 0, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wait(fx_misaligned(&f), 0, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wait(FX_UNMAPPED, 0, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wait(FX_KERNEL, 0, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wait(none, 0, ZX_HANDLE_INVALID, 0));

	/* Waking an address nobody can wait on is no error. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wake(NULL, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wake(fx_misaligned(&f), 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wake(FX_KERNEL, 1));
	EXPECT_ZX_OK(zx_futex_wake(FX_UNMAPPED, 1));
	EXPECT_ZX_OK(zx_futex_wake(none, UINT32_MAX));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wake_single_owner(NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_wake_single_owner(fx_misaligned(&f)));
	EXPECT_ZX_OK(zx_futex_wake_single_owner(FX_UNMAPPED));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(NULL, 1, 0, &g, 1, ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(fx_misaligned(&f), 1, 0, &g, 1,
				   ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&f, 1, 0, NULL, 1, ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&f, 1, 0, fx_misaligned(&g), 1,
				   ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&f, 1, 0, FX_KERNEL, 1,
				   ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&f, 1, 0, &f, 1, ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(FX_UNMAPPED, 1, 0, &g, 1,
				   ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(none, 1, 0, &g, 1, ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue_single_owner(NULL, 0, &g, 1,
						ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue_single_owner(&f, 0, fx_misaligned(&g), 1,
						ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue_single_owner(&f, 0, &f, 1,
						ZX_HANDLE_INVALID));

	koid = 0xdeadbeef;
	EXPECT_ZX_OK(zx_futex_get_owner(&f, &koid));
	EXPECT_EQ(ZX_KOID_INVALID, koid);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_get_owner(&f, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_get_owner(&f, (zx_koid_t *)FX_UNMAPPED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_get_owner(NULL, &koid));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_get_owner(fx_misaligned(&f), &koid));

	munmap((void *)none, 4096);
	ASSERT_LIVE_EQ(base);
}

TEST(value_mismatch_and_timeouts)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_futex_t f = 5;
	zx_time_t deadline, start;
	int *fresh;

	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_wait(&f, 4, ZX_HANDLE_INVALID, ZX_TIME_INFINITE));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_wait(&f, -5, ZX_HANDLE_INVALID, ZX_TIME_INFINITE));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_futex_wait(&f, 5, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_futex_wait(&f, 5, ZX_HANDLE_INVALID,
				ZX_TIME_INFINITE_PAST));
	f = INT_MIN;
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_futex_wait(&f, INT_MIN, ZX_HANDLE_INVALID, 0));

	start = zxt_now();
	deadline = zx_deadline_after(ZX_MSEC(30));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_futex_wait(&f, INT_MIN, ZX_HANDLE_INVALID, deadline));
	/* Never before the deadline. */
	EXPECT_LE(deadline, zxt_now());
	TH_LOG("30 ms wait took %lld us",
	       (long long)(zxt_now() - start) / 1000);

	/* Pages never touched: the read faults them in, then checks. */
	fresh = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, fresh);
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_futex_wait((zx_futex_t *)fresh, 0, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_wait((zx_futex_t *)(fresh + 1024), 1,
				ZX_HANDLE_INVALID, 0));
	munmap(fresh, 8192);
	ASSERT_LIVE_EQ(base);
}

TEST(owner_handle_errors)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	zx_futex_t f = 0, g = 0;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_futex_wait(&f, 0, ZXT_BOGUS_HANDLE, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_futex_wait(&f, 0, ev, 0));
	/* The waiter cannot own the futex it waits on. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wait(&f, 0, self, 0));
	/* The value is checked before the handle. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_wait(&f, 1, ZXT_BOGUS_HANDLE, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_futex_wait(&f, 1, ev, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_futex_wait(&f, 1, self, 0));

	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_requeue(&f, 1, 1, &g, 1, ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_futex_requeue(&f, 1, 0, &g, 1, ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_requeue(&f, 1, 1, &g, 1, ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_futex_requeue(&f, 1, 0, &g, 1, ev));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_requeue_single_owner(&f, 1, &g, 1,
						ZX_HANDLE_INVALID));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_futex_requeue_single_owner(&f, 0, &g, 1,
						ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_futex_requeue_single_owner(&f, 0, &g, 1, ev));
	/* With nobody waiting, a valid owner is accepted and kept nowhere. */
	EXPECT_ZX_OK(zx_futex_requeue(&f, 1, 0, &g, 1, self));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &g));

	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- waking -------------------------------------------------------------- */

TEST(wake_counts)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_waiter w[8];
	zx_futex_t f = 0;
	int i;

	fx_start_n(_metadata, w, 8, &f, 0, ZX_HANDLE_INVALID);
	EXPECT_ZX_OK(zx_futex_wake(&f, 0));
	EXPECT_EQ(0, fx_wait_done(w, 8, 0));
	EXPECT_ZX_OK(zx_futex_wake(&f, 1));
	EXPECT_EQ(1, fx_wait_done(w, 8, 1));
	EXPECT_ZX_OK(zx_futex_wake(&f, 2));
	EXPECT_EQ(3, fx_wait_done(w, 8, 3));
	EXPECT_ZX_OK(zx_futex_wake_single_owner(&f));
	EXPECT_EQ(4, fx_wait_done(w, 8, 4));
	/* Another futex's wake reaches nobody here. */
	EXPECT_ZX_OK(zx_futex_wake(&f + 1, UINT32_MAX));
	EXPECT_EQ(4, fx_wait_done(w, 8, 4));
	EXPECT_ZX_OK(zx_futex_wake(&f, UINT32_MAX));
	EXPECT_EQ(8, fx_wait_done(w, 8, 8));
	for (i = 0; i < 8; i++)
		EXPECT_ZX_OK(fx_status(&w[i]));
	fx_finish(_metadata, w, 8, &f);
	ASSERT_LIVE_EQ(base);
}

/* A waiter that times out leaves the others waiting. */
TEST(timeout_among_waiters)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_waiter w[3];
	zx_futex_t f = 0;

	fx_start(_metadata, &w[0], &f, 0, ZX_HANDLE_INVALID,
		 ZX_TIME_INFINITE);
	fx_start(_metadata, &w[1], &f, 0, ZX_HANDLE_INVALID,
		 zx_deadline_after(ZX_MSEC(1000)));
	fx_start(_metadata, &w[2], &f, 0, ZX_HANDLE_INVALID,
		 ZX_TIME_INFINITE);
	EXPECT_EQ(1, fx_wait_done(w, 3, 1));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, fx_status(&w[1]));
	EXPECT_ZX_OK(zx_futex_wake(&f, 2));
	EXPECT_EQ(3, fx_wait_done(w, 3, 3));
	EXPECT_ZX_OK(fx_status(&w[0]));
	EXPECT_ZX_OK(fx_status(&w[2]));
	fx_finish(_metadata, w, 3, &f);
	ASSERT_LIVE_EQ(base);
}

TEST(requeue_moves_waiters)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_waiter w[6];
	zx_futex_t a = 0, b = 0;
	int i;

	fx_start_n(_metadata, w, 6, &a, 0, ZX_HANDLE_INVALID);
	/* A value mismatch moves nobody. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_requeue(&a, 6, 1, &b, 6, ZX_HANDLE_INVALID));
	EXPECT_ZX_OK(zx_futex_wake(&b, UINT32_MAX));
	EXPECT_EQ(0, fx_wait_done(w, 6, 0));

	/* Wake one, move two. */
	EXPECT_ZX_OK(zx_futex_requeue(&a, 1, 0, &b, 2, ZX_HANDLE_INVALID));
	EXPECT_EQ(1, fx_wait_done(w, 6, 1));
	EXPECT_ZX_OK(zx_futex_wake(&b, UINT32_MAX));
	EXPECT_EQ(3, fx_wait_done(w, 6, 3));

	/* Move all that are left: a is empty, b has them. */
	EXPECT_ZX_OK(zx_futex_requeue(&a, 0, 0, &b, UINT32_MAX,
				      ZX_HANDLE_INVALID));
	EXPECT_ZX_OK(zx_futex_wake(&a, UINT32_MAX));
	EXPECT_EQ(3, fx_wait_done(w, 6, 3));
	/* Requeued waiters can be requeued again, back to a. */
	EXPECT_ZX_OK(zx_futex_requeue(&b, 0, 0, &a, UINT32_MAX,
				      ZX_HANDLE_INVALID));
	EXPECT_ZX_OK(zx_futex_wake(&b, UINT32_MAX));
	EXPECT_EQ(3, fx_wait_done(w, 6, 3));
	EXPECT_ZX_OK(zx_futex_wake(&a, UINT32_MAX));
	EXPECT_EQ(6, fx_wait_done(w, 6, 6));
	for (i = 0; i < 6; i++)
		EXPECT_ZX_OK(fx_status(&w[i]));
	fx_finish(_metadata, w, 6, &a);
	ASSERT_LIVE_EQ(base);
}

/* A requeued waiter that times out leaves the futex it was moved to. */
TEST(requeued_waiter_times_out)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_waiter w;
	zx_futex_t a = 0, b = 0;

	fx_start(_metadata, &w, &a, 0, ZX_HANDLE_INVALID,
		 zx_deadline_after(ZX_MSEC(1000)));
	EXPECT_ZX_OK(zx_futex_requeue(&a, 0, 0, &b, 1, ZX_HANDLE_INVALID));
	EXPECT_EQ(1, fx_wait_done(&w, 1, 1));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, fx_status(&w));
	fx_finish(_metadata, &w, 1, &b);
	ASSERT_LIVE_EQ(base);
}

/* ---- ownership ----------------------------------------------------------- */

TEST(owner_set_get_cleared)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t self_koid = zxt_koid(_metadata, self);
	struct fx_waiter w[2];
	struct fx_idle idle;
	zx_handle_t no_rights, dead;
	zx_futex_t f = 0, g = 0;
	zx_time_t give_up;

	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));
	fx_start(_metadata, &w[0], &f, 0, self, ZX_TIME_INFINITE);
	EXPECT_EQ(self_koid, fx_owner(_metadata, &f));

	/* Failed waits leave the owner alone. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_wait(&f, 1, ZX_HANDLE_INVALID, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_futex_wait(&f, 0, ZXT_BOGUS_HANDLE, 0));
	/* A current waiter cannot be named owner. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wait(&f, 0, w[0].self, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&g, 0, 0, &f, 0, w[0].self));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&f, 0, 0, &g, 0, w[0].self));
	EXPECT_EQ(self_koid, fx_owner(_metadata, &f));

	/* Each successful wait sets the owner, even to nobody. */
	fx_start(_metadata, &w[1], &f, 0, ZX_HANDLE_INVALID,
		 ZX_TIME_INFINITE);
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));

	/* A wait that times out still assigned it; no rights are needed. */
	fx_idle_start(_metadata, &idle);
	no_rights = zxt_dup(_metadata, idle.self, 0);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_futex_wait(&f, 0, no_rights, 0));
	EXPECT_EQ(idle.koid, fx_owner(_metadata, &f));

	/* A wake of nobody still clears the owner. */
	EXPECT_ZX_OK(zx_futex_wake(&f, 0));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));
	EXPECT_EQ(0, fx_wait_done(w, 2, 0));

	/* A requeue moving nobody still sets the requeue futex's owner. */
	EXPECT_ZX_OK(zx_futex_requeue(&g, 0, 0, &f, 0, idle.self));
	EXPECT_EQ(idle.koid, fx_owner(_metadata, &f));

	/* The owner exits: the futex is nobody's. */
	dead = zxt_dup(_metadata, idle.self, ZX_RIGHT_SAME_RIGHTS);
	fx_idle_stop(_metadata, &idle);
	give_up = zxt_now() + ZX_MSEC(ZXT_SETTLE_MS);
	while (fx_owner(_metadata, &f) != ZX_KOID_INVALID &&
	       zxt_now() < give_up)
		zxt_sleep_ms(1);
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));

	/* An exited thread named as owner means nobody. */
	EXPECT_ZX_OK(zx_futex_requeue(&g, 0, 0, &f, 0, self));
	EXPECT_EQ(self_koid, fx_owner(_metadata, &f));
	EXPECT_ZX_OK(zx_futex_requeue(&g, 0, 0, &f, 0, dead));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));
	EXPECT_ZX_OK(zx_futex_requeue(&g, 0, 0, &f, 0, self));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_futex_wait(&f, 0, dead, 0));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));

	/* The last waiter gone, the futex has no owner. */
	EXPECT_ZX_OK(zx_futex_requeue(&g, 0, 0, &f, 0, self));
	EXPECT_ZX_OK(zx_futex_wake(&f, UINT32_MAX));
	EXPECT_EQ(2, fx_wait_done(w, 2, 2));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));
	fx_finish(_metadata, w, 2, &f);
	EXPECT_ZX_OK(zx_handle_close(no_rights));
	EXPECT_ZX_OK(zx_handle_close(dead));
	ASSERT_LIVE_EQ(base);
}

/* Finds the waiter that returned since the last call. */
static struct fx_waiter *fx_newly_done(struct fx_waiter *w, int n,
				       bool *seen)
{
	struct fx_waiter *found = NULL;
	int i;

	for (i = 0; i < n; i++) {
		if (!seen[i] && fx_status(&w[i]) != 1) {
			seen[i] = true;
			found = &w[i];
		}
	}
	return found;
}

TEST(wake_single_owner_transfers)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t self_koid = zxt_koid(_metadata, self);
	struct fx_waiter w[4], *woken;
	bool seen[4] = { false };
	zx_futex_t f = 0;
	int i;

	fx_start_n(_metadata, w, 4, &f, 0, self);
	EXPECT_EQ(self_koid, fx_owner(_metadata, &f));
	for (i = 0; i < 4; i++) {
		EXPECT_ZX_OK(zx_futex_wake_single_owner(&f));
		ASSERT_EQ(i + 1, fx_wait_done(w, 4, i + 1));
		woken = fx_newly_done(w, 4, seen);
		ASSERT_NE(NULL, woken);
		EXPECT_ZX_OK(fx_status(woken));
		/* The woken thread owns it while others still wait. */
		EXPECT_EQ(i == 3 ? ZX_KOID_INVALID : woken->koid,
			  fx_owner(_metadata, &f));
	}
	/* Nobody waits: there is nobody to own it. */
	EXPECT_ZX_OK(zx_futex_wake_single_owner(&f));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &f));
	fx_finish(_metadata, w, 4, &f);
	ASSERT_LIVE_EQ(base);
}

TEST(requeue_owner_rules)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t self_koid = zxt_koid(_metadata, self);
	struct fx_waiter w[5], *woken;
	bool seen[5] = { false };
	zx_futex_t a = 0, b = 0;
	zx_koid_t woken_koid;
	int i;

	fx_start_n(_metadata, w, 5, &a, 0, self);
	EXPECT_EQ(self_koid, fx_owner(_metadata, &a));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &b));

	/* A failed requeue changes no owner. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_futex_requeue_single_owner(&a, 1, &b, 1, self));
	EXPECT_EQ(self_koid, fx_owner(_metadata, &a));

	/* Wake one (it owns a), move one (b is ours). */
	EXPECT_ZX_OK(zx_futex_requeue_single_owner(&a, 0, &b, 1, self));
	EXPECT_EQ(1, fx_wait_done(w, 5, 1));
	woken = fx_newly_done(w, 5, seen);
	ASSERT_NE(NULL, woken);
	EXPECT_ZX_OK(fx_status(woken));
	woken_koid = woken->koid;
	EXPECT_EQ(woken_koid, fx_owner(_metadata, &a));
	EXPECT_EQ(self_koid, fx_owner(_metadata, &b));

	/* No waiter of either futex may own the requeue futex. */
	for (i = 0; i < 5; i++) {
		if (seen[i])
			continue;
		EXPECT_ZX(ZX_ERR_INVALID_ARGS,
			  zx_futex_requeue(&a, 0, 0, &b, 1, w[i].self));
	}
	EXPECT_EQ(woken_koid, fx_owner(_metadata, &a));
	EXPECT_EQ(self_koid, fx_owner(_metadata, &b));

	/* A plain requeue leaves the wake futex unowned. */
	EXPECT_ZX_OK(zx_futex_requeue(&a, 0, 0, &b, 2, woken->self));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &a));
	EXPECT_EQ(woken_koid, fx_owner(_metadata, &b));
	EXPECT_EQ(1, fx_wait_done(w, 5, 1));

	/* b now has three waiters, a one. */
	EXPECT_ZX_OK(zx_futex_wake(&b, UINT32_MAX));
	EXPECT_EQ(4, fx_wait_done(w, 5, 4));
	EXPECT_EQ(ZX_KOID_INVALID, fx_owner(_metadata, &b));
	EXPECT_ZX_OK(zx_futex_wake(&a, UINT32_MAX));
	EXPECT_EQ(5, fx_wait_done(w, 5, 5));
	for (i = 0; i < 5; i++)
		EXPECT_ZX_OK(fx_status(&w[i]));
	fx_finish(_metadata, w, 5, &a);
	ASSERT_LIVE_EQ(base);
}

/* A thread of another process can own none of this process's futexes. */
static int fx_send_thread_child(void *arg)
{
	zx_handle_t ch = ZX_HANDLE_INVALID, dup = ZX_HANDLE_INVALID;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(*(int *)arg, &ch));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(zx_thread_self(),
						  ZX_RIGHT_SAME_RIGHTS, &dup));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, NULL, 0, &dup, 1));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(ch));
	return 0;
}

TEST(owner_from_another_process)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, foreign = ZX_HANDLE_INVALID;
	struct fx_waiter w;
	uint32_t nb = 0, nh = 0;
	zx_futex_t f = 0, g = 0;
	int fd = -1;

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(b, 0, &fd));
	ASSERT_CHILD_OK(zxt_fork_run(fx_send_thread_child, &fd));
	close(fd);
	ASSERT_ZX_OK(zx_channel_read(a, 0, NULL, &foreign, 0, 1, &nb, &nh));
	ASSERT_EQ(1u, nh);
	EXPECT_EQ(ZX_OBJ_TYPE_THREAD, zxt_basic(_metadata, foreign).type);

	fx_start(_metadata, &w, &f, 0, ZX_HANDLE_INVALID, ZX_TIME_INFINITE);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_futex_wait(&f, 0, foreign, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue(&g, 0, 0, &f, 0, foreign));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_futex_requeue_single_owner(&g, 0, &f, 0, foreign));
	EXPECT_EQ(0, fx_wait_done(&w, 1, 0));
	fx_finish(_metadata, &w, 1, &f);
	EXPECT_ZX_OK(zx_handle_close(foreign));
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* ---- Linux signals ------------------------------------------------------- */

struct fx_signaller {
	pthread_t thread;
	pthread_t target;
	pid_t target_tid;
	zx_futex_t *futex;
	int signals;
	bool wake;
	int stop;
};

/* Signals the target each time it sleeps, then (if asked) wakes it. */
static void *fx_signaller_main(void *arg)
{
	struct fx_signaller *s = arg;
	int i;

	for (i = 0; i < s->signals; i++) {
		while (zxt_thread_state(s->target_tid) != 'S' &&
		       !__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE))
			zxt_sleep_ms(1);
		pthread_kill(s->target, SIGUSR1);
		zxt_sleep_ms(5);
	}
	/* A wake can fall between a handler and the restarted wait: repeat. */
	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		if (s->wake)
			zx_futex_wake(s->futex, 1);
		zxt_sleep_ms(5);
	}
	return NULL;
}

static void fx_signal_wait(struct __test_metadata *_metadata, int sa_flags)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_signaller s;
	zx_futex_t f = 0;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, sa_flags);
	memset(&s, 0, sizeof(s));
	s.target = pthread_self();
	s.target_tid = zxt_gettid();
	s.futex = &f;
	s.signals = 5;
	s.wake = true;
	zxt_thread_start(_metadata, &s.thread, fx_signaller_main, &s);
	status = zx_futex_wait(&f, 0, ZX_HANDLE_INVALID, ZX_TIME_INFINITE);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(status);
	EXPECT_LE(1, zxt_signals_handled);
	TH_LOG("%d signals handled during the wait", (int)zxt_signals_handled);
	ASSERT_LIVE_EQ(base);
}

TEST(signal_during_wait_resumes)
{
	fx_signal_wait(_metadata, 0);
}

TEST(signal_during_wait_resumes_sa_restart)
{
	fx_signal_wait(_metadata, SA_RESTART);
}

/* Signals neither shorten nor lengthen the deadline. */
TEST(signal_keeps_deadline)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_signaller s;
	zx_futex_t f = 0;
	zx_time_t deadline;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, 0);
	memset(&s, 0, sizeof(s));
	s.target = pthread_self();
	s.target_tid = zxt_gettid();
	s.futex = &f;
	s.signals = 3;
	zxt_thread_start(_metadata, &s.thread, fx_signaller_main, &s);
	deadline = zx_deadline_after(ZX_MSEC(300));
	status = zx_futex_wait(&f, 0, ZX_HANDLE_INVALID, deadline);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, status);
	EXPECT_LE(deadline, zxt_now());
	TH_LOG("%d signals handled, returned %lld us after the deadline",
	       (int)zxt_signals_handled,
	       (long long)(zxt_now() - deadline) / 1000);
	ASSERT_LIVE_EQ(base);
}

/* ---- processes ----------------------------------------------------------- */

static int fx_foreign_wake_child(void *arg)
{
	zx_futex_t *shared = arg;
	zx_koid_t koid = 0xdeadbeef;

	CHILD_CHECK_ZX(ZX_OK, zx_futex_get_owner(shared, &koid));
	CHILD_CHECK(koid == ZX_KOID_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_futex_wake(shared, UINT32_MAX));
	CHILD_CHECK_ZX(ZX_OK, zx_futex_wake_single_owner(shared));
	CHILD_CHECK_ZX(ZX_OK, zx_futex_requeue(shared, UINT32_MAX, 0,
					       shared + 1, UINT32_MAX,
					       ZX_HANDLE_INVALID));
	return 0;
}

/* Even over shared memory, a child's futexes are not its parent's. */
TEST(fork_child_does_not_share_futexes)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t self_koid = zxt_koid(_metadata, self);
	struct fx_waiter w;
	zx_futex_t *shared;

	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, shared);
	fx_start(_metadata, &w, shared, 0, self, ZX_TIME_INFINITE);
	ASSERT_CHILD_OK(zxt_fork_run(fx_foreign_wake_child, shared));
	EXPECT_EQ(0, fx_wait_done(&w, 1, 0));
	EXPECT_EQ(self_koid, fx_owner(_metadata, shared));
	EXPECT_ZX_OK(zx_futex_wake(shared, 1));
	EXPECT_EQ(1, fx_wait_done(&w, 1, 1));
	EXPECT_ZX_OK(fx_status(&w));
	fx_finish(_metadata, &w, 1, shared);
	munmap(shared, 4096);
	ASSERT_LIVE_EQ(base);
}

static zx_futex_t fx_child_futex;

static void *fx_child_waiter_main(void *arg)
{
	zx_handle_t owner = *(zx_handle_t *)arg;

	zx_futex_wait(&fx_child_futex, 0, owner, ZX_TIME_INFINITE);
	return NULL;
}

/* The process exits with threads still waiting: all is released. */
static int fx_exit_with_waiters_child(void *arg)
{
	zx_handle_t owner = zx_thread_self();
	pthread_t t[4];
	int i;

	CHILD_CHECK(owner != ZX_HANDLE_INVALID);
	for (i = 0; i < 4; i++)
		CHILD_CHECK(pthread_create(&t[i], NULL, fx_child_waiter_main,
					   &owner) == 0);
	for (i = 0; i < ZXT_SETTLE_MS; i++) {
		zx_koid_t koid = ZX_KOID_INVALID;

		CHILD_CHECK_ZX(ZX_OK, zx_futex_get_owner(&fx_child_futex,
							 &koid));
		if (koid != ZX_KOID_INVALID)
			break;
		zxt_sleep_ms(1);
	}
	zxt_sleep_ms(FX_GRACE_MS);
	return 0;
}

TEST(process_exit_releases_waiters)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(fx_exit_with_waiters_child, NULL));
	ASSERT_LIVE_EQ(base);
}

/* ---- races ------------------------------------------------------------- */

struct fx_churn {
	zx_futex_t a, b;
	int rounds;
	int finished;
	zx_status_t bad;
	long woken, timed_out;
};

/* Short waits on two futexes, while the test moves and wakes them. */
static void *fx_churn_main(void *arg)
{
	struct fx_churn *c = arg;
	zx_status_t s;
	int i;

	for (i = 0; i < c->rounds; i++) {
		s = zx_futex_wait(i & 1 ? &c->b : &c->a, 0, ZX_HANDLE_INVALID,
				  zx_deadline_after(ZX_MSEC(1 + i % 3)));
		if (s == ZX_OK)
			__atomic_add_fetch(&c->woken, 1, __ATOMIC_RELAXED);
		else if (s == ZX_ERR_TIMED_OUT)
			__atomic_add_fetch(&c->timed_out, 1, __ATOMIC_RELAXED);
		else
			__atomic_store_n(&c->bad, s, __ATOMIC_RELAXED);
	}
	__atomic_add_fetch(&c->finished, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * Timeouts, Linux signals, wakes and requeues in both directions all at
 * once: every wait ends woken or timed out, and nothing is left behind.
 */
TEST(requeue_races_timeouts_and_signals)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_churn c = { .rounds = 200 };
	pthread_t t[6];
	int i, n = 0;

	zxt_catch_signal(_metadata, SIGUSR1, 0);
	for (i = 0; i < 6; i++)
		zxt_thread_start(_metadata, &t[i], fx_churn_main, &c);
	while (__atomic_load_n(&c.finished, __ATOMIC_ACQUIRE) < 6) {
		EXPECT_ZX_OK(zx_futex_requeue(&c.a, 1, 0, &c.b, 2,
					      ZX_HANDLE_INVALID));
		EXPECT_ZX_OK(zx_futex_requeue_single_owner(&c.b, 0, &c.a,
							   UINT32_MAX, self));
		EXPECT_ZX_OK(zx_futex_wake(&c.b, 1));
		if (++n % 8 == 0)
			pthread_kill(t[n / 8 % 6], SIGUSR1);
		sched_yield();
	}
	for (i = 0; i < 6; i++)
		zxt_thread_join(_metadata, t[i]);
	EXPECT_ZX_OK(c.bad);
	EXPECT_EQ(6L * c.rounds, c.woken + c.timed_out);
	TH_LOG("%ld woken, %ld timed out, %d signals handled", c.woken,
	       c.timed_out, (int)zxt_signals_handled);
	ASSERT_LIVE_EQ(base);
}

/* ---- a futex-based mutex under contention ---------------------------- */

struct fx_mutex_test {
	zx_futex_t lock;		/* 0 free, 1 held, 2 held + waiters */
	long counter;
	int iterations;
	int bad_status;
};

static void fx_mutex_lock(struct fx_mutex_test *m)
{
	int c = 0;

	if (atomic_compare_exchange_strong(&m->lock, &c, 1))
		return;
	if (c != 2)
		c = atomic_exchange(&m->lock, 2);
	while (c != 0) {
		zx_status_t s = zx_futex_wait(&m->lock, 2, ZX_HANDLE_INVALID,
					      ZX_TIME_INFINITE);

		if (s != ZX_OK && s != ZX_ERR_BAD_STATE)
			__atomic_store_n(&m->bad_status, s, __ATOMIC_RELAXED);
		c = atomic_exchange(&m->lock, 2);
	}
}

static void fx_mutex_unlock(struct fx_mutex_test *m)
{
	if (atomic_fetch_sub(&m->lock, 1) != 1) {
		atomic_store(&m->lock, 0);
		zx_futex_wake(&m->lock, 1);
	}
}

static void *fx_mutex_main(void *arg)
{
	struct fx_mutex_test *m = arg;
	int i;

	for (i = 0; i < m->iterations; i++) {
		fx_mutex_lock(m);
		m->counter++;
		fx_mutex_unlock(m);
	}
	return NULL;
}

TEST(mutex_under_contention)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct fx_mutex_test m = { .iterations = 2000 };
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		zxt_thread_start(_metadata, &t[i], fx_mutex_main, &m);
	for (i = 0; i < 4; i++)
		zxt_thread_join(_metadata, t[i]);
	EXPECT_EQ(4L * m.iterations, m.counter);
	EXPECT_ZX_OK(m.bad_status);
	EXPECT_EQ(0, atomic_load(&m.lock));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

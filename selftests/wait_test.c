// SPDX-License-Identifier: GPL-2.0
/* zx_object_wait_one() and zx_object_wait_many(). */
#include "zx_test.h"

#include <sys/mman.h>

/* ---- zx_object_wait_one: immediate results ------------------------------------- */

TEST(wait_one_returns_at_once_when_already_signaled)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_signals_t observed;

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0 |
					    ZX_USER_SIGNAL_1));
	observed = 0;
	EXPECT_ZX_OK(zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, observed);
	observed = 0;
	EXPECT_ZX_OK(zx_object_wait_one(h, ZX_USER_SIGNAL_1,
					ZX_TIME_INFINITE_PAST, &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, observed);
	/* Any one of the signals is enough. */
	observed = 0;
	EXPECT_ZX_OK(zx_object_wait_one(h, ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_7,
					ZX_TIME_INFINITE, &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1, observed);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_times_out_with_a_past_deadline)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_signals_t observed;

	observed = 0xdeadbeef;
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, &observed));
	EXPECT_SIGNALS(0, observed);
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_1));
	observed = 0xdeadbeef;
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0,
				     ZX_TIME_INFINITE_PAST, &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, observed);
	observed = 0xdeadbeef;
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0,
				     zx_clock_get_monotonic() - ZX_SEC(1),
				     &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, observed);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_observed_may_be_null)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, NULL));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_needs_wait_right)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t blind = zxt_dup(_metadata, h,
				    ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_WAIT);
	zx_signals_t observed = 0xdeadbeef;

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_one(blind, ZX_USER_SIGNAL_0, 0, &observed));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_one(blind, ZX_USER_SIGNAL_0,
				     ZX_TIME_INFINITE, &observed));
	EXPECT_EQ(0xdeadbeef, observed);
	EXPECT_ZX_OK(zx_handle_close(blind));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_bad_handle)
{
	zx_handle_t stale = zxt_event(_metadata);
	zx_signals_t observed = 0xdeadbeef;

	ASSERT_ZX_OK(zx_handle_close(stale));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_one(ZXT_BOGUS_HANDLE, ZX_USER_SIGNAL_0,
				     ZX_TIME_INFINITE, &observed));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_one(stale, ZX_USER_SIGNAL_0,
				     ZX_TIME_INFINITE, &observed));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_one(ZX_HANDLE_INVALID, ZX_USER_SIGNAL_0,
				     ZX_TIME_INFINITE, &observed));
	EXPECT_EQ(0xdeadbeef, observed);
}

TEST(wait_one_bad_observed_pointer)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, ZXT_BAD_PTR));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE,
				     ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_on_the_process_and_job)
{
	zx_signals_t observed = 0xdeadbeef;

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(zx_process_self(), ZX_PROCESS_TERMINATED,
				     0, &observed));
	EXPECT_SIGNALS(0, observed & ZX_PROCESS_TERMINATED);
	ASSERT_ZX_OK(zx_object_signal(zx_process_self(), 0,
				      ZX_USER_SIGNAL_2));
	EXPECT_ZX_OK(zx_object_wait_one(zx_process_self(), ZX_USER_SIGNAL_2,
					ZX_TIME_INFINITE, &observed));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, observed & ZX_USER_SIGNAL_2);
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(zx_job_default(), ZX_JOB_TERMINATED, 0,
				     &observed));
}

/* ---- zx_object_wait_one: blocking ---------------------------------------------- */

TEST(wait_one_with_no_signals_waits_until_the_deadline)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_signals_t observed = 0xdeadbeef;
	zx_time_t deadline;

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	deadline = zx_deadline_after(ZX_MSEC(20));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_SIGNAL_NONE, deadline, &observed));
	EXPECT_LE(deadline, zxt_now());
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, observed);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_does_not_return_before_its_deadline)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_time_t deadline = zx_deadline_after(ZX_MSEC(50));

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, deadline, NULL));
	EXPECT_LE(deadline, zxt_now());
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_woken_by_another_thread)
{
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_waiter w;

	zxt_waiter_start(_metadata, &w, h, ZX_USER_SIGNAL_3,
			 ZX_TIME_INFINITE);
	/* A signal the waiter does not want leaves it asleep. */
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_1));
	zxt_sleep_ms(20);
	EXPECT_EQ(1, zxt_waiter_status(&w));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_3));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_3, w.observed);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_woken_through_a_duplicate)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SIGNAL);
	struct zxt_waiter w;

	zxt_waiter_start(_metadata, &w, h, ZX_EVENT_SIGNALED,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_object_signal(dup, 0, ZX_EVENT_SIGNALED));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED, w.observed);
	EXPECT_ZX_OK(zx_handle_close(dup));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_all_waiters_are_woken)
{
	enum { N = 4 };
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_waiter w[N];
	int i;

	for (i = 0; i < N; i++)
		zxt_waiter_start(_metadata, &w[i], h, ZX_USER_SIGNAL_0,
				 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	for (i = 0; i < N; i++) {
		zxt_waiter_join(_metadata, &w[i]);
		EXPECT_ZX_OK(w[i].status);
		EXPECT_SIGNALS(ZX_USER_SIGNAL_0, w[i].observed);
	}
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_canceled_when_another_thread_closes_the_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_waiter w;

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_5));
	zxt_waiter_start(_metadata, &w, h, ZX_USER_SIGNAL_0,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_handle_close(h));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX(ZX_ERR_CANCELED, w.status);
	EXPECT_SIGNALS(ZX_SIGNAL_HANDLE_CLOSED | ZX_USER_SIGNAL_5, w.observed);
	ASSERT_LIVE_EQ(base);
}

TEST(wait_one_not_canceled_by_closing_another_handle)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);
	struct zxt_waiter w;

	zxt_waiter_start(_metadata, &w, h, ZX_USER_SIGNAL_0,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_handle_close(dup));
	zxt_sleep_ms(20);
	EXPECT_EQ(1, zxt_waiter_status(&w));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, w.observed);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_timeout_in_another_thread)
{
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_waiter w;
	zx_time_t deadline = zx_deadline_after(ZX_MSEC(30));

	memset(&w, 0, sizeof(w));
	w.handle = h;
	w.signals = ZX_USER_SIGNAL_0;
	w.deadline = deadline;
	zxt_thread_start(_metadata, &w.thread, zxt_waiter_main, &w);
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, w.status);
	EXPECT_SIGNALS(0, w.observed);
	EXPECT_LE(deadline, zxt_now());
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* ---- Linux signals do not cut waits short ---------------------------------------- */

static void wait_through_signals(struct __test_metadata *_metadata,
				 int sa_flags)
{
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_pester p;
	zx_signals_t observed = 0xdeadbeef;
	zx_time_t deadline;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, sa_flags);
	zxt_pester_start(_metadata, &p, SIGUSR1, ZX_HANDLE_INVALID, 0);
	deadline = zx_deadline_after(ZX_MSEC(200));
	status = zx_object_wait_one(h, ZX_USER_SIGNAL_0, deadline, &observed);
	EXPECT_LE(deadline, zxt_now());
	zxt_pester_stop(_metadata, &p);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, status);
	EXPECT_SIGNALS(0, observed);
	/* The signals did arrive, while the wait was going on. */
	EXPECT_LT(0, zxt_signals_handled);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_keeps_its_deadline_through_restarting_signals)
{
	wait_through_signals(_metadata, SA_RESTART);
}

TEST(wait_one_keeps_its_deadline_through_interrupting_signals)
{
	wait_through_signals(_metadata, 0);
}

static void signaled_after_signals(struct __test_metadata *_metadata,
				   int sig, int sa_flags)
{
	zx_handle_t h = zxt_event(_metadata);
	struct zxt_pester p;
	zx_signals_t observed = 0xdeadbeef;
	zx_status_t status;

	zxt_catch_signal(_metadata, sig, sa_flags);
	zxt_pester_start(_metadata, &p, sig, h, 10);
	status = zx_object_wait_one(h, ZX_USER_SIGNAL_0,
				    zx_deadline_after(ZX_SEC(120)), &observed);
	zxt_pester_stop(_metadata, &p);
	EXPECT_ZX_OK(status);
	EXPECT_ZX_OK(p.event_status);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, observed);
	/* Signals of one kind coalesce, so some may have merged. */
	EXPECT_LT(0, zxt_signals_handled);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_one_signaled_after_restarting_signals)
{
	signaled_after_signals(_metadata, SIGALRM, SA_RESTART);
}

TEST(wait_one_signaled_after_interrupting_signals)
{
	signaled_after_signals(_metadata, SIGALRM, 0);
}

TEST(wait_many_keeps_its_deadline_through_signals)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_1 },
	};
	struct zxt_pester p;
	zx_time_t deadline;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, 0);
	zxt_pester_start(_metadata, &p, SIGUSR1, ZX_HANDLE_INVALID, 0);
	deadline = zx_deadline_after(ZX_MSEC(200));
	status = zx_object_wait_many(items, ARRAY_SIZE(items), deadline);
	EXPECT_LE(deadline, zxt_now());
	zxt_pester_stop(_metadata, &p);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, status);
	EXPECT_LT(0, zxt_signals_handled);
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* ---- zx_object_wait_many ------------------------------------------------------- */

TEST(wait_many_more_than_64_items_is_out_of_range)
{
	zx_wait_item_t items[ZX_WAIT_MANY_MAX_ITEMS + 1];
	zx_handle_t h = zxt_event(_metadata);
	size_t i;

	ASSERT_EQ(64u, ZX_WAIT_MANY_MAX_ITEMS);
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	for (i = 0; i < ARRAY_SIZE(items); i++) {
		items[i].handle = h;
		items[i].waitfor = ZX_USER_SIGNAL_0;
		items[i].pending = 0;
	}
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_object_wait_many(items, ZX_WAIT_MANY_MAX_ITEMS + 1, 0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_object_wait_many(items, SIZE_MAX, ZX_TIME_INFINITE));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_object_wait_many(NULL, 1000, ZX_TIME_INFINITE));
	EXPECT_EQ(0u, items[0].pending);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_many_with_64_items)
{
	enum { N = ZX_WAIT_MANY_MAX_ITEMS };
	zx_wait_item_t items[N];
	zx_handle_t h[N];
	int i;

	for (i = 0; i < N; i++) {
		h[i] = zxt_event(_metadata);
		items[i].handle = h[i];
		items[i].waitfor = ZX_USER_SIGNAL_0;
		items[i].pending = 0xdeadbeef;
	}
	ASSERT_ZX_OK(zx_object_signal(h[N - 1], 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_object_wait_many(items, N, ZX_TIME_INFINITE));
	for (i = 0; i < N - 1; i++)
		ASSERT_SIGNALS(0, items[i].pending);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, items[N - 1].pending);
	EXPECT_ZX_OK(zx_handle_close_many(h, N));
}

TEST(wait_many_with_no_items_sleeps_until_the_deadline)
{
	zx_time_t deadline = zx_deadline_after(ZX_MSEC(20));

	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(NULL, 0, deadline));
	EXPECT_LE(deadline, zxt_now());
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(NULL, 0, 0));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_many(ZXT_BAD_PTR, 0, ZX_TIME_INFINITE_PAST));
}

TEST(wait_many_bad_items_pointer)
{
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_wait_many(NULL, 1, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_many(ZXT_BAD_PTR, 2, ZX_TIME_INFINITE));
}

TEST(wait_many_items_that_cannot_be_written_back)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	zx_handle_t h = zxt_event(_metadata);
	zx_wait_item_t *items;

	/* A valid item list the kernel can read but not update. */
	items = mmap(NULL, page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, items);
	items[0].handle = h;
	items[0].waitfor = ZX_USER_SIGNAL_0;
	items[0].pending = 0;
	ASSERT_EQ(0, mprotect(items, page, PROT_READ));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_wait_many(items, 1, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_many(items, 1, ZX_TIME_INFINITE));
	EXPECT_EQ(0, munmap(items, page));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(wait_many_one_bad_handle)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_wait_item_t items[3] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = ZXT_BOGUS_HANDLE, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = b, .waitfor = ZX_USER_SIGNAL_0 },
	};

	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_many(items, 3, ZX_TIME_INFINITE));
	items[1].handle = ZX_HANDLE_INVALID;
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_many(items, 3, ZX_TIME_INFINITE));
	/* The handles before the bad one were not disturbed. */
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(wait_many_one_without_wait_right)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_handle_t blind = zxt_dup(_metadata, b,
				    ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_WAIT);
	zx_wait_item_t items[2] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = blind, .waitfor = ZX_USER_SIGNAL_0 },
	};

	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_many(items, 2, ZX_TIME_INFINITE));
	EXPECT_ZX_OK(zx_handle_close(blind));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(wait_many_fills_pending_on_ok)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_handle_t c = zxt_event(_metadata);
	zx_wait_item_t items[3] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
		{ .handle = b, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
		{ .handle = c, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
	};

	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_1));
	ASSERT_ZX_OK(zx_object_signal(c, 0, ZX_USER_SIGNAL_0 |
					    ZX_EVENT_SIGNALED));
	EXPECT_ZX_OK(zx_object_wait_many(items, 3, ZX_TIME_INFINITE));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, items[0].pending);
	EXPECT_SIGNALS(0, items[1].pending);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_EVENT_SIGNALED, items[2].pending);
	/* handle and waitfor come back unchanged. */
	EXPECT_EQ(a, items[0].handle);
	EXPECT_EQ(c, items[2].handle);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, items[2].waitfor);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(c));
}

TEST(wait_many_fills_pending_on_timeout)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
		{ .handle = b, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
	};
	zx_time_t deadline;

	ASSERT_ZX_OK(zx_object_signal(b, 0, ZX_USER_SIGNAL_2));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(items, 2, 0));
	EXPECT_SIGNALS(0, items[0].pending);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, items[1].pending);

	items[0].pending = items[1].pending = 0xdeadbeef;
	deadline = zx_deadline_after(ZX_MSEC(20));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(items, 2, deadline));
	EXPECT_LE(deadline, zxt_now());
	EXPECT_SIGNALS(0, items[0].pending);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, items[1].pending);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(wait_many_same_handle_twice)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_0,
		  .pending = 0xdeadbeef },
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_1,
		  .pending = 0xdeadbeef },
	};

	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(items, 2, 0));
	EXPECT_SIGNALS(0, items[0].pending);
	EXPECT_SIGNALS(0, items[1].pending);
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_1));
	EXPECT_ZX_OK(zx_object_wait_many(items, 2, ZX_TIME_INFINITE));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, items[0].pending);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, items[1].pending);
	EXPECT_ZX_OK(zx_handle_close(h));
}

struct many_waiter {
	pthread_t thread;
	zx_wait_item_t *items;
	size_t count;
	zx_time_t deadline;
	pid_t tid;
	zx_status_t status;
};

static void *many_waiter_main(void *arg)
{
	struct many_waiter *w = arg;

	__atomic_store_n(&w->tid, zxt_gettid(), __ATOMIC_RELEASE);
	__atomic_store_n(&w->status,
			 zx_object_wait_many(w->items, w->count, w->deadline),
			 __ATOMIC_RELEASE);
	return NULL;
}

static void many_waiter_start(struct __test_metadata *_metadata,
			      struct many_waiter *w, zx_wait_item_t *items,
			      size_t count)
{
	pid_t tid;

	memset(w, 0, sizeof(*w));
	w->items = items;
	w->count = count;
	w->deadline = ZX_TIME_INFINITE;
	w->status = 1;
	zxt_thread_start(_metadata, &w->thread, many_waiter_main, w);
	while (!(tid = __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE)))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(tid));
}

TEST(wait_many_woken_by_another_thread)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = b, .waitfor = ZX_EVENT_SIGNALED },
	};
	struct many_waiter w;

	many_waiter_start(_metadata, &w, items, 2);
	ASSERT_ZX_OK(zx_object_signal(b, 0, ZX_EVENT_SIGNALED));
	zxt_thread_join(_metadata, w.thread);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(0, items[0].pending);
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED, items[1].pending);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(wait_many_canceled_when_a_handle_is_closed)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = a, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = b, .waitfor = ZX_USER_SIGNAL_0 },
	};
	struct many_waiter w;

	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_3));
	many_waiter_start(_metadata, &w, items, 2);
	ASSERT_ZX_OK(zx_handle_close(b));
	zxt_thread_join(_metadata, w.thread);
	EXPECT_ZX(ZX_ERR_CANCELED, w.status);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_3, items[0].pending);
	EXPECT_SIGNALS(ZX_SIGNAL_HANDLE_CLOSED, items[1].pending);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/*
 * Blocking waits of every size the kernel stores differently (items and
 * wait entries on the stack or not): woken by the last item, every item
 * reports its own signals, nothing leaks.
 */
TEST(wait_many_woken_at_every_size)
{
	static const size_t counts[] = {
		1, 8, 9, 16, 17, ZX_WAIT_MANY_MAX_ITEMS,
	};
	struct zxt_live base = zxt_settle(_metadata);
	zx_wait_item_t items[ZX_WAIT_MANY_MAX_ITEMS];
	zx_handle_t h[ZX_WAIT_MANY_MAX_ITEMS];
	struct many_waiter w;
	size_t c, i, n;

	for (c = 0; c < ARRAY_SIZE(counts); c++) {
		n = counts[c];
		for (i = 0; i < n; i++) {
			h[i] = zxt_event(_metadata);
			/* Odd items carry an unrelated signal to report. */
			if (i & 1)
				ASSERT_ZX_OK(zx_object_signal(h[i], 0,
							      ZX_USER_SIGNAL_2));
			items[i].handle = h[i];
			items[i].waitfor = ZX_USER_SIGNAL_0;
			items[i].pending = 0xdeadbeef;
		}
		many_waiter_start(_metadata, &w, items, n);
		ASSERT_ZX_OK(zx_object_signal(h[n - 1], 0, ZX_USER_SIGNAL_0));
		zxt_thread_join(_metadata, w.thread);
		EXPECT_ZX_OK(w.status);
		for (i = 0; i < n; i++) {
			zx_signals_t want = i & 1 ? ZX_USER_SIGNAL_2 : 0;

			if (i == n - 1)
				want |= ZX_USER_SIGNAL_0;
			ASSERT_SIGNALS(want, items[i].pending);
			ASSERT_EQ(h[i], items[i].handle);
		}
		ASSERT_ZX_OK(zx_handle_close_many(h, n));
	}
	ASSERT_LIVE_EQ(base);
}

TEST(wait_many_canceled_with_64_items)
{
	enum { N = ZX_WAIT_MANY_MAX_ITEMS };
	struct zxt_live base = zxt_settle(_metadata);
	zx_wait_item_t items[N];
	zx_handle_t h[N];
	struct many_waiter w;
	int i;

	for (i = 0; i < N; i++) {
		h[i] = zxt_event(_metadata);
		items[i].handle = h[i];
		items[i].waitfor = ZX_USER_SIGNAL_0;
		items[i].pending = 0xdeadbeef;
	}
	many_waiter_start(_metadata, &w, items, N);
	ASSERT_ZX_OK(zx_handle_close(h[N / 2]));
	zxt_thread_join(_metadata, w.thread);
	EXPECT_ZX(ZX_ERR_CANCELED, w.status);
	for (i = 0; i < N; i++)
		ASSERT_SIGNALS(i == N / 2 ? ZX_SIGNAL_HANDLE_CLOSED : 0,
			       items[i].pending);
	for (i = 0; i < N; i++)
		if (i != N / 2)
			ASSERT_ZX_OK(zx_handle_close(h[i]));
	ASSERT_LIVE_EQ(base);
}

TEST(waits_release_the_object)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	zx_wait_item_t items[2] = {
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_0 },
		{ .handle = ZXT_BOGUS_HANDLE, .waitfor = ZX_USER_SIGNAL_0 },
	};

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, NULL));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(items, 1, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_object_wait_many(items, 2, 0));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, NULL));
	EXPECT_ZX_OK(zx_object_wait_many(items, 1, 0));
	ASSERT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/* Timers: zx_timer_create(), zx_timer_set() and zx_timer_cancel(). */
#include "zx_test.h"

static const uint32_t slack_policies[] = {
	ZX_TIMER_SLACK_CENTER, ZX_TIMER_SLACK_EARLY, ZX_TIMER_SLACK_LATE,
};

static const char *const slack_names[] = { "CENTER", "EARLY", "LATE" };

static zx_handle_t zxt_timer(struct __test_metadata *_metadata,
			     uint32_t options, zx_clock_t clock_id)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_timer_create(options, clock_id, &h));
	ASSERT_NE(ZX_HANDLE_INVALID, h);
	return h;
}

static zx_info_timer_t zxt_timer_info(struct __test_metadata *_metadata,
				      zx_handle_t h)
{
	zx_info_timer_t info;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_TIMER, &info, sizeof(info),
					NULL, NULL));
	return info;
}

static zx_time_t zxt_boot_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (zx_time_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- create ------------------------------------------------------------- */

TEST(timer_create_gives_an_unsignaled_timer_with_default_rights)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	zx_info_handle_basic_t info = zxt_basic(_metadata, h);

	EXPECT_EQ(ZX_OBJ_TYPE_TIMER, info.type);
	EXPECT_EQ(ZX_DEFAULT_TIMER_RIGHTS, info.rights);
	EXPECT_EQ(ZX_KOID_INVALID, info.related_koid);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_create_takes_every_slack_policy_on_both_clocks)
{
	static const zx_clock_t clocks[] = { ZX_CLOCK_MONOTONIC,
					     ZX_CLOCK_BOOT };
	struct zxt_live base = zxt_settle(_metadata);
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(slack_policies); i++) {
		for (j = 0; j < ARRAY_SIZE(clocks); j++) {
			zx_handle_t h = zxt_timer(_metadata, slack_policies[i],
						  clocks[j]);
			zx_info_timer_t info = zxt_timer_info(_metadata, h);

			EXPECT_EQ(slack_policies[i], info.options);
			EXPECT_EQ(clocks[j], info.clock_id);
			EXPECT_ZX_OK(zx_handle_close(h));
		}
	}
	ASSERT_LIVE_EQ(base);
}

TEST(timer_create_rejects_bad_options_clocks_and_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_timer_create(ZX_TIMER_SLACK_LATE + 1, ZX_CLOCK_MONOTONIC,
				  &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_timer_create(~0u, ZX_CLOCK_MONOTONIC, &h));
	/* 2 was ZX_CLOCK_THREAD: never a timer clock. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_timer_create(0, 2, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_timer_create(0, ~0u, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_timer_create(0, ZX_CLOCK_MONOTONIC, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_timer_create(0, ZX_CLOCK_MONOTONIC, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

/* ---- handles and rights ----------------------------------------------- */

TEST(timer_set_and_cancel_check_handle_type_and_rights)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	zx_handle_t ev = zxt_event(_metadata);
	zx_handle_t ro = zxt_dup(_metadata, t,
				 ZX_DEFAULT_TIMER_RIGHTS & ~ZX_RIGHT_WRITE);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_timer_set(ZXT_BOGUS_HANDLE, 0, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_timer_cancel(ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_timer_set(ZX_HANDLE_INVALID, 0, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_timer_set(ev, 0, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_timer_cancel(ev));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_timer_set(ro, 0, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_timer_cancel(ro));
	/* Nothing was armed through the handle without WRITE. */
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_timer_set(t, 0, -1));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_timer_set(t, 0, INT64_MIN));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_user_signals_only)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);

	EXPECT_ZX_OK(zx_object_signal(t, 0, ZX_USER_SIGNAL_3));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_3, zxt_signals(_metadata, t));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(t, 0, ZX_TIMER_SIGNALED));
	/* Setting the timer leaves user signals alone. */
	EXPECT_ZX_OK(zx_timer_set(t, 0, 0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_3 | ZX_TIMER_SIGNALED,
		       zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_timer_cancel(t));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_3, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

/* ---- firing ------------------------------------------------------------- */

TEST(timer_fires_at_its_deadline_and_wait_one_sees_it)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	zx_time_t deadline = zxt_now() + ZX_MSEC(20);
	zx_signals_t observed = 0;

	ASSERT_ZX_OK(zx_timer_set(t, deadline, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	ASSERT_ZX_OK(zx_object_wait_one(t, ZX_TIMER_SIGNALED,
					ZX_TIME_INFINITE, &observed));
	/* Without slack, never before the deadline. */
	EXPECT_LE(deadline, zxt_now());
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, observed);
	/* It stays asserted until set or cancel. */
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_wakes_a_thread_already_waiting)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, ZX_TIMER_SLACK_LATE,
				  ZX_CLOCK_MONOTONIC);
	struct zxt_waiter w;
	zx_time_t deadline;

	zxt_waiter_start(_metadata, &w, t, ZX_TIMER_SIGNALED,
			 ZX_TIME_INFINITE);
	deadline = zxt_now() + ZX_MSEC(10);
	ASSERT_ZX_OK(zx_timer_set(t, deadline, ZX_MSEC(1)));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(zxt_waiter_status(&w));
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, w.observed);
	EXPECT_LE(deadline, zxt_now());
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_with_a_due_deadline_fires_at_once)
{
	struct zxt_live base = zxt_settle(_metadata);
	const zx_time_t due[] = { 0, -1, INT64_MIN, 1, zxt_now() - ZX_MSEC(1),
				  zxt_now() };
	size_t i, p;

	for (p = 0; p < ARRAY_SIZE(slack_policies); p++) {
		zx_handle_t t = zxt_timer(_metadata, slack_policies[p],
					  ZX_CLOCK_MONOTONIC);

		for (i = 0; i < ARRAY_SIZE(due); i++) {
			ASSERT_ZX_OK(zx_timer_cancel(t));
			ASSERT_ZX_OK(zx_timer_set(t, due[i], 0));
			/* Asserted before zx_timer_set() returned. */
			EXPECT_SIGNALS(ZX_TIMER_SIGNALED,
				       zxt_signals(_metadata, t));
		}
		EXPECT_ZX_OK(zx_handle_close(t));
	}
	ASSERT_LIVE_EQ(base);
}

TEST(timer_infinite_deadline_never_fires)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, ZX_TIMER_SLACK_LATE,
				  ZX_CLOCK_MONOTONIC);
	zx_info_timer_t info;

	ASSERT_ZX_OK(zx_timer_set(t, ZX_TIME_INFINITE, ZX_SEC(1)));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(t, ZX_TIMER_SIGNALED,
				     zx_deadline_after(ZX_MSEC(30)), NULL));
	info = zxt_timer_info(_metadata, t);
	EXPECT_EQ(ZX_TIME_INFINITE, info.deadline);
	EXPECT_EQ(ZX_SEC(1), info.slack);
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

/*
 * Slack widens the window only on the sides the policy allows: a huge slack
 * makes a CENTER or EARLY timer due at once, never a LATE one.
 */
TEST(timer_slack_window_follows_the_policy)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_time_t far = zxt_now() + ZX_HOUR(1);
	size_t p;

	for (p = 0; p < ARRAY_SIZE(slack_policies); p++) {
		zx_handle_t t = zxt_timer(_metadata, slack_policies[p],
					  ZX_CLOCK_MONOTONIC);
		zx_signals_t want = slack_policies[p] == ZX_TIMER_SLACK_LATE ?
				    0 : ZX_TIMER_SIGNALED;

		ASSERT_ZX_OK(zx_timer_set(t, far, ZX_HOUR(2)));
		EXPECT_EQ(want, zxt_signals(_metadata, t)) {
			TH_LOG("policy %s", slack_names[p]);
		}
		/* Saturates instead of wrapping around. */
		ASSERT_ZX_OK(zx_timer_set(t, far, INT64_MAX));
		EXPECT_EQ(want, zxt_signals(_metadata, t)) {
			TH_LOG("policy %s", slack_names[p]);
		}
		EXPECT_ZX_OK(zx_handle_close(t));
	}
	ASSERT_LIVE_EQ(base);
}

/* ---- rearm and cancel --------------------------------------------------- */

TEST(timer_set_again_replaces_the_deadline_and_clears_the_signal)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	zx_time_t soon;

	ASSERT_ZX_OK(zx_timer_set(t, 0, 0));
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, zxt_signals(_metadata, t));
	/* A new, later deadline deasserts the signal... */
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_HOUR(1), 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	/* ...and an earlier one replaces it. */
	soon = zxt_now() + ZX_MSEC(10);
	ASSERT_ZX_OK(zx_timer_set(t, soon, 0));
	ASSERT_ZX_OK(zx_object_wait_one(t, ZX_TIMER_SIGNALED,
					zx_deadline_after(ZX_SEC(60)), NULL));
	EXPECT_LE(soon, zxt_now());
	/* A later deadline replaces an earlier one that has not fired. */
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_MSEC(5), 0));
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_HOUR(1), 0));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(t, ZX_TIMER_SIGNALED,
				     zx_deadline_after(ZX_MSEC(40)), NULL));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_cancel_deasserts_and_stops_a_pending_timer)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	zx_info_timer_t info;

	/* Before any set: no effect. */
	EXPECT_ZX_OK(zx_timer_cancel(t));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));

	ASSERT_ZX_OK(zx_timer_set(t, 0, 0));
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_timer_cancel(t));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));

	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_MSEC(10), ZX_MSEC(1)));
	EXPECT_ZX_OK(zx_timer_cancel(t));
	info = zxt_timer_info(_metadata, t);
	EXPECT_EQ(0, info.deadline);
	EXPECT_EQ(0, info.slack);
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(t, ZX_TIMER_SIGNALED,
				     zx_deadline_after(ZX_MSEC(50)), NULL));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

/*
 * Rearm and cancel a timer as fast as possible, often right while its
 * hrtimer fires: a stale expiry must never assert the signal after the
 * final cancel.
 */
TEST(timer_rearm_storm_leaves_no_stale_signal)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_MONOTONIC);
	int i;

	for (i = 0; i < 20000; i++) {
		ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + (i % 64) * 1000,
					  (i % 3) * 1000));
		if (i % 5 == 0)
			ASSERT_ZX_OK(zx_timer_cancel(t));
	}
	ASSERT_ZX_OK(zx_timer_cancel(t));
	zxt_sleep_ms(20);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	/* And a far deadline is not hit by an old expiry either. */
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_MSEC(1), 0));
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_HOUR(1), 0));
	zxt_sleep_ms(20);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

TEST(timer_closed_while_armed_is_freed)
{
	struct zxt_live base = zxt_settle(_metadata);
	int i;

	for (i = 0; i < 200; i++) {
		zx_handle_t t = zxt_timer(_metadata, i % 3,
					  ZX_CLOCK_MONOTONIC);

		ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + (i % 20) * 10000,
					  0));
		ASSERT_ZX_OK(zx_handle_close(t));
	}
	ASSERT_LIVE_EQ(base);
}

/* ---- ZX_INFO_TIMER -------------------------------------------------------- */

TEST(timer_info_reports_options_deadline_and_slack)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, ZX_TIMER_SLACK_EARLY,
				  ZX_CLOCK_MONOTONIC);
	zx_handle_t no_inspect = zxt_dup(_metadata, t,
					 ZX_DEFAULT_TIMER_RIGHTS &
					 ~ZX_RIGHT_INSPECT);
	zx_handle_t ev = zxt_event(_metadata);
	zx_time_t deadline = zxt_now() + ZX_HOUR(1);
	size_t actual = 99, avail = 99;
	zx_info_timer_t info;

	info = zxt_timer_info(_metadata, t);
	EXPECT_EQ(ZX_TIMER_SLACK_EARLY, info.options);
	EXPECT_EQ(ZX_CLOCK_MONOTONIC, info.clock_id);
	EXPECT_EQ(0, info.deadline);
	EXPECT_EQ(0, info.slack);

	ASSERT_ZX_OK(zx_timer_set(t, deadline, ZX_MSEC(3)));
	ASSERT_ZX_OK(zx_object_get_info(t, ZX_INFO_TIMER, &info, sizeof(info),
					&actual, &avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_EQ(ZX_TIMER_SLACK_EARLY, info.options);
	EXPECT_EQ(deadline, info.deadline);
	EXPECT_EQ(ZX_MSEC(3), info.slack);

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(t, ZX_INFO_TIMER, &info,
				     sizeof(info) - 1, &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(t, ZX_INFO_TIMER, ZXT_BAD_PTR,
				     sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(no_inspect, ZX_INFO_TIMER, &info,
				     sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(ev, ZX_INFO_TIMER, &info, sizeof(info),
				     NULL, NULL));

	/* Fired: no longer armed. */
	ASSERT_ZX_OK(zx_timer_set(t, zxt_now() + ZX_MSEC(2), 0));
	ASSERT_ZX_OK(zx_object_wait_one(t, ZX_TIMER_SIGNALED,
					ZX_TIME_INFINITE, NULL));
	info = zxt_timer_info(_metadata, t);
	EXPECT_EQ(0, info.deadline);
	EXPECT_EQ(0, info.slack);

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(no_inspect));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

/* ---- the boot clock ------------------------------------------------------- */

TEST(timer_on_the_boot_clock_fires_at_a_boot_time_deadline)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t t = zxt_timer(_metadata, 0, ZX_CLOCK_BOOT);
	zx_time_t deadline = zxt_boot_now() + ZX_MSEC(15);

	EXPECT_EQ(ZX_CLOCK_BOOT, zxt_timer_info(_metadata, t).clock_id);
	ASSERT_ZX_OK(zx_timer_set(t, deadline, 0));
	EXPECT_EQ(deadline, zxt_timer_info(_metadata, t).deadline);
	ASSERT_ZX_OK(zx_object_wait_one(t, ZX_TIMER_SIGNALED,
					zx_deadline_after(ZX_SEC(60)), NULL));
	EXPECT_LE(deadline, zxt_boot_now());
	/* A boot time already passed is due at once. */
	ASSERT_ZX_OK(zx_timer_set(t, zxt_boot_now() - ZX_MSEC(1), 0));
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, zxt_signals(_metadata, t));
	EXPECT_ZX_OK(zx_handle_close(t));
	ASSERT_LIVE_EQ(base);
}

/* ---- lateness ------------------------------------------------------------- */

static int cmp_time(const void *a, const void *b)
{
	zx_time_t x = *(const zx_time_t *)a, y = *(const zx_time_t *)b;

	return x < y ? -1 : x > y;
}

#define LATENESS_ROUNDS	25

/*
 * How late timers fire here (seen from a thread waiting on them), per
 * policy.  Only the documented lower bound is asserted: never before
 * deadline - slack, or before the deadline itself for LATE.
 */
TEST(timer_lateness_per_slack_policy)
{
	struct zxt_live base = zxt_settle(_metadata);
	const zx_duration_t slack = ZX_USEC(500);
	zx_time_t late[LATENESS_ROUNDS];
	size_t p;
	int i;

	for (p = 0; p < ARRAY_SIZE(slack_policies); p++) {
		zx_handle_t t = zxt_timer(_metadata, slack_policies[p],
					  ZX_CLOCK_MONOTONIC);
		zx_time_t earliest_ok;

		for (i = 0; i < LATENESS_ROUNDS; i++) {
			zx_time_t deadline = zxt_now() + ZX_MSEC(2);
			zx_time_t woke;

			earliest_ok = slack_policies[p] == ZX_TIMER_SLACK_LATE ?
				      deadline : deadline - slack;
			ASSERT_ZX_OK(zx_timer_set(t, deadline, slack));
			ASSERT_ZX_OK(zx_object_wait_one(t, ZX_TIMER_SIGNALED,
							ZX_TIME_INFINITE,
							NULL));
			woke = zxt_now();
			ASSERT_LE(earliest_ok, woke) {
				TH_LOG("%s timer fired %lld ns before its window",
				       slack_names[p],
				       (long long)(earliest_ok - woke));
			}
			late[i] = woke - deadline;
		}
		qsort(late, LATENESS_ROUNDS, sizeof(late[0]), cmp_time);
		TH_LOG("%-6s slack %lld us: lateness vs deadline min %lld us, median %lld us, max %lld us",
		       slack_names[p], (long long)slack / 1000,
		       (long long)late[0] / 1000,
		       (long long)late[LATENESS_ROUNDS / 2] / 1000,
		       (long long)late[LATENESS_ROUNDS - 1] / 1000);
		EXPECT_ZX_OK(zx_handle_close(t));
	}
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Time: zx_clock_get_monotonic(), zx_deadline_after(), ticks and
 * zx_nanosleep().  Only lower bounds on elapsed time are checked: the test
 * machine may be arbitrarily slow.
 */
#include "zx_test.h"

TEST(monotonic_is_clock_monotonic)
{
	int i;

	for (i = 0; i < 100; i++) {
		zx_time_t before = zxt_now();
		zx_time_t t = zx_clock_get_monotonic();
		zx_time_t after = zxt_now();

		ASSERT_LE(before, t);
		ASSERT_LE(t, after);
	}
}

TEST(monotonic_never_goes_backwards)
{
	zx_time_t prev = zx_clock_get_monotonic();
	int i;

	ASSERT_LT(0, prev);
	for (i = 0; i < 100000; i++) {
		zx_time_t t = zx_clock_get_monotonic();

		ASSERT_LE(prev, t);
		prev = t;
	}
}

TEST(deadline_after_is_now_plus_duration)
{
	const zx_duration_t durations[] = {
		0, 1, ZX_USEC(1), ZX_MSEC(20), ZX_SEC(1), ZX_HOUR(24),
		-ZX_MSEC(5),
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(durations); i++) {
		zx_time_t before = zxt_now();
		zx_time_t d = zx_deadline_after(durations[i]);
		zx_time_t after = zxt_now();

		EXPECT_LE(before + durations[i], d);
		EXPECT_LE(d, after + durations[i]);
	}
}

TEST(deadline_after_saturates)
{
	EXPECT_EQ(ZX_TIME_INFINITE, zx_deadline_after(ZX_TIME_INFINITE));
	EXPECT_EQ(ZX_TIME_INFINITE, zx_deadline_after(ZX_TIME_INFINITE - 1));
	/* Just past the largest duration that does not overflow. */
	EXPECT_EQ(ZX_TIME_INFINITE,
		  zx_deadline_after(ZX_TIME_INFINITE - zxt_now() + 1));
}

TEST(ticks_per_second_is_positive)
{
	EXPECT_LT(0, zx_ticks_per_second());
	/* And constant. */
	EXPECT_EQ(zx_ticks_per_second(), zx_ticks_per_second());
}

TEST(ticks_never_go_backwards)
{
	zx_ticks_t prev = zx_ticks_get();
	int i;

	for (i = 0; i < 100000; i++) {
		zx_ticks_t t = zx_ticks_get();

		ASSERT_LE(prev, t);
		prev = t;
	}
}

TEST(ticks_advance_with_time)
{
	zx_ticks_t per_second = zx_ticks_per_second();
	zx_ticks_t start;
	zx_time_t deadline;

	ASSERT_LT(0, per_second);
	start = zx_ticks_get();
	deadline = zx_deadline_after(ZX_MSEC(20));
	while (zxt_now() < deadline)
		zxt_sleep_ms(5);
	/* At least 20 ms worth of ticks went by (50 * 20 ms = 1 s). */
	EXPECT_LE(start + per_second / 50, zx_ticks_get());
}

TEST(nanosleep_waits_until_the_deadline)
{
	zx_time_t deadline = zx_deadline_after(ZX_MSEC(20));

	EXPECT_ZX_OK(zx_nanosleep(deadline));
	EXPECT_LE(deadline, zxt_now());
	EXPECT_LE(deadline, zx_clock_get_monotonic());
}

TEST(nanosleep_repeated_short_sleeps)
{
	int i;

	for (i = 0; i < 20; i++) {
		zx_time_t deadline = zx_deadline_after(ZX_MSEC(1));

		ASSERT_ZX_OK(zx_nanosleep(deadline));
		ASSERT_LE(deadline, zxt_now());
	}
}

TEST(nanosleep_with_a_past_deadline_returns)
{
	EXPECT_ZX_OK(zx_nanosleep(0));
	EXPECT_ZX_OK(zx_nanosleep(ZX_TIME_INFINITE_PAST));
	EXPECT_ZX_OK(zx_nanosleep(1));
	EXPECT_ZX_OK(zx_nanosleep(zx_clock_get_monotonic()));
	EXPECT_ZX_OK(zx_nanosleep(zx_clock_get_monotonic() - ZX_SEC(10)));
}

static void sleep_through_signals(struct __test_metadata *_metadata,
				  int sig, int sa_flags)
{
	struct zxt_pester p;
	zx_time_t deadline;
	zx_status_t status;

	zxt_catch_signal(_metadata, sig, sa_flags);
	zxt_pester_start(_metadata, &p, sig, ZX_HANDLE_INVALID, 0);
	deadline = zx_deadline_after(ZX_MSEC(200));
	status = zx_nanosleep(deadline);
	EXPECT_LE(deadline, zxt_now());
	zxt_pester_stop(_metadata, &p);
	EXPECT_ZX_OK(status);
	EXPECT_LT(0, zxt_signals_handled);
}

TEST(nanosleep_keeps_its_deadline_through_restarting_signals)
{
	sleep_through_signals(_metadata, SIGUSR1, SA_RESTART);
}

TEST(nanosleep_keeps_its_deadline_through_interrupting_signals)
{
	sleep_through_signals(_metadata, SIGALRM, 0);
}

struct sleeper {
	zx_time_t deadline;
	zx_status_t status;
	zx_time_t woke;
};

static void *sleeper_main(void *arg)
{
	struct sleeper *s = arg;

	s->status = zx_nanosleep(s->deadline);
	s->woke = zxt_now();
	return NULL;
}

TEST(nanosleep_in_several_threads)
{
	enum { N = 4 };
	struct sleeper s[N];
	pthread_t t[N];
	int i;

	for (i = 0; i < N; i++) {
		s[i].deadline = zx_deadline_after(ZX_MSEC(10 * (i + 1)));
		s[i].status = 1;
		zxt_thread_start(_metadata, &t[i], sleeper_main, &s[i]);
	}
	for (i = 0; i < N; i++) {
		zxt_thread_join(_metadata, t[i]);
		EXPECT_ZX_OK(s[i].status);
		EXPECT_LE(s[i].deadline, s[i].woke);
	}
}

TEST_HARNESS_MAIN

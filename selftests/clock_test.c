// SPDX-License-Identifier: GPL-2.0
/*
 * Clock objects: zx_clock_create(), zx_clock_read(), zx_clock_get_details()
 * and zx_clock_update().
 */
#include <zircon/syscalls/clock.h>

#include "zx_test.h"

#define V1	ZX_CLOCK_ARGS_VERSION(1)
#define V2	ZX_CLOCK_ARGS_VERSION(2)
#define SET	ZX_CLOCK_UPDATE_OPTION_SYNTHETIC_VALUE_VALID
#define REF	ZX_CLOCK_UPDATE_OPTION_REFERENCE_VALUE_VALID
#define RATE	ZX_CLOCK_UPDATE_OPTION_RATE_ADJUST_VALID
#define ERR	ZX_CLOCK_UPDATE_OPTION_ERROR_BOUND_VALID

static zx_handle_t zxt_clock(struct __test_metadata *_metadata,
			     uint64_t options, zx_time_t backstop)
{
	zx_clock_create_args_v1_t args = { .backstop_time = backstop };
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_clock_create(options | V1, &args, &h));
	ASSERT_NE(ZX_HANDLE_INVALID, h);
	return h;
}

static zx_time_t zxt_read(struct __test_metadata *_metadata, zx_handle_t h)
{
	zx_time_t now = -12345;

	ASSERT_ZX_OK(zx_clock_read(h, &now));
	return now;
}

static zx_clock_details_v1_t zxt_details(struct __test_metadata *_metadata,
					 zx_handle_t h)
{
	zx_clock_details_v1_t d;

	memset(&d, 0xa5, sizeof(d));
	ASSERT_ZX_OK(zx_clock_get_details(h, V1, &d));
	return d;
}

static zx_status_t set_v1(zx_handle_t h, zx_time_t value)
{
	zx_clock_update_args_v1_t a = { .value = value };

	return zx_clock_update(h, V1 | SET, &a);
}

static zx_status_t update_v2(zx_handle_t h, uint64_t flags, zx_time_t ref,
			     zx_time_t synth, int32_t rate, uint64_t err)
{
	zx_clock_update_args_v2_t a = {
		.rate_adjust = rate,
		.synthetic_value = synth,
		.reference_value = ref,
		.error_bound = err,
	};

	return zx_clock_update(h, V2 | flags, &a);
}

static zx_time_t zxt_boot_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (zx_time_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- create ------------------------------------------------------------- */

TEST(clock_create_gives_a_stopped_clock_at_its_backstop)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID, b;
	zx_info_handle_basic_t info;
	zx_clock_details_v1_t d;

	ASSERT_ZX_OK(zx_clock_create(0, NULL, &h));
	info = zxt_basic(_metadata, h);
	EXPECT_EQ(ZX_OBJ_TYPE_CLOCK, info.type);
	EXPECT_EQ(ZX_DEFAULT_CLOCK_RIGHTS, info.rights);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_EQ(0, zxt_read(_metadata, h));

	d = zxt_details(_metadata, h);
	EXPECT_EQ(0u, d.options);
	EXPECT_EQ(0, d.backstop_time);
	EXPECT_EQ(0u, d.mono_to_synthetic.rate.synthetic_ticks);
	EXPECT_EQ(0, d.mono_to_synthetic.synthetic_offset);
	EXPECT_EQ(0u, d.ticks_to_synthetic.rate.synthetic_ticks);
	EXPECT_EQ(ZX_CLOCK_UNKNOWN_ERROR, d.error_bound);
	EXPECT_EQ(0, d.last_value_update_ticks);
	EXPECT_EQ(0, d.last_rate_adjust_update_ticks);
	EXPECT_EQ(0, d.last_error_bounds_update_ticks);
	EXPECT_EQ(1u, d.generation_counter);

	b = zxt_clock(_metadata, ZX_CLOCK_OPT_MONOTONIC, ZX_SEC(1234));
	EXPECT_EQ(ZX_SEC(1234), zxt_read(_metadata, b));
	zxt_sleep_ms(2);
	EXPECT_EQ(ZX_SEC(1234), zxt_read(_metadata, b));
	d = zxt_details(_metadata, b);
	EXPECT_EQ(ZX_CLOCK_OPT_MONOTONIC, d.options);
	EXPECT_EQ(ZX_SEC(1234), d.backstop_time);
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_create_rejects_bad_options_versions_and_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_clock_create_args_v1_t args = { .backstop_time = 0 };
	zx_handle_t h = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create(ZX_CLOCK_OPTS_ALL + 1, NULL, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create((uint64_t)1 << 40, NULL, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create(ZX_CLOCK_OPT_CONTINUOUS, NULL, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create(ZX_CLOCK_ARGS_VERSION(2), &args, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create(ZX_CLOCK_ARGS_VERSION(63), &args, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_create(V1, NULL, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_create(V1, ZXT_BAD_PTR, &h));
	args.backstop_time = -1;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_create(V1, &args, &h));
	/* An auto-started clock would read below a future backstop. */
	args.backstop_time = zxt_now() + ZX_HOUR(1);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_create(V1 | ZX_CLOCK_OPT_AUTO_START, &args, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_clock_create(ZX_CLOCK_OPT_MAPPABLE, NULL, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_create(0, NULL, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_create(0, NULL, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_auto_start_clones_the_monotonic_clock)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_AUTO_START |
				  ZX_CLOCK_OPT_MONOTONIC, ZX_SEC(1));
	zx_clock_details_v1_t d;
	zx_time_t before, v, after;

	EXPECT_SIGNALS(ZX_CLOCK_STARTED, zxt_signals(_metadata, h));
	before = zxt_now();
	v = zxt_read(_metadata, h);
	after = zxt_now();
	EXPECT_LE(before, v);
	EXPECT_LE(v, after);
	d = zxt_details(_metadata, h);
	EXPECT_EQ(1u, d.mono_to_synthetic.rate.synthetic_ticks);
	EXPECT_EQ(1u, d.mono_to_synthetic.rate.reference_ticks);
	EXPECT_EQ(0, d.mono_to_synthetic.reference_offset);
	EXPECT_EQ(0, d.mono_to_synthetic.synthetic_offset);
	EXPECT_LE(before, d.query_ticks);
	EXPECT_LE(d.last_value_update_ticks, before);
	EXPECT_EQ(1u, d.generation_counter);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_on_boot_time_follows_clock_boottime)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_AUTO_START |
				  ZX_CLOCK_OPT_BOOT, 0);
	zx_time_t before = zxt_boot_now();
	zx_time_t v = zxt_read(_metadata, h);
	zx_time_t after = zxt_boot_now();

	EXPECT_LE(before, v);
	EXPECT_LE(v, after);
	EXPECT_EQ(ZX_CLOCK_OPT_AUTO_START | ZX_CLOCK_OPT_BOOT,
		  zxt_details(_metadata, h).options);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_get_boot_and_ticks_get_boot_read_clock_boottime)
{
	zx_time_t before = zxt_boot_now();
	zx_time_t boot = zx_clock_get_boot();
	zx_ticks_t ticks = zx_ticks_get_boot();
	zx_time_t after = zxt_boot_now();

	EXPECT_LE(before, boot);
	EXPECT_LE(boot, ticks);
	EXPECT_LE(ticks, after);
	/* Boot time includes suspend, so it is never behind monotonic. */
	EXPECT_LE(zx_clock_get_monotonic(), zx_clock_get_boot());
}

/* ---- read and get_details: handles, rights, arguments ------------------- */

TEST(clock_read_and_get_details_check_handles_rights_and_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_AUTO_START, 0);
	zx_handle_t no_read = zxt_dup(_metadata, h, ZX_DEFAULT_CLOCK_RIGHTS &
				      ~ZX_RIGHT_READ);
	zx_handle_t ev = zxt_event(_metadata);
	zx_clock_details_v1_t d;
	zx_time_t now;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_clock_read(ZXT_BOGUS_HANDLE, &now));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_clock_read(ev, &now));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_clock_read(no_read, &now));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_read(h, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_read(h, ZXT_BAD_PTR));

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_clock_get_details(ZXT_BOGUS_HANDLE, V1, &d));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_clock_get_details(ev, V1, &d));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_clock_get_details(no_read, V1, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_get_details(h, 0, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_get_details(h, V2, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_get_details(h, V1 | 1, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_get_details(h, V1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_get_details(h, V1, ZXT_BAD_PTR));

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(no_read));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* ---- update: starting, arguments, rights -------------------------------- */

TEST(clock_first_update_must_set_the_value_and_starts_the_clock)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, ZX_SEC(10));
	zx_clock_details_v1_t d;
	zx_time_t before, v;

	EXPECT_ZX(ZX_ERR_BAD_STATE, update_v2(h, ERR, 0, 0, 0, 5));
	EXPECT_ZX(ZX_ERR_BAD_STATE, update_v2(h, RATE, 0, 0, 10, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_EQ(1u, zxt_details(_metadata, h).generation_counter);

	before = zxt_now();
	ASSERT_ZX_OK(update_v2(h, SET, 0, ZX_SEC(1000), 0, 0));
	EXPECT_SIGNALS(ZX_CLOCK_STARTED, zxt_signals(_metadata, h));
	v = zxt_read(_metadata, h);
	EXPECT_LE(ZX_SEC(1000), v);
	/* It runs at the reference rate from the moment it was set. */
	EXPECT_LE(v, ZX_SEC(1000) + zxt_now() - before);
	d = zxt_details(_metadata, h);
	EXPECT_EQ(2u, d.generation_counter);
	EXPECT_EQ(1u, d.mono_to_synthetic.rate.synthetic_ticks);
	EXPECT_EQ(1u, d.mono_to_synthetic.rate.reference_ticks);
	EXPECT_EQ(ZX_SEC(1000), d.mono_to_synthetic.synthetic_offset);
	EXPECT_LE(before, d.mono_to_synthetic.reference_offset);
	EXPECT_EQ(d.mono_to_synthetic.reference_offset,
		  d.last_value_update_ticks);
	EXPECT_EQ(d.last_value_update_ticks, d.last_rate_adjust_update_ticks);
	EXPECT_EQ(0, d.last_error_bounds_update_ticks);
	/* Ticks are reference nanoseconds: both transformations agree. */
	EXPECT_EQ(0, memcmp(&d.mono_to_synthetic, &d.ticks_to_synthetic,
			    sizeof(d.mono_to_synthetic)));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_update_rejects_bad_handles_rights_and_arguments)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, ZX_SEC(5));
	zx_handle_t no_write = zxt_dup(_metadata, h, ZX_DEFAULT_CLOCK_RIGHTS &
				       ~ZX_RIGHT_WRITE);
	zx_handle_t ev = zxt_event(_metadata);
	zx_clock_update_args_v1_t a1 = { .value = ZX_SEC(100) };
	zx_clock_update_args_v2_t a2 = { .synthetic_value = ZX_SEC(100) };

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_clock_update(ZXT_BOGUS_HANDLE, V2 | SET, &a2));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_clock_update(ev, V2 | SET, &a2));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_clock_update(no_write, V2 | SET, &a2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_update(h, SET, &a2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_update(h, ZX_CLOCK_ARGS_VERSION(3) | SET, &a2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_update(h, V2 | SET | (1u << 4), &a2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_clock_update(h, V2 | SET, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_update(h, V2 | SET, ZXT_BAD_PTR));
	/* v1 has no reference value. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_clock_update(h, V1 | SET | REF, &a1));
	/* A reference value goes with a value or a rate. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, REF | ERR, zxt_now(), 0, 0, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | RATE, 0, ZX_SEC(100), 1001, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | RATE, 0, ZX_SEC(100), -1001, 0));
	/* Below the backstop. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, set_v1(h, ZX_SEC(5) - 1));
	/* None of this started it. */
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_EQ(ZX_SEC(5), zxt_read(_metadata, h));
	EXPECT_EQ(1u, zxt_details(_metadata, h).generation_counter);

	/* The limits themselves are valid; so is the v1 struct. */
	EXPECT_ZX_OK(update_v2(h, SET | RATE, 0, ZX_SEC(100), 1000, 0));
	EXPECT_ZX_OK(update_v2(h, RATE, 0, 0, -1000, 0));
	EXPECT_ZX_OK(zx_clock_update(h, V1 | SET, &a1));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(no_write));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_update_sets_rate_and_error_bound)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, 0);
	zx_clock_details_v1_t before, d;
	zx_time_t t0;

	ASSERT_ZX_OK(set_v1(h, ZX_SEC(50)));
	before = zxt_details(_metadata, h);
	t0 = zxt_now();
	ASSERT_ZX_OK(update_v2(h, RATE | ERR, 0, 0, 250, ZX_MSEC(400)));
	d = zxt_details(_metadata, h);
	/* (1e6 + 250) / 1e6, however it is reduced. */
	EXPECT_EQ((uint64_t)d.mono_to_synthetic.rate.synthetic_ticks *
		  1000000,
		  (uint64_t)d.mono_to_synthetic.rate.reference_ticks *
		  1000250);
	EXPECT_LE(t0, d.mono_to_synthetic.reference_offset);
	/* The new segment starts where the old one was at that moment. */
	EXPECT_LE(before.mono_to_synthetic.synthetic_offset +
		  (d.mono_to_synthetic.reference_offset -
		   before.mono_to_synthetic.reference_offset),
		  d.mono_to_synthetic.synthetic_offset);
	EXPECT_EQ((uint64_t)ZX_MSEC(400), d.error_bound);
	EXPECT_EQ(d.mono_to_synthetic.reference_offset,
		  d.last_rate_adjust_update_ticks);
	EXPECT_EQ(d.last_rate_adjust_update_ticks,
		  d.last_error_bounds_update_ticks);
	EXPECT_EQ(before.last_value_update_ticks, d.last_value_update_ticks);
	EXPECT_EQ(before.generation_counter + 1, d.generation_counter);

	/* An error bound alone leaves the transformation as it was. */
	before = d;
	ASSERT_ZX_OK(update_v2(h, ERR, 0, 0, 0, 77));
	d = zxt_details(_metadata, h);
	EXPECT_EQ(77u, d.error_bound);
	EXPECT_EQ(0, memcmp(&before.mono_to_synthetic, &d.mono_to_synthetic,
			    sizeof(d.mono_to_synthetic)));
	EXPECT_EQ(before.generation_counter + 1, d.generation_counter);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_update_with_an_explicit_reference_time)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, 0);
	zx_time_t ref = zxt_now() - ZX_SEC(1);
	zx_clock_details_v1_t d;
	zx_time_t v;

	ASSERT_ZX_OK(update_v2(h, SET | REF, ref, ZX_SEC(7000), 0, 0));
	d = zxt_details(_metadata, h);
	EXPECT_EQ(ref, d.mono_to_synthetic.reference_offset);
	EXPECT_EQ(ZX_SEC(7000), d.mono_to_synthetic.synthetic_offset);
	/* The line passes through (ref, 7000 s): now it is a second later. */
	v = zxt_read(_metadata, h);
	EXPECT_LE(ZX_SEC(7001), v);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* ---- monotonic and continuous clocks ------------------------------------- */

TEST(clock_non_monotonic_may_go_backwards)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, 0);

	ASSERT_ZX_OK(set_v1(h, ZX_SEC(1000)));
	ASSERT_ZX_OK(set_v1(h, ZX_SEC(10)));
	EXPECT_GT(ZX_SEC(1000), zxt_read(_metadata, h));
	ASSERT_ZX_OK(update_v2(h, SET, 0, ZX_SEC(5), 0, 0));
	EXPECT_GT(ZX_SEC(10), zxt_read(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_monotonic_never_goes_backwards)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_MONOTONIC, 0);
	zx_time_t last, v;
	int i;

	ASSERT_ZX_OK(set_v1(h, ZX_SEC(1000)));
	/* v1: any forward set; never backwards. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, set_v1(h, ZX_SEC(999)));
	EXPECT_ZX_OK(set_v1(h, ZX_SEC(2000)));
	/* v2: a set names its reference time and changes no rate. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET, 0, ZX_SEC(3000), 0, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | REF | RATE, zxt_now(), ZX_SEC(3000), 5,
			    0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, REF | RATE, zxt_now(), 0, 5, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | REF, zxt_now(), ZX_SEC(1500), 0, 0));
	EXPECT_ZX_OK(update_v2(h, SET | REF, zxt_now(), ZX_SEC(3000), 0, 0));
	EXPECT_ZX_OK(update_v2(h, RATE, 0, 0, -1000, 0));
	EXPECT_ZX_OK(update_v2(h, RATE, 0, 0, 1000, 0));

	last = zxt_read(_metadata, h);
	EXPECT_LE(ZX_SEC(3000), last);
	for (i = 0; i < 1000; i++) {
		if (i % 100 == 0)
			ASSERT_ZX_OK(update_v2(h, RATE, 0, 0,
					       (i % 200) ? -1000 : 1000, 0));
		v = zxt_read(_metadata, h);
		ASSERT_LE(last, v);
		last = v;
	}
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

struct rate_flipper {
	zx_handle_t clock;
	int stop;
	int updates;
	zx_status_t status;
};

static void *rate_flipper_main(void *arg)
{
	struct rate_flipper *f = arg;

	while (!__atomic_load_n(&f->stop, __ATOMIC_ACQUIRE)) {
		f->status = update_v2(f->clock, RATE, 0, 0,
				      (f->updates & 1) ? -1000 : 1000, 0);
		if (f->status != ZX_OK)
			break;
		f->updates++;
	}
	return NULL;
}

/* Readers racing a maintainer that keeps changing the rate. */
TEST(clock_monotonic_holds_under_concurrent_updates)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct rate_flipper f = {
		.clock = zxt_clock(_metadata, ZX_CLOCK_OPT_MONOTONIC |
				   ZX_CLOCK_OPT_CONTINUOUS |
				   ZX_CLOCK_OPT_AUTO_START, 0),
	};
	zx_time_t last = 0, v;
	pthread_t thread;
	int i;

	zxt_thread_start(_metadata, &thread, rate_flipper_main, &f);
	for (i = 0; i < 20000; i++) {
		v = zxt_read(_metadata, f.clock);
		if (v < last)
			break;
		last = v;
	}
	__atomic_store_n(&f.stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, thread);
	EXPECT_EQ(20000, i) {
		TH_LOG("read %lld after %lld", (long long)v, (long long)last);
	}
	EXPECT_ZX_OK(f.status);
	TH_LOG("%d rate updates during 20000 reads", f.updates);
	EXPECT_ZX_OK(zx_handle_close(f.clock));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_continuous_is_set_only_once)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_MONOTONIC |
				  ZX_CLOCK_OPT_CONTINUOUS, 0);
	zx_handle_t a = zxt_clock(_metadata, ZX_CLOCK_OPT_MONOTONIC |
				  ZX_CLOCK_OPT_CONTINUOUS |
				  ZX_CLOCK_OPT_AUTO_START, 0);

	ASSERT_ZX_OK(set_v1(h, ZX_SEC(100)));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, set_v1(h, ZX_SEC(200)));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | REF, zxt_now(), ZX_SEC(200), 0, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, REF | RATE, zxt_now(), 0, 10, 0));
	EXPECT_ZX_OK(update_v2(h, RATE, 0, 0, 10, 0));
	EXPECT_ZX_OK(update_v2(h, ERR, 0, 0, 0, 1000));
	/* Auto-started counts as set. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, set_v1(a, zxt_now() + ZX_SEC(1)));
	EXPECT_ZX_OK(update_v2(a, RATE, 0, 0, -10, 0));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(clock_backstop_holds_after_start)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, ZX_CLOCK_OPT_AUTO_START,
				  ZX_SEC(1));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, set_v1(h, ZX_SEC(1) - 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | REF, zxt_now() + ZX_SEC(10), ZX_SEC(1),
			    0, 0));
	EXPECT_ZX_OK(set_v1(h, ZX_SEC(1)));
	EXPECT_LE(ZX_SEC(1), zxt_read(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* ---- signals -------------------------------------------------------------- */

TEST(clock_updated_strobes_waiters_and_is_never_seen_asserted)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_clock(_metadata, 0, 0);
	struct zxt_waiter w;

	/* Nothing to see before an update. */
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_CLOCK_UPDATED,
				     zx_deadline_after(ZX_MSEC(20)), NULL));

	zxt_waiter_start(_metadata, &w, h, ZX_CLOCK_UPDATED,
			 zx_deadline_after(ZX_SEC(60)));
	ASSERT_ZX_OK(set_v1(h, ZX_SEC(1)));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(zxt_waiter_status(&w));
	EXPECT_SIGNALS(ZX_CLOCK_STARTED | ZX_CLOCK_UPDATED, w.observed);
	EXPECT_SIGNALS(ZX_CLOCK_STARTED, zxt_signals(_metadata, h));

	/* Every update strobes, even one that changes only the error. */
	zxt_waiter_start(_metadata, &w, h, ZX_CLOCK_UPDATED,
			 zx_deadline_after(ZX_SEC(60)));
	ASSERT_ZX_OK(update_v2(h, ERR, 0, 0, 0, 3));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(zxt_waiter_status(&w));
	EXPECT_SIGNALS(ZX_CLOCK_STARTED | ZX_CLOCK_UPDATED, w.observed);

	/* A failed update does not. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  update_v2(h, SET | RATE, 0, ZX_SEC(1), 5000, 0));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(h, ZX_CLOCK_UPDATED,
				     zx_deadline_after(ZX_MSEC(20)), NULL));
	EXPECT_SIGNALS(ZX_CLOCK_STARTED, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the affine arithmetic behind clock objects, where 64-bit
 * overflow would otherwise hide (huge offsets, rates above 1, saturation).
 */
#include <kunit/test.h>

#include <zircon/syscalls/clock.h>

#include "zircon.h"

static zx_clock_transformation_t xform(s64 ref_off, s64 synth_off, u32 num,
				       u32 den)
{
	zx_clock_transformation_t x = {
		.reference_offset = ref_off,
		.synthetic_offset = synth_off,
		.rate = { .synthetic_ticks = num, .reference_ticks = den },
	};

	return x;
}

static void stopped_clock_reads_its_offset(struct kunit *test)
{
	zx_clock_transformation_t x = xform(0, 5500, 0, 1);

	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, 0), 5500);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, S64_MAX), 5500);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, S64_MIN), 5500);
}

static void line_through_the_offsets(struct kunit *test)
{
	zx_clock_transformation_t id = xform(0, 0, 1, 1);
	zx_clock_transformation_t x = xform(1000, 5000, 3, 2);

	KUNIT_EXPECT_EQ(test, zx_clock_apply(&id, 123456789), 123456789);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, 1000), 5000);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, 3000), 8000);
	/* Before the reference offset the line runs backwards from it. */
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, 0), 3500);
}

static void fast_rate_on_huge_times_does_not_overflow(struct kunit *test)
{
	zx_clock_transformation_t x = xform(0, 0, 1001000, 1000000);

	/* 2^62 * 1.001, rounded down: the product needs 84 bits. */
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, 1LL << 62),
			4616297704445815291LL);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&x, S64_MAX), S64_MAX);
}

static void results_saturate(struct kunit *test)
{
	zx_clock_transformation_t up = xform(0, S64_MAX - 10, 1, 1);
	zx_clock_transformation_t down = xform(S64_MAX, 0, 1, 1);

	KUNIT_EXPECT_EQ(test, zx_clock_apply(&up, 1000), S64_MAX);
	KUNIT_EXPECT_EQ(test, zx_clock_apply(&down, S64_MIN), -S64_MAX);
}

static struct kunit_case zx_clock_test_cases[] = {
	KUNIT_CASE(stopped_clock_reads_its_offset),
	KUNIT_CASE(line_through_the_offsets),
	KUNIT_CASE(fast_rate_on_huge_times_does_not_overflow),
	KUNIT_CASE(results_saturate),
	{}
};

static struct kunit_suite zx_clock_test_suite = {
	.name = "zircon-clocks",
	.test_cases = zx_clock_test_cases,
};
kunit_test_suite(zx_clock_test_suite);

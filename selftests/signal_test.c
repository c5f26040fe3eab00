// SPDX-License-Identifier: GPL-2.0
/* zx_object_signal() and zx_object_signal_peer(). */
#include "zx_test.h"

static const zx_signals_t user_signals[] = {
	ZX_USER_SIGNAL_0, ZX_USER_SIGNAL_1, ZX_USER_SIGNAL_2, ZX_USER_SIGNAL_3,
	ZX_USER_SIGNAL_4, ZX_USER_SIGNAL_5, ZX_USER_SIGNAL_6, ZX_USER_SIGNAL_7,
};

/*
 * Every bit outside @allowed is refused, as a set and as a clear, and
 * leaves the signals alone.
 */
static void assert_only_allowed(struct __test_metadata *_metadata,
				zx_handle_t h, zx_signals_t allowed,
				zx_status_t (*signal)(zx_handle_t, uint32_t,
						      uint32_t),
				zx_handle_t observe)
{
	zx_signals_t before = zxt_signals(_metadata, observe);
	zx_status_t st;
	int bit;

	for (bit = 0; bit < 32; bit++) {
		zx_signals_t s = 1u << bit;

		if (s & allowed)
			continue;
		st = signal(h, 0, s);
		EXPECT_EQ(ZX_ERR_INVALID_ARGS, st) {
			TH_LOG("setting bit %d: %s", bit,
			       zx_status_get_string(st));
		}
		st = signal(h, s, 0);
		EXPECT_EQ(ZX_ERR_INVALID_ARGS, st) {
			TH_LOG("clearing bit %d: %s", bit,
			       zx_status_get_string(st));
		}
		/* Mixed with allowed bits, the whole call is refused. */
		st = signal(h, 0, s | ZX_USER_SIGNAL_0);
		EXPECT_EQ(ZX_ERR_INVALID_ARGS, st) {
			TH_LOG("setting bit %d with USER_SIGNAL_0: %s", bit,
			       zx_status_get_string(st));
		}
	}
	EXPECT_SIGNALS(before, zxt_signals(_metadata, observe));
}

/* ---- zx_object_signal on events ------------------------------------------------- */

TEST(event_starts_with_no_signals)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_SIGNALS(ZX_SIGNAL_NONE, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(event_each_user_signal_sets_and_clears)
{
	zx_handle_t h = zxt_event(_metadata);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(user_signals); i++) {
		ASSERT_ZX_OK(zx_object_signal(h, 0, user_signals[i]));
		EXPECT_SIGNALS(user_signals[i], zxt_signals(_metadata, h));
		ASSERT_ZX_OK(zx_object_signal(h, user_signals[i], 0));
		EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	}
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_EVENT_SIGNALED));
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED, zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_object_signal(h, ZX_EVENT_SIGNALED, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(event_signals_accumulate)
{
	zx_handle_t h = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_7));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_EVENT_SIGNALED));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_7 | ZX_EVENT_SIGNALED,
		       zxt_signals(_metadata, h));
	/* Setting what is set, or clearing what is clear, is fine. */
	ASSERT_ZX_OK(zx_object_signal(h, ZX_USER_SIGNAL_3, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_7 | ZX_EVENT_SIGNALED,
		       zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_object_signal(h, ZX_EVENT_SIGNAL_MASK, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_EVENT_SIGNAL_MASK));
	EXPECT_SIGNALS(ZX_EVENT_SIGNAL_MASK, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(event_clear_happens_before_set)
{
	zx_handle_t h = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	/* Clearing and setting the same bit leaves it set. */
	ASSERT_ZX_OK(zx_object_signal(h, ZX_USER_SIGNAL_0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_object_signal(h, ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1,
				      ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_object_signal(h, ZX_EVENT_SIGNAL_MASK,
				      ZX_EVENT_SIGNALED));
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(event_refuses_other_bits)
{
	zx_handle_t h = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(h, 0, ZX_USER_SIGNAL_2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(h, 0, ZX_EVENTPAIR_PEER_CLOSED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(h, 0, ZX_SIGNAL_HANDLE_CLOSED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_signal(h, 0, 1u << 4));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_signal(h, 0, 1u << 23));
	assert_only_allowed(_metadata, h, ZX_EVENT_SIGNAL_MASK,
			    zx_object_signal, h);
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(signal_needs_signal_right)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t mute = zxt_dup(_metadata, h,
				   ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_SIGNAL);

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(mute, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(mute, ZX_USER_SIGNAL_0, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(mute));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(signal_bad_handle)
{
	zx_handle_t stale = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_handle_close(stale));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal(ZXT_BOGUS_HANDLE, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal(stale, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal(ZX_HANDLE_INVALID, 0, ZX_USER_SIGNAL_0));
}

TEST(signals_belong_to_the_object)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);

	ASSERT_ZX_OK(zx_object_signal(dup, 0, ZX_USER_SIGNAL_5));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_5, zxt_signals(_metadata, h));
	ASSERT_ZX_OK(zx_handle_close(dup));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_5, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* ---- zx_object_signal on other types ---------------------------------------------- */

TEST(eventpair_signal_affects_only_its_own_end)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_0 |
					    ZX_EVENTPAIR_SIGNALED));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_EVENTPAIR_SIGNALED,
		       zxt_signals(_metadata, a));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_object_signal(a, ZX_USER_SIGNAL_0, 0));
	EXPECT_SIGNALS(ZX_EVENTPAIR_SIGNALED, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_refuses_other_bits)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	/* PEER_CLOSED is the kernel's to raise. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(a, 0, ZX_EVENTPAIR_PEER_CLOSED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(a, ZX_EVENTPAIR_PEER_CLOSED, 0));
	assert_only_allowed(_metadata, a,
			    ZX_USER_SIGNAL_ALL | ZX_EVENTPAIR_SIGNALED,
			    zx_object_signal, a);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_cannot_clear_peer_closed)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(a, ZX_EVENTPAIR_PEER_CLOSED, 0));
	ASSERT_ZX_OK(zx_object_signal(a, ZX_USER_SIGNAL_ALL, 0));
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(process_accepts_only_user_signals)
{
	zx_handle_t self = zx_process_self();
	zx_signals_t before = zxt_signals(_metadata, self);

	EXPECT_SIGNALS(0, before & (ZX_USER_SIGNAL_ALL | ZX_PROCESS_TERMINATED));
	ASSERT_ZX_OK(zx_object_signal(self, 0, ZX_USER_SIGNAL_3));
	EXPECT_SIGNALS(before | ZX_USER_SIGNAL_3, zxt_signals(_metadata, self));
	ASSERT_ZX_OK(zx_object_signal(self, ZX_USER_SIGNAL_3, 0));
	EXPECT_SIGNALS(before, zxt_signals(_metadata, self));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(self, 0, ZX_PROCESS_TERMINATED));
	assert_only_allowed(_metadata, self, ZX_USER_SIGNAL_ALL,
			    zx_object_signal, self);
}

/* ---- zx_object_signal_peer -------------------------------------------------------- */

TEST(signal_peer_sets_the_other_end)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, zxt_signals(_metadata, b));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_object_signal_peer(b, 0, ZX_EVENTPAIR_SIGNALED));
	EXPECT_SIGNALS(ZX_EVENTPAIR_SIGNALED, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_object_signal_peer(a, ZX_USER_SIGNAL_1, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_clear_happens_before_set)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0 |
						 ZX_USER_SIGNAL_4));
	ASSERT_ZX_OK(zx_object_signal_peer(a, ZX_USER_SIGNAL_ALL,
					   ZX_USER_SIGNAL_4));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_4, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_through_a_duplicate)
{
	zx_handle_t a, b, a2;

	zxt_eventpair(_metadata, &a, &b);
	a2 = zxt_dup(_metadata, a, ZX_RIGHT_SAME_RIGHTS);
	ASSERT_ZX_OK(zx_handle_close(a));
	ASSERT_ZX_OK(zx_object_signal_peer(a2, 0, ZX_USER_SIGNAL_6));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_6, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a2));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_needs_signal_peer_right)
{
	zx_handle_t a, b, mute;

	zxt_eventpair(_metadata, &a, &b);
	mute = zxt_dup(_metadata, a,
		       ZX_DEFAULT_EVENTPAIR_RIGHTS & ~ZX_RIGHT_SIGNAL_PEER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal_peer(mute, 0, ZX_USER_SIGNAL_0));
	/* SIGNAL alone still signals its own end. */
	EXPECT_ZX_OK(zx_object_signal(mute, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(mute));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_on_objects_without_a_peer)
{
	zx_handle_t ev = zxt_event(_metadata);

	/*
	 * Events, processes and jobs have no peer, and their handles can
	 * never hold ZX_RIGHT_SIGNAL_PEER, so the rights check refuses
	 * first, as on Zircon.
	 */
	ASSERT_EQ(0u, ZX_DEFAULT_EVENT_RIGHTS & ZX_RIGHT_SIGNAL_PEER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal_peer(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal_peer(zx_process_self(), 0,
					ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal_peer(zx_job_default(), 0,
					ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

TEST(signal_peer_refuses_other_bits)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal_peer(a, 0, ZX_EVENTPAIR_PEER_CLOSED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal_peer(a, 0, 1u << 4));
	assert_only_allowed(_metadata, a,
			    ZX_USER_SIGNAL_ALL | ZX_EVENTPAIR_SIGNALED,
			    zx_object_signal_peer, b);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_after_the_peer_closed)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(a, ZX_USER_SIGNAL_0, 0));
	/* Its own signals still work. */
	EXPECT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_EVENTPAIR_PEER_CLOSED,
		       zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(signal_peer_bad_handle)
{
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal_peer(ZXT_BOGUS_HANDLE, 0,
					ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal_peer(ZX_HANDLE_INVALID, 0,
					ZX_USER_SIGNAL_0));
}

TEST(signal_calls_release_the_object)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	EXPECT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_signal(ev, 0, 1u << 4));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal_peer(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_signal_peer(a, 0, 1u << 4));
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	ASSERT_ZX_OK(zx_handle_close(a));
	ASSERT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

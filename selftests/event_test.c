// SPDX-License-Identifier: GPL-2.0
/* Events and event pairs: zx_event_create() and zx_eventpair_create(). */
#include "zx_test.h"

/* ---- events ---------------------------------------------------------------------- */

TEST(event_create_gives_an_event_with_default_rights)
{
	zx_handle_t h = ZX_HANDLE_INVALID;
	zx_info_handle_basic_t info;

	ASSERT_ZX_OK(zx_event_create(0, &h));
	ASSERT_NE(ZX_HANDLE_INVALID, h);
	info = zxt_basic(_metadata, h);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, info.rights);
	EXPECT_EQ(ZX_KOID_INVALID, info.related_koid);
	EXPECT_EQ(1u, zxt_handle_count(_metadata, h));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(event_create_counts_one_handle_and_one_object)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);

	now = zxt_live_now();
	EXPECT_EQ(base.handles + 2, now.handles);
	EXPECT_EQ(base.objects + 1, now.objects);
	/* The object lives until its last handle goes. */
	ASSERT_ZX_OK(zx_handle_close(h));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 1, now.handles);
	EXPECT_EQ(base.objects + 1, now.objects);
	ASSERT_ZX_OK(zx_handle_close(dup));
	ASSERT_LIVE_EQ(base);
}

TEST(event_create_rejects_options)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_event_create(1, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_event_create(0x80000000u, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_event_create(~0u, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	ASSERT_LIVE_EQ(base);
}

TEST(event_create_bad_out_pointer_leaks_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_event_create(0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_event_create(0, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

TEST(events_are_independent)
{
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_EVENT_SIGNALED));
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_NE(zxt_koid(_metadata, a), zxt_koid(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- event pairs ----------------------------------------------------------------- */

TEST(eventpair_create_gives_two_related_ends)
{
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;
	zx_info_handle_basic_t ia, ib;

	ASSERT_ZX_OK(zx_eventpair_create(0, &a, &b));
	ASSERT_NE(ZX_HANDLE_INVALID, a);
	ASSERT_NE(ZX_HANDLE_INVALID, b);
	EXPECT_NE(a, b);
	ia = zxt_basic(_metadata, a);
	ib = zxt_basic(_metadata, b);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENTPAIR, ia.type);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENTPAIR, ib.type);
	EXPECT_EQ(ZX_DEFAULT_EVENTPAIR_RIGHTS, ia.rights);
	EXPECT_EQ(ZX_DEFAULT_EVENTPAIR_RIGHTS, ib.rights);
	EXPECT_NE(ia.koid, ib.koid);
	EXPECT_EQ(ib.koid, ia.related_koid);
	EXPECT_EQ(ia.koid, ib.related_koid);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_create_counts_two_handles_and_two_objects)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 2, now.handles);
	EXPECT_EQ(base.objects + 2, now.objects);
	ASSERT_ZX_OK(zx_handle_close(a));
	ASSERT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(eventpair_create_rejects_options)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_eventpair_create(1, &a, &b));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_eventpair_create(0x80000000u, &a, &b));
	EXPECT_EQ(ZX_HANDLE_INVALID, a);
	EXPECT_EQ(ZX_HANDLE_INVALID, b);
	ASSERT_LIVE_EQ(base);
}

TEST(eventpair_create_bad_out_pointers_leak_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_eventpair_create(0, NULL, &b));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_eventpair_create(0, &a, NULL));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_eventpair_create(0, ZXT_BAD_PTR, &b));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_eventpair_create(0, &a, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_eventpair_create(0, NULL, NULL));
	ASSERT_LIVE_EQ(base);
	/* Whatever was written to the good pointer names no handle. */
	if (a != ZX_HANDLE_INVALID)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a));
	if (b != ZX_HANDLE_INVALID)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(b));
}

TEST(eventpair_close_raises_peer_closed)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_object_signal(b, 0, ZX_USER_SIGNAL_2));
	ASSERT_ZX_OK(zx_handle_close(a));
	/* The survivor keeps its own signals and gains PEER_CLOSED. */
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED | ZX_USER_SIGNAL_2,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_close_of_either_end_works)
{
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(eventpair_peer_closed_only_after_the_last_handle)
{
	zx_handle_t a, b, a2, a3;

	zxt_eventpair(_metadata, &a, &b);
	a2 = zxt_dup(_metadata, a, ZX_RIGHT_SAME_RIGHTS);
	a3 = zxt_dup(_metadata, a2, ZX_RIGHT_WAIT);
	ASSERT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_handle_close(a3));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_object_signal_peer(b, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, zxt_signals(_metadata, a2));
	ASSERT_ZX_OK(zx_handle_close(a2));
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(b, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_close_many_of_both_ends)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h[4];

	zxt_eventpair(_metadata, &h[0], &h[1]);
	h[2] = zxt_dup(_metadata, h[0], ZX_RIGHT_SAME_RIGHTS);
	h[3] = zxt_dup(_metadata, h[1], ZX_RIGHT_SAME_RIGHTS);
	EXPECT_ZX_OK(zx_handle_close_many(h, ARRAY_SIZE(h)));
	ASSERT_LIVE_EQ(base);
}

TEST(eventpair_peer_closed_wakes_a_waiter)
{
	struct zxt_waiter w;
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	zxt_waiter_start(_metadata, &w, b, ZX_EVENTPAIR_PEER_CLOSED,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_handle_close(a));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED, w.observed);
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(eventpair_signal_peer_wakes_a_waiter)
{
	struct zxt_waiter w;
	zx_handle_t a, b;

	zxt_eventpair(_metadata, &a, &b);
	zxt_waiter_start(_metadata, &w, b, ZX_EVENTPAIR_SIGNALED,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_object_signal_peer(a, 0, ZX_EVENTPAIR_SIGNALED));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_SIGNALS(ZX_EVENTPAIR_SIGNALED, w.observed);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(many_eventpairs)
{
	enum { N = 100 };
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a[N], b[N];
	int i;

	for (i = 0; i < N; i++)
		zxt_eventpair(_metadata, &a[i], &b[i]);
	for (i = 0; i < N; i++)
		ASSERT_ZX_OK(zx_object_signal_peer(a[i], 0, ZX_USER_SIGNAL_0));
	/* Close every other first end; only those peers see it. */
	for (i = 0; i < N; i += 2)
		ASSERT_ZX_OK(zx_handle_close(a[i]));
	for (i = 0; i < N; i++) {
		zx_signals_t want = ZX_USER_SIGNAL_0 |
			(i % 2 ? 0 : ZX_EVENTPAIR_PEER_CLOSED);

		ASSERT_SIGNALS(want, zxt_signals(_metadata, b[i]));
	}
	for (i = 1; i < N; i += 2)
		ASSERT_ZX_OK(zx_handle_close(a[i]));
	ASSERT_ZX_OK(zx_handle_close_many(b, N));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Channels: zx_channel_create(), _write(), _write_etc(), _read(),
 * _read_etc(), _call() and _call_etc().
 *
 * Cross-process use (a child answering calls from several parent threads,
 * handles written by one process and read by another) is in
 * crossproc_test.c, which moves the first channel end through a file
 * descriptor.
 */
#include <lib/zxlinux/fd.h>

#include "zx_test.h"

/* Where calls whose reply sizes a test ignores put them (not optional). */
static uint32_t ch_ab, ch_ah;

/* The module's cap on messages queued on one end (zx_channel/channel.c). */
#define CH_MAX_QUEUED		3500

static void ch_create(struct __test_metadata *_metadata, zx_handle_t *a,
		      zx_handle_t *b)
{
	*a = ZX_HANDLE_INVALID;
	*b = ZX_HANDLE_INVALID;
	ASSERT_ZX_OK(zx_channel_create(0, a, b));
	ASSERT_NE(ZX_HANDLE_INVALID, *a);
	ASSERT_NE(ZX_HANDLE_INVALID, *b);
}

/* A channel handle with @rights, replacing @h. */
static zx_handle_t ch_replace(struct __test_metadata *_metadata,
			      zx_handle_t h, zx_rights_t rights)
{
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_replace(h, rights, &out));
	return out;
}

/* ---- create ------------------------------------------------------------- */

TEST(create_gives_two_writable_peers)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_info_handle_basic_t ia, ib;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ia = zxt_basic(_metadata, a);
	ib = zxt_basic(_metadata, b);
	EXPECT_EQ(ZX_OBJ_TYPE_CHANNEL, ia.type);
	EXPECT_EQ(ZX_OBJ_TYPE_CHANNEL, ib.type);
	EXPECT_EQ(ZX_DEFAULT_CHANNEL_RIGHTS, ia.rights);
	EXPECT_EQ(ZX_DEFAULT_CHANNEL_RIGHTS, ib.rights);
	EXPECT_EQ(ia.koid, ib.related_koid);
	EXPECT_EQ(ib.koid, ia.related_koid);
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, b));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 2, now.handles);
	EXPECT_EQ(base.objects + 2, now.objects);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(create_rejects_options_and_bad_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_create(1, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_create(~0u, &a, &b));
	EXPECT_EQ(ZX_HANDLE_INVALID, a);
	EXPECT_EQ(ZX_HANDLE_INVALID, b);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_create(0, NULL, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_create(0, &a, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

/* ---- write and read: bytes ---------------------------------------------- */

TEST(write_read_round_trip_and_readable)
{
	char buf[16] = { 0 };
	uint32_t ab = 99, ah = 99;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "hello", 5, NULL, 0));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE | ZX_CHANNEL_READABLE,
		       zxt_signals(_metadata, b));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &ab,
				     &ah));
	EXPECT_EQ(5u, ab);
	EXPECT_EQ(0u, ah);
	EXPECT_EQ(0, memcmp(buf, "hello", 5));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, NULL, NULL));
	/* The other direction, and actual pointers may be NULL. */
	ASSERT_ZX_OK(zx_channel_write(b, 0, "yo", 2, NULL, 0));
	EXPECT_ZX_OK(zx_channel_read(a, 0, buf, NULL, sizeof(buf), 0, NULL,
				     NULL));
	EXPECT_EQ(0, memcmp(buf, "yo", 2));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(messages_keep_their_order_and_size)
{
	uint32_t i, ab, v;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, NULL, 0, NULL, 0));
	for (i = 0; i < 100; i++)
		ASSERT_ZX_OK(zx_channel_write(a, 0, &i, sizeof(i), NULL, 0));
	ab = 99;
	EXPECT_ZX_OK(zx_channel_read(b, 0, NULL, NULL, 0, 0, &ab, NULL));
	EXPECT_EQ(0u, ab);
	for (i = 0; i < 100; i++) {
		v = ~0u;
		ASSERT_ZX_OK(zx_channel_read(b, 0, &v, NULL, sizeof(v), 0,
					     &ab, NULL));
		EXPECT_EQ(i, v);
		EXPECT_EQ(sizeof(v), ab);
	}
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(largest_message_and_one_byte_more)
{
	size_t max = ZX_CHANNEL_MAX_MSG_BYTES;
	uint8_t *out = malloc(max + 1), *in = malloc(max + 1);
	uint32_t ab = 0;
	zx_handle_t a, b;
	size_t i;

	ASSERT_TRUE(out && in);
	for (i = 0; i <= max; i++)
		out[i] = (uint8_t)(i * 7);
	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, out, max, NULL, 0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, 0, out, max + 1, NULL, 0));
	EXPECT_ZX_OK(zx_channel_read(b, 0, in, NULL, max + 1, 0, &ab, NULL));
	EXPECT_EQ(max, ab);
	EXPECT_EQ(0, memcmp(in, out, max));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, in, NULL, max, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	free(in);
	free(out);
}

TEST(buffer_too_small_reports_sizes_and_keeps_message)
{
	zx_handle_t a, b, ev = zxt_event(_metadata), got[2];
	uint32_t ab = 0, ah = 0;
	char buf[8];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "abcdef", 6, &ev, 1));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_read(b, 0, buf, got, 5, 1, &ab, &ah));
	EXPECT_EQ(6u, ab);
	EXPECT_EQ(1u, ah);
	ab = ah = 0;
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_read(b, 0, buf, got, sizeof(buf), 0, &ab, &ah));
	EXPECT_EQ(6u, ab);
	EXPECT_EQ(1u, ah);
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE | ZX_CHANNEL_READABLE,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, got, sizeof(buf), 2, &ab,
				     &ah));
	EXPECT_EQ(6u, ab);
	EXPECT_EQ(1u, ah);
	EXPECT_ZX_OK(zxt_valid(got[0]));
	EXPECT_ZX_OK(zx_handle_close(got[0]));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(may_discard_drops_the_message_and_its_handles)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev = zxt_event(_metadata);
	uint32_t ab = 0, ah = 0;
	char buf[8];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "abcdef", 6, &ev, 1));
	ASSERT_ZX_OK(zx_channel_write(a, 0, "x", 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_read(b, ZX_CHANNEL_READ_MAY_DISCARD, buf, NULL,
				  sizeof(buf), 0, &ab, &ah));
	EXPECT_EQ(6u, ab);
	EXPECT_EQ(1u, ah);
	/* The event's only handle went with the message. */
	EXPECT_EQ(base.objects + 2, zxt_live_now().objects);
	EXPECT_ZX_OK(zx_channel_read(b, ZX_CHANNEL_READ_MAY_DISCARD, buf,
				     NULL, sizeof(buf), 0, &ab, &ah));
	EXPECT_EQ(1u, ab);
	EXPECT_EQ('x', buf[0]);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- write and read: handles ---------------------------------------------- */

TEST(handles_move_with_the_message)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev[3], got[4];
	zx_koid_t koid[3];
	uint32_t ah = 0, i;
	char buf[1];

	ch_create(_metadata, &a, &b);
	for (i = 0; i < 3; i++) {
		ev[i] = zxt_event(_metadata);
		koid[i] = zxt_koid(_metadata, ev[i]);
	}
	ASSERT_ZX_OK(zx_channel_write(a, 0, "h", 1, ev, 3));
	for (i = 0; i < 3; i++)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ev[i]));
	/* In flight they are still counted. */
	EXPECT_EQ(base.handles + 5, zxt_live_now().handles);
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, got, 1, 4, NULL, &ah));
	ASSERT_EQ(3u, ah);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(koid[i], zxt_koid(_metadata, got[i]));
		EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS,
			  zxt_rights(_metadata, got[i]));
		EXPECT_ZX_OK(zx_handle_close(got[i]));
	}
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(most_handles_and_one_more)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, hs[ZX_CHANNEL_MAX_MSG_HANDLES + 1];
	zx_handle_t got[ZX_CHANNEL_MAX_MSG_HANDLES];
	uint32_t ah = 0, i;

	ch_create(_metadata, &a, &b);
	for (i = 0; i <= ZX_CHANNEL_MAX_MSG_HANDLES; i++)
		hs[i] = zxt_event(_metadata);
	/* One too many fails, and consumes all of them, as any failure. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, 0, NULL, 0, hs,
				   ZX_CHANNEL_MAX_MSG_HANDLES + 1));
	for (i = 0; i <= ZX_CHANNEL_MAX_MSG_HANDLES; i++)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[i]));
	for (i = 0; i < ZX_CHANNEL_MAX_MSG_HANDLES; i++)
		hs[i] = zxt_event(_metadata);
	ASSERT_ZX_OK(zx_channel_write(a, 0, NULL, 0, hs,
				      ZX_CHANNEL_MAX_MSG_HANDLES));
	EXPECT_ZX_OK(zx_channel_read(b, 0, NULL, got, 0,
				     ZX_CHANNEL_MAX_MSG_HANDLES, NULL, &ah));
	EXPECT_EQ(ZX_CHANNEL_MAX_MSG_HANDLES, ah);
	EXPECT_ZX_OK(zx_handle_close_many(got, ZX_CHANNEL_MAX_MSG_HANDLES));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(write_with_bad_handles_consumes_the_rest)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, hs[3], e;

	ch_create(_metadata, &a, &b);

	/* An invalid handle: the valid ones are still consumed. */
	hs[0] = zxt_event(_metadata);
	hs[1] = ZXT_BOGUS_HANDLE;
	hs[2] = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_channel_write(a, 0, "x", 1, hs, 3));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[0]));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[2]));

	/* The same handle twice. */
	hs[0] = zxt_event(_metadata);
	hs[1] = hs[0];
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_channel_write(a, 0, "x", 1, hs, 2));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[0]));

	/* A handle without ZX_RIGHT_TRANSFER. */
	e = zxt_event(_metadata);
	hs[0] = zxt_dup(_metadata, e, ZX_DEFAULT_EVENT_RIGHTS &
				      ~ZX_RIGHT_TRANSFER);
	hs[1] = e;
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_channel_write(a, 0, "x", 1, hs, 2));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[0]));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[1]));

	/* Nothing arrived and nothing leaked. */
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* Like every handle in the array, the channel's own is consumed. */
TEST(write_of_its_own_handle_is_not_supported)
{
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_channel_write(a, 0, "x", 1, &a, 1));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(write_errors)
{
	zx_handle_t a, b, ev = zxt_event(_metadata), ro;

	ch_create(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_channel_write(ZXT_BOGUS_HANDLE, 0, "x", 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_channel_write(ev, 0, "x", 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 4, "x", 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, 0, ZXT_BAD_PTR, 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, 0, "x", 1, ZXT_BAD_PTR, 1));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, 0, "x", ZX_CHANNEL_MAX_MSG_BYTES + 1,
				   NULL, 0));
	ro = ch_replace(_metadata, a, ZX_DEFAULT_CHANNEL_RIGHTS &
				      ~ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_channel_write(ro, 0, "x", 1, NULL, 0));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

TEST(read_errors)
{
	zx_handle_t a, b, ev = zxt_event(_metadata), wo;
	char buf[4];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "abc", 3, NULL, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_channel_read(ZXT_BOGUS_HANDLE, 0, buf, NULL, 4, 0, NULL,
				  NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_channel_read(ev, 0, buf, NULL, 4, 0, NULL, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 2, buf, NULL, 4, 0, NULL, NULL));
	/* A fault leaves the message queued. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 0, ZXT_BAD_PTR, NULL, 4, 0, NULL, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 0, buf, NULL, 4, 0, ZXT_BAD_PTR, NULL));
	wo = ch_replace(_metadata, b, ZX_DEFAULT_CHANNEL_RIGHTS &
				      ~ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_channel_read(wo, 0, buf, NULL, 4, 0, NULL, NULL));
	b = ch_replace(_metadata, wo, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_channel_read(b, 0, buf, NULL, 4, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

TEST(read_fault_keeps_message_and_handles)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev = zxt_event(_metadata), got = 0;
	uint32_t ah = 0;
	char buf[3];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "abc", 3, &ev, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 0, ZXT_BAD_PTR, &got, 3, 1, NULL, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 0, NULL, ZXT_BAD_PTR, 3, 1, NULL, NULL));
	EXPECT_EQ(base.handles + 3, zxt_live_now().handles);
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, &got, 3, 1, NULL, &ah));
	EXPECT_EQ(1u, ah);
	EXPECT_ZX_OK(zx_handle_close(got));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- peer closed, signals, limits --------------------------------------- */

TEST(peer_closed_drains_then_fails)
{
	zx_handle_t a, b;
	char buf[4];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "one", 3, NULL, 0));
	ASSERT_ZX_OK(zx_channel_write(a, 0, "two", 3, NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED,
		       zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_channel_write(b, 0, "x", 1, NULL, 0));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, NULL, 4, 0, NULL, NULL));
	EXPECT_EQ(0, memcmp(buf, "one", 3));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, NULL, 4, 0, NULL, NULL));
	EXPECT_EQ(0, memcmp(buf, "two", 3));
	EXPECT_SIGNALS(ZX_CHANNEL_PEER_CLOSED, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_read(b, 0, buf, NULL, 4, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(peer_closed_waits_for_the_last_handle)
{
	zx_handle_t a, b, a2;

	ch_create(_metadata, &a, &b);
	a = ch_replace(_metadata, a, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, b));
	/* An end carried in a message is still open. */
	{
		zx_handle_t c, d;

		ch_create(_metadata, &c, &d);
		ASSERT_ZX_OK(zx_channel_write(c, 0, NULL, 0, &a, 1));
		EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, b));
		ASSERT_ZX_OK(zx_channel_read(d, 0, NULL, &a2, 0, 1, NULL,
					     NULL));
		EXPECT_ZX_OK(zx_handle_close(c));
		EXPECT_ZX_OK(zx_handle_close(d));
	}
	EXPECT_ZX_OK(zx_channel_write(a2, 0, "x", 1, NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(a2));
	EXPECT_SIGNALS(ZX_CHANNEL_PEER_CLOSED | ZX_CHANNEL_READABLE,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(unread_messages_free_their_handles)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, c, d, ev;
	int i;

	/* A chain: channels inside messages inside channels. */
	ch_create(_metadata, &a, &b);
	for (i = 0; i < 50; i++) {
		ch_create(_metadata, &c, &d);
		ev = zxt_event(_metadata);
		ASSERT_ZX_OK(zx_channel_write(c, 0, "e", 1, &ev, 1));
		ASSERT_ZX_OK(zx_channel_write(a, 0, "c", 1, &c, 1));
		ASSERT_ZX_OK(zx_channel_write(a, 0, "d", 1, &d, 1));
		ASSERT_ZX_OK(zx_channel_write(b, 0, NULL, 0, NULL, 0));
	}
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

TEST(deep_nesting_is_freed_without_recursion)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, c, d;
	int i;

	/* Each new channel carries the previous one's read end. */
	ch_create(_metadata, &a, &b);
	for (i = 0; i < 2000; i++) {
		ch_create(_metadata, &c, &d);
		ASSERT_ZX_OK(zx_channel_write(c, 0, NULL, 0, &b, 1));
		ASSERT_ZX_OK(zx_handle_close(a));
		a = c;
		b = d;
	}
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(signal_peer_and_user_signals)
{
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	EXPECT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_3));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE | ZX_USER_SIGNAL_3,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE | ZX_USER_SIGNAL_1,
		       zxt_signals(_metadata, a));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal_peer(a, 0, ZX_CHANNEL_READABLE));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_3));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(queue_limit_clears_writable)
{
	zx_handle_t a, b;
	uint32_t i, v;

	ch_create(_metadata, &a, &b);
	for (i = 0; i < CH_MAX_QUEUED; i++)
		ASSERT_ZX_OK(zx_channel_write(a, 0, &i, sizeof(i), NULL, 0));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_write(a, 0, &i, sizeof(i), NULL, 0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_channel_read(b, 0, &v, NULL, sizeof(v), 0, NULL,
				     NULL));
	EXPECT_EQ(0u, v);
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_channel_write(a, 0, &i, sizeof(i), NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_SIGNALS(ZX_CHANNEL_PEER_CLOSED, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
}

/* ---- across threads ------------------------------------------------------ */

TEST(reader_thread_wakes_on_write)
{
	struct zxt_waiter w;
	zx_handle_t a, b;
	char buf[4];

	ch_create(_metadata, &a, &b);
	zxt_waiter_start(_metadata, &w, b, ZX_CHANNEL_READABLE,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "hey", 3, NULL, 0));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_TRUE(!!(w.observed & ZX_CHANNEL_READABLE));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, NULL, 4, 0, NULL, NULL));
	zxt_waiter_start(_metadata, &w, b, ZX_CHANNEL_PEER_CLOSED,
			 ZX_TIME_INFINITE);
	EXPECT_ZX_OK(zx_handle_close(a));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_ZX_OK(zx_handle_close(b));
}

struct ch_pump {
	zx_handle_t h;
	int count;
	int errors;
};

static void *ch_pump_main(void *arg)
{
	struct ch_pump *p = arg;
	int i;

	for (i = 0; i < p->count; i++) {
		zx_handle_t ev;

		if (zx_event_create(0, &ev) != ZX_OK ||
		    zx_channel_write(p->h, 0, &i, sizeof(i), &ev, 1) != ZX_OK)
			p->errors++;
	}
	return NULL;
}

TEST(threads_write_and_read_concurrently)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct ch_pump p[2];
	pthread_t t[2];
	zx_handle_t a, b, got;
	int i, n = 0;

	ch_create(_metadata, &a, &b);
	for (i = 0; i < 2; i++) {
		p[i].h = a;
		p[i].count = 1000;
		p[i].errors = 0;
		zxt_thread_start(_metadata, &t[i], ch_pump_main, &p[i]);
	}
	while (n < 2000) {
		int v;

		if (zx_object_wait_one(b, ZX_CHANNEL_READABLE,
				       ZX_TIME_INFINITE, NULL) != ZX_OK)
			break;
		if (zx_channel_read(b, 0, &v, &got, sizeof(v), 1, NULL,
				    NULL) != ZX_OK)
			continue;
		EXPECT_ZX_OK(zx_handle_close(got));
		n++;
	}
	for (i = 0; i < 2; i++) {
		zxt_thread_join(_metadata, t[i]);
		EXPECT_EQ(0, p[i].errors);
	}
	EXPECT_EQ(2000, n);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- write_etc and read_etc ----------------------------------------------- */

TEST(write_etc_move_and_duplicate)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev1 = zxt_event(_metadata), ev2 = zxt_event(_metadata);
	zx_handle_disposition_t d[2] = {
		{ .operation = ZX_HANDLE_OP_MOVE, .handle = ev1,
		  .type = ZX_OBJ_TYPE_EVENT, .rights = ZX_RIGHT_WAIT,
		  .result = 1 },
		{ .operation = ZX_HANDLE_OP_DUPLICATE, .handle = ev2,
		  .type = ZX_OBJ_TYPE_NONE, .rights = ZX_RIGHT_SAME_RIGHTS,
		  .result = 1 },
	};
	zx_handle_info_t info[3];
	uint32_t ah = 0;
	char c;

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write_etc(a, 0, "m", 1, d, 2));
	EXPECT_ZX_OK(d[0].result);
	EXPECT_ZX_OK(d[1].result);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ev1));
	EXPECT_ZX_OK(zxt_valid(ev2));
	memset(info, 0xff, sizeof(info));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_read_etc(b, 0, NULL, info, 0, 3, NULL, &ah));
	ASSERT_ZX_OK(zx_channel_read_etc(b, 0, &c, info, 1, 3, NULL, &ah));
	ASSERT_EQ(2u, ah);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info[0].type);
	EXPECT_EQ(ZX_RIGHT_WAIT, info[0].rights);
	EXPECT_EQ(ZX_RIGHT_WAIT, zxt_rights(_metadata, info[0].handle));
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info[1].type);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, info[1].rights);
	EXPECT_EQ(zxt_koid(_metadata, ev2), zxt_koid(_metadata,
						     info[1].handle));
	EXPECT_EQ(0u, info[0].unused);
	EXPECT_ZX_OK(zx_handle_close(info[0].handle));
	EXPECT_ZX_OK(zx_handle_close(info[1].handle));
	EXPECT_ZX_OK(zx_handle_close(ev2));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(write_etc_errors_report_each_result)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev[4], nodup;
	zx_handle_disposition_t d[4];
	int i;

	ch_create(_metadata, &a, &b);
	for (i = 0; i < 4; i++)
		ev[i] = zxt_event(_metadata);
	memset(d, 0, sizeof(d));
	/* Wrong type; moved, so closed anyway. */
	d[0] = (zx_handle_disposition_t){ ZX_HANDLE_OP_MOVE, ev[0],
					  ZX_OBJ_TYPE_CHANNEL, 0, 0 };
	/* Duplicated, fine, and it stays. */
	d[1] = (zx_handle_disposition_t){ ZX_HANDLE_OP_DUPLICATE, ev[1],
					  ZX_OBJ_TYPE_EVENT,
					  ZX_RIGHT_SAME_RIGHTS, 0 };
	/* More rights than it has. */
	d[2] = (zx_handle_disposition_t){ ZX_HANDLE_OP_DUPLICATE, ev[2],
					  ZX_OBJ_TYPE_NONE,
					  ZX_RIGHT_WRITE | ZX_RIGHT_WAIT, 0 };
	/* Not an operation. */
	d[3] = (zx_handle_disposition_t){ 7, ev[3], ZX_OBJ_TYPE_NONE,
					  ZX_RIGHT_SAME_RIGHTS, 0 };
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_channel_write_etc(a, 0, NULL, 0, d, 4));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, d[0].result);
	EXPECT_ZX_OK(d[1].result);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, d[2].result);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, d[3].result);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ev[0]));
	for (i = 1; i < 4; i++)
		EXPECT_ZX_OK(zxt_valid(ev[i]));

	/* DUPLICATE needs ZX_RIGHT_DUPLICATE. */
	nodup = zxt_dup(_metadata, ev[1], ZX_DEFAULT_EVENT_RIGHTS &
					  ~ZX_RIGHT_DUPLICATE);
	d[0] = (zx_handle_disposition_t){ ZX_HANDLE_OP_DUPLICATE, nodup,
					  ZX_OBJ_TYPE_NONE,
					  ZX_RIGHT_SAME_RIGHTS, 0 };
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_channel_write_etc(a, 0, NULL, 0, d, 1));
	EXPECT_ZX_OK(zxt_valid(nodup));

	/* The channel itself; a duplicated handle repeated is fine. */
	d[0] = (zx_handle_disposition_t){ ZX_HANDLE_OP_DUPLICATE, ev[1],
					  ZX_OBJ_TYPE_NONE,
					  ZX_RIGHT_SAME_RIGHTS, 0 };
	d[1] = d[0];
	EXPECT_ZX_OK(zx_channel_write_etc(a, 0, NULL, 0, d, 2));
	d[0].handle = a;
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_channel_write_etc(a, 0, NULL, 0, d, 1));
	EXPECT_ZX_OK(zxt_valid(a));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write_etc(a, 0, NULL, 0, ZXT_BAD_PTR, 1));
	EXPECT_ZX_OK(zx_handle_close(nodup));
	for (i = 1; i < 4; i++)
		EXPECT_ZX_OK(zx_handle_close(ev[i]));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(write_iovec_gathers)
{
	zx_channel_iovec_t iov[4] = {
		{ .buffer = "abc", .capacity = 3 },
		{ .buffer = NULL, .capacity = 0 },
		{ .buffer = "defg", .capacity = 4 },
		{ .buffer = "h", .capacity = 1 },
	};
	zx_handle_t a, b;
	uint32_t ab = 0;
	char buf[16];

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov, 4,
				      NULL, 0));
	ASSERT_ZX_OK(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &ab,
				     NULL));
	EXPECT_EQ(8u, ab);
	EXPECT_EQ(0, memcmp(buf, "abcdefgh", 8));
	ASSERT_ZX_OK(zx_channel_write_etc(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov,
					  1, NULL, 0));
	ASSERT_ZX_OK(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &ab,
				     NULL));
	EXPECT_EQ(3u, ab);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(write_iovec_errors)
{
	size_t n = ZX_CHANNEL_MAX_MSG_IOVECS + 1, i;
	zx_channel_iovec_t *iov = calloc(n, sizeof(*iov));
	static char big[ZX_CHANNEL_MAX_MSG_BYTES];
	zx_handle_t a, b;

	ASSERT_NE(NULL, iov);
	ch_create(_metadata, &a, &b);
	for (i = 0; i < n; i++)
		iov[i].buffer = "x";
	for (i = 0; i < n; i++)
		iov[i].capacity = 1;
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov, n,
				   NULL, 0));
	EXPECT_ZX_OK(zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov,
				      n - 1, NULL, 0));
	iov[0] = (zx_channel_iovec_t){ .buffer = big,
				       .capacity = sizeof(big) };
	iov[1] = (zx_channel_iovec_t){ .buffer = "x", .capacity = 1 };
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov, 2,
				   NULL, 0));
	EXPECT_ZX_OK(zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov, 1,
				      NULL, 0));
	iov[1] = (zx_channel_iovec_t){ .buffer = "x", .capacity = 1,
				       .reserved = 1 };
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov + 1, 1,
				   NULL, 0));
	iov[1] = (zx_channel_iovec_t){ .buffer = NULL, .capacity = 1 };
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov + 1, 1,
				   NULL, 0));
	iov[1] = (zx_channel_iovec_t){ .buffer = ZXT_BAD_PTR, .capacity = 1 };
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, iov + 1, 1,
				   NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, ZX_CHANNEL_WRITE_USE_IOVEC, ZXT_BAD_PTR,
				   1, NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	free(iov);
}

/* ---- call ------------------------------------------------------------------ */

enum ch_server_mode {
	SERVE_ECHO,		/* reply with the request, after a delay */
	SERVE_CLOSE,		/* read the request, close the channel */
	SERVE_NOISE_FIRST,	/* send an unrelated message, then reply */
	SERVE_REVERSE,		/* collect @count requests, reply in reverse */
	SERVE_BIG,		/* reply with 64 bytes and an event */
};

struct ch_server {
	pthread_t thread;
	zx_handle_t h;
	enum ch_server_mode mode;
	int delay_ms;
	int count;
	int requests;
	zx_status_t status;
	uint32_t txid;
};

static void *ch_server_main(void *arg)
{
	struct ch_server *s = arg;
	uint32_t txids[16], ab, ah, n = s->count;
	zx_handle_t hs[4];
	uint8_t buf[64];
	zx_status_t st;
	uint32_t i;

	for (i = 0; i < n; i++) {
		st = zx_object_wait_one(s->h, ZX_CHANNEL_READABLE,
					ZX_TIME_INFINITE, NULL);
		if (st == ZX_OK)
			st = zx_channel_read(s->h, 0, buf, hs, sizeof(buf),
					     4, &ab, &ah);
		if (st == ZX_OK)
			st = zx_handle_close_many(hs, ah);
		if (st != ZX_OK) {
			s->status = st;
			return NULL;
		}
		__atomic_add_fetch(&s->requests, 1, __ATOMIC_SEQ_CST);
		memcpy(&txids[i], buf, 4);
	}
	s->txid = txids[0];
	if (s->delay_ms)
		zxt_sleep_ms(s->delay_ms);
	switch (s->mode) {
	case SERVE_ECHO:
		st = zx_channel_write(s->h, 0, buf, ab, NULL, 0);
		break;
	case SERVE_CLOSE:
		st = zx_handle_close(s->h);
		break;
	case SERVE_NOISE_FIRST: {
		uint32_t noise[2] = { txids[0] ^ 1, 0xabcd };

		st = zx_channel_write(s->h, 0, noise, sizeof(noise), NULL, 0);
		if (st == ZX_OK)
			st = zx_channel_write(s->h, 0, buf, ab, NULL, 0);
		break;
	}
	case SERVE_REVERSE:
		st = ZX_OK;
		for (i = n; i-- > 0 && st == ZX_OK;) {
			uint32_t reply[2] = { txids[i], i };

			st = zx_channel_write(s->h, 0, reply, sizeof(reply),
					      NULL, 0);
		}
		break;
	case SERVE_BIG: {
		zx_handle_t ev;

		memset(buf + 4, 0x5a, sizeof(buf) - 4);
		st = zx_event_create(0, &ev);
		if (st == ZX_OK)
			st = zx_channel_write(s->h, 0, buf, sizeof(buf), &ev,
					      1);
		break;
	}
	}
	s->status = st;
	return NULL;
}

static void ch_server_start(struct __test_metadata *_metadata,
			    struct ch_server *s, zx_handle_t h,
			    enum ch_server_mode mode, int delay_ms, int count)
{
	memset(s, 0, sizeof(*s));
	s->count = count;
	s->h = h;
	s->mode = mode;
	s->delay_ms = delay_ms;
	s->status = 1;
	zxt_thread_start(_metadata, &s->thread, ch_server_main, s);
}

TEST(call_gets_the_reply)
{
	struct ch_server s;
	uint32_t req[3] = { 0, 11, 22 }, rep[4] = { 0 }, ab = 0, ah = 9;
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_ECHO, 10, 1);
	ASSERT_ZX_OK(zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ab, &ah));
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	EXPECT_EQ(sizeof(req), ab);
	EXPECT_EQ(0u, ah);
	/* The kernel picked the txid; the caller's buffer is untouched. */
	EXPECT_EQ(0u, req[0]);
	EXPECT_NE(0u, s.txid);
	EXPECT_EQ(s.txid, rep[0]);
	EXPECT_EQ(11u, rep[1]);
	EXPECT_EQ(22u, rep[2]);
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(call_leaves_other_messages_queued)
{
	struct ch_server s;
	uint32_t req[2] = { 0, 5 }, rep[2] = { 0 }, noise[2] = { 0 };
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_NOISE_FIRST, 0, 1);
	ASSERT_ZX_OK(zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	zxt_thread_join(_metadata, s.thread);
	EXPECT_EQ(s.txid, rep[0]);
	EXPECT_ZX_OK(zx_channel_read(a, 0, noise, NULL, sizeof(noise), 0,
				     NULL, NULL));
	EXPECT_EQ(0xabcdu, noise[1]);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

struct ch_caller {
	pthread_t thread;
	zx_handle_t h;
	uint32_t id;
	uint32_t got;
	zx_time_t deadline;		/* 0: ZX_TIME_INFINITE */
	zx_status_t status;
};

static void *ch_caller_main(void *arg)
{
	struct ch_caller *c = arg;
	uint32_t req[2] = { 0, c->id }, rep[2] = { 0, 0 };
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};

	c->status = zx_channel_call(c->h, 0,
				    c->deadline ? c->deadline :
						  ZX_TIME_INFINITE,
				    &args, &ch_ab, &ch_ah);
	c->got = rep[0];
	return NULL;
}

TEST(concurrent_calls_get_their_own_replies)
{
	struct ch_caller c[4];
	struct ch_server s;
	zx_handle_t a, b;
	uint32_t i, j;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_REVERSE, 0, 4);
	memset(c, 0, sizeof(c));
	for (i = 0; i < 4; i++) {
		c[i].h = a;
		c[i].id = i;
		zxt_thread_start(_metadata, &c[i].thread, ch_caller_main,
				 &c[i]);
	}
	for (i = 0; i < 4; i++)
		zxt_thread_join(_metadata, c[i].thread);
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	for (i = 0; i < 4; i++) {
		EXPECT_ZX_OK(c[i].status);
		for (j = 0; j < i; j++)
			EXPECT_NE(c[i].got, c[j].got);
	}
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(a, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* Calls from both ends at once: a request is never taken for a reply. */
TEST(calls_from_both_ends_do_not_cross)
{
	struct ch_caller c = { 0 };
	uint32_t req[2] = { 0, 1 }, rep[2];
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	c.h = b;
	c.deadline = zx_deadline_after(ZX_MSEC(300));
	zxt_thread_start(_metadata, &c.thread, ch_caller_main, &c);
	ASSERT_ZX_OK(zx_object_wait_one(a, ZX_CHANNEL_READABLE,
					ZX_TIME_INFINITE, NULL));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_channel_call(a, 0, 0, &args, &ch_ab, &ch_ah));
	zxt_thread_join(_metadata, c.thread);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, c.status);
	/* Each request waits, unread, on the other end. */
	EXPECT_ZX_OK(zx_channel_read(a, 0, rep, NULL, sizeof(rep), 0, NULL,
				     NULL));
	EXPECT_ZX_OK(zx_channel_read(b, 0, rep, NULL, sizeof(rep), 0, NULL,
				     NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(call_times_out_and_the_request_stays)
{
	uint32_t req[2] = { 0, 1 }, rep[2], ab = 0;
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_handle_t a, b;
	zx_time_t t0 = zxt_now();

	ch_create(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_channel_call(a, 0, zx_deadline_after(ZX_MSEC(50)), &args,
				  &ch_ab, &ch_ah));
	EXPECT_GE(zxt_now() - t0, ZX_MSEC(50));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_channel_call(a, 0, 0, &args, &ch_ab, &ch_ah));
	EXPECT_ZX_OK(zx_channel_read(b, 0, rep, NULL, sizeof(rep), 0, &ab,
				     NULL));
	EXPECT_EQ(sizeof(req), ab);
	EXPECT_TRUE(!!(rep[0] & 0x80000000u));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(call_peer_closed_while_waiting)
{
	uint32_t req[1] = { 0 }, rep[1];
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	struct ch_server s;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_CLOSE, 20, 1);
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(call_canceled_by_closing_the_handle)
{
	struct ch_caller c = { 0 };
	zx_handle_t a, b;
	uint32_t probe[2];

	ch_create(_metadata, &a, &b);
	c.h = a;
	zxt_thread_start(_metadata, &c.thread, ch_caller_main, &c);
	/* The request is there once the caller has sent it. */
	ASSERT_ZX_OK(zx_object_wait_one(b, ZX_CHANNEL_READABLE,
					ZX_TIME_INFINITE, NULL));
	zxt_sleep_ms(20);
	EXPECT_ZX_OK(zx_handle_close(a));
	zxt_thread_join(_metadata, c.thread);
	EXPECT_ZX(ZX_ERR_CANCELED, c.status);
	EXPECT_ZX_OK(zx_channel_read(b, 0, probe, NULL, sizeof(probe), 0,
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(call_buffer_too_small_reports_sizes)
{
	struct zxt_live base = zxt_settle(_metadata);
	uint32_t req[1] = { 0 }, rep[2], ab = 0, ah = 0;
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	struct ch_server s;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_BIG, 0, 1);
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ab, &ah));
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	EXPECT_EQ(64u, ab);
	EXPECT_EQ(1u, ah);
	/* The reply and its event are gone. */
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(a, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(call_errors)
{
	uint32_t req[2] = { 0 }, rep[2];
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = 3,
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_handle_t a, b, ev = zxt_event(_metadata), wo;

	ch_create(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	args.wr_num_bytes = sizeof(req);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 1, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, NULL, NULL, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_channel_call(ZXT_BOGUS_HANDLE, 0, 0, &args, &ch_ab, &ch_ah));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_channel_call(ev, 0, 0, &args, &ch_ab, &ch_ah));
	args.wr_num_bytes = ZX_CHANNEL_MAX_MSG_BYTES + 1;
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_call(a, 0, 0, &args, &ch_ab, &ch_ah));
	args.wr_num_bytes = sizeof(req);
	wo = ch_replace(_metadata, b, ZX_DEFAULT_CHANNEL_RIGHTS &
				      ~ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_channel_call(wo, 0, 0, &args, &ch_ab, &ch_ah));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_call(a, 0, 0, &args, &ch_ab, &ch_ah));
	/* Last: writing the channel's own handle consumes it too. */
	args.wr_handles = &a;
	args.wr_num_handles = 1;
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_channel_call(a, 0, 0, &args, &ch_ab, &ch_ah));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

TEST(call_is_not_resent_after_a_signal)
{
	uint32_t req[2] = { 0, 7 }, rep[2] = { 0 };
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	struct zxt_pester p;
	struct ch_server s;
	zx_handle_t a, b;

	ch_create(_metadata, &a, &b);
	zxt_catch_signal(_metadata, SIGUSR1, 0);
	ch_server_start(_metadata, &s, b, SERVE_ECHO, 300, 1);
	zxt_pester_start(_metadata, &p, SIGUSR1, ZX_HANDLE_INVALID, 0);
	EXPECT_ZX_OK(zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ch_ab, &ch_ah));
	zxt_pester_stop(_metadata, &p);
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	EXPECT_EQ(1, s.requests);
	EXPECT_EQ(s.txid, rep[0]);
	EXPECT_EQ(7u, rep[1]);
	EXPECT_GT(zxt_signals_handled, 0);
	/* No second request is waiting either. */
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(call_etc_moves_handles_both_ways)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, ev = zxt_event(_metadata);
	zx_handle_disposition_t d = {
		.operation = ZX_HANDLE_OP_DUPLICATE, .handle = ev,
		.type = ZX_OBJ_TYPE_EVENT, .rights = ZX_RIGHT_SAME_RIGHTS,
	};
	uint32_t req[1] = { 0 }, ab = 0, ah = 0;
	uint8_t rep[64];
	zx_handle_info_t info[2];
	zx_channel_call_etc_args_t args = {
		.wr_bytes = req, .wr_handles = &d,
		.rd_bytes = rep, .rd_handles = info,
		.wr_num_bytes = sizeof(req), .wr_num_handles = 1,
		.rd_num_bytes = sizeof(rep), .rd_num_handles = 2,
	};
	struct ch_server s;

	ch_create(_metadata, &a, &b);
	ch_server_start(_metadata, &s, b, SERVE_BIG, 0, 1);
	ASSERT_ZX_OK(zx_channel_call_etc(a, 0, ZX_TIME_INFINITE, &args, &ab,
					 &ah));
	zxt_thread_join(_metadata, s.thread);
	EXPECT_ZX_OK(s.status);
	EXPECT_EQ(64u, ab);
	ASSERT_EQ(1u, ah);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info[0].type);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, info[0].rights);
	EXPECT_ZX_OK(zx_handle_close(info[0].handle));
	/* The duplicated event stays; the server dropped its copy. */
	EXPECT_ZX_OK(zxt_valid(ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- cycles ------------------------------------------------------------------ */

/* How long the module's collector may take to find an unreachable cycle. */
#define CH_GC_MS		10000

/* Waits for @signals on @h for up to CH_GC_MS. */
static zx_status_t ch_wait_for(zx_handle_t h, zx_signals_t signals)
{
	return zx_object_wait_one(h, signals,
				  zx_deadline_after(ZX_MSEC(CH_GC_MS)), NULL);
}

/*
 * Two channels, each holding the other's read end: a1 -> b1, a2 -> b2.
 * The @n handles of @h go to b1 first: once closed, the cycle is garbage.
 */
static void ch_cycle(struct __test_metadata *_metadata, zx_handle_t *a1,
		     zx_handle_t *a2, zx_handle_t *h, uint32_t n)
{
	zx_handle_t b1, b2;

	ch_create(_metadata, a1, &b1);
	ch_create(_metadata, a2, &b2);
	if (n)
		ASSERT_ZX_OK(zx_channel_write(*a1, 0, "o", 1, h, n));
	ASSERT_ZX_OK(zx_channel_write(*a1, 0, "2", 1, &b2, 1));
	ASSERT_ZX_OK(zx_channel_write(*a2, 0, "1", 1, &b1, 1));
}

TEST(end_in_its_own_queue_is_collected)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;

	/* Written through its peer, b sits in its own queue: none can read it. */
	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "b", 1, &b, 1));
	EXPECT_ZX_OK(ch_wait_for(a, ZX_CHANNEL_PEER_CLOSED));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_channel_write(a, 0, "x", 1, NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

TEST(cycle_of_two_channels_is_collected)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a1, a2;

	ch_cycle(_metadata, &a1, &a2, NULL, 0);
	/* The writers live on, but nobody can read b1 or b2 any more. */
	EXPECT_ZX_OK(ch_wait_for(a1, ZX_CHANNEL_PEER_CLOSED));
	EXPECT_ZX_OK(ch_wait_for(a2, ZX_CHANNEL_PEER_CLOSED));
	EXPECT_ZX_OK(zx_handle_close(a1));
	EXPECT_ZX_OK(zx_handle_close(a2));
	ASSERT_LIVE_EQ(base);
}

TEST(cycle_carrying_objects_is_collected)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a1, a2, vmo, timer, port, ev, h[4];
	static char page[4096];
	uint64_t off;

	ASSERT_ZX_OK(zx_vmo_create(4 << 20, 0, &vmo));
	memset(page, 0x5a, sizeof(page));
	for (off = 0; off < 4 << 20; off += sizeof(page))
		ASSERT_ZX_OK(zx_vmo_write(vmo, page, off, sizeof(page)));
	ASSERT_ZX_OK(zx_timer_create(ZX_TIMER_SLACK_LATE, ZX_CLOCK_MONOTONIC,
				     &timer));
	ASSERT_ZX_OK(zx_timer_set(timer, zx_deadline_after(ZX_MSEC(300)), 0));
	ASSERT_ZX_OK(zx_port_create(0, &port));
	ev = zxt_event(_metadata);
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	h[0] = vmo;
	h[1] = timer;
	h[2] = port;
	h[3] = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);
	ch_cycle(_metadata, &a1, &a2, h, 4);
	EXPECT_ZX_OK(zx_handle_close(a1));
	EXPECT_ZX_OK(zx_handle_close(a2));
	/* Only the event's own handle is left. */
	ASSERT_LIVE_EQ(((struct zxt_live){ base.handles + 1,
					   base.objects + 1 }));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
	/* Past the deadline the timer must not have fired into anything. */
	zxt_sleep_ms(400);
	ASSERT_LIVE_EQ(base);
}

TEST(reachable_chain_is_kept)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t r, w, a1, b1, a2, b2, got[3];
	uint32_t ah = 0;
	char buf[4];

	/* r's queue holds b1, b1's b2, b2's r's own peer: all readable. */
	ch_create(_metadata, &r, &w);
	ch_create(_metadata, &a1, &b1);
	ch_create(_metadata, &a2, &b2);
	ASSERT_ZX_OK(zx_channel_write(w, 0, "1", 1, &b1, 1));
	ASSERT_ZX_OK(zx_channel_write(a1, 0, "2", 1, &b2, 1));
	ASSERT_ZX_OK(zx_channel_write(a1, 0, "x", 1, NULL, 0));
	ASSERT_ZX_OK(zx_channel_write(a2, 0, "w", 1, &w, 1));
	EXPECT_ZX_OK(zx_handle_close(a1));
	EXPECT_ZX_OK(zx_handle_close(a2));
	/* Each of those queued an end's only handle: let the collector run. */
	zxt_sleep_ms(500);
	EXPECT_SIGNALS(ZX_CHANNEL_READABLE | ZX_CHANNEL_WRITABLE,
		       zxt_signals(_metadata, r));
	ASSERT_ZX_OK(zx_channel_read(r, 0, buf, &got[0], sizeof(buf), 1, NULL,
				     &ah));
	ASSERT_EQ(1u, ah);
	EXPECT_EQ('1', buf[0]);
	ASSERT_ZX_OK(zx_channel_read(got[0], 0, buf, &got[1], sizeof(buf), 1,
				     NULL, &ah));
	ASSERT_EQ(1u, ah);
	EXPECT_EQ('2', buf[0]);
	ASSERT_ZX_OK(zx_channel_read(got[0], 0, buf, NULL, sizeof(buf), 0,
				     NULL, &ah));
	EXPECT_EQ('x', buf[0]);
	ASSERT_ZX_OK(zx_channel_read(got[1], 0, buf, &got[2], sizeof(buf), 1,
				     NULL, &ah));
	ASSERT_EQ(1u, ah);
	EXPECT_EQ('w', buf[0]);
	/* got[2] is r's peer, whole. */
	ASSERT_ZX_OK(zx_channel_write(got[2], 0, "r", 1, NULL, 0));
	ASSERT_ZX_OK(zx_channel_read(r, 0, buf, NULL, sizeof(buf), 0, NULL,
				     NULL));
	EXPECT_EQ('r', buf[0]);
	EXPECT_ZX_OK(zx_handle_close(r));
	EXPECT_ZX_OK(zx_handle_close_many(got, 3));
	ASSERT_LIVE_EQ(base);
}

TEST(cycle_held_by_a_poll_descriptor_goes_with_it)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;
	int fd = -1;

	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zxlinux_handle_poll_fd(b, ZX_CHANNEL_READABLE, 0, &fd));
	ASSERT_ZX_OK(zx_channel_write(a, 0, "b", 1, &b, 1));
	EXPECT_ZX_OK(zx_handle_close(a));
	/* The descriptor still watches b: it is not garbage yet. */
	zxt_sleep_ms(200);
	EXPECT_EQ(base.objects + 1, zxt_live_now().objects);
	EXPECT_EQ(0, close(fd));
	ASSERT_LIVE_EQ(base);
}

struct ch_mover {
	zx_handle_t w, r, end;
	int rounds;
	int failed;
};

/* Passes @end through a channel and back, over and over. */
static void *ch_mover_main(void *arg)
{
	struct ch_mover *m = arg;
	uint32_t ah;
	char c;
	int i;

	for (i = 0; i < m->rounds && !m->failed; i++) {
		if (zx_channel_write(m->w, 0, "m", 1, &m->end, 1) != ZX_OK ||
		    zx_channel_read(m->r, 0, &c, &m->end, 1, 1, NULL,
				    &ah) != ZX_OK || ah != 1)
			m->failed = i + 1;
	}
	return NULL;
}

TEST(collector_leaves_moving_handles_alone)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct ch_mover m = { .rounds = 2000 };
	zx_handle_t a, peer, x, y;
	pthread_t t;
	char buf[8];
	int i;

	ch_create(_metadata, &m.w, &m.r);
	ch_create(_metadata, &peer, &m.end);
	ASSERT_ZX_OK(zx_channel_write(peer, 0, "keep", 4, NULL, 0));
	zxt_thread_start(_metadata, &t, ch_mover_main, &m);
	/* Garbage all along keeps the collector running meanwhile. */
	for (i = 0; i < 200; i++) {
		ch_create(_metadata, &x, &y);
		ASSERT_ZX_OK(zx_channel_write(x, 0, "y", 1, &y, 1));
		ASSERT_ZX_OK(zx_handle_close(x));
	}
	zxt_thread_join(_metadata, t);
	ASSERT_EQ(0, m.failed);
	a = m.end;
	ASSERT_ZX_OK(zx_channel_read(a, 0, buf, NULL, sizeof(buf), 0, NULL,
				     NULL));
	EXPECT_EQ(0, memcmp(buf, "keep", 4));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(peer));
	EXPECT_ZX_OK(zx_handle_close(m.w));
	EXPECT_ZX_OK(zx_handle_close(m.r));
	ASSERT_LIVE_EQ(base);
}

/* Leaves cycles of every shape behind and exits without closing anything. */
static int ch_cycles_child(void *arg)
{
	zx_handle_t a, b, c, d, e, f, a1, a2, vmo, timer, port, ev, h[4];
	int i, fd;

	for (i = 0; i < 10; i++) {
		/* An end in its own queue, its peer kept. */
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a, &b));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a, 0, "b", 1, &b, 1));
		/* A ring of three channels. */
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a, &b));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &c, &d));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &e, &f));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a, 0, "d", 1, &d, 1));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(c, 0, "f", 1, &f, 1));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(e, 0, "b", 1, &b, 1));
		/* Two channels carrying 4 MiB, an armed timer and a port. */
		CHILD_CHECK_ZX(ZX_OK, zx_vmo_create(4 << 20, 0, &vmo));
		CHILD_CHECK_ZX(ZX_OK, zx_vmo_op_range(vmo, ZX_VMO_OP_COMMIT, 0,
						      4 << 20, NULL, 0));
		CHILD_CHECK_ZX(ZX_OK, zx_timer_create(ZX_TIMER_SLACK_LATE,
						      ZX_CLOCK_MONOTONIC,
						      &timer));
		CHILD_CHECK_ZX(ZX_OK,
			       zx_timer_set(timer,
					    zx_deadline_after(ZX_SEC(1)), 0));
		CHILD_CHECK_ZX(ZX_OK, zx_port_create(0, &port));
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(ev, port, 1,
							   ZX_USER_SIGNAL_0,
							   0));
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(timer, port, 2,
							   ZX_TIMER_SIGNALED,
							   0));
		h[0] = vmo;
		h[1] = port;
		h[2] = ev;
		CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(timer,
							  ZX_RIGHT_SAME_RIGHTS,
							  &h[3]));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a1, &b));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a2, &d));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a1, 0, "o", 1, h, 4));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a1, 0, "d", 1, &d, 1));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a2, 0, "b", 1, &b, 1));
		/* One that only the process's exit frees: a poll descriptor. */
		CHILD_CHECK_ZX(ZX_OK, zx_channel_create(0, &a, &b));
		CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_poll_fd(b,
							     ZX_CHANNEL_READABLE,
							     0, &fd));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(a, 0, "b", 1, &b, 1));
	}
	return 0;
}

TEST(dead_process_leaves_no_cycles)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(ch_cycles_child, NULL));
	ASSERT_LIVE_EQ(base);
	/* Past the timers' deadlines nothing is left to fire. */
	zxt_sleep_ms(1200);
	ASSERT_LIVE_EQ(base);
}

/* ---- the module -------------------------------------------------------------- */

/* The module's reference count (CONFIG_MODULE_UNLOAD), or -1. */
static long ch_module_refcnt(void)
{
	char buf[32];
	ssize_t n;
	int fd;

	fd = open("/sys/module/zircon/refcnt", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

TEST(live_objects_keep_the_module_loaded)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev[64], a, b, timer;
	long refs, objects;
	int i;

	if (ch_module_refcnt() < 0)
		SKIP(return, "no /sys/module/zircon/refcnt");
	for (i = 0; i < 64; i++)
		ev[i] = zxt_event(_metadata);
	ch_create(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_timer_create(ZX_TIMER_SLACK_LATE, ZX_CLOCK_MONOTONIC,
				     &timer));
	ASSERT_ZX_OK(zx_timer_set(timer, zx_deadline_after(ZX_SEC(60)), 0));
	ASSERT_ZX_OK(zx_channel_write(a, 0, "t", 1, &timer, 1));
	/*
	 * rmmod is refused while the count is above zero: every object,
	 * wherever it is (a queue, a timer), must hold it.  Read first, so
	 * objects freed meanwhile only lower the second number.
	 */
	refs = ch_module_refcnt();
	objects = zxt_live_now().objects;
	EXPECT_GE(refs, objects) {
		TH_LOG("module refcnt %ld with %ld live objects", refs,
		       objects);
	}
	for (i = 0; i < 64; i++)
		EXPECT_ZX_OK(zx_handle_close(ev[i]));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

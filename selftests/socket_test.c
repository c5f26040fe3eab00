// SPDX-License-Identifier: GPL-2.0
/*
 * Sockets: zx_socket_create(), _write(), _read(), _set_disposition(),
 * ZX_INFO_SOCKET and the threshold properties.
 */
#include "zx_test.h"

/* Bytes one end buffers (zx_channel/socket.c). */
#define SOCK_CAPACITY	(256 * 1024)

static void sock_create(struct __test_metadata *_metadata, uint32_t options,
			zx_handle_t *a, zx_handle_t *b)
{
	*a = ZX_HANDLE_INVALID;
	*b = ZX_HANDLE_INVALID;
	ASSERT_ZX_OK(zx_socket_create(options, a, b));
	ASSERT_NE(ZX_HANDLE_INVALID, *a);
	ASSERT_NE(ZX_HANDLE_INVALID, *b);
}

static zx_info_socket_t sock_info(struct __test_metadata *_metadata,
				  zx_handle_t h)
{
	zx_info_socket_t info;

	memset(&info, 0xff, sizeof(info));
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_SOCKET, &info,
					sizeof(info), NULL, NULL));
	return info;
}

/* Fills @h's peer completely; returns the bytes written. */
static size_t sock_fill(struct __test_metadata *_metadata, zx_handle_t h)
{
	static char chunk[64 * 1024];
	size_t total = 0, actual;
	zx_status_t s;

	for (;;) {
		s = zx_socket_write(h, 0, chunk, sizeof(chunk), &actual);
		if (s == ZX_ERR_SHOULD_WAIT)
			break;
		EXPECT_ZX_OK(s);
		if (s != ZX_OK)
			break;
		total += actual;
	}
	return total;
}

/* ---- create ------------------------------------------------------------- */

TEST(create_gives_two_writable_peers)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_info_handle_basic_t ia, ib;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	ia = zxt_basic(_metadata, a);
	ib = zxt_basic(_metadata, b);
	EXPECT_EQ(ZX_OBJ_TYPE_SOCKET, ia.type);
	EXPECT_EQ(ZX_DEFAULT_SOCKET_RIGHTS, ia.rights);
	EXPECT_EQ(ia.koid, ib.related_koid);
	EXPECT_EQ(ib.koid, ia.related_koid);
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, b));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 2, now.handles);
	EXPECT_EQ(base.objects + 2, now.objects);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	sock_create(_metadata, ZX_SOCKET_DATAGRAM, &a, &b);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(create_rejects_options_and_bad_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_create(2, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_create(~0u, &a, &b));
	EXPECT_EQ(ZX_HANDLE_INVALID, a);
	EXPECT_EQ(ZX_HANDLE_INVALID, b);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_create(0, NULL, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_create(0, &a, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

/* ---- stream ------------------------------------------------------------- */

TEST(stream_round_trip_partial_reads_and_peek)
{
	char out[16] = { 0 };
	size_t actual = 99;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "hello", 5, &actual));
	EXPECT_EQ(5u, actual);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "world", 5, NULL));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_READABLE,
		       zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_socket_read(b, ZX_SOCKET_PEEK, out, 3, &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_EQ(0, memcmp(out, "hel", 3));
	ASSERT_ZX_OK(zx_socket_read(b, 0, out, 7, &actual));
	EXPECT_EQ(7u, actual);
	EXPECT_EQ(0, memcmp(out, "hellowo", 7));
	ASSERT_ZX_OK(zx_socket_read(b, 0, out, sizeof(out), &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_EQ(0, memcmp(out, "rld", 3));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_socket_read(b, 0, out, sizeof(out), &actual));
	/* Zero-byte writes move nothing. */
	EXPECT_ZX_OK(zx_socket_write(a, 0, NULL, 0, &actual));
	EXPECT_EQ(0u, actual);
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_socket_read(b, 0, out, sizeof(out), &actual));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(stream_short_write_when_nearly_full)
{
	static char big[SOCK_CAPACITY];
	size_t actual = 0, i;
	zx_info_socket_t info;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	ASSERT_ZX_OK(zx_socket_write(a, 0, big, 10, &actual));
	ASSERT_ZX_OK(zx_socket_write(a, 0, big + 10, sizeof(big), &actual));
	EXPECT_EQ((size_t)SOCK_CAPACITY - 10, actual);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, 0, big, 1, &actual));
	info = sock_info(_metadata, a);
	EXPECT_EQ(0u, info.options);
	EXPECT_EQ((size_t)SOCK_CAPACITY, info.tx_buf_max);
	EXPECT_EQ((size_t)SOCK_CAPACITY, info.tx_buf_size);
	EXPECT_EQ(0u, info.rx_buf_size);
	info = sock_info(_metadata, b);
	EXPECT_EQ((size_t)SOCK_CAPACITY, info.rx_buf_max);
	EXPECT_EQ((size_t)SOCK_CAPACITY, info.rx_buf_size);
	EXPECT_EQ((size_t)SOCK_CAPACITY, info.rx_buf_available);
	/* Drain 100 bytes, then the ring wraps. */
	ASSERT_ZX_OK(zx_socket_read(b, 0, big, 100, &actual));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "0123456789", 10, &actual));
	EXPECT_EQ(10u, actual);
	memset(big, 0, sizeof(big));
	ASSERT_ZX_OK(zx_socket_read(b, 0, big, sizeof(big), &actual));
	EXPECT_EQ((size_t)SOCK_CAPACITY - 90, actual);
	for (i = 0; i < SOCK_CAPACITY - 100; i++)
		if (big[i] != (char)((i + 100) * 7))
			break;
	EXPECT_EQ((size_t)SOCK_CAPACITY - 100, i);
	EXPECT_EQ(0, memcmp(big + SOCK_CAPACITY - 100, "0123456789", 10));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- datagram ----------------------------------------------------------- */

TEST(datagrams_keep_boundaries_and_truncate)
{
	char out[16] = { 0 };
	zx_info_socket_t info;
	size_t actual = 0;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_DATAGRAM, &a, &b);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "abc", 3, &actual));
	EXPECT_EQ(3u, actual);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "defgh", 5, NULL));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "ij", 2, NULL));
	info = sock_info(_metadata, b);
	EXPECT_EQ(ZX_SOCKET_DATAGRAM, info.options);
	EXPECT_EQ(10u, info.rx_buf_size);
	EXPECT_EQ(3u, info.rx_buf_available);
	ASSERT_ZX_OK(zx_socket_read(b, ZX_SOCKET_PEEK, out, 16, &actual));
	EXPECT_EQ(3u, actual);
	ASSERT_ZX_OK(zx_socket_read(b, 0, out, 16, &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_EQ(0, memcmp(out, "abc", 3));
	/* Too small: truncated, and the rest is gone. */
	ASSERT_ZX_OK(zx_socket_read(b, 0, out, 2, &actual));
	EXPECT_EQ(2u, actual);
	EXPECT_EQ(0, memcmp(out, "de", 2));
	ASSERT_ZX_OK(zx_socket_read(b, 0, out, 16, &actual));
	EXPECT_EQ(2u, actual);
	EXPECT_EQ(0, memcmp(out, "ij", 2));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_socket_read(b, 0, out, 16, &actual));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(datagram_writes_are_all_or_nothing)
{
	static char big[SOCK_CAPACITY + 1];
	size_t actual = 0;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_DATAGRAM, &a, &b);
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_socket_write(a, 0, big, sizeof(big), &actual));
	ASSERT_ZX_OK(zx_socket_write(a, 0, big, SOCK_CAPACITY - 4, &actual));
	EXPECT_EQ((size_t)SOCK_CAPACITY - 4, actual);
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_socket_write(a, 0, big, 5, &actual));
	ASSERT_ZX_OK(zx_socket_write(a, 0, big, 4, &actual));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_socket_read(b, 0, big, sizeof(big), &actual));
	EXPECT_EQ((size_t)SOCK_CAPACITY - 4, actual);
	ASSERT_ZX_OK(zx_socket_read(b, 0, big, sizeof(big), &actual));
	EXPECT_EQ(4u, actual);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- errors ------------------------------------------------------------- */

TEST(write_and_read_errors)
{
	zx_handle_t a, b, ro, wo, ev = zxt_event(_metadata);
	size_t actual = 0;
	char c = 'x';

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_socket_write(ZXT_BOGUS_HANDLE, 0, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_socket_write(ev, 0, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_write(a, 1, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_write(a, 0, NULL, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_socket_write(a, 0, ZXT_BAD_PTR, 1, NULL));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, b));
	ro = zxt_dup(_metadata, a, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_socket_write(ro, 0, &c, 1, NULL));
	wo = zxt_dup(_metadata, b, ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_socket_read(wo, 0, &c, 1, NULL));

	ASSERT_ZX_OK(zx_socket_write(a, 0, "y", 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_socket_read(ZXT_BOGUS_HANDLE, 0, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_socket_read(ev, 0, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_read(b, 1, &c, 1, NULL));
	/* Faulting buffers consume nothing. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_read(b, 0, NULL, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_socket_read(b, 0, ZXT_BAD_PTR, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_socket_read(b, 0, &c, 1, ZXT_BAD_PTR));
	ASSERT_ZX_OK(zx_socket_read(b, 0, &c, 1, &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ('y', c);
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(peer_closed_drains_then_fails)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_socket_t info;
	zx_handle_t a, b;
	char c = 0;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "z", 1, NULL));
	ASSERT_ZX_OK(zx_socket_write(b, 0, "q", 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_SOCKET_READABLE | ZX_SOCKET_PEER_CLOSED,
		       zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_socket_write(b, 0, &c, 1, NULL));
	info = sock_info(_metadata, b);
	EXPECT_EQ(0u, info.tx_buf_max);
	EXPECT_ZX_OK(zx_socket_read(b, 0, &c, 1, NULL));
	EXPECT_EQ('z', c);
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_socket_read(b, 0, &c, 1, NULL));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_socket_set_disposition(b, 0, 0));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- disposition -------------------------------------------------------- */

TEST(disposition_disables_and_enables_writes)
{
	zx_handle_t a, b, nm;
	char c = 0;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "k", 1, NULL));
	ASSERT_ZX_OK(zx_socket_set_disposition(a,
				ZX_SOCKET_DISPOSITION_WRITE_DISABLED, 0));
	EXPECT_SIGNALS(ZX_SOCKET_WRITE_DISABLED, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_READABLE |
		       ZX_SOCKET_PEER_WRITE_DISABLED,
		       zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_socket_write(a, 0, &c, 1, NULL));
	/* Written data is still read, then the reader sees the end. */
	ASSERT_ZX_OK(zx_socket_read(b, 0, &c, 1, NULL));
	EXPECT_EQ('k', c);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_socket_read(b, 0, &c, 1, NULL));
	/* The other direction is unaffected. */
	ASSERT_ZX_OK(zx_socket_write(b, 0, "m", 1, NULL));
	ASSERT_ZX_OK(zx_socket_read(a, 0, &c, 1, NULL));
	ASSERT_ZX_OK(zx_socket_set_disposition(a,
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 0));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "n", 1, NULL));

	/* Through the peer: b's writes, with a's data still unread. */
	ASSERT_ZX_OK(zx_socket_set_disposition(a, 0,
				ZX_SOCKET_DISPOSITION_WRITE_DISABLED));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_socket_write(b, 0, &c, 1, NULL));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_PEER_WRITE_DISABLED,
		       zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_socket_set_disposition(a, 0,
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED));
	ASSERT_ZX_OK(zx_socket_write(b, 0, "p", 1, NULL));
	/* Not while what the end wrote is unread. */
	ASSERT_ZX_OK(zx_socket_set_disposition(a, 0,
				ZX_SOCKET_DISPOSITION_WRITE_DISABLED));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_socket_set_disposition(a, 0,
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_socket_set_disposition(b,
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 0));
	ASSERT_ZX_OK(zx_socket_read(a, 0, &c, 1, NULL));
	EXPECT_EQ('p', c);
	EXPECT_ZX_OK(zx_socket_set_disposition(b,
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 0));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_set_disposition(a,
				ZX_SOCKET_DISPOSITION_WRITE_DISABLED |
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_set_disposition(a, 0,
				ZX_SOCKET_DISPOSITION_WRITE_DISABLED |
				ZX_SOCKET_DISPOSITION_WRITE_ENABLED));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_socket_set_disposition(a, 4, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_socket_set_disposition(ZXT_BOGUS_HANDLE, 0, 0));
	nm = zxt_dup(_metadata, a, ZX_RIGHT_READ | ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_socket_set_disposition(nm, 0, 0));
	EXPECT_ZX_OK(zx_handle_close(nm));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- thresholds --------------------------------------------------------- */

TEST(threshold_properties_and_signals)
{
	size_t v = 0, actual;
	zx_handle_t a, b;
	char buf[16] = { 0 };

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	EXPECT_ZX_OK(zx_object_get_property(b, ZX_PROP_SOCKET_RX_THRESHOLD,
					    &v, sizeof(v)));
	EXPECT_EQ(0u, v);
	v = 4;
	EXPECT_ZX_OK(zx_object_set_property(b, ZX_PROP_SOCKET_RX_THRESHOLD,
					    &v, sizeof(v)));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "abc", 3, NULL));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_READABLE,
		       zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "d", 1, NULL));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_READABLE |
		       ZX_SOCKET_READ_THRESHOLD, zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_socket_read(b, 0, buf, 1, &actual));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_READABLE,
		       zxt_signals(_metadata, b));

	/* TX: room in the peer's buffer. */
	v = SOCK_CAPACITY - 2;
	EXPECT_ZX_OK(zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD,
					    &v, sizeof(v)));
	v = 0;
	EXPECT_ZX_OK(zx_object_get_property(a, ZX_PROP_SOCKET_TX_THRESHOLD,
					    &v, sizeof(v)));
	EXPECT_EQ((size_t)SOCK_CAPACITY - 2, v);
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_socket_read(b, 0, buf, 1, &actual));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_SOCKET_WRITE_THRESHOLD,
		       zxt_signals(_metadata, a));

	v = SOCK_CAPACITY + 1;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD, &v,
					 sizeof(v)));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_property(a, ZX_PROP_SOCKET_RX_THRESHOLD, &v,
					 sizeof(v) - 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_property(a, ZX_PROP_SOCKET_RX_THRESHOLD,
					 ZXT_BAD_PTR, sizeof(v)));
	EXPECT_ZX_OK(zx_handle_close(b));
	v = 1;
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_set_property(a, ZX_PROP_SOCKET_TX_THRESHOLD, &v,
					 sizeof(v)));
	EXPECT_ZX_OK(zx_object_set_property(a, ZX_PROP_SOCKET_RX_THRESHOLD,
					    &v, sizeof(v)));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(info_needs_inspect_and_signal_peer_works)
{
	zx_info_socket_t info;
	zx_handle_t a, b, ni;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	ni = zxt_dup(_metadata, a, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(ni, ZX_INFO_SOCKET, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(a, ZX_INFO_SOCKET, &info,
				     sizeof(info) - 1, NULL, NULL));
	EXPECT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_2));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE | ZX_USER_SIGNAL_2,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(ni));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- across threads ------------------------------------------------------ */

TEST(waiters_wake_on_data_room_and_close)
{
	static char big[SOCK_CAPACITY];
	struct zxt_waiter w;
	zx_handle_t a, b;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	zxt_waiter_start(_metadata, &w, b, ZX_SOCKET_READABLE,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "w", 1, NULL));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_EQ((size_t)SOCK_CAPACITY - 1, sock_fill(_metadata, a));
	zxt_waiter_start(_metadata, &w, a, ZX_SOCKET_WRITABLE,
			 ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_socket_read(b, 0, big, 10, NULL));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	zxt_waiter_start(_metadata, &w, a, ZX_SOCKET_PEER_CLOSED,
			 ZX_TIME_INFINITE);
	EXPECT_ZX_OK(zx_handle_close(b));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_ZX_OK(zx_handle_close(a));
}

#define PUMP_BYTES	(4 * 1024 * 1024)

struct sock_pump {
	zx_handle_t h;
	int errors;
};

static void *sock_pump_main(void *arg)
{
	struct sock_pump *p = arg;
	static unsigned char chunk[5000];
	size_t sent = 0, actual, i;
	zx_status_t s;

	while (sent < PUMP_BYTES) {
		size_t n = PUMP_BYTES - sent < sizeof(chunk) ?
			   PUMP_BYTES - sent : sizeof(chunk);

		for (i = 0; i < n; i++)
			chunk[i] = (unsigned char)((sent + i) % 251);
		s = zx_socket_write(p->h, 0, chunk, n, &actual);
		if (s == ZX_OK) {
			sent += actual;
			continue;
		}
		if (s == ZX_ERR_SHOULD_WAIT)
			s = zx_object_wait_one(p->h, ZX_SOCKET_WRITABLE,
					       ZX_TIME_INFINITE, NULL);
		if (s != ZX_OK) {
			p->errors++;
			break;
		}
	}
	return NULL;
}

TEST(stream_across_threads_keeps_order)
{
	struct zxt_live base = zxt_settle(_metadata);
	static unsigned char buf[7000];
	struct sock_pump p;
	size_t got = 0, actual, i, bad = 0;
	zx_handle_t a, b;
	pthread_t t;

	sock_create(_metadata, ZX_SOCKET_STREAM, &a, &b);
	p.h = a;
	p.errors = 0;
	zxt_thread_start(_metadata, &t, sock_pump_main, &p);
	while (got < PUMP_BYTES) {
		if (zx_object_wait_one(b, ZX_SOCKET_READABLE, ZX_TIME_INFINITE,
				       NULL) != ZX_OK)
			break;
		if (zx_socket_read(b, 0, buf, sizeof(buf), &actual) != ZX_OK)
			continue;
		for (i = 0; i < actual; i++)
			if (buf[i] != (unsigned char)((got + i) % 251))
				bad++;
		got += actual;
	}
	zxt_thread_join(_metadata, t);
	EXPECT_EQ(0, p.errors);
	EXPECT_EQ((size_t)PUMP_BYTES, got);
	EXPECT_EQ(0u, bad);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

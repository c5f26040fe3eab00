// SPDX-License-Identifier: GPL-2.0
/* Fifos: zx_fifo_create(), zx_fifo_write() and zx_fifo_read(). */
#include "zx_test.h"

static void fifo_create(struct __test_metadata *_metadata, size_t count,
			size_t size, zx_handle_t *a, zx_handle_t *b)
{
	*a = ZX_HANDLE_INVALID;
	*b = ZX_HANDLE_INVALID;
	ASSERT_ZX_OK(zx_fifo_create(count, size, 0, a, b));
	ASSERT_NE(ZX_HANDLE_INVALID, *a);
	ASSERT_NE(ZX_HANDLE_INVALID, *b);
}

/* ---- create ------------------------------------------------------------- */

TEST(create_gives_two_writable_peers)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_info_handle_basic_t ia, ib;
	zx_handle_t a, b;

	fifo_create(_metadata, 4, 8, &a, &b);
	ia = zxt_basic(_metadata, a);
	ib = zxt_basic(_metadata, b);
	EXPECT_EQ(ZX_OBJ_TYPE_FIFO, ia.type);
	EXPECT_EQ(ZX_OBJ_TYPE_FIFO, ib.type);
	EXPECT_EQ(ZX_DEFAULT_FIFO_RIGHTS, ia.rights);
	EXPECT_EQ(ZX_DEFAULT_FIFO_RIGHTS, ib.rights);
	EXPECT_EQ(ia.koid, ib.related_koid);
	EXPECT_EQ(ib.koid, ia.related_koid);
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, b));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 2, now.handles);
	EXPECT_EQ(base.objects + 2, now.objects);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(create_limits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(0, 8, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(4, 0, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(2, 2049, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(8192, 1, 0, &a, &b));
	/* A product that wraps around 64 bits is still too big. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_fifo_create((size_t)1 << 32, (size_t)1 << 32, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_create(4, 8, 1, &a, &b));
	EXPECT_EQ(ZX_HANDLE_INVALID, a);
	EXPECT_EQ(ZX_HANDLE_INVALID, b);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_create(4, 8, 0, NULL, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_create(4, 8, 0, &a, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_fifo_create(4, 8, 0, &a, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);

	/* The largest fifos, of one element or of one byte each. */
	EXPECT_ZX_OK(zx_fifo_create(1, 4096, 0, &a, &b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_fifo_create(4096, 1, 0, &a, &b));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- write and read ----------------------------------------------------- */

TEST(write_read_round_trip_and_signals)
{
	uint64_t in[3] = { 1, 2, 3 }, out[4] = { 0 };
	size_t actual = 99;
	zx_handle_t a, b;

	fifo_create(_metadata, 4, 8, &a, &b);
	ASSERT_ZX_OK(zx_fifo_write(a, 8, in, 3, &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE | ZX_FIFO_READABLE,
		       zxt_signals(_metadata, b));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, a));
	/* Reads take at most what is queued. */
	ASSERT_ZX_OK(zx_fifo_read(b, 8, out, 4, &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_EQ(0, memcmp(in, out, sizeof(in)));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_fifo_read(b, 8, out, 4, &actual));
	/* actual_count is optional. */
	EXPECT_ZX_OK(zx_fifo_write(b, 8, in, 1, NULL));
	EXPECT_ZX_OK(zx_fifo_read(a, 8, out, 1, NULL));
	EXPECT_EQ(1u, out[0]);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(full_fifo_writes_partially_then_should_wait)
{
	uint32_t in[6] = { 10, 11, 12, 13, 14, 15 }, out[6] = { 0 };
	size_t actual = 0;
	zx_handle_t a, b;
	int round, i;

	fifo_create(_metadata, 4, 4, &a, &b);
	/* Several rounds so the ring wraps. */
	for (round = 0; round < 5; round++) {
		ASSERT_ZX_OK(zx_fifo_write(a, 4, in, 3, &actual));
		EXPECT_EQ(3u, actual);
		ASSERT_ZX_OK(zx_fifo_write(a, 4, in + 3, 3, &actual));
		EXPECT_EQ(1u, actual);
		EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
		EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
			  zx_fifo_write(a, 4, in, 1, &actual));
		ASSERT_ZX_OK(zx_fifo_read(b, 4, out, 1, &actual));
		EXPECT_EQ(1u, actual);
		EXPECT_EQ(10u, out[0]);
		EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, a));
		ASSERT_ZX_OK(zx_fifo_read(b, 4, out, 6, &actual));
		EXPECT_EQ(3u, actual);
		for (i = 0; i < 3; i++)
			EXPECT_EQ((uint32_t)(11 + i), out[i]);
		/* Offset the ring by one element for the next round. */
		ASSERT_ZX_OK(zx_fifo_write(a, 4, in, 1, NULL));
		ASSERT_ZX_OK(zx_fifo_read(b, 4, out, 1, NULL));
	}
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(the_two_directions_are_independent)
{
	uint16_t v = 7, w = 0;
	zx_handle_t a, b;

	fifo_create(_metadata, 1, 2, &a, &b);
	ASSERT_ZX_OK(zx_fifo_write(a, 2, &v, 1, NULL));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, a));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE | ZX_FIFO_READABLE,
		       zxt_signals(_metadata, b));
	v = 8;
	ASSERT_ZX_OK(zx_fifo_write(b, 2, &v, 1, NULL));
	EXPECT_SIGNALS(ZX_FIFO_READABLE, zxt_signals(_metadata, a));
	ASSERT_ZX_OK(zx_fifo_read(a, 2, &w, 1, NULL));
	EXPECT_EQ(8u, w);
	ASSERT_ZX_OK(zx_fifo_read(b, 2, &w, 1, NULL));
	EXPECT_EQ(7u, w);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(write_errors)
{
	uint64_t v = 1;
	zx_handle_t a, b, ro, ev = zxt_event(_metadata);
	size_t actual = 99;

	fifo_create(_metadata, 4, 8, &a, &b);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_fifo_write(ZXT_BOGUS_HANDLE, 8, &v, 1,
						   NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_fifo_write(ev, 8, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_write(a, 4, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_write(a, 8, &v, 0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_write(a, 8, NULL, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_fifo_write(a, 8, ZXT_BAD_PTR, 1, NULL));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, b));
	ASSERT_ZX_OK(zx_handle_duplicate(a, ZX_RIGHT_READ, &ro));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_fifo_write(ro, 8, &v, 1, NULL));
	/* A bad actual_count fails the call, but the element is queued. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_fifo_write(a, 8, &v, 1, ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_fifo_read(b, 8, &v, 1, &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(read_errors)
{
	uint64_t v = 5, out = 0;
	zx_handle_t a, b, wo, ev = zxt_event(_metadata);
	size_t actual = 99;

	fifo_create(_metadata, 4, 8, &a, &b);
	ASSERT_ZX_OK(zx_fifo_write(a, 8, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_fifo_read(ZXT_BOGUS_HANDLE, 8, &out,
						  1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_fifo_read(ev, 8, &out, 1, NULL));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_read(b, 16, &out, 1, NULL));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_read(b, 8, &out, 0, NULL));
	ASSERT_ZX_OK(zx_handle_duplicate(b, ZX_RIGHT_WRITE, &wo));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_fifo_read(wo, 8, &out, 1, NULL));
	/* Faulting buffers lose nothing. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_read(b, 8, NULL, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_fifo_read(b, 8, ZXT_BAD_PTR, 1, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_fifo_read(b, 8, &out, 1, ZXT_BAD_PTR));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE | ZX_FIFO_READABLE,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_fifo_read(b, 8, &out, 1, &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(5u, out);
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(peer_closed_drains_then_fails)
{
	struct zxt_live base = zxt_settle(_metadata);
	uint32_t v = 3, out = 0;
	zx_handle_t a, b;

	fifo_create(_metadata, 2, 4, &a, &b);
	ASSERT_ZX_OK(zx_fifo_write(a, 4, &v, 1, NULL));
	ASSERT_ZX_OK(zx_fifo_write(b, 4, &v, 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_FIFO_READABLE | ZX_FIFO_PEER_CLOSED,
		       zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_fifo_write(b, 4, &v, 1, NULL));
	EXPECT_ZX_OK(zx_fifo_read(b, 4, &out, 1, NULL));
	EXPECT_EQ(3u, out);
	EXPECT_SIGNALS(ZX_FIFO_PEER_CLOSED, zxt_signals(_metadata, b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_fifo_read(b, 4, &out, 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(peer_closed_waits_for_the_last_handle)
{
	zx_handle_t a, b, a2;
	uint8_t v = 1;

	fifo_create(_metadata, 4, 1, &a, &b);
	a2 = zxt_dup(_metadata, a, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_fifo_write(b, 1, &v, 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(a2));
	EXPECT_SIGNALS(ZX_FIFO_PEER_CLOSED, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(signal_peer_and_user_signals)
{
	zx_handle_t a, b;

	fifo_create(_metadata, 4, 1, &a, &b);
	EXPECT_ZX_OK(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE | ZX_USER_SIGNAL_0,
		       zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_FIFO_WRITABLE | ZX_USER_SIGNAL_1,
		       zxt_signals(_metadata, a));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_signal(a, 0, ZX_FIFO_READABLE));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_handle_close(a));
}

/* ---- across threads ------------------------------------------------------ */

TEST(reader_thread_wakes_on_write_and_close)
{
	struct zxt_waiter w;
	zx_handle_t a, b;
	uint32_t v = 9;

	fifo_create(_metadata, 4, 4, &a, &b);
	zxt_waiter_start(_metadata, &w, b, ZX_FIFO_READABLE, ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_fifo_write(a, 4, &v, 1, NULL));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_TRUE(!!(w.observed & ZX_FIFO_READABLE));
	zxt_waiter_start(_metadata, &w, b, ZX_FIFO_PEER_CLOSED,
			 ZX_TIME_INFINITE);
	EXPECT_ZX_OK(zx_handle_close(a));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(writer_thread_wakes_when_room)
{
	struct zxt_waiter w;
	zx_handle_t a, b;
	uint32_t v[2] = { 1, 2 };

	fifo_create(_metadata, 2, 4, &a, &b);
	ASSERT_ZX_OK(zx_fifo_write(a, 4, v, 2, NULL));
	zxt_waiter_start(_metadata, &w, a, ZX_FIFO_WRITABLE, ZX_TIME_INFINITE);
	ASSERT_ZX_OK(zx_fifo_read(b, 4, v, 1, NULL));
	zxt_waiter_join(_metadata, &w);
	EXPECT_ZX_OK(w.status);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

#define PUMP_COUNT	20000

struct fifo_pump {
	zx_handle_t h;
	uint32_t next;		/* per writer: tag << 24 | sequence */
	int errors;
};

static void *fifo_pump_main(void *arg)
{
	struct fifo_pump *p = arg;
	uint32_t i;

	for (i = 0; i < PUMP_COUNT;) {
		uint32_t v = p->next + i;
		zx_status_t s = zx_fifo_write(p->h, 4, &v, 1, NULL);

		if (s == ZX_OK)
			i++;
		else if (s == ZX_ERR_SHOULD_WAIT)
			s = zx_object_wait_one(p->h, ZX_FIFO_WRITABLE,
					       ZX_TIME_INFINITE, NULL);
		if (s != ZX_OK) {
			p->errors++;
			break;
		}
	}
	return NULL;
}

TEST(threads_write_and_read_concurrently)
{
	struct zxt_live base = zxt_settle(_metadata);
	uint32_t seen[2] = { 0, 0 }, buf[16];
	struct fifo_pump p[2];
	zx_handle_t a, b;
	pthread_t t[2];
	int i, n = 0, bad = 0;

	fifo_create(_metadata, 16, 4, &a, &b);
	for (i = 0; i < 2; i++) {
		p[i].h = a;
		p[i].next = (uint32_t)i << 24;
		p[i].errors = 0;
		zxt_thread_start(_metadata, &t[i], fifo_pump_main, &p[i]);
	}
	while (n < 2 * PUMP_COUNT) {
		size_t actual = 0, j;

		if (zx_object_wait_one(b, ZX_FIFO_READABLE, ZX_TIME_INFINITE,
				       NULL) != ZX_OK)
			break;
		if (zx_fifo_read(b, 4, buf, 16, &actual) != ZX_OK)
			continue;
		/* Each writer's elements arrive in its order. */
		for (j = 0; j < actual; j++) {
			uint32_t tag = buf[j] >> 24, seq = buf[j] & 0xffffff;

			if (tag > 1 || seq != seen[tag]++)
				bad++;
		}
		n += actual;
	}
	for (i = 0; i < 2; i++) {
		zxt_thread_join(_metadata, t[i]);
		EXPECT_EQ(0, p[i].errors);
	}
	EXPECT_EQ(2 * PUMP_COUNT, n);
	EXPECT_EQ(0, bad);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

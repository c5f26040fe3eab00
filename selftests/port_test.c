// SPDX-License-Identifier: GPL-2.0
/*
 * Ports and async waits: zx_port_create(), zx_port_queue(), zx_port_wait(),
 * zx_port_cancel() and zx_object_wait_async().
 */
#include <zircon/syscalls/port.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

/* The port's queue bounds (README "Limits"). */
#define PT_MAX_USER_PACKETS	16384
#define PT_MAX_WAITS		65536

#define PT_KEY			0x1234567890abcdefull

static zx_handle_t pt_port(struct __test_metadata *_metadata)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_port_create(0, &h));
	ASSERT_NE(ZX_HANDLE_INVALID, h);
	return h;
}

static zx_port_packet_t pt_user_packet(uint64_t key, uint64_t first)
{
	zx_port_packet_t p;

	memset(&p, 0, sizeof(p));
	p.key = key;
	p.type = ZX_PKT_TYPE_USER;
	p.status = ZX_ERR_IO;
	p.user.u64[0] = first;
	p.user.u64[1] = ~first;
	p.user.u64[2] = 42;
	p.user.u64[3] = 0xfeedfacecafebeefull;
	return p;
}

/* Takes one packet that must already be there. */
static zx_port_packet_t pt_take(struct __test_metadata *_metadata,
				zx_handle_t port)
{
	zx_port_packet_t p;

	memset(&p, 0xa5, sizeof(p));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
	return p;
}

static void pt_expect_empty(struct __test_metadata *_metadata,
			    zx_handle_t port)
{
	zx_port_packet_t p;
	zx_status_t status = zx_port_wait(port, 0, &p);

	ASSERT_EQ(ZX_ERR_TIMED_OUT, status) {
		if (status == ZX_OK)
			TH_LOG("unexpected packet: key %#llx type %u",
			       (unsigned long long)p.key, p.type);
		else
			TH_LOG("port_wait: %s", zx_status_get_string(status));
	}
}

/* A signal packet for @key with @trigger; returns what it observed. */
static zx_signals_t pt_take_signal(struct __test_metadata *_metadata,
				   zx_handle_t port, uint64_t key,
				   zx_signals_t trigger)
{
	zx_port_packet_t p = pt_take(_metadata, port);

	EXPECT_EQ(key, p.key);
	EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, p.type);
	EXPECT_ZX_OK(p.status);
	EXPECT_SIGNALS(trigger, p.signal.trigger);
	EXPECT_EQ(1u, p.signal.count);
	EXPECT_EQ(0u, p.signal.timestamp);
	EXPECT_EQ(0u, p.signal.reserved1);
	return p.signal.observed;
}

/* ---- port_create ------------------------------------------------------- */

TEST(port_create_gives_a_port_with_default_rights)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	zx_info_handle_basic_t info = zxt_basic(_metadata, port);

	EXPECT_EQ(ZX_OBJ_TYPE_PORT, info.type);
	EXPECT_EQ(ZX_DEFAULT_PORT_RIGHTS, info.rights);
	EXPECT_EQ(ZX_RIGHT_READ | ZX_RIGHT_WRITE,
		  info.rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_WAIT));
	EXPECT_NE(0u, info.rights & ZX_RIGHT_TRANSFER);
	EXPECT_NE(0u, info.rights & ZX_RIGHT_DUPLICATE);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_create_options)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &h));
	EXPECT_EQ(ZX_OBJ_TYPE_PORT, zxt_basic(_metadata, h).type);
	EXPECT_ZX_OK(zx_handle_close(h));
	h = ZX_HANDLE_INVALID;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_create(2, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_port_create(ZX_PORT_BIND_TO_INTERRUPT | 0x80000000u, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_create(~0u, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	ASSERT_LIVE_EQ(base);
}

TEST(port_create_bad_out_pointer_leaks_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_create(0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_create(0, ZXT_BAD_PTR));
	ASSERT_LIVE_EQ(base);
}

TEST(port_cannot_be_waited_on)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), port2 = pt_port(_metadata);
	zx_signals_t observed;

	/* Ports never carry ZX_RIGHT_WAIT. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_one(port, ZX_USER_SIGNAL_0, 0, &observed));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_async(port, port2, 1, ZX_USER_SIGNAL_0, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_async(port, port, 1, ZX_USER_SIGNAL_0, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(port, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_handle_close(port2));
	ASSERT_LIVE_EQ(base);
}

/* ---- user packets ------------------------------------------------------- */

TEST(port_queue_then_wait_returns_the_user_packet)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	zx_port_packet_t in = pt_user_packet(PT_KEY, 7), out;

	/* The kernel makes the type USER whatever the caller says. */
	in.type = ZX_PKT_TYPE_SIGNAL_ONE;
	ASSERT_ZX_OK(zx_port_queue(port, &in));
	out = pt_take(_metadata, port);
	EXPECT_EQ(PT_KEY, out.key);
	EXPECT_EQ(ZX_PKT_TYPE_USER, out.type);
	EXPECT_ZX(ZX_ERR_IO, out.status);
	EXPECT_EQ(0, memcmp(&in.user, &out.user, sizeof(in.user)));
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_packets_come_out_in_fifo_order)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	zx_port_packet_t p;
	uint64_t i;

	for (i = 0; i < 100; i++) {
		p = pt_user_packet(i, i * 3);
		ASSERT_ZX_OK(zx_port_queue(port, &p));
	}
	for (i = 0; i < 100; i++) {
		p = pt_take(_metadata, port);
		ASSERT_EQ(i, p.key);
		ASSERT_EQ(i * 3, p.user.u64[0]);
	}
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_queue_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t ro = zxt_dup(_metadata, port,
				 ZX_DEFAULT_PORT_RIGHTS & ~ZX_RIGHT_WRITE);
	zx_port_packet_t p = pt_user_packet(1, 1);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_queue(ZXT_BOGUS_HANDLE, &p));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_queue(ZX_HANDLE_INVALID, &p));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_port_queue(ev, &p));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_port_queue(ro, &p));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_queue(port, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_queue(port, ZXT_BAD_PTR));
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_wait_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t wo = zxt_dup(_metadata, port,
				 ZX_DEFAULT_PORT_RIGHTS & ~ZX_RIGHT_READ);
	zx_port_packet_t p = pt_user_packet(1, 1);

	ASSERT_ZX_OK(zx_port_queue(port, &p));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_wait(ZXT_BOGUS_HANDLE, 0, &p));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_wait(ZX_HANDLE_INVALID, 0, &p));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_port_wait(ev, 0, &p));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_port_wait(wo, 0, &p));
	/* The port with only WRITE can still queue. */
	EXPECT_ZX_OK(zx_port_queue(wo, &p));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_wait(port, 0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_port_wait(port, 0, ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_wait_times_out)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	zx_port_packet_t p;
	zx_time_t start, deadline;

	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &p));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_port_wait(port, -1, &p));
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_port_wait(port, zxt_now() - ZX_SEC(1), &p));
	start = zxt_now();
	deadline = zx_deadline_after(ZX_MSEC(30));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_port_wait(port, deadline, &p));
	EXPECT_LE(deadline, zxt_now());
	TH_LOG("30 ms port_wait took %lld us",
	       (long long)(zxt_now() - start) / 1000);
	/* A past deadline still returns a packet that is there. */
	p = pt_user_packet(5, 5);
	ASSERT_ZX_OK(zx_port_queue(port, &p));
	memset(&p, 0, sizeof(p));
	EXPECT_ZX_OK(zx_port_wait(port, zxt_now() - ZX_SEC(1), &p));
	EXPECT_EQ(5u, p.key);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_queue_is_bounded)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_port_packet_t p;
	int i;

	for (i = 0; i < PT_MAX_USER_PACKETS; i++) {
		p = pt_user_packet(i, i);
		ASSERT_EQ(ZX_OK, zx_port_queue(port, &p)) {
			TH_LOG("packet %d", i);
		}
	}
	p = pt_user_packet(99999, 0);
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_port_queue(port, &p));
	/* Signal packets are not user packets: they still arrive. */
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 77, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	/* Reading one makes room for one. */
	p = pt_take(_metadata, port);
	EXPECT_EQ(0u, p.key);
	p = pt_user_packet(100000, 0);
	EXPECT_ZX_OK(zx_port_queue(port, &p));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_port_queue(port, &p));
	/* Closing the port frees every queued packet. */
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(port_async_waits_are_bounded)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	int i;

	for (i = 0; i < PT_MAX_WAITS; i++)
		ASSERT_EQ(ZX_OK, zx_object_wait_async(ev, port, i,
						      ZX_USER_SIGNAL_0, 0)) {
			TH_LOG("wait %d", i);
		}
	EXPECT_ZX(ZX_ERR_NO_RESOURCES,
		  zx_object_wait_async(ev, port, 0, ZX_USER_SIGNAL_0, 0));
	/* Fired waits count until their packet is read. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_NO_RESOURCES,
		  zx_object_wait_async(ev, port, 0, ZX_USER_SIGNAL_0, 0));
	/* One signal change queues the newest wait's packet first. */
	pt_take_signal(_metadata, port, PT_MAX_WAITS - 1, ZX_USER_SIGNAL_0);
	EXPECT_ZX_OK(zx_object_wait_async(ev, port, 0, ZX_USER_SIGNAL_1, 0));
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- object_wait_async: errors --------------------------------------------- */

TEST(wait_async_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t ev2 = zxt_event(_metadata);
	zx_handle_t ro_port = zxt_dup(_metadata, port,
				      ZX_DEFAULT_PORT_RIGHTS & ~ZX_RIGHT_WRITE);
	zx_handle_t nowait = zxt_dup(_metadata, ev,
				     ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_WAIT);
	const zx_signals_t s = ZX_USER_SIGNAL_0;

	ASSERT_ZX_OK(zx_object_signal(ev, 0, s));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_wait_async(ev, port, 1, s, 4));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_async(ev, port, 1, s, 0x80000000u));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_wait_async(ev, port, 1, s,
				       ZX_WAIT_ASYNC_EDGE | 8));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_async(ZXT_BOGUS_HANDLE, port, 1, s, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_async(ZX_HANDLE_INVALID, port, 1, s, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_async(ev, ZXT_BOGUS_HANDLE, 1, s, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_object_wait_async(ev, ev2, 1, s, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_async(ev, ro_port, 1, s, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_wait_async(nowait, port, 1, s, 0));
	/* None of them left a wait behind. */
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(nowait));
	EXPECT_ZX_OK(zx_handle_close(ro_port));
	EXPECT_ZX_OK(zx_handle_close(ev2));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* ---- object_wait_async: packets --------------------------------------------- */

TEST(wait_async_on_event_queues_one_packet)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_signals_t observed;

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, PT_KEY,
					  ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_3,
					  ZX_WAIT_ASYNC_ONCE));
	pt_expect_empty(_metadata, port);
	/* Signals it does not watch do not fire it. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	observed = pt_take_signal(_metadata, port, PT_KEY,
				  ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_3);
	/* Every asserted signal, not only the watched ones. */
	EXPECT_SIGNALS(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1, observed);
	/* One-shot: later changes queue nothing. */
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_EVENT_SIGNALED, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_3));
	pt_expect_empty(_metadata, port);
	/* The wait is gone, so cancel finds nothing. */
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, ev, PT_KEY));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_already_satisfied_queues_at_once)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_2));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 3, ZX_USER_SIGNAL_2, 0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2,
		       pt_take_signal(_metadata, port, 3, ZX_USER_SIGNAL_2));
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_edge_waits_for_a_transition)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 9,
					  ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1,
					  ZX_WAIT_ASYNC_EDGE));
	/* Active at the call: no packet. */
	pt_expect_empty(_metadata, port);
	/* Other signals changing while it stays active: still none. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_5));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0));
	pt_expect_empty(_metadata, port);
	/* Inactive to active. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_5,
		       pt_take_signal(_metadata, port, 9,
				      ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1));
	/* A second trigger bit rising while the first is active counts. */
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 10,
					  ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1,
					  ZX_WAIT_ASYNC_EDGE));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1));
	pt_take_signal(_metadata, port, 10,
		       ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_timestamp)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_time_t before, after;
	zx_port_packet_t p;

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0,
					  ZX_WAIT_ASYNC_TIMESTAMP));
	before = zxt_now();
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	after = zxt_now();
	p = pt_take(_metadata, port);
	EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, p.type);
	EXPECT_LE(before, (zx_time_t)p.signal.timestamp);
	EXPECT_GE(after, (zx_time_t)p.signal.timestamp);
	/* Already satisfied: the time of the call. */
	before = zxt_now();
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 2, ZX_USER_SIGNAL_0,
					  ZX_WAIT_ASYNC_TIMESTAMP |
					  ZX_WAIT_ASYNC_ONCE));
	after = zxt_now();
	p = pt_take(_metadata, port);
	EXPECT_EQ(2u, p.key);
	EXPECT_LE(before, (zx_time_t)p.signal.timestamp);
	EXPECT_GE(after, (zx_time_t)p.signal.timestamp);
	/* Edge and timestamp together. */
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 3, ZX_USER_SIGNAL_0,
					  ZX_WAIT_ASYNC_TIMESTAMP |
					  ZX_WAIT_ASYNC_EDGE));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0));
	before = zxt_now();
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	p = pt_take(_metadata, port);
	EXPECT_EQ(3u, p.key);
	EXPECT_LE(before, (zx_time_t)p.signal.timestamp);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_twice_gives_two_packets)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port, 5, ZX_USER_SIGNAL_0);
	pt_take_signal(_metadata, port, 5, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_one_port_many_objects)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_port_packet_t p;

	ASSERT_ZX_OK(zx_object_wait_async(a, port, 'a', ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 'b', ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(b, 0, ZX_USER_SIGNAL_0));
	p = pt_user_packet('u', 0);
	ASSERT_ZX_OK(zx_port_queue(port, &p));
	ASSERT_ZX_OK(zx_object_signal(a, 0, ZX_USER_SIGNAL_0));
	EXPECT_EQ((uint64_t)'b', pt_take(_metadata, port).key);
	EXPECT_EQ((uint64_t)'u', pt_take(_metadata, port).key);
	EXPECT_EQ((uint64_t)'a', pt_take(_metadata, port).key);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_on_eventpair)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), a, b;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_object_wait_async(a, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(a, port, 2,
					  ZX_EVENTPAIR_PEER_CLOSED, 0));
	ASSERT_ZX_OK(zx_object_signal_peer(b, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0,
		       pt_take_signal(_metadata, port, 1, ZX_USER_SIGNAL_0));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0 | ZX_EVENTPAIR_PEER_CLOSED,
		       pt_take_signal(_metadata, port, 2,
				      ZX_EVENTPAIR_PEER_CLOSED));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_on_channel)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), a, b;
	zx_signals_t observed;
	char buf[8];
	uint32_t actual;

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 1, ZX_CHANNEL_READABLE, 0));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "hello", 5, NULL, 0));
	observed = pt_take_signal(_metadata, port, 1, ZX_CHANNEL_READABLE);
	EXPECT_SIGNALS(ZX_CHANNEL_READABLE | ZX_CHANNEL_WRITABLE, observed);
	ASSERT_ZX_OK(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &actual,
				     NULL));
	EXPECT_EQ(5u, actual);
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 2,
					  ZX_CHANNEL_PEER_CLOSED, 0));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_CHANNEL_PEER_CLOSED,
		       pt_take_signal(_metadata, port, 2,
				      ZX_CHANNEL_PEER_CLOSED));
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_async_on_socket)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), a, b;
	size_t actual;
	char buf[8];

	ASSERT_ZX_OK(zx_socket_create(ZX_SOCKET_STREAM, &a, &b));
	/* WRITABLE is already asserted. */
	ASSERT_ZX_OK(zx_object_wait_async(a, port, 1, ZX_SOCKET_WRITABLE, 0));
	EXPECT_SIGNALS(ZX_SOCKET_WRITABLE,
		       pt_take_signal(_metadata, port, 1,
				      ZX_SOCKET_WRITABLE));
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 2, ZX_SOCKET_READABLE, 0));
	pt_expect_empty(_metadata, port);
	ASSERT_ZX_OK(zx_socket_write(a, 0, "abc", 3, &actual));
	EXPECT_SIGNALS(ZX_SOCKET_READABLE | ZX_SOCKET_WRITABLE,
		       pt_take_signal(_metadata, port, 2,
				      ZX_SOCKET_READABLE));
	ASSERT_ZX_OK(zx_socket_read(b, 0, buf, sizeof(buf), &actual));
	EXPECT_EQ(3u, actual);
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 3, ZX_SOCKET_PEER_CLOSED,
					  0));
	ASSERT_ZX_OK(zx_handle_close(a));
	EXPECT_NE(0u, pt_take_signal(_metadata, port, 3,
				     ZX_SOCKET_PEER_CLOSED) &
		  ZX_SOCKET_PEER_CLOSED);
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* ---- port_cancel ------------------------------------------------------------- */

TEST(port_cancel_ends_armed_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_1, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 2, ZX_USER_SIGNAL_0, 0));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, ev, 3));
	EXPECT_ZX_OK(zx_port_cancel(port, ev, 1));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, ev, 1));
	ASSERT_ZX_OK(zx_object_signal(ev, 0,
				      ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1));
	/* Only the wait with the other key is left. */
	pt_take_signal(_metadata, port, 2, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_cancel_removes_queued_packets)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t other = zxt_event(_metadata);
	zx_port_packet_t p = pt_user_packet(1, 0);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(other, port, 1, ZX_USER_SIGNAL_0,
					  0));
	ASSERT_ZX_OK(zx_port_queue(port, &p));	/* user packet, key 1 */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	ASSERT_ZX_OK(zx_object_signal(other, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_port_cancel(port, ev, 1));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, ev, 1));
	/* The user packet and the other object's packet stay. */
	p = pt_take(_metadata, port);
	EXPECT_EQ(ZX_PKT_TYPE_USER, p.type);
	pt_take_signal(_metadata, port, 1, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(other));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_cancel_only_touches_waits_made_through_that_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);

	ASSERT_ZX_OK(zx_object_wait_async(dup, port, 1, ZX_USER_SIGNAL_0, 0));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, ev, 1));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port, 1, ZX_USER_SIGNAL_0);
	EXPECT_ZX_OK(zx_handle_close(dup));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_cancel_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t ro_port = zxt_dup(_metadata, port,
				      ZX_DEFAULT_PORT_RIGHTS & ~ZX_RIGHT_WRITE);
	zx_handle_t nowait = zxt_dup(_metadata, ev,
				     ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_WAIT);
	zx_handle_t ev2 = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_cancel(ZXT_BOGUS_HANDLE, ev, 1));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_port_cancel(port, ZXT_BOGUS_HANDLE, 1));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_port_cancel(port, ZX_HANDLE_INVALID, 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_port_cancel(ev2, ev, 1));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_port_cancel(ro_port, ev, 1));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_port_cancel(port, nowait, 1));
	/* A port has no WAIT right, so it cannot be a source either. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_port_cancel(port, port, 1));
	/* The wait survived every failed call. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port, 1, ZX_USER_SIGNAL_0);
	EXPECT_ZX_OK(zx_handle_close(ev2));
	EXPECT_ZX_OK(zx_handle_close(nowait));
	EXPECT_ZX_OK(zx_handle_close(ro_port));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* ---- handle, port and object lifetimes ---------------------------------------- */

TEST(closing_the_waited_handle_cancels_without_a_packet)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);

	ASSERT_ZX_OK(zx_object_wait_async(dup, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 2, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_handle_close(dup));
	pt_expect_empty(_metadata, port);
	/* The object lives on through @ev; only that handle's wait fires. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port, 2, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* A handle that leaves the process takes no waits along. */
TEST(transferring_the_waited_handle_cancels)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);
	zx_handle_t dup2 = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);
	zx_handle_t back = ZX_HANDLE_INVALID, ch0, ch1;
	uint32_t bytes, handles;
	int fd = -1;

	ASSERT_ZX_OK(zx_channel_create(0, &ch0, &ch1));
	ASSERT_ZX_OK(zx_object_wait_async(dup, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(dup2, port, 2, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 3, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_channel_write(ch0, 0, NULL, 0, &dup, 1));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(dup2, 0, &fd));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port, 3, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port);
	/* Back in a table, the handle still has no waits. */
	ASSERT_ZX_OK(zx_channel_read(ch1, 0, NULL, &back, 0, 1, &bytes,
				     &handles));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_port_cancel(port, back, 1));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(back));
	EXPECT_ZX_OK(zx_handle_close(ch0));
	EXPECT_ZX_OK(zx_handle_close(ch1));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_waited_handle_keeps_queued_packets)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	ASSERT_ZX_OK(zx_handle_close(ev));
	pt_take_signal(_metadata, port, 1, ZX_USER_SIGNAL_0);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_object_with_pending_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), a, b;
	struct zxt_live now;
	int i;

	zxt_eventpair(_metadata, &a, &b);
	for (i = 0; i < 10; i++)
		ASSERT_ZX_OK(zx_object_wait_async(a, port, i,
						  ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(b, port, 100,
					  ZX_EVENTPAIR_PEER_CLOSED, 0));
	/* The last handle to @a goes: its waits go with it, silently. */
	ASSERT_ZX_OK(zx_handle_close(a));
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED,
		       pt_take_signal(_metadata, port, 100,
				      ZX_EVENTPAIR_PEER_CLOSED));
	pt_expect_empty(_metadata, port);
	/* And the object itself is gone: only the port and @b remain. */
	now = zxt_live_now();
	EXPECT_EQ(base.objects + 2, now.objects);
	EXPECT_ZX_OK(zx_handle_close(b));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_port_with_pending_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t port2 = pt_port(_metadata);
	zx_port_packet_t p = pt_user_packet(1, 1);
	struct zxt_live now;
	int i;

	for (i = 0; i < 10; i++)
		ASSERT_ZX_OK(zx_object_wait_async(ev, port, i,
						  ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 50, ZX_USER_SIGNAL_1, 0));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port2, 7, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1));
	ASSERT_ZX_OK(zx_port_queue(port, &p));
	/* Queued packets and armed waits all go with the port. */
	ASSERT_ZX_OK(zx_handle_close(port));
	now = zxt_live_now();
	EXPECT_EQ(base.objects + 2, now.objects);
	/* The event no longer feeds the closed port; the other still works. */
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, port2, 7, ZX_USER_SIGNAL_0);
	pt_expect_empty(_metadata, port2);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port2));
	ASSERT_LIVE_EQ(base);
}

TEST(port_lives_until_its_last_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, port, ZX_RIGHT_SAME_RIGHTS);

	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 1, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_handle_close(port));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	pt_take_signal(_metadata, dup, 1, ZX_USER_SIGNAL_0);
	EXPECT_ZX_OK(zx_handle_close(dup));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* A child that leaves waits, packets and ports behind when it exits. */
static int pt_exit_with_everything_pending(void *arg)
{
	zx_handle_t port, port2, ev, a, b;
	zx_port_packet_t p;
	int i;

	CHILD_CHECK_ZX(ZX_OK, zx_port_create(0, &port));
	CHILD_CHECK_ZX(ZX_OK, zx_port_create(0, &port2));
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zx_eventpair_create(0, &a, &b));
	for (i = 0; i < 20; i++) {
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(ev, port, i,
							   ZX_USER_SIGNAL_0,
							   0));
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(a, port2, i,
							   ZX_USER_SIGNAL_0,
							   0));
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(b, port, i,
							   ZX_USER_SIGNAL_1,
							   0));
		p = pt_user_packet(i, i);
		CHILD_CHECK_ZX(ZX_OK, zx_port_queue(port2, &p));
	}
	CHILD_CHECK_ZX(ZX_OK, zx_object_signal(b, 0, ZX_USER_SIGNAL_1));
	return 0;
}

TEST(process_exit_frees_ports_waits_and_packets)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(pt_exit_with_everything_pending, NULL));
	ASSERT_LIVE_EQ(base);
}

/* ---- threads ------------------------------------------------------------------ */

struct pt_reader {
	pthread_t thread;
	zx_handle_t port;
	zx_time_t deadline;
	pid_t tid;
	zx_status_t status;
	zx_port_packet_t packet;
};

static void *pt_reader_main(void *arg)
{
	struct pt_reader *r = arg;

	__atomic_store_n(&r->tid, zxt_gettid(), __ATOMIC_RELEASE);
	__atomic_store_n(&r->status,
			 zx_port_wait(r->port, r->deadline, &r->packet),
			 __ATOMIC_RELEASE);
	return NULL;
}

static void pt_reader_start(struct __test_metadata *_metadata,
			    struct pt_reader *r, zx_handle_t port,
			    zx_time_t deadline)
{
	pid_t tid;

	memset(r, 0, sizeof(*r));
	r->port = port;
	r->deadline = deadline;
	r->status = 1;
	zxt_thread_start(_metadata, &r->thread, pt_reader_main, r);
	while (!(tid = __atomic_load_n(&r->tid, __ATOMIC_ACQUIRE)))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(tid)) {
		TH_LOG("the reader never blocked");
	}
}

static zx_status_t pt_reader_status(struct pt_reader *r)
{
	return __atomic_load_n(&r->status, __ATOMIC_ACQUIRE);
}

#define PT_READERS	4

TEST(port_wait_releases_one_thread_per_packet)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	struct pt_reader r[PT_READERS];
	unsigned int seen = 0, done;
	zx_port_packet_t p;
	int i, k;

	for (i = 0; i < PT_READERS; i++)
		pt_reader_start(_metadata, &r[i], port, ZX_TIME_INFINITE);
	/* One packet: exactly one reader returns, the others keep waiting. */
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 0, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	for (k = 1; k <= PT_READERS; k++) {
		if (k > 1) {
			p = pt_user_packet(k - 1, 0);
			ASSERT_ZX_OK(zx_port_queue(port, &p));
		}
		/* Wait until k readers are done, then check no more are. */
		do {
			done = 0;
			for (i = 0; i < PT_READERS; i++)
				done += pt_reader_status(&r[i]) != 1;
			if (done < (unsigned int)k)
				zxt_sleep_ms(1);
		} while (done < (unsigned int)k);
		zxt_sleep_ms(50);
		done = 0;
		for (i = 0; i < PT_READERS; i++)
			done += pt_reader_status(&r[i]) != 1;
		ASSERT_EQ((unsigned int)k, done);
	}
	for (i = 0; i < PT_READERS; i++) {
		zxt_thread_join(_metadata, r[i].thread);
		ASSERT_ZX_OK(r[i].status);
		ASSERT_GT(PT_READERS, (int)r[i].packet.key);
		seen |= 1u << r[i].packet.key;
		EXPECT_EQ(r[i].packet.key ? ZX_PKT_TYPE_USER :
			  ZX_PKT_TYPE_SIGNAL_ONE, r[i].packet.type);
	}
	EXPECT_EQ((1u << PT_READERS) - 1, seen);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_wait_blocked_thread_times_out)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	struct pt_reader r;
	zx_time_t deadline = zx_deadline_after(ZX_MSEC(100));

	pt_reader_start(_metadata, &r, port, deadline);
	zxt_thread_join(_metadata, r.thread);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, r.status);
	EXPECT_LE(deadline, zxt_now());
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* Many threads queue and read at once; every packet arrives once. */
#define PT_STRESS_THREADS	4
#define PT_STRESS_PACKETS	2000

struct pt_stress {
	zx_handle_t port;
	int id;
	int received;
	uint64_t sum;
	zx_status_t status;
};

static void *pt_stress_main(void *arg)
{
	struct pt_stress *s = arg;
	zx_port_packet_t p;
	int i;

	s->status = ZX_OK;
	for (i = 0; i < PT_STRESS_PACKETS; i++) {
		p = pt_user_packet(s->id, (uint64_t)s->id * 100000 + i);
		s->status = zx_port_queue(s->port, &p);
		if (s->status != ZX_OK)
			return NULL;
		s->status = zx_port_wait(s->port, ZX_TIME_INFINITE, &p);
		if (s->status != ZX_OK)
			return NULL;
		s->received++;
		s->sum += p.user.u64[0];
	}
	return NULL;
}

TEST(port_queue_and_wait_from_many_threads)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	struct pt_stress s[PT_STRESS_THREADS];
	pthread_t t[PT_STRESS_THREADS];
	uint64_t want = 0, got = 0;
	int i, j;

	for (i = 0; i < PT_STRESS_THREADS; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].port = port;
		s[i].id = i;
		for (j = 0; j < PT_STRESS_PACKETS; j++)
			want += (uint64_t)i * 100000 + j;
		zxt_thread_start(_metadata, &t[i], pt_stress_main, &s[i]);
	}
	for (i = 0; i < PT_STRESS_THREADS; i++) {
		zxt_thread_join(_metadata, t[i]);
		EXPECT_ZX_OK(s[i].status);
		EXPECT_EQ(PT_STRESS_PACKETS, s[i].received);
		got += s[i].sum;
	}
	EXPECT_EQ(want, got);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/*
 * Ports closing while the objects they watch fire and close, from several
 * threads at once: every outcome is allowed except a crash, a splat or a
 * leak.
 */
#define PT_RACE_EVENTS		4
#define PT_RACE_MS		1500

struct pt_race {
	zx_handle_t events[PT_RACE_EVENTS];
	zx_time_t stop_at;
	int rounds[3];
};

static zx_handle_t pt_race_event(struct pt_race *r, unsigned int i)
{
	return __atomic_load_n(&r->events[i % PT_RACE_EVENTS],
			       __ATOMIC_RELAXED);
}

static bool pt_race_going(struct pt_race *r)
{
	return zxt_now() < r->stop_at;
}

/* Makes ports, arms waits, reads a little, closes with waits pending. */
static void *pt_race_ports(void *arg)
{
	struct pt_race *r = arg;
	zx_port_packet_t p;
	zx_handle_t port;
	unsigned int i;

	while (pt_race_going(r)) {
		if (zx_port_create(0, &port) != ZX_OK)
			break;
		for (i = 0; i < 3 * PT_RACE_EVENTS; i++)
			zx_object_wait_async(pt_race_event(r, i), port, i,
					     ZX_USER_SIGNAL_0,
					     i & ZX_WAIT_ASYNC_EDGE);
		zx_port_wait(port, 0, &p);
		zx_port_cancel(port, pt_race_event(r, 1), 1);
		zx_handle_close(port);
		__atomic_fetch_add(&r->rounds[0], 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* Toggles the events' signals. */
static void *pt_race_signals(void *arg)
{
	struct pt_race *r = arg;
	unsigned int i = 0;

	while (pt_race_going(r)) {
		zx_object_signal(pt_race_event(r, i), 0, ZX_USER_SIGNAL_0);
		zx_object_signal(pt_race_event(r, i + 1), ZX_USER_SIGNAL_0, 0);
		i++;
		r->rounds[1]++;
	}
	return NULL;
}

/* Replaces the events, closing the old ones under the other threads. */
static void *pt_race_objects(void *arg)
{
	struct pt_race *r = arg;
	zx_handle_t ev, old;
	unsigned int i = 0;

	while (pt_race_going(r)) {
		if (zx_event_create(0, &ev) != ZX_OK)
			break;
		old = __atomic_exchange_n(&r->events[i++ % PT_RACE_EVENTS], ev,
					  __ATOMIC_RELAXED);
		zx_handle_close(old);
		r->rounds[2]++;
	}
	return NULL;
}

TEST(port_close_races_with_signals_and_object_close)
{
	struct zxt_live base = zxt_settle(_metadata);
	void *(*fns[])(void *) = {
		pt_race_ports, pt_race_ports, pt_race_signals, pt_race_objects,
	};
	pthread_t t[ARRAY_SIZE(fns)];
	struct pt_race r;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < PT_RACE_EVENTS; i++)
		r.events[i] = zxt_event(_metadata);
	r.stop_at = zxt_now() + ZX_MSEC(PT_RACE_MS);
	for (i = 0; i < ARRAY_SIZE(fns); i++)
		zxt_thread_start(_metadata, &t[i], fns[i], &r);
	for (i = 0; i < ARRAY_SIZE(fns); i++)
		zxt_thread_join(_metadata, t[i]);
	TH_LOG("rounds: ports %d, signals %d, objects %d", r.rounds[0],
	       r.rounds[1], r.rounds[2]);
	EXPECT_LT(0, r.rounds[0]);
	for (i = 0; i < PT_RACE_EVENTS; i++)
		EXPECT_ZX_OK(zx_handle_close(r.events[i]));
	ASSERT_LIVE_EQ(base);
}

/* ---- Linux signals -------------------------------------------------------------- */

static void pt_signaled_during_wait(struct __test_metadata *_metadata,
				    int sa_flags)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), ev = zxt_event(_metadata);
	struct zxt_pester pester;
	zx_port_packet_t p;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, sa_flags);
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 11, ZX_USER_SIGNAL_0, 0));
	zxt_pester_start(_metadata, &pester, SIGUSR1, ev, 10);
	memset(&p, 0, sizeof(p));
	status = zx_port_wait(port, zx_deadline_after(ZX_SEC(120)), &p);
	zxt_pester_stop(_metadata, &pester);
	EXPECT_ZX_OK(status);
	EXPECT_ZX_OK(pester.event_status);
	EXPECT_EQ(11u, p.key);
	EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, p.type);
	EXPECT_LT(0, zxt_signals_handled);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(port_wait_survives_restarting_signals)
{
	pt_signaled_during_wait(_metadata, SA_RESTART);
}

TEST(port_wait_survives_interrupting_signals)
{
	pt_signaled_during_wait(_metadata, 0);
}

TEST(port_wait_keeps_its_deadline_through_signals)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata);
	struct zxt_pester pester;
	zx_time_t deadline;
	zx_port_packet_t p;
	zx_status_t status;

	zxt_catch_signal(_metadata, SIGUSR1, 0);
	zxt_pester_start(_metadata, &pester, SIGUSR1, ZX_HANDLE_INVALID, 0);
	deadline = zx_deadline_after(ZX_MSEC(200));
	status = zx_port_wait(port, deadline, &p);
	EXPECT_LE(deadline, zxt_now());
	zxt_pester_stop(_metadata, &pester);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, status);
	EXPECT_LT(0, zxt_signals_handled);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* ---- across processes ----------------------------------------------------------- */

struct pt_child_args {
	int fd;		/* carries one end of a channel */
};

/*
 * The child gets a port over the channel, queues a user packet on it,
 * makes an async wait on an event of its own and signals it, then waits
 * for the parent's packet on the same port.
 */
static int pt_child_uses_port(void *arg)
{
	struct pt_child_args *a = arg;
	zx_handle_t ch, port, ev;
	zx_port_packet_t p;
	uint32_t bytes, handles;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(a->fd, &ch));
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ch, ZX_CHANNEL_READABLE,
						 zx_deadline_after(ZX_SEC(60)),
						 NULL));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_read(ch, 0, NULL, &port, 0, 1,
					      &bytes, &handles));
	CHILD_CHECK(handles == 1);
	p = pt_user_packet(0xc0ffee, getpid());
	CHILD_CHECK_ZX(ZX_OK, zx_port_queue(port, &p));
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(ev, port, 0xe7,
						   ZX_EVENT_SIGNALED, 0));
	CHILD_CHECK_ZX(ZX_OK, zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	/* The event goes; its packet stays on the parent's port. */
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(ev));
	/*
	 * Tell the parent; once it has read both packets it says so, and
	 * queues one for this process to read.
	 */
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, "ok", 2, NULL, 0));
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ch, ZX_CHANNEL_PEER_CLOSED,
						 zx_deadline_after(ZX_SEC(60)),
						 NULL));
	CHILD_CHECK_ZX(ZX_OK, zx_port_wait(port, zx_deadline_after(ZX_SEC(60)),
					   &p));
	CHILD_CHECK(p.key == 0x9a9e47);
	CHILD_CHECK(p.type == ZX_PKT_TYPE_USER);
	return 0;
}

TEST(port_used_across_processes)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pt_port(_metadata), dup, ch0, ch1;
	struct pt_child_args args;
	zx_port_packet_t p;
	pid_t pid;
	int status;

	ASSERT_ZX_OK(zx_channel_create(0, &ch0, &ch1));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(ch1, 0, &args.fd));
	dup = zxt_dup(_metadata, port, ZX_RIGHT_SAME_RIGHTS);
	ASSERT_ZX_OK(zx_channel_write(ch0, 0, NULL, 0, &dup, 1));

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(pt_child_uses_port(&args));
	close(args.fd);

	ASSERT_ZX_OK(zx_object_wait_one(ch0, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(60)), NULL));
	p = pt_take(_metadata, port);
	EXPECT_EQ(0xc0ffeeu, p.key);
	EXPECT_EQ(ZX_PKT_TYPE_USER, p.type);
	EXPECT_EQ((uint64_t)pid, p.user.u64[0]);
	pt_take_signal(_metadata, port, 0xe7, ZX_EVENT_SIGNALED);
	p = pt_user_packet(0x9a9e47, 0);
	ASSERT_ZX_OK(zx_port_queue(port, &p));
	EXPECT_ZX_OK(zx_handle_close(ch0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_CHILD_OK(status);
	pt_expect_empty(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

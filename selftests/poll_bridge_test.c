// SPDX-License-Identifier: GPL-2.0
/*
 * The poll bridge, zxlinux_handle_poll_fd(): descriptors that poll() and
 * epoll see readable while a Zircon object is signaled or a port holds
 * packets, so Zircon objects join Linux event loops.
 */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <zircon/syscalls/port.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

static int pb_fd(struct __test_metadata *_metadata, zx_handle_t h,
		 zx_signals_t signals)
{
	int fd = -1;

	ASSERT_ZX_OK(zxlinux_handle_poll_fd(h, signals, 0, &fd));
	ASSERT_LE(0, fd);
	return fd;
}

/* poll() with no wait: the revents of @fd. */
static short pb_revents(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	if (n < 0)
		return -1;
	return n ? p.revents : 0;
}

static zx_handle_t pb_port(struct __test_metadata *_metadata)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_port_create(0, &h));
	return h;
}

static void pb_queue(struct __test_metadata *_metadata, zx_handle_t port,
		     uint64_t key)
{
	zx_port_packet_t p;

	memset(&p, 0, sizeof(p));
	p.key = key;
	ASSERT_ZX_OK(zx_port_queue(port, &p));
}

/* ---- errors ------------------------------------------------------------- */

TEST(poll_fd_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata), port = pb_port(_metadata);
	zx_handle_t ev_nowait = zxt_dup(_metadata, ev,
					ZX_DEFAULT_EVENT_RIGHTS &
					~ZX_RIGHT_WAIT);
	zx_handle_t port_noread = zxt_dup(_metadata, port,
					  ZX_DEFAULT_PORT_RIGHTS &
					  ~ZX_RIGHT_READ);
	int fd = -1;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zxlinux_handle_poll_fd(ZXT_BOGUS_HANDLE, ZX_USER_SIGNAL_0, 0,
					 &fd));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zxlinux_handle_poll_fd(ZX_HANDLE_INVALID, ZX_USER_SIGNAL_0,
					 0, &fd));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zxlinux_handle_poll_fd(ev_nowait, ZX_USER_SIGNAL_0, 0, &fd));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zxlinux_handle_poll_fd(port_noread, 0, 0, &fd));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(ev, 0, 0, &fd));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(port, ZX_USER_SIGNAL_0, 0, &fd));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0, 2, &fd));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0,
					 ZXLINUX_FD_CLOEXEC | 0x100, &fd));
	EXPECT_EQ(-1, fd);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0, 0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0, 0,
					 ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(port_noread));
	EXPECT_ZX_OK(zx_handle_close(ev_nowait));
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(poll_fd_cloexec)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int fd = -1, plain;

	ASSERT_ZX_OK(zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0,
					    ZXLINUX_FD_CLOEXEC, &fd));
	EXPECT_NE(0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	plain = pb_fd(_metadata, ev, ZX_USER_SIGNAL_0);
	EXPECT_EQ(0, fcntl(plain, F_GETFD) & FD_CLOEXEC);
	/* Nothing to read or write through it. */
	EXPECT_GT(0, read(plain, &fd, sizeof(fd)));
	EXPECT_ZX_OK(zxt_valid(ev));
	close(plain);
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- poll() ----------------------------------------------------------------- */

TEST(poll_on_an_event_follows_its_signals)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int fd = pb_fd(_metadata, ev, ZX_USER_SIGNAL_0 | ZX_EVENT_SIGNALED);
	int other = pb_fd(_metadata, ev, ZX_USER_SIGNAL_7);

	EXPECT_EQ(0, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1));
	EXPECT_EQ(0, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	/* Level-triggered: still readable. */
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	EXPECT_EQ(0, pb_revents(other, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_EVENT_SIGNALED, 0));
	EXPECT_EQ(0, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_7));
	EXPECT_EQ(POLLIN, pb_revents(other, 0));
	EXPECT_EQ(0, pb_revents(fd, 0));
	close(fd);
	close(other);
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(poll_on_a_port_follows_its_queue)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pb_port(_metadata), ev = zxt_event(_metadata);
	int fd = pb_fd(_metadata, port, 0);
	zx_port_packet_t p;

	EXPECT_EQ(0, pb_revents(fd, 0));
	pb_queue(_metadata, port, 1);
	pb_queue(_metadata, port, 2);
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
	EXPECT_EQ(0, pb_revents(fd, 0));
	/* Signal packets count too. */
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 3, ZX_USER_SIGNAL_0, 0));
	EXPECT_EQ(0, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	/* Canceling the only packet empties the port again. */
	ASSERT_ZX_OK(zx_port_cancel(port, ev, 3));
	EXPECT_EQ(0, pb_revents(fd, 0));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(poll_on_eventpair_peer_closed)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;
	int fd;

	zxt_eventpair(_metadata, &a, &b);
	fd = pb_fd(_metadata, a, ZX_EVENTPAIR_PEER_CLOSED);
	EXPECT_EQ(0, pb_revents(fd, 0));
	ASSERT_ZX_OK(zx_handle_close(b));
	EXPECT_EQ(POLLIN, pb_revents(fd, 0));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* The descriptor holds the object, not the handle. */
TEST(poll_fd_outlives_the_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;
	struct zxt_live now;
	int fd;

	zxt_eventpair(_metadata, &a, &b);
	fd = pb_fd(_metadata, a, ZX_USER_SIGNAL_0);
	ASSERT_ZX_OK(zx_handle_close(a));
	now = zxt_live_now();
	EXPECT_EQ(base.objects + 2, now.objects);
	EXPECT_EQ(base.handles + 1, now.handles);
	EXPECT_EQ(0, pb_revents(fd, 0));
	close(fd);
	now = zxt_live_now();
	EXPECT_EQ(base.objects + 1, now.objects);
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

struct pb_signaler {
	zx_handle_t ev;
	int delay_ms;
	zx_status_t status;
};

static void *pb_signaler_main(void *arg)
{
	struct pb_signaler *s = arg;

	zxt_sleep_ms(s->delay_ms);
	s->status = zx_object_signal(s->ev, 0, ZX_USER_SIGNAL_0);
	return NULL;
}

TEST(poll_blocks_until_another_thread_signals)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	struct pb_signaler s = { .ev = ev, .delay_ms = 50, .status = 1 };
	int fd = pb_fd(_metadata, ev, ZX_USER_SIGNAL_0);
	pthread_t t;

	zxt_thread_start(_metadata, &t, pb_signaler_main, &s);
	EXPECT_EQ(POLLIN, pb_revents(fd, 60000));
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(s.status);
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- epoll --------------------------------------------------------------------- */

/* Ready descriptors, as a bit mask of their epoll data. */
static unsigned int pb_epoll_ready(int ep, int timeout_ms)
{
	struct epoll_event evs[8];
	unsigned int mask = 0;
	int n, i;

	n = epoll_wait(ep, evs, 8, timeout_ms);
	for (i = 0; i < n; i++)
		if (evs[i].events & EPOLLIN)
			mask |= 1u << evs[i].data.u32;
	return n < 0 ? ~0u : mask;
}

static void pb_epoll_add(struct __test_metadata *_metadata, int ep, int fd,
			 unsigned int bit, uint32_t events)
{
	struct epoll_event e = { .events = events, .data.u32 = bit };

	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e));
}

enum { PB_PORT, PB_EVENT, PB_EVENTFD };

TEST(epoll_mixes_ports_events_and_eventfds)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pb_port(_metadata), ev = zxt_event(_metadata);
	int pfd = pb_fd(_metadata, port, 0);
	int efd = pb_fd(_metadata, ev, ZX_USER_SIGNAL_0);
	int lfd = eventfd(0, EFD_CLOEXEC);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	zx_port_packet_t p;
	uint64_t v = 1;

	ASSERT_LE(0, lfd);
	ASSERT_LE(0, ep);
	pb_epoll_add(_metadata, ep, pfd, PB_PORT, EPOLLIN);
	pb_epoll_add(_metadata, ep, efd, PB_EVENT, EPOLLIN);
	pb_epoll_add(_metadata, ep, lfd, PB_EVENTFD, EPOLLIN);
	EXPECT_EQ(0u, pb_epoll_ready(ep, 0));

	ASSERT_EQ(8, write(lfd, &v, sizeof(v)));
	EXPECT_EQ(1u << PB_EVENTFD, pb_epoll_ready(ep, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_EQ(1u << PB_EVENTFD | 1u << PB_EVENT, pb_epoll_ready(ep, 0));
	pb_queue(_metadata, port, 1);
	EXPECT_EQ(1u << PB_EVENTFD | 1u << PB_EVENT | 1u << PB_PORT,
		  pb_epoll_ready(ep, 0));

	/* Level-triggered: each stays ready until its condition ends. */
	ASSERT_EQ(8, read(lfd, &v, sizeof(v)));
	EXPECT_EQ(1u << PB_EVENT | 1u << PB_PORT, pb_epoll_ready(ep, 0));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
	EXPECT_EQ(1u << PB_EVENT, pb_epoll_ready(ep, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0));
	EXPECT_EQ(0u, pb_epoll_ready(ep, 0));

	close(ep);
	close(lfd);
	close(efd);
	close(pfd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(epoll_wait_wakes_for_a_port_fed_by_async_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port = pb_port(_metadata), ev = zxt_event(_metadata);
	struct pb_signaler s = { .ev = ev, .delay_ms = 50, .status = 1 };
	int pfd = pb_fd(_metadata, port, 0);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	zx_port_packet_t p;
	pthread_t t;

	ASSERT_LE(0, ep);
	pb_epoll_add(_metadata, ep, pfd, PB_PORT, EPOLLIN);
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 5, ZX_USER_SIGNAL_0, 0));
	zxt_thread_start(_metadata, &t, pb_signaler_main, &s);
	EXPECT_EQ(1u << PB_PORT, pb_epoll_ready(ep, 60000));
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(s.status);
	ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
	EXPECT_EQ(5u, p.key);
	EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, p.type);
	EXPECT_EQ(0u, pb_epoll_ready(ep, 0));
	close(ep);
	close(pfd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

TEST(epoll_edge_triggered_reports_each_new_assertion)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int efd = pb_fd(_metadata, ev, ZX_USER_SIGNAL_0);
	int ep = epoll_create1(EPOLL_CLOEXEC);

	ASSERT_LE(0, ep);
	pb_epoll_add(_metadata, ep, efd, PB_EVENT, EPOLLIN | EPOLLET);
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_EQ(1u << PB_EVENT, pb_epoll_ready(ep, 0));
	EXPECT_EQ(0u, pb_epoll_ready(ep, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	EXPECT_EQ(1u << PB_EVENT, pb_epoll_ready(ep, 0));
	close(ep);
	close(efd);
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* A child exits with its bridge descriptors open: nothing leaks. */
static int pb_exit_with_open_fds(void *arg)
{
	zx_handle_t port, ev;
	zx_port_packet_t p;
	int fd;

	memset(&p, 0, sizeof(p));
	CHILD_CHECK_ZX(ZX_OK, zx_port_create(0, &port));
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_poll_fd(port, 0, 0, &fd));
	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_poll_fd(ev, ZX_USER_SIGNAL_0, 0,
						     &fd));
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_async(ev, port, 1,
						   ZX_USER_SIGNAL_0, 0));
	CHILD_CHECK_ZX(ZX_OK, zx_port_queue(port, &p));
	return 0;
}

TEST(process_exit_with_open_poll_fds_leaks_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(pb_exit_with_open_fds, NULL));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

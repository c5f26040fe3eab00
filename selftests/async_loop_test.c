// SPDX-License-Identifier: GPL-2.0
/*
 * A Fuchsia-style async loop built only on libzx: one port, one-shot async
 * waits re-armed after each event (as async::Wait does), a periodic timer
 * (async::Task on a timer), and user packets posted from other threads
 * (async::PostTask).  The loop serves channel calls while its timer fires.
 */
#include <zircon/syscalls/port.h>

#include "zx_test.h"

enum al_key {
	AL_KEY_CHANNEL = 1,
	AL_KEY_TIMER,
	AL_KEY_TASK,
	AL_KEY_QUIT,
};

#define AL_TIMER_PERIOD		ZX_MSEC(2)
#define AL_TIMER_SLACK		ZX_USEC(200)
#define AL_CALLS		200
#define AL_TASKS		64

struct al_loop {
	zx_handle_t port;
	zx_handle_t channel;		/* the server end */
	zx_handle_t timer;
	zx_time_t timer_deadline;
	/* results, read by the test once the loop thread has ended */
	unsigned long served, ticks, peer_closed;
	zx_time_t late_min, late_max, late_sum;
	uint64_t tasks[AL_TASKS];
	unsigned int ntasks;
	zx_status_t error;
	int error_line;
};

#define AL_CHECK(loop, expr) do {					\
	zx_status_t __st = (expr);					\
	if (__st != ZX_OK && !(loop)->error) {				\
		(loop)->error = __st;					\
		(loop)->error_line = __LINE__;				\
	}								\
} while (0)

static void al_arm_channel(struct al_loop *loop)
{
	AL_CHECK(loop, zx_object_wait_async(loop->channel, loop->port,
					    AL_KEY_CHANNEL,
					    ZX_CHANNEL_READABLE |
					    ZX_CHANNEL_PEER_CLOSED, 0));
}

static void al_arm_timer(struct al_loop *loop)
{
	loop->timer_deadline = zx_deadline_after(AL_TIMER_PERIOD);
	AL_CHECK(loop, zx_timer_set(loop->timer, loop->timer_deadline,
				    AL_TIMER_SLACK));
	AL_CHECK(loop, zx_object_wait_async(loop->timer, loop->port,
					    AL_KEY_TIMER, ZX_TIMER_SIGNALED,
					    ZX_WAIT_ASYNC_TIMESTAMP));
}

/* Answers every queued call: the reply is the request with +1 per byte. */
static bool al_serve(struct al_loop *loop)
{
	uint8_t buf[64];
	uint32_t nb, nh, i;
	zx_status_t st;

	for (;;) {
		st = zx_channel_read(loop->channel, 0, buf, NULL, sizeof(buf),
				     0, &nb, &nh);
		if (st == ZX_ERR_SHOULD_WAIT)
			return true;
		if (st == ZX_ERR_PEER_CLOSED)
			return false;
		AL_CHECK(loop, st);
		if (st != ZX_OK)
			return false;
		/* Bytes after the transaction id. */
		for (i = sizeof(zx_txid_t); i < nb; i++)
			buf[i]++;
		AL_CHECK(loop, zx_channel_write(loop->channel, 0, buf, nb,
						NULL, 0));
		loop->served++;
	}
}

static void al_on_timer(struct al_loop *loop, const zx_port_packet_t *pkt)
{
	zx_time_t late = pkt->signal.timestamp - loop->timer_deadline;

	if (!loop->ticks || late < loop->late_min)
		loop->late_min = late;
	if (!loop->ticks || late > loop->late_max)
		loop->late_max = late;
	loop->late_sum += late;
	loop->ticks++;
	al_arm_timer(loop);
}

static void *al_run(void *arg)
{
	struct al_loop *loop = arg;
	zx_port_packet_t pkt;

	al_arm_channel(loop);
	al_arm_timer(loop);
	while (!loop->error) {
		AL_CHECK(loop, zx_port_wait(loop->port, ZX_TIME_INFINITE, &pkt));
		if (loop->error)
			break;
		switch (pkt.key) {
		case AL_KEY_CHANNEL:
			if (pkt.type != ZX_PKT_TYPE_SIGNAL_ONE) {
				AL_CHECK(loop, ZX_ERR_BAD_STATE);
				break;
			}
			/* Drain first: PEER_CLOSED may come with messages. */
			if (al_serve(loop))
				al_arm_channel(loop);
			else
				loop->peer_closed++;
			break;
		case AL_KEY_TIMER:
			al_on_timer(loop, &pkt);
			break;
		case AL_KEY_TASK:
			if (pkt.type != ZX_PKT_TYPE_USER ||
			    loop->ntasks == AL_TASKS) {
				AL_CHECK(loop, ZX_ERR_BAD_STATE);
				break;
			}
			loop->tasks[loop->ntasks++] = pkt.user.u64[0];
			break;
		case AL_KEY_QUIT:
			return NULL;
		default:
			AL_CHECK(loop, ZX_ERR_BAD_STATE);
		}
	}
	return NULL;
}

static zx_status_t al_post(zx_handle_t port, uint64_t key, uint64_t value)
{
	zx_port_packet_t pkt = {
		.key = key,
		.type = ZX_PKT_TYPE_USER,
	};

	pkt.user.u64[0] = value;
	return zx_port_queue(port, &pkt);
}

static void al_loop_init(struct __test_metadata *_metadata,
			 struct al_loop *loop, zx_handle_t *client)
{
	memset(loop, 0, sizeof(*loop));
	ASSERT_ZX_OK(zx_port_create(0, &loop->port));
	ASSERT_ZX_OK(zx_channel_create(0, client, &loop->channel));
	ASSERT_ZX_OK(zx_timer_create(ZX_TIMER_SLACK_LATE, ZX_CLOCK_MONOTONIC,
				     &loop->timer));
}

static void al_loop_check(struct __test_metadata *_metadata,
			  struct al_loop *loop)
{
	EXPECT_EQ(ZX_OK, loop->error) {
		TH_LOG("loop failed at line %d: %s", loop->error_line,
		       zx_status_get_string(loop->error));
	}
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ loop->port,
							   loop->channel,
							   loop->timer }, 3));
}

TEST(loop_serves_calls_while_its_timer_fires)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct al_loop loop;
	zx_handle_t client;
	pthread_t thread;
	uint8_t req[48], rep[48];
	uint32_t ab, ah, i, n;
	zx_channel_call_args_t args = {
		.wr_bytes = req,
		.rd_bytes = rep,
		.wr_num_bytes = sizeof(req),
		.rd_num_bytes = sizeof(rep),
	};

	al_loop_init(_metadata, &loop, &client);
	zxt_thread_start(_metadata, &thread, al_run, &loop);
	for (n = 0; n < AL_CALLS; n++) {
		for (i = 0; i < sizeof(req); i++)
			req[i] = (uint8_t)(n + i);
		ASSERT_ZX_OK(zx_channel_call(client, 0,
					     zx_deadline_after(ZX_SEC(30)),
					     &args, &ab, &ah));
		ASSERT_EQ(sizeof(rep), ab);
		for (i = sizeof(zx_txid_t); i < sizeof(rep); i++)
			ASSERT_EQ((uint8_t)(n + i + 1), rep[i]);
		/* Let the timer tick between some calls. */
		if (n % 20 == 0)
			zxt_sleep_ms(5);
	}
	/* Closing the client ends the channel wait with PEER_CLOSED. */
	ASSERT_ZX_OK(zx_handle_close(client));
	while (!__atomic_load_n(&loop.peer_closed, __ATOMIC_RELAXED) &&
	       !__atomic_load_n(&loop.error, __ATOMIC_RELAXED))
		zxt_sleep_ms(1);
	ASSERT_ZX_OK(al_post(loop.port, AL_KEY_QUIT, 0));
	zxt_thread_join(_metadata, thread);

	EXPECT_EQ((unsigned long)AL_CALLS, loop.served);
	EXPECT_EQ(1u, loop.peer_closed);
	/* Sleeps of 5 ms ten times over: a 2 ms timer fired in there. */
	EXPECT_LT(0u, loop.ticks);
	/* LATE slack: never before its deadline. */
	EXPECT_LE(0, loop.late_min);
	if (loop.ticks)
		TH_LOG("timer: %lu ticks, lateness min %lld us, mean %lld us, max %lld us (slack %lld us, LATE)",
		       loop.ticks, (long long)loop.late_min / 1000,
		       (long long)(loop.late_sum / (zx_time_t)loop.ticks) / 1000,
		       (long long)loop.late_max / 1000,
		       (long long)AL_TIMER_SLACK / 1000);
	al_loop_check(_metadata, &loop);
	ASSERT_LIVE_EQ(base);
}

struct al_poster {
	zx_handle_t port;
	uint64_t first;
	zx_status_t status;
};

static void *al_post_tasks(void *arg)
{
	struct al_poster *p = arg;
	uint64_t i;

	for (i = 0; i < AL_TASKS / 2 && p->status == ZX_OK; i++)
		p->status = al_post(p->port, AL_KEY_TASK, p->first + i);
	return NULL;
}

TEST(tasks_posted_from_other_threads_run_in_order)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct al_poster a, b;
	struct al_loop loop;
	zx_handle_t client;
	pthread_t thread, ta, tb;
	uint64_t next_a = 1000, next_b = 2000;
	unsigned int i;

	al_loop_init(_metadata, &loop, &client);
	a = (struct al_poster){ .port = loop.port, .first = next_a };
	b = (struct al_poster){ .port = loop.port, .first = next_b };
	zxt_thread_start(_metadata, &ta, al_post_tasks, &a);
	zxt_thread_start(_metadata, &tb, al_post_tasks, &b);
	zxt_thread_join(_metadata, ta);
	zxt_thread_join(_metadata, tb);
	ASSERT_ZX_OK(a.status);
	ASSERT_ZX_OK(b.status);
	/* Queued before the loop starts, after all the tasks. */
	ASSERT_ZX_OK(al_post(loop.port, AL_KEY_QUIT, 0));
	zxt_thread_start(_metadata, &thread, al_run, &loop);
	zxt_thread_join(_metadata, thread);

	/* Each poster's tasks run in the order it posted them. */
	ASSERT_EQ((unsigned int)AL_TASKS, loop.ntasks);
	for (i = 0; i < loop.ntasks; i++) {
		uint64_t *next = loop.tasks[i] < 2000 ? &next_a : &next_b;

		EXPECT_EQ(*next, loop.tasks[i]);
		(*next)++;
	}
	EXPECT_ZX_OK(zx_handle_close(client));
	al_loop_check(_metadata, &loop);
	ASSERT_LIVE_EQ(base);
}

TEST(cancel_stops_a_wait_and_the_loop_goes_on)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t port, ev, timer;
	zx_port_packet_t pkt;

	ASSERT_ZX_OK(zx_port_create(0, &port));
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	ASSERT_ZX_OK(zx_timer_create(0, ZX_CLOCK_MONOTONIC, &timer));
	ASSERT_ZX_OK(zx_object_wait_async(ev, port, 7, ZX_EVENT_SIGNALED, 0));
	ASSERT_ZX_OK(zx_object_wait_async(timer, port, 8, ZX_TIMER_SIGNALED,
					  0));
	/* async::Wait::Cancel() before the event fires: no packet. */
	ASSERT_ZX_OK(zx_port_cancel(port, ev, 7));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	ASSERT_ZX_OK(zx_timer_set(timer, zx_deadline_after(ZX_MSEC(1)), 0));
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(30)), &pkt));
	EXPECT_EQ(8u, pkt.key);
	EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, pkt.type);
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED, pkt.signal.trigger);
	EXPECT_SIGNALS(ZX_TIMER_SIGNALED,
		       pkt.signal.observed & ZX_TIMER_SIGNALED);
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &pkt));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ port, ev, timer },
					  3));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

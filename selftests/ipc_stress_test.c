// SPDX-License-Identifier: GPL-2.0
/*
 * IPC stress: server processes, client threads and short-lived, killed
 * client processes doing channel calls, writes with handles and closes at
 * random for ZXT_STRESS_SECONDS, after which every handle and object must
 * be accounted for.
 */
#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#ifndef ZXT_STRESS_SECONDS
#define ZXT_STRESS_SECONDS	20
#endif

#define ST_CHANNELS		3
#define ST_THREADS_PER_CH	4
#define ST_MAGIC		0x5a585354u	/* "ZXST" */
#define ST_MAX_PAYLOAD		200
#define ST_MAX_HANDLES		3

enum st_kind {
	ST_KIND_CALL = 1,
	ST_KIND_WRITE = 2,
};

struct st_hdr {
	zx_txid_t txid;
	uint32_t magic;
	uint32_t kind;
	uint32_t seq;
	uint32_t len;		/* payload bytes after the header */
	uint32_t nhandles;	/* handles attached by the sender */
};

struct st_msg {
	struct st_hdr hdr;
	uint8_t payload[ST_MAX_PAYLOAD];
};

/* ---- randomness ------------------------------------------------------- */

static uint64_t st_seed(void)
{
	uint64_t s = 0;

	zx_cprng_draw(&s, sizeof(s));
	return s ? s : 0x9e3779b97f4a7c15ull;
}

static uint32_t st_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return (uint32_t)(x >> 32);
}

static int st_duration(void)
{
	const char *env = getenv("ZX_STRESS_SECONDS");
	int v;

	if (env && *env) {
		v = atoi(env);
		if (v > 0)
			return v;
	}
	return ZXT_STRESS_SECONDS;
}

static uint32_t st_fill(struct st_msg *m, uint64_t *rng, uint32_t kind,
			uint32_t seq, uint32_t nhandles)
{
	uint32_t len = st_rand(rng) % (ST_MAX_PAYLOAD + 1), i;

	memset(&m->hdr, 0, sizeof(m->hdr));
	m->hdr.magic = ST_MAGIC;
	m->hdr.kind = kind;
	m->hdr.seq = seq;
	m->hdr.len = len;
	m->hdr.nhandles = nhandles;
	for (i = 0; i < len; i++)
		m->payload[i] = (uint8_t)(seq * 7 + i);
	return (uint32_t)sizeof(m->hdr) + len;
}

/* Well-formed: right magic, kind, length, payload and handle count. */
static bool st_well_formed(const struct st_msg *m, uint32_t nb, uint32_t nh)
{
	uint32_t i;

	if (nb < sizeof(m->hdr) || m->hdr.magic != ST_MAGIC)
		return false;
	if (m->hdr.kind != ST_KIND_CALL && m->hdr.kind != ST_KIND_WRITE)
		return false;
	if (m->hdr.len > ST_MAX_PAYLOAD || nb != sizeof(m->hdr) + m->hdr.len)
		return false;
	if (m->hdr.nhandles != nh || nh > ST_MAX_HANDLES)
		return false;
	for (i = 0; i < m->hdr.len; i++)
		if (m->payload[i] != (uint8_t)(m->hdr.seq * 7 + i))
			return false;
	return true;
}

/*
 * Makes 0..@max fresh event / eventpair handles in @hs; the eventpair's
 * other end is sometimes kept in @keep (closed by the caller later).
 */
static zx_status_t st_make_handles(uint64_t *rng, zx_handle_t *hs,
				   uint32_t n, zx_handle_t *keep,
				   uint32_t *nkeep)
{
	zx_handle_t a, b;
	zx_status_t st;
	uint32_t i;

	*nkeep = 0;
	for (i = 0; i < n; i++) {
		if (st_rand(rng) & 1) {
			st = zx_event_create(0, &hs[i]);
			if (st != ZX_OK)
				goto fail;
			continue;
		}
		st = zx_eventpair_create(0, &a, &b);
		if (st != ZX_OK)
			goto fail;
		hs[i] = a;
		keep[(*nkeep)++] = b;
	}
	return ZX_OK;
fail:
	zx_handle_close_many(hs, i);
	zx_handle_close_many(keep, *nkeep);
	*nkeep = 0;
	return st;
}

/* ---- the server processes ------------------------------------------------ */

static int st_server(zx_handle_t ch, int idx, int seconds)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)(seconds + 240) * 1000000000;
	uint64_t rng = st_seed();
	unsigned long calls = 0, writes = 0, bad = 0, handles = 0;
	unsigned long reply_gone = 0, reply_full = 0;
	struct st_msg m;
	zx_handle_info_t info[ST_MAX_HANDLES];
	zx_handle_t back[ST_MAX_HANDLES], dup;
	uint32_t nb, nh, nback, i;
	zx_signals_t obs;
	zx_status_t st;

	for (;;) {
		nb = nh = 0;
		st = zx_channel_read_etc(ch, 0, &m, info, sizeof(m),
					 ST_MAX_HANDLES, &nb, &nh);
		if (st == ZX_ERR_SHOULD_WAIT) {
			if (zxt_now() > give_up) {
				fprintf(stderr, "# server %d: never saw PEER_CLOSED\n",
					idx);
				return 3;
			}
			st = zx_object_wait_one(ch, ZX_CHANNEL_READABLE |
						ZX_CHANNEL_PEER_CLOSED,
						zx_deadline_after(ZX_SEC(1)),
						&obs);
			if (st != ZX_OK && st != ZX_ERR_TIMED_OUT) {
				fprintf(stderr, "# server %d: wait: %s\n", idx,
					zx_status_get_string(st));
				return 4;
			}
			continue;
		}
		if (st == ZX_ERR_PEER_CLOSED)
			break;		/* closed and drained */
		if (st != ZX_OK) {
			fprintf(stderr, "# server %d: read: %s\n", idx,
				zx_status_get_string(st));
			return 5;
		}
		handles += nh;
		if (!st_well_formed(&m, nb, nh))
			bad++;
		for (i = 0; i < nh; i++) {
			if (info[i].type != ZX_OBJ_TYPE_EVENT &&
			    info[i].type != ZX_OBJ_TYPE_EVENTPAIR)
				bad++;
			if (!(info[i].rights & ZX_RIGHT_TRANSFER))
				bad++;
		}
		nback = 0;
		if (m.hdr.kind == ST_KIND_CALL && nb >= sizeof(m.hdr)) {
			calls++;
			for (i = 0; i < nh; i++) {
				switch (st_rand(&rng) % 3) {
				case 0:
					if (zx_handle_close(info[i].handle))
						bad++;
					break;
				case 1:
					if (zx_handle_duplicate(info[i].handle,
								ZX_RIGHT_SAME_RIGHTS,
								&dup)) {
						bad++;
					} else if (zx_handle_close(dup)) {
						bad++;
					}
					if (zx_handle_close(info[i].handle))
						bad++;
					break;
				default:
					back[nback++] = info[i].handle;
					break;
				}
			}
			/* The echo's header says how many handles came back. */
			m.hdr.nhandles = nback;
			st = zx_channel_write(ch, 0, &m, nb, back, nback);
			if (st == ZX_ERR_PEER_CLOSED)
				reply_gone++;
			else if (st == ZX_ERR_SHOULD_WAIT)
				reply_full++;	/* stray replies not drained yet */
			else if (st != ZX_OK)
				bad++;
		} else {
			writes++;
			for (i = 0; i < nh; i++)
				if (zx_handle_close(info[i].handle))
					bad++;
		}
	}
	fprintf(stderr,
		"# server %d: %lu calls, %lu writes, %lu handles in, %lu replies to a closed peer, %lu to a full queue, %lu bad\n",
		idx, calls, writes, handles, reply_gone, reply_full, bad);
	if (zx_handle_close(ch) != ZX_OK)
		return 6;
	return bad ? 2 : 0;
}

/* ---- clients --------------------------------------------------------------- */

struct st_client {
	pthread_t thread;
	zx_handle_t ch;
	zx_time_t deadline;
	int id;
	/* results */
	unsigned long calls, writes, objs, dups, short_ok, short_timeout;
	unsigned long strays;
	int fail_line;
	zx_status_t fail_status;
	char fail_what[96];
};

#define ST_FAIL(c, st, what) do {					\
	(c)->fail_line = __LINE__;					\
	(c)->fail_status = (st);					\
	snprintf((c)->fail_what, sizeof((c)->fail_what), "%s", what);	\
	return false;							\
} while (0)

/* One zx_channel_call with 0-3 handles; @short_deadline allows TIMED_OUT. */
static bool st_do_call(struct st_client *c, uint64_t *rng, uint32_t seq,
		       bool short_deadline)
{
	struct st_msg req, rep;
	zx_handle_t hs[ST_MAX_HANDLES], keep[ST_MAX_HANDLES];
	zx_handle_t got[ST_MAX_HANDLES];
	uint32_t n = st_rand(rng) % (ST_MAX_HANDLES + 1), nkeep, nb, ab = 0,
		 ah = 0;
	zx_channel_call_args_t args;
	zx_time_t deadline;
	zx_status_t st;

	if (short_deadline)
		n = n > 1 ? 1 : n;
	st = st_make_handles(rng, hs, n, keep, &nkeep);
	if (st != ZX_OK)
		ST_FAIL(c, st, "creating handles to send");
	nb = st_fill(&req, rng, ST_KIND_CALL, seq, n);
	memset(&rep, 0xa5, sizeof(rep));
	args = (zx_channel_call_args_t){
		.wr_bytes = &req,
		.wr_handles = hs,
		.rd_bytes = &rep,
		.rd_handles = got,
		.wr_num_bytes = nb,
		.wr_num_handles = n,
		.rd_num_bytes = sizeof(rep),
		.rd_num_handles = ST_MAX_HANDLES,
	};
	deadline = short_deadline ?
		zx_deadline_after(ZX_USEC(20 + st_rand(rng) % 500)) :
		zx_deadline_after(ZX_SEC(60));
	st = zx_channel_call(c->ch, 0, deadline, &args, &ab, &ah);
	if (zx_handle_close_many(keep, nkeep) != ZX_OK)
		ST_FAIL(c, ZX_OK, "closing kept eventpair ends");
	if (short_deadline && st == ZX_ERR_TIMED_OUT) {
		c->short_timeout++;
		return true;
	}
	if (st != ZX_OK)
		ST_FAIL(c, st, "zx_channel_call");
	if (zx_handle_close_many(got, ah) != ZX_OK)
		ST_FAIL(c, ZX_OK, "closing handles of the reply");
	if (ab != nb || ah > n)
		ST_FAIL(c, (zx_status_t)ab, "reply size / handle count");
	if (memcmp((char *)&rep + sizeof(zx_txid_t),
		   (char *)&req + sizeof(zx_txid_t),
		   offsetof(struct st_hdr, nhandles) - sizeof(zx_txid_t)) ||
	    rep.hdr.nhandles != ah ||
	    memcmp(rep.payload, req.payload, req.hdr.len))
		ST_FAIL(c, ZX_OK, "reply bytes differ from the request");
	if (short_deadline)
		c->short_ok++;
	else
		c->calls++;
	return true;
}

static bool st_do_write(struct st_client *c, uint64_t *rng, uint32_t seq)
{
	struct st_msg m;
	zx_handle_t hs[ST_MAX_HANDLES], keep[ST_MAX_HANDLES];
	uint32_t n = st_rand(rng) % (ST_MAX_HANDLES + 1), nkeep, nb;
	zx_status_t st;

	st = st_make_handles(rng, hs, n, keep, &nkeep);
	if (st != ZX_OK)
		ST_FAIL(c, st, "creating handles to send");
	nb = st_fill(&m, rng, ST_KIND_WRITE, seq, n);
	st = zx_channel_write(c->ch, 0, &m, nb, hs, n);
	if (zx_handle_close_many(keep, nkeep) != ZX_OK)
		ST_FAIL(c, ZX_OK, "closing kept eventpair ends");
	if (st != ZX_OK)
		ST_FAIL(c, st, "zx_channel_write");
	c->writes++;
	return true;
}

static bool st_do_objects(struct st_client *c, uint64_t *rng)
{
	zx_handle_t hs[8];
	uint32_t n = 1 + st_rand(rng) % 6, i = 0;
	zx_status_t st = ZX_OK;

	while (i < n) {
		switch (st_rand(rng) % 3) {
		case 0:
			st = zx_event_create(0, &hs[i++]);
			break;
		case 1:
			st = zx_eventpair_create(0, &hs[i], &hs[i + 1]);
			i += 2;
			break;
		default:
			st = zx_channel_create(0, &hs[i], &hs[i + 1]);
			i += 2;
			break;
		}
		if (st != ZX_OK)
			ST_FAIL(c, st, "creating objects");
	}
	/* Close in a random order. */
	while (i) {
		uint32_t k = st_rand(rng) % i;

		st = zx_handle_close(hs[k]);
		if (st != ZX_OK)
			ST_FAIL(c, st, "closing objects");
		hs[k] = hs[--i];
	}
	c->objs++;
	return true;
}

static bool st_do_dups(struct st_client *c, uint64_t *rng)
{
	zx_handle_t src = ZX_HANDLE_INVALID, hs[6];
	uint32_t n = 1 + st_rand(rng) % 5, i;
	bool own = st_rand(rng) & 1;
	zx_status_t st;

	if (own) {
		st = zx_event_create(0, &src);
		if (st != ZX_OK)
			ST_FAIL(c, st, "zx_event_create");
	} else {
		/* Channels carry no ZX_RIGHT_DUPLICATE: that must hold. */
		st = zx_handle_duplicate(c->ch, ZX_RIGHT_SAME_RIGHTS, &hs[0]);
		if (st != ZX_ERR_ACCESS_DENIED)
			ST_FAIL(c, st, "duplicating a channel end");
		st = zx_eventpair_create(0, &src, &hs[0]);
		if (st != ZX_OK)
			ST_FAIL(c, st, "zx_eventpair_create");
		st = zx_handle_close(hs[0]);
		if (st != ZX_OK)
			ST_FAIL(c, st, "closing an eventpair end");
		own = true;
	}
	for (i = 0; i < n; i++) {
		st = zx_handle_duplicate(i && (st_rand(rng) & 1) ? hs[i - 1] : src,
					 ZX_RIGHT_SAME_RIGHTS, &hs[i]);
		if (st != ZX_OK)
			ST_FAIL(c, st, "zx_handle_duplicate");
	}
	st = zx_handle_close_many(hs, n);
	if (st != ZX_OK)
		ST_FAIL(c, st, "closing duplicates");
	if (own) {
		st = zx_handle_close(src);
		if (st != ZX_OK)
			ST_FAIL(c, st, "closing the duplicated event");
	}
	c->dups++;
	return true;
}

/*
 * Replies to calls that timed out are queued on the client end like any
 * message; a client must read them, or the end fills up.  Replies to calls
 * still waiting go to their callers, never to this read.
 */
static bool st_do_drain(struct st_client *c)
{
	struct st_msg m;
	zx_handle_t hs[ST_MAX_HANDLES];
	uint32_t nb, nh;
	zx_status_t st;

	for (;;) {
		st = zx_channel_read(c->ch, 0, &m, hs, sizeof(m),
				     ST_MAX_HANDLES, &nb, &nh);
		if (st == ZX_ERR_SHOULD_WAIT)
			return true;
		if (st != ZX_OK)
			ST_FAIL(c, st, "reading stray replies");
		if (!st_well_formed(&m, nb, nh) || m.hdr.kind != ST_KIND_CALL)
			ST_FAIL(c, ZX_OK, "a stray reply is malformed");
		if (zx_handle_close_many(hs, nh) != ZX_OK)
			ST_FAIL(c, ZX_OK, "closing handles of a stray reply");
		c->strays++;
	}
}

static void *st_client_main(void *arg)
{
	struct st_client *c = arg;
	uint64_t rng = st_seed();
	uint32_t seq = (uint32_t)c->id << 24, r;
	bool ok = true;

	while (ok && zxt_now() < c->deadline) {
		r = st_rand(&rng) % 100;
		seq++;
		if (r < 45)
			ok = st_do_call(c, &rng, seq, false);
		else if (r < 65)
			ok = st_do_write(c, &rng, seq);
		else if (r < 77)
			ok = st_do_objects(c, &rng);
		else if (r < 90)
			ok = st_do_dups(c, &rng);
		else if (r < 98)
			ok = st_do_call(c, &rng, seq, true);
		else
			ok = st_do_drain(c);
	}
	return NULL;
}

/*
 * A client process, killed mid-run: it loops on calls (and keeps some
 * extra objects around) until SIGKILL.
 */
static int st_doomed_child(int fd)
{
	struct st_client c;
	uint64_t rng = st_seed();
	zx_handle_t ch = ZX_HANDLE_INVALID, hold[4];
	uint32_t seq = 0xd0000000u, i;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	CHILD_CHECK(close(fd) == 0);
	for (i = 0; i < 4; i++)
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &hold[i]));
	memset(&c, 0, sizeof(c));
	c.ch = ch;
	for (;;) {
		seq++;
		if (!st_do_call(&c, &rng, seq, (st_rand(&rng) % 8) == 0)) {
			fprintf(stderr, "# doomed child: %s: %s (line %d)\n",
				c.fail_what, zx_status_get_string(c.fail_status),
				c.fail_line);
			_exit(1);
		}
		if ((st_rand(&rng) % 4) == 0)
			CHILD_CHECK(st_do_write(&c, &rng, seq));
	}
	return 0;
}

/* Echoes calls on @h (as the servers do) for about @ms milliseconds. */
static void st_serve_for(zx_handle_t h, int ms)
{
	zx_time_t until = zxt_now() + (zx_time_t)ms * 1000000;
	struct st_msg m;
	zx_handle_t hs[ST_MAX_HANDLES];
	uint32_t nb, nh;

	while (zxt_now() < until) {
		if (zx_object_wait_one(h, ZX_CHANNEL_READABLE, until, NULL))
			break;
		if (zx_channel_read(h, 0, &m, hs, sizeof(m), ST_MAX_HANDLES,
				    &nb, &nh))
			break;
		if (nb >= sizeof(m.hdr) && m.hdr.kind == ST_KIND_CALL)
			zx_channel_write(h, 0, &m, nb, hs, nh);
		else
			zx_handle_close_many(hs, nh);
	}
}

/* Reads and discards every message queued on @ch; returns how many. */
static long st_drain(zx_handle_t ch, long *handles)
{
	struct st_msg m;
	zx_handle_t hs[ST_MAX_HANDLES];
	uint32_t nb, nh;
	long n = 0;

	while (zx_channel_read(ch, 0, &m, hs, sizeof(m), ST_MAX_HANDLES,
			       &nb, &nh) == ZX_OK) {
		zx_handle_close_many(hs, nh);
		*handles += nh;
		n++;
	}
	return n;
}

#define ST_MAX_DOOMED	64

TEST(channels_under_random_calls_writes_and_closes)
{
	struct zxt_live base = zxt_settle(_metadata);
	int seconds = st_duration();
	zx_time_t start, deadline, end;
	zx_handle_t cli[ST_CHANNELS], srv, dupch, dsrv;
	int fds[ST_CHANNELS], fd, i, j, status;
	pid_t servers[ST_CHANNELS], doomed[ST_MAX_DOOMED], pid;
	int ndoomed = 0;
	struct st_client *clients;
	uint64_t rng = st_seed();
	long strays = 0, stray_handles = 0, procs = -1;
	double secs;

	clients = calloc(ST_CHANNELS * ST_THREADS_PER_CH, sizeof(*clients));
	ASSERT_NE(NULL, clients);

	for (i = 0; i < ST_CHANNELS; i++) {
		ASSERT_ZX_OK(zx_channel_create(0, &cli[i], &srv));
		ASSERT_ZX_OK(zxlinux_handle_to_fd(srv, 0, &fds[i]));
	}
	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < ST_CHANNELS; i++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			zx_handle_t mine = ZX_HANDLE_INVALID;

			CHILD_CHECK_ZX(ZX_OK,
				       zxlinux_handle_from_fd(fds[i], &mine));
			for (j = 0; j < ST_CHANNELS; j++)
				CHILD_CHECK(close(fds[j]) == 0);
			_exit(st_server(mine, i, seconds));
		}
		servers[i] = pid;
	}
	for (i = 0; i < ST_CHANNELS; i++)
		ASSERT_EQ(0, close(fds[i]));

	start = zxt_now();
	deadline = start + (zx_time_t)seconds * 1000000000;
	for (i = 0; i < ST_CHANNELS * ST_THREADS_PER_CH; i++) {
		clients[i].ch = cli[i / ST_THREADS_PER_CH];
		clients[i].deadline = deadline;
		clients[i].id = i;
		zxt_thread_start(_metadata, &clients[i].thread, st_client_main,
				 &clients[i]);
	}

	/* Meanwhile: client processes that are killed mid-way. */
	while (zxt_now() + 500000000 < deadline && ndoomed < ST_MAX_DOOMED) {
		zxt_sleep_ms(200 + st_rand(&rng) % 800);
		ASSERT_ZX_OK(zx_channel_create(0, &dupch, &dsrv));
		ASSERT_ZX_OK(zxlinux_handle_to_fd(dupch, 0, &fd));
		fflush(stdout);
		fflush(stderr);
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			_exit(st_doomed_child(fd));
		doomed[ndoomed++] = pid;
		ASSERT_EQ(0, close(fd));
		/* Sometimes before it even took the handle. */
		st_serve_for(dsrv, st_rand(&rng) % 300);
		ASSERT_EQ(0, kill(pid, SIGKILL));
		/* Its in-flight call and queued writes die with our end. */
		ASSERT_ZX_OK(zx_handle_close(dsrv));
	}

	for (i = 0; i < ST_CHANNELS * ST_THREADS_PER_CH; i++)
		zxt_thread_join(_metadata, clients[i].thread);
	end = zxt_now();

	for (i = 0; i < ndoomed; i++) {
		ASSERT_EQ(doomed[i], waitpid(doomed[i], &status, 0));
		EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			TH_LOG("killed client %d: wait status %#x", i, status);
		}
	}
	/* Stray replies of timed-out and killed calls. */
	for (i = 0; i < ST_CHANNELS; i++) {
		strays += st_drain(cli[i], &stray_handles);
		ASSERT_ZX_OK(zx_handle_close(cli[i]));
	}
	for (i = 0; i < ST_CHANNELS; i++) {
		ASSERT_EQ(servers[i], waitpid(servers[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			TH_LOG("server %d: wait status %#x", i, status);
		}
	}

	secs = (double)(end - start) / 1e9;
	for (i = 0; i < ST_CHANNELS; i++) {
		unsigned long calls = 0, writes = 0, objs = 0, dups = 0,
			      sok = 0, sto = 0, drained = 0;

		for (j = 0; j < ST_THREADS_PER_CH; j++) {
			struct st_client *c = &clients[i * ST_THREADS_PER_CH + j];

			EXPECT_EQ(0, c->fail_line) {
				TH_LOG("client thread %d: %s: %s (line %d)",
				       c->id, c->fail_what,
				       zx_status_get_string(c->fail_status),
				       c->fail_line);
			}
			calls += c->calls;
			writes += c->writes;
			objs += c->objs;
			dups += c->dups;
			sok += c->short_ok;
			sto += c->short_timeout;
			drained += c->strays;
		}
		TH_LOG("channel %d: %lu calls (%.1f/s), %lu writes, %lu short calls ok / %lu timed out, %lu stray replies read, %lu create+close rounds, %lu dup rounds",
		       i, calls, calls / secs, writes, sok, sto, drained, objs,
		       dups);
		EXPECT_LT(0UL, calls);
	}
	TH_LOG("%d killed client processes; %ld stray replies drained (%ld handles)",
	       ndoomed, strays, stray_handles);
	free(clients);

	/* Every other process's context goes away ... */
	for (zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	     zxt_now() < give_up; zxt_sleep_ms(5)) {
		procs = zxt_live_count("live_processes");
		if (procs == 1)
			break;
	}
	EXPECT_EQ(1, procs);
	/* ... and every handle and object is accounted for. */
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Pagers: pager-backed VMOs whose readers block until a pager thread
 * supplies pages, shared requests, failures, detaching, closing the pager
 * or the VMO, signals and kills during a wait, faults through mappings,
 * and every call's documented errors.
 */
#include <setjmp.h>
#include <sys/mman.h>
#include <zircon/syscalls/port.h>

#include "zx_test.h"

#define PG		((uint64_t)zx_system_get_page_size())
#define KEY		0x5eed0001ull
/* Long enough that a packet that is coming arrives, on slow emulators. */
#define NO_PACKET_MS	200

struct pager_env {
	zx_handle_t pager, port, vmo;
};

static void env_new(struct __test_metadata *_metadata, struct pager_env *e,
		    uint64_t size, uint32_t options)
{
	ASSERT_ZX_OK(zx_pager_create(0, &e->pager));
	ASSERT_ZX_OK(zx_port_create(0, &e->port));
	ASSERT_ZX_OK(zx_pager_create_vmo(e->pager, options, e->port, KEY, size,
					 &e->vmo));
}

static void env_close(struct __test_metadata *_metadata, struct pager_env *e)
{
	if (e->vmo != ZX_HANDLE_INVALID)
		EXPECT_ZX_OK(zx_handle_close(e->vmo));
	EXPECT_ZX_OK(zx_handle_close(e->pager));
	EXPECT_ZX_OK(zx_handle_close(e->port));
}

/* The next packet, which must come. */
static zx_port_packet_t next_packet(struct __test_metadata *_metadata,
				    zx_handle_t port)
{
	zx_port_packet_t pkt;

	memset(&pkt, 0xcc, sizeof(pkt));
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(60)), &pkt));
	return pkt;
}

static void expect_read_request(struct __test_metadata *_metadata,
				zx_handle_t port, uint64_t offset)
{
	zx_port_packet_t pkt = next_packet(_metadata, port);

	EXPECT_EQ(KEY, pkt.key);
	EXPECT_EQ(ZX_PKT_TYPE_PAGE_REQUEST, pkt.type);
	EXPECT_EQ(ZX_PAGER_VMO_READ, pkt.page_request.command);
	EXPECT_EQ(offset, pkt.page_request.offset);
	EXPECT_EQ(PG, pkt.page_request.length);
}

static void expect_no_packet(struct __test_metadata *_metadata,
			     zx_handle_t port)
{
	zx_port_packet_t pkt;

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_port_wait(port, zx_deadline_after(ZX_MSEC(NO_PACKET_MS)),
			       &pkt));
}

/* Supplies @npages pages at @offset, byte i of each page = @fill + i. */
static void supply(struct __test_metadata *_metadata, struct pager_env *e,
		   uint64_t offset, uint64_t npages, uint8_t fill)
{
	zx_handle_t aux;
	uint8_t *buf = malloc(npages * PG);
	uint64_t i;

	ASSERT_NE(NULL, buf);
	for (i = 0; i < npages * PG; i++)
		buf[i] = (uint8_t)(fill + i % PG);
	ASSERT_ZX_OK(zx_vmo_create(npages * PG, 0, &aux));
	ASSERT_ZX_OK(zx_vmo_write(aux, buf, 0, npages * PG));
	ASSERT_ZX_OK(zx_pager_supply_pages(e->pager, e->vmo, offset,
					   npages * PG, aux, 0));
	EXPECT_ZX_OK(zx_handle_close(aux));
	free(buf);
}

/*
 * A thread reading (or writing) a pager-backed VMO: with vmo_read/write,
 * or with loads and stores through a mapping (@map).
 */
struct accessor {
	pthread_t thread;
	zx_handle_t vmo;
	uint64_t offset, len;
	bool write;
	uint8_t *buf;
	volatile uint8_t *map;
	void *bus_addr;			/* where SIGBUS hit, if it did */
	pid_t tid;
	zx_status_t status;		/* 1 while running */
};

/* accessor.status of a mapped access that took SIGBUS (no ZX_ERR_*). */
#define GOT_SIGBUS	((zx_status_t)-1000)

static __thread sigjmp_buf bus_jmp;
static __thread void *bus_addr;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	bus_addr = si->si_addr;
	siglongjmp(bus_jmp, 1);
}

static void catch_sigbus(struct __test_metadata *_metadata)
{
	struct sigaction sa = { .sa_sigaction = on_sigbus,
				.sa_flags = SA_SIGINFO };

	ASSERT_EQ(0, sigaction(SIGBUS, &sa, NULL));
}

static zx_status_t access_mapping(struct accessor *a)
{
	uint64_t i;

	if (sigsetjmp(bus_jmp, 1)) {
		a->bus_addr = bus_addr;
		return GOT_SIGBUS;
	}
	for (i = 0; i < a->len; i++) {
		if (a->write)
			a->map[a->offset + i] = a->buf[i];
		else
			a->buf[i] = a->map[a->offset + i];
	}
	return ZX_OK;
}

static void *accessor_main(void *arg)
{
	struct accessor *a = arg;
	zx_status_t status;

	__atomic_store_n(&a->tid, zxt_gettid(), __ATOMIC_RELEASE);
	if (a->map)
		status = access_mapping(a);
	else if (a->write)
		status = zx_vmo_write(a->vmo, a->buf, a->offset, a->len);
	else
		status = zx_vmo_read(a->vmo, a->buf, a->offset, a->len);
	__atomic_store_n(&a->status, status, __ATOMIC_RELEASE);
	return NULL;
}

static void accessor_start(struct __test_metadata *_metadata,
			   struct accessor *a, zx_handle_t vmo,
			   uint64_t offset, uint64_t len, bool write)
{
	memset(a, 0, sizeof(*a));
	a->vmo = vmo;
	a->offset = offset;
	a->len = len;
	a->write = write;
	a->buf = calloc(1, len ? len : 1);
	a->status = 1;
	ASSERT_NE(NULL, a->buf);
	zxt_thread_start(_metadata, &a->thread, accessor_main, a);
}

/* Like accessor_start(), through the mapping at @map; stores @fill. */
static void accessor_start_mapped(struct __test_metadata *_metadata,
				  struct accessor *a, zx_vaddr_t map,
				  uint64_t offset, uint64_t len, bool write,
				  uint8_t fill)
{
	memset(a, 0, sizeof(*a));
	a->map = (volatile uint8_t *)map;
	a->offset = offset;
	a->len = len;
	a->write = write;
	a->buf = malloc(len ? len : 1);
	a->status = 1;
	ASSERT_NE(NULL, a->buf);
	memset(a->buf, fill, len ? len : 1);
	zxt_thread_start(_metadata, &a->thread, accessor_main, a);
}

static zx_status_t accessor_join(struct __test_metadata *_metadata,
				 struct accessor *a)
{
	zxt_thread_join(_metadata, a->thread);
	return a->status;
}

/* Waits until the accessor sleeps, i.e. blocks on its page request. */
static void accessor_blocked(struct __test_metadata *_metadata,
			     struct accessor *a)
{
	pid_t tid;

	while (!(tid = __atomic_load_n(&a->tid, __ATOMIC_ACQUIRE)))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(tid));
	EXPECT_EQ(1, __atomic_load_n(&a->status, __ATOMIC_ACQUIRE));
}

/* Waits until process @pid sleeps (it blocks in the module). */
static bool proc_sleeping(pid_t pid)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	while (zxt_now() < give_up) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			return false;
		buf[n] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return true;
		zxt_sleep_ms(1);
	}
	return false;
}

static uint64_t committed(struct __test_metadata *_metadata, zx_handle_t vmo)
{
	zx_info_vmo_t info;

	ASSERT_ZX_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info),
					NULL, NULL));
	return info.committed_bytes;
}

/* ---- create --------------------------------------------------------------- */

TEST(create_and_create_vmo)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t pager, port, vmo, rvmo, ro_port, ev;
	zx_handle_t out = ZX_HANDLE_INVALID;
	zx_info_vmo_t info;
	uint64_t size = 0, cs = 0;

	ASSERT_ZX_OK(zx_pager_create(0, &pager));
	EXPECT_EQ(ZX_OBJ_TYPE_PAGER, zxt_basic(_metadata, pager).type);
	EXPECT_EQ(ZX_DEFAULT_PAGER_RIGHTS, zxt_rights(_metadata, pager));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pager_create(1, &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pager_create(0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pager_create(0, ZXT_BAD_PTR));

	ASSERT_ZX_OK(zx_port_create(0, &port));
	ASSERT_ZX_OK(zx_pager_create_vmo(pager, 0, port, KEY, PG + 1, &vmo));
	ASSERT_ZX_OK(zx_vmo_get_size(vmo, &size));
	EXPECT_EQ(2 * PG, size);
	ASSERT_ZX_OK(zx_object_get_property(vmo, ZX_PROP_VMO_CONTENT_SIZE, &cs,
					    sizeof(cs)));
	EXPECT_EQ(PG + 1, cs);
	EXPECT_EQ(ZX_DEFAULT_VMO_RIGHTS, zxt_rights(_metadata, vmo));
	ASSERT_ZX_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info),
					NULL, NULL));
	EXPECT_EQ(ZX_INFO_VMO_PAGER_BACKED,
		  info.flags & ZX_INFO_VMO_PAGER_BACKED);
	EXPECT_EQ(0u, info.committed_bytes);
	ASSERT_ZX_OK(zx_pager_create_vmo(pager, ZX_VMO_RESIZABLE, port, KEY, 0,
					 &rvmo));
	EXPECT_EQ(ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_RESIZE,
		  zxt_rights(_metadata, rvmo));

	ro_port = zxt_dup(_metadata, port, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pager_create_vmo(pager, 0, ro_port, KEY, PG, &out));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_create_vmo(ev, 0, port, KEY, PG, &out));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_create_vmo(pager, 0, ev, KEY, PG, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pager_create_vmo(ZXT_BOGUS_HANDLE, 0, port, KEY, PG,
				      &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pager_create_vmo(pager, 0, ZXT_BOGUS_HANDLE, KEY, PG,
				      &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_create_vmo(pager, 1u << 0, port, KEY, PG, &out));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pager_create_vmo(pager, ZX_VMO_TRAP_DIRTY, port, KEY, PG,
				      &out));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pager_create_vmo(pager, 0, port, KEY, UINT64_MAX, &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_create_vmo(pager, 0, port, KEY, PG, NULL));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(ro_port));
	EXPECT_ZX_OK(zx_handle_close(rvmo));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(pager));
	EXPECT_ZX_OK(zx_handle_close(port));
	ASSERT_LIVE_EQ(base);
}

/* ---- reading through the pager ---------------------------------------------- */

TEST(read_blocks_until_pages_are_supplied)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	uint64_t i;

	env_new(_metadata, &e, 4 * PG, 0);
	/* Half of page 1 and half of page 2. */
	accessor_start(_metadata, &a, e.vmo, PG + PG / 2, PG, false);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &a);
	supply(_metadata, &e, PG, 1, 10);
	expect_read_request(_metadata, e.port, 2 * PG);
	supply(_metadata, &e, 2 * PG, 1, 20);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	for (i = 0; i < PG / 2; i++) {
		ASSERT_EQ((uint8_t)(10 + PG / 2 + i), a.buf[i]);
		ASSERT_EQ((uint8_t)(20 + i), a.buf[PG / 2 + i]);
	}
	EXPECT_EQ(2 * PG, committed(_metadata, e.vmo));
	/* Supplied pages are simply there now. */
	memset(a.buf, 0, PG);
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, a.buf, PG, 4));
	EXPECT_EQ(10, a.buf[0]);
	expect_no_packet(_metadata, e.port);
	free(a.buf);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(write_waits_for_the_page_then_writes_into_it)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	uint8_t got[8];

	env_new(_metadata, &e, PG, 0);
	accessor_start(_metadata, &a, e.vmo, 2, 1, true);
	a.buf[0] = 0xee;
	expect_read_request(_metadata, e.port, 0);
	supply(_metadata, &e, 0, 1, 1);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, got, 0, sizeof(got)));
	EXPECT_EQ(1, got[0]);
	EXPECT_EQ(2, got[1]);
	EXPECT_EQ(0xee, got[2]);
	EXPECT_EQ(4, got[3]);
	free(a.buf);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

#define SHARERS	4

TEST(threads_faulting_one_page_share_one_request)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct accessor a[SHARERS];
	struct pager_env e;
	int i;

	env_new(_metadata, &e, PG, 0);
	for (i = 0; i < SHARERS; i++)
		accessor_start(_metadata, &a[i], e.vmo, (uint64_t)i * 8, 8,
			       false);
	expect_read_request(_metadata, e.port, 0);
	for (i = 0; i < SHARERS; i++)
		accessor_blocked(_metadata, &a[i]);
	/* Everyone waits on the one request: no second packet. */
	expect_no_packet(_metadata, e.port);
	supply(_metadata, &e, 0, 1, 50);
	for (i = 0; i < SHARERS; i++) {
		ASSERT_ZX_OK(accessor_join(_metadata, &a[i]));
		EXPECT_EQ((uint8_t)(50 + i * 8), a[i].buf[0]);
		EXPECT_EQ((uint8_t)(57 + i * 8), a[i].buf[7]);
		free(a[i].buf);
	}
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

static void on_usr1(int sig)
{
	(void)sig;
}

TEST(signals_do_not_lose_or_repeat_requests)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct pager_env e;
	struct accessor a;
	int i;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	env_new(_metadata, &e, PG, 0);
	accessor_start(_metadata, &a, e.vmo, 0, 16, false);
	expect_read_request(_metadata, e.port, 0);
	for (i = 0; i < 5; i++) {
		accessor_blocked(_metadata, &a);
		ASSERT_EQ(0, pthread_kill(a.thread, SIGUSR1));
		zxt_sleep_ms(10);
	}
	/* The interrupted call went back to the same pending request. */
	accessor_blocked(_metadata, &a);
	expect_no_packet(_metadata, e.port);
	supply(_metadata, &e, 0, 1, 7);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	EXPECT_EQ(7, a.buf[0]);
	free(a.buf);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(killed_while_waiting_for_a_page)
{
	struct zxt_live base = zxt_settle(_metadata);
	int status = 0;
	pid_t child;

	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		zx_handle_t pager, port, vmo;
		char c;

		if (zx_pager_create(0, &pager) || zx_port_create(0, &port) ||
		    zx_pager_create_vmo(pager, 0, port, KEY, PG, &vmo))
			_exit(2);
		/* Nobody answers: only a kill ends this. */
		zx_vmo_read(vmo, &c, 0, 1);
		_exit(3);
	}
	ASSERT_TRUE(proc_sleeping(child));
	ASSERT_EQ(0, kill(child, SIGKILL));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	ASSERT_LIVE_EQ(base);
}

#define SERVED_PAGES	32
#define READERS		3

/* A pager thread: serves READ requests until ZX_PAGER_VMO_COMPLETE. */
struct server {
	struct pager_env *e;
	int requests;
	bool saw_complete;
	zx_status_t status;
};

static void *server_main(void *arg)
{
	struct server *sv = arg;
	uint64_t pg = zx_system_get_page_size();
	uint8_t *buf = malloc(pg);
	zx_port_packet_t pkt;
	zx_handle_t aux;
	uint64_t i;

	sv->status = buf ? ZX_OK : ZX_ERR_NO_MEMORY;
	while (sv->status == ZX_OK) {
		sv->status = zx_port_wait(sv->e->port, ZX_TIME_INFINITE, &pkt);
		if (sv->status != ZX_OK)
			break;
		if (pkt.page_request.command == ZX_PAGER_VMO_COMPLETE) {
			sv->saw_complete = true;
			break;
		}
		sv->requests++;
		/* Each page holds its own page number, repeated. */
		for (i = 0; i < pg; i++)
			buf[i] = (uint8_t)(pkt.page_request.offset / pg);
		sv->status = zx_vmo_create(pg, 0, &aux);
		if (sv->status == ZX_OK)
			sv->status = zx_vmo_write(aux, buf, 0, pg);
		if (sv->status == ZX_OK)
			sv->status = zx_pager_supply_pages(
				sv->e->pager, sv->e->vmo,
				pkt.page_request.offset, pg, aux, 0);
		zx_handle_close(aux);
	}
	free(buf);
	return NULL;
}

struct reader {
	zx_handle_t vmo;
	volatile uint8_t *map;		/* set: read through this mapping */
	int start;
	zx_status_t status;
	bool good;
};

/* Reads every page, in an order of its own, checking each. */
static void *reader_main(void *arg)
{
	struct reader *r = arg;
	uint64_t pg = zx_system_get_page_size();
	uint8_t *buf = malloc(pg);
	int i, p;

	r->good = buf != NULL;
	r->status = ZX_OK;
	for (i = 0; r->good && r->status == ZX_OK && i < SERVED_PAGES; i++) {
		p = (r->start + i * 7) % SERVED_PAGES;
		if (r->map) {
			buf[0] = r->map[(uint64_t)p * pg];
			buf[pg - 1] = r->map[(uint64_t)p * pg + pg - 1];
		} else {
			r->status = zx_vmo_read(r->vmo, buf, (uint64_t)p * pg,
						pg);
		}
		if (r->status == ZX_OK)
			r->good = buf[0] == p && buf[pg - 1] == p;
	}
	free(buf);
	return NULL;
}

static void serve_concurrent_readers(struct __test_metadata *_metadata,
				     bool mapped)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct reader r[READERS];
	pthread_t rt[READERS], st;
	struct server sv = { 0 };
	zx_vaddr_t map = 0;
	struct pager_env e;
	int i;

	env_new(_metadata, &e, SERVED_PAGES * PG, 0);
	if (mapped)
		ASSERT_ZX_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ,
					 0, e.vmo, 0, SERVED_PAGES * PG, &map));
	sv.e = &e;
	zxt_thread_start(_metadata, &st, server_main, &sv);
	for (i = 0; i < READERS; i++) {
		r[i].vmo = e.vmo;
		r[i].map = (volatile uint8_t *)map;
		r[i].start = i * 5;
		zxt_thread_start(_metadata, &rt[i], reader_main, &r[i]);
	}
	for (i = 0; i < READERS; i++) {
		zxt_thread_join(_metadata, rt[i]);
		EXPECT_ZX_OK(r[i].status);
		EXPECT_TRUE(r[i].good);
	}
	/* Every page was asked for exactly once. */
	EXPECT_EQ(SERVED_PAGES * PG, committed(_metadata, e.vmo));
	if (mapped)
		ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map,
					   SERVED_PAGES * PG));
	EXPECT_ZX_OK(zx_handle_close(e.vmo));
	e.vmo = ZX_HANDLE_INVALID;
	zxt_thread_join(_metadata, st);
	EXPECT_ZX_OK(sv.status);
	EXPECT_TRUE(sv.saw_complete);
	EXPECT_EQ(SERVED_PAGES, sv.requests);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(pager_thread_serves_concurrent_readers)
{
	serve_concurrent_readers(_metadata, false);
}

/* The same, with the readers faulting on a mapping of the VMO. */
TEST(pager_thread_serves_concurrent_faults)
{
	serve_concurrent_readers(_metadata, true);
}

/* ---- failing, detaching, closing -------------------------------------------- */

TEST(op_range_fail_fails_the_waiting_reader)
{
	struct zxt_live base = zxt_settle(_metadata);
	static const zx_status_t errs[] = {
		ZX_ERR_IO, ZX_ERR_IO_DATA_INTEGRITY, ZX_ERR_BAD_STATE,
		ZX_ERR_NO_SPACE, ZX_ERR_BUFFER_TOO_SMALL,
	};
	struct pager_env e;
	struct accessor a;
	size_t i;

	env_new(_metadata, &e, 2 * PG, 0);
	for (i = 0; i < ARRAY_SIZE(errs); i++) {
		accessor_start(_metadata, &a, e.vmo, PG, 1, false);
		expect_read_request(_metadata, e.port, PG);
		ASSERT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo,
					       0, 2 * PG,
					       (uint64_t)(int64_t)errs[i]));
		EXPECT_ZX(errs[i], accessor_join(_metadata, &a));
		free(a.buf);
	}
	/* A failure outside the request's page leaves it waiting. */
	accessor_start(_metadata, &a, e.vmo, 0, 1, false);
	expect_read_request(_metadata, e.port, 0);
	ASSERT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, PG,
				       PG, (uint64_t)(int64_t)ZX_ERR_IO));
	accessor_blocked(_metadata, &a);
	supply(_metadata, &e, 0, 1, 3);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	EXPECT_EQ(3, a.buf[0]);
	free(a.buf);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(op_range_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e, other;
	zx_handle_t plain, ro, ev;
	uint64_t io = (uint64_t)(int64_t)ZX_ERR_IO;

	env_new(_metadata, &e, 2 * PG, 0);
	env_new(_metadata, &other, PG, 0);
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &plain));
	ro = zxt_dup(_metadata, e.vmo, ZX_RIGHT_READ);
	ev = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 1, PG,
				    io));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 0, 1,
				    io));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 0, PG,
				    (uint64_t)(int64_t)ZX_ERR_NO_MEMORY));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 0, PG,
				    0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, PG,
				    2 * PG, io));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, other.vmo, 0,
				    PG, io));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, plain, 0, PG,
				    io));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, ro, 0, PG, io));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_op_range(ev, ZX_PAGER_OP_FAIL, e.vmo, 0, PG, io));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, ev, 0, PG, io));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pager_op_range(ZXT_BOGUS_HANDLE, ZX_PAGER_OP_FAIL, e.vmo,
				    0, PG, io));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_DIRTY, e.vmo, 0, PG,
				    0));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_WRITEBACK_BEGIN,
				    e.vmo, 0, PG, 0));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_WRITEBACK_END, e.vmo,
				    0, PG, 0));
	/* Nothing waits: failing is still fine. */
	EXPECT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 0,
				       2 * PG, io));

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(plain));
	env_close(_metadata, &other);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(detach_fails_waiters_and_sends_complete)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e, other;
	struct accessor a;
	zx_port_packet_t pkt;
	zx_handle_t aux, ro;
	uint8_t c = 0;

	env_new(_metadata, &e, 2 * PG, 0);
	env_new(_metadata, &other, PG, 0);
	supply(_metadata, &e, 0, 1, 9);
	accessor_start(_metadata, &a, e.vmo, PG, 1, false);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &a);

	ro = zxt_dup(_metadata, e.vmo, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pager_detach_vmo(e.pager, ro));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pager_detach_vmo(e.pager, other.vmo));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_pager_detach_vmo(e.vmo, e.vmo));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_pager_detach_vmo(e.pager, e.port));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pager_detach_vmo(e.pager, ZXT_BOGUS_HANDLE));

	ASSERT_ZX_OK(zx_pager_detach_vmo(e.pager, e.vmo));
	EXPECT_ZX(ZX_ERR_BAD_STATE, accessor_join(_metadata, &a));
	pkt = next_packet(_metadata, e.port);
	EXPECT_EQ(KEY, pkt.key);
	EXPECT_EQ(ZX_PKT_TYPE_PAGE_REQUEST, pkt.type);
	EXPECT_EQ(ZX_PAGER_VMO_COMPLETE, pkt.page_request.command);
	/* Detaching twice is harmless and sends nothing more. */
	EXPECT_ZX_OK(zx_pager_detach_vmo(e.pager, e.vmo));
	expect_no_packet(_metadata, e.port);

	/* Supplied pages stay readable; missing ones fail at once. */
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, &c, 0, 1));
	EXPECT_EQ(9, c);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmo_read(e.vmo, &c, PG, 1));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmo_write(e.vmo, &c, PG, 1));
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &aux));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, PG, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, 0, PG,
				    (uint64_t)(int64_t)ZX_ERR_IO));
	expect_no_packet(_metadata, e.port);

	free(a.buf);
	EXPECT_ZX_OK(zx_handle_close(aux));
	EXPECT_ZX_OK(zx_handle_close(ro));
	env_close(_metadata, &other);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_vmo_sends_complete)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	zx_port_packet_t pkt;

	env_new(_metadata, &e, PG, 0);
	supply(_metadata, &e, 0, 1, 1);
	EXPECT_ZX_OK(zx_handle_close(e.vmo));
	e.vmo = ZX_HANDLE_INVALID;
	pkt = next_packet(_metadata, e.port);
	EXPECT_EQ(KEY, pkt.key);
	EXPECT_EQ(ZX_PAGER_VMO_COMPLETE, pkt.page_request.command);
	expect_no_packet(_metadata, e.port);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_pager_fails_waiters_and_sends_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	uint8_t c;

	env_new(_metadata, &e, PG, 0);
	accessor_start(_metadata, &a, e.vmo, 0, 1, false);
	expect_read_request(_metadata, e.port, 0);
	accessor_blocked(_metadata, &a);
	EXPECT_ZX_OK(zx_handle_close(e.pager));
	EXPECT_ZX(ZX_ERR_BAD_STATE, accessor_join(_metadata, &a));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmo_read(e.vmo, &c, 0, 1));
	EXPECT_ZX_OK(zx_handle_close(e.vmo));
	/* No COMPLETE either once the pager is gone. */
	expect_no_packet(_metadata, e.port);
	free(a.buf);
	EXPECT_ZX_OK(zx_handle_close(e.port));
	ASSERT_LIVE_EQ(base);
}

TEST(closing_the_port_fails_new_requests)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	uint8_t c;

	env_new(_metadata, &e, PG, 0);
	EXPECT_ZX_OK(zx_handle_close(e.port));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmo_read(e.vmo, &c, 0, 1));
	EXPECT_ZX_OK(zx_handle_close(e.vmo));
	EXPECT_ZX_OK(zx_handle_close(e.pager));
	ASSERT_LIVE_EQ(base);
}

/* ---- supplying ---------------------------------------------------------------- */

TEST(supply_moves_pages_and_keeps_present_ones)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	zx_handle_t aux;
	uint8_t c = 0xcc, buf[4];

	env_new(_metadata, &e, 4 * PG, 0);
	ASSERT_ZX_OK(zx_vmo_create(3 * PG, 0, &aux));
	/* aux: page 0 written, page 1 missing (zeros), page 2 written. */
	c = 0x11;
	ASSERT_ZX_OK(zx_vmo_write(aux, &c, 0, 1));
	c = 0x33;
	ASSERT_ZX_OK(zx_vmo_write(aux, &c, 2 * PG, 1));
	EXPECT_EQ(2 * PG, committed(_metadata, aux));
	ASSERT_ZX_OK(zx_pager_supply_pages(e.pager, e.vmo, PG, 3 * PG, aux,
					   0));
	/* The range of aux is decommitted; the pager VMO has all three. */
	EXPECT_EQ(0u, committed(_metadata, aux));
	EXPECT_EQ(3 * PG, committed(_metadata, e.vmo));
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, PG, 1));
	EXPECT_EQ(0x11, buf[0]);
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, 2 * PG, 4));
	EXPECT_EQ(0, buf[0]);
	EXPECT_EQ(0, buf[3]);
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, 3 * PG, 1));
	EXPECT_EQ(0x33, buf[0]);
	ASSERT_ZX_OK(zx_vmo_read(aux, buf, 0, 1));
	EXPECT_EQ(0, buf[0]);

	/* Pages already there are not replaced. */
	c = 0x77;
	ASSERT_ZX_OK(zx_vmo_write(aux, &c, 0, 1));
	ASSERT_ZX_OK(zx_pager_supply_pages(e.pager, e.vmo, PG, PG, aux, 0));
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, PG, 1));
	EXPECT_EQ(0x11, buf[0]);
	EXPECT_EQ(0u, committed(_metadata, aux));
	/* Zero length supplies nothing. */
	EXPECT_ZX_OK(zx_pager_supply_pages(e.pager, e.vmo, 0, 0, aux, 0));
	expect_no_packet(_metadata, e.port);

	EXPECT_ZX_OK(zx_handle_close(aux));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(supply_takes_pages_out_of_aux_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	volatile uint8_t *m;
	zx_vaddr_t addr;
	zx_handle_t aux;
	uint8_t buf[1];

	env_new(_metadata, &e, PG, 0);
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &aux));
	ASSERT_ZX_OK(zx_vmar_map(zx_vmar_root_self(),
				 ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, aux, 0,
				 PG, &addr));
	m = (volatile uint8_t *)addr;
	m[5] = 0x5a;
	ASSERT_ZX_OK(zx_pager_supply_pages(e.pager, e.vmo, 0, PG, aux, 0));
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, 5, 1));
	EXPECT_EQ(0x5a, buf[0]);
	/* The page moved: aux's mapping no longer shows it. */
	EXPECT_EQ(0, m[5]);
	m[5] = 0x66;
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, 5, 1));
	EXPECT_EQ(0x5a, buf[0]);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	EXPECT_ZX_OK(zx_handle_close(aux));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(supply_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e, other;
	zx_handle_t aux, child, ro_aux, ro_vmo, slice, plain, ev;

	env_new(_metadata, &e, 2 * PG, 0);
	env_new(_metadata, &other, PG, 0);
	ASSERT_ZX_OK(zx_vmo_create(2 * PG, 0, &aux));
	ASSERT_ZX_OK(zx_vmo_create(2 * PG, 0, &plain));
	ASSERT_ZX_OK(zx_vmo_create_child(plain, ZX_VMO_CHILD_SLICE, 0, PG,
					 &slice));
	ro_aux = zxt_dup(_metadata, aux, ZX_RIGHT_READ);
	ro_vmo = zxt_dup(_metadata, e.vmo, ZX_RIGHT_READ);
	ev = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_supply_pages(e.pager, e.vmo, 1, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, 1, aux, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, aux, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_supply_pages(e.pager, other.vmo, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pager_supply_pages(e.pager, plain, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pager_supply_pages(e.pager, e.vmo, PG, 2 * PG, aux, 0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, 2 * PG, aux, PG));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pager_supply_pages(e.pager, e.vmo, UINT64_MAX & ~(PG - 1),
					PG, aux, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, ro_aux, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pager_supply_pages(e.pager, ro_vmo, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_supply_pages(ev, e.vmo, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_supply_pages(e.pager, ev, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, ev, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG,
					ZXT_BOGUS_HANDLE, 0));
	/* aux must be a plain VMO without children. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, plain, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, slice, 0));
	ASSERT_ZX_OK(zx_vmo_create_child(aux, ZX_VMO_CHILD_SNAPSHOT, 0, PG,
					 &child));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, aux, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, child, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(e.pager, e.vmo, 0, PG, other.vmo, 0));
	EXPECT_EQ(0u, committed(_metadata, e.vmo));

	EXPECT_ZX_OK(zx_handle_close(child));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(ro_vmo));
	EXPECT_ZX_OK(zx_handle_close(ro_aux));
	EXPECT_ZX_OK(zx_handle_close(slice));
	EXPECT_ZX_OK(zx_handle_close(plain));
	EXPECT_ZX_OK(zx_handle_close(aux));
	env_close(_metadata, &other);
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/* ---- the VMO's other paths ----------------------------------------------------- */

TEST(commit_slices_streams_and_refused_ops)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	zx_handle_t slice, snap, stream;
	uint8_t buf[4] = { 0 };
	zx_iovec_t v = { .buffer = buf, .capacity = 2 };
	size_t actual = 0;
	uint64_t cs;

	env_new(_metadata, &e, 3 * PG, 0);
	/* A slice reads through its parent's pager. */
	ASSERT_ZX_OK(zx_vmo_create_child(e.vmo, ZX_VMO_CHILD_SLICE, PG, PG,
					 &slice));
	supply(_metadata, &e, PG, 1, 40);
	ASSERT_ZX_OK(zx_vmo_read(slice, buf, 1, 1));
	EXPECT_EQ(41, buf[0]);
	/* A stream too. */
	ASSERT_ZX_OK(zx_stream_create(ZX_STREAM_MODE_READ, e.vmo, PG + 2,
				      &stream));
	ASSERT_ZX_OK(zx_stream_readv(stream, 0, &v, 1, &actual));
	EXPECT_EQ(2u, actual);
	EXPECT_EQ(42, buf[0]);
	EXPECT_ZX_OK(zx_handle_close(stream));
	/*
	 * Stream writes at the content size work; a gap past it would need
	 * zeroing, which pager-backed VMOs do not offer.
	 */
	ASSERT_ZX_OK(zx_stream_create(ZX_STREAM_MODE_WRITE, e.vmo, 0,
				      &stream));
	cs = PG + 10;
	ASSERT_ZX_OK(zx_object_set_property(e.vmo, ZX_PROP_VMO_CONTENT_SIZE,
					    &cs, sizeof(cs)));
	ASSERT_ZX_OK(zx_stream_writev_at(stream, 0, PG + 10, &v, 1, &actual));
	EXPECT_EQ(2u, actual);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_stream_writev_at(stream, 0, PG + 20, &v, 1, &actual));
	ASSERT_ZX_OK(zx_object_get_property(e.vmo, ZX_PROP_VMO_CONTENT_SIZE,
					    &cs, sizeof(cs)));
	EXPECT_EQ(PG + 12, cs);

	/* Snapshots, decommit and zero would lose the pager's content. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_create_child(e.vmo, ZX_VMO_CHILD_SNAPSHOT, 0, PG,
				      &snap));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_create_child(e.vmo,
				      ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
				      0, PG, &snap));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_op_range(e.vmo, ZX_VMO_OP_DECOMMIT, PG, PG, NULL, 0));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_op_range(e.vmo, ZX_VMO_OP_ZERO, 0, 1, NULL, 0));
	/* Commit asks for what is missing and succeeds once supplied. */
	EXPECT_ZX_OK(zx_vmo_op_range(e.vmo, ZX_VMO_OP_COMMIT, PG, PG, NULL,
				     0));
	EXPECT_EQ(PG, committed(_metadata, e.vmo));
	expect_no_packet(_metadata, e.port);

	EXPECT_ZX_OK(zx_handle_close(stream));
	EXPECT_ZX_OK(zx_handle_close(slice));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

struct committer {
	zx_handle_t vmo;
	zx_status_t status;
};

static void *committer_main(void *arg)
{
	struct committer *c = arg;

	c->status = zx_vmo_op_range(c->vmo, ZX_VMO_OP_COMMIT, 0, 2 * 4096,
				    NULL, 0);
	return NULL;
}

TEST(commit_waits_for_supplies)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct committer c;
	struct pager_env e;
	pthread_t t;

	if (PG != 4096)
		SKIP(return, "4 KiB pages assumed");
	env_new(_metadata, &e, 2 * PG, 0);
	c.vmo = e.vmo;
	c.status = 1;
	zxt_thread_start(_metadata, &t, committer_main, &c);
	expect_read_request(_metadata, e.port, 0);
	supply(_metadata, &e, 0, 1, 0);
	expect_read_request(_metadata, e.port, PG);
	ASSERT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, PG,
				       PG, (uint64_t)(int64_t)ZX_ERR_IO));
	zxt_thread_join(_metadata, t);
	EXPECT_ZX(ZX_ERR_IO, c.status);
	EXPECT_EQ(PG, committed(_metadata, e.vmo));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/* ---- faults through mappings ---------------------------------------------- */

static zx_vaddr_t map_rw(struct __test_metadata *_metadata, zx_handle_t vmo,
			 uint64_t len)
{
	zx_vaddr_t addr = 0;

	EXPECT_ZX_OK(zx_vmar_map(zx_vmar_root_self(),
				 ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0,
				 len, &addr));
	return addr;
}

TEST(faults_wait_for_supplied_pages)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct accessor ld, st;
	struct pager_env e;
	uint8_t buf[2];
	zx_vaddr_t map;

	env_new(_metadata, &e, 4 * PG, 0);
	map = map_rw(_metadata, e.vmo, 4 * PG);
	ASSERT_NE(0u, map);
	/* A load blocks on a request for its page. */
	accessor_start_mapped(_metadata, &ld, map, PG + 10, 2, false, 0);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &ld);
	/* A store to a missing page asks for it too, then writes into it. */
	accessor_start_mapped(_metadata, &st, map, 3 * PG + 1, 1, true, 0xee);
	expect_read_request(_metadata, e.port, 3 * PG);
	accessor_blocked(_metadata, &st);
	supply(_metadata, &e, PG, 1, 40);
	ASSERT_ZX_OK(accessor_join(_metadata, &ld));
	EXPECT_EQ(50, ld.buf[0]);
	EXPECT_EQ(51, ld.buf[1]);
	accessor_blocked(_metadata, &st);
	supply(_metadata, &e, 3 * PG, 1, 0);
	ASSERT_ZX_OK(accessor_join(_metadata, &st));
	ASSERT_ZX_OK(zx_vmo_read(e.vmo, buf, 3 * PG, 2));
	EXPECT_EQ(0, buf[0]);
	EXPECT_EQ(0xee, buf[1]);
	/* Present pages fault in without asking. */
	EXPECT_EQ(41, ((volatile uint8_t *)map)[PG + 1]);
	expect_no_packet(_metadata, e.port);
	free(ld.buf);
	free(st.buf);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 4 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/*
 * The fault waits without mmap_lock: the pager thread of the same process
 * can map and unmap (which take it for writing) before it supplies.
 */
TEST(the_pager_can_map_while_a_fault_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	zx_vaddr_t map, other;
	zx_handle_t vmo;
	void *p;

	env_new(_metadata, &e, PG, 0);
	map = map_rw(_metadata, e.vmo, PG);
	ASSERT_NE(0u, map);
	accessor_start_mapped(_metadata, &a, map, 0, 1, false, 0);
	expect_read_request(_metadata, e.port, 0);
	accessor_blocked(_metadata, &a);
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &vmo));
	other = map_rw(_metadata, vmo, PG);
	ASSERT_NE(0u, other);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), other, PG));
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, munmap(p, PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	accessor_blocked(_metadata, &a);
	supply(_metadata, &e, 0, 1, 9);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	EXPECT_EQ(9, a.buf[0]);
	free(a.buf);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(a_failed_request_raises_sigbus_at_the_faulting_address)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	zx_vaddr_t map;

	catch_sigbus(_metadata);
	env_new(_metadata, &e, 2 * PG, 0);
	map = map_rw(_metadata, e.vmo, 2 * PG);
	ASSERT_NE(0u, map);
	accessor_start_mapped(_metadata, &a, map, PG + 7, 1, false, 0);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &a);
	ASSERT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo, PG,
				       PG, (uint64_t)(int64_t)ZX_ERR_IO));
	ASSERT_ZX(GOT_SIGBUS, accessor_join(_metadata, &a));
	EXPECT_EQ((void *)(map + PG + 7), a.bus_addr);
	free(a.buf);
	/* The failure is not remembered: the next fault asks again. */
	accessor_start_mapped(_metadata, &a, map, PG + 7, 1, false, 0);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &a);
	supply(_metadata, &e, PG, 1, 1);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	EXPECT_EQ(8, a.buf[0]);
	free(a.buf);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 2 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST(detaching_raises_sigbus_for_missing_pages_only)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	struct accessor a;
	zx_vaddr_t map;

	catch_sigbus(_metadata);
	env_new(_metadata, &e, 3 * PG, 0);
	supply(_metadata, &e, 0, 1, 20);
	map = map_rw(_metadata, e.vmo, 3 * PG);
	ASSERT_NE(0u, map);
	accessor_start_mapped(_metadata, &a, map, PG, 1, false, 0);
	expect_read_request(_metadata, e.port, PG);
	accessor_blocked(_metadata, &a);
	ASSERT_ZX_OK(zx_pager_detach_vmo(e.pager, e.vmo));
	ASSERT_ZX(GOT_SIGBUS, accessor_join(_metadata, &a));
	EXPECT_EQ((void *)(map + PG), a.bus_addr);
	free(a.buf);
	/* Later faults on missing pages fail at once; present pages stay. */
	accessor_start_mapped(_metadata, &a, map, 2 * PG, 1, true, 0);
	ASSERT_ZX(GOT_SIGBUS, accessor_join(_metadata, &a));
	EXPECT_EQ((void *)(map + 2 * PG), a.bus_addr);
	free(a.buf);
	EXPECT_EQ(25, ((volatile uint8_t *)map)[5]);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 3 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/* A user fault that waits returns to user space for a signal's handler. */
static int usr1_count;

static void count_usr1(int sig)
{
	(void)sig;
	__atomic_add_fetch(&usr1_count, 1, __ATOMIC_RELAXED);
}

TEST(signal_handlers_run_while_a_fault_waits)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct sigaction sa = { .sa_handler = count_usr1 };
	struct pager_env e;
	struct accessor a;
	zx_vaddr_t map;
	int i;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	env_new(_metadata, &e, PG, 0);
	map = map_rw(_metadata, e.vmo, PG);
	ASSERT_NE(0u, map);
	accessor_start_mapped(_metadata, &a, map, 3, 1, false, 0);
	expect_read_request(_metadata, e.port, 0);
	for (i = 1; i <= 3; i++) {
		accessor_blocked(_metadata, &a);
		ASSERT_EQ(0, pthread_kill(a.thread, SIGUSR1));
		while (__atomic_load_n(&usr1_count, __ATOMIC_RELAXED) < i)
			zxt_sleep_ms(1);
	}
	/* Back in the fault, on the same request. */
	accessor_blocked(_metadata, &a);
	expect_no_packet(_metadata, e.port);
	supply(_metadata, &e, 0, 1, 4);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	EXPECT_EQ(7, a.buf[0]);
	free(a.buf);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/* Waits until @tid sleeps in any state (a kernel copy waits killably). */
static bool thread_asleep(pid_t tid)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	char state;

	for (;;) {
		state = zxt_thread_state(tid);
		if (state == 'S' || state == 'D')
			return true;
		if (zxt_now() > give_up)
			return false;
		zxt_sleep_ms(1);
	}
}

/*
 * The kernel's own copies from a paged mapping wait the same way: a
 * vmo_write whose source buffer is the mapping.  A signal does not make
 * them spin or fail; a failed request fails the copy.
 */
TEST(kernel_copies_from_a_mapping_wait_for_the_pager)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct sigaction sa = { .sa_handler = count_usr1 };
	struct pager_env e;
	zx_port_packet_t pkt;
	struct accessor a;
	zx_handle_t sink;
	zx_vaddr_t map;
	uint8_t buf[2];
	int asks;

	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	env_new(_metadata, &e, 2 * PG, 0);
	map = map_rw(_metadata, e.vmo, 2 * PG);
	ASSERT_NE(0u, map);
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &sink));
	/* A vmo_write whose source is the mapping's second page. */
	memset(&a, 0, sizeof(a));
	a.vmo = sink;
	a.len = 2;
	a.write = true;
	a.buf = (uint8_t *)(map + PG);
	a.status = 1;
	zxt_thread_start(_metadata, &a.thread, accessor_main, &a);
	expect_read_request(_metadata, e.port, PG);
	while (!__atomic_load_n(&a.tid, __ATOMIC_ACQUIRE))
		sched_yield();
	ASSERT_TRUE(thread_asleep(a.tid));
	ASSERT_EQ(0, pthread_kill(a.thread, SIGUSR1));
	zxt_sleep_ms(20);
	ASSERT_TRUE(thread_asleep(a.tid));
	EXPECT_EQ(1, __atomic_load_n(&a.status, __ATOMIC_ACQUIRE));
	expect_no_packet(_metadata, e.port);
	supply(_metadata, &e, PG, 1, 60);
	ASSERT_ZX_OK(accessor_join(_metadata, &a));
	ASSERT_ZX_OK(zx_vmo_read(sink, buf, 0, 2));
	EXPECT_EQ(60, buf[0]);
	EXPECT_EQ(61, buf[1]);
	/*
	 * A failed request: the copy fails, as with any bad buffer.  Some
	 * kernels retry a failed copy a byte at a time, which asks again
	 * (failures are not remembered): the pager fails each ask.
	 */
	a.buf = (uint8_t *)map;
	a.tid = 0;
	a.status = 1;
	zxt_thread_start(_metadata, &a.thread, accessor_main, &a);
	expect_read_request(_metadata, e.port, 0);
	asks = 0;
	do {
		ASSERT_ZX_OK(zx_pager_op_range(e.pager, ZX_PAGER_OP_FAIL, e.vmo,
					       0, PG,
					       (uint64_t)(int64_t)ZX_ERR_IO));
		asks++;
	} while (asks < 4 &&
		 zx_port_wait(e.port, zx_deadline_after(ZX_MSEC(NO_PACKET_MS)),
			      &pkt) == ZX_OK);
	EXPECT_GT(4, asks);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, accessor_join(_metadata, &a));
	EXPECT_ZX_OK(zx_handle_close(sink));
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 2 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

static int fault_forever(void *arg)
{
	zx_handle_t pager, port, vmo;
	zx_vaddr_t map;
	uint64_t pg = zx_system_get_page_size();

	(void)arg;
	CHILD_CHECK_ZX(ZX_OK, zx_pager_create(0, &pager));
	CHILD_CHECK_ZX(ZX_OK, zx_port_create(0, &port));
	CHILD_CHECK_ZX(ZX_OK, zx_pager_create_vmo(pager, 0, port, KEY, pg,
						  &vmo));
	CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(zx_vmar_root_self(),
					  ZX_VM_PERM_READ, 0, vmo, 0, pg,
					  &map));
	/* Nobody answers: only a kill ends this. */
	return *(volatile uint8_t *)map;
}

TEST(killed_while_faulting)
{
	struct zxt_live base = zxt_settle(_metadata);
	int status = 0;
	pid_t child;

	fflush(stdout);
	fflush(stderr);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0)
		_exit(fault_forever(NULL));
	ASSERT_TRUE(proc_sleeping(child));
	ASSERT_EQ(0, kill(child, SIGKILL));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	ASSERT_LIVE_EQ(base);
}

/* vmar_op_range COMMIT through a mapping waits for the pager, unlocked. */
struct range_committer {
	zx_vaddr_t addr;
	uint64_t len;
	zx_status_t status;
	pid_t tid;
};

static void *range_committer_main(void *arg)
{
	struct range_committer *c = arg;

	__atomic_store_n(&c->tid, zxt_gettid(), __ATOMIC_RELEASE);
	__atomic_store_n(&c->status,
			 zx_vmar_op_range(zx_vmar_root_self(),
					  ZX_VMAR_OP_COMMIT, c->addr, c->len,
					  NULL, 0),
			 __ATOMIC_RELEASE);
	return NULL;
}

TEST(vmar_commit_of_a_paged_mapping_waits_for_supplies)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct range_committer c = { .status = 1 };
	struct pager_env e;
	zx_vaddr_t map, other;
	zx_handle_t vmo;
	pthread_t t;

	env_new(_metadata, &e, 2 * PG, 0);
	supply(_metadata, &e, 0, 1, 0);
	map = map_rw(_metadata, e.vmo, 2 * PG);
	ASSERT_NE(0u, map);
	c.addr = map;
	c.len = 2 * PG;
	zxt_thread_start(_metadata, &t, range_committer_main, &c);
	/* Only the missing page is asked for. */
	expect_read_request(_metadata, e.port, PG);
	while (!__atomic_load_n(&c.tid, __ATOMIC_ACQUIRE))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(c.tid));
	/* mmap_lock is free meanwhile. */
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &vmo));
	other = map_rw(_metadata, vmo, PG);
	ASSERT_NE(0u, other);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), other, PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_EQ(1, __atomic_load_n(&c.status, __ATOMIC_ACQUIRE));
	supply(_metadata, &e, PG, 1, 0);
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(c.status);
	EXPECT_EQ(2 * PG, committed(_metadata, e.vmo));
	/* DECOMMIT stays refused on pager-backed VMOs. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmar_op_range(zx_vmar_root_self(), ZX_VMAR_OP_DECOMMIT,
				   map, 2 * PG, NULL, 0));
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 2 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

/* ZX_VM_MAP_RANGE maps what is there and asks for nothing. */
TEST(map_range_of_a_paged_vmo_asks_for_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct pager_env e;
	zx_vaddr_t map;

	env_new(_metadata, &e, 4 * PG, 0);
	supply(_metadata, &e, PG, 1, 30);
	ASSERT_ZX_OK(zx_vmar_map(zx_vmar_root_self(),
				 ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, 0, e.vmo,
				 0, 4 * PG, &map));
	expect_no_packet(_metadata, e.port);
	EXPECT_EQ(31, ((volatile uint8_t *)map)[PG + 1]);
	ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), map, 4 * PG));
	env_close(_metadata, &e);
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Thread objects: zx_thread_self() names the calling Linux thread.
 *
 * The handle belongs to the runtime (libzx keeps one per thread and closes
 * it when the thread exits), so tests never close it; a test that asks for
 * the main thread's handle does so before taking its baseline.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <zircon/syscalls/port.h>

#include "zx_test.h"
#include "../uapi/zircon_ioctl.h"

struct th_result {
	pthread_t thread;
	zx_handle_t first, second;
	zx_info_handle_basic_t info;
	zx_status_t info_status;
	int ready;
	int stop;
};

static void *th_self_main(void *arg)
{
	struct th_result *r = arg;

	r->first = zx_thread_self();
	r->second = zx_thread_self();
	r->info_status = zx_object_get_info(r->first, ZX_INFO_HANDLE_BASIC,
					    &r->info, sizeof(r->info),
					    NULL, NULL);
	__atomic_store_n(&r->ready, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Like th_self_main, then stays until told to stop. */
static void *th_self_hold_main(void *arg)
{
	struct th_result *r = arg;

	th_self_main(r);
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	return NULL;
}

TEST(self_basic_info)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_handle_basic_t info;
	zx_koid_t proc_koid;

	ASSERT_NE(ZX_HANDLE_INVALID, self);
	/* Cached: the same handle every time. */
	EXPECT_EQ(self, zx_thread_self());
	info = zxt_basic(_metadata, self);
	EXPECT_EQ(ZX_OBJ_TYPE_THREAD, info.type);
	EXPECT_NE(ZX_KOID_INVALID, info.koid);
	EXPECT_EQ(ZX_DEFAULT_THREAD_RIGHTS, info.rights);
	proc_koid = zxt_koid(_metadata, zx_process_self());
	EXPECT_EQ(proc_koid, info.related_koid);
	EXPECT_NE(proc_koid, info.koid);
	/* A thread object carries user signals like any object. */
	EXPECT_ZX_OK(zx_object_signal(self, 0, ZX_USER_SIGNAL_2));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, zxt_signals(_metadata, self));
	EXPECT_ZX_OK(zx_object_signal(self, ZX_USER_SIGNAL_2, 0));
	ASSERT_LIVE_EQ(base);
}

/* Every ask of the kernel names the same object: the same koid. */
TEST(kernel_finds_the_same_object_again)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h1 = ZX_HANDLE_INVALID, h2 = ZX_HANDLE_INVALID;
	struct zx_create_args args = { 0 };
	int fd;

	fd = open("/dev/zircon", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	args.out = (uintptr_t)&h1;
	ASSERT_EQ(0, ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	args.out = (uintptr_t)&h2;
	ASSERT_EQ(0, ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	EXPECT_NE(h1, h2);
	EXPECT_NE(self, h1);
	EXPECT_EQ(zxt_koid(_metadata, self), zxt_koid(_metadata, h1));
	EXPECT_EQ(zxt_koid(_metadata, self), zxt_koid(_metadata, h2));
	/* Three handles, one object. */
	EXPECT_EQ(3u, zxt_handle_count(_metadata, self));

	/* Bad arguments. */
	args.options = 1;
	EXPECT_EQ(-ZX_ERR_INVALID_ARGS,
		  ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	args.options = 0;
	args.out = (uintptr_t)ZXT_BAD_PTR;
	EXPECT_EQ(-ZX_ERR_INVALID_ARGS,
		  ioctl(fd, ZX_IOC_THREAD_SELF, &args));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(h1));
	EXPECT_ZX_OK(zx_handle_close(h2));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, self));
	ASSERT_LIVE_EQ(base);
}

TEST(koid_differs_per_thread)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t main_koid = zxt_koid(_metadata, self);
	zx_koid_t proc_koid = zxt_koid(_metadata, zx_process_self());
	struct th_result r[4];
	int i, j;

	memset(r, 0, sizeof(r));
	/* All alive at once, so no koid could be a reused one. */
	for (i = 0; i < 4; i++)
		zxt_thread_start(_metadata, &r[i].thread, th_self_hold_main,
				 &r[i]);
	for (i = 0; i < 4; i++)
		while (!__atomic_load_n(&r[i].ready, __ATOMIC_ACQUIRE))
			zxt_sleep_ms(1);
	for (i = 0; i < 4; i++) {
		ASSERT_ZX_OK(r[i].info_status);
		EXPECT_NE(ZX_HANDLE_INVALID, r[i].first);
		EXPECT_EQ(r[i].first, r[i].second);
		EXPECT_EQ(ZX_OBJ_TYPE_THREAD, r[i].info.type);
		EXPECT_EQ(proc_koid, r[i].info.related_koid);
		EXPECT_NE(main_koid, r[i].info.koid);
		for (j = 0; j < i; j++) {
			EXPECT_NE(r[j].info.koid, r[i].info.koid);
			EXPECT_NE(r[j].first, r[i].first);
		}
	}
	for (i = 0; i < 4; i++) {
		__atomic_store_n(&r[i].stop, 1, __ATOMIC_RELEASE);
		zxt_thread_join(_metadata, r[i].thread);
	}
	/* The threads are gone, and with their handles their objects. */
	ASSERT_LIVE_EQ(base);
}

/* A thread object outlives its thread while a handle holds it. */
TEST(handle_outlives_thread)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct th_result r;
	zx_handle_t dup;
	zx_info_handle_basic_t info;

	memset(&r, 0, sizeof(r));
	zxt_thread_start(_metadata, &r.thread, th_self_main, &r);
	zxt_thread_join(_metadata, r.thread);
	ASSERT_ZX_OK(r.info_status);
	/* The exiting thread closed its handle: nothing is left. */
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(r.first));
	ASSERT_LIVE_EQ(base);

	/* Now keep a duplicate made while it ran. */
	memset(&r, 0, sizeof(r));
	zxt_thread_start(_metadata, &r.thread, th_self_hold_main, &r);
	while (!__atomic_load_n(&r.ready, __ATOMIC_ACQUIRE))
		zxt_sleep_ms(1);
	ASSERT_ZX_OK(r.info_status);
	dup = zxt_dup(_metadata, r.first, ZX_RIGHT_SAME_RIGHTS);
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	zxt_thread_join(_metadata, r.thread);
	info = zxt_basic(_metadata, dup);
	EXPECT_EQ(r.info.koid, info.koid);
	EXPECT_EQ(ZX_OBJ_TYPE_THREAD, info.type);
	EXPECT_ZX_OK(zx_handle_close(dup));
	ASSERT_LIVE_EQ(base);
}

/* Threads that skip every exit handler: the process context cleans up. */
static void *th_raw_exit_main(void *arg)
{
	struct th_result *r = arg;

	th_self_main(r);
	syscall(SYS_exit, 0);
	return NULL;
}

static int th_raw_exit_child(void *arg)
{
	struct th_result r[3];
	int i;

	memset(r, 0, sizeof(r));
	CHILD_CHECK(zx_thread_self() != ZX_HANDLE_INVALID);
	for (i = 0; i < 3; i++) {
		CHILD_CHECK(pthread_create(&r[i].thread, NULL,
					   th_raw_exit_main, &r[i]) == 0);
		/* The kernel clears the tid on exit, so join still works. */
		CHILD_CHECK(pthread_join(r[i].thread, NULL) == 0);
		CHILD_CHECK_ZX(ZX_OK, r[i].info_status);
		/* Its handle was never closed: the object is still there. */
		CHILD_CHECK_ZX(ZX_OK, zxt_valid(r[i].first));
	}
	return 0;
}

TEST(threads_exiting_silently_are_freed_with_the_process)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(th_raw_exit_child, NULL));
	ASSERT_LIVE_EQ(base);
}

/* A fork child's thread is a new thread in a new process. */
struct th_fork_arg {
	zx_koid_t parent_thread;
	zx_koid_t parent_process;
};

static int th_fork_child(void *arg)
{
	struct th_fork_arg *a = arg;
	zx_info_handle_basic_t info;
	zx_handle_t self = zx_thread_self();

	CHILD_CHECK(self != ZX_HANDLE_INVALID);
	CHILD_CHECK(self == zx_thread_self());
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(self, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info),
						 NULL, NULL));
	CHILD_CHECK(info.type == ZX_OBJ_TYPE_THREAD);
	CHILD_CHECK(info.koid != a->parent_thread);
	CHILD_CHECK(info.related_koid != a->parent_process);
	CHILD_CHECK(info.related_koid != ZX_KOID_INVALID);
	return 0;
}

TEST(fork_child_gets_its_own_thread)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	struct th_fork_arg a = {
		.parent_thread = zxt_koid(_metadata, self),
		.parent_process = zxt_koid(_metadata, zx_process_self()),
	};

	ASSERT_CHILD_OK(zxt_fork_run(th_fork_child, &a));
	EXPECT_EQ(self, zx_thread_self());
	EXPECT_EQ(a.parent_thread, zxt_koid(_metadata, self));
	ASSERT_LIVE_EQ(base);
}

/* Many short-lived threads: no object or handle is left behind. */
TEST(many_threads_leave_nothing)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct th_result r[16];
	int round, i;

	for (round = 0; round < 4; round++) {
		memset(r, 0, sizeof(r));
		for (i = 0; i < 16; i++)
			zxt_thread_start(_metadata, &r[i].thread,
					 th_self_main, &r[i]);
		for (i = 0; i < 16; i++) {
			zxt_thread_join(_metadata, r[i].thread);
			EXPECT_ZX_OK(r[i].info_status);
			EXPECT_EQ(ZX_OBJ_TYPE_THREAD, r[i].info.type);
		}
	}
	ASSERT_LIVE_EQ(base);
}

/* ---- ZX_INFO_THREAD, THREAD_STATS and TASK_RUNTIME ------------------------ */

static zx_info_thread_t thread_info(struct __test_metadata *_metadata,
				    zx_handle_t h)
{
	zx_info_thread_t info;

	memset(&info, 0xcc, sizeof(info));
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_THREAD, &info, sizeof(info),
					NULL, NULL));
	return info;
}

/* A thread that sleeps on a futex of ours until told. */
struct th_futex {
	pthread_t thread;
	zx_handle_t self;
	zx_futex_t word;
	pid_t tid;
};

static void *th_futex_main(void *arg)
{
	struct th_futex *f = arg;

	f->self = zx_thread_self();
	__atomic_store_n(&f->tid, zxt_gettid(), __ATOMIC_RELEASE);
	while (!__atomic_load_n(&f->word, __ATOMIC_ACQUIRE))
		zx_futex_wait(&f->word, 0, ZX_HANDLE_INVALID,
			      zx_deadline_after(ZX_SEC(60)));
	return NULL;
}

TEST(info_thread_reports_running_blocked_and_dead)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct th_futex f = { 0 };
	zx_info_thread_t info;
	cpu_set_t cpus;
	zx_handle_t dup;
	int cpu, n = 0;

	zxt_thread_start(_metadata, &f.thread, th_futex_main, &f);
	while (!__atomic_load_n(&f.tid, __ATOMIC_ACQUIRE))
		sched_yield();
	ASSERT_TRUE(zxt_wait_until_sleeping(f.tid));
	dup = zxt_dup(_metadata, f.self, ZX_RIGHT_SAME_RIGHTS);
	info = thread_info(_metadata, dup);
	EXPECT_EQ(ZX_THREAD_STATE_BLOCKED_FUTEX, info.state);
	EXPECT_EQ(ZX_THREAD_STATE_BLOCKED,
		  ZX_THREAD_STATE_BASIC(info.state));
	EXPECT_EQ(0u, info.wait_exception_channel_type);
	/* The mask is the task's Linux affinity. */
	ASSERT_EQ(0, sched_getaffinity(f.tid, sizeof(cpus), &cpus));
	for (cpu = 0; cpu < CPU_SETSIZE && cpu < ZX_CPU_SET_MAX_CPUS; cpu++) {
		EXPECT_EQ(!!CPU_ISSET(cpu, &cpus),
			  !!(info.cpu_affinity_mask.mask[cpu / 64] &
			     (1ull << (cpu % 64))));
		n += !!CPU_ISSET(cpu, &cpus);
	}
	EXPECT_LT(0, n);
	__atomic_store_n(&f.word, 1, __ATOMIC_RELEASE);
	EXPECT_ZX_OK(zx_futex_wake(&f.word, 1));
	zxt_thread_join(_metadata, f.thread);
	/* Joined once its tid is cleared; the task goes a little later. */
	for (n = 0; n < ZXT_SETTLE_MS; n++) {
		info = thread_info(_metadata, dup);
		if (info.state != ZX_THREAD_STATE_DYING)
			break;
		zxt_sleep_ms(1);
	}
	EXPECT_EQ(ZX_THREAD_STATE_DEAD, info.state);
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_object_get_info(dup, ZX_INFO_THREAD_STATS, &info,
				     sizeof(zx_info_thread_stats_t), NULL,
				     NULL));
	EXPECT_ZX_OK(zx_handle_close(dup));
	ASSERT_LIVE_EQ(base);
}

/*
 * A thread blocked in a Zircon call shows which call in ZX_INFO_THREAD, as
 * Zircon reports it: debuggers and tests wait for exactly that state.
 */
struct th_blocker {
	pthread_t thread;
	zx_handle_t self;
	int kind;
	zx_handle_t a, b;		/* what it blocks on */
};

enum { TH_WAIT_ONE, TH_WAIT_MANY, TH_PORT, TH_CHANNEL, TH_SLEEP, TH_PAGER };

static void *th_blocker_main(void *arg)
{
	struct th_blocker *b = arg;
	zx_wait_item_t item = { .handle = b->a, .waitfor = ZX_USER_SIGNAL_0 };
	zx_channel_call_args_t call = { 0 };
	uint32_t nbytes, nhandles;
	zx_port_packet_t pkt;
	uint8_t byte[8] = { 0 };

	__atomic_store_n(&b->self, zx_thread_self(), __ATOMIC_RELEASE);
	switch (b->kind) {
	case TH_WAIT_ONE:
		zx_object_wait_one(b->a, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE,
				   NULL);
		break;
	case TH_WAIT_MANY:
		zx_object_wait_many(&item, 1, ZX_TIME_INFINITE);
		break;
	case TH_PORT:
		zx_port_wait(b->a, ZX_TIME_INFINITE, &pkt);
		break;
	case TH_CHANNEL:
		call.wr_bytes = byte;
		call.wr_num_bytes = sizeof(byte);
		call.rd_bytes = byte;
		call.rd_num_bytes = sizeof(byte);
		zx_channel_call(b->a, 0, ZX_TIME_INFINITE, &call, &nbytes,
				&nhandles);
		break;
	case TH_SLEEP:
		zx_nanosleep(zx_deadline_after(ZX_SEC(2)));
		break;
	case TH_PAGER:
		zx_vmo_read(b->a, byte, 0, 1);
		break;
	}
	return NULL;
}

/* Waits (bounded) until the thread reports @want; returns what it saw. */
static uint32_t th_wait_for_state(zx_handle_t thread, uint32_t want)
{
	zx_info_thread_t info = { 0 };
	int i;

	for (i = 0; i < ZXT_SETTLE_MS; i++) {
		if (zx_object_get_info(thread, ZX_INFO_THREAD, &info,
				       sizeof(info), NULL, NULL) == ZX_OK &&
		    info.state == want)
			break;
		zxt_sleep_ms(1);
	}
	return info.state;
}

TEST(info_thread_names_the_call_it_is_blocked_in)
{
	struct zxt_live base = zxt_settle(_metadata);
	const uint32_t want[] = {
		[TH_WAIT_ONE] = ZX_THREAD_STATE_BLOCKED_WAIT_ONE,
		[TH_WAIT_MANY] = ZX_THREAD_STATE_BLOCKED_WAIT_MANY,
		[TH_PORT] = ZX_THREAD_STATE_BLOCKED_PORT,
		[TH_CHANNEL] = ZX_THREAD_STATE_BLOCKED_CHANNEL,
		[TH_SLEEP] = ZX_THREAD_STATE_BLOCKED_SLEEPING,
		[TH_PAGER] = ZX_THREAD_STATE_BLOCKED_PAGER,
	};
	zx_handle_t pager = ZX_HANDLE_INVALID;
	struct th_blocker b;
	int kind;

	for (kind = 0; kind <= TH_PAGER; kind++) {
		memset(&b, 0, sizeof(b));
		b.kind = kind;
		switch (kind) {
		case TH_WAIT_ONE:
		case TH_WAIT_MANY:
			b.a = zxt_event(_metadata);
			break;
		case TH_PORT:
			ASSERT_ZX_OK(zx_port_create(0, &b.a));
			break;
		case TH_CHANNEL:
			ASSERT_ZX_OK(zx_channel_create(0, &b.a, &b.b));
			break;
		case TH_SLEEP:
			break;
		case TH_PAGER:
			ASSERT_ZX_OK(zx_pager_create(0, &pager));
			ASSERT_ZX_OK(zx_port_create(0, &b.b));
			ASSERT_ZX_OK(zx_pager_create_vmo(pager, 0, b.b, 0,
							 4096, &b.a));
			break;
		}
		zxt_thread_start(_metadata, &b.thread, th_blocker_main, &b);
		while (!__atomic_load_n(&b.self, __ATOMIC_ACQUIRE))
			sched_yield();
		EXPECT_EQ(want[kind], th_wait_for_state(b.self, want[kind])) {
			TH_LOG("case %d", kind);
		}
		/* Let it go: the same call ends each way. */
		switch (kind) {
		case TH_WAIT_ONE:
		case TH_WAIT_MANY:
			EXPECT_ZX_OK(zx_object_signal(b.a, 0,
						      ZX_USER_SIGNAL_0));
			break;
		case TH_PORT: {
			zx_port_packet_t pkt = { .type = ZX_PKT_TYPE_USER };

			EXPECT_ZX_OK(zx_port_queue(b.a, &pkt));
			break;
		}
		case TH_CHANNEL:
			EXPECT_ZX_OK(zx_handle_close(b.b));
			b.b = ZX_HANDLE_INVALID;
			break;
		case TH_PAGER:
			EXPECT_ZX_OK(zx_pager_op_range(pager,
						       ZX_PAGER_OP_FAIL, b.a,
						       0, 4096,
						       ZX_ERR_IO));
			break;
		}
		zxt_thread_join(_metadata, b.thread);
		/* Back from the call, the state says so no more. */
		EXPECT_NE(want[kind], th_wait_for_state(b.self,
							ZX_THREAD_STATE_DEAD));
		zx_handle_close(b.self);
		zx_handle_close(b.a);
		zx_handle_close(b.b);
	}
	zx_handle_close(pager);
	ASSERT_LIVE_EQ(base);
}

static void burn_cpu_ms(int ms)
{
	zx_time_t end = zxt_now() + (zx_time_t)ms * 1000000;
	volatile unsigned long x = 0;

	while (zxt_now() < end)
		x++;
}

TEST(runtime_grows_with_work)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_task_runtime_t rt0, rt1, prt;
	zx_info_thread_stats_t stats;
	zx_info_thread_t info;
	zx_handle_t ev;

	info = thread_info(_metadata, self);
	EXPECT_EQ(ZX_THREAD_STATE_RUNNING, info.state);
	ASSERT_ZX_OK(zx_object_get_info(self, ZX_INFO_TASK_RUNTIME, &rt0,
					sizeof(rt0), NULL, NULL));
	burn_cpu_ms(50);
	ASSERT_ZX_OK(zx_object_get_info(self, ZX_INFO_TASK_RUNTIME, &rt1,
					sizeof(rt1), NULL, NULL));
	EXPECT_LT(rt0.cpu_time, rt1.cpu_time);
	EXPECT_EQ(0, rt1.page_fault_time);
	ASSERT_ZX_OK(zx_object_get_info(self, ZX_INFO_THREAD_STATS, &stats,
					sizeof(stats), NULL, NULL));
	EXPECT_LE(rt1.cpu_time, stats.total_runtime);
	EXPECT_GT((uint32_t)sysconf(_SC_NPROCESSORS_CONF),
		  stats.last_scheduled_cpu);
	/* The process counts every thread, this one included. */
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_TASK_RUNTIME, &prt,
					sizeof(prt), NULL, NULL));
	EXPECT_LE(rt1.cpu_time, prt.cpu_time);
	/* The older, shorter record. */
	ASSERT_ZX_OK(zx_object_get_info(self, ZX_INFO_TASK_RUNTIME_V1, &rt0,
					sizeof(zx_info_task_runtime_v1_t), NULL,
					NULL));
	EXPECT_LE(rt1.cpu_time, rt0.cpu_time);
	/* Rights and types. */
	ASSERT_ZX_OK(zx_handle_duplicate(self, ZX_RIGHT_WAIT, &ev));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(ev, ZX_INFO_THREAD, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(self, ZX_INFO_THREAD, &info,
				     sizeof(info) - 1, NULL, NULL));
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(ev, ZX_INFO_THREAD, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(process_task_stats_follow_its_memory)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_task_stats_t before, after;
	const size_t len = 4 << 20;
	char *p;

	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_TASK_STATS,
					&before, sizeof(before), NULL, NULL));
	EXPECT_LT(0u, before.mem_mapped_bytes);
	EXPECT_LE(before.mem_private_bytes, before.mem_mapped_bytes);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	memset(p, 1, len);
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_TASK_STATS,
					&after, sizeof(after), NULL, NULL));
	EXPECT_LE(before.mem_mapped_bytes + len, after.mem_mapped_bytes);
	/* Linux's RSS counters are per-CPU and batched: most of it shows. */
	EXPECT_LE(before.mem_private_bytes + len / 2, after.mem_private_bytes);
	ASSERT_EQ(0, munmap(p, len));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Handle tables belong to processes: a fork() child starts empty, exit()
 * and exec() close everything.  The module's live counters are global, so
 * these tests first wait for earlier test processes to be gone.
 */
#include "zx_test.h"

#include <sys/prctl.h>

/* argv[1] that turns this binary into the exec() test's second image. */
#define EXEC_CHILD_ARG	"--zx-exec-child"

/* ---- a fork() child has its own, empty table --------------------------------------- */

struct parent_handles {
	zx_handle_t event;
	zx_handle_t ep0, ep1;
	zx_handle_t self;
	zx_handle_t job;
	zx_koid_t self_koid;
	zx_koid_t job_koid;
};

static int child_sees_no_parent_handles(void *arg)
{
	const struct parent_handles *p = arg;
	const zx_handle_t values[] = {
		p->event, p->ep0, p->ep1, p->self, p->job,
	};
	zx_info_handle_basic_t info;
	zx_handle_t self, job, ev;
	size_t i;

	/* Before this process makes any handle of its own. */
	for (i = 0; i < ARRAY_SIZE(values); i++) {
		CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(values[i]));
		CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
			       zx_object_signal(values[i], 0,
						ZX_USER_SIGNAL_0));
		CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(values[i]));
	}

	/* Its own startup handles are fresh ones. */
	self = zx_process_self();
	CHILD_CHECK(self != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(self, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info), NULL,
						 NULL));
	CHILD_CHECK(info.type == ZX_OBJ_TYPE_PROCESS);
	CHILD_CHECK(info.koid != p->self_koid);
	CHILD_CHECK(info.koid >= ZX_KOID_FIRST);
	/* Both are in the root job (unprivileged, each has a job of its own). */
	CHILD_CHECK(geteuid() != 0 || info.related_koid == p->job_koid);
	job = zx_job_default();
	CHILD_CHECK(job != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(job, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info), NULL,
						 NULL));
	CHILD_CHECK(geteuid() != 0 || info.koid == p->job_koid);

	/* And it can make handles of its own. */
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ev, ZX_USER_SIGNAL_0, 0,
						 NULL));
	return 0;
}

TEST(fork_child_has_no_handles)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct parent_handles p;

	p.event = zxt_event(_metadata);
	zxt_eventpair(_metadata, &p.ep0, &p.ep1);
	p.self = zx_process_self();
	p.job = zx_job_default();
	p.self_koid = zxt_koid(_metadata, p.self);
	p.job_koid = zxt_koid(_metadata, p.job);
	ASSERT_ZX_OK(zx_object_signal(p.event, 0, ZX_USER_SIGNAL_1));

	ASSERT_CHILD_OK(zxt_fork_run(child_sees_no_parent_handles, &p));

	/* The child neither saw nor disturbed the parent's handles. */
	EXPECT_ZX_OK(zxt_valid(p.event));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, zxt_signals(_metadata, p.event));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, p.ep0));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, p.ep1));
	EXPECT_ZX_OK(zx_object_signal_peer(p.ep0, 0, ZX_USER_SIGNAL_2));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_2, zxt_signals(_metadata, p.ep1));
	EXPECT_EQ(p.self, zx_process_self());
	EXPECT_EQ(p.self_koid, zxt_koid(_metadata, zx_process_self()));
	EXPECT_ZX_OK(zx_handle_close(p.event));
	EXPECT_ZX_OK(zx_handle_close(p.ep0));
	EXPECT_ZX_OK(zx_handle_close(p.ep1));
	ASSERT_LIVE_EQ(base);
}

static int child_reports_process_info(void *arg)
{
	zx_info_process_t info;

	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(zx_process_self(),
						 ZX_INFO_PROCESS, &info,
						 sizeof(info), NULL, NULL));
	CHILD_CHECK((info.flags & ZX_INFO_PROCESS_FLAG_STARTED) != 0);
	CHILD_CHECK((info.flags & ZX_INFO_PROCESS_FLAG_EXITED) == 0);
	CHILD_CHECK(info.start_time > 0);
	return 0;
}

TEST(fork_child_is_a_started_process)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(child_reports_process_info, NULL));
	ASSERT_LIVE_EQ(base);
}

static int child_has_the_comm_as_name(void *arg)
{
	char name[ZX_MAX_NAME_LEN];

	CHILD_CHECK(prctl(PR_SET_NAME, "zx-fork-child", 0, 0, 0) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_property(zx_process_self(),
						     ZX_PROP_NAME, name,
						     sizeof(name)));
	CHILD_CHECK(strcmp(name, "zx-fork-child") == 0);
	return 0;
}

TEST(fork_child_is_named_after_its_comm)
{
	char name[ZX_MAX_NAME_LEN];

	ASSERT_ZX_OK(zx_object_set_property(zx_process_self(), ZX_PROP_NAME,
					    "parent", 6));
	ASSERT_CHILD_OK(zxt_fork_run(child_has_the_comm_as_name, NULL));
	ASSERT_ZX_OK(zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					    name, sizeof(name)));
	EXPECT_STREQ("parent", name);
}

/* ---- exit closes every handle -------------------------------------------------------- */

static int child_leaks_1000_events(void *arg)
{
	zx_handle_t h, a, b;
	int i;

	for (i = 0; i < 1000; i++)
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h));
	CHILD_CHECK_ZX(ZX_OK, zx_eventpair_create(0, &a, &b));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(a, ZX_RIGHT_SAME_RIGHTS,
						  &h));
	CHILD_CHECK(zx_process_self() != ZX_HANDLE_INVALID);
	CHILD_CHECK(zx_job_default() != ZX_HANDLE_INVALID);
	return 0;		/* without closing anything */
}

TEST(exit_closes_all_handles)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(child_leaks_1000_events, NULL));
	ASSERT_LIVE_EQ(base);
	EXPECT_EQ(1, zxt_live_count("live_processes"));
}

static int child_leaks_and_is_killed(void *arg)
{
	zx_handle_t h;
	int i;

	for (i = 0; i < 100; i++)
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h));
	kill(getpid(), SIGKILL);
	return 1;
}

TEST(killed_process_handles_are_closed)
{
	struct zxt_live base = zxt_settle(_metadata);
	int status;

	status = zxt_fork_run(child_leaks_and_is_killed, NULL);
	ASSERT_TRUE(status != -1 && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL) {
		TH_LOG("child wait status %#x", status);
	}
	ASSERT_LIVE_EQ(base);
}

static void *block_in_wait_one(void *arg)
{
	zx_handle_t h = *(zx_handle_t *)arg;

	zx_object_wait_one(h, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, NULL);
	return NULL;
}

static void *block_in_wait_many(void *arg)
{
	zx_handle_t h = *(zx_handle_t *)arg;
	zx_wait_item_t items[2] = {
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_1 },
		{ .handle = h, .waitfor = ZX_USER_SIGNAL_2 },
	};

	zx_object_wait_many(items, 2, ZX_TIME_INFINITE);
	return NULL;
}

static void *block_in_nanosleep(void *arg)
{
	zx_nanosleep(ZX_TIME_INFINITE);
	return NULL;
}

struct blocked_thread {
	void *(*fn)(void *arg);
	zx_handle_t handle;
	pid_t tid;
};

static void *blocked_thread_main(void *arg)
{
	struct blocked_thread *t = arg;

	__atomic_store_n(&t->tid, zxt_gettid(), __ATOMIC_RELEASE);
	return t->fn(&t->handle);
}

static int child_exits_while_threads_wait(void *arg)
{
	struct blocked_thread t[3] = {
		{ .fn = block_in_wait_one },
		{ .fn = block_in_wait_many },
		{ .fn = block_in_nanosleep },
	};
	zx_handle_t a, b;
	pthread_t thread;
	size_t i;
	pid_t tid;

	CHILD_CHECK_ZX(ZX_OK, zx_eventpair_create(0, &a, &b));
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i].handle = i ? a : b;
		CHILD_CHECK(pthread_create(&thread, NULL, blocked_thread_main,
					   &t[i]) == 0);
		while (!(tid = __atomic_load_n(&t[i].tid, __ATOMIC_ACQUIRE)))
			sched_yield();
		CHILD_CHECK(zxt_wait_until_sleeping(tid));
	}
	_exit(0);		/* with all three still blocked */
}

TEST(exit_with_threads_blocked_in_waits)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(child_exits_while_threads_wait, NULL));
	ASSERT_LIVE_EQ(base);
}

struct child_pipe {
	int ready[2];		/* child -> parent: handles made */
	int go[2];		/* parent -> child: exit now */
};

static int child_waits_for_the_word(void *arg)
{
	struct child_pipe *p = arg;
	zx_handle_t h;
	char c = 0;
	int i;

	close(p->ready[0]);
	close(p->go[1]);
	for (i = 0; i < 100; i++)
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h));
	CHILD_CHECK(write(p->ready[1], "r", 1) == 1);
	CHILD_CHECK(read(p->go[0], &c, 1) == 0);	/* EOF: go */
	return 0;
}

TEST(concurrent_processes_have_separate_tables)
{
	enum { N = 10, EACH = 100 };
	struct zxt_live base = zxt_settle(_metadata), now;
	struct child_pipe p;
	pid_t pid[N];
	int i, status;
	char c;

	ASSERT_EQ(0, pipe(p.ready));
	ASSERT_EQ(0, pipe(p.go));
	for (i = 0; i < N; i++) {
		fflush(stdout);
		fflush(stderr);
		pid[i] = fork();
		ASSERT_LE(0, pid[i]);
		if (pid[i] == 0)
			_exit(child_waits_for_the_word(&p));
	}
	close(p.ready[1]);
	close(p.go[0]);
	for (i = 0; i < N; i++)
		ASSERT_EQ(1, read(p.ready[0], &c, 1));
	/*
	 * Every child made EACH events on top of what a fresh context
	 * costs: its startup handles (taken or not) and its own objects.
	 * This process's context is the only one in the baseline, so the
	 * baseline is that cost, but for the object of the thread that took
	 * it (zxt_settle() makes one; the children's threads have none).
	 */
	EXPECT_EQ(1 + N, zxt_live_count("live_processes"));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + N * (EACH + base.handles), now.handles);
	EXPECT_EQ(base.objects + N * (EACH + base.objects - 1), now.objects);
	close(p.go[1]);
	for (i = 0; i < N; i++) {
		ASSERT_EQ(pid[i], waitpid(pid[i], &status, 0));
		ASSERT_CHILD_OK(status);
	}
	close(p.ready[0]);
	ASSERT_LIVE_EQ(base);
}

static int child_makes_a_few_handles(void *arg)
{
	zx_handle_t h[8], a, b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(h); i++)
		CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h[i]));
	CHILD_CHECK_ZX(ZX_OK, zx_eventpair_create(0, &a, &b));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(h[0]));
	CHILD_CHECK_ZX(ZX_OK, zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0));
	CHILD_CHECK(zx_process_self() != ZX_HANDLE_INVALID);
	return 0;
}

TEST(hundred_sequential_children)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t keep = zxt_event(_metadata);
	struct zxt_live with_keep = zxt_live_now();
	int i;

	for (i = 0; i < 100; i++) {
		int status = zxt_fork_run(child_makes_a_few_handles, NULL);

		ASSERT_TRUE(status != -1 && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 0) {
			TH_LOG("child %d: wait status %#x", i, status);
		}
	}
	ASSERT_LIVE_EQ(with_keep);
	EXPECT_ZX_OK(zx_handle_close(keep));
	ASSERT_LIVE_EQ(base);
}

/* ---- exec() closes every handle ------------------------------------------------------ */

#define EXEC_HANDLES	4

/*
 * The second image of the exec() test: argv holds the handle values the
 * first image had and its process koid.
 */
static int exec_child_main(int argc, char **argv)
{
	zx_info_handle_basic_t info;
	zx_koid_t before;
	zx_handle_t self;
	int i;

	CHILD_CHECK(argc == 3 + EXEC_HANDLES);
	before = strtoull(argv[2], NULL, 16);
	for (i = 0; i < EXEC_HANDLES; i++) {
		zx_handle_t h = strtoul(argv[3 + i], NULL, 16);

		CHILD_CHECK(h != ZX_HANDLE_INVALID);
		CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	}
	self = zx_process_self();
	CHILD_CHECK(self != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(self, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info), NULL,
						 NULL));
	CHILD_CHECK(info.type == ZX_OBJ_TYPE_PROCESS);
	/* A new address space is a new process. */
	CHILD_CHECK(info.koid != before);
	return 0;
}

static int child_execs_with_handles(void *arg)
{
	char args[EXEC_HANDLES][16], koid[32];
	zx_info_handle_basic_t info;
	zx_handle_t h[EXEC_HANDLES];
	int i;

	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h[0]));
	CHILD_CHECK_ZX(ZX_OK, zx_eventpair_create(0, &h[1], &h[2]));
	h[3] = zx_process_self();
	CHILD_CHECK(h[3] != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(h[3], ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info), NULL,
						 NULL));
	snprintf(koid, sizeof(koid), "%llx", (unsigned long long)info.koid);
	for (i = 0; i < EXEC_HANDLES; i++)
		snprintf(args[i], sizeof(args[i]), "%x", h[i]);
	execl("/proc/self/exe", "process_test", EXEC_CHILD_ARG, koid,
	      args[0], args[1], args[2], args[3], (char *)NULL);
	fprintf(stderr, "# execl: %s\n", strerror(errno));
	return 2;
}

TEST(exec_starts_with_no_handles)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(child_execs_with_handles, NULL));
	/* Both images' handles and processes are gone. */
	ASSERT_LIVE_EQ(base);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], EXEC_CHILD_ARG))
		return exec_child_main(argc, argv);
	return test_harness_run(argc, argv);
}

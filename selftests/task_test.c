// SPDX-License-Identifier: GPL-2.0
/*
 * zx_task_kill: a process killed through a handle it gave away, a process
 * killing itself, the dead and the exec'd (whose pid now runs another
 * image, which must survive), and the rights and types it refuses.
 */
#include <lib/zxlinux/fd.h>

#include "zx_test.h"

/*
 * Forks a child that sends its own process handle back and then runs
 * @then (which must not return); returns the child's pid and *@proc.
 */
static pid_t child_with_handle(struct __test_metadata *_metadata,
			       void (*then)(void), zx_handle_t *proc)
{
	zx_handle_t ours, theirs;
	uint32_t nbytes = 0, nhandles = 0;
	int fd = -1;
	pid_t child;

	ASSERT_ZX_OK(zx_channel_create(0, &ours, &theirs));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(theirs, 0, &fd));
	fflush(stdout);
	fflush(stderr);
	child = fork();
	if (child == 0) {
		zx_handle_t ch, me;

		CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
		CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(zx_process_self(),
							  ZX_RIGHT_SAME_RIGHTS,
							  &me));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, NULL, 0, &me,
						       1));
		then();
		_exit(3);
	}
	close(fd);
	EXPECT_LT(0, child);
	EXPECT_ZX_OK(zx_object_wait_one(ours, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(60)), NULL));
	EXPECT_ZX_OK(zx_channel_read(ours, 0, NULL, proc, 0, 1, &nbytes,
				     &nhandles));
	EXPECT_EQ(1u, nhandles);
	EXPECT_ZX_OK(zx_handle_close(ours));
	return child;
}

static void wait_forever(void)
{
	for (;;)
		pause();
}

static zx_info_process_t process_info(struct __test_metadata *_metadata,
				      zx_handle_t proc)
{
	zx_info_process_t info;

	memset(&info, 0xcc, sizeof(info));
	EXPECT_ZX_OK(zx_object_get_info(proc, ZX_INFO_PROCESS, &info,
					sizeof(info), NULL, NULL));
	return info;
}

TEST(kills_a_process_through_its_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t proc = ZX_HANDLE_INVALID;
	zx_info_process_t info;
	zx_signals_t seen = 0;
	int status = 0;
	pid_t child;

	child = child_with_handle(_metadata, wait_forever, &proc);
	ASSERT_LT(0, child);
	info = process_info(_metadata, proc);
	EXPECT_EQ(0u, info.flags & ZX_INFO_PROCESS_FLAG_EXITED);
	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_object_wait_one(proc, ZX_TASK_TERMINATED, 0, NULL));

	ASSERT_ZX_OK(zx_task_kill(proc));
	ASSERT_ZX_OK(zx_object_wait_one(proc, ZX_TASK_TERMINATED,
					zx_deadline_after(ZX_SEC(60)), &seen));
	EXPECT_NE(0u, seen & ZX_TASK_TERMINATED);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	info = process_info(_metadata, proc);
	EXPECT_NE(0u, info.flags & ZX_INFO_PROCESS_FLAG_EXITED);
	EXPECT_EQ(ZX_TASK_RETCODE_SYSCALL_KILL, info.return_code);
	/* Killing the dead is no error. */
	EXPECT_ZX_OK(zx_task_kill(proc));
	EXPECT_ZX_OK(zx_handle_close(proc));
	ASSERT_LIVE_EQ(base);
}

static int kill_self(void *arg)
{
	(void)arg;
	zx_task_kill(zx_process_self());
	/* Not reached: the call does not return to its caller. */
	return 3;
}

TEST(a_process_that_kills_itself_does_not_return)
{
	struct zxt_live base = zxt_settle(_metadata);
	int status = zxt_fork_run(kill_self, NULL);

	ASSERT_NE(-1, status);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	ASSERT_LIVE_EQ(base);
}

static void exit_quietly(void)
{
	_exit(0);
}

TEST(an_exited_process_is_not_reported_killed)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t proc = ZX_HANDLE_INVALID;
	zx_info_process_t info;
	int status = 0;
	pid_t child;

	child = child_with_handle(_metadata, exit_quietly, &proc);
	ASSERT_LT(0, child);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_CHILD_OK(status);
	ASSERT_ZX_OK(zx_object_wait_one(proc, ZX_TASK_TERMINATED,
					zx_deadline_after(ZX_SEC(60)), NULL));
	EXPECT_ZX_OK(zx_task_kill(proc));
	info = process_info(_metadata, proc);
	EXPECT_NE(0u, info.flags & ZX_INFO_PROCESS_FLAG_EXITED);
	EXPECT_NE(ZX_TASK_RETCODE_SYSCALL_KILL, info.return_code);
	EXPECT_ZX_OK(zx_handle_close(proc));
	ASSERT_LIVE_EQ(base);
}

static void exec_a_shell(void)
{
	execl("/bin/sh", "sh", "-c", "sleep 600", (char *)NULL);
}

/* After exec() the pid runs another image: the old handle must spare it. */
TEST(the_image_after_exec_survives_the_old_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t proc = ZX_HANDLE_INVALID;
	int status = 0;
	pid_t child;

	child = child_with_handle(_metadata, exec_a_shell, &proc);
	ASSERT_LT(0, child);
	ASSERT_ZX_OK(zx_object_wait_one(proc, ZX_TASK_TERMINATED,
					zx_deadline_after(ZX_SEC(60)), NULL));
	EXPECT_ZX_OK(zx_task_kill(proc));
	zxt_sleep_ms(200);
	EXPECT_EQ(0, waitpid(child, &status, WNOHANG));
	ASSERT_EQ(0, kill(child, SIGKILL));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_ZX_OK(zx_handle_close(proc));
	ASSERT_LIVE_EQ(base);
}

TEST(rights_and_types)
{
	zx_handle_t thread = zx_thread_self();	/* made once, kept */
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h, ev, job = zx_job_default();
	zx_info_handle_basic_t info;

	ASSERT_ZX_OK(zx_handle_duplicate(zx_process_self(),
					 ZX_DEFAULT_PROCESS_RIGHTS &
					 ~ZX_RIGHT_DESTROY, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_task_kill(h));
	EXPECT_ZX_OK(zx_handle_close(h));
	/* Rights come first, and only tasks carry DESTROY. */
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_task_kill(ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_task_kill(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_task_kill(ZX_HANDLE_INVALID));
	/* Zircon kills no single thread. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_task_kill(thread));
	/* The root job's tree is every Zircon process: refused. */
	ASSERT_ZX_OK(zx_object_get_info(job, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), NULL, NULL));
	EXPECT_ZX(info.rights & ZX_RIGHT_DESTROY ? ZX_ERR_NOT_SUPPORTED :
						   ZX_ERR_ACCESS_DENIED,
		  zx_task_kill(job));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

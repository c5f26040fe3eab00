// SPDX-License-Identifier: GPL-2.0
/*
 * Handles carried by file descriptors: zxlinux_handle_to_fd() and
 * zxlinux_handle_from_fd(), and through them handles shared between
 * processes by fork(), execve() and SCM_RIGHTS.
 */
#include <sys/socket.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#define XP_EXEC_ARG		"--crossproc-exec-child"
#define XP_CLIENTS		4
#define XP_CALLS		25
#define XP_MSG_MAX		64

static void xp_channel(struct __test_metadata *_metadata, zx_handle_t *a,
		       zx_handle_t *b)
{
	ASSERT_ZX_OK(zx_channel_create(0, a, b));
}

static int xp_to_fd(struct __test_metadata *_metadata, zx_handle_t h,
		    uint32_t flags)
{
	int fd = -1;

	ASSERT_ZX_OK(zxlinux_handle_to_fd(h, flags, &fd));
	ASSERT_LE(0, fd);
	return fd;
}

static void xp_wait_peer_closed(struct __test_metadata *_metadata,
				zx_handle_t h)
{
	zx_signals_t seen = 0;

	ASSERT_ZX_OK(zx_object_wait_one(h, ZX_CHANNEL_PEER_CLOSED,
					zx_deadline_after(ZX_SEC(10)), &seen));
	ASSERT_NE(0u, seen & ZX_CHANNEL_PEER_CLOSED);
}

/* ---- errors ---------------------------------------------------------- */

TEST(to_fd_unknown_flags_leave_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int fd = -1;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zxlinux_handle_to_fd(ev, 2, &fd));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_to_fd(ev, 0x80000000u | ZXLINUX_FD_CLOEXEC,
				       &fd));
	EXPECT_EQ(-1, fd);
	EXPECT_ZX_OK(zxt_valid(ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(to_fd_bad_handle)
{
	int fd = -1;

	zxt_settle(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zxlinux_handle_to_fd(ZXT_BOGUS_HANDLE, 0, &fd));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zxlinux_handle_to_fd(ZX_HANDLE_INVALID, 0, &fd));
	EXPECT_EQ(-1, fd);
}

TEST(to_fd_needs_transfer_right)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata), h = ZX_HANDLE_INVALID;
	int fd = -1;

	ASSERT_ZX_OK(zx_handle_replace(ev, ZX_DEFAULT_EVENT_RIGHTS &
				       ~ZX_RIGHT_TRANSFER, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zxlinux_handle_to_fd(h, 0, &fd));
	EXPECT_EQ(-1, fd);
	EXPECT_ZX_OK(zxt_valid(h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* The handle is consumed even though no descriptor is returned. */
TEST(to_fd_bad_out_pointer_consumes_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int probe;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_to_fd(ev, 0, (int *)ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ev));
	/* No descriptor leaked: the next one is the lowest free. */
	probe = dup(0);
	ASSERT_LE(0, probe);
	EXPECT_EQ(0, fcntl(probe + 1, F_GETFD) == -1 ? 0 : 1);
	close(probe);
	ASSERT_LIVE_EQ(base);
}

TEST(from_fd_bad_fd)
{
	zx_handle_t h = ZX_HANDLE_INVALID;
	int fd;

	zxt_settle(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxlinux_handle_from_fd(-1, &h));
	fd = dup(0);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxlinux_handle_from_fd(fd, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
}

TEST(from_fd_not_a_handle_fd)
{
	zx_handle_t h = ZX_HANDLE_INVALID;
	int p[2], dev;

	zxt_settle(_metadata);
	ASSERT_EQ(0, pipe(p));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zxlinux_handle_from_fd(p[0], &h));
	dev = open("/dev/zircon", O_RDWR);
	ASSERT_LE(0, dev);
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zxlinux_handle_from_fd(dev, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	close(dev);
	close(p[0]);
	close(p[1]);
}

/* An fd carrying a handle pins zircon.ko: it cannot be unloaded under it. */
static long xp_module_refcnt(void)
{
	FILE *f = fopen("/sys/module/zircon/refcnt", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

TEST(fd_pins_module)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	/* The object holds the module too: keep it past the fd. */
	zx_handle_t keep = zxt_dup(_metadata, ev, ZX_RIGHT_SAME_RIGHTS);
	long before = xp_module_refcnt();
	int fd;

	if (before < 0)
		SKIP(return, "no /sys/module/zircon/refcnt");
	fd = xp_to_fd(_metadata, ev, 0);
	EXPECT_EQ(before + 1, xp_module_refcnt());
	close(fd);
	EXPECT_EQ(before, xp_module_refcnt());
	EXPECT_ZX_OK(zx_handle_close(keep));
	ASSERT_LIVE_EQ(base);
}

TEST(round_trip_keeps_object_and_rights)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata), got = ZX_HANDLE_INVALID;
	zx_koid_t koid = zxt_koid(_metadata, ev);
	zx_rights_t rights = zxt_rights(_metadata, ev);
	int fd = xp_to_fd(_metadata, ev, 0);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ev));
	EXPECT_EQ(base.handles + 1, zxt_live_now().handles);
	EXPECT_EQ(0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ASSERT_ZX_OK(zxlinux_handle_from_fd(fd, &got));
	EXPECT_EQ(koid, zxt_koid(_metadata, got));
	EXPECT_EQ(rights, zxt_rights(_metadata, got));
	EXPECT_ZX_OK(zx_object_signal(got, 0, ZX_USER_SIGNAL_0));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_0, zxt_signals(_metadata, got));
	/* The fd stays open but empty. */
	EXPECT_EQ(0, close(fd));
	EXPECT_ZX_OK(zxt_valid(got));
	EXPECT_ZX_OK(zx_handle_close(got));
	ASSERT_LIVE_EQ(base);
}

TEST(cloexec_flag)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata);
	int fd = xp_to_fd(_metadata, ev, ZXLINUX_FD_CLOEXEC);

	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDWR, fcntl(fd, F_GETFL) & O_ACCMODE);
	close(fd);
	ASSERT_LIVE_EQ(base);
}

/* A second take from the same file, or from a dup of it, finds it empty. */
TEST(take_twice_is_bad_state)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata), got = ZX_HANDLE_INVALID;
	zx_handle_t again = ZX_HANDLE_INVALID;
	int fd = xp_to_fd(_metadata, ev, 0), fd2 = dup(fd);

	ASSERT_LE(0, fd2);
	ASSERT_ZX_OK(zxlinux_handle_from_fd(fd2, &got));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zxlinux_handle_from_fd(fd, &again));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zxlinux_handle_from_fd(fd2, &again));
	EXPECT_EQ(ZX_HANDLE_INVALID, again);
	close(fd);
	close(fd2);
	EXPECT_ZX_OK(zx_handle_close(got));
	ASSERT_LIVE_EQ(base);
}

/* The handle left the file, then could not be installed: it is closed. */
TEST(from_fd_bad_out_pointer_closes_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, got = ZX_HANDLE_INVALID;
	int fd;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, 0);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zxlinux_handle_from_fd(fd, (zx_handle_t *)ZXT_BAD_PTR));
	xp_wait_peer_closed(_metadata, a);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zxlinux_handle_from_fd(fd, &got));
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* ---- across processes ---------------------------------------------------- */

struct xp_event_msg {
	zx_koid_t koid;
	char text[8];
};

static int xp_send_event_child(void *arg)
{
	int fd = *(int *)arg;
	zx_handle_t ch = ZX_HANDLE_INVALID, ev = ZX_HANDLE_INVALID;
	struct xp_event_msg msg = { .text = "event" };
	zx_info_handle_basic_t info;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	CHILD_CHECK(close(fd) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(ev, ZX_INFO_HANDLE_BASIC,
						 &info, sizeof(info), NULL,
						 NULL));
	msg.koid = info.koid;
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, &msg, sizeof(msg),
					       &ev, 1));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(ch));
	return 0;
}

static void xp_read_event(struct __test_metadata *_metadata, zx_handle_t a)
{
	struct xp_event_msg msg;
	zx_info_handle_basic_t info;
	uint32_t nb = 0, nh = 0;
	zx_handle_t ev = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_object_wait_one(a, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(10)), NULL));
	ASSERT_ZX_OK(zx_channel_read(a, 0, &msg, &ev, sizeof(msg), 1,
				     &nb, &nh));
	ASSERT_EQ(sizeof(msg), nb);
	ASSERT_EQ(1u, nh);
	EXPECT_STREQ("event", msg.text);
	info = zxt_basic(_metadata, ev);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_EQ(msg.koid, info.koid);
	EXPECT_ZX_OK(zx_object_signal(ev, 0, ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, zxt_signals(_metadata, ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

/* A handle written by one process is read and used by another. */
TEST(fork_child_sends_event_over_inherited_channel)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;
	int fd;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, 0);
	ASSERT_CHILD_OK(zxt_fork_run(xp_send_event_child, &fd));
	/* The child took the handle: the parent's copy of the file is empty. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zxlinux_handle_from_fd(fd, &b));
	close(fd);
	xp_read_event(_metadata, a);
	xp_wait_peer_closed(_metadata, a);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

static int xp_scm_child(void *arg)
{
	int sock = *(int *)arg, fd;
	char cbuf[CMSG_SPACE(sizeof(int))], byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;

	CHILD_CHECK(recvmsg(sock, &mh, 0) == 1);
	cm = CMSG_FIRSTHDR(&mh);
	CHILD_CHECK(cm && cm->cmsg_type == SCM_RIGHTS);
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	return xp_send_event_child(&fd);
}

/* The descriptor travels over a Unix socket, after the fork. */
TEST(scm_rights_carries_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, byte = 'h';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	zx_handle_t a, b;
	int sv[2], fd, status;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(sv[0]);
		_exit(xp_scm_child(&sv[1]));
	}
	close(sv[1]);
	/* Made after the fork: only SCM_RIGHTS can bring it to the child. */
	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, ZXLINUX_FD_CLOEXEC);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	ASSERT_EQ(1, sendmsg(sv[0], &mh, 0));
	close(fd);
	close(sv[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_CHILD_OK(status);
	xp_read_event(_metadata, a);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

static int xp_idle_child(void *arg)
{
	(void)arg;
	return 0;
}

/* Closed in both processes without a take: the handle closes. */
TEST(fd_closed_everywhere_closes_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b;
	int fd;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, 0);
	ASSERT_CHILD_OK(zxt_fork_run(xp_idle_child, NULL));
	/* The child's copy is gone; the parent's still holds the handle. */
	EXPECT_SIGNALS(ZX_CHANNEL_WRITABLE, zxt_signals(_metadata, a));
	close(fd);
	xp_wait_peer_closed(_metadata, a);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* A server in a child process answers calls from several parent threads. */
static int xp_server(void *arg)
{
	int fd = *(int *)arg;
	zx_handle_t ch = ZX_HANDLE_INVALID;
	char buf[XP_MSG_MAX];
	int served = 0;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	close(fd);
	for (;;) {
		zx_signals_t seen = 0;
		uint32_t nb = 0, i;

		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ch,
			ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED,
			ZX_TIME_INFINITE, &seen));
		if (!(seen & ZX_CHANNEL_READABLE))
			break;
		CHILD_CHECK_ZX(ZX_OK, zx_channel_read(ch, 0, buf, NULL,
						      sizeof(buf), 0, &nb,
						      NULL));
		CHILD_CHECK(nb > sizeof(zx_txid_t));
		/* Reply: same txid, payload upper-cased. */
		for (i = sizeof(zx_txid_t); i < nb; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] -= 'a' - 'A';
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, buf, nb, NULL,
						       0));
		served++;
	}
	CHILD_CHECK(served == XP_CLIENTS * XP_CALLS);
	zx_handle_close(ch);
	return 0;
}

struct xp_client {
	pthread_t thread;
	zx_handle_t ch;
	int id;
	int ok;
	zx_status_t status;
};

static void *xp_client_main(void *arg)
{
	struct xp_client *c = arg;
	char wr[XP_MSG_MAX], rd[XP_MSG_MAX], want[XP_MSG_MAX];
	int k;

	for (k = 0; k < XP_CALLS; k++) {
		zx_channel_call_args_t args = {
			.wr_bytes = wr, .rd_bytes = rd,
			.rd_num_bytes = sizeof(rd),
		};
		uint32_t nb = 0, nh = 0;
		int n;

		memset(wr, 0, sizeof(zx_txid_t));
		n = snprintf(wr + sizeof(zx_txid_t), XP_MSG_MAX - 8,
			     "client %d call %d", c->id, k);
		snprintf(want, sizeof(want), "CLIENT %d CALL %d", c->id, k);
		args.wr_num_bytes = sizeof(zx_txid_t) + n;
		c->status = zx_channel_call(c->ch, 0, ZX_TIME_INFINITE, &args,
					    &nb, &nh);
		if (c->status != ZX_OK)
			return NULL;
		if (nb != args.wr_num_bytes || nh != 0 ||
		    memcmp(rd + sizeof(zx_txid_t), want, n) != 0)
			return NULL;
		c->ok++;
	}
	return NULL;
}

TEST(server_process_answers_threaded_calls)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct xp_client cl[XP_CLIENTS];
	zx_handle_t a, b;
	int fd, i, status;
	pid_t pid;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(xp_server(&fd));
	close(fd);
	for (i = 0; i < XP_CLIENTS; i++) {
		cl[i] = (struct xp_client){ .ch = a, .id = i };
		ASSERT_EQ(0, pthread_create(&cl[i].thread, NULL,
					    xp_client_main, &cl[i]));
	}
	for (i = 0; i < XP_CLIENTS; i++) {
		ASSERT_EQ(0, pthread_join(cl[i].thread, NULL));
		EXPECT_ZX_OK(cl[i].status);
		EXPECT_EQ(XP_CALLS, cl[i].ok);
	}
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_CHILD_OK(status);
	ASSERT_LIVE_EQ(base);
}

/* The new image of an execve() takes the handle from the inherited fd. */
static int xp_exec_child_main(const char *fdarg)
{
	int fd = atoi(fdarg);
	zx_handle_t ch = ZX_HANDLE_INVALID;
	static const char reply[] = "after exec";

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	close(fd);
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, reply, sizeof(reply),
					       NULL, 0));
	zx_handle_close(ch);
	return 0;
}

TEST(fd_survives_exec)
{
	struct zxt_live base = zxt_settle(_metadata);
	char fdarg[16], buf[32];
	uint32_t nb = 0;
	zx_handle_t a, b;
	int fd, status;
	pid_t pid;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, 0);
	snprintf(fdarg, sizeof(fdarg), "%d", fd);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl("/proc/self/exe", "crossproc_test", XP_EXEC_ARG, fdarg,
		      (char *)NULL);
		_exit(127);
	}
	close(fd);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_CHILD_OK(status);
	ASSERT_ZX_OK(zx_channel_read(a, 0, buf, NULL, sizeof(buf), 0, &nb,
				     NULL));
	EXPECT_STREQ("after exec", buf);
	xp_wait_peer_closed(_metadata, a);
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* A CLOEXEC descriptor does not reach the new image; its handle closes. */
TEST(cloexec_fd_closed_by_exec)
{
	struct zxt_live base = zxt_settle(_metadata);
	char fdarg[16];
	zx_handle_t a, b;
	int fd, status;
	pid_t pid;

	xp_channel(_metadata, &a, &b);
	fd = xp_to_fd(_metadata, b, ZXLINUX_FD_CLOEXEC);
	snprintf(fdarg, sizeof(fdarg), "%d", fd);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl("/proc/self/exe", "crossproc_test", XP_EXEC_ARG, fdarg,
		      (char *)NULL);
		_exit(127);
	}
	close(fd);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* The new image found no such descriptor and failed. */
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	xp_wait_peer_closed(_metadata, a);
	EXPECT_SIGNALS(ZX_CHANNEL_PEER_CLOSED, zxt_signals(_metadata, a));
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], XP_EXEC_ARG) == 0)
		return xp_exec_child_main(argv[2]);
	return test_harness_run(argc, argv);
}

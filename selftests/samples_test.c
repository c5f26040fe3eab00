// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the demos that need no device (the ones `make run` shows) and
 * expects each to succeed and leave nothing behind, so they cannot rot.
 */
#include <libgen.h>
#include <limits.h>

#include "zx_test.h"

static void run_sample(struct __test_metadata *_metadata, const char *name)
{
	struct zxt_live base = zxt_settle(_metadata);
	char self[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n;
	int status;
	pid_t pid;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	ASSERT_LT(0, n);
	self[n] = '\0';
	snprintf(path, sizeof(path), "%s/%s", dirname(self), name);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl(path, name, (char *)NULL);
		_exit(127);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_LIVE_EQ(base);
}

TEST(zx_demo)
{
	run_sample(_metadata, "zx-demo");
}

TEST(zx_channel_demo)
{
	run_sample(_metadata, "zx-channel-demo");
}

TEST(zx_pager_demo)
{
	run_sample(_metadata, "zx-pager-demo");
}

TEST_HARNESS_MAIN

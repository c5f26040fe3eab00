// SPDX-License-Identifier: GPL-2.0
/*
 * as-user UID GID COMMAND [ARG...]: runs COMMAND as UID/GID with no
 * supplementary groups and no capabilities (none effective, permitted,
 * inheritable, ambient or in the bounding set), for the unprivileged test
 * pass. The test VM's busybox has neither su nor setpriv.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(127);
}

int main(int argc, char **argv)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { 0 };
	uid_t uid;
	gid_t gid;
	int cap;

	if (argc < 4) {
		fprintf(stderr, "usage: as-user UID GID COMMAND [ARG...]\n");
		return 2;
	}
	uid = (uid_t)strtoul(argv[1], NULL, 10);
	gid = (gid_t)strtoul(argv[2], NULL, 10);
	/* The bounding set needs CAP_SETPCAP to shrink: before the uid changes. */
	for (cap = 0; prctl(PR_CAPBSET_READ, cap) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap) != 0)
			die("PR_CAPBSET_DROP");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
		die("PR_CAP_AMBIENT_CLEAR_ALL");
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0)
		die("setresgid");
	if (setresuid(uid, uid, uid) != 0)
		die("setresuid");
	/* Leaving uid 0 cleared them already; make sure. */
	if (syscall(SYS_capset, &hdr, data) != 0)
		die("capset");
	if (syscall(SYS_capget, &hdr, data) != 0 || data[0].effective || data[0].permitted ||
	    data[1].effective || data[1].permitted)
		die("capabilities left");
	setenv("HOME", "/tmp", 1);
	execvp(argv[3], argv + 3);
	die(argv[3]);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Runs samples/edu-driver, the libzx-only driver for QEMU's edu device
 * (MMIO through a mapped BAR VMO, MSI on a port, DMA through a BTI), and
 * expects it to succeed.  Runs as root in the VM.
 */
#include <libgen.h>
#include <limits.h>

#include "zx_test.h"

TEST(edu_driver_runs_clean)
{
	struct zxt_live base = zxt_settle(_metadata);
	char self[PATH_MAX], path[PATH_MAX + 16];
	zx_vaddr_t addr;
	ssize_t n;
	int status;
	pid_t pid;

	/* Mapping comes from vmar_map; without it there is no driver. */
	if (zx_vmar_map(ZX_HANDLE_INVALID, 0, 0, ZX_HANDLE_INVALID, 0, 4096,
			&addr) == ZX_ERR_NOT_SUPPORTED)
		SKIP(return, "zx_vmar_map is not available in this build");
	if (access("/sys/bus/pci/devices", F_OK) ||
	    system("grep -qs 0x11e8 /sys/bus/pci/devices/*/device"))
		SKIP(return, "no edu device");
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	ASSERT_LT(0, n);
	self[n] = '\0';
	snprintf(path, sizeof(path), "%s/edu-driver", dirname(self));
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl(path, "edu-driver", (char *)NULL);
		_exit(127);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

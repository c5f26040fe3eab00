// SPDX-License-Identifier: GPL-2.0
/*
 * PCI devices for userspace drivers: zx_pci_get_nth_device() and the calls
 * on a PCI device handle, against the QEMU devices the test VMs carry: edu
 * (1234:11e8), pci-testdev (1b36:0005) for an I/O BAR and an NVMe
 * controller (1b36:0010) for MSI-X.  Runs as root in the VM.
 */
#include <limits.h>
#if defined(__x86_64__)
#include <sys/io.h>
#endif

#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/resource.h>

#include "zx_test.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define PCI_COMMAND	0x04
#define PCI_COMMAND_MASTER 0x4
#define PCI_COMMAND_IO	0x1
/* QEMU's pci-testdev: an MMIO and an I/O BAR of test registers. */
#define TESTDEV_VENDOR	0x1b36
#define TESTDEV_DEVICE	0x0005
/* Its register block: byte 0 selects a test, the name is at 16. */
#define TESTDEV_NAME	16
/* QEMU's NVMe controller: MSI-X, no Linux driver in the test VMs. */
#define NVME_VENDOR	0x1b36
#define NVME_DEVICE	0x0010
#define IORESOURCE_IO	0x100

static zx_handle_t pt_root(struct __test_metadata *_metadata)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	return root;
}

/* The index of device @vendor:@device among the handed-out ones, or -1. */
static int pt_find(struct __test_metadata *_metadata, uint16_t vendor,
		   uint16_t device, zx_pcie_device_info_t *out)
{
	zx_handle_t root = pt_root(_metadata), h;
	zx_pcie_device_info_t info;
	zx_status_t st;
	uint32_t i;

	for (i = 0;; i++) {
		st = zx_pci_get_nth_device(root, i, &info, &h);
		if (st == ZX_ERR_OUT_OF_RANGE)
			return -1;
		ASSERT_ZX_OK(st);
		EXPECT_ZX_OK(zx_handle_close(h));
		if (info.vendor_id == vendor && info.device_id == device) {
			*out = info;
			return (int)i;
		}
	}
}

static int pt_find_edu(struct __test_metadata *_metadata,
		       zx_pcie_device_info_t *out)
{
	return pt_find(_metadata, EDU_VENDOR, EDU_DEVICE, out);
}

/* A handle to device @vendor:@device; skips the test where there is none. */
#define PT_DEV(h, info, vendor, device, name) do {			\
	int __idx = pt_find(_metadata, (vendor), (device), &(info));	\
	if (__idx < 0)							\
		SKIP(return, "no " name " device in this machine");	\
	ASSERT_ZX_OK(zx_pci_get_nth_device(pt_root(_metadata), __idx,	\
					   &(info), &(h)));		\
} while (0)

#define PT_EDU(h, info) PT_DEV(h, info, EDU_VENDOR, EDU_DEVICE, "edu")

static void pt_sysfs_path(char *buf, size_t size,
			  const zx_pcie_device_info_t *info, const char *what)
{
	snprintf(buf, size, "/sys/bus/pci/devices/0000:%02x:%02x.%x/%s",
		 info->bus_id, info->dev_id, info->func_id, what);
}

/* The Linux driver bound to the device, "" if none. */
static void pt_driver(const zx_pcie_device_info_t *info, char *out,
		      size_t size)
{
	char path[128], link[PATH_MAX];
	ssize_t n;

	pt_sysfs_path(path, sizeof(path), info, "driver");
	n = readlink(path, link, sizeof(link) - 1);
	out[0] = '\0';
	if (n > 0) {
		link[n] = '\0';
		snprintf(out, size, "%s", strrchr(link, '/') + 1);
	}
}

TEST(the_edu_device_is_handed_out_and_bound_to_zircon)
{
	struct zxt_live base;
	zx_pcie_device_info_t info;
	zx_info_handle_basic_t basic;
	char drv[64];
	uint32_t val;
	zx_handle_t h;

	pt_root(_metadata);
	base = zxt_settle(_metadata);
	PT_EDU(h, info);
	basic = zxt_basic(_metadata, h);
	EXPECT_EQ(ZX_OBJ_TYPE_PCI_DEVICE, basic.type);
	EXPECT_EQ(ZX_DEFAULT_PCI_DEVICE_RIGHTS, basic.rights);
	/* The info matches config space. */
	ASSERT_ZX_OK(zx_pci_config_read(h, 0, 4, &val));
	EXPECT_EQ((uint32_t)EDU_DEVICE << 16 | EDU_VENDOR, val);
	ASSERT_ZX_OK(zx_pci_config_read(h, 0x08, 4, &val));
	EXPECT_EQ(info.revision_id, val & 0xff);
	EXPECT_EQ(info.program_interface, (val >> 8) & 0xff);
	EXPECT_EQ(info.sub_class, (val >> 16) & 0xff);
	EXPECT_EQ(info.base_class, val >> 24);
	/* Linux sees it as bound, until the last handle goes. */
	pt_driver(&info, drv, sizeof(drv));
	EXPECT_STREQ("zircon", drv);
	EXPECT_ZX_OK(zx_handle_close(h));
	pt_driver(&info, drv, sizeof(drv));
	EXPECT_STREQ("", drv);
	ASSERT_LIVE_EQ(base);
}

TEST(get_nth_device_errors)
{
	zx_handle_t root = pt_root(_metadata), mmio, ev, h, h2;
	struct zxt_live base = zxt_settle(_metadata);
	zx_pcie_device_info_t info;
	int idx = pt_find_edu(_metadata, &info);

	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, 0x40000000,
					0x1000, NULL, 0, &mmio));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pci_get_nth_device(ZXT_BOGUS_HANDLE, 0, &info, &h));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_pci_get_nth_device(ev, 0, &info, &h));
	/* Only the root resource reaches the bus. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pci_get_nth_device(mmio, 0, &info, &h));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pci_get_nth_device(root, UINT32_MAX, &info, &h));
	if (idx >= 0) {
		EXPECT_ZX(ZX_ERR_INVALID_ARGS,
			  zx_pci_get_nth_device(root, idx, ZXT_BAD_PTR, &h));
		EXPECT_ZX(ZX_ERR_INVALID_ARGS,
			  zx_pci_get_nth_device(root, idx, &info,
						ZXT_BAD_PTR));
		/* One driver at a time. */
		ASSERT_ZX_OK(zx_pci_get_nth_device(root, idx, &info, &h));
		EXPECT_ZX(ZX_ERR_ALREADY_BOUND,
			  zx_pci_get_nth_device(root, idx, &info, &h2));
		EXPECT_ZX_OK(zx_handle_close(h));
		ASSERT_ZX_OK(zx_pci_get_nth_device(root, idx, &info, &h));
		EXPECT_ZX_OK(zx_handle_close(h));
	}
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ mmio, ev }, 2));
	ASSERT_LIVE_EQ(base);
}

static int pt_hold_edu_and_exit(void *arg)
{
	zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	zx_pcie_device_info_t info;
	zx_handle_t h;

	CHILD_CHECK_ZX(ZX_OK, zx_pci_get_nth_device(root, *(int *)arg, &info,
						    &h));
	return 0;
}

TEST(process_exit_releases_the_device)
{
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	zx_pcie_device_info_t info;
	zx_status_t st;
	zx_handle_t h;
	int idx = pt_find_edu(_metadata, &info);

	if (idx < 0)
		SKIP(return, "no edu device in this machine");
	ASSERT_CHILD_OK(zxt_fork_run(pt_hold_edu_and_exit, &idx));
	do {
		st = zx_pci_get_nth_device(pt_root(_metadata), idx, &info, &h);
		if (st == ZX_ERR_ALREADY_BOUND)
			zxt_sleep_ms(5);
	} while (st == ZX_ERR_ALREADY_BOUND && zxt_now() < give_up);
	ASSERT_ZX_OK(st);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(config_read_widths_and_errors)
{
	zx_pcie_device_info_t info;
	zx_handle_t h, ro, ev;
	uint32_t b0, b1, w, d;

	PT_EDU(h, info);
	ASSERT_ZX_OK(zx_pci_config_read(h, 0, 1, &b0));
	ASSERT_ZX_OK(zx_pci_config_read(h, 1, 1, &b1));
	ASSERT_ZX_OK(zx_pci_config_read(h, 2, 2, &w));
	ASSERT_ZX_OK(zx_pci_config_read(h, 0, 4, &d));
	EXPECT_EQ(d & 0xff, b0);
	EXPECT_EQ((d >> 8) & 0xff, b1);
	EXPECT_EQ(d >> 16, w);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_read(h, 0, 3, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_read(h, 0, 8, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_read(h, 2, 4, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_read(h, 1, 2, &d));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_pci_config_read(h, 4096, 4, &d));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_config_read(h, 0, 4, ZXT_BAD_PTR));
	/* Reading needs READ and WRITE, as Zircon documents. */
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_config_read(ro, 0, 4, &d));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_pci_config_read(ev, 0, 4, &d));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_pci_config_read(ZXT_BOGUS_HANDLE, 0, 4, &d));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro, ev }, 3));
}

TEST(config_write_stays_out_of_the_header)
{
	zx_pcie_device_info_t info;
	zx_handle_t h, ro;
	uint32_t before, after;

	PT_EDU(h, info);
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &before));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pci_config_write(h, PCI_COMMAND, 2, 0xffff));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pci_config_write(h, 0x10, 4, 0xffffffff));
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &after));
	EXPECT_EQ(before, after);
	/* Past the header, device-specific registers are the driver's. */
	EXPECT_ZX_OK(zx_pci_config_write(h, 0xfc, 4, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_write(h, 0xfd, 2, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_config_write(h, 0xfc, 0, 0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_pci_config_write(h, 4096, 1, 0));
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_config_write(ro, 0xfc, 4, 0));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro }, 2));
}

TEST(bus_mastering_sets_the_command_bit)
{
	zx_pcie_device_info_t info;
	zx_handle_t h, ro;
	uint32_t cmd;

	PT_EDU(h, info);
	ASSERT_ZX_OK(zx_pci_enable_bus_master(h, 1));
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &cmd));
	EXPECT_EQ((uint32_t)PCI_COMMAND_MASTER, cmd & PCI_COMMAND_MASTER);
	ASSERT_ZX_OK(zx_pci_enable_bus_master(h, 0));
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &cmd));
	EXPECT_EQ(0u, cmd & PCI_COMMAND_MASTER);
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_enable_bus_master(ro, 1));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_reset_device(ro));
	/* Closing the last handle turns bus mastering off again. */
	ASSERT_ZX_OK(zx_pci_enable_bus_master(h, 1));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro }, 2));
	PT_EDU(h, info);
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &cmd));
	EXPECT_EQ(0u, cmd & PCI_COMMAND_MASTER);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(irq_modes)
{
	zx_pcie_device_info_t info;
	zx_handle_t h, ro;
	uint32_t max = 99;

	PT_EDU(h, info);
	ASSERT_ZX_OK(zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED,
					   &max));
	EXPECT_EQ(0u, max);
	/* edu has an INTx pin and MSI, but no MSI-X. */
	ASSERT_ZX_OK(zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_LEGACY, &max));
	EXPECT_EQ(1u, max);
	ASSERT_ZX_OK(zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI, &max));
	EXPECT_LE(1u, max);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, &max));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_query_irq_mode(h, 5, &max));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI, ZXT_BAD_PTR));

	EXPECT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI, 1));
	EXPECT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_LEGACY, 1));
	EXPECT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_set_irq_mode(h, 9, 1));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_LEGACY, 2));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 1));
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pci_set_irq_mode(ro, ZX_PCIE_IRQ_MODE_MSI, 1));
	ASSERT_ZX_OK(zx_pci_query_irq_mode(ro, ZX_PCIE_IRQ_MODE_MSI, &max));
	/* Vectors still allocated at the last close are freed with it. */
	EXPECT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI, 1));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro }, 2));
}

/* BAR @bar as /sys/.../resource gives it: start, size, flags. */
static bool pt_sysfs_bar(const zx_pcie_device_info_t *info, uint32_t bar,
			 uint64_t *start, uint64_t *size, uint64_t *flags)
{
	unsigned long long s, e, f;
	char path[128];
	bool ok = false;
	uint32_t i;
	FILE *fp;

	pt_sysfs_path(path, sizeof(path), info, "resource");
	fp = fopen(path, "r");
	if (!fp)
		return false;
	for (i = 0; i <= bar; i++) {
		ok = fscanf(fp, "%llx %llx %llx", &s, &e, &f) == 3;
		if (!ok)
			break;
	}
	fclose(fp);
	if (!ok)
		return false;
	*start = s;
	*size = e ? e - s + 1 : 0;
	*flags = f;
	return true;
}

/* Every BAR is what Linux reports; returns the I/O BAR's number or -1. */
static int pt_check_bars(struct __test_metadata *_metadata, zx_handle_t h,
			 const zx_pcie_device_info_t *info)
{
	uint64_t start, size, flags;
	zx_handle_t vmo;
	zx_pci_bar_t bar;
	int pio = -1;
	uint32_t i;

	for (i = 0; i < 6; i++) {
		ASSERT_TRUE(pt_sysfs_bar(info, i, &start, &size, &flags));
		memset(&bar, 0xa5, sizeof(bar));
		vmo = ZX_HANDLE_INVALID;
		if (!size) {
			EXPECT_ZX(ZX_ERR_NOT_FOUND,
				  zx_pci_get_bar(h, i, &bar, &vmo));
			continue;
		}
		ASSERT_ZX_OK(zx_pci_get_bar(h, i, &bar, &vmo));
		EXPECT_EQ(i, bar.id);
		EXPECT_EQ(size, bar.size);
		if (flags & IORESOURCE_IO) {
			/* Ports: the range, and no VMO. */
			EXPECT_EQ((uint32_t)ZX_PCI_BAR_TYPE_PIO, bar.type);
			EXPECT_EQ(start, bar.addr);
			EXPECT_EQ(ZX_HANDLE_INVALID, vmo);
			pio = (int)i;
		} else {
			EXPECT_EQ((uint32_t)ZX_PCI_BAR_TYPE_MMIO, bar.type);
			EXPECT_EQ(vmo, bar.handle);
			EXPECT_ZX_OK(zx_handle_close(vmo));
		}
	}
	return pio;
}

TEST(a_pio_bar_is_its_port_range)
{
	struct zxt_live base;
	zx_pcie_device_info_t info;
	zx_pci_bar_t bar;
	zx_handle_t h, ro, vmo = ZX_HANDLE_INVALID;
	uint64_t start, size, flags;
	uint32_t cmd;
	int pio;

	pt_root(_metadata);
	base = zxt_settle(_metadata);
	PT_DEV(h, info, TESTDEV_VENDOR, TESTDEV_DEVICE, "pci-testdev");
	/* The I/O BAR first: a memory BAR would turn decoding on too. */
	for (pio = 0; pio < 6; pio++) {
		ASSERT_TRUE(pt_sysfs_bar(&info, pio, &start, &size, &flags));
		if (size && (flags & IORESOURCE_IO))
			break;
	}
	ASSERT_GT(6, pio) {
		TH_LOG("pci-testdev has no I/O BAR");
	}
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &cmd));
	TH_LOG("I/O decoding before pci_get_bar: %s",
	       cmd & PCI_COMMAND_IO ? "on" : "off");
	ASSERT_ZX_OK(zx_pci_get_bar(h, pio, &bar, &vmo));
	EXPECT_EQ((uint32_t)ZX_PCI_BAR_TYPE_PIO, bar.type);
	/* Handing out the ports turned I/O decoding on. */
	ASSERT_ZX_OK(zx_pci_config_read(h, PCI_COMMAND, 2, &cmd));
	EXPECT_EQ((uint32_t)PCI_COMMAND_IO, cmd & PCI_COMMAND_IO);
	EXPECT_EQ(pio, pt_check_bars(_metadata, h, &info));
	/* READ and WRITE, as for a memory BAR. */
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_get_bar(ro, pio, &bar, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_get_bar(h, pio, ZXT_BAD_PTR, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_get_bar(h, 6, &bar, &vmo));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro }, 2));
	ASSERT_LIVE_EQ(base);
}

#if defined(__x86_64__)
/* Reads the name of the test @sel of pci-testdev's port block at @port. */
static void pt_testdev_name(uint16_t port, uint8_t sel, char *buf,
			    size_t size)
{
	size_t i;

	outb(sel, port);
	for (i = 0; i + 1 < size; i++) {
		buf[i] = (char)inb(port + TESTDEV_NAME + i);
		if (!buf[i])
			break;
	}
	buf[i] = '\0';
}
#endif

TEST(pio_bar_ports_reach_the_device)
{
	zx_handle_t root = pt_root(_metadata), h, vmo = ZX_HANDLE_INVALID;
	zx_pcie_device_info_t info;
	zx_pci_bar_t bar;
#if defined(__x86_64__)
	zx_handle_t io;
	zx_status_t st;
	char name[32];
#endif
	int pio;

	PT_DEV(h, info, TESTDEV_VENDOR, TESTDEV_DEVICE, "pci-testdev");
	pio = pt_check_bars(_metadata, h, &info);
	ASSERT_LE(0, pio);
	ASSERT_ZX_OK(zx_pci_get_bar(h, pio, &bar, &vmo));
	ASSERT_GE(0x10000u, bar.addr + bar.size);
#if defined(__x86_64__)
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_IOPORT, bar.addr,
					bar.size, NULL, 0, &io));
	st = zx_ioports_request(io, bar.addr, bar.size);
	if (st == ZX_ERR_NOT_SUPPORTED) {
		EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, io }, 2));
		SKIP(return, "this kernel has no ioperm()");
	}
	ASSERT_ZX_OK(st);
	/* Test 0 of the port block is named "portio-...". */
	pt_testdev_name(bar.addr, 0, name, sizeof(name));
	TH_LOG("pci-testdev ports at %#lx: test 0 is \"%s\"",
	       (unsigned long)bar.addr, name);
	EXPECT_EQ(0, strncmp(name, "portio-", 7));
	EXPECT_ZX_OK(zx_ioports_release(io, bar.addr, bar.size));
	EXPECT_ZX_OK(zx_handle_close(io));
#else
	/* No I/O ports here: the BAR is reported, the ports are not given. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_ioports_request(root, bar.addr, bar.size));
#endif
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* Lines of /proc/interrupts that name the module's handler. */
static int pt_zircon_irqs(void)
{
	char line[1024];
	int n = 0;
	FILE *fp = fopen("/proc/interrupts", "r");

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (strstr(line, " zircon"))
			n++;
	fclose(fp);
	return n;
}

TEST(msix_vectors_map_to_interrupts)
{
	struct zxt_live base;
	zx_pcie_device_info_t info;
	zx_info_handle_basic_t b0, b1;
	zx_handle_t h, ro, i0, i1, i2, port;
	uint32_t max = 0;
	int irqs;

	pt_root(_metadata);
	base = zxt_settle(_metadata);
	irqs = pt_zircon_irqs();
	ASSERT_LE(0, irqs);
	PT_DEV(h, info, NVME_VENDOR, NVME_DEVICE, "NVMe");
	ASSERT_ZX_OK(zx_pci_query_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, &max));
	TH_LOG("NVMe: %u MSI-X vectors", max);
	ASSERT_LE(2u, max);
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, max + 1));
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ | ZX_RIGHT_TRANSFER);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_pci_set_irq_mode(ro, ZX_PCIE_IRQ_MODE_MSI_X, 2));
	/* No vectors yet. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_pci_map_interrupt(h, 0, &i0));
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 2));

	/* READ suffices to map. */
	ASSERT_ZX_OK(zx_pci_map_interrupt(ro, 0, &i0));
	/* A failed map leaves the vector free. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(h, 1, ZXT_BAD_PTR));
	EXPECT_EQ(irqs + 1, pt_zircon_irqs());
	ASSERT_ZX_OK(zx_pci_map_interrupt(h, 1, &i1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(h, 2, &i2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(h, -1, &i2));
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_pci_map_interrupt(h, 0, &i2));
	b0 = zxt_basic(_metadata, i0);
	b1 = zxt_basic(_metadata, i1);
	EXPECT_EQ(ZX_OBJ_TYPE_INTERRUPT, b0.type);
	EXPECT_EQ(ZX_OBJ_TYPE_INTERRUPT, b1.type);
	EXPECT_EQ(ZX_DEFAULT_INTERRUPT_RIGHTS, b0.rights);
	EXPECT_EQ(ZX_DEFAULT_INTERRUPT_RIGHTS, b1.rights);
	EXPECT_NE(b0.koid, b1.koid);
	/* Each is a Linux IRQ of its own. */
	EXPECT_EQ(irqs + 2, pt_zircon_irqs());
	/* No vector changes hands while interrupts hold them. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 1));

	/* Bound to a port, unbound, destroyed. */
	ASSERT_ZX_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
	ASSERT_ZX_OK(zx_interrupt_bind(i0, port, 10, ZX_INTERRUPT_BIND));
	ASSERT_ZX_OK(zx_interrupt_bind(i1, port, 11, ZX_INTERRUPT_BIND));
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND,
		  zx_interrupt_bind(i0, port, 10, ZX_INTERRUPT_BIND));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_wait(i0, NULL));
	EXPECT_ZX_OK(zx_interrupt_bind(i0, port, 0, ZX_INTERRUPT_UNBIND));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_interrupt_bind(i0, port, 0, ZX_INTERRUPT_UNBIND));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_trigger(i0, 0, 0));
	EXPECT_ZX_OK(zx_interrupt_destroy(i0));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_wait(i0, NULL));
	EXPECT_ZX(ZX_ERR_CANCELED,
		  zx_interrupt_bind(i0, port, 10, ZX_INTERRUPT_BIND));
	/* Destroying gave the Linux IRQ back. */
	EXPECT_EQ(irqs + 1, pt_zircon_irqs());
	EXPECT_ZX_OK(zx_handle_close(i0));
	/* The device's last handle takes a still-mapped one down. */
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, ro }, 2));
	EXPECT_EQ(irqs, pt_zircon_irqs());
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_wait(i1, NULL));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_ack(i1));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ i1, port }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(msix_mode_changes_once_interrupts_are_closed)
{
	struct zxt_live base;
	zx_pcie_device_info_t info;
	zx_handle_t h, i0, i1;
	char drv[64];

	pt_root(_metadata);
	base = zxt_settle(_metadata);
	PT_DEV(h, info, NVME_VENDOR, NVME_DEVICE, "NVMe");
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 2));
	ASSERT_ZX_OK(zx_pci_map_interrupt(h, 0, &i0));
	ASSERT_ZX_OK(zx_pci_map_interrupt(h, 1, &i1));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ i0, i1 }, 2));
	/* Their vectors are free again: a new mode, and back to none. */
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 1));
	ASSERT_ZX_OK(zx_pci_map_interrupt(h, 0, &i0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(h, 1, &i1));
	/* A destroyed interrupt holds the mode until it is closed. */
	EXPECT_ZX_OK(zx_interrupt_destroy(i0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED, 0));
	EXPECT_ZX_OK(zx_handle_close(i0));
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_DISABLED, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_pci_map_interrupt(h, 0, &i0));
	/* Vectors left allocated go with the last device handle. */
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 2));
	EXPECT_ZX_OK(zx_handle_close(h));
	pt_driver(&info, drv, sizeof(drv));
	EXPECT_STREQ("", drv);
	/* ...and the next owner starts from nothing. */
	PT_DEV(h, info, NVME_VENDOR, NVME_DEVICE, "NVMe");
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_pci_map_interrupt(h, 0, &i0));
	ASSERT_ZX_OK(zx_pci_set_irq_mode(h, ZX_PCIE_IRQ_MODE_MSI_X, 2));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(reset_is_done_or_not_supported)
{
	zx_pcie_device_info_t info;
	zx_status_t st;
	zx_handle_t h;

	PT_EDU(h, info);
	st = zx_pci_reset_device(h);
	TH_LOG("zx_pci_reset_device: %s", zx_status_get_string(st));
	EXPECT_TRUE(st == ZX_OK || st == ZX_ERR_NOT_SUPPORTED);
	EXPECT_ZX_OK(zx_handle_close(h));
}

static int pt_unprivileged_child(void *arg)
{
	zx_pcie_device_info_t info;
	zx_handle_t h;

	CHILD_CHECK(setgid(65534) == 0 && setuid(65534) == 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_pci_get_nth_device(ZX_HANDLE_INVALID, 0, &info, &h));
	return 0;
}

TEST(an_unprivileged_process_reaches_no_device)
{
	ASSERT_CHILD_OK(zxt_fork_run(pt_unprivileged_child, NULL));
}

TEST_HARNESS_MAIN

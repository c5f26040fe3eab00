// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt objects: virtual interrupts (wait, trigger, bind to a port,
 * ack, destroy and every documented error), and edu's MSI through
 * pci_set_irq_mode + pci_map_interrupt, raised through edu's registers.
 * Runs as root in the VM.
 */
#include <sys/mman.h>

#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/resource.h>

#include "zx_test.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64

static zx_handle_t it_root(struct __test_metadata *_metadata)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	return root;
}

static struct zxt_live it_settle(struct __test_metadata *_metadata)
{
	it_root(_metadata);
	return zxt_settle(_metadata);
}

static zx_handle_t it_virtual(struct __test_metadata *_metadata)
{
	zx_handle_t h;

	ASSERT_ZX_OK(zx_interrupt_create(ZX_HANDLE_INVALID, 0,
					 ZX_INTERRUPT_VIRTUAL, &h));
	return h;
}

static zx_handle_t it_port(struct __test_metadata *_metadata)
{
	zx_handle_t port;

	ASSERT_ZX_OK(zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port));
	return port;
}

/* No packet within a short while. */
static void it_no_packet(struct __test_metadata *_metadata, zx_handle_t port)
{
	zx_port_packet_t pkt;

	EXPECT_ZX(ZX_ERR_TIMED_OUT,
		  zx_port_wait(port, zx_deadline_after(ZX_MSEC(20)), &pkt));
}

TEST(virtual_interrupt_trigger_then_wait)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t h = it_virtual(_metadata);
	zx_info_handle_basic_t basic = zxt_basic(_metadata, h);
	zx_time_t ts = 0;

	EXPECT_EQ(ZX_OBJ_TYPE_INTERRUPT, basic.type);
	EXPECT_EQ(ZX_DEFAULT_INTERRUPT_RIGHTS, basic.rights);
	/* Interrupts are not waitable objects. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, NULL));
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 1234));
	ASSERT_ZX_OK(zx_interrupt_wait(h, &ts));
	EXPECT_EQ(1234, ts);
	/* The timestamp pointer is optional. */
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 99));
	ASSERT_ZX_OK(zx_interrupt_wait(h, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

struct it_waiter {
	zx_handle_t h;
	zx_status_t status;
	zx_time_t ts;
};

static void *it_wait_main(void *arg)
{
	struct it_waiter *w = arg;

	w->status = zx_interrupt_wait(w->h, &w->ts);
	return NULL;
}

TEST(a_waiting_thread_gets_the_trigger_or_cancel)
{
	struct zxt_live base = it_settle(_metadata);
	struct it_waiter w = { .h = it_virtual(_metadata) };
	zx_handle_t port = it_port(_metadata);
	pthread_t t;

	zxt_thread_start(_metadata, &t, it_wait_main, &w);
	zxt_sleep_ms(50);
	/* No bind while a thread waits. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_bind(w.h, port, 1, 0));
	ASSERT_ZX_OK(zx_interrupt_trigger(w.h, 0, 77));
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(w.status);
	EXPECT_EQ(77, w.ts);

	/* interrupt_destroy ends a wait with CANCELED. */
	zxt_thread_start(_metadata, &t, it_wait_main, &w);
	zxt_sleep_ms(50);
	EXPECT_ZX_OK(zx_interrupt_destroy(w.h));
	zxt_thread_join(_metadata, t);
	EXPECT_ZX(ZX_ERR_CANCELED, w.status);
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_wait(w.h, NULL));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_trigger(w.h, 0, 0));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_bind(w.h, port, 1, 0));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_ack(w.h));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ w.h, port }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(create_errors)
{
	zx_handle_t root = it_root(_metadata), mmio, ev, h;
	struct zxt_live base = zxt_settle(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_interrupt_create(ZX_HANDLE_INVALID, 0,
				      ZX_INTERRUPT_VIRTUAL |
				      ZX_INTERRUPT_MODE_EDGE_HIGH, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_interrupt_create(ZX_HANDLE_INVALID, 0, 1u << 8, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_interrupt_create(ZX_HANDLE_INVALID, 0,
				      ZX_INTERRUPT_VIRTUAL, ZXT_BAD_PTR));
	ev = zxt_event(_metadata);
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, 0xfe000000,
					4096, NULL, 0, &mmio));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_interrupt_create(ZX_HANDLE_INVALID, 5, 0, &h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_interrupt_create(ZXT_BOGUS_HANDLE, 5, 0, &h));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_create(ev, 5, 0, &h));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_create(mmio, 5, 0, &h));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ ev, mmio }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(an_irq_linux_drives_is_not_handed_out)
{
	zx_handle_t root = it_root(_metadata), h;
	unsigned int irq;
	char line[256];
	bool found = false;
	FILE *f;

	/* The serial console's IRQ, which its Linux driver holds. */
	f = fopen("/proc/interrupts", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "ttyS0") || strstr(line, "uart-pl011")) {
			found = sscanf(line, " %u:", &irq) == 1;
			break;
		}
	}
	fclose(f);
	if (!found)
		SKIP(return, "no serial IRQ in /proc/interrupts");
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_interrupt_create(root, irq, 0, &h));
}

TEST(bound_to_a_port)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t h = it_virtual(_metadata), port = it_port(_metadata);
	zx_port_packet_t pkt;

	/* A trigger before binding is delivered at bind. */
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 5));
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0xabc, ZX_INTERRUPT_BIND));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &pkt));
	EXPECT_EQ(0xabcu, pkt.key);
	EXPECT_EQ(ZX_PKT_TYPE_INTERRUPT, pkt.type);
	EXPECT_ZX_OK(pkt.status);
	EXPECT_EQ(5, pkt.interrupt.timestamp);
	/* Bound: no waiting. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_wait(h, NULL));
	/* Until acked, a trigger is latched, then delivered at ack. */
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 6));
	it_no_packet(_metadata, port);
	ASSERT_ZX_OK(zx_interrupt_ack(h));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &pkt));
	EXPECT_EQ(6, pkt.interrupt.timestamp);
	ASSERT_ZX_OK(zx_interrupt_ack(h));
	it_no_packet(_metadata, port);
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 7));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &pkt));
	EXPECT_EQ(7, pkt.interrupt.timestamp);
	ASSERT_ZX_OK(zx_interrupt_ack(h));

	/* Unbinding takes back a queued packet. */
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 8));
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0, ZX_INTERRUPT_UNBIND));
	it_no_packet(_metadata, port);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_ack(h));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ h, port }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(bind_ack_trigger_errors)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t h = it_virtual(_metadata), port = it_port(_metadata);
	zx_handle_t plain, other = it_port(_metadata), ev, ro, wo;

	ASSERT_ZX_OK(zx_port_create(0, &plain));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_bind(ZXT_BOGUS_HANDLE, port,
						       0, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_bind(h, ZXT_BOGUS_HANDLE,
						       0, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_bind(ev, port, 0, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_bind(h, ev, 0, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_bind(h, plain, 0, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_interrupt_bind(h, port, 0, 2));
	ro = zxt_dup(_metadata, h, ZX_RIGHT_WAIT);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_bind(ro, port, 0, 0));
	wo = zxt_dup(_metadata, port, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_bind(h, wo, 0, 0));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_interrupt_bind(h, port, 0, ZX_INTERRUPT_UNBIND));
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0, 0));
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_interrupt_bind(h, port, 0, 0));
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_interrupt_bind(h, other, 0, 0));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_interrupt_bind(h, other, 0, ZX_INTERRUPT_UNBIND));

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_ack(ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_ack(ev));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_ack(ro));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_interrupt_trigger(h, 1, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_trigger(ZXT_BOGUS_HANDLE, 0,
							  0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_trigger(ev, 0, 0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_trigger(ro, 0, 0));

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_wait(ZXT_BOGUS_HANDLE, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_wait(ev, NULL));
	EXPECT_ZX_OK(zx_handle_close(ro));
	ro = zxt_dup(_metadata, h, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_wait(ro, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_interrupt_destroy(ro));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_interrupt_destroy(ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_destroy(ev));
	EXPECT_ZX_OK(zx_handle_close_many(
		(zx_handle_t[]){ h, port, plain, other, ev, ro, wo }, 7));
	ASSERT_LIVE_EQ(base);
}

TEST(wait_with_a_bad_timestamp_pointer)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t h = it_virtual(_metadata);

	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_interrupt_wait(h, ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(destroy_reports_a_read_but_unacked_packet)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t h = it_virtual(_metadata), port = it_port(_metadata);
	zx_port_packet_t pkt;

	/* Queued, not read: taken back, OK. */
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0, 0));
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 1));
	EXPECT_ZX_OK(zx_interrupt_destroy(h));
	it_no_packet(_metadata, port);
	EXPECT_ZX_OK(zx_handle_close(h));

	/* Read and not acked: NOT_FOUND. */
	h = it_virtual(_metadata);
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0, 0));
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 1));
	ASSERT_ZX_OK(zx_port_wait(port, 0, &pkt));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_interrupt_destroy(h));
	EXPECT_ZX_OK(zx_handle_close(h));

	/* Closing the port drops the packet; the interrupt stays usable. */
	h = it_virtual(_metadata);
	ASSERT_ZX_OK(zx_interrupt_bind(h, port, 0, 0));
	ASSERT_ZX_OK(zx_interrupt_trigger(h, 0, 1));
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_interrupt_ack(h));
	EXPECT_ZX_OK(zx_interrupt_trigger(h, 0, 2));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* ---- edu's MSI ---- */

static int it_find_edu(struct __test_metadata *_metadata,
		       zx_pcie_device_info_t *out)
{
	zx_pcie_device_info_t info;
	zx_handle_t h;
	uint32_t i;

	for (i = 0;; i++) {
		if (zx_pci_get_nth_device(it_root(_metadata), i, &info, &h))
			return -1;
		EXPECT_ZX_OK(zx_handle_close(h));
		if (info.vendor_id == EDU_VENDOR &&
		    info.device_id == EDU_DEVICE) {
			*out = info;
			return (int)i;
		}
	}
}

/* edu's registers through sysfs (the libzx path is samples/edu-driver). */
static volatile uint32_t *it_edu_regs(struct __test_metadata *_metadata,
				      const zx_pcie_device_info_t *info)
{
	char path[128];
	void *p;
	int fd;

	snprintf(path, sizeof(path),
		 "/sys/bus/pci/devices/0000:%02x:%02x.%x/resource0",
		 info->bus_id, info->dev_id, info->func_id);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

TEST(edu_msi_through_map_interrupt)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t dev, intr, port, ro, wo, intr2, vmo;
	volatile uint32_t *regs;
	zx_pcie_device_info_t info;
	zx_port_packet_t pkt;
	zx_pci_bar_t bar;
	uint32_t max;
	zx_time_t before, ts;
	int idx = it_find_edu(_metadata, &info);

	if (idx < 0)
		SKIP(return, "no edu device");
	ASSERT_ZX_OK(zx_pci_get_nth_device(it_root(_metadata), idx, &info,
					   &dev));
	/* BARs: edu has one MMIO BAR of 1 MiB. */
	ASSERT_ZX_OK(zx_pci_get_bar(dev, 0, &bar, &vmo));
	EXPECT_EQ(ZX_PCI_BAR_TYPE_MMIO, bar.type);
	EXPECT_EQ(0u, bar.id);
	EXPECT_EQ(1u << 20, bar.size);
	EXPECT_EQ(vmo, bar.handle);
	EXPECT_EQ(ZX_OBJ_TYPE_VMO, zxt_basic(_metadata, vmo).type);
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_pci_get_bar(dev, 1, &bar, &intr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_get_bar(dev, 6, &bar, &intr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_pci_get_bar(dev, 0, ZXT_BAD_PTR, &intr));
	ro = zxt_dup(_metadata, dev, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_get_bar(ro, 0, &bar, &intr));

	/* map_interrupt wants an IRQ mode with vectors. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_pci_map_interrupt(dev, 0, &intr));
	if (zx_pci_query_irq_mode(dev, ZX_PCIE_IRQ_MODE_MSI, &max) != ZX_OK) {
		EXPECT_ZX_OK(zx_handle_close_many(
			(zx_handle_t[]){ dev, ro, vmo }, 3));
		SKIP(return, "no MSI here");
	}
	ASSERT_ZX_OK(zx_pci_set_irq_mode(dev, ZX_PCIE_IRQ_MODE_MSI, 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(dev, 1, &intr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(dev, -1, &intr));
	wo = zxt_dup(_metadata, dev, ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_pci_map_interrupt(wo, 0, &intr));
	EXPECT_ZX_OK(zx_handle_close(wo));
	ASSERT_ZX_OK(zx_pci_map_interrupt(dev, 0, &intr));
	EXPECT_EQ(ZX_OBJ_TYPE_INTERRUPT, zxt_basic(_metadata, intr).type);
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_pci_map_interrupt(dev, 0, &intr2));
	/* The vectors are in use: no new IRQ mode. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pci_set_irq_mode(dev, ZX_PCIE_IRQ_MODE_DISABLED, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_trigger(intr, 0, 0));

	regs = it_edu_regs(_metadata, &info);
	ASSERT_NE(NULL, (void *)regs);
	/* An MSI is a memory write by the device. */
	ASSERT_ZX_OK(zx_pci_enable_bus_master(dev, 1));
	port = it_port(_metadata);
	ASSERT_ZX_OK(zx_interrupt_bind(intr, port, 42, 0));
	before = zx_clock_get_monotonic();
	regs[EDU_IRQ_RAISE / 4] = 0x100;
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt));
	EXPECT_EQ(42u, pkt.key);
	EXPECT_EQ(ZX_PKT_TYPE_INTERRUPT, pkt.type);
	EXPECT_LE(before, pkt.interrupt.timestamp);
	EXPECT_EQ(0x100u, regs[EDU_IRQ_STATUS / 4]);
	regs[EDU_IRQ_ACK / 4] = 0x100;
	ASSERT_ZX_OK(zx_interrupt_ack(intr));
	/* An MSI raised while unacked is replayed at ack. */
	regs[EDU_IRQ_RAISE / 4] = 0x200;
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt));
	regs[EDU_IRQ_ACK / 4] = 0x200;
	regs[EDU_IRQ_RAISE / 4] = 0x400;
	zxt_sleep_ms(20);
	it_no_packet(_metadata, port);
	regs[EDU_IRQ_ACK / 4] = 0x400;
	ASSERT_ZX_OK(zx_interrupt_ack(intr));
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt));
	ASSERT_ZX_OK(zx_interrupt_bind(intr, port, 0, ZX_INTERRUPT_UNBIND));

	/* The same vector through interrupt_wait. */
	regs[EDU_IRQ_RAISE / 4] = 0x800;
	ASSERT_ZX_OK(zx_interrupt_wait(intr, &ts));
	EXPECT_LE(before, ts);
	regs[EDU_IRQ_ACK / 4] = 0x800;
	munmap((void *)regs, 4096);

	/* Closing the device takes its interrupts down. */
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ dev, ro, vmo }, 3));
	EXPECT_ZX(ZX_ERR_CANCELED, zx_interrupt_wait(intr, NULL));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ intr, port }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(edu_legacy_intx_is_masked_at_the_device)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t dev, intr, port;
	volatile uint32_t *regs;
	zx_pcie_device_info_t info;
	zx_port_packet_t pkt;
	uint32_t max;
	int idx = it_find_edu(_metadata, &info);

	if (idx < 0)
		SKIP(return, "no edu device");
	ASSERT_ZX_OK(zx_pci_get_nth_device(it_root(_metadata), idx, &info,
					   &dev));
	if (zx_pci_query_irq_mode(dev, ZX_PCIE_IRQ_MODE_LEGACY, &max) ||
	    zx_pci_set_irq_mode(dev, ZX_PCIE_IRQ_MODE_LEGACY, 1)) {
		EXPECT_ZX_OK(zx_handle_close(dev));
		SKIP(return, "no legacy interrupt here");
	}
	EXPECT_EQ(1u, max);
	ASSERT_ZX_OK(zx_pci_map_interrupt(dev, 0, &intr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_pci_map_interrupt(dev, 1, &port));
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND, zx_pci_map_interrupt(dev, 0, &port));
	regs = it_edu_regs(_metadata, &info);
	ASSERT_NE(NULL, (void *)regs);
	port = it_port(_metadata);
	ASSERT_ZX_OK(zx_interrupt_bind(intr, port, 7, 0));
	regs[EDU_IRQ_RAISE / 4] = 0x1000;
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt));
	EXPECT_EQ(7u, pkt.key);
	/* A level line: the device deasserts it, then the object re-arms. */
	regs[EDU_IRQ_ACK / 4] = 0x1000;
	ASSERT_ZX_OK(zx_interrupt_ack(intr));
	it_no_packet(_metadata, port);
	regs[EDU_IRQ_RAISE / 4] = 0x2000;
	ASSERT_ZX_OK(zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt));
	regs[EDU_IRQ_ACK / 4] = 0x2000;
	munmap((void *)regs, 4096);
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ intr, port, dev },
					  3));
	ASSERT_LIVE_EQ(base);
}

/* edu's legacy Linux IRQ number from sysfs, or -1. */
static int it_edu_irq(const zx_pcie_device_info_t *info)
{
	char path[128];
	FILE *f;
	int irq = -1;

	snprintf(path, sizeof(path),
		 "/sys/bus/pci/devices/0000:%02x:%02x.%x/irq",
		 info->bus_id, info->dev_id, info->func_id);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &irq) != 1)
			irq = -1;
		fclose(f);
	}
	return irq;
}

TEST(an_irq_resource_gives_a_physical_interrupt)
{
	struct zxt_live base = it_settle(_metadata);
	zx_handle_t root = it_root(_metadata), dev, vmo, irq_rsrc, intr, ro;
	volatile uint32_t *regs;
	zx_pcie_device_info_t info;
	zx_pci_bar_t bar;
	zx_time_t before, ts;
	zx_status_t st;
	int idx = it_find_edu(_metadata, &info), irq;

	if (idx < 0)
		SKIP(return, "no edu device");
	ASSERT_ZX_OK(zx_pci_get_nth_device(root, idx, &info, &dev));
	/* BAR access turns memory decoding on; the IRQ mode stays off. */
	ASSERT_ZX_OK(zx_pci_get_bar(dev, 0, &bar, &vmo));
	irq = it_edu_irq(&info);
	ASSERT_LT(0, irq);
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_IRQ, irq, 1, NULL,
					0, &irq_rsrc));
	st = zx_interrupt_create(irq_rsrc, irq, ZX_INTERRUPT_MODE_DEFAULT,
				 &intr);
	if (st == ZX_ERR_ALREADY_BOUND) {
		EXPECT_ZX_OK(zx_handle_close_many(
			(zx_handle_t[]){ dev, vmo, irq_rsrc }, 3));
		SKIP(return, "edu's line is shared with a Linux driver");
	}
	ASSERT_ZX_OK(st);
	/* The resource grants that one IRQ only. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_interrupt_create(irq_rsrc, irq + 1, 0, &ro));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_interrupt_create(irq_rsrc, irq, 7u << 1, &ro));
	/* Taken: a second object for the line is refused. */
	EXPECT_ZX(ZX_ERR_ALREADY_BOUND,
		  zx_interrupt_create(irq_rsrc, irq, 0, &ro));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_interrupt_trigger(intr, 0, 0));

	regs = it_edu_regs(_metadata, &info);
	ASSERT_NE(NULL, (void *)regs);
	before = zx_clock_get_monotonic();
	regs[EDU_IRQ_RAISE / 4] = 0x4000;
	ASSERT_ZX_OK(zx_interrupt_wait(intr, &ts));
	EXPECT_LE(before, ts);
	/* Masked until the next wait; the device deasserts meanwhile. */
	regs[EDU_IRQ_ACK / 4] = 0x4000;
	regs[EDU_IRQ_RAISE / 4] = 0x8000;
	ASSERT_ZX_OK(zx_interrupt_wait(intr, &ts));
	regs[EDU_IRQ_ACK / 4] = 0x8000;
	munmap((void *)regs, 4096);
	EXPECT_ZX_OK(zx_interrupt_destroy(intr));
	EXPECT_ZX_OK(zx_handle_close_many(
		(zx_handle_t[]){ intr, irq_rsrc, vmo, dev }, 4));
	ASSERT_LIVE_EQ(base);
}

static int it_unprivileged_child(void *arg)
{
	zx_handle_t h;

	CHILD_CHECK(setgid(65534) == 0 && setuid(65534) == 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_interrupt_create(ZX_HANDLE_INVALID, 4, 0, &h));
	/* Virtual interrupts need no privilege. */
	CHILD_CHECK_ZX(ZX_OK, zx_interrupt_create(ZX_HANDLE_INVALID, 0,
						  ZX_INTERRUPT_VIRTUAL, &h));
	return 0;
}

TEST(an_unprivileged_process_binds_no_irq)
{
	ASSERT_CHILD_OK(zxt_fork_run(it_unprivileged_child, NULL));
}

TEST_HARNESS_MAIN

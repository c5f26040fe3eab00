// SPDX-License-Identifier: GPL-2.0
/*
 * IOMMUs, BTIs, pinned memory tokens, contiguous and physical VMOs and
 * zx_cache_flush().  Runs as root in the VM; on x86 the VM has an Intel
 * IOMMU that Linux drives and QEMU's edu device, whose DMA engine checks
 * that pinned memory really is reachable at the addresses bti_pin returns.
 */
#include <sys/mman.h>

#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/resource.h>

#include "zx_test.h"

#define PAGE		4096u
#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8

static zx_handle_t bt_root(struct __test_metadata *_metadata)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	return root;
}

/* Live counts once the root resource handle (kept for all tests) exists. */
static struct zxt_live bt_settle(struct __test_metadata *_metadata)
{
	bt_root(_metadata);
	return zxt_settle(_metadata);
}

static zx_handle_t bt_dummy_iommu(struct __test_metadata *_metadata)
{
	zx_iommu_desc_dummy_t desc = {};
	zx_handle_t iommu;

	ASSERT_ZX_OK(zx_iommu_create(bt_root(_metadata), ZX_IOMMU_TYPE_DUMMY,
				     &desc, sizeof(desc), &iommu));
	return iommu;
}

/* A BTI on a dummy IOMMU whose id names no device: CPU addresses. */
static zx_handle_t bt_plain_bti(struct __test_metadata *_metadata)
{
	zx_handle_t iommu = bt_dummy_iommu(_metadata), bti;

	ASSERT_ZX_OK(zx_bti_create(iommu, 0, 0x1ffff, &bti));
	EXPECT_ZX_OK(zx_handle_close(iommu));
	return bti;
}

static zx_info_bti_t bt_info(struct __test_metadata *_metadata,
			     zx_handle_t bti)
{
	zx_info_bti_t info;

	EXPECT_ZX_OK(zx_object_get_info(bti, ZX_INFO_BTI, &info, sizeof(info),
					NULL, NULL));
	return info;
}

static zx_handle_t bt_vmo(struct __test_metadata *_metadata, uint64_t size)
{
	zx_handle_t vmo;

	ASSERT_ZX_OK(zx_vmo_create(size, 0, &vmo));
	return vmo;
}

static bool bt_is_x86(void)
{
#if defined(__x86_64__)
	return true;
#else
	return false;
#endif
}

/* Linux put some device behind an IOMMU. */
static bool bt_linux_iommu(void)
{
	FILE *f = fopen("/sys/kernel/iommu_groups/0/type", "r");

	if (f)
		fclose(f);
	return f != NULL;
}

TEST(iommu_create_dummy_and_errors)
{
	zx_handle_t root = bt_root(_metadata), iommu, mmio, ev;
	struct zxt_live base = zxt_settle(_metadata);
	uint8_t big[ZX_IOMMU_MAX_DESC_LEN + 1] = {};
	zx_iommu_desc_dummy_t desc = {};
	zx_info_handle_basic_t basic;

	ASSERT_ZX_OK(zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, &desc,
				     sizeof(desc), &iommu));
	basic = zxt_basic(_metadata, iommu);
	EXPECT_EQ(ZX_OBJ_TYPE_IOMMU, basic.type);
	EXPECT_EQ(ZX_DEFAULT_IOMMU_RIGHTS, basic.rights);
	EXPECT_ZX_OK(zx_handle_close(iommu));

	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, 0xfe000000,
					PAGE, NULL, 0, &mmio));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_iommu_create(ZXT_BOGUS_HANDLE, ZX_IOMMU_TYPE_DUMMY, &desc,
				  sizeof(desc), &iommu));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_iommu_create(ev, ZX_IOMMU_TYPE_DUMMY, &desc,
				  sizeof(desc), &iommu));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_iommu_create(mmio, ZX_IOMMU_TYPE_DUMMY, &desc,
				  sizeof(desc), &iommu));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_iommu_create(root, 77, &desc, sizeof(desc), &iommu));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, big, sizeof(big),
				  &iommu));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, big, 0, &iommu));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, big, 2, &iommu));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, ZXT_BAD_PTR,
				  sizeof(desc), &iommu));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, &desc,
				  sizeof(desc), ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ mmio, ev }, 2));
	ASSERT_LIVE_EQ(base);
}

/* An Intel descriptor whose scope is the one endpoint @bus:@devfn. */
struct bt_intel_desc {
	zx_iommu_desc_intel_t d;
	zx_iommu_desc_intel_scope_t scope;
} __attribute__((packed));

static struct bt_intel_desc bt_intel(uint8_t bus, uint8_t devfn)
{
	struct bt_intel_desc desc = {
		.d = { .register_base = 0xfed90000,
		       .scope_bytes = sizeof(zx_iommu_desc_intel_scope_t) },
		.scope = { .type = ZX_IOMMU_INTEL_SCOPE_ENDPOINT,
			   .start_bus = bus, .num_hops = 1,
			   .dev_func = { devfn } },
	};
	return desc;
}

/* Index of edu among the PCI devices handed out, or -1; fills @info. */
static int bt_find_edu(struct __test_metadata *_metadata,
		       zx_pcie_device_info_t *out)
{
	zx_pcie_device_info_t info;
	zx_handle_t h;
	zx_status_t st;
	uint32_t i;

	for (i = 0;; i++) {
		st = zx_pci_get_nth_device(bt_root(_metadata), i, &info, &h);
		if (st != ZX_OK)
			return -1;
		EXPECT_ZX_OK(zx_handle_close(h));
		if (info.vendor_id == EDU_VENDOR &&
		    info.device_id == EDU_DEVICE) {
			*out = info;
			return (int)i;
		}
	}
}

static uint64_t bt_bdf(const zx_pcie_device_info_t *info)
{
	return (uint64_t)info->bus_id << 8 | info->dev_id << 3 |
	       info->func_id;
}

TEST(iommu_create_intel_maps_onto_the_linux_iommu)
{
	zx_handle_t root = bt_root(_metadata), iommu, dev, bti;
	struct zxt_live base = zxt_settle(_metadata);
	zx_pcie_device_info_t info;
	struct bt_intel_desc desc;
	int idx = bt_find_edu(_metadata, &info);
	zx_status_t st;

	if (idx < 0)
		SKIP(return, "no edu device");
	desc = bt_intel(info.bus_id, info.dev_id << 3 | info.func_id);
	st = zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc, sizeof(desc),
			     &iommu);
	if (!bt_is_x86() || !bt_linux_iommu()) {
		/* arm64, or intel_iommu=off: Linux maps nothing for us. */
		EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, st);
		ASSERT_LIVE_EQ(base);
		return;
	}
	ASSERT_ZX_OK(st);
	/* Only devices bound to zircon.ko and inside the scope. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_create(iommu, 0, bt_bdf(&info), &bti));
	ASSERT_ZX_OK(zx_pci_get_nth_device(root, idx, &info, &dev));
	ASSERT_ZX_OK(zx_bti_create(iommu, 0, bt_bdf(&info), &bti));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_bti_create(iommu, 0, 0, &bti + 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_create(iommu, 0, 1ull << 20, &bti + 0));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ bti, dev, iommu },
					  3));

	/* Malformed descriptors. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc,
				  sizeof(desc) - 1, &iommu));
	desc.scope.num_hops = 0;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc,
				  sizeof(desc), &iommu));
	desc.scope.num_hops = 1;
	desc.scope.type = 9;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc,
				  sizeof(desc), &iommu));
	desc.scope.type = ZX_IOMMU_INTEL_SCOPE_ENDPOINT;
	desc.d.scope_bytes = 3;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc,
				  sizeof(desc), &iommu));
	/* A scope naming no device leaves Linux nothing to map. */
	desc = bt_intel(0xfe, 0xf8);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_iommu_create(root, ZX_IOMMU_TYPE_INTEL, &desc,
				  sizeof(desc), &iommu));
	ASSERT_LIVE_EQ(base);
}

TEST(bti_create_and_errors)
{
	zx_handle_t iommu = bt_dummy_iommu(_metadata), bti, ev;
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_handle_basic_t basic;
	zx_info_bti_t info;

	ASSERT_ZX_OK(zx_bti_create(iommu, 0, 0x1ffff, &bti));
	basic = zxt_basic(_metadata, bti);
	EXPECT_EQ(ZX_OBJ_TYPE_BTI, basic.type);
	EXPECT_EQ(ZX_DEFAULT_BTI_RIGHTS, basic.rights);
	info = bt_info(_metadata, bti);
	EXPECT_EQ(PAGE, info.minimum_contiguity);
	EXPECT_EQ(0u, info.pmo_count);
	EXPECT_EQ(0u, info.quarantine_count);
	EXPECT_NE(0u, info.aspace_size);
	EXPECT_ZX_OK(zx_handle_close(bti));

	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_bti_create(ZXT_BOGUS_HANDLE, 0, 0, &bti));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_bti_create(ev, 0, 0, &bti));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_bti_create(iommu, 1, 0, &bti));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_create(iommu, 0, 0, ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(iommu));
}

TEST(pin_returns_addresses_and_holds_the_pages)
{
	struct zxt_live base = bt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), vmo, pmt, child;
	zx_paddr_t addrs[4];
	zx_info_bti_t info;
	int i;

	vmo = bt_vmo(_metadata, 4 * PAGE);
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_PERM_WRITE,
				vmo, PAGE, 3 * PAGE, addrs, 3, &pmt));
	EXPECT_EQ(ZX_OBJ_TYPE_PMT, zxt_basic(_metadata, pmt).type);
	EXPECT_EQ(ZX_DEFAULT_PMT_RIGHTS, zxt_basic(_metadata, pmt).rights);
	for (i = 0; i < 3; i++) {
		EXPECT_NE(0u, addrs[i]);
		EXPECT_EQ(0u, addrs[i] % PAGE);
	}
	info = bt_info(_metadata, bti);
	EXPECT_EQ(1u, info.pmo_count);
	/* Pinned pages stay: no decommit, no snapshot, no shrinking. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, PAGE, PAGE, NULL,
				  0));
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL,
				     0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmo_create_child(vmo, ZX_VMO_CHILD_SNAPSHOT, 0, PAGE,
				      &child));
	/* Zeroing works in place: the device keeps seeing the same page. */
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_ZERO, PAGE, PAGE, NULL,
				     0));
	/* A slice shares the pages, so it may be made. */
	ASSERT_ZX_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, 0, PAGE,
					 &child));
	EXPECT_ZX_OK(zx_handle_close(child));
	/* A second pin of the same pages is fine and counts separately. */
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_COMPRESS, vmo,
				PAGE, PAGE, &addrs[3], 1, &child));
	EXPECT_EQ(addrs[0], addrs[3]);
	EXPECT_EQ(2u, bt_info(_metadata, bti).pmo_count);
	EXPECT_ZX_OK(zx_pmt_unpin(child));
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	EXPECT_EQ(0u, bt_info(_metadata, bti).pmo_count);
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, 4 * PAGE,
				     NULL, 0));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ vmo, bti }, 2));
	ASSERT_LIVE_EQ(base);
}

TEST(pinning_a_snapshot_unshares_its_pages)
{
	struct zxt_live base = bt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), vmo, snap, p1, p2;
	zx_paddr_t a1, a2;
	char buf[4] = "abc", out[4];

	vmo = bt_vmo(_metadata, PAGE);
	ASSERT_ZX_OK(zx_vmo_write(vmo, buf, 0, sizeof(buf)));
	ASSERT_ZX_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SNAPSHOT, 0, PAGE,
					 &snap));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ, snap, 0, PAGE, &a1, 1,
				&p1));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, PAGE, &a2, 1,
				&p2));
	EXPECT_NE(a1, a2);
	ASSERT_ZX_OK(zx_vmo_read(snap, out, 0, sizeof(out)));
	EXPECT_STREQ("abc", out);
	EXPECT_ZX_OK(zx_pmt_unpin(p1));
	EXPECT_ZX_OK(zx_pmt_unpin(p2));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ vmo, snap, bti },
					  3));
	ASSERT_LIVE_EQ(base);
}

TEST(pin_errors)
{
	zx_handle_t root = bt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), vmo, ro, ev, pmt, nomap;
	zx_handle_t phys, resizable;
	const uint32_t rw = ZX_BTI_PERM_READ | ZX_BTI_PERM_WRITE;
	zx_paddr_t addrs[2];

	vmo = bt_vmo(_metadata, 2 * PAGE);
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_bti_pin(ZXT_BOGUS_HANDLE, rw, vmo, 0, PAGE, addrs, 1,
			     &pmt));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_bti_pin(bti, rw, ZXT_BOGUS_HANDLE, 0, PAGE, addrs, 1,
			     &pmt));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_bti_pin(ev, rw, vmo, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_bti_pin(bti, rw, ev, 0, PAGE, addrs, 1, &pmt));
	/* Rights: MAP on both, READ/WRITE on the VMO per permission. */
	ro = zxt_dup(_metadata, vmo, ZX_RIGHT_READ | ZX_RIGHT_MAP);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_bti_pin(bti, rw, ro, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_bti_pin(bti, ZX_BTI_PERM_WRITE, ro, 0, PAGE, addrs, 1,
			     &pmt));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_EXECUTE, ro, 0, PAGE, addrs,
				1, &pmt));
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	nomap = zxt_dup(_metadata, vmo, ZX_RIGHT_READ | ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_bti_pin(bti, rw, nomap, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX_OK(zx_handle_close(nomap));
	nomap = zxt_dup(_metadata, bti, ZX_RIGHT_READ | ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_bti_pin(nomap, rw, vmo, 0, PAGE, addrs, 1, &pmt));
	/* Arguments. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, 0, vmo, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw | (1u << 7), vmo, 0, PAGE, addrs, 1,
			     &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw | ZX_BTI_COMPRESS | ZX_BTI_CONTIGUOUS,
			     vmo, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 1, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, PAGE - 1, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, 0, addrs, 0, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, 2 * PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, PAGE, addrs, 2, &pmt));
	/* Contiguous only for contiguous (or physical) VMOs. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw | ZX_BTI_CONTIGUOUS, vmo, 0, PAGE, addrs,
			     1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, PAGE, ZXT_BAD_PTR, 1, &pmt));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_bti_pin(bti, rw, vmo, 0, PAGE, addrs, 1, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_bti_pin(bti, rw, vmo, 2 * PAGE, PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_bti_pin(bti, rw, vmo, PAGE, 2 * PAGE, addrs, 2, &pmt));
	/* The range is checked before the rest of the arguments. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_bti_pin(bti, rw, vmo, PAGE, 2 * PAGE, addrs, 1, &pmt));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_bti_pin(bti, rw | ZX_BTI_CONTIGUOUS, vmo, 4 * PAGE, PAGE,
			     addrs, 1, &pmt));
	EXPECT_EQ(0u, bt_info(_metadata, bti).pmo_count);
	/* Resizable VMOs pin; shrinking past a pinned page fails. */
	ASSERT_ZX_OK(zx_vmo_create(2 * PAGE, ZX_VMO_RESIZABLE, &resizable));
	ASSERT_ZX_OK(zx_bti_pin(bti, rw, resizable, PAGE, PAGE, addrs, 1,
				&pmt));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmo_set_size(resizable, PAGE));
	EXPECT_ZX_OK(zx_vmo_set_size(resizable, 3 * PAGE));
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	EXPECT_ZX_OK(zx_vmo_set_size(resizable, PAGE));
	/* A physical range has no pages to pin. */
	ASSERT_ZX_OK(zx_vmo_create_physical(root, 0xfe000000,
					    PAGE, &phys));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_bti_pin(bti, rw, phys, 0, PAGE, addrs, 1, &pmt));
	EXPECT_ZX_OK(zx_handle_close_many(
		(zx_handle_t[]){ vmo, ro, ev, nomap, phys, resizable, bti },
		7));
	ASSERT_LIVE_EQ(base);
}

TEST(pager_backed_vmos_are_not_pinned)
{
	struct zxt_live base = bt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), pager, port, vmo, pmt;
	zx_paddr_t addr;

	ASSERT_ZX_OK(zx_pager_create(0, &pager));
	ASSERT_ZX_OK(zx_port_create(0, &port));
	ASSERT_ZX_OK(zx_pager_create_vmo(pager, 0, port, 1, PAGE, &vmo));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, PAGE, &addr, 1,
			     &pmt));
	EXPECT_ZX_OK(zx_handle_close_many(
		(zx_handle_t[]){ vmo, port, pager, bti }, 4));
	ASSERT_LIVE_EQ(base);
}

TEST(pmt_unpin_consumes_the_handle)
{
	zx_handle_t ev = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_pmt_unpin(ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_pmt_unpin(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(ev));
}

TEST(closing_a_pinned_pmt_quarantines_it)
{
	struct zxt_live base = bt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), vmo, pmt, ro, ev;
	zx_paddr_t addr;
	zx_info_bti_t info;

	vmo = bt_vmo(_metadata, PAGE);
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_WRITE, vmo, 0, PAGE, &addr,
				1, &pmt));
	EXPECT_ZX_OK(zx_handle_close(pmt));
	info = bt_info(_metadata, bti);
	EXPECT_EQ(1u, info.pmo_count);
	EXPECT_EQ(1u, info.quarantine_count);
	/* The device may still write there: the page stays pinned. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0));
	ro = zxt_dup(_metadata, bti, ZX_RIGHT_READ | ZX_RIGHT_INSPECT);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_bti_release_quarantine(ro));
	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_bti_release_quarantine(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_bti_release_quarantine(ZXT_BOGUS_HANDLE));
	EXPECT_ZX_OK(zx_bti_release_quarantine(bti));
	info = bt_info(_metadata, bti);
	EXPECT_EQ(0u, info.pmo_count);
	EXPECT_EQ(0u, info.quarantine_count);
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL,
				     0));

	/* Closing the BTI releases its quarantine too. */
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_WRITE, vmo, 0, PAGE, &addr,
				1, &pmt));
	EXPECT_ZX_OK(zx_handle_close(pmt));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ bti, ro, ev }, 3));
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL,
				     0));
	/* A PMT outliving its BTI's handles is released when it closes. */
	bti = bt_plain_bti(_metadata);
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_WRITE, vmo, 0, PAGE, &addr,
				1, &pmt));
	EXPECT_ZX_OK(zx_handle_close(bti));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(pmt));
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL,
				     0));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(contiguous_vmos)
{
	struct zxt_live base = bt_settle(_metadata);
	zx_handle_t bti = bt_plain_bti(_metadata), vmo, pmt, child, ev, nomap;
	zx_paddr_t addrs[5], one;
	zx_info_vmo_t info;
	char buf[8] = "dma!", out[8];
	int i;

	ASSERT_ZX_OK(zx_vmo_create_contiguous(bti, 5 * PAGE, 16, &vmo));
	ASSERT_ZX_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info,
					sizeof(info), NULL, NULL));
	EXPECT_EQ(ZX_INFO_VMO_CONTIGUOUS,
		  info.flags & ZX_INFO_VMO_CONTIGUOUS);
	EXPECT_EQ(ZX_INFO_VMO_TYPE_PAGED, ZX_INFO_VMO_TYPE(info.flags));
	EXPECT_EQ(5u * PAGE, info.committed_bytes);
	ASSERT_ZX_OK(zx_vmo_write(vmo, buf, PAGE, sizeof(buf)));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_CONTIGUOUS,
				vmo, 0, 5 * PAGE, &one, 1, &pmt));
	EXPECT_EQ(0u, one % (1u << 16));
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ, vmo, 0, 5 * PAGE,
				addrs, 5, &pmt));
	for (i = 0; i < 5; i++)
		EXPECT_EQ(one + (zx_paddr_t)i * PAGE, addrs[i]);
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	/* Its pages never move: zero in place, no decommit, no snapshot. */
	EXPECT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_ZERO, 0, 5 * PAGE, NULL,
				     0));
	ASSERT_ZX_OK(zx_vmo_read(vmo, out, PAGE, sizeof(out)));
	EXPECT_EQ(0, out[0]);
	ASSERT_ZX_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info,
					sizeof(info), NULL, NULL));
	EXPECT_EQ(5u * PAGE, info.committed_bytes);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_create_child(vmo, ZX_VMO_CHILD_SNAPSHOT, 0, PAGE,
				      &child));
	ASSERT_ZX_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, PAGE, PAGE,
					 &child));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_CONTIGUOUS,
				child, 0, PAGE, addrs, 1, &pmt));
	EXPECT_EQ(one + PAGE, addrs[0]);
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ vmo, child }, 2));

	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_vmo_create_contiguous(ZXT_BOGUS_HANDLE, PAGE, 0, &vmo));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmo_create_contiguous(ev, PAGE, 0,
							      &vmo));
	nomap = zxt_dup(_metadata, bti, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmo_create_contiguous(nomap, PAGE, 0, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_contiguous(bti, 0, 0, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_contiguous(bti, PAGE, 3, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_contiguous(bti, PAGE, 64, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_contiguous(bti, PAGE, 0, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_NO_MEMORY,
		  zx_vmo_create_contiguous(bti, 1ull << 40, 0, &vmo));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ ev, nomap, bti },
					  3));
	ASSERT_LIVE_EQ(base);
}

/* edu's BAR 0 from sysfs: physical address and size. */
static bool bt_edu_bar0(const zx_pcie_device_info_t *info, uint64_t *start,
			uint64_t *size)
{
	unsigned long long s, e, f;
	char path[128];
	FILE *fp;
	int n;

	snprintf(path, sizeof(path),
		 "/sys/bus/pci/devices/0000:%02x:%02x.%x/resource",
		 info->bus_id, info->dev_id, info->func_id);
	fp = fopen(path, "r");
	if (!fp)
		return false;
	n = fscanf(fp, "%llx %llx %llx", &s, &e, &f);
	fclose(fp);
	if (n != 3 || !s)
		return false;
	*start = s;
	*size = e - s + 1;
	return true;
}

TEST(physical_vmos)
{
	zx_handle_t root = bt_root(_metadata), vmo, mmio, ev, child;
	struct zxt_live base = zxt_settle(_metadata);
	zx_pcie_device_info_t pci;
	uint64_t bar, size;
	zx_info_vmo_t info;
	char buf[4];

	if (bt_find_edu(_metadata, &pci) < 0 || !bt_edu_bar0(&pci, &bar, &size))
		SKIP(return, "no edu device");
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, bar, size,
					NULL, 0, &mmio));
	ASSERT_ZX_OK(zx_vmo_create_physical(mmio, bar, size, &vmo));
	ASSERT_ZX_OK(zx_object_get_info(vmo, ZX_INFO_VMO, &info,
					sizeof(info), NULL, NULL));
	EXPECT_EQ(ZX_INFO_VMO_TYPE_PHYSICAL, ZX_INFO_VMO_TYPE(info.flags));
	EXPECT_EQ(ZX_INFO_VMO_CONTIGUOUS,
		  info.flags & ZX_INFO_VMO_CONTIGUOUS);
	EXPECT_EQ(size, info.size_bytes);
	EXPECT_EQ(0u, info.committed_bytes);
	EXPECT_EQ(ZX_DEFAULT_VMO_RIGHTS, zxt_basic(_metadata, vmo).rights);
	/* Mapping only: no reads, writes, commits or snapshots. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_vmo_read(vmo, buf, 0, 4));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_vmo_write(vmo, buf, 0, 4));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_op_range(vmo, ZX_VMO_OP_COMMIT, 0, PAGE, NULL, 0));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_create_child(vmo, ZX_VMO_CHILD_SNAPSHOT, 0, PAGE,
				      &child));
	EXPECT_ZX_OK(zx_vmo_set_cache_policy(vmo,
					     ZX_CACHE_POLICY_UNCACHED_DEVICE));
	ASSERT_ZX_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, 0, PAGE,
					 &child));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ vmo, child }, 2));

	ev = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_vmo_create_physical(ZXT_BOGUS_HANDLE, bar, PAGE, &vmo));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_vmo_create_physical(ev, bar, PAGE, &vmo));
	/* Outside the resource's range. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmo_create_physical(mmio, bar + size, PAGE, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_physical(mmio, bar + 1, PAGE, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_physical(mmio, bar, PAGE - 1, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_create_physical(mmio, bar, PAGE, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmo_create_physical(root, 1ull << 40, 1ull << 49, &vmo));
	/* Memory Linux manages is refused even to the root resource. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmo_create_physical(root, bt_is_x86() ? 0x1000000 :
					 0x41000000, PAGE, &vmo));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ mmio, ev }, 2));
	ASSERT_LIVE_EQ(base);
}

/*
 * edu's DMA engine, driven through sysfs's BAR mapping (the zircon path
 * is samples/edu-driver): bytes go from a pinned VMO to the device's
 * buffer and back into another, through the BTI's device addresses.
 */
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_DMA_BUF	0x40000
#define EDU_CMD_START	1
#define EDU_CMD_TO_RAM	2
/* Some QEMU versions refuse a transfer that ends at the buffer's end. */
#define EDU_DMA_LEN	1024

static void bt_edu_dma(struct __test_metadata *_metadata,
		       volatile uint8_t *regs, uint64_t src, uint64_t dst,
		       uint64_t cmd)
{
	zx_time_t give_up = zxt_now() + 10 * 1000000000ll;

	*(volatile uint64_t *)(regs + EDU_DMA_SRC) = src;
	*(volatile uint64_t *)(regs + EDU_DMA_DST) = dst;
	*(volatile uint64_t *)(regs + EDU_DMA_COUNT) = EDU_DMA_LEN;
	*(volatile uint64_t *)(regs + EDU_DMA_CMD) = cmd | EDU_CMD_START;
	while ((*(volatile uint64_t *)(regs + EDU_DMA_CMD) & EDU_CMD_START) &&
	       zxt_now() < give_up)
		zxt_sleep_ms(1);
	ASSERT_EQ(0u, *(volatile uint64_t *)(regs + EDU_DMA_CMD) &
		  EDU_CMD_START);
}

TEST(edu_dma_goes_through_the_bti)
{
	zx_handle_t root = bt_root(_metadata), dev, iommu, bti, in, out;
	zx_handle_t pin_in, pin_out;
	struct zxt_live base = zxt_settle(_metadata);
	zx_pcie_device_info_t info;
	char path[128], src[PAGE], dst[PAGE];
	zx_paddr_t a_in, a_out;
	volatile uint8_t *regs;
	int idx, fd, i;

	idx = bt_find_edu(_metadata, &info);
	if (idx < 0)
		SKIP(return, "no edu device");
	ASSERT_ZX_OK(zx_pci_get_nth_device(root, idx, &info, &dev));
	ASSERT_ZX_OK(zx_pci_enable_bus_master(dev, 1));
	iommu = bt_dummy_iommu(_metadata);
	ASSERT_ZX_OK(zx_bti_create(iommu, 0, bt_bdf(&info), &bti));
	TH_LOG("edu BTI: aspace %#llx",
	       (unsigned long long)bt_info(_metadata, bti).aspace_size);
	for (i = 0; i < (int)PAGE; i++)
		src[i] = (char)(i * 7 + 3);
	ASSERT_ZX_OK(zx_vmo_create(PAGE, 0, &in));
	ASSERT_ZX_OK(zx_vmo_create(PAGE, 0, &out));
	ASSERT_ZX_OK(zx_vmo_write(in, src, 0, PAGE));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_READ, in, 0, PAGE, &a_in, 1,
				&pin_in));
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_WRITE, out, 0, PAGE, &a_out,
				1, &pin_out));
	TH_LOG("device addresses %#llx %#llx", (unsigned long long)a_in,
	       (unsigned long long)a_out);

	snprintf(path, sizeof(path),
		 "/sys/bus/pci/devices/0000:%02x:%02x.%x/resource0",
		 info.bus_id, info.dev_id, info.func_id);
	fd = open(path, O_RDWR | O_SYNC);
	ASSERT_LE(0, fd);
	regs = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, (void *)regs);
	close(fd);
	ASSERT_EQ(0x010000edu, *(volatile uint32_t *)regs);
	bt_edu_dma(_metadata, regs, a_in, EDU_DMA_BUF, 0);
	bt_edu_dma(_metadata, regs, EDU_DMA_BUF, a_out, EDU_CMD_TO_RAM);
	munmap((void *)regs, PAGE);

	EXPECT_ZX_OK(zx_pmt_unpin(pin_out));
	EXPECT_ZX_OK(zx_pmt_unpin(pin_in));
	ASSERT_ZX_OK(zx_vmo_read(out, dst, 0, PAGE));
	EXPECT_EQ(0, memcmp(src, dst, EDU_DMA_LEN));
	EXPECT_ZX_OK(zx_handle_close_many(
		(zx_handle_t[]){ in, out, bti, iommu, dev }, 5));
	ASSERT_LIVE_EQ(base);
}

TEST(cache_flush)
{
	static char buf[3 * PAGE];

	EXPECT_ZX_OK(zx_cache_flush(buf + 5, sizeof(buf) - 9,
				    ZX_CACHE_FLUSH_DATA));
	EXPECT_ZX_OK(zx_cache_flush(buf, sizeof(buf),
				    ZX_CACHE_FLUSH_DATA |
				    ZX_CACHE_FLUSH_INVALIDATE));
	EXPECT_ZX_OK(zx_cache_flush(buf, 100, ZX_CACHE_FLUSH_INSN));
	EXPECT_ZX_OK(zx_cache_flush(buf, 100, ZX_CACHE_FLUSH_INSN |
				    ZX_CACHE_FLUSH_DATA));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_cache_flush(buf, 100, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_cache_flush(buf, 100, ZX_CACHE_FLUSH_INVALIDATE));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_cache_flush(buf, 100, ZX_CACHE_FLUSH_INSN |
				 ZX_CACHE_FLUSH_INVALIDATE));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_cache_flush(buf, 100, ZX_CACHE_FLUSH_DATA | (1u << 5)));
}

static int bt_unprivileged_child(void *arg)
{
	zx_iommu_desc_dummy_t desc = {};
	zx_handle_t h;

	CHILD_CHECK(setgid(65534) == 0 && setuid(65534) == 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_iommu_create(ZX_HANDLE_INVALID, ZX_IOMMU_TYPE_DUMMY,
				       &desc, sizeof(desc), &h));
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_vmo_create_physical(ZX_HANDLE_INVALID, 0xfe000000,
					      PAGE, &h));
	CHILD_CHECK_ZX(ZX_ERR_BAD_HANDLE,
		       zx_vmo_create_contiguous(ZX_HANDLE_INVALID, PAGE, 0,
						&h));
	return 0;
}

TEST(an_unprivileged_process_cannot_pin_or_reach_mmio)
{
	ASSERT_CHILD_OK(zxt_fork_run(bt_unprivileged_child, NULL));
}

TEST_HARNESS_MAIN

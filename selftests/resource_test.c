// SPDX-License-Identifier: GPL-2.0
/*
 * Resources: the root resource as a startup handle, zx_resource_create()
 * and ZX_INFO_RESOURCE.  The tests run as root in the test VM.
 */
#include <zircon/syscalls/resource.h>

#include "zx_test.h"

/* A physical range no test touches, for MMIO resources. */
#define RT_MMIO_BASE	0x40000000ull
#define RT_PAGE		0x1000ull
/*
 * Physical addresses that are no System RAM in the test VMs (physical VMOs
 * refuse RAM); never mapped.  QEMU's arm64 virt board has RAM from 1 GiB.
 */
#if defined(__aarch64__)
#define RT_NOT_RAM	0x0c000000ull
#else
#define RT_NOT_RAM	RT_MMIO_BASE
#endif

static zx_handle_t rt_root(struct __test_metadata *_metadata)
{
	zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));

	ASSERT_NE(ZX_HANDLE_INVALID, root) {
		TH_LOG("no root resource: is the test running as root?");
	}
	return root;
}

static zx_handle_t rt_create(struct __test_metadata *_metadata,
			     zx_handle_t parent, uint32_t options,
			     uint64_t base, size_t size, const char *name)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_resource_create(parent, options, base, size, name,
					name ? strlen(name) : 0, &h));
	return h;
}

static zx_info_resource_t rt_info(struct __test_metadata *_metadata,
				  zx_handle_t h)
{
	zx_info_resource_t info;
	size_t actual = 0, avail = 0;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_RESOURCE, &info,
					sizeof(info), &actual, &avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	return info;
}

TEST(root_resource_is_a_startup_handle_for_cap_sys_admin)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = rt_root(_metadata);
	zx_info_handle_basic_t basic = zxt_basic(_metadata, root);
	zx_info_resource_t info = rt_info(_metadata, root);

	EXPECT_EQ(ZX_OBJ_TYPE_RESOURCE, basic.type);
	EXPECT_EQ(ZX_DEFAULT_RESOURCE_RIGHTS, basic.rights);
	EXPECT_EQ(ZX_RSRC_KIND_ROOT, info.kind);
	EXPECT_EQ(0u, info.flags);
	EXPECT_EQ(0u, info.base);
	EXPECT_EQ(0u, info.size);
	EXPECT_STREQ("root", info.name);
	/* Once per process. */
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)));
	EXPECT_ZX_OK(zx_handle_close(root));
	ASSERT_LIVE_EQ(base);
}

/* A child process has its own chance, and gets the same object. */
static int rt_child_takes_root(void *arg)
{
	zx_handle_t r = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	zx_info_handle_basic_t b;

	CHILD_CHECK(r != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(r, ZX_INFO_HANDLE_BASIC, &b,
						 sizeof(b), NULL, NULL));
	CHILD_CHECK(b.koid == *(zx_koid_t *)arg);
	return 0;
}

TEST(root_resource_is_per_process)
{
	zx_handle_t root = rt_root(_metadata);
	zx_koid_t koid = zxt_koid(_metadata, root);

	ASSERT_CHILD_OK(zxt_fork_run(rt_child_takes_root, &koid));
	EXPECT_ZX_OK(zx_handle_close(root));
}

static int rt_unprivileged_child(void *arg)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	/* Leaving uid 0 drops every capability, CAP_SYS_ADMIN included. */
	CHILD_CHECK(setgid(65534) == 0);
	CHILD_CHECK(setuid(65534) == 0);
	CHILD_CHECK(zx_take_startup_handle(PA_HND(PA_RESOURCE, 0)) ==
		    ZX_HANDLE_INVALID);
	/* It can still use the rest of Zircon. */
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &h));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(h));
	return 0;
}

TEST(unprivileged_process_gets_no_root_resource)
{
	ASSERT_CHILD_OK(zxt_fork_run(rt_unprivileged_child, NULL));
}

TEST(create_mmio_child_with_name_and_info)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO,
				  RT_MMIO_BASE, RT_PAGE, "regs");
	zx_info_handle_basic_t basic = zxt_basic(_metadata, h);
	zx_info_resource_t info = rt_info(_metadata, h);

	EXPECT_EQ(ZX_OBJ_TYPE_RESOURCE, basic.type);
	EXPECT_EQ(ZX_RIGHT_TRANSFER | ZX_RIGHT_DUPLICATE | ZX_RIGHT_INSPECT |
		  ZX_RIGHT_WRITE, basic.rights);
	EXPECT_EQ(ZX_RSRC_KIND_MMIO, info.kind);
	EXPECT_EQ(0u, info.flags);
	EXPECT_EQ(RT_MMIO_BASE, info.base);
	EXPECT_EQ(RT_PAGE, info.size);
	EXPECT_STREQ("regs", info.name);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(names_are_optional_and_truncated)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	char longname[64];
	zx_info_resource_t info;
	zx_handle_t h;

	h = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
		      RT_PAGE, NULL);
	info = rt_info(_metadata, h);
	EXPECT_STREQ("", info.name);
	EXPECT_ZX_OK(zx_handle_close(h));

	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	h = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
		      RT_PAGE, longname);
	info = rt_info(_metadata, h);
	EXPECT_EQ(ZX_MAX_NAME_LEN - 1, strlen(info.name));
	EXPECT_EQ(0, strncmp(info.name, longname, ZX_MAX_NAME_LEN - 1));
	EXPECT_ZX_OK(zx_handle_close(h));

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
				     RT_PAGE, ZXT_BAD_PTR, 4, &h));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(invalid_kinds_and_flags)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;
#if defined(__x86_64__)
	uint32_t foreign_kind = ZX_RSRC_KIND_SMC;
#else
	uint32_t foreign_kind = ZX_RSRC_KIND_IOPORT;
#endif

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_COUNT, 0, 1, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, 0xffff, 0, 1, NULL, 0, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO | 0x20000,
				     RT_MMIO_BASE, RT_PAGE, NULL, 0, &h));
	/* SMC is arm64's, I/O ports are x86's. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, foreign_kind, 0, 1, NULL, 0, &h));
	/* A root resource has no range and cannot be exclusive. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_ROOT, 0, 1, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_ROOT, 1, 0, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_ROOT |
				     ZX_RSRC_FLAG_EXCLUSIVE, 0, 0, NULL, 0,
				     &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	/* The root may make another root. */
	h = rt_create(_metadata, root, ZX_RSRC_KIND_ROOT, 0, 0, "root2");
	EXPECT_EQ(ZX_RSRC_KIND_ROOT, rt_info(_metadata, h).kind);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(parent_errors)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t mmio, ro, ev, h = ZX_HANDLE_INVALID, child;

	mmio = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
			 4 * RT_PAGE, "parent");
	ev = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_resource_create(ZXT_BOGUS_HANDLE, ZX_RSRC_KIND_MMIO,
				     RT_MMIO_BASE, RT_PAGE, NULL, 0, &h));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_resource_create(ev, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
				     RT_PAGE, NULL, 0, &h));
	/* The parent needs ZX_RIGHT_WRITE. */
	ro = zxt_dup(_metadata, root, ZX_RIGHT_TRANSFER | ZX_RIGHT_INSPECT);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_resource_create(ro, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
				     RT_PAGE, NULL, 0, &h));
	/* A ranged parent grants only its kind and range. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_resource_create(mmio, ZX_RSRC_KIND_IRQ, 0, 1, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_resource_create(mmio, ZX_RSRC_KIND_ROOT, 0, 0, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_resource_create(mmio, ZX_RSRC_KIND_MMIO,
				     RT_MMIO_BASE - RT_PAGE, 2 * RT_PAGE,
				     NULL, 0, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_resource_create(mmio, ZX_RSRC_KIND_MMIO,
				     RT_MMIO_BASE + 3 * RT_PAGE, 2 * RT_PAGE,
				     NULL, 0, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	/* Inside its range it works, and the child can narrow further. */
	child = rt_create(_metadata, mmio, ZX_RSRC_KIND_MMIO,
			  RT_MMIO_BASE + RT_PAGE, 2 * RT_PAGE, "child");
	h = rt_create(_metadata, child, ZX_RSRC_KIND_MMIO,
		      RT_MMIO_BASE + 2 * RT_PAGE, RT_PAGE, "grandchild");
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(child));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(mmio));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(ranges_outside_the_kind_are_not_found)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE, 0,
				     NULL, 0, &h));
	/* A range that wraps around is invalid, not missing. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO, ~0ull - 1, 4,
				     NULL, 0, &h));
#if defined(__x86_64__)
	/* x86 physical addresses stop at 52 bits; arm64's space is all 64. */
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO, 1ull << 62,
				     RT_PAGE, NULL, 0, &h));
#endif
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_IRQ, 1u << 30, 1,
				     NULL, 0, &h));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
				     ZX_RSRC_SYSTEM_COUNT, 1, NULL, 0, &h));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
				     ZX_RSRC_SYSTEM_COUNT - 1, 2, NULL, 0,
				     &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

/* The order and kinds of errors, as Zircon reports them. */
TEST(errors_follow_zircon)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = rt_root(_metadata), excl, part, vmo;
	zx_handle_t h = ZX_HANDLE_INVALID;

	/* A slice of an exclusive resource is exclusive too. */
	excl = rt_create(_metadata, root,
			 ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE,
			 RT_MMIO_BASE + 16 * RT_PAGE, 2 * RT_PAGE, "excl");
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(excl, ZX_RSRC_KIND_MMIO,
				     RT_MMIO_BASE + 16 * RT_PAGE, RT_PAGE,
				     NULL, 0, &h));
	EXPECT_ZX_OK(zx_handle_close(excl));
	/* An MMIO resource grants the whole pages it touches. */
	part = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO,
			 RT_NOT_RAM + 0x10, 0x20, "part");
	EXPECT_ZX_OK(zx_vmo_create_physical(part, RT_NOT_RAM, RT_PAGE, &vmo));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmo_create_physical(part, RT_NOT_RAM + RT_PAGE, RT_PAGE,
					 &vmo));
	/* Another kind is the wrong type; another range is out of range. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_interrupt_create(part, 0, 0, &h));
	EXPECT_ZX_OK(zx_handle_close(part));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	EXPECT_ZX_OK(zx_handle_close(root));
	ASSERT_LIVE_EQ(base);
}

/* The info resource (or the root resource) answers for the system. */
TEST(kernel_statistics_from_the_info_resource)
{
	zx_handle_t root = rt_root(_metadata), info, mmio;
	zx_info_cpu_stats_t cpus[64];
	zx_info_kmem_stats_extended_t x;
	zx_info_kmem_stats_t k;
	size_t actual = 0, avail = 0, i;

	info = rt_create(_metadata, root, ZX_RSRC_KIND_SYSTEM,
			 ZX_RSRC_SYSTEM_INFO_BASE, 1, NULL);
	mmio = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
			 RT_PAGE, NULL);
	ASSERT_ZX_OK(zx_object_get_info(info, ZX_INFO_KMEM_STATS, &k,
					sizeof(k), NULL, NULL));
	EXPECT_LT(0u, k.total_bytes);
	EXPECT_LT(0u, k.free_bytes);
	EXPECT_GE(k.total_bytes, k.free_bytes + k.total_heap_bytes);
	ASSERT_ZX_OK(zx_object_get_info(root, ZX_INFO_KMEM_STATS_EXTENDED, &x,
					sizeof(x), NULL, NULL));
	EXPECT_EQ(k.total_bytes, x.total_bytes);
	ASSERT_ZX_OK(zx_object_get_info(info, ZX_INFO_CPU_STATS, cpus,
					sizeof(cpus), &actual, &avail));
	EXPECT_EQ(zx_system_get_num_cpus(), avail);
	EXPECT_EQ(avail, actual);
	for (i = 0; i < actual; i++) {
		EXPECT_EQ(i, cpus[i].cpu_number);
		EXPECT_EQ(ZX_INFO_CPU_STATS_FLAG_ONLINE, cpus[i].flags);
	}
	/* Other resources know nothing of it. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(mmio, ZX_INFO_KMEM_STATS, &k, sizeof(k),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(info, ZX_INFO_KMEM_STATS, &k, 8, NULL,
				     NULL));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ info, mmio, root },
					  3));
}

TEST(system_resource_and_its_bases)
{
	static const zx_rsrc_system_base_t bases[] = {
		ZX_RSRC_SYSTEM_HYPERVISOR_BASE, ZX_RSRC_SYSTEM_VMEX_BASE,
		ZX_RSRC_SYSTEM_DEBUG_BASE, ZX_RSRC_SYSTEM_INFO_BASE,
		ZX_RSRC_SYSTEM_CPU_BASE, ZX_RSRC_SYSTEM_POWER_BASE,
		ZX_RSRC_SYSTEM_MEXEC_BASE, ZX_RSRC_SYSTEM_ENERGY_INFO_BASE,
		ZX_RSRC_SYSTEM_IOMMU_BASE, ZX_RSRC_SYSTEM_PROFILE_BASE,
		ZX_RSRC_SYSTEM_MSI_BASE, ZX_RSRC_SYSTEM_DEBUGLOG_BASE,
		ZX_RSRC_SYSTEM_STALL_BASE,
	};
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t system, h = ZX_HANDLE_INVALID, other;
	zx_info_resource_t info;
	size_t i;

	/* The system resource covers every base; its children one each. */
	system = rt_create(_metadata, root, ZX_RSRC_KIND_SYSTEM, 0,
			   ZX_RSRC_SYSTEM_COUNT, "system");
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		h = rt_create(_metadata, system, ZX_RSRC_KIND_SYSTEM, bases[i],
			      1, NULL);
		info = rt_info(_metadata, h);
		EXPECT_EQ(ZX_RSRC_KIND_SYSTEM, info.kind);
		EXPECT_EQ(bases[i], info.base);
		EXPECT_EQ(1u, info.size);
		/* A system resource grants only its own base. */
		EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
			  zx_resource_create(h, ZX_RSRC_KIND_SYSTEM,
					     bases[i] ^ 1, 1, NULL, 0,
					     &other));
		EXPECT_ZX_OK(zx_handle_close(h));
	}
	EXPECT_ZX_OK(zx_handle_close(system));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(exclusive_ranges_refuse_overlaps_until_closed)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	const uint32_t mmio_x = ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE;
	zx_handle_t excl, shared, other, h = ZX_HANDLE_INVALID;

	excl = rt_create(_metadata, root, mmio_x, RT_MMIO_BASE, 2 * RT_PAGE,
			 "excl");
	EXPECT_EQ(ZX_RSRC_FLAG_EXCLUSIVE, rt_info(_metadata, excl).flags);
	/* Neither shared nor exclusive overlaps. */
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO,
				     RT_MMIO_BASE + RT_PAGE, RT_PAGE, NULL, 0,
				     &h));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, mmio_x, RT_MMIO_BASE - RT_PAGE,
				     2 * RT_PAGE, NULL, 0, &h));
	/* Adjacent ranges and other kinds are fine. */
	other = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO,
			  RT_MMIO_BASE + 2 * RT_PAGE, RT_PAGE, NULL);
	EXPECT_ZX_OK(zx_handle_close(other));
	other = rt_create(_metadata, root,
			  ZX_RSRC_KIND_IRQ | ZX_RSRC_FLAG_EXCLUSIVE, 0, 1,
			  NULL);
	EXPECT_ZX_OK(zx_handle_close(other));
	/* A duplicate keeps the reservation alive. */
	other = zxt_dup(_metadata, excl, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_ZX_OK(zx_handle_close(excl));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
				     RT_PAGE, NULL, 0, &h));
	EXPECT_ZX_OK(zx_handle_close(other));
	/* The last handle ended it. */
	shared = rt_create(_metadata, root, ZX_RSRC_KIND_MMIO, RT_MMIO_BASE,
			   RT_PAGE, "shared");
	/* Now a shared one blocks an exclusive one. */
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_resource_create(root, mmio_x, RT_MMIO_BASE, RT_PAGE,
				     NULL, 0, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	EXPECT_ZX_OK(zx_handle_close(shared));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(bad_out_pointer_ends_the_reservation)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	const uint32_t mmio_x = ZX_RSRC_KIND_MMIO | ZX_RSRC_FLAG_EXCLUSIVE;
	zx_handle_t h;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, mmio_x, RT_MMIO_BASE, RT_PAGE,
				     NULL, 0, ZXT_BAD_PTR));
	h = rt_create(_metadata, root, mmio_x, RT_MMIO_BASE, RT_PAGE, NULL);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

static int rt_exit_child(void *arg)
{
	zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	zx_handle_t h;

	CHILD_CHECK(root != ZX_HANDLE_INVALID);
	CHILD_CHECK_ZX(ZX_OK, zx_resource_create(root, ZX_RSRC_KIND_MMIO |
						 ZX_RSRC_FLAG_EXCLUSIVE,
						 RT_MMIO_BASE, RT_PAGE, NULL,
						 0, &h));
	return 0;		/* exits holding both */
}

TEST(process_exit_ends_the_reservation)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID;
	zx_time_t give_up = zxt_now() + (zx_time_t)ZXT_SETTLE_MS * 1000000;
	zx_status_t st;

	ASSERT_CHILD_OK(zxt_fork_run(rt_exit_child, NULL));
	/* The child's handles close asynchronously after it is reaped. */
	do {
		st = zx_resource_create(root, ZX_RSRC_KIND_MMIO |
					ZX_RSRC_FLAG_EXCLUSIVE, RT_MMIO_BASE,
					RT_PAGE, NULL, 0, &h);
		if (st == ZX_ERR_NOT_FOUND)
			zxt_sleep_ms(5);
	} while (st == ZX_ERR_NOT_FOUND && zxt_now() < give_up);
	ASSERT_ZX_OK(st);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST(info_resource_needs_inspect)
{
	zx_handle_t root = rt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_dup(_metadata, root, ZX_RIGHT_TRANSFER);
	zx_handle_t ev = zxt_event(_metadata);
	zx_info_resource_t info;
	size_t actual = 7, avail = 7;

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(h, ZX_INFO_RESOURCE, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(ev, ZX_INFO_RESOURCE, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(root, ZX_INFO_RESOURCE, &info,
				     sizeof(info) - 1, &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
	EXPECT_ZX_OK(zx_handle_close(root));
}

TEST_HARNESS_MAIN

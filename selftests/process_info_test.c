// SPDX-License-Identifier: GPL-2.0
/*
 * object_get_info on processes, array topics: ZX_INFO_PROCESS_MAPS (the
 * VMAR tree and its mappings, depth-first) and ZX_INFO_PROCESS_VMOS (VMOs
 * behind handles and behind mappings), with short and missing buffers,
 * rights, wrong types, Linux's munmap, and another process's handle.
 */
#include <sys/mman.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#define PG		((uint64_t)zx_system_get_page_size())
#define RW		(ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)
#define MAX_RECS	4096

static zx_handle_t named_vmo(struct __test_metadata *_metadata,
			     uint64_t size, const char *name)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_vmo_create(size, 0, &h));
	ASSERT_ZX_OK(zx_object_set_property(h, ZX_PROP_NAME, name,
					    strlen(name)));
	return h;
}

static zx_vaddr_t map(struct __test_metadata *_metadata, zx_handle_t vmar,
		      uint32_t options, size_t off, zx_handle_t vmo,
		      uint64_t vmo_off, size_t len)
{
	zx_vaddr_t addr = 0;

	ASSERT_ZX_OK(zx_vmar_map(vmar, options, off, vmo, vmo_off, len,
				 &addr));
	ASSERT_NE(0u, addr);
	return addr;
}

/* PROCESS_MAPS of @proc into a fresh array; *@n records. */
static zx_info_maps_t *get_maps(struct __test_metadata *_metadata,
				zx_handle_t proc, size_t *n)
{
	zx_info_maps_t *maps = calloc(MAX_RECS, sizeof(*maps));
	size_t avail = 0;

	ASSERT_NE(NULL, maps);
	ASSERT_ZX_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_MAPS, maps,
					MAX_RECS * sizeof(*maps), n, &avail));
	ASSERT_EQ(*n, avail);
	return maps;
}

static zx_info_vmo_t *get_vmos(struct __test_metadata *_metadata,
			       zx_handle_t proc, size_t *n)
{
	zx_info_vmo_t *vmos = calloc(MAX_RECS, sizeof(*vmos));
	size_t avail = 0;

	ASSERT_NE(NULL, vmos);
	ASSERT_ZX_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_VMOS, vmos,
					MAX_RECS * sizeof(*vmos), n, &avail));
	ASSERT_EQ(*n, avail);
	return vmos;
}

/* Index of the record of @type at @base, or -1. */
static int find_map(const zx_info_maps_t *maps, size_t n, zx_vaddr_t base,
		    uint32_t type)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (maps[i].base == base && maps[i].type == type)
			return (int)i;
	return -1;
}

/* Mapping records of VMO @koid. */
static size_t count_maps_of(const zx_info_maps_t *maps, size_t n,
			    zx_koid_t koid)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (maps[i].type == ZX_INFO_MAPS_TYPE_MAPPING &&
		    maps[i].u.mapping.vmo_koid == koid)
			c++;
	return c;
}

/* Records of VMO @koid whose flags include @via. */
static size_t count_vmos(const zx_info_vmo_t *vmos, size_t n, zx_koid_t koid,
			 uint32_t via)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (vmos[i].koid == koid && (vmos[i].flags & via))
			c++;
	return c;
}

/* Pre-order: bases ascend, depths step down at most one level at a time. */
static void check_shape(struct __test_metadata *_metadata,
			const zx_info_maps_t *maps, size_t n)
{
	size_t i;

	ASSERT_LE(2u, n);
	EXPECT_EQ(ZX_INFO_MAPS_TYPE_ASPACE, maps[0].type);
	EXPECT_EQ(0u, maps[0].depth);
	EXPECT_EQ(ZX_INFO_MAPS_TYPE_VMAR, maps[1].type);
	EXPECT_EQ(1u, maps[1].depth);
	EXPECT_STREQ("root", maps[1].name);
	for (i = 2; i < n; i++) {
		EXPECT_LE(2u, maps[i].depth);
		EXPECT_LE(maps[i].depth, maps[i - 1].depth + 1);
		EXPECT_LE(maps[i - 1].base, maps[i].base);
		EXPECT_TRUE(maps[i].type == ZX_INFO_MAPS_TYPE_VMAR ||
			    maps[i].type == ZX_INFO_MAPS_TYPE_MAPPING);
		/* A mapping holds nothing: what follows is not deeper. */
		if (maps[i - 1].type == ZX_INFO_MAPS_TYPE_MAPPING)
			EXPECT_LE(maps[i].depth, maps[i - 1].depth);
	}
}

/* ---- PROCESS_MAPS -------------------------------------------------------- */

TEST(maps_of_a_vmar_tree)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), sub = ZX_HANDLE_INVALID;
	zx_handle_t a = named_vmo(_metadata, 4 * PG, "info-map-a");
	zx_handle_t b = named_vmo(_metadata, 8 * PG, "info-map-b");
	zx_vaddr_t sub_addr = 0, ma, mb;
	zx_info_vmar_t rinfo;
	zx_info_maps_t *maps;
	size_t n = 0;
	int is, ia, ib;

	ASSERT_ZX_OK(zx_object_get_info(root, ZX_INFO_VMAR, &rinfo,
					sizeof(rinfo), NULL, NULL));
	ASSERT_ZX_OK(zx_vmar_allocate(root, ZX_VM_CAN_MAP_READ |
				      ZX_VM_CAN_MAP_WRITE |
				      ZX_VM_CAN_MAP_SPECIFIC, 0, 16 * PG,
				      &sub, &sub_addr));
	ma = map(_metadata, sub, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 4 * PG, a,
		 PG, 2 * PG);
	EXPECT_EQ(sub_addr + 4 * PG, ma);
	mb = map(_metadata, root, RW, 0, b, 0, 8 * PG);
	((volatile char *)mb)[0] = 1;
	((volatile char *)mb)[3 * PG] = 1;

	maps = get_maps(_metadata, zx_process_self(), &n);
	check_shape(_metadata, maps, n);
	EXPECT_EQ(0u, maps[0].base);
	EXPECT_LE(rinfo.base + rinfo.len, maps[0].base + maps[0].size);
	EXPECT_EQ(rinfo.base, maps[1].base);
	EXPECT_EQ(rinfo.len, maps[1].size);

	is = find_map(maps, n, sub_addr, ZX_INFO_MAPS_TYPE_VMAR);
	ASSERT_LE(0, is);
	EXPECT_EQ(16 * PG, maps[is].size);
	EXPECT_EQ(2u, maps[is].depth);
	/* The sub-VMAR's one mapping comes right after it, one level down. */
	ia = find_map(maps, n, ma, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_EQ(is + 1, ia);
	EXPECT_EQ(3u, maps[ia].depth);
	EXPECT_EQ(2 * PG, maps[ia].size);
	EXPECT_STREQ("info-map-a", maps[ia].name);
	EXPECT_EQ(ZX_VM_PERM_READ, maps[ia].u.mapping.mmu_flags);
	EXPECT_EQ(zxt_koid(_metadata, a), maps[ia].u.mapping.vmo_koid);
	EXPECT_EQ(PG, maps[ia].u.mapping.vmo_offset);
	EXPECT_EQ(0u, maps[ia].u.mapping.committed_pages);

	ib = find_map(maps, n, mb, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, ib);
	EXPECT_EQ(2u, maps[ib].depth);
	EXPECT_EQ(8 * PG, maps[ib].size);
	EXPECT_STREQ("info-map-b", maps[ib].name);
	EXPECT_EQ((uint32_t)RW, maps[ib].u.mapping.mmu_flags);
	EXPECT_EQ(zxt_koid(_metadata, b), maps[ib].u.mapping.vmo_koid);
	EXPECT_EQ(0u, maps[ib].u.mapping.vmo_offset);
	EXPECT_EQ(2u, maps[ib].u.mapping.committed_pages);
	EXPECT_EQ(2u, maps[ib].u.mapping.populated_pages);
	free(maps);

	/* Unmapped and destroyed: gone from the tree. */
	EXPECT_ZX_OK(zx_vmar_unmap(root, mb, 8 * PG));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	maps = get_maps(_metadata, zx_process_self(), &n);
	check_shape(_metadata, maps, n);
	EXPECT_EQ(-1, find_map(maps, n, sub_addr, ZX_INFO_MAPS_TYPE_VMAR));
	EXPECT_EQ(0u, count_maps_of(maps, n, zxt_koid(_metadata, a)));
	EXPECT_EQ(0u, count_maps_of(maps, n, zxt_koid(_metadata, b)));
	free(maps);
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(maps_nested_vmars)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = named_vmo(_metadata, PG, "info-nested");
	zx_handle_t outer, inner;
	zx_vaddr_t outer_addr, inner_addr, m, after;
	zx_info_maps_t *maps;
	size_t n = 0;
	int io, ii, im, ia;

	ASSERT_ZX_OK(zx_vmar_allocate(zx_vmar_root_self(),
				      ZX_VM_CAN_MAP_READ |
				      ZX_VM_CAN_MAP_SPECIFIC, 0, 8 * PG,
				      &outer, &outer_addr));
	ASSERT_ZX_OK(zx_vmar_allocate(outer, ZX_VM_CAN_MAP_READ |
				      ZX_VM_CAN_MAP_SPECIFIC |
				      ZX_VM_SPECIFIC, PG, 2 * PG, &inner,
				      &inner_addr));
	m = map(_metadata, inner, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, PG, vmo,
		0, PG);
	/* A mapping of the outer VMAR after the inner one. */
	after = map(_metadata, outer, ZX_VM_PERM_READ | ZX_VM_SPECIFIC,
		    5 * PG, vmo, 0, PG);

	maps = get_maps(_metadata, zx_process_self(), &n);
	check_shape(_metadata, maps, n);
	io = find_map(maps, n, outer_addr, ZX_INFO_MAPS_TYPE_VMAR);
	ii = find_map(maps, n, inner_addr, ZX_INFO_MAPS_TYPE_VMAR);
	im = find_map(maps, n, m, ZX_INFO_MAPS_TYPE_MAPPING);
	ia = find_map(maps, n, after, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, io);
	EXPECT_EQ(io + 1, ii);
	EXPECT_EQ(io + 2, im);
	EXPECT_EQ(io + 3, ia);
	EXPECT_EQ(2u, maps[io].depth);
	EXPECT_EQ(3u, maps[ii].depth);
	EXPECT_EQ(4u, maps[im].depth);
	EXPECT_EQ(3u, maps[ia].depth);
	free(maps);

	/* Without its handle a VMAR is still in the tree. */
	EXPECT_ZX_OK(zx_handle_close(outer));
	maps = get_maps(_metadata, zx_process_self(), &n);
	EXPECT_EQ(ii, find_map(maps, n, inner_addr, ZX_INFO_MAPS_TYPE_VMAR));
	EXPECT_LE(0, find_map(maps, n, outer_addr, ZX_INFO_MAPS_TYPE_VMAR));
	free(maps);

	EXPECT_ZX_OK(zx_vmar_destroy(inner));
	EXPECT_ZX_OK(zx_handle_close(inner));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), outer_addr, 8 * PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(maps_short_and_missing_buffers)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = named_vmo(_metadata, PG, "info-short");
	zx_info_maps_t two[2];
	zx_info_maps_v1_t *v1;
	size_t actual = 99, avail = 0, avail1 = 0, i;
	zx_vaddr_t addr;

	addr = map(_metadata, zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo,
		   0, PG);
	/* No buffer: nothing written, everything counted. */
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS, NULL, 0,
					&actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_LE(3u, avail);
	/* Too small for all is not an error. */
	memset(two, 0xa5, sizeof(two));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS, two,
					sizeof(two), &actual, &avail1));
	EXPECT_EQ(2u, actual);
	EXPECT_EQ(avail, avail1);
	EXPECT_LT(actual, avail1);
	EXPECT_EQ(ZX_INFO_MAPS_TYPE_ASPACE, two[0].type);
	EXPECT_EQ(ZX_INFO_MAPS_TYPE_VMAR, two[1].type);
	/* A partial record is not written. */
	memset(two, 0xa5, sizeof(two));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS, two,
					sizeof(two) - 1, &actual, &avail1));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(0xa5a5a5a5u, two[1].type);
	/* Optional counters. */
	EXPECT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS, two,
					sizeof(two), NULL, NULL));

	/* The older, shorter records list the same tree. */
	v1 = calloc(MAX_RECS, sizeof(*v1));
	ASSERT_NE(NULL, v1);
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS_V1, v1,
					MAX_RECS * sizeof(*v1), &actual,
					&avail1));
	EXPECT_EQ(avail, avail1);
	EXPECT_EQ(actual, avail1);
	for (i = 0; i < actual && v1[i].base != addr; i++)
		;
	ASSERT_LT(i, actual);
	EXPECT_EQ(zxt_koid(_metadata, vmo), v1[i].u.mapping.vmo_koid);
	EXPECT_EQ(PG, v1[i].size);
	free(v1);

	/* Bad pointers. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS,
				     ZXT_BAD_PTR, sizeof(two), &actual,
				     &avail));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS,
				     two, sizeof(two), ZXT_BAD_PTR, &avail));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_VMOS,
				     ZXT_BAD_PTR, sizeof(zx_info_vmo_t),
				     &actual, &avail));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* More records than one chunk of the kernel's: all of them, in order. */
TEST(maps_and_vmos_many_records)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = named_vmo(_metadata, PG, "info-many");
	zx_koid_t koid = zxt_koid(_metadata, vmo);
	zx_vaddr_t addrs[300];
	zx_info_maps_t *maps;
	zx_info_vmo_t *vmos;
	size_t n = 0, i;

	for (i = 0; i < 300; i++)
		addrs[i] = map(_metadata, zx_vmar_root_self(),
			       ZX_VM_PERM_READ, 0, vmo, 0, PG);
	maps = get_maps(_metadata, zx_process_self(), &n);
	check_shape(_metadata, maps, n);
	EXPECT_EQ(300u, count_maps_of(maps, n, koid));
	for (i = 0; i < 300; i++)
		EXPECT_LE(0, find_map(maps, n, addrs[i],
				      ZX_INFO_MAPS_TYPE_MAPPING));
	free(maps);
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(300u, count_vmos(vmos, n, koid, ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(1u, count_vmos(vmos, n, koid, ZX_INFO_VMO_VIA_HANDLE));
	free(vmos);
	for (i = 0; i < 300; i++)
		EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addrs[i], PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* The user buffer is itself a mapping of a VMO, not yet faulted in. */
TEST(maps_into_a_vmo_mapping)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = named_vmo(_metadata, 64 * PG, "info-buffer");
	size_t actual = 0, avail = 0, vactual = 0, vavail = 0;
	zx_info_maps_t *maps;
	zx_vaddr_t addr;

	addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, 64 * PG);
	maps = (zx_info_maps_t *)addr;
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_MAPS, maps, 64 * PG,
					&actual, &avail));
	EXPECT_EQ(avail, actual);
	EXPECT_LE(0, find_map(maps, actual, addr, ZX_INFO_MAPS_TYPE_MAPPING));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_VMOS, (void *)addr,
					64 * PG, &vactual, &vavail));
	EXPECT_EQ(vavail, vactual);
	EXPECT_EQ(1u, count_vmos((zx_info_vmo_t *)addr, vactual,
				 zxt_koid(_metadata, vmo),
				 ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 64 * PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(maps_and_vmos_rights_and_types)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_rights_t all = zxt_rights(_metadata, zx_process_self());
	zx_handle_t no_inspect, ev = zxt_event(_metadata), vmo;
	static const uint32_t topics[] = {
		ZX_INFO_PROCESS_MAPS, ZX_INFO_PROCESS_MAPS_V1,
		ZX_INFO_PROCESS_VMOS, ZX_INFO_PROCESS_VMOS_V1,
		ZX_INFO_PROCESS_VMOS_V2,
	};
	size_t actual, avail, i;
	zx_handle_t others[3];

	ASSERT_NE(0u, all & ZX_RIGHT_INSPECT);
	vmo = named_vmo(_metadata, PG, "info-rights");
	no_inspect = zxt_dup(_metadata, zx_process_self(),
			     all & ~ZX_RIGHT_INSPECT);
	others[0] = ev;
	others[1] = vmo;
	others[2] = zx_vmar_root_self();
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++) {
		EXPECT_ZX_OK(zx_object_get_info(zx_process_self(), topics[i],
						NULL, 0, &actual, &avail));
		EXPECT_LT(0u, avail);
		EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
			  zx_object_get_info(no_inspect, topics[i], NULL, 0,
					     &actual, &avail));
		EXPECT_ZX(ZX_ERR_WRONG_TYPE,
			  zx_object_get_info(others[0], topics[i], NULL, 0,
					     &actual, &avail));
		EXPECT_ZX(ZX_ERR_WRONG_TYPE,
			  zx_object_get_info(others[1], topics[i], NULL, 0,
					     &actual, &avail));
		EXPECT_ZX(ZX_ERR_WRONG_TYPE,
			  zx_object_get_info(others[2], topics[i], NULL, 0,
					     &actual, &avail));
		EXPECT_ZX(ZX_ERR_BAD_HANDLE,
			  zx_object_get_info(ZXT_BOGUS_HANDLE, topics[i],
					     NULL, 0, &actual, &avail));
	}
	EXPECT_ZX_OK(zx_handle_close(no_inspect));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

static int closed_root_child(void *arg)
{
	zx_handle_t sub = ZX_HANDLE_INVALID;
	zx_vaddr_t sub_addr = 0;
	zx_info_maps_t *maps = calloc(MAX_RECS, sizeof(*maps));
	size_t n = 0, avail = 0, i;

	CHILD_CHECK(maps != NULL);
	CHILD_CHECK_ZX(ZX_OK, zx_vmar_allocate(zx_vmar_root_self(),
					       ZX_VM_CAN_MAP_READ, 0, 4 * PG,
					       &sub, &sub_addr));
	/* The process's only root VMAR handle goes away. */
	CHILD_CHECK_ZX(ZX_OK, zx_handle_close(zx_vmar_root_self()));
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(zx_process_self(),
						 ZX_INFO_PROCESS_MAPS, maps,
						 MAX_RECS * sizeof(*maps),
						 &n, &avail));
	CHILD_CHECK(n >= 3 && n == avail);
	CHILD_CHECK(maps[1].type == ZX_INFO_MAPS_TYPE_VMAR &&
		    maps[1].depth == 1);
	for (i = 2; i < n; i++)
		if (maps[i].base == sub_addr &&
		    maps[i].type == ZX_INFO_MAPS_TYPE_VMAR)
			break;
	CHILD_CHECK(i < n && maps[i].depth == 2 && maps[i].size == 4 * PG);
	free(maps);
	return 0;
}

TEST(maps_after_the_root_vmar_handle_is_closed)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(closed_root_child, NULL));
	ASSERT_LIVE_EQ(base);
}

/* ---- PROCESS_VMOS -------------------------------------------------------- */

TEST(vmos_via_handle_and_mapping)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h_only = named_vmo(_metadata, PG, "info-h-only");
	zx_handle_t m_only = named_vmo(_metadata, 2 * PG, "info-m-only");
	zx_handle_t both = named_vmo(_metadata, 3 * PG, "info-both");
	zx_koid_t kh = zxt_koid(_metadata, h_only);
	zx_koid_t km = zxt_koid(_metadata, m_only);
	zx_koid_t kb = zxt_koid(_metadata, both);
	zx_handle_t ro = zxt_dup(_metadata, h_only,
				 ZX_RIGHT_READ | ZX_RIGHT_INSPECT |
				 ZX_RIGHT_TRANSFER);
	zx_vaddr_t am, ab;
	zx_info_vmo_t *vmos, one;
	zx_info_vmo_v1_t *v1;
	size_t n = 0, i, actual, avail;

	am = map(_metadata, zx_vmar_root_self(), RW, 0, m_only, 0, 2 * PG);
	ab = map(_metadata, zx_vmar_root_self(), ZX_VM_PERM_READ, 0, both, 0,
		 3 * PG);
	EXPECT_ZX_OK(zx_handle_close(m_only));
	((volatile char *)am)[0] = 1;

	vmos = get_vmos(_metadata, zx_process_self(), &n);
	/* Two handles to h_only: two records, each with its handle's rights. */
	EXPECT_EQ(2u, count_vmos(vmos, n, kh, ZX_INFO_VMO_VIA_HANDLE));
	EXPECT_EQ(0u, count_vmos(vmos, n, kh, ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(0u, count_vmos(vmos, n, km, ZX_INFO_VMO_VIA_HANDLE));
	EXPECT_EQ(1u, count_vmos(vmos, n, km, ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(1u, count_vmos(vmos, n, kb, ZX_INFO_VMO_VIA_HANDLE));
	EXPECT_EQ(1u, count_vmos(vmos, n, kb, ZX_INFO_VMO_VIA_MAPPING));
	for (i = 0; i < n; i++) {
		/* Exactly one of the two ways. */
		EXPECT_NE(!!(vmos[i].flags & ZX_INFO_VMO_VIA_HANDLE),
			  !!(vmos[i].flags & ZX_INFO_VMO_VIA_MAPPING));
		EXPECT_NE(0u, vmos[i].flags & ZX_INFO_VMO_TYPE_PAGED);
		if (vmos[i].koid == kh) {
			EXPECT_STREQ("info-h-only", vmos[i].name);
			EXPECT_EQ(PG, vmos[i].size_bytes);
			EXPECT_TRUE(vmos[i].handle_rights ==
				    zxt_rights(_metadata, h_only) ||
				    vmos[i].handle_rights ==
				    (ZX_RIGHT_READ | ZX_RIGHT_INSPECT |
				     ZX_RIGHT_TRANSFER));
		} else if (vmos[i].koid == km) {
			EXPECT_STREQ("info-m-only", vmos[i].name);
			EXPECT_EQ(2 * PG, vmos[i].size_bytes);
			EXPECT_EQ(1u, vmos[i].num_mappings);
			EXPECT_EQ(PG, vmos[i].committed_bytes);
		} else if (vmos[i].koid == kb) {
			EXPECT_STREQ("info-both", vmos[i].name);
			EXPECT_EQ(3 * PG, vmos[i].size_bytes);
		}
	}
	free(vmos);

	/* A short buffer: some written, all counted. */
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_VMOS, &one,
					sizeof(one), &actual, &avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(n, avail);
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_VMOS, NULL, 0,
					&actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(n, avail);
	v1 = calloc(n, sizeof(*v1));
	ASSERT_NE(NULL, v1);
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(),
					ZX_INFO_PROCESS_VMOS_V1, v1,
					n * sizeof(*v1), &actual, &avail));
	EXPECT_EQ(n, actual);
	EXPECT_EQ(n, avail);
	for (i = 0; i < n && v1[i].koid != km; i++)
		;
	ASSERT_LT(i, n);
	EXPECT_EQ((uint32_t)ZX_INFO_VMO_VIA_MAPPING,
		  v1[i].flags & (ZX_INFO_VMO_VIA_MAPPING |
				 ZX_INFO_VMO_VIA_HANDLE));
	free(v1);

	/* Unmapped: the mapping records go, and a VMO held by nothing else. */
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), ab, 3 * PG));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), am, 2 * PG));
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(1u, count_vmos(vmos, n, kb, ZX_INFO_VMO_VIA_HANDLE));
	EXPECT_EQ(0u, count_vmos(vmos, n, kb, ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(0u, count_vmos(vmos, n, km, ~0u));
	free(vmos);
	/* Closed: the handle records go. */
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(h_only));
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(0u, count_vmos(vmos, n, kh, ~0u));
	free(vmos);
	EXPECT_ZX_OK(zx_handle_close(both));
	ASSERT_LIVE_EQ(base);
}

TEST(mapped_slice_reports_its_owner)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t parent = named_vmo(_metadata, 4 * PG, "info-owner");
	zx_handle_t slice = ZX_HANDLE_INVALID;
	zx_info_maps_t *maps;
	zx_info_vmo_t *vmos;
	zx_vaddr_t addr;
	size_t n = 0;
	int i;

	ASSERT_ZX_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE, 2 * PG,
					 PG, &slice));
	addr = map(_metadata, zx_vmar_root_self(), ZX_VM_PERM_READ, 0, slice,
		   0, PG);
	maps = get_maps(_metadata, zx_process_self(), &n);
	i = find_map(maps, n, addr, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, i);
	EXPECT_EQ(zxt_koid(_metadata, parent), maps[i].u.mapping.vmo_koid);
	EXPECT_EQ(2 * PG, maps[i].u.mapping.vmo_offset);
	free(maps);
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(1u, count_vmos(vmos, n, zxt_koid(_metadata, parent),
				 ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(1u, count_vmos(vmos, n, zxt_koid(_metadata, slice),
				 ZX_INFO_VMO_VIA_HANDLE));
	free(vmos);
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	EXPECT_ZX_OK(zx_handle_close(slice));
	EXPECT_ZX_OK(zx_handle_close(parent));
	ASSERT_LIVE_EQ(base);
}

/* ---- Linux's munmap ------------------------------------------------------ */

TEST(linux_munmap_removes_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = named_vmo(_metadata, 4 * PG, "info-munmap");
	zx_koid_t koid = zxt_koid(_metadata, vmo);
	zx_info_maps_t *maps;
	zx_info_vmo_t *vmos;
	zx_vaddr_t addr;
	size_t n = 0;
	int i;

	addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, 4 * PG);
	ASSERT_EQ(0, munmap((void *)(addr + PG), PG));
	maps = get_maps(_metadata, zx_process_self(), &n);
	EXPECT_EQ(2u, count_maps_of(maps, n, koid));
	i = find_map(maps, n, addr, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, i);
	EXPECT_EQ(PG, maps[i].size);
	EXPECT_EQ(0u, maps[i].u.mapping.vmo_offset);
	i = find_map(maps, n, addr + 2 * PG, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, i);
	EXPECT_EQ(2 * PG, maps[i].size);
	EXPECT_EQ(2 * PG, maps[i].u.mapping.vmo_offset);
	free(maps);
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(2u, count_vmos(vmos, n, koid, ZX_INFO_VMO_VIA_MAPPING));
	free(vmos);

	ASSERT_EQ(0, munmap((void *)addr, 4 * PG));
	maps = get_maps(_metadata, zx_process_self(), &n);
	EXPECT_EQ(0u, count_maps_of(maps, n, koid));
	free(maps);
	vmos = get_vmos(_metadata, zx_process_self(), &n);
	EXPECT_EQ(0u, count_vmos(vmos, n, koid, ZX_INFO_VMO_VIA_MAPPING));
	EXPECT_EQ(1u, count_vmos(vmos, n, koid, ZX_INFO_VMO_VIA_HANDLE));
	free(vmos);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- another process ------------------------------------------------------ */

static int mapper_child(void *arg)
{
	int fd = *(int *)arg;
	zx_handle_t ch = ZX_HANDLE_INVALID, vmo = ZX_HANDLE_INVALID, self;
	zx_vaddr_t addr = 0;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	CHILD_CHECK(close(fd) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_vmo_create(PG, 0, &vmo));
	CHILD_CHECK_ZX(ZX_OK, zx_object_set_property(vmo, ZX_PROP_NAME,
						     "info-child", 10));
	CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0,
					  PG, &addr));
	CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(zx_process_self(),
						  ZX_RIGHT_SAME_RIGHTS,
						  &self));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, &addr, sizeof(addr),
					       &self, 1));
	/* Stay until the parent has looked. */
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ch, ZX_CHANNEL_READABLE,
						 zx_deadline_after(ZX_SEC(30)),
						 NULL));
	return 0;
}

TEST(maps_and_vmos_of_another_process)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, child = ZX_HANDLE_INVALID;
	zx_info_maps_t *maps;
	zx_info_vmo_t *vmos;
	zx_vaddr_t addr = 0;
	uint32_t nb = 0, nh = 0;
	size_t n = 0, i, actual, avail;
	int fd, status, im;
	pid_t pid;

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(b, 0, &fd));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(mapper_child(&fd));
	EXPECT_EQ(0, close(fd));
	ASSERT_ZX_OK(zx_object_wait_one(a, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(30)), NULL));
	ASSERT_ZX_OK(zx_channel_read(a, 0, &addr, &child, sizeof(addr), 1,
				     &nb, &nh));
	ASSERT_EQ(1u, nh);

	maps = get_maps(_metadata, child, &n);
	check_shape(_metadata, maps, n);
	im = find_map(maps, n, addr, ZX_INFO_MAPS_TYPE_MAPPING);
	ASSERT_LE(0, im);
	EXPECT_STREQ("info-child", maps[im].name);
	EXPECT_EQ(PG, maps[im].size);
	free(maps);
	vmos = get_vmos(_metadata, child, &n);
	for (i = 0; i < n && strcmp(vmos[i].name, "info-child"); i++)
		;
	ASSERT_LT(i, n);
	free(vmos);

	EXPECT_ZX_OK(zx_channel_write(a, 0, "x", 1, NULL, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Exited: its address space is gone. */
	ASSERT_ZX_OK(zx_object_wait_one(child, ZX_PROCESS_TERMINATED,
					zx_deadline_after(ZX_SEC(30)), NULL));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_object_get_info(child, ZX_INFO_PROCESS_MAPS, NULL, 0,
				     &actual, &avail));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_object_get_info(child, ZX_INFO_PROCESS_VMOS, NULL, 0,
				     &actual, &avail));
	EXPECT_ZX_OK(zx_handle_close(child));
	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

/* ---- handle stats and the handle table ------------------------------------ */

static zx_info_process_handle_stats_t handle_stats(
	struct __test_metadata *_metadata, zx_handle_t proc)
{
	zx_info_process_handle_stats_t hs;

	memset(&hs, 0xcc, sizeof(hs));
	EXPECT_ZX_OK(zx_object_get_info(proc, ZX_INFO_PROCESS_HANDLE_STATS,
					&hs, sizeof(hs), NULL, NULL));
	return hs;
}

TEST(handle_stats_count_by_type)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_process_handle_stats_t before, after;
	zx_handle_t ev1, ev2, ch0, ch1, h;
	size_t i;

	before = handle_stats(_metadata, zx_process_self());
	ASSERT_ZX_OK(zx_event_create(0, &ev1));
	ASSERT_ZX_OK(zx_event_create(0, &ev2));
	ASSERT_ZX_OK(zx_channel_create(0, &ch0, &ch1));
	after = handle_stats(_metadata, zx_process_self());
	for (i = 0; i < ZX_OBJ_TYPE_UPPER_BOUND; i++) {
		uint32_t more = i == ZX_OBJ_TYPE_EVENT || i == ZX_OBJ_TYPE_CHANNEL
				? 2 : 0;

		EXPECT_EQ(before.handle_count[i] + more, after.handle_count[i]);
	}
	EXPECT_LE(1u, after.handle_count[ZX_OBJ_TYPE_PROCESS]);
	ASSERT_ZX_OK(zx_handle_duplicate(zx_process_self(), ZX_RIGHT_READ, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(h, ZX_INFO_PROCESS_HANDLE_STATS, &after,
				     sizeof(after), NULL, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(h, ZX_INFO_HANDLE_TABLE, NULL, 0, NULL,
				     NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(ev1, ZX_INFO_PROCESS_HANDLE_STATS, &after,
				     sizeof(after), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(zx_process_self(),
				     ZX_INFO_PROCESS_HANDLE_STATS, &after,
				     sizeof(after) - 1, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(ev1));
	EXPECT_ZX_OK(zx_handle_close(ev2));
	EXPECT_ZX_OK(zx_handle_close(ch0));
	EXPECT_ZX_OK(zx_handle_close(ch1));
	ASSERT_LIVE_EQ(base);
}

static const zx_info_handle_extended_t *find_handle(
	const zx_info_handle_extended_t *recs, size_t n, zx_handle_t value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (recs[i].handle_value == value)
			return &recs[i];
	return NULL;
}

TEST(handle_table_lists_every_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_handle_extended_t recs[256], one;
	const zx_info_handle_extended_t *r;
	zx_handle_t ev, ep0, ep1, ro;
	size_t actual = 0, avail = 0, none = 9;

	ASSERT_ZX_OK(zx_event_create(0, &ev));
	ASSERT_ZX_OK(zx_eventpair_create(0, &ep0, &ep1));
	ASSERT_ZX_OK(zx_handle_duplicate(ev, ZX_RIGHT_WAIT, &ro));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_TABLE,
					recs, sizeof(recs), &actual, &avail));
	ASSERT_LT(0u, actual);
	EXPECT_EQ(actual, avail);
	r = find_handle(recs, actual, ev);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, r->type);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, r->rights);
	EXPECT_EQ(zxt_koid(_metadata, ev), r->koid);
	r = find_handle(recs, actual, ro);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(ZX_RIGHT_WAIT, r->rights);
	EXPECT_EQ(zxt_koid(_metadata, ev), r->koid);
	r = find_handle(recs, actual, ep0);
	ASSERT_NE(NULL, r);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENTPAIR, r->type);
	EXPECT_EQ(zxt_koid(_metadata, ep1), r->related_koid);
	/* A closed handle is gone from the table. */
	EXPECT_ZX_OK(zx_handle_close(ro));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_TABLE,
					recs, sizeof(recs), &actual, &avail));
	EXPECT_EQ(NULL, find_handle(recs, actual, ro));
	/* Short and missing buffers count what there is. */
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_TABLE,
					&one, sizeof(one), &none, &avail));
	EXPECT_EQ(1u, none);
	EXPECT_EQ(actual, avail);
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_TABLE,
					NULL, 0, &none, &avail));
	EXPECT_EQ(0u, none);
	EXPECT_EQ(actual, avail);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_TABLE,
				     (void *)8, sizeof(recs), NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(ep0));
	EXPECT_ZX_OK(zx_handle_close(ep1));
	ASSERT_LIVE_EQ(base);
}

TEST(job_and_thread_lists)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_koid_t koids[4];
	size_t actual = 9, avail = 9;
	zx_handle_t job;

	/* The root job has no child jobs. */
	ASSERT_ZX_OK(zx_object_get_info(zx_job_default(), ZX_INFO_JOB_CHILDREN,
					koids, sizeof(koids), &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(0u, avail);
	ASSERT_ZX_OK(zx_handle_duplicate(zx_job_default(), ZX_RIGHT_INSPECT,
					 &job));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(job, ZX_INFO_JOB_CHILDREN, koids,
				     sizeof(koids), NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(job));
	/* Documented limits. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(zx_job_default(), ZX_INFO_JOB_PROCESSES,
				     koids, sizeof(koids), NULL, NULL));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(zx_process_self(),
				     ZX_INFO_PROCESS_THREADS, koids,
				     sizeof(koids), NULL, NULL));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

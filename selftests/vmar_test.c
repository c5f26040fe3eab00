// SPDX-License-Identifier: GPL-2.0
/*
 * VM address regions: allocate, map, unmap, protect, op_range, destroy and
 * their errors and rights; mappings and vmo_read/vmo_write agreeing both
 * ways, copy-on-write children, a VMO mapped by two processes, Linux's own
 * munmap/mprotect/fork on Zircon mappings, and memory given back.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#define PG		((uint64_t)zx_system_get_page_size())
#define MAP_MANY	10000
#define RW		(ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)

static zx_handle_t vmo_new(struct __test_metadata *_metadata, uint64_t size,
			   uint32_t options)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_vmo_create(size, options, &h));
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

static zx_handle_t sub_vmar(struct __test_metadata *_metadata,
			    zx_handle_t parent, uint32_t options, size_t off,
			    size_t size, zx_vaddr_t *addr)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_vmar_allocate(parent, options, off, size, &h, addr));
	return h;
}

static zx_info_vmar_t vmar_info(struct __test_metadata *_metadata,
				zx_handle_t h)
{
	zx_info_vmar_t info = { 0 };

	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_VMAR, &info, sizeof(info),
					NULL, NULL));
	return info;
}

static zx_info_vmo_t vmo_info(struct __test_metadata *_metadata,
			      zx_handle_t h)
{
	zx_info_vmo_t info;

	memset(&info, 0, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_VMO, &info, sizeof(info),
					NULL, NULL));
	return info;
}

static uint8_t vmo_peek(struct __test_metadata *_metadata, zx_handle_t h,
			uint64_t off)
{
	uint8_t b = 0xee;

	EXPECT_ZX_OK(zx_vmo_read(h, &b, off, 1));
	return b;
}

/* Touching @p: 0, or the signal (SIGSEGV, SIGBUS) it raised. */
static sigjmp_buf probe_env;

static void probe_handler(int sig)
{
	siglongjmp(probe_env, sig);
}

static int probe(volatile uint8_t *p, bool write)
{
	struct sigaction sa = { .sa_handler = probe_handler }, osegv, obus;
	int sig;

	sigaction(SIGSEGV, &sa, &osegv);
	sigaction(SIGBUS, &sa, &obus);
	sig = sigsetjmp(probe_env, 1);
	if (!sig) {
		if (write)
			*p = (uint8_t)(*p + 1);
		else
			(void)*p;
	}
	sigaction(SIGSEGV, &osegv, NULL);
	sigaction(SIGBUS, &obus, NULL);
	return sig;
}

/* How many pages of [addr, addr + len) Linux has a mapping for. */
static size_t mapped_pages(zx_vaddr_t addr, size_t len)
{
	unsigned char vec;
	size_t n = 0, off;

	for (off = 0; off < len; off += PG)
		n += mincore((void *)(addr + off), PG, &vec) == 0;
	return n;
}

/* ---- the root VMAR ------------------------------------------------------- */

TEST(root_vmar_info)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_info_vmar_t info = vmar_info(_metadata, zx_vmar_root_self());
	zx_info_vmar_t small[1];
	size_t actual = 9, avail = 9;
	int local;

	EXPECT_NE(0u, info.base);
	EXPECT_EQ(0u, info.base % PG);
	/* It holds this process's stack and code. */
	EXPECT_LE(info.base, (zx_vaddr_t)&local);
	EXPECT_GT(info.base + info.len, (zx_vaddr_t)&local);
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(zx_vmar_root_self(), ZX_INFO_VMAR, small,
				     sizeof(small[0]) - 1, &actual, &avail));
	EXPECT_EQ(ZX_OBJ_TYPE_VMAR,
		  zxt_basic(_metadata, zx_vmar_root_self()).type);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_vmar_destroy(zx_vmar_root_self()));
	ASSERT_LIVE_EQ(base);
}

/* ---- map: data agrees both ways -------------------------------------------- */

TEST(map_write_then_vmo_read_and_back)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0);
	char buf[16] = { 0 };
	zx_vaddr_t addr;
	char *p;

	addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, 4 * PG);
	p = (char *)addr;
	EXPECT_EQ(1u, vmo_info(_metadata, vmo).num_mappings);
	/* Untouched memory reads as zero. */
	EXPECT_EQ(0, p[3 * PG + 7]);
	strcpy(p + PG + 5, "through map");
	ASSERT_ZX_OK(zx_vmo_read(vmo, buf, PG + 5, 12));
	EXPECT_STREQ("through map", buf);
	ASSERT_ZX_OK(zx_vmo_write(vmo, "via vmo", 2 * PG - 3, 8));
	EXPECT_STREQ("via vmo", p + 2 * PG - 3);
	/* The mapping keeps the VMO alive without a handle. */
	ASSERT_ZX_OK(zx_handle_close(vmo));
	p[10] = 42;
	EXPECT_EQ(42, p[10]);
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * PG));
	EXPECT_EQ(0u, mapped_pages(addr, 4 * PG));
	ASSERT_LIVE_EQ(base);
}

TEST(vmo_changes_reach_existing_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0);
	zx_vaddr_t a, b;
	volatile char *pa, *pb;

	a = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, 2 * PG);
	b = map(_metadata, zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo, 0,
		2 * PG);
	pa = (volatile char *)a;
	pb = (volatile char *)b;
	EXPECT_EQ(2u, vmo_info(_metadata, vmo).num_mappings);
	pa[100] = 'x';
	EXPECT_EQ('x', pb[100]);
	/* Decommit and zero drop the pages under both mappings. */
	ASSERT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PG, NULL, 0));
	EXPECT_EQ(0, pa[100]);
	EXPECT_EQ(0, pb[100]);
	pa[PG + 1] = 'y';
	ASSERT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_ZERO, PG, PG, NULL, 0));
	EXPECT_EQ(0, pb[PG + 1]);
	pa[PG + 1] = 'z';
	EXPECT_EQ('z', vmo_peek(_metadata, vmo, PG + 1));
	/* The read-only mapping is read-only. */
	EXPECT_EQ(SIGSEGV, probe((volatile uint8_t *)pb, true));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 2 * PG));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), b, 2 * PG));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(map_slice_and_offset)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0), slice;
	zx_vaddr_t a;

	ASSERT_ZX_OK(zx_vmo_create_child(vmo, ZX_VMO_CHILD_SLICE, PG, 2 * PG,
					 &slice));
	a = map(_metadata, zx_vmar_root_self(), RW, 0, slice, PG, PG);
	((char *)a)[3] = 's';
	EXPECT_EQ('s', vmo_peek(_metadata, vmo, 2 * PG + 3));
	a += 0;
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), a, PG));
	a = map(_metadata, zx_vmar_root_self(), ZX_VM_PERM_READ, 0, vmo,
		2 * PG, PG);
	EXPECT_EQ('s', ((char *)a)[3]);
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), a, PG));
	EXPECT_ZX_OK(zx_handle_close(slice));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- map: errors and rights ------------------------------------------------ */

TEST(map_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self();
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0);
	zx_handle_t rsz = vmo_new(_metadata, 2 * PG, ZX_VMO_RESIZABLE);
	zx_handle_t ev = zxt_event(_metadata), h;
	zx_vaddr_t addr = 0;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_vmar_map(ZXT_BOGUS_HANDLE, RW, 0, vmo,
						 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_vmar_map(root, RW, 0,
						 ZXT_BOGUS_HANDLE, 0, PG,
						 &addr));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_map(ev, RW, 0, vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_map(root, RW, 0, ev, 0, PG,
						 &addr));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_map(vmo, RW, 0, vmo, 0, PG,
						 &addr));
	/* Options. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW | (1u << 20), 0,
						   vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW | ZX_VM_COMPACT,
						   0, vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW, PG, vmo, 0, PG,
						   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(root, RW | ZX_VM_SPECIFIC_OVERWRITE |
			      ZX_VM_MAP_RANGE, PG, vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(root, RW | ZX_VM_SPECIFIC |
			      ZX_VM_OFFSET_IS_UPPER_LIMIT, PG, vmo, 0, PG,
			      &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, ZX_VM_PERM_WRITE, 0,
						   vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, ZX_VM_PERM_EXECUTE,
						   0, vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW, 0, vmo, 1, PG,
						   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW, 0, vmo, 0, 0,
						   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW, 0, vmo, 0, PG + 1,
						   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(root, RW | ZX_VM_SPECIFIC, 1, vmo, 0, PG,
			      &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(root, RW | (9u << ZX_VM_ALIGN_BASE), 0, vmo, 0,
			      PG, &addr));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmar_map(root, RW, 0, vmo, UINT64_MAX & ~(PG - 1), 2 * PG,
			      &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(root, RW, 0, vmo, 0, PG,
						   (zx_vaddr_t *)ZXT_BAD_PTR));
	/* Faults the mapping could take need ALLOW_FAULTS. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_vmar_map(root, RW, 0, rsz, 0, PG,
						    &addr));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmar_map(root, RW | ZX_VM_ALLOW_FAULTS |
			      ZX_VM_REQUIRE_NON_RESIZABLE, 0, rsz, 0, PG,
			      &addr));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL, zx_vmar_map(root, RW, 0, vmo, 0,
						       4 * PG, &addr));
	/* With ALLOW_FAULTS, pages past the end raise SIGBUS. */
	addr = map(_metadata, root, RW | ZX_VM_ALLOW_FAULTS, 0, vmo, 0,
		   4 * PG);
	EXPECT_EQ(0, probe((volatile uint8_t *)addr + PG, true));
	EXPECT_EQ(SIGBUS, probe((volatile uint8_t *)addr + 2 * PG, false));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, 4 * PG));
	addr = map(_metadata, root, RW | ZX_VM_ALLOW_FAULTS, 0, rsz, 0, PG);
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, PG));

	/* Rights: MAP, and READ/WRITE/EXECUTE for the permissions. */
	h = zxt_dup(_metadata, vmo, ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_MAP);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_map(root, ZX_VM_PERM_READ, 0,
						    h, 0, PG, &addr));
	EXPECT_ZX_OK(zx_handle_close(h));
	h = zxt_dup(_metadata, vmo, ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_map(root, RW, 0, h, 0, PG,
						    &addr));
	addr = map(_metadata, root, ZX_VM_PERM_READ, 0, h, 0, PG);
	/* Neither protect nor Linux's mprotect can add WRITE later. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_protect(root, RW, addr, PG));
	EXPECT_EQ(-1, mprotect((void *)addr, PG, PROT_READ | PROT_WRITE));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, PG));
	EXPECT_ZX_OK(zx_handle_close(h));
	h = zxt_dup(_metadata, vmo, ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_map(root, ZX_VM_PERM_READ, 0,
						    h, 0, PG, &addr));
	EXPECT_ZX_OK(zx_handle_close(h));
	/* VMOs are not executable without replace_as_executable. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_map(root, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0,
			      vmo, 0, PG, &addr));
	h = zxt_dup(_metadata, root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_map(h, RW, 0, vmo, 0, PG,
						    &addr));
	EXPECT_ZX_OK(zx_handle_close(h));

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(rsz));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(map_executable)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0), x = ZX_HANDLE_INVALID;
	zx_vaddr_t addr;

	ASSERT_ZX_OK(zx_vmo_replace_as_executable(vmo, ZX_HANDLE_INVALID, &x));
	addr = map(_metadata, zx_vmar_root_self(),
		   ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, x, 0, PG);
	EXPECT_EQ(0, probe((volatile uint8_t *)addr, false));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	/* READ_IF_XOM_UNSUPPORTED: there is no execute-only here. */
	addr = map(_metadata, zx_vmar_root_self(),
		   ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED | ZX_VM_PERM_EXECUTE, 0,
		   x, 0, PG);
	EXPECT_EQ(0, probe((volatile uint8_t *)addr, false));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	EXPECT_ZX_OK(zx_handle_close(x));
	ASSERT_LIVE_EQ(base);
}

/* ---- placement ------------------------------------------------------------- */

TEST(map_specific_align_and_upper_limit)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0), sub;
	zx_vaddr_t sub_addr = 0, a, b, addr = 0;
	const size_t size = 64 * PG;

	sub = sub_vmar(_metadata, zx_vmar_root_self(),
		       ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
		       ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_ALIGN_1MB, 0, size,
		       &sub_addr);
	EXPECT_EQ(0u, sub_addr % (1 << 20));
	EXPECT_EQ(sub_addr, vmar_info(_metadata, sub).base);
	EXPECT_EQ(size, vmar_info(_metadata, sub).len);
	a = map(_metadata, sub, RW | ZX_VM_SPECIFIC, 8 * PG, vmo, 0, 2 * PG);
	EXPECT_EQ(sub_addr + 8 * PG, a);
	/* Overlaps. */
	EXPECT_ZX(ZX_ERR_ALREADY_EXISTS,
		  zx_vmar_map(sub, RW | ZX_VM_SPECIFIC, 9 * PG, vmo, 0, PG,
			      &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(sub, RW | ZX_VM_SPECIFIC, size - PG, vmo, 0,
			      2 * PG, &addr));
	/* OVERWRITE replaces part of the old mapping. */
	b = map(_metadata, sub, RW | ZX_VM_SPECIFIC_OVERWRITE, 9 * PG, vmo,
		3 * PG, PG);
	EXPECT_EQ(a + PG, b);
	((char *)b)[0] = 'o';
	EXPECT_EQ('o', vmo_peek(_metadata, vmo, 3 * PG));
	EXPECT_EQ(0, vmo_peek(_metadata, vmo, PG));
	/* Upper limit. */
	a = map(_metadata, sub, ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT,
		8 * PG, vmo, 0, PG);
	EXPECT_LE(a + PG, sub_addr + 8 * PG);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(sub, ZX_VM_PERM_READ |
			      ZX_VM_OFFSET_IS_UPPER_LIMIT, PG, vmo, 0, 2 * PG,
			      &addr));
	/* Alignment of a specific address, and of a found one. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_map(sub, RW | ZX_VM_SPECIFIC | ZX_VM_ALIGN_64KB,
			      PG, vmo, 0, PG, &addr));
	a = map(_metadata, sub, RW | ZX_VM_ALIGN_64KB, 0, vmo, 0, PG);
	EXPECT_EQ(0u, a % (64 << 10));
	/* Too big for the region. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_map(sub, RW, 0, vmo, 0,
						   size + PG, &addr));
	/* Destroying the region removes its mappings. */
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_EQ(0u, mapped_pages(sub_addr, size));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(sub_vmar_is_full)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0), sub, c;
	zx_vaddr_t sub_addr = 0, addr = 0;

	sub = sub_vmar(_metadata, zx_vmar_root_self(),
		       ZX_VM_CAN_MAP_READ, 0, 2 * PG, &sub_addr);
	map(_metadata, sub, ZX_VM_PERM_READ, 0, vmo, 0, PG);
	map(_metadata, sub, ZX_VM_PERM_READ, 0, vmo, 0, PG);
	EXPECT_ZX(ZX_ERR_NO_RESOURCES, zx_vmar_map(sub, ZX_VM_PERM_READ, 0,
						   vmo, 0, PG, &addr));
	EXPECT_ZX(ZX_ERR_NO_MEMORY, zx_vmar_allocate(sub, 0, 0, PG, &c,
						     &addr));
	EXPECT_EQ(2u, vmo_info(_metadata, vmo).num_mappings);
	/* Unmapping the whole region frees it for more. */
	EXPECT_ZX_OK(zx_vmar_unmap(sub, sub_addr, 2 * PG));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_vmar_unmap(sub, sub_addr, 2 * PG));
	c = sub_vmar(_metadata, sub, 0, 0, 2 * PG, &addr);
	EXPECT_EQ(sub_addr, addr);
	EXPECT_ZX_OK(zx_handle_close(c));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- allocate ------------------------------------------------------------- */

TEST(allocate_errors_and_rights)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), ev = zxt_event(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0), sub, c, h;
	zx_vaddr_t sub_addr = 0, addr = 0;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_vmar_allocate(ZXT_BOGUS_HANDLE, 0, 0,
						      PG, &c, &addr));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_allocate(ev, 0, 0, PG, &c,
						      &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, 0, 0, 0, &c,
							&addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, 0, 0, PG + 1, &c,
							&addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, 0, PG, PG, &c,
							&addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_allocate(root, ZX_VM_SPECIFIC |
				   ZX_VM_OFFSET_IS_UPPER_LIMIT, PG, PG, &c,
				   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, ZX_VM_PERM_READ,
							0, PG, &c, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, 0, 0, PG,
							(zx_handle_t *)
							ZXT_BAD_PTR, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(root, 0, 0, PG, &c,
							(zx_vaddr_t *)
							ZXT_BAD_PTR));

	sub = sub_vmar(_metadata, root, ZX_VM_CAN_MAP_READ, 0, 16 * PG,
		       &sub_addr);
	/* Handle rights follow CAN_MAP_*. */
	EXPECT_EQ(ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ,
		  zxt_rights(_metadata, sub));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_map(sub, RW, 0, vmo, 0, PG,
						    &addr));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_allocate(sub, ZX_VM_CAN_MAP_WRITE, 0, PG, &c,
				   &addr));
	/* No CAN_MAP_SPECIFIC: no SPECIFIC or UPPER_LIMIT inside. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_allocate(sub, ZX_VM_SPECIFIC, 0, PG, &c, &addr));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_map(sub, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 0, vmo, 0,
			      PG, &addr));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_allocate(sub, ZX_VM_OFFSET_IS_UPPER_LIMIT, 8 * PG,
				   PG, &c, &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_allocate(sub, 0, 0, 17 * PG, &c,
							&addr));
	/* A handle without READ cannot give CAN_MAP_READ. */
	h = zxt_dup(_metadata, root, ZX_DEFAULT_VMAR_RIGHTS);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_allocate(h, ZX_VM_CAN_MAP_READ, 0, PG, &c, &addr));
	EXPECT_ZX_OK(zx_handle_close(h));

	/* Specific placement in the root, and overlaps. */
	EXPECT_ZX(ZX_ERR_ALREADY_EXISTS,
		  zx_vmar_allocate(root, ZX_VM_SPECIFIC,
				   sub_addr - vmar_info(_metadata, root).base,
				   PG, &c, &addr));
	c = sub_vmar(_metadata, sub, ZX_VM_COMPACT, 0, 4 * PG, &addr);
	EXPECT_LE(sub_addr, addr);
	EXPECT_GE(sub_addr + 16 * PG, addr + 4 * PG);
	/* Destroy: no OP_CHILDREN, then twice. */
	h = zxt_dup(_metadata, c, ZX_RIGHT_INSPECT);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_destroy(h));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	/* The child went with its parent. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_destroy(c));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_destroy(sub));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_map(sub, ZX_VM_PERM_READ, 0, vmo,
						0, PG, &addr));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_allocate(c, 0, 0, PG, &h, &addr));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_unmap(c, addr, PG));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_protect(c, 0, addr, PG));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_op_range(c, ZX_VMAR_OP_MAP_RANGE,
						     addr, PG, NULL, 0));
	/* Its space is free again. */
	EXPECT_EQ(0u, mapped_pages(sub_addr, 16 * PG));
	EXPECT_ZX_OK(zx_handle_close(c));
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(linux_mmap_stays_out_of_sub_vmar)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t sub;
	zx_vaddr_t sub_addr = 0;
	const size_t size = 256 * PG;
	void *p;

	sub = sub_vmar(_metadata, zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0,
		       size, &sub_addr);
	EXPECT_EQ(size / PG, mapped_pages(sub_addr, size));
	/* A hint inside the region is not honoured... */
	p = mmap((void *)(sub_addr + PG), PG, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	EXPECT_TRUE((zx_vaddr_t)p + PG <= sub_addr ||
		    (zx_vaddr_t)p >= sub_addr + size);
	EXPECT_EQ(0, munmap(p, PG));
	/* ... nor NOREPLACE, and the reservation cannot be made usable. */
	p = mmap((void *)(sub_addr + PG), PG, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(-1, mprotect((void *)sub_addr, PG, PROT_READ));
	EXPECT_EQ(SIGSEGV, probe((volatile uint8_t *)sub_addr, false));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(sub));
	ASSERT_LIVE_EQ(base);
}

/* ---- unmap ----------------------------------------------------------------- */

TEST(unmap_partial_and_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), ev = zxt_event(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 3 * PG, 0), sub, c, h;
	zx_vaddr_t addr, sub_addr = 0, c_addr = 0;
	char *p;

	addr = map(_metadata, root, RW, 0, vmo, 0, 3 * PG);
	p = (char *)addr;
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_vmar_unmap(ZXT_BOGUS_HANDLE, addr,
						   PG));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_unmap(ev, addr, PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(root, addr + 1, PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(root, addr, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(root, addr, PG + 1));
	/* The middle page goes; the mapping is now two. */
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr + PG, PG));
	EXPECT_EQ(2u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_EQ(0u, mapped_pages(addr + PG, PG));
	p[0] = 'a';
	p[2 * PG] = 'c';
	EXPECT_EQ('c', vmo_peek(_metadata, vmo, 2 * PG));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_vmar_unmap(root, addr + PG, PG));
	/* One call over both pieces and the hole. */
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, 3 * PG));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);

	/* Sub-regions: only whole ones, and only with OP_CHILDREN. */
	sub = sub_vmar(_metadata, root, ZX_VM_CAN_MAP_READ |
		       ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0, 8 * PG,
		       &sub_addr);
	c = sub_vmar(_metadata, sub, ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC,
		     2 * PG, 2 * PG, &c_addr);
	map(_metadata, c, ZX_VM_PERM_READ, 0, vmo, 0, PG);
	addr = map(_metadata, sub, RW | ZX_VM_SPECIFIC, 5 * PG, vmo, 0, PG);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(sub, c_addr, PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(sub, c_addr + PG,
						     2 * PG));
	/* Outside the region. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(sub, sub_addr + 8 * PG,
						     PG));
	h = zxt_dup(_metadata, sub, ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_unmap(h, c_addr, 2 * PG));
	/* Without sub-regions in the range, no OP_CHILDREN needed. */
	EXPECT_ZX_OK(zx_vmar_unmap(h, addr, PG));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_EQ(1u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_ZX_OK(zx_vmar_unmap(sub, sub_addr, 8 * PG));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_vmar_destroy(c));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(c));
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- protect --------------------------------------------------------------- */

TEST(protect_and_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), ev = zxt_event(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0), h;
	volatile uint8_t *p;
	zx_vaddr_t addr;

	addr = map(_metadata, root, RW, 0, vmo, 0, 4 * PG);
	p = (volatile uint8_t *)addr;
	p[PG] = 7;
	EXPECT_ZX_OK(zx_vmar_protect(root, ZX_VM_PERM_READ, addr + PG, PG));
	EXPECT_EQ(7, p[PG]);
	EXPECT_EQ(SIGSEGV, probe(p + PG, true));
	EXPECT_EQ(0, probe(p, true));
	EXPECT_ZX_OK(zx_vmar_protect(root, 0, addr + 2 * PG, PG));
	EXPECT_EQ(SIGSEGV, probe(p + 2 * PG, false));
	EXPECT_ZX_OK(zx_vmar_protect(root, RW, addr, 4 * PG));
	EXPECT_EQ(0, probe(p + PG, true));
	EXPECT_EQ(8, vmo_peek(_metadata, vmo, PG));
	EXPECT_EQ(0, probe(p + 2 * PG, true));

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_vmar_protect(ZXT_BOGUS_HANDLE, RW,
						     addr, PG));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_protect(ev, RW, addr, PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_protect(root, ZX_VM_PERM_WRITE,
						       addr, PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_protect(root, RW, addr + 1,
						       PG));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_protect(root, RW, addr, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_protect(root, RW |
						       ZX_VM_SPECIFIC, addr,
						       PG));
	/* Part of the range not mapped. */
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_vmar_protect(root, RW, addr, 5 * PG));
	h = zxt_dup(_metadata, root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_vmar_protect(h, RW, addr, PG));
	EXPECT_ZX_OK(zx_vmar_protect(h, ZX_VM_PERM_READ, addr, PG));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, 4 * PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* Every ZX_VM_ALIGN_* up to 4 GiB is honoured; beyond it is invalid. */
TEST(every_alignment)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t sub = ZX_HANDLE_INVALID;
	zx_vaddr_t addr;
	uint32_t shift;

	for (shift = 10; shift <= 32; shift++) {
		ASSERT_EQ(ZX_OK, zx_vmar_allocate(zx_vmar_root_self(),
						  ZX_VM_CAN_MAP_READ |
						  (shift << ZX_VM_ALIGN_BASE),
						  0, PG, &sub, &addr)) {
			TH_LOG("alignment 2^%u", shift);
		}
		EXPECT_EQ(0u, addr % (1ull << shift));
		EXPECT_ZX_OK(zx_vmar_destroy(sub));
		EXPECT_ZX_OK(zx_handle_close(sub));
	}
	EXPECT_EQ(ZX_VM_ALIGN_4GB, 32u << ZX_VM_ALIGN_BASE);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ |
				   (33u << ZX_VM_ALIGN_BASE), 0, PG, &sub,
				   &addr));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ |
				   (9u << ZX_VM_ALIGN_BASE), 0, PG, &sub,
				   &addr));
	ASSERT_LIVE_EQ(base);
}

/* ---- op_range -------------------------------------------------------------- */

TEST(op_range_and_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), ev = zxt_event(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0), h, sub;
	zx_vaddr_t addr, sub_addr = 0;
	char buf[1];

	addr = map(_metadata, root, RW, 0, vmo, 0, 4 * PG);
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).committed_bytes);
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, 2 * PG,
				      NULL, 0));
	EXPECT_EQ(2 * PG, vmo_info(_metadata, vmo).committed_bytes);
	((char *)addr)[5] = 1;
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_MAP_RANGE, addr,
				      4 * PG, NULL, 0));
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_DONT_NEED, addr,
				      PG, NULL, 0));
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_ALWAYS_NEED, addr,
				      PG, NULL, 0));
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_DECOMMIT, addr,
				      4 * PG, NULL, 0));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).committed_bytes);
	EXPECT_EQ(0, ((char *)addr)[5]);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_vmar_op_range(ZXT_BOGUS_HANDLE, ZX_VMAR_OP_COMMIT, addr,
				   PG, NULL, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_vmar_op_range(ev, ZX_VMAR_OP_COMMIT,
						      addr, PG, NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_vmar_op_range(root, 99, addr, PG,
							NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, PG, buf,
				   0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, PG, NULL,
				   1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, 0, NULL, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr + 1, PG, NULL,
				   0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr,
				   UINT64_MAX - addr, NULL, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, 5 * PG,
				   NULL, 0));
	h = zxt_dup(_metadata, root, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_op_range(h, ZX_VMAR_OP_COMMIT, addr, PG, NULL, 0));
	EXPECT_ZX_OK(zx_vmar_op_range(h, ZX_VMAR_OP_MAP_RANGE, addr, PG,
				      NULL, 0));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, 4 * PG));

	/* A read-only VMO handle's mappings cannot be committed through. */
	h = zxt_dup(_metadata, vmo, ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE);
	addr = map(_metadata, root, ZX_VM_PERM_READ, 0, h, 0, PG);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, addr, PG, NULL,
				   0));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, PG));
	EXPECT_ZX_OK(zx_handle_close(h));
	/* Sub-regions in the range. */
	sub = sub_vmar(_metadata, root, ZX_VM_CAN_MAP_READ, 0, 2 * PG,
		       &sub_addr);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_op_range(root, ZX_VMAR_OP_COMMIT, sub_addr, PG, NULL,
				   0));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_vmar_op_range(sub, ZX_VMAR_OP_MAP_RANGE, sub_addr,
				   3 * PG, NULL, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmar_op_range(sub, ZX_VMAR_OP_MAP_RANGE, sub_addr, PG,
				   NULL, 0));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(sub));
	/* A gap inside a region is BAD_STATE too, for every op. */
	sub = sub_vmar(_metadata, root, ZX_VM_CAN_MAP_READ |
		       ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0, 4 * PG,
		       &sub_addr);
	map(_metadata, sub, RW | ZX_VM_SPECIFIC, 0, vmo, 0, PG);
	map(_metadata, sub, RW | ZX_VM_SPECIFIC, 2 * PG, vmo, 0, PG);
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmar_op_range(sub, ZX_VMAR_OP_COMMIT, sub_addr, 3 * PG,
				   NULL, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_vmar_op_range(sub, ZX_VMAR_OP_DECOMMIT, sub_addr, 3 * PG,
				   NULL, 0));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

TEST(map_range_maps_committed_pages)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0);
	unsigned char vec[4] = { 0 };
	zx_vaddr_t addr;

	ASSERT_ZX_OK(zx_vmo_write(vmo, "x", PG, 1));
	addr = map(_metadata, zx_vmar_root_self(),
		   ZX_VM_PERM_READ | ZX_VM_MAP_RANGE, 0, vmo, 0, 4 * PG);
	/* Only the committed page was mapped, and nothing was committed. */
	ASSERT_EQ(0, mincore((void *)addr, 4 * PG, vec));
	EXPECT_EQ(1, vec[1] & 1);
	EXPECT_EQ(PG, vmo_info(_metadata, vmo).committed_bytes);
	EXPECT_EQ('x', ((char *)addr)[PG]);
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- copy-on-write --------------------------------------------------------- */

TEST(snapshot_child_mapped_and_written)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self();
	zx_handle_t parent = vmo_new(_metadata, 2 * PG, 0), child;
	zx_vaddr_t pa, ca;
	char buf[8] = { 0 };
	volatile char *pp, *cp;

	pa = map(_metadata, root, RW, 0, parent, 0, 2 * PG);
	pp = (volatile char *)pa;
	/* A writable page table entry exists before the snapshot. */
	strcpy((char *)pp, "old");
	ASSERT_ZX_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SNAPSHOT, 0,
					 2 * PG, &child));
	ca = map(_metadata, root, RW, 0, child, 0, 2 * PG);
	cp = (volatile char *)ca;
	EXPECT_STREQ("old", (char *)cp);
	/* The child's write stays in the child. */
	cp[0] = 'C';
	EXPECT_EQ('o', vmo_peek(_metadata, parent, 0));
	EXPECT_EQ('o', pp[0]);
	EXPECT_EQ('C', vmo_peek(_metadata, child, 0));
	/* So does the parent's, through its old mapping. */
	pp[1] = 'P';
	EXPECT_EQ('l', cp[1]);
	EXPECT_EQ('l', vmo_peek(_metadata, child, 1));
	ASSERT_ZX_OK(zx_vmo_read(parent, buf, 0, 4));
	EXPECT_STREQ("oPd", buf);
	/* The parent's own write via vmo_write leaves the child alone. */
	ASSERT_ZX_OK(zx_vmo_write(parent, "Z", 2, 1));
	EXPECT_EQ('d', cp[2]);
	EXPECT_EQ('Z', pp[2]);
	EXPECT_ZX_OK(zx_vmar_unmap(root, pa, 2 * PG));
	EXPECT_ZX_OK(zx_vmar_unmap(root, ca, 2 * PG));
	EXPECT_ZX_OK(zx_handle_close(child));
	EXPECT_ZX_OK(zx_handle_close(parent));
	ASSERT_LIVE_EQ(base);
}

/* ---- Linux's own calls on Zircon mappings ---------------------------------- */

TEST(linux_munmap_mprotect_of_zircon_mapping)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self();
	zx_handle_t vmo = vmo_new(_metadata, 4 * PG, 0);
	volatile char *p;
	zx_vaddr_t addr;

	addr = map(_metadata, root, RW, 0, vmo, 0, 4 * PG);
	p = (volatile char *)addr;
	p[0] = 1;
	/* Linux cuts a hole: two mappings remain, each still live. */
	ASSERT_EQ(0, munmap((void *)(addr + PG), PG));
	EXPECT_EQ(2u, vmo_info(_metadata, vmo).num_mappings);
	p[3 * PG] = 3;
	EXPECT_EQ(3, vmo_peek(_metadata, vmo, 3 * PG));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_vmar_unmap(root, addr + PG, PG));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_vmar_protect(root, RW, addr, 4 * PG));
	/* Linux mprotect within what the handle allowed. */
	ASSERT_EQ(0, mprotect((void *)addr, PG, PROT_READ));
	EXPECT_EQ(SIGSEGV, probe((volatile uint8_t *)p, true));
	EXPECT_ZX_OK(zx_vmar_protect(root, RW, addr, PG));
	EXPECT_EQ(0, probe((volatile uint8_t *)p, true));
	EXPECT_EQ(2, vmo_peek(_metadata, vmo, 0));
	/* Executable is beyond what the VMO handle allowed. */
	EXPECT_EQ(-1, mprotect((void *)addr, PG, PROT_READ | PROT_EXEC));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, 4 * PG));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(linux_munmap_all_drops_the_vmo)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0);
	zx_vaddr_t addr;

	addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, 2 * PG);
	((char *)addr)[0] = 1;
	EXPECT_ZX_OK(zx_handle_close(vmo));
	/* The mapping holds the last reference; Linux's munmap drops it. */
	ASSERT_EQ(0, munmap((void *)addr, 2 * PG));
	ASSERT_LIVE_EQ(base);
}

struct fork_arg {
	zx_vaddr_t addr;
	size_t len;
};

static int fork_child(void *arg)
{
	struct fork_arg *fa = arg;
	void *p;

	/* The mapping did not come along: the range is free here. */
	CHILD_CHECK(mapped_pages(fa->addr, fa->len) == 0);
	p = mmap((void *)fa->addr, fa->len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHILD_CHECK(p == (void *)fa->addr);
	((char *)p)[0] = 'k';
	return 0;
}

TEST(fork_with_live_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0), sub;
	zx_vaddr_t sub_addr = 0, mapped;
	struct fork_arg fa;

	fa.len = 2 * PG;
	fa.addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, fa.len);
	mapped = fa.addr;
	((char *)fa.addr)[0] = 'p';
	ASSERT_CHILD_OK(zxt_fork_run(fork_child, &fa));
	EXPECT_EQ('p', ((char *)fa.addr)[0]);
	EXPECT_EQ(1u, vmo_info(_metadata, vmo).num_mappings);
	/* Reservations are not inherited either. */
	sub = sub_vmar(_metadata, zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0,
		       4 * PG, &sub_addr);
	fa.addr = sub_addr;
	fa.len = 4 * PG;
	ASSERT_CHILD_OK(zxt_fork_run(fork_child, &fa));
	EXPECT_ZX_OK(zx_vmar_destroy(sub));
	EXPECT_ZX_OK(zx_handle_close(sub));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), mapped, 2 * PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- two processes ---------------------------------------------------------- */

static int shared_child(void *arg)
{
	int fd = *(int *)arg;
	zx_handle_t ch = ZX_HANDLE_INVALID, vmo = ZX_HANDLE_INVALID;
	uint32_t nb = 0, nh = 0;
	zx_vaddr_t addr = 0;
	volatile char *p;
	char byte;
	int i;

	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
	CHILD_CHECK(close(fd) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(ch, ZX_CHANNEL_READABLE,
						 zx_deadline_after(ZX_SEC(10)),
						 NULL));
	CHILD_CHECK_ZX(ZX_OK, zx_channel_read(ch, 0, &byte, &vmo, 1, 1, &nb,
					      &nh));
	CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0,
					  PG, &addr));
	p = (volatile char *)addr;
	/* The parent's write through its own mapping is here. */
	CHILD_CHECK(strcmp((const char *)p, "from parent") == 0);
	strcpy((char *)p + 100, "from child");
	/* Wait for the parent to answer through its mapping. */
	for (i = 0; i < 10000 && p[200] != 'A'; i++)
		zxt_sleep_ms(1);
	CHILD_CHECK(p[200] == 'A');
	CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, "x", 1, NULL, 0));
	/* Exits with the mapping and handles in place. */
	return 0;
}

TEST(mapping_shared_by_two_processes)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0), a, b, dup;
	volatile char *p;
	zx_vaddr_t addr;
	pid_t pid;
	int fd, status, i;

	addr = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, PG);
	p = (volatile char *)addr;
	strcpy((char *)p, "from parent");
	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(b, 0, &fd));
	dup = zxt_dup(_metadata, vmo, ZX_RIGHT_SAME_RIGHTS);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "v", 1, &dup, 1));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(shared_child(&fd));
	for (i = 0; i < 10000 && p[100] != 'f'; i++)
		zxt_sleep_ms(1);
	EXPECT_STREQ("from child", (const char *)p + 100);
	p[200] = 'A';
	EXPECT_ZX_OK(zx_object_wait_one(a, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(10)), NULL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(0, close(fd));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

static int exit_child(void *arg)
{
	zx_handle_t vmo, sub, child;
	zx_vaddr_t addr, sub_addr;
	int i;

	for (i = 0; i < 50; i++) {
		CHILD_CHECK_ZX(ZX_OK, zx_vmo_create(4 * PG, 0, &vmo));
		CHILD_CHECK_ZX(ZX_OK, zx_vmar_allocate(zx_vmar_root_self(),
				ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE, 0,
				8 * PG, &sub, &sub_addr));
		CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(sub, RW, 0, vmo, 0, 4 * PG,
						  &addr));
		((char *)addr)[i] = 1;
		CHILD_CHECK_ZX(ZX_OK, zx_vmo_create_child(vmo,
				ZX_VMO_CHILD_SNAPSHOT, 0, 4 * PG, &child));
		CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(zx_vmar_root_self(), RW, 0,
						  child, 0, 4 * PG, &addr));
		((char *)addr)[i] = 2;
	}
	return 0;
}

TEST(process_exit_frees_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(exit_child, NULL));
	ASSERT_LIVE_EQ(base);
}

/* ---- unmap, close, exit --------------------------------------------------- */

TEST(unmap_handle_close_thread_exit_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), ev = zxt_event(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	zx_vaddr_t addr;

	addr = map(_metadata, root, RW, 0, vmo, 0, PG);
	/* A failed unmap returns, and closes nothing. */
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_vmar_unmap_handle_close_thread_exit(ZXT_BOGUS_HANDLE,
							 addr, PG, ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_vmar_unmap_handle_close_thread_exit(ev, addr, PG, ev));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_unmap_handle_close_thread_exit(root, addr + 1, PG,
							 ev));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmar_unmap_handle_close_thread_exit(root, addr, 0, ev));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, PG));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_vmar_unmap_handle_close_thread_exit(root, addr, PG, ev));
	EXPECT_ZX_OK(zxt_valid(ev));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* The only thread of a child: the process exits with status 0. */
static int exit_call_child(void *arg)
{
	zx_handle_t close = *(zx_handle_t *)arg, vmo, ev;
	zx_vaddr_t addr = 0;
	zx_status_t status;

	CHILD_CHECK_ZX(ZX_OK, zx_vmo_create(PG, 0, &vmo));
	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	CHILD_CHECK_ZX(ZX_OK, zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0,
					  PG, &addr));
	status = zx_vmar_unmap_handle_close_thread_exit(zx_vmar_root_self(),
							addr, PG,
							close ? close : ev);
	fprintf(stderr, "# child: returned %s\n",
		zx_status_get_string(status));
	return 3;
}

TEST(unmap_handle_close_thread_exit_ends_the_thread)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t close = ZX_HANDLE_INVALID;
	int status;

	ASSERT_CHILD_OK(zxt_fork_run(exit_call_child, &close));
	/* A handle that cannot be closed: a trap, after the unmap. */
	close = ZXT_BOGUS_HANDLE;
	status = zxt_fork_run(exit_call_child, &close);
	ASSERT_TRUE(WIFSIGNALED(status)) {
		TH_LOG("child wait status %#x", status);
	}
	EXPECT_TRUE(WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP);
	ASSERT_LIVE_EQ(base);
}

struct stack_thread {
	zx_vaddr_t stack;
	size_t size;
	zx_handle_t end;
	pid_t tid;
};

static void *stack_thread_fn(void *arg)
{
	struct stack_thread *st = arg;
	zx_status_t status;

	st->tid = zxt_gettid();
	/* Unmaps the stack this runs on, closes its end, exits. */
	status = zx_vmar_unmap_handle_close_thread_exit(zx_vmar_root_self(),
							st->stack, st->size,
							st->end);
	return (void *)(intptr_t)status;
}

TEST(thread_unmaps_its_own_stack_and_exits)
{
	struct zxt_live base = zxt_settle(_metadata);
	const size_t size = 64 * PG;
	zx_handle_t vmo = vmo_new(_metadata, size, 0), mine;
	struct stack_thread st = { .size = size };
	char path[64];
	pthread_attr_t attr;
	pthread_t thread;
	int i;

	st.stack = map(_metadata, zx_vmar_root_self(), RW, 0, vmo, 0, size);
	ASSERT_ZX_OK(zx_eventpair_create(0, &mine, &st.end));
	ASSERT_EQ(0, pthread_attr_init(&attr));
	ASSERT_EQ(0, pthread_attr_setstack(&attr, (void *)st.stack, size));
	ASSERT_EQ(0, pthread_create(&thread, &attr, stack_thread_fn, &st));
	EXPECT_ZX_OK(zx_object_wait_one(mine, ZX_EVENTPAIR_PEER_CLOSED,
					zx_deadline_after(ZX_SEC(10)), NULL));
	/* The stack is gone and the task with it (never joined: its
	 * descriptor lived on that stack). */
	EXPECT_EQ(0u, mapped_pages(st.stack, size));
	EXPECT_EQ(0u, vmo_info(_metadata, vmo).num_mappings);
	snprintf(path, sizeof(path), "/proc/self/task/%d", (int)st.tid);
	for (i = 0; i < 10000 && access(path, F_OK) == 0; i++)
		zxt_sleep_ms(1);
	EXPECT_NE(0, access(path, F_OK));
	EXPECT_ZX_OK(zx_handle_close(mine));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	pthread_attr_destroy(&attr);
	ASSERT_LIVE_EQ(base);
}

struct futex_thread {
	zx_futex_t done;
	zx_handle_t end;
	pid_t tid;
};

static void *futex_thread_fn(void *arg)
{
	struct futex_thread *ft = arg;

	ft->tid = zxt_gettid();
	zx_futex_wake_handle_close_thread_exit(&ft->done, 1, 1, ft->end);
}

TEST(futex_wake_handle_close_thread_exit_ends_the_thread)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct futex_thread ft = { .done = 0 };
	zx_handle_t mine;
	pthread_t thread;
	char path[64];
	zx_status_t status;
	int i;

	ASSERT_ZX_OK(zx_eventpair_create(0, &mine, &ft.end));
	ASSERT_EQ(0, pthread_create(&thread, NULL, futex_thread_fn, &ft));
	/* Woken by the thread's last act, or the value was already set. */
	status = zx_futex_wait(&ft.done, 0, ZX_HANDLE_INVALID,
			       zx_deadline_after(ZX_SEC(10)));
	EXPECT_TRUE(status == ZX_OK || status == ZX_ERR_BAD_STATE);
	EXPECT_EQ(1, __atomic_load_n(&ft.done, __ATOMIC_ACQUIRE));
	EXPECT_ZX_OK(zx_object_wait_one(mine, ZX_EVENTPAIR_PEER_CLOSED,
					zx_deadline_after(ZX_SEC(10)), NULL));
	snprintf(path, sizeof(path), "/proc/self/task/%d", (int)ft.tid);
	for (i = 0; i < 10000 && access(path, F_OK) == 0; i++)
		zxt_sleep_ms(1);
	EXPECT_NE(0, access(path, F_OK));
	EXPECT_ZX_OK(zx_handle_close(mine));
	ASSERT_LIVE_EQ(base);
}

static int futex_exit_child(void *arg)
{
	zx_handle_t close = *(zx_handle_t *)arg, ev;
	zx_futex_t word = 0;

	CHILD_CHECK_ZX(ZX_OK, zx_event_create(0, &ev));
	zx_futex_wake_handle_close_thread_exit(close == 1 ?
					       (zx_futex_t *)ZXT_BAD_PTR :
					       &word, 1, 5,
					       close > 1 ? close : ev);
}

TEST(futex_wake_handle_close_thread_exit_traps_on_failure)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t close = ZX_HANDLE_INVALID;
	int status;

	ASSERT_CHILD_OK(zxt_fork_run(futex_exit_child, &close));
	/* A handle that cannot be closed, or a bad futex: a trap. */
	close = ZXT_BOGUS_HANDLE;
	status = zxt_fork_run(futex_exit_child, &close);
	ASSERT_TRUE(WIFSIGNALED(status)) {
		TH_LOG("child wait status %#x", status);
	}
	EXPECT_TRUE(WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP);
	close = 1;
	status = zxt_fork_run(futex_exit_child, &close);
	ASSERT_TRUE(WIFSIGNALED(status)) {
		TH_LOG("child wait status %#x", status);
	}
	EXPECT_TRUE(WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP);
	ASSERT_LIVE_EQ(base);
}

/* ---- memory ----------------------------------------------------------------- */

static void many_maps(struct __test_metadata *_metadata)
{
	zx_vaddr_t addr = 0;
	zx_handle_t vmo;
	int i;

	for (i = 0; i < MAP_MANY; i++) {
		ASSERT_ZX_OK(zx_vmo_create(PG, 0, &vmo));
		ASSERT_ZX_OK(zx_vmar_map(zx_vmar_root_self(), RW, 0, vmo, 0,
					 PG, &addr));
		ASSERT_ZX_OK(zx_handle_close(vmo));
		((volatile char *)addr)[i % PG] = (char)i;
		ASSERT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr, PG));
	}
}

TEST(many_mappings_give_memory_back)
{
	struct zxt_live base = zxt_settle(_metadata);
	long before, after;

	/* A first round warms up slab caches and page tables. */
	many_maps(_metadata);
	ASSERT_LIVE_EQ(base);
	before = zxt_mem_settled_kb();
	ASSERT_LT(0, before);
	many_maps(_metadata);
	ASSERT_LIVE_EQ(base);
	after = zxt_mem_settled_kb();
	TH_LOG("MemAvailable: %ld kB before, %ld kB after %d map+touch+unmap",
	       before, after, MAP_MANY);
	/* Nothing lost beyond 1% (more may come back: caches settle). */
	EXPECT_LE(before - after, before / 100);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * zx_process_read_memory and zx_process_write_memory: on the caller's own
 * process, on a child's through a process handle it sent over a channel,
 * across page and mapping ends, through read-only mappings, and every
 * documented error.
 */
#include <sys/mman.h>

#include <lib/zxlinux/fd.h>

#include "zx_test.h"

#define PG	((size_t)sysconf(_SC_PAGESIZE))

static uint8_t pattern_at(size_t i)
{
	return (uint8_t)(i * 7 + 3);
}

TEST(reads_and_writes_its_own_memory_across_pages)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t self = zx_process_self();
	size_t n = 3 * PG + 100, i, actual = 0;
	uint8_t *src, *dst;

	src = malloc(n);
	dst = calloc(1, n);
	ASSERT_NE(NULL, src);
	ASSERT_NE(NULL, dst);
	for (i = 0; i < n; i++)
		src[i] = pattern_at(i);
	ASSERT_ZX_OK(zx_process_read_memory(self, (zx_vaddr_t)src + 1, dst,
					    n - 1, &actual));
	EXPECT_EQ(n - 1, actual);
	EXPECT_EQ(0, memcmp(src + 1, dst, n - 1));

	memset(dst, 0, n);
	actual = 0;
	ASSERT_ZX_OK(zx_process_write_memory(self, (zx_vaddr_t)dst + 5, src,
					     n - 5, &actual));
	EXPECT_EQ(n - 5, actual);
	EXPECT_EQ(0, memcmp(src, dst + 5, n - 5));
	EXPECT_EQ(0, dst[4]);
	free(src);
	free(dst);
	ASSERT_LIVE_EQ(base);
}

/* A debugger writes breakpoints into read-only code: protection is ignored. */
TEST(writes_go_through_read_only_private_mappings)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t self = zx_process_self();
	const uint8_t bytes[2] = { 0xcc, 0x90 };
	size_t actual = 0;
	uint8_t *p, one = 0;

	p = mmap(NULL, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	p[10] = 1;
	ASSERT_EQ(0, mprotect(p, PG, PROT_READ));
	ASSERT_ZX_OK(zx_process_write_memory(self, (zx_vaddr_t)p + 10, bytes,
					     2, &actual));
	EXPECT_EQ(2u, actual);
	EXPECT_EQ(0xcc, p[10]);
	EXPECT_EQ(0x90, p[11]);
	/* PROT_NONE memory is still memory to a debugger. */
	ASSERT_EQ(0, mprotect(p, PG, PROT_NONE));
	actual = 0;
	ASSERT_ZX_OK(zx_process_read_memory(self, (zx_vaddr_t)p + 10, &one, 1,
					    &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(0xcc, one);
	ASSERT_EQ(0, munmap(p, PG));
	ASSERT_LIVE_EQ(base);
}

/* A range that runs off the end of the mapped memory yields what was there. */
TEST(ranges_stop_at_unmapped_memory)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t self = zx_process_self();
	size_t actual = 0;
	uint8_t *p, buf[64];

	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, munmap(p + PG, PG));
	memset(p + PG - 16, 0x5a, 16);
	ASSERT_ZX_OK(zx_process_read_memory(self, (zx_vaddr_t)p + PG - 16,
					    buf, sizeof(buf), &actual));
	EXPECT_EQ(16u, actual);
	EXPECT_EQ(0x5a, buf[15]);
	actual = 0;
	ASSERT_ZX_OK(zx_process_write_memory(self, (zx_vaddr_t)p + PG - 8,
					     buf, sizeof(buf), &actual));
	EXPECT_EQ(8u, actual);
	/* Nothing mapped at the start: no memory. */
	EXPECT_ZX(ZX_ERR_NO_MEMORY,
		  zx_process_read_memory(self, (zx_vaddr_t)p + PG, buf,
					 sizeof(buf), &actual));
	EXPECT_ZX(ZX_ERR_NO_MEMORY,
		  zx_process_write_memory(self, (zx_vaddr_t)p + PG, buf,
					  sizeof(buf), &actual));
	EXPECT_ZX(ZX_ERR_NO_MEMORY,
		  zx_process_read_memory(self, UINT64_MAX - 8, buf,
					 sizeof(buf), &actual));
	ASSERT_EQ(0, munmap(p, PG));
	ASSERT_LIVE_EQ(base);
}

/*
 * Zircon mappings: a writable one takes writes into its VMO; a read-only
 * one refuses them (Linux lets no forced write into a shared mapping, a
 * documented limit); a sub-VMAR's free space is reserved, not memory.
 */
TEST(vmar_mappings_and_reservations)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t self = zx_process_self(), vmar, vmo;
	uint8_t buf[4] = { 1, 2, 3, 4 }, got[4] = { 0 };
	zx_vaddr_t region, map, ro;
	size_t actual = 0;

	ASSERT_ZX_OK(zx_vmar_allocate(zx_vmar_root_self(),
				      ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
				      ZX_VM_CAN_MAP_SPECIFIC,
				      0, 4 * PG, &vmar, &region));
	ASSERT_ZX_OK(zx_vmo_create(PG, 0, &vmo));
	ASSERT_ZX_OK(zx_vmar_map(vmar,
				 ZX_VM_PERM_READ | ZX_VM_PERM_WRITE |
				 ZX_VM_SPECIFIC, PG, vmo, 0, PG, &map));
	ASSERT_ZX_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC,
				 2 * PG, vmo, 0, PG, &ro));
	ASSERT_ZX_OK(zx_process_write_memory(self, map + 8, buf, 4, &actual));
	EXPECT_EQ(4u, actual);
	ASSERT_ZX_OK(zx_vmo_read(vmo, got, 8, 4));
	EXPECT_EQ(0, memcmp(buf, got, 4));
	memset(got, 0, sizeof(got));
	ASSERT_ZX_OK(zx_process_read_memory(self, ro + 8, got, 4, &actual));
	EXPECT_EQ(0, memcmp(buf, got, 4));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_process_write_memory(self, ro + 8, buf, 4, &actual));
	EXPECT_ZX(ZX_ERR_NO_MEMORY,
		  zx_process_read_memory(self, region, got, 4, &actual));
	ASSERT_ZX_OK(zx_vmar_destroy(vmar));
	EXPECT_ZX_OK(zx_handle_close(vmar));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t self = zx_process_self(), h, ev;
	uint8_t buf[16] = { 0 };
	size_t actual;

	/* Buffer and size. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_read_memory(self, (zx_vaddr_t)buf, NULL, 4,
					 &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_write_memory(self, (zx_vaddr_t)buf, NULL, 4,
					  &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_read_memory(self, (zx_vaddr_t)buf, buf, 0,
					 &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_read_memory(self, (zx_vaddr_t)buf, buf,
					 64 * 1024 * 1024 + 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_write_memory(self, (zx_vaddr_t)buf, buf,
					  64 * 1024 * 1024 + 1, &actual));
	/* The caller's buffer itself is bad. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_read_memory(self, (zx_vaddr_t)buf, (void *)8, 4,
					 &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_process_read_memory(self, (zx_vaddr_t)buf, buf, 4,
					 (size_t *)8));

	/* Rights: READ and WRITE both. */
	ASSERT_ZX_OK(zx_handle_duplicate(self, ZX_RIGHT_READ, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_process_read_memory(h, (zx_vaddr_t)buf, buf, 4,
					 &actual));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_ZX_OK(zx_handle_duplicate(self, ZX_RIGHT_WRITE, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_process_write_memory(h, (zx_vaddr_t)buf, buf, 4,
					  &actual));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_ZX_OK(zx_handle_duplicate(self, ZX_RIGHT_READ | ZX_RIGHT_WRITE,
					 &h));
	EXPECT_ZX_OK(zx_process_read_memory(h, (zx_vaddr_t)buf, buf + 8, 4,
					    &actual));
	EXPECT_ZX_OK(zx_handle_close(h));

	/* Handles. */
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_process_read_memory(ev, (zx_vaddr_t)buf, buf, 4,
					 &actual));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_process_write_memory(ev, (zx_vaddr_t)buf, buf, 4,
					  &actual));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_process_read_memory(ev, (zx_vaddr_t)buf, buf, 4,
					 &actual));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_process_write_memory(ZX_HANDLE_INVALID, (zx_vaddr_t)buf,
					  buf, 4, &actual));
	ASSERT_LIVE_EQ(base);
}

/* A page a child writes after fork(): only its own copy holds it. */
static uint8_t child_page[4096] __attribute__((aligned(4096)));

TEST(another_process_through_its_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ours, theirs, proc = ZX_HANDLE_INVALID;
	uint32_t nbytes = 0, nhandles = 0;
	uint8_t buf[8] = { 0 }, word[8] = "debugger";
	size_t actual = 0;
	int fd = -1, status;
	pid_t child;

	memset(child_page, 0x11, sizeof(child_page));
	ASSERT_ZX_OK(zx_channel_create(0, &ours, &theirs));
	ASSERT_ZX_OK(zxlinux_handle_to_fd(theirs, 0, &fd));
	fflush(stdout);
	fflush(stderr);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		zx_handle_t ch, me;
		zx_signals_t seen;

		memset(child_page, 0x22, sizeof(child_page));
		CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_from_fd(fd, &ch));
		CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(zx_process_self(),
							  ZX_RIGHT_SAME_RIGHTS,
							  &me));
		CHILD_CHECK_ZX(ZX_OK, zx_channel_write(ch, 0, NULL, 0, &me,
						       1));
		/* The parent writes, then closes its end. */
		CHILD_CHECK_ZX(ZX_OK, zx_object_wait_one(
			ch, ZX_CHANNEL_PEER_CLOSED,
			zx_deadline_after(ZX_SEC(60)), &seen));
		CHILD_CHECK(memcmp(child_page + 100, "debugger", 8) == 0);
		CHILD_CHECK(child_page[99] == 0x22);
		_exit(0);
	}
	close(fd);
	ASSERT_ZX_OK(zx_object_wait_one(ours, ZX_CHANNEL_READABLE,
					zx_deadline_after(ZX_SEC(60)), NULL));
	ASSERT_ZX_OK(zx_channel_read(ours, 0, NULL, &proc, 0, 1, &nbytes,
				     &nhandles));
	ASSERT_EQ(1u, nhandles);
	ASSERT_ZX_OK(zx_process_read_memory(proc, (zx_vaddr_t)child_page, buf,
					    sizeof(buf), &actual));
	EXPECT_EQ(sizeof(buf), actual);
	EXPECT_EQ(0x22, buf[0]);
	EXPECT_EQ(0x22, buf[7]);
	ASSERT_ZX_OK(zx_process_write_memory(proc,
					     (zx_vaddr_t)child_page + 100,
					     word, sizeof(word), &actual));
	/* Our own copy is untouched. */
	EXPECT_EQ(0x11, child_page[100]);
	EXPECT_ZX_OK(zx_handle_close(ours));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_CHILD_OK(status);
	/* Its memory went with it. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_process_read_memory(proc, (zx_vaddr_t)child_page, buf,
					 sizeof(buf), &actual));
	EXPECT_ZX_OK(zx_handle_close(proc));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Rules that Zircon applies to every call of a kind, each checked across
 * the calls it covers (issue 13):
 *   - handles given to a call that consumes them are consumed on failure;
 *   - outputs the docs do not call optional are required;
 *   - names end at their first NUL, and only named types have a name;
 *   - a call that copies an array in or out does all of it or nothing;
 *   - socket dispositions check buffered data first; empty reads keep data;
 *   - one signal change fires a port's async waits newest first.
 */
#include "zx_test.h"

#include <sys/mman.h>

#include <zircon/syscalls/port.h>

/* ---- helpers ------------------------------------------------------------ */

/* @n fresh events in @hs. */
static void events(struct __test_metadata *_metadata, zx_handle_t *hs,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		hs[i] = zxt_event(_metadata);
}

/* Every handle in @hs is gone. */
static void all_closed(struct __test_metadata *_metadata,
		       const zx_handle_t *hs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(hs[i]));
}

/*
 * Two pages of which only the first is mapped: returns the address @bytes
 * before the end of the first page, so an array starting there runs into
 * the hole after @bytes.
 */
static uint8_t *before_hole(struct __test_metadata *_metadata, size_t bytes)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *p;

	p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	ASSERT_EQ(0, munmap(p + pg, pg));
	memset(p, 0, pg);
	return p + pg - bytes;
}

/* ---- 1. handles are consumed on every failure ---------------------------- */

TEST(channel_write_consumes_handles_on_every_failure)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, hs[ZX_CHANNEL_MAX_MSG_HANDLES + 1];
	static char big[ZX_CHANNEL_MAX_MSG_BYTES + 1];

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));

	/* Too many handles. */
	events(_metadata, hs, ZX_CHANNEL_MAX_MSG_HANDLES + 1);
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, 0, "x", 1, hs,
				   ZX_CHANNEL_MAX_MSG_HANDLES + 1));
	all_closed(_metadata, hs, ZX_CHANNEL_MAX_MSG_HANDLES + 1);

	/* Too many bytes. */
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write(a, 0, big, sizeof(big), hs, 2));
	all_closed(_metadata, hs, 2);

	/* Bad options. */
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 0x80, "x", 1, hs, 2));
	all_closed(_metadata, hs, 2);

	/* Bad byte buffer. */
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_write(a, 0, ZXT_BAD_PTR, 1, hs, 2));
	all_closed(_metadata, hs, 2);

	/* Bad channel handle. */
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_channel_write(ZXT_BOGUS_HANDLE, 0, "x", 1, hs, 2));
	all_closed(_metadata, hs, 2);

	/* Peer closed. */
	EXPECT_ZX_OK(zx_handle_close(b));
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_channel_write(a, 0, "x", 1, hs, 2));
	all_closed(_metadata, hs, 2);

	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

TEST(channel_write_etc_consumes_moves_and_writes_every_result)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_disposition_t d[ZX_CHANNEL_MAX_MSG_HANDLES + 1];
	zx_handle_t a, b, keep;
	size_t i, n = ZX_CHANNEL_MAX_MSG_HANDLES + 1;

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	keep = zxt_event(_metadata);
	for (i = 0; i < n; i++) {
		d[i] = (zx_handle_disposition_t){
			.operation = ZX_HANDLE_OP_MOVE,
			.handle = zxt_event(_metadata),
			.rights = ZX_RIGHT_SAME_RIGHTS,
			.result = 12345,
		};
	}
	/* One duplicate, of a handle that must stay. */
	EXPECT_ZX_OK(zx_handle_close(d[n - 1].handle));
	d[n - 1].operation = ZX_HANDLE_OP_DUPLICATE;
	d[n - 1].handle = keep;
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_write_etc(a, 0, "x", 1, d, n));
	for (i = 0; i < n - 1; i++) {
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(d[i].handle));
		EXPECT_NE(12345, d[i].result);
	}
	EXPECT_NE(12345, d[n - 1].result);
	EXPECT_ZX_OK(zxt_valid(keep));

	/* A failure inside the limit: every result is written too. */
	for (i = 0; i < 3; i++) {
		d[i] = (zx_handle_disposition_t){
			.operation = ZX_HANDLE_OP_MOVE,
			.handle = i == 1 ? ZXT_BOGUS_HANDLE :
					   zxt_event(_metadata),
			.rights = ZX_RIGHT_SAME_RIGHTS,
			.result = 12345,
		};
	}
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_channel_write_etc(a, 0, "x", 1, d, 3));
	EXPECT_ZX(ZX_OK, d[0].result);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, d[1].result);
	EXPECT_ZX(ZX_OK, d[2].result);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(d[0].handle));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(d[2].handle));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));

	EXPECT_ZX_OK(zx_handle_close(keep));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

TEST(channel_call_consumes_handles_on_every_failure)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a, b, hs[ZX_CHANNEL_MAX_MSG_HANDLES + 1];
	uint32_t req[2] = { 0 }, rep[2], ab, ah;
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.wr_handles = hs,
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));

	events(_metadata, hs, ZX_CHANNEL_MAX_MSG_HANDLES + 1);
	args.wr_num_handles = ZX_CHANNEL_MAX_MSG_HANDLES + 1;
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_channel_call(a, 0, 0, &args, &ab, &ah));
	all_closed(_metadata, hs, ZX_CHANNEL_MAX_MSG_HANDLES + 1);

	/* Fewer than four bytes. */
	events(_metadata, hs, 2);
	args.wr_num_handles = 2;
	args.wr_num_bytes = 3;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0, 0, &args, &ab, &ah));
	all_closed(_metadata, hs, 2);
	args.wr_num_bytes = sizeof(req);

	/* Bad options. */
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0x80, 0, &args, &ab, &ah));
	all_closed(_metadata, hs, 2);

	/* Peer closed. */
	EXPECT_ZX_OK(zx_handle_close(b));
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_channel_call(a, 0, 0, &args, &ab, &ah));
	all_closed(_metadata, hs, 2);

	EXPECT_ZX_OK(zx_handle_close(a));
	ASSERT_LIVE_EQ(base);
}

TEST(handle_close_many_closes_every_valid_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t hs[6];

	events(_metadata, hs, 3);
	hs[3] = ZXT_BOGUS_HANDLE;
	hs[4] = hs[1];			/* repeated */
	hs[5] = ZX_HANDLE_INVALID;
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close_many(hs, 6));
	all_closed(_metadata, hs, 3);
	/* ZX_HANDLE_INVALID alone is no error. */
	EXPECT_ZX_OK(zx_handle_close_many(&hs[5], 1));
	ASSERT_LIVE_EQ(base);
}

TEST(replace_calls_consume_the_handle_on_failure)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h, out = ZX_HANDLE_INVALID, vmo;

	/* Rights that are not a subset. */
	ASSERT_ZX_OK(zx_event_create(0, &h));
	ASSERT_ZX_OK(zx_handle_replace(h, ZX_RIGHT_WAIT, &out));
	h = out;
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(h, ZX_RIGHT_WAIT | ZX_RIGHT_SIGNAL, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));

	/* A bad output pointer. */
	ASSERT_ZX_OK(zx_event_create(0, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));

	/* replace_as_executable: not a VMO, or a bad output pointer. */
	ASSERT_ZX_OK(zx_event_create(0, &h));
	EXPECT_NE(ZX_OK, zx_vmo_replace_as_executable(h, ZX_HANDLE_INVALID,
						      &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	ASSERT_ZX_OK(zx_vmo_create(4096, 0, &vmo));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_vmo_replace_as_executable(vmo, ZX_HANDLE_INVALID,
					       ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- 2. required outputs -------------------------------------------------- */

TEST(channel_call_requires_both_actual_pointers)
{
	struct zxt_live base = zxt_settle(_metadata);
	uint32_t req[2] = { 0 }, rep[2], ab, ah;
	zx_handle_t a, b, hs[2];
	zx_channel_call_args_t args = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.wr_handles = hs, .wr_num_handles = 2,
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};
	zx_channel_call_etc_args_t eargs = {
		.wr_bytes = req, .wr_num_bytes = sizeof(req),
		.rd_bytes = rep, .rd_num_bytes = sizeof(rep),
	};

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, NULL, &ah));
	all_closed(_metadata, hs, 2);
	events(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &ab, NULL));
	all_closed(_metadata, hs, 2);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_call_etc(a, 0, ZX_TIME_INFINITE, &eargs, NULL,
				      NULL));
	/* Nothing was sent. */
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, NULL, NULL, 0, 0, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
	ASSERT_LIVE_EQ(base);
}

/* ---- 3. names -------------------------------------------------------------- */

static void name_stops_at_nul(struct __test_metadata *_metadata,
			      zx_handle_t h)
{
	static const char value[] = "A\0AAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	char name[ZX_MAX_NAME_LEN], want[ZX_MAX_NAME_LEN] = "A";

	ASSERT_ZX_OK(zx_object_set_property(h, ZX_PROP_NAME, value,
					    sizeof(value)));
	memset(name, 0x55, sizeof(name));
	ASSERT_ZX_OK(zx_object_get_property(h, ZX_PROP_NAME, name,
					    sizeof(name)));
	EXPECT_EQ(0, memcmp(want, name, sizeof(name)));
}

TEST(names_stop_at_the_first_nul_on_every_named_type)
{
	zx_handle_t vmo, job;

	name_stops_at_nul(_metadata, zx_process_self());
	ASSERT_ZX_OK(zx_vmo_create(4096, 0, &vmo));
	name_stops_at_nul(_metadata, vmo);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	/* A job of our own, where this process may make one. */
	if (zx_job_create(zx_job_default(), 0, &job) == ZX_OK) {
		name_stops_at_nul(_metadata, job);
		EXPECT_ZX_OK(zx_handle_close(job));
	}
}

TEST(properties_of_other_types_are_wrong_type)
{
	char name[ZX_MAX_NAME_LEN] = "x";
	zx_handle_t vmo, stream, s0, s1;
	size_t v = 1;
	uint8_t mode = 0;

	ASSERT_ZX_OK(zx_vmo_create(4096, 0, &vmo));
	ASSERT_ZX_OK(zx_stream_create(ZX_STREAM_MODE_READ, vmo, 0, &stream));
	ASSERT_ZX_OK(zx_socket_create(0, &s0, &s1));

	/* Streams and sockets have no name. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_set_property(stream, ZX_PROP_NAME, name, 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(stream, ZX_PROP_NAME, name,
					 sizeof(name)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_set_property(s0, ZX_PROP_NAME, name, 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(s0, ZX_PROP_NAME, name,
					 sizeof(name)));

	/* A property of one type asked of another. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(vmo, ZX_PROP_SOCKET_RX_THRESHOLD, &v,
					 sizeof(v)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_set_property(stream, ZX_PROP_SOCKET_TX_THRESHOLD,
					 &v, sizeof(v)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(s0, ZX_PROP_STREAM_MODE_APPEND, &mode,
					 sizeof(mode)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(s0, ZX_PROP_VMO_CONTENT_SIZE, &v,
					 sizeof(v)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(vmo, ZX_PROP_PROCESS_DEBUG_ADDR, &v,
					 sizeof(v)));
	/* Each on its own type works. */
	EXPECT_ZX_OK(zx_object_get_property(s0, ZX_PROP_SOCKET_RX_THRESHOLD,
					    &v, sizeof(v)));
	EXPECT_ZX_OK(zx_object_get_property(stream, ZX_PROP_STREAM_MODE_APPEND,
					    &mode, sizeof(mode)));
	EXPECT_ZX_OK(zx_object_get_property(vmo, ZX_PROP_VMO_CONTENT_SIZE, &v,
					    sizeof(v)));
	/* A property nobody defines. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_property(vmo, 0x7777, &v, sizeof(v)));

	EXPECT_ZX_OK(zx_handle_close(stream));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_ZX_OK(zx_handle_close(s0));
	EXPECT_ZX_OK(zx_handle_close(s1));
}

/* ---- 4. arrays: all or nothing --------------------------------------------- */

TEST(fifo_geometry_is_checked_before_options)
{
	zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(0, 0, 1, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(0, 8, 1, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(3, 8, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(12, 4, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_fifo_create(1024, 8, 1, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_create(4, 8, 1, &a, &b));
	EXPECT_EQ(ZX_HANDLE_INVALID, a);
	EXPECT_EQ(ZX_HANDLE_INVALID, b);
}

TEST(fifo_write_from_a_partly_unmapped_buffer_writes_nothing)
{
	zx_handle_t a, b;
	uint64_t *src = (uint64_t *)before_hole(_metadata, 8), out[4];
	size_t actual = 99;

	src[0] = 42;
	/* Fits one element, asked for two: the second is in the hole. */
	ASSERT_ZX_OK(zx_fifo_create(1, 8, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_write(a, 8, src, 2, &actual));
	EXPECT_EQ(99u, actual);
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_fifo_read(b, 8, out, 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));

	/* Room for both, same answer. */
	ASSERT_ZX_OK(zx_fifo_create(4, 8, 0, &a, &b));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_write(a, 8, src, 2, NULL));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_fifo_read(b, 8, out, 4, NULL));
	EXPECT_ZX_OK(zx_fifo_write(a, 8, src, 1, &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(fifo_read_into_a_partly_unmapped_buffer_reads_nothing)
{
	uint64_t *dst = (uint64_t *)before_hole(_metadata, 8);
	uint64_t v[2] = { 7, 8 }, out[2] = { 0 };
	zx_handle_t a, b;
	size_t actual = 99;

	ASSERT_ZX_OK(zx_fifo_create(4, 8, 0, &a, &b));
	ASSERT_ZX_OK(zx_fifo_write(a, 8, v, 2, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_read(b, 8, dst, 2, &actual));
	EXPECT_EQ(99u, actual);
	/* One element queued, a buffer of two: still the whole buffer. */
	EXPECT_ZX_OK(zx_fifo_read(b, 8, out, 1, NULL));
	EXPECT_EQ(7u, out[0]);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_fifo_read(b, 8, dst, 2, NULL));
	EXPECT_ZX_OK(zx_fifo_read(b, 8, out, 2, &actual));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(8u, out[0]);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(channel_arrays_are_all_or_nothing)
{
	uint8_t *tail = before_hole(_metadata, 4), buf[8];
	zx_handle_t a, b, ev[2], got[2];
	uint32_t ab = 0, ah = 0;

	ASSERT_ZX_OK(zx_channel_create(0, &a, &b));
	/* Bytes that run into the hole: nothing is sent. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_channel_write(a, 0, tail, 8, NULL, 0));
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT,
		  zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, NULL, NULL));
	/* A handle array that runs into the hole: the message stays. */
	events(_metadata, ev, 2);
	ASSERT_ZX_OK(zx_channel_write(a, 0, "12345678", 8, ev, 2));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_channel_read(b, 0, buf, (zx_handle_t *)tail, sizeof(buf),
				  2, &ab, &ah));
	EXPECT_ZX_OK(zx_channel_read(b, 0, buf, got, sizeof(buf), 2, &ab,
				     &ah));
	EXPECT_EQ(8u, ab);
	EXPECT_EQ(2u, ah);
	EXPECT_ZX_OK(zx_handle_close_many(got, 2));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(wait_many_items_that_run_into_a_hole_are_refused)
{
	zx_wait_item_t *items = (zx_wait_item_t *)
		before_hole(_metadata, sizeof(zx_wait_item_t));
	zx_handle_t ev = zxt_event(_metadata);

	items[0] = (zx_wait_item_t){ .handle = ev,
				     .waitfor = ZX_EVENT_SIGNALED };
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_object_wait_many(items, 2, 0));
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_object_wait_many(items, 1, 0));
	EXPECT_ZX_OK(zx_handle_close(ev));
}

/* ---- 5. sockets -------------------------------------------------------------- */

TEST(socket_disposition_checks_buffered_data_before_the_peer)
{
	zx_handle_t a, b;

	ASSERT_ZX_OK(zx_socket_create(0, &a, &b));
	ASSERT_ZX_OK(zx_socket_write(b, 0, "data", 4, NULL));
	EXPECT_ZX_OK(zx_handle_close(b));
	/* a still holds what b wrote: enabling b's writes is BAD_STATE. */
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_socket_set_disposition(a, 0,
					    ZX_SOCKET_DISPOSITION_WRITE_ENABLED));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED, zx_socket_set_disposition(a, 0, 0));
	EXPECT_ZX(ZX_ERR_PEER_CLOSED,
		  zx_socket_set_disposition(a,
					    ZX_SOCKET_DISPOSITION_WRITE_ENABLED,
					    0));
	EXPECT_ZX_OK(zx_handle_close(a));
}

TEST(zero_length_socket_reads_consume_nothing)
{
	zx_handle_t a, b;
	char buf[8];
	size_t actual = 99;

	ASSERT_ZX_OK(zx_socket_create(ZX_SOCKET_DATAGRAM, &a, &b));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "dgram", 5, NULL));
	EXPECT_ZX_OK(zx_socket_read(b, 0, NULL, 0, &actual));
	EXPECT_EQ(0u, actual);
	EXPECT_ZX_OK(zx_socket_read(b, 0, buf, sizeof(buf), &actual));
	EXPECT_EQ(5u, actual);
	EXPECT_EQ(0, memcmp(buf, "dgram", 5));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));

	ASSERT_ZX_OK(zx_socket_create(ZX_SOCKET_STREAM, &a, &b));
	ASSERT_ZX_OK(zx_socket_write(a, 0, "str", 3, NULL));
	EXPECT_ZX_OK(zx_socket_read(b, 0, NULL, 0, &actual));
	EXPECT_EQ(0u, actual);
	EXPECT_ZX_OK(zx_socket_read(b, 0, buf, sizeof(buf), &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- 6. port packet order ---------------------------------------------------- */

TEST(one_signal_change_queues_newest_wait_first)
{
	zx_handle_t port, ev = zxt_event(_metadata);
	zx_port_packet_t p;
	uint64_t key;

	ASSERT_ZX_OK(zx_port_create(0, &port));
	for (key = 1; key <= 3; key++)
		ASSERT_ZX_OK(zx_object_wait_async(ev, port, key,
						  ZX_EVENT_SIGNALED, 0));
	ASSERT_ZX_OK(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED));
	for (key = 3; key >= 1; key--) {
		ASSERT_ZX_OK(zx_port_wait(port, 0, &p));
		EXPECT_EQ(key, p.key);
		EXPECT_EQ(ZX_PKT_TYPE_SIGNAL_ONE, p.type);
	}
	EXPECT_ZX(ZX_ERR_TIMED_OUT, zx_port_wait(port, 0, &p));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(port));
}

TEST_HARNESS_MAIN

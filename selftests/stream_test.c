// SPDX-License-Identifier: GPL-2.0
/*
 * Streams: create and rights, readv/writev with and without an offset,
 * content size growth and zero fill, VMO growth, append mode, seek, info,
 * properties, concurrent appends and every documented error.
 */
#include "zx_test.h"

#define PG		((uint64_t)zx_system_get_page_size())
#define RW		(ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE)

static zx_handle_t vmo_new(struct __test_metadata *_metadata, uint64_t size,
			   uint32_t options)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_vmo_create(size, options, &h));
	return h;
}

static zx_handle_t stream_new(struct __test_metadata *_metadata,
			      uint32_t options, zx_handle_t vmo,
			      zx_off_t seek)
{
	zx_handle_t s = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_stream_create(options, vmo, seek, &s));
	ASSERT_NE(ZX_HANDLE_INVALID, s);
	return s;
}

static uint64_t content_size(struct __test_metadata *_metadata,
			     zx_handle_t vmo)
{
	uint64_t cs = 0xdead;

	ASSERT_ZX_OK(zx_object_get_property(vmo, ZX_PROP_VMO_CONTENT_SIZE,
					    &cs, sizeof(cs)));
	return cs;
}

static void set_content_size(struct __test_metadata *_metadata,
			     zx_handle_t vmo, uint64_t cs)
{
	ASSERT_ZX_OK(zx_object_set_property(vmo, ZX_PROP_VMO_CONTENT_SIZE,
					    &cs, sizeof(cs)));
}

static uint64_t vmo_size(struct __test_metadata *_metadata, zx_handle_t vmo)
{
	uint64_t size = 0xdead;

	ASSERT_ZX_OK(zx_vmo_get_size(vmo, &size));
	return size;
}

static zx_info_stream_t stream_info(struct __test_metadata *_metadata,
				    zx_handle_t s)
{
	zx_info_stream_t info;

	memset(&info, 0xcc, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(s, ZX_INFO_STREAM, &info,
					sizeof(info), NULL, NULL));
	return info;
}

static zx_off_t seek_of(struct __test_metadata *_metadata, zx_handle_t s)
{
	zx_off_t seek = 0xdead;

	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_CURRENT, 0,
				    &seek));
	return seek;
}

/* Writes @len bytes of @c at @off through one iovec. */
static size_t write_at(struct __test_metadata *_metadata, zx_handle_t s,
		       uint64_t off, char c, size_t len)
{
	char *buf = malloc(len);
	zx_iovec_t v = { .buffer = buf, .capacity = len };
	size_t actual = 0xdead;

	ASSERT_NE(NULL, buf);
	memset(buf, c, len);
	ASSERT_ZX_OK(zx_stream_writev_at(s, 0, off, &v, 1, &actual));
	free(buf);
	return actual;
}

/* ---- create ------------------------------------------------------------ */

TEST(create_rights_info_and_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 100, 0);
	zx_handle_t ev = zxt_event(_metadata);
	zx_handle_t ro = zxt_dup(_metadata, vmo, ZX_RIGHT_READ);
	zx_handle_t wo = zxt_dup(_metadata, vmo, ZX_RIGHT_WRITE);
	zx_handle_t s, out = ZX_HANDLE_INVALID;
	zx_info_stream_t info;

	s = stream_new(_metadata, RW, vmo, 7);
	EXPECT_EQ(ZX_DEFAULT_STREAM_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE,
		  zxt_rights(_metadata, s));
	EXPECT_EQ(ZX_OBJ_TYPE_STREAM, zxt_basic(_metadata, s).type);
	info = stream_info(_metadata, s);
	EXPECT_EQ(RW, info.options);
	EXPECT_EQ(7u, info.seek);
	EXPECT_EQ(100u, info.content_size);
	EXPECT_ZX_OK(zx_handle_close(s));

	s = stream_new(_metadata, ZX_STREAM_MODE_READ, ro, 0);
	EXPECT_EQ(ZX_DEFAULT_STREAM_RIGHTS | ZX_RIGHT_READ,
		  zxt_rights(_metadata, s));
	EXPECT_ZX_OK(zx_handle_close(s));
	s = stream_new(_metadata, ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND,
		       wo, 0);
	EXPECT_EQ(ZX_DEFAULT_STREAM_RIGHTS | ZX_RIGHT_WRITE,
		  zxt_rights(_metadata, s));
	EXPECT_EQ(ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND,
		  stream_info(_metadata, s).options);
	EXPECT_ZX_OK(zx_handle_close(s));
	/* No mode: a stream that can only be inspected. */
	s = stream_new(_metadata, 0, vmo, 0);
	EXPECT_EQ(ZX_DEFAULT_STREAM_RIGHTS, zxt_rights(_metadata, s));
	EXPECT_ZX_OK(zx_handle_close(s));

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_stream_create(ZX_STREAM_MODE_READ, wo, 0, &out));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_stream_create(ZX_STREAM_MODE_WRITE, ro, 0, &out));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_stream_create(RW, ro, 0, &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_create(1u << 3, vmo, 0, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_stream_create(RW, ZXT_BOGUS_HANDLE, 0, &out));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_stream_create(RW, ev, 0, &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_create(RW, vmo, 0, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_create(RW, vmo, 0, ZXT_BAD_PTR));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	/* The stream keeps its VMO alive. */
	s = stream_new(_metadata, RW, vmo, 0);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	EXPECT_EQ(1u, write_at(_metadata, s, 0, 'x', 1));

	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(ev));
	ASSERT_LIVE_EQ(base);
}

/* ---- reading ------------------------------------------------------------ */

TEST(readv_reads_up_to_content_size_and_advances_seek)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 3 * PG, 0);
	char data[64], a[10], b[30];
	zx_iovec_t v[2] = {
		{ .buffer = a, .capacity = sizeof(a) },
		{ .buffer = b, .capacity = sizeof(b) },
	};
	size_t actual = 0;
	zx_handle_t s;
	int i;

	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)i;
	ASSERT_ZX_OK(zx_vmo_write(vmo, data, 0, sizeof(data)));
	set_content_size(_metadata, vmo, 25);
	s = stream_new(_metadata, ZX_STREAM_MODE_READ, vmo, 0);

	ASSERT_ZX_OK(zx_stream_readv(s, 0, v, 2, &actual));
	EXPECT_EQ(25u, actual);
	EXPECT_EQ(0, memcmp(a, data, 10));
	EXPECT_EQ(0, memcmp(b, data + 10, 15));
	EXPECT_EQ(25u, seek_of(_metadata, s));
	/* At the end: nothing more, and no error. */
	actual = 99;
	ASSERT_ZX_OK(zx_stream_readv(s, 0, v, 2, &actual));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(25u, seek_of(_metadata, s));

	/* More content becomes readable from where the seek offset is. */
	set_content_size(_metadata, vmo, 40);
	ASSERT_ZX_OK(zx_stream_readv(s, 0, v, 1, &actual));
	EXPECT_EQ(10u, actual);
	EXPECT_EQ(0, memcmp(a, data + 25, 10));
	EXPECT_EQ(35u, seek_of(_metadata, s));

	/* Far past the end reads nothing. */
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, 1 << 30,
				    NULL));
	ASSERT_ZX_OK(zx_stream_readv(s, 0, v, 2, &actual));
	EXPECT_EQ(0u, actual);
	/* Zero capacity and a NULL actual are fine. */
	v[0].capacity = 0;
	ASSERT_ZX_OK(zx_stream_readv(s, 0, v, 1, NULL));

	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(readv_at_reads_at_offset_without_moving_seek)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0);
	char *data = malloc(2 * PG), *got = malloc(2 * PG);
	zx_iovec_t v = { .buffer = got, .capacity = 2 * PG };
	size_t actual = 0;
	zx_handle_t s;
	uint64_t i;

	ASSERT_NE(NULL, data);
	ASSERT_NE(NULL, got);
	for (i = 0; i < 2 * PG; i++)
		data[i] = (char)(i * 7 + 3);
	ASSERT_ZX_OK(zx_vmo_write(vmo, data, 0, 2 * PG));
	s = stream_new(_metadata, ZX_STREAM_MODE_READ, vmo, 5);

	/* Across the page boundary. */
	ASSERT_ZX_OK(zx_stream_readv_at(s, 0, PG - 100, &v, 1, &actual));
	EXPECT_EQ(PG + 100, actual);
	EXPECT_EQ(0, memcmp(got, data + PG - 100, PG + 100));
	EXPECT_EQ(5u, seek_of(_metadata, s));
	ASSERT_ZX_OK(zx_stream_readv_at(s, 0, 2 * PG, &v, 1, &actual));
	EXPECT_EQ(0u, actual);
	ASSERT_ZX_OK(zx_stream_readv_at(s, 0, UINT64_MAX, &v, 1, &actual));
	EXPECT_EQ(0u, actual);

	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	free(data);
	free(got);
	ASSERT_LIVE_EQ(base);
}

/* ---- writing ------------------------------------------------------------ */

TEST(writev_writes_advances_seek_and_grows_content_with_zeros)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 2 * PG, 0);
	char buf[32], got[64];
	zx_iovec_t v[2] = {
		{ .buffer = "hello ", .capacity = 6 },
		{ .buffer = "world", .capacity = 5 },
	};
	size_t actual = 0;
	zx_handle_t s;

	set_content_size(_metadata, vmo, 0);
	s = stream_new(_metadata, RW, vmo, 0);
	ASSERT_ZX_OK(zx_stream_writev(s, 0, v, 2, &actual));
	EXPECT_EQ(11u, actual);
	EXPECT_EQ(11u, seek_of(_metadata, s));
	EXPECT_EQ(11u, content_size(_metadata, vmo));
	ASSERT_ZX_OK(zx_vmo_read(vmo, buf, 0, 11));
	EXPECT_EQ(0, memcmp(buf, "hello world", 11));

	/* Overwriting inside the content leaves its size alone. */
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, 0, NULL));
	ASSERT_ZX_OK(zx_stream_writev(s, 0, v + 1, 1, &actual));
	EXPECT_EQ(5u, actual);
	EXPECT_EQ(11u, content_size(_metadata, vmo));

	/*
	 * Shrink the content (the old bytes stay in the VMO), then write
	 * past the end: the gap reads back as zeros.
	 */
	set_content_size(_metadata, vmo, 3);
	EXPECT_EQ(4u, write_at(_metadata, s, 20, 'z', 4));
	EXPECT_EQ(24u, content_size(_metadata, vmo));
	memset(got, 0x55, sizeof(got));
	ASSERT_ZX_OK(zx_vmo_read(vmo, got, 0, 24));
	EXPECT_EQ(0, memcmp(got, "wor", 3));
	for (int i = 3; i < 20; i++)
		EXPECT_EQ(0, got[i]);
	EXPECT_EQ(0, memcmp(got + 20, "zzzz", 4));
	/* writev_at does not move the seek offset. */
	EXPECT_EQ(5u, seek_of(_metadata, s));

	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(writev_stops_at_the_end_of_a_fixed_size_vmo)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	char buf[100];
	zx_iovec_t v = { .buffer = buf, .capacity = sizeof(buf) };
	size_t actual = 0;
	zx_handle_t s;

	memset(buf, 'q', sizeof(buf));
	s = stream_new(_metadata, RW, vmo, PG - 40);
	/* Partly fits: the part that fits is written. */
	ASSERT_ZX_OK(zx_stream_writev(s, 0, &v, 1, &actual));
	EXPECT_EQ(40u, actual);
	EXPECT_EQ(PG, seek_of(_metadata, s));
	EXPECT_EQ(PG, content_size(_metadata, vmo));
	EXPECT_EQ(PG, vmo_size(_metadata, vmo));
	/* Nothing fits. */
	EXPECT_ZX(ZX_ERR_NO_SPACE, zx_stream_writev(s, 0, &v, 1, &actual));
	EXPECT_ZX(ZX_ERR_NO_SPACE,
		  zx_stream_writev_at(s, 0, 5 * PG, &v, 1, &actual));
	EXPECT_EQ(PG, seek_of(_metadata, s));
	/* Past every representable offset. */
	EXPECT_ZX(ZX_ERR_FILE_BIG,
		  zx_stream_writev_at(s, 0, UINT64_MAX - 10, &v, 1, &actual));

	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(writev_grows_resizable_vmo_only_with_resize_right)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 0, ZX_VMO_RESIZABLE);
	zx_handle_t nores = zxt_dup(_metadata, vmo,
				    ZX_DEFAULT_VMO_RIGHTS);
	zx_handle_t s, s2;
	char buf[3 * 4096];
	zx_iovec_t v = { .buffer = buf, .capacity = 100 };
	size_t actual = 0;

	s = stream_new(_metadata, RW, vmo, 0);
	EXPECT_EQ(PG + 10, write_at(_metadata, s, 0, 'a', PG + 10));
	EXPECT_EQ(2 * PG, vmo_size(_metadata, vmo));
	EXPECT_EQ(PG + 10, content_size(_metadata, vmo));
	/* Writing far out grows the VMO and zero-fills the gap. */
	EXPECT_EQ(1u, write_at(_metadata, s, 4 * PG, 'b', 1));
	EXPECT_EQ(5 * PG, vmo_size(_metadata, vmo));
	EXPECT_EQ(4 * PG + 1, content_size(_metadata, vmo));
	ASSERT_ZX_OK(zx_vmo_read(vmo, buf, PG, sizeof(buf)));
	EXPECT_EQ('a', buf[9]);
	EXPECT_EQ(0, buf[10]);
	EXPECT_EQ(0, buf[sizeof(buf) - 1]);
	/* Beyond the largest VMO: the request is out of range. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_stream_writev_at(s, 0, 1ull << 60, &v, 1, &actual));

	/* A stream made without ZX_RIGHT_RESIZE never grows the VMO. */
	s2 = stream_new(_metadata, RW, nores, 0);
	EXPECT_ZX(ZX_ERR_NO_SPACE,
		  zx_stream_writev_at(s2, 0, 5 * PG, &v, 1, &actual));
	ASSERT_ZX_OK(zx_stream_writev_at(s2, 0, 5 * PG - 10, &v, 1, &actual));
	EXPECT_EQ(10u, actual);
	EXPECT_EQ(5 * PG, vmo_size(_metadata, vmo));
	EXPECT_EQ(5 * PG, content_size(_metadata, vmo));

	EXPECT_ZX_OK(zx_handle_close(s2));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(nores));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- append --------------------------------------------------------------- */

TEST(append_mode_and_option_write_at_the_content_size)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, ZX_VMO_RESIZABLE);
	zx_iovec_t v = { .buffer = "abc", .capacity = 3 };
	zx_handle_t s, a;
	size_t actual = 0;
	uint8_t mode = 0xcc;
	char buf[16];

	set_content_size(_metadata, vmo, 5);
	s = stream_new(_metadata, RW, vmo, 0);
	ASSERT_ZX_OK(zx_object_get_property(s, ZX_PROP_STREAM_MODE_APPEND,
					    &mode, sizeof(mode)));
	EXPECT_EQ(0, mode);
	/* ZX_STREAM_APPEND for one call. */
	ASSERT_ZX_OK(zx_stream_writev(s, ZX_STREAM_APPEND, &v, 1, &actual));
	EXPECT_EQ(3u, actual);
	EXPECT_EQ(8u, content_size(_metadata, vmo));
	EXPECT_EQ(8u, seek_of(_metadata, s));
	/* Not for writev_at. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_writev_at(s, ZX_STREAM_APPEND, 0, &v, 1, &actual));

	/* Append mode through the property, and at creation. */
	mode = 1;
	ASSERT_ZX_OK(zx_object_set_property(s, ZX_PROP_STREAM_MODE_APPEND,
					    &mode, sizeof(mode)));
	EXPECT_EQ(RW | ZX_STREAM_MODE_APPEND,
		  stream_info(_metadata, s).options);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, 0, NULL));
	ASSERT_ZX_OK(zx_stream_writev(s, 0, &v, 1, &actual));
	EXPECT_EQ(11u, content_size(_metadata, vmo));
	EXPECT_EQ(11u, seek_of(_metadata, s));
	a = stream_new(_metadata, ZX_STREAM_MODE_WRITE | ZX_STREAM_MODE_APPEND,
		       vmo, 0);
	ASSERT_ZX_OK(zx_stream_writev(a, 0, &v, 1, &actual));
	EXPECT_EQ(14u, content_size(_metadata, vmo));
	ASSERT_ZX_OK(zx_vmo_read(vmo, buf, 5, 9));
	EXPECT_EQ(0, memcmp(buf, "abcabcabc", 9));
	/* Appends grow the VMO past its first page. */
	set_content_size(_metadata, vmo, PG - 1);
	ASSERT_ZX_OK(zx_stream_writev(a, 0, &v, 1, &actual));
	EXPECT_EQ(PG + 2, content_size(_metadata, vmo));
	EXPECT_EQ(2 * PG, vmo_size(_metadata, vmo));

	mode = 0;
	ASSERT_ZX_OK(zx_object_set_property(s, ZX_PROP_STREAM_MODE_APPEND,
					    &mode, sizeof(mode)));
	EXPECT_EQ(RW, stream_info(_metadata, s).options);
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_property(s, ZX_PROP_STREAM_MODE_APPEND,
					 &mode, 0));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_set_property(s, ZX_PROP_STREAM_MODE_APPEND,
					 &mode, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_property(s, ZX_PROP_STREAM_MODE_APPEND,
					 ZXT_BAD_PTR, 1));
	/* A VMO's property asked of a stream is the wrong type. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_property(s, ZX_PROP_VMO_CONTENT_SIZE, buf,
					 8));

	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

#define APPENDERS	4
#define APPENDS		200
#define RECORD		24

struct appender {
	zx_handle_t stream;
	char tag;
	zx_status_t status;
};

static void *appender_main(void *arg)
{
	struct appender *ap = arg;
	char rec[RECORD];
	zx_iovec_t v[2] = {
		{ .buffer = rec, .capacity = RECORD / 2 },
		{ .buffer = rec + RECORD / 2, .capacity = RECORD / 2 },
	};
	size_t actual;
	int i;

	memset(rec, ap->tag, sizeof(rec));
	for (i = 0; i < APPENDS; i++) {
		ap->status = zx_stream_writev(ap->stream, 0, v, 2, &actual);
		if (ap->status == ZX_OK && actual != RECORD)
			ap->status = ZX_ERR_INTERNAL;
		if (ap->status != ZX_OK)
			break;
	}
	return NULL;
}

TEST(concurrent_appends_never_overlap)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, 0, ZX_VMO_RESIZABLE);
	struct appender ap[APPENDERS];
	pthread_t t[APPENDERS];
	size_t total = APPENDERS * APPENDS * RECORD;
	char *all = malloc(total);
	int counts[APPENDERS] = { 0 };
	size_t i;
	int j;

	ASSERT_NE(NULL, all);
	for (j = 0; j < APPENDERS; j++) {
		ap[j].stream = stream_new(_metadata, ZX_STREAM_MODE_WRITE |
					  ZX_STREAM_MODE_APPEND, vmo, 0);
		ap[j].tag = (char)('A' + j);
		ap[j].status = ZX_OK;
		zxt_thread_start(_metadata, &t[j], appender_main, &ap[j]);
	}
	for (j = 0; j < APPENDERS; j++) {
		zxt_thread_join(_metadata, t[j]);
		EXPECT_ZX_OK(ap[j].status);
		EXPECT_ZX_OK(zx_handle_close(ap[j].stream));
	}
	ASSERT_EQ(total, content_size(_metadata, vmo));
	ASSERT_ZX_OK(zx_vmo_read(vmo, all, 0, total));
	/* Every record is whole: one writer's tag throughout. */
	for (i = 0; i < total; i += RECORD) {
		char tag = all[i];

		ASSERT_TRUE(tag >= 'A' && tag < 'A' + APPENDERS);
		for (j = 1; j < RECORD; j++)
			ASSERT_EQ(tag, all[i + j]);
		counts[tag - 'A']++;
	}
	for (j = 0; j < APPENDERS; j++)
		EXPECT_EQ(APPENDS, counts[j]);
	free(all);
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- seek ------------------------------------------------------------------ */

TEST(seek_origins_and_limits)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	zx_handle_t s, none, ro, wo;
	zx_off_t seek = 0;

	set_content_size(_metadata, vmo, 100);
	s = stream_new(_metadata, RW, vmo, 10);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, 42, &seek));
	EXPECT_EQ(42u, seek);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_CURRENT, -2,
				    &seek));
	EXPECT_EQ(40u, seek);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_CURRENT, 5,
				    &seek));
	EXPECT_EQ(45u, seek);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_END, -30, &seek));
	EXPECT_EQ(70u, seek);
	/* Past the end is allowed. */
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_END, 1000, &seek));
	EXPECT_EQ(1100u, seek);
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, INT64_MAX,
				    NULL));
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_CURRENT,
				    INT64_MAX, &seek));
	EXPECT_EQ(UINT64_MAX - 1, seek);

	/* Negative or unrepresentable results leave the offset alone. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_CURRENT, 2, &seek));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, -1, &seek));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_END, -101, &seek));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_END, INT64_MIN,
				 &seek));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_seek(s, 3, 0, &seek));
	EXPECT_EQ(UINT64_MAX - 1, seek_of(_metadata, s));
	ASSERT_ZX_OK(zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_END, -100, &seek));
	EXPECT_EQ(0u, seek);
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_seek(s, ZX_STREAM_SEEK_ORIGIN_START, 0,
				 ZXT_BAD_PTR));

	/* READ or WRITE suffices; neither is denied. */
	ro = zxt_dup(_metadata, s, ZX_RIGHT_READ);
	wo = zxt_dup(_metadata, s, ZX_RIGHT_WRITE);
	none = zxt_dup(_metadata, s, ZX_RIGHT_INSPECT);
	EXPECT_ZX_OK(zx_stream_seek(ro, ZX_STREAM_SEEK_ORIGIN_START, 1, NULL));
	EXPECT_ZX_OK(zx_stream_seek(wo, ZX_STREAM_SEEK_ORIGIN_START, 1, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_stream_seek(none, ZX_STREAM_SEEK_ORIGIN_START, 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_stream_seek(ZXT_BOGUS_HANDLE, 0, 0, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_stream_seek(vmo, 0, 0, NULL));

	EXPECT_ZX_OK(zx_handle_close(none));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

/* ---- errors ----------------------------------------------------------------- */

TEST(rw_errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	zx_handle_t s = stream_new(_metadata, RW, vmo, 0);
	zx_handle_t ro = zxt_dup(_metadata, s, ZX_RIGHT_READ);
	zx_handle_t wo = zxt_dup(_metadata, s, ZX_RIGHT_WRITE);
	zx_handle_t ev = zxt_event(_metadata);
	char buf[16] = "0123456789abcdef";
	zx_iovec_t v = { .buffer = buf, .capacity = sizeof(buf) };
	zx_iovec_t bad = { .buffer = ZXT_BAD_PTR, .capacity = 8 };
	zx_iovec_t big[2] = {
		{ .buffer = buf, .capacity = SIZE_MAX },
		{ .buffer = buf, .capacity = 2 },
	};
	zx_iovec_t partial[2] = {
		{ .buffer = buf, .capacity = 4 },
		{ .buffer = ZXT_BAD_PTR, .capacity = 8 },
	};
	size_t actual = 0;

	/* Options. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_readv(s, 1, &v, 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_readv_at(s, 1, 0, &v, 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_writev(s, 2, &v, 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_writev_at(s, 1, 0, &v, 1, &actual));
	/* Vectors: NULL, unmapped, overflowing capacity, bad buffer. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_stream_readv(s, 0, NULL, 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_writev(s, 0, NULL, 1, &actual));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_stream_readv(s, 0, ZXT_BAD_PTR, 1, &actual));
	EXPECT_ZX(ZX_ERR_NOT_FOUND,
		  zx_stream_writev_at(s, 0, 0, ZXT_BAD_PTR, 1, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_readv_at(s, 0, 0, big, 2, &actual));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_writev_at(s, 0, 0, big, 2, &actual));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_stream_readv_at(s, 0, 0, &bad, 1,
						       &actual));
	EXPECT_ZX(ZX_ERR_NOT_FOUND, zx_stream_writev(s, 0, &bad, 1, &actual));
	EXPECT_EQ(0u, seek_of(_metadata, s));
	/* Some bytes moved before the fault: success, with the count. */
	ASSERT_ZX_OK(zx_stream_writev(s, 0, partial, 2, &actual));
	EXPECT_EQ(4u, actual);
	EXPECT_EQ(4u, seek_of(_metadata, s));
	ASSERT_ZX_OK(zx_stream_readv_at(s, 0, 0, partial, 2, &actual));
	EXPECT_EQ(4u, actual);
	/* A bad actual pointer. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_readv_at(s, 0, 0, &v, 1, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_stream_writev_at(s, 0, 0, &v, 1, ZXT_BAD_PTR));

	/* Rights and handles. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_stream_readv(wo, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_stream_readv_at(wo, 0, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_stream_writev(ro, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_stream_writev_at(ro, 0, 0, &v, 1, NULL));
	EXPECT_ZX_OK(zx_stream_readv_at(ro, 0, 0, &v, 1, NULL));
	EXPECT_ZX_OK(zx_stream_writev_at(wo, 0, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_stream_readv(ZXT_BOGUS_HANDLE, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_stream_writev(ZXT_BOGUS_HANDLE, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_stream_readv(ev, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_stream_writev_at(vmo, 0, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(vmo, ZX_INFO_STREAM, buf, sizeof(buf),
				     NULL, NULL));

	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(wo));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(uncached_vmo_cannot_be_streamed)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	zx_handle_t s;
	char buf[8] = { 0 };
	zx_iovec_t v = { .buffer = buf, .capacity = sizeof(buf) };

	ASSERT_ZX_OK(zx_vmo_set_cache_policy(vmo, ZX_CACHE_POLICY_UNCACHED));
	s = stream_new(_metadata, RW, vmo, 0);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_stream_readv(s, 0, &v, 1, NULL));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_stream_writev(s, 0, &v, 1, NULL));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST(info_needs_inspect_and_follows_content_size)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t vmo = vmo_new(_metadata, PG, 0);
	zx_handle_t s = stream_new(_metadata, ZX_STREAM_MODE_READ, vmo, 3);
	zx_handle_t blind = zxt_dup(_metadata, s, ZX_RIGHT_READ);
	zx_info_stream_t info;

	set_content_size(_metadata, vmo, 77);
	info = stream_info(_metadata, s);
	EXPECT_EQ(ZX_STREAM_MODE_READ, info.options);
	EXPECT_EQ(3u, info.seek);
	EXPECT_EQ(77u, info.content_size);
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(blind, ZX_INFO_STREAM, &info,
				     sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(s, ZX_INFO_STREAM, &info,
				     sizeof(info) - 1, NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(blind));
	EXPECT_ZX_OK(zx_handle_close(s));
	EXPECT_ZX_OK(zx_handle_close(vmo));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * The debuglog: zx_debuglog_create(), zx_debuglog_write() and
 * zx_debuglog_read().  Records must reach the Linux kernel log, and readers
 * get them in Zircon's zx_log_record_t format.  Runs as root in the VM.
 */
#include <sys/stat.h>

#include <zircon/syscalls/log.h>
#include <zircon/syscalls/resource.h>

#include "zx_test.h"

/* The ring's size in records, as the README documents. */
#define DT_RING_RECORDS	512

union dt_record {
	zx_log_record_t rec;
	char bytes[ZX_LOG_RECORD_MAX];
};

/*
 * The root resource, taken once per process (each test is one) and kept
 * until it exits.
 */
static zx_handle_t dt_root(struct __test_metadata *_metadata)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	return root;
}

static zx_handle_t dt_log(struct __test_metadata *_metadata,
			  uint32_t options)
{
	zx_handle_t log = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_debuglog_create(dt_root(_metadata), options, &log));
	return log;
}

/* Reads records until one carries @text; fails after @max records. */
static bool dt_find(struct __test_metadata *_metadata, zx_handle_t reader,
		    const char *text, union dt_record *out)
{
	size_t len = strlen(text);
	zx_status_t st;

	for (;;) {
		st = zx_debuglog_read(reader, 0, out, sizeof(*out));
		if (st < 0) {
			EXPECT_ZX(ZX_ERR_SHOULD_WAIT, st);
			return false;
		}
		EXPECT_EQ((size_t)st, sizeof(out->rec) + out->rec.datalen);
		if (out->rec.datalen == len &&
		    !memcmp(out->rec.data, text, len))
			return true;
	}
}

static void dt_drain(zx_handle_t reader)
{
	union dt_record r;

	while (zx_debuglog_read(reader, 0, &r, sizeof(r)) >= 0)
		;
}

/* First, while the kernel log's rate limit has not been spent. */
TEST(records_reach_the_kernel_log)
{
	zx_handle_t log = dt_log(_metadata, 0);
	char text[64], line[1024];
	bool found = false;
	ssize_t n;
	int fd, tries;

	snprintf(text, sizeof(text), "kmsg-probe-%d-%llx", getpid(),
		 (unsigned long long)zxt_now());
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, lseek(fd, 0, SEEK_END));
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, text, strlen(text)));
	for (tries = 0; tries < 1000 && !found; tries++) {
		n = read(fd, line, sizeof(line) - 1);
		if (n < 0) {
			ASSERT_EQ(EAGAIN, errno);
			zxt_sleep_ms(5);
			continue;
		}
		line[n] = '\0';
		found = strstr(line, text) != NULL;
	}
	EXPECT_TRUE(found);
	close(fd);
	EXPECT_ZX_OK(zx_handle_close(log));
}

TEST(create_needs_the_root_or_debuglog_resource)
{
	zx_handle_t root = dt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev = zxt_event(_metadata), mmio, sys, info_rsrc;
	zx_handle_t log = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_MMIO, 0x40000000,
					0x1000, NULL, 0, &mmio));
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_DEBUGLOG_BASE, 1, NULL,
					0, &sys));
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_INFO_BASE, 1, NULL, 0,
					&info_rsrc));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_debuglog_create(ZXT_BOGUS_HANDLE, 0, &log));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_debuglog_create(ZX_HANDLE_INVALID, 0, &log));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_debuglog_create(ev, 0, &log));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_debuglog_create(mmio, 0, &log));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_debuglog_create(info_rsrc, 0, &log));
	EXPECT_EQ(ZX_HANDLE_INVALID, log);
	ASSERT_ZX_OK(zx_debuglog_create(sys, 0, &log));
	EXPECT_ZX_OK(zx_handle_close(log));
	ASSERT_ZX_OK(zx_debuglog_create(root, 0, &log));
	EXPECT_ZX_OK(zx_handle_close(log));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ ev, mmio, sys,
							   info_rsrc }, 4));
	ASSERT_LIVE_EQ(base);
}

TEST(create_options_and_rights)
{
	zx_handle_t root = dt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t log = ZX_HANDLE_INVALID;
	zx_info_handle_basic_t info;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_debuglog_create(root, 1, &log));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_create(root, ZX_LOG_FLAG_READABLE | 2, &log));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_create(root, 0, ZXT_BAD_PTR));
	EXPECT_EQ(ZX_HANDLE_INVALID, log);

	ASSERT_ZX_OK(zx_debuglog_create(root, 0, &log));
	info = zxt_basic(_metadata, log);
	EXPECT_EQ(ZX_OBJ_TYPE_DEBUGLOG, info.type);
	EXPECT_EQ(ZX_DEFAULT_LOG_RIGHTS, info.rights);
	EXPECT_EQ(ZX_RIGHT_WRITE, info.rights & ZX_RIGHT_WRITE);
	EXPECT_EQ(0u, info.rights & ZX_RIGHT_READ);
	EXPECT_ZX_OK(zx_handle_close(log));

	ASSERT_ZX_OK(zx_debuglog_create(root, ZX_LOG_FLAG_READABLE, &log));
	info = zxt_basic(_metadata, log);
	EXPECT_EQ(ZX_DEFAULT_LOG_RIGHTS | ZX_RIGHT_READ, info.rights);
	EXPECT_ZX_OK(zx_handle_close(log));
	ASSERT_LIVE_EQ(base);
}

TEST(a_reader_gets_the_record_in_zircon_format)
{
	zx_handle_t writer = dt_log(_metadata, 0);
	zx_handle_t reader = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	zx_koid_t pid = zxt_koid(_metadata, zx_process_self());
	zx_koid_t tid = zxt_koid(_metadata, zx_thread_self());
	union dt_record r;
	zx_time_t before, after;
	char text[64];

	dt_drain(reader);
	snprintf(text, sizeof(text), "format-probe %d", getpid());
	before = zx_clock_get_monotonic();
	ASSERT_ZX_OK(zx_debuglog_write(writer, 0, text, strlen(text)));
	after = zx_clock_get_monotonic();
	ASSERT_TRUE(dt_find(_metadata, reader, text, &r));
	EXPECT_EQ(ZX_LOG_INFO, r.rec.severity);
	EXPECT_EQ(0, r.rec.flags);
	EXPECT_EQ(pid, r.rec.pid);
	EXPECT_EQ(tid, r.rec.tid);
	EXPECT_LE(before, r.rec.timestamp);
	EXPECT_GE(after, r.rec.timestamp);
	EXPECT_ZX_OK(zx_handle_close(writer));
	EXPECT_ZX_OK(zx_handle_close(reader));
}

TEST(sequence_numbers_increase_by_one)
{
	zx_handle_t log = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	union dt_record r;
	uint64_t first;
	int i;

	dt_drain(log);
	for (i = 0; i < 5; i++)
		ASSERT_ZX_OK(zx_debuglog_write(log, 0, "seq", 3));
	ASSERT_TRUE(dt_find(_metadata, log, "seq", &r));
	first = r.rec.sequence;
	for (i = 1; i < 5; i++) {
		ASSERT_TRUE(dt_find(_metadata, log, "seq", &r));
		EXPECT_EQ(first + i, r.rec.sequence);
	}
	EXPECT_ZX_OK(zx_handle_close(log));
}

TEST(readable_signal_follows_unread_records)
{
	zx_handle_t log = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	union dt_record r;
	zx_signals_t seen = 0;

	dt_drain(log);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, log) & ZX_LOG_READABLE);
	EXPECT_ZX(ZX_ERR_SHOULD_WAIT, zx_debuglog_read(log, 0, &r, sizeof(r)));
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, "sig", 3));
	ASSERT_ZX_OK(zx_object_wait_one(log, ZX_LOG_READABLE,
					ZX_TIME_INFINITE, &seen));
	EXPECT_SIGNALS(ZX_LOG_READABLE, seen & ZX_LOG_READABLE);
	dt_drain(log);
	EXPECT_SIGNALS(0, zxt_signals(_metadata, log) & ZX_LOG_READABLE);
	EXPECT_ZX_OK(zx_handle_close(log));
}

TEST(a_new_reader_sees_records_written_before_it)
{
	zx_handle_t writer = dt_log(_metadata, 0), reader;
	union dt_record r;
	char text[64];

	snprintf(text, sizeof(text), "before-reader %d", getpid());
	ASSERT_ZX_OK(zx_debuglog_write(writer, 0, text, strlen(text)));
	reader = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	EXPECT_SIGNALS(ZX_LOG_READABLE,
		       zxt_signals(_metadata, reader) & ZX_LOG_READABLE);
	EXPECT_TRUE(dt_find(_metadata, reader, text, &r));
	EXPECT_ZX_OK(zx_handle_close(writer));
	EXPECT_ZX_OK(zx_handle_close(reader));
}

TEST(long_writes_and_short_reads_truncate)
{
	zx_handle_t log = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	size_t data_max = ZX_LOG_RECORD_MAX - sizeof(zx_log_record_t);
	char big[1000];
	union dt_record r;
	zx_status_t st;

	dt_drain(log);
	memset(big, 'x', sizeof(big));
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, big, sizeof(big)));
	st = zx_debuglog_read(log, 0, &r, sizeof(r));
	ASSERT_EQ((zx_status_t)ZX_LOG_RECORD_MAX, st);
	EXPECT_EQ(data_max, r.rec.datalen);
	EXPECT_EQ(0, memcmp(r.rec.data, big, data_max));

	/* A short buffer gets the record's first bytes; the rest is lost. */
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, "truncated", 9));
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, "next", 4));
	memset(&r, 0, sizeof(r));
	st = zx_debuglog_read(log, 0, &r, sizeof(r.rec) + 3);
	ASSERT_EQ((zx_status_t)(sizeof(r.rec) + 3), st);
	EXPECT_EQ(9, r.rec.datalen);
	EXPECT_EQ(0, memcmp(r.rec.data, "tru\0", 4));
	ASSERT_TRUE(dt_find(_metadata, log, "next", &r));
	/* An empty write is a record too. */
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, NULL, 0));
	st = zx_debuglog_read(log, 0, &r, sizeof(r));
	EXPECT_EQ((zx_status_t)sizeof(r.rec), st);
	EXPECT_EQ(0, r.rec.datalen);
	EXPECT_ZX_OK(zx_handle_close(log));
}

TEST(a_slow_reader_skips_to_the_oldest_kept_record)
{
	zx_handle_t log = dt_log(_metadata, ZX_LOG_FLAG_READABLE);
	union dt_record r;
	uint64_t last;
	int i;

	dt_drain(log);
	ASSERT_ZX_OK(zx_debuglog_write(log, 0, "mark", 4));
	ASSERT_TRUE(dt_find(_metadata, log, "mark", &r));
	last = r.rec.sequence;
	for (i = 0; i < DT_RING_RECORDS + 100; i++)
		ASSERT_ZX_OK(zx_debuglog_write(log, 0, "flood", 5));
	ASSERT_LE(0, zx_debuglog_read(log, 0, &r, sizeof(r)));
	/* The jump says how many records this reader lost. */
	EXPECT_LE(last + 101, r.rec.sequence);
	dt_drain(log);
	EXPECT_ZX_OK(zx_handle_close(log));
}

TEST(read_and_write_errors)
{
	zx_handle_t root = dt_root(_metadata);
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t wo, rw, ro, ev;
	union dt_record r;

	ASSERT_ZX_OK(zx_debuglog_create(root, 0, &wo));
	ASSERT_ZX_OK(zx_debuglog_create(root, ZX_LOG_FLAG_READABLE, &rw));
	ro = zxt_dup(_metadata, rw, ZX_RIGHT_READ | ZX_RIGHT_WAIT);
	ev = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_debuglog_write(ZXT_BOGUS_HANDLE, 0, "x", 1));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_debuglog_read(ZXT_BOGUS_HANDLE, 0, &r, sizeof(r)));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_debuglog_write(ev, 0, "x", 1));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_debuglog_read(ev, 0, &r, sizeof(r)));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_debuglog_write(ro, 0, "x", 1));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_debuglog_read(wo, 0, &r, sizeof(r)));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_debuglog_write(wo, 1, "x", 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_write(wo, ZX_LOG_LOCAL, "x", 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_write(wo, 0, ZXT_BAD_PTR, 8));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_read(rw, 1, &r, sizeof(r)));
	/* A faulting buffer keeps the record for the next read. */
	dt_drain(rw);
	ASSERT_ZX_OK(zx_debuglog_write(wo, 0, "kept", 4));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_debuglog_read(rw, 0, ZXT_BAD_PTR, sizeof(r)));
	EXPECT_TRUE(dt_find(_metadata, rw, "kept", &r));

	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ wo, rw, ro, ev },
					  4));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

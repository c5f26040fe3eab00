// SPDX-License-Identifier: GPL-2.0
/* zx_object_get_info(): the topics every object answers and the task ones. */
#include "zx_test.h"

/* ---- ZX_INFO_HANDLE_VALID ------------------------------------------------------ */

TEST(handle_valid_with_null_buffer)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_VALID, NULL, 0,
					NULL, NULL));
	EXPECT_ZX_OK(zxt_valid(zx_process_self()));
	EXPECT_ZX_OK(zxt_valid(zx_job_default()));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(h, ZX_INFO_HANDLE_VALID, NULL, 0,
				     NULL, NULL));
}

TEST(handle_valid_needs_no_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t none = zxt_dup(_metadata, h, ZX_RIGHT_NONE);

	EXPECT_ZX_OK(zxt_valid(none));
	EXPECT_ZX_OK(zx_handle_close(none));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(handle_valid_bad_handle)
{
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ZXT_BOGUS_HANDLE));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(ZX_HANDLE_INVALID));
}

TEST(handle_valid_releases_the_object)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	int i;

	for (i = 0; i < 10; i++)
		ASSERT_ZX_OK(zxt_valid(h));
	ASSERT_ZX_OK(zx_handle_close(h));
	/* The event dies with its last handle. */
	ASSERT_LIVE_EQ(base);
}

/* ---- ZX_INFO_HANDLE_BASIC ----------------------------------------------------- */

TEST(handle_basic_of_an_event)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_basic_t info;
	size_t actual = 99, avail = 99;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), &actual, &avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_LE(ZX_KOID_FIRST, info.koid);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, info.rights);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_EQ(ZX_KOID_INVALID, info.related_koid);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(handle_basic_koids_are_unique_per_object)
{
	enum { N = 16 };
	zx_handle_t h[N], a, b;
	zx_koid_t koid[N + 2];
	int i, j, repeats = 0;

	for (i = 0; i < N; i++) {
		h[i] = zxt_event(_metadata);
		koid[i] = zxt_koid(_metadata, h[i]);
	}
	zxt_eventpair(_metadata, &a, &b);
	koid[N] = zxt_koid(_metadata, a);
	koid[N + 1] = zxt_koid(_metadata, b);
	for (i = 0; i < N + 2; i++) {
		ASSERT_LE(ZX_KOID_FIRST, koid[i]);
		for (j = 0; j < i; j++)
			if (koid[j] == koid[i])
				repeats++;
	}
	EXPECT_EQ(0, repeats);
	EXPECT_NE(zxt_koid(_metadata, zx_process_self()), koid[0]);
	EXPECT_NE(zxt_koid(_metadata, zx_job_default()), koid[0]);
	EXPECT_NE(zxt_koid(_metadata, zx_process_self()),
		  zxt_koid(_metadata, zx_job_default()));
	EXPECT_ZX_OK(zx_handle_close_many(h, N));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(handle_basic_koid_is_shared_by_duplicates)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_WAIT);
	zx_info_handle_basic_t orig = zxt_basic(_metadata, h);
	zx_info_handle_basic_t copy = zxt_basic(_metadata, dup);

	EXPECT_EQ(orig.koid, copy.koid);
	EXPECT_EQ(orig.type, copy.type);
	EXPECT_EQ(orig.related_koid, copy.related_koid);
	/* Rights belong to the handle, not the object. */
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, orig.rights);
	EXPECT_EQ(ZX_RIGHT_WAIT, copy.rights);
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(dup));
}

TEST(handle_basic_needs_no_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t none = zxt_dup(_metadata, h, ZX_RIGHT_NONE);
	zx_info_handle_basic_t info = zxt_basic(_metadata, none);

	EXPECT_EQ(ZX_RIGHT_NONE, info.rights);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_EQ(zxt_koid(_metadata, h), info.koid);
	EXPECT_ZX_OK(zx_handle_close(none));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(handle_basic_of_an_eventpair)
{
	zx_handle_t a, b;
	zx_info_handle_basic_t ia, ib;

	zxt_eventpair(_metadata, &a, &b);
	ia = zxt_basic(_metadata, a);
	ib = zxt_basic(_metadata, b);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENTPAIR, ia.type);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENTPAIR, ib.type);
	EXPECT_EQ(ZX_DEFAULT_EVENTPAIR_RIGHTS, ia.rights);
	EXPECT_EQ(ZX_DEFAULT_EVENTPAIR_RIGHTS, ib.rights);
	EXPECT_NE(ia.koid, ib.koid);
	EXPECT_EQ(ib.koid, ia.related_koid);
	EXPECT_EQ(ia.koid, ib.related_koid);
	EXPECT_ZX_OK(zx_handle_close(a));
	/* The survivor still names its (dead) peer. */
	EXPECT_EQ(ia.koid, zxt_basic(_metadata, b).related_koid);
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(handle_basic_of_the_process_and_job)
{
	zx_info_handle_basic_t proc = zxt_basic(_metadata, zx_process_self());
	zx_info_handle_basic_t job = zxt_basic(_metadata, zx_job_default());

	EXPECT_EQ(ZX_OBJ_TYPE_PROCESS, proc.type);
	EXPECT_EQ(ZX_DEFAULT_PROCESS_RIGHTS, proc.rights);
	EXPECT_LE(ZX_KOID_FIRST, proc.koid);
	EXPECT_EQ(ZX_OBJ_TYPE_JOB, job.type);
	EXPECT_EQ(ZX_DEFAULT_JOB_RIGHTS, job.rights);
	EXPECT_LE(ZX_KOID_FIRST, job.koid);
	/*
	 * A process's related koid is its job's; the root job has none (an
	 * unprivileged process's job is a child of it).
	 */
	EXPECT_EQ(job.koid, proc.related_koid);
	if (geteuid() == 0)
		EXPECT_EQ(ZX_KOID_INVALID, job.related_koid);
}

/* ---- buffers, actual and avail ------------------------------------------------ */

TEST(buffer_too_small)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_basic_t info;
	size_t actual = 99, avail = 99;

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
				     sizeof(info) - 1, &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);

	actual = 99;
	avail = 99;
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, NULL, 0,
				     &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, NULL, 0,
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(larger_buffer_is_fine)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_basic_t info[2];
	size_t actual = 99, avail = 99;

	memset(info, 0, sizeof(info));
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, info,
					sizeof(info), &actual, &avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info[0].type);
	EXPECT_EQ(0u, info[1].koid);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(actual_and_avail_are_optional)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_basic_t info;
	size_t count = 99;

	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), NULL, NULL));
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), &count, NULL));
	EXPECT_EQ(1u, count);
	count = 99;
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
					sizeof(info), NULL, &count));
	EXPECT_EQ(1u, count);
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(bad_buffer_pointer)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_count_t count;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, ZXT_BAD_PTR,
				     sizeof(zx_info_handle_basic_t), NULL,
				     NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, NULL,
				     sizeof(zx_info_handle_basic_t), NULL,
				     NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, ZXT_BAD_PTR,
				     sizeof(count), NULL, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS,
				     ZXT_BAD_PTR, sizeof(zx_info_process_t),
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(bad_actual_or_avail_pointer)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_basic_t info;
	size_t n;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
				     sizeof(info), ZXT_BAD_PTR, &n));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
				     sizeof(info), &n, ZXT_BAD_PTR));
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* ---- ZX_INFO_HANDLE_COUNT ----------------------------------------------------- */

TEST(handle_count_follows_duplicates_and_closes)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t d1, d2;
	zx_info_handle_count_t info = { .handle_count = 0xdead };
	size_t actual = 99, avail = 99;

	ASSERT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, &info,
					sizeof(info), &actual, &avail));
	EXPECT_EQ(1u, info.handle_count);
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	d1 = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_EQ(2u, zxt_handle_count(_metadata, h));
	d2 = zxt_dup(_metadata, d1, ZX_RIGHT_WAIT);
	EXPECT_EQ(3u, zxt_handle_count(_metadata, h));
	EXPECT_EQ(3u, zxt_handle_count(_metadata, d1));
	EXPECT_ZX_OK(zx_handle_close(d2));
	EXPECT_EQ(2u, zxt_handle_count(_metadata, d1));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, d1));
	EXPECT_ZX_OK(zx_handle_close(d1));
}

TEST(handle_count_of_eventpair_ends_is_separate)
{
	zx_handle_t a, b, a2;

	zxt_eventpair(_metadata, &a, &b);
	a2 = zxt_dup(_metadata, a, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_EQ(2u, zxt_handle_count(_metadata, a));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(a2));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(handle_count_needs_inspect)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t blind = zxt_dup(_metadata, h,
				    ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_INSPECT);
	zx_info_handle_count_t info;

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(blind, ZX_INFO_HANDLE_COUNT, &info,
				     sizeof(info), NULL, NULL));
	/* HANDLE_BASIC and HANDLE_VALID need no rights. */
	EXPECT_ZX_OK(zxt_valid(blind));
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, zxt_basic(_metadata, blind).type);
	EXPECT_ZX_OK(zx_handle_close(blind));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(handle_count_buffer_too_small)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_info_handle_count_t info;
	size_t actual = 99, avail = 99;

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, &info,
				     sizeof(info) - 1, &actual, &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_ZX_OK(zx_handle_close(h));
}

/* ---- unknown and inapplicable topics ------------------------------------------ */

TEST(unknown_topic_is_not_supported)
{
	zx_handle_t h = zxt_event(_metadata);
	char buf[256];

	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(h, 0xdeadbeef, buf, sizeof(buf), NULL,
				     NULL));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(zx_process_self(), 0xdeadbeef, buf,
				     sizeof(buf), NULL, NULL));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(zx_job_default(), 0x7fff, buf,
				     sizeof(buf), NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(topic_for_another_type_is_wrong_type)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t a, b;
	zx_info_process_t proc;
	zx_info_job_t job;

	zxt_eventpair(_metadata, &a, &b);
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(h, ZX_INFO_PROCESS, &proc, sizeof(proc),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(h, ZX_INFO_JOB, &job, sizeof(job),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(a, ZX_INFO_PROCESS, &proc, sizeof(proc),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(zx_job_default(), ZX_INFO_PROCESS, &proc,
				     sizeof(proc), NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(zx_process_self(), ZX_INFO_JOB, &job,
				     sizeof(job), NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(a));
	EXPECT_ZX_OK(zx_handle_close(b));
}

TEST(bad_handle_is_reported_for_every_topic)
{
	zx_info_handle_basic_t info;

	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(ZXT_BOGUS_HANDLE, ZX_INFO_HANDLE_BASIC,
				     &info, sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(ZXT_BOGUS_HANDLE, ZX_INFO_HANDLE_COUNT,
				     &info, sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(ZXT_BOGUS_HANDLE, ZX_INFO_PROCESS,
				     &info, sizeof(info), NULL, NULL));
}

TEST(get_info_releases_the_object)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t blind = zxt_dup(_metadata, h, ZX_RIGHT_NONE);
	zx_info_handle_basic_t basic;
	zx_info_handle_count_t count;
	zx_info_process_t proc;

	/* Every outcome, successful or not, once each. */
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &basic,
					sizeof(basic), NULL, NULL));
	EXPECT_ZX_OK(zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, &count,
					sizeof(count), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, NULL, 0, NULL,
				     NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, ZXT_BAD_PTR,
				     sizeof(basic), NULL, NULL));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(blind, ZX_INFO_HANDLE_COUNT, &count,
				     sizeof(count), NULL, NULL));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_object_get_info(h, 0xdeadbeef, &basic, sizeof(basic),
				     NULL, NULL));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_object_get_info(h, ZX_INFO_PROCESS, &proc, sizeof(proc),
				     NULL, NULL));
	ASSERT_ZX_OK(zx_handle_close(blind));
	ASSERT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

/* ---- ZX_INFO_PROCESS and ZX_INFO_JOB ------------------------------------------- */

TEST(process_info_of_self)
{
	zx_info_process_t info;
	size_t actual = 99, avail = 99;
	zx_time_t now;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS,
					&info, sizeof(info), &actual,
					&avail));
	now = zx_clock_get_monotonic();
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_EQ(ZX_INFO_PROCESS_FLAG_STARTED,
		  info.flags & (ZX_INFO_PROCESS_FLAG_STARTED |
				ZX_INFO_PROCESS_FLAG_EXITED));
	EXPECT_EQ(0, info.return_code);
	EXPECT_LT(0, info.start_time);
	EXPECT_GE(now, info.start_time);
}

TEST(process_default_name_is_the_program_name_cut_to_15)
{
	const char *prog = program_invocation_short_name;
	char name[ZX_MAX_NAME_LEN];

	/* This program's name is longer than Linux keeps in comm. */
	if (strlen(prog) <= 15)
		SKIP(return, "program name \"%s\" is not long enough", prog);
	ASSERT_ZX_OK(zx_object_get_property(zx_process_self(), ZX_PROP_NAME,
					    name, sizeof(name)));
	EXPECT_EQ(15u, strlen(name));
	EXPECT_EQ(0, strncmp(prog, name, 15));
}

TEST(process_info_needs_inspect)
{
	zx_handle_t blind = zxt_dup(_metadata, zx_process_self(),
				    ZX_DEFAULT_PROCESS_RIGHTS &
				    ~ZX_RIGHT_INSPECT);
	zx_info_process_t info;

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(blind, ZX_INFO_PROCESS, &info,
				     sizeof(info), NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(blind));
}

TEST(process_info_buffer_too_small)
{
	zx_info_process_t info;
	size_t actual = 99, avail = 99;

	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS,
				     &info, sizeof(info) - 1, &actual,
				     &avail));
	EXPECT_EQ(0u, actual);
	EXPECT_EQ(1u, avail);
}

TEST(job_info_of_default_job)
{
	zx_info_job_t info;
	size_t actual = 99, avail = 99;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_ZX_OK(zx_object_get_info(zx_job_default(), ZX_INFO_JOB,
					&info, sizeof(info), &actual,
					&avail));
	EXPECT_EQ(1u, actual);
	EXPECT_EQ(1u, avail);
	EXPECT_FALSE(info.exited);
	EXPECT_EQ(0, info.return_code);
}

TEST(job_info_needs_inspect)
{
	zx_handle_t blind = zxt_dup(_metadata, zx_job_default(),
				    ZX_RIGHT_DUPLICATE | ZX_RIGHT_WAIT);
	zx_info_job_t info;

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_get_info(blind, ZX_INFO_JOB, &info, sizeof(info),
				     NULL, NULL));
	EXPECT_ZX_OK(zx_handle_close(blind));
}

TEST_HARNESS_MAIN

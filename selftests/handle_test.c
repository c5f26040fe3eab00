// SPDX-License-Identifier: GPL-2.0
/*
 * Handles: values, zx_handle_close(), zx_handle_close_many(),
 * zx_handle_duplicate() and zx_handle_replace().
 */
#include "zx_test.h"

static int cmp_handle(const void *a, const void *b)
{
	zx_handle_t x = *(const zx_handle_t *)a, y = *(const zx_handle_t *)b;

	return x < y ? -1 : x > y;
}

/* Every call that takes a handle rejects @h as not a handle. */
static void assert_bad_handle_everywhere(struct __test_metadata *_metadata,
					 zx_handle_t h)
{
	zx_info_handle_basic_t info;
	char name[ZX_MAX_NAME_LEN];
	zx_handle_t out = ZX_HANDLE_INVALID;
	zx_signals_t observed;
	zx_wait_item_t item = { .handle = h, .waitfor = ZX_USER_SIGNAL_0 };

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info,
				     sizeof(info), NULL, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_get_property(h, ZX_PROP_NAME, name, sizeof(name)));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_signal_peer(h, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_object_wait_one(h, ZX_USER_SIGNAL_0, 0, &observed));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_object_wait_many(&item, 1, 0));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(h));
}

/* ---- values ------------------------------------------------------------------ */

TEST(values_are_nonzero_with_fixed_bits_set)
{
	zx_handle_t a, b, h[8];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(h); i++) {
		h[i] = zxt_event(_metadata);
		EXPECT_EQ(ZX_HANDLE_FIXED_BITS_MASK,
			  h[i] & ZX_HANDLE_FIXED_BITS_MASK);
	}
	zxt_eventpair(_metadata, &a, &b);
	EXPECT_EQ(ZX_HANDLE_FIXED_BITS_MASK, a & ZX_HANDLE_FIXED_BITS_MASK);
	EXPECT_EQ(ZX_HANDLE_FIXED_BITS_MASK, b & ZX_HANDLE_FIXED_BITS_MASK);
	EXPECT_NE(a, b);
	EXPECT_EQ(ZX_HANDLE_FIXED_BITS_MASK,
		  zx_process_self() & ZX_HANDLE_FIXED_BITS_MASK);
	EXPECT_EQ(ZX_HANDLE_FIXED_BITS_MASK,
		  zx_job_default() & ZX_HANDLE_FIXED_BITS_MASK);
	ASSERT_ZX_OK(zx_handle_close_many(h, ARRAY_SIZE(h)));
	ASSERT_ZX_OK(zx_handle_close(a));
	ASSERT_ZX_OK(zx_handle_close(b));
}

TEST(closed_value_is_not_reused)
{
	zx_handle_t first, second;

	first = zxt_event(_metadata);
	ASSERT_ZX_OK(zx_handle_close(first));
	second = zxt_event(_metadata);
	EXPECT_NE(first, second);
	assert_bad_handle_everywhere(_metadata, first);
	/* The new handle is unaffected by all that. */
	EXPECT_ZX_OK(zxt_valid(second));
	EXPECT_ZX_OK(zx_handle_close(second));
}

TEST(values_stay_unique_over_1000_create_close_cycles)
{
	enum { N = 1000 };
	zx_handle_t *seen = calloc(N, sizeof(*seen));
	int i, repeats = 0;

	ASSERT_NE(NULL, seen);
	for (i = 0; i < N; i++) {
		seen[i] = zxt_event(_metadata);
		ASSERT_ZX_OK(zx_handle_close(seen[i]));
	}
	qsort(seen, N, sizeof(*seen), cmp_handle);
	for (i = 1; i < N; i++)
		if (seen[i - 1] == seen[i])
			repeats++;
	EXPECT_EQ(0, repeats);
	free(seen);
}

TEST(bogus_value_is_bad_everywhere)
{
	assert_bad_handle_everywhere(_metadata, ZXT_BOGUS_HANDLE);
}

/* ---- zx_handle_close ---------------------------------------------------------- */

TEST(close_invalid_handle_is_ok)
{
	EXPECT_ZX_OK(zx_handle_close(ZX_HANDLE_INVALID));
}

TEST(close_bad_handle)
{
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(ZXT_BOGUS_HANDLE));
}

TEST(close_twice_fails_the_second_time)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(h));
}

TEST(close_releases_handle_and_object)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_handle_t h = zxt_event(_metadata);

	now = zxt_live_now();
	EXPECT_EQ(base.handles + 1, now.handles);
	EXPECT_EQ(base.objects + 1, now.objects);
	ASSERT_ZX_OK(zx_handle_close(h));
	now = zxt_live_now();
	EXPECT_EQ(base.handles, now.handles);
	EXPECT_EQ(base.objects, now.objects);
}

TEST(close_of_one_duplicate_keeps_the_other)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);

	ASSERT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_ZX_OK(zxt_valid(dup));
	EXPECT_ZX_OK(zx_object_signal(dup, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_handle_close(dup));
}

/* ---- zx_handle_close_many ----------------------------------------------------- */

TEST(close_many_zero_count_is_ok)
{
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX_OK(zx_handle_close_many(NULL, 0));
	EXPECT_ZX_OK(zx_handle_close_many(&h, 0));
	EXPECT_ZX_OK(zxt_valid(h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(close_many_closes_all)
{
	zx_handle_t h[3];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = zxt_event(_metadata);
	EXPECT_ZX_OK(zx_handle_close_many(h, ARRAY_SIZE(h)));
	for (i = 0; i < ARRAY_SIZE(h); i++)
		EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[i]));
}

TEST(close_many_accepts_invalid_entries)
{
	zx_handle_t h[5];

	h[0] = ZX_HANDLE_INVALID;
	h[1] = zxt_event(_metadata);
	h[2] = ZX_HANDLE_INVALID;
	h[3] = zxt_event(_metadata);
	h[4] = ZX_HANDLE_INVALID;
	EXPECT_ZX_OK(zx_handle_close_many(h, ARRAY_SIZE(h)));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[1]));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[3]));
}

TEST(close_many_with_bad_entries_still_closes_the_rest)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t stale = zxt_event(_metadata);
	zx_handle_t h[6];

	ASSERT_ZX_OK(zx_handle_close(stale));
	h[0] = ZXT_BOGUS_HANDLE;
	h[1] = zxt_event(_metadata);
	h[2] = stale;
	h[3] = zxt_event(_metadata);
	h[4] = ZX_HANDLE_INVALID;
	h[5] = zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close_many(h, ARRAY_SIZE(h)));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[1]));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[3]));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[5]));
	ASSERT_LIVE_EQ(base);
}

TEST(close_many_with_a_repeated_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t a = zxt_event(_metadata);
	zx_handle_t b = zxt_event(_metadata);
	zx_handle_t h[] = { a, b, a };

	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close_many(h, ARRAY_SIZE(h)));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(a));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(b));
	ASSERT_LIVE_EQ(base);
}

TEST(close_many_200_handles)
{
	enum { N = 200 };
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_handle_t h[N];
	int i;

	for (i = 0; i < N; i++)
		h[i] = zxt_event(_metadata);
	now = zxt_live_now();
	EXPECT_EQ(base.handles + N, now.handles);
	EXPECT_ZX_OK(zx_handle_close_many(h, N));
	for (i = 0; i < N; i++)
		ASSERT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[i]));
	ASSERT_LIVE_EQ(base);
}

TEST(close_many_200_with_bad_ones_past_the_first_64)
{
	enum { N = 200 };
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h[N];
	int i;

	for (i = 0; i < N; i++)
		h[i] = (i == 100 || i == 199) ? ZXT_BOGUS_HANDLE :
						zxt_event(_metadata);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close_many(h, N));
	for (i = 0; i < N; i++)
		ASSERT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h[i]));
	ASSERT_LIVE_EQ(base);
}

/* ---- zx_handle_duplicate ------------------------------------------------------ */

TEST(duplicate_same_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = ZX_HANDLE_INVALID;
	zx_info_handle_basic_t orig, copy;

	ASSERT_ZX_OK(zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS, &dup));
	EXPECT_NE(ZX_HANDLE_INVALID, dup);
	EXPECT_NE(h, dup);
	orig = zxt_basic(_metadata, h);
	copy = zxt_basic(_metadata, dup);
	EXPECT_EQ(orig.koid, copy.koid);
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, copy.rights);
	EXPECT_EQ(orig.rights, copy.rights);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, copy.type);
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(dup));
}

TEST(duplicate_with_a_subset_of_rights)
{
	const zx_rights_t subset = ZX_RIGHT_DUPLICATE | ZX_RIGHT_WAIT;
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, subset);
	zx_handle_t dup2;

	EXPECT_EQ(subset, zxt_rights(_metadata, dup));
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, zxt_rights(_metadata, h));
	/* SAME_RIGHTS from the reduced handle keeps the reduced set. */
	dup2 = zxt_dup(_metadata, dup, ZX_RIGHT_SAME_RIGHTS);
	EXPECT_EQ(subset, zxt_rights(_metadata, dup2));
	EXPECT_EQ(zxt_koid(_metadata, h), zxt_koid(_metadata, dup2));
	/* Rights once dropped cannot come back. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_duplicate(dup, subset | ZX_RIGHT_SIGNAL, &dup2));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(dup));
	EXPECT_ZX_OK(zx_handle_close(dup2));
}

TEST(duplicate_with_no_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_NONE);
	zx_handle_t out = ZX_HANDLE_INVALID;

	EXPECT_EQ(ZX_RIGHT_NONE, zxt_rights(_metadata, dup));
	EXPECT_EQ(zxt_koid(_metadata, h), zxt_koid(_metadata, dup));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(dup, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_handle_duplicate(dup, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_ZX_OK(zx_handle_close(dup));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(duplicate_needs_the_duplicate_right)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t nodup = zxt_dup(_metadata, h,
				    ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_DUPLICATE);
	zx_handle_t out = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_handle_duplicate(nodup, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_handle_duplicate(nodup, ZX_RIGHT_WAIT, &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	EXPECT_EQ(2u, zxt_handle_count(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(nodup));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(duplicate_rights_must_be_a_subset)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t out = ZX_HANDLE_INVALID;

	/* Events never carry WRITE or SIGNAL_PEER. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_duplicate(h, ZX_RIGHT_WRITE, &out));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_duplicate(h, ZX_DEFAULT_EVENT_RIGHTS |
					 ZX_RIGHT_SIGNAL_PEER, &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	EXPECT_EQ(1u, zxt_handle_count(_metadata, h));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(duplicate_bad_handle)
{
	zx_handle_t stale = zxt_event(_metadata);
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_close(stale));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_duplicate(ZXT_BOGUS_HANDLE, ZX_RIGHT_SAME_RIGHTS,
				      &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_duplicate(stale, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_duplicate(ZX_HANDLE_INVALID, ZX_RIGHT_SAME_RIGHTS,
				      &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
}

TEST(duplicate_bad_out_pointer_leaks_nothing)
{
	struct zxt_live base = zxt_settle(_metadata), now;
	zx_handle_t h = zxt_event(_metadata);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS, NULL));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, h));
	now = zxt_live_now();
	EXPECT_EQ(base.handles + 1, now.handles);
	EXPECT_EQ(base.objects + 1, now.objects);
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_LIVE_EQ(base);
}

TEST(duplicate_of_process_and_job)
{
	zx_handle_t proc = zxt_dup(_metadata, zx_process_self(),
				   ZX_RIGHT_SAME_RIGHTS);
	zx_handle_t job = zxt_dup(_metadata, zx_job_default(),
				  ZX_RIGHT_INSPECT);

	EXPECT_EQ(zxt_koid(_metadata, zx_process_self()),
		  zxt_koid(_metadata, proc));
	EXPECT_EQ(ZX_DEFAULT_PROCESS_RIGHTS, zxt_rights(_metadata, proc));
	EXPECT_EQ(zxt_koid(_metadata, zx_job_default()),
		  zxt_koid(_metadata, job));
	EXPECT_EQ(ZX_RIGHT_INSPECT, zxt_rights(_metadata, job));
	EXPECT_ZX_OK(zx_handle_close(proc));
	EXPECT_ZX_OK(zx_handle_close(job));
	/* The cached startup handles are untouched. */
	EXPECT_ZX_OK(zxt_valid(zx_process_self()));
	EXPECT_ZX_OK(zxt_valid(zx_job_default()));
}

/* ---- zx_handle_replace -------------------------------------------------------- */

TEST(replace_same_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_koid_t koid = zxt_koid(_metadata, h);
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_NE(ZX_HANDLE_INVALID, out);
	EXPECT_NE(h, out);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_EQ(koid, zxt_koid(_metadata, out));
	EXPECT_EQ(ZX_DEFAULT_EVENT_RIGHTS, zxt_rights(_metadata, out));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, out));
	EXPECT_ZX_OK(zx_handle_close(out));
}

TEST(replace_with_a_subset_of_rights)
{
	const zx_rights_t subset = ZX_RIGHT_WAIT | ZX_RIGHT_INSPECT;
	zx_handle_t h = zxt_event(_metadata);
	zx_koid_t koid = zxt_koid(_metadata, h);
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_replace(h, subset, &out));
	EXPECT_EQ(subset, zxt_rights(_metadata, out));
	EXPECT_EQ(koid, zxt_koid(_metadata, out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(out, 0, ZX_USER_SIGNAL_0));
	EXPECT_ZX_OK(zx_handle_close(out));
}

TEST(replace_needs_no_rights)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t none = zxt_dup(_metadata, h, ZX_RIGHT_NONE);
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_replace(none, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_NE(none, out);
	EXPECT_EQ(ZX_RIGHT_NONE, zxt_rights(_metadata, out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(none));
	ASSERT_ZX_OK(zx_handle_replace(out, ZX_RIGHT_NONE, &none));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(out));
	EXPECT_EQ(ZX_RIGHT_NONE, zxt_rights(_metadata, none));
	EXPECT_ZX_OK(zx_handle_close(none));
	EXPECT_ZX_OK(zx_handle_close(h));
}

TEST(replace_rights_not_a_subset_still_consumes_the_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t out = ZX_HANDLE_INVALID;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(h, ZX_RIGHT_WRITE, &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_handle_close(h));
	/* It was the only handle, so the event is gone too. */
	ASSERT_LIVE_EQ(base);
}

TEST(replace_failure_leaves_other_duplicates_alone)
{
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);
	zx_handle_t out = ZX_HANDLE_INVALID;

	EXPECT_EQ(2u, zxt_handle_count(_metadata, h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(h, ZX_RIGHT_SIGNAL_PEER, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_ZX_OK(zxt_valid(dup));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, dup));
	EXPECT_ZX_OK(zx_handle_close(dup));
}

TEST(replace_bad_handle)
{
	zx_handle_t stale = zxt_event(_metadata);
	zx_handle_t out = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_handle_close(stale));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_replace(ZXT_BOGUS_HANDLE, ZX_RIGHT_SAME_RIGHTS,
				    &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_replace(stale, ZX_RIGHT_SAME_RIGHTS, &out));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_handle_replace(ZX_HANDLE_INVALID, ZX_RIGHT_SAME_RIGHTS,
				    &out));
	EXPECT_EQ(ZX_HANDLE_INVALID, out);
}

TEST(replace_bad_out_pointer_consumes_the_handle)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = zxt_event(_metadata);
	zx_handle_t dup = zxt_dup(_metadata, h, ZX_RIGHT_SAME_RIGHTS);

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS, ZXT_BAD_PTR));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(h));
	EXPECT_EQ(1u, zxt_handle_count(_metadata, dup));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_handle_replace(dup, ZX_RIGHT_SAME_RIGHTS, NULL));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(dup));
	ASSERT_LIVE_EQ(base);
}

TEST(replace_last_eventpair_handle_does_not_close_the_peer)
{
	zx_handle_t a, b, a2 = ZX_HANDLE_INVALID;

	zxt_eventpair(_metadata, &a, &b);
	ASSERT_ZX_OK(zx_handle_replace(a, ZX_RIGHT_SAME_RIGHTS, &a2));
	EXPECT_SIGNALS(0, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_object_signal_peer(b, 0, ZX_USER_SIGNAL_1));
	EXPECT_SIGNALS(ZX_USER_SIGNAL_1, zxt_signals(_metadata, a2));
	EXPECT_ZX_OK(zx_handle_close(a2));
	EXPECT_SIGNALS(ZX_EVENTPAIR_PEER_CLOSED, zxt_signals(_metadata, b));
	EXPECT_ZX_OK(zx_handle_close(b));
}

/* ---- threads share the process's table ----------------------------------------- */

struct thread_handles {
	zx_handle_t made;		/* by the thread */
	zx_handle_t given;		/* by the test, closed by the thread */
	zx_status_t create_status;
	zx_status_t close_status;
};

static void *make_and_close(void *arg)
{
	struct thread_handles *t = arg;

	t->create_status = zx_event_create(0, &t->made);
	t->close_status = zx_handle_close(t->given);
	return NULL;
}

TEST(handles_are_shared_by_all_threads)
{
	struct thread_handles t = { .made = ZX_HANDLE_INVALID };
	pthread_t thread;

	t.given = zxt_event(_metadata);
	zxt_thread_start(_metadata, &thread, make_and_close, &t);
	zxt_thread_join(_metadata, thread);
	ASSERT_ZX_OK(t.create_status);
	EXPECT_ZX_OK(t.close_status);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zxt_valid(t.given));
	/* The thread is gone; its handle lives on with the process. */
	EXPECT_ZX_OK(zxt_valid(t.made));
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, zxt_basic(_metadata, t.made).type);
	EXPECT_ZX_OK(zx_handle_close(t.made));
}

TEST_HARNESS_MAIN

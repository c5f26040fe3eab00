// SPDX-License-Identifier: GPL-2.0
/*
 * zx_system_get_event: the five memory pressure events, exactly one of
 * them signaled, following memory that a test process takes and gives
 * back; their rights; and every documented error.
 */
#include <sys/mman.h>

#include "zx_test.h"

static const uint32_t kinds[] = {
	ZX_SYSTEM_EVENT_MEMORY_PRESSURE_NORMAL,
	ZX_SYSTEM_EVENT_MEMORY_PRESSURE_WARNING,
	ZX_SYSTEM_EVENT_MEMORY_PRESSURE_CRITICAL,
	ZX_SYSTEM_EVENT_IMMINENT_OUT_OF_MEMORY,
	ZX_SYSTEM_EVENT_OUT_OF_MEMORY,
};

#define NKINDS	ARRAY_SIZE(kinds)

/* Which events are signaled now, one bit per kinds[] entry. */
static unsigned int signaled(const zx_handle_t *ev)
{
	unsigned int bits = 0;
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (zx_object_wait_one(ev[i], ZX_EVENT_SIGNALED, 0, NULL) ==
		    ZX_OK)
			bits |= 1u << i;
	return bits;
}

static zx_status_t get_all(zx_handle_t *ev)
{
	zx_status_t status = ZX_OK;
	size_t i;

	for (i = 0; i < NKINDS && status == ZX_OK; i++)
		status = zx_system_get_event(zx_job_default(), kinds[i],
					     &ev[i]);
	return status;
}

static void close_all(const zx_handle_t *ev)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		zx_handle_close(ev[i]);
}

TEST(normal_pressure_at_rest_and_only_that)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t ev[NKINDS], again;
	zx_info_handle_basic_t info;

	ASSERT_ZX_OK(get_all(ev));
	EXPECT_EQ(1u, signaled(ev));
	info = zxt_basic(_metadata, ev[0]);
	EXPECT_EQ(ZX_OBJ_TYPE_EVENT, info.type);
	EXPECT_EQ(ZX_DEFAULT_SYSTEM_EVENT_LOW_MEMORY_RIGHTS, info.rights);
	/* One object per kind, whoever asks. */
	ASSERT_ZX_OK(zx_system_get_event(zx_job_default(), kinds[0], &again));
	EXPECT_EQ(info.koid, zxt_basic(_metadata, again).koid);
	EXPECT_NE(info.koid, zxt_basic(_metadata, ev[1]).koid);
	EXPECT_ZX_OK(zx_handle_close(again));
	/* Only the kernel signals them. */
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_object_signal(ev[1], 0, ZX_EVENT_SIGNALED));
	close_all(ev);
	ASSERT_LIVE_EQ(base);
}

TEST(errors)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t h = ZX_HANDLE_INVALID, job, ev;

	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_event(zx_job_default(), 0, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_event(zx_job_default(), 6, &h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_event(zx_job_default(), ~0u, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_system_get_event(ZX_HANDLE_INVALID,
				      ZX_SYSTEM_EVENT_OUT_OF_MEMORY, &h));
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_system_get_event(ev, ZX_SYSTEM_EVENT_OUT_OF_MEMORY, &h));
	EXPECT_ZX_OK(zx_handle_close(ev));
	/* OUT_OF_MEMORY alone needs MANAGE_PROCESS on the root job. */
	ASSERT_ZX_OK(zx_handle_duplicate(zx_job_default(), ZX_RIGHT_INSPECT,
					 &job));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
		  zx_system_get_event(job, ZX_SYSTEM_EVENT_OUT_OF_MEMORY, &h));
	ASSERT_ZX_OK(zx_system_get_event(
		job, ZX_SYSTEM_EVENT_MEMORY_PRESSURE_WARNING, &h));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX_OK(zx_handle_close(job));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_event(zx_job_default(),
				      ZX_SYSTEM_EVENT_MEMORY_PRESSURE_NORMAL,
				      (zx_handle_t *)8));
	ASSERT_LIVE_EQ(base);
}

static long meminfo_kb(const char *field)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, strlen(field)))
			kb = strtol(line + strlen(field), NULL, 10);
	fclose(f);
	return kb;
}

/*
 * Waits up to 10 s for exactly one event to be signaled, and it one of
 * those in @allowed.
 */
static bool settles_at(const zx_handle_t *ev, unsigned int allowed)
{
	unsigned int now;
	int i;

	for (i = 0; i < 100; i++) {
		now = signaled(ev);
		if (now && !(now & (now - 1)) && (now & allowed))
			return true;
		zxt_sleep_ms(100);
	}
	return false;
}

/*
 * Takes memory until under 8 % of it is available (WARNING: 5 to 10 %;
 * CRITICAL is allowed too, as the rest of the system may take a little
 * more meanwhile), then gives it back.  In a child, so that its memory
 * goes with it.  Each step leaves about 7 %, so the last cannot reach
 * the OOM killer.
 */
static int take_and_give_back(void *arg)
{
	long total = meminfo_kb("MemTotal:"), avail;
	size_t sizes[8] = { 0 }, taken = 0;
	zx_handle_t ev[NKINDS];
	void *parts[8];
	int n, i;

	(void)arg;
	CHILD_CHECK(total > 0);
	CHILD_CHECK_ZX(ZX_OK, get_all(ev));
	CHILD_CHECK(settles_at(ev, 1u << 0));
	/* MemAvailable counts reclaimable memory too: take it in steps. */
	for (n = 0; n < 8; n++) {
		avail = meminfo_kb("MemAvailable:");
		CHILD_CHECK(avail > 0);
		if (avail * 100 < total * 8)
			break;
		sizes[n] = (size_t)(avail - total * 7 / 100) * 1024;
		parts[n] = mmap(NULL, sizes[n], PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
				-1, 0);
		CHILD_CHECK(parts[n] != MAP_FAILED);
		memset(parts[n], 1, sizes[n]);
		taken += sizes[n];
	}
	fprintf(stderr, "# took %zu MiB in %d steps: MemAvailable %ld of %ld kB\n",
		taken >> 20, n, meminfo_kb("MemAvailable:"), total);
	CHILD_CHECK(settles_at(ev, (1u << 1) | (1u << 2)));
	for (i = 0; i < n; i++)
		CHILD_CHECK(munmap(parts[i], sizes[i]) == 0);
	CHILD_CHECK(settles_at(ev, 1u << 0));
	close_all(ev);
	return 0;
}

TEST(levels_follow_available_memory)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(take_and_give_back, NULL));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

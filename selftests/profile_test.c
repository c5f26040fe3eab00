// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduler profiles: zx_profile_create's checks, and zx_object_set_profile
 * turning priorities into nice values, deadlines into SCHED_DEADLINE and
 * CPU masks into (narrower) affinity, with Linux's privilege rules; VMARs
 * take memory priorities; every documented error.
 */
#include <sys/resource.h>
#include <zircon/syscalls/profile.h>

#include <zircon/syscalls/resource.h>

#include "zx_test.h"

#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE	6
#endif

static zx_status_t make_priority(int32_t priority, zx_handle_t *out)
{
	zx_profile_info_t info = { .flags = ZX_PROFILE_INFO_FLAG_PRIORITY };

	info.priority = priority;
	return zx_profile_create(zx_job_default(), 0, &info, out);
}

static int nice_of(pid_t tid)
{
	errno = 0;
	return getpriority(PRIO_PROCESS, tid);
}

TEST(create_checks_its_info)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_profile_info_t info = { 0 };
	zx_handle_t h = ZX_HANDLE_INVALID, job, ev;
	zx_info_handle_basic_t basic;

	ASSERT_ZX_OK(make_priority(ZX_PRIORITY_HIGH, &h));
	basic = zxt_basic(_metadata, h);
	EXPECT_EQ(ZX_OBJ_TYPE_PROFILE, basic.type);
	EXPECT_EQ(ZX_DEFAULT_PROFILE_RIGHTS, basic.rights);
	EXPECT_ZX_OK(zx_handle_close(h));

#define EXPECT_INFO_INVALID(opts) \
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, \
		  zx_profile_create(zx_job_default(), opts, &info, &h))
	/* No discipline, mask or memory priority. */
	EXPECT_INFO_INVALID(0);
	info.flags = ZX_PROFILE_INFO_FLAG_NO_INHERIT;
	EXPECT_INFO_INVALID(0);
	info.flags = 1u << 5;
	EXPECT_INFO_INVALID(0);
	info.flags = ZX_PROFILE_INFO_FLAG_PRIORITY | ZX_PROFILE_INFO_FLAG_DEADLINE;
	EXPECT_INFO_INVALID(0);
	info.flags = ZX_PROFILE_INFO_FLAG_PRIORITY |
		     ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY;
	EXPECT_INFO_INVALID(0);
	info.flags = ZX_PROFILE_INFO_FLAG_PRIORITY;
	info.priority = ZX_PRIORITY_HIGHEST + 1;
	EXPECT_INFO_INVALID(0);
	info.priority = -1;
	EXPECT_INFO_INVALID(0);
	info.priority = ZX_PRIORITY_DEFAULT;
	EXPECT_INFO_INVALID(1);
	info.flags = ZX_PROFILE_INFO_FLAG_DEADLINE;
	info.deadline_params.capacity = ZX_MSEC(2);
	info.deadline_params.relative_deadline = ZX_MSEC(1);
	info.deadline_params.period = ZX_MSEC(10);
	EXPECT_INFO_INVALID(0);
	info.deadline_params.relative_deadline = ZX_MSEC(20);
	EXPECT_INFO_INVALID(0);
	info.deadline_params.capacity = 0;
	info.deadline_params.relative_deadline = ZX_MSEC(10);
	EXPECT_INFO_INVALID(0);
	info.deadline_params.capacity = ZX_MSEC(1);
	info.flags |= ZX_PROFILE_INFO_FLAG_NO_INHERIT;
	EXPECT_INFO_INVALID(0);
	info.flags = ZX_PROFILE_INFO_FLAG_DEADLINE;
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &info, &h));
	EXPECT_ZX_OK(zx_handle_close(h));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_profile_create(zx_job_default(), 0,
				    (zx_profile_info_t *)8, &h));

	/* The root job, with MANAGE_PROCESS. */
	ASSERT_ZX_OK(zx_handle_duplicate(zx_job_default(), ZX_RIGHT_INSPECT,
					 &job));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_profile_create(job, 0, &info, &h));
	EXPECT_ZX_OK(zx_handle_close(job));
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_profile_create(ev, 0, &info, &h));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_profile_create(ev, 0, &info, &h));
	ASSERT_LIVE_EQ(base);
}

/* Current Fuchsia passes the system resource for profiles instead. */
TEST(create_takes_the_profile_resource)
{
	zx_profile_info_t info = { .flags = ZX_PROFILE_INFO_FLAG_PRIORITY,
				   .priority = ZX_PRIORITY_DEFAULT };
	zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	zx_handle_t rsrc, other, h;

	if (root == ZX_HANDLE_INVALID)
		SKIP(return, "needs the root resource");
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_PROFILE_BASE, 1, NULL,
					0, &rsrc));
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_INFO_BASE, 1, NULL, 0,
					&other));
	ASSERT_ZX_OK(zx_profile_create(rsrc, 0, &info, &h));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_ZX_OK(zx_profile_create(root, 0, &info, &h));
	EXPECT_ZX_OK(zx_handle_close(h));
	/* Another system resource is the wrong type, before the info. */
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_profile_create(other, 0, (zx_profile_info_t *)8, &h));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ rsrc, other, root },
					  3));
}

TEST(priorities_become_nice_values)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t low, dflt, high;
	pid_t tid = zxt_gettid();

	ASSERT_ZX_OK(make_priority(ZX_PRIORITY_LOW, &low));
	ASSERT_ZX_OK(make_priority(ZX_PRIORITY_DEFAULT, &dflt));
	ASSERT_ZX_OK(make_priority(ZX_PRIORITY_HIGH, &high));
	ASSERT_ZX_OK(zx_object_set_profile(self, low, 0));
	EXPECT_EQ(10, nice_of(tid));
	/* Raising needs CAP_SYS_NICE, which the tests have (root). */
	ASSERT_ZX_OK(zx_object_set_profile(self, high, 0));
	EXPECT_EQ(-10, nice_of(tid));
	ASSERT_ZX_OK(zx_object_set_profile(self, dflt, 0));
	EXPECT_EQ(0, nice_of(tid));
	EXPECT_ZX_OK(zx_handle_close(low));
	EXPECT_ZX_OK(zx_handle_close(dflt));
	EXPECT_ZX_OK(zx_handle_close(high));
	ASSERT_LIVE_EQ(base);
}

/* Without CAP_SYS_NICE a thread may lower its priority, not raise it. */
static int unprivileged(void *arg)
{
	zx_handle_t low, high, self = zx_thread_self();

	(void)arg;
	CHILD_CHECK_ZX(ZX_OK, make_priority(ZX_PRIORITY_LOW, &low));
	CHILD_CHECK_ZX(ZX_OK, make_priority(ZX_PRIORITY_HIGH, &high));
	CHILD_CHECK(setgid(65534) == 0 && setuid(65534) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_object_set_profile(self, low, 0));
	CHILD_CHECK(nice_of(zxt_gettid()) == 10);
	CHILD_CHECK_ZX(ZX_ERR_ACCESS_DENIED,
		       zx_object_set_profile(self, high, 0));
	CHILD_CHECK(nice_of(zxt_gettid()) == 10);
	return 0;
}

TEST(raising_a_priority_needs_cap_sys_nice)
{
	struct zxt_live base = zxt_settle(_metadata);

	ASSERT_CHILD_OK(zxt_fork_run(unprivileged, NULL));
	ASSERT_LIVE_EQ(base);
}

TEST(cpu_masks_narrow_affinity)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_profile_info_t info = { .flags = ZX_PROFILE_INFO_FLAG_CPU_MASK };
	cpu_set_t before, after;
	zx_handle_t one, all;
	int cpu, first = -1;

	ASSERT_EQ(0, sched_getaffinity(0, sizeof(before), &before));
	for (cpu = 0; cpu < 64; cpu++) {
		if (CPU_ISSET(cpu, &before)) {
			info.cpu_affinity_mask.mask[0] |= 1ull << cpu;
			if (first < 0)
				first = cpu;
		}
	}
	ASSERT_LE(0, first);
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &info, &all));
	info.cpu_affinity_mask.mask[0] = 1ull << first;
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &info, &one));
	ASSERT_ZX_OK(zx_object_set_profile(self, one, 0));
	ASSERT_EQ(0, sched_getaffinity(0, sizeof(after), &after));
	EXPECT_EQ(1, CPU_COUNT(&after));
	EXPECT_TRUE(CPU_ISSET(first, &after));
	/* Cpusets are invisible to the module: no widening past the task's. */
	if (CPU_COUNT(&before) > 1)
		EXPECT_ZX(ZX_ERR_ACCESS_DENIED,
			  zx_object_set_profile(self, all, 0));
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(before), &before));
	ASSERT_ZX_OK(zx_object_set_profile(self, all, 0));
	EXPECT_ZX_OK(zx_handle_close(one));
	EXPECT_ZX_OK(zx_handle_close(all));
	ASSERT_LIVE_EQ(base);
}

struct dl_thread {
	zx_handle_t profile, self, dup;
	zx_status_t status;
	int policy_after;
};

static void *dl_main(void *arg)
{
	struct dl_thread *d = arg;

	d->self = zx_thread_self();
	/* Outlives the thread (libzx closes its own handle at exit). */
	zx_handle_duplicate(d->self, ZX_RIGHT_SAME_RIGHTS, &d->dup);
	d->status = zx_object_set_profile(d->self, d->profile, 0);
	d->policy_after = sched_getscheduler(0);
	return NULL;
}

TEST(deadlines_become_sched_deadline)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_profile_info_t info = { .flags = ZX_PROFILE_INFO_FLAG_DEADLINE };
	struct dl_thread d = { 0 };
	pthread_t t;

	info.deadline_params.capacity = ZX_MSEC(1);
	info.deadline_params.relative_deadline = ZX_MSEC(10);
	info.deadline_params.period = ZX_MSEC(10);
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &info,
				       &d.profile));
	zxt_thread_start(_metadata, &t, dl_main, &d);
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(d.status);
	EXPECT_EQ(SCHED_DEADLINE, d.policy_after);
	EXPECT_ZX_OK(zx_handle_close(d.dup));
	EXPECT_ZX_OK(zx_handle_close(d.profile));
	ASSERT_LIVE_EQ(base);
}

TEST(targets_rights_and_states)
{
	zx_handle_t self = zx_thread_self();
	struct zxt_live base = zxt_settle(_metadata);
	zx_profile_info_t mem = { .flags = ZX_PROFILE_INFO_FLAG_MEMORY_PRIORITY,
				  .priority = ZX_PRIORITY_HIGH };
	zx_handle_t prio, memprof, h, ev, vmar;
	struct dl_thread d = { 0 };
	zx_vaddr_t addr;
	pthread_t t;

	ASSERT_ZX_OK(make_priority(ZX_PRIORITY_DEFAULT, &prio));
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &mem, &memprof));
	/* The thread handle needs MANAGE_THREAD, the profile APPLY_PROFILE. */
	ASSERT_ZX_OK(zx_handle_duplicate(self, ZX_RIGHT_INSPECT, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(h, prio, 0));
	EXPECT_ZX_OK(zx_handle_close(h));
	ASSERT_ZX_OK(zx_handle_duplicate(prio, ZX_RIGHT_INSPECT, &h));
	EXPECT_ZX(ZX_ERR_ACCESS_DENIED, zx_object_set_profile(self, h, 0));
	EXPECT_ZX_OK(zx_handle_close(h));
	/* Targets: threads and VMARs only; profiles only as profiles. */
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_object_set_profile(ev, prio, 0));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_object_set_profile(self, ev, 0));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_object_set_profile(ev, prio, 0));
	/* A VMAR takes a memory priority, a thread does not. */
	ASSERT_ZX_OK(zx_vmar_allocate(zx_vmar_root_self(),
				      ZX_VM_CAN_MAP_READ, 0, 16 * 4096,
				      &vmar, &addr));
	EXPECT_ZX_OK(zx_object_set_profile(vmar, memprof, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_object_set_profile(vmar, prio, 0));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_object_set_profile(self, memprof, 0));
	EXPECT_ZX_OK(zx_vmar_destroy(vmar));
	EXPECT_ZX_OK(zx_handle_close(vmar));
	/* A dead thread takes nothing. */
	d.profile = ZX_HANDLE_INVALID;
	zxt_thread_start(_metadata, &t, dl_main, &d);
	zxt_thread_join(_metadata, t);
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_object_set_profile(d.dup, prio, 0));
	EXPECT_ZX_OK(zx_handle_close(d.dup));
	EXPECT_ZX_OK(zx_handle_close(prio));
	EXPECT_ZX_OK(zx_handle_close(memprof));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

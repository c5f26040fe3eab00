// SPDX-License-Identifier: GPL-2.0
/*
 * The cprng, zx_system_get_*(), status strings and startup handles.
 */
#include "zx_test.h"

#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <zircon/features.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/system.h>

/* ---- zx_cprng_draw ------------------------------------------------------------- */

static bool all_bytes_are(const uint8_t *p, size_t n, uint8_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

TEST(cprng_draw_gives_different_bytes_each_time)
{
	uint8_t a[64], b[64];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	zx_cprng_draw(a, sizeof(a));
	zx_cprng_draw(b, sizeof(b));
	/* Each has a 2^-512 chance of failing by bad luck. */
	EXPECT_FALSE(all_bytes_are(a, sizeof(a), 0));
	EXPECT_FALSE(all_bytes_are(b, sizeof(b), 0));
	EXPECT_NE(0, memcmp(a, b, sizeof(a)));
}

TEST(cprng_draw_of_nothing)
{
	uint8_t guard = 0x5a;

	zx_cprng_draw(NULL, 0);
	zx_cprng_draw(&guard, 0);
	EXPECT_EQ(0x5a, guard);
}

TEST(cprng_draw_writes_exactly_the_buffer)
{
	static const size_t sizes[] = { 1, 7, 255, 256, 257, 4095, 4097 };
	enum { GUARD = 64 };
	uint8_t buf[4097 + 2 * GUARD];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i];

		memset(buf, 0xa5, sizeof(buf));
		zx_cprng_draw(buf + GUARD, n);
		EXPECT_TRUE(all_bytes_are(buf, GUARD, 0xa5)) {
			TH_LOG("draw of %zu bytes wrote before the buffer", n);
		}
		EXPECT_TRUE(all_bytes_are(buf + GUARD + n, GUARD, 0xa5)) {
			TH_LOG("draw of %zu bytes wrote past the buffer", n);
		}
		if (n >= 16) {
			EXPECT_FALSE(all_bytes_are(buf + GUARD + n - 16, 16,
						   0xa5)) {
				TH_LOG("draw of %zu bytes left its end alone",
				       n);
			}
		}
	}
}

TEST(cprng_draw_one_mebibyte)
{
	const size_t size = 1 << 20, block = 32;
	uint8_t *buf = malloc(size);
	size_t off;

	ASSERT_NE(NULL, buf);
	memset(buf, 0xa5, size);
	zx_cprng_draw(buf, size);
	/* Every 32-byte block was overwritten. */
	for (off = 0; off < size; off += block) {
		ASSERT_FALSE(all_bytes_are(buf + off, block, 0xa5)) {
			TH_LOG("block at %zu untouched", off);
		}
	}
	free(buf);
}

static int draw_into_bad_buffer(void *arg)
{
	zx_cprng_draw(ZXT_BAD_PTR, 16);
	return 0;
}

TEST(cprng_draw_into_a_bad_buffer_kills_the_process)
{
	int status = zxt_fork_run(draw_into_bad_buffer, NULL);

	ASSERT_NE(-1, status);
	EXPECT_TRUE(WIFSIGNALED(status)) {
		TH_LOG("wait status %#x", status);
	}
}

/* ---- zx_cprng_add_entropy ------------------------------------------------------- */

TEST(cprng_add_entropy_up_to_the_limit)
{
	uint8_t buf[ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1];

	ASSERT_EQ(256u, ZX_CPRNG_ADD_ENTROPY_MAX_LEN);
	memset(buf, 0x42, sizeof(buf));
	EXPECT_ZX_OK(zx_cprng_add_entropy(buf, 1));
	EXPECT_ZX_OK(zx_cprng_add_entropy(buf, 32));
	EXPECT_ZX_OK(zx_cprng_add_entropy(buf, ZX_CPRNG_ADD_ENTROPY_MAX_LEN));
	EXPECT_ZX_OK(zx_cprng_add_entropy(buf, 0));
	EXPECT_ZX_OK(zx_cprng_add_entropy(NULL, 0));
}

TEST(cprng_add_entropy_too_long)
{
	uint8_t buf[ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1];

	memset(buf, 0x42, sizeof(buf));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_cprng_add_entropy(buf, ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_cprng_add_entropy(buf, SIZE_MAX));
}

TEST(cprng_add_entropy_bad_pointer)
{
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_cprng_add_entropy(ZXT_BAD_PTR, 16));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_cprng_add_entropy(NULL, 1));
}

/* ---- zx_system_get_* ------------------------------------------------------------ */

TEST(num_cpus_is_the_online_cpu_count)
{
	uint32_t n = zx_system_get_num_cpus();

	EXPECT_LE(1u, n);
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), (long)n);
}

TEST(page_size_is_the_linux_page_size)
{
	EXPECT_EQ(sysconf(_SC_PAGESIZE), (long)zx_system_get_page_size());
}

TEST(physmem_is_the_usable_ram)
{
	uint64_t physmem = zx_system_get_physmem();
	struct sysinfo si;

	EXPECT_LT(0u, physmem);
	ASSERT_EQ(0, sysinfo(&si));
	EXPECT_EQ((uint64_t)si.totalram * si.mem_unit, physmem);
}

TEST(dcache_line_size_is_a_power_of_two)
{
	uint32_t size = zx_system_get_dcache_line_size();

	EXPECT_LE(16u, size);
	EXPECT_EQ(0u, size & (size - 1)) {
		TH_LOG("dcache line size %u", size);
	}
}

TEST(version_string_names_zxlinux)
{
	zx_string_view_t v = zx_system_get_version_string();

	ASSERT_NE(NULL, v.c_str);
	EXPECT_LT(0u, v.length);
	EXPECT_EQ(strlen(v.c_str), v.length);
	EXPECT_EQ(0, strncmp(v.c_str, "zxlinux", 7)) {
		TH_LOG("version string \"%s\"", v.c_str);
	}
	/* The same string every time. */
	EXPECT_STREQ(v.c_str, zx_system_get_version_string().c_str);
}

TEST(features_of_this_architecture)
{
	uint32_t f = 0xdeadbeef;

	/* Every architecture answers for the VM: no execute-only maps. */
	ASSERT_ZX_OK(zx_system_get_features(ZX_FEATURE_KIND_VM, &f));
	EXPECT_EQ(0u, f & ZX_VM_FEATURE_CAN_MAP_XOM);
	f = 0xdeadbeef;
#if defined(__x86_64__)
	ASSERT_ZX_OK(zx_system_get_features(
			     ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, &f));
	EXPECT_EQ(4u, f);
	f = 0xdeadbeef;
	ASSERT_ZX_OK(zx_system_get_features(
			     ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT, &f));
	EXPECT_EQ(4u, f);
#elif defined(__aarch64__)
	ASSERT_ZX_OK(zx_system_get_features(ZX_FEATURE_KIND_ADDRESS_TAGGING,
					    &f));
	EXPECT_EQ(ZX_ARM64_FEATURE_ADDRESS_TAGGING_TBI,
		  f & ZX_ARM64_FEATURE_ADDRESS_TAGGING_TBI);
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_system_get_features(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT,
					 &f));
#else
	SKIP(return, "no expectations for this architecture");
#endif
}

TEST(unknown_feature_kind_is_not_supported)
{
	uint32_t f = 0xdeadbeef;

	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_system_get_features(1000, &f));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_system_get_features(32, &f));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_system_get_features(0xffffffffu, &f));
	EXPECT_EQ(0xdeadbeef, f);
}

/* ---- zx_status_get_string ------------------------------------------------------- */

TEST(status_strings)
{
	EXPECT_STREQ("ZX_OK", zx_status_get_string(ZX_OK));
	EXPECT_STREQ("ZX_ERR_BAD_HANDLE",
		     zx_status_get_string(ZX_ERR_BAD_HANDLE));
	EXPECT_STREQ("ZX_ERR_INVALID_ARGS",
		     zx_status_get_string(ZX_ERR_INVALID_ARGS));
	EXPECT_STREQ("ZX_ERR_TIMED_OUT",
		     zx_status_get_string(ZX_ERR_TIMED_OUT));
	EXPECT_STREQ("ZX_ERR_PEER_CLOSED",
		     zx_status_get_string(ZX_ERR_PEER_CLOSED));
	EXPECT_STREQ("ZX_ERR_ACCESS_DENIED",
		     zx_status_get_string(ZX_ERR_ACCESS_DENIED));
	EXPECT_STREQ("ZX_ERR_NOT_SUPPORTED",
		     zx_status_get_string(ZX_ERR_NOT_SUPPORTED));
	EXPECT_STREQ("(UNKNOWN)", zx_status_get_string(12345));
	EXPECT_STREQ("(UNKNOWN)", zx_status_get_string(-12345));
}

/* ---- startup handles ------------------------------------------------------------ */

TEST(process_self_is_a_stable_process_handle)
{
	zx_handle_t self = zx_process_self();
	zx_info_handle_basic_t info;

	ASSERT_NE(ZX_HANDLE_INVALID, self);
	EXPECT_EQ(self, zx_process_self());
	info = zxt_basic(_metadata, self);
	EXPECT_EQ(ZX_OBJ_TYPE_PROCESS, info.type);
	EXPECT_EQ(ZX_DEFAULT_PROCESS_RIGHTS, info.rights);
	EXPECT_EQ(info.koid, zxt_koid(_metadata, zx_process_self()));
}

TEST(job_default_is_a_job)
{
	zx_handle_t job = zx_job_default();
	zx_info_handle_basic_t info;

	ASSERT_NE(ZX_HANDLE_INVALID, job);
	EXPECT_EQ(job, zx_job_default());
	EXPECT_NE(zx_process_self(), job);
	info = zxt_basic(_metadata, job);
	EXPECT_EQ(ZX_OBJ_TYPE_JOB, info.type);
	EXPECT_EQ(ZX_DEFAULT_JOB_RIGHTS, info.rights);
}

TEST(startup_handle_is_taken_by_process_self)
{
	ASSERT_NE(ZX_HANDLE_INVALID, zx_process_self());
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_PROC_SELF, 0)));
	ASSERT_NE(ZX_HANDLE_INVALID, zx_job_default());
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_JOB_DEFAULT, 0)));
	/* The cached handles still work. */
	EXPECT_ZX_OK(zxt_valid(zx_process_self()));
	EXPECT_ZX_OK(zxt_valid(zx_job_default()));
}

TEST(startup_handles_can_be_taken_once)
{
	zx_handle_t proc, job;

	/* This test process has not asked for them yet. */
	proc = zx_take_startup_handle(PA_HND(PA_PROC_SELF, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, proc);
	EXPECT_EQ(ZX_OBJ_TYPE_PROCESS, zxt_basic(_metadata, proc).type);
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_PROC_SELF, 0)));
	job = zx_take_startup_handle(PA_HND(PA_JOB_DEFAULT, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, job);
	EXPECT_EQ(ZX_OBJ_TYPE_JOB, zxt_basic(_metadata, job).type);
	EXPECT_EQ(zxt_basic(_metadata, proc).related_koid,
		  zxt_koid(_metadata, job));
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_JOB_DEFAULT, 0)));
	/* Taken handles are ordinary handles. */
	EXPECT_ZX_OK(zx_handle_close(proc));
	EXPECT_ZX_OK(zx_handle_close(job));
}

TEST(unknown_startup_handle_is_invalid)
{
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_USER0, 0)));
	EXPECT_EQ(ZX_HANDLE_INVALID,
		  zx_take_startup_handle(PA_HND(PA_PROC_SELF, 1)));
	EXPECT_EQ(ZX_HANDLE_INVALID, zx_take_startup_handle(0));
	EXPECT_EQ(ZX_HANDLE_INVALID, zx_take_startup_handle(0xffffffffu));
}

/* ---- zx_system_get_performance_info ----------------------------------------- */

TEST(performance_info_reports_each_cpu)
{
	zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	struct zxt_live base = zxt_settle(_metadata);
	uint32_t n = zx_system_get_num_cpus(), i;
	zx_cpu_performance_info_t info[64];
	zx_handle_t cpu, other, ev;
	size_t count = 0;

	ASSERT_NE(ZX_HANDLE_INVALID, root);
	ASSERT_GE(64u, n);
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_CPU_BASE, 1, NULL, 0,
					&cpu));
	ASSERT_ZX_OK(zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, n,
						    info, &count));
	ASSERT_EQ(n, count);
	for (i = 0; i < n; i++) {
		uint64_t scale = ((uint64_t)info[i].performance_scale.integral_part
				  << 32) | info[i].performance_scale.fractional_part;

		EXPECT_EQ(i, info[i].logical_cpu_number);
		/* Capacities are relative to the biggest CPU: (0, 1.0]. */
		EXPECT_LT(0u, scale);
		EXPECT_GE(1ull << 32, scale);
	}
	count = 0;
	ASSERT_ZX_OK(zx_system_get_performance_info(
		cpu, ZX_CPU_DEFAULT_PERF_SCALE, n, info, &count));
	EXPECT_EQ(n, count);

	/* count must be the number of CPUs. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, n + 1,
						 info, &count));
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE,
		  zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, 0,
						 info, &count));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_performance_info(cpu, 0, n, info, &count));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_performance_info(cpu, 3, n, info, &count));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, n,
						 NULL, &count));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, n,
						 info, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_system_get_performance_info(cpu, ZX_CPU_PERF_SCALE, n,
						 (void *)8, &count));
	/* Only the CPU system resource (or the root) will do. */
	ASSERT_ZX_OK(zx_resource_create(root, ZX_RSRC_KIND_SYSTEM,
					ZX_RSRC_SYSTEM_INFO_BASE, 1, NULL, 0,
					&other));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_system_get_performance_info(other, ZX_CPU_PERF_SCALE, n,
						 info, &count));
	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE,
		  zx_system_get_performance_info(ev, ZX_CPU_PERF_SCALE, n,
						 info, &count));
	EXPECT_ZX_OK(zx_handle_close(ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE,
		  zx_system_get_performance_info(ev, ZX_CPU_PERF_SCALE, n,
						 info, &count));
	EXPECT_ZX_OK(zx_system_get_performance_info(root, ZX_CPU_PERF_SCALE,
						    n, info, &count));
	/* Linux sets capacities itself. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_system_set_performance_info(cpu, ZX_CPU_PERF_SCALE, info,
						 n));
	EXPECT_ZX_OK(zx_handle_close(other));
	EXPECT_ZX_OK(zx_handle_close(cpu));
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * zx_smc_call.  On arm64 the VM's secure monitor is QEMU, which answers
 * PSCI: PSCI_VERSION is a real SMC with a known answer.  Elsewhere the call
 * is not supported.  Runs as root in the VM.
 */
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/smc.h>

#include "zx_test.h"

/* PSCI_VERSION (SMC32, standard secure service 4) and a never-used id. */
#define ST_PSCI_VERSION		0x84000000u
#define ST_STD_SERVICE		4u
#define ST_UNKNOWN_FUNC		0x8400ff00u

static zx_handle_t st_resource(struct __test_metadata *_metadata,
			       uint32_t kind, uint64_t base, size_t size)
{
	static zx_handle_t root = ZX_HANDLE_INVALID;
	zx_handle_t h = ZX_HANDLE_INVALID;

	if (root == ZX_HANDLE_INVALID)
		root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	ASSERT_NE(ZX_HANDLE_INVALID, root);
	if (kind == ZX_RSRC_KIND_ROOT)
		return root;
	ASSERT_ZX_OK(zx_resource_create(root, kind, base, size, NULL, 0, &h));
	return h;
}

#if defined(__aarch64__)

TEST(psci_version_through_an_smc_resource)
{
	zx_handle_t smc = st_resource(_metadata, ZX_RSRC_KIND_SMC,
				      ST_STD_SERVICE, 1);
	zx_smc_parameters_t p = { .func_id = ST_PSCI_VERSION };
	zx_smc_result_t r;

	memset(&r, 0xa5, sizeof(r));
	ASSERT_ZX_OK(zx_smc_call(smc, &p, &r));
	/* Major version in bits 16..30, minor below: QEMU implements 1.x. */
	TH_LOG("PSCI version %u.%u", (unsigned)(r.arg0 >> 16) & 0x7fff,
	       (unsigned)r.arg0 & 0xffff);
	EXPECT_EQ(1u, (r.arg0 >> 16) & 0x7fff);
	EXPECT_ZX_OK(zx_handle_close(smc));
}

TEST(the_root_resource_grants_every_service)
{
	zx_handle_t root = st_resource(_metadata, ZX_RSRC_KIND_ROOT, 0, 0);
	zx_smc_parameters_t p = { .func_id = ST_UNKNOWN_FUNC };
	zx_smc_result_t r;

	ASSERT_ZX_OK(zx_smc_call(root, &p, &r));
	/* SMCCC's NOT_SUPPORTED, -1, in the low 32 bits of an SMC32 reply. */
	EXPECT_EQ(-1, (int32_t)r.arg0);
}

TEST(errors)
{
	zx_handle_t other = st_resource(_metadata, ZX_RSRC_KIND_SMC,
					ST_STD_SERVICE + 1, 1);
	zx_handle_t mmio = st_resource(_metadata, ZX_RSRC_KIND_MMIO,
				       0x40000000, 0x1000);
	zx_handle_t smc = st_resource(_metadata, ZX_RSRC_KIND_SMC,
				      ST_STD_SERVICE, 1);
	zx_handle_t ev;
	zx_smc_parameters_t p = { .func_id = ST_PSCI_VERSION };
	zx_smc_result_t r;

	ASSERT_ZX_OK(zx_event_create(0, &ev));
	EXPECT_ZX(ZX_ERR_BAD_HANDLE, zx_smc_call(ZXT_BOGUS_HANDLE, &p, &r));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_smc_call(ev, &p, &r));
	/* A resource of another service or kind grants nothing here. */
	EXPECT_ZX(ZX_ERR_OUT_OF_RANGE, zx_smc_call(other, &p, &r));
	EXPECT_ZX(ZX_ERR_WRONG_TYPE, zx_smc_call(mmio, &p, &r));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_smc_call(smc, NULL, &r));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_smc_call(smc, &p, NULL));
	EXPECT_ZX(ZX_ERR_INVALID_ARGS, zx_smc_call(smc, ZXT_BAD_PTR, &r));
	EXPECT_ZX_OK(zx_handle_close_many((zx_handle_t[]){ other, mmio, smc,
							   ev }, 4));
}

#else

TEST(not_supported_off_arm64)
{
	zx_handle_t root = st_resource(_metadata, ZX_RSRC_KIND_ROOT, 0, 0);
	zx_handle_t h = ZX_HANDLE_INVALID;
	zx_smc_parameters_t p = { .func_id = ST_PSCI_VERSION };
	zx_smc_result_t r;

	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED, zx_smc_call(root, &p, &r));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_smc_call(ZXT_BOGUS_HANDLE, &p, &r));
	/* SMC resources are arm64's too. */
	EXPECT_ZX(ZX_ERR_INVALID_ARGS,
		  zx_resource_create(root, ZX_RSRC_KIND_SMC, ST_STD_SERVICE, 1,
				     NULL, 0, &h));
	EXPECT_EQ(ZX_HANDLE_INVALID, h);
}

#endif

TEST_HARNESS_MAIN

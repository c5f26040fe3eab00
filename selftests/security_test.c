// SPDX-License-Identifier: GPL-2.0
/*
 * Regression tests for holes a local user could use (issue 12): each failed
 * (or crashed the kernel) before its fix.  Races run a bounded number of
 * rounds and check an invariant after each; the check.sh run fails on any
 * kernel splat they provoke.
 */
#include <grp.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <sys/syscall.h>

#include <lib/zxlinux/fd.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/profile.h>

#include "zx_test.h"

#define PG		((uint64_t)zx_system_get_page_size())
#define RW		(ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)
#define RACE_ROUNDS	3000
#define PATTERN		0x5a

static zx_handle_t vmo_new(struct __test_metadata *_metadata, uint64_t size)
{
	zx_handle_t h = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_vmo_create(size, 0, &h));
	return h;
}

/* Touching @p: 0, or the signal (SIGSEGV, SIGBUS) it raised. */
static sigjmp_buf probe_env;

static void probe_handler(int sig)
{
	siglongjmp(probe_env, sig);
}

static int probe_write(volatile uint8_t *p, uint8_t v)
{
	struct sigaction sa = { .sa_handler = probe_handler }, osegv, obus;
	int sig;

	sigaction(SIGSEGV, &sa, &osegv);
	sigaction(SIGBUS, &sa, &obus);
	sig = sigsetjmp(probe_env, 1);
	if (!sig)
		*p = v;
	sigaction(SIGSEGV, &osegv, NULL);
	sigaction(SIGBUS, &obus, NULL);
	return sig;
}

/* Every byte of the first page of @vmo is @want. */
static bool vmo_holds(zx_handle_t vmo, uint8_t want)
{
	uint8_t buf[4096];
	size_t i;

	if (zx_vmo_read(vmo, buf, 0, sizeof(buf)) != ZX_OK)
		return false;
	for (i = 0; i < sizeof(buf); i++)
		if (buf[i] != want)
			return false;
	return true;
}

/* ---- 1: vmar_allocate against a concurrent destroy of the parent ------- */

struct alloc_race {
	zx_handle_t parent;
	atomic_int stop;
	atomic_long made;
};

static void *allocate_until_dead(void *arg)
{
	struct alloc_race *r = arg;
	zx_handle_t child;
	zx_vaddr_t addr;

	while (!atomic_load(&r->stop)) {
		zx_info_vmar_t info;

		if (zx_vmar_allocate(r->parent, ZX_VM_CAN_MAP_READ, 0, PG,
				     &child, &addr) != ZX_OK)
			continue;
		atomic_fetch_add(&r->made, 1);
		/* A published handle must name a live object. */
		zx_object_get_info(child, ZX_INFO_VMAR, &info, sizeof(info),
				   NULL, NULL);
		zx_handle_close(child);
	}
	return NULL;
}

TEST(vmar_allocate_survives_parent_destroy)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct alloc_race r = { 0 };
	pthread_t t[2];
	zx_vaddr_t addr;
	int round, i;

	for (round = 0; round < 200; round++) {
		long made = atomic_load(&r.made);
		int spins;

		ASSERT_ZX_OK(zx_vmar_allocate(zx_vmar_root_self(),
					      ZX_VM_CAN_MAP_READ, 0, 64 * PG,
					      &r.parent, &addr));
		atomic_store(&r.stop, 0);
		for (i = 0; i < 2; i++)
			zxt_thread_start(_metadata, &t[i], allocate_until_dead,
					 &r);
		for (spins = 0; spins < 100000 &&
		     atomic_load(&r.made) < made + 2; spins++)
			sched_yield();
		/* Alternately destroy it and unmap it from its parent. */
		if (round & 1)
			EXPECT_ZX_OK(zx_vmar_destroy(r.parent));
		else
			EXPECT_ZX_OK(zx_vmar_unmap(zx_vmar_root_self(), addr,
						   64 * PG));
		atomic_store(&r.stop, 1);
		for (i = 0; i < 2; i++)
			zxt_thread_join(_metadata, t[i]);
		EXPECT_ZX_OK(zx_handle_close(r.parent));
	}
	ASSERT_LIVE_EQ(base);
}

/*
 * ---- 2, 3: vmar_protect and op_range(DECOMMIT) against mremap() ---------
 *
 * A read-write mapping of one VMO sits at A; a read-only mapping of a VMO
 * whose handle lacks ZX_RIGHT_WRITE sits at B.  Another thread moves B onto
 * A (mremap) while this one asks for write access to A, or decommits it.
 * Whatever the order, the read-only VMO must keep its bytes.
 */
struct move_race {
	uintptr_t a, b;
	atomic_int go;			/* 1: move now; 2: moved; 3: quit */
};

static void *move_b_onto_a(void *arg)
{
	struct move_race *m = arg;
	int go;

	while ((go = atomic_load(&m->go)) != 3) {
		if (go != 1)
			continue;
		mremap((void *)m->b, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED,
		       (void *)m->a);
		atomic_store(&m->go, 2);
	}
	return NULL;
}

static void race_against_mremap(struct __test_metadata *_metadata,
				uint32_t op)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), rw = vmo_new(_metadata, PG);
	zx_handle_t vmo = vmo_new(_metadata, PG), ro;
	struct move_race m = { 0 };
	uint8_t fill[4096];
	zx_info_vmar_t info;
	zx_vaddr_t got;
	pthread_t t;
	int round;

	memset(fill, PATTERN, sizeof(fill));
	ASSERT_ZX_OK(zx_vmo_write(vmo, fill, 0, sizeof(fill)));
	ASSERT_ZX_OK(zx_handle_duplicate(vmo, ZX_RIGHT_READ | ZX_RIGHT_MAP |
					 ZX_RIGHT_TRANSFER |
					 ZX_RIGHT_DUPLICATE, &ro));
	ASSERT_ZX_OK(zx_handle_close(vmo));
	ASSERT_ZX_OK(zx_object_get_info(root, ZX_INFO_VMAR, &info,
					sizeof(info), NULL, NULL));
	/* First: its stack would take the free space found below. */
	zxt_thread_start(_metadata, &t, move_b_onto_a, &m);
	/* Two free pages, found by mapping there once. */
	ASSERT_ZX_OK(zx_vmar_map(root, ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS,
				 0, rw, 0, 2 * PG, &got));
	ASSERT_ZX_OK(zx_vmar_unmap(root, got, 2 * PG));
	m.a = got;
	m.b = got + PG;

	for (round = 0; round < RACE_ROUNDS; round++) {
		ASSERT_ZX_OK(zx_vmar_map(root, RW | ZX_VM_SPECIFIC_OVERWRITE,
					 m.a - info.base, rw, 0, PG, &got));
		ASSERT_ZX_OK(zx_vmar_map(root, ZX_VM_PERM_READ |
					 ZX_VM_SPECIFIC_OVERWRITE,
					 m.b - info.base, ro, 0, PG, &got));
		atomic_store(&m.go, 1);
		do {
			if (op == ZX_VMAR_OP_DECOMMIT)
				zx_vmar_op_range(root, op, m.a, PG, NULL, 0);
			else
				zx_vmar_protect(root, RW, m.a, PG);
		} while (atomic_load(&m.go) != 2);
		/* What is at A now must not be writable if it is @ro's. */
		if (op != ZX_VMAR_OP_DECOMMIT)
			probe_write((volatile uint8_t *)m.a, 0);
		ASSERT_TRUE(vmo_holds(ro, PATTERN)) {
			TH_LOG("round %d: a VMO without ZX_RIGHT_WRITE changed",
			       round);
		}
		zx_vmar_unmap(root, m.a, PG);
		zx_vmar_unmap(root, m.b, PG);
	}
	atomic_store(&m.go, 3);
	zxt_thread_join(_metadata, t);
	EXPECT_ZX_OK(zx_handle_close(ro));
	EXPECT_ZX_OK(zx_handle_close(rw));
	ASSERT_LIVE_EQ(base);
}

TEST(vmar_protect_rechecks_what_it_remaps)
{
	race_against_mremap(_metadata, 0);
}

TEST(vmar_decommit_rechecks_what_it_decommits)
{
	race_against_mremap(_metadata, ZX_VMAR_OP_DECOMMIT);
}

/* ---- 4: a slice's mapping reaches nothing of its parent beyond it ------ */

TEST(slice_mapping_stays_inside_the_slice)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), parent, slice;
	uint8_t secret = 's';
	zx_vaddr_t addr;

	parent = vmo_new(_metadata, 4 * PG);
	ASSERT_ZX_OK(zx_vmo_write(parent, &secret, 2 * PG, 1));
	ASSERT_ZX_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE, PG, PG,
					 &slice));
	/* Past the slice's end, faults would read the parent's page 2. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmar_map(root, RW | ZX_VM_ALLOW_FAULTS, 0, slice, 0,
			      2 * PG, &addr));
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmar_map(root, RW | ZX_VM_ALLOW_FAULTS, 0, slice, PG,
			      PG, &addr));
	/* An offset that wraps around with the slice's own offset. */
	EXPECT_NE(ZX_OK, zx_vmar_map(root, RW | ZX_VM_ALLOW_FAULTS, 0, slice,
				     (uint64_t)0 - PG, PG, &addr));
	/* Without ALLOW_FAULTS the size check says so as before. */
	EXPECT_ZX(ZX_ERR_BUFFER_TOO_SMALL,
		  zx_vmar_map(root, RW, 0, slice, 0, 2 * PG, &addr));
	/* Inside the slice, all is as usual. */
	ASSERT_ZX_OK(zx_vmar_map(root, RW | ZX_VM_ALLOW_FAULTS, 0, slice, 0,
				 PG, &addr));
	EXPECT_EQ(0, ((volatile uint8_t *)addr)[0]);
	EXPECT_ZX_OK(zx_vmar_op_range(root, ZX_VMAR_OP_DECOMMIT, addr, PG,
				      NULL, 0));
	EXPECT_ZX_OK(zx_vmar_unmap(root, addr, PG));
	secret = 0;
	EXPECT_ZX_OK(zx_vmo_read(parent, &secret, 2 * PG, 1));
	EXPECT_EQ('s', secret);
	EXPECT_ZX_OK(zx_handle_close(slice));
	EXPECT_ZX_OK(zx_handle_close(parent));
	ASSERT_LIVE_EQ(base);
}

/* ---- 6: non-cached VMO pages change the kernel's own memory type ------- */

/*
 * /proc/kpageflags bits of x86 PAT's record of a RAM page's type: WC is
 * PG_arch_1, UC- is PG_uncached until Linux 6.10 and PG_arch_2 since.
 */
#define KPF_ARCH	38
#define KPF_UNCACHED	39
#define KPF_ARCH_2	41
#define KPF_PAT_WC	(1ULL << KPF_ARCH)
#define KPF_PAT_UC	((1ULL << KPF_UNCACHED) | (1ULL << KPF_ARCH_2))

/* The page flags of what @addr maps, or 0 with *@ok false. */
static uint64_t kpageflags_of(uintptr_t addr, bool *ok)
{
	uint64_t entry = 0, flags = 0;
	int fd;

	*ok = false;
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread(fd, &entry, 8, (addr / PG) * 8) != 8 ||
	    !(entry & (1ULL << 63)) || !(entry & ((1ULL << 55) - 1))) {
		close(fd);
		return 0;
	}
	close(fd);
	fd = open("/proc/kpageflags", O_RDONLY);
	if (fd < 0)
		return 0;
	*ok = pread(fd, &flags, 8, (entry & ((1ULL << 55) - 1)) * 8) == 8;
	close(fd);
	return flags;
}

TEST(noncached_vmo_pages_are_not_cached_in_the_kernel)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t root = zx_vmar_root_self(), vmo;
	const struct {
		uint32_t policy;
		uint64_t want, not;	/* PAT's type bits for it */
	} cases[] = {
		{ ZX_CACHE_POLICY_UNCACHED, KPF_PAT_UC, KPF_PAT_WC },
		{ ZX_CACHE_POLICY_UNCACHED_DEVICE, KPF_PAT_UC, KPF_PAT_WC },
		{ ZX_CACHE_POLICY_WRITE_COMBINING, KPF_PAT_WC, KPF_PAT_UC },
	};
	zx_vaddr_t addr;
	uint64_t flags;
	size_t i;
	bool ok;

#if !defined(__x86_64__)
	SKIP(return, "the kernel's alias type is checked on x86 only");
#endif
	if (access("/proc/kpageflags", R_OK))
		SKIP(return, "no /proc/kpageflags on this kernel");
	/* Without PAT (e.g. no MTRR support) memory types are not kept. */
	if (access("/sys/kernel/debug/x86/pat_memtype_list", R_OK))
		SKIP(return, "this kernel runs without x86 PAT");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vmo = vmo_new(_metadata, PG);
		ASSERT_ZX_OK(zx_vmo_set_cache_policy(vmo, cases[i].policy));
		ASSERT_ZX_OK(zx_vmar_map(root, RW, 0, vmo, 0, PG, &addr));
		*(volatile uint8_t *)addr = 1;
		flags = kpageflags_of(addr, &ok);
		if (!ok)
			SKIP(return, "page frame numbers are hidden");
		EXPECT_TRUE((flags & cases[i].want) &&
			    !(flags & cases[i].not)) {
			TH_LOG("policy %u: kpageflags %#llx", cases[i].policy,
			       (unsigned long long)flags);
		}
		/* Decommitted, the page is ordinary memory again. */
		ASSERT_ZX_OK(zx_vmar_unmap(root, addr, PG));
		ASSERT_ZX_OK(zx_vmo_op_range(vmo, ZX_VMO_OP_DECOMMIT, 0, PG,
					     NULL, 0));
		EXPECT_ZX_OK(zx_handle_close(vmo));
	}
	ASSERT_LIVE_EQ(base);
}

TEST(pager_supply_refuses_pages_that_must_stay)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_handle_t pager, port, dst, aux, contig, bti, iommu, pmt;
	zx_iommu_desc_dummy_t desc = { 0 };
	zx_paddr_t paddr;
	zx_handle_t rsrc = ZX_HANDLE_INVALID;

	ASSERT_ZX_OK(zx_pager_create(0, &pager));
	ASSERT_ZX_OK(zx_port_create(0, &port));
	ASSERT_ZX_OK(zx_pager_create_vmo(pager, 0, port, 1, PG, &dst));
	/* Pager-backed VMOs stay cached: their pages come from others. */
	EXPECT_ZX(ZX_ERR_NOT_SUPPORTED,
		  zx_vmo_set_cache_policy(dst, ZX_CACHE_POLICY_UNCACHED));
	/* A non-cached source page carries its memory type. */
	aux = vmo_new(_metadata, PG);
	ASSERT_ZX_OK(zx_vmo_set_cache_policy(aux, ZX_CACHE_POLICY_UNCACHED));
	ASSERT_ZX_OK(zx_vmo_op_range(aux, ZX_VMO_OP_COMMIT, 0, PG, NULL, 0));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(pager, dst, 0, PG, aux, 0));
	EXPECT_ZX_OK(zx_handle_close(aux));

	rsrc = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
	if (rsrc == ZX_HANDLE_INVALID)
		goto out;
	ASSERT_ZX_OK(zx_iommu_create(rsrc, ZX_IOMMU_TYPE_DUMMY, &desc,
				     sizeof(desc), &iommu));
	ASSERT_ZX_OK(zx_bti_create(iommu, 0, 0, &bti));
	/* Contiguous pages never leave their VMO. */
	ASSERT_ZX_OK(zx_vmo_create_contiguous(bti, PG, 0, &contig));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(pager, dst, 0, PG, contig, 0));
	/* Nor do pinned ones: a device may be writing them. */
	aux = vmo_new(_metadata, PG);
	ASSERT_ZX_OK(zx_bti_pin(bti, ZX_BTI_PERM_WRITE, aux, 0, PG, &paddr, 1,
				&pmt));
	EXPECT_ZX(ZX_ERR_BAD_STATE,
		  zx_pager_supply_pages(pager, dst, 0, PG, aux, 0));
	EXPECT_ZX_OK(zx_pmt_unpin(pmt));
	EXPECT_ZX_OK(zx_pager_supply_pages(pager, dst, 0, PG, aux, 0));
	EXPECT_ZX_OK(zx_handle_close(aux));
	EXPECT_ZX_OK(zx_handle_close(contig));
	EXPECT_ZX_OK(zx_handle_close(bti));
	EXPECT_ZX_OK(zx_handle_close(iommu));
	EXPECT_ZX_OK(zx_handle_close(rsrc));
out:
	EXPECT_ZX_OK(zx_handle_close(dst));
	EXPECT_ZX_OK(zx_handle_close(port));
	EXPECT_ZX_OK(zx_handle_close(pager));
	ASSERT_LIVE_EQ(base);
}

/* ---- 7: no job is shared between users --------------------------------- */

/* Become @uid with no capabilities left. */
static int drop_to(uid_t uid)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -1;
	return syscall(SYS_capset, &hdr, data);
}

struct job_report {
	zx_koid_t job, parent;
	zx_status_t rename, get_event;
};

struct job_child {
	int report_fd;
	uid_t uid;
};

static int report_job(void *arg)
{
	struct job_child *c = arg;
	struct job_report r = { 0 };
	zx_info_handle_basic_t info;
	zx_handle_t ev;

	CHILD_CHECK(drop_to(c->uid) == 0);
	CHILD_CHECK_ZX(ZX_OK, zx_object_get_info(zx_job_default(),
						 ZX_INFO_HANDLE_BASIC, &info,
						 sizeof(info), NULL, NULL));
	r.job = info.koid;
	r.parent = info.related_koid;
	r.rename = zx_object_set_property(zx_job_default(), ZX_PROP_NAME,
					  "mine", 4);
	r.get_event = zx_system_get_event(zx_job_default(),
					  ZX_SYSTEM_EVENT_MEMORY_PRESSURE_WARNING,
					  &ev);
	CHILD_CHECK(write(c->report_fd, &r, sizeof(r)) == sizeof(r));
	return 0;
}

TEST(each_unprivileged_process_has_a_job_of_its_own)
{
	struct zxt_live base = zxt_settle(_metadata);
	struct job_report r[2];
	zx_info_handle_basic_t root;
	char name[ZX_MAX_NAME_LEN] = { 0 };
	struct job_child child;
	int p[2], i;

	if (geteuid() != 0)
		SKIP(return, "needs root to become two other users");
	ASSERT_ZX_OK(zx_object_get_info(zx_job_default(), ZX_INFO_HANDLE_BASIC,
					&root, sizeof(root), NULL, NULL));
	ASSERT_EQ(0, pipe(p));
	for (i = 0; i < 2; i++) {
		child.report_fd = p[1];
		child.uid = 1000 + i;
		ASSERT_CHILD_OK(zxt_fork_run(report_job, &child));
		ASSERT_EQ((ssize_t)sizeof(r[i]),
			  read(p[0], &r[i], sizeof(r[i])));
	}
	for (i = 0; i < 2; i++) {
		EXPECT_NE(root.koid, r[i].job);
		EXPECT_EQ(root.koid, r[i].parent);
		EXPECT_ZX(ZX_OK, r[i].rename);
		EXPECT_ZX(ZX_ERR_ACCESS_DENIED, r[i].get_event);
	}
	EXPECT_NE(r[0].job, r[1].job);
	/* The root job kept its name. */
	ASSERT_ZX_OK(zx_object_get_property(zx_job_default(), ZX_PROP_NAME,
					    name, sizeof(name)));
	EXPECT_STREQ("root", name);
	close(p[0]);
	close(p[1]);
	ASSERT_LIVE_EQ(base);
}

/* ---- a thread handle does not follow its task through execve() --------- */

static int send_thread_then_exec(void *arg)
{
	int sock = *(int *)arg, fd;
	char buf[CMSG_SPACE(sizeof(int))] = { 0 }, go;
	struct iovec iov = { .iov_base = "t", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = buf, .msg_controllen = sizeof(buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	zx_handle_t self;

	CHILD_CHECK_ZX(ZX_OK, zx_handle_duplicate(zx_thread_self(),
						  ZX_RIGHT_SAME_RIGHTS, &self));
	CHILD_CHECK_ZX(ZX_OK, zxlinux_handle_to_fd(self, ZXLINUX_FD_CLOEXEC,
						   &fd));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	CHILD_CHECK(sendmsg(sock, &msg, 0) == 1);
	CHILD_CHECK(read(sock, &go, 1) == 1);
	execl("/bin/busybox", "sleep", "30", (char *)NULL);
	execl("/bin/sleep", "sleep", "30", (char *)NULL);
	return 1;
}

static pid_t fork_exec_child(int sock)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(send_thread_then_exec(&sock));
	return pid;
}

/* Whether @pid runs another program than this one. */
static bool execed(pid_t pid)
{
	char self[256] = { 0 }, other[256] = { 0 }, path[64];

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	if (readlink("/proc/self/exe", self, sizeof(self) - 1) < 0 ||
	    readlink(path, other, sizeof(other) - 1) < 0)
		return false;
	return strcmp(self, other) != 0;
}

TEST(thread_handle_dies_with_execve)
{
	struct zxt_live base = zxt_settle(_metadata);
	zx_profile_info_t pinfo = { .flags = ZX_PROFILE_INFO_FLAG_PRIORITY,
				    .priority = ZX_PRIORITY_DEFAULT };
	char buf[CMSG_SPACE(sizeof(int))] = { 0 }, c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = buf, .msg_controllen = sizeof(buf),
	};
	zx_handle_t thread, profile;
	zx_info_thread_t tinfo;
	int sv[2], fd, tries;
	pid_t pid;

	if (geteuid() != 0)
		SKIP(return, "profiles come from the root job, which is root's");
	ASSERT_ZX_OK(zx_profile_create(zx_job_default(), 0, &pinfo,
				       &profile));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork_exec_child(sv[1]);
	ASSERT_LT(0, pid);
	ASSERT_EQ(1, recvmsg(sv[0], &msg, 0));
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&msg)), sizeof(int));
	ASSERT_ZX_OK(zxlinux_handle_from_fd(fd, &thread));
	close(fd);
	EXPECT_ZX_OK(zx_object_set_profile(thread, profile, 0));

	ASSERT_EQ(1, write(sv[0], "g", 1));
	for (tries = 0; tries < 1000 && !execed(pid); tries++)
		zxt_sleep_ms(10);
	ASSERT_TRUE(execed(pid));
	/* The task now runs another program: the handle reaches nothing. */
	EXPECT_ZX(ZX_ERR_BAD_STATE, zx_object_set_profile(thread, profile, 0));
	ASSERT_ZX_OK(zx_object_get_info(thread, ZX_INFO_THREAD, &tinfo,
					sizeof(tinfo), NULL, NULL));
	EXPECT_EQ(ZX_THREAD_STATE_DEAD, tinfo.state);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	EXPECT_ZX_OK(zx_handle_close(thread));
	EXPECT_ZX_OK(zx_handle_close(profile));
	close(sv[0]);
	close(sv[1]);
	ASSERT_LIVE_EQ(base);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: MIT
// zx-fuzz: random Zircon calls against zircon.ko from several processes of
// several threads, to shake out crashes, races, leaks and lock problems.
//
// A supervisor (which never calls into the module itself) forks --procs
// workers and keeps that many alive until --duration ends, killing some
// with SIGKILL at random and forking replacements. Each worker runs
// --threads threads that call random operations (the table in kOps) with
// valid, boundary and garbage arguments on a shared pool of handles that
// any thread may close at any time; mapped memory is touched, munmap'd,
// mprotect'd and mremap'd while other threads work on the same ranges with
// VMAR calls; handles travel between workers as file descriptors over a
// Unix socket, and inside channel messages (with --cycles, in cycles too).
// A pager thread per worker serves its pager-backed VMOs.
//
// Reproducible: every random choice comes from a generator seeded with
// (--seed, worker slot, generation, thread), so a seed replays the same
// choices, though not the same interleaving.
//
// The kernel judges the run (splats, live objects, kmemleak: see
// scripts/vm/boot.sh); the fuzzer prints TAP (ok/not ok per check and per
// family of calls) and a closing "N passed, N failed" line. A worker is a
// failure only if it died other than by SIGKILL or by its own exit, or did
// not exit after the deadline.
//
// --fault-sweep instead runs each allocating call once with every module
// allocation failing (failslab + fail_page_alloc, filtered to the module's
// text and this task): each must return ZX_ERR_NO_MEMORY (or succeed without
// allocating) and leave the live object and handle counts unchanged.
// --fail-percent P fuzzes with P% of the module's allocations failing.
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>

#include <lib/zxlinux/fd.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/clock.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/profile.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/system.h>
#include <zircon/testonly-syscalls.h>
#include <zircon/types.h>

namespace {

// ---- options ---------------------------------------------------------------

struct Options {
  uint64_t seed = 0;
  bool seed_given = false;
  int duration = 60;
  int procs = 4;
  int threads = 4;
  bool cycles = true;     // handles in channel messages forming cycles
  bool mm_races = true;   // Linux munmap/mprotect/mremap on Zircon mappings
  bool kills = true;      // SIGKILL workers at random
  int fail_percent = 0;   // fault injection while fuzzing
  bool fault_sweep = false;
} opt;

// ---- randomness --------------------------------------------------------------

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

struct Rng {
  uint64_t s;
  uint64_t Next() { return s = Mix(s); }
  uint64_t Below(uint64_t n) { return n ? Next() % n : 0; }
  bool Chance(int pct) { return Below(100) < uint64_t(pct); }
  uint32_t U32() { return uint32_t(Next()); }
  // Sizes: mostly small, some on page boundaries, a few absurd. The absurd
  // ones exceed any VMO (2^48 bytes), so no size here commits much memory.
  uint64_t Size(uint64_t small) {
    switch (Below(10)) {
      case 0: return 0;
      case 1: return 4096 * (1 + Below(4)) + Below(3) - 1;
      case 2: {
        static const uint64_t huge[] = {~0ull, 1ull << 63, (1ull << 48) + 4096, ~0ull - 4095, 1ull << 62};
        return huge[Below(sizeof(huge) / sizeof(huge[0]))];
      }
      default: return 1 + Below(small);
    }
  }
};

// ---- state shared by all processes (counters) --------------------------------

struct Family {
  const char* name;
  bool root_only;  // exercised with the root resource when run as root
};
enum Fam {
  kHandle, kObject, kEvent, kChannel, kSocket, kFifo, kPort, kTimer, kClock, kFutex, kVmo,
  kVmar, kLinuxMm, kStream, kPager, kDebuglog, kCprng, kSystem, kTask, kFd, kIoctl,
  kResource, kDdk, kFamilies
};
const Family kFamilyInfo[kFamilies] = {
    {"handles", false},          {"objects, signals, waits", false},
    {"events, event pairs", false}, {"channels", false},
    {"sockets", false},          {"fifos", false},
    {"ports, async waits", false}, {"timers", false},
    {"clocks", false},           {"futexes", false},
    {"VMOs", false},             {"VMARs", false},
    {"Linux mm on mappings", false}, {"streams", false},
    {"pagers", false},           {"debuglog", false},
    {"cprng", false},            {"system information", false},
    {"tasks, threads, profiles", false}, {"handles as fds", false},
    {"raw ioctls", false},       {"resources", true},
    {"DDK: IOMMU, BTI, PMT, interrupts", true},
};

struct Shared {
  std::atomic<uint64_t> calls[kFamilies];
  std::atomic<uint64_t> unknown_status;
  std::atomic<uint64_t> no_memory;
  std::atomic<int32_t> unknown_example;
};
Shared* g_shared;

// ---- per-process state ---------------------------------------------------------

constexpr int kPool = 64;
constexpr int kRegions = 16;
constexpr int kPagerVmos = 4;
constexpr size_t kScratch = 65536 + 4096;
constexpr size_t kPage = 4096;
constexpr size_t kAltStack = 65536;

struct Proc {
  std::atomic<zx_handle_t> pool[kPool];
  // Recorded regions, (address / page) | (pages << 36): one word, so a
  // reader never pairs one region's address with another's length.
  std::atomic<uint64_t> region[kRegions];
  std::atomic<zx_futex_t> futex[4];
  zx_handle_t root_rsrc = ZX_HANDLE_INVALID;
  zx_handle_t pager = ZX_HANDLE_INVALID, pager_port = ZX_HANDLE_INVALID;
  std::atomic<zx_handle_t> pager_vmo[kPagerVmos];
  zx_koid_t koid = 0;
  // VMARs of this process's address space (pool handles may name another
  // worker's, whose addresses mean something else here).
  std::atomic<zx_koid_t> own_vmar[256];
  std::atomic<unsigned> own_vmars{0};
  int xsock[2] = {-1, -1};  // SOCK_DGRAM pair shared by all workers
  int dev = -1;             // /dev/zircon, for raw ioctls
  uint8_t* ro_page = nullptr;
  zx_time_t end = 0;
  std::atomic<bool> go{false};  // all threads exist: calls may start
  std::atomic<bool> stop{false};
} P;

struct Thread {
  Rng r;
  uint8_t* scratch;  // kScratch bytes, then a PROT_NONE guard page
  uint8_t* altstack;  // for the fault handler, should the stack be gone
  sigjmp_buf jb;
  volatile sig_atomic_t touching;
};
thread_local Thread* T;

// Every status the module returns must be a Zircon status.
zx_status_t S(zx_status_t st) {
  if (st == ZX_ERR_NO_MEMORY)
    g_shared->no_memory.fetch_add(1, std::memory_order_relaxed);
  if (st != ZX_OK && strncmp(zx_status_get_string(st), "ZX_", 3) != 0) {
    g_shared->unknown_status.fetch_add(1, std::memory_order_relaxed);
    g_shared->unknown_example.store(st, std::memory_order_relaxed);
  }
  return st;
}

// ---- arguments -------------------------------------------------------------------

Rng& R() { return T->r; }

// A handle argument: mostly from the pool (possibly closed meanwhile).
zx_handle_t H() {
  switch (R().Below(20)) {
    case 0: return ZX_HANDLE_INVALID;
    case 1: return R().U32();
    case 2: return R().U32() | 3u;
    case 3: return zx_process_self();
    case 4: return zx_thread_self();
    default: return P.pool[R().Below(kPool)].load(std::memory_order_relaxed);
  }
}

// Takes a handle out of the pool (the caller owns it).
zx_handle_t Take() {
  return P.pool[R().Below(kPool)].exchange(ZX_HANDLE_INVALID, std::memory_order_relaxed);
}

// Puts an owned handle into the pool, closing what it replaces.
void Put(zx_handle_t h) {
  if (h == ZX_HANDLE_INVALID)
    return;
  zx_handle_t old = P.pool[R().Below(kPool)].exchange(h, std::memory_order_relaxed);
  if (old != ZX_HANDLE_INVALID)
    zx_handle_close(old);
}

void Record(uintptr_t addr, size_t len) {
  uint64_t pages = len / kPage;  // a partial last page is left out
  if (pages >= 1ull << 28 || addr % kPage || addr >> 48)
    return;
  P.region[R().Below(kRegions)].store(addr / kPage | pages << 36, std::memory_order_relaxed);
}

struct Region {
  uintptr_t addr;
  size_t len;
};
// A recorded mapping or VMAR range; len 0 if the slot is empty.
Region Reg() {
  uint64_t v = P.region[R().Below(kRegions)].load(std::memory_order_relaxed);
  return {uintptr_t(v & ((1ull << 36) - 1)) * kPage, size_t(v >> 36) * kPage};
}

// Addresses no VMAR holds (for calls on the root VMAR, which also holds
// this program: it gets only recorded regions and these).
uintptr_t BadAddr() {
  static const uintptr_t bad[] = {0, 4096, 0xffff800000000000ull, 0x0000800000000000ull,
                                  0xfffffffffffff000ull, 0x00007ffffffff000ull};
  return bad[R().Below(sizeof(bad) / sizeof(bad[0]))];
}

// A buffer the kernel may write @want bytes to (or read from): the thread's
// scratch, or garbage the kernel must refuse, or a Zircon mapping.
struct Buf {
  void* p;
  size_t n;
};
Buf Out(size_t want) {
  want = want > kScratch ? kScratch : want;
  switch (R().Below(16)) {
    case 0: return {nullptr, want};
    case 1: return {reinterpret_cast<void*>(1), want};
    case 2: return {reinterpret_cast<void*>(BadAddr() | 8), want};
    case 3: return {P.ro_page, want > kPage ? kPage : want};
    case 4: {  // runs into the guard page
      size_t k = R().Below(want + 1);
      return {T->scratch + kScratch - k, want};
    }
    case 5: {
      Region g = Reg();
      if (g.len)
        return {reinterpret_cast<void*>(g.addr), want > g.len ? g.len : want};
      return {T->scratch, want};
    }
    default: return {T->scratch, want};
  }
}

// Text that can never look like a kernel splat in the log.
void Text(char* s, size_t n) {
  static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789.";
  for (size_t i = 0; i < n; i++)
    s[i] = alnum[R().Below(sizeof(alnum) - 1)];
}

zx_time_t SoonDeadline() {
  switch (R().Below(4)) {
    case 0: return 0;
    case 1: return ZX_TIME_INFINITE_PAST;
    default: return zx_deadline_after(ZX_USEC(R().Below(2000)));
  }
}

zx_rights_t Rights() {
  return R().Chance(50) ? ZX_RIGHT_SAME_RIGHTS : zx_rights_t(R().U32());
}

// ---- operations ------------------------------------------------------------------

using OpFn = void (*)();
struct Op {
  Fam fam;
  int weight;
  OpFn fn;
};

// handles
void OpDup() {
  zx_handle_t out;
  if (S(zx_handle_duplicate(H(), Rights(), &out)) == ZX_OK)
    Put(out);
}
void OpReplace() {
  zx_handle_t out, h = Take();
  if (S(zx_handle_replace(h, Rights(), &out)) == ZX_OK)
    Put(out);
}
void OpClose() { S(zx_handle_close(R().Chance(80) ? Take() : H())); }
void OpCloseMany() {
  zx_handle_t hs[8];
  size_t n = R().Below(9);
  for (size_t i = 0; i < n; i++)
    hs[i] = R().Chance(70) ? Take() : H();
  if (R().Chance(10))
    S(zx_handle_close_many(reinterpret_cast<zx_handle_t*>(BadAddr() | 8), R().Size(16)));
  S(zx_handle_close_many(hs, n));
}

// objects, signals, waits
void OpGetInfo() {
  uint32_t topic = R().Chance(90) ? uint32_t(R().Below(34)) : R().U32();
  if (R().Chance(30))
    topic |= 1u << 28;  // a versioned topic
  Buf b = Out(R().Size(8192));
  size_t actual, avail;
  S(zx_object_get_info(H(), topic, b.p, b.n, R().Chance(90) ? &actual : nullptr,
                       R().Chance(90) ? &avail : nullptr));
}
void OpProperty() {
  static const uint32_t props[] = {ZX_PROP_NAME, ZX_PROP_PROCESS_DEBUG_ADDR, ZX_PROP_SOCKET_RX_THRESHOLD,
                                   ZX_PROP_SOCKET_TX_THRESHOLD, ZX_PROP_VMO_CONTENT_SIZE,
                                   ZX_PROP_EXCEPTION_STATE, ZX_PROP_STREAM_MODE_APPEND,
                                   ZX_PROP_PROCESS_VDSO_BASE_ADDRESS,
#ifdef ZX_PROP_REGISTER_FS
                                   ZX_PROP_REGISTER_FS,  // x86 only
#endif
                                   ZX_PROP_JOB_KILL_ON_OOM};
  uint32_t prop = R().Chance(95) ? props[R().Below(sizeof(props) / sizeof(props[0]))] : R().U32();
  Buf b = Out(R().Size(64));
  if (R().Chance(50)) {
    S(zx_object_get_property(H(), prop, b.p, b.n));
    return;
  }
  // Setting FS or GS (x86's properties 4 and 2) would move this thread's
  // TLS; a job's OOM policy is the VM's.
  if (prop == 4u || prop == 2u || prop == ZX_PROP_JOB_KILL_ON_OOM)
    return;
  if (b.p == T->scratch)
    for (size_t i = 0; i < 8; i++)
      T->scratch[i] = uint8_t(R().Chance(50) ? R().Below(8192) : R().U32());
  S(zx_object_set_property(H(), prop, b.p, b.n));
}
void OpSignal() {
  uint32_t clr = R().Chance(70) ? (R().U32() & ZX_USER_SIGNAL_ALL) : R().U32();
  uint32_t set = R().Chance(70) ? (R().U32() & ZX_USER_SIGNAL_ALL) : R().U32();
  if (R().Chance(50))
    S(zx_object_signal(H(), clr, set));
  else
    S(zx_object_signal_peer(H(), clr, set));
}
void OpWaitOne() {
  zx_signals_t seen;
  S(zx_object_wait_one(H(), R().Chance(80) ? R().U32() : 0, SoonDeadline(),
                       R().Chance(90) ? &seen : nullptr));
}
void OpWaitMany() {
  zx_wait_item_t items[ZX_WAIT_MANY_MAX_ITEMS + 1];
  size_t n = R().Chance(10) ? ZX_WAIT_MANY_MAX_ITEMS + R().Below(2) : R().Below(8);
  for (size_t i = 0; i < n; i++)
    items[i] = {H(), R().U32(), 0};
  S(zx_object_wait_many(R().Chance(95) ? items : reinterpret_cast<zx_wait_item_t*>(1), n,
                        SoonDeadline()));
}

// events
void OpEvent() {
  zx_handle_t a, b;
  uint32_t o = R().Chance(90) ? 0 : R().U32();
  if (R().Chance(50)) {
    if (S(zx_event_create(o, &a)) == ZX_OK)
      Put(a);
  } else if (S(zx_eventpair_create(o, &a, &b)) == ZX_OK) {
    Put(a);
    Put(b);
  }
}

// channels

// A handle for a message. Without --cycles no channel rides in one, since
// channels holding each other's ends form cycles.
zx_handle_t Carry(zx_handle_t h, bool owned) {
  zx_info_handle_basic_t info;
  if (opt.cycles || h == ZX_HANDLE_INVALID ||
      zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) != ZX_OK ||
      info.type != ZX_OBJ_TYPE_CHANNEL)
    return h;
  if (owned)
    Put(h);
  return ZX_HANDLE_INVALID;
}

void OpChannelCreate() {
  zx_handle_t a, b;
  if (S(zx_channel_create(R().Chance(95) ? 0 : R().U32(), &a, &b)) == ZX_OK) {
    Put(a);
    Put(b);
  }
}
uint32_t MsgBytes() {
  switch (R().Below(8)) {
    case 0: return R().Chance(10) ? ZX_CHANNEL_MAX_MSG_BYTES + uint32_t(R().Below(2)) : 0;
    default: return uint32_t(R().Below(256));
  }
}
void OpChannelWrite() {
  zx_handle_t hs[ZX_CHANNEL_MAX_MSG_HANDLES + 1];
  uint32_t nh = R().Chance(5) ? ZX_CHANNEL_MAX_MSG_HANDLES + uint32_t(R().Below(2)) : uint32_t(R().Below(4));
  for (uint32_t i = 0; i < nh; i++) {
    bool own = R().Chance(70);
    hs[i] = Carry(own ? Take() : H(), own);
  }
  zx_handle_t ch = H();
  if (R().Chance(10) && nh)
    hs[0] = ch;  // its own handle: refused
  uint32_t n = MsgBytes();
  S(zx_channel_write(ch, 0, R().Chance(95) ? T->scratch : reinterpret_cast<void*>(1), n, hs, nh));
  // Every handle is consumed, written or not; the pool may still name them.
}
void OpChannelWriteEtc() {
  zx_handle_disposition_t d[4];
  uint32_t nh = uint32_t(R().Below(5));
  for (uint32_t i = 0; i < nh; i++) {
    bool dup = R().Chance(40);
    d[i] = {dup ? ZX_HANDLE_OP_DUPLICATE : ZX_HANDLE_OP_MOVE, Carry(dup ? H() : Take(), !dup),
            R().Chance(60) ? ZX_OBJ_TYPE_NONE : zx_obj_type_t(R().Below(32)), Rights(), ZX_OK};
    if (R().Chance(5))
      d[i].operation = R().U32();
  }
  S(zx_channel_write_etc(H(), 0, T->scratch, MsgBytes(), d, nh));
}
// A channel end written into its own peer, or two channels holding each
// other's ends: objects only the module's teardown can free.
void OpChannelCycle() {
  zx_handle_t a, b, c, d;
  if (S(zx_channel_create(0, &a, &b)) != ZX_OK)
    return;
  if (R().Chance(50)) {
    S(zx_channel_write(a, 0, nullptr, 0, &b, 1));
    Put(a);
    return;
  }
  if (S(zx_channel_create(0, &c, &d)) != ZX_OK) {
    zx_handle_close(a);
    zx_handle_close(b);
    return;
  }
  S(zx_channel_write(a, 0, nullptr, 0, &d, 1));
  S(zx_channel_write(c, 0, nullptr, 0, &b, 1));
  if (R().Chance(50)) {
    zx_handle_close(a);
    zx_handle_close(c);
  } else {
    Put(a);
    Put(c);
  }
}
void OpChannelRead() {
  zx_handle_t hs[ZX_CHANNEL_MAX_MSG_HANDLES];
  zx_handle_info_t infos[ZX_CHANNEL_MAX_MSG_HANDLES];
  uint32_t ab = 0, ah = 0;
  uint32_t nh = R().Chance(80) ? ZX_CHANNEL_MAX_MSG_HANDLES : uint32_t(R().Below(3));
  Buf b = Out(R().Chance(80) ? ZX_CHANNEL_MAX_MSG_BYTES : R().Below(64));
  uint32_t o = R().Chance(90) ? 0 : (R().Chance(50) ? ZX_CHANNEL_READ_MAY_DISCARD : R().U32());
  zx_status_t st;
  bool etc = R().Chance(30);
  if (etc)
    st = S(zx_channel_read_etc(H(), o, b.p, infos, uint32_t(b.n), nh, &ab, &ah));
  else
    st = S(zx_channel_read(H(), o, b.p, R().Chance(97) ? hs : reinterpret_cast<zx_handle_t*>(1),
                           uint32_t(b.n), nh, &ab, &ah));
  if (st == ZX_OK)
    for (uint32_t i = 0; i < ah && i < nh; i++)
      Put(etc ? infos[i].handle : hs[i]);
}
void OpChannelCall() {
  zx_handle_t hs[2] = {Carry(Take(), true), ZX_HANDLE_INVALID};
  zx_handle_t rh[4];
  zx_channel_call_args_t args = {T->scratch, hs, T->scratch + 32768, rh,
                                 uint32_t(R().Chance(10) ? R().Below(4) : 4 + R().Below(64)),
                                 uint32_t(R().Below(2)), 32768, 4};
  uint32_t ab, ah;
  if (S(zx_channel_call(H(), 0, SoonDeadline(), &args, &ab, &ah)) == ZX_OK)
    for (uint32_t i = 0; i < ah && i < 4; i++)
      Put(rh[i]);
}

// sockets
void OpSocket() {
  zx_handle_t a, b;
  size_t actual;
  switch (R().Below(5)) {
    case 0:
      if (S(zx_socket_create(R().Chance(95) ? uint32_t(R().Below(2)) : R().U32(), &a, &b)) == ZX_OK) {
        Put(a);
        Put(b);
      }
      break;
    case 1: {
      Buf w = Out(R().Size(8192));
      S(zx_socket_write(H(), 0, w.p, w.n, R().Chance(90) ? &actual : nullptr));
      break;
    }
    case 2: {
      Buf w = Out(R().Size(8192));
      S(zx_socket_read(H(), R().Chance(80) ? 0 : ZX_SOCKET_PEEK, w.p, w.n,
                       R().Chance(90) ? &actual : nullptr));
      break;
    }
    case 3: {
      static const uint32_t disp[] = {0, ZX_SOCKET_DISPOSITION_WRITE_DISABLED,
                                      ZX_SOCKET_DISPOSITION_WRITE_ENABLED, 3};
      S(zx_socket_set_disposition(H(), disp[R().Below(4)], disp[R().Below(4)]));
      break;
    }
    default: {
      uint64_t thr = R().Size(300000);
      S(zx_object_set_property(H(), R().Chance(50) ? ZX_PROP_SOCKET_RX_THRESHOLD : ZX_PROP_SOCKET_TX_THRESHOLD,
                               &thr, sizeof(thr)));
    }
  }
}

// fifos
void OpFifo() {
  zx_handle_t a, b;
  size_t actual;
  size_t esz = R().Chance(80) ? 1 + R().Below(64) : R().Size(8192);
  switch (R().Below(3)) {
    case 0:
      if (S(zx_fifo_create(R().Chance(80) ? 1 + R().Below(64) : R().Size(8192), esz,
                           R().Chance(95) ? 0 : R().U32(), &a, &b)) == ZX_OK) {
        Put(a);
        Put(b);
      }
      break;
    case 1: {
      Buf w = Out(4096);
      S(zx_fifo_write(H(), esz, w.p, esz ? w.n / esz : R().Below(8), &actual));
      break;
    }
    default: {
      Buf w = Out(4096);
      S(zx_fifo_read(H(), esz, w.p, esz ? w.n / esz : R().Below(8), R().Chance(90) ? &actual : nullptr));
    }
  }
}

// ports, async waits
void OpPort() {
  zx_handle_t p;
  zx_port_packet_t pkt{};
  switch (R().Below(6)) {
    case 0:
      if (S(zx_port_create(R().Chance(90) ? uint32_t(R().Below(2)) : R().U32(), &p)) == ZX_OK)
        Put(p);
      break;
    case 1:
      pkt.key = R().Next();
      pkt.type = R().Chance(90) ? ZX_PKT_TYPE_USER : R().U32();
      S(zx_port_queue(H(), R().Chance(95) ? &pkt : reinterpret_cast<zx_port_packet_t*>(1)));
      break;
    case 2:
      S(zx_port_wait(H(), SoonDeadline(), R().Chance(95) ? &pkt : nullptr));
      break;
    case 3:
    case 4:
      S(zx_object_wait_async(H(), H(), R().Below(4), R().U32(),
                             R().Chance(80) ? uint32_t(R().Below(4)) : R().U32()));
      break;
    default:
      S(zx_port_cancel(H(), H(), R().Below(4)));
  }
}

// timers
void OpTimer() {
  zx_handle_t t;
  switch (R().Below(3)) {
    case 0:
      if (S(zx_timer_create(R().Chance(90) ? uint32_t(R().Below(3)) : R().U32(),
                            R().Chance(90) ? zx_clock_t(R().Below(2)) : R().U32(), &t)) == ZX_OK)
        Put(t);
      break;
    case 1: {
      zx_time_t d = R().Chance(80) ? zx_deadline_after(ZX_USEC(R().Below(5000))) : zx_time_t(R().Next());
      S(zx_timer_set(H(), d, R().Chance(80) ? zx_duration_t(R().Below(1000000)) : zx_duration_t(R().Next())));
      break;
    }
    default:
      S(zx_timer_cancel(H()));
  }
}

// clocks
void OpClock() {
  zx_handle_t c;
  zx_time_t now;
  uint8_t* buf = T->scratch;
  switch (R().Below(4)) {
    case 0: {
      zx_clock_create_args_v1_t args = {zx_time_t(R().Chance(50) ? 0 : R().Next() >> 2)};
      uint64_t o = R().Chance(90) ? ((R().U32() & ZX_CLOCK_OPTS_ALL) | ZX_CLOCK_ARGS_VERSION(R().Below(3)))
                                  : R().Next();
      if (S(zx_clock_create(o, R().Chance(90) ? &args : nullptr, &c)) == ZX_OK)
        Put(c);
      break;
    }
    case 1:
      S(zx_clock_read(H(), R().Chance(95) ? &now : nullptr));
      break;
    case 2:
      S(zx_clock_get_details(H(), ZX_CLOCK_ARGS_VERSION(R().Below(3)), R().Chance(95) ? buf : nullptr));
      break;
    default:
      for (int i = 0; i < 64; i++)
        buf[i] = uint8_t(R().U32());
      if (R().Chance(50))
        memset(buf + 24, 0, 40);  // a plausible rate
      S(zx_clock_update(H(), (R().Next() & ZX_CLOCK_UPDATE_OPTIONS_ALL) | ZX_CLOCK_ARGS_VERSION(R().Below(3)),
                        buf));
  }
}

// futexes
const zx_futex_t* FutexPtr() {
  switch (R().Below(10)) {
    case 0: return nullptr;
    case 1: return reinterpret_cast<const zx_futex_t*>(reinterpret_cast<uintptr_t>(&P.futex[0]) + 1);
    case 2: return reinterpret_cast<const zx_futex_t*>(BadAddr());
    case 3: {
      Region g = Reg();
      if (g.len)
        return reinterpret_cast<const zx_futex_t*>(g.addr + (R().Below(g.len) & ~3ull));
      [[fallthrough]];
    }
    default: return reinterpret_cast<const zx_futex_t*>(&P.futex[R().Below(4)]);
  }
}
void OpFutex() {
  const zx_futex_t* f = FutexPtr();
  zx_koid_t koid;
  switch (R().Below(6)) {
    case 0: {
      zx_futex_t cur = R().Chance(70) ? P.futex[R().Below(4)].load() : zx_futex_t(R().U32());
      S(zx_futex_wait(f, cur, R().Chance(50) ? ZX_HANDLE_INVALID : H(),
                      zx_deadline_after(ZX_USEC(R().Below(1000)))));
      break;
    }
    case 1:
      P.futex[R().Below(4)].fetch_add(1);
      S(zx_futex_wake(f, R().Chance(80) ? uint32_t(R().Below(3)) : UINT32_MAX));
      break;
    case 2:
      S(zx_futex_requeue(f, uint32_t(R().Below(3)), P.futex[R().Below(4)].load(), FutexPtr(),
                         uint32_t(R().Below(3)), R().Chance(50) ? ZX_HANDLE_INVALID : H()));
      break;
    case 3:
      S(zx_futex_wake_single_owner(f));
      break;
    case 4:
      S(zx_futex_requeue_single_owner(f, P.futex[R().Below(4)].load(), FutexPtr(), uint32_t(R().Below(3)),
                                      R().Chance(50) ? ZX_HANDLE_INVALID : H()));
      break;
    default:
      S(zx_futex_get_owner(f, R().Chance(95) ? &koid : nullptr));
  }
}

// VMOs
void OpVmoCreate() {
  zx_handle_t v;
  uint64_t size = R().Chance(85) ? kPage * R().Below(17) + (R().Chance(10) ? R().Below(kPage) : 0)
                 : R().Chance(20)  ? 1ull << 48  // the largest VMO: never committed whole
                                   : R().Size(1 << 20);
  uint32_t o = R().Chance(90) ? uint32_t(R().Below(2)) * ZX_VMO_RESIZABLE : R().U32();
  if (S(zx_vmo_create(size, o, &v)) == ZX_OK) {
    if (R().Chance(50))
      S(zx_vmo_write(v, T->scratch, 0, size < 256 ? size : 256));
    Put(v);
  }
}
void OpVmoRw() {
  Buf b = Out(R().Size(3 * kPage));
  uint64_t off = R().Chance(80) ? R().Below(16 * kPage) : R().Size(1 << 20);
  if (R().Chance(50))
    S(zx_vmo_read(H(), b.p, off, b.n));
  else
    S(zx_vmo_write(H(), b.p, off, b.n));
}
void OpVmoChild() {
  static const uint32_t kinds[] = {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                                   ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_REFERENCE};
  uint32_t o = kinds[R().Below(4)];
  if (R().Chance(30))
    o |= ZX_VMO_CHILD_RESIZABLE;
  if (R().Chance(20))
    o |= ZX_VMO_CHILD_NO_WRITE;
  if (R().Chance(5))
    o = R().U32();
  uint64_t off = R().Chance(80) ? kPage * R().Below(8) : R().Size(1 << 20);
  uint64_t size = R().Chance(80) ? kPage * R().Below(12) : R().Size(1 << 20);
  zx_handle_t c;
  if (S(zx_vmo_create_child(H(), o, off, size, &c)) == ZX_OK)
    Put(c);
}
void OpVmoSize() {
  uint64_t size;
  if (R().Chance(40))
    S(zx_vmo_get_size(H(), R().Chance(95) ? &size : nullptr));
  else
    S(zx_vmo_set_size(H(), R().Chance(85) ? kPage * R().Below(20) + R().Below(2) * 7 : R().Size(1 << 20)));
}
void OpVmoOpRange() {
  uint32_t op = R().Chance(90) ? 1 + uint32_t(R().Below(12)) : R().U32();
  uint64_t off = R().Chance(80) ? kPage * R().Below(16) : R().Size(1 << 20);
  uint64_t len = R().Chance(80) ? kPage * R().Below(8) : R().Size(1 << 20);
  Buf b = Out(64);
  S(zx_vmo_op_range(H(), op, off, len, b.p, b.n));
}
void OpVmoMisc() {
  zx_handle_t out;
  switch (R().Below(3)) {
    case 0:
      S(zx_vmo_set_cache_policy(H(), R().Chance(90) ? uint32_t(R().Below(5)) : R().U32()));
      break;
    case 1:
      if (S(zx_vmo_replace_as_executable(Take(), H(), &out)) == ZX_OK)
        Put(out);
      break;
    default: {
      uint64_t cs = R().Chance(80) ? R().Below(20 * kPage) : R().Size(1 << 20);
      S(zx_object_set_property(H(), ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)));
    }
  }
}

// VMARs. The root VMAR gets only recorded regions or addresses outside any
// mapping; sub-VMARs from the pool get anything.
zx_handle_t Vmar(bool* is_root) {
  *is_root = R().Chance(50);
  return *is_root ? zx_vmar_root_self() : H();
}
zx_koid_t Koid(zx_handle_t h) {
  zx_info_handle_basic_t info;
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) != ZX_OK)
    return ZX_KOID_INVALID;
  return info.koid;
}
bool OwnVmar(zx_handle_t vmar, bool is_root) {
  if (is_root)
    return true;
  zx_koid_t k = Koid(vmar);
  unsigned n = std::min<unsigned>(P.own_vmars.load(), 256);
  for (unsigned i = 0; k != ZX_KOID_INVALID && i < n; i++)
    if (P.own_vmar[i].load(std::memory_order_relaxed) == k)
      return true;
  return false;
}

zx_vm_option_t Perms() {
  zx_vm_option_t o = 0;
  if (R().Chance(90)) o |= ZX_VM_PERM_READ;
  if (R().Chance(60)) o |= ZX_VM_PERM_WRITE;
  if (R().Chance(5)) o |= ZX_VM_PERM_EXECUTE;
  return o;
}
void OpVmarAllocate() {
  bool root;
  zx_handle_t parent = Vmar(&root);
  zx_vm_option_t o = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC;
  if (R().Chance(20)) o &= zx_vm_option_t(R().U32());
  if (R().Chance(10)) o |= ZX_VM_COMPACT;
  size_t off = 0;
  if (!root && R().Chance(40)) {
    o |= ZX_VM_SPECIFIC;
    off = kPage * R().Below(64);
  }
  if (R().Chance(3))
    o = R().U32() & ~(ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT);
  size_t size = R().Chance(90) ? kPage * (1 + R().Below(64)) : R().Size(1 << 22);
  zx_handle_t child;
  zx_vaddr_t addr;
  bool own = OwnVmar(parent, root);
  if (S(zx_vmar_allocate(parent, o, off, size, &child, &addr)) == ZX_OK) {
    if (own) {
      P.own_vmar[P.own_vmars.fetch_add(1) % 256].store(Koid(child));
      Record(addr, size);
    }
    Put(child);
  }
}
void OpVmarMap() {
  bool root;
  zx_handle_t vmar = Vmar(&root);
  zx_vm_option_t o = Perms();
  size_t off = 0;
  if (!root && R().Chance(40)) {
    o |= R().Chance(50) ? ZX_VM_SPECIFIC : ZX_VM_SPECIFIC_OVERWRITE;
    off = kPage * R().Below(64);
  }
  if (R().Chance(20)) o |= ZX_VM_MAP_RANGE;
  if (R().Chance(5)) o |= ZX_VM_ALLOW_FAULTS | ZX_VM_REQUIRE_NON_RESIZABLE;
  size_t len = R().Chance(90) ? kPage * (1 + R().Below(16)) : R().Size(1 << 20);
  uint64_t voff = R().Chance(80) ? kPage * R().Below(4) : R().Size(1 << 20);
  zx_vaddr_t addr;
  bool own = OwnVmar(vmar, root);
  if (S(zx_vmar_map(vmar, o, off, H(), voff, len, &addr)) == ZX_OK && own)
    Record(addr, len);
}
// A sub-range of a recorded region, or garbage.
Region Range(bool root) {
  Region g = Reg();
  if (!g.len || (!root && R().Chance(10)))
    return {root ? BadAddr() : uintptr_t(R().Next() & ~0xfffull), size_t(R().Size(1 << 20))};
  size_t pages = std::max<size_t>(g.len / kPage, 1);
  size_t first = R().Below(pages);
  size_t n = 1 + R().Below(pages - first);
  return {g.addr + first * kPage, n * kPage};
}
void OpVmarUnmap() {
  bool root;
  zx_handle_t vmar = Vmar(&root);
  Region g = Range(root);
  S(zx_vmar_unmap(vmar, g.addr, g.len));
}
void OpVmarProtect() {
  bool root;
  zx_handle_t vmar = Vmar(&root);
  Region g = Range(root);
  S(zx_vmar_protect(vmar, Perms(), g.addr, g.len));
}
void OpVmarOpRange() {
  bool root;
  zx_handle_t vmar = Vmar(&root);
  Region g = Range(root);
  Buf b = Out(64);
  S(zx_vmar_op_range(vmar, R().Chance(90) ? 1 + uint32_t(R().Below(6)) : R().U32(), g.addr, g.len, b.p, b.n));
}
void OpVmarDestroy() {
  // Never the root VMAR: that would unmap this program.
  zx_handle_t v = H();
  if (v != zx_vmar_root_self())
    S(zx_vmar_destroy(v));
}

// Linux memory calls on Zircon mappings and regions.
void OpTouch() {
  Region g = Reg();
  if (!g.len)
    return;
  bool write = R().Chance(50);
  int n = 1 + int(R().Below(4));
  uintptr_t offs[4];
  for (int i = 0; i < n; i++)
    offs[i] = R().Below(g.len);
  if (sigsetjmp(T->jb, 1) == 0) {
    T->touching = 1;
    for (int i = 0; i < n; i++) {
      volatile uint8_t* p = reinterpret_cast<volatile uint8_t*>(g.addr + offs[i]);
      if (write)
        *p = uint8_t(i);
      else
        (void)*p;
    }
  }
  T->touching = 0;
}
void OpLinuxMm() {
  Region g = Range(true);  // never an address of this program's own
  void* a = reinterpret_cast<void*>(g.addr);
  switch (R().Below(5)) {
    case 0:
      munmap(a, g.len);
      break;
    case 1:
      mprotect(a, g.len, int(R().Below(8)));
      break;
    case 2: {
      size_t nlen = kPage * (1 + R().Below(32));
      int fl = R().Chance(70) ? MREMAP_MAYMOVE : 0;
      Region to = Reg();
      void* r;
      if (fl && to.len && R().Chance(30))  // over another region, never past its end
        r = mremap(a, g.len, nlen = std::min(nlen, to.len & ~(kPage - 1)), fl | MREMAP_FIXED,
                   reinterpret_cast<void*>(to.addr));
      else
        r = mremap(a, g.len, nlen, fl);
      if (r != MAP_FAILED)
        Record(reinterpret_cast<uintptr_t>(r), nlen);
      break;
    }
    case 3:
      madvise(a, g.len, R().Chance(50) ? MADV_DONTNEED : MADV_WILLNEED);
      break;
    default:
      mmap(a, g.len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  }
}

// streams
void OpStream() {
  zx_iovec_t iov[3];
  size_t n = R().Below(4), actual;
  for (size_t i = 0; i < n; i++) {
    Buf b = Out(R().Size(2 * kPage));
    iov[i] = {b.p, b.n};
  }
  zx_off_t off = R().Chance(80) ? R().Below(20 * kPage) : R().Size(1 << 20);
  zx_handle_t s;
  switch (R().Below(6)) {
    case 0:
      if (S(zx_stream_create(R().Chance(90) ? uint32_t(R().Below(8)) : R().U32(), H(), off, &s)) == ZX_OK)
        Put(s);
      break;
    case 1: S(zx_stream_readv(H(), 0, iov, n, &actual)); break;
    case 2: S(zx_stream_writev(H(), R().Chance(80) ? 0 : ZX_STREAM_APPEND, iov, n, &actual)); break;
    case 3: S(zx_stream_readv_at(H(), 0, off, iov, n, &actual)); break;
    case 4: S(zx_stream_writev_at(H(), 0, off, iov, n, &actual)); break;
    default:
      S(zx_stream_seek(H(), zx_stream_seek_origin_t(R().Below(4)), int64_t(R().Chance(80) ? R().Below(8192) : R().Size(1 << 20)),
                       R().Chance(90) ? &off : nullptr));
  }
}

// pagers: this worker's pager serves its VMOs from a thread (PagerThread).
void OpPager() {
  zx_handle_t v;
  uint64_t off = kPage * R().Below(8), len = kPage * R().Below(4);
  switch (R().Below(5)) {
    case 0: {
      int i = int(R().Below(kPagerVmos));
      if (S(zx_pager_create_vmo(P.pager, R().Chance(90) ? 0 : R().U32(), P.pager_port, uint64_t(i),
                                kPage * (1 + R().Below(16)), &v)) != ZX_OK)
        break;
      zx_handle_t dup;
      if (zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, &dup) == ZX_OK)
        Put(dup);
      // Detached first: requests for it would come with the same key, and
      // without its handle nobody could answer them.
      zx_handle_t old = P.pager_vmo[i].exchange(v);
      if (old != ZX_HANDLE_INVALID) {
        zx_pager_detach_vmo(P.pager, old);
        zx_handle_close(old);
      }
      break;
    }
    case 1:
      S(zx_pager_detach_vmo(R().Chance(80) ? P.pager : H(), H()));
      break;
    case 2: {
      zx_handle_t aux;
      if (zx_vmo_create(len, 0, &aux) != ZX_OK)
        break;
      S(zx_pager_supply_pages(R().Chance(80) ? P.pager : H(), H(), off, len, R().Chance(90) ? aux : H(), 0));
      zx_handle_close(aux);
      break;
    }
    case 3:
      S(zx_pager_op_range(R().Chance(80) ? P.pager : H(), R().Chance(90) ? uint32_t(R().Below(6)) : R().U32(), H(),
                          off, len, R().Chance(80) ? uint64_t(ZX_ERR_IO) : R().Next()));
      break;
    default:
      if (S(zx_pager_create(R().Chance(95) ? 0 : R().U32(), &v)) == ZX_OK)
        Put(v);
  }
}

// debuglog
void OpDebuglog() {
  zx_handle_t d;
  switch (R().Below(3)) {
    case 0: {
      zx_handle_t rs = R().Chance(70) ? P.root_rsrc : H();
      if (S(zx_debuglog_create(rs, R().Chance(50) ? ZX_LOG_FLAG_READABLE : (R().Chance(90) ? 0 : R().U32()), &d)) ==
          ZX_OK)
        Put(d);
      break;
    }
    case 1: {
      size_t n = R().Chance(90) ? R().Below(200) : R().Size(1024);
      char* s = reinterpret_cast<char*>(T->scratch);
      Text(s, n > kScratch ? 0 : n);
      S(zx_debuglog_write(H(), 0, n > kScratch ? reinterpret_cast<void*>(1) : s, n));
      break;
    }
    default: {
      Buf b = Out(R().Chance(80) ? ZX_LOG_RECORD_MAX : R().Below(64));
      zx_status_t st = zx_debuglog_read(H(), 0, b.p, b.n);
      if (st < 0)  // else the record's size
        S(st);
    }
  }
}

// cprng
void OpCprng() {
  // zx_cprng_draw() cannot fail: libzx kills the caller if the module
  // does, e.g. when it cannot allocate the process's context.
  if (opt.fail_percent == 0 && R().Chance(60)) {
    zx_cprng_draw(T->scratch, R().Below(kScratch));
  } else {
    size_t n = R().Chance(80) ? R().Below(ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 2) : R().Size(4096);
    S(zx_cprng_add_entropy(n <= kScratch ? T->scratch : reinterpret_cast<uint8_t*>(1), n));
  }
}

// system information
void OpSystem() {
  uint32_t f;
  zx_handle_t ev;
  size_t count;
  switch (R().Below(5)) {
    case 0:
      (void)zx_system_get_num_cpus();
      (void)zx_system_get_physmem();
      (void)zx_system_get_page_size();
      (void)zx_system_get_dcache_line_size();
      (void)zx_system_get_version_string();
      break;
    case 1:
      S(zx_system_get_features(R().Chance(90) ? uint32_t(R().Below(6)) : R().U32(), R().Chance(95) ? &f : nullptr));
      break;
    case 2:
      if (S(zx_system_get_event(R().Chance(70) ? zx_job_default() : H(),
                                R().Chance(90) ? uint32_t(R().Below(6)) : R().U32(), &ev)) == ZX_OK)
        Put(ev);
      break;
    case 3: {
      Buf b = Out(R().Size(4096));
      S(zx_system_get_performance_info(R().Chance(70) ? P.root_rsrc : H(), R().Chance(90) ? 1 : R().U32(),
                                       R().Chance(80) ? zx_system_get_num_cpus() : R().Size(64), b.p,
                                       R().Chance(95) ? &count : nullptr));
      break;
    }
    default:
      // These return sums of their arguments, not statuses.
      (void)zx_syscall_test_0();
      (void)zx_syscall_test_3(int(R().U32()), int(R().U32()), int(R().U32()));
      (void)zx_syscall_test_8(1, 2, 3, 4, 5, 6, 7, int(R().U32()));
      (void)zx_syscall_test_wrapper(int(R().U32()), int(R().U32()), int(R().U32()));
      zx_handle_t h;
      if (S(zx_syscall_test_handle_create(R().Chance(80) ? ZX_OK : ZX_ERR_INVALID_ARGS, &h)) == ZX_OK)
        Put(h);
  }
}

// tasks, threads, profiles
pthread_mutex_t g_exiter_lock = PTHREAD_MUTEX_INITIALIZER;
alignas(64) uint8_t g_exiter_stack[256 * 1024];  // .bss: never a recorded region
zx_futex_t g_exiter_futex;
struct ExiterArgs {
  zx_handle_t close;
  bool vmar;  // the VMAR variant, which returns when it fails
  Region range;
} g_exiter_args;

void* Exiter(void*) {
  const ExiterArgs& a = g_exiter_args;
  if (a.vmar) {
    S(zx_vmar_unmap_handle_close_thread_exit(zx_vmar_root_self(), a.range.addr, a.range.len, a.close));
    zx_handle_close(a.close);
    return nullptr;
  }
  zx_futex_wake_handle_close_thread_exit(&g_exiter_futex, 1, 0, a.close);
}

void OpTask() {
  zx_handle_t h;
  switch (R().Below(10)) {
    case 0: {
      zx_handle_t self = R().Chance(40) ? zx_process_self() : R().Chance(50) ? zx_thread_self() : zx_job_default();
      if (zx_handle_duplicate(self, ZX_RIGHT_SAME_RIGHTS, &h) == ZX_OK)
        Put(h);
      break;
    }
    case 1: {
      Buf b = Out(R().Size(8192));
      size_t actual;
      Region g = Reg();
      uintptr_t a = R().Chance(50) && g.len ? g.addr : R().Chance(50) ? uintptr_t(T->scratch) : R().Next();
      S(zx_process_read_memory(H(), a, b.p, b.n, &actual));
      break;
    }
    case 2: {
      // Writes only where nothing of this program lives: a recorded region
      // of this very process, or nowhere.
      zx_handle_t ph = H();
      zx_info_handle_basic_t info;
      uintptr_t a = BadAddr();
      Region g = Reg();
      if (g.len && zx_object_get_info(ph, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) == ZX_OK &&
          info.koid == P.koid)
        a = g.addr;
      size_t actual;
      S(zx_process_write_memory(ph, a, T->scratch, R().Below(g.len ? g.len : kPage), &actual));
      break;
    }
    case 3:
      if (R().Chance(10))  // another worker, or this one: workers die at random
        S(zx_task_kill(H()));
      else
        S(zx_task_suspend(H(), &h));
      break;
    case 4: {
      zx_profile_info_t info{};
      switch (R().Below(4)) {
        case 0:
          info.flags = ZX_PROFILE_INFO_FLAG_PRIORITY;
          info.priority = int32_t(R().Below(17));  // nice 19..0: never above the others
          break;
        case 1:  // 10 us every 10 ms at most: never starves the VM
          info.flags = ZX_PROFILE_INFO_FLAG_DEADLINE;
          info.deadline_params = {ZX_USEC(10), ZX_MSEC(10), ZX_MSEC(10)};
          break;
        case 2:
          info.flags = ZX_PROFILE_INFO_FLAG_CPU_MASK;
          info.cpu_affinity_mask.mask[0] = R().Next();
          break;
        default:
          info.flags = R().U32();
      }
      if (S(zx_profile_create(R().Chance(80) ? zx_job_default() : H(), 0, &info, &h)) == ZX_OK) {
        S(zx_object_set_profile(R().Chance(70) ? zx_thread_self() : H(), h, 0));
        Put(h);
      }
      break;
    }
    case 5: {
      zx_handle_t vmar;
      S(zx_process_create(H(), "fuzz", 4, 0, &h, &vmar));
      S(zx_thread_create(H(), "fuzz", 4, 0, &h));
      S(zx_job_create(H(), 0, &h));
      S(zx_task_create_exception_channel(H(), 0, &h));
      S(zx_object_get_child(H(), R().Next(), Rights(), &h));
      break;
    }
    case 6:
      S(zx_nanosleep(SoonDeadline()));
      break;
    default: {
      // The thread-exit calls, on a thread with a stack nothing else maps.
      // Like zx_cprng_draw(), they kill the caller when they fail.
      if (opt.fail_percent || pthread_mutex_trylock(&g_exiter_lock) != 0)
        break;
      pthread_attr_t attr;
      pthread_attr_init(&attr);
      pthread_attr_setstack(&attr, g_exiter_stack, sizeof(g_exiter_stack));
      // A handle this thread owns: a failed close would trap (SIGILL), as
      // on Zircon, and a pool handle may be closed by another thread.
      zx_handle_t own;
      if (zx_event_create(0, &own) != ZX_OK) {
        pthread_mutex_unlock(&g_exiter_lock);
        break;
      }
      g_exiter_args = {own, R().Chance(50), Range(true)};
      pthread_t th;
      if (pthread_create(&th, &attr, Exiter, nullptr) == 0)
        pthread_join(th, nullptr);
      pthread_attr_destroy(&attr);
      pthread_mutex_unlock(&g_exiter_lock);
    }
  }
}

// handles as file descriptors, between workers
void SendFd(int fd) {
  char cbuf[CMSG_SPACE(sizeof(int))] = {};
  char byte = 0;
  iovec iov = {&byte, 1};
  msghdr m = {};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = cbuf;
  m.msg_controllen = sizeof(cbuf);
  cmsghdr* c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof(int));
  sendmsg(P.xsock[0], &m, MSG_DONTWAIT);
}
int RecvFd() {
  char cbuf[CMSG_SPACE(sizeof(int))] = {};
  char byte;
  iovec iov = {&byte, 1};
  msghdr m = {};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = cbuf;
  m.msg_controllen = sizeof(cbuf);
  if (recvmsg(P.xsock[1], &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 0)
    return -1;
  cmsghdr* c = CMSG_FIRSTHDR(&m);
  if (!c || c->cmsg_type != SCM_RIGHTS)
    return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}
void OpFd() {
  int fd = -1;
  zx_handle_t h;
  switch (R().Below(4)) {
    case 0:
      if (S(zxlinux_handle_to_fd(R().Chance(80) ? Take() : H(), 0, &fd)) != ZX_OK)
        return;
      if (R().Chance(60))
        SendFd(fd);
      else if (R().Chance(50) && S(zxlinux_handle_from_fd(fd, &h)) == ZX_OK)
        Put(h);
      break;
    case 1:
      fd = RecvFd();
      if (fd >= 0 && S(zxlinux_handle_from_fd(fd, &h)) == ZX_OK)
        Put(h);
      break;
    case 2:
      if (S(zxlinux_handle_poll_fd(H(), R().U32(), R().Chance(90) ? 0 : R().U32(), &fd)) == ZX_OK) {
        pollfd pfd = {fd, POLLIN, 0};
        poll(&pfd, 1, 0);
      }
      break;
    default:
      S(zxlinux_handle_from_fd(R().Chance(50) ? P.xsock[0] : int(R().Below(64)) - 1, &h));
      if (h != ZX_HANDLE_INVALID)
        Put(h);
  }
  if (fd >= 0)
    close(fd);
}

// Raw ioctls with wrong sizes, directions, numbers and argument pointers.
// The argument is zeroed, so no pointer inside it can name this program.
void OpIoctl() {
  alignas(8) uint8_t arg[512] = {};
  unsigned nr = unsigned(R().Below(256));
  size_t size = R().Chance(80) ? R().Below(sizeof(arg)) : R().Below(1u << 14);
  unsigned dir = R().Chance(80) ? _IOC_WRITE : unsigned(R().Below(4));
  unsigned long cmd = _IOC(dir, R().Chance(95) ? 0xE4 : R().Below(256), nr, size);
  void* p = arg;
  if (size > sizeof(arg) || R().Chance(10))
    p = R().Chance(50) ? nullptr : reinterpret_cast<void*>(BadAddr() | 8);
  ioctl(P.dev, cmd, p);
}

// resources (the root resource when run as root)
void OpResource() {
  static const uint32_t kinds[] = {ZX_RSRC_KIND_MMIO, ZX_RSRC_KIND_IRQ, ZX_RSRC_KIND_IOPORT,
                                   ZX_RSRC_KIND_ROOT, ZX_RSRC_KIND_SMC, ZX_RSRC_KIND_SYSTEM};
  uint32_t o = kinds[R().Below(6)];
  if (R().Chance(20)) o |= ZX_RSRC_FLAG_EXCLUSIVE;
  if (R().Chance(5)) o = R().U32();
  uint64_t base = R().Chance(50) ? R().Below(16) * kPage : R().Next();
  char name[ZX_MAX_NAME_LEN + 8];
  size_t nl = R().Below(sizeof(name));
  Text(name, nl);
  zx_handle_t r;
  if (S(zx_resource_create(R().Chance(60) ? P.root_rsrc : H(), o, base, R().Size(1 << 16), name, nl, &r)) == ZX_OK)
    Put(r);
}

// DDK objects that reach no hardware: a dummy IOMMU, BTIs and pins,
// contiguous VMOs, virtual interrupts. Physical VMOs are made and closed
// at once, never mapped (they could name device registers).
void OpDdk() {
  zx_handle_t h;
  switch (R().Below(9)) {
    case 0: {
      zx_iommu_desc_dummy_t desc = {};
      if (S(zx_iommu_create(R().Chance(70) ? P.root_rsrc : H(), R().Chance(90) ? ZX_IOMMU_TYPE_DUMMY : R().U32(),
                            &desc, R().Chance(90) ? sizeof(desc) : R().Size(64), &h)) == ZX_OK)
        Put(h);
      break;
    }
    case 1:
      if (S(zx_bti_create(H(), R().Chance(95) ? 0 : R().U32(), R().Below(0x10000), &h)) == ZX_OK)
        Put(h);
      break;
    case 2: {
      size_t n = R().Below(17);
      uint32_t o = R().Chance(90) ? uint32_t(1 + R().Below(7)) : R().U32();
      if (R().Chance(20)) o |= ZX_BTI_CONTIGUOUS;
      if (S(zx_bti_pin(H(), o, H(), kPage * R().Below(4), R().Chance(90) ? n * kPage : R().Size(1 << 20),
                       reinterpret_cast<zx_paddr_t*>(T->scratch), n, &h)) == ZX_OK)
        Put(h);
      break;
    }
    case 3:
      S(R().Chance(50) ? zx_pmt_unpin(R().Chance(50) ? Take() : H()) : zx_bti_release_quarantine(H()));
      break;
    case 4:
      if (S(zx_vmo_create_contiguous(H(), R().Chance(90) ? kPage * (1 + R().Below(8)) : R().Size(1 << 24),
                                     uint32_t(R().Below(16)), &h)) == ZX_OK)
        Put(h);
      break;
    case 5:
      if (S(zx_interrupt_create(R().Chance(50) ? P.root_rsrc : H(), 0,
                                ZX_INTERRUPT_VIRTUAL | (R().Chance(90) ? 0 : (R().U32() & ~0xfu)), &h)) == ZX_OK)
        Put(h);
      break;
    case 6:
      switch (R().Below(4)) {
        case 0: S(zx_interrupt_bind(H(), H(), R().Below(4), R().Chance(90) ? uint32_t(R().Below(2)) : R().U32())); break;
        case 1: S(zx_interrupt_trigger(H(), 0, zx_clock_get_boot())); break;
        case 2: S(zx_interrupt_ack(H())); break;
        default: S(zx_interrupt_destroy(H()));
      }
      break;
    case 7: {
      // paddr 0 is RAM: refused as System RAM.
      if (S(zx_vmo_create_physical(R().Chance(50) ? P.root_rsrc : H(), 0, kPage, &h)) == ZX_OK)
        zx_handle_close(h);
      break;
    }
    default: {
      Buf b = Out(R().Size(8192));
      // Runs in userspace (CLFLUSH, DC): only on memory that is there.
      S(zx_cache_flush(T->scratch, b.n,
                       R().Chance(90) ? uint32_t(1 + R().Below(3)) : R().U32()));
    }
  }
}

const Op kOps[] = {
    {kHandle, 6, OpDup},           {kHandle, 2, OpReplace},        {kHandle, 6, OpClose},
    {kHandle, 2, OpCloseMany},     {kObject, 6, OpGetInfo},        {kObject, 3, OpProperty},
    {kObject, 4, OpSignal},        {kObject, 3, OpWaitOne},        {kObject, 2, OpWaitMany},
    {kEvent, 4, OpEvent},          {kChannel, 4, OpChannelCreate}, {kChannel, 6, OpChannelWrite},
    {kChannel, 2, OpChannelWriteEtc}, {kChannel, 5, OpChannelRead}, {kChannel, 2, OpChannelCall},
    {kChannel, 1, OpChannelCycle}, {kSocket, 5, OpSocket},         {kFifo, 3, OpFifo},
    {kPort, 6, OpPort},            {kTimer, 3, OpTimer},           {kClock, 2, OpClock},
    {kFutex, 3, OpFutex},          {kVmo, 5, OpVmoCreate},         {kVmo, 4, OpVmoRw},
    {kVmo, 4, OpVmoChild},         {kVmo, 2, OpVmoSize},           {kVmo, 3, OpVmoOpRange},
    {kVmo, 2, OpVmoMisc},          {kVmar, 3, OpVmarAllocate},     {kVmar, 6, OpVmarMap},
    {kVmar, 3, OpVmarUnmap},       {kVmar, 3, OpVmarProtect},      {kVmar, 3, OpVmarOpRange},
    {kVmar, 1, OpVmarDestroy},     {kLinuxMm, 6, OpTouch},         {kLinuxMm, 3, OpLinuxMm},
    {kStream, 3, OpStream},        {kPager, 3, OpPager},           {kDebuglog, 1, OpDebuglog},
    {kCprng, 1, OpCprng},          {kSystem, 1, OpSystem},         {kTask, 2, OpTask},
    {kFd, 3, OpFd},                {kIoctl, 2, OpIoctl},           {kResource, 1, OpResource},
    {kDdk, 2, OpDdk},
};
constexpr int kNumOps = sizeof(kOps) / sizeof(kOps[0]);
int g_total_weight;

bool Enabled(const Op& op) {
  if (op.fn == OpChannelCycle)
    return opt.cycles;
  if (op.fn == OpLinuxMm)
    return opt.mm_races;
  return true;
}

// ---- workers ------------------------------------------------------------------------

void OnFault(int sig, siginfo_t* si, void* uc) {
  if (T && T->touching)
    siglongjmp(T->jb, 1);
  // A real crash: say where, then die of it once we return.
  char msg[160];
  uintptr_t ip = 0;
#if defined(__x86_64__)
  ip = uintptr_t(static_cast<ucontext_t*>(uc)->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  ip = uintptr_t(static_cast<ucontext_t*>(uc)->uc_mcontext.pc);
#endif
  int n = snprintf(msg, sizeof(msg), "# zx-fuzz: pid %d: signal %d at address %p, ip %#lx\n", getpid(), sig,
                   si->si_addr, (unsigned long)ip);
  if (write(1, msg, size_t(n)) < 0)
    _exit(3);
  signal(sig, SIG_DFL);
}

Thread* NewThread(uint64_t seed) {
  auto* t = static_cast<Thread*>(calloc(1, sizeof(Thread)));
  t->r.s = seed;
  auto* m = static_cast<uint8_t*>(mmap(nullptr, kScratch + kPage, PROT_READ | PROT_WRITE,
                                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  if (m == MAP_FAILED) {
    perror("zx-fuzz: mmap");
    _exit(2);
  }
  mprotect(m + kScratch, kPage, PROT_NONE);
  t->scratch = m;
  t->altstack = static_cast<uint8_t*>(calloc(1, kAltStack));
  return t;
}

void EnterThread(Thread* t) {
  T = t;
  stack_t ss = {};
  ss.ss_sp = t->altstack;
  ss.ss_size = kAltStack;
  sigaltstack(&ss, nullptr);
}

void* FuzzThread(void* arg) {
  EnterThread(static_cast<Thread*>(arg));
  while (!P.go.load())
    sched_yield();
  uint64_t n = 0;
  while (!P.stop.load(std::memory_order_relaxed)) {
    if ((++n & 63) == 0 && zx_clock_get_monotonic() >= P.end)
      break;
    int w = int(R().Below(uint64_t(g_total_weight)));
    const Op* op = kOps;
    while (w >= op->weight || !Enabled(*op)) {
      if (Enabled(*op))
        w -= op->weight;
      op++;
    }
    op->fn();
    g_shared->calls[op->fam].fetch_add(1, std::memory_order_relaxed);
  }
  return nullptr;
}

// Serves this worker's pager-backed VMOs: supplies most pages, fails some.
[[noreturn]] void* PagerThread(void* arg) {
  EnterThread(static_cast<Thread*>(arg));
  // Until the process exits: a thread may still wait for a page.
  for (;;) {
    zx_port_packet_t pkt;
    if (zx_port_wait(P.pager_port, zx_deadline_after(ZX_MSEC(20)), &pkt) != ZX_OK ||
        pkt.type != ZX_PKT_TYPE_PAGE_REQUEST || pkt.page_request.command != ZX_PAGER_VMO_READ ||
        pkt.key >= kPagerVmos)
      continue;
    zx_handle_t vmo = P.pager_vmo[pkt.key].load();
    uint64_t off = pkt.page_request.offset, len = pkt.page_request.length;
    zx_handle_t aux;
    if (R().Chance(10) || zx_vmo_create(len, 0, &aux) != ZX_OK) {
      S(zx_pager_op_range(P.pager, ZX_PAGER_OP_FAIL, vmo, off, len, uint64_t(ZX_ERR_IO)));
      continue;
    }
    S(zx_vmo_write(aux, &off, 0, sizeof(off)));
    S(zx_pager_supply_pages(P.pager, vmo, off, len, aux, 0));
    zx_handle_close(aux);
  }
}

[[noreturn]] void Worker(uint64_t seed, int lifetime_ms) {
  mallopt(M_ARENA_MAX, 1);  // no new heap mappings where regions were
  struct sigaction sa = {};
  sa.sa_sigaction = OnFault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGBUS, &sa, nullptr);

  P.end = zx_clock_get_monotonic() + ZX_MSEC(lifetime_ms);
  P.dev = open("/dev/zircon", O_RDWR | O_CLOEXEC);
  P.ro_page = static_cast<uint8_t*>(mmap(nullptr, kPage, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  P.root_rsrc = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
  zx_info_handle_basic_t info;
  if (zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) == ZX_OK)
    P.koid = info.koid;
  zx_pager_create(0, &P.pager);
  zx_port_create(0, &P.pager_port);

  // Every thread exists before the first call: no thread stack is mapped
  // later, where a region the fuzzer writes to or unmaps used to be.
  int nt = opt.threads;
  pthread_t th[64];
  Thread* ts[65];
  for (int i = 0; i <= nt; i++)
    ts[i] = NewThread(Mix(seed + uint64_t(i)));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  for (int i = 1; i < nt; i++)
    pthread_create(&th[i], &attr, FuzzThread, ts[i]);
  pthread_create(&th[0], &attr, PagerThread, ts[nt]);
  P.go = true;
  FuzzThread(ts[0]);
  P.stop = true;
  // Exit with whatever is open (usually), or after closing the pool while
  // the other threads may still be in calls (never joined: one may wait
  // for a page forever now that the pager thread is gone).
  if (T->r.Chance(30))
    for (auto& h : P.pool)
      zx_handle_close(h.exchange(ZX_HANDLE_INVALID));
  _exit(0);
}

// ---- supervisor --------------------------------------------------------------

// How long after the deadline a worker may take to end.
constexpr int kStuckGraceMs = 300000;

int g_tap = 0, g_passed = 0, g_failed = 0;
void Tap(bool ok, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void Tap(bool ok, const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  printf("%sok %d - %s\n", ok ? "" : "not ", ++g_tap, buf);
  fflush(stdout);
  (ok ? g_passed : g_failed)++;
}

uint64_t NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000 + uint64_t(ts.tv_nsec) / 1000000;
}

struct Slot {
  pid_t pid = 0;
  int gen = 0;
  uint64_t seed = 0;
  bool killed = false;
};

int Supervise() {
  Rng r{opt.seed};
  Slot slots[64];
  int started = 0, killed = 0, bad = 0, stuck = 0;
  uint64_t t0 = NowMs(), end = t0 + uint64_t(opt.duration) * 1000;
  auto spawn = [&](int i) {
    Slot& s = slots[i];
    s.seed = Mix(opt.seed ^ Mix(uint64_t(i) << 32 | uint64_t(s.gen)));
    s.killed = false;
    int life = int(1000 + r.Below(9000));
    uint64_t left = end - NowMs();
    if (uint64_t(life) > left)
      life = int(left);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
      Worker(s.seed, life);
    s.pid = pid;
    started++;
  };
  for (int i = 0; i < opt.procs; i++)
    spawn(i);
  uint64_t next_report = t0 + 30000;
  for (;;) {
    uint64_t now = NowMs();
    bool over = now >= end;
    if (!over && opt.kills && r.Chance(10)) {
      Slot& s = slots[r.Below(uint64_t(opt.procs))];
      if (s.pid > 0 && kill(s.pid, SIGKILL) == 0) {
        s.killed = true;
        killed++;
      }
    }
    if (!over && now >= next_report) {
      uint64_t calls = 0;
      for (auto& c : g_shared->calls)
        calls += c.load();
      printf("# zx-fuzz: %llu s, %llu calls, %d workers started\n", (unsigned long long)((now - t0) / 1000),
             (unsigned long long)calls, started);
      fflush(stdout);
      next_report += 30000;
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      for (int i = 0; i < opt.procs; i++) {
        Slot& s = slots[i];
        if (s.pid != pid)
          continue;
        bool expected = (WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
                        (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        if (!expected) {
          bad++;
          printf("# zx-fuzz: worker %d.%d (seed %#llx) died: %s %d\n", i, s.gen, (unsigned long long)s.seed,
                 WIFSIGNALED(status) ? "signal" : "exit status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        }
        s.pid = 0;
        s.gen++;
        if (NowMs() < end)
          spawn(i);
      }
    }
    int alive = 0;
    for (int i = 0; i < opt.procs; i++)
      alive += slots[i].pid > 0;
    if (over && !alive)
      break;
    // Workers end by themselves at the deadline; one that cannot is stuck
    // in the kernel.  The grace is long: on a KASAN kernel a worker's exit
    // alone (thousands of handles, many VMOs) has taken over a minute.
    if (over && now > end + kStuckGraceMs) {
      for (int i = 0; i < opt.procs; i++)
        if (slots[i].pid > 0) {
          printf("# zx-fuzz: worker %d.%d (seed %#llx) still running %d s after the end\n", i, slots[i].gen,
                 (unsigned long long)slots[i].seed, kStuckGraceMs / 1000);
          kill(slots[i].pid, SIGKILL);
          stuck++;
        }
      for (int i = 0; i < opt.procs; i++)
        if (slots[i].pid > 0 && waitpid(slots[i].pid, &status, 0) < 0)
          perror("waitpid");
      break;
    }
    usleep(100000);
  }

  uint64_t calls = 0;
  for (auto& c : g_shared->calls)
    calls += c.load();
  printf("TAP version 13\n1..%d\n", 4 + kFamilies);
  Tap(true, "ran %d s: seed %#llx, %d processes x %d threads, %d workers, %d killed on purpose",
      opt.duration, (unsigned long long)opt.seed, opt.procs, opt.threads, started, killed);
  // A Linux munmap/mmap/mremap racing a VMAR call of another thread on the
  // same addresses may lose what Linux put there (as MAP_FIXED would): the
  // process hurts only itself, and the kernel is checked by the splat scan.
  Tap(bad == 0 || opt.mm_races, "no worker died other than by SIGKILL (%d did%s)", bad,
      opt.mm_races ? "; allowed with mm races, which let a worker unmap its own memory" : "");
  Tap(stuck == 0, "every worker ended after the deadline (%d stuck)", stuck);
  Tap(g_shared->unknown_status == 0, "every status is a Zircon status (%llu were not, e.g. %d)",
      (unsigned long long)g_shared->unknown_status.load(), g_shared->unknown_example.load());
  for (int f = 0; f < kFamilies; f++)
    Tap(g_shared->calls[f] > 0, "family %s: %llu calls", kFamilyInfo[f].name,
        (unsigned long long)g_shared->calls[f].load());
  printf("# zx-fuzz: seed %#llx: %llu calls (%llu ZX_ERR_NO_MEMORY)\n", (unsigned long long)opt.seed,
         (unsigned long long)calls, (unsigned long long)g_shared->no_memory.load());
  printf("# %d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}

// ---- fault injection ------------------------------------------------------------

bool WriteFile(const char* path, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
bool WriteFile(const char* path, const char* fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = write(fd, buf, size_t(n)) == n;
  close(fd);
  return ok;
}

const char* const kFaultDirs[] = {"/sys/kernel/debug/failslab", "/sys/kernel/debug/fail_page_alloc"};

// The module's text, from kallsyms (needs root): [start, end).
bool ModuleText(unsigned long* start, unsigned long* end) {
  FILE* f = fopen("/proc/kallsyms", "r");
  if (!f)
    return false;
  char line[512];
  *start = ~0ul;
  *end = 0;
  while (fgets(line, sizeof(line), f)) {
    unsigned long a;
    char type;
    if (!strstr(line, "[zircon]") || sscanf(line, "%lx %c", &a, &type) != 2 || (type != 't' && type != 'T'))
      continue;
    if (a < *start) *start = a;
    if (a > *end) *end = a;
  }
  fclose(f);
  *end += 64 * 1024;  // past the last function's start
  return *end > *start && *start != 0;
}

// Makes the module's allocations from this task (and its children) fail
// with @percent probability; 0 turns it off.
bool FaultSetup() {
  unsigned long start, end;
  if (!ModuleText(&start, &end)) {
    printf("# zx-fuzz: no zircon text in /proc/kallsyms (not root?)\n");
    return false;
  }
  for (const char* d : kFaultDirs) {
    char p[128];
    auto set = [&](const char* file, const char* val) {
      snprintf(p, sizeof(p), "%s/%s", d, file);
      return WriteFile(p, "%s", val);
    };
    char s[32], e[32];
    snprintf(s, sizeof(s), "%#lx", start);
    snprintf(e, sizeof(e), "%#lx", end);
    if (!set("probability", "0") || !set("interval", "1") || !set("times", "-1") || !set("space", "0") ||
        !set("verbose", "0") || !set("task-filter", "Y") || !set("require-start", s) || !set("require-end", e) ||
        !set("stacktrace-depth", "32") || !set("ignore-gfp-wait", "N")) {
      printf("# zx-fuzz: cannot configure %s (debugfs, CONFIG_FAULT_INJECTION_*)\n", d);
      return false;
    }
    if (strstr(d, "page")) {
      set("ignore-gfp-highmem", "N");
      set("min-order", "0");
    }
  }
  return WriteFile("/proc/self/make-it-fail", "1");
}

void FaultPercent(int percent) {
  for (const char* d : kFaultDirs) {
    char p[128];
    snprintf(p, sizeof(p), "%s/probability", d);
    WriteFile(p, "%d", percent);
  }
}

long Live(const char* name) {
  char path[128], buf[32] = {};
  snprintf(path, sizeof(path), "/sys/class/misc/zircon/%s", name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  return n > 0 ? strtol(buf, nullptr, 10) : -1;
}

// Each case makes its objects with allocations failing; it returns the
// status and closes whatever it made. The fixture objects come first.
struct Fixture {
  zx_handle_t vmo, fixed_vmo, port, ch0, ch1, s0, s1, pager, pport, event, root_rsrc, iommu, bti;
  zx_handle_t spare;  // an event made afresh before each case, for it to consume
};
struct SweepCase {
  const char* name;
  std::function<zx_status_t(Fixture&)> fn;
};

zx_status_t Closing(zx_status_t st, std::initializer_list<zx_handle_t> hs) {
  if (st == ZX_OK)
    for (zx_handle_t h : hs)
      zx_handle_close(h);
  return st;
}

int FaultSweep() {
  T = NewThread(opt.seed);
  Fixture fx{};
  fx.root_rsrc = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
  zx_vmo_create(16 * kPage, ZX_VMO_RESIZABLE, &fx.vmo);
  zx_vmo_create(16 * kPage, 0, &fx.fixed_vmo);  // slices and mappings want one
  zx_port_create(0, &fx.port);
  zx_channel_create(0, &fx.ch0, &fx.ch1);
  zx_socket_create(0, &fx.s0, &fx.s1);
  zx_pager_create(0, &fx.pager);
  zx_port_create(0, &fx.pport);
  zx_event_create(0, &fx.event);
  zx_iommu_desc_dummy_t desc = {};
  zx_iommu_create(fx.root_rsrc, ZX_IOMMU_TYPE_DUMMY, &desc, sizeof(desc), &fx.iommu);
  zx_bti_create(fx.iommu, 0, 1, &fx.bti);
  static zx_handle_t a, b, c;
  static zx_vaddr_t addr;
  static size_t actual;
  const SweepCase cases[] = {
      {"event_create", [](Fixture&) { return Closing(zx_event_create(0, &a), {a}); }},
      {"eventpair_create", [](Fixture&) { return Closing(zx_eventpair_create(0, &a, &b), {a, b}); }},
      {"channel_create", [](Fixture&) { return Closing(zx_channel_create(0, &a, &b), {a, b}); }},
      {"socket_create", [](Fixture&) { return Closing(zx_socket_create(0, &a, &b), {a, b}); }},
      {"fifo_create", [](Fixture&) { return Closing(zx_fifo_create(16, 8, 0, &a, &b), {a, b}); }},
      {"port_create", [](Fixture&) { return Closing(zx_port_create(0, &a), {a}); }},
      {"timer_create", [](Fixture&) { return Closing(zx_timer_create(0, ZX_CLOCK_MONOTONIC, &a), {a}); }},
      {"clock_create", [](Fixture&) { return Closing(zx_clock_create(ZX_CLOCK_OPT_AUTO_START, nullptr, &a), {a}); }},
      {"vmo_create", [](Fixture&) { return Closing(zx_vmo_create(4 * kPage, 0, &a), {a}); }},
      {"vmo_write (commits)", [](Fixture& f) { return zx_vmo_write(f.vmo, "x", 5 * kPage, 1); }},
      {"vmo_op_range COMMIT", [](Fixture& f) { return zx_vmo_op_range(f.vmo, ZX_VMO_OP_COMMIT, 0, 16 * kPage, nullptr, 0); }},
      {"vmo_create_child SNAPSHOT",
       [](Fixture& f) { return Closing(zx_vmo_create_child(f.vmo, ZX_VMO_CHILD_SNAPSHOT, 0, 8 * kPage, &a), {a}); }},
      {"vmo_create_child SLICE",
       [](Fixture& f) { return Closing(zx_vmo_create_child(f.fixed_vmo, ZX_VMO_CHILD_SLICE, 0, 4 * kPage, &a), {a}); }},
      {"vmo_set_size", [](Fixture& f) { return zx_vmo_set_size(f.vmo, 32 * kPage); }},
      {"vmar_allocate",
       [](Fixture&) {
         zx_status_t st = zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0, 16 * kPage, &a, &addr);
         if (st == ZX_OK) zx_vmar_destroy(a);
         return Closing(st, {a});
       }},
      {"vmar_map",
       [](Fixture& f) {
         zx_status_t st = zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, f.fixed_vmo, 0, 4 * kPage, &addr);
         if (st == ZX_OK) zx_vmar_unmap(zx_vmar_root_self(), addr, 4 * kPage);
         return st;
       }},
      {"stream_create",
       [](Fixture& f) { return Closing(zx_stream_create(ZX_STREAM_MODE_READ, f.vmo, 0, &a), {a}); }},
      {"pager_create", [](Fixture&) { return Closing(zx_pager_create(0, &a), {a}); }},
      {"pager_create_vmo",
       [](Fixture& f) { return Closing(zx_pager_create_vmo(f.pager, 0, f.pport, 0, 4 * kPage, &a), {a}); }},
      {"handle_duplicate", [](Fixture& f) { return Closing(zx_handle_duplicate(f.event, ZX_RIGHT_SAME_RIGHTS, &a), {a}); }},
      {"channel_write", [](Fixture& f) { return zx_channel_write(f.ch0, 0, "hello", 5, nullptr, 0); }},
      {"channel_write with a handle", [](Fixture& f) { return zx_channel_write(f.ch0, 0, "h", 1, &f.spare, 1); }},
      {"socket_write", [](Fixture& f) { return zx_socket_write(f.s0, 0, "data", 4, &actual); }},
      {"port_queue",
       [](Fixture& f) {
         zx_port_packet_t pkt{};
         pkt.type = ZX_PKT_TYPE_USER;
         return zx_port_queue(f.port, &pkt);
       }},
      {"object_wait_async",
       [](Fixture& f) { return zx_object_wait_async(f.event, f.port, 1, ZX_USER_SIGNAL_0, 0); }},
      {"debuglog_create",
       [](Fixture& f) { return Closing(zx_debuglog_create(f.root_rsrc, ZX_LOG_FLAG_READABLE, &a), {a}); }},
      {"resource_create",
       [](Fixture& f) {
         return Closing(zx_resource_create(f.root_rsrc, ZX_RSRC_KIND_MMIO, 0, kPage, "f", 1, &a), {a});
       }},
      {"interrupt_create VIRTUAL",
       [](Fixture& f) { return Closing(zx_interrupt_create(f.root_rsrc, 0, ZX_INTERRUPT_VIRTUAL, &a), {a}); }},
      {"iommu_create",
       [](Fixture& f) {
         zx_iommu_desc_dummy_t d = {};
         return Closing(zx_iommu_create(f.root_rsrc, ZX_IOMMU_TYPE_DUMMY, &d, sizeof(d), &a), {a});
       }},
      {"bti_create", [](Fixture& f) { return Closing(zx_bti_create(f.iommu, 0, 2, &a), {a}); }},
      {"bti_pin",
       [](Fixture& f) {
         zx_paddr_t pa[2];
         zx_status_t st = zx_bti_pin(f.bti, ZX_BTI_PERM_READ, f.vmo, 0, 2 * kPage, pa, 2, &c);
         if (st == ZX_OK) zx_pmt_unpin(c);
         return Closing(st, {c});
       }},
      {"handle_to_fd",
       [](Fixture& f) {
         int fd;
         zx_status_t st = zxlinux_handle_to_fd(f.spare, 0, &fd);
         if (st == ZX_OK) close(fd);
         return st;
       }},
      {"profile_create",
       [](Fixture&) {
         zx_profile_info_t info{};
         info.flags = ZX_PROFILE_INFO_FLAG_PRIORITY;
         info.priority = 16;
         return Closing(zx_profile_create(zx_job_default(), 0, &info, &a), {a});
       }},
  };
  int n = int(sizeof(cases) / sizeof(cases[0]));
  printf("TAP version 13\n1..%d\n", n);
  for (const auto& sc : cases) {
    long h0 = Live("live_handles"), o0 = Live("live_objects");
    zx_event_create(0, &fx.spare);
    FaultPercent(100);
    zx_status_t st = sc.fn(fx);
    FaultPercent(0);
    // Clear what a fixture gained (messages, bytes, packets, pages).
    zx_handle_close(fx.spare);
    uint8_t buf[16];
    zx_port_packet_t pkt;
    zx_handle_t hs[1];
    uint32_t ab, ah;
    while (zx_channel_read(fx.ch1, 0, buf, hs, sizeof(buf), 1, &ab, &ah) == ZX_OK)
      if (ah) zx_handle_close(hs[0]);
    while (zx_port_wait(fx.port, 0, &pkt) == ZX_OK) {
    }
    zx_port_cancel(fx.port, fx.event, 1);
    while (zx_socket_read(fx.s1, 0, buf, sizeof(buf), &actual) == ZX_OK) {
    }
    zx_vmo_set_size(fx.vmo, 16 * kPage);
    zx_vmo_op_range(fx.vmo, ZX_VMO_OP_DECOMMIT, 0, 16 * kPage, nullptr, 0);
    long h1 = -1, o1 = -1;
    for (int i = 0; i < 100; i++) {
      h1 = Live("live_handles");
      o1 = Live("live_objects");
      if (h1 == h0 && o1 == o0)
        break;
      usleep(20000);
    }
    bool clean = st == ZX_OK || st == ZX_ERR_NO_MEMORY;
    Tap(clean && h1 == h0 && o1 == o0, "%s with allocations failing: %s%s; handles %ld -> %ld, objects %ld -> %ld",
        sc.name, zx_status_get_string(st), st == ZX_OK ? " (allocated nothing)" : "", h0, h1, o0, o1);
  }
  printf("# %d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}

// ---- main --------------------------------------------------------------------------

void Usage() {
  fprintf(stderr,
          "usage: zx-fuzz [--seed N] [--duration S] [--procs N] [--threads N]\n"
          "               [--no-cycles] [--no-mm-races] [--no-kills] [--fail-percent P] [--fault-sweep]\n");
  exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    const char* a = argv[i];
    auto val = [&]() -> const char* {
      if (i + 1 >= argc)
        Usage();
      return argv[++i];
    };
    if (!strcmp(a, "--seed")) {
      opt.seed = strtoull(val(), nullptr, 0);
      opt.seed_given = true;
    } else if (!strcmp(a, "--duration")) {
      opt.duration = atoi(val());
    } else if (!strcmp(a, "--procs")) {
      opt.procs = atoi(val());
    } else if (!strcmp(a, "--threads")) {
      opt.threads = atoi(val());
    } else if (!strcmp(a, "--no-cycles")) {
      opt.cycles = false;
    } else if (!strcmp(a, "--no-mm-races")) {
      opt.mm_races = false;
    } else if (!strcmp(a, "--no-kills")) {
      opt.kills = false;
    } else if (!strcmp(a, "--fail-percent")) {
      opt.fail_percent = atoi(val());
    } else if (!strcmp(a, "--fault-sweep")) {
      opt.fault_sweep = true;
    } else {
      Usage();
    }
  }
  if (opt.procs < 1 || opt.procs > 64 || opt.threads < 1 || opt.threads > 64 || opt.duration < 1 ||
      opt.fail_percent < 0 || opt.fail_percent > 100)
    Usage();
  if (!opt.seed_given) {
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    opt.seed = Mix(uint64_t(ts.tv_nsec) ^ uint64_t(getpid()) << 32);
  }
  setvbuf(stdout, nullptr, _IOLBF, 0);
  printf("# zx-fuzz: seed %#llx (rerun with --seed %#llx)\n", (unsigned long long)opt.seed,
         (unsigned long long)opt.seed);

  g_shared = static_cast<Shared*>(
      mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  for (const Op& op : kOps)
    if (Enabled(op))
      g_total_weight += op.weight;
  signal(SIGPIPE, SIG_IGN);

  if (opt.fault_sweep) {
    if (!FaultSetup()) {
      printf("TAP version 13\n1..1\n");
      Tap(false, "fault injection available");
      printf("# %d passed, %d failed\n", g_passed, g_failed);
      return 1;
    }
    return FaultSweep();
  }
  if (opt.fail_percent) {
    if (!FaultSetup()) {
      printf("TAP version 13\n1..1\n");
      Tap(false, "fault injection available");
      printf("# %d passed, %d failed\n", g_passed, g_failed);
      return 1;
    }
    FaultPercent(opt.fail_percent);
  }
  if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, P.xsock) != 0) {
    perror("zx-fuzz: socketpair");
    return 2;
  }
  int rc = Supervise();
  if (opt.fail_percent)
    FaultPercent(0);
  return rc;
}

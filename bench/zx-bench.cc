// SPDX-License-Identifier: MIT
// zx-bench: Zircon microbenchmarks on zircon.ko, each next to the Linux
// primitive that does the same job, measured in the same run.
//
// Every case is a pair of loops (Zircon, Linux) that run N operations and
// check what each operation moved, so the benchmark is also a correctness
// test: a failed check marks the case FAIL and the exit status is 1.
// Timing: each loop is calibrated so one round takes about --round-ms, then
// the two loops of a case run --rounds rounds alternately (so both see the
// same machine load); the reported time per operation is the median over
// the rounds, and the ratio the median of the per-round ratios.
//
// Output: a text table on stdout, then the same rows as CSV between the
// lines "@@BENCH-CSV-BEGIN" and "@@BENCH-CSV-END" (scripts/bench.sh takes
// them from the VM's console).
//
// Adding a case: write a factory returning a Loop (setup happens in the
// factory, the run function does N operations and returns false on a failed
// check, teardown runs at the end) and add a row to the table in main().
// Cases whose Zircon side does not exist yet are listed in the "pending"
// section with their Linux baseline already measured: give them a Zircon
// factory when the syscalls land.
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <lib/zxlinux/fd.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/port.h>
#include <zircon/types.h>

namespace {

// ---- failures --------------------------------------------------------------

// The first failed check of the loop being measured; reset per loop.
std::string g_fail;

bool Fail(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
bool Fail(const char* fmt, ...) {
  if (!g_fail.empty())
    return false;
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  g_fail = buf;
  return false;
}

#define CHECK(cond, ...) \
  do {                   \
    if (!(cond))         \
      return Fail(__VA_ARGS__); \
  } while (0)
#define CHECK_ZX(expr)                                                   \
  do {                                                                   \
    zx_status_t s_ = (expr);                                             \
    if (s_ != ZX_OK)                                                     \
      return Fail("%s: %s (line %d)", #expr, zx_status_get_string(s_), __LINE__); \
  } while (0)
#define CHECK_SYS(expr)                                                    \
  do {                                                                     \
    if ((expr) < 0)                                                        \
      return Fail("%s: %s (line %d)", #expr, strerror(errno), __LINE__);   \
  } while (0)

// ---- loops and timing ------------------------------------------------------

// One side of a case: run(n) performs n operations, false on a failed check.
struct Loop {
  std::function<bool(uint64_t)> run;
  std::function<void()> teardown;
};
// Builds a Loop (its setup); returns false (and sets g_fail) if setup failed.
using Factory = std::function<bool(Loop*)>;

int g_rounds = 21;
double g_round_ns = 60e6;

uint64_t NowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
}

struct Measured {
  bool ok = false;
  double ns = 0;       // median per operation
  double spread = 0;   // (max - min) / median over the rounds
  uint64_t iters = 0;  // per round
  std::string error;
};

// One side being measured: its loop, calibrated round size and results.
struct Side {
  Loop loop;
  bool live = false;  // set up, not failed
  uint64_t n = 1;
  std::vector<double> per_op;
  Measured m;

  void SetUp(const Factory& make) {
    g_fail.clear();
    live = make(&loop);
    if (!live)
      m.error = g_fail.empty() ? "setup failed" : g_fail;
  }
  // Runs one round of n operations; false (and the error kept) on failure.
  bool Round(uint64_t count, double* ns) {
    g_fail.clear();
    uint64_t t0 = NowNs();
    bool ok = loop.run(count);
    *ns = double(NowNs() - t0);
    if (!ok) {
      m.error = g_fail.empty() ? "check failed" : g_fail;
      live = false;
    }
    return ok;
  }
  // Doubles n until a run takes a tenth of a round, then scales it up.  A
  // first operation is run and discarded: a cold one (first use of a lock
  // class, page faults, slab refills) would make n far too small.
  void Calibrate() {
    double t = 0;
    if (!Round(1, &t))
      return;
    for (n = 1; live; n *= 2) {
      if (!Round(n, &t))
        return;
      if (t >= g_round_ns / 10 || n >= (1u << 30))
        break;
    }
    n = std::max<uint64_t>(1, uint64_t(double(n) * g_round_ns / std::max(t, 1.0)));
  }
  void Finish() {
    if (loop.teardown) {
      g_fail.clear();
      loop.teardown();
      if (!g_fail.empty() && m.error.empty()) {
        m.error = g_fail;
        live = false;
      }
    }
    if (!live || per_op.empty())
      return;
    std::vector<double> v = per_op;
    std::sort(v.begin(), v.end());
    m.ok = true;
    m.ns = v[v.size() / 2];
    m.spread = (v.back() - v.front()) / m.ns;
    m.iters = n;
  }
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Measures a case's two sides with their rounds interleaved (zircon, linux,
// zircon, ...), so that both see the same machine load; the ratio is the
// median of the per-round ratios.  |zx| may be empty (pending case).
void MeasurePair(const Factory& zx, const Factory& lx, Measured* mz, Measured* ml,
                 double* ratio) {
  Side z, x;
  if (zx)
    z.SetUp(zx);
  x.SetUp(lx);
  if (z.live)
    z.Calibrate();
  if (x.live)
    x.Calibrate();
  std::vector<double> ratios;
  for (int r = 0; r < g_rounds && (z.live || x.live); r++) {
    double tz = 0, tx = 0;
    if (z.live && z.Round(z.n, &tz))
      z.per_op.push_back(tz / double(z.n));
    if (x.live && x.Round(x.n, &tx))
      x.per_op.push_back(tx / double(x.n));
    if (z.live && x.live)
      ratios.push_back((tz / double(z.n)) / (tx / double(x.n)));
  }
  z.Finish();
  x.Finish();
  *mz = z.m;
  *ml = x.m;
  *ratio = (mz->ok && ml->ok) ? Median(ratios) : 0;
}

// ---- helpers ---------------------------------------------------------------

// Stamps a message with its sequence number (first and last 8 bytes) over a
// fixed pattern, so a check can tell this message from any other.
void Stamp(uint8_t* buf, size_t size, uint64_t seq) {
  memcpy(buf, &seq, sizeof(seq));
  memcpy(buf + size - sizeof(seq), &seq, sizeof(seq));
}
void FillPattern(uint8_t* buf, size_t size) {
  for (size_t i = 0; i < size; i++)
    buf[i] = uint8_t(i * 131 + 7);
}
// Cheap check every time (stamps and size), full compare when |full|.
bool CheckMsg(const uint8_t* sent, const uint8_t* got, size_t size, size_t actual,
              bool full) {
  CHECK(actual == size, "received %zu bytes, sent %zu", actual, size);
  CHECK(memcmp(sent, got, 8) == 0 && memcmp(sent + size - 8, got + size - 8, 8) == 0,
        "received message has the wrong sequence stamp");
  if (full)
    CHECK(memcmp(sent, got, size) == 0, "received bytes differ from the sent ones");
  return true;
}

zx_koid_t Koid(zx_handle_t h) {
  zx_info_handle_basic_t info{};
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) != ZX_OK)
    return ZX_KOID_INVALID;
  return info.koid;
}

bool CloseAll(const std::vector<zx_handle_t>& hs) {
  // close_many in slices: one call, but bounded user arrays.
  for (size_t i = 0; i < hs.size(); i += 65536) {
    size_t n = std::min<size_t>(65536, hs.size() - i);
    CHECK_ZX(zx_handle_close_many(hs.data() + i, n));
  }
  return true;
}

void CloseFds(const std::vector<int>& fds) {
  for (int fd : fds)
    close(fd);
}

// ---- syscall floor -----------------------------------------------------------

bool ZxSyscallFloor(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  l->run = [ev](uint64_t n) {
    for (uint64_t i = 0; i < n; i++)
      CHECK_ZX(zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, nullptr, 0, nullptr, nullptr));
    return true;
  };
  l->teardown = [ev] { zx_handle_close(ev); };
  return true;
}

bool LxGetppid(Loop* l) {
  pid_t want = getppid();
  l->run = [want](uint64_t n) {
    for (uint64_t i = 0; i < n; i++)
      CHECK(syscall(SYS_getppid) == want, "getppid changed");
    return true;
  };
  return true;
}

// Probes for the investigation: what the ioctl path costs before any handle
// work (unknown command: the VFS ioctl path and our first checks only), and
// a failing handle lookup (argument copy, process lookup, table lock).
bool ZxProbeIoctlEnotty(Loop* l) {
  int fd = open("/dev/zircon", O_RDWR | O_CLOEXEC);
  CHECK_SYS(fd);
  l->run = [fd](uint64_t n) {
    uint64_t arg = 0;
    for (uint64_t i = 0; i < n; i++) {
      // Direction "read" is never a Zircon command: rejected first thing.
      int r = ioctl(fd, _IOR('z', 0, uint64_t), &arg);
      CHECK(r == -1 && errno == ENOTTY, "unknown ioctl gave %d/%d", r, errno);
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

bool ZxProbeCloseInvalid(Loop* l) {
  l->run = [](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_status_t s = zx_handle_close(0x7ffffff3u);
      CHECK(s == ZX_ERR_BAD_HANDLE, "close of a bogus handle gave %d", s);
    }
    return true;
  };
  return true;
}

bool LxProbeIoctlEnotty(Loop* l) {
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  l->run = [fd](uint64_t n) {
    uint64_t arg = 0;
    for (uint64_t i = 0; i < n; i++) {
      int r = ioctl(fd, _IOR('z', 0, uint64_t), &arg);
      CHECK(r == -1 && errno == ENOTTY, "unknown ioctl gave %d/%d", r, errno);
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

// ---- handles -------------------------------------------------------------

bool ZxEventCreateClose(Loop* l) {
  l->run = [](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_handle_t h = ZX_HANDLE_INVALID;
      CHECK_ZX(zx_event_create(0, &h));
      CHECK(h != ZX_HANDLE_INVALID, "event_create gave no handle");
      CHECK_ZX(zx_handle_close(h));
    }
    return true;
  };
  return true;
}

bool LxEventfdCreateClose(Loop* l) {
  l->run = [](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      int fd = eventfd(0, EFD_CLOEXEC);
      CHECK_SYS(fd);
      CHECK_SYS(close(fd));
    }
    return true;
  };
  return true;
}

bool ZxDuplicateClose(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  l->run = [ev](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_handle_t d = ZX_HANDLE_INVALID;
      CHECK_ZX(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, &d));
      CHECK(d != ZX_HANDLE_INVALID && d != ev, "duplicate gave %#x", d);
      CHECK_ZX(zx_handle_close(d));
    }
    return true;
  };
  l->teardown = [ev] { zx_handle_close(ev); };
  return true;
}

bool LxDupClose(Loop* l) {
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  l->run = [fd](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      int d = dup(fd);
      CHECK(d >= 0 && d != fd, "dup gave %d", d);
      CHECK_SYS(close(d));
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

// Probe: the same dup+close, but each close is of the handle duplicated 64
// operations earlier, so 64 consecutive table slots stay in use.  With a
// table that frees its index nodes when they empty (the xarray), this keeps
// the node of the current slots alive; the difference to HandleDuplicate is
// the node churn.
constexpr size_t kWindow = 64;

bool ZxDuplicateCloseWindow(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  auto ring = std::make_shared<std::vector<zx_handle_t>>(kWindow, ZX_HANDLE_INVALID);
  auto pos = std::make_shared<size_t>(0);
  l->run = [ev, ring, pos](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_handle_t& slot = (*ring)[(*pos)++ % kWindow];
      if (slot != ZX_HANDLE_INVALID)
        CHECK_ZX(zx_handle_close(slot));
      slot = ZX_HANDLE_INVALID;
      CHECK_ZX(zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, &slot));
      CHECK(slot != ZX_HANDLE_INVALID && slot != ev, "duplicate gave %#x", slot);
    }
    return true;
  };
  l->teardown = [ev, ring] {
    for (zx_handle_t h : *ring)
      if (h != ZX_HANDLE_INVALID && zx_handle_close(h) != ZX_OK)
        Fail("closing a windowed duplicate failed");
    zx_handle_close(ev);
  };
  return true;
}

bool LxDupCloseWindow(Loop* l) {
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  auto ring = std::make_shared<std::vector<int>>(kWindow, -1);
  auto pos = std::make_shared<size_t>(0);
  l->run = [fd, ring, pos](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      int& slot = (*ring)[(*pos)++ % kWindow];
      if (slot >= 0)
        CHECK_SYS(close(slot));
      slot = dup(fd);
      CHECK(slot >= 0 && slot != fd, "dup gave %d", slot);
    }
    return true;
  };
  l->teardown = [fd, ring] {
    for (int d : *ring)
      if (d >= 0)
        close(d);
    close(fd);
  };
  return true;
}

// Probe: one wait on an already signalled event (observer added, fires at
// once, removed), against poll() on one readable eventfd.
bool ZxWaitOneSignalled(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  CHECK_ZX(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
  l->run = [ev](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_signals_t seen = 0;
      CHECK_ZX(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, &seen));
      CHECK(seen & ZX_USER_SIGNAL_0, "wait_one saw %#x", seen);
    }
    return true;
  };
  l->teardown = [ev] { zx_handle_close(ev); };
  return true;
}

// ---- events ----------------------------------------------------------------

// Signal an event that is already signalled and wait for it: never blocks.
bool ZxEventSignal(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  l->run = [ev](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_signals_t seen = 0;
      CHECK_ZX(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
      CHECK_ZX(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, &seen));
      CHECK(seen & ZX_USER_SIGNAL_0, "wait_one saw %#x", seen);
    }
    return true;
  };
  l->teardown = [ev] { zx_handle_close(ev); };
  return true;
}

bool LxEventfdWritePoll(Loop* l) {
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  l->run = [fd](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      uint64_t one = 1;
      CHECK(write(fd, &one, 8) == 8, "eventfd write: %s", strerror(errno));
      pollfd p = {fd, POLLIN, 0};
      CHECK(poll(&p, 1, -1) == 1 && (p.revents & POLLIN), "poll: not readable");
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

// The same, then clear the signal again: a full set/observe/reset cycle.
bool ZxEventSignalClear(Loop* l) {
  zx_handle_t ev;
  CHECK_ZX(zx_event_create(0, &ev));
  l->run = [ev](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_signals_t seen = 0;
      CHECK_ZX(zx_object_signal(ev, 0, ZX_USER_SIGNAL_0));
      CHECK_ZX(zx_object_wait_one(ev, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, &seen));
      CHECK(seen & ZX_USER_SIGNAL_0, "wait_one saw %#x", seen);
      CHECK_ZX(zx_object_signal(ev, ZX_USER_SIGNAL_0, 0));
    }
    return true;
  };
  l->teardown = [ev] { zx_handle_close(ev); };
  return true;
}

bool LxEventfdWritePollRead(Loop* l) {
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  l->run = [fd](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      uint64_t v = 1;
      CHECK(write(fd, &v, 8) == 8, "eventfd write: %s", strerror(errno));
      pollfd p = {fd, POLLIN, 0};
      CHECK(poll(&p, 1, -1) == 1 && (p.revents & POLLIN), "poll: not readable");
      CHECK(read(fd, &v, 8) == 8 && v == 1, "eventfd read gave %llu",
            (unsigned long long)v);
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

// ---- channels, one thread --------------------------------------------------

struct Buffers {
  std::vector<uint8_t> out, in;
  explicit Buffers(size_t size) : out(size), in(size) { FillPattern(out.data(), size); }
};

Factory ZxChannelWriteRead(size_t size, uint32_t nhandles) {
  return [size, nhandles](Loop* l) {
    zx_handle_t a, b, ev = ZX_HANDLE_INVALID;
    CHECK_ZX(zx_channel_create(0, &a, &b));
    zx_koid_t koid = ZX_KOID_INVALID;
    if (nhandles) {
      CHECK_ZX(zx_event_create(0, &ev));
      koid = Koid(ev);
    }
    auto buf = std::make_shared<Buffers>(size);
    // The event travels back and forth; its current value lives here.
    auto cur = std::make_shared<zx_handle_t>(ev);
    l->run = [=](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        Stamp(buf->out.data(), size, i);
        CHECK_ZX(zx_channel_write(a, 0, buf->out.data(), uint32_t(size), cur.get(), nhandles));
        uint32_t actual = 0, actual_h = 0;
        zx_handle_t got = ZX_HANDLE_INVALID;
        CHECK_ZX(zx_channel_read(b, 0, buf->in.data(), &got, uint32_t(size), 1, &actual,
                                 &actual_h));
        if (!CheckMsg(buf->out.data(), buf->in.data(), size, actual, i == 0))
          return false;
        CHECK(actual_h == nhandles, "received %u handles, sent %u", actual_h, nhandles);
        if (nhandles) {
          CHECK(got != ZX_HANDLE_INVALID, "received an invalid handle");
          *cur = got;
          if (i == 0)
            CHECK(Koid(got) == koid, "received handle is not the sent event");
        }
      }
      return true;
    };
    l->teardown = [=] {
      zx_handle_close(a);
      zx_handle_close(b);
      if (*cur != ZX_HANDLE_INVALID)
        zx_handle_close(*cur);
    };
    return true;
  };
}

bool SeqpacketPair(int sv[2], size_t size) {
  CHECK_SYS(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv));
  int sz = int(std::max<size_t>(size * 4, 256 * 1024));
  for (int i = 0; i < 2; i++) {
    setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
    setsockopt(sv[i], SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
  }
  return true;
}

Factory LxSeqpacketSendRecv(size_t size, uint32_t nfds) {
  return [size, nfds](Loop* l) {
    int sv[2];
    if (!SeqpacketPair(sv, size))
      return false;
    int efd = -1;
    if (nfds)
      CHECK_SYS(efd = eventfd(0, EFD_CLOEXEC));
    auto buf = std::make_shared<Buffers>(size);
    l->run = [=](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        Stamp(buf->out.data(), size, i);
        union {
          cmsghdr h;
          char b[CMSG_SPACE(sizeof(int))];
        } ctl_out{}, ctl_in{};
        iovec iov = {buf->out.data(), size};
        msghdr m{};
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        if (nfds) {
          m.msg_control = ctl_out.b;
          m.msg_controllen = sizeof(ctl_out.b);
          cmsghdr* c = CMSG_FIRSTHDR(&m);
          c->cmsg_level = SOL_SOCKET;
          c->cmsg_type = SCM_RIGHTS;
          c->cmsg_len = CMSG_LEN(sizeof(int));
          memcpy(CMSG_DATA(c), &efd, sizeof(int));
        }
        CHECK(sendmsg(sv[0], &m, 0) == ssize_t(size), "sendmsg: %s", strerror(errno));
        iovec iov_in = {buf->in.data(), size};
        msghdr r{};
        r.msg_iov = &iov_in;
        r.msg_iovlen = 1;
        r.msg_control = ctl_in.b;
        r.msg_controllen = sizeof(ctl_in.b);
        ssize_t got = recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC);
        CHECK(got >= 0, "recvmsg: %s", strerror(errno));
        if (!CheckMsg(buf->out.data(), buf->in.data(), size, size_t(got), i == 0))
          return false;
        cmsghdr* c = CMSG_FIRSTHDR(&r);
        if (!nfds) {
          CHECK(c == nullptr, "unexpected control message");
          continue;
        }
        CHECK(c && c->cmsg_type == SCM_RIGHTS, "no SCM_RIGHTS received");
        int fd;
        memcpy(&fd, CMSG_DATA(c), sizeof(int));
        CHECK(fd >= 0, "received fd %d", fd);
        if (i == 0) {  // it is the same eventfd: a write shows on the original
          uint64_t v = 5;
          CHECK(write(fd, &v, 8) == 8 && read(efd, &v, 8) == 8 && v == 5,
                "received fd is not the sent eventfd");
        }
        CHECK_SYS(close(fd));
      }
      return true;
    };
    l->teardown = [=] {
      close(sv[0]);
      close(sv[1]);
      if (efd >= 0)
        close(efd);
    };
    return true;
  };
}

// ---- round trips between two processes --------------------------------------

constexpr size_t kRtSize = 64;

// Forks a server running |serve| and reaps it in teardown: the server exits
// when its end of the transport closes; teardown closes ours first.
struct Child {
  pid_t pid = -1;
  bool Reap() {
    int st = 0;
    if (pid <= 0)
      return true;
    CHECK(waitpid(pid, &st, 0) == pid, "waitpid: %s", strerror(errno));
    pid = -1;
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "server process failed (status %#x)", st);
    return true;
  }
};

// The reply to a request: the same bytes with each byte after the first 8
// (the txid and the stamp's room) incremented, so the client knows the
// server read and rewrote it.
void MakeReply(uint8_t* msg, size_t size) {
  for (size_t i = 8; i < size; i++)
    msg[i] = uint8_t(msg[i] + 1);
}
bool CheckReply(const uint8_t* req, const uint8_t* rep, size_t actual) {
  CHECK(actual == kRtSize, "reply has %zu bytes", actual);
  CHECK(memcmp(req, rep, 8) == 0, "reply does not carry the request's header");
  for (size_t i = 8; i < kRtSize; i++)
    CHECK(rep[i] == uint8_t(req[i] + 1), "reply byte %zu is wrong", i);
  return true;
}

// Channel server: echo every message with MakeReply until the peer closes.
[[noreturn]] void ChannelServer(int fd) {
  zx_handle_t ch = ZX_HANDLE_INVALID;
  if (zxlinux_handle_from_fd(fd, &ch) != ZX_OK)
    _exit(2);
  close(fd);
  uint8_t msg[kRtSize];
  for (;;) {
    zx_signals_t seen = 0;
    if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE,
                           &seen) != ZX_OK)
      _exit(3);
    uint32_t actual = 0, ah = 0;
    zx_status_t s = zx_channel_read(ch, 0, msg, nullptr, sizeof(msg), 0, &actual, &ah);
    if (s == ZX_ERR_PEER_CLOSED)
      _exit(0);
    if (s != ZX_OK || actual != kRtSize)
      _exit(4);
    MakeReply(msg, actual);
    if (zx_channel_write(ch, 0, msg, actual, nullptr, 0) != ZX_OK)
      _exit(5);
  }
}

bool StartChannelServer(zx_handle_t* client, Child* child) {
  zx_handle_t a, b;
  CHECK_ZX(zx_channel_create(0, &a, &b));
  int fd = -1;
  CHECK_ZX(zxlinux_handle_to_fd(b, 0, &fd));
  pid_t pid = fork();
  CHECK_SYS(pid);
  if (pid == 0)
    ChannelServer(fd);
  close(fd);  // the child holds the handle now
  child->pid = pid;
  *client = a;
  return true;
}

bool ZxRoundTripBasic(Loop* l) {
  zx_handle_t ch;
  auto child = std::make_shared<Child>();
  if (!StartChannelServer(&ch, child.get()))
    return false;
  l->run = [ch](uint64_t n) {
    uint8_t req[kRtSize], rep[kRtSize];
    FillPattern(req, sizeof(req));
    for (uint64_t i = 0; i < n; i++) {
      Stamp(req, 8, i);
      CHECK_ZX(zx_channel_write(ch, 0, req, sizeof(req), nullptr, 0));
      zx_signals_t seen = 0;
      CHECK_ZX(zx_object_wait_one(ch, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED,
                                  ZX_TIME_INFINITE, &seen));
      uint32_t actual = 0, ah = 0;
      CHECK_ZX(zx_channel_read(ch, 0, rep, nullptr, sizeof(rep), 0, &actual, &ah));
      if (!CheckReply(req, rep, actual))
        return false;
    }
    return true;
  };
  l->teardown = [ch, child] {
    zx_handle_close(ch);
    child->Reap();
  };
  return true;
}

bool ZxRoundTripCall(Loop* l) {
  zx_handle_t ch;
  auto child = std::make_shared<Child>();
  if (!StartChannelServer(&ch, child.get()))
    return false;
  l->run = [ch](uint64_t n) {
    uint8_t req[kRtSize], rep[kRtSize];
    FillPattern(req, sizeof(req));
    for (uint64_t i = 0; i < n; i++) {
      Stamp(req, 8, i);  // the txid (first 4 bytes) is the kernel's
      zx_channel_call_args_t args{};
      args.wr_bytes = req;
      args.wr_num_bytes = sizeof(req);
      args.rd_bytes = rep;
      args.rd_num_bytes = sizeof(rep);
      uint32_t actual = 0, ah = 0;
      CHECK_ZX(zx_channel_call(ch, 0, ZX_TIME_INFINITE, &args, &actual, &ah));
      // The kernel wrote the txid into our request buffer's copy only.
      memcpy(req, rep, 4);
      if (!CheckReply(req, rep, actual))
        return false;
    }
    return true;
  };
  l->teardown = [ch, child] {
    zx_handle_close(ch);
    child->Reap();
  };
  return true;
}

// Linux servers: read a request from |in|, reply on |out|, until EOF.
[[noreturn]] void FdServer(int in, int out) {
  uint8_t msg[kRtSize];
  for (;;) {
    ssize_t r = read(in, msg, sizeof(msg));
    if (r == 0)
      _exit(0);
    if (r != ssize_t(kRtSize))
      _exit(4);
    MakeReply(msg, kRtSize);
    if (write(out, msg, kRtSize) != ssize_t(kRtSize))
      _exit(5);
  }
}

bool FdRoundTrips(int wfd, int rfd, uint64_t n) {
  uint8_t req[kRtSize], rep[kRtSize];
  FillPattern(req, sizeof(req));
  for (uint64_t i = 0; i < n; i++) {
    Stamp(req, 8, i);
    CHECK(write(wfd, req, sizeof(req)) == ssize_t(sizeof(req)), "write: %s", strerror(errno));
    ssize_t r = read(rfd, rep, sizeof(rep));
    CHECK(r >= 0, "read: %s", strerror(errno));
    if (!CheckReply(req, rep, size_t(r)))
      return false;
  }
  return true;
}

bool LxRoundTripSeqpacket(Loop* l) {
  int sv[2];
  if (!SeqpacketPair(sv, kRtSize))
    return false;
  auto child = std::make_shared<Child>();
  pid_t pid = fork();
  CHECK_SYS(pid);
  if (pid == 0) {
    close(sv[0]);
    FdServer(sv[1], sv[1]);
  }
  close(sv[1]);
  child->pid = pid;
  int fd = sv[0];
  l->run = [fd](uint64_t n) { return FdRoundTrips(fd, fd, n); };
  l->teardown = [fd, child] {
    close(fd);
    child->Reap();
  };
  return true;
}

bool LxRoundTripPipes(Loop* l) {
  int to[2], from[2];
  CHECK_SYS(pipe2(to, O_CLOEXEC));
  CHECK_SYS(pipe2(from, O_CLOEXEC));
  auto child = std::make_shared<Child>();
  pid_t pid = fork();
  CHECK_SYS(pid);
  if (pid == 0) {
    close(to[1]);
    close(from[0]);
    FdServer(to[0], from[1]);
  }
  close(to[0]);
  close(from[1]);
  child->pid = pid;
  int w = to[1], r = from[0];
  l->run = [w, r](uint64_t n) { return FdRoundTrips(w, r, n); };
  l->teardown = [w, r, child] {
    close(w);
    close(r);
    child->Reap();
  };
  return true;
}

// ---- scaling -----------------------------------------------------------------

// object_signal on one handle while |live| handles exist in the process
// (duplicates of one event: the table grows, the object count does not).
Factory ZxHandleLookup(size_t live) {
  return [live](Loop* l) {
    auto hs = std::make_shared<std::vector<zx_handle_t>>();
    hs->reserve(live);
    zx_handle_t ev;
    CHECK_ZX(zx_event_create(0, &ev));
    hs->push_back(ev);
    while (hs->size() < live) {
      zx_handle_t d;
      zx_status_t s = zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, &d);
      if (s != ZX_OK) {
        CloseAll(*hs);
        return Fail("duplicate #%zu: %s", hs->size(), zx_status_get_string(s));
      }
      hs->push_back(d);
    }
    zx_handle_t target = hs->back();  // the newest: as deep as any
    l->run = [target](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        CHECK_ZX(zx_object_signal(target, i & 1 ? ZX_USER_SIGNAL_0 : 0,
                                  i & 1 ? 0 : ZX_USER_SIGNAL_0));
      }
      zx_signals_t seen = 0;
      zx_status_t s = zx_object_wait_one(target, ZX_USER_SIGNAL_0, 0, &seen);
      CHECK(s == ZX_OK || s == ZX_ERR_TIMED_OUT, "wait_one: %s", zx_status_get_string(s));
      CHECK(((seen & ZX_USER_SIGNAL_0) != 0) == (n % 2 == 1), "signal state %#x after %llu signals",
            seen, (unsigned long long)n);
      return true;
    };
    l->teardown = [hs] { CloseAll(*hs); };
    return true;
  };
}

// write() on one eventfd while |live| descriptors are open.
Factory LxFdLookup(size_t live) {
  return [live](Loop* l) {
    rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < live + 64) {
      rl.rlim_cur = rl.rlim_max = std::max<rlim_t>(rl.rlim_max, live + 64);
      CHECK_SYS(setrlimit(RLIMIT_NOFILE, &rl));
    }
    auto fds = std::make_shared<std::vector<int>>();
    fds->reserve(live);
    int efd = eventfd(0, EFD_CLOEXEC);
    CHECK_SYS(efd);
    fds->push_back(efd);
    while (fds->size() < live) {
      int d = dup(efd);
      if (d < 0) {
        int e = errno;
        CloseFds(*fds);
        return Fail("dup #%zu: %s", fds->size(), strerror(e));
      }
      fds->push_back(d);
    }
    int target = fds->back();
    l->run = [target, efd](uint64_t n) {
      uint64_t one = 1;
      for (uint64_t i = 0; i < n; i++)
        CHECK(write(target, &one, 8) == 8, "eventfd write: %s", strerror(errno));
      uint64_t v = 0;
      CHECK(read(efd, &v, 8) == 8 && v == n, "eventfd counted %llu of %llu writes",
            (unsigned long long)v, (unsigned long long)n);
      return true;
    };
    l->teardown = [fds] { CloseFds(*fds); };
    return true;
  };
}

Factory ZxWaitMany(size_t count) {
  return [count](Loop* l) {
    auto items = std::make_shared<std::vector<zx_wait_item_t>>(count);
    for (auto& it : *items) {
      CHECK_ZX(zx_event_create(0, &it.handle));
      CHECK_ZX(zx_object_signal(it.handle, 0, ZX_USER_SIGNAL_0));
      it.waitfor = ZX_USER_SIGNAL_0;
    }
    l->run = [items, count](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        for (auto& it : *items)
          it.pending = 0;
        CHECK_ZX(zx_object_wait_many(items->data(), count, ZX_TIME_INFINITE));
        for (auto& it : *items)
          CHECK(it.pending & ZX_USER_SIGNAL_0, "item not reported signalled (%#x)", it.pending);
      }
      return true;
    };
    l->teardown = [items] {
      for (auto& it : *items)
        zx_handle_close(it.handle);
    };
    return true;
  };
}

Factory LxPoll(size_t count) {
  return [count](Loop* l) {
    auto pfds = std::make_shared<std::vector<pollfd>>(count);
    for (auto& p : *pfds) {
      p.fd = eventfd(1, EFD_CLOEXEC);
      CHECK_SYS(p.fd);
      p.events = POLLIN;
    }
    l->run = [pfds, count](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        for (auto& p : *pfds)
          p.revents = 0;
        CHECK(poll(pfds->data(), count, -1) == int(count), "poll: not all readable");
        for (auto& p : *pfds)
          CHECK(p.revents & POLLIN, "fd %d not reported readable", p.fd);
      }
      return true;
    };
    l->teardown = [pfds] {
      for (auto& p : *pfds)
        close(p.fd);
    };
    return true;
  };
}

// ---- ports, futexes, VMOs ---------------------------------------------------

// Port/QueueWait: queue a packet, wait for it.  Baseline: an eventfd made
// readable and taken from an epoll set.
bool ZxPortQueueWait(Loop* l) {
  zx_handle_t port;
  CHECK_ZX(zx_port_create(0, &port));
  l->run = [port](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      zx_port_packet_t p{};
      p.key = 0x5ca1ab1e;
      p.type = ZX_PKT_TYPE_USER;
      p.user.u64[0] = i;
      p.user.u64[3] = ~i;
      CHECK_ZX(zx_port_queue(port, &p));
      zx_port_packet_t got{};
      CHECK_ZX(zx_port_wait(port, ZX_TIME_INFINITE, &got));
      CHECK(got.key == p.key && got.type == ZX_PKT_TYPE_USER && got.status == ZX_OK &&
                got.user.u64[0] == i && got.user.u64[3] == ~i,
            "port_wait gave the wrong packet (key %#llx type %u)",
            (unsigned long long)got.key, got.type);
    }
    return true;
  };
  l->teardown = [port] { zx_handle_close(port); };
  return true;
}

bool LxEpollQueueWait(Loop* l) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  CHECK_SYS(ep);
  int fd = eventfd(0, EFD_CLOEXEC);
  CHECK_SYS(fd);
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.u64 = 0x5ca1ab1e;
  CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e));
  l->run = [ep, fd](uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
      uint64_t v = 1;
      CHECK(write(fd, &v, 8) == 8, "eventfd write: %s", strerror(errno));
      epoll_event got{};
      CHECK(epoll_wait(ep, &got, 1, -1) == 1 && got.data.u64 == 0x5ca1ab1e,
            "epoll_wait: wrong event");
      CHECK(read(fd, &v, 8) == 8 && v == 1, "eventfd read");
    }
    return true;
  };
  l->teardown = [ep, fd] {
    close(fd);
    close(ep);
  };
  return true;
}

// RoundTrip_Port_MultiProcess: both sides block in a port wait.  Baseline:
// seqpacket ping-pong where each side blocks in epoll_wait before reading.
// Zircon arms a one-shot wait_async per message, as an async loop does;
// epoll's registration is level-triggered and made once.
constexpr uint64_t kPortKey = 0xc4a77e1;

// Arms a wait for |ch| to become readable (or its peer to close) and blocks
// on |port| until it fires; the packet's observed signals go to |seen|.
zx_status_t PortAwait(zx_handle_t port, zx_handle_t ch, zx_signals_t* seen) {
  zx_status_t s = zx_object_wait_async(ch, port, kPortKey,
                                       ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, 0);
  if (s != ZX_OK)
    return s;
  zx_port_packet_t p{};
  s = zx_port_wait(port, ZX_TIME_INFINITE, &p);
  if (s != ZX_OK)
    return s;
  if (p.key != kPortKey || p.type != ZX_PKT_TYPE_SIGNAL_ONE || p.status != ZX_OK)
    return ZX_ERR_INTERNAL;
  *seen = p.signal.observed;
  return ZX_OK;
}

[[noreturn]] void PortServer(int fd) {
  zx_handle_t ch = ZX_HANDLE_INVALID, port = ZX_HANDLE_INVALID;
  if (zxlinux_handle_from_fd(fd, &ch) != ZX_OK || zx_port_create(0, &port) != ZX_OK)
    _exit(2);
  close(fd);
  uint8_t msg[kRtSize];
  for (;;) {
    zx_signals_t seen = 0;
    if (PortAwait(port, ch, &seen) != ZX_OK)
      _exit(3);
    uint32_t actual = 0, ah = 0;
    zx_status_t s = zx_channel_read(ch, 0, msg, nullptr, sizeof(msg), 0, &actual, &ah);
    if (s == ZX_ERR_PEER_CLOSED)
      _exit(0);
    if (s != ZX_OK || actual != kRtSize || !(seen & ZX_CHANNEL_READABLE))
      _exit(4);
    MakeReply(msg, actual);
    if (zx_channel_write(ch, 0, msg, actual, nullptr, 0) != ZX_OK)
      _exit(5);
  }
}

bool ZxRoundTripPort(Loop* l) {
  zx_handle_t a, b, port;
  CHECK_ZX(zx_port_create(0, &port));
  CHECK_ZX(zx_channel_create(0, &a, &b));
  int fd = -1;
  CHECK_ZX(zxlinux_handle_to_fd(b, 0, &fd));
  auto child = std::make_shared<Child>();
  pid_t pid = fork();
  CHECK_SYS(pid);
  if (pid == 0)
    PortServer(fd);
  close(fd);  // the child holds the handle now
  child->pid = pid;
  l->run = [a, port](uint64_t n) {
    uint8_t req[kRtSize], rep[kRtSize];
    FillPattern(req, sizeof(req));
    for (uint64_t i = 0; i < n; i++) {
      Stamp(req, 8, i);
      CHECK_ZX(zx_channel_write(a, 0, req, sizeof(req), nullptr, 0));
      zx_signals_t seen = 0;
      CHECK_ZX(PortAwait(port, a, &seen));
      CHECK(seen & ZX_CHANNEL_READABLE, "port packet observed %#x", seen);
      uint32_t actual = 0, ah = 0;
      CHECK_ZX(zx_channel_read(a, 0, rep, nullptr, sizeof(rep), 0, &actual, &ah));
      if (!CheckReply(req, rep, actual))
        return false;
    }
    return true;
  };
  l->teardown = [a, port, child] {
    zx_handle_close(a);
    zx_handle_close(port);
    child->Reap();
  };
  return true;
}

[[noreturn]] void EpollServer(int fd) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  epoll_event e{};
  e.events = EPOLLIN;
  if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0)
    _exit(2);
  uint8_t msg[kRtSize];
  for (;;) {
    if (epoll_wait(ep, &e, 1, -1) != 1)
      _exit(3);
    ssize_t r = read(fd, msg, sizeof(msg));
    if (r == 0)
      _exit(0);
    if (r != ssize_t(kRtSize))
      _exit(4);
    MakeReply(msg, kRtSize);
    if (write(fd, msg, kRtSize) != ssize_t(kRtSize))
      _exit(5);
  }
}

bool LxRoundTripEpoll(Loop* l) {
  int sv[2];
  if (!SeqpacketPair(sv, kRtSize))
    return false;
  auto child = std::make_shared<Child>();
  pid_t pid = fork();
  CHECK_SYS(pid);
  if (pid == 0) {
    close(sv[0]);
    EpollServer(sv[1]);
  }
  close(sv[1]);
  child->pid = pid;
  int fd = sv[0];
  int ep = epoll_create1(EPOLL_CLOEXEC);
  CHECK_SYS(ep);
  epoll_event e{};
  e.events = EPOLLIN;
  CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e));
  l->run = [fd, ep](uint64_t n) {
    uint8_t req[kRtSize], rep[kRtSize];
    FillPattern(req, sizeof(req));
    for (uint64_t i = 0; i < n; i++) {
      Stamp(req, 8, i);
      CHECK(write(fd, req, sizeof(req)) == ssize_t(sizeof(req)), "write: %s", strerror(errno));
      epoll_event got{};
      CHECK(epoll_wait(ep, &got, 1, -1) == 1, "epoll_wait: %s", strerror(errno));
      ssize_t r = read(fd, rep, sizeof(rep));
      CHECK(r >= 0, "read: %s", strerror(errno));
      if (!CheckReply(req, rep, size_t(r)))
        return false;
    }
    return true;
  };
  l->teardown = [fd, ep, child] {
    close(ep);
    close(fd);
    child->Reap();
  };
  return true;
}

// Futex/WakeWait round trip: two threads hand a token back and forth through
// one futex word.  Baseline: the same with Linux's FUTEX_WAIT/FUTEX_WAKE.
// A wait that finds the word changed returns at once (Zircon BAD_STATE,
// Linux EAGAIN) and is retried; any other error is recorded and fails the
// case.
long LxFutex(std::atomic<uint32_t>* w, int op, uint32_t val) {
  return syscall(SYS_futex, reinterpret_cast<uint32_t*>(w), op | FUTEX_PRIVATE_FLAG, val, nullptr,
                 nullptr, 0);
}

struct FutexPingPong {
  std::atomic<uint32_t> word{0};  // even: main's turn, odd: the peer's
  std::atomic<uint64_t> stop{0};
  std::atomic<int> error{0};      // first failed call: a Zircon status or -errno
  bool zircon = false;
  std::thread peer;

  void Wake() {
    if (zircon) {
      zx_status_t s = zx_futex_wake(reinterpret_cast<const zx_futex_t*>(&word), 1);
      if (s != ZX_OK)
        error.store(s);
    } else if (LxFutex(&word, FUTEX_WAKE, 1) < 0) {
      error.store(-errno);
    }
  }
  void Wait(uint32_t v) {
    if (zircon) {
      zx_status_t s = zx_futex_wait(reinterpret_cast<const zx_futex_t*>(&word), zx_futex_t(v),
                                    ZX_HANDLE_INVALID, ZX_TIME_INFINITE);
      if (s != ZX_OK && s != ZX_ERR_BAD_STATE)
        error.store(s);
    } else if (LxFutex(&word, FUTEX_WAIT, v) < 0 && errno != EAGAIN && errno != EINTR) {
      error.store(-errno);
    }
  }
  void PassTo(uint32_t mine) {
    word.store(mine + 1, std::memory_order_release);
    Wake();
  }
  void Await(uint32_t want) {
    uint32_t v;
    while ((v = word.load(std::memory_order_acquire)) != want && !error.load())
      Wait(v);
  }
};

Factory FutexRoundTrip(bool zircon) {
  return [zircon](Loop* l) {
    auto s = std::make_shared<FutexPingPong>();
    s->zircon = zircon;
    s->peer = std::thread([p = s.get()] {
      for (uint32_t t = 1;; t += 2) {
        p->Await(t);
        if (p->stop.load() || p->error.load())
          return;
        p->PassTo(t);
      }
    });
    auto turn = std::make_shared<uint32_t>(0);
    l->run = [s, turn](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        s->PassTo(*turn);
        s->Await(*turn + 2);
        CHECK(!s->error.load(), "futex call failed: %d", s->error.load());
        *turn += 2;
        CHECK(s->word.load() == *turn, "futex word %u, expected %u", s->word.load(), *turn);
      }
      return true;
    };
    l->teardown = [s, turn] {
      s->stop.store(1);
      s->PassTo(*turn);
      s->peer.join();
      if (s->error.load())
        Fail("futex call failed: %d", s->error.load());
    };
    return true;
  };
}

// Vmo/WriteRead/N: write N bytes into a VMO and read them back.  Baseline:
// pwrite + pread on a memfd.
Factory ZxVmoWriteRead(size_t size) {
  return [size](Loop* l) {
    zx_handle_t vmo;
    CHECK_ZX(zx_vmo_create(size, 0, &vmo));
    auto buf = std::make_shared<Buffers>(size);
    l->run = [vmo, size, buf](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        Stamp(buf->out.data(), size, i);
        CHECK_ZX(zx_vmo_write(vmo, buf->out.data(), 0, size));
        CHECK_ZX(zx_vmo_read(vmo, buf->in.data(), 0, size));
        if (!CheckMsg(buf->out.data(), buf->in.data(), size, size, i == 0))
          return false;
      }
      return true;
    };
    l->teardown = [vmo] { zx_handle_close(vmo); };
    return true;
  };
}

Factory LxMemfdWriteRead(size_t size) {
  return [size](Loop* l) {
    int fd = int(syscall(SYS_memfd_create, "zx-bench", MFD_CLOEXEC));
    CHECK_SYS(fd);
    CHECK_SYS(ftruncate(fd, off_t(size)));
    auto buf = std::make_shared<Buffers>(size);
    l->run = [fd, size, buf](uint64_t n) {
      for (uint64_t i = 0; i < n; i++) {
        Stamp(buf->out.data(), size, i);
        CHECK(pwrite(fd, buf->out.data(), size, 0) == ssize_t(size), "pwrite: %s",
              strerror(errno));
        ssize_t r = pread(fd, buf->in.data(), size, 0);
        CHECK(r >= 0, "pread: %s", strerror(errno));
        if (!CheckMsg(buf->out.data(), buf->in.data(), size, size_t(r), i == 0))
          return false;
      }
      return true;
    };
    l->teardown = [fd] { close(fd); };
    return true;
  };
}

// ---- pending: Linux baselines of cases whose Zircon side is coming -----------
//
// VMAR mapping (zx_vmar_map) is being written.  A pending row already
// measures its Linux baseline; its Zircon factory is nullptr until the
// syscalls land.

// VmoMap/MapTouchUnmap/1MiB: map a VMO, write one byte per page, unmap.
// Baseline: mmap of a memfd.
bool LxMemfdMapTouchUnmap(Loop* l) {
  constexpr size_t kSize = 1 << 20;
  int fd = int(syscall(SYS_memfd_create, "zx-bench", MFD_CLOEXEC));
  CHECK_SYS(fd);
  CHECK_SYS(ftruncate(fd, kSize));
  l->run = [fd](uint64_t n) {
    size_t page = size_t(sysconf(_SC_PAGESIZE));
    for (uint64_t i = 0; i < n; i++) {
      auto* p = static_cast<volatile uint8_t*>(
          mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
      CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
      for (size_t off = 0; off < kSize; off += page)
        p[off] = uint8_t(i);
      bool ok = p[kSize - page] == uint8_t(i);
      CHECK_SYS(munmap(const_cast<uint8_t*>(p), kSize));
      CHECK(ok, "mapped page lost its write");
    }
    return true;
  };
  l->teardown = [fd] { close(fd); };
  return true;
}

// ---- the table -----------------------------------------------------------------

struct Case {
  const char* section;
  std::string name;      // Fuchsia microbenchmark style
  Factory zx;            // nullptr: pending
  std::string baseline;  // what the Linux loop does
  Factory lx;
  const char* pending_on = nullptr;  // which syscalls it waits for
};

struct Row {
  const Case* c;
  Measured zx, lx;
  double ratio = 0;  // median of per-round ratios; 0 if not measured
};

std::string Fmt(double ns) {
  char b[32];
  if (ns >= 1e6)
    snprintf(b, sizeof(b), "%.2f ms", ns / 1e6);
  else if (ns >= 1e3)
    snprintf(b, sizeof(b), "%.2f us", ns / 1e3);
  else
    snprintf(b, sizeof(b), "%.0f ns", ns);
  return b;
}

std::vector<Case> AllCases() {
  std::vector<Case> v;
  auto add = [&](const char* sec, std::string name, Factory zx, std::string base, Factory lx,
                 const char* pending = nullptr) {
    // The CSV has no quoting rules beyond this: names carry no commas.
    std::replace(name.begin(), name.end(), ',', ';');
    std::replace(base.begin(), base.end(), ',', ';');
    v.push_back(Case{sec, std::move(name), std::move(zx), std::move(base), std::move(lx),
                     pending});
  };
  add("floor", "Syscall/HandleValid", ZxSyscallFloor, "getppid()", LxGetppid);
  add("probe", "Probe/IoctlUnknownCmd", ZxProbeIoctlEnotty, "unknown ioctl on an eventfd",
      LxProbeIoctlEnotty);
  add("probe", "Probe/HandleCloseInvalid", ZxProbeCloseInvalid, "getppid()", LxGetppid);
  add("handles", "HandleCreate_Event", ZxEventCreateClose, "eventfd()+close()",
      LxEventfdCreateClose);
  add("handles", "HandleDuplicate", ZxDuplicateClose, "dup()+close()", LxDupClose);
  add("probe", "Probe/HandleDuplicate_Window64", ZxDuplicateCloseWindow,
      "dup()+close() (64 kept open)", LxDupCloseWindow);
  add("events", "Event/Signal", ZxEventSignal, "eventfd write+poll", LxEventfdWritePoll);
  add("events", "Event/SignalClear", ZxEventSignalClear, "eventfd write+poll+read",
      LxEventfdWritePollRead);
  for (uint32_t h : {0u, 1u}) {
    for (size_t size : {64u, 1024u, 32768u, 65536u}) {
      add("channels",
          "Channel/WriteRead/" + std::to_string(size) + "bytes/" + std::to_string(h) + "handles",
          ZxChannelWriteRead(size, h),
          std::string("seqpacket send+recv") + (h ? " +SCM_RIGHTS" : ""),
          LxSeqpacketSendRecv(size, h));
    }
  }
  add("roundtrip", "RoundTrip_BasicChannel_MultiProcess", ZxRoundTripBasic,
      "AF_UNIX seqpacket ping-pong", LxRoundTripSeqpacket);
  add("roundtrip", "RoundTrip_ChannelCall_MultiProcess", ZxRoundTripCall, "pipe pair ping-pong",
      LxRoundTripPipes);
  for (size_t n : {10u, 10000u, 1000000u})
    add("scaling", "HandleLookup/" + std::to_string(n) + "handles", ZxHandleLookup(n),
        "eventfd write (" + std::to_string(n) + " fds open)", LxFdLookup(n));
  add("probe", "Probe/WaitOne_Signalled", ZxWaitOneSignalled, "poll() on 1 eventfd", LxPoll(1));
  for (size_t n : {1u, 16u, 64u})
    add("scaling", "WaitMany/" + std::to_string(n), ZxWaitMany(n),
        "poll() on " + std::to_string(n) + " eventfd(s)", LxPoll(n));

  add("ports", "Port/QueueWait", ZxPortQueueWait, "eventfd write+epoll_wait+read",
      LxEpollQueueWait);
  add("ports", "RoundTrip_Port_MultiProcess", ZxRoundTripPort, "seqpacket ping-pong via epoll",
      LxRoundTripEpoll);
  add("futex", "Futex/WakeWait_RoundTrip", FutexRoundTrip(true),
      "FUTEX_WAKE/FUTEX_WAIT (2 threads)", FutexRoundTrip(false));
  for (size_t size : {4096u, 1048576u})
    add("vmo", "Vmo/WriteRead/" + std::to_string(size) + "bytes", ZxVmoWriteRead(size),
        "memfd pwrite+pread", LxMemfdWriteRead(size));
  // Pending: see the section above LxMemfdMapTouchUnmap.
  add("pending", "VmoMap/MapTouchUnmap/1048576bytes", nullptr, "mmap memfd+touch+munmap",
      LxMemfdMapTouchUnmap, "zx_vmar_map, zx_vmar_unmap");
  return v;
}

void Usage() {
  fprintf(stderr,
          "usage: zx-bench [--rounds N] [--round-ms MS] [--filter SUBSTRING] [--no-pin] [--list]\n");
}

}  // namespace

int main(int argc, char** argv) {
  const char* filter = nullptr;
  bool list = false, pin = true;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc)
      g_rounds = std::max(1, atoi(argv[++i]));
    else if (a == "--round-ms" && i + 1 < argc)
      g_round_ns = std::max(1.0, atof(argv[++i])) * 1e6;
    else if (a == "--filter" && i + 1 < argc)
      filter = argv[++i];
    else if (a == "--list")
      list = true;
    else if (a == "--no-pin")
      pin = false;
    else {
      Usage();
      return 2;
    }
  }
  // Everything (servers and threads inherit it) runs on one CPU: under
  // emulation a wakeup across vCPUs waits for the host to schedule the other
  // vCPU's thread, which made round trips swing between 0.1 and 5 ms from
  // run to run.  On one CPU a round trip is the IPC path plus two context
  // switches, on both sides alike.
  if (pin) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &one);
    if (sched_setaffinity(0, sizeof(one), &one) != 0)
      perror("zx-bench: sched_setaffinity");
  }
  // Children that die must not kill us with SIGPIPE: the write fails instead.
  signal(SIGPIPE, SIG_IGN);

  std::vector<Case> cases = AllCases();
  if (list) {
    for (auto& c : cases)
      printf("%s\n", c.name.c_str());
    return 0;
  }
  zx_handle_t probe;
  if (zx_event_create(0, &probe) != ZX_OK) {
    fprintf(stderr, "zx-bench: /dev/zircon does not work (is zircon.ko loaded?)\n");
    return 2;
  }
  zx_handle_close(probe);

  printf("zx-bench: %d rounds of ~%.0f ms per loop; median time per operation%s\n", g_rounds,
         g_round_ns / 1e6, pin ? "; pinned to one CPU" : "");
  fflush(stdout);
  uint64_t t_start = NowNs();
  // A filter naming a case exactly runs only that case, else every case
  // whose name contains it.
  bool exact = filter && std::any_of(cases.begin(), cases.end(),
                                     [&](const Case& c) { return c.name == filter; });
  std::vector<Row> rows;
  for (const Case& c : cases) {
    if (filter && (exact ? c.name != filter : c.name.find(filter) == std::string::npos))
      continue;
    Row r{&c, {}, {}, 0};
    uint64_t t0 = NowNs();
    MeasurePair(c.zx, c.lx, &r.zx, &r.lx, &r.ratio);
    // Progress on stderr (the console shows it live).
    fprintf(stderr, "  %-40s %s  %s  (%.1f s)\n", c.name.c_str(),
            !c.zx ? "pending" : r.zx.ok ? Fmt(r.zx.ns).c_str() : "FAIL",
            r.lx.ok ? Fmt(r.lx.ns).c_str() : "FAIL", double(NowNs() - t0) / 1e9);
    rows.push_back(std::move(r));
  }

  int failures = 0;
  printf("\n%-38s %11s  %-34s %11s  %7s  %s\n", "case", "zircon", "linux baseline", "linux",
         "ratio", "status");
  const char* sec = "";
  for (const Row& r : rows) {
    if (strcmp(sec, r.c->section) != 0) {
      sec = r.c->section;
      printf("-- %s\n", sec);
    }
    std::string status = "ok";
    if (!r.c->zx)
      status = std::string("pending (") + r.c->pending_on + ")";
    if (r.c->zx && !r.zx.ok)
      status = "FAIL: " + r.zx.error;
    else if (!r.lx.ok)
      status = "FAIL (linux): " + r.lx.error;
    if (status.rfind("FAIL", 0) == 0)
      failures++;
    char ratio[16] = "-";
    if (r.ratio > 0)
      snprintf(ratio, sizeof(ratio), "%.2fx", r.ratio);
    printf("%-38s %11s  %-34s %11s  %7s  %s\n", r.c->name.c_str(),
           !r.c->zx ? "pending" : r.zx.ok ? Fmt(r.zx.ns).c_str() : "-", r.c->baseline.c_str(),
           r.lx.ok ? Fmt(r.lx.ns).c_str() : "-", ratio, status.c_str());
  }
  printf("\n%zu cases, %d failed, %.1f s\n", rows.size(), failures,
         double(NowNs() - t_start) / 1e9);

  printf("@@BENCH-CSV-BEGIN\n");
  printf("section,case,zircon_ns,zircon_spread,baseline,linux_ns,linux_spread,ratio,status\n");
  for (const Row& r : rows) {
    std::string status = (r.c->zx && !r.zx.ok) || !r.lx.ok ? "FAIL" : !r.c->zx ? "pending" : "ok";
    if (r.ratio > 0)
      printf("%s,%s,%.1f,%.3f,\"%s\",%.1f,%.3f,%.4f,%s\n", r.c->section, r.c->name.c_str(),
             r.zx.ns, r.zx.spread, r.c->baseline.c_str(), r.lx.ns, r.lx.spread, r.ratio,
             status.c_str());
    else
      printf("%s,%s,%s,,\"%s\",%s,%s,,%s\n", r.c->section, r.c->name.c_str(),
             r.zx.ok ? std::to_string(r.zx.ns).c_str() : "", r.c->baseline.c_str(),
             r.lx.ok ? std::to_string(r.lx.ns).c_str() : "",
             r.lx.ok ? std::to_string(r.lx.spread).c_str() : "", status.c_str());
  }
  printf("@@BENCH-CSV-END\n");
  return failures ? 1 : 0;
}

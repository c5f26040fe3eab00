// SPDX-License-Identifier: MIT
// A small Zircon program on Linux: handles, rights, events, event pairs and
// waits, with handles crossing threads.  Written only against libzx, as a
// Fuchsia program would be.  Exits non-zero if anything is not as Zircon
// promises.
#include <stdio.h>
#include <string.h>

#include <thread>

#include <lib/zx/clock.h>
#include <lib/zx/event.h>
#include <lib/zx/eventpair.h>
#include <lib/zx/job.h>
#include <lib/zx/process.h>
#include <zircon/rights.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>

namespace {

int g_failures = 0;

void Check(const char* what, zx_status_t got, zx_status_t want) {
  bool ok = got == want;
  printf("  %-58s %s%s\n", what, zx_status_get_string(got), ok ? "" : "  <-- unexpected");
  if (!ok)
    g_failures++;
}

void Step(const char* title) { printf("\n%s\n", title); }

}  // namespace

int main() {
  if (zx_process_self() == ZX_HANDLE_INVALID) {
    fprintf(stderr, "zx-demo: /dev/zircon is not available: load zircon.ko first\n");
    return 1;
  }
  printf("zx-demo: %s, %u CPUs, page size %u\n", zx_system_get_version_string().c_str,
         zx_system_get_num_cpus(), zx_system_get_page_size());

  Step("1. This process and its default job");
  char name[ZX_MAX_NAME_LEN] = {};
  Check("process_self: get ZX_PROP_NAME",
        zx::process::self()->get_property(ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
  printf("  process koid %lu, name \"%s\", default job koid %lu\n",
         static_cast<unsigned long>(zx::process::self()->koid()), name,
         static_cast<unsigned long>(zx::job::default_job()->koid()));

  Step("2. Rights only shrink");
  zx::event event;
  Check("event_create", zx::event::create(0, &event), ZX_OK);
  zx::event wait_only;
  Check("duplicate with ZX_RIGHT_WAIT only", event.duplicate(ZX_RIGHT_WAIT, &wait_only), ZX_OK);
  Check("signal through the WAIT-only handle", wait_only.signal(0, ZX_EVENT_SIGNALED),
        ZX_ERR_ACCESS_DENIED);
  zx::event more;
  Check("duplicate the WAIT-only handle again", wait_only.duplicate(ZX_RIGHT_SAME_RIGHTS, &more),
        ZX_ERR_ACCESS_DENIED);

  Step("3. A worker thread waits; main signals");
  zx_signals_t seen = 0;
  zx_status_t worker_status = ZX_ERR_INTERNAL;
  std::thread worker([&] {
    // The handle value means the same thing in every thread of the process.
    worker_status = wait_only.wait_one(ZX_EVENT_SIGNALED, zx::deadline_after(zx::sec(30)), &seen);
  });
  zx::nanosleep(zx::deadline_after(zx::msec(50)));
  Check("signal ZX_EVENT_SIGNALED", event.signal(0, ZX_EVENT_SIGNALED), ZX_OK);
  worker.join();
  Check("worker's wait_one", worker_status, ZX_OK);
  printf("  worker observed signals 0x%x\n", seen);

  Step("4. Event pairs: ping-pong between threads, then peer closed");
  zx::eventpair left, right;
  Check("eventpair_create", zx::eventpair::create(0, &left, &right), ZX_OK);
  std::thread pong([&] {
    for (int i = 0; i < 3; i++) {
      zx_signals_t s = 0;
      if (right.wait_one(ZX_USER_SIGNAL_0 | ZX_EVENTPAIR_PEER_CLOSED, zx::time::infinite(), &s) !=
              ZX_OK ||
          (s & ZX_EVENTPAIR_PEER_CLOSED))
        return;
      right.signal(ZX_USER_SIGNAL_0, 0);
      right.signal_peer(0, ZX_USER_SIGNAL_1);
    }
  });
  for (int i = 0; i < 3; i++) {
    left.signal_peer(0, ZX_USER_SIGNAL_0);
    zx_signals_t s = 0;
    Check("ping, wait for pong", left.wait_one(ZX_USER_SIGNAL_1, zx::time::infinite(), &s), ZX_OK);
    left.signal(ZX_USER_SIGNAL_1, 0);
  }
  pong.join();
  right.reset();
  zx_signals_t closed = 0;
  Check("wait for PEER_CLOSED after the other end closed",
        left.wait_one(ZX_EVENTPAIR_PEER_CLOSED, zx::time::infinite_past(), &closed), ZX_OK);
  Check("signal_peer now", left.signal_peer(0, ZX_USER_SIGNAL_0), ZX_ERR_PEER_CLOSED);

  Step("5. wait_many over several events; a close cancels a wait");
  zx::event events[4];
  zx_wait_item_t items[4];
  for (int i = 0; i < 4; i++) {
    zx::event::create(0, &events[i]);
    items[i] = {events[i].get(), ZX_EVENT_SIGNALED, 0};
  }
  std::thread signaller([&] {
    zx::nanosleep(zx::deadline_after(zx::msec(20)));
    events[2].signal(0, ZX_EVENT_SIGNALED);
  });
  Check("wait_many, third event signalled by a thread",
        zx::event::wait_many(items, 4, zx::deadline_after(zx::sec(30))), ZX_OK);
  signaller.join();
  printf("  pending: %x %x %x %x\n", items[0].pending, items[1].pending, items[2].pending,
         items[3].pending);
  zx_handle_t doomed = events[0].release();
  std::thread closer([&] {
    zx::nanosleep(zx::deadline_after(zx::msec(20)));
    zx_handle_close(doomed);
  });
  Check("wait_one on a handle another thread closes",
        zx_object_wait_one(doomed, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, nullptr), ZX_ERR_CANCELED);
  closer.join();
  Check("the closed handle afterwards", zx_handle_close(doomed), ZX_ERR_BAD_HANDLE);

  Step("6. Timeouts and the cprng");
  zx::time before = zx::clock::get_monotonic();
  Check("wait_one with a 10 ms deadline",
        event.wait_one(ZX_USER_SIGNAL_7, zx::deadline_after(zx::msec(10)), nullptr),
        ZX_ERR_TIMED_OUT);
  printf("  waited %ld ms\n", static_cast<long>((zx::clock::get_monotonic() - before).to_msecs()));
  uint64_t random[2] = {};
  zx_cprng_draw(random, sizeof(random));
  printf("  cprng: %016lx %016lx\n", static_cast<unsigned long>(random[0]),
         static_cast<unsigned long>(random[1]));

  printf("\nzx-demo: %s\n", g_failures ? "FAILED" : "all steps behaved as Zircon documents");
  return g_failures ? 1 : 0;
}

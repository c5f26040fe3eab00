// SPDX-License-Identifier: MIT
// A user space pager, as a Fuchsia file system serves files: a pager
// thread makes the pages of a 64-page "file" on demand, and the main
// thread reads it through a mapping, each first touch of a page blocking
// in its page fault until the pager supplies it.  Then the pager refuses
// one page (the reader gets SIGBUS, as a Fuchsia thread gets a page-fault
// exception) and detaches.  Exits non-zero if anything is not as expected.
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atomic>

#include <lib/zx/pager.h>
#include <lib/zx/port.h>
#include <lib/zx/vmar.h>
#include <lib/zx/vmo.h>
#include <zircon/status.h>
#include <zircon/syscalls/port.h>

namespace {

constexpr uint64_t kPages = 64;
constexpr uint64_t kKey = 0xf11e;
// The page the file system "cannot read".
constexpr uint64_t kBadPage = 63;

struct FileServer {
  zx::pager pager;
  zx::port port;
  zx::vmo file;
  uint64_t page_size = 0;
  std::atomic<int> served{0};
  bool saw_complete = false;
};

bool Ok(const char* what, zx_status_t status) {
  printf("  %-44s %s\n", what, zx_status_get_string(status));
  fflush(stdout);
  return status == ZX_OK;
}

// The pager thread: one page of text per request, until the file detaches.
void* Serve(void* arg) {
  auto* fs = static_cast<FileServer*>(arg);
  char* page = new char[fs->page_size];
  for (;;) {
    zx_port_packet_t pkt;
    if (fs->port.wait(zx::time::infinite(), &pkt) != ZX_OK)
      break;
    if (pkt.page_request.command == ZX_PAGER_VMO_COMPLETE) {
      fs->saw_complete = true;
      break;
    }
    uint64_t index = pkt.page_request.offset / fs->page_size;
    if (index == kBadPage) {
      fs->pager.op_range(ZX_PAGER_OP_FAIL, fs->file, pkt.page_request.offset, fs->page_size,
                         static_cast<uint64_t>(ZX_ERR_IO));
      continue;
    }
    memset(page, 0, fs->page_size);
    snprintf(page, fs->page_size, "page %02llu of the demo file",
             static_cast<unsigned long long>(index));
    // Counted before the supply wakes the reader, which then reports it.
    fs->served++;
    zx::vmo aux;
    if (zx::vmo::create(fs->page_size, 0, &aux) != ZX_OK ||
        aux.write(page, 0, fs->page_size) != ZX_OK ||
        fs->pager.supply_pages(fs->file, pkt.page_request.offset, fs->page_size, aux, 0) !=
            ZX_OK)
      break;
  }
  delete[] page;
  return nullptr;
}

sigjmp_buf g_fault_jmp;
void* g_fault_addr;

void OnSigbus(int, siginfo_t* info, void*) {
  g_fault_addr = info->si_addr;
  siglongjmp(g_fault_jmp, 1);
}

// Touches @page, which the pager refuses: true if that ends in SIGBUS there.
bool TouchRefusedPage(const volatile char* page) {
  struct sigaction sa = {};
  sa.sa_sigaction = OnSigbus;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGBUS, &sa, nullptr);
  if (sigsetjmp(g_fault_jmp, 1) == 0) {
    char c = *page;
    printf("  page %llu read (%d): the pager should have refused it\n",
           static_cast<unsigned long long>(kBadPage), c);
    return false;
  }
  bool here = g_fault_addr == page;
  printf("  page %llu refused by the pager: SIGBUS at the faulting address: %s\n",
         static_cast<unsigned long long>(kBadPage), here ? "yes" : "NO");
  return here;
}

}  // namespace

int main() {
  printf("zx-pager-demo: a 64-page file served on demand by a pager thread\n");
  FileServer fs;
  fs.page_size = zx_system_get_page_size();
  if (!Ok("zx_pager_create", zx::pager::create(0, &fs.pager)) ||
      !Ok("zx_port_create", zx::port::create(0, &fs.port)) ||
      !Ok("zx_pager_create_vmo (the file)",
          fs.pager.create_vmo(0, fs.port, kKey, kPages * fs.page_size, &fs.file)))
    return 1;
  zx_vaddr_t addr = 0;
  if (!Ok("zx_vmar_map (read-only)",
          zx::vmar::root_self()->map(ZX_VM_PERM_READ, 0, fs.file, 0, kPages * fs.page_size,
                                     &addr)))
    return 1;
  pthread_t server;
  pthread_create(&server, nullptr, Serve, &fs);

  // Every fourth page, twice: only first touches reach the pager.
  const char* file = reinterpret_cast<const char*>(addr);
  bool good = true;
  for (int round = 0; round < 2; round++) {
    for (uint64_t i = 0; i < kBadPage; i += 4) {
      char want[32];
      snprintf(want, sizeof(want), "page %02llu of the demo file",
               static_cast<unsigned long long>(i));
      good &= strcmp(file + i * fs.page_size, want) == 0;
    }
    printf("  round %d: read 16 pages through the mapping, %d page requests so far\n",
           round + 1, fs.served.load());
  }
  printf("  page 12 says \"%s\"\n", file + 12 * fs.page_size);
  good &= fs.served.load() == 16;

  good &= TouchRefusedPage(file + kBadPage * fs.page_size);

  good &= Ok("zx_pager_detach_vmo", fs.pager.detach_vmo(fs.file));
  pthread_join(server, nullptr);
  printf("  pager thread saw ZX_PAGER_VMO_COMPLETE: %s\n", fs.saw_complete ? "yes" : "NO");
  good &= fs.saw_complete;
  good &= Ok("zx_vmar_unmap", zx::vmar::root_self()->unmap(addr, kPages * fs.page_size));
  printf("zx-pager-demo: %s\n", good ? "ok" : "FAILED");
  return good ? 0 : 1;
}

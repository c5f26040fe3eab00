// SPDX-License-Identifier: MIT
// Startup handles: what a Fuchsia process receives from its creator.  Each
// Linux process gets its own from zircon.ko on its first call.
#include <pthread.h>

#include <atomic>

#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

#include "ioctl.h"

namespace {

// Cached like libc caches them on Fuchsia; ZX_HANDLE_INVALID = not yet.
std::atomic<zx_handle_t> g_process_self{ZX_HANDLE_INVALID};
std::atomic<zx_handle_t> g_job_default{ZX_HANDLE_INVALID};
std::atomic<zx_handle_t> g_vmar_root{ZX_HANDLE_INVALID};
pthread_once_t g_atfork_once = PTHREAD_ONCE_INIT;

void InstallAtfork() { pthread_atfork(nullptr, nullptr, libzx::ResetAfterFork); }

zx_handle_t CachedStartupHandle(std::atomic<zx_handle_t>& cache, uint32_t info) {
  zx_handle_t h = cache.load(std::memory_order_acquire);
  if (h != ZX_HANDLE_INVALID)
    return h;
  pthread_once(&g_atfork_once, InstallAtfork);
  h = zx_take_startup_handle(info);
  zx_handle_t expected = ZX_HANDLE_INVALID;
  if (h != ZX_HANDLE_INVALID &&
      !cache.compare_exchange_strong(expected, h, std::memory_order_acq_rel)) {
    // Unreachable: the kernel hands each startup handle out once.
    zx_handle_close(h);
    return expected;
  }
  return h;
}

}  // namespace

void libzx::ResetAfterFork() {
  g_process_self.store(ZX_HANDLE_INVALID);
  g_job_default.store(ZX_HANDLE_INVALID);
  g_vmar_root.store(ZX_HANDLE_INVALID);
}

ZX_EXPORT zx_handle_t zx_take_startup_handle(uint32_t hnd_info) {
  zx_handle_t out = ZX_HANDLE_INVALID;
  zx_take_startup_handle_args args = {.info = hnd_info, .reserved = 0, .out = libzx::Ptr(&out)};
  if (libzx::Call(ZX_IOC_TAKE_STARTUP_HANDLE, &args) != ZX_OK)
    return ZX_HANDLE_INVALID;
  return out;
}

ZX_EXPORT zx_handle_t zx_process_self(void) {
  return CachedStartupHandle(g_process_self, PA_HND(PA_PROC_SELF, 0));
}

ZX_EXPORT zx_handle_t zx_job_default(void) {
  return CachedStartupHandle(g_job_default, PA_HND(PA_JOB_DEFAULT, 0));
}

ZX_EXPORT zx_handle_t zx_vmar_root_self(void) {
  return CachedStartupHandle(g_vmar_root, PA_HND(PA_VMAR_ROOT, 0));
}

ZX_EXPORT zx_status_t zx_process_read_memory(zx_handle_t handle, zx_vaddr_t vaddr, void* buffer,
                                             size_t buffer_size, size_t* actual) {
  zx_process_memory_args args = {.handle = handle,
                                 .reserved = 0,
                                 .vaddr = vaddr,
                                 .buffer = libzx::Ptr(buffer),
                                 .buffer_size = buffer_size,
                                 .actual = libzx::Ptr(actual)};
  return libzx::Call(ZX_IOC_PROCESS_READ_MEMORY, &args);
}

ZX_EXPORT zx_status_t zx_process_write_memory(zx_handle_t handle, zx_vaddr_t vaddr,
                                              const void* buffer, size_t buffer_size,
                                              size_t* actual) {
  zx_process_memory_args args = {.handle = handle,
                                 .reserved = 0,
                                 .vaddr = vaddr,
                                 .buffer = libzx::Ptr(buffer),
                                 .buffer_size = buffer_size,
                                 .actual = libzx::Ptr(actual)};
  return libzx::Call(ZX_IOC_PROCESS_WRITE_MEMORY, &args);
}

// SPDX-License-Identifier: MIT
// zx_thread_self(): each Linux thread's own thread handle, asked of
// zircon.ko once and kept by the runtime until the thread exits.
#include <pthread.h>
#include <stdint.h>

#include <zircon/process.h>
#include <zircon/syscalls.h>

#include "ioctl.h"

namespace {

thread_local zx_handle_t t_self = ZX_HANDLE_INVALID;
// Its destructor closes the handle when the thread exits, so the kernel's
// thread object goes with the thread (a thread that never asked has none).
pthread_key_t g_self_key;
pthread_once_t g_self_once = PTHREAD_ONCE_INIT;

void CloseSelf(void* value) {
  t_self = ZX_HANDLE_INVALID;
  zx_handle_close(static_cast<zx_handle_t>(reinterpret_cast<uintptr_t>(value)));
}

// The fork() child's only thread is a new Linux thread in a process whose
// handle table is empty: the parent thread's value means nothing there.
void ForgetSelfAfterFork() {
  t_self = ZX_HANDLE_INVALID;
  pthread_setspecific(g_self_key, nullptr);
}

void InitSelfKey() {
  pthread_key_create(&g_self_key, CloseSelf);
  pthread_atfork(nullptr, nullptr, ForgetSelfAfterFork);
}

}  // namespace

ZX_EXPORT zx_handle_t zx_thread_self(void) {
  if (t_self != ZX_HANDLE_INVALID)
    return t_self;
  pthread_once(&g_self_once, InitSelfKey);
  zx_handle_t h = ZX_HANDLE_INVALID;
  zx_create_args args = {.options = 0, .reserved = 0, .out = libzx::Ptr(&h)};
  if (libzx::Call(ZX_IOC_THREAD_SELF, &args) != ZX_OK)
    return ZX_HANDLE_INVALID;
  t_self = h;
  pthread_setspecific(g_self_key, reinterpret_cast<void*>(static_cast<uintptr_t>(h)));
  return h;
}

// SPDX-License-Identifier: MIT
// Calls every task type answers: jobs, processes and threads.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_task_kill(zx_handle_t handle) {
  zx_handle_close_args args = {.handle = handle, .reserved = 0};
  return libzx::Call(ZX_IOC_TASK_KILL, &args);
}

// Fuchsia renamed zx_task_suspend_token() to zx_task_suspend(); lib/zx still
// calls the old name.
ZX_ALIAS zx_status_t zx_task_suspend_token(zx_handle_t handle, zx_handle_t* token) {
  return zx_task_suspend(handle, token);
}

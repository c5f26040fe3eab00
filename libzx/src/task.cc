// SPDX-License-Identifier: MIT
// Calls every task type answers: jobs, processes and threads.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_task_kill(zx_handle_t handle) {
  zx_handle_close_args args = {.handle = handle, .reserved = 0};
  return libzx::Call(ZX_IOC_TASK_KILL, &args);
}

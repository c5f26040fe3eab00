// SPDX-License-Identifier: MIT
// Timers: one ioctl per call.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_timer_create(uint32_t options, zx_clock_t clock_id, zx_handle_t* out) {
  zx_timer_create_args args = {.options = options, .clock_id = clock_id, .out = libzx::Ptr(out)};
  return libzx::Call(ZX_IOC_TIMER_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_timer_set(zx_handle_t handle, zx_time_t deadline, zx_duration_t slack) {
  zx_timer_set_args args = {.handle = handle, .reserved = 0, .deadline = deadline, .slack = slack};
  return libzx::Call(ZX_IOC_TIMER_SET, &args);
}

ZX_EXPORT zx_status_t zx_timer_cancel(zx_handle_t handle) {
  zx_timer_cancel_args args = {.handle = handle, .reserved = 0};
  return libzx::Call(ZX_IOC_TIMER_CANCEL, &args);
}

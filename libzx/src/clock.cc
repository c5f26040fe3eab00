// SPDX-License-Identifier: MIT
// Clock objects.  Their versioned argument structs stay in the caller's
// memory: the kernel reads or writes them by the version in options.
#include <zircon/syscalls.h>
#include <zircon/syscalls/clock.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_clock_create(uint64_t options, const void* args, zx_handle_t* out) {
  zx_clock_create_args a = {.options = options, .args = libzx::Ptr(args), .out = libzx::Ptr(out)};
  return libzx::Call(ZX_IOC_CLOCK_CREATE, &a);
}

ZX_EXPORT zx_status_t zx_clock_read(zx_handle_t handle, zx_time_t* now) {
  zx_clock_read_args a = {.handle = handle, .reserved = 0, .now = libzx::Ptr(now)};
  return libzx::Call(ZX_IOC_CLOCK_READ, &a);
}

ZX_EXPORT zx_status_t zx_clock_get_details(zx_handle_t handle, uint64_t options, void* details) {
  zx_clock_io_args a = {
      .handle = handle, .reserved = 0, .options = options, .buffer = libzx::Ptr(details)};
  return libzx::Call(ZX_IOC_CLOCK_GET_DETAILS, &a);
}

ZX_EXPORT zx_status_t zx_clock_update(zx_handle_t handle, uint64_t options, const void* args) {
  zx_clock_io_args a = {
      .handle = handle, .reserved = 0, .options = options, .buffer = libzx::Ptr(args)};
  return libzx::Call(ZX_IOC_CLOCK_UPDATE, &a);
}

// SPDX-License-Identifier: MIT
// Scheduler profiles: each call is one ioctl.
#include <zircon/syscalls.h>
#include <zircon/syscalls/profile.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_profile_create(zx_handle_t root_job, uint32_t options,
                                        const zx_profile_info_t* profile, zx_handle_t* out) {
  zx_profile_create_args args = {.root_job = root_job,
                                 .options = options,
                                 .profile = libzx::Ptr(profile),
                                 .out = libzx::Ptr(out)};
  return libzx::Call(ZX_IOC_PROFILE_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_object_set_profile(zx_handle_t handle, zx_handle_t profile,
                                            uint32_t options) {
  zx_object_set_profile_args args = {
      .handle = handle, .profile = profile, .options = options, .reserved = 0};
  return libzx::Call(ZX_IOC_OBJECT_SET_PROFILE, &args);
}

// SPDX-License-Identifier: MIT
// Futexes: wait queues on user words, kept by zircon.ko per process.
#include <zircon/syscalls.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_futex_wait(const zx_futex_t* value_ptr, zx_futex_t current_value,
                                    zx_handle_t new_futex_owner, zx_time_t deadline) {
  zx_futex_wait_args args = {
      .value_ptr = libzx::Ptr(value_ptr),
      .current_value = current_value,
      .new_futex_owner = new_futex_owner,
      .deadline = deadline,
  };
  return libzx::Call(ZX_IOC_FUTEX_WAIT, &args);
}

ZX_EXPORT zx_status_t zx_futex_wake(const zx_futex_t* value_ptr, uint32_t wake_count) {
  zx_futex_wake_args args = {
      .value_ptr = libzx::Ptr(value_ptr), .wake_count = wake_count, .reserved = 0};
  return libzx::Call(ZX_IOC_FUTEX_WAKE, &args);
}

ZX_EXPORT zx_status_t zx_futex_wake_single_owner(const zx_futex_t* value_ptr) {
  zx_futex_ptr_args args = {.value_ptr = libzx::Ptr(value_ptr)};
  return libzx::Call(ZX_IOC_FUTEX_WAKE_SINGLE_OWNER, &args);
}

ZX_EXPORT zx_status_t zx_futex_requeue(const zx_futex_t* value_ptr, uint32_t wake_count,
                                       zx_futex_t current_value, const zx_futex_t* requeue_ptr,
                                       uint32_t requeue_count, zx_handle_t new_requeue_owner) {
  zx_futex_requeue_args args = {
      .value_ptr = libzx::Ptr(value_ptr),
      .requeue_ptr = libzx::Ptr(requeue_ptr),
      .wake_count = wake_count,
      .current_value = current_value,
      .requeue_count = requeue_count,
      .new_requeue_owner = new_requeue_owner,
  };
  return libzx::Call(ZX_IOC_FUTEX_REQUEUE, &args);
}

ZX_EXPORT zx_status_t zx_futex_requeue_single_owner(const zx_futex_t* value_ptr,
                                                    zx_futex_t current_value,
                                                    const zx_futex_t* requeue_ptr,
                                                    uint32_t requeue_count,
                                                    zx_handle_t new_requeue_owner) {
  zx_futex_requeue_args args = {
      .value_ptr = libzx::Ptr(value_ptr),
      .requeue_ptr = libzx::Ptr(requeue_ptr),
      .wake_count = 1,
      .current_value = current_value,
      .requeue_count = requeue_count,
      .new_requeue_owner = new_requeue_owner,
  };
  return libzx::Call(ZX_IOC_FUTEX_REQUEUE_SINGLE_OWNER, &args);
}

ZX_EXPORT zx_status_t zx_futex_get_owner(const zx_futex_t* value_ptr, zx_koid_t* koid) {
  zx_futex_get_owner_args args = {.value_ptr = libzx::Ptr(value_ptr), .koid = libzx::Ptr(koid)};
  return libzx::Call(ZX_IOC_FUTEX_GET_OWNER, &args);
}

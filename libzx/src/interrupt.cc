// SPDX-License-Identifier: MIT
// Interrupt objects: each call is one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num,
                                          uint32_t options, zx_handle_t* out_handle) {
  zx_interrupt_create_args args = {.src_obj = src_obj,
                                   .src_num = src_num,
                                   .options = options,
                                   .reserved = 0,
                                   .out = Ptr(out_handle)};
  return Call(ZX_IOC_INTERRUPT_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_time_t* out_timestamp) {
  zx_interrupt_wait_args args = {
      .handle = handle, .reserved = 0, .out_timestamp = Ptr(out_timestamp)};
  return Call(ZX_IOC_INTERRUPT_WAIT, &args);
}

ZX_EXPORT zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options,
                                           zx_time_t timestamp) {
  zx_interrupt_trigger_args args = {.handle = handle, .options = options, .timestamp = timestamp};
  return Call(ZX_IOC_INTERRUPT_TRIGGER, &args);
}

ZX_EXPORT zx_status_t zx_interrupt_destroy(zx_handle_t handle) {
  zx_ddk_handle_args args = {.handle = handle, .reserved = 0};
  return Call(ZX_IOC_INTERRUPT_DESTROY, &args);
}

ZX_EXPORT zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port_handle, uint64_t key,
                                        uint32_t options) {
  zx_interrupt_bind_args args = {
      .handle = handle, .port = port_handle, .key = key, .options = options, .reserved = 0};
  return Call(ZX_IOC_INTERRUPT_BIND, &args);
}

ZX_EXPORT zx_status_t zx_interrupt_ack(zx_handle_t handle) {
  zx_ddk_handle_args args = {.handle = handle, .reserved = 0};
  return Call(ZX_IOC_INTERRUPT_ACK, &args);
}

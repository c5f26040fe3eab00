// SPDX-License-Identifier: MIT
// Ports and async waits.
#include <zircon/syscalls.h>
#include <zircon/syscalls/port.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_port_create(uint32_t options, zx_handle_t* out) {
  zx_create_args args = {.options = options, .reserved = 0, .out = Ptr(out)};
  return Call(ZX_IOC_PORT_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet) {
  zx_port_queue_args args = {.handle = handle, .reserved = 0, .packet = Ptr(packet)};
  return Call(ZX_IOC_PORT_QUEUE, &args);
}

ZX_EXPORT zx_status_t zx_port_wait(zx_handle_t handle, zx_time_t deadline,
                                   zx_port_packet_t* packet) {
  zx_port_wait_args args = {
      .handle = handle, .reserved = 0, .deadline = deadline, .packet = Ptr(packet)};
  return Call(ZX_IOC_PORT_WAIT, &args);
}

ZX_EXPORT zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key) {
  zx_port_cancel_args args = {.handle = handle, .source = source, .key = key};
  return Call(ZX_IOC_PORT_CANCEL, &args);
}

ZX_EXPORT zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key,
                                           zx_signals_t signals, uint32_t options) {
  zx_object_wait_async_args args = {
      .handle = handle, .port = port, .key = key, .signals = signals, .options = options};
  return Call(ZX_IOC_OBJECT_WAIT_ASYNC, &args);
}

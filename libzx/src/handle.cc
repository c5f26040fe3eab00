// SPDX-License-Identifier: MIT
// Handles and object calls.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_handle_close(zx_handle_t handle) {
  if (handle == ZX_HANDLE_INVALID)
    return ZX_OK;
  zx_handle_close_args args = {.handle = handle, .reserved = 0};
  return Call(ZX_IOC_HANDLE_CLOSE, &args);
}

ZX_EXPORT zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles) {
  zx_handle_close_many_args args = {.handles = Ptr(handles), .num_handles = num_handles};
  return Call(ZX_IOC_HANDLE_CLOSE_MANY, &args);
}

ZX_EXPORT zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights,
                                          zx_handle_t* out) {
  zx_handle_rights_args args = {.handle = handle, .rights = rights, .out = Ptr(out)};
  return Call(ZX_IOC_HANDLE_DUPLICATE, &args);
}

ZX_EXPORT zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights,
                                        zx_handle_t* out) {
  zx_handle_rights_args args = {.handle = handle, .rights = rights, .out = Ptr(out)};
  return Call(ZX_IOC_HANDLE_REPLACE, &args);
}

ZX_EXPORT zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer,
                                         size_t buffer_size, size_t* actual, size_t* avail) {
  zx_object_get_info_args args = {
      .handle = handle,
      .topic = topic,
      .buffer = Ptr(buffer),
      .buffer_size = buffer_size,
      .actual = Ptr(actual),
      .avail = Ptr(avail),
  };
  return Call(ZX_IOC_OBJECT_GET_INFO, &args);
}

ZX_EXPORT zx_status_t zx_object_get_property(zx_handle_t handle, uint32_t property, void* value,
                                             size_t value_size) {
  zx_object_property_args args = {
      .handle = handle, .property = property, .value = Ptr(value), .value_size = value_size};
  return Call(ZX_IOC_OBJECT_GET_PROPERTY, &args);
}

ZX_EXPORT zx_status_t zx_object_set_property(zx_handle_t handle, uint32_t property,
                                             const void* value, size_t value_size) {
  zx_object_property_args args = {
      .handle = handle, .property = property, .value = Ptr(value), .value_size = value_size};
  return Call(ZX_IOC_OBJECT_SET_PROPERTY, &args);
}

ZX_EXPORT zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask,
                                       uint32_t set_mask) {
  zx_object_signal_args args = {
      .handle = handle, .clear_mask = clear_mask, .set_mask = set_mask, .reserved = 0};
  return Call(ZX_IOC_OBJECT_SIGNAL, &args);
}

ZX_EXPORT zx_status_t zx_object_signal_peer(zx_handle_t handle, uint32_t clear_mask,
                                            uint32_t set_mask) {
  zx_object_signal_args args = {
      .handle = handle, .clear_mask = clear_mask, .set_mask = set_mask, .reserved = 0};
  return Call(ZX_IOC_OBJECT_SIGNAL_PEER, &args);
}

ZX_EXPORT zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals,
                                         zx_time_t deadline, zx_signals_t* observed) {
  zx_object_wait_one_args args = {
      .handle = handle, .signals = signals, .deadline = deadline, .observed = Ptr(observed)};
  return Call(ZX_IOC_OBJECT_WAIT_ONE, &args);
}

ZX_EXPORT zx_status_t zx_object_wait_many(zx_wait_item_t* items, size_t num_items,
                                          zx_time_t deadline) {
  zx_object_wait_many_args args = {
      .items = Ptr(items), .num_items = num_items, .deadline = deadline};
  return Call(ZX_IOC_OBJECT_WAIT_MANY, &args);
}

ZX_EXPORT zx_status_t zx_event_create(uint32_t options, zx_handle_t* out) {
  zx_create_args args = {.options = options, .reserved = 0, .out = Ptr(out)};
  return Call(ZX_IOC_EVENT_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_eventpair_create(uint32_t options, zx_handle_t* out0,
                                          zx_handle_t* out1) {
  zx_create_pair_args args = {
      .options = options, .reserved = 0, .out0 = Ptr(out0), .out1 = Ptr(out1)};
  return Call(ZX_IOC_EVENTPAIR_CREATE, &args);
}

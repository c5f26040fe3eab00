// SPDX-License-Identifier: MIT
// Channels: create, write, read and call, each one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_channel_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1) {
  zx_create_pair_args args = {
      .options = options, .reserved = 0, .out0 = Ptr(out0), .out1 = Ptr(out1)};
  return Call(ZX_IOC_CHANNEL_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_channel_write(zx_handle_t handle, uint32_t options, const void* bytes,
                                       uint32_t num_bytes, const zx_handle_t* handles,
                                       uint32_t num_handles) {
  zx_channel_write_args args = {
      .handle = handle,
      .options = options,
      .bytes = Ptr(bytes),
      .handles = Ptr(handles),
      .num_bytes = num_bytes,
      .num_handles = num_handles,
  };
  return Call(ZX_IOC_CHANNEL_WRITE, &args);
}

ZX_EXPORT zx_status_t zx_channel_write_etc(zx_handle_t handle, uint32_t options,
                                           const void* bytes, uint32_t num_bytes,
                                           zx_handle_disposition_t* handles,
                                           uint32_t num_handles) {
  zx_channel_write_args args = {
      .handle = handle,
      .options = options,
      .bytes = Ptr(bytes),
      .handles = Ptr(handles),
      .num_bytes = num_bytes,
      .num_handles = num_handles,
  };
  return Call(ZX_IOC_CHANNEL_WRITE_ETC, &args);
}

namespace {

// read and read_etc share one layout; only the handle records differ.
zx_status_t ChannelRead(unsigned long cmd, zx_handle_t handle, uint32_t options, void* bytes,
                        void* handles, uint32_t num_bytes, uint32_t num_handles,
                        uint32_t* actual_bytes, uint32_t* actual_handles) {
  zx_channel_read_args args = {
      .handle = handle,
      .options = options,
      .bytes = Ptr(bytes),
      .handles = Ptr(handles),
      .num_bytes = num_bytes,
      .num_handles = num_handles,
      .actual_bytes = Ptr(actual_bytes),
      .actual_handles = Ptr(actual_handles),
  };
  return Call(cmd, &args);
}

}  // namespace

ZX_EXPORT zx_status_t zx_channel_read(zx_handle_t handle, uint32_t options, void* bytes,
                                      zx_handle_t* handles, uint32_t num_bytes,
                                      uint32_t num_handles, uint32_t* actual_bytes,
                                      uint32_t* actual_handles) {
  return ChannelRead(ZX_IOC_CHANNEL_READ, handle, options, bytes, handles, num_bytes, num_handles,
                     actual_bytes, actual_handles);
}

ZX_EXPORT zx_status_t zx_channel_read_etc(zx_handle_t handle, uint32_t options, void* bytes,
                                          zx_handle_info_t* handles, uint32_t num_bytes,
                                          uint32_t num_handles, uint32_t* actual_bytes,
                                          uint32_t* actual_handles) {
  return ChannelRead(ZX_IOC_CHANNEL_READ_ETC, handle, options, bytes, handles, num_bytes,
                     num_handles, actual_bytes, actual_handles);
}

namespace {

// The kernel reads the caller's argument block only through this copy, so
// an unreadable block is reported like any other bad pointer.
template <typename CallArgs>
zx_status_t ChannelCall(unsigned long cmd, zx_handle_t handle, uint32_t options,
                        zx_time_t deadline, const CallArgs* a, uint32_t* actual_bytes,
                        uint32_t* actual_handles) {
  if (a == nullptr)
    return ZX_ERR_INVALID_ARGS;
  zx_channel_call_ioc_args args = {
      .handle = handle,
      .options = options,
      .deadline = deadline,
      .wr_bytes = Ptr(a->wr_bytes),
      .wr_handles = Ptr(a->wr_handles),
      .rd_bytes = Ptr(a->rd_bytes),
      .rd_handles = Ptr(a->rd_handles),
      .wr_num_bytes = a->wr_num_bytes,
      .wr_num_handles = a->wr_num_handles,
      .rd_num_bytes = a->rd_num_bytes,
      .rd_num_handles = a->rd_num_handles,
      .actual_bytes = Ptr(actual_bytes),
      .actual_handles = Ptr(actual_handles),
  };
  return Call(cmd, &args);
}

}  // namespace

ZX_EXPORT zx_status_t zx_channel_call(zx_handle_t handle, uint32_t options, zx_time_t deadline,
                                      const zx_channel_call_args_t* args, uint32_t* actual_bytes,
                                      uint32_t* actual_handles) {
  return ChannelCall(ZX_IOC_CHANNEL_CALL, handle, options, deadline, args, actual_bytes,
                     actual_handles);
}

ZX_EXPORT zx_status_t zx_channel_call_etc(zx_handle_t handle, uint32_t options,
                                          zx_time_t deadline, zx_channel_call_etc_args_t* args,
                                          uint32_t* actual_bytes, uint32_t* actual_handles) {
  return ChannelCall(ZX_IOC_CHANNEL_CALL_ETC, handle, options, deadline, args, actual_bytes,
                     actual_handles);
}

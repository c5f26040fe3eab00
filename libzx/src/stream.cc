// SPDX-License-Identifier: MIT
// Streams: each call is one ioctl.
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

static_assert(sizeof(zx_iovec_t) == 16, "the kernel reads 64-bit zx_iovec_t");

ZX_EXPORT zx_status_t zx_stream_create(uint32_t options, zx_handle_t vmo, zx_off_t seek,
                                       zx_handle_t* out_stream) {
  zx_stream_create_args args = {
      .options = options,
      .vmo = vmo,
      .seek = seek,
      .out = Ptr(out_stream),
  };
  return Call(ZX_IOC_STREAM_CREATE, &args);
}

static zx_status_t StreamRw(unsigned long cmd, zx_handle_t handle, uint32_t options,
                            zx_off_t offset, const zx_iovec_t* vectors, size_t num_vectors,
                            size_t* actual) {
  zx_stream_rw_args args = {
      .handle = handle,
      .options = options,
      .offset = offset,
      .vectors = Ptr(vectors),
      .num_vectors = num_vectors,
      .actual = Ptr(actual),
  };
  return Call(cmd, &args);
}

ZX_EXPORT zx_status_t zx_stream_readv(zx_handle_t handle, uint32_t options, zx_iovec_t* vectors,
                                      size_t num_vectors, size_t* actual) {
  return StreamRw(ZX_IOC_STREAM_READV, handle, options, 0, vectors, num_vectors, actual);
}

ZX_EXPORT zx_status_t zx_stream_readv_at(zx_handle_t handle, uint32_t options, zx_off_t offset,
                                         zx_iovec_t* vectors, size_t num_vectors,
                                         size_t* actual) {
  return StreamRw(ZX_IOC_STREAM_READV_AT, handle, options, offset, vectors, num_vectors, actual);
}

ZX_EXPORT zx_status_t zx_stream_writev(zx_handle_t handle, uint32_t options,
                                       const zx_iovec_t* vectors, size_t num_vectors,
                                       size_t* actual) {
  return StreamRw(ZX_IOC_STREAM_WRITEV, handle, options, 0, vectors, num_vectors, actual);
}

ZX_EXPORT zx_status_t zx_stream_writev_at(zx_handle_t handle, uint32_t options, zx_off_t offset,
                                          const zx_iovec_t* vectors, size_t num_vectors,
                                          size_t* actual) {
  return StreamRw(ZX_IOC_STREAM_WRITEV_AT, handle, options, offset, vectors, num_vectors, actual);
}

ZX_EXPORT zx_status_t zx_stream_seek(zx_handle_t handle, zx_stream_seek_origin_t whence,
                                     int64_t offset, zx_off_t* out_seek) {
  zx_stream_seek_args args = {
      .handle = handle,
      .whence = whence,
      .offset = offset,
      .out_seek = Ptr(out_seek),
  };
  return Call(ZX_IOC_STREAM_SEEK, &args);
}

// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_STREAM_H_
#define LIB_ZX_STREAM_H_

#include <lib/zx/object.h>
#include <lib/zx/vmo.h>

namespace zx {

class stream final : public object<stream> {
 public:
  using object::object;

  static zx_status_t create(uint32_t options, const vmo& vmo_handle, zx_off_t seek,
                            stream* out) {
    return zx_stream_create(options, vmo_handle.get(), seek, out->reset_and_get_address());
  }

  zx_status_t readv(uint32_t options, zx_iovec_t* vectors, size_t num_vectors,
                    size_t* actual) const {
    return zx_stream_readv(get(), options, vectors, num_vectors, actual);
  }

  zx_status_t readv_at(uint32_t options, zx_off_t offset, zx_iovec_t* vectors,
                       size_t num_vectors, size_t* actual) const {
    return zx_stream_readv_at(get(), options, offset, vectors, num_vectors, actual);
  }

  zx_status_t writev(uint32_t options, const zx_iovec_t* vectors, size_t num_vectors,
                     size_t* actual) const {
    return zx_stream_writev(get(), options, vectors, num_vectors, actual);
  }

  zx_status_t writev_at(uint32_t options, zx_off_t offset, const zx_iovec_t* vectors,
                        size_t num_vectors, size_t* actual) const {
    return zx_stream_writev_at(get(), options, offset, vectors, num_vectors, actual);
  }

  zx_status_t seek(zx_stream_seek_origin_t whence, int64_t offset, zx_off_t* out_seek) const {
    return zx_stream_seek(get(), whence, offset, out_seek);
  }
};

}  // namespace zx

#endif  // LIB_ZX_STREAM_H_

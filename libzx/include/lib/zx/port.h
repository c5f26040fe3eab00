// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_PORT_H_
#define LIB_ZX_PORT_H_

#include <zircon/syscalls/port.h>

#include <lib/zx/object.h>

namespace zx {

class port final : public object<port> {
 public:
  using object::object;

  static zx_status_t create(uint32_t options, port* out) {
    return zx_port_create(options, out->reset_and_get_address());
  }

  zx_status_t queue(const zx_port_packet_t* packet) const {
    return zx_port_queue(get(), packet);
  }

  zx_status_t wait(zx::time deadline, zx_port_packet_t* packet) const {
    return zx_port_wait(get(), deadline.get(), packet);
  }

  template <typename T>
  zx_status_t cancel(const object<T>& source, uint64_t key) const {
    return zx_port_cancel(get(), source.get(), key);
  }
};

}  // namespace zx

#endif  // LIB_ZX_PORT_H_

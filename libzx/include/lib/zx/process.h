// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_PROCESS_H_
#define LIB_ZX_PROCESS_H_

#include <zircon/process.h>
#include <zircon/syscalls.h>

#include <lib/zx/object.h>

namespace zx {

class process final : public object<process> {
 public:
  using object::object;

  static unowned<process> self() { return unowned<process>(zx_process_self()); }

  zx_status_t kill() const { return zx_task_kill(get()); }

  zx_status_t read_memory(uintptr_t vaddr, void* buffer, size_t len, size_t* actual) const {
    return zx_process_read_memory(get(), vaddr, buffer, len, actual);
  }

  zx_status_t write_memory(uintptr_t vaddr, const void* buffer, size_t len, size_t* actual) const {
    return zx_process_write_memory(get(), vaddr, buffer, len, actual);
  }
};

}  // namespace zx

#endif  // LIB_ZX_PROCESS_H_

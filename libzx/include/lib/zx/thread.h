// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_THREAD_H_
#define LIB_ZX_THREAD_H_

#include <zircon/process.h>

#include <lib/zx/object.h>

namespace zx {

// A thread of this process; zxlinux only hands out the caller's own.
class thread final : public object<thread> {
 public:
  using object::object;

  static unowned<thread> self() { return unowned<thread>(zx_thread_self()); }
};

}  // namespace zx

#endif  // LIB_ZX_THREAD_H_

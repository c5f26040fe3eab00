// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_PROCESS_H_
#define LIB_ZX_PROCESS_H_

#include <zircon/process.h>

#include <lib/zx/object.h>

namespace zx {

class process final : public object<process> {
 public:
  using object::object;

  static unowned<process> self() { return unowned<process>(zx_process_self()); }
};

}  // namespace zx

#endif  // LIB_ZX_PROCESS_H_

// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_HANDLE_H_
#define LIB_ZX_HANDLE_H_

#include <lib/zx/object.h>

namespace zx {

// A handle of any type.
class handle final : public object<handle> {
 public:
  using object::object;
};

}  // namespace zx

#endif  // LIB_ZX_HANDLE_H_

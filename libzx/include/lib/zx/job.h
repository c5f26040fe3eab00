// SPDX-License-Identifier: MIT
#ifndef LIB_ZX_JOB_H_
#define LIB_ZX_JOB_H_

#include <zircon/process.h>

#include <lib/zx/object.h>

namespace zx {

class job final : public object<job> {
 public:
  using object::object;

  static unowned<job> default_job() { return unowned<job>(zx_job_default()); }
};

}  // namespace zx

#endif  // LIB_ZX_JOB_H_

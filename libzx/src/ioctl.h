// SPDX-License-Identifier: MIT
// The one path from a zx_* call to /dev/zircon.
#ifndef LIBZX_SRC_IOCTL_H_
#define LIBZX_SRC_IOCTL_H_

#include <zircon/types.h>

#include "../../uapi/zircon_ioctl.h"

// Marks a definition of a public zx_* call; the README's status table and
// the NOT_SUPPORTED fallbacks are generated from these markers.
#define ZX_EXPORT extern "C" __attribute__((visibility("default")))

// Marks an older name of a zx_* call whose body only forwards to the call
// (`return zx_other(...)`); it shares that call's status and fallback.
#define ZX_ALIAS extern "C" __attribute__((visibility("default")))

namespace libzx {

// The device's descriptor, opened on first use; -1 if zircon.ko is absent.
int DeviceFd();

// Issues one ioctl; retries when a signal interrupted a blocking call, so
// Zircon calls are never cut short by Linux signals.
zx_status_t Call(unsigned long cmd, void* args);

template <typename Args>
inline zx_status_t Call(unsigned long cmd, Args* args) {
  return Call(cmd, static_cast<void*>(args));
}

inline __u64 Ptr(const volatile void* p) {
  return static_cast<__u64>(reinterpret_cast<uintptr_t>(p));
}

// The status for a failed ioctl's errno.
zx_status_t StatusFromErrno(int err);

// Forgets per-process state in a fork() child: its handle table is empty.
void ResetAfterFork();

}  // namespace libzx

#endif  // LIBZX_SRC_IOCTL_H_

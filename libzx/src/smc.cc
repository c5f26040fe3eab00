// SPDX-License-Identifier: MIT
// Secure Monitor Calls (arm64).
#include <zircon/syscalls.h>
#include <zircon/syscalls/smc.h>

#include "ioctl.h"

ZX_EXPORT zx_status_t zx_smc_call(zx_handle_t handle, const zx_smc_parameters_t* parameters,
                                  zx_smc_result_t* out_smc_result) {
  zx_smc_call_args args = {
      .handle = handle,
      .reserved = 0,
      .parameters = libzx::Ptr(parameters),
      .out = libzx::Ptr(out_smc_result),
  };
  return libzx::Call(ZX_IOC_SMC_CALL, &args);
}

// SPDX-License-Identifier: MIT
#include "ioctl.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>

#include <zircon/errors.h>

namespace libzx {
namespace {

constexpr int kUnopened = -2;
std::atomic<int> g_fd{kUnopened};

}  // namespace

zx_status_t StatusFromErrno(int err) {
  switch (err) {
    case EFAULT:
    case EINVAL:
    case E2BIG:
      return ZX_ERR_INVALID_ARGS;
    case ENOMEM:
      return ZX_ERR_NO_MEMORY;
    case ENOTTY:
      return ZX_ERR_NOT_SUPPORTED;
    default:
      return ZX_ERR_INTERNAL;
  }
}

int DeviceFd() {
  int fd = g_fd.load(std::memory_order_acquire);
  if (fd != kUnopened)
    return fd;
  int opened = open("/dev/zircon", O_RDWR | O_CLOEXEC);
  int expected = kUnopened;
  if (!g_fd.compare_exchange_strong(expected, opened, std::memory_order_acq_rel)) {
    if (opened >= 0)
      close(opened);
    return expected;
  }
  return opened;
}

zx_status_t Call(unsigned long cmd, void* args) {
  int fd = DeviceFd();
  if (fd < 0)
    return ZX_ERR_NOT_SUPPORTED;
  for (;;) {
    int r = ioctl(fd, cmd, args);
    if (r >= 0)
      return -r;
    if (errno != EINTR)
      return StatusFromErrno(errno);
  }
}

}  // namespace libzx

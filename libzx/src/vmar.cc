// SPDX-License-Identifier: MIT
// Virtual memory address regions: each call is one ioctl.
#include <errno.h>
#include <signal.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <zircon/syscalls.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options,
                                       size_t offset, size_t size, zx_handle_t* child_vmar,
                                       zx_vaddr_t* child_addr) {
  zx_vmar_allocate_args args = {
      .handle = parent_vmar,
      .options = options,
      .offset = offset,
      .size = size,
      .child_vmar = Ptr(child_vmar),
      .child_addr = Ptr(child_addr),
  };
  return Call(ZX_IOC_VMAR_ALLOCATE, &args);
}

ZX_EXPORT zx_status_t zx_vmar_map(zx_handle_t handle, zx_vm_option_t options, size_t vmar_offset,
                                  zx_handle_t vmo, uint64_t vmo_offset, size_t len,
                                  zx_vaddr_t* mapped_addr) {
  zx_vmar_map_args args = {
      .handle = handle,
      .options = options,
      .vmar_offset = vmar_offset,
      .vmo = vmo,
      .reserved = 0,
      .vmo_offset = vmo_offset,
      .len = len,
      .mapped_addr = Ptr(mapped_addr),
  };
  return Call(ZX_IOC_VMAR_MAP, &args);
}

ZX_EXPORT zx_status_t zx_vmar_unmap(zx_handle_t handle, zx_vaddr_t addr, size_t len) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = 0,
      .addr = addr,
      .len = len,
  };
  return Call(ZX_IOC_VMAR_UNMAP, &args);
}

ZX_EXPORT zx_status_t zx_vmar_protect(zx_handle_t handle, zx_vm_option_t options, zx_vaddr_t addr,
                                      size_t len) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = options,
      .addr = addr,
      .len = len,
  };
  return Call(ZX_IOC_VMAR_PROTECT, &args);
}

ZX_EXPORT zx_status_t zx_vmar_destroy(zx_handle_t handle) {
  zx_vmar_range_args args = {
      .handle = handle,
      .options = 0,
      .addr = 0,
      .len = 0,
  };
  return Call(ZX_IOC_VMAR_DESTROY, &args);
}

ZX_EXPORT zx_status_t zx_vmar_op_range(zx_handle_t handle, uint32_t op, zx_vaddr_t address,
                                       size_t size, void* buffer, size_t buffer_size) {
  zx_vmar_op_range_args args = {
      .handle = handle,
      .op = op,
      .addr = address,
      .size = size,
      .buffer = Ptr(buffer),
      .buffer_size = buffer_size,
  };
  return Call(ZX_IOC_VMAR_OP_RANGE, &args);
}

namespace {

// The ioctl, then, if it succeeded, exit(2) of this thread, without using
// the stack in between (it may have just been unmapped or reused); a trap
// for ZX_VMAR_UNMAP_CLOSE_TRAP.  Returns the ioctl's raw result otherwise.
long IoctlThenExit(int fd, unsigned long cmd, void* args) {
#if defined(__x86_64__)
  long ret = SYS_ioctl;
  __asm__ volatile(
      "syscall\n\t"
      "test %%rax, %%rax\n\t"
      "jnz 1f\n\t"
      "mov %[exit_nr], %%eax\n\t"
      "xor %%edi, %%edi\n\t"
      "syscall\n"
      "1:\n\t"
      "cmp %[trap], %%rax\n\t"
      "jne 2f\n\t"
      "ud2\n"
      "2:"
      : "+a"(ret)
      : "D"(fd), "S"(cmd), "d"(args), [exit_nr] "i"(SYS_exit),
        [trap] "i"(ZX_VMAR_UNMAP_CLOSE_TRAP)
      : "rcx", "r11", "memory", "cc");
  return ret;
#elif defined(__aarch64__)
  register long x0 __asm__("x0") = fd;
  register unsigned long x1 __asm__("x1") = cmd;
  register void* x2 __asm__("x2") = args;
  register long x8 __asm__("x8") = SYS_ioctl;
  __asm__ volatile(
      "svc #0\n\t"
      "cbnz x0, 1f\n\t"
      "mov x8, %[exit_nr]\n\t"
      "svc #0\n"
      "1:\n\t"
      "cmp x0, %[trap]\n\t"
      "b.ne 2f\n\t"
      "brk #0x3e8\n"
      "2:"
      : "+r"(x0), "+r"(x8)
      : "r"(x1), "r"(x2), [exit_nr] "i"(SYS_exit), [trap] "i"(ZX_VMAR_UNMAP_CLOSE_TRAP)
      : "memory", "cc");
  return x0;
#else
#error "zx_vmar_unmap_handle_close_thread_exit needs this architecture's syscall sequence"
#endif
}

// Blocks every signal, libc's internal ones too, for the rest of this
// thread's life or until RestoreSignals(): a signal delivered when the
// ioctl returns would build its frame on a stack that was just unmapped.
uint64_t BlockAllSignals() {
  uint64_t all = ~uint64_t{0}, old = 0;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof(all));
  return old;
}

void RestoreSignals(uint64_t old) {
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, nullptr, sizeof(old));
}

// The thread's rseq area lives in its TCB, which may sit on the stack being
// unmapped; the kernel writes the area on the way back to user space after
// a preemption, and a failed write is a SIGSEGV no mask blocks.  So the
// area is unregistered before the unmap, and registered again if the call
// comes back.  The kernel wants the length glibc registered, which is not
// __rseq_size (glibc 2.35 and later report the 20-byte feature size there
// and register their whole, 32-byte aligned area): each candidate is tried.
struct RseqRegistration {
  struct rseq* area;
  unsigned int len;
};

RseqRegistration UnregisterRseq() {
  if (__rseq_size == 0)
    return {nullptr, 0};
  auto* area = reinterpret_cast<struct rseq*>(static_cast<char*>(__builtin_thread_pointer()) +
                                              __rseq_offset);
  const unsigned int candidates[] = {(__rseq_size + 31) & ~31u,
                                     static_cast<unsigned int>(sizeof(struct rseq)), __rseq_size};
  for (unsigned int len : candidates) {
    if (syscall(SYS_rseq, area, len, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0)
      return {area, len};
  }
  return {nullptr, 0};
}

void RegisterRseq(RseqRegistration r) {
  if (r.area)
    syscall(SYS_rseq, r.area, r.len, 0, RSEQ_SIG);
}

}  // namespace

// Ends the calling Linux thread with exit(2), as a thread whose stack is a
// Zircon mapping must: libc's own thread cleanup does not run.
ZX_EXPORT zx_status_t zx_vmar_unmap_handle_close_thread_exit(zx_handle_t vmar_handle,
                                                             zx_vaddr_t addr, size_t size,
                                                             zx_handle_t close_handle) {
  zx_vmar_unmap_close_args args = {
      .handle = vmar_handle,
      .close_handle = close_handle,
      .addr = addr,
      .len = size,
  };
  int fd = libzx::DeviceFd();
  if (fd < 0)
    return ZX_ERR_NOT_SUPPORTED;
  uint64_t old_mask = BlockAllSignals();
  RseqRegistration rseq = UnregisterRseq();
  long r;
  do {
    r = IoctlThenExit(fd, ZX_IOC_VMAR_UNMAP_HANDLE_CLOSE, &args);
  } while (r == -EINTR);
  // Only a failed unmap comes back: nothing was unmapped.
  RegisterRseq(rseq);
  RestoreSignals(old_mask);
  if (r >= 0)
    return static_cast<zx_status_t>(-r);
  return libzx::StatusFromErrno(static_cast<int>(-r));
}

ZX_EXPORT void zx_futex_wake_handle_close_thread_exit(const zx_futex_t* value_ptr,
                                                      uint32_t wake_count, int32_t new_value,
                                                      zx_handle_t close_handle) {
  zx_futex_wake_close_args args = {
      .value_ptr = libzx::Ptr(value_ptr),
      .wake_count = wake_count,
      .new_value = new_value,
      .close_handle = close_handle,
      .reserved = 0,
  };
  int fd = libzx::DeviceFd();
  BlockAllSignals();
  if (fd >= 0)
    IoctlThenExit(fd, ZX_IOC_FUTEX_WAKE_HANDLE_CLOSE, &args);
  // Nothing can be reported: the call has no errors.
  __builtin_trap();
}

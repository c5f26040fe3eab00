// SPDX-License-Identifier: MIT
// DDK calls: IOMMUs, BTIs and pinned memory, device memory VMOs, caches.
#include <zircon/syscalls.h>

#include <cerrno>
#include <cstdint>

#if defined(__x86_64__)
#include <sys/io.h>
#endif

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_iommu_create(zx_handle_t resource, uint32_t type, const void* desc,
                                      size_t desc_size, zx_handle_t* out) {
  zx_iommu_create_args args = {
      .resource = resource, .type = type, .desc = Ptr(desc), .desc_size = desc_size,
      .out = Ptr(out)};
  return Call(ZX_IOC_IOMMU_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_bti_create(zx_handle_t iommu, uint32_t options, uint64_t bti_id,
                                    zx_handle_t* out) {
  zx_bti_create_args args = {
      .iommu = iommu, .options = options, .bti_id = bti_id, .out = Ptr(out)};
  return Call(ZX_IOC_BTI_CREATE, &args);
}

ZX_EXPORT zx_status_t zx_bti_pin(zx_handle_t handle, uint32_t options, zx_handle_t vmo,
                                 uint64_t offset, uint64_t size, zx_paddr_t* addrs,
                                 size_t num_addrs, zx_handle_t* pmt) {
  zx_bti_pin_args args = {.handle = handle,
                          .options = options,
                          .vmo = vmo,
                          .reserved = 0,
                          .offset = offset,
                          .size = size,
                          .addrs = Ptr(addrs),
                          .num_addrs = num_addrs,
                          .pmt = Ptr(pmt)};
  return Call(ZX_IOC_BTI_PIN, &args);
}

ZX_EXPORT zx_status_t zx_bti_release_quarantine(zx_handle_t handle) {
  zx_ddk_handle_args args = {.handle = handle, .reserved = 0};
  return Call(ZX_IOC_BTI_RELEASE_QUARANTINE, &args);
}

ZX_EXPORT zx_status_t zx_pmt_unpin(zx_handle_t handle) {
  zx_ddk_handle_args args = {.handle = handle, .reserved = 0};
  return Call(ZX_IOC_PMT_UNPIN, &args);
}

ZX_EXPORT zx_status_t zx_vmo_create_contiguous(zx_handle_t bti, size_t size,
                                               uint32_t alignment_log2, zx_handle_t* out) {
  zx_vmo_create_contiguous_args args = {
      .bti = bti, .alignment_log2 = alignment_log2, .size = size, .out = Ptr(out),
      .reserved = 0};
  return Call(ZX_IOC_VMO_CREATE_CONTIGUOUS, &args);
}

ZX_EXPORT zx_status_t zx_vmo_create_physical(zx_handle_t resource, zx_paddr_t paddr, size_t size,
                                             zx_handle_t* out) {
  zx_vmo_create_physical_args args = {
      .resource = resource, .reserved = 0, .paddr = paddr, .size = size, .out = Ptr(out)};
  return Call(ZX_IOC_VMO_CREATE_PHYSICAL, &args);
}

// Cache maintenance is done from user space, as on Fuchsia (a vDSO call):
// the instructions fault on unreadable memory like a read would.
namespace {

#if defined(__x86_64__)
size_t DataLine() {
  unsigned int eax = 1, ebx, ecx = 0, edx;
  __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
  size_t line = ((ebx >> 8) & 0xff) * 8;
  return line ? line : 64;
}
#elif defined(__aarch64__)
uint64_t CacheType() {
  uint64_t ctr;
  __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
  return ctr;
}
size_t DataLine() { return 4u << ((CacheType() >> 16) & 0xf); }
size_t InsnLine() { return 4u << (CacheType() & 0xf); }
#endif

}  // namespace

ZX_EXPORT zx_status_t zx_cache_flush(const void* addr, size_t size, uint32_t options) {
  const uint32_t known = ZX_CACHE_FLUSH_DATA | ZX_CACHE_FLUSH_INSN | ZX_CACHE_FLUSH_INVALIDATE;
  if ((options & ~known) || !(options & (ZX_CACHE_FLUSH_DATA | ZX_CACHE_FLUSH_INSN)) ||
      ((options & ZX_CACHE_FLUSH_INVALIDATE) && !(options & ZX_CACHE_FLUSH_DATA)))
    return ZX_ERR_INVALID_ARGS;
  uintptr_t start = reinterpret_cast<uintptr_t>(addr), end = start + size;
#if defined(__x86_64__)
  // Instruction fetches on x86 are coherent with data writes; CLFLUSH
  // writes back and invalidates, which covers both data options.
  if (options & ZX_CACHE_FLUSH_DATA) {
    size_t line = DataLine();
    for (uintptr_t p = start & ~(line - 1); p < end; p += line)
      __asm__ volatile("clflush (%0)" ::"r"(p) : "memory");
    __asm__ volatile("mfence" ::: "memory");
  }
#elif defined(__aarch64__)
  if (options & ZX_CACHE_FLUSH_DATA) {
    size_t line = DataLine();
    for (uintptr_t p = start & ~(line - 1); p < end; p += line) {
      if (options & ZX_CACHE_FLUSH_INVALIDATE)
        __asm__ volatile("dc civac, %0" ::"r"(p) : "memory");
      else
        __asm__ volatile("dc cvac, %0" ::"r"(p) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
  }
  if (options & ZX_CACHE_FLUSH_INSN) {
    size_t dline = DataLine(), iline = InsnLine();
    for (uintptr_t p = start & ~(dline - 1); p < end; p += dline)
      __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish" ::: "memory");
    for (uintptr_t p = start & ~(iline - 1); p < end; p += iline)
      __asm__ volatile("ic ivau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
  }
#else
#error "zx_cache_flush: unknown architecture"
#endif
  return ZX_OK;
}

// I/O ports: the module checks the resource, then Linux grants the calling
// thread access with ioperm() (it needs CAP_SYS_RAWIO), as zx_ddk/ioports.c
// explains.
namespace {

zx_status_t IoPorts(zx_handle_t resource, uint16_t io_addr, uint32_t len, bool on) {
  zx_ioports_args args = {
      .resource = resource, .io_addr = io_addr, .reserved = 0, .len = len, .reserved2 = 0};
  zx_status_t st = Call(ZX_IOC_IOPORTS_CHECK, &args);
  if (st != ZX_OK)
    return st;
#if defined(__x86_64__)
  // ENOSYS: a kernel built without CONFIG_X86_IOPL_IOPERM.
  if (ioperm(io_addr, len, on ? 1 : 0) != 0)
    return errno == EPERM    ? ZX_ERR_ACCESS_DENIED
           : errno == ENOSYS ? ZX_ERR_NOT_SUPPORTED
                             : ZX_ERR_INVALID_ARGS;
  return ZX_OK;
#else
  (void)on;
  return ZX_ERR_NOT_SUPPORTED;
#endif
}

}  // namespace

ZX_EXPORT zx_status_t zx_ioports_request(zx_handle_t resource, uint16_t io_addr, uint32_t len) {
  return IoPorts(resource, io_addr, len, true);
}

ZX_EXPORT zx_status_t zx_ioports_release(zx_handle_t resource, uint16_t io_addr, uint32_t len) {
  return IoPorts(resource, io_addr, len, false);
}

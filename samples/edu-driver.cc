// SPDX-License-Identifier: MIT
// A driver for QEMU's edu device (PCI 1234:11e8), written only against
// libzx as a Fuchsia driver would be: the root resource finds the device,
// BAR 0 comes as a physical VMO mapped with zx_vmar_map, the factorial
// unit's completion arrives as an MSI on a port, and the DMA engine moves
// a buffer to the device and back through memory pinned with a BTI.
// Exits non-zero if anything is not as it should be.
#include <stdio.h>
#include <string.h>

#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/port.h>

namespace {

constexpr uint16_t kVendor = 0x1234, kDevice = 0x11e8;

// Registers (QEMU's docs/specs/edu.rst).
constexpr uint32_t kId = 0x00, kLiveness = 0x04, kFactorial = 0x08, kStatus = 0x20;
constexpr uint32_t kIrqStatus = 0x24, kIrqRaise = 0x60, kIrqAck = 0x64;
constexpr uint32_t kDmaSrc = 0x80, kDmaDst = 0x88, kDmaCount = 0x90, kDmaCmd = 0x98;
constexpr uint32_t kStatusComputing = 0x01, kStatusIrqOnDone = 0x80;
constexpr uint32_t kIrqFactorial = 0x01, kIrqDma = 0x100, kIrqUser = 0x10000;
constexpr uint64_t kDmaStart = 0x01, kDmaToRam = 0x02, kDmaIrq = 0x04;
constexpr uint64_t kDmaBuffer = 0x40000;  // edu's own buffer, device side
constexpr size_t kDmaLen = 1024;

int g_failures = 0;

bool Ok(const char* what, zx_status_t st) {
  printf("  %-52s %s\n", what, zx_status_get_string(st));
  if (st != ZX_OK)
    g_failures++;
  return st == ZX_OK;
}

bool Expect(const char* what, uint64_t got, uint64_t want) {
  bool ok = got == want;
  printf("  %-52s %#llx%s\n", what, static_cast<unsigned long long>(got),
         ok ? "" : "  <-- unexpected");
  if (!ok)
    g_failures++;
  return ok;
}

class Edu {
 public:
  explicit Edu(uintptr_t base) : base_(base) {}
  uint32_t Read32(uint32_t off) const { return *reinterpret_cast<volatile uint32_t*>(base_ + off); }
  void Write32(uint32_t off, uint32_t v) const {
    *reinterpret_cast<volatile uint32_t*>(base_ + off) = v;
  }
  uint64_t Read64(uint32_t off) const { return *reinterpret_cast<volatile uint64_t*>(base_ + off); }
  void Write64(uint32_t off, uint64_t v) const {
    *reinterpret_cast<volatile uint64_t*>(base_ + off) = v;
  }

 private:
  uintptr_t base_;
};

// Waits for the next interrupt packet and acknowledges it at the device and
// the interrupt object; returns the device's interrupt status.
uint32_t WaitIrq(const Edu& edu, zx_handle_t port, zx_handle_t irq) {
  zx_port_packet_t pkt;
  zx_status_t st = zx_port_wait(port, zx_deadline_after(ZX_SEC(10)), &pkt);
  if (st != ZX_OK || pkt.type != ZX_PKT_TYPE_INTERRUPT) {
    Ok("port_wait for the interrupt", st == ZX_OK ? ZX_ERR_BAD_STATE : st);
    return 0;
  }
  uint32_t status = edu.Read32(kIrqStatus);
  edu.Write32(kIrqAck, status);
  Ok("interrupt_ack", zx_interrupt_ack(irq));
  return status;
}

void Dma(const Edu& edu, zx_handle_t port, zx_handle_t irq, uint64_t src, uint64_t dst,
         uint64_t dir) {
  edu.Write64(kDmaSrc, src);
  edu.Write64(kDmaDst, dst);
  edu.Write64(kDmaCount, kDmaLen);
  edu.Write64(kDmaCmd, kDmaStart | kDmaIrq | dir);
  Expect("  DMA done interrupt", WaitIrq(edu, port, irq) & kIrqDma, kIrqDma);
}

}  // namespace

int main() {
  zx_handle_t root = zx_take_startup_handle(PA_HND(PA_RESOURCE, 0));
  if (root == ZX_HANDLE_INVALID) {
    fprintf(stderr, "edu-driver: no root resource (needs CAP_SYS_ADMIN and zircon.ko)\n");
    return 1;
  }

  printf("1. Find the device\n");
  zx_handle_t dev = ZX_HANDLE_INVALID;
  zx_pcie_device_info_t info;
  for (uint32_t i = 0;; i++) {
    zx_handle_t h;
    if (zx_pci_get_nth_device(root, i, &info, &h) != ZX_OK) {
      fprintf(stderr, "edu-driver: no edu device\n");
      return 1;
    }
    if (info.vendor_id == kVendor && info.device_id == kDevice) {
      dev = h;
      break;
    }
    zx_handle_close(h);
  }
  printf("  edu at %02x:%02x.%x\n", info.bus_id, info.dev_id, info.func_id);

  printf("2. Map BAR 0\n");
  zx_pci_bar_t bar;
  zx_handle_t bar_vmo;
  if (!Ok("pci_get_bar 0", zx_pci_get_bar(dev, 0, &bar, &bar_vmo)))
    return 1;
  Expect("BAR type (MMIO)", bar.type, ZX_PCI_BAR_TYPE_MMIO);
  zx_vaddr_t addr;
  if (!Ok("vmar_map (uncached device memory)",
          zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, bar_vmo, 0,
                      bar.size, &addr)))
    return 1;
  Edu edu(addr);

  printf("3. Identify\n");
  Expect("ID register", edu.Read32(kId), 0x010000ed);
  edu.Write32(kLiveness, 0x12345678);
  Expect("liveness (~written)", edu.Read32(kLiveness), ~0x12345678u);

  printf("4. Factorial, polled\n");
  edu.Write32(kFactorial, 5);
  zx_time_t give_up = zx_deadline_after(ZX_SEC(10));
  while ((edu.Read32(kStatus) & kStatusComputing) && zx_clock_get_monotonic() < give_up)
    zx_nanosleep(zx_deadline_after(ZX_MSEC(1)));
  Expect("5!", edu.Read32(kFactorial), 120);

  printf("5. Interrupts (MSI on a port)\n");
  zx_handle_t irq = ZX_HANDLE_INVALID, port = ZX_HANDLE_INVALID;
  Ok("enable_bus_master", zx_pci_enable_bus_master(dev, 1));
  if (!Ok("set_irq_mode MSI, 1 vector", zx_pci_set_irq_mode(dev, ZX_PCIE_IRQ_MODE_MSI, 1)) ||
      !Ok("map_interrupt 0", zx_pci_map_interrupt(dev, 0, &irq)) ||
      !Ok("port_create BIND_TO_INTERRUPT", zx_port_create(ZX_PORT_BIND_TO_INTERRUPT, &port)) ||
      !Ok("interrupt_bind", zx_interrupt_bind(irq, port, 1, ZX_INTERRUPT_BIND)))
    return 1;
  edu.Write32(kIrqRaise, kIrqUser);
  Expect("raised interrupt's status", WaitIrq(edu, port, irq), kIrqUser);
  edu.Write32(kStatus, kStatusIrqOnDone);
  edu.Write32(kFactorial, 10);
  Expect("factorial-done interrupt", WaitIrq(edu, port, irq) & kIrqFactorial, kIrqFactorial);
  Expect("10!", edu.Read32(kFactorial), 3628800);

  printf("6. DMA through a BTI\n");
  zx_iommu_desc_dummy_t desc = {};
  zx_handle_t iommu, bti, buf, pmt, out, out_pmt;
  uint64_t bdf = static_cast<uint64_t>(info.bus_id) << 8 | info.dev_id << 3 | info.func_id;
  if (!Ok("iommu_create", zx_iommu_create(root, ZX_IOMMU_TYPE_DUMMY, &desc, sizeof(desc), &iommu)) ||
      !Ok("bti_create (the device's bus/dev/func)", zx_bti_create(iommu, 0, bdf, &bti)) ||
      !Ok("vmo_create_contiguous", zx_vmo_create_contiguous(bti, 4096, 0, &buf)) ||
      !Ok("vmo_create", zx_vmo_create(4096, 0, &out)))
    return 1;
  char src[kDmaLen], dst[kDmaLen];
  for (size_t i = 0; i < kDmaLen; i++)
    src[i] = static_cast<char>(i * 13 + 1);
  Ok("vmo_write", zx_vmo_write(buf, src, 0, sizeof(src)));
  zx_paddr_t buf_addr, out_addr;
  if (!Ok("bti_pin contiguous, read", zx_bti_pin(bti, ZX_BTI_PERM_READ | ZX_BTI_CONTIGUOUS, buf,
                                                 0, 4096, &buf_addr, 1, &pmt)) ||
      !Ok("bti_pin, write", zx_bti_pin(bti, ZX_BTI_PERM_WRITE, out, 0, 4096, &out_addr, 1,
                                       &out_pmt)))
    return 1;
  printf("  device addresses %#llx, %#llx\n", static_cast<unsigned long long>(buf_addr),
         static_cast<unsigned long long>(out_addr));
  Dma(edu, port, irq, buf_addr, kDmaBuffer, 0);
  Dma(edu, port, irq, kDmaBuffer, out_addr, kDmaToRam);
  Ok("pmt_unpin", zx_pmt_unpin(out_pmt));
  Ok("pmt_unpin", zx_pmt_unpin(pmt));
  Ok("vmo_read", zx_vmo_read(out, dst, 0, sizeof(dst)));
  Expect("bytes differing after the round trip", memcmp(src, dst, sizeof(src)) != 0, 0);

  zx_handle_t all[] = {buf, out, bti, iommu, irq, port, bar_vmo, dev, root};
  zx_vmar_unmap(zx_vmar_root_self(), addr, bar.size);
  zx_handle_close_many(all, sizeof(all) / sizeof(all[0]));
  printf("\nedu-driver: %s\n", g_failures ? "FAILED" : "all good");
  return g_failures ? 1 : 0;
}

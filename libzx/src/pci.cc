// SPDX-License-Identifier: MIT
// PCI devices for userspace drivers (the kernel PCI calls of Zircon's DDK).
#include <zircon/syscalls.h>
#include <zircon/syscalls/pci.h>

#include "ioctl.h"

using libzx::Call;
using libzx::Ptr;

ZX_EXPORT zx_status_t zx_pci_get_nth_device(zx_handle_t handle, uint32_t index,
                                            zx_pcie_device_info_t* out_info,
                                            zx_handle_t* out_handle) {
  zx_pci_get_nth_device_args args = {
      .resource = handle, .index = index, .out_info = Ptr(out_info), .out = Ptr(out_handle)};
  return Call(ZX_IOC_PCI_GET_NTH_DEVICE, &args);
}

ZX_EXPORT zx_status_t zx_pci_enable_bus_master(zx_handle_t handle, uint32_t enable) {
  zx_pci_device_args args = {.handle = handle, .value = enable ? 1u : 0u};
  return Call(ZX_IOC_PCI_ENABLE_BUS_MASTER, &args);
}

ZX_EXPORT zx_status_t zx_pci_reset_device(zx_handle_t handle) {
  zx_pci_device_args args = {.handle = handle, .value = 0};
  return Call(ZX_IOC_PCI_RESET_DEVICE, &args);
}

ZX_EXPORT zx_status_t zx_pci_config_read(zx_handle_t handle, uint16_t offset, size_t width,
                                         uint32_t* out_val) {
  zx_pci_config_args args = {
      .handle = handle, .value = 0, .offset = offset, .width = width, .value_ptr = Ptr(out_val)};
  return Call(ZX_IOC_PCI_CONFIG_READ, &args);
}

ZX_EXPORT zx_status_t zx_pci_config_write(zx_handle_t handle, uint16_t offset, size_t width,
                                          uint32_t val) {
  zx_pci_config_args args = {
      .handle = handle, .value = val, .offset = offset, .width = width, .value_ptr = 0};
  return Call(ZX_IOC_PCI_CONFIG_WRITE, &args);
}

ZX_EXPORT zx_status_t zx_pci_query_irq_mode(zx_handle_t handle, uint32_t mode,
                                            uint32_t* out_max_irqs) {
  zx_pci_irq_mode_args args = {
      .handle = handle, .mode = mode, .count = 0, .reserved = 0, .out_max_irqs = Ptr(out_max_irqs)};
  return Call(ZX_IOC_PCI_QUERY_IRQ_MODE, &args);
}

ZX_EXPORT zx_status_t zx_pci_set_irq_mode(zx_handle_t handle, uint32_t mode,
                                          uint32_t requested_irq_count) {
  zx_pci_irq_mode_args args = {.handle = handle,
                               .mode = mode,
                               .count = requested_irq_count,
                               .reserved = 0,
                               .out_max_irqs = 0};
  return Call(ZX_IOC_PCI_SET_IRQ_MODE, &args);
}

ZX_EXPORT zx_status_t zx_pci_map_interrupt(zx_handle_t handle, int32_t which_irq,
                                           zx_handle_t* out_handle) {
  zx_pci_map_interrupt_args args = {
      .handle = handle, .which_irq = which_irq, .out = Ptr(out_handle)};
  return Call(ZX_IOC_PCI_MAP_INTERRUPT, &args);
}

ZX_EXPORT zx_status_t zx_pci_get_bar(zx_handle_t handle, uint32_t bar_num, zx_pci_bar_t* out_bar,
                                     zx_handle_t* out_handle) {
  zx_pci_get_bar_args args = {
      .handle = handle, .bar_num = bar_num, .out_bar = Ptr(out_bar), .out_handle = Ptr(out_handle)};
  return Call(ZX_IOC_PCI_GET_BAR, &args);
}

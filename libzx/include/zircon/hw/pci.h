/* SPDX-License-Identifier: MIT */
/* PCI addressing and the sizes the PCI and PCIe specifications fix. */
#ifndef ZIRCON_HW_PCI_H_
#define ZIRCON_HW_PCI_H_

#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

/* A function's address: bus, device and function numbers (3 bytes). */
typedef struct zx_pci_bdf {
  uint8_t bus_id;
  uint8_t device_id;
  uint8_t function_id;
} zx_pci_bdf_t;

/* Kernel PCIe code defines these itself; userspace gets them here. */
#ifndef WITH_KERNEL_PCIE

#define PCI_MAX_BUSES (256u)
#define PCI_MAX_DEVICES_PER_BUS (32u)
#define PCI_MAX_FUNCTIONS_PER_DEVICE (8u)
#define PCI_MAX_FUNCTIONS_PER_BUS (PCI_MAX_DEVICES_PER_BUS * PCI_MAX_FUNCTIONS_PER_DEVICE)

/* Configuration space: the standard header, legacy space and PCIe space. */
#define PCI_STANDARD_CONFIG_HDR_SIZE (64u)
#define PCI_BASE_CONFIG_SIZE (256u)
#define PCIE_EXTENDED_CONFIG_SIZE (4096u)
#define PCIE_ECAM_BYTES_PER_BUS (PCIE_EXTENDED_CONFIG_SIZE * PCI_MAX_FUNCTIONS_PER_BUS)

/* Base address registers of a bridge (type 1) and of a device (type 0). */
#define PCI_BAR_REGS_PER_BRIDGE (2u)
#define PCI_BAR_REGS_PER_DEVICE (6u)
#define PCI_MAX_BAR_REGS (6u)

/* Interrupts: INTA..INTD, and the most vectors MSI and MSI-X allow. */
#define PCI_MAX_LEGACY_IRQ_PINS (4u)
#define PCI_MAX_MSI_IRQS (32u)
#define PCIE_MAX_MSIX_IRQS (2048u)

/* What a read of an absent function's vendor ID returns. */
#define PCI_INVALID_VENDOR_ID (0xFFFF)

#endif /* WITH_KERNEL_PCIE */

__END_CDECLS

#endif /* ZIRCON_HW_PCI_H_ */

/* SPDX-License-Identifier: MIT */
/* Descriptors passed to zx_iommu_create(). */
#ifndef ZIRCON_SYSCALLS_IOMMU_H_
#define ZIRCON_SYSCALLS_IOMMU_H_

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

#define ZX_IOMMU_MAX_DESC_LEN 4096

/* The "type" argument. */
#define ZX_IOMMU_TYPE_DUMMY 0
#define ZX_IOMMU_TYPE_INTEL 1

typedef struct zx_iommu_desc_dummy {
  uint8_t reserved;
} zx_iommu_desc_dummy_t;

/* zx_iommu_desc_intel_scope_t.type */
#define ZX_IOMMU_INTEL_SCOPE_ENDPOINT 0
#define ZX_IOMMU_INTEL_SCOPE_BRIDGE 1

/* A PCI device (or bridge subtree) reached through num_hops dev/func hops. */
typedef struct zx_iommu_desc_intel_scope {
  uint8_t type;
  uint8_t start_bus;
  uint8_t num_hops;
  uint8_t dev_func[5];
} zx_iommu_desc_intel_scope_t;

/* Followed in memory by scope_bytes of zx_iommu_desc_intel_scope_t. */
typedef struct zx_iommu_desc_intel_reserved_memory {
  uint64_t base_addr;
  uint64_t len;
  uint8_t scope_bytes;
  uint8_t _reserved[7];
} zx_iommu_desc_intel_reserved_memory_t;

/*
 * Followed in memory by scope_bytes of scopes and then
 * reserved_memory_bytes of reserved-memory descriptors.
 */
typedef struct zx_iommu_desc_intel {
  uint64_t register_base;
  uint16_t pci_segment;
  bool whole_segment;
  uint8_t scope_bytes;
  uint16_t reserved_memory_bytes;
  uint8_t _reserved[2];
} zx_iommu_desc_intel_t;

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_IOMMU_H_ */

/* SPDX-License-Identifier: MIT */
/* IOBuffers: the region descriptions zx_iob_create() takes, and their flags. */
#ifndef ZIRCON_SYSCALLS_IOB_H_
#define ZIRCON_SYSCALLS_IOB_H_

#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

/* Most regions one IOBuffer can have. */
#define ZX_IOB_MAX_REGIONS 64

/* How the kernel lays out and mediates access to a region's memory. */
typedef uint64_t zx_iob_discipline_type_t;

/* Plain bytes: no kernel-mediated operations. */
#define ZX_IOB_DISCIPLINE_TYPE_NONE ((zx_iob_discipline_type_t)(0u))

typedef struct zx_iob_discipline {
  uint64_t type; /* a zx_iob_discipline_type_t */
  uint64_t reserved[8];
} zx_iob_discipline_t;

/* What backs a region, and who owns it. */
typedef uint32_t zx_iob_region_type_t;

/* Memory that only this IOBuffer owns and can reach. */
#define ZX_IOB_REGION_TYPE_PRIVATE ((zx_iob_region_type_t)(0u))

/* What each endpoint may do with a region: map it, or go through the kernel. */
typedef uint32_t zx_iob_access_t;

#define ZX_IOB_EP0_CAN_MAP_READ ((zx_iob_access_t)(1u << 0))
#define ZX_IOB_EP0_CAN_MAP_WRITE ((zx_iob_access_t)(1u << 1))
#define ZX_IOB_EP0_CAN_MEDIATED_READ ((zx_iob_access_t)(1u << 2))
#define ZX_IOB_EP0_CAN_MEDIATED_WRITE ((zx_iob_access_t)(1u << 3))
#define ZX_IOB_EP1_CAN_MAP_READ ((zx_iob_access_t)(1u << 4))
#define ZX_IOB_EP1_CAN_MAP_WRITE ((zx_iob_access_t)(1u << 5))
#define ZX_IOB_EP1_CAN_MEDIATED_READ ((zx_iob_access_t)(1u << 6))
#define ZX_IOB_EP1_CAN_MEDIATED_WRITE ((zx_iob_access_t)(1u << 7))

/* Type-specific part of a ZX_IOB_REGION_TYPE_PRIVATE region. */
typedef struct zx_iob_region_private {
  uint32_t options; /* must be 0 */
  uint32_t padding1;
  uint64_t padding2[3];
} zx_iob_region_private_t;

/* One region of zx_iob_create()'s array; 120 bytes whatever the type. */
typedef struct zx_iob_region {
  zx_iob_region_type_t type;
  zx_iob_access_t access;
  uint64_t size; /* rounded up to whole pages */
  zx_iob_discipline_t discipline;
  union {
    zx_iob_region_private_t private_region;
    uint8_t max_extension[32];
  };
} zx_iob_region_t;

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_IOB_H_ */

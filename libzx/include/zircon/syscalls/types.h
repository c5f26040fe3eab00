/* SPDX-License-Identifier: MIT */
/* Incomplete struct types named in <zircon/syscalls.h> prototypes. */
#ifndef ZIRCON_SYSCALLS_TYPES_H_
#define ZIRCON_SYSCALLS_TYPES_H_

#include <zircon/compiler.h>

__BEGIN_CDECLS

typedef struct zx_port_packet zx_port_packet_t;               /* port.h */
typedef struct zx_pci_bar zx_pci_bar_t;                       /* pci.h */
typedef struct zx_pcie_device_info zx_pcie_device_info_t;     /* pci.h */
typedef struct zx_pci_init_arg zx_pci_init_arg_t;             /* pci.h */
typedef struct zx_system_powerctl_arg zx_system_powerctl_arg_t; /* system.h */
typedef struct zx_profile_info zx_profile_info_t;             /* profile.h */
typedef struct zx_smc_parameters zx_smc_parameters_t;         /* smc.h */
typedef struct zx_smc_result zx_smc_result_t;                 /* smc.h */

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_TYPES_H_ */

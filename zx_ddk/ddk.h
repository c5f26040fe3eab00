/* SPDX-License-Identifier: GPL-2.0 */
/* The DDK: resources, and the privilege checks other calls make with them. */
#ifndef ZX_DDK_DDK_H
#define ZX_DDK_DDK_H

#include "../zx_core/zircon.h"

#include <zircon/syscalls/resource.h>

struct pci_dev;
struct zx_pci_device;

/* zx_ddk/pci.c */
int zx_pci_init(void);
void zx_pci_exit(void);
struct pci_dev *zx_pci_claimed_device(int domain, unsigned int bus,
				      unsigned int devfn);
void zx_pci_device_ref(struct zx_pci_device *dev);
void zx_pci_device_unref(struct zx_pci_device *dev);
void zx_pci_interrupt_remove(struct zx_pci_device *dev,
			     struct list_head *node);

/* zx_ddk/interrupt.c */
/*
 * An interrupt for a PCI device's Linux IRQ @irq (@intx: a legacy line,
 * shared, masked at the device), put on @list under the device's lock and
 * holding a reference on @owner; the device tears it down with
 * zx_interrupt_detach() (under its lock) when it goes.
 */
zx_status_t zx_interrupt_create_pci(struct zx_pci_device *owner,
				    struct list_head *list, unsigned int irq,
				    struct pci_dev *intx,
				    struct zx_object **out);
void zx_interrupt_detach(struct list_head *node);

/* zx_ddk/iommu.c */
zx_status_t zx_iommu_lookup(struct zx_process *proc, zx_handle_t handle,
			    struct zx_object **out);
zx_status_t zx_iommu_bti_device(struct zx_object *iommu, u64 bti_id,
				struct pci_dev **pdev);

/* zx_ddk/bti.c: @handle is a BTI with @rights. */
zx_status_t zx_bti_check(struct zx_process *proc, zx_handle_t handle,
			 zx_rights_t rights);

/* zx_ddk/resource.c */
int zx_resources_init(void);
void zx_resources_exit(void);
struct zx_handle *zx_root_resource_handle(void);

/*
 * Checks that @handle names a resource that grants [@base, @base + @size)
 * of @kind: the root resource grants everything.  Returns ZX_OK,
 * ZX_ERR_BAD_HANDLE, ZX_ERR_WRONG_TYPE (not a resource) or
 * ZX_ERR_ACCESS_DENIED (another kind, or the range is not inside).
 */
zx_status_t zx_resource_check(struct zx_process *proc, zx_handle_t handle,
			      u32 kind, u64 base, u64 size);

#endif /* ZX_DDK_DDK_H */

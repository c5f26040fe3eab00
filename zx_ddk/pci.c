// SPDX-License-Identifier: GPL-2.0
/*
 * PCI devices for userspace drivers, over the Linux PCI core.
 *
 * zx_pci_get_nth_device() counts the PCI functions that no Linux driver has
 * claimed (bridges excluded: Linux manages the hierarchy).  Handing one out
 * binds it to this module's "zircon" PCI driver through driver_override,
 * so Linux will not give it to another driver while a handle lives; the
 * last handle unbinds it, with bus mastering and interrupt vectors off.
 *
 * Config space writes inside the standard header are refused: the command
 * register, BARs and interrupt routing belong to the calls made for them.
 *
 * pci_map_interrupt makes interrupt objects (interrupt.c) for the vectors
 * pci_set_irq_mode allocated; the device keeps them on a list, refuses to
 * change its IRQ mode while any exists, and tears them down before its
 * vectors go when it is unbound.  pci_get_bar gives an MMIO BAR as a
 * physical VMO (uncached device memory) and a PIO BAR as its port range.
 */
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <zircon/syscalls/pci.h>

#include "ddk.h"
#include "../zx_core/syscalls.h"
#include "../zx_vm/vmo.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_PCI_DRIVER_NAME	"zircon"

/* Linux 6.8 renamed PCI_IRQ_LEGACY. */
#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX		PCI_IRQ_LEGACY
#endif

struct zx_pci_device {
	struct zx_object base;
	struct pci_dev *pdev;		/* pci_dev_get'd */
	/* Serialises use of the device against its unbinding. */
	struct mutex lock;
	bool bound;			/* still bound to this module */
	bool enabled;			/* pci_enable_device() done */
	u32 irq_mode;			/* ZX_PCIE_IRQ_MODE_* */
	u32 irq_count;			/* vectors allocated */
	struct list_head interrupts;	/* mapped interrupt objects */
};

/* Claiming and releasing devices; outside every object lock. */
static DEFINE_MUTEX(zx_pci_lock);

static struct pci_driver zx_pci_driver;

/* @name, or NULL to clear. */
static int zx_pci_set_override(struct pci_dev *pdev, const char *name)
{
#ifdef ZX_HAVE_DEVICE_DRIVER_OVERRIDE
	return device_set_driver_override(&pdev->dev, name);
#else
	return driver_set_override(&pdev->dev, &pdev->driver_override,
				   name ? name : "", name ? strlen(name) : 0);
#endif
}

static struct zx_pci_device *to_pci_device(struct zx_object *obj)
{
	return container_of(obj, struct zx_pci_device, base);
}

/* Only devices that driver_override named "zircon" reach this. */
static int zx_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return 0;
}

/* Unbound from outside (sysfs, hot unplug): the handles stay, inert. */
static void zx_pci_remove(struct pci_dev *pdev)
{
	struct zx_pci_device *dev = pci_get_drvdata(pdev);

	if (!dev)
		return;
	mutex_lock(&dev->lock);
	while (!list_empty(&dev->interrupts))
		zx_interrupt_detach(dev->interrupts.next);
	if (dev->irq_mode != ZX_PCIE_IRQ_MODE_DISABLED)
		pci_free_irq_vectors(pdev);
	if (dev->enabled) {
		pci_clear_master(pdev);
		pci_disable_device(pdev);
	}
	dev->irq_mode = ZX_PCIE_IRQ_MODE_DISABLED;
	dev->enabled = false;
	dev->bound = false;
	pci_set_drvdata(pdev, NULL);
	mutex_unlock(&dev->lock);
}

static struct pci_driver zx_pci_driver = {
	.name = ZX_PCI_DRIVER_NAME,
	.probe = zx_pci_probe,
	.remove = zx_pci_remove,
};

static bool zx_pci_available(struct pci_dev *pdev)
{
	struct device_driver *drv = READ_ONCE(pdev->dev.driver);

	if (pdev->hdr_type != PCI_HEADER_TYPE_NORMAL)
		return false;
	return !drv || drv == &zx_pci_driver.driver;
}

static void zx_pci_release(struct pci_dev *pdev)
{
	device_release_driver(&pdev->dev);
	zx_pci_set_override(pdev, NULL);
}

static void zx_pci_device_on_zero_handles(struct zx_object *obj)
{
	struct zx_pci_device *dev = to_pci_device(obj);
	bool bound;

	mutex_lock(&zx_pci_lock);
	mutex_lock(&dev->lock);
	bound = dev->bound;
	mutex_unlock(&dev->lock);
	/* zx_pci_remove() turns the device off and clears drvdata. */
	if (bound)
		zx_pci_release(dev->pdev);
	mutex_unlock(&zx_pci_lock);
}

static void zx_pci_device_destroy(struct zx_object *obj)
{
	struct zx_pci_device *dev = to_pci_device(obj);

	pci_dev_put(dev->pdev);
	kfree(dev);
}

static const struct zx_object_type zx_pci_device_type = {
	.obj_type = ZX_OBJ_TYPE_PCI_DEVICE,
	.name = ZX_NAME_FIXED,
	.default_rights = ZX_DEFAULT_PCI_DEVICE_RIGHTS,
	.user_signals = ZX_USER_SIGNAL_ALL,
	.on_zero_handles = zx_pci_device_on_zero_handles,
	.destroy = zx_pci_device_destroy,
};

int zx_pci_init(void)
{
	return pci_register_driver(&zx_pci_driver);
}

void zx_pci_exit(void)
{
	pci_unregister_driver(&zx_pci_driver);
}

/* Binds @pdev to this module and wraps it in a new object. */
static zx_status_t zx_pci_claim(struct pci_dev *pdev,
				struct zx_pci_device **out)
{
	struct zx_pci_device *dev;
	int ret;

	if (pci_get_drvdata(pdev) && pdev->dev.driver == &zx_pci_driver.driver)
		return ZX_ERR_ALREADY_BOUND;
	dev = kzalloc(sizeof(*dev), GFP_KERNEL_ACCOUNT);
	if (!dev)
		return ZX_ERR_NO_MEMORY;
	if (!pdev->dev.driver) {
		ret = zx_pci_set_override(pdev, ZX_PCI_DRIVER_NAME);
		if (!ret)
			ret = device_attach(&pdev->dev);
		if (ret <= 0 || pdev->dev.driver != &zx_pci_driver.driver) {
			/* Lost a race with a Linux driver, or no memory. */
			if (ret > 0)
				zx_pci_release(pdev);
			else
				zx_pci_set_override(pdev, NULL);
			kfree(dev);
			return ret == -ENOMEM ? ZX_ERR_NO_MEMORY :
			       ZX_ERR_ALREADY_BOUND;
		}
	}
	zx_object_init(&dev->base, &zx_pci_device_type);
	dev->pdev = pci_dev_get(pdev);
	mutex_init(&dev->lock);
	INIT_LIST_HEAD(&dev->interrupts);
	dev->bound = true;
	dev->irq_mode = ZX_PCIE_IRQ_MODE_DISABLED;
	scnprintf(dev->base.name, sizeof(dev->base.name), "%s",
		  pci_name(pdev));
	pci_set_drvdata(pdev, dev);
	*out = dev;
	return ZX_OK;
}

zx_status_t zx_sys_pci_get_nth_device(struct zx_process *proc, void *argp)
{
	struct zx_pci_get_nth_device_args *args = argp;
	struct zx_pcie_device_info info = {};
	struct pci_dev *pdev = NULL;
	struct zx_pci_device *dev = NULL;
	struct zx_handle *h;
	zx_status_t status;
	u32 seen = 0;

	status = zx_resource_check(proc, args->resource, ZX_RSRC_KIND_ROOT,
				   0, 0);
	if (status != ZX_OK)
		return status;

	mutex_lock(&zx_pci_lock);
	for_each_pci_dev(pdev) {
		if (zx_pci_available(pdev) && seen++ == args->index)
			break;
	}
	if (!pdev) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out_unlock;
	}
	status = zx_pci_claim(pdev, &dev);
	pci_dev_put(pdev);
	if (status != ZX_OK)
		goto out_unlock;
	info = (struct zx_pcie_device_info){
		.vendor_id = pdev->vendor,
		.device_id = pdev->device,
		.base_class = pdev->class >> 16,
		.sub_class = pdev->class >> 8,
		.program_interface = pdev->class,
		.revision_id = pdev->revision,
		.bus_id = pdev->bus->number,
		.dev_id = PCI_SLOT(pdev->devfn),
		.func_id = PCI_FUNC(pdev->devfn),
	};
out_unlock:
	mutex_unlock(&zx_pci_lock);
	if (status != ZX_OK)
		return status;

	/* Dropping the handle on a failure below releases the device. */
	h = zx_handle_create(&dev->base, ZX_DEFAULT_PCI_DEVICE_RIGHTS);
	zx_object_put(&dev->base);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	if (copy_to_user(zx_uptr(args->out_info), &info, sizeof(info))) {
		zx_handle_destroy(h);
		return ZX_ERR_INVALID_ARGS;
	}
	return zx_handle_install_user(proc, h, args->out);
}

/*
 * Looks up a PCI device handle with @rights and locks the device; fails
 * with ZX_ERR_BAD_STATE once Linux has unbound it.
 */
static zx_status_t zx_pci_device_get(struct zx_process *proc, zx_handle_t h,
				     zx_rights_t rights,
				     struct zx_pci_device **out)
{
	struct zx_pci_device *dev;
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, h, ZX_OBJ_TYPE_PCI_DEVICE, rights,
				  &obj, NULL);
	if (status != ZX_OK)
		return status;
	dev = to_pci_device(obj);
	mutex_lock(&dev->lock);
	if (!dev->bound) {
		mutex_unlock(&dev->lock);
		zx_object_put(obj);
		return ZX_ERR_BAD_STATE;
	}
	*out = dev;
	return ZX_OK;
}

static void zx_pci_device_put(struct zx_pci_device *dev)
{
	mutex_unlock(&dev->lock);
	zx_object_put(&dev->base);
}

/* Memory and I/O decoding come on with the first use that needs them. */
static zx_status_t zx_pci_enable(struct zx_pci_device *dev)
{
	if (dev->enabled)
		return ZX_OK;
	if (pci_enable_device(dev->pdev))
		return ZX_ERR_IO;
	dev->enabled = true;
	return ZX_OK;
}

zx_status_t zx_sys_pci_enable_bus_master(struct zx_process *proc, void *argp)
{
	struct zx_pci_device_args *args = argp;
	struct zx_pci_device *dev;
	zx_status_t status;

	status = zx_pci_device_get(proc, args->handle, ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	if (args->value) {
		status = zx_pci_enable(dev);
		if (status == ZX_OK)
			pci_set_master(dev->pdev);
	} else {
		pci_clear_master(dev->pdev);
	}
	zx_pci_device_put(dev);
	return status;
}

zx_status_t zx_sys_pci_reset_device(struct zx_process *proc, void *argp)
{
	struct zx_pci_device_args *args = argp;
	struct zx_pci_device *dev;
	zx_status_t status;
	int ret;

	if (args->value)
		return ZX_ERR_INVALID_ARGS;
	status = zx_pci_device_get(proc, args->handle, ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	ret = pci_reset_function(dev->pdev);
	zx_pci_device_put(dev);
	if (ret == -ENOTTY)
		return ZX_ERR_NOT_SUPPORTED;
	return ret ? ZX_ERR_IO : ZX_OK;
}

/* Width 1, 2 or 4, aligned, inside the device's config space. */
static zx_status_t zx_pci_config_check(struct pci_dev *pdev, u64 offset,
				       u64 width)
{
	if (width != 1 && width != 2 && width != 4)
		return ZX_ERR_INVALID_ARGS;
	if (offset % width)
		return ZX_ERR_INVALID_ARGS;
	if (offset + width > pdev->cfg_size)
		return ZX_ERR_OUT_OF_RANGE;
	return ZX_OK;
}

zx_status_t zx_sys_pci_config_read(struct zx_process *proc, void *argp)
{
	struct zx_pci_config_args *args = argp;
	struct zx_pci_device *dev;
	zx_status_t status;
	u32 val = 0;
	int ret;

	status = zx_pci_device_get(proc, args->handle,
				   ZX_RIGHT_READ | ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	status = zx_pci_config_check(dev->pdev, args->offset, args->width);
	if (status == ZX_OK) {
		u8 v8;
		u16 v16;

		switch (args->width) {
		case 1:
			ret = pci_read_config_byte(dev->pdev, args->offset, &v8);
			val = v8;
			break;
		case 2:
			ret = pci_read_config_word(dev->pdev, args->offset,
						   &v16);
			val = v16;
			break;
		default:
			ret = pci_read_config_dword(dev->pdev, args->offset,
						    &val);
			break;
		}
		if (ret)
			status = ZX_ERR_IO;
	}
	zx_pci_device_put(dev);
	if (status == ZX_OK &&
	    put_user(val, (u32 __user *)zx_uptr(args->value_ptr)))
		status = ZX_ERR_INVALID_ARGS;
	return status;
}

zx_status_t zx_sys_pci_config_write(struct zx_process *proc, void *argp)
{
	struct zx_pci_config_args *args = argp;
	struct zx_pci_device *dev;
	zx_status_t status;
	int ret;

	status = zx_pci_device_get(proc, args->handle,
				   ZX_RIGHT_READ | ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	status = zx_pci_config_check(dev->pdev, args->offset, args->width);
	if (status == ZX_OK && args->offset < ZX_PCI_STANDARD_CONFIG_HDR_SIZE)
		status = ZX_ERR_ACCESS_DENIED;
	if (status == ZX_OK) {
		switch (args->width) {
		case 1:
			ret = pci_write_config_byte(dev->pdev, args->offset,
						    args->value);
			break;
		case 2:
			ret = pci_write_config_word(dev->pdev, args->offset,
						    args->value);
			break;
		default:
			ret = pci_write_config_dword(dev->pdev, args->offset,
						     args->value);
			break;
		}
		if (ret)
			status = ZX_ERR_IO;
	}
	zx_pci_device_put(dev);
	return status;
}

/* How many vectors @mode can give this device; negative if none. */
static int zx_pci_irq_capacity(struct pci_dev *pdev, u32 mode)
{
	switch (mode) {
	case ZX_PCIE_IRQ_MODE_DISABLED:
		return 0;
	case ZX_PCIE_IRQ_MODE_LEGACY:
	case ZX_PCIE_IRQ_MODE_LEGACY_NOACK:
		return pdev->pin ? 1 : -1;
	case ZX_PCIE_IRQ_MODE_MSI:
		return pci_msi_vec_count(pdev);
	case ZX_PCIE_IRQ_MODE_MSI_X:
		return pci_msix_vec_count(pdev);
	default:
		return -1;
	}
}

static bool zx_pci_irq_mode_known(u32 mode)
{
	return mode <= ZX_PCIE_IRQ_MODE_MSI_X;
}

zx_status_t zx_sys_pci_query_irq_mode(struct zx_process *proc, void *argp)
{
	struct zx_pci_irq_mode_args *args = argp;
	struct zx_pci_device *dev;
	zx_status_t status;
	int max;

	if (!zx_pci_irq_mode_known(args->mode) || args->count ||
	    args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_pci_device_get(proc, args->handle, ZX_RIGHT_READ, &dev);
	if (status != ZX_OK)
		return status;
	max = zx_pci_irq_capacity(dev->pdev, args->mode);
	zx_pci_device_put(dev);
	if (max < 0)
		return ZX_ERR_NOT_SUPPORTED;
	if (put_user((u32)max, (u32 __user *)zx_uptr(args->out_max_irqs)))
		return ZX_ERR_INVALID_ARGS;
	return ZX_OK;
}

zx_status_t zx_sys_pci_set_irq_mode(struct zx_process *proc, void *argp)
{
	struct zx_pci_irq_mode_args *args = argp;
	static const unsigned int flags[] = {
		[ZX_PCIE_IRQ_MODE_LEGACY] = PCI_IRQ_INTX,
		[ZX_PCIE_IRQ_MODE_LEGACY_NOACK] = PCI_IRQ_INTX,
		[ZX_PCIE_IRQ_MODE_MSI] = PCI_IRQ_MSI,
		[ZX_PCIE_IRQ_MODE_MSI_X] = PCI_IRQ_MSIX,
	};
	struct zx_pci_device *dev;
	zx_status_t status;
	int max, ret;

	if (!zx_pci_irq_mode_known(args->mode) || args->reserved ||
	    args->out_max_irqs)
		return ZX_ERR_INVALID_ARGS;
	if ((args->mode == ZX_PCIE_IRQ_MODE_DISABLED) != !args->count)
		return ZX_ERR_INVALID_ARGS;
	status = zx_pci_device_get(proc, args->handle, ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	max = zx_pci_irq_capacity(dev->pdev, args->mode);
	if (max < 0) {
		status = ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	if (args->count > max) {
		status = ZX_ERR_OUT_OF_RANGE;
		goto out;
	}
	/* Mapped interrupts hold the current vectors. */
	if (!list_empty(&dev->interrupts)) {
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	if (dev->irq_mode != ZX_PCIE_IRQ_MODE_DISABLED) {
		pci_free_irq_vectors(dev->pdev);
		dev->irq_mode = ZX_PCIE_IRQ_MODE_DISABLED;
	}
	if (args->mode == ZX_PCIE_IRQ_MODE_DISABLED)
		goto out;
	status = zx_pci_enable(dev);
	if (status != ZX_OK)
		goto out;
	ret = pci_alloc_irq_vectors(dev->pdev, args->count, args->count,
				    flags[args->mode]);
	if (ret < 0) {
		status = ret == -ENOMEM ? ZX_ERR_NO_RESOURCES :
			 ZX_ERR_NOT_SUPPORTED;
		goto out;
	}
	dev->irq_mode = args->mode;
	dev->irq_count = args->count;
out:
	zx_pci_device_put(dev);
	return status;
}

/*
 * The PCI device at @domain:@bus:@devfn if it is bound to this module
 * (pci_dev_get'd), else NULL: BTIs map DMA only for devices a driver here
 * owns, never for one a Linux driver drives.
 */
struct pci_dev *zx_pci_claimed_device(int domain, unsigned int bus,
				      unsigned int devfn)
{
	struct pci_dev *pdev;

	pdev = pci_get_domain_bus_and_slot(domain, bus, devfn);
	if (!pdev)
		return NULL;
	mutex_lock(&zx_pci_lock);
	if (READ_ONCE(pdev->dev.driver) != &zx_pci_driver.driver) {
		pci_dev_put(pdev);
		pdev = NULL;
	}
	mutex_unlock(&zx_pci_lock);
	return pdev;
}

void zx_pci_device_ref(struct zx_pci_device *dev)
{
	zx_object_get(&dev->base);
}

void zx_pci_device_unref(struct zx_pci_device *dev)
{
	zx_object_put(&dev->base);
}

/* An interrupt object leaves @dev's list (unless detached already). */
void zx_pci_interrupt_remove(struct zx_pci_device *dev,
			     struct list_head *node)
{
	mutex_lock(&dev->lock);
	if (!list_empty(node))
		list_del_init(node);
	mutex_unlock(&dev->lock);
}

zx_status_t zx_sys_pci_map_interrupt(struct zx_process *proc, void *argp)
{
	struct zx_pci_map_interrupt_args *args = argp;
	struct zx_pci_device *dev;
	struct pci_dev *intx = NULL;
	struct zx_object *intr;
	zx_status_t status;
	int irq;

	status = zx_pci_device_get(proc, args->handle, ZX_RIGHT_READ, &dev);
	if (status != ZX_OK)
		return status;
	if (dev->irq_mode == ZX_PCIE_IRQ_MODE_DISABLED) {
		status = ZX_ERR_BAD_STATE;
		goto out;
	}
	if (args->which_irq < 0 || args->which_irq >= dev->irq_count) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	if (dev->irq_mode == ZX_PCIE_IRQ_MODE_LEGACY ||
	    dev->irq_mode == ZX_PCIE_IRQ_MODE_LEGACY_NOACK) {
		/* One object per line: it masks INTx at the device. */
		if (!list_empty(&dev->interrupts)) {
			status = ZX_ERR_ALREADY_BOUND;
			goto out;
		}
		intx = dev->pdev;
	}
	irq = pci_irq_vector(dev->pdev, args->which_irq);
	if (irq < 0) {
		status = ZX_ERR_INVALID_ARGS;
		goto out;
	}
	status = zx_interrupt_create_pci(dev, &dev->interrupts, irq, intx,
					 &intr);
out:
	zx_pci_device_put(dev);
	if (status != ZX_OK)
		return status;
	status = zx_create_handle_user(proc, intr, args->out);
	zx_object_put(intr);
	return status;
}

zx_status_t zx_sys_pci_get_bar(struct zx_process *proc, void *argp)
{
	struct zx_pci_get_bar_args *args = argp;
	struct zx_pci_bar bar = { .id = args->bar_num };
	struct zx_pci_device *dev;
	struct zx_vmo *vmo = NULL;
	zx_status_t status;
	resource_size_t start, len;
	unsigned long flags;
	zx_handle_t value;
	struct zx_handle *h;
	u32 index;

	if (args->bar_num >= PCI_STD_NUM_BARS)
		return ZX_ERR_INVALID_ARGS;
	status = zx_pci_device_get(proc, args->handle,
				   ZX_RIGHT_READ | ZX_RIGHT_WRITE, &dev);
	if (status != ZX_OK)
		return status;
	start = pci_resource_start(dev->pdev, args->bar_num);
	len = pci_resource_len(dev->pdev, args->bar_num);
	flags = pci_resource_flags(dev->pdev, args->bar_num);
	bar.size = len;
	if (!len || !(flags & (IORESOURCE_MEM | IORESOURCE_IO))) {
		status = ZX_ERR_NOT_FOUND;
	} else if (flags & IORESOURCE_IO) {
		/* The ports answer only once I/O decoding is on. */
		bar.type = ZX_PCI_BAR_TYPE_PIO;
		bar.addr = start;
		status = zx_pci_enable(dev);
	} else if (!PAGE_ALIGNED(start)) {
		/* Its page would expose another device's registers. */
		status = ZX_ERR_NOT_SUPPORTED;
	} else {
		bar.type = ZX_PCI_BAR_TYPE_MMIO;
		status = zx_pci_enable(dev);
		if (status == ZX_OK) {
			vmo = zx_vmo_create_physical_kernel(start,
					PAGE_ALIGN(len),
					ZX_CACHE_POLICY_UNCACHED_DEVICE);
			if (!vmo)
				status = ZX_ERR_NO_MEMORY;
		}
	}
	zx_pci_device_put(dev);
	if (status != ZX_OK)
		return status;
	if (!vmo)
		return copy_to_user(zx_uptr(args->out_bar), &bar, sizeof(bar)) ?
		       ZX_ERR_INVALID_ARGS : ZX_OK;
	h = zx_handle_create(zx_vmo_object(vmo), ZX_DEFAULT_VMO_RIGHTS);
	zx_vmo_put(vmo);
	if (!h)
		return ZX_ERR_NO_MEMORY;
	/* Published only once both outputs reached the caller. */
	status = zx_handles_reserve(proc, 1, &index, &value);
	if (status != ZX_OK)
		goto err_destroy;
	bar.handle = value;
	if (put_user(value, (zx_handle_t __user *)zx_uptr(args->out_handle)) ||
	    copy_to_user(zx_uptr(args->out_bar), &bar, sizeof(bar))) {
		zx_handles_unreserve(proc, 1, &index);
		status = ZX_ERR_INVALID_ARGS;
		goto err_destroy;
	}
	zx_handles_publish(proc, 1, &index, &h, &value);
	return ZX_OK;

err_destroy:
	zx_handle_destroy(h);
	return status;
}

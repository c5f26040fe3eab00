// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt objects: virtual ones (interrupt_trigger), a Linux IRQ named by
 * an IRQ resource, or a vector of a PCI device bound to zircon.ko.
 *
 * A hardware interrupt masks its line when it fires (disable_irq_nosync();
 * for shared legacy PCI lines the device's INTx is masked instead) and the
 * line is unmasked again when the object is re-armed: by interrupt_ack, or
 * by the next interrupt_wait.  Linux replays an edge that arrived while the
 * line was masked, and a level line still asserted fires again, which is
 * Zircon's "triggers immediately on ack".  Virtual interrupts latch a
 * trigger the same way.
 *
 * intr->lock (a spinlock, taken from the hard IRQ handler) guards the state;
 * intr->hw_lock (a mutex) guards the Linux IRQ's registration, which
 * interrupt_destroy, the last handle and a PCI device's unbinding may each
 * tear down.
 */
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "ddk.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_INTERRUPT_CREATE_OPTIONS	(ZX_INTERRUPT_REMAP_IRQ | \
					 ZX_INTERRUPT_MODE_MASK | \
					 ZX_INTERRUPT_VIRTUAL)

struct zx_interrupt {
	struct zx_object base;
	spinlock_t lock;		/* the state below */
	bool is_virtual;
	bool destroyed;
	bool armed;			/* may deliver the next trigger */
	bool triggered;			/* a trigger not yet delivered */
	bool masked;			/* the line is masked until re-armed */
	bool waiting;			/* a thread is in interrupt_wait */
	zx_time_t timestamp;		/* of the trigger */
	wait_queue_head_t wq;
	/* The Linux IRQ and its registration. */
	struct mutex hw_lock;
	unsigned int irq;
	bool requested;
	struct pci_dev *intx;		/* legacy PCI: masked at the device */
	struct zx_pci_device *owner;	/* referenced, or NULL */
	struct list_head owner_node;	/* under the owner's lock */
};

static struct zx_interrupt *to_interrupt(struct zx_object *obj)
{
	return container_of(obj, struct zx_interrupt, base);
}

/* Masks the line after a trigger.  intr->lock held. */
static void zx_interrupt_mask(struct zx_interrupt *intr)
{
	if (intr->is_virtual || intr->masked)
		return;
	intr->masked = true;
	if (!intr->intx)
		disable_irq_nosync(intr->irq);
}

/* Delivers a trigger if armed.  intr->lock held. */
static void zx_interrupt_deliver(struct zx_interrupt *intr)
{
	if (!intr->armed || !intr->triggered || !intr->waiting)
		return;
	intr->armed = false;
	wake_up(&intr->wq);
}

/* A trigger at @ts, from the IRQ handler or interrupt_trigger. */
static void zx_interrupt_fire(struct zx_interrupt *intr, zx_time_t ts)
{
	unsigned long flags;

	spin_lock_irqsave(&intr->lock, flags);
	if (!intr->destroyed) {
		zx_interrupt_mask(intr);
		if (!intr->triggered) {
			intr->triggered = true;
			intr->timestamp = ts;
		}
		zx_interrupt_deliver(intr);
	}
	spin_unlock_irqrestore(&intr->lock, flags);
}

static irqreturn_t zx_interrupt_handler(int irq, void *data)
{
	struct zx_interrupt *intr = data;

	/* A shared legacy line: ours only if the device asserts INTx. */
	if (intr->intx && !pci_check_and_mask_intx(intr->intx))
		return IRQ_NONE;
	zx_interrupt_fire(intr, ktime_get());
	return IRQ_HANDLED;
}

/* Unmasks after a re-arm; outside intr->lock (Linux may replay at once). */
static void zx_interrupt_unmask(struct zx_interrupt *intr, bool unmask)
{
	if (!unmask)
		return;
	mutex_lock(&intr->hw_lock);
	if (intr->requested) {
		if (intr->intx)
			pci_check_and_unmask_intx(intr->intx);
		else
			enable_irq(intr->irq);
	}
	mutex_unlock(&intr->hw_lock);
}

/* Re-arms; returns whether the line must be unmasked.  intr->lock held. */
static bool zx_interrupt_rearm(struct zx_interrupt *intr)
{
	bool unmask = intr->masked;

	intr->armed = true;
	intr->masked = false;
	return unmask;
}

/* Frees the Linux IRQ, if still registered.  May sleep. */
static void zx_interrupt_free_irq(struct zx_interrupt *intr)
{
	unsigned long flags;
	bool masked;

	mutex_lock(&intr->hw_lock);
	if (intr->requested) {
		spin_lock_irqsave(&intr->lock, flags);
		masked = intr->masked && !intr->intx;
		intr->masked = false;
		spin_unlock_irqrestore(&intr->lock, flags);
		/* Keep disable/enable balanced for the next owner. */
		if (masked)
			enable_irq(intr->irq);
		free_irq(intr->irq, intr);
		intr->requested = false;
	}
	mutex_unlock(&intr->hw_lock);
}

/* Cancels waits and stops delivery; returns whether it was news. */
static bool zx_interrupt_cancel(struct zx_interrupt *intr)
{
	unsigned long flags;
	bool was;

	spin_lock_irqsave(&intr->lock, flags);
	was = intr->destroyed;
	intr->destroyed = true;
	intr->triggered = false;
	wake_up_all(&intr->wq);
	spin_unlock_irqrestore(&intr->lock, flags);
	return !was;
}

static void zx_interrupt_on_zero_handles(struct zx_object *obj)
{
	struct zx_interrupt *intr = to_interrupt(obj);

	zx_interrupt_cancel(intr);
	zx_interrupt_free_irq(intr);
	if (intr->owner)
		zx_pci_interrupt_remove(intr->owner, &intr->owner_node);
}

static void zx_interrupt_destroy_obj(struct zx_object *obj)
{
	struct zx_interrupt *intr = to_interrupt(obj);

	pci_dev_put(intr->intx);
	if (intr->owner)
		zx_pci_device_unref(intr->owner);
	mutex_destroy(&intr->hw_lock);
	kfree(intr);
}

static const struct zx_object_type zx_interrupt_type = {
	.obj_type = ZX_OBJ_TYPE_INTERRUPT,
	.default_rights = ZX_DEFAULT_INTERRUPT_RIGHTS,
	.not_waitable = true,
	.on_zero_handles = zx_interrupt_on_zero_handles,
	.destroy = zx_interrupt_destroy_obj,
};

static struct zx_interrupt *zx_interrupt_alloc(void)
{
	struct zx_interrupt *intr;

	intr = kzalloc(sizeof(*intr), GFP_KERNEL_ACCOUNT);
	if (!intr)
		return NULL;
	zx_object_init(&intr->base, &zx_interrupt_type);
	spin_lock_init(&intr->lock);
	init_waitqueue_head(&intr->wq);
	mutex_init(&intr->hw_lock);
	INIT_LIST_HEAD(&intr->owner_node);
	/* A new interrupt may deliver its first trigger. */
	intr->armed = true;
	return intr;
}

/* Registers @irq for @intr; @intx for a shared legacy PCI line. */
static zx_status_t zx_interrupt_request(struct zx_interrupt *intr,
					unsigned int irq, unsigned long flags,
					struct pci_dev *intx)
{
	int ret;

	intr->irq = irq;
	intr->intx = pci_dev_get(intx);
	ret = request_irq(irq, zx_interrupt_handler, flags, "zircon", intr);
	if (ret == -EBUSY)
		return ZX_ERR_ALREADY_BOUND;
	if (ret == -ENOMEM)
		return ZX_ERR_NO_MEMORY;
	if (ret)
		return ZX_ERR_INVALID_ARGS;
	intr->requested = true;
	return ZX_OK;
}

/* Linux trigger flags for a ZX_INTERRUPT_MODE_*; false if unknown. */
static bool zx_interrupt_trigger_flags(u32 mode, unsigned long *flags)
{
	switch (mode) {
	case ZX_INTERRUPT_MODE_DEFAULT:
		*flags = 0;
		return true;
	case ZX_INTERRUPT_MODE_EDGE_LOW:
		*flags = IRQF_TRIGGER_FALLING;
		return true;
	case ZX_INTERRUPT_MODE_EDGE_HIGH:
		*flags = IRQF_TRIGGER_RISING;
		return true;
	case ZX_INTERRUPT_MODE_LEVEL_LOW:
		*flags = IRQF_TRIGGER_LOW;
		return true;
	case ZX_INTERRUPT_MODE_LEVEL_HIGH:
		*flags = IRQF_TRIGGER_HIGH;
		return true;
	case ZX_INTERRUPT_MODE_EDGE_BOTH:
		*flags = IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING;
		return true;
	default:
		return false;
	}
}

zx_status_t zx_sys_interrupt_create(struct zx_process *proc, void *argp)
{
	struct zx_interrupt_create_args *args = argp;
	struct zx_interrupt *intr;
	unsigned long flags = 0;
	zx_status_t status;

	if (args->reserved || (args->options & ~ZX_INTERRUPT_CREATE_OPTIONS))
		return ZX_ERR_INVALID_ARGS;
	if (args->options & ZX_INTERRUPT_VIRTUAL) {
		if (args->options != ZX_INTERRUPT_VIRTUAL)
			return ZX_ERR_INVALID_ARGS;
	} else {
		status = zx_resource_check(proc, args->src_obj,
					   ZX_RSRC_KIND_IRQ, args->src_num, 1);
		if (status != ZX_OK)
			return status;
		/* Remapping is the Linux IRQ domain's business. */
		if (!zx_interrupt_trigger_flags(args->options &
						ZX_INTERRUPT_MODE_MASK,
						&flags))
			return ZX_ERR_INVALID_ARGS;
	}
	intr = zx_interrupt_alloc();
	if (!intr)
		return ZX_ERR_NO_MEMORY;
	if (args->options & ZX_INTERRUPT_VIRTUAL) {
		intr->is_virtual = true;
	} else {
		/* Not shared: the line must be ours alone to mask. */
		status = zx_interrupt_request(intr, args->src_num, flags, NULL);
		if (status != ZX_OK) {
			zx_object_put(&intr->base);
			return status;
		}
	}
	status = zx_create_handle_user(proc, &intr->base, args->out);
	zx_object_put(&intr->base);
	return status;
}

zx_status_t zx_interrupt_create_pci(struct zx_pci_device *owner,
				    struct list_head *list, unsigned int irq,
				    struct pci_dev *intx,
				    struct zx_object **out)
{
	struct zx_interrupt *intr;
	zx_status_t status;

	intr = zx_interrupt_alloc();
	if (!intr)
		return ZX_ERR_NO_MEMORY;
	status = zx_interrupt_request(intr, irq, intx ? IRQF_SHARED : 0,
				      intx);
	if (status != ZX_OK) {
		zx_object_put(&intr->base);
		return status;
	}
	intr->owner = owner;
	zx_pci_device_ref(owner);
	list_add_tail(&intr->owner_node, list);
	*out = &intr->base;
	return ZX_OK;
}

void zx_interrupt_detach(struct list_head *node)
{
	struct zx_interrupt *intr = container_of(node, struct zx_interrupt,
						 owner_node);

	zx_interrupt_cancel(intr);
	zx_interrupt_free_irq(intr);
	list_del_init(node);
}

static zx_status_t zx_interrupt_get(struct zx_process *proc, zx_handle_t h,
				    zx_rights_t rights,
				    struct zx_interrupt **out)
{
	struct zx_object *obj;
	zx_status_t status;

	status = zx_handle_lookup(proc, h, ZX_OBJ_TYPE_INTERRUPT, rights, &obj,
				  NULL);
	if (status == ZX_OK)
		*out = to_interrupt(obj);
	return status;
}

zx_status_t zx_sys_interrupt_wait(struct zx_process *proc, void *argp)
{
	struct zx_interrupt_wait_args *args = argp;
	struct zx_interrupt *intr;
	zx_status_t status = ZX_OK;
	unsigned long flags;
	zx_time_t ts = 0;
	bool unmask = false;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_interrupt_get(proc, args->handle, ZX_RIGHT_WAIT, &intr);
	if (status != ZX_OK)
		return status;
	/* Waiting acknowledges the previous trigger. */
	spin_lock_irqsave(&intr->lock, flags);
	if (intr->destroyed) {
		status = ZX_ERR_CANCELED;
	} else if (intr->waiting) {
		status = ZX_ERR_BAD_STATE;
	} else {
		intr->waiting = true;
		unmask = zx_interrupt_rearm(intr);
	}
	spin_unlock_irqrestore(&intr->lock, flags);
	if (status != ZX_OK)
		goto out;
	zx_interrupt_unmask(intr, unmask);
	spin_lock_irqsave(&intr->lock, flags);
	zx_interrupt_deliver(intr);
	spin_unlock_irqrestore(&intr->lock, flags);

	wait_event_interruptible(intr->wq, READ_ONCE(intr->destroyed) ||
				 !READ_ONCE(intr->armed));
	spin_lock_irqsave(&intr->lock, flags);
	intr->waiting = false;
	if (intr->destroyed) {
		status = ZX_ERR_CANCELED;
	} else if (!intr->armed && intr->triggered) {
		intr->triggered = false;
		ts = intr->timestamp;
	} else {
		/* A Linux signal: the restarted call re-arms the same way. */
		status = ZX_ERR_INTERNAL_INTR_RETRY;
	}
	spin_unlock_irqrestore(&intr->lock, flags);
	if (status == ZX_OK && args->out_timestamp &&
	    put_user(ts, (zx_time_t __user *)zx_uptr(args->out_timestamp)))
		status = ZX_ERR_INVALID_ARGS;
out:
	zx_object_put(&intr->base);
	return status;
}

zx_status_t zx_sys_interrupt_trigger(struct zx_process *proc, void *argp)
{
	struct zx_interrupt_trigger_args *args = argp;
	struct zx_interrupt *intr;
	zx_status_t status;
	unsigned long flags;

	if (args->options)
		return ZX_ERR_INVALID_ARGS;
	status = zx_interrupt_get(proc, args->handle, ZX_RIGHT_SIGNAL, &intr);
	if (status != ZX_OK)
		return status;
	spin_lock_irqsave(&intr->lock, flags);
	if (!intr->is_virtual)
		status = ZX_ERR_BAD_STATE;
	else if (intr->destroyed)
		status = ZX_ERR_CANCELED;
	spin_unlock_irqrestore(&intr->lock, flags);
	if (status == ZX_OK)
		zx_interrupt_fire(intr, args->timestamp);
	zx_object_put(&intr->base);
	return status;
}

zx_status_t zx_sys_interrupt_destroy(struct zx_process *proc, void *argp)
{
	struct zx_ddk_handle_args *args = argp;
	struct zx_interrupt *intr;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_interrupt_get(proc, args->handle, ZX_RIGHT_WRITE, &intr);
	if (status != ZX_OK)
		return status;
	zx_interrupt_cancel(intr);
	zx_interrupt_free_irq(intr);
	zx_object_put(&intr->base);
	return ZX_OK;
}

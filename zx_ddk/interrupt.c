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
 * Bound to a port (made with ZX_PORT_BIND_TO_INTERRUPT), a trigger queues
 * the packet embedded in the object and disarms it until interrupt_ack.
 *
 * intr->lock (a spinlock, taken from the hard IRQ handler) guards the state;
 * the bound port's lock nests inside it, and guards whether the packet is
 * queued (the port may drop it on its own when it closes);
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
#include "../zx_port/port.h"
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
	struct zx_port *port;		/* bound to (referenced), or NULL */
	struct zx_queued_packet pkt;
	bool pkt_queued;		/* under the port's lock */
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

/* The port read or dropped the packet.  Port lock held. */
static void zx_interrupt_dequeued(struct zx_port *port,
				  struct zx_queued_packet *pkt)
{
	struct zx_interrupt *intr = container_of(pkt, struct zx_interrupt,
						 pkt);

	intr->pkt_queued = false;
}

/* Queues the packet for the pending trigger.  intr->lock held. */
static void zx_interrupt_queue(struct zx_interrupt *intr)
{
	struct zx_port *port = intr->port;

	spin_lock(port->base.lock);
	if (!port->closed && !intr->pkt_queued) {
		intr->pkt.data = (zx_port_packet_t){
			.key = intr->pkt.data.key,
			.type = ZX_PKT_TYPE_INTERRUPT,
			.status = ZX_OK,
			.interrupt.timestamp = intr->timestamp,
		};
		intr->pkt_queued = true;
		__zx_port_queue(port, &intr->pkt);
	}
	spin_unlock(port->base.lock);
	intr->armed = false;
	intr->triggered = false;
}

/* Delivers a trigger if armed.  intr->lock held. */
static void zx_interrupt_deliver(struct zx_interrupt *intr)
{
	if (!intr->armed || !intr->triggered)
		return;
	if (intr->port) {
		zx_interrupt_queue(intr);
	} else if (intr->waiting) {
		intr->armed = false;
		wake_up(&intr->wq);
	}
}

/*
 * Unbinds from the port, taking back a queued packet; returns the port's
 * reference for the caller to drop outside the lock, and whether the
 * packet had been read but not yet acknowledged.  intr->lock held.
 */
static struct zx_port *zx_interrupt_unbind(struct zx_interrupt *intr,
					   bool *unacked)
{
	struct zx_port *port = intr->port;

	*unacked = false;
	if (!port)
		return NULL;
	spin_lock(port->base.lock);
	if (intr->pkt_queued)
		__zx_port_unqueue(port, &intr->pkt);
	else
		*unacked = !intr->armed;
	spin_unlock(port->base.lock);
	intr->port = NULL;
	return port;
}

static void zx_port_ref_put(struct zx_port *port)
{
	if (port)
		zx_object_put(&port->base);
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
		/* Leave INTx enabled at the device, as Linux expects it. */
		if (intr->intx)
			pci_intx(intr->intx, 1);
		intr->requested = false;
	}
	mutex_unlock(&intr->hw_lock);
}

/*
 * Cancels waits, stops delivery and unbinds: ZX_ERR_NOT_FOUND if a bound
 * packet had been read and not acknowledged, as interrupt_destroy reports.
 */
static zx_status_t zx_interrupt_cancel(struct zx_interrupt *intr)
{
	struct zx_port *port;
	unsigned long flags;
	bool unacked;

	spin_lock_irqsave(&intr->lock, flags);
	intr->destroyed = true;
	intr->triggered = false;
	port = zx_interrupt_unbind(intr, &unacked);
	wake_up_all(&intr->wq);
	spin_unlock_irqrestore(&intr->lock, flags);
	zx_port_ref_put(port);
	return unacked ? ZX_ERR_NOT_FOUND : ZX_OK;
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
	INIT_LIST_HEAD(&intr->pkt.node);
	intr->pkt.dequeued = zx_interrupt_dequeued;
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
	struct zx_thread *blocked;
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
	} else if (intr->waiting || intr->port) {
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

	blocked = zx_thread_block_begin(proc,
					ZX_THREAD_STATE_BLOCKED_INTERRUPT);
	wait_event_interruptible(intr->wq, READ_ONCE(intr->destroyed) ||
				 !READ_ONCE(intr->armed));
	zx_thread_block_end(blocked);
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
	status = zx_interrupt_cancel(intr);
	zx_interrupt_free_irq(intr);
	zx_object_put(&intr->base);
	return status;
}

zx_status_t zx_sys_interrupt_bind(struct zx_process *proc, void *argp)
{
	struct zx_interrupt_bind_args *args = argp;
	struct zx_port *port, *drop = NULL;
	struct zx_interrupt *intr;
	struct zx_object *obj;
	zx_status_t status;
	unsigned long flags;
	bool unacked;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_interrupt_get(proc, args->handle, ZX_RIGHT_READ, &intr);
	if (status != ZX_OK)
		return status;
	status = zx_handle_lookup(proc, args->port, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		goto out_intr;
	port = zx_port_from(obj);
	if (args->options != ZX_INTERRUPT_BIND &&
	    args->options != ZX_INTERRUPT_UNBIND) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_port;
	}
	if (!(port->options & ZX_PORT_BIND_TO_INTERRUPT)) {
		status = ZX_ERR_WRONG_TYPE;
		goto out_port;
	}
	spin_lock_irqsave(&intr->lock, flags);
	if (intr->destroyed) {
		status = ZX_ERR_CANCELED;
	} else if (args->options == ZX_INTERRUPT_UNBIND) {
		if (intr->port != port)
			status = ZX_ERR_NOT_FOUND;
		else
			drop = zx_interrupt_unbind(intr, &unacked);
	} else if (intr->waiting) {
		status = ZX_ERR_BAD_STATE;
	} else if (intr->port) {
		status = ZX_ERR_ALREADY_BOUND;
	} else {
		zx_object_get(&port->base);
		intr->port = port;
		intr->pkt.data.key = args->key;
		/* A trigger that came before the bind is delivered now. */
		zx_interrupt_deliver(intr);
	}
	spin_unlock_irqrestore(&intr->lock, flags);
	zx_port_ref_put(drop);
out_port:
	zx_object_put(obj);
out_intr:
	zx_object_put(&intr->base);
	return status;
}

zx_status_t zx_sys_interrupt_ack(struct zx_process *proc, void *argp)
{
	struct zx_ddk_handle_args *args = argp;
	struct zx_interrupt *intr;
	bool unmask = false;
	zx_status_t status;
	unsigned long flags;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_interrupt_get(proc, args->handle, ZX_RIGHT_WRITE, &intr);
	if (status != ZX_OK)
		return status;
	spin_lock_irqsave(&intr->lock, flags);
	if (intr->destroyed)
		status = ZX_ERR_CANCELED;
	else if (!intr->port)
		status = ZX_ERR_BAD_STATE;
	else
		unmask = zx_interrupt_rearm(intr);
	spin_unlock_irqrestore(&intr->lock, flags);
	if (status == ZX_OK) {
		zx_interrupt_unmask(intr, unmask);
		spin_lock_irqsave(&intr->lock, flags);
		if (!intr->destroyed && intr->port)
			zx_interrupt_deliver(intr);
		spin_unlock_irqrestore(&intr->lock, flags);
	}
	zx_object_put(&intr->base);
	return status;
}

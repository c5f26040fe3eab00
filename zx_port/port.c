// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: port_create, port_queue and port_wait.
 *
 * port_wait sleeps exclusively, so each queued packet wakes one thread, as
 * Zircon promises for thread pools; a woken thread that leaves without a
 * packet (signal, timeout) passes the wakeup on.  Deadlines and Linux
 * signals behave as in zx_core/wait.c: the ioctl restarts with the same
 * absolute deadline.
 *
 * When the last handle goes, queued packets are dropped and every armed
 * async wait is taken off the object it watches; nothing is queued after
 * that.  Ports themselves cannot be waited on; the poll bridge sees the
 * internal ZX_PORT_READABLE signal, kept equal to "the queue is not empty".
 */
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "port.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

static struct lock_class_key zx_port_lock_class;

/* Caller holds the port lock. */
static void zx_port_update_readable(struct zx_port *port)
{
	if (list_empty(&port->queue))
		__zx_object_update_signals(&port->base, ZX_PORT_READABLE, 0);
	else
		__zx_object_update_signals(&port->base, 0, ZX_PORT_READABLE);
}

/* Appends @pkt and wakes one thread in port_wait.  Port lock held. */
void __zx_port_queue(struct zx_port *port, struct zx_queued_packet *pkt)
{
	lockdep_assert_held(port->base.lock);
	list_add_tail(&pkt->node, &port->queue);
	zx_port_update_readable(port);
	wake_up(&port->waiters);
}

/* Takes @pkt out of the queue and releases it.  Port lock held. */
void __zx_port_unqueue(struct zx_port *port, struct zx_queued_packet *pkt)
{
	lockdep_assert_held(port->base.lock);
	list_del_init(&pkt->node);
	pkt->dequeued(port, pkt);
	zx_port_update_readable(port);
}

static void zx_port_user_dequeued(struct zx_port *port,
				  struct zx_queued_packet *pkt)
{
	port->num_user--;
	kfree(pkt);
}

static void zx_port_on_zero_handles(struct zx_object *obj)
{
	struct zx_port *port = zx_port_from(obj);
	struct zx_queued_packet *pkt, *next;
	unsigned long flags;

	spin_lock_irqsave(obj->lock, flags);
	port->closed = true;
	list_for_each_entry_safe(pkt, next, &port->queue, node)
		__zx_port_unqueue(port, pkt);
	spin_unlock_irqrestore(obj->lock, flags);
	zx_port_end_waits(port);
}

static void zx_port_destroy(struct zx_object *obj)
{
	struct zx_port *port = zx_port_from(obj);

	WARN_ON_ONCE(!list_empty(&port->queue) || !list_empty(&port->waits));
	kfree(port);
}

static const struct zx_object_type zx_port_type = {
	.obj_type = ZX_OBJ_TYPE_PORT,
	.default_rights = ZX_DEFAULT_PORT_RIGHTS,
	.not_waitable = true,
	.poll_readable = ZX_PORT_READABLE,
	.on_zero_handles = zx_port_on_zero_handles,
	.destroy = zx_port_destroy,
};

zx_status_t zx_sys_port_create(struct zx_process *proc, void *argp)
{
	struct zx_create_args *args = argp;
	struct zx_port *port;
	zx_status_t status;

	if ((args->options & ~ZX_PORT_BIND_TO_INTERRUPT) || args->reserved)
		return ZX_ERR_INVALID_ARGS;
	port = kmalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		return ZX_ERR_NO_MEMORY;
	zx_object_init(&port->base, &zx_port_type);
	lockdep_set_class(&port->base.own_lock, &zx_port_lock_class);
	port->options = args->options;
	port->closed = false;
	INIT_LIST_HEAD(&port->queue);
	port->num_user = 0;
	port->num_waits = 0;
	INIT_LIST_HEAD(&port->waits);
	init_waitqueue_head(&port->waiters);
	status = zx_create_handle_user(proc, &port->base, args->out);
	zx_object_put(&port->base);
	return status;
}

zx_status_t zx_sys_port_queue(struct zx_process *proc, void *argp)
{
	struct zx_port_queue_args *args = argp;
	struct zx_queued_packet *pkt;
	struct zx_object *obj;
	struct zx_port *port;
	zx_status_t status;
	unsigned long flags;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_WRITE, &obj, NULL);
	if (status != ZX_OK)
		return status;
	port = zx_port_from(obj);
	pkt = kmalloc(sizeof(*pkt), GFP_KERNEL_ACCOUNT);
	if (!pkt) {
		status = ZX_ERR_NO_MEMORY;
		goto out_put;
	}
	if (copy_from_user(&pkt->data, zx_uptr(args->packet),
			   sizeof(pkt->data))) {
		status = ZX_ERR_INVALID_ARGS;
		goto out_free;
	}
	/* Only the key, status and user payload are the caller's. */
	pkt->data.type = ZX_PKT_TYPE_USER;
	pkt->dequeued = zx_port_user_dequeued;

	spin_lock_irqsave(obj->lock, flags);
	if (port->closed) {
		/* The handle was closed while this call ran. */
		status = ZX_ERR_BAD_HANDLE;
	} else if (port->num_user >= ZX_PORT_MAX_USER_PACKETS) {
		status = ZX_ERR_SHOULD_WAIT;
	} else {
		port->num_user++;
		__zx_port_queue(port, pkt);
		pkt = NULL;
	}
	spin_unlock_irqrestore(obj->lock, flags);
out_free:
	kfree(pkt);
out_put:
	zx_object_put(obj);
	return status;
}

/* Takes the oldest packet into @out. */
static bool zx_port_dequeue(struct zx_port *port, zx_port_packet_t *out)
{
	struct zx_queued_packet *pkt;
	unsigned long flags;

	spin_lock_irqsave(port->base.lock, flags);
	pkt = list_first_entry_or_null(&port->queue, struct zx_queued_packet,
				       node);
	if (pkt) {
		*out = pkt->data;
		__zx_port_unqueue(port, pkt);
	}
	spin_unlock_irqrestore(port->base.lock, flags);
	return pkt;
}

/*
 * Sleeps until a packet can be taken, the deadline or a Linux signal.
 * Returns ZX_OK, ZX_ERR_TIMED_OUT or ZX_ERR_INTERNAL_INTR_RETRY.
 */
static zx_status_t zx_port_take(struct zx_process *proc, struct zx_port *port,
				zx_time_t deadline, zx_port_packet_t *out)
{
	struct zx_thread *blocked = NULL;
	ktime_t expires = deadline;
	zx_status_t status;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&port->waiters, &wait,
					  TASK_INTERRUPTIBLE);
		if (zx_port_dequeue(port, out)) {
			status = ZX_OK;
			break;
		}
		if (signal_pending(current)) {
			status = ZX_ERR_INTERNAL_INTR_RETRY;
			break;
		}
		/* Only a thread that sleeps is reported as blocked. */
		if (!blocked)
			blocked = zx_thread_block_begin(proc,
						ZX_THREAD_STATE_BLOCKED_PORT);
		if (deadline == ZX_TIME_INFINITE) {
			schedule();
			continue;
		}
		if (ktime_compare(ktime_get(), expires) >= 0) {
			status = ZX_ERR_TIMED_OUT;
			break;
		}
		schedule_hrtimeout_range(&expires, current->timer_slack_ns,
					 HRTIMER_MODE_ABS);
	}
	finish_wait(&port->waiters, &wait);
	zx_thread_block_end(blocked);
	/* A wakeup this thread took but did not use goes to another. */
	if (status != ZX_OK &&
	    (READ_ONCE(port->base.signals) & ZX_PORT_READABLE))
		wake_up(&port->waiters);
	return status;
}

/*
 * The packet is dequeued before it is copied out: if the copy faults, it
 * is lost (ZX_ERR_INVALID_ARGS), as on Zircon.  A NULL @packet is refused
 * before anything is taken.
 */
zx_status_t zx_sys_port_wait(struct zx_process *proc, void *argp)
{
	struct zx_port_wait_args *args = argp;
	zx_port_packet_t packet;
	struct zx_object *obj;
	zx_status_t status;

	if (args->reserved)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_READ, &obj, NULL);
	if (status != ZX_OK)
		return status;
	if (!args->packet)
		status = ZX_ERR_INVALID_ARGS;
	else
		status = zx_port_take(proc, zx_port_from(obj), args->deadline,
				      &packet);
	zx_object_put(obj);
	if (status == ZX_OK &&
	    copy_to_user(zx_uptr(args->packet), &packet, sizeof(packet)))
		status = ZX_ERR_INVALID_ARGS;
	return status;
}

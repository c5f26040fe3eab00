// SPDX-License-Identifier: GPL-2.0
/*
 * Async waits: object_wait_async and port_cancel.
 *
 * A wait is an observer on the watched object (any waitable type: nothing
 * here knows about types) that embeds the signal packet it will queue.  It
 * is one-shot: when it fires, it leaves the object's observer list and its
 * packet goes on the port's queue, so firing never allocates and works from
 * any context that may raise signals.
 *
 * Where a wait is, and who owns it:
 *   armed    on the object's observer list (under the object's lock) and on
 *            port->waits (under the port lock, which nests inside);
 *   queued   its packet is on port->queue; the port frees it when read,
 *            canceled or dropped;
 *   claimed  off port->waits by the port's teardown, which takes it off the
 *            object too and frees it.
 * A wait holds no reference.  While it is on port->waits it is also on its
 * object's list, or the object's lock is held by whoever is moving it: so
 * the object is alive (the handle it was made through has not finished
 * closing, since closing cancels it under the object's lock).  While it is
 * on the object's list its port is alive (the port's teardown takes it off
 * first).
 *
 * Closing the handle a wait was made through ends it with no packet;
 * packets already queued stay.  port_cancel also removes queued packets.
 */
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "port.h"
#include "../zx_core/syscalls.h"
#include "../uapi/zircon_ioctl.h"

#define ZX_WAIT_ASYNC_OPTIONS	(ZX_WAIT_ASYNC_TIMESTAMP | ZX_WAIT_ASYNC_EDGE)

struct zx_port_wait {
	struct zx_observer ob;
	struct zx_queued_packet pkt;
	struct list_head node;		/* in port->waits while armed */
	struct zx_port *port;
	struct zx_object *obj;
	zx_koid_t koid;			/* of obj, to match queued packets */
	u32 options;
};

static void zx_port_wait_dequeued(struct zx_port *port,
				  struct zx_queued_packet *pkt)
{
	port->num_waits--;
	kfree(container_of(pkt, struct zx_port_wait, pkt));
}

/* Under the watched object's lock. */
static void zx_port_wait_on_match(struct zx_observer *ob, zx_signals_t signals)
{
	struct zx_port_wait *w = container_of(ob, struct zx_port_wait, ob);
	struct zx_port *port = w->port;
	zx_packet_signal_t *sig = &w->pkt.data.signal;

	list_del_init(&ob->node);
	spin_lock(port->base.lock);
	/* A wait the port's teardown claimed is its to free. */
	if (!list_empty(&w->node)) {
		list_del_init(&w->node);
		if (port->closed) {
			/*
			 * Off the object now, so the teardown could not
			 * reach the object safely once its handle closed:
			 * free the wait here.
			 */
			port->num_waits--;
			kfree(w);
		} else {
			sig->observed = signals;
			sig->count = 1;
			if (w->options & ZX_WAIT_ASYNC_TIMESTAMP)
				sig->timestamp = ktime_get();
			__zx_port_queue(port, &w->pkt);
		}
	}
	spin_unlock(port->base.lock);
}

/* The handle is closing; @ob is already off the object's list. */
static void zx_port_wait_on_cancel(struct zx_observer *ob, zx_signals_t signals)
{
	struct zx_port_wait *w = container_of(ob, struct zx_port_wait, ob);
	struct zx_port *port = w->port;

	spin_lock(port->base.lock);
	if (!list_empty(&w->node)) {
		list_del_init(&w->node);
		port->num_waits--;
		kfree(w);
	}
	spin_unlock(port->base.lock);
}

/*
 * The port's last handle is gone and port->closed is set: take every armed
 * wait off its object.  The object's lock comes before the port's, so each
 * wait is claimed under the port lock, then removed under the object's.
 */
void zx_port_end_waits(struct zx_port *port)
{
	struct zx_port_wait *w;
	struct zx_object *obj;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(port->base.lock, flags);
		w = list_first_entry_or_null(&port->waits,
					     struct zx_port_wait, node);
		if (w) {
			list_del_init(&w->node);
			port->num_waits--;
			obj = w->obj;
			zx_object_get(obj);
		}
		spin_unlock_irqrestore(port->base.lock, flags);
		if (!w)
			break;
		zx_object_remove_observer(obj, &w->ob);
		zx_object_put(obj);
		kfree(w);
		cond_resched();
	}
}

/*
 * Looks up the watched handle under the table lock, so that a concurrent
 * close either comes first (BAD_HANDLE) or finds the wait and cancels it.
 */
zx_status_t zx_sys_object_wait_async(struct zx_process *proc, void *argp)
{
	struct zx_object_wait_async_args *args = argp;
	struct zx_object *port_obj, *obj;
	struct zx_port_wait *w;
	struct zx_port *port;
	struct zx_handle *h;
	zx_status_t status;
	unsigned long flags;

	if (args->options & ~ZX_WAIT_ASYNC_OPTIONS)
		return ZX_ERR_INVALID_ARGS;
	status = zx_handle_lookup(proc, args->port, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_WRITE, &port_obj, NULL);
	if (status != ZX_OK)
		return status;
	port = zx_port_from(port_obj);
	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT);
	if (!w) {
		status = ZX_ERR_NO_MEMORY;
		goto out_put;
	}
	w->ob.trigger = args->signals;
	w->ob.edge = args->options & ZX_WAIT_ASYNC_EDGE;
	w->ob.on_match = zx_port_wait_on_match;
	w->ob.on_cancel = zx_port_wait_on_cancel;
	w->pkt.data.key = args->key;
	w->pkt.data.type = ZX_PKT_TYPE_SIGNAL_ONE;
	w->pkt.data.status = ZX_OK;
	w->pkt.data.signal.trigger = args->signals;
	w->pkt.dequeued = zx_port_wait_dequeued;
	w->port = port;
	w->options = args->options;

	xa_lock(&proc->handles.slots);
	h = __zx_handle_find(proc, args->handle);
	if (!h)
		status = ZX_ERR_BAD_HANDLE;
	else if (!(h->rights & ZX_RIGHT_WAIT))
		status = ZX_ERR_ACCESS_DENIED;
	else if (h->obj->type->not_waitable)
		status = ZX_ERR_NOT_SUPPORTED;
	if (status != ZX_OK)
		goto out_unlock_table;
	obj = h->obj;
	w->ob.handle = h;
	w->obj = obj;
	w->koid = obj->koid;

	spin_lock_irqsave(obj->lock, flags);
	spin_lock(port->base.lock);
	if (port->closed)
		status = ZX_ERR_BAD_HANDLE;	/* closed while this call ran */
	else if (port->num_waits >= ZX_PORT_MAX_WAITS)
		status = ZX_ERR_NO_RESOURCES;
	if (status == ZX_OK) {
		list_add_tail(&w->node, &port->waits);
		port->num_waits++;
	}
	spin_unlock(port->base.lock);
	/* Still under the object's lock: no teardown can free it yet. */
	if (status == ZX_OK) {
		h->observed = true;
		__zx_object_add_observer(obj, &w->ob);
	}
	spin_unlock_irqrestore(obj->lock, flags);
	if (status == ZX_OK)
		w = NULL;

out_unlock_table:
	xa_unlock(&proc->handles.slots);
	kfree(w);
out_put:
	zx_object_put(port_obj);
	return status;
}

/* Whether @w was made through @h with @key. */
static bool zx_port_wait_matches(struct zx_port_wait *w,
				 const struct zx_handle *h, u64 key)
{
	return w->ob.handle == h && w->pkt.data.key == key &&
	       w->koid == h->obj->koid;
}

/*
 * Ends the armed waits made through @source with @key and drops the packets
 * they queued.  With the table, object and port locks all held, nothing
 * else can touch these waits.
 *
 * The doc asks for ZX_RIGHT_WRITE on @source; Zircon checks ZX_RIGHT_WAIT,
 * the right that made the wait, and so does this.
 */
zx_status_t zx_sys_port_cancel(struct zx_process *proc, void *argp)
{
	struct zx_port_cancel_args *args = argp;
	struct zx_queued_packet *pkt, *next;
	struct zx_port_wait *w, *tmp;
	struct zx_object *port_obj, *obj;
	struct zx_port *port;
	struct zx_handle *h;
	zx_status_t status;
	unsigned long flags;
	bool found = false;

	status = zx_handle_lookup(proc, args->handle, ZX_OBJ_TYPE_PORT,
				  ZX_RIGHT_WRITE, &port_obj, NULL);
	if (status != ZX_OK)
		return status;
	port = zx_port_from(port_obj);

	xa_lock(&proc->handles.slots);
	h = __zx_handle_find(proc, args->source);
	if (!h)
		status = ZX_ERR_BAD_HANDLE;
	else if (!(h->rights & ZX_RIGHT_WAIT))
		status = ZX_ERR_ACCESS_DENIED;
	else if (h->obj->type->not_waitable)
		status = ZX_ERR_NOT_SUPPORTED;
	if (status != ZX_OK)
		goto out_unlock_table;
	obj = h->obj;

	spin_lock_irqsave(obj->lock, flags);
	spin_lock(port->base.lock);
	list_for_each_entry_safe(w, tmp, &port->waits, node) {
		if (!zx_port_wait_matches(w, h, args->key))
			continue;
		list_del_init(&w->ob.node);
		list_del_init(&w->node);
		port->num_waits--;
		kfree(w);
		found = true;
	}
	list_for_each_entry_safe(pkt, next, &port->queue, node) {
		if (pkt->dequeued != zx_port_wait_dequeued)
			continue;
		w = container_of(pkt, struct zx_port_wait, pkt);
		if (!zx_port_wait_matches(w, h, args->key))
			continue;
		__zx_port_unqueue(port, pkt);
		found = true;
	}
	spin_unlock(port->base.lock);
	spin_unlock_irqrestore(obj->lock, flags);
	if (!found)
		status = ZX_ERR_NOT_FOUND;

out_unlock_table:
	xa_unlock(&proc->handles.slots);
	zx_object_put(port_obj);
	return status;
}

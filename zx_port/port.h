/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports: FIFO queues of packets that threads take with port_wait.
 *
 * Packets come from port_queue (user packets, allocated per call), from
 * async waits on any waitable object (each wait embeds the packet it will
 * queue, so firing from atomic context never allocates), and from kernel
 * objects that own a packet and queue it themselves, as interrupts bound to
 * a port will.  A packet's owner says, through dequeued(), what happens when
 * it leaves the queue.
 *
 * A kernel producer (an interrupt bound to a port) embeds a struct
 * zx_queued_packet, holds a reference on the port, and queues the packet
 * with __zx_port_queue() under the port lock unless port->closed; ports
 * made with ZX_PORT_BIND_TO_INTERRUPT have it in port->options.  Its
 * dequeued() callback tells it the packet is free to queue again.
 *
 * The port's own zx_object lock guards its queue and its list of armed
 * async waits.  It has a lockdep class of its own because it nests inside
 * the lock of whatever object an observer fires on (see zircon.h).
 */
#ifndef ZX_PORT_PORT_H
#define ZX_PORT_PORT_H

#include <linux/wait.h>

#include <zircon/syscalls/port.h>

#include "../zx_core/zircon.h"

/* Queued user packets per port; port_queue beyond it: SHOULD_WAIT. */
#define ZX_PORT_MAX_USER_PACKETS	16384
/* Async waits per port, armed or fired and not yet read. */
#define ZX_PORT_MAX_WAITS		65536

/* The internal signal "has packets", which only the poll bridge sees. */
#define ZX_PORT_READABLE		__ZX_OBJECT_READABLE

struct zx_port;

struct zx_queued_packet {
	struct list_head node;		/* in zx_port.queue */
	zx_port_packet_t data;
	/*
	 * The packet left the queue for good (read, canceled, or the port
	 * closed).  Called under the port lock with interrupts off: it may
	 * update counters and kfree(), nothing else.
	 */
	void (*dequeued)(struct zx_port *port, struct zx_queued_packet *pkt);
};

struct zx_port {
	struct zx_object base;
	u32 options;			/* ZX_PORT_BIND_TO_INTERRUPT */
	bool closed;			/* no handles left: nothing is queued */
	struct list_head queue;		/* zx_queued_packet, oldest first */
	u32 num_user;			/* user packets in the queue */
	u32 num_waits;			/* async waits, armed or queued */
	struct list_head waits;		/* armed async waits */
	wait_queue_head_t waiters;	/* threads in port_wait */
};

static inline struct zx_port *zx_port_from(struct zx_object *obj)
{
	return container_of(obj, struct zx_port, base);
}

/* zx_port/port.c */
void __zx_port_queue(struct zx_port *port, struct zx_queued_packet *pkt);
void __zx_port_unqueue(struct zx_port *port, struct zx_queued_packet *pkt);

/* zx_port/port_observer.c */
void zx_port_end_waits(struct zx_port *port);

#endif /* ZX_PORT_PORT_H */

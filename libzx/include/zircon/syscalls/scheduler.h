/* SPDX-License-Identifier: MIT */
#ifndef ZIRCON_SYSCALLS_SCHEDULER_H_
#define ZIRCON_SYSCALLS_SCHEDULER_H_

#include <zircon/compiler.h>
#include <zircon/time.h>

__BEGIN_CDECLS

/*
 * Deadline-scheduling parameters; valid sets satisfy
 * 0 < capacity <= relative_deadline <= period.
 */
typedef struct zx_sched_deadline_params {
  zx_duration_t capacity;          /* worst-case work per period */
  zx_duration_t relative_deadline; /* completion bound from period start */
  zx_duration_t period;            /* interarrival period */
} zx_sched_deadline_params_t;

__END_CDECLS

#endif /* ZIRCON_SYSCALLS_SCHEDULER_H_ */

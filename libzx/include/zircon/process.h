/* SPDX-License-Identifier: MIT */
/* Per-process runtime state exposed by the C runtime. */
#ifndef ZIRCON_PROCESS_H_
#define ZIRCON_PROCESS_H_

#include <stdint.h>
#include <zircon/analyzer.h>
#include <zircon/types.h>

__BEGIN_CDECLS

/*
 * Removes and returns the startup handle whose PA_HND() info word equals
 * |hnd_info|, or ZX_HANDLE_INVALID when there is none.
 */
zx_handle_t zx_take_startup_handle(uint32_t hnd_info);

/* Borrowed handles owned by the runtime; callers must not close them. */
zx_handle_t zx_thread_self(void);
ZX_HANDLE_ACQUIRE_UNOWNED zx_handle_t zx_process_self(void);
ZX_HANDLE_ACQUIRE_UNOWNED zx_handle_t zx_vmar_root_self(void);
zx_handle_t zx_job_default(void);

__END_CDECLS

#endif /* ZIRCON_PROCESS_H_ */

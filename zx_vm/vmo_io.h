/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the other VM objects (streams, pagers) use of VMOs; the VMO itself
 * stays private to vmo.c.
 */
#ifndef ZX_VM_VMO_IO_H
#define ZX_VM_VMO_IO_H

#include "../zx_core/zircon.h"

struct zx_vmo;

/* A referenced VMO from @handle, which must have @rights. */
zx_status_t zx_vmo_get(struct zx_process *proc, zx_handle_t handle,
		       zx_rights_t rights, struct zx_vmo **out,
		       zx_rights_t *out_rights);
void zx_vmo_put(struct zx_vmo *vmo);

/*
 * Copies between [offset, offset + len) of @vmo and user memory; no VMO
 * lock is held across the copies.
 */
zx_status_t zx_vmo_read_user(struct zx_vmo *vmo, char __user *buf,
			     u64 offset, u64 len);
zx_status_t zx_vmo_write_user(struct zx_vmo *vmo, const char __user *buf,
			      u64 offset, u64 len);

/*
 * Content size.  Stream writes hold the content lock (interruptible: it
 * returns -EINTR on a signal) from reading the content size to setting it.
 */
int zx_vmo_content_lock(struct zx_vmo *vmo);
void zx_vmo_content_unlock(struct zx_vmo *vmo);
u64 zx_vmo_content_size(struct zx_vmo *vmo);
void zx_vmo_set_content_size(struct zx_vmo *vmo, u64 content_size);
zx_status_t zx_vmo_expand(struct zx_vmo *vmo, u64 end, bool can_resize,
			  u64 *size);
zx_status_t zx_vmo_zero_range(struct zx_vmo *vmo, u64 offset, u64 len);

#endif /* ZX_VM_VMO_IO_H */

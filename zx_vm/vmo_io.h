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

/* Bytes of pages all VMOs hold (for the kernel memory statistics). */
u64 zx_vmo_total_bytes(void);

/* Range [offset, offset + len) lies within @vmo, else OUT_OF_RANGE. */
zx_status_t zx_vmo_check_range(struct zx_vmo *vmo, u64 offset, u64 len);

/* Pager-backed VMOs (vmo.c). */
struct zx_pager_source;
struct zx_pager_request;
zx_status_t zx_vmo_create_paged(u64 size, bool resizable,
				struct zx_pager_source *src,
				struct zx_vmo **out);
zx_status_t zx_vmo_install_user(struct zx_process *proc, struct zx_vmo *vmo,
				u64 out);
struct zx_pager_source *zx_vmo_pager_source(struct zx_vmo *vmo);
zx_status_t zx_vmo_supply_pages(struct zx_vmo *dst, u64 offset, u64 len,
				struct zx_vmo *aux, u64 aux_offset);

/* What VMOs ask of their pager (pager.c). */
zx_status_t zx_pager_request_page(struct zx_pager_source *src, u64 offset,
				  struct zx_pager_request **out);
zx_status_t zx_pager_wait(struct zx_pager_request *req);
zx_status_t zx_pager_wait_state(struct zx_pager_request *req,
				unsigned int state);
void zx_pager_request_drop(struct zx_pager_request *req);
struct zx_pager_fault_note;
struct zx_pager_fault_note *zx_pager_fault_note_alloc(void);
void zx_pager_fault_note_free(struct zx_pager_fault_note *note);
void zx_pager_fault_failed(struct zx_pager_source *src, u64 offset,
			   struct zx_pager_fault_note *note);
bool zx_pager_take_fault_note(struct zx_pager_source *src, u64 offset);
void zx_pager_pages_supplied(struct zx_pager_source *src, u64 first,
			     u64 last);
void zx_pager_source_release(struct zx_pager_source *src);

#endif /* ZX_VM_VMO_IO_H */

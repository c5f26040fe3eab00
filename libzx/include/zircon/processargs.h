/* SPDX-License-Identifier: MIT */
/* The process bootstrap message ("processargs") protocol. */
#ifndef ZIRCON_PROCESSARGS_H_
#define ZIRCON_PROCESSARGS_H_

#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/types.h>

__BEGIN_CDECLS

#define ZX_PROCARGS_PROTOCOL ((uint32_t)0x4150585du)
#define ZX_PROCARGS_VERSION ((uint32_t)0x0001000u)

/*
 * Header at the start of the bootstrap message. All *_off fields are byte
 * offsets from the start of the message. The handle-info table has one
 * uint32_t per transferred handle; args, environ and names are packed
 * NUL-terminated UTF-8 strings.
 */
typedef struct zx_proc_args zx_proc_args_t;

struct zx_proc_args {
  uint32_t protocol;
  uint32_t version;
  uint32_t handle_info_off;
  uint32_t args_off;
  uint32_t args_num;
  uint32_t environ_off;
  uint32_t environ_num;
  uint32_t names_off;
  uint32_t names_num;
};

/* Handle info word: type in bits 0..7, argument in bits 16..31. */
#define PA_HND(type, arg) (((type) & 0xFF) | (((arg) & 0xFFFF) << 16))
#define PA_HND_TYPE(n) ((n) & 0xFF)
#define PA_HND_ARG(n) (((n) >> 16) & 0xFFFF)

/* Core runtime handles. */
#define PA_PROC_SELF 0x01u
#define PA_THREAD_SELF 0x02u
#define PA_JOB_DEFAULT 0x03u
#define PA_VMAR_ROOT 0x04u
#define PA_VMAR_LOADED 0x05u

/* Loader service and VMOs. */
#define PA_LDSVC_LOADER 0x10u
#define PA_VMO_VDSO 0x11u
#define PA_VMO_STACK 0x13u
#define PA_VMO_EXECUTABLE 0x14u
#define PA_VMO_BOOTDATA 0x1Au
#define PA_VMO_BOOTFS 0x1Bu
#define PA_VMO_KERNEL_FILE 0x1Cu
#define PA_VMO_COMPONENT_CONFIG 0x1Du

/* Namespace directory; arg indexes the name table. */
#define PA_NS_DIR 0x20u

/* File descriptor; arg is the fd number. */
#define PA_FD 0x30u

/* Component lifecycle and outgoing directory. */
#define PA_LIFECYCLE 0x3Au
#define PA_DIRECTORY_REQUEST 0x3Bu

#define PA_RESOURCE 0x3Fu

/* UTC clock. */
#define PA_CLOCK_UTC 0x40u

/* Resource handles. */
#define PA_MMIO_RESOURCE 0x50
#define PA_IRQ_RESOURCE 0x51
#define PA_IOPORT_RESOURCE 0x52
#define PA_SMC_RESOURCE 0x53
#define PA_SYSTEM_RESOURCE 0x54

/* Free for ad-hoc use. */
#define PA_USER0 0xF0u
#define PA_USER1 0xF1u
#define PA_USER2 0xF2u

__END_CDECLS

#endif /* ZIRCON_PROCESSARGS_H_ */

/* SPDX-License-Identifier: MIT */
/* Debuglog records (zx_debuglog_read/write). */
#ifndef ZIRCON_SYSCALLS_LOG_H_
#define ZIRCON_SYSCALLS_LOG_H_

#include <zircon/types.h>

__BEGIN_CDECLS
__ZX_PEDANTIC_PUSH

typedef struct zx_log_record {
  uint64_t sequence; /* increases by exactly one per record */
  uint8_t padding1[4];
  uint16_t datalen;
  uint8_t severity;
  uint8_t flags;
  zx_time_t timestamp;
  uint64_t pid;
  uint64_t tid;
  __ZX_EXTENSION char data[];
} zx_log_record_t;

/* Largest record, header included, and the resulting payload limit. */
#define ZX_LOG_RECORD_MAX ((size_t)256)
#define ZX_LOG_RECORD_DATA_MAX (ZX_LOG_RECORD_MAX - sizeof(zx_log_record_t))

/* Severities. */
#define ZX_LOG_TRACE (0x10)
#define ZX_LOG_DEBUG (0x20)
#define ZX_LOG_INFO (0x30)
#define ZX_LOG_WARNING (0x40)
#define ZX_LOG_ERROR (0x50)
#define ZX_LOG_FATAL (0x60)

/* Record flags. */
#define ZX_LOG_LOCAL (0x10) /* keep off the network */
#define ZX_LOG_FLAGS_MASK (0x10)

/* zx_debuglog_create() option. */
#define ZX_LOG_FLAG_READABLE 0x40000000

__ZX_PEDANTIC_POP
__END_CDECLS

#endif /* ZIRCON_SYSCALLS_LOG_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * The FIDL wire format's C view: the message header, epitaphs, strings,
 * vectors, envelopes and tables as the C and C++ bindings see them, and the
 * outgoing and incoming message descriptions they pass around.
 *
 * Encoded, an out-of-line object is only marked present (FIDL_ALLOC_PRESENT)
 * or absent (FIDL_ALLOC_ABSENT), and a handle present (FIDL_HANDLE_PRESENT)
 * or absent; decoding turns the marks into pointers and handle values in
 * place. Out-of-line objects are 8-byte aligned, in traversal order.
 */
#ifndef ZIRCON_FIDL_H_
#define ZIRCON_FIDL_H_

#include <assert.h>
#ifndef __cplusplus
#include <stdalign.h>
#endif
#include <stdint.h>
#include <zircon/compiler.h>
#include <zircon/types.h>

__BEGIN_CDECLS
__ZX_PEDANTIC_PUSH

/* Bound of strings and vectors declared without one. */
#define FIDL_MAX_SIZE UINT32_MAX

/* Encoded form of an out-of-line object: present, or absent. */
#define FIDL_ALLOC_PRESENT ((uintptr_t)UINTPTR_MAX)
#define FIDL_ALLOC_ABSENT ((uintptr_t)0)

/* Alignment of every out-of-line object. */
#define FIDL_ALIGNMENT ((size_t)8)
#define FIDL_ALIGN(a) (((a) + 7u) & ~7u)
#define FIDL_ALIGNDECL alignas(FIDL_ALIGNMENT)

/* How deep out-of-line objects may nest (a table counts twice). */
#define FIDL_MAX_DEPTH 32

/* Coding tables generated per type; opaque here. */
typedef struct fidl_type fidl_type_t;

/* string, string?, string:N, string:N? (UTF-8, not NUL-terminated). */
typedef struct fidl_string {
  uint64_t size; /* bytes; 0 when data is null */
  char* data;
} fidl_string_t;

/* vector<T>, vector<T>?, vector<T>:N, vector<T>:N?. */
typedef struct fidl_vector {
  uint64_t count; /* elements; 0 when data is null */
  void* data;
} fidl_vector_t;

/* Wire format v1 envelope: a payload of num_bytes and num_handles, out of line. */
typedef struct {
  uint32_t num_bytes; /* a multiple of 8, counting nested out-of-line objects */
  uint32_t num_handles;
  union {
    void* data;         /* decoded */
    uintptr_t presence; /* encoded: FIDL_ALLOC_PRESENT or FIDL_ALLOC_ABSENT */
  };
} fidl_envelope_t;

/* Wire format v2 envelope: payloads of 4 bytes or less are stored inline. */
typedef struct {
  union {
    uint32_t num_bytes;      /* out of line */
    uint8_t inline_value[4]; /* inline (flags & FIDL_ENVELOPE_FLAGS_INLINING_MASK) */
  };
  uint16_t num_handles;
  uint16_t flags;
} fidl_envelope_v2_t;

static_assert(sizeof(fidl_envelope_t) == 16, "fidl_envelope_t is 16 bytes");
static_assert(sizeof(fidl_envelope_v2_t) == 8, "fidl_envelope_v2_t is 8 bytes");

#define FIDL_ENVELOPE_FLAGS_INLINING_MASK 0x01
#define FIDL_ENVELOPE_INLINING_SIZE_THRESHOLD 4

/*
 * A decoded envelope of an unknown member (v2): where its payload starts in
 * the message, so the 8 bytes suffice to find it.
 */
typedef struct {
  union {
    uint8_t inline_value[4];
    struct {
      uint16_t num_bytes;
      uint16_t offset; /* from the start of the message bytes */
    } out_of_line;
  };
  uint16_t num_handles;
  uint16_t flags;
} fidl_envelope_v2_unknown_data_t;

static_assert(sizeof(fidl_envelope_v2_unknown_data_t) == 8,
              "fidl_envelope_v2_unknown_data_t is 8 bytes");

/* Encoded handles: absent, or present (replaced by the next handle on decode). */
#define FIDL_HANDLE_ABSENT ((zx_handle_t)ZX_HANDLE_INVALID)
#define FIDL_HANDLE_PRESENT ((zx_handle_t)UINT32_MAX)

/* Discriminant of a static union. */
typedef uint32_t fidl_union_tag_t;

/* A table: a vector of envelopes, one per ordinal from 1, the last present. */
typedef struct {
  fidl_vector_t envelopes;
} fidl_table_t;

/* Flexible ("extensible") unions: an ordinal and an envelope. */
typedef uint64_t fidl_xunion_tag_t;

enum {
  kFidlXUnionEmptyTag = 0,
};

typedef struct {
  fidl_xunion_tag_t tag;
  fidl_envelope_t envelope;
} fidl_xunion_t;

typedef struct {
  fidl_xunion_tag_t tag;
  fidl_envelope_v2_t envelope;
} fidl_xunion_v2_t;

static_assert(sizeof(fidl_xunion_t) == 24, "fidl_xunion_t is 24 bytes");
static_assert(sizeof(fidl_xunion_v2_t) == 16, "fidl_xunion_v2_t is 16 bytes");

/* Wire format metadata carried apart from a payload (a stable C ABI). */
typedef struct fidl_opaque_wire_format_metadata {
  uint64_t metadata;
} fidl_opaque_wire_format_metadata_t;

/* Which wire format a message uses, between bindings (not on the wire). */
typedef uint32_t FidlWireFormatVersion;

#define FIDL_WIRE_FORMAT_VERSION_V1 ((uint32_t)1)
#define FIDL_WIRE_FORMAT_VERSION_V2 ((uint32_t)2)

/* ---- Messages ---------------------------------------------------------- */

enum {
  kFidlWireFormatMagicNumberInitial = 1,
};

#define FIDL_MESSAGE_HEADER_AT_REST_FLAGS_0_USE_VERSION_V2 0x02
#define FIDL_MESSAGE_HEADER_DYNAMIC_FLAGS_STRICT_METHOD ((uint8_t)(0))
#define FIDL_MESSAGE_HEADER_DYNAMIC_FLAGS_FLEXIBLE_METHOD ((uint8_t)(1 << 7))
#define FIDL_MESSAGE_HEADER_DYNAMIC_FLAGS_BYTE_OVERFLOW ((uint8_t)(1 << 6))

/* The 16 bytes every message starts with. */
typedef struct fidl_message_header {
  zx_txid_t txid; /* FIDL_TXID_NO_RESPONSE for one-way messages */
  uint8_t at_rest_flags[2];
  uint8_t dynamic_flags;
  uint8_t magic_number; /* kFidlWireFormatMagicNumberInitial */
  uint64_t ordinal;
} fidl_message_header_t;

#define FIDL_TXID_NO_RESPONSE 0ul

/* A handle whatever the transport; on channels, a zx_handle_t. */
typedef uint32_t fidl_handle_t;
static_assert(sizeof(fidl_handle_t) == sizeof(zx_handle_t), "fidl_handle_t is a zx_handle_t");

#define FIDL_HANDLE_INVALID ((fidl_handle_t)(0))
static_assert(FIDL_HANDLE_INVALID == ZX_HANDLE_INVALID, "FIDL_HANDLE_INVALID is ZX_HANDLE_INVALID");

/* Transport-specific metadata of a handle; a distinct type, not void. */
typedef struct fidl_handle_metadata fidl_handle_metadata_t;

/* The channel transport's handle metadata. */
typedef struct fidl_channel_handle_metadata {
  zx_obj_type_t obj_type;
  zx_rights_t rights;
} fidl_channel_handle_metadata_t;

/* An outgoing message in one buffer (encoded or decoded, as the API says). */
typedef struct fidl_outgoing_msg_byte {
  void* bytes;
  fidl_handle_t* handles;
  fidl_handle_metadata_t* handle_metadata; /* num_handles entries */
  uint32_t num_bytes;
  uint32_t num_handles;
} fidl_outgoing_msg_byte_t;

/* An outgoing message as a gather list. */
typedef struct fidl_outgoing_msg_iovec {
  zx_channel_iovec_t* iovecs;
  uint32_t num_iovecs;
  fidl_handle_t* handles;
  fidl_handle_metadata_t* handle_metadata; /* num_handles entries */
  uint32_t num_handles;
} fidl_outgoing_msg_iovec_t;

typedef uint8_t fidl_outgoing_msg_type;

#define FIDL_OUTGOING_MSG_TYPE_BYTE ((fidl_outgoing_msg_type)1)
#define FIDL_OUTGOING_MSG_TYPE_IOVEC ((fidl_outgoing_msg_type)2)

/* An outgoing message in either form; type says which member is valid. */
typedef struct fidl_outgoing_msg {
  fidl_outgoing_msg_type type;
  union {
    fidl_outgoing_msg_byte_t byte;
    fidl_outgoing_msg_iovec_t iovec;
  };
} fidl_outgoing_msg_t;

/* An incoming message; its layout belongs to the bindings. */
typedef struct fidl_incoming_msg {
  uintptr_t opaque[5];
} fidl_incoming_msg_t;

/*
 * An epitaph: the last message a server sends before closing the channel,
 * saying why (a zx_status_t, or a positive application error).
 */
typedef struct fidl_epitaph {
  FIDL_ALIGNDECL
  fidl_message_header_t hdr; /* ordinal kFidlOrdinalEpitaph */
  zx_status_t error;
} fidl_epitaph_t;

static_assert(sizeof(fidl_epitaph_t) == 24, "fidl_epitaph_t is 24 bytes");

/* The ordinal reserved for epitaphs (beyond int: an extension in C). */
enum {
  kFidlOrdinalEpitaph = 0xFFFFFFFFFFFFFFFF,
};

/* Transport-level errors (RFC-0138 unknown interactions). */
typedef int32_t fidl_transport_err_t;

#define FIDL_TRANSPORT_ERR_UNKNOWN_METHOD INT32_C(-2)

/* Everything the wire format holds fits FIDL_ALIGNMENT. */
static_assert(alignof(int64_t) <= FIDL_ALIGNMENT, "8-byte alignment suffices");
static_assert(alignof(uint64_t) <= FIDL_ALIGNMENT, "8-byte alignment suffices");
static_assert(alignof(double) <= FIDL_ALIGNMENT, "8-byte alignment suffices");
static_assert(alignof(void*) <= FIDL_ALIGNMENT, "8-byte alignment suffices");
static_assert(alignof(fidl_message_header_t) <= FIDL_ALIGNMENT, "8-byte alignment suffices");

__ZX_PEDANTIC_POP
__END_CDECLS

#endif /* ZIRCON_FIDL_H_ */

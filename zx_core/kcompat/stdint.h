/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libzx ABI headers are shared with the kernel; inside it the C
 * library's <stdint.h> is <linux/types.h> plus the limit macros.
 */
#include <linux/limits.h>
#include <linux/types.h>

#define INT8_MIN	S8_MIN
#define INT8_MAX	S8_MAX
#define INT16_MIN	S16_MIN
#define INT16_MAX	S16_MAX
#define INT32_MIN	S32_MIN
#define INT32_MAX	S32_MAX
#define INT64_MIN	S64_MIN
#define INT64_MAX	S64_MAX
#define UINT8_MAX	U8_MAX
#define UINT16_MAX	U16_MAX
#define UINT32_MAX	U32_MAX
#define UINT64_MAX	U64_MAX
#define INT64_C(c)	c ## LL
#define UINT64_C(c)	c ## ULL
#define INT32_C(c)	c
#define UINT32_C(c)	c ## U

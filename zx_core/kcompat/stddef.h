/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libzx ABI headers are shared with the kernel; inside it the C
 * library's <stddef.h> is <linux/types.h>.
 */
#include <linux/types.h>

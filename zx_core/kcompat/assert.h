/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libzx ABI headers are shared with the kernel; inside it the C
 * library's <assert.h> (static_assert) is <linux/build_bug.h>.
 */
#include <linux/build_bug.h>

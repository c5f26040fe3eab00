/* SPDX-License-Identifier: MIT */
/*
 * Every public header of libzx, included together in one translation unit
 * (as C11 and as C++17, -Wall -Wextra -Werror -pedantic) by `make abi-check`,
 * which also fails when a header under libzx/include is missing here.
 * The lib/zx wrappers are C++ only.
 */
#include <lib/zxlinux/fd.h>
#include <zircon/analyzer.h>
#include <zircon/assert.h>
#include <zircon/availability.h>
#include <zircon/compiler.h>
#include <zircon/errors.h>
#include <zircon/features.h>
#include <zircon/fidl.h>
#include <zircon/hw/gpt.h>
#include <zircon/hw/pci.h>
#include <zircon/limits.h>
#include <zircon/listnode.h>
#include <zircon/pixelformat.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/rights.h>
#include <zircon/status.h>
#include <zircon/string_view.h>
#include <zircon/syscalls-next.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/clock.h>
#include <zircon/syscalls/debug.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/hypervisor.h>
#include <zircon/syscalls/iob.h>
#include <zircon/syscalls/iommu.h>
#include <zircon/syscalls/log.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/pci.h>
#include <zircon/syscalls/policy.h>
#include <zircon/syscalls/port.h>
#include <zircon/syscalls/profile.h>
#include <zircon/syscalls/resource.h>
#include <zircon/syscalls/scheduler.h>
#include <zircon/syscalls/smc.h>
#include <zircon/syscalls/system.h>
#include <zircon/syscalls/types.h>
#include <zircon/testonly-syscalls.h>
#include <zircon/time.h>
#include <zircon/types.h>
#ifdef __cplusplus
#include <lib/zx/clock.h>
#include <lib/zx/debuglog.h>
#include <lib/zx/event.h>
#include <lib/zx/eventpair.h>
#include <lib/zx/handle.h>
#include <lib/zx/job.h>
#include <lib/zx/object.h>
#include <lib/zx/pager.h>
#include <lib/zx/port.h>
#include <lib/zx/process.h>
#include <lib/zx/resource.h>
#include <lib/zx/stream.h>
#include <lib/zx/thread.h>
#include <lib/zx/time.h>
#include <lib/zx/timer.h>
#include <lib/zx/vmar.h>
#include <lib/zx/vmo.h>
#endif
/* The macros expand to valid code, and annotated declarations compile. */
int all_headers_annotated(int x) ZX_AVAILABLE_SINCE(1);
int all_headers_deprecated(int x) ZX_DEPRECATED_SINCE(1, 2, "use all_headers_annotated");
int all_headers_removed(int x) ZX_REMOVED_SINCE(1, 2, 3, "gone");

struct all_headers_item {
  int value;
  list_node_t node;
};

int all_headers_use(list_node_t* list, int x);
int all_headers_use(list_node_t* list, int x) {
  ZX_ASSERT(list != NULL);
  ZX_ASSERT_MSG(x >= 0, "x is %d", x);
  ZX_ASSERT_MSG(x < 1000, "x too big");
  ZX_DEBUG_ASSERT(x != 7);
  ZX_DEBUG_ASSERT_MSG(x != 8, "x is %d", x);
  ZX_DEBUG_ASSERT_COND(x != 9);
  ZX_DEBUG_ASSERT_MSG_COND(x != 10, "x is %d", x);
  if (x == 11)
    ZX_PANIC("eleven: %d", x);
  int sum = 0;
  struct all_headers_item* item;
  list_for_every_entry (list, item, struct all_headers_item, node) {
    sum += item->value;
  }
  struct all_headers_item* first = list_peek_head_type(list, struct all_headers_item, node);
  return sum + (first != NULL ? first->value : 0) + (int)list_length(list);
}

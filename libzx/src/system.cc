// SPDX-License-Identifier: MIT
// System facts, cprng, process exit.
#include <pthread.h>
#include <unistd.h>

#include <atomic>

#include <zircon/features.h>
#include <zircon/syscalls.h>

#include "ioctl.h"

namespace {

// Read once: these never change while the system runs.
zx_system_properties g_props;
std::atomic<bool> g_props_ready{false};

const zx_system_properties* Properties() {
  if (!g_props_ready.load(std::memory_order_acquire)) {
    zx_system_properties props = {};
    zx_system_get_properties_args args = {.out = libzx::Ptr(&props), .out_size = sizeof(props)};
    if (libzx::Call(ZX_IOC_SYSTEM_GET_PROPERTIES, &args) != ZX_OK)
      return nullptr;
    // Racing first callers store identical bytes.
    g_props = props;
    g_props_ready.store(true, std::memory_order_release);
  }
  return &g_props;
}

}  // namespace

ZX_EXPORT uint32_t zx_system_get_num_cpus(void) {
  const zx_system_properties* p = Properties();
  return p ? p->num_cpus : static_cast<uint32_t>(sysconf(_SC_NPROCESSORS_ONLN));
}

ZX_EXPORT uint32_t zx_system_get_page_size(void) {
  const zx_system_properties* p = Properties();
  return p ? p->page_size : static_cast<uint32_t>(sysconf(_SC_PAGESIZE));
}

ZX_EXPORT uint32_t zx_system_get_dcache_line_size(void) {
  const zx_system_properties* p = Properties();
  return p ? p->dcache_line_size : 0;
}

ZX_EXPORT uint64_t zx_system_get_physmem(void) {
  const zx_system_properties* p = Properties();
  return p ? p->physmem : 0;
}

ZX_EXPORT zx_string_view_t zx_system_get_version_string(void) {
  const zx_system_properties* p = Properties();
  const char* s = p ? p->version : "zxlinux (zircon.ko not loaded)";
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  return zx_string_view_t{s, n};
}

ZX_EXPORT zx_status_t zx_system_get_features(uint32_t kind, uint32_t* features) {
  const zx_system_properties* p = Properties();
  if (!p)
    return ZX_ERR_NOT_SUPPORTED;
  if (kind >= ZX_SYSTEM_FEATURE_KINDS || !(p->features_valid & (1u << kind)))
    return ZX_ERR_NOT_SUPPORTED;
  if (features == nullptr)
    return ZX_ERR_INVALID_ARGS;
  *features = p->features[kind];
  return ZX_OK;
}

ZX_EXPORT void zx_cprng_draw(void* buffer, size_t buffer_size) {
  zx_cprng_args args = {.buffer = libzx::Ptr(buffer), .buffer_size = buffer_size};
  // Zircon kills a process that passes a bad buffer; so does this.
  if (libzx::Call(ZX_IOC_CPRNG_DRAW, &args) != ZX_OK)
    __builtin_trap();
}

ZX_EXPORT zx_status_t zx_cprng_add_entropy(const void* buffer, size_t buffer_size) {
  zx_cprng_args args = {.buffer = libzx::Ptr(buffer), .buffer_size = buffer_size};
  return libzx::Call(ZX_IOC_CPRNG_ADD_ENTROPY, &args);
}

ZX_EXPORT void zx_process_exit(int64_t retcode) { _exit(static_cast<int>(retcode)); }

// Threads here are pthreads; leaving one is pthread_exit().
ZX_EXPORT void zx_thread_exit(void) { pthread_exit(nullptr); }

ZX_EXPORT zx_status_t zx_system_get_event(zx_handle_t root_job, uint32_t kind,
                                          zx_handle_t* event) {
  zx_system_get_event_args args = {
      .root_job = root_job, .kind = kind, .out = libzx::Ptr(event)};
  return libzx::Call(ZX_IOC_SYSTEM_GET_EVENT, &args);
}

ZX_EXPORT zx_status_t zx_system_get_performance_info(zx_handle_t resource, uint32_t topic,
                                                     size_t count, void* info,
                                                     size_t* output_count) {
  zx_system_get_performance_info_args args = {.resource = resource,
                                              .topic = topic,
                                              .count = count,
                                              .info = libzx::Ptr(info),
                                              .output_count = libzx::Ptr(output_count)};
  return libzx::Call(ZX_IOC_SYSTEM_GET_PERFORMANCE_INFO, &args);
}

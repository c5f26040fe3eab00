// SPDX-License-Identifier: MIT
// zx::object<T>: an owned handle with the calls every object type answers.
#ifndef LIB_ZX_OBJECT_H_
#define LIB_ZX_OBJECT_H_

#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>

#include <lib/zx/time.h>

namespace zx {

template <typename T>
class unowned;
class port;

template <typename T>
class object {
 public:
  constexpr object() = default;
  explicit object(zx_handle_t value) : value_(value) {}
  object(const object&) = delete;
  object& operator=(const object&) = delete;
  object(object&& other) noexcept : value_(other.release()) {}
  object& operator=(object&& other) noexcept {
    reset(other.release());
    return *this;
  }
  ~object() { zx_handle_close(value_); }

  zx_handle_t get() const { return value_; }
  bool is_valid() const { return value_ != ZX_HANDLE_INVALID; }
  explicit operator bool() const { return is_valid(); }

  zx_handle_t release() {
    zx_handle_t v = value_;
    value_ = ZX_HANDLE_INVALID;
    return v;
  }

  void reset(zx_handle_t value = ZX_HANDLE_INVALID) {
    zx_handle_close(value_);
    value_ = value;
  }

  zx_handle_t* reset_and_get_address() {
    reset();
    return &value_;
  }

  zx_status_t duplicate(zx_rights_t rights, T* out) const {
    zx_handle_t h = ZX_HANDLE_INVALID;
    zx_status_t status = zx_handle_duplicate(value_, rights, &h);
    out->reset(h);
    return status;
  }

  zx_status_t replace(zx_rights_t rights, T* out) {
    zx_handle_t h = ZX_HANDLE_INVALID;
    zx_status_t status = zx_handle_replace(release(), rights, &h);
    out->reset(h);
    return status;
  }

  zx_status_t signal(uint32_t clear_mask, uint32_t set_mask) const {
    return zx_object_signal(value_, clear_mask, set_mask);
  }

  zx_status_t wait_one(zx_signals_t signals, zx::time deadline,
                       zx_signals_t* pending) const {
    return zx_object_wait_one(value_, signals, deadline.get(), pending);
  }

  zx_status_t wait_async(const object<port>& port, uint64_t key, zx_signals_t signals,
                         uint32_t options) const {
    return zx_object_wait_async(value_, port.get(), key, signals, options);
  }

  zx_status_t get_info(uint32_t topic, void* buffer, size_t buffer_size,
                       size_t* actual, size_t* avail) const {
    return zx_object_get_info(value_, topic, buffer, buffer_size, actual, avail);
  }

  zx_status_t get_property(uint32_t property, void* value, size_t size) const {
    return zx_object_get_property(value_, property, value, size);
  }

  zx_status_t set_property(uint32_t property, const void* value, size_t size) const {
    return zx_object_set_property(value_, property, value, size);
  }

  // The koid, or ZX_KOID_INVALID if the handle is not valid.
  zx_koid_t koid() const {
    zx_info_handle_basic_t info;
    if (get_info(ZX_INFO_HANDLE_BASIC, &info, sizeof(info), nullptr, nullptr) != ZX_OK)
      return ZX_KOID_INVALID;
    return info.koid;
  }

  static zx_status_t wait_many(zx_wait_item_t* items, size_t count, zx::time deadline) {
    return zx_object_wait_many(items, count, deadline.get());
  }

 protected:
  zx_handle_t value_ = ZX_HANDLE_INVALID;
};

// A handle borrowed from elsewhere: usable like T, never closed.
template <typename T>
class unowned {
 public:
  explicit unowned(zx_handle_t value) : value_(value) {}
  unowned(const unowned& other) : value_(other->get()) {}
  ~unowned() { static_cast<void>(value_.release()); }
  const T& operator*() const { return value_; }
  const T* operator->() const { return &value_; }

 private:
  T value_;
};

}  // namespace zx

#endif  // LIB_ZX_OBJECT_H_

/* SPDX-License-Identifier: MIT */
/*
 * Handle-ownership annotations for the Clang static analyzer. They expand to
 * nothing in ordinary compilation.
 */
#ifndef ZIRCON_ANALYZER_H_
#define ZIRCON_ANALYZER_H_

#if defined(__clang_analyzer__)
#define ZX_HANDLE_ACQUIRE __attribute__((acquire_handle("Fuchsia")))
#define ZX_HANDLE_RELEASE __attribute__((release_handle("Fuchsia")))
#define ZX_HANDLE_USE __attribute__((use_handle("Fuchsia")))
#define ZX_HANDLE_ACQUIRE_UNOWNED __attribute__((acquire_handle("FuchsiaUnowned")))
#else
#define ZX_HANDLE_ACQUIRE
#define ZX_HANDLE_RELEASE
#define ZX_HANDLE_USE
#define ZX_HANDLE_ACQUIRE_UNOWNED
#endif

#endif /* ZIRCON_ANALYZER_H_ */

/* SPDX-License-Identifier: MIT */
/*
 * Fuchsia API-level annotations.
 *
 * Fuchsia headers mark declarations with the API level that added,
 * deprecated or removed them; Clang, targeting Fuchsia with
 * __Fuchsia_API_level__ set, turns the marks into availability checks.
 * Everywhere else (GCC, and every Linux build) the marks expand to
 * nothing, so annotated code compiles unchanged.
 */
#ifndef ZIRCON_AVAILABILITY_H_
#define ZIRCON_AVAILABILITY_H_

/*
 * The level of the unreleased API, 2^32 - 1: Fuchsia levels are 64-bit but
 * Clang keeps 32 bits, and its attribute wants a plain literal.
 */
#define FUCHSIA_HEAD 4294967295

#if defined(__Fuchsia_API_level__) && defined(__clang__)

/* Added at level_added. */
#define ZX_AVAILABLE_SINCE(level_added) \
  __attribute__((availability(fuchsia, strict, introduced = level_added)))

/* Added at level_added, deprecated (a warning, with msg) from level_deprecated. */
#define ZX_DEPRECATED_SINCE(level_added, level_deprecated, msg)             \
  __attribute__((availability(fuchsia, strict, introduced = level_added,    \
                              deprecated = level_deprecated, message = msg)))

/* As ZX_DEPRECATED_SINCE, and unusable from level_removed on. */
#define ZX_REMOVED_SINCE(level_added, level_deprecated, level_removed, msg)               \
  __attribute__((availability(fuchsia, strict, introduced = level_added,                  \
                              deprecated = level_deprecated, obsoleted = level_removed,   \
                              message = msg)))

#else

#define ZX_AVAILABLE_SINCE(level_added)
#define ZX_DEPRECATED_SINCE(level_added, level_deprecated, msg)
#define ZX_REMOVED_SINCE(level_added, level_deprecated, level_removed, msg)

#endif

#endif /* ZIRCON_AVAILABILITY_H_ */

// Assertions that stay on in every build (as KJ's do): TAIZHANG_ASSERT for our own invariants (a
// record the views must hold, an index we computed), TAIZHANG_REQUIRE for what a caller must
// ensure. A failed one throws, so the write transaction it runs in is abandoned and nothing of
// the batch is written: IntegrityError for ours (naming the file and line, as it is our bug),
// InvalidInput for the caller's.
#pragma once

#include <string>

#include "taizhang/error.h"

namespace taizhang::internal {

[[noreturn]] void assertion_failed(const char* file, int line, const char* condition,
                                   const std::string& message);
[[noreturn]] void requirement_failed(const char* condition, const std::string& message);

}  // namespace taizhang::internal

#define TAIZHANG_ASSERT(condition, message)                                              \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      ::taizhang::internal::assertion_failed(__FILE__, __LINE__, #condition, (message)); \
    }                                                                                    \
  } while (false)

#define TAIZHANG_REQUIRE(condition, message)                                           \
  do {                                                                                 \
    if (!(condition)) ::taizhang::internal::requirement_failed(#condition, (message)); \
  } while (false)

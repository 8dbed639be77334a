// An assertion that stays on in every build (as KJ's do), for our own invariants: a record the
// views must hold, an index we computed. A failed one throws IntegrityError naming the file and
// line (it is our bug, not the caller's), so the write transaction it runs in is abandoned and
// nothing of the batch is written. What callers must ensure is checked with throw_invalid.
#pragma once

#include <string>

#include "taizhang/error.h"

namespace taizhang::internal {

[[noreturn]] void assertion_failed(const char* file, int line, const char* condition,
                                   const std::string& message);

}  // namespace taizhang::internal

#define TAIZHANG_ASSERT(condition, message)                                              \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      ::taizhang::internal::assertion_failed(__FILE__, __LINE__, #condition, (message)); \
    }                                                                                    \
  } while (false)

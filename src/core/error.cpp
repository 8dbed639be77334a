// Error kinds and their messages.
#include "taizhang/error.h"

#include <algorithm>

#include "core/assert.h"

namespace taizhang {

std::string_view error_kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kInvalidInput:
      return "InvalidInput";
    case ErrorKind::kNotFound:
      return "NotFound";
    case ErrorKind::kConflict:
      return "Conflict";
    case ErrorKind::kUnauthorized:
      return "Unauthorized";
    case ErrorKind::kRuleViolation:
      return "RuleViolation";
    case ErrorKind::kIntegrityError:
      return "IntegrityError";
    case ErrorKind::kStorageError:
      return "StorageError";
  }
  return "Unknown";
}

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(std::string(error_kind_name(kind)) + ": " + message), kind_(kind) {}

void throw_invalid(std::string_view field, std::string_view value, std::string_view reason) {
  std::string message;
  message.append(field).append(": ").append(reason).append(" (got \"");
  // Bound the echoed value so a megabyte of garbage does not become a megabyte of message.
  // Cut at a character's start, never inside a UTF-8 sequence (a Chinese name is 3 bytes a
  // character): a message that is not UTF-8 reaches Python as an empty one.
  constexpr std::size_t kEchoMax = 80;
  std::size_t keep = std::min(value.size(), kEchoMax);
  if (keep < value.size()) {
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0U) == 0x80U) --keep;
  }
  message.append(value.substr(0, keep));
  if (keep < value.size()) message.append("...");
  message.append("\")");
  throw Error(ErrorKind::kInvalidInput, message);
}

void throw_error(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

}  // namespace taizhang

namespace taizhang::internal {

void assertion_failed(const char* file, int line, const char* condition,
                      const std::string& message) {
  throw Error(ErrorKind::kIntegrityError, std::string("internal assertion failed at ") + file +
                                              ":" + std::to_string(line) + ": " + condition + ": " +
                                              message);
}

}  // namespace taizhang::internal

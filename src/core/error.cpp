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

Error::Error(ErrorKind kind, const std::string& message, const std::string& chinese)
    : std::runtime_error(std::string(error_kind_name(kind)) + ": " + message),
      kind_(kind),
      chinese_(chinese.empty() ? nullptr : std::make_shared<const std::string>(chinese)) {}

const std::string& Error::chinese() const noexcept {
  static const std::string kNone;
  return chinese_ ? *chinese_ : kNone;
}

namespace {

// Bound an echoed value so a megabyte of garbage does not become a megabyte of message. Cut at
// a character's start, never inside a UTF-8 sequence (a Chinese name is 3 bytes a character): a
// message that is not UTF-8 reaches Python as an empty one.
std::string echo(std::string_view value) {
  constexpr std::size_t kEchoMax = 80;
  std::size_t keep = std::min(value.size(), kEchoMax);
  if (keep < value.size()) {
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0U) == 0x80U) --keep;
  }
  std::string text(value.substr(0, keep));
  if (keep < value.size()) text.append("...");
  return text;
}

std::string english_invalid(std::string_view field, std::string_view value,
                            std::string_view reason) {
  std::string message;
  message.append(field).append(": ").append(reason).append(" (got \"");
  message.append(echo(value)).append("\")");
  return message;
}

}  // namespace

void throw_invalid(std::string_view field, std::string_view value, std::string_view reason) {
  throw Error(ErrorKind::kInvalidInput, english_invalid(field, value, reason));
}

void throw_invalid(std::string_view field, std::string_view value, std::string_view reason,
                   std::string_view reason_zh) {
  std::string chinese(reason_zh);
  chinese.append("（").append(field).append("：“").append(echo(value)).append("”）");
  throw Error(ErrorKind::kInvalidInput, english_invalid(field, value, reason), chinese);
}

void throw_error(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

void throw_error(ErrorKind kind, const std::string& message, const std::string& chinese) {
  throw Error(kind, message, chinese);
}

}  // namespace taizhang

namespace taizhang::internal {

void assertion_failed(const char* file, int line, const char* condition,
                      const std::string& message) {
  throw Error(ErrorKind::kIntegrityError, std::string("internal assertion failed at ") + file +
                                              ":" + std::to_string(line) + ": " + condition + ": " +
                                              message);
}

}  // namespace taizhang::internal

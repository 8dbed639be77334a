// Errors: the closed set of failure kinds every taizhang call can report.
//
// Every failure is a taizhang::Error carrying one ErrorKind and a message that names the
// offending field and value. Dependencies' exceptions (LMDB codes, Cap'n Proto, OpenSSL) are
// caught where they are called and converted, so callers only ever see this one type.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "taizhang/export.h"

namespace taizhang {

// The kinds of failure. The numbers are stable: they are returned as exit codes by the
// command line and mapped to Python exception classes. Do not renumber; add at the end.
enum class ErrorKind : std::uint8_t {
  kInvalidInput = 1,    // a value is malformed or out of range; nothing was written
  kNotFound = 2,        // the named record does not exist
  kConflict = 3,        // duplicate code, or a request id reused with other content
  kUnauthorized = 4,    // the actor or key may not do this
  kRuleViolation = 5,   // a rule of docs/rules.md refuses it; the message names the rule
  kIntegrityError = 6,  // a hash, proof or signature does not match
  kStorageError = 7,    // LMDB or the file system failed; the message carries its code
};

// "InvalidInput", "NotFound", ...: the name used in messages and by the Python classes.
TAIZHANG_EXPORT std::string_view error_kind_name(ErrorKind kind) noexcept;

class TAIZHANG_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message);
  // With the same message in Chinese, for county staff (the command line prints it by default).
  Error(ErrorKind kind, const std::string& message, const std::string& chinese);

  ErrorKind kind() const noexcept { return kind_; }

  // The message in Chinese without the kind's name, or empty where the message was written in
  // English only (then what() is all there is).
  const std::string& chinese() const noexcept;

 private:
  ErrorKind kind_;
  // Shared so that copying an Error (as throwing does) cannot throw.
  std::shared_ptr<const std::string> chinese_;
};

// Shorthands for the common kinds. Each builds the message "<field>: <reason> (got "<value>")".
// Given `reason_zh`, the Chinese message is "<reason_zh>（<field>：“<value>”）".
[[noreturn]] TAIZHANG_EXPORT void throw_invalid(std::string_view field, std::string_view value,
                                                std::string_view reason);
[[noreturn]] TAIZHANG_EXPORT void throw_invalid(std::string_view field, std::string_view value,
                                                std::string_view reason,
                                                std::string_view reason_zh);
[[noreturn]] TAIZHANG_EXPORT void throw_error(ErrorKind kind, const std::string& message);
[[noreturn]] TAIZHANG_EXPORT void throw_error(ErrorKind kind, const std::string& message,
                                              const std::string& chinese);

}  // namespace taizhang

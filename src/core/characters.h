// Positions in UTF-8 text as a clerk counts them, in characters rather than bytes: for the
// Chinese messages that say which character of a code or an amount is wrong ("第 5 位“O”").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace taizhang::internal {

inline bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The number of characters in `text` (a stray byte counts as one).
inline std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += is_continuation_byte(c) ? 0 : 1;
  return count;
}

// The 1-based position of the character that holds byte `at`.
inline std::size_t character_position(std::string_view text, std::size_t at) {
  while (at > 0 && is_continuation_byte(text[at])) --at;
  return character_count(text.substr(0, at)) + 1;
}

// The character that holds byte `at`, quoted as “x”, or 空格 for a space.
inline std::string quoted_character(std::string_view text, std::size_t at) {
  while (at > 0 && is_continuation_byte(text[at])) --at;
  std::size_t end = at + 1;
  while (end < text.size() && is_continuation_byte(text[end])) ++end;
  if (text[at] == ' ') return "空格";
  return "“" + std::string(text.substr(at, end - at)) + "”";
}

}  // namespace taizhang::internal

// Bytes, hashes and their text forms (hex, standard base64 of RFC 4648 §4).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.h"

namespace taizhang {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// A SHA-256 digest: leaf and node hashes of the Merkle tree, roots, content digests.
constexpr std::size_t kHashSize = 32;
using Hash = std::array<std::uint8_t, kHashSize>;

TAIZHANG_EXPORT std::string to_hex(ByteView bytes);
// Throws InvalidInput naming `field` for odd length or a non-hex character.
TAIZHANG_EXPORT Bytes from_hex(std::string_view text, std::string_view field = "hex");
TAIZHANG_EXPORT std::string to_base64(ByteView bytes);
// Strict: padding required, no whitespace, no URL alphabet. Throws InvalidInput naming `field`.
TAIZHANG_EXPORT Bytes from_base64(std::string_view text, std::string_view field = "base64");
// Throws InvalidInput naming `field` unless `bytes` is exactly 32 bytes long.
TAIZHANG_EXPORT Hash to_hash(ByteView bytes, std::string_view field = "hash");

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace taizhang

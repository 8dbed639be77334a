// Hex and base64 codecs, written strictly: every malformed input is refused by name.
#include "taizhang/bytes.h"

#include <cstring>

#include "core/characters.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_value(char c) {
  const char* at = c == '\0' ? nullptr : std::strchr(kBase64Alphabet, c);
  return at == nullptr ? -1 : static_cast<int>(at - kBase64Alphabet);
}

}  // namespace

std::string to_hex(ByteView bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) {
    out += kHexDigits[byte >> 4];
    out += kHexDigits[byte & 0xf];
  }
  return out;
}

Bytes from_hex(std::string_view text, std::string_view field) {
  if (text.size() % 2 != 0) {
    throw_invalid(field, text, "hex text has an odd number of digits",
                  "十六进制文本的位数须为偶数（每个字节两位），这里是奇数位：可能漏抄或多抄了一位");
  }
  Bytes out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = hex_value(text[2 * i]);
    const int low = hex_value(text[2 * i + 1]);
    if (high < 0 || low < 0) {
      const std::size_t at = high < 0 ? 2 * i : 2 * i + 1;
      throw_invalid(field, text, "not a hex digit",
                    "十六进制文本的第 " + std::to_string(internal::character_position(text, at)) +
                        " 位" + internal::quoted_character(text, at) +
                        "不是十六进制数字：只能用 0–9 和 a–f（或 A–F）");
    }
    out[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return out;
}

std::string to_base64(ByteView bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out += kBase64Alphabet[(group >> shift) & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = bytes[i] << 16;
    if (rest == 2) group |= bytes[i + 1] << 8;
    out += kBase64Alphabet[(group >> 18) & 63];
    out += kBase64Alphabet[(group >> 12) & 63];
    out += rest == 2 ? kBase64Alphabet[(group >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Bytes from_base64(std::string_view text, std::string_view field) {
  if (text.size() % 4 != 0) {
    throw_invalid(field, text, "base64 length is not a multiple of 4",
                  "Base64 文本的长度须是 4 的倍数（不足时末尾用“=”补齐），这里是 " +
                      std::to_string(internal::character_count(text)) + " 个字符");
  }
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int padding = 0;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      int value = 0;
      if (c == '=' && last && j >= 2) {
        ++padding;
      } else {
        value = base64_value(c);
        if (value < 0 || padding > 0) {
          throw_invalid(field, text, "not standard padded base64",
                        "Base64 文本的第 " +
                            std::to_string(internal::character_position(text, i + j)) + " 个字符" +
                            internal::quoted_character(text, i + j) +
                            "不合规范：只能用 A–Z、a–z、0–9、“+”和“/”，“=”只能在末尾补齐");
        }
      }
      group = group << 6 | static_cast<std::uint32_t>(value);
    }
    out.push_back(static_cast<std::uint8_t>(group >> 16));
    if (padding < 2) out.push_back(static_cast<std::uint8_t>(group >> 8));
    if (padding < 1) out.push_back(static_cast<std::uint8_t>(group));
    // Canonical form: the bits dropped by padding must be zero.
    const std::uint32_t dropped = padding == 2 ? group & 0xffff : padding == 1 ? group & 0xff : 0;
    if (dropped != 0) {
      throw_invalid(
          field, text, "non-canonical base64 padding bits",
          "Base64 文本末尾“=”前的最后一个字符不是规范写法（填充位不为零），请核对是否抄错");
    }
  }
  return out;
}

Hash to_hash(ByteView bytes, std::string_view field) {
  if (bytes.size() != kHashSize) {
    throw_invalid(field, std::to_string(bytes.size()) + " bytes", "a hash must be exactly 32 bytes",
                  "哈希值（SHA-256）须恰好 32 个字节（64 位十六进制数字），这里是 " +
                      std::to_string(bytes.size()) + " 个字节");
  }
  Hash hash;
  std::memcpy(hash.data(), bytes.data(), kHashSize);
  return hash;
}

}  // namespace taizhang

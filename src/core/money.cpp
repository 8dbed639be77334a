// Money: parsing, printing and checked arithmetic on integer fen.
#include "taizhang/money.h"

#include <boost/multiprecision/cpp_int.hpp>
#include <limits>

#include "core/characters.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

using Checked128 = boost::multiprecision::checked_int128_t;

// `describe` builds the operation's text only when it overflows, to keep arithmetic cheap.
template <typename Describe>
Money from_wide(const Checked128& value, Describe describe) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_invalid("amount", describe(), "result is outside the range of Int64 fen",
                  "金额计算结果过大，超出台账能计算的范围：请核对金额是否多写了位数");
  }
  return Money::from_fen(static_cast<std::int64_t>(value));
}

// Parses [-]digits[.digits] where the fraction has at most `decimals_max` digits (the number
// of decimals that make one fen in this unit), and returns the value in fen. `unit_zh` is the
// unit in the Chinese messages (元, 万元).
Money parse_decimal(std::string_view text, std::string_view field, int decimals_max,
                    const char* unit, const std::string& unit_zh) {
  // 19 integer digits already exceed Int64 fen in any unit; the bound keeps the accumulator
  // far from its own limit and refuses absurd input early.
  constexpr std::size_t kTextMax = 40;
  if (text.empty()) {
    throw_invalid(field, text, std::string("empty amount in ") + unit,
                  "金额为空：请填写以" + unit_zh + "为单位的金额");
  }
  if (text.size() > kTextMax) {
    throw_invalid(field, text, "amount text is too long",
                  "金额写得太长（最多 40 个字符）：请核对是否多写了位数");
  }
  std::size_t at = 0;
  const bool negative = text[0] == '-';
  if (negative) at = 1;
  Checked128 value = 0;
  int integer_digits = 0;
  int fraction_digits = 0;
  bool in_fraction = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.') {
      if (in_fraction) {
        throw_invalid(field, text, "more than one decimal point",
                      "金额中有不止一个小数点：请核对金额");
      }
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') {
      throw_invalid(field, text,
                    std::string("not a plain decimal amount in ") + unit +
                        " (digits, one '.', optional leading '-'; no exponent, sign '+', "
                        "spaces or separators)",
                    "金额须为以" + unit_zh +
                        "为单位的数字，只用半角数字和一个小数点，负数前加“-”，如 " +
                        (decimals_max == 2 ? "12500.50" : "1.25") + "；第 " +
                        std::to_string(internal::character_position(text, at)) + " 位" +
                        internal::quoted_character(text, at) +
                        "不能出现（不写千位分隔符、空格、“+”、“元”字或科学计数法）");
    }
    if (in_fraction) {
      if (++fraction_digits > decimals_max) {
        throw_invalid(field, text,
                      std::string("more than ") + std::to_string(decimals_max) + " decimals in " +
                          unit + " is finer than one fen",
                      "以" + unit_zh + "为单位的金额最多 " + std::to_string(decimals_max) +
                          " 位小数（精确到分），这里的小数位太多");
      }
    } else {
      ++integer_digits;
    }
    value = value * 10 + (c - '0');
  }
  if (integer_digits == 0) {
    throw_invalid(field, text, "no digits before the decimal point",
                  in_fraction ? "金额的小数点前须有数字（如 0.5，不写 .5）" : "金额中没有数字");
  }
  if (in_fraction && fraction_digits == 0) {
    throw_invalid(field, text, "no digits after the decimal point",
                  "金额的小数点后须有数字（如 12.5 或 12，不写 12.）");
  }
  for (int i = fraction_digits; i < decimals_max; ++i) value *= 10;
  if (negative) value = -value;
  try {
    return from_wide(value, [&] { return std::string(text); });
  } catch (const Error&) {
    throw_invalid(field, text,
                  std::string("amount in ") + unit + " is outside the range of Int64 fen",
                  "金额过大，超出台账能记录的范围：请核对金额的单位（" + unit_zh + "）和位数");
  }
}

}  // namespace

Money Money::parse_yuan(std::string_view text, std::string_view field) {
  return parse_decimal(text, field, 2, "yuan (元)", "元");
}

Money Money::parse_wan_yuan(std::string_view text, std::string_view field) {
  return parse_decimal(text, field, 6, "ten-thousand yuan (万元)", "万元");
}

std::string Money::to_yuan_string() const {
  // Work in 128 bits so that the magnitude of Int64's minimum is representable.
  Checked128 magnitude = fen_;
  const bool negative = magnitude < 0;
  if (negative) magnitude = -magnitude;
  const auto yuan = static_cast<std::uint64_t>(magnitude / 100);
  const auto cents = static_cast<unsigned>(magnitude % 100);
  std::string out = negative ? "-" : "";
  out += std::to_string(yuan);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

Money Money::operator+(Money other) const {
  return from_wide(Checked128(fen_) + other.fen_,
                   [&] { return to_yuan_string() + " + " + other.to_yuan_string(); });
}

Money Money::operator-(Money other) const {
  return from_wide(Checked128(fen_) - other.fen_,
                   [&] { return to_yuan_string() + " - " + other.to_yuan_string(); });
}

Money Money::operator*(std::int64_t factor) const {
  return from_wide(Checked128(fen_) * factor,
                   [&] { return to_yuan_string() + " * " + std::to_string(factor); });
}

Money Money::operator-() const {
  return from_wide(-Checked128(fen_), [&] { return "-(" + to_yuan_string() + ")"; });
}

}  // namespace taizhang

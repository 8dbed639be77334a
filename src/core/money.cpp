// Money: parsing, printing and checked arithmetic on integer fen.
#include "taizhang/money.h"

#include <boost/multiprecision/cpp_int.hpp>
#include <limits>

#include "taizhang/error.h"

namespace taizhang {
namespace {

using Checked128 = boost::multiprecision::checked_int128_t;

// `describe` builds the operation's text only when it overflows, to keep arithmetic cheap.
template <typename Describe>
Money from_wide(const Checked128& value, Describe describe) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_invalid("amount", describe(), "result is outside the range of Int64 fen");
  }
  return Money::from_fen(static_cast<std::int64_t>(value));
}

// Parses [-]digits[.digits] where the fraction has at most `decimals_max` digits (the number
// of decimals that make one fen in this unit), and returns the value in fen.
Money parse_decimal(std::string_view text, std::string_view field, int decimals_max,
                    const char* unit) {
  // 19 integer digits already exceed Int64 fen in any unit; the bound keeps the accumulator
  // far from its own limit and refuses absurd input early.
  constexpr std::size_t kTextMax = 40;
  if (text.empty()) throw_invalid(field, text, std::string("empty amount in ") + unit);
  if (text.size() > kTextMax) throw_invalid(field, text, "amount text is too long");
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
      if (in_fraction) throw_invalid(field, text, "more than one decimal point");
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') {
      throw_invalid(field, text,
                    std::string("not a plain decimal amount in ") + unit +
                        " (digits, one '.', optional leading '-'; no exponent, sign '+', "
                        "spaces or separators)");
    }
    if (in_fraction) {
      if (++fraction_digits > decimals_max) {
        throw_invalid(field, text,
                      std::string("more than ") + std::to_string(decimals_max) + " decimals in " +
                          unit + " is finer than one fen");
      }
    } else {
      ++integer_digits;
    }
    value = value * 10 + (c - '0');
  }
  if (integer_digits == 0) throw_invalid(field, text, "no digits before the decimal point");
  if (in_fraction && fraction_digits == 0) {
    throw_invalid(field, text, "no digits after the decimal point");
  }
  for (int i = fraction_digits; i < decimals_max; ++i) value *= 10;
  if (negative) value = -value;
  try {
    return from_wide(value, [&] { return std::string(text); });
  } catch (const Error&) {
    throw_invalid(field, text,
                  std::string("amount in ") + unit + " is outside the range of Int64 fen");
  }
}

}  // namespace

Money Money::parse_yuan(std::string_view text, std::string_view field) {
  return parse_decimal(text, field, 2, "yuan (元)");
}

Money Money::parse_wan_yuan(std::string_view text, std::string_view field) {
  return parse_decimal(text, field, 6, "ten-thousand yuan (万元)");
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

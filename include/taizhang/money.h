// Money (金额): an exact integer number of fen (分, 0.01 yuan).
//
// Never a float. Arithmetic is checked: a result outside the Int64 range throws InvalidInput
// instead of wrapping. Amounts enter as decimal strings, in yuan (元, at most 2 decimals) or in
// ten-thousands of yuan (万元, at most 6 decimals, which is exactly one fen), and anything that
// would need rounding is refused rather than rounded.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/export.h"

namespace taizhang {

// The largest amount the register records, either sign: 9 × 10^11 fen (90 亿元). Ten million
// amounts at this bound total 9 × 10^18 fen, below Int64's 9.22 × 10^18, so every total a
// report makes of a county's amounts fits (docs/reliability.md). Larger amounts are refused
// (InvalidInput naming the field) where an entry is encoded, before anything is written.
inline constexpr std::int64_t kAmountMaxFen = 900'000'000'000;

class TAIZHANG_EXPORT Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }

  // Parses "1234.56", "-0.5", "12" as yuan. Refused, naming `field` and the text: empty text, a
  // '+' sign, spaces, thousands separators, exponents ("1e5"), "NaN"/"inf", more than 2
  // decimals, a bare "." or trailing ".", any other character, and amounts beyond Int64 fen.
  static Money parse_yuan(std::string_view text, std::string_view field = "amount");
  // Parses an amount in 万元 (10,000 yuan) with at most 6 decimals: "1.234567" = 1,234,567 fen.
  static Money parse_wan_yuan(std::string_view text, std::string_view field = "amount");

  constexpr std::int64_t fen() const { return fen_; }
  // "1234.56", "-0.05", "0.00": always two decimals, no separators. Parses back exactly.
  std::string to_yuan_string() const;

  // Checked: each throws InvalidInput on Int64 overflow.
  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money operator*(std::int64_t factor) const;
  Money operator-() const;
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }

  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

}  // namespace taizhang

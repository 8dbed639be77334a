// Share (份额): an exact fraction in [0, 1], such as one village's part of a shared asset.
//
// Kept as a reduced pair of unsigned 64-bit integers; sums are computed exactly in arbitrary
// precision, so "1/3 + 1/3 + 1/3" is exactly one and "0.33 + 0.33 + 0.34" is too.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "taizhang/export.h"

namespace taizhang {

class TAIZHANG_EXPORT Share {
 public:
  // REQUIRES nothing: throws InvalidInput naming `field` if denominator is 0 or the fraction
  // exceeds 1. The pair is reduced.
  static Share of(std::uint64_t numerator, std::uint64_t denominator,
                  std::string_view field = "share");
  // Parses "3/10", "0.3", "1", "0". Refused: signs, spaces, exponents, a zero denominator,
  // values above 1, more than 18 decimals, anything else.
  static Share parse(std::string_view text, std::string_view field = "share");

  std::uint64_t numerator() const { return numerator_; }
  std::uint64_t denominator() const { return denominator_; }
  bool is_zero() const { return numerator_ == 0; }
  // "3/10"; "1" and "0" for the whole and nothing.
  std::string to_string() const;

  bool operator==(const Share&) const = default;

 private:
  Share(std::uint64_t numerator, std::uint64_t denominator)
      : numerator_(numerator), denominator_(denominator) {}
  std::uint64_t numerator_ = 0;
  std::uint64_t denominator_ = 1;
};

// True when the shares add up to exactly 1 (the ownership rule of docs/rules.md §2).
TAIZHANG_EXPORT bool shares_sum_to_one(std::span<const Share> shares);

}  // namespace taizhang

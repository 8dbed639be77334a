// Share: exact fractions, parsed from "p/q" or a decimal, summed in arbitrary precision.
#include "taizhang/share.h"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <charconv>
#include <numeric>

#include "taizhang/error.h"

namespace taizhang {
namespace {

std::uint64_t parse_digits(std::string_view digits, std::string_view text, std::string_view field) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    throw_invalid(field, text, "not a fraction \"p/q\" or a decimal between 0 and 1",
                  "份额须写成分数“p/q”（如 1/3，用半角“/”）或 0 到 1 之间的小数（如 0.25），"
                  "不写百分号、空格或汉字");
  }
  return value;
}

}  // namespace

Share Share::of(std::uint64_t numerator, std::uint64_t denominator, std::string_view field) {
  // The text is built only for an error: this runs for every share read from the views.
  auto text = [&] { return std::to_string(numerator) + "/" + std::to_string(denominator); };
  if (denominator == 0) {
    throw_invalid(field, text(), "denominator is zero", "份额的分母不能为 0（如 1/3 的 3）");
  }
  if (numerator > denominator) {
    throw_invalid(field, text(), "a share cannot exceed 1",
                  "份额不能大于 1：分子 " + std::to_string(numerator) + " 大于分母 " +
                      std::to_string(denominator));
  }
  const std::uint64_t divisor = numerator == 0 ? denominator : std::gcd(numerator, denominator);
  return Share(numerator / divisor, denominator / divisor);
}

Share Share::parse(std::string_view text, std::string_view field) {
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    return of(parse_digits(text.substr(0, slash), text, field),
              parse_digits(text.substr(slash + 1), text, field), field);
  }
  const auto point = text.find('.');
  if (point == std::string_view::npos) return of(parse_digits(text, text, field), 1, field);
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = text.substr(point + 1);
  constexpr std::size_t kDecimalsMax = 18;  // 10^18 still fits in a u64 denominator
  if (fraction.size() > kDecimalsMax) {
    throw_invalid(field, text, "more than 18 decimals",
                  "份额的小数最多 18 位：除不尽的份额请写成分数，如 1/3");
  }
  std::uint64_t denominator = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) denominator *= 10;
  const std::uint64_t integer = parse_digits(whole, text, field);
  const std::uint64_t decimals = parse_digits(fraction, text, field);
  if (integer > 1 || (integer == 1 && decimals != 0)) {
    throw_invalid(field, text, "a share cannot exceed 1",
                  "份额不能大于 1（全部即为 1）：须是 0 到 1 之间的数，如 0.25 或 1/4");
  }
  return of(integer * denominator + decimals, denominator, field);
}

std::string Share::to_string() const {
  if (numerator_ == 0) return "0";
  if (numerator_ == denominator_) return "1";
  return std::to_string(numerator_) + "/" + std::to_string(denominator_);
}

bool shares_sum_to_one(std::span<const Share> shares) {
  // The usual case, shares over one denominator (1/1, or thirds), needs no rationals: the sum of
  // the numerators must equal the denominator (a sum that overflows cannot).
  if (!shares.empty() && std::all_of(shares.begin(), shares.end(), [&](const Share& share) {
        return share.denominator() == shares.front().denominator();
      })) {
    std::uint64_t numerators = 0;
    for (const Share& share : shares) {
      if (__builtin_add_overflow(numerators, share.numerator(), &numerators)) return false;
    }
    return numerators == shares.front().denominator();
  }
  boost::multiprecision::cpp_rational sum = 0;
  for (const Share& share : shares) {
    sum += boost::multiprecision::cpp_rational(share.numerator(), share.denominator());
  }
  return sum == 1;
}

}  // namespace taizhang

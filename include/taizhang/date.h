// Date: a civil (proleptic Gregorian) day, as business dates are kept: effective dates,
// completion dates, contract terms. No time of day and no time zone.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/export.h"

namespace taizhang {

class TAIZHANG_EXPORT Date {
 public:
  // Years outside [kYearMin, kYearMax] are refused: a register has no business before 1900
  // and the bound keeps day arithmetic far from overflow.
  static constexpr int kYearMin = 1900;
  static constexpr int kYearMax = 9999;

  constexpr Date() = default;  // 1970-01-01
  // Throws InvalidInput naming `field` for an impossible date (2023-02-29) or a year outside
  // the range.
  static Date from_civil(int year, int month, int day, std::string_view field = "date");
  static Date from_days(std::int32_t days_since_epoch, std::string_view field = "date");
  // Parses ISO 8601 calendar dates in extended form only: "2021-06-30". Refused: basic form,
  // times, week or ordinal dates, signs, missing zero padding, and impossible dates.
  static Date parse(std::string_view text, std::string_view field = "date");
  // The civil day at `unix_micros` (microseconds since 1970-01-01T00:00:00Z) in a time zone
  // `utc_offset_seconds` east of UTC: how "today" is read from a clock.
  static Date at(std::int64_t unix_micros, std::int32_t utc_offset_seconds);
  // The inverse: the instant (UTC microseconds) when this day's clock shows `hour`:00 at
  // `utc_offset_seconds` east of UTC, as a register clock set to a day reads it.
  std::int64_t micros_at(int hour, std::int32_t utc_offset_seconds) const;

  // Days since 1970-01-01 (negative before it). This is how dates are stored.
  constexpr std::int32_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  struct Civil {
    int year;
    unsigned month;
    unsigned day;
  };
  Civil civil() const;            // all three at once
  std::string to_string() const;  // "2021-06-30"

  Date plus_days(std::int32_t days) const;
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// The counties' time zone: China Standard Time (Asia/Shanghai), UTC+8 all year (no daylight
// saving). A register's "today" is its clock's day here.
inline constexpr std::int32_t kCountyUtcOffsetSeconds = 8 * 3600;

TAIZHANG_EXPORT bool is_leap_year(int year);
TAIZHANG_EXPORT unsigned days_in_month(int year, unsigned month);

}  // namespace taizhang

// Date: civil-day arithmetic on days since 1970-01-01.
//
// The conversions use the era decomposition of the Gregorian calendar: a 400-year era has
// exactly 146097 days, and counting years from March puts the leap day at the end of the year,
// so a day of the year maps to a month by a linear formula.
#include "taizhang/date.h"

#include <chrono>
#include <cstdint>

#include "taizhang/error.h"

namespace taizhang {
namespace {

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

std::int32_t days_from_civil(int year, unsigned month, unsigned day) {
  const int shifted_year = month <= 2 ? year - 1 : year;  // the year starts in March
  const int era = (shifted_year >= 0 ? shifted_year : shifted_year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(shifted_year - era * 400);
  const unsigned month_from_march = month > 2 ? month - 3 : month + 9;
  const unsigned day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  constexpr int kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01
  return era * 146097 + static_cast<int>(day_of_era) - kEpochShift;
}

Civil civil_from_days(std::int32_t days) {
  const int shifted = days + 719468;
  const int era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(shifted - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_from_march = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const unsigned month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const int year = static_cast<int>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

std::string two_digits(unsigned value) {
  return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

// "2023 年 2 月只有 28 天，日须在 1 到 28 之间，这里是 29 日": a day the month lacks.
std::string no_such_day_zh(int year, unsigned month, int day) {
  const std::string length = std::to_string(days_in_month(year, month));
  return std::to_string(year) + " 年 " + std::to_string(month) + " 月只有 " + length +
         " 天，日须在 1 到 " + length + " 之间，这里是 " + std::to_string(day) + " 日";
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date Date::from_civil(int year, int month, int day, std::string_view field) {
  // The text is built only for an error: month ends are computed for every valuation.
  auto text = [&] {
    return std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
  };
  if (year < kYearMin || year > kYearMax) {
    throw_invalid(field, text(), "year out of range 1900..9999",
                  "年份须在 1900 到 9999 之间，这里是 " + std::to_string(year) + " 年");
  }
  if (month < 1 || month > 12) {
    throw_invalid(field, text(), "month out of range 1..12",
                  "月份须在 1 到 12 之间，这里是 " + std::to_string(month) + " 月");
  }
  if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    throw_invalid(field, text(), "no such day in that month",
                  no_such_day_zh(year, static_cast<unsigned>(month), day));
  }
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Date Date::from_days(std::int32_t days_since_epoch, std::string_view field) {
  static const std::int32_t kMin = days_from_civil(kYearMin, 1, 1);
  static const std::int32_t kMax = days_from_civil(kYearMax, 12, 31);
  if (days_since_epoch < kMin || days_since_epoch > kMax) {
    throw_invalid(field, std::to_string(days_since_epoch), "day number out of range 1900..9999",
                  "日期超出台账可记录的范围（1900-01-01 到 9999-12-31）");
  }
  return Date(days_since_epoch);
}

Date Date::at(std::int64_t unix_micros, std::int32_t utc_offset_seconds) {
  constexpr std::int64_t kMicrosPerDay = std::int64_t{86'400} * 1'000'000;
  std::int64_t local = 0;
  constexpr std::string_view kClockZh =
      "本机时钟给出的时间不是台账能记录的时间：请检查这台电脑的日期、时间和时区设置";
  if (__builtin_add_overflow(unix_micros, std::int64_t{utc_offset_seconds} * 1'000'000, &local)) {
    throw_invalid("clock", std::to_string(unix_micros), "not a time a register can hold", kClockZh);
  }
  // Floor division, so an instant before 1970 falls on the day before, not after.
  std::int64_t days = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --days;
  if (days < INT32_MIN || days > INT32_MAX) {
    throw_invalid("clock", std::to_string(unix_micros), "not a time a register can hold", kClockZh);
  }
  return from_days(static_cast<std::int32_t>(days), "clock");
}

std::int64_t Date::micros_at(int hour, std::int32_t utc_offset_seconds) const {
  return (std::int64_t{days_} * 86'400 + std::int64_t{hour} * 3'600 - utc_offset_seconds) *
         1'000'000;
}

Date Date::parse(std::string_view text, std::string_view field) {
  // Exactly YYYY-MM-DD: ten characters, dashes at 4 and 7, digits elsewhere.
  bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; shape_ok && i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) shape_ok = false;
  }
  if (!shape_ok) {
    throw_invalid(field, text, "not an ISO 8601 date YYYY-MM-DD",
                  "日期须写成 YYYY-MM-DD：4 位年、2 位月、2 位日，用半角“-”隔开，如 2026-03-05"
                  "（不写“2026年3月5日”“2026/3/5”或“2026-3-5”）");
  }
  auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4);
  const int month = number(5, 2);
  const int day = number(8, 2);
  if (year < kYearMin) {
    throw_invalid(field, text, "year out of range 1900..9999",
                  "年份须在 1900 到 9999 之间，这里是 " + std::to_string(year) + " 年");
  }
  if (month < 1 || month > 12) {
    throw_invalid(field, text, "month out of range 01..12",
                  "月份须在 01 到 12 之间，这里是 " + std::string(text.substr(5, 2)) + " 月");
  }
  if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    throw_invalid(field, text, "no such day in that month",
                  no_such_day_zh(year, static_cast<unsigned>(month), day));
  }
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Date::Civil Date::civil() const {
  const auto parts = civil_from_days(days_);
  return {parts.year, parts.month, parts.day};
}

int Date::year() const { return civil_from_days(days_).year; }
unsigned Date::month() const { return civil_from_days(days_).month; }
unsigned Date::day() const { return civil_from_days(days_).day; }

std::string Date::to_string() const {
  const auto civil = civil_from_days(days_);
  return std::to_string(civil.year) + "-" + two_digits(civil.month) + "-" + two_digits(civil.day);
}

Date Date::plus_days(std::int32_t days) const {
  const std::int64_t sum = std::int64_t{days_} + days;
  if (sum < INT32_MIN || sum > INT32_MAX)
    throw_invalid("date", std::to_string(sum), "day out of range",
                  "日期推算超出台账可记录的范围（1900-01-01 到 9999-12-31）");
  return from_days(static_cast<std::int32_t>(sum), "date");
}

}  // namespace taizhang

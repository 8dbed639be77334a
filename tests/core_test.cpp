// Core values: Money, Share, Date, hex/base64, errors. Valid and invalid input for each.
#include <catch2/catch.hpp>
#include <limits>

#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/error.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

using namespace taizhang;

namespace {

// Runs `f`, expecting an Error of `kind` whose message contains every one of `needles`.
template <typename F>
void require_error(F&& f, ErrorKind kind, std::initializer_list<std::string> needles) {
  try {
    f();
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.kind() == kind);
    for (const std::string& needle : needles) CHECK_THAT(error.what(), Catch::Contains(needle));
  }
}

}  // namespace

TEST_CASE("money parses yuan exactly") {
  CHECK(Money::parse_yuan("0").fen() == 0);
  CHECK(Money::parse_yuan("12").fen() == 1200);
  CHECK(Money::parse_yuan("12.3").fen() == 1230);
  CHECK(Money::parse_yuan("12.34").fen() == 1234);
  CHECK(Money::parse_yuan("-0.05").fen() == -5);
  CHECK(Money::parse_yuan("0012.30").fen() == 1230);
  CHECK(Money::parse_yuan("92233720368547758.07").fen() ==
        std::numeric_limits<std::int64_t>::max());
  CHECK(Money::parse_yuan("-92233720368547758.08").fen() ==
        std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("money parses 万元 with up to six decimals, exactly") {
  CHECK(Money::parse_wan_yuan("1").fen() == 1'000'000);
  CHECK(Money::parse_wan_yuan("1.234567").fen() == 1'234'567);
  CHECK(Money::parse_wan_yuan("0.000001").fen() == 1);
  CHECK(Money::parse_wan_yuan("3990000000").fen() == 3'990'000'000'000'000);  // 399 billion yuan
}

TEST_CASE("money refuses what is not a plain exact amount, naming field and value") {
  const char* bad_yuan[] = {"",
                            "1.234",
                            "1e5",
                            "1E5",
                            "NaN",
                            "nan",
                            "inf",
                            "+1",
                            " 1",
                            "1 ",
                            "1,000",
                            "1.",
                            ".5",
                            "--1",
                            "1.2.3",
                            "0x10",
                            "１２",
                            "1.0f",
                            "-",
                            "1_000",
                            "92233720368547758.08",
                            "-92233720368547758.09",
                            "100000000000000000000000"};
  for (const char* text : bad_yuan) {
    INFO(text);
    require_error([&] { Money::parse_yuan(text, "original_value"); }, ErrorKind::kInvalidInput,
                  {"original_value"});
  }
  require_error([] { Money::parse_yuan("1.234", "rent"); }, ErrorKind::kInvalidInput,
                {"rent", "\"1.234\"", "2 decimals"});
  require_error([] { Money::parse_wan_yuan("1.2345678", "原值(万元)"); }, ErrorKind::kInvalidInput,
                {"原值(万元)", "6 decimals"});
  require_error([] { Money::parse_yuan("1e5"); }, ErrorKind::kInvalidInput, {"exponent", "1e5"});
}

TEST_CASE("money arithmetic is checked") {
  const Money max = Money::from_fen(std::numeric_limits<std::int64_t>::max());
  const Money min = Money::from_fen(std::numeric_limits<std::int64_t>::min());
  CHECK((Money::parse_yuan("1.10") + Money::parse_yuan("2.20")).fen() == 330);
  CHECK((Money::parse_yuan("1.10") - Money::parse_yuan("2.20")).fen() == -110);
  CHECK((Money::parse_yuan("0.07") * 3).fen() == 21);
  require_error([&] { (void)(max + Money::from_fen(1)); }, ErrorKind::kInvalidInput, {"range"});
  require_error([&] { (void)(min - Money::from_fen(1)); }, ErrorKind::kInvalidInput, {"range"});
  require_error([&] { (void)(max * 2); }, ErrorKind::kInvalidInput, {"range"});
  require_error([&] { (void)(-min); }, ErrorKind::kInvalidInput, {"range"});
}

TEST_CASE("money prints two decimals and round-trips") {
  CHECK(Money::from_fen(0).to_yuan_string() == "0.00");
  CHECK(Money::from_fen(5).to_yuan_string() == "0.05");
  CHECK(Money::from_fen(-5).to_yuan_string() == "-0.05");
  CHECK(Money::from_fen(123456).to_yuan_string() == "1234.56");
  for (std::int64_t fen : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-101},
                           std::int64_t{99}, std::numeric_limits<std::int64_t>::max()}) {
    CHECK(Money::parse_yuan(Money::from_fen(fen).to_yuan_string()).fen() == fen);
  }
}

TEST_CASE("shares are exact and reduced") {
  CHECK(Share::parse("3/10") == Share::of(3, 10));
  CHECK(Share::parse("0.3") == Share::of(3, 10));
  CHECK(Share::parse("6/20").to_string() == "3/10");
  CHECK(Share::parse("1").to_string() == "1");
  CHECK(Share::parse("1.000").to_string() == "1");
  CHECK(Share::parse("0").is_zero());
  const Share thirds[] = {Share::parse("1/3"), Share::parse("1/3"), Share::parse("1/3")};
  CHECK(shares_sum_to_one(thirds));
  const Share decimals[] = {Share::parse("0.33"), Share::parse("0.33"), Share::parse("0.34")};
  CHECK(shares_sum_to_one(decimals));
  const Share short_by_a_hair[] = {Share::parse("0.333333333333333333"), Share::parse("1/3"),
                                   Share::parse("1/3")};
  CHECK_FALSE(shares_sum_to_one(short_by_a_hair));
  const Share too_much[] = {Share::parse("1/2"), Share::parse("1/2"), Share::parse("1/1000")};
  CHECK_FALSE(shares_sum_to_one(too_much));
  CHECK_FALSE(shares_sum_to_one({}));
  // Over one denominator the numerators are summed directly: still exact, never wrapped.
  const Share fifths[] = {Share::of(2, 5), Share::of(2, 5), Share::of(1, 5)};
  CHECK(shares_sum_to_one(fifths));
  const Share fifths_short[] = {Share::of(2, 5), Share::of(2, 5)};
  CHECK_FALSE(shares_sum_to_one(fifths_short));
  constexpr std::uint64_t kLargest = ~std::uint64_t{0};  // 2^64 - 1, an odd denominator
  // (d-2) + (d-8) + 11 = 2d + 1, which a wrapping 64-bit sum would make exactly d.
  const Share huge[] = {Share::of(kLargest - 2, kLargest), Share::of(kLargest - 8, kLargest),
                        Share::of(11, kLargest)};
  CHECK_FALSE(shares_sum_to_one(huge));
  const Share huge_halves[] = {Share::of(kLargest / 2, kLargest),
                               Share::of(kLargest / 2 + 1, kLargest)};
  CHECK(shares_sum_to_one(huge_halves));
}

TEST_CASE("shares refuse malformed text and values above one") {
  for (const char* text : {"", "1/0", "3/2", "1.5", "-0.5", "+0.5", "0.5 ", "1/", "/2", "a/b",
                           "0.1234567890123456789", "1e-1", "2", "1.01"}) {
    INFO(text);
    require_error([&] { Share::parse(text, "ownership[2].share"); }, ErrorKind::kInvalidInput,
                  {"ownership[2].share"});
  }
}

TEST_CASE("dates parse ISO 8601 calendar dates and do civil arithmetic") {
  const Date date = Date::parse("2021-06-30");
  CHECK(date.year() == 2021);
  CHECK(date.month() == 6);
  CHECK(date.day() == 30);
  CHECK(date.to_string() == "2021-06-30");
  CHECK(Date::parse("1970-01-01").days() == 0);
  CHECK(Date::parse("1969-12-31").days() == -1);
  CHECK(Date::parse("2000-03-01").days() - Date::parse("2000-02-28").days() == 2);  // leap
  CHECK(Date::parse("1900-03-01").days() - Date::parse("1900-02-28").days() == 1);  // not leap
  CHECK(Date::parse("2024-02-29").plus_days(1).to_string() == "2024-03-01");
  // Every day from 1900 to 2100 round-trips through its day number.
  for (std::int32_t day = Date::parse("1900-01-01").days(); day <= Date::parse("2100-12-31").days();
       ++day) {
    const Date d = Date::from_days(day);
    REQUIRE(Date::parse(d.to_string()).days() == day);
    const Date::Civil civil = d.civil();
    REQUIRE(Date::from_civil(civil.year, static_cast<int>(civil.month), static_cast<int>(civil.day))
                .days() == day);
  }
}

TEST_CASE("today is the clock's day in the counties' time zone, UTC+8") {
  constexpr std::int64_t kHour = std::int64_t{3600} * 1'000'000;
  const std::int64_t midnight_utc = std::int64_t{Date::parse("2026-11-30").days()} * 24 * kHour;
  // 15:59:59.999999 UTC is still 23:59 in Guiyang; 16:00 UTC is already the next day there.
  CHECK(Date::at(midnight_utc + 16 * kHour - 1, kCountyUtcOffsetSeconds).to_string() ==
        "2026-11-30");
  CHECK(Date::at(midnight_utc + 16 * kHour, kCountyUtcOffsetSeconds).to_string() == "2026-12-01");
  CHECK(Date::at(midnight_utc + 16 * kHour, 0).to_string() == "2026-11-30");
  // Before 1970 the day is floored, not truncated toward 1970.
  CHECK(Date::at(-1, 0).to_string() == "1969-12-31");
  CHECK(Date::at(0, 0).to_string() == "1970-01-01");
  // micros_at is its inverse: 10:00 in Guiyang on 1 December is 02:00 UTC that day; 00:00 there
  // is 16:00 UTC the day before.
  const Date december = Date::parse("2026-12-01");
  CHECK(december.micros_at(10, kCountyUtcOffsetSeconds) == midnight_utc + 26 * kHour);
  CHECK(Date::at(december.micros_at(0, kCountyUtcOffsetSeconds), kCountyUtcOffsetSeconds) ==
        december);
  CHECK(Date::at(december.micros_at(0, kCountyUtcOffsetSeconds) - 1, kCountyUtcOffsetSeconds) ==
        Date::parse("2026-11-30"));
  // 1870 is before any register: refused naming the clock.
  require_error([] { Date::at(std::int64_t{-100} * 365 * 86'400 * 1'000'000, 0); },
                ErrorKind::kInvalidInput, {"clock"});
}

TEST_CASE("dates refuse impossible and non-ISO text") {
  for (const char* text : {"2023-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-6-30",
                           "20210630", "2021/06/30", "2021-06-30T00:00", " 2021-06-30", "",
                           "1899-12-31", "2021-06-3x", "+2021-06-30"}) {
    INFO(text);
    require_error([&] { Date::parse(text, "completion_date"); }, ErrorKind::kInvalidInput,
                  {"completion_date"});
  }
}

TEST_CASE("hex and base64 are strict and round-trip") {
  const Bytes data = {0x00, 0x01, 0xfe, 0xff, 0x10};
  CHECK(from_hex(to_hex(data)) == data);
  CHECK(to_base64(as_bytes("f")) == "Zg==");
  CHECK(to_base64(as_bytes("fo")) == "Zm8=");
  CHECK(to_base64(as_bytes("foo")) == "Zm9v");
  for (std::size_t n = 0; n < 10; ++n) {
    const Bytes prefix(data.begin(), data.begin() + std::min(n, data.size()));
    CHECK(from_base64(to_base64(prefix)) == prefix);
  }
  for (const char* text : {"Zg=", "Zg", "Z===", "Zh==", "Zm9v\n", "Zm-v", "=Zm9"}) {
    INFO(text);
    require_error([&] { from_base64(text, "root"); }, ErrorKind::kInvalidInput, {"root"});
  }
  require_error([] { from_hex("abc", "h"); }, ErrorKind::kInvalidInput, {"odd"});
  require_error([] { from_hex("zz", "h"); }, ErrorKind::kInvalidInput, {"hex digit"});
  require_error([] { to_hash(Bytes(31), "root"); }, ErrorKind::kInvalidInput, {"32 bytes"});
}

TEST_CASE("error kinds keep their numbers and names") {
  CHECK(static_cast<int>(ErrorKind::kInvalidInput) == 1);
  CHECK(static_cast<int>(ErrorKind::kStorageError) == 7);
  CHECK(error_kind_name(ErrorKind::kIntegrityError) == "IntegrityError");
  const Error error(ErrorKind::kConflict, "x");
  CHECK(std::string(error.what()) == "Conflict: x");
}

TEST_CASE("an echoed value is cut at a character's start, so the message stays UTF-8") {
  // 27 Chinese characters are 81 bytes: a cut at 80 fell inside the last one, and Python saw
  // an empty message.
  for (int n : {26, 27, 28, 40}) {
    std::string value;
    for (int i = 0; i < n; ++i) value += "二";
    try {
      throw_invalid("held", value, "not a date");
      FAIL("expected an error");
    } catch (const Error& error) {
      const std::string what = error.what();
      const std::size_t start = what.find("(got \"") + 6;
      const std::string echoed = what.substr(start, what.find('"', start) - start);
      CHECK(echoed.size() % 3 == 0);  // whole characters only
      CHECK(echoed.size() <= 80 + 3);
      CHECK((n * 3 > 80) == (echoed.size() >= 3 && echoed.substr(echoed.size() - 3) == "..."));
    }
  }
}

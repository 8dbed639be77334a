// Core values: Money, Share, Date, hex/base64, errors. Valid and invalid input for each.
#include <catch2/catch.hpp>
#include <limits>

#include "county.h"
#include "taizhang/allocation.h"
#include "taizhang/bytes.h"
#include "taizhang/chinese.h"
#include "taizhang/date.h"
#include "taizhang/error.h"
#include "taizhang/key_algorithm.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

using namespace taizhang;
using taizhang::test::County;
using taizhang::test::error_of;

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

// --- the messages in Chinese ------------------------------------------------------------------

namespace {

// The Chinese message of the Error `f` throws, after checking that its English is there too.
template <typename F>
std::string chinese_of(F&& f, ErrorKind kind = ErrorKind::kInvalidInput) {
  const Error error = error_of(f);
  CHECK(error.kind() == kind);
  CHECK_FALSE(std::string(error.what()).empty());
  return error.chinese();
}

// Every value of an enumeration, 0 to `last`, has a Chinese name that is not its English key.
template <typename E, typename English>
void check_chinese_names(E last, English english) {
  for (std::uint16_t i = 0; i <= static_cast<std::uint16_t>(last); ++i) {
    const auto value = static_cast<E>(i);
    const std::string key(english(value));
    const std::string chinese(chinese_name(value));
    INFO(key << " -> " << chinese);
    CHECK(key != "unknown");
    CHECK_FALSE(chinese.empty());
    CHECK(chinese != key);
    CHECK(static_cast<unsigned char>(chinese[0]) >= 0x80);  // written in Chinese
  }
}

}  // namespace

TEST_CASE("Chinese: amounts in 元 and 万元 say which character is wrong and how to write them") {
  std::string zh = chinese_of([] { Money::parse_yuan("1,000", "original_value"); });
  CHECK_THAT(zh, Catch::Contains("金额须为以元为单位的数字") &&
                     Catch::Contains("第 2 位“,”不能出现") && Catch::Contains("不写千位分隔符") &&
                     Catch::Contains("（original_value：“1,000”）"));
  zh = chinese_of([] { Money::parse_wan_yuan("12万", "原值(万元)"); });
  CHECK_THAT(zh, Catch::Contains("以万元为单位") && Catch::Contains("第 3 位“万”不能出现"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("1.234", "rent"); }),
             Catch::Contains("以元为单位的金额最多 2 位小数（精确到分）"));
  CHECK_THAT(chinese_of([] { Money::parse_wan_yuan("1.2345678", "原值(万元)"); }),
             Catch::Contains("以万元为单位的金额最多 6 位小数"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("", "rent"); }),
             Catch::Contains("金额为空：请填写以元为单位的金额"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("12.", "rent"); }),
             Catch::Contains("小数点后须有数字"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan(".5", "rent"); }),
             Catch::Contains("小数点前须有数字"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("-", "rent"); }), Catch::Contains("金额中没有数字"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("1.2.3", "rent"); }),
             Catch::Contains("不止一个小数点"));
  CHECK_THAT(chinese_of([] { Money::parse_yuan("100000000000000000000000", "rent"); }),
             Catch::Contains("金额过大") && Catch::Contains("（元）"));
  const Money max = Money::from_fen(std::numeric_limits<std::int64_t>::max());
  CHECK_THAT(chinese_of([&] { (void)(max + Money::from_fen(1)); }),
             Catch::Contains("金额计算结果过大"));
}

TEST_CASE("Chinese: shares are fractions p/q or decimals, never above 1") {
  CHECK_THAT(chinese_of([] { Share::parse("4/3", "owners[0].share"); }),
             Catch::Contains("份额不能大于 1：分子 4 大于分母 3") &&
                 Catch::Contains("（owners[0].share：“4/3”）"));
  CHECK_THAT(chinese_of([] { Share::parse("1.5", "owners[0].share"); }),
             Catch::Contains("份额不能大于 1") && Catch::Contains("如 0.25 或 1/4"));
  CHECK_THAT(chinese_of([] { Share::parse("1/0", "owners[0].share"); }),
             Catch::Contains("份额的分母不能为 0"));
  CHECK_THAT(chinese_of([] { Share::parse("25%", "owners[0].share"); }),
             Catch::Contains("份额须写成分数“p/q”") && Catch::Contains("0.25"));
  CHECK_THAT(chinese_of([] { Share::parse("0.1234567890123456789", "owners[0].share"); }),
             Catch::Contains("份额的小数最多 18 位") && Catch::Contains("1/3"));
}

TEST_CASE("Chinese: dates say how many days the month has and how to write a date") {
  CHECK_THAT(chinese_of([] { Date::parse("2023-02-29", "completed"); }),
             Catch::Contains("2023 年 2 月只有 28 天") && Catch::Contains("这里是 29 日") &&
                 Catch::Contains("（completed：“2023-02-29”）"));
  CHECK_THAT(chinese_of([] { Date::parse("2024-04-31", "completed"); }),
             Catch::Contains("2024 年 4 月只有 30 天"));
  CHECK_THAT(chinese_of([] { Date::from_civil(2024, 2, 30, "month_end"); }),
             Catch::Contains("2024 年 2 月只有 29 天"));
  CHECK_THAT(chinese_of([] { Date::parse("2026/3/5", "completed"); }),
             Catch::Contains("日期须写成 YYYY-MM-DD") && Catch::Contains("如 2026-03-05"));
  CHECK_THAT(chinese_of([] { Date::parse("2026-13-01", "completed"); }),
             Catch::Contains("月份须在 01 到 12 之间，这里是 13 月"));
  CHECK_THAT(chinese_of([] { Date::parse("1899-12-31", "completed"); }),
             Catch::Contains("年份须在 1900 到 9999 之间"));
  CHECK_THAT(chinese_of([] { Date::at(std::int64_t{-100} * 365 * 86'400 * 1'000'000, 0); }),
             Catch::Contains("超出台账可记录的范围"));
  CHECK_THAT(chinese_of([] {
               Date::at(std::numeric_limits<std::int64_t>::max(), kCountyUtcOffsetSeconds);
             }),
             Catch::Contains("请检查这台电脑的日期、时间和时区设置"));
}

TEST_CASE("Chinese: hex, base64 and hashes name the character that is wrong") {
  CHECK_THAT(chinese_of([] { from_hex("abc", "root"); }),
             Catch::Contains("十六进制文本的位数须为偶数"));
  CHECK_THAT(chinese_of([] { from_hex("12zz", "root"); }),
             Catch::Contains("第 3 位“z”不是十六进制数字"));
  CHECK_THAT(
      chinese_of([] { from_base64("Zg=", "signature"); }),
      Catch::Contains("Base64 文本的长度须是 4 的倍数") && Catch::Contains("这里是 3 个字符"));
  CHECK_THAT(chinese_of([] { from_base64("Zm-v", "signature"); }),
             Catch::Contains("第 3 个字符“-”不合规范"));
  CHECK_THAT(chinese_of([] { from_base64("Zh==", "signature"); }), Catch::Contains("填充位不为零"));
  CHECK_THAT(
      chinese_of([] { to_hash(Bytes(31), "root"); }),
      Catch::Contains("哈希值（SHA-256）须恰好 32 个字节") && Catch::Contains("这里是 31 个字节"));
}

TEST_CASE("Chinese: an unknown word lists the words allowed, with their Chinese names") {
  std::string zh = chinese_of([] { parse_asset_status("used", "status"); });
  CHECK_THAT(zh, Catch::Contains("资产状态须为以下之一") && Catch::Contains("in_use（在用）") &&
                     Catch::Contains("、idle（闲置）") && Catch::Contains("disposed（已处置）") &&
                     Catch::Contains("（status：“used”）"));
  CHECK_THAT(
      chinese_of([] { parse_funding_source("central", "funding"); }),
      Catch::Contains("资金来源须为以下之一") && Catch::Contains("central_fiscal（中央财政）"));
  CHECK_THAT(chinese_of([] { parse_meeting("assembly", "meeting"); }),
             Catch::Contains("representatives_meeting（村民代表会议）"));
  CHECK_THAT(chinese_of([] { parse_disposal_trigger("flood", "trigger"); }),
             Catch::Contains("处置原因须为以下之一") && Catch::Contains("disaster（因灾损毁）"));
  CHECK_THAT(chinese_of([] { parse_disposal_method("mortgage", "method"); }),
             Catch::Contains("不得抵押、质押或用作担保"));
  CHECK_THAT(
      chinese_of([] { parse_depreciation_method("linear", "method"); }),
      Catch::Contains("折旧方法须为以下之一") && Catch::Contains("straight_line（年限平均法）"));
  CHECK_THAT(chinese_of([] { parse_depreciation_regime("enterprise", "regime"); }),
             Catch::Contains("government（政府会计准则）"));
  CHECK_THAT(chinese_of([] { parse_quantity_milli("3.1416", "quantity"); }),
             Catch::Contains("数量须为不带单位的半角数字，最多 3 位小数"));
  CHECK_THAT(
      chinese_of([] { parse_role("clerk", "role"); }),
      Catch::Contains("角色须为以下之一") && Catch::Contains("village_committee（村民委员会）"));
  CHECK_THAT(chinese_of([] { parse_key_algorithm("rsa", "algorithm"); }),
             Catch::Contains("密钥算法须为 ed25519 或 sm2-sm3"));
  CHECK_THAT(
      chinese_of([] { check_public_key(KeyAlgorithm::kEd25519, Bytes(31), "public_key"); }),
      Catch::Contains("Ed25519 公钥须恰好 32 个字节") && Catch::Contains("这里是 31 个字节"));
  CHECK_THAT(chinese_of([] { check_public_key(KeyAlgorithm::kSm2Sm3, Bytes(65), "public_key"); }),
             Catch::Contains("还不能校验 SM2 签名"));
}

TEST_CASE("Chinese names: every value of each enumeration has one, not its English key") {
  auto name = [](auto value) { return name_of(value); };
  check_chinese_names(PartyKind::kSupervisionCommittee, name);
  check_chinese_names(AssetClass::kHousehold, name);
  check_chinese_names(AssetForm::kUseRight, name);
  check_chinese_names(AssetCategory::kRelocationShop, name);
  check_chinese_names(AssetStatus::kDisposed, name);
  check_chinese_names(FundingSource::kOther, name);
  check_chinese_names(RightKind::kManagement, name);
  check_chinese_names(OperationMode::kLeased, name);
  check_chinese_names(MaintenanceMode::kSectorDepartment, name);
  check_chinese_names(Condition::kUnusable, name);
  check_chinese_names(ValueChangeKind::kAppraisal, name);
  check_chinese_names(DisposalTrigger::kOther, name);
  check_chinese_names(DisposalMethod::kOwnershipCorrection, name);
  check_chinese_names(DisposalStepKind::kGovernmentApproval, name);
  check_chinese_names(Disposal::State::kExecuted, name);
  check_chinese_names(ChainOwner::kCooperative, name);
  check_chinese_names(ThresholdBasis::kBook, name);
  check_chinese_names(PlanOwner::kState, name);
  check_chinese_names(Meeting::kMembersAssembly, name);
  check_chinese_names(ResolutionSubject::kOperationContract, name);
  check_chinese_names(NoticeSubject::kOperationContract, name);
  check_chinese_names(IncomeKind::kOther, name);
  check_chinese_names(PartDisposition::kTreasury, name);
  check_chinese_names(OwnershipLevel::kMixed, name);
  check_chinese_names(static_cast<Role>(kRoleMax), [](Role r) { return role_name(r); });
  check_chinese_names(DepreciationMethod::kUnitsOfProduction,
                      [](DepreciationMethod m) { return depreciation_method_name(m); });
  check_chinese_names(DepreciationRegime::kCollective, [](DepreciationRegime r) {
    return std::string(r == DepreciationRegime::kGovernment ? "government" : "collective");
  });
  // The purposes of income: the default allowed and prohibited ones; a county's own keeps its key.
  for (const auto* list : {&default_purposes().allowed, &default_purposes().prohibited}) {
    for (const std::string& purpose : *list) {
      INFO(purpose);
      CHECK(chinese_purpose(purpose) != purpose);
      CHECK(static_cast<unsigned char>(chinese_purpose(purpose)[0]) >= 0x80);
    }
  }
  CHECK(chinese_purpose("banquets") == "banquets");
  CHECK(chinese_purpose("collective_economy") == "发展壮大村集体经济");
}

TEST_CASE("Chinese: the registry's refusals name the actor, the asset and the policy version") {
  County county;
  // Entry bodies: a name left empty, a control character, an amount beyond 90 亿元.
  PartyRegistered nameless;
  nameless.kind = PartyKind::kVillageCollective;
  nameless.division = test::kVillageA1;
  CHECK_THAT(chinese_of([&] { county.submit(1, nameless); }),
             Catch::Contains("名称不能为空") && Catch::Contains("（name：“”）"));
  nameless.name = "A1村\n合作社";
  CHECK_THAT(chinese_of([&] { county.submit(1, nameless); }),
             Catch::Contains("名称含有换行符、制表符等控制字符"));
  AssetRegistered huge = county.asset(AssetClass::kOperating, test::kVillageA1,
                                      {{county.collective_a1, Share::of(1, 1)}}, "9000000000.01");
  CHECK_THAT(
      chinese_of([&] { county.submit(1, huge, "2026-01-10"); }),
      Catch::Contains("原值 9000000000.01 元超出台账的上限") && Catch::Contains("最多 90 亿元"));
  MaintenanceBound unnamed;
  unnamed.party = county.collective_a1;
  unnamed.person = "王五";
  unnamed.from = Date::parse("2026-01-10");
  CHECK_THAT(chinese_of([&] { county.submit(1, unnamed, "2026-01-10"); }),
             Catch::Contains("没有指明管护的是哪项资产"));

  // Assets and policy versions that are not there.
  const AssetRegistered greenhouse = county.asset(AssetClass::kOperating, test::kVillageA1,
                                                  {{county.collective_a1, Share::of(1, 1)}});
  const std::uint64_t id = county.submit(1, greenhouse, "2026-01-10");
  CHECK_THAT(chinese_of([&] { county.registry.get_asset(id + 1000); }, ErrorKind::kNotFound),
             Catch::Contains("台账中没有内部编号为 " + std::to_string(id + 1000) + " 的资产"));
  CHECK_THAT(
      chinese_of([&] { county.registry.asset_as_of_date(id, Date::parse("2025-12-31")); },
                 ErrorKind::kNotFound),
      Catch::Contains("截至 2025-12-31，内部编号为 " + std::to_string(id) + " 的资产还没有登记"));
  CHECK_THAT(chinese_of([&] { county.registry.policy(99); }, ErrorKind::kNotFound),
             Catch::Contains("台账中没有第 99 版政策设置"));

  // Requests: unsigned, and two actors in one submission.
  const RegistryRequest unsigned_request{
      {1, Date::parse("2026-01-10"), {}, nullptr}, DivisionDefined{}, {}};
  CHECK_THAT(
      chinese_of([&] { county.registry.submit(unsigned_request); }, ErrorKind::kUnauthorized),
      Catch::Contains("人员 1 的这次提交没有签名"));
  const std::uint64_t township = county.actors.at("township A");
  const RegistryRequest two[] = {
      {{1, Date::parse("2026-01-10"), {}, &test::actor_key(1)},
       AssetStatusChanged{id, AssetStatus::kIdle, "无人承租"},
       {}},
      {{township, Date::parse("2026-01-10"), {}, &test::actor_key(township)},
       AssetStatusChanged{id, AssetStatus::kInUse, "已承租"},
       {}}};
  CHECK_THAT(chinese_of([&] { county.registry.submit(two); }),
             Catch::Contains("一并提交的各项登记须由同一经办人员办理：第一项是人员 1 办理的，"
                             "这一项却是人员 " +
                             std::to_string(township) + " 的"));

  // The identity key and a register opened for a township.
  CHECK_THAT(chinese_of([] { IdentityKey::from_bytes(Bytes(31)); }),
             Catch::Contains("身份证号码密钥须恰好 32 个字节，这里是 31 个字节"));
  test::ScratchDir dir;
  const RegisterInfo township_register{test::kTownA, "永靖镇", "taizhang.example/520122101"};
  CHECK_THAT(chinese_of([&] {
               Registry::create(dir.path() + "/reg", township_register,
                                test::test_key(township_register.origin, 1),
                                test::actor_key(1).verifier().public_key(), test::test_options());
             }),
             Catch::Contains("台账须按县建立") && Catch::Contains(test::kTownA));
}

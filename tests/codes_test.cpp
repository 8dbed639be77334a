// Division codes, unified social credit codes, identity numbers: valid and invalid.
#include "taizhang/codes.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "taizhang/error.h"

using namespace taizhang;

TEST_CASE("division codes: structure, ranges and levels") {
  for (const char* code :
       {"520000000000", "520100000000", "520122000000", "520122001000", "520122101000",
        "520122201000", "520122599000", "520122101001", "520122101201", "520122101399",
        "110101001001",
        // Villagers' committees numbered 500 and 501 exist (榕江县), and
        // township parts above 599: every part 001-999 is accepted.
        "522632100500", "522632100501", "520122999999", "520122600000", "520122101400"}) {
    INFO(code);
    CHECK_NOTHROW(check_division_code(code));
  }
  CHECK(division_level("520122000000") == DivisionLevel::kCounty);
  CHECK(division_level("520122101000") == DivisionLevel::kTownship);
  CHECK(division_level("520122101201") == DivisionLevel::kVillage);
  CHECK(division_prefix("520122101000") == "520122101");
  CHECK(division_contains("520122000000", "520122101201"));
  CHECK(division_contains("520122101000", "520122101201"));
  CHECK(division_contains("520122101201", "520122101201"));
  CHECK_FALSE(division_contains("520122101000", "520122102201"));
  CHECK_FALSE(division_contains("520122101201", "520122101202"));
  CHECK_FALSE(division_contains("520122000000", "520123101201"));
}

TEST_CASE("division codes that cannot exist are refused by field and value") {
  for (const char* code :
       {"52012210120", "5201221012011", "52012210120a", "990122101201", "000000000000",
        "520122000201", "520100101000", "520022000000", "52012210120 "}) {
    INFO(code);
    try {
      check_division_code(code, "location");
      FAIL("accepted " << code);
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kInvalidInput);
      CHECK_THAT(error.what(), Catch::Contains("location") && Catch::Contains(code));
    }
  }
}

TEST_CASE("the division table loads from CSV and names every bad row") {
  const auto rows = parse_division_csv(
      "\xEF\xBB\xBF"
      "code,name,valid_from,valid_until\r\n"
      "520122000000,息烽县,1996-01-01,\r\n"
      "520122101000,\"永靖镇, old\",1996-01-01,2015-12-31\r\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "息烽县");
  CHECK_FALSE(rows[0].valid_until.has_value());
  CHECK(rows[1].name == "永靖镇, old");
  CHECK(rows[1].valid_until->to_string() == "2015-12-31");
  const char* bad[] = {"",
                       "code,name\n",
                       "code,name,valid_from,valid_until\n52012200000,x,2000-01-01,\n",
                       "code,name,valid_from,valid_until\n520122000000,x,2000-02-30,\n",
                       "code,name,valid_from,valid_until\n520122000000,x,2000-01-01,1999-01-01\n",
                       "code,name,valid_from,valid_until\n520122000000,,2000-01-01,\n",
                       "code,name,valid_from,valid_until\n520122000000,x,2000-01-01\n"};
  for (const char* text : bad) {
    INFO(text);
    CHECK_THROWS_AS(parse_division_csv(text), Error);
  }
  try {
    parse_division_csv(
        "code,name,valid_from,valid_until\n520122000000,a,2000-01-01,\n"
        "520122101000,b,2000-13-01,\n");
    FAIL("accepted month 13");
  } catch (const Error& error) {
    CHECK_THAT(error.what(), Catch::Contains("row 3 column valid_from"));
  }
}

TEST_CASE("unified social credit codes: published examples and every single-character change") {
  for (const char* code : {"91350100M000100Y43", "91110000600037341L", "91440300708461136T"}) {
    INFO(code);
    CHECK_NOTHROW(check_credit_code(code));
    std::string mutated = code;
    for (std::size_t i = 0; i < 18; ++i) {
      const char original = mutated[i];
      mutated[i] = original == '0' ? '1' : '0';
      CHECK_THROWS_AS(check_credit_code(mutated), Error);
      mutated[i] = original;
    }
  }
  for (const char* bad : {"91350100M000100Y4", "91350100M000100Y433", "91350100m000100Y43",
                          "91350100I000100Y43", "91350100M000100Y44"}) {
    INFO(bad);
    CHECK_THROWS_AS(check_credit_code(bad, "credit_code"), Error);
  }
}

TEST_CASE("identity numbers: check character and date of birth, never echoed whole") {
  const std::string first17 = "52012219800101001";
  const std::string valid = first17 + identity_check_character(first17);
  CHECK_NOTHROW(check_identity_number(valid));
  std::string wrong = valid;
  wrong[17] = wrong[17] == '0' ? '1' : '0';
  try {
    check_identity_number(wrong, "householder_id");
    FAIL("accepted a wrong check character");
  } catch (const Error& error) {
    CHECK_THAT(error.what(), Catch::Contains("householder_id"));
    CHECK_THAT(error.what(), !Catch::Contains(first17));  // redacted
  }
  const std::string bad_date = "52012219800230001";
  CHECK_THROWS_AS(check_identity_number(bad_date + identity_check_character(bad_date)), Error);
  CHECK_THROWS_AS(check_identity_number("5201221980010100"), Error);
}

// --- the messages in Chinese: which digit or character is wrong, what a right code looks like --

namespace {

std::string chinese_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kInvalidInput);
    return error.chinese();
  }
  FAIL("expected an error");
  return "";
}

}  // namespace

TEST_CASE("Chinese: a division code says which part is wrong and what a right one looks like") {
  std::string zh = chinese_of([] { check_division_code("52012210120", "location"); });
  CHECK_THAT(zh, Catch::Contains("区划代码须为 12 位半角数字：省 2 位、市 2 位、县 2 位、乡镇 3 "
                                 "位、村 3 位") &&
                     Catch::Contains("520122101201") && Catch::Contains("这里是 11 位") &&
                     Catch::Contains("（location：“52012210120”）"));
  CHECK_THAT(chinese_of([] { check_division_code("52012210120a", "location"); }),
             Catch::Contains("第 12 位“a”不是半角数字"));
  CHECK_THAT(chinese_of([] { check_division_code("52012210120 ", "location"); }),
             Catch::Contains("第 12 位空格不是半角数字"));
  // Full-width digits, as a Chinese input method types them: the first is named, not the bytes.
  CHECK_THAT(chinese_of([] { check_division_code("５２0122101201", "location"); }),
             Catch::Contains("第 1 位“５”不是半角数字"));
  CHECK_THAT(chinese_of([] { check_division_code("990122101201", "location"); }),
             Catch::Contains("前 2 位“99”不是省级代码"));
  CHECK_THAT(chinese_of([] { check_division_code("520022000000", "location"); }),
             Catch::Contains("市级部分（第 3–4 位）是 00") && Catch::Contains("县须属于一个市"));
  CHECK_THAT(chinese_of([] { check_division_code("520100101000", "location"); }),
             Catch::Contains("县级部分（第 5–6 位）是 00") && Catch::Contains("乡镇须属于一个县"));
  CHECK_THAT(chinese_of([] { check_division_code("520122000201", "location"); }),
             Catch::Contains("乡镇部分（第 7–9 位）是 000") && Catch::Contains("村须属于一个乡镇"));
}

TEST_CASE("Chinese: the division table names its row, the code and the dates") {
  const std::string header = "code,name,valid_from,valid_until\n";
  CHECK_THAT(chinese_of([] { parse_division_csv("代码,名称,启用,停用\n"); }),
             Catch::Contains("行政区划表第 1 行应是表头") &&
                 Catch::Contains("code,name,valid_from,valid_until"));
  CHECK_THAT(chinese_of([&] { parse_division_csv(header + "520122000000,x,2000-01-01\n"); }),
             Catch::Contains("行政区划表第 2 行须有 4 列") && Catch::Contains("这里是 3 列"));
  CHECK_THAT(chinese_of([&] { parse_division_csv(header + "520122000000,,2000-01-01,\n"); }),
             Catch::Contains("行政区划表第 2 行（区划代码 520122000000）的名称为空"));
  CHECK_THAT(
      chinese_of([&] { parse_division_csv(header + "520122000000,x,2000-01-01,1999-01-01\n"); }),
      Catch::Contains("停用日期 1999-01-01 早于启用日期 2000-01-01"));
  CHECK_THAT(chinese_of([] { parse_division_csv(""); }), Catch::Contains("行政区划表是空的"));
  // A bad cell reads as the code or the date would anywhere, naming the row's column.
  CHECK_THAT(chinese_of([&] { parse_division_csv(header + "520122000000,x,2000-02-30,\n"); }),
             Catch::Contains("2000 年 2 月只有 29 天") &&
                 Catch::Contains("（row 2 column valid_from：“2000-02-30”）"));
}

TEST_CASE("Chinese: a credit code names the wrong character and the check character it needs") {
  CHECK_THAT(chinese_of([] { check_credit_code("91350100M000100Y4", "credit_code"); }),
             Catch::Contains("统一社会信用代码为 18 位") && Catch::Contains("这里是 17 位"));
  CHECK_THAT(chinese_of([] { check_credit_code("91350100m000100Y43", "credit_code"); }),
             Catch::Contains("第 9 位“m”是小写字母：请改为大写"));
  CHECK_THAT(chinese_of([] { check_credit_code("91350100I000100Y43", "credit_code"); }),
             Catch::Contains("第 9 位“I”不会出现在信用代码中：可能是把“1”抄成了“I”"));
  // Eighteen characters, one of them Chinese: the character is named, not its byte count.
  CHECK_THAT(chinese_of([] { check_credit_code("91350100M000100Y4号", "credit_code"); }),
             Catch::Contains("第 18 位“号”不是半角数字或大写字母"));
  const std::string zh = chinese_of([] { check_credit_code("91350100M000100Y44", "credit_code"); });
  CHECK_THAT(zh, Catch::Contains("第 18 位是校验码，按前 17 位算应为“3”，这里是“4”") &&
                     Catch::Contains("（credit_code：“91350100M000100Y44”）"));
}

TEST_CASE("Chinese: an identity number says what is wrong without showing the number") {
  const std::string first17 = "52012219800101001";
  std::string wrong = first17 + identity_check_character(first17);
  wrong[17] = wrong[17] == '0' ? '1' : '0';
  std::string zh = chinese_of([&] { check_identity_number(wrong, "householder_id"); });
  CHECK_THAT(zh, Catch::Contains("身份证号码最后一位（校验码）与前 17 位不符"));
  CHECK_THAT(zh, !Catch::Contains(first17) && !Catch::Contains("19800101"));
  const std::string bad_date = "52012219800230001";
  zh = chinese_of(
      [&] { check_identity_number(bad_date + identity_check_character(bad_date), "id"); });
  CHECK_THAT(zh, Catch::Contains("出生日期不是一个存在的日期") && !Catch::Contains("0230"));
  CHECK_THAT(chinese_of([] { check_identity_number("5201221980010100", "id"); }),
             Catch::Contains("身份证号码须为 18 位") && Catch::Contains("这里是 16 位"));
  CHECK_THAT(chinese_of([] { check_identity_number("520122198001O10011", "id"); }),
             Catch::Contains("第 13 位不是半角数字"));
  // A number whose check character is X, typed with a small x.
  std::string with_x;
  for (int n = 0; with_x.empty(); ++n) {
    const std::string digits = "5201221980010" + std::to_string(1000 + n);
    if (identity_check_character(digits) == 'X') with_x = digits + "x";
  }
  zh = chinese_of([&] { check_identity_number(with_x, "id"); });
  CHECK_THAT(zh, Catch::Contains("最后一位是小写 x：请改为大写 X") &&
                     !Catch::Contains(with_x.substr(0, 14)));
}

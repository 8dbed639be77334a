// Division codes, unified social credit codes, identity numbers: valid and invalid.
#include "taizhang/codes.h"

#include <catch2/catch.hpp>

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

// Codes the register validates: administrative division codes (区划代码), unified social credit
// codes (统一社会信用代码), and resident identity numbers (身份证号码, validated then only ever
// stored as a keyed hash).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.h"
#include "taizhang/export.h"

namespace taizhang {

// The level a 12-digit division code names.
enum class DivisionLevel { kProvince, kCity, kCounty, kTownship, kVillage };

// Checks the structure of a division code: 12 digits; province 2 (a real province code), city 2,
// county 2, township 3 and village 3 (any of 001–999: real tables do not keep the national
// conventions, so no kind is inferred from the number); a level may be non-zero only if every
// level above it is. Throws InvalidInput naming `field` and the code.
TAIZHANG_EXPORT void check_division_code(std::string_view code,
                                         std::string_view field = "division");
TAIZHANG_EXPORT DivisionLevel division_level(std::string_view code);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF): every text the register stores is.
TAIZHANG_EXPORT bool is_valid_utf8(std::string_view text);
// The digits that name the division: "520122" for a county, "520122101" for a township.
TAIZHANG_EXPORT std::string_view division_prefix(std::string_view code);
// True when `inner` lies within `outer` (a division contains itself).
TAIZHANG_EXPORT bool division_contains(std::string_view outer, std::string_view inner);

// One row of the versioned division table.
struct Division {
  std::string code;
  std::string name;
  Date valid_from;
  std::optional<Date> valid_until;  // none while in force
};

// Parses a CSV of "code,name,valid_from,valid_until" (a header row with those names first; an
// empty valid_until means in force). Every bad row is refused with InvalidInput naming the row,
// the column and the value.
TAIZHANG_EXPORT std::vector<Division> parse_division_csv(std::string_view text);

// Checks an 18-character unified social credit code and its check character (GB 32100-2015).
TAIZHANG_EXPORT void check_credit_code(std::string_view code,
                                       std::string_view field = "credit_code");
// The check character for the first 17 characters of a credit code.
TAIZHANG_EXPORT char credit_code_check_character(std::string_view first17);

// Checks an 18-character resident identity number: a date of birth that exists and its
// ISO 7064 MOD 11-2 check character (GB 11643-1999).
TAIZHANG_EXPORT void check_identity_number(std::string_view number,
                                           std::string_view field = "identity_number");
TAIZHANG_EXPORT char identity_check_character(std::string_view first17);

}  // namespace taizhang

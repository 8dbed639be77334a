// Division codes, unified social credit codes, identity numbers.
#include "taizhang/codes.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "taizhang/error.h"

namespace taizhang {
namespace {

// Province-level codes in use (GB/T 2260): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82.
bool is_province(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

int digits_at(std::string_view code, std::size_t at, std::size_t length) {
  int value = 0;
  for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (code[i] - '0');
  return value;
}

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Splits one CSV line on commas; fields may be double-quoted with "" for a quote.
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

void check_division_code(std::string_view code, std::string_view field) {
  if (code.size() != 12 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw_invalid(field, code, "a division code is exactly 12 digits");
  }
  const int province = digits_at(code, 0, 2);
  const int city = digits_at(code, 2, 2);
  const int county = digits_at(code, 4, 2);
  const int township = digits_at(code, 6, 3);
  const int village = digits_at(code, 9, 3);
  if (!is_province(province))
    throw_invalid(field, code, "no province has code " + std::string(code.substr(0, 2)));
  if (city == 0 && county != 0) throw_invalid(field, code, "a county needs a city level");
  if (county == 0 && township != 0) throw_invalid(field, code, "a township needs a county level");
  if (township == 0 && village != 0) throw_invalid(field, code, "a village needs a township level");
  // Township and village parts run 001-999 (real tables have villagers' committees coded 500 and
  // 501): no range beyond that, and no kind inferred from the number.
}

DivisionLevel division_level(std::string_view code) {
  if (code.substr(9, 3) != "000") return DivisionLevel::kVillage;
  if (code.substr(6, 3) != "000") return DivisionLevel::kTownship;
  if (code.substr(4, 2) != "00") return DivisionLevel::kCounty;
  if (code.substr(2, 2) != "00") return DivisionLevel::kCity;
  return DivisionLevel::kProvince;
}

std::string_view division_prefix(std::string_view code) {
  switch (division_level(code)) {
    case DivisionLevel::kProvince:
      return code.substr(0, 2);
    case DivisionLevel::kCity:
      return code.substr(0, 4);
    case DivisionLevel::kCounty:
      return code.substr(0, 6);
    case DivisionLevel::kTownship:
      return code.substr(0, 9);
    case DivisionLevel::kVillage:
      return code;
  }
  return code;
}

bool division_contains(std::string_view outer, std::string_view inner) {
  return inner.size() == 12 && inner.starts_with(division_prefix(outer));
}

std::vector<Division> parse_division_csv(std::string_view text) {
  std::vector<Division> rows;
  std::size_t line_number = 0;
  bool header_seen = false;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_csv_line(line);
    const std::string row = "row " + std::to_string(line_number);
    if (!header_seen) {
      const std::vector<std::string> expected = {"code", "name", "valid_from", "valid_until"};
      if (fields != expected) {
        throw_invalid(row, line, "the header must be code,name,valid_from,valid_until");
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != 4) throw_invalid(row, line, "expected 4 columns");
    Division division;
    division.code = fields[0];
    check_division_code(division.code, row + " column code");
    division.name = fields[1];
    if (division.name.empty()) throw_invalid(row + " column name", "", "may not be empty");
    division.valid_from = Date::parse(fields[2], row + " column valid_from");
    if (!fields[3].empty()) {
      division.valid_until = Date::parse(fields[3], row + " column valid_until");
      if (*division.valid_until < division.valid_from) {
        throw_invalid(row + " column valid_until", fields[3], "before valid_from");
      }
    }
    rows.push_back(std::move(division));
  }
  if (!header_seen) throw_invalid("division table", "", "the CSV is empty");
  return rows;
}

char credit_code_check_character(std::string_view first17) {
  int sum = 0;
  int weight = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kCreditAlphabet.find(first17[i])) * weight;
    weight = weight * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  return kCreditAlphabet[static_cast<std::size_t>(check)];
}

void check_credit_code(std::string_view code, std::string_view field) {
  if (code.size() != 18) throw_invalid(field, code, "a credit code has 18 characters");
  for (char c : code) {
    if (kCreditAlphabet.find(c) == std::string_view::npos) {
      throw_invalid(field, code, "characters are 0-9 and capital letters other than I, O, Z, S, V");
    }
  }
  const char expected = credit_code_check_character(code.substr(0, 17));
  if (code[17] != expected) {
    throw_invalid(field, code, std::string("check character should be ") + expected);
  }
}

char identity_check_character(std::string_view first17) {
  constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  constexpr std::string_view kChecks = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kChecks[static_cast<std::size_t>(sum % 11)];
}

void check_identity_number(std::string_view number, std::string_view field) {
  // Never echo an identity number into an error message: it would end up in logs.
  const std::string redacted =
      number.size() >= 4 ? "..." + std::string(number.substr(number.size() - 4)) : "...";
  bool shape = number.size() == 18;
  for (std::size_t i = 0; shape && i < 17; ++i) shape = number[i] >= '0' && number[i] <= '9';
  if (!shape || !((number[17] >= '0' && number[17] <= '9') || number[17] == 'X')) {
    throw_invalid(field, redacted, "an identity number is 17 digits and a digit or X");
  }
  const std::string birth = std::string(number.substr(6, 4)) + "-" +
                            std::string(number.substr(10, 2)) + "-" +
                            std::string(number.substr(12, 2));
  try {
    Date::parse(birth);
  } catch (const Error&) {
    throw_invalid(field, redacted, "the date of birth in it does not exist");
  }
  if (number[17] != identity_check_character(number.substr(0, 17))) {
    throw_invalid(field, redacted, "its check character does not match");
  }
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace taizhang

// Division codes, unified social credit codes, identity numbers.
#include "taizhang/codes.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/characters.h"
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
  const auto not_digit =
      std::find_if(code.begin(), code.end(), [](char c) { return c < '0' || c > '9'; });
  if (code.size() != 12 || not_digit != code.end()) {
    constexpr std::string_view kShape =
        "区划代码须为 12 位半角数字：省 2 位、市 2 位、县 2 位、乡镇 3 位、村 3 位"
        "（如村级 520122101201，乡镇级 520122101000，县级 520122000000）";
    const auto at = static_cast<std::size_t>(not_digit - code.begin());
    throw_invalid(field, code, "a division code is exactly 12 digits",
                  std::string(kShape) +
                      (not_digit != code.end()
                           ? "，第 " + std::to_string(internal::character_position(code, at)) +
                                 " 位" + internal::quoted_character(code, at) + "不是半角数字"
                           : "，这里是 " + std::to_string(code.size()) + " 位"));
  }
  const int province = digits_at(code, 0, 2);
  const int city = digits_at(code, 2, 2);
  const int county = digits_at(code, 4, 2);
  const int township = digits_at(code, 6, 3);
  const int village = digits_at(code, 9, 3);
  if (!is_province(province)) {
    throw_invalid(field, code, "no province has code " + std::string(code.substr(0, 2)),
                  "区划代码的前 2 位“" + std::string(code.substr(0, 2)) +
                      "”不是省级代码（省级代码如 11 北京、52 贵州、53 云南）：请核对区划代码");
  }
  if (city == 0 && county != 0) {
    throw_invalid(field, code, "a county needs a city level",
                  "区划代码的市级部分（第 3–4 位）是 00，县级部分（第 5–6 位）却不是 00："
                  "县须属于一个市，请核对区划代码");
  }
  if (county == 0 && township != 0) {
    throw_invalid(field, code, "a township needs a county level",
                  "区划代码的县级部分（第 5–6 位）是 00，乡镇部分（第 7–9 位）却不是 000："
                  "乡镇须属于一个县，请核对区划代码");
  }
  if (township == 0 && village != 0) {
    throw_invalid(field, code, "a village needs a township level",
                  "区划代码的乡镇部分（第 7–9 位）是 000，村级部分（第 10–12 位）却不是 000："
                  "村须属于一个乡镇，请核对区划代码");
  }
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
    const std::string row_zh = "行政区划表第 " + std::to_string(line_number) + " 行";
    if (!header_seen) {
      const std::vector<std::string> expected = {"code", "name", "valid_from", "valid_until"};
      if (fields != expected) {
        throw_invalid(row, line, "the header must be code,name,valid_from,valid_until",
                      row_zh +
                          "应是表头，须为“code,name,valid_from,valid_until”（区划代码、名称、"
                          "启用日期、停用日期），请勿改动表头");
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != 4) {
      throw_invalid(row, line, "expected 4 columns",
                    row_zh +
                        "须有 4 列（区划代码、名称、启用日期、停用日期，停用日期可空），这里是 " +
                        std::to_string(fields.size()) + " 列：名称中有逗号时请用英文双引号括起");
    }
    Division division;
    division.code = fields[0];
    check_division_code(division.code, row + " column code");
    division.name = fields[1];
    if (division.name.empty()) {
      throw_invalid(row + " column name", "", "may not be empty",
                    row_zh + "（区划代码 " + division.code + "）的名称为空：请填写区划名称");
    }
    division.valid_from = Date::parse(fields[2], row + " column valid_from");
    if (!fields[3].empty()) {
      division.valid_until = Date::parse(fields[3], row + " column valid_until");
      if (*division.valid_until < division.valid_from) {
        throw_invalid(row + " column valid_until", fields[3], "before valid_from",
                      row_zh + "（区划代码 " + division.code + "）的停用日期 " +
                          division.valid_until->to_string() + " 早于启用日期 " +
                          division.valid_from.to_string());
      }
    }
    rows.push_back(std::move(division));
  }
  if (!header_seen) {
    throw_invalid("division table", "", "the CSV is empty",
                  "行政区划表是空的：须有表头“code,name,valid_from,valid_until”和各区划的行");
  }
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
  constexpr std::string_view kShape =
      "统一社会信用代码为 18 位，由半角数字 0–9 和大写字母组成（不用 I、O、Z、S、V），"
      "如 91520122MA6DM1XX2T";
  const auto wrong = std::find_if(code.begin(), code.end(), [](char c) {
    return kCreditAlphabet.find(c) == std::string_view::npos;
  });
  // "，第 9 位“m”是小写字母：请改为大写": the first character that cannot be in a credit code.
  auto wrong_zh = [&] {
    const auto at = static_cast<std::size_t>(wrong - code.begin());
    const char c = *wrong;
    std::string hint = "不是半角数字或大写字母";
    if (c >= 'a' && c <= 'z') {
      hint = "是小写字母：请改为大写";
    } else if (c == 'I' || c == 'O' || c == 'Z' || c == 'S' || c == 'V') {
      const char* digit = c == 'I' ? "1" : c == 'O' ? "0" : c == 'Z' ? "2" : c == 'S' ? "5" : "U";
      hint = std::string("不会出现在信用代码中：可能是把“") + digit + "”抄成了“" + c + "”";
    }
    return "，第 " + std::to_string(internal::character_position(code, at)) + " 位" +
           internal::quoted_character(code, at) + hint;
  };
  if (code.size() != 18) {
    const std::size_t characters = internal::character_count(code);
    throw_invalid(field, code, "a credit code has 18 characters",
                  std::string(kShape) + (characters == 18 && wrong != code.end()
                                             ? wrong_zh()
                                             : "，这里是 " + std::to_string(characters) +
                                                   " 位：请对照营业执照或登记证书核对"));
  }
  if (wrong != code.end()) {
    throw_invalid(field, code, "characters are 0-9 and capital letters other than I, O, Z, S, V",
                  std::string(kShape) + wrong_zh());
  }
  const char expected = credit_code_check_character(code.substr(0, 17));
  if (code[17] != expected) {
    throw_invalid(field, code, std::string("check character should be ") + expected,
                  std::string("统一社会信用代码的第 18 位是校验码，按前 17 位算应为“") + expected +
                      "”，这里是“" + code[17] +
                      "”：前 17 位中很可能有抄错或颠倒的字符，请对照营业执照核对整个代码");
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
    std::size_t at = 0;
    while (at < number.size() && at < 17 && number[at] >= '0' && number[at] <= '9') ++at;
    std::string why;
    if (at < number.size() && at < 17 &&
        (number.size() == 18 || internal::character_count(number) == 18)) {
      why = "，第 " + std::to_string(internal::character_position(number, at)) + " 位不是半角数字";
    } else if (number.size() != 18 && internal::character_count(number) == 18) {
      why = "，最后一位不是半角数字或大写 X";
    } else if (number.size() != 18) {
      why = "，这里是 " + std::to_string(internal::character_count(number)) + " 位";
    } else if (number[17] == 'x') {
      why = "，最后一位是小写 x：请改为大写 X";
    } else {
      why = "，最后一位须是数字或大写 X";
    }
    // Neither the number nor any digit of it is shown: only how many and where.
    throw_invalid(field, redacted, "an identity number is 17 digits and a digit or X",
                  "身份证号码须为 18 位：前 17 位是数字，最后一位是数字或大写 X" + why);
  }
  const std::string birth = std::string(number.substr(6, 4)) + "-" +
                            std::string(number.substr(10, 2)) + "-" +
                            std::string(number.substr(12, 2));
  try {
    Date::parse(birth);
  } catch (const Error&) {
    throw_invalid(field, redacted, "the date of birth in it does not exist",
                  "身份证号码第 7–14 位的出生日期不是一个存在的日期：请核对号码是否抄错");
  }
  if (number[17] != identity_check_character(number.substr(0, 17))) {
    throw_invalid(field, redacted, "its check character does not match",
                  "身份证号码最后一位（校验码）与前 17 位不符：号码中很可能有抄错或颠倒的数字，"
                  "请对照身份证或户口簿核对");
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

// What the sheet readers share (spreadsheet.cpp, people_sheets.cpp): cell text, headers, dates,
// party references, and the layout of a simple table found below its title rows.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.h"
#include "taizhang/error.h"
#include "taizhang/spreadsheet.h"

namespace taizhang::sheet {

// Without spaces, tabs and full-width spaces at either end.
std::string trim(std::string_view text);
// The sheet column a refusal of the register's rules names: its field ("status: ...",
// "until: ...") as the column a clerk filled in (使用状态, 期间止), or empty when the field is
// not one a sheet has.
std::string column_of_refusal(const Error& error);
// A share as counties write it ("3/5", "0.6", "60%", "6%") as Share::parse reads it.
std::string percent_share_text(std::string_view text);
// A header as it is matched: trimmed, full-width parentheses as ASCII ones.
std::string normal_header(std::string_view header);
// 2021-06-30, 2021/6/30 or 2021年6月30日.
Date parse_sheet_date(std::string_view text, std::string_view field);
// An amount as Excel shows it: "1,283,600.00" as "1283600.00" (separators in their places only).
std::string without_thousands(std::string_view text);

// Parties by name (when unique), credit code or #id.
class PartyIndex {
 public:
  explicit PartyIndex(const std::vector<Party>& parties) {
    for (const Party& p : parties) {
      ids_.insert(p.id);
      if (!p.data.credit_code.empty()) by_code_[p.data.credit_code] = p.id;
      auto [it, fresh] = by_name_.emplace(p.data.name, p.id);
      if (!fresh) it->second = 0;  // ambiguous
    }
  }
  std::uint64_t find(const std::string& reference, std::string_view field) const {
    if (!reference.empty() && reference[0] == '#') {
      const std::string digits = reference.substr(1);
      if (!digits.empty() && digits.size() < 19 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const std::uint64_t id = std::stoull(digits);
        if (ids_.count(id) != 0) return id;
      }
      throw_invalid(field, reference, "没有此记录号的主体 (no party with that id)");
    }
    if (const auto it = by_code_.find(reference); it != by_code_.end()) return it->second;
    const auto it = by_name_.find(reference);
    if (it == by_name_.end()) {
      throw_invalid(
          field, reference,
          "主体表中没有此名称或信用代码的主体，请先用 taizhang parties 登记 (no such party)");
    }
    if (it->second == 0) {
      throw_invalid(
          field, reference,
          "多个主体同名，请填统一社会信用代码或 #记录号 (several parties have that name)");
    }
    return it->second;
  }
  // The party a reference names, or none when it names no party of the register (a payer
  // outside it, written in words); a name several parties share is still refused.
  std::optional<std::uint64_t> find_if_registered(const std::string& reference,
                                                  std::string_view field) const {
    const bool known = (!reference.empty() && reference[0] == '#') ||
                       by_code_.count(reference) != 0 || by_name_.count(reference) != 0;
    if (!known) return std::nullopt;
    return find(reference, field);
  }

 private:
  std::set<std::uint64_t> ids_;
  std::map<std::string, std::uint64_t> by_code_;
  std::map<std::string, std::uint64_t> by_name_;
};

// A word of a sheet's vocabulary: how counties write it, and the register's English key.
struct Word {
  std::string_view chinese;
  std::string_view english;
};

// The English key for a Chinese or English word of `words` (a key may have several Chinese
// spellings); InvalidInput naming `field` and listing the first spelling of each otherwise.
template <std::size_t N>
std::string_view english_word(const Word (&words)[N], std::string_view text,
                              std::string_view field) {
  for (const Word& w : words) {
    if (w.chinese == text || w.english == text) return w.english;
  }
  std::string known;
  std::string_view last;
  for (const Word& w : words) {
    if (w.english == last) continue;
    last = w.english;
    known.append(known.empty() ? "" : "、").append(w.chinese);
  }
  throw_invalid(field, text, "不是以下之一 (not one of): " + known);
}

// One column of a simple table: the names its header may have (the first is the one reports
// use), and whether a sheet must have it.
struct TableColumn {
  std::vector<std::string_view> names;
  bool required = false;
};

// Where a simple table's columns stand: the header is the first of the first ten rows naming
// at least two of the columns (rows above it are titles); headers naming none are ignored and
// listed. InvalidInput for a missing required column or one named twice.
struct TableLayout {
  std::size_t header_row = 0;  // 0-based
  std::vector<std::optional<std::size_t>> at;
  std::vector<std::string> ignored;

  // The trimmed cell of column `k` in `row` (empty if the column or the cell is absent).
  std::string cell(const std::vector<std::string>& row, std::size_t k) const;
};
TableLayout locate_table(const Sheet& sheet, std::span<const TableColumn> columns,
                         std::string_view what);

// InvalidInput naming `field` for text a spreadsheet program would compute (= or @ first).
void refuse_formula(std::string_view text, std::string_view field);

}  // namespace taizhang::sheet

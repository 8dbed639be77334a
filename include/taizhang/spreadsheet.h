// Spreadsheets: the 台账 counties keep today, in and out of the register (docs/spreadsheets.md).
//
// A sheet is a header row and data rows of text cells. Headers are matched by name, Chinese or
// English (资产编号 or code, 原值(元) or original_yuan, 原值(万元) or original_wan_yuan, ...),
// in any order; values are converted exactly (元 to two decimals, 万元 to six) or refused.
// Import checks every row against the register's rules and reports every bad one (row,
// column, value, reason); by default nothing is written unless every row is good. Export
// writes the register back with the same headers, so export -> import -> export is exact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/registry.h"

namespace taizhang {

using Sheet = std::vector<std::vector<std::string>>;  // rows of cells; row 0 is the header

// The text of a file as UTF-8: UTF-8 as it is (a byte-order mark dropped), anything else read
// as GB18030 (which contains GBK and GB2312: what Excel saves as "CSV" on a Chinese Windows)
// and converted. InvalidInput when it is neither.
TAIZHANG_EXPORT std::string decode_sheet_text(std::string_view bytes);

// Parses CSV (RFC 4180: quoted cells, doubled quotes, CR LF or LF), after decode_sheet_text:
// UTF-8 with or without a byte-order mark, or GB18030/GBK. InvalidInput naming the row for an
// unterminated quote.
TAIZHANG_EXPORT Sheet parse_csv(std::string_view text);
// Writes CSV with CR LF, quoting cells that need it; a byte-order mark first, which spreadsheet
// programs need to read UTF-8.
TAIZHANG_EXPORT std::string write_csv(const Sheet& sheet);

// One bad cell (or row): 1-based row as a spreadsheet numbers it (the header is row 1).
struct RowProblem {
  std::size_t row = 0;
  std::string column;
  std::string value;
  std::string reason;
};

struct SheetImportOptions {
  std::uint64_t actor = 1;         // who registers (the entries' actor)
  const Signer* signer = nullptr;  // the actor's key: the sheet lands as one request it signs
  Date effective;                  // the entries' effective date
  bool keep_good_rows = false;     // import the good rows and report the rest
};

struct SheetImportReport {
  std::size_t header_row = 1;                // the row of the header (title rows above it skipped)
  std::vector<std::string> ignored_columns;  // headers that name no column (序号, 备注, ...)
  std::size_t rows = 0;                      // data rows read
  std::vector<std::uint64_t> assets;         // ids registered, in row order
  std::vector<RowProblem> problems;          // every bad row, in order
  bool written = false;                      // false: nothing was written
};

// The column mapping, for documentation and --help: each column's Chinese and English header
// and what it holds.
struct SheetColumn {
  std::string_view chinese;
  std::string_view english;
  std::string_view meaning;
  bool required;
};
TAIZHANG_EXPORT const std::vector<SheetColumn>& sheet_columns();

// Registers the sheet's assets (and, where the maintenance columns are filled, their
// maintenance bindings) in `registry`. The header is found among the first rows (titles above
// it skipped); columns it does not know are ignored and listed. Problems found before writing
// (bad values, a division or party that does not exist, a rule the register refuses) are all
// reported in one pass with the row and column; with any, nothing is written unless
// `keep_good_rows`. The
// registrations and their maintenance bindings land in one transaction, whole or not at all.
TAIZHANG_EXPORT SheetImportReport import_asset_sheet(Registry& registry, const Sheet& sheet,
                                                     const SheetImportOptions& options);

// A division table (区划) from a sheet: columns 区划代码 (code), 名称 or 区划名称 (name), and
// optionally 起始日期 (valid_from; `valid_from` when empty) and 终止日期 (valid_until). Title rows
// above the header are skipped, other columns ignored (listed in `ignored`); every bad row is
// reported in `problems` (and then no division is returned).
struct DivisionSheet {
  std::vector<Division> divisions;
  std::vector<std::string> ignored;
  std::vector<RowProblem> problems;
  std::size_t header_row = 1;
};
TAIZHANG_EXPORT DivisionSheet read_division_sheet(const Sheet& sheet, Date valid_from);

// Every asset of the register as a sheet with the Chinese headers, one row per asset in id
// order (owners by credit code, or #id for parties without one). A cell that would start a
// formula (= + - @) is written with an apostrophe before it, which import removes; import
// refuses a cell starting with = or @ without one.
TAIZHANG_EXPORT Sheet export_asset_sheet(const Registry& registry);

}  // namespace taizhang

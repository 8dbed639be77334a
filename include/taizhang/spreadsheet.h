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

// The first worksheet of an .xlsx workbook as text cells, as Excel shows them: strings as they
// are, numbers to 15 significant digits without an exponent, cells in a date format as
// YYYY-MM-DD, a formula's last computed value; rows at their row numbers (rows Excel left out
// are empty). InvalidInput for bytes that are not a readable workbook.
TAIZHANG_EXPORT Sheet read_xlsx(std::string_view bytes);
// A workbook of one worksheet named `sheet_name` holding `sheet`, every cell as text (so amounts
// and codes stay exact and nothing computes), the header row frozen.
TAIZHANG_EXPORT std::string write_xlsx(const Sheet& sheet, std::string_view sheet_name);
// A sheet file's bytes: an .xlsx workbook (a zip archive) or CSV (UTF-8 or GB18030/GBK).
TAIZHANG_EXPORT Sheet read_sheet_bytes(std::string_view bytes);

// One bad cell (or row): 1-based row as a spreadsheet numbers it (the header is row 1).
struct RowProblem {
  std::size_t row = 0;
  std::string column;
  std::string value;
  std::string reason;
  std::string reason_zh;  // the reason in Chinese where the rule wrote one (Error::chinese)
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
  std::vector<std::uint64_t> updated;        // registered assets the sheet changed, in row order
  std::vector<std::string> changes;  // for each updated asset: "资产编号：名称、状态 闲置→在用"
  std::size_t unchanged = 0;         // rows of registered assets that change nothing
  std::vector<RowProblem> problems;  // every bad row, in order
  bool written = false;              // false: nothing was written
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
// maintenance bindings) in `registry`. A row whose 资产编号 is registered updates that asset
// instead (a county re-imports its yearly sheet): a correction of its description where the
// row differs (the columns the sheet has; the others kept), its owners confirmed if it had
// none (owners it has change only by a procedure: such a row is refused), its status changed,
// a new maintenance binding; a row that changes nothing writes nothing. The header is found among
// the first rows (titles above it skipped); columns it does not know are ignored and listed.
// Problems found before writing (bad values, a division or party that does not exist, a rule the
// register refuses) are all reported in one pass with the row and column; with any, nothing is
// written unless `keep_good_rows`. The registrations and their maintenance bindings land in one
// transaction, whole or not at all.
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

// Parties (主体) from a sheet: columns 名称, 主体类型 (村集体经济组织, 村民小组, 乡镇, 县直部门,
// 企业, 合作社, 平台公司, 村务监督委员会, 农户 or the English names), 区划代码 (a code or a
// division's unique name), 统一社会信用代码 (organisations), 身份证号 (households: hashed with
// `identity_key`, never kept), 脱贫户 / 监测户 / 无劳动能力 (是 or 否). Title rows skipped, other
// columns ignored (listed); every bad row in `problems` (and then no party is returned).
struct PartySheet {
  std::vector<PartyRegistered> parties;
  std::vector<std::size_t> rows;  // each party's row, as the spreadsheet numbers it
  // Rows of parties already registered as the row says them (by credit code, householder, or
  // kind, name and division): skipped, so the same sheet can be given again. A row whose code
  // or householder is registered as a different party is a problem.
  std::size_t unchanged = 0;
  std::vector<std::string> ignored;
  std::vector<RowProblem> problems;
  std::size_t header_row = 1;
};
TAIZHANG_EXPORT PartySheet read_party_sheet(const Sheet& sheet, const Registry& registry,
                                            const IdentityKey* identity_key);

// Officials (人员) from a sheet: columns 姓名, 角色 (县级登记员, 县乡村振兴局, 县财政局,
// 县人民政府, 行业主管部门, 乡镇人民政府, 村民委员会, 村民会议, 农户, 经营主体, 审计 or the English
// names), 辖区代码 (a code or a division's unique name), 公钥 (the verifier key text `taizhang
// keygen` wrote to <key>.pub, or the name of that file, looked for in `key_directory`), optionally
// 编号 (the actor id; the next free ids in row order when empty) and 代表单位 (the party a
// department's or company's official acts for: name, credit code or #id).
struct ActorSheet {
  std::vector<ActorKeyEnrolled> actors;
  std::vector<std::size_t> rows;
  // Rows of officials already enrolled with the row's key, name, role and jurisdiction:
  // skipped. A key enrolled for another official, or twice in the sheet, is a problem.
  std::size_t unchanged = 0;
  std::vector<std::string> ignored;
  std::vector<RowProblem> problems;
  std::size_t header_row = 1;
};
TAIZHANG_EXPORT ActorSheet read_actor_sheet(const Sheet& sheet, const Registry& registry,
                                            const std::string& key_directory);

// What happened to registered assets, one row each: inspections (巡查: 资产编号, 巡查日期,
// 状况, 巡查人, 说明), the yearly stocktaking (清查: the same with 清查日期 and 清查人), incomes
// (收益: 资产编号, 收益类型, 期间起, 期间止, 金额(元) or 金额(万元), 付款方, 入账日期), status
// changes (状态: 资产编号, 状态, 原因, 日期) and notices posted (公告: 事项, 记录号, 公示栏,
// 地点, 开始日期, 结束日期). Each row's day is its date column (`default_day` when empty); a
// notice's is its 开始日期 when that is the register's today or earlier, otherwise `default_day`
// (a notice is recorded the day it is posted, which may be before its first day).
// Meeting resolutions (决议: 决议主体, 会议, 事项, 决议名称, 会议日期, 应到人数, 实到人数,
// 同意人数) and operation contracts (合同: 资产编号, 经营主体, 经营方式, 起始日期, 终止日期,
// 年租金(元), 保底本金(元), 保底收益率, 年保底金额(元), 年递增率, 决议记录号, 签订日期) too: a
// lease of a village's asset names the resolutions (by record number) whose notices have run.
enum class EventSheetKind {
  kInspections,
  kStocktaking,
  kIncomes,
  kStatus,
  kNotices,
  kResolutions,
  kContracts
};
// "inspections" or 巡查, "stocktaking" or 清查, "incomes" or 收益, "status" or 状态, "notices"
// or 公告; InvalidInput naming the kinds otherwise.
TAIZHANG_EXPORT EventSheetKind parse_event_sheet_kind(std::string_view text);
TAIZHANG_EXPORT std::vector<std::string> event_sheet_headers(EventSheetKind kind);
struct EventSheet {
  std::vector<RegistryWrite> writes;
  std::vector<Date> days;  // each write's effective day
  std::vector<std::size_t> rows;
  // Rows recorded already (the same fact on the same day in the register, or on an earlier row
  // of the sheet; a status change only while the asset still has that status): left out of
  // `writes`, so the same sheet can be given again.
  std::vector<std::size_t> skipped;
  std::vector<std::string> ignored;
  // Every bad cell of every row (each cell is read on its own). A row with any is left out of
  // `writes`; the well-formed rows stay, so the rules can check them in the same pass, but a
  // sheet with problems must not be written (record_event_sheet does both).
  std::vector<RowProblem> problems;
  std::size_t header_row = 1;
};
TAIZHANG_EXPORT EventSheet read_event_sheet(const Sheet& sheet, const Registry& registry,
                                            EventSheetKind kind, Date default_day);
// Records `sheet` as one request of `context`, whole or not at all, and returns its problems
// (empty: written): with no format problems, submit_sheet_rows; otherwise the format problems
// and, for each well-formed row checked alone, the register's refusals, in row order, with
// nothing written.
// `written`, when given, receives each row's record number (the entry's sequence), in the
// order of `sheet.rows`: what a later sheet names (a resolution in a contract or a notice).
TAIZHANG_EXPORT std::vector<RowProblem> record_event_sheet(
    Registry& registry, const WriteContext& context, const EventSheet& sheet,
    std::vector<std::uint64_t>* written = nullptr);

// Submits one write per sheet row (`rows` numbering them) as one request of `context`, whole or
// not at all: each write is first checked alone against the register's rules, so every refused
// row is reported; with any refused, nothing is written. Returns the problems (empty: written).
// `days`, when given, are the writes' effective days (the context's otherwise).
// `written`, when given, receives the entries' sequences in the order of `writes`.
TAIZHANG_EXPORT std::vector<RowProblem> submit_sheet_rows(
    Registry& registry, const WriteContext& context, const std::vector<RegistryWrite>& writes,
    const std::vector<std::size_t>& rows, const std::vector<Date>* days = nullptr,
    std::vector<std::uint64_t>* written = nullptr);

// Every asset of the register as a sheet with the Chinese headers, one row per asset in id
// order (owners by credit code, or #id for parties without one). A cell that would start a
// formula (= + - @) is written with an apostrophe before it, which import removes; import
// refuses a cell starting with = or @ without one.
TAIZHANG_EXPORT Sheet export_asset_sheet(const Registry& registry);

}  // namespace taizhang

// Sheets of what happened to registered assets: inspections (巡查), the yearly stocktaking
// (清查), incomes (收益), status changes (状态), notices posted (公告), meeting resolutions (决议)
// and operation contracts (合同), one row each, read into the writes that record them
// (docs/spreadsheets.md).
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <span>
#include <variant>

#include "interchange/sheet_support.h"
#include "taizhang/codes.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"
#include "taizhang/publicity.h"
#include "taizhang/spreadsheet.h"

namespace taizhang {
namespace {

using sheet::english_word;
using sheet::trim;
using sheet::Word;

constexpr Word kConditionWords[] = {
    {"良好", "good"},    {"完好", "good"},         {"一般", "fair"},    {"损坏", "damaged"},
    {"损毁", "damaged"}, {"不能使用", "unusable"}, {"报废", "unusable"}};
constexpr Word kIncomeWords[] = {{"租金", "rent"},
                                 {"分红", "dividend"},
                                 {"股金分红", "dividend"},
                                 {"销售", "sales"},
                                 {"发电收益", "electricity"},
                                 {"电费", "electricity"},
                                 {"利息", "interest"},
                                 {"其他", "other"}};
constexpr Word kStatusWords[] = {{"在用", "in_use"},
                                 {"闲置", "idle"},
                                 {"低效", "inefficient"},
                                 {"出租", "leased"},
                                 {"损毁", "damaged"}};
constexpr Word kSubjectWords[] = {{"项目", "project"},
                                  {"收益分配方案", "allocation_plan"},
                                  {"分配方案", "allocation_plan"},
                                  {"收益分配结果", "allocation_result"},
                                  {"分配结果", "allocation_result"},
                                  {"资产处置", "disposal"},
                                  {"处置", "disposal"},
                                  {"处置结果", "disposal_result"},
                                  {"经营合同", "operation_contract"}};

constexpr Word kMeetingWords[] = {
    {"村民会议", "villagers_assembly"},          {"户代表会议", "household_assembly"},
    {"村民代表会议", "representatives_meeting"}, {"社员大会", "members_assembly"},
    {"社员代表大会", "members_assembly"},        {"成员大会", "members_assembly"},
    {"成员代表大会", "members_assembly"}};
constexpr Word kResolutionWords[] = {{"经营合同", "operation_contract"},
                                     {"出租", "operation_contract"},
                                     {"发包", "operation_contract"},
                                     {"收益分配方案", "allocation_plan"},
                                     {"分配方案", "allocation_plan"},
                                     {"资产处置", "disposal"},
                                     {"其他", "other"}};
constexpr Word kModeWords[] = {{"出租", "leased"},          {"租赁", "leased"},
                               {"委托经营", "entrusted"},   {"委托运营", "entrusted"},
                               {"合作经营", "cooperative"}, {"自主经营", "self_operated"}};

struct Kind {
  EventSheetKind kind;
  std::string_view english;
  std::string_view chinese;
};
constexpr Kind kKinds[] = {{EventSheetKind::kInspections, "inspections", "巡查"},
                           {EventSheetKind::kStocktaking, "stocktaking", "清查"},
                           {EventSheetKind::kIncomes, "incomes", "收益"},
                           {EventSheetKind::kStatus, "status", "状态"},
                           {EventSheetKind::kNotices, "notices", "公告"},
                           {EventSheetKind::kResolutions, "resolutions", "决议"},
                           {EventSheetKind::kContracts, "contracts", "合同"}};

std::vector<sheet::TableColumn> columns_of(EventSheetKind kind) {
  switch (kind) {
    case EventSheetKind::kInspections:
    case EventSheetKind::kStocktaking:
      if (kind == EventSheetKind::kStocktaking) {
        return {{{"资产编号", "code"}, true},
                {{"清查日期", "date", "日期", "巡查日期"}, false},
                {{"状况", "condition", "资产状况"}, true},
                {{"清查人", "inspector", "巡查人"}, true},
                {{"说明", "note", "情况说明"}, false}};
      }
      return {{{"资产编号", "code"}, true},
              {{"巡查日期", "date", "日期", "检查日期"}, false},
              {{"状况", "condition", "资产状况"}, true},
              {{"巡查人", "inspector", "检查人"}, true},
              {{"说明", "note", "情况说明"}, false}};
    case EventSheetKind::kIncomes:
      return {{{"资产编号", "code"}, true},
              {{"收益类型", "kind", "类型"}, true},
              {{"期间起", "from", "收益期间起"}, true},
              {{"期间止", "until", "收益期间止"}, true},
              {{"金额(元)", "amount_yuan", "收益金额(元)"}, false},
              {{"金额(万元)", "amount_wan_yuan", "收益金额(万元)"}, false},
              {{"付款方", "payer", "付款单位"}, false},
              {{"入账日期", "date", "日期"}, false}};
    case EventSheetKind::kStatus:
      return {{{"资产编号", "code"}, true},
              {{"状态", "status", "使用状态"}, true},
              {{"原因", "reason", "变更原因"}, true},
              {{"日期", "date", "变更日期"}, false}};
    case EventSheetKind::kNotices:
      return {{{"事项", "subject", "公示事项"}, true},    {{"记录号", "subject_id"}, true},
              {{"公示栏", "division", "区划代码"}, true}, {{"地点", "place", "公示地点"}, true},
              {{"开始日期", "start", "公示开始"}, true},  {{"结束日期", "end", "公示结束"}, true}};
    case EventSheetKind::kResolutions:
      return {{{"决议主体", "village", "集体经济组织", "村集体"}, true},
              {{"会议", "meeting", "会议类型"}, true},
              {{"事项", "subject", "决议事项"}, true},
              {{"决议名称", "title", "名称"}, true},
              {{"会议日期", "date", "日期"}, true},
              {{"应到人数", "eligible"}, true},
              {{"实到人数", "present"}, true},
              {{"同意人数", "in_favour", "赞成人数"}, true}};
    case EventSheetKind::kContracts:
      return {{{"资产编号", "code"}, true},
              {{"经营主体", "operator", "承租方"}, true},
              {{"经营方式", "mode"}, true},
              {{"起始日期", "from", "合同起始"}, true},
              {{"终止日期", "until", "合同终止"}, true},
              {{"年租金(元)", "rent_yuan", "租金(元)"}, false},
              {{"保底本金(元)", "principal_yuan"}, false},
              {{"保底收益率", "guarantee_rate"}, false},
              {{"年保底金额(元)", "guarantee_yuan"}, false},
              {{"年递增率", "step_up"}, false},
              {{"决议记录号", "resolutions", "决议"}, false},
              {{"签订日期", "date", "日期"}, false}};
  }
  return {};
}

std::uint64_t record_number(const std::string& text, std::string_view field) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw_invalid(field, text, "记录号是正整数 (a record number)");
  }
  return std::stoull(text);
}

}  // namespace

EventSheetKind parse_event_sheet_kind(std::string_view text) {
  for (const Kind& k : kKinds) {
    if (text == k.english || text == k.chinese) return k.kind;
  }
  throw_invalid("KIND", text,
                "记录种类为 inspections(巡查)、stocktaking(清查)、incomes(收益)、status(状态)、"
                "notices(公告)、resolutions(决议)、contracts(合同)");
}

std::vector<std::string> event_sheet_headers(EventSheetKind kind) {
  std::vector<std::string> headers;
  for (const sheet::TableColumn& column : columns_of(kind)) {
    if (column.names[0] == "金额(万元)") continue;  // one unit in a template
    headers.emplace_back(column.names[0]);
  }
  return headers;
}

namespace {

// The bytes of `write` as an entry's body on `day`: two writes are the same fact when these are.
Bytes fact_bytes(const Body& body, Date day) {
  Entry entry;
  entry.effective = day;
  entry.body = body;
  return encode_entry(entry);
}

Body body_of(const RegistryWrite& write) {
  return std::visit([](const auto& w) { return Body(w); }, write);
}

// Moves the rows whose fact the register holds already (the same inspection, income or status
// change on the same day, the same notice whatever day it was recorded), or an earlier row of
// the sheet holds, to `skipped`. A status change is skipped only while the asset still has
// that status: once it has changed since (闲置, then 在用 some other way), the same row is kept,
// to be recorded again or refused by the rules, never passed over in silence.
void leave_out_recorded(const Registry& registry, EventSheet& sheet) {
  std::set<Bytes> seen;  // facts of the register (of the assets the sheet names) and the sheet
  std::set<std::uint64_t> assets_read;
  bool notices_read = false;
  std::map<std::uint64_t, AssetStatus> status;  // each asset's status after the rows kept so far
  auto status_now = [&](std::uint64_t asset) -> AssetStatus& {
    auto it = status.find(asset);
    if (it == status.end()) {
      const auto found = registry.find_asset(asset);
      it = status.emplace(asset, found ? found->status : AssetStatus{}).first;
    }
    return it->second;
  };
  EventSheet kept;
  for (std::size_t i = 0; i < sheet.writes.size(); ++i) {
    const Body body = body_of(sheet.writes[i]);
    std::uint64_t asset = 0;
    if (const auto* w = std::get_if<Inspected>(&body)) asset = w->asset;
    if (const auto* w = std::get_if<IncomeRecorded>(&body)) asset = w->asset;
    if (const auto* w = std::get_if<AssetStatusChanged>(&body)) asset = w->asset;
    if (const auto* w = std::get_if<OperationContracted>(&body)) asset = w->asset;
    if (asset != 0 && assets_read.insert(asset).second) {
      for (const HistoryItem& item : registry.history(asset)) {
        seen.insert(fact_bytes(item.body, item.effective));
      }
    }
    if (std::holds_alternative<NoticePosted>(body) && !notices_read) {
      notices_read = true;
      for (const NoticeRecord& n : registry.notices()) {
        seen.insert(fact_bytes(n.notice, n.notice.start));
      }
    }
    const auto* notice = std::get_if<NoticePosted>(&body);
    const auto* change = std::get_if<AssetStatusChanged>(&body);
    // A row whose body cannot be encoded (a field the entry requires is empty) is no recorded
    // fact: it is kept, for the rules to refuse by its row.
    bool recorded = false;
    try {
      recorded = !seen.insert(fact_bytes(body, notice ? notice->start : sheet.days[i])).second;
    } catch (const Error&) {
    }
    if (recorded && (change == nullptr || status_now(change->asset) == change->status)) {
      sheet.skipped.push_back(sheet.rows[i]);
      continue;
    }
    if (change != nullptr) status_now(change->asset) = change->status;
    kept.writes.push_back(sheet.writes[i]);
    kept.days.push_back(sheet.days[i]);
    kept.rows.push_back(sheet.rows[i]);
  }
  sheet.writes = std::move(kept.writes);
  sheet.days = std::move(kept.days);
  sheet.rows = std::move(kept.rows);
}

}  // namespace

EventSheet read_event_sheet(const Sheet& sheet, const Registry& registry, EventSheetKind kind,
                            Date default_day) {
  const std::vector<sheet::TableColumn> columns = columns_of(kind);
  const sheet::TableLayout layout = sheet::locate_table(sheet, columns, "记录表");
  EventSheet out;
  out.header_row = layout.header_row + 1;
  out.ignored = layout.ignored;
  const sheet::PartyIndex parties(registry.parties());
  const Date today = registry.ledger().today();
  std::map<std::string, std::string> division_by_name;
  for (const Division& d : registry.divisions()) division_by_name.emplace(d.name, d.code);
  if (kind == EventSheetKind::kIncomes && layout.at[4].has_value() == layout.at[5].has_value()) {
    throw_invalid("表头 (header)", "金额", "给 金额(元) 或 金额(万元) 之一 (one of the two)");
  }
  // Each cell is read on its own, so every bad cell of every row is reported in one pass; a row
  // with any is left out of `writes`.
  for (std::size_t r = layout.header_row + 1; r < sheet.size(); ++r) {
    auto cell = [&](std::size_t k) { return layout.cell(sheet[r], k); };
    bool blank = true;
    for (std::size_t k = 0; k < columns.size(); ++k) blank = blank && cell(k).empty();
    if (blank) continue;
    auto name = [&](std::size_t column) { return std::string(columns[column].names[0]); };
    bool good = true;
    // Reads the cell of `column` with `reader`, after refusing a formula in it; a refusal is the
    // row's problem at that cell.
    auto read = [&](std::size_t column, auto&& reader) {
      try {
        sheet::refuse_formula(cell(column), name(column));
        reader();
      } catch (const Error& error) {
        out.problems.push_back({r + 1, name(column), cell(column), error.what(), error.chinese()});
        good = false;
      }
    };
    auto asset = [&](std::size_t column) {
      const std::string code = cell(column);
      const auto found = registry.find_asset_by_code(code);
      if (!found) throw_invalid(name(column), code, "台账中没有此资产编号 (no such asset)");
      return found->id;
    };
    auto day = [&](std::size_t column) {
      return cell(column).empty() ? default_day
                                  : sheet::parse_sheet_date(cell(column), name(column));
    };
    RegistryWrite write;
    Date when = default_day;
    switch (kind) {
      case EventSheetKind::kInspections:
      case EventSheetKind::kStocktaking: {
        Inspected i;
        read(0, [&] { i.asset = asset(0); });
        read(1, [&] { when = day(1); });
        read(2, [&] {
          i.condition = parse_condition(english_word(kConditionWords, cell(2), name(2)), name(2));
        });
        read(3, [&] {
          i.inspector = cell(3);
          if (i.inspector.empty()) throw_invalid(name(3), "", "须填写 (required)");
        });
        read(4, [&] { i.note = cell(4); });
        i.stocktaking = kind == EventSheetKind::kStocktaking;
        write = i;
        break;
      }
      case EventSheetKind::kIncomes: {
        IncomeRecorded income;
        read(0, [&] { income.asset = asset(0); });
        read(1, [&] {
          income.kind = parse_income_kind(english_word(kIncomeWords, cell(1), name(1)), name(1));
        });
        read(2, [&] { income.from = sheet::parse_sheet_date(cell(2), name(2)); });
        read(3, [&] { income.until = sheet::parse_sheet_date(cell(3), name(3)); });
        const bool wan = layout.at[5].has_value();
        const std::size_t amount = wan ? 5 : 4;
        read(amount, [&] {
          const std::string text = sheet::without_thousands(cell(amount));
          income.amount = wan ? Money::parse_wan_yuan(text, name(amount))
                              : Money::parse_yuan(text, name(amount));
        });
        read(6, [&] {
          income.payer = cell(6);
          if (!income.payer.empty()) {
            income.payer_party = parties.find_if_registered(income.payer, name(6)).value_or(0);
          }
        });
        read(7, [&] { when = day(7); });
        write = income;
        break;
      }
      case EventSheetKind::kStatus: {
        AssetStatusChanged change;
        read(0, [&] { change.asset = asset(0); });
        read(1, [&] {
          change.status = parse_asset_status(english_word(kStatusWords, cell(1), name(1)), name(1));
        });
        read(2, [&] {
          change.reason = cell(2);
          if (change.reason.empty()) throw_invalid(name(2), "", "须写明原因 (a reason)");
        });
        read(3, [&] { when = day(3); });
        write = change;
        break;
      }
      case EventSheetKind::kNotices: {
        NoticePosted notice;
        read(0, [&] {
          notice.subject =
              parse_notice_subject(english_word(kSubjectWords, cell(0), name(0)), name(0));
        });
        read(1, [&] { notice.subject_id = record_number(cell(1), name(1)); });
        read(2, [&] {
          notice.division = cell(2);
          if (const auto it = division_by_name.find(notice.division);
              it != division_by_name.end()) {
            notice.division = it->second;
          } else if (notice.division.find_first_not_of("0123456789") != std::string::npos) {
            throw_invalid(name(2), notice.division,
                          "区划表中没有这个名称的区划：请写区划代码，或先用 taizhang divisions "
                          "登记它 (no division of this name)");
          }
          check_division_code(notice.division, name(2));
        });
        read(3, [&] { notice.place = cell(3); });
        bool started = false;
        read(4, [&] {
          notice.start = sheet::parse_sheet_date(cell(4), name(4));
          started = true;
        });
        read(5, [&] { notice.end = sheet::parse_sheet_date(cell(5), name(5)); });
        // A notice is recorded the day it is posted: on its first day when that has come,
        // otherwise on the sheet's day (a notice put up from tomorrow is recorded today).
        if (started) when = today < notice.start ? default_day : notice.start;
        write = notice;
        break;
      }
      case EventSheetKind::kResolutions: {
        ResolutionAdopted resolution;
        read(0, [&] { resolution.village = parties.find(cell(0), name(0)); });
        read(1, [&] {
          resolution.meeting =
              parse_meeting(english_word(kMeetingWords, cell(1), name(1)), name(1));
        });
        read(2, [&] {
          resolution.subject =
              parse_resolution_subject(english_word(kResolutionWords, cell(2), name(2)), name(2));
        });
        read(3, [&] {
          resolution.title = cell(3);
          if (resolution.title.empty()) throw_invalid(name(3), "", "须填写 (required)");
        });
        read(4, [&] {
          resolution.day = sheet::parse_sheet_date(cell(4), name(4));
          when = today < resolution.day ? default_day : resolution.day;
        });
        auto count = [&](std::size_t column, std::uint32_t& into) {
          read(column, [&] {
            const std::string text = cell(column);
            if (text.empty() || text.size() > 7 ||
                text.find_first_not_of("0123456789") != std::string::npos) {
              throw_invalid(name(column), text, "人数是整数 (a whole number of people)");
            }
            into = static_cast<std::uint32_t>(std::stoul(text));
          });
        };
        count(5, resolution.eligible);
        count(6, resolution.present);
        count(7, resolution.in_favour);
        write = resolution;
        break;
      }
      case EventSheetKind::kContracts: {
        OperationContracted contract;
        read(0, [&] { contract.asset = asset(0); });
        read(1, [&] { contract.operator_party = parties.find(cell(1), name(1)); });
        read(2, [&] {
          contract.mode = parse_operation_mode(english_word(kModeWords, cell(2), name(2)), name(2));
        });
        read(3, [&] { contract.from = sheet::parse_sheet_date(cell(3), name(3)); });
        read(4, [&] { contract.until = sheet::parse_sheet_date(cell(4), name(4)); });
        auto yuan = [&](std::size_t column, Money& into) {
          read(column, [&] {
            if (!cell(column).empty()) {
              into = Money::parse_yuan(sheet::without_thousands(cell(column)), name(column));
            }
          });
        };
        auto share = [&](std::size_t column, Share& into) {
          read(column, [&] {
            if (!cell(column).empty()) {
              into = Share::parse(sheet::percent_share_text(cell(column)), name(column));
            }
          });
        };
        yuan(5, contract.rent_per_year);
        yuan(6, contract.principal);
        share(7, contract.guarantee_rate);
        yuan(8, contract.guarantee_per_year);
        share(9, contract.step_up);
        read(10, [&] {
          // 决议记录号: record numbers separated by 、 , ; or spaces.
          std::string text = cell(10);
          for (const std::string_view separator : {"、", "，", "；", ",", ";"}) {
            for (std::size_t at = text.find(separator); at != std::string::npos;
                 at = text.find(separator)) {
              text.replace(at, separator.size(), " ");
            }
          }
          std::size_t at = 0;
          while (at < text.size()) {
            const std::size_t start = text.find_first_not_of(' ', at);
            if (start == std::string::npos) break;
            const std::size_t stop = std::min(text.find(' ', start), text.size());
            contract.resolutions.push_back(
                record_number(text.substr(start, stop - start), name(10)));
            at = stop;
          }
        });
        read(11, [&] { when = day(11); });
        // The owners decide their asset's operation: a sheet's contract is theirs.
        if (contract.asset != 0) {
          for (const OwnerShare& owner : registry.get_asset(contract.asset).owners) {
            contract.decided_by.push_back(owner.party);
          }
        }
        write = contract;
        break;
      }
    }
    if (!good) continue;
    out.writes.push_back(std::move(write));
    out.days.push_back(when);
    out.rows.push_back(r + 1);
  }
  // The well-formed rows stay even when others have problems, so the register's rules can
  // check them in the same pass (record_event_sheet); a sheet with problems is never written.
  leave_out_recorded(registry, out);
  return out;
}

std::vector<RowProblem> record_event_sheet(Registry& registry, const WriteContext& context,
                                           const EventSheet& sheet,
                                           std::vector<std::uint64_t>* written) {
  if (sheet.problems.empty()) {
    return submit_sheet_rows(registry, context, sheet.writes, sheet.rows, &sheet.days, written);
  }
  // Problems already: each well-formed row is checked alone against the rules, and nothing is
  // written.
  std::vector<RowProblem> problems = sheet.problems;
  for (std::size_t i = 0; i < sheet.writes.size(); ++i) {
    WriteContext alone = context;
    alone.request_id = random_request_id();
    alone.effective = sheet.days[i];
    const RegistryRequest request{alone, sheet.writes[i], {}};
    try {
      registry.check(std::span(&request, 1));
    } catch (const Error& error) {
      problems.push_back(
          {sheet.rows[i], sheet::column_of_refusal(error), "", error.what(), error.chinese()});
    }
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  return problems;
}

}  // namespace taizhang

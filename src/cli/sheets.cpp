// The sheet commands of the `taizhang` command line: who and where from the county's own sheets
// (divisions, parties, officials), and empty templates to start them from.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "cli/cli.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/spreadsheet.h"

namespace taizhang::cli {
namespace {}  // namespace

void print_sheet_reading(std::size_t header_row, const std::vector<std::string>& ignored,
                         const std::vector<RowProblem>& problems, bool json) {
  if (!json && header_row > 1) {
    std::fprintf(stderr, tr("表头在第 %zu 行，上面的标题行已跳过\n", "header on row %zu\n"),
                 header_row);
  }
  if (!json && !ignored.empty()) {
    std::string names;
    for (const std::string& name : ignored) names += (names.empty() ? "" : "、") + name;
    std::fprintf(stderr, tr("注意：以下列已忽略：%s\n", "columns ignored: %s\n"), names.c_str());
  }
  for (const RowProblem& p : problems) {
    std::string reason = lang() == Lang::kEnglish || p.reason_zh.empty() ? p.reason : p.reason_zh;
    if (lang() == Lang::kChinese && p.reason_zh.empty() && !json) {
      // A sheet's own message ("InvalidInput: 原因: 须写明原因 (a reason) (got "")"): the row
      // line already names the column and the value, so the reason alone.
      for (const std::string& head : {std::string("InvalidInput: "), p.column + ": "}) {
        if (!head.empty() && reason.rfind(head, 0) == 0) reason.erase(0, head.size());
      }
      if (const std::size_t got = reason.rfind(" (got \""); got != std::string::npos) {
        reason.erase(got);
      }
    }
    if (json) {
      std::printf(
          "{\"row\": %zu, \"column\": \"%s\", \"value\": \"%s\", \"reason\": \"%s\", "
          "\"reason_zh\": \"%s\"}\n",
          p.row, json_escape(p.column).c_str(), json_escape(p.value).c_str(),
          json_escape(p.reason).c_str(), json_escape(p.reason_zh).c_str());
    } else if (p.row == 0) {
      std::printf(tr("整表：%s\n", "the sheet: %s\n"), reason.c_str());
    } else {
      // The column and the value where known: 第 3 行 金额 "abc"：…, 第 4 行 使用状态：…
      std::string where = p.column;
      if (!p.value.empty() ||
          (!p.column.empty() && p.reason.find("(got \"\")") != std::string::npos)) {
        where += (where.empty() ? "\"" : " \"") + p.value + "\"";
      }
      std::printf(tr("第 %zu 行%s%s：%s\n", "row %zu%s%s: %s\n"), p.row,
                  where.empty() ? "" : tr(" ", ", "), where.c_str(), reason.c_str());
    }
  }
}

namespace {

int refused(std::size_t problems, bool json) {
  if (!json) {
    std::printf(tr("%zu 处有误，未写入任何内容。\n", "%zu problems: nothing written.\n"), problems);
  }
  return kExitErrorBase + static_cast<int>(ErrorKind::kInvalidInput);
}

}  // namespace

Sheet read_sheet_file(const std::string& path) {
  const std::string bytes = read_text_file(path);
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool zip = bytes.size() >= 4 && bytes.compare(0, 4, std::string("PK\x03\x04", 4)) == 0;
  if ((extension == ".xlsx" || extension == ".xlsm") && !zip) {
    throw_invalid("--in", path,
                  tr("不是 .xlsx 工作簿（文件不是 zip 压缩包）；若是 CSV，请把扩展名改为 .csv",
                     "not an .xlsx workbook (not a zip archive); a CSV file is named .csv"));
  }
  return read_sheet_bytes(bytes);
}

bool is_sheet_path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".csv" || extension == ".xlsx" || extension == ".xlsm";
}

int run_divisions(const SheetCommand& command) {
  Registry registry = Registry::open(command.dir);
  const Signer signer = signer_of(registry.ledger(), command.actor, command.key_path);
  const Date day = date_or_today(command.effective, "--effective", registry.ledger());
  DivisionSheet sheet = read_division_sheet(read_sheet_file(command.path), day);
  print_sheet_reading(sheet.header_row, sheet.ignored, sheet.problems, command.json);
  if (!sheet.problems.empty()) return refused(sheet.problems.size(), command.json);
  // Divisions defined already exactly as the sheet says are skipped: the sheet can be given
  // again, with new rows added.
  const std::vector<Division> defined = registry.divisions();
  std::vector<Division> fresh;
  for (Division& d : sheet.divisions) {
    const bool same = std::any_of(defined.begin(), defined.end(), [&](const Division& e) {
      return e.code == d.code && e.name == d.name && e.valid_from == d.valid_from &&
             e.valid_until == d.valid_until;
    });
    if (!same) fresh.push_back(std::move(d));
  }
  const std::size_t unchanged = sheet.divisions.size() - fresh.size();
  if (!fresh.empty()) registry.define_divisions({command.actor, day, {}, &signer, {}}, fresh);
  if (command.json) {
    std::printf("{\"divisions\": %zu, \"unchanged\": %zu}\n", fresh.size(), unchanged);
  } else {
    std::printf(tr("已登记 %zu 个区划，%zu 个已在区划表中（未变）。\n",
                   "defined %zu divisions, %zu already defined (unchanged).\n"),
                fresh.size(), unchanged);
  }
  return 0;
}

int run_parties(const SheetCommand& command, const std::string& identity_key_path) {
  Registry registry = Registry::open(command.dir);
  const Signer signer = signer_of(registry.ledger(), command.actor, command.key_path);
  std::optional<IdentityKey> identity;
  if (!identity_key_path.empty()) identity.emplace(IdentityKey::load(identity_key_path));
  const Date day = date_or_today(command.effective, "--effective", registry.ledger());
  const PartySheet sheet =
      read_party_sheet(read_sheet_file(command.path), registry, identity ? &*identity : nullptr);
  std::vector<RowProblem> problems = sheet.problems;
  if (problems.empty()) {
    const std::vector<RegistryWrite> writes(sheet.parties.begin(), sheet.parties.end());
    problems =
        submit_sheet_rows(registry, {command.actor, day, {}, &signer, {}}, writes, sheet.rows);
  }
  print_sheet_reading(sheet.header_row, sheet.ignored, problems, command.json);
  if (!problems.empty()) return refused(problems.size(), command.json);
  if (command.json) {
    std::printf("{\"parties\": %zu, \"unchanged\": %zu}\n", sheet.parties.size(), sheet.unchanged);
  } else {
    std::printf(tr("已登记 %zu 个主体，%zu 个已登记（未变）。\n",
                   "registered %zu parties, %zu already registered (unchanged).\n"),
                sheet.parties.size(), sheet.unchanged);
  }
  return 0;
}

int run_actors(const SheetCommand& command) {
  Registry registry = Registry::open(command.dir);
  const Signer signer = signer_of(registry.ledger(), command.actor, command.key_path);
  const Date day = date_or_today(command.effective, "--effective", registry.ledger());
  const std::string directory = std::filesystem::absolute(command.path).parent_path().string();
  const ActorSheet sheet = read_actor_sheet(read_sheet_file(command.path), registry, directory);
  std::vector<RowProblem> problems = sheet.problems;
  if (problems.empty()) {
    const std::vector<RegistryWrite> writes(sheet.actors.begin(), sheet.actors.end());
    problems =
        submit_sheet_rows(registry, {command.actor, day, {}, &signer, {}}, writes, sheet.rows);
  }
  print_sheet_reading(sheet.header_row, sheet.ignored, problems, command.json);
  if (!problems.empty()) return refused(problems.size(), command.json);
  for (const ActorKeyEnrolled& a : sheet.actors) {
    if (command.json) {
      std::printf(
          "{\"actor\": %llu, \"name\": \"%s\", \"role\": \"%s\", \"jurisdiction\": \"%s\"}\n",
          static_cast<unsigned long long>(a.actor), json_escape(a.name).c_str(),
          std::string(role_name(a.role)).c_str(), a.jurisdiction.c_str());
    } else {
      std::printf(tr("人员 %llu  %s  %s  %s\n", "actor %llu  %s  %s  %s\n"),
                  static_cast<unsigned long long>(a.actor), a.name.c_str(),
                  role_label(a.role).c_str(), a.jurisdiction.c_str());
    }
  }
  if (!command.json) {
    std::printf(tr("已登记 %zu 名人员，%zu 名已登记（未变）。\n",
                   "enrolled %zu actors, %zu already enrolled (unchanged).\n"),
                sheet.actors.size(), sheet.unchanged);
  }
  return 0;
}

int run_template(const std::string& kind, const std::string& out) {
  // Each template: its headers and one example row, in the words the readers accept. Example
  // days come from the clock, in the county's time zone, never from the program: the events
  // happen today (an income earned over last year), the example asset was built five years ago
  // in a village defined from that year's first day.
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const Date today = Date::at(now, kCountyUtcOffsetSeconds);
  const std::string built_year = std::to_string(today.year() - 5);
  const std::string asset_code = "522601-" + built_year + "-0001";
  Sheet sheet;
  if (kind == "assets" || kind == "资产") {
    std::vector<std::string> header, example;
    for (const SheetColumn& column : sheet_columns()) {
      if (column.chinese == "原值(万元)" || column.chinese == "资金来源(万元)") continue;
      header.emplace_back(column.chinese);
    }
    const std::map<std::string, std::string> sample = {
        {"资产编号", asset_code},
        {"资产名称", "石桥村光伏电站"},
        {"资产类别", "经营性"},
        {"资产形态", "固定资产"},
        {"资产分类", "光伏电站"},
        {"项目名称", built_year + "年光伏扶贫项目"},
        {"项目年度", built_year},
        {"实施单位", "县乡村振兴局"},
        {"区划代码", "522601101201"},
        {"坐落位置", "石桥村二组"},
        {"数量", "1"},
        {"计量单位", "座"},
        {"建成时间", built_year + "-06-30"},
        {"原值(元)", "1,283,600.00"},
        {"资金来源(元)", "中央财政衔接资金"},
        {"产权归属", "石桥村股份经济合作社:1"},
        {"使用状态", "在用"},
        {"管护主体", "石桥村股份经济合作社"},
        {"管护责任人", "王明"},
        {"管护方式", "村集体管护"},
    };
    for (const std::string& h : header) {
      const auto it = sample.find(h);
      example.push_back(it == sample.end() ? "" : it->second);
    }
    sheet = {header, example};
  } else if (kind == "divisions" || kind == "区划") {
    sheet = {{"区划代码", "名称", "起始日期", "终止日期"},
             {"522601101201", "石桥村", built_year + "-01-01", ""}};
  } else if (kind == "parties" || kind == "主体") {
    sheet = {{"名称", "主体类型", "区划代码", "统一社会信用代码", "身份证号", "脱贫户", "监测户",
              "无劳动能力"},
             {"石桥村股份经济合作社", "村集体经济组织", "522601101201", "N2522601MF0000001K", "",
              "", "", ""}};
  } else if (kind == "actors" || kind == "人员") {
    sheet = {{"编号", "姓名", "角色", "辖区代码", "公钥", "代表单位"},
             {"", "李华", "村民委员会", "522601101201", "lihua.key.pub", ""}};
  } else {
    EventSheetKind event{};
    try {
      event = parse_event_sheet_kind(kind);
    } catch (const Error&) {
      throw_invalid("KIND", kind,
                    tr("模板种类为 assets(资产)、divisions(区划)、parties(主体)、actors(人员)、"
                       "inspections(巡查)、stocktaking(清查)、incomes(收益)、status(状态)、"
                       "notices(公告)、resolutions(决议)、contracts(合同)",
                       "the kinds are assets, divisions, parties, actors, inspections, "
                       "stocktaking, incomes, status, notices, resolutions, contracts"));
    }
    const std::string day = today.to_string();
    const std::string last_year = std::to_string(today.year() - 1);
    const std::string end = Date::from_days(today.days() + 9).to_string();
    std::map<std::string, std::string> sample = {
        {"资产编号", asset_code},
        {"巡查日期", day},
        {"清查日期", day},
        {"状况", "良好"},
        {"巡查人", "王明"},
        {"清查人", "王明"},
        {"说明", ""},
        {"收益类型", "租金"},
        {"期间起", last_year + "-01-01"},
        {"期间止", last_year + "-12-31"},
        {"金额(元)", "36,000.00"},
        {"付款方", "某种植合作社"},
        {"入账日期", day},
        {"状态", "闲置"},
        {"原因", "承包期满，待重新发包"},
        {"日期", day},
        {"事项", "收益分配结果"},
        {"记录号", "1234"},
        {"公示栏", "522601101201"},
        {"地点", "村务公开栏"},
        {"开始日期", day},
        {"结束日期", end},
        {"决议主体", "石桥村股份经济合作社"},
        {"会议", "村民代表会议"},
        {"决议名称", "同意出租蔬菜大棚"},
        {"会议日期", day},
        {"应到人数", "45"},
        {"实到人数", "38"},
        {"同意人数", "35"},
        {"经营主体", "某种植合作社"},
        {"经营方式", "出租"},
        {"起始日期", last_year + "-01-01"},
        {"终止日期", std::to_string(today.year() + 4) + "-12-31"},
        {"年租金(元)", "36,000.00"},
        {"保底收益率", ""},
        {"年保底金额(元)", "36,000.00"},
        {"年递增率", "5%"},
        {"决议记录号", "1201"},
        {"签订日期", day}};
    if (event == EventSheetKind::kResolutions) sample["事项"] = "经营合同";
    std::vector<std::string> header = event_sheet_headers(event), example;
    for (const std::string& h : header) {
      const auto it = sample.find(h);
      example.push_back(it == sample.end() ? "" : it->second);
    }
    sheet = {header, example};
  }
  std::string extension = std::filesystem::path(out).extension().string();
  const std::string bytes = extension == ".csv" ? write_csv(sheet) : write_xlsx(sheet, "台账");
  write_new_file(out, bytes, 0644);
  std::printf(tr("已写出模板 %s（表头与一行示例；删去示例行后填写）\n",
                 "wrote the template %s (headers and one example row)\n"),
              out.c_str());
  return 0;
}

}  // namespace taizhang::cli

namespace taizhang::cli {

int run_record(const SheetCommand& command, const std::string& kind_text) {
  const EventSheetKind kind = parse_event_sheet_kind(kind_text);
  Registry registry = Registry::open(command.dir);
  const Signer signer = signer_of(registry.ledger(), command.actor, command.key_path);
  const Date day = date_or_today(command.effective, "--effective", registry.ledger());
  const EventSheet sheet = read_event_sheet(read_sheet_file(command.path), registry, kind, day);
  // The format problems and the rules' refusals of every row in one pass; written only if none.
  std::vector<std::uint64_t> written;
  const std::vector<RowProblem> problems =
      record_event_sheet(registry, {command.actor, day, {}, &signer, {}}, sheet, &written);
  print_sheet_reading(sheet.header_row, sheet.ignored, problems, command.json);
  if (!problems.empty()) return refused(problems.size(), command.json);
  if (command.json) {
    std::string numbers;
    for (const std::uint64_t n : written) {
      numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
    }
    std::printf("{\"recorded\": %zu, \"skipped\": %zu, \"records\": [%s]}\n", sheet.writes.size(),
                sheet.skipped.size(), numbers.c_str());
  } else {
    std::printf(tr("已记录 %zu 条。\n", "recorded %zu rows.\n"), sheet.writes.size());
    // Each row's record number: what a later sheet names (a resolution in a notice or a
    // contract, a contract in a notice).
    for (std::size_t i = 0; i < written.size() && i < sheet.rows.size(); ++i) {
      std::printf(tr("  第 %zu 行 → 记录号 %llu\n", "  row %zu -> record %llu\n"), sheet.rows[i],
                  static_cast<unsigned long long>(written[i]));
    }
    if (!sheet.skipped.empty()) {
      std::string rows;
      for (const std::size_t row : sheet.skipped) {
        rows += (rows.empty() ? "" : "、") + std::to_string(row);
      }
      std::printf(tr("另有 %zu 行此前已记录（同一资产、同一日期、内容相同），已跳过：第 %s 行。\n",
                     "%zu rows recorded before (the same fact on the same day) skipped: rows "
                     "%s.\n"),
                  sheet.skipped.size(), rows.c_str());
    }
  }
  return 0;
}

}  // namespace taizhang::cli

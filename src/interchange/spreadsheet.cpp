// Spreadsheet import and export of the asset register (docs/spreadsheets.md).
#include "taizhang/spreadsheet.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "interchange/sheet_support.h"
#include "taizhang/codes.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

// --- CSV ----------------------------------------------------------------------------------

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Characters that start a formula in a spreadsheet program.
bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

// Text that a spreadsheet program would run as a formula, kept as text: an apostrophe before it.
std::string neutralised(std::string text) {
  if (!text.empty() && is_formula_start(text.front())) text.insert(text.begin(), '\'');
  return text;
}

bool needs_quotes(std::string_view cell) {
  return cell.find_first_of(",\"\r\n") != std::string_view::npos ||
         (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
}

// --- the vocabulary -----------------------------------------------------------------------

struct Word {
  std::string_view chinese;
  std::string_view english;
};

constexpr Word kClasses[] = {
    {"经营性", "operating"}, {"公益性", "public_welfare"}, {"到户类", "household"}};
constexpr Word kForms[] = {{"固定资产", "fixed"},      {"生物资产", "biological"},
                           {"股权", "equity"},         {"债权", "debt"},
                           {"无形资产", "intangible"}, {"使用权", "use_right"}};
constexpr Word kCategories[] = {{"钢混结构房屋", "building_steel_concrete"},
                                {"砖混结构房屋", "building_brick"},
                                {"简易房屋", "building_simple"},
                                {"构筑物", "structure"},
                                {"机器设备", "machinery"},
                                {"车辆", "vehicle"},
                                {"电子设备", "computer"},
                                {"电气设备", "electrical"},
                                {"光伏电站", "pv_station"},
                                {"温室大棚", "greenhouse"},
                                {"土地经营权", "use_right"},
                                {"牲畜", "livestock"},
                                {"股权投资", "equity"},
                                {"土地", "land"},
                                {"基础设施", "infrastructure"},
                                {"其他", "other"},
                                {"安置区商铺", "relocation_shop"}};
constexpr Word kStatuses[] = {{"在用", "in_use"},      {"闲置", "idle"},
                              {"低效", "inefficient"}, {"出租", "leased"},
                              {"损毁", "damaged"},     {"待处置", "pending_disposal"},
                              {"已处置", "disposed"}};
constexpr Word kSources[] = {{"中央财政", "central_fiscal"},
                             {"省级财政", "provincial_fiscal"},
                             {"市级财政", "municipal_fiscal"},
                             {"县级财政", "county_fiscal"},
                             {"涉农整合资金", "integrated_agriculture"},
                             {"地方政府债券", "local_government_bonds"},
                             {"东西部协作", "east_west_cooperation"},
                             {"定点帮扶", "targeted_assistance"},
                             {"社会捐赠", "social_donation"},
                             {"易地搬迁", "relocation"},
                             {"群众自筹", "villagers_own"},
                             {"其他", "other"}};
constexpr Word kModes[] = {
    {"农户自管", "household_self"},    {"公益性岗位", "public_welfare_post"},
    {"购买服务", "purchased_service"}, {"村集体管护", "village_collective"},
    {"乡镇管护", "township"},          {"行业部门管护", "sector_department"}};

// The English name for a Chinese or English word of `words`; InvalidInput otherwise.
template <std::size_t N>
std::string_view english_of(const Word (&words)[N], std::string_view text, std::string_view field) {
  for (const Word& w : words) {
    if (w.chinese == text || w.english == text) return w.english;
  }
  std::string known;
  for (const Word& w : words) known.append(known.empty() ? "" : ", ").append(w.chinese);
  throw_invalid(field, text, "不是以下之一 (not one of): " + known);
}
// A funding source as counties spell it: the table's name, or the name with the fund's own
// words after it (中央财政衔接推进乡村振兴补助资金, 中央财政衔接资金, 省级财政专项扶贫资金, ...).
std::string_view source_of(std::string_view text, std::string_view field) {
  for (const Word& w : kSources) {
    if (w.chinese == text || w.english == text) return w.english;
  }
  constexpr std::string_view kSuffixes[] = {"衔接推进乡村振兴补助资金", "衔接资金", "专项扶贫资金",
                                            "补助资金", "资金"};
  for (const std::string_view suffix : kSuffixes) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      const std::string_view stem = text.substr(0, text.size() - suffix.size());
      for (const Word& w : kSources) {
        if (w.chinese == stem) return w.english;
      }
    }
  }
  return english_of(kSources, text, field);
}

// A share as counties write it: "3/5", "0.6", or "60%" (exactly 0.60).
std::string share_text(std::string_view text) {
  if (text.empty() || text.back() != '%') return std::string(text);
  std::string number(text.substr(0, text.size() - 1));
  const std::size_t point = std::min(number.find('.'), number.size());
  std::string whole = number.substr(0, point);
  const std::string fraction = point < number.size() ? number.substr(point + 1) : "";
  if (whole.empty() || whole.find_first_not_of("0123456789") != std::string::npos ||
      fraction.find_first_not_of("0123456789") != std::string::npos) {
    return std::string(text);  // the parser names it
  }
  while (whole.size() < 3) whole.insert(whole.begin(), '0');
  return whole.substr(0, whole.size() - 2) + "." + whole.substr(whole.size() - 2) + fraction;
}

template <std::size_t N>
std::string_view chinese_of(const Word (&words)[N], std::string_view english) {
  for (const Word& w : words) {
    if (w.english == english) return w.chinese;
  }
  return english;
}

// --- the columns --------------------------------------------------------------------------

enum Column {
  kCode,
  kName,
  kClass,
  kForm,
  kCategory,
  kUseRightYears,
  kProjectName,
  kProjectYear,
  kImplementingUnit,
  kDivision,
  kPlace,
  kQuantity,
  kUnit,
  kCompleted,
  kOriginalYuan,
  kOriginalWanYuan,
  kFundingYuan,
  kFundingWanYuan,
  kOwners,
  kStatus,
  kMaintainer,
  kMaintenancePerson,
  kMaintenanceMode,
  kInvestee,
  kStake,
  kColumns
};

const std::vector<SheetColumn> kSheetColumns = {
    {"资产编号", "code", "the asset's code, unique in the register", true},
    {"资产名称", "name", "its name", true},
    {"资产类别", "class", "经营性, 公益性 or 到户类", true},
    {"资产形态", "form", "固定资产 (default), 生物资产, 股权, 债权, 无形资产, 使用权", false},
    {"资产分类", "category", "温室大棚, 光伏电站, 构筑物, 基础设施, ... (default 其他)", false},
    {"使用权年限", "use_right_years", "years of a use right's term", false},
    {"项目名称", "project_name", "the project that formed it", false},
    {"项目年度", "project_year", "the project's year", false},
    {"实施单位", "implementing_unit", "who built it", false},
    {"区划代码", "division", "12-digit division code (or 所在地: a division's unique name)", true},
    {"坐落位置", "place", "where it stands, in words", false},
    {"数量", "quantity", "quantity, up to three decimals", false},
    {"计量单位", "unit", "unit of the quantity", false},
    {"建成时间", "completed", "completion date: 2021-06-30, 2021/6/30 or 2021年6月30日", true},
    {"原值(元)", "original_yuan", "original value in 元, at most two decimals", true},
    {"原值(万元)", "original_wan_yuan", "or in 万元, at most six decimals", true},
    {"资金来源(元)", "funding_yuan", "中央财政:80000;县级财政:40000 (amounts in 元)", true},
    {"资金来源(万元)", "funding_wan_yuan", "or the same in 万元", true},
    {"产权归属", "owners", "owner:share;... by name, credit code or #id (share 1 if alone)", false},
    {"使用状态", "status", "在用 (default), 闲置, 低效, 出租, 损毁", false},
    {"管护主体", "maintainer", "the party bound to maintain it (name, credit code or #id)", false},
    {"管护责任人", "maintenance_person", "the person responsible", false},
    {"管护方式", "maintenance_mode", "公益性岗位, 农户自管, 购买服务, 村集体管护 (default), ...",
     false},
    {"被投资单位", "investee",
     "equity (股权): the enterprise or cooperative invested in (name, credit code or #id)", false},
    {"持股比例", "stake", "equity: the part of the investee held (3/5, 0.6 or 60%)", false},
};

}  // namespace

namespace sheet {

std::string percent_share_text(std::string_view text) { return share_text(text); }

std::string column_of_refusal(const Error& error) {
  // "RuleViolation: status: ...": the field is the word after the kind, up to the colon.
  std::string_view text = error.what();
  const std::size_t kind_end = text.find(": ");
  if (kind_end == std::string_view::npos) return {};
  text.remove_prefix(kind_end + 2);
  const std::size_t field_end = text.find(':');
  if (field_end == std::string_view::npos) return {};
  std::string_view field = text.substr(0, field_end);
  if (const std::size_t index = field.find('['); index != std::string_view::npos) {
    field = field.substr(0, index);  // owners[1] -> owners
  }
  static constexpr std::pair<std::string_view, std::string_view> kColumns[] = {
      {"asset", "资产编号"},
      {"code", "资产编号"},
      {"status", "使用状态"},
      {"owners", "产权归属"},
      {"to", "产权归属"},
      {"division", "区划代码"},
      {"until", "期间止"},
      {"from", "期间起"},
      {"amount", "金额"},
      {"payer", "付款方"},
      {"condition", "状况"},
      {"inspector", "巡查人"},
      {"name", "名称"},
      {"original", "原值"},
      {"funding", "资金来源"},
      {"completed", "建成时间"},
      {"credit_code", "统一社会信用代码"},
      {"person_hash", "身份证号"},
      {"kind", "主体类型"},
      {"role", "角色"},
      {"jurisdiction", "辖区"},
      {"party", "代表单位"},
      {"valid_until", "终止日期"},
      {"valid_from", "起始日期"},
      {"category", "资产分类"},
      {"form", "资产形态"},
      {"asset_class", "资产类别"},
      {"maintainer", "管护主体"},
      {"person", "管护责任人"},
      {"mode", "管护方式"},
      {"start", "开始日期"},
      {"end", "结束日期"},
      {"place", "地点"},
      {"subject_id", "记录号"},
      {"reason", "原因"},
      {"stake", "持股比例"},
      {"investee", "被投资单位"}};
  for (const auto& [english, column] : kColumns) {
    if (english == field) return std::string(column);
  }
  return {};
}

std::string trim(std::string_view text) {
  auto begin = text.begin(), end = text.end();
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (begin != end && space(*begin)) ++begin;
  while (end != begin && space(*(end - 1))) --end;
  std::string out(begin, end);
  // Full-width spaces at either end, common in Chinese sheets.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (out.size() >= 3 && out.compare(0, 3, kIdeographicSpace) == 0) out.erase(0, 3);
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, kIdeographicSpace) == 0) {
    out.erase(out.size() - 3);
  }
  return out;
}

// Headers match with full-width parentheses too: 原值（元） is 原值(元).
std::string normal_header(std::string_view header) {
  std::string out = trim(header);
  for (const auto& [wide, narrow] :
       {std::pair<std::string_view, std::string_view>{"\xEF\xBC\x88", "("},
        {"\xEF\xBC\x89", ")"}}) {
    for (std::size_t at; (at = out.find(wide)) != std::string::npos;) {
      out.replace(at, wide.size(), narrow);
    }
  }
  return out;
}

// An amount as Excel shows it: "1,283,600.00" (thousands separators in their places) read as
// "1283600.00"; anything else as it is, for the exact parser to judge.
std::string without_thousands(std::string_view text) {
  const std::size_t point = std::min(text.find('.'), text.size());
  const std::string_view whole = text.substr(0, point);
  if (whole.find(',') == std::string_view::npos) return std::string(text);
  // Groups of three digits after a first group of one to three.
  const std::size_t first = whole.find(',');
  if (first == 0 || first > 3) return std::string(text);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const bool comma_place = i >= first && (i - first) % 4 == 0;
    if (comma_place != (whole[i] == ',')) return std::string(text);
    if (!comma_place && (whole[i] < '0' || whole[i] > '9')) return std::string(text);
  }
  if ((whole.size() - first) % 4 != 0) return std::string(text);
  std::string out;
  for (const char c : text) {
    if (c != ',') out.push_back(c);
  }
  return out;
}

}  // namespace sheet

namespace {

using sheet::normal_header;
using sheet::parse_sheet_date;
using sheet::PartyIndex;
using sheet::trim;
using sheet::without_thousands;

std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size();) {
    bool matched = false;
    for (std::string_view separator :
         {std::string_view(";"), std::string_view("\xEF\xBC\x9B"), std::string_view(",")}) {
      if (separators.find(separator) == std::string_view::npos) continue;
      if (text.substr(i, separator.size()) == separator) {
        parts.push_back(trim(current));
        current.clear();
        i += separator.size();
        matched = true;
        break;
      }
    }
    if (!matched) current.push_back(text[i++]);
  }
  if (!trim(current).empty() || !parts.empty()) parts.push_back(trim(current));
  return parts;
}

// "name:value" with an ASCII or full-width colon.
std::pair<std::string, std::string> split_pair(std::string_view text) {
  std::size_t at = text.rfind(':');
  std::size_t width = 1;
  const std::size_t wide = text.rfind("\xEF\xBC\x9A");
  if (wide != std::string_view::npos && (at == std::string_view::npos || wide > at)) {
    at = wide;
    width = 3;
  }
  if (at == std::string_view::npos) return {trim(text), ""};
  return {trim(text.substr(0, at)), trim(text.substr(at + width))};
}

}  // namespace

namespace sheet {

Date parse_sheet_date(std::string_view text, std::string_view field) {
  // 2021/6/30 and 2021年6月30日 as well as 2021-06-30.
  std::string digits;
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') {
      parts.back().push_back(static_cast<char>(c));
      ++i;
    } else {
      if (!parts.back().empty()) parts.emplace_back();
      i += c < 0x80 ? 1 : (c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2);
    }
  }
  if (parts.back().empty()) parts.pop_back();
  const bool plain = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (plain) return Date::parse(text, field);
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2 ||
      parts[1].empty() || parts[2].empty()) {
    throw_invalid(field, text,
                  "不是日期，应写作 2021-06-30、2021/6/30 或 2021年6月30日 (not a date)");
  }
  auto two = [](const std::string& p) { return p.size() == 1 ? "0" + p : p; };
  return Date::parse(parts[0] + "-" + two(parts[1]) + "-" + two(parts[2]), field);
}

}  // namespace sheet

namespace {

struct ParsedRow {
  std::size_t row = 0;  // as the spreadsheet numbers it
  AssetRegistered asset;
  std::optional<MaintenanceBound> maintenance;  // asset id filled after registration
  // A row whose 资产编号 is registered: that asset, and the writes that bring it to the row
  // (none when it already says what the row says).
  std::uint64_t existing = 0;
  std::vector<RegistryWrite> updates;
  std::string changes;  // what the updates change, in words (名称、状态 闲置→在用、管护)
};

}  // namespace

std::string decode_sheet_text(std::string_view bytes) {
  if (bytes.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    bytes.remove_prefix(kByteOrderMark.size());
  }
  if (is_valid_utf8(bytes)) return std::string(bytes);
  iconv_t convert = iconv_open("UTF-8", "GB18030");
  if (convert == reinterpret_cast<iconv_t>(-1)) {
    throw_error(ErrorKind::kStorageError, "text: this system cannot convert GB18030");
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* to = out.data();
  std::size_t out_left = out.size();
  const std::size_t done = iconv(convert, &in, &in_left, &to, &out_left);
  iconv_close(convert);
  if (done == static_cast<std::size_t>(-1) || in_left != 0) {
    const std::size_t at = bytes.size() - in_left;
    throw_invalid("text", "byte " + std::to_string(at + 1),
                  "the file is neither UTF-8 nor GB18030 (GBK): save it as UTF-8 CSV or .xlsx");
  }
  out.resize(out.size() - out_left);
  if (!is_valid_utf8(out)) throw_invalid("text", "", "the converted text is not valid UTF-8");
  return out;
}

Sheet parse_csv(std::string_view raw) {
  const std::string decoded = decode_sheet_text(raw);
  std::string_view text = decoded;
  Sheet sheet;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, cell_started = false;
  std::size_t line = 1, quote_line = 0;
  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  };
  auto end_row = [&] {
    end_cell();
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) sheet.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
    } else {
      cell.push_back(c);
      cell_started = true;
    }
  }
  if (quoted) {
    throw_invalid("csv", "line " + std::to_string(quote_line),
                  "引号内的单元格没有结束 (a quoted cell is never closed)");
  }
  if (cell_started || !row.empty()) end_row();
  return sheet;
}

std::string write_csv(const Sheet& sheet) {
  std::string out(kByteOrderMark);
  for (const auto& row : sheet) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i != 0) out.push_back(',');
      if (needs_quotes(row[i])) {
        out.push_back('"');
        for (char c : row[i]) {
          if (c == '"') out.push_back('"');
          out.push_back(c);
        }
        out.push_back('"');
      } else {
        out += row[i];
      }
    }
    out += "\r\n";
  }
  return out;
}

const std::vector<SheetColumn>& sheet_columns() { return kSheetColumns; }

namespace {

// Where each column stands in the sheet (none for a column it does not have).
using ColumnPlaces = std::array<std::optional<std::size_t>, kColumns>;

// The column a header names, if it is one of the sheet's.
std::optional<std::size_t> column_named(const std::string& name) {
  for (std::size_t k = 0; k < kSheetColumns.size(); ++k) {
    if (name == kSheetColumns[k].chinese || name == kSheetColumns[k].english) return k;
  }
  if (name == "所在地" || name == "location") return kDivision;
  return std::nullopt;
}

// Phase 1, the header: every named cell a known column or ignored (listed in `ignored`, such as
// 序号, 乡镇 or 备注), none twice, the required ones present, and exactly one of the 元 and 万元
// columns for the original value and for the funding.
ColumnPlaces read_header(const std::vector<std::string>& header,
                         std::vector<std::string>& ignored) {
  ColumnPlaces at{};
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string name = normal_header(header[c]);
    const std::string where = "header column " + std::to_string(c + 1);
    if (name.empty()) {
      throw_invalid(where, "",
                    "表头为空（合并单元格？），不能对应任何列 (an empty header, a merged cell?, "
                    "names no column)");
    }
    const std::optional<std::size_t> column = column_named(name);
    if (!column) {
      ignored.push_back(name);
      continue;
    }
    if (at[*column]) throw_invalid(where, name, "同一列出现两次 (the same column appears twice)");
    at[*column] = c;
  }
  for (std::size_t k = 0; k < kSheetColumns.size(); ++k) {
    if (k == kOriginalWanYuan || k == kFundingWanYuan || k == kOriginalYuan || k == kFundingYuan) {
      continue;
    }
    if (kSheetColumns[k].required && !at[k]) {
      throw_invalid("header", std::string(kSheetColumns[k].chinese),
                    "缺少必填列 (a required column is missing)");
    }
  }
  if (at[kOriginalYuan].has_value() == at[kOriginalWanYuan].has_value()) {
    throw_invalid("header", "原值", "原值(元) 与 原值(万元) 二者只给一个 (exactly one of the two)");
  }
  if (at[kFundingYuan].has_value() == at[kFundingWanYuan].has_value()) {
    throw_invalid("header", "资金来源",
                  "资金来源(元) 与 资金来源(万元) 二者只给一个 (exactly one of the two)");
  }
  return at;
}

// Phase 2: what the rows refer to in the register, read once: divisions by code (every
// version) and by unique name, and parties by id, credit code or name.
struct RegisterIndex {
  explicit RegisterIndex(const Registry& registry) : RegisterIndex(registry, registry.parties()) {}
  RegisterIndex(const Registry& registry, const std::vector<Party>& all) : parties(all) {
    for (Division& d : registry.divisions()) {
      auto [it, fresh] = division_by_name.emplace(d.name, d.code);
      if (!fresh && it->second != d.code) it->second.clear();  // ambiguous name
      divisions[d.code].push_back(std::move(d));
    }
    for (const Party& p : all) {
      if (p.data.kind == PartyKind::kVillageCollective) {
        collectives[p.data.division].push_back(p.id);
      }
    }
  }

  // A maintainer as sheets name it when it is not a party's name: the village (石桥村 or its
  // code) or its committee (石桥村村民委员会, 石桥村委会), which maintains through the village's
  // collective economic organisation. None unless the village has exactly one.
  std::optional<std::uint64_t> village_maintainer(const std::string& text) const {
    std::string village = text;
    for (const std::string_view suffix : {"村民委员会", "村委会", "委员会"}) {
      if (village.size() > suffix.size() && village.ends_with(suffix)) {
        village.erase(village.size() - suffix.size());
        break;
      }
    }
    std::string code;
    for (const std::string& name : {village, village + "村"}) {
      if (divisions.count(name) != 0) code = name;
      const auto named = division_by_name.find(name);
      if (code.empty() && named != division_by_name.end()) code = named->second;
    }
    const auto found = collectives.find(code);
    if (code.empty() || found == collectives.end() || found->second.size() != 1) {
      return std::nullopt;
    }
    return found->second.front();
  }

  std::map<std::string, std::vector<Division>> divisions;
  std::map<std::string, std::string> division_by_name;            // empty code: ambiguous
  std::map<std::string, std::vector<std::uint64_t>> collectives;  // by division
  PartyIndex parties;
};

// Phase 3: one row into an asset (and its maintenance binding), by the columns' rules. Throws
// InvalidInput naming the column; current() says which column was being read.
class RowReader {
 public:
  RowReader(const Registry& registry, const ColumnPlaces& at, const RegisterIndex& index,
            const SheetImportOptions& options, const std::vector<std::string>& cells)
      : registry_(registry), at_(at), index_(index), options_(options), cells_(cells) {}

  // Reads the row, each group of columns on its own, so every problem of the row is reported
  // at once (problems()); a group that needs another's result is skipped when that one failed.
  ParsedRow read(std::size_t row_number, std::size_t header_size,
                 std::set<std::string>& codes_seen) {
    row_ = row_number;
    ParsedRow parsed;
    parsed.row = row_number;
    if (!step([&] {
          if (cells_.size() > header_size) {
            current_ = kColumns;
            throw_invalid("row", std::to_string(cells_.size()) + " cells",
                          "单元格比表头的列多 (more cells than the header has columns)");
          }
        })) {
      return parsed;
    }
    // A cell that starts a spreadsheet formula is refused: it would compute, not say, a value
    // (and a name like =HYPERLINK(...) would become live again on export).
    for (int k = 0; k < kColumns; ++k) {
      const auto column = static_cast<Column>(k);
      if (!at_[column] || *at_[column] >= cells_.size()) continue;
      const std::string text = trim(cells_[*at_[column]]);
      step([&] {
        if (!text.empty() && (text[0] == '=' || text[0] == '@')) {
          throw_invalid(field(column), text,
                        "像是电子表格公式；若是文字，请在前面加一个撇号 (') (looks like a "
                        "spreadsheet formula)");
        }
      });
    }
    if (!problems_.empty()) return parsed;
    const bool identity = step([&] { read_identity(parsed.asset, codes_seen); });
    step([&] { read_place(parsed.asset.description); });
    step([&] { read_amounts(parsed.asset.description); });
    step([&] { read_owners(parsed.asset); });
    step([&] {
      if (!cell(kInvestee).empty()) {
        parsed.asset.description.investee = index_.parties.find(cell(kInvestee), field(kInvestee));
      }
      if (!cell(kStake).empty()) {
        parsed.asset.description.stake = Share::parse(share_text(cell(kStake)), field(kStake));
      }
    });
    step([&] {
      if (!cell(kStatus).empty()) {
        parsed.asset.status = parse_asset_status(
            english_of(kStatuses, cell(kStatus), field(kStatus)), field(kStatus));
      }
    });
    if (identity) {
      // A household keeps its own asset (no binding): 农户自管 (or nothing) on a 到户类 row says
      // just that, whoever the row names as keeper.
      step([&] {
        if (parsed.asset.asset_class == AssetClass::kHousehold) {
          const std::string mode = cell(kMaintenanceMode);
          if (!mode.empty() &&
              english_of(kModes, mode, field(kMaintenanceMode)) != "household_self") {
            throw_invalid(field(kMaintenanceMode), mode,
                          "到户类资产由农户自管，管护方式填 农户自管 或留空 (a household keeps its "
                          "own asset)");
          }
        } else {
          parsed.maintenance = read_maintenance();
        }
      });
    }
    if (problems_.empty() && existing_) step([&] { updates_of(parsed); });
    return parsed;
  }

  // The problems read() found in the row, in column order of reading.
  const std::vector<RowProblem>& problems() const { return problems_; }

  Column current() const { return current_; }
  std::string cell(Column k) const {
    if (!at_[k] || *at_[k] >= cells_.size()) return "";
    std::string text = trim(cells_[*at_[k]]);
    // An apostrophe before = + - @ keeps text from being a formula (export writes it so).
    if (text.size() >= 2 && text[0] == '\'' && is_formula_start(text[1])) text.erase(0, 1);
    return text;
  }

 private:
  std::string field(Column k) {
    current_ = k;
    return std::string(kSheetColumns[k].chinese);
  }
  std::string required(Column k) {
    const std::string value = cell(k);
    if (value.empty()) throw_invalid(field(k), "", "必填 (required)");
    return value;
  }
  std::uint16_t small_number(Column k, int max) {
    const std::string value = cell(k);
    if (value.empty()) return 0;
    if (value.size() > 4 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(value) > max) {
      throw_invalid(field(k), value, "不超过 " + std::to_string(max) + " 的整数 (a whole number)");
    }
    return static_cast<std::uint16_t>(std::stoi(value));
  }

  // Code (new, and once in the sheet), name, class, form, category, project.
  void read_identity(AssetRegistered& a, std::set<std::string>& codes_seen) {
    AssetDescription& d = a.description;
    a.code = required(kCode);
    if (!codes_seen.insert(a.code).second) {
      throw_invalid(field(kCode), a.code,
                    "本表前面的行已有此编号 (appears on an earlier row of this sheet)");
    }
    if (const auto registered = registry_.find_asset_by_code(a.code)) {
      existing_ = *registered;
    }
    d.name = required(kName);
    a.asset_class =
        parse_asset_class(english_of(kClasses, required(kClass), field(kClass)), field(kClass));
    if (!cell(kForm).empty()) {
      d.form = parse_asset_form(english_of(kForms, cell(kForm), field(kForm)), field(kForm));
    }
    if (!cell(kCategory).empty()) {
      d.category = parse_asset_category(english_of(kCategories, cell(kCategory), field(kCategory)),
                                        field(kCategory));
      // Without a 资产形态, the category says it: 股权投资 is equity, 土地经营权 a use right,
      // 牲畜 a biological asset.
      if (cell(kForm).empty()) {
        if (d.category == AssetCategory::kEquity) d.form = AssetForm::kEquity;
        if (d.category == AssetCategory::kUseRight) d.form = AssetForm::kUseRight;
        if (d.category == AssetCategory::kLivestock) d.form = AssetForm::kBiological;
      }
    }
    d.use_right_years = small_number(kUseRightYears, 999);
    d.project_name = cell(kProjectName);
    d.project_year = small_number(kProjectYear, 2100);
    d.implementing_unit = cell(kImplementingUnit);
  }

  // The division (a code, or the unique name of one) in force on the completion date, the
  // place, quantity and unit.
  void read_place(AssetDescription& d) {
    std::string division = required(kDivision);
    field(kDivision);
    if (index_.divisions.count(division) == 0) {
      const auto named = index_.division_by_name.find(division);
      if (named == index_.division_by_name.end() || named->second.empty()) {
        throw_invalid(field(kDivision), division,
                      named == index_.division_by_name.end()
                          ? "区划表中没有此区划（填区划代码或唯一的区划名称） (not a division of "
                            "the register)"
                          : "多个区划同名，请填区划代码 (several divisions have that name)");
      }
      division = named->second;
    }
    d.division = division;
    d.place = cell(kPlace);
    if (!cell(kQuantity).empty()) {
      d.quantity_milli = parse_quantity_milli(cell(kQuantity), field(kQuantity));
    }
    d.unit = cell(kUnit);
    d.completed = parse_sheet_date(required(kCompleted), field(kCompleted));
    bool in_force = false;
    for (const Division& version : index_.divisions.at(d.division)) {
      in_force = in_force || (version.valid_from <= d.completed &&
                              (!version.valid_until || d.completed <= *version.valid_until));
    }
    if (!in_force) {
      throw_invalid(field(kDivision), d.division,
                    "在建成时间 " + d.completed.to_string() +
                        " 时该区划尚未生效或已失效，请核对区划表的起始日期 (not in force on the "
                        "completion date)");
    }
  }

  // The original value and its funding sources (来源:金额; ...), in 元 or 万元, exactly; the
  // sources sum to the original value.
  void read_amounts(AssetDescription& d) {
    const bool wan = at_[kOriginalWanYuan].has_value();
    const Column original_column = wan ? kOriginalWanYuan : kOriginalYuan;
    const std::string original = without_thousands(required(original_column));
    d.original = wan ? Money::parse_wan_yuan(original, field(original_column))
                     : Money::parse_yuan(original, field(original_column));
    const bool funding_wan = at_[kFundingWanYuan].has_value();
    const Column funding_column = funding_wan ? kFundingWanYuan : kFundingYuan;
    const std::string funding = required(funding_column);
    Money funded;
    const std::vector<std::string> parts = split(funding, ";\xEF\xBC\x9B");
    for (const std::string& part : parts) {
      auto [source, amount] = split_pair(part);
      // A lone source without an amount takes the whole original value.
      if (amount.empty() && parts.size() == 1) {
        const FundingSource kind =
            parse_funding_source(source_of(source, field(funding_column)), field(funding_column));
        d.funding.push_back({kind, d.original});
        funded += d.original;
        continue;
      }
      if (amount.empty())
        throw_invalid(field(funding_column), part,
                      "多个来源时每项写作 来源:金额 (each source is 来源:金额)");
      amount = without_thousands(amount);
      const FundingSource kind =
          parse_funding_source(source_of(source, field(funding_column)), field(funding_column));
      const Money money = funding_wan ? Money::parse_wan_yuan(amount, field(funding_column))
                                      : Money::parse_yuan(amount, field(funding_column));
      d.funding.push_back({kind, money});
      funded += money;
    }
    if (funded != d.original) {
      throw_invalid(field(funding_column), funding,
                    "各来源合计 " + funded.to_yuan_string() + " 元，与原值 " +
                        d.original.to_yuan_string() +
                        " 元不符 (the sources do not sum to the original value)");
    }
  }

  // The owners (产权人:份额; ..., one owner may leave out its share of 1); shares sum to 1.
  void read_owners(AssetRegistered& a) {
    if (cell(kOwners).empty()) return;
    const std::vector<std::string> owners = split(cell(kOwners), ";\xEF\xBC\x9B");
    for (const std::string& owner : owners) {
      auto [reference, share] = split_pair(owner);
      if (share.empty() && owners.size() == 1) share = "1";
      if (share.empty()) {
        throw_invalid(field(kOwners), owner,
                      "多个产权人时每项写作 产权人:份额 (each of several owners is 产权人:份额)");
      }
      a.owners.push_back({index_.parties.find(reference, field(kOwners)),
                          Share::parse(share_text(share), field(kOwners))});
    }
    std::vector<Share> shares;
    for (const OwnerShare& o : a.owners) shares.push_back(o.share);
    if (!shares_sum_to_one(shares)) {
      throw_invalid(field(kOwners), cell(kOwners),
                    "份额合计不等于 1 (the shares do not sum to exactly 1)");
    }
  }

  // The maintenance binding: the party (管护主体), its person, the mode.
  std::optional<MaintenanceBound> read_maintenance() {
    if (cell(kMaintainer).empty()) {
      if (!cell(kMaintenancePerson).empty()) {
        throw_invalid(field(kMaintenancePerson), cell(kMaintenancePerson),
                      "填了管护责任人，须同时填管护主体 (name the 管护主体 the person works for)");
      }
      return std::nullopt;
    }
    MaintenanceBound m;
    try {
      m.party = index_.parties.find(cell(kMaintainer), field(kMaintainer));
    } catch (const Error&) {
      const auto village = index_.village_maintainer(cell(kMaintainer));
      if (!village) throw;
      m.party = *village;
    }
    m.person = required(kMaintenancePerson);
    if (!cell(kMaintenanceMode).empty()) {
      m.mode = parse_maintenance_mode(
          english_of(kModes, cell(kMaintenanceMode), field(kMaintenanceMode)),
          field(kMaintenanceMode));
    }
    m.from = options_.effective;
    return m;
  }

  // Update by sheet: a registered asset's row becomes the writes that make the register say
  // what the row says, under the register's rules: a correction of the description (the
  // columns the sheet has; the rest kept), a confirmation of owners it had none of, a status
  // change, a new maintenance binding. Owners it has are changed only by a procedure.
  void updates_of(ParsedRow& parsed) {
    const Asset& before = *existing_;
    parsed.existing = before.id;
    const std::string reason = "按台账表格更新 (update by sheet)";
    if (parsed.asset.asset_class != before.asset_class) {
      throw_invalid(field(kClass), cell(kClass),
                    "登记后资产类别不能由表格更改 (a registered asset's class is not changed "
                    "by a sheet; it is " +
                        std::string(name_of(before.asset_class)) + ")");
    }
    AssetDescription merged = before.description;
    const AssetDescription& row = parsed.asset.description;
    auto take = [&](Column k, auto member) {
      if (at_[k]) merged.*member = row.*member;
    };
    take(kName, &AssetDescription::name);
    take(kForm, &AssetDescription::form);
    take(kCategory, &AssetDescription::category);
    take(kUseRightYears, &AssetDescription::use_right_years);
    take(kProjectName, &AssetDescription::project_name);
    take(kProjectYear, &AssetDescription::project_year);
    take(kImplementingUnit, &AssetDescription::implementing_unit);
    take(kDivision, &AssetDescription::division);
    take(kPlace, &AssetDescription::place);
    take(kQuantity, &AssetDescription::quantity_milli);
    take(kUnit, &AssetDescription::unit);
    take(kCompleted, &AssetDescription::completed);
    take(kInvestee, &AssetDescription::investee);
    take(kStake, &AssetDescription::stake);
    merged.original = row.original;
    merged.funding = row.funding;
    std::vector<std::string> changed;
    const AssetDescription& was = before.description;
    // A row that renames the asset and changes its value describes another asset under a code
    // already used (a typed code, a copied row): refused, naming what the code is registered
    // as, rather than turning one asset into another by a "correction".
    if (merged.name != was.name && merged.original != was.original) {
      current_ = kName;
      throw_invalid(field(kName), cell(kName),
                    "资产编号 " + before.code + " 已登记为“" + was.name + "”（原值 " +
                        was.original.to_yuan_string() +
                        " 元）：这一行的名称和原值都不同，像是另一项资产。新资产请用新的资产编号；"
                        "确是同一资产登记有误，请分两次更正（先名称，后原值） (the code is "
                        "registered for another asset: a new asset needs a new code)");
    }
    for (const auto& [differs, what] : std::initializer_list<std::pair<bool, std::string>>{
             {merged.name != was.name, "名称 " + was.name + "→" + merged.name},
             {merged.form != was.form || merged.category != was.category, "形态或分类"},
             {merged.project_name != was.project_name || merged.project_year != was.project_year ||
                  merged.implementing_unit != was.implementing_unit,
              "项目"},
             {merged.division != was.division || merged.place != was.place, "坐落"},
             {merged.quantity_milli != was.quantity_milli || merged.unit != was.unit, "数量"},
             {merged.completed != was.completed, "建成时间"},
             {merged.original != was.original, "原值 " + was.original.to_yuan_string() + "→" +
                                                   merged.original.to_yuan_string() + " 元"},
             {merged.use_right_years != was.use_right_years, "使用权年限"},
             {merged.investee != was.investee || merged.stake != was.stake, "投资"}}) {
      if (differs) changed.emplace_back(what);
    }
    if (!same_description(merged, before.description)) {
      bool same_funding = merged.funding.size() == was.funding.size();
      for (std::size_t i = 0; same_funding && i < was.funding.size(); ++i) {
        same_funding = merged.funding[i].source == was.funding[i].source &&
                       merged.funding[i].amount == was.funding[i].amount;
      }
      if (!same_funding) changed.emplace_back("资金来源");
      parsed.updates.push_back(
          AssetCorrected{before.id, before.description_sequence, merged, reason});
    }
    if (at_[kOwners] && !parsed.asset.owners.empty() &&
        !same_owners(parsed.asset.owners, before.owners)) {
      if (!before.owners.empty()) {
        current_ = kOwners;
        throw_invalid(field(kOwners), cell(kOwners),
                      "已确权资产的产权只能经移交、处置或产权更正程序变更，不能由表格更改 "
                      "(owners change only by a handover, a disposal or a correction)");
      }
      changed.emplace_back("确权");
      OwnershipConfirmed confirmed;
      confirmed.asset = before.id;
      confirmed.owners = parsed.asset.owners;
      parsed.updates.push_back(std::move(confirmed));
    }
    if (at_[kStatus] && !cell(kStatus).empty() && parsed.asset.status != before.status) {
      changed.push_back("状态 " + std::string(chinese_of(kStatuses, name_of(before.status))) + "→" +
                        std::string(chinese_of(kStatuses, name_of(parsed.asset.status))));
      parsed.updates.push_back(AssetStatusChanged{before.id, parsed.asset.status, reason});
    }
    if (parsed.maintenance) {
      const auto current = registry_.maintenance(before.id);
      const MaintenanceBound& m = *parsed.maintenance;
      if (!current || current->party != m.party || current->person != m.person ||
          current->mode != m.mode) {
        MaintenanceBound bound = m;
        bound.asset = before.id;
        bound.inspection_interval_days =
            current ? current->inspection_interval_days : m.inspection_interval_days;
        parsed.updates.push_back(std::move(bound));
        changed.emplace_back("管护");
      }
      parsed.maintenance.reset();
    }
    for (const std::string& what : changed) {
      parsed.changes += (parsed.changes.empty() ? "" : "、") + what;
    }
  }

  static bool same_description(const AssetDescription& a, const AssetDescription& b) {
    if (a.funding.size() != b.funding.size()) return false;
    for (std::size_t i = 0; i < a.funding.size(); ++i) {
      if (a.funding[i].source != b.funding[i].source ||
          a.funding[i].amount != b.funding[i].amount) {
        return false;
      }
    }
    return a.name == b.name && a.form == b.form && a.category == b.category &&
           a.use_right_years == b.use_right_years && a.project_name == b.project_name &&
           a.project_year == b.project_year && a.implementing_unit == b.implementing_unit &&
           a.division == b.division && a.place == b.place && a.quantity_milli == b.quantity_milli &&
           a.unit == b.unit && a.completed == b.completed && a.original == b.original &&
           a.investee == b.investee && a.stake == b.stake;
  }

  static bool same_owners(const std::vector<OwnerShare>& a, const std::vector<OwnerShare>& b) {
    if (a.size() != b.size()) return false;
    for (const OwnerShare& owner : a) {
      const bool found = std::any_of(b.begin(), b.end(), [&](const OwnerShare& other) {
        return other.party == owner.party && other.share == owner.share;
      });
      if (!found) return false;
    }
    return true;
  }

  const Registry& registry_;
  const ColumnPlaces& at_;
  const RegisterIndex& index_;
  const SheetImportOptions& options_;
  const std::vector<std::string>& cells_;
  Column current_ = kCode;
  std::optional<Asset> existing_;
  std::size_t row_ = 0;
  std::vector<RowProblem> problems_;

  // Runs one group of the row's columns; a problem is kept with its column and value.
  template <typename F>
  bool step(F&& read_group) {
    try {
      read_group();
      return true;
    } catch (const Error& error) {
      const std::string column =
          current_ < kColumns ? std::string(kSheetColumns[current_].chinese) : "";
      problems_.push_back(
          {row_, column, current_ < kColumns ? cell(current_) : "", error.what(), error.chinese()});
      return false;
    }
  }
};

// Phase 4, the register's own rules: the rows that read are submitted in one batch; if the
// register refuses it, trials that write nothing (Registry::check) halve refused parts until
// each refused row stands alone and is reported, and the rest land if the options allow.
// Then the maintenance bindings of the assets registered.
void submit_rows(Registry& registry, const std::vector<ParsedRow>& rows,
                 const SheetImportOptions& options, SheetImportReport& report, bool write) {
  // Each row's registration, then its maintenance binding naming the asset by code: one batch,
  // one transaction, so a sheet lands whole or not at all.
  auto requests_of = [&](const std::vector<const ParsedRow*>& batch) {
    std::vector<RegistryRequest> requests;
    requests.reserve(2 * batch.size());
    for (const ParsedRow* row : batch) {
      if (row->existing != 0) {
        for (const RegistryWrite& update : row->updates) {
          requests.push_back(
              {{options.actor, options.effective, random_request_id(), options.signer},
               update,
               {}});
        }
        continue;
      }
      requests.push_back({{options.actor, options.effective, random_request_id(), options.signer},
                          row->asset,
                          {}});
      if (row->maintenance) {
        MaintenanceBound m = *row->maintenance;
        m.asset = 0;
        m.asset_code = row->asset.code;
        requests.push_back(
            {{options.actor, options.effective, random_request_id(), options.signer}, m, {}});
      }
    }
    return requests;
  };
  // The asset ids among the batch's entries: each row's first.
  auto assets_of = [](const std::vector<const ParsedRow*>& batch,
                      const std::vector<std::uint64_t>& ids) {
    std::vector<std::uint64_t> assets;
    std::size_t at = 0;
    for (const ParsedRow* row : batch) {
      if (row->existing != 0) {
        at += row->updates.size();
        continue;
      }
      assets.push_back(ids.at(at));
      at += row->maintenance ? 2 : 1;
    }
    return assets;
  };
  // Rows of registered assets that already say what the register says write nothing.
  std::vector<const ParsedRow*> good;
  for (const ParsedRow& row : rows) {
    if (row.existing != 0 && row.updates.empty()) {
      ++report.unchanged;
    } else {
      good.push_back(&row);
    }
  }
  auto note_updated = [&](const std::vector<const ParsedRow*>& landed) {
    for (const ParsedRow* row : landed) {
      if (row->existing == 0) continue;
      report.updated.push_back(row->existing);
      report.changes.push_back(row->asset.code + "：" + row->changes);
    }
  };
  if (good.empty()) {
    report.written = write;
    return;
  }
  std::vector<const ParsedRow*> accepted;
  std::function<void(std::vector<const ParsedRow*>)> sift =
      [&](std::vector<const ParsedRow*> part) {
        if (part.empty()) return;
        try {
          registry.check(requests_of(part));
          accepted.insert(accepted.end(), part.begin(), part.end());
        } catch (const Error& error) {
          if (part.size() == 1) {
            report.problems.push_back(
                {part[0]->row, sheet::column_of_refusal(error),
                 sheet::column_of_refusal(error).empty() ? part[0]->asset.code : "", error.what(),
                 error.chinese()});
            return;
          }
          const auto middle = part.begin() + static_cast<std::ptrdiff_t>(part.size() / 2);
          sift({part.begin(), middle});
          sift({middle, part.end()});
        }
      };
  if (!write) {
    sift(good);  // only checked: the problems of every row, nothing written
    return;
  }
  try {
    report.assets = assets_of(good, registry.submit(requests_of(good)));
    accepted = good;
    note_updated(good);
  } catch (const Error&) {
    sift(good);
    std::sort(report.problems.begin(), report.problems.end(),
              [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
    if (!report.problems.empty() && !options.keep_good_rows) return;
    std::sort(accepted.begin(), accepted.end(),
              [](const ParsedRow* a, const ParsedRow* b) { return a->row < b->row; });
    if (accepted.empty()) return;
    report.assets = assets_of(accepted, registry.submit(requests_of(accepted)));
    note_updated(accepted);
  }
  report.written = true;
}

}  // namespace

SheetImportReport import_asset_sheet(Registry& registry, const Sheet& sheet,
                                     const SheetImportOptions& options) {
  SheetImportReport report;
  if (sheet.empty()) throw_invalid("sheet", "", "no header row");
  // The header is the first of the first rows that names three columns of the sheet; rows above
  // it are titles (\"XX县扶贫项目资产台账\", the unit, the date) and are skipped.
  std::size_t header_row = 0;
  for (std::size_t r = 0; r < std::min<std::size_t>(sheet.size(), 10); ++r) {
    const auto named = std::count_if(sheet[r].begin(), sheet[r].end(), [](const std::string& c) {
      return column_named(normal_header(c)).has_value();
    });
    if (named >= 3) {
      header_row = r;
      break;
    }
  }
  report.header_row = header_row + 1;
  const std::vector<std::string>& header = sheet[header_row];
  const ColumnPlaces at = read_header(header, report.ignored_columns);
  const RegisterIndex index(registry);
  std::vector<ParsedRow> rows;
  std::set<std::string> codes_seen;
  for (std::size_t r = header_row + 1; r < sheet.size(); ++r) {
    ++report.rows;
    RowReader reader(registry, at, index, options, sheet[r]);
    ParsedRow parsed = reader.read(r + 1, header.size(), codes_seen);
    if (reader.problems().empty()) {
      rows.push_back(std::move(parsed));
    } else {
      report.problems.insert(report.problems.end(), reader.problems().begin(),
                             reader.problems().end());
    }
  }
  // The register's own rules for the rows that read, in the same pass: with problems already
  // (and no keep_good_rows) only checked, nothing written.
  submit_rows(registry, rows, options, report, report.problems.empty() || options.keep_good_rows);
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  return report;
}

namespace sheet {

std::string TableLayout::cell(const std::vector<std::string>& row, std::size_t k) const {
  return at[k] && *at[k] < row.size() ? trim(row[*at[k]]) : std::string();
}

TableLayout locate_table(const Sheet& sheet, std::span<const TableColumn> columns,
                         std::string_view what) {
  auto column_of = [&](const std::string& header) -> std::optional<std::size_t> {
    const std::string name = normal_header(header);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const auto& names = columns[k].names;
      if (std::find(names.begin(), names.end(), name) != names.end()) return k;
    }
    return std::nullopt;
  };
  std::string required;
  for (const TableColumn& column : columns) {
    if (column.required) required += (required.empty() ? "" : "、") + std::string(column.names[0]);
  }
  TableLayout layout;
  layout.header_row = sheet.size();
  for (std::size_t r = 0; r < std::min<std::size_t>(sheet.size(), 10); ++r) {
    const auto named = std::count_if(sheet[r].begin(), sheet[r].end(), [&](const std::string& c) {
      return column_of(c).has_value();
    });
    if (named >= 2) {
      layout.header_row = r;
      break;
    }
  }
  if (layout.header_row == sheet.size()) {
    throw_invalid("表头 (header)", "",
                  "前 10 行中没有表头；" + std::string(what) + "需要以下列: " + required);
  }
  layout.at.assign(columns.size(), std::nullopt);
  const auto& header = sheet[layout.header_row];
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto k = column_of(header[c]);
    if (!k) {
      if (!trim(header[c]).empty()) layout.ignored.push_back(trim(header[c]));
      continue;
    }
    if (layout.at[*k]) throw_invalid("表头 (header)", header[c], "同一列出现两次 (a column twice)");
    layout.at[*k] = c;
  }
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].required && !layout.at[k]) {
      throw_invalid("表头 (header)", std::string(columns[k].names[0]),
                    "缺少必填列 (a required column is missing); " + std::string(what) +
                        "需要以下列: " + required);
    }
  }
  return layout;
}

void refuse_formula(std::string_view text, std::string_view field) {
  if (!text.empty() && (text[0] == '=' || text[0] == '@')) {
    throw_invalid(field, text,
                  "像是电子表格公式；若是文字，请在前面加一个撇号 (') (looks like a spreadsheet "
                  "formula; put an apostrophe before it if it is text)");
  }
}

}  // namespace sheet

DivisionSheet read_division_sheet(const Sheet& sheet, Date valid_from) {
  enum { kCodeColumn, kNameColumn, kFromColumn, kUntilColumn };
  const sheet::TableColumn columns[] = {
      {{"区划代码", "code", "统计用区划代码"}, true},
      {{"名称", "name", "区划名称"}, true},
      {{"起始日期", "valid_from", "生效日期"}, false},
      {{"终止日期", "valid_until", "失效日期"}, false},
  };
  const sheet::TableLayout layout = sheet::locate_table(sheet, columns, "区划表");
  DivisionSheet out;
  out.header_row = layout.header_row + 1;
  out.ignored = layout.ignored;
  for (std::size_t r = layout.header_row + 1; r < sheet.size(); ++r) {
    auto cell = [&](int k) { return layout.cell(sheet[r], k); };
    int k = kCodeColumn;
    try {
      Division d;
      d.code = cell(kCodeColumn);
      check_division_code(d.code, "区划代码");
      k = kNameColumn;
      d.name = cell(kNameColumn);
      sheet::refuse_formula(d.name, "名称");
      if (d.name.empty()) throw_invalid("名称", "", "区划须有名称 (a division has a name)");
      k = kFromColumn;
      d.valid_from =
          cell(kFromColumn).empty() ? valid_from : parse_sheet_date(cell(kFromColumn), "起始日期");
      k = kUntilColumn;
      if (!cell(kUntilColumn).empty()) {
        d.valid_until = parse_sheet_date(cell(kUntilColumn), "终止日期");
        if (*d.valid_until < d.valid_from) {
          throw_invalid("终止日期", cell(kUntilColumn), "早于起始日期 (before the 起始日期)");
        }
      }
      out.divisions.push_back(std::move(d));
    } catch (const Error& error) {
      out.problems.push_back(
          {r + 1, std::string(columns[k].names[0]), cell(k), error.what(), error.chinese()});
    }
  }
  if (!out.problems.empty()) out.divisions.clear();
  return out;
}

Sheet export_asset_sheet(const Registry& registry) {
  Sheet sheet;
  std::vector<Column> columns;  // every column, amounts in 元 only
  for (int c = 0; c < kColumns; ++c) {
    if (c != kOriginalWanYuan && c != kFundingWanYuan) columns.push_back(static_cast<Column>(c));
  }
  std::vector<std::string> header;
  for (Column c : columns) header.emplace_back(kSheetColumns[c].chinese);
  sheet.push_back(std::move(header));
  // Parties by the name a clerk reads where it is unique (the importer finds them by it), by
  // credit code or #id otherwise.
  const std::vector<Party> parties = registry.parties();
  std::map<std::string, int> named;
  for (const Party& p : parties) ++named[p.data.name];
  std::map<std::uint64_t, std::string> reference;
  for (const Party& p : parties) {
    const std::string& name = p.data.name;
    const bool plain = named[name] == 1 && !name.empty() && name[0] != '#' &&
                       name.find_first_of(":;,") == std::string::npos &&
                       name.find("\xEF\xBC\x9A") == std::string::npos &&  // ：
                       name.find("\xEF\xBC\x9B") == std::string::npos;    // ；
    reference[p.id] = plain                        ? name
                      : p.data.credit_code.empty() ? "#" + std::to_string(p.id)
                                                   : p.data.credit_code;
  }
  // A share as a percentage where it is one to two places (60%, 12.5%), else a fraction.
  auto share_cell = [](const Share& share) {
    const auto numerator = static_cast<unsigned __int128>(share.numerator());
    const auto denominator = static_cast<unsigned __int128>(share.denominator());
    if ((numerator * 10000) % denominator != 0) return share.to_string();
    const auto hundredths = static_cast<std::uint64_t>(numerator * 10000 / denominator);
    std::string text = std::to_string(hundredths / 100);
    if (hundredths % 100 != 0) {
      text +=
          "." + std::string(hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
      while (text.back() == '0') text.pop_back();
    }
    return text + "%";
  };
  for (const Asset& a : registry.assets()) {
    const AssetDescription& d = a.description;
    std::string funding, owners;
    for (const FundingLine& line : d.funding) {
      funding += (funding.empty() ? "" : ";") +
                 std::string(chinese_of(kSources, name_of(line.source))) + ":" +
                 line.amount.to_yuan_string();
    }
    for (const OwnerShare& o : a.owners) {
      owners += (owners.empty() ? "" : ";") + reference[o.party] + ":" + share_cell(o.share);
    }
    const std::optional<MaintenanceBound> m = registry.maintenance(a.id);
    sheet.push_back({a.code,
                     d.name,
                     std::string(chinese_of(kClasses, name_of(a.asset_class))),
                     std::string(chinese_of(kForms, name_of(d.form))),
                     std::string(chinese_of(kCategories, name_of(d.category))),
                     d.use_right_years ? std::to_string(d.use_right_years) : "",
                     d.project_name,
                     d.project_year ? std::to_string(d.project_year) : "",
                     d.implementing_unit,
                     d.division,
                     d.place,
                     d.quantity_milli ? quantity_text(d.quantity_milli) : "",
                     d.unit,
                     d.completed.to_string(),
                     d.original.to_yuan_string(),
                     funding,
                     owners,
                     std::string(chinese_of(kStatuses, name_of(a.status))),
                     m ? reference[m->party] : "",
                     m ? m->person : "",
                     m ? std::string(chinese_of(kModes, name_of(m->mode))) : "",
                     d.investee != 0 ? reference[d.investee] : "",
                     d.stake.is_zero() ? "" : share_cell(d.stake)});
    for (std::string& cell : sheet.back()) cell = neutralised(std::move(cell));
  }
  return sheet;
}

}  // namespace taizhang

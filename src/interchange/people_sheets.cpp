// The sheets of who is in the register: parties (主体) and officials (人员), as a county keeps
// them, read into the writes that register them (docs/spreadsheets.md).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "interchange/sheet_support.h"
#include "taizhang/codes.h"
#include "taizhang/error.h"
#include "taizhang/spreadsheet.h"

namespace taizhang {
namespace {

using sheet::english_word;
using sheet::trim;
using sheet::Word;

// Party kinds as counties name them; the first spelling of each kind is the one reports use.
constexpr Word kPartyKindWords[] = {
    {"农户", "household"},
    {"户", "household"},
    {"脱贫户", "household"},
    {"村集体经济组织", "village_collective"},
    {"村集体", "village_collective"},
    {"村股份经济合作社", "village_collective"},
    {"村经济合作社", "village_collective"},
    {"股份经济合作社", "village_collective"},
    {"经济合作社", "village_collective"},
    {"村民小组", "villager_group"},
    {"组集体经济组织", "villager_group"},
    {"乡镇", "township"},
    {"乡镇人民政府", "township"},
    {"乡镇政府", "township"},
    {"县直部门", "county_department"},
    {"行业主管部门", "county_department"},
    {"县级部门", "county_department"},
    {"企业", "enterprise"},
    {"合作社", "cooperative"},
    {"农民专业合作社", "cooperative"},
    {"平台公司", "platform_company"},
    {"村务监督委员会", "supervision_committee"},
    {"监督委员会", "supervision_committee"},
};

constexpr Word kRoleWords[] = {
    {"县级登记员", "county_registrar"},
    {"登记员", "county_registrar"},
    {"县乡村振兴局", "county_rural_revitalization"},
    {"乡村振兴局", "county_rural_revitalization"},
    {"县农业农村局", "county_rural_revitalization"},
    {"县财政局", "county_finance"},
    {"财政局", "county_finance"},
    {"县人民政府", "county_government"},
    {"县政府", "county_government"},
    {"行业主管部门", "sector_department"},
    {"乡镇人民政府", "township_government"},
    {"乡镇政府", "township_government"},
    {"村民委员会", "village_committee"},
    {"村委会", "village_committee"},
    {"村民会议", "village_assembly"},
    {"村民代表会议", "village_assembly"},
    {"农户", "household"},
    {"经营主体", "operator"},
    {"审计", "auditor"},
    {"审计人员", "auditor"},
};

// 是 / 否 as sheets write them.
bool yes_no(std::string_view text, std::string_view field) {
  for (std::string_view yes : {"是", "√", "Y", "y", "1", "yes", "true"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"", "否", "×", "N", "n", "0", "no", "false"}) {
    if (text == no) return false;
  }
  throw_invalid(field, text, "填 是 或 否 (yes or no)");
}

// A division by its code, or by its name when exactly one division has it.
class DivisionIndex {
 public:
  explicit DivisionIndex(const Registry& registry) {
    for (const Division& d : registry.divisions()) {
      codes_.insert(d.code);
      auto [it, fresh] = by_name_.emplace(d.name, d.code);
      if (!fresh && it->second != d.code) it->second.clear();
    }
  }
  std::string find(const std::string& text, std::string_view field) const {
    if (codes_.count(text) != 0) return text;
    if (const auto it = by_name_.find(text); it != by_name_.end()) {
      if (it->second.empty()) {
        throw_invalid(field, text, "多个区划同名，请填区划代码 (several divisions have that name)");
      }
      return it->second;
    }
    check_division_code(text, field);
    throw_invalid(field, text, "区划表中没有此区划 (no such division; taizhang divisions adds it)");
  }

 private:
  std::set<std::string> codes_;
  std::map<std::string, std::string> by_name_;  // empty code: ambiguous
};

std::string read_key_text(const std::string& cell, const std::string& key_directory) {
  if (cell.find(' ') != std::string::npos || cell.find('+') != std::string::npos) return cell;
  const std::filesystem::path path = std::filesystem::path(key_directory) / cell;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw_invalid("公钥", cell,
                  "既不是公钥文本也不是找得到的 .pub 文件 (neither a verifier key nor a key file "
                  "in " +
                      key_directory + ")");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return trim(text.str().substr(0, text.str().find('\n')));
}

}  // namespace

PartySheet read_party_sheet(const Sheet& sheet, const Registry& registry,
                            const IdentityKey* identity_key) {
  enum { kName, kKind, kDivision, kCreditCode, kIdentity, kAlleviated, kMonitored, kUnable };
  const sheet::TableColumn columns[] = {
      {{"名称", "name", "主体名称", "户主姓名", "单位名称"}, true},
      {{"主体类型", "kind", "类型", "主体类别"}, true},
      {{"区划代码", "division", "所在区划", "区划"}, true},
      {{"统一社会信用代码", "credit_code", "信用代码"}, false},
      {{"身份证号", "identity_number", "户主身份证号", "身份证号码"}, false},
      {{"脱贫户", "poverty_alleviated", "是否脱贫户"}, false},
      {{"监测户", "monitored", "是否监测户", "监测对象"}, false},
      {{"无劳动能力", "unable_to_work", "是否无劳动能力"}, false},
  };
  const sheet::TableLayout layout = sheet::locate_table(sheet, columns, "主体表");
  const DivisionIndex divisions(registry);
  const std::vector<Party> registered = registry.parties();
  PartySheet out;
  out.header_row = layout.header_row + 1;
  out.ignored = layout.ignored;
  std::set<std::string> codes_seen;
  for (std::size_t r = layout.header_row + 1; r < sheet.size(); ++r) {
    auto cell = [&](int k) { return layout.cell(sheet[r], k); };
    bool blank = true;
    for (std::size_t k = 0; k < std::size(columns); ++k) blank = blank && cell(k).empty();
    if (blank) continue;  // an empty row between blocks
    int k = kName;
    try {
      PartyRegistered p;
      p.name = cell(kName);
      sheet::refuse_formula(p.name, "名称");
      if (p.name.empty()) throw_invalid("名称", "", "主体须有名称 (a party has a name)");
      k = kKind;
      p.kind = parse_party_kind(english_word(kPartyKindWords, cell(kKind), "主体类型"), "主体类型");
      k = kDivision;
      p.division = divisions.find(cell(kDivision), "区划代码");
      k = kCreditCode;
      p.credit_code = cell(kCreditCode);
      if (!p.credit_code.empty()) {
        check_credit_code(p.credit_code, "统一社会信用代码");
        if (!codes_seen.insert(p.credit_code).second) {
          throw_invalid("统一社会信用代码", p.credit_code, "本表中出现两次 (twice in this sheet)");
        }
      }
      k = kIdentity;
      if (!cell(kIdentity).empty()) {
        if (identity_key == nullptr) {
          throw_invalid("身份证号", "(已隐去)",
                        "登记农户需要县里的身份密钥 --identity-key (the county's identity key "
                        "hashes the number; it is never stored)");
        }
        p.person_hash = identity_key->hash(cell(kIdentity), "身份证号");
      }
      k = kAlleviated;
      p.poverty_alleviated = yes_no(cell(kAlleviated), "脱贫户");
      k = kMonitored;
      p.monitored = yes_no(cell(kMonitored), "监测户");
      k = kUnable;
      p.unable_to_work = yes_no(cell(kUnable), "无劳动能力");
      // The same party registered already: the row says nothing new, or contradicts it.
      const Party* same = nullptr;
      for (const Party& q : registered) {
        const bool by_code = !p.credit_code.empty() && q.data.credit_code == p.credit_code;
        const bool by_person = !p.person_hash.empty() && q.data.person_hash == p.person_hash;
        const bool by_name = p.credit_code.empty() && p.person_hash.empty() &&
                             q.data.kind == p.kind && q.data.name == p.name &&
                             q.data.division == p.division;
        if (by_code || by_person || by_name) same = &q;
      }
      if (same != nullptr) {
        const PartyRegistered& q = same->data;
        if (q.kind == p.kind && q.name == p.name && q.division == p.division &&
            q.poverty_alleviated == p.poverty_alleviated && q.monitored == p.monitored &&
            q.unable_to_work == p.unable_to_work) {
          ++out.unchanged;
          continue;
        }
        k = p.person_hash.empty() ? kCreditCode : kIdentity;
        throw_invalid(std::string(columns[k].names[0]), k == kIdentity ? "(已隐去)" : cell(k),
                      "已登记为另一主体：" + q.name + "（#" + std::to_string(same->id) +
                          "）；主体登记后不由表格更改 (registered as another party)");
      }
      // A household of the same name in the same village, under another identity digest: the
      // same family hashed with another identity key (which would register every household
      // twice), or a second number typed for it. Two families of one name in one village are
      // told apart by their names (杨老二（二组）).
      if (!p.person_hash.empty()) {
        for (const Party& q : registered) {
          if (q.data.kind == PartyKind::kHousehold && q.data.name == p.name &&
              q.data.division == p.division && q.data.person_hash != p.person_hash) {
            k = kIdentity;
            throw_invalid(
                "身份证号", "(已隐去)",
                "本村已登记同名农户“" + q.data.name + "”（#" + std::to_string(q.id) +
                    "），但身份证号的摘要不同：是否用了另一把身份密钥（--identity-key 须始终"
                    "用同一个文件），或身份证号填错？确是两户，请在名称中加以区分（如 " +
                    q.data.name +
                    "（二组）） (a household of this name in this village is registered "
                    "under another identity digest: another identity key, or another number)");
          }
        }
      }
      out.parties.push_back(std::move(p));
      out.rows.push_back(r + 1);
    } catch (const Error& error) {
      const std::string value = k == kIdentity ? "(已隐去)" : cell(k);
      out.problems.push_back(
          {r + 1, std::string(columns[k].names[0]), value, error.what(), error.chinese()});
    }
  }
  if (!out.problems.empty()) {
    out.parties.clear();
    out.rows.clear();
  }
  return out;
}

ActorSheet read_actor_sheet(const Sheet& sheet, const Registry& registry,
                            const std::string& key_directory) {
  enum { kId, kName, kRole, kJurisdiction, kKey, kParty };
  const sheet::TableColumn columns[] = {
      {{"编号", "actor", "人员编号"}, false},
      {{"姓名", "name", "名称"}, true},
      {{"角色", "role", "职责"}, true},
      {{"辖区代码", "jurisdiction", "辖区", "区划代码"}, true},
      {{"公钥", "public_key", "公钥文件"}, true},
      {{"代表单位", "party", "所属单位"}, false},
  };
  const sheet::TableLayout layout = sheet::locate_table(sheet, columns, "人员表");
  const DivisionIndex divisions(registry);
  const sheet::PartyIndex parties(registry.parties());
  ActorSheet out;
  out.header_row = layout.header_row + 1;
  out.ignored = layout.ignored;
  // Ids for rows without one: after the highest id enrolled and the highest the sheet gives.
  std::set<std::uint64_t> taken;
  std::map<Bytes, std::uint64_t> actor_by_key;
  for (std::uint64_t id : registry.actor_ids()) {
    taken.insert(id);
    actor_by_key[registry.ledger().actor_key(id).public_key()] = id;
  }
  std::map<Bytes, std::size_t> keys_seen;  // key -> row
  std::set<std::uint64_t> given;
  for (std::size_t r = layout.header_row + 1; r < sheet.size(); ++r) {
    const std::string id = layout.cell(sheet[r], kId);
    if (!id.empty() && id.size() < 10 && id.find_first_not_of("0123456789") == std::string::npos) {
      given.insert(std::stoull(id));
    }
  }
  std::uint64_t next = 1;
  if (!taken.empty()) next = std::max(next, *taken.rbegin() + 1);
  if (!given.empty()) next = std::max(next, *given.rbegin() + 1);
  std::set<std::uint64_t> ids_seen;
  for (std::size_t r = layout.header_row + 1; r < sheet.size(); ++r) {
    auto cell = [&](int k) { return layout.cell(sheet[r], k); };
    bool blank = true;
    for (std::size_t k = 0; k < std::size(columns); ++k) blank = blank && cell(k).empty();
    if (blank) continue;
    int k = kKey;
    try {
      // An official enrolled already with this key: the row repeats it (skipped) or names
      // someone else with that key (refused: one key, one official).
      if (!cell(kKey).empty()) {
        const Bytes key = Verifier::parse(read_key_text(cell(kKey), key_directory)).public_key();
        if (const auto seen = keys_seen.find(key); seen != keys_seen.end()) {
          throw_invalid("公钥", cell(kKey),
                        "本表第 " + std::to_string(seen->second) +
                            " 行已用此公钥；一把密钥只属于一名人员 (one key, one official)");
        }
        keys_seen[key] = r + 1;
        if (const auto enrolled = actor_by_key.find(key); enrolled != actor_by_key.end()) {
          const auto actor = registry.find_actor(enrolled->second);
          k = kRole;
          const bool same = actor && actor->name == cell(kName) &&
                            (cell(kId).empty() || cell(kId) == std::to_string(actor->id)) &&
                            role_name(actor->role) == english_word(kRoleWords, cell(kRole), "角色");
          k = kKey;
          if (!same) {
            throw_invalid("公钥", cell(kKey),
                          "此公钥已登记给人员 " + std::to_string(enrolled->second) +
                              (actor ? "（" + actor->name + "）" : "") +
                              "；一把密钥只属于一名人员 (the key is another official's)");
          }
          ++out.unchanged;
          continue;
        }
      }
      k = kId;
      ActorKeyEnrolled a;
      const std::string id = cell(kId);
      if (id.empty()) {
        a.actor = next++;
      } else {
        if (id.size() >= 10 || id.find_first_not_of("0123456789") != std::string::npos ||
            std::stoull(id) == 0) {
          throw_invalid("编号", id, "编号是正整数 (a positive whole number)");
        }
        a.actor = std::stoull(id);
        if (taken.count(a.actor) != 0) {
          throw_invalid("编号", id, "该编号已有人员 (an actor with this id is enrolled)");
        }
      }
      if (!ids_seen.insert(a.actor).second) {
        throw_invalid("编号", std::to_string(a.actor), "本表中出现两次 (twice in this sheet)");
      }
      k = kName;
      a.name = cell(kName);
      sheet::refuse_formula(a.name, "姓名");
      if (a.name.empty()) throw_invalid("姓名", "", "人员须有姓名 (an official has a name)");
      k = kRole;
      a.role = parse_role(english_word(kRoleWords, cell(kRole), "角色"), "角色");
      k = kJurisdiction;
      a.jurisdiction = divisions.find(cell(kJurisdiction), "辖区代码");
      k = kKey;
      if (cell(kKey).empty()) throw_invalid("公钥", "", "须填公钥 (taizhang keygen 生成)");
      a.public_key = Verifier::parse(read_key_text(cell(kKey), key_directory)).public_key();
      k = kParty;
      if (!cell(kParty).empty()) a.party = parties.find(cell(kParty), "代表单位");
      out.actors.push_back(std::move(a));
      out.rows.push_back(r + 1);
    } catch (const Error& error) {
      out.problems.push_back(
          {r + 1, std::string(columns[k].names[0]), cell(k), error.what(), error.chinese()});
    }
  }
  if (!out.problems.empty()) {
    out.actors.clear();
    out.rows.clear();
  }
  return out;
}

std::vector<RowProblem> submit_sheet_rows(Registry& registry, const WriteContext& context,
                                          const std::vector<RegistryWrite>& writes,
                                          const std::vector<std::size_t>& rows,
                                          const std::vector<Date>* days,
                                          std::vector<std::uint64_t>* written) {
  std::vector<RowProblem> problems;
  std::vector<RegistryRequest> requests;
  for (std::size_t i = 0; i < writes.size(); ++i) {
    WriteContext alone = context;
    alone.request_id = random_request_id();
    if (days != nullptr) alone.effective = days->at(i);
    RegistryRequest request{alone, writes[i], {}};
    try {
      registry.check(std::span(&request, 1));
    } catch (const Error& error) {
      problems.push_back(
          {rows.at(i), sheet::column_of_refusal(error), "", error.what(), error.chinese()});
    }
    request.context = context;
    if (days != nullptr) request.context.effective = days->at(i);
    requests.push_back(std::move(request));
  }
  if (!problems.empty() || requests.empty()) return problems;
  try {
    std::vector<std::uint64_t> sequences = registry.submit(requests);
    if (written != nullptr) *written = std::move(sequences);
  } catch (const Error& error) {
    problems.push_back({0, "", "", error.what(), error.chinese()});
  }
  return problems;
}

}  // namespace taizhang

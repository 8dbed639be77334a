// `taizhang notice`: a village's public notice (公示) as a printable HTML page: its assets with
// owners and maintainers, the results of its income allocations, the disposals under way, the
// notices on its board, and the register's checkpoint, so anyone can check the page against
// the ledger (`taizhang prove DIR --seq N` for any entry, `taizhang verify DIR --key PUB` for the
// whole log).
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "cli/cli.h"
#include "taizhang/checkpoint.h"
#include "taizhang/error.h"
#include "taizhang/keys.h"
#include "taizhang/registry.h"

namespace taizhang::cli {
namespace {

std::string html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string_view class_name(AssetClass c) {
  switch (c) {
    case AssetClass::kOperating:
      return "经营性";
    case AssetClass::kPublicWelfare:
      return "公益性";
    case AssetClass::kHousehold:
      return "到户类";
  }
  return "";
}

constexpr const char* kStyle = R"(
  @page { size: A4; margin: 15mm 12mm; }
  body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10.5pt;
         color: #111; margin: 0 auto; max-width: 186mm; }
  h1 { font-size: 17pt; text-align: center; margin: 4mm 0 1mm; }
  .sub { text-align: center; color: #444; margin-bottom: 5mm; }
  h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; margin-top: 7mm; }
  table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
  th, td { border: 0.5pt solid #777; padding: 1mm 1.5mm; vertical-align: top; font-size: 10pt; }
  #assets { table-layout: fixed; }
  #assets td, #assets th { font-size: 9pt; }
  #assets td:nth-child(2), #assets td:nth-child(4) { white-space: nowrap; }
  #assets td { overflow-wrap: anywhere; }
  th { background: #eee; font-weight: 600; white-space: nowrap; }
  td.d, .period span.d { white-space: nowrap; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr { page-break-inside: avoid; }
  tfoot td { font-weight: 600; background: #f6f6f6; }
  .empty { color: #666; font-style: italic; }
  pre.checkpoint { font-size: 8pt; background: #f6f6f6; padding: 2mm; white-space: pre-wrap;
                   word-break: break-all; }
  .foot { font-size: 9pt; color: #333; }
  .period { border: 1pt solid #333; padding: 2mm 3mm; margin: 3mm 0; }
  .period b { display: inline-block; min-width: 24mm; }
  .summary td.n { width: 32mm; }
  .seal { margin-top: 10mm; text-align: right; line-height: 2; }
  .verify p { margin: 1.5mm 0; }
  code.command { white-space: nowrap; }
  .break { page-break-after: always; break-after: page; height: 0; }
  @media print { h2 { page-break-after: avoid; } thead { display: table-header-group; } }
)";

// The checkpoint the notice prints: a fresh one signed with the county's key, or the latest if
// it covers every entry; otherwise the notice would claim a signature over records it does not
// cover, and is refused.
std::string covering_checkpoint(const NoticeOptions& options, std::uint64_t& size) {
  if (!options.key_path.empty()) {
    Ledger ledger = Ledger::open(options.dir);
    size = ledger.size();
    return ledger.checkpoint(county_signer(ledger, options.key_path), options.key_path + ".signed");
  }
  LedgerOptions read_only;
  read_only.read_only = true;
  const Ledger ledger = Ledger::open(options.dir, read_only);
  size = ledger.size();
  const std::optional<std::string> note = ledger.latest_checkpoint();
  const std::uint64_t covered = note ? open_checkpoint(*note, ledger.log_verifier()).size : 0;
  if (covered < size) {
    throw_error(ErrorKind::kConflict,
                std::string(tr("最新的签名检查点只覆盖前 ", "the latest checkpoint covers ")) +
                    std::to_string(covered) + tr(" 条记录，台账已有 ", " entries of ") +
                    std::to_string(size) +
                    tr(" 条：公示不能引用它。请加 --key 县里的私钥文件，签署新的检查点。",
                       ": the notice cannot cite it. Give --key with the county's key to sign a "
                       "fresh one."));
  }
  return *note;
}

}  // namespace

int run_notice(const NoticeOptions& options) {
  std::uint64_t size = 0;
  const std::string checkpoint = covering_checkpoint(options, size);
  LedgerOptions read_only;
  read_only.read_only = true;
  const Registry registry = Registry::open(options.dir, read_only);
  const Date today = registry.ledger().today();
  const Date as_of = date_or_today(options.as_of, "--as-of", registry.ledger());
  const Date start = options.from.empty() ? today : Date::parse(options.from, "--from");
  const PolicyDefined policy = registry.policy();
  const unsigned days = options.days.value_or(policy.publicity_days);
  if (days < policy.publicity_days) {
    throw_invalid("--days", std::to_string(days),
                  std::string(tr("公示期不少于政策规定的 ", "at least the policy's ")) +
                      std::to_string(policy.publicity_days) + tr(" 日", " days"));
  }
  const Date end = Date::from_days(start.days() + static_cast<std::int32_t>(days) - 1);
  if (end < today) {
    throw_invalid("--from", start.to_string(),
                  std::string(tr("这段公示期到 ", "the period ends on ")) + end.to_string() +
                      tr(" 已经结束；公示期须包含今天或之后的日子",
                         ", before today: a notice is posted for days still to come"));
  }
  // The village by code or by its unique name; its name and its township's.
  std::string village = options.village, village_name, township_name;
  const std::vector<Division> divisions = registry.divisions();
  for (const Division& d : divisions) {
    if (d.name == options.village && d.code != village) {
      if (village != options.village) {
        throw_invalid("--village", options.village,
                      tr("多个区划同名，请给区划代码", "several divisions have that name"));
      }
      village = d.code;
    }
  }
  if (village.size() != 12 || village.find_first_not_of("0123456789") != std::string::npos) {
    throw_invalid("--village", options.village,
                  tr("区划表中没有叫这个名字的村；请给村的全名（如 石桥村）或 12 位区划代码",
                     "no division has that name; give the village's full name or its code"));
  }
  check_division_code(village, "--village");
  // A notice is a village's, posted on its board: a township's or the county's code (XXXXXX000000
  // a county, XXXXXXXXX000 a township) is not a village, whatever the division table calls it.
  if (village.compare(9, 3, "000") == 0) {
    const bool county = village.compare(6, 6, "000000") == 0;
    throw_invalid("--village", options.village,
                  std::string(county ? "a county" : "a township") + " (" + village +
                      "), not a village: give a village's name or its 12-digit code",
                  std::string("这是") + (county ? "县" : "乡镇") + "（区划代码 " + village +
                      "），不是村；公示是村的公示，请给村的名称（如 石桥村）或村的 12 位区划代码");
  }
  for (const Division& d : divisions) {
    if (d.code == village) village_name = d.name;
    if (d.code == village.substr(0, 9) + "000") township_name = d.name;
  }
  if (village_name.empty()) {
    throw_invalid("--village", options.village, tr("区划表中没有此村", "no such division"));
  }
  if (policy.supervision_phone.empty()) {
    std::fprintf(stderr, "%s",
                 tr("注意：县里尚未设置监督举报电话（taizhang policy --supervision-phone）。\n",
                    "note: no supervision phone is set (taizhang policy --supervision-phone)\n"));
  }
  const RegisterInfo info = registry.ledger().info();

  std::map<std::uint64_t, Party> parties;
  for (Party& p : registry.parties()) parties[p.id] = std::move(p);
  auto party_name = [&](std::uint64_t id) {
    const auto it = parties.find(id);
    return it == parties.end() ? "#" + std::to_string(id) : it->second.data.name;
  };
  std::map<std::uint64_t, Money> book;
  for (const Valuation& v : registry.valuation(as_of)) book[v.asset] = v.book_value;

  // The village's own parties: its collectives and groups (whose parts are allocated by the
  // village's plans).
  std::set<std::uint64_t> collectives;
  for (const auto& [id, p] : parties) {
    if (p.data.division == village && (p.data.kind == PartyKind::kVillageCollective ||
                                       p.data.kind == PartyKind::kVillagerGroup)) {
      collectives.insert(id);
    }
  }
  // Its assets: those standing in the village, and those it owns a share of elsewhere (a road
  // two villages built together is on both villages' notices, each with its share).
  AssetFilter filter;
  filter.division = village;
  std::vector<Asset> assets = registry.assets(filter);
  {
    std::set<std::uint64_t> listed_ids;
    for (const Asset& a : assets) listed_ids.insert(a.id);
    for (const std::uint64_t owner : collectives) {
      AssetFilter owned;
      owned.owner = owner;
      for (Asset& a : registry.assets(owned)) {
        if (listed_ids.insert(a.id).second) assets.push_back(std::move(a));
      }
    }
  }

  // 1. The list of assets, with the figures the summary adds up by class.
  struct ClassTotal {
    std::size_t count = 0;
    Money original, book;
  };
  std::map<AssetClass, ClassTotal> by_class;
  Money total_original, total_book;
  std::size_t listed = 0, unconfirmed = 0, elsewhere = 0;
  std::string rows;
  std::set<std::uint64_t> village_assets;
  for (const Asset& a : assets) {
    if (a.status == AssetStatus::kDisposed) continue;
    village_assets.insert(a.id);
    std::string owners;
    for (const OwnerShare& o : a.owners) {
      owners += (owners.empty() ? "" : "；") + html(party_name(o.party)) +
                (a.owners.size() > 1 ? " " + html(share_percent(o.share)) : "");
    }
    std::string name = html(a.description.name);
    if (a.description.division != village) {
      ++elsewhere;
      std::string where = a.description.division;
      for (const Division& d : divisions) {
        if (d.code == where) where = d.name;
      }
      name += "<br><small>（坐落" + html(where) + "，本村共有）</small>";
    }
    if (a.owners.empty()) ++unconfirmed;
    std::string upkeep = "—";
    if (const auto m = registry.maintenance(a.id)) {
      upkeep = html(party_name(m->party)) + "（" + html(m->person) + "）";
    } else if (a.asset_class == AssetClass::kHousehold) {
      upkeep = "农户自管";
    }
    const Money value = book.count(a.id) ? book[a.id] : a.description.original;
    ClassTotal& total = by_class[a.asset_class];
    ++total.count;
    total.original += a.description.original;
    total.book += value;
    total_original += a.description.original;
    total_book += value;
    ++listed;
    rows += "<tr data-asset=\"" + std::to_string(a.id) + "\"><td>" + html(a.code) + "</td><td>" +
            std::to_string(a.id) + "</td><td>" + name + "</td><td>" + label(a.asset_class) +
            "<br>" + label(a.status) + "</td><td class=\"n\">" +
            yuan_text(a.description.original.fen()) + "</td><td class=\"n\">" +
            yuan_text(value.fen()) + "</td><td>" + (owners.empty() ? "未确权" : owners) +
            "</td><td>" + upkeep + "</td></tr>\n";
  }

  // 2. Income earned by the village's collectives: each part (a shared asset's income split by
  // share), whether allocated yet; then the allocation results.
  std::string income_rows;
  Money earned, waiting;
  for (const IncomePart& part : registry.income_parts()) {
    if (collectives.count(part.owner) == 0 || as_of < part.from) continue;
    earned += part.amount;
    const bool allocated = part.allocation != 0;
    if (!allocated && part.disposition == PartDisposition::kAllocate) waiting += part.amount;
    const auto asset = registry.find_asset(part.asset);
    income_rows += "<tr><td class=\"d\">" + part.from.to_string() + " 至 " +
                   part.until.to_string() + "</td><td>" +
                   (asset ? html(asset->code + " " + asset->description.name) : "") + "</td><td>" +
                   html(party_name(part.owner)) +
                   (part.share == Share::of(1, 1) ? "" : " " + html(share_percent(part.share))) +
                   "</td><td class=\"n\">" + yuan_text(part.amount.fen()) + "</td><td>" +
                   (part.disposition != PartDisposition::kAllocate ? "不由本村分配"
                    : allocated                                    ? "已分配"
                                                                   : "待分配") +
                   "</td></tr>\n";
  }
  Money allocated;
  std::size_t allocations = 0;
  std::string allocation_rows;
  for (const AllocationRecord& record : registry.allocations()) {
    if (as_of < record.day) continue;
    // The payments from the parts of this village's collectives (a shared asset's other owners
    // publish theirs on their own boards).
    bool ours = false;
    for (const Payment& payment : registry.allocation(record.id)) {
      if (collectives.count(payment.owner) == 0) continue;
      ours = true;
      allocated += payment.amount;
      allocation_rows += "<tr><td>" + record.day.to_string() + "</td><td>" +
                         std::to_string(record.id) + "</td><td>" + html(payment.line) +
                         "</td><td>" + (payment.party ? html(party_name(payment.party)) : "—") +
                         "</td><td class=\"n\">" + yuan_text(payment.amount.fen()) + "</td></tr>\n";
    }
    if (ours) ++allocations;
  }

  // 3. Disposals under way.
  std::string disposal_rows;
  std::size_t disposals = 0;
  for (const Disposal& d : registry.disposals()) {
    if (d.state != Disposal::State::kOpen || village_assets.count(d.asset) == 0) continue;
    ++disposals;
    const Asset asset = registry.get_asset(d.asset);
    disposal_rows +=
        "<tr><td>" + std::to_string(d.id) + "</td><td>" + html(asset.code) + " " +
        html(asset.description.name) + "</td><td>" + label(d.method) + "</td><td>" + "已完成 " +
        std::to_string(d.next_step) + " / " + std::to_string(d.chain.size()) + " 步" +
        (d.next_step < d.chain.size() ? "，下一步：" + label(d.chain[d.next_step].first)
                                      : "，待执行") +
        "</td></tr>\n";
  }

  // 4. Notices on the village's board.
  std::string notice_rows;
  for (const NoticeRecord& n : registry.notices(village)) {
    notice_rows += "<tr><td>" + std::to_string(n.id) + "</td><td>" + label(n.notice.subject) +
                   "（记录 " + std::to_string(n.notice.subject_id) + "）</td><td>" +
                   html(n.notice.place) + "</td><td class=\"d\">" + n.notice.start.to_string() +
                   " 至 " + n.notice.end.to_string() + "</td><td>" + (n.upheld ? "异议成立" : "—") +
                   "</td></tr>\n";
  }

  // The page: a summary page (the period, the place, whom to call, the totals, the seal), then
  // the lists, then how to check it.
  const std::string title =
      html(info.county_name) + html(township_name) + html(village_name) + " 扶贫项目资产公示";
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>" + title +
          "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  page += "<h1>" + title + "</h1>\n";
  page += "<div class=\"sub\">区划代码 " + village + " · 账面价值截至 " + as_of.to_string() +
          " · 台账记录 " + std::to_string(size) + " 条</div>\n";
  page += "<div class=\"period\" id=\"period\"><b>公示期</b><span class=\"d\">" +
          start.to_string() + " 至 " + end.to_string() + "（" + std::to_string(days) +
          " 日）</span><br><b>公示地点</b>" + html(options.place) +
          "<br><b>监督举报电话</b><span id=\"phone\">" +
          (policy.supervision_phone.empty() ? "（县里尚未设置）" : html(policy.supervision_phone)) +
          "</span>" +
          (policy.supervision_unit.empty() ? "" : "（" + html(policy.supervision_unit) + "）") +
          "<br>对公示内容有异议的，请在公示期内向村务监督委员会反映，或拨打上述电话。</div>\n";
  page +=
      "<h2>公示摘要</h2>\n<table class=\"summary\" id=\"summary\"><thead><tr><th>资产类别</th>"
      "<th>项数</th><th>原值（元）</th><th>账面价值（元）</th></tr></thead>\n<tbody>\n";
  for (const auto& [asset_class, total] : by_class) {
    page += "<tr><td>" + label(asset_class) + "</td><td class=\"n\">" +
            std::to_string(total.count) + "</td><td class=\"n\">" +
            yuan_text(total.original.fen()) + "</td><td class=\"n\">" +
            yuan_text(total.book.fen()) + "</td></tr>\n";
  }
  page += "</tbody>\n<tfoot><tr><td>合计</td><td class=\"n\">" + std::to_string(listed) +
          "</td><td class=\"n\">" + yuan_text(total_original.fen()) + "</td><td class=\"n\">" +
          yuan_text(total_book.fen()) + "</td></tr></tfoot></table>\n";
  page += "<p>其中未确权 " + std::to_string(unconfirmed) + " 项" +
          (elsewhere ? "，坐落他村、本村共有 " + std::to_string(elsewhere) + " 项" : "") +
          "；本村所得收益 " + yuan_text(earned.fen()) + " 元（待分配 " + yuan_text(waiting.fen()) +
          " 元）；收益分配 " + std::to_string(allocations) + " 笔，合计 " +
          yuan_text(allocated.fen()) + " 元；处置中的资产 " + std::to_string(disposals) +
          " 项。明细见后页。</p>\n";
  page += "<div class=\"seal\">" + html(village_name) + "村民委员会（盖章）<br>" +
          html(village_name) + "村务监督委员会（盖章）<br>" + start.to_string() + "</div>\n";
  // The summary is a page of its own, to post on the board; the lists follow on the next pages.
  page += "<div class=\"break\" id=\"summary-end\"></div>\n";

  page += "<h2>一、资产清单（" + std::to_string(listed) + " 项）</h2>\n";
  page +=
      "<table id=\"assets\"><colgroup><col style=\"width:14%\"><col style=\"width:7%\">"
      "<col style=\"width:16%\"><col style=\"width:8%\"><col style=\"width:13%\">"
      "<col style=\"width:13%\"><col style=\"width:16%\"><col style=\"width:13%\"></colgroup>"
      "<thead><tr><th>资产编号</th><th>记录号</th><th>名称</th><th>类别<br>状态</th>"
      "<th>原值<br>（元）</th><th>账面价值<br>（元）</th><th>产权归属<br>（份额）</th>"
      "<th>管护主体<br>（责任人）</th></tr></thead>\n<tbody>\n" +
      rows +
      "</tbody>\n<tfoot><tr><td colspan=\"4\">合计</td><td class=\"n\" id=\"total-original\" "
      "data-fen=\"" +
      std::to_string(total_original.fen()) + "\">" + yuan_text(total_original.fen()) +
      "</td><td class=\"n\" id=\"total-book\" data-fen=\"" + std::to_string(total_book.fen()) +
      "\">" + yuan_text(total_book.fen()) + "</td><td colspan=\"2\"></td></tr></tfoot></table>\n";
  page +=
      "<p class=\"foot\">说明：“记录号”是这项资产在台账中的登记记录编号，可用来核对（见第六部分）；"
      "“账面价值”是原值减去按规定年限折旧后的价值，截至 " +
      as_of.to_string() + "；共有资产的原值和账面价值为整项资产的数额，各方按所列份额享有。</p>\n";
  page += "<h2>二、本村所得收益</h2>\n";
  page += income_rows.empty()
              ? "<p class=\"empty\">本期无收益入账。</p>\n"
              : "<table id=\"incomes\"><thead><tr><th>收益期间</th><th>资产</th>"
                "<th>所得方（份额）</th><th>金额（元）</th><th>分配情况</th></tr></thead>\n"
                "<tbody>\n" +
                    income_rows + "</tbody>\n<tfoot><tr><td colspan=\"3\">合计</td>" +
                    "<td class=\"n\" id=\"total-earned\" data-fen=\"" +
                    std::to_string(earned.fen()) + "\">" + yuan_text(earned.fen()) +
                    "</td><td></td></tr></tfoot></table>\n";
  page += "<h2>三、收益分配结果</h2>\n";
  page += allocations == 0
              ? "<p class=\"empty\">本期无收益分配。</p>\n"
              : "<table id=\"allocations\"><thead><tr><th>分配日期</th><th>分配记录</th>"
                "<th>分配项目</th><th>收款对象</th><th>金额（元）</th></tr></thead>\n<tbody>\n" +
                    allocation_rows + "</tbody>\n<tfoot><tr><td colspan=\"4\">合计</td>" +
                    "<td class=\"n\" id=\"total-allocated\" data-fen=\"" +
                    std::to_string(allocated.fen()) + "\">" + yuan_text(allocated.fen()) +
                    "</td></tr></tfoot></table>\n";
  page += "<h2>四、资产处置公示</h2>\n";
  page += disposal_rows.empty()
              ? "<p class=\"empty\">无处置中的资产。</p>\n"
              : "<table id=\"disposals\"><thead><tr><th>申请</th><th>资产</th><th>方式</th>"
                "<th>审批进度</th></tr></thead>\n<tbody>\n" +
                    disposal_rows + "</tbody></table>\n";
  page += "<h2>五、本村公告</h2>\n";
  page += notice_rows.empty()
              ? "<p class=\"empty\">无公告。</p>\n"
              : "<table id=\"notices\"><thead><tr><th>公告</th><th>事项</th><th>地点</th>"
                "<th>公示期</th><th>异议</th></tr></thead>\n<tbody>\n" +
                    notice_rows + "</tbody></table>\n";

  // 5. How anyone can check the page, in plain words, then the signed checkpoint itself.
  page +=
      "<h2>六、如何核对本公示</h2>\n<div class=\"verify foot\">"
      "<p>本页内容全部取自" +
      html(info.county_name) +
      "扶贫项目资产台账。台账的每一条记录都由经办人签名，只能追加，不能删改。</p>"
      "<p>下面这段文字是县里用县级密钥签署的“检查点”：它记下了台账当时的记录条数（" +
      std::to_string(size) +
      " 条）和全部记录算出的“指纹”。只要有一条记录被改动，指纹就对不上，签名也就失效。</p>"
      "<p>想核对的群众或审计人员，可请乡镇或县里在台账副本上执行 "
      "<code class=\"command\">taizhang verify 台账目录 --key 县公钥文件</code> 核对整本台账；"
      "表中每项资产的“记录号”可用 "
      "<code class=\"command\">taizhang prove 台账目录 --seq 记录号</code> "
      "证明它就在这个检查点之内。命令中的“台账目录”换成台账副本所在的目录，“县公钥文件”换成"
      "县里公布的公钥文件（扩展名 .pub），“记录号”换成表中的记录号。</p></div>\n"
      "<pre class=\"checkpoint\" id=\"checkpoint\">" +
      html(checkpoint) + "</pre>\n</body></html>\n";

  write_new_file(options.out + ".tmp", page, 0644);
  if (std::rename((options.out + ".tmp").c_str(), options.out.c_str()) != 0) {
    throw_error(ErrorKind::kStorageError, "cannot write \"" + options.out + "\"");
  }
  std::printf(
      tr("已写出 %s（%s）的公示：资产 %zu 项，原值 %s 元，收益分配 %zu 笔，公示期 %s 至 %s："
         "%s\n",
         "notice for %s (%s): %zu assets, original %s 元, %zu allocations, publicity "
         "%s to %s, written to %s\n"),
      village_name.c_str(), village.c_str(), listed, yuan_text(total_original.fen()).c_str(),
      allocations, start.to_string().c_str(), end.to_string().c_str(), options.out.c_str());
  return 0;
}

}  // namespace taizhang::cli

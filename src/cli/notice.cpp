// `taizhang notice`: a village's public notice (公示) as a printable HTML page: its assets with
// owners and maintainers, the results of its income allocations, the disposals under way, the
// notices on its board, and the register's checkpoint, so anyone can check the page against
// the ledger (`taizhang prove` for any entry, `taizhang verify --key` for the whole log).
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "cli/cli.h"
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
  th, td { border: 0.5pt solid #777; padding: 1mm 1.5mm; vertical-align: top; font-size: 9pt; }
  #assets td:nth-child(1), #assets td:nth-child(3) { white-space: nowrap; }
  th { background: #eee; font-weight: 600; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr { page-break-inside: avoid; }
  tfoot td { font-weight: 600; background: #f6f6f6; }
  .empty { color: #666; font-style: italic; }
  pre.checkpoint { font-size: 8pt; background: #f6f6f6; padding: 2mm; white-space: pre-wrap;
                   word-break: break-all; }
  .foot { font-size: 9pt; color: #333; }
  @media print { h2 { page-break-after: avoid; } }
)";

}  // namespace

int run_notice(const std::string& dir, const std::string& village, const std::string& as_of_text,
               const std::string& out) {
  LedgerOptions options;
  options.read_only = true;
  const Registry registry = Registry::open(dir, options);
  const Date as_of = date_or_today(as_of_text, "--as-of", registry.ledger());
  check_division_code(village, "--village");
  std::string village_name = village;
  for (const Division& d : registry.divisions()) {
    if (d.code == village) village_name = d.name;
  }
  const RegisterInfo info = registry.ledger().info();
  const std::optional<std::string> checkpoint = registry.ledger().latest_checkpoint();
  if (!checkpoint) throw_error(ErrorKind::kNotFound, "the register has no checkpoint");

  std::map<std::uint64_t, Party> parties;
  for (Party& p : registry.parties()) parties[p.id] = std::move(p);
  auto party_name = [&](std::uint64_t id) {
    const auto it = parties.find(id);
    return it == parties.end() ? "#" + std::to_string(id) : it->second.data.name;
  };
  std::map<std::uint64_t, Money> book;
  for (const Valuation& v : registry.valuation(as_of)) book[v.asset] = v.book_value;

  AssetFilter filter;
  filter.division = village;
  const std::vector<Asset> assets = registry.assets(filter);
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>" +
          html(village_name) + " 扶贫项目资产公示</title>\n<style>" + kStyle +
          "</style></head>\n<body>\n";
  page += "<h1>" + html(info.county_name) + html(village_name) + " 扶贫项目资产公示</h1>\n";
  page += "<div class=\"sub\">区划代码 " + village + " · 截至 " + as_of.to_string() +
          " · 公示期不少于 10 日</div>\n";

  // 1. Assets.
  Money total_original, total_book;
  std::size_t listed = 0;
  std::string rows;
  std::set<std::uint64_t> village_assets;
  for (const Asset& a : assets) {
    if (a.status == AssetStatus::kDisposed) continue;
    village_assets.insert(a.id);
    std::string owners;
    for (const OwnerShare& o : a.owners) {
      owners += (owners.empty() ? "" : "；") + html(party_name(o.party)) +
                (a.owners.size() > 1 ? " " + o.share.to_string() : "");
    }
    std::string upkeep = "—";
    if (const auto m = registry.maintenance(a.id)) {
      upkeep = html(party_name(m->party)) + "（" + html(m->person) + "）";
    } else if (a.asset_class == AssetClass::kHousehold) {
      upkeep = "农户自管";
    }
    const Money value = book.count(a.id) ? book[a.id] : a.description.original;
    total_original += a.description.original;
    total_book += value;
    ++listed;
    rows += "<tr data-asset=\"" + std::to_string(a.id) + "\"><td>" + html(a.code) + "</td><td>" +
            html(a.description.name) + "</td><td>" + std::string(class_name(a.asset_class)) +
            "</td><td class=\"n\">" + yuan_text(a.description.original.fen()) +
            "</td><td class=\"n\">" + yuan_text(value.fen()) + "</td><td>" +
            (owners.empty() ? "未确权" : owners) + "</td><td>" + upkeep + "</td></tr>\n";
  }
  page += "<h2>一、资产清单（" + std::to_string(listed) + " 项）</h2>\n";
  page +=
      "<table id=\"assets\"><thead><tr><th>资产编号</th><th>名称</th><th>类别</th>"
      "<th>原值（元）</th><th>账面价值（元）</th><th>产权归属</th><th>管护主体（责任人）</th>"
      "</tr></thead>\n<tbody>\n" +
      rows +
      "</tbody>\n<tfoot><tr><td colspan=\"3\">合计</td><td class=\"n\" id=\"total-original\" "
      "data-fen=\"" +
      std::to_string(total_original.fen()) + "\">" + yuan_text(total_original.fen()) +
      "</td><td class=\"n\" id=\"total-book\" data-fen=\"" + std::to_string(total_book.fen()) +
      "\">" + yuan_text(total_book.fen()) + "</td><td colspan=\"2\"></td></tr></tfoot></table>\n";

  // 2. Allocation results of the village's collectives.
  std::set<std::uint64_t> collectives;
  for (const auto& [id, p] : parties) {
    if (p.data.division == village && (p.data.kind == PartyKind::kVillageCollective ||
                                       p.data.kind == PartyKind::kVillagerGroup)) {
      collectives.insert(id);
    }
  }
  page += "<h2>二、收益分配结果</h2>\n";
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
  if (allocations == 0) {
    page += "<p class=\"empty\">本期无收益分配。</p>\n";
  } else {
    page +=
        "<table id=\"allocations\"><thead><tr><th>分配日期</th><th>分配记录</th><th>分配项目</th>"
        "<th>收款对象</th><th>金额（元）</th></tr></thead>\n<tbody>\n" +
        allocation_rows + "</tbody>\n<tfoot><tr><td colspan=\"4\">合计</td>" +
        "<td class=\"n\" id=\"total-allocated\" data-fen=\"" + std::to_string(allocated.fen()) +
        "\">" + yuan_text(allocated.fen()) + "</td></tr></tfoot></table>\n";
  }

  // 3. Disposals under way.
  page += "<h2>三、资产处置公示</h2>\n";
  std::string disposal_rows;
  for (const Disposal& d : registry.disposals()) {
    if (d.state != Disposal::State::kOpen || village_assets.count(d.asset) == 0) continue;
    const Asset asset = registry.get_asset(d.asset);
    disposal_rows += "<tr><td>" + std::to_string(d.id) + "</td><td>" + html(asset.code) + " " +
                     html(asset.description.name) + "</td><td>" + std::string(name_of(d.method)) +
                     "</td><td>" + std::to_string(d.next_step) + " / " +
                     std::to_string(d.chain.size()) +
                     (d.next_step < d.chain.size()
                          ? "，下一步 " + std::string(name_of(d.chain[d.next_step].first))
                          : "，待执行") +
                     "</td></tr>\n";
  }
  page += disposal_rows.empty()
              ? "<p class=\"empty\">无处置中的资产。</p>\n"
              : "<table id=\"disposals\"><thead><tr><th>申请</th><th>资产</th><th>方式</th>"
                "<th>审批进度</th></tr></thead>\n<tbody>\n" +
                    disposal_rows + "</tbody></table>\n";

  // 4. Notices on the village's board.
  page += "<h2>四、本村公告</h2>\n";
  std::string notice_rows;
  for (const NoticeRecord& n : registry.notices(village)) {
    notice_rows += "<tr><td>" + std::to_string(n.id) + "</td><td>" +
                   std::string(name_of(n.notice.subject)) + " " +
                   std::to_string(n.notice.subject_id) + "</td><td>" + html(n.notice.place) +
                   "</td><td>" + n.notice.start.to_string() + " 至 " + n.notice.end.to_string() +
                   "</td><td>" + (n.upheld ? "异议成立" : "—") + "</td></tr>\n";
  }
  page += notice_rows.empty()
              ? "<p class=\"empty\">无公告。</p>\n"
              : "<table id=\"notices\"><thead><tr><th>公告</th><th>事项</th><th>地点</th>"
                "<th>公示期</th><th>异议</th></tr></thead>\n<tbody>\n" +
                    notice_rows + "</tbody></table>\n";

  // 5. The checkpoint.
  page += "<h2>五、核验</h2>\n<p class=\"foot\">本页数据取自县级扶贫项目资产台账（" +
          html(info.origin) +
          "）。下列签名检查点固定了台账全部记录的默克尔根；任何人可用县里公布的公钥执行 "
          "<code>taizhang verify --key</code> 核对台账，用 <code>taizhang prove</code> "
          "核对任一记录。</p>\n<pre class=\"checkpoint\" id=\"checkpoint\">" +
          html(*checkpoint) + "</pre>\n</body></html>\n";

  write_new_file(out + ".tmp", page, 0644);
  if (std::rename((out + ".tmp").c_str(), out.c_str()) != 0) {
    throw_error(ErrorKind::kStorageError, "cannot write \"" + out + "\"");
  }
  std::printf("notice for %s (%s): %zu assets, original %s 元, %zu allocations, written to %s\n",
              village_name.c_str(), village.c_str(), listed,
              yuan_text(total_original.fen()).c_str(), allocations, out.c_str());
  return 0;
}

}  // namespace taizhang::cli

// The `taizhang` command line for county staff.
//
// Exit codes (stable; scripts may rely on them):
//   0   success
//   1   verify found the register damaged or tampered with (the report says where)
//   2   usage error (unknown command or option, missing argument)
//   3   import --keep-good-rows: the good rows were imported, some were refused (listed)
//   11  InvalidInput    12 NotFound       13 Conflict        14 Unauthorized
//   15  RuleViolation   16 IntegrityError 17 StorageError    (10 + the error kind's number)
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <new>
#include <optional>
#include <set>

#include "cli/cli.h"
#include "taizhang/error.h"
#include "taizhang/interchange.h"
#include "taizhang/ledger.h"
#include "taizhang/merkle.h"
#include "taizhang/registry.h"
#include "taizhang/service.h"
#include "taizhang/spreadsheet.h"

namespace {

using namespace taizhang;

using cli::json_escape;
using cli::kExitDamaged;
using cli::kExitErrorBase;
using cli::percent_text;
using cli::Progress;
using cli::seconds_since;
using cli::yuan_text;

int run_keygen(const std::string& name, const std::string& out, bool identity) {
  if (identity) {
    // The county's identity key: householders' identity numbers are kept only as keyed hashes
    // under it; it never enters the register.
    IdentityKey::generate().save(out);
    std::printf(
        cli::tr("身份密钥 %s（权限 0600）：登记农户时给 taizhang parties --identity-key；"
                "请与县级密钥一同妥善保管，丢失后无法再核对身份证号\n",
                "identity key %s (mode 0600): give it to taizhang parties --identity-key\n"),
        out.c_str());
    return 0;
  }
  if (name.empty())
    throw_invalid("--name", "", cli::tr("签名密钥须有名称", "a signer key has a name"));
  // Both files or neither: a .pub already there is refused before the private key is written
  // (a new key beside an old .pub would be a pair that does not match).
  if (std::filesystem::exists(out + ".pub")) {
    throw_error(ErrorKind::kConflict, "\"" + out + ".pub\" exists; not overwritten",
                "“" + out + ".pub” 已存在，不会覆盖：请换一个 --out，或先移走旧的密钥文件");
  }
  const Signer signer = Signer::generate(name);
  signer.save(out);
  try {
    write_new_file(out + ".pub", signer.verifier().text() + "\n", 0644);
  } catch (...) {
    std::filesystem::remove(out);  // no private key without its public half
    throw;
  }
  std::printf(cli::tr("私钥  %s（权限 0600，请妥善保管）\n公钥  %s.pub\n%s\n",
                      "signer key  %s (mode 0600)\nverifier    %s.pub\n%s\n"),
              out.c_str(), out.c_str(), signer.verifier().text().c_str());
  return 0;
}

// With `registrar_path`, a county register whose actor 1 is the registrar holding that verifier
// key, enrolled by an entry the county key signs; without, a bare log.
int run_init(const std::string& dir, const RegisterInfo& info, const std::string& key_path,
             const std::string& registrar_path) {
  const Signer key = cli::load_signer(key_path);
  if (!registrar_path.empty()) {
    const Verifier registrar = Verifier::load(registrar_path);
    // The registrar is named as its key is (keygen --name): the name history and notices show.
    Registry registry = Registry::create(dir, info, key, registrar.public_key(), registrar.name());
    std::printf(cli::tr("已为%s（%s）新建登记簿 %s；人员 1 为县级登记员：%s\n"
                        "第一个签名检查点（请公布）：\n%s",
                        "register for %s (%s) created in %s; actor 1, the county registrar: "
                        "%s\nits first signed checkpoint (publish it):\n%s"),
                info.county_name.c_str(), info.county_code.c_str(), dir.c_str(),
                registrar.text().c_str(), registry.ledger().latest_checkpoint()->c_str());
    return 0;
  }
  Ledger ledger = Ledger::create(dir, info, key);
  std::printf("register %s created for %s (%s)\n%s", dir.c_str(), info.county_name.c_str(),
              info.county_code.c_str(), ledger.latest_checkpoint()->c_str());
  return 0;
}

// The signer keeps the last note it signed beside its key (<key>.signed) and refuses a head that
// does not extend it, so a restored older copy of the register is never signed over.
int run_checkpoint(const std::string& dir, const std::string& key_path) {
  Ledger ledger = Ledger::open(dir);
  std::fputs(ledger.checkpoint(cli::county_signer(ledger, key_path), key_path + ".signed").c_str(),
             stdout);
  return 0;
}

int run_verify(const std::string& dir, const std::string& trusted_path, bool deep, bool json,
               const std::vector<std::string>& since_paths) {
  // A county register (its views kept by the register's fold, as it recorded when made) is
  // verified with that fold, so --deep replays every rule; a bare log only with the ledger's own.
  // Never the one in place of the other: a county register whose tables are missing is damaged.
  LedgerOptions options;
  options.read_only = true;
  std::optional<Ledger> opened;
  opened.emplace(Ledger::open(dir, options));
  if (opened->kept_by_fold()) {
    opened.reset();
    options.fold = register_fold();
    opened.emplace(Ledger::open(dir, options));
  }
  Ledger& ledger = *opened;
  std::optional<Verifier> trusted;
  if (!trusted_path.empty()) trusted = Verifier::load(trusted_path);
  // The key given is not the one entry 0 names: a wrong file (a registrar's key, another
  // county's), or a register the county did not make. Not damage: said as a mismatch.
  const bool mismatch = trusted && trusted->public_key() != ledger.log_verifier().public_key();
  const std::uint64_t size = ledger.size();
  Progress progress("verifying");
  const auto start = std::chrono::steady_clock::now();
  const auto on_progress = [&](std::uint64_t done) { progress.update(done, size); };
  const Verifier* trusted_key = trusted ? &*trusted : nullptr;
  const VerifyReport verified =
      deep ? ledger.verify_deep(on_progress, trusted_key) : ledger.verify(on_progress, trusted_key);
  VerifyReport report = verified;
  if (report.ok && !since_paths.empty()) {
    std::vector<std::string> notes;
    for (const std::string& path : since_paths) notes.push_back(cli::read_text_file(path));
    const VerifyReport since = ledger.verify_since(notes, trusted_key);
    if (!since.ok) {
      report.ok = false;
      report.problem = since.problem;
    }
  }
  const double seconds = seconds_since(start);
  if (!json && !report.reader_warning.empty()) {
    // Not damage: a snapshot held far behind the head keeps the file from reusing pages.
    std::fprintf(stderr, "%s%s\n",
                 cli::tr("注意：有进程长时间占用旧的读快照，数据文件会不断增大：",
                         "note: a long-held read snapshot keeps the file growing: "),
                 report.reader_warning.c_str());
  }
  if (json) {
    std::printf(
        "{\"ok\": %s, \"entries_checked\": %llu, \"checkpoints_checked\": %llu, "
        "\"view_records_compared\": %llu, \"views_checked\": %s, \"view_records_digested\": %llu, "
        "\"first_bad_sequence\": %s, \"problem\": \"%s\", \"reader_warning\": \"%s\", "
        "\"seconds\": %.3f}\n",
        report.ok ? "true" : "false", static_cast<unsigned long long>(report.entries_checked),
        static_cast<unsigned long long>(report.checkpoints_checked),
        static_cast<unsigned long long>(report.view_records_compared),
        report.views_checked ? "true" : "false",
        static_cast<unsigned long long>(report.view_records_digested),
        report.first_bad_sequence ? std::to_string(*report.first_bad_sequence).c_str() : "null",
        json_escape(report.problem).c_str(), json_escape(report.reader_warning).c_str(), seconds);
  } else if (report.ok) {
    std::printf(cli::tr("完好：重算 %llu 条记录%s和 %llu 个检查点",
                        "ok: %llu entries%s and %llu checkpoints recomputed"),
                static_cast<unsigned long long>(report.entries_checked),
                trusted ? cli::tr("（每个请求的签名，一直核到县级密钥）",
                                  " (every request's signature, back to the county key)")
                        : "",
                static_cast<unsigned long long>(report.checkpoints_checked));
    if (report.views_checked) {
      std::printf(cli::tr("，%llu 条视图记录与检查点的摘要一致",
                          ", %llu view records match the checkpoint's digest"),
                  static_cast<unsigned long long>(report.view_records_digested));
    } else if (!deep) {
      std::printf("%s",
                  cli::tr("（未核视图：最新记录之后没有检查点，可用 taizhang checkpoint 签署）",
                          " (views not checked: no checkpoint at the head; taizhang "
                          "checkpoint signs one)"));
    }
    if (deep) {
      std::printf(cli::tr("，重放重建 %llu 条视图记录，完全一致",
                          ", %llu view records rebuilt by replay and equal"),
                  static_cast<unsigned long long>(report.view_records_compared));
    }
    std::printf(cli::tr("，用时 %.3f 秒；根 %s\n", " in %.3f s; root %s\n"), seconds,
                to_hex(ledger.root()).c_str());
  } else if (mismatch) {
    std::printf(
        cli::tr("不符（MISMATCH）：所给公钥 %s 不是本登记簿的县级公钥 %s。请给县里公布的县级公钥"
                "文件（init 时 --key 私钥旁的 .pub）；若公钥无误，这份登记簿不是该县签发的。\n",
                "MISMATCH: the key given, %s, is not this register's county key %s: give the "
                "county's published key (the .pub beside init's --key), or this register is not "
                "the county's.\n"),
        trusted->text().c_str(), ledger.log_verifier().text().c_str());
  } else {
    std::printf(cli::tr("已损坏（DAMAGED）：%s\n", "DAMAGED: %s\n"), report.problem.c_str());
    if (report.first_bad_sequence) {
      std::printf(cli::tr("第一条有问题的记录：%llu\n", "first bad entry: %llu\n"),
                  static_cast<unsigned long long>(*report.first_bad_sequence));
    }
  }
  return report.ok ? 0 : kExitDamaged;
}

int run_log(const std::string& dir, std::uint64_t from, std::uint64_t limit, bool json) {
  LedgerOptions options;
  options.read_only = true;
  Ledger ledger = Ledger::open(dir, options);
  const std::uint64_t end = std::min(ledger.size(), from + limit);
  for (std::uint64_t seq = from; seq < end; ++seq) {
    const Entry entry = ledger.entry(seq);
    const std::string what = describe_body(entry.body);
    if (json) {
      std::printf(
          "{\"sequence\": %llu, \"recorded_micros\": %lld, \"effective\": \"%s\", "
          "\"actor\": %llu, \"request_id\": \"%s\", \"approvals\": %zu, \"body\": \"%s\", "
          "\"body_zh\": \"%s\"}\n",
          static_cast<unsigned long long>(seq), static_cast<long long>(entry.recorded_micros),
          entry.effective.to_string().c_str(), static_cast<unsigned long long>(entry.actor),
          to_hex(entry.request_id).c_str(), entry.approvals.size(), json_escape(what).c_str(),
          json_escape(describe_body_zh(entry.body)).c_str());
    } else if (cli::lang() == cli::Lang::kEnglish) {
      std::printf("%6llu  %s  actor %-4llu %s\n", static_cast<unsigned long long>(seq),
                  entry.effective.to_string().c_str(), static_cast<unsigned long long>(entry.actor),
                  what.c_str());
    } else {
      std::printf("%6llu  %s  人员 %-4llu %s\n", static_cast<unsigned long long>(seq),
                  entry.effective.to_string().c_str(), static_cast<unsigned long long>(entry.actor),
                  describe_body_zh(entry.body).c_str());
    }
  }
  return 0;
}

int run_prove(const std::string& dir, std::uint64_t sequence) {
  LedgerOptions options;
  options.read_only = true;
  Ledger ledger = Ledger::open(dir, options);
  const auto note = ledger.latest_checkpoint();
  if (!note) {
    // Every register holds at least its first checkpoint: none at all means they were lost.
    throw_error(ErrorKind::kNotFound,
                "登记簿中没有检查点，无法证明 (the register holds no checkpoint to prove entry " +
                    std::to_string(sequence) + " against; run taizhang verify)");
  }
  const Checkpoint head = open_checkpoint(*note, ledger.log_verifier());
  const auto proof = ledger.inclusion_proof(sequence, head.size);
  const Hash leaf = merkle::leaf_hash(ledger.entry_bytes(sequence));
  std::printf(cli::tr("第 %llu 条记录，检查点共 %llu 条记录\n记录摘要  %s\n",
                      "entry %llu in the checkpoint of size %llu\nleaf  %s\n"),
              static_cast<unsigned long long>(sequence), static_cast<unsigned long long>(head.size),
              to_hex(leaf).c_str());
  for (const Hash& hash : proof) {
    std::printf(cli::tr("路径      %s\n", "path  %s\n"), to_hex(hash).c_str());
  }
  const bool ok = merkle::verify_inclusion(leaf, sequence, head.size, proof, head.root);
  std::printf("%s\n",
              ok ? cli::tr("证明成立：这条记录在县里签名的检查点之中，未被改动",
                           "proof verifies against the signed checkpoint")
                 : cli::tr("证明不成立（PROOF FAILS）：这条记录与签名的检查点不符", "PROOF FAILS"));
  return ok ? 0 : kExitDamaged;
}

LedgerOptions read_only() {
  LedgerOptions options;
  options.read_only = true;
  return options;
}

// A party as people read it: its name, then its id.
std::string party_text(const Registry& registry, std::uint64_t id) {
  const auto party = registry.find_party(id);
  return (party ? party->data.name : "?") + " (#" + std::to_string(id) + ")";
}

std::string division_text(const Registry& registry, const std::string& code) {
  for (const Division& d : registry.divisions()) {
    if (d.code == code) return d.name + " " + code;
  }
  return code;
}

void print_asset(const Registry& registry, const Asset& a) {
  using cli::label;
  using cli::tr;
  std::printf(tr("资产 %s  %s（记录号 %llu）\n", "asset %s  %s (id %llu)\n"), a.code.c_str(),
              a.description.name.c_str(), static_cast<unsigned long long>(a.id));
  std::printf(
      tr("  类别 %s，状态 %s，分类 %s，形态 %s\n", "  class %s, status %s, category %s, form %s\n"),
      label(a.asset_class).c_str(), label(a.status).c_str(), label(a.description.category).c_str(),
      label(a.description.form).c_str());
  // The place (坐落) after the division where the sheet gave one.
  const std::string& place = a.description.place;
  std::printf(tr("  区划 %s%s%s；建成 %s\n", "  division %s%s%s; completed %s\n"),
              division_text(registry, a.description.division).c_str(), place.empty() ? "" : " ",
              place.c_str(), a.description.completed.to_string().c_str());
  if (!a.description.project_name.empty() || a.description.project_year != 0) {
    std::printf(tr("  项目 %s（%u 年）\n", "  project %s (%u)\n"),
                a.description.project_name.c_str(), a.description.project_year);
  }
  std::printf(tr("  原值 %s 元，资金来源：\n", "  original value %s 元, funded by:\n"),
              yuan_text(a.description.original.fen()).c_str());
  for (const FundingLine& line : a.description.funding) {
    std::printf("    %s %14s\n", cli::pad(label(line.source), 24).c_str(),
                yuan_text(line.amount.fen()).c_str());
  }
  if (!a.description.project_id.empty()) {
    std::printf(tr("  项目库编号 %s\n", "  project library number %s\n"),
                a.description.project_id.c_str());
  }
  std::printf(tr("  产权归属：%s\n", "  owners:%s\n"),
              a.owners.empty() ? tr("（未确权）", " (unconfirmed)") : "");
  for (const OwnerShare& owner : a.owners) {
    std::printf("    %s  %s\n", cli::pad(party_text(registry, owner.party), 36).c_str(),
                cli::share_percent(owner.share).c_str());
  }
  if (!a.certificate.empty()) {
    std::printf(tr("  确权证书 %s\n", "  certificate %s\n"), a.certificate.c_str());
  }
  std::printf(tr("  最近巡查或清查：%s\n", "  last inspected or stocktaken: %s\n"),
              a.inspected.days() == 0 ? tr("从未", "never") : a.inspected.to_string().c_str());
}

void print_asset_json(const Registry& registry, const Asset& a, bool history) {
  const AssetDescription& d = a.description;
  std::string owners, funding, entries;
  for (const OwnerShare& o : a.owners) {
    owners += std::string(owners.empty() ? "" : ", ") + "{\"party\": " + std::to_string(o.party) +
              ", \"share\": \"" + o.share.to_string() + "\"}";
  }
  for (const FundingLine& f : d.funding) {
    funding += std::string(funding.empty() ? "" : ", ") + "{\"source\": \"" +
               std::string(name_of(f.source)) +
               "\", \"amount_fen\": " + std::to_string(f.amount.fen()) + "}";
  }
  if (history) {
    for (const HistoryItem& item : registry.history(a.id)) {
      entries += std::string(entries.empty() ? "" : ", ") +
                 "{\"sequence\": " + std::to_string(item.sequence) + ", \"effective\": \"" +
                 item.effective.to_string() + "\", \"actor\": " + std::to_string(item.actor) +
                 ", \"description\": \"" + json_escape(item.description) + "\"}";
    }
  }
  const auto keeper = registry.maintenance(a.id);
  std::printf(
      "{\"asset_id\": %llu, \"code\": \"%s\", \"name\": \"%s\", \"asset_class\": \"%s\", "
      "\"status\": \"%s\", \"division\": \"%s\", \"completed\": \"%s\", "
      "\"original_fen\": %lld, \"funding\": [%s], \"owners\": [%s], \"certificate\": \"%s\", "
      "\"project_id\": \"%s\", \"stocktaken_on\": %s, \"maintainer\": %s%s}\n",
      static_cast<unsigned long long>(a.id), json_escape(a.code).c_str(),
      json_escape(d.name).c_str(), std::string(name_of(a.asset_class)).c_str(),
      std::string(name_of(a.status)).c_str(), d.division.c_str(), d.completed.to_string().c_str(),
      static_cast<long long>(d.original.fen()), funding.c_str(), owners.c_str(),
      json_escape(a.certificate).c_str(), json_escape(d.project_id).c_str(),
      a.inspected.days() == 0 ? "null" : ("\"" + a.inspected.to_string() + "\"").c_str(),
      keeper ? std::to_string(keeper->party).c_str() : "null",
      history ? (", \"history\": [" + entries + "]").c_str() : "");
}

int run_show(const std::string& dir, std::optional<std::uint64_t> id, const std::string& code,
             bool history, bool json) {
  const Registry registry = Registry::open(dir, read_only());
  const std::optional<Asset> asset =
      id ? registry.find_asset(*id) : registry.find_asset_by_code(code);
  if (!asset) {
    throw_error(ErrorKind::kNotFound,
                std::string(cli::tr("资产：没有这项资产 ", "asset: no such asset ")) +
                    (id ? std::to_string(*id) : code));
  }
  if (json) {
    print_asset_json(registry, *asset, history);
    return 0;
  }
  using cli::tr;
  print_asset(registry, *asset);
  if (const auto contract = registry.operation(asset->id)) {
    const std::string guarantee =
        contract->guarantee_rate.is_zero()
            ? yuan_text(contract->guarantee_per_year.fen()) + tr(" 元/年", " 元/year")
            : contract->guarantee_rate.to_string() + tr(" × 本金", " of principal");
    std::printf(tr("  经营：%s，经营主体 %s，%s 至 %s，租金 %s 元/年，保底 %s\n",
                   "  operation: %s by %s, %s to %s, rent %s 元/year, guarantee %s\n"),
                cli::label(contract->mode).c_str(),
                party_text(registry, contract->operator_party).c_str(),
                contract->from.to_string().c_str(), contract->until.to_string().c_str(),
                yuan_text(contract->rent_per_year.fen()).c_str(), guarantee.c_str());
  }
  if (const auto keeper = registry.maintenance(asset->id)) {
    std::printf(tr("  管护：%s（责任人 %s，%s），每 %u 日巡查\n",
                   "  maintained by %s (%s, %s), inspected every %u days\n"),
                party_text(registry, keeper->party).c_str(), keeper->person.c_str(),
                cli::label(keeper->mode).c_str(), keeper->inspection_interval_days);
  }
  if (history) {
    std::printf("%s", tr("  记录：\n", "  history:\n"));
    // Each entry: its kind in words, who (by name), then the details as recorded (in Chinese
    // unless --lang en).
    const bool english = cli::lang() == cli::Lang::kEnglish;
    std::map<std::uint64_t, std::string> names;
    for (const HistoryItem& item : registry.history(asset->id)) {
      if (!names.count(item.actor)) {
        const auto actor = registry.find_actor(item.actor);
        names[item.actor] = actor ? actor->name : "#" + std::to_string(item.actor);
      }
      std::string description = english ? item.description : describe_body_zh(item.body);
      // The kind is printed before the actor: not again at the description's head.
      const std::string kind = cli::kind_label(item.body) + "：";
      if (!english && description.rfind(kind, 0) == 0) description.erase(0, kind.size());
      std::printf(tr("    %6llu  %s  %s（%s）：%s\n", "    %6llu  %s  %s (%s): %s\n"),
                  static_cast<unsigned long long>(item.sequence),
                  item.effective.to_string().c_str(), cli::kind_label(item.body).c_str(),
                  names[item.actor].c_str(), description.c_str());
    }
  }
  return 0;
}

int run_report(const std::string& dir, const std::string& as_of_text, bool json) {
  const Registry registry = Registry::open(dir, read_only());
  const Date as_of = cli::date_or_today(as_of_text, "--as-of", registry.ledger());
  // Sums in checked Money: a sum beyond Int64 fen is an error, never a wrapped number.
  std::map<std::string, std::pair<Money, Money>> book_by_township;
  std::map<std::uint64_t, std::string> township_of;
  for (const Asset& asset : registry.assets()) {
    township_of[asset.id] = asset.description.division.substr(0, 9) + "000";
  }
  for (const Valuation& v : registry.valuation(as_of)) {
    auto& [original, book] = book_by_township[township_of[v.asset]];
    original += v.original;
    book += v.book_value;
  }
  const std::vector<SummaryRow> rows = registry.summary();
  // Income by owner: each owner's parts of the income earned by the day (a shared asset's
  // income split by share), what its plans allocated, what waits, and what is not the register's
  // to allocate (a household's own, a state owner's proceeds remitted).
  struct OwnerIncome {
    std::uint64_t parts = 0;
    Money received, allocated, waiting, own, treasury;
  };
  std::map<std::uint64_t, OwnerIncome> by_owner;
  std::map<std::uint64_t, Date> allocated_on;
  for (const AllocationRecord& a : registry.allocations()) allocated_on[a.id] = a.day;
  for (const IncomePart& part : registry.income_parts()) {
    if (as_of < part.from) continue;
    OwnerIncome& o = by_owner[part.owner];
    ++o.parts;
    o.received += part.amount;
    if (part.disposition == PartDisposition::kOwn) {
      o.own += part.amount;
    } else if (part.disposition == PartDisposition::kTreasury) {
      o.treasury += part.amount;
    } else if (part.allocation != 0 && !(as_of < allocated_on[part.allocation])) {
      o.allocated += part.amount;
    } else {
      o.waiting += part.amount;
    }
  }
  auto name_of_party = [&](std::uint64_t id) {
    const auto party = registry.find_party(id);
    return party ? party->data.name : std::to_string(id);
  };
  if (json) {
    std::printf("{\"as_of\": \"%s\", \"summary\": [", as_of.to_string().c_str());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::printf(
          "%s{\"township\": \"%s\", \"asset_class\": \"%s\", \"ownership_level\": \"%s\", "
          "\"assets\": %llu, \"original_fen\": %lld}",
          i ? ", " : "", rows[i].division.c_str(),
          std::string(name_of(rows[i].asset_class)).c_str(),
          std::string(name_of(rows[i].level)).c_str(),
          static_cast<unsigned long long>(rows[i].assets),
          static_cast<long long>(rows[i].original.fen()));
    }
    std::printf("], \"income_by_owner\": [");
    bool first = true;
    for (const auto& [owner, o] : by_owner) {
      std::printf(
          "%s{\"owner\": %llu, \"name\": \"%s\", \"parts\": %llu, \"received_fen\": %lld, "
          "\"allocated_fen\": %lld, \"waiting_fen\": %lld, \"own_fen\": %lld, "
          "\"treasury_fen\": %lld}",
          first ? "" : ", ", static_cast<unsigned long long>(owner),
          json_escape(name_of_party(owner)).c_str(), static_cast<unsigned long long>(o.parts),
          static_cast<long long>(o.received.fen()), static_cast<long long>(o.allocated.fen()),
          static_cast<long long>(o.waiting.fen()), static_cast<long long>(o.own.fen()),
          static_cast<long long>(o.treasury.fen()));
      first = false;
    }
    std::printf("]}\n");
    return 0;
  }
  // Names beside codes: each township's name from the division table.
  std::map<std::string, std::string> division_names;
  for (const Division& d : registry.divisions()) division_names[d.code] = d.name;
  auto township_text = [&](const std::string& code) {
    const auto it = division_names.find(code);
    return it == division_names.end() ? code : it->second + " " + code;
  };
  using cli::label;
  using cli::pad;
  using cli::tr;
  // The counts are the register as it stands (every asset registered, whatever --as-of says);
  // the book values below are as of the day.
  std::printf("%s", tr("资产登记现状（按乡镇、类别、产权层级）：\n",
                       "assets as registered now (by township, class, level):\n"));
  std::printf("%s%s%s%s %s\n", pad(tr("乡镇", "township"), 30).c_str(),
              pad(tr("类别", "class"), 16).c_str(), pad(tr("产权层级", "owned at"), 12).c_str(),
              cli::pad_left(tr("项数", "assets"), 8).c_str(),
              cli::pad_left(tr("原值（元）", "original value (元)"), 22).c_str());
  for (const SummaryRow& row : rows) {
    std::printf("%s%s%s%8llu %22s\n", pad(township_text(row.division), 30).c_str(),
                pad(label(row.asset_class), 16).c_str(), pad(label(row.level), 12).c_str(),
                static_cast<unsigned long long>(row.assets), yuan_text(row.original.fen()).c_str());
  }
  std::printf(
      tr("\n截至 %s 的账面价值，按乡镇（元）：\n", "\nbook value as of %s by township (元):\n"),
      as_of.to_string().c_str());
  for (const auto& [township, figures] : book_by_township) {
    std::printf(tr("%s原值 %22s  账面 %22s（保值 %s%%）\n",
                   "%s original %22s  book %22s  (%s%% preserved)\n"),
                pad(township_text(township), 30).c_str(), yuan_text(figures.first.fen()).c_str(),
                yuan_text(figures.second.fen()).c_str(),
                percent_text(figures.second.fen(), figures.first.fen()).c_str());
  }
  if (book_by_township.empty()) {
    std::printf("%s",
                tr("（无：这一天还没有建成的资产）\n", "(none: no asset was completed yet)\n"));
  }
  if (!by_owner.empty()) {
    std::printf(tr("\n收益按所有者（截至 %s，元；共有资产的收益按份额分到各所有者）：\n",
                   "\nincome by owner (as of %s, 元; a shared asset's income split by share):\n"),
                as_of.to_string().c_str());
    using cli::pad_left;
    std::printf(
        "%s %s %s %s %s %s %s\n", pad(tr("所有者", "owner"), 36).c_str(),
        pad_left(tr("份数", "parts"), 6).c_str(), pad_left(tr("应得", "earned"), 16).c_str(),
        pad_left(tr("已分配", "allocated"), 16).c_str(),
        pad_left(tr("待分配", "waiting"), 16).c_str(), pad_left(tr("自有", "own"), 14).c_str(),
        pad_left(tr("上缴财政", "to treasury"), 14).c_str());
    Money received, allocated, waiting;
    for (const auto& [owner, o] : by_owner) {
      std::printf("%s %6llu %16s %16s %16s %14s %14s\n",
                  pad(name_of_party(owner) + " (" + std::to_string(owner) + ")", 36).c_str(),
                  static_cast<unsigned long long>(o.parts), yuan_text(o.received.fen()).c_str(),
                  yuan_text(o.allocated.fen()).c_str(), yuan_text(o.waiting.fen()).c_str(),
                  yuan_text(o.own.fen()).c_str(), yuan_text(o.treasury.fen()).c_str());
      received += o.received;
      allocated += o.allocated;
      waiting += o.waiting;
    }
    std::printf("%s %6s %16s %16s %16s\n", pad(tr("合计", "total"), 36).c_str(), "",
                yuan_text(received.fen()).c_str(), yuan_text(allocated.fen()).c_str(),
                yuan_text(waiting.fen()).c_str());
  }
  return 0;
}

int run_audit(const std::string& dir, const std::string& as_of_text, bool json) {
  const Registry registry = Registry::open(dir, read_only());
  const Date as_of = cli::date_or_today(as_of_text, "--as-of", registry.ledger());
  const std::vector<Finding> findings = registry.audit(as_of);
  if (json) {  // English keys and evidence, with the evidence in Chinese beside it
    for (const Finding& f : findings) {
      std::printf(
          "{\"rule\": \"%s\", \"asset_id\": %llu, \"asset_code\": \"%s\", "
          "\"division\": \"%s\", \"evidence\": \"%s\", \"evidence_zh\": \"%s\"}\n",
          f.rule.c_str(), static_cast<unsigned long long>(f.asset),
          json_escape(f.asset_code).c_str(), f.division.c_str(), json_escape(f.evidence()).c_str(),
          json_escape(evidence_zh(f)).c_str());
    }
    return 0;
  }
  std::map<std::string, std::string> division_names;
  for (const Division& d : registry.divisions()) division_names[d.code] = d.name;
  std::map<std::string, std::size_t> counts;
  for (const Finding& f : findings) {
    ++counts[f.rule];
    const auto name = division_names.find(f.division);
    std::printf("%s %8llu  %s %s %s  %s\n", cli::pad(cli::rule_label(f.rule), 22).c_str(),
                static_cast<unsigned long long>(f.asset), cli::pad(f.asset_code, 18).c_str(),
                f.division.c_str(),
                cli::pad(name == division_names.end() ? "" : name->second, 12).c_str(),
                (cli::lang() == cli::Lang::kEnglish ? f.evidence() : evidence_zh(f)).c_str());
  }
  if (cli::lang() == cli::Lang::kEnglish) {
    std::printf("\n%zu findings as of %s:", findings.size(), as_of.to_string().c_str());
  } else {
    std::printf("\n截至 %s 共 %zu 项审计发现：", as_of.to_string().c_str(), findings.size());
  }
  for (const auto& [rule, count] : counts) {
    std::printf("  %s %zu", cli::rule_label(rule).c_str(), count);
  }
  std::printf("\n");
  return 0;
}

bool is_csv(const std::string& path) {
  return path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                              path.compare(path.size() - 4, 4, ".CSV") == 0);
}

int run_export_csv(const std::string& dir, const std::string& path, bool json) {
  const Registry registry = Registry::open(dir, read_only());
  const Sheet sheet = export_asset_sheet(registry);
  const bool xlsx = cli::is_sheet_path(path) && !is_csv(path);
  write_new_file(path + ".tmp", xlsx ? write_xlsx(sheet, "资产台账") : write_csv(sheet), 0644);
  std::filesystem::rename(path + ".tmp", path);
  if (json) {
    std::printf("{\"rows\": %zu}\n", sheet.size() - 1);
  } else {
    std::printf(cli::tr("已写出 %zu 项资产到 %s\n", "wrote %zu assets to %s\n"), sheet.size() - 1,
                path.c_str());
  }
  return 0;
}

int run_import_csv(const std::string& dir, const std::string& path, std::uint64_t actor,
                   const std::string& key_path, const std::string& effective, bool keep_good_rows,
                   bool json) {
  Registry registry = Registry::open(dir);
  const Signer signer = cli::signer_of(registry.ledger(), actor, key_path);
  SheetImportOptions options;
  options.actor = actor;
  options.signer = &signer;
  options.effective = cli::date_or_today(effective, "--effective", registry.ledger());
  options.keep_good_rows = keep_good_rows;
  const auto start = std::chrono::steady_clock::now();
  const SheetImportReport report =
      import_asset_sheet(registry, cli::read_sheet_file(path), options);
  const double seconds = seconds_since(start);
  cli::print_sheet_reading(report.header_row, report.ignored_columns, report.problems, json);
  if (json) {
    std::string ignored;
    for (const std::string& name : report.ignored_columns) {
      ignored += (ignored.empty() ? "\"" : ", \"") + json_escape(name) + "\"";
    }
    std::printf(
        "{\"rows\": %zu, \"imported\": %zu, \"updated\": %zu, \"unchanged\": %zu, "
        "\"refused\": %zu, \"header_row\": %zu, \"ignored_columns\": [%s], \"seconds\": %.3f}\n",
        report.rows, report.assets.size(), report.updated.size(), report.unchanged,
        report.problems.size(), report.header_row, ignored.c_str(), seconds);
  } else if (report.written) {
    std::printf(
        cli::tr("已导入 %zu 行到 %s：新登记 %zu 项，更新 %zu 项，未变 %zu 项，用时 %.2f 秒\n",
                "imported %zu rows into %s: %zu registered, %zu updated, %zu unchanged, "
                "in %.2f s\n"),
        report.assets.size() + report.updated.size() + report.unchanged, dir.c_str(),
        report.assets.size(), report.updated.size(), report.unchanged, seconds);
    for (const std::string& change : report.changes) {
      std::printf(cli::tr("  更新 %s\n", "  updated %s\n"), change.c_str());
    }
    if (!report.problems.empty()) {
      std::set<std::size_t> rows;
      for (const RowProblem& p : report.problems) rows.insert(p.row);
      std::printf(cli::tr("另有 %zu 行有误未导入（%zu 处问题，见上），改正后可再导入这张表\n",
                          "%zu rows refused (%zu problems above): correct them and import the "
                          "sheet again\n"),
                  rows.size(), report.problems.size());
    }
  } else {
    std::printf(
        cli::tr("%zu 处有误（共 %zu 行）：未导入任何一行（--keep-good-rows 可导入其余正确的行）\n",
                "%zu of %zu rows refused: nothing imported (--keep-good-rows imports the "
                "rest)\n"),
        report.problems.size(), report.rows);
  }
  if (report.problems.empty()) return 0;
  return report.written ? 3 : kExitErrorBase + static_cast<int>(ErrorKind::kInvalidInput);
}

// Serves the register's appends to other processes until SIGINT or SIGTERM (service.h).
int run_serve(const std::string& dir, const std::string& socket_path) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  // Blocked before the service's threads start, so they inherit the mask and the signal is
  // taken here by sigwait.
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  Registry registry = Registry::open(dir);
  CommitService service(registry.ledger(), socket_path);
  std::printf(cli::tr("正在为 %s（%s）经 %s 接收写入（现有 %llu 条记录）；SIGINT 或 SIGTERM 停止\n",
                      "serving %s (%s) on %s (entries: %llu); SIGINT or SIGTERM stops\n"),
              registry.origin().c_str(), dir.c_str(), socket_path.c_str(),
              static_cast<unsigned long long>(registry.ledger().size()));
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  service.stop();
  std::printf(cli::tr("已停止：应答 %llu 次提交，现有 %llu 条记录\n",
                      "stopped: %llu submissions answered, %llu entries\n"),
              static_cast<unsigned long long>(service.answered()),
              static_cast<unsigned long long>(registry.ledger().size()));
  return 0;
}

int run_export(const std::string& dir, const std::string& path, std::uint64_t from,
               const std::string& key_path, const std::string& as_of, bool json) {
  if (cli::is_sheet_path(path)) return run_export_csv(dir, path, json);
  if (path.size() > 7 && path.compare(path.size() - 7, 7, ".tzsnap") == 0) {
    const Registry registry = Registry::open(dir, read_only());
    const Date day = cli::date_or_today(as_of, "--as-of", registry.ledger());
    const std::uint64_t size = export_snapshot(registry, path, day);
    if (json) {
      std::printf("{\"size\": %llu}\n", static_cast<unsigned long long>(size));
    } else {
      std::printf(cli::tr("已把 %s 在 %llu 条记录时的状态（账面价值截至 %s）写入 %s\n",
                          "wrote the state of %s at %llu entries (book values as of %s) to %s\n"),
                  dir.c_str(), static_cast<unsigned long long>(size), day.to_string().c_str(),
                  path.c_str());
    }
    return 0;
  }
  LedgerOptions options;
  options.read_only = key_path.empty();
  Ledger ledger = Ledger::open(dir, options);
  // With the county's key, sign the head first so the stream carries every entry.
  if (!key_path.empty()) {
    ledger.checkpoint(cli::county_signer(ledger, key_path), key_path + ".signed");
  }
  Progress progress("exporting");
  const std::uint64_t size = ledger.size();
  const auto start = std::chrono::steady_clock::now();
  const StreamSummary summary = export_log(
      ledger, path, from, [&](std::uint64_t done) { progress.update(done, size - from); });
  const double seconds = seconds_since(start);
  if (json) {
    std::printf("{\"origin\": \"%s\", \"from\": %llu, \"to\": %llu, \"seconds\": %.3f}\n",
                json_escape(summary.origin).c_str(),
                static_cast<unsigned long long>(summary.from_size),
                static_cast<unsigned long long>(summary.to_size), seconds);
  } else {
    std::printf(
        cli::tr(
            "已导出 %3$s 的第 %1$llu 至 %2$llu 条记录到 %4$s，用时 %5$.2f 秒，截至检查点：\n%6$s",
            "exported entries %1$llu to %2$llu of %3$s to %4$s in %5$.2f s, up to the "
            "checkpoint:\n%6$s"),
        static_cast<unsigned long long>(summary.from_size),
        static_cast<unsigned long long>(summary.to_size), summary.origin.c_str(), path.c_str(),
        seconds, summary.checkpoint.c_str());
  }
  return 0;
}

int run_import(const std::string& dir, const std::string& path, const std::string& trusted_path,
               bool json) {
  // Spreadsheets (.csv, .xlsx) are handled by run_import_csv; this is the interchange stream,
  // and a file that is neither is named as such rather than as a damaged stream.
  const StreamSummary claimed = [&] {
    try {
      return read_stream_header(path);
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kIntegrityError) throw;
      throw_invalid("--in", path,
                    cli::tr("既不是表格（.xlsx 或 .csv），也不是 taizhang export 写出的记录流",
                            "neither a sheet (.xlsx, .csv) nor a stream taizhang export wrote"));
    }
  }();
  Progress progress("importing");
  const auto on_progress = [&](std::uint64_t done) {
    progress.update(done, claimed.to_size - claimed.from_size);
  };
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t before = 0, added = 0, size = 0;
  if (std::filesystem::exists(std::filesystem::path(dir) / "data.mdb")) {
    Registry registry = Registry::open(dir);
    before = registry.ledger().size();
    added = import_log(registry.ledger(), path, on_progress).added;
    size = registry.ledger().size();
  } else {
    std::optional<Verifier> trusted;
    if (!trusted_path.empty()) trusted = Verifier::load(trusted_path);
    LedgerOptions options;
    options.fold = register_fold();
    const Ledger ledger =
        import_new(dir, path, trusted ? &*trusted : nullptr, std::move(options), on_progress);
    size = added = ledger.size();
  }
  const double seconds = seconds_since(start);
  if (json) {
    std::printf("{\"before\": %llu, \"added\": %llu, \"size\": %llu, \"seconds\": %.3f}\n",
                static_cast<unsigned long long>(before), static_cast<unsigned long long>(added),
                static_cast<unsigned long long>(size), seconds);
  } else {
    std::printf(
        cli::tr("已核验并导入 %s（县 %s）的 %llu 条记录到 %s，用时 %.2f 秒；现有 %llu 条，"
                "截至检查点\n%s",
                "verified and imported %s (county %s): %llu entries into %s in %.2f s: it now "
                "holds %llu, to the checkpoint\n%s"),
        claimed.origin.c_str(), claimed.county_code.c_str(), static_cast<unsigned long long>(added),
        dir.c_str(), seconds, static_cast<unsigned long long>(size), claimed.checkpoint.c_str());
  }
  return 0;
}

}  // namespace

// CLI11's usage errors in Chinese: what is wrong first, CLI11's own words (which name the
// option and value) after, then where to read the usage.
std::string usage_error_zh(const CLI::App*, const CLI::Error& error) {
  // By CLI11's words rather than its error's name, which some errors set to the command's.
  const std::string said = error.what();
  auto says = [&](const char* words) { return said.find(words) != std::string::npos; };
  const char* what = "用法有误";
  if (says("subcommand is required")) {
    what = "请给出一个命令（如 import、report）";
  } else if (says("is required")) {
    what = "缺少必填的参数";
  } else if (says("not expected")) {
    what = "有无法识别的参数（拼写有误，或放错了位置）";
  } else if (says("Could not convert")) {
    what = "参数的值格式不对（例如该填数字处填了文字）";
  } else if (says("not in range") || says("not in {") || says("Value ")) {
    what = "参数的值不在允许的范围内";
  } else if (says("excludes")) {
    what = "这两个参数不能同时使用";
  } else if (says("requires")) {
    what = "这个参数还需要另一个参数";
  }
  return std::string("taizhang：") + what + "（" + said +
         "）\n请用 taizhang --help，或 taizhang 命令名 --help，查看用法。\n";
}

// When the first word that is not an option names no command: the message naming it and the
// nearest command (by edit distance); empty otherwise.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--lang") {
      ++i;  // its value
      continue;
    }
    if (word.empty() || word[0] == '-') continue;
    if (std::find(names.begin(), names.end(), word) != names.end()) return {};
    auto distance = [](const std::string& a, const std::string& b) {
      std::vector<std::size_t> row(b.size() + 1);
      for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
      for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
          const std::size_t up = row[j];
          row[j] =
              std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
          diagonal = up;
        }
      }
      return row[b.size()];
    };
    std::string nearest;
    std::size_t best = 3;  // more than two edits away is no suggestion
    for (const std::string& name : names) {
      if (const std::size_t d = distance(word, name); d < best) {
        best = d;
        nearest = name;
      }
    }
    const std::string hint =
        nearest.empty()
            ? std::string(cli::tr("；taizhang --help 列出全部命令", "; taizhang --help lists them"))
            : std::string(cli::tr("；是否想用 ", "; did you mean ")) + nearest + cli::tr("？", "?");
    return std::string(cli::tr("taizhang：没有 “", "taizhang: there is no command \"")) + word +
           cli::tr("” 这个命令", "\"") + hint;
  }
  return {};
}

int main(int argc, char** argv) {
  using cli::tr;
  // The language first: the help text is written in it.
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const std::string_view value = arg == "--lang" && i + 1 < argc ? std::string_view(argv[i + 1])
                                   : arg.starts_with("--lang=")    ? arg.substr(7)
                                                                   : std::string_view();
    if (value == "en") cli::set_lang(cli::Lang::kEnglish);
    if (value == "zh") cli::set_lang(cli::Lang::kChinese);
  }
  CLI::App app{
      tr("taizhang：扶贫项目资产台账。从空白登记簿到村级公示：\n"
         "  keygen → init → divisions → parties → actors → import → policy → notice\n"
         "（template 写出各张表的空白模板；说明见 README 与 docs/spreadsheets.md）",
         "taizhang: the register of poverty-alleviation project assets")};
  app.require_subcommand(1);
  app.fallthrough();
  if (cli::lang() == cli::Lang::kChinese) {
    app.option_defaults()->group("选项");
    auto formatter = app.get_formatter();
    for (const auto& [key, value] :
         std::initializer_list<std::pair<const char*, const char*>>{{"Usage", "用法"},
                                                                    {"OPTIONS", "选项"},
                                                                    {"SUBCOMMAND", "子命令"},
                                                                    {"Options", "选项"},
                                                                    {"Positionals", "位置参数"},
                                                                    {"Subcommands", "子命令"},
                                                                    {"REQUIRED", "必填"},
                                                                    {"TEXT", "文本"},
                                                                    {"UINT", "整数"},
                                                                    {"INT", "整数"},
                                                                    {"Needs", "需要"},
                                                                    {"Excludes", "不可同用"}}) {
      formatter->label(key, value);
    }
    app.set_help_flag("-h,--help", "显示帮助并退出");
    app.failure_message(usage_error_zh);
  }
  std::string lang_option;
  app.add_option("--lang", lang_option, tr("输出语言：zh（默认）或 en", "Language: zh or en"))
      ->check(CLI::IsMember({"zh", "en"}));
  app.footer(
      tr("退出码：0 成功，1 登记簿损坏或与所给县级公钥不符，2 用法错误，其他为 10 + 错误种类"
         "（11 输入有误 12 找不到 13 冲突 14 无权 15 违反规则 16 完整性 17 存储）；"
         "3 表格部分导入（--keep-good-rows 时有行被拒）。",
         "Exit codes: 0 ok, 1 register damaged or not the given county key's, 2 usage, 3 some "
         "sheet rows refused "
         "(--keep-good-rows), 10 + error kind otherwise."));

  std::string dir, key_path, name, out;
  bool json = false;
  RegisterInfo info;
  std::uint64_t from = 0, limit = 20, sequence = 0;
  const char* dir_help = tr("登记簿目录", "Register directory");
  const char* json_help = tr("机器可读输出（JSON）", "Machine-readable output");

  auto* keygen =
      app.add_subcommand("keygen", tr("生成签名密钥（私钥文件权限 0600，另写 .pub 公钥）",
                                      "Generate an Ed25519 signer key file (mode 0600)"));
  keygen->add_option("--name", name, tr("密钥名（县级密钥即登记簿的 origin）", "Key name"));
  bool identity_key = false;
  keygen->add_flag("--identity", identity_key,
                   tr("改为生成县里的身份密钥（农户身份证号以其散列登记）",
                      "Make the county's identity key instead (householders' numbers hashed)"));
  keygen
      ->add_option("--out", out, tr("要写的私钥文件（及 <out>.pub）", "Signer key file to create"))
      ->required();

  auto* init = app.add_subcommand("init", tr("新建县级登记簿", "Create a county register"));
  init->add_option("dir", dir, dir_help)->required();
  init->add_option("--county-code", info.county_code, tr("县的 12 位区划代码", "12-digit code"))
      ->required();
  init->add_option("--county-name", info.county_name, tr("县名", "County name"))->required();
  init->add_option("--origin", info.origin,
                   tr("检查点的 origin（即县级密钥名）", "Checkpoint origin"))
      ->required();
  init->add_option("--key", key_path, tr("县级私钥文件", "The county's signer key file"))
      ->required();
  std::string registrar_path;
  init->add_option("--registrar", registrar_path,
                   tr("首位县级登记员的公钥（.pub），登记为人员 1（不给则只建空日志）",
                      "The first county registrar's verifier key (.pub): actor 1"));

  auto* checkpoint = app.add_subcommand(
      "checkpoint", tr("用县级密钥签署当前的检查点", "Sign the current tree head"));
  checkpoint->add_option("dir", dir, dir_help)->required();
  checkpoint->add_option("--key", key_path, tr("县级私钥文件", "The county's signer key file"))
      ->required();

  auto* verify =
      app.add_subcommand("verify", tr("核验：重算每条记录的散列、每个检查点与签名",
                                      "Recompute every hash and check every checkpoint"));
  verify->add_option("dir", dir, dir_help)->required();
  verify->add_option("--key", key_path,
                     tr("县里公布的公钥（.pub）：第 0 条记录须是它", "The county's verifier key"));
  bool deep = false;
  verify->add_flag("--deep", deep,
                   tr("同时重放全部记录重建各视图并比对", "Also replay every view"));
  std::vector<std::string> since_paths;
  verify->add_option("--since", since_paths,
                     tr("县里先前公布的检查点：台账须延续每一个（旧副本或分叉即失败）",
                        "Earlier published checkpoints the register must extend"));
  verify->add_flag("--json", json, json_help);

  auto* log = app.add_subcommand("log", tr("列出记录", "List entries"));
  log->add_option("dir", dir, dir_help)->required();
  log->add_option("--from", from, tr("起始记录号", "First sequence number"));
  log->add_option("--limit", limit, tr("条数", "Number of entries"));
  log->add_flag("--json", json, json_help);

  auto* prove = app.add_subcommand(
      "prove", tr("证明某条记录在最新检查点之内", "Prove an entry is in the latest checkpoint"));
  prove->add_option("dir", dir, dir_help)->required();
  prove->add_option("--seq", sequence, tr("记录号", "Sequence number of the entry"))->required();

  auto* demo = app.add_subcommand(
      "demo", tr("生成一个演示县的登记簿并核验", "Build a demonstration county register"));
  cli::DemoOptions demo_options;
  demo->add_option("--dir", demo_options.dir, tr("演示目录（旧的演示会被替换）", "Directory"));
  demo->add_option("--townships", demo_options.townships, tr("乡镇数", "Number of townships"))
      ->type_name(cli::tr("整数", "UINT"))
      ->check(CLI::Range(1, 99).description(cli::tr("（1 至 99）", "in [1 - 99]")));
  demo->add_option("--villages", demo_options.villages_per_township,
                   tr("每乡镇村数", "Villages per township"))
      ->type_name(cli::tr("整数", "UINT"))
      ->check(CLI::Range(1, 199).description(cli::tr("（1 至 199）", "in [1 - 199]")));
  demo->add_option("--assets", demo_options.assets, tr("资产数", "Number of assets"))
      ->type_name(cli::tr("整数", "UINT"))
      ->check(CLI::Range(1, 10'000'000)
                  .description(cli::tr("（1 至 10'000'000）", "in [1 - 10'000'000]")));
  demo->add_option("--seed", demo_options.seed, tr("随机种子", "Random seed"));

  std::optional<std::uint64_t> asset_id;
  std::string asset_code, as_of;  // empty: the register's today
  auto* show =
      app.add_subcommand("show", tr("查看一项资产：描述、产权、经营、管护", "Show an asset"));
  show->add_option("dir", dir, dir_help)->required();
  show->add_option("--asset", asset_id, tr("资产记录号", "Asset id"));
  show->add_option("--code", asset_code, tr("资产编号", "Asset code"));
  show->add_flag("--json", json, json_help);
  auto* history = app.add_subcommand(
      "history", tr("查看一项资产及其全部记录", "Show an asset and every entry about it"));
  history->add_option("dir", dir, dir_help)->required();
  history->add_option("--asset", asset_id, tr("资产记录号", "Asset id"));
  history->add_option("--code", asset_code, tr("资产编号", "Asset code"));
  history->add_flag("--json", json, json_help);
  auto* audit = app.add_subcommand(
      "audit",
      tr("审计发现：未确权、管护未落实、巡查超期、闲置低效、收益未按期分配、保底收益未足额等",
         "Audit findings (docs/rules.md §7)"));
  audit->add_option("dir", dir, dir_help)->required();
  audit->add_option("--as-of", as_of, tr("审计日期（默认登记簿的今天）", "Date (default today)"));
  audit->add_flag("--json", json, tr("每项发现一行 JSON", "One JSON object per finding"));
  auto* report = app.add_subcommand(
      "report", tr("按乡镇、类别、产权层级汇总台账", "The register by township, class, ownership"));
  report->add_option("dir", dir, dir_help)->required();
  report->add_option("--as-of", as_of,
                     tr("账面价值的日期（默认登记簿的今天）", "Date of the book values"));
  report->add_flag("--json", json, json_help);

  std::string stream_path;
  auto* export_command = app.add_subcommand(
      "export", tr("导出：资产表（.xlsx/.csv，中文表头）、快照（.tzsnap）或交换用记录流",
                   "Write the asset sheet (.xlsx/.csv), a snapshot (.tzsnap) or the log stream"));
  export_command->add_option("dir", dir, dir_help)->required();
  export_command
      ->add_option("--out", stream_path,
                   tr("要写的文件：*.xlsx 或 *.csv 为资产表，*.tzsnap 为快照，其他为记录流",
                      "*.xlsx/*.csv: the asset sheet; *.tzsnap: a snapshot; else the log stream"))
      ->required();
  export_command->add_option("--as-of", as_of, tr("快照：账面价值的日期", "Snapshots: the day"));
  export_command->add_option("--from", from,
                             tr("起始记录（接收方已有之前的）", "First entry to send"));
  export_command->add_option("--key", key_path,
                             tr("县级私钥：先签检查点，使记录流带上全部记录",
                                "The county's key: checkpoint the head first"));
  export_command->add_flag("--json", json, json_help);
  auto* import_command = app.add_subcommand(
      "import", tr("导入：资产表（.xlsx 或 .csv，UTF-8 或 GBK）登记资产及管护，或核验并导入记录流",
                   "Register the assets of a sheet (.xlsx/.csv), or verify and add a stream"));
  import_command->add_option("dir", dir, dir_help)->required();
  import_command
      ->add_option("--in", stream_path, tr("要读的文件：*.xlsx/*.csv 为资产表", "File to read"))
      ->required();
  std::uint64_t import_actor = 1;
  std::string import_effective;  // empty: the register's today
  bool keep_good_rows = false;
  import_command->add_option(
      "--by", import_actor,
      tr("表格：签名登记的人员编号（默认 1）", "Sheets: the actor (default 1)"));
  import_command->add_option(
      "--effective", import_effective,
      tr("表格：生效日期（默认登记簿的今天）", "Sheets: the effective date"));
  import_command->add_flag("--keep-good-rows", keep_good_rows,
                           tr("表格：有错行时仍导入正确的行（退出码 3）",
                              "Sheets: import the good rows even if some are refused (exit 3)"));
  import_command->add_option("--key", key_path,
                             tr("表格：--by 人员的私钥文件（必填）；新副本：县里公布的公钥",
                                "Sheets: the actor's key file; a new replica: the county's .pub"));
  import_command->add_flag("--json", json, json_help);

  // The sheets of who and where: each all rows or none, signed by the actor --by.
  auto sheet_options = [&](CLI::App* command, const char* what) {
    command->add_option("dir", dir, dir_help)->required();
    command->add_option("--in", stream_path, what)->required();
    command->add_option(
        "--by", import_actor,
        tr("签名登记的人员编号（默认 1，县级登记员）", "The actor who writes them (default 1)"));
    command->add_option("--key", key_path,
                        tr("该人员的私钥文件（必填）", "The actor's signer key file"));
    command->add_option("--effective", import_effective,
                        tr("生效日期（默认登记簿的今天）", "Effective date (default today)"));
    command->add_flag("--json", json, json_help);
  };
  auto* divisions = app.add_subcommand(
      "divisions", tr("登记区划表（列：区划代码、名称、起始日期、终止日期），全部或不写",
                      "Define the division table from a sheet, all rows or none"));
  sheet_options(divisions, tr("区划表（.xlsx 或 .csv，UTF-8 或 GBK）", "The sheet (.xlsx/.csv)"));
  auto* parties = app.add_subcommand(
      "parties",
      tr("登记主体表（列：名称、主体类型、区划代码、统一社会信用代码、身份证号、脱贫户、"
         "监测户、无劳动能力），全部或不写",
         "Register parties (owners, operators, maintainers) from a sheet, all rows or none"));
  sheet_options(parties, tr("主体表（.xlsx 或 .csv）", "The sheet (.xlsx or .csv)"));
  std::string identity_key_path;
  parties->add_option("--identity-key", identity_key_path,
                      tr("县里的身份密钥文件：农户的身份证号只以其散列登记",
                         "The county's identity key: householders' numbers kept only as hashes"));
  auto* actors = app.add_subcommand(
      "actors", tr("登记人员表（列：编号、姓名、角色、辖区代码、公钥、代表单位），全部或不写",
                   "Enrol officials with their public keys from a sheet, all rows or none"));
  sheet_options(actors, tr("人员表（.xlsx 或 .csv）；公钥可写 .pub 文件名（与表同目录）",
                           "The sheet; a 公钥 cell may name a .pub file beside it"));
  std::string record_kind;
  auto* record = app.add_subcommand(
      "record", tr("按表格记录资产的事项：inspections 巡查、stocktaking 清查、incomes 收益、"
                   "status 状态、notices 公告、resolutions 决议、contracts 经营合同"
                   "（taizhang template 种类 可得模板），全部或不写；打印每行的记录号",
                   "Record events from a sheet: inspections, stocktaking, incomes, status, "
                   "notices, resolutions, contracts; all rows or none; prints record numbers"));
  sheet_options(record, tr("记录表（.xlsx 或 .csv）", "The sheet (.xlsx or .csv)"));
  record
      ->add_option("kind", record_kind,
                   tr("种类：inspections 巡查 | stocktaking 清查 | incomes 收益 | status 状态 | "
                      "notices 公告 | resolutions 决议 | contracts 合同（中文亦可）",
                      "inspections | stocktaking | incomes | status | notices | resolutions | "
                      "contracts"))
      ->required();
  std::string template_kind;
  auto* template_command = app.add_subcommand(
      "template", tr("写出空白表格模板（表头和一行示例）：assets 资产、divisions 区划、"
                     "parties 主体、actors 人员、inspections 巡查、stocktaking 清查、incomes 收益、"
                     "status 状态、notices 公告",
                     "Write an empty sheet with the headers and one example row"));
  template_command
      ->add_option("kind", template_kind,
                   "assets | divisions | parties | actors | inspections | stocktaking | incomes | "
                   "status | notices")
      ->required();
  template_command
      ->add_option("--out", out, tr("要写的文件（.xlsx 或 .csv）", "File to write (.xlsx/.csv)"))
      ->required();

  cli::PolicyChange policy_change;
  auto* policy = app.add_subcommand(
      "policy", tr("查看登记簿的设置（政策版本）；给出选项时签署新版本",
                   "Show the register's settings (its policy); with options, sign a new version"));
  policy->add_option("dir", dir, dir_help)->required();
  policy->add_option("--supervision-phone", policy_change.supervision_phone,
                     tr("监督举报电话（印在每份公示上）", "Supervision phone, on every notice"));
  policy->add_option("--supervision-unit", policy_change.supervision_unit,
                     tr("受理举报的单位", "The unit that answers it"));
  policy
      ->add_option("--publicity-days", policy_change.publicity_days,
                   tr("公示期最少天数", "Minimum publicity period in days"))
      ->type_name(cli::tr("整数", "UINT"))
      ->check(CLI::Range(1, 365).description(cli::tr("（1 至 365）", "in [1 - 365]")));
  policy->add_option("--by", import_actor, tr("签名的县级登记员（默认 1）", "The registrar"));
  policy->add_option("--key", key_path, tr("该登记员的私钥文件", "The registrar's key file"));
  policy->add_option("--effective", import_effective,
                     tr("新版本施行日期（默认登记簿的今天）", "Effective date"));
  policy->add_flag("--json", json, json_help);

  cli::NoticeOptions notice_options;
  auto* notice =
      app.add_subcommand("notice", tr("写出村级资产公示（可打印的 HTML），附签名检查点",
                                      "Write a village's public notice (公示) as printable HTML"));
  notice->add_option("dir", notice_options.dir, dir_help)->required();
  notice
      ->add_option("--village", notice_options.village,
                   tr("村的 12 位区划代码或村名", "The village's code or unique name"))
      ->required();
  notice->add_option("--as-of", notice_options.as_of,
                     tr("账面价值的日期（默认登记簿的今天）", "Date of the book values"));
  notice->add_option("--from", notice_options.from,
                     tr("公示开始日期（默认登记簿的今天）", "First day of the publicity"));
  notice->add_option("--days", notice_options.days,
                     tr("公示天数（默认且不少于政策规定）", "Days (default: the policy's)"));
  notice->add_option("--place", notice_options.place,
                     tr("公示地点（默认 村务公开栏）", "Where it is posted"));
  notice->add_option("--key", notice_options.key_path,
                     tr("县级私钥：先签署覆盖全部记录的新检查点（否则最新检查点须已覆盖）",
                        "The county's key: sign a fresh checkpoint covering every entry"));
  notice->add_option("--out", notice_options.out, tr("要写的 HTML 文件", "HTML file to write"))
      ->required();

  std::string socket_path;
  auto* serve =
      app.add_subcommand("serve", tr("经 Unix 套接字接收其他进程的写入，合并提交",
                                     "Take appends from other processes over a Unix socket"));
  serve->add_option("dir", dir, dir_help)->required();
  serve->add_option("--socket", socket_path, tr("套接字路径", "Socket path"))->required();

  if (cli::lang() == cli::Lang::kChinese) {
    for (CLI::App* command : app.get_subcommands({})) {
      command->get_help_ptr()->group("选项");
      command->failure_message(usage_error_zh);
    }
    app.get_help_ptr()->group("选项");
  }
  // A command name mistyped (taizhang improt): named, with the nearest command, before CLI11's
  // "a subcommand is required" hides it.
  if (const std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::fprintf(stderr, "%s\n", unknown.c_str());
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  const auto dispatch = [&]() -> int {
    try {
      if (*keygen) return run_keygen(name, out, identity_key);
      if (*init) return run_init(dir, info, key_path, registrar_path);
      if (*checkpoint) return run_checkpoint(dir, key_path);
      if (*verify) return run_verify(dir, key_path, deep, json, since_paths);
      if (*log) return run_log(dir, from, limit, json);
      if (*prove) return run_prove(dir, sequence);
      if (*demo) return cli::run_demo(demo_options);
      if (*show || *history) {
        if (!asset_id && asset_code.empty()) {
          throw_invalid("--asset", "", tr("请给 --asset 或 --code", "give --asset or --code"));
        }
        return run_show(dir, asset_id, asset_code, static_cast<bool>(*history), json);
      }
      if (*report) return run_report(dir, as_of, json);
      if (*audit) return run_audit(dir, as_of, json);
      if (*export_command) return run_export(dir, stream_path, from, key_path, as_of, json);
      if (*notice) return cli::run_notice(notice_options);
      if (*serve) return run_serve(dir, socket_path);
      const cli::SheetCommand sheet_command{dir,          stream_path, key_path, import_effective,
                                            import_actor, json};
      if (*policy) return cli::run_policy(dir, policy_change, sheet_command);
      if (*divisions) return cli::run_divisions(sheet_command);
      if (*parties) return cli::run_parties(sheet_command, identity_key_path);
      if (*actors) return cli::run_actors(sheet_command);
      if (*template_command) return cli::run_template(template_kind, out);
      if (*record) return cli::run_record(sheet_command, record_kind);
      if (*import_command && cli::is_sheet_path(stream_path)) {
        return run_import_csv(dir, stream_path, import_actor, key_path, import_effective,
                              keep_good_rows, json);
      }
      if (*import_command) return run_import(dir, stream_path, key_path, json);
    } catch (const Error& error) {
      std::fprintf(stderr, "taizhang: %s\n", cli::error_text(error).c_str());
      return kExitErrorBase + static_cast<int>(error.kind());
    } catch (const std::bad_alloc&) {
      // A length read from a damaged page asks for more memory than there is, as does a
      // register too big for this machine: either way, say so and where to look.
      std::fprintf(stderr, "taizhang: %s\n",
                   tr("存储错误（StorageError）：内存不足。台账过大，或数据文件已损坏"
                      "（请用 taizhang verify --deep 检查）",
                      "StorageError: out of memory: the register is too big for this machine, "
                      "or its data file is damaged (check it with taizhang verify --deep)"));
      return kExitErrorBase + static_cast<int>(ErrorKind::kStorageError);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "taizhang: %s\n", error.what());
      return kExitErrorBase + static_cast<int>(ErrorKind::kStorageError);
    }
    return 2;
  };
  // The commands that read the register through and through run in a child process: a damaged
  // page that LMDB follows outside the file ends that child, and the clerk reads that the file
  // is damaged (IntegrityError) instead of a crash. verify guards its own scan.
  const bool reads =
      *log || *prove || *show || *history || *report || *audit || *export_command || *notice;
  return reads ? cli::isolated(dispatch) : dispatch();
}

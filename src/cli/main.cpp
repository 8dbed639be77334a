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
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

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

int run_keygen(const std::string& name, const std::string& out) {
  const Signer signer = Signer::generate(name);
  signer.save(out);
  write_new_file(out + ".pub", signer.verifier().text() + "\n", 0644);
  std::printf("signer key  %s (mode 0600)\nverifier    %s.pub\n%s\n", out.c_str(), out.c_str(),
              signer.verifier().text().c_str());
  return 0;
}

// With `registrar_path`, a county register whose actor 1 is the registrar holding that verifier
// key, enrolled by an entry the county key signs; without, a bare log.
int run_init(const std::string& dir, const RegisterInfo& info, const std::string& key_path,
             const std::string& registrar_path) {
  const Signer key = Signer::load(key_path);
  if (!registrar_path.empty()) {
    const Verifier registrar = Verifier::load(registrar_path);
    Registry registry = Registry::create(dir, info, key, registrar.public_key());
    std::printf("register %s created for %s (%s); actor 1, the county registrar: %s\n%s",
                dir.c_str(), info.county_name.c_str(), info.county_code.c_str(),
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
  std::fputs(ledger.checkpoint(Signer::load(key_path), key_path + ".signed").c_str(), stdout);
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
  if (json) {
    std::printf(
        "{\"ok\": %s, \"entries_checked\": %llu, \"checkpoints_checked\": %llu, "
        "\"view_records_compared\": %llu, \"views_checked\": %s, \"view_records_digested\": %llu, "
        "\"first_bad_sequence\": %s, \"problem\": \"%s\", \"seconds\": %.3f}\n",
        report.ok ? "true" : "false", static_cast<unsigned long long>(report.entries_checked),
        static_cast<unsigned long long>(report.checkpoints_checked),
        static_cast<unsigned long long>(report.view_records_compared),
        report.views_checked ? "true" : "false",
        static_cast<unsigned long long>(report.view_records_digested),
        report.first_bad_sequence ? std::to_string(*report.first_bad_sequence).c_str() : "null",
        json_escape(report.problem).c_str(), seconds);
  } else if (report.ok) {
    std::printf("ok: %llu entries%s and %llu checkpoints recomputed",
                static_cast<unsigned long long>(report.entries_checked),
                trusted ? " (every request's signature, back to the county key)" : "",
                static_cast<unsigned long long>(report.checkpoints_checked));
    if (report.views_checked) {
      std::printf(", %llu view records match the checkpoint's digest",
                  static_cast<unsigned long long>(report.view_records_digested));
    } else if (!deep) {
      std::printf(" (views not checked: no checkpoint at the head; taizhang checkpoint signs one)");
    }
    if (deep) {
      std::printf(", %llu view records rebuilt by replay and equal",
                  static_cast<unsigned long long>(report.view_records_compared));
    }
    std::printf(" in %.3f s; root %s\n", seconds, to_hex(ledger.root()).c_str());
  } else {
    std::printf("DAMAGED: %s\n", report.problem.c_str());
    if (report.first_bad_sequence) {
      std::printf("first bad entry: %llu\n",
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
          "\"actor\": %llu, \"request_id\": \"%s\", \"approvals\": %zu, \"body\": \"%s\"}\n",
          static_cast<unsigned long long>(seq), static_cast<long long>(entry.recorded_micros),
          entry.effective.to_string().c_str(), static_cast<unsigned long long>(entry.actor),
          to_hex(entry.request_id).c_str(), entry.approvals.size(), json_escape(what).c_str());
    } else {
      std::printf("%6llu  %s  actor %-4llu %s\n", static_cast<unsigned long long>(seq),
                  entry.effective.to_string().c_str(), static_cast<unsigned long long>(entry.actor),
                  what.c_str());
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
  std::printf("entry %llu in the checkpoint of size %llu\nleaf  %s\n",
              static_cast<unsigned long long>(sequence), static_cast<unsigned long long>(head.size),
              to_hex(leaf).c_str());
  for (const Hash& hash : proof) std::printf("path  %s\n", to_hex(hash).c_str());
  const bool ok = merkle::verify_inclusion(leaf, sequence, head.size, proof, head.root);
  std::printf("%s\n", ok ? "proof verifies against the signed checkpoint" : "PROOF FAILS");
  return ok ? 0 : kExitDamaged;
}

LedgerOptions read_only() {
  LedgerOptions options;
  options.read_only = true;
  return options;
}

void print_asset(const Asset& a) {
  std::printf("asset %llu  %s  %s\n", static_cast<unsigned long long>(a.id), a.code.c_str(),
              a.description.name.c_str());
  std::printf("  class %s, status %s, category %s, form %s\n",
              std::string(name_of(a.asset_class)).c_str(), std::string(name_of(a.status)).c_str(),
              std::string(name_of(a.description.category)).c_str(),
              std::string(name_of(a.description.form)).c_str());
  std::printf("  division %s %s; completed %s; project %s (%u)\n", a.description.division.c_str(),
              a.description.place.c_str(), a.description.completed.to_string().c_str(),
              a.description.project_name.c_str(), a.description.project_year);
  std::printf("  original value %s 元, funded by:\n",
              yuan_text(a.description.original.fen()).c_str());
  for (const FundingLine& line : a.description.funding) {
    std::printf("    %-24s %s\n", std::string(name_of(line.source)).c_str(),
                yuan_text(line.amount.fen()).c_str());
  }
  if (!a.description.project_id.empty()) {
    std::printf("  project library number %s\n", a.description.project_id.c_str());
  }
  std::printf("  owners:%s\n", a.owners.empty() ? " (unconfirmed)" : "");
  for (const OwnerShare& owner : a.owners) {
    std::printf("    party %llu  %s\n", static_cast<unsigned long long>(owner.party),
                owner.share.to_string().c_str());
  }
  if (!a.certificate.empty()) std::printf("  certificate %s\n", a.certificate.c_str());
  std::printf("  last inspected or stocktaken: %s\n",
              a.inspected.days() == 0 ? "never" : a.inspected.to_string().c_str());
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
  if (!asset) throw_error(ErrorKind::kNotFound, "asset: no such asset");
  if (json) {
    print_asset_json(registry, *asset, history);
    return 0;
  }
  print_asset(*asset);
  if (const auto contract = registry.operation(asset->id)) {
    std::printf("  operation: %s by party %llu, %s to %s, rent %s 元/year, guarantee %s\n",
                std::string(name_of(contract->mode)).c_str(),
                static_cast<unsigned long long>(contract->operator_party),
                contract->from.to_string().c_str(), contract->until.to_string().c_str(),
                yuan_text(contract->rent_per_year.fen()).c_str(),
                contract->guarantee_rate.is_zero()
                    ? (yuan_text(contract->guarantee_per_year.fen()) + " 元/year").c_str()
                    : (contract->guarantee_rate.to_string() + " of principal").c_str());
  }
  if (const auto keeper = registry.maintenance(asset->id)) {
    std::printf("  maintained by party %llu (%s, %s), inspected every %u days\n",
                static_cast<unsigned long long>(keeper->party), keeper->person.c_str(),
                std::string(name_of(keeper->mode)).c_str(), keeper->inspection_interval_days);
  }
  if (history) {
    std::printf("  history:\n");
    for (const HistoryItem& item : registry.history(asset->id)) {
      std::printf("    %6llu  %s  actor %-4llu %s\n",
                  static_cast<unsigned long long>(item.sequence),
                  item.effective.to_string().c_str(), static_cast<unsigned long long>(item.actor),
                  item.description.c_str());
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
  std::printf("%-14s %-15s %-12s %8s %22s\n", "township", "class", "owned at", "assets",
              "original value (元)");
  for (const SummaryRow& row : rows) {
    std::printf("%-14s %-15s %-12s %8llu %22s\n", row.division.c_str(),
                std::string(name_of(row.asset_class)).c_str(),
                std::string(name_of(row.level)).c_str(),
                static_cast<unsigned long long>(row.assets), yuan_text(row.original.fen()).c_str());
  }
  std::printf("\nbook value as of %s by township (元):\n", as_of.to_string().c_str());
  for (const auto& [township, figures] : book_by_township) {
    std::printf("%-14s original %22s  book %22s  (%s%% preserved)\n", township.c_str(),
                yuan_text(figures.first.fen()).c_str(), yuan_text(figures.second.fen()).c_str(),
                percent_text(figures.second.fen(), figures.first.fen()).c_str());
  }
  if (!by_owner.empty()) {
    std::printf("\n收益按所有者（截至 %s，元；共有资产的收益按份额分到各所有者）:\n",
                as_of.to_string().c_str());
    std::printf("%-30s %6s %16s %16s %16s %14s %14s\n", "所有者", "份数", "应得", "已分配",
                "待分配", "自有", "上缴财政");
    Money received, allocated, waiting;
    for (const auto& [owner, o] : by_owner) {
      std::printf("%-30s %6llu %16s %16s %16s %14s %14s\n",
                  (name_of_party(owner) + " (" + std::to_string(owner) + ")").c_str(),
                  static_cast<unsigned long long>(o.parts), yuan_text(o.received.fen()).c_str(),
                  yuan_text(o.allocated.fen()).c_str(), yuan_text(o.waiting.fen()).c_str(),
                  yuan_text(o.own.fen()).c_str(), yuan_text(o.treasury.fen()).c_str());
      received += o.received;
      allocated += o.allocated;
      waiting += o.waiting;
    }
    std::printf("%-30s %6s %16s %16s %16s\n", "合计", "", yuan_text(received.fen()).c_str(),
                yuan_text(allocated.fen()).c_str(), yuan_text(waiting.fen()).c_str());
  }
  return 0;
}

int run_audit(const std::string& dir, const std::string& as_of_text, bool json) {
  const Registry registry = Registry::open(dir, read_only());
  const Date as_of = cli::date_or_today(as_of_text, "--as-of", registry.ledger());
  const std::vector<Finding> findings = registry.audit(as_of);
  if (json) {
    for (const Finding& f : findings) {
      std::printf(
          "{\"rule\": \"%s\", \"asset_id\": %llu, \"asset_code\": \"%s\", "
          "\"division\": \"%s\", \"evidence\": \"%s\"}\n",
          f.rule.c_str(), static_cast<unsigned long long>(f.asset),
          json_escape(f.asset_code).c_str(), f.division.c_str(), json_escape(f.evidence).c_str());
    }
    return 0;
  }
  std::map<std::string, std::size_t> counts;
  for (const Finding& f : findings) {
    ++counts[f.rule];
    std::printf("%-24s %8llu  %-18s %s  %s\n", f.rule.c_str(),
                static_cast<unsigned long long>(f.asset), f.asset_code.c_str(), f.division.c_str(),
                f.evidence.c_str());
  }
  std::printf("\n%zu findings as of %s:", findings.size(), as_of.to_string().c_str());
  for (const auto& [rule, count] : counts) std::printf("  %s %zu", rule.c_str(), count);
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
  write_new_file(path + ".tmp", write_csv(sheet), 0644);
  std::filesystem::rename(path + ".tmp", path);
  if (json) {
    std::printf("{\"rows\": %zu}\n", sheet.size() - 1);
  } else {
    std::printf("wrote %zu assets to %s\n", sheet.size() - 1, path.c_str());
  }
  return 0;
}

// `taizhang divisions`: the division table (区划) from a sheet, all in one batch or nothing.
int run_divisions(const std::string& dir, const std::string& path, std::uint64_t actor,
                  const std::string& key_path, const std::string& effective, bool json) {
  if (key_path.empty()) {
    throw_invalid("--key", "", "the table is defined under the signature of the actor --by");
  }
  const Signer signer = Signer::load(key_path);
  Registry registry = Registry::open(dir);
  const Date day = cli::date_or_today(effective, "--effective", registry.ledger());
  const DivisionSheet sheet = read_division_sheet(parse_csv(cli::read_text_file(path)), day);
  if (!json && !sheet.ignored.empty()) {
    std::string names;
    for (const std::string& name : sheet.ignored) names += (names.empty() ? "" : "、") + name;
    std::fprintf(stderr, "注意：以下列已忽略 (columns ignored): %s\n", names.c_str());
  }
  for (const RowProblem& p : sheet.problems) {
    std::printf(json ? "{\"row\": %zu, \"column\": \"%s\", \"value\": \"%s\", \"reason\": \"%s\"}\n"
                     : "第 %zu 行 %s \"%s\": %s\n",
                p.row, json ? json_escape(p.column).c_str() : p.column.c_str(),
                json ? json_escape(p.value).c_str() : p.value.c_str(),
                json ? json_escape(p.reason).c_str() : p.reason.c_str());
  }
  if (!sheet.problems.empty()) {
    if (!json) std::printf("%zu 行有误，未写入任何区划 (nothing written)\n", sheet.problems.size());
    return kExitErrorBase + static_cast<int>(ErrorKind::kInvalidInput);
  }
  registry.define_divisions({actor, day, {}, &signer}, sheet.divisions);
  if (json) {
    std::printf("{\"divisions\": %zu}\n", sheet.divisions.size());
  } else {
    std::printf("已登记 %zu 个区划 (defined %zu divisions) in %s\n", sheet.divisions.size(),
                sheet.divisions.size(), dir.c_str());
  }
  return 0;
}

int run_import_csv(const std::string& dir, const std::string& path, std::uint64_t actor,
                   const std::string& key_path, const std::string& effective, bool keep_good_rows,
                   bool json) {
  if (key_path.empty()) {
    throw_invalid("--key", "",
                  "a sheet is imported under the signature of the actor --by: give "
                  "that actor's signer key file");
  }
  const Signer signer = Signer::load(key_path);
  Registry registry = Registry::open(dir);
  SheetImportOptions options;
  options.actor = actor;
  options.signer = &signer;
  options.effective = cli::date_or_today(effective, "--effective", registry.ledger());
  options.keep_good_rows = keep_good_rows;
  const auto start = std::chrono::steady_clock::now();
  const SheetImportReport report =
      import_asset_sheet(registry, parse_csv(cli::read_text_file(path)), options);
  const double seconds = seconds_since(start);
  if (!json) {
    if (report.header_row > 1) {
      std::fprintf(stderr, "表头在第 %zu 行，上面的 %zu 行标题已跳过 (header on row %zu)\n",
                   report.header_row, report.header_row - 1, report.header_row);
    }
    if (!report.ignored_columns.empty()) {
      std::string names;
      for (const std::string& name : report.ignored_columns) {
        names += (names.empty() ? "" : "、") + name;
      }
      std::fprintf(stderr, "注意：以下列不是台账的列，已忽略 (columns ignored): %s\n",
                   names.c_str());
    }
  }
  for (const RowProblem& p : report.problems) {
    if (json) {
      std::printf("{\"row\": %zu, \"column\": \"%s\", \"value\": \"%s\", \"reason\": \"%s\"}\n",
                  p.row, json_escape(p.column).c_str(), json_escape(p.value).c_str(),
                  json_escape(p.reason).c_str());
    } else {
      std::printf("row %zu, %s \"%s\": %s\n", p.row, p.column.c_str(), p.value.c_str(),
                  p.reason.c_str());
    }
  }
  if (json) {
    std::string ignored;
    for (const std::string& name : report.ignored_columns) {
      ignored += (ignored.empty() ? "\"" : ", \"") + json_escape(name) + "\"";
    }
    std::printf(
        "{\"rows\": %zu, \"imported\": %zu, \"refused\": %zu, \"header_row\": %zu, "
        "\"ignored_columns\": [%s], \"seconds\": %.3f}\n",
        report.rows, report.assets.size(), report.problems.size(), report.header_row,
        ignored.c_str(), seconds);
  } else if (report.written) {
    std::printf("imported %zu of %zu rows into %s in %.2f s\n", report.assets.size(), report.rows,
                dir.c_str(), seconds);
  } else {
    std::printf("%zu of %zu rows refused: nothing imported (--keep-good-rows imports the rest)\n",
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
  std::printf("serving %s (%s) on %s (entries: %llu); SIGINT or SIGTERM stops\n",
              registry.origin().c_str(), dir.c_str(), socket_path.c_str(),
              static_cast<unsigned long long>(registry.ledger().size()));
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  service.stop();
  std::printf("stopped: %llu submissions answered, %llu entries\n",
              static_cast<unsigned long long>(service.answered()),
              static_cast<unsigned long long>(registry.ledger().size()));
  return 0;
}

int run_export(const std::string& dir, const std::string& path, std::uint64_t from,
               const std::string& key_path, const std::string& as_of, bool json) {
  if (is_csv(path)) return run_export_csv(dir, path, json);
  if (path.size() > 7 && path.compare(path.size() - 7, 7, ".tzsnap") == 0) {
    const Registry registry = Registry::open(dir, read_only());
    const Date day = cli::date_or_today(as_of, "--as-of", registry.ledger());
    const std::uint64_t size = export_snapshot(registry, path, day);
    if (json) {
      std::printf("{\"size\": %llu}\n", static_cast<unsigned long long>(size));
    } else {
      std::printf("wrote the state of %s at %llu entries (book values as of %s) to %s\n",
                  dir.c_str(), static_cast<unsigned long long>(size), day.to_string().c_str(),
                  path.c_str());
    }
    return 0;
  }
  LedgerOptions options;
  options.read_only = key_path.empty();
  Ledger ledger = Ledger::open(dir, options);
  // With the county's key, sign the head first so the stream carries every entry.
  if (!key_path.empty()) ledger.checkpoint(Signer::load(key_path), key_path + ".signed");
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
    std::printf("exported entries %llu to %llu of %s to %s in %.2f s, up to the checkpoint:\n%s",
                static_cast<unsigned long long>(summary.from_size),
                static_cast<unsigned long long>(summary.to_size), summary.origin.c_str(),
                path.c_str(), seconds, summary.checkpoint.c_str());
  }
  return 0;
}

int run_import(const std::string& dir, const std::string& path, const std::string& trusted_path,
               bool json) {
  // Spreadsheets (.csv) are handled by run_import_csv; this is the interchange stream.
  const StreamSummary claimed = read_stream_header(path);
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
        "verified and imported %llu entries of %s (county %s) into %s in %.2f s: it now "
        "holds %llu, to the checkpoint\n%s",
        static_cast<unsigned long long>(added), claimed.origin.c_str(), claimed.county_code.c_str(),
        dir.c_str(), seconds, static_cast<unsigned long long>(size), claimed.checkpoint.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"taizhang: the register of poverty-alleviation project assets (扶贫项目资产台账)"};
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 register damaged, 2 usage, 10 + error kind otherwise.");

  std::string dir, key_path, name, out;
  bool json = false;
  RegisterInfo info;
  std::uint64_t from = 0, limit = 20, sequence = 0;

  auto* keygen = app.add_subcommand("keygen", "Generate an Ed25519 signer key file (mode 0600)");
  keygen->add_option("--name", name, "Key name (the log origin for a county key)")->required();
  keygen->add_option("--out", out, "Signer key file to create (and <out>.pub)")->required();

  auto* init = app.add_subcommand("init", "Create a county register");
  init->add_option("dir", dir, "Register directory")->required();
  init->add_option("--county-code", info.county_code, "12-digit division code")->required();
  init->add_option("--county-name", info.county_name, "County name")->required();
  init->add_option("--origin", info.origin, "Checkpoint origin (= the key's name)")->required();
  init->add_option("--key", key_path, "The county's signer key file")->required();
  std::string registrar_path;
  init->add_option("--registrar", registrar_path,
                   "The first county registrar's verifier key (.pub): makes a county register "
                   "whose actor 1 it is (without, a bare log)");

  auto* checkpoint = app.add_subcommand("checkpoint", "Sign the current tree head");
  checkpoint->add_option("dir", dir, "Register directory")->required();
  checkpoint->add_option("--key", key_path, "The county's signer key file")->required();

  auto* verify = app.add_subcommand("verify", "Recompute every hash and check every checkpoint");
  verify->add_option("dir", dir, "Register directory")->required();
  verify->add_option("--key", key_path,
                     "The county's published verifier key (.pub): entry 0 must name it");
  bool deep = false;
  verify->add_flag("--deep", deep, "Also rebuild every view by replay and compare");
  std::vector<std::string> since_paths;
  verify->add_option("--since", since_paths,
                     "Earlier checkpoint notes the county published: the register must extend "
                     "each (a restored older copy or a fork fails)");
  verify->add_flag("--json", json, "Machine-readable output");

  auto* log = app.add_subcommand("log", "List entries");
  log->add_option("dir", dir, "Register directory")->required();
  log->add_option("--from", from, "First sequence number");
  log->add_option("--limit", limit, "Number of entries");
  log->add_flag("--json", json, "One JSON object per line");

  auto* prove = app.add_subcommand("prove", "Prove an entry is in the latest checkpoint");
  prove->add_option("dir", dir, "Register directory")->required();
  prove->add_option("--seq", sequence, "Sequence number of the entry")->required();

  auto* demo = app.add_subcommand("demo", "Build a demonstration county register and verify it");
  cli::DemoOptions demo_options;
  demo->add_option("--dir", demo_options.dir,
                   "Directory for the demo (replaced if it holds an earlier demo)");
  demo->add_option("--townships", demo_options.townships, "Number of townships")
      ->check(CLI::Range(1, 99));
  demo->add_option("--villages", demo_options.villages_per_township, "Villages per township")
      ->check(CLI::Range(1, 199));
  demo->add_option("--assets", demo_options.assets, "Number of assets")
      ->check(CLI::Range(1, 10'000'000));
  demo->add_option("--seed", demo_options.seed, "Random seed");

  std::optional<std::uint64_t> asset_id;
  std::string asset_code, as_of;  // empty: the register's today
  auto* show = app.add_subcommand("show", "Show an asset: description, owners, operation, upkeep");
  show->add_option("dir", dir, "Register directory")->required();
  show->add_option("--asset", asset_id, "Asset id");
  show->add_option("--code", asset_code, "Asset code (资产编号)");
  show->add_flag("--json", json, "Machine-readable output");
  auto* history = app.add_subcommand("history", "Show an asset and every entry about it");
  history->add_option("dir", dir, "Register directory")->required();
  history->add_option("--asset", asset_id, "Asset id");
  history->add_option("--code", asset_code, "Asset code (资产编号)");
  history->add_flag("--json", json, "Machine-readable output");
  auto* audit = app.add_subcommand("audit", "Audit findings: the rules of docs/rules.md §7");
  audit->add_option("dir", dir, "Register directory")->required();
  audit->add_option("--as-of", as_of, "Date of the audit (YYYY-MM-DD; default today)");
  audit->add_flag("--json", json, "One JSON object per finding");
  auto* report = app.add_subcommand("report", "The register by township, class and ownership");
  report->add_option("dir", dir, "Register directory")->required();
  report->add_option("--as-of", as_of, "Date of the book values (YYYY-MM-DD; default today)");
  report->add_flag("--json", json, "Machine-readable output");

  std::string stream_path;
  auto* export_command = app.add_subcommand(
      "export",
      "Write the log as a Cap'n Proto stream for another system, or the assets as a "
      "spreadsheet (.csv, Chinese headers)");
  export_command->add_option("dir", dir, "Register directory")->required();
  export_command
      ->add_option("--out", stream_path,
                   "File to write: *.csv for the asset sheet, *.tzsnap for a snapshot of today's "
                   "state, anything else for the log stream")
      ->required();
  export_command->add_option("--as-of", as_of,
                             "Snapshots: date of the book values (default today)");
  export_command->add_option("--from", from,
                             "First entry (the receiver already holds the ones before)");
  export_command->add_option("--key", key_path,
                             "The county's signer key: checkpoint the head first, so the "
                             "stream carries every entry");
  export_command->add_flag("--json", json, "Machine-readable output");
  auto* import_command = app.add_subcommand(
      "import",
      "Verify a stream and add it to a register (a new replica if there is none), or "
      "register the assets of a spreadsheet (.csv; docs/spreadsheets.md)");
  import_command->add_option("dir", dir, "Register directory")->required();
  import_command->add_option("--in", stream_path, "File to read: *.csv for an asset sheet")
      ->required();
  std::uint64_t import_actor = 1;
  std::string import_effective;  // empty: the register's today
  bool keep_good_rows = false;
  import_command->add_option("--by", import_actor, "Sheets: the actor who registers (default 1)");
  import_command->add_option("--effective", import_effective,
                             "Sheets: the entries' effective date (YYYY-MM-DD; default today)");
  import_command->add_flag("--keep-good-rows", keep_good_rows,
                           "Sheets: import the good rows even if some are refused (exit 3)");
  import_command->add_option("--key", key_path,
                             "Sheets: the signer key file of the actor --by (required); a new "
                             "replica: the county's published verifier key (.pub)");
  import_command->add_flag("--json", json, "Machine-readable output");

  auto* divisions = app.add_subcommand(
      "divisions",
      "登记区划表: define the division table from a sheet (区划代码, 名称, 起始日期, "
      "终止日期; CSV in UTF-8 or GBK), all rows or none");
  divisions->add_option("dir", dir, "Register directory")->required();
  divisions->add_option("--in", stream_path, "The sheet (.csv)")->required();
  divisions->add_option("--by", import_actor, "The actor who defines them (default 1)");
  divisions->add_option("--key", key_path, "The signer key file of the actor --by")->required();
  divisions->add_option("--effective", import_effective,
                        "The entries' date, and the 起始日期 of rows without one (default today)");
  divisions->add_flag("--json", json, "Machine-readable output");

  std::string notice_village, notice_out;
  auto* notice = app.add_subcommand(
      "notice", "Write a village's public notice (公示) as printable HTML, with the checkpoint");
  notice->add_option("dir", dir, "Register directory")->required();
  notice->add_option("--village", notice_village, "The village's 12-digit division code")
      ->required();
  notice->add_option("--as-of", as_of, "Date of the book values (YYYY-MM-DD; default today)");
  notice->add_option("--out", notice_out, "HTML file to write")->required();

  std::string socket_path;
  auto* serve = app.add_subcommand(
      "serve", "Take appends from other processes over a Unix socket, grouped into shared commits");
  serve->add_option("dir", dir, "Register directory")->required();
  serve->add_option("--socket", socket_path, "Socket path (replaced if a stale one is there)")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    if (*keygen) return run_keygen(name, out);
    if (*init) return run_init(dir, info, key_path, registrar_path);
    if (*checkpoint) return run_checkpoint(dir, key_path);
    if (*verify) return run_verify(dir, key_path, deep, json, since_paths);
    if (*log) return run_log(dir, from, limit, json);
    if (*prove) return run_prove(dir, sequence);
    if (*demo) return cli::run_demo(demo_options);
    if (*show || *history) {
      if (!asset_id && asset_code.empty()) {
        throw_invalid("--asset", "", "give --asset or --code");
      }
      return run_show(dir, asset_id, asset_code, static_cast<bool>(*history), json);
    }
    if (*report) return run_report(dir, as_of, json);
    if (*audit) return run_audit(dir, as_of, json);
    if (*export_command) return run_export(dir, stream_path, from, key_path, as_of, json);
    if (*notice) return cli::run_notice(dir, notice_village, as_of, notice_out);
    if (*serve) return run_serve(dir, socket_path);
    if (*divisions) {
      return run_divisions(dir, stream_path, import_actor, key_path, import_effective, json);
    }
    if (*import_command && is_csv(stream_path)) {
      return run_import_csv(dir, stream_path, import_actor, key_path, import_effective,
                            keep_good_rows, json);
    }
    if (*import_command) return run_import(dir, stream_path, key_path, json);
  } catch (const Error& error) {
    std::fprintf(stderr, "taizhang: %s\n", error.what());
    return kExitErrorBase + static_cast<int>(error.kind());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "taizhang: %s\n", error.what());
    return kExitErrorBase + static_cast<int>(ErrorKind::kStorageError);
  }
  return 2;
}

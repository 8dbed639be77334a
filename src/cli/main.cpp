// The `taizhang` command line for county staff.
//
// Exit codes (stable; scripts may rely on them):
//   0   success
//   1   verify found the register damaged or tampered with (the report says where)
//   2   usage error (unknown command or option, missing argument)
//   11  InvalidInput    12 NotFound       13 Conflict        14 Unauthorized
//   15  RuleViolation   16 IntegrityError 17 StorageError    (10 + the error kind's number)
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "taizhang/error.h"
#include "taizhang/ledger.h"
#include "taizhang/merkle.h"

namespace {

using namespace taizhang;

constexpr int kExitDamaged = 1;
constexpr int kExitErrorBase = 10;
constexpr std::string_view kDemoMarker = "taizhang-demo";

std::string json_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
      continue;
    }
    out += c;
  }
  return out;
}

// Progress on a terminal only: one line rewritten in place.
class Progress {
 public:
  explicit Progress(std::string label) : label_(std::move(label)), shown_(::isatty(2) != 0) {}
  void update(std::uint64_t done, std::uint64_t total) {
    if (!shown_) return;
    const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
    std::fprintf(stderr, "\r%s %3d%% (%llu/%llu)", label_.c_str(), percent,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    if (done >= total) std::fprintf(stderr, "\n");
  }

 private:
  std::string label_;
  bool shown_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_keygen(const std::string& name, const std::string& out) {
  const Signer signer = Signer::generate(name);
  signer.save(out);
  write_new_file(out + ".pub", signer.verifier().text() + "\n", 0644);
  std::printf("signer key  %s (mode 0600)\nverifier    %s.pub\n%s\n", out.c_str(), out.c_str(),
              signer.verifier().text().c_str());
  return 0;
}

int run_init(const std::string& dir, const RegisterInfo& info, const std::string& key_path) {
  const Signer key = Signer::load(key_path);
  Ledger ledger = Ledger::create(dir, info, key);
  std::printf("register %s created for %s (%s)\n%s", dir.c_str(), info.county_name.c_str(),
              info.county_code.c_str(), ledger.latest_checkpoint()->c_str());
  return 0;
}

int run_checkpoint(const std::string& dir, const std::string& key_path) {
  Ledger ledger = Ledger::open(dir);
  std::fputs(ledger.checkpoint(Signer::load(key_path)).c_str(), stdout);
  return 0;
}

int run_verify(const std::string& dir, const std::string& trusted_path, bool deep, bool json) {
  LedgerOptions options;
  options.read_only = true;
  Ledger ledger = Ledger::open(dir, options);
  std::optional<Verifier> trusted;
  if (!trusted_path.empty()) trusted = Verifier::load(trusted_path);
  const std::uint64_t size = ledger.size();
  Progress progress("verifying");
  const auto start = std::chrono::steady_clock::now();
  const auto on_progress = [&](std::uint64_t done) { progress.update(done, size); };
  const Verifier* trusted_key = trusted ? &*trusted : nullptr;
  const VerifyReport report =
      deep ? ledger.verify_deep(on_progress, trusted_key) : ledger.verify(on_progress, trusted_key);
  const double seconds = seconds_since(start);
  if (json) {
    std::printf(
        "{\"ok\": %s, \"entries_checked\": %llu, \"checkpoints_checked\": %llu, "
        "\"view_records_compared\": %llu, "
        "\"first_bad_sequence\": %s, \"problem\": \"%s\", \"seconds\": %.3f}\n",
        report.ok ? "true" : "false", static_cast<unsigned long long>(report.entries_checked),
        static_cast<unsigned long long>(report.checkpoints_checked),
        static_cast<unsigned long long>(report.view_records_compared),
        report.first_bad_sequence ? std::to_string(*report.first_bad_sequence).c_str() : "null",
        json_escape(report.problem).c_str(), seconds);
  } else if (report.ok) {
    std::printf("ok: %llu entries and %llu checkpoints recomputed",
                static_cast<unsigned long long>(report.entries_checked),
                static_cast<unsigned long long>(report.checkpoints_checked));
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

// A key derived from a name, so the demo prints the same keys on every run. Demo only.
Signer demo_key(const std::string& name) {
  std::uint8_t seed[32] = {};
  const Hash digest = merkle::leaf_hash(as_bytes("taizhang demo key: " + name));
  std::copy(digest.begin(), digest.end(), seed);
  return Signer::from_seed(name, seed);
}

int run_demo(const std::string& dir, unsigned townships, unsigned villages_per_township) {
  namespace fs = std::filesystem;
  if (fs::exists(dir)) {
    if (!fs::exists(fs::path(dir) / kDemoMarker)) {
      throw_error(ErrorKind::kConflict, "\"" + dir +
                                            "\" exists and is not a demo register; "
                                            "choose another --dir");
    }
    fs::remove_all(dir);  // a register from an earlier demo run: start afresh
  }
  fs::create_directories(dir);
  write_new_file((fs::path(dir) / kDemoMarker).string(), "made by taizhang demo\n", 0644);

  const auto start = std::chrono::steady_clock::now();
  const RegisterInfo county{"520122000000", "息烽县", "taizhang.demo/520122"};
  const Signer log_key = demo_key(county.origin);
  log_key.save((fs::path(dir) / "county.key").string());
  write_new_file((fs::path(dir) / "county.pub").string(), log_key.verifier().text() + "\n", 0644);
  Ledger ledger = Ledger::create((fs::path(dir) / "register").string(), county, log_key);
  std::printf("1. created the register of %s (%s) in %s/register\n   log key %s\n",
              county.county_name.c_str(), county.county_code.c_str(), dir.c_str(),
              log_key.verifier().text().c_str());

  // The officials: county bureaus, then every township government and village committee, with
  // valid division codes (towns 101.., villagers' committees 201..).
  struct Official {
    std::string name;
    Role role;
    std::string jurisdiction;
  };
  std::vector<Official> officials = {
      {"息烽县 registrar", Role::kCountyRegistrar, county.county_code},
      {"息烽县 rural revitalization bureau", Role::kCountyRuralRevitalization, county.county_code},
      {"息烽县 finance bureau", Role::kCountyFinance, county.county_code},
      {"息烽县 government", Role::kCountyGovernment, county.county_code},
      {"息烽县 auditor", Role::kAuditor, county.county_code}};
  for (unsigned t = 1; t <= townships; ++t) {
    char township[16];
    std::snprintf(township, sizeof township, "520122%03u000", 100 + t);
    officials.push_back(
        {"town " + std::to_string(t) + " government", Role::kTownshipGovernment, township});
    for (unsigned v = 1; v <= villages_per_township; ++v) {
      char village[16];
      std::snprintf(village, sizeof village, "520122%03u%03u", 100 + t, 200 + v);
      officials.push_back({"village " + std::to_string(t) + "-" + std::to_string(v) + " committee",
                           Role::kVillageCommittee, village});
    }
  }

  auto enrol = [&](std::size_t begin, std::size_t end) {
    constexpr std::size_t kBatch = 100;
    Progress progress("enrolling");
    for (std::size_t at = begin; at < end; at += kBatch) {
      std::vector<AppendRequest> batch;
      for (std::size_t i = at; i < std::min(end, at + kBatch); ++i) {
        const Official& official = officials[i];
        Entry entry;
        entry.effective = Date::parse("2026-01-01");
        entry.actor = 1;
        entry.body =
            ActorKeyEnrolled{i + 1, official.name, official.role, official.jurisdiction,
                             demo_key("actor-" + std::to_string(i + 1)).verifier().public_key()};
        batch.push_back({random_request_id(), {entry}});
      }
      ledger.append_batch(batch);
      progress.update(std::min(end, at + kBatch) - begin, end - begin);
    }
  };
  const std::size_t half = officials.size() / 2;
  enrol(0, half);
  const std::string first_note = ledger.checkpoint(log_key);
  const Checkpoint first = open_checkpoint(first_note, log_key.verifier());
  std::printf("2. enrolled %zu officials with their Ed25519 keys; checkpoint at size %llu:\n%s",
              half, static_cast<unsigned long long>(first.size), first_note.c_str());

  enrol(half, officials.size());
  const std::string second_note = ledger.checkpoint(log_key);
  const Checkpoint second = open_checkpoint(second_note, log_key.verifier());
  std::printf("3. enrolled %zu more; checkpoint at size %llu\n", officials.size() - half,
              static_cast<unsigned long long>(second.size));

  const std::uint64_t sample = second.size / 3;
  const auto inclusion = ledger.inclusion_proof(sample, second.size);
  const bool included = merkle::verify_inclusion(merkle::leaf_hash(ledger.entry_bytes(sample)),
                                                 sample, second.size, inclusion, second.root);
  std::printf("4. entry %llu (%s)\n   is in checkpoint %llu: %zu-hash proof %s\n",
              static_cast<unsigned long long>(sample),
              describe_body(ledger.entry(sample).body).c_str(),
              static_cast<unsigned long long>(second.size), inclusion.size(),
              included ? "verifies" : "FAILS");
  const auto consistency = ledger.consistency_proof(first.size, second.size);
  const bool consistent =
      merkle::verify_consistency(first.size, second.size, first.root, second.root, consistency);
  std::printf("5. checkpoint %llu extends checkpoint %llu: %zu-hash proof %s\n",
              static_cast<unsigned long long>(second.size),
              static_cast<unsigned long long>(first.size), consistency.size(),
              consistent ? "verifies" : "FAILS");

  const VerifyReport report = ledger.verify();
  std::printf("6. verify recomputed %llu entries and %llu checkpoints: %s\n",
              static_cast<unsigned long long>(report.entries_checked),
              static_cast<unsigned long long>(report.checkpoints_checked),
              report.ok ? "ok" : report.problem.c_str());
  std::printf("done in %.2f s. Try: taizhang log %s/register --limit 5\n", seconds_since(start),
              dir.c_str());
  return report.ok && included && consistent ? 0 : kExitDamaged;
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
  unsigned townships = 10, villages = 12;

  auto* keygen = app.add_subcommand("keygen", "Generate an Ed25519 signer key file (mode 0600)");
  keygen->add_option("--name", name, "Key name (the log origin for a county key)")->required();
  keygen->add_option("--out", out, "Signer key file to create (and <out>.pub)")->required();

  auto* init = app.add_subcommand("init", "Create a county register");
  init->add_option("dir", dir, "Register directory")->required();
  init->add_option("--county-code", info.county_code, "12-digit division code")->required();
  init->add_option("--county-name", info.county_name, "County name")->required();
  init->add_option("--origin", info.origin, "Checkpoint origin (= the key's name)")->required();
  init->add_option("--key", key_path, "The county's signer key file")->required();

  auto* checkpoint = app.add_subcommand("checkpoint", "Sign the current tree head");
  checkpoint->add_option("dir", dir, "Register directory")->required();
  checkpoint->add_option("--key", key_path, "The county's signer key file")->required();

  auto* verify = app.add_subcommand("verify", "Recompute every hash and check every checkpoint");
  verify->add_option("dir", dir, "Register directory")->required();
  verify->add_option("--key", key_path,
                     "The county's published verifier key (.pub): entry 0 must name it");
  bool deep = false;
  verify->add_flag("--deep", deep, "Also rebuild every view by replay and compare");
  verify->add_flag("--json", json, "Machine-readable output");

  auto* log = app.add_subcommand("log", "List entries");
  log->add_option("dir", dir, "Register directory")->required();
  log->add_option("--from", from, "First sequence number");
  log->add_option("--limit", limit, "Number of entries");
  log->add_flag("--json", json, "One JSON object per line");

  auto* prove = app.add_subcommand("prove", "Prove an entry is in the latest checkpoint");
  prove->add_option("dir", dir, "Register directory")->required();
  prove->add_option("--seq", sequence, "Sequence number of the entry")->required();

  auto* demo = app.add_subcommand("demo", "Build a demonstration register and verify it");
  dir = "taizhang-demo";
  demo->add_option("--dir", dir, "Directory for the demo (replaced if it holds an earlier demo)");
  demo->add_option("--townships", townships, "Number of townships")->check(CLI::Range(1, 99));
  demo->add_option("--villages", villages, "Villages per township")->check(CLI::Range(1, 199));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    if (*keygen) return run_keygen(name, out);
    if (*init) return run_init(dir, info, key_path);
    if (*checkpoint) return run_checkpoint(dir, key_path);
    if (*verify) return run_verify(dir, key_path, deep, json);
    if (*log) return run_log(dir, from, limit, json);
    if (*prove) return run_prove(dir, sequence);
    if (*demo) return run_demo(dir, townships, villages);
  } catch (const Error& error) {
    std::fprintf(stderr, "taizhang: %s\n", error.what());
    return kExitErrorBase + static_cast<int>(error.kind());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "taizhang: %s\n", error.what());
    return kExitErrorBase + static_cast<int>(ErrorKind::kStorageError);
  }
  return 2;
}

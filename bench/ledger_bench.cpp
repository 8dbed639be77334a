// Ledger append and verify, measured beside raw LMDB in the same process.
//
//   ledger_bench [--entries N] [--batch B] [--dir DIR]
//
// 1. raw LMDB: the same encoded entry bytes put with MDB_APPEND under u64 keys, B per durable
//    commit: the ceiling for any LMDB-backed log.
// 2. taizhang: the same entries through Ledger::append_batch, one request of B entries per batch
//    under one signature: the signature's check, encoding, request-id records, leaf hashing and
//    Merkle tree upkeep, durable commits.
// 3. verify over the ledger just written: entries/s and the anonymous resident memory it adds.
// Each append run is repeated (raw, ledger, raw, ledger) and the better of each is reported.
#include <lmdb.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/error.h"
#include "taizhang/ledger.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

// Resident anonymous memory (heap, stacks), excluding file-backed pages such as LMDB's map.
long rss_anon_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "RssAnon:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 10, '\n');
  }
  return -1;
}

const RegisterInfo kInfo{"520122000000", "bench", "bench.example/1"};

const Signer& log_key() {
  static const Signer signer = key(kInfo.origin, 1);
  return signer;
}

// `count` enrolments in requests of `batch`, each signed by the register's log key (actor 0).
std::vector<AppendRequest> make_requests(std::uint64_t count, std::size_t batch) {
  std::vector<AppendRequest> requests;
  Bytes key(32);
  for (std::uint64_t i = 0; i < count; ++i) {
    for (int b = 0; b < 8; ++b) key[b] = static_cast<std::uint8_t>((i + 1) >> (8 * b));
    if (i % batch == 0) requests.push_back({random_request_id(), {}});
    Entry entry;
    entry.effective = Date::parse("2026-01-01");
    entry.actor = 0;
    // A name of 60 bytes brings the canonical entry to about 200 bytes.
    char name[80];
    std::snprintf(name, sizeof name, "village committee official %012llu of 息烽县 demo...",
                  static_cast<unsigned long long>(i + 1));
    entry.body = ActorKeyEnrolled{i + 1, name, Role::kVillageCommittee, "520122101201", key};
    requests.back().entries.push_back(std::move(entry));
  }
  for (AppendRequest& request : requests) {
    request.entries.back().signature = log_key().sign_record(
        request_message(log_key().verifier().text(), 0, request.request_id, request.entries));
  }
  return requests;
}

double raw_lmdb_append(const std::string& dir, const std::vector<Bytes>& values,
                       std::size_t batch) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  MDB_env* env = nullptr;
  check(mdb_env_create(&env), "mdb_env_create");
  check(mdb_env_set_maxdbs(env, 4), "mdb_env_set_maxdbs");
  check(mdb_env_set_mapsize(env, std::uint64_t{64} << 30), "mdb_env_set_mapsize");
  check(mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0640), "mdb_env_open");
  MDB_dbi dbi = 0;
  MDB_txn* txn = nullptr;
  check(mdb_txn_begin(env, nullptr, 0, &txn), "mdb_txn_begin");
  check(mdb_dbi_open(txn, "log", MDB_CREATE, &dbi), "mdb_dbi_open");
  check(mdb_txn_commit(txn), "mdb_txn_commit");
  const auto start = Clock::now();
  for (std::size_t at = 0; at < values.size(); at += batch) {
    check(mdb_txn_begin(env, nullptr, 0, &txn), "mdb_txn_begin");
    for (std::size_t i = at; i < std::min(values.size(), at + batch); ++i) {
      std::uint8_t key_bytes[8];
      for (int b = 0; b < 8; ++b) key_bytes[b] = static_cast<std::uint8_t>(i >> (56 - 8 * b));
      MDB_val key{8, key_bytes};
      MDB_val value{values[i].size(), const_cast<std::uint8_t*>(values[i].data())};
      check(mdb_put(txn, dbi, &key, &value, MDB_APPEND), "mdb_put");
    }
    check(mdb_txn_commit(txn), "mdb_txn_commit");
  }
  const double seconds = seconds_since(start);
  mdb_env_close(env);
  return static_cast<double>(values.size()) / seconds;
}

double ledger_append(const std::string& dir, const std::vector<AppendRequest>& requests,
                     std::uint64_t entries) {
  std::filesystem::remove_all(dir);
  LedgerOptions options;
  options.map_size_bytes = std::uint64_t{64} << 30;
  Ledger ledger = Ledger::create(dir, kInfo, log_key(), options);
  const auto start = Clock::now();
  for (const AppendRequest& request : requests) ledger.append_batch(std::span(&request, 1));
  const double seconds = seconds_since(start);
  ledger.checkpoint(log_key());
  return static_cast<double>(entries) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t entries = 1'000'000;
  std::size_t batch = 1000;
  std::string dir = "bench-data";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--entries")
      entries = std::stoull(argv[i + 1]);
    else if (flag == "--batch")
      batch = std::stoul(argv[i + 1]);
    else if (flag == "--dir")
      dir = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: ledger_bench [--entries N] [--batch B] [--dir DIR]\n");
      return 2;
    }
  }
  try {
    std::printf("ledger_bench: %llu entries, batches of %zu, durable commits, %u cores\n",
                static_cast<unsigned long long>(entries), batch,
                std::thread::hardware_concurrency());
    const std::vector<AppendRequest> requests = make_requests(entries, batch);
    // The raw baseline writes the very bytes the ledger stores (stamped as the ledger would).
    std::vector<Bytes> values;
    values.reserve(entries);
    std::size_t bytes_total = 0;
    for (const AppendRequest& request : requests) {
      for (Entry entry : request.entries) {
        entry.sequence = values.size() + 1;
        entry.recorded_micros = 1'767'225'600'000'000 + static_cast<std::int64_t>(values.size());
        entry.request_id = request.request_id;
        values.push_back(encode_entry(entry));
        bytes_total += values.back().size();
      }
    }
    std::printf("mean entry size: %.0f bytes\n", static_cast<double>(bytes_total) / entries);

    const std::string raw_dir = dir + "/raw";
    const std::string ledger_dir = dir + "/ledger";
    double raw_best = 0, ledger_best = 0;
    for (int round = 0; round < 2; ++round) {
      raw_best = std::max(raw_best, raw_lmdb_append(raw_dir, values, batch));
      ledger_best = std::max(ledger_best, ledger_append(ledger_dir, requests, entries));
    }
    std::printf("\n%-44s %14s %10s\n", "append (durable)", "entries/s", "ratio");
    std::printf("%-44s %14.0f %10s\n", "raw LMDB, MDB_APPEND, same bytes", raw_best, "1.00");
    std::printf("%-44s %14.0f %10.2f\n", "taizhang ledger (encode, hash, tree, ids)", ledger_best,
                ledger_best / raw_best);

    LedgerOptions options;
    options.read_only = true;
    Ledger ledger = Ledger::open(ledger_dir, options);
    const long rss_before = rss_anon_kib();
    long rss_peak = rss_before;
    const auto start = Clock::now();
    const VerifyReport report =
        ledger.verify([&](std::uint64_t) { rss_peak = std::max(rss_peak, rss_anon_kib()); });
    const double seconds = seconds_since(start);
    rss_peak = std::max(rss_peak, rss_anon_kib());
    std::printf("\n%-44s %14.0f entries/s  (%s, %llu entries, +%ld KiB anonymous RSS)\n", "verify",
                static_cast<double>(report.entries_checked) / seconds,
                report.ok ? "ok" : report.problem.c_str(),
                static_cast<unsigned long long>(report.entries_checked), rss_peak - rss_before);
    std::filesystem::remove_all(dir);
    return report.ok ? 0 : 1;
  } catch (const Error& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}

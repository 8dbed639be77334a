// Export and import of the interchange stream, beside raw LMDB and raw file I/O in the same
// process.
//
//   interchange_bench [--assets N] [--dir DIR]
//
// Builds a register of N assets (about N entries), checkpoints it, then:
// 1. export_log to a file, beside a raw cursor over the same log writing the same bytes to a
//    file (the ceiling: no framing, no checks);
// 2. import_new into a fresh durable replica with the register's fold, verifying every hash,
//    the checkpoint and every rule, beside raw LMDB appending the same entry bytes in one
//    transaction (the ceiling: no checks, no views, no tree).
// Memory: anonymous resident memory sampled during the import, as growth over its start.
#include <lmdb.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/error.h"
#include "taizhang/interchange.h"
#include "taizhang/registry.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

// Anonymous resident memory in KiB, from /proc (the map of the LMDB file is not counted: its
// pages are the page cache's).
long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("RssAnon:", 0) == 0) return std::stol(line.substr(8));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t assets = 1'000'000;
  std::string dir = "bench-interchange";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 < argc && flag == "--assets")
      assets = std::stoull(argv[++i]);
    else if (i + 1 < argc && flag == "--dir")
      dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: interchange_bench [--assets N] [--dir DIR]\n");
      return 2;
    }
  }
  try {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    LedgerOptions options;
    options.map_size_bytes = std::uint64_t{16} << 30;
    options.durable = false;  // set-up only
    const Signer log_key = key("bench.example/2", 1);
    std::uint64_t size = 0;
    {
      Registry registry =
          Registry::create(dir + "/source", {"520122000000", "bench", "bench.example/2"}, log_key,
                           registrar().verifier().public_key(), options);
      const Date day = Date::parse("2026-01-05");
      for (const char* code : {"520122000000", "520122101000", "520122101201"}) {
        registry.submit({{1, day, {}, &registrar()},
                         DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
      }
      PartyRegistered collective;
      collective.kind = PartyKind::kVillageCollective;
      collective.name = "A1村";
      collective.division = "520122101201";
      collective.credit_code = credit_code(1);
      const std::uint64_t owner = registry.submit({{1, day, {}, &registrar()}, collective});
      std::vector<RegistryRequest> batch;
      for (std::uint64_t i = 0; i < assets; ++i) {
        AssetRegistered a;
        a.code = "XF-" + std::to_string(i);
        a.asset_class = AssetClass::kPublicWelfare;
        a.description.name = "通组路";
        a.description.category = AssetCategory::kStructure;
        a.description.division = "520122101201";
        a.description.completed = Date::parse("2021-06-30");
        a.description.original = Money::from_fen(static_cast<std::int64_t>(1'000'000 + i % 7919));
        a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
        a.owners = {{owner, Share::of(1, 1)}};
        batch.push_back({{1, day, {}, &registrar()}, std::move(a)});
        if (batch.size() == 1000 || i + 1 == assets) {
          registry.submit(batch);
          batch.clear();
        }
      }
      registry.ledger().checkpoint(log_key);
      size = registry.ledger().size();
    }
    std::printf("interchange_bench: %llu entries, %u cores\n",
                static_cast<unsigned long long>(size), std::thread::hardware_concurrency());

    LedgerOptions read;
    read.read_only = true;
    const Ledger source = Ledger::open(dir + "/source", read);
    const std::string stream = dir + "/county.tzlog";

    // 1. Export, and its ceiling.
    auto start = Clock::now();
    export_log(source, stream);
    const double export_seconds = seconds_since(start);
    start = Clock::now();
    {
      std::FILE* out = std::fopen((dir + "/raw.bin").c_str(), "wb");
      source.scan_entries(0, size, [&](std::uint64_t, ByteView bytes) {
        std::fwrite(bytes.data(), 1, bytes.size(), out);
        return true;
      });
      std::fflush(out);
      ::fsync(fileno(out));
      std::fclose(out);
    }
    const double raw_export_seconds = seconds_since(start);

    // 2. Import into a fresh durable replica, and its ceiling.
    LedgerOptions replica_options;
    replica_options.map_size_bytes = std::uint64_t{16} << 30;
    replica_options.fold = register_fold();
    const long rss_before = resident_kib();
    long rss_peak = rss_before;
    start = Clock::now();
    {
      const Ledger replica =
          import_new(dir + "/replica", stream, nullptr, replica_options,
                     [&](std::uint64_t) { rss_peak = std::max(rss_peak, resident_kib()); });
      if (replica.root() != source.root()) throw_error(ErrorKind::kIntegrityError, "roots differ");
    }
    const double import_seconds = seconds_since(start);
    start = Clock::now();
    {
      const std::string raw_dir = dir + "/raw-replica";
      std::filesystem::create_directories(raw_dir);
      MDB_env* env = nullptr;
      check(mdb_env_create(&env), "mdb_env_create");
      check(mdb_env_set_mapsize(env, std::uint64_t{16} << 30), "mapsize");
      check(mdb_env_open(env, raw_dir.c_str(), MDB_NOTLS, 0640), "mdb_env_open");
      MDB_txn* txn = nullptr;
      MDB_dbi dbi = 0;
      check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
      check(mdb_dbi_open(txn, nullptr, 0, &dbi), "dbi");
      source.scan_entries(0, size, [&](std::uint64_t sequence, ByteView bytes) {
        std::uint8_t k[8];
        for (int i = 7; i >= 0; --i) k[7 - i] = static_cast<std::uint8_t>(sequence >> (8 * i));
        MDB_val key{8, k}, value{bytes.size(), const_cast<std::uint8_t*>(bytes.data())};
        check(mdb_put(txn, dbi, &key, &value, MDB_APPEND), "put");
        return true;
      });
      check(mdb_txn_commit(txn), "commit");
      mdb_env_close(env);
    }
    const double raw_import_seconds = seconds_since(start);

    const auto n = static_cast<double>(size);
    std::printf("\n%-62s %12s %8s\n", "scenario", "entries/s", "ratio");
    std::printf("%-62s %12.0f %8s\n", "raw: cursor over the log, bytes to a file (ceiling)",
                n / raw_export_seconds, "1.00");
    std::printf("%-62s %12.0f %8.2f\n", "taizhang: export_log (framed Cap'n Proto stream)",
                n / export_seconds, raw_export_seconds / export_seconds);
    std::printf("%-62s %12.0f %8s\n", "raw LMDB: append the same bytes, one txn (ceiling)",
                n / raw_import_seconds, "1.00");
    std::printf("%-62s %12.0f %8.2f\n", "taizhang: import_new (every hash, signature, rule, view)",
                n / import_seconds, raw_import_seconds / import_seconds);
    std::printf("stream %.1f MiB; anonymous memory grew %ld KiB during the import\n",
                static_cast<double>(std::filesystem::file_size(stream)) / (1 << 20),
                rss_peak - rss_before);
    std::printf("targets: export >= 500,000/s %s; import >= 500,000/s %s\n",
                n / export_seconds >= 500'000 ? "met" : "NOT met",
                n / import_seconds >= 500'000 ? "met" : "NOT met");
    std::filesystem::remove_all(dir);
  } catch (const Error& error) {
    std::fprintf(stderr, "interchange_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}

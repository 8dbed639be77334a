// The asset register at scale, beside raw LMDB in the same process.
//
//   registry_bench [--assets N] [--batch B] [--dir DIR] [--keep]
//
// 1. registration: N assets through Registry::submit in batches of B, durable, with every view
//    and index, beside raw LMDB putting the same number of records of the same sizes (the
//    entry, the asset record, its four index records) in the same batches: the ceiling.
// 2. lookup by id: random ids through Registry::find_asset beside a raw mdb_get of the same
//    record, each in its own read transaction as the registry does.
// 3. valuation of every asset as of a date.
// With --keep the register is left in DIR/register for bench/python_bench.py.
#include <lmdb.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

AssetRegistered make_asset(std::uint64_t i, const std::string& village, std::uint64_t owner) {
  AssetRegistered a;
  char code[32];
  std::snprintf(code, sizeof code, "XF-%09llu", static_cast<unsigned long long>(i));
  a.code = code;
  a.asset_class = AssetClass::kPublicWelfare;
  a.description.name = "通组路";
  a.description.category = i % 2 ? AssetCategory::kGreenhouse : AssetCategory::kStructure;
  a.description.project_name = "2021年基础设施项目";
  a.description.project_year = 2021;
  a.description.division = village;
  a.description.quantity_milli = 1500;
  a.description.unit = "km";
  a.description.completed = Date::parse("2021-06-30");
  a.description.original = Money::from_fen(static_cast<std::int64_t>(1'000'000 + i * 7 % 900'000));
  a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
  a.owners = {{owner, Share::of(1, 1)}};
  return a;
}

struct RawEnv {
  MDB_env* env = nullptr;
  MDB_dbi log = 0, assets = 0, index = 0;
  explicit RawEnv(const std::string& dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    check(mdb_env_create(&env), "mdb_env_create");
    check(mdb_env_set_maxdbs(env, 4), "maxdbs");
    check(mdb_env_set_mapsize(env, std::uint64_t{64} << 30), "mapsize");
    check(mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0640), "mdb_env_open");
    MDB_txn* txn = nullptr;
    check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
    check(mdb_dbi_open(txn, "log", MDB_CREATE, &log), "dbi");
    check(mdb_dbi_open(txn, "assets", MDB_CREATE, &assets), "dbi");
    check(mdb_dbi_open(txn, "index", MDB_CREATE, &index), "dbi");
    check(mdb_txn_commit(txn), "commit");
  }
  ~RawEnv() { mdb_env_close(env); }
};

void put(MDB_txn* txn, MDB_dbi dbi, const void* key, std::size_t key_size, const void* value,
         std::size_t value_size, unsigned flags) {
  MDB_val k{key_size, const_cast<void*>(key)};
  MDB_val v{value_size, const_cast<void*>(value)};
  check(mdb_put(txn, dbi, &k, &v, flags), "mdb_put");
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t assets = 1'000'000;
  std::size_t batch = 1000;
  std::string dir = "bench-registry";
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--keep")
      keep = true;
    else if (i + 1 < argc && flag == "--assets")
      assets = std::stoull(argv[++i]);
    else if (i + 1 < argc && flag == "--batch")
      batch = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--dir")
      dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: registry_bench [--assets N] [--batch B] [--dir DIR] [--keep]\n");
      return 2;
    }
  }
  try {
    std::printf("registry_bench: %llu assets, batches of %zu, durable, %u cores\n",
                static_cast<unsigned long long>(assets), batch,
                std::thread::hardware_concurrency());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string village = "520122101201";
    LedgerOptions options;
    options.map_size_bytes = std::uint64_t{64} << 30;
    Registry registry =
        Registry::create(dir + "/register", {"520122000000", "bench", "bench.example/1"},
                         key("bench.example/1", 1), registrar().verifier().public_key(), options);
    const Date day = Date::parse("2026-01-05");
    for (const char* code : {"520122000000", "520122101000", "520122101201"}) {
      registry.submit({{1, day, {}, &registrar()},
                       DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
    }
    PartyRegistered collective;
    collective.kind = PartyKind::kVillageCollective;
    collective.name = "A1村";
    collective.division = village;
    collective.credit_code = credit_code(1);
    const std::uint64_t owner = registry.submit({{1, day, {}, &registrar()}, collective});

    // 1. Registration.
    std::vector<RegistryRequest> requests;
    requests.reserve(batch);
    const std::uint64_t first_id = registry.ledger().size();
    const auto start = Clock::now();
    for (std::uint64_t i = 0; i < assets; ++i) {
      requests.push_back({{1, day, {}, &registrar()}, make_asset(i, village, owner)});
      if (requests.size() == batch || i + 1 == assets) {
        registry.submit(requests);
        requests.clear();
      }
    }
    const double taizhang_rate = static_cast<double>(assets) / seconds_since(start);

    // The raw baseline: the same records, sizes and batches, no logic.
    const Bytes entry = registry.ledger().entry_bytes(first_id);
    const Asset sample = registry.get_asset(first_id);
    const std::size_t record_size = 230;  // about an encoded asset record
    const std::vector<std::uint8_t> record(record_size, 7);
    double raw_rate = 0;
    {
      RawEnv raw(dir + "/raw");
      const auto raw_start = Clock::now();
      for (std::uint64_t at = 0; at < assets; at += batch) {
        MDB_txn* txn = nullptr;
        check(mdb_txn_begin(raw.env, nullptr, 0, &txn), "begin");
        for (std::uint64_t i = at; i < std::min(assets, at + batch); ++i) {
          std::uint8_t id[8];
          big_endian(i, id);
          put(txn, raw.log, id, 8, entry.data(), entry.size(), MDB_APPEND);
          put(txn, raw.assets, id, 8, record.data(), record.size(), MDB_APPEND);
          std::uint8_t index_key[28];
          for (int k = 0; k < 4; ++k) {  // code, division, owner, history indexes
            std::memset(index_key, 0, sizeof index_key);
            index_key[0] = static_cast<std::uint8_t>(k);
            big_endian(i, index_key + 20);
            put(txn, raw.index, index_key, sizeof index_key, "", 0, 0);
          }
        }
        check(mdb_txn_commit(txn), "commit");
      }
      raw_rate = static_cast<double>(assets) / seconds_since(raw_start);
    }
    std::printf("\n%-52s %14s %8s\n", "scenario", "per second", "ratio");
    std::printf("%-52s %14.0f %8s\n", "raw LMDB: same records, same batches (the ceiling)",
                raw_rate, "1.00");
    std::printf("%-52s %14.0f %8.2f\n", "taizhang: register assets (rules, views, indexes)",
                taizhang_rate, taizhang_rate / raw_rate);

    // 2. Lookup by id, each in its own read transaction.
    std::mt19937_64 random(7);
    constexpr int kLookups = 200'000;
    std::vector<std::uint64_t> ids(kLookups);
    for (auto& id : ids) id = first_id + random() % assets;
    auto lookup_start = Clock::now();
    std::uint64_t found = 0;
    for (std::uint64_t id : ids) found += registry.find_asset(id).has_value();
    const double lookup_rate = kLookups / seconds_since(lookup_start);
    double raw_lookup_rate = 0;
    {
      MDB_env* env = nullptr;
      check(mdb_env_create(&env), "create");
      check(mdb_env_set_maxdbs(env, 64), "maxdbs");
      check(mdb_env_open(env, (dir + "/register").c_str(), MDB_NOTLS | MDB_RDONLY, 0640), "open");
      MDB_txn* txn = nullptr;
      MDB_dbi dbi = 0;
      check(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "begin");
      check(mdb_dbi_open(txn, "assets", 0, &dbi), "dbi");
      check(mdb_txn_commit(txn), "commit");  // keeps the handle open (an abort would close it)
      lookup_start = Clock::now();
      std::uint64_t bytes = 0;
      for (std::uint64_t id : ids) {
        check(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "begin");
        std::uint8_t key_bytes[8];
        big_endian(id, key_bytes);
        MDB_val k{8, key_bytes}, v;
        check(mdb_get(txn, dbi, &k, &v), "get");
        bytes += v.mv_size;
        mdb_txn_abort(txn);
      }
      raw_lookup_rate = kLookups / seconds_since(lookup_start);
      mdb_env_close(env);
      if (bytes == 0) return 1;
    }
    std::printf("%-52s %14.0f %8s\n", "raw LMDB: get the asset record by id", raw_lookup_rate,
                "1.00");
    std::printf("%-52s %14.0f %8.2f\n", "taizhang: find_asset(id), decoded", lookup_rate,
                lookup_rate / raw_lookup_rate);

    // 3. Valuation of every asset.
    const auto valuation_start = Clock::now();
    const auto values = registry.valuation(Date::parse("2026-11-28"));
    const double valuation_seconds = seconds_since(valuation_start);
    std::printf("%-52s %14.3f s  (%zu assets)\n", "taizhang: valuation of every asset",
                valuation_seconds, values.size());
    if (found != kLookups || values.size() != assets || sample.id != first_id) return 1;
    if (!keep) std::filesystem::remove_all(dir);
    return 0;
  } catch (const Error& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}

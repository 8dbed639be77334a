// taizhang beside a SQLite baseline doing the same workload, in the same process.
//
//   sqlite_bench [--assets N] [--batch B] [--dir DIR]
//
// The SQLite baseline is written as a careful engineer would: WAL journal, synchronous=FULL (a
// sync at every commit, as taizhang's durable mode), prepared statements reused, one
// transaction per batch, the same indexes taizhang keeps (code unique; division and owner
// with the id), the log kept as a table of entry blobs beside the asset rows. Workloads:
// 1. bulk registration in batches of B, durable;
// 2. lookup of an asset by id and by code, each in its own read (transaction);
// 3. listing a village's assets.
// Ratios are taizhang's rate over SQLite's (above 1: taizhang is faster).
#include <lmdb.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/error.h"
#include "taizhang/interchange.h"
#include "taizhang/merkle.h"
#include "taizhang/registry.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

constexpr int kVillages = 100;

std::string village(std::uint64_t i) {
  char code[13];
  std::snprintf(code, sizeof code, "520122%03d%03d", 101 + static_cast<int>(i % kVillages) / 10,
                201 + static_cast<int>(i % kVillages) % 10);
  return code;
}

std::string code_of(std::uint64_t i) {
  char code[24];
  std::snprintf(code, sizeof code, "XF-%09llu", static_cast<unsigned long long>(i));
  return code;
}

AssetRegistered make_asset(std::uint64_t i, std::uint64_t owner) {
  AssetRegistered a;
  a.code = code_of(i);
  a.asset_class = AssetClass::kPublicWelfare;
  a.description.name = "通组路";
  a.description.category = AssetCategory::kStructure;
  a.description.project_name = "2021年基础设施项目";
  a.description.division = village(i);
  a.description.completed = Date::parse("2021-06-30");
  a.description.original = Money::from_fen(static_cast<std::int64_t>(1'000'000 + i % 900'000));
  a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
  a.owners = {{owner, Share::of(1, 1)}};
  return a;
}

void check(int code, sqlite3* db, const char* what) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

void exec(sqlite3* db, const char* sql) {
  check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), db, sql);
  return statement;
}

struct Rates {
  double registration = 0, by_id = 0, by_code = 0, village_list = 0, valuation = 0, verify = 0;
  double exported = 0, imported = 0, single = 0;
  double same_work_registration = 0, same_work_single = 0;  // SQLite doing all the work
};

// SQLite doing the same work as a registration, not only its storage: the rule reads (the
// actor's role and jurisdiction, the division in force, the owner's kind), the entry encoded
// canonically with its request id and stamp, the request-id index, the log, the Merkle tree
// record of completed subtrees (RFC 6962 hashes, the same code), the asset row and the per-asset
// history index, and the tree's size and root per transaction. Same durability and batching.
class SqliteSameWork {
 public:
  SqliteSameWork(const std::string& path, std::uint64_t owner) : owner_(owner) {
    check(sqlite3_open(path.c_str(), &db_), db_, "open");
    exec(db_, "PRAGMA journal_mode=WAL");
    exec(db_, "PRAGMA synchronous=FULL");
    exec(db_, "PRAGMA cache_size=-262144");
    exec(db_, "CREATE TABLE actors(id INTEGER PRIMARY KEY, role INTEGER, jurisdiction TEXT)");
    exec(db_,
         "CREATE TABLE divisions(code TEXT, valid_from INTEGER, valid_until INTEGER, "
         "PRIMARY KEY(code, valid_from)) WITHOUT ROWID");
    exec(db_, "CREATE TABLE parties(id INTEGER PRIMARY KEY, kind INTEGER)");
    exec(db_,
         "CREATE TABLE requests(id BLOB PRIMARY KEY, first INTEGER, count INTEGER) "
         "WITHOUT ROWID");
    exec(db_, "CREATE TABLE entries(seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    exec(db_, "CREATE TABLE tree(seq INTEGER PRIMARY KEY, hashes BLOB NOT NULL)");
    exec(db_, "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB)");
    exec(db_,
         "CREATE TABLE assets(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, division TEXT "
         "NOT NULL, owner INTEGER NOT NULL, original_fen INTEGER NOT NULL, record BLOB NOT NULL)");
    exec(db_, "CREATE INDEX assets_by_division ON assets(division, id)");
    exec(db_, "CREATE INDEX assets_by_owner ON assets(owner, id)");
    exec(db_,
         "CREATE TABLE asset_entries(asset INTEGER, seq INTEGER, PRIMARY KEY(asset, seq)) "
         "WITHOUT ROWID");
    exec(db_, "BEGIN");
    exec(db_, "INSERT INTO actors VALUES(1, 0, '520122000000')");
    const std::string party = "INSERT INTO parties VALUES(" + std::to_string(owner) + ", 3)";
    exec(db_, party.c_str());
    sqlite3_stmt* division = prepare(db_, "INSERT INTO divisions VALUES(?, ?, 0)");
    for (int v = 0; v < kVillages; ++v) {
      const std::string code = village(static_cast<std::uint64_t>(v));
      sqlite3_bind_text(division, 1, code.c_str(), static_cast<int>(code.size()), SQLITE_TRANSIENT);
      sqlite3_bind_int(division, 2, Date::parse("2000-01-01").days());
      check(sqlite3_step(division), db_, "division");
      sqlite3_reset(division);
    }
    sqlite3_finalize(division);
    exec(db_, "COMMIT");
    get_actor_ = prepare(db_, "SELECT role, jurisdiction FROM actors WHERE id = ?");
    get_division_ = prepare(db_,
                            "SELECT 1 FROM divisions WHERE code = ? AND valid_from <= ? AND "
                            "(valid_until = 0 OR valid_until >= ?) LIMIT 1");
    get_party_ = prepare(db_, "SELECT kind FROM parties WHERE id = ?");
    put_request_ = prepare(db_, "INSERT INTO requests VALUES(?, ?, 1)");
    put_entry_ = prepare(db_, "INSERT INTO entries VALUES(?, ?)");
    put_tree_ = prepare(db_, "INSERT INTO tree VALUES(?, ?)");
    put_asset_ = prepare(db_, "INSERT INTO assets VALUES(?,?,?,?,?,?)");
    put_history_ = prepare(db_, "INSERT INTO asset_entries VALUES(?, ?)");
    put_meta_ = prepare(db_, "INSERT OR REPLACE INTO meta VALUES(?, ?)");
  }
  ~SqliteSameWork() {
    for (sqlite3_stmt* statement : {get_actor_, get_division_, get_party_, put_request_, put_entry_,
                                    put_tree_, put_asset_, put_history_, put_meta_}) {
      sqlite3_finalize(statement);
    }
    sqlite3_close(db_);
  }

  // Registers assets [first, last) in one durable transaction.
  void register_batch(std::uint64_t first, std::uint64_t last) {
    exec(db_, "BEGIN");
    for (std::uint64_t i = first; i < last; ++i) register_one(i);
    const Hash root = frontier_.root();
    const std::uint64_t size = frontier_.size();
    bind_meta("root", root.data(), root.size());
    bind_meta("size", &size, sizeof size);
    exec(db_, "COMMIT");
  }

 private:
  void register_one(std::uint64_t i) {
    const AssetRegistered asset = make_asset(i, owner_);
    const Date effective = Date::parse("2026-01-05");
    // The rules' reads.
    sqlite3_bind_int64(get_actor_, 1, 1);
    if (sqlite3_step(get_actor_) != SQLITE_ROW ||
        asset.description.division.compare(
            0, 6, reinterpret_cast<const char*>(sqlite3_column_text(get_actor_, 1)), 6) != 0) {
      std::fprintf(stderr, "sqlite_bench: actor refused\n");
      std::exit(1);
    }
    sqlite3_reset(get_actor_);
    const std::string& division = asset.description.division;
    sqlite3_bind_text(get_division_, 1, division.c_str(), static_cast<int>(division.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int(get_division_, 2, asset.description.completed.days());
    sqlite3_bind_int(get_division_, 3, asset.description.completed.days());
    if (sqlite3_step(get_division_) != SQLITE_ROW) {
      std::fprintf(stderr, "sqlite_bench: division %s refused\n", division.c_str());
      std::exit(1);
    }
    sqlite3_reset(get_division_);
    sqlite3_bind_int64(get_party_, 1, static_cast<sqlite3_int64>(owner_));
    if (sqlite3_step(get_party_) != SQLITE_ROW) std::exit(1);
    sqlite3_reset(get_party_);
    // The entry, canonical, stamped.
    Entry entry;
    entry.sequence = i;
    entry.recorded_micros = 1'767'225'600'000'000 + static_cast<std::int64_t>(i);
    entry.effective = effective;
    entry.actor = 1;
    entry.request_id = random_request_id();
    entry.body = asset;
    const Bytes bytes = encode_entry(entry);
    const auto seq = static_cast<sqlite3_int64>(i);
    sqlite3_bind_blob(put_request_, 1, entry.request_id.data(), 16, SQLITE_STATIC);
    sqlite3_bind_int64(put_request_, 2, seq);
    check(sqlite3_step(put_request_), db_, "request");
    sqlite3_reset(put_request_);
    sqlite3_bind_int64(put_entry_, 1, seq);
    sqlite3_bind_blob(put_entry_, 2, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
    check(sqlite3_step(put_entry_), db_, "entry");
    sqlite3_reset(put_entry_);
    hashes_.clear();
    frontier_.append(merkle::leaf_hash(bytes), [&](const merkle::Frontier::Completed& node) {
      hashes_.insert(hashes_.end(), node.hash.begin(), node.hash.end());
    });
    sqlite3_bind_int64(put_tree_, 1, seq);
    sqlite3_bind_blob(put_tree_, 2, hashes_.data(), static_cast<int>(hashes_.size()),
                      SQLITE_STATIC);
    check(sqlite3_step(put_tree_), db_, "tree");
    sqlite3_reset(put_tree_);
    const std::string record(230, 'r');  // about an encoded asset record
    sqlite3_bind_int64(put_asset_, 1, seq);
    sqlite3_bind_text(put_asset_, 2, asset.code.c_str(), static_cast<int>(asset.code.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(put_asset_, 3, division.c_str(), static_cast<int>(division.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(put_asset_, 4, static_cast<sqlite3_int64>(owner_));
    sqlite3_bind_int64(put_asset_, 5, asset.description.original.fen());
    sqlite3_bind_blob(put_asset_, 6, record.data(), static_cast<int>(record.size()), SQLITE_STATIC);
    check(sqlite3_step(put_asset_), db_, "asset");
    sqlite3_reset(put_asset_);
    sqlite3_bind_int64(put_history_, 1, seq);
    sqlite3_bind_int64(put_history_, 2, seq);
    check(sqlite3_step(put_history_), db_, "history");
    sqlite3_reset(put_history_);
  }

  void bind_meta(const char* name, const void* value, std::size_t size) {
    sqlite3_bind_text(put_meta_, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(put_meta_, 2, value, static_cast<int>(size), SQLITE_TRANSIENT);
    check(sqlite3_step(put_meta_), db_, "meta");
    sqlite3_reset(put_meta_);
  }

  sqlite3* db_ = nullptr;
  std::uint64_t owner_;
  merkle::Frontier frontier_;
  std::vector<std::uint8_t> hashes_;
  sqlite3_stmt *get_actor_, *get_division_, *get_party_, *put_request_, *put_entry_, *put_tree_,
      *put_asset_, *put_history_, *put_meta_;
};

// --- raw LMDB: the same records with no logic, the ceiling ------------------------------------

struct RawLmdb {
  MDB_env* env = nullptr;
  MDB_dbi log = 0, assets = 0, codes = 0, by_division = 0, by_owner = 0, history = 0;

  RawLmdb(const std::string& dir, bool create) {
    std::filesystem::create_directories(dir);
    bench::check(mdb_env_create(&env), "mdb_env_create");
    bench::check(mdb_env_set_maxdbs(env, 8), "maxdbs");
    bench::check(mdb_env_set_mapsize(env, std::uint64_t{16} << 30), "mapsize");
    bench::check(mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0640), "mdb_env_open");
    MDB_txn* txn = nullptr;
    bench::check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
    const unsigned flags = create ? MDB_CREATE : 0;
    bench::check(mdb_dbi_open(txn, "log", flags, &log), "dbi");
    bench::check(mdb_dbi_open(txn, "assets", flags, &assets), "dbi");
    bench::check(mdb_dbi_open(txn, "codes", flags, &codes), "dbi");
    bench::check(mdb_dbi_open(txn, "by_division", flags, &by_division), "dbi");
    bench::check(mdb_dbi_open(txn, "by_owner", flags, &by_owner), "dbi");
    bench::check(mdb_dbi_open(txn, "history", flags, &history), "dbi");
    bench::check(mdb_txn_commit(txn), "commit");
  }
  ~RawLmdb() { mdb_env_close(env); }

  static void put(MDB_txn* txn, MDB_dbi dbi, const void* key, std::size_t key_size,
                  const void* value, std::size_t value_size, unsigned flags) {
    MDB_val k{key_size, const_cast<void*>(key)};
    MDB_val v{value_size, const_cast<void*>(value)};
    bench::check(mdb_put(txn, dbi, &k, &v, flags), "mdb_put");
  }

  // The records a registration writes: the entry, the asset record (its original value in fen in
  // the first 8 bytes, for the valuation), and the code, division, owner and history indexes.
  void register_asset(MDB_txn* txn, std::uint64_t i, std::uint64_t owner, const Bytes& entry,
                      std::vector<std::uint8_t>& record) {
    std::uint8_t id[8];
    bench::big_endian(i, id);
    put(txn, log, id, 8, entry.data(), entry.size(), MDB_APPEND);
    bench::big_endian(static_cast<std::uint64_t>(1'000'000 + i % 900'000), record.data());
    put(txn, assets, id, 8, record.data(), record.size(), MDB_APPEND);
    const std::string code = code_of(i);
    put(txn, codes, code.data(), code.size(), id, 8, 0);
    std::uint8_t key[20];
    const std::string division = village(i);
    std::memcpy(key, division.data(), 12);
    std::memcpy(key + 12, id, 8);
    put(txn, by_division, key, 20, "", 0, 0);
    bench::big_endian(owner, key);
    std::memcpy(key + 8, id, 8);
    put(txn, by_owner, key, 16, "", 0, 0);
    put(txn, history, key + 8, 8, "", 0, MDB_APPEND);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t assets = 1'000'000;
  std::size_t batch = 1000;
  std::string dir = "bench-sqlite";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 < argc && flag == "--assets")
      assets = std::stoull(argv[++i]);
    else if (i + 1 < argc && flag == "--batch")
      batch = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--dir")
      dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: sqlite_bench [--assets N] [--batch B] [--dir DIR]\n");
      return 2;
    }
  }
  try {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const int lookups = static_cast<int>(std::min<std::uint64_t>(200'000, assets * 4));
    std::mt19937_64 random(7);
    Rates mine, theirs;

    // --- taizhang ---
    LedgerOptions options;
    options.map_size_bytes = std::uint64_t{16} << 30;
    Registry registry =
        Registry::create(dir + "/taizhang", {"520122000000", "bench", "bench.example/5"},
                         key("bench.example/5", 1), registrar().verifier().public_key(), options);
    {
      std::vector<RegistryRequest> setup;
      const Date since = Date::parse("2000-01-01");
      setup.push_back({{1, Date::parse("2026-01-05"), {}, &registrar()},
                       DivisionDefined{"520122000000", "县", since, Date()}});
      for (int t = 0; t < kVillages / 10; ++t) {
        char town[13];
        std::snprintf(town, sizeof town, "520122%03d000", 101 + t);
        setup.push_back({{1, Date::parse("2026-01-05"), {}, &registrar()},
                         DivisionDefined{town, "镇", since, Date()}});
      }
      for (int v = 0; v < kVillages; ++v) {
        setup.push_back({{1, Date::parse("2026-01-05"), {}, &registrar()},
                         DivisionDefined{village(v), "村", since, Date()}});
      }
      registry.submit(setup);
    }
    PartyRegistered collective;
    collective.kind = PartyKind::kVillageCollective;
    collective.name = "A1村";
    collective.division = village(0);
    const std::string first17 = "93520122000000001";
    collective.credit_code = first17 + credit_code_check_character(first17);
    const std::uint64_t owner =
        registry.submit({{1, Date::parse("2026-01-05"), {}, &registrar()}, collective});
    std::vector<std::uint64_t> ids;
    ids.reserve(assets);
    auto start = Clock::now();
    std::vector<RegistryRequest> requests;
    for (std::uint64_t i = 0; i < assets; ++i) {
      requests.push_back({{1, Date::parse("2026-01-05"), {}, &registrar()}, make_asset(i, owner)});
      if (requests.size() == batch || i + 1 == assets) {
        for (std::uint64_t id : registry.submit(requests)) ids.push_back(id);
        requests.clear();
      }
    }
    mine.registration = static_cast<double>(assets) / seconds_since(start);
    start = Clock::now();
    std::uint64_t found = 0;
    for (int k = 0; k < lookups; ++k) found += registry.find_asset(ids[random() % assets]) ? 1 : 0;
    mine.by_id = lookups / seconds_since(start);
    start = Clock::now();
    for (int k = 0; k < lookups; ++k) {
      found += registry.find_asset_by_code(code_of(random() % assets)) ? 1 : 0;
    }
    mine.by_code = lookups / seconds_since(start);
    start = Clock::now();
    std::uint64_t listed = 0;
    for (int v = 0; v < kVillages; ++v) {
      AssetFilter filter;
      filter.division = village(v);
      listed += registry.assets(filter).size();
    }
    mine.village_list = kVillages / seconds_since(start);
    // Valuation of every asset as of a date: these are village structures, straight line over
    // 96 months, 5% residual, from the month after completion (docs/rules.md §6).
    const Date as_of = Date::parse("2026-11-28");
    start = Clock::now();
    std::int64_t book_total = 0;
    for (const Valuation& v : registry.valuation(as_of)) book_total += v.book_value.fen();
    mine.valuation = static_cast<double>(assets) / seconds_since(start);
    start = Clock::now();
    if (!registry.ledger().verify().ok) throw_error(ErrorKind::kIntegrityError, "verify failed");
    mine.verify = static_cast<double>(registry.ledger().size()) / seconds_since(start);
    // Export of the whole log and its import into a new durable replica (every check, every
    // view rebuilt).
    registry.ledger().checkpoint(key("bench.example/5", 1));
    const double entries = static_cast<double>(registry.ledger().size());
    start = Clock::now();
    export_log(registry.ledger(), dir + "/log.tzlog");
    mine.exported = entries / seconds_since(start);
    {
      LedgerOptions replica_options;
      replica_options.map_size_bytes = std::uint64_t{16} << 30;
      replica_options.fold = register_fold();
      start = Clock::now();
      import_new(dir + "/replica", dir + "/log.tzlog", nullptr, replica_options);
      mine.imported = entries / seconds_since(start);
    }
    // Single-operation durable commits, one request each.
    const int singles = 2000;
    start = Clock::now();
    for (int k = 0; k < singles; ++k) {
      registry.submit(RegistryRequest{{1, Date::parse("2026-01-06"), {}, &registrar()},
                                      make_asset(assets + static_cast<std::uint64_t>(k), owner),
                                      {}});
    }
    mine.single = singles / seconds_since(start);
    const Bytes entry_sample = registry.ledger().entry_bytes(ids[0]);

    // --- raw LMDB ---
    Rates raw;
    {
      RawLmdb lmdb(dir + "/raw", true);
      std::vector<std::uint8_t> record(230, 'r');  // about an encoded asset record
      start = Clock::now();
      for (std::uint64_t at = 0; at < assets; at += batch) {
        MDB_txn* txn = nullptr;
        bench::check(mdb_txn_begin(lmdb.env, nullptr, 0, &txn), "begin");
        for (std::uint64_t i = at; i < std::min(assets, at + batch); ++i) {
          lmdb.register_asset(txn, i, owner, entry_sample, record);
        }
        bench::check(mdb_txn_commit(txn), "commit");
      }
      raw.registration = static_cast<double>(assets) / seconds_since(start);
      // Reads: one read transaction handle, reset and renewed per lookup; each copies out what
      // it found.
      MDB_txn* reader = nullptr;
      bench::check(mdb_txn_begin(lmdb.env, nullptr, MDB_RDONLY, &reader), "begin");
      mdb_txn_reset(reader);
      std::vector<std::uint8_t> copied;
      auto get = [&](MDB_dbi dbi, const void* key, std::size_t size, MDB_val& value) {
        MDB_val k{size, const_cast<void*>(key)};
        return mdb_get(reader, dbi, &k, &value) == 0;
      };
      start = Clock::now();
      for (int k = 0; k < lookups; ++k) {
        bench::check(mdb_txn_renew(reader), "renew");
        std::uint8_t id[8];
        bench::big_endian(random() % assets, id);
        MDB_val value;
        if (get(lmdb.assets, id, 8, value)) {
          const auto* bytes = static_cast<const std::uint8_t*>(value.mv_data);
          copied.assign(bytes, bytes + value.mv_size);
          ++found;
        }
        mdb_txn_reset(reader);
      }
      raw.by_id = lookups / seconds_since(start);
      start = Clock::now();
      for (int k = 0; k < lookups; ++k) {
        bench::check(mdb_txn_renew(reader), "renew");
        const std::string code = code_of(random() % assets);
        MDB_val id, value;
        if (get(lmdb.codes, code.data(), code.size(), id) &&
            get(lmdb.assets, id.mv_data, id.mv_size, value)) {
          const auto* bytes = static_cast<const std::uint8_t*>(value.mv_data);
          copied.assign(bytes, bytes + value.mv_size);
          ++found;
        }
        mdb_txn_reset(reader);
      }
      raw.by_code = lookups / seconds_since(start);
      // A village: a cursor over its division keys, and each asset record.
      start = Clock::now();
      for (int v = 0; v < kVillages; ++v) {
        bench::check(mdb_txn_renew(reader), "renew");
        MDB_cursor* cursor = nullptr;
        bench::check(mdb_cursor_open(reader, lmdb.by_division, &cursor), "cursor");
        std::vector<std::vector<std::uint8_t>> listing;
        const std::string division = village(static_cast<std::uint64_t>(v));
        MDB_val key{division.size(), const_cast<char*>(division.data())}, value;
        for (int code = mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE);
             code == 0 && key.mv_size == 20 && std::memcmp(key.mv_data, division.data(), 12) == 0;
             code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
          MDB_val asset;
          if (get(lmdb.assets, static_cast<const std::uint8_t*>(key.mv_data) + 12, 8, asset)) {
            const auto* bytes = static_cast<const std::uint8_t*>(asset.mv_data);
            listing.emplace_back(bytes, bytes + asset.mv_size);  // copied out, as the others
            ++listed;
          }
        }
        mdb_cursor_close(cursor);
        mdb_txn_reset(reader);
      }
      raw.village_list = kVillages / seconds_since(start);
      // The valuation's straight line over every record's original value, in integers.
      const std::int64_t months = (2026 - 2021) * 12 + (10 - 7) + 1;
      start = Clock::now();
      {
        bench::check(mdb_txn_renew(reader), "renew");
        MDB_cursor* cursor = nullptr;
        bench::check(mdb_cursor_open(reader, lmdb.assets, &cursor), "cursor");
        MDB_val key, value;
        std::int64_t raw_total = 0;
        for (int code = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); code == 0;
             code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
          std::int64_t original = 0;
          const auto* bytes = static_cast<const std::uint8_t*>(value.mv_data);
          for (int b = 0; b < 8; ++b) original = original << 8 | bytes[b];
          const std::int64_t residual = (original * 5 + 50) / 100;
          raw_total +=
              original -
              ((original - residual) * std::min<std::int64_t>(96, months) * 2 + 96) / (2 * 96);
        }
        mdb_cursor_close(cursor);
        mdb_txn_reset(reader);
        raw.valuation = static_cast<double>(assets) / seconds_since(start);
        if (raw_total != book_total) {
          std::fprintf(stderr, "sqlite_bench: raw valuation differs: %lld vs %lld fen\n",
                       static_cast<long long>(book_total), static_cast<long long>(raw_total));
          return 1;
        }
      }
      // Verify's floor: read every entry of the log, touching every byte.
      start = Clock::now();
      {
        bench::check(mdb_txn_renew(reader), "renew");
        MDB_cursor* cursor = nullptr;
        bench::check(mdb_cursor_open(reader, lmdb.log, &cursor), "cursor");
        MDB_val key, value;
        std::uint64_t sum = 0, rows = 0;
        for (int code = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); code == 0;
             code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
          const auto* bytes = static_cast<const std::uint8_t*>(value.mv_data);
          for (std::size_t b = 0; b < value.mv_size; ++b) sum += bytes[b];
          ++rows;
        }
        mdb_cursor_close(cursor);
        mdb_txn_reset(reader);
        raw.verify = static_cast<double>(rows) / seconds_since(start);
        if (sum == 0) return 1;
      }
      // Export: every entry to a file, length-prefixed, synced; import: into a new environment
      // in one durable transaction.
      start = Clock::now();
      std::uint64_t rows = 0;
      {
        bench::check(mdb_txn_renew(reader), "renew");
        MDB_cursor* cursor = nullptr;
        bench::check(mdb_cursor_open(reader, lmdb.log, &cursor), "cursor");
        std::FILE* out = std::fopen((dir + "/raw-export.bin").c_str(), "wb");
        MDB_val key, value;
        for (int code = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); code == 0;
             code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
          const auto size = static_cast<std::uint32_t>(value.mv_size);
          std::fwrite(&size, sizeof size, 1, out);
          std::fwrite(value.mv_data, 1, size, out);
          ++rows;
        }
        std::fflush(out);
        ::fsync(fileno(out));
        std::fclose(out);
        mdb_cursor_close(cursor);
        mdb_txn_reset(reader);
      }
      raw.exported = static_cast<double>(rows) / seconds_since(start);
      mdb_txn_abort(reader);
      {
        RawLmdb copy(dir + "/raw-import", true);
        start = Clock::now();
        std::FILE* in = std::fopen((dir + "/raw-export.bin").c_str(), "rb");
        std::vector<std::uint8_t> body;
        MDB_txn* txn = nullptr;
        bench::check(mdb_txn_begin(copy.env, nullptr, 0, &txn), "begin");
        std::uint32_t size = 0;
        for (std::uint64_t seq = 0; std::fread(&size, sizeof size, 1, in) == 1; ++seq) {
          body.resize(size);
          if (std::fread(body.data(), 1, size, in) != size) break;
          std::uint8_t id[8];
          bench::big_endian(seq, id);
          RawLmdb::put(txn, copy.log, id, 8, body.data(), size, MDB_APPEND);
        }
        bench::check(mdb_txn_commit(txn), "commit");
        std::fclose(in);
        raw.imported = static_cast<double>(rows) / seconds_since(start);
      }
      // Single-operation durable commits: the same records, one transaction each.
      const int singles = 2000;
      start = Clock::now();
      for (int k = 0; k < singles; ++k) {
        MDB_txn* txn = nullptr;
        bench::check(mdb_txn_begin(lmdb.env, nullptr, 0, &txn), "begin");
        lmdb.register_asset(txn, assets + static_cast<std::uint64_t>(k), owner, entry_sample,
                            record);
        bench::check(mdb_txn_commit(txn), "commit");
      }
      raw.single = singles / seconds_since(start);
    }

    // --- SQLite ---
    sqlite3* db = nullptr;
    check(sqlite3_open((dir + "/sqlite.db").c_str(), &db), db, "open");
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=FULL");
    exec(db, "PRAGMA cache_size=-262144");  // 256 MiB, as LMDB has the page cache
    exec(db, "CREATE TABLE entries(seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    exec(db,
         "CREATE TABLE assets(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, division TEXT "
         "NOT NULL, owner INTEGER NOT NULL, original_fen INTEGER NOT NULL, record BLOB NOT NULL)");
    exec(db, "CREATE INDEX assets_by_division ON assets(division, id)");
    exec(db, "CREATE INDEX assets_by_owner ON assets(owner, id)");
    sqlite3_stmt* put_entry = prepare(db, "INSERT INTO entries(seq, body) VALUES(?, ?)");
    sqlite3_stmt* put_asset = prepare(
        db,
        "INSERT INTO assets(id, code, division, owner, original_fen, record) VALUES(?,?,?,?,?,?)");
    const std::string record(230, 'r');  // about an encoded asset record
    // The entry and the asset row of asset i.
    auto insert_asset = [&](std::uint64_t i) {
      sqlite3_bind_int64(put_entry, 1, static_cast<sqlite3_int64>(i));
      sqlite3_bind_blob(put_entry, 2, entry_sample.data(), static_cast<int>(entry_sample.size()),
                        SQLITE_STATIC);
      check(sqlite3_step(put_entry), db, "insert entry");
      sqlite3_reset(put_entry);
      const std::string code = code_of(i), division = village(i);
      sqlite3_bind_int64(put_asset, 1, static_cast<sqlite3_int64>(i));
      sqlite3_bind_text(put_asset, 2, code.c_str(), static_cast<int>(code.size()), SQLITE_STATIC);
      sqlite3_bind_text(put_asset, 3, division.c_str(), static_cast<int>(division.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int64(put_asset, 4, static_cast<sqlite3_int64>(owner));
      sqlite3_bind_int64(put_asset, 5, static_cast<sqlite3_int64>(1'000'000 + i % 900'000));
      sqlite3_bind_blob(put_asset, 6, record.data(), static_cast<int>(record.size()),
                        SQLITE_STATIC);
      check(sqlite3_step(put_asset), db, "insert asset");
      sqlite3_reset(put_asset);
    };
    start = Clock::now();
    for (std::uint64_t at = 0; at < assets; at += batch) {
      exec(db, "BEGIN");
      for (std::uint64_t i = at; i < std::min(assets, at + batch); ++i) insert_asset(i);
      exec(db, "COMMIT");
    }
    theirs.registration = static_cast<double>(assets) / seconds_since(start);
    sqlite3_stmt* by_id = prepare(db, "SELECT code, division, record FROM assets WHERE id = ?");
    sqlite3_stmt* by_code = prepare(db, "SELECT id, division, record FROM assets WHERE code = ?");
    sqlite3_stmt* by_village =
        prepare(db, "SELECT id, code, record FROM assets WHERE division = ? ORDER BY id");
    // Each lookup in its own read transaction, as taizhang's are (autocommit), and each copies
    // out the row it found, as taizhang's find_asset returns the asset it found.
    struct Row {
      std::uint64_t id = 0;
      std::string text;
      std::vector<std::uint8_t> record;
    } copied;
    // by id: code, division, record; by code: id, division, record.
    auto copy_out = [&](sqlite3_stmt* statement) {
      if (sqlite3_column_type(statement, 0) == SQLITE_INTEGER) {
        copied.id = static_cast<std::uint64_t>(sqlite3_column_int64(statement, 0));
        copied.text.clear();
      } else {
        copied.text.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                           static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
      }
      copied.text.append(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)),
                         static_cast<std::size_t>(sqlite3_column_bytes(statement, 1)));
      const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 2));
      copied.record.assign(blob, blob + sqlite3_column_bytes(statement, 2));
    };
    start = Clock::now();
    for (int k = 0; k < lookups; ++k) {
      sqlite3_bind_int64(by_id, 1, static_cast<sqlite3_int64>(random() % assets));
      if (sqlite3_step(by_id) == SQLITE_ROW) {
        copy_out(by_id);
        ++found;
      }
      sqlite3_reset(by_id);
    }
    theirs.by_id = lookups / seconds_since(start);
    start = Clock::now();
    for (int k = 0; k < lookups; ++k) {
      const std::string code = code_of(random() % assets);
      sqlite3_bind_text(by_code, 1, code.c_str(), static_cast<int>(code.size()), SQLITE_STATIC);
      if (sqlite3_step(by_code) == SQLITE_ROW) {
        copy_out(by_code);
        ++found;
      }
      sqlite3_reset(by_code);
    }
    theirs.by_code = lookups / seconds_since(start);
    start = Clock::now();
    for (int v = 0; v < kVillages; ++v) {
      const std::string division = village(v);
      sqlite3_bind_text(by_village, 1, division.c_str(), static_cast<int>(division.size()),
                        SQLITE_STATIC);
      // Each row copied out, as taizhang's listing returns the assets.
      std::vector<Row> rows;
      while (sqlite3_step(by_village) == SQLITE_ROW) {
        Row& row = rows.emplace_back();
        row.id = static_cast<std::uint64_t>(sqlite3_column_int64(by_village, 0));
        row.text.assign(reinterpret_cast<const char*>(sqlite3_column_text(by_village, 1)),
                        static_cast<std::size_t>(sqlite3_column_bytes(by_village, 1)));
        const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(by_village, 2));
        row.record.assign(blob, blob + sqlite3_column_bytes(by_village, 2));
        ++listed;
      }
      sqlite3_reset(by_village);
    }
    theirs.village_list = kVillages / seconds_since(start);
    // The same valuation in SQL, in integers: months counted are those whose last day is on or
    // before the date, from the month after completion (2021-06-30: from July 2021).
    {
      sqlite3_stmt* value =
          prepare(db,
                  "SELECT id, original_fen - ((original_fen - (original_fen * 5 + 50) / 100) * "
                  "MIN(96, ?1) * 2 + 96) / (2 * 96) FROM assets ORDER BY id");
      // Months from July 2021 whose last day is on or before 2026-11-28: July 2021 to October
      // 2026.
      const int months = (2026 - 2021) * 12 + (10 - 7) + 1;
      start = Clock::now();
      sqlite3_bind_int(value, 1, months);
      // One row per asset, as taizhang's valuation returns.
      std::int64_t sqlite_total = 0;
      while (sqlite3_step(value) == SQLITE_ROW) sqlite_total += sqlite3_column_int64(value, 1);
      theirs.valuation = static_cast<double>(assets) / seconds_since(start);
      sqlite3_finalize(value);
      if (sqlite_total != book_total) {
        std::fprintf(stderr, "sqlite_bench: valuations differ: %lld vs %lld fen\n",
                     static_cast<long long>(book_total), static_cast<long long>(sqlite_total));
        return 1;
      }
    }
    // Verification: SQLite checks its structure (integrity_check); taizhang recomputes every
    // hash of the log, its tree and checkpoints.
    start = Clock::now();
    exec(db, "PRAGMA integrity_check");
    theirs.verify = static_cast<double>(assets * 2) / seconds_since(start);
    // Export: every entry blob to a file, length-prefixed; import: read them back into a new
    // database in one transaction (the entries table alone: no views to rebuild, nothing
    // verified).
    {
      sqlite3_stmt* all = prepare(db, "SELECT seq, body FROM entries ORDER BY seq");
      start = Clock::now();
      std::FILE* out = std::fopen((dir + "/sqlite-export.bin").c_str(), "wb");
      std::uint64_t rows = 0;
      while (sqlite3_step(all) == SQLITE_ROW) {
        const auto size = static_cast<std::uint32_t>(sqlite3_column_bytes(all, 1));
        std::fwrite(&size, sizeof size, 1, out);
        std::fwrite(sqlite3_column_blob(all, 1), 1, size, out);
        ++rows;
      }
      std::fflush(out);
      ::fsync(fileno(out));
      std::fclose(out);
      theirs.exported = static_cast<double>(rows) / seconds_since(start);
      sqlite3_finalize(all);
      sqlite3* copy = nullptr;
      check(sqlite3_open((dir + "/sqlite-import.db").c_str(), &copy), copy, "open");
      exec(copy, "PRAGMA journal_mode=WAL");
      exec(copy, "PRAGMA synchronous=FULL");
      exec(copy, "CREATE TABLE entries(seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
      sqlite3_stmt* put = prepare(copy, "INSERT INTO entries(seq, body) VALUES(?, ?)");
      start = Clock::now();
      std::FILE* in = std::fopen((dir + "/sqlite-export.bin").c_str(), "rb");
      std::vector<std::uint8_t> body;
      exec(copy, "BEGIN");
      std::uint32_t size = 0;
      for (std::uint64_t seq = 0; std::fread(&size, sizeof size, 1, in) == 1; ++seq) {
        body.resize(size);
        if (std::fread(body.data(), 1, size, in) != size) break;
        sqlite3_bind_int64(put, 1, static_cast<sqlite3_int64>(seq));
        sqlite3_bind_blob(put, 2, body.data(), static_cast<int>(size), SQLITE_STATIC);
        check(sqlite3_step(put), copy, "import");
        sqlite3_reset(put);
      }
      exec(copy, "COMMIT");
      std::fclose(in);
      theirs.imported = static_cast<double>(rows) / seconds_since(start);
      sqlite3_finalize(put);
      sqlite3_close(copy);
    }
    // Single-operation durable commits: one INSERT of the entry and the asset per transaction.
    {
      const int singles = 2000;
      start = Clock::now();
      for (int k = 0; k < singles; ++k) {
        const std::uint64_t i = assets + static_cast<std::uint64_t>(k);
        exec(db, "BEGIN");
        insert_asset(i);
        exec(db, "COMMIT");
      }
      theirs.single = singles / seconds_since(start);
    }
    for (sqlite3_stmt* s : {put_entry, put_asset, by_id, by_code, by_village}) sqlite3_finalize(s);
    sqlite3_close(db);
    {
      SqliteSameWork same(dir + "/sqlite-same-work.db", owner);
      start = Clock::now();
      for (std::uint64_t at = 0; at < assets; at += batch) {
        same.register_batch(at, std::min(assets, at + batch));
      }
      theirs.same_work_registration = static_cast<double>(assets) / seconds_since(start);
      const int singles = 2000;
      start = Clock::now();
      for (int k = 0; k < singles; ++k) {
        const std::uint64_t i = assets + static_cast<std::uint64_t>(k);
        same.register_batch(i, i + 1);
      }
      theirs.same_work_single = singles / seconds_since(start);
    }

    std::printf("sqlite_bench: %llu assets, batches of %zu, durable, %u cores (SQLite %s)\n",
                static_cast<unsigned long long>(assets), batch, std::thread::hardware_concurrency(),
                sqlite3_libversion());
    std::printf("%-40s %12s %12s %12s %8s %8s\n", "scenario", "taizhang/s", "raw LMDB/s",
                "SQLite/s", "x raw", "x SQLite");
    auto row = [](const char* name, double mine_rate, double raw_rate, double sqlite_rate) {
      std::printf("%-40s %12.0f %12.0f %12.0f %8.2f %8.2f\n", name, mine_rate, raw_rate,
                  sqlite_rate, mine_rate / raw_rate, mine_rate / sqlite_rate);
    };
    row("bulk registration (assets)", mine.registration, raw.registration, theirs.registration);
    row("lookup by id", mine.by_id, raw.by_id, theirs.by_id);
    row("lookup by code", mine.by_code, raw.by_code, theirs.by_code);
    row("list a village (villages)", mine.village_list, raw.village_list, theirs.village_list);
    row("valuation of every asset (assets)", mine.valuation, raw.valuation, theirs.valuation);
    row("verify (entries; raw reads, SQLite rows)", mine.verify, raw.verify, theirs.verify);
    row("export the log (entries)", mine.exported, raw.exported, theirs.exported);
    row("import it into a new store (entries)", mine.imported, raw.imported, theirs.imported);
    row("single-operation durable commits", mine.single, raw.single, theirs.single);
    std::printf(
        "SQLite doing the same work (rule reads, canonical entry, request index, Merkle\n"
        "records, history index), not only the storage:\n");
    row("bulk registration (assets), same work", mine.registration, raw.registration,
        theirs.same_work_registration);
    row("single durable commits, same work", mine.single, raw.single, theirs.same_work_single);
    std::printf("target: registration >= 0.5x raw LMDB %s\n",
                mine.registration >= 0.5 * raw.registration ? "met" : "NOT met");
    std::printf(
        "targets: registration >= 3x SQLite %s (storage only), %s (same work); lookup by id >= "
        "5x SQLite %s\n",
        mine.registration >= 3 * theirs.registration ? "met" : "NOT met",
        mine.registration >= 3 * theirs.same_work_registration ? "met" : "NOT met",
        mine.by_id >= 5 * theirs.by_id ? "met" : "NOT met");
    if (found != static_cast<std::uint64_t>(lookups) * 6 || listed != assets * 3) {
      std::fprintf(stderr, "sqlite_bench: the two disagree (%llu found, %llu listed)\n",
                   static_cast<unsigned long long>(found), static_cast<unsigned long long>(listed));
      return 1;
    }
    std::filesystem::remove_all(dir);
  } catch (const Error& error) {
    std::fprintf(stderr, "sqlite_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}

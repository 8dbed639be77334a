// The workflows at scale: income allocation and the audit, each beside raw LMDB in the same
// process.
//
//   workflow_bench [--incomes N] [--villages V] [--households H] [--batch B]
//                  [--assets A] [--years Y] [--dir DIR] [--reuse]
//
// 1. allocation: V villages, each with a beneficiary list of H households and an approved plan
//    (a fixed line, a guaranteed return, two proportional lines, one split over the list), and
//    V assets held by 1 to 4 villages each; N incomes recorded (each split into its owners'
//    parts), then allocated one AllocationRecorded per income in durable batches of B: the
//    register takes each part, finds its owner's plan in force, weighs the list by months
//    entitled, computes the payments and rewrites the part. Rate: owners' parts per second.
//    The baseline puts the same records of the same sizes (the entry and allocation record
//    appended, each part rewritten with its payments) with raw LMDB in the same batches; SQLite
//    does the same parts (reads, the same rule, rows, durable batches) beside it.
// 2. audit: A assets (public-welfare, household and operating in the published mix) with Y
//    years of entries (maintenance bindings, a yearly inspection, operation contracts and
//    quarterly income), then Registry::audit as of the end, beside a raw cursor scan of the
//    same register's asset records (the floor of any pass over every asset).
// --reuse keeps DIR, and a later --reuse run audits the register kept there instead of
// building it again (same --assets and --years; a register of another size gives other numbers).
// Set-up writes are not durable (MDB_NOSYNC) to keep set-up short; the timed allocation is.
#include <lmdb.h>

#include <atomic>
#ifdef TAIZHANG_BENCH_SQLITE
#include <sqlite3.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/allocation.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

std::string town_code(std::size_t t) {
  char code[13];
  std::snprintf(code, sizeof code, "520122%03zu000", 101 + t);
  return code;
}
std::string village_code(std::size_t t, std::size_t v) {
  char code[13];
  std::snprintf(code, sizeof code, "520122%03zu%03zu", 101 + t, 201 + v);
  return code;
}

// Submits requests in batches of `batch`, keeping every id in order.
class Batcher {
 public:
  Batcher(Registry& registry, std::size_t batch) : registry_(registry), batch_(batch) {}
  void add(RegistryRequest request) {
    pending_.push_back(std::move(request));
    if (pending_.size() >= batch_) flush();
  }
  void flush() {
    if (!pending_.empty()) {
      const std::vector<std::uint64_t> submitted = registry_.submit(pending_);
      ids.insert(ids.end(), submitted.begin(), submitted.end());
    }
    pending_.clear();
  }
  std::vector<std::uint64_t> ids;

 private:
  Registry& registry_;
  std::size_t batch_;
  std::vector<RegistryRequest> pending_;
};

// A county: the county, towns of ten villages each, a collective per village.
struct County {
  std::vector<std::string> villages;
  std::vector<std::uint64_t> collectives;
};

// The registers' clock: the benchmark's story runs in January and February 2026, and the time
// rules (a notice runs ten days by this clock before the plan it publishes) hold on it.
std::atomic<std::int64_t> g_clock{Date::parse("2026-01-11").micros_at(10, kCountyUtcOffsetSeconds)};

void clock_reaches(const char* day) {
  const std::int64_t then = Date::parse(day).micros_at(10, kCountyUtcOffsetSeconds);
  if (g_clock.load() < then) g_clock.store(then);
}

Registry create(const std::string& dir, bool durable) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  LedgerOptions options;
  options.map_size_bytes = std::uint64_t{64} << 30;
  options.durable = durable;
  options.clock_micros = [] { return g_clock.load(); };
  return Registry::create(dir + "/register", {"520122000000", "bench", "bench.example/1"},
                          key("bench.example/1", 1), registrar().verifier().public_key(), options);
}

County define_county(Registry& registry, std::size_t villages, Date day) {
  County county;
  std::vector<RegistryRequest> batch;
  const Date since = Date::parse("2000-01-01");
  batch.push_back(
      {{1, day, {}, &registrar()}, DivisionDefined{"520122000000", "县", since, Date()}});
  for (std::size_t t = 0; t * 10 < villages; ++t) {
    batch.push_back(
        {{1, day, {}, &registrar()}, DivisionDefined{town_code(t), "镇", since, Date()}});
    for (std::size_t v = 0; v < 10 && t * 10 + v < villages; ++v) {
      county.villages.push_back(village_code(t, v));
      batch.push_back({{1, day, {}, &registrar()},
                       DivisionDefined{county.villages.back(), "村", since, Date()}});
    }
  }
  registry.submit(batch);
  batch.clear();
  for (std::size_t v = 0; v < county.villages.size(); ++v) {
    PartyRegistered collective;
    collective.kind = PartyKind::kVillageCollective;
    collective.name = "村集体 " + county.villages[v];
    collective.division = county.villages[v];
    collective.credit_code = credit_code(v + 1);
    batch.push_back({{1, day, {}, &registrar()}, collective});
  }
  county.collectives = registry.submit(batch);
  return county;
}

AssetRegistered make_asset(std::uint64_t i, AssetClass asset_class, const std::string& village,
                           std::uint64_t owner) {
  AssetRegistered a;
  char code[32];
  std::snprintf(code, sizeof code, "XF-%09llu", static_cast<unsigned long long>(i));
  a.code = code;
  a.asset_class = asset_class;
  a.description.name = asset_class == AssetClass::kOperating ? "光伏电站" : "通组路";
  a.description.category =
      asset_class == AssetClass::kOperating ? AssetCategory::kPvStation : AssetCategory::kStructure;
  a.description.division = village;
  a.description.completed = Date::parse("2021-06-30");
  a.description.original = Money::from_fen(static_cast<std::int64_t>(1'000'000 + i * 7 % 900'000));
  a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
  a.owners = {{owner, Share::of(1, 1)}};
  return a;
}

// --- 1. allocation ----------------------------------------------------------------------

#ifdef TAIZHANG_BENCH_SQLITE
// The allocation workload in SQLite (WAL, synchronous=FULL, prepared statements, a
// transaction per batch), as a careful engineer would write it beside the register: per income,
// read the income (refusing one already allocated), the plan and its beneficiary list, compute
// the payments by the same exact rule (taizhang::allocate, so both sides do the same
// arithmetic), then store the entry, the allocation, one row per payment, and mark the income.
// Returns allocations/s; `total_fen` gets the sum of every payment stored.
struct SqlitePlan {
  std::int64_t fixed_fen = 0;
  std::int64_t principal_fen = 0;
  std::uint64_t rate_numerator = 0, rate_denominator = 1;
  std::uint64_t operations_numerator = 0, operations_denominator = 1;
  std::uint64_t list_numerator = 0, list_denominator = 1;
  std::string list;
};

void sql_check(int code, sqlite3* db, const char* what) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

double sqlite_allocation(const std::string& path, const std::vector<SqlitePlan>& plans,
                         const std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>>&
                             lists,  // per plan: (party, weight) in party order
                         const std::vector<std::int64_t>& income_fen,
                         const std::vector<std::size_t>& plan_of, std::size_t batch_size,
                         const Bytes& entry, std::int64_t* total_fen) {
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  sql_check(sqlite3_open(path.c_str(), &db), db, "open");
  auto exec = [&](const char* sql) {
    sql_check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
  };
  auto prepare = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sql_check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), db,
              sql);
    return statement;
  };
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA cache_size=-262144");
  exec("CREATE TABLE entries(seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  exec(
      "CREATE TABLE plans(id INTEGER PRIMARY KEY, fixed_fen INTEGER, principal_fen INTEGER, "
      "rate_num INTEGER, rate_den INTEGER, ops_num INTEGER, ops_den INTEGER, list_num INTEGER, "
      "list_den INTEGER, list TEXT)");
  exec(
      "CREATE TABLE beneficiaries(list TEXT, party INTEGER, weight INTEGER, PRIMARY KEY(list, "
      "party)) WITHOUT ROWID");
  exec("CREATE TABLE incomes(id INTEGER PRIMARY KEY, amount_fen INTEGER, allocation INTEGER)");
  exec("CREATE TABLE allocations(id INTEGER PRIMARY KEY, plan INTEGER, income INTEGER)");
  exec(
      "CREATE TABLE payments(allocation INTEGER, row INTEGER, line INTEGER, party INTEGER, "
      "amount_fen INTEGER, PRIMARY KEY(allocation, row)) WITHOUT ROWID");
  // Set-up, untimed.
  exec("BEGIN");
  sqlite3_stmt* put_plan = prepare("INSERT INTO plans VALUES(?,?,?,?,?,?,?,?,?,?)");
  sqlite3_stmt* put_member = prepare("INSERT INTO beneficiaries VALUES(?,?,?)");
  for (std::size_t p = 0; p < plans.size(); ++p) {
    const SqlitePlan& plan = plans[p];
    sqlite3_bind_int64(put_plan, 1, static_cast<sqlite3_int64>(p));
    sqlite3_bind_int64(put_plan, 2, plan.fixed_fen);
    sqlite3_bind_int64(put_plan, 3, plan.principal_fen);
    sqlite3_bind_int64(put_plan, 4, static_cast<sqlite3_int64>(plan.rate_numerator));
    sqlite3_bind_int64(put_plan, 5, static_cast<sqlite3_int64>(plan.rate_denominator));
    sqlite3_bind_int64(put_plan, 6, static_cast<sqlite3_int64>(plan.operations_numerator));
    sqlite3_bind_int64(put_plan, 7, static_cast<sqlite3_int64>(plan.operations_denominator));
    sqlite3_bind_int64(put_plan, 8, static_cast<sqlite3_int64>(plan.list_numerator));
    sqlite3_bind_int64(put_plan, 9, static_cast<sqlite3_int64>(plan.list_denominator));
    sqlite3_bind_text(put_plan, 10, plan.list.c_str(), static_cast<int>(plan.list.size()),
                      SQLITE_STATIC);
    sql_check(sqlite3_step(put_plan), db, "plan");
    sqlite3_reset(put_plan);
    for (const auto& [party, weight] : lists[p]) {
      sqlite3_bind_text(put_member, 1, plan.list.c_str(), static_cast<int>(plan.list.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int64(put_member, 2, static_cast<sqlite3_int64>(party));
      sqlite3_bind_int64(put_member, 3, static_cast<sqlite3_int64>(weight));
      sql_check(sqlite3_step(put_member), db, "member");
      sqlite3_reset(put_member);
    }
  }
  sqlite3_stmt* put_income = prepare("INSERT INTO incomes(id, amount_fen) VALUES(?,?)");
  for (std::size_t i = 0; i < income_fen.size(); ++i) {
    sqlite3_bind_int64(put_income, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_int64(put_income, 2, income_fen[i]);
    sql_check(sqlite3_step(put_income), db, "income");
    sqlite3_reset(put_income);
  }
  exec("COMMIT");
  sqlite3_stmt* get_income = prepare("SELECT amount_fen, allocation FROM incomes WHERE id = ?");
  sqlite3_stmt* get_plan = prepare(
      "SELECT fixed_fen, principal_fen, rate_num, rate_den, ops_num, ops_den, list_num, list_den, "
      "list FROM plans WHERE id = ?");
  sqlite3_stmt* get_members =
      prepare("SELECT party, weight FROM beneficiaries WHERE list = ? ORDER BY party");
  sqlite3_stmt* put_entry = prepare("INSERT INTO entries VALUES(?,?)");
  sqlite3_stmt* put_allocation = prepare("INSERT INTO allocations VALUES(?,?,?)");
  sqlite3_stmt* put_payment = prepare("INSERT INTO payments VALUES(?,?,?,?,?)");
  sqlite3_stmt* mark_income = prepare("UPDATE incomes SET allocation = ? WHERE id = ?");

  const std::uint64_t incomes = income_fen.size();
  std::int64_t total = 0;
  const auto start = Clock::now();
  for (std::uint64_t at = 0; at < incomes; at += batch_size) {
    exec("BEGIN");
    for (std::uint64_t i = at; i < std::min<std::uint64_t>(incomes, at + batch_size); ++i) {
      const auto income = static_cast<sqlite3_int64>(i);
      sqlite3_bind_int64(get_income, 1, income);
      sql_check(sqlite3_step(get_income), db, "income");
      const std::int64_t amount = sqlite3_column_int64(get_income, 0);
      if (sqlite3_column_type(get_income, 1) != SQLITE_NULL) {
        std::fprintf(stderr, "income %lld already allocated\n", static_cast<long long>(i));
        std::exit(1);
      }
      sqlite3_reset(get_income);
      const auto plan_id = static_cast<sqlite3_int64>(plan_of[i]);
      sqlite3_bind_int64(get_plan, 1, plan_id);
      sql_check(sqlite3_step(get_plan), db, "plan");
      AllocationPlan plan;
      plan.fixed = {{"公益事业", "village_public_welfare",
                     Money::from_fen(sqlite3_column_int64(get_plan, 0))}};
      plan.guaranteed = {{"保底", Money::from_fen(sqlite3_column_int64(get_plan, 1)),
                          Share::of(static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 2)),
                                    static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 3))),
                          std::nullopt}};
      ProportionalLine operations{
          "管护",
          "operation_and_maintenance",
          Share::of(static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 4)),
                    static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 5))),
          {}};
      ProportionalLine incentives{
          "奖补",
          "production_incentives",
          Share::of(static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 6)),
                    static_cast<std::uint64_t>(sqlite3_column_int64(get_plan, 7))),
          {}};
      sqlite3_bind_text(get_members, 1,
                        reinterpret_cast<const char*>(sqlite3_column_text(get_plan, 8)),
                        sqlite3_column_bytes(get_plan, 8), SQLITE_TRANSIENT);
      sqlite3_reset(get_plan);
      std::vector<std::uint64_t> parties;
      while (sqlite3_step(get_members) == SQLITE_ROW) {
        parties.push_back(static_cast<std::uint64_t>(sqlite3_column_int64(get_members, 0)));
        incentives.beneficiaries.push_back(
            {static_cast<std::uint64_t>(sqlite3_column_int64(get_members, 1)), 1});
      }
      sqlite3_reset(get_members);
      plan.proportional = {std::move(operations), std::move(incentives)};
      const std::vector<AllocationRow> rows = allocate(Money::from_fen(amount), plan, 31);
      const auto allocation = static_cast<sqlite3_int64>(incomes + i);
      sqlite3_bind_int64(put_entry, 1, allocation);
      sqlite3_bind_blob(put_entry, 2, entry.data(), static_cast<int>(entry.size()), SQLITE_STATIC);
      sql_check(sqlite3_step(put_entry), db, "entry");
      sqlite3_reset(put_entry);
      sqlite3_bind_int64(put_allocation, 1, allocation);
      sqlite3_bind_int64(put_allocation, 2, plan_id);
      sqlite3_bind_int64(put_allocation, 3, income);
      sql_check(sqlite3_step(put_allocation), db, "allocation");
      sqlite3_reset(put_allocation);
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const AllocationRow& row = rows[r];
        const std::uint64_t party = row.beneficiary ? parties[*row.beneficiary] : 0;
        sqlite3_bind_int64(put_payment, 1, allocation);
        sqlite3_bind_int64(put_payment, 2, static_cast<sqlite3_int64>(r));
        sqlite3_bind_int64(put_payment, 3, static_cast<sqlite3_int64>(row.line));
        sqlite3_bind_int64(put_payment, 4, static_cast<sqlite3_int64>(party));
        sqlite3_bind_int64(put_payment, 5, row.amount.fen());
        sql_check(sqlite3_step(put_payment), db, "payment");
        sqlite3_reset(put_payment);
        total += row.amount.fen();
      }
      sqlite3_bind_int64(mark_income, 1, allocation);
      sqlite3_bind_int64(mark_income, 2, income);
      sql_check(sqlite3_step(mark_income), db, "mark");
      sqlite3_reset(mark_income);
    }
    exec("COMMIT");
  }
  const double rate = static_cast<double>(incomes) / seconds_since(start);
  for (sqlite3_stmt* statement :
       {put_plan, put_member, put_income, get_income, get_plan, get_members, put_entry,
        put_allocation, put_payment, mark_income}) {
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  *total_fen = total;
  return rate;
}
#endif

void bench_allocation(const std::string& dir, std::uint64_t incomes, std::size_t villages,
                      std::size_t households, std::size_t batch_size) {
  Registry registry = create(dir + "/allocation", true);
  const Date day = Date::parse("2026-01-05");
  const County county = define_county(registry, villages, day);
  Batcher batch(registry, 5000);
  std::vector<std::uint64_t> assets;
  std::vector<std::vector<std::uint64_t>> member_ids;  // per village, in party order
  struct PendingPlan {
    std::uint64_t owner;
    std::string village, list;
    std::uint64_t first_member, resolution, notice;
  };
  std::vector<PendingPlan> pending;
  for (std::size_t v = 0; v < villages; ++v) {
    const std::string& village = county.villages[v];
    const std::uint64_t owner = county.collectives[v];
    // Asset v is held by 1 to 4 neighbouring villages in equal shares (联村).
    const std::size_t holders = std::min<std::size_t>(1 + v % 4, villages);
    AssetRegistered asset = make_asset(v, AssetClass::kOperating, village, owner);
    asset.owners.clear();
    for (std::size_t k = 0; k < holders; ++k) {
      asset.owners.push_back({county.collectives[(v + k) % villages], Share::of(1, holders)});
    }
    assets.push_back(registry.submit({{1, day, {}, &registrar()}, asset}));
    const std::string list = "奖补 " + village;
    std::vector<RegistryRequest> members;
    for (std::size_t h = 0; h < households; ++h) {
      PartyRegistered household;
      household.kind = PartyKind::kHousehold;
      household.name = "农户";
      household.division = village;
      household.person_hash = Bytes(32, 0);
      const std::uint64_t n = v * households + h;
      std::memcpy(household.person_hash.data(), &n, sizeof n);
      members.push_back({{1, day, {}, &registrar()}, household});
    }
    const std::vector<std::uint64_t> ids = registry.submit(members);
    member_ids.push_back(ids);
    members.clear();
    for (std::size_t h = 0; h < households; ++h) {
      members.push_back({{1, day, {}, &registrar()},
                         BeneficiaryChanged{owner, list, ids[h], 1 + h % 3, 1, Date(), ""}});
    }
    registry.submit(members);
    const std::uint64_t resolution =
        registry.submit({{1, Date::parse("2026-01-10"), {}, &registrar()},
                         ResolutionAdopted{owner, Meeting::kRepresentativesMeeting,
                                           ResolutionSubject::kAllocationPlan, 0, "收益分配方案",
                                           Date::parse("2026-01-10"), 30, 25, 20}});
    const std::uint64_t notice = registry.submit({{1, Date::parse("2026-01-11"), {}, &registrar()},
                                                  NoticePosted{NoticeSubject::kAllocationPlan,
                                                               resolution,
                                                               village,
                                                               "公示栏",
                                                               Date::parse("2026-01-11"),
                                                               Date::parse("2026-01-20"),
                                                               {}}});
    pending.push_back({owner, village, list, ids[0], resolution, notice});
  }
  // Ten days on by the register's clock, the notices have run: the plans are approved.
  clock_reaches("2026-01-21");
  for (const PendingPlan& p : pending) {
    PlanApproved plan;
    plan.owner = p.owner;
    plan.name = "方案 " + p.village;
    plan.fixed = {{"公益事业", "village_public_welfare", Money::from_fen(5'000), ""}};
    plan.guaranteed = {
        {"保底", p.first_member, Money::from_fen(1'000'000), Share::of(6, 100), Money(), p.list}};
    plan.proportional = {{"管护", "operation_and_maintenance", Share::of(3, 10), ""},
                         {"奖补", "production_incentives", Share::of(7, 10), p.list}};
    plan.resolution = p.resolution;
    plan.notice = p.notice;
    registry.submit({{1, Date::parse("2026-01-21"), {}, &registrar()}, plan});
  }
  clock_reaches("2026-03-01");
  for (std::uint64_t i = 0; i < incomes; ++i) {
    batch.add({{1, Date::parse("2026-02-01"), {}, &registrar()},
               IncomeRecorded{assets[i % villages], IncomeKind::kElectricity,
                              Money::from_fen(static_cast<std::int64_t>(100'000 + i % 9'973)),
                              Date::parse("2026-01-01"), Date::parse("2026-01-31"), "电网", 0}});
  }
  batch.flush();
  const std::vector<std::uint64_t> income_ids = batch.ids;
  std::uint64_t parts = 0;
  for (std::uint64_t i = 0; i < incomes; ++i)
    parts += std::min<std::size_t>(1 + i % villages % 4, villages);

  // Timed: one allocation per income (every owner's part, each by its owner's plan), durable
  // batches.
  const std::uint64_t first = registry.ledger().size();
  std::vector<RegistryRequest> requests;
  const auto start = Clock::now();
  for (std::uint64_t i = 0; i < incomes; ++i) {
    requests.push_back(
        {{1, Date::parse("2026-02-05"), {}, &registrar()}, AllocationRecorded{{income_ids[i]}, 0}});
    if (requests.size() == batch_size || i + 1 == incomes) {
      registry.submit(requests);
      requests.clear();
    }
  }
  const double seconds = seconds_since(start);
  // Every part, with its payments (the records the register rewrote), for the baselines.
  const std::vector<IncomePart> all_parts = registry.income_parts();
  std::uint64_t payments = 0;
  for (const IncomePart& p : all_parts) {
    if (p.allocation == 0) {
      std::fprintf(stderr, "workflow_bench: income %llu's part of %llu is unallocated\n",
                   static_cast<unsigned long long>(p.income),
                   static_cast<unsigned long long>(p.owner));
      std::exit(1);
    }
  }
  payments = registry.payments().size();
  const std::size_t rows = static_cast<std::size_t>(payments / parts);

  // The baseline: the same records, sizes and batches with raw LMDB: per allocation, its entry
  // and allocation record appended, and each part's record rewritten with its payments.
  const Bytes entry = registry.ledger().entry_bytes(first);
  double raw_seconds = 0;
  {
    const std::string raw_dir = dir + "/raw-allocation";
    std::filesystem::remove_all(raw_dir);
    std::filesystem::create_directories(raw_dir);
    MDB_env* env = nullptr;
    check(mdb_env_create(&env), "mdb_env_create");
    check(mdb_env_set_maxdbs(env, 4), "maxdbs");
    check(mdb_env_set_mapsize(env, std::uint64_t{64} << 30), "mapsize");
    check(mdb_env_open(env, raw_dir.c_str(), MDB_NOTLS, 0640), "mdb_env_open");
    MDB_dbi log = 0, parts_db = 0, records = 0;
    MDB_txn* txn = nullptr;
    check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
    check(mdb_dbi_open(txn, "log", MDB_CREATE, &log), "dbi");
    check(mdb_dbi_open(txn, "parts", MDB_CREATE, &parts_db), "dbi");
    check(mdb_dbi_open(txn, "records", MDB_CREATE, &records), "dbi");
    // The parts as recorded with their incomes (untimed): 64 bytes each.
    std::vector<std::uint8_t> part(64 + 32 * rows, 3);
    for (const IncomePart& p : all_parts) {
      std::uint8_t key[16];
      big_endian(p.income, key);
      big_endian(p.owner, key + 8);
      MDB_val k{16, key}, v{64, part.data()};
      check(mdb_put(txn, parts_db, &k, &v, 0), "put");
    }
    check(mdb_txn_commit(txn), "commit");
    std::uint8_t record[48] = {2};
    std::size_t at_part = 0;
    const auto raw_start = Clock::now();
    for (std::uint64_t at = 0; at < incomes; at += batch_size) {
      check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
      for (std::uint64_t i = at; i < std::min(incomes, at + batch_size); ++i) {
        std::uint8_t id[8];
        big_endian(first + i, id);
        MDB_val k{8, id}, v{entry.size(), const_cast<std::uint8_t*>(entry.data())};
        check(mdb_put(txn, log, &k, &v, MDB_APPEND), "put");
        MDB_val rk{8, id}, rv{sizeof record, record};
        check(mdb_put(txn, records, &rk, &rv, MDB_APPEND), "put");
        const std::size_t holders = std::min<std::size_t>(1 + i % villages % 4, villages);
        for (std::size_t k2 = 0; k2 < holders; ++k2, ++at_part) {
          std::uint8_t key[16];
          big_endian(all_parts[at_part].income, key);
          big_endian(all_parts[at_part].owner, key + 8);
          MDB_val pk{16, key}, pv{part.size(), part.data()};
          check(mdb_put(txn, parts_db, &pk, &pv, 0), "put");
        }
      }
      check(mdb_txn_commit(txn), "commit");
    }
    raw_seconds = seconds_since(raw_start);
    mdb_env_close(env);
  }
  const double rate = static_cast<double>(parts) / seconds;
  const double raw_rate = static_cast<double>(parts) / raw_seconds;
#ifdef TAIZHANG_BENCH_SQLITE
  // The same parts allocated in SQLite, from the same plans, lists and part amounts.
  std::vector<SqlitePlan> sql_plans;
  std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> sql_lists;
  std::map<std::uint64_t, std::size_t> plan_index;
  for (std::size_t v = 0; v < villages; ++v) {
    SqlitePlan plan;
    plan.fixed_fen = 5'000;
    plan.principal_fen = 1'000'000;
    plan.rate_numerator = 6;
    plan.rate_denominator = 100;
    plan.operations_numerator = 3;
    plan.operations_denominator = 10;
    plan.list_numerator = 7;
    plan.list_denominator = 10;
    plan.list = "奖补 " + county.villages[v];
    sql_plans.push_back(plan);
    plan_index[county.collectives[v]] = v;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> members;
    for (std::size_t h = 0; h < households; ++h) members.push_back({member_ids[v][h], 1 + h % 3});
    sql_lists.push_back(std::move(members));
  }
  std::vector<std::int64_t> part_fen;
  std::vector<std::size_t> plan_of;
  std::int64_t incomes_total = 0;
  for (const IncomePart& p : all_parts) {
    part_fen.push_back(p.amount.fen());
    plan_of.push_back(plan_index.at(p.owner));
    incomes_total += p.amount.fen();
  }
  std::int64_t sqlite_total = 0;
  const double sqlite_part_rate =
      sqlite_allocation(dir + "/sqlite-allocation.db", sql_plans, sql_lists, part_fen, plan_of,
                        batch_size, entry, &sqlite_total);
  // Both must have paid out every fen of every income, and the first allocation alike.
  std::int64_t first_total = 0;
  for (const Payment& payment : registry.allocation(first)) first_total += payment.amount.fen();
  if (sqlite_total != incomes_total || first_total != 100'000) {
    std::fprintf(stderr, "workflow_bench: the allocations disagree (%lld, %lld, %lld fen)\n",
                 static_cast<long long>(sqlite_total), static_cast<long long>(incomes_total),
                 static_cast<long long>(first_total));
    std::exit(1);
  }
#endif
  std::printf(
      "\n1. allocation: %llu incomes of assets with 1 to 4 owners (%llu owners' parts), each "
      "owner's plan over %zu beneficiaries (%zu payments a part), durable batches of %zu "
      "incomes\n",
      static_cast<unsigned long long>(incomes), static_cast<unsigned long long>(parts), households,
      rows, batch_size);
  std::printf("%-58s %12s %8s\n", "scenario (owners' parts allocated)", "per second", "ratio");
  std::printf("%-58s %12.0f %8s\n", "raw LMDB: same records, same batches (the ceiling)", raw_rate,
              "1.00");
  std::printf("%-58s %12.0f %8.2f\n", "taizhang: parts (split, plan in force, entitlement)", rate,
              rate / raw_rate);
#ifdef TAIZHANG_BENCH_SQLITE
  std::printf("%-58s %12.0f %8.2f\n", "SQLite: the same parts (WAL, prepared, FULL sync)",
              sqlite_part_rate, sqlite_part_rate / raw_rate);
  std::printf("%-58s %12s %8.2f\n", "taizhang / SQLite", "", rate / sqlite_part_rate);
#endif
  std::printf("%-58s %12.0f\n", "taizhang: payments stored", rate * static_cast<double>(rows));
  std::printf("target: at least 20,000 owners' parts allocated/s: %s\n",
              rate >= 20'000 ? "met" : "NOT met");
}

// --- 2. audit ----------------------------------------------------------------------------

// The process's anonymous memory in use (RssAnon, kB; 0 where /proc does not say).
std::uint64_t anonymous_kb() {
  std::uint64_t kb = 0;
  if (FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, status) != nullptr) {
      if (std::strncmp(line, "RssAnon:", 8) == 0) kb = std::strtoull(line + 8, nullptr, 10);
    }
    std::fclose(status);
  }
  return kb;
}

void time_audit(const Registry& registry, const std::string& dir, Date as_of, std::uint64_t assets,
                int years, std::uint64_t entries, double build_seconds);

void bench_audit(const std::string& dir, std::uint64_t assets, int years, bool reuse) {
  const Date day = Date::parse("2021-07-01");
  const Date as_of = Date::from_days(day.days() + 365 * years);
  if (reuse && std::filesystem::exists(dir + "/audit/register")) {
    // The register a previous --reuse run built and kept (the same --assets and --years).
    LedgerOptions options;
    options.read_only = true;
    const Registry registry = Registry::open(dir + "/audit/register", options);
    time_audit(registry, dir, as_of, assets, years, 0, 0);
    return;
  }
  Registry registry = create(dir + "/audit", false);
  // The register's clock past the story's last entry (a year of entries after `years`).
  clock_reaches(Date::from_days(day.days() + 365 * (years + 2)).to_string().c_str());
  const std::size_t villages = 100;
  const County county = define_county(registry, villages, day);
  Batcher batch(registry, 2000);
  PartyRegistered enterprise;
  enterprise.kind = PartyKind::kEnterprise;
  enterprise.name = "农旅公司";
  enterprise.division = county.villages[0];
  enterprise.credit_code = credit_code(90'000);
  const std::uint64_t operator_party = registry.submit({{1, day, {}, &registrar()}, enterprise});
  const auto build_start = Clock::now();
  // Registration: 8% operating assets, the rest public welfare.
  auto class_of = [](std::uint64_t i) {
    return i % 100 < 8 ? AssetClass::kOperating : AssetClass::kPublicWelfare;
  };
  for (std::uint64_t i = 0; i < assets; ++i) {
    const std::size_t v = i % villages;
    batch.add({{1, day, {}, &registrar()},
               make_asset(i, class_of(i), county.villages[v], county.collectives[v])});
  }
  batch.flush();
  const std::vector<std::uint64_t> registered = batch.ids;
  // Each lease rests on its village's resolution to contract the asset out, published: one
  // meeting and one notice per contract. The register's clock then lets the notices run.
  std::map<std::uint64_t, std::uint64_t> lease_resolution;  // asset index -> resolution
  {
    Batcher meetings(registry, 2000);
    std::vector<std::uint64_t> leased;
    for (std::uint64_t k = 0; k < registered.size(); ++k) {
      if (class_of(k) != AssetClass::kOperating) continue;
      meetings.add({{1, day.plus_days(-20), {}, &registrar()},
                    ResolutionAdopted{county.collectives[k % villages], Meeting::kVillagersAssembly,
                                      ResolutionSubject::kOperationContract, 0, "资产出租决议",
                                      day.plus_days(-20), 100, 80, 70}});
      leased.push_back(k);
    }
    meetings.flush();
    Batcher notices(registry, 2000);
    for (std::size_t n = 0; n < leased.size(); ++n) {
      lease_resolution[leased[n]] = meetings.ids[n];
      notices.add({{1, day.plus_days(-19), {}, &registrar()},
                   NoticePosted{NoticeSubject::kOperationContract,
                                meetings.ids[n],
                                county.villages[leased[n] % villages],
                                "村务公开栏",
                                day.plus_days(-19),
                                day.plus_days(-10),
                                {}}});
    }
    notices.flush();
    clock_reaches(
        Date::at(g_clock.load(), kCountyUtcOffsetSeconds).plus_days(11).to_string().c_str());
  }
  std::uint64_t entries = assets;
  for (std::size_t k = 0; k < registered.size(); ++k) {
    const std::uint64_t id = registered[k];
    const AssetClass asset_class = class_of(k);
    const std::uint64_t owner = county.collectives[k % villages];
    if (k % 50 != 7) {  // a few are left unbound for the audit to find
      batch.add({{1, day, {}, &registrar()},
                 MaintenanceBound{id, owner, "管护员", MaintenanceMode::kPublicWelfarePost, "", 400,
                                  day}});
      ++entries;
    }
    for (int y = 0; y < years; ++y) {
      if (y == years - 1 && k % 10 == 3) continue;  // overdue
      batch.add({{1, Date::from_days(day.days() + 365 * y + 30), {}, &registrar()},
                 Inspected{id, "管护员", Condition::kGood, "", {}}});
      ++entries;
    }
    if (asset_class == AssetClass::kOperating) {
      OperationContracted c;
      c.asset = id;
      c.operator_party = operator_party;
      c.mode = OperationMode::kLeased;
      c.from = day;
      c.until = Date::from_days(day.days() + 365 * years + (k % 3 == 0 ? -60 : 400));
      c.rent_per_year = Money::from_fen(1'000'000);
      c.resolutions = {lease_resolution.at(k)};
      batch.add({{1, day, {}, &registrar()}, c});
      ++entries;
      for (int q = 0; q < 4 * years; ++q) {
        if (k % 17 == 5 && q >= 4 * years - 5) break;  // idle for the last year
        const Date from = Date::from_days(day.days() + 91 * q);
        batch.add({{1, from.plus_days(95), {}, &registrar()},
                   IncomeRecorded{id, IncomeKind::kRent, Money::from_fen(250'000), from,
                                  from.plus_days(90), "农旅公司"}});
        ++entries;
      }
    }
  }
  batch.flush();
  time_audit(registry, dir, as_of, assets, years, entries, seconds_since(build_start));
}

// Registry::audit as of `as_of`, then the raw cursor over the same register's asset records.
void time_audit(const Registry& registry, const std::string& dir, Date as_of, std::uint64_t assets,
                int years, std::uint64_t entries, double build_seconds) {
  const std::uint64_t anon_before = anonymous_kb();
  const auto start = Clock::now();
  const std::vector<Finding> findings = registry.audit(as_of);
  const double seconds = seconds_since(start);
  const std::uint64_t anon_after = anonymous_kb();
  std::map<std::string, std::size_t> by_rule;
  for (const Finding& f : findings) ++by_rule[f.rule];

  // The floor: a raw cursor over the same register's asset records.
  double raw_seconds = 0;
  std::uint64_t scanned = 0;
  {
    MDB_env* env = nullptr;
    check(mdb_env_create(&env), "mdb_env_create");
    check(mdb_env_set_maxdbs(env, 64), "maxdbs");
    check(mdb_env_set_mapsize(env, std::uint64_t{64} << 30), "mapsize");
    check(mdb_env_open(env, (dir + "/audit/register").c_str(), MDB_NOTLS | MDB_RDONLY, 0640),
          "mdb_env_open");
    MDB_txn* txn = nullptr;
    MDB_dbi dbi = 0;
    MDB_cursor* cursor = nullptr;
    const auto raw_start = Clock::now();
    check(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "begin");
    check(mdb_dbi_open(txn, "assets", 0, &dbi), "dbi");
    check(mdb_cursor_open(txn, dbi, &cursor), "cursor");
    MDB_val k, v;
    std::uint64_t checksum = 0;
    for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
      checksum += static_cast<const std::uint8_t*>(v.mv_data)[v.mv_size / 2];
      ++scanned;
    }
    raw_seconds = seconds_since(raw_start);
    mdb_cursor_close(cursor);
    mdb_txn_abort(txn);
    mdb_env_close(env);
    if (checksum == 1) std::printf(" ");
  }
  if (entries == 0) {
    std::printf("\n2. audit: %llu assets with %d years of entries (the register kept in %s)\n",
                static_cast<unsigned long long>(assets), years, dir.c_str());
  } else {
    std::printf(
        "\n2. audit: %llu assets with %d years of entries (%llu entries, built in %.0f s)\n",
        static_cast<unsigned long long>(assets), years, static_cast<unsigned long long>(entries),
        build_seconds);
  }
  std::printf("%-58s %12s %8s\n", "scenario", "seconds", "ratio");
  std::printf("%-58s %12.2f %8s\n", "raw LMDB: cursor over every asset record (the floor)",
              raw_seconds, "1.00");
  std::printf("%-58s %12.2f %8.1f\n", "taizhang: audit as of the end, every rule", seconds,
              seconds / raw_seconds);
  std::printf("findings:");
  for (const auto& [rule, count] : by_rule) std::printf(" %s %zu;", rule.c_str(), count);
  std::printf("\nmemory the audit left in use (its findings): %.0f MB\n",
              (static_cast<double>(anon_after) - static_cast<double>(anon_before)) / 1024);
  std::printf("scanned %llu records; target: under 5 s: %s\n",
              static_cast<unsigned long long>(scanned), seconds < 5 ? "met" : "NOT met");
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t incomes = 100'000, assets = 1'000'000;
  std::size_t villages = 100, households = 50, batch = 1000;
  int years = 5;
  std::string dir = "bench-workflow";
  bool run_allocation = true, run_audit = true, reuse = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--allocation-only")
      run_audit = false;
    else if (flag == "--audit-only")
      run_allocation = false;
    else if (flag == "--reuse")
      reuse = true;
    else if (i + 1 < argc && flag == "--incomes")
      incomes = std::stoull(argv[++i]);
    else if (i + 1 < argc && flag == "--villages")
      villages = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--households")
      households = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--batch")
      batch = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--assets")
      assets = std::stoull(argv[++i]);
    else if (i + 1 < argc && flag == "--years")
      years = std::stoi(argv[++i]);
    else if (i + 1 < argc && flag == "--dir")
      dir = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: workflow_bench [--incomes N] [--villages V] [--households H] "
                   "[--batch B] [--assets A] [--years Y] [--dir DIR] [--allocation-only] "
                   "[--audit-only] [--reuse]\n");
      return 2;
    }
  }
  try {
    std::printf("workflow_bench: %u cores\n", std::thread::hardware_concurrency());
    if (run_allocation) bench_allocation(dir, incomes, villages, households, batch);
    if (run_audit) bench_audit(dir, assets, years, reuse);
    if (!reuse) std::filesystem::remove_all(dir);
  } catch (const Error& e) {
    std::fprintf(stderr, "workflow_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}

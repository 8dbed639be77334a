// `taizhang demo`: a county register built from a seed, verified, and reported.
//
// Valid division codes for the townships and villages of 息烽县 (520122), officials of every
// kind, parties (village collectives, townships, departments, enterprises, households with
// hashed identity numbers), and assets whose class mix by value follows the published Guizhou
// figures (8.48% operating, 63.75% public-welfare, 27.77% household), with shared village
// ownership, operation contracts with guaranteed returns, maintenance bindings, inspections,
// status changes and corrections. Then checkpoints, a deep verify, and a report.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include "cli/cli.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"
#include "taizhang/merkle.h"
#include "taizhang/registry.h"

namespace taizhang::cli {
namespace {

constexpr std::string_view kDemoMarker = "taizhang-demo";
const RegisterInfo kCounty{"520122000000", "息烽县", "taizhang.demo/520122"};

// A key derived from a name, so the demo prints the same keys on every run. Demo only.
Signer demo_key(const std::string& name) {
  const Hash seed = merkle::leaf_hash(as_bytes("taizhang demo key: " + name));
  return Signer::from_seed(name, seed);
}

std::string credit_code(std::uint64_t n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "93520122%09llu", static_cast<unsigned long long>(n));
  return std::string(first17) + credit_code_check_character(first17);
}

std::string identity_number(std::uint64_t n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "520122%04d%02d%02d%03llu",
                1950 + static_cast<int>(n % 50), 1 + static_cast<int>(n % 12),
                1 + static_cast<int>(n % 28), static_cast<unsigned long long>(n % 1000));
  return std::string(first17) + identity_check_character(first17);
}

// The register's clock in the demo: the story's day as the county lives it (10:00 in the county
// on the latest day an entry of the story is dated), then, once the story is told, the real
// time. The register judges every time rule by it, so the demo writes its years in order: a
// notice is entered on its first day and the step after it ten days later by this clock.
class StoryClock {
 public:
  explicit StoryClock(Date start) : now_(std::make_shared<std::atomic<std::int64_t>>(at(start))) {}
  void reach(Date day) { raise(at(day)); }
  void reach_now() {
    raise(std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count());
  }
  std::function<std::int64_t()> function() const {
    return [now = now_] { return now->load(); };
  }

 private:
  static std::int64_t at(Date day) { return day.micros_at(10, kCountyUtcOffsetSeconds); }
  void raise(std::int64_t then) {
    std::int64_t now = now_->load();
    while (now < then && !now_->compare_exchange_weak(now, then)) {
    }
  }
  std::shared_ptr<std::atomic<std::int64_t>> now_;
};

// Every actor's key, derived from its id as demo_key("actor-<id>") and kept once made.
class Keyring {
 public:
  const Signer& of(std::uint64_t actor) {
    auto found = keys_.find(actor);
    if (found == keys_.end()) {
      found = keys_.emplace(actor, demo_key("actor-" + std::to_string(actor))).first;
    }
    return found->second;
  }

 private:
  std::map<std::uint64_t, Signer> keys_;
};

// Submits `requests` in order, each run of one actor's writes as one request signed by that
// actor; returns every write's entry sequence.
std::vector<std::uint64_t> submit_signed(Registry& registry, Keyring& keys, StoryClock& clock,
                                         std::vector<RegistryRequest>& requests) {
  std::vector<std::uint64_t> ids;
  ids.reserve(requests.size());
  for (std::size_t begin = 0; begin < requests.size();) {
    std::size_t end = begin + 1;
    while (end < requests.size() && requests[end].context.actor == requests[begin].context.actor) {
      ++end;
    }
    requests[begin].context.signer = &keys.of(requests[begin].context.actor);
    for (std::size_t i = begin; i < end; ++i) clock.reach(requests[i].context.effective);
    const auto run = registry.submit(std::span(requests).subspan(begin, end - begin));
    ids.insert(ids.end(), run.begin(), run.end());
    begin = end;
  }
  return ids;
}

// Submits requests in batches of 1000, one atomic transaction each, signed by their actors.
class Batcher {
 public:
  Batcher(Registry& registry, Keyring& keys, StoryClock& clock)
      : registry_(registry), keys_(keys), clock_(clock) {}
  std::uint64_t add(std::uint64_t actor, const char* effective, RegistryWrite write) {
    pending_.push_back({{actor, Date::parse(effective), {}}, std::move(write)});
    if (pending_.size() == kBatch) flush();
    return 0;
  }
  // Submits now and returns the new entry's sequence (the id of what it registers).
  std::uint64_t now(std::uint64_t actor, const char* effective, RegistryWrite write) {
    flush();
    clock_.reach(Date::parse(effective));
    return registry_.submit(
        {{actor, Date::parse(effective), {}, &keys_.of(actor)}, std::move(write)});
  }
  std::vector<std::uint64_t> flush() {
    if (pending_.empty()) return {};
    auto ids = submit_signed(registry_, keys_, clock_, pending_);
    pending_.clear();
    return ids;
  }

 private:
  static constexpr std::size_t kBatch = 1000;
  Registry& registry_;
  Keyring& keys_;
  StoryClock& clock_;
  std::vector<RegistryRequest> pending_;
};

struct Village {
  std::string code;
  std::uint64_t collective = 0;
  std::uint64_t committee = 0;  // actors: the committee's director, its clerk, the assembly
  std::uint64_t clerk = 0;
  std::uint64_t assembly = 0;
  std::vector<std::uint64_t> households;
  std::vector<std::uint64_t> unable;  // households flagged unable to work
};

struct Town {
  std::string code;
  std::uint64_t party = 0;
  std::uint64_t government = 0;  // actor
  std::uint64_t deputy = 0;      // actor: a second official (one official signs one step)
  std::vector<Village> villages;
};

struct Leased {
  std::uint64_t asset;
  std::vector<std::uint64_t> owners;  // the owning collectives (two for a shared asset)
  std::uint64_t operator_party;
  const Village* village;
  Money rent_per_year;
  Date from, until;  // the contract's term
};

// One income: the year it was earned in, and its entry.
struct Earned {
  int year;
  std::uint64_t income;
};

constexpr const char* kSince = "2015-01-01";
// The day the county starts keeping this register; the story's later entries follow in order.
constexpr const char* kRegisterSince = "2021-12-01";

// The demo, stage by stage: each stage writes part of the county and prints what it did; run()
// calls them in order. What a later stage needs of an earlier one is kept in the members.
class Demo {
 public:
  explicit Demo(const DemoOptions& options);
  int run();

 private:
  bool chance(double p) { return std::uniform_real_distribution<>(0, 1)(random_) < p; }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(random_() % n); }
  static std::filesystem::path fresh_directory(const DemoOptions& options);
  Registry create_register();
  std::uint64_t enrol(const std::string& name, Role role, const std::string& jurisdiction);
  std::uint64_t sign_and_submit(std::uint64_t actor, const char* day, RegistryWrite write);
  // Submits one request once the story's clock has reached its day.
  std::uint64_t submit_one(const RegistryRequest& request) {
    clock_.reach(request.context.effective);
    return registry_.submit(request);
  }

  void define_places_and_officials();
  void register_parties();
  void approve_plans();
  void register_assets();
  void record_upkeep();
  void inspect(const Asset& asset, const Village& village, std::uint64_t actor, const char* day);
  void inspect_again();
  void dispose();
  // The assets stage 4b registers: three, when the demo has room for them (ten assets or more).
  unsigned life_assets() const { return options_.assets >= 10 ? 3 : 0; }
  void live();
  void stocktake();
  void publish_settings();
  // Submits `write` by `actor` with its own signature and those of `approvers`.
  std::uint64_t submit_approved(std::uint64_t actor, const char* day, RegistryWrite write,
                                const std::vector<std::uint64_t>& approvers);
  std::map<std::uint64_t, std::vector<Earned>> record_rent();
  void earn_and_allocate();
  void report();
  int prove_and_verify();

 public:
  // The village with the most assets, whose notice the demo prints.
  std::string busiest_village() const;

 private:
  const DemoOptions& options_;
  const std::filesystem::path dir_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mt19937_64 random_;
  const Signer log_key_;
  const IdentityKey identity_;
  Keyring keys_;
  StoryClock clock_{Date::parse(kRegisterSince)};
  Registry registry_;
  Batcher batch_;
  std::vector<Town> towns_;
  std::uint64_t next_actor_ = 2;
  std::uint64_t water_bureau_actor_ = 0, finance_actor_ = 0, revitalization_actor_ = 0;
  std::uint64_t water_bureau_ = 0;  // the county water bureau as a party
  std::vector<std::uint64_t> enterprises_;
  std::vector<std::uint64_t> asset_ids_;
  std::vector<std::pair<std::size_t, std::size_t>> asset_place_;  // town, village
  std::vector<Leased> leased_;
  struct Inspection {
    std::uint64_t asset;
    const Village* village;
    std::uint64_t actor;
  };
  std::vector<Inspection> second_round_;
  std::size_t inspections_ = 0;
  std::size_t executed_ = 0, rejected_ = 0, signatures_ = 0, published_ = 0;
  std::vector<std::pair<const Village*, std::uint64_t>> executed_requests_;
  Money income_total_, paid_;
  std::string note_;  // the checkpoint after the workflows
};

Demo::Demo(const DemoOptions& options)
    : options_(options),
      dir_(fresh_directory(options)),
      random_(options.seed),
      log_key_(demo_key(kCounty.origin)),
      identity_(IdentityKey::generate()),
      registry_(create_register()),
      batch_(registry_, keys_, clock_) {}

// A demo directory of its own: an earlier demo's is replaced, anything else is refused.
std::filesystem::path Demo::fresh_directory(const DemoOptions& options) {
  namespace fs = std::filesystem;
  const fs::path dir = options.dir;
  if (fs::exists(dir)) {
    if (!fs::exists(dir / kDemoMarker)) {
      throw_error(
          ErrorKind::kConflict,
          "\"" + options.dir + "\" exists and is not a demo register; choose another --dir");
    }
    fs::remove_all(dir);  // a register from an earlier demo run: start afresh
  }
  fs::create_directories(dir);
  write_new_file((dir / kDemoMarker).string(), "made by taizhang demo\n", 0644);
  return dir;
}

// Stage 1: the keys beside the register, and the register with its first registrar.
Registry Demo::create_register() {
  log_key_.save((dir_ / "county.key").string());
  write_new_file((dir_ / "county.pub").string(), log_key_.verifier().text() + "\n", 0644);
  identity_.save((dir_ / "identity.key").string());
  // The first registrar's key, so a clerk can go on writing to the demo register with the CLI.
  keys_.of(1).save((dir_ / "registrar.key").string());
  write_new_file((dir_ / "registrar.key.pub").string(), keys_.of(1).verifier().text() + "\n", 0644);
  LedgerOptions options;
  options.clock_micros = clock_.function();
  Registry registry = Registry::create((dir_ / "register").string(), kCounty, log_key_,
                                       keys_.of(1).verifier().public_key(), options);
  std::printf(tr("1. 新建%s（%s）的登记簿 %s/register\n   县级密钥 %s\n",
                 "1. created the register of %s (%s) in %s/register\n   log key %s\n"),
              kCounty.county_name.c_str(), kCounty.county_code.c_str(), options_.dir.c_str(),
              log_key_.verifier().text().c_str());
  return registry;
}

std::uint64_t Demo::enrol(const std::string& name, Role role, const std::string& jurisdiction) {
  const std::uint64_t id = next_actor_++;
  batch_.add(1, kSince,
             ActorKeyEnrolled{id, name, role, jurisdiction, keys_.of(id).verifier().public_key()});
  return id;
}

// Each disposal step signed with the official's own key.
std::uint64_t Demo::sign_and_submit(std::uint64_t actor, const char* day, RegistryWrite write) {
  const Signer& key = keys_.of(actor);
  RegistryRequest request{
      {actor, Date::parse(day), random_request_id(), &key}, std::move(write), {}};
  request.approvals.push_back({actor, key.sign_record(registry_.approval_bytes(request))});
  return submit_one(request);
}

// Stage 2a: the division table and the officials of every role.
void Demo::define_places_and_officials() {
  batch_.add(
      1, kSince,
      DivisionDefined{kCounty.county_code, kCounty.county_name, Date::parse("2000-01-01"), Date()});
  towns_.resize(options_.townships);
  for (unsigned t = 0; t < options_.townships; ++t) {
    char code[16];
    std::snprintf(code, sizeof code, "520122%03u000", 101 + t);
    towns_[t].code = code;
    batch_.add(
        1, kSince,
        DivisionDefined{code, "镇" + std::to_string(t + 1), Date::parse("2000-01-01"), Date()});
    for (unsigned v = 0; v < options_.villages_per_township; ++v) {
      std::snprintf(code, sizeof code, "520122%03u%03u", 101 + t, 201 + v);
      towns_[t].villages.push_back({code});
      batch_.add(1, kSince,
                 DivisionDefined{code, "村" + std::to_string(t + 1) + "-" + std::to_string(v + 1),
                                 Date::parse("2000-01-01"), Date()});
    }
  }
  water_bureau_actor_ = enrol("县水务局", Role::kSectorDepartment, kCounty.county_code);
  finance_actor_ = enrol("县财政局", Role::kCountyFinance, kCounty.county_code);
  revitalization_actor_ =
      enrol("县乡村振兴局", Role::kCountyRuralRevitalization, kCounty.county_code);
  enrol("县审计局", Role::kAuditor, kCounty.county_code);
  enrol("县人民政府", Role::kCountyGovernment, kCounty.county_code);
  for (Town& town : towns_) {
    town.government = enrol("镇政府 " + town.code, Role::kTownshipGovernment, town.code);
    town.deputy = enrol("分管副镇长 " + town.code, Role::kTownshipGovernment, town.code);
    for (Village& village : town.villages) {
      village.committee =
          enrol("村委会主任 " + village.code, Role::kVillageCommittee, village.code);
      village.clerk = enrol("村委会文书 " + village.code, Role::kVillageCommittee, village.code);
      village.assembly =
          enrol("村民代表会议 " + village.code, Role::kVillageAssembly, village.code);
    }
  }
  batch_.flush();
}

// Stage 2b: parties, registered in one batch (their ids are the entries' sequence numbers).
void Demo::register_parties() {
  std::uint64_t codes = 1;
  auto organisation = [&](PartyKind kind, const std::string& name, const std::string& division) {
    PartyRegistered p;
    p.kind = kind;
    p.name = name;
    p.division = division;
    p.credit_code = credit_code(codes++);
    return p;
  };
  std::vector<RegistryRequest> party_requests;
  const Date since = Date::parse(kSince);
  for (Town& town : towns_) {
    party_requests.push_back(
        {{1, since, {}}, organisation(PartyKind::kTownship, "镇政府 " + town.code, town.code)});
    for (Village& village : town.villages) {
      party_requests.push_back({{1, since, {}},
                                organisation(PartyKind::kVillageCollective,
                                             "股份经济合作社 " + village.code, village.code)});
      for (int h = 0; h < 8; ++h) {
        PartyRegistered p;
        p.kind = PartyKind::kHousehold;
        p.name = "农户 " + village.code + "-" + std::to_string(h + 1);
        p.division = village.code;
        p.person_hash = identity_.hash(identity_number(codes++));
        p.poverty_alleviated = chance(0.7);
        p.monitored = chance(0.1);
        // One household in each village at least cannot work (the support line pays it).
        p.unable_to_work = h == 7 || chance(0.05);
        party_requests.push_back({{1, since, {}}, p});
      }
    }
  }
  party_requests.push_back(
      {{1, since, {}},
       organisation(PartyKind::kCountyDepartment, "县水务局", kCounty.county_code)});
  for (int e = 0; e < 3; ++e) {
    party_requests.push_back(
        {{1, since, {}},
         organisation(PartyKind::kEnterprise, "农业公司 " + std::to_string(e + 1),
                      kCounty.county_code)});
  }
  const std::vector<std::uint64_t> party_ids =
      submit_signed(registry_, keys_, clock_, party_requests);
  std::size_t at = 0;
  for (Town& town : towns_) {
    town.party = party_ids[at++];
    for (Village& village : town.villages) {
      village.collective = party_ids[at++];
      for (int h = 0; h < 8; ++h) village.households.push_back(party_ids[at++]);
      village.unable.push_back(village.households.back());
    }
  }
  water_bureau_ = party_ids[at++];
  enterprises_.assign(party_ids.begin() + static_cast<long>(at), party_ids.end());
  std::printf(
      "2. defined %u townships and %u villages, enrolled %llu officials, registered "
      "%zu parties (household identity numbers only as keyed hashes)\n",
      options_.townships, options_.townships * options_.villages_per_township,
      static_cast<unsigned long long>(next_actor_ - 1), party_ids.size());
}

// Stage 3a: assets, drawn so that values follow the class shares by value.
void Demo::register_assets() {
  struct ClassPlan {
    AssetClass asset_class;
    double value_share;
    std::int64_t mean_fen;
  };
  const ClassPlan plans[] = {{AssetClass::kOperating, 0.0848, 50'000'000},
                             {AssetClass::kPublicWelfare, 0.6375, 30'000'000},
                             {AssetClass::kHousehold, 0.2777, 800'000}};
  double weights[3];
  for (int c = 0; c < 3; ++c)
    weights[c] = plans[c].value_share / static_cast<double>(plans[c].mean_fen);
  std::discrete_distribution<int> class_of(weights, weights + 3);
  std::vector<RegistryRequest> asset_requests;
  Progress progress("registering assets");
  // The story of stage 4b registers three assets of its own, within the number asked for.
  const unsigned drawn = options_.assets - life_assets();
  for (unsigned i = 0; i < drawn; ++i) {
    const int c = class_of(random_);
    const std::size_t t = pick(towns_.size());
    const std::size_t v = pick(towns_[t].villages.size());
    const Village& village = towns_[t].villages[v];
    AssetRegistered a;
    char code[32];
    std::snprintf(code, sizeof code, "XF-%04d-%06u", 2016 + static_cast<int>(i % 9), i + 1);
    a.code = code;
    a.asset_class = plans[c].asset_class;
    AssetDescription& d = a.description;
    d.division = village.code;
    d.project_year = static_cast<std::uint16_t>(2016 + i % 9);
    d.completed = Date::from_civil(d.project_year, 1 + static_cast<int>(pick(12)),
                                   1 + static_cast<int>(pick(28)));
    const std::int64_t mean = plans[c].mean_fen;
    // Uniform on [100.00 yuan, 2 × mean), whole yuan: integers only, as money always is.
    const std::int64_t value = std::max<std::int64_t>(
        100'00, static_cast<std::int64_t>(random_() % (2 * mean)) / 100 * 100);
    d.original = Money::from_fen(value);
    const std::int64_t central = value * 6 / 10 / 100 * 100;
    d.funding = {{FundingSource::kCentralFiscal, Money::from_fen(central)},
                 {FundingSource::kIntegratedAgriculture, Money::from_fen(value - central)}};
    d.quantity_milli = 1000;
    std::uint64_t actor = village.committee;
    switch (a.asset_class) {
      case AssetClass::kOperating: {
        static const AssetCategory kinds[] = {AssetCategory::kGreenhouse, AssetCategory::kPvStation,
                                              AssetCategory::kBuildingBrick};
        d.category = kinds[pick(3)];
        d.name = d.category == AssetCategory::kPvStation ? "村级光伏电站" : "产业大棚/扶贫车间";
        d.unit = "座";
        d.project_name = std::to_string(d.project_year) + "年产业扶贫项目";
        const Village& neighbour = towns_[t].villages[(v + 1) % towns_[t].villages.size()];
        if (chance(0.3) && neighbour.collective != village.collective) {
          a.owners = {{village.collective, Share::of(3, 5)},
                      {neighbour.collective, Share::of(2, 5)}};
          actor = towns_[t].government;  // a shared asset is registered by the township
        } else {
          a.owners = {{village.collective, Share::of(1, 1)}};
        }
        break;
      }
      case AssetClass::kPublicWelfare: {
        static const AssetCategory kinds[] = {AssetCategory::kInfrastructure,
                                              AssetCategory::kStructure,
                                              AssetCategory::kBuildingSteelConcrete};
        d.category = kinds[pick(3)];
        d.name = d.category == AssetCategory::kInfrastructure ? "通组路/饮水工程" : "村级活动场所";
        d.unit = d.category == AssetCategory::kInfrastructure ? "km" : "座";
        d.project_name = std::to_string(d.project_year) + "年基础设施项目";
        if (chance(0.1)) {
          a.owners = {{water_bureau_, Share::of(1, 1)}};
          actor = water_bureau_actor_;
        } else if (chance(0.1)) {
          a.owners = {{towns_[t].party, Share::of(1, 1)}};
          actor = towns_[t].government;
        } else {
          a.owners = {{village.collective, Share::of(1, 1)}};
        }
        break;
      }
      case AssetClass::kHousehold:
        d.category = chance(0.8) ? AssetCategory::kLivestock : AssetCategory::kMachinery;
        d.form =
            d.category == AssetCategory::kLivestock ? AssetForm::kBiological : AssetForm::kFixed;
        d.name = d.category == AssetCategory::kLivestock ? "能繁母牛" : "农机具";
        d.unit = d.category == AssetCategory::kLivestock ? "头" : "台";
        d.project_name = std::to_string(d.project_year) + "年到户产业扶持";
        a.owners = {{village.households[pick(village.households.size())], Share::of(1, 1)}};
        break;
    }
    asset_requests.push_back({{actor, Date::parse("2026-01-05"), {}}, std::move(a)});
    asset_place_.emplace_back(t, v);
    if (asset_requests.size() == 1000 || i + 1 == drawn) {
      for (std::uint64_t id : submit_signed(registry_, keys_, clock_, asset_requests))
        asset_ids_.push_back(id);
      asset_requests.clear();
      progress.update(i + 1, drawn);
    }
  }
}

// Stage 3b: operation contracts, maintenance, inspections, and some changes of status.
void Demo::record_upkeep() {
  std::size_t contracts = 0, bindings = 0, inspections = 0, idle = 0;
  struct Lease {
    OperationContracted contract;
    std::uint64_t actor;
  };
  std::vector<Lease> leases;  // contracted once their villages have resolved, below
  for (std::size_t i = 0; i < asset_ids_.size(); ++i) {
    const auto& [t, v] = asset_place_[i];
    const Village& village = towns_[t].villages[v];
    const Asset asset = registry_.get_asset(asset_ids_[i]);
    if (asset.asset_class != AssetClass::kOperating) continue;
    const std::uint64_t actor = towns_[t].government;
    if (asset.asset_class == AssetClass::kOperating && chance(0.7)) {
      OperationContracted c;
      c.asset = asset.id;
      c.operator_party = enterprises_[pick(enterprises_.size())];
      c.mode = OperationMode::kLeased;
      // From the first quarter after completion (2022 at the earliest), for ten years or,
      // now and then, ending this spring.
      const Date completed = asset.description.completed;
      const Date quarter = Date::from_civil(
          completed.year(), static_cast<int>((completed.month() - 1) / 3 * 3 + 1), 1);
      c.from = std::max(Date::parse("2022-01-01"), month_end(quarter, 2).plus_days(1));
      c.until = chance(0.1) ? Date::parse("2026-03-31") : Date::parse("2031-12-31");
      if (c.until < c.from) c.until = month_end(c.from, 2);
      // A 6% guaranteed return on the principal; the rent of 7% covers it, step-ups included,
      // except for about one operator in twelve, which pays 4.5% and falls short.
      const std::int64_t rate = chance(1.0 / 12) ? 45 : 70;
      c.rent_per_year = Money::from_fen(asset.description.original.fen() * rate / 1000 / 100 * 100);
      c.principal = asset.description.original;
      c.guarantee_rate = Share::of(6, 100);
      if (chance(0.3)) c.step_up = Share::of(5, 100);
      leases.push_back({c, actor});
      std::vector<std::uint64_t> owners;
      for (const OwnerShare& owner : asset.owners) owners.push_back(owner.party);
      leased_.push_back(
          {asset.id, owners, c.operator_party, &village, c.rent_per_year, c.from, c.until});
      ++contracts;
    }
  }
  // Leasing out a village's asset rests on its meeting's resolution, published (组织法 §24):
  // one meeting a contract on 6 January, the notices from the 7th to the 16th, the contracts on
  // the 20th, once the notices have run by the register's clock.
  std::map<std::uint64_t, const Village*> village_of;
  for (const Town& town : towns_) {
    for (const Village& village : town.villages) village_of[village.collective] = &village;
  }
  std::vector<RegistryRequest> meetings;
  std::vector<std::pair<std::size_t, const Village*>> resolved;  // lease, village
  for (std::size_t l = 0; l < leases.size(); ++l) {
    const Asset asset = registry_.get_asset(leases[l].contract.asset);
    for (const OwnerShare& owner : asset.owners) {
      const auto found = village_of.find(owner.party);
      if (found == village_of.end()) continue;
      const Village& village = *found->second;
      meetings.push_back(
          {{village.committee, Date::parse("2026-01-06"), {}},
           ResolutionAdopted{village.collective, Meeting::kRepresentativesMeeting,
                             ResolutionSubject::kOperationContract, 0, "同意出租 " + asset.code,
                             Date::parse("2026-01-06"), 30, 25, 22}});
      resolved.emplace_back(l, &village);
    }
  }
  const std::vector<std::uint64_t> resolutions = submit_signed(registry_, keys_, clock_, meetings);
  std::vector<RegistryRequest> notices;
  for (std::size_t r = 0; r < resolutions.size(); ++r) {
    const Village& village = *resolved[r].second;
    notices.push_back({{village.clerk, Date::parse("2026-01-07"), {}},
                       NoticePosted{NoticeSubject::kOperationContract,
                                    resolutions[r],
                                    village.code,
                                    "村务公开栏",
                                    Date::parse("2026-01-07"),
                                    Date::parse("2026-01-16"),
                                    {}}});
    leases[resolved[r].first].contract.resolutions.push_back(resolutions[r]);
  }
  submit_signed(registry_, keys_, clock_, notices);
  for (Lease& lease : leases) batch_.add(lease.actor, "2026-01-20", lease.contract);
  batch_.flush();
  for (std::size_t i = 0; i < asset_ids_.size(); ++i) {
    const auto& [t, v] = asset_place_[i];
    const Village& village = towns_[t].villages[v];
    const Asset asset = registry_.get_asset(asset_ids_[i]);
    if (asset.asset_class == AssetClass::kHousehold) continue;
    const std::uint64_t actor = towns_[t].government;
    if (chance(0.9)) {
      batch_.add(actor, "2026-01-06",
                 MaintenanceBound{asset.id, village.collective, "管护员 " + village.code,
                                  MaintenanceMode::kPublicWelfarePost, "村集体经营收益", 180,
                                  Date::parse("2026-01-01")});
      ++bindings;
    }
    // Two rounds of inspections, in March and September (see inspect_again); about one binding
    // in seven misses a round.
    if (chance(0.85)) {
      inspect(asset, village, actor, "2026-03-10");
      ++inspections;
    }
    if (chance(0.85)) second_round_.push_back({asset.id, &village, actor});
    if (chance(0.04)) {
      batch_.add(actor, "2026-01-12", AssetStatusChanged{asset.id, AssetStatus::kIdle, "无人经营"});
      ++idle;
    }
  }
  batch_.flush();
  inspections_ = inspections;
  std::printf(
      "3. registered %zu assets; %zu operation contracts with guaranteed returns, %zu "
      "maintenance bindings, %zu inspections in March, %zu assets idle\n",
      static_cast<std::size_t>(options_.assets), contracts, bindings, inspections, idle);
}

std::uint64_t Demo::submit_approved(std::uint64_t actor, const char* day, RegistryWrite write,
                                    const std::vector<std::uint64_t>& approvers) {
  RegistryRequest request{
      {actor, Date::parse(day), random_request_id(), &keys_.of(actor)}, std::move(write), {}};
  const Bytes signed_bytes = registry_.approval_bytes(request);
  for (const std::uint64_t approver : approvers) {
    request.approvals.push_back({approver, keys_.of(approver).sign_record(signed_bytes)});
  }
  return submit_one(request);
}

void Demo::inspect(const Asset& asset, const Village& village, std::uint64_t actor,
                   const char* day) {
  const Hash photo = merkle::leaf_hash(as_bytes(asset.code + day));
  batch_.add(actor, day,
             Inspected{asset.id,
                       "管护员 " + village.code,
                       chance(0.05) ? Condition::kDamaged : Condition::kGood,
                       "",
                       {photo}});
}

// Stage 4d: September's round of inspections (of the assets not disposed of meanwhile).
void Demo::inspect_again() {
  std::size_t inspections = 0;
  for (const Inspection& next : second_round_) {
    const Asset asset = registry_.get_asset(next.asset);
    if (asset.status == AssetStatus::kDisposed) continue;
    inspect(asset, *next.village, next.actor, "2026-09-15");
    ++inspections;
  }
  batch_.flush();
  std::printf("   %zu inspections in September\n", inspections);
}

// Stage 4a: disposals through their full chains, each step signed by its official. The twelve
// go through their chains side by side, step by step, as the days of April pass: a notice runs
// ten days by the register's clock before the step that needs it.
void Demo::dispose() {
  struct Case {
    const Village* village;
    std::size_t town;
    Asset asset;
    bool reject;
    std::uint64_t request = 0, notice = 0;
  };
  std::vector<Case> cases;
  for (std::size_t i = 0; i < asset_ids_.size() && cases.size() < 12; ++i) {
    const auto& [t, v] = asset_place_[i];
    const Village& village = towns_[t].villages[v];
    const Asset asset = registry_.get_asset(asset_ids_[i]);
    const bool village_owned =
        asset.owners.size() == 1 && asset.owners[0].party == village.collective;
    const bool is_leased = std::any_of(leased_.begin(), leased_.end(),
                                       [&](const Leased& l) { return l.asset == asset.id; });
    // Leased assets keep earning below; the disposals take other village assets.
    if (asset.asset_class == AssetClass::kHousehold || !village_owned || is_leased) continue;
    cases.push_back({&village, t, asset, cases.size() == 5});  // one assembly votes it down
  }
  for (Case& c : cases) {
    c.request = submit_one(
        {{c.village->committee, Date::parse("2026-04-01"), {}, &keys_.of(c.village->committee)},
         DisposalRequested{c.asset.id,
                           c.asset.asset_class == AssetClass::kOperating
                               ? DisposalTrigger::kIdleChangeOfUse
                               : DisposalTrigger::kPlanChange,
                           DisposalMethod::kChangeOfUse,
                           "闲置资产转产",
                           {},
                           0}});
  }
  for (Case& c : cases) {
    sign_and_submit(c.village->committee, "2026-04-02", DisposalStep{c.request, 0, true, "", 0, 0});
    signatures_ += 2;
  }
  for (Case& c : cases) {
    const Village& village = *c.village;
    if (c.reject) {
      // The motion failed, so there is no resolution to enter: the assembly's step rejects.
      sign_and_submit(village.assembly, "2026-04-05",
                      DisposalStep{c.request, 1, false, "村民会议未通过", 0, 0});
      ++rejected_;
      continue;
    }
    const std::uint64_t resolution =
        submit_one({{village.assembly, Date::parse("2026-04-05"), {}, &keys_.of(village.assembly)},
                    ResolutionAdopted{village.collective, Meeting::kVillagersAssembly,
                                      ResolutionSubject::kDisposal, c.request, "同意闲置资产转产",
                                      Date::parse("2026-04-05"), 35, 30, 24}});
    sign_and_submit(village.assembly, "2026-04-05",
                    DisposalStep{c.request, 1, true, "", resolution, 0});
  }
  std::erase_if(cases, [](const Case& c) { return c.reject; });
  for (Case& c : cases) {
    c.notice =
        submit_one({{c.village->clerk, Date::parse("2026-04-06"), {}, &keys_.of(c.village->clerk)},
                    NoticePosted{NoticeSubject::kDisposal,
                                 c.request,
                                 c.village->code,
                                 "村务公开栏",
                                 Date::parse("2026-04-06"),
                                 Date::parse("2026-04-15"),
                                 {}}});
  }
  for (Case& c : cases) {
    sign_and_submit(c.village->clerk, "2026-04-16",
                    DisposalStep{c.request, 2, true, "公示无异议", 0, c.notice});
  }
  for (Case& c : cases) {
    const std::uint64_t approvers[] = {towns_[c.town].government, revitalization_actor_,
                                       finance_actor_};
    for (std::uint16_t k = 0; k < 3; ++k) {
      sign_and_submit(approvers[k], "2026-04-20",
                      DisposalStep{c.request, static_cast<std::uint16_t>(3 + k), true, "", 0, 0});
    }
    signatures_ += 4;
  }
  std::vector<std::pair<const Case*, std::uint64_t>> executions;
  for (Case& c : cases) {
    executions.emplace_back(
        &c,
        submit_one(
            {{c.village->committee, Date::parse("2026-05-01"), {}, &keys_.of(c.village->committee)},
             DisposalExecuted{c.request, "转产经营主体",
                              Money::from_fen(c.asset.description.original.fen() / 3)}}));
    executed_requests_.emplace_back(c.village, c.request);
    ++executed_;
  }
  // A household's cow died in the spring floods: the household declares the loss, its village
  // committee records it, and the insurance payout is the household's own, not collective
  // income.
  for (std::size_t i = asset_ids_.size(); i-- > 0;) {
    const Asset cow = registry_.get_asset(asset_ids_[i]);
    if (cow.asset_class != AssetClass::kHousehold) continue;
    const Village& village = towns_[asset_place_[i].first].villages[asset_place_[i].second];
    const std::uint64_t request = submit_one(
        {{village.committee, Date::parse("2026-04-03"), {}, &keys_.of(village.committee)},
         DisposalRequested{
             cow.id, DisposalTrigger::kDisaster, DisposalMethod::kLossReport, "洪灾死亡", {}, 0}});
    sign_and_submit(village.committee, "2026-04-03", DisposalStep{request, 0, true, "", 0, 0});
    submit_one({{village.committee, Date::parse("2026-04-10"), {}, &keys_.of(village.committee)},
                DisposalExecuted{request, "保险公司", Money::parse_yuan("3000.00")}});
    ++executed_;
    break;
  }
  // The proceeds are the village's restricted income: allocated by its plan for proceeds in
  // May, but one village has not done so yet, for the audit to find.
  for (std::size_t k = 0; k + 1 < executions.size(); ++k) {
    const Case& c = *executions[k].first;
    submit_one(
        {{c.village->committee, Date::parse("2026-05-20"), {}, &keys_.of(c.village->committee)},
         AllocationRecorded{{executions[k].second}, c.village->collective}});
  }
}

// Stage 4b: an asset's life beyond the village disposals, in May and June: results of the
// disposals published (all but one, for the audit); a township's water project handed over to
// its village after acceptance; an asset of a village and its township disposed of through each
// owner's steps and the county's once; a cooperative's workshop through its council, members'
// assembly and publicity; a household selling its own cow.
void Demo::live() {
  // The results of April's disposals, on the village boards; the last one forgotten.
  for (std::size_t k = 0; k + 1 < executed_requests_.size(); ++k) {
    const auto& [village, request] = executed_requests_[k];
    submit_one({{village->clerk, Date::parse("2026-05-06"), {}, &keys_.of(village->clerk)},
                NoticePosted{NoticeSubject::kDisposalResult,
                             request,
                             village->code,
                             "村务公开栏",
                             Date::parse("2026-05-06"),
                             Date::parse("2026-05-15"),
                             {}}});
    ++published_;
  }
  if (life_assets() == 0) return;
  Town& town = towns_.front();
  const Village& village = town.villages.front();
  auto asset_of = [&](const std::string& code, AssetClass asset_class, AssetCategory category,
                      const std::string& name, std::vector<OwnerShare> owners, std::int64_t yuan) {
    AssetRegistered a;
    a.code = code;
    a.asset_class = asset_class;
    a.description.name = name;
    a.description.category = category;
    a.description.division = village.code;
    a.description.project_name = "2025年巩固衔接项目";
    a.description.project_year = 2025;
    a.description.project_id = "XF2025-" + code.substr(code.size() - 3);
    a.description.implementing_unit = "镇政府 " + town.code;
    a.description.quantity_milli = 1000;
    a.description.unit = "处";
    a.description.completed = Date::parse("2025-11-30");
    a.description.original = Money::from_fen(yuan * 100);
    a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
    a.owners = std::move(owners);
    return a;
  };
  // 1. Handover (移交): the township built the water works; after acceptance it hands it to the
  // village, signed by the village committee and consented by the county bureau.
  const std::uint64_t water = submit_one(
      {{town.government, Date::parse("2026-05-10"), {}, &keys_.of(town.government)},
       asset_of("XF-2025-YS1", AssetClass::kPublicWelfare, AssetCategory::kInfrastructure,
                "饮水安全巩固提升工程", {{town.party, Share::of(1, 1)}}, 380'000)});
  submit_approved(town.government, "2026-05-12",
                  AssetHandedOver{water,
                                  {{village.collective, Share::of(1, 1)}},
                                  Date::parse("2026-05-08"),
                                  "息烽县确权〔2026〕" + village.code.substr(9) + "号",
                                  Money::from_fen(380'000'00)},
                  {village.committee, revitalization_actor_});
  // 2. A road owned by the village and the township together: each owner's own steps (the
  // village's proposal, meeting and notice; the township's proposal), then the township's
  // approval and the county's consents, once.
  const std::uint64_t road = submit_one(
      {{town.government, Date::parse("2026-05-10"), {}, &keys_.of(town.government)},
       asset_of("XF-2025-DL1", AssetClass::kPublicWelfare, AssetCategory::kInfrastructure,
                "通组路（镇村共建）",
                {{village.collective, Share::of(1, 2)}, {town.party, Share::of(1, 2)}}, 150'000)});
  const std::uint64_t shared =
      submit_one({{village.committee, Date::parse("2026-05-20"), {}, &keys_.of(village.committee)},
                  DisposalRequested{road,
                                    DisposalTrigger::kSuperseded,
                                    DisposalMethod::kChangeOfUse,
                                    "新建公路取代，原路改作产业便道",
                                    {},
                                    0}});
  // 3. A cooperative's workshop: its council's proposal (recorded by the village committee),
  // its members' assembly, its notice, then the township and the bureau.
  const std::uint64_t cooperative =
      submit_one({{1, Date::parse("2026-05-10"), {}, &keys_.of(1)}, [&] {
                    PartyRegistered p;
                    p.kind = PartyKind::kCooperative;
                    p.name = "种养专业合作社 " + village.code;
                    p.division = village.code;
                    p.credit_code = credit_code(9'000);
                    return p;
                  }()});
  const std::uint64_t workshop =
      submit_one({{village.committee, Date::parse("2026-05-11"), {}, &keys_.of(village.committee)},
                  asset_of("XF-2025-CJ1", AssetClass::kOperating, AssetCategory::kBuildingBrick,
                           "合作社加工车间", {{cooperative, Share::of(1, 1)}}, 90'000)});
  const std::uint64_t closing =
      submit_one({{village.committee, Date::parse("2026-05-20"), {}, &keys_.of(village.committee)},
                  DisposalRequested{workshop,
                                    DisposalTrigger::kIdleChangeOfUse,
                                    DisposalMethod::kChangeOfUse,
                                    "闲置车间转产",
                                    {},
                                    0}});
  sign_and_submit(village.committee, "2026-05-21", DisposalStep{shared, 0, true, "", 0, 0});
  sign_and_submit(village.committee, "2026-05-21", DisposalStep{closing, 0, true, "", 0, 0});
  const std::uint64_t village_meeting =
      submit_one({{village.assembly, Date::parse("2026-05-22"), {}, &keys_.of(village.assembly)},
                  ResolutionAdopted{village.collective, Meeting::kVillagersAssembly,
                                    ResolutionSubject::kDisposal, shared, "同意通组路改作他用",
                                    Date::parse("2026-05-22"), 35, 30, 26}});
  const std::uint64_t members_meeting = submit_one(
      {{village.assembly, Date::parse("2026-05-22"), {}, &keys_.of(village.assembly)},
       ResolutionAdopted{cooperative, Meeting::kMembersAssembly, ResolutionSubject::kDisposal,
                         closing, "同意车间转产", Date::parse("2026-05-22"), 45, 40, 33}});
  sign_and_submit(village.assembly, "2026-05-22",
                  DisposalStep{shared, 1, true, "", village_meeting, 0});
  const std::uint64_t road_notice =
      submit_one({{village.clerk, Date::parse("2026-05-23"), {}, &keys_.of(village.clerk)},
                  NoticePosted{NoticeSubject::kDisposal,
                               shared,
                               village.code,
                               "村务公开栏",
                               Date::parse("2026-05-23"),
                               Date::parse("2026-06-01"),
                               {}}});
  // The cooperative's assembly step is signed by the village's assembly official, who signed
  // nothing else of it; its notice by the clerk.
  sign_and_submit(village.assembly, "2026-05-22",
                  DisposalStep{closing, 1, true, "", members_meeting, 0});
  const std::uint64_t workshop_notice =
      submit_one({{village.clerk, Date::parse("2026-05-23"), {}, &keys_.of(village.clerk)},
                  NoticePosted{NoticeSubject::kDisposal,
                               closing,
                               village.code,
                               "村务公开栏",
                               Date::parse("2026-05-23"),
                               Date::parse("2026-06-01"),
                               {}}});
  sign_and_submit(village.clerk, "2026-06-02",
                  DisposalStep{shared, 2, true, "公示无异议", 0, road_notice});
  sign_and_submit(village.clerk, "2026-06-02",
                  DisposalStep{closing, 2, true, "公示无异议", 0, workshop_notice});
  sign_and_submit(town.government, "2026-06-03", DisposalStep{shared, 3, true, "镇政府提出", 0, 0});
  sign_and_submit(town.deputy, "2026-06-04", DisposalStep{shared, 4, true, "", 0, 0});
  sign_and_submit(revitalization_actor_, "2026-06-05", DisposalStep{shared, 5, true, "", 0, 0});
  sign_and_submit(finance_actor_, "2026-06-06", DisposalStep{shared, 6, true, "", 0, 0});
  sign_and_submit(town.government, "2026-06-03", DisposalStep{closing, 3, true, "", 0, 0});
  sign_and_submit(revitalization_actor_, "2026-06-05", DisposalStep{closing, 4, true, "", 0, 0});
  signatures_ += 13;
  for (const std::uint64_t request : {shared, closing}) {
    submit_one({{village.committee, Date::parse("2026-06-08"), {}, &keys_.of(village.committee)},
                DisposalExecuted{request, "改作他用", Money()}});
    submit_one({{village.clerk, Date::parse("2026-06-09"), {}, &keys_.of(village.clerk)},
                NoticePosted{NoticeSubject::kDisposalResult,
                             request,
                             village.code,
                             "村务公开栏",
                             Date::parse("2026-06-09"),
                             Date::parse("2026-06-18"),
                             {}}});
    ++executed_;
    ++published_;
  }
  // 4. A household sells its own cow: its declaration, recorded by the committee; no appraisal;
  // the price is its own.
  for (std::size_t i = asset_ids_.size(); i-- > 0;) {
    const Asset cow = registry_.get_asset(asset_ids_[i]);
    if (cow.asset_class != AssetClass::kHousehold ||
        cow.description.category != AssetCategory::kLivestock ||
        cow.status == AssetStatus::kDisposed) {
      continue;
    }
    const Village& home = towns_[asset_place_[i].first].villages[asset_place_[i].second];
    const std::uint64_t sale = submit_one(
        {{home.committee, Date::parse("2026-06-10"), {}, &keys_.of(home.committee)},
         DisposalRequested{
             cow.id, DisposalTrigger::kOther, DisposalMethod::kTransfer, "农户自主出售", {}, 0}});
    sign_and_submit(home.clerk, "2026-06-10", DisposalStep{sale, 0, true, "农户申报", 0, 0});
    submit_one({{home.committee, Date::parse("2026-06-12"), {}, &keys_.of(home.committee)},
                DisposalExecuted{sale, "本地养殖户", Money::parse_yuan("9800.00")}});
    ++executed_;
    break;
  }
  std::printf(
      "   a water project handed over after acceptance (certificate recorded); a road of a "
      "village and its township and a cooperative's workshop disposed of through each owner's "
      "steps; a household sold its own cow; %zu disposal results published\n",
      published_);
}

// Stage 5: November's stocktaking (清查) of every asset still held, but a few.
void Demo::stocktake() {
  std::size_t counted = 0;
  for (std::size_t i = 0; i < asset_ids_.size(); ++i) {
    const Asset asset = registry_.get_asset(asset_ids_[i]);
    if (asset.status == AssetStatus::kDisposed || chance(0.02)) continue;
    const Village& village = towns_[asset_place_[i].first].villages[asset_place_[i].second];
    batch_.add(
        village.committee, "2026-11-20",
        Inspected{asset.id, "清查组 " + village.code, Condition::kGood, "年度清查", {}, true});
    ++counted;
  }
  batch_.flush();
  std::printf("   %zu assets stocktaken in November's yearly stocktaking (清查)\n", counted);
}

// The county sets the telephone for supervision and reports that every notice prints: a new
// policy version the registrar signs.
void Demo::publish_settings() {
  PolicyDefined policy = registry_.policy();
  ++policy.version;
  policy.effective_from = Date::parse("2026-11-25");
  policy.supervision_phone = "0851-87721234";
  policy.supervision_unit = "息烽县乡村振兴局";
  sign_and_submit(1, "2026-11-25", policy);
  std::printf(tr("   县里设定监督举报电话 %s（%s），印在每份公示上\n",
                 "   the county sets the supervision phone %s (%s), printed on every notice\n"),
              policy.supervision_phone.c_str(), policy.supervision_unit.c_str());
}

std::string Demo::busiest_village() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [town, village] : asset_place_) ++counts[towns_[town].villages[village].code];
  std::string best;
  std::size_t most = 0;
  for (const auto& [code, count] : counts) {
    if (count > most) {
      most = count;
      best = code;
    }
  }
  return best;
}

// Stage 2c: in December 2021 every village adopts its five-year income allocation plan: the
// representatives' meeting resolves, the plan is posted for ten days, then approved.
void Demo::approve_plans() {
  // The villages go through it side by side: every meeting, then every notice, then, once the
  // notices have run by the register's clock, every approval.
  std::vector<std::pair<const Village*, PlanApproved>> plans;
  for (const Town& town : towns_) {
    for (const Village& village : town.villages) {
      PlanApproved plan;
      plan.owner = village.collective;
      plan.name = "2022-2026年收益分配方案 " + village.code;
      // The post holders and the households unable to work are lists of their own; the
      // support line pays only households flagged so.
      plan.fixed = {{"公益性岗位", "public_welfare_posts", Money::parse_yuan("500.00"),
                     "公益性岗位 " + village.code}};
      plan.proportional = {
          {"弱劳动力帮扶", "support_unable_to_work", Share::of(2, 10), "弱劳动力 " + village.code},
          {"资产管护", "operation_and_maintenance", Share::of(2, 10), ""},
          {"产业奖补", "production_incentives", Share::of(3, 10), "产业奖补 " + village.code},
          {"集体经济", "collective_economy", Share::of(3, 10), ""}};
      // And a plan for disposal proceeds, which go only to consolidation.
      PlanApproved proceeds;
      proceeds.owner = village.collective;
      proceeds.name = "资产处置收入使用方案 " + village.code;
      proceeds.restricted = true;
      proceeds.proportional = {{"资产管护", "operation_and_maintenance", Share::of(1, 2), ""},
                               {"村公益事业", "village_public_welfare", Share::of(1, 2), ""}};
      for (PlanApproved* p : {&plan, &proceeds}) {
        p->resolution = submit_one(
            {{village.committee, Date::parse("2021-12-10"), {}, &keys_.of(village.committee)},
             ResolutionAdopted{village.collective, Meeting::kRepresentativesMeeting,
                               ResolutionSubject::kAllocationPlan, 0, p->name,
                               Date::parse("2021-12-10"), 30, 24, 21}});
      }
      plans.emplace_back(&village, std::move(plan));
      plans.emplace_back(&village, std::move(proceeds));
    }
  }
  for (auto& [village, plan] : plans) {
    plan.notice = submit_one(
        {{village->committee, Date::parse("2021-12-12"), {}, &keys_.of(village->committee)},
         NoticePosted{NoticeSubject::kAllocationPlan,
                      plan.resolution,
                      village->code,
                      "村务公开栏",
                      Date::parse("2021-12-12"),
                      Date::parse("2021-12-21"),
                      {}}});
  }
  for (const auto& [village, plan] : plans) {
    submit_one(
        {{village->committee, Date::parse("2021-12-28"), {}, &keys_.of(village->committee)}, plan});
  }
  // The lists the plans pay: a post holder, the households unable to work, and every household
  // for the production incentives.
  std::vector<RegistryRequest> members;
  for (const Town& town : towns_) {
    for (const Village& village : town.villages) {
      const Date since = Date::parse("2022-01-01");
      members.push_back({{village.committee, since, {}},
                         BeneficiaryChanged{village.collective, "公益性岗位 " + village.code,
                                            village.households[0], 1, 1, Date(), ""}});
      for (const std::uint64_t household : village.unable) {
        members.push_back({{village.committee, since, {}},
                           BeneficiaryChanged{village.collective, "弱劳动力 " + village.code,
                                              household, 1, 1, Date(), ""}});
      }
      for (const std::uint64_t household : village.households) {
        members.push_back({{village.committee, since, {}},
                           BeneficiaryChanged{village.collective, "产业奖补 " + village.code,
                                              household, 1, 1, Date(), ""}});
      }
    }
  }
  clock_.reach(Date::parse("2022-01-01"));
  submit_signed(registry_, keys_, clock_, members);
  std::printf(
      "   %zu villages adopted an income allocation plan and a plan for disposal proceeds after "
      "10 days' publicity\n",
      plans.size() / 2);
}

// Quarterly rent from each leased asset over its contract (until this September), paid by its
// operator, recorded in one batch; by owner, the incomes of each year (a shared asset's income
// is every owner's: each allocates its own part).
std::map<std::uint64_t, std::vector<Earned>> Demo::record_rent() {
  std::map<std::uint64_t, std::vector<Earned>> incomes;
  std::vector<RegistryRequest> requests;
  std::vector<std::pair<const Leased*, int>> of;  // (lease, year) per request
  for (const Leased& l : leased_) {
    const Money quarter = Money::from_fen(l.rent_per_year.fen() / 4);
    for (int year = 2022; year <= 2026; ++year) {
      for (int q = 0; q < 4 && !(year == 2026 && q >= 3); ++q) {
        const Date from = Date::from_civil(year, 1 + 3 * q, 1);
        const Date until = month_end(from, 2);
        if (from < l.from || l.until < until) continue;
        requests.push_back({{l.village->committee, until.plus_days(5), {}},
                            IncomeRecorded{l.asset, IncomeKind::kRent, quarter, from, until,
                                           "经营主体", l.operator_party}});
        of.emplace_back(&l, year);
        income_total_ += quarter;
      }
    }
  }
  const std::vector<std::uint64_t> ids = submit_signed(registry_, keys_, clock_, requests);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    for (const std::uint64_t owner : of[k].first->owners) {
      incomes[owner].push_back({of[k].second, ids[k]});
    }
  }
  return incomes;
}

// Stage 4b: five years of quarterly rent (over each lease), allocated once a year by each
// owning village for its own part (a shared asset's income split by the owners' shares); the
// last quarter is left unallocated in every other village, and every seventh village does not
// publish its results, for the audit to find. Then a checkpoint.
void Demo::earn_and_allocate() {
  const std::map<std::uint64_t, std::vector<Earned>> incomes = record_rent();
  std::size_t quarters_recorded = 0;
  for (const auto& [owner, earned] : incomes) quarters_recorded += earned.size();
  // A household of the first village moved away in February: from this year's income it is
  // paid for January and February only.
  const Village& first = towns_.front().villages.front();
  std::vector<RegistryRequest> moved{
      {{first.committee, Date::parse("2026-02-15"), {}},
       BeneficiaryChanged{first.collective, "产业奖补 " + first.code, first.households[1], 0, 0,
                          Date::parse("2026-02-15"), "迁出"}}};
  submit_signed(registry_, keys_, clock_, moved);
  std::size_t approved_plans = 0, allocations = 0, unallocated = 0, unpublished = 0;
  for (const auto& [owner, earned] : incomes) {
    // The owner's own village allocates its part by its own plan.
    const Village* home = nullptr;
    for (const Town& town : towns_) {
      for (const Village& v : town.villages) {
        if (v.collective == owner) home = &v;
      }
    }
    ++approved_plans;
    const bool leave_last = approved_plans % 2 == 0;
    for (int year = 2022; year <= 2026; ++year) {
      std::vector<std::uint64_t> of_year;
      for (const Earned& e : earned) {
        if (e.year == year) of_year.push_back(e.income);
      }
      if (year == 2026 && leave_last && !of_year.empty()) {
        of_year.pop_back();
        ++unallocated;
      }
      if (of_year.empty()) continue;
      char day[11];
      std::snprintf(day, sizeof day, "%04d-01-10", year == 2026 ? 2026 : year + 1);
      const Date allocated = year == 2026 ? Date::parse("2026-10-15") : Date::parse(day);
      const std::uint64_t allocation =
          submit_one({{home->committee, allocated, {}, &keys_.of(home->committee)},
                      AllocationRecorded{of_year, owner}});
      for (const Payment& payment : registry_.allocation(allocation)) paid_ += payment.amount;
      ++allocations;
      if (approved_plans % 7 == 3 && year == 2026) {
        ++unpublished;
        continue;
      }
      submit_one({{home->committee, allocated.plus_days(1), {}, &keys_.of(home->committee)},
                  NoticePosted{NoticeSubject::kAllocationResult,
                               allocation,
                               home->code,
                               "村务公开栏",
                               allocated.plus_days(1),
                               allocated.plus_days(10),
                               {}}});
    }
  }
  std::printf(
      "   %zu quarters of rent recorded over five years (%s 元), allocated by %zu villages' "
      "plans; %zu yearly allocations paid %s 元 to purposes and households, %zu of them with "
      "results published; %zu incomes left unallocated\n",
      quarters_recorded, yuan_text(income_total_.fen()).c_str(), approved_plans, allocations,
      yuan_text(paid_.fen()).c_str(), allocations - unpublished, unallocated);

  std::printf(
      "   %zu disposals executed through their full chains and %zu rejected by an "
      "assembly, with %zu officials' signatures\n",
      executed_, rejected_, signatures_);
}

// Stage 4c: the register by class and township, book value as of today (the register's
// clock), income, and the audit.
void Demo::report() {
  const Date today = registry_.ledger().today();
  const std::string today_text = today.to_string();
  std::map<AssetClass, std::pair<std::uint64_t, std::int64_t>> by_class;
  std::int64_t total = 0;
  std::uint64_t counted = 0;
  for (const SummaryRow& row : registry_.summary()) {
    by_class[row.asset_class].first += row.assets;
    by_class[row.asset_class].second += row.original.fen();
    total += row.original.fen();
    counted += row.assets;
  }
  std::int64_t book = 0;
  std::map<std::uint64_t, std::int64_t> book_of;
  for (const Valuation& v : registry_.valuation(today)) {
    book += v.book_value.fen();
    book_of[v.asset] = v.book_value.fen();
  }
  // By township: assets, original and book value, income earned.
  struct Township {
    std::string name;
    std::uint64_t assets = 0;
    std::int64_t original = 0, book = 0;
  };
  std::map<std::string, Township> by_township;
  for (const Division& d : registry_.divisions()) {
    if (d.code.compare(9, 3, "000") == 0 && d.code.compare(6, 3, "000") != 0) {
      by_township[d.code].name = d.name;
    }
  }
  for (const Asset& a : registry_.assets()) {
    Township& t = by_township[a.description.division.substr(0, 9) + "000"];
    ++t.assets;
    t.original += a.description.original.fen();
    t.book += book_of.count(a.id) ? book_of[a.id] : 0;
  }
  std::printf("%s", tr("4. 按类别汇总（原值，元）：\n",
                       "4. the register by class (original value, 元):\n"));
  for (const auto& [asset_class, figures] : by_class) {
    std::printf(tr("   %-15s %7llu 项  %22s  %6s%%\n", "   %-15s %7llu assets  %22s  %6s%%\n"),
                label(asset_class).c_str(), static_cast<unsigned long long>(figures.first),
                yuan_text(figures.second).c_str(), percent_text(figures.second, total).c_str());
  }
  std::printf(tr("   %-15s %7llu 项  %22s\n   截至 %s 账面价值：%s 元\n",
                 "   %-15s %7llu assets  %22s\n   book value as of %s: %s 元\n"),
              tr("合计", "total"), static_cast<unsigned long long>(counted),
              yuan_text(total).c_str(), today_text.c_str(), yuan_text(book).c_str());
  std::printf(tr("   按乡镇（原值与截至 %s 的账面价值，元）：\n",
                 "   by township (original and book value as of %s, 元):\n"),
              today_text.c_str());
  for (const auto& [code, t] : by_township) {
    if (t.assets == 0) continue;
    std::printf(tr("   %s %-8s %6llu 项  %18s  %18s\n", "   %s %-8s %6llu assets  %18s  %18s\n"),
                code.c_str(), t.name.c_str(), static_cast<unsigned long long>(t.assets),
                yuan_text(t.original).c_str(), yuan_text(t.book).c_str());
  }
  std::printf(
      tr("   收益入账 %s 元，已分配 %s 元\n", "   income recorded %s 元, allocated %s 元\n"),
      yuan_text(income_total_.fen()).c_str(), yuan_text(paid_.fen()).c_str());

  std::map<std::string, std::size_t> findings;
  for (const Finding& f : registry_.audit(today)) ++findings[f.rule];
  std::printf(tr("   截至 %s 的审计发现：", "   audit findings as of %s:"), today_text.c_str());
  for (const auto& [rule, count] : findings) {
    std::printf(" %s %zu;", rule_label(rule).c_str(), count);
  }
  std::printf("\n");
}

// Stages 5 and 6: an inclusion proof against the checkpoint, and a deep verify.
int Demo::prove_and_verify() {
  const Checkpoint head = open_checkpoint(note_, log_key_.verifier());
  const std::uint64_t sample = asset_ids_[asset_ids_.size() / 2];
  const bool included = merkle::verify_inclusion(
      merkle::leaf_hash(registry_.ledger().entry_bytes(sample)), sample, head.size,
      registry_.ledger().inclusion_proof(sample, head.size), head.root);
  std::printf(tr("5. 检查点覆盖 %llu 条记录；资产记录 %llu 在其中：%s\n",
                 "5. checkpoint at %llu entries; asset entry %llu is in it: %s\n"),
              static_cast<unsigned long long>(head.size), static_cast<unsigned long long>(sample),
              included ? tr("证明成立 (proof verifies)", "proof verifies") : "PROOF FAILS");
  const VerifyReport report = registry_.ledger().verify_deep({}, &log_key_.verifier());
  std::printf(
      tr("6. verify --deep：重算 %llu 条记录和 %llu 个检查点，重放重建 %llu 条视图记录，完全一致: "
         "%s\n",
         "6. verify --deep: %llu entries and %llu checkpoints recomputed, %llu view records "
         "rebuilt by replay and equal: %s\n"),
      static_cast<unsigned long long>(report.entries_checked),
      static_cast<unsigned long long>(report.checkpoints_checked),
      static_cast<unsigned long long>(report.view_records_compared),
      report.ok ? "ok" : report.problem.c_str());
  std::printf(tr("用时 %.2f 秒。可试：taizhang report %s/register；taizhang show %s/register "
                 "--asset %llu\n",
                 "done in %.2f s. Try: taizhang report %s/register; taizhang show %s/register "
                 "--asset %llu\n"),
              seconds_since(start_), options_.dir.c_str(), options_.dir.c_str(),
              static_cast<unsigned long long>(sample));
  return report.ok && included ? 0 : kExitDamaged;
}

// The stages follow the county's calendar, as the register's clock requires: the register is
// set up and the plans adopted in December 2021, the assets registered and kept from January
// 2026, disposals in April and May, inspections in September, the rent to September and the
// allocations by October; then the clock is the real time again for the report and the proofs.
int Demo::run() {
  define_places_and_officials();
  register_parties();
  approve_plans();
  register_assets();
  record_upkeep();
  dispose();
  live();
  inspect_again();
  earn_and_allocate();
  stocktake();
  publish_settings();
  note_ = registry_.ledger().checkpoint(log_key_);
  clock_.reach_now();
  report();
  return prove_and_verify();
}

}  // namespace

int run_demo(const DemoOptions& options) {
  std::string village;
  int status = 0;
  {
    Demo demo(options);
    status = demo.run();
    village = demo.busiest_village();
  }
  if (status != 0 || village.empty()) return status;
  // The village's public notice, as a clerk prints it, once the demo has closed the register:
  // its checkpoint covers every entry, so no key is needed.
  NoticeOptions notice;
  notice.dir = options.dir + "/register";
  notice.village = village;
  notice.out = options.dir + "/notice.html";
  std::printf("%s", tr("7. 村级公示：", "7. the village notice: "));
  return run_notice(notice);
}

}  // namespace taizhang::cli

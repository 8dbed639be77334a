// The asset register: parties, assets, ownership, status, corrections, reads, history, as-of,
// authorization of every role for every write, and replay equal to live.
#include "taizhang/registry.h"

#include <catch2/catch.hpp>
#include <limits>
#include <map>

#include "county.h"
#include "taizhang/error.h"
#include "taizhang/spreadsheet.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;  // the test county, its places, helpers

TEST_CASE("assets are registered, read by id and code, and listed by division, owner, class") {
  County county;
  Registry& reg = county.registry;
  const auto shared = reg.submit({{1, Date::parse("2026-02-01"), {}, &actor_key(1)},
                                  county.asset(AssetClass::kOperating, kVillageA1,
                                               {{county.collective_a1, Share::parse("3/5")},
                                                {county.collective_a2, Share::parse("2/5")}})});
  const auto road = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageB1,
                                                  {{county.collective_b1, Share::parse("1")}}));
  const auto cow =
      county.submit(1, county.asset(AssetClass::kHousehold, kVillageA1,
                                    {{county.household_a1, Share::parse("1")}}, "8000.00"));

  const Asset asset = reg.get_asset(shared);
  CHECK(asset.id == shared);
  CHECK(asset.asset_class == AssetClass::kOperating);
  CHECK(asset.owners.size() == 2);
  CHECK(asset.owners[0].share == Share::of(3, 5));
  CHECK(asset.description.original.fen() == 12'000'000);
  CHECK(asset.registered.to_string() == "2026-02-01");
  CHECK(reg.find_asset_by_code(asset.code)->id == shared);
  CHECK_FALSE(reg.find_asset_by_code("nope").has_value());
  CHECK_FALSE(reg.find_asset(999'999).has_value());
  CHECK(error_of([&] { reg.get_asset(999'999); }).kind() == ErrorKind::kNotFound);

  auto ids = [](const std::vector<Asset>& assets) {
    std::vector<std::uint64_t> out;
    for (const Asset& a : assets) out.push_back(a.id);
    return out;
  };
  CHECK(ids(reg.assets({kVillageA1})) == std::vector<std::uint64_t>{shared, cow});
  CHECK(ids(reg.assets({kTownA})) == std::vector<std::uint64_t>{shared, cow});
  CHECK(ids(reg.assets({kTownB})) == std::vector<std::uint64_t>{road});
  CHECK(ids(reg.assets({kCounty.county_code})) == std::vector<std::uint64_t>{shared, road, cow});
  CHECK(ids(reg.assets({"", county.collective_a2})) == std::vector<std::uint64_t>{shared});
  CHECK(ids(reg.assets({"", std::nullopt, AssetClass::kPublicWelfare})) ==
        std::vector<std::uint64_t>{road});
  CHECK(ids(reg.assets({"", std::nullopt, std::nullopt, AssetStatus::kIdle})).empty());
  // Filters beyond the index used are still checked on each record.
  CHECK(ids(reg.assets({kTownA, std::nullopt, AssetClass::kPublicWelfare})).empty());
  CHECK(ids(reg.assets({kCounty.county_code, std::nullopt, AssetClass::kPublicWelfare})) ==
        std::vector<std::uint64_t>{road});
  CHECK(ids(reg.assets({kTownB, county.collective_a2})).empty());
  CHECK(ids(reg.assets({kTownA, county.collective_a2})) == std::vector<std::uint64_t>{shared});
  CHECK(ids(reg.assets({kVillageA1, std::nullopt, std::nullopt, AssetStatus::kIdle})).empty());

  const auto summary = reg.summary();
  REQUIRE(summary.size() == 3);
  Money total;
  for (const SummaryRow& row : summary) total += row.original;
  CHECK(total.fen() == 12'000'000 * 2 + 800'000);
  CHECK(summary[0].division == kTownA);
  CHECK(summary[0].level == OwnershipLevel::kVillage);
  CHECK(summary[1].level == OwnershipLevel::kHousehold);
  CHECK(summary[1].assets == 1);
}

TEST_CASE("bad assets are refused by rule, naming field and value, and nothing is written") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t size = reg.ledger().size();
  auto refused = [&](AssetRegistered a, ErrorKind kind, std::string needle) {
    const Error error = error_of([&] { county.submit(1, a); });
    CHECK(error.kind() == kind);
    CHECK_THAT(error.what(), Catch::Contains(needle));
    CHECK(reg.ledger().size() == size);
  };
  SECTION("funding that does not sum to the original value") {
    auto a = county.asset(AssetClass::kOperating, kVillageA1, {});
    a.description.funding[1].amount += Money::from_fen(1);
    refused(a, ErrorKind::kRuleViolation, "funding");
  }
  SECTION("shares that do not sum to 1") {
    refused(county.asset(AssetClass::kOperating, kVillageA1,
                         {{county.collective_a1, Share::parse("1/3")},
                          {county.collective_a2, Share::parse("0.66")}}),
            ErrorKind::kRuleViolation, "1/3 + 33/50");
  }
  SECTION("a household owning a share of a public-welfare asset") {
    refused(county.asset(AssetClass::kPublicWelfare, kVillageA1,
                         {{county.collective_a1, Share::parse("1/2")},
                          {county.household_a1, Share::parse("1/2")}}),
            ErrorKind::kRuleViolation, "household");
  }
  SECTION("a household asset with two owners") {
    refused(county.asset(AssetClass::kHousehold, kVillageA1,
                         {{county.household_a1, Share::parse("1/2")},
                          {county.household_b1, Share::parse("1/2")}}),
            ErrorKind::kRuleViolation, "exactly one household");
  }
  SECTION("an operating asset held by a household alone") {
    refused(county.asset(AssetClass::kOperating, kVillageA1,
                         {{county.household_a1, Share::parse("1")}}),
            ErrorKind::kRuleViolation, "household alone");
  }
  SECTION("an owner that does not exist, or listed twice") {
    refused(county.asset(AssetClass::kOperating, kVillageA1, {{424242, Share::parse("1")}}),
            ErrorKind::kRuleViolation, "424242");
    refused(county.asset(AssetClass::kOperating, kVillageA1,
                         {{county.collective_a1, Share::parse("1/2")},
                          {county.collective_a1, Share::parse("1/2")}}),
            ErrorKind::kInvalidInput, "twice");
  }
  SECTION("a division not in the table on the completion date") {
    auto a = county.asset(AssetClass::kOperating, "520122101203", {});
    refused(a, ErrorKind::kRuleViolation, "520122101203");
    a = county.asset(AssetClass::kOperating, kVillageA1, {});
    a.description.completed = Date::parse("1999-12-31");
    refused(a, ErrorKind::kRuleViolation, "1999-12-31");
  }
  SECTION("a malformed division code and a completion after the effective date") {
    auto a = county.asset(AssetClass::kOperating, "52012210120", {});
    refused(a, ErrorKind::kInvalidInput, "52012210120");
    a = county.asset(AssetClass::kOperating, kVillageA1, {});
    a.description.completed = Date::parse("2027-01-01");
    refused(a, ErrorKind::kInvalidInput, "completed");
  }
  SECTION("a duplicate asset code") {
    auto a = county.asset(AssetClass::kOperating, kVillageA1, {});
    county.submit(1, a);
    const std::uint64_t after = reg.ledger().size();
    const Error error = error_of([&] { county.submit(1, a); });
    CHECK(error.kind() == ErrorKind::kConflict);
    CHECK(reg.ledger().size() == after);
  }
  SECTION("registered as disposed") {
    auto a = county.asset(AssetClass::kOperating, kVillageA1, {});
    a.status = AssetStatus::kDisposed;
    refused(a, ErrorKind::kRuleViolation, "disposal workflow");
  }
  SECTION("equity without an investee, and a use right without a term") {
    auto b = county.asset(AssetClass::kOperating, kVillageA1, {});
    b.description.form = AssetForm::kUseRight;
    refused(b, ErrorKind::kInvalidInput, "use_right_years");
    auto a = county.asset(AssetClass::kOperating, kVillageA1, {});
    a.description.form = AssetForm::kEquity;
    refused(a, ErrorKind::kRuleViolation, "investee");
    a.description.investee = county.household_a1;
    refused(a, ErrorKind::kRuleViolation, "investee");
    a.description.investee = county.enterprise;
    CHECK_NOTHROW(county.submit(1, a));
  }
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("parties: codes checked and unique, householders only as keyed hashes") {
  County county;
  PartyRegistered p;
  p.kind = PartyKind::kEnterprise;
  p.name = "x";
  p.division = kCounty.county_code;
  p.credit_code = credit_code(1);  // already used by the first party
  CHECK(error_of([&] { county.submit(1, p); }).kind() == ErrorKind::kConflict);
  p.credit_code = "91350100M000100Y44";  // wrong check character
  CHECK_THAT(error_of([&] { county.submit(1, p); }).what(), Catch::Contains("credit_code"));
  p.credit_code.clear();
  CHECK_THAT(error_of([&] { county.submit(1, p); }).what(), Catch::Contains("credit_code"));
  PartyRegistered again;
  again.kind = PartyKind::kHousehold;
  again.name = "张三 again";
  again.division = kVillageA1;
  again.person_hash = county.identity.hash(identity_number(1));
  CHECK(error_of([&] { county.submit(1, again); }).kind() == ErrorKind::kConflict);
  // The identity number itself appears nowhere in the register's file.
  const std::string file = test::read_file(county.dir.path() + "/reg/data.mdb");
  CHECK(file.find(identity_number(1)) == std::string::npos);
  CHECK(file.find(identity_number(2)) == std::string::npos);
  const auto household = county.registry.find_party(county.household_a1);
  REQUIRE(household.has_value());
  CHECK(household->data.poverty_alleviated);
  CHECK(household->data.person_hash.size() == 32);
  CHECK(county.registry.parties().size() == 8);
}

TEST_CASE("status changes, the finality of disposal, corrections, history and as-of") {
  County county;
  Registry& reg = county.registry;
  const auto id =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {}), "2026-01-10");
  CHECK(reg.get_asset(id).owners.empty());  // unconfirmed ownership is allowed (and audited)
  const auto status =
      county.submit(1, AssetStatusChanged{id, AssetStatus::kIdle, "no tenant"}, "2026-03-01");
  CHECK(reg.get_asset(id).status == AssetStatus::kIdle);
  CHECK(error_of([&] {
          county.submit(1, AssetStatusChanged{id, AssetStatus::kIdle, "again"});
        }).kind() == ErrorKind::kInvalidInput);
  CHECK(error_of([&] {
          county.submit(1, AssetStatusChanged{id, AssetStatus::kDisposed, "sold"});
        }).kind() == ErrorKind::kRuleViolation);
  county.submit(1,
                OwnershipConfirmed{id,
                                   {{county.collective_a1, Share::parse("1/2")},
                                    {county.collective_a2, Share::parse("1/2")}}},
                "2026-04-01");

  // A correction must name the entry that set the current description.
  AssetDescription fixed = reg.get_asset(id).description;
  fixed.name = "A1 greenhouse (corrected)";
  fixed.division = kVillageA2;
  CHECK(error_of([&] {
          county.submit(1, AssetCorrected{id, status, fixed, "typo"});
        }).kind() == ErrorKind::kRuleViolation);
  const auto correction =
      county.submit(1, AssetCorrected{id, id, fixed, "wrong village"}, "2026-05-01");
  const Asset now = reg.get_asset(id);
  CHECK(now.description.name == "A1 greenhouse (corrected)");
  CHECK(now.description_sequence == correction);
  CHECK(reg.assets({kVillageA2}).size() == 1);
  CHECK(reg.assets({kVillageA1}).empty());

  const auto history = reg.history(id);
  REQUIRE(history.size() == 4);
  CHECK(history[0].sequence == id);
  CHECK(history[1].sequence == status);
  CHECK(history[3].sequence == correction);
  CHECK(history[1].effective.to_string() == "2026-03-01");
  CHECK(history[1].actor == 1);
  CHECK_THAT(history[1].description, Catch::Contains("idle"));

  CHECK(reg.asset_as_of_sequence(id, status - 1).status == AssetStatus::kInUse);
  CHECK(reg.asset_as_of_sequence(id, status).status == AssetStatus::kIdle);
  CHECK(reg.asset_as_of_date(id, Date::parse("2026-02-28")).status == AssetStatus::kInUse);
  CHECK(reg.asset_as_of_date(id, Date::parse("2026-04-01")).owners.size() == 2);
  CHECK(reg.asset_as_of_date(id, Date::parse("2026-04-30")).description.division == kVillageA1);
  CHECK(reg.asset_as_of_date(id, Date::parse("2026-05-01")).description.division == kVillageA2);
  CHECK(error_of([&] { reg.asset_as_of_date(id, Date::parse("2025-12-31")); }).kind() ==
        ErrorKind::kNotFound);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("every role against every kind of write, inside and outside its jurisdiction") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t asset_a1 =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                    {{county.collective_a1, Share::parse("1")}}));
  const std::uint64_t asset_b1 =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageB1,
                                    {{county.collective_b1, Share::parse("1")}}));
  const std::uint64_t operating_a1 =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                    {{county.collective_a1, Share::parse("1")}}));
  const std::uint64_t operating_b1 =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageB1,
                                    {{county.collective_b1, Share::parse("1")}}));

  // One official of every role, each with a jurisdiction that contains village A1 but not B1
  // (county-wide roles contain both: for them "outside" is another county).
  const std::vector<std::pair<Role, std::string>> officials = {
      {Role::kCountyRegistrar, kCounty.county_code},
      {Role::kCountyRuralRevitalization, kCounty.county_code},
      {Role::kCountyFinance, kCounty.county_code},
      {Role::kCountyGovernment, kCounty.county_code},
      {Role::kSectorDepartment, kCounty.county_code},
      {Role::kTownshipGovernment, kTownA},
      {Role::kVillageCommittee, kVillageA1},
      {Role::kVillageAssembly, kVillageA1},
      {Role::kHousehold, kVillageA1},
      {Role::kOperator, kVillageA1},
      {Role::kAuditor, kCounty.county_code}};
  enum Kind {
    kEnrol,
    kDivision,
    kParty,
    kAsset,
    kStatus,
    kOwnership,
    kCorrect,
    kRight,
    kOperation,
    kMaintenance,
    kInspect,
    kValue,
    kPolicy,
    kResolution,
    kNotice,
    kKinds
  };
  // The expected permissions, written out independently of the code's table (docs/rules.md §8).
  const std::map<Role, std::vector<Kind>> allowed = {
      {Role::kCountyRegistrar,
       {kEnrol, kDivision, kParty, kAsset, kStatus, kOwnership, kCorrect, kRight, kOperation,
        kMaintenance, kInspect, kValue, kPolicy, kResolution, kNotice}},
      {Role::kTownshipGovernment,
       {kParty, kAsset, kStatus, kOwnership, kCorrect, kRight, kOperation, kMaintenance, kInspect,
        kValue, kResolution, kNotice}},
      {Role::kVillageCommittee,
       {kParty, kAsset, kStatus, kOperation, kMaintenance, kInspect, kResolution, kNotice}},
      {Role::kVillageAssembly, {kResolution}},  // the assembly's own resolutions
      {Role::kSectorDepartment, {kAsset, kStatus, kMaintenance, kInspect}},  // public welfare
  };
  int next = 100;
  int checked = 0;
  for (const auto& [role, jurisdiction] : officials) {
    const std::uint64_t actor =
        county.enrol("official " + std::string(role_name(role)), role, jurisdiction);
    const bool county_wide = jurisdiction == kCounty.county_code;
    for (int inside = 0; inside <= 1; ++inside) {
      const std::string village = inside ? kVillageA1 : kVillageB1;
      const std::uint64_t asset = inside ? asset_a1 : asset_b1;
      for (int kind = 0; kind < kKinds; ++kind) {
        RegistryWrite write;
        switch (kind) {
          case kEnrol:
            write =
                ActorKeyEnrolled{static_cast<std::uint64_t>(1000 + next++), "new", Role::kAuditor,
                                 village, test_key("n", 77).verifier().public_key()};
            break;
          case kDivision:
            write = DivisionDefined{inside ? "520122101203" : "520122102203", "new village",
                                    Date::parse("2001-01-0" + std::to_string(1 + next++ % 9)),
                                    Date::parse("2001-01-31")};
            break;
          case kParty: {
            PartyRegistered p;
            p.kind = PartyKind::kVillagerGroup;
            p.name = "group " + std::to_string(next++);
            p.division = village;
            write = p;
            break;
          }
          case kAsset:
            write = county.asset(AssetClass::kPublicWelfare, village, {});
            break;
          case kStatus: {
            const AssetStatus current = reg.get_asset(asset).status;
            write = AssetStatusChanged{
                asset, current == AssetStatus::kInUse ? AssetStatus::kIdle : AssetStatus::kInUse,
                "check"};
            break;
          }
          case kOwnership:
            write = OwnershipConfirmed{
                asset, {{inside ? county.collective_a1 : county.collective_b1, Share::parse("1")}}};
            break;
          case kCorrect: {
            const Asset current = reg.get_asset(asset);
            AssetDescription d = current.description;
            d.place = "place " + std::to_string(next++);
            write = AssetCorrected{asset, current.description_sequence, d, "check"};
            break;
          }
          case kRight:
            write = RightBound{asset, RightKind::kOperation,  // income needs the owners (below)
                               inside ? county.collective_a1 : county.collective_b1,
                               Date::parse("2026-01-01"), Date()};
            break;
          case kOperation: {
            OperationContracted c;
            c.asset = inside ? operating_a1 : operating_b1;
            c.operator_party = inside ? county.collective_a1 : county.collective_b1;
            c.mode = OperationMode::kSelfOperated;  // a lease needs a resolution (tested below)
            c.from = Date::parse("2026-01-01");
            c.until = Date::parse("2030-12-31");
            c.rent_per_year = Money::parse_yuan("5000.00");
            write = c;
            break;
          }
          case kMaintenance:
            write = MaintenanceBound{asset,
                                     inside ? county.collective_a1 : county.collective_b1,
                                     "王五",
                                     MaintenanceMode::kPublicWelfarePost,
                                     "operating income",
                                     180,
                                     Date::parse("2026-01-01")};
            break;
          case kInspect:
            write = Inspected{asset, "王五", Condition::kGood, "", {}};
            break;
          case kValue:
            write = ValueChanged{
                asset, ValueChangeKind::kImpairment, Money::parse_yuan("1.00"), {}, ""};
            break;
          case kPolicy: {
            PolicyDefined policy = default_policy(Date::parse("2026-01-01"));
            policy.version = reg.policy().version + 1;
            write = policy;
            break;
          }
          case kResolution:
            write = ResolutionAdopted{inside ? county.collective_a1 : county.collective_b1,
                                      Meeting::kVillagersAssembly,
                                      ResolutionSubject::kOther,
                                      0,
                                      "修缮村道",
                                      Date::parse("2026-01-01"),
                                      100,
                                      60,
                                      40};
            break;
          case kNotice:
            write = NoticePosted{
                NoticeSubject::kProject,   asset, village, "公示栏", Date::parse("2026-01-01"),
                Date::parse("2026-01-10"), {}};
            break;
        }
        const auto it = allowed.find(role);
        const bool role_ok = it != allowed.end() && std::find(it->second.begin(), it->second.end(),
                                                              kind) != it->second.end();
        // Operation contracts are only for operating assets; village committees and townships
        // record them, sector departments keep only public-welfare assets.
        const bool expect = role_ok && (inside || county_wide) &&
                            !(kind == kOperation && role == Role::kSectorDepartment);
        INFO("role " << role_name(role) << ", write " << kind << ", inside " << inside);
        const std::uint64_t before = reg.ledger().size();
        if (expect) {
          CHECK_NOTHROW(county.submit(actor, write));
          CHECK(reg.ledger().size() == before + 1);
        } else {
          const Error error = error_of([&] { county.submit(actor, write); });
          CHECK(error.kind() == ErrorKind::kUnauthorized);
          CHECK(reg.ledger().size() == before);
        }
        ++checked;
      }
    }
    // County-wide roles reach nothing outside the county.
    if (county_wide) {
      const Error error = error_of([&] {
        county.submit(actor, county.asset(AssetClass::kPublicWelfare, "520123101201", {}));
      });
      CHECK(error.kind() == ErrorKind::kUnauthorized);
      ++checked;
    }
  }
  CHECK(checked == 11 * 2 * kKinds + 6);
  // Unknown actors may do nothing.
  CHECK(error_of([&] {
          county.submit(999, county.asset(AssetClass::kOperating, kVillageA1, {}));
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("the register reopens with everything, and replay equals live") {
  County county;
  const auto id = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                {{county.collective_a1, Share::parse("1")}}));
  const std::string path = county.dir.path() + "/reg";
  const Asset before = county.registry.get_asset(id);
  county.registry = Registry::open(path, test_options());
  const Asset after = county.registry.get_asset(id);
  CHECK(after.code == before.code);
  CHECK(after.owners.size() == 1);
  CHECK(county.registry.find_actor(county.actors["village A1"])->role == Role::kVillageCommittee);
  const VerifyReport report = county.registry.ledger().verify_deep();
  CHECK(report.ok);
  CHECK(report.view_records_compared > 30);
}

TEST_CASE("valuation as of a date follows the owner's regime and the category's life") {
  County county;
  Registry& reg = county.registry;
  // Greenhouses: 8 years. 120,000.00 yuan completed 2021-06-30.
  const auto collective =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                    {{county.collective_a1, Share::parse("1")}}));
  const auto township = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                                      {{county.township_a, Share::parse("1")}}));
  auto road = county.asset(AssetClass::kPublicWelfare, kVillageA1,
                           {{county.department, Share::parse("1")}});
  road.description.category = AssetCategory::kInfrastructure;
  const auto infrastructure = county.submit(1, road);

  std::map<std::uint64_t, Valuation> values;
  for (const Valuation& v : reg.valuation(Date::parse("2026-01-31"))) values[v.asset] = v;
  // Collective: residual 6,000.00, 55 months from July 2021: 11,400,000 x 55 / 96 fen.
  CHECK(values[collective].accumulated_depreciation.fen() == 6'531'250);
  CHECK(values[collective].book_value.fen() == 5'468'750);
  CHECK(values[collective].regime == DepreciationRegime::kCollective);
  // Government (township owner): no residual, 56 months from June 2021.
  CHECK(values[township].accumulated_depreciation.fen() == 7'000'000);
  CHECK(values[township].regime == DepreciationRegime::kGovernment);
  // Infrastructure kept by maintenance is not depreciated.
  CHECK(values[infrastructure].book_value.fen() == 12'000'000);
  CHECK_FALSE(values[infrastructure].regime.has_value());
  // Valued from completion, whenever registered; nothing before completion.
  CHECK(reg.valuation(Date::parse("2025-12-31")).size() == 3);
  CHECK(reg.valuation(Date::parse("2021-06-29")).empty());
}

TEST_CASE("rights, operation contracts, maintenance, inspections and value changes") {
  County county;
  Registry& reg = county.registry;
  const auto shared = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                    {{county.collective_a1, Share::parse("1/2")},
                                                     {county.collective_a2, Share::parse("1/2")}}));
  const auto cow =
      county.submit(1, county.asset(AssetClass::kHousehold, kVillageA1,
                                    {{county.household_a1, Share::parse("1")}}, "8000.00"));

  SECTION("rights: ownership and disposal follow the owners unless disposal is bound") {
    auto holders = reg.rights(shared, Date::parse("2026-06-01"));
    CHECK(std::count_if(holders.begin(), holders.end(), [](const RightHolder& h) {
            return h.right == RightKind::kDisposal && h.follows_owner;
          }) == 2);
    // Binding the disposal right needs both owning villages' consent: their officials sign.
    const RightBound disposal{shared, RightKind::kDisposal, county.township_a,
                              Date::parse("2026-01-01"), Date::parse("2026-12-31")};
    CHECK(error_of([&] { county.submit(1, disposal); }).kind() == ErrorKind::kUnauthorized);
    const std::uint64_t a2 = county.enrol("village A2", Role::kVillageCommittee, kVillageA2);
    county.submit_approved(county.actors["township A"], disposal, "2026-01-05",
                           {county.actors["village A1"], a2});
    county.submit(1, RightBound{shared, RightKind::kSupervision, county.department,
                                Date::parse("2026-01-01"), Date()});
    holders = reg.rights(shared, Date::parse("2026-06-01"));
    CHECK(std::count_if(holders.begin(), holders.end(), [&](const RightHolder& h) {
            return h.right == RightKind::kDisposal && h.party == county.township_a;
          }) == 1);
    CHECK(std::none_of(holders.begin(), holders.end(), [](const RightHolder& h) {
      return h.right == RightKind::kDisposal && h.follows_owner;
    }));
    // After the binding ends, disposal follows the owners again.
    holders = reg.rights(shared, Date::parse("2027-01-01"));
    CHECK(std::count_if(holders.begin(), holders.end(), [](const RightHolder& h) {
            return h.right == RightKind::kDisposal && h.follows_owner;
          }) == 2);
    CHECK(error_of([&] {
            county.submit(1, RightBound{shared, RightKind::kOwnership, county.enterprise,
                                        Date::parse("2026-01-01"), Date()});
          }).kind() == ErrorKind::kRuleViolation);
    CHECK(error_of([&] {
            county.submit(1, RightBound{shared, RightKind::kSupervision, county.enterprise,
                                        Date::parse("2026-01-01"), Date()});
          }).kind() == ErrorKind::kRuleViolation);
  }

  SECTION("operation: a change of mode needs every owner and the township") {
    OperationContracted lease = county.lease(shared);
    // Leasing a village's asset needs each owning village's resolution, published.
    const auto a1_resolved = county.lease_resolution(county.collective_a1, kVillageA1);
    CHECK_THAT(error_of([&] { county.submit(county.actors["village A1"], lease); }).what(),
               Catch::Contains("needs the resolution of its owner party " +
                               std::to_string(county.collective_a1)));
    lease.resolutions = {a1_resolved};
    CHECK_THAT(error_of([&] { county.submit(county.actors["village A1"], lease); }).what(),
               Catch::Contains("party " + std::to_string(county.collective_a2)));
    // A resolution whose notice has not run yet is not enough.
    const auto a2_early =
        county.submit(1, ResolutionAdopted{county.collective_a2, Meeting::kVillagersAssembly,
                                           ResolutionSubject::kOperationContract, 0, "出租决议",
                                           Date::parse("2025-12-20"), 100, 80, 70});
    county.submit(1, NoticePosted{NoticeSubject::kOperationContract,
                                  a2_early,
                                  kVillageA2,
                                  "村务公开栏",
                                  Date::parse("2025-12-21"),
                                  Date::parse("2025-12-30"),
                                  {}});
    lease.resolutions = {a1_resolved, a2_early};
    CHECK_THAT(error_of([&] { county.submit(county.actors["village A1"], lease); }).what(),
               Catch::Contains("is not published: notice"));
    lease.resolutions = {a1_resolved, county.lease_resolution(county.collective_a2, kVillageA2)};
    county.submit(county.actors["village A1"], lease);
    // A public-welfare water works may be entrusted to an operator (委托运营), not leased.
    const auto water = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                                     {{county.department, Share::of(1, 1)}}));
    OperationContracted entrust = county.lease(water);
    entrust.mode = OperationMode::kEntrusted;
    county.submit(1, entrust);
    CHECK(reg.operation(water)->mode == OperationMode::kEntrusted);
    OperationContracted lease_water = entrust;
    lease_water.mode = OperationMode::kLeased;
    lease_water.decided_by = {county.department};
    CHECK_THAT(error_of([&] { county.submit(1, lease_water); }).what(),
               Catch::Contains("may only be entrusted"));
    CHECK(reg.operation(shared)->guarantee_rate == Share::of(3, 50));

    // One resolution, one contract: renewing on the same resolutions is refused.
    CHECK_THAT(error_of([&] { county.submit(county.actors["village A1"], lease); }).what(),
               Catch::Contains("already relied on"));
    // A self-operated contract is the owners' own: an outside operator is contracting out.
    OperationContracted self = lease;
    self.mode = OperationMode::kSelfOperated;
    self.resolutions.clear();
    self.decided_by = {county.collective_a1, county.collective_a2};
    CHECK_THAT(error_of([&] { county.submit(county.actors["township A"], self); }).what(),
               Catch::Contains("does not own"));
    OperationContracted change = lease;
    change.mode = OperationMode::kEntrusted;
    change.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1),
                          county.lease_resolution(county.collective_a2, kVillageA2)};
    change.decided_by = {county.collective_a1};  // one owner of two
    CHECK_THAT(error_of([&] { county.submit(county.actors["township A"], change); }).what(),
               Catch::Contains("every owner"));
    change.decided_by = {county.collective_a1, county.collective_a2};
    CHECK(error_of([&] { county.submit(county.actors["village A1"], change); }).kind() ==
          ErrorKind::kUnauthorized);  // the village may not record it alone
    change.decided_by = {county.collective_a1, county.enterprise};
    CHECK_THAT(error_of([&] { county.submit(county.actors["township A"], change); }).what(),
               Catch::Contains("does not own"));
    change.decided_by = {county.collective_a1, county.collective_a2};
    county.submit(county.actors["township A"], change);
    CHECK(reg.operation(shared)->mode == OperationMode::kEntrusted);

    OperationContracted both = lease;
    both.guarantee_per_year = Money::parse_yuan("1.00");
    CHECK(error_of([&] { county.submit(1, both); }).kind() == ErrorKind::kInvalidInput);
    OperationContracted on_cow = lease;
    on_cow.asset = cow;
    CHECK(error_of([&] { county.submit(1, on_cow); }).kind() == ErrorKind::kRuleViolation);
    OperationContracted open_ended = lease;
    open_ended.until = Date();
    CHECK(error_of([&] { county.submit(1, open_ended); }).kind() == ErrorKind::kInvalidInput);
  }

  SECTION("maintenance and inspections") {
    county.submit(1, MaintenanceBound{shared, county.collective_a1, "王五",
                                      MaintenanceMode::kPublicWelfarePost, "operating income", 180,
                                      Date::parse("2026-01-01")});
    CHECK(reg.maintenance(shared)->person == "王五");
    CHECK_FALSE(reg.maintenance(cow).has_value());
    CHECK(error_of([&] {
            county.submit(1, MaintenanceBound{cow, county.household_a1, "张三",
                                              MaintenanceMode::kHouseholdSelf, "", 180,
                                              Date::parse("2026-01-01")});
          }).kind() == ErrorKind::kRuleViolation);
    Hash photo{};
    photo[0] = 7;
    county.submit(1, Inspected{shared, "王五", Condition::kFair, "roof leaks", {photo}},
                  "2026-02-01");
    const auto inspections = reg.inspections(shared);
    REQUIRE(inspections.size() == 1);
    CHECK(inspections[0].condition == Condition::kFair);
    CHECK(inspections[0].day.to_string() == "2026-02-01");
    const auto entry = std::get<Inspected>(reg.ledger().entry(inspections[0].sequence).body);
    CHECK(entry.evidence == std::vector<Hash>{photo});
  }

  SECTION("value changes adjust the book value as of their dates") {
    county.submit(
        1,
        ValueChanged{
            shared, ValueChangeKind::kImpairment, Money::parse_yuan("1000.00"), {}, "县评估中心"},
        "2026-01-20");
    county.submit(1,
                  ValueChanged{shared, ValueChangeKind::kAppraisal, Money::parse_yuan("50000.00"),
                               Bytes(32, 1), "县评估中心"},
                  "2026-01-25");
    CHECK(error_of([&] {
            county.submit(
                1, ValueChanged{
                       shared, ValueChangeKind::kAppraisal, Money::parse_yuan("1.00"), {}, ""});
          }).kind() == ErrorKind::kInvalidInput);  // an appraisal needs its report
    std::map<std::uint64_t, Valuation> before, after;
    for (const auto& v : reg.valuation(Date::parse("2026-01-19"))) before[v.asset] = v;
    for (const auto& v : reg.valuation(Date::parse("2026-01-31"))) after[v.asset] = v;
    CHECK(before[shared].impairment.fen() == 0);
    CHECK_FALSE(before[shared].appraised.has_value());
    CHECK(after[shared].impairment.fen() == 100'000);
    CHECK(after[shared].appraised->fen() == 5'000'000);
    CHECK(after[shared].book_value.fen() == 5'468'750 - 100'000);
  }
  CHECK(reg.history(shared).size() >= 1);
  CHECK(reg.ledger().verify_deep().ok);
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("the fold runs on views in memory and refuses a damaged view record") {
  County county;
  Registry& reg = county.registry;
  const auto greenhouse =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                    {{county.collective_a1, Share::parse("1")}}));
  OperationContracted lease = county.lease(greenhouse);
  lease.mode = OperationMode::kSelfOperated;  // by its owner: no resolution to use up
  lease.operator_party = county.collective_a1;
  const auto contract = county.submit(county.actors["village A1"], lease);
  MemoryViewStore memory = replay_in_memory(reg.ledger(), *register_fold());
  const Entry again = reg.ledger().entry(contract);
  register_fold()->apply(memory, again,
                         EntryStamp::of(again));  // a record that reads is accepted again

  Bytes key(8);
  for (int i = 0; i < 8; ++i) key[i] = static_cast<std::uint8_t>(greenhouse >> (56 - 8 * i));
  const Bytes record(memory.get("asset_operation", key)->begin(),
                     memory.get("asset_operation", key)->end());
  REQUIRE(record.size() == 24);  // u64s: contract entry, mode, last day
  SECTION("a record cut short") {
    memory.put("asset_operation", key, ByteView(record).first(8));
    const Error error =
        error_of([&] { register_fold()->apply(memory, again, EntryStamp::of(again)); });
    CHECK(error.kind() == ErrorKind::kIntegrityError);
    CHECK_THAT(error.what(), Catch::Contains("damaged view record in asset_operation"));
  }
  SECTION("a mode no build knows") {
    Bytes damaged = record;
    damaged[15] = 9;
    memory.put("asset_operation", key, damaged);
    CHECK_THAT(
        error_of([&] { register_fold()->apply(memory, again, EntryStamp::of(again)); }).what(),
        Catch::Contains("unknown enumerant 9"));
  }
  SECTION("a record with bytes left over") {
    Bytes longer = record;
    longer.resize(32);
    memory.put("asset_operation", key, longer);
    CHECK_THAT(
        error_of([&] { register_fold()->apply(memory, again, EntryStamp::of(again)); }).what(),
        Catch::Contains("8 bytes left over"));
  }
}

TEST_CASE("an asset's own depreciation plan and recorded units drive its valuation") {
  County county;
  Registry& reg = county.registry;
  auto make = [&](std::uint64_t owner, const char* completed) {
    auto a =
        county.asset(AssetClass::kOperating, kVillageA1, {{owner, Share::parse("1")}}, "10000.00");
    a.description.completed = Date::parse(completed);
    return county.submit(1, a);
  };
  auto book = [&](std::uint64_t id, const char* day) {
    for (const Valuation& v : reg.valuation(Date::parse(day))) {
      if (v.asset == id) return v;
    }
    FAIL("no valuation");
    return Valuation{};
  };
  const auto ddb = make(county.collective_a1, "2023-12-01");
  county.submit(
      1, DepreciationPlanned{ddb, static_cast<std::uint16_t>(DepreciationMethod::kDoubleDeclining),
                             60, Share::parse("0.05"), 0});
  CHECK(book(ddb, "2024-12-31").accumulated_depreciation.fen() == 400'000);  // textbook year 1
  CHECK(book(ddb, "2025-12-31").accumulated_depreciation.fen() == 640'000);

  // The government regime (a township owner) refuses double-declining.
  const auto state = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                                   {{county.township_a, Share::parse("1")}}));
  CHECK_THAT(error_of([&] {
               county.submit(1, DepreciationPlanned{state, 1, 60, Share::parse("0.05"), 0});
             }).what(),
             Catch::Contains("method"));

  const auto machine = make(county.collective_a1, "2023-12-15");
  county.submit(1, DepreciationPlanned{
                       machine, static_cast<std::uint16_t>(DepreciationMethod::kUnitsOfProduction),
                       120, Share::parse("0.05"), 1000});
  county.submit(1, UnitsRecorded{machine, Date::parse("2024-01-20"), 100});
  county.submit(1, UnitsRecorded{machine, Date::parse("2024-03-02"), 250});
  CHECK(book(machine, "2024-02-29").accumulated_depreciation.fen() == 95'000);
  CHECK(book(machine, "2024-03-31").accumulated_depreciation.fen() == 332'500);
  CHECK(error_of([&] {
          county.submit(1, UnitsRecorded{machine, Date::parse("2024-03-31"), 1});
        }).kind() == ErrorKind::kConflict);
  CHECK(error_of([&] {
          county.submit(1, UnitsRecorded{ddb, Date::parse("2024-03-31"), 1});
        }).kind() == ErrorKind::kRuleViolation);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("the policy record: versions in order, each asset valued by the one in force") {
  County county;
  Registry& reg = county.registry;
  const PolicyDefined first = reg.policy();
  CHECK(first.version == 1);
  CHECK(first.life_months(AssetCategory::kGreenhouse) == 96);
  CHECK_FALSE(first.life_months(AssetCategory::kLivestock).has_value());
  CHECK(first.state_approval_threshold.fen() == 20'000'000);

  PolicyDefined second = default_policy(Date::parse("2024-01-01"));
  second.version = 2;
  for (auto& [category, months] : second.lives) {
    if (category == AssetCategory::kGreenhouse) months = 120;
  }
  CHECK(error_of([&] { county.submit(county.actors["township A"], second); }).kind() ==
        ErrorKind::kUnauthorized);
  PolicyDefined skipping = second;
  skipping.version = 3;
  CHECK(error_of([&] { county.submit(1, skipping); }).kind() == ErrorKind::kConflict);
  PolicyDefined bad = second;
  bad.lives.emplace_back(AssetCategory::kUseRight, 12);
  CHECK(error_of([&] { county.submit(1, bad); }).kind() == ErrorKind::kInvalidInput);
  county.submit(1, second);
  CHECK(reg.policy().version == 2);
  CHECK(reg.policy(1).life_months(AssetCategory::kGreenhouse) == 96);

  // A greenhouse completed in 2021 keeps 8 years; one completed in 2024 takes 10.
  const auto old_one = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                     {{county.collective_a1, Share::parse("1")}}));
  auto recent =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::parse("1")}});
  recent.description.completed = Date::parse("2024-06-30");
  const auto new_one = county.submit(1, recent);
  std::map<std::uint64_t, Valuation> values;
  for (const Valuation& v : reg.valuation(Date::parse("2026-01-31"))) values[v.asset] = v;
  CHECK(values[old_one].life_months == 96);
  CHECK(values[new_one].life_months == 120);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("audit: every finding the register can compute, with its evidence") {
  County county;
  Registry& reg = county.registry;
  const auto unowned = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1, {}));
  const auto operating =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                    {{county.collective_a1, Share::parse("1")}}));
  const auto cow =
      county.submit(1, county.asset(AssetClass::kHousehold, kVillageA1,
                                    {{county.household_a1, Share::parse("1")}}, "8000.00"));
  auto rules_of = [&](std::uint64_t asset, const char* day) {
    std::vector<std::string> rules;
    for (const Finding& f : reg.audit(Date::parse(day))) {
      if (f.asset == asset) rules.push_back(f.rule);
    }
    return rules;
  };
  CHECK(rules_of(unowned, "2026-02-01") ==
        std::vector<std::string>{"unconfirmed_ownership", "no_maintenance_binding"});
  CHECK(rules_of(cow, "2026-02-01").empty());  // kept by its household

  // An operating asset that earned nothing for twelve months is idle; income clears it.
  CHECK(rules_of(operating, "2026-01-31") ==
        std::vector<std::string>{"no_maintenance_binding", "operating_asset_idle"});
  county.submit(1, IncomeRecorded{operating, IncomeKind::kRent, Money::parse_yuan("100.00"),
                                  Date::parse("2025-07-01"), Date::parse("2025-12-31"), "x"});
  county.submit(
      1, MaintenanceBound{operating, county.collective_a1, "王五",
                          MaintenanceMode::kPublicWelfarePost, "", 30, Date::parse("2026-01-01")});
  CHECK(rules_of(operating, "2026-01-31").empty());
  CHECK(rules_of(operating, "2026-02-01") == std::vector<std::string>{"inspection_overdue"});
  county.submit(1, Inspected{operating, "王五", Condition::kGood, "", {}}, "2026-01-25");
  CHECK(rules_of(operating, "2026-02-01").empty());

  OperationContracted lease;
  lease.asset = operating;
  lease.operator_party = county.enterprise;
  lease.from = Date::parse("2022-01-01");
  lease.until = Date::parse("2026-03-31");
  lease.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1, "2022-01-01")};
  county.submit(1, lease);
  county.submit(1, AssetStatusChanged{operating, AssetStatus::kIdle, "tenant left"});
  CHECK(rules_of(operating, "2026-02-01") ==
        std::vector<std::string>{"operating_asset_idle", "contract_expiring"});
  const auto findings = reg.audit(Date::parse("2026-04-01"));
  const auto expired = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.asset == operating && f.rule == "contract_expired";
  });
  REQUIRE(expired != findings.end());
  CHECK(expired->asset_code == reg.get_asset(operating).code);
  CHECK(expired->division == kVillageA1);
  CHECK_THAT(expired->evidence(), Catch::Contains("2026-03-31"));

  // The limits are policy data, by the version in force on the audit's day: from 2026-02-01 a
  // contract is flagged 30 days ahead instead of 90.
  auto expiring = [&](const char* day) {
    const auto rules = rules_of(operating, day);
    return std::count(rules.begin(), rules.end(), "contract_expiring") == 1;
  };
  PolicyDefined stricter = reg.policy();
  stricter.version = 2;
  stricter.effective_from = Date::parse("2026-02-01");
  stricter.audit.contract_expiring = 30;
  county.submit(1, stricter);
  CHECK(reg.policy().audit.contract_expiring == 30);
  CHECK(reg.policy(1).audit.contract_expiring == 90);
  CHECK(expiring("2026-01-31"));        // version 1: 59 days ahead, within 90
  CHECK_FALSE(expiring("2026-02-01"));  // version 2: 58 days ahead, beyond 30
  CHECK(expiring("2026-03-01"));        // 30 days ahead
  PolicyDefined never = stricter;
  never.version = 3;
  never.audit.result_unpublished = 0;
  const Error refused = error_of([&] { county.submit(1, never); });
  CHECK(refused.kind() == ErrorKind::kInvalidInput);
  CHECK_THAT(refused.what(), Catch::Contains("audit_days.result_unpublished"));
}

TEST_CASE("audit: the evidence in Chinese, written from its values (evidence_zh)") {
  County county;
  Registry& reg = county.registry;
  const std::string a1 = std::to_string(county.collective_a1);
  // The one finding of `rule` about `asset` as of `day`.
  auto finding = [&](std::uint64_t asset, const std::string& rule, const char* day) {
    std::vector<Finding> found;
    for (const Finding& f : reg.audit(Date::parse(day))) {
      if (f.asset == asset && f.rule == rule) found.push_back(f);
    }
    REQUIRE(found.size() == 1);
    return found.front();
  };
  auto zh = [&](std::uint64_t asset, const std::string& rule, const char* day) {
    return evidence_zh(finding(asset, rule, day));
  };

  // An operating asset with no owners, no keeper and no income.
  const auto bare = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {}));
  CHECK(zh(bare, "unconfirmed_ownership", "2026-07-01") == "尚未确认任何产权主体");
  CHECK(zh(bare, "no_maintenance_binding", "2026-07-01") == "未落实管护主体或管护人员");
  CHECK(zh(bare, "operating_asset_idle", "2026-07-01") == "未登记任何收益");

  // Shared 2/3 and 1/3: an income of 1,000.00 splits into 666.67 and 333.33 (the odd fen to the
  // larger remainder), each unallocated 90 days after the period.
  const auto shared = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                    {{county.collective_a1, Share::parse("2/3")},
                                                     {county.collective_a2, Share::parse("1/3")}}));
  county.submit(
      1,
      MaintenanceBound{shared, county.collective_a1, "王五", MaintenanceMode::kPublicWelfarePost,
                       "", 30, Date::parse("2026-01-10")},
      "2026-01-10");
  const auto income =
      county.submit(1,
                    IncomeRecorded{shared, IncomeKind::kRent, Money::parse_yuan("1000.00"),
                                   Date::parse("2026-01-01"), Date::parse("2026-03-31"), "x"},
                    "2026-04-05");
  const std::string income_id = std::to_string(income);
  std::vector<std::string> parts, english;
  for (const Finding& f : reg.audit(Date::parse("2026-07-01"))) {
    if (f.asset == shared && f.rule == "income_not_allocated") {
      parts.push_back(evidence_zh(f));
      english.push_back(f.evidence());
    }
  }
  CHECK(parts ==
        std::vector<std::string>{"产权主体（主体 " + a1 + "）份额 2/3 应得收益 666.67 元（收益 " +
                                     income_id + "，收益期至 2026-03-31）尚未分配",
                                 "产权主体（主体 " + std::to_string(county.collective_a2) +
                                     "）份额 1/3 应得收益 333.33 元（收益 " + income_id +
                                     "，收益期至 2026-03-31）尚未分配"});
  // The English line is written from the same values, word for word as before.
  REQUIRE(english.size() == 2);
  CHECK(english[0] == "owner " + a1 + "'s part (2/3, 666.67 yuan) of income " + income_id +
                          " earned until 2026-03-31 is unallocated");
  CHECK(finding(shared, "inspection_overdue", "2026-07-01").evidence() ==
        "last inspected (or bound) 2026-01-10, 172 days ago; interval 30");
  CHECK(zh(shared, "inspection_overdue", "2026-07-01") ==
        "最近一次巡查（或落实管护）为 2026-01-10，已过 172 天；巡查周期 30 天");
  CHECK(zh(shared, "operating_asset_idle", "2027-04-15") == "收益只登记到 2026-03-31，此后无收益");

  // A lease to the enterprise from 2022 to 2026-03-31 guaranteeing 7,200.00 a year (6% of
  // 120,000.00, up 5% a year): the operator paid 5,000.00 for 2022.
  const auto leased = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                    {{county.collective_a1, Share::parse("1")}}));
  OperationContracted lease = county.lease(leased);
  lease.from = Date::parse("2022-01-01");
  lease.until = Date::parse("2026-03-31");
  lease.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1, "2022-01-01")};
  county.submit(1, lease, "2022-01-01");
  county.submit(1,
                IncomeRecorded{leased, IncomeKind::kRent, Money::parse_yuan("5000.00"),
                               Date::parse("2022-01-01"), Date::parse("2022-12-31"), "农旅公司",
                               county.enterprise},
                "2023-01-05");
  std::vector<std::string> short_years;
  for (const Finding& f : reg.audit(Date::parse("2026-07-01"))) {
    if (f.asset == leased && f.rule == "guarantee_not_paid") short_years.push_back(evidence_zh(f));
  }
  REQUIRE(short_years.size() == 5);  // 2022 to 2025, and 2026 to the end of March
  const std::string by = "经营方（主体 " + std::to_string(county.enterprise) + "）";
  CHECK(short_years[0] == "经营合同年度 2022-01-01 至 2022-12-31：保底收益 7200.00 元，" + by +
                              "已付 5000.00 元，差额 2200.00 元");
  CHECK(short_years[1] == "经营合同年度 2023-01-01 至 2023-12-31：保底收益 7560.00 元，" + by +
                              "已付 0.00 元，差额 7560.00 元");
  CHECK_THAT(short_years[4], Catch::StartsWith("经营合同年度 2026-01-01 至 2026-03-31："));
  CHECK(zh(leased, "contract_expiring", "2026-02-01") == "经营合同将于 2026-03-31 到期");
  CHECK(zh(leased, "contract_expired", "2026-07-01") == "经营合同已于 2026-03-31 到期");
  county.submit(1, AssetStatusChanged{leased, AssetStatus::kIdle, "tenant left"}, "2026-04-01");
  CHECK(zh(leased, "operating_asset_idle", "2026-07-01") == "资产状态为闲置");

  // Registered in 2025: the stocktaking of 2026 is due by 31 December 2026.
  const auto inspected =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1, {}), "2025-03-01");
  county.submit(1, Inspected{inspected, "王五", Condition::kGood, "", {}}, "2025-08-01");
  const auto never =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1, {}), "2025-03-01");
  CHECK(zh(inspected, "not_stocktaken", "2027-01-05") ==
        "2026 年截至 2026-12-31 未清查，也未巡查；最近一次巡查或清查为 2025-08-01");
  CHECK(zh(never, "not_stocktaken", "2027-01-05") ==
        "2026 年截至 2026-12-31 未清查，也未巡查；从未巡查或清查");

  // Values the register refuses to write (funding that does not add up, shares not summing to
  // 1), and amounts at the ends of Int64 fen: written exactly, never through a float.
  using Kind = FindingDetail::Kind;
  Finding funding{"funding_mismatch", 1, "XF-1", kVillageA1, {}};
  funding.details = {{"sources_fen", Kind::kFen, 12'345, ""},
                     {"recorded_original_fen", Kind::kFen, -5, ""}};
  CHECK(evidence_zh(funding) == "资金来源合计 123.45 元，与原值 -0.05 元不符");
  CHECK(funding.evidence() == "sources 123.45 vs original -0.05");
  funding.details = {
      {"sources_fen", Kind::kFen, std::numeric_limits<std::int64_t>::max(), ""},
      {"recorded_original_fen", Kind::kFen, std::numeric_limits<std::int64_t>::min(), ""}};
  CHECK(evidence_zh(funding) ==
        "资金来源合计 92233720368547758.07 元，与原值 -92233720368547758.08 元不符");
  Finding shares{"shares_not_one", 1, "XF-1", kVillageA1, {}};
  shares.details = {{"shares", Kind::kText, 0, "1/3 + 1/3"}};
  CHECK(evidence_zh(shares) == "各产权主体份额合计不为 1（1/3 + 1/3）");
  // A rule it does not know: its values by name.
  Finding other{"some_new_rule", 1, "XF-1", kVillageA1, {}};
  other.details = {{"owner", Kind::kNumber, 7, ""}, {"until", Kind::kDate, 0, ""}};
  CHECK(evidence_zh(other) == "owner=7; until=1970-01-01");
}

TEST_CASE("every write is signed by its actor's enrolled key, for this register, or refused") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t size = reg.ledger().size();
  const Date day = Date::parse("2026-02-01");
  auto party = [&](const std::string& name) {
    PartyRegistered p;
    p.kind = PartyKind::kEnterprise;
    p.name = name;
    p.division = kVillageA1;
    p.credit_code = credit_code(500 + static_cast<int>(name.size()));
    return p;
  };
  auto refused = [&](RegistryRequest request, const char* needle) {
    const Error error = error_of([&] { reg.submit(request); });
    CHECK(error.kind() == ErrorKind::kUnauthorized);
    CHECK_THAT(error.what(), Catch::Contains(needle));
    CHECK(reg.ledger().size() == size);
  };
  SECTION("no signature") { refused({{village, day, {}}, party("无签名")}, "not signed"); }
  SECTION("another actor's genuine key") {
    refused({{village, day, {}, &actor_key(1)}, party("他人签名")}, "does not verify");
  }
  SECTION("a key that was never enrolled") {
    const Signer stranger = test_key("actor-3", 200);
    refused({{village, day, {}, &stranger}, party("陌生密钥")}, "does not verify");
  }
  SECTION("an actor that was never enrolled") {
    refused({{77, day, {}, &actor_key(77)}, party("未登记")}, "no enrolled key");
  }
  SECTION("the actor's signature over other bytes") {
    RegistryRequest signed_one{{village, day, random_request_id()}, party("原件"), {}};
    const Bytes signature =
        actor_key(village).sign_record(reg.signing_bytes(std::span(&signed_one, 1)));
    RegistryRequest other = signed_one;
    other.write = party("篡改后");
    other.context.signature = signature;
    refused(other, "does not verify");
  }
  SECTION("the actor's genuine signature made for another register") {
    RegistryRequest request{{village, day, random_request_id()}, party("别的县"), {}};
    request.context.signature = actor_key(village).sign_record(
        request_message("taizhang.example/520123", std::span(&request, 1)));
    refused(request, "does not verify");
  }
  SECTION("made for a register remade under the same origin with another county key") {
    RegistryRequest request{{village, day, random_request_id()}, party("同名另钥"), {}};
    const std::string remade = test_key(kCounty.origin, 99).verifier().text();
    REQUIRE(remade != reg.register_id());
    request.context.signature =
        actor_key(village).sign_record(request_message(remade, std::span(&request, 1)));
    refused(request, "does not verify");
  }
  SECTION("and the same request, signed for this register, lands") {
    CHECK(reg.submit({{village, day, {}, &actor_key(village)}, party("本县")}) == size);
    CHECK(reg.ledger().verify().ok);
  }
}

TEST_CASE("only a registrar enrols, and keys are rotated and revoked from the entry that says so") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t township = county.actors["township A"];
  const Date day = Date::parse("2026-02-01");
  const Signer impostor = test_key("impostor", 66);
  const ActorKeyEnrolled fake{40, "假主任", Role::kCountyGovernment, kCounty.county_code,
                              impostor.verifier().public_key()};
  // The attack: a village official enrols an "official" with a key of its own, with its own
  // genuine signature; and the same enrolment claimed as the registrar's.
  CHECK(error_of([&] {
          reg.submit({{village, day, {}, &actor_key(village)}, fake});
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          reg.submit({{1, day, {}, &impostor}, fake});
        }).kind() == ErrorKind::kUnauthorized);
  CHECK_FALSE(reg.find_actor(40));

  auto write_as = [&](std::uint64_t actor, const Signer& key) {
    return reg.submit({{actor, day, {}, &key},
                       AssetStatusChanged{0, AssetStatus::kIdle, ""}});  // refused by the fold
  };
  auto kind_of = [&](std::uint64_t actor, const Signer& key) {
    return error_of([&] { write_as(actor, key); }).kind();
  };
  // A signature that verifies reaches the register's rules (asset 0 is no asset: NotFound).
  CHECK(kind_of(village, actor_key(village)) == ErrorKind::kNotFound);

  // Rotation by the registrar: the old key signs nothing from then on, the new one does.
  const Signer second = test_key("actor-village-2", 70);
  reg.submit({{1, day, {}, &actor_key(1)},
              ActorKeyRotated{village, second.verifier().public_key(), KeyAlgorithm::kEd25519,
                              "新任主任"}});
  CHECK(kind_of(village, actor_key(village)) == ErrorKind::kUnauthorized);
  CHECK(kind_of(village, second) == ErrorKind::kNotFound);
  // The actor rotates its own key; it may not touch another's.
  const Signer third = test_key("actor-village-3", 71);
  reg.submit({{village, day, {}, &second},
              ActorKeyRotated{village, third.verifier().public_key(), KeyAlgorithm::kEd25519,
                              "定期更换"}});
  CHECK(kind_of(village, third) == ErrorKind::kNotFound);
  CHECK(error_of([&] {
          reg.submit({{village, day, {}, &third}, ActorKeyRevoked{township, "越权"}});
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          reg.submit({{village, day, {}, &third},
                      ActorKeyRotated{township, impostor.verifier().public_key(),
                                      KeyAlgorithm::kEd25519, "越权"}});
        }).kind() == ErrorKind::kUnauthorized);
  // Revocation: nothing it signs is accepted, and it cannot restore itself.
  reg.submit({{1, day, {}, &actor_key(1)}, ActorKeyRevoked{village, "离任"}});
  CHECK(kind_of(village, third) == ErrorKind::kUnauthorized);
  CHECK_THAT(error_of([&] { write_as(village, third); }).what(), Catch::Contains("revoked"));
  CHECK(error_of([&] {
          reg.submit({{village, day, {}, &third},
                      ActorKeyRotated{village, impostor.verifier().public_key(),
                                      KeyAlgorithm::kEd25519, "自行恢复"}});
        }).kind() == ErrorKind::kUnauthorized);
  // An SM2 key is admitted by the format and refused by this build, by name.
  const Error sm2 = error_of([&] {
    reg.submit({{1, day, {}, &actor_key(1)},
                ActorKeyRotated{township, Bytes(65, 4), KeyAlgorithm::kSm2Sm3, "国密"}});
  });
  CHECK(sm2.kind() == ErrorKind::kInvalidInput);
  CHECK_THAT(sm2.what(), Catch::Contains("SM2"));
  // Replay and plain verify judge every signature under the key its actor had then.
  CHECK(reg.ledger().verify({}, &test_key(kCounty.origin, 1).verifier()).ok);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("no effective date after the day the register's clock records it") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t size = reg.ledger().size();
  const Date today = reg.ledger().today();
  for (const Date day : {today.plus_days(1), Date::parse("2099-01-01")}) {
    const Error error = error_of([&] {
      reg.submit({{1, day, {}, &actor_key(1)}, AssetStatusChanged{0, AssetStatus::kIdle, ""}});
    });
    CHECK(error.kind() == ErrorKind::kRuleViolation);
    CHECK_THAT(error.what(), Catch::Contains("effective " + day.to_string()) &&
                                 Catch::Contains("register's clock"));
  }
  CHECK(reg.ledger().size() == size);
}

TEST_CASE("writes submitted together are one actor's, under one signature") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const Date day = Date::parse("2026-02-01");
  std::vector<RegistryRequest> mixed = {
      {{1, day, {}, &actor_key(1)}, DivisionDefined{"520122101203", "A3村", day, Date()}},
      {{village, day, {}, &actor_key(village)},
       DivisionDefined{"520122101204", "A4村", day, Date()}}};
  const Error error = error_of([&] { reg.submit(mixed); });
  CHECK(error.kind() == ErrorKind::kInvalidInput);
  CHECK_THAT(error.what(), Catch::Contains("one actor"));
  mixed[1].context.actor = 1;
  const auto ids = reg.submit(mixed);  // the first context's signer signs the whole batch
  CHECK(ids.size() == 2);
  CHECK(ids[1] == ids[0] + 1);
  CHECK(reg.ledger().entry(ids[0]).signature.empty());  // the signature sits on the last entry
  CHECK_FALSE(reg.ledger().entry(ids[1]).signature.empty());
  CHECK(reg.ledger().verify().ok);
}

TEST_CASE("出租 only while a lease contract is in force, and the refusal reads in Chinese") {
  County county;
  Registry& reg = county.registry;
  const auto greenhouse = county.submit(
      1,
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}}),
      "2025-06-01");
  // Registered as leased: refused, since no contract can lease it yet.
  AssetRegistered leased_at_birth =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  leased_at_birth.status = AssetStatus::kLeased;
  const Error born = error_of([&] { county.submit(1, leased_at_birth, "2025-06-02"); });
  CHECK(born.kind() == ErrorKind::kRuleViolation);
  CHECK_THAT(born.what(), Catch::Contains("leased follows a lease contract"));
  CHECK_THAT(born.chinese(), Catch::Contains("出租合同"));
  // Marked leased with no contract: refused, in both languages, and nothing is written.
  const std::uint64_t size = reg.ledger().size();
  const Error bare = error_of([&] {
    county.submit(1, AssetStatusChanged{greenhouse, AssetStatus::kLeased, "租给合作社"},
                  "2025-07-01");
  });
  CHECK(bare.kind() == ErrorKind::kRuleViolation);
  CHECK_THAT(bare.what(), Catch::Contains("no lease contract in force on 2025-07-01"));
  CHECK_THAT(bare.chinese(), Catch::Contains("没有在期的出租合同"));
  CHECK_THAT(bare.chinese(), Catch::Contains("2025-07-01"));
  CHECK(reg.ledger().size() == size);
  // The lease, on the village's published resolution, runs 2026-03-01 to 2030-12-31.
  OperationContracted lease = county.lease(greenhouse);
  lease.from = Date::parse("2026-03-01");
  lease.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1)};
  county.submit(county.actors["village A1"], lease, "2026-01-05");
  // Before its first day, still refused; within its term, 出租 is recorded.
  CHECK(error_of([&] {
          county.submit(1, AssetStatusChanged{greenhouse, AssetStatus::kLeased, ""}, "2026-02-01");
        }).kind() == ErrorKind::kRuleViolation);
  county.submit(1, AssetStatusChanged{greenhouse, AssetStatus::kLeased, "出租给企业"},
                "2026-03-02");
  CHECK(reg.get_asset(greenhouse).status == AssetStatus::kLeased);
  // Back in use, then leased again after the term ended: refused.
  county.submit(1, AssetStatusChanged{greenhouse, AssetStatus::kInUse, ""}, "2031-01-02");
  CHECK_THAT(
      error_of([&] {
        county.submit(1, AssetStatusChanged{greenhouse, AssetStatus::kLeased, ""}, "2031-01-03");
      }).chinese(),
      Catch::Contains("不能标为“出租”"));
}

TEST_CASE("every error keeps its English text and carries the Chinese one when written") {
  const Error plain(ErrorKind::kNotFound, "no asset 7");
  CHECK(plain.chinese().empty());
  const Error both(ErrorKind::kNotFound, "no asset 7", "没有编号为 7 的资产");
  CHECK(std::string(both.what()) == "NotFound: no asset 7");
  CHECK(both.chinese() == "没有编号为 7 的资产");
  const Error copy = both;  // copying shares the text, and cannot throw
  CHECK(copy.chinese() == both.chinese());
  const Error invalid =
      error_of([] { throw_invalid("until", "2020-01-01", "before", "早于起始"); });
  CHECK(std::string(invalid.what()) == "InvalidInput: until: before (got \"2020-01-01\")");
  CHECK(invalid.chinese() == "早于起始（until：“2020-01-01”）");
  // A long value is cut at a character's start in both.
  const std::string long_name(100, 'x');
  CHECK_THAT(
      error_of([&] { throw_invalid("name", "张" + long_name, "too long", "太长"); }).chinese(),
      Catch::EndsWith("...”）"));
}

TEST_CASE("a lease by sheets: the resolution, its notice, the contract, then 出租") {
  County county;
  Registry& reg = county.registry;
  const auto greenhouse = county.submit(
      1,
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}}),
      "2026-01-05");
  const std::string code = reg.get_asset(greenhouse).code;
  // Each sheet as the clerk gives it: read, then recorded whole on the register's day.
  auto record = [&](EventSheetKind kind, const Sheet& sheet, const char* on) {
    county.clock.reach(Date::parse(on));
    const EventSheet read = read_event_sheet(sheet, reg, kind, Date::parse(on));
    std::vector<std::uint64_t> written;
    const auto problems =
        record_event_sheet(reg, {1, Date::parse(on), {}, &actor_key(1), {}}, read, &written);
    return std::pair(problems, written);
  };
  // The representatives resolve on 20 November; the record number names it afterwards.
  const auto [resolved, resolutions] = record(
      EventSheetKind::kResolutions,
      {{"决议主体", "会议", "事项", "决议名称", "会议日期", "应到人数", "实到人数", "同意人数"},
       {"A1村股份经济合作社", "村民代表会议", "经营合同", "同意出租蔬菜大棚", "2026-11-20", "45",
        "38", "35"}},
      "2026-12-01");
  REQUIRE(resolved.empty());
  REQUIRE(resolutions.size() == 1);
  const std::uint64_t resolution = resolutions[0];
  CHECK(std::holds_alternative<ResolutionAdopted>(reg.ledger().entry(resolution).body));
  // A quorum short (30 of 45 at a representatives' meeting): that row is named, nothing written.
  const auto [short_of, none] = record(
      EventSheetKind::kResolutions,
      {{"决议主体", "会议", "事项", "决议名称", "会议日期", "应到人数", "实到人数", "同意人数"},
       {"A1村股份经济合作社", "村民代表会议", "经营合同", "再议", "2026-11-21", "45", "29", "29"}},
      "2026-12-01");
  REQUIRE(short_of.size() == 1);
  CHECK(short_of[0].row == 2);
  CHECK(none.empty());
  // Posted from 1 December for ten days.
  REQUIRE(record(EventSheetKind::kNotices,
                 {{"事项", "记录号", "公示栏", "地点", "开始日期", "结束日期"},
                  {"经营合同", std::to_string(resolution), kVillageA1, "A1村村务公开栏",
                   "2026-12-01", "2026-12-10"}},
                 "2026-12-01")
              .first.empty());
  const Sheet contract = {{"资产编号", "经营主体", "经营方式", "起始日期", "终止日期", "年租金(元)",
                           "年保底金额(元)", "年递增率", "决议记录号"},
                          {code, "息烽农旅公司", "出租", "2026-12-12", "2031-12-11", "36,000.00",
                           "36,000.00", "5%", std::to_string(resolution)}};
  // Before the notice has run: the contract is refused, naming the resolution and the day.
  const auto [waiting, unwritten] = record(EventSheetKind::kContracts, contract, "2026-12-05");
  REQUIRE(waiting.size() == 1);
  CHECK_THAT(waiting[0].reason_zh,
             Catch::Contains("尚未完成公示") && Catch::Contains("2026-12-10"));
  CHECK(unwritten.empty());
  // After it: the lease records with the owners as deciders, and 出租 with it.
  const auto [leased, contracts] = record(EventSheetKind::kContracts, contract, "2026-12-12");
  REQUIRE(leased.empty());
  REQUIRE(contracts.size() == 1);
  const auto operation = reg.operation(greenhouse);
  REQUIRE(operation);
  CHECK(operation->mode == OperationMode::kLeased);
  CHECK(operation->operator_party == county.enterprise);
  CHECK(operation->guarantee_per_year == Money::parse_yuan("36000.00"));
  CHECK(operation->step_up == Share::of(1, 20));
  CHECK(operation->resolutions == std::vector<std::uint64_t>{resolution});
  REQUIRE(record(EventSheetKind::kStatus,
                 {{"资产编号", "状态", "原因"}, {code, "出租", "租给息烽农旅公司"}}, "2026-12-12")
              .first.empty());
  CHECK(reg.get_asset(greenhouse).status == AssetStatus::kLeased);
  // The contract sheet again: recorded already, skipped.
  county.clock.reach(Date::parse("2026-12-13"));
  CHECK(read_event_sheet(contract, reg, EventSheetKind::kContracts, Date::parse("2026-12-12"))
            .skipped == std::vector<std::size_t>{2});
}

// The test county of the register's tests: two townships, three villages, officials of every
// role and a few parties, on a register whose clock the test moves. Included by the tests of
// the register's workflows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

namespace taizhang::test {
// A clock that starts on 2026-12-01 (every effective date of these tests lies before it) and
// moves one second per call.
inline LedgerOptions test_options() {
  LedgerOptions options;
  options.durable = false;
  options.clock_micros = [now = std::int64_t{1'796'083'200'000'000}]() mutable {
    return now += 1'000'000;
  };
  return options;
}

// A county with two townships, three villages, officials of every role and a few parties.
struct County {
  ScratchDir dir;
  // The register's clock: 1 December 2026, after every effective date of these tests; a test
  // moves it on to let a notice run (ten days from the day the register records it).
  TestClock clock{Date::parse("2026-12-01")};
  Registry registry;
  IdentityKey identity = IdentityKey::generate();
  std::map<std::string, std::uint64_t> actors;  // by name
  std::uint64_t collective_a1 = 0, collective_a2 = 0, collective_b1 = 0, township_a = 0,
                department = 0, household_a1 = 0, household_b1 = 0, enterprise = 0;
  int next_code = 1;

  County()
      : registry(Registry::create(dir.path() + "/reg", kCounty, test_key(kCounty.origin, 1),
                                  actor_key(1).verifier().public_key(), [this] {
                                    LedgerOptions options = test_options();
                                    options.clock_micros = clock.function();
                                    return options;
                                  }())) {
    actors["registrar"] = 1;
    for (const auto& [code, name] :
         std::vector<std::pair<std::string, std::string>>{{kCounty.county_code, "息烽县"},
                                                          {kTownA, "永靖镇"},
                                                          {kVillageA1, "A1村"},
                                                          {kVillageA2, "A2村"},
                                                          {kTownB, "温泉镇"},
                                                          {kVillageB1, "B1村"}}) {
      submit(1, DivisionDefined{code, name, Date::parse("2000-01-01"), Date()});
    }
    enrol("township A", Role::kTownshipGovernment, kTownA);
    enrol("village A1", Role::kVillageCommittee, kVillageA1);
    enrol("sector", Role::kSectorDepartment, kCounty.county_code);
    enrol("auditor", Role::kAuditor, kCounty.county_code);
    collective_a1 = party(PartyKind::kVillageCollective, "A1村股份经济合作社", kVillageA1);
    collective_a2 = party(PartyKind::kVillageCollective, "A2村股份经济合作社", kVillageA2);
    collective_b1 = party(PartyKind::kVillageCollective, "B1村股份经济合作社", kVillageB1);
    township_a = party(PartyKind::kTownship, "永靖镇人民政府", kTownA);
    department = party(PartyKind::kCountyDepartment, "县水务局", kCounty.county_code);
    enterprise = party(PartyKind::kEnterprise, "息烽农旅公司", kCounty.county_code);
    household_a1 = household("张三", kVillageA1, 1);
    household_b1 = household("李四", kVillageB1, 2);
  }

  std::uint64_t submit(std::uint64_t actor, RegistryWrite write,
                       const char* effective = "2026-01-05") {
    clock.reach(Date::parse(effective));
    return registry.submit(
        {{actor, Date::parse(effective), {}, &actor_key(actor)}, std::move(write)});
  }

  // `write` by `actor`, carrying its own approval and those of `approvers` (each its own key).
  std::uint64_t submit_approved(std::uint64_t actor, RegistryWrite write, const char* effective,
                                std::vector<std::uint64_t> approvers) {
    clock.reach(Date::parse(effective));
    RegistryRequest request{{actor, Date::parse(effective), random_request_id(), &actor_key(actor)},
                            std::move(write),
                            {}};
    approvers.insert(approvers.begin(), actor);
    const Bytes signed_bytes = registry.approval_bytes(request);
    for (const std::uint64_t approver : approvers) {
      request.approvals.push_back({approver, actor_key(approver).sign_record(signed_bytes)});
    }
    return registry.submit(request);
  }

  std::uint64_t enrol(const std::string& name, Role role, const std::string& jurisdiction) {
    const auto id = static_cast<std::uint64_t>(actors.size() + 1);
    submit(1, ActorKeyEnrolled{
                  id, name, role, jurisdiction,
                  test_key("actor-" + std::to_string(id), static_cast<std::uint8_t>(id + 10))
                      .verifier()
                      .public_key()});
    actors[name] = id;
    return id;
  }

  std::uint64_t party(PartyKind kind, const std::string& name, const std::string& division) {
    PartyRegistered p;
    p.kind = kind;
    p.name = name;
    p.division = division;
    p.credit_code = credit_code(next_code++);
    return submit(1, p);
  }

  std::uint64_t household(const std::string& name, const std::string& village, int n) {
    PartyRegistered p;
    p.kind = PartyKind::kHousehold;
    p.name = name;
    p.division = village;
    p.person_hash = identity.hash(identity_number(n));
    p.poverty_alleviated = true;
    return submit(1, p);
  }

  // What leasing a village's assets needs (docs/rules.md §2): a resolution of `owner`'s
  // villagers' meeting 20 days before `day` and its notice, which has run by `day` (the clock
  // moves past it). Returns the resolution.
  std::uint64_t lease_resolution(std::uint64_t owner, const std::string& village,
                                 const char* day = "2026-01-01") {
    const Date on = Date::parse(day);
    const std::string held = on.plus_days(-20).to_string();
    const std::uint64_t resolution = submit(
        1,
        ResolutionAdopted{owner, Meeting::kVillagersAssembly, ResolutionSubject::kOperationContract,
                          0, "资产出租决议", on.plus_days(-20), 100, 80, 70},
        held.c_str());
    const std::string posted = on.plus_days(-19).to_string();
    submit(1,
           NoticePosted{NoticeSubject::kOperationContract,
                        resolution,
                        village,
                        "村务公开栏",
                        on.plus_days(-19),
                        on.plus_days(-10),
                        {}},
           posted.c_str());
    clock.reach(clock.today().plus_days(11));
    return resolution;
  }

  // A five-year lease to the enterprise with a 6% guaranteed return stepping up 5% a year.
  OperationContracted lease(std::uint64_t asset) const {
    OperationContracted lease;
    lease.asset = asset;
    lease.operator_party = enterprise;
    lease.mode = OperationMode::kLeased;
    lease.from = Date::parse("2026-01-01");
    lease.until = Date::parse("2030-12-31");
    lease.rent_per_year = Money::parse_yuan("20000.00");
    lease.principal = Money::parse_yuan("120000.00");
    lease.guarantee_rate = Share::parse("0.06");
    lease.step_up = Share::parse("0.05");
    return lease;
  }

  AssetRegistered asset(AssetClass asset_class, const std::string& division,
                        std::vector<OwnerShare> owners, const char* original = "120000.00") {
    AssetRegistered a;
    a.code = "XF-" + std::to_string(next_code++);
    a.asset_class = asset_class;
    a.description.name = "asset " + a.code;
    a.description.category = AssetCategory::kGreenhouse;
    a.description.project_name = "2021 greenhouse project";
    a.description.project_year = 2021;
    a.description.division = division;
    a.description.quantity_milli = 2000;
    a.description.unit = "座";
    a.description.completed = Date::parse("2021-06-30");
    a.description.original = Money::parse_yuan(original);
    const Money central = Money::from_fen(a.description.original.fen() * 2 / 3);
    a.description.funding = {{FundingSource::kCentralFiscal, central},
                             {FundingSource::kCountyFiscal, a.description.original - central}};
    a.owners = std::move(owners);
    return a;
  }
};

}  // namespace taizhang::test

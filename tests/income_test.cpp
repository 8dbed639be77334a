// Income to the right owner (docs/rules.md §2, §4, §5): owners' parts by share, plans for every
// kind of owner, entitlement by earning period, guarantees checked, purposes by priority and
// category, guaranteed returns compared with what was paid, proceeds following the owners.
// Every sum is worked out by hand in the comments beside it.
#include <catch2/catch.hpp>
#include <tuple>
#include <utility>

#include "county.h"
#include "taizhang/allocation.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

// The plan's procedure for a village (or a cooperative): its meeting resolves, the notice runs
// ten days by the register's clock, then the plan is approved by `actor`.
std::uint64_t approve(County& county, std::uint64_t actor, PlanApproved plan,
                      const std::string& board,
                      Meeting meeting = Meeting::kRepresentativesMeeting) {
  plan.resolution =
      county.submit(actor,
                    ResolutionAdopted{plan.owner, meeting, ResolutionSubject::kAllocationPlan, 0,
                                      plan.name, Date::parse("2026-05-30"), 30, 24, 20},
                    "2026-05-30");
  plan.notice = county.submit(actor,
                              NoticePosted{NoticeSubject::kAllocationPlan,
                                           plan.resolution,
                                           board,
                                           "公开栏",
                                           Date::parse("2026-06-01"),
                                           Date::parse("2026-06-10"),
                                           {}},
                              "2026-06-01");
  county.clock.reach(county.clock.today().plus_days(11));
  return county.submit(actor, plan, "2026-06-20");
}

PlanApproved collective_plan(std::uint64_t owner, const std::string& name) {
  PlanApproved plan;
  plan.owner = owner;
  plan.name = name;
  plan.proportional = {{"集体经济", "collective_economy", Share::of(1, 1), ""}};
  return plan;
}

std::uint64_t flagged_household(County& county, const std::string& name, const std::string& village,
                                int n, bool unable_to_work) {
  PartyRegistered p;
  p.kind = PartyKind::kHousehold;
  p.name = name;
  p.division = village;
  p.person_hash = county.identity.hash(identity_number(n));
  p.unable_to_work = unable_to_work;
  return county.submit(1, p);
}

IncomeRecorded income_of(std::uint64_t asset, const char* yuan, const char* from,
                         const char* until) {
  return IncomeRecorded{asset,
                        IncomeKind::kRent,
                        Money::parse_yuan(yuan),
                        Date::parse(from),
                        Date::parse(until),
                        "农旅公司",
                        0};
}

std::vector<std::pair<std::uint64_t, std::int64_t>> paid(const std::vector<Payment>& payments) {
  std::vector<std::pair<std::uint64_t, std::int64_t>> out;
  for (const Payment& p : payments) out.emplace_back(p.party, p.amount.fen());
  return out;
}

using Paid = std::vector<std::pair<std::uint64_t, std::int64_t>>;

}  // namespace

TEST_CASE("income reaches purposes and households by the plan, for its own earning period") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto second = county.household("王二", kVillageA1, 3);
  const auto unable = flagged_household(county, "王五", kVillageA1, 5, true);
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  const auto cow = county.submit(1, county.asset(AssetClass::kHousehold, kVillageA1,
                                                 {{county.household_a1, Share::of(1, 1)}}));
  // A household asset's income is the household's own: it is not recorded for allocation.
  CHECK_THAT(error_of([&] {
               county.submit(village, income_of(cow, "800.00", "2026-01-01", "2026-06-30"),
                             "2026-07-01");
             }).what(),
             Catch::Contains("household's own"));
  const auto spring = county.submit(
      village, income_of(greenhouse, "20000.00", "2026-01-01", "2026-06-30"), "2026-07-01");

  // The lists: a post holder, a household unable to work, and the incentives' households.
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1岗位", county.household_a1, 1,
                                            1, Date(), ""});
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1弱劳", unable, 1, 1, Date(), ""});
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1奖补", county.household_a1, 1,
                                            1, Date(), ""});
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1奖补", second, 2, 1, Date(), ""});
  // A list is its owner's: only the owner's people, and only an actor over the owner.
  CHECK_THAT(error_of([&] {
               county.submit(1, BeneficiaryChanged{county.collective_a1, "A1奖补",
                                                   county.household_b1, 1, 1, Date(), ""});
             }).what(),
             Catch::Contains("is not among the people of party"));
  CHECK(error_of([&] {
          county.submit(village, BeneficiaryChanged{county.township_a, "镇奖补",
                                                    county.household_a1, 1, 1, Date(), ""});
        }).kind() == ErrorKind::kUnauthorized);
  // A removal is recorded once it has happened, not ahead.
  CHECK_THAT(error_of([&] {
               county.submit(village,
                             BeneficiaryChanged{county.collective_a1, "A1奖补", second, 0, 0,
                                                Date::parse("2026-09-01"), "迁出"},
                             "2026-08-01");
             }).what(),
             Catch::Contains("after the entry's date"));

  PlanApproved plan;
  plan.owner = county.collective_a1;
  plan.name = "2026年收益分配方案";
  plan.fixed = {{"posts", "public_welfare_posts", Money::parse_yuan("3000.00"), "A1岗位"}};
  plan.proportional = {{"unable", "support_unable_to_work", Share::parse("3/10"), "A1弱劳"},
                       {"incentives", "production_incentives", Share::parse("7/10"), "A1奖补"}};
  // A post-wage or support line names its payees.
  PlanApproved unnamed = plan;
  unnamed.fixed[0].payees.clear();
  CHECK_THAT(error_of([&] { approve(county, village, unnamed, kVillageA1); }).what(),
             Catch::Contains("fixed[0].payees"));
  const auto approved = approve(county, village, plan, kVillageA1);

  {
    const auto findings = reg.audit(Date::parse("2026-10-01"));
    const auto found = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.rule == "income_not_allocated" && f.asset == greenhouse;
    });
    REQUIRE(found != findings.end());
    // The evidence as values by name, beside its text: no reader parses the text.
    using Kind = FindingDetail::Kind;
    std::vector<std::tuple<std::string, Kind, std::int64_t, std::string>> details;
    for (const FindingDetail& d : found->details) {
      details.emplace_back(d.name, d.kind, d.number, d.text);
    }
    CHECK(details ==
          decltype(details){
              {"owner", Kind::kNumber, static_cast<std::int64_t>(county.collective_a1), ""},
              {"share", Kind::kText, 0, "1"},
              {"amount_fen", Kind::kFen, 2'000'000, ""},
              {"income", Kind::kNumber, static_cast<std::int64_t>(spring), ""},
              {"until", Kind::kDate, Date::parse("2026-06-30").days(), ""}});
    CHECK_THAT(found->evidence(),
               Catch::Contains("20000.00 yuan") && Catch::Contains("earned until 2026-06-30"));
  }
  // 20,000.00: the post 3,000.00; of 17,000.00, 3/10 (5,100.00) to the household unable to
  // work and 7/10 (11,900.00) over the incentives list by weight 1 : 2 (3,966.67 and 7,933.33:
  // the odd fen to the larger remainder, 0.67 against 0.33).
  const auto allocation = county.submit(village, AllocationRecorded{{spring}, 0}, "2026-07-31");
  const auto payments = reg.allocation(allocation);
  CHECK(paid(payments) == Paid{{county.household_a1, 300'000},
                               {unable, 510'000},
                               {county.household_a1, 396'667},
                               {second, 793'333}});
  CHECK(payments[0].line == "posts");
  CHECK(payments[0].purpose == "public_welfare_posts");
  CHECK(payments[0].owner == county.collective_a1);
  CHECK(payments[0].owner_share == Share::of(1, 1));
  CHECK(payments[0].plan == approved);
  CHECK(payments[0].income == spring);
  for (const Finding& f : reg.audit(Date::parse("2026-10-01"))) {
    CHECK(f.rule != "income_not_allocated");
  }
  // A part is allocated once.
  CHECK(error_of([&] {
          county.submit(village, AllocationRecorded{{spring}, 0}, "2026-08-01");
        }).kind() == ErrorKind::kConflict);
  // Its results are published within 30 days, or the audit says so.
  auto unpublished = [&](const char* day) {
    const auto findings = reg.audit(Date::parse(day));
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.rule == "allocation_result_not_published";
    });
  };
  CHECK(unpublished("2026-08-30") == 0);
  CHECK(unpublished("2026-08-31") == 1);
  std::vector<std::string> unpublished_zh;
  for (const Finding& f : reg.audit(Date::parse("2026-08-31"))) {
    if (f.rule == "allocation_result_not_published") unpublished_zh.push_back(evidence_zh(f));
  }
  CHECK(unpublished_zh == std::vector<std::string>{"收益分配 " + std::to_string(allocation) +
                                                   "（2026-07-31）的结果未公示"});
  county.submit(village,
                NoticePosted{NoticeSubject::kAllocationResult,
                             allocation,
                             kVillageA1,
                             "公开栏",
                             Date::parse("2026-08-20"),
                             Date::parse("2026-08-29"),
                             {}},
                "2026-08-20");
  CHECK(unpublished("2026-08-31") == 0);

  // The second half-year: 王二 moved away on 15 August (on the list July and August: 2 of 6
  // months), 王六 joined on 10 October (October to December: 3 of 6).
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1奖补", second, 0, 0,
                                   Date::parse("2026-08-15"), "迁出"},
                "2026-08-15");
  const auto sixth = county.household("王六", kVillageA1, 6);
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1奖补", sixth, 1, 1, Date(), ""},
                "2026-10-10");
  const auto autumn = county.submit(
      village, income_of(greenhouse, "20000.00", "2026-07-01", "2026-12-31"), "2026-11-30");
  // Who is entitled is known when the period has ended: not before.
  CHECK_THAT(error_of([&] {
               county.submit(village, AllocationRecorded{{autumn}, 0}, "2026-11-30");
             }).what(),
             Catch::Contains("once that period has ended"));
  county.clock.reach(Date::parse("2027-01-05"));
  // Weights 1 × 6/6, 2 × 2/6, 1 × 3/6 = 6/6 : 4/6 : 3/6 of 11,900.00 (13 parts):
  // 5,492.30769, 3,661.53846, 2,746.15384: floors 5,492.30 + 3,661.53 + 2,746.15 leave 2 fen,
  // to the largest remainders, 王二's (.846) and 张三's (.769).
  const auto second_half = county.submit(village, AllocationRecorded{{autumn}, 0}, "2027-01-05");
  CHECK(paid(reg.allocation(second_half)) == Paid{{county.household_a1, 300'000},
                                                  {unable, 510'000},
                                                  {county.household_a1, 549'231},
                                                  {second, 366'154},
                                                  {sixth, 274'615}});
  // September to November: 王二 has no month on the list and receives nothing; 王六 has two of
  // three. 9,000.00 less the post's 3,000.00 = 6,000.00; 3/10 = 1,800.00 to the support line,
  // 4,200.00 by 3/3 : 2/3, 2,520.00 and 1,680.00.
  const auto late = county.submit(
      village, income_of(greenhouse, "9000.00", "2026-09-01", "2026-11-30"), "2026-11-30");
  CHECK(paid(reg.allocation(county.submit(village, AllocationRecorded{{late}, 0}, "2026-11-30"))) ==
        Paid{{county.household_a1, 300'000},
             {unable, 180'000},
             {county.household_a1, 252'000},
             {sixth, 168'000}});
  CHECK(reg.ledger().verify_deep().ok);
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("a shared asset's income reaches every owner by share, each by its own plan") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t township = county.actors["township A"];
  // A photovoltaic station of three villages, 2/5, 2/5 and 1/5 (联村).
  const auto station = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                     {{county.collective_a1, Share::of(2, 5)},
                                                      {county.collective_a2, Share::of(2, 5)},
                                                      {county.collective_b1, Share::of(1, 5)}}));
  // 10,000.01: 4,000.004, 4,000.004, 2,000.002; the odd fen to the tied first remainder, A1's.
  const auto income =
      county.submit(1, income_of(station, "10000.01", "2026-01-01", "2026-03-31"), "2026-04-05");
  const std::vector<IncomePart> parts = reg.income_parts(income);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].owner == county.collective_a1);
  CHECK(parts[0].share == Share::of(2, 5));
  CHECK(parts[0].amount.fen() == 400'001);
  CHECK(parts[1].amount.fen() == 400'000);
  CHECK(parts[2].amount.fen() == 200'000);
  CHECK(parts[2].disposition == PartDisposition::kAllocate);

  const auto a1_plan =
      approve(county, village, collective_plan(county.collective_a1, "A1方案"), kVillageA1);
  // A1's committee allocates A1's part, and cannot touch A2's.
  CHECK(error_of([&] {
          county.submit(village, AllocationRecorded{{income}, county.collective_a2}, "2026-06-21");
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          county.submit(village, AllocationRecorded{{income}, 0}, "2026-06-21");
        }).kind() == ErrorKind::kUnauthorized);  // every owner's part: A2's is beyond it
  const auto a1 =
      county.submit(village, AllocationRecorded{{income}, county.collective_a1}, "2026-06-21");
  CHECK(paid(reg.allocation(a1)) == Paid{{0, 400'001}});
  CHECK(reg.allocation(a1)[0].plan == a1_plan);
  CHECK(reg.allocation(a1)[0].owner_share == Share::of(2, 5));
  // A2 has no plan yet: its part cannot be allocated, and the audit names A2.
  CHECK_THAT(
      error_of([&] {
        county.submit(township, AllocationRecorded{{income}, county.collective_a2}, "2026-06-21");
      }).what(),
      Catch::Contains("has no approved plan"));
  auto unallocated_owners = [&] {
    std::vector<std::string> evidence;
    for (const Finding& f : reg.audit(Date::parse("2026-12-01"))) {
      if (f.rule == "income_not_allocated") evidence.push_back(f.evidence());
    }
    return evidence;
  };
  {
    const auto evidence = unallocated_owners();
    REQUIRE(evidence.size() == 2);
    CHECK_THAT(evidence[0], Catch::Contains("owner " + std::to_string(county.collective_a2)));
    CHECK_THAT(evidence[1], Catch::Contains("owner " + std::to_string(county.collective_b1)));
  }
  approve(county, township, collective_plan(county.collective_a2, "A2方案"), kVillageA2);
  approve(county, 1, collective_plan(county.collective_b1, "B1方案"), kVillageB1);
  // The registrar allocates the rest at once: the parts not yet allocated; A1's again is a
  // conflict.
  CHECK(error_of([&] {
          county.submit(1, AllocationRecorded{{income}, 0}, "2026-06-21");
        }).kind() == ErrorKind::kConflict);
  const auto a2 =
      county.submit(township, AllocationRecorded{{income}, county.collective_a2}, "2026-06-21");
  const auto b1 =
      county.submit(1, AllocationRecorded{{income}, county.collective_b1}, "2026-06-21");
  CHECK(paid(reg.allocation(a2)) == Paid{{0, 400'000}});
  CHECK(paid(reg.allocation(b1)) == Paid{{0, 200'000}});
  CHECK(unallocated_owners().empty());
  // Every payment of the income, by owner: the whole, to the fen.
  std::int64_t total = 0;
  for (const Payment& p : reg.payments(income)) total += p.amount.fen();
  CHECK(total == 1'000'001);
  CHECK(reg.payments(income, county.collective_b1).size() == 1);
  // A party that owns no part of the income.
  CHECK_THAT(error_of([&] {
               county.submit(1, AllocationRecorded{{income}, county.township_a}, "2026-06-21");
             }).what(),
             Catch::Contains("owns no part"));
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("every kind of owner allocates by its own procedure, households keep their own part") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t bureau =
      county.enrol("bureau", Role::kCountyRuralRevitalization, kCounty.county_code);
  const std::uint64_t township = county.actors["township A"];
  const std::uint64_t village = county.actors["village A1"];
  const auto cooperative =
      county.party(PartyKind::kCooperative, "A1村种养殖专业合作社", kVillageA1);
  // A township's workshop, leading its villages (联镇带村): its plan pays A1 and A2 by ratio.
  const auto workshop = county.submit(
      1, county.asset(AssetClass::kOperating, kTownA, {{county.township_a, Share::of(1, 1)}}));
  county.submit(township, BeneficiaryChanged{county.township_a, "联镇带村", county.collective_a1, 3,
                                             1, Date(), ""});
  county.submit(township, BeneficiaryChanged{county.township_a, "联镇带村", county.collective_a2, 2,
                                             1, Date(), ""});
  PlanApproved town_plan;
  town_plan.owner = county.township_a;
  town_plan.name = "永靖镇联镇带村收益分配方案";
  town_plan.proportional = {{"带村分红", "village_public_welfare", Share::of(1, 1), "联镇带村"}};
  // The township decides; the county bureau records it (its consent). A village meeting's
  // resolution is not the procedure, and nobody else records it.
  CHECK(error_of([&] { county.submit(township, town_plan, "2026-06-01"); }).kind() ==
        ErrorKind::kUnauthorized);
  CHECK_THAT(error_of([&] { county.submit(bureau, town_plan, "2026-06-01"); }).what(),
             Catch::Contains("decision"));
  town_plan.decision = "永靖镇党委会议纪要〔2026〕5号";
  PlanApproved with_meeting = town_plan;
  with_meeting.resolution = 1;
  CHECK_THAT(error_of([&] { county.submit(bureau, with_meeting, "2026-06-01"); }).what(),
             Catch::Contains("resolution"));
  county.submit(bureau, town_plan, "2026-06-01");
  const auto income = county.submit(
      township, income_of(workshop, "5000.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  // 5,000.00 by 3 : 2: 3,000.00 to A1, 2,000.00 to A2.
  const auto allocation = county.submit(township, AllocationRecorded{{income}, 0}, "2026-07-02");
  CHECK(paid(reg.allocation(allocation)) ==
        Paid{{county.collective_a1, 300'000}, {county.collective_a2, 200'000}});

  // A cooperative resolves in its members' assembly, not a village meeting.
  PlanApproved coop_plan = collective_plan(cooperative, "合作社收益分配方案");
  coop_plan.proportional = {{"成员分红", "shareholder_dividends", Share::of(1, 1), ""}};
  CHECK_THAT(error_of([&] {
               approve(county, village, coop_plan, kVillageA1, Meeting::kRepresentativesMeeting);
             }).what(),
             Catch::Contains("members' assembly"));
  approve(county, village, coop_plan, kVillageA1, Meeting::kMembersAssembly);

  // A greenhouse the cooperative holds with households (量化到户): the households' parts are
  // their own; the cooperative's is allocated by its plan.
  const auto second = county.household("王二", kVillageA1, 3);
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{cooperative, Share::of(1, 2)},
                                                         {county.household_a1, Share::of(1, 4)},
                                                         {second, Share::of(1, 4)}}));
  const auto harvest = county.submit(
      village, income_of(greenhouse, "1000.03", "2026-01-01", "2026-06-30"), "2026-07-01");
  // 100,003 fen: 50,001.5, 25,000.75, 25,000.75: floors 50,001 + 25,000 + 25,000 leave 2 fen,
  // to the households' .75 remainders before the cooperative's .5.
  const std::vector<IncomePart> parts = reg.income_parts(harvest);
  REQUIRE(parts.size() == 3);
  std::map<std::uint64_t, IncomePart> by_owner;
  for (const IncomePart& p : parts) by_owner[p.owner] = p;
  CHECK(by_owner[cooperative].amount.fen() == 50'001);
  CHECK(by_owner[county.household_a1].amount.fen() == 25'001);
  CHECK(by_owner[second].amount.fen() == 25'001);
  CHECK(by_owner[county.household_a1].disposition == PartDisposition::kOwn);
  CHECK_THAT(
      error_of([&] {
        county.submit(village, AllocationRecorded{{harvest}, county.household_a1}, "2026-07-02");
      }).what(),
      Catch::Contains("own money"));
  const auto coop = county.submit(village, AllocationRecorded{{harvest}, 0}, "2026-07-02");
  CHECK(paid(reg.allocation(coop)) == Paid{{0, 50'001}});
  // Households and enterprises have no plans.
  CHECK_THAT(error_of([&] {
               county.submit(village, collective_plan(county.household_a1, "户"), "2026-07-02");
             }).what(),
             Catch::Contains("its own"));
  // A public-welfare water works earns fees too, allocated like any income.
  const auto water = county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                                   {{county.collective_a1, Share::of(1, 1)}}));
  const auto fees = county.submit(
      village,
      IncomeRecorded{water, IncomeKind::kOther, Money::parse_yuan("600.00"),
                     Date::parse("2026-01-01"), Date::parse("2026-06-30"), "用水户", 0},
      "2026-07-01");
  approve(county, village, collective_plan(county.collective_a1, "A1方案"), kVillageA1);
  CHECK(paid(reg.allocation(county.submit(village, AllocationRecorded{{fees}, 0}, "2026-07-02"))) ==
        Paid{{0, 60'000}});
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("guarantees are held by entitled parties for the income's own period") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  const auto second = county.household("王二", kVillageA1, 3);
  county.submit(
      village,
      BeneficiaryChanged{county.collective_a1, "A1保底", county.household_a1, 1, 1, Date(), ""},
      "2025-12-01");
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1保底", second, 1, 1, Date(), ""},
                "2025-12-01");
  PlanApproved plan = collective_plan(county.collective_a1, "保底方案");
  // 100,000.00 at 6% a year: 6,000.00 for a year, 1,479.45 for a 90-day quarter.
  plan.guaranteed = {
      {"张三保底", county.household_a1, Money::parse_yuan("100000.00"), Share::of(6, 100), Money(),
       "A1保底"},
      {"王二保底", second, Money::parse_yuan("100000.00"), Share::of(6, 100), Money(), "A1保底"}};
  auto refused = [&](PlanApproved p, const char* needle) {
    CHECK_THAT(error_of([&] { approve(county, village, p, kVillageA1); }).what(),
               Catch::Contains(needle));
  };
  PlanApproved bad = plan;
  bad.guaranteed[0].party = 999'999;  // no such party
  refused(bad, "no party 999999");
  bad = plan;
  bad.guaranteed[0].party = county.enterprise;
  refused(bad, "is a enterprise");
  bad = plan;
  bad.guaranteed[0].list.clear();  // a household's guarantee through its list
  refused(bad, "guaranteed[0].list");
  bad = plan;
  bad.guaranteed[0].party = county.household_b1;  // not on the list
  refused(bad, "is not on the list");
  approve(county, village, plan, kVillageA1);

  // 王二 died on 10 February: the quarter's guarantee is his for January and February only
  // (59 of the quarter's 90 days: 100,000.00 × 6% × 59/365 = 969.86), 张三's for all 90 days
  // (1,479.45); the rest, 10,000.00 − 2,449.31 = 7,550.69, to the collective.
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1保底", second, 0, 0,
                                   Date::parse("2026-02-10"), "死亡"},
                "2026-02-10");
  const auto quarter = county.submit(
      village, income_of(greenhouse, "10000.00", "2026-01-01", "2026-03-31"), "2026-04-05");
  CHECK(paid(reg.allocation(
            county.submit(village, AllocationRecorded{{quarter}, 0}, "2026-07-06"))) ==
        Paid{{county.household_a1, 147'945}, {second, 96'986}, {0, 755'069}});
  // The next quarter pays 王二 nothing.
  const auto next = county.submit(
      village, income_of(greenhouse, "10000.00", "2026-04-01", "2026-06-30"), "2026-07-05");
  // 91 days: 100,000.00 × 6% × 91/365 = 1,495.890... = 1,495.89.
  CHECK(paid(reg.allocation(county.submit(village, AllocationRecorded{{next}, 0}, "2026-07-07"))) ==
        Paid{{county.household_a1, 149'589}, {second, 0}, {0, 850'411}});
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("support lines pay only households unable to work, fixed lines by purpose priority") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto unable = flagged_household(county, "王五", kVillageA1, 5, true);
  const auto able = flagged_household(county, "王七", kVillageA1, 7, false);
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1弱劳", unable, 1, 1, Date(), ""});
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1岗位", able, 1, 1, Date(), ""});
  PlanApproved plan = collective_plan(county.collective_a1, "方案");
  // In plan order the maintenance line comes first; by the policy's priority, support (1) and
  // the posts (2) are paid before maintenance (3).
  plan.fixed = {{"管护", "operation_and_maintenance", Money::parse_yuan("800.00"), ""},
                {"岗位", "public_welfare_posts", Money::parse_yuan("500.00"), "A1岗位"},
                {"兜底", "support_unable_to_work", Money::parse_yuan("600.00"), "A1弱劳"}};
  approve(county, village, plan, kVillageA1);
  // 1,500.00 is short of the 1,900.00 of fixed lines: support 600.00, posts 500.00, and what
  // is left, 400.00, to maintenance.
  const auto income = county.submit(
      village, income_of(greenhouse, "1500.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  CHECK(
      paid(reg.allocation(county.submit(village, AllocationRecorded{{income}, 0}, "2026-07-02"))) ==
      Paid{{0, 40'000}, {able, 50'000}, {unable, 60'000}, {0, 0}});
  // A household not flagged on the support list: the allocation is refused, naming it.
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1弱劳", able, 1, 1, Date(), ""},
                "2026-07-03");
  const auto more = county.submit(
      village, income_of(greenhouse, "1500.00", "2026-07-01", "2026-09-30"), "2026-10-01");
  const std::uint64_t size = reg.ledger().size();
  CHECK_THAT(error_of([&] {
               county.submit(village, AllocationRecorded{{more}, 0}, "2026-10-02");
             }).what(),
             Catch::Contains("household " + std::to_string(able) + " (王七)"));
  CHECK(reg.ledger().size() == size);
}

TEST_CASE("purposes by category: a relocation site's shops may pay the site's running costs") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  AssetRegistered shops =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  shops.description.category = AssetCategory::kRelocationShop;
  const auto site = county.submit(1, shops);
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  PlanApproved plan = collective_plan(county.collective_a1, "安置点方案");
  plan.proportional = {{"安置区运转", "relocation_site_running_costs", Share::of(1, 2), ""},
                       {"集体经济", "collective_economy", Share::of(1, 2), ""}};
  approve(county, village, plan, kVillageA1);
  const auto rent =
      county.submit(village, income_of(site, "2000.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  CHECK(paid(reg.allocation(county.submit(village, AllocationRecorded{{rent}, 0}, "2026-07-02"))) ==
        Paid{{0, 100'000}, {0, 100'000}});
  // The greenhouse's income may not run the site: that line is left out and its fraction goes
  // to the other line, here the whole.
  const auto other = county.submit(
      village, income_of(greenhouse, "2000.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  const auto payments =
      reg.allocation(county.submit(village, AllocationRecorded{{other}, 0}, "2026-07-02"));
  CHECK(paid(payments) == Paid{{0, 200'000}});
  CHECK(payments[0].line == "集体经济");
}

TEST_CASE("a contract's guaranteed return is compared with what its operator paid, year by year") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  // 1,500,000.00 at 6% = 90,000.00 a year from 2022, stepping up 5% a year: 2025 owes
  // 90,000.00 × 1.05³ = 104,186.25.
  OperationContracted lease = county.lease(greenhouse);
  lease.from = Date::parse("2022-01-01");
  lease.until = Date::parse("2031-12-31");
  lease.principal = Money::parse_yuan("1500000.00");
  lease.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1, "2022-01-01")};
  county.submit(1, lease, "2022-01-01");
  auto pay = [&](const char* yuan, const char* from, const char* until, std::uint64_t payer) {
    IncomeRecorded income = income_of(greenhouse, yuan, from, until);
    income.payer_party = payer;
    county.submit(village, income, until);
  };
  pay("90000.00", "2022-01-01", "2022-12-31", county.enterprise);
  pay("94500.00", "2023-01-01", "2023-12-31", county.enterprise);     // 90,000 × 1.05
  pay("99225.00", "2024-01-01", "2024-12-31", county.enterprise);     // 90,000 × 1.05²
  pay("60000.00", "2025-01-01", "2025-12-31", county.enterprise);     // short
  pay("50000.00", "2025-01-01", "2025-12-31", county.collective_a1);  // not the operator's
  std::vector<std::string> findings;
  for (const Finding& f : reg.audit(Date::parse("2026-06-30"))) {
    if (f.rule == "guarantee_not_paid") findings.push_back(f.evidence());
  }
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0], Catch::Contains("2025-01-01 to 2025-12-31: guaranteed 104186.25 yuan"));
  CHECK_THAT(findings[0], Catch::Contains("60000.00 yuan, short 44186.25 yuan"));
  // The year under way is not judged before it ends.
  for (const Finding& f : reg.audit(Date::parse("2026-12-31"))) {
    CHECK_FALSE(
        (f.rule == "guarantee_not_paid" && f.evidence().find("2026-01-01") != std::string::npos));
  }
  // A new operator from 2026 does not erase the old contract's shortfall; the old contract
  // ends where the new one begins.
  OperationContracted renewal = county.lease(greenhouse);
  renewal.from = Date::parse("2026-01-01");
  renewal.until = Date::parse("2030-12-31");
  renewal.resolutions = {county.lease_resolution(county.collective_a1, kVillageA1)};
  county.submit(1, renewal, "2026-01-01");
  auto shortfalls = [&](const char* day) {
    std::vector<std::string> out;
    for (const Finding& f : reg.audit(Date::parse(day))) {
      if (f.rule == "guarantee_not_paid") out.push_back(f.evidence());
    }
    return out;
  };
  REQUIRE(shortfalls("2026-06-30").size() == 1);
  CHECK_THAT(shortfalls("2026-06-30")[0], Catch::Contains("2025-01-01 to 2025-12-31"));
  // The new lease's first year (120,000.00 at 6% = 7,200.00 due, nothing paid) is found once it
  // has ended.
  const auto next_year = shortfalls("2027-01-05");
  REQUIRE(next_year.size() == 2);
  CHECK_THAT(next_year[1], Catch::Contains("2026-01-01 to 2026-12-31: guaranteed 7200.00 yuan"));
}

TEST_CASE(
    "disposal proceeds follow the owners: a household's are its own, a village's restricted") {
  // The disposal chains themselves are tested in disposal_test.cpp; here only where the
  // proceeds go, through the register's income parts.
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  // A village's plan for proceeds may pay consolidation purposes, posts and support included,
  // but no collective economy and no guarantee.
  PlanApproved proceeds = collective_plan(county.collective_a1, "处置收入方案");
  proceeds.restricted = true;
  CHECK_THAT(error_of([&] { approve(county, village, proceeds, kVillageA1); }).what(),
             Catch::Contains("not collective_economy"));
  proceeds.proportional = {{"管护", "operation_and_maintenance", Share::of(1, 2), ""},
                           {"岗位", "public_welfare_posts", Share::of(1, 2), "A1岗位"}};
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1岗位", county.household_a1, 1,
                                            1, Date(), ""});
  approve(county, village, proceeds, kVillageA1);
  // A plan for proceeds does not allocate income: the greenhouse's rent needs an income plan.
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  const auto rent = county.submit(
      village, income_of(greenhouse, "100.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  CHECK_THAT(error_of([&] {
               county.submit(village, AllocationRecorded{{rent}, 0}, "2026-07-02");
             }).what(),
             Catch::Contains("has no approved plan"));
  CHECK(reg.income_parts(rent).at(0).plan == 0);
}

TEST_CASE("the worked example of docs/rules.md section 4, to the fen") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto station = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                     {{county.collective_a1, Share::of(2, 5)},
                                                      {county.collective_a2, Share::of(2, 5)},
                                                      {county.collective_b1, Share::of(1, 5)}}));
  const auto post_holder = county.household("王五", kVillageA1, 5);
  const auto wang = county.household("王二", kVillageA1, 3);
  const auto li = county.household("李四", kVillageA1, 4);
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1岗位", post_holder, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(
      village,
      BeneficiaryChanged{county.collective_a1, "A1保底", county.household_a1, 1, 1, Date(), ""},
      "2025-12-01");
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1奖补", wang, 2, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{county.collective_a1, "A1奖补", li, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village,
                BeneficiaryChanged{county.collective_a1, "A1奖补", li, 0, 0,
                                   Date::parse("2026-02-20"), "迁出"},
                "2026-02-20");
  PlanApproved plan = collective_plan(county.collective_a1, "A1收益分配方案");
  plan.fixed = {{"公益性岗位", "public_welfare_posts", Money::parse_yuan("500.00"), "A1岗位"}};
  plan.guaranteed = {{"张三保底", county.household_a1, Money::parse_yuan("10000.00"),
                      Share::of(6, 100), Money(), "A1保底"}};
  plan.proportional = {{"村公益事业", "village_public_welfare", Share::of(1, 2), ""},
                       {"产业奖补", "production_incentives", Share::of(1, 2), "A1奖补"}};
  approve(county, village, plan, kVillageA1);
  IncomeRecorded sales = income_of(station, "10000.01", "2026-01-01", "2026-03-31");
  sales.kind = IncomeKind::kElectricity;
  const auto income = county.submit(1, sales, "2026-04-05");
  std::vector<std::int64_t> parts;
  for (const IncomePart& p : reg.income_parts(income)) parts.push_back(p.amount.fen());
  CHECK(parts == std::vector<std::int64_t>{400'001, 400'000, 200'000});
  const auto allocation =
      county.submit(village, AllocationRecorded{{income}, county.collective_a1}, "2026-07-10");
  CHECK(paid(reg.allocation(allocation)) == Paid{{post_holder, 50'000},
                                                 {county.household_a1, 14'795},
                                                 {0, 167'603},
                                                 {wang, 125'702},
                                                 {li, 41'901}});
}

TEST_CASE("a guarantee is paid once a day, wages by holder and month, weights by each stay") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(1, 1)}}));
  const auto station = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                     {{county.collective_a1, Share::of(1, 1)}}));
  const auto guard = county.household("王二", kVillageA1, 3);
  const auto li = county.household("李四", kVillageA1, 4);
  const std::uint64_t a1 = county.collective_a1;
  county.submit(village, BeneficiaryChanged{a1, "A1保底", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1岗位", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1岗位", guard, 1, 1, Date(), ""}, "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", li, 1, 1, Date(), ""}, "2025-12-01");
  // 王二 leaves his post on 31 January; 李四 leaves the list on 20 February and comes back on
  // 5 March with weight 5.
  county.submit(village,
                BeneficiaryChanged{a1, "A1岗位", guard, 0, 0, Date::parse("2026-01-31"), "辞岗"},
                "2026-01-31");
  county.submit(village,
                BeneficiaryChanged{a1, "A1奖补", li, 0, 0, Date::parse("2026-02-20"), "外出"},
                "2026-02-20");
  CHECK_THAT(error_of([&] {
               county.submit(village, BeneficiaryChanged{a1, "A1奖补", li, 5, 1, Date(), ""},
                             "2026-02-19");
             }).what(),
             Catch::Contains("cannot rejoin before"));
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", li, 5, 1, Date(), ""}, "2026-03-05");
  PlanApproved plan = collective_plan(a1, "方案");
  // Wages of 3,000.00 a quarter for each post holder; a fixed guarantee of 6,000.00 a year.
  plan.fixed = {{"护林员工资", "public_welfare_posts", Money::parse_yuan("3000.00"), "A1岗位"}};
  plan.guaranteed = {{"张三保底", county.household_a1, Money(), Share::of(0, 1),
                      Money::parse_yuan("6000.00"), "A1保底"}};
  plan.proportional = {{"产业奖补", "production_incentives", Share::of(1, 1), "A1奖补"}};
  approve(county, village, plan, kVillageA1);

  const auto rent = county.submit(
      village, income_of(greenhouse, "20000.00", "2026-01-01", "2026-03-31"), "2026-04-01");
  // Wages: 张三 the whole quarter, 3,000.00; 王二 January only, 1,000.00. The guarantee for the
  // quarter's 90 days: 6,000.00 × 90 / 365 = 1,479.452... = 1,479.45. Left: 20,000.00 −
  // 4,000.00 − 1,479.45 = 14,520.55 over 张三 (1 × 3/3) and 李四 (January and February at 1,
  // March at 5: 7/3), 3 : 7: 4,356.165 and 10,164.385; the floors leave one fen, the remainders
  // tie at a half fen, and it goes to the earlier, 张三.
  CHECK(paid(reg.allocation(county.submit(village, AllocationRecorded{{rent}, 0}, "2026-07-02"))) ==
        Paid{{county.household_a1, 300'000},
             {guard, 100'000},
             {county.household_a1, 147'945},
             {county.household_a1, 435'617},
             {li, 1'016'438}});
  // Electricity of the same quarter from the other asset: the guarantee's days are paid
  // already; wages are per income line as the plan says.
  const auto power = county.submit(
      village, income_of(station, "5000.00", "2026-02-01", "2026-03-31"), "2026-04-01");
  const auto second =
      reg.allocation(county.submit(village, AllocationRecorded{{power}, 0}, "2026-07-02"));
  REQUIRE(second.size() == 4);
  CHECK(second[1].purpose == "guaranteed_return");
  CHECK(second[1].amount.fen() == 0);
}

TEST_CASE("attempts on the money rules: a guarantee twice, pay after death, lists, boards, dates") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  const auto greenhouse =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {{a1, Share::of(1, 1)}}));
  // A2 listed first: of one fen, the tie goes to A2 and A1's part is zero.
  const auto station = county.submit(
      1, county.asset(AssetClass::kOperating, kVillageA1,
                      {{county.collective_a2, Share::of(1, 2)}, {a1, Share::of(1, 2)}}));
  const auto wang = county.household("王二", kVillageA1, 3);
  county.submit(village, BeneficiaryChanged{a1, "A1保底", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", wang, 1, 1, Date(), ""}, "2025-12-01");
  // A village (or the owner itself) on a village's list: refused.
  CHECK_THAT(error_of([&] {
               county.submit(village, BeneficiaryChanged{a1, "A1奖补", a1, 1, 1, Date(), ""});
             }).what(),
             Catch::Contains("villages are on a township's lists"));
  PlanApproved plan = collective_plan(a1, "方案");
  plan.guaranteed = {{"张三保底", county.household_a1, Money::parse_yuan("100000.00"),
                      Share::of(6, 100), Money(), "A1保底"},
                     {"张三保底", county.household_a1, Money::parse_yuan("100000.00"),
                      Share::of(6, 100), Money(), "A1保底"}};
  plan.proportional = {{"产业奖补", "production_incentives", Share::of(1, 1), "A1奖补"}};
  // Two lines of one name; no proportional line; a notice on the county's board.
  CHECK_THAT(error_of([&] { approve(county, village, plan, kVillageA1); }).what(),
             Catch::Contains("named twice"));
  PlanApproved empty = collective_plan(a1, "空方案");
  empty.proportional.clear();
  CHECK_THAT(error_of([&] { approve(county, village, empty, kVillageA1); }).what(),
             Catch::Contains("at least one proportional line"));
  // The same holder on two lines under two names: the second finds the days taken.
  plan.guaranteed[1].line = "张三保底二";
  PlanApproved on_county_board = plan;
  on_county_board.resolution = county.submit(
      village,
      ResolutionAdopted{a1, Meeting::kRepresentativesMeeting, ResolutionSubject::kAllocationPlan, 0,
                        "方案", Date::parse("2026-05-30"), 30, 24, 20},
      "2026-05-30");
  on_county_board.notice = county.submit(1,
                                         NoticePosted{NoticeSubject::kAllocationPlan,
                                                      on_county_board.resolution,
                                                      kCounty.county_code,
                                                      "县政府公告栏",
                                                      Date::parse("2026-06-01"),
                                                      Date::parse("2026-06-10"),
                                                      {}},
                                         "2026-06-01");
  county.clock.reach(county.clock.today().plus_days(11));
  CHECK_THAT(error_of([&] { county.submit(village, on_county_board, "2026-06-20"); }).what(),
             Catch::Contains("not the village or township board"));
  approve(county, village, plan, kVillageA1);
  // 王二 died on 5 January; a meter month from 16 January to 15 February pays him nothing.
  county.submit(village,
                BeneficiaryChanged{a1, "A1奖补", wang, 0, 0, Date::parse("2026-01-05"), "死亡"},
                "2026-01-05");
  const auto meter = county.submit(
      village, income_of(greenhouse, "1000.00", "2026-01-16", "2026-02-15"), "2026-02-20");
  // An allocation dated before the plan's approval: refused.
  CHECK_THAT(error_of([&] {
               county.submit(village, AllocationRecorded{{meter}, 0}, "2026-03-01");
             }).what(),
             Catch::Contains("was approved on 2026-06-20"));
  const auto paid_meter =
      reg.allocation(county.submit(village, AllocationRecorded{{meter}, 0}, "2026-07-01"));
  for (const Payment& p : paid_meter) CHECK(p.party != wang);
  // 31 days at 6% on 100,000.00 = 509.59 once; the second line finds the days taken: 0.
  REQUIRE(paid_meter.size() == 3);
  CHECK(paid_meter[0].amount.fen() == 50'959);
  CHECK(paid_meter[1].amount.fen() == 0);
  CHECK(paid_meter[2].amount.fen() == 100'000 - 50'959);
  // A zero part settles no day: the station's 0.01 split in halves gives A1 nothing, and A1's
  // own rent for the same days still pays the guarantee.
  const auto crumb =
      county.submit(village, income_of(station, "0.01", "2026-03-01", "2026-03-31"), "2026-04-01");
  const auto crumbs = reg.income_parts(crumb);
  REQUIRE(crumbs.size() == 2);
  CHECK(crumbs[0].owner == a1);  // parts are listed by owner id
  CHECK(crumbs[0].amount.fen() == 0);
  county.submit(village, AllocationRecorded{{crumb}, a1}, "2026-07-01");
  const auto rent = county.submit(
      village, income_of(greenhouse, "1000.00", "2026-03-01", "2026-03-31"), "2026-04-01");
  const auto paid_rent =
      reg.allocation(county.submit(village, AllocationRecorded{{rent}, 0}, "2026-07-01"));
  CHECK(paid_rent[0].amount.fen() == 50'959);  // March: 31 days, not taken by the zero part
  // A household that joined on 20 April earns nothing of a period that ended on 10 April.
  const auto late = county.household("王八", kVillageA1, 8);
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", late, 1, 1, Date(), ""}, "2026-04-20");
  const auto early = county.submit(
      village, income_of(greenhouse, "100.00", "2026-04-01", "2026-04-10"), "2026-04-11");
  for (const Payment& p :
       reg.allocation(county.submit(village, AllocationRecorded{{early}, 0}, "2026-07-01"))) {
    CHECK(p.party != late);
  }
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("a death entered after the allocation shows as a payment beyond the months on the list") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  const auto greenhouse =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {{a1, Share::of(1, 1)}}));
  const auto wang = county.household("王二", kVillageA1, 3);
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", wang, 1, 1, Date(), ""}, "2025-12-01");
  PlanApproved plan = collective_plan(a1, "方案");
  plan.proportional = {{"产业奖补", "production_incentives", Share::of(1, 1), "A1奖补"}};
  approve(county, village, plan, kVillageA1);
  const auto quarter = county.submit(
      village, income_of(greenhouse, "3000.00", "2026-01-01", "2026-03-31"), "2026-04-01");
  county.submit(village, AllocationRecorded{{quarter}, 0}, "2026-07-01");
  auto overpaid = [&] {
    std::vector<std::string> out;
    for (const Finding& f : reg.audit(Date::parse("2026-12-01"))) {
      if (f.rule == "beneficiary_paid_after_removal") out.push_back(f.evidence());
    }
    return out;
  };
  CHECK(overpaid().empty());
  // His death on 15 January is entered in July: he was paid 1,500.00 for three months and was
  // on the list for one.
  county.submit(village,
                BeneficiaryChanged{a1, "A1奖补", wang, 0, 0, Date::parse("2026-01-15"), "死亡"},
                "2026-07-02");
  const auto found = overpaid();
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0], Catch::Contains("party " + std::to_string(wang) + " was paid 1500.00") &&
                           Catch::Contains("for 3 month(s)") && Catch::Contains("was on it for 1"));
  // In Chinese, from the same values.
  std::vector<std::string> chinese;
  for (const Finding& f : reg.audit(Date::parse("2026-12-01"))) {
    if (f.rule == "beneficiary_paid_after_removal") chinese.push_back(evidence_zh(f));
  }
  REQUIRE(chinese.size() == 1);
  CHECK_THAT(chinese[0], Catch::StartsWith("受益对象（主体 " + std::to_string(wang) + "）") &&
                             Catch::Contains("（2026-01-01 至 2026-03-31）") &&
                             Catch::Contains("按名单“A1奖补”上 3 个月获分配 1500.00 元") &&
                             Catch::EndsWith("但其在名单上只有 1 个月"));
}

TEST_CASE("a bound income right receives the owners' income for its period") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const auto greenhouse = county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                                        {{county.collective_a1, Share::of(3, 5)},
                                                         {county.collective_a2, Share::of(2, 5)}}));
  // From 2026 the income right goes to the township (联镇带村), until the end of 2027: with the
  // consent of both owning villages, whose officials sign the binding.
  const std::uint64_t a2_committee =
      county.enrol("village A2", Role::kVillageCommittee, kVillageA2);
  const RightBound binding{greenhouse, RightKind::kIncome, county.township_a,
                           Date::parse("2026-01-01"), Date::parse("2027-12-31")};
  auto bind = [&](std::vector<std::uint64_t> approvers) {
    return county.submit_approved(county.actors["township A"], binding, "2026-01-06", approvers);
  };
  CHECK_THAT(error_of([&] { bind({village}); }).what(),
             Catch::Contains("consent of its owner party " + std::to_string(county.collective_a2)));
  bind({village, a2_committee});
  const auto before = county.submit(
      village, income_of(greenhouse, "1000.00", "2025-10-01", "2025-12-31"), "2026-01-05");
  const auto within = county.submit(
      village, income_of(greenhouse, "1000.00", "2026-01-01", "2026-03-31"), "2026-04-05");
  const std::vector<IncomePart> owners = reg.income_parts(before);
  REQUIRE(owners.size() == 2);
  CHECK(owners[0].amount.fen() == 60'000);
  const std::vector<IncomePart> holder = reg.income_parts(within);
  REQUIRE(holder.size() == 1);
  CHECK(holder[0].owner == county.township_a);
  CHECK(holder[0].amount.fen() == 100'000);
  CHECK(holder[0].disposition == PartDisposition::kAllocate);
  // An income across the binding's start is refused: recorded apart, each goes where it belongs.
  const std::uint64_t size = reg.ledger().size();
  CHECK_THAT(error_of([&] {
               county.submit(village, income_of(greenhouse, "1000.00", "2025-12-01", "2026-01-31"),
                             "2026-02-05");
             }).what(),
             Catch::Contains("record the income before and within the binding apart"));
  CHECK(reg.ledger().size() == size);
}

// --- the refusals in Chinese, for county staff ------------------------------------------------

namespace {

// The Chinese text of the refusal `f` throws; the English stays what the tests above check.
template <typename F>
std::string chinese_of(F&& f) {
  const Error error = error_of(std::forward<F>(f));
  return error.chinese();
}

// A plan's resolution and its notice (on `board`, 1 to 10 June), the clock not yet past it.
std::pair<std::uint64_t, std::uint64_t> resolved(County& county, std::uint64_t actor,
                                                 std::uint64_t owner, const std::string& board) {
  const auto resolution = county.submit(
      actor,
      ResolutionAdopted{owner, Meeting::kRepresentativesMeeting, ResolutionSubject::kAllocationPlan,
                        0, "收益分配方案", Date::parse("2026-05-30"), 30, 24, 20},
      "2026-05-30");
  const auto notice = county.submit(actor,
                                    NoticePosted{NoticeSubject::kAllocationPlan,
                                                 resolution,
                                                 board,
                                                 "公开栏",
                                                 Date::parse("2026-06-01"),
                                                 Date::parse("2026-06-10"),
                                                 {}},
                                    "2026-06-01");
  return {resolution, notice};
}

}  // namespace

TEST_CASE("Chinese: income is refused naming the asset by its code, the income and its dates") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const AssetRegistered cow_asset =
      county.asset(AssetClass::kHousehold, kVillageA1, {{county.household_a1, Share::of(1, 1)}});
  const auto cow = county.submit(1, cow_asset);
  const AssetRegistered greenhouse_asset =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  const auto greenhouse = county.submit(1, greenhouse_asset);

  // A household asset's income is the household's own.
  std::string zh = chinese_of([&] {
    county.submit(village, income_of(cow, "800.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  });
  CHECK_THAT(zh, Catch::Contains("资产 " + cow_asset.code + " 是到户类资产") &&
                     Catch::Contains("收益归农户自己所有"));
  // An income of nothing.
  zh = chinese_of([&] {
    county.submit(village, income_of(greenhouse, "0.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  });
  CHECK_THAT(zh, Catch::Contains("资产 " + greenhouse_asset.code + " 的收益金额须大于 0 元") &&
                     Catch::Contains("（amount：“0.00”）"));
  // A payer the register does not know.
  IncomeRecorded unknown_payer = income_of(greenhouse, "800.00", "2026-01-01", "2026-06-30");
  unknown_payer.payer_party = 999'999;
  CHECK_THAT(chinese_of([&] { county.submit(village, unknown_payer, "2026-07-01"); }),
             Catch::Contains("付款方主体 999999 未在台账中登记（payer_party）"));

  // Allocated only by an approved plan, and only once the earning period has ended.
  const auto spring = county.submit(
      village, income_of(greenhouse, "20000.00", "2026-01-01", "2026-06-30"), "2026-07-01");
  zh = chinese_of([&] { county.submit(village, AllocationRecorded{{spring}, 0}, "2026-07-02"); });
  CHECK_THAT(zh, Catch::Contains("主体 " + std::to_string(county.collective_a1) +
                                 "（A1村股份经济合作社）还没有批准的收益分配方案"));
  // An income that is not one, an owner with no part of it.
  zh = chinese_of([&] {
    county.submit(village, AllocationRecorded{{greenhouse}, 0}, "2026-07-02");
  });
  CHECK_THAT(zh, Catch::Contains("第 " + std::to_string(greenhouse) + " 条记录不是收益"));
  zh = chinese_of([&] {
    county.submit(1, AllocationRecorded{{spring}, county.collective_a2}, "2026-07-02");
  });
  CHECK_THAT(zh, Catch::Contains("主体 " + std::to_string(county.collective_a2) + " 在收益（第 " +
                                 std::to_string(spring) + " 条记录）中没有份额"));
  const auto autumn = county.submit(
      village, income_of(greenhouse, "20000.00", "2026-07-01", "2026-12-31"), "2026-11-30");
  zh = chinese_of([&] { county.submit(village, AllocationRecorded{{autumn}, 0}, "2026-11-30"); });
  CHECK_THAT(zh, Catch::Contains("收益（第 " + std::to_string(autumn) + " 条记录）") &&
                     Catch::Contains("到 2026-12-31 才结束"));
}

TEST_CASE("Chinese: an income across a bound income right is refused with the binding's dates") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const AssetRegistered asset = county.asset(
      AssetClass::kOperating, kVillageA1,
      {{county.collective_a1, Share::of(3, 5)}, {county.collective_a2, Share::of(2, 5)}});
  const auto greenhouse = county.submit(1, asset);
  const std::uint64_t a2_committee =
      county.enrol("village A2", Role::kVillageCommittee, kVillageA2);
  county.submit_approved(county.actors["township A"],
                         RightBound{greenhouse, RightKind::kIncome, county.township_a,
                                    Date::parse("2026-01-01"), Date::parse("2027-12-31")},
                         "2026-01-06", {village, a2_committee});
  const std::string zh = chinese_of([&] {
    county.submit(village, income_of(greenhouse, "1000.00", "2025-12-01", "2026-01-31"),
                  "2026-02-05");
  });
  CHECK_THAT(zh,
             Catch::Contains("资产 " + asset.code + " 的收益权自 2026-01-01 至 2027-12-31 归主体 " +
                             std::to_string(county.township_a) + " 享有") &&
                 Catch::Contains("分开登记"));
}

TEST_CASE("Chinese: beneficiary lists refuse strangers, villages, doubles and early dates") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  const auto wang = county.household("王二", kVillageA1, 3);
  county.submit(village, BeneficiaryChanged{a1, "A1奖补", wang, 1, 1, Date(), ""}, "2025-12-01");

  // A household of another village.
  std::string zh = chinese_of([&] {
    county.submit(1, BeneficiaryChanged{a1, "A1奖补", county.household_b1, 1, 1, Date(), ""});
  });
  CHECK_THAT(zh, Catch::Contains("主体 " + std::to_string(county.household_b1) + "（区划 " +
                                 kVillageB1 + "）不在主体 " + std::to_string(a1)) &&
                     Catch::Contains("不能列入它的受益对象名单"));
  // A village on a village's list.
  zh = chinese_of([&] {
    county.submit(village, BeneficiaryChanged{a1, "A1奖补", a1, 1, 1, Date(), ""});
  });
  CHECK_THAT(zh, Catch::Contains("是村集体经济组织，只能列入乡镇的受益对象名单（联镇带村）"));
  // A household owns no list.
  zh = chinese_of([&] {
    county.submit(1, BeneficiaryChanged{county.household_a1, "户名单", wang, 1, 1, Date(), ""});
  });
  CHECK_THAT(zh, Catch::Contains("受益对象名单属于按分配方案分配收益的产权主体") &&
                     Catch::Contains("主体 " + std::to_string(county.household_a1) + " 不是"));
  // On the list already, a weight of nothing.
  const Error twice = error_of([&] {
    county.submit(village, BeneficiaryChanged{a1, "A1奖补", wang, 1, 1, Date(), ""});
  });
  CHECK(twice.kind() == ErrorKind::kConflict);
  CHECK_THAT(twice.chinese(),
             Catch::Contains("主体 " + std::to_string(wang) + " 已在名单“A1奖补”中"));
  zh = chinese_of([&] {
    county.submit(village, BeneficiaryChanged{a1, "A1奖补", county.household_a1, 0, 1, Date(), ""});
  });
  CHECK_THAT(zh, Catch::Contains("受益对象的权重须大于 0（weight：“0/1”）"));
  // A removal ahead of its day; a return before the day it left.
  zh = chinese_of([&] {
    county.submit(village,
                  BeneficiaryChanged{a1, "A1奖补", wang, 0, 0, Date::parse("2026-09-01"), "迁出"},
                  "2026-08-01");
  });
  CHECK_THAT(zh, Catch::Contains("移出日期晚于本条记录的日期 2026-08-01") &&
                     Catch::Contains("（removed：“2026-09-01”）"));
  county.submit(village,
                BeneficiaryChanged{a1, "A1奖补", wang, 0, 0, Date::parse("2026-02-20"), "外出"},
                "2026-02-20");
  zh = chinese_of([&] {
    county.submit(village, BeneficiaryChanged{a1, "A1奖补", wang, 5, 1, Date(), ""}, "2026-02-19");
  });
  CHECK_THAT(zh,
             Catch::Contains("主体 " + std::to_string(wang) +
                             " 已于 2026-02-20 移出名单“A1奖补”，重新列入的日期不能早于移出日期"));
  zh = chinese_of([&] {
    county.submit(village,
                  BeneficiaryChanged{a1, "A1奖补", wang, 0, 0, Date::parse("2026-03-01"), "外出"},
                  "2026-03-01");
  });
  CHECK_THAT(zh, Catch::Contains("不在名单“A1奖补”中"));
}

TEST_CASE("Chinese: plans are refused for their owner, lines, guarantees, purposes and notices") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  county.submit(village, BeneficiaryChanged{a1, "A1保底", county.household_a1, 1, 1, Date(), ""},
                "2025-12-01");
  // A household has no plan: its part is its own.
  CHECK_THAT(chinese_of([&] {
               county.submit(village, collective_plan(county.household_a1, "户"), "2026-07-02");
             }),
             Catch::Contains("主体 " + std::to_string(county.household_a1) +
                             " 是农户，所得收益归自己所有"));
  auto refused = [&](const PlanApproved& plan) {
    return chinese_of([&] { approve(county, village, plan, kVillageA1); });
  };
  PlanApproved plan = collective_plan(a1, "方案");
  plan.proportional.push_back({"集体经济", "production_incentives", Share::of(0, 1), ""});
  CHECK_THAT(refused(plan), Catch::Contains("分配项名称“集体经济”在方案中重复"));
  plan = collective_plan(a1, "方案");
  plan.proportional.clear();
  CHECK_THAT(refused(plan), Catch::Contains("分配方案至少要有一个按比例分配项"));
  // Lines checked by the allocation rule itself (allocation.cpp).
  plan = collective_plan(a1, "方案");
  plan.proportional = {{"村干部补贴", "allowances_and_benefits", Share::of(1, 1), ""}};
  CHECK_THAT(refused(plan), Catch::Contains("分配项“村干部补贴”的用途属于禁止用途") &&
                                Catch::Contains("发放津补贴福利"));
  plan.proportional = {{"集体经济", "collective_economy", Share::of(1, 2), ""},
                       {"奖补", "production_incentives", Share::of(1, 3), ""}};
  CHECK_THAT(refused(plan), Catch::Contains("各按比例分配项的比例之和须恰好等于 1") &&
                                Catch::Contains("1/2 + 1/3"));
  plan = collective_plan(a1, "方案");
  plan.fixed = {{"岗位工资", "public_welfare_posts", Money::parse_yuan("500.00"), ""}};
  CHECK_THAT(refused(plan),
             Catch::Contains("公益性岗位（public_welfare_posts）的分配项须写明岗位人员名单"));
  // Guarantees: an enterprise holds none; a household only through a list it is on.
  plan = collective_plan(a1, "方案");
  plan.guaranteed = {
      {"保底", county.enterprise, Money::parse_yuan("100000.00"), Share::of(6, 100), Money(), ""}};
  CHECK_THAT(refused(plan), Catch::Contains("主体 " + std::to_string(county.enterprise) +
                                            " 是企业；保底收益只能由农户"));
  plan.guaranteed = {{"李四保底", county.household_b1, Money::parse_yuan("100000.00"),
                      Share::of(6, 100), Money(), "A1保底"}};
  CHECK_THAT(refused(plan),
             Catch::Contains("主体 " + std::to_string(county.household_b1) +
                             " 不在名单“A1保底”中，不能享有保底收益分配项“李四保底”"));
  // Disposal proceeds: consolidation purposes only, and no guarantee.
  plan = collective_plan(a1, "处置收入方案");
  plan.restricted = true;
  CHECK_THAT(refused(plan),
             Catch::Contains(
                 "处置收入只能用于巩固拓展脱贫攻坚成果和乡村振兴，不能用于“collective_economy”"));
  plan.proportional = {{"管护", "operation_and_maintenance", Share::of(1, 1), ""}};
  plan.guaranteed = {{"张三保底", county.household_a1, Money::parse_yuan("100000.00"),
                      Share::of(6, 100), Money(), "A1保底"}};
  CHECK_THAT(refused(plan), Catch::Contains("处置收入是限定用途的收入，不能支付保底收益"));

  // The procedure: a notice on the village's own board that has run, with no objection upheld.
  plan = collective_plan(a1, "方案");
  {
    PlanApproved early = plan;
    std::tie(early.resolution, early.notice) = resolved(county, village, a1, kVillageA1);
    CHECK_THAT(chinese_of([&] { county.submit(village, early, "2026-06-05"); }),
               Catch::Contains("公示（第 " + std::to_string(early.notice) +
                               " 条记录）到 2026-06-10 才期满；公示期满前不能办理所公示的事项"));
    county.submit(village, ObjectionRecorded{early.notice, true, "群众反映分配比例不合理"},
                  "2026-06-05");
    county.clock.reach(county.clock.today().plus_days(11));
    CHECK_THAT(chinese_of([&] { county.submit(village, early, "2026-06-20"); }),
               Catch::Contains("公示（第 " + std::to_string(early.notice) +
                               " 条记录）收到的异议经核实成立"));
  }
  PlanApproved on_county_board = plan;
  std::tie(on_county_board.resolution, on_county_board.notice) =
      resolved(county, 1, a1, kCounty.county_code);
  county.clock.reach(county.clock.today().plus_days(11));
  CHECK_THAT(chinese_of([&] { county.submit(village, on_county_board, "2026-06-20"); }),
             Catch::Contains("发布在区划 " + std::string(kCounty.county_code)) &&
                 Catch::Contains("所在村或乡镇的公示栏公示"));
  // A resolution carries one plan: relied on twice, the second is a conflict.
  PlanApproved first = plan;
  std::tie(first.resolution, first.notice) = resolved(county, village, a1, kVillageA1);
  county.clock.reach(county.clock.today().plus_days(11));
  const auto approved = county.submit(village, first, "2026-06-20");
  const Error again = error_of([&] { county.submit(village, first, "2026-06-21"); });
  CHECK(again.kind() == ErrorKind::kConflict);
  CHECK_THAT(again.chinese(),
             Catch::Contains("决议（第 " + std::to_string(first.resolution) + " 条记录）已被第 " +
                             std::to_string(approved) + " 条记录采用，一份决议只能用一次"));
}

TEST_CASE("Chinese: a township's plan is recorded by the county bureau, naming its decision") {
  County county;
  const std::uint64_t bureau =
      county.enrol("bureau", Role::kCountyRuralRevitalization, kCounty.county_code);
  const std::uint64_t township = county.actors["township A"];
  PlanApproved town_plan;
  town_plan.owner = county.township_a;
  town_plan.name = "永靖镇联镇带村收益分配方案";
  town_plan.proportional = {{"带村分红", "village_public_welfare", Share::of(1, 1), ""}};
  const Error by_township = error_of([&] { county.submit(township, town_plan, "2026-06-01"); });
  CHECK(by_township.kind() == ErrorKind::kUnauthorized);
  CHECK_THAT(by_township.chinese(),
             Catch::Contains("人员 " + std::to_string(township) + "（乡镇人民政府）不能登记") &&
                 Catch::Contains("应由县乡村振兴局登记"));
  CHECK_THAT(chinese_of([&] { county.submit(bureau, town_plan, "2026-06-01"); }),
             Catch::Contains("请写明产权主体对分配方案的决定"));
  town_plan.decision = "永靖镇党委会议纪要〔2026〕5号";
  town_plan.resolution = 1;
  CHECK_THAT(chinese_of([&] { county.submit(bureau, town_plan, "2026-06-01"); }),
             Catch::Contains("的分配方案由其自行决定") && Catch::Contains("不经村民会议决议"));
}

TEST_CASE("Chinese: allocations refuse own money, unflagged support, early dates and repeats") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  const auto able = flagged_household(county, "王七", kVillageA1, 7, false);
  county.submit(village, BeneficiaryChanged{a1, "A1弱劳", able, 1, 1, Date(), ""}, "2025-12-01");
  const auto greenhouse = county.submit(
      1, county.asset(AssetClass::kOperating, kVillageA1,
                      {{a1, Share::of(1, 2)}, {county.household_a1, Share::of(1, 2)}}));
  PlanApproved plan = collective_plan(a1, "方案");
  plan.fixed = {{"兜底", "support_unable_to_work", Money::parse_yuan("600.00"), "A1弱劳"}};
  approve(county, village, plan, kVillageA1);
  const auto income = county.submit(
      village, income_of(greenhouse, "1500.00", "2026-01-01", "2026-03-31"), "2026-04-01");
  // The household's half is its own.
  CHECK_THAT(
      chinese_of([&] {
        county.submit(village, AllocationRecorded{{income}, county.household_a1}, "2026-07-02");
      }),
      Catch::Contains("主体 " + std::to_string(county.household_a1) +
                      " 的这部分收益归其自己所有，不按分配方案分配"));
  // Before the plan was approved.
  CHECK_THAT(chinese_of([&] {
               county.submit(village, AllocationRecorded{{income}, 0}, "2026-05-01");
             }),
             Catch::Contains("于 2026-06-20 批准，晚于本次分配的日期 2026-05-01"));
  // A support line paying a household not flagged unable to work.
  CHECK_THAT(chinese_of([&] {
               county.submit(village, AllocationRecorded{{income}, 0}, "2026-07-02");
             }),
             Catch::Contains("名单“A1弱劳”中的农户 " + std::to_string(able) +
                             "（王七）没有标记为无劳动能力"));
  // Allocated once: the second time is a conflict.
  const auto flagged = flagged_household(county, "王五", kVillageA1, 5, true);
  county.submit(village,
                BeneficiaryChanged{a1, "A1弱劳", able, 0, 0, Date::parse("2025-12-02"), "更正"},
                "2025-12-02");
  county.submit(village, BeneficiaryChanged{a1, "A1弱劳", flagged, 1, 1, Date(), ""}, "2025-12-02");
  // The same income twice in one allocation.
  CHECK_THAT(chinese_of([&] {
               county.submit(village, AllocationRecorded{{income, income}, 0}, "2026-07-02");
             }),
             Catch::Contains("第 " + std::to_string(income) + " 条记录的收益列了两次"));
  const auto allocation = county.submit(village, AllocationRecorded{{income}, 0}, "2026-07-02");
  const Error again = error_of([&] {
    county.submit(village, AllocationRecorded{{income}, 0}, "2026-07-03");
  });
  CHECK(again.kind() == ErrorKind::kConflict);
  CHECK_THAT(again.chinese(), Catch::Contains("已由第 " + std::to_string(allocation) +
                                              " 条记录分配过，不能重复分配"));
}

TEST_CASE("Chinese: meetings without quorum or majority, notices short or on the wrong board") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t a1 = county.collective_a1;
  auto meeting = [&](Meeting kind, std::uint32_t eligible, std::uint32_t present,
                     std::uint32_t in_favour) {
    return chinese_of([&] {
      county.submit(village,
                    ResolutionAdopted{a1, kind, ResolutionSubject::kAllocationPlan, 0, "方案",
                                      Date::parse("2026-05-30"), eligible, present, in_favour},
                    "2026-05-30");
    });
  };
  // publicity.cpp: the counts.
  CHECK_THAT(meeting(Meeting::kRepresentativesMeeting, 30, 10, 8),
             Catch::Contains("村民代表会议应到 30 人、实到 10 人，不足三分之二"));
  CHECK_THAT(meeting(Meeting::kVillagersAssembly, 100, 50, 40),
             Catch::Contains("村民会议应到 100 人、实到 50 人，未超过半数"));
  CHECK_THAT(meeting(Meeting::kRepresentativesMeeting, 30, 24, 12),
             Catch::Contains("实到 24 人，赞成 12 人，未超过半数，决议未获通过"));
  CHECK_THAT(meeting(Meeting::kRepresentativesMeeting, 30, 31, 20),
             Catch::Contains("实到人数多于应到会的 30 人（present：“31”）"));
  // fold_publicity.cpp: who resolves, in which meeting, on which day.
  CHECK_THAT(meeting(Meeting::kMembersAssembly, 30, 24, 20),
             Catch::Contains("成员大会是合作社的会议"));
  CHECK_THAT(chinese_of([&] {
               county.submit(village,
                             ResolutionAdopted{a1, Meeting::kRepresentativesMeeting,
                                               ResolutionSubject::kAllocationPlan, 0, "方案",
                                               Date::parse("2026-06-30"), 30, 24, 20},
                             "2026-05-30");
             }),
             Catch::Contains("会议日期晚于本条记录的生效日期 2026-05-30"));
  CHECK_THAT(chinese_of([&] {
               county.submit(
                   1,
                   ResolutionAdopted{county.household_a1, Meeting::kRepresentativesMeeting,
                                     ResolutionSubject::kAllocationPlan, 0, "方案",
                                     Date::parse("2026-05-30"), 30, 24, 20},
                   "2026-05-30");
             }),
             Catch::Contains("主体 " + std::to_string(county.household_a1) + " 不是其中之一"));
  const auto resolution = county.submit(
      village,
      ResolutionAdopted{a1, Meeting::kRepresentativesMeeting, ResolutionSubject::kAllocationPlan, 0,
                        "方案", Date::parse("2026-05-30"), 30, 24, 20},
      "2026-05-30");
  auto notice = [&](std::uint64_t subject, const char* board, const char* start, const char* end) {
    return chinese_of([&] {
      county.submit(1,
                    NoticePosted{NoticeSubject::kAllocationPlan,
                                 subject,
                                 board,
                                 "公开栏",
                                 Date::parse(start),
                                 Date::parse(end),
                                 {}},
                    "2026-06-01");
    });
  };
  CHECK_THAT(notice(resolution, kVillageA1, "2026-06-01", "2026-06-05"),
             Catch::Contains("公示期只有 5 天，少于政策设置要求的 10 天"));
  CHECK_THAT(notice(resolution, kVillageA1, "2026-06-10", "2026-06-01"),
             Catch::Contains("公示结束日期早于开始日期 2026-06-10"));
  CHECK_THAT(notice(resolution, kVillageA1, "2026-05-20", "2026-06-05"),
             Catch::Contains("公示开始日期早于 2026-05-30 通过分配方案的会议"));
  CHECK_THAT(notice(resolution, kVillageA2, "2026-06-01", "2026-06-10"),
             Catch::Contains("公示发布在区划 " + std::string(kVillageA2) +
                             "，而所公示的收益分配方案在区划 " + kVillageA1 + "，当地群众看不到"));
  CHECK_THAT(notice(999'999, kVillageA1, "2026-06-01", "2026-06-10"),
             Catch::Contains("找不到决议（第 999999 条记录）"));
  CHECK_THAT(chinese_of([&] {
               county.submit(1,
                             NoticePosted{NoticeSubject::kAllocationResult,
                                          resolution,
                                          kVillageA1,
                                          "公开栏",
                                          Date::parse("2026-06-01"),
                                          Date::parse("2026-06-10"),
                                          {}},
                             "2026-06-01");
             }),
             Catch::Contains("第 " + std::to_string(resolution) + " 条记录不是收益分配"));
}

TEST_CASE("Chinese: the allocation rule names the line and the money left, in yuan") {
  AllocationPlan plan;
  plan.fixed = {{"管护", "operation_and_maintenance", Money::parse_yuan("300.00"), {}}};
  Error error = error_of([&] { allocate(Money::parse_yuan("1000.00"), plan, 365); });
  CHECK_THAT(error.chinese(), Catch::Contains("支付固定分配项和保底收益后还剩 700.00 元"));
  CHECK_THAT(error_of([&] { allocate(Money::parse_yuan("-1.00"), plan, 365); }).chinese(),
             Catch::Contains("分配金额不能为负数"));
  plan.proportional = {{"集体经济", "collective_economy", Share::of(1, 1), {}}};
  plan.guaranteed = {{"张三保底", Money(), Share::of(0, 1), std::nullopt, std::nullopt}};
  CHECK_THAT(error_of([&] { allocate(Money::parse_yuan("1000.00"), plan, 365); }).chinese(),
             Catch::Contains("保底收益分配项“张三保底”请填写本金和收益率，或者只填写固定金额"));
  plan.guaranteed.clear();
  plan.fixed[0].purpose = "banquets";
  CHECK_THAT(error_of([&] { allocate(Money::parse_yuan("1000.00"), plan, 365); }).chinese(),
             Catch::Contains("分配项“管护”的用途不是政策设置中的用途") &&
                 Catch::Contains("（fixed[0] (line \"管护\").purpose：“banquets”）"));
}

// Disposal: the signed approval chain of docs/rules.md §5, every transition valid and invalid.
#include <catch2/catch.hpp>
#include <map>
#include <tuple>

#include "taizhang/chinese.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;  // the test county, its places, helpers

namespace {

const Signer& key_of(std::uint64_t actor) { return actor_key(actor); }

struct County {
  ScratchDir dir;
  // The register's clock follows the story: each write moves it to the write's day, so the
  // time rules (a notice runs ten days from when it is recorded) hold as the dates say.
  TestClock clock{Date::parse("2026-01-01")};

  Registry reg;
  std::uint64_t next_actor = 2;
  std::uint64_t next_request = 1;
  int next_code = 1;
  std::uint64_t a1 = 0, a2 = 0, township = 0, household = 0;
  std::map<std::string, std::uint64_t> actor;

  County()
      : reg(Registry::create(dir.path() + "/reg", kCounty, test_key(kCounty.origin, 1),
                             key_of(1).verifier().public_key(), [this] {
                               LedgerOptions o;
                               o.durable = false;
                               o.clock_micros = clock.function();
                               return o;
                             }())) {
    for (const char* code : {kCounty.county_code.c_str(), kTownA, kVillageA1, kVillageA2, kTownB}) {
      submit(1, DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()});
    }
    for (const auto& [name, role, where] : std::vector<std::tuple<std::string, Role, std::string>>{
             {"A1 director", Role::kVillageCommittee, kVillageA1},
             {"A1 clerk", Role::kVillageCommittee, kVillageA1},
             {"A1 assembly", Role::kVillageAssembly, kVillageA1},
             {"A2 director", Role::kVillageCommittee, kVillageA2},
             {"A2 clerk", Role::kVillageCommittee, kVillageA2},
             {"A2 assembly", Role::kVillageAssembly, kVillageA2},
             {"town A", Role::kTownshipGovernment, kTownA},
             {"town A deputy", Role::kTownshipGovernment, kTownA},
             {"town B", Role::kTownshipGovernment, kTownB},
             {"revitalization", Role::kCountyRuralRevitalization, kCounty.county_code},
             {"finance", Role::kCountyFinance, kCounty.county_code},
             {"government", Role::kCountyGovernment, kCounty.county_code},
             {"water bureau", Role::kSectorDepartment, kCounty.county_code}}) {
      const std::uint64_t id = next_actor++;
      submit(1, ActorKeyEnrolled{id, name, role, where, key_of(id).verifier().public_key()});
      actor[name] = id;
    }
    a1 = party(PartyKind::kVillageCollective, kVillageA1);
    a2 = party(PartyKind::kVillageCollective, kVillageA2);
    township = party(PartyKind::kTownship, kTownA);
    PartyRegistered h;
    h.kind = PartyKind::kHousehold;
    h.name = "张三";
    h.division = kVillageA1;
    h.person_hash = Bytes(32, 9);
    household = submit(1, h);
  }

  std::uint64_t submit(std::uint64_t by, RegistryWrite write, const char* day = "2026-02-01") {
    clock.reach(Date::parse(day));
    return reg.submit({{by, Date::parse(day), {}, &actor_key(by)}, std::move(write)});
  }

  // Submits `write` by `by`, signed with `signer`'s key (the actor's own unless forging).
  std::uint64_t signed_submit(std::uint64_t by, RegistryWrite write, const char* day,
                              std::optional<std::uint64_t> signer_key = std::nullopt) {
    clock.reach(Date::parse(day));
    RegistryRequest request{{by, Date::parse(day), {}, &key_of(by)}, std::move(write), {}};
    request.context.request_id[0] = 0x5d;
    request.context.request_id[15] = static_cast<std::uint8_t>(next_request);
    request.context.request_id[14] = static_cast<std::uint8_t>(next_request++ >> 8);
    request.approvals.push_back(
        {by, key_of(signer_key.value_or(by)).sign_record(reg.approval_bytes(request))});
    return reg.submit(request);
  }

  std::uint64_t party(PartyKind kind, const std::string& division) {
    PartyRegistered p;
    p.kind = kind;
    p.name = "party " + std::to_string(next_code);
    p.division = division;
    p.credit_code = credit_code(next_code++);
    return submit(1, p);
  }

  std::uint64_t asset(AssetClass asset_class, std::vector<OwnerShare> owners,
                      const char* original = "120000.00") {
    AssetRegistered a;
    a.code = "XF-" + std::to_string(next_code++);
    a.asset_class = asset_class;
    a.description.name = "greenhouse";
    a.description.category = AssetCategory::kGreenhouse;
    a.description.division = kVillageA1;
    a.description.completed = Date::parse("2021-06-30");
    a.description.original = Money::parse_yuan(original);
    a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
    a.owners = std::move(owners);
    return submit(1, a, "2026-01-05");
  }

  DisposalStep step(std::uint64_t request, std::uint16_t index, bool approve = true) {
    DisposalStep s;
    s.request = request;
    s.step = index;
    s.approve = approve;
    return s;
  }
  DisposalStep resolution(std::uint64_t request, std::uint16_t index, std::uint64_t resolution) {
    DisposalStep s = step(request, index);
    s.resolution = resolution;
    return s;
  }
  DisposalStep publicity(std::uint64_t request, std::uint16_t index, std::uint64_t notice) {
    DisposalStep s = step(request, index);
    s.notice = notice;
    return s;
  }
  // A meeting of `village` with 100 entitled, entered by `by` on `day`.
  std::uint64_t resolve(std::uint64_t by, std::uint64_t village, ResolutionSubject subject,
                        std::uint64_t disposal, std::uint32_t present, std::uint32_t in_favour,
                        const char* day) {
    return submit(by,
                  ResolutionAdopted{village, Meeting::kVillagersAssembly, subject, disposal, "决议",
                                    Date::parse(day), 100, present, in_favour},
                  day);
  }
  // A notice posted by `by` on its first day.
  std::uint64_t post(std::uint64_t by, NoticeSubject subject, std::uint64_t id,
                     const std::string& board, const char* start, const char* end) {
    return submit(
        by,
        NoticePosted{subject, id, board, "村委会公示栏", Date::parse(start), Date::parse(end), {}},
        start);
  }
};

// Village A1's own three steps of `request` (its first): the committee's proposal on 2 February,
// the assembly's resolution on the 3rd, its notice from the 4th to the 13th, publicity on the 14th.
void a1_steps(County& c, std::uint64_t request) {
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  const auto r = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kDisposal, request, 60,
                           50, "2026-02-03");
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r), "2026-02-03");
  const auto n = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                        "2026-02-04", "2026-02-13");
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n), "2026-02-14");
}

DisposalRequested request_for(std::uint64_t asset, DisposalMethod method) {
  return DisposalRequested{asset, DisposalTrigger::kEndOfLife, method, "worn out", {}, 0};
}

}  // namespace

TEST_CASE("a shared village asset goes through every village's steps, in order, signed") {
  County c;
  const auto asset =
      c.asset(AssetClass::kOperating, {{c.a1, Share::parse("3/5")}, {c.a2, Share::parse("2/5")}});
  const auto request =
      c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kChangeOfUse));
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kPendingDisposal);
  const Disposal d = *c.reg.find_disposal(request);
  REQUIRE(d.chain.size() == 9);
  CHECK(d.chain[0] == std::make_pair(DisposalStepKind::kCommitteeProposal, c.a1));
  CHECK(d.chain[3] == std::make_pair(DisposalStepKind::kCommitteeProposal, c.a2));
  CHECK(d.chain[8].first == DisposalStepKind::kFinanceConsent);
  CHECK(c.reg.pending_approvals(c.actor["A1 director"]).size() == 1);
  CHECK(c.reg.pending_approvals(c.actor["A2 director"]).empty());

  const std::uint64_t size = c.reg.ledger().size();
  // Out of order; another village's committee; no signature; a forged signature.
  CHECK(error_of([&] {
          c.signed_submit(c.actor["A1 assembly"], c.step(request, 1), "2026-02-02");
        }).kind() == ErrorKind::kRuleViolation);
  CHECK(error_of([&] {
          c.signed_submit(c.actor["A2 director"], c.step(request, 0), "2026-02-02");
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          c.submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02",
                          c.actor["A1 clerk"]);
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(c.reg.ledger().size() == size);

  // A signature made for one request cannot be reused on another (the bytes signed include
  // the request id).
  {
    const std::uint64_t director = c.actor["A1 director"];
    RegistryRequest original{
        {director, Date::parse("2026-02-02"), {}, &key_of(director)}, c.step(request, 0), {}};
    original.context.request_id[0] = 0x77;
    const Bytes signature = key_of(director).sign_record(c.reg.approval_bytes(original));
    RegistryRequest replayed = original;
    replayed.context.request_id[0] = 0x78;
    replayed.approvals.push_back({director, signature});
    CHECK(error_of([&] { c.reg.submit(replayed); }).kind() == ErrorKind::kUnauthorized);
  }
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  // The register counts the meeting itself: a failed quorum or majority is refused, and so is
  // a resolution on this request by a village that does not own the asset.
  const auto disposal = ResolutionSubject::kDisposal;
  CHECK_THAT(error_of([&] {
               c.resolve(c.actor["A1 assembly"], c.a1, disposal, request, 50, 40, "2026-02-03");
             }).what(),
             Catch::Contains("quorum: 50 of 100"));
  CHECK_THAT(error_of([&] {
               c.resolve(c.actor["A1 assembly"], c.a1, disposal, request, 60, 30, "2026-02-03");
             }).what(),
             Catch::Contains("majority: 30 of 60"));
  CHECK(error_of([&] {
          c.resolve(c.actor["A1 assembly"], c.a1, disposal, request, 60, 61, "2026-02-03");
        }).kind() == ErrorKind::kInvalidInput);
  CHECK(error_of([&] {
          c.resolve(c.actor["A2 assembly"], c.a1, disposal, request, 60, 40, "2026-02-03");
        }).kind() == ErrorKind::kUnauthorized);  // another village's assembly
  CHECK(c.reg.ledger().size() == size + 1);
  const auto r1 = c.resolve(c.actor["A1 assembly"], c.a1, disposal, request, 60, 31, "2026-02-03");
  const auto r2 = c.resolve(c.actor["A2 assembly"], c.a2, disposal, request, 80, 70, "2026-02-03");
  // The same official may not sign a second step; the step names its own village's resolution.
  CHECK(error_of([&] {
          c.signed_submit(c.actor["A1 director"], c.resolution(request, 1, r1), "2026-02-03");
        }).kind() == ErrorKind::kUnauthorized);
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r2), "2026-02-03");
             }).what(),
             Catch::Contains("this step is party"));
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A1 assembly"], c.step(request, 1), "2026-02-03");
             }).what(),
             Catch::Contains("no resolution 0"));
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r1), "2026-02-03");
  // Publicity: a notice shorter than the policy's days is refused when posted; the step cannot
  // complete before the notice has run, nor on a notice whose objection was upheld.
  const auto subject = NoticeSubject::kDisposal;
  CHECK_THAT(error_of([&] {
               c.post(c.actor["A1 clerk"], subject, request, kVillageA1, "2026-02-04",
                      "2026-02-12");
             }).what(),
             Catch::Contains("shorter than the 10"));
  CHECK_THAT(error_of([&] {
               c.post(c.actor["A1 clerk"], subject, request, kVillageB1, "2026-02-04",
                      "2026-02-13");
             }).what(),
             Catch::Contains("outside its jurisdiction"));
  const auto objected =
      c.post(c.actor["A1 clerk"], subject, request, kVillageA1, "2026-02-04", "2026-02-13");
  c.submit(c.actor["town A"], ObjectionRecorded{objected, false, "异议不成立"}, "2026-02-05");
  c.submit(c.actor["town A"], ObjectionRecorded{objected, true, "评估价偏低，异议成立"},
           "2026-02-06");
  const auto n1 =
      c.post(c.actor["A1 clerk"], subject, request, kVillageA1, "2026-02-07", "2026-02-16");
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, objected),
                               "2026-02-14");
             }).what(),
             Catch::Contains("objection"));
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n1), "2026-02-16");
             }).what(),
             Catch::Contains("has run"));
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n1), "2026-02-17");
  c.signed_submit(c.actor["A2 director"], c.step(request, 3), "2026-02-17");
  // Steps follow each other in time: A2's meeting of 3 February came before its committee's
  // proposal of 17 February, so it cannot resolve that proposal.
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A2 assembly"], c.resolution(request, 4, r2), "2026-02-18");
             }).what(),
             Catch::Contains("adopted on 2026-02-03, before the act it follows on 2026-02-17"));
  const auto r2_again =
      c.resolve(c.actor["A2 assembly"], c.a2, disposal, request, 80, 70, "2026-02-18");
  c.signed_submit(c.actor["A2 assembly"], c.resolution(request, 4, r2_again), "2026-02-18");
  const auto n2 =
      c.post(c.actor["A2 clerk"], subject, request, kVillageA2, "2026-02-18", "2026-02-27");
  c.signed_submit(c.actor["A2 clerk"], c.publicity(request, 5, n2), "2026-02-28");
  // A township government of another township may not approve.
  CHECK(error_of([&] {
          c.signed_submit(c.actor["town B"], c.step(request, 6), "2026-03-01");
        }).kind() == ErrorKind::kUnauthorized);
  // Execution before the chain is complete is refused.
  CHECK_THAT(
      error_of([&] {
        c.submit(c.actor["A1 director"], DisposalExecuted{request, "buyer", Money()}, "2026-03-01");
      }).what(),
      Catch::Contains("step(s) left"));
  c.signed_submit(c.actor["town A"], c.step(request, 6), "2026-03-01");
  c.signed_submit(c.actor["revitalization"], c.step(request, 7), "2026-03-02");
  c.signed_submit(c.actor["finance"], c.step(request, 8), "2026-03-03");
  c.submit(c.actor["A1 director"],
           DisposalExecuted{request, "新业主合作社", Money::parse_yuan("30000.00")}, "2026-03-05");
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kDisposed);
  CHECK(c.reg.find_disposal(request)->state == Disposal::State::kExecuted);
  CHECK(c.reg.find_disposal(request)->signers.size() == 9);
  CHECK(error_of([&] {
          c.submit(1, AssetStatusChanged{asset, AssetStatus::kInUse, "back"});
        }).kind() == ErrorKind::kRuleViolation);

  // The proceeds follow the owners' shares: 3/5 (18,000.00) to A1 and 2/5 (12,000.00) to A2,
  // each its restricted collective income, audited until reallocated, and only to consolidation
  // and rural revitalisation.
  const std::uint64_t proceeds = c.reg.ledger().size() - 1;  // the execution entry
  const std::vector<IncomePart> parts = c.reg.income_parts(proceeds);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].owner == c.a1);
  CHECK(parts[0].amount.fen() == 1'800'000);
  CHECK(parts[0].restricted);
  CHECK(parts[1].owner == c.a2);
  CHECK(parts[1].amount.fen() == 1'200'000);
  auto not_reallocated = [&] {
    const auto findings = c.reg.audit(Date::parse("2026-07-01"));
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.rule == "disposal_proceeds_not_reallocated";
    });
  };
  CHECK(not_reallocated() == 2);
  // In Chinese, each owner's part by its values: the owner, its share, the amount in 元.
  std::vector<std::string> in_chinese;
  for (const Finding& f : c.reg.audit(Date::parse("2026-07-01"))) {
    if (f.rule == "disposal_proceeds_not_reallocated") in_chinese.push_back(evidence_zh(f));
  }
  auto part_zh = [&](std::uint64_t owner, const Share& share, const char* yuan) {
    return "产权主体（主体 " + std::to_string(owner) + "）份额 " + share.to_string() +
           " 应得处置收入 " + yuan + " 元（处置收入 " + std::to_string(proceeds) +
           "，处置执行于 2026-03-05）尚未再分配";
  };
  CHECK(in_chinese == std::vector<std::string>{part_zh(c.a1, parts[0].share, "18000.00"),
                                               part_zh(c.a2, parts[1].share, "12000.00")});
  auto adopt = [&] {
    const auto r = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kAllocationPlan, 0,
                             60, 50, "2026-03-09");
    const auto n = c.post(c.actor["A1 clerk"], NoticeSubject::kAllocationPlan, r, kVillageA1,
                          "2026-03-10", "2026-03-19");
    return std::make_pair(r, n);
  };
  PlanApproved plan;
  plan.owner = c.a1;
  plan.name = "收益分配";
  plan.proportional = {{"village", "collective_economy", Share::parse("1"), ""}};
  // Two meetings and their notices, both run before the plans are approved.
  const auto first_adopted = adopt();
  const auto second_adopted = adopt();
  std::tie(plan.resolution, plan.notice) = first_adopted;
  c.submit(c.actor["A1 director"], plan, "2026-03-20");
  // An income plan does not allocate proceeds: they need the village's plan for proceeds.
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], AllocationRecorded{{proceeds}, c.a1}, "2026-03-21");
             }).what(),
             Catch::Contains("no approved plan for disposal proceeds"));
  plan.name = "处置收入再分配";
  plan.restricted = true;
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], plan, "2026-03-20"); }).what(),
             Catch::Contains("not collective_economy"));
  plan.proportional = {{"upkeep", "operation_and_maintenance", Share::parse("1/2"), ""},
                       {"village", "village_public_welfare", Share::parse("1/2"), ""}};
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], plan, "2026-03-20"); }).what(),
             Catch::Contains("already relied on"));  // one resolution, one plan
  std::tie(plan.resolution, plan.notice) = second_adopted;
  const auto right = c.submit(c.actor["A1 director"], plan, "2026-03-20");
  const auto paid =
      c.submit(c.actor["A1 director"], AllocationRecorded{{proceeds}, c.a1}, "2026-03-21");
  const auto payments = c.reg.allocation(paid);
  REQUIRE(payments.size() == 2);
  CHECK(payments[0].amount.fen() == 900'000);
  CHECK(payments[1].amount.fen() == 900'000);
  CHECK(payments[0].plan == right);
  CHECK(not_reallocated() == 1);  // A2's part waits for A2's plan
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("a rejection ends the request, the requester may withdraw, and the status comes back") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  c.submit(1, AssetStatusChanged{asset, AssetStatus::kIdle, "no tenant"});
  const auto first =
      c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kChangeOfUse));
  CHECK(error_of([&] {
          c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kChangeOfUse));
        }).kind() == ErrorKind::kConflict);  // one open request at a time
  c.signed_submit(c.actor["A1 director"], c.step(first, 0, false), "2026-02-02");
  CHECK(c.reg.find_disposal(first)->state == Disposal::State::kRejected);
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kIdle);
  CHECK(error_of([&] {
          c.signed_submit(c.actor["A1 assembly"], c.step(first, 1), "2026-02-03");
        }).kind() == ErrorKind::kRuleViolation);

  const auto second =
      c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kChangeOfUse));
  CHECK(error_of([&] {
          c.submit(c.actor["A1 clerk"], DisposalWithdrawn{second, "mine"});
        }).kind() == ErrorKind::kUnauthorized);
  c.submit(c.actor["A1 director"], DisposalWithdrawn{second, "plans changed"});
  CHECK(c.reg.find_disposal(second)->state == Disposal::State::kWithdrawn);
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kIdle);
  // As of the request, the asset was pending; as of the withdrawal, idle again.
  CHECK(c.reg.asset_as_of_sequence(asset, second).status == AssetStatus::kPendingDisposal);
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("methods: appraisal for sale, no scrapping of what still works, no pledging") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kAuction));
             }).what(),
             Catch::Contains("appraisal"));
  const auto appraisal =
      c.submit(1, ValueChanged{asset, ValueChangeKind::kAppraisal, Money::parse_yuan("50000.00"),
                               Bytes(32, 1), "评估"});
  DisposalRequested auction = request_for(asset, DisposalMethod::kAuction);
  auction.appraisal = appraisal;
  const auto sale = c.submit(c.actor["A1 director"], auction);
  c.submit(c.actor["A1 director"], DisposalWithdrawn{sale, "not now"});

  c.submit(1, Inspected{asset, "王五", Condition::kGood, "", {}});
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kScrapping));
             }).what(),
             Catch::Contains("unusable"));
  c.submit(1, Inspected{asset, "王五", Condition::kUnusable, "collapsed", {}});
  CHECK_NOTHROW(c.submit(c.actor["A1 director"], request_for(asset, DisposalMethod::kScrapping)));
  CHECK_THAT(error_of([] { parse_disposal_method("pledge", "method"); }).what(),
             Catch::Contains("prohibited"));
  const auto other = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], request_for(other, DisposalMethod::kDonation));
             }).what(),
             Catch::Contains("state-owned"));
}

TEST_CASE("state and household chains, and the county government above the threshold") {
  County c;
  const auto small =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "100000.00");
  const auto large =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "900000.00");
  const auto cow = c.asset(AssetClass::kHousehold, {{c.household, Share::parse("1")}}, "8000.00");
  const auto small_request =
      c.submit(c.actor["town A"], request_for(small, DisposalMethod::kFreeTransfer));
  const auto large_request =
      c.submit(c.actor["town A"], request_for(large, DisposalMethod::kFreeTransfer));
  const auto cow_request =
      c.submit(c.actor["A1 director"], request_for(cow, DisposalMethod::kLossReport));
  CHECK(c.reg.find_disposal(small_request)->chain.size() == 2);
  const Disposal big = *c.reg.find_disposal(large_request);
  REQUIRE(big.chain.size() == 3);  // book value above 200,000 yuan
  CHECK(big.chain[2].first == DisposalStepKind::kGovernmentApproval);
  const Disposal household = *c.reg.find_disposal(cow_request);
  REQUIRE(household.chain.size() == 1);
  CHECK(household.chain[0].first == DisposalStepKind::kHouseholdDeclaration);

  c.signed_submit(c.actor["town A deputy"], c.step(large_request, 0), "2026-02-02");
  CHECK(error_of([&] {
          c.signed_submit(c.actor["town A"], c.step(large_request, 1), "2026-02-03");
        }).kind() == ErrorKind::kUnauthorized);  // finance approves, not a township
  c.signed_submit(c.actor["finance"], c.step(large_request, 1), "2026-02-03");
  CHECK(c.reg.pending_approvals(c.actor["government"]).size() == 1);
  c.signed_submit(c.actor["government"], c.step(large_request, 2), "2026-02-04");
  c.submit(c.actor["town A"], DisposalExecuted{large_request, "县城投公司", Money()}, "2026-02-05");
  CHECK(c.reg.get_asset(large).status == AssetStatus::kDisposed);

  c.signed_submit(c.actor["A1 clerk"], c.step(cow_request, 0), "2026-02-02");
  const auto sold = c.submit(
      c.actor["A1 director"],
      DisposalExecuted{cow_request, "保险理赔", Money::parse_yuan("1200.00")}, "2026-02-03");
  CHECK(c.reg.get_asset(cow).status == AssetStatus::kDisposed);
  // A household's proceeds are its own: recorded as its part, never collective income.
  const std::vector<IncomePart> cow_parts = c.reg.income_parts(sold);
  REQUIRE(cow_parts.size() == 1);
  CHECK(cow_parts[0].owner == c.household);
  CHECK(cow_parts[0].disposition == PartDisposition::kOwn);
  CHECK(cow_parts[0].amount.fen() == 120'000);
  for (const Finding& f : c.reg.audit(Date::parse("2026-12-01"))) {
    CHECK(f.rule != "disposal_proceeds_not_reallocated");
  }
  auto valued = [&](const char* day) {
    const auto values = c.reg.valuation(Date::parse(day));
    return std::any_of(values.begin(), values.end(),
                       [&](const Valuation& v) { return v.asset == cow; });
  };
  CHECK(valued("2026-02-02"));  // before its disposal it still counts
  CHECK_FALSE(valued("2026-02-03"));
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("quorums and purposes are policy: a new version changes them from its day on") {
  County c;
  PolicyDefined policy = c.reg.policy();
  policy.version = 2;
  policy.effective_from = Date::parse("2026-07-01");
  for (QuorumRule& q : policy.quorums) {
    if (q.meeting == Meeting::kRepresentativesMeeting) q = {q.meeting, 3, 4, false};
  }
  policy.purposes.push_back({"village_roads", false});
  // Refused versions: a purpose both allowed and prohibited, a meeting without a quorum, a
  // majority of one.
  {
    PolicyDefined bad = policy;
    bad.prohibited_purposes.push_back("village_roads");
    CHECK_THAT(error_of([&] { c.submit(1, bad); }).what(), Catch::Contains("both allowed"));
    bad = policy;
    bad.quorums.pop_back();
    CHECK_THAT(error_of([&] { c.submit(1, bad); }).what(), Catch::Contains("quorums"));
    bad = policy;
    bad.majority_numerator = bad.majority_denominator = 1;
    CHECK_THAT(error_of([&] { c.submit(1, bad); }).what(), Catch::Contains("majority"));
  }
  c.submit(1, policy, "2026-06-01");

  auto meeting = [&](const char* day, std::uint32_t present) {
    return c.submit(c.actor["A1 assembly"],
                    ResolutionAdopted{c.a1, Meeting::kRepresentativesMeeting,
                                      ResolutionSubject::kAllocationPlan, 0, "方案",
                                      Date::parse(day), 30, present, present},
                    day);
  };
  const auto june = meeting("2026-06-15", 20);  // two thirds: enough under version 1
  const auto june_notice = c.post(c.actor["A1 clerk"], NoticeSubject::kAllocationPlan, june,
                                  kVillageA1, "2026-06-16", "2026-06-25");
  CHECK_THAT(error_of([&] { meeting("2026-07-15", 20); }).what(), Catch::Contains("under 3/4"));
  const auto adopted = meeting("2026-07-15", 23);

  // A purpose version 2 allows: refused for a plan before its day, accepted after.
  const auto notice = c.post(c.actor["A1 clerk"], NoticeSubject::kAllocationPlan, adopted,
                             kVillageA1, "2026-07-16", "2026-07-25");
  PlanApproved plan;
  plan.owner = c.a1;
  plan.name = "修路方案";
  plan.proportional = {{"roads", "village_roads", Share::parse("1"), ""}};
  plan.resolution = adopted;
  plan.notice = notice;
  PlanApproved early = plan;
  early.resolution = june;
  early.notice = june_notice;
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], early, "2026-06-30"); }).what(),
             Catch::Contains("unknown purpose"));
  c.submit(c.actor["A1 director"], plan, "2026-07-26");
  CHECK(c.reg.policy().purposes.back().name == "village_roads");
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("a backdated notice runs from the day it was recorded: no publicity in a second") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  c.submit(1, AssetStatusChanged{asset, AssetStatus::kIdle, "no tenant"}, "2026-02-01");
  const auto request = c.submit(c.actor["A1 director"],
                                request_for(asset, DisposalMethod::kChangeOfUse), "2026-02-01");
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  const auto r = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kDisposal, request, 60,
                           50, "2026-02-03");
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r), "2026-02-03");
  // On 1 March the clerk enters a notice dated 4-13 February and at once signs the publicity
  // step dated 1 March: by the dates it ran; by the register's clock it has not begun to.
  c.clock.reach(Date::parse("2026-03-01"));
  const std::uint64_t size = c.reg.ledger().size();
  const auto backdated = c.reg.submit(
      {{c.actor["A1 clerk"], Date::parse("2026-03-01"), {}, &actor_key(c.actor["A1 clerk"])},
       NoticePosted{NoticeSubject::kDisposal,
                    request,
                    kVillageA1,
                    "村务公开栏",
                    Date::parse("2026-02-04"),
                    Date::parse("2026-02-13"),
                    {}}});
  const Error early = error_of([&] {
    c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, backdated), "2026-03-01");
  });
  CHECK(early.kind() == ErrorKind::kRuleViolation);
  CHECK_THAT(early.what(),
             Catch::Contains("recorded on 2026-03-01") && Catch::Contains("until 2026-03-10"));
  CHECK(c.reg.ledger().size() == size + 1);  // the notice, and nothing of the step
  // Dated later but signed while the clock still says 1 March: refused too (no future dates).
  CHECK(error_of([&] {
          c.reg.submit({{c.actor["A1 clerk"], Date::parse("2026-03-11"), random_request_id(),
                         &actor_key(c.actor["A1 clerk"])},
                        c.publicity(request, 2, backdated)});
        }).kind() == ErrorKind::kRuleViolation);
  // Ten days on, by the register's clock, the step lands.
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, backdated), "2026-03-11");
  CHECK(c.reg.find_disposal(request)->next_step == 3);
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("an appraisal expires, a household sells its own without one, triggers fit the class") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  const auto old = c.submit(1,
                            ValueChanged{asset, ValueChangeKind::kAppraisal,
                                         Money::parse_yuan("50000.00"), Bytes(32, 1), "评估"},
                            "2024-06-01");
  DisposalRequested auction = request_for(asset, DisposalMethod::kAuction);
  auction.appraisal = old;
  // June 2024's appraisal backs a sale until the end of June 2025 (12 months, policy data).
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], auction, "2026-02-01"); }).what(),
             Catch::Contains("older than the policy's 12 months"));
  const auto fresh = c.submit(1,
                              ValueChanged{asset, ValueChangeKind::kAppraisal,
                                           Money::parse_yuan("48000.00"), Bytes(32, 2), "评估"},
                              "2026-01-15");
  auction.appraisal = fresh;
  CHECK_NOTHROW(c.submit(c.actor["A1 director"], auction, "2026-02-01"));

  // A household's cow is its own to sell: no appraisal.
  const auto cow = c.asset(AssetClass::kHousehold, {{c.household, Share::parse("1")}}, "8000.00");
  CHECK_NOTHROW(c.submit(c.actor["A1 director"], request_for(cow, DisposalMethod::kTransfer)));

  // "Idle, change of use" is an operating asset's trigger, not a road's.
  const auto road = c.asset(AssetClass::kPublicWelfare, {{c.a1, Share::parse("1")}});
  DisposalRequested idle = request_for(road, DisposalMethod::kChangeOfUse);
  idle.trigger = DisposalTrigger::kIdleChangeOfUse;
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], idle); }).what(),
             Catch::Contains("idle_change_of_use is for operating assets"));
}

TEST_CASE("the state threshold's basis and inclusiveness are policy: original value, at or above") {
  County c;
  // Exactly 200,000.00 of original value: at the threshold, so the county government approves.
  const auto at =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "200000.00");
  const auto request =
      c.submit(c.actor["town A"], request_for(at, DisposalMethod::kFreeTransfer), "2026-02-01");
  REQUIRE(c.reg.find_disposal(request)->chain.size() == 3);
  c.submit(c.actor["town A"], DisposalWithdrawn{request, "policy changing"}, "2026-02-02");
  // A county whose rule is "strictly above": the same asset needs no government step.
  PolicyDefined strict = c.reg.policy();
  strict.version = 2;
  strict.effective_from = Date::parse("2026-03-01");
  strict.state_threshold_inclusive = false;
  c.submit(1, strict, "2026-03-01");
  const auto again =
      c.submit(c.actor["town A"], request_for(at, DisposalMethod::kFreeTransfer), "2026-03-02");
  CHECK(c.reg.find_disposal(again)->chain.size() == 2);
  CHECK(c.reg.policy().state_threshold_basis == ThresholdBasis::kOriginal);
  CHECK(c.reg.policy(1).state_threshold_inclusive);
}

namespace {

// Submits `write` by `by` with its own signature and those of `approvers`.
std::uint64_t approved_submit(County& c, std::uint64_t by, RegistryWrite write, const char* day,
                              std::vector<std::uint64_t> approvers) {
  c.clock.reach(Date::parse(day));
  RegistryRequest request{
      {by, Date::parse(day), random_request_id(), &key_of(by)}, std::move(write), {}};
  approvers.insert(approvers.begin(), by);
  for (const std::uint64_t approver : approvers) {
    request.approvals.push_back(
        {approver, key_of(approver).sign_record(c.reg.approval_bytes(request))});
  }
  return c.reg.submit(request);
}

std::uint64_t enrol(County& c, const std::string& name, Role role, const std::string& where,
                    std::uint64_t party = 0) {
  const std::uint64_t id = c.next_actor++;
  ActorKeyEnrolled enrolled{id, name, role, where, key_of(id).verifier().public_key()};
  enrolled.party = party;
  c.submit(1, enrolled, "2026-01-05");
  c.actor[name] = id;
  return id;
}

}  // namespace

TEST_CASE("a cooperative's asset goes through its council, members' assembly and publicity") {
  County c;
  const auto coop = c.party(PartyKind::kCooperative, kVillageA1);
  const auto asset = c.asset(AssetClass::kOperating, {{coop, Share::parse("1")}});
  const auto request = c.submit(c.actor["A1 director"],
                                request_for(asset, DisposalMethod::kChangeOfUse), "2026-02-01");
  const Disposal d = *c.reg.find_disposal(request);
  using K = DisposalStepKind;
  REQUIRE(d.chain.size() == 5);
  CHECK(d.chain[0] == std::make_pair(K::kCommitteeProposal, coop));
  CHECK(d.chain[2] == std::make_pair(K::kPublicity, coop));
  CHECK(d.chain[3].first == K::kTownshipApproval);
  CHECK(d.chain[4].first == K::kRuralRevitalizationConsent);
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  // The members' assembly resolves, not a villagers' assembly.
  CHECK(error_of([&] {
          c.resolve(c.actor["A1 assembly"], coop, ResolutionSubject::kDisposal, request, 60, 50,
                    "2026-02-03");
        }).kind() == ErrorKind::kInvalidInput);
  const auto r =
      c.submit(c.actor["A1 assembly"],
               ResolutionAdopted{coop, Meeting::kMembersAssembly, ResolutionSubject::kDisposal,
                                 request, "社员大会决议", Date::parse("2026-02-03"), 90, 70, 60},
               "2026-02-03");
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r), "2026-02-03");
  const auto n = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                        "2026-02-04", "2026-02-13");
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n), "2026-02-14");
  c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-15");
  c.signed_submit(c.actor["revitalization"], c.step(request, 4), "2026-02-16");
  c.submit(c.actor["A1 director"], DisposalExecuted{request, "合作社转产", Money()}, "2026-02-17");
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kDisposed);
}

TEST_CASE("an asset of a village and a township takes each owner's steps, then the county's once") {
  County c;
  const auto asset =
      c.asset(AssetClass::kPublicWelfare,
              {{c.a1, Share::parse("2/5")}, {c.township, Share::parse("3/5")}}, "300000.00");
  // The township government acts for the township, an owner: it may request.
  const auto request =
      c.submit(c.actor["town A"], request_for(asset, DisposalMethod::kChangeOfUse), "2026-02-01");
  const Disposal d = *c.reg.find_disposal(request);
  using K = DisposalStepKind;
  const std::vector<std::pair<K, std::uint64_t>> expected = {
      {K::kCommitteeProposal, c.a1}, {K::kAssemblyResolution, c.a1},
      {K::kPublicity, c.a1},         {K::kDepartmentProposal, c.township},
      {K::kTownshipApproval, 0},     {K::kRuralRevitalizationConsent, 0},
      {K::kFinanceApproval, 0},      {K::kGovernmentApproval, 0}};
  CHECK(d.chain == expected);  // finance approves once (its consent is inside its approval)
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  const auto r = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kDisposal, request, 60,
                           50, "2026-02-03");
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r), "2026-02-03");
  // The notice may not start before the meeting it publishes.
  const auto early = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                            "2026-02-02", "2026-02-11");
  const auto n = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                        "2026-02-04", "2026-02-13");
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, early), "2026-02-14");
             }).what(),
             Catch::Contains("before the resolution it publishes on 2026-02-03"));
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n), "2026-02-14");
  // The township's own proposal: by its government, not another township's.
  CHECK(error_of([&] {
          c.signed_submit(c.actor["town B"], c.step(request, 3), "2026-02-15");
        }).kind() == ErrorKind::kUnauthorized);
  // Nor dated before the step it follows.
  CHECK_THAT(error_of([&] {
               c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-12");
             }).what(),
             Catch::Contains("before the act it follows on 2026-02-14"));
  c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-15");
  c.signed_submit(c.actor["town A deputy"], c.step(request, 4), "2026-02-16");
  c.signed_submit(c.actor["revitalization"], c.step(request, 5), "2026-02-17");
  c.signed_submit(c.actor["finance"], c.step(request, 6), "2026-02-18");
  c.signed_submit(c.actor["government"], c.step(request, 7), "2026-02-19");
  CHECK_THAT(
      error_of([&] {
        c.submit(c.actor["town A"], DisposalExecuted{request, "改作他用", Money()}, "2026-02-18");
      }).what(),
      Catch::Contains("before the chain's last act on 2026-02-19"));
  c.submit(c.actor["town A"], DisposalExecuted{request, "改作他用", Money()}, "2026-02-20");
  CHECK(c.reg.get_asset(asset).status == AssetStatus::kDisposed);
}

TEST_CASE("only who holds the disposal right requests: owners' officials, or the bound party") {
  County c;
  const auto department = c.party(PartyKind::kCountyDepartment, kCounty.county_code);
  const auto other_department = c.party(PartyKind::kCountyDepartment, kCounty.county_code);
  enrol(c, "water official", Role::kSectorDepartment, kCounty.county_code, department);
  enrol(c, "roads official", Role::kSectorDepartment, kCounty.county_code, other_department);
  const auto pipes =
      c.asset(AssetClass::kPublicWelfare, {{department, Share::parse("1")}}, "150000.00");
  const std::uint64_t size = c.reg.ledger().size();
  // Another department's official, a department official enrolled for no party, a township.
  for (const char* who : {"roads official", "water bureau", "town A"}) {
    CHECK_THAT(error_of([&] {
                 c.submit(c.actor[who], request_for(pipes, DisposalMethod::kChangeOfUse));
               }).what(),
               Catch::Contains("does not act for the holder of"));
  }
  CHECK(c.reg.ledger().size() == size);
  const auto request = c.submit(c.actor["water official"],
                                request_for(pipes, DisposalMethod::kChangeOfUse), "2026-02-01");
  // The owning unit proposes: only its own official.
  CHECK(error_of([&] {
          c.signed_submit(c.actor["roads official"], c.step(request, 0), "2026-02-02");
        }).kind() == ErrorKind::kUnauthorized);
  c.signed_submit(c.actor["water official"], c.step(request, 0), "2026-02-02");

  // A village's asset: its committee requests; a township government may not.
  const auto shop = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  CHECK(error_of([&] {
          c.submit(c.actor["town A"], request_for(shop, DisposalMethod::kChangeOfUse));
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(error_of([&] {
          c.submit(c.actor["A2 director"], request_for(shop, DisposalMethod::kChangeOfUse));
        }).kind() == ErrorKind::kUnauthorized);
  // With its disposal right bound to the township (五权分置), the township requests and the
  // village's committee no longer does.
  const RightBound to_township{shop, RightKind::kDisposal, c.township, Date::parse("2026-01-01"),
                               Date()};
  CHECK_THAT(error_of([&] { c.submit(c.actor["town A"], to_township, "2026-01-10"); }).what(),
             Catch::Contains("consent of its owner party " + std::to_string(c.a1)));
  approved_submit(c, c.actor["town A"], to_township, "2026-01-10", {c.actor["A1 director"]});
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kChangeOfUse));
             }).what(),
             Catch::Contains("party " + std::to_string(c.township)));
  // Judged on the register's clock: a request dated before the binding is refused as well.
  CHECK(error_of([&] {
          c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kChangeOfUse),
                   "2025-12-31");
        }).kind() == ErrorKind::kUnauthorized);
  CHECK_NOTHROW(c.submit(c.actor["town A"], request_for(shop, DisposalMethod::kChangeOfUse)));
}

TEST_CASE(
    "a price below 90% of the appraisal needs the last approver again, and results are "
    "published") {
  County c;
  const auto asset =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "150000.00");
  const auto appraisal =
      c.submit(1,
               ValueChanged{asset, ValueChangeKind::kAppraisal, Money::parse_yuan("100000.00"),
                            Bytes(32, 3), "评估"},
               "2026-01-20");
  DisposalRequested auction = request_for(asset, DisposalMethod::kAuction);
  auction.appraisal = appraisal;
  const auto request = c.submit(c.actor["town A"], auction, "2026-02-01");
  c.signed_submit(c.actor["town A"], c.step(request, 0), "2026-02-02");
  c.signed_submit(c.actor["finance"], c.step(request, 1), "2026-02-03");
  const std::uint64_t size = c.reg.ledger().size();
  // 89,999.99 is below 9/10 of 100,000.00: finance, the last approver, approves the price again.
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["town A"],
                        DisposalExecuted{request, "拍得人", Money::parse_yuan("89999.99")},
                        "2026-02-10");
             }).what(),
             Catch::Contains("below 9/10 of the appraised 100000.00") &&
                 Catch::Contains("actor " + std::to_string(c.actor["finance"])));
  CHECK(error_of([&] {
          approved_submit(c, c.actor["town A"],
                          DisposalExecuted{request, "拍得人", Money::parse_yuan("89999.99")},
                          "2026-02-10", {c.actor["government"]});
        }).kind() == ErrorKind::kRuleViolation);
  CHECK(c.reg.ledger().size() == size);
  approved_submit(c, c.actor["town A"],
                  DisposalExecuted{request, "拍得人", Money::parse_yuan("89999.99")}, "2026-02-10",
                  {c.actor["finance"]});
  auto unpublished = [&](const char* day) {
    const auto findings = c.reg.audit(Date::parse(day));
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.rule == "disposal_result_not_published";
    });
  };
  CHECK(unpublished("2026-03-12") == 0);  // 30 days after execution
  CHECK(unpublished("2026-03-13") == 1);
  std::vector<std::string> result_zh;
  for (const Finding& f : c.reg.audit(Date::parse("2026-03-13"))) {
    if (f.rule == "disposal_result_not_published") result_zh.push_back(evidence_zh(f));
  }
  CHECK(result_zh == std::vector<std::string>{"处置 " + std::to_string(request) +
                                              "（拍卖）于 2026-02-10 执行，处置结果未公示"});
  // A result's notice before the execution is refused; after it, it publishes the result.
  CHECK_THAT(error_of([&] {
               c.post(c.actor["town A"], NoticeSubject::kDisposalResult, request, kTownA,
                      "2026-02-09", "2026-02-18");
             }).what(),
             Catch::Contains("before the execution of 2026-02-10"));
  c.post(c.actor["town A"], NoticeSubject::kDisposalResult, request, kTownA, "2026-02-11",
         "2026-02-20");
  CHECK(unpublished("2026-03-13") == 0);
  CHECK(c.reg.find_disposal(request)->result_notice != 0);
}

TEST_CASE("a wrong owner is corrected only through the chain a disposal would need") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  // Registered to A1 in error; it is A2's. A plain confirmation cannot move it.
  CHECK_THAT(error_of([&] {
               c.submit(1, OwnershipConfirmed{asset, {{c.a2, Share::parse("1")}}});
             }).what(),
             Catch::Contains("change only by a handover, a disposal or a correction"));
  DisposalRequested correction = request_for(asset, DisposalMethod::kOwnershipCorrection);
  correction.reasons = "登记错误：实为A2村资产";
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], correction); }).what(),
             Catch::Contains("names the owners it gives"));
  correction.owners = {{c.a2, Share::parse("1/2")}};
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], correction); }).what(),
             Catch::Contains("1/2"));  // shares summing to 1/2
  correction.owners = {{c.a2, Share::parse("1")}};
  DisposalRequested scrap_to = request_for(asset, DisposalMethod::kChangeOfUse);
  scrap_to.owners = correction.owners;
  CHECK_THAT(error_of([&] { c.submit(c.actor["A1 director"], scrap_to); }).what(),
             Catch::Contains("gives the asset to nobody in the register"));
  const auto request = c.submit(c.actor["A1 director"], correction, "2026-02-01");
  REQUIRE(c.reg.find_disposal(request)->chain.size() == 6);
  a1_steps(c, request);
  c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-15");
  c.signed_submit(c.actor["revitalization"], c.step(request, 4), "2026-02-16");
  c.signed_submit(c.actor["finance"], c.step(request, 5), "2026-02-17");
  CHECK(c.reg.get_asset(asset).owners.front().party == c.a1);  // until executed
  const std::vector<OwnerShare> to_a2 = {{c.a2, Share::parse("1")}};
  CHECK(error_of([&] {
          c.submit(c.actor["A1 director"],
                   DisposalExecuted{request, "", Money::parse_yuan("1.00"), to_a2}, "2026-02-18");
        }).kind() == ErrorKind::kInvalidInput);
  CHECK_THAT(
      error_of([&] {
        c.submit(c.actor["A1 director"], DisposalExecuted{request, "", Money()}, "2026-02-18");
      }).what(),
      Catch::Contains("names the owners the request gives"));
  // The receiving village takes it knowingly: its official signs the execution.
  CHECK_THAT(error_of([&] {
               c.submit(c.actor["A1 director"], DisposalExecuted{request, "", Money(), to_a2},
                        "2026-02-18");
             }).what(),
             Catch::Contains("receives the asset"));
  approved_submit(c, c.actor["A1 director"], DisposalExecuted{request, "", Money(), to_a2},
                  "2026-02-18", {c.actor["A2 director"]});
  const Asset corrected = c.reg.get_asset(asset);
  REQUIRE(corrected.owners.size() == 1);
  CHECK(corrected.owners.front().party == c.a2);
  CHECK(corrected.status == AssetStatus::kInUse);  // the asset stays as it was
  // The state as of a date, rebuilt from the asset's own entries, says the same.
  CHECK(c.reg.asset_as_of_date(asset, Date::parse("2026-02-18")).owners.front().party == c.a2);
  CHECK(c.reg.asset_as_of_date(asset, Date::parse("2026-02-17")).owners.front().party == c.a1);
  // Its result is published like a disposal's: found until a notice is posted.
  auto unpublished = [&] {
    const auto findings = c.reg.audit(Date::parse("2026-04-01"));
    return std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.rule == "disposal_result_not_published";
    });
  };
  CHECK(unpublished() == 1);
  c.post(c.actor["A2 clerk"], NoticeSubject::kDisposalResult, request, kVillageA2, "2026-02-19",
         "2026-02-28");
  CHECK(unpublished() == 0);
  CHECK(c.reg.ledger().verify_deep().ok);
}

TEST_CASE("a transfer within the register at the price floor keeps the asset with its receiver") {
  County c;
  const auto department = c.party(PartyKind::kCountyDepartment, kCounty.county_code);
  enrol(c, "water official", Role::kSectorDepartment, kCounty.county_code, department);
  const auto hall =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "150000.00");
  const auto appraisal =
      c.submit(1,
               ValueChanged{hall, ValueChangeKind::kAppraisal, Money::parse_yuan("100000.00"),
                            Bytes(32, 4), "评估"},
               "2026-01-20");
  DisposalRequested transfer = request_for(hall, DisposalMethod::kTransfer);
  transfer.appraisal = appraisal;
  transfer.owners = {{department, Share::parse("1")}};
  const auto request = c.submit(c.actor["town A"], transfer, "2026-02-01");
  c.signed_submit(c.actor["town A"], c.step(request, 0), "2026-02-02");
  c.signed_submit(c.actor["finance"], c.step(request, 1), "2026-02-03");
  // Exactly 9/10 of the appraisal is at the floor: no second approval; the department's own
  // official signs for the receiver.
  const DisposalExecuted sold{request, "县水务局", Money::parse_yuan("90000.00"), transfer.owners};
  CHECK_THAT(error_of([&] { c.submit(c.actor["town A"], sold, "2026-02-10"); }).what(),
             Catch::Contains("receives the asset"));
  const auto executed =
      approved_submit(c, c.actor["town A"], sold, "2026-02-10", {c.actor["water official"]});
  const Asset kept = c.reg.get_asset(hall);
  CHECK(kept.status == AssetStatus::kInUse);
  REQUIRE(kept.owners.size() == 1);
  CHECK(kept.owners.front().party == department);
  // The price is the township's, remitted to the treasury.
  const std::vector<IncomePart> parts = c.reg.income_parts(executed);
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].owner == c.township);
  CHECK(parts[0].disposition == PartDisposition::kTreasury);
  CHECK(parts[0].amount.fen() == 9'000'000);
  CHECK(c.reg.ledger().verify_deep().ok);
}

// --- the refusals in Chinese, for county staff (Error::chinese) --------------------------------

TEST_CASE("Chinese: a refused disposal request names the asset and says what to do") {
  County c;
  const auto shop = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  const std::string code = c.reg.get_asset(shop).code;
  // Donation is for state-owned assets.
  Error e = error_of(
      [&] { c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kDonation)); });
  CHECK_THAT(e.what(), Catch::Contains("state-owned"));
  CHECK_THAT(e.chinese(), Catch::Contains("“捐赠”只适用于国有资产") &&
                              Catch::Contains("资产 " + code + " 不是国有资产") &&
                              Catch::Contains("（method）"));
  // An auction without an appraisal.
  e = error_of(
      [&] { c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kAuction)); });
  CHECK_THAT(e.chinese(), Catch::Contains("“拍卖”须有资产评估") &&
                              Catch::Contains("请先登记资产 " + code + " 的评估"));
  // An appraisal older than the policy's 12 months.
  const auto old = c.submit(1,
                            ValueChanged{shop, ValueChangeKind::kAppraisal,
                                         Money::parse_yuan("50000.00"), Bytes(32, 1), "评估"},
                            "2024-06-01");
  DisposalRequested auction = request_for(shop, DisposalMethod::kAuction);
  auction.appraisal = old;
  e = error_of([&] { c.submit(c.actor["A1 director"], auction, "2026-02-01"); });
  CHECK_THAT(e.chinese(), Catch::Contains("2024-06-01 的评估（第 " + std::to_string(old) +
                                          " 条记录）已超过政策设置的 12 个月有效期") &&
                              Catch::Contains(code));
  // Another entry named as the appraisal.
  auction.appraisal = shop;
  e = error_of([&] { c.submit(c.actor["A1 director"], auction, "2026-02-01"); });
  CHECK_THAT(e.chinese(), Catch::Contains("第 " + std::to_string(shop) + " 条记录不是资产 " + code +
                                          " 的评估记录"));
  // Scrapping what the latest inspection found good; and what was never inspected.
  e = error_of(
      [&] { c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kScrapping)); });
  CHECK_THAT(e.chinese(), Catch::Contains("报废须有巡查记录认定资产 " + code + " 不能使用") &&
                              Catch::Contains("尚无巡查记录"));
  c.submit(1, Inspected{shop, "王五", Condition::kGood, "", {}});
  e = error_of(
      [&] { c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kScrapping)); });
  CHECK_THAT(e.chinese(), Catch::Contains("最近一次巡查结论为“良好”"));
  // "Idle, change of use" is not a road's trigger.
  const auto road = c.asset(AssetClass::kPublicWelfare, {{c.a1, Share::parse("1")}});
  DisposalRequested idle = request_for(road, DisposalMethod::kChangeOfUse);
  idle.trigger = DisposalTrigger::kIdleChangeOfUse;
  e = error_of([&] { c.submit(c.actor["A1 director"], idle); });
  CHECK_THAT(e.chinese(),
             Catch::Contains("“闲置资产改变用途”只适用于经营性资产") &&
                 Catch::Contains("资产 " + c.reg.get_asset(road).code + " 是公益性资产"));
  // A township government does not hold a village's disposal right.
  e = error_of(
      [&] { c.submit(c.actor["town A"], request_for(shop, DisposalMethod::kChangeOfUse)); });
  CHECK(e.kind() == ErrorKind::kUnauthorized);
  CHECK_THAT(e.chinese(),
             Catch::Contains("人员 " + std::to_string(c.actor["town A"]) + "（乡镇人民政府") &&
                 Catch::Contains("不代表资产 " + code + " 处置权的持有主体") &&
                 Catch::Contains("主体 " + std::to_string(c.a1)));
  // An ownership correction without the owners it gives; a change of use that gives owners.
  e = error_of([&] {
    c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kOwnershipCorrection));
  });
  CHECK_THAT(e.chinese(), Catch::Contains("产权更正须写明更正后的产权主体") &&
                              Catch::Contains("（owners：“[]”）"));
  DisposalRequested to_a2 = request_for(shop, DisposalMethod::kChangeOfUse);
  to_a2.owners = {{c.a2, Share::parse("1")}};
  e = error_of([&] { c.submit(c.actor["A1 director"], to_a2); });
  CHECK_THAT(e.chinese(), Catch::Contains("“改变用途”不把资产交给台账中的主体"));
  // A correction to the owners it already has.
  DisposalRequested same = request_for(shop, DisposalMethod::kOwnershipCorrection);
  same.owners = {{c.a1, Share::parse("1")}};
  e = error_of([&] { c.submit(c.actor["A1 director"], same); });
  CHECK_THAT(e.chinese(), Catch::Contains("资产 " + code + " 的产权主体和份额已与所填相同"));
  // One open request at a time.
  c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kChangeOfUse));
  e = error_of(
      [&] { c.submit(c.actor["A1 director"], request_for(shop, DisposalMethod::kChangeOfUse)); });
  CHECK(e.kind() == ErrorKind::kConflict);
  CHECK_THAT(e.chinese(), Catch::Contains("资产 " + code + " 已有未办结的处置申请"));
}

TEST_CASE("Chinese: steps, withdrawal and execution refused in the county's words") {
  County c;
  const auto asset = c.asset(AssetClass::kOperating, {{c.a1, Share::parse("1")}});
  const std::string code = c.reg.get_asset(asset).code;
  const auto request = c.submit(c.actor["A1 director"],
                                request_for(asset, DisposalMethod::kChangeOfUse), "2026-02-01");
  const std::string req = std::to_string(request);
  // A meeting held the day of the request, before the committee's proposal of the 2nd.
  const auto early = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kDisposal, request,
                               60, 50, "2026-02-01");
  // Out of order; unsigned.
  Error e =
      error_of([&] { c.signed_submit(c.actor["A1 assembly"], c.step(request, 1), "2026-02-02"); });
  CHECK_THAT(e.chinese(), Catch::Contains("审批环节 1 顺序不对") &&
                              Catch::Contains("下一个应办理的是环节 0（村委会提议）"));
  e = error_of([&] { c.submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02"); });
  CHECK_THAT(e.chinese(), Catch::Contains("审批环节须有经办人员本人签名：人员 " +
                                          std::to_string(c.actor["A1 director"]) + " 没有签名"));
  // Only the requester (or the registrar) withdraws.
  e = error_of([&] { c.submit(c.actor["A1 clerk"], DisposalWithdrawn{request, "mine"}); });
  CHECK_THAT(e.chinese(), Catch::Contains("处置申请 " + req + " 只能由申请人（人员 " +
                                          std::to_string(c.actor["A1 director"]) + "）"));
  // Executing before the chain is done.
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalExecuted{request, "buyer", Money()}, "2026-02-02");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("处置申请 " + req + " 还有 6 个审批环节未办理") &&
                              Catch::Contains("下一个是“村委会提议”") &&
                              Catch::Contains("（steps）"));
  c.signed_submit(c.actor["A1 director"], c.step(request, 0), "2026-02-02");
  // The same official twice; a step that names a resolution it may not.
  e = error_of([&] { c.signed_submit(c.actor["A1 director"], c.step(request, 1), "2026-02-03"); });
  CHECK_THAT(e.chinese(), Catch::Contains("已签署过处置申请 " + req + " 的一个审批环节"));
  // A resolution adopted before the proposal it resolves.
  e = error_of([&] {
    c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, early), "2026-02-03");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("决议 " + std::to_string(early) +
                                          " 于 2026-02-01 通过，早于上一环节的办理日期 "
                                          "2026-02-02"));
  // A resolution on another matter.
  const auto other =
      c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kOther, 0, 60, 50, "2026-02-03");
  e = error_of([&] {
    c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, other), "2026-02-03");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("决议 " + std::to_string(other) + " 不是就处置申请 " +
                                          req + " 作出的决议"));
  const auto r = c.resolve(c.actor["A1 assembly"], c.a1, ResolutionSubject::kDisposal, request, 60,
                           50, "2026-02-03");
  c.signed_submit(c.actor["A1 assembly"], c.resolution(request, 1, r), "2026-02-03");
  // A notice that starts before the resolution it publishes.
  const auto before = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                             "2026-02-02", "2026-02-11");
  const auto n = c.post(c.actor["A1 clerk"], NoticeSubject::kDisposal, request, kVillageA1,
                        "2026-02-04", "2026-02-13");
  e = error_of(
      [&] { c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, before), "2026-02-14"); });
  CHECK_THAT(e.chinese(), Catch::Contains("公示 " + std::to_string(before) +
                                          " 于 2026-02-02 开始，早于所公示决议的通过日期 "
                                          "2026-02-03"));
  c.signed_submit(c.actor["A1 clerk"], c.publicity(request, 2, n), "2026-02-14");
  // A step dated before the one it follows.
  e = error_of([&] { c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-13"); });
  CHECK_THAT(e.chinese(), Catch::Contains("审批环节 3（乡镇审核）的日期为 2026-02-13，早于上一"
                                          "环节的办理日期 2026-02-14"));
  c.signed_submit(c.actor["town A"], c.step(request, 3), "2026-02-15");
  c.signed_submit(c.actor["revitalization"], c.step(request, 4), "2026-02-16");
  c.signed_submit(c.actor["finance"], c.step(request, 5), "2026-02-17");
  e = error_of([&] { c.signed_submit(c.actor["government"], c.step(request, 6), "2026-02-18"); });
  CHECK_THAT(e.chinese(), Catch::Contains("处置申请 " + req + " 的审批环节已全部签署"));
  // Executing: dated before the last step, without a buyer, with negative proceeds.
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalExecuted{request, "buyer", Money()}, "2026-02-16");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("执行日期 2026-02-16 早于最后一个审批环节的办理日期 "
                                          "2026-02-17"));
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalExecuted{request, "", Money()}, "2026-02-18");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("请填写资产 " + code + " 的买受人或接收方"));
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalExecuted{request, "buyer", Money::parse_yuan("-5.00")},
             "2026-02-18");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("处置收入不能为负数（proceeds：“-5.00”）"));
  c.submit(c.actor["A1 director"], DisposalExecuted{request, "村合作社", Money()}, "2026-02-18");
  // Done: neither the request nor the asset takes another act.
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalWithdrawn{request, "again"}, "2026-02-19");
  });
  CHECK_THAT(e.chinese(), Catch::Contains("处置申请 " + req + " 已办结"));
  e = error_of([&] {
    c.submit(c.actor["A1 director"], DisposalWithdrawn{999999, "none"}, "2026-02-19");
  });
  CHECK(e.kind() == ErrorKind::kNotFound);
  CHECK_THAT(e.chinese(), Catch::Contains("没有编号为 999999 的处置申请"));
}

TEST_CASE("Chinese: a price below the floor, and a receiver who did not sign") {
  County c;
  const auto department = c.party(PartyKind::kCountyDepartment, kCounty.county_code);
  enrol(c, "water official", Role::kSectorDepartment, kCounty.county_code, department);
  const auto hall =
      c.asset(AssetClass::kPublicWelfare, {{c.township, Share::parse("1")}}, "150000.00");
  const std::string code = c.reg.get_asset(hall).code;
  const auto appraisal =
      c.submit(1,
               ValueChanged{hall, ValueChangeKind::kAppraisal, Money::parse_yuan("100000.00"),
                            Bytes(32, 4), "评估"},
               "2026-01-20");
  DisposalRequested transfer = request_for(hall, DisposalMethod::kTransfer);
  transfer.appraisal = appraisal;
  transfer.owners = {{department, Share::parse("1")}};
  const auto request = c.submit(c.actor["town A"], transfer, "2026-02-01");
  c.signed_submit(c.actor["town A"], c.step(request, 0), "2026-02-02");
  c.signed_submit(c.actor["finance"], c.step(request, 1), "2026-02-03");
  // The receiving department's official signs for it.
  const DisposalExecuted at_floor{request, "县水务局", Money::parse_yuan("90000.00"),
                                  transfer.owners};
  Error e = error_of([&] { c.submit(c.actor["town A"], at_floor, "2026-02-10"); });
  CHECK(e.kind() == ErrorKind::kUnauthorized);
  CHECK_THAT(e.chinese(), Catch::Contains("主体 " + std::to_string(department)) &&
                              Catch::Contains("接收资产 " + code) &&
                              Catch::Contains("须由代表该主体的经办人员在执行记录上签名"));
  // The execution names the owners the request gives.
  e = error_of([&] {
    approved_submit(c, c.actor["town A"],
                    DisposalExecuted{request, "县水务局", Money::parse_yuan("90000.00")},
                    "2026-02-10", {c.actor["water official"]});
  });
  CHECK_THAT(e.chinese(), Catch::Contains("须与处置申请所定的一致（申请中为 1 个产权主体）"));
  // Below 9/10 of the appraisal: finance, the last approver, approves the price again.
  const DisposalExecuted cheap{request, "县水务局", Money::parse_yuan("89999.99"), transfer.owners};
  e = error_of([&] {
    approved_submit(c, c.actor["town A"], cheap, "2026-02-10", {c.actor["water official"]});
  });
  CHECK_THAT(e.what(), Catch::Contains("below 9/10 of the appraised 100000.00"));
  CHECK_THAT(e.chinese(),
             Catch::Contains("资产 " + code +
                             " 的处置收入 89999.99 元低于评估价 100000.00 元的 "
                             "9/10") &&
                 Catch::Contains("审批人（人员 " + std::to_string(c.actor["finance"]) + "）") &&
                 Catch::Contains("（proceeds）"));
  CHECK_NOTHROW(approved_submit(c, c.actor["town A"], cheap, "2026-02-10",
                                {c.actor["water official"], c.actor["finance"]}));
}

TEST_CASE("Chinese: a refused policy names the setting and what it must be") {
  County c;
  PolicyDefined policy = c.reg.policy();
  policy.version = 2;
  policy.effective_from = Date::parse("2026-07-01");
  auto refused = [&](const PolicyDefined& bad) { return error_of([&] { c.submit(1, bad); }); };
  PolicyDefined bad = policy;
  bad.prohibited_purposes.push_back(policy.purposes.front().name);
  Error e = refused(bad);
  CHECK_THAT(e.what(), Catch::Contains("both allowed"));
  CHECK_THAT(e.chinese(), Catch::Contains("该收益用途既列为允许又列为禁止") &&
                              Catch::Contains("“" + policy.purposes.front().name + "”"));
  bad = policy;
  bad.quorums.pop_back();  // the members' assembly
  CHECK_THAT(refused(bad).chinese(),
             Catch::Contains("政策设置须为社员（代表）大会规定一个且只有一个到会人数要求"));
  bad = policy;
  bad.majority_numerator = bad.majority_denominator = 1;
  CHECK_THAT(refused(bad).chinese(),
             Catch::Contains("表决通过的比例须是小于 1 的分数（majority：“1/1”）"));
  bad = policy;
  bad.version = 0;
  CHECK_THAT(refused(bad).chinese(), Catch::Contains("政策设置的版本号从 1 开始"));
  bad = policy;
  bad.lives.front().second = 2401;
  CHECK_THAT(refused(bad).chinese(),
             Catch::Contains(std::string(chinese_name(bad.lives.front().first)) +
                             "的折旧年限须在 0 至 2400 个月之间") &&
                 Catch::Contains("“2401”"));
  bad = policy;
  bad.publicity_days = 0;
  CHECK_THAT(refused(bad).chinese(), Catch::Contains("公示期至少为 1 天（publicity_days：“0”）"));
  bad = policy;
  bad.stocktaking_by = 230;
  CHECK_THAT(refused(bad).chinese(), Catch::Contains("如 12 月 31 日写作 1231"));
  bad = policy;
  bad.residual_rate = Share::parse("1");
  CHECK_THAT(refused(bad).chinese(), Catch::Contains("残值率须小于 1"));
  // Chains: publicity before the resolution it publishes; a household's declaration in a
  // village's chain; the county's approval as a village's own step; no chain for cooperatives.
  using K = DisposalStepKind;
  // The policy with the village collectives' own steps replaced by `steps`.
  auto village_steps = [&](std::vector<K> steps) {
    PolicyDefined changed = policy;
    for (ApprovalChain& chain : changed.chains) {
      if (chain.owner == ChainOwner::kVillageCollective) chain.per_owner = steps;
    }
    return changed;
  };
  CHECK_THAT(refused(village_steps({K::kCommitteeProposal, K::kPublicity})).chinese(),
             Catch::Contains("“公示”须排在它所公示的“村民会议决议”之后"));
  CHECK_THAT(refused(village_steps({K::kCommitteeProposal, K::kHouseholdDeclaration})).chinese(),
             Catch::Contains("“农户申报”只属于农户资产的审批流程，村集体经济组织资产的审批流程"
                             "不能列入"));
  CHECK_THAT(refused(village_steps({K::kCommitteeProposal, K::kTownshipApproval})).chinese(),
             Catch::Contains("“乡镇审核”是乡镇或县级的审批环节"));
  bad = policy;
  std::erase_if(bad.chains,
                [](const ApprovalChain& chain) { return chain.owner == ChainOwner::kCooperative; });
  CHECK_THAT(refused(bad).chinese(),
             Catch::Contains("政策设置须为合作社资产规定一个且只有一个审批流程（现有 0 个）"));
  bad = policy;
  for (ApprovalChain& b : bad.chains) {
    if (b.owner == ChainOwner::kState) b.per_owner = {K::kCommitteeProposal};
  }
  CHECK_THAT(refused(bad).chinese(),
             Catch::Contains("国有资产的审批流程中，产权主体自办的环节只有“主管部门提出”，不能列入"
                             "“村委会提议”"));
  CHECK_NOTHROW(c.submit(1, policy, "2026-06-01"));
}

TEST_CASE("Chinese history: describe_body_zh gives each entry's facts in Chinese") {
  CHECK(describe_body_zh(AssetStatusChanged{12, AssetStatus::kIdle, "no tenant"}) ==
        "资产 12 状态变更为 闲置");
  AssetRegistered registered;
  registered.code = "XF-12";
  registered.asset_class = AssetClass::kOperating;
  registered.description.name = "蔬菜大棚";
  registered.description.original = Money::parse_yuan("120000.00");
  const std::string registered_zh = describe_body_zh(registered);
  CHECK_THAT(registered_zh, Catch::Contains("资产登记：XF-12 蔬菜大棚") &&
                                Catch::Contains("经营性资产") &&
                                Catch::Contains("原值 120000.00 元"));
  DisposalRequested sale{7, DisposalTrigger::kEndOfLife, DisposalMethod::kAuction, "worn", {}, 0};
  CHECK(describe_body_zh(sale) == "申请处置资产 7：拍卖（处置原因：使用年限届满）");
  sale.method = DisposalMethod::kTransfer;
  sale.owners = {{5, Share::parse("3/5")}, {6, Share::parse("2/5")}};
  CHECK_THAT(
      describe_body_zh(sale),
      Catch::Contains("转让") && Catch::Contains("交给主体 5（份额 3/5）、主体 6（份额 2/5）"));
  DisposalRequested correction{
      7, DisposalTrigger::kOther, DisposalMethod::kOwnershipCorrection, "登记错误", {}, 0};
  correction.owners = {{6, Share::parse("1")}};
  CHECK(describe_body_zh(correction) == "申请更正资产 7 的产权主体为主体 6（份额 1）：登记错误");
  IncomeRecorded income;
  income.asset = 12;
  income.kind = IncomeKind::kRent;
  income.amount = Money::parse_yuan("36000.00");
  income.from = Date::parse("2025-01-01");
  income.until = Date::parse("2025-12-31");
  CHECK(describe_body_zh(income) == "资产 12 收益 36000.00 元（租金，2025-01-01 至 2025-12-31）");
  CHECK(describe_body_zh(DisposalExecuted{7, "新业主合作社", Money::parse_yuan("30000.00")}) ==
        "处置申请 7 执行：买受人或接收方 新业主合作社，处置收入 30000.00 元");
  DisposalStep rejected;
  rejected.request = 7;
  rejected.step = 2;
  rejected.approve = false;
  CHECK(describe_body_zh(rejected) == "处置申请 7 的审批环节 2：不同意");
  CHECK(describe_body_zh(Inspected{12, "王五", Condition::kUnusable, "collapsed", {}}) ==
        "资产 12 巡查，巡查人 王五：不能使用");
  // The English stays as it was.
  CHECK(describe_body(AssetStatusChanged{12, AssetStatus::kIdle, "x"}) ==
        "asset 12 status -> idle");
}

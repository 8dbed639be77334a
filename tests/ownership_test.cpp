// Ownership changes only by a procedure (docs/rules.md §2): a confirmation does not rewrite
// owners; a handover after acceptance is signed by both sides and consented by the county
// bureau, and keeps the values of the past.
#include <catch2/catch.hpp>

#include "county.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

Money book_value_on(Registry& reg, std::uint64_t asset, const char* day) {
  for (const Valuation& v : reg.valuation(Date::parse(day))) {
    if (v.asset == asset) return v.book_value;
  }
  FAIL("no valuation of asset " << asset << " on " << day);
  return Money();
}

}  // namespace

TEST_CASE("owners change only by a procedure: a confirmation confirms, it does not rewrite") {
  County county;
  Registry& reg = county.registry;
  const auto unowned =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {}), "2026-01-10");
  // The first confirmation of an asset without owners, and the same owners again.
  const std::vector<OwnerShare> a1 = {{county.collective_a1, Share::of(1, 1)}};
  county.submit(1, OwnershipConfirmed{unowned, a1}, "2026-02-01");
  county.submit(1, OwnershipConfirmed{unowned, a1}, "2026-02-02");
  // Giving it to an enterprise, or to another village, by a confirmation: refused.
  const std::uint64_t size = reg.ledger().size();
  for (const std::uint64_t other : {county.enterprise, county.collective_a2}) {
    CHECK_THAT(
        error_of([&] {
          county.submit(1, OwnershipConfirmed{unowned, {{other, Share::of(1, 1)}}}, "2026-02-03");
        }).what(),
        Catch::Contains("change only by a handover"));
  }
  CHECK(reg.ledger().size() == size);
  CHECK(reg.get_asset(unowned).owners[0].party == county.collective_a1);
}

TEST_CASE(
    "a handover after acceptance is signed by both sides and the bureau, and keeps the past") {
  County county;
  Registry& reg = county.registry;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t township = county.actors["township A"];
  const std::uint64_t bureau =
      county.enrol("bureau", Role::kCountyRuralRevitalization, kCounty.county_code);
  // A greenhouse built by the township (the implementing side) for village A1, completed at
  // the end of June 2021 for 120,000.00; the township's (government) regime until the handover.
  AssetRegistered built =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.township_a, Share::of(1, 1)}});
  const auto greenhouse = county.submit(1, built, "2021-07-01");
  const Money before = book_value_on(reg, greenhouse, "2024-12-31");

  AssetHandedOver handover{greenhouse,
                           {{county.collective_a1, Share::of(1, 1)}},
                           Date::parse("2025-03-01"),
                           "息烽县确权〔2025〕12号",
                           Money::parse_yuan("90000.00")};
  const std::uint64_t size = reg.ledger().size();
  // The receiving side has not signed; the bureau has not consented; the handover precedes
  // acceptance; a writer without jurisdiction over the giving owner.
  CHECK_THAT(
      error_of([&] { county.submit_approved(township, handover, "2025-03-15", {bureau}); }).what(),
      Catch::Contains("receiving side"));
  CHECK_THAT(
      error_of([&] { county.submit_approved(township, handover, "2025-03-15", {village}); }).what(),
      Catch::Contains("bureau's consent"));
  CHECK_THAT(error_of([&] {
               county.submit_approved(township, handover, "2025-02-15", {village, bureau});
             }).what(),
             Catch::Contains("after its acceptance"));
  CHECK(error_of([&] {
          county.submit_approved(village, handover, "2025-03-15", {township, bureau});
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(reg.ledger().size() == size);

  const auto entry = county.submit_approved(township, handover, "2025-03-15", {village, bureau});
  CHECK(reg.get_asset(greenhouse).owners[0].party == county.collective_a1);
  // The value as of 2024 is what it was; from the handover, 90,000.00 over the rest of the
  // greenhouse's 8-year life (96 months less the 45 from July 2021 to March 2025) in the
  // village's (collective) regime.
  CHECK(book_value_on(reg, greenhouse, "2024-12-31") == before);
  CHECK(book_value_on(reg, greenhouse, "2025-03-15") == Money::parse_yuan("90000.00"));
  const Money later = book_value_on(reg, greenhouse, "2026-03-31");
  CHECK(later < Money::parse_yuan("90000.00"));
  CHECK(later > Money::parse_yuan("60000.00"));
  // Its history says so; the same owners again are refused.
  const auto history = reg.history(greenhouse);
  CHECK(history.back().sequence == entry);
  CHECK_THAT(history.back().description,
             Catch::Contains("handed over after acceptance on 2025-03-01"));
  CHECK_THAT(error_of([&] {
               county.submit_approved(township, handover, "2025-04-01", {village, bureau});
             }).what(),
             Catch::Contains("already belongs"));
  CHECK(reg.ledger().verify_deep().ok);
  replay_in_memory(reg.ledger(), *register_fold());
}

TEST_CASE("every asset is stocktaken each year by the policy's day, or the audit finds it") {
  County county;  // the register's clock starts on 1 December 2026
  Registry& reg = county.registry;
  const std::vector<OwnerShare> a1 = {{county.collective_a1, Share::of(1, 1)}};
  const auto checked =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, a1), "2025-03-01");
  const auto forgotten =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1, a1), "2025-03-01");
  Inspected stocktaking{checked, "清查组", Condition::kFair, "年度清查", {}, true};
  county.submit(county.actors["village A1"], stocktaking, "2026-11-20");
  auto not_stocktaken = [&](const char* day) {
    std::vector<std::uint64_t> assets;
    for (const Finding& f : reg.audit(Date::parse(day))) {
      if (f.rule == "not_stocktaken") assets.push_back(f.asset);
    }
    return assets;
  };
  // Registered in 2025: that year's stocktaking is its registration.
  CHECK(not_stocktaken("2026-12-31").empty());
  // 2026's was due on 31 December 2026: one was stocktaken, the other not.
  CHECK(not_stocktaken("2027-01-01") == std::vector<std::uint64_t>{forgotten});
  CHECK(reg.get_asset(checked).inspected == Date::parse("2026-11-20"));
  // An inspection entered in January, dated 30 December, is late by the register's clock.
  county.clock.reach(Date::parse("2027-01-05"));
  county.submit(county.actors["village A1"],
                Inspected{forgotten, "管护员", Condition::kGood, "", {}, false}, "2026-12-30");
  CHECK(not_stocktaken("2027-01-06") == std::vector<std::uint64_t>{forgotten});
  // The day is policy: from 2027 the county stocktakes by 30 June.
  PolicyDefined june = reg.policy();
  june.version = 2;
  june.effective_from = Date::parse("2027-01-01");
  june.stocktaking_by = 630;
  county.submit(1, june, "2027-01-06");
  CHECK(not_stocktaken("2027-06-30") == std::vector<std::uint64_t>{forgotten});  // 2026's
  CHECK(not_stocktaken("2027-07-01") == (std::vector<std::uint64_t>{checked, forgotten}));
  // An inspection counts as much as a stocktaking; one after the day is late for that year.
  county.submit(county.actors["village A1"],
                Inspected{forgotten, "管护员", Condition::kGood, "", {}, false}, "2027-05-10");
  county.submit(county.actors["village A1"],
                Inspected{checked, "清查组", Condition::kGood, "", {}, true}, "2027-07-02");
  CHECK(not_stocktaken("2027-07-03") == std::vector<std::uint64_t>{checked});
  june.version = 3;
  june.stocktaking_by = 231;  // no 31 February
  CHECK(error_of([&] { county.submit(1, june, "2027-07-03"); }).kind() == ErrorKind::kInvalidInput);
}

TEST_CASE("the village supervision committee supervises, certificates and stakes are kept") {
  County county;
  Registry& reg = county.registry;
  const auto committee =
      county.party(PartyKind::kSupervisionCommittee, "A1村务监督委员会", kVillageA1);
  const std::vector<OwnerShare> a1 = {{county.collective_a1, Share::of(1, 1)}};
  const auto road =
      county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1, a1), "2026-01-10");
  const auto elsewhere = county.submit(1,
                                       county.asset(AssetClass::kPublicWelfare, kVillageB1,
                                                    {{county.collective_b1, Share::of(1, 1)}}),
                                       "2026-01-10");
  const Date from = Date::parse("2026-01-01");
  county.submit(1, RightBound{road, RightKind::kSupervision, committee, from, Date()});
  CHECK_THAT(
      error_of([&] {
        county.submit(1, RightBound{elsewhere, RightKind::kSupervision, committee, from, Date()});
      }).what(),
      Catch::Contains("not of"));
  CHECK_THAT(error_of([&] {
               county.submit(1, RightBound{road, RightKind::kIncome, committee, from, Date()});
             }).what(),
             Catch::Contains("holds supervision only"));
  CHECK_THAT(error_of([&] {
               county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                             {{committee, Share::of(1, 1)}}));
             }).what(),
             Catch::Contains("owns no asset"));
  // A certificate number given at confirmation stays with the asset.
  const auto unowned =
      county.submit(1, county.asset(AssetClass::kOperating, kVillageA1, {}), "2026-01-10");
  county.submit(1, OwnershipConfirmed{unowned, a1, "息烽确权〔2026〕7号"}, "2026-02-01");
  CHECK(reg.get_asset(unowned).certificate == "息烽确权〔2026〕7号");
  // Equity records the stake held in the investee; only equity has one.
  AssetRegistered equity = county.asset(AssetClass::kOperating, kVillageA1, a1);
  equity.description.form = AssetForm::kEquity;
  equity.description.category = AssetCategory::kEquity;
  equity.description.investee = county.enterprise;
  equity.description.stake = Share::parse("3/10");
  equity.description.project_id = "XF2021-017";
  equity.description.performance_targets = "带动脱贫户增收 120 户，年分红不低于 6%";
  equity.description.exit_terms = "期满五年按原值退出";
  const auto stake = county.submit(1, equity, "2026-01-10");
  CHECK(reg.get_asset(stake).description.exit_terms == "期满五年按原值退出");
  CHECK(reg.get_asset(stake).description.stake == Share::parse("0.3"));
  CHECK(reg.get_asset(stake).description.project_id == "XF2021-017");
  AssetRegistered fixed = county.asset(AssetClass::kOperating, kVillageA1, a1);
  fixed.description.exit_terms = "期满退出";
  CHECK_THAT(error_of([&] { county.submit(1, fixed); }).what(),
             Catch::Contains("only equity assets have exit terms"));
  fixed.description.exit_terms.clear();
  fixed.description.stake = Share::parse("1/2");
  CHECK_THAT(error_of([&] { county.submit(1, fixed); }).what(),
             Catch::Contains("only equity assets hold a stake"));
}

TEST_CASE("a use right held by a village amortises to nothing over its term") {
  County county;
  AssetRegistered right =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  right.description.form = AssetForm::kUseRight;
  right.description.category = AssetCategory::kUseRight;
  right.description.use_right_years = 10;
  const auto id = county.submit(1, right, "2026-01-10");
  // Completed 30 June 2021; the collective regime starts the month after: 60 of 120 months by
  // 30 June 2026, all of them by 30 June 2031, with no residual kept.
  CHECK(book_value_on(county.registry, id, "2026-06-30") == Money::parse_yuan("60000.00"));
  CHECK(book_value_on(county.registry, id, "2031-06-30") == Money());
  // A greenhouse keeps the policy's 5% residual.
  const auto greenhouse = county.submit(
      1,
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}}),
      "2026-01-10");
  CHECK(book_value_on(county.registry, greenhouse, "2031-06-30") == Money::parse_yuan("6000.00"));
}

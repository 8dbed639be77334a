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

// The refusals county staff read in Chinese (Error::chinese): what is wrong and what to do,
// naming the asset by its code, the party by its number, amounts in 元.
TEST_CASE("Chinese: refusals of registration, ownership and handover name the asset") {
  County county;
  const std::string a1 = std::to_string(county.collective_a1);
  auto zh = [](auto&& write) { return error_of(write).chinese(); };

  // A code registered twice; funding that does not add up to the original value.
  AssetRegistered greenhouse =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  const auto id = county.submit(1, greenhouse, "2026-01-10");
  std::string text = zh([&] { county.submit(1, greenhouse, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("资产编号 " + greenhouse.code + " 已登记过"));
  AssetRegistered overvalued = county.asset(AssetClass::kOperating, kVillageA1, {});
  overvalued.description.original = Money::parse_yuan("150000.00");
  text = zh([&] { county.submit(1, overvalued, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("各项资金来源合计 120000.00 元"));
  CHECK_THAT(text, Catch::Contains("与原值 150000.00 元不符"));
  CHECK_THAT(text, Catch::Contains("（funding）"));

  // Owners: shares that do not sum to 1, a household asset shared, a school owned by a company.
  text = zh([&] {
    county.submit(1, county.asset(AssetClass::kOperating, kVillageA1,
                                  {{county.collective_a1, Share::of(1, 2)},
                                   {county.collective_a2, Share::of(1, 3)}}));
  });
  CHECK_THAT(text, Catch::Contains("合计不等于 1"));
  text = zh([&] {
    county.submit(1, county.asset(AssetClass::kHousehold, kVillageA1,
                                  {{county.household_a1, Share::of(1, 2)},
                                   {county.household_b1, Share::of(1, 2)}}));
  });
  CHECK_THAT(text, Catch::Contains("到户类资产只能归一户农户单独所有"));
  text = zh([&] {
    county.submit(1, county.asset(AssetClass::kPublicWelfare, kVillageA1,
                                  {{county.enterprise, Share::of(1, 1)}}));
  });
  CHECK_THAT(text, Catch::Contains("公益性资产的产权主体只能是"));
  CHECK_THAT(text, Catch::Contains("不能是企业"));

  // Status: 待处置 only by a disposal; the same status again.
  text = zh([&] {
    county.submit(1, AssetStatusChanged{id, AssetStatus::kPendingDisposal, "拟处置"}, "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("“待处置”状态只能由处置流程产生"));
  CHECK_THAT(text, Catch::Contains(greenhouse.code));
  text = zh([&] {
    county.submit(1, AssetStatusChanged{id, AssetStatus::kInUse, ""}, "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("资产 " + greenhouse.code + " 的状态已是“在用”"));

  // Owners confirmed change only by a procedure.
  text = zh([&] {
    county.submit(1, OwnershipConfirmed{id, {{county.enterprise, Share::of(1, 1)}}}, "2026-02-03");
  });
  CHECK_THAT(text, Catch::Contains("资产 " + greenhouse.code + " 的产权主体已经确认"));
  CHECK_THAT(text, Catch::Contains("移交、处置"));

  // A correction names the entry that set the description.
  AssetCorrected correction{id, id + 1, greenhouse.description, "名称有误"};
  text = zh([&] { county.submit(1, correction, "2026-02-05"); });
  CHECK_THAT(text, Catch::Contains("资产 " + greenhouse.code + " 当前的登记信息由第 " +
                                   std::to_string(id) + " 条记录设定"));

  // A household asset keeps itself; equity terms only on equity.
  const auto cattle = county.submit(
      1, county.asset(AssetClass::kHousehold, kVillageA1, {{county.household_a1, Share::of(1, 1)}}),
      "2026-01-10");
  MaintenanceBound keeper;
  keeper.asset = cattle;
  keeper.party = county.collective_a1;
  keeper.person = "王管护";
  keeper.from = Date::parse("2026-01-10");
  text = zh([&] { county.submit(1, keeper, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("由农户自行管护，不绑定管护主体"));
  CHECK_THAT(text, Catch::Contains(county.registry.get_asset(cattle).code));
  AssetRegistered fixed = county.asset(AssetClass::kOperating, kVillageA1, {});
  fixed.description.exit_terms = "期满退出";
  text = zh([&] { county.submit(1, fixed); });
  CHECK_THAT(text, Catch::Contains("只有股权类资产才填写退出条款（exit_terms：“期满退出”）"));
  // The English stays as it was.
  CHECK_THAT(error_of([&] { county.submit(1, fixed); }).what(),
             Catch::Contains("exit_terms: only equity assets have exit terms"));
}

TEST_CASE("Chinese: a handover's refusals say who must sign") {
  County county;
  const std::uint64_t village = county.actors["village A1"];
  const std::uint64_t township = county.actors["township A"];
  const std::uint64_t bureau =
      county.enrol("bureau", Role::kCountyRuralRevitalization, kCounty.county_code);
  AssetRegistered built =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.township_a, Share::of(1, 1)}});
  const auto greenhouse = county.submit(1, built, "2021-07-01");
  AssetHandedOver handover{greenhouse,
                           {{county.collective_a1, Share::of(1, 1)}},
                           Date::parse("2025-03-01"),
                           "息烽县确权〔2025〕12号",
                           Money::parse_yuan("90000.00")};
  auto zh = [](auto&& write) { return error_of(write).chinese(); };
  std::string text =
      zh([&] { county.submit_approved(township, handover, "2025-03-15", {bureau}); });
  CHECK_THAT(text, Catch::Contains("接收方（主体 " + std::to_string(county.collective_a1) +
                                   "，A1村股份经济合作社）尚未在移交记录上签署"));
  CHECK_THAT(text, Catch::Contains(kVillageA1));
  text = zh([&] { county.submit_approved(township, handover, "2025-03-15", {village}); });
  CHECK_THAT(text, Catch::Contains("资产移交须经县乡村振兴局同意"));
  text = zh([&] { county.submit_approved(township, handover, "2025-02-15", {village, bureau}); });
  CHECK_THAT(text, Catch::Contains("验收日期晚于移交日期 2025-02-15：项目须先验收、后移交"));
  CHECK_THAT(text, Catch::Contains("（accepted：“2025-03-01”）"));
  county.submit_approved(township, handover, "2025-03-15", {village, bureau});
  text = zh([&] { county.submit_approved(township, handover, "2025-04-01", {village, bureau}); });
  CHECK_THAT(text, Catch::Contains("资产 " + built.code + " 已属于这些产权主体"));
}

TEST_CASE("Chinese: rights, operation contracts and their resolutions") {
  County county;
  const auto committee =
      county.party(PartyKind::kSupervisionCommittee, "A1村务监督委员会", kVillageA1);
  const std::vector<OwnerShare> a1 = {{county.collective_a1, Share::of(1, 1)}};
  const AssetRegistered road_asset = county.asset(AssetClass::kPublicWelfare, kVillageA1, a1);
  const auto road = county.submit(1, road_asset, "2026-01-10");
  const AssetRegistered far_asset = county.asset(AssetClass::kPublicWelfare, kVillageB1,
                                                 {{county.collective_b1, Share::of(1, 1)}});
  const auto elsewhere = county.submit(1, far_asset, "2026-01-10");
  const Date from = Date::parse("2026-01-01");
  auto zh = [](auto&& write) { return error_of(write).chinese(); };
  std::string text = zh([&] {
    county.submit(1, RightBound{elsewhere, RightKind::kSupervision, committee, from, Date()});
  });
  CHECK_THAT(text, Catch::Contains("村务监督委员会既不属于资产 " + far_asset.code + " 所在村"));
  text = zh([&] {
    county.submit(1, RightBound{road, RightKind::kIncome, committee, from, Date()});
  });
  CHECK_THAT(text, Catch::Contains("村务监督委员会只持有监督权，不能持有收益权"));
  text = zh([&] {
    county.submit(1, RightBound{road, RightKind::kSupervision, county.enterprise, from, Date()});
  });
  CHECK_THAT(text, Catch::Contains("监督权只能由乡镇、县直部门或村务监督委员会持有，不能交给企业"));
  text = zh([&] {
    county.submit(
        1, county.asset(AssetClass::kPublicWelfare, kVillageA1, {{committee, Share::of(1, 1)}}));
  });
  CHECK_THAT(text, Catch::Contains("不能作为资产的产权主体"));

  // Leasing a village's greenhouse needs its villagers' resolution, published and run.
  const AssetRegistered greenhouse_asset = county.asset(AssetClass::kOperating, kVillageA1, a1);
  const auto greenhouse = county.submit(1, greenhouse_asset, "2026-01-10");
  OperationContracted lease = county.lease(greenhouse);
  text = zh([&] { county.submit(county.actors["village A1"], lease, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("资产 " + greenhouse_asset.code + " 出租须有产权主体 " +
                                   std::to_string(county.collective_a1) +
                                   "（A1村股份经济合作社）的村民（代表）会议决议并经公示"));
  CHECK_THAT(text, Catch::Contains("（resolutions）"));
  const auto early =
      county.submit(1, ResolutionAdopted{county.collective_a1, Meeting::kVillagersAssembly,
                                         ResolutionSubject::kOperationContract, 0, "出租决议",
                                         Date::parse("2025-12-20"), 100, 80, 70});
  const auto notice = county.submit(1, NoticePosted{NoticeSubject::kOperationContract,
                                                    early,
                                                    kVillageA1,
                                                    "村务公开栏",
                                                    Date::parse("2025-12-21"),
                                                    Date::parse("2026-01-20"),
                                                    {}});
  lease.resolutions = {early};
  text = zh([&] { county.submit(county.actors["village A1"], lease, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("决议 " + std::to_string(early) + " 尚未完成公示（公示 " +
                                   std::to_string(notice) + " 到 "));
  CHECK_THAT(text, Catch::Contains("才期满"));
  // A public-welfare road is not leased.
  OperationContracted lease_road = county.lease(road);
  text = zh([&] { county.submit(1, lease_road, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("经营合同只用于经营性资产"));
  CHECK_THAT(text, Catch::Contains("资产 " + road_asset.code + " 是公益性资产"));
  // A negative rent.
  OperationContracted negative = lease;
  negative.rent_per_year = Money::parse_yuan("-1.00");
  text = zh([&] { county.submit(county.actors["village A1"], negative, "2026-01-10"); });
  CHECK_THAT(text, Catch::Contains("租金不能为负数（rent：“-1.00”）"));
}

TEST_CASE("Chinese: parties, actors and who may write where") {
  County county;
  auto zh = [](auto&& write) { return error_of(write).chinese(); };
  PartyRegistered nameless;
  nameless.kind = PartyKind::kHousehold;
  nameless.name = "王五";
  nameless.division = kVillageA1;
  std::string text = zh([&] { county.submit(1, nameless); });
  CHECK_THAT(text, Catch::Contains("登记农户须填写户主的身份信息"));
  PartyRegistered twin;
  twin.kind = PartyKind::kCooperative;
  twin.name = "A1村种养殖合作社";
  twin.division = kVillageA1;
  twin.credit_code = credit_code(1);  // the code of the first party the county registered
  text = zh([&] { county.submit(1, twin); });
  CHECK_THAT(text, Catch::Contains("统一社会信用代码 " + twin.credit_code + " 已登记过"));

  // An actor enrolled for a place outside the county.
  text = zh([&] {
    county.submit(1, ActorKeyEnrolled{20, "外县人员", Role::kVillageCommittee, "520123101201",
                                      test_key("actor-20", 30).verifier().public_key()});
  });
  CHECK_THAT(text, Catch::Contains("辖区 520123101201 不在本县"));

  // The auditor registers nothing; village A1's committee registers nothing in village B1; the
  // sector department keeps public-welfare assets only.
  const std::uint64_t auditor = county.actors["auditor"];
  const std::vector<OwnerShare> b1 = {{county.collective_b1, Share::of(1, 1)}};
  text = zh([&] { county.submit(auditor, county.asset(AssetClass::kOperating, kVillageB1, b1)); });
  CHECK_THAT(text, Catch::Contains("人员 " + std::to_string(auditor) + "（审计人员，辖区 " +
                                   kCounty.county_code + "）的角色无权登记资产"));
  const std::uint64_t village = county.actors["village A1"];
  text = zh([&] { county.submit(village, county.asset(AssetClass::kOperating, kVillageB1, b1)); });
  CHECK_THAT(text, Catch::Contains("人员 " + std::to_string(village) + "（村民委员会，辖区 " +
                                   kVillageA1 + "）不能在区划 " + kVillageB1 + " 登记资产"));
  CHECK_THAT(text, Catch::Contains("不在其辖区内"));
  text = zh([&] {
    county.submit(county.actors["sector"], county.asset(AssetClass::kOperating, kVillageB1, b1));
  });
  CHECK_THAT(text, Catch::Contains("行业主管部门只办理公益性资产"));
  // An actor that is not enrolled has no approvals to wait for.
  CHECK_THAT(error_of([&] { county.registry.pending_approvals(99); }).chinese(),
             Catch::Contains("人员 99 未登记为经办人员"));
  CHECK_THAT(error_of([&] { county.registry.rights(999, Date::parse("2026-01-01")); }).chinese(),
             Catch::Contains("没有编号为 999 的资产"));
}

TEST_CASE("Chinese: values, depreciation plans and the policy") {
  County county;
  Registry& reg = county.registry;
  auto zh = [](auto&& write) { return error_of(write).chinese(); };
  const AssetRegistered greenhouse =
      county.asset(AssetClass::kOperating, kVillageA1, {{county.collective_a1, Share::of(1, 1)}});
  const auto id = county.submit(1, greenhouse, "2026-01-10");
  std::string text = zh([&] {
    county.submit(1, ValueChanged{id, ValueChangeKind::kRevaluation, Money(), {}, ""},
                  "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("重估须改变资产 " + greenhouse.code + " 的价值"));
  text = zh([&] {
    county.submit(1, UnitsRecorded{id, Date::parse("2026-01-31"), 100}, "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("资产 " + greenhouse.code + " 不是按工作量法计提折旧"));
  // Double-declining over two years; sum of years' digits over 30 months.
  text = zh([&] {
    county.submit(1,
                  DepreciationPlanned{
                      id, static_cast<std::uint16_t>(DepreciationMethod::kDoubleDeclining), 24},
                  "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("双倍余额递减法的折旧年限至少为 3 年"));
  CHECK_THAT(text, Catch::Contains("（life_months：“24”）"));
  text = zh([&] {
    county.submit(
        1, DepreciationPlanned{id, static_cast<std::uint16_t>(DepreciationMethod::kSumOfYears), 30},
        "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("年数总和法的折旧年限须为整年"));
  // A township's asset is valued by the government regime: no accelerated depreciation.
  const auto hall = county.submit(
      1, county.asset(AssetClass::kOperating, kTownA, {{county.township_a, Share::of(1, 1)}}),
      "2026-01-10");
  text = zh([&] {
    county.submit(
        1,
        DepreciationPlanned{hall, static_cast<std::uint16_t>(DepreciationMethod::kSumOfYears), 96},
        "2026-02-01");
  });
  CHECK_THAT(text, Catch::Contains("按政府会计准则核算的资产只能用年限平均法或工作量法"));
  CHECK_THAT(text, Catch::Contains("不能用年数总和法"));
  // The policy's versions follow each other.
  PolicyDefined skipped = reg.policy();
  skipped.version = 3;
  skipped.effective_from = Date::parse("2027-01-01");
  text = zh([&] { county.submit(1, skipped, "2026-02-01"); });
  CHECK_THAT(text, Catch::Contains("政策设置的版本号 3 不是下一个版本（应为 2）"));
}

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

// A request by `by` carrying the approvals of `approvers` (each signing with its own key).
std::uint64_t approved_submit(County& county, std::uint64_t by, RegistryWrite write,
                              const char* day, std::vector<std::uint64_t> approvers) {
  county.clock.reach(Date::parse(day));
  RegistryRequest request{{by, Date::parse(day), {}, &actor_key(by)}, std::move(write), {}};
  static std::uint16_t next = 1;
  request.context.request_id[0] = 0x4b;
  request.context.request_id[15] = static_cast<std::uint8_t>(next);
  request.context.request_id[14] = static_cast<std::uint8_t>(next++ >> 8);
  const Bytes signed_bytes = county.registry.approval_bytes(request);
  for (const std::uint64_t approver : approvers) {
    request.approvals.push_back({approver, actor_key(approver).sign_record(signed_bytes)});
  }
  return county.registry.submit(request);
}

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
      error_of([&] { approved_submit(county, township, handover, "2025-03-15", {bureau}); }).what(),
      Catch::Contains("receiving side"));
  CHECK_THAT(error_of([&] {
               approved_submit(county, township, handover, "2025-03-15", {village});
             }).what(),
             Catch::Contains("bureau's consent"));
  CHECK_THAT(error_of([&] {
               approved_submit(county, township, handover, "2025-02-15", {village, bureau});
             }).what(),
             Catch::Contains("after its acceptance"));
  CHECK(error_of([&] {
          approved_submit(county, village, handover, "2025-03-15", {township, bureau});
        }).kind() == ErrorKind::kUnauthorized);
  CHECK(reg.ledger().size() == size);

  const auto entry = approved_submit(county, township, handover, "2025-03-15", {village, bureau});
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
               approved_submit(county, township, handover, "2025-04-01", {village, bureau});
             }).what(),
             Catch::Contains("already belongs"));
  CHECK(reg.ledger().verify_deep().ok);
  replay_in_memory(reg.ledger(), *register_fold());
}

// Income allocation: the exact rule of docs/rules.md §4, worked examples, refusals, properties.
#include "taizhang/allocation.h"

#include <catch2/catch.hpp>
#include <random>

#include "taizhang/error.h"

using namespace taizhang;

namespace {

Money yuan(const char* text) { return Money::parse_yuan(text); }

std::vector<std::int64_t> fens(const std::vector<AllocationRow>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& row : rows) out.push_back(row.amount.fen());
  return out;
}

template <typename F>
std::string invalid_message(F&& f) {
  try {
    f();
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kInvalidInput);
    return error.what();
  }
  FAIL("expected InvalidInput");
  return "";
}

}  // namespace

TEST_CASE("largest remainder: floors, then the leftover fen to the largest remainders") {
  // 100 fen in thirds: 33.33 each, one fen left, to the first (ties to the earlier part).
  const Weight thirds[] = {{1, 3}, {1, 3}, {1, 3}};
  auto parts = split_largest_remainder(Money::from_fen(100), thirds);
  CHECK(parts[0].fen() == 34);
  CHECK(parts[1].fen() == 33);
  CHECK(parts[2].fen() == 33);
  // 10 fen as 0.15 / 0.35 / 0.5: 1.5, 3.5, 5 -> floors 1, 3, 5; one fen to the earlier .5.
  const Weight w[] = {{15, 100}, {35, 100}, {50, 100}};
  parts = split_largest_remainder(Money::from_fen(10), w);
  CHECK(parts[0].fen() == 2);
  CHECK(parts[1].fen() == 3);
  CHECK(parts[2].fen() == 5);
  // The larger remainder wins over plan order.
  const Weight v[] = {{1, 10}, {9, 10}};  // 0.7 and 6.3 of 7 fen -> 0 + 6, remainders .7 .3
  parts = split_largest_remainder(Money::from_fen(7), v);
  CHECK(parts[0].fen() == 1);
  CHECK(parts[1].fen() == 6);
}

TEST_CASE("largest remainder: machine integers and arbitrary precision give the same parts") {
  // Over two large coprime denominators the common denominator does not fit in 64 bits, and the
  // split takes the arbitrary-precision path; it still pays out exactly.
  constexpr std::uint64_t p = 1'000'000'007, q = 100'000'000'003;  // p × q > 2^64
  const Weight large[] = {{1, p}, {2, q}, {3, p}};
  for (const std::int64_t fen : {0LL, 1LL, 7LL, 100LL, 99'999LL, 123'456'789LL}) {
    std::int64_t sum = 0;
    for (const Money& part : split_largest_remainder(Money::from_fen(fen), large)) {
      sum += part.fen();
    }
    CHECK(sum == fen);
  }
  // The same weights written over one small denominator and as integers: equal parts.
  const Weight fractions[] = {{3, 20}, {7, 20}, {10, 20}};
  const Weight integers[] = {{3, 1}, {7, 1}, {10, 1}};
  const Weight scaled_up[] = {
      {3 * p, 20 * p}, {7 * q, 20 * q}, {1, 2}};  // forces arbitrary precision
  for (const std::int64_t fen : {1LL, 19LL, 1'000LL, 987'654'321LL}) {
    const auto a = split_largest_remainder(Money::from_fen(fen), fractions);
    const auto b = split_largest_remainder(Money::from_fen(fen), integers);
    const auto c = split_largest_remainder(Money::from_fen(fen), scaled_up);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(a[i] == b[i]);
      CHECK(a[i] == c[i]);
    }
  }
}

TEST_CASE("the whole rule: fixed first, guarantees next, the rest by fractions") {
  AllocationPlan plan;
  plan.fixed = {{"posts", "public_welfare_posts", yuan("3000.00")}};
  plan.guaranteed = {{"dividend", yuan("100000.00"), Share::parse("0.06"), std::nullopt},
                     {"fixed-return", Money(), Share::of(0, 1), yuan("1000.00")}};
  plan.proportional = {
      {"unable", "support_unable_to_work", Share::parse("3/10"), {}},
      {"maintenance", "operation_and_maintenance", Share::parse("0.2"), {}},
      {"incentives", "production_incentives", Share::parse("1/2"), {{1, 1}, {1, 1}, {2, 1}}}};
  const auto rows = allocate(yuan("20000.00"), plan);
  // 20,000 - 3,000 fixed - 6,000 (100,000 x 6%) - 1,000 = 10,000 split 3,000 / 2,000 / 5,000,
  // and the last again 1:1:2.
  CHECK(fens(rows) == std::vector<std::int64_t>{300'000, 600'000, 100'000, 300'000, 200'000,
                                                125'000, 125'000, 250'000});
  CHECK(rows[5].beneficiary == 0u);
  CHECK(rows[7].line == 2u);
}

TEST_CASE("guarantees accrue by days and share a shortfall in proportion") {
  AllocationPlan plan;
  plan.guaranteed = {{"a", yuan("10000.00"), Share::parse("0.05"), std::nullopt},
                     {"b", yuan("30000.00"), Share::parse("0.05"), std::nullopt}};
  plan.proportional = {{"rest", "collective_economy", Share::parse("1"), {}}};
  // 90 days: 10,000 x 5% x 90/365 = 123.287... -> 123.29; and 369.863... -> 369.86.
  auto rows = allocate(yuan("1000.00"), plan, 90);
  CHECK(fens(rows) == std::vector<std::int64_t>{12'329, 36'986, 50'685});
  // Short: 100.00 for guarantees of 500 and 1,500 -> 25.00 and 75.00, nothing for the rest.
  rows = allocate(yuan("100.00"), plan, 365);
  CHECK(fens(rows) == std::vector<std::int64_t>{2'500, 7'500, 0});
}

TEST_CASE("fixed lines are paid in order as far as money remains") {
  AllocationPlan plan;
  plan.fixed = {{"a", "public_welfare_posts", yuan("60.00")},
                {"b", "operation_and_maintenance", yuan("60.00")},
                {"c", "village_public_welfare", yuan("60.00")}};
  const auto rows = allocate(yuan("100.00"), plan);
  CHECK(fens(rows) == std::vector<std::int64_t>{6'000, 4'000, 0});
}

TEST_CASE("invalid plans are refused naming the line and the field") {
  AllocationPlan plan;
  plan.proportional = {{"a", "collective_economy", Share::parse("1/3"), {}},
                       {"b", "village_public_welfare", Share::parse("1/3"), {}}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("1.00"), plan); }),
             Catch::Contains("proportional.fraction") && Catch::Contains("1/3 + 1/3"));
  plan.proportional = {{"office", "office_buildings", Share::parse("1"), {}}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("1.00"), plan); }),
             Catch::Contains("line \"office\"") && Catch::Contains("prohibited"));
  plan.proportional = {{"x", "fun", Share::parse("1"), {}}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("1.00"), plan); }), Catch::Contains("purpose"));
  plan.proportional = {{"x", "collective_economy", Share::parse("1"), {{0, 1}}}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("1.00"), plan); }),
             Catch::Contains("beneficiaries[0].weight"));
  AllocationPlan only_fixed;
  only_fixed.fixed = {{"a", "public_welfare_posts", yuan("1.00")}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("2.00"), only_fixed); }),
             Catch::Contains("proportional"));
  CHECK(fens(allocate(yuan("1.00"), only_fixed)) == std::vector<std::int64_t>{100});
  AllocationPlan both;
  both.guaranteed = {{"g", yuan("1.00"), Share::parse("0.1"), yuan("1.00")}};
  CHECK_THAT(invalid_message([&] { allocate(yuan("2.00"), both); }), Catch::Contains("line \"g\""));
  CHECK_THAT(invalid_message([&] { allocate(yuan("-1.00"), only_fixed); }),
             Catch::Contains("amount"));
}

TEST_CASE("random plans: rows sum exactly, no line gets more than one fen over its share") {
  std::mt19937_64 random(4);
  const char* purposes[] = {"support_unable_to_work", "public_welfare_posts",
                            "production_incentives", "collective_economy"};
  for (int trial = 0; trial < 2000; ++trial) {
    AllocationPlan plan;
    const int fixed = static_cast<int>(random() % 3);
    for (int i = 0; i < fixed; ++i) {
      plan.fixed.push_back({"f" + std::to_string(i), purposes[random() % 4],
                            Money::from_fen(1 + static_cast<std::int64_t>(random() % 100'000))});
    }
    const int guaranteed = static_cast<int>(random() % 3);
    for (int i = 0; i < guaranteed; ++i) {
      plan.guaranteed.push_back(
          {"g" + std::to_string(i),
           Money::from_fen(1 + static_cast<std::int64_t>(random() % 10'000'000)),
           Share::of(1 + random() % 10, 100), std::nullopt});
    }
    const std::uint64_t lines = 1 + random() % 5;
    std::vector<std::uint64_t> cuts;
    std::uint64_t denominator = 1 + random() % 997, used = 0;
    for (std::uint64_t i = 0; i + 1 < lines && used < denominator; ++i) {
      const std::uint64_t part =
          1 + random() % std::max<std::uint64_t>(1, (denominator - used) / 2);
      if (used + part >= denominator) break;
      cuts.push_back(part);
      used += part;
    }
    cuts.push_back(denominator - used);
    for (std::size_t i = 0; i < cuts.size(); ++i) {
      ProportionalLine line{
          "p" + std::to_string(i), purposes[random() % 4], Share::of(cuts[i], denominator), {}};
      if (random() % 3 == 0) {
        for (std::uint64_t b = 0; b < 1 + random() % 6; ++b) {
          line.beneficiaries.push_back({1 + random() % 9, 1 + random() % 4});
        }
      }
      plan.proportional.push_back(line);
    }
    const Money amount = Money::from_fen(static_cast<std::int64_t>(random() % 100'000'000));
    const std::int32_t days = static_cast<std::int32_t>(1 + random() % 366);
    INFO("trial " << trial);
    const auto rows = allocate(amount, plan, days);
    Money sum;
    for (const auto& row : rows) {
      REQUIRE(row.amount >= Money());
      sum += row.amount;
    }
    REQUIRE(sum == amount);
    // Each proportional line gets its exact share of what was left, within one fen.
    Money before;
    for (const auto& row : rows) {
      if (row.kind != AllocationRow::Kind::kProportional) before += row.amount;
    }
    const Money rest = amount - before;
    std::vector<Money> per_line(plan.proportional.size());
    for (const auto& row : rows) {
      if (row.kind == AllocationRow::Kind::kProportional) per_line[row.line] += row.amount;
    }
    for (std::size_t i = 0; i < per_line.size(); ++i) {
      // |paid × den − rest × num| <= den, in exact integers: within one fen of the share.
      const Share f = plan.proportional[i].fraction;
      const __int128 paid = static_cast<__int128>(per_line[i].fen()) * f.denominator();
      const __int128 share = static_cast<__int128>(rest.fen()) * f.numerator();
      const __int128 gap = paid > share ? paid - share : share - paid;
      REQUIRE(gap <= static_cast<__int128>(f.denominator()));
    }
  }
}

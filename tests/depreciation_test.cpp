// Depreciation: worked examples for every method and regime, the rounding rule, the month
// rule, refusals, and properties over random plans.
#include "taizhang/depreciation.h"

#include <catch2/catch.hpp>
#include <random>

#include "taizhang/error.h"

using namespace taizhang;

namespace {

DepreciationPlan plan(const char* original_yuan, DepreciationMethod method, std::int32_t months,
                      const char* acquired,
                      DepreciationRegime regime = DepreciationRegime::kCollective) {
  DepreciationPlan p;
  p.original = Money::parse_yuan(original_yuan);
  p.method = method;
  p.life_months = months;
  p.acquired = Date::parse(acquired);
  p.regime = regime;
  return p;
}

std::vector<std::int64_t> accumulations(const std::vector<DepreciationRow>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& row : rows) out.push_back(row.accumulated.fen());
  return out;
}

template <typename F>
void require_invalid(F&& f, const std::string& field) {
  try {
    f();
    FAIL("expected InvalidInput");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kInvalidInput);
    CHECK_THAT(error.what(), Catch::StartsWith("InvalidInput: " + field));
  }
}

}  // namespace

TEST_CASE("straight line, collective: residual 5%, starts the month after acquisition") {
  const auto p = plan("12000.00", DepreciationMethod::kStraightLine, 10, "2024-01-15");
  CHECK(residual_value(p).fen() == 60'000);
  const auto rows = depreciation_schedule(p);
  REQUIRE(rows.size() == 10);
  CHECK(rows.front().period_end.to_string() == "2024-02-29");
  CHECK(rows.back().period_end.to_string() == "2024-11-30");
  for (const auto& row : rows) CHECK(row.depreciation.fen() == 114'000);
  CHECK(rows.back().book_value.fen() == 60'000);
}

TEST_CASE("the rounding rule: accumulations rounded half up, months are their differences") {
  // Base 9500 fen over 3 months: 3166.67 -> 3167, 6333.33 -> 6333, 9500.
  const auto rows =
      depreciation_schedule(plan("100.00", DepreciationMethod::kStraightLine, 3, "2024-01-15"));
  CHECK(accumulations(rows) == std::vector<std::int64_t>{3167, 6333, 9500});
  CHECK(rows[0].depreciation.fen() == 3167);
  CHECK(rows[1].depreciation.fen() == 3166);
  CHECK(rows[2].depreciation.fen() == 3167);
  // A residual of half a fen rounds up: 0.10 yuan * 5% = 0.5 fen -> 1 fen.
  CHECK(residual_value(plan("0.10", DepreciationMethod::kStraightLine, 3, "2024-01-15")).fen() ==
        1);
}

TEST_CASE("straight line, government: no residual, the month of acquisition counts") {
  const auto p = plan("1000.00", DepreciationMethod::kStraightLine, 12, "2024-03-10",
                      DepreciationRegime::kGovernment);
  CHECK(residual_value(p).fen() == 0);
  const auto rows = depreciation_schedule(p);
  CHECK(rows.front().period_end.to_string() == "2024-03-31");
  CHECK(rows[0].accumulated.fen() == 8333);
  CHECK(rows[1].accumulated.fen() == 16667);
  CHECK(rows.back().accumulated.fen() == 100'000);
  CHECK(rows.back().book_value.fen() == 0);
}

TEST_CASE("sum of years' digits accrues each year's share evenly by month") {
  // Base 1,520,000 fen over 5 years (digits total 15).
  const auto rows =
      depreciation_schedule(plan("16000.00", DepreciationMethod::kSumOfYears, 60, "2023-06-30"));
  REQUIRE(rows.size() == 60);
  CHECK(rows[0].accumulated.fen() == 42'222);    // 506,666.67 / 12
  CHECK(rows[11].accumulated.fen() == 506'667);  // year 1: 5/15
  CHECK(rows[23].accumulated.fen() == 912'000);  // years 1-2: 9/15
  CHECK(rows[12].depreciation.fen() + rows[11].accumulated.fen() == rows[12].accumulated.fen());
  CHECK(rows.back().accumulated.fen() == 1'520'000);
  CHECK(rows.back().book_value.fen() == 80'000);
}

TEST_CASE("double-declining balance: 2/n of the opening book value, the last two years even") {
  // Original 1,000,000 fen, 5 years, residual 50,000: years 400,000, 240,000, 144,000, then
  // (216,000 - 50,000) / 2 = 83,000 twice.
  const auto rows = depreciation_schedule(
      plan("10000.00", DepreciationMethod::kDoubleDeclining, 60, "2023-12-01"));
  REQUIRE(rows.size() == 60);
  CHECK(rows[0].period_end.to_string() == "2024-01-31");
  CHECK(rows[0].accumulated.fen() == 33'333);
  CHECK(rows[11].accumulated.fen() == 400'000);
  CHECK(rows[12].accumulated.fen() == 420'000);
  CHECK(rows[23].accumulated.fen() == 640'000);
  CHECK(rows[35].accumulated.fen() == 784'000);
  CHECK(rows[47].accumulated.fen() == 867'000);
  CHECK(rows[59].accumulated.fen() == 950'000);
  CHECK(rows[50].depreciation.fen() == 6917);  // 83,000 / 12 = 6916.67, by differences
}

TEST_CASE("double-declining never takes the book value below the residual") {
  // A residual of 40% on a 3-year life: year 1 would take 2/3 but may take only 60%.
  auto p = plan("1000.00", DepreciationMethod::kDoubleDeclining, 36, "2024-01-01");
  p.residual_rate = Share::parse("0.4");
  const auto rows = depreciation_schedule(p);
  CHECK(rows[11].accumulated.fen() == 60'000);
  CHECK(rows.back().accumulated.fen() == 60'000);
  for (const auto& row : rows) CHECK(row.book_value.fen() >= 40'000);
}

TEST_CASE("units of production: base x units so far / total, never above the base") {
  auto p = plan("5000.00", DepreciationMethod::kUnitsOfProduction, 120, "2024-01-10");
  p.units_total = 1000;
  p.units = {100, 0, 250, 700, 5};
  const auto rows = depreciation_schedule(p);
  REQUIRE(rows.size() == 5);
  CHECK(accumulations(rows) ==
        std::vector<std::int64_t>{47'500, 47'500, 166'250, 475'000, 475'000});
  CHECK(rows[4].depreciation.fen() == 0);
}

TEST_CASE("as of a date, a month counts once its last day has come") {
  const auto p = plan("100.00", DepreciationMethod::kStraightLine, 3, "2024-01-15");
  CHECK(accumulated_depreciation(p, Date::parse("2024-01-31")).fen() == 0);
  CHECK(accumulated_depreciation(p, Date::parse("2024-02-28")).fen() == 0);
  CHECK(accumulated_depreciation(p, Date::parse("2024-02-29")).fen() == 3167);
  CHECK(accumulated_depreciation(p, Date::parse("2024-03-30")).fen() == 3167);
  CHECK(accumulated_depreciation(p, Date::parse("2024-03-31")).fen() == 6333);
  CHECK(accumulated_depreciation(p, Date::parse("2030-01-01")).fen() == 9500);
  const auto government = plan("1000.00", DepreciationMethod::kStraightLine, 12, "2024-03-10",
                               DepreciationRegime::kGovernment);
  CHECK(accumulated_depreciation(government, Date::parse("2024-03-30")).fen() == 0);
  CHECK(accumulated_depreciation(government, Date::parse("2024-03-31")).fen() == 8333);
  CHECK(accumulated_depreciation(government, Date::parse("2023-01-01")).fen() == 0);
}

TEST_CASE("plans that cannot be depreciated are refused by field") {
  auto government_ddb = plan("1.00", DepreciationMethod::kDoubleDeclining, 60, "2024-01-01",
                             DepreciationRegime::kGovernment);
  require_invalid([&] { depreciation_schedule(government_ddb); }, "method");
  require_invalid(
      [] {
        depreciation_schedule(plan("1.00", DepreciationMethod::kSumOfYears, 30, "2024-01-01"));
      },
      "life_months");
  require_invalid(
      [] {
        depreciation_schedule(plan("1.00", DepreciationMethod::kDoubleDeclining, 24, "2024-01-01"));
      },
      "life_months");
  require_invalid(
      [] {
        depreciation_schedule(plan("1.00", DepreciationMethod::kStraightLine, 0, "2024-01-01"));
      },
      "life_months");
  require_invalid(
      [] {
        depreciation_schedule(plan("-1.00", DepreciationMethod::kStraightLine, 5, "2024-01-01"));
      },
      "original");
  auto whole_residual = plan("1.00", DepreciationMethod::kStraightLine, 5, "2024-01-01");
  whole_residual.residual_rate = Share::parse("1");
  require_invalid([&] { depreciation_schedule(whole_residual); }, "residual_rate");
  auto no_total = plan("1.00", DepreciationMethod::kUnitsOfProduction, 5, "2024-01-01");
  no_total.units = {1};
  require_invalid([&] { depreciation_schedule(no_total); }, "units_total");
  auto stray_units = plan("1.00", DepreciationMethod::kStraightLine, 5, "2024-01-01");
  stray_units.units = {1};
  require_invalid([&] { depreciation_schedule(stray_units); }, "units");
  require_invalid([] { parse_depreciation_method("linear"); }, "method");
  require_invalid([] { parse_depreciation_regime("state"); }, "regime");
}

TEST_CASE("random plans: months sum to the base, never negative, as-of agrees with the schedule") {
  std::mt19937_64 random(42);
  const DepreciationMethod methods[] = {
      DepreciationMethod::kStraightLine, DepreciationMethod::kSumOfYears,
      DepreciationMethod::kDoubleDeclining, DepreciationMethod::kUnitsOfProduction};
  for (int trial = 0; trial < 400; ++trial) {
    DepreciationPlan p;
    p.original = Money::from_fen(static_cast<std::int64_t>(random() % 10'000'000'000));
    p.method = methods[trial % 4];
    p.regime = (p.method == DepreciationMethod::kStraightLine ||
                p.method == DepreciationMethod::kUnitsOfProduction) &&
                       random() % 2
                   ? DepreciationRegime::kGovernment
                   : DepreciationRegime::kCollective;
    p.life_months = static_cast<std::int32_t>(12 * (3 + random() % 48));
    if (p.method == DepreciationMethod::kStraightLine) p.life_months += random() % 12;
    p.acquired = Date::from_days(static_cast<std::int32_t>(15'000 + random() % 5000));
    p.residual_rate = Share::of(random() % 20, 100);
    if (p.method == DepreciationMethod::kUnitsOfProduction) {
      p.units_total = 1 + random() % 100'000;
      p.units.resize(static_cast<std::size_t>(1 + random() % p.life_months));
      for (auto& u : p.units) u = random() % (2 * p.units_total / p.units.size() + 1);
    }
    INFO("trial " << trial);
    const auto rows = depreciation_schedule(p);
    const std::int64_t base = p.original.fen() - residual_value(p).fen();
    std::int64_t sum = 0;
    for (const auto& row : rows) {
      REQUIRE(row.depreciation.fen() >= 0);
      REQUIRE(row.book_value.fen() >= residual_value(p).fen());
      sum += row.depreciation.fen();
      REQUIRE(accumulated_depreciation(p, row.period_end) == row.accumulated);
      REQUIRE(accumulated_depreciation(p, row.period_end.plus_days(-1)) ==
              row.accumulated - row.depreciation);
    }
    if (p.method != DepreciationMethod::kUnitsOfProduction) REQUIRE(sum == base);
    REQUIRE(sum <= base);
  }
}

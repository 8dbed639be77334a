// Depreciation schedules: exact accumulated amounts, rounded half up to the fen.
//
// Straight-line, sum-of-years' digits and units of production have accumulations p/q with small
// q, computed in checked 128-bit integers. Double-declining balance compounds (1 − 2/n) over the
// years, so its amounts are arbitrary-precision integers over a common denominator.
#include "taizhang/depreciation.h"

#include <boost/multiprecision/cpp_int.hpp>

#include "taizhang/asset.h"
#include "taizhang/chinese.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

using Int128 = boost::multiprecision::checked_int128_t;
using BigInt = boost::multiprecision::cpp_int;

constexpr std::int32_t kLifeMonthsMax = 12 * 200;

// p / q rounded half up, for p >= 0 and q > 0.
template <typename Integer>
Integer round_half_up(const Integer& numerator, const Integer& denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

Money to_money(const Int128& fen) { return Money::from_fen(static_cast<std::int64_t>(fen)); }

bool is_year_based(DepreciationMethod method) {
  return method == DepreciationMethod::kDoubleDeclining ||
         method == DepreciationMethod::kSumOfYears;
}

// The month index (year * 12 + month - 1) of a date.
std::int64_t month_index(Date date) {
  const Date::Civil civil = date.civil();
  return std::int64_t{civil.year} * 12 + static_cast<std::int64_t>(civil.month) - 1;
}

std::int32_t first_month_offset(const DepreciationPlan& plan) {
  return plan.regime == DepreciationRegime::kGovernment ? 0 : 1;
}

// The number of months in the schedule.
std::int32_t schedule_months(const DepreciationPlan& plan) {
  return plan.method == DepreciationMethod::kUnitsOfProduction
             ? static_cast<std::int32_t>(plan.units.size())
             : plan.life_months;
}

// Exact accumulations, method by method. `months` is in [0, schedule_months(plan)].
class Accumulator {
 public:
  explicit Accumulator(const DepreciationPlan& plan)
      : plan_(plan), base_(plan.original.fen() - residual_value(plan).fen()) {
    if (plan.method == DepreciationMethod::kDoubleDeclining) double_declining_years();
    if (plan.method == DepreciationMethod::kUnitsOfProduction) {
      Int128 used = 0;
      used_prefix_.push_back(0);
      for (std::uint64_t month_units : plan.units) used_prefix_.push_back(used += month_units);
    }
  }

  Money accumulated(std::int32_t months) const {
    switch (plan_.method) {
      case DepreciationMethod::kStraightLine:
        return to_money(round_half_up<Int128>(base_ * months, Int128(plan_.life_months)));
      case DepreciationMethod::kSumOfYears:
        return sum_of_years(months);
      case DepreciationMethod::kDoubleDeclining:
        return double_declining(months);
      case DepreciationMethod::kUnitsOfProduction: {
        const Int128 used = used_prefix_[static_cast<std::size_t>(months)];
        if (used >= plan_.units_total) return to_money(base_);
        return to_money(round_half_up<Int128>(base_ * used, Int128(plan_.units_total)));
      }
    }
    return Money();
  }

 private:
  // Year y (from 1) of n takes (n − y + 1) / (n(n+1)/2) of the base, evenly by month.
  Money sum_of_years(std::int32_t months) const {
    const Int128 years = plan_.life_months / 12;
    const Int128 full = months / 12;
    const Int128 part = months % 12;
    const Int128 digits_total = years * (years + 1) / 2;
    const Int128 digits_full = full * years - full * (full - 1) / 2;
    const Int128 digits_part = full < years ? (years - full) * part : Int128(0);
    return to_money(
        round_half_up<Int128>(base_ * (12 * digits_full + digits_part), 12 * digits_total));
  }

  // Each year before the last two takes 2/n of the opening book value (of the original, not
  // the base), never going below the residual; the last two years share what is left above
  // the residual equally. Every year accrues evenly by month.
  //
  // Exactly, without fractions: with m = n − 2 declining years, every book value is a whole
  // multiple of 1 / n^m fen, the shared last two years need halves, and months need twelfths,
  // so year amounts are kept as integers over 24·n^m and accumulations over 12 times that.
  void double_declining_years() {
    const std::int32_t years = plan_.life_months / 12;
    BigInt scale = 24;
    for (std::int32_t i = 0; i < years - 2; ++i) scale *= years;
    ddb_denominator_ = scale * 12;
    const BigInt residual = BigInt(residual_value(plan_).fen()) * scale;
    BigInt book = BigInt(plan_.original.fen()) * scale;
    for (std::int32_t year = 1; year <= years - 2; ++year) {
      BigInt amount = book * 2 / years;  // exact: book carries a factor n per remaining year
      if (book - amount < residual) amount = book - residual;
      year_amounts_.push_back(amount);
      book -= amount;
    }
    const BigInt last_two = book > residual ? BigInt((book - residual) / 2) : BigInt(0);
    year_amounts_.push_back(last_two);
    year_amounts_.push_back(last_two);
  }

  Money double_declining(std::int32_t months) const {
    BigInt total = 0;
    const std::size_t full = static_cast<std::size_t>(months / 12);
    for (std::size_t year = 0; year < full; ++year) total += year_amounts_[year];
    total *= 12;
    if (full < year_amounts_.size()) total += year_amounts_[full] * (months % 12);
    const BigInt fen = round_half_up<BigInt>(total, ddb_denominator_);
    return Money::from_fen(static_cast<std::int64_t>(fen));
  }

  const DepreciationPlan& plan_;
  Int128 base_;
  std::vector<BigInt> year_amounts_;  // double-declining, over ddb_denominator_ / 12
  BigInt ddb_denominator_;
  std::vector<Int128> used_prefix_;
};

}  // namespace

void check_depreciation_plan(const DepreciationPlan& plan) {
  // Texts for errors only: this runs for every asset of a valuation.
  auto life = [&] { return std::to_string(plan.life_months); };
  if (plan.original < Money()) {
    throw_invalid("original", plan.original.to_yuan_string(), "may not be negative",
                  "原值不能为负数");
  }
  if (plan.life_months <= 0 || plan.life_months > kLifeMonthsMax) {
    throw_invalid("life_months", life(), "must be 1 to 2400 months",
                  "折旧年限须在 1 至 2400 个月之间");
  }
  if (plan.regime == DepreciationRegime::kGovernment &&
      plan.method != DepreciationMethod::kStraightLine &&
      plan.method != DepreciationMethod::kUnitsOfProduction) {
    throw_invalid("method", depreciation_method_name(plan.method),
                  "the government regime depreciates by straight line or units of work only",
                  "按政府会计准则核算的资产只能用年限平均法或工作量法计提折旧，不能用" +
                      std::string(chinese_name(plan.method)));
  }
  if (is_year_based(plan.method) && plan.life_months % 12 != 0) {
    throw_invalid("life_months", life(),
                  std::string(depreciation_method_name(plan.method)) + " needs whole years",
                  std::string(chinese_name(plan.method)) + "的折旧年限须为整年（12 的倍数个月）");
  }
  if (plan.method == DepreciationMethod::kDoubleDeclining && plan.life_months < 36) {
    throw_invalid("life_months", life(), "double_declining needs a life of at least 3 years",
                  "双倍余额递减法的折旧年限至少为 3 年（36 个月）");
  }
  if (plan.residual_rate.numerator() >= plan.residual_rate.denominator()) {
    throw_invalid("residual_rate", plan.residual_rate.to_string(), "must be below 1",
                  "残值率须小于 1");
  }
  if (plan.method == DepreciationMethod::kUnitsOfProduction) {
    if (plan.units_total == 0) {
      throw_invalid("units_total", "0", "units of production needs the expected total units",
                    "工作量法须填写预计总工作量");
    }
    if (plan.units.size() > static_cast<std::size_t>(plan.life_months)) {
      throw_invalid("units", std::to_string(plan.units.size()) + " months",
                    "more months of units than life_months " + life(),
                    "登记工作量的月数超过了折旧年限 " + life() + " 个月");
    }
  } else if (plan.units_total != 0 || !plan.units.empty()) {
    throw_invalid("units", depreciation_method_name(plan.method),
                  "units and units_total apply to units_of_production only",
                  "只有工作量法才填写工作量和预计总工作量，" +
                      std::string(chinese_name(plan.method)) + "不填");
  }
}

Money residual_value(const DepreciationPlan& plan) {
  if (plan.regime == DepreciationRegime::kGovernment) return Money();
  return to_money(
      round_half_up<Int128>(Int128(plan.original.fen()) * plan.residual_rate.numerator(),
                            Int128(plan.residual_rate.denominator())));
}

Date month_end(Date date, std::int32_t months) {
  const std::int64_t index = month_index(date) + months;
  const int year = static_cast<int>(index / 12);
  const unsigned month = static_cast<unsigned>(index % 12) + 1;
  return Date::from_civil(year, static_cast<int>(month),
                          static_cast<int>(days_in_month(year, month)), "period_end");
}

std::vector<DepreciationRow> depreciation_schedule(const DepreciationPlan& plan) {
  check_depreciation_plan(plan);
  const Accumulator accumulator(plan);
  const std::int32_t months = schedule_months(plan);
  std::vector<DepreciationRow> rows;
  rows.reserve(static_cast<std::size_t>(months));
  Money previous;
  for (std::int32_t month = 1; month <= months; ++month) {
    const Money accumulated = accumulator.accumulated(month);
    rows.push_back({month_end(plan.acquired, first_month_offset(plan) + month - 1),
                    accumulated - previous, accumulated, plan.original - accumulated});
    previous = accumulated;
  }
  return rows;
}

Money accumulated_depreciation(const DepreciationPlan& plan, Date as_of) {
  check_depreciation_plan(plan);
  // Months whose last day is on or before as_of: whole months from the first, plus as_of's own
  // month only if as_of is its last day. None (as_of before the first month's end) is zero.
  const Date::Civil now = as_of.civil();
  const bool at_month_end = now.day == days_in_month(now.year, now.month);
  const std::int64_t first = month_index(plan.acquired) + first_month_offset(plan);
  std::int64_t counted = std::int64_t{now.year} * 12 + static_cast<std::int64_t>(now.month) - 1 -
                         first + (at_month_end ? 1 : 0);
  if (counted <= 0) return Money();
  counted = std::min<std::int64_t>(counted, schedule_months(plan));
  return Accumulator(plan).accumulated(static_cast<std::int32_t>(counted));
}

}  // namespace taizhang

namespace taizhang {

std::optional<std::int32_t> default_life_months(AssetCategory category,
                                                std::uint16_t use_right_years) {
  switch (category) {
    case AssetCategory::kBuildingSteelConcrete:
      return 50 * 12;
    case AssetCategory::kBuildingBrick:
      return 30 * 12;
    case AssetCategory::kBuildingSimple:
      return 8 * 12;
    case AssetCategory::kStructure:
      return 8 * 12;
    case AssetCategory::kMachinery:
      return 10 * 12;
    case AssetCategory::kVehicle:
      return 8 * 12;
    case AssetCategory::kComputer:
      return 6 * 12;
    case AssetCategory::kElectrical:
      return 5 * 12;
    case AssetCategory::kPvStation:
      return 25 * 12;
    case AssetCategory::kGreenhouse:
      return 8 * 12;
    case AssetCategory::kUseRight:
      return use_right_years > 0 ? std::optional<std::int32_t>(use_right_years * 12) : std::nullopt;
    case AssetCategory::kOther:
      return 10 * 12;
    case AssetCategory::kRelocationShop:
      return 50 * 12;
    case AssetCategory::kLivestock:
    case AssetCategory::kEquity:
    case AssetCategory::kLand:
    case AssetCategory::kInfrastructure:
      return std::nullopt;
  }
  return std::nullopt;
}

DepreciationRegime default_regime(PartyKind owner_kind) {
  return owner_kind == PartyKind::kTownship || owner_kind == PartyKind::kCountyDepartment
             ? DepreciationRegime::kGovernment
             : DepreciationRegime::kCollective;
}

}  // namespace taizhang

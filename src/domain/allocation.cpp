// Income allocation by the exact rule of docs/rules.md §4.
#include "taizhang/allocation.h"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <numeric>

#include "taizhang/chinese.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

using BigInt = boost::multiprecision::cpp_int;

constexpr std::string_view kAllowedPurposes[] = {
    "support_unable_to_work",    "public_welfare_posts",
    "operation_and_maintenance", "relocation_site_running_costs",
    "production_incentives",     "village_public_welfare",
    "collective_economy",        "shareholder_dividends"};
constexpr std::string_view kProhibitedPurposes[] = {
    "committee_running_costs", "vehicles_and_phones", "allowances_and_benefits",
    "covering_losses_or_debts", "office_buildings"};

std::string where(const char* list, std::size_t index, const std::string& line) {
  return std::string(list) + "[" + std::to_string(index) + "] (line \"" + line + "\")";
}

void check_purpose(const PurposeRules& rules, const char* list, std::size_t index,
                   const std::string& line, const std::string& purpose) {
  const std::string field = where(list, index, line) + ".purpose";
  auto listed = [&](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), purpose) != names.end();
  };
  if (listed(rules.prohibited)) {
    throw_invalid(field, purpose,
                  "a prohibited purpose (docs/rules.md §4: no running costs, vehicles, allowances, "
                  "debts or office buildings)",
                  "分配项“" + line +
                      "”的用途属于禁止用途：收益不得用于村级组织运转经费、购置车辆和通讯工具、"
                      "发放津补贴福利、偿还债务或弥补亏损、修建办公楼（docs/rules.md 第 4 节）");
  }
  if (!listed(rules.allowed)) {
    std::string known, known_zh;
    for (const std::string& name : rules.allowed) {
      known += (known.empty() ? "" : ", ") + name;
      known_zh += (known_zh.empty() ? "" : "、") + name;
      if (chinese_purpose(name) != name)
        known_zh += "（" + std::string(chinese_purpose(name)) + "）";
    }
    throw_invalid(field, purpose, "unknown purpose (" + known + ")",
                  "分配项“" + line + "”的用途不是政策设置中的用途，可用的用途有：" + known_zh);
  }
}

// principal × rate × days / 365, or a yearly amount × days / 365, rounded half up to the fen.
Money guarantee_for(const GuaranteedLine& g, std::int32_t period_days) {
  const std::int32_t days = g.days.value_or(period_days);
  const BigInt numerator = g.amount ? BigInt(g.amount->fen()) * days
                                    : BigInt(g.principal.fen()) * g.rate.numerator() * days;
  const BigInt denominator = g.amount ? BigInt(365) : BigInt(g.rate.denominator()) * 365;
  const BigInt fen = (2 * numerator + denominator) / (2 * denominator);
  if (fen > std::numeric_limits<std::int64_t>::max()) {
    throw_invalid("guaranteed", g.line, "the guarantee is beyond Int64 fen",
                  "保底收益分配项“" + g.line + "”算出的金额过大，超出台账可记录的范围");
  }
  return Money::from_fen(static_cast<std::int64_t>(fen));
}

}  // namespace

const PurposeRules& default_purposes() {
  static const PurposeRules rules{{std::begin(kAllowedPurposes), std::end(kAllowedPurposes)},
                                  {std::begin(kProhibitedPurposes), std::end(kProhibitedPurposes)}};
  return rules;
}

bool is_allowed_purpose(std::string_view purpose) {
  return std::find(std::begin(kAllowedPurposes), std::end(kAllowedPurposes), purpose) !=
         std::end(kAllowedPurposes);
}

bool is_prohibited_purpose(std::string_view purpose) {
  return std::find(std::begin(kProhibitedPurposes), std::end(kProhibitedPurposes), purpose) !=
         std::end(kProhibitedPurposes);
}

namespace {

__extension__ typedef unsigned __int128 Wide;  // a fen amount times a 64-bit weight

// The fen left after the floors, one each to the largest remainders, ties to the earlier part.
template <typename Remainder>
void give_leftover(std::int64_t left, const std::vector<Remainder>& remainders,
                   std::vector<Money>& parts) {
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; left > 0; ++k, --left) parts[order[k]] += Money::from_fen(1);
}

// The rule in machine integers, when the common denominator, the scaled weights and their sum
// fit in 64 bits (products then fit in 128): the usual plans' small fractions and integer
// weights. False, with `parts` untouched, when something does not fit.
bool split_in_64_bits(Money total, std::span<const Weight> weights, std::vector<Money>& parts) {
  std::uint64_t denominator = 1;
  for (const Weight& w : weights) {
    const std::uint64_t step = w.denominator / std::gcd(denominator, w.denominator);
    if (__builtin_mul_overflow(denominator, step, &denominator)) return false;
  }
  std::vector<std::uint64_t> scaled(weights.size());
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (__builtin_mul_overflow(weights[i].numerator, denominator / weights[i].denominator,
                               &scaled[i]) ||
        __builtin_add_overflow(sum, scaled[i], &sum)) {
      return false;
    }
  }
  std::vector<std::uint64_t> remainders(weights.size());
  std::uint64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(static_cast<std::uint64_t>(total.fen())) * scaled[i];
    const auto floor = static_cast<std::uint64_t>(exact / sum);  // at most total
    remainders[i] = static_cast<std::uint64_t>(exact % sum);
    parts[i] = Money::from_fen(static_cast<std::int64_t>(floor));
    given += floor;
  }
  give_leftover(static_cast<std::int64_t>(static_cast<std::uint64_t>(total.fen()) - given),
                remainders, parts);
  return true;
}

}  // namespace

std::vector<Money> split_largest_remainder(Money total, std::span<const Weight> weights) {
  if (total < Money()) {
    throw_invalid("total", total.to_yuan_string(), "may not be negative", "总额不能为负数");
  }
  std::vector<Money> parts(weights.size());
  if (weights.empty()) return parts;
  for (const Weight& w : weights) {
    if (w.numerator == 0 || w.denominator == 0) {
      throw_invalid("weight", std::to_string(w.numerator) + "/" + std::to_string(w.denominator),
                    "weights must be positive", "权重须大于 0");
    }
  }
  if (split_in_64_bits(total, weights, parts)) return parts;
  // Otherwise in arbitrary precision, the same steps.
  // Bring every weight over the common denominator: weight_i = scaled_i / D.
  BigInt denominator = 1;
  for (const Weight& w : weights) {
    denominator = boost::multiprecision::lcm(denominator, BigInt(w.denominator));
  }
  std::vector<BigInt> scaled;
  BigInt sum = 0;
  for (const Weight& w : weights) {
    scaled.push_back(BigInt(w.numerator) * (denominator / w.denominator));
    sum += scaled.back();
  }
  // part_i = total × scaled_i / sum: the floor now, the remainder for the leftover fen.
  std::vector<BigInt> remainders(weights.size());
  BigInt given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const BigInt exact = BigInt(total.fen()) * scaled[i];
    const BigInt floor = exact / sum;
    remainders[i] = exact % sum;
    parts[i] = Money::from_fen(static_cast<std::int64_t>(floor));
    given += floor;
  }
  give_leftover(static_cast<std::int64_t>(BigInt(total.fen()) - given), remainders, parts);
  return parts;
}

std::vector<AllocationRow> allocate(Money amount, const AllocationPlan& plan,
                                    std::int32_t period_days) {
  if (amount < Money()) {
    throw_invalid("amount", amount.to_yuan_string(), "may not be negative", "分配金额不能为负数");
  }
  const PurposeRules& rules = plan.purposes != nullptr ? *plan.purposes : default_purposes();
  if (period_days <= 0 || period_days > 366 * 10) {
    throw_invalid("period_days", std::to_string(period_days), "must be 1 to 3660 days",
                  "收益期间须为 1 到 3660 天");
  }
  std::vector<AllocationRow> rows;
  Money remaining = amount;

  // Fixed lines: paid in the priority of their purposes, plan order within one purpose.
  std::vector<std::size_t> priority(plan.fixed.size());
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    const FixedLine& f = plan.fixed[i];
    check_purpose(rules, "fixed", i, f.line, f.purpose);
    if (f.amount <= Money()) {
      throw_invalid(where("fixed", i, f.line) + ".amount", f.amount.to_yuan_string(),
                    "must be positive", "固定分配项“" + f.line + "”的金额须大于 0 元");
    }
    priority[i] = static_cast<std::size_t>(
        std::find(rules.allowed.begin(), rules.allowed.end(), f.purpose) - rules.allowed.begin());
  }
  std::vector<std::size_t> order(plan.fixed.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return priority[a] < priority[b]; });
  std::vector<Money> fixed_paid(plan.fixed.size());
  for (std::size_t i : order) {
    fixed_paid[i] = std::min(plan.fixed[i].amount, remaining);
    remaining -= fixed_paid[i];
  }
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    const FixedLine& f = plan.fixed[i];
    if (f.payees.empty()) {
      rows.push_back({AllocationRow::Kind::kFixed, i, std::nullopt, fixed_paid[i]});
      continue;
    }
    for (std::size_t b = 0; b < f.payees.size(); ++b) {
      const Weight& w = f.payees[b];
      if (w.numerator == 0 || w.denominator == 0) {
        throw_invalid(where("fixed", i, f.line) + ".payees[" + std::to_string(b) + "].weight",
                      std::to_string(w.numerator) + "/" + std::to_string(w.denominator),
                      "must be positive", "固定分配项“" + f.line + "”的受益对象权重须大于 0");
      }
    }
    const std::vector<Money> parts = split_largest_remainder(fixed_paid[i], f.payees);
    for (std::size_t b = 0; b < parts.size(); ++b) {
      rows.push_back({AllocationRow::Kind::kFixed, i, b, parts[b]});
    }
  }

  std::vector<Money> guarantees;
  for (std::size_t i = 0; i < plan.guaranteed.size(); ++i) {
    const GuaranteedLine& g = plan.guaranteed[i];
    const bool by_rate = !g.rate.is_zero();
    if (by_rate == g.amount.has_value()) {
      throw_invalid(
          where("guaranteed", i, g.line), "", "give a principal and rate, or an amount (not both)",
          "保底收益分配项“" + g.line + "”请填写本金和收益率，或者只填写固定金额，二者选其一");
    }
    if (g.amount && *g.amount <= Money()) {
      throw_invalid(where("guaranteed", i, g.line) + ".amount", g.amount->to_yuan_string(),
                    "must be positive", "保底收益分配项“" + g.line + "”的金额须大于 0 元");
    }
    if (by_rate && g.principal <= Money()) {
      throw_invalid(where("guaranteed", i, g.line) + ".principal", g.principal.to_yuan_string(),
                    "must be positive", "保底收益分配项“" + g.line + "”的本金须大于 0 元");
    }
    if (g.days && (*g.days < 0 || *g.days > period_days)) {
      throw_invalid(where("guaranteed", i, g.line) + ".days", std::to_string(*g.days),
                    "must be 0 to the period's " + std::to_string(period_days) + " days",
                    "保底收益分配项“" + g.line + "”的天数须在 0 到本期间的 " +
                        std::to_string(period_days) + " 天之间");
    }
    guarantees.push_back(guarantee_for(g, period_days));
  }
  Money owed;
  for (const Money& g : guarantees) owed += g;
  std::vector<Money> paid = guarantees;
  if (owed > remaining) {
    // Short: the guarantees share what remains in proportion to their amounts.
    std::vector<Weight> weights;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < guarantees.size(); ++i) {
      if (guarantees[i] > Money()) {
        weights.push_back({static_cast<std::uint64_t>(guarantees[i].fen()), 1});
        index.push_back(i);
      }
    }
    const std::vector<Money> shares = split_largest_remainder(remaining, weights);
    std::fill(paid.begin(), paid.end(), Money());
    for (std::size_t k = 0; k < index.size(); ++k) paid[index[k]] = shares[k];
  }
  for (std::size_t i = 0; i < paid.size(); ++i) {
    rows.push_back({AllocationRow::Kind::kGuaranteed, i, std::nullopt, paid[i]});
    remaining -= paid[i];
  }

  if (plan.proportional.empty()) {
    if (remaining > Money()) {
      throw_invalid("proportional", remaining.to_yuan_string() + " yuan left",
                    "money remains after the fixed and guaranteed lines: give proportional lines",
                    "支付固定分配项和保底收益后还剩 " + remaining.to_yuan_string() +
                        " 元：请设置按比例分配项来分配剩余部分");
    }
    return rows;
  }
  std::vector<Share> fractions;
  std::vector<Weight> line_weights;
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    const ProportionalLine& p = plan.proportional[i];
    check_purpose(rules, "proportional", i, p.line, p.purpose);
    if (p.fraction.is_zero()) {
      throw_invalid(where("proportional", i, p.line) + ".fraction", "0", "must be positive",
                    "按比例分配项“" + p.line + "”的比例须大于 0");
    }
    fractions.push_back(p.fraction);
    line_weights.push_back({p.fraction.numerator(), p.fraction.denominator()});
    for (std::size_t b = 0; b < p.beneficiaries.size(); ++b) {
      const Weight& w = p.beneficiaries[b];
      if (w.numerator == 0 || w.denominator == 0) {
        throw_invalid(
            where("proportional", i, p.line) + ".beneficiaries[" + std::to_string(b) + "].weight",
            std::to_string(w.numerator) + "/" + std::to_string(w.denominator), "must be positive",
            "按比例分配项“" + p.line + "”的受益对象权重须大于 0");
      }
    }
  }
  if (!shares_sum_to_one(fractions)) {
    std::string listed;
    for (const Share& f : fractions) listed += (listed.empty() ? "" : " + ") + f.to_string();
    throw_invalid("proportional.fraction", listed, "the fractions must sum to exactly 1",
                  "各按比例分配项的比例之和须恰好等于 1");
  }
  const std::vector<Money> line_amounts = split_largest_remainder(remaining, line_weights);
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    const ProportionalLine& p = plan.proportional[i];
    if (p.beneficiaries.empty()) {
      rows.push_back({AllocationRow::Kind::kProportional, i, std::nullopt, line_amounts[i]});
      continue;
    }
    const std::vector<Money> parts = split_largest_remainder(line_amounts[i], p.beneficiaries);
    for (std::size_t b = 0; b < parts.size(); ++b) {
      rows.push_back({AllocationRow::Kind::kProportional, i, b, parts[b]});
    }
  }
  return rows;
}

}  // namespace taizhang

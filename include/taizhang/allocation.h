// Income allocation (收益分配), exactly as docs/rules.md §4 says.
//
//   1. Fixed-amount lines are paid first, each as far as money remains, in the priority order
//      of their purposes (plan order within one purpose); a line may split over payees by weight.
//   2. Guaranteed returns (保底) next: principal × rate × days / 365, or a fixed yearly amount
//      × days / 365, rounded half up to the fen (the days the holder is entitled to in the
//      period); if money is short they share what remains in proportion to their amounts.
//   3. The remainder is split over the proportional lines by their fractions (which sum to 1);
//      a line may split again over its beneficiaries by positive weights.
//   4. Every split is by the largest-remainder rule: each part gets floor(total × weight / sum);
//      the fen left over go one each to the largest fractional remainders, ties to the earlier
//      part. So the parts always sum exactly to the whole.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

namespace taizhang {

// A positive exact weight numerator / denominator.
struct Weight {
  std::uint64_t numerator = 1;
  std::uint64_t denominator = 1;
};

struct FixedLine {
  std::string line;
  std::string purpose;
  Money amount;
  std::vector<Weight> payees;  // empty: the line is paid as a whole
};

struct GuaranteedLine {
  std::string line;
  Money principal;  // with `rate`, or
  Share rate = Share::of(0, 1);
  std::optional<Money> amount;       // a fixed guarantee a year
  std::optional<std::int32_t> days;  // the days of the period the holder is entitled to (all)
};

struct ProportionalLine {
  std::string line;
  std::string purpose;
  Share fraction = Share::of(0, 1);
  std::vector<Weight> beneficiaries;  // empty: the line is paid as a whole
};

// The purposes a plan may name, and those it may not (the policy record's, or the defaults of
// docs/rules.md §4 when empty).
struct PurposeRules {
  std::vector<std::string> allowed;  // in priority order
  std::vector<std::string> prohibited;
};

struct AllocationPlan {
  std::vector<FixedLine> fixed;
  std::vector<GuaranteedLine> guaranteed;
  std::vector<ProportionalLine> proportional;
  const PurposeRules* purposes = nullptr;  // null: the defaults
};

// The defaults of docs/rules.md §4: allowed purposes in their default priority, and the prohibited.
TAIZHANG_EXPORT const PurposeRules& default_purposes();

// One payment. `kind` says which list the line is in; `beneficiary` indexes the line's
// beneficiaries or payees (none when the line is paid as a whole).
struct AllocationRow {
  enum class Kind { kFixed, kGuaranteed, kProportional };
  Kind kind = Kind::kFixed;
  std::size_t line = 0;
  std::optional<std::size_t> beneficiary;
  Money amount;
};

// Purposes (docs/rules.md §4) in their default priority order, and the prohibited ones.
// "support_unable_to_work", "public_welfare_posts", "operation_and_maintenance",
// "production_incentives", "village_public_welfare", "collective_economy",
// "shareholder_dividends"; prohibited: "committee_running_costs", "vehicles_and_phones",
// "allowances_and_benefits", "covering_losses_or_debts", "office_buildings".
TAIZHANG_EXPORT bool is_allowed_purpose(std::string_view purpose);
TAIZHANG_EXPORT bool is_prohibited_purpose(std::string_view purpose);

// Splits `total` (>= 0) by the largest-remainder rule over positive weights.
TAIZHANG_EXPORT std::vector<Money> split_largest_remainder(Money total,
                                                           std::span<const Weight> weights);

// Allocates `amount` (>= 0) over `plan` for a period of `period_days`. Rows come in plan order:
// fixed lines (one row per payee where a line has them), guaranteed lines, then proportional
// lines (one row per beneficiary where a line has them) and sum exactly to `amount`. Throws
// InvalidInput naming the line and the field for an invalid plan: a negative amount, an unknown or
// prohibited purpose, fractions that do not sum to 1, a non-positive weight, a guarantee with
// neither rate nor amount, no proportional line when money remains.
TAIZHANG_EXPORT std::vector<AllocationRow> allocate(Money amount, const AllocationPlan& plan,
                                                    std::int32_t period_days = 365);

}  // namespace taizhang

// Income (收益) of operating assets and its allocation through approved, published plans
// (docs/rules.md §4). The allocation itself is allocation.h's exact rule; the register checks the
// plan's resolution and publicity, the purposes, and who may receive money on the day.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

namespace taizhang {

// Persisted: do not renumber.
enum class IncomeKind : std::uint16_t {
  kRent = 0,
  kDividend = 1,
  kSales = 2,
  kElectricity = 3,
  kInterest = 4,
  kOther = 5,
};
TAIZHANG_EXPORT std::string_view name_of(IncomeKind value);
TAIZHANG_EXPORT IncomeKind parse_income_kind(std::string_view text, std::string_view field);

struct IncomeRecorded {
  std::uint64_t asset = 0;
  IncomeKind kind = IncomeKind::kRent;
  Money amount;
  Date from;
  Date until;
  std::string payer;
};

struct BeneficiaryChanged {
  std::string list;
  std::uint64_t party = 0;
  std::uint64_t weight_numerator = 1;
  std::uint64_t weight_denominator = 1;
  Date removed;  // Date() (day 0) to add; otherwise the day of removal or death
  std::string reason;
};

struct FixedPlanLine {
  std::string line;
  std::string purpose;
  Money amount;
};

struct GuaranteedPlanLine {
  std::string line;
  std::uint64_t party = 0;
  Money principal;
  Share rate = Share::of(0, 1);
  Money amount;  // a fixed guarantee when positive
};

struct ProportionalPlanLine {
  std::string line;
  std::string purpose;
  Share fraction = Share::of(0, 1);
  std::string beneficiary_list;  // empty: paid as a whole
};

struct PlanApproved {
  std::uint64_t owner = 0;  // the village collective
  std::string name;
  std::vector<FixedPlanLine> fixed;
  std::vector<GuaranteedPlanLine> guaranteed;
  std::vector<ProportionalPlanLine> proportional;
  std::uint64_t resolution = 0;  // the owner's ResolutionAdopted that adopted the plan
  std::uint64_t notice = 0;      // the NoticePosted that published it (subject: the resolution)
};

struct AllocationRecorded {
  std::uint64_t plan = 0;
  std::vector<std::uint64_t> incomes;
  std::uint16_t period_days = 365;
};

}  // namespace taizhang

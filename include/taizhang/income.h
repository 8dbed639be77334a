// Income (收益) of operating and public-welfare assets and its allocation (docs/rules.md §4).
// An income is split among the asset's owners by their shares first; each owner's part is then
// allocated by that owner's own approved plan in force, by allocation.h's exact rule. The
// register checks each plan's procedure (by the kind of owner), the purposes, and who may be paid
// for the income's own earning period.
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
  std::uint64_t payer_party = 0;  // the registered party that paid (an operator), 0 if none
};

// A change to one of an owner's beneficiary lists (the households a plan's line pays, or the
// villages of a township's plan): lists are the owner's, named by the owner's plans.
struct BeneficiaryChanged {
  std::uint64_t owner = 0;  // whose list: the plan owner (a village collective, a township, ...)
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
  std::string payees;  // empty: paid as a whole; else a list the amount is split over
};

struct GuaranteedPlanLine {
  std::string line;
  std::uint64_t party = 0;
  Money principal;
  Share rate = Share::of(0, 1);
  Money amount;      // a fixed yearly guarantee when positive (else principal × rate)
  std::string list;  // the list the holder must be on (a household's); empty for organisations
};

struct ProportionalPlanLine {
  std::string line;
  std::string purpose;
  Share fraction = Share::of(0, 1);
  std::string beneficiary_list;  // empty: paid as a whole
};

struct PlanApproved {
  std::uint64_t owner = 0;  // any owner but a household or an enterprise
  std::string name;
  std::vector<FixedPlanLine> fixed;
  std::vector<GuaranteedPlanLine> guaranteed;
  std::vector<ProportionalPlanLine> proportional;
  std::uint64_t resolution = 0;  // the owner's ResolutionAdopted that adopted the plan
  std::uint64_t notice = 0;      // the NoticePosted that published it (subject: the resolution)
  std::string decision;          // the owner's own decision, where the county bureau consents
  bool restricted = false;       // a plan for disposal proceeds (restricted income)
};

// Allocates the owners' parts of `incomes`, each by its owner's plan in force: the latest
// approved (of the kind the income needs: restricted for disposal proceeds).
struct AllocationRecorded {
  std::vector<std::uint64_t> incomes;
  std::uint64_t owner = 0;  // 0: every owner's part; otherwise only this owner's
};

// What becomes of an owner's part of an income.
// Persisted in the income_parts view: do not renumber.
enum class PartDisposition : std::uint16_t {
  kAllocate = 0,  // allocated by the owner's plan
  kOwn = 1,       // a household's or an enterprise's: its own money, not allocated
  kTreasury = 2,  // disposal proceeds of a state owner: remitted to the treasury
};
TAIZHANG_EXPORT std::string_view name_of(PartDisposition value);

}  // namespace taizhang

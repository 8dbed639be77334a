// Valuation of one asset (docs/rules.md §6), shared by the registry's reads and the fold's rules.
#pragma once

#include <utility>
#include <vector>

#include "model/view_records.h"
#include "taizhang/depreciation.h"
#include "taizhang/policy.h"
#include "taizhang/records.h"
#include "taizhang/views.h"

namespace taizhang::domain {

struct ValueChange {
  ValueChangeKind kind;
  Money amount;
  Date day;
};

// An asset's own depreciation plan (DepreciationPlanned) and its recorded units, if any.
struct OwnPlan {
  DepreciationMethod method = DepreciationMethod::kStraightLine;
  std::int32_t life_months = 0;
  Share residual_rate = Share::of(5, 100);
  std::uint64_t units_total = 0;
  std::vector<std::pair<Date, std::uint64_t>> units;  // month end, units
};

// A handover: from its day the receivers' regime values the asset, from the book value handed
// over; before it, the giver's (`before`).
struct Handover {
  Date day;
  Money book_value;
  PartyKind before = PartyKind::kVillageCollective;
};

// One asset's value as of a date, from its record, its first owner's kind, its own plan if it
// has one (else the policy version in force on its completion), its value changes and its
// handovers (in order): a handover's book value, depreciated over the rest of the life under the
// receivers' regime, from its day; values as of earlier days are as they were.
Valuation value_asset(const Asset& asset, PartyKind owner_kind, const PolicyDefined& policy,
                      const OwnPlan* own, const std::vector<ValueChange>& changes, Date as_of,
                      const std::vector<Handover>& handovers = {});

// The policy versions in the views, oldest first (version 1's defaults if there are none).
std::vector<PolicyDefined> policies_in(const ViewStore& views);
// The version in force on `day`: the latest whose effective date is on or before it.
const PolicyDefined& policy_on(const std::vector<PolicyDefined>& policies, Date day);

ValueChange value_change_of(const model::AssetValuesTable::Record& record);
OwnPlan own_plan_of(const model::AssetDepreciationTable::Record& record);

// Everything value_asset needs for one asset, read from the views.
Valuation value_in(const ViewStore& views, const Asset& asset, Date as_of);

}  // namespace taizhang::domain

// Valuation of one asset.
#include "domain/valuation.h"

#include <algorithm>

#include "model/view_records.h"
#include "taizhang/error.h"

namespace taizhang::domain {

// One asset's value as of a date, from its record, its first owner's kind, its own plan if it
// has one (else the policy version in force on its completion) and its value changes
// (docs/rules.md §6).
Valuation value_asset(const Asset& asset, PartyKind owner_kind, const PolicyDefined& policy,
                      const OwnPlan* own, const std::vector<ValueChange>& changes, Date as_of,
                      const std::vector<Handover>& handovers) {
  // Which handover values the asset on `as_of`, if any, and whose regime applies.
  const Handover* from = nullptr;
  for (std::size_t i = 0; i < handovers.size(); ++i) {
    if (handovers[i].day <= as_of) {
      from = &handovers[i];
      owner_kind = i + 1 < handovers.size() ? handovers[i + 1].before : owner_kind;
    }
  }
  if (from == nullptr && !handovers.empty()) owner_kind = handovers.front().before;
  Valuation value;
  value.asset = asset.id;
  value.original = asset.description.original;
  const std::uint16_t term = asset.description.use_right_years;
  // The life in months; 0 when the asset is not depreciated.
  std::int32_t life = 0;
  if (own != nullptr) {
    life = own->life_months;
  } else if (asset.description.category == AssetCategory::kUseRight) {
    life = term * 12;
  } else {
    life = policy.life_months(asset.description.category).value_or(0);
  }
  DepreciationPlan plan;
  if (life > 0) {
    plan.original = asset.description.original;
    plan.life_months = life;
    plan.acquired = asset.description.completed;
    plan.regime = default_regime(owner_kind);
    // Intangible assets and use rights amortise to nothing over their term (docs/rules.md §6).
    const bool amortised = asset.description.form == AssetForm::kIntangible ||
                           asset.description.form == AssetForm::kUseRight ||
                           asset.description.category == AssetCategory::kUseRight;
    plan.residual_rate = amortised ? Share::of(0, 1) : policy.residual_rate;
    if (own != nullptr) {
      plan.method = own->method;
      plan.residual_rate = own->residual_rate;
      plan.units_total = own->units_total;
      if (plan.method == DepreciationMethod::kUnitsOfProduction) {
        // One entry per depreciation month from the first, zero where nothing was recorded.
        const Date first =
            month_end(plan.acquired, plan.regime == DepreciationRegime::kGovernment ? 0 : 1);
        for (const auto& [month, units] : own->units) {
          const int index = (month.year() - first.year()) * 12 + static_cast<int>(month.month()) -
                            static_cast<int>(first.month());
          if (index < 0 || index >= plan.life_months) continue;
          if (plan.units.size() <= static_cast<std::size_t>(index)) plan.units.resize(index + 1);
          plan.units[static_cast<std::size_t>(index)] += units;
        }
      }
    }
    value.regime = plan.regime;
    value.life_months = life;
    if (from == nullptr) {
      value.accumulated_depreciation = accumulated_depreciation(plan, as_of);
    } else {
      // From the handover: its book value over what is left of the life, in the receivers'
      // regime; what the asset lost before is in the difference from its original value.
      DepreciationPlan rest;
      rest.original = from->book_value;
      rest.acquired = from->day;
      rest.regime = plan.regime;
      rest.residual_rate = plan.residual_rate;
      const std::int64_t elapsed = (std::int64_t{from->day.year()} - plan.acquired.year()) * 12 +
                                   from->day.month() - plan.acquired.month();
      rest.life_months = static_cast<std::int32_t>(std::max<std::int64_t>(1, life - elapsed));
      value.accumulated_depreciation =
          value.original - from->book_value + accumulated_depreciation(rest, as_of);
    }
  } else if (from != nullptr) {
    value.accumulated_depreciation = value.original - from->book_value;
  }
  for (const ValueChange& change : changes) {
    if (as_of < change.day) continue;
    // Changes before a handover are in the book value handed over.
    if (from != nullptr && change.day < from->day) continue;
    switch (change.kind) {
      case ValueChangeKind::kImpairment:
        value.impairment += change.amount;
        break;
      case ValueChangeKind::kRevaluation:
        value.revaluation += change.amount;
        break;
      case ValueChangeKind::kAppraisal:
        value.appraised = change.amount;
        break;
      case ValueChangeKind::kImprovement: {
        value.improvements += change.amount;
        if (life == 0) break;
        // Capitalised improvements depreciate straight-line, without residual, over what is
        // left of the asset's life when they are made.
        const std::int64_t elapsed = (std::int64_t{change.day.year()} - plan.acquired.year()) * 12 +
                                     change.day.month() - plan.acquired.month();
        DepreciationPlan rest;
        rest.original = change.amount;
        rest.life_months = static_cast<std::int32_t>(std::max<std::int64_t>(1, life - elapsed));
        rest.acquired = change.day;
        rest.regime = DepreciationRegime::kGovernment;  // no residual
        value.accumulated_depreciation += accumulated_depreciation(rest, as_of);
        break;
      }
    }
  }
  value.book_value = value.original + value.improvements + value.revaluation -
                     value.accumulated_depreciation - value.impairment;
  return value;
}

std::vector<PolicyDefined> policies_in(const ViewStore& views) {
  std::vector<PolicyDefined> policies;
  model::scan<model::PoliciesTable>(views, [&](model::PoliciesTable::Record record) {
    policies.push_back(std::move(record.policy));
    return true;
  });
  if (policies.empty()) policies.push_back(default_policy(Date::from_civil(1900, 1, 1)));
  return policies;
}

const PolicyDefined& policy_on(const std::vector<PolicyDefined>& policies, Date day) {
  const PolicyDefined* chosen = &policies.front();
  for (const PolicyDefined& p : policies) {
    if (p.effective_from <= day) chosen = &p;
  }
  return *chosen;
}

ValueChange value_change_of(const model::AssetValuesTable::Record& record) {
  return {record.kind, record.amount, record.day};
}

OwnPlan own_plan_of(const model::AssetDepreciationTable::Record& record) {
  OwnPlan plan;
  plan.method = record.method;
  plan.life_months = record.life_months;
  plan.residual_rate = record.residual_rate;
  plan.units_total = record.units_total;
  return plan;
}

Valuation value_in(const ViewStore& views, const Asset& asset, Date as_of) {
  using namespace model;
  std::vector<ValueChange> changes;
  scan<AssetValuesTable>(
      views,
      [&](const AssetValuesTable::Record& record) {
        changes.push_back(value_change_of(record));
        return true;
      },
      asset.id);
  std::optional<OwnPlan> own;
  if (const auto record = find<AssetDepreciationTable>(views, asset.id)) {
    own = own_plan_of(*record);
    scan<AssetUnitsTable>(
        views,
        [&](const AssetUnitsTable::Record& units) {
          own->units.emplace_back(units.month, units.units);
          return true;
        },
        asset.id);
  }
  PartyKind owner_kind = PartyKind::kVillageCollective;
  if (!asset.owners.empty()) {
    if (const auto party = find<PartiesTable>(views, asset.owners.front().party)) {
      owner_kind = party->data.kind;
    }
  }
  std::vector<Handover> handovers;
  scan<AssetHandoversTable>(
      views,
      [&](const AssetHandoversTable::Record& h) {
        handovers.push_back({h.day, h.book_value, h.before});
        return true;
      },
      asset.id);
  const std::vector<PolicyDefined> policies = policies_in(views);
  return value_asset(asset, owner_kind, policy_on(policies, asset.description.completed),
                     own ? &*own : nullptr, changes, as_of, handovers);
}

}  // namespace taizhang::domain

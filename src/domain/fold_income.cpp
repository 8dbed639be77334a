// The fold for income (docs/rules.md §4): income, beneficiary lists, plans and allocations.
#include <algorithm>
#include <cstring>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

// --- income (docs/rules.md §4) ----------------------------------------------------------
void Applier::operator()(const IncomeRecorded& income) {
  Asset asset = existing(income.asset);
  authorize(Write::kRecordIncome, asset.description.division, asset.asset_class);
  if (asset.asset_class != AssetClass::kOperating) {
    refuse("asset", "income is recorded for operating assets; " + asset.code + " is " +
                        std::string(name_of(asset.asset_class)));
  }
  if (income.amount <= Money()) {
    throw_invalid("amount", income.amount.to_yuan_string(), "must be positive");
  }
  check_period(income.from, income.until, true);
  append<IncomesTable>(views_,
                       {stamp_.sequence, income.asset, income.amount, income.until, 0, false});
  advance(asset);
}

void Applier::operator()(const BeneficiaryChanged& change) {
  const auto member = party(change.party);
  if (!member || member->data.kind != PartyKind::kHousehold) {
    refuse("party", "a beneficiary list holds households; party " + std::to_string(change.party) +
                        " is not one");
  }
  authorize(Write::kRecordIncome, member->data.division, std::nullopt);
  const auto current = find<BeneficiariesTable>(views_, change.list, change.party);
  if (change.removed.days() == 0) {
    if (change.weight_numerator == 0 || change.weight_denominator == 0) {
      throw_invalid(
          "weight",
          std::to_string(change.weight_numerator) + "/" + std::to_string(change.weight_denominator),
          "must be positive");
    }
    if (current && !current->removed) {
      throw_error(ErrorKind::kConflict,
                  "party " + std::to_string(change.party) + " is already on " + change.list);
    }
    put<BeneficiariesTable>(views_, {change.list, change.party, change.weight_numerator,
                                     change.weight_denominator, std::nullopt});
  } else {
    if (!current || current->removed) {
      refuse("party", "party " + std::to_string(change.party) + " is not on " + change.list);
    }
    BeneficiariesTable::Record removed = *current;
    removed.removed = change.removed;
    put<BeneficiariesTable>(views_, removed);
  }
}

void Applier::operator()(const PlanApproved& plan) {
  const auto owner = party(plan.owner);
  if (!owner || owner->data.kind != PartyKind::kVillageCollective) {
    refuse("owner", "an allocation plan belongs to a village collective; party " +
                        std::to_string(plan.owner) + " is not one");
  }
  authorize(Write::kRecordIncome, owner->data.division, std::nullopt);
  // The resolution of the owner's meeting, and its notice, which must have run.
  Resolution r = resolution(plan.resolution);
  if (r.subject != ResolutionSubject::kAllocationPlan) {
    refuse("resolution", "resolution " + std::to_string(r.id) + " is not on an allocation plan");
  }
  if (r.village != plan.owner) {
    refuse("resolution", "resolution " + std::to_string(r.id) + " is of party " +
                             std::to_string(r.village) + ", not the plan's owner " +
                             std::to_string(plan.owner));
  }
  const Notice n = notice(plan.notice);
  if (n.subject != NoticeSubject::kAllocationPlan || n.subject_id != r.id) {
    refuse("notice", "notice " + std::to_string(n.id) + " does not publish resolution " +
                         std::to_string(r.id));
  }
  require_run(n);
  use_resolution(r);
  const PurposeRules purposes = purposes_of(policy_now());
  AllocationPlan checked = to_allocation_plan(plan, {});
  checked.purposes = &purposes;
  allocate(Money(), checked, 365);
  put<PlansTable>(views_, {stamp_.sequence, plan});
}

void Applier::operator()(const AllocationRecorded& allocation) {
  const auto stored = find<PlansTable>(views_, allocation.plan);
  if (!stored) refuse("plan", "no approved plan " + std::to_string(allocation.plan));
  const PlanApproved& plan = stored->plan;
  authorize(Write::kRecordIncome, existing_party(plan.owner).data.division, std::nullopt);
  if (allocation.incomes.empty()) throw_invalid("incomes", "[]", "name at least one income");
  // The purposes of the policy in force on the allocation's day.
  const PolicyDefined policy = policy_now();
  const PurposeRules purposes = purposes_of(policy);
  Money total;
  for (std::size_t i = 0; i < allocation.incomes.size(); ++i) {
    const std::string field = "incomes[" + std::to_string(i) + "]";
    auto income = find<IncomesTable>(views_, allocation.incomes[i]);
    if (!income) refuse(field, "no income " + std::to_string(allocation.incomes[i]));
    if (income->allocated_by != 0) {
      throw_error(ErrorKind::kConflict,
                  field + ": income " + std::to_string(allocation.incomes[i]) +
                      " was allocated by entry " + std::to_string(income->allocated_by));
    }
    const auto asset_record =
        views_.get(AssetsTable::kName, AssetsTable::key(income->asset).view());
    TAIZHANG_ASSERT(asset_record, "income " + std::to_string(income->income) + " of no asset");
    // Only the owners are needed: read them in place rather than decoding the whole asset.
    bool owned = false;
    std::string code;
    AssetsTable::read(*asset_record, [&](schema::AssetRecord::Reader record) {
      for (auto owner : record.getOwners()) owned = owned || owner.getParty() == plan.owner;
      if (!owned) code = std::string(record.getCode().cStr(), record.getCode().size());
    });
    if (!owned) {
      refuse(field,
             "income of " + code + ", which party " + std::to_string(plan.owner) + " does not own");
    }
    total += income->amount;
    if (income->restricted) check_restricted_purposes(plan, field, policy);
    income->allocated_by = stamp_.sequence;
    put<IncomesTable>(views_, *income);
  }
  // Who is on each list today: a removed household receives nothing from the month after
  // its removal.
  std::vector<std::vector<std::pair<std::uint64_t, Weight>>> members;
  for (const ProportionalPlanLine& line : plan.proportional) {
    members.emplace_back();
    if (line.beneficiary_list.empty()) continue;
    scan<BeneficiariesTable>(
        views_,
        [&](const BeneficiariesTable::Record& member) {
          const bool active =
              !member.removed || entry_.effective < month_end(*member.removed, 0).plus_days(1);
          if (active) {
            members.back().emplace_back(member.party,
                                        Weight{member.weight_numerator, member.weight_denominator});
          }
          return true;
        },
        line.beneficiary_list);
    if (members.back().empty()) {
      refuse("beneficiaries", "list \"" + line.beneficiary_list + "\" of line \"" + line.line +
                                  "\" has nobody entitled on " + entry_.effective.to_string());
    }
  }
  const std::vector<AllocationRow> rows = allocate(
      total,
      [&] {
        AllocationPlan p = to_allocation_plan(plan, members);
        p.purposes = &purposes;
        return p;
      }(),
      allocation.period_days);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const AllocationRow& row = rows[r];
    std::uint64_t payee = 0;
    if (row.kind == AllocationRow::Kind::kGuaranteed) payee = plan.guaranteed[row.line].party;
    if (row.beneficiary) payee = members[row.line][*row.beneficiary].first;
    append<AllocationRowsTable>(
        views_, {stamp_.sequence, r, static_cast<AllocationRowsTable::LineKind>(row.kind), row.line,
                 payee, row.amount});
  }
  append<AllocationsTable>(views_,
                           {stamp_.sequence, allocation.plan, plan.owner, entry_.effective, 0});
}

// Disposal proceeds of a collective asset go only to consolidation and rural revitalisation.
PurposeRules Applier::purposes_of(const PolicyDefined& policy) {
  PurposeRules rules;
  for (const PurposeRule& p : policy.purposes) rules.allowed.push_back(p.name);
  rules.prohibited = policy.prohibited_purposes;
  return rules;
}

void Applier::check_restricted_purposes(const PlanApproved& plan, const std::string& field,
                                        const PolicyDefined& policy) {
  auto allowed = [&](const std::string& purpose) {
    return std::any_of(policy.purposes.begin(), policy.purposes.end(),
                       [&](const PurposeRule& p) { return p.name == purpose && p.restricted_ok; });
  };
  if (!plan.guaranteed.empty()) {
    refuse(field, "disposal proceeds are restricted income and pay no guaranteed returns");
  }
  auto check = [&](const std::string& purpose) {
    if (!allowed(purpose)) {
      refuse(field,
             "disposal proceeds are restricted to consolidation and rural revitalisation, not " +
                 purpose);
    }
  };
  for (const FixedPlanLine& line : plan.fixed) check(line.purpose);
  for (const ProportionalPlanLine& line : plan.proportional) check(line.purpose);
}

AllocationPlan Applier::to_allocation_plan(
    const PlanApproved& plan,
    const std::vector<std::vector<std::pair<std::uint64_t, Weight>>>& members) {
  AllocationPlan out;
  for (const FixedPlanLine& f : plan.fixed) out.fixed.push_back({f.line, f.purpose, f.amount});
  for (const GuaranteedPlanLine& g : plan.guaranteed) {
    out.guaranteed.push_back({g.line, g.principal, g.rate,
                              g.amount > Money() ? std::optional<Money>(g.amount) : std::nullopt});
  }
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    const ProportionalPlanLine& p = plan.proportional[i];
    ProportionalLine line{p.line, p.purpose, p.fraction, {}};
    if (i < members.size()) {
      for (const auto& member : members[i]) line.beneficiaries.push_back(member.second);
    }
    out.proportional.push_back(std::move(line));
  }
  return out;
}

}  // namespace taizhang::domain

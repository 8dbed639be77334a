// The audit (docs/rules.md §7): findings read from the views, asset by asset in id order.
#include <unordered_map>

#include "core/assert.h"
#include "domain/queries.h"
#include "domain/valuation.h"
#include "model/view_records.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

namespace {

// Income left unallocated after its period.
struct Unallocated {
  std::uint64_t income = 0;
  Money amount;
  Date until;
  bool restricted = false;
};

// One pass over the incomes: the last day each asset earned until (recorded income, not
// disposal proceeds), and the incomes left unallocated longer than the policy allows after their
// period.
void scan_incomes(const ViewStore& views, Date as_of, const AuditDays& limits,
                  std::unordered_map<std::uint64_t, Date>& earned_until,
                  std::unordered_map<std::uint64_t, std::vector<Unallocated>>& unallocated) {
  scan<IncomesTable>(views, [&](const IncomesTable::Record& income) {
    if (!income.restricted) {
      Date& latest = earned_until[income.asset];
      latest = std::max(latest, income.until);
    }
    if (income.allocated_by == 0 &&
        as_of.days() - income.until.days() > limits.income_unallocated) {
      unallocated[income.asset].push_back(
          {income.income, income.amount, income.until, income.restricted});
    }
    return true;
  });
}

}  // namespace

std::vector<Finding> audit(const ViewStore& views, Date as_of, const EntryLookup& entries) {
  std::vector<Finding> findings;
  // The limits of the policy version in force on the day of the audit.
  const AuditDays limits = policy_on(policies_in(views), as_of).audit;
  std::unordered_map<std::uint64_t, Date> earned_until;
  std::unordered_map<std::uint64_t, std::vector<Unallocated>> unallocated;
  scan_incomes(views, as_of, limits, earned_until, unallocated);
  scan<AssetsTable>(views, [&](const Asset& asset) {
    auto report = [&](const char* rule, std::string evidence) {
      findings.push_back(
          {rule, asset.id, asset.code, asset.description.division, std::move(evidence)});
    };
    // Income not allocated in time after the end of the period it was earned in (for a disposed
    // asset, its disposal proceeds).
    if (const auto left = unallocated.find(asset.id); left != unallocated.end()) {
      for (const Unallocated& u : left->second) {
        report(u.restricted ? "disposal_proceeds_not_reallocated" : "income_not_allocated",
               "income " + std::to_string(u.income) + " of " + u.amount.to_yuan_string() +
                   " yuan earned until " + u.until.to_string() + " is unallocated");
      }
    }
    if (asset.status == AssetStatus::kDisposed || as_of < asset.registered) return true;
    // Ownership and funding, re-checked from the record.
    if (asset.owners.empty()) report("unconfirmed_ownership", "no owners are confirmed");
    std::vector<Share> shares;
    for (const OwnerShare& owner : asset.owners) shares.push_back(owner.share);
    if (!asset.owners.empty() && !shares_sum_to_one(shares)) {
      report("shares_not_one", "the owners' shares do not sum to 1");
    }
    Money funded;
    for (const FundingLine& line : asset.description.funding) funded += line.amount;
    if (funded != asset.description.original) {
      report("funding_mismatch", "sources " + funded.to_yuan_string() + " vs original " +
                                     asset.description.original.to_yuan_string());
    }
    // Maintenance and inspections, for public-welfare and operating assets.
    if (asset.asset_class != AssetClass::kHousehold) {
      const auto binding = find<AssetMaintenanceTable>(views, asset.id);
      if (!binding) {
        report("no_maintenance_binding", "no maintenance party or person is bound");
      } else {
        const auto interval = static_cast<std::int32_t>(binding->inspection_interval_days);
        Date last = binding->from;
        scan<AssetInspectionsTable>(
            views,
            [&](const AssetInspectionsTable::Record& inspection) {
              last = std::max(last, inspection.day);
              return true;
            },
            asset.id);
        const std::int32_t since = as_of.days() - last.days();
        if (since > interval) {
          report("inspection_overdue", "last inspected (or bound) " + last.to_string() + ", " +
                                           std::to_string(since) + " days ago; interval " +
                                           std::to_string(interval));
        }
      }
    }
    // Operating assets: idle, and operation contracts running out.
    if (asset.asset_class == AssetClass::kOperating) {
      const auto earned = earned_until.find(asset.id);
      const Date idle_since = as_of.plus_days(-std::int32_t{limits.operating_without_income});
      if (asset.status == AssetStatus::kIdle || asset.status == AssetStatus::kInefficient) {
        report("operating_asset_idle", "status " + std::string(name_of(asset.status)));
      } else if (asset.description.completed < idle_since &&
                 (earned == earned_until.end() || earned->second < idle_since)) {
        // An operating asset that has earned nothing for the policy's time is idle too.
        report("operating_asset_idle", earned == earned_until.end()
                                           ? std::string("no income recorded")
                                           : "no income since " + earned->second.to_string());
      }
      if (const auto operation = find<AssetOperationTable>(views, asset.id)) {
        if (operation->until < as_of) {
          report("contract_expired", "operation contract ended " + operation->until.to_string());
        } else if (operation->until.days() - as_of.days() <= limits.contract_expiring) {
          report("contract_expiring", "operation contract ends " + operation->until.to_string());
        }
      }
    }
    return true;
  });
  // Allocation results not published in time after the allocation.
  scan<AllocationsTable>(views, [&](const AllocationRecord& allocation) {
    const Date day = allocation.day;
    if (allocation.result_notice != 0 || as_of < day ||
        as_of.days() - day.days() <= limits.result_unpublished) {
      return true;
    }
    const auto recorded = std::get<AllocationRecorded>(entries(allocation.id).body);
    TAIZHANG_ASSERT(!recorded.incomes.empty(),
                    "allocation " + std::to_string(allocation.id) + " names no income");
    const auto income = find<IncomesTable>(views, recorded.incomes.front());
    TAIZHANG_ASSERT(income, "allocation " + std::to_string(allocation.id) + " names income " +
                                std::to_string(recorded.incomes.front()) + ", which is absent");
    const auto asset = find<AssetsTable>(views, income->asset);
    TAIZHANG_ASSERT(asset, "income " + std::to_string(income->income) + " of no asset");
    findings.push_back({"allocation_result_not_published", asset->id, asset->code,
                        asset->description.division,
                        "allocation " + std::to_string(allocation.id) + " of " + day.to_string() +
                            " has no notice of its results"});
    return true;
  });
  return findings;
}

}  // namespace taizhang::domain

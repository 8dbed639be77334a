// The fold for values (docs/rules.md §6): value changes, depreciation plans, units, and the
// versioned policy record.
#include <algorithm>
#include <cstring>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "taizhang/chinese.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

void Applier::operator()(const ValueChanged& change) {
  Asset asset = existing(change.asset);
  authorize(Write::kChangeValue, asset.description.division, asset.asset_class);
  const bool positive =
      change.kind == ValueChangeKind::kImpairment || change.kind == ValueChangeKind::kImprovement;
  if (positive && change.amount <= Money()) {
    throw_invalid(
        "amount", change.amount.to_yuan_string(), "must be positive",
        std::string(chinese_name(change.kind)) + "金额须大于零（资产 " + asset.code + "）");
  }
  if (change.kind == ValueChangeKind::kRevaluation && change.amount == Money()) {
    throw_invalid("amount", "0.00", "a revaluation changes the value",
                  "重估须改变资产 " + asset.code + " 的价值，金额不能为零");
  }
  if (change.kind == ValueChangeKind::kAppraisal &&
      (change.amount < Money() || change.report_hash.empty())) {
    throw_invalid("report_hash", change.amount.to_yuan_string(),
                  "an appraisal records a non-negative value and its report's hash",
                  "评估须登记资产 " + asset.code + " 的评估价值（不能为负数）和评估报告的哈希值");
  }
  put<AssetValuesTable>(
      views_, {change.asset, stamp_.sequence, change.kind, change.amount, entry_.effective});
  advance(asset);
}

void Applier::operator()(const DepreciationPlanned& planned) {
  Asset asset = existing(planned.asset);
  authorize(Write::kChangeValue, asset.description.division, asset.asset_class);
  DepreciationPlan plan;
  plan.original = asset.description.original;
  plan.method = static_cast<DepreciationMethod>(planned.method);
  plan.life_months = planned.life_months;
  plan.acquired = asset.description.completed;
  plan.regime = asset.owners.empty()
                    ? DepreciationRegime::kCollective
                    : default_regime(existing_party(asset.owners.front().party).data.kind);
  plan.residual_rate = planned.residual_rate;
  plan.units_total = planned.units_total;
  check_depreciation_plan(plan);
  put<AssetDepreciationTable>(views_, {planned.asset, plan.method, planned.life_months,
                                       planned.residual_rate, planned.units_total});
  advance(asset);
}

void Applier::operator()(const UnitsRecorded& units) {
  Asset asset = existing(units.asset);
  authorize(Write::kChangeValue, asset.description.division, asset.asset_class);
  const auto plan = find<AssetDepreciationTable>(views_, units.asset);
  if (!plan || plan->method != DepreciationMethod::kUnitsOfProduction) {
    refuse("asset", asset.code + " is not depreciated by units of production",
           "资产 " + asset.code + " 不是按工作量法计提折旧，不能登记工作量");
  }
  const Date month = month_end(units.month, 0);
  if (insert<AssetUnitsTable>(views_, {units.asset, month, units.units})) {
    throw_error(ErrorKind::kConflict,
                "units of " + asset.code + " for " + month.to_string().substr(0, 7) +
                    " are already recorded",
                "资产 " + asset.code + " " + month.to_string().substr(0, 7) +
                    " 的工作量已登记过，不能重复登记");
  }
  advance(asset);
}

void Applier::operator()(const PolicyDefined& policy) {
  if (entry_.actor == 0) {
    // The register's log key defines the first version at create, before any registrar acts.
    if (views_.count(PoliciesTable::kName) != 0) {
      throw_error(ErrorKind::kUnauthorized,
                  "actor 0 (the register itself) may only define the first policy version",
                  "人员 0（台账本身）只能设置第一版政策，此后的版本须由县级登记员设置");
    }
  } else {
    authorize(Write::kDefinePolicy, county(), std::nullopt);
  }
  check_policy(policy);
  std::uint64_t latest = 0;
  Date latest_from;
  views_.scan(PoliciesTable::kName, {}, [&](ByteView key, ByteView value) {
    const PoliciesTable::Head head = PoliciesTable::decode_head(key, value);
    latest = head.version;
    latest_from = head.effective_from;
    return true;
  });
  if (policy.version != latest + 1) {
    throw_error(ErrorKind::kConflict,
                "policy version " + std::to_string(policy.version) + " is not the next one (" +
                    std::to_string(latest + 1) + ")",
                "政策设置的版本号 " + std::to_string(policy.version) + " 不是下一个版本（应为 " +
                    std::to_string(latest + 1) + "）");
  }
  if (latest != 0 && policy.effective_from < latest_from) {
    throw_invalid("effective_from", policy.effective_from.to_string(),
                  "before the previous version's " + latest_from.to_string(),
                  "生效日期早于上一版政策设置的生效日期 " + latest_from.to_string());
  }
  // The policy itself is kept in the view too, so later rules can read the version in force
  // without the log.
  put<PoliciesTable>(views_, {{policy.version, stamp_.sequence, policy.effective_from}, policy});
}

}  // namespace taizhang::domain

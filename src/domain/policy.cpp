// The policy record's defaults and checks.
#include "taizhang/policy.h"

#include <algorithm>

#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang {

std::optional<std::int32_t> PolicyDefined::life_months(AssetCategory category) const {
  for (const auto& [listed, months] : lives) {
    if (listed == category) return months > 0 ? std::optional<std::int32_t>(months) : std::nullopt;
  }
  return std::nullopt;
}

PolicyDefined default_policy(Date effective_from) {
  PolicyDefined policy;
  policy.effective_from = effective_from;
  for (std::uint16_t c = 0; c <= static_cast<std::uint16_t>(AssetCategory::kOther); ++c) {
    const auto category = static_cast<AssetCategory>(c);
    if (category == AssetCategory::kUseRight) continue;  // a use right's life is its term
    policy.lives.emplace_back(category, default_life_months(category, 0).value_or(0));
  }
  return policy;
}

void check_policy(const PolicyDefined& policy) {
  if (policy.version == 0) throw_invalid("version", "0", "versions start at 1");
  for (std::size_t i = 0; i < policy.lives.size(); ++i) {
    const auto& [category, months] = policy.lives[i];
    const std::string field = "lives[" + std::to_string(i) + "]";
    if (months < 0 || months > 2400) {
      throw_invalid(field, std::to_string(months), "a life is 0 to 2400 months");
    }
    if (category == AssetCategory::kUseRight) {
      throw_invalid(field, "use_right", "a use right's life is its term, not a policy");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (policy.lives[j].first == category) {
        throw_invalid(field, std::string(name_of(category)), "category listed twice");
      }
    }
  }
  if (policy.residual_rate.numerator() >= policy.residual_rate.denominator()) {
    throw_invalid("residual_rate", policy.residual_rate.to_string(), "must be below 1");
  }
  if (policy.inspection_interval_days == 0) {
    throw_invalid("inspection_interval_days", "0", "must be at least one day");
  }
  if (policy.publicity_days == 0) throw_invalid("publicity_days", "0", "must be at least one day");
  if (policy.state_approval_threshold < Money()) {
    throw_invalid("state_approval_threshold", policy.state_approval_threshold.to_yuan_string(),
                  "negative");
  }
}

}  // namespace taizhang

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

const ApprovalChain& PolicyDefined::chain(ChainOwner owner) const {
  for (const ApprovalChain& c : chains) {
    if (c.owner == owner) return c;
  }
  throw_error(ErrorKind::kRuleViolation, "owners: policy version " + std::to_string(version) +
                                             " has no approval chain for " +
                                             std::string(name_of(owner)) + " assets");
}

std::vector<ApprovalChain> default_chains() {
  using K = DisposalStepKind;
  return {
      {ChainOwner::kHousehold, {K::kHouseholdDeclaration}, {}, {}},
      {ChainOwner::kVillageCollective,
       {K::kCommitteeProposal, K::kAssemblyResolution, K::kPublicity},
       {K::kTownshipApproval, K::kRuralRevitalizationConsent, K::kFinanceConsent},
       {}},
      {ChainOwner::kState,
       {},
       {K::kDepartmentProposal, K::kFinanceApproval},
       {K::kGovernmentApproval}},
  };
}

PolicyDefined default_policy(Date effective_from) {
  PolicyDefined policy;
  policy.effective_from = effective_from;
  policy.chains = default_chains();
  for (std::uint16_t c = 0; c <= static_cast<std::uint16_t>(AssetCategory::kOther); ++c) {
    const auto category = static_cast<AssetCategory>(c);
    if (category == AssetCategory::kUseRight) continue;  // a use right's life is its term
    policy.lives.emplace_back(category, default_life_months(category, 0).value_or(0));
  }
  return policy;
}

namespace {

// Steps a village (or a household) takes for itself, as opposed to the township's and county's.
bool per_owner_kind(DisposalStepKind kind) {
  return kind == DisposalStepKind::kHouseholdDeclaration ||
         kind == DisposalStepKind::kCommitteeProposal ||
         kind == DisposalStepKind::kAssemblyResolution || kind == DisposalStepKind::kPublicity;
}

void check_chains(const std::vector<ApprovalChain>& chains) {
  for (std::uint16_t o = 0; o <= static_cast<std::uint16_t>(ChainOwner::kState); ++o) {
    const auto owner = static_cast<ChainOwner>(o);
    const auto count = std::count_if(chains.begin(), chains.end(),
                                     [&](const ApprovalChain& c) { return c.owner == owner; });
    if (count != 1) {
      throw_invalid("chains", std::string(name_of(owner)),
                    "the policy names exactly one chain for each kind of owner (found " +
                        std::to_string(count) + ")");
    }
  }
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const ApprovalChain& c = chains[i];
    const std::string field = "chains[" + std::to_string(i) + "]";
    std::vector<DisposalStepKind> seen;
    auto check = [&](const std::vector<DisposalStepKind>& list, const std::string& name,
                     bool per_owner) {
      for (std::size_t j = 0; j < list.size(); ++j) {
        const DisposalStepKind kind = list[j];
        const std::string at = field + "." + name + "[" + std::to_string(j) + "]";
        if (per_owner_kind(kind) != per_owner) {
          throw_invalid(at, std::string(name_of(kind)),
                        per_owner ? "a step of the township or county is not taken per owner"
                                  : "a village's or household's own step is taken per owner");
        }
        if (per_owner && (kind == DisposalStepKind::kHouseholdDeclaration) !=
                             (c.owner == ChainOwner::kHousehold)) {
          throw_invalid(at, std::string(name_of(kind)),
                        "the household's declaration belongs to the household chain alone");
        }
        if (std::find(seen.begin(), seen.end(), kind) != seen.end()) {
          throw_invalid(at, std::string(name_of(kind)), "listed twice in one chain");
        }
        if (kind == DisposalStepKind::kPublicity &&
            std::find(seen.begin(), seen.end(), DisposalStepKind::kAssemblyResolution) ==
                seen.end()) {
          throw_invalid(at, "publicity", "publicity follows the resolution it publishes");
        }
        seen.push_back(kind);
      }
    };
    if (c.owner == ChainOwner::kState && !c.per_owner.empty()) {
      throw_invalid(field + ".per_owner", std::string(name_of(c.per_owner[0])),
                    "state owners take no village steps");
    }
    check(c.per_owner, "per_owner", true);
    check(c.steps, "steps", false);
    check(c.above_threshold, "above_threshold", false);
    if (seen.empty()) throw_invalid(field, std::string(name_of(c.owner)), "a chain has no steps");
  }
}

}  // namespace

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
  check_chains(policy.chains);
}

}  // namespace taizhang

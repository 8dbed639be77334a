// The policy record's defaults and checks.
#include "taizhang/policy.h"

#include <algorithm>

#include "taizhang/allocation.h"
#include "taizhang/chinese.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

std::string step_zh(DisposalStepKind kind) { return "“" + std::string(chinese_name(kind)) + "”"; }

}  // namespace

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
  throw_error(ErrorKind::kRuleViolation,
              "owners: policy version " + std::to_string(version) + " has no approval chain for " +
                  std::string(name_of(owner)) + " assets",
              "第 " + std::to_string(version) + " 版政策设置中没有" +
                  std::string(chinese_name(owner)) + "的审批流程（owners）");
}

const QuorumRule& PolicyDefined::quorum(Meeting meeting) const {
  for (const QuorumRule& q : quorums) {
    if (q.meeting == meeting) return q;
  }
  throw_error(ErrorKind::kRuleViolation,
              "quorum: policy version " + std::to_string(version) + " has no quorum for a " +
                  std::string(name_of(meeting)),
              "第 " + std::to_string(version) + " 版政策设置中没有" +
                  std::string(chinese_name(meeting)) + "的到会人数要求（quorum）");
}

const PlanRule& PolicyDefined::plan_rule(PlanOwner owner) const {
  for (const PlanRule& r : plan_rules) {
    if (r.owner == owner) return r;
  }
  throw_error(ErrorKind::kRuleViolation,
              "owner: policy version " + std::to_string(version) +
                  " has no rule for the plans of a " + std::string(name_of(owner)) + " owner",
              "第 " + std::to_string(version) + " 版政策设置中没有" +
                  std::string(chinese_name(owner)) + "收益分配方案的审批规则（owner）");
}

std::optional<PlanOwner> plan_owner_of(PartyKind kind) {
  switch (kind) {
    case PartyKind::kVillageCollective:
    case PartyKind::kVillagerGroup:
      return PlanOwner::kCollective;
    case PartyKind::kCooperative:
      return PlanOwner::kCooperative;
    case PartyKind::kTownship:
    case PartyKind::kCountyDepartment:
    case PartyKind::kPlatformCompany:
      return PlanOwner::kState;
    case PartyKind::kHousehold:
    case PartyKind::kEnterprise:
    case PartyKind::kSupervisionCommittee:
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<PurposeRule> default_purpose_rules() {
  std::vector<PurposeRule> rules;
  for (const std::string& name : default_purposes().allowed) {
    // Disposal proceeds go only to consolidation and rural revitalisation (docs/rules.md §5),
    // public-welfare posts and support for people unable to work included.
    const bool restricted_ok = name != "shareholder_dividends" && name != "collective_economy" &&
                               name != "relocation_site_running_costs";
    PurposeRule rule{name, restricted_ok, {}};
    // A relocation site's shops may pay the site's own running costs (安置区运转).
    if (name == "relocation_site_running_costs") rule.categories = {AssetCategory::kRelocationShop};
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::vector<QuorumRule> default_quorums() {
  return {{Meeting::kVillagersAssembly, 1, 2, true},
          {Meeting::kHouseholdAssembly, 2, 3, false},
          {Meeting::kRepresentativesMeeting, 2, 3, false},
          {Meeting::kMembersAssembly, 2, 3, false}};
}

std::vector<PlanRule> default_plan_rules() {
  return {{PlanOwner::kCollective, true, true, false},
          {PlanOwner::kCooperative, true, true, false},
          {PlanOwner::kState, false, false, true}};
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
       {K::kDepartmentProposal},
       {K::kFinanceApproval},
       {K::kGovernmentApproval}},
      {ChainOwner::kCooperative,
       {K::kCommitteeProposal, K::kAssemblyResolution, K::kPublicity},
       {K::kTownshipApproval, K::kRuralRevitalizationConsent},
       {}},
  };
}

PolicyDefined default_policy(Date effective_from) {
  PolicyDefined policy;
  policy.effective_from = effective_from;
  policy.chains = default_chains();
  policy.purposes = default_purpose_rules();
  policy.prohibited_purposes = default_purposes().prohibited;
  policy.quorums = default_quorums();
  policy.plan_rules = default_plan_rules();
  for (std::uint16_t c = 0; c <= static_cast<std::uint16_t>(AssetCategory::kRelocationShop); ++c) {
    const auto category = static_cast<AssetCategory>(c);
    if (category == AssetCategory::kUseRight) continue;  // a use right's life is its term
    policy.lives.emplace_back(category, default_life_months(category, 0).value_or(0));
  }
  return policy;
}

namespace {

// Steps an owner takes for itself (a village, a cooperative, a household, a state unit's
// proposal), as opposed to the township's and county's approvals.
bool per_owner_kind(DisposalStepKind kind) {
  return kind == DisposalStepKind::kHouseholdDeclaration ||
         kind == DisposalStepKind::kCommitteeProposal ||
         kind == DisposalStepKind::kAssemblyResolution || kind == DisposalStepKind::kPublicity ||
         kind == DisposalStepKind::kDepartmentProposal;
}

void check_chains(const std::vector<ApprovalChain>& chains) {
  for (std::uint16_t o = 0; o <= static_cast<std::uint16_t>(ChainOwner::kCooperative); ++o) {
    const auto owner = static_cast<ChainOwner>(o);
    const auto count = std::count_if(chains.begin(), chains.end(),
                                     [&](const ApprovalChain& c) { return c.owner == owner; });
    if (count != 1) {
      throw_invalid("chains", std::string(name_of(owner)),
                    "the policy names exactly one chain for each kind of owner (found " +
                        std::to_string(count) + ")",
                    "政策设置须为" + std::string(chinese_name(owner)) +
                        "规定一个且只有一个审批流程（现有 " + std::to_string(count) + " 个）");
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
                                  : "a village's or household's own step is taken per owner",
                        per_owner
                            ? step_zh(kind) + "是乡镇或县级的审批环节，不能列为各产权主体自办的环节"
                            : step_zh(kind) +
                                  "是产权主体自办的环节（村、合作社、农户或主管部门），"
                                  "应列在各产权主体自办的环节（per_owner）中");
        }
        if (per_owner && (kind == DisposalStepKind::kHouseholdDeclaration) !=
                             (c.owner == ChainOwner::kHousehold)) {
          throw_invalid(at, std::string(name_of(kind)),
                        "the household's declaration belongs to the household chain alone",
                        kind == DisposalStepKind::kHouseholdDeclaration
                            ? "“农户申报”只属于农户资产的审批流程，" +
                                  std::string(chinese_name(c.owner)) + "的审批流程不能列入"
                            : "农户资产的审批流程中，产权主体自办的环节只有“农户申报”，不能列入" +
                                  step_zh(kind));
        }
        if (per_owner &&
            (kind == DisposalStepKind::kDepartmentProposal) != (c.owner == ChainOwner::kState)) {
          throw_invalid(at, std::string(name_of(kind)),
                        "the owning unit's proposal belongs to the state chain alone",
                        kind == DisposalStepKind::kDepartmentProposal
                            ? "“主管部门提出”只属于国有资产的审批流程，" +
                                  std::string(chinese_name(c.owner)) + "的审批流程不能列入"
                            : "国有资产的审批流程中，产权主体自办的环节只有“主管部门提出”，"
                              "不能列入" +
                                  step_zh(kind));
        }
        if (std::find(seen.begin(), seen.end(), kind) != seen.end()) {
          throw_invalid(at, std::string(name_of(kind)), "listed twice in one chain",
                        step_zh(kind) + "在同一审批流程中列了两次");
        }
        if (kind == DisposalStepKind::kPublicity &&
            std::find(seen.begin(), seen.end(), DisposalStepKind::kAssemblyResolution) ==
                seen.end()) {
          throw_invalid(at, "publicity", "publicity follows the resolution it publishes",
                        "“公示”须排在它所公示的“村民会议决议”之后");
        }
        seen.push_back(kind);
      }
    };
    check(c.per_owner, "per_owner", true);
    check(c.steps, "steps", false);
    check(c.above_threshold, "above_threshold", false);
    if (seen.empty()) {
      throw_invalid(field, std::string(name_of(c.owner)), "a chain has no steps",
                    std::string(chinese_name(c.owner)) + "的审批流程没有任何审批环节");
    }
  }
}

}  // namespace

void check_policy(const PolicyDefined& policy) {
  if (policy.version == 0) {
    throw_invalid("version", "0", "versions start at 1", "政策设置的版本号从 1 开始");
  }
  for (std::size_t i = 0; i < policy.lives.size(); ++i) {
    const auto& [category, months] = policy.lives[i];
    const std::string field = "lives[" + std::to_string(i) + "]";
    if (months < 0 || months > 2400) {
      throw_invalid(field, std::to_string(months), "a life is 0 to 2400 months",
                    std::string(chinese_name(category)) +
                        "的折旧年限须在 0 至 2400 个月之间（0 表示不计提折旧）");
    }
    if (category == AssetCategory::kUseRight) {
      throw_invalid(
          field, "use_right", "a use right's life is its term, not a policy",
          std::string(chinese_name(category)) + "的折旧年限按其权利期限计算，不在政策设置中规定");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (policy.lives[j].first == category) {
        throw_invalid(field, std::string(name_of(category)), "category listed twice",
                      "“" + std::string(chinese_name(category)) + "”的折旧年限列了两次");
      }
    }
  }
  if (policy.residual_rate.numerator() >= policy.residual_rate.denominator()) {
    throw_invalid("residual_rate", policy.residual_rate.to_string(), "must be below 1",
                  "残值率须小于 1");
  }
  if (policy.inspection_interval_days == 0) {
    throw_invalid("inspection_interval_days", "0", "must be at least one day",
                  "巡查间隔至少为 1 天");
  }
  if (policy.publicity_days == 0) {
    throw_invalid("publicity_days", "0", "must be at least one day", "公示期至少为 1 天");
  }
  if (policy.appraisal_valid_months == 0) {
    throw_invalid("appraisal_valid_months", "0", "must be at least one month",
                  "评估有效期至少为 1 个月");
  }
  {
    const unsigned month = policy.stocktaking_by / 100U, day = policy.stocktaking_by % 100U;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(2001, month)) {
      throw_invalid("stocktaking_by", std::to_string(policy.stocktaking_by),
                    "a day of the year as month * 100 + day (1231 for 31 December)",
                    "年度清查截止日写作“月 × 100 ＋ 日”，如 12 月 31 日写作 1231");
    }
  }
  if (policy.supervision_phone.size() > 32 ||
      policy.supervision_phone.find_first_not_of("0123456789-+() ") != std::string::npos) {
    throw_invalid("supervision_phone", policy.supervision_phone,
                  "a telephone number: digits, with - + ( ) or spaces, at most 32",
                  "监督电话只能由数字和“-”“+”“(”“)”、空格组成，最多 32 个字符");
  }
  if (policy.supervision_unit.size() > 128) {
    throw_invalid("supervision_unit", policy.supervision_unit, "at most 128 bytes",
                  "监督单位名称最长 128 字节（约 42 个汉字）");
  }
  for (const AuditDayField& field : audit_day_fields()) {
    if (policy.audit.*field.days == 0) {
      throw_invalid("audit_days." + std::string(field.name), "0", "must be at least one day",
                    "审计提示的天数至少为 1 天");
    }
  }
  if (policy.state_approval_threshold < Money()) {
    throw_invalid("state_approval_threshold", policy.state_approval_threshold.to_yuan_string(),
                  "negative", "国有资产处置报县政府审批的限额不能为负数");
  }
  check_chains(policy.chains);
  // Purposes: named, each once, none both allowed and prohibited.
  if (policy.purposes.empty()) {
    throw_invalid("purposes", "[]", "the policy allows no purpose",
                  "政策设置须至少允许一项收益用途");
  }
  for (std::size_t i = 0; i < policy.purposes.size(); ++i) {
    const std::string& name = policy.purposes[i].name;
    const std::string field = "purposes[" + std::to_string(i) + "]";
    if (name.empty()) throw_invalid(field, "", "a purpose has a name", "收益用途须有名称");
    for (std::size_t j = 0; j < i; ++j) {
      if (policy.purposes[j].name == name) {
        throw_invalid(field, name, "listed twice", "该收益用途列了两次");
      }
    }
    if (std::find(policy.prohibited_purposes.begin(), policy.prohibited_purposes.end(), name) !=
        policy.prohibited_purposes.end()) {
      throw_invalid(field, name, "both allowed and prohibited",
                    "该收益用途既列为允许又列为禁止，只能列在一处");
    }
  }
  // Plan rules: one for each kind of owner; each with a procedure, a meeting's with publicity or
  // the county's consent.
  for (std::uint16_t o = 0; o <= static_cast<std::uint16_t>(PlanOwner::kState); ++o) {
    const auto owner = static_cast<PlanOwner>(o);
    const auto count = std::count_if(policy.plan_rules.begin(), policy.plan_rules.end(),
                                     [&](const PlanRule& r) { return r.owner == owner; });
    if (count != 1) {
      throw_invalid("plan_rules", std::string(name_of(owner)),
                    "the policy names exactly one plan rule for each kind of owner (found " +
                        std::to_string(count) + ")",
                    "政策设置须为" + std::string(chinese_name(owner)) +
                        "的收益分配方案规定一条且只有一条审批规则（现有 " + std::to_string(count) +
                        " 条）");
    }
  }
  for (std::size_t i = 0; i < policy.plan_rules.size(); ++i) {
    const PlanRule& r = policy.plan_rules[i];
    if (!r.resolution && !r.county_consent) {
      throw_invalid("plan_rules[" + std::to_string(i) + "]", std::string(name_of(r.owner)),
                    "a plan is adopted by the owner's meeting or consented by the county",
                    std::string(chinese_name(r.owner)) +
                        "的收益分配方案须经产权主体的会议决议通过，或经县乡村振兴局同意，"
                        "两者至少要求一项");
    }
    if (r.publicity && !r.resolution) {
      throw_invalid("plan_rules[" + std::to_string(i) + "].publicity", "true",
                    "a notice publishes a resolution; this rule has none",
                    "公示的是会议决议；此规则不要求决议，就不能要求公示");
    }
  }
  // Quorums: one for each kind of meeting, a fraction of at most 1; the majority below 1.
  for (std::uint16_t m = 0; m <= static_cast<std::uint16_t>(Meeting::kMembersAssembly); ++m) {
    const auto meeting = static_cast<Meeting>(m);
    const auto count = std::count_if(policy.quorums.begin(), policy.quorums.end(),
                                     [&](const QuorumRule& q) { return q.meeting == meeting; });
    if (count != 1) {
      throw_invalid(
          "quorums", std::string(name_of(meeting)),
          "the policy names exactly one quorum for each kind of meeting",
          "政策设置须为" + std::string(chinese_name(meeting)) + "规定一个且只有一个到会人数要求");
    }
  }
  for (std::size_t i = 0; i < policy.quorums.size(); ++i) {
    const QuorumRule& q = policy.quorums[i];
    if (q.denominator == 0 || q.numerator > q.denominator) {
      throw_invalid("quorums[" + std::to_string(i) + "]",
                    std::to_string(q.numerator) + "/" + std::to_string(q.denominator),
                    "a quorum is a fraction from 0 to 1",
                    std::string(chinese_name(q.meeting)) + "的到会比例须是 0 到 1 之间的分数");
    }
  }
  if (policy.majority_denominator == 0 ||
      policy.majority_numerator >= policy.majority_denominator) {
    throw_invalid("majority",
                  std::to_string(policy.majority_numerator) + "/" +
                      std::to_string(policy.majority_denominator),
                  "a majority is a fraction below 1", "表决通过的比例须是小于 1 的分数");
  }
}

}  // namespace taizhang

// The county's policy record: the values docs/rules.md marks "policy default", versioned in the
// ledger. Version 1 (the defaults below) is written when a register is created; the county
// registrar may append later versions, and an asset takes the version in force on its
// completion date, so a change of policy never rewrites the past.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/date.h"
#include "taizhang/disposal.h"
#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/publicity.h"
#include "taizhang/share.h"

namespace taizhang {

// Persisted: do not renumber.
enum class ChainOwner : std::uint16_t {
  kHousehold = 0,
  kVillageCollective = 1,
  kState = 2,
  kCooperative = 3,
};
TAIZHANG_EXPORT std::string_view name_of(ChainOwner value);
TAIZHANG_EXPORT ChainOwner parse_chain_owner(std::string_view text, std::string_view field);

// The disposal approval chain for one kind of owner (docs/rules.md §5): steps taken once per owner
// (each owning village proposes, resolves and publishes; a state owner proposes), then steps
// taken once, then steps needed only at or above the state threshold. An asset with owners of
// several kinds takes each owner's own steps, then the once-steps of all its owners' chains,
// each once.
struct ApprovalChain {
  ChainOwner owner = ChainOwner::kVillageCollective;
  std::vector<DisposalStepKind> per_owner;
  std::vector<DisposalStepKind> steps;
  std::vector<DisposalStepKind> above_threshold;
};

// An income purpose a plan may name; its place in PolicyDefined::purposes is its priority.
struct PurposeRule {
  std::string name;
  bool restricted_ok = false;             // may receive restricted income (disposal proceeds)
  std::vector<AssetCategory> categories;  // only income of these categories; empty: any
};

// Which value a state asset's disposal compares with the threshold. Persisted: do not renumber.
enum class ThresholdBasis : std::uint16_t { kOriginal = 0, kBook = 1 };
TAIZHANG_EXPORT std::string_view name_of(ThresholdBasis value);
TAIZHANG_EXPORT ThresholdBasis parse_threshold_basis(std::string_view text, std::string_view field);

// The kinds of owner that approve allocation plans differently (docs/rules.md §4).
// Persisted: do not renumber.
enum class PlanOwner : std::uint16_t { kCollective = 0, kCooperative = 1, kState = 2 };
TAIZHANG_EXPORT std::string_view name_of(PlanOwner value);
TAIZHANG_EXPORT PlanOwner parse_plan_owner(std::string_view text, std::string_view field);
// The kind of plan owner a party is; none for households and enterprises (their parts are their
// own).
TAIZHANG_EXPORT std::optional<PlanOwner> plan_owner_of(PartyKind kind);

// How one kind of owner approves an allocation plan: by a resolution of its own meeting, with a
// notice that has run, and/or recorded by the county rural-revitalisation bureau (its signature
// is the consent) naming the owner's own decision.
struct PlanRule {
  PlanOwner owner = PlanOwner::kCollective;
  bool resolution = true;
  bool publicity = true;
  bool county_consent = false;
};

// A meeting's quorum: present / eligible must be above (strict) or at least numerator /
// denominator.
struct QuorumRule {
  Meeting meeting = Meeting::kVillagersAssembly;
  std::uint32_t numerator = 1;
  std::uint32_t denominator = 2;
  bool strict = true;
};

// The audit's time limits (docs/rules.md §7), in days; each at least 1.
struct AuditDays {
  std::uint16_t income_unallocated = 90;         // income unallocated this long after its period
  std::uint16_t operating_without_income = 365;  // an operating asset earning nothing this long
  std::uint16_t contract_expiring = 90;          // an operation contract ending within this long
  std::uint16_t result_unpublished = 30;         // an allocation's results unpublished this long
  bool operator==(const AuditDays&) const = default;
};

// The names of AuditDays' members ("income_unallocated", ...), for Python and the CLI.
struct AuditDayField {
  std::string_view name;
  std::uint16_t AuditDays::*days;
};
TAIZHANG_EXPORT std::span<const AuditDayField> audit_day_fields();

struct TAIZHANG_EXPORT PolicyDefined {
  std::uint32_t version = 1;
  Date effective_from;
  std::vector<std::pair<AssetCategory, std::int32_t>> lives;  // months; 0: not depreciated
  Share residual_rate = Share::of(5, 100);
  std::uint16_t inspection_interval_days = 180;
  std::uint16_t publicity_days = 10;
  Money state_approval_threshold = Money::from_fen(20'000'000);
  std::vector<ApprovalChain> chains;  // one per ChainOwner
  std::vector<PurposeRule> purposes;  // allowed, in priority order
  std::vector<std::string> prohibited_purposes;
  std::vector<QuorumRule> quorums;  // one per Meeting
  // A motion carries with more than majority_numerator / majority_denominator of those present.
  std::uint32_t majority_numerator = 1;
  std::uint32_t majority_denominator = 2;
  AuditDays audit;
  std::vector<PlanRule> plan_rules;           // one per PlanOwner
  std::uint16_t appraisal_valid_months = 12;  // an appraisal backs a sale this long
  ThresholdBasis state_threshold_basis = ThresholdBasis::kOriginal;
  bool state_threshold_inclusive = true;  // a value equal to the threshold reaches it
  // Proceeds of an auction or a transfer below this fraction of the appraised value need the
  // last approver of the chain to approve the price again.
  Share price_floor = Share::of(9, 10);
  // The yearly stocktaking (清查): every asset is inspected or stocktaken each year by this day
  // of the year (month * 100 + day; 1231 for 31 December).
  std::uint16_t stocktaking_by = 1231;
  // The telephone for supervision and reports (监督举报电话) and the unit that answers it,
  // printed on every public notice; empty until the county sets them.
  std::string supervision_phone;
  std::string supervision_unit;

  // The plan rule for `owner`; RuleViolation if the policy has none.
  const PlanRule& plan_rule(PlanOwner owner) const;

  // The quorum of `meeting`; RuleViolation if the policy has none.
  const QuorumRule& quorum(Meeting meeting) const;

  // The chain for `owner`; RuleViolation if the policy has none.
  const ApprovalChain& chain(ChainOwner owner) const;

  // The life of `category` in months; none when not depreciated (or not listed).
  std::optional<std::int32_t> life_months(AssetCategory category) const;
};

// Version 1: the defaults of docs/rules.md §3, §5, §6 and §7, in force from `effective_from`.
TAIZHANG_EXPORT PolicyDefined default_policy(Date effective_from);

// The defaults of docs/rules.md §4: purposes in priority order (the consolidation ones may receive
// restricted income), the prohibited ones, and the quorums.
TAIZHANG_EXPORT std::vector<PurposeRule> default_purpose_rules();
TAIZHANG_EXPORT std::vector<QuorumRule> default_quorums();
TAIZHANG_EXPORT std::vector<PlanRule> default_plan_rules();

// The default chains of docs/rules.md §5.
TAIZHANG_EXPORT std::vector<ApprovalChain> default_chains();

// Checks a policy version's values, naming the field (InvalidInput): among them, one chain per
// kind of owner, per-owner steps only of the kinds a village or household takes, and a
// publicity step only after the resolution it publishes.
TAIZHANG_EXPORT void check_policy(const PolicyDefined& policy);

}  // namespace taizhang

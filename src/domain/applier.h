// The register's fold, one entry at a time: the Applier checks an entry against the views
// and updates them. Its handlers are split by workflow: fold_assets.cpp (places, parties,
// assets, ownership, rights, operation, maintenance), fold_values.cpp (values, depreciation,
// policy), fold_disposal.cpp, fold_income.cpp, fold_publicity.cpp (resolutions, notices,
// objections) and fold_authorization.cpp (who may write what, where); the helpers they share
// are in register_fold.cpp. Internal to the domain layer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/view_records.h"
#include "taizhang/allocation.h"
#include "taizhang/entry.h"
#include "taizhang/records.h"
#include "taizhang/views.h"

namespace taizhang::domain {

// The kinds of write the authorization rules speak of.
enum class Write {
  kEnrolActor,
  kDefineDivision,
  kRegisterParty,
  kRegisterAsset,
  kChangeStatus,
  kConfirmOwnership,
  kCorrectAsset,
  kBindRight,
  kContractOperation,
  kBindMaintenance,
  kInspect,
  kChangeValue,
  kDefinePolicy,
  kRequestDisposal,
  kRecordIncome,
  kApprovePlan,
  kResolve,
  kPublish,
};

// Refuses the entry: RuleViolation "rule: detail".
[[noreturn]] void refuse(const std::string& rule, const std::string& detail);
// With the refusal in Chinese as well: "<detail_zh>（<rule>）" for county staff.
[[noreturn]] void refuse(const std::string& rule, const std::string& detail,
                         const std::string& detail_zh);

// The longest earning period an income may have (the allocation rule's bound).
constexpr std::int32_t kIncomePeriodDaysMax = 366 * 10;

inline std::string day_text(Date day) { return day.to_string(); }

class Applier {
 public:
  Applier(ViewStore& views, const Entry& entry, const EntryStamp& stamp)
      : views_(views), entry_(entry), stamp_(stamp) {}

  void operator()(const RegisterInitialized& init);
  void operator()(const ActorKeyEnrolled& enrolled);
  void operator()(const DivisionDefined& division);
  void operator()(const PartyRegistered& party);
  void operator()(const AssetRegistered& registered);
  void operator()(const AssetStatusChanged& change);
  void operator()(const OwnershipConfirmed& confirmed);
  void operator()(const AssetHandedOver& handover);
  void operator()(const AssetCorrected& corrected);
  void operator()(const RightBound& bound);
  void operator()(const OperationContracted& c);
  void operator()(const MaintenanceBound& m);
  void operator()(const Inspected& inspection);
  void operator()(const ValueChanged& change);
  void operator()(const DepreciationPlanned& planned);
  void operator()(const UnitsRecorded& units);
  void operator()(const PolicyDefined& policy);

  // --- disposal (docs/rules.md §5) --------------------------------------------------------
  void operator()(const DisposalRequested& r);
  void operator()(const DisposalStep& step);
  void operator()(const DisposalWithdrawn& w);
  void operator()(const DisposalExecuted& e);

  // --- income (docs/rules.md §4) ----------------------------------------------------------
  void operator()(const IncomeRecorded& income);
  void operator()(const BeneficiaryChanged& change);
  void operator()(const PlanApproved& plan);
  void operator()(const AllocationRecorded& allocation);

  // --- resolutions and notices (docs/rules.md §4, §7) --------------------------------------
  void operator()(const ResolutionAdopted& r);
  void operator()(const NoticePosted& n);
  void operator()(const ObjectionRecorded& o);
  // Keys are the ledger's concern (its "actors" view); the domain's record of the actor stays.
  void operator()(const ActorKeyRotated&) {}
  void operator()(const ActorKeyRevoked&) {}

 private:
  // What one allocation entry reads more than once: plans in force, lists, parties, categories.
  struct AllocationContext {
    std::map<std::pair<std::uint64_t, bool>, std::optional<model::PlansTable::Record>> plans;
    std::map<std::pair<std::uint64_t, std::string>, std::vector<model::BeneficiariesTable::Record>>
        lists;
    std::map<std::uint64_t, Party> parties;
    std::map<std::uint64_t, AssetCategory> categories;
  };
  // The income record and one part per owner, split by shares (largest remainder).
  void record_parts(const Asset& asset, Money amount, Date from, Date until, bool restricted,
                    std::uint64_t payer = 0);
  void check_plan(const PlanApproved& plan, const PolicyDefined& policy);
  void allocate_part(model::IncomePartsTable::Record& part,
                     const model::IncomesTable::Record& income, const PolicyDefined& policy,
                     const PurposeRules& purposes, AllocationContext& context,
                     const std::string& field);
  const std::vector<model::BeneficiariesTable::Record>& members_of(std::uint64_t owner,
                                                                   const std::string& list,
                                                                   AllocationContext& context);
  const Party& party_in(std::uint64_t id, AllocationContext& context);
  AssetCategory category_of(std::uint64_t asset, AllocationContext& context);
  static PurposeRules purposes_of(const PolicyDefined& policy);
  // Disposal proceeds go only to consolidation and rural revitalisation.
  static void check_restricted_purposes(const PlanApproved& plan, const std::string& field,
                                        const PolicyDefined& policy);
  // The plan's lines as the allocation rule takes them, without payees (for checking the plan).
  static AllocationPlan to_allocation_plan(const PlanApproved& plan);
  // A guarantee line as the rule takes it, accruing over `days` (the period's when none).
  static GuaranteedLine guaranteed_line(const GuaranteedPlanLine& g,
                                        std::optional<std::int32_t> days = std::nullopt);
  static bool is_state(PartyKind kind);
  bool state_owned(const Asset& asset);
  PolicyDefined policy_now();
  // The chain fixed at the request (docs/rules.md §5), from the owners and the policy in force.
  std::vector<std::pair<DisposalStepKind, std::uint64_t>> chain_for(const Asset& asset);
  // Whether `actor` acts for `party` (docs/rules.md §5, §8): a village committee for the
  // households, collectives, groups and cooperatives of its village, a township government for
  // its township, a sector department's official for the party it is enrolled for.
  static bool acts_for(const Actor& actor, const Party& party);
  void require_lease(const Asset& asset);
  void check_contract_resolutions(const Asset& asset, const OperationContracted& c);
  // Who may sign each kind of step: role, and a jurisdiction over the village or asset.
  void authorize_step(DisposalStepKind kind, std::uint64_t village, const Asset& asset,
                      const Actor& actor);
  using Resolution = model::ResolutionsTable::Record;
  using Notice = model::NoticesTable::Record;
  Resolution resolution(std::uint64_t id);
  // A resolution carries one plan or one step; a second use would count one vote twice.
  void use_resolution(Resolution r);
  Notice notice(std::uint64_t id);
  // A notice has run when its last day is past, and stands when no objection was upheld.
  void require_run(const Notice& n);
  Date runs_until(const Notice& n);
  // The day the register's clock records this entry, in the counties' time zone.
  Date recorded_day() const { return Date::at(stamp_.recorded_micros, kCountyUtcOffsetSeconds); }
  Disposal open_disposal(std::uint64_t id);
  std::string county() const;
  void authorize(Write write, const std::string& division, std::optional<AssetClass> asset_class);
  // The division must be in the versioned table and valid on `day`.
  void require_division(const std::string& code, Date day, std::string_view field);
  Actor acting();
  static bool owns(const Asset& asset, std::uint64_t party);
  // The same parties with the same shares, in any order.
  static bool same_owners(const std::vector<OwnerShare>& a, const std::vector<OwnerShare>& b);
  void check_period(Date from, Date until, bool until_required);
  // Applies the entry to the asset (advance_asset: a new status, owners or description, or only
  // its last entry) and stores it, moving its index entries.
  void advance(Asset& asset);
  std::optional<Party> party(std::uint64_t id);
  // A party the views already name (an owner, a plan's owner): its absence is our bug.
  Party existing_party(std::uint64_t id);
  void check_description(AssetClass asset_class, const AssetDescription& d);
  // Exact shares summing to 1, existing distinct parties, and the class rules of docs/rules.md §2.
  void check_owners(AssetClass asset_class, const std::vector<OwnerShare>& owners);
  Asset existing(std::uint64_t id);
  // Writes the asset and moves its index entries from `before` (null for a new asset).
  void store(const Asset& asset, const Asset* before);

  ViewStore& views_;
  const Entry& entry_;
  const EntryStamp& stamp_;
};

}  // namespace taizhang::domain

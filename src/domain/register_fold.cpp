// The register's fold: the rules of docs/rules.md §1, §2 and §8 and the views they maintain.
//
// apply(views, entry) checks the entry against the views (authorization, references, sums,
// per-class ownership rules) and then updates them. It reads nothing but the views and the
// entry, so replaying the log reproduces the views exactly (Ledger::verify_deep checks that).
#include "taizhang/register_fold.h"

#include <algorithm>
#include <cstring>

#include "core/assert.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "model/view_records.h"
#include "taizhang/allocation.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang {
namespace domain {
namespace {

using namespace model;

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
  kResolve,
  kPublish,
};

std::string_view write_name(Write write) {
  constexpr std::string_view kNames[] = {"enrol an actor",
                                         "define a division",
                                         "register a party",
                                         "register an asset",
                                         "change an asset's status",
                                         "confirm ownership",
                                         "correct an asset",
                                         "bind a right",
                                         "contract the operation",
                                         "bind maintenance",
                                         "record an inspection",
                                         "change a value",
                                         "define the policy",
                                         "request or execute a disposal",
                                         "record or allocate income",
                                         "enter a resolution",
                                         "publish a notice or an objection"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(Write::kPublish) + 1,
                "a name for every kind of write");
  return kNames[static_cast<int>(write)];
}

// Which roles may make which writes (docs/rules.md §8). Jurisdiction is checked separately.
bool role_may(Role role, Write write, std::optional<AssetClass> asset_class) {
  switch (role) {
    case Role::kCountyRegistrar:
      return true;
    case Role::kTownshipGovernment:
      return write != Write::kEnrolActor && write != Write::kDefineDivision &&
             write != Write::kDefinePolicy;
    case Role::kVillageCommittee:
      return write == Write::kRegisterParty || write == Write::kRegisterAsset ||
             write == Write::kRequestDisposal || write == Write::kRecordIncome ||
             write == Write::kChangeStatus || write == Write::kContractOperation ||
             write == Write::kBindMaintenance || write == Write::kInspect ||
             write == Write::kResolve || write == Write::kPublish;
    case Role::kVillageAssembly:
      return write == Write::kResolve;  // the assembly's own resolutions
    case Role::kSectorDepartment:
      // A sector department keeps the public-welfare infrastructure of its sector.
      return (write == Write::kRegisterAsset || write == Write::kChangeStatus ||
              write == Write::kBindMaintenance || write == Write::kInspect ||
              write == Write::kRequestDisposal) &&
             asset_class == AssetClass::kPublicWelfare;
    default:
      return false;  // bureaus, households, operators and auditors act elsewhere
  }
}

[[noreturn]] void refuse(const std::string& rule, const std::string& detail) {
  throw_error(ErrorKind::kRuleViolation, rule + ": " + detail);
}

std::string day_text(Date day) { return day.to_string(); }

class Applier {
 public:
  Applier(ViewStore& views, const Entry& entry, const EntryStamp& stamp)
      : views_(views), entry_(entry), stamp_(stamp) {}

  void operator()(const RegisterInitialized& init) {
    put<RegisterTable>(views_, {init.county_code});
  }

  void operator()(const ActorKeyEnrolled& enrolled) {
    check_division_code(enrolled.jurisdiction, "jurisdiction");
    if (!division_contains(county(), enrolled.jurisdiction)) {
      refuse("jurisdiction", enrolled.jurisdiction + " is outside the county " + county());
    }
    bool bootstrap = entry_.actor == 0;
    if (bootstrap) {
      bool any = false;
      views_.scan(ActorsTable::kName, {}, [&](ByteView, ByteView) { return !(any = true); });
      if (any || enrolled.role != Role::kCountyRegistrar || enrolled.jurisdiction != county()) {
        throw_error(ErrorKind::kUnauthorized,
                    "actor 0 (the register itself) may only enrol the first county registrar");
      }
    } else {
      authorize(Write::kEnrolActor, enrolled.jurisdiction, std::nullopt);
    }
    const Actor actor{enrolled.actor, enrolled.role, enrolled.jurisdiction, enrolled.name};
    put<ActorsTable>(views_, actor);
  }

  void operator()(const DivisionDefined& division) {
    authorize(Write::kDefineDivision, division.code, std::nullopt);
    const bool open = division.valid_until.days() == 0;
    if (!open && division.valid_until < division.valid_from) {
      throw_invalid("valid_until", day_text(division.valid_until), "before valid_from");
    }
    scan<DivisionsTable>(
        views_,
        [&](const Division& defined) {
          const bool overlaps =
              (open || defined.valid_from <= division.valid_until) &&
              (!defined.valid_until || division.valid_from <= *defined.valid_until);
          if (overlaps) {
            throw_error(ErrorKind::kConflict, "division " + division.code +
                                                  " is already defined for part of that period");
          }
          return true;
        },
        division.code);
    put<DivisionsTable>(views_, {division.code, division.name, division.valid_from,
                                 open ? std::nullopt : std::optional<Date>(division.valid_until)});
  }

  void operator()(const PartyRegistered& party) {
    authorize(Write::kRegisterParty, party.division, std::nullopt);
    require_division(party.division, entry_.effective, "division");
    const bool household = party.kind == PartyKind::kHousehold;
    if (household && party.person_hash.size() != kHashSize) {
      throw_invalid("person_hash", "", "a household is registered with its householder's identity");
    }
    if (!household && !party.person_hash.empty()) {
      throw_invalid("person_hash", name_of(party.kind), "only households carry an identity");
    }
    if (!household && (party.poverty_alleviated || party.monitored || party.unable_to_work)) {
      throw_invalid("flags", name_of(party.kind), "poverty flags belong to households");
    }
    const bool needs_code = !household && party.kind != PartyKind::kVillagerGroup;
    if (needs_code && party.credit_code.empty()) {
      throw_invalid("credit_code", name_of(party.kind),
                    "an organisation is registered with its unified social credit code");
    }
    if (household && !party.credit_code.empty()) {
      throw_invalid("credit_code", party.credit_code, "a household has no credit code");
    }
    if (!party.credit_code.empty() &&
        insert<PartyCodesTable>(views_, {party.credit_code, stamp_.sequence})) {
      throw_error(ErrorKind::kConflict,
                  "credit_code " + party.credit_code + " is already registered");
    }
    if (household && insert<PartyPersonsTable>(views_, {party.person_hash, stamp_.sequence})) {
      throw_error(ErrorKind::kConflict, "this householder is already registered");
    }
    append<PartiesTable>(views_, {stamp_.sequence, party});
  }

  void operator()(const AssetRegistered& registered) {
    const std::string& division = registered.description.division;
    authorize(Write::kRegisterAsset, division, registered.asset_class);
    check_description(registered.asset_class, registered.description);
    if (registered.status == AssetStatus::kPendingDisposal ||
        registered.status == AssetStatus::kDisposed) {
      refuse("status",
             std::string(name_of(registered.status)) + " comes only from the disposal workflow");
    }
    if (!registered.owners.empty()) check_owners(registered.asset_class, registered.owners);
    if (insert<AssetCodesTable>(views_, {registered.code, stamp_.sequence})) {
      throw_error(ErrorKind::kConflict, "code " + registered.code + " is already registered");
    }
    Asset asset;
    advance_asset(asset, entry_, stamp_.sequence);
    store(asset, nullptr);
  }

  void operator()(const AssetStatusChanged& change) {
    Asset asset = existing(change.asset);
    authorize(Write::kChangeStatus, asset.description.division, asset.asset_class);
    if (change.status == AssetStatus::kPendingDisposal || change.status == AssetStatus::kDisposed) {
      refuse("status",
             std::string(name_of(change.status)) + " comes only from the disposal workflow");
    }
    if (change.status == asset.status) {
      throw_invalid("status", name_of(change.status), "the asset already has this status");
    }
    const Asset before = asset;
    advance_asset(asset, entry_, stamp_.sequence);
    store(asset, &before);
  }

  void operator()(const OwnershipConfirmed& confirmed) {
    Asset asset = existing(confirmed.asset);
    authorize(Write::kConfirmOwnership, asset.description.division, asset.asset_class);
    if (confirmed.owners.empty()) throw_invalid("owners", "[]", "name at least one owner");
    check_owners(asset.asset_class, confirmed.owners);
    const Asset before = asset;
    advance_asset(asset, entry_, stamp_.sequence);
    store(asset, &before);
  }

  void operator()(const AssetCorrected& corrected) {
    Asset asset = existing(corrected.asset);
    authorize(Write::kCorrectAsset, asset.description.division, asset.asset_class);
    authorize(Write::kCorrectAsset, corrected.description.division, asset.asset_class);
    if (corrected.corrects != asset.description_sequence) {
      refuse("corrects", "entry " + std::to_string(corrected.corrects) +
                             " is not the one that set the asset's description (entry " +
                             std::to_string(asset.description_sequence) + ")");
    }
    check_description(asset.asset_class, corrected.description);
    const Asset before = asset;
    advance_asset(asset, entry_, stamp_.sequence);
    store(asset, &before);
  }

  void operator()(const RightBound& bound) {
    Asset asset = existing(bound.asset);
    authorize(Write::kBindRight, asset.description.division, asset.asset_class);
    if (bound.right == RightKind::kOwnership) {
      refuse("right", "ownership is confirmed with the owners and their shares, not bound");
    }
    const auto holder = party(bound.party);
    if (!holder) refuse("party", "no party " + std::to_string(bound.party));
    if (bound.right == RightKind::kSupervision && holder->data.kind != PartyKind::kTownship &&
        holder->data.kind != PartyKind::kCountyDepartment) {
      refuse("party", "supervision belongs to the township and the sector department, not a " +
                          std::string(name_of(holder->data.kind)));
    }
    check_period(bound.from, bound.until, false);
    put<AssetRightsTable>(views_, {bound.asset, bound.right, bound.from, bound.party, bound.until});
    touch(asset);
  }

  void operator()(const OperationContracted& c) {
    Asset asset = existing(c.asset);
    authorize(Write::kContractOperation, asset.description.division, asset.asset_class);
    if (asset.asset_class != AssetClass::kOperating) {
      refuse("asset", "operation contracts are for operating assets; " + asset.code + " is " +
                          std::string(name_of(asset.asset_class)));
    }
    if (!party(c.operator_party))
      refuse("operator", "no party " + std::to_string(c.operator_party));
    check_period(c.from, c.until, true);
    if (c.rent_per_year < Money())
      throw_invalid("rent", c.rent_per_year.to_yuan_string(), "negative");
    const bool by_rate = !c.guarantee_rate.is_zero();
    if (by_rate && c.guarantee_per_year != Money()) {
      throw_invalid("guarantee", c.guarantee_per_year.to_yuan_string(),
                    "a guaranteed return is a rate or an amount, not both");
    }
    if (by_rate && c.principal <= Money()) {
      throw_invalid("principal", c.principal.to_yuan_string(),
                    "a guaranteed rate needs a principal");
    }
    if (c.guarantee_per_year < Money() || c.principal < Money()) {
      throw_invalid("guarantee", c.guarantee_per_year.to_yuan_string(), "negative");
    }
    for (std::size_t i = 0; i < c.decided_by.size(); ++i) {
      if (!owns(asset, c.decided_by[i])) {
        refuse("decided_by[" + std::to_string(i) + "]",
               "party " + std::to_string(c.decided_by[i]) + " does not own " + asset.code);
      }
    }
    // A change of operation mode is the owners' decision (docs/rules.md §2): every owner, and
    // recorded by the township (or the registrar) for collectively owned assets.
    const auto current = find<AssetOperationTable>(views_, c.asset);
    if (current && current->mode != c.mode) {
      if (asset.owners.empty())
        refuse("owners", "the owners of " + asset.code + " are unconfirmed");
      for (const OwnerShare& owner : asset.owners) {
        if (std::find(c.decided_by.begin(), c.decided_by.end(), owner.party) ==
            c.decided_by.end()) {
          refuse("decided_by", "changing the operation mode of " + asset.code +
                                   " needs the decision of every owner; party " +
                                   std::to_string(owner.party) + " is missing");
        }
      }
      const Actor actor = acting();
      if (actor.role != Role::kTownshipGovernment && actor.role != Role::kCountyRegistrar) {
        throw_error(ErrorKind::kUnauthorized,
                    "a change of operation mode of a collectively owned asset is recorded by the "
                    "township, not a " +
                        std::string(role_name(actor.role)));
      }
    }
    put<AssetOperationTable>(views_, {c.asset, stamp_.sequence, c.mode, c.until});
    touch(asset);
  }

  void operator()(const MaintenanceBound& m) {
    Asset asset = existing(m.asset);
    authorize(Write::kBindMaintenance, asset.description.division, asset.asset_class);
    if (asset.asset_class == AssetClass::kHousehold) {
      refuse("asset", "a household asset is kept by its household; it takes no binding");
    }
    if (!party(m.party)) refuse("party", "no party " + std::to_string(m.party));
    if (m.inspection_interval_days == 0) {
      throw_invalid("inspection_interval_days", "0", "must be at least one day");
    }
    put<AssetMaintenanceTable>(views_,
                               {m.asset, stamp_.sequence, m.inspection_interval_days, m.from});
    touch(asset);
  }

  void operator()(const Inspected& inspection) {
    Asset asset = existing(inspection.asset);
    authorize(Write::kInspect, asset.description.division, asset.asset_class);
    put<AssetInspectionsTable>(
        views_, {inspection.asset, stamp_.sequence, inspection.condition, entry_.effective});
    touch(asset);
  }

  void operator()(const ValueChanged& change) {
    Asset asset = existing(change.asset);
    authorize(Write::kChangeValue, asset.description.division, asset.asset_class);
    const bool positive =
        change.kind == ValueChangeKind::kImpairment || change.kind == ValueChangeKind::kImprovement;
    if (positive && change.amount <= Money()) {
      throw_invalid("amount", change.amount.to_yuan_string(), "must be positive");
    }
    if (change.kind == ValueChangeKind::kRevaluation && change.amount == Money()) {
      throw_invalid("amount", "0.00", "a revaluation changes the value");
    }
    if (change.kind == ValueChangeKind::kAppraisal &&
        (change.amount < Money() || change.report_hash.empty())) {
      throw_invalid("report_hash", change.amount.to_yuan_string(),
                    "an appraisal records a non-negative value and its report's hash");
    }
    put<AssetValuesTable>(
        views_, {change.asset, stamp_.sequence, change.kind, change.amount, entry_.effective});
    touch(asset);
  }

  void operator()(const DepreciationPlanned& planned) {
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
    touch(asset);
  }

  void operator()(const UnitsRecorded& units) {
    Asset asset = existing(units.asset);
    authorize(Write::kChangeValue, asset.description.division, asset.asset_class);
    const auto plan = find<AssetDepreciationTable>(views_, units.asset);
    if (!plan || plan->method != DepreciationMethod::kUnitsOfProduction) {
      refuse("asset", asset.code + " is not depreciated by units of production");
    }
    const Date month = month_end(units.month, 0);
    if (insert<AssetUnitsTable>(views_, {units.asset, month, units.units})) {
      throw_error(ErrorKind::kConflict, "units of " + asset.code + " for " +
                                            month.to_string().substr(0, 7) +
                                            " are already recorded");
    }
    touch(asset);
  }

  void operator()(const PolicyDefined& policy) {
    authorize(Write::kDefinePolicy, county(), std::nullopt);
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
      throw_error(ErrorKind::kConflict, "policy version " + std::to_string(policy.version) +
                                            " is not the next one (" + std::to_string(latest + 1) +
                                            ")");
    }
    if (latest != 0 && policy.effective_from < latest_from) {
      throw_invalid("effective_from", policy.effective_from.to_string(),
                    "before the previous version's " + latest_from.to_string());
    }
    // The policy itself is kept in the view too, so later rules can read the version in force
    // without the log.
    put<PoliciesTable>(views_, {{policy.version, stamp_.sequence, policy.effective_from}, policy});
  }

  // --- disposal (docs/rules.md §5) --------------------------------------------------------

  void operator()(const DisposalRequested& r) {
    Asset asset = existing(r.asset);
    authorize(Write::kRequestDisposal, asset.description.division, asset.asset_class);
    if (asset.status == AssetStatus::kPendingDisposal) {
      throw_error(ErrorKind::kConflict, "asset " + asset.code + " already has an open disposal");
    }
    if (asset.owners.empty()) {
      refuse("owners", "confirm the ownership of " + asset.code + " before disposing of it");
    }
    const bool state = state_owned(asset);
    const bool state_method = r.method == DisposalMethod::kFreeTransfer ||
                              r.method == DisposalMethod::kDonation ||
                              r.method == DisposalMethod::kExchange;
    if (state_method && !state) {
      refuse("method", std::string(name_of(r.method)) + " is for state-owned assets only");
    }
    if (r.method == DisposalMethod::kAuction || r.method == DisposalMethod::kTransfer) {
      const auto appraisal = find<AssetValuesTable>(views_, r.asset, r.appraisal);
      if (r.appraisal == 0 || !appraisal || appraisal->kind != ValueChangeKind::kAppraisal) {
        refuse("appraisal", std::string(name_of(r.method)) +
                                " needs an appraisal of the asset (entry " +
                                std::to_string(r.appraisal) + " is not one)");
      }
    }
    if (r.method == DisposalMethod::kScrapping) {
      std::optional<Condition> latest;
      scan<AssetInspectionsTable>(
          views_,
          [&](const AssetInspectionsTable::Record& inspection) {
            latest = inspection.condition;
            return true;
          },
          r.asset);
      if (latest != Condition::kUnusable) {
        refuse("method", "scrapping needs an inspection finding " + asset.code +
                             " unusable; the latest finds it " +
                             (latest ? std::string(name_of(*latest)) : "uninspected"));
      }
    }
    Disposal d;
    d.id = stamp_.sequence;
    d.asset = r.asset;
    d.method = r.method;
    d.requester = entry_.actor;
    d.chain = chain_for(asset, state);
    append<DisposalsTable>(views_, d);
    touch(asset);  // advance_asset marks it pending and remembers its status
  }

  void operator()(const DisposalStep& step) {
    Disposal d = open_disposal(step.request);
    Asset asset = existing(d.asset);
    if (d.next_step >= d.chain.size()) {
      refuse("step", "every step of disposal " + std::to_string(d.id) +
                         " is signed; what is left is to execute it");
    }
    if (step.step != d.next_step) {
      refuse("step", "step " + std::to_string(step.step) + " is out of order; the next is " +
                         std::to_string(d.next_step) + " (" +
                         std::string(name_of(d.chain[d.next_step].first)) + ")");
    }
    const auto [kind, village] = d.chain[d.next_step];
    const Actor actor = acting();
    const bool signed_by_actor =
        std::any_of(entry_.approvals.begin(), entry_.approvals.end(),
                    [&](const Approval& a) { return a.signer == actor.id; });
    if (!signed_by_actor) {
      throw_error(ErrorKind::kUnauthorized,
                  "a disposal step carries the acting official's own "
                  "signature; actor " +
                      std::to_string(actor.id) + " did not sign");
    }
    if (std::find(d.signers.begin(), d.signers.end(), actor.id) != d.signers.end()) {
      throw_error(ErrorKind::kUnauthorized, "actor " + std::to_string(actor.id) +
                                                " already signed a step of disposal " +
                                                std::to_string(d.id));
    }
    authorize_step(kind, village, asset, actor);
    const bool approve = step.approve;
    const bool resolves = kind == DisposalStepKind::kAssemblyResolution && approve;
    const bool publishes = kind == DisposalStepKind::kPublicity && approve;
    if (!resolves && step.resolution != 0) {
      throw_invalid("resolution", std::to_string(step.resolution),
                    "only an approving assembly-resolution step names a resolution");
    }
    if (!publishes && step.notice != 0) {
      throw_invalid("notice", std::to_string(step.notice),
                    "only an approving publicity step names a notice");
    }
    if (resolves) {
      Resolution r = resolution(step.resolution);
      if (r.subject != ResolutionSubject::kDisposal || r.disposal != d.id) {
        refuse("resolution", "resolution " + std::to_string(r.id) + " is not on disposal " +
                                 std::to_string(d.id));
      }
      if (r.village != village) {
        refuse("resolution", "resolution " + std::to_string(r.id) + " is of party " +
                                 std::to_string(r.village) + "; this step is party " +
                                 std::to_string(village) + "'s");
      }
      use_resolution(r);
    }
    if (publishes) {
      const Notice n = notice(step.notice);
      if (n.subject != NoticeSubject::kDisposal || n.subject_id != d.id) {
        refuse("notice", "notice " + std::to_string(n.id) + " does not publish disposal " +
                             std::to_string(d.id));
      }
      const std::string where = existing_party(village).data.division;
      if (!division_contains(n.board, where)) {
        refuse("notice", "notice " + std::to_string(n.id) + " is posted in " + n.board +
                             ", not where party " + std::to_string(village) + " (" + where +
                             ") sees it");
      }
      require_run(n);
    }
    d.signers.push_back(actor.id);
    ++d.next_step;
    if (!approve) d.state = Disposal::State::kRejected;  // advance_asset restores the status
    touch(asset);
    put<DisposalsTable>(views_, d);
  }

  void operator()(const DisposalWithdrawn& w) {
    Disposal d = open_disposal(w.request);
    const Actor actor = acting();
    if (actor.id != d.requester && actor.role != Role::kCountyRegistrar) {
      throw_error(ErrorKind::kUnauthorized, "only the requester (actor " +
                                                std::to_string(d.requester) +
                                                ") may withdraw disposal " + std::to_string(d.id));
    }
    d.state = Disposal::State::kWithdrawn;
    put<DisposalsTable>(views_, d);
    Asset asset = existing(d.asset);
    touch(asset);  // advance_asset restores the status
  }

  void operator()(const DisposalExecuted& e) {
    Disposal d = open_disposal(e.request);
    Asset asset = existing(d.asset);
    authorize(Write::kRequestDisposal, asset.description.division, asset.asset_class);
    if (d.next_step != d.chain.size()) {
      refuse("steps", "disposal " + std::to_string(d.id) + " has " +
                          std::to_string(d.chain.size() - d.next_step) +
                          " step(s) left; the next is " +
                          std::string(name_of(d.chain[d.next_step].first)));
    }
    if (e.proceeds < Money()) throw_invalid("proceeds", e.proceeds.to_yuan_string(), "negative");
    d.state = Disposal::State::kExecuted;
    put<DisposalsTable>(views_, d);
    // Proceeds of a collective asset are restricted collective income; of a state asset, they
    // are remitted to the treasury.
    const bool collective = !state_owned(asset);
    put<DisposalProceedsTable>(views_, {d.id, e.proceeds, collective});
    if (collective && e.proceeds > Money()) {
      // Restricted collective income: it may be allocated only to consolidation and rural
      // revitalisation purposes.
      append<IncomesTable>(views_,
                           {stamp_.sequence, asset.id, e.proceeds, entry_.effective, 0, true});
    }
    touch(asset);  // advance_asset marks it disposed
  }

  // --- income (docs/rules.md §4) ----------------------------------------------------------

  void operator()(const IncomeRecorded& income) {
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
    touch(asset);
  }

  void operator()(const BeneficiaryChanged& change) {
    const auto member = party(change.party);
    if (!member || member->data.kind != PartyKind::kHousehold) {
      refuse("party", "a beneficiary list holds households; party " + std::to_string(change.party) +
                          " is not one");
    }
    authorize(Write::kRecordIncome, member->data.division, std::nullopt);
    const auto current = find<BeneficiariesTable>(views_, change.list, change.party);
    if (change.removed.days() == 0) {
      if (change.weight_numerator == 0 || change.weight_denominator == 0) {
        throw_invalid("weight",
                      std::to_string(change.weight_numerator) + "/" +
                          std::to_string(change.weight_denominator),
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

  void operator()(const PlanApproved& plan) {
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

  void operator()(const AllocationRecorded& allocation) {
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
        refuse(field, "income of " + code + ", which party " + std::to_string(plan.owner) +
                          " does not own");
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
              members.back().emplace_back(
                  member.party, Weight{member.weight_numerator, member.weight_denominator});
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
          views_, {stamp_.sequence, r, static_cast<AllocationRowsTable::LineKind>(row.kind),
                   row.line, payee, row.amount});
    }
    append<AllocationsTable>(views_,
                             {stamp_.sequence, allocation.plan, plan.owner, entry_.effective, 0});
  }

  // --- resolutions and notices (docs/rules.md §4, §7) --------------------------------------

  void operator()(const ResolutionAdopted& r) {
    const auto village = party(r.village);
    if (!village || (village->data.kind != PartyKind::kVillageCollective &&
                     village->data.kind != PartyKind::kVillagerGroup)) {
      refuse("village", "a resolution is a village's or villager group's; party " +
                            std::to_string(r.village) + " is not one");
    }
    authorize(Write::kResolve, village->data.division, std::nullopt);
    if (entry_.effective < r.day) {
      throw_invalid("day", r.day.to_string(),
                    "after the entry's effective date " + entry_.effective.to_string());
    }
    // The quorum and majority of the policy in force on the meeting's day.
    const PolicyDefined policy = policy_on(policies_in(views_), r.day);
    const QuorumRule& quorum = policy.quorum(r.meeting);
    check_resolution_counts(name_of(r.meeting), r.eligible, r.present, r.in_favour,
                            quorum.numerator, quorum.denominator, quorum.strict,
                            policy.majority_numerator, policy.majority_denominator);
    if (r.subject == ResolutionSubject::kDisposal) {
      const Disposal d = open_disposal(r.disposal);
      if (!owns(existing(d.asset), r.village)) {
        refuse("village", "party " + std::to_string(r.village) + " does not own the asset of " +
                              "disposal " + std::to_string(d.id));
      }
    } else if (r.disposal != 0) {
      throw_invalid("disposal", std::to_string(r.disposal),
                    "only a resolution on a disposal names one");
    }
    append<ResolutionsTable>(views_, {stamp_.sequence, r.village, r.subject, r.disposal, r.day, 0});
  }

  void operator()(const NoticePosted& n) {
    authorize(Write::kPublish, n.division, std::nullopt);
    if (n.end < n.start) {
      throw_invalid("end", n.end.to_string(), "before the start " + n.start.to_string());
    }
    const std::int32_t days = n.end.days() - n.start.days() + 1;
    const PolicyDefined policy = policy_now();
    if (days < policy.publicity_days) {
      refuse("notice", "a notice of " + std::to_string(days) + " days is shorter than the " +
                           std::to_string(policy.publicity_days) + " the policy requires");
    }
    // Where the subject is seen: the board must be within a division the subject belongs to.
    std::vector<std::string> places;
    switch (n.subject) {
      case NoticeSubject::kProject: {
        const auto subject = find<AssetsTable>(views_, n.subject_id);
        if (!subject) refuse("subject_id", "no asset " + std::to_string(n.subject_id));
        places.push_back(subject->description.division);
        break;
      }
      case NoticeSubject::kAllocationPlan: {
        const Resolution r = resolution(n.subject_id);
        if (r.subject != ResolutionSubject::kAllocationPlan) {
          refuse("subject_id",
                 "resolution " + std::to_string(r.id) + " is not on an allocation plan");
        }
        if (r.used_by != 0) {
          refuse("subject_id", "resolution " + std::to_string(r.id) + " is already in force");
        }
        if (n.start < r.day) {
          refuse("start", "the notice starts before the meeting of " + r.day.to_string() +
                              " adopted the plan");
        }
        places.push_back(existing_party(r.village).data.division);
        break;
      }
      case NoticeSubject::kAllocationResult: {
        auto recorded = find<AllocationsTable>(views_, n.subject_id);
        if (!recorded) refuse("subject_id", "no allocation " + std::to_string(n.subject_id));
        places.push_back(existing_party(recorded->owner).data.division);
        if (recorded->result_notice == 0) {
          recorded->result_notice = stamp_.sequence;
          put<AllocationsTable>(views_, *recorded);
        }
        break;
      }
      case NoticeSubject::kDisposal: {
        const Disposal d = open_disposal(n.subject_id);
        const Asset asset = existing(d.asset);
        places.push_back(asset.description.division);
        for (const OwnerShare& owner : asset.owners) {
          places.push_back(existing_party(owner.party).data.division);
        }
        break;
      }
    }
    const bool seen = std::any_of(places.begin(), places.end(), [&](const std::string& place) {
      return division_contains(n.division, place);
    });
    if (!seen) {
      refuse("division", "a notice in " + n.division + " is not where its " +
                             std::string(name_of(n.subject)) + " (" + places.front() + ") is seen");
    }
    append<NoticesTable>(
        views_, {stamp_.sequence, n.subject, n.subject_id, n.division, n.start, n.end, false});
    put<NoticesBySubjectTable>(views_, {n.subject, n.subject_id, stamp_.sequence});
  }

  void operator()(const ObjectionRecorded& o) {
    Notice n = notice(o.notice);
    authorize(Write::kPublish, n.board, std::nullopt);
    if (o.upheld) {
      n.upheld = true;
      put<NoticesTable>(views_, n);
    }
  }

 private:
  // Disposal proceeds of a collective asset go only to consolidation and rural revitalisation.
  static PurposeRules purposes_of(const PolicyDefined& policy) {
    PurposeRules rules;
    for (const PurposeRule& p : policy.purposes) rules.allowed.push_back(p.name);
    rules.prohibited = policy.prohibited_purposes;
    return rules;
  }

  static void check_restricted_purposes(const PlanApproved& plan, const std::string& field,
                                        const PolicyDefined& policy) {
    auto allowed = [&](const std::string& purpose) {
      return std::any_of(policy.purposes.begin(), policy.purposes.end(), [&](const PurposeRule& p) {
        return p.name == purpose && p.restricted_ok;
      });
    };
    if (!plan.guaranteed.empty()) {
      refuse(field, "disposal proceeds are restricted income and pay no guaranteed returns");
    }
    for (const FixedPlanLine& line : plan.fixed) {
      if (!allowed(line.purpose)) {
        refuse(field,
               "disposal proceeds are restricted to consolidation and rural "
               "revitalisation, not " +
                   line.purpose);
      }
    }
    for (const ProportionalPlanLine& line : plan.proportional) {
      if (!allowed(line.purpose)) {
        refuse(field,
               "disposal proceeds are restricted to consolidation and rural "
               "revitalisation, not " +
                   line.purpose);
      }
    }
  }

  static AllocationPlan to_allocation_plan(
      const PlanApproved& plan,
      const std::vector<std::vector<std::pair<std::uint64_t, Weight>>>& members) {
    AllocationPlan out;
    for (const FixedPlanLine& f : plan.fixed) out.fixed.push_back({f.line, f.purpose, f.amount});
    for (const GuaranteedPlanLine& g : plan.guaranteed) {
      out.guaranteed.push_back(
          {g.line, g.principal, g.rate,
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

  static bool is_state(PartyKind kind) {
    return kind == PartyKind::kTownship || kind == PartyKind::kCountyDepartment ||
           kind == PartyKind::kPlatformCompany;
  }

  bool state_owned(const Asset& asset) {
    return std::all_of(asset.owners.begin(), asset.owners.end(), [&](const OwnerShare& owner) {
      return is_state(existing_party(owner.party).data.kind);
    });
  }

  PolicyDefined policy_now() {
    const std::vector<PolicyDefined> policies = policies_in(views_);
    return policy_on(policies, entry_.effective);
  }

  // The chain fixed at the request (docs/rules.md §5), from the owners and the policy in force.
  std::vector<std::pair<DisposalStepKind, std::uint64_t>> chain_for(const Asset& asset,
                                                                    bool state) {
    const PolicyDefined policy = policy_now();
    std::vector<std::pair<DisposalStepKind, std::uint64_t>> chain;
    ChainOwner kind = ChainOwner::kVillageCollective;
    if (asset.asset_class == AssetClass::kHousehold) {
      kind = ChainOwner::kHousehold;
    } else if (state) {
      kind = ChainOwner::kState;
    } else {
      for (const OwnerShare& owner : asset.owners) {
        const PartyKind owner_kind = existing_party(owner.party).data.kind;
        if (owner_kind != PartyKind::kVillageCollective &&
            owner_kind != PartyKind::kVillagerGroup) {
          refuse("owners", "no approval chain in the policy for an asset owned by a " +
                               std::string(name_of(owner_kind)) + " together with villages");
        }
      }
    }
    const ApprovalChain& rule = policy.chain(kind);
    for (const OwnerShare& owner : asset.owners) {
      for (DisposalStepKind step : rule.per_owner) chain.emplace_back(step, owner.party);
    }
    for (DisposalStepKind step : rule.steps) chain.emplace_back(step, 0);
    if (!rule.above_threshold.empty() &&
        value_in(views_, asset, entry_.effective).book_value > policy.state_approval_threshold) {
      for (DisposalStepKind step : rule.above_threshold) chain.emplace_back(step, 0);
    }
    return chain;
  }

  // Who may sign each kind of step: role, and a jurisdiction over the village or asset.
  void authorize_step(DisposalStepKind kind, std::uint64_t village, const Asset& asset,
                      const Actor& actor) {
    std::string division = asset.description.division;
    if (village != 0) division = existing_party(village).data.division;
    const std::string who = "actor " + std::to_string(actor.id) + " (" +
                            std::string(role_name(actor.role)) + " of " + actor.jurisdiction + ")";
    if (!may_sign_step(actor.role, kind)) {
      throw_error(ErrorKind::kUnauthorized,
                  who + " may not sign the " + std::string(name_of(kind)) + " step");
    }
    if (!division_contains(actor.jurisdiction, division)) {
      throw_error(ErrorKind::kUnauthorized, who + " may not sign the " +
                                                std::string(name_of(kind)) + " step for " +
                                                division + ", outside its jurisdiction");
    }
  }

  using Resolution = ResolutionsTable::Record;
  using Notice = NoticesTable::Record;

  Resolution resolution(std::uint64_t id) {
    auto record = find<ResolutionsTable>(views_, id);
    if (!record) refuse("resolution", "no resolution " + std::to_string(id));
    return std::move(*record);
  }

  // A resolution carries one plan or one step; a second use would count one vote twice.
  void use_resolution(Resolution r) {
    if (r.used_by != 0) {
      throw_error(ErrorKind::kConflict, "resolution " + std::to_string(r.id) +
                                            " was already relied on by entry " +
                                            std::to_string(r.used_by));
    }
    r.used_by = stamp_.sequence;
    put<ResolutionsTable>(views_, r);
  }

  Notice notice(std::uint64_t id) {
    auto record = find<NoticesTable>(views_, id);
    if (!record) refuse("notice", "no notice " + std::to_string(id));
    return std::move(*record);
  }

  // A notice has run when its last day is past, and stands when no objection was upheld.
  void require_run(const Notice& n) {
    if (entry_.effective <= n.end) {
      refuse("notice", "notice " + std::to_string(n.id) + " runs until " + n.end.to_string() +
                           "; what it publishes cannot complete before it has run");
    }
    if (n.upheld) {
      refuse("objection", "an objection to notice " + std::to_string(n.id) + " was upheld");
    }
  }

  Disposal open_disposal(std::uint64_t id) {
    auto record = find<DisposalsTable>(views_, id);
    if (!record) throw_error(ErrorKind::kNotFound, "disposal: no request " + std::to_string(id));
    Disposal d = std::move(*record);
    if (d.state != Disposal::State::kOpen) {
      refuse("disposal", "request " + std::to_string(id) + " is no longer open");
    }
    return d;
  }

  std::string county() const {
    auto record = find<RegisterTable>(views_);
    if (!record) throw_error(ErrorKind::kIntegrityError, "the register has no county");
    return std::move(record->county_code);
  }

  void authorize(Write write, const std::string& division, std::optional<AssetClass> asset_class) {
    const Actor actor = acting();
    auto who = [&] {
      return "actor " + std::to_string(actor.id) + " (" + std::string(role_name(actor.role)) +
             " of " + actor.jurisdiction + ")";
    };
    if (!role_may(actor.role, write, asset_class)) {
      throw_error(ErrorKind::kUnauthorized, who() + " may not " + std::string(write_name(write)));
    }
    if (!division_contains(actor.jurisdiction, division)) {
      throw_error(ErrorKind::kUnauthorized, who() + " may not " + std::string(write_name(write)) +
                                                " in " + division + ", outside its jurisdiction");
    }
  }

  // The division must be in the versioned table and valid on `day`.
  void require_division(const std::string& code, Date day, std::string_view field) {
    bool valid = false;
    scan<DivisionsTable>(
        views_,
        [&](const Division& division) {
          valid =
              division.valid_from <= day && (!division.valid_until || day <= *division.valid_until);
          return !valid;
        },
        code);
    if (!valid) {
      refuse(std::string(field), code + " is not a division in force on " + day_text(day));
    }
  }

  Actor acting() {
    auto actor = find<ActorsTable>(views_, entry_.actor);
    if (!actor) {
      throw_error(ErrorKind::kUnauthorized,
                  "actor " + std::to_string(entry_.actor) + " is not enrolled");
    }
    return std::move(*actor);
  }

  static bool owns(const Asset& asset, std::uint64_t party) {
    return std::any_of(asset.owners.begin(), asset.owners.end(),
                       [&](const OwnerShare& owner) { return owner.party == party; });
  }

  void check_period(Date from, Date until, bool until_required) {
    const bool open = until.days() == 0;
    if (open && until_required) throw_invalid("until", "", "the term needs an end");
    if (!open && until < from) {
      throw_invalid("until", until.to_string(), "before the start " + from.to_string());
    }
  }

  // Records an entry about an asset without changing its state.
  void touch(Asset& asset) {
    const Asset before = asset;
    advance_asset(asset, entry_, stamp_.sequence);
    store(asset, &before);
  }

  std::optional<Party> party(std::uint64_t id) { return find<PartiesTable>(views_, id); }

  // A party the views already name (an owner, a plan's owner): its absence is our bug.
  Party existing_party(std::uint64_t id) {
    auto found = party(id);
    TAIZHANG_ASSERT(found, "party " + std::to_string(id) + " is named but not registered");
    return std::move(*found);
  }

  void check_description(AssetClass asset_class, const AssetDescription& d) {
    if (d.original < Money()) throw_invalid("original", d.original.to_yuan_string(), "negative");
    if (d.quantity_milli < 0) {
      throw_invalid("quantity", std::to_string(d.quantity_milli), "negative");
    }
    Money funded;
    for (std::size_t i = 0; i < d.funding.size(); ++i) {
      if (d.funding[i].amount <= Money()) {
        throw_invalid("funding[" + std::to_string(i) + "].amount",
                      d.funding[i].amount.to_yuan_string(), "must be positive");
      }
      funded += d.funding[i].amount;
    }
    if (funded != d.original) {
      refuse("funding", "the sources sum to " + funded.to_yuan_string() +
                            " yuan but the original value is " + d.original.to_yuan_string());
    }
    if ((d.form == AssetForm::kUseRight) != (d.use_right_years > 0)) {
      throw_invalid("use_right_years", std::to_string(d.use_right_years),
                    "a use right has a term in years, and only a use right has one");
    }
    if (d.form == AssetForm::kEquity) {
      const auto investee = party(d.investee);
      if (!investee || (investee->data.kind != PartyKind::kEnterprise &&
                        investee->data.kind != PartyKind::kCooperative &&
                        investee->data.kind != PartyKind::kPlatformCompany)) {
        refuse("investee",
               "an equity asset names the enterprise or cooperative invested in "
               "(party " +
                   std::to_string(d.investee) + " is not one)");
      }
    } else if (d.investee != 0) {
      throw_invalid("investee", std::to_string(d.investee), "only equity assets have an investee");
    }
    if (asset_class == AssetClass::kHousehold && d.form == AssetForm::kEquity) {
      refuse("form", "a household asset is livestock or a fixed asset, not equity");
    }
    if (entry_.effective < d.completed) {
      throw_invalid("completed", day_text(d.completed),
                    "after the entry's effective date " + day_text(entry_.effective));
    }
    require_division(d.division, d.completed, "division");
  }

  // Exact shares summing to 1, existing distinct parties, and the class rules of docs/rules.md §2.
  void check_owners(AssetClass asset_class, const std::vector<OwnerShare>& owners) {
    std::vector<Share> shares;
    std::vector<PartyKind> kinds;
    shares.reserve(owners.size());
    kinds.reserve(owners.size());
    for (std::size_t i = 0; i < owners.size(); ++i) {
      auto field = [i] { return "owners[" + std::to_string(i) + "]"; };
      const auto record =
          views_.get(PartiesTable::kName, PartiesTable::key(owners[i].party).view());
      if (!record) refuse(field() + ".party", "no party " + std::to_string(owners[i].party));
      for (std::size_t j = 0; j < i; ++j) {
        if (owners[j].party == owners[i].party) {
          throw_invalid(field() + ".party", std::to_string(owners[i].party), "listed twice");
        }
      }
      if (owners[i].share.is_zero()) throw_invalid(field() + ".share", "0", "must be positive");
      shares.push_back(owners[i].share);
      kinds.push_back(PartiesTable::decode_kind(*record));
    }
    if (!shares_sum_to_one(shares)) {
      std::string listed;
      for (const Share& share : shares) listed += (listed.empty() ? "" : " + ") + share.to_string();
      refuse("owners", "shares " + listed + " do not sum to exactly 1");
    }
    const auto count_household = std::count(kinds.begin(), kinds.end(), PartyKind::kHousehold);
    switch (asset_class) {
      case AssetClass::kHousehold:
        if (owners.size() != 1 || kinds[0] != PartyKind::kHousehold) {
          refuse("owners", "a household asset belongs to exactly one household, alone");
        }
        break;
      case AssetClass::kPublicWelfare:
        for (std::size_t i = 0; i < kinds.size(); ++i) {
          const PartyKind kind = kinds[i];
          if (kind != PartyKind::kVillageCollective && kind != PartyKind::kVillagerGroup &&
              kind != PartyKind::kTownship && kind != PartyKind::kCountyDepartment) {
            refuse("owners[" + std::to_string(i) + "]",
                   "a public-welfare asset is owned by village collectives, townships or "
                   "departments, not a " +
                       std::string(name_of(kind)));
          }
        }
        break;
      case AssetClass::kOperating:
        if (count_household == static_cast<std::ptrdiff_t>(owners.size()) && owners.size() == 1) {
          refuse("owners", "an operating asset may not be held by a household alone");
        }
        break;
    }
  }

  Asset existing(std::uint64_t id) {
    auto found = find<AssetsTable>(views_, id);
    if (!found) throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(id));
    Asset asset = std::move(*found);
    if (asset.status == AssetStatus::kDisposed) {
      refuse("disposed", "asset " + asset.code + " is disposed; that is final");
    }
    return asset;
  }

  // Writes the asset and moves its index entries from `before` (null for a new asset).
  void store(const Asset& asset, const Asset* before) {
    if (before == nullptr) {  // a new asset: its id is the newest of all
      append<AssetsTable>(views_, asset);
      append<AssetEntriesTable>(views_, {asset.id, stamp_.sequence});
    } else {
      put<AssetsTable>(views_, asset);
      put<AssetEntriesTable>(views_, {asset.id, stamp_.sequence});
    }
    if (before == nullptr || before->description.division != asset.description.division) {
      if (before != nullptr) {
        erase<AssetsByDivisionTable>(views_, before->description.division, asset.id);
      }
      put<AssetsByDivisionTable>(views_, {asset.description.division, asset.id});
    }
    if (before != nullptr) {
      for (const OwnerShare& owner : before->owners) {
        erase<AssetsByOwnerTable>(views_, owner.party, asset.id);
      }
    }
    for (const OwnerShare& owner : asset.owners) {
      put<AssetsByOwnerTable>(views_, {owner.party, asset.id});
    }
  }

  ViewStore& views_;
  const Entry& entry_;
  const EntryStamp& stamp_;
};

// The state change of advance_asset, one body kind at a time.
struct Advance {
  Asset& asset;
  const Entry& entry;
  std::uint64_t sequence;
  void operator()(const AssetRegistered& b) {
    asset.id = sequence;
    asset.code = b.code;
    asset.asset_class = b.asset_class;
    asset.description = b.description;
    asset.description_sequence = sequence;
    asset.status = b.status;
    asset.owners = b.owners;
    asset.registered_sequence = sequence;
    asset.registered = entry.effective;
  }
  void operator()(const AssetStatusChanged& b) { asset.status = b.status; }
  void operator()(const OwnershipConfirmed& b) { asset.owners = b.owners; }
  void operator()(const AssetCorrected& b) {
    asset.description = b.description;
    asset.description_sequence = sequence;
  }
  void operator()(const DisposalRequested&) {
    asset.status_before_disposal = asset.status;
    asset.status = AssetStatus::kPendingDisposal;
  }
  void operator()(const DisposalStep& b) {
    if (!b.approve) asset.status = asset.status_before_disposal;
  }
  void operator()(const DisposalWithdrawn&) { asset.status = asset.status_before_disposal; }
  void operator()(const DisposalExecuted&) { asset.status = AssetStatus::kDisposed; }
  template <typename Other>
  void operator()(const Other&) {}
};

class RegisterFold final : public Fold {
 public:
  std::vector<std::string> tables() const override { return view_table_names(); }

  void apply(ViewStore& views, const Entry& entry, const EntryStamp& stamp) const override {
    std::visit(Applier(views, entry, stamp), entry.body);
  }
};

}  // namespace

bool may_sign_step(Role role, DisposalStepKind kind) {
  switch (kind) {
    case DisposalStepKind::kHouseholdDeclaration:
    case DisposalStepKind::kCommitteeProposal:
    case DisposalStepKind::kPublicity:
      return role == Role::kVillageCommittee;
    case DisposalStepKind::kAssemblyResolution:
      return role == Role::kVillageCommittee || role == Role::kVillageAssembly;
    case DisposalStepKind::kTownshipApproval:
      return role == Role::kTownshipGovernment;
    case DisposalStepKind::kRuralRevitalizationConsent:
      return role == Role::kCountyRuralRevitalization;
    case DisposalStepKind::kFinanceConsent:
    case DisposalStepKind::kFinanceApproval:
      return role == Role::kCountyFinance;
    case DisposalStepKind::kDepartmentProposal:
      return role == Role::kSectorDepartment || role == Role::kTownshipGovernment;
    case DisposalStepKind::kGovernmentApproval:
      return role == Role::kCountyGovernment;
  }
  return false;
}

void advance_asset(Asset& asset, const Entry& entry, std::uint64_t sequence) {
  std::visit(Advance{asset, entry, sequence}, entry.body);
  asset.last_sequence = sequence;
}

}  // namespace domain

std::shared_ptr<const Fold> register_fold() {
  static const auto fold = std::make_shared<const domain::RegisterFold>();
  return fold;
}

}  // namespace taizhang

// The fold for disposal (docs/rules.md §5): requests, the chain of signed steps, withdrawal and
// execution.
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

// --- disposal (docs/rules.md §5) --------------------------------------------------------
void Applier::operator()(const DisposalRequested& r) {
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
  // An idle operating asset's change of use is a trigger for operating assets only.
  if (r.trigger == DisposalTrigger::kIdleChangeOfUse &&
      asset.asset_class != AssetClass::kOperating) {
    refuse("trigger", "idle_change_of_use is for operating assets; " + asset.code + " is " +
                          std::string(name_of(asset.asset_class)));
  }
  // An auction or a transfer rests on a recent appraisal; a household sells its own without one.
  if ((r.method == DisposalMethod::kAuction || r.method == DisposalMethod::kTransfer) &&
      asset.asset_class != AssetClass::kHousehold) {
    const auto appraisal = find<AssetValuesTable>(views_, r.asset, r.appraisal);
    if (r.appraisal == 0 || !appraisal || appraisal->kind != ValueChangeKind::kAppraisal) {
      refuse("appraisal", std::string(name_of(r.method)) +
                              " needs an appraisal of the asset (entry " +
                              std::to_string(r.appraisal) + " is not one)");
    }
    const PolicyDefined policy = policy_now();
    const Date expires = month_end(appraisal->day, policy.appraisal_valid_months);
    if (expires < entry_.effective) {
      refuse("appraisal", "the appraisal of " + appraisal->day.to_string() + " (entry " +
                              std::to_string(r.appraisal) + ") is older than the policy's " +
                              std::to_string(policy.appraisal_valid_months) + " months");
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
  advance(asset);  // advance_asset marks it pending and remembers its status
}

void Applier::operator()(const DisposalStep& step) {
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
  const bool signed_by_actor = std::any_of(entry_.approvals.begin(), entry_.approvals.end(),
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
      refuse("resolution",
             "resolution " + std::to_string(r.id) + " is not on disposal " + std::to_string(d.id));
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
  advance(asset);
  put<DisposalsTable>(views_, d);
}

void Applier::operator()(const DisposalWithdrawn& w) {
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
  advance(asset);  // advance_asset restores the status
}

void Applier::operator()(const DisposalExecuted& e) {
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
  // Proceeds follow the owners (docs/rules.md §5): split by share like income; a collective
  // owner's part is restricted income for its plan for proceeds, a state owner's is remitted to
  // the treasury, a household's (or enterprise's) is its own.
  const bool collective = !state_owned(asset);
  put<DisposalProceedsTable>(views_, {d.id, e.proceeds, collective});
  if (e.proceeds > Money()) {
    record_parts(asset, e.proceeds, entry_.effective, entry_.effective, true);
  }
  advance(asset);  // advance_asset marks it disposed
}

bool Applier::is_state(PartyKind kind) {
  return kind == PartyKind::kTownship || kind == PartyKind::kCountyDepartment ||
         kind == PartyKind::kPlatformCompany;
}

bool Applier::state_owned(const Asset& asset) {
  return std::all_of(asset.owners.begin(), asset.owners.end(), [&](const OwnerShare& owner) {
    return is_state(existing_party(owner.party).data.kind);
  });
}

// The chain fixed at the request (docs/rules.md §5), from the owners and the policy in force.
std::vector<std::pair<DisposalStepKind, std::uint64_t>> Applier::chain_for(const Asset& asset,
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
      if (owner_kind != PartyKind::kVillageCollective && owner_kind != PartyKind::kVillagerGroup) {
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
  if (!rule.above_threshold.empty()) {
    // The threshold's basis and whether a value equal to it reaches it are policy data.
    const Money value = policy.state_threshold_basis == ThresholdBasis::kOriginal
                            ? asset.description.original
                            : value_in(views_, asset, entry_.effective).book_value;
    const bool above = policy.state_threshold_inclusive ? !(value < policy.state_approval_threshold)
                                                        : policy.state_approval_threshold < value;
    if (above) {
      for (DisposalStepKind step : rule.above_threshold) chain.emplace_back(step, 0);
    }
  }
  return chain;
}

Disposal Applier::open_disposal(std::uint64_t id) {
  auto record = find<DisposalsTable>(views_, id);
  if (!record) throw_error(ErrorKind::kNotFound, "disposal: no request " + std::to_string(id));
  Disposal d = std::move(*record);
  if (d.state != Disposal::State::kOpen) {
    refuse("disposal", "request " + std::to_string(id) + " is no longer open");
  }
  return d;
}

}  // namespace taizhang::domain

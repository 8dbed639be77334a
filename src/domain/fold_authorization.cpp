// Who may write what, and where (docs/rules.md §8): roles, jurisdictions and disposal steps.
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

namespace {

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
                                         "approve an allocation plan",
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
             write == Write::kApprovePlan || write == Write::kChangeStatus ||
             write == Write::kContractOperation || write == Write::kBindMaintenance ||
             write == Write::kInspect || write == Write::kResolve || write == Write::kPublish;
    case Role::kCountyRuralRevitalization:
      // The bureau records the plans of state owners: its signature is its consent.
      return write == Write::kApprovePlan;
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

}  // namespace

// Who may sign each kind of step: role, and a jurisdiction over the village or asset.
void Applier::authorize_step(DisposalStepKind kind, std::uint64_t village, const Asset& asset,
                             const Actor& actor) {
  std::string division = asset.description.division;
  if (village != 0) division = existing_party(village).data.division;
  const std::string who = "actor " + std::to_string(actor.id) + " (" +
                          std::string(role_name(actor.role)) + " of " + actor.jurisdiction + ")";
  if (!may_sign_step(actor.role, kind)) {
    throw_error(ErrorKind::kUnauthorized,
                who + " may not sign the " + std::string(name_of(kind)) + " step");
  }
  // An owner's proposal is its own unit's: its township, or the department it is enrolled for.
  if (kind == DisposalStepKind::kDepartmentProposal && village != 0 &&
      !acts_for(actor, existing_party(village))) {
    throw_error(ErrorKind::kUnauthorized,
                who + " does not act for party " + std::to_string(village) + " (" +
                    existing_party(village).data.name + "), whose proposal this step is");
  }
  if (!division_contains(actor.jurisdiction, division)) {
    throw_error(ErrorKind::kUnauthorized, who + " may not sign the " + std::string(name_of(kind)) +
                                              " step for " + division +
                                              ", outside its jurisdiction");
  }
}

void Applier::authorize(Write write, const std::string& division,
                        std::optional<AssetClass> asset_class) {
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

bool Applier::acts_for(const Actor& actor, const Party& party) {
  if (actor.party != 0) return actor.party == party.id;
  const bool over = division_contains(actor.jurisdiction, party.data.division);
  switch (party.data.kind) {
    case PartyKind::kHousehold:
    case PartyKind::kVillageCollective:
    case PartyKind::kVillagerGroup:
      return over && actor.role == Role::kVillageCommittee;
    case PartyKind::kCooperative:
      return over && actor.role == Role::kVillageCommittee;
    case PartyKind::kTownship:
      return over && actor.role == Role::kTownshipGovernment;
    default:
      return false;  // departments, platform companies and enterprises: only their own actors
  }
}

Actor Applier::acting() {
  auto actor = find<ActorsTable>(views_, entry_.actor);
  if (!actor) {
    throw_error(ErrorKind::kUnauthorized,
                "actor " + std::to_string(entry_.actor) + " is not enrolled");
  }
  return std::move(*actor);
}

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

}  // namespace taizhang::domain

// Who may write what, and where (docs/rules.md §8): roles, jurisdictions and disposal steps.
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

// The same writes in Chinese, for the messages county staff read.
std::string_view write_name_zh(Write write) {
  constexpr std::string_view kNames[] = {
      "登记经办人员",     "设定行政区划", "登记主体",          "登记资产",       "变更资产状态",
      "确认产权",         "更正资产信息", "绑定权利",          "登记经营合同",   "绑定管护",
      "登记巡查",         "变更资产价值", "设置政策",          "申请或执行处置", "登记或分配收益",
      "批准收益分配方案", "登记决议",     "发布公示或登记异议"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(Write::kPublish) + 1,
                "a Chinese name for every kind of write");
  return kNames[static_cast<int>(write)];
}

// "人员 3（村民委员会，辖区 520122001）": the actor as county staff name it.
std::string who_zh(const Actor& actor) {
  return "人员 " + std::to_string(actor.id) + "（" + std::string(chinese_name(actor.role)) +
         "，辖区 " + actor.jurisdiction + "）";
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
                who + " may not sign the " + std::string(name_of(kind)) + " step",
                who_zh(actor) + "无权签署“" + std::string(chinese_name(kind)) + "”审批环节");
  }
  // An owner's proposal is its own unit's: its township, or the department it is enrolled for.
  if (kind == DisposalStepKind::kDepartmentProposal && village != 0 &&
      !acts_for(actor, existing_party(village))) {
    throw_error(ErrorKind::kUnauthorized,
                who + " does not act for party " + std::to_string(village) + " (" +
                    existing_party(village).data.name + "), whose proposal this step is",
                who_zh(actor) + "不代表主体 " + std::to_string(village) + "（" +
                    existing_party(village).data.name + "），不能签署该主体的“" +
                    std::string(chinese_name(kind)) + "”审批环节");
  }
  if (!division_contains(actor.jurisdiction, division)) {
    throw_error(ErrorKind::kUnauthorized,
                who + " may not sign the " + std::string(name_of(kind)) + " step for " + division +
                    ", outside its jurisdiction",
                who_zh(actor) + "不能签署区划 " + division + " 的“" +
                    std::string(chinese_name(kind)) + "”审批环节：该区划不在其辖区内");
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
    throw_error(ErrorKind::kUnauthorized, who() + " may not " + std::string(write_name(write)),
                who_zh(actor) + "的角色无权" + std::string(write_name_zh(write)) +
                    (actor.role == Role::kSectorDepartment
                         ? "：行业主管部门只办理公益性资产的登记、状态变更、管护、巡查和处置申请"
                         : ""));
  }
  if (!division_contains(actor.jurisdiction, division)) {
    throw_error(ErrorKind::kUnauthorized,
                who() + " may not " + std::string(write_name(write)) + " in " + division +
                    ", outside its jurisdiction",
                who_zh(actor) + "不能在区划 " + division + " " + std::string(write_name_zh(write)) +
                    "：该区划不在其辖区内");
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
                "actor " + std::to_string(entry_.actor) + " is not enrolled",
                "人员 " + std::to_string(entry_.actor) + " 未登记为经办人员，不能写入台账");
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

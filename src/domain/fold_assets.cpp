// The fold for places, parties and assets: the division table, actors' enrolment, parties,
// registration, status, ownership (docs/rules.md §1, §2, §8), rights, operation and maintenance.
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

void Applier::operator()(const RegisterInitialized& init) {
  put<RegisterTable>(views_, {init.county_code});
}

void Applier::operator()(const ActorKeyEnrolled& enrolled) {
  check_division_code(enrolled.jurisdiction, "jurisdiction");
  if (!division_contains(county(), enrolled.jurisdiction)) {
    refuse("jurisdiction", enrolled.jurisdiction + " is outside the county " + county(),
           "辖区 " + enrolled.jurisdiction + " 不在本县（区划代码 " + county() +
               "）范围内：经办人员的辖区须是本县或本县下辖的乡镇、村");
  }
  bool bootstrap = entry_.actor == 0;
  if (bootstrap) {
    bool any = false;
    views_.scan(ActorsTable::kName, {}, [&](ByteView, ByteView) { return !(any = true); });
    if (any || enrolled.role != Role::kCountyRegistrar || enrolled.jurisdiction != county()) {
      throw_error(ErrorKind::kUnauthorized,
                  "actor 0 (the register itself) may only enrol the first county registrar",
                  "人员 0（台账本身）只能登记第一位县级登记员，辖区为本县；其他经办人员须由"
                  "有权限的经办人员登记");
    }
  } else {
    authorize(Write::kEnrolActor, enrolled.jurisdiction, std::nullopt);
  }
  if (enrolled.party != 0) {
    const Party unit = existing_party(enrolled.party);
    if (!division_contains(enrolled.jurisdiction, unit.data.division)) {
      refuse("party",
             "party " + std::to_string(enrolled.party) + " (" + unit.data.division +
                 ") is outside the actor's jurisdiction " + enrolled.jurisdiction,
             "主体 " + std::to_string(enrolled.party) + "（" + unit.data.name + "，区划代码 " +
                 unit.data.division + "）不在该经办人员的辖区 " + enrolled.jurisdiction + " 内");
    }
  }
  const Actor actor{enrolled.actor, enrolled.role, enrolled.jurisdiction, enrolled.name,
                    enrolled.party};
  put<ActorsTable>(views_, actor);
}

void Applier::operator()(const DivisionDefined& division) {
  authorize(Write::kDefineDivision, division.code, std::nullopt);
  const bool open = division.valid_until.days() == 0;
  if (!open && division.valid_until < division.valid_from) {
    throw_invalid("valid_until", day_text(division.valid_until), "before valid_from",
                  "失效日期早于生效日期 " + day_text(division.valid_from));
  }
  scan<DivisionsTable>(
      views_,
      [&](const Division& defined) {
        const bool overlaps = (open || defined.valid_from <= division.valid_until) &&
                              (!defined.valid_until || division.valid_from <= *defined.valid_until);
        if (overlaps) {
          throw_error(
              ErrorKind::kConflict,
              "division " + division.code + " is already defined for part of that period",
              "区划代码 " + division.code +
                  " 在这段有效期内已有定义：同一区划的有效期不能重叠，请先核对已登记的有效期");
        }
        return true;
      },
      division.code);
  put<DivisionsTable>(views_, {division.code, division.name, division.valid_from,
                               open ? std::nullopt : std::optional<Date>(division.valid_until)});
}

void Applier::operator()(const PartyRegistered& party) {
  authorize(Write::kRegisterParty, party.division, std::nullopt);
  require_division(party.division, entry_.effective, "division");
  const bool household = party.kind == PartyKind::kHousehold;
  if (household && party.person_hash.size() != kHashSize) {
    throw_invalid("person_hash", "", "a household is registered with its householder's identity",
                  "登记农户须填写户主的身份信息");
  }
  if (!household && !party.person_hash.empty()) {
    throw_invalid(
        "person_hash", name_of(party.kind), "only households carry an identity",
        "只有农户登记户主身份信息，" + std::string(chinese_name(party.kind)) + "不填此项");
  }
  if (!household && (party.poverty_alleviated || party.monitored || party.unable_to_work)) {
    throw_invalid("flags", name_of(party.kind), "poverty flags belong to households",
                  "脱贫户、监测对象、无劳动能力等标识只用于农户，" +
                      std::string(chinese_name(party.kind)) + "不能标记");
  }
  const bool needs_code = !household && party.kind != PartyKind::kVillagerGroup;
  if (needs_code && party.credit_code.empty()) {
    throw_invalid("credit_code", name_of(party.kind),
                  "an organisation is registered with its unified social credit code",
                  std::string(chinese_name(party.kind)) + "须填写统一社会信用代码后登记");
  }
  if (household && !party.credit_code.empty()) {
    throw_invalid("credit_code", party.credit_code, "a household has no credit code",
                  "农户没有统一社会信用代码，此项不填");
  }
  if (!party.credit_code.empty() &&
      insert<PartyCodesTable>(views_, {party.credit_code, stamp_.sequence})) {
    throw_error(ErrorKind::kConflict, "credit_code " + party.credit_code + " is already registered",
                "统一社会信用代码 " + party.credit_code + " 已登记过，同一主体不能重复登记");
  }
  if (household && insert<PartyPersonsTable>(views_, {party.person_hash, stamp_.sequence})) {
    throw_error(ErrorKind::kConflict, "this householder is already registered",
                "该户主已登记为农户，不能重复登记");
  }
  append<PartiesTable>(views_, {stamp_.sequence, party});
}

void Applier::operator()(const AssetRegistered& registered) {
  const std::string& division = registered.description.division;
  authorize(Write::kRegisterAsset, division, registered.asset_class);
  check_description(registered.asset_class, registered.description);
  if (registered.status == AssetStatus::kPendingDisposal ||
      registered.status == AssetStatus::kDisposed) {
    refuse("status",
           std::string(name_of(registered.status)) + " comes only from the disposal workflow",
           "“" + std::string(chinese_name(registered.status)) +
               "”状态只能由处置流程产生，登记资产时不能直接填写：请以在用、闲置等状态登记");
  }
  // 出租 says a lease is in force, and a lease needs a contract (with the villages' resolution
  // where they own it): an asset is registered in another status and leased by its contract.
  if (registered.status == AssetStatus::kLeased) {
    refuse("status",
           "leased follows a lease contract: register " + registered.code +
               " in use or idle, then record its lease (operation contract) and the status",
           "“出租”须有在期的出租合同：请先以在用或闲置登记资产 " + registered.code +
               "，再登记出租合同（经营合同），然后变更状态");
  }
  if (!registered.owners.empty()) check_owners(registered.asset_class, registered.owners);
  if (insert<AssetCodesTable>(views_, {registered.code, stamp_.sequence})) {
    throw_error(ErrorKind::kConflict, "code " + registered.code + " is already registered",
                "资产编号 " + registered.code + " 已登记过，不能重复登记：请核对资产编号");
  }
  Asset asset;
  advance_asset(asset, entry_, stamp_.sequence);
  store(asset, nullptr);
}

void Applier::operator()(const AssetStatusChanged& change) {
  Asset asset = existing(change.asset);
  authorize(Write::kChangeStatus, asset.description.division, asset.asset_class);
  if (change.status == AssetStatus::kPendingDisposal || change.status == AssetStatus::kDisposed) {
    refuse("status", std::string(name_of(change.status)) + " comes only from the disposal workflow",
           "“" + std::string(chinese_name(change.status)) + "”状态只能由处置流程产生，资产 " +
               asset.code + " 不能直接变更为该状态：请提出处置申请");
  }
  if (change.status == asset.status) {
    throw_invalid("status", name_of(change.status), "the asset already has this status",
                  "资产 " + asset.code + " 的状态已是“" + std::string(chinese_name(change.status)) +
                      "”，无须变更");
  }
  if (change.status == AssetStatus::kLeased) require_lease(asset);
  advance(asset);
}

// The status 出租 only while a lease contract is in force on the entry's day (its term from
// the first day to the last): the register never says an asset is leased that no contract leases.
void Applier::require_lease(const Asset& asset) {
  const Date day = entry_.effective;
  const auto current = find<AssetOperationTable>(views_, asset.id);
  bool in_force = false;
  if (current && current->mode == OperationMode::kLeased) {
    const auto contract = find<AssetContractsTable>(views_, asset.id, current->sequence);
    in_force = contract && contract->contract.from <= day && day <= contract->contract.until;
  }
  if (!in_force) {
    refuse("status",
           asset.code + " has no lease contract in force on " + day_text(day) +
               ": record the lease (operation contract, mode leased) first",
           "资产 " + asset.code + " 在 " + day_text(day) +
               " 没有在期的出租合同，不能标为“出租”：请先登记出租合同（经营方式为出租）");
  }
}

void Applier::operator()(const OwnershipConfirmed& confirmed) {
  Asset asset = existing(confirmed.asset);
  authorize(Write::kConfirmOwnership, asset.description.division, asset.asset_class);
  if (confirmed.owners.empty()) {
    throw_invalid("owners", "[]", "name at least one owner", "确权须至少填写一个产权主体");
  }
  check_owners(asset.asset_class, confirmed.owners);
  // Ownership is confirmed once; it changes only by a procedure (docs/rules.md §2), never by
  // a plain rewrite.
  if (!asset.owners.empty() && !same_owners(asset.owners, confirmed.owners)) {
    refuse("owners",
           asset.code +
               " has confirmed owners; they change only by a handover, a disposal or "
               "a correction approved by the disposal chain, not by a confirmation",
           "资产 " + asset.code +
               " 的产权主体已经确认，不能再以确权改变：产权主体只能通过移交、处置，"
               "或经处置审批环节批准的产权更正来变更");
  }
  advance(asset);
}

void Applier::operator()(const AssetHandedOver& handover) {
  Asset asset = existing(handover.asset);
  // Written by the side handing it over: an actor over every owner it has (or over the asset's
  // place while it has none).
  const Actor actor = acting();
  if (asset.owners.empty()) {
    authorize(Write::kConfirmOwnership, asset.description.division, asset.asset_class);
  }
  for (const OwnerShare& owner : asset.owners) {
    authorize(Write::kConfirmOwnership, existing_party(owner.party).data.division,
              asset.asset_class);
  }
  if (asset.status == AssetStatus::kDisposed || asset.status == AssetStatus::kPendingDisposal) {
    refuse("asset",
           asset.code + " is " + std::string(name_of(asset.status)) + ": it cannot be handed over",
           "资产 " + asset.code + " 的状态为“" + std::string(chinese_name(asset.status)) +
               "”，不能移交");
  }
  if (handover.to.empty()) {
    throw_invalid("to", "[]", "name the receiving owners", "移交须填写接收方的产权主体");
  }
  check_owners(asset.asset_class, handover.to);
  if (same_owners(asset.owners, handover.to)) {
    refuse("to", asset.code + " already belongs to these owners",
           "资产 " + asset.code + " 已属于这些产权主体（份额相同），无须移交");
  }
  if (handover.accepted.days() == 0) {
    throw_invalid("accepted", "", "give the day of acceptance", "移交须填写验收日期");
  }
  if (entry_.effective < handover.accepted) {
    throw_invalid(
        "accepted", handover.accepted.to_string(),
        "after the handover's date " + entry_.effective.to_string() +
            ": a project is handed over after its acceptance",
        "验收日期晚于移交日期 " + entry_.effective.to_string() + "：项目须先验收、后移交");
  }
  if (handover.accepted < asset.description.completed) {
    throw_invalid("accepted", handover.accepted.to_string(),
                  "before the asset's completion on " + asset.description.completed.to_string(),
                  "验收日期早于资产 " + asset.code + " 的竣工日期 " +
                      asset.description.completed.to_string());
  }
  if (handover.book_value < Money()) {
    throw_invalid("book_value", handover.book_value.to_yuan_string(), "negative",
                  "移交时的账面价值不能为负数");
  }
  // Signed by both sides: each receiving owner's side approves (an actor over it other than the
  // writer), and the county bureau consents.
  std::vector<Actor> approvers;
  for (const Approval& a : entry_.approvals) {
    if (auto approver = find<ActorsTable>(views_, a.signer)) approvers.push_back(*approver);
  }
  for (std::size_t i = 0; i < handover.to.size(); ++i) {
    const Party receiver = existing_party(handover.to[i].party);
    const bool approved =
        std::any_of(approvers.begin(), approvers.end(), [&](const Actor& approver) {
          // The receiver's own officials: its village's, township's or department's (the
          // bureau's consent is separate, and the writer signs for the giving side).
          const bool receivers_side =
              approver.role == Role::kVillageCommittee || approver.role == Role::kVillageAssembly ||
              approver.role == Role::kTownshipGovernment ||
              approver.role == Role::kSectorDepartment || approver.role == Role::kHousehold;
          return approver.id != actor.id && receivers_side &&
                 division_contains(approver.jurisdiction, receiver.data.division);
        });
    if (!approved) {
      throw_error(ErrorKind::kUnauthorized,
                  "to[" + std::to_string(i) + "]: the receiving side (party " +
                      std::to_string(receiver.id) + ", " + receiver.data.name +
                      ") has not signed the handover: an approval by an official over " +
                      receiver.data.division + " is needed",
                  "接收方（主体 " + std::to_string(receiver.id) + "，" + receiver.data.name +
                      "）尚未在移交记录上签署：须由辖区包含 " + receiver.data.division +
                      " 的接收方经办人员（村民委员会、乡镇人民政府或行业主管部门等）签署同意（to[" +
                      std::to_string(i) + "]）");
    }
  }
  if (std::none_of(approvers.begin(), approvers.end(), [](const Actor& approver) {
        return approver.role == Role::kCountyRuralRevitalization;
      })) {
    throw_error(ErrorKind::kUnauthorized,
                "a handover needs the county rural-revitalisation bureau's consent: its "
                "approval on the entry",
                "资产移交须经县乡村振兴局同意：请由县乡村振兴局在本条记录上签署同意");
  }
  // The giver's regime values the asset until the handover; the receivers' from then on.
  const PartyKind before = asset.owners.empty()
                               ? PartyKind::kVillageCollective
                               : existing_party(asset.owners.front().party).data.kind;
  put<AssetHandoversTable>(
      views_, {asset.id, stamp_.sequence, entry_.effective, handover.book_value, before});
  advance(asset);
}

bool Applier::same_owners(const std::vector<OwnerShare>& a, const std::vector<OwnerShare>& b) {
  if (a.size() != b.size()) return false;
  for (const OwnerShare& owner : a) {
    const bool found = std::any_of(b.begin(), b.end(), [&](const OwnerShare& other) {
      return other.party == owner.party && other.share == owner.share;
    });
    if (!found) return false;
  }
  return true;
}

void Applier::operator()(const AssetCorrected& corrected) {
  Asset asset = existing(corrected.asset);
  authorize(Write::kCorrectAsset, asset.description.division, asset.asset_class);
  authorize(Write::kCorrectAsset, corrected.description.division, asset.asset_class);
  if (corrected.corrects != asset.description_sequence) {
    refuse("corrects",
           "entry " + std::to_string(corrected.corrects) +
               " is not the one that set the asset's description (entry " +
               std::to_string(asset.description_sequence) + ")",
           "资产 " + asset.code + " 当前的登记信息由第 " +
               std::to_string(asset.description_sequence) + " 条记录设定，不是第 " +
               std::to_string(corrected.corrects) + " 条记录：更正须针对当前登记信息所在的记录");
  }
  check_description(asset.asset_class, corrected.description);
  advance(asset);
}

void Applier::operator()(const RightBound& bound) {
  Asset asset = existing(bound.asset);
  authorize(Write::kBindRight, asset.description.division, asset.asset_class);
  if (bound.right == RightKind::kOwnership) {
    refuse("right", "ownership is confirmed with the owners and their shares, not bound",
           "所有权通过确权登记产权主体及其份额，不能作为权利绑定");
  }
  const auto holder = party(bound.party);
  if (!holder) {
    refuse("party", "no party " + std::to_string(bound.party),
           "主体 " + std::to_string(bound.party) + " 未登记，不能持有资产 " + asset.code + " 的" +
               std::string(chinese_name(bound.right)));
  }
  // Supervision belongs to the township, the sector department and the village's supervision
  // committee (of the asset's village or an owning village's); only supervision goes to a
  // committee.
  const bool committee = holder->data.kind == PartyKind::kSupervisionCommittee;
  if (bound.right == RightKind::kSupervision && holder->data.kind != PartyKind::kTownship &&
      holder->data.kind != PartyKind::kCountyDepartment && !committee) {
    refuse("party",
           "supervision belongs to the township, the sector department and the village's "
           "supervision committee, not a " +
               std::string(name_of(holder->data.kind)),
           "监督权只能由乡镇、县直部门或村务监督委员会持有，不能交给" +
               std::string(chinese_name(holder->data.kind)) + "（主体 " +
               std::to_string(bound.party) + "）");
  }
  if (committee && bound.right != RightKind::kSupervision) {
    refuse(
        "party",
        "a supervision committee holds supervision only, not " + std::string(name_of(bound.right)),
        "村务监督委员会只持有监督权，不能持有" + std::string(chinese_name(bound.right)));
  }
  if (committee) {
    const std::string& village = holder->data.division;
    bool ours = village == asset.description.division;
    for (const OwnerShare& owner : asset.owners) {
      ours = ours || existing_party(owner.party).data.division == village;
    }
    if (!ours) {
      refuse("party",
             "the supervision committee of " + village + " is not of " + asset.code +
                 "'s village (" + asset.description.division + ") nor an owner's",
             "区划 " + village + " 的村务监督委员会既不属于资产 " + asset.code +
                 " 所在村（区划代码 " + asset.description.division +
                 "），也不属于其产权主体所在村，不能监督该资产");
    }
  }
  check_period(bound.from, bound.until, false);
  // Income and disposal rights move money and decisions away from the owners: every owner
  // consents, by an official acting for it that writes or signs the entry.
  if (bound.right == RightKind::kIncome || bound.right == RightKind::kDisposal) {
    if (asset.owners.empty()) {
      refuse("asset", asset.code + " has no confirmed owners to bind for",
             "资产 " + asset.code + " 尚未确认产权主体，不能绑定" +
                 std::string(chinese_name(bound.right)) + "：请先确权");
    }
    const Actor writer = acting();
    for (const OwnerShare& owner : asset.owners) {
      const Party p = existing_party(owner.party);
      const bool consents =
          acts_for(writer, p) ||
          std::any_of(entry_.approvals.begin(), entry_.approvals.end(), [&](const Approval& a) {
            const auto approver = find<ActorsTable>(views_, a.signer);
            return approver && acts_for(*approver, p);
          });
      if (!consents) {
        throw_error(ErrorKind::kUnauthorized,
                    "the " + std::string(name_of(bound.right)) + " right of " + asset.code +
                        " is bound only with the consent of its owner party " +
                        std::to_string(p.id) + " (" + p.data.name +
                        "): an official acting for it writes or signs the entry",
                    "资产 " + asset.code + " 的" + std::string(chinese_name(bound.right)) +
                        "须经产权主体 " + std::to_string(p.id) + "（" + p.data.name +
                        "）同意才能绑定：请由代表该主体的经办人员填写或签署本条记录");
      }
    }
  }
  put<AssetRightsTable>(views_, {bound.asset, bound.right, bound.from, bound.party, bound.until});
  advance(asset);
}

void Applier::operator()(const OperationContracted& c) {
  Asset asset = existing(c.asset);
  authorize(Write::kContractOperation, asset.description.division, asset.asset_class);
  // Operating assets are run under contracts; a public-welfare asset may be entrusted to an
  // operator (委托运营 of water works) and nothing else.
  const bool entrusted_welfare =
      asset.asset_class == AssetClass::kPublicWelfare && c.mode == OperationMode::kEntrusted;
  if (asset.asset_class != AssetClass::kOperating && !entrusted_welfare) {
    refuse("asset",
           "operation contracts are for operating assets (a public-welfare asset may "
           "only be entrusted); " +
               asset.code + " is " + std::string(name_of(asset.asset_class)),
           "经营合同只用于经营性资产（公益性资产只能委托经营）；资产 " + asset.code + " 是" +
               std::string(chinese_name(asset.asset_class)) + "资产");
  }
  if (!party(c.operator_party)) {
    refuse(
        "operator", "no party " + std::to_string(c.operator_party),
        "主体 " + std::to_string(c.operator_party) + " 未登记，不能作为经营主体：请先登记该主体");
  }
  check_period(c.from, c.until, true);
  if (c.rent_per_year < Money()) {
    throw_invalid("rent", c.rent_per_year.to_yuan_string(), "negative", "租金不能为负数");
  }
  const bool by_rate = !c.guarantee_rate.is_zero();
  if (by_rate && c.guarantee_per_year != Money()) {
    throw_invalid("guarantee", c.guarantee_per_year.to_yuan_string(),
                  "a guaranteed return is a rate or an amount, not both",
                  "保底收益按比例或按固定金额约定，只能选其一");
  }
  if (by_rate && c.principal <= Money()) {
    throw_invalid("principal", c.principal.to_yuan_string(), "a guaranteed rate needs a principal",
                  "按比例约定保底收益的，须填写计算保底收益的本金");
  }
  if (c.guarantee_per_year < Money() || c.principal < Money()) {
    throw_invalid("guarantee", c.guarantee_per_year.to_yuan_string(), "negative",
                  "保底收益金额和本金都不能为负数");
  }
  for (std::size_t i = 0; i < c.decided_by.size(); ++i) {
    if (!owns(asset, c.decided_by[i])) {
      refuse("decided_by[" + std::to_string(i) + "]",
             "party " + std::to_string(c.decided_by[i]) + " does not own " + asset.code,
             "主体 " + std::to_string(c.decided_by[i]) + " 不是资产 " + asset.code +
                 " 的产权主体，不能参与决定其经营");
    }
  }
  // A change of operation mode is the owners' decision (docs/rules.md §2): every owner, and
  // recorded by the township (or the registrar) for collectively owned assets.
  const auto current = find<AssetOperationTable>(views_, c.asset);
  if (current && current->mode != c.mode) {
    if (asset.owners.empty()) {
      refuse("owners", "the owners of " + asset.code + " are unconfirmed",
             "资产 " + asset.code + " 的产权主体尚未确认，不能变更经营方式：请先确权");
    }
    for (const OwnerShare& owner : asset.owners) {
      if (std::find(c.decided_by.begin(), c.decided_by.end(), owner.party) == c.decided_by.end()) {
        refuse("decided_by",
               "changing the operation mode of " + asset.code +
                   " needs the decision of every owner; party " + std::to_string(owner.party) +
                   " is missing",
               "变更资产 " + asset.code + " 的经营方式须经全部产权主体决定；缺少产权主体 " +
                   std::to_string(owner.party) + " 的决定");
      }
    }
    const Actor actor = acting();
    if (actor.role != Role::kTownshipGovernment && actor.role != Role::kCountyRegistrar) {
      throw_error(ErrorKind::kUnauthorized,
                  "a change of operation mode of a collectively owned asset is recorded by the "
                  "township, not a " +
                      std::string(role_name(actor.role)),
                  "资产 " + asset.code + " 经营方式的变更须由乡镇人民政府（或县级登记员）登记，" +
                      std::string(chinese_name(actor.role)) + "不能登记");
    }
  }
  check_contract_resolutions(asset, c);
  put<AssetOperationTable>(views_, {c.asset, stamp_.sequence, c.mode, c.until});
  put<AssetContractsTable>(views_, {c.asset, stamp_.sequence, c});
  advance(asset);
}

// Leasing or contracting out a village collective's asset needs each owning village's
// resolution and its publicity (docs/rules.md §2): every contract but self-operation.
void Applier::check_contract_resolutions(const Asset& asset, const OperationContracted& c) {
  std::vector<std::uint64_t> villages;
  // Self-operation is the owners' own: an outside operator makes it a contract out.
  if (c.mode == OperationMode::kSelfOperated && !owns(asset, c.operator_party)) {
    refuse(
        "operator",
        "party " + std::to_string(c.operator_party) + " does not own " + asset.code +
            ": an outside operator runs it under a contract (leased, entrusted "
            "or cooperative), not self-operated",
        "主体 " + std::to_string(c.operator_party) + " 不是资产 " + asset.code +
            " 的产权主体，不能登记为自主经营：外部经营主体须以出租、委托经营或合作经营的合同经营");
  }
  if (c.mode != OperationMode::kSelfOperated) {
    for (const OwnerShare& owner : asset.owners) {
      const PartyKind kind = existing_party(owner.party).data.kind;
      if (kind == PartyKind::kVillageCollective || kind == PartyKind::kVillagerGroup) {
        villages.push_back(owner.party);
      }
    }
  }
  std::vector<std::uint64_t> resolved;  // the villages whose resolution the contract names
  for (std::size_t i = 0; i < c.resolutions.size(); ++i) {
    const std::string field = "resolutions[" + std::to_string(i) + "]";
    const Resolution r = resolution(c.resolutions[i]);
    resolved.push_back(r.village);
    if (r.subject != ResolutionSubject::kOperationContract) {
      refuse(field,
             "resolution " + std::to_string(r.id) + " is on " + std::string(name_of(r.subject)) +
                 ", not on contracting out",
             "决议 " + std::to_string(r.id) + " 的事项是" + std::string(chinese_name(r.subject)) +
                 "，不是资产出租、发包：请引用就本合同作出的决议");
    }
    if (std::find(villages.begin(), villages.end(), r.village) == villages.end()) {
      refuse(field,
             "resolution " + std::to_string(r.id) + " is of party " + std::to_string(r.village) +
                 ", which does not own " + asset.code + " as a village" +
                 (c.mode == OperationMode::kSelfOperated ? " (self-operation needs none)" : ""),
             "决议 " + std::to_string(r.id) + " 是主体 " + std::to_string(r.village) +
                 " 作出的，该主体不是资产 " + asset.code +
                 " 的村级产权主体（村集体经济组织或村民小组）" +
                 (c.mode == OperationMode::kSelfOperated ? "；自主经营无须决议" : ""));
    }
    if (entry_.effective < r.day) {
      refuse(field,
             "resolution " + std::to_string(r.id) + " of " + r.day.to_string() +
                 " comes after the contract of " + entry_.effective.to_string(),
             "决议 " + std::to_string(r.id) + "（" + r.day.to_string() + "）晚于合同日期 " +
                 entry_.effective.to_string() + "：须先作出决议并公示，再签订合同");
    }
    // One resolution, one contract: a renewal or a new operator is resolved anew.
    use_resolution(r);
    // Its notice must have run, by the dates and by the register's clock, unopposed.
    bool ran = false;
    std::string why = "it has no notice";
    std::string why_zh = "没有公示";
    scan<NoticesBySubjectTable>(
        views_,
        [&](const NoticesBySubjectTable::Record& posted) {
          const Notice n = notice(posted.notice);
          if (n.upheld) {
            why = "an objection to notice " + std::to_string(n.id) + " was upheld";
            why_zh = "公示 " + std::to_string(n.id) + " 的异议已成立";
          } else if (entry_.effective <= n.end || recorded_day() <= runs_until(n)) {
            why = "notice " + std::to_string(n.id) + " runs until " + runs_until(n).to_string();
            why_zh =
                "公示 " + std::to_string(n.id) + " 到 " + runs_until(n).to_string() + " 才期满";
          } else {
            ran = true;
          }
          return !ran;
        },
        NoticeSubject::kOperationContract, r.id);
    if (!ran) {
      refuse(field, "resolution " + std::to_string(r.id) + " is not published: " + why,
             "决议 " + std::to_string(r.id) + " 尚未完成公示（" + why_zh +
                 "）：决议须经公示期满且无异议成立后，才能签订合同");
    }
  }
  for (const std::uint64_t village : villages) {
    if (std::find(resolved.begin(), resolved.end(), village) == resolved.end()) {
      refuse(
          "resolutions",
          std::string(name_of(c.mode)) + " of " + asset.code +
              " needs the resolution of its owner party " + std::to_string(village) + " (" +
              existing_party(village).data.name +
              ") and its notice: a village contracts out its assets only by "
              "its villagers' meeting",
          "资产 " + asset.code + " " + std::string(chinese_name(c.mode)) + "须有产权主体 " +
              std::to_string(village) + "（" + existing_party(village).data.name +
              "）的村民（代表）会议决议并经公示：村集体资产出租、发包只能由村民（代表）会议决定");
    }
  }
}

void Applier::operator()(const MaintenanceBound& m) {
  std::uint64_t id = m.asset;
  if (id == 0) {
    const auto coded = find<AssetCodesTable>(views_, m.asset_code);
    if (!coded) {
      throw_error(ErrorKind::kNotFound, "asset_code: no asset " + m.asset_code,
                  "资产编号 " + m.asset_code + " 未登记：请核对资产编号（asset_code）");
    }
    id = coded->asset;
  }
  Asset asset = existing(id);
  authorize(Write::kBindMaintenance, asset.description.division, asset.asset_class);
  if (asset.asset_class == AssetClass::kHousehold) {
    refuse("asset", "a household asset is kept by its household; it takes no binding",
           "资产 " + asset.code + " 是到户类资产，由农户自行管护，不绑定管护主体");
  }
  if (!party(m.party)) {
    refuse(
        "party", "no party " + std::to_string(m.party),
        "主体 " + std::to_string(m.party) + " 未登记，不能作为资产 " + asset.code + " 的管护主体");
  }
  if (m.inspection_interval_days == 0) {
    throw_invalid("inspection_interval_days", "0", "must be at least one day",
                  "巡查间隔至少为 1 天");
  }
  put<AssetMaintenanceTable>(views_,
                             {asset.id, stamp_.sequence, m.inspection_interval_days, m.from});
  advance(asset);
}

void Applier::operator()(const Inspected& inspection) {
  Asset asset = existing(inspection.asset);
  authorize(Write::kInspect, asset.description.division, asset.asset_class);
  put<AssetInspectionsTable>(views_, {inspection.asset, stamp_.sequence, inspection.condition,
                                      entry_.effective, recorded_day()});
  advance(asset);
}

void Applier::check_description(AssetClass asset_class, const AssetDescription& d) {
  if (d.original < Money()) {
    throw_invalid("original", d.original.to_yuan_string(), "negative", "原值不能为负数");
  }
  if (d.quantity_milli < 0) {
    throw_invalid("quantity", std::to_string(d.quantity_milli), "negative", "数量不能为负数");
  }
  Money funded;
  for (std::size_t i = 0; i < d.funding.size(); ++i) {
    if (d.funding[i].amount <= Money()) {
      throw_invalid("funding[" + std::to_string(i) + "].amount",
                    d.funding[i].amount.to_yuan_string(), "must be positive",
                    "资金来源的金额须大于零");
    }
    funded += d.funding[i].amount;
  }
  if (funded != d.original) {
    refuse("funding",
           "the sources sum to " + funded.to_yuan_string() + " yuan but the original value is " +
               d.original.to_yuan_string(),
           "各项资金来源合计 " + funded.to_yuan_string() + " 元，与原值 " +
               d.original.to_yuan_string() + " 元不符：资金来源合计须等于原值");
  }
  if ((d.form == AssetForm::kUseRight) != (d.use_right_years > 0)) {
    throw_invalid("use_right_years", std::to_string(d.use_right_years),
                  "a use right has a term in years, and only a use right has one",
                  d.form == AssetForm::kUseRight ? "使用权资产须填写使用年限"
                                                 : "只有使用权资产才填写使用年限");
  }
  if (d.form == AssetForm::kEquity) {
    const auto investee = party(d.investee);
    if (!investee || (investee->data.kind != PartyKind::kEnterprise &&
                      investee->data.kind != PartyKind::kCooperative &&
                      investee->data.kind != PartyKind::kPlatformCompany)) {
      refuse("investee",
             "an equity asset names the enterprise or cooperative invested in "
             "(party " +
                 std::to_string(d.investee) + " is not one)",
             d.investee == 0 ? std::string("股权类资产须填写被投资单位（企业、合作社或平台公司）")
                             : "股权类资产须填写被投资单位（企业、合作社或平台公司）：主体 " +
                                   std::to_string(d.investee) + " 不是企业、合作社或平台公司");
    }
  } else if (d.investee != 0) {
    throw_invalid("investee", std::to_string(d.investee), "only equity assets have an investee",
                  "只有股权类资产才填写被投资单位");
  }
  if (!d.stake.is_zero() && d.form != AssetForm::kEquity) {
    throw_invalid("stake", d.stake.to_string(), "only equity assets hold a stake",
                  "只有股权类资产才填写持股比例");
  }
  if (!d.exit_terms.empty() && d.form != AssetForm::kEquity) {
    throw_invalid("exit_terms", d.exit_terms, "only equity assets have exit terms",
                  "只有股权类资产才填写退出条款");
  }
  if (asset_class == AssetClass::kHousehold && d.form == AssetForm::kEquity) {
    refuse("form", "a household asset is livestock or a fixed asset, not equity",
           "到户类资产是牲畜或固定资产，不能是股权");
  }
  if (entry_.effective < d.completed) {
    throw_invalid("completed", day_text(d.completed),
                  "after the entry's effective date " + day_text(entry_.effective),
                  "竣工日期晚于本条记录的生效日期 " + day_text(entry_.effective));
  }
  require_division(d.division, d.completed, "division");
}

// Exact shares summing to 1, existing distinct parties, and the class rules of docs/rules.md §2.
void Applier::check_owners(AssetClass asset_class, const std::vector<OwnerShare>& owners) {
  std::vector<Share> shares;
  std::vector<PartyKind> kinds;
  shares.reserve(owners.size());
  kinds.reserve(owners.size());
  for (std::size_t i = 0; i < owners.size(); ++i) {
    auto field = [i] { return "owners[" + std::to_string(i) + "]"; };
    const auto record = views_.get(PartiesTable::kName, PartiesTable::key(owners[i].party).view());
    if (!record) {
      refuse(field() + ".party", "no party " + std::to_string(owners[i].party),
             "产权主体 " + std::to_string(owners[i].party) + " 未登记：请先登记该主体");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (owners[j].party == owners[i].party) {
        throw_invalid(field() + ".party", std::to_string(owners[i].party), "listed twice",
                      "同一产权主体填写了两次");
      }
    }
    if (owners[i].share.is_zero()) {
      throw_invalid(field() + ".share", "0", "must be positive", "份额须大于零");
    }
    shares.push_back(owners[i].share);
    kinds.push_back(PartiesTable::decode_kind(*record));
    if (kinds.back() == PartyKind::kSupervisionCommittee) {
      refuse(field() + ".party", "a supervision committee supervises; it owns no asset",
             "村务监督委员会（主体 " + std::to_string(owners[i].party) +
                 "）只负责监督，不能作为资产的产权主体");
    }
  }
  if (!shares_sum_to_one(shares)) {
    std::string listed;
    for (const Share& share : shares) listed += (listed.empty() ? "" : " + ") + share.to_string();
    refuse("owners", "shares " + listed + " do not sum to exactly 1",
           "各产权主体的份额 " + listed + " 合计不等于 1：份额合计须恰好为 1");
  }
  const auto count_household = std::count(kinds.begin(), kinds.end(), PartyKind::kHousehold);
  switch (asset_class) {
    case AssetClass::kHousehold:
      if (owners.size() != 1 || kinds[0] != PartyKind::kHousehold) {
        refuse("owners", "a household asset belongs to exactly one household, alone",
               "到户类资产只能归一户农户单独所有");
      }
      break;
    case AssetClass::kPublicWelfare:
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        const PartyKind kind = kinds[i];
        if (kind != PartyKind::kVillageCollective && kind != PartyKind::kVillagerGroup &&
            kind != PartyKind::kTownship && kind != PartyKind::kCountyDepartment &&
            kind != PartyKind::kPlatformCompany) {
          refuse("owners[" + std::to_string(i) + "]",
                 "a public-welfare asset is owned by village collectives, townships, "
                 "departments or platform companies, not a " +
                     std::string(name_of(kind)),
                 "公益性资产的产权主体只能是村集体经济组织、村民小组、乡镇、县直部门或平台公司，"
                 "不能是" +
                     std::string(chinese_name(kind)));
        }
      }
      break;
    case AssetClass::kOperating:
      if (count_household == static_cast<std::ptrdiff_t>(owners.size()) && owners.size() == 1) {
        refuse("owners", "an operating asset may not be held by a household alone",
               "经营性资产不能由一户农户单独所有");
      }
      break;
  }
}

}  // namespace taizhang::domain

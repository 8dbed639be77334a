// The fold for disposal (docs/rules.md §5): requests, the chain of signed steps, withdrawal and
// execution.
#include <algorithm>
#include <cstring>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/fold.h"
#include "domain/queries.h"
#include "domain/valuation.h"
#include "taizhang/chinese.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

namespace {

// amount < whole * fraction, exactly.
bool below_fraction(Money amount, Money whole, Share fraction) {
  using Wide = __int128;
  return Wide{amount.fen()} * Wide{fraction.denominator()} <
         Wide{whole.fen()} * Wide{fraction.numerator()};
}

// "“拍卖”": a disposal method or an approval step in Chinese, in quotes.
template <typename E>
std::string quoted_zh(E value) {
  return "“" + std::string(chinese_name(value)) + "”";
}

}  // namespace

// --- disposal (docs/rules.md §5) --------------------------------------------------------
void Applier::operator()(const DisposalRequested& r) {
  Asset asset = existing(r.asset);
  authorize(Write::kRequestDisposal, asset.description.division, asset.asset_class);
  if (asset.status == AssetStatus::kPendingDisposal) {
    throw_error(ErrorKind::kConflict, "asset " + asset.code + " already has an open disposal",
                "资产 " + asset.code + " 已有未办结的处置申请：请先办结或撤回该申请");
  }
  if (asset.owners.empty()) {
    refuse("owners", "confirm the ownership of " + asset.code + " before disposing of it",
           "资产 " + asset.code + " 尚未确认产权主体：请先确权，再申请处置");
  }
  // The holder of the disposal right requests (docs/rules.md §2): the owners, or the party the
  // right is bound to.
  const Actor actor = acting();
  {
    std::vector<std::uint64_t> holders;
    // Judged on the register's clock: a backdated request cannot reach a day before a binding.
    for (const RightHolder& h : rights(views_, asset.id, recorded_day())) {
      if (h.right == RightKind::kDisposal) holders.push_back(h.party);
    }
    const bool holder = std::any_of(holders.begin(), holders.end(), [&](std::uint64_t p) {
      return acts_for(actor, existing_party(p));
    });
    if (!holder) {
      std::string names, names_zh;
      for (const std::uint64_t p : holders) {
        const std::string name = existing_party(p).data.name;
        names += (names.empty() ? "" : ", ") + std::to_string(p) + " (" + name + ")";
        names_zh +=
            (names_zh.empty() ? "主体 " : "、主体 ") + std::to_string(p) + "（" + name + "）";
      }
      throw_error(ErrorKind::kUnauthorized,
                  "actor " + std::to_string(actor.id) + " (" + std::string(role_name(actor.role)) +
                      " of " + actor.jurisdiction + ") does not act for the holder of " +
                      asset.code + "'s disposal right: party " + names,
                  "人员 " + std::to_string(actor.id) + "（" +
                      std::string(chinese_name(actor.role)) + "，辖区 " + actor.jurisdiction +
                      "）不代表资产 " + asset.code +
                      " 处置权的持有主体，不能申请处置；处置权持有主体为：" +
                      (names_zh.empty() ? std::string("无") : names_zh));
    }
  }
  const bool state = state_owned(asset);
  const bool state_method = r.method == DisposalMethod::kFreeTransfer ||
                            r.method == DisposalMethod::kDonation ||
                            r.method == DisposalMethod::kExchange;
  if (state_method && !state) {
    refuse("method", std::string(name_of(r.method)) + " is for state-owned assets only",
           quoted_zh(r.method) + "只适用于国有资产（产权主体为乡镇、县直部门或平台公司）；资产 " +
               asset.code + " 不是国有资产，请选用其他处置方式");
  }
  // The owners after execution: a correction's, or receivers of a transfer in the register.
  const bool correction = r.method == DisposalMethod::kOwnershipCorrection;
  const bool passes = r.method == DisposalMethod::kTransfer ||
                      r.method == DisposalMethod::kFreeTransfer ||
                      r.method == DisposalMethod::kExchange;
  if (correction && r.owners.empty()) {
    throw_invalid("owners", "[]", "an ownership correction names the owners it gives",
                  "产权更正须写明更正后的产权主体及其份额");
  }
  if (!r.owners.empty()) {
    if (!correction && !passes) {
      throw_invalid("owners", std::to_string(r.owners.size()) + " owners",
                    std::string(name_of(r.method)) + " gives the asset to nobody in the register",
                    quoted_zh(r.method) +
                        "不把资产交给台账中的主体，不填写新的产权主体（只有转让、无偿划转、置换和"
                        "产权更正才填写）");
    }
    check_owners(asset.asset_class, r.owners);
    if (same_owners(asset.owners, r.owners)) {
      refuse("owners", asset.code + " already belongs to these owners",
             "资产 " + asset.code + " 的产权主体和份额已与所填相同，无需处置或更正");
    }
  }
  // An idle operating asset's change of use is a trigger for operating assets only.
  if (r.trigger == DisposalTrigger::kIdleChangeOfUse &&
      asset.asset_class != AssetClass::kOperating) {
    refuse("trigger",
           "idle_change_of_use is for operating assets; " + asset.code + " is " +
               std::string(name_of(asset.asset_class)),
           "“闲置资产改变用途”只适用于经营性资产；资产 " + asset.code + " 是" +
               std::string(chinese_name(asset.asset_class)) + "资产，请选择其他处置原因");
  }
  // The appraisal named, if any; an auction or a transfer rests on a recent one (a household
  // sells its own without one).
  std::optional<AssetValuesTable::Record> appraisal;
  if (r.appraisal != 0) {
    appraisal = find<AssetValuesTable>(views_, r.asset, r.appraisal);
    if (!appraisal || appraisal->kind != ValueChangeKind::kAppraisal) {
      refuse("appraisal",
             "entry " + std::to_string(r.appraisal) + " is not an appraisal of " + asset.code,
             "第 " + std::to_string(r.appraisal) + " 条记录不是资产 " + asset.code +
                 " 的评估记录：请填写该资产评估记录的序号");
    }
  }
  if ((r.method == DisposalMethod::kAuction || r.method == DisposalMethod::kTransfer) &&
      asset.asset_class != AssetClass::kHousehold) {
    if (!appraisal) {
      refuse("appraisal", std::string(name_of(r.method)) + " needs an appraisal of the asset",
             quoted_zh(r.method) + "须有资产评估：请先登记资产 " + asset.code +
                 " 的评估，再在处置申请中写明该评估记录");
    }
    const PolicyDefined policy = policy_now();
    const Date expires = month_end(appraisal->day, policy.appraisal_valid_months);
    if (expires < entry_.effective || expires < recorded_day()) {
      refuse("appraisal",
             "the appraisal of " + appraisal->day.to_string() + " (entry " +
                 std::to_string(r.appraisal) + ") is older than the policy's " +
                 std::to_string(policy.appraisal_valid_months) + " months",
             "资产 " + asset.code + " " + appraisal->day.to_string() + " 的评估（第 " +
                 std::to_string(r.appraisal) + " 条记录）已超过政策设置的 " +
                 std::to_string(policy.appraisal_valid_months) + " 个月有效期：请重新评估后再申请");
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
      refuse("method",
             "scrapping needs an inspection finding " + asset.code +
                 " unusable; the latest finds it " +
                 (latest ? std::string(name_of(*latest)) : "uninspected"),
             "报废须有巡查记录认定资产 " + asset.code + " 不能使用；" +
                 (latest ? "最近一次巡查结论为“" + std::string(chinese_name(*latest)) + "”"
                         : std::string("该资产尚无巡查记录")) +
                 "。如确已不能使用，请先巡查并如实登记");
    }
  }
  Disposal d;
  d.id = stamp_.sequence;
  d.asset = r.asset;
  d.method = r.method;
  d.requester = entry_.actor;
  d.chain = chain_for(asset);
  d.last_day = entry_.effective;
  d.owners = r.owners;
  if (appraisal) d.appraised = appraisal->amount;
  append<DisposalsTable>(views_, d);
  advance(asset);  // advance_asset marks it pending and remembers its status
}

void Applier::operator()(const DisposalStep& step) {
  Disposal d = open_disposal(step.request);
  Asset asset = existing(d.asset);
  if (d.next_step >= d.chain.size()) {
    refuse("step",
           "every step of disposal " + std::to_string(d.id) +
               " is signed; what is left is to execute it",
           "处置申请 " + std::to_string(d.id) + " 的审批环节已全部签署，下一步是执行处置");
  }
  if (step.step != d.next_step) {
    refuse("step",
           "step " + std::to_string(step.step) + " is out of order; the next is " +
               std::to_string(d.next_step) + " (" +
               std::string(name_of(d.chain[d.next_step].first)) + ")",
           "审批环节 " + std::to_string(step.step) + " 顺序不对：处置申请 " + std::to_string(d.id) +
               " 下一个应办理的是环节 " + std::to_string(d.next_step) + "（" +
               std::string(chinese_name(d.chain[d.next_step].first)) + "）");
  }
  const auto [kind, village] = d.chain[d.next_step];
  const Actor actor = acting();
  const bool signed_by_actor = std::any_of(entry_.approvals.begin(), entry_.approvals.end(),
                                           [&](const Approval& a) { return a.signer == actor.id; });
  if (!signed_by_actor) {
    throw_error(ErrorKind::kUnauthorized,
                "a disposal step carries the acting official's own "
                "signature; actor " +
                    std::to_string(actor.id) + " did not sign",
                "审批环节须有经办人员本人签名：人员 " + std::to_string(actor.id) +
                    " 没有签名，请本人签名后再提交");
  }
  if (std::find(d.signers.begin(), d.signers.end(), actor.id) != d.signers.end()) {
    throw_error(ErrorKind::kUnauthorized,
                "actor " + std::to_string(actor.id) + " already signed a step of disposal " +
                    std::to_string(d.id),
                "人员 " + std::to_string(actor.id) + " 已签署过处置申请 " + std::to_string(d.id) +
                    " 的一个审批环节，同一人不能签署两个环节：请由其他有权人员签署");
  }
  authorize_step(kind, village, asset, actor);
  // Steps follow each other in time (docs/rules.md §5): none before the act it follows.
  if (entry_.effective < d.last_day) {
    refuse("step",
           "step " + std::to_string(step.step) + " (" + std::string(name_of(kind)) + ") is dated " +
               entry_.effective.to_string() + ", before the act it follows on " +
               d.last_day.to_string(),
           "审批环节 " + std::to_string(step.step) + "（" + std::string(chinese_name(kind)) +
               "）的日期为 " + entry_.effective.to_string() + "，早于上一环节的办理日期 " +
               d.last_day.to_string() + "：审批环节须按时间先后办理");
  }
  Date acted = entry_.effective;
  const bool approve = step.approve;
  const bool resolves = kind == DisposalStepKind::kAssemblyResolution && approve;
  const bool publishes = kind == DisposalStepKind::kPublicity && approve;
  if (!resolves && step.resolution != 0) {
    throw_invalid("resolution", std::to_string(step.resolution),
                  "only an approving assembly-resolution step names a resolution",
                  "只有表示同意的“村民会议决议”环节才填写决议");
  }
  if (!publishes && step.notice != 0) {
    throw_invalid("notice", std::to_string(step.notice),
                  "only an approving publicity step names a notice",
                  "只有表示同意的“公示”环节才填写公示");
  }
  if (resolves) {
    Resolution r = resolution(step.resolution);
    if (r.subject != ResolutionSubject::kDisposal || r.disposal != d.id) {
      refuse("resolution",
             "resolution " + std::to_string(r.id) + " is not on disposal " + std::to_string(d.id),
             "决议 " + std::to_string(r.id) + " 不是就处置申请 " + std::to_string(d.id) +
                 " 作出的决议：请填写对该处置申请的决议");
    }
    if (r.village != village) {
      refuse("resolution",
             "resolution " + std::to_string(r.id) + " is of party " + std::to_string(r.village) +
                 "; this step is party " + std::to_string(village) + "'s",
             "决议 " + std::to_string(r.id) + " 是主体 " + std::to_string(r.village) +
                 " 的决议，本环节须由主体 " + std::to_string(village) + " 作出决议");
    }
    if (r.day < d.last_day) {
      refuse("resolution",
             "resolution " + std::to_string(r.id) + " was adopted on " + r.day.to_string() +
                 ", before the act it follows on " + d.last_day.to_string(),
             "决议 " + std::to_string(r.id) + " 于 " + r.day.to_string() +
                 " 通过，早于上一环节的办理日期 " + d.last_day.to_string() +
                 "：须在上一环节之后召开会议表决");
    }
    acted = r.day;
    use_resolution(r);
  }
  if (publishes) {
    const Notice n = notice(step.notice);
    if (n.subject != NoticeSubject::kDisposal || n.subject_id != d.id) {
      refuse(
          "notice",
          "notice " + std::to_string(n.id) + " does not publish disposal " + std::to_string(d.id),
          "公示 " + std::to_string(n.id) + " 不是对处置申请 " + std::to_string(d.id) +
              " 的公示：请填写该处置申请的公示");
    }
    const std::string where = existing_party(village).data.division;
    if (!division_contains(n.board, where)) {
      refuse("notice",
             "notice " + std::to_string(n.id) + " is posted in " + n.board + ", not where party " +
                 std::to_string(village) + " (" + where + ") sees it",
             "公示 " + std::to_string(n.id) + " 张贴在区划 " + n.board + "，不在主体 " +
                 std::to_string(village) + " 所在的区划 " + where +
                 "：须在该主体的群众看得到的地方公示");
    }
    if (n.start < d.last_day) {
      refuse("notice",
             "notice " + std::to_string(n.id) + " starts on " + n.start.to_string() +
                 ", before the resolution it publishes on " + d.last_day.to_string(),
             "公示 " + std::to_string(n.id) + " 于 " + n.start.to_string() +
                 " 开始，早于所公示决议的通过日期 " + d.last_day.to_string() +
                 "：须在决议通过后重新公示");
    }
    require_run(n);  // so this step is dated after the notice's last day
  }
  d.last_day = acted;
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
    throw_error(ErrorKind::kUnauthorized,
                "only the requester (actor " + std::to_string(d.requester) +
                    ") may withdraw disposal " + std::to_string(d.id),
                "处置申请 " + std::to_string(d.id) + " 只能由申请人（人员 " +
                    std::to_string(d.requester) + "）或县级登记员撤回");
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
    refuse("steps",
           "disposal " + std::to_string(d.id) + " has " +
               std::to_string(d.chain.size() - d.next_step) + " step(s) left; the next is " +
               std::string(name_of(d.chain[d.next_step].first)),
           "处置申请 " + std::to_string(d.id) + " 还有 " +
               std::to_string(d.chain.size() - d.next_step) + " 个审批环节未办理，下一个是" +
               quoted_zh(d.chain[d.next_step].first) + "：审批环节全部办完后才能执行处置");
  }
  if (e.proceeds < Money()) {
    throw_invalid("proceeds", e.proceeds.to_yuan_string(), "negative", "处置收入不能为负数");
  }
  if (entry_.effective < d.last_day) {
    refuse("executed",
           "the execution is dated " + entry_.effective.to_string() +
               ", before the chain's last act on " + d.last_day.to_string(),
           "执行日期 " + entry_.effective.to_string() + " 早于最后一个审批环节的办理日期 " +
               d.last_day.to_string() + "：执行须在审批完成之后");
  }
  const bool correction = d.method == DisposalMethod::kOwnershipCorrection;
  if (correction && e.proceeds != Money()) {
    throw_invalid("proceeds", e.proceeds.to_yuan_string(), "a correction of ownership has none",
                  "产权更正没有处置收入，处置收入应填 0 元");
  }
  if (!correction && e.counterparty.empty()) {
    throw_invalid("counterparty", "", "name who bought or received the asset",
                  "请填写资产 " + asset.code + " 的买受人或接收方");
  }
  if (!same_owners(e.owners, d.owners)) {
    throw_invalid("owners", std::to_string(e.owners.size()) + " owners",
                  "the execution names the owners the request gives (" +
                      std::to_string(d.owners.size()) + ")",
                  "执行时填写的产权主体及份额须与处置申请所定的一致（申请中为 " +
                      std::to_string(d.owners.size()) + " 个产权主体）");
  }
  // Each new owner takes the asset knowingly: an official acting for it signs the execution.
  for (std::size_t i = 0; i < d.owners.size(); ++i) {
    if (owns(asset, d.owners[i].party)) continue;
    const Party receiver = existing_party(d.owners[i].party);
    const bool consents =
        std::any_of(entry_.approvals.begin(), entry_.approvals.end(), [&](const Approval& a) {
          const auto approver = find<ActorsTable>(views_, a.signer);
          return approver && acts_for(*approver, receiver);
        });
    if (!consents) {
      throw_error(ErrorKind::kUnauthorized,
                  "owners[" + std::to_string(i) + "]: party " + std::to_string(receiver.id) + " (" +
                      receiver.data.name +
                      ") receives the asset: an official acting for it signs the execution",
                  "主体 " + std::to_string(receiver.id) + "（" + receiver.data.name +
                      "）接收资产 " + asset.code +
                      "：须由代表该主体的经办人员在执行记录上签名，表示同意接收");
    }
  }
  // A price below the policy's floor of the appraisal needs the last approver's approval again.
  const PolicyDefined policy = policy_now();
  if (d.appraised > Money() && !d.signers.empty() &&
      below_fraction(e.proceeds, d.appraised, policy.price_floor)) {
    const std::uint64_t last = d.signers.back();
    const bool again = std::any_of(entry_.approvals.begin(), entry_.approvals.end(),
                                   [&](const Approval& a) { return a.signer == last; });
    if (!again) {
      refuse("proceeds",
             e.proceeds.to_yuan_string() + " is below " + policy.price_floor.to_string() +
                 " of the appraised " + d.appraised.to_yuan_string() + ": actor " +
                 std::to_string(last) + ", the chain's last approver, approves the price again",
             "资产 " + asset.code + " 的处置收入 " + e.proceeds.to_yuan_string() +
                 " 元低于评估价 " + d.appraised.to_yuan_string() + " 元的 " +
                 policy.price_floor.to_string() + "：须由最后一个审批环节的审批人（人员 " +
                 std::to_string(last) + "）在执行记录上再次签名同意该价格");
    }
  }
  d.state = Disposal::State::kExecuted;
  d.executed = entry_.effective;
  put<DisposalsTable>(views_, d);
  // Proceeds follow the owners the asset had (docs/rules.md §5): split by share like income; a
  // collective owner's part is restricted income for its plan for proceeds, a state owner's is
  // remitted to the treasury, a household's (or enterprise's) is its own.
  put<DisposalProceedsTable>(views_, {d.id, e.proceeds, !state_owned(asset)});
  if (e.proceeds > Money()) {
    record_parts(asset, e.proceeds, entry_.effective, entry_.effective, true);
  }
  if (!d.owners.empty()) {
    // The asset stays on the register with its new owners, like a handover: the new owners'
    // regime values it from today, from its book value today; earlier values stay.
    const PartyKind before = existing_party(asset.owners.front().party).data.kind;
    const Money book = value_in(views_, asset, entry_.effective).book_value;
    put<AssetHandoversTable>(views_, {asset.id, stamp_.sequence, entry_.effective, book, before});
  }
  advance(asset);  // advance_asset: disposed, or kept with the new owners
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

// The chain fixed at the request (docs/rules.md §5), from the owners and the policy in force:
// each owner's own steps by its kind's chain, in owner order; then the once-steps of every kind
// of owner present, each once, in the order of the county's hierarchy (an approval subsumes a
// consent of the same bureau); then, with a state owner, the steps at or above the threshold.
std::vector<std::pair<DisposalStepKind, std::uint64_t>> Applier::chain_for(const Asset& asset) {
  const PolicyDefined policy = policy_now();
  std::vector<std::pair<DisposalStepKind, std::uint64_t>> chain;
  std::vector<DisposalStepKind> once;
  std::vector<ChainOwner> kinds;
  bool any_state = false;
  for (const OwnerShare& owner : asset.owners) {
    const PartyKind owner_kind = existing_party(owner.party).data.kind;
    ChainOwner kind = ChainOwner::kVillageCollective;
    switch (owner_kind) {
      case PartyKind::kHousehold:
        // Households holding shares of a collective's operating asset (量化到户) decide through
        // the collective's procedure; a household asset's one owner declares.
        if (asset.asset_class != AssetClass::kHousehold) continue;
        kind = ChainOwner::kHousehold;
        break;
      case PartyKind::kVillageCollective:
      case PartyKind::kVillagerGroup:
        kind = ChainOwner::kVillageCollective;
        break;
      case PartyKind::kCooperative:
        kind = ChainOwner::kCooperative;
        break;
      case PartyKind::kTownship:
      case PartyKind::kCountyDepartment:
      case PartyKind::kPlatformCompany:
        kind = ChainOwner::kState;
        any_state = true;
        break;
      default:
        refuse("owners",
               "no approval chain in the policy for an asset owned by a " +
                   std::string(name_of(owner_kind)) + " (party " + std::to_string(owner.party) +
                   ")",
               "政策设置中没有" + std::string(chinese_name(owner_kind)) + "（主体 " +
                   std::to_string(owner.party) + "）所有资产的审批流程，资产 " + asset.code +
                   " 无法按规定审批处置");
    }
    const ApprovalChain& rule = policy.chain(kind);
    for (DisposalStepKind step : rule.per_owner) chain.emplace_back(step, owner.party);
    once.insert(once.end(), rule.steps.begin(), rule.steps.end());
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  if (any_state) {
    const ApprovalChain& rule = policy.chain(ChainOwner::kState);
    if (!rule.above_threshold.empty()) {
      // The threshold's basis and whether a value equal to it reaches it are policy data.
      const Money value = policy.state_threshold_basis == ThresholdBasis::kOriginal
                              ? asset.description.original
                              : value_in(views_, asset, entry_.effective).book_value;
      const bool above = policy.state_threshold_inclusive
                             ? !(value < policy.state_approval_threshold)
                             : policy.state_approval_threshold < value;
      if (above) once.insert(once.end(), rule.above_threshold.begin(), rule.above_threshold.end());
    }
  }
  // One kind of owner: its chain's order, as the policy gives it. Several: the county's order
  // (township, then the bureaus, then the government), each step once.
  if (kinds.size() > 1) std::stable_sort(once.begin(), once.end());
  std::vector<DisposalStepKind> unique;
  for (DisposalStepKind step : once) {
    if (std::find(unique.begin(), unique.end(), step) == unique.end()) unique.push_back(step);
  }
  once = std::move(unique);
  if (std::find(once.begin(), once.end(), DisposalStepKind::kFinanceApproval) != once.end()) {
    std::erase(once, DisposalStepKind::kFinanceConsent);
  }
  for (DisposalStepKind step : once) chain.emplace_back(step, 0);
  if (chain.empty()) {
    refuse("owners", "no approval chain in the policy for " + asset.code + "'s owners",
           "政策设置中没有适用于资产 " + asset.code + " 产权主体的审批流程");
  }
  return chain;
}

Disposal Applier::open_disposal(std::uint64_t id) {
  auto record = find<DisposalsTable>(views_, id);
  if (!record) {
    throw_error(ErrorKind::kNotFound, "disposal: no request " + std::to_string(id),
                "没有编号为 " + std::to_string(id) + " 的处置申请（disposal）");
  }
  Disposal d = std::move(*record);
  if (d.state != Disposal::State::kOpen) {
    refuse("disposal", "request " + std::to_string(id) + " is no longer open",
           "处置申请 " + std::to_string(id) + " 已办结（已执行、被否决或已撤回），不能再办理");
  }
  return d;
}

}  // namespace taizhang::domain

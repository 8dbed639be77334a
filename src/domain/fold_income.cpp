// The fold for income (docs/rules.md §4): income and its owners' parts, beneficiary lists, plans
// and allocations.
//
// An income (or disposal proceeds) is split among the asset's owners by their shares when it is
// recorded: one income_parts record per owner. An allocation then takes each part it names by
// that owner's plan in force, with the entitlement of every payee judged over the income's own
// earning period, and writes the payments into the part.
#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/entitlement.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "taizhang/chinese.h"
#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

namespace {

std::int32_t month_number(Date day) {
  return static_cast<std::int32_t>(day.year()) * 12 + static_cast<std::int32_t>(day.month()) - 1;
}

Date first_of_month(std::int32_t month) { return Date::from_civil(month / 12, month % 12 + 1, 1); }

// An income's earning period, in days and in the calendar months it touches.
struct Period {
  Date from;
  Date until;
  std::int32_t first_month = 0;
  std::int32_t last_month = 0;
  std::int32_t days() const { return until.days() - from.days() + 1; }
  std::int32_t months() const { return last_month - first_month + 1; }
};

Period period_of(const IncomesTable::Record& income) {
  return {income.from, income.until, month_number(income.from), month_number(income.until)};
}

// For each month of `period`, the stay on the list that covers it (the later one where two
// share a month), or none: a stay counts from the month it was added to the month it was
// removed (or the member died), inclusive; nothing from the month after.
std::vector<const BeneficiariesTable::Stay*> stays_by_month(
    const std::vector<BeneficiariesTable::Stay>& stays, const Period& period) {
  std::vector<const BeneficiariesTable::Stay*> by_month(static_cast<std::size_t>(period.months()),
                                                        nullptr);
  for (const BeneficiariesTable::Stay& stay : stays) {
    // A stay that ended before the period began, or began after it ended, counts for nothing
    // (a death on 5 January does not earn January's part of a period from 16 January).
    if ((stay.removed && *stay.removed < period.from) || period.until < stay.added) continue;
    const std::int32_t first = std::max(period.first_month, month_number(stay.added));
    const std::int32_t last =
        std::min(period.last_month, stay.removed ? month_number(*stay.removed) : period.last_month);
    for (std::int32_t m = first; m <= last; ++m) by_month[m - period.first_month] = &stay;
  }
  return by_month;
}

std::vector<bool> months_on_list(const std::vector<BeneficiariesTable::Stay>& stays,
                                 const Period& period) {
  std::vector<bool> on;
  for (const auto* stay : stays_by_month(stays, period)) on.push_back(stay != nullptr);
  return on;
}

using BigInt = boost::multiprecision::cpp_int;

// A member's weight for an income: the sum over the period's months of the weight of its stay
// that month, over the months of the period; an exact fraction, reduced. Zero when it was on the
// list in no month. RuleViolation naming `field` if it does not fit 64 bits.
// `months` gets the number of months of the period the member counted.
Weight entitled_weight(const std::vector<BeneficiariesTable::Stay>& stays, const Period& period,
                       const std::string& field, std::uint64_t& months) {
  const std::vector<const BeneficiariesTable::Stay*> by_month = stays_by_month(stays, period);
  // The usual case: one stay over the whole period, its own weight.
  if (std::all_of(by_month.begin(), by_month.end(),
                  [&](const auto* stay) { return stay != nullptr && stay == by_month.front(); })) {
    months = by_month.size();
    return {by_month.front()->weight_numerator, by_month.front()->weight_denominator};
  }
  months = 0;
  BigInt numerator = 0, denominator = 1;
  for (const auto* stay : by_month) {
    if (stay == nullptr) continue;
    ++months;
    numerator = numerator * stay->weight_denominator + denominator * stay->weight_numerator;
    denominator *= stay->weight_denominator;
    const BigInt common = boost::multiprecision::gcd(numerator, denominator);
    numerator /= common;
    denominator /= common;
  }
  denominator *= period.months();
  const BigInt common = boost::multiprecision::gcd(numerator, denominator);
  numerator /= common;
  denominator /= common;
  if (numerator > std::numeric_limits<std::uint64_t>::max() ||
      denominator > std::numeric_limits<std::uint64_t>::max()) {
    refuse(field, "a weight scaled by months entitled is beyond 64 bits",
           "受益对象的权重按受益月数折算后数字过大，超出可计算的范围：请把权重化简后再分配");
  }
  return {static_cast<std::uint64_t>(numerator), static_cast<std::uint64_t>(denominator)};
}

// Days as [first, last] pairs, sorted and disjoint.
using Days = std::vector<std::pair<std::int32_t, std::int32_t>>;

// The days of `period` in the months marked in `on` that `paid` does not hold yet; adds them to
// `paid`.
std::int32_t unpaid_days(const std::vector<bool>& on, const Period& period, Days& paid) {
  Days fresh;
  for (std::int32_t m = period.first_month; m <= period.last_month; ++m) {
    if (!on[m - period.first_month]) continue;
    std::int32_t first = std::max(period.from, first_of_month(m)).days();
    const std::int32_t last = std::min(period.until, first_of_month(m + 1).plus_days(-1)).days();
    for (const auto& [from, until] : paid) {
      if (until < first || from > last) continue;
      if (from > first) fresh.emplace_back(first, from - 1);
      first = std::max(first, until + 1);
    }
    if (first <= last) fresh.emplace_back(first, last);
  }
  std::int32_t days = 0;
  for (const auto& [from, until] : fresh) days += until - from + 1;
  paid.insert(paid.end(), fresh.begin(), fresh.end());
  std::sort(paid.begin(), paid.end());
  Days merged;
  for (const auto& range : paid) {
    if (!merged.empty() && range.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  paid = std::move(merged);
  return days;
}

bool is_support(const std::string& purpose) { return purpose == "support_unable_to_work"; }
bool is_post_wages(const std::string& purpose) { return purpose == "public_welfare_posts"; }

}  // namespace

std::uint64_t months_counted(const std::vector<BeneficiariesTable::Stay>& stays, Date from,
                             Date until) {
  const Period period{from, until, month_number(from), month_number(until)};
  const std::vector<bool> on = months_on_list(stays, period);
  return static_cast<std::uint64_t>(std::count(on.begin(), on.end(), true));
}

// --- income (docs/rules.md §4) ----------------------------------------------------------
void Applier::operator()(const IncomeRecorded& income) {
  Asset asset = existing(income.asset);
  authorize(Write::kRecordIncome, asset.description.division, asset.asset_class);
  if (asset.asset_class == AssetClass::kHousehold) {
    refuse("asset",
           "a household asset's income is the household's own and is not recorded for "
           "allocation; " +
               asset.code + " is a household asset",
           "资产 " + asset.code + " 是到户类资产，收益归农户自己所有，不登记收益、不参与分配");
  }
  if (asset.status == AssetStatus::kDisposed) {
    refuse("asset", asset.code + " is disposed of and earns nothing",
           "资产 " + asset.code + " 已处置，不再产生收益");
  }
  if (income.amount <= Money()) {
    throw_invalid("amount", income.amount.to_yuan_string(), "must be positive",
                  "资产 " + asset.code + " 的收益金额须大于 0 元");
  }
  check_period(income.from, income.until, true);
  if (income.until.days() - income.from.days() + 1 > kIncomePeriodDaysMax) {
    throw_invalid(
        "until", income.until.to_string(),
        "a period of more than " + std::to_string(kIncomePeriodDaysMax) + " days",
        "收益所属期间超过 " + std::to_string(kIncomePeriodDaysMax) + " 天：请按年度或季度分开登记");
  }
  if (income.payer_party != 0 && !party(income.payer_party)) {
    refuse("payer_party", "no party " + std::to_string(income.payer_party),
           "付款方主体 " + std::to_string(income.payer_party) + " 未在台账中登记");
  }
  record_parts(asset, income.amount, income.from, income.until, false, income.payer_party);
  advance(asset);
}

// The income record and one part per owner, split by shares with the largest-remainder rule.
void Applier::record_parts(const Asset& asset, Money amount, Date from, Date until, bool restricted,
                           std::uint64_t payer) {
  if (asset.owners.empty()) {
    refuse("asset", asset.code + " has no confirmed owners to receive its income",
           "资产 " + asset.code + " 尚未确认产权主体，收益无人可分：请先确认产权");
  }
  // A bound income right (docs/rules.md §2) receives the owners' income for its period: the
  // holder takes the whole, as the one owner of the income. An income whose period runs across
  // the start or the end of a binding is recorded in two.
  std::vector<OwnerShare> receivers = asset.owners;
  if (!restricted) {
    scan<AssetRightsTable>(
        views_,
        [&](const AssetRightsTable::Record& bound) {
          const bool open = bound.until.days() == 0;
          const bool covers = bound.from <= from && (open || until <= bound.until);
          const bool overlaps = bound.from <= until && (open || from <= bound.until);
          if (covers) {
            receivers = {{bound.party, Share::of(1, 1)}};
          } else if (overlaps) {
            refuse("until",
                   "the income right of " + asset.code + " is bound to party " +
                       std::to_string(bound.party) + " from " + bound.from.to_string() +
                       (open ? std::string() : " until " + bound.until.to_string()) +
                       "; record the income before and within the binding apart",
                   "资产 " + asset.code + " 的收益权自 " + bound.from.to_string() +
                       (open ? std::string() : " 至 " + bound.until.to_string()) + " 归主体 " +
                       std::to_string(bound.party) +
                       " 享有，这笔收益的期间跨过了绑定期的起止日期：请把绑定期外和绑定期内的收益"
                       "分开登记");
          }
          return true;
        },
        asset.id, RightKind::kIncome);
  }
  append<IncomesTable>(views_, {stamp_.sequence, asset.id, amount, from, until, restricted, payer});
  std::vector<Weight> shares;
  for (const OwnerShare& owner : receivers) {
    shares.push_back({owner.share.numerator(), owner.share.denominator()});
  }
  const std::vector<Money> parts = split_largest_remainder(amount, shares);
  for (std::size_t i = 0; i < receivers.size(); ++i) {
    const OwnerShare& owner = receivers[i];
    const PartyKind kind = existing_party(owner.party).data.kind;
    PartDisposition disposition = PartDisposition::kAllocate;
    if (kind == PartyKind::kHousehold || kind == PartyKind::kEnterprise) {
      disposition = PartDisposition::kOwn;
    } else if (restricted && is_state(kind)) {
      disposition = PartDisposition::kTreasury;
    }
    IncomePartsTable::Record part;
    part.income = stamp_.sequence;
    part.owner = owner.party;
    part.share = owner.share;
    part.amount = parts[i];
    part.disposition = disposition;
    part.restricted = restricted;
    part.asset = asset.id;
    part.until = until;
    part.payer = payer;
    put<IncomePartsTable>(views_, part);
  }
}

void Applier::operator()(const BeneficiaryChanged& change) {
  // The list is the owner's: changed by an actor over the owner, holding the owner's people.
  const auto owner = party(change.owner);
  if (!owner || !plan_owner_of(owner->data.kind)) {
    refuse("owner",
           "a beneficiary list belongs to an owner with allocation plans; party " +
               std::to_string(change.owner) + " is not one",
           "受益对象名单属于按分配方案分配收益的产权主体（村集体经济组织、村民小组、合作社、乡镇"
           "等）；主体 " +
               std::to_string(change.owner) + " 不是");
  }
  const auto member = party(change.party);
  if (!member || (member->data.kind != PartyKind::kHousehold &&
                  member->data.kind != PartyKind::kVillageCollective &&
                  member->data.kind != PartyKind::kVillagerGroup)) {
    refuse("party",
           "a beneficiary list holds households (or, for a township's plan, villages); "
           "party " +
               std::to_string(change.party) + " is not one",
           "受益对象名单只能列入农户（乡镇的分配方案可列入村集体经济组织或村民小组）；主体 " +
               std::to_string(change.party) + " 不是");
  }
  if (change.list.empty()) throw_invalid("list", "", "name the list", "请填写名单名称");
  authorize(Write::kRecordIncome, owner->data.division, std::nullopt);
  const PartyKind owner_kind = owner->data.kind;
  if (member->data.kind != PartyKind::kHousehold &&
      (owner_kind != PartyKind::kTownship || change.party == change.owner)) {
    refuse("party",
           "party " + std::to_string(change.party) +
               " is a village: villages are on a township's lists (联镇带村) only, and "
               "an owner is never on its own list",
           "主体 " + std::to_string(change.party) + " 是" +
               std::string(chinese_name(member->data.kind)) +
               "，只能列入乡镇的受益对象名单（联镇带村）；产权主体也不能列入自己的名单");
  }
  if ((owner_kind == PartyKind::kVillageCollective || owner_kind == PartyKind::kVillagerGroup ||
       owner_kind == PartyKind::kTownship) &&
      !division_contains(owner->data.division, member->data.division)) {
    refuse("party",
           "party " + std::to_string(change.party) + " of " + member->data.division +
               " is not among the people of party " + std::to_string(change.owner) + " (" +
               owner->data.division + ")",
           "主体 " + std::to_string(change.party) + "（区划 " + member->data.division +
               "）不在主体 " + std::to_string(change.owner) + "（区划 " + owner->data.division +
               "）的范围内，不能列入它的受益对象名单");
  }
  auto current = find<BeneficiariesTable>(views_, change.owner, change.list, change.party);
  if (change.removed.days() == 0) {
    if (change.weight_numerator == 0 || change.weight_denominator == 0) {
      throw_invalid(
          "weight",
          std::to_string(change.weight_numerator) + "/" + std::to_string(change.weight_denominator),
          "must be positive", "受益对象的权重须大于 0");
    }
    if (current && current->on_list()) {
      throw_error(ErrorKind::kConflict,
                  "party " + std::to_string(change.party) + " is already on " + change.list,
                  "主体 " + std::to_string(change.party) + " 已在名单“" + change.list + "”中");
    }
    BeneficiariesTable::Record record =
        current ? std::move(*current)
                : BeneficiariesTable::Record{change.owner, change.list, change.party, {}};
    // On the list from the entry's effective date: it counts from that month on.
    if (!record.stays.empty() && entry_.effective < *record.stays.back().removed) {
      refuse("effective",
             "party " + std::to_string(change.party) + " left " + change.list + " on " +
                 record.stays.back().removed->to_string() + "; it cannot rejoin before that",
             "主体 " + std::to_string(change.party) + " 已于 " +
                 record.stays.back().removed->to_string() + " 移出名单“" + change.list +
                 "”，重新列入的日期不能早于移出日期");
    }
    const std::uint64_t common = std::gcd(change.weight_numerator, change.weight_denominator);
    record.stays.push_back({entry_.effective, std::nullopt, change.weight_numerator / common,
                            change.weight_denominator / common});
    put<BeneficiariesTable>(views_, record);
  } else {
    if (!current || !current->on_list()) {
      refuse("party", "party " + std::to_string(change.party) + " is not on " + change.list,
             "主体 " + std::to_string(change.party) + " 不在名单“" + change.list + "”中，无需移出");
    }
    if (change.removed < current->stays.back().added) {
      throw_invalid("removed", change.removed.to_string(),
                    "before the party joined " + change.list + " on " +
                        current->stays.back().added.to_string(),
                    "移出日期早于主体 " + std::to_string(change.party) + " 列入名单“" +
                        change.list + "”的日期 " + current->stays.back().added.to_string());
    }
    if (entry_.effective < change.removed) {
      throw_invalid("removed", change.removed.to_string(),
                    "after the entry's date " + entry_.effective.to_string() +
                        ": a removal is recorded once it has happened",
                    "移出日期晚于本条记录的日期 " + entry_.effective.to_string() +
                        "：移出（迁出、死亡等）发生后再登记");
    }
    current->stays.back().removed = change.removed;
    put<BeneficiariesTable>(views_, *current);
  }
}

void Applier::operator()(const PlanApproved& plan) {
  const auto owner = party(plan.owner);
  if (!owner) {
    refuse("owner", "no party " + std::to_string(plan.owner),
           "分配方案的产权主体 " + std::to_string(plan.owner) + " 未在台账中登记");
  }
  const std::optional<PlanOwner> owner_kind = plan_owner_of(owner->data.kind);
  if (!owner_kind) {
    refuse(
        "owner",
        "party " + std::to_string(plan.owner) + " is a " + std::string(name_of(owner->data.kind)) +
            ": its part of any income is its own, allocated by no plan",
        "主体 " + std::to_string(plan.owner) + " 是" + std::string(chinese_name(owner->data.kind)) +
            "，所得收益归自己所有，不按分配方案分配，无需登记分配方案");
  }
  authorize(Write::kApprovePlan, owner->data.division, std::nullopt);
  const PolicyDefined policy = policy_now();
  const PlanRule& rule = policy.plan_rule(*owner_kind);
  check_plan(plan, policy);
  // The procedure of the owner's kind (policy data): its meeting's resolution and the notice
  // that published it, and/or the county bureau's consent to its own decision.
  if (rule.resolution) {
    Resolution r = resolution(plan.resolution);
    if (r.subject != ResolutionSubject::kAllocationPlan) {
      refuse("resolution", "resolution " + std::to_string(r.id) + " is not on an allocation plan",
             "第 " + std::to_string(r.id) + " 条记录的决议不是关于收益分配方案的决议");
    }
    if (r.village != plan.owner) {
      refuse("resolution",
             "resolution " + std::to_string(r.id) + " is of party " + std::to_string(r.village) +
                 ", not the plan's owner " + std::to_string(plan.owner),
             "第 " + std::to_string(r.id) + " 条记录的决议是主体 " + std::to_string(r.village) +
                 " 的决议，不是本方案产权主体 " + std::to_string(plan.owner) + " 的决议");
    }
    if (rule.publicity) {
      const Notice n = notice(plan.notice);
      if (n.subject != NoticeSubject::kAllocationPlan || n.subject_id != r.id) {
        refuse("notice",
               "notice " + std::to_string(n.id) + " does not publish resolution " +
                   std::to_string(r.id),
               "公示（第 " + std::to_string(n.id) + " 条记录）公示的不是第 " +
                   std::to_string(r.id) + " 条记录的分配方案决议");
      }
      // On the owner's own board: its village's or its township's, not a county's.
      const DivisionLevel level = division_level(n.board);
      if (!division_contains(n.board, owner->data.division) ||
          (level != DivisionLevel::kVillage && level != DivisionLevel::kTownship)) {
        refuse("notice",
               "notice " + std::to_string(n.id) + " is on the board of " + n.board +
                   ", not the village or township board of party " + std::to_string(plan.owner) +
                   " (" + owner->data.division + ")",
               "公示（第 " + std::to_string(n.id) + " 条记录）发布在区划 " + n.board +
                   "，分配方案须在主体 " + std::to_string(plan.owner) + "（区划 " +
                   owner->data.division + "）所在村或乡镇的公示栏公示");
      }
      require_run(n);
    } else if (plan.notice != 0) {
      throw_invalid(
          "notice", std::to_string(plan.notice),
          "the policy publishes no plan of a " + std::string(name_of(*owner_kind)) +
              " owner; give 0",
          "政策设置不要求公示" + std::string(chinese_name(*owner_kind)) + "的分配方案，公示请填 0");
    }
    use_resolution(r);
  } else if (plan.resolution != 0 || plan.notice != 0) {
    throw_invalid(plan.resolution != 0 ? "resolution" : "notice",
                  std::to_string(plan.resolution != 0 ? plan.resolution : plan.notice),
                  "a " + std::string(name_of(*owner_kind)) +
                      " owner's plan is its own decision (name it in `decision`), not a "
                      "village meeting's",
                  std::string(chinese_name(*owner_kind)) +
                      "的分配方案由其自行决定（在 decision 中写明决定文件），不经村民会议决议，"
                      "决议和公示请填 0");
  }
  if (rule.county_consent) {
    const Actor actor = acting();
    if (actor.role != Role::kCountyRuralRevitalization) {
      throw_error(ErrorKind::kUnauthorized,
                  "actor " + std::to_string(actor.id) + " (" + std::string(role_name(actor.role)) +
                      ") may not record a " + std::string(name_of(*owner_kind)) +
                      " owner's plan: the county rural-revitalisation bureau records it as its "
                      "consent",
                  "人员 " + std::to_string(actor.id) + "（" +
                      std::string(chinese_name(actor.role)) + "）不能登记" +
                      std::string(chinese_name(*owner_kind)) +
                      "的分配方案：应由县乡村振兴局登记，以示同意");
    }
    if (plan.decision.empty()) {
      throw_invalid("decision", "", "name the owner's own decision (its document) on the plan",
                    "请写明产权主体对分配方案的决定（文件名称或文号）");
    }
  }
  put<PlansTable>(views_, {stamp_.sequence, plan, entry_.effective});
  put<PlansByOwnerTable>(views_, {plan.owner, plan.restricted, stamp_.sequence});
}

// The lines' purposes and payees, as far as they can be judged before any income.
void Applier::check_plan(const PlanApproved& plan, const PolicyDefined& policy) {
  if (plan.proportional.empty()) {
    throw_invalid("proportional", "[]",
                  "a plan needs at least one proportional line to take what remains",
                  "分配方案至少要有一个按比例分配项，用来分配剩余的收益");
  }
  std::vector<std::string> names;
  for (const auto& f : plan.fixed) names.push_back(f.line);
  for (const auto& g : plan.guaranteed) names.push_back(g.line);
  for (const auto& p : plan.proportional) names.push_back(p.line);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) {
      throw_invalid("line", "", "every line of a plan has a name",
                    "分配方案的每个分配项都要有名称");
    }
    if (std::find(names.begin(), names.begin() + static_cast<long>(i), names[i]) !=
        names.begin() + static_cast<long>(i)) {
      throw_invalid("line", names[i], "named twice in the plan",
                    "分配项名称“" + names[i] + "”在方案中重复，请改用不同的名称");
    }
  }
  const PurposeRules purposes = purposes_of(policy);
  AllocationPlan checked = to_allocation_plan(plan);
  checked.purposes = &purposes;
  allocate(Money(), checked, 365);
  if (plan.restricted) check_restricted_purposes(plan, "plan", policy);
  // A support or post-wage line names the list of its payees.
  auto named = [](const std::string& field, const std::string& purpose, const std::string& list) {
    if ((is_support(purpose) || is_post_wages(purpose)) && list.empty()) {
      throw_invalid(field, "",
                    "a " + purpose + " line names the list of its " +
                        (is_support(purpose) ? "households" : "post holders"),
                    is_support(purpose)
                        ? "帮扶无劳动能力人员（support_unable_to_work）的分配项须写明受益农户名单"
                        : "公益性岗位（public_welfare_posts）的分配项须写明岗位人员名单");
    }
  };
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    named("fixed[" + std::to_string(i) + "].payees", plan.fixed[i].purpose, plan.fixed[i].payees);
  }
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    named("proportional[" + std::to_string(i) + "].beneficiary_list", plan.proportional[i].purpose,
          plan.proportional[i].beneficiary_list);
  }
  // Guarantee holders: existing parties that may hold one; a household only through a list it
  // is on, so that its removal or death ends the guarantee.
  for (std::size_t i = 0; i < plan.guaranteed.size(); ++i) {
    const GuaranteedPlanLine& g = plan.guaranteed[i];
    const std::string field = "guaranteed[" + std::to_string(i) + "]";
    const auto holder = party(g.party);
    if (!holder) {
      refuse(field + ".party", "no party " + std::to_string(g.party),
             "保底收益分配项“" + g.line + "”的享有主体 " + std::to_string(g.party) +
                 " 未在台账中登记");
    }
    const PartyKind kind = holder->data.kind;
    if (kind != PartyKind::kHousehold && kind != PartyKind::kVillageCollective &&
        kind != PartyKind::kVillagerGroup && kind != PartyKind::kCooperative) {
      refuse(field + ".party",
             "party " + std::to_string(g.party) + " is a " + std::string(name_of(kind)) +
                 "; a guarantee is held by a household, a village collective, a "
                 "villager group or a cooperative",
             "主体 " + std::to_string(g.party) + " 是" + std::string(chinese_name(kind)) +
                 "；保底收益只能由农户、村集体经济组织、村民小组或合作社享有");
    }
    if (kind == PartyKind::kHousehold && g.list.empty()) {
      throw_invalid(field + ".list", "",
                    "a household's guarantee names the beneficiary list it is on",
                    "农户享有的保底收益须写明该农户所在的受益对象名单");
    }
    if (!g.list.empty()) {
      const auto member = find<BeneficiariesTable>(views_, plan.owner, g.list, g.party);
      if (!member || !member->on_list()) {
        refuse(field + ".party",
               "party " + std::to_string(g.party) + " is not on the list \"" + g.list + "\"",
               "主体 " + std::to_string(g.party) + " 不在名单“" + g.list +
                   "”中，不能享有保底收益分配项“" + g.line + "”");
      }
    }
  }
}

void Applier::operator()(const AllocationRecorded& allocation) {
  if (allocation.incomes.empty()) {
    throw_invalid("incomes", "[]", "name at least one income", "请至少列出一笔要分配的收益");
  }
  if (allocation.owner != 0 && !party(allocation.owner)) {
    refuse("owner", "no party " + std::to_string(allocation.owner),
           "产权主体 " + std::to_string(allocation.owner) + " 未在台账中登记");
  }
  const PolicyDefined policy = policy_now();
  const PurposeRules purposes = purposes_of(policy);
  AllocationContext context;
  AllocationRecord record{stamp_.sequence, allocation.owner, entry_.effective, 0, {}};
  std::set<std::uint64_t> seen;
  for (std::size_t i = 0; i < allocation.incomes.size(); ++i) {
    const std::uint64_t id = allocation.incomes[i];
    const std::string field = "incomes[" + std::to_string(i) + "]";
    if (!seen.insert(id).second) {
      throw_invalid(field, std::to_string(id), "named twice",
                    "第 " + std::to_string(id) + " 条记录的收益列了两次");
    }
    const auto income = find<IncomesTable>(views_, id);
    if (!income) {
      refuse(field, "no income " + std::to_string(id),
             "第 " + std::to_string(id) + " 条记录不是收益，找不到要分配的收益");
    }
    // Who is entitled is known once the period has ended.
    if (entry_.effective < income->until) {
      refuse(field,
             "income " + std::to_string(id) + " is earned until " + income->until.to_string() +
                 "; it is allocated once that period has ended",
             "收益（第 " + std::to_string(id) + " 条记录）的所属期间到 " +
                 income->until.to_string() + " 才结束；期间结束、确定了受益对象后才能分配");
    }
    std::vector<IncomePartsTable::Record> parts;
    scan<IncomePartsTable>(
        views_,
        [&](IncomePartsTable::Record part) {
          if (allocation.owner == 0 || part.owner == allocation.owner) {
            parts.push_back(std::move(part));
          }
          return true;
        },
        id);
    if (parts.empty()) {
      refuse(field,
             "party " + std::to_string(allocation.owner) + " owns no part of income " +
                 std::to_string(id),
             "主体 " + std::to_string(allocation.owner) + " 在收益（第 " + std::to_string(id) +
                 " 条记录）中没有份额");
    }
    std::size_t allocated = 0;
    for (IncomePartsTable::Record& part : parts) {
      const std::string at = field + " (owner " + std::to_string(part.owner) + ")";
      if (part.disposition != PartDisposition::kAllocate) {
        if (allocation.owner != 0) {
          refuse(at,
                 std::string("this part is ") +
                     (part.disposition == PartDisposition::kOwn
                          ? "the owner's own money, allocated by no plan"
                          : "disposal proceeds of a state owner, remitted to the treasury"),
                 part.disposition == PartDisposition::kOwn
                     ? "主体 " + std::to_string(part.owner) +
                           " 的这部分收益归其自己所有，不按分配方案分配"
                     : "主体 " + std::to_string(part.owner) +
                           " 的这部分是国有产权主体的处置收入，应上缴国库，不在此分配");
        }
        continue;
      }
      if (part.allocation != 0) {
        throw_error(ErrorKind::kConflict,
                    at + ": the part of income " + std::to_string(id) + " was allocated by entry " +
                        std::to_string(part.allocation),
                    "主体 " + std::to_string(part.owner) + " 在收益（第 " + std::to_string(id) +
                        " 条记录）中的部分已由第 " + std::to_string(part.allocation) +
                        " 条记录分配过，不能重复分配");
      }
      allocate_part(part, *income, policy, purposes, context, at);
      put<IncomePartsTable>(views_, part);
      record.parts.emplace_back(part.income, part.owner);
      ++allocated;
    }
    if (allocated == 0) {
      refuse(field,
             "income " + std::to_string(id) +
                 " has no part to allocate (its owners' parts are their own)",
             "收益（第 " + std::to_string(id) +
                 " 条记录）没有需要分配的部分：各产权主体的部分归其自己所有");
    }
  }
  append<AllocationsTable>(views_, record);
}

// One owner's part by that owner's plan in force, over the income's period.
void Applier::allocate_part(IncomePartsTable::Record& part, const IncomesTable::Record& income,
                            const PolicyDefined& policy, const PurposeRules& purposes,
                            AllocationContext& context, const std::string& field) {
  const Party owner = existing_party(part.owner);
  authorize(Write::kRecordIncome, owner.data.division, std::nullopt);
  // The plan in force: the owner's latest of the kind this income needs.
  const auto key = std::make_pair(part.owner, part.restricted);
  auto found = context.plans.find(key);
  if (found == context.plans.end()) {
    std::uint64_t latest = 0;
    scan<PlansByOwnerTable>(
        views_,
        [&](const PlansByOwnerTable::Record& r) {
          latest = r.plan;
          return true;
        },
        part.owner, part.restricted);
    std::optional<PlansTable::Record> stored;
    if (latest != 0) stored = find<PlansTable>(views_, latest);
    found = context.plans.emplace(key, std::move(stored)).first;
  }
  if (!found->second) {
    refuse(field,
           "party " + std::to_string(part.owner) + " (" + owner.data.name + ") has no approved " +
               (part.restricted ? "plan for disposal proceeds" : "plan") +
               " to allocate its part by",
           "主体 " + std::to_string(part.owner) + "（" + owner.data.name + "）还没有批准的" +
               (part.restricted ? "处置收入分配方案" : "收益分配方案") +
               "，无法分配它的这部分收益：请先按程序批准分配方案");
  }
  const std::uint64_t plan_id = found->second->id;
  const PlanApproved& plan = found->second->plan;
  if (entry_.effective < found->second->approved) {
    refuse(field,
           "the plan in force, " + std::to_string(plan_id) + ", was approved on " +
               found->second->approved.to_string() + ", after this allocation's date " +
               entry_.effective.to_string(),
           "现行分配方案（第 " + std::to_string(plan_id) + " 条记录）于 " +
               found->second->approved.to_string() + " 批准，晚于本次分配的日期 " +
               entry_.effective.to_string() + "：分配日期不能早于方案批准日期");
  }
  if (part.restricted) check_restricted_purposes(plan, field, policy);
  // Lines whose purpose only some categories of asset may pay are left out for the others: a
  // fixed line is not paid, a proportional line's fraction goes to the other lines.
  const AssetCategory category = category_of(part.asset, context);
  auto applies = [&](const std::string& purpose) {
    for (const PurposeRule& rule : policy.purposes) {
      if (rule.name == purpose && !rule.categories.empty()) {
        return std::find(rule.categories.begin(), rule.categories.end(), category) !=
               rule.categories.end();
      }
    }
    return true;
  };

  const Period period = period_of(income);
  // Who is entitled over the period, and by how much: weight of each month's stay, summed over
  // the months of the period, over its months.
  // A list member paid: who, its weight for the period, and the months it counted.
  struct Payee {
    std::uint64_t party = 0;
    Weight weight;
    std::uint64_t months = 0;
  };
  using Payees = std::vector<Payee>;
  auto entitled = [&](const std::string& list, const std::string& line,
                      const std::string& purpose) {
    Payees out;
    for (const BeneficiariesTable::Record& member : members_of(part.owner, list, context)) {
      std::uint64_t months = 0;
      const Weight weight = entitled_weight(member.stays, period, field, months);
      if (weight.numerator == 0) continue;
      if (is_support(purpose) || is_post_wages(purpose)) {
        const Party payee = party_in(member.party, context);
        if (payee.data.kind != PartyKind::kHousehold) {
          refuse(field,
                 "line \"" + line + "\" (" + purpose + ") pays party " +
                     std::to_string(member.party) + ", which is not a household",
                 "分配项“" + line + "”用于" + std::string(chinese_purpose(purpose)) +
                     "，只能付给农户，名单“" + list + "”中的主体 " + std::to_string(member.party) +
                     " 不是农户");
        }
        if (is_support(purpose) && !payee.data.unable_to_work) {
          refuse(field,
                 "line \"" + line + "\" supports people unable to work; household " +
                     std::to_string(member.party) + " (" + payee.data.name + ") on list \"" + list +
                     "\" is not flagged unable to work",
                 "分配项“" + line + "”用于帮扶无劳动能力人员；名单“" + list + "”中的农户 " +
                     std::to_string(member.party) + "（" + payee.data.name +
                     "）没有标记为无劳动能力：请核实后更正农户信息或移出名单");
        }
      }
      out.push_back({member.party, weight, months});
    }
    if (out.empty()) {
      refuse(field,
             "list \"" + list + "\" of line \"" + line + "\" has nobody entitled from " +
                 period.from.to_string() + " to " + period.until.to_string(),
             "分配项“" + line + "”的名单“" + list + "”在 " + period.from.to_string() + " 至 " +
                 period.until.to_string() + " 期间没有应受益的对象");
    }
    return out;
  };
  AllocationPlan checked;
  checked.purposes = &purposes;
  std::vector<std::size_t> fixed_line, proportional_line;  // the plan's index of each line kept
  std::vector<Payees> fixed_payees, members;
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    const FixedPlanLine& line = plan.fixed[i];
    if (!applies(line.purpose)) continue;
    FixedLine out{line.line, line.purpose, line.amount, {}};
    Payees payees;
    if (!line.payees.empty()) {
      // The amount is each payee's for the whole period at weight 1: the line pays
      // amount × the sum of the payees' entitled weights, rounded half up to the fen.
      payees = entitled(line.payees, line.line, line.purpose);
      BigInt numerator = 0, denominator = 1;
      for (const Payee& payee : payees) {
        numerator = numerator * payee.weight.denominator + denominator * payee.weight.numerator;
        denominator *= payee.weight.denominator;
      }
      numerator *= line.amount.fen();
      const BigInt fen = (2 * numerator + denominator) / (2 * denominator);
      if (fen > std::numeric_limits<std::int64_t>::max() || fen == 0) {
        refuse(field,
               "line \"" + line.line + "\" comes to " +
                   (fen == 0 ? std::string("nothing") : std::string("more than Int64 fen")) +
                   " for its payees' months",
               "固定分配项“" + line.line + "”按受益对象的月数折算后" +
                   (fen == 0 ? std::string("为 0 元，分不到钱")
                             : std::string("金额过大，超出台账可记录的范围")));
      }
      out.amount = Money::from_fen(static_cast<std::int64_t>(fen));
      for (const Payee& payee : payees) out.payees.push_back(payee.weight);
    }
    checked.fixed.push_back(std::move(out));
    fixed_payees.push_back(std::move(payees));
    fixed_line.push_back(i);
  }
  // A guarantee accrues over the days of the period its holder was entitled to (on its list),
  // and is paid once for each day: days an earlier income of the owner already paid are left
  // out.
  std::vector<GuaranteeDaysTable::Record> paid_days;
  for (const GuaranteedPlanLine& g : plan.guaranteed) {
    std::vector<bool> on(static_cast<std::size_t>(period.months()), g.list.empty());
    if (!g.list.empty()) {
      for (const BeneficiariesTable::Record& member : members_of(part.owner, g.list, context)) {
        if (member.party == g.party) on = months_on_list(member.stays, period);
      }
    }
    GuaranteeDaysTable::Record paid{part.owner, g.party, {}};
    if (auto stored = find<GuaranteeDaysTable>(views_, part.owner, g.party)) {
      paid = std::move(*stored);
    }
    // The same holder on two lines of this plan: the days the earlier line takes are taken.
    for (const GuaranteeDaysTable::Record& earlier : paid_days) {
      if (earlier.holder == g.party) paid = earlier;
    }
    const std::int32_t days = unpaid_days(on, period, paid.days);
    checked.guaranteed.push_back(guaranteed_line(g, days));
    paid_days.push_back(std::move(paid));
  }
  BigInt kept_numerator = 0, kept_denominator = 1;  // the fractions of the lines kept
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    const ProportionalPlanLine& line = plan.proportional[i];
    if (!applies(line.purpose)) continue;
    kept_numerator =
        kept_numerator * line.fraction.denominator() + kept_denominator * line.fraction.numerator();
    kept_denominator *= line.fraction.denominator();
    ProportionalLine out{line.line, line.purpose, line.fraction, {}};
    Payees beneficiaries;
    if (!line.beneficiary_list.empty()) {
      beneficiaries = entitled(line.beneficiary_list, line.line, line.purpose);
      for (const Payee& member : beneficiaries) out.beneficiaries.push_back(member.weight);
    }
    checked.proportional.push_back(std::move(out));
    members.push_back(std::move(beneficiaries));
    proportional_line.push_back(i);
  }
  if (proportional_line.size() < plan.proportional.size() && !proportional_line.empty()) {
    // Each kept fraction over the sum of those kept, so that they sum to 1 again.
    for (ProportionalLine& line : checked.proportional) {
      BigInt n = BigInt(line.fraction.numerator()) * kept_denominator;
      BigInt d = BigInt(line.fraction.denominator()) * kept_numerator;
      const BigInt common = boost::multiprecision::gcd(n, d);
      n /= common;
      d /= common;
      if (d > std::numeric_limits<std::uint64_t>::max()) {
        refuse(field,
               "line \"" + line.line +
                   "\": its fraction among the lines kept is beyond 64 "
                   "bits",
               "按比例分配项“" + line.line +
                   "”在本资产适用的分配项中重新折算的比例数字过大，超出可计算的范围");
      }
      line.fraction = Share::of(static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(d));
    }
  }
  const std::vector<AllocationRow> rows = allocate(part.amount, checked, period.days());
  // Days are settled by a guarantee paid (in full, or scaled down when money was short); a part
  // that paid a holder nothing settles none of its days.
  std::map<std::uint64_t, bool> paid_something;
  for (const AllocationRow& row : rows) {
    if (row.kind == AllocationRow::Kind::kGuaranteed && row.amount > Money()) {
      paid_something[plan.guaranteed[row.line].party] = true;
    }
  }
  for (auto it = paid_days.rbegin(); it != paid_days.rend(); ++it) {
    // The last record of a holder holds the days of all its lines in this plan.
    const bool later = std::any_of(paid_days.rbegin(), it,
                                   [&](const auto& other) { return other.holder == it->holder; });
    if (!later && !it->days.empty() && paid_something[it->holder]) {
      put<GuaranteeDaysTable>(views_, *it);
    }
  }
  // The months each list member counted are kept with its payment: a removal entered later and
  // dated inside the period shows as a payment beyond its months (audit).
  part.rows.clear();
  for (const AllocationRow& row : rows) {
    std::uint64_t payee = 0;
    std::uint64_t months = 0;
    std::size_t line = row.line;
    if (row.kind == AllocationRow::Kind::kGuaranteed) {
      const GuaranteedPlanLine& g = plan.guaranteed[row.line];
      payee = g.party;
      if (!g.list.empty()) {
        for (const BeneficiariesTable::Record& member : members_of(part.owner, g.list, context)) {
          if (member.party != payee) continue;
          const std::vector<bool> on = months_on_list(member.stays, period);
          months = static_cast<std::uint64_t>(std::count(on.begin(), on.end(), true));
        }
      }
    }
    if (row.kind == AllocationRow::Kind::kFixed) {
      line = fixed_line[row.line];
      if (row.beneficiary) {
        payee = fixed_payees[row.line][*row.beneficiary].party;
        months = fixed_payees[row.line][*row.beneficiary].months;
      }
    }
    if (row.kind == AllocationRow::Kind::kProportional) {
      line = proportional_line[row.line];
      if (row.beneficiary) {
        payee = members[row.line][*row.beneficiary].party;
        months = members[row.line][*row.beneficiary].months;
      }
    }
    part.rows.push_back(
        {static_cast<IncomePartsTable::LineKind>(row.kind), line, payee, row.amount, months});
  }
  part.allocation = stamp_.sequence;
  part.plan = plan_id;
}

const std::vector<BeneficiariesTable::Record>& Applier::members_of(std::uint64_t owner,
                                                                   const std::string& list,
                                                                   AllocationContext& context) {
  const auto key = std::make_pair(owner, list);
  auto found = context.lists.find(key);
  if (found != context.lists.end()) return found->second;
  std::vector<BeneficiariesTable::Record> out;
  scan<BeneficiariesTable>(
      views_,
      [&](BeneficiariesTable::Record member) {
        out.push_back(std::move(member));
        return true;
      },
      owner, list);
  return context.lists.emplace(key, std::move(out)).first->second;
}

const Party& Applier::party_in(std::uint64_t id, AllocationContext& context) {
  auto found = context.parties.find(id);
  if (found == context.parties.end()) found = context.parties.emplace(id, existing_party(id)).first;
  return found->second;
}

AssetCategory Applier::category_of(std::uint64_t asset, AllocationContext& context) {
  auto found = context.categories.find(asset);
  if (found != context.categories.end()) return found->second;
  const auto record = views_.get(AssetsTable::kName, AssetsTable::key(asset).view());
  TAIZHANG_ASSERT(record, "an income part of no asset " + std::to_string(asset));
  AssetCategory category = AssetCategory::kOther;
  // Only the category is needed: read it in place rather than decoding the whole asset.
  AssetsTable::read(*record, [&](schema::AssetRecord::Reader r) {
    category = static_cast<AssetCategory>(r.getDescription().getCategory());
  });
  context.categories.emplace(asset, category);
  return category;
}

PurposeRules Applier::purposes_of(const PolicyDefined& policy) {
  PurposeRules rules;
  for (const PurposeRule& p : policy.purposes) rules.allowed.push_back(p.name);
  rules.prohibited = policy.prohibited_purposes;
  return rules;
}

// Disposal proceeds of a collective asset go only to consolidation and rural revitalisation
// (public-welfare posts and support for people unable to work included), and pay no guarantee.
void Applier::check_restricted_purposes(const PlanApproved& plan, const std::string& field,
                                        const PolicyDefined& policy) {
  auto allowed = [&](const std::string& purpose) {
    return std::any_of(policy.purposes.begin(), policy.purposes.end(),
                       [&](const PurposeRule& p) { return p.name == purpose && p.restricted_ok; });
  };
  if (!plan.guaranteed.empty()) {
    refuse(field, "disposal proceeds are restricted income and pay no guaranteed returns",
           "处置收入是限定用途的收入，不能支付保底收益：处置收入分配方案不能设保底收益分配项");
  }
  auto check = [&](const std::string& purpose) {
    if (!allowed(purpose)) {
      refuse(field,
             "disposal proceeds are restricted to consolidation and rural revitalisation, not " +
                 purpose,
             "处置收入只能用于巩固拓展脱贫攻坚成果和乡村振兴，不能用于“" + purpose + "”" +
                 (chinese_purpose(purpose) == purpose
                      ? std::string()
                      : "（" + std::string(chinese_purpose(purpose)) + "）"));
    }
  };
  for (const FixedPlanLine& line : plan.fixed) check(line.purpose);
  for (const ProportionalPlanLine& line : plan.proportional) check(line.purpose);
}

AllocationPlan Applier::to_allocation_plan(const PlanApproved& plan) {
  AllocationPlan out;
  for (const FixedPlanLine& f : plan.fixed) out.fixed.push_back({f.line, f.purpose, f.amount, {}});
  for (const GuaranteedPlanLine& g : plan.guaranteed) out.guaranteed.push_back(guaranteed_line(g));
  for (const ProportionalPlanLine& p : plan.proportional) {
    out.proportional.push_back({p.line, p.purpose, p.fraction, {}});
  }
  return out;
}

GuaranteedLine Applier::guaranteed_line(const GuaranteedPlanLine& g,
                                        std::optional<std::int32_t> days) {
  return {g.line, g.principal, g.rate,
          g.amount > Money() ? std::optional<Money>(g.amount) : std::nullopt, days};
}

}  // namespace taizhang::domain

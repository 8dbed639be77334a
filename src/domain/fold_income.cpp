// The fold for income (docs/rules.md §4): income and its owners' parts, beneficiary lists, plans
// and allocations.
//
// An income (or disposal proceeds) is split among the asset's owners by their shares when it is
// recorded: one income_parts record per owner. An allocation then takes each part it names by
// that owner's plan in force, with the entitlement of every payee judged over the income's own
// earning period, and writes the payments into the part.
#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/fold.h"
#include "domain/valuation.h"
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

// The months of `period` a member was on the list: from the month it was added to the month it
// was removed (or died), inclusive; nothing from the month after.
std::vector<bool> months_on_list(const std::vector<BeneficiariesTable::Stay>& stays,
                                 const Period& period) {
  std::vector<bool> on(static_cast<std::size_t>(period.months()), false);
  for (const BeneficiariesTable::Stay& stay : stays) {
    const std::int32_t first = std::max(period.first_month, month_number(stay.added));
    const std::int32_t last =
        std::min(period.last_month, stay.removed ? month_number(*stay.removed) : period.last_month);
    for (std::int32_t m = first; m <= last; ++m) on[m - period.first_month] = true;
  }
  return on;
}

// The days of `period` that fall in the months marked in `on`.
std::int32_t days_in(const std::vector<bool>& on, const Period& period) {
  std::int32_t days = 0;
  for (std::int32_t m = period.first_month; m <= period.last_month; ++m) {
    if (!on[m - period.first_month]) continue;
    const Date start = std::max(period.from, first_of_month(m));
    const Date end = std::min(period.until, first_of_month(m + 1).plus_days(-1));
    days += end.days() - start.days() + 1;
  }
  return days;
}

// weight × entitled / months, reduced; RuleViolation if it does not fit 64 bits.
Weight scaled(std::uint64_t numerator, std::uint64_t denominator, std::uint64_t entitled,
              std::uint64_t months, const std::string& field) {
  const std::uint64_t a = std::gcd(entitled, denominator);
  const std::uint64_t b = std::gcd(numerator, months);
  Weight w;
  if (__builtin_mul_overflow(numerator / b, entitled / a, &w.numerator) ||
      __builtin_mul_overflow(denominator / a, months / b, &w.denominator)) {
    refuse(field, "a weight scaled by months entitled is beyond 64 bits");
  }
  return w;
}

bool is_support(const std::string& purpose) { return purpose == "support_unable_to_work"; }
bool is_post_wages(const std::string& purpose) { return purpose == "public_welfare_posts"; }

}  // namespace

// --- income (docs/rules.md §4) ----------------------------------------------------------
void Applier::operator()(const IncomeRecorded& income) {
  Asset asset = existing(income.asset);
  authorize(Write::kRecordIncome, asset.description.division, asset.asset_class);
  if (asset.asset_class == AssetClass::kHousehold) {
    refuse("asset",
           "a household asset's income is the household's own and is not recorded for "
           "allocation; " +
               asset.code + " is a household asset");
  }
  if (asset.status == AssetStatus::kDisposed) {
    refuse("asset", asset.code + " is disposed of and earns nothing");
  }
  if (income.amount <= Money()) {
    throw_invalid("amount", income.amount.to_yuan_string(), "must be positive");
  }
  check_period(income.from, income.until, true);
  if (income.until.days() - income.from.days() + 1 > kIncomePeriodDaysMax) {
    throw_invalid("until", income.until.to_string(),
                  "a period of more than " + std::to_string(kIncomePeriodDaysMax) + " days");
  }
  if (income.payer_party != 0 && !party(income.payer_party)) {
    refuse("payer_party", "no party " + std::to_string(income.payer_party));
  }
  record_parts(asset, income.amount, income.from, income.until, false, income.payer_party);
  advance(asset);
}

// The income record and one part per owner, split by shares with the largest-remainder rule.
void Applier::record_parts(const Asset& asset, Money amount, Date from, Date until, bool restricted,
                           std::uint64_t payer) {
  if (asset.owners.empty()) {
    refuse("asset", asset.code + " has no confirmed owners to receive its income");
  }
  append<IncomesTable>(views_, {stamp_.sequence, asset.id, amount, from, until, restricted, payer});
  std::vector<Weight> shares;
  for (const OwnerShare& owner : asset.owners) {
    shares.push_back({owner.share.numerator(), owner.share.denominator()});
  }
  const std::vector<Money> parts = split_largest_remainder(amount, shares);
  for (std::size_t i = 0; i < asset.owners.size(); ++i) {
    const OwnerShare& owner = asset.owners[i];
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
    put<IncomePartsTable>(views_, part);
  }
}

void Applier::operator()(const BeneficiaryChanged& change) {
  const auto member = party(change.party);
  if (!member || (member->data.kind != PartyKind::kHousehold &&
                  member->data.kind != PartyKind::kVillageCollective &&
                  member->data.kind != PartyKind::kVillagerGroup)) {
    refuse("party",
           "a beneficiary list holds households (or, for a township's plan, villages); "
           "party " +
               std::to_string(change.party) + " is not one");
  }
  if (change.list.empty()) throw_invalid("list", "", "name the list");
  authorize(Write::kRecordIncome, member->data.division, std::nullopt);
  auto current = find<BeneficiariesTable>(views_, change.list, change.party);
  if (change.removed.days() == 0) {
    if (change.weight_numerator == 0 || change.weight_denominator == 0) {
      throw_invalid(
          "weight",
          std::to_string(change.weight_numerator) + "/" + std::to_string(change.weight_denominator),
          "must be positive");
    }
    if (current && current->on_list()) {
      throw_error(ErrorKind::kConflict,
                  "party " + std::to_string(change.party) + " is already on " + change.list);
    }
    BeneficiariesTable::Record record =
        current ? std::move(*current)
                : BeneficiariesTable::Record{change.list, change.party, 1, 1, {}};
    // On the list from the entry's effective date: it counts from that month on.
    if (!record.stays.empty() && entry_.effective < *record.stays.back().removed) {
      refuse("effective", "party " + std::to_string(change.party) + " left " + change.list +
                              " on " + record.stays.back().removed->to_string() +
                              "; it cannot rejoin before that");
    }
    record.weight_numerator = change.weight_numerator;
    record.weight_denominator = change.weight_denominator;
    record.stays.push_back({entry_.effective, std::nullopt});
    put<BeneficiariesTable>(views_, record);
  } else {
    if (!current || !current->on_list()) {
      refuse("party", "party " + std::to_string(change.party) + " is not on " + change.list);
    }
    if (change.removed < current->stays.back().added) {
      throw_invalid("removed", change.removed.to_string(),
                    "before the party joined " + change.list + " on " +
                        current->stays.back().added.to_string());
    }
    current->stays.back().removed = change.removed;
    put<BeneficiariesTable>(views_, *current);
  }
}

void Applier::operator()(const PlanApproved& plan) {
  const auto owner = party(plan.owner);
  if (!owner) refuse("owner", "no party " + std::to_string(plan.owner));
  const std::optional<PlanOwner> owner_kind = plan_owner_of(owner->data.kind);
  if (!owner_kind) {
    refuse("owner", "party " + std::to_string(plan.owner) + " is a " +
                        std::string(name_of(owner->data.kind)) +
                        ": its part of any income is its own, allocated by no plan");
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
      refuse("resolution", "resolution " + std::to_string(r.id) + " is not on an allocation plan");
    }
    if (r.village != plan.owner) {
      refuse("resolution", "resolution " + std::to_string(r.id) + " is of party " +
                               std::to_string(r.village) + ", not the plan's owner " +
                               std::to_string(plan.owner));
    }
    if (rule.publicity) {
      const Notice n = notice(plan.notice);
      if (n.subject != NoticeSubject::kAllocationPlan || n.subject_id != r.id) {
        refuse("notice", "notice " + std::to_string(n.id) + " does not publish resolution " +
                             std::to_string(r.id));
      }
      require_run(n);
    } else if (plan.notice != 0) {
      throw_invalid("notice", std::to_string(plan.notice),
                    "the policy publishes no plan of a " + std::string(name_of(*owner_kind)) +
                        " owner; give 0");
    }
    use_resolution(r);
  } else if (plan.resolution != 0 || plan.notice != 0) {
    throw_invalid(plan.resolution != 0 ? "resolution" : "notice",
                  std::to_string(plan.resolution != 0 ? plan.resolution : plan.notice),
                  "a " + std::string(name_of(*owner_kind)) +
                      " owner's plan is its own decision (name it in `decision`), not a "
                      "village meeting's");
  }
  if (rule.county_consent) {
    const Actor actor = acting();
    if (actor.role != Role::kCountyRuralRevitalization) {
      throw_error(ErrorKind::kUnauthorized,
                  "actor " + std::to_string(actor.id) + " (" + std::string(role_name(actor.role)) +
                      ") may not record a " + std::string(name_of(*owner_kind)) +
                      " owner's plan: the county rural-revitalisation bureau records it as its "
                      "consent");
    }
    if (plan.decision.empty()) {
      throw_invalid("decision", "", "name the owner's own decision (its document) on the plan");
    }
  }
  put<PlansTable>(views_, {stamp_.sequence, plan});
  put<PlansByOwnerTable>(views_, {plan.owner, plan.restricted, stamp_.sequence});
}

// The lines' purposes and payees, as far as they can be judged before any income.
void Applier::check_plan(const PlanApproved& plan, const PolicyDefined& policy) {
  const PurposeRules purposes = purposes_of(policy);
  AllocationPlan checked = to_allocation_plan(plan, {}, {});
  checked.purposes = &purposes;
  allocate(Money(), checked, 365);
  if (plan.restricted) check_restricted_purposes(plan, "plan", policy);
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    const FixedPlanLine& line = plan.fixed[i];
    const std::string field = "fixed[" + std::to_string(i) + "]";
    if ((is_support(line.purpose) || is_post_wages(line.purpose)) && line.payees.empty()) {
      throw_invalid(field + ".payees", "",
                    "a " + line.purpose + " line names the list of its " +
                        (is_support(line.purpose) ? "households" : "post holders"));
    }
  }
  for (std::size_t i = 0; i < plan.proportional.size(); ++i) {
    const ProportionalPlanLine& line = plan.proportional[i];
    const std::string field = "proportional[" + std::to_string(i) + "]";
    if ((is_support(line.purpose) || is_post_wages(line.purpose)) &&
        line.beneficiary_list.empty()) {
      throw_invalid(field + ".beneficiary_list", "",
                    "a " + line.purpose + " line names the list of its " +
                        (is_support(line.purpose) ? "households" : "post holders"));
    }
  }
  // Guarantee holders: existing parties that may hold one; a household only through a list it
  // is on, so that its removal or death ends the guarantee.
  for (std::size_t i = 0; i < plan.guaranteed.size(); ++i) {
    const GuaranteedPlanLine& g = plan.guaranteed[i];
    const std::string field = "guaranteed[" + std::to_string(i) + "]";
    const auto holder = party(g.party);
    if (!holder) refuse(field + ".party", "no party " + std::to_string(g.party));
    const PartyKind kind = holder->data.kind;
    if (kind != PartyKind::kHousehold && kind != PartyKind::kVillageCollective &&
        kind != PartyKind::kVillagerGroup && kind != PartyKind::kCooperative) {
      refuse(field + ".party", "party " + std::to_string(g.party) + " is a " +
                                   std::string(name_of(kind)) +
                                   "; a guarantee is held by a household, a village collective, a "
                                   "villager group or a cooperative");
    }
    if (kind == PartyKind::kHousehold && g.list.empty()) {
      throw_invalid(field + ".list", "",
                    "a household's guarantee names the beneficiary list it is on");
    }
    if (!g.list.empty()) {
      const auto member = find<BeneficiariesTable>(views_, g.list, g.party);
      if (!member || !member->on_list()) {
        refuse(field + ".party",
               "party " + std::to_string(g.party) + " is not on the list \"" + g.list + "\"");
      }
    }
  }
}

void Applier::operator()(const AllocationRecorded& allocation) {
  if (allocation.incomes.empty()) throw_invalid("incomes", "[]", "name at least one income");
  if (allocation.owner != 0 && !party(allocation.owner)) {
    refuse("owner", "no party " + std::to_string(allocation.owner));
  }
  const PolicyDefined policy = policy_now();
  const PurposeRules purposes = purposes_of(policy);
  AllocationContext context;
  AllocationRecord record{stamp_.sequence, allocation.owner, entry_.effective, 0, {}};
  std::vector<std::uint64_t> seen;
  for (std::size_t i = 0; i < allocation.incomes.size(); ++i) {
    const std::uint64_t id = allocation.incomes[i];
    const std::string field = "incomes[" + std::to_string(i) + "]";
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
      throw_invalid(field, std::to_string(id), "named twice");
    }
    seen.push_back(id);
    const auto income = find<IncomesTable>(views_, id);
    if (!income) refuse(field, "no income " + std::to_string(id));
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
      refuse(field, "party " + std::to_string(allocation.owner) + " owns no part of income " +
                        std::to_string(id));
    }
    std::size_t allocated = 0;
    for (IncomePartsTable::Record& part : parts) {
      const std::string at = field + " (owner " + std::to_string(part.owner) + ")";
      if (part.disposition != PartDisposition::kAllocate) {
        if (allocation.owner != 0) {
          refuse(at, std::string("this part is ") +
                         (part.disposition == PartDisposition::kOwn
                              ? "the owner's own money, allocated by no plan"
                              : "disposal proceeds of a state owner, remitted to the treasury"));
        }
        continue;
      }
      if (part.allocation != 0) {
        throw_error(ErrorKind::kConflict, at + ": the part of income " + std::to_string(id) +
                                              " was allocated by entry " +
                                              std::to_string(part.allocation));
      }
      allocate_part(part, *income, policy, purposes, context, at);
      put<IncomePartsTable>(views_, part);
      record.parts.emplace_back(part.income, part.owner);
      ++allocated;
    }
    if (allocated == 0) {
      refuse(field, "income " + std::to_string(id) +
                        " has no part to allocate (its owners' parts are their own)");
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
    refuse(field, "party " + std::to_string(part.owner) + " (" + owner.data.name +
                      ") has no approved " +
                      (part.restricted ? "plan for disposal proceeds" : "plan") +
                      " to allocate its part by");
  }
  const std::uint64_t plan_id = found->second->id;
  const PlanApproved& plan = found->second->plan;
  if (part.restricted) check_restricted_purposes(plan, field, policy);
  // Purposes that only some categories of asset may pay.
  const AssetCategory category = category_of(part.asset, context);
  auto check_category = [&](const std::string& purpose, const std::string& line) {
    for (const PurposeRule& rule : policy.purposes) {
      if (rule.name != purpose || rule.categories.empty()) continue;
      if (std::find(rule.categories.begin(), rule.categories.end(), category) ==
          rule.categories.end()) {
        refuse(field, "line \"" + line + "\" pays " + purpose + ", which income of a " +
                          std::string(name_of(category)) + " asset may not pay");
      }
    }
  };
  for (const FixedPlanLine& line : plan.fixed) check_category(line.purpose, line.line);
  for (const ProportionalPlanLine& line : plan.proportional) {
    check_category(line.purpose, line.line);
  }

  const Period period = period_of(income);
  // Who is entitled over the period, and for how many months of it.
  auto entitled = [&](const std::string& list, const std::string& line,
                      const std::string& purpose) {
    std::vector<std::pair<std::uint64_t, Weight>> out;
    for (const BeneficiariesTable::Record& member : members_of(list, context)) {
      const std::vector<bool> on = months_on_list(member.stays, period);
      const auto months = static_cast<std::uint64_t>(std::count(on.begin(), on.end(), true));
      if (months == 0) continue;
      if (is_support(purpose) || is_post_wages(purpose)) {
        const Party payee = party_in(member.party, context);
        if (payee.data.kind != PartyKind::kHousehold) {
          refuse(field, "line \"" + line + "\" (" + purpose + ") pays party " +
                            std::to_string(member.party) + ", which is not a household");
        }
        if (is_support(purpose) && !payee.data.unable_to_work) {
          refuse(field, "line \"" + line + "\" supports people unable to work; household " +
                            std::to_string(member.party) + " (" + payee.data.name + ") on list \"" +
                            list + "\" is not flagged unable to work");
        }
      }
      out.emplace_back(member.party,
                       scaled(member.weight_numerator, member.weight_denominator, months,
                              static_cast<std::uint64_t>(period.months()), field));
    }
    if (out.empty()) {
      refuse(field, "list \"" + list + "\" of line \"" + line + "\" has nobody entitled from " +
                        period.from.to_string() + " to " + period.until.to_string());
    }
    return out;
  };
  std::vector<std::vector<std::pair<std::uint64_t, Weight>>> fixed_payees;
  for (const FixedPlanLine& line : plan.fixed) {
    fixed_payees.push_back(line.payees.empty() ? decltype(fixed_payees)::value_type{}
                                               : entitled(line.payees, line.line, line.purpose));
  }
  std::vector<std::vector<std::pair<std::uint64_t, Weight>>> members;
  for (const ProportionalPlanLine& line : plan.proportional) {
    members.push_back(line.beneficiary_list.empty()
                          ? decltype(members)::value_type{}
                          : entitled(line.beneficiary_list, line.line, line.purpose));
  }
  // A guarantee accrues over the days of the period its holder was entitled to (on its list).
  std::vector<std::int32_t> guarantee_days;
  for (const GuaranteedPlanLine& g : plan.guaranteed) {
    if (g.list.empty()) {
      guarantee_days.push_back(period.days());
      continue;
    }
    std::int32_t days = 0;
    for (const BeneficiariesTable::Record& member : members_of(g.list, context)) {
      if (member.party == g.party) days = days_in(months_on_list(member.stays, period), period);
    }
    guarantee_days.push_back(days);
  }
  AllocationPlan checked = to_allocation_plan(plan, fixed_payees, members);
  for (std::size_t i = 0; i < checked.guaranteed.size(); ++i) {
    checked.guaranteed[i].days = guarantee_days[i];
  }
  checked.purposes = &purposes;
  const std::vector<AllocationRow> rows = allocate(part.amount, checked, period.days());
  part.rows.clear();
  for (const AllocationRow& row : rows) {
    std::uint64_t payee = 0;
    if (row.kind == AllocationRow::Kind::kGuaranteed) payee = plan.guaranteed[row.line].party;
    if (row.beneficiary) {
      payee = row.kind == AllocationRow::Kind::kFixed
                  ? fixed_payees[row.line][*row.beneficiary].first
                  : members[row.line][*row.beneficiary].first;
    }
    part.rows.push_back(
        {static_cast<IncomePartsTable::LineKind>(row.kind), row.line, payee, row.amount});
  }
  part.allocation = stamp_.sequence;
  part.plan = plan_id;
}

const std::vector<BeneficiariesTable::Record>& Applier::members_of(const std::string& list,
                                                                   AllocationContext& context) {
  auto found = context.lists.find(list);
  if (found != context.lists.end()) return found->second;
  std::vector<BeneficiariesTable::Record> out;
  scan<BeneficiariesTable>(
      views_,
      [&](BeneficiariesTable::Record member) {
        out.push_back(std::move(member));
        return true;
      },
      list);
  return context.lists.emplace(list, std::move(out)).first->second;
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
  if (!plan.restricted) {
    refuse(field, "disposal proceeds are allocated by a plan for proceeds (restricted), not by \"" +
                      plan.name + "\"");
  }
  if (!plan.guaranteed.empty()) {
    refuse(field, "disposal proceeds are restricted income and pay no guaranteed returns");
  }
  auto check = [&](const std::string& purpose) {
    if (!allowed(purpose)) {
      refuse(field,
             "disposal proceeds are restricted to consolidation and rural revitalisation, not " +
                 purpose);
    }
  };
  for (const FixedPlanLine& line : plan.fixed) check(line.purpose);
  for (const ProportionalPlanLine& line : plan.proportional) check(line.purpose);
}

AllocationPlan Applier::to_allocation_plan(
    const PlanApproved& plan,
    const std::vector<std::vector<std::pair<std::uint64_t, Weight>>>& fixed_payees,
    const std::vector<std::vector<std::pair<std::uint64_t, Weight>>>& members) {
  AllocationPlan out;
  for (std::size_t i = 0; i < plan.fixed.size(); ++i) {
    const FixedPlanLine& f = plan.fixed[i];
    FixedLine line{f.line, f.purpose, f.amount, {}};
    if (i < fixed_payees.size()) {
      for (const auto& payee : fixed_payees[i]) line.payees.push_back(payee.second);
    }
    out.fixed.push_back(std::move(line));
  }
  for (const GuaranteedPlanLine& g : plan.guaranteed) {
    out.guaranteed.push_back({g.line, g.principal, g.rate,
                              g.amount > Money() ? std::optional<Money>(g.amount) : std::nullopt,
                              std::nullopt});
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

}  // namespace taizhang::domain

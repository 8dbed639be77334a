// The audit (docs/rules.md §7): findings read from the views, asset by asset in id order.
#include <boost/multiprecision/cpp_int.hpp>
#include <initializer_list>
#include <limits>
#include <unordered_map>

#include "core/assert.h"
#include "domain/entitlement.h"
#include "domain/queries.h"
#include "domain/valuation.h"
#include "model/view_records.h"
#include "taizhang/chinese.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

namespace {

// The values of a finding's evidence (FindingDetail), by name.
FindingDetail number(const char* name, std::int64_t value) {
  return {name, FindingDetail::Kind::kNumber, value, {}};
}
FindingDetail id(const char* name, std::uint64_t value) {
  return number(name, static_cast<std::int64_t>(value));
}
FindingDetail fen(const char* name, Money value) {
  return {name, FindingDetail::Kind::kFen, value.fen(), {}};
}
FindingDetail date_of(const char* name, Date value) {
  return {name, FindingDetail::Kind::kDate, value.days(), {}};
}
FindingDetail text(const char* name, std::string value) {
  return {name, FindingDetail::Kind::kText, 0, std::move(value)};
}

// A finding of `asset` by `rule`, with its evidence's values. No text: Finding::evidence writes
// it from the values when asked.
void add(std::vector<Finding>& findings, const char* rule, const Asset& asset,
         std::initializer_list<FindingDetail> details) {
  Finding& f = findings.emplace_back();
  f.rule = rule;
  f.asset = asset.id;
  f.asset_code = asset.code;
  f.division = asset.description.division;
  f.details.assign(details);
}

// Reports findings of the asset at hand (one reporter for the whole scan, called directly: no
// std::function).
class Reporter {
 public:
  explicit Reporter(std::vector<Finding>& findings) : findings_(findings) {}
  void at(const Asset& asset) { asset_ = &asset; }
  void operator()(const char* rule, std::initializer_list<FindingDetail> details = {}) const {
    add(findings_, rule, *asset_, details);
  }

 private:
  std::vector<Finding>& findings_;
  const Asset* asset_ = nullptr;
};

// An owner's part of an income left unallocated after the income's period.
struct Unallocated {
  std::uint64_t income = 0;
  std::uint64_t owner = 0;
  Share share = Share::of(1, 1);
  Money amount;
  Date until;
  bool restricted = false;
};

// What an asset earned: the last day it earned until (recorded income, not disposal proceeds),
// and each income's period end, amount and payer (for the guarantees).
struct Earned {
  Date until;
  std::vector<IncomesTable::Record> incomes;
};

// One pass over the incomes and one over their parts: what each asset earned, and the owners'
// parts left unallocated longer than the policy allows after their period.
// `contracted`: the assets with operation contracts, whose incomes the guarantees need;
// `counted`: the allocated parts with payments to list members (for the check of removals).
void scan_incomes(
    const ViewStore& views, Date as_of, const AuditDays& limits,
    const std::unordered_map<std::uint64_t, std::vector<OperationContracted>>& contracted,
    std::unordered_map<std::uint64_t, Earned>& earned,
    std::unordered_map<std::uint64_t, std::vector<Unallocated>>& unallocated,
    std::vector<IncomePartsTable::Record>& counted) {
  // One pass over the owners' parts: each carries its income's asset, period end and payer, and
  // an income's parts are consecutive, so the income's amount is the sum of its parts.
  scan<IncomePartsTable>(views, [&](IncomePartsTable::Record part) {
    if (!part.restricted) {
      Earned& e = earned[part.asset];
      e.until = std::max(e.until, part.until);
      if (contracted.count(part.asset) != 0) {
        if (!e.incomes.empty() && e.incomes.back().income == part.income) {
          e.incomes.back().amount += part.amount;
        } else {
          e.incomes.push_back(
              {part.income, part.asset, part.amount, Date(), part.until, false, part.payer});
        }
      }
    }
    if (part.disposition == PartDisposition::kAllocate && part.allocation == 0 &&
        as_of.days() - part.until.days() > limits.income_unallocated) {
      unallocated[part.asset].push_back(
          {part.income, part.owner, part.share, part.amount, part.until, part.restricted});
    }
    if (part.allocation != 0 &&
        std::any_of(part.rows.begin(), part.rows.end(),
                    [](const IncomePartsTable::Row& row) { return row.months > 0; })) {
      counted.push_back(std::move(part));
    }
    return true;
  });
}

// base × (1 + step)^year, rounded half up to the fen.
Money stepped(Money base, Share step, std::int32_t year) {
  using BigInt = boost::multiprecision::cpp_int;
  BigInt numerator = base.fen();
  BigInt denominator = 1;
  for (std::int32_t k = 0; k < year; ++k) {
    numerator *= BigInt(step.denominator()) + step.numerator();
    denominator *= step.denominator();
  }
  const BigInt fen = (2 * numerator + denominator) / (2 * denominator);
  if (fen > std::numeric_limits<std::int64_t>::max()) {
    throw_error(ErrorKind::kRuleViolation, "guarantee: a stepped-up guarantee beyond Int64 fen");
  }
  return Money::from_fen(static_cast<std::int64_t>(fen));
}

// One year from `day`, the same day of the month (the last day of February for a 29th).
Date plus_years(Date day, std::int32_t years) {
  const int year = day.year() + years;
  const unsigned month = day.month();
  unsigned d = day.day();
  while (d > 28) {
    try {
      return Date::from_civil(year, static_cast<int>(month), static_cast<int>(d));
    } catch (const Error&) {
      --d;
    }
  }
  return Date::from_civil(year, static_cast<int>(month), static_cast<int>(d));
}

// The guaranteed return of a contract, year by year, against what its operator paid for the
// asset in that year (incomes whose period ends in it). Only contract years that have ended; a
// last year cut short by the contract's end owes its days' part of the year's guarantee.
void check_guarantees(const OperationContracted& c, const std::vector<IncomesTable::Record>& paid,
                      Date as_of, const Reporter& report) {
  Money base = c.guarantee_per_year;
  if (base <= Money() && !c.guarantee_rate.is_zero()) {
    using BigInt = boost::multiprecision::cpp_int;
    const BigInt n = BigInt(c.principal.fen()) * c.guarantee_rate.numerator();
    const BigInt d = BigInt(c.guarantee_rate.denominator());
    base = Money::from_fen(static_cast<std::int64_t>((2 * n + d) / (2 * d)));
  }
  if (base <= Money()) return;
  for (std::int32_t year = 0;; ++year) {
    const Date start = plus_years(c.from, year);
    const Date full_end = plus_years(c.from, year + 1).plus_days(-1);
    if (c.until.days() != 0 && c.until < start) break;
    const Date end = c.until.days() != 0 ? std::min(full_end, c.until) : full_end;
    if (!(end < as_of)) break;  // the year has not ended
    Money due = stepped(base, c.step_up, year);
    if (end < full_end) {
      using BigInt = boost::multiprecision::cpp_int;
      const BigInt n = BigInt(due.fen()) * (end.days() - start.days() + 1);
      const BigInt d = full_end.days() - start.days() + 1;
      due = Money::from_fen(static_cast<std::int64_t>((2 * n + d) / (2 * d)));
    }
    Money got;
    for (const IncomesTable::Record& income : paid) {
      if (income.payer == c.operator_party && start <= income.until && income.until <= end) {
        got += income.amount;
      }
    }
    if (got < due) {
      report("guarantee_not_paid",
             {date_of("year_from", start), date_of("year_until", end), fen("due_fen", due),
              id("operator", c.operator_party), fen("paid_fen", got), fen("short_fen", due - got)});
    }
  }
}

}  // namespace

std::vector<Finding> audit(const ViewStore& views, Date as_of) {
  std::vector<Finding> findings;
  // The limits of the policy version in force on the day of the audit.
  const std::vector<PolicyDefined> policies = policies_in(views);
  const AuditDays limits = policy_on(policies, as_of).audit;
  // The yearly stocktaking (清查) last due: this year's day (by the policy in force on the audit's
  // day) if it has passed, else last year's (by the policy in force at that year's end). An asset
  // registered in that year, or inspected or stocktaken in it by that day (by the entry's date and
  // by the register's clock), passes.
  const auto stocktaking_day = [&](int year, const PolicyDefined& policy) {
    const unsigned month = policy.stocktaking_by / 100U;
    const unsigned day =
        std::min<unsigned>(policy.stocktaking_by % 100U, days_in_month(year, month));
    return Date::from_civil(year, static_cast<int>(month), static_cast<int>(day));
  };
  Date stocktaking_due = stocktaking_day(as_of.year(), policy_on(policies, as_of));
  if (as_of <= stocktaking_due) {
    const int last = as_of.year() - 1;
    stocktaking_due = stocktaking_day(last, policy_on(policies, Date::from_civil(last, 12, 31)));
  }
  const Date stocktaking_from = Date::from_civil(stocktaking_due.year(), 1, 1);
  // The assets with operation contracts, and their contracts in order (one pass).
  std::unordered_map<std::uint64_t, std::vector<OperationContracted>> contracts_of;
  scan<AssetContractsTable>(views, [&](AssetContractsTable::Record c) {
    contracts_of[c.asset].push_back(std::move(c.contract));
    return true;
  });
  std::unordered_map<std::uint64_t, Earned> earned_by;
  std::unordered_map<std::uint64_t, std::vector<Unallocated>> unallocated;
  std::vector<IncomePartsTable::Record> counted;
  scan_incomes(views, as_of, limits, contracts_of, earned_by, unallocated, counted);
  // Room for the findings at once: the yearly stocktaking can find every asset, and the other
  // rules a few more (room not written to takes no memory).
  std::size_t unallocated_parts = 0;
  for (const auto& [asset, parts] : unallocated) unallocated_parts += parts.size();
  const std::uint64_t assets = count<AssetsTable>(views);
  findings.reserve(unallocated_parts + assets + assets / 4);
  Reporter report(findings);
  scan<AssetsTable>(views, [&](const Asset& asset) {
    report.at(asset);
    // Income not allocated in time after the end of the period it was earned in (for a disposed
    // asset, its disposal proceeds).
    if (const auto left = unallocated.find(asset.id); left != unallocated.end()) {
      for (const Unallocated& u : left->second) {
        report(u.restricted ? "disposal_proceeds_not_reallocated" : "income_not_allocated",
               {id("owner", u.owner), text("share", u.share.to_string()),
                fen("amount_fen", u.amount), id("income", u.income), date_of("until", u.until)});
      }
    }
    // Every contract's guaranteed return against what its operator paid, year by year, over
    // the contract's own term (until the next contract began), disposed assets included.
    static const std::vector<OperationContracted> kNoContract;
    const auto listed = contracts_of.find(asset.id);
    const std::vector<OperationContracted>& contracts =
        listed == contracts_of.end() ? kNoContract : listed->second;
    for (std::size_t c = 0; c < contracts.size(); ++c) {
      OperationContracted contract = contracts[c];
      if (c + 1 < contracts.size() && contracts[c + 1].from.days() > contract.from.days()) {
        const Date next = contracts[c + 1].from.plus_days(-1);
        if (contract.until.days() == 0 || next < contract.until) contract.until = next;
      }
      static const std::vector<IncomesTable::Record> kNone;
      const auto earned_here = earned_by.find(asset.id);
      try {
        check_guarantees(contract,
                         earned_here == earned_by.end() ? kNone : earned_here->second.incomes,
                         as_of, report);
      } catch (const Error& error) {
        // Amounts beyond what can be counted (a step-up over decades): said, not thrown.
        report("guarantee_not_paid", {text("problem", error.what())});
      }
    }
    if (asset.status == AssetStatus::kDisposed || as_of < asset.registered) return true;
    if (asset.registered < stocktaking_from) {
      bool checked = false;
      if (asset.inspected >= stocktaking_from) {  // the latest is in or after the year: look
        scan<AssetInspectionsTable>(
            views,
            [&](const AssetInspectionsTable::Record& inspection) {
              checked = inspection.day >= stocktaking_from && inspection.day <= stocktaking_due &&
                        inspection.recorded <= stocktaking_due;
              return !checked;
            },
            asset.id);
      }
      if (!checked) {
        report("not_stocktaken",
               {number("year", stocktaking_due.year()), date_of("due", stocktaking_due),
                date_of("last_inspected", asset.inspected)});
      }
    }
    // Ownership and funding, re-checked from the record.
    if (asset.owners.empty()) report("unconfirmed_ownership");
    std::vector<Share> shares;
    for (const OwnerShare& owner : asset.owners) shares.push_back(owner.share);
    if (!asset.owners.empty() && !shares_sum_to_one(shares)) {
      std::string shares_text;
      for (const Share& share : shares) {
        shares_text.append(shares_text.empty() ? "" : " + ").append(share.to_string());
      }
      report("shares_not_one", {text("shares", std::move(shares_text))});
    }
    Money funded;
    for (const FundingLine& line : asset.description.funding) funded += line.amount;
    if (funded != asset.description.original) {
      report("funding_mismatch", {fen("sources_fen", funded),
                                  fen("recorded_original_fen", asset.description.original)});
    }
    // Maintenance and inspections, for public-welfare and operating assets.
    if (asset.asset_class != AssetClass::kHousehold) {
      const auto binding = find<AssetMaintenanceTable>(views, asset.id);
      if (!binding) {
        report("no_maintenance_binding");
      } else {
        const auto interval = static_cast<std::int32_t>(binding->inspection_interval_days);
        // The asset keeps the day of its latest inspection: no scan of them.
        const Date last = std::max(binding->from, asset.inspected);
        const std::int32_t since = as_of.days() - last.days();
        if (since > interval) {
          report("inspection_overdue",
                 {date_of("last_inspected", last), number("days_since", since),
                  number("interval_days", interval)});
        }
      }
    }
    const auto earned = earned_by.find(asset.id);
    // Operating assets: idle, and operation contracts running out.
    if (asset.asset_class == AssetClass::kOperating) {
      const Date idle_since = as_of.plus_days(-std::int32_t{limits.operating_without_income});
      if (asset.status == AssetStatus::kIdle || asset.status == AssetStatus::kInefficient) {
        report("operating_asset_idle", {text("asset_status", std::string(name_of(asset.status)))});
      } else if (asset.description.completed < idle_since &&
                 (earned == earned_by.end() || earned->second.until < idle_since)) {
        // An operating asset that has earned nothing for the policy's time is idle too.
        const Date until = earned == earned_by.end() ? Date() : earned->second.until;
        report("operating_asset_idle", {text("asset_status", std::string(name_of(asset.status))),
                                        date_of("earned_until", until)});
      }
      if (const auto operation = find<AssetOperationTable>(views, asset.id)) {
        if (operation->until < as_of) {
          report("contract_expired", {date_of("contract_until", operation->until)});
        } else if (operation->until.days() - as_of.days() <= limits.contract_expiring) {
          report("contract_expiring", {date_of("contract_until", operation->until)});
        }
      }
    }

    return true;
  });
  // Payments to list members beyond the months they were on the list: a removal or death entered
  // after the allocation, dated inside the income's period.
  std::unordered_map<std::uint64_t, PlanApproved> plans;
  for (const IncomePartsTable::Record& part : counted) {
    auto plan = plans.find(part.plan);
    if (plan == plans.end()) {
      auto stored = find<PlansTable>(views, part.plan);
      TAIZHANG_ASSERT(stored, "a part allocated by no stored plan " + std::to_string(part.plan));
      plan = plans.emplace(part.plan, std::move(stored->plan)).first;
    }
    const auto income = find<IncomesTable>(views, part.income);
    TAIZHANG_ASSERT(income, "a part of no income " + std::to_string(part.income));
    for (const IncomePartsTable::Row& row : part.rows) {
      if (row.months == 0 || row.amount <= Money()) continue;
      using LineKind = IncomePartsTable::LineKind;
      const std::string& list = row.kind == LineKind::kFixed
                                    ? plan->second.fixed.at(row.line).payees
                                : row.kind == LineKind::kGuaranteed
                                    ? plan->second.guaranteed.at(row.line).list
                                    : plan->second.proportional.at(row.line).beneficiary_list;
      const auto member = find<BeneficiariesTable>(views, part.owner, list, row.payee);
      const std::uint64_t now =
          member ? months_counted(member->stays, income->from, income->until) : 0;
      if (now >= row.months) continue;
      const auto asset = find<AssetsTable>(views, part.asset);
      TAIZHANG_ASSERT(asset, "a part of no asset " + std::to_string(part.asset));
      add(findings, "beneficiary_paid_after_removal", *asset,
          {id("party", row.payee), fen("amount_fen", row.amount), id("allocation", part.allocation),
           id("income", part.income), date_of("period_from", income->from),
           date_of("period_until", income->until), id("months_paid", row.months),
           text("list", list), number("months_on_list", static_cast<std::int64_t>(now))});
    }
  }
  // Disposal results (and corrections of ownership) not published in time after the execution,
  // by the register's clock; a household's own sale publishes nothing.
  scan<DisposalsTable>(views, [&](const Disposal& d) {
    if (d.state != Disposal::State::kExecuted || as_of < d.executed ||
        as_of.days() - d.executed.days() <= limits.result_unpublished ||
        std::all_of(d.chain.begin(), d.chain.end(), [](const auto& step) {
          return step.first == DisposalStepKind::kHouseholdDeclaration;
        })) {
      return true;
    }
    // Published in time: a notice the register's clock recorded within the limit.
    if (d.result_notice != 0) {
      const auto notice = find<NoticesTable>(views, d.result_notice);
      TAIZHANG_ASSERT(notice, "disposal " + std::to_string(d.id) + " names an absent notice");
      if (notice->recorded.days() - d.executed.days() <= limits.result_unpublished) return true;
    }
    const auto asset = find<AssetsTable>(views, d.asset);
    TAIZHANG_ASSERT(asset, "disposal " + std::to_string(d.id) + " of no asset");
    add(findings, "disposal_result_not_published", *asset,
        {id("disposal", d.id), text("method", std::string(name_of(d.method))),
         date_of("executed", d.executed)});
    return true;
  });
  // Allocation results not published in time after the allocation.
  scan<AllocationsTable>(views, [&](const AllocationRecord& allocation) {
    const Date day = allocation.day;
    if (allocation.result_notice != 0 || as_of < day ||
        as_of.days() - day.days() <= limits.result_unpublished) {
      return true;
    }
    TAIZHANG_ASSERT(!allocation.parts.empty(),
                    "allocation " + std::to_string(allocation.id) + " allocated no part");
    const auto income = find<IncomesTable>(views, allocation.parts.front().first);
    TAIZHANG_ASSERT(income, "allocation " + std::to_string(allocation.id) + " names income " +
                                std::to_string(allocation.parts.front().first) +
                                ", which is absent");
    const auto asset = find<AssetsTable>(views, income->asset);
    TAIZHANG_ASSERT(asset, "income " + std::to_string(income->income) + " of no asset");
    add(findings, "allocation_result_not_published", *asset,
        {id("allocation", allocation.id), date_of("allocated", day)});
    return true;
  });
  return findings;
}

}  // namespace taizhang::domain

namespace taizhang {

namespace {

// A finding's details by name, as its evidence writes them. A value the finding lacks (one
// built by hand) reads as zero or empty: writing the evidence never throws for want of it.
class Values {
 public:
  explicit Values(const Finding& finding) : finding_(finding) {}
  bool has(std::string_view name) const { return finding_.detail(name) != nullptr; }
  std::int64_t number(std::string_view name) const {
    const FindingDetail* d = finding_.detail(name);
    return d == nullptr ? 0 : d->number;
  }
  std::string count(std::string_view name) const { return std::to_string(number(name)); }
  std::string id(std::string_view name) const {
    return std::to_string(static_cast<std::uint64_t>(number(name)));
  }
  // Fen as yuan with two decimals (Money's exact integer arithmetic).
  std::string yuan(std::string_view name) const {
    return Money::from_fen(number(name)).to_yuan_string();
  }
  std::string date(std::string_view name) const {
    const std::int64_t days = number(name);
    if (days < std::numeric_limits<std::int32_t>::min() ||
        days > std::numeric_limits<std::int32_t>::max()) {
      return std::to_string(days);
    }
    try {
      return Date::from_days(static_cast<std::int32_t>(days)).to_string();
    } catch (const Error&) {  // beyond the calendar Date knows: the count of days as it is
      return std::to_string(days);
    }
  }
  std::string text(std::string_view name) const {
    const FindingDetail* d = finding_.detail(name);
    return d == nullptr ? std::string() : d->text;
  }

 private:
  const Finding& finding_;
};

// Every value by name, for a rule this file does not know: "name=value; ...".
std::string listed(const Finding& finding) {
  const Values v(finding);
  std::string out;
  for (const FindingDetail& d : finding.details) {
    out.append(out.empty() ? "" : "; ").append(d.name).append("=");
    switch (d.kind) {
      case FindingDetail::Kind::kText:
        out.append(d.text);
        break;
      case FindingDetail::Kind::kNumber:
        out.append(std::to_string(d.number));
        break;
      case FindingDetail::Kind::kFen:
        out.append(v.yuan(d.name));
        break;
      case FindingDetail::Kind::kDate:
        out.append(v.date(d.name));
        break;
    }
  }
  return out;
}

// The Chinese name of an enumeration's English key (the details keep the key).
template <class Enum>
std::string chinese_of(const std::string& key, Enum (*parse)(std::string_view, std::string_view)) {
  try {
    return std::string(chinese_name(parse(key, "value")));
  } catch (const Error&) {
    return key;
  }
}

}  // namespace

std::string Finding::evidence() const {
  const Finding& f = *this;
  const Values v(f);
  const std::string& rule = f.rule;
  if (rule == "income_not_allocated" || rule == "disposal_proceeds_not_reallocated") {
    return "owner " + v.id("owner") + "'s part (" + v.text("share") + ", " + v.yuan("amount_fen") +
           " yuan) of income " + v.id("income") + " earned until " + v.date("until") +
           " is unallocated";
  }
  if (rule == "guarantee_not_paid") {
    if (v.has("problem")) return "cannot be checked: " + v.text("problem");
    return "contract year " + v.date("year_from") + " to " + v.date("year_until") +
           ": guaranteed " + v.yuan("due_fen") + " yuan, paid by operator " + v.id("operator") +
           " " + v.yuan("paid_fen") + " yuan, short " + v.yuan("short_fen") + " yuan";
  }
  if (rule == "not_stocktaken") {
    return "no stocktaking or inspection in " + v.count("year") + " by " + v.date("due") +
           (v.number("last_inspected") == 0 ? "; never inspected"
                                            : "; last " + v.date("last_inspected"));
  }
  if (rule == "unconfirmed_ownership") return "no owners are confirmed";
  if (rule == "shares_not_one") return "the owners' shares do not sum to 1";
  if (rule == "funding_mismatch") {
    return "sources " + v.yuan("sources_fen") + " vs original " + v.yuan("recorded_original_fen");
  }
  if (rule == "no_maintenance_binding") return "no maintenance party or person is bound";
  if (rule == "inspection_overdue") {
    return "last inspected (or bound) " + v.date("last_inspected") + ", " + v.count("days_since") +
           " days ago; interval " + v.count("interval_days");
  }
  if (rule == "operating_asset_idle") {
    if (!v.has("earned_until")) return "status " + v.text("asset_status");
    return v.number("earned_until") == 0 ? std::string("no income recorded")
                                         : "no income since " + v.date("earned_until");
  }
  if (rule == "contract_expired") return "operation contract ended " + v.date("contract_until");
  if (rule == "contract_expiring") return "operation contract ends " + v.date("contract_until");
  if (rule == "beneficiary_paid_after_removal") {
    return "party " + v.id("party") + " was paid " + v.yuan("amount_fen") + " yuan by allocation " +
           v.id("allocation") + " from income " + v.id("income") + " (" + v.date("period_from") +
           " to " + v.date("period_until") + ") for " + v.id("months_paid") +
           " month(s) on list \"" + v.text("list") + "\", but was on it for " +
           v.count("months_on_list");
  }
  if (rule == "disposal_result_not_published") {
    return "disposal " + v.id("disposal") + " (" + v.text("method") + ") executed " +
           v.date("executed") + " has no notice of its result";
  }
  if (rule == "allocation_result_not_published") {
    return "allocation " + v.id("allocation") + " of " + v.date("allocated") +
           " has no notice of its results";
  }
  return listed(f);
}

std::string evidence_zh(const Finding& f) {
  const Values v(f);
  const std::string& rule = f.rule;
  if (rule == "income_not_allocated") {
    return "产权主体（主体 " + v.id("owner") + "）份额 " + v.text("share") + " 应得收益 " +
           v.yuan("amount_fen") + " 元（收益 " + v.id("income") + "，收益期至 " + v.date("until") +
           "）尚未分配";
  }
  if (rule == "disposal_proceeds_not_reallocated") {
    return "产权主体（主体 " + v.id("owner") + "）份额 " + v.text("share") + " 应得处置收入 " +
           v.yuan("amount_fen") + " 元（处置收入 " + v.id("income") + "，处置执行于 " +
           v.date("until") + "）尚未再分配";
  }
  if (rule == "guarantee_not_paid") {
    if (v.has("problem")) return "保底收益无法核对：" + v.text("problem");
    return "经营合同年度 " + v.date("year_from") + " 至 " + v.date("year_until") + "：保底收益 " +
           v.yuan("due_fen") + " 元，经营方（主体 " + v.id("operator") + "）已付 " +
           v.yuan("paid_fen") + " 元，差额 " + v.yuan("short_fen") + " 元";
  }
  if (rule == "not_stocktaken") {
    return v.count("year") + " 年截至 " + v.date("due") + " 未清查，也未巡查；" +
           (v.number("last_inspected") == 0 ? std::string("从未巡查或清查")
                                            : "最近一次巡查或清查为 " + v.date("last_inspected"));
  }
  if (rule == "unconfirmed_ownership") return "尚未确认任何产权主体";
  if (rule == "shares_not_one") return "各产权主体份额合计不为 1（" + v.text("shares") + "）";
  if (rule == "funding_mismatch") {
    return "资金来源合计 " + v.yuan("sources_fen") + " 元，与原值 " +
           v.yuan("recorded_original_fen") + " 元不符";
  }
  if (rule == "no_maintenance_binding") return "未落实管护主体或管护人员";
  if (rule == "inspection_overdue") {
    return "最近一次巡查（或落实管护）为 " + v.date("last_inspected") + "，已过 " +
           v.count("days_since") + " 天；巡查周期 " + v.count("interval_days") + " 天";
  }
  if (rule == "operating_asset_idle") {
    if (!v.has("earned_until")) {
      return "资产状态为" + chinese_of(v.text("asset_status"), &parse_asset_status);
    }
    return v.number("earned_until") == 0
               ? std::string("未登记任何收益")
               : "收益只登记到 " + v.date("earned_until") + "，此后无收益";
  }
  if (rule == "contract_expired") return "经营合同已于 " + v.date("contract_until") + " 到期";
  if (rule == "contract_expiring") return "经营合同将于 " + v.date("contract_until") + " 到期";
  if (rule == "beneficiary_paid_after_removal") {
    return "受益对象（主体 " + v.id("party") + "）经收益分配 " + v.id("allocation") + " 从收益 " +
           v.id("income") + "（" + v.date("period_from") + " 至 " + v.date("period_until") +
           "）按名单“" + v.text("list") + "”上 " + v.id("months_paid") + " 个月获分配 " +
           v.yuan("amount_fen") + " 元，但其在名单上只有 " + v.count("months_on_list") + " 个月";
  }
  if (rule == "disposal_result_not_published") {
    return "处置 " + v.id("disposal") + "（" +
           chinese_of(v.text("method"), &parse_disposal_method) + "）于 " + v.date("executed") +
           " 执行，处置结果未公示";
  }
  if (rule == "allocation_result_not_published") {
    return "收益分配 " + v.id("allocation") + "（" + v.date("allocated") + "）的结果未公示";
  }
  return listed(f);
}

}  // namespace taizhang

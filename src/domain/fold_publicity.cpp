// The fold for publicity (docs/rules.md §4, §7): resolutions, notices and objections.
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

// --- resolutions and notices (docs/rules.md §4, §7) --------------------------------------
void Applier::operator()(const ResolutionAdopted& r) {
  const auto village = party(r.village);
  const bool cooperative = village && village->data.kind == PartyKind::kCooperative;
  if (!village || (village->data.kind != PartyKind::kVillageCollective &&
                   village->data.kind != PartyKind::kVillagerGroup && !cooperative)) {
    refuse("village",
           "a resolution is a village's, villager group's or cooperative's; party " +
               std::to_string(r.village) + " is none of these",
           "决议只能由村集体经济组织、村民小组或合作社作出；主体 " + std::to_string(r.village) +
               " 不是其中之一");
  }
  // A cooperative resolves in its members' assembly; a village in its own meetings.
  if (cooperative != (r.meeting == Meeting::kMembersAssembly)) {
    throw_invalid("meeting", std::string(name_of(r.meeting)),
                  cooperative ? "a cooperative resolves in its members' assembly"
                              : "a members' assembly is a cooperative's, not a village's",
                  cooperative ? "合作社的决议应由成员（代表）大会作出"
                              : "成员大会是合作社的会议；村里的决议应由村民会议、户代表会议或"
                                "村民代表会议作出");
  }
  authorize(Write::kResolve, village->data.division, std::nullopt);
  if (entry_.effective < r.day) {
    throw_invalid("day", r.day.to_string(),
                  "after the entry's effective date " + entry_.effective.to_string(),
                  "会议日期晚于本条记录的生效日期 " + entry_.effective.to_string() +
                      "：会议开过之后才能登记决议");
  }
  // The quorum and majority of the policy in force on the meeting's day.
  const PolicyDefined policy = policy_on(policies_in(views_), r.day);
  const QuorumRule& quorum = policy.quorum(r.meeting);
  check_resolution_counts(name_of(r.meeting), r.eligible, r.present, r.in_favour, quorum.numerator,
                          quorum.denominator, quorum.strict, policy.majority_numerator,
                          policy.majority_denominator);
  if (r.subject == ResolutionSubject::kDisposal) {
    const Disposal d = open_disposal(r.disposal);
    const Asset asset = existing(d.asset);
    if (!owns(asset, r.village)) {
      refuse("village",
             "party " + std::to_string(r.village) + " does not own the asset of " + "disposal " +
                 std::to_string(d.id),
             "主体 " + std::to_string(r.village) + " 不是处置申请（第 " + std::to_string(d.id) +
                 " 条记录）所涉资产 " + asset.code + " 的产权主体，不能对它作出处置决议");
    }
  } else if (r.disposal != 0) {
    throw_invalid("disposal", std::to_string(r.disposal),
                  "only a resolution on a disposal names one",
                  "只有关于资产处置的决议才填写处置申请，其他决议请填 0");
  }
  append<ResolutionsTable>(views_, {stamp_.sequence, r.village, r.subject, r.disposal, r.day, 0});
}

void Applier::operator()(const NoticePosted& n) {
  authorize(Write::kPublish, n.division, std::nullopt);
  if (n.end < n.start) {
    throw_invalid("end", n.end.to_string(), "before the start " + n.start.to_string(),
                  "公示结束日期早于开始日期 " + n.start.to_string());
  }
  const std::int32_t days = n.end.days() - n.start.days() + 1;
  const PolicyDefined policy = policy_now();
  if (days < policy.publicity_days) {
    refuse("notice",
           "a notice of " + std::to_string(days) + " days is shorter than the " +
               std::to_string(policy.publicity_days) + " the policy requires",
           "公示期只有 " + std::to_string(days) + " 天，少于政策设置要求的 " +
               std::to_string(policy.publicity_days) + " 天，请延长公示期");
  }
  // Where the subject is seen: the board must be within a division the subject belongs to.
  std::vector<std::string> places;
  switch (n.subject) {
    case NoticeSubject::kProject: {
      const auto subject = find<AssetsTable>(views_, n.subject_id);
      if (!subject) {
        refuse("subject_id", "no asset " + std::to_string(n.subject_id),
               "没有编号为 " + std::to_string(n.subject_id) + " 的资产，无法公示");
      }
      places.push_back(subject->description.division);
      break;
    }
    case NoticeSubject::kAllocationPlan: {
      const Resolution r = resolution(n.subject_id);
      if (r.subject != ResolutionSubject::kAllocationPlan) {
        refuse("subject_id", "resolution " + std::to_string(r.id) + " is not on an allocation plan",
               "第 " + std::to_string(r.id) + " 条记录的决议不是关于收益分配方案的决议");
      }
      if (r.used_by != 0) {
        refuse(
            "subject_id", "resolution " + std::to_string(r.id) + " is already in force",
            "第 " + std::to_string(r.id) + " 条记录的决议已被采用，分配方案已经生效，不能再公示");
      }
      if (n.start < r.day) {
        refuse("start",
               "the notice starts before the meeting of " + r.day.to_string() + " adopted the plan",
               "公示开始日期早于 " + r.day.to_string() +
                   " 通过分配方案的会议：方案须先经会议通过再公示");
      }
      places.push_back(existing_party(r.village).data.division);
      break;
    }
    case NoticeSubject::kAllocationResult: {
      auto recorded = find<AllocationsTable>(views_, n.subject_id);
      if (!recorded) {
        refuse(
            "subject_id", "no allocation " + std::to_string(n.subject_id),
            "第 " + std::to_string(n.subject_id) + " 条记录不是收益分配，找不到要公示的分配结果");
      }
      // On the board of any owner whose part it allocated.
      for (const auto& [income, owner] : recorded->parts) {
        places.push_back(existing_party(owner).data.division);
      }
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
    case NoticeSubject::kOperationContract: {
      const Resolution r = resolution(n.subject_id);
      if (r.subject != ResolutionSubject::kOperationContract) {
        refuse("subject_id",
               "resolution " + std::to_string(r.id) + " is not on contracting out assets",
               "第 " + std::to_string(r.id) + " 条记录的决议不是关于资产出租或发包经营的决议");
      }
      if (n.start < r.day) {
        refuse("start", "the notice starts before the meeting of " + r.day.to_string(),
               "公示开始日期早于 " + r.day.to_string() + " 召开的会议：须先经会议决议再公示");
      }
      places.push_back(existing_party(r.village).data.division);
      break;
    }
    case NoticeSubject::kDisposalResult: {
      // The result of an executed disposal (docs/rules.md §5), after its execution, on the board
      // of its place or of an owner it had.
      auto d = find<DisposalsTable>(views_, n.subject_id);
      if (!d || d->state != Disposal::State::kExecuted) {
        refuse("subject_id", "no executed disposal " + std::to_string(n.subject_id),
               "第 " + std::to_string(n.subject_id) +
                   " 条记录不是已执行的处置申请，处置执行后才能公示处置结果");
      }
      if (n.start < d->executed) {
        refuse("start",
               "the result's notice starts before the execution of " + d->executed.to_string(),
               "处置结果公示的开始日期早于处置执行日期 " + d->executed.to_string() +
                   "：执行之后才能公示结果");
      }
      const auto asset = find<AssetsTable>(views_, d->asset);  // disposed of, most often
      TAIZHANG_ASSERT(asset, "disposal " + std::to_string(d->id) + " of no asset");
      places.push_back(asset->description.division);
      for (const OwnerShare& owner : asset->owners) {
        places.push_back(existing_party(owner.party).data.division);
      }
      for (const auto& [kind, party] : d->chain) {
        if (party != 0) places.push_back(existing_party(party).data.division);
      }
      if (d->result_notice == 0) {
        d->result_notice = stamp_.sequence;
        put<DisposalsTable>(views_, *d);
      }
      break;
    }
  }
  const bool seen = std::any_of(places.begin(), places.end(), [&](const std::string& place) {
    return division_contains(n.division, place);
  });
  if (!seen) {
    refuse("division",
           "a notice in " + n.division + " is not where its " + std::string(name_of(n.subject)) +
               " (" + places.front() + ") is seen",
           "公示发布在区划 " + n.division + "，而所公示的" + std::string(chinese_name(n.subject)) +
               "在区划 " + places.front() + "，当地群众看不到：请在事项所在地的公示栏公示");
  }
  append<NoticesTable>(views_, {stamp_.sequence, n.subject, n.subject_id, n.division, n.start,
                                n.end, false, recorded_day()});
  put<NoticesBySubjectTable>(views_, {n.subject, n.subject_id, stamp_.sequence});
}

void Applier::operator()(const ObjectionRecorded& o) {
  Notice n = notice(o.notice);
  authorize(Write::kPublish, n.board, std::nullopt);
  if (o.upheld) {
    n.upheld = true;
    put<NoticesTable>(views_, n);
  }
}

Applier::Resolution Applier::resolution(std::uint64_t id) {
  auto record = find<ResolutionsTable>(views_, id);
  if (!record) {
    refuse("resolution", "no resolution " + std::to_string(id),
           "找不到决议（第 " + std::to_string(id) + " 条记录）");
  }
  return std::move(*record);
}

// A resolution carries one plan or one step; a second use would count one vote twice.
void Applier::use_resolution(Resolution r) {
  if (r.used_by != 0) {
    throw_error(ErrorKind::kConflict,
                "resolution " + std::to_string(r.id) + " was already relied on by entry " +
                    std::to_string(r.used_by),
                "决议（第 " + std::to_string(r.id) + " 条记录）已被第 " +
                    std::to_string(r.used_by) + " 条记录采用，一份决议只能用一次");
  }
  r.used_by = stamp_.sequence;
  put<ResolutionsTable>(views_, r);
}

Applier::Notice Applier::notice(std::uint64_t id) {
  auto record = find<NoticesTable>(views_, id);
  if (!record) {
    refuse("notice", "no notice " + std::to_string(id),
           "找不到公示（第 " + std::to_string(id) + " 条记录）");
  }
  return std::move(*record);
}

// The last day a notice runs: it runs its full length from the later of its start and the day
// the register recorded it, so a notice entered after its dates (backdated) still runs in full.
Date Applier::runs_until(const Notice& n) {
  const Date from = std::max(n.start, n.recorded);
  return from.plus_days(n.end.days() - n.start.days());
}

// A notice has run when its last day is past: by the dates the entries give (the step after the
// notice's end), and by the register's clock (the step recorded after the notice ran its full
// length from the day it was recorded). It stands when no objection was upheld.
void Applier::require_run(const Notice& n) {
  if (entry_.effective <= n.end) {
    refuse("notice",
           "notice " + std::to_string(n.id) + " runs until " + n.end.to_string() +
               "; what it publishes cannot complete before it has run",
           "公示（第 " + std::to_string(n.id) + " 条记录）到 " + n.end.to_string() +
               " 才期满；公示期满前不能办理所公示的事项");
  }
  const Date until = runs_until(n);
  if (recorded_day() <= until) {
    refuse("notice",
           "notice " + std::to_string(n.id) + " was recorded on " + n.recorded.to_string() +
               ", so by the register's clock it runs its " +
               std::to_string(n.end.days() - n.start.days() + 1) + " days until " +
               until.to_string() + "; what it publishes cannot complete before it has run",
           "公示（第 " + std::to_string(n.id) + " 条记录）于 " + n.recorded.to_string() +
               " 才录入台账，按台账时间须公示满 " +
               std::to_string(n.end.days() - n.start.days() + 1) + " 天，到 " + until.to_string() +
               " 才期满；公示期满前不能办理所公示的事项");
  }
  if (n.upheld) {
    refuse(
        "objection", "an objection to notice " + std::to_string(n.id) + " was upheld",
        "公示（第 " + std::to_string(n.id) + " 条记录）收到的异议经核实成立，所公示的事项不能办理");
  }
}

}  // namespace taizhang::domain

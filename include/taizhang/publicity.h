// Resolutions and notices (docs/rules.md §4, §5, §7): the village meetings that decide, and the
// publicity (公示) that lets everyone see and object, each an entry of its own.
//
// A resolution records the meeting and its counts; the register computes the quorum and the
// majority itself and refuses a resolution without them. A notice records its board, place,
// start and end; it must run at least the policy's days, and a step or plan that needs it cannot
// complete before it has run or while an objection to it is upheld.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/export.h"

namespace taizhang {

// Persisted: do not renumber.
enum class Meeting : std::uint16_t {
  kVillagersAssembly = 0,       // adult villagers: more than half present
  kHouseholdAssembly = 1,       // household representatives: at least 2/3 present
  kRepresentativesMeeting = 2,  // villagers' representatives: at least 2/3 present
  kMembersAssembly = 3,         // a cooperative's members (or their representatives)
};
enum class ResolutionSubject : std::uint16_t {
  kAllocationPlan = 0,
  kDisposal = 1,
  kOther = 2,
  kOperationContract = 3,  // leasing or contracting out the village's assets
};
enum class NoticeSubject : std::uint16_t {
  kProject = 0,            // subject id: the asset
  kAllocationPlan = 1,     // subject id: the resolution that adopted the plan
  kAllocationResult = 2,   // subject id: the AllocationRecorded entry
  kDisposal = 3,           // subject id: the disposal request
  kDisposalResult = 4,     // subject id: the executed disposal request
  kOperationContract = 5,  // subject id: the resolution to lease or contract out
};

TAIZHANG_EXPORT std::string_view name_of(Meeting value);
TAIZHANG_EXPORT std::string_view name_of(ResolutionSubject value);
TAIZHANG_EXPORT std::string_view name_of(NoticeSubject value);
TAIZHANG_EXPORT Meeting parse_meeting(std::string_view text, std::string_view field);
TAIZHANG_EXPORT ResolutionSubject parse_resolution_subject(std::string_view text,
                                                           std::string_view field);
TAIZHANG_EXPORT NoticeSubject parse_notice_subject(std::string_view text, std::string_view field);

struct ResolutionAdopted {
  std::uint64_t village = 0;  // the village collective (or villager group), or a cooperative
  Meeting meeting = Meeting::kVillagersAssembly;
  ResolutionSubject subject = ResolutionSubject::kOther;
  std::uint64_t disposal = 0;  // the request, for a disposal
  std::string title;
  Date day;  // of the meeting
  std::uint32_t eligible = 0;
  std::uint32_t present = 0;
  std::uint32_t in_favour = 0;
};

// Checks the counts of a resolution: InvalidInput for impossible counts, RuleViolation
// ("quorum: ..." or "majority: ...") for a meeting without its quorum or a motion without its
// majority.
TAIZHANG_EXPORT void check_resolution_counts(Meeting meeting, std::uint32_t eligible,
                                             std::uint32_t present, std::uint32_t in_favour);
// The same against a policy's quorum (present / eligible above, or at least, numerator /
// denominator) and majority (in favour / present above majority_numerator / denominator).
TAIZHANG_EXPORT void check_resolution_counts(std::string_view meeting, std::uint32_t eligible,
                                             std::uint32_t present, std::uint32_t in_favour,
                                             std::uint32_t quorum_numerator,
                                             std::uint32_t quorum_denominator, bool quorum_strict,
                                             std::uint32_t majority_numerator,
                                             std::uint32_t majority_denominator);

struct NoticePosted {
  NoticeSubject subject = NoticeSubject::kProject;
  std::uint64_t subject_id = 0;
  std::string division;  // the board's village or township
  std::string place;
  Date start;
  Date end;            // the last day up
  Bytes content_hash;  // 32 bytes or empty
};

struct ObjectionRecorded {
  std::uint64_t notice = 0;
  bool upheld = false;
  std::string summary;
};

}  // namespace taizhang

// The counts of a village meeting (DOMAIN.md §4): the quorum by kind of meeting, and the
// majority of those present.
#include "taizhang/publicity.h"

#include "taizhang/error.h"

namespace taizhang {

void check_resolution_counts(Meeting meeting, std::uint32_t eligible, std::uint32_t present,
                             std::uint32_t in_favour) {
  if (eligible == 0) throw_invalid("eligible", "0", "a meeting has members entitled to attend");
  if (present > eligible) {
    throw_invalid("present", std::to_string(present),
                  "more than the " + std::to_string(eligible) + " entitled to attend");
  }
  if (in_favour > present) {
    throw_invalid("in_favour", std::to_string(in_favour),
                  "more than the " + std::to_string(present) + " present");
  }
  const std::uint64_t p = present;
  const std::uint64_t e = eligible;
  const bool half = meeting == Meeting::kVillagersAssembly;
  if (half ? p * 2 <= e : p * 3 < e * 2) {
    const char* who = meeting == Meeting::kVillagersAssembly   ? "adult villagers"
                      : meeting == Meeting::kHouseholdAssembly ? "households"
                                                               : "representatives";
    throw_error(ErrorKind::kRuleViolation,
                "quorum: " + std::to_string(present) + " of " + std::to_string(eligible) + " " +
                    who + " present is " + (half ? "not more than half" : "under two thirds"));
  }
  if (std::uint64_t{in_favour} * 2 <= p) {
    throw_error(ErrorKind::kRuleViolation, "majority: " + std::to_string(in_favour) + " of " +
                                               std::to_string(present) +
                                               " present in favour is not more than half");
  }
}

}  // namespace taizhang

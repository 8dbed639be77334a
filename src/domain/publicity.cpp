// The counts of a village meeting (docs/rules.md §4): the quorum by kind of meeting, and the
// majority of those present.
#include "taizhang/publicity.h"

#include "taizhang/error.h"

namespace taizhang {

void check_resolution_counts(std::string_view meeting, std::uint32_t eligible,
                             std::uint32_t present, std::uint32_t in_favour,
                             std::uint32_t quorum_numerator, std::uint32_t quorum_denominator,
                             bool quorum_strict, std::uint32_t majority_numerator,
                             std::uint32_t majority_denominator) {
  if (eligible == 0) throw_invalid("eligible", "0", "a meeting has members entitled to attend");
  if (present > eligible) {
    throw_invalid("present", std::to_string(present),
                  "more than the " + std::to_string(eligible) + " entitled to attend");
  }
  if (in_favour > present) {
    throw_invalid("in_favour", std::to_string(in_favour),
                  "more than the " + std::to_string(present) + " present");
  }
  // Exact in integers: present / eligible against numerator / denominator.
  const std::uint64_t have = std::uint64_t{present} * quorum_denominator;
  const std::uint64_t need = std::uint64_t{eligible} * quorum_numerator;
  if (quorum_strict ? have <= need : have < need) {
    const std::uint64_t n = quorum_numerator, d = quorum_denominator;
    const std::string fraction = n * 2 == d       ? "half"
                                 : n * 3 == d * 2 ? "two thirds"
                                                  : std::to_string(n) + "/" + std::to_string(d);
    throw_error(ErrorKind::kRuleViolation,
                "quorum: " + std::to_string(present) + " of " + std::to_string(eligible) +
                    " present at a " + std::string(meeting) + " is " +
                    (quorum_strict ? "not more than " : "under ") + fraction);
  }
  if (std::uint64_t{in_favour} * majority_denominator <=
      std::uint64_t{present} * majority_numerator) {
    throw_error(ErrorKind::kRuleViolation,
                "majority: " + std::to_string(in_favour) + " of " + std::to_string(present) +
                    " present in favour is not more than " +
                    (std::uint64_t{majority_numerator} * 2 == majority_denominator
                         ? std::string("half")
                         : std::to_string(majority_numerator) + "/" +
                               std::to_string(majority_denominator)));
  }
}

void check_resolution_counts(Meeting meeting, std::uint32_t eligible, std::uint32_t present,
                             std::uint32_t in_favour) {
  const bool half = meeting == Meeting::kVillagersAssembly;
  check_resolution_counts(name_of(meeting), eligible, present, in_favour, half ? 1 : 2,
                          half ? 2 : 3, half, 1, 2);
}

}  // namespace taizhang

// The counts of a village meeting (docs/rules.md §4): the quorum by kind of meeting, and the
// majority of those present.
#include "taizhang/publicity.h"

#include "taizhang/chinese.h"
#include "taizhang/error.h"

namespace taizhang {

namespace {

// The meeting in Chinese, from its English key (the counts are checked by the key's name).
std::string meeting_zh(std::string_view meeting) {
  for (std::uint16_t m = 0; m <= static_cast<std::uint16_t>(Meeting::kMembersAssembly); ++m) {
    if (name_of(static_cast<Meeting>(m)) == meeting) {
      return std::string(chinese_name(static_cast<Meeting>(m)));
    }
  }
  return "会议（" + std::string(meeting) + "）";
}

// A fraction as a clerk says it: 半数, 三分之二, or n/d.
std::string fraction_zh(std::uint64_t n, std::uint64_t d) {
  if (n * 2 == d) return "半数";
  if (n * 3 == d * 2) return "三分之二";
  return std::to_string(n) + "/" + std::to_string(d);
}

}  // namespace

void check_resolution_counts(std::string_view meeting, std::uint32_t eligible,
                             std::uint32_t present, std::uint32_t in_favour,
                             std::uint32_t quorum_numerator, std::uint32_t quorum_denominator,
                             bool quorum_strict, std::uint32_t majority_numerator,
                             std::uint32_t majority_denominator) {
  if (eligible == 0) {
    throw_invalid("eligible", "0", "a meeting has members entitled to attend",
                  "应到会人数不能为 0：请填写有权参加会议的人数");
  }
  if (present > eligible) {
    throw_invalid("present", std::to_string(present),
                  "more than the " + std::to_string(eligible) + " entitled to attend",
                  "实到人数多于应到会的 " + std::to_string(eligible) + " 人");
  }
  if (in_favour > present) {
    throw_invalid("in_favour", std::to_string(in_favour),
                  "more than the " + std::to_string(present) + " present",
                  "赞成人数多于实到会的 " + std::to_string(present) + " 人");
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
                    (quorum_strict ? "not more than " : "under ") + fraction,
                meeting_zh(meeting) + "应到 " + std::to_string(eligible) + " 人、实到 " +
                    std::to_string(present) + " 人，" +
                    (quorum_strict ? "未超过" + fraction_zh(n, d) : "不足" + fraction_zh(n, d)) +
                    "，到会人数未达法定要求，不能作出有效决议");
  }
  if (std::uint64_t{in_favour} * majority_denominator <=
      std::uint64_t{present} * majority_numerator) {
    throw_error(
        ErrorKind::kRuleViolation,
        "majority: " + std::to_string(in_favour) + " of " + std::to_string(present) +
            " present in favour is not more than " +
            (std::uint64_t{majority_numerator} * 2 == majority_denominator
                 ? std::string("half")
                 : std::to_string(majority_numerator) + "/" + std::to_string(majority_denominator)),
        "实到 " + std::to_string(present) + " 人，赞成 " + std::to_string(in_favour) +
            " 人，未超过" + fraction_zh(majority_numerator, majority_denominator) +
            "，决议未获通过");
  }
}

void check_resolution_counts(Meeting meeting, std::uint32_t eligible, std::uint32_t present,
                             std::uint32_t in_favour) {
  const bool half = meeting == Meeting::kVillagersAssembly;
  check_resolution_counts(name_of(meeting), eligible, present, in_favour, half ? 1 : 2,
                          half ? 2 : 3, half, 1, 2);
}

}  // namespace taizhang

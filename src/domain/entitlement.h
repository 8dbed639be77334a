// Entitlement by earning period (docs/rules.md §4), shared by the fold and the audit.
#pragma once

#include <cstdint>
#include <vector>

#include "model/view_records.h"

namespace taizhang::domain {

// The months of the period `from`..`until` (calendar months it touches) in which a list member
// with these stays was on the list: from the month added through the month removed, counting
// only stays that overlap the period.
std::uint64_t months_counted(const std::vector<model::BeneficiariesTable::Stay>& stays, Date from,
                             Date until);

}  // namespace taizhang::domain

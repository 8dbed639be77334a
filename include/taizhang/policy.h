// The county's policy record: the values DOMAIN.md marks "policy default", versioned in the
// ledger. Version 1 (the defaults below) is written when a register is created; the county
// registrar may append later versions, and an asset takes the version in force on its
// completion date, so a change of policy never rewrites the past.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

namespace taizhang {

struct TAIZHANG_EXPORT PolicyDefined {
  std::uint32_t version = 1;
  Date effective_from;
  std::vector<std::pair<AssetCategory, std::int32_t>> lives;  // months; 0: not depreciated
  Share residual_rate = Share::of(5, 100);
  std::uint16_t inspection_interval_days = 180;
  std::uint16_t publicity_days = 10;
  Money state_approval_threshold = Money::from_fen(20'000'000);

  // The life of `category` in months; none when not depreciated (or not listed).
  std::optional<std::int32_t> life_months(AssetCategory category) const;
};

// Version 1: the defaults of DOMAIN.md §3, §5, §6 and §7, in force from `effective_from`.
TAIZHANG_EXPORT PolicyDefined default_policy(Date effective_from);

// Checks a policy version's values, naming the field (InvalidInput).
TAIZHANG_EXPORT void check_policy(const PolicyDefined& policy);

}  // namespace taizhang

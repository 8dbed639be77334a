// Depreciation (折旧), exactly as docs/rules.md §6 says: two regimes, four methods, one rounding
// rule.
//
// Rounding: the residual value is original × residual rate rounded half up to the fen, and the
// depreciable base is original − residual. The accumulated depreciation after k months is the
// method's exact (rational) accumulated amount rounded half up to the fen; a month's amount is
// the difference of two accumulations, so the months of a full life sum to the base exactly.
//
// Months: a depreciation month is recognised on its last day. The government regime counts the
// month of acquisition; the collective regime starts the month after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

namespace taizhang {

struct DepreciationPlan {
  Money original;  // 原值, >= 0
  DepreciationMethod method = DepreciationMethod::kStraightLine;
  std::int32_t life_months = 0;  // > 0; whole years for double-declining (>= 3) and
                                 // sum-of-years; an upper bound on months for units
  Date acquired;                 // the acquisition (completion) date
  DepreciationRegime regime = DepreciationRegime::kCollective;
  Share residual_rate = Share::of(5, 100);  // ignored (0) in the government regime; < 1
  std::uint64_t units_total = 0;            // units of production: expected total, > 0
  std::vector<std::uint64_t> units;         // units of production: units used per month
};

struct DepreciationRow {
  Date period_end;  // the last day of the depreciation month
  Money depreciation;
  Money accumulated;
  Money book_value;  // original − accumulated
};

// Throws InvalidInput naming the field for a plan that cannot be depreciated (the government
// regime with double-declining or sum-of-years, a life that is not whole years where one is
// needed, units without a total, ...).
TAIZHANG_EXPORT void check_depreciation_plan(const DepreciationPlan& plan);

// The residual value (残值) in fen: 0 in the government regime.
TAIZHANG_EXPORT Money residual_value(const DepreciationPlan& plan);

// One row per depreciation month of the whole life (per recorded month for units of production).
TAIZHANG_EXPORT std::vector<DepreciationRow> depreciation_schedule(const DepreciationPlan& plan);

// Accumulated depreciation as of `as_of`: the months whose last day is on or before it.
TAIZHANG_EXPORT Money accumulated_depreciation(const DepreciationPlan& plan, Date as_of);

// The last day of the month `months` after the month of `date` (0: the month of `date` itself).
TAIZHANG_EXPORT Date month_end(Date date, std::int32_t months);

}  // namespace taizhang

namespace taizhang {

enum class AssetCategory : std::uint16_t;
enum class PartyKind : std::uint16_t;

// The policy default life of a category in months (docs/rules.md §6): none for what is not
// depreciated (livestock, equity, land, infrastructure kept by maintenance). A use right's life
// is its term. (Issue 4 moves these defaults into the versioned policy record.)
TAIZHANG_EXPORT std::optional<std::int32_t> default_life_months(AssetCategory category,
                                                                std::uint16_t use_right_years);
// The policy default regime of an owner: government for townships and county departments,
// collective for everyone else.
TAIZHANG_EXPORT DepreciationRegime default_regime(PartyKind owner_kind);

}  // namespace taizhang

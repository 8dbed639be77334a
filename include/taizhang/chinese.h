// Chinese names for county staff: each enumeration value as people read it (出租,
// 村集体经济组织, 县财政局, ...). The English keys (name_of) stay what the register, JSON and
// Python store; these are for messages, reports and notices. A value without a Chinese name
// gives its English key.
#pragma once

#include <string_view>

#include "taizhang/asset.h"
#include "taizhang/disposal.h"
#include "taizhang/entry.h"
#include "taizhang/export.h"
#include "taizhang/income.h"
#include "taizhang/policy.h"
#include "taizhang/publicity.h"
#include "taizhang/records.h"

namespace taizhang {

TAIZHANG_EXPORT std::string_view chinese_name(AssetClass value);
TAIZHANG_EXPORT std::string_view chinese_name(AssetStatus value);
TAIZHANG_EXPORT std::string_view chinese_name(AssetCategory value);
TAIZHANG_EXPORT std::string_view chinese_name(AssetForm value);
TAIZHANG_EXPORT std::string_view chinese_name(FundingSource value);
TAIZHANG_EXPORT std::string_view chinese_name(MaintenanceMode value);
TAIZHANG_EXPORT std::string_view chinese_name(OperationMode value);
TAIZHANG_EXPORT std::string_view chinese_name(DisposalMethod value);
TAIZHANG_EXPORT std::string_view chinese_name(DisposalStepKind value);
TAIZHANG_EXPORT std::string_view chinese_name(NoticeSubject value);
TAIZHANG_EXPORT std::string_view chinese_name(PartyKind value);
TAIZHANG_EXPORT std::string_view chinese_name(OwnershipLevel value);
TAIZHANG_EXPORT std::string_view chinese_name(Role value);
TAIZHANG_EXPORT std::string_view chinese_name(RightKind value);
TAIZHANG_EXPORT std::string_view chinese_name(Condition value);
TAIZHANG_EXPORT std::string_view chinese_name(ValueChangeKind value);
TAIZHANG_EXPORT std::string_view chinese_name(DepreciationMethod value);
TAIZHANG_EXPORT std::string_view chinese_name(DepreciationRegime value);
TAIZHANG_EXPORT std::string_view chinese_name(DisposalTrigger value);
TAIZHANG_EXPORT std::string_view chinese_name(Disposal::State value);
TAIZHANG_EXPORT std::string_view chinese_name(ChainOwner value);
TAIZHANG_EXPORT std::string_view chinese_name(ThresholdBasis value);
TAIZHANG_EXPORT std::string_view chinese_name(PlanOwner value);
TAIZHANG_EXPORT std::string_view chinese_name(Meeting value);
TAIZHANG_EXPORT std::string_view chinese_name(ResolutionSubject value);
TAIZHANG_EXPORT std::string_view chinese_name(IncomeKind value);
TAIZHANG_EXPORT std::string_view chinese_name(PartDisposition value);

// A purpose of income (docs/rules.md §4) by its key, as the county names it: the default allowed
// purposes ("collective_economy": 发展壮大村集体经济, ...) and the prohibited ones. A purpose a
// county's policy adds gives its own key.
TAIZHANG_EXPORT std::string_view chinese_purpose(std::string_view purpose);

}  // namespace taizhang

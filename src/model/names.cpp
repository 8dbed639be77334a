// Names of the register's enumerations, in the snake_case used by Python, CSV and the CLI.
#include <algorithm>
#include <string>
#include <utility>
#include <variant>

#include "taizhang/asset.h"
#include "taizhang/chinese.h"
#include "taizhang/disposal.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"
#include "taizhang/income.h"
#include "taizhang/policy.h"
#include "taizhang/publicity.h"
#include "taizhang/records.h"

namespace taizhang {
namespace {

constexpr std::string_view kMethodNames[] = {"straight_line", "double_declining", "sum_of_years",
                                             "units_of_production"};

constexpr std::string_view kPartyKinds[] = {
    "household",   "village_collective", "villager_group",
    "township",    "county_department",  "enterprise",
    "cooperative", "platform_company",   "supervision_committee"};
constexpr std::string_view kAssetClasses[] = {"operating", "public_welfare", "household"};
constexpr std::string_view kAssetForms[] = {"fixed", "biological", "equity",
                                            "debt",  "intangible", "use_right"};
constexpr std::string_view kAssetCategories[] = {"building_steel_concrete",
                                                 "building_brick",
                                                 "building_simple",
                                                 "structure",
                                                 "machinery",
                                                 "vehicle",
                                                 "computer",
                                                 "electrical",
                                                 "pv_station",
                                                 "greenhouse",
                                                 "use_right",
                                                 "livestock",
                                                 "equity",
                                                 "land",
                                                 "infrastructure",
                                                 "other",
                                                 "relocation_shop"};
constexpr std::string_view kAssetStatuses[] = {
    "in_use", "idle", "inefficient", "leased", "damaged", "pending_disposal", "disposed"};
constexpr std::string_view kFundingSources[] = {"central_fiscal",         "provincial_fiscal",
                                                "municipal_fiscal",       "county_fiscal",
                                                "integrated_agriculture", "local_government_bonds",
                                                "east_west_cooperation",  "targeted_assistance",
                                                "social_donation",        "relocation",
                                                "villagers_own",          "other"};

constexpr std::string_view kRightKinds[] = {"ownership", "operation",   "income",
                                            "disposal",  "supervision", "management"};
constexpr std::string_view kOperationModes[] = {"self_operated", "entrusted", "cooperative",
                                                "leased"};
constexpr std::string_view kMaintenanceModes[] = {"household_self",    "public_welfare_post",
                                                  "purchased_service", "village_collective",
                                                  "township",          "sector_department"};
constexpr std::string_view kConditions[] = {"good", "fair", "damaged", "unusable"};
constexpr std::string_view kValueChangeKinds[] = {"revaluation", "impairment", "improvement",
                                                  "appraisal"};

constexpr std::string_view kDisposalTriggers[] = {
    "disaster",         "plan_change", "end_of_life", "idle_change_of_use",
    "dividend_expired", "superseded",  "other"};
constexpr std::string_view kDisposalMethods[] = {
    "auction",   "transfer",      "change_of_use", "suspension", "loss_report",         "scrapping",
    "write_off", "free_transfer", "donation",      "exchange",   "ownership_correction"};
constexpr std::string_view kDisposalSteps[] = {
    "household_declaration", "committee_proposal",
    "assembly_resolution",   "publicity",
    "township_approval",     "rural_revitalization_consent",
    "finance_consent",       "department_proposal",
    "finance_approval",      "government_approval"};

constexpr std::string_view kChainOwners[] = {"household", "village_collective", "state",
                                             "cooperative"};
constexpr std::string_view kPlanOwners[] = {"collective", "cooperative", "state"};
constexpr std::string_view kThresholdBases[] = {"original", "book"};
constexpr std::string_view kPartDispositions[] = {"allocate", "own", "treasury"};
constexpr std::string_view kMeetings[] = {"villagers_assembly", "household_assembly",
                                          "representatives_meeting", "members_assembly"};
constexpr std::string_view kResolutionSubjects[] = {"allocation_plan", "disposal", "other",
                                                    "operation_contract"};
constexpr std::string_view kNoticeSubjects[] = {"project",           "allocation_plan",
                                                "allocation_result", "disposal",
                                                "disposal_result",   "operation_contract"};

constexpr std::string_view kIncomeKinds[] = {"rent",        "dividend", "sales",
                                             "electricity", "interest", "other"};

template <std::size_t N>
std::string_view name_in(const std::string_view (&names)[N], std::uint16_t value) {
  return value < N ? names[value] : "unknown";
}

// "in_use（在用）、idle（闲置）": the keys a clerk may type, each with its Chinese name.
template <typename Enum, std::size_t N>
std::string keys_zh(const std::string_view (&names)[N]) {
  std::string known;
  for (std::size_t i = 0; i < N; ++i) {
    known.append(i == 0 ? "" : "、").append(names[i]);
    const std::string_view chinese = chinese_name(static_cast<Enum>(i));
    if (chinese != names[i]) known.append("（").append(chinese).append("）");
  }
  return known;
}

// `what_zh` is the kind of value in Chinese ("资产状态").
template <typename Enum, std::size_t N>
Enum parse_in(const std::string_view (&names)[N], std::string_view text, std::string_view field,
              const char* what, const char* what_zh) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  std::string known;
  for (std::size_t i = 0; i < N; ++i) known.append(i == 0 ? "" : ", ").append(names[i]);
  throw_invalid(field, text, std::string("unknown ") + what + " (" + known + ")",
                std::string(what_zh) + "须为以下之一（填英文代码）：" + keys_zh<Enum>(names));
}

}  // namespace

std::string_view name_of(PartyKind v) {
  return name_in(kPartyKinds, static_cast<std::uint16_t>(v));
}
std::string_view name_of(AssetClass v) {
  return name_in(kAssetClasses, static_cast<std::uint16_t>(v));
}
std::string_view name_of(AssetForm v) {
  return name_in(kAssetForms, static_cast<std::uint16_t>(v));
}
std::string_view name_of(AssetCategory v) {
  return name_in(kAssetCategories, static_cast<std::uint16_t>(v));
}
std::string_view name_of(AssetStatus v) {
  return name_in(kAssetStatuses, static_cast<std::uint16_t>(v));
}
std::string_view name_of(FundingSource v) {
  return name_in(kFundingSources, static_cast<std::uint16_t>(v));
}

std::string_view name_of(RightKind v) {
  return name_in(kRightKinds, static_cast<std::uint16_t>(v));
}
std::string_view name_of(OperationMode v) {
  return name_in(kOperationModes, static_cast<std::uint16_t>(v));
}
std::string_view name_of(MaintenanceMode v) {
  return name_in(kMaintenanceModes, static_cast<std::uint16_t>(v));
}
std::string_view name_of(Condition v) {
  return name_in(kConditions, static_cast<std::uint16_t>(v));
}
std::string_view name_of(ValueChangeKind v) {
  return name_in(kValueChangeKinds, static_cast<std::uint16_t>(v));
}
RightKind parse_right_kind(std::string_view text, std::string_view field) {
  return parse_in<RightKind>(kRightKinds, text, field, "right", "权利");
}
OperationMode parse_operation_mode(std::string_view text, std::string_view field) {
  return parse_in<OperationMode>(kOperationModes, text, field, "operation mode", "经营方式");
}
MaintenanceMode parse_maintenance_mode(std::string_view text, std::string_view field) {
  return parse_in<MaintenanceMode>(kMaintenanceModes, text, field, "maintenance mode", "管护方式");
}
Condition parse_condition(std::string_view text, std::string_view field) {
  return parse_in<Condition>(kConditions, text, field, "condition", "巡查结论");
}
ValueChangeKind parse_value_change_kind(std::string_view text, std::string_view field) {
  return parse_in<ValueChangeKind>(kValueChangeKinds, text, field, "value change", "价值变动类型");
}

std::string_view name_of(DisposalTrigger v) {
  return name_in(kDisposalTriggers, static_cast<std::uint16_t>(v));
}
std::string_view name_of(DisposalMethod v) {
  return name_in(kDisposalMethods, static_cast<std::uint16_t>(v));
}
std::string_view name_of(DisposalStepKind v) {
  return name_in(kDisposalSteps, static_cast<std::uint16_t>(v));
}
DisposalTrigger parse_disposal_trigger(std::string_view text, std::string_view field) {
  return parse_in<DisposalTrigger>(kDisposalTriggers, text, field, "disposal trigger", "处置原因");
}
DisposalMethod parse_disposal_method(std::string_view text, std::string_view field) {
  if (text == "pledge" || text == "mortgage" || text == "collateral") {
    throw_invalid(field, text, "pledging an asset as collateral is prohibited (docs/rules.md §5)",
                  "扶贫项目资产一律不得抵押、质押或用作担保（docs/rules.md 第 5 节），"
                  "不能作为处置方式登记");
  }
  return parse_in<DisposalMethod>(kDisposalMethods, text, field, "disposal method", "处置方式");
}

DisposalStepKind parse_disposal_step_kind(std::string_view text, std::string_view field) {
  return parse_in<DisposalStepKind>(kDisposalSteps, text, field, "disposal step", "审批环节");
}
std::string_view name_of(ChainOwner v) {
  return name_in(kChainOwners, static_cast<std::uint16_t>(v));
}
ChainOwner parse_chain_owner(std::string_view text, std::string_view field) {
  return parse_in<ChainOwner>(kChainOwners, text, field, "chain owner", "审批流程的资产类别");
}
std::string_view name_of(ThresholdBasis v) {
  return name_in(kThresholdBases, static_cast<std::uint16_t>(v));
}
ThresholdBasis parse_threshold_basis(std::string_view text, std::string_view field) {
  return parse_in<ThresholdBasis>(kThresholdBases, text, field, "threshold basis",
                                  "限额的计算基础");
}
std::string_view name_of(PlanOwner v) {
  return name_in(kPlanOwners, static_cast<std::uint16_t>(v));
}
PlanOwner parse_plan_owner(std::string_view text, std::string_view field) {
  return parse_in<PlanOwner>(kPlanOwners, text, field, "plan owner", "分配方案的产权主体类别");
}
std::string_view name_of(PartDisposition v) {
  return name_in(kPartDispositions, static_cast<std::uint16_t>(v));
}
std::string_view name_of(Meeting v) { return name_in(kMeetings, static_cast<std::uint16_t>(v)); }
Meeting parse_meeting(std::string_view text, std::string_view field) {
  return parse_in<Meeting>(kMeetings, text, field, "meeting", "会议类型");
}
std::string_view name_of(ResolutionSubject v) {
  return name_in(kResolutionSubjects, static_cast<std::uint16_t>(v));
}
ResolutionSubject parse_resolution_subject(std::string_view text, std::string_view field) {
  return parse_in<ResolutionSubject>(kResolutionSubjects, text, field, "resolution subject",
                                     "决议事项");
}
std::string_view name_of(NoticeSubject v) {
  return name_in(kNoticeSubjects, static_cast<std::uint16_t>(v));
}
NoticeSubject parse_notice_subject(std::string_view text, std::string_view field) {
  return parse_in<NoticeSubject>(kNoticeSubjects, text, field, "notice subject", "公示事项");
}

std::string_view name_of(IncomeKind v) {
  return name_in(kIncomeKinds, static_cast<std::uint16_t>(v));
}
IncomeKind parse_income_kind(std::string_view text, std::string_view field) {
  return parse_in<IncomeKind>(kIncomeKinds, text, field, "income kind", "收益类型");
}

PartyKind parse_party_kind(std::string_view text, std::string_view field) {
  return parse_in<PartyKind>(kPartyKinds, text, field, "party kind", "主体类型");
}
AssetClass parse_asset_class(std::string_view text, std::string_view field) {
  return parse_in<AssetClass>(kAssetClasses, text, field, "asset class", "资产类别");
}
AssetForm parse_asset_form(std::string_view text, std::string_view field) {
  return parse_in<AssetForm>(kAssetForms, text, field, "asset form", "资产形态");
}
AssetCategory parse_asset_category(std::string_view text, std::string_view field) {
  return parse_in<AssetCategory>(kAssetCategories, text, field, "asset category", "资产分类");
}
AssetStatus parse_asset_status(std::string_view text, std::string_view field) {
  return parse_in<AssetStatus>(kAssetStatuses, text, field, "asset status", "资产状态");
}
FundingSource parse_funding_source(std::string_view text, std::string_view field) {
  return parse_in<FundingSource>(kFundingSources, text, field, "funding source", "资金来源");
}

DepreciationMethod parse_depreciation_method(std::string_view text, std::string_view field) {
  for (std::size_t i = 0; i < std::size(kMethodNames); ++i) {
    if (kMethodNames[i] == text) return static_cast<DepreciationMethod>(i);
  }
  std::string known;
  for (std::size_t i = 0; i < std::size(kMethodNames); ++i) {
    known.append(i == 0 ? "" : "、")
        .append(kMethodNames[i])
        .append("（")
        .append(chinese_name(static_cast<DepreciationMethod>(i)))
        .append("）");
  }
  throw_invalid(field, text,
                "unknown method (straight_line, double_declining, sum_of_years, "
                "units_of_production)",
                "折旧方法须为以下之一（填英文代码）：" + known);
}

std::string_view depreciation_method_name(DepreciationMethod method) {
  return kMethodNames[static_cast<std::size_t>(method)];
}

DepreciationRegime parse_depreciation_regime(std::string_view text, std::string_view field) {
  if (text == "government") return DepreciationRegime::kGovernment;
  if (text == "collective") return DepreciationRegime::kCollective;
  throw_invalid(field, text, "unknown regime (government, collective)",
                "折旧适用的会计制度须为 government（" +
                    std::string(chinese_name(DepreciationRegime::kGovernment)) +
                    "）或 collective（" +
                    std::string(chinese_name(DepreciationRegime::kCollective)) + "）");
}

std::span<const AuditDayField> audit_day_fields() {
  static constexpr AuditDayField kFields[] = {
      {"income_unallocated", &AuditDays::income_unallocated},
      {"operating_without_income", &AuditDays::operating_without_income},
      {"contract_expiring", &AuditDays::contract_expiring},
      {"result_unpublished", &AuditDays::result_unpublished}};
  return kFields;
}

std::int64_t parse_quantity_milli(std::string_view text, std::string_view field) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(whole) || (dot != std::string_view::npos && !digits(fraction)) ||
      fraction.size() > 3 || whole.size() > 12) {
    throw_invalid(field, text, "a quantity is a number with at most three decimals",
                  "数量须为不带单位的半角数字，最多 3 位小数、整数部分最多 12 位，如 12 或 3.5"
                  "（单位另填在计量单位中）");
  }
  std::int64_t milli = std::stoll(std::string(whole)) * 1000;
  std::string padded(fraction);
  padded.resize(3, '0');
  return milli + std::stoll(padded);
}

std::string quantity_text(std::int64_t milli) {
  std::string text = std::to_string(milli / 1000);
  if (milli % 1000 != 0) {
    std::string fraction = std::to_string(1000 + milli % 1000).substr(1);
    while (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text;
}

template <>
std::span<const std::string_view> names_of_all<AssetClass>() {
  return kAssetClasses;
}
template <>
std::span<const std::string_view> names_of_all<AssetForm>() {
  return kAssetForms;
}
template <>
std::span<const std::string_view> names_of_all<AssetCategory>() {
  return kAssetCategories;
}
template <>
std::span<const std::string_view> names_of_all<AssetStatus>() {
  return kAssetStatuses;
}

std::string_view name_of(OwnershipLevel level) {
  constexpr std::string_view kNames[] = {"unconfirmed", "household", "village",
                                         "township",    "county",    "mixed"};
  return kNames[static_cast<std::size_t>(level)];
}

std::string_view name_of(Disposal::State state) {
  constexpr std::string_view kNames[] = {"open", "rejected", "withdrawn", "executed"};
  return kNames[static_cast<std::size_t>(state)];
}

namespace {

// In the order of Body's alternatives.
constexpr std::string_view kBodyKinds[] = {
    "register_initialized", "actor_key_enrolled",   "division_defined",    "party_registered",
    "asset_registered",     "asset_status_changed", "ownership_confirmed", "asset_corrected",
    "right_bound",          "operation_contracted", "maintenance_bound",   "inspected",
    "value_changed",        "depreciation_planned", "units_recorded",      "policy_defined",
    "disposal_requested",   "disposal_step",        "disposal_withdrawn",  "disposal_executed",
    "income_recorded",      "beneficiary_changed",  "plan_approved",       "allocation_recorded",
    "resolution_adopted",   "notice_posted",        "objection_recorded",  "actor_key_rotated",
    "actor_key_revoked",    "asset_handed_over"};
static_assert(std::size(kBodyKinds) == std::variant_size_v<Body>);

constexpr std::pair<std::string_view, std::string_view> kChineseLabels[] = {
    {"register_initialized", "台账建立"},
    {"actor_key_enrolled", "登记经办人员及密钥"},
    {"actor_key_rotated", "更换经办人员密钥"},
    {"actor_key_revoked", "注销经办人员密钥"},
    {"division_defined", "行政区划登记"},
    {"party_registered", "主体登记"},
    {"asset_registered", "资产登记"},
    {"asset_status_changed", "资产状态变更"},
    {"ownership_confirmed", "确权"},
    {"asset_corrected", "资产信息更正"},
    {"right_bound", "权能落实"},
    {"operation_contracted", "经营合同"},
    {"maintenance_bound", "管护责任落实"},
    {"inspected", "巡查或清查"},
    {"value_changed", "价值变动"},
    {"depreciation_planned", "折旧方案"},
    {"units_recorded", "工作量登记"},
    {"policy_defined", "政策参数"},
    {"disposal_requested", "处置申请"},
    {"disposal_step", "处置审批"},
    {"disposal_withdrawn", "处置撤回"},
    {"disposal_executed", "处置执行"},
    {"income_recorded", "收益登记"},
    {"beneficiary_changed", "受益对象变动"},
    {"plan_approved", "收益分配方案"},
    {"allocation_recorded", "收益分配"},
    {"resolution_adopted", "会议决议"},
    {"notice_posted", "公示"},
    {"objection_recorded", "公示异议"},
    {"asset_handed_over", "资产移交"},
    {"unconfirmed_ownership", "权属未确认"},
    {"no_maintenance_binding", "管护责任未落实"},
    {"inspection_overdue", "巡查超期"},
    {"operating_asset_idle", "经营性资产闲置低效"},
    {"contract_expiring", "经营合同即将到期"},
    {"contract_expired", "经营合同已到期"},
    {"funding_mismatch", "资金来源与原值不符"},
    {"shares_not_one", "份额合计不为1"},
    {"income_not_allocated", "收益未按期分配"},
    {"disposal_proceeds_not_reallocated", "处置收入未按期再分配"},
    {"guarantee_not_paid", "保底收益未足额支付"},
    {"beneficiary_paid_after_removal", "移出后仍获分配"},
    {"allocation_result_not_published", "分配结果未公示"},
    {"disposal_result_not_published", "处置结果未公示"},
    {"not_stocktaken", "未按期清查"},
};

}  // namespace

std::string_view body_kind(const Body& body) { return kBodyKinds[body.index()]; }

std::span<const std::string_view> body_kinds() { return kBodyKinds; }

std::string_view chinese_label(std::string_view key) {
  for (const auto& [english, chinese] : kChineseLabels) {
    if (english == key) return chinese;
  }
  return key;
}

std::span<const std::pair<std::string_view, std::string_view>> chinese_labels() {
  return kChineseLabels;
}

// The Chinese names of the enumerations (taizhang/chinese.h): one table per type, by English key.
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

template <std::size_t N>
std::string_view lookup(std::string_view key, const Pair (&names)[N]) {
  for (const auto& [english, chinese] : names) {
    if (english == key) return chinese;
  }
  return key;
}

}  // namespace

std::string_view chinese_name(AssetClass value) {
  static constexpr Pair kNames[] = {
      {"operating", "经营性"}, {"public_welfare", "公益性"}, {"household", "到户类"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(AssetStatus value) {
  static constexpr Pair kNames[] = {{"in_use", "在用"},      {"idle", "闲置"},
                                    {"inefficient", "低效"}, {"leased", "出租"},
                                    {"damaged", "损毁"},     {"pending_disposal", "待处置"},
                                    {"disposed", "已处置"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(AssetCategory value) {
  static constexpr Pair kNames[] = {{"building_steel_concrete", "钢混结构房屋"},
                                    {"building_brick", "砖混结构房屋"},
                                    {"building_simple", "简易房屋"},
                                    {"structure", "构筑物"},
                                    {"machinery", "机器设备"},
                                    {"vehicle", "车辆"},
                                    {"computer", "电子设备"},
                                    {"electrical", "电气设备"},
                                    {"pv_station", "光伏电站"},
                                    {"greenhouse", "温室大棚"},
                                    {"use_right", "土地经营权"},
                                    {"livestock", "牲畜"},
                                    {"equity", "股权投资"},
                                    {"land", "土地"},
                                    {"infrastructure", "基础设施"},
                                    {"other", "其他"},
                                    {"relocation_shop", "安置区商铺"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(AssetForm value) {
  static constexpr Pair kNames[] = {{"fixed", "固定资产"},      {"biological", "生物资产"},
                                    {"equity", "股权"},         {"debt", "债权"},
                                    {"intangible", "无形资产"}, {"use_right", "使用权"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(FundingSource value) {
  static constexpr Pair kNames[] = {{"central_fiscal", "中央财政"},
                                    {"provincial_fiscal", "省级财政"},
                                    {"municipal_fiscal", "市级财政"},
                                    {"county_fiscal", "县级财政"},
                                    {"integrated_agriculture", "涉农整合资金"},
                                    {"local_government_bonds", "地方政府债券"},
                                    {"east_west_cooperation", "东西部协作"},
                                    {"targeted_assistance", "定点帮扶"},
                                    {"social_donation", "社会捐赠"},
                                    {"relocation", "易地搬迁"},
                                    {"villagers_own", "群众自筹"},
                                    {"other", "其他"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(MaintenanceMode value) {
  static constexpr Pair kNames[] = {
      {"household_self", "农户自管"},    {"public_welfare_post", "公益性岗位"},
      {"purchased_service", "购买服务"}, {"village_collective", "村集体管护"},
      {"township", "乡镇管护"},          {"sector_department", "行业部门管护"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(OperationMode value) {
  static constexpr Pair kNames[] = {{"self_operated", "自主经营"},
                                    {"entrusted", "委托经营"},
                                    {"cooperative", "合作经营"},
                                    {"leased", "出租"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(DisposalMethod value) {
  static constexpr Pair kNames[] = {{"auction", "拍卖"},
                                    {"transfer", "转让"},
                                    {"change_of_use", "改变用途"},
                                    {"suspension", "暂停使用"},
                                    {"loss_report", "报损"},
                                    {"scrapping", "报废"},
                                    {"write_off", "核销"},
                                    {"free_transfer", "无偿划转"},
                                    {"donation", "捐赠"},
                                    {"exchange", "置换"},
                                    {"ownership_correction", "产权更正"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(DisposalStepKind value) {
  static constexpr Pair kNames[] = {
      {"household_declaration", "农户申报"},   {"committee_proposal", "村委会提议"},
      {"assembly_resolution", "村民会议决议"}, {"publicity", "公示"},
      {"township_approval", "乡镇审核"},       {"rural_revitalization_consent", "县乡村振兴局同意"},
      {"finance_consent", "县财政局同意"},     {"department_proposal", "主管部门提出"},
      {"finance_approval", "县财政局审批"},    {"government_approval", "县政府审批"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(NoticeSubject value) {
  static constexpr Pair kNames[] = {{"project", "项目"},
                                    {"allocation_plan", "收益分配方案"},
                                    {"allocation_result", "收益分配结果"},
                                    {"disposal", "资产处置"},
                                    {"disposal_result", "处置结果"},
                                    {"operation_contract", "经营合同"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(PartyKind value) {
  static constexpr Pair kNames[] = {{"household", "农户"},
                                    {"village_collective", "村集体经济组织"},
                                    {"villager_group", "村民小组"},
                                    {"township", "乡镇"},
                                    {"county_department", "县直部门"},
                                    {"enterprise", "企业"},
                                    {"cooperative", "合作社"},
                                    {"platform_company", "平台公司"},
                                    {"supervision_committee", "村务监督委员会"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(OwnershipLevel value) {
  static constexpr Pair kNames[] = {{"unconfirmed", "未确权"}, {"household", "农户"},
                                    {"village", "村级"},       {"township", "乡镇级"},
                                    {"county", "县级"},        {"mixed", "混合"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(Role value) {
  static constexpr Pair kNames[] = {{"county_registrar", "县级登记员"},
                                    {"county_rural_revitalization", "县乡村振兴局"},
                                    {"county_finance", "县财政局"},
                                    {"county_government", "县人民政府"},
                                    {"sector_department", "行业主管部门"},
                                    {"township_government", "乡镇人民政府"},
                                    {"village_committee", "村民委员会"},
                                    {"village_assembly", "村民（代表）会议"},
                                    {"household", "农户"},
                                    {"operator", "经营主体"},
                                    {"auditor", "审计人员"}};
  return lookup(role_name(value), kNames);
}

std::string_view chinese_name(RightKind value) {
  static constexpr Pair kNames[] = {{"ownership", "所有权"},   {"operation", "经营权"},
                                    {"income", "收益权"},      {"disposal", "处置权"},
                                    {"supervision", "监督权"}, {"management", "管理权"}};
  return lookup(name_of(value), kNames);
}

// An inspection's finding as the county writes it (巡查结论).
std::string_view chinese_name(Condition value) {
  static constexpr Pair kNames[] = {
      {"good", "良好"}, {"fair", "一般"}, {"damaged", "损坏"}, {"unusable", "不能使用"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(ValueChangeKind value) {
  static constexpr Pair kNames[] = {{"revaluation", "重估调整"},
                                    {"impairment", "减值"},
                                    {"improvement", "改良支出"},
                                    {"appraisal", "评估"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(DepreciationMethod value) {
  static constexpr Pair kNames[] = {{"straight_line", "年限平均法"},
                                    {"double_declining", "双倍余额递减法"},
                                    {"sum_of_years", "年数总和法"},
                                    {"units_of_production", "工作量法"}};
  const auto index = static_cast<std::size_t>(value);
  return index < std::size(kMethodNames) ? lookup(kMethodNames[index], kNames) : "unknown";
}

std::string_view chinese_name(DepreciationRegime value) {
  static constexpr Pair kNames[] = {{"government", "政府会计准则"},
                                    {"collective", "农村集体经济组织会计制度"}};
  return lookup(value == DepreciationRegime::kGovernment ? "government" : "collective", kNames);
}

std::string_view chinese_name(DisposalTrigger value) {
  static constexpr Pair kNames[] = {{"disaster", "因灾损毁"},
                                    {"plan_change", "规划调整"},
                                    {"end_of_life", "使用年限届满"},
                                    {"idle_change_of_use", "闲置资产改变用途"},
                                    {"dividend_expired", "收益（分红）期满"},
                                    {"superseded", "被新项目替代"},
                                    {"other", "其他"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(Disposal::State value) {
  static constexpr Pair kNames[] = {
      {"open", "办理中"}, {"rejected", "已驳回"}, {"withdrawn", "已撤回"}, {"executed", "已执行"}};
  return lookup(name_of(value), kNames);
}

// The owners whose assets an approval chain is for.
std::string_view chinese_name(ChainOwner value) {
  static constexpr Pair kNames[] = {{"household", "农户资产"},
                                    {"village_collective", "村集体经济组织资产"},
                                    {"state", "国有资产"},
                                    {"cooperative", "合作社资产"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(ThresholdBasis value) {
  static constexpr Pair kNames[] = {{"original", "原值"}, {"book", "账面价值"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(PlanOwner value) {
  static constexpr Pair kNames[] = {
      {"collective", "村集体经济组织"}, {"cooperative", "合作社"}, {"state", "国有单位"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(Meeting value) {
  static constexpr Pair kNames[] = {{"villagers_assembly", "村民会议"},
                                    {"household_assembly", "户代表会议"},
                                    {"representatives_meeting", "村民代表会议"},
                                    {"members_assembly", "社员（代表）大会"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(ResolutionSubject value) {
  static constexpr Pair kNames[] = {{"allocation_plan", "收益分配方案"},
                                    {"disposal", "资产处置"},
                                    {"other", "其他事项"},
                                    {"operation_contract", "资产出租、发包（经营合同）"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(IncomeKind value) {
  static constexpr Pair kNames[] = {{"rent", "租金"},      {"dividend", "分红"},
                                    {"sales", "销售收入"}, {"electricity", "发电收益"},
                                    {"interest", "利息"},  {"other", "其他收益"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_name(PartDisposition value) {
  static constexpr Pair kNames[] = {
      {"allocate", "按分配方案分配"}, {"own", "归产权主体自有"}, {"treasury", "上缴国库"}};
  return lookup(name_of(value), kNames);
}

std::string_view chinese_purpose(std::string_view purpose) {
  static constexpr Pair kNames[] = {
      // Allowed by default, in their order of priority (docs/rules.md §4).
      {"support_unable_to_work", "帮扶无劳动能力人员"},
      {"public_welfare_posts", "公益性岗位工资"},
      {"operation_and_maintenance", "资产运营管护和巩固提升项目"},
      {"relocation_site_running_costs", "安置区运转"},
      {"production_incentives", "低收入户发展生产奖补"},
      {"village_public_welfare", "村公益事业"},
      {"collective_economy", "发展壮大村集体经济"},
      {"shareholder_dividends", "入股农户分红"},
      // Prohibited.
      {"committee_running_costs", "村级组织运转经费"},
      {"vehicles_and_phones", "购置车辆和通讯工具"},
      {"allowances_and_benefits", "发放津补贴福利"},
      {"covering_losses_or_debts", "偿还债务或弥补亏损"},
      {"office_buildings", "修建办公楼"}};
  return lookup(purpose, kNames);
}

}  // namespace taizhang

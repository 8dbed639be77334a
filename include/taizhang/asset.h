// The register's records of parties and assets, as the entries that create and change them
// (schemas/taizhang/entry.capnp holds the same fields with a doc comment on each).
//
// Enumerations are persisted: do not renumber; add at the end.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/money.h"
#include "taizhang/share.h"

namespace taizhang {

// Parties (docs/rules.md §2).
enum class PartyKind : std::uint16_t {
  kHousehold = 0,             // 户
  kVillageCollective = 1,     // 村集体经济组织
  kVillagerGroup = 2,         // 村民小组
  kTownship = 3,              // 乡镇
  kCountyDepartment = 4,      // 县直部门 / 行业主管部门
  kEnterprise = 5,            // 企业
  kCooperative = 6,           // 合作社
  kPlatformCompany = 7,       // 平台公司
  kSupervisionCommittee = 8,  // 村务监督委员会: holds supervision, never an asset or income
};

// Asset class (docs/rules.md §1): exactly one per asset.
enum class AssetClass : std::uint16_t {
  kOperating = 0,      // 经营性资产
  kPublicWelfare = 1,  // 公益性资产
  kHousehold = 2,      // 到户类资产
};

enum class AssetForm : std::uint16_t {
  kFixed = 0,
  kBiological = 1,
  kEquity = 2,
  kDebt = 3,
  kIntangible = 4,
  kUseRight = 5,
};

enum class AssetCategory : std::uint16_t {
  kBuildingSteelConcrete = 0,
  kBuildingBrick = 1,
  kBuildingSimple = 2,
  kStructure = 3,
  kMachinery = 4,
  kVehicle = 5,
  kComputer = 6,
  kElectrical = 7,
  kPvStation = 8,
  kGreenhouse = 9,
  kUseRight = 10,
  kLivestock = 11,
  kEquity = 12,
  kLand = 13,
  kInfrastructure = 14,
  kOther = 15,
  kRelocationShop = 16,  // 安置区商铺: a relocation site's shops (their income may run the site)
};

// Use status (使用状态). Disposed is final.
enum class AssetStatus : std::uint16_t {
  kInUse = 0,
  kIdle = 1,
  kInefficient = 2,
  kLeased = 3,
  kDamaged = 4,
  kPendingDisposal = 5,
  kDisposed = 6,
};

enum class FundingSource : std::uint16_t {
  kCentralFiscal = 0,
  kProvincialFiscal = 1,
  kMunicipalFiscal = 2,
  kCountyFiscal = 3,
  kIntegratedAgriculture = 4,
  kLocalGovernmentBonds = 5,
  kEastWestCooperation = 6,
  kTargetedAssistance = 7,
  kSocialDonation = 8,
  kRelocation = 9,
  kVillagersOwn = 10,
  kOther = 11,
};

// The separated rights (五权分置) plus management.
enum class RightKind : std::uint16_t {
  kOwnership = 0,
  kOperation = 1,
  kIncome = 2,
  kDisposal = 3,
  kSupervision = 4,
  kManagement = 5,
};

enum class OperationMode : std::uint16_t {
  kSelfOperated = 0,
  kEntrusted = 1,
  kCooperative = 2,
  kLeased = 3,
};

enum class MaintenanceMode : std::uint16_t {
  kHouseholdSelf = 0,
  kPublicWelfarePost = 1,
  kPurchasedService = 2,
  kVillageCollective = 3,
  kTownship = 4,
  kSectorDepartment = 5,
};

enum class Condition : std::uint16_t { kGood = 0, kFair = 1, kDamaged = 2, kUnusable = 3 };

enum class ValueChangeKind : std::uint16_t {
  kRevaluation = 0,  // signed change of book value
  kImpairment = 1,   // written off (> 0)
  kImprovement = 2,  // capitalised (> 0), depreciated over the rest of the life
  kAppraisal = 3,    // appraised value; book value unchanged
};

// Names in snake_case ("public_welfare", "in_use", ...), used by Python, CSV and the CLI, and
// their parsers, which throw InvalidInput naming `field` for an unknown name.
TAIZHANG_EXPORT std::string_view name_of(PartyKind value);
TAIZHANG_EXPORT std::string_view name_of(AssetClass value);
TAIZHANG_EXPORT std::string_view name_of(AssetForm value);
TAIZHANG_EXPORT std::string_view name_of(AssetCategory value);
TAIZHANG_EXPORT std::string_view name_of(AssetStatus value);
TAIZHANG_EXPORT std::string_view name_of(FundingSource value);
TAIZHANG_EXPORT std::string_view name_of(RightKind value);
TAIZHANG_EXPORT std::string_view name_of(OperationMode value);
TAIZHANG_EXPORT std::string_view name_of(MaintenanceMode value);
TAIZHANG_EXPORT std::string_view name_of(Condition value);
TAIZHANG_EXPORT std::string_view name_of(ValueChangeKind value);
TAIZHANG_EXPORT RightKind parse_right_kind(std::string_view text, std::string_view field);
TAIZHANG_EXPORT OperationMode parse_operation_mode(std::string_view text, std::string_view field);
TAIZHANG_EXPORT MaintenanceMode parse_maintenance_mode(std::string_view text,
                                                       std::string_view field);
TAIZHANG_EXPORT Condition parse_condition(std::string_view text, std::string_view field);
TAIZHANG_EXPORT ValueChangeKind parse_value_change_kind(std::string_view text,
                                                        std::string_view field);
TAIZHANG_EXPORT PartyKind parse_party_kind(std::string_view text, std::string_view field);
TAIZHANG_EXPORT AssetClass parse_asset_class(std::string_view text, std::string_view field);
TAIZHANG_EXPORT AssetForm parse_asset_form(std::string_view text, std::string_view field);
TAIZHANG_EXPORT AssetCategory parse_asset_category(std::string_view text, std::string_view field);
TAIZHANG_EXPORT AssetStatus parse_asset_status(std::string_view text, std::string_view field);
TAIZHANG_EXPORT FundingSource parse_funding_source(std::string_view text, std::string_view field);

// A division code added to the versioned table.
struct DivisionDefined {
  std::string code;
  std::string name;
  Date valid_from;
  Date valid_until;  // Date() (1970-01-01, day 0) while in force
};

struct PartyRegistered {
  PartyKind kind = PartyKind::kHousehold;
  std::string name;
  std::string division;
  std::string credit_code;  // organisations
  Bytes person_hash;        // households: keyed hash of the householder's identity number
  bool poverty_alleviated = false;
  bool monitored = false;
  bool unable_to_work = false;
};

struct FundingLine {
  FundingSource source = FundingSource::kOther;
  Money amount;
};

struct OwnerShare {
  std::uint64_t party = 0;
  Share share = Share::of(1, 1);
};

// Every name of an enumeration in the order of its numbers, for tables that code values by
// number (the DataFrame's categoricals).
template <typename Enum>
std::span<const std::string_view> names_of_all();
template <>
TAIZHANG_EXPORT std::span<const std::string_view> names_of_all<AssetClass>();
template <>
TAIZHANG_EXPORT std::span<const std::string_view> names_of_all<AssetForm>();
template <>
TAIZHANG_EXPORT std::span<const std::string_view> names_of_all<AssetCategory>();
template <>
TAIZHANG_EXPORT std::span<const std::string_view> names_of_all<AssetStatus>();

// A quantity (数量) in thousandths: "2", "2.5", "0.125"; at most 12 whole digits and three
// decimals, never negative. InvalidInput naming `field` otherwise. The sheet importer and the
// Python package both read quantities with it.
TAIZHANG_EXPORT std::int64_t parse_quantity_milli(std::string_view text,
                                                  std::string_view field = "quantity");
// "2", "2.5", "0.125": the shortest text of a quantity in thousandths.
TAIZHANG_EXPORT std::string quantity_text(std::int64_t milli);

struct AssetDescription {
  std::string name;
  AssetForm form = AssetForm::kFixed;
  AssetCategory category = AssetCategory::kOther;
  std::uint16_t use_right_years = 0;
  std::string project_name;
  std::uint16_t project_year = 0;
  std::string implementing_unit;
  std::string division;
  std::string place;
  std::int64_t quantity_milli = 0;
  std::string unit;
  Date completed;
  Money original;
  std::vector<FundingLine> funding;
  std::uint64_t investee = 0;
  Share stake = Share::of(0, 1);    // equity: the part of the investee held (0 where unknown)
  std::string project_id;           // the project's number in the project library (项目库)
  std::string performance_targets;  // the project's performance targets (绩效目标), as filed
  std::string exit_terms;           // equity: the terms on which the stake is withdrawn (退出)
};

struct AssetRegistered {
  std::string code;
  AssetClass asset_class = AssetClass::kPublicWelfare;
  AssetDescription description;
  AssetStatus status = AssetStatus::kInUse;
  std::vector<OwnerShare> owners;  // empty while unconfirmed
};

struct AssetStatusChanged {
  std::uint64_t asset = 0;
  AssetStatus status = AssetStatus::kInUse;
  std::string reason;
};

// Ownership confirmed (确权) of an asset that has no owners yet, or confirmed as it is. Owners
// change only by a procedure: a handover (AssetHandedOver), a disposal, or an approved
// correction.
struct OwnershipConfirmed {
  std::uint64_t asset = 0;
  std::vector<OwnerShare> owners;
  std::string certificate;  // the ownership certificate's number (确权证书), if one is issued
};

// A handover (移交) of a project asset after its acceptance (验收): from its owners (the
// project's implementing side) to the receiving owners. The entry is written by an actor over
// the owners handing it over and carries the approvals of an actor over every receiving owner
// and of the county rural-revitalisation bureau (its consent). The receivers' depreciation
// regime applies from the handover, to the book value handed over; values as of earlier days
// stay as they were.
struct AssetHandedOver {
  std::uint64_t asset = 0;
  std::vector<OwnerShare> to;
  Date accepted;            // the day of acceptance (验收)
  std::string certificate;  // the ownership certificate's number (确权证书), if one is issued
  Money book_value;         // the book value handed over
};

struct AssetCorrected {
  std::uint64_t asset = 0;
  std::uint64_t corrects = 0;  // sequence number of the entry corrected
  AssetDescription description;
  std::string reason;
};

struct RightBound {
  std::uint64_t asset = 0;
  RightKind right = RightKind::kIncome;
  std::uint64_t party = 0;
  Date from;
  Date until;  // Date() (day 0) while open
};

struct OperationContracted {
  std::uint64_t asset = 0;
  std::uint64_t operator_party = 0;
  OperationMode mode = OperationMode::kLeased;
  Date from;
  Date until;
  Money rent_per_year;
  Money principal;                         // what a guaranteed rate applies to
  Share guarantee_rate = Share::of(0, 1);  // yearly, on the principal
  Money guarantee_per_year;                // or a fixed yearly amount
  Share step_up = Share::of(0, 1);         // yearly step-up of the guarantee
  std::vector<std::uint64_t> decided_by;   // owning parties whose decision this is
  // Leasing or contracting out a village collective's asset (first contract, renewal, change
  // of operator): each owning village's resolution to do so, whose notice has run.
  std::vector<std::uint64_t> resolutions;
};

struct MaintenanceBound {
  std::uint64_t asset = 0;
  std::uint64_t party = 0;
  std::string person;
  MaintenanceMode mode = MaintenanceMode::kVillageCollective;
  std::string funding;
  std::uint16_t inspection_interval_days = 180;
  Date from;
  // Instead of `asset` (0): the asset's code, for an asset registered in the same batch (a
  // sheet's rows and their bindings land in one transaction).
  std::string asset_code;
};

struct Inspected {
  std::uint64_t asset = 0;
  std::string inspector;
  Condition condition = Condition::kGood;
  std::string note;
  std::vector<Hash> evidence;
  bool stocktaking = false;  // the yearly stocktaking (清查) rather than a maintenance inspection
};

struct ValueChanged {
  std::uint64_t asset = 0;
  ValueChangeKind kind = ValueChangeKind::kRevaluation;
  Money amount;
  Bytes report_hash;  // 32 bytes or empty
  std::string appraiser;
};

struct DepreciationPlanned {
  std::uint64_t asset = 0;
  std::uint16_t method = 0;  // a DepreciationMethod (depreciation.h)
  std::int32_t life_months = 0;
  Share residual_rate = Share::of(5, 100);
  std::uint64_t units_total = 0;
};

struct UnitsRecorded {
  std::uint64_t asset = 0;
  Date month;  // any day of the month
  std::uint64_t units = 0;
};

// Depreciation (折旧): the method and regime an entry names; the rules are in depreciation.h.
// Persisted in entries: do not renumber.
enum class DepreciationMethod : std::uint8_t {
  kStraightLine = 0,       // 直线法 (年限平均法)
  kDoubleDeclining = 1,    // 双倍余额递减法
  kSumOfYears = 2,         // 年数总和法
  kUnitsOfProduction = 3,  // 工作量法
};

// Persisted in entries: do not renumber.
enum class DepreciationRegime : std::uint8_t {
  kGovernment = 0,  // 政府会计准则第3号: residual 0, month of acquisition counts
  kCollective = 1,  // village collectives and cooperatives: residual rate, next month starts
};

// "straight_line", "double_declining", "sum_of_years", "units_of_production".
TAIZHANG_EXPORT DepreciationMethod parse_depreciation_method(std::string_view text,
                                                             std::string_view field = "method");
TAIZHANG_EXPORT std::string_view depreciation_method_name(DepreciationMethod method);
// "government", "collective".
TAIZHANG_EXPORT DepreciationRegime parse_depreciation_regime(std::string_view text,
                                                             std::string_view field = "regime");

}  // namespace taizhang

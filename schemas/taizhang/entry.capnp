# The ledger entry: the one record type of the log, its envelope and its bodies.
#
# An entry is stored in Cap'n Proto canonical form (a single segment, no segment table, no
# padding or default-valued pointers left over), so equal entries are equal bytes and the Merkle
# leaf hash of an entry is SHA-256(0x00 || those bytes).
#
# Ordinals never change meaning: a field or enumerant, once released, keeps its number and its
# type forever. New fields take the next ordinal; removed ones are left in place, documented as
# obsolete. Readers refuse unknown union members rather than guessing.

@0xd1a2c3b4e5f60718;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("taizhang::schema");

struct Entry {
  # One change to the register. The ledger assigns `sequence` and `recordedMicros`; the caller
  # supplies everything else.

  sequence @0 :UInt64;
  # Position in the log, from 0, equal to the Merkle leaf index. Assigned by the ledger; zero
  # in the bytes that approvals sign.

  recordedMicros @1 :Int64;
  # When the ledger accepted the entry: UTC microseconds since 1970-01-01, never decreasing
  # along the log. Assigned by the ledger; zero in the bytes that approvals sign.

  effectiveDay @2 :Int32;
  # The business date the change takes effect: civil days since 1970-01-01.

  actor @3 :UInt64;
  # The actor (official or system) who made the change; 0 is the register itself at `init`.

  requestId @4 :Data;
  # The client-chosen 16-byte request id. A retry with the same id and content returns the
  # first outcome; the same id with other content is refused as a conflict.

  body :union {
    # What changed. Exactly one member is set.

    registerInitialized @5 :RegisterInitialized;
    # The first entry of every log.

    actorKeyEnrolled @6 :ActorKeyEnrolled;
    # An actor and its public key, enrolled by the county registrar.

    divisionDefined @8 :DivisionDefined;
    # An administrative division code, with its validity, added to the versioned table.

    partyRegistered @9 :PartyRegistered;
    # A party (household, collective, township, department, enterprise, ...). Its id is this
    # entry's sequence number.

    assetRegistered @10 :AssetRegistered;
    # A project asset. Its id is this entry's sequence number.

    assetStatusChanged @11 :AssetStatusChanged;
    # The asset's use status (使用状态) changes.

    ownershipConfirmed @12 :OwnershipConfirmed;
    # The asset's owners and exact shares are confirmed (确权), replacing earlier ones.

    assetCorrected @13 :AssetCorrected;
    # A wrong description is corrected by naming the entry it corrects.

    rightBound @14 :RightBound;
    # One of the separated rights (五权分置, plus management) bound to a party for a period.

    operationContracted @15 :OperationContracted;
    # Who runs an operating asset, how, for how long, for what rent and guaranteed return.

    maintenanceBound @16 :MaintenanceBound;
    # Who keeps an asset (管护主体 and 责任人), how, with what money, how often inspected.

    inspected @17 :Inspected;
    # An inspection of an asset, with its condition and evidence.

    valueChanged @18 :ValueChanged;
    # A revaluation, impairment, capitalised improvement or appraisal.

    depreciationPlanned @19 :DepreciationPlanned;
    # The asset's own depreciation method, life and residual rate, replacing the defaults.

    unitsRecorded @20 :UnitsRecorded;
    # Units of work used in one month, for an asset depreciated by units of production.

    policyDefined @21 :PolicyDefined;
    # A version of the county's policy defaults (docs/rules.md: values marked policy default).

    disposalRequested @22 :DisposalRequested;
    # A request to dispose of an asset; its approval chain is fixed now. Its id is this
    # entry's sequence number.

    disposalStep @23 :DisposalStep;
    # One step of a disposal's chain, approved or rejected, signed by the acting official.

    disposalWithdrawn @24 :DisposalWithdrawn;
    # The requester withdraws a disposal before execution.

    disposalExecuted @25 :DisposalExecuted;
    # The disposal is carried out; the asset becomes disposed.

    incomeRecorded @26 :IncomeRecorded;
    # Money an operating asset earned. Its id is this entry's sequence number.

    beneficiaryChanged @27 :BeneficiaryChanged;
    # A household added to (or removed from) a beneficiary list.

    planApproved @28 :PlanApproved;
    # An income allocation plan, approved by a resolution and published. Its id is this
    # entry's sequence number.

    allocationRecorded @29 :AllocationRecorded;
    # Incomes allocated by a plan; the register computes the rows itself.

    resolutionAdopted @30 :ResolutionAdopted;
    # A villagers' assembly or representatives' meeting resolution with its counts; the
    # register refuses one without its quorum and majority. Its id is this entry's sequence.

    noticePosted @31 :NoticePosted;
    # A notice (公示) on a village or township board, with place, start and end. Its id is this
    # entry's sequence number.

    objectionRecorded @32 :ObjectionRecorded;
    # An objection raised against a notice, and whether it was upheld.

    actorKeyRotated @33 :ActorKeyRotated;
    # An enrolled actor's key replaced by a new one, from this entry on.

    actorKeyRevoked @34 :ActorKeyRevoked;
    # An enrolled actor's key withdrawn: nothing it signs is accepted from this entry on.

    assetHandedOver @36 :AssetHandedOver;
    # A project asset handed over after acceptance to its receiving owners, approved by them
    # and the county rural-revitalisation bureau.
  }

  approvals @7 :List(Approval);
  # Signatures of the officials who approve this entry, each over the approval message: a tag,
  # the register's origin, then this entry in canonical form with `sequence`, `recordedMicros`,
  # `approvals` and `signature` zeroed.

  signature @35 :Data;
  # The request's signature by its actor, on the last entry of each request and empty on the
  # others: one byte naming the algorithm (a KeyAlgorithm ordinal) then the signature. It covers
  # the request message: a tag, the register's origin, the actor, the request id and every entry
  # of the request in canonical form with placeholder stamps (sequence 2^64-1, recordedMicros
  # 2^63-1) and no signature. Every request of the log is signed, entry 0 by the log key.
}

enum KeyAlgorithm {
  # The algorithm of an actor's key and of the signatures it makes. Enumerants never change.
  ed25519 @0;  # Ed25519 (RFC 8032): 32-byte keys, 64-byte signatures
  sm2Sm3 @1;   # SM2 with SM3 (GB/T 32918, GB/T 32905): admitted by the format, not yet checked
}

struct ActorKeyRotated {
  # An actor's key replaced. Signed by a county registrar, the register's log key, or the actor
  # itself with its current key.

  actor @0 :UInt64;
  keyAlgorithm @1 :KeyAlgorithm;
  publicKey @2 :Data;
  reason @3 :Text;
}

struct ActorKeyRevoked {
  # An actor's key withdrawn, for a lost key or an official who left office. Signed by a county
  # registrar, the register's log key, or the actor itself.

  actor @0 :UInt64;
  reason @1 :Text;
}

struct DivisionDefined {
  code @0 :Text;
  # 12 digits: province 2, city 2, county 2, township 3, village 3.

  name @1 :Text;
  # The division's name, e.g. "永靖镇".

  validFromDay @2 :Int32;
  # First day the code is valid (days since 1970-01-01).

  validUntilDay @3 :Int32;
  # Last day the code is valid; 0 when still in force.
}

enum PartyKind {
  # Who can own, run or keep an asset (docs/rules.md §2). Enumerants never change number.
  household @0;          # 户
  villageCollective @1;  # 村集体经济组织
  villagerGroup @2;      # 村民小组
  township @3;           # 乡镇
  countyDepartment @4;   # 县直部门 / 行业主管部门
  enterprise @5;         # 企业
  cooperative @6;        # 合作社
  platformCompany @7;    # 平台公司
  supervisionCommittee @8;  # 村务监督委员会: holds the supervision right, never an asset
}

struct PartyRegistered {
  kind @0 :PartyKind;
  # What kind of party this is.

  name @1 :Text;
  # Its name (for a household, the householder's name as the village records it).

  division @2 :Text;
  # The 12-digit division it belongs to.

  creditCode @3 :Text;
  # Organisations: the 18-character unified social credit code (统一社会信用代码); empty for
  # households.

  personHash @4 :Data;
  # Households: HMAC-SHA-256 of the householder's identity number under the county's identity
  # key, which is kept outside the ledger; the number itself is never stored. Empty otherwise.

  povertyAlleviated @5 :Bool;
  # Households: 脱贫户.

  monitored @6 :Bool;
  # Households: 监测户 (under monitoring against falling back into poverty).

  unableToWork @7 :Bool;
  # Households: no member able to work.
}

enum AssetClass {
  # Exactly one per asset (docs/rules.md §1).
  operating @0;      # 经营性资产
  publicWelfare @1;  # 公益性资产
  household @2;      # 到户类资产
}

enum AssetForm {
  fixed @0;       # 固定资产
  biological @1;  # 生物资产
  equity @2;      # 股权
  debt @3;        # 债权
  intangible @4;  # 无形资产
  useRight @5;    # 使用权, with a term in years
}

enum AssetCategory {
  # Drives the default depreciation life (docs/rules.md §6).
  buildingSteelConcrete @0;  # 钢混结构房屋, 50 years
  buildingBrick @1;          # 砖混结构房屋, 30 years
  buildingSimple @2;         # 简易房屋, 8 years
  structure @3;              # 构筑物, 8 years
  machinery @4;              # 机器设备, 10 years
  vehicle @5;                # 车辆, 8 years
  computer @6;               # 电子计算机, 6 years
  electrical @7;             # 电气设备, 5 years
  pvStation @8;              # 光伏电站, 25 years
  greenhouse @9;             # 大棚, 8 years
  useRight @10;              # 使用权, its term
  livestock @11;             # 牲畜, not depreciated
  equity @12;                # 股权, not depreciated (revalued)
  land @13;                  # 土地, not depreciated
  infrastructure @14;        # roads, water and the like kept by maintenance, not depreciated
  other @15;                 # 其他
  relocationShop @16;        # 安置区商铺 (shops of a relocation site), 50 years
}

enum AssetStatus {
  # 使用状态. Disposed is final.
  inUse @0;            # 在用
  idle @1;             # 闲置
  inefficient @2;      # 低效
  leased @3;           # 出租
  damaged @4;          # 毁损
  pendingDisposal @5;  # 待处置
  disposed @6;         # 已处置
}

enum FundingSource {
  # 资金来源 kinds (docs/rules.md §1).
  centralFiscal @0;          # 中央财政衔接/专项扶贫资金
  provincialFiscal @1;       # 省级财政
  municipalFiscal @2;        # 市级财政
  countyFiscal @3;           # 县级财政
  integratedAgriculture @4;  # 统筹整合涉农资金
  localGovernmentBonds @5;   # 地方政府债券
  eastWestCooperation @6;    # 东西部协作
  targetedAssistance @7;     # 定点帮扶
  socialDonation @8;         # 社会捐赠
  relocation @9;             # 易地扶贫搬迁资金
  villagersOwn @10;          # 群众自筹
  other @11;                 # 其他
}

struct FundingLine {
  source @0 :FundingSource;
  # Where the money came from.

  amountFen @1 :Int64;
  # How much, in fen; the lines of an asset sum exactly to its original value.
}

struct OwnerShare {
  party @0 :UInt64;
  # The owning party's id.

  numerator @1 :UInt64;
  # The share as a reduced fraction numerator / denominator; an asset's shares sum to 1.

  denominator @2 :UInt64;
  # See numerator.
}

struct AssetDescription {
  # What an asset is; registered once, replaced as a whole by corrections.

  name @0 :Text;
  # 资产名称.

  form @1 :AssetForm;
  # 资产形态.

  category @2 :AssetCategory;
  # 资产类别, for depreciation defaults.

  useRightYears @3 :UInt16;
  # The term of a use right in years; 0 for other forms.

  projectName @4 :Text;
  # The project that formed the asset (项目名称).

  projectYear @5 :UInt16;
  # The project's year.

  implementingUnit @6 :Text;
  # 项目实施单位.

  division @7 :Text;
  # Where the asset is: a 12-digit division code valid on the completion date.

  place @8 :Text;
  # Free-text place (具体位置).

  quantityMilli @9 :Int64;
  # Quantity in thousandths of `unit` (so 1.5 km is 1500 with unit "km").

  unit @10 :Text;
  # The unit of quantity (个, 座, km, 亩, 头, ...).

  completedDay @11 :Int32;
  # Completion / acceptance date (建成时间), days since 1970-01-01.

  originalFen @12 :Int64;
  # 原值 in fen.

  funding @13 :List(FundingLine);
  # 资金来源; sums exactly to originalFen.

  investee @14 :UInt64;
  # Equity assets: the enterprise or cooperative invested in (party id); 0 otherwise.

  stakeNumerator @15 :UInt64;
  stakeDenominator @16 :UInt64 = 1;
  # Equity assets: the part of the investee held (0 where unknown).

  projectId @17 :Text;
  # The project's number in the project library (项目库编号).

  performanceTargets @18 :Text;
  # The project's performance targets (绩效目标), as filed in the library.

  exitTerms @19 :Text;
  # Equity assets: the terms on which the stake is withdrawn (股权退出条款).
}

struct AssetRegistered {
  code @0 :Text;
  # 资产编号, unique in the county.

  class @1 :AssetClass;
  # 经营性 / 公益性 / 到户类.

  description @2 :AssetDescription;
  # What it is.

  status @3 :AssetStatus;
  # Its use status at registration (not pendingDisposal or disposed).

  owners @4 :List(OwnerShare);
  # Owners with exact shares; empty while ownership is unconfirmed.
}

struct AssetStatusChanged {
  asset @0 :UInt64;
  # The asset's id.

  status @1 :AssetStatus;
  # The new status; pendingDisposal and disposed come only from the disposal workflow.

  reason @2 :Text;
  # Why.
}

struct OwnershipConfirmed {
  asset @0 :UInt64;
  # The asset's id.

  owners @1 :List(OwnerShare);
  # All owners with exact shares summing to 1: of an asset with no owners yet, or as they are
  # (owners change only by handover, disposal or an approved correction).

  certificate @2 :Text;
  # The ownership certificate's number (确权证书), if one is issued.
}

struct AssetHandedOver {
  asset @0 :UInt64;
  # The asset's id.

  to @1 :List(OwnerShare);
  # The receiving owners with exact shares summing to 1.

  acceptedDay @2 :Int32;
  # The day the project was accepted (验收); the handover follows it.

  certificate @3 :Text;
  # The ownership certificate's number (确权证书), empty where none is issued.

  bookValueFen @4 :Int64;
  # The book value handed over: the receivers' opening value, depreciated from the handover
  # under their regime.
}

struct AssetCorrected {
  asset @0 :UInt64;
  # The asset's id.

  corrects @1 :UInt64;
  # The sequence number of the entry whose description was wrong (its registration or an
  # earlier correction of it).

  description @2 :AssetDescription;
  # The right description, whole.

  reason @3 :Text;
  # What was wrong.
}

enum RightKind {
  # The separated rights of docs/rules.md §2. Enumerants never change number.
  ownership @0;    # 所有权 (follows the confirmed owners)
  operation @1;    # 经营权
  income @2;       # 收益权
  disposal @3;     # 处置权 (follows the owners unless bound otherwise)
  supervision @4;  # 监督权 (township and sector department)
  management @5;   # 管理权 (relocation-site shops)
}

struct RightBound {
  asset @0 :UInt64;
  # The asset's id.

  right @1 :RightKind;
  # Which right.

  party @2 :UInt64;
  # Who holds it.

  fromDay @3 :Int32;
  # First day of the binding.

  untilDay @4 :Int32;
  # Last day of the binding; 0 while open.
}

enum OperationMode {
  selfOperated @0;  # 自主经营
  entrusted @1;     # 委托经营
  cooperative @2;   # 合作经营
  leased @3;        # 出租
}

struct OperationContracted {
  asset @0 :UInt64;
  # The operating asset's id.

  operator @1 :UInt64;
  # The party that runs it (经营主体).

  mode @2 :OperationMode;
  # How it is run.

  fromDay @3 :Int32;
  # First day of the term.

  untilDay @4 :Int32;
  # Last day of the term.

  rentFen @5 :Int64;
  # Rent or contract amount per year, in fen (0 if none).

  principalFen @6 :Int64;
  # The principal a guaranteed rate applies to (usually the asset's investment), in fen.

  guaranteeRateNumerator @7 :UInt64;
  # 保底收益 as a yearly rate on the principal, numerator / denominator; 0 / 1 if none or fixed.

  guaranteeRateDenominator @8 :UInt64;
  # See guaranteeRateNumerator.

  guaranteeFen @9 :Int64;
  # 保底收益 as a fixed yearly amount in fen; 0 if by rate or none.

  stepUpNumerator @10 :UInt64;
  # Yearly step-up of the guarantee (e.g. 5 / 100 for +5% a year); 0 / 1 if none.

  stepUpDenominator @11 :UInt64;
  # See stepUpNumerator.

  decidedBy @12 :List(UInt64);
  # The owning parties whose decision this is; a change of mode needs every owner.

  resolutions @13 :List(UInt64);
  # Leasing or contracting out a village collective's asset: each owning village's resolution
  # (ResolutionAdopted, subject operationContract) whose notice has run.
}

enum MaintenanceMode {
  householdSelf @0;      # 农户自管
  publicWelfarePost @1;  # 公益性岗位
  purchasedService @2;   # 购买服务
  villageCollective @3;  # 村集体管护
  township @4;           # 乡镇管护
  sectorDepartment @5;   # 行业部门管护
}

struct MaintenanceBound {
  asset @0 :UInt64;
  # The asset's id.

  party @1 :UInt64;
  # The responsible party (管护主体).

  person @2 :Text;
  # The responsible person (管护责任人).

  mode @3 :MaintenanceMode;
  # How it is kept.

  funding @4 :Text;
  # Where the maintenance money comes from (may be operating income).

  inspectionIntervalDays @5 :UInt16;
  # Days between inspections (policy default 180).

  fromDay @6 :Int32;
  # First day of the binding; it replaces any earlier one.

  assetCode @7 :Text;
  # With asset 0: the asset's code (an asset registered in the same batch).
}

enum Condition {
  good @0;      # 良好
  fair @1;      # 一般
  damaged @2;   # 损坏
  unusable @3;  # 无法使用
}

struct Inspected {
  asset @0 :UInt64;
  # The asset's id.

  inspector @1 :Text;
  # Who inspected.

  condition @2 :Condition;
  # What they found.

  note @3 :Text;
  # Remarks.

  evidence @4 :List(Data);
  # SHA-256 hashes (32 bytes each) of photos and reports kept outside the register.

  stocktaking @5 :Bool;
  # The yearly stocktaking (清查) rather than a maintenance inspection.
}

enum ValueChangeKind {
  revaluation @0;  # 重估: amountFen is the signed change of book value
  impairment @1;   # 减值: amountFen (> 0) is written off
  improvement @2;  # 改良支出资本化: amountFen (> 0) is added and depreciated over the rest of the life
  appraisal @3;    # 评估: amountFen is the appraised value; book value is not changed
}

struct ValueChanged {
  asset @0 :UInt64;
  # The asset's id.

  kind @1 :ValueChangeKind;
  # What kind of change.

  amountFen @2 :Int64;
  # See ValueChangeKind.

  reportHash @3 :Data;
  # SHA-256 of the valuation report (32 bytes); empty if none.

  appraiser @4 :Text;
  # Who valued it.
}

enum DepreciationMethod {
  straightLine @0;       # 直线法
  doubleDeclining @1;    # 双倍余额递减法
  sumOfYears @2;         # 年数总和法
  unitsOfProduction @3;  # 工作量法
}

struct DepreciationPlanned {
  asset @0 :UInt64;
  # The asset's id.

  method @1 :DepreciationMethod;
  # How it depreciates.

  lifeMonths @2 :Int32;
  # Its life in months (whole years for double-declining and sum-of-years).

  residualNumerator @3 :UInt64;
  # The residual rate numerator / denominator (collective regime; the government regime has none).

  residualDenominator @4 :UInt64;
  # See residualNumerator.

  unitsTotal @5 :UInt64;
  # Units of production: the expected total units of work; 0 otherwise.
}

struct UnitsRecorded {
  asset @0 :UInt64;
  # The asset's id.

  monthDay @1 :Int32;
  # Any day of the depreciation month the units belong to (days since 1970-01-01).

  units @2 :UInt64;
  # Units of work used that month.
}

struct CategoryLife {
  category @0 :AssetCategory;
  # The category.

  months @1 :Int32;
  # Its default depreciation life in months; 0 when it is not depreciated.
}

struct PolicyDefined {
  # The county's policy defaults. Version 1 is written when the register is created; the
  # county registrar appends later versions. An asset takes the version in force on its
  # completion date.

  version @0 :UInt32;
  # 1, 2, ...: each version is the next number.

  effectiveDay @1 :Int32;
  # The day from which this version applies.

  lives @2 :List(CategoryLife);
  # Default depreciation lives by category.

  residualNumerator @3 :UInt64;
  # The collective regime's default residual rate, numerator / denominator (5 / 100).

  residualDenominator @4 :UInt64;
  # See residualNumerator.

  inspectionIntervalDays @5 :UInt16;
  # Default days between inspections (180).

  publicityDays @6 :UInt16;
  # Minimum days of publicity for plans, results and disposals (10).

  stateApprovalThresholdFen @7 :Int64;
  # Book value above which a state asset's disposal also needs the county government (200,000
  # yuan).

  chains @8 :List(ApprovalChain);
  # The disposal approval chain for each kind of owner, one each; a request keeps the chain it
  # started with.

  purposes @9 :List(PurposeRule);
  # The income purposes a plan may name, in priority order (docs/rules.md §4).

  prohibitedPurposes @10 :List(Text);
  # Purposes a plan may never name.

  quorums @11 :List(QuorumRule);
  # The quorum of each kind of village meeting, one each.

  majorityNumerator @12 :UInt32;
  majorityDenominator @13 :UInt32;
  # A motion carries with more than this fraction of those present in favour (1/2).

  auditIncomeUnallocatedDays @14 :UInt16 = 90;
  # The audit reports income not allocated this many days after the end of its period. The
  # defaults of these four keep versions written before they existed at the values then fixed.

  auditOperatingWithoutIncomeDays @15 :UInt16 = 365;
  # The audit reports an operating asset that has earned nothing for this many days as idle.

  auditContractExpiringDays @16 :UInt16 = 90;
  # The audit reports an operation contract ending within this many days.

  auditResultUnpublishedDays @17 :UInt16 = 30;
  # The audit reports an allocation whose results have no notice this many days after it.

  planRules @18 :List(PlanRule);
  # How each kind of owner approves an income allocation plan, one each (docs/rules.md §4).

  appraisalValidMonths @19 :UInt16 = 12;
  # An appraisal backs an auction or a transfer for this many months after its day.

  stateThresholdBasis @20 :ThresholdBasis;
  # Which value the state threshold is compared with (the original value by default).

  stateThresholdInclusive @21 :Bool = true;
  # A value equal to the threshold is at it (needs the county government) when true.

  priceFloorNumerator @22 :UInt64 = 9;
  priceFloorDenominator @23 :UInt64 = 10;
  # Proceeds of an auction or a transfer below this fraction of the appraised value need the
  # chain's last approver to approve the price again.

  stocktakingBy @24 :UInt16 = 1231;
  # The day of the year (month * 100 + day) by which every asset is stocktaken each year.

  supervisionPhone @25 :Text;
  # The telephone for supervision and reports (监督举报电话) printed on every public notice.

  supervisionUnit @26 :Text;
  # The unit that answers it (县乡村振兴局, 县纪委监委, ...).
}

enum ThresholdBasis {
  original @0;  # 原值
  book @1;      # 账面价值 on the request's day
}

enum PlanOwner {
  collective @0;   # village collectives and villager groups
  cooperative @1;  # cooperatives
  state @2;        # townships, county departments and platform companies
}

struct PlanRule {
  owner @0 :PlanOwner;
  # The kind of owner.

  resolution @1 :Bool;
  # The plan is adopted by a resolution of the owner's meeting (villagers' meeting, members'
  # assembly), which the plan names.

  publicity @2 :Bool;
  # The plan is published by a notice that must have run before the plan is approved.

  countyConsent @3 :Bool;
  # The county rural-revitalisation bureau records the plan (its signature is the consent); the
  # plan names the owner's own decision.
}

struct PurposeRule {
  name @0 :Text;
  # e.g. "support_unable_to_work".

  restrictedOk @1 :Bool;
  # It may receive restricted income (disposal proceeds): consolidation and revitalisation.

  categories @2 :List(AssetCategory);
  # Only income of assets of these categories may go to it; empty: any category.
}

struct QuorumRule {
  meeting @0 :Meeting;
  numerator @1 :UInt32;
  denominator @2 :UInt32;
  # present / eligible must be above (strict) or at least numerator / denominator.
  strict @3 :Bool;
}

enum DisposalTrigger {
  disaster @0;         # 灾害损毁
  planChange @1;       # 规划或政策调整
  endOfLife @2;        # 超过使用年限或存在安全隐患
  idleChangeOfUse @3;  # 经营性资产闲置需转产
  dividendExpired @4;  # 分红协议到期
  superseded @5;       # 被新项目替代
  other @6;            # 其他
}

enum DisposalMethod {
  auction @0;       # 拍卖
  transfer @1;      # 转让
  changeOfUse @2;   # 转产
  suspension @3;    # 报停
  lossReport @4;    # 报损
  scrapping @5;     # 报废
  writeOff @6;      # 核销
  freeTransfer @7;  # 无偿划转 (state assets)
  donation @8;      # 对外捐赠 (state assets)
  exchange @9;      # 置换 (state assets)
  ownershipCorrection @10;  # 确权更正: a registration error in the owners, by the disposal chain
}

enum DisposalStepKind {
  householdDeclaration @0;        # the household's declaration, recorded by its village committee
  committeeProposal @1;           # village committee proposal (per owning village)
  assemblyResolution @2;          # villagers' (representatives') assembly resolution (per village)
  publicity @3;                   # publicity without upheld objection (per village)
  townshipApproval @4;            # township government approval
  ruralRevitalizationConsent @5;  # county rural-revitalization bureau consent
  financeConsent @6;              # county finance bureau consent
  departmentProposal @7;          # the owning department's (or township's) proposal
  financeApproval @8;             # county finance bureau approval (state assets)
  governmentApproval @9;          # county government approval above the threshold
}

struct DisposalRequested {
  asset @0 :UInt64;
  # The asset's id.

  trigger @1 :DisposalTrigger;
  # Why.

  method @2 :DisposalMethod;
  # How.

  reasons @3 :Text;
  # The reasons in words.

  evidence @4 :List(Data);
  # SHA-256 hashes of supporting documents.

  appraisal @5 :UInt64;
  # The sequence of the asset's appraisal entry (auction and transfer need one); 0 if none.

  owners @6 :List(OwnerShare);
  # The owners after execution: an ownership correction's owners, or the receivers in the
  # register of a transfer, exchange or free transfer; empty otherwise.
}

struct DisposalStep {
  request @0 :UInt64;
  # The disposal request's id.

  step @1 :UInt16;
  # The index of the step in the request's chain; steps complete in order.

  approve @2 :Bool;
  # True to approve; false rejects, which ends the request.

  note @3 :Text;
  # Remarks.

  obsoleteNoticeStartDay @4 :Int32;
  obsoleteNoticeEndDay @5 :Int32;
  obsoleteEligible @6 :UInt32;
  obsoletePresent @7 :UInt32;
  obsoleteInFavour @8 :UInt32;
  # Obsolete before release (the notice and the counts are entries of their own now, named by
  # `notice` and `resolution`); always 0, and readers refuse anything else.

  resolution @9 :UInt64;
  # Approving assembly-resolution steps: the ResolutionAdopted entry (its id) on this request.

  notice @10 :UInt64;
  # Approving publicity steps: the NoticePosted entry (its id) that published this request.
}

struct DisposalWithdrawn {
  request @0 :UInt64;
  # The disposal request's id.

  reason @1 :Text;
  # Why.
}

struct DisposalExecuted {
  request @0 :UInt64;
  # The disposal request's id.

  counterparty @1 :Text;
  # Who bought or received it.

  proceedsFen @2 :Int64;
  # What it brought, in fen (restricted collective income, or remitted to the treasury).

  owners @3 :List(OwnerShare);
  # The owners after execution, exactly the request's; empty when the asset leaves the register.
}

enum IncomeKind {
  rent @0;         # 租金
  dividend @1;     # 分红
  sales @2;        # 销售
  electricity @3;  # 发电收益
  interest @4;     # 利息
  other @5;        # 其他
}

struct IncomeRecorded {
  asset @0 :UInt64;
  # The operating or public-welfare asset that earned it (a household asset's income is the
  # household's own and is not recorded).

  kind @1 :IncomeKind;
  # What kind of income.

  amountFen @2 :Int64;
  # How much, in fen (> 0).

  fromDay @3 :Int32;
  # First day of the period it was earned in.

  untilDay @4 :Int32;
  # Last day of that period.

  payer @5 :Text;
  # Who paid.

  payerParty @6 :UInt64;
  # The registered party that paid (the operator under a contract), 0 if none: what an
  # operator paid is compared with its contract's guaranteed return.
}

struct BeneficiaryChanged {
  list @0 :Text;
  # The beneficiary list's name (e.g. "A1村产业奖补").

  party @1 :UInt64;
  # The household.

  weightNumerator @2 :UInt64;
  # Its weight in the list, numerator / denominator (> 0).

  weightDenominator @3 :UInt64;
  # See weightNumerator.

  removedDay @4 :Int32;
  # 0 to add; otherwise the day it was removed (or died): it receives nothing from the month
  # after.

  reason @5 :Text;
  # Why it was removed.

  owner @6 :UInt64;
  # Whose list it is: the owner whose plans name it (a village collective, a township for
  # 联镇带村, ...). Lists are kept per owner; only an actor over the owner changes them.
}

struct FixedPlanLine {
  line @0 :Text;
  purpose @1 :Text;
  amountFen @2 :Int64;
  payees @3 :Text;
  # Empty: paid as a whole; otherwise a beneficiary list (the post holders of a post-wage line,
  # the households of a support line) the amount is split over by weight and months entitled.
}

struct GuaranteedPlanLine {
  line @0 :Text;
  party @1 :UInt64;
  principalFen @2 :Int64;
  rateNumerator @3 :UInt64;
  rateDenominator @4 :UInt64;
  amountFen @5 :Int64;
  # A fixed yearly guarantee when > 0 (amount x days / 365); otherwise principal x rate x
  # days / 365, the days being those of each income's period the holder was entitled to.

  list @6 :Text;
  # The beneficiary list the holder must be on for the income's period (required for a
  # household: its removal or death ends the guarantee); empty for an organisation.
}

struct ProportionalPlanLine {
  line @0 :Text;
  purpose @1 :Text;
  fractionNumerator @2 :UInt64;
  fractionDenominator @3 :UInt64;
  beneficiaryList @4 :Text;
  # Empty: the line is paid as a whole; otherwise split over the list's members by weight.
}

struct PlanApproved {
  owner @0 :UInt64;
  # The owner whose part of income this plan allocates: a village collective, villager group,
  # cooperative, township, county department or platform company.

  name @1 :Text;
  # The plan's name.

  fixed @2 :List(FixedPlanLine);
  # Paid first, in order.

  guaranteed @3 :List(GuaranteedPlanLine);
  # Guaranteed returns, next.

  proportional @4 :List(ProportionalPlanLine);
  # The remainder, by fractions summing to 1.

  obsoleteRepresentatives @5 :Bool;
  obsoleteEligible @6 :UInt32;
  obsoletePresent @7 :UInt32;
  obsoleteInFavour @8 :UInt32;
  obsoleteNoticeStartDay @9 :Int32;
  obsoleteNoticeEndDay @10 :Int32;
  obsoleteObjectionUpheld @11 :Bool;
  # Obsolete before release (the resolution and the notice are entries of their own now);
  # always 0 or false, and readers refuse anything else.

  resolution @12 :UInt64;
  # The ResolutionAdopted entry (its id) of the owner's meeting that adopted this plan.

  notice @13 :UInt64;
  # The NoticePosted entry (its id) that published the resolution's plan; it must have run
  # the policy's days without an upheld objection. 0 where the owner's rule needs no notice.

  decision @14 :Text;
  # The owner's own decision (document number and title), where the owner's rule has the county
  # bureau's consent instead of a meeting.

  restricted @15 :Bool;
  # A plan for restricted income (disposal proceeds): only purposes that may receive it, no
  # guarantees. An owner keeps one plan of each kind in force: the latest approved.
}

struct AllocationRecorded {
  obsoletePlan @0 :UInt64;
  # Obsolete in format 3 (each owner's part is allocated by that owner's plan in force); always 0.

  incomes @1 :List(UInt64);
  # The incomes whose owners' parts are allocated (their ids); each part is allocated once.

  obsoletePeriodDays @2 :UInt16;
  # Obsolete in format 3 (the guarantees accrue over each income's own period); always 0.

  owner @3 :UInt64;
  # 0: every owner's part of each income; otherwise only this owner's part.
}

enum Meeting {
  villagersAssembly @0;      # 村民会议 by adult villagers: more than half present
  householdAssembly @1;      # 村民会议 by household representatives: at least 2/3 present
  representativesMeeting @2; # 村民代表会议: at least 2/3 of the representatives present
  membersAssembly @3;        # 成员（代表）大会 of a cooperative: at least 2/3 of members present
}

enum ResolutionSubject {
  allocationPlan @0;  # an income allocation plan
  disposal @1;        # a disposal request
  other @2;           # anything else the village resolves
  operationContract @3;  # leasing or contracting out its assets (组织法 §24)
}

struct ResolutionAdopted {
  village @0 :UInt64;
  # The village collective (or villager group) whose meeting resolved.

  meeting @1 :Meeting;
  # Which meeting; it sets the quorum.

  subject @2 :ResolutionSubject;
  # What the resolution is about.

  disposal @3 :UInt64;
  # For a disposal: the request (its id); 0 otherwise.

  title @4 :Text;
  # What was resolved, in words.

  day @5 :Int32;
  # The day of the meeting (days since 1970-01-01); not after the entry's effective date.

  eligible @6 :UInt32;
  # Entitled to attend: adult villagers, households, or representatives, by `meeting`.

  present @7 :UInt32;
  # Attended.

  inFavour @8 :UInt32;
  # Voted for: more than half of those present carries it.
}

enum NoticeSubject {
  project @0;           # a project and the asset it formed
  allocationPlan @1;    # a plan adopted by a resolution (subjectId: the resolution)
  allocationResult @2;  # an allocation's results (subjectId: the AllocationRecorded entry)
  disposal @3;          # a disposal request (subjectId: the request)
  disposalResult @4;    # a disposal's result (subjectId: the executed request)
  operationContract @5;  # a resolution to lease or contract out (subjectId: the resolution)
}

struct NoticePosted {
  subject @0 :NoticeSubject;
  # What is published.

  subjectId @1 :UInt64;
  # Which one: the asset, resolution, allocation or disposal request (their ids).

  division @2 :Text;
  # The village or township whose notice board carries it (12-digit code).

  place @3 :Text;
  # Where, in words (e.g. "村委会公示栏").

  startDay @4 :Int32;
  # The first day it is up.

  endDay @5 :Int32;
  # The last day it is up; at least the policy's publicity days after the start, counting both.

  contentHash @6 :Data;
  # SHA-256 of the notice as posted (32 bytes), or empty.
}

struct ObjectionRecorded {
  notice @0 :UInt64;
  # The notice objected to (its id).

  upheld @1 :Bool;
  # Upheld: what the notice published cannot proceed.

  summary @2 :Text;
  # The objection and the finding, in words.
}

enum ChainOwner {
  household @0;          # a household's asset
  villageCollective @1;  # assets of village collectives and villager groups
  state @2;              # assets of townships, county departments and platform companies
  cooperative @3;        # assets of cooperatives
}

struct ApprovalChain {
  owner @0 :ChainOwner;
  # Whose assets this chain disposes of.

  perOwner @1 :List(DisposalStepKind);
  # Steps taken once for each owner, in owner order (a shared asset's villages each resolve).

  steps @2 :List(DisposalStepKind);
  # Then these, once each.

  aboveThreshold @3 :List(DisposalStepKind);
  # Then these too when the book value is above the policy's threshold.
}

struct Approval {
  # An official's Ed25519 signature on an entry.

  signer @0 :UInt64;
  # The actor id whose enrolled key made the signature.

  signature @1 :Data;
  # The signature over the entry's approval message, in the algorithm of the signer's key.
}

struct RegisterInitialized {
  # Opens a county's register. Always sequence 0.

  formatVersion @0 :UInt32;
  # The on-disk and entry format version this log was written with.

  countyCode @1 :Text;
  # The county's 12-digit administrative division code (区划代码), e.g. "520122000000".

  countyName @2 :Text;
  # The county's name, e.g. "息烽县".

  origin @3 :Text;
  # The log's name in its checkpoints (the tlog-checkpoint origin line), unique per county.

  logPublicKey @4 :Data;
  # The 32-byte Ed25519 public key that signs this log's checkpoints.
}

enum Role {
  # What an actor may do (docs/rules.md §8). Enumerants never change number.
  countyRegistrar @0;            # keeps the register; enrols actors
  countyRuralRevitalization @1;  # county rural-revitalization bureau (乡村振兴局)
  countyFinance @2;              # county finance bureau (财政局)
  countyGovernment @3;           # county government (县政府)
  sectorDepartment @4;           # a sector department (行业主管部门)
  townshipGovernment @5;         # township government (乡镇政府)
  villageCommittee @6;           # village committee (村委会)
  villageAssembly @7;            # villagers' (representatives') assembly, entered by the committee
  household @8;                  # a household (农户)
  operator @9;                   # an operator of an asset (经营主体)
  auditor @10;                   # reads only
}

struct ActorKeyEnrolled {
  # An actor with its role, jurisdiction and signing key.

  actor @0 :UInt64;
  # The actor id being enrolled; ids are assigned in order from 1.

  name @1 :Text;
  # Display name of the official or system.

  role @2 :Role;
  # What the actor may do.

  jurisdiction @3 :Text;
  # The 12-digit division code within which the actor acts.

  publicKey @4 :Data;
  # The actor's public key, which its requests and approvals must verify under.

  keyAlgorithm @5 :KeyAlgorithm;
  # The key's algorithm.

  party @6 :UInt64;
  # The unit the actor acts for where its place does not say (a sector department's official
  # for that department); 0 for none.
}

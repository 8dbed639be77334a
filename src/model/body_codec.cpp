// Entry bodies to and from Cap'n Proto.
#include "model/body_codec.h"

#include <cstring>
#include <utility>

#include "taizhang/codes.h"
#include "taizhang/error.h"
#include "taizhang/money.h"

namespace taizhang::internal {
namespace {

constexpr std::size_t kTextMax = 1024;
constexpr std::size_t kListMax = 1000;
constexpr std::string_view kActorZeroZh = "经办人员编号从 1 开始，不能为 0：请填写经办人员的编号";

// The fields checked here as county staff name them, for the Chinese messages; a field not
// listed is "此项" (the message still names it in English after the reason).
std::string field_zh(std::string_view field) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"name", "名称"},
      {"code", "资产编号"},
      {"asset_code", "资产编号"},
      {"reason", "原因"},
      {"reasons", "处置理由"},
      {"place", "地点"},
      {"note", "备注"},
      {"certificate", "确权证书编号"},
      {"unit", "计量单位"},
      {"title", "决议标题"},
      {"summary", "异议内容摘要"},
      {"supervision_unit", "监督单位"},
      {"supervision_phone", "监督电话"},
      {"project_name", "项目名称"},
      {"project_id", "项目编号"},
      {"implementing_unit", "项目实施单位"},
      {"performance_targets", "绩效目标"},
      {"exit_terms", "退出条款"},
      {"purposes.name", "收益用途名称"},
      {"prohibited_purposes", "禁止的收益用途"},
      {"person", "管护责任人"},
      {"funding", "资金来源"},
      {"payer", "付款方"},
      {"origin", "台账标识"},
      {"county_name", "县名称"},
      {"counterparty", "交易对方"},
      {"inspector", "巡查人员"},
      {"appraiser", "评估机构"},
      {"decision", "产权主体的决定"},
      {"list", "受益对象名单"},
      {"fixed.payees", "固定分配项的受益名单"},
      {"guaranteed.list", "保底收益分配项的受益名单"},
      {"owners", "产权主体"},
      {"to", "移交对象"},
      {"evidence", "证明材料"},
      {"decided_by", "作出决定的产权主体"},
      {"resolutions", "决议"},
      {"incomes", "收益"},
      {"person_hash", "身份证号码哈希值"},
      {"report_hash", "评估报告哈希值"},
      {"content_hash", "公示内容哈希值"},
      {"log_public_key", "台账公钥"},
      {"original", "原值"},
      {"book_value", "账面价值"},
      {"rent_per_year", "年租金"},
      {"principal", "本金"},
      {"guarantee_per_year", "年保底收益"},
      {"proceeds", "处置收入"},
      {"amount", "金额"},
      {"state_approval_threshold", "国有资产处置报县政府审批的限额"}};
  for (const auto& [english, chinese] : kNames) {
    if (english == field) return std::string(chinese);
  }
  return "此项";
}

void check_text(std::string_view field, std::string_view value, bool required = true) {
  if (required && value.empty()) {
    throw_invalid(field, value, "may not be empty", field_zh(field) + "不能为空，请填写");
  }
  if (value.size() > kTextMax) {
    throw_invalid(field, value, "longer than 1024 bytes",
                  field_zh(field) + "太长：最多 1024 个字节（约 340 个汉字），请精简");
  }
  if (!is_valid_utf8(value)) {
    // Not echoed: the bytes would garble the message too.
    throw_invalid(field, "(" + std::to_string(value.size()) + " bytes)",
                  "not valid UTF-8 text (a GBK cell in a UTF-8 file?)",
                  field_zh(field) +
                      "不是有效的 UTF-8 文字：多半是表格以 GBK 编码保存，请在 Excel 或 WPS 中"
                      "另存为“CSV UTF-8”后再导入");
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) {
      throw_invalid(field, value, "control character",
                    field_zh(field) + "含有换行符、制表符等控制字符：请删去后再填");
    }
  }
}

void check_length(std::string_view field, ByteView value, std::size_t expected) {
  if (value.size() != expected) {
    throw_invalid(field, std::to_string(value.size()) + " bytes",
                  "must be exactly " + std::to_string(expected) + " bytes",
                  field_zh(field) + "须恰好 " + std::to_string(expected) + " 个字节，这里是 " +
                      std::to_string(value.size()) + " 个字节");
  }
}

void check_list(std::string_view field, std::size_t size) {
  if (size > kListMax) {
    throw_invalid(field, std::to_string(size), "more than 1000 items",
                  field_zh(field) + "最多列 1000 项，这里有 " + std::to_string(size) + " 项");
  }
}

// The amount in fen, if within kAmountMaxFen: beyond it a report's total over a county could
// overflow (see taizhang/money.h).
std::int64_t bounded_fen(std::string_view field, Money amount) {
  const std::int64_t fen = amount.fen();
  if (fen > kAmountMaxFen || fen < -kAmountMaxFen) {
    std::string what = field_zh(field);
    if (what == "此项") what = "金额";
    throw_invalid(field, amount.to_yuan_string(),
                  "金额超出上限 (beyond the register's bound of 900000000000 fen, 90 亿元)",
                  what + " " + amount.to_yuan_string() +
                      " 元超出台账的上限：一笔金额最多 90 亿元，请核对金额和单位（元、万元）");
  }
  return fen;
}

kj::ArrayPtr<const kj::byte> as_capnp(ByteView bytes) { return {bytes.data(), bytes.size()}; }
Bytes from_capnp(capnp::Data::Reader data) { return Bytes(data.begin(), data.end()); }
std::string from_capnp(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

template <typename To, typename From>
To to_enum(From value) {
  return static_cast<To>(static_cast<std::uint16_t>(value));
}

}  // namespace

void write_owners(const std::vector<OwnerShare>& owners,
                  capnp::List<schema::OwnerShare>::Builder out) {
  for (unsigned i = 0; i < owners.size(); ++i) {
    out[i].setParty(owners[i].party);
    out[i].setNumerator(owners[i].share.numerator());
    out[i].setDenominator(owners[i].share.denominator());
  }
}

std::vector<OwnerShare> read_owners(capnp::List<schema::OwnerShare>::Reader in) {
  std::vector<OwnerShare> owners;
  for (auto owner : in) {
    owners.push_back({owner.getParty(),
                      Share::of(owner.getNumerator(), owner.getDenominator(), "owners.share")});
  }
  return owners;
}

void write_description(const AssetDescription& d, schema::AssetDescription::Builder out) {
  check_text("name", d.name);
  check_text("project_name", d.project_name, false);
  check_text("implementing_unit", d.implementing_unit, false);
  check_division_code(d.division, "division");
  check_text("place", d.place, false);
  check_text("unit", d.unit, false);
  check_text("project_id", d.project_id, false);
  check_text("performance_targets", d.performance_targets, false);
  check_text("exit_terms", d.exit_terms, false);
  check_list("funding", d.funding.size());
  out.setName(d.name);
  out.setForm(to_enum<schema::AssetForm>(d.form));
  out.setCategory(to_enum<schema::AssetCategory>(d.category));
  out.setUseRightYears(d.use_right_years);
  out.setProjectName(d.project_name);
  out.setProjectYear(d.project_year);
  out.setImplementingUnit(d.implementing_unit);
  out.setDivision(d.division);
  out.setPlace(d.place);
  out.setQuantityMilli(d.quantity_milli);
  out.setUnit(d.unit);
  out.setCompletedDay(d.completed.days());
  out.setOriginalFen(bounded_fen("original", d.original));
  auto funding = out.initFunding(static_cast<unsigned>(d.funding.size()));
  for (unsigned i = 0; i < d.funding.size(); ++i) {
    funding[i].setSource(to_enum<schema::FundingSource>(d.funding[i].source));
    funding[i].setAmountFen(
        bounded_fen("funding[" + std::to_string(i) + "].amount", d.funding[i].amount));
  }
  out.setInvestee(d.investee);
  out.setStakeNumerator(d.stake.numerator());
  out.setStakeDenominator(d.stake.denominator());
  out.setProjectId(d.project_id);
  out.setPerformanceTargets(d.performance_targets);
  out.setExitTerms(d.exit_terms);
}

AssetDescription read_description(schema::AssetDescription::Reader in) {
  AssetDescription d;
  d.name = from_capnp(in.getName());
  d.form = read_enum(in.getForm(), AssetForm::kUseRight, "asset form");
  d.category = read_enum(in.getCategory(), AssetCategory::kRelocationShop, "asset category");
  d.use_right_years = in.getUseRightYears();
  d.project_name = from_capnp(in.getProjectName());
  d.project_year = in.getProjectYear();
  d.implementing_unit = from_capnp(in.getImplementingUnit());
  d.division = from_capnp(in.getDivision());
  d.place = from_capnp(in.getPlace());
  d.quantity_milli = in.getQuantityMilli();
  d.unit = from_capnp(in.getUnit());
  d.completed = Date::from_days(in.getCompletedDay(), "completed");
  d.original = Money::from_fen(in.getOriginalFen());
  for (auto line : in.getFunding()) {
    d.funding.push_back({read_enum(line.getSource(), FundingSource::kOther, "funding source"),
                         Money::from_fen(line.getAmountFen())});
  }
  d.investee = in.getInvestee();
  d.stake = Share::of(in.getStakeNumerator(), in.getStakeDenominator(), "stake");
  d.project_id = from_capnp(in.getProjectId());
  d.performance_targets = from_capnp(in.getPerformanceTargets());
  d.exit_terms = from_capnp(in.getExitTerms());
  return d;
}

void write_party(const PartyRegistered& party, schema::PartyRegistered::Builder b) {
  check_text("name", party.name);
  check_division_code(party.division, "division");
  if (!party.credit_code.empty()) check_credit_code(party.credit_code, "credit_code");
  if (!party.person_hash.empty()) check_length("person_hash", party.person_hash, kHashSize);
  b.setKind(to_enum<schema::PartyKind>(party.kind));
  b.setName(party.name);
  b.setDivision(party.division);
  b.setCreditCode(party.credit_code);
  b.setPersonHash(as_capnp(party.person_hash));
  b.setPovertyAlleviated(party.poverty_alleviated);
  b.setMonitored(party.monitored);
  b.setUnableToWork(party.unable_to_work);
}

PartyRegistered read_party(schema::PartyRegistered::Reader b) {
  return PartyRegistered{read_enum(b.getKind(), PartyKind::kSupervisionCommittee, "party kind"),
                         from_capnp(b.getName()),
                         from_capnp(b.getDivision()),
                         from_capnp(b.getCreditCode()),
                         from_capnp(b.getPersonHash()),
                         b.getPovertyAlleviated(),
                         b.getMonitored(),
                         b.getUnableToWork()};
}

namespace {

struct BodyWriter {
  schema::Entry::Body::Builder out;

  void operator()(const RegisterInitialized& init) {
    check_division_code(init.county_code, "county_code");
    check_text("county_name", init.county_name);
    check_text("origin", init.origin);
    check_length("log_public_key", init.log_public_key, kPublicKeySize);
    auto b = out.initRegisterInitialized();
    b.setFormatVersion(init.format_version);
    b.setCountyCode(init.county_code);
    b.setCountyName(init.county_name);
    b.setOrigin(init.origin);
    b.setLogPublicKey(as_capnp(init.log_public_key));
  }
  void operator()(const ActorKeyEnrolled& enrolled) {
    if (enrolled.actor == 0) throw_invalid("actor", "0", "actor ids start at 1", kActorZeroZh);
    check_text("name", enrolled.name);
    check_division_code(enrolled.jurisdiction, "jurisdiction");
    check_public_key(enrolled.algorithm, enrolled.public_key, "public_key");
    if (static_cast<std::uint16_t>(enrolled.role) > kRoleMax) {
      throw_invalid("role", std::to_string(static_cast<unsigned>(enrolled.role)), "unknown role",
                    "角色编号 " + std::to_string(static_cast<unsigned>(enrolled.role)) +
                        " 不是已知的角色：请选择县级登记员、村民委员会等已有角色");
    }
    auto b = out.initActorKeyEnrolled();
    b.setActor(enrolled.actor);
    b.setName(enrolled.name);
    b.setRole(to_enum<schema::Role>(enrolled.role));
    b.setJurisdiction(enrolled.jurisdiction);
    b.setPublicKey(as_capnp(enrolled.public_key));
    b.setKeyAlgorithm(to_enum<schema::KeyAlgorithm>(enrolled.algorithm));
    b.setParty(enrolled.party);
  }
  void operator()(const ActorKeyRotated& rotated) {
    if (rotated.actor == 0) throw_invalid("actor", "0", "actor ids start at 1", kActorZeroZh);
    check_public_key(rotated.algorithm, rotated.public_key, "public_key");
    check_text("reason", rotated.reason);
    auto b = out.initActorKeyRotated();
    b.setActor(rotated.actor);
    b.setKeyAlgorithm(to_enum<schema::KeyAlgorithm>(rotated.algorithm));
    b.setPublicKey(as_capnp(rotated.public_key));
    b.setReason(rotated.reason);
  }
  void operator()(const ActorKeyRevoked& revoked) {
    if (revoked.actor == 0) throw_invalid("actor", "0", "actor ids start at 1", kActorZeroZh);
    check_text("reason", revoked.reason);
    auto b = out.initActorKeyRevoked();
    b.setActor(revoked.actor);
    b.setReason(revoked.reason);
  }
  void operator()(const DivisionDefined& division) {
    check_division_code(division.code, "code");
    check_text("name", division.name);
    auto b = out.initDivisionDefined();
    b.setCode(division.code);
    b.setName(division.name);
    b.setValidFromDay(division.valid_from.days());
    b.setValidUntilDay(division.valid_until.days());
  }
  void operator()(const PartyRegistered& party) { write_party(party, out.initPartyRegistered()); }
  void operator()(const AssetRegistered& asset) {
    check_text("code", asset.code);
    check_list("owners", asset.owners.size());
    auto b = out.initAssetRegistered();
    b.setCode(asset.code);
    b.setClass(to_enum<schema::AssetClass>(asset.asset_class));
    write_description(asset.description, b.initDescription());
    b.setStatus(to_enum<schema::AssetStatus>(asset.status));
    write_owners(asset.owners, b.initOwners(static_cast<unsigned>(asset.owners.size())));
  }
  void operator()(const AssetStatusChanged& change) {
    check_text("reason", change.reason, false);
    auto b = out.initAssetStatusChanged();
    b.setAsset(change.asset);
    b.setStatus(to_enum<schema::AssetStatus>(change.status));
    b.setReason(change.reason);
  }
  void operator()(const OwnershipConfirmed& confirmed) {
    check_list("owners", confirmed.owners.size());
    auto b = out.initOwnershipConfirmed();
    b.setAsset(confirmed.asset);
    write_owners(confirmed.owners, b.initOwners(static_cast<unsigned>(confirmed.owners.size())));
    check_text("certificate", confirmed.certificate, false);
    b.setCertificate(confirmed.certificate);
  }
  void operator()(const AssetHandedOver& handover) {
    check_list("to", handover.to.size());
    check_text("certificate", handover.certificate, false);
    auto b = out.initAssetHandedOver();
    b.setAsset(handover.asset);
    write_owners(handover.to, b.initTo(static_cast<unsigned>(handover.to.size())));
    b.setAcceptedDay(handover.accepted.days());
    b.setCertificate(handover.certificate);
    b.setBookValueFen(bounded_fen("book_value", handover.book_value));
  }
  void operator()(const RightBound& bound) {
    auto b = out.initRightBound();
    b.setAsset(bound.asset);
    b.setRight(to_enum<schema::RightKind>(bound.right));
    b.setParty(bound.party);
    b.setFromDay(bound.from.days());
    b.setUntilDay(bound.until.days());
  }
  void operator()(const OperationContracted& c) {
    check_list("decided_by", c.decided_by.size());
    auto b = out.initOperationContracted();
    b.setAsset(c.asset);
    b.setOperator(c.operator_party);
    b.setMode(to_enum<schema::OperationMode>(c.mode));
    b.setFromDay(c.from.days());
    b.setUntilDay(c.until.days());
    b.setRentFen(bounded_fen("rent_per_year", c.rent_per_year));
    b.setPrincipalFen(bounded_fen("principal", c.principal));
    b.setGuaranteeRateNumerator(c.guarantee_rate.numerator());
    b.setGuaranteeRateDenominator(c.guarantee_rate.denominator());
    b.setGuaranteeFen(bounded_fen("guarantee_per_year", c.guarantee_per_year));
    b.setStepUpNumerator(c.step_up.numerator());
    b.setStepUpDenominator(c.step_up.denominator());
    auto decided = b.initDecidedBy(static_cast<unsigned>(c.decided_by.size()));
    for (unsigned i = 0; i < c.decided_by.size(); ++i) decided.set(i, c.decided_by[i]);
    check_list("resolutions", c.resolutions.size());
    auto resolutions = b.initResolutions(static_cast<unsigned>(c.resolutions.size()));
    for (unsigned i = 0; i < c.resolutions.size(); ++i) resolutions.set(i, c.resolutions[i]);
  }
  void operator()(const MaintenanceBound& m) {
    check_text("person", m.person);
    check_text("funding", m.funding, false);
    auto b = out.initMaintenanceBound();
    b.setAsset(m.asset);
    b.setParty(m.party);
    b.setPerson(m.person);
    b.setMode(to_enum<schema::MaintenanceMode>(m.mode));
    b.setFunding(m.funding);
    b.setInspectionIntervalDays(m.inspection_interval_days);
    b.setFromDay(m.from.days());
    check_text("asset_code", m.asset_code, false);
    if ((m.asset == 0) == m.asset_code.empty()) {
      throw_invalid("asset", std::to_string(m.asset), "name the asset by id or by code, not both",
                    m.asset == 0 ? "没有指明管护的是哪项资产：请填写资产编号"
                                 : "资产编号 " + m.asset_code + " 和资产内部编号 " +
                                       std::to_string(m.asset) + " 只能填一个：请只填资产编号");
    }
    b.setAssetCode(m.asset_code);
  }
  void operator()(const Inspected& inspection) {
    check_text("inspector", inspection.inspector);
    check_text("note", inspection.note, false);
    check_list("evidence", inspection.evidence.size());
    auto b = out.initInspected();
    b.setAsset(inspection.asset);
    b.setInspector(inspection.inspector);
    b.setCondition(to_enum<schema::Condition>(inspection.condition));
    b.setNote(inspection.note);
    b.setStocktaking(inspection.stocktaking);
    auto evidence = b.initEvidence(static_cast<unsigned>(inspection.evidence.size()));
    for (unsigned i = 0; i < inspection.evidence.size(); ++i) {
      evidence.set(i, as_capnp(inspection.evidence[i]));
    }
  }
  void operator()(const ValueChanged& change) {
    if (!change.report_hash.empty()) check_length("report_hash", change.report_hash, kHashSize);
    check_text("appraiser", change.appraiser, false);
    auto b = out.initValueChanged();
    b.setAsset(change.asset);
    b.setKind(to_enum<schema::ValueChangeKind>(change.kind));
    b.setAmountFen(bounded_fen("amount", change.amount));
    b.setReportHash(as_capnp(change.report_hash));
    b.setAppraiser(change.appraiser);
  }
  void operator()(const DepreciationPlanned& plan) {
    if (plan.method > 3) {
      throw_invalid("method", std::to_string(plan.method), "unknown method",
                    "折旧方法编号 " + std::to_string(plan.method) +
                        " 不是已知的方法：须为年限平均法、双倍余额递减法、年数总和法或工作量法");
    }
    auto b = out.initDepreciationPlanned();
    b.setAsset(plan.asset);
    b.setMethod(static_cast<schema::DepreciationMethod>(plan.method));
    b.setLifeMonths(plan.life_months);
    b.setResidualNumerator(plan.residual_rate.numerator());
    b.setResidualDenominator(plan.residual_rate.denominator());
    b.setUnitsTotal(plan.units_total);
  }
  void operator()(const UnitsRecorded& units) {
    auto b = out.initUnitsRecorded();
    b.setAsset(units.asset);
    b.setMonthDay(units.month.days());
    b.setUnits(units.units);
  }
  void operator()(const PolicyDefined& policy) {
    check_list("lives", policy.lives.size());
    auto b = out.initPolicyDefined();
    b.setVersion(policy.version);
    b.setEffectiveDay(policy.effective_from.days());
    auto lives = b.initLives(static_cast<unsigned>(policy.lives.size()));
    for (unsigned i = 0; i < policy.lives.size(); ++i) {
      lives[i].setCategory(to_enum<schema::AssetCategory>(policy.lives[i].first));
      lives[i].setMonths(policy.lives[i].second);
    }
    b.setResidualNumerator(policy.residual_rate.numerator());
    b.setResidualDenominator(policy.residual_rate.denominator());
    b.setInspectionIntervalDays(policy.inspection_interval_days);
    b.setPublicityDays(policy.publicity_days);
    b.setStateApprovalThresholdFen(
        bounded_fen("state_approval_threshold", policy.state_approval_threshold));
    b.setAuditIncomeUnallocatedDays(policy.audit.income_unallocated);
    b.setAuditOperatingWithoutIncomeDays(policy.audit.operating_without_income);
    b.setAuditContractExpiringDays(policy.audit.contract_expiring);
    b.setAuditResultUnpublishedDays(policy.audit.result_unpublished);
    check_list("chains", policy.chains.size());
    auto chains = b.initChains(static_cast<unsigned>(policy.chains.size()));
    auto write_steps = [](const std::vector<DisposalStepKind>& steps, std::string_view field,
                          auto init) {
      check_list(field, steps.size());
      auto list = init(static_cast<unsigned>(steps.size()));
      for (unsigned i = 0; i < steps.size(); ++i) {
        list.set(i, to_enum<schema::DisposalStepKind>(steps[i]));
      }
    };
    for (unsigned i = 0; i < policy.chains.size(); ++i) {
      const ApprovalChain& c = policy.chains[i];
      auto chain = chains[i];
      chain.setOwner(to_enum<schema::ChainOwner>(c.owner));
      write_steps(c.per_owner, "per_owner", [&](unsigned n) { return chain.initPerOwner(n); });
      write_steps(c.steps, "steps", [&](unsigned n) { return chain.initSteps(n); });
      write_steps(c.above_threshold, "above_threshold",
                  [&](unsigned n) { return chain.initAboveThreshold(n); });
    }
    check_list("purposes", policy.purposes.size());
    auto purposes = b.initPurposes(static_cast<unsigned>(policy.purposes.size()));
    for (unsigned i = 0; i < policy.purposes.size(); ++i) {
      check_text("purposes.name", policy.purposes[i].name);
      purposes[i].setName(policy.purposes[i].name);
      purposes[i].setRestrictedOk(policy.purposes[i].restricted_ok);
      const auto& categories = policy.purposes[i].categories;
      check_list("purposes.categories", categories.size());
      auto list = purposes[i].initCategories(static_cast<unsigned>(categories.size()));
      for (unsigned c = 0; c < categories.size(); ++c) {
        list.set(c, to_enum<schema::AssetCategory>(categories[c]));
      }
    }
    check_list("prohibited_purposes", policy.prohibited_purposes.size());
    auto prohibited =
        b.initProhibitedPurposes(static_cast<unsigned>(policy.prohibited_purposes.size()));
    for (unsigned i = 0; i < policy.prohibited_purposes.size(); ++i) {
      check_text("prohibited_purposes", policy.prohibited_purposes[i]);
      prohibited.set(i, policy.prohibited_purposes[i]);
    }
    check_list("quorums", policy.quorums.size());
    auto quorums = b.initQuorums(static_cast<unsigned>(policy.quorums.size()));
    for (unsigned i = 0; i < policy.quorums.size(); ++i) {
      quorums[i].setMeeting(to_enum<schema::Meeting>(policy.quorums[i].meeting));
      quorums[i].setNumerator(policy.quorums[i].numerator);
      quorums[i].setDenominator(policy.quorums[i].denominator);
      quorums[i].setStrict(policy.quorums[i].strict);
    }
    b.setMajorityNumerator(policy.majority_numerator);
    b.setMajorityDenominator(policy.majority_denominator);
    b.setAppraisalValidMonths(policy.appraisal_valid_months);
    b.setStateThresholdBasis(to_enum<schema::ThresholdBasis>(policy.state_threshold_basis));
    b.setStateThresholdInclusive(policy.state_threshold_inclusive);
    b.setPriceFloorNumerator(policy.price_floor.numerator());
    b.setPriceFloorDenominator(policy.price_floor.denominator());
    b.setStocktakingBy(policy.stocktaking_by);
    check_text("supervision_phone", policy.supervision_phone, false);
    check_text("supervision_unit", policy.supervision_unit, false);
    // Written only when set, so a policy without them keeps the bytes of earlier versions.
    if (!policy.supervision_phone.empty()) b.setSupervisionPhone(policy.supervision_phone);
    if (!policy.supervision_unit.empty()) b.setSupervisionUnit(policy.supervision_unit);
    check_list("plan_rules", policy.plan_rules.size());
    auto rules = b.initPlanRules(static_cast<unsigned>(policy.plan_rules.size()));
    for (unsigned i = 0; i < policy.plan_rules.size(); ++i) {
      const PlanRule& r = policy.plan_rules[i];
      rules[i].setOwner(to_enum<schema::PlanOwner>(r.owner));
      rules[i].setResolution(r.resolution);
      rules[i].setPublicity(r.publicity);
      rules[i].setCountyConsent(r.county_consent);
    }
  }
  void operator()(const DisposalRequested& r) {
    check_text("reasons", r.reasons);
    check_list("evidence", r.evidence.size());
    auto b = out.initDisposalRequested();
    b.setAsset(r.asset);
    b.setTrigger(to_enum<schema::DisposalTrigger>(r.trigger));
    b.setMethod(to_enum<schema::DisposalMethod>(r.method));
    b.setReasons(r.reasons);
    auto evidence = b.initEvidence(static_cast<unsigned>(r.evidence.size()));
    for (unsigned i = 0; i < r.evidence.size(); ++i) evidence.set(i, as_capnp(r.evidence[i]));
    b.setAppraisal(r.appraisal);
    check_list("owners", r.owners.size());
    write_owners(r.owners, b.initOwners(static_cast<unsigned>(r.owners.size())));
  }
  void operator()(const DisposalStep& s) {
    check_text("note", s.note, false);
    auto b = out.initDisposalStep();
    b.setRequest(s.request);
    b.setStep(s.step);
    b.setApprove(s.approve);
    b.setNote(s.note);
    b.setResolution(s.resolution);
    b.setNotice(s.notice);
  }
  void operator()(const DisposalWithdrawn& w) {
    check_text("reason", w.reason);
    auto b = out.initDisposalWithdrawn();
    b.setRequest(w.request);
    b.setReason(w.reason);
  }
  void operator()(const DisposalExecuted& e) {
    check_text("counterparty", e.counterparty, false);  // none for a correction
    auto b = out.initDisposalExecuted();
    b.setRequest(e.request);
    b.setCounterparty(e.counterparty);
    b.setProceedsFen(bounded_fen("proceeds", e.proceeds));
    check_list("owners", e.owners.size());
    write_owners(e.owners, b.initOwners(static_cast<unsigned>(e.owners.size())));
  }
  void operator()(const IncomeRecorded& i) {
    check_text("payer", i.payer, false);
    auto b = out.initIncomeRecorded();
    b.setAsset(i.asset);
    b.setKind(to_enum<schema::IncomeKind>(i.kind));
    b.setAmountFen(bounded_fen("amount", i.amount));
    b.setFromDay(i.from.days());
    b.setUntilDay(i.until.days());
    b.setPayer(i.payer);
    b.setPayerParty(i.payer_party);
  }
  void operator()(const BeneficiaryChanged& c) {
    check_text("list", c.list);
    check_text("reason", c.reason, false);
    auto b = out.initBeneficiaryChanged();
    b.setList(c.list);
    b.setParty(c.party);
    b.setWeightNumerator(c.weight_numerator);
    b.setWeightDenominator(c.weight_denominator);
    b.setRemovedDay(c.removed.days());
    b.setReason(c.reason);
    b.setOwner(c.owner);
  }
  void operator()(const PlanApproved& p) {
    check_text("name", p.name);
    check_list("fixed", p.fixed.size());
    check_list("guaranteed", p.guaranteed.size());
    check_list("proportional", p.proportional.size());
    auto b = out.initPlanApproved();
    b.setOwner(p.owner);
    b.setName(p.name);
    auto fixed = b.initFixed(static_cast<unsigned>(p.fixed.size()));
    for (unsigned i = 0; i < p.fixed.size(); ++i) {
      fixed[i].setLine(p.fixed[i].line);
      fixed[i].setPurpose(p.fixed[i].purpose);
      fixed[i].setAmountFen(
          bounded_fen("fixed[" + std::to_string(i) + "].amount", p.fixed[i].amount));
      check_text("fixed.payees", p.fixed[i].payees, false);
      fixed[i].setPayees(p.fixed[i].payees);
    }
    auto guaranteed = b.initGuaranteed(static_cast<unsigned>(p.guaranteed.size()));
    for (unsigned i = 0; i < p.guaranteed.size(); ++i) {
      const GuaranteedPlanLine& g = p.guaranteed[i];
      guaranteed[i].setLine(g.line);
      guaranteed[i].setParty(g.party);
      guaranteed[i].setPrincipalFen(
          bounded_fen("guaranteed[" + std::to_string(i) + "].principal", g.principal));
      guaranteed[i].setRateNumerator(g.rate.numerator());
      guaranteed[i].setRateDenominator(g.rate.denominator());
      guaranteed[i].setAmountFen(
          bounded_fen("guaranteed[" + std::to_string(i) + "].amount", g.amount));
      check_text("guaranteed.list", g.list, false);
      guaranteed[i].setList(g.list);
    }
    auto proportional = b.initProportional(static_cast<unsigned>(p.proportional.size()));
    for (unsigned i = 0; i < p.proportional.size(); ++i) {
      const ProportionalPlanLine& l = p.proportional[i];
      proportional[i].setLine(l.line);
      proportional[i].setPurpose(l.purpose);
      proportional[i].setFractionNumerator(l.fraction.numerator());
      proportional[i].setFractionDenominator(l.fraction.denominator());
      proportional[i].setBeneficiaryList(l.beneficiary_list);
    }
    b.setResolution(p.resolution);
    b.setNotice(p.notice);
    check_text("decision", p.decision, false);
    b.setDecision(p.decision);
    b.setRestricted(p.restricted);
  }
  void operator()(const ResolutionAdopted& r) {
    check_text("title", r.title);
    auto b = out.initResolutionAdopted();
    b.setVillage(r.village);
    b.setMeeting(to_enum<schema::Meeting>(r.meeting));
    b.setSubject(to_enum<schema::ResolutionSubject>(r.subject));
    b.setDisposal(r.disposal);
    b.setTitle(r.title);
    b.setDay(r.day.days());
    b.setEligible(r.eligible);
    b.setPresent(r.present);
    b.setInFavour(r.in_favour);
  }
  void operator()(const NoticePosted& n) {
    check_division_code(n.division, "division");
    check_text("place", n.place);
    if (!n.content_hash.empty()) check_length("content_hash", n.content_hash, kHashSize);
    auto b = out.initNoticePosted();
    b.setSubject(to_enum<schema::NoticeSubject>(n.subject));
    b.setSubjectId(n.subject_id);
    b.setDivision(n.division);
    b.setPlace(n.place);
    b.setStartDay(n.start.days());
    b.setEndDay(n.end.days());
    b.setContentHash(as_capnp(n.content_hash));
  }
  void operator()(const ObjectionRecorded& o) {
    check_text("summary", o.summary);
    auto b = out.initObjectionRecorded();
    b.setNotice(o.notice);
    b.setUpheld(o.upheld);
    b.setSummary(o.summary);
  }
  void operator()(const AllocationRecorded& a) {
    check_list("incomes", a.incomes.size());
    auto b = out.initAllocationRecorded();
    auto incomes = b.initIncomes(static_cast<unsigned>(a.incomes.size()));
    for (unsigned i = 0; i < a.incomes.size(); ++i) incomes.set(i, a.incomes[i]);
    b.setOwner(a.owner);
  }
  void operator()(const AssetCorrected& corrected) {
    check_text("reason", corrected.reason);
    auto b = out.initAssetCorrected();
    b.setAsset(corrected.asset);
    b.setCorrects(corrected.corrects);
    write_description(corrected.description, b.initDescription());
    b.setReason(corrected.reason);
  }
};

}  // namespace

void malformed(const std::string& reason) {
  throw_error(ErrorKind::kIntegrityError, "malformed entry: " + reason,
              "台账记录格式有误或已损坏（" + reason + "）");
}

void write_body(const Body& body, schema::Entry::Body::Builder out) {
  std::visit(BodyWriter{out}, body);
}

Body read_body(schema::Entry::Body::Reader in) {
  using B = schema::Entry::Body;
  switch (in.which()) {
    case B::REGISTER_INITIALIZED: {
      auto b = in.getRegisterInitialized();
      return RegisterInitialized{b.getFormatVersion(), from_capnp(b.getCountyCode()),
                                 from_capnp(b.getCountyName()), from_capnp(b.getOrigin()),
                                 from_capnp(b.getLogPublicKey())};
    }
    case B::ACTOR_KEY_ENROLLED: {
      auto b = in.getActorKeyEnrolled();
      return ActorKeyEnrolled{
          b.getActor(),
          from_capnp(b.getName()),
          read_enum(b.getRole(), static_cast<Role>(kRoleMax), "role"),
          from_capnp(b.getJurisdiction()),
          from_capnp(b.getPublicKey()),
          read_enum(b.getKeyAlgorithm(), KeyAlgorithm::kSm2Sm3, "key algorithm"),
          b.getParty()};
    }
    case B::ACTOR_KEY_ROTATED: {
      auto b = in.getActorKeyRotated();
      return ActorKeyRotated{b.getActor(), from_capnp(b.getPublicKey()),
                             read_enum(b.getKeyAlgorithm(), KeyAlgorithm::kSm2Sm3, "key algorithm"),
                             from_capnp(b.getReason())};
    }
    case B::ACTOR_KEY_REVOKED: {
      auto b = in.getActorKeyRevoked();
      return ActorKeyRevoked{b.getActor(), from_capnp(b.getReason())};
    }
    case B::DIVISION_DEFINED: {
      auto b = in.getDivisionDefined();
      return DivisionDefined{from_capnp(b.getCode()), from_capnp(b.getName()),
                             Date::from_days(b.getValidFromDay(), "valid_from"),
                             Date::from_days(b.getValidUntilDay(), "valid_until")};
    }
    case B::PARTY_REGISTERED:
      return read_party(in.getPartyRegistered());
    case B::ASSET_REGISTERED: {
      auto b = in.getAssetRegistered();
      return AssetRegistered{from_capnp(b.getCode()),
                             read_enum(b.getClass(), AssetClass::kHousehold, "asset class"),
                             read_description(b.getDescription()),
                             read_enum(b.getStatus(), AssetStatus::kDisposed, "asset status"),
                             read_owners(b.getOwners())};
    }
    case B::ASSET_STATUS_CHANGED: {
      auto b = in.getAssetStatusChanged();
      return AssetStatusChanged{b.getAsset(),
                                read_enum(b.getStatus(), AssetStatus::kDisposed, "asset status"),
                                from_capnp(b.getReason())};
    }
    case B::OWNERSHIP_CONFIRMED: {
      auto b = in.getOwnershipConfirmed();
      return OwnershipConfirmed{b.getAsset(), read_owners(b.getOwners()),
                                from_capnp(b.getCertificate())};
    }
    case B::ASSET_HANDED_OVER: {
      auto b = in.getAssetHandedOver();
      return AssetHandedOver{b.getAsset(), read_owners(b.getTo()),
                             Date::from_days(b.getAcceptedDay(), "accepted"),
                             from_capnp(b.getCertificate()), Money::from_fen(b.getBookValueFen())};
    }
    case B::ASSET_CORRECTED: {
      auto b = in.getAssetCorrected();
      return AssetCorrected{b.getAsset(), b.getCorrects(), read_description(b.getDescription()),
                            from_capnp(b.getReason())};
    }
    case B::RIGHT_BOUND: {
      auto b = in.getRightBound();
      return RightBound{b.getAsset(), read_enum(b.getRight(), RightKind::kManagement, "right"),
                        b.getParty(), Date::from_days(b.getFromDay(), "from"),
                        Date::from_days(b.getUntilDay(), "until")};
    }
    case B::OPERATION_CONTRACTED: {
      auto b = in.getOperationContracted();
      OperationContracted c;
      c.asset = b.getAsset();
      c.operator_party = b.getOperator();
      c.mode = read_enum(b.getMode(), OperationMode::kLeased, "operation mode");
      c.from = Date::from_days(b.getFromDay(), "from");
      c.until = Date::from_days(b.getUntilDay(), "until");
      c.rent_per_year = Money::from_fen(b.getRentFen());
      c.principal = Money::from_fen(b.getPrincipalFen());
      c.guarantee_rate = Share::of(b.getGuaranteeRateNumerator(), b.getGuaranteeRateDenominator(),
                                   "guarantee_rate");
      c.guarantee_per_year = Money::from_fen(b.getGuaranteeFen());
      c.step_up = Share::of(b.getStepUpNumerator(), b.getStepUpDenominator(), "step_up");
      for (std::uint64_t party : b.getDecidedBy()) c.decided_by.push_back(party);
      for (std::uint64_t r : b.getResolutions()) c.resolutions.push_back(r);
      return c;
    }
    case B::MAINTENANCE_BOUND: {
      auto b = in.getMaintenanceBound();
      return MaintenanceBound{
          b.getAsset(),
          b.getParty(),
          from_capnp(b.getPerson()),
          read_enum(b.getMode(), MaintenanceMode::kSectorDepartment, "maintenance mode"),
          from_capnp(b.getFunding()),
          b.getInspectionIntervalDays(),
          Date::from_days(b.getFromDay(), "from"),
          from_capnp(b.getAssetCode())};
    }
    case B::INSPECTED: {
      auto b = in.getInspected();
      Inspected inspection{b.getAsset(),
                           from_capnp(b.getInspector()),
                           read_enum(b.getCondition(), Condition::kUnusable, "condition"),
                           from_capnp(b.getNote()),
                           {},
                           b.getStocktaking()};
      for (auto hash : b.getEvidence()) {
        inspection.evidence.push_back(to_hash(ByteView(hash.begin(), hash.size()), "evidence"));
      }
      return inspection;
    }
    case B::VALUE_CHANGED: {
      auto b = in.getValueChanged();
      return ValueChanged{b.getAsset(),
                          read_enum(b.getKind(), ValueChangeKind::kAppraisal, "value change"),
                          Money::from_fen(b.getAmountFen()), from_capnp(b.getReportHash()),
                          from_capnp(b.getAppraiser())};
    }
    case B::DEPRECIATION_PLANNED: {
      auto b = in.getDepreciationPlanned();
      return DepreciationPlanned{
          b.getAsset(),
          static_cast<std::uint16_t>(read_enum(b.getMethod(),
                                               schema::DepreciationMethod::UNITS_OF_PRODUCTION,
                                               "depreciation method")),
          b.getLifeMonths(),
          Share::of(b.getResidualNumerator(), b.getResidualDenominator(), "residual_rate"),
          b.getUnitsTotal()};
    }
    case B::UNITS_RECORDED: {
      auto b = in.getUnitsRecorded();
      return UnitsRecorded{b.getAsset(), Date::from_days(b.getMonthDay(), "month"), b.getUnits()};
    }
    case B::POLICY_DEFINED: {
      auto b = in.getPolicyDefined();
      PolicyDefined policy;
      policy.version = b.getVersion();
      policy.effective_from = Date::from_days(b.getEffectiveDay(), "effective_from");
      for (auto life : b.getLives()) {
        policy.lives.emplace_back(
            read_enum(life.getCategory(), AssetCategory::kRelocationShop, "category"),
            life.getMonths());
      }
      policy.residual_rate =
          Share::of(b.getResidualNumerator(), b.getResidualDenominator(), "residual_rate");
      policy.inspection_interval_days = b.getInspectionIntervalDays();
      policy.publicity_days = b.getPublicityDays();
      policy.state_approval_threshold = Money::from_fen(b.getStateApprovalThresholdFen());
      policy.audit = {b.getAuditIncomeUnallocatedDays(), b.getAuditOperatingWithoutIncomeDays(),
                      b.getAuditContractExpiringDays(), b.getAuditResultUnpublishedDays()};
      auto read_steps = [](auto list) {
        std::vector<DisposalStepKind> steps;
        for (auto kind : list) {
          steps.push_back(read_enum(kind, DisposalStepKind::kGovernmentApproval, "disposal step"));
        }
        return steps;
      };
      for (auto chain : b.getChains()) {
        policy.chains.push_back(
            {read_enum(chain.getOwner(), ChainOwner::kCooperative, "chain owner"),
             read_steps(chain.getPerOwner()), read_steps(chain.getSteps()),
             read_steps(chain.getAboveThreshold())});
      }
      for (auto purpose : b.getPurposes()) {
        PurposeRule rule{from_capnp(purpose.getName()), purpose.getRestrictedOk(), {}};
        for (auto category : purpose.getCategories()) {
          rule.categories.push_back(
              read_enum(category, AssetCategory::kRelocationShop, "purposes.categories"));
        }
        policy.purposes.push_back(std::move(rule));
      }
      for (auto name : b.getProhibitedPurposes()) {
        policy.prohibited_purposes.push_back(from_capnp(name));
      }
      for (auto q : b.getQuorums()) {
        policy.quorums.push_back({read_enum(q.getMeeting(), Meeting::kMembersAssembly, "meeting"),
                                  q.getNumerator(), q.getDenominator(), q.getStrict()});
      }
      policy.majority_numerator = b.getMajorityNumerator();
      policy.majority_denominator = b.getMajorityDenominator();
      policy.appraisal_valid_months = b.getAppraisalValidMonths();
      policy.state_threshold_basis =
          read_enum(b.getStateThresholdBasis(), ThresholdBasis::kBook, "threshold basis");
      policy.state_threshold_inclusive = b.getStateThresholdInclusive();
      policy.price_floor =
          Share::of(b.getPriceFloorNumerator(), b.getPriceFloorDenominator(), "price_floor");
      policy.stocktaking_by = b.getStocktakingBy();
      policy.supervision_phone = from_capnp(b.getSupervisionPhone());
      policy.supervision_unit = from_capnp(b.getSupervisionUnit());
      for (auto r : b.getPlanRules()) {
        policy.plan_rules.push_back({read_enum(r.getOwner(), PlanOwner::kState, "plan owner"),
                                     r.getResolution(), r.getPublicity(), r.getCountyConsent()});
      }
      return policy;
    }
    case B::DISPOSAL_REQUESTED: {
      auto b = in.getDisposalRequested();
      DisposalRequested r{
          b.getAsset(),
          read_enum(b.getTrigger(), DisposalTrigger::kOther, "disposal trigger"),
          read_enum(b.getMethod(), DisposalMethod::kOwnershipCorrection, "disposal method"),
          from_capnp(b.getReasons()),
          {},
          b.getAppraisal(),
          read_owners(b.getOwners())};
      for (auto hash : b.getEvidence()) {
        r.evidence.push_back(to_hash(ByteView(hash.begin(), hash.size()), "evidence"));
      }
      return r;
    }
    case B::DISPOSAL_STEP: {
      auto b = in.getDisposalStep();
      if (b.getObsoleteNoticeStartDay() != 0 || b.getObsoleteNoticeEndDay() != 0 ||
          b.getObsoleteEligible() != 0 || b.getObsoletePresent() != 0 ||
          b.getObsoleteInFavour() != 0) {
        malformed("a disposal step carries obsolete fields");
      }
      return DisposalStep{b.getRequest(),          b.getStep(),       b.getApprove(),
                          from_capnp(b.getNote()), b.getResolution(), b.getNotice()};
    }
    case B::DISPOSAL_WITHDRAWN: {
      auto b = in.getDisposalWithdrawn();
      return DisposalWithdrawn{b.getRequest(), from_capnp(b.getReason())};
    }
    case B::DISPOSAL_EXECUTED: {
      auto b = in.getDisposalExecuted();
      return DisposalExecuted{b.getRequest(), from_capnp(b.getCounterparty()),
                              Money::from_fen(b.getProceedsFen()), read_owners(b.getOwners())};
    }
    case B::INCOME_RECORDED: {
      auto b = in.getIncomeRecorded();
      return IncomeRecorded{b.getAsset(),
                            read_enum(b.getKind(), IncomeKind::kOther, "income kind"),
                            Money::from_fen(b.getAmountFen()),
                            Date::from_days(b.getFromDay(), "from"),
                            Date::from_days(b.getUntilDay(), "until"),
                            from_capnp(b.getPayer()),
                            b.getPayerParty()};
    }
    case B::BENEFICIARY_CHANGED: {
      auto b = in.getBeneficiaryChanged();
      return BeneficiaryChanged{b.getOwner(),
                                from_capnp(b.getList()),
                                b.getParty(),
                                b.getWeightNumerator(),
                                b.getWeightDenominator(),
                                Date::from_days(b.getRemovedDay(), "removed"),
                                from_capnp(b.getReason())};
    }
    case B::PLAN_APPROVED: {
      auto b = in.getPlanApproved();
      PlanApproved p;
      p.owner = b.getOwner();
      p.name = from_capnp(b.getName());
      for (auto f : b.getFixed()) {
        p.fixed.push_back({from_capnp(f.getLine()), from_capnp(f.getPurpose()),
                           Money::from_fen(f.getAmountFen()), from_capnp(f.getPayees())});
      }
      for (auto g : b.getGuaranteed()) {
        p.guaranteed.push_back({from_capnp(g.getLine()), g.getParty(),
                                Money::from_fen(g.getPrincipalFen()),
                                Share::of(g.getRateNumerator(), g.getRateDenominator(), "rate"),
                                Money::from_fen(g.getAmountFen()), from_capnp(g.getList())});
      }
      for (auto l : b.getProportional()) {
        p.proportional.push_back(
            {from_capnp(l.getLine()), from_capnp(l.getPurpose()),
             Share::of(l.getFractionNumerator(), l.getFractionDenominator(), "fraction"),
             from_capnp(l.getBeneficiaryList())});
      }
      if (b.getObsoleteRepresentatives() || b.getObsoleteEligible() != 0 ||
          b.getObsoletePresent() != 0 || b.getObsoleteInFavour() != 0 ||
          b.getObsoleteNoticeStartDay() != 0 || b.getObsoleteNoticeEndDay() != 0 ||
          b.getObsoleteObjectionUpheld()) {
        malformed("an allocation plan carries obsolete fields");
      }
      p.resolution = b.getResolution();
      p.notice = b.getNotice();
      p.decision = from_capnp(b.getDecision());
      p.restricted = b.getRestricted();
      return p;
    }
    case B::ALLOCATION_RECORDED: {
      auto b = in.getAllocationRecorded();
      if (b.getObsoletePlan() != 0 || b.getObsoletePeriodDays() != 0) {
        malformed("an allocation carries obsolete fields (a plan or a period)");
      }
      AllocationRecorded a;
      for (std::uint64_t income : b.getIncomes()) a.incomes.push_back(income);
      a.owner = b.getOwner();
      return a;
    }
    case B::RESOLUTION_ADOPTED: {
      auto b = in.getResolutionAdopted();
      return ResolutionAdopted{
          b.getVillage(),
          read_enum(b.getMeeting(), Meeting::kMembersAssembly, "meeting"),
          read_enum(b.getSubject(), ResolutionSubject::kOperationContract, "resolution subject"),
          b.getDisposal(),
          from_capnp(b.getTitle()),
          Date::from_days(b.getDay(), "day"),
          b.getEligible(),
          b.getPresent(),
          b.getInFavour()};
    }
    case B::NOTICE_POSTED: {
      auto b = in.getNoticePosted();
      NoticePosted n{read_enum(b.getSubject(), NoticeSubject::kOperationContract, "notice subject"),
                     b.getSubjectId(),
                     from_capnp(b.getDivision()),
                     from_capnp(b.getPlace()),
                     Date::from_days(b.getStartDay(), "start"),
                     Date::from_days(b.getEndDay(), "end"),
                     from_capnp(b.getContentHash())};
      return n;
    }
    case B::OBJECTION_RECORDED: {
      auto b = in.getObjectionRecorded();
      return ObjectionRecorded{b.getNotice(), b.getUpheld(), from_capnp(b.getSummary())};
    }
  }
  malformed("unknown body kind " + std::to_string(static_cast<unsigned>(in.which())));
}

}  // namespace taizhang::internal

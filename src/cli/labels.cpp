// The words county staff read: each enumeration's Chinese name, or its English key with
// --lang en. The keys stay English in JSON and in the register itself.
#include <initializer_list>
#include <utility>

#include "cli/cli.h"

namespace taizhang::cli {
namespace {

using Names = std::initializer_list<std::pair<std::string_view, std::string_view>>;

std::string pick(std::string_view english, Names chinese) {
  if (lang() == Lang::kEnglish) return std::string(english);
  for (const auto& [key, name] : chinese) {
    if (key == english) return std::string(name);
  }
  return std::string(english);
}

}  // namespace

std::string label(AssetClass v) {
  return pick(name_of(v),
              {{"operating", "经营性"}, {"public_welfare", "公益性"}, {"household", "到户类"}});
}

std::string label(AssetStatus v) {
  return pick(name_of(v), {{"in_use", "在用"},
                           {"idle", "闲置"},
                           {"inefficient", "低效"},
                           {"leased", "出租"},
                           {"damaged", "损毁"},
                           {"pending_disposal", "待处置"},
                           {"disposed", "已处置"}});
}

std::string label(AssetCategory v) {
  return pick(name_of(v), {{"building_steel_concrete", "钢混结构房屋"},
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
                           {"relocation_shop", "安置区商铺"}});
}

std::string label(AssetForm v) {
  return pick(name_of(v), {{"fixed", "固定资产"},
                           {"biological", "生物资产"},
                           {"equity", "股权"},
                           {"debt", "债权"},
                           {"intangible", "无形资产"},
                           {"use_right", "使用权"}});
}

std::string label(FundingSource v) {
  return pick(name_of(v), {{"central_fiscal", "中央财政"},
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
                           {"other", "其他"}});
}

std::string label(MaintenanceMode v) {
  return pick(name_of(v), {{"household_self", "农户自管"},
                           {"public_welfare_post", "公益性岗位"},
                           {"purchased_service", "购买服务"},
                           {"village_collective", "村集体管护"},
                           {"township", "乡镇管护"},
                           {"sector_department", "行业部门管护"}});
}

std::string label(OperationMode v) {
  return pick(name_of(v), {{"self_operated", "自主经营"},
                           {"entrusted", "委托经营"},
                           {"cooperative", "合作经营"},
                           {"leased", "出租"}});
}

std::string label(DisposalMethod v) {
  return pick(name_of(v), {{"auction", "拍卖"},
                           {"transfer", "转让"},
                           {"change_of_use", "改变用途"},
                           {"suspension", "暂停使用"},
                           {"loss_report", "报损"},
                           {"scrapping", "报废"},
                           {"write_off", "核销"},
                           {"free_transfer", "无偿划转"},
                           {"donation", "捐赠"},
                           {"exchange", "置换"},
                           {"ownership_correction", "产权更正"}});
}

std::string label(DisposalStepKind v) {
  return pick(name_of(v), {{"household_declaration", "农户申报"},
                           {"committee_proposal", "村委会提议"},
                           {"assembly_resolution", "村民会议决议"},
                           {"publicity", "公示"},
                           {"township_approval", "乡镇审核"},
                           {"rural_revitalization_consent", "县乡村振兴局同意"},
                           {"finance_consent", "县财政局同意"},
                           {"department_proposal", "主管部门提出"},
                           {"finance_approval", "县财政局审批"},
                           {"government_approval", "县政府审批"}});
}

std::string label(NoticeSubject v) {
  return pick(name_of(v), {{"project", "项目"},
                           {"allocation_plan", "收益分配方案"},
                           {"allocation_result", "收益分配结果"},
                           {"disposal", "资产处置"},
                           {"disposal_result", "处置结果"},
                           {"operation_contract", "经营合同"}});
}

std::string label(PartyKind v) {
  return pick(name_of(v), {{"household", "农户"},
                           {"village_collective", "村集体经济组织"},
                           {"villager_group", "村民小组"},
                           {"township", "乡镇"},
                           {"county_department", "县直部门"},
                           {"enterprise", "企业"},
                           {"cooperative", "合作社"},
                           {"platform_company", "平台公司"},
                           {"supervision_committee", "村务监督委员会"}});
}

std::string label(OwnershipLevel v) {
  return pick(name_of(v), {{"unconfirmed", "未确权"},
                           {"household", "农户"},
                           {"village", "村级"},
                           {"township", "乡镇级"},
                           {"county", "县级"},
                           {"mixed", "混合"}});
}

std::string rule_label(std::string_view rule) {
  return std::string(lang() == Lang::kEnglish ? rule : chinese_label(rule));
}

std::string kind_label(const Body& body) {
  const std::string_view kind = body_kind(body);
  return std::string(lang() == Lang::kEnglish ? kind : chinese_label(kind));
}

}  // namespace taizhang::cli

// The words county staff read: each enumeration's Chinese name, or its English key with
// --lang en. The keys stay English in JSON and in the register itself.
#include <initializer_list>
#include <utility>

#include "cli/cli.h"

namespace taizhang::cli {
namespace {

std::string pick(std::string_view english, std::string_view chinese) {
  return std::string(lang() == Lang::kEnglish ? english : chinese);
}

}  // namespace

std::string label(AssetClass v) { return pick(name_of(v), chinese_name(v)); }

std::string label(AssetStatus v) { return pick(name_of(v), chinese_name(v)); }

std::string label(AssetCategory v) { return pick(name_of(v), chinese_name(v)); }

std::string label(AssetForm v) { return pick(name_of(v), chinese_name(v)); }

std::string label(FundingSource v) { return pick(name_of(v), chinese_name(v)); }

std::string label(MaintenanceMode v) { return pick(name_of(v), chinese_name(v)); }

std::string label(OperationMode v) { return pick(name_of(v), chinese_name(v)); }

std::string label(DisposalMethod v) { return pick(name_of(v), chinese_name(v)); }

std::string label(DisposalStepKind v) { return pick(name_of(v), chinese_name(v)); }

std::string label(NoticeSubject v) { return pick(name_of(v), chinese_name(v)); }

std::string label(PartyKind v) { return pick(name_of(v), chinese_name(v)); }

std::string label(OwnershipLevel v) { return pick(name_of(v), chinese_name(v)); }

std::string rule_label(std::string_view rule) {
  return std::string(lang() == Lang::kEnglish ? rule : chinese_label(rule));
}

std::string kind_label(const Body& body) {
  const std::string_view kind = body_kind(body);
  return std::string(lang() == Lang::kEnglish ? kind : chinese_label(kind));
}

}  // namespace taizhang::cli

// `taizhang policy`: the register's settings, which are its versioned policy record: shown, or
// changed by a new version the registrar signs (the old versions stay, and each rule applies the
// version in force on its day).
#include <cstdio>

#include "cli/cli.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"

namespace taizhang::cli {

int run_policy(const std::string& dir, const PolicyChange& change, const SheetCommand& writer) {
  const bool changes = change.supervision_phone || change.supervision_unit || change.publicity_days;
  LedgerOptions options;
  options.read_only = !changes;
  Registry registry = Registry::open(dir, options);
  PolicyDefined policy = registry.policy();
  if (changes) {
    if (writer.key_path.empty()) {
      throw_invalid("--key", "",
                    tr("新的政策版本须由 --by 指定的县级登记员签名",
                       "a new policy version is signed by the registrar --by"));
    }
    const Signer signer = load_signer(writer.key_path);
    const Date day = date_or_today(writer.effective, "--effective", registry.ledger());
    ++policy.version;
    policy.effective_from = day;
    if (change.supervision_phone) policy.supervision_phone = *change.supervision_phone;
    if (change.supervision_unit) policy.supervision_unit = *change.supervision_unit;
    if (change.publicity_days) policy.publicity_days = *change.publicity_days;
    registry.submit({{writer.actor, day, {}, &signer, {}}, policy, {}});
  }
  if (writer.json) {
    std::printf(
        "{\"version\": %u, \"effective_from\": \"%s\", \"publicity_days\": %u, "
        "\"supervision_phone\": \"%s\", \"supervision_unit\": \"%s\"}\n",
        policy.version, policy.effective_from.to_string().c_str(), policy.publicity_days,
        json_escape(policy.supervision_phone).c_str(),
        json_escape(policy.supervision_unit).c_str());
    return 0;
  }
  const char* unset = tr("（未设置）", "(not set)");
  std::printf(tr("政策第 %u 版，自 %s 起施行%s\n", "policy version %u, in force from %s%s\n"),
              policy.version, policy.effective_from.to_string().c_str(),
              changes ? tr("（刚刚签署）", " (just signed)") : "");
  std::printf(tr("  公示期          %u 日\n", "  publicity period  %u days\n"),
              policy.publicity_days);
  std::printf(tr("  监督举报电话    %s\n", "  supervision phone %s\n"),
              policy.supervision_phone.empty() ? unset : policy.supervision_phone.c_str());
  std::printf(tr("  受理单位        %s\n", "  answered by       %s\n"),
              policy.supervision_unit.empty() ? unset : policy.supervision_unit.c_str());
  std::printf(tr("  巡查间隔        %u 日\n", "  inspection every  %u days\n"),
              policy.inspection_interval_days);
  std::printf(tr("  年度清查截止    %02u-%02u\n", "  stocktaking by    %02u-%02u\n"),
              policy.stocktaking_by / 100U, policy.stocktaking_by % 100U);
  return 0;
}

}  // namespace taizhang::cli

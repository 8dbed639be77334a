// The register's fold: the one pure function from the log to the views (docs/rules.md).
//
// apply(views, entry, stamp) checks the entry against the views (authorization, references, sums,
// per-class rules) and then updates them. It reads nothing but the views and the entry, so
// replaying the log reproduces the views exactly (Ledger::verify_deep checks that). The
// handlers of each workflow are in the fold_*.cpp files beside this one (applier.h); here are
// the fold itself, the helpers the handlers share, and the asset's state change.
#include "taizhang/register_fold.h"

#include <algorithm>

#include "core/assert.h"
#include "domain/applier.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "taizhang/error.h"

namespace taizhang {
namespace domain {

using namespace model;

void refuse(const std::string& rule, const std::string& detail) {
  throw_error(ErrorKind::kRuleViolation, rule + ": " + detail);
}

void refuse(const std::string& rule, const std::string& detail, const std::string& detail_zh) {
  throw_error(ErrorKind::kRuleViolation, rule + ": " + detail, detail_zh + "（" + rule + "）");
}

PolicyDefined Applier::policy_now() {
  const std::vector<PolicyDefined> policies = policies_in(views_);
  return policy_on(policies, entry_.effective);
}

std::string Applier::county() const {
  auto record = find<RegisterTable>(views_);
  if (!record) {
    throw_error(ErrorKind::kIntegrityError, "the register has no county",
                "台账没有记录所属的县（初始化记录缺失），台账可能已损坏");
  }
  return std::move(record->county_code);
}

// The division must be in the versioned table and valid on `day`.
void Applier::require_division(const std::string& code, Date day, std::string_view field) {
  bool valid = false;
  scan<DivisionsTable>(
      views_,
      [&](const Division& division) {
        valid =
            division.valid_from <= day && (!division.valid_until || day <= *division.valid_until);
        return !valid;
      },
      code);
  if (!valid) {
    refuse(std::string(field), code + " is not a division in force on " + day_text(day),
           "区划代码 " + code + " 在 " + day_text(day) + " 不是有效的行政区划");
  }
}

bool Applier::owns(const Asset& asset, std::uint64_t party) {
  return std::any_of(asset.owners.begin(), asset.owners.end(),
                     [&](const OwnerShare& owner) { return owner.party == party; });
}

void Applier::check_period(Date from, Date until, bool until_required) {
  const bool open = until.days() == 0;
  if (open && until_required) {
    throw_invalid("until", "", "the term needs an end", "期限须有终止日期");
  }
  if (!open && until < from) {
    throw_invalid("until", until.to_string(), "before the start " + from.to_string(),
                  "终止日期早于起始日期 " + from.to_string());
  }
}

// Applies the entry to the asset (advance_asset: a new status, owners or description, or only
// its last entry) and stores it, moving its index entries.
void Applier::advance(Asset& asset) {
  const Asset before = asset;
  advance_asset(asset, entry_, stamp_.sequence);
  store(asset, &before);
}

std::optional<Party> Applier::party(std::uint64_t id) { return find<PartiesTable>(views_, id); }

// A party the views already name (an owner, a plan's owner): its absence is our bug.
Party Applier::existing_party(std::uint64_t id) {
  auto found = party(id);
  TAIZHANG_ASSERT(found, "party " + std::to_string(id) + " is named but not registered");
  return std::move(*found);
}

Asset Applier::existing(std::uint64_t id) {
  auto found = find<AssetsTable>(views_, id);
  if (!found) {
    throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(id),
                "没有编号为 " + std::to_string(id) + " 的资产（asset）");
  }
  Asset asset = std::move(*found);
  if (asset.status == AssetStatus::kDisposed) {
    refuse("disposed", "asset " + asset.code + " is disposed; that is final",
           "资产 " + asset.code + " 已处置，处置不可撤销");
  }
  return asset;
}

// Writes the asset and moves its index entries from `before` (null for a new asset).
void Applier::store(const Asset& asset, const Asset* before) {
  if (before == nullptr) {  // a new asset: its id is the newest of all
    append<AssetsTable>(views_, asset);
    append<AssetEntriesTable>(views_, {asset.id, stamp_.sequence});
  } else {
    put<AssetsTable>(views_, asset);
    put<AssetEntriesTable>(views_, {asset.id, stamp_.sequence});
  }
  if (before == nullptr || before->description.division != asset.description.division) {
    if (before != nullptr) {
      erase<AssetsByDivisionTable>(views_, before->description.division, asset.id);
    }
    put<AssetsByDivisionTable>(views_, {asset.description.division, asset.id});
  }
  if (before != nullptr) {
    for (const OwnerShare& owner : before->owners) {
      erase<AssetsByOwnerTable>(views_, owner.party, asset.id);
    }
  }
  for (const OwnerShare& owner : asset.owners) {
    put<AssetsByOwnerTable>(views_, {owner.party, asset.id});
  }
}

namespace {

// The state change of advance_asset, one body kind at a time.
struct Advance {
  Asset& asset;
  const Entry& entry;
  std::uint64_t sequence;
  void operator()(const AssetRegistered& b) {
    asset.id = sequence;
    asset.code = b.code;
    asset.asset_class = b.asset_class;
    asset.description = b.description;
    asset.description_sequence = sequence;
    asset.status = b.status;
    asset.owners = b.owners;
    asset.registered_sequence = sequence;
    asset.registered = entry.effective;
  }
  void operator()(const AssetStatusChanged& b) { asset.status = b.status; }
  void operator()(const OwnershipConfirmed& b) {
    asset.owners = b.owners;
    if (!b.certificate.empty()) asset.certificate = b.certificate;
  }
  void operator()(const AssetHandedOver& b) {
    asset.owners = b.to;
    if (!b.certificate.empty()) asset.certificate = b.certificate;
  }
  void operator()(const Inspected&) {
    asset.inspected = std::max(asset.inspected, entry.effective);
  }
  void operator()(const AssetCorrected& b) {
    asset.description = b.description;
    asset.description_sequence = sequence;
  }
  void operator()(const DisposalRequested&) {
    asset.status_before_disposal = asset.status;
    asset.status = AssetStatus::kPendingDisposal;
  }
  void operator()(const DisposalStep& b) {
    if (!b.approve) asset.status = asset.status_before_disposal;
  }
  void operator()(const DisposalWithdrawn&) { asset.status = asset.status_before_disposal; }
  void operator()(const DisposalExecuted& b) {
    if (b.owners.empty()) {
      asset.status = AssetStatus::kDisposed;
    } else {  // a correction, or a transfer to receivers in the register: the asset stays
      asset.owners = b.owners;
      asset.status = asset.status_before_disposal;
    }
  }
  template <typename Other>
  void operator()(const Other&) {}
};

class RegisterFold final : public Fold {
 public:
  std::vector<std::string> tables() const override { return view_table_names(); }

  void apply(ViewStore& views, const Entry& entry, const EntryStamp& stamp) const override {
    std::visit(Applier(views, entry, stamp), entry.body);
  }
};

}  // namespace

void advance_asset(Asset& asset, const Entry& entry, std::uint64_t sequence) {
  std::visit(Advance{asset, entry, sequence}, entry.body);
  asset.last_sequence = sequence;
}

}  // namespace domain

std::shared_ptr<const Fold> register_fold() {
  static const auto fold = std::make_shared<const domain::RegisterFold>();
  return fold;
}

}  // namespace taizhang

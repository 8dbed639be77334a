// The Registry facade: requests to entries, through the ledger and the domain fold; reads
// from the views.
#include "taizhang/registry.h"

#include <sodium.h>

#include <map>
#include <tuple>
#include <unordered_map>

#include "domain/records.h"
#include "domain/valuation.h"
#include "taizhang/allocation.h"
#include "taizhang/error.h"

namespace taizhang {

using namespace domain;

struct Registry::Impl {
  explicit Impl(Ledger opened) : ledger(std::move(opened)) {}
  Ledger ledger;

  template <typename T>
  T read(const std::function<T(const ViewStore&)>& reader) const {
    T result{};
    ledger.read_views([&](const ViewStore& views) { result = reader(views); });
    return result;
  }
};

namespace {

LedgerOptions with_fold(LedgerOptions options) {
  options.fold = register_fold();
  return options;
}

Entry entry_of(const RegistryRequest& request) {
  Entry entry;
  entry.actor = request.context.actor;
  entry.effective = request.context.effective;
  entry.request_id = request.context.request_id;
  entry.body = std::visit([](const auto& write) -> Body { return write; }, request.write);
  entry.approvals = request.approvals;
  return entry;
}

AppendRequest to_append(const RegistryRequest& request) {
  const RequestId id =
      request.context.request_id == RequestId{} ? random_request_id() : request.context.request_id;
  return AppendRequest{id, {entry_of(request)}};
}

std::optional<Asset> asset_in(const ViewStore& views, std::uint64_t id) {
  const auto record = views.get(kAssetsTable, Key(id).view());
  if (!record) return std::nullopt;
  return decode_asset(id, *record);
}

}  // namespace

Bytes signing_bytes(const RegistryRequest& request) {
  if (request.context.request_id == RequestId{}) {
    throw_invalid("request_id", "", "a signed request carries its request id");
  }
  return signing_bytes(entry_of(request));
}

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;
Registry::~Registry() = default;

Registry Registry::create(const std::string& directory, const RegisterInfo& info,
                          const Signer& log_key, ByteView registrar_public_key,
                          LedgerOptions options) {
  check_division_code(info.county_code, "county_code");
  if (division_level(info.county_code) != DivisionLevel::kCounty) {
    throw_invalid("county_code", info.county_code, "must name a county (township and village 000)");
  }
  Registry registry(std::make_unique<Impl>(
      Ledger::create(directory, info, log_key, with_fold(std::move(options)))));
  RegistryRequest first;
  first.context.actor = 0;  // the register itself, for this one enrolment
  first.context.effective = registry.ledger().entry(0).effective;
  first.write = ActorKeyEnrolled{1, "county registrar", Role::kCountyRegistrar, info.county_code,
                                 Bytes(registrar_public_key.begin(), registrar_public_key.end())};
  registry.submit(first);
  // Policy version 1: the defaults of DOMAIN.md, in force from the start of time.
  registry.submit(
      {{1, first.context.effective, {}}, default_policy(Date::from_civil(1900, 1, 1)), {}});
  return registry;
}

Registry Registry::open(const std::string& directory, LedgerOptions options) {
  return Registry(std::make_unique<Impl>(Ledger::open(directory, with_fold(std::move(options)))));
}

Ledger& Registry::ledger() { return impl_->ledger; }
const Ledger& Registry::ledger() const { return impl_->ledger; }

std::vector<std::uint64_t> Registry::submit(std::span<const RegistryRequest> requests) {
  std::vector<AppendRequest> appends;
  appends.reserve(requests.size());
  for (const RegistryRequest& request : requests) appends.push_back(to_append(request));
  std::vector<std::uint64_t> sequences;
  for (const AppendOutcome& outcome : impl_->ledger.append_batch(appends)) {
    sequences.push_back(outcome.first_sequence);
  }
  return sequences;
}

void Registry::check(std::span<const RegistryRequest> requests) {
  std::vector<AppendRequest> appends;
  appends.reserve(requests.size());
  for (const RegistryRequest& request : requests) appends.push_back(to_append(request));
  impl_->ledger.check_batch(appends);
}

AppendRequest append_request(const RegistryRequest& request) { return to_append(request); }

std::uint64_t Registry::submit(const RegistryRequest& request) {
  // One request at a time: committed together with other threads' (group commit).
  return impl_->ledger.append(to_append(request)).first_sequence;
}

std::optional<Actor> Registry::find_actor(std::uint64_t id) const {
  return impl_->read<std::optional<Actor>>([&](const ViewStore& views) -> std::optional<Actor> {
    const auto record = views.get(kActorRolesTable, Key(id).view());
    if (!record) return std::nullopt;
    return decode_actor(id, *record);
  });
}

std::optional<Party> Registry::find_party(std::uint64_t id) const {
  return impl_->read<std::optional<Party>>([&](const ViewStore& views) -> std::optional<Party> {
    const auto record = views.get(kPartiesTable, Key(id).view());
    if (!record) return std::nullopt;
    return decode_party(id, *record);
  });
}

std::optional<Asset> Registry::find_asset(std::uint64_t id) const {
  return impl_->read<std::optional<Asset>>(
      [&](const ViewStore& views) { return asset_in(views, id); });
}

Asset Registry::get_asset(std::uint64_t id) const {
  auto asset = find_asset(id);
  if (!asset) throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(id));
  return std::move(*asset);
}

std::optional<Asset> Registry::find_asset_by_code(std::string_view code) const {
  return impl_->read<std::optional<Asset>>([&](const ViewStore& views) -> std::optional<Asset> {
    const auto id = views.get(kAssetCodesTable, as_bytes(code));
    if (!id) return std::nullopt;
    return asset_in(views, read_key_u64(*id, 0));
  });
}

namespace {

// Calls visit(id, record) for every asset matching `filter`, in id order, using the narrowest
// index the filter allows and checking the rest on the record itself.
void scan_assets(const ViewStore& views, const AssetFilter& filter,
                 const std::function<void(std::uint64_t, ByteView)>& visit) {
  auto consider = [&](std::uint64_t id, ByteView record) {
    bool match = true;
    read_asset_record(record, [&](schema::AssetRecord::Reader r) {
      if (filter.asset_class && static_cast<AssetClass>(r.getClass()) != *filter.asset_class) {
        match = false;
      }
      if (filter.status && static_cast<AssetStatus>(r.getStatus()) != *filter.status) {
        match = false;
      }
      const auto division = r.getDescription().getDivision();
      if (!filter.division.empty() &&
          !division_contains(filter.division, std::string_view(division.cStr(), division.size()))) {
        match = false;
      }
      if (filter.owner) {
        bool owned = false;
        for (auto owner : r.getOwners()) owned = owned || owner.getParty() == *filter.owner;
        match = match && owned;
      }
    });
    if (match) visit(id, record);
  };
  // Whether the record must be read to check what the index used does not already guarantee.
  bool check_record = true;
  auto by_id = [&](std::uint64_t id) {
    const auto record = views.get(kAssetsTable, Key(id).view());
    if (!record) return;
    if (check_record) {
      consider(id, *record);
    } else {
      visit(id, *record);
    }
  };
  if (filter.owner) {
    check_record = filter.asset_class || filter.status || !filter.division.empty();
    views.scan(kAssetsByOwnerTable, Key(*filter.owner).view(), [&](ByteView key, ByteView) {
      by_id(read_key_u64(key, 8));
      return true;
    });
  } else if (!filter.division.empty()) {
    // The division index's keys carry the division, so it is checked there; the record only
    // for a class or status.
    check_record = filter.asset_class || filter.status;
    std::vector<std::uint64_t> ids;  // the division index is ordered by division, then id
    views.scan(kAssetsByDivisionTable, as_bytes(division_prefix(filter.division)),
               [&](ByteView key, ByteView) {
                 const std::string_view division(reinterpret_cast<const char*>(key.data()),
                                                 key.size() - 8);
                 if (division_contains(filter.division, division)) {
                   ids.push_back(read_key_u64(key, key.size() - 8));
                 }
                 return true;
               });
    std::sort(ids.begin(), ids.end());
    for (const std::uint64_t id : ids) by_id(id);
  } else {
    views.scan(kAssetsTable, {}, [&](ByteView key, ByteView record) {
      consider(read_key_u64(key, 0), record);
      return true;
    });
  }
}

// Dictionary coding of repeated text, without allocating on a hit.
class Dictionary {
 public:
  explicit Dictionary(std::vector<std::string>& values) : values_(values) {}
  std::uint32_t code(std::string_view text) {
    const auto it = codes_.find(text);
    if (it != codes_.end()) return it->second;
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(text);
    codes_.emplace(values_.back(), code);
    return code;
  }

 private:
  std::vector<std::string>& values_;
  std::map<std::string, std::uint32_t, std::less<>> codes_;
};

std::string_view text_of(capnp::Text::Reader text) { return {text.cStr(), text.size()}; }

}  // namespace

std::vector<Asset> Registry::assets(const AssetFilter& filter) const {
  if (!filter.division.empty()) check_division_code(filter.division, "division");
  return impl_->read<std::vector<Asset>>([&](const ViewStore& views) {
    std::vector<Asset> out;
    scan_assets(views, filter, [&](std::uint64_t id, ByteView record) {
      out.push_back(decode_asset(id, record));
    });
    return out;
  });
}

AssetTable Registry::asset_table(const AssetFilter& filter) const {
  if (!filter.division.empty()) check_division_code(filter.division, "division");
  AssetTable table;
  Dictionary names(table.names), divisions(table.divisions), units(table.units);
  impl_->ledger.read_views([&](const ViewStore& views) {
    scan_assets(views, filter, [&](std::uint64_t id, ByteView record) {
      read_asset_record(record, [&](schema::AssetRecord::Reader r) {
        const auto d = r.getDescription();
        table.id.push_back(id);
        table.code.emplace_back(text_of(r.getCode()));
        table.asset_class.push_back(static_cast<std::uint16_t>(r.getClass()));
        table.status.push_back(static_cast<std::uint16_t>(r.getStatus()));
        table.category.push_back(static_cast<std::uint16_t>(d.getCategory()));
        table.form.push_back(static_cast<std::uint16_t>(d.getForm()));
        table.name.push_back(names.code(text_of(d.getName())));
        table.division.push_back(divisions.code(text_of(d.getDivision())));
        table.unit.push_back(units.code(text_of(d.getUnit())));
        table.original_fen.push_back(d.getOriginalFen());
        table.quantity_milli.push_back(d.getQuantityMilli());
        table.completed_day.push_back(d.getCompletedDay());
        table.registered_day.push_back(r.getRegisteredDay());
        const auto owners = r.getOwners();
        table.owner_count.push_back(owners.size());
        table.first_owner.push_back(owners.size() == 0 ? 0 : owners[0].getParty());
      });
    });
  });
  return table;
}

std::vector<Division> Registry::divisions() const {
  return impl_->read<std::vector<Division>>([&](const ViewStore& views) {
    std::vector<Division> out;
    views.scan(kDivisionsTable, {}, [&](ByteView key, ByteView value) {
      // Key: the 12-digit code, then the first day biased by 2^31; value: the last day (0 while
      // in force, big-endian 4 bytes), then the name.
      Division d;
      d.code.assign(reinterpret_cast<const char*>(key.data()), 12);
      d.valid_from = Date::from_days(
          static_cast<std::int32_t>(std::int64_t(read_key_u64(key, 12)) - (std::int64_t{1} << 31)));
      std::uint32_t until = 0;
      for (std::size_t i = 0; i < 4; ++i) until = until << 8 | value[i];
      if (until != 0) d.valid_until = Date::from_days(static_cast<std::int32_t>(until));
      d.name.assign(reinterpret_cast<const char*>(value.data()) + 4, value.size() - 4);
      out.push_back(std::move(d));
      return true;
    });
    return out;
  });
}

std::vector<Party> Registry::parties() const {
  return impl_->read<std::vector<Party>>([&](const ViewStore& views) {
    std::vector<Party> out;
    views.scan(kPartiesTable, {}, [&](ByteView key, ByteView value) {
      out.push_back(decode_party(read_key_u64(key, 0), value));
      return true;
    });
    return out;
  });
}

std::vector<HistoryItem> Registry::history(std::uint64_t asset) const {
  const auto sequences = impl_->read<std::vector<std::uint64_t>>([&](const ViewStore& views) {
    std::vector<std::uint64_t> out;
    views.scan(kAssetEntriesTable, Key(asset).view(), [&](ByteView key, ByteView) {
      out.push_back(read_key_u64(key, 8));
      return true;
    });
    return out;
  });
  if (sequences.empty())
    throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(asset));
  std::vector<HistoryItem> items;
  for (const std::uint64_t sequence : sequences) {
    Entry entry = impl_->ledger.entry(sequence);
    items.push_back({sequence, entry.recorded_micros, entry.effective, entry.actor,
                     describe_body(entry.body), std::move(entry.body)});
  }
  return items;
}

namespace {

template <typename Include>
Asset replay_asset(const Registry& registry, std::uint64_t id, Include&& include,
                   const std::string& when) {
  Asset asset;
  bool found = false;
  for (const HistoryItem& item : registry.history(id)) {
    Entry entry;
    entry.sequence = item.sequence;
    entry.effective = item.effective;
    if (!include(entry)) continue;
    entry.body = item.body;
    domain::advance_asset(asset, entry);
    found = true;
  }
  if (!found) {
    throw_error(ErrorKind::kNotFound, "asset " + std::to_string(id) + " did not exist " + when);
  }
  return asset;
}

}  // namespace

Asset Registry::asset_as_of_sequence(std::uint64_t asset, std::uint64_t sequence) const {
  return replay_asset(
      *this, asset, [&](const Entry& entry) { return entry.sequence <= sequence; },
      "at entry " + std::to_string(sequence));
}

Asset Registry::asset_as_of_date(std::uint64_t asset, Date day) const {
  return replay_asset(
      *this, asset, [&](const Entry& entry) { return entry.effective <= day; },
      "on " + day.to_string());
}

std::vector<RightHolder> Registry::rights(std::uint64_t asset, Date day) const {
  const Asset current = get_asset(asset);
  std::vector<RightHolder> holders;
  for (const OwnerShare& owner : current.owners) {
    holders.push_back({RightKind::kOwnership, owner.party, owner.share, true});
  }
  bool disposal_bound = false;
  impl_->ledger.read_views([&](const ViewStore& views) {
    views.scan(kAssetRightsTable, Key(asset).view(), [&](ByteView key, ByteView value) {
      const auto right = static_cast<RightKind>(read_key_u64(key, 8));
      const Date from = day_from_key(read_key_u64(key, 16));
      const Date until = day_from_key(unpack(value, 1));
      const bool in_force = from <= day && (until.days() == 0 || day <= until);
      if (in_force) {
        holders.push_back({right, unpack(value, 0), Share::of(1, 1), false});
        disposal_bound = disposal_bound || right == RightKind::kDisposal;
      }
      return true;
    });
  });
  if (!disposal_bound) {
    for (const OwnerShare& owner : current.owners) {
      holders.push_back({RightKind::kDisposal, owner.party, owner.share, true});
    }
  }
  return holders;
}

namespace {

// The body of the entry a one-record view points at (its first field is the sequence).
template <typename Body>
std::optional<Body> pointed_body(const Ledger& ledger, std::string_view table,
                                 std::uint64_t asset) {
  std::optional<std::uint64_t> sequence;
  ledger.read_views([&](const ViewStore& views) {
    if (const auto record = views.get(table, Key(asset).view())) sequence = unpack(*record, 0);
  });
  if (!sequence) return std::nullopt;
  return std::get<Body>(ledger.entry(*sequence).body);
}

}  // namespace

std::optional<OperationContracted> Registry::operation(std::uint64_t asset) const {
  return pointed_body<OperationContracted>(impl_->ledger, kAssetOperationTable, asset);
}

std::optional<MaintenanceBound> Registry::maintenance(std::uint64_t asset) const {
  return pointed_body<MaintenanceBound>(impl_->ledger, kAssetMaintenanceTable, asset);
}

std::vector<InspectionRecord> Registry::inspections(std::uint64_t asset) const {
  return impl_->read<std::vector<InspectionRecord>>([&](const ViewStore& views) {
    std::vector<InspectionRecord> out;
    views.scan(kAssetInspectionsTable, Key(asset).view(), [&](ByteView key, ByteView value) {
      out.push_back({read_key_u64(key, 8), day_from_key(unpack(value, 1)),
                     static_cast<Condition>(unpack(value, 0))});
      return true;
    });
    return out;
  });
}

namespace {}  // namespace

std::vector<Valuation> Registry::valuation(Date as_of) const {
  std::vector<Valuation> out;
  impl_->ledger.read_views([&](const ViewStore& views) {
    std::map<std::uint64_t, std::vector<ValueChange>> changes;
    views.scan(kAssetValuesTable, {}, [&](ByteView key, ByteView record) {
      changes[read_key_u64(key, 0)].push_back(
          {static_cast<ValueChangeKind>(unpack(record, 0)),
           Money::from_fen(static_cast<std::int64_t>(unpack(record, 1))),
           day_from_key(unpack(record, 2))});
      return true;
    });
    std::map<std::uint64_t, PartyKind> kinds;  // owners' kinds decide the regime
    auto kind_of = [&](std::uint64_t party) {
      auto it = kinds.find(party);
      if (it == kinds.end()) {
        const auto record = views.get(kPartiesTable, Key(party).view());
        const PartyKind kind =
            record ? decode_party(party, *record).data.kind : PartyKind::kVillageCollective;
        it = kinds.emplace(party, kind).first;
      }
      return it->second;
    };
    std::map<std::uint64_t, OwnPlan> plans;
    views.scan(kAssetDepreciationTable, {}, [&](ByteView key, ByteView record) {
      OwnPlan& plan = plans[read_key_u64(key, 0)];
      plan.method = static_cast<DepreciationMethod>(unpack(record, 0));
      plan.life_months = static_cast<std::int32_t>(unpack(record, 1));
      plan.residual_rate = Share::of(unpack(record, 2), unpack(record, 3));
      plan.units_total = unpack(record, 4);
      return true;
    });
    views.scan(kAssetUnitsTable, {}, [&](ByteView key, ByteView record) {
      plans[read_key_u64(key, 0)].units.emplace_back(day_from_key(read_key_u64(key, 8)),
                                                     unpack(record, 0));
      return true;
    });
    // Policy versions by effective date; an asset takes the one in force on its completion.
    const std::vector<PolicyDefined> policies = policies_in(views);
    auto policy_for = [&](Date completed) -> const PolicyDefined& {
      return policy_on(policies, completed);
    };
    static const std::vector<ValueChange> kNone;
    out.reserve(views.count(kAssetsTable));
    Asset asset;  // only what the valuation reads is decoded into it, record by record
    views.scan(kAssetsTable, {}, [&](ByteView key, ByteView record) {
      const std::uint64_t first_owner =
          decode_asset_for_valuation(read_key_u64(key, 0), record, asset);
      if (as_of < asset.description.completed) return true;  // it did not exist yet
      // A disposed asset's last entry is its disposal; from then on it has no value here.
      if (asset.status == AssetStatus::kDisposed &&
          impl_->ledger.entry(asset.last_sequence).effective <= as_of) {
        return true;
      }
      const PartyKind owner_kind =
          first_owner == 0 ? PartyKind::kVillageCollective : kind_of(first_owner);
      const auto found = changes.find(asset.id);
      const auto own = plans.find(asset.id);
      out.push_back(value_asset(asset, owner_kind, policy_for(asset.description.completed),
                                own == plans.end() ? nullptr : &own->second,
                                found == changes.end() ? kNone : found->second, as_of));
      return true;
    });
  });
  return out;
}

PolicyDefined Registry::policy(std::optional<std::uint32_t> version) const {
  std::optional<std::uint64_t> sequence;
  impl_->ledger.read_views([&](const ViewStore& views) {
    views.scan(kPoliciesTable, {}, [&](ByteView key, ByteView value) {
      if (!version || read_key_u64(key, 0) == *version) sequence = unpack(value, 0);
      return true;
    });
  });
  if (!sequence) {
    throw_error(ErrorKind::kNotFound, "policy: no version " + (version ? std::to_string(*version)
                                                                       : std::string("at all")));
  }
  return std::get<PolicyDefined>(impl_->ledger.entry(*sequence).body);
}

std::vector<Finding> Registry::audit(Date as_of) const {
  std::vector<Finding> findings;
  impl_->ledger.read_views([&](const ViewStore& views) {
    // One pass over the incomes: the last day each asset earned until (recorded income, not
    // disposal proceeds), and the incomes left unallocated more than 90 days after their period.
    struct Unallocated {
      std::uint64_t income;
      std::int64_t fen;
      Date until;
      bool restricted;
    };
    std::unordered_map<std::uint64_t, Date> earned_until;
    std::unordered_map<std::uint64_t, std::vector<Unallocated>> unallocated;
    views.scan(kIncomesTable, {}, [&](ByteView key, ByteView value) {
      const std::uint64_t asset = unpack(value, 0);
      const Date until = day_from_key(unpack(value, 2));
      const bool restricted = unpack(value, 4) != 0;
      if (!restricted) {
        Date& latest = earned_until[asset];
        latest = std::max(latest, until);
      }
      if (unpack(value, 3) == 0 && as_of.days() - until.days() > 90) {
        unallocated[asset].push_back(
            {read_key_u64(key, 0), static_cast<std::int64_t>(unpack(value, 1)), until, restricted});
      }
      return true;
    });
    views.scan(kAssetsTable, {}, [&](ByteView key, ByteView record) {
      const Asset asset = decode_asset(read_key_u64(key, 0), record);
      auto find = [&](const char* rule, std::string evidence) {
        findings.push_back(
            {rule, asset.id, asset.code, asset.description.division, std::move(evidence)});
      };
      // Income not allocated within 90 days of the end of the period it was earned in (for a
      // disposed asset, its disposal proceeds).
      if (const auto left = unallocated.find(asset.id); left != unallocated.end()) {
        for (const Unallocated& u : left->second) {
          find(u.restricted ? "disposal_proceeds_not_reallocated" : "income_not_allocated",
               "income " + std::to_string(u.income) + " of " +
                   Money::from_fen(u.fen).to_yuan_string() + " yuan earned until " +
                   u.until.to_string() + " is unallocated");
        }
      }
      if (asset.status == AssetStatus::kDisposed || as_of < asset.registered) return true;
      // Ownership and funding, re-checked from the record.
      if (asset.owners.empty()) find("unconfirmed_ownership", "no owners are confirmed");
      std::vector<Share> shares;
      for (const OwnerShare& owner : asset.owners) shares.push_back(owner.share);
      if (!asset.owners.empty() && !shares_sum_to_one(shares)) {
        find("shares_not_one", "the owners' shares do not sum to 1");
      }
      Money funded;
      for (const FundingLine& line : asset.description.funding) funded += line.amount;
      if (funded != asset.description.original) {
        find("funding_mismatch", "sources " + funded.to_yuan_string() + " vs original " +
                                     asset.description.original.to_yuan_string());
      }
      // Maintenance and inspections, for public-welfare and operating assets.
      if (asset.asset_class != AssetClass::kHousehold) {
        const auto binding = views.get(kAssetMaintenanceTable, Key(asset.id).view());
        if (!binding) {
          find("no_maintenance_binding", "no maintenance party or person is bound");
        } else {
          const auto interval = static_cast<std::int32_t>(unpack(*binding, 1));
          Date last = day_from_key(unpack(*binding, 2));
          views.scan(kAssetInspectionsTable, Key(asset.id).view(), [&](ByteView, ByteView value) {
            last = std::max(last, day_from_key(unpack(value, 1)));
            return true;
          });
          const std::int32_t since = as_of.days() - last.days();
          if (since > interval) {
            find("inspection_overdue", "last inspected (or bound) " + last.to_string() + ", " +
                                           std::to_string(since) + " days ago; interval " +
                                           std::to_string(interval));
          }
        }
      }
      // Operating assets: idle, and operation contracts running out.
      if (asset.asset_class == AssetClass::kOperating) {
        const auto earned = earned_until.find(asset.id);
        const Date year_ago = as_of.plus_days(-365);
        if (asset.status == AssetStatus::kIdle || asset.status == AssetStatus::kInefficient) {
          find("operating_asset_idle", "status " + std::string(name_of(asset.status)));
        } else if (asset.description.completed < year_ago &&
                   (earned == earned_until.end() || earned->second < year_ago)) {
          // An operating asset that has earned nothing for twelve months is idle too.
          find("operating_asset_idle", earned == earned_until.end()
                                           ? std::string("no income recorded")
                                           : "no income since " + earned->second.to_string());
        }
        if (const auto operation = views.get(kAssetOperationTable, Key(asset.id).view())) {
          const Date until = day_from_key(unpack(*operation, 2));
          if (until < as_of) {
            find("contract_expired", "operation contract ended " + until.to_string());
          } else if (until.days() - as_of.days() <= 90) {
            find("contract_expiring", "operation contract ends " + until.to_string());
          }
        }
      }
      return true;
    });
    // Allocation results not published within 30 days of the allocation (DOMAIN.md §7).
    views.scan(kAllocationsTable, {}, [&](ByteView key, ByteView value) {
      const Date day = day_from_key(unpack(value, 2));
      if (unpack(value, 3) != 0 || as_of < day || as_of.days() - day.days() <= 30) return true;
      const std::uint64_t id = read_key_u64(key, 0);
      const auto recorded = std::get<AllocationRecorded>(impl_->ledger.entry(id).body);
      const std::uint64_t income = recorded.incomes.front();
      const auto income_record = views.get(kIncomesTable, Key(income).view());
      const auto asset_id = unpack(*income_record, 0);
      const Asset asset = decode_asset(asset_id, *views.get(kAssetsTable, Key(asset_id).view()));
      findings.push_back({"allocation_result_not_published", asset.id, asset.code,
                          asset.description.division,
                          "allocation " + std::to_string(id) + " of " + day.to_string() +
                              " has no notice of its results"});
      return true;
    });
  });
  return findings;
}

std::vector<AllocationRecord> Registry::allocations() const {
  return impl_->read<std::vector<AllocationRecord>>([&](const ViewStore& views) {
    std::vector<AllocationRecord> out;
    views.scan(kAllocationsTable, {}, [&](ByteView key, ByteView value) {
      out.push_back({read_key_u64(key, 0), unpack(value, 0), unpack(value, 1),
                     day_from_key(unpack(value, 2)), unpack(value, 3)});
      return true;
    });
    return out;
  });
}

std::vector<Payment> Registry::allocation(std::uint64_t id) const {
  const Entry entry = impl_->ledger.entry(id);
  const auto* recorded = std::get_if<AllocationRecorded>(&entry.body);
  if (recorded == nullptr) {
    throw_error(ErrorKind::kNotFound, "allocation: entry " + std::to_string(id) + " is not one");
  }
  const auto plan = std::get<PlanApproved>(impl_->ledger.entry(recorded->plan).body);
  return impl_->read<std::vector<Payment>>([&](const ViewStore& views) {
    std::vector<Payment> out;
    views.scan(kAllocationRowsTable, Key(id).view(), [&](ByteView, ByteView row) {
      const auto kind = static_cast<AllocationRow::Kind>(unpack(row, 0));
      const std::size_t line = unpack(row, 1);
      const std::string& name = kind == AllocationRow::Kind::kFixed ? plan.fixed[line].line
                                : kind == AllocationRow::Kind::kGuaranteed
                                    ? plan.guaranteed[line].line
                                    : plan.proportional[line].line;
      out.push_back(
          {name, unpack(row, 2), Money::from_fen(static_cast<std::int64_t>(unpack(row, 3)))});
      return true;
    });
    return out;
  });
}

std::vector<Disposal> Registry::disposals() const {
  return impl_->read<std::vector<Disposal>>([&](const ViewStore& views) {
    std::vector<Disposal> out;
    views.scan(kDisposalsTable, {}, [&](ByteView key, ByteView value) {
      out.push_back(decode_disposal(read_key_u64(key, 0), value));
      return true;
    });
    return out;
  });
}

std::optional<Disposal> Registry::find_disposal(std::uint64_t id) const {
  return impl_->read<std::optional<Disposal>>(
      [&](const ViewStore& views) -> std::optional<Disposal> {
        const auto record = views.get(kDisposalsTable, Key(id).view());
        if (!record) return std::nullopt;
        return decode_disposal(id, *record);
      });
}

std::vector<NoticeRecord> Registry::notices(const std::string& division) const {
  std::vector<std::pair<std::uint64_t, bool>> ids;
  impl_->ledger.read_views([&](const ViewStore& views) {
    views.scan(kNoticesTable, {}, [&](ByteView key, ByteView value) {
      ids.emplace_back(read_key_u64(key, 0), unpack(value, 5) != 0);
      return true;
    });
  });
  std::vector<NoticeRecord> out;
  for (const auto& [id, upheld] : ids) {
    NoticeRecord record{id, std::get<NoticePosted>(impl_->ledger.entry(id).body), upheld};
    if (division.empty() || division_contains(division, record.notice.division)) {
      out.push_back(std::move(record));
    }
  }
  return out;
}

std::vector<Disposal> Registry::pending_approvals(std::uint64_t actor_id) const {
  const auto actor = find_actor(actor_id);
  if (!actor)
    throw_error(ErrorKind::kNotFound, "actor " + std::to_string(actor_id) + " is not enrolled");
  std::vector<Disposal> out;
  for (const Disposal& d : disposals()) {
    if (d.state != Disposal::State::kOpen || d.next_step >= d.chain.size()) continue;
    if (std::find(d.signers.begin(), d.signers.end(), actor_id) != d.signers.end()) continue;
    const auto [kind, village] = d.chain[d.next_step];
    const Asset asset = get_asset(d.asset);
    const std::string division =
        village != 0 ? find_party(village)->data.division : asset.description.division;
    if (may_sign_step(actor->role, kind) && division_contains(actor->jurisdiction, division)) {
      out.push_back(d);
    }
  }
  return out;
}

std::string_view name_of(OwnershipLevel level) {
  constexpr std::string_view kNames[] = {"unconfirmed", "household", "village",
                                         "township",    "county",    "mixed"};
  return kNames[static_cast<std::size_t>(level)];
}

namespace {

OwnershipLevel level_of(PartyKind kind) {
  switch (kind) {
    case PartyKind::kHousehold:
      return OwnershipLevel::kHousehold;
    case PartyKind::kVillageCollective:
    case PartyKind::kVillagerGroup:
      return OwnershipLevel::kVillage;
    case PartyKind::kTownship:
      return OwnershipLevel::kTownship;
    case PartyKind::kCountyDepartment:
    case PartyKind::kPlatformCompany:
      return OwnershipLevel::kCounty;
    default:
      return OwnershipLevel::kMixed;
  }
}

}  // namespace

std::vector<SummaryRow> Registry::summary() const {
  std::map<std::uint64_t, OwnershipLevel> party_levels;
  for (const Party& party : parties()) party_levels[party.id] = level_of(party.data.kind);
  std::map<std::tuple<std::string, int, int>, SummaryRow> groups;
  for (const Asset& asset : assets()) {
    const std::string& division = asset.description.division;
    std::string township = division_level(division) == DivisionLevel::kCounty
                               ? division
                               : division.substr(0, 9) + "000";
    OwnershipLevel level = OwnershipLevel::kUnconfirmed;
    for (const OwnerShare& owner : asset.owners) {
      const OwnershipLevel owner_level = party_levels[owner.party];
      level = level == OwnershipLevel::kUnconfirmed || level == owner_level
                  ? owner_level
                  : OwnershipLevel::kMixed;
    }
    SummaryRow& row =
        groups[{township, static_cast<int>(asset.asset_class), static_cast<int>(level)}];
    row.division = township;
    row.asset_class = asset.asset_class;
    row.level = level;
    ++row.assets;
    row.original += asset.description.original;
  }
  std::vector<SummaryRow> rows;
  for (auto& [key, row] : groups) rows.push_back(std::move(row));
  return rows;
}

void Registry::define_divisions(const WriteContext& context,
                                const std::vector<Division>& divisions) {
  std::vector<RegistryRequest> requests;
  for (const Division& division : divisions) {
    requests.push_back({context,
                        DivisionDefined{division.code, division.name, division.valid_from,
                                        division.valid_until.value_or(Date())},
                        {}});
    requests.back().context.request_id = RequestId{};  // one fresh id per row
  }
  submit(requests);
}

IdentityKey IdentityKey::generate() {
  if (sodium_init() < 0) throw_error(ErrorKind::kIntegrityError, "libsodium failed to initialise");
  IdentityKey key;
  randombytes_buf(key.key_.data(), key.key_.size());
  return key;
}

IdentityKey IdentityKey::from_bytes(ByteView bytes) {
  if (bytes.size() != 32) {
    throw_invalid("identity key", std::to_string(bytes.size()) + " bytes", "must be 32 bytes");
  }
  IdentityKey key;
  std::copy(bytes.begin(), bytes.end(), key.key_.begin());
  return key;
}

IdentityKey IdentityKey::load(const std::string& path) {
  std::string text = read_private_file(path, "identity key");
  const Bytes bytes = from_hex(text, "identity key file");
  sodium_memzero(text.data(), text.size());
  return from_bytes(bytes);
}

void IdentityKey::save(const std::string& path) const {
  std::string text = to_hex(key_) + "\n";
  write_new_file(path, text, 0600);
  sodium_memzero(text.data(), text.size());
}

IdentityKey::~IdentityKey() { sodium_memzero(key_.data(), key_.size()); }

Bytes IdentityKey::hash(std::string_view identity_number, std::string_view field) const {
  check_identity_number(identity_number, field);
  Bytes out(crypto_auth_hmacsha256_BYTES);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state,
                                reinterpret_cast<const unsigned char*>(identity_number.data()),
                                identity_number.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  return out;
}

}  // namespace taizhang

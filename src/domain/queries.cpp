// The register's reads over its views (queries.h). The audit is in audit.cpp.
#include "domain/queries.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/assert.h"
#include "domain/fold.h"
#include "domain/valuation.h"
#include "model/view_records.h"
#include "taizhang/codes.h"
#include "taizhang/error.h"

namespace taizhang::domain {

using namespace model;

namespace {

// Calls visit(id, record) for every asset matching `filter`, in id order, using the narrowest
// index the filter allows and checking the rest on the record itself.
void scan_assets(const ViewStore& views, const AssetFilter& filter,
                 const std::function<void(ByteView key, ByteView record)>& visit) {
  auto consider = [&](ByteView key, ByteView record) {
    bool match = true;
    AssetsTable::read(record, [&](schema::AssetRecord::Reader r) {
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
    if (match) visit(key, record);
  };
  // Whether the record must be read to check what the index used does not already guarantee.
  bool check_record = true;
  auto by_id = [&](std::uint64_t id) {
    const Key key = AssetsTable::key(id);
    const auto record = views.get(AssetsTable::kName, key.view());
    TAIZHANG_ASSERT(record, "an index names asset " + std::to_string(id) + ", which is absent");
    if (check_record) {
      consider(key.view(), *record);
    } else {
      visit(key.view(), *record);
    }
  };
  if (filter.owner) {
    check_record = filter.asset_class || filter.status || !filter.division.empty();
    scan<AssetsByOwnerTable>(
        views,
        [&](const AssetsByOwnerTable::Record& owned) {
          by_id(owned.asset);
          return true;
        },
        *filter.owner);
  } else if (!filter.division.empty()) {
    // The division index's keys carry the division, so it is checked there; the record only
    // for a class or status.
    check_record = filter.asset_class || filter.status;
    std::vector<std::uint64_t> ids;  // the division index is ordered by division, then id
    scan<AssetsByDivisionTable>(
        views,
        [&](const AssetsByDivisionTable::Record& placed) {
          if (division_contains(filter.division, placed.division)) ids.push_back(placed.asset);
          return true;
        },
        division_prefix(filter.division));
    std::sort(ids.begin(), ids.end());
    for (const std::uint64_t id : ids) by_id(id);
  } else {
    views.scan(AssetsTable::kName, {}, [&](ByteView key, ByteView record) {
      consider(key, record);
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

template <typename Table>
std::vector<typename Table::Record> all(const ViewStore& views) {
  std::vector<typename Table::Record> out;
  scan<Table>(views, [&](typename Table::Record record) {
    out.push_back(std::move(record));
    return true;
  });
  return out;
}

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

std::optional<Actor> find_actor(const ViewStore& views, std::uint64_t id) {
  return find<ActorsTable>(views, id);
}

std::optional<Party> find_party(const ViewStore& views, std::uint64_t id) {
  return find<PartiesTable>(views, id);
}

std::optional<Asset> find_asset(const ViewStore& views, std::uint64_t id) {
  return find<AssetsTable>(views, id);
}

std::optional<Asset> find_asset_by_code(const ViewStore& views, std::string_view code) {
  const auto indexed = views.get(AssetCodesTable::kName, AssetCodesTable::key(code));
  if (!indexed) return std::nullopt;
  return find<AssetsTable>(views, AssetCodesTable::decode_asset(*indexed));
}

std::vector<Asset> assets(const ViewStore& views, const AssetFilter& filter) {
  if (!filter.division.empty()) check_division_code(filter.division, "division");
  std::vector<Asset> out;
  scan_assets(views, filter, [&](ByteView key, ByteView record) {
    out.push_back(decode_stored<AssetsTable>(key, record));
  });
  return out;
}

AssetTable asset_table(const ViewStore& views, const AssetFilter& filter) {
  if (!filter.division.empty()) check_division_code(filter.division, "division");
  AssetTable table;
  Dictionary names(table.names), divisions(table.divisions), units(table.units);
  Dictionary certificates(table.certificates), project_ids(table.project_ids);
  scan_assets(views, filter, [&](ByteView key, ByteView record) {
    AssetsTable::read(record, [&](schema::AssetRecord::Reader r) {
      const auto d = r.getDescription();
      table.id.push_back(read_key_u64(key, 0));
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
      table.certificate.push_back(certificates.code(text_of(r.getCertificate())));
      table.project_id.push_back(project_ids.code(text_of(d.getProjectId())));
      table.inspected_day.push_back(r.getInspectedDay());
    });
  });
  return table;
}

AssetTable asset_table_of(const std::vector<Asset>& assets) {
  AssetTable table;
  Dictionary names(table.names), divisions(table.divisions), units(table.units);
  Dictionary certificates(table.certificates), project_ids(table.project_ids);
  for (const Asset& a : assets) {
    table.id.push_back(a.id);
    table.code.push_back(a.code);
    table.asset_class.push_back(static_cast<std::uint16_t>(a.asset_class));
    table.status.push_back(static_cast<std::uint16_t>(a.status));
    table.category.push_back(static_cast<std::uint16_t>(a.description.category));
    table.form.push_back(static_cast<std::uint16_t>(a.description.form));
    table.name.push_back(names.code(a.description.name));
    table.division.push_back(divisions.code(a.description.division));
    table.unit.push_back(units.code(a.description.unit));
    table.original_fen.push_back(a.description.original.fen());
    table.quantity_milli.push_back(a.description.quantity_milli);
    table.completed_day.push_back(a.description.completed.days());
    table.registered_day.push_back(a.registered.days());
    table.owner_count.push_back(static_cast<std::uint32_t>(a.owners.size()));
    table.first_owner.push_back(a.owners.empty() ? 0 : a.owners.front().party);
    table.certificate.push_back(certificates.code(a.certificate));
    table.project_id.push_back(project_ids.code(a.description.project_id));
    table.inspected_day.push_back(a.inspected.days());
  }
  return table;
}

std::vector<Party> parties(const ViewStore& views) { return all<PartiesTable>(views); }

std::vector<Actor> actors(const ViewStore& views) { return all<ActorsTable>(views); }

std::vector<Division> divisions(const ViewStore& views) { return all<DivisionsTable>(views); }

std::vector<std::uint64_t> asset_entries(const ViewStore& views, std::uint64_t asset) {
  std::vector<std::uint64_t> out;
  scan<AssetEntriesTable>(
      views,
      [&](const AssetEntriesTable::Record& entry) {
        out.push_back(entry.sequence);
        return true;
      },
      asset);
  return out;
}

std::vector<RightHolder> rights(const ViewStore& views, std::uint64_t asset_id, Date day) {
  const auto found = find<AssetsTable>(views, asset_id);
  if (!found) {
    throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(asset_id),
                "没有编号为 " + std::to_string(asset_id) + " 的资产（asset）");
  }
  const Asset& asset = *found;
  std::vector<RightHolder> holders;
  for (const OwnerShare& owner : asset.owners) {
    holders.push_back({RightKind::kOwnership, owner.party, owner.share, true});
  }
  bool disposal_bound = false;
  scan<AssetRightsTable>(
      views,
      [&](const AssetRightsTable::Record& bound) {
        const bool in_force = bound.from <= day && (bound.until.days() == 0 || day <= bound.until);
        if (in_force) {
          holders.push_back({bound.right, bound.party, Share::of(1, 1), false});
          disposal_bound = disposal_bound || bound.right == RightKind::kDisposal;
        }
        return true;
      },
      asset.id);
  if (!disposal_bound) {
    for (const OwnerShare& owner : asset.owners) {
      holders.push_back({RightKind::kDisposal, owner.party, owner.share, true});
    }
  }
  return holders;
}

std::optional<std::uint64_t> operation_entry(const ViewStore& views, std::uint64_t asset) {
  const auto record = find<AssetOperationTable>(views, asset);
  if (!record) return std::nullopt;
  return record->sequence;
}

std::optional<std::uint64_t> maintenance_entry(const ViewStore& views, std::uint64_t asset) {
  const auto record = find<AssetMaintenanceTable>(views, asset);
  if (!record) return std::nullopt;
  return record->sequence;
}

std::vector<InspectionRecord> inspections(const ViewStore& views, std::uint64_t asset) {
  std::vector<InspectionRecord> out;
  scan<AssetInspectionsTable>(
      views,
      [&](const AssetInspectionsTable::Record& inspection) {
        out.push_back({inspection.sequence, inspection.day, inspection.condition});
        return true;
      },
      asset);
  return out;
}

std::vector<Valuation> valuation(const ViewStore& views, Date as_of, const EntryLookup& entries) {
  std::vector<Valuation> out;
  std::map<std::uint64_t, std::vector<ValueChange>> changes;
  scan<AssetValuesTable>(views, [&](const AssetValuesTable::Record& change) {
    changes[change.asset].push_back(value_change_of(change));
    return true;
  });
  std::map<std::uint64_t, PartyKind> kinds;  // owners' kinds decide the regime
  auto kind_of = [&](std::uint64_t party) {
    auto it = kinds.find(party);
    if (it == kinds.end()) {
      const auto record = views.get(PartiesTable::kName, PartiesTable::key(party).view());
      const PartyKind kind =
          record ? PartiesTable::decode_kind(*record) : PartyKind::kVillageCollective;
      it = kinds.emplace(party, kind).first;
    }
    return it->second;
  };
  std::map<std::uint64_t, std::vector<Handover>> handovers;
  scan<AssetHandoversTable>(views, [&](const AssetHandoversTable::Record& h) {
    handovers[h.asset].push_back({h.day, h.book_value, h.before});
    return true;
  });
  static const std::vector<Handover> kNoHandover;
  std::map<std::uint64_t, OwnPlan> plans;
  scan<AssetDepreciationTable>(views, [&](const AssetDepreciationTable::Record& plan) {
    plans[plan.asset] = own_plan_of(plan);
    return true;
  });
  scan<AssetUnitsTable>(views, [&](const AssetUnitsTable::Record& units) {
    plans[units.asset].units.emplace_back(units.month, units.units);
    return true;
  });
  // Policy versions by effective date; an asset takes the one in force on its completion.
  const std::vector<PolicyDefined> policies = policies_in(views);
  static const std::vector<ValueChange> kNone;
  out.reserve(count<AssetsTable>(views));
  Asset asset;  // only what the valuation reads is decoded into it, record by record
  views.scan(AssetsTable::kName, {}, [&](ByteView key, ByteView record) {
    std::uint64_t first_owner = 0;
    try {
      first_owner = AssetsTable::decode_for_valuation(key, record, asset);
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::kIntegrityError) throw;
      damaged_record(AssetsTable::kName, error);
    }
    if (as_of < asset.description.completed) return true;  // it did not exist yet
    // A disposed asset's last entry is its disposal; from then on it has no value here.
    if (asset.status == AssetStatus::kDisposed && entries(asset.last_sequence).effective <= as_of) {
      return true;
    }
    const PartyKind owner_kind =
        first_owner == 0 ? PartyKind::kVillageCollective : kind_of(first_owner);
    const auto found = changes.find(asset.id);
    const auto own = plans.find(asset.id);
    const auto handed = handovers.find(asset.id);
    out.push_back(value_asset(asset, owner_kind, policy_on(policies, asset.description.completed),
                              own == plans.end() ? nullptr : &own->second,
                              found == changes.end() ? kNone : found->second, as_of,
                              handed == handovers.end() ? kNoHandover : handed->second));
    return true;
  });
  return out;
}

std::optional<PolicyDefined> policy(const ViewStore& views, std::optional<std::uint32_t> version) {
  if (version) {
    auto record = find<PoliciesTable>(views, *version);
    if (!record) return std::nullopt;
    return std::move(record->policy);
  }
  std::optional<PolicyDefined> latest;
  scan<PoliciesTable>(views, [&](PoliciesTable::Record record) {
    latest = std::move(record.policy);
    return true;
  });
  return latest;
}

std::vector<AllocationRecord> allocations(const ViewStore& views) {
  return all<AllocationsTable>(views);
}

namespace {

// The payments written into an allocated part, with their lines' names and purposes.
void append_payments(const ViewStore& views, const IncomePartsTable::Record& part,
                     std::map<std::uint64_t, PlanApproved>& plans, std::vector<Payment>& out) {
  if (part.allocation == 0) return;
  auto plan_at = plans.find(part.plan);
  if (plan_at == plans.end()) {
    auto stored = find<PlansTable>(views, part.plan);
    TAIZHANG_ASSERT(stored, "a part of income " + std::to_string(part.income) +
                                " names no stored plan " + std::to_string(part.plan));
    plan_at = plans.emplace(part.plan, std::move(stored->plan)).first;
  }
  const PlanApproved& plan = plan_at->second;
  using LineKind = IncomePartsTable::LineKind;
  for (const IncomePartsTable::Row& row : part.rows) {
    const std::size_t lines = row.kind == LineKind::kFixed        ? plan.fixed.size()
                              : row.kind == LineKind::kGuaranteed ? plan.guaranteed.size()
                                                                  : plan.proportional.size();
    TAIZHANG_ASSERT(row.line < lines, "a part of income " + std::to_string(part.income) +
                                          " names line " + std::to_string(row.line) + " of " +
                                          std::to_string(lines));
    Payment payment{part.allocation, part.income, part.owner, part.share, part.plan, "", "",
                    row.payee,       row.amount};
    if (row.kind == LineKind::kFixed) {
      payment.line = plan.fixed[row.line].line;
      payment.purpose = plan.fixed[row.line].purpose;
    } else if (row.kind == LineKind::kGuaranteed) {
      payment.line = plan.guaranteed[row.line].line;
      payment.purpose = "guaranteed_return";
    } else {
      payment.line = plan.proportional[row.line].line;
      payment.purpose = plan.proportional[row.line].purpose;
    }
    out.push_back(std::move(payment));
  }
}

IncomePart part_of(const ViewStore& views, const IncomePartsTable::Record& r) {
  IncomePart part{r.income,     r.asset,      r.owner, r.share, r.amount, r.disposition,
                  r.restricted, r.allocation, r.plan,  {},      {}};
  const auto income = find<IncomesTable>(views, r.income);
  TAIZHANG_ASSERT(income, "a part of no income " + std::to_string(r.income));
  part.from = income->from;
  part.until = income->until;
  return part;
}

}  // namespace

std::vector<Payment> payments(const ViewStore& views, std::uint64_t id) {
  const auto recorded = find<AllocationsTable>(views, id);
  if (!recorded) {
    throw_error(ErrorKind::kNotFound, "allocation: entry " + std::to_string(id) + " is not one",
                "第 " + std::to_string(id) + " 条记录不是收益分配记录（allocation）");
  }
  std::map<std::uint64_t, PlanApproved> plans;
  std::vector<Payment> out;
  for (const auto& [income, owner] : recorded->parts) {
    const auto part = find<IncomePartsTable>(views, income, owner);
    TAIZHANG_ASSERT(part && part->allocation == id,
                    "allocation " + std::to_string(id) + " names a part of income " +
                        std::to_string(income) + " it did not allocate");
    append_payments(views, *part, plans, out);
  }
  return out;
}

// Every part of `income`, or of every income when none.
template <typename Visit>
void scan_parts(const ViewStore& views, std::optional<std::uint64_t> income, Visit&& visit) {
  if (income) {
    scan<IncomePartsTable>(views, visit, *income);
  } else {
    scan<IncomePartsTable>(views, visit);
  }
}

std::vector<Payment> payments_of(const ViewStore& views, std::optional<std::uint64_t> income,
                                 std::optional<std::uint64_t> owner) {
  std::map<std::uint64_t, PlanApproved> plans;
  std::vector<Payment> out;
  scan_parts(views, income, [&](const IncomePartsTable::Record& part) {
    if (!owner || part.owner == *owner) append_payments(views, part, plans, out);
    return true;
  });
  return out;
}

std::vector<IncomePart> income_parts(const ViewStore& views, std::optional<std::uint64_t> income) {
  std::vector<IncomePart> out;
  scan_parts(views, income, [&](const IncomePartsTable::Record& part) {
    out.push_back(part_of(views, part));
    return true;
  });
  return out;
}

std::vector<Disposal> disposals(const ViewStore& views) { return all<DisposalsTable>(views); }

std::optional<Disposal> find_disposal(const ViewStore& views, std::uint64_t id) {
  return find<DisposalsTable>(views, id);
}

std::vector<NoticeRecord> notices(const ViewStore& views, const std::string& division,
                                  const EntryLookup& entries) {
  std::vector<NoticeRecord> out;
  scan<NoticesTable>(views, [&](const NoticesTable::Record& notice) {
    if (division.empty() || division_contains(division, notice.board)) {
      out.push_back({notice.id, std::get<NoticePosted>(entries(notice.id).body), notice.upheld});
    }
    return true;
  });
  return out;
}

std::vector<Disposal> pending_approvals(const ViewStore& views, std::uint64_t actor_id) {
  const auto actor = find<ActorsTable>(views, actor_id);
  if (!actor) {
    throw_error(ErrorKind::kNotFound, "actor " + std::to_string(actor_id) + " is not enrolled",
                "人员 " + std::to_string(actor_id) + " 未登记为经办人员");
  }
  std::vector<Disposal> out;
  for (const Disposal& d : disposals(views)) {
    if (d.state != Disposal::State::kOpen || d.next_step >= d.chain.size()) continue;
    if (std::find(d.signers.begin(), d.signers.end(), actor_id) != d.signers.end()) continue;
    const auto [kind, village] = d.chain[d.next_step];
    std::string division;
    if (village != 0) {
      const auto party = find<PartiesTable>(views, village);
      TAIZHANG_ASSERT(
          party, "disposal " + std::to_string(d.id) + " names no party " + std::to_string(village));
      division = party->data.division;
    } else {
      const auto asset = find<AssetsTable>(views, d.asset);
      TAIZHANG_ASSERT(
          asset, "disposal " + std::to_string(d.id) + " names no asset " + std::to_string(d.asset));
      division = asset->description.division;
    }
    if (may_sign_step(actor->role, kind) && division_contains(actor->jurisdiction, division)) {
      out.push_back(d);
    }
  }
  return out;
}

std::vector<SummaryRow> summary(const ViewStore& views) {
  std::map<std::uint64_t, OwnershipLevel> party_levels;
  views.scan(PartiesTable::kName, {}, [&](ByteView key, ByteView value) {
    party_levels[read_key_u64(key, 0)] = level_of(PartiesTable::decode_kind(value));
    return true;
  });
  std::map<std::tuple<std::string, int, int>, SummaryRow> groups;
  scan<AssetsTable>(views, [&](const Asset& asset) {
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
    return true;
  });
  std::vector<SummaryRow> rows;
  for (auto& [key, row] : groups) rows.push_back(std::move(row));
  return rows;
}

}  // namespace taizhang::domain

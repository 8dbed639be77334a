// The register's reads: what the views say about actors, parties, assets, their rights,
// values, disposals, allocations and notices, and the audit. Each query reads the views it is
// given (one read transaction's snapshot) and, where a view points at an entry, the log through
// `entries`. The Registry facade delegates every read here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/codes.h"
#include "taizhang/entry.h"
#include "taizhang/records.h"
#include "taizhang/views.h"

namespace taizhang::domain {

// The entry at a sequence number (NotFound past the end).
using EntryLookup = std::function<Entry(std::uint64_t sequence)>;

std::optional<Actor> find_actor(const ViewStore& views, std::uint64_t id);
std::optional<Party> find_party(const ViewStore& views, std::uint64_t id);
std::optional<Asset> find_asset(const ViewStore& views, std::uint64_t id);
std::optional<Asset> find_asset_by_code(const ViewStore& views, std::string_view code);
// REQUIRES: filter.division, if given, is a valid division code (InvalidInput otherwise).
std::vector<Asset> assets(const ViewStore& views, const AssetFilter& filter);
AssetTable asset_table(const ViewStore& views, const AssetFilter& filter);
// The same columns for assets already decoded (as they stood on some day).
AssetTable asset_table_of(const std::vector<Asset>& assets);
std::vector<Party> parties(const ViewStore& views);
std::vector<Actor> actors(const ViewStore& views);
std::vector<Division> divisions(const ViewStore& views);
// The sequence numbers of every entry about the asset, in order (empty if there is no asset).
std::vector<std::uint64_t> asset_entries(const ViewStore& views, std::uint64_t asset);
// The holders of every right of the asset (as it stands now) on `day`; NotFound if none.
std::vector<RightHolder> rights(const ViewStore& views, std::uint64_t asset_id, Date day);
// The entries of the asset's current operation contract and maintenance binding, if any.
std::optional<std::uint64_t> operation_entry(const ViewStore& views, std::uint64_t asset);
std::optional<std::uint64_t> maintenance_entry(const ViewStore& views, std::uint64_t asset);
std::vector<InspectionRecord> inspections(const ViewStore& views, std::uint64_t asset);
std::vector<Valuation> valuation(const ViewStore& views, Date as_of, const EntryLookup& entries);
// The policy version `version` (the latest if none), if there is one.
std::optional<PolicyDefined> policy(const ViewStore& views, std::optional<std::uint32_t> version);
std::vector<Finding> audit(const ViewStore& views, Date as_of);
std::vector<AllocationRecord> allocations(const ViewStore& views);
// The payments of allocation `id`, part by part in plan order; NotFound if it is not one.
std::vector<Payment> payments(const ViewStore& views, std::uint64_t id);
// Every payment from the parts of `income` (all incomes when none) of `owner` (all when none),
// by income, owner, then plan order.
std::vector<Payment> payments_of(const ViewStore& views, std::optional<std::uint64_t> income,
                                 std::optional<std::uint64_t> owner);
// The owners' parts of `income` (of every income when none), by income then owner.
std::vector<IncomePart> income_parts(const ViewStore& views, std::optional<std::uint64_t> income);
std::vector<Disposal> disposals(const ViewStore& views);
std::optional<Disposal> find_disposal(const ViewStore& views, std::uint64_t id);
// Notices on boards within `division` (all when empty), in order.
std::vector<NoticeRecord> notices(const ViewStore& views, const std::string& division,
                                  const EntryLookup& entries);
// Open disposals whose next step `actor` may sign. NotFound if the actor is not enrolled.
std::vector<Disposal> pending_approvals(const ViewStore& views, std::uint64_t actor);
std::vector<SummaryRow> summary(const ViewStore& views);

}  // namespace taizhang::domain

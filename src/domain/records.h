// View records of the register and their keys: encoded as Cap'n Proto (views.capnp) in a layout
// fixed by the encoders, so equal state is equal bytes and replay can be compared byte for byte.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

#include "taizhang/registry.h"
#include "taizhang/views.capnp.h"

namespace taizhang::domain {

// View tables (DESIGN.md §4).
inline constexpr std::string_view kRegisterTable = "register";           // "county" -> code
inline constexpr std::string_view kDivisionsTable = "divisions";         // code+from -> name,until
inline constexpr std::string_view kActorRolesTable = "actor_roles";      // id -> ActorRecord
inline constexpr std::string_view kPartiesTable = "parties";             // id -> PartyRecord
inline constexpr std::string_view kPartyCodesTable = "party_codes";      // credit code -> id
inline constexpr std::string_view kPartyPersonsTable = "party_persons";  // person hash -> id
inline constexpr std::string_view kAssetsTable = "assets";               // id -> AssetRecord
inline constexpr std::string_view kAssetCodesTable = "asset_codes";      // code -> id
inline constexpr std::string_view kAssetsByDivisionTable = "assets_by_division";  // div+id
inline constexpr std::string_view kAssetsByOwnerTable = "assets_by_owner";        // party+id
inline constexpr std::string_view kAssetEntriesTable = "asset_entries";           // id+seq
inline constexpr std::string_view kAssetRightsTable = "asset_rights";  // id+right+from -> bound
inline constexpr std::string_view kAssetOperationTable = "asset_operation";  // id -> seq,mode,until
inline constexpr std::string_view kAssetMaintenanceTable =
    "asset_maintenance";  // id -> seq,days,from
inline constexpr std::string_view kAssetInspectionsTable = "asset_inspections";  // id+seq -> c,day
inline constexpr std::string_view kAssetValuesTable = "asset_values";  // id+seq -> kind,amount,day
inline constexpr std::string_view kAssetDepreciationTable = "asset_depreciation";  // id -> plan
inline constexpr std::string_view kAssetUnitsTable = "asset_units";  // id+month -> units
inline constexpr std::string_view kPoliciesTable = "policies";       // version -> seq, day, entry
inline constexpr std::string_view kDisposalsTable = "disposals";     // request id -> record
inline constexpr std::string_view kDisposalProceedsTable = "disposal_proceeds";  // request -> fen
inline constexpr std::string_view kIncomesTable = "incomes";  // id -> asset, fen, until, allocation
inline constexpr std::string_view kBeneficiariesTable = "beneficiaries";  // list\0party -> weight
inline constexpr std::string_view kPlansTable = "plans";  // id -> owner, the plan's entry bytes
inline constexpr std::string_view kAllocationRowsTable = "allocation_rows";  // id+row -> row
inline constexpr std::string_view kAllocationsTable = "allocations";  // id -> plan, day, notice
inline constexpr std::string_view kResolutionsTable = "resolutions";  // id -> village, subject..
inline constexpr std::string_view kNoticesTable = "notices";  // id -> subject, id, board, days..
inline constexpr std::string_view kNoticesBySubjectTable = "notices_by_subject";  // s+id+notice

// A view key built in place (no allocation): big-endian u64 parts and short text.
class Key {
 public:
  explicit Key(std::uint64_t value);
  Key(std::uint64_t first, std::uint64_t second);
  Key(std::string_view text, std::uint64_t value);
  Key(std::uint64_t first, std::uint64_t second, std::uint64_t third);
  ByteView view() const { return {bytes_.data(), size_}; }

 private:
  void append(std::uint64_t value);
  std::array<std::uint8_t, 96> bytes_{};
  std::size_t size_ = 0;
};
std::uint64_t read_key_u64(ByteView bytes, std::size_t at);

// Days as an unsigned key part that sorts like the date.
inline std::uint64_t day_key(Date day) {
  return std::uint64_t(std::int64_t{day.days()} + (std::int64_t{1} << 31));
}
inline Date day_from_key(std::uint64_t key) {
  return Date::from_days(static_cast<std::int32_t>(std::int64_t(key) - (std::int64_t{1} << 31)));
}

// Small fixed records: a sequence of big-endian u64 fields.
Bytes pack(std::initializer_list<std::uint64_t> fields);
std::uint64_t unpack(ByteView record, std::size_t index);

Bytes encode_actor(const Actor& actor);
Actor decode_actor(std::uint64_t id, ByteView bytes);
Bytes encode_party(const Party& party, std::uint64_t registered_sequence);
Party decode_party(std::uint64_t id, ByteView bytes);
PartyKind decode_party_kind(ByteView bytes);  // the kind alone, without the texts
Bytes encode_asset(const Asset& asset);
Bytes encode_disposal(const Disposal& disposal);
Disposal decode_disposal(std::uint64_t id, ByteView bytes);
// Calls `visit` with a zero-copy reader of the record, valid only during the call; for scans that
// take a few fields of many records without decoding each into an Asset.
void read_asset_record(ByteView bytes,
                       const std::function<void(schema::AssetRecord::Reader record)>& visit);
Asset decode_asset(std::uint64_t id, ByteView bytes);
// Decodes into `asset` only what a valuation reads (id, status, last sequence, category,
// completion, original value, use-right years) and returns the first owner (0 if none); the
// other members are left as they were. A pass over every asset allocates nothing per record.
std::uint64_t decode_asset_for_valuation(std::uint64_t id, ByteView bytes, Asset& asset);

}  // namespace taizhang::domain

namespace taizhang::domain {

// The pure state transition of an asset under one of its entries (registration, status change,
// ownership, correction); the fold calls it after checking the rules, and as-of queries replay
// an asset's history through it. Other bodies leave the asset as it is.
void advance_asset(Asset& asset, const Entry& entry);

// Which roles sign which step of a disposal chain (DOMAIN.md §5); jurisdiction is separate.
bool may_sign_step(Role role, DisposalStepKind kind);

}  // namespace taizhang::domain

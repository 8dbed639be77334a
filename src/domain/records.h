// View records of the register and their keys: encoded as Cap'n Proto (views.capnp) in
// canonical form, so equal state is equal bytes and replay can be compared byte for byte.
#pragma once

#include <cstdint>
#include <string_view>

#include "taizhang/registry.h"

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

struct Key {
  explicit Key(std::uint64_t value);
  Key(std::uint64_t first, std::uint64_t second);
  Key(std::string_view text, std::uint64_t value);
  ByteView view() const { return {bytes.data(), bytes.size()}; }
  Bytes bytes;
};
std::uint64_t read_key_u64(ByteView bytes, std::size_t at);

Bytes encode_actor(const Actor& actor);
Actor decode_actor(std::uint64_t id, ByteView bytes);
Bytes encode_party(const Party& party, std::uint64_t registered_sequence);
Party decode_party(std::uint64_t id, ByteView bytes);
Bytes encode_asset(const Asset& asset);
Asset decode_asset(std::uint64_t id, ByteView bytes);

}  // namespace taizhang::domain

namespace taizhang::domain {

// The pure state transition of an asset under one of its entries (registration, status change,
// ownership, correction); the fold calls it after checking the rules, and as-of queries replay
// an asset's history through it. Other bodies leave the asset as it is.
void advance_asset(Asset& asset, const Entry& entry);

}  // namespace taizhang::domain

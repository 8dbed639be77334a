// Entry bodies to and from their Cap'n Proto structs (the envelope is entry_codec.cpp's).
#pragma once

#include <string>

#include "taizhang/entry.capnp.h"
#include "taizhang/entry.h"

namespace taizhang::internal {

// Checks what encoding can check on its own (lengths, code shapes, non-empty names) and fills
// `out`. Throws InvalidInput naming the field.
void write_body(const Body& body, schema::Entry::Body::Builder out);
// Throws IntegrityError for an unknown body kind or enumerant.
Body read_body(schema::Entry::Body::Reader in);

// The parts that view records share with entries.
void write_description(const AssetDescription& description, schema::AssetDescription::Builder out);
AssetDescription read_description(schema::AssetDescription::Reader in);
void write_owners(const std::vector<OwnerShare>& owners,
                  capnp::List<schema::OwnerShare>::Builder out);
std::vector<OwnerShare> read_owners(capnp::List<schema::OwnerShare>::Reader in);
void write_party(const PartyRegistered& party, schema::PartyRegistered::Builder out);
PartyRegistered read_party(schema::PartyRegistered::Reader in);

[[noreturn]] void malformed(const std::string& reason);  // IntegrityError "malformed entry: ..."

// Reads a persisted enumerant, refusing (IntegrityError) one this build does not know.
template <typename To, typename From>
To read_enum(From value, To last, const char* what) {
  const auto number = static_cast<std::uint16_t>(value);
  if (number > static_cast<std::uint16_t>(last)) {
    malformed(std::string("unknown ") + what + " " + std::to_string(number));
  }
  return static_cast<To>(number);
}

}  // namespace taizhang::internal

// The canonical Cap'n Proto encoding of entries, and its strict decoding.
#include "ledger/entry_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <cstring>

#include "taizhang/entry.capnp.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

constexpr std::size_t kTextMax = 1024;
constexpr std::size_t kApprovalsMax = 64;
constexpr std::string_view kRoleNames[] = {"county_registrar",
                                           "county_rural_revitalization",
                                           "county_finance",
                                           "county_government",
                                           "sector_department",
                                           "township_government",
                                           "village_committee",
                                           "village_assembly",
                                           "household",
                                           "operator",
                                           "auditor"};

void check_text(std::string_view field, std::string_view value) {
  if (value.empty()) throw_invalid(field, value, "may not be empty");
  if (value.size() > kTextMax) throw_invalid(field, value, "longer than 1024 bytes");
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) throw_invalid(field, value, "control character");
  }
}

void check_division_code(std::string_view field, std::string_view value) {
  bool ok = value.size() == 12;
  for (char c : value) ok = ok && c >= '0' && c <= '9';
  if (!ok) throw_invalid(field, value, "a division code is exactly 12 digits");
}

void check_length(std::string_view field, ByteView value, std::size_t expected) {
  if (value.size() != expected) {
    throw_invalid(field, std::to_string(value.size()) + " bytes",
                  "must be exactly " + std::to_string(expected) + " bytes");
  }
}

kj::ArrayPtr<const kj::byte> as_capnp(ByteView bytes) { return {bytes.data(), bytes.size()}; }
Bytes from_capnp(capnp::Data::Reader data) { return Bytes(data.begin(), data.end()); }
std::string from_capnp(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

void fill_body(const Body& body, schema::Entry::Body::Builder out) {
  if (const auto* init = std::get_if<RegisterInitialized>(&body)) {
    check_division_code("county_code", init->county_code);
    check_text("county_name", init->county_name);
    check_text("origin", init->origin);
    check_length("log_public_key", init->log_public_key, kPublicKeySize);
    auto builder = out.initRegisterInitialized();
    builder.setFormatVersion(init->format_version);
    builder.setCountyCode(init->county_code);
    builder.setCountyName(init->county_name);
    builder.setOrigin(init->origin);
    builder.setLogPublicKey(as_capnp(init->log_public_key));
  } else if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&body)) {
    if (enrolled->actor == 0) throw_invalid("actor", "0", "actor ids start at 1");
    check_text("name", enrolled->name);
    check_division_code("jurisdiction", enrolled->jurisdiction);
    check_length("public_key", enrolled->public_key, kPublicKeySize);
    if (static_cast<std::uint16_t>(enrolled->role) > kRoleMax) {
      throw_invalid("role", std::to_string(static_cast<unsigned>(enrolled->role)), "unknown role");
    }
    auto builder = out.initActorKeyEnrolled();
    builder.setActor(enrolled->actor);
    builder.setName(enrolled->name);
    builder.setRole(static_cast<schema::Role>(enrolled->role));
    builder.setJurisdiction(enrolled->jurisdiction);
    builder.setPublicKey(as_capnp(enrolled->public_key));
  }
}

}  // namespace

namespace internal {

void encode_entry_into(const Entry& entry, const Stamp& stamp, Bytes& out) {
  out.clear();
  append_entry_encoding(entry, stamp, out);
}

void patch_stamp(std::span<std::uint8_t> bytes, std::uint64_t sequence,
                 std::int64_t recorded_micros) {
  auto write = [&](std::size_t offset, std::uint64_t value) {
    for (std::size_t i = 0; i < 8; ++i)
      bytes[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
  };
  write(kSequenceOffset, sequence);
  write(kRecordedMicrosOffset, static_cast<std::uint64_t>(recorded_micros));
}

void append_entry_encoding(const Entry& entry, const Stamp& stamp, Bytes& out) {
  if (entry.approvals.size() > kApprovalsMax) {
    throw_invalid("approvals", std::to_string(entry.approvals.size()), "more than 64 approvals");
  }
  // The builder's first segment comes from a per-thread scratch area, zeroed again after use,
  // so building an entry allocates only when the entry is unusually large.
  constexpr std::size_t kScratchWords = 256;
  thread_local capnp::word scratch[kScratchWords];
  struct Rezero {
    ~Rezero() { std::memset(scratch, 0, sizeof scratch); }
  } rezero;
  capnp::MallocMessageBuilder message(kj::arrayPtr(scratch, kScratchWords));
  auto root = message.initRoot<schema::Entry>();
  root.setSequence(stamp.sequence);
  root.setRecordedMicros(stamp.recorded_micros);
  root.setEffectiveDay(entry.effective.days());
  root.setActor(entry.actor);
  root.setRequestId(as_capnp(*stamp.request_id));
  fill_body(entry.body, root.initBody());
  if (stamp.with_approvals && !entry.approvals.empty()) {
    auto approvals = root.initApprovals(static_cast<unsigned>(entry.approvals.size()));
    for (unsigned i = 0; i < entry.approvals.size(); ++i) {
      check_length("approvals[" + std::to_string(i) + "].signature", entry.approvals[i].signature,
                   kSignatureSize);
      approvals[i].setSigner(entry.approvals[i].signer);
      approvals[i].setSignature(as_capnp(entry.approvals[i].signature));
    }
  }
  const kj::Array<capnp::word> words = capnp::canonicalize(root.asReader());
  const auto bytes = words.asBytes();
  out.insert(out.end(), bytes.begin(), bytes.end());
}

std::uint64_t read_stamp_field(ByteView bytes, std::size_t offset) {
  std::uint64_t value = 0;
  if (bytes.size() < offset + 8) return 0;
  for (std::size_t i = offset + 8; i-- > offset;) value = value << 8 | bytes[i];
  return value;
}

}  // namespace internal

namespace {

[[noreturn]] void malformed(const std::string& reason) {
  throw_error(ErrorKind::kIntegrityError, "malformed entry: " + reason);
}

Body read_body(schema::Entry::Body::Reader body) {
  switch (body.which()) {
    case schema::Entry::Body::REGISTER_INITIALIZED: {
      auto in = body.getRegisterInitialized();
      return RegisterInitialized{in.getFormatVersion(), from_capnp(in.getCountyCode()),
                                 from_capnp(in.getCountyName()), from_capnp(in.getOrigin()),
                                 from_capnp(in.getLogPublicKey())};
    }
    case schema::Entry::Body::ACTOR_KEY_ENROLLED: {
      auto in = body.getActorKeyEnrolled();
      const auto role = static_cast<std::uint16_t>(in.getRole());
      if (role > kRoleMax) malformed("unknown role " + std::to_string(role));
      return ActorKeyEnrolled{in.getActor(), from_capnp(in.getName()), static_cast<Role>(role),
                              from_capnp(in.getJurisdiction()), from_capnp(in.getPublicKey())};
    }
  }
  malformed("unknown body kind " + std::to_string(static_cast<unsigned>(body.which())));
}

}  // namespace

std::string_view role_name(Role role) {
  const auto index = static_cast<std::uint16_t>(role);
  return index <= kRoleMax ? kRoleNames[index] : "unknown";
}

Role parse_role(std::string_view text, std::string_view field) {
  for (std::uint16_t i = 0; i <= kRoleMax; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  throw_invalid(field, text, "unknown role (county_registrar, village_committee, auditor, ...)");
}

Bytes encode_entry(const Entry& entry) {
  Bytes out;
  internal::encode_entry_into(
      entry, {entry.sequence, entry.recorded_micros, &entry.request_id, true}, out);
  return out;
}

Bytes signing_bytes(const Entry& entry) {
  Bytes out;
  internal::encode_entry_into(entry, {0, 0, &entry.request_id, false}, out);
  return out;
}

Entry decode_entry(ByteView bytes) {
  constexpr std::size_t kEntryMax = 1 << 20;
  if (bytes.empty() || bytes.size() % sizeof(capnp::word) != 0 || bytes.size() > kEntryMax) {
    malformed("length " + std::to_string(bytes.size()) + " is not a whole number of words");
  }
  // LMDB values are not word-aligned; Cap'n Proto reads words, so copy into aligned storage.
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  kj::ArrayPtr<const capnp::word> segments[1] = {words.asPtr()};
  try {
    capnp::SegmentArrayMessageReader message(kj::arrayPtr(segments, 1));
    if (!message.isCanonical()) malformed("not in canonical form");
    auto root = message.getRoot<schema::Entry>();
    Entry entry;
    entry.sequence = root.getSequence();
    entry.recorded_micros = root.getRecordedMicros();
    entry.effective = Date::from_days(root.getEffectiveDay(), "effective_day");
    entry.actor = root.getActor();
    const auto request_id = root.getRequestId();
    if (request_id.size() != kRequestIdSize) malformed("request id is not 16 bytes");
    std::memcpy(entry.request_id.data(), request_id.begin(), kRequestIdSize);
    entry.body = read_body(root.getBody());
    for (auto approval : root.getApprovals()) {
      entry.approvals.push_back({approval.getSigner(), from_capnp(approval.getSignature())});
    }
    // Round trip: anything encode_entry would not produce byte for byte is refused.
    if (encode_entry(entry) != Bytes(bytes.begin(), bytes.end())) malformed("not canonical");
    return entry;
  } catch (const kj::Exception& exception) {
    malformed(exception.getDescription().cStr());
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::kIntegrityError) throw;
    malformed(error.what());
  }
}

std::string describe_body(const Body& body) {
  if (const auto* init = std::get_if<RegisterInitialized>(&body)) {
    return "register initialised: " + init->county_name + " (" + init->county_code + "), origin " +
           init->origin;
  }
  const auto& enrolled = std::get<ActorKeyEnrolled>(body);
  return "actor " + std::to_string(enrolled.actor) + " enrolled: " + enrolled.name + ", " +
         std::string(role_name(enrolled.role)) + " of " + enrolled.jurisdiction;
}

}  // namespace taizhang

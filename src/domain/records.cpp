// View records to and from Cap'n Proto.
#include "domain/records.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/body_codec.h"
#include "taizhang/error.h"
#include "taizhang/views.capnp.h"

namespace taizhang::domain {
namespace {

void append_u64(Bytes& out, std::uint64_t value) {
  std::uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
  out.insert(out.end(), bytes, bytes + 8);
}

// View records are stored as the builder lays them out, not canonicalized. The layout depends
// only on the order of the setters, which this file fixes, and on the values, so equal state
// still gives equal bytes, and replay (verify_deep) can compare them byte for byte. The first
// segment is a per-thread scratch area zeroed again after use; a record too large for it spills
// into more segments and is then flattened by canonicalization, which is deterministic too.
class RecordMessage {
 public:
  RecordMessage() : owns_scratch_(!scratch_in_use_) {
    if (owns_scratch_) {
      scratch_in_use_ = true;
      message_.emplace(kj::arrayPtr(scratch_, kScratchWords));
    } else {
      message_.emplace(kScratchWords);  // a record built inside another: its own memory
    }
  }
  ~RecordMessage() {
    message_.reset();
    if (owns_scratch_) {
      std::memset(scratch_, 0, sizeof scratch_);
      scratch_in_use_ = false;
    }
  }
  RecordMessage(const RecordMessage&) = delete;
  RecordMessage& operator=(const RecordMessage&) = delete;

  template <typename Record>
  typename Record::Builder init() {
    return message_->initRoot<Record>();
  }

  template <typename Record>
  Bytes bytes() {
    const auto segments = message_->getSegmentsForOutput();
    if (segments.size() == 1) {
      const auto flat = segments[0].asBytes();
      return Bytes(flat.begin(), flat.end());
    }
    const kj::Array<capnp::word> words =
        capnp::canonicalize(message_->getRoot<Record>().asReader());
    const auto flat = words.asBytes();
    return Bytes(flat.begin(), flat.end());
  }

 private:
  static constexpr std::size_t kScratchWords = 512;
  static thread_local capnp::word scratch_[kScratchWords];
  static thread_local bool scratch_in_use_;
  const bool owns_scratch_;
  std::optional<capnp::MallocMessageBuilder> message_;
};

thread_local capnp::word RecordMessage::scratch_[RecordMessage::kScratchWords];
thread_local bool RecordMessage::scratch_in_use_ = false;

// Reads a record stored by this module. LMDB values are not word-aligned, so they are copied.
template <typename Record, typename Read>
auto read_record(ByteView bytes, Read&& read) {
  if (bytes.size() % sizeof(capnp::word) != 0) {
    throw_error(ErrorKind::kIntegrityError,
                "view record of " + std::to_string(bytes.size()) + " bytes is not whole words");
  }
  // A per-thread buffer that only grows: decoding a record allocates nothing for the copy.
  thread_local kj::Array<capnp::word> words;
  const std::size_t count = bytes.size() / sizeof(capnp::word);
  if (words.size() < count) words = kj::heapArray<capnp::word>(std::max<std::size_t>(count, 64));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  kj::ArrayPtr<const capnp::word> segments[1] = {words.slice(0, count)};
  try {
    capnp::SegmentArrayMessageReader message(kj::arrayPtr(segments, 1));
    return read(message.getRoot<Record>());
  } catch (const kj::Exception& exception) {
    throw_error(ErrorKind::kIntegrityError,
                std::string("damaged view record: ") + exception.getDescription().cStr());
  }
}

std::string text_of(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

}  // namespace

void Key::append(std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    bytes_[size_++] = static_cast<std::uint8_t>(value >> shift);
  }
}

Key::Key(std::uint64_t value) { append(value); }

Key::Key(std::uint64_t first, std::uint64_t second) {
  append(first);
  append(second);
}

Key::Key(std::string_view text, std::uint64_t value) {
  if (text.size() > bytes_.size() - 8) throw_invalid("key", text, "longer than 88 bytes");
  std::memcpy(bytes_.data(), text.data(), text.size());
  size_ = text.size();
  append(value);
}

Key::Key(std::uint64_t first, std::uint64_t second, std::uint64_t third) {
  append(first);
  append(second);
  append(third);
}

Bytes pack(std::initializer_list<std::uint64_t> fields) {
  Bytes out(fields.size() * 8);
  std::size_t at = 0;
  for (std::uint64_t field : fields) {
    for (int shift = 56; shift >= 0; shift -= 8)
      out[at++] = static_cast<std::uint8_t>(field >> shift);
  }
  return out;
}

std::uint64_t unpack(ByteView record, std::size_t index) {
  if (record.size() < (index + 1) * 8) {
    throw_error(ErrorKind::kIntegrityError,
                "view record too short for field " + std::to_string(index));
  }
  return read_key_u64(record, index * 8);
}

std::uint64_t read_key_u64(ByteView bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (std::size_t i = at; i < at + 8 && i < bytes.size(); ++i) value = value << 8 | bytes[i];
  return value;
}

Bytes encode_actor(const Actor& actor) {
  RecordMessage message;
  auto record = message.init<schema::ActorRecord>();
  record.setRole(static_cast<schema::Role>(actor.role));
  record.setJurisdiction(actor.jurisdiction);
  record.setName(actor.name);
  return message.bytes<schema::ActorRecord>();
}

Actor decode_actor(std::uint64_t id, ByteView bytes) {
  return read_record<schema::ActorRecord>(bytes, [&](schema::ActorRecord::Reader r) {
    return Actor{id, internal::read_enum(r.getRole(), static_cast<Role>(kRoleMax), "role"),
                 text_of(r.getJurisdiction()), text_of(r.getName())};
  });
}

Bytes encode_party(const Party& party, std::uint64_t registered_sequence) {
  RecordMessage message;
  auto record = message.init<schema::PartyRecord>();
  internal::write_party(party.data, record.initParty());
  record.setRegisteredSeq(registered_sequence);
  return message.bytes<schema::PartyRecord>();
}

Party decode_party(std::uint64_t id, ByteView bytes) {
  return read_record<schema::PartyRecord>(bytes, [&](schema::PartyRecord::Reader r) {
    return Party{id, internal::read_party(r.getParty())};
  });
}

PartyKind decode_party_kind(ByteView bytes) {
  return read_record<schema::PartyRecord>(bytes, [&](schema::PartyRecord::Reader r) {
    return internal::read_enum(r.getParty().getKind(), PartyKind::kPlatformCompany, "party kind");
  });
}

Bytes encode_asset(const Asset& asset) {
  RecordMessage message;
  auto record = message.init<schema::AssetRecord>();
  record.setCode(asset.code);
  record.setClass(static_cast<schema::AssetClass>(asset.asset_class));
  internal::write_description(asset.description, record.initDescription());
  record.setDescriptionSeq(asset.description_sequence);
  record.setStatus(static_cast<schema::AssetStatus>(asset.status));
  internal::write_owners(asset.owners,
                         record.initOwners(static_cast<unsigned>(asset.owners.size())));
  record.setRegisteredSeq(asset.registered_sequence);
  record.setRegisteredDay(asset.registered.days());
  record.setLastSeq(asset.last_sequence);
  record.setStatusBeforeDisposal(static_cast<schema::AssetStatus>(asset.status_before_disposal));
  return message.bytes<schema::AssetRecord>();
}

void read_asset_record(ByteView bytes,
                       const std::function<void(schema::AssetRecord::Reader record)>& visit) {
  read_record<schema::AssetRecord>(bytes, [&](schema::AssetRecord::Reader r) {
    visit(r);
    return 0;
  });
}

Asset decode_asset(std::uint64_t id, ByteView bytes) {
  return read_record<schema::AssetRecord>(bytes, [&](schema::AssetRecord::Reader r) {
    Asset asset;
    asset.id = id;
    asset.code = text_of(r.getCode());
    asset.asset_class = internal::read_enum(r.getClass(), AssetClass::kHousehold, "asset class");
    asset.description = internal::read_description(r.getDescription());
    asset.description_sequence = r.getDescriptionSeq();
    asset.status = internal::read_enum(r.getStatus(), AssetStatus::kDisposed, "asset status");
    asset.owners = internal::read_owners(r.getOwners());
    asset.registered_sequence = r.getRegisteredSeq();
    asset.registered = Date::from_days(r.getRegisteredDay(), "registered");
    asset.last_sequence = r.getLastSeq();
    asset.status_before_disposal =
        internal::read_enum(r.getStatusBeforeDisposal(), AssetStatus::kDisposed, "asset status");
    return asset;
  });
}

std::uint64_t decode_asset_for_valuation(std::uint64_t id, ByteView bytes, Asset& asset) {
  return read_record<schema::AssetRecord>(bytes, [&](schema::AssetRecord::Reader r) {
    asset.id = id;
    asset.status = internal::read_enum(r.getStatus(), AssetStatus::kDisposed, "asset status");
    asset.last_sequence = r.getLastSeq();
    const auto d = r.getDescription();
    asset.description.category =
        internal::read_enum(d.getCategory(), AssetCategory::kOther, "asset category");
    asset.description.completed = Date::from_days(d.getCompletedDay(), "completed");
    asset.description.original = Money::from_fen(d.getOriginalFen());
    asset.description.use_right_years = d.getUseRightYears();
    const auto owners = r.getOwners();
    return owners.size() == 0 ? std::uint64_t{0} : owners[0].getParty();
  });
}

// asset, method, state, requester, next step, chain length, (kind, party) per step, signers...
Bytes encode_disposal(const Disposal& d) {
  Bytes out = pack({d.asset, static_cast<std::uint64_t>(d.method),
                    static_cast<std::uint64_t>(d.state), d.requester, d.next_step, d.chain.size()});
  for (const auto& [kind, party] : d.chain) {
    append_u64(out, static_cast<std::uint64_t>(kind));
    append_u64(out, party);
  }
  for (const std::uint64_t signer : d.signers) append_u64(out, signer);
  return out;
}

Disposal decode_disposal(std::uint64_t id, ByteView bytes) {
  Disposal d;
  d.id = id;
  d.asset = unpack(bytes, 0);
  d.method = static_cast<DisposalMethod>(unpack(bytes, 1));
  d.state = static_cast<Disposal::State>(unpack(bytes, 2));
  d.requester = unpack(bytes, 3);
  d.next_step = unpack(bytes, 4);
  const std::size_t steps = unpack(bytes, 5);
  for (std::size_t i = 0; i < steps; ++i) {
    d.chain.emplace_back(static_cast<DisposalStepKind>(unpack(bytes, 6 + 2 * i)),
                         unpack(bytes, 7 + 2 * i));
  }
  for (std::size_t at = 6 + 2 * steps; at * 8 < bytes.size(); ++at) {
    d.signers.push_back(unpack(bytes, at));
  }
  return d;
}

}  // namespace taizhang::domain

// The codecs of the view tables (view_records.h has each layout).
#include "model/view_records.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/assert.h"
#include "model/body_codec.h"
#include "model/entry_codec.h"
#include "taizhang/error.h"
#include "taizhang/views.capnp.h"

namespace taizhang::model {
namespace {

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
  // A length no record of the views reaches (a damaged page's) is damage, refused before it is
  // allocated: it would ask for exabytes.
  constexpr std::size_t kRecordMax = std::size_t{1} << 26;
  if (bytes.size() % sizeof(capnp::word) != 0 || bytes.size() > kRecordMax) {
    throw_error(ErrorKind::kIntegrityError,
                "view record of " + std::to_string(bytes.size()) +
                    " bytes is not whole words, or longer than any record",
                "台账数据文件已损坏：一条视图记录长度不对，请用 taizhang verify --deep 检查");
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
                std::string("damaged view record: ") + exception.getDescription().cStr(),
                "台账数据文件已损坏：一条视图记录无法解码，请用 taizhang verify --deep 检查");
  }
}

std::string text_of(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

[[noreturn]] void damaged(std::string_view table, const std::string& reason) {
  throw_error(ErrorKind::kIntegrityError,
              "damaged view record in " + std::string(table) + ": " + reason,
              "台账数据文件已损坏：数据表 " + std::string(table) +
                  " 中的记录无法解码，请用 taizhang verify --deep 检查");
}

// A record of big-endian u64 fields, written in order.
class Fields {
 public:
  explicit Fields(std::size_t count) { bytes_.reserve(count * 8); }
  Fields& add(std::uint64_t value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
    return *this;
  }
  Fields& add(Money amount) { return add(static_cast<std::uint64_t>(amount.fen())); }
  Fields& add(Date day) { return add(day_key(day)); }
  Fields& add(bool flag) { return add(std::uint64_t{flag ? 1u : 0u}); }
  template <typename Enum>
  requires std::is_enum_v<Enum> Fields& add(Enum value) {
    return add(static_cast<std::uint64_t>(value));
  }
  Bytes take() { return std::move(bytes_); }
  Bytes& bytes() { return bytes_; }

 private:
  Bytes bytes_;
};

// Reads the fields of a record of table `table` in order; the record must hold at least
// `minimum` fields (IntegrityError naming the table otherwise).
class FieldReader {
 public:
  FieldReader(std::string_view table, ByteView bytes, std::size_t minimum)
      : table_(table), bytes_(bytes) {
    if (bytes.size() < minimum * 8) {
      damaged(table, std::to_string(bytes.size()) + " bytes, fewer than " +
                         std::to_string(minimum) + " fields");
    }
  }
  std::uint64_t u64() {
    if (at_ + 8 > bytes_.size()) damaged(table_, "a field past the end");
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) value = value << 8 | bytes_[at_ + i];
    at_ += 8;
    return value;
  }
  Money money() { return Money::from_fen(static_cast<std::int64_t>(u64())); }
  Date day() { return day_from_key(u64()); }
  bool flag() {
    const std::uint64_t value = u64();
    if (value > 1) damaged(table_, "a flag of " + std::to_string(value));
    return value == 1;
  }
  // An enumerant no greater than `last`.
  template <typename Enum>
  Enum enumerant(Enum last) {
    const std::uint64_t value = u64();
    if (value > static_cast<std::uint64_t>(last)) {
      damaged(table_, "an unknown enumerant " + std::to_string(value));
    }
    return static_cast<Enum>(value);
  }
  bool at_end() const { return at_ == bytes_.size(); }
  // The bytes after the fields read so far.
  ByteView rest() const { return bytes_.subspan(at_); }
  // REQUIRES: every byte was read.
  void finish() const {
    if (!at_end()) damaged(table_, std::to_string(bytes_.size() - at_) + " bytes left over");
  }

 private:
  std::string_view table_;
  ByteView bytes_;
  std::size_t at_ = 0;
};

std::string text_of(ByteView bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// The key's text before its last `tail` bytes.
std::string key_text(std::string_view table, ByteView key, std::size_t tail) {
  if (key.size() < tail) damaged(table, "a key of " + std::to_string(key.size()) + " bytes");
  return text_of(key.first(key.size() - tail));
}

// The id a one-u64 value holds (the code indexes).
std::uint64_t id_value(std::string_view table, ByteView value) {
  FieldReader fields(table, value, 1);
  const std::uint64_t id = fields.u64();
  fields.finish();
  return id;
}

Bytes id_bytes(std::uint64_t id) { return Fields(1).add(id).take(); }

// A stored entry holding one body, after `prefix` (the copies kept by policies and plans).
Bytes with_stored_body(Bytes prefix, const Body& body) {
  Entry copy;
  copy.body = body;
  const Bytes encoded = encode_entry(copy);
  prefix.insert(prefix.end(), encoded.begin(), encoded.end());
  return prefix;
}

template <typename BodyType>
BodyType stored_body(std::string_view table, ByteView bytes) {
  Body body = internal::read_stored_body(bytes);
  auto* typed = std::get_if<BodyType>(&body);
  if (typed == nullptr) damaged(table, "the stored entry is of another kind");
  return std::move(*typed);
}

}  // namespace

void damaged_record(std::string_view table, const Error& error) { damaged(table, error.what()); }

// --- keys -----------------------------------------------------------------------------------

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
  if (text.size() > bytes_.size() - 8) {
    throw_invalid("key", text, "longer than 88 bytes",
                  "编号太长：用作查找索引的编号最多 88 个字节（约 29 个汉字），请缩短");
  }
  std::memcpy(bytes_.data(), text.data(), text.size());
  size_ = text.size();
  append(value);
}

Key::Key(std::uint64_t first, std::uint64_t second, std::uint64_t third) {
  append(first);
  append(second);
  append(third);
}

std::uint64_t read_key_u64(ByteView bytes, std::size_t at) {
  if (at + 8 > bytes.size()) {
    throw_error(ErrorKind::kIntegrityError,
                "view key of " + std::to_string(bytes.size()) + " bytes has no u64 at " +
                    std::to_string(at),
                "台账数据文件已损坏：一个视图键长度不对，请用 taizhang verify --deep 检查");
  }
  std::uint64_t value = 0;
  for (std::size_t i = at; i < at + 8; ++i) value = value << 8 | bytes[i];
  return value;
}

// --- the register and its places -----------------------------------------------------------

Bytes RegisterTable::encode(const Record& record) {
  return Bytes(record.county_code.begin(), record.county_code.end());
}

RegisterTable::Record RegisterTable::decode(ByteView, ByteView value) { return {text_of(value)}; }

Bytes DivisionsTable::encode(const Record& record) {
  const auto until =
      static_cast<std::uint32_t>(record.valid_until ? record.valid_until->days() : 0);
  Bytes value;
  value.reserve(4 + record.name.size());
  for (int shift = 24; shift >= 0; shift -= 8)
    value.push_back(static_cast<std::uint8_t>(until >> shift));
  for (const char c : record.name) value.push_back(static_cast<std::uint8_t>(c));
  return value;
}

DivisionsTable::Record DivisionsTable::decode(ByteView key, ByteView value) {
  if (value.size() < 4) damaged(kName, "a record of " + std::to_string(value.size()) + " bytes");
  Division d;
  d.code = key_text(kName, key, 8);
  d.valid_from = day_from_key(read_key_u64(key, key.size() - 8));
  std::uint32_t until = 0;
  for (std::size_t i = 0; i < 4; ++i) until = until << 8 | value[i];
  if (until != 0) d.valid_until = Date::from_days(static_cast<std::int32_t>(until));
  d.name = text_of(value.subspan(4));
  return d;
}

// --- actors and parties --------------------------------------------------------------------

Bytes ActorsTable::encode(const Record& actor) {
  RecordMessage message;
  auto record = message.init<schema::ActorRecord>();
  record.setRole(static_cast<schema::Role>(actor.role));
  record.setJurisdiction(actor.jurisdiction);
  record.setName(actor.name);
  record.setParty(actor.party);
  return message.bytes<schema::ActorRecord>();
}

ActorsTable::Record ActorsTable::decode(ByteView key, ByteView value) {
  const std::uint64_t id = read_key_u64(key, 0);
  return read_record<schema::ActorRecord>(value, [&](schema::ActorRecord::Reader r) {
    return Actor{id, internal::read_enum(r.getRole(), static_cast<Role>(kRoleMax), "role"),
                 text_of(r.getJurisdiction()), text_of(r.getName()), r.getParty()};
  });
}

Bytes PartiesTable::encode(const Record& party) {
  RecordMessage message;
  auto record = message.init<schema::PartyRecord>();
  internal::write_party(party.data, record.initParty());
  record.setRegisteredSeq(party.id);
  return message.bytes<schema::PartyRecord>();
}

PartiesTable::Record PartiesTable::decode(ByteView key, ByteView value) {
  const std::uint64_t id = read_key_u64(key, 0);
  return read_record<schema::PartyRecord>(value, [&](schema::PartyRecord::Reader r) {
    return Party{id, internal::read_party(r.getParty())};
  });
}

PartyKind PartiesTable::decode_kind(ByteView value) {
  return read_record<schema::PartyRecord>(value, [&](schema::PartyRecord::Reader r) {
    return internal::read_enum(r.getParty().getKind(), PartyKind::kSupervisionCommittee,
                               "party kind");
  });
}

Bytes PartyCodesTable::encode(const Record& record) { return id_bytes(record.party); }

PartyCodesTable::Record PartyCodesTable::decode(ByteView key, ByteView value) {
  return {text_of(key), id_value(kName, value)};
}

Bytes PartyPersonsTable::encode(const Record& record) { return id_bytes(record.party); }

PartyPersonsTable::Record PartyPersonsTable::decode(ByteView key, ByteView value) {
  return {Bytes(key.begin(), key.end()), id_value(kName, value)};
}

// --- assets and their indexes --------------------------------------------------------------

Bytes AssetsTable::encode(const Record& asset) {
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
  record.setInspectedDay(asset.inspected.days());
  record.setCertificate(asset.certificate);
  return message.bytes<schema::AssetRecord>();
}

void AssetsTable::read(ByteView value,
                       const std::function<void(schema::AssetRecord::Reader record)>& visit) {
  read_record<schema::AssetRecord>(value, [&](schema::AssetRecord::Reader r) {
    visit(r);
    return 0;
  });
}

AssetsTable::Record AssetsTable::decode(ByteView key, ByteView value) {
  const std::uint64_t id = read_key_u64(key, 0);
  return read_record<schema::AssetRecord>(value, [&](schema::AssetRecord::Reader r) {
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
    asset.inspected = Date::from_days(r.getInspectedDay(), "inspected");
    asset.certificate = text_of(r.getCertificate());
    return asset;
  });
}

std::uint64_t AssetsTable::decode_for_valuation(ByteView key, ByteView value, Asset& asset) {
  const std::uint64_t id = read_key_u64(key, 0);
  return read_record<schema::AssetRecord>(value, [&](schema::AssetRecord::Reader r) {
    asset.id = id;
    asset.status = internal::read_enum(r.getStatus(), AssetStatus::kDisposed, "asset status");
    asset.last_sequence = r.getLastSeq();
    const auto d = r.getDescription();
    asset.description.category =
        internal::read_enum(d.getCategory(), AssetCategory::kRelocationShop, "asset category");
    asset.description.completed = Date::from_days(d.getCompletedDay(), "completed");
    asset.description.original = Money::from_fen(d.getOriginalFen());
    asset.description.use_right_years = d.getUseRightYears();
    const auto owners = r.getOwners();
    return owners.size() == 0 ? std::uint64_t{0} : owners[0].getParty();
  });
}

Bytes AssetCodesTable::encode(const Record& record) { return id_bytes(record.asset); }

AssetCodesTable::Record AssetCodesTable::decode(ByteView key, ByteView value) {
  return {text_of(key), id_value(kName, value)};
}

std::uint64_t AssetCodesTable::decode_asset(ByteView value) { return id_value(kName, value); }

AssetsByDivisionTable::Record AssetsByDivisionTable::decode(ByteView key, ByteView) {
  return {key_text(kName, key, 8), read_key_u64(key, key.size() - 8)};
}

AssetsByOwnerTable::Record AssetsByOwnerTable::decode(ByteView key, ByteView) {
  return {read_key_u64(key, 0), read_key_u64(key, 8)};
}

AssetEntriesTable::Record AssetEntriesTable::decode(ByteView key, ByteView) {
  return {read_key_u64(key, 0), read_key_u64(key, 8)};
}

Bytes AssetRightsTable::encode(const Record& record) {
  return Fields(2).add(record.party).add(record.until).take();
}

AssetRightsTable::Record AssetRightsTable::decode(ByteView key, ByteView value) {
  Record record;
  record.asset = read_key_u64(key, 0);
  const std::uint64_t right = read_key_u64(key, 8);
  if (right > static_cast<std::uint64_t>(RightKind::kManagement)) {
    damaged(kName, "an unknown right " + std::to_string(right));
  }
  record.right = static_cast<RightKind>(right);
  record.from = day_from_key(read_key_u64(key, 16));
  FieldReader fields(kName, value, 2);
  record.party = fields.u64();
  record.until = fields.day();
  fields.finish();
  return record;
}

Bytes AssetOperationTable::encode(const Record& record) {
  return Fields(3).add(record.sequence).add(record.mode).add(record.until).take();
}

AssetOperationTable::Record AssetOperationTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = fields.u64();
  record.mode = fields.enumerant(OperationMode::kLeased);
  record.until = fields.day();
  fields.finish();
  return record;
}

Bytes AssetMaintenanceTable::encode(const Record& record) {
  return Fields(3)
      .add(record.sequence)
      .add(std::uint64_t{record.inspection_interval_days})
      .add(record.from)
      .take();
}

AssetMaintenanceTable::Record AssetMaintenanceTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = fields.u64();
  record.inspection_interval_days = static_cast<std::uint32_t>(fields.u64());
  record.from = fields.day();
  fields.finish();
  return record;
}

Bytes AssetInspectionsTable::encode(const Record& record) {
  return Fields(3).add(record.condition).add(record.day).add(record.recorded).take();
}

AssetInspectionsTable::Record AssetInspectionsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = read_key_u64(key, 8);
  record.condition = fields.enumerant(Condition::kUnusable);
  record.day = fields.day();
  record.recorded = fields.day();
  fields.finish();
  return record;
}

Bytes AssetValuesTable::encode(const Record& record) {
  return Fields(3).add(record.kind).add(record.amount).add(record.day).take();
}

AssetValuesTable::Record AssetValuesTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = read_key_u64(key, 8);
  record.kind = fields.enumerant(ValueChangeKind::kAppraisal);
  record.amount = fields.money();
  record.day = fields.day();
  fields.finish();
  return record;
}

Bytes AssetDepreciationTable::encode(const Record& record) {
  return Fields(5)
      .add(record.method)
      .add(static_cast<std::uint64_t>(record.life_months))
      .add(record.residual_rate.numerator())
      .add(record.residual_rate.denominator())
      .add(record.units_total)
      .take();
}

AssetDepreciationTable::Record AssetDepreciationTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 5);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.method = fields.enumerant(DepreciationMethod::kUnitsOfProduction);
  record.life_months = static_cast<std::int32_t>(fields.u64());
  const std::uint64_t numerator = fields.u64();
  const std::uint64_t denominator = fields.u64();
  if (denominator == 0) damaged(kName, "a residual rate over 0");
  record.residual_rate = Share::of(numerator, denominator);
  record.units_total = fields.u64();
  fields.finish();
  return record;
}

Bytes AssetUnitsTable::encode(const Record& record) { return Fields(1).add(record.units).take(); }

AssetUnitsTable::Record AssetUnitsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 1);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.month = day_from_key(read_key_u64(key, 8));
  record.units = fields.u64();
  fields.finish();
  return record;
}

// --- policy ---------------------------------------------------------------------------------

Bytes PoliciesTable::encode(const Record& record) {
  return with_stored_body(
      Fields(2).add(record.head.sequence).add(record.head.effective_from).take(), record.policy);
}

namespace {

// The fields before the stored policy; leaves `fields` at the policy's bytes.
PoliciesTable::Head read_policy_head(ByteView key, FieldReader& fields) {
  PoliciesTable::Head head;
  head.version = static_cast<std::uint32_t>(read_key_u64(key, 0));
  head.sequence = fields.u64();
  head.effective_from = fields.day();
  return head;
}

}  // namespace

PoliciesTable::Head PoliciesTable::decode_head(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 2);
  return read_policy_head(key, fields);
}

PoliciesTable::Record PoliciesTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 2);
  Record record;
  record.head = read_policy_head(key, fields);
  record.policy = stored_body<PolicyDefined>(kName, fields.rest());
  return record;
}

// --- disposal -------------------------------------------------------------------------------

Bytes DisposalsTable::encode(const Record& d) {
  Fields fields(12 + 2 * d.chain.size() + 3 * d.owners.size() + d.signers.size());
  fields.add(d.asset).add(d.method).add(d.state).add(d.requester);
  fields.add(d.last_day).add(d.appraised).add(d.executed).add(d.result_notice);
  fields.add(std::uint64_t{d.owners.size()});
  for (const OwnerShare& owner : d.owners) {
    fields.add(owner.party).add(owner.share.numerator()).add(owner.share.denominator());
  }
  fields.add(std::uint64_t{d.next_step}).add(std::uint64_t{d.chain.size()});
  for (const auto& [kind, party] : d.chain) fields.add(kind).add(party);
  for (const std::uint64_t signer : d.signers) fields.add(signer);
  return fields.take();
}

DisposalsTable::Record DisposalsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 11);
  Disposal d;
  d.id = read_key_u64(key, 0);
  d.asset = fields.u64();
  d.method = fields.enumerant(DisposalMethod::kOwnershipCorrection);
  d.state = fields.enumerant(Disposal::State::kExecuted);
  d.requester = fields.u64();
  d.last_day = fields.day();
  d.appraised = fields.money();
  d.executed = fields.day();
  d.result_notice = fields.u64();
  const std::uint64_t owners = fields.u64();
  if (owners > value.size() / 24) {
    damaged(kName, "a correction to " + std::to_string(owners) + " owners");
  }
  for (std::uint64_t i = 0; i < owners; ++i) {
    const std::uint64_t party = fields.u64();
    const std::uint64_t numerator = fields.u64();
    const std::uint64_t denominator = fields.u64();
    if (denominator == 0 || numerator > denominator) {
      damaged(kName, "a share of " + std::to_string(numerator) + "/" + std::to_string(denominator));
    }
    d.owners.push_back({party, Share::of(numerator, denominator, "owners.share")});
  }
  d.next_step = fields.u64();
  const std::uint64_t steps = fields.u64();
  if (steps > value.size() / 16) damaged(kName, "a chain of " + std::to_string(steps) + " steps");
  for (std::uint64_t i = 0; i < steps; ++i) {
    const auto kind = fields.enumerant(DisposalStepKind::kGovernmentApproval);
    d.chain.emplace_back(kind, fields.u64());
  }
  if (d.next_step > d.chain.size()) damaged(kName, "a next step past the chain");
  while (!fields.at_end()) d.signers.push_back(fields.u64());
  return d;
}

Bytes DisposalProceedsTable::encode(const Record& record) {
  return Fields(2).add(record.proceeds).add(record.collective).take();
}

DisposalProceedsTable::Record DisposalProceedsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 2);
  Record record;
  record.disposal = read_key_u64(key, 0);
  record.proceeds = fields.money();
  record.collective = fields.flag();
  fields.finish();
  return record;
}

// --- income ---------------------------------------------------------------------------------

Bytes IncomesTable::encode(const Record& record) {
  return Fields(6)
      .add(record.asset)
      .add(record.amount)
      .add(record.from)
      .add(record.until)
      .add(record.restricted)
      .add(record.payer)
      .take();
}

IncomesTable::Record IncomesTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 6);
  Record record;
  record.income = read_key_u64(key, 0);
  record.asset = fields.u64();
  record.amount = fields.money();
  record.from = fields.day();
  record.until = fields.day();
  record.restricted = fields.flag();
  record.payer = fields.u64();
  fields.finish();
  return record;
}

Bytes IncomePartsTable::encode(const Record& record) {
  Fields fields(10 + 5 * record.rows.size());
  fields.add(record.share.numerator()).add(record.share.denominator()).add(record.amount);
  fields.add(record.disposition).add(record.restricted).add(record.asset);
  fields.add(record.allocation).add(record.plan).add(record.until).add(record.payer);
  for (const Row& row : record.rows) {
    fields.add(row.kind).add(row.line).add(row.payee).add(row.amount).add(row.months);
  }
  return fields.take();
}

IncomePartsTable::Record IncomePartsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 10);
  Record record;
  record.income = read_key_u64(key, 0);
  record.owner = read_key_u64(key, 8);
  const std::uint64_t numerator = fields.u64();
  const std::uint64_t denominator = fields.u64();
  if (denominator == 0 || numerator > denominator) damaged(kName, "a share outside 0 to 1");
  record.share = Share::of(numerator, denominator);
  record.amount = fields.money();
  record.disposition = fields.enumerant(PartDisposition::kTreasury);
  record.restricted = fields.flag();
  record.asset = fields.u64();
  record.allocation = fields.u64();
  record.plan = fields.u64();
  record.until = fields.day();
  record.payer = fields.u64();
  if (fields.rest().size() % 40 != 0) damaged(kName, "a payment cut short");
  while (!fields.at_end()) {
    Row row;
    row.kind = fields.enumerant(LineKind::kProportional);
    row.line = fields.u64();
    row.payee = fields.u64();
    row.amount = fields.money();
    row.months = fields.u64();
    record.rows.push_back(row);
  }
  return record;
}

Bytes BeneficiariesTable::key(std::uint64_t owner, std::string_view list) {
  const Key id(owner);
  Bytes key(id.view().begin(), id.view().end());
  key.insert(key.end(), list.begin(), list.end());
  key.push_back(0);
  return key;
}

Bytes BeneficiariesTable::key(std::uint64_t owner, std::string_view list, std::uint64_t party) {
  Bytes out = key(owner, list);
  const Key id(party);
  out.insert(out.end(), id.view().begin(), id.view().end());
  return out;
}

Bytes BeneficiariesTable::encode(const Record& record) {
  Fields fields(4 * record.stays.size());
  for (const Stay& stay : record.stays) {
    fields.add(stay.added).add(stay.removed ? day_key(*stay.removed) : std::uint64_t{0});
    fields.add(stay.weight_numerator).add(stay.weight_denominator);
  }
  return fields.take();
}

BeneficiariesTable::Record BeneficiariesTable::decode(ByteView key, ByteView value) {
  if (key.size() < 17 || key[key.size() - 9] != 0) damaged(kName, "a key without its list");
  FieldReader fields(kName, value, 4);
  Record record;
  record.owner = read_key_u64(key, 0);
  record.list = key_text(kName, key.subspan(8), 9);
  record.party = read_key_u64(key, key.size() - 8);
  if (fields.rest().size() % 32 != 0) damaged(kName, "a stay cut short");
  while (!fields.at_end()) {
    Stay stay;
    stay.added = fields.day();
    const std::uint64_t removed = fields.u64();
    if (removed != 0) stay.removed = day_from_key(removed);
    stay.weight_numerator = fields.u64();
    stay.weight_denominator = fields.u64();
    if (stay.weight_numerator == 0 || stay.weight_denominator == 0) {
      damaged(kName, "a weight of zero");
    }
    record.stays.push_back(stay);
  }
  return record;
}

Bytes PlansTable::encode(const Record& record) {
  return with_stored_body(Fields(2).add(record.plan.owner).add(record.approved).take(),
                          record.plan);
}

PlansTable::Record PlansTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 2);
  Record record;
  record.id = read_key_u64(key, 0);
  const std::uint64_t owner = fields.u64();
  record.approved = fields.day();
  record.plan = stored_body<PlanApproved>(kName, fields.rest());
  if (record.plan.owner != owner) damaged(kName, "the owner differs from the plan's");
  return record;
}

Bytes GuaranteeDaysTable::encode(const Record& record) {
  Fields fields(2 * record.days.size());
  for (const auto& [first, last] : record.days) {
    fields.add(Date::from_days(first)).add(Date::from_days(last));
  }
  return fields.take();
}

GuaranteeDaysTable::Record GuaranteeDaysTable::decode(ByteView key, ByteView value) {
  if (key.size() != 16) damaged(kName, "a key not of an owner and a holder");
  FieldReader fields(kName, value, 0);
  Record record;
  record.owner = read_key_u64(key, 0);
  record.holder = read_key_u64(key, 8);
  if (value.size() % 16 != 0) damaged(kName, "a range cut short");
  while (!fields.at_end()) {
    const std::int32_t first = fields.day().days();
    const std::int32_t last = fields.day().days();
    if (last < first || (!record.days.empty() && first <= record.days.back().second)) {
      damaged(kName, "ranges out of order");
    }
    record.days.emplace_back(first, last);
  }
  return record;
}

Bytes AssetHandoversTable::encode(const Record& record) {
  return Fields(3).add(record.day).add(record.book_value).add(record.before).take();
}

AssetHandoversTable::Record AssetHandoversTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = read_key_u64(key, 8);
  record.day = fields.day();
  record.book_value = fields.money();
  record.before = fields.enumerant(PartyKind::kSupervisionCommittee);
  fields.finish();
  return record;
}

Bytes AssetContractsTable::encode(const Record& record) {
  const OperationContracted& c = record.contract;
  return Fields(10)
      .add(c.operator_party)
      .add(c.from)
      .add(c.until.days() == 0 ? std::uint64_t{0} : day_key(c.until))
      .add(c.principal)
      .add(c.guarantee_rate.numerator())
      .add(c.guarantee_rate.denominator())
      .add(c.guarantee_per_year)
      .add(c.step_up.numerator())
      .add(c.step_up.denominator())
      .add(std::uint64_t{0})
      .take();
}

AssetContractsTable::Record AssetContractsTable::decode(ByteView key, ByteView value) {
  if (key.size() != 16) damaged(kName, "not an asset and a contract");
  FieldReader fields(kName, value, 10);
  Record record;
  record.asset = read_key_u64(key, 0);
  record.sequence = read_key_u64(key, 8);
  OperationContracted& c = record.contract;
  c.asset = record.asset;
  c.operator_party = fields.u64();
  c.from = fields.day();
  const std::uint64_t until = fields.u64();
  c.until = until == 0 ? Date() : day_from_key(until);
  c.principal = fields.money();
  const std::uint64_t rate_n = fields.u64(), rate_d = fields.u64();
  c.guarantee_per_year = fields.money();
  const std::uint64_t step_n = fields.u64(), step_d = fields.u64();
  if (rate_d == 0 || step_d == 0 || rate_n > rate_d) damaged(kName, "a rate out of range");
  c.guarantee_rate = Share::of(rate_n, rate_d);
  c.step_up = Share::of(step_n, step_d);
  fields.u64();  // reserved, 0
  fields.finish();
  return record;
}

PlansByOwnerTable::Record PlansByOwnerTable::decode(ByteView key, ByteView value) {
  if (key.size() != 24 || !value.empty()) damaged(kName, "not an owner, a kind and a plan");
  const std::uint64_t restricted = read_key_u64(key, 8);
  if (restricted > 1) damaged(kName, "a plan kind of " + std::to_string(restricted));
  return {read_key_u64(key, 0), restricted == 1, read_key_u64(key, 16)};
}

Bytes AllocationsTable::encode(const Record& record) {
  Fields fields(3 + 2 * record.parts.size());
  fields.add(record.owner).add(record.day).add(record.result_notice);
  for (const auto& [income, owner] : record.parts) fields.add(income).add(owner);
  return fields.take();
}

AllocationsTable::Record AllocationsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 3);
  AllocationRecord record;
  record.id = read_key_u64(key, 0);
  record.owner = fields.u64();
  record.day = fields.day();
  record.result_notice = fields.u64();
  if (fields.rest().size() % 16 != 0) damaged(kName, "a part cut short");
  while (!fields.at_end()) {
    const std::uint64_t income = fields.u64();
    record.parts.emplace_back(income, fields.u64());
  }
  return record;
}

// --- resolutions and notices ----------------------------------------------------------------

Bytes ResolutionsTable::encode(const Record& record) {
  return Fields(5)
      .add(record.village)
      .add(record.subject)
      .add(record.disposal)
      .add(record.day)
      .add(record.used_by)
      .take();
}

ResolutionsTable::Record ResolutionsTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 5);
  Record record;
  record.id = read_key_u64(key, 0);
  record.village = fields.u64();
  record.subject = fields.enumerant(ResolutionSubject::kOperationContract);
  record.disposal = fields.u64();
  record.day = fields.day();
  record.used_by = fields.u64();
  fields.finish();
  return record;
}

Bytes NoticesTable::encode(const Record& record) {
  // The board is a 12-digit division code (checked when the entry was encoded), kept as its
  // number.
  TAIZHANG_ASSERT(
      record.board.size() == 12 && std::all_of(record.board.begin(), record.board.end(),
                                               [](char c) { return c >= '0' && c <= '9'; }),
      "notice " + std::to_string(record.id) + " has the board " + record.board);
  std::uint64_t board = 0;
  for (const char digit : record.board)
    board = board * 10 + static_cast<std::uint64_t>(digit - '0');
  return Fields(7)
      .add(record.subject)
      .add(record.subject_id)
      .add(board)
      .add(record.start)
      .add(record.end)
      .add(record.upheld)
      .add(record.recorded)
      .take();
}

NoticesTable::Record NoticesTable::decode(ByteView key, ByteView value) {
  FieldReader fields(kName, value, 7);
  Record record;
  record.id = read_key_u64(key, 0);
  record.subject = fields.enumerant(NoticeSubject::kOperationContract);
  record.subject_id = fields.u64();
  record.board = std::to_string(fields.u64());
  if (record.board.size() > 12) damaged(kName, "a board of " + record.board);
  record.board.insert(0, 12 - record.board.size(), '0');
  record.start = fields.day();
  record.end = fields.day();
  record.upheld = fields.flag();
  record.recorded = fields.day();
  fields.finish();
  return record;
}

NoticesBySubjectTable::Record NoticesBySubjectTable::decode(ByteView key, ByteView) {
  const std::uint64_t subject = read_key_u64(key, 0);
  if (subject > static_cast<std::uint64_t>(NoticeSubject::kOperationContract)) {
    damaged(kName, "an unknown subject " + std::to_string(subject));
  }
  return {static_cast<NoticeSubject>(subject), read_key_u64(key, 8), read_key_u64(key, 16)};
}

std::vector<std::string> view_table_names() {
  constexpr std::string_view kNames[] = {RegisterTable::kName,
                                         DivisionsTable::kName,
                                         ActorsTable::kName,
                                         PartiesTable::kName,
                                         PartyCodesTable::kName,
                                         PartyPersonsTable::kName,
                                         AssetsTable::kName,
                                         AssetCodesTable::kName,
                                         AssetsByDivisionTable::kName,
                                         AssetsByOwnerTable::kName,
                                         AssetEntriesTable::kName,
                                         AssetRightsTable::kName,
                                         AssetOperationTable::kName,
                                         AssetContractsTable::kName,
                                         AssetHandoversTable::kName,
                                         AssetMaintenanceTable::kName,
                                         AssetInspectionsTable::kName,
                                         AssetValuesTable::kName,
                                         AssetDepreciationTable::kName,
                                         AssetUnitsTable::kName,
                                         PoliciesTable::kName,
                                         DisposalsTable::kName,
                                         DisposalProceedsTable::kName,
                                         IncomesTable::kName,
                                         IncomePartsTable::kName,
                                         BeneficiariesTable::kName,
                                         PlansTable::kName,
                                         PlansByOwnerTable::kName,
                                         GuaranteeDaysTable::kName,
                                         AllocationsTable::kName,
                                         ResolutionsTable::kName,
                                         NoticesTable::kName,
                                         NoticesBySubjectTable::kName};
  return {std::begin(kNames), std::end(kNames)};
}

}  // namespace taizhang::model

// The canonical Cap'n Proto encoding of entries, and its strict decoding.
#include "model/entry_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <algorithm>
#include <cstring>

#include "model/body_codec.h"
#include "taizhang/chinese.h"
#include "taizhang/entry.capnp.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

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

// A signature record: an algorithm byte this format knows, then 1 to 127 bytes of signature.
void check_signature_record(const std::string& field, ByteView record) {
  constexpr std::size_t kRecordMax = 128;
  if (record.size() < 2 || record.size() > kRecordMax) {
    throw_invalid(field, std::to_string(record.size()) + " bytes",
                  "a signature record is an algorithm byte then the signature",
                  "签名记录的格式不对：应是 1 个字节的算法编号加签名，共 2 到 128 个字节，这里是 " +
                      std::to_string(record.size()) + " 个字节");
  }
  if (record[0] > static_cast<std::uint8_t>(KeyAlgorithm::kSm2Sm3)) {
    throw_invalid(
        field, "algorithm " + std::to_string(record[0]), "unknown signature algorithm",
        "签名算法编号 " + std::to_string(record[0]) + " 不是已知的算法（只有 ed25519 和 sm2-sm3）");
  }
}

kj::ArrayPtr<const kj::byte> as_capnp(ByteView bytes) { return {bytes.data(), bytes.size()}; }
Bytes from_capnp(capnp::Data::Reader data) { return Bytes(data.begin(), data.end()); }

}  // namespace

namespace internal {

RequestMessage::RequestMessage(std::string_view origin, std::uint64_t actor,
                               const RequestId& request_id) {
  constexpr std::string_view kTag = "taizhang request v1\n";
  header_.assign(kTag.begin(), kTag.end());
  header_.insert(header_.end(), origin.begin(), origin.end());
  header_.push_back('\n');
  for (int i = 7; i >= 0; --i) header_.push_back(static_cast<std::uint8_t>(actor >> (8 * i)));
  header_.insert(header_.end(), request_id.begin(), request_id.end());
}

void RequestMessage::add(ByteView entry) {
  const auto size = static_cast<std::uint32_t>(entry.size());
  std::uint8_t length[4];
  for (int i = 0; i < 4; ++i) length[i] = static_cast<std::uint8_t>(size >> (24 - 8 * i));
  entries_.update(ByteView(length, 4)).update(entry);
  ++count_;
}

Bytes RequestMessage::finish() {
  Bytes message = std::move(header_);
  for (int i = 3; i >= 0; --i) message.push_back(static_cast<std::uint8_t>(count_ >> (8 * i)));
  const Hash digest = entries_.finish();
  message.insert(message.end(), digest.begin(), digest.end());
  return message;
}

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
    throw_invalid("approvals", std::to_string(entry.approvals.size()), "more than 64 approvals",
                  "一条台账记录最多附 64 个审批签名，这里有 " +
                      std::to_string(entry.approvals.size()) + " 个");
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
  write_body(entry.body, root.initBody());
  if (stamp.with_approvals && !entry.approvals.empty()) {
    auto approvals = root.initApprovals(static_cast<unsigned>(entry.approvals.size()));
    for (unsigned i = 0; i < entry.approvals.size(); ++i) {
      check_signature_record("approvals[" + std::to_string(i) + "].signature",
                             entry.approvals[i].signature);
      approvals[i].setSigner(entry.approvals[i].signer);
      approvals[i].setSignature(as_capnp(entry.approvals[i].signature));
    }
  }
  if (stamp.with_signature && !entry.signature.empty()) {
    check_signature_record("signature", entry.signature);
    root.setSignature(as_capnp(entry.signature));
  }
  // Canonicalization, as capnp::canonicalize does it (a canonical copy into a flat array of the
  // exact size) but into a second per-thread array and straight onto `out`: no heap arrays, and
  // no second pass that re-checks the copy (the fuzz target and decode_entry's strict check of
  // bytes from outside hold capnp to it).
  const capnp::_::StructReader built =
      capnp::_::PointerHelpers<schema::Entry>::getInternalReader(root.asReader());
  const std::size_t words = capnp::unbound(built.totalSize().wordCount / capnp::WORDS) + 1;
  thread_local kj::Array<capnp::word> flat;
  if (flat.size() < words) {
    flat = kj::heapArray<capnp::word>(std::max(words, kScratchWords));
    std::memset(flat.begin(), 0, flat.size() * sizeof(capnp::word));  // builders need zeroes
  }
  struct RezeroFlat {
    std::size_t words;
    ~RezeroFlat() { std::memset(flat.begin(), 0, words * sizeof(capnp::word)); }
  } rezero_flat{words};
  capnp::FlatMessageBuilder canonical(kj::arrayPtr(flat.begin(), words));
  capnp::_::PointerHelpers<capnp::AnyPointer>::getInternalBuilder(
      canonical.initRoot<capnp::AnyPointer>())
      .setStruct(built, true);
  const auto bytes = canonical.getSegmentsForOutput()[0].asBytes();
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
  throw_error(ErrorKind::kIntegrityError, "malformed entry: " + reason,
              "台账记录格式有误或已损坏（" + reason + "）");
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
  std::string known;
  for (std::uint16_t i = 0; i <= kRoleMax; ++i) {
    known.append(i == 0 ? "" : "、")
        .append(kRoleNames[i])
        .append("（")
        .append(chinese_name(static_cast<Role>(i)))
        .append("）");
  }
  throw_invalid(field, text, "unknown role (county_registrar, village_committee, auditor, ...)",
                "角色须为以下之一：" + known);
}

Bytes encode_entry(const Entry& entry) {
  Bytes out;
  internal::encode_entry_into(
      entry, {entry.sequence, entry.recorded_micros, &entry.request_id, true}, out);
  return out;
}

Bytes approval_message(std::string_view origin, const Entry& entry) {
  constexpr std::string_view kTag = "taizhang approval v1\n";
  Bytes out(kTag.begin(), kTag.end());
  out.insert(out.end(), origin.begin(), origin.end());
  out.push_back('\n');
  internal::append_entry_encoding(entry, {0, 0, &entry.request_id, false, false}, out);
  return out;
}

Bytes request_message(std::string_view origin, std::uint64_t actor, const RequestId& request_id,
                      std::span<const Entry> entries) {
  internal::RequestMessage message(origin, actor, request_id);
  Bytes scratch;
  for (const Entry& entry : entries) {
    if (entry.actor != actor) {
      throw_invalid("actor", std::to_string(entry.actor),
                    "every entry of a request is by its actor " + std::to_string(actor),
                    "同一次提交的各条台账记录须由同一经办人员办理：这次提交由人员 " +
                        std::to_string(actor) + " 办理，其中一条却是人员 " +
                        std::to_string(entry.actor) + " 的");
    }
    scratch.clear();
    internal::append_entry_encoding(
        entry,
        {internal::kPlaceholderSequence, internal::kPlaceholderMicros, &request_id, true, false},
        scratch);
    message.add(scratch);
  }
  return message.finish();
}

namespace internal {

Body read_stored_body(ByteView bytes) {
  // Bounded as an entry is (decode_entry): a damaged page's length is refused, not allocated.
  if (bytes.empty() || bytes.size() % sizeof(capnp::word) != 0 || bytes.size() > (1U << 20)) {
    malformed("stored entry of " + std::to_string(bytes.size()) + " bytes");
  }
  thread_local kj::Array<capnp::word> words;
  const std::size_t count = bytes.size() / sizeof(capnp::word);
  if (words.size() < count) words = kj::heapArray<capnp::word>(std::max<std::size_t>(count, 128));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  kj::ArrayPtr<const capnp::word> segments[1] = {words.slice(0, count)};
  try {
    capnp::SegmentArrayMessageReader message(kj::arrayPtr(segments, 1));
    return read_body(message.getRoot<schema::Entry>().getBody());
  } catch (const kj::Exception& exception) {
    malformed(exception.getDescription().cStr());
  }
}

}  // namespace internal

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
    entry.body = internal::read_body(root.getBody());
    for (auto approval : root.getApprovals()) {
      entry.approvals.push_back({approval.getSigner(), from_capnp(approval.getSignature())});
    }
    entry.signature = from_capnp(root.getSignature());
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
  struct Describe {
    std::string operator()(const RegisterInitialized& b) const {
      return "register initialised: " + b.county_name + " (" + b.county_code + "), origin " +
             b.origin;
    }
    std::string operator()(const ActorKeyEnrolled& b) const {
      return "actor " + std::to_string(b.actor) + " enrolled: " + b.name + ", " +
             std::string(role_name(b.role)) + " of " + b.jurisdiction;
    }
    std::string operator()(const ActorKeyRotated& b) const {
      return "actor " + std::to_string(b.actor) + " key rotated: " + b.reason;
    }
    static std::string owners_text(const std::vector<OwnerShare>& owners) {
      std::string to;
      for (const OwnerShare& owner : owners) {
        to += (to.empty() ? "" : ", ") + std::string("party ") + std::to_string(owner.party) + " " +
              owner.share.to_string();
      }
      return to;
    }
    std::string operator()(const AssetHandedOver& b) const {
      const std::string to = owners_text(b.to);
      return "asset " + std::to_string(b.asset) + " handed over after acceptance on " +
             b.accepted.to_string() + " to " + to + " at a book value of " +
             b.book_value.to_yuan_string() + " yuan" +
             (b.certificate.empty() ? std::string() : ", certificate " + b.certificate);
    }
    std::string operator()(const ActorKeyRevoked& b) const {
      return "actor " + std::to_string(b.actor) + " key revoked: " + b.reason;
    }
    std::string operator()(const DivisionDefined& b) const {
      return "division " + b.code + " " + b.name + " valid from " + b.valid_from.to_string();
    }
    std::string operator()(const PartyRegistered& b) const {
      return "party registered: " + std::string(name_of(b.kind)) + " " + b.name + " of " +
             b.division;
    }
    std::string operator()(const AssetRegistered& b) const {
      return "asset registered: " + b.code + " " + b.description.name + " (" +
             std::string(name_of(b.asset_class)) + ", " + b.description.original.to_yuan_string() +
             " yuan)";
    }
    std::string operator()(const AssetStatusChanged& b) const {
      return "asset " + std::to_string(b.asset) + " status -> " + std::string(name_of(b.status));
    }
    std::string operator()(const OwnershipConfirmed& b) const {
      return "asset " + std::to_string(b.asset) + " ownership confirmed: " + owners_text(b.owners) +
             (b.certificate.empty() ? std::string() : ", certificate " + b.certificate);
    }
    std::string operator()(const RightBound& b) const {
      return "asset " + std::to_string(b.asset) + " " + std::string(name_of(b.right)) +
             " right bound to party " + std::to_string(b.party) + " from " + b.from.to_string();
    }
    std::string operator()(const OperationContracted& b) const {
      std::string resolved;
      for (const std::uint64_t r : b.resolutions) {
        resolved += (resolved.empty() ? ", by resolution " : ", ") + std::to_string(r);
      }
      return "asset " + std::to_string(b.asset) + " operation: " + std::string(name_of(b.mode)) +
             " by party " + std::to_string(b.operator_party) + " " + b.from.to_string() + " to " +
             b.until.to_string() + ", rent " + b.rent_per_year.to_yuan_string() + " yuan/year" +
             resolved;
    }
    std::string operator()(const MaintenanceBound& b) const {
      return "asset " + (b.asset != 0 ? std::to_string(b.asset) : b.asset_code) +
             " maintained by party " + std::to_string(b.party) + " (" + b.person + ", " +
             std::string(name_of(b.mode)) + ", inspected every " +
             std::to_string(b.inspection_interval_days) + " days)";
    }
    std::string operator()(const Inspected& b) const {
      return "asset " + std::to_string(b.asset) +
             (b.stocktaking ? " stocktaken by " : " inspected by ") + b.inspector + ": " +
             std::string(name_of(b.condition));
    }
    std::string operator()(const ValueChanged& b) const {
      return "asset " + std::to_string(b.asset) + " " + std::string(name_of(b.kind)) + " " +
             b.amount.to_yuan_string() + " yuan";
    }
    std::string operator()(const DepreciationPlanned& b) const {
      return "asset " + std::to_string(b.asset) + " depreciation plan: " +
             std::string(depreciation_method_name(static_cast<DepreciationMethod>(b.method))) +
             " over " + std::to_string(b.life_months) + " months";
    }
    std::string operator()(const UnitsRecorded& b) const {
      return "asset " + std::to_string(b.asset) + " used " + std::to_string(b.units) +
             " units in " + b.month.to_string().substr(0, 7);
    }
    std::string operator()(const PolicyDefined& b) const {
      return "policy version " + std::to_string(b.version) + " in force from " +
             b.effective_from.to_string();
    }
    std::string operator()(const DisposalRequested& b) const {
      if (b.method == DisposalMethod::kOwnershipCorrection) {
        return "correction of asset " + std::to_string(b.asset) + "'s owners requested, to " +
               owners_text(b.owners) + ": " + b.reasons;
      }
      return "disposal of asset " + std::to_string(b.asset) +
             " requested: " + std::string(name_of(b.method)) + " (" +
             std::string(name_of(b.trigger)) + ")" +
             (b.owners.empty() ? std::string() : " to " + owners_text(b.owners));
    }
    std::string operator()(const DisposalStep& b) const {
      return "disposal " + std::to_string(b.request) + " step " + std::to_string(b.step) +
             (b.approve ? " approved" : " rejected");
    }
    std::string operator()(const DisposalWithdrawn& b) const {
      return "disposal " + std::to_string(b.request) + " withdrawn: " + b.reason;
    }
    std::string operator()(const DisposalExecuted& b) const {
      return "disposal " + std::to_string(b.request) + " executed: to " + b.counterparty + " for " +
             b.proceeds.to_yuan_string() + " yuan";
    }
    std::string operator()(const IncomeRecorded& b) const {
      return "asset " + std::to_string(b.asset) + " earned " + b.amount.to_yuan_string() +
             " yuan (" + std::string(name_of(b.kind)) + ", " + b.from.to_string() + " to " +
             b.until.to_string() + ")";
    }
    std::string operator()(const BeneficiaryChanged& b) const {
      return "party " + std::to_string(b.party) +
             (b.removed.days() == 0 ? " added to " : " removed from ") + b.list + " of party " +
             std::to_string(b.owner);
    }
    std::string operator()(const PlanApproved& b) const {
      return "allocation plan \"" + b.name + "\" of party " + std::to_string(b.owner) + " approved";
    }
    std::string operator()(const AllocationRecorded& b) const {
      return "the owners' parts of " + std::to_string(b.incomes.size()) + " income(s) allocated" +
             (b.owner == 0 ? std::string(" by their owners' plans")
                           : " for party " + std::to_string(b.owner));
    }
    std::string operator()(const ResolutionAdopted& b) const {
      return std::string(name_of(b.meeting)) + " of party " + std::to_string(b.village) +
             " resolved \"" + b.title + "\" (" + std::to_string(b.in_favour) + " of " +
             std::to_string(b.present) + " present, " + std::to_string(b.eligible) + " entitled)";
    }
    std::string operator()(const NoticePosted& b) const {
      return std::string(name_of(b.subject)) + " " + std::to_string(b.subject_id) +
             " published at " + b.place + " (" + b.division + ") from " + b.start.to_string() +
             " to " + b.end.to_string();
    }
    std::string operator()(const ObjectionRecorded& b) const {
      return std::string("objection to notice ") + std::to_string(b.notice) +
             (b.upheld ? " upheld: " : " dismissed: ") + b.summary;
    }
    std::string operator()(const AssetCorrected& b) const {
      return "asset " + std::to_string(b.asset) + " corrected (entry " +
             std::to_string(b.corrects) + "): " + b.reason;
    }
  };
  return std::visit(Describe{}, body);
}

namespace {

// "主体 5（份额 3/5）、主体 6（份额 2/5）".
std::string owners_zh(const std::vector<OwnerShare>& owners) {
  std::string to;
  for (const OwnerShare& owner : owners) {
    to += (to.empty() ? "主体 " : "、主体 ") + std::to_string(owner.party) + "（份额 " +
          owner.share.to_string() + "）";
  }
  return to;
}

std::string certificate_zh(const std::string& certificate) {
  return certificate.empty() ? std::string() : "，确权证书 " + certificate;
}

}  // namespace

std::string describe_body_zh(const Body& body) {
  struct Describe {
    std::string operator()(const RegisterInitialized& b) const {
      return "台账建立：" + b.county_name + "（区划代码 " + b.county_code + "），日志标识 " +
             b.origin;
    }
    std::string operator()(const ActorKeyEnrolled& b) const {
      return "人员 " + std::to_string(b.actor) + " 登记密钥：" + b.name + "，" +
             std::string(chinese_name(b.role)) + "，辖区 " + b.jurisdiction;
    }
    std::string operator()(const ActorKeyRotated& b) const {
      return "人员 " + std::to_string(b.actor) + " 更换密钥：" + b.reason;
    }
    std::string operator()(const ActorKeyRevoked& b) const {
      return "人员 " + std::to_string(b.actor) + " 的密钥作废：" + b.reason;
    }
    std::string operator()(const AssetHandedOver& b) const {
      return "资产 " + std::to_string(b.asset) + " 于 " + b.accepted.to_string() + " 验收后移交给" +
             owners_zh(b.to) + "，账面价值 " + b.book_value.to_yuan_string() + " 元" +
             certificate_zh(b.certificate);
    }
    std::string operator()(const DivisionDefined& b) const {
      return "行政区划 " + b.code + " " + b.name + " 自 " + b.valid_from.to_string() + " 起有效";
    }
    std::string operator()(const PartyRegistered& b) const {
      return "主体登记：" + std::string(chinese_name(b.kind)) + " " + b.name + "（区划代码 " +
             b.division + "）";
    }
    std::string operator()(const AssetRegistered& b) const {
      return "资产登记：" + b.code + " " + b.description.name + "（" +
             std::string(chinese_name(b.asset_class)) + "资产，原值 " +
             b.description.original.to_yuan_string() + " 元）";
    }
    std::string operator()(const AssetStatusChanged& b) const {
      return "资产 " + std::to_string(b.asset) + " 状态变更为 " +
             std::string(chinese_name(b.status));
    }
    std::string operator()(const OwnershipConfirmed& b) const {
      return "资产 " + std::to_string(b.asset) + " 确权：产权主体为" + owners_zh(b.owners) +
             certificate_zh(b.certificate);
    }
    std::string operator()(const RightBound& b) const {
      return "资产 " + std::to_string(b.asset) + " 的" + std::string(chinese_name(b.right)) +
             "自 " + b.from.to_string() + " 起由主体 " + std::to_string(b.party) + " 行使";
    }
    std::string operator()(const OperationContracted& b) const {
      std::string resolved;
      for (const std::uint64_t r : b.resolutions) {
        resolved += (resolved.empty() ? "，依据决议 " : "、") + std::to_string(r);
      }
      return "资产 " + std::to_string(b.asset) + " 经营合同：" + std::string(chinese_name(b.mode)) +
             "，经营主体为主体 " + std::to_string(b.operator_party) + "，" + b.from.to_string() +
             " 至 " + b.until.to_string() + "，租金 " + b.rent_per_year.to_yuan_string() +
             " 元/年" + resolved;
    }
    std::string operator()(const MaintenanceBound& b) const {
      return "资产 " + (b.asset != 0 ? std::to_string(b.asset) : b.asset_code) + " 由主体 " +
             std::to_string(b.party) + " 管护（责任人 " + b.person + "，" +
             std::string(chinese_name(b.mode)) + "，每 " +
             std::to_string(b.inspection_interval_days) + " 天巡查一次）";
    }
    std::string operator()(const Inspected& b) const {
      return "资产 " + std::to_string(b.asset) +
             (b.stocktaking ? " 清查，清查人 " : " 巡查，巡查人 ") + b.inspector + "：" +
             std::string(chinese_name(b.condition));
    }
    std::string operator()(const ValueChanged& b) const {
      return "资产 " + std::to_string(b.asset) + " " + std::string(chinese_name(b.kind)) + " " +
             b.amount.to_yuan_string() + " 元";
    }
    std::string operator()(const DepreciationPlanned& b) const {
      return "资产 " + std::to_string(b.asset) + " 折旧方案：" +
             std::string(chinese_name(static_cast<DepreciationMethod>(b.method))) + "，折旧年限 " +
             std::to_string(b.life_months) + " 个月";
    }
    std::string operator()(const UnitsRecorded& b) const {
      return "资产 " + std::to_string(b.asset) + " " + b.month.to_string().substr(0, 7) +
             " 完成工作量 " + std::to_string(b.units);
    }
    std::string operator()(const PolicyDefined& b) const {
      return "第 " + std::to_string(b.version) + " 版政策设置，自 " + b.effective_from.to_string() +
             " 起施行";
    }
    std::string operator()(const DisposalRequested& b) const {
      if (b.method == DisposalMethod::kOwnershipCorrection) {
        return "申请更正资产 " + std::to_string(b.asset) + " 的产权主体为" + owners_zh(b.owners) +
               "：" + b.reasons;
      }
      return "申请处置资产 " + std::to_string(b.asset) + "：" +
             std::string(chinese_name(b.method)) + "（处置原因：" +
             std::string(chinese_name(b.trigger)) + "）" +
             (b.owners.empty() ? std::string() : "，交给" + owners_zh(b.owners));
    }
    std::string operator()(const DisposalStep& b) const {
      return "处置申请 " + std::to_string(b.request) + " 的审批环节 " + std::to_string(b.step) +
             (b.approve ? "：同意" : "：不同意");
    }
    std::string operator()(const DisposalWithdrawn& b) const {
      return "处置申请 " + std::to_string(b.request) + " 撤回：" + b.reason;
    }
    std::string operator()(const DisposalExecuted& b) const {
      return "处置申请 " + std::to_string(b.request) + " 执行：买受人或接收方 " + b.counterparty +
             "，处置收入 " + b.proceeds.to_yuan_string() + " 元";
    }
    std::string operator()(const IncomeRecorded& b) const {
      return "资产 " + std::to_string(b.asset) + " 收益 " + b.amount.to_yuan_string() + " 元（" +
             std::string(chinese_name(b.kind)) + "，" + b.from.to_string() + " 至 " +
             b.until.to_string() + "）";
    }
    std::string operator()(const BeneficiaryChanged& b) const {
      return "主体 " + std::to_string(b.party) + (b.removed.days() == 0 ? " 列入" : " 移出") +
             "主体 " + std::to_string(b.owner) + " 的受益对象名单“" + b.list + "”";
    }
    std::string operator()(const PlanApproved& b) const {
      return "主体 " + std::to_string(b.owner) + " 的收益分配方案“" + b.name + "”获批";
    }
    std::string operator()(const AllocationRecorded& b) const {
      return (b.owner == 0 ? std::string("按各产权主体的分配方案")
                           : "为主体 " + std::to_string(b.owner)) +
             "分配 " + std::to_string(b.incomes.size()) + " 笔收益中产权主体应得的部分";
    }
    std::string operator()(const ResolutionAdopted& b) const {
      return "主体 " + std::to_string(b.village) + " 的" + std::string(chinese_name(b.meeting)) +
             "通过决议“" + b.title + "”（到会 " + std::to_string(b.present) + " 人，赞成 " +
             std::to_string(b.in_favour) + " 人，应到 " + std::to_string(b.eligible) + " 人）";
    }
    std::string operator()(const NoticePosted& b) const {
      return std::string(chinese_name(b.subject)) + "公示（对象 " + std::to_string(b.subject_id) +
             "）：" + b.place + "（区划代码 " + b.division + "），" + b.start.to_string() + " 至 " +
             b.end.to_string();
    }
    std::string operator()(const ObjectionRecorded& b) const {
      return "对公示 " + std::to_string(b.notice) + " 的异议" + (b.upheld ? "成立：" : "不成立：") +
             b.summary;
    }
    std::string operator()(const AssetCorrected& b) const {
      return "资产 " + std::to_string(b.asset) + " 更正（第 " + std::to_string(b.corrects) +
             " 条记录）：" + b.reason;
    }
  };
  return std::visit(Describe{}, body);
}

}  // namespace taizhang

// Authority: request signatures, the actors' keys and who may change them.
#include "ledger/authority.h"

#include <algorithm>

#include "ledger/lmdb_env.h"
#include "taizhang/error.h"

namespace taizhang::ledger_detail {

using internal::U64Key;

namespace {

std::string who(std::uint64_t actor) {
  return actor == 0 ? std::string("actor 0 (the register's log key)")
                    : "actor " + std::to_string(actor);
}

// With the space a number takes before the Chinese that follows: "人员 3 ".
std::string who_zh(std::uint64_t actor) {
  return actor == 0 ? std::string("人员 0（登记簿的县级密钥）")
                    : "人员 " + std::to_string(actor) + " ";
}

std::string entry_zh(std::uint64_t sequence) {
  return "第 " + std::to_string(sequence) + " 条记录";
}

bool is_registrar(const KeyRecord& key) {
  return key.role == kRegisterRole ||
         key.role == static_cast<std::uint16_t>(Role::kCountyRegistrar);
}

[[noreturn]] void unauthorized(const std::string& where, const std::string& what,
                               const std::string& where_zh, const std::string& what_zh) {
  throw_error(ErrorKind::kUnauthorized, where + ": " + what, where_zh + "：" + what_zh);
}

[[noreturn]] void unauthorized(std::uint64_t sequence, const std::string& what,
                               const std::string& what_zh) {
  unauthorized("entry " + std::to_string(sequence), what, entry_zh(sequence), what_zh);
}

void check_approvals(const ViewStore& views, const Entry& entry, const internal::Stamp& stamp,
                     const std::string& id) {
  if (entry.approvals.empty()) return;
  Entry signed_form_source;  // approval_message reads the entry's own request id
  const Entry* source = &entry;
  if (entry.request_id != *stamp.request_id) {
    signed_form_source = entry;
    signed_form_source.request_id = *stamp.request_id;
    source = &signed_form_source;
  }
  const Bytes message = approval_message(id, *source);
  for (std::size_t i = 0; i < entry.approvals.size(); ++i) {
    const Approval& approval = entry.approvals[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (entry.approvals[j].signer == approval.signer) {
        unauthorized(stamp.sequence,
                     "approvals: actor " + std::to_string(approval.signer) + " signs twice",
                     "人员 " + std::to_string(approval.signer) +
                         " 在审批签名中签了两次：每位审批人只签一次");
      }
    }
    const auto key = find_key(views, approval.signer);
    if (!key || key->revoked) {
      unauthorized(stamp.sequence,
                   "approvals: signer actor " + std::to_string(approval.signer) +
                       (key ? " has a revoked key" : " has no enrolled key"),
                   "审批签名人（人员 " + std::to_string(approval.signer) + "）" +
                       (key ? "的密钥已吊销，其签名无效" : "没有登记密钥，其签名无效"));
    }
    if (!verify_signature_record(key->algorithm, key->public_key, message, approval.signature)) {
      unauthorized(stamp.sequence,
                   "approvals: the signature of actor " + std::to_string(approval.signer) +
                       " does not verify under that actor's key for this register",
                   "人员 " + std::to_string(approval.signer) +
                       " 的审批签名与其在本登记簿登记的密钥不符：签名须由本人用自己的密钥、"
                       "为本登记簿的这项请求签署");
    }
  }
}

}  // namespace

Bytes KeyRecord::encode() const {
  Bytes out;
  out.reserve(4 + public_key.size());
  out.push_back(static_cast<std::uint8_t>(role >> 8));
  out.push_back(static_cast<std::uint8_t>(role));
  out.push_back(revoked ? 1 : 0);
  out.push_back(static_cast<std::uint8_t>(algorithm));
  out.insert(out.end(), public_key.begin(), public_key.end());
  return out;
}

KeyRecord KeyRecord::decode(ByteView bytes) {
  if (bytes.size() < 5 || bytes[2] > 1 ||
      bytes[3] > static_cast<std::uint8_t>(KeyAlgorithm::kSm2Sm3)) {
    throw_error(ErrorKind::kIntegrityError, "damaged view record in actors",
                "台账数据文件已损坏：数据表 actors 中的密钥记录无法解码，请用 taizhang verify "
                "--deep 检查");
  }
  KeyRecord record;
  record.role = static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
  record.revoked = bytes[2] == 1;
  record.algorithm = static_cast<KeyAlgorithm>(bytes[3]);
  record.public_key.assign(bytes.begin() + 4, bytes.end());
  return record;
}

std::optional<KeyRecord> find_key(const ViewStore& views, std::uint64_t actor) {
  const auto bytes = views.get(kActorsTable, U64Key(actor).view());
  if (!bytes) return std::nullopt;
  return KeyRecord::decode(*bytes);
}

KeyRecord signing_key(const ViewStore& views, const Entry& first, bool first_of_log,
                      const std::string& where, const std::string& where_zh) {
  if (const auto* init = std::get_if<RegisterInitialized>(&first.body); init && first_of_log) {
    return {kRegisterRole, false, KeyAlgorithm::kEd25519, init->log_public_key};
  }
  auto key = find_key(views, first.actor);
  if (!key) {
    unauthorized(where, who(first.actor) + " has no enrolled key", where_zh,
                 who_zh(first.actor) + "没有登记密钥：须先由县级登记员登记其密钥，才能签名提交");
  }
  if (key->revoked) {
    unauthorized(where, who(first.actor) + "'s key is revoked", where_zh,
                 who_zh(first.actor) + "的密钥已吊销，不能再签名提交：请县级登记员为其更换密钥");
  }
  return std::move(*key);
}

void check_signature(const KeyRecord& key, ByteView message, ByteView signature,
                     std::uint64_t actor, const std::string& where, const std::string& where_zh) {
  if (signature.empty()) {
    unauthorized(where, "the request of " + who(actor) + " is not signed", where_zh,
                 who_zh(actor) + "提交的请求没有签名：须用本人的密钥签名后提交");
  }
  if (!verify_signature_record(key.algorithm, key.public_key, message, signature)) {
    unauthorized(where,
                 "the request's signature does not verify under the key of " + who(actor) +
                     " for this register",
                 where_zh,
                 "请求的签名与" + who_zh(actor) +
                     "在本登记簿登记的密钥不符：须用本人登记的密钥、为本登记簿签名，"
                     "签名后内容不能再改");
  }
}

void apply_core(ViewStore& views, const Entry& entry, const internal::Stamp& stamp,
                std::string& id) {
  const auto* init = std::get_if<RegisterInitialized>(&entry.body);
  if (stamp.sequence == 0 && init == nullptr) {
    throw_invalid("body", describe_body(entry.body), "entry 0 must initialise the register",
                  "第 0 条记录须是登记簿的初始化记录");
  }
  if (stamp.sequence != 0 && init != nullptr) {
    throw_error(ErrorKind::kConflict, "the register is already initialised",
                "登记簿已经初始化，不能再初始化一次");
  }
  const Date recorded_day = Date::at(stamp.recorded_micros, kCountyUtcOffsetSeconds);
  if (entry.effective > recorded_day) {
    throw_error(ErrorKind::kRuleViolation,
                "entry " + std::to_string(stamp.sequence) + ": effective " +
                    entry.effective.to_string() + " is after the day it is recorded, " +
                    recorded_day.to_string() + " (the register's clock)",
                entry_zh(stamp.sequence) + "：生效日期 " + entry.effective.to_string() +
                    " 晚于登记日期 " + recorded_day.to_string() +
                    "（按登记簿的时钟）：尚未发生的事项不能登记，请到当天或之后再登记");
  }
  if (init != nullptr) {
    id = register_id(*init);
    if (entry.actor != 0) {
      unauthorized(stamp.sequence, "entry 0 is by actor 0",
                   "第 0 条记录只能由人员 0（登记簿本身）写入");
    }
    views.put(
        kActorsTable, U64Key(0).view(),
        KeyRecord{kRegisterRole, false, KeyAlgorithm::kEd25519, init->log_public_key}.encode());
    return;
  }
  check_approvals(views, entry, stamp, id);
  // The request's signature proved the author holds its key; what the key entries need besides
  // is the author's role.
  const bool changes_keys = std::holds_alternative<ActorKeyEnrolled>(entry.body) ||
                            std::holds_alternative<ActorKeyRotated>(entry.body) ||
                            std::holds_alternative<ActorKeyRevoked>(entry.body);
  if (!changes_keys) return;
  const auto author = find_key(views, entry.actor);
  if (!author) {
    unauthorized(stamp.sequence, who(entry.actor) + " has no enrolled key",
                 who_zh(entry.actor) + "没有登记密钥，不能登记、更换或吊销密钥");
  }
  if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&entry.body)) {
    if (!is_registrar(*author)) {
      unauthorized(stamp.sequence,
                   who(entry.actor) +
                       " is not a county registrar and may not "
                       "enrol actor " +
                       std::to_string(enrolled->actor),
                   who_zh(entry.actor) + "不是县级登记员，不能登记人员 " +
                       std::to_string(enrolled->actor) + "：经办人员由县级登记员登记");
    }
    const KeyRecord record{static_cast<std::uint16_t>(enrolled->role), false, enrolled->algorithm,
                           enrolled->public_key};
    if (views.insert(kActorsTable, U64Key(enrolled->actor).view(), record.encode())) {
      throw_error(ErrorKind::kConflict,
                  "actor " + std::to_string(enrolled->actor) + " is already enrolled",
                  "人员 " + std::to_string(enrolled->actor) +
                      " 已登记过，不能重复登记：要换密钥请办理更换密钥");
    }
    return;
  }
  auto target_of = [&](std::uint64_t actor, std::string_view what, std::string_view what_zh) {
    auto target = find_key(views, actor);
    if (!target || actor == 0) {
      throw_invalid("actor", std::to_string(actor), "no enrolled actor has this id",
                    "没有登记过这个编号的经办人员");
    }
    if (!is_registrar(*author) && entry.actor != actor) {
      unauthorized(stamp.sequence,
                   who(entry.actor) + " may not " + std::string(what) + " of actor " +
                       std::to_string(actor) + " (a registrar or the actor itself may)",
                   who_zh(entry.actor) + "不能" + std::string(what_zh) + "人员 " +
                       std::to_string(actor) + " 的密钥：只有县级登记员或本人可以");
    }
    return std::move(*target);
  };
  if (const auto* rotated = std::get_if<ActorKeyRotated>(&entry.body)) {
    KeyRecord target = target_of(rotated->actor, "rotate the key", "更换");
    if (target.revoked && !is_registrar(*author)) {
      unauthorized(stamp.sequence, "a revoked key is replaced by a registrar, not by its actor",
                   "已吊销的密钥只能由县级登记员更换，本人不能更换");
    }
    target.revoked = false;
    target.algorithm = rotated->algorithm;
    target.public_key = rotated->public_key;
    views.put(kActorsTable, U64Key(rotated->actor).view(), target.encode());
  } else if (const auto* revoked = std::get_if<ActorKeyRevoked>(&entry.body)) {
    KeyRecord target = target_of(revoked->actor, "revoke the key", "吊销");
    if (target.revoked) {
      throw_error(ErrorKind::kConflict,
                  "actor " + std::to_string(revoked->actor) + "'s key is already revoked",
                  "人员 " + std::to_string(revoked->actor) + " 的密钥已经吊销，无须再吊销");
    }
    target.revoked = true;
    views.put(kActorsTable, U64Key(revoked->actor).view(), target.encode());
  }
}

void RequestChecker::before_apply(const ViewStore& views, const Entry& entry,
                                  std::uint64_t sequence, const std::string& id) {
  if (open_ && (entry.request_id != request_id_ || entry.actor != actor_)) {
    unauthorized(first_, "the request of " + who(actor_) + " ends without its signature",
                 who_zh(actor_) + "的请求没有签名就结束了：请求的最后一条记录须带签名");
  }
  if (!open_) {
    if (!seen_.insert(entry.request_id).second) {
      throw_error(ErrorKind::kIntegrityError,
                  "entry " + std::to_string(sequence) + ": request id " + to_hex(entry.request_id) +
                      " was used by an earlier request: a signed request replayed",
                  entry_zh(sequence) + "：请求编号 " + to_hex(entry.request_id) +
                      " 已被之前的请求用过：这是把已签名的请求重复写入了一次");
    }
    key_ = signing_key(views, entry, sequence == 0, "entry " + std::to_string(sequence),
                       entry_zh(sequence));
    open_ = true;
    actor_ = entry.actor;
    first_ = sequence;
    request_id_ = entry.request_id;
    const std::string& name =
        sequence == 0 && std::holds_alternative<RegisterInitialized>(entry.body)
            ? register_id(std::get<RegisterInitialized>(entry.body))
            : id;
    message_.emplace(name, actor_, request_id_);
  }
  scratch_.clear();
  internal::append_entry_encoding(
      entry,
      {internal::kPlaceholderSequence, internal::kPlaceholderMicros, &request_id_, true, false},
      scratch_);
  message_->add(scratch_);
  if (!entry.signature.empty()) {
    const Bytes message = message_->finish();
    message_.reset();
    open_ = false;
    check_signature(key_, message, entry.signature, actor_, "entry " + std::to_string(sequence),
                    entry_zh(sequence));
  }
}

void RequestChecker::finish(std::uint64_t size) {
  if (open_) {
    unauthorized(
        first_,
        "the request of " + who(actor_) +
            " ends without its signature at the "
            "end of the log (" +
            std::to_string(size) + " entries)",
        who_zh(actor_) + "的请求到登记簿末尾（共 " + std::to_string(size) + " 条记录）仍没有签名");
  }
}

std::optional<ByteView> MemoryViews::get(std::string_view table, ByteView key) const {
  const auto t = tables_.find(table);
  if (t == tables_.end()) return std::nullopt;
  const auto found = t->second.find(Bytes(key.begin(), key.end()));
  if (found == t->second.end()) return std::nullopt;
  return ByteView(found->second);
}

void MemoryViews::put(std::string_view table, ByteView key, ByteView value) {
  auto t = tables_.find(table);
  if (t == tables_.end()) t = tables_.emplace(std::string(table), std::map<Bytes, Bytes>{}).first;
  t->second[Bytes(key.begin(), key.end())] = Bytes(value.begin(), value.end());
}

std::optional<ByteView> MemoryViews::insert(std::string_view table, ByteView key, ByteView value) {
  if (auto existing = get(table, key)) return existing;
  put(table, key, value);
  return std::nullopt;
}

void MemoryViews::erase(std::string_view table, ByteView key) {
  const auto t = tables_.find(table);
  if (t != tables_.end()) t->second.erase(Bytes(key.begin(), key.end()));
}

void MemoryViews::scan(std::string_view table, ByteView prefix,
                       const std::function<bool(ByteView key, ByteView value)>& visit) const {
  const auto t = tables_.find(table);
  if (t == tables_.end()) return;
  for (auto it = t->second.lower_bound(Bytes(prefix.begin(), prefix.end())); it != t->second.end();
       ++it) {
    if (it->first.size() < prefix.size() ||
        !std::equal(prefix.begin(), prefix.end(), it->first.begin())) {
      return;
    }
    if (!visit(it->first, it->second)) return;
  }
}

}  // namespace taizhang::ledger_detail

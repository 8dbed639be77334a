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

bool is_registrar(const KeyRecord& key) {
  return key.role == kRegisterRole ||
         key.role == static_cast<std::uint16_t>(Role::kCountyRegistrar);
}

[[noreturn]] void unauthorized(const std::string& where, const std::string& what) {
  throw_error(ErrorKind::kUnauthorized, where + ": " + what);
}

[[noreturn]] void unauthorized(std::uint64_t sequence, const std::string& what) {
  unauthorized("entry " + std::to_string(sequence), what);
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
                     "approvals: actor " + std::to_string(approval.signer) + " signs twice");
      }
    }
    const auto key = find_key(views, approval.signer);
    if (!key || key->revoked) {
      unauthorized(stamp.sequence, "approvals: signer actor " + std::to_string(approval.signer) +
                                       (key ? " has a revoked key" : " has no enrolled key"));
    }
    if (!verify_signature_record(key->algorithm, key->public_key, message, approval.signature)) {
      unauthorized(stamp.sequence, "approvals: the signature of actor " +
                                       std::to_string(approval.signer) +
                                       " does not verify under that actor's key for this register");
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
    throw_error(ErrorKind::kIntegrityError, "damaged view record in actors");
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
                      const std::string& where) {
  if (const auto* init = std::get_if<RegisterInitialized>(&first.body); init && first_of_log) {
    return {kRegisterRole, false, KeyAlgorithm::kEd25519, init->log_public_key};
  }
  auto key = find_key(views, first.actor);
  if (!key) unauthorized(where, who(first.actor) + " has no enrolled key");
  if (key->revoked) unauthorized(where, who(first.actor) + "'s key is revoked");
  return std::move(*key);
}

void check_signature(const KeyRecord& key, ByteView message, ByteView signature,
                     std::uint64_t actor, const std::string& where) {
  if (signature.empty()) unauthorized(where, "the request of " + who(actor) + " is not signed");
  if (!verify_signature_record(key.algorithm, key.public_key, message, signature)) {
    unauthorized(where, "the request's signature does not verify under the key of " + who(actor) +
                            " for this register");
  }
}

void apply_core(ViewStore& views, const Entry& entry, const internal::Stamp& stamp,
                std::string& id) {
  const auto* init = std::get_if<RegisterInitialized>(&entry.body);
  if (stamp.sequence == 0 && init == nullptr) {
    throw_invalid("body", describe_body(entry.body), "entry 0 must initialise the register");
  }
  if (stamp.sequence != 0 && init != nullptr) {
    throw_error(ErrorKind::kConflict, "the register is already initialised");
  }
  const Date recorded_day = Date::at(stamp.recorded_micros, kCountyUtcOffsetSeconds);
  if (entry.effective > recorded_day) {
    throw_error(ErrorKind::kRuleViolation,
                "entry " + std::to_string(stamp.sequence) + ": effective " +
                    entry.effective.to_string() + " is after the day it is recorded, " +
                    recorded_day.to_string() + " (the register's clock)");
  }
  if (init != nullptr) {
    id = register_id(*init);
    if (entry.actor != 0) unauthorized(stamp.sequence, "entry 0 is by actor 0");
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
  if (!author) unauthorized(stamp.sequence, who(entry.actor) + " has no enrolled key");
  if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&entry.body)) {
    if (!is_registrar(*author)) {
      unauthorized(stamp.sequence, who(entry.actor) +
                                       " is not a county registrar and may not "
                                       "enrol actor " +
                                       std::to_string(enrolled->actor));
    }
    const KeyRecord record{static_cast<std::uint16_t>(enrolled->role), false, enrolled->algorithm,
                           enrolled->public_key};
    if (views.insert(kActorsTable, U64Key(enrolled->actor).view(), record.encode())) {
      throw_error(ErrorKind::kConflict,
                  "actor " + std::to_string(enrolled->actor) + " is already enrolled");
    }
    return;
  }
  auto target_of = [&](std::uint64_t actor, std::string_view what) {
    auto target = find_key(views, actor);
    if (!target || actor == 0) {
      throw_invalid("actor", std::to_string(actor), "no enrolled actor has this id");
    }
    if (!is_registrar(*author) && entry.actor != actor) {
      unauthorized(stamp.sequence, who(entry.actor) + " may not " + std::string(what) +
                                       " of actor " + std::to_string(actor) +
                                       " (a registrar or the actor itself may)");
    }
    return std::move(*target);
  };
  if (const auto* rotated = std::get_if<ActorKeyRotated>(&entry.body)) {
    KeyRecord target = target_of(rotated->actor, "rotate the key");
    if (target.revoked && !is_registrar(*author)) {
      unauthorized(stamp.sequence, "a revoked key is replaced by a registrar, not by its actor");
    }
    target.revoked = false;
    target.algorithm = rotated->algorithm;
    target.public_key = rotated->public_key;
    views.put(kActorsTable, U64Key(rotated->actor).view(), target.encode());
  } else if (const auto* revoked = std::get_if<ActorKeyRevoked>(&entry.body)) {
    KeyRecord target = target_of(revoked->actor, "revoke the key");
    if (target.revoked) {
      throw_error(ErrorKind::kConflict,
                  "actor " + std::to_string(revoked->actor) + "'s key is already revoked");
    }
    target.revoked = true;
    views.put(kActorsTable, U64Key(revoked->actor).view(), target.encode());
  }
}

void RequestChecker::before_apply(const ViewStore& views, const Entry& entry,
                                  std::uint64_t sequence, const std::string& id) {
  if (open_ && (entry.request_id != request_id_ || entry.actor != actor_)) {
    unauthorized(first_, "the request of " + who(actor_) + " ends without its signature");
  }
  if (!open_) {
    if (!seen_.insert(entry.request_id).second) {
      throw_error(ErrorKind::kIntegrityError,
                  "entry " + std::to_string(sequence) + ": request id " + to_hex(entry.request_id) +
                      " was used by an earlier request: a signed request replayed");
    }
    key_ = signing_key(views, entry, sequence == 0, "entry " + std::to_string(sequence));
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
    check_signature(key_, message, entry.signature, actor_, "entry " + std::to_string(sequence));
  }
}

void RequestChecker::finish(std::uint64_t size) {
  if (open_) {
    unauthorized(first_, "the request of " + who(actor_) +
                             " ends without its signature at the "
                             "end of the log (" +
                             std::to_string(size) + " entries)");
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

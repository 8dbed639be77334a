// Authority: who signed each request, under which key, and whether that actor could.
//
// The ledger keeps one view of its own, "actors": every actor's key as the log has made it.
//
//   actors   actor id (u64 BE) -> role (u16 BE; 0xFFFF for actor 0, the register's log key)
//                                 state (u8: 0 active, 1 revoked)
//                                 algorithm (u8, KeyAlgorithm)
//                                 public key
//
// Every request of the log is signed by its actor: the signature sits on the request's last
// entry and covers request_message() of all its entries. The register itself is actor 0, whose
// key is the log key of entry 0; it signs entry 0, the first registrar's enrolment and the first
// policy. Enrolments are signed by the register or a county registrar; rotations and revocations
// by the register, a registrar, or the actor itself. The same rules run live (apply_core, with
// signatures checked in the submitting thread), on replay (verify_deep, replicas) and in plain
// verify (over an in-memory copy of this view), so each proves the same thing.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>

#include "model/entry_codec.h"
#include "taizhang/entry.h"
#include "taizhang/keys.h"
#include "taizhang/views.h"

namespace taizhang::ledger_detail {

constexpr std::string_view kActorsTable = "actors";
constexpr std::uint16_t kRegisterRole = 0xFFFF;  // actor 0: the register's log key

struct KeyRecord {
  std::uint16_t role = 0;
  bool revoked = false;
  KeyAlgorithm algorithm = KeyAlgorithm::kEd25519;
  Bytes public_key;

  Bytes encode() const;
  // IntegrityError for bytes that are not a key record.
  static KeyRecord decode(ByteView bytes);
};

std::optional<KeyRecord> find_key(const ViewStore& views, std::uint64_t actor);

// The name every signature in a register signs: its log key as verifier text (origin, key id and
// public key), so a signature fits no other register, not even one under the same origin.
inline std::string register_id(const RegisterInitialized& init) {
  return Verifier::from_public_key(init.origin, init.log_public_key).text();
}

// The key that must have signed the request whose first entry is `first`: for the register's
// first entry, the log key it names; otherwise the actor's key in `views`. Unauthorized, naming
// `where` ("entry 12", "request 0a1b..."; in Chinese `where_zh`: "第 12 条记录", "请求 0a1b..."),
// if the actor has none or it is revoked.
KeyRecord signing_key(const ViewStore& views, const Entry& first, bool first_of_log,
                      const std::string& where, const std::string& where_zh);

// Unauthorized naming `where` unless `signature` is a signature record of `message` by `key`.
void check_signature(const KeyRecord& key, ByteView message, ByteView signature,
                     std::uint64_t actor, const std::string& where, const std::string& where_zh);

// The rules the ledger itself enforces on each entry, and the "actors" view they maintain:
// entry 0 and only entry 0 initialises the register; the effective date is not after the day the
// entry is recorded; approvals verify under their signers' keys; enrolments, rotations and
// revocations come from actors who may make them. `id` is the register's id (set by entry 0).
void apply_core(ViewStore& views, const Entry& entry, const internal::Stamp& stamp,
                std::string& id);

// Groups entries read back from a log into their requests and checks each request's signature
// under its actor's key at the request's first entry. Call before_apply() with each entry in
// order before apply_core() applies it, and finish() after the last.
class RequestChecker {
 public:
  void before_apply(const ViewStore& views, const Entry& entry, std::uint64_t sequence,
                    const std::string& id);
  void finish(std::uint64_t size);
  // The first entry of a request still waiting for its signature, if any.
  std::optional<std::uint64_t> open_request() const {
    return open_ ? std::optional<std::uint64_t>(first_) : std::nullopt;
  }

 private:
  struct IdHash {
    std::size_t operator()(const RequestId& id) const {
      std::size_t h = 0;
      std::memcpy(&h, id.data() + id.size() - sizeof h, sizeof h);  // the random half
      return h;
    }
  };
  // Every request id seen: a request replayed later in the log (its signature still valid) is
  // refused, whatever the files' request index says.
  std::unordered_set<RequestId, IdHash> seen_;
  bool open_ = false;
  std::uint64_t actor_ = 0;
  std::uint64_t first_ = 0;
  RequestId request_id_{};
  KeyRecord key_;
  std::optional<internal::RequestMessage> message_;
  Bytes scratch_;
};

// A ViewStore in memory, for plain verify's copy of the "actors" view.
class MemoryViews final : public ViewStore {
 public:
  std::optional<ByteView> get(std::string_view table, ByteView key) const override;
  void put(std::string_view table, ByteView key, ByteView value) override;
  std::optional<ByteView> insert(std::string_view table, ByteView key, ByteView value) override;
  void erase(std::string_view table, ByteView key) override;
  void scan(std::string_view table, ByteView prefix,
            const std::function<bool(ByteView key, ByteView value)>& visit) const override;

 private:
  std::map<std::string, std::map<Bytes, Bytes>, std::less<>> tables_;
};

}  // namespace taizhang::ledger_detail

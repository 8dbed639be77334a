// The ledger: a county register's append-only, verifiable log in one LMDB environment.
//
// A register is a directory holding an LMDB environment (data.mdb, lock.mdb). Its log is a
// sequence of entries numbered from 0, each stored in canonical form and hashed into an RFC 6962
// Merkle tree whose every complete subtree is stored, so roots and proofs cost O(log n) reads.
// Signed checkpoints (tlog-checkpoint notes) fix the tree head at moments the county chooses.
//
// Thread safety: a Ledger may be shared by threads; writes are serialised by LMDB's writer lock
// (also across processes), reads run on snapshots and never block the writer. After fork(), the
// child must open its own Ledger (LMDB environments do not survive fork).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/checkpoint.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"
#include "taizhang/export.h"
#include "taizhang/keys.h"
#include "taizhang/merkle.h"
#include "taizhang/views.h"

namespace taizhang {

struct LedgerOptions {
  // The initial LMDB map size. It grows (doubling) when a write meets MDB_MAP_FULL, and the
  // write is replayed, so this only needs to be a sensible start.
  std::uint64_t map_size_bytes = std::uint64_t{64} << 20;
  // Durable: every commit is on disk when append returns. Off only for throwaway registers.
  bool durable = true;
  bool read_only = false;
  // The largest the map may grow to; 0 means as large as the system allows. A write that needs
  // more fails with StorageError, writes nothing, and leaves the register open for reads.
  std::uint64_t map_size_max_bytes = 0;
  // Read-only opens only: open without LMDB's lock file (MDB_NOLOCK), for a copy that no process
  // writes (a copy on read-only media, an archive). Chosen by itself when the directory (or its
  // lock file) cannot be written, as the lock file could not be made or used there.
  bool without_lock_file = false;
  // The source of recorded times (UTC microseconds). Empty means the system clock. Recorded
  // times never decrease along the log whatever the clock says.
  std::function<std::int64_t()> clock_micros;
  // The fold that derives this register's views (the Registry supplies the domain's). The
  // ledger's own view of actors' keys is always kept. Must be the same fold on every open.
  std::shared_ptr<const Fold> fold;
};

// The county and log identity, fixed at create.
struct RegisterInfo {
  std::string county_code;  // 12-digit division code
  std::string county_name;
  std::string origin;  // the checkpoint origin, e.g. "taizhang.gov.cn/520122"
};

// One request: one or more entries that land together under one request id. The ledger fills
// each entry's sequence, recorded time and request id.
struct AppendRequest {
  RequestId request_id{};
  std::vector<Entry> entries;
  // The actor's key, when this process holds it: the ledger signs the request itself (after
  // checking that it is the key the actor has enrolled), so the signature needs no check.
  // Otherwise the last entry carries the actor's signature (request_message()), checked before
  // the write.
  const Signer* sign_with = nullptr;
};

struct AppendOutcome {
  std::uint64_t first_sequence = 0;
  std::uint32_t count = 0;
  bool replayed = false;  // true when this request id had already landed with this content
};

struct VerifyReport {
  bool ok = true;
  std::uint64_t entries_checked = 0;
  std::uint64_t view_records_compared = 0;  // verify_deep only
  std::uint64_t checkpoints_checked = 0;
  // Plain verify: the view records were digested and matched the digest the checkpoint at the
  // head of the log signs. False when no checkpoint covers the head (nothing to compare with).
  bool views_checked = false;
  std::uint64_t view_records_digested = 0;
  std::optional<std::uint64_t> first_bad_sequence;  // the first entry that failed, if any
  std::string problem;                              // what failed, empty when ok
  // Not damage (ok is unaffected): set when some process holds a read snapshot far behind the
  // head, which keeps LMDB from reusing the pages it sees, so the file grows. Names the process.
  std::string reader_warning;
};

// A read snapshot held in the register's reader table (by this or another process).
struct HeldSnapshot {
  std::int64_t process = 0;    // its process id
  std::uint64_t snapshot = 0;  // the LMDB transaction it reads
  std::uint64_t behind = 0;    // commits made since
};

class TAIZHANG_EXPORT Ledger {
 public:
  // Creates a register in `directory` (created if missing; refused with Conflict if it already
  // holds one). Writes entry 0 (RegisterInitialized, naming `log_key`'s public key) and signs the
  // first checkpoint. The signer's name must equal info.origin.
  static Ledger create(const std::string& directory, const RegisterInfo& info,
                       const Signer& log_key, LedgerOptions options = {});
  // Opens an existing register. NotFound if there is none; StorageError for an unknown format
  // version or a damaged environment. Clears reader slots left by crashed processes.
  static Ledger open(const std::string& directory, LedgerOptions options = {});

  // Replication. A replica holds another register's entries exactly as written there (the same
  // sequence numbers, recorded times, request ids and signatures), so its tree, checkpoints and
  // views equal the source's.
  //
  // `produce(sink)` calls sink(bytes) with each entry's canonical bytes in order; it may be
  // called more than once (if the map has to grow, the transaction is replayed), so it must
  // start again from its beginning each time. Every entry must be the next sequence, with a
  // recorded time not before the last; each passes the same rules and folds as a new entry
  // (approvals verify under enrolled keys); with `expected_root`, the tree they complete must
  // have that root (IntegrityError otherwise). All land, or none does. Returns the number added.
  using EntryProducer = std::function<void(const std::function<void(ByteView)>& sink)>;
  std::uint64_t append_replicated(const EntryProducer& produce,
                                  const Hash* expected_root = nullptr);
  // Creates a replica in `directory` (refused with Conflict if it holds a register) from
  // `produce`, whose first entry must be entry 0. On any error nothing is left behind.
  static Ledger create_replica(const std::string& directory, const EntryProducer& produce,
                               const Hash* expected_root = nullptr, LedgerOptions options = {});
  // Stores a checkpoint signed elsewhere by this log's key. InvalidInput if the note is
  // malformed; IntegrityError if it carries no valid signature by this log's key, if its size is
  // 0 or past the log, or if its root is not this log's root at that size. Nothing is stored
  // then.
  void store_checkpoint(std::string_view note);

  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  ~Ledger();

  // Appends the requests in one write transaction: all land, or (on any error) none does.
  // A request whose id already landed with the same content returns its first outcome and
  // writes nothing; with other content the whole batch fails with Conflict. Entry bodies are
  // checked (InvalidInput naming the field), approvals must verify under the signer's enrolled
  // key (Unauthorized), an actor may be enrolled once (Conflict).
  std::vector<AppendOutcome> append_batch(std::span<const AppendRequest> requests);
  // One request. Requests appended this way by many threads at once are committed together in
  // one transaction and one sync (group commit), each in a nested transaction: a refused one
  // throws to its own caller and the others land.
  AppendOutcome append(const AppendRequest& request);
  // Write transactions this Ledger object has committed (for tests and benchmarks).
  std::uint64_t write_transactions() const;
  // Runs the requests exactly as append_batch would, rules and folds included, and discards
  // the transaction: throws what append_batch would throw, writes nothing.
  void check_batch(std::span<const AppendRequest> requests);

  RegisterInfo info() const;
  // True for a county register: its views are kept by a fold (recorded when it was made), so it
  // is verified deeply, and written, only with that fold.
  bool kept_by_fold() const;
  std::uint64_t size() const;  // number of entries
  // Today: the day of this ledger's clock (LedgerOptions::clock_micros) in the counties' time
  // zone (kCountyUtcOffsetSeconds). Reports and audits default to it.
  Date today() const;
  Hash root() const;                                // Merkle root of all entries
  Hash root_at(std::uint64_t size) const;           // root of the first `size` entries
  merkle::Frontier frontier() const;                // the right edge of the current tree
  Bytes entry_bytes(std::uint64_t sequence) const;  // NotFound past the end
  Entry entry(std::uint64_t sequence) const;
  // Calls `visit(sequence, bytes)` for entries [from, to) in order on one snapshot; the bytes are
  // valid only during the call. Stops early when `visit` returns false.
  void scan_entries(std::uint64_t from, std::uint64_t to,
                    const std::function<bool(std::uint64_t, ByteView)>& visit) const;
  // Runs `reader` on one consistent snapshot of the views (the fold's tables and "actors").
  // The ViewStore is valid only during the call and refuses writes.
  void read_views(const std::function<void(const ViewStore& views)>& reader) const;
  // The enrolled key of `actor`; NotFound if not enrolled.
  Verifier actor_key(std::uint64_t actor) const;

  // The read snapshots held now, oldest first (reader slots between reads hold none and are
  // not listed). Slots of dead processes are cleared when a register is opened.
  std::vector<HeldSnapshot> held_snapshots() const;

  // Proof that entry `sequence` is in the tree of the first `size` entries.
  std::vector<Hash> inclusion_proof(std::uint64_t sequence, std::uint64_t size) const;
  std::vector<Hash> consistency_proof(std::uint64_t size1, std::uint64_t size2) const;

  // Signs the current tree head and the digest of every view record with `log_key` and stores
  // the note. Unauthorized if the key is not this log's key.
  std::string checkpoint(const Signer& log_key);
  // checkpoint(), for a signer that keeps the last note it signed in the file `signed_before`
  // (beside its key file): it first runs verify() with its own key (every signature, and the
  // views against the last checkpoint if it covers the head), and refuses (IntegrityError,
  // nothing signed) a register that fails, or a head that does not extend that note (a restored
  // older copy, a fork); then signs and records the new note.
  std::string checkpoint(const Signer& log_key, const std::string& signed_before);
  // The last checkpoint stored, if any; and the one at exactly `size`.
  std::optional<std::string> latest_checkpoint() const;
  std::optional<std::string> checkpoint_at(std::uint64_t size) const;
  // The verifier for this log's checkpoints (from entry 0).
  Verifier log_verifier() const;

  // Recomputes every leaf from the stored entry bytes and every stored subtree hash, the root
  // and each stored checkpoint's root and signature; and, when a checkpoint covers the whole log,
  // digests every view record in one scan and compares it with the digest that checkpoint signs,
  // naming the table that differs. Memory is flat in the log's length.
  // `trusted`, if given, is the county's log key as known from outside the register (its
  // published .pub file): entry 0 must name it, so a register rewritten wholesale under a new
  // key is reported too, and every request's signature is checked under the key its actor had
  // when it was recorded (the keys as the log enrols, rotates and revokes them from that key
  // on), so an official's act forged into the files is reported, naming the entry.
  // `progress`, if set, is called now and then with the entries checked.
  VerifyReport verify(const std::function<void(std::uint64_t)>& progress = {},
                      const Verifier* trusted = nullptr) const;
  // verify(), then replays the whole log through the folds into a scratch environment under
  // `scratch_parent` (the system's temporary directory if empty) and compares every view table
  // and the request index with the live ones byte for byte, naming the first difference.
  VerifyReport verify_deep(const std::function<void(std::uint64_t)>& progress = {},
                           const Verifier* trusted = nullptr,
                           const std::string& scratch_parent = "") const;
  // Checks that this log extends every earlier checkpoint in `notes` (signed notes as the county
  // published them, signed by `trusted` or else this log's key): each names no more entries than
  // the log holds, and an RFC 9162 consistency proof from it to the current tree verifies. A
  // restored older copy of the register, or a fork, fails, naming the checkpoint.
  VerifyReport verify_since(std::span<const std::string> notes,
                            const Verifier* trusted = nullptr) const;

  struct Impl;

 private:
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A fresh request id: 8 bytes of time (microseconds, strictly increasing in this process) then 8
// random bytes. Any unique 16 bytes will do as a request id, but ids that increase over time
// keep the requests index append-only and writes fast; uniformly random ids cost a page
// rewrite per request.
TAIZHANG_EXPORT RequestId random_request_id();

}  // namespace taizhang

// The ledger: log, Merkle tree, checkpoints, request ids and the actor-key view in LMDB.
//
// Databases of the environment (docs/architecture.md §4):
//
//   log          seq (u64 BE)                  -> canonical entry bytes
//   tree         seq (u64 BE)                  -> the hashes of the complete subtrees that entry
//                                                 seq completes, level 0 (its leaf) upwards
//   (The complete subtree at (level, index) is completed by leaf (index + 1) * 2^level - 1, at
//   position `level` of that leaf's record. One record per entry, appended in key order, keeps
//   the tree as cheap to write as the log itself, and any node is still one read away.)
//   meta         name                          -> value (see kMeta* below)
//   requests     request id (16 bytes)         -> first seq (u64 BE) + count (u32 BE)
//   checkpoints  tree size (u64 BE)            -> signed checkpoint note
//   actors       actor id (u64 BE)             -> 32-byte Ed25519 public key (a view)
//
// A retry of a request id is compared with what landed by re-encoding it with the stored
// entries' stamps: equal bytes are the same request.
#include "taizhang/ledger.h"

#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>

#include "core/sha256.h"
#include "ledger/lmdb_env.h"
#include "ledger/lmdb_views.h"
#include "model/entry_codec.h"
#include "taizhang/error.h"
#include "taizhang/merkle.h"

namespace taizhang {

using internal::as_view;
using internal::Cursor;
using internal::Environment;
using internal::Transaction;
using internal::U64Key;

namespace {

constexpr std::string_view kMetaFormatVersion = "format_version";
constexpr std::string_view kMetaTreeSize = "tree_size";
constexpr std::string_view kMetaRoot = "root";
constexpr std::string_view kMetaLastMicros = "last_recorded_micros";

constexpr std::size_t kRequestsPerBatchMax = 100'000;
constexpr std::size_t kEntriesPerRequestMax = 10'000;
constexpr std::size_t kRequestRecordSize = 8 + 4;

// The requests index's record of a request: its first sequence and its entry count, big-endian.
struct RequestRecord {
  RequestRecord(std::uint64_t first, std::uint32_t count) {
    std::memcpy(bytes, internal::U64Key(first).bytes, 8);
    for (int i = 0; i < 4; ++i) bytes[8 + i] = static_cast<std::uint8_t>(count >> (24 - 8 * i));
  }
  ByteView view() const { return {bytes, kRequestRecordSize}; }
  std::uint8_t bytes[kRequestRecordSize];
};

// The entry whose record holds the complete subtree at (level, index).
std::uint64_t completing_leaf(unsigned level, std::uint64_t index) {
  return ((index + 1) << level) - 1;
}

// A batch's entries encoded back to back; entry i is bytes [ends[i-1], ends[i]).
struct PreparedBatch {
  std::span<std::uint8_t> entry(std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return {bytes.data() + begin, ends[i] - begin};
  }
  ByteView entry(std::size_t i) const { return const_cast<PreparedBatch*>(this)->entry(i); }
  Bytes bytes;
  std::vector<std::size_t> ends;
};

// The hashes one leaf completes: at most 64 levels above it plus itself.
struct TreeRecord {
  void clear() { size = 0; }
  void add(const Hash& hash) {
    std::memcpy(bytes + size, hash.data(), kHashSize);
    size += kHashSize;
  }
  ByteView view() const { return {bytes, size}; }
  std::uint8_t bytes[65 * kHashSize];
  std::size_t size = 0;
};

std::int64_t system_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string directory_data_file(const std::string& directory) { return directory + "/data.mdb"; }

constexpr std::string_view kActorsTable = "actors";

std::vector<std::string> view_table_names(const LedgerOptions& options) {
  std::vector<std::string> names = {std::string(kActorsTable)};
  if (options.fold) {
    for (const std::string& name : options.fold->tables()) {
      if (name == kActorsTable || name == "log" || name == "tree" || name == "meta" ||
          name == "requests" || name == "checkpoints") {
        throw_invalid("fold table", name, "the name is taken by the ledger");
      }
      names.push_back(name);
    }
  }
  return names;
}

void check_approvals(const ViewStore& views, const Entry& entry, const internal::Stamp& stamp) {
  if (entry.approvals.empty()) return;
  Bytes message;
  internal::encode_entry_into(entry, {0, 0, stamp.request_id, false}, message);
  for (std::size_t i = 0; i < entry.approvals.size(); ++i) {
    const Approval& approval = entry.approvals[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (entry.approvals[j].signer == approval.signer) {
        throw_error(
            ErrorKind::kUnauthorized,
            "approvals: actor " + std::to_string(approval.signer) + " signs the same entry twice");
      }
    }
    const auto key = views.get(kActorsTable, U64Key(approval.signer).view());
    if (!key) {
      throw_error(
          ErrorKind::kUnauthorized,
          "approvals: signer actor " + std::to_string(approval.signer) + " has no enrolled key");
    }
    const bool valid = approval.signature.size() == crypto_sign_BYTES &&
                       key->size() == crypto_sign_PUBLICKEYBYTES &&
                       crypto_sign_verify_detached(approval.signature.data(), message.data(),
                                                   message.size(), key->data()) == 0;
    if (!valid) {
      throw_error(ErrorKind::kUnauthorized, "approvals: signature of actor " +
                                                std::to_string(approval.signer) +
                                                " does not verify under that actor's enrolled key");
    }
  }
}

// The rules the ledger itself enforces, and the actor-key view they maintain: entry 0 and only
// entry 0 initialises the register; approvals verify under enrolled keys; an actor is enrolled
// once.
void apply_core(ViewStore& views, const Entry& entry, const internal::Stamp& stamp) {
  const bool initialises = std::holds_alternative<RegisterInitialized>(entry.body);
  if (stamp.sequence == 0 && !initialises) {
    throw_invalid("body", describe_body(entry.body), "entry 0 must initialise the register");
  }
  if (stamp.sequence != 0 && initialises) {
    throw_error(ErrorKind::kConflict, "the register is already initialised");
  }
  check_approvals(views, entry, stamp);
  if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&entry.body)) {
    if (views.insert(kActorsTable, U64Key(enrolled->actor).view(), enrolled->public_key)) {
      throw_error(ErrorKind::kConflict,
                  "actor " + std::to_string(enrolled->actor) + " is already enrolled");
    }
  }
}

}  // namespace

struct Ledger::Impl {
  Impl(const std::string& directory, LedgerOptions ledger_options)
      : options(std::move(ledger_options)),
        env(directory, options.map_size_bytes,
            MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0) |
                (options.durable ? MDB_NOMETASYNC : MDB_NOSYNC)) {
    Transaction txn(env, options.read_only);
    log = txn.open_db("log", !options.read_only);
    tree = txn.open_db("tree", !options.read_only);
    meta = txn.open_db("meta", !options.read_only);
    requests = txn.open_db("requests", !options.read_only);
    checkpoints = txn.open_db("checkpoints", !options.read_only);
    view_tables.open(txn, view_table_names(options), !options.read_only);
    txn.commit();
    if (!options.clock_micros) options.clock_micros = system_micros;
  }

  LedgerOptions options;
  Environment env;
  MDB_dbi log = 0, tree = 0, meta = 0, requests = 0, checkpoints = 0;
  internal::ViewTables view_tables;  // the ledger's "actors" and the fold's tables
  std::mutex write_mutex;
  std::atomic<std::uint64_t> committed{0};
  merkle::Frontier frontier;  // of the last committed tree; reloaded if another writer moved on

  std::optional<ByteView> meta_get(const Transaction& txn, std::string_view name) const {
    return txn.get(meta, as_bytes(name));
  }
  void meta_put(Transaction& txn, std::string_view name, ByteView value) {
    txn.put(meta, as_bytes(name), value);
  }
  std::uint64_t tree_size(const Transaction& txn) const {
    const auto value = meta_get(txn, kMetaTreeSize);
    return value ? internal::read_u64(*value) : 0;
  }

  merkle::SubtreeReader reader(const Transaction& txn) const {
    return [this, &txn](unsigned level, std::uint64_t index) {
      const auto record = txn.get(tree, U64Key(completing_leaf(level, index)).view());
      if (!record || record->size() < (level + 1) * kHashSize) {
        throw_error(ErrorKind::kIntegrityError, "tree node (" + std::to_string(level) + ", " +
                                                    std::to_string(index) + ") is missing");
      }
      return to_hash(record->subspan(level * kHashSize, kHashSize), "stored tree node");
    };
  }

  void check_format(const Transaction& txn) const {
    const auto version = meta_get(txn, kMetaFormatVersion);
    if (!version) {
      throw_error(ErrorKind::kNotFound, "no taizhang register here (meta has no format_version)");
    }
    const std::uint64_t found = internal::read_u64(*version);
    if (found != kFormatVersion) {
      throw_error(ErrorKind::kStorageError,
                  "unsupported register format version " + std::to_string(found) +
                      " (this build reads version " + std::to_string(kFormatVersion) + ")");
    }
  }

  Verifier log_verifier(const Transaction& txn) const {
    const Entry first = read_entry(txn, 0);
    const auto& init = std::get<RegisterInitialized>(first.body);
    return Verifier::from_public_key(init.origin, init.log_public_key);
  }

  Entry read_entry(const Transaction& txn, std::uint64_t sequence) const {
    const auto bytes = txn.get(log, U64Key(sequence).view());
    if (!bytes) throw_error(ErrorKind::kNotFound, "no entry " + std::to_string(sequence));
    Entry entry = decode_entry(*bytes);
    if (entry.sequence != sequence) {
      throw_error(ErrorKind::kIntegrityError, "entry stored at " + std::to_string(sequence) +
                                                  " says it is " + std::to_string(entry.sequence));
    }
    return entry;
  }

  // Applies an entry to the views in `txn`: the ledger's own rules first, then the fold's.
  // `entry` carries the caller's fields; `stamp` says where it lands.
  void apply(Transaction& txn, const Entry& entry, const internal::Stamp& stamp) const {
    internal::LmdbViews views(txn, view_tables);
    apply_core(views, entry, stamp);
    if (options.fold) {
      options.fold->apply(views, entry,
                          EntryStamp{stamp.sequence, stamp.recorded_micros, *stamp.request_id});
    }
  }

  // A request id seen before: the same content gives the first outcome, other content is a
  // conflict. `prepared` holds the request's entries encoded under the placeholder stamp; they
  // equal the stored entries everywhere but the stamp.
  AppendOutcome replay(const Transaction& txn, const AppendRequest& request, ByteView earlier,
                       const PreparedBatch& prepared, std::size_t first_prepared) const {
    if (earlier.size() != kRequestRecordSize) {
      throw_error(ErrorKind::kIntegrityError, "requests record of " + to_hex(request.request_id) +
                                                  " is " + std::to_string(earlier.size()) +
                                                  " bytes");
    }
    const std::uint64_t first = internal::read_u64(earlier.first(8));
    std::uint32_t count = 0;
    for (std::size_t i = 8; i < kRequestRecordSize; ++i) count = count << 8 | earlier[i];
    bool same = count == request.entries.size();
    for (std::uint32_t i = 0; same && i < count; ++i) {
      const auto stored = txn.get(log, U64Key(first + i).view());
      if (!stored) {
        throw_error(ErrorKind::kIntegrityError, "entry " + std::to_string(first + i) +
                                                    " of request " + to_hex(request.request_id) +
                                                    " is missing");
      }
      const ByteView mine = prepared.entry(first_prepared + i);
      constexpr std::size_t kStampEnd = internal::kRecordedMicrosOffset + 8;
      same = mine.size() == stored->size() &&
             std::equal(mine.begin(), mine.begin() + internal::kSequenceOffset, stored->begin()) &&
             std::equal(mine.begin() + kStampEnd, mine.end(), stored->begin() + kStampEnd);
    }
    if (!same) {
      throw_error(ErrorKind::kConflict, "request_id " + to_hex(request.request_id) +
                                            " was used before with other content");
    }
    return {first, count, true};
  }

  // Validates and encodes every entry of `batch` under the placeholder stamp. Runs before the
  // write transaction, so the writer lock is held only for stamping, hashing and storing.
  static PreparedBatch prepare(std::span<const AppendRequest> batch) {
    if (batch.size() > kRequestsPerBatchMax) {
      throw_invalid("requests", std::to_string(batch.size()), "more than 100000 in one batch");
    }
    PreparedBatch prepared;
    std::size_t entries = 0;
    for (const AppendRequest& request : batch) entries += request.entries.size();
    prepared.ends.reserve(entries);
    prepared.bytes.reserve(entries * 512);  // about an entry; grows if they are larger
    for (const AppendRequest& request : batch) {
      const std::size_t count = request.entries.size();
      if (count == 0 || count > kEntriesPerRequestMax) {
        throw_invalid("entries", std::to_string(count), "a request holds 1 to 10000 entries");
      }
      if (request.request_id == RequestId{}) {
        throw_invalid("request_id", to_hex(request.request_id), "a request id may not be all zero");
      }
      for (const Entry& entry : request.entries) {
        internal::append_entry_encoding(entry,
                                        {internal::kPlaceholderSequence,
                                         internal::kPlaceholderMicros, &request.request_id, true},
                                        prepared.bytes);
        prepared.ends.push_back(prepared.bytes.size());
      }
    }
    return prepared;
  }

  // One request's entries, from `prepared` at `first`: stamped, checked and applied, stored, and
  // hashed into `working`; `size` and `last_micros` advance.
  AppendOutcome write_request(Transaction& txn, const AppendRequest& request,
                              PreparedBatch& prepared, std::size_t first, std::uint64_t& size,
                              std::int64_t& last_micros, merkle::Frontier& working) {
    const auto count = static_cast<std::uint32_t>(request.entries.size());
    const RequestRecord request_record(size, count);
    if (const auto earlier = txn.insert(requests, request.request_id, request_record.view())) {
      return replay(txn, request, *earlier, prepared, first);
    }
    const AppendOutcome outcome{size, count, false};
    TreeRecord tree_record;
    std::size_t next = first;
    for (const Entry& entry : request.entries) {
      // Recorded times never decrease and are at least 1 (see kPlaceholderMicros).
      last_micros = std::max({last_micros, options.clock_micros(), std::int64_t{1}});
      const std::span<std::uint8_t> bytes = prepared.entry(next++);
      internal::patch_stamp(bytes, size, last_micros);
      apply(txn, entry, {size, last_micros, &request.request_id, true});
      const U64Key key(size++);
      txn.put(log, key.view(), bytes, MDB_APPEND);
      tree_record.clear();
      working.append(merkle::leaf_hash(bytes),
                     [&](const merkle::Frontier::Completed& node) { tree_record.add(node.hash); });
      txn.put(tree, key.view(), tree_record.view(), MDB_APPEND);
    }
    return outcome;
  }

  std::vector<AppendOutcome> write_batch(Transaction& txn, std::span<const AppendRequest> batch,
                                         PreparedBatch& prepared, merkle::Frontier& working) {
    std::uint64_t size = tree_size(txn);
    if (working.size() != size) working = merkle::Frontier::load(reader(txn), size);
    const auto last = meta_get(txn, kMetaLastMicros);
    std::int64_t last_micros = last ? static_cast<std::int64_t>(internal::read_u64(*last)) : 0;

    std::vector<AppendOutcome> outcomes;
    outcomes.reserve(batch.size());
    std::size_t next = 0;  // index of the request's first entry in `prepared`
    for (const AppendRequest& request : batch) {
      outcomes.push_back(write_request(txn, request, prepared, next, size, last_micros, working));
      next += request.entries.size();
    }
    meta_put(txn, kMetaTreeSize, U64Key(size).view());
    meta_put(txn, kMetaRoot, working.root());
    meta_put(txn, kMetaLastMicros, U64Key(static_cast<std::uint64_t>(last_micros)).view());
    return outcomes;
  }

  // Runs `work` in a write transaction, growing the map and replaying on MDB_MAP_FULL. The
  // cached frontier only advances when the transaction commits.
  //
  // Durability takes two syncs: LMDB syncs the data pages inside the commit, and (opened with
  // MDB_NOMETASYNC) leaves the new meta page written but unsynced; the sync that makes it
  // durable runs here after the writer lock is released, so the next writer builds and commits
  // its transaction while this one's meta page goes to disk. Nothing returns before both.
  template <typename Work>
  auto write(Work&& work) {
    auto result = write_unsynced(std::forward<Work>(work));
    if (options.durable) internal::check_lmdb(mdb_env_sync(env.get(), 1), "mdb_env_sync");
    return result;
  }

  template <typename Work>
  auto write_unsynced(Work&& work) {
    if (options.read_only) throw_error(ErrorKind::kUnauthorized, "the register is open read-only");
    std::lock_guard lock(write_mutex);
    constexpr int kGrowthsMax = 20;
    for (int attempt = 0;; ++attempt) {
      merkle::Frontier working = frontier;
      try {
        Transaction txn(env, false);
        auto result = work(txn, working);
        txn.commit();
        committed.fetch_add(1, std::memory_order_relaxed);
        frontier = std::move(working);
        return result;
      } catch (const internal::MapFull&) {
        if (attempt == kGrowthsMax) {
          throw_error(ErrorKind::kStorageError, "LMDB map is full even after growing it");
        }
        env.grow();
      }
    }
  }

  // Group commit: requests submitted one at a time by many threads share one transaction (and
  // one sync). The group is applied in order in one transaction; when a request is refused, the
  // transaction is abandoned, the refusal goes to its caller, and the rest of the group is
  // applied again without it (refusals are rare; a nested transaction per request would cost
  // LMDB a large allocation each).
  struct Pending {
    const AppendRequest* request = nullptr;
    PreparedBatch prepared;  // encoded by the submitting thread, before it queues
    AppendOutcome outcome;
    std::exception_ptr error;
    bool done = false;
    bool taken = false;  // in a group being committed
    std::condition_variable wake;
  };
  std::mutex group_mutex;
  std::vector<Pending*> group_queue;
  bool group_leader = false;
  std::size_t last_group_size = 1;
  static constexpr std::size_t kGroupMax = 4096;

  struct Refused {
    std::size_t index;
    std::exception_ptr error;
  };

  // Commits the group without the final sync (see write()); true when some of it committed.
  bool commit_group(std::vector<Pending*>& group) {
    std::vector<Pending*> ready = group;
    while (!ready.empty()) {
      try {
        write_unsynced([&](Transaction& txn, merkle::Frontier& working) {
          std::uint64_t size = tree_size(txn);
          if (working.size() != size) working = merkle::Frontier::load(reader(txn), size);
          const auto last = meta_get(txn, kMetaLastMicros);
          std::int64_t last_micros =
              last ? static_cast<std::int64_t>(internal::read_u64(*last)) : 0;
          for (std::size_t i = 0; i < ready.size(); ++i) {
            try {
              // A replay of the group writes the same bytes again: restamp from scratch.
              ready[i]->outcome = write_request(txn, *ready[i]->request, ready[i]->prepared, 0,
                                                size, last_micros, working);
            } catch (const internal::MapFull&) {
              throw;  // the whole group is replayed in a larger map
            } catch (...) {
              throw Refused{i, std::current_exception()};
            }
          }
          meta_put(txn, kMetaTreeSize, U64Key(size).view());
          meta_put(txn, kMetaRoot, working.root());
          meta_put(txn, kMetaLastMicros, U64Key(static_cast<std::uint64_t>(last_micros)).view());
          return 0;
        });
        return true;
      } catch (Refused& refused) {
        ready[refused.index]->error = refused.error;
        ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(refused.index));
      } catch (...) {
        // The commit itself failed: nothing of the group landed.
        for (Pending* p : ready) p->error = std::current_exception();
        return false;
      }
    }
    return false;
  }

  AppendOutcome append_grouped(const AppendRequest& request) {
    Pending mine;
    mine.request = &request;
    // Encoding and its checks run here, in the submitting thread, in parallel with the others;
    // a request that fails them never queues.
    mine.prepared = prepare(std::span(&request, 1));
    std::unique_lock lock(group_mutex);
    group_queue.push_back(&mine);
    // Wait until done, or until no leader is committing while this request is still queued:
    // then lead the next group. Each waiter has its own condition variable, so a finished group
    // wakes its own members and the one waiter that leads next, not every thread.
    while (!mine.done && (mine.taken || group_leader)) mine.wake.wait(lock);
    if (!mine.done) {
      group_leader = true;
      // While the last group was committing, its members were answered and are coming back
      // with their next requests: wait a moment (at most 200 µs) for as many as it had, so the
      // groups stay large under load. A lone submitter never waits (its group was of one).
      for (int polls = 0; polls < 4 && group_queue.size() < last_group_size; ++polls) {
        mine.wake.wait_for(lock, std::chrono::microseconds(50));
      }
      std::vector<Pending*> group;
      const std::size_t take = std::min(group_queue.size(), kGroupMax);
      group.assign(group_queue.begin(), group_queue.begin() + static_cast<std::ptrdiff_t>(take));
      last_group_size = take;
      group_queue.erase(group_queue.begin(),
                        group_queue.begin() + static_cast<std::ptrdiff_t>(take));
      for (Pending* p : group) p->taken = true;
      lock.unlock();
      const bool committed = commit_group(group);
      // Committed but not yet durable: hand the lead to the next waiter, so the next group is
      // built and committed while this one's sync runs, and answer this group after the sync.
      lock.lock();
      group_leader = false;
      if (!group_queue.empty()) group_queue.front()->wake.notify_one();
      lock.unlock();
      if (committed && options.durable) {
        try {
          internal::check_lmdb(mdb_env_sync(env.get(), 1), "mdb_env_sync");
        } catch (...) {
          for (Pending* p : group) {
            if (!p->error) p->error = std::current_exception();
          }
        }
      }
      lock.lock();
      for (Pending* p : group) {
        p->done = true;
        if (p != &mine) p->wake.notify_one();
      }
    }
    lock.unlock();
    if (mine.error) std::rethrow_exception(mine.error);
    return mine.outcome;
  }

  std::string sign_head(Transaction& txn, const Signer& log_key) {
    const Verifier expected = log_verifier(txn);
    if (log_key.verifier().text() != expected.text()) {
      throw_error(ErrorKind::kUnauthorized, "checkpoint key \"" + log_key.verifier().text() +
                                                "\" is not this log's key \"" + expected.text() +
                                                "\"");
    }
    const std::uint64_t size = tree_size(txn);
    const auto root = meta_get(txn, kMetaRoot);
    const Checkpoint head{expected.name(), size, to_hash(*root, "stored root")};
    std::string note = sign_checkpoint(head, log_key);
    txn.put(checkpoints, U64Key(size).view(), as_bytes(note));
    return note;
  }
};

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

Ledger Ledger::create(const std::string& directory, const RegisterInfo& info, const Signer& log_key,
                      LedgerOptions options) {
  if (log_key.name() != info.origin) {
    throw_invalid("origin", info.origin,
                  "must equal the log key's name \"" + log_key.name() + "\"");
  }
  if (::mkdir(directory.c_str(), 0750) != 0 && errno != EEXIST) {
    throw_error(ErrorKind::kStorageError,
                "cannot create directory \"" + directory + "\": " + std::strerror(errno));
  }
  struct stat status;
  if (::stat(directory_data_file(directory).c_str(), &status) == 0) {
    throw_error(ErrorKind::kConflict, "\"" + directory + "\" already holds a register");
  }
  options.read_only = false;
  auto impl = std::make_unique<Impl>(directory, std::move(options));
  Entry init;
  init.effective = Date::at(impl->options.clock_micros(), kCountyUtcOffsetSeconds);
  init.body = RegisterInitialized{kFormatVersion, info.county_code, info.county_name, info.origin,
                                  log_key.verifier().public_key()};
  const AppendRequest request{random_request_id(), {init}};
  PreparedBatch prepared = Impl::prepare(std::span(&request, 1));
  impl->write([&](Transaction& txn, merkle::Frontier& working) {
    impl->meta_put(txn, kMetaFormatVersion, U64Key(kFormatVersion).view());
    impl->write_batch(txn, std::span(&request, 1), prepared, working);
    return impl->sign_head(txn, log_key);
  });
  return Ledger(std::move(impl));
}

Ledger Ledger::open(const std::string& directory, LedgerOptions options) {
  struct stat status;
  if (::stat(directory_data_file(directory).c_str(), &status) != 0) {
    throw_error(ErrorKind::kNotFound, "no register in \"" + directory + "\"");
  }
  auto impl = std::make_unique<Impl>(directory, std::move(options));
  Transaction txn(impl->env, true);
  impl->check_format(txn);
  impl->frontier = merkle::Frontier::load(impl->reader(txn), impl->tree_size(txn));
  return Ledger(std::move(impl));
}

std::uint64_t Ledger::append_replicated(const EntryProducer& produce, const Hash* expected_root) {
  return impl_->write([&](Transaction& txn, merkle::Frontier& working) {
    std::uint64_t size = impl_->tree_size(txn);
    const std::uint64_t start = size;
    if (working.size() != size) working = merkle::Frontier::load(impl_->reader(txn), size);
    const auto last = impl_->meta_get(txn, kMetaLastMicros);
    std::int64_t last_micros = last ? static_cast<std::int64_t>(internal::read_u64(*last)) : 0;
    RequestId request_id{};
    std::uint64_t request_first = 0;
    std::uint32_t request_count = 0;
    TreeRecord tree_record;
    produce([&](ByteView bytes) {
      const Entry entry = decode_entry(bytes);
      if (entry.sequence != size) {
        throw_error(ErrorKind::kIntegrityError, "entry " + std::to_string(entry.sequence) +
                                                    " arrives where entry " + std::to_string(size) +
                                                    " belongs");
      }
      if (entry.recorded_micros < std::max<std::int64_t>(last_micros, 1)) {
        throw_error(ErrorKind::kIntegrityError,
                    "entry " + std::to_string(size) + " was recorded before the entry ahead of it");
      }
      last_micros = entry.recorded_micros;
      // The request index, as the source wrote it: a request's entries are consecutive.
      const bool continues = size != start && entry.request_id == request_id;
      if (!continues) {
        request_id = entry.request_id;
        request_first = size;
        request_count = 0;
      }
      ++request_count;
      const RequestRecord record(request_first, request_count);
      if (!continues && txn.insert(impl_->requests, request_id, record.view())) {
        throw_error(ErrorKind::kConflict, "entry " + std::to_string(size) + " reuses request id " +
                                              to_hex(request_id) + " of an earlier request");
      }
      if (continues) txn.put(impl_->requests, request_id, record.view());
      impl_->apply(txn, entry, {size, entry.recorded_micros, &entry.request_id, true});
      const U64Key key(size++);
      txn.put(impl_->log, key.view(), bytes, MDB_APPEND);
      tree_record.clear();
      working.append(merkle::leaf_hash(bytes),
                     [&](const merkle::Frontier::Completed& node) { tree_record.add(node.hash); });
      txn.put(impl_->tree, key.view(), tree_record.view(), MDB_APPEND);
    });
    if (expected_root != nullptr && working.root() != *expected_root) {
      throw_error(ErrorKind::kIntegrityError,
                  "the " + std::to_string(size) +
                      " entries do not make the tree their checkpoint signs: an entry was "
                      "altered");
    }
    impl_->meta_put(txn, kMetaTreeSize, U64Key(size).view());
    impl_->meta_put(txn, kMetaRoot, working.root());
    impl_->meta_put(txn, kMetaLastMicros, U64Key(static_cast<std::uint64_t>(last_micros)).view());
    return size - start;
  });
}

Ledger Ledger::create_replica(const std::string& directory, const EntryProducer& produce,
                              const Hash* expected_root, LedgerOptions options) {
  const bool made = ::mkdir(directory.c_str(), 0750) == 0;
  if (!made && errno != EEXIST) {
    throw_error(ErrorKind::kStorageError,
                "cannot create directory \"" + directory + "\": " + std::strerror(errno));
  }
  struct stat status;
  if (::stat(directory_data_file(directory).c_str(), &status) == 0) {
    throw_error(ErrorKind::kConflict, "\"" + directory + "\" already holds a register");
  }
  auto remove_files = [&] {
    std::remove(directory_data_file(directory).c_str());
    std::remove((directory + "/lock.mdb").c_str());
    if (made) ::rmdir(directory.c_str());
  };
  try {
    options.read_only = false;
    auto impl = std::make_unique<Impl>(directory, std::move(options));
    impl->write([&](Transaction& txn, merkle::Frontier&) {
      impl->meta_put(txn, kMetaFormatVersion, U64Key(kFormatVersion).view());
      return 0;
    });
    Ledger ledger(std::move(impl));
    if (ledger.append_replicated(produce, expected_root) == 0) {
      throw_error(ErrorKind::kIntegrityError, "the stream holds no entries");
    }
    return ledger;
  } catch (...) {
    remove_files();
    throw;
  }
}

void Ledger::store_checkpoint(std::string_view note) {
  const Checkpoint head = open_checkpoint(note, log_verifier());
  impl_->write([&](Transaction& txn, merkle::Frontier&) {
    const std::uint64_t size = impl_->tree_size(txn);
    if (head.size > size || head.size == 0) {
      throw_error(ErrorKind::kIntegrityError, "checkpoint of " + std::to_string(head.size) +
                                                  " entries; the log holds " +
                                                  std::to_string(size));
    }
    const Hash root = merkle::root(impl_->reader(txn), head.size);
    if (root != head.root) {
      throw_error(ErrorKind::kIntegrityError, "checkpoint root at " + std::to_string(head.size) +
                                                  " entries is not this log's root there");
    }
    txn.put(impl_->checkpoints, U64Key(head.size).view(), as_bytes(note));
    return 0;
  });
}

std::vector<AppendOutcome> Ledger::append_batch(std::span<const AppendRequest> requests) {
  PreparedBatch prepared = Impl::prepare(requests);
  return impl_->write([&](Transaction& txn, merkle::Frontier& working) {
    return impl_->write_batch(txn, requests, prepared, working);
  });
}

void Ledger::check_batch(std::span<const AppendRequest> requests) {
  PreparedBatch prepared = Impl::prepare(requests);
  struct Discard {};
  try {
    impl_->write([&](Transaction& txn, merkle::Frontier& working) -> int {
      impl_->write_batch(txn, requests, prepared, working);
      throw Discard{};  // the transaction aborts as the exception leaves it
    });
  } catch (const Discard&) {
  }
}

AppendOutcome Ledger::append(const AppendRequest& request) {
  return impl_->append_grouped(request);
}

std::uint64_t Ledger::write_transactions() const {
  return impl_->committed.load(std::memory_order_relaxed);
}

RegisterInfo Ledger::info() const {
  Transaction txn(impl_->env, true);
  const Entry first = impl_->read_entry(txn, 0);
  const auto& init = std::get<RegisterInitialized>(first.body);
  return {init.county_code, init.county_name, init.origin};
}

std::uint64_t Ledger::size() const {
  Transaction txn(impl_->env, true);
  return impl_->tree_size(txn);
}

Date Ledger::today() const {
  return Date::at(impl_->options.clock_micros(), kCountyUtcOffsetSeconds);
}

Hash Ledger::root() const {
  Transaction txn(impl_->env, true);
  return to_hash(*impl_->meta_get(txn, kMetaRoot), "stored root");
}

Hash Ledger::root_at(std::uint64_t size) const {
  Transaction txn(impl_->env, true);
  const std::uint64_t current = impl_->tree_size(txn);
  if (size > current) {
    throw_invalid("size", std::to_string(size), "beyond the log size " + std::to_string(current));
  }
  return merkle::root(impl_->reader(txn), size);
}

Bytes Ledger::entry_bytes(std::uint64_t sequence) const {
  Transaction txn(impl_->env, true);
  const auto bytes = txn.get(impl_->log, U64Key(sequence).view());
  if (!bytes) throw_error(ErrorKind::kNotFound, "no entry " + std::to_string(sequence));
  return Bytes(bytes->begin(), bytes->end());
}

merkle::Frontier Ledger::frontier() const {
  Transaction txn(impl_->env, true);
  return merkle::Frontier::load(impl_->reader(txn), impl_->tree_size(txn));
}

void Ledger::scan_entries(std::uint64_t from, std::uint64_t to,
                          const std::function<bool(std::uint64_t, ByteView)>& visit) const {
  if (from >= to) return;
  Transaction txn(impl_->env, true);
  internal::Cursor cursor(txn, impl_->log);
  const U64Key first(from);
  MDB_val key{8, const_cast<std::uint8_t*>(first.bytes)};
  MDB_val value;
  for (bool more = cursor.step(MDB_SET_KEY, key, value); more;
       more = cursor.step(MDB_NEXT, key, value)) {
    const std::uint64_t sequence = internal::read_u64(as_view(key));
    if (sequence >= to || !visit(sequence, as_view(value))) return;
  }
}

Entry Ledger::entry(std::uint64_t sequence) const {
  Transaction txn(impl_->env, true);
  return impl_->read_entry(txn, sequence);
}

void Ledger::read_views(const std::function<void(const ViewStore& views)>& reader) const {
  Transaction txn(impl_->env, true);
  const internal::LmdbViews views(txn, impl_->view_tables);
  reader(views);
}

Verifier Ledger::actor_key(std::uint64_t actor) const {
  Transaction txn(impl_->env, true);
  const auto key = txn.get(impl_->view_tables.dbi(kActorsTable), U64Key(actor).view());
  if (!key)
    throw_error(ErrorKind::kNotFound, "actor " + std::to_string(actor) + " is not enrolled");
  return Verifier::from_public_key("actor-" + std::to_string(actor), *key);
}

std::vector<Hash> Ledger::inclusion_proof(std::uint64_t sequence, std::uint64_t size) const {
  Transaction txn(impl_->env, true);
  const std::uint64_t current = impl_->tree_size(txn);
  if (size > current) {
    throw_invalid("size", std::to_string(size), "beyond the log size " + std::to_string(current));
  }
  return merkle::inclusion_proof(impl_->reader(txn), sequence, size);
}

std::vector<Hash> Ledger::consistency_proof(std::uint64_t size1, std::uint64_t size2) const {
  Transaction txn(impl_->env, true);
  const std::uint64_t current = impl_->tree_size(txn);
  if (size2 > current) {
    throw_invalid("size2", std::to_string(size2), "beyond the log size " + std::to_string(current));
  }
  return merkle::consistency_proof(impl_->reader(txn), size1, size2);
}

std::string Ledger::checkpoint(const Signer& log_key) {
  return impl_->write(
      [&](Transaction& txn, merkle::Frontier&) { return impl_->sign_head(txn, log_key); });
}

std::optional<std::string> Ledger::latest_checkpoint() const {
  Transaction txn(impl_->env, true);
  Cursor cursor(txn, impl_->checkpoints);
  MDB_val key, value;
  if (!cursor.step(MDB_LAST, key, value)) return std::nullopt;
  const ByteView note = as_view(value);
  return std::string(note.begin(), note.end());
}

std::optional<std::string> Ledger::checkpoint_at(std::uint64_t size) const {
  Transaction txn(impl_->env, true);
  const auto note = txn.get(impl_->checkpoints, U64Key(size).view());
  if (!note) return std::nullopt;
  return std::string(note->begin(), note->end());
}

Verifier Ledger::log_verifier() const {
  Transaction txn(impl_->env, true);
  return impl_->log_verifier(txn);
}

VerifyReport Ledger::verify(const std::function<void(std::uint64_t)>& progress,
                            const Verifier* trusted) const {
  Transaction txn(impl_->env, true);
  VerifyReport report;
  auto fail = [&](std::optional<std::uint64_t> sequence, std::string problem) {
    report.ok = false;
    report.first_bad_sequence = sequence;
    report.problem = std::move(problem);
    return report;
  };

  std::optional<Verifier> log_key;
  try {
    log_key = impl_->log_verifier(txn);
  } catch (const Error& error) {
    return fail(0, std::string("entry 0 does not initialise the register: ") + error.what());
  }
  if (trusted != nullptr && trusted->text() != log_key->text()) {
    return fail(0, "entry 0 names the log key \"" + log_key->text() + "\", not the trusted key \"" +
                       trusted->text() + "\"");
  }

  Cursor checkpoints(txn, impl_->checkpoints);
  MDB_val checkpoint_key, checkpoint_value;
  bool have_checkpoint = checkpoints.step(MDB_FIRST, checkpoint_key, checkpoint_value);

  merkle::Frontier frontier;
  TreeRecord record;
  Cursor log(txn, impl_->log);
  MDB_val key, value;
  for (bool more = log.step(MDB_FIRST, key, value); more; more = log.step(MDB_NEXT, key, value)) {
    const std::uint64_t expected = frontier.size();
    if (key.mv_size != 8 || internal::read_u64(as_view(key)) != expected) {
      return fail(expected,
                  "log key out of sequence where entry " + std::to_string(expected) + " belongs");
    }
    const ByteView bytes = as_view(value);
    // The entry must say where it is.
    const std::uint64_t stamped = internal::read_stamp_field(bytes, internal::kSequenceOffset);
    if (stamped != expected) {
      return fail(expected, "entry " + std::to_string(expected) + " carries sequence " +
                                std::to_string(stamped));
    }
    record.clear();
    frontier.append(merkle::leaf_hash(bytes),
                    [&](const merkle::Frontier::Completed& node) { record.add(node.hash); });
    const auto stored = txn.get(impl_->tree, as_view(key));
    if (!stored || stored->size() != record.size ||
        std::memcmp(stored->data(), record.bytes, record.size) != 0) {
      const bool leaf_differs = stored && stored->size() >= kHashSize &&
                                std::memcmp(stored->data(), record.bytes, kHashSize) != 0;
      return fail(expected,
                  leaf_differs ? "entry " + std::to_string(expected) +
                                     " does not hash to its stored leaf: the entry bytes were "
                                     "altered"
                               : "the stored subtree hashes completed by entry " +
                                     std::to_string(expected) + " differ from the recomputed ones");
    }
    ++report.entries_checked;
    while (have_checkpoint && internal::read_u64(as_view(checkpoint_key)) == frontier.size()) {
      const ByteView note = as_view(checkpoint_value);
      try {
        const Checkpoint head = open_checkpoint(
            std::string_view(reinterpret_cast<const char*>(note.data()), note.size()), *log_key);
        if (head.size != frontier.size() || head.root != frontier.root()) {
          return fail(expected, "checkpoint at size " + std::to_string(frontier.size()) +
                                    " does not match the recomputed root");
        }
      } catch (const Error& error) {
        return fail(expected, std::string("checkpoint at size ") + std::to_string(frontier.size()) +
                                  ": " + error.what());
      }
      ++report.checkpoints_checked;
      have_checkpoint = checkpoints.step(MDB_NEXT, checkpoint_key, checkpoint_value);
    }
    if (progress && report.entries_checked % 65536 == 0) progress(report.entries_checked);
  }
  if (progress) progress(report.entries_checked);

  if (have_checkpoint) {
    return fail(std::nullopt, "a checkpoint names size " +
                                  std::to_string(internal::read_u64(as_view(checkpoint_key))) +
                                  ", beyond the log");
  }
  const std::uint64_t size = frontier.size();
  if (impl_->tree_size(txn) != size) {
    return fail(std::nullopt, "meta tree_size " + std::to_string(impl_->tree_size(txn)) +
                                  " but the log holds " + std::to_string(size) + " entries");
  }
  const auto root = impl_->meta_get(txn, kMetaRoot);
  if (!root || root->size() != kHashSize ||
      std::memcmp(root->data(), frontier.root().data(), kHashSize) != 0) {
    return fail(std::nullopt, "stored root differs from the recomputed root");
  }
  MDB_stat tree_stat;
  internal::check_lmdb(mdb_stat(txn.get(), impl_->tree, &tree_stat), "mdb_stat");
  if (tree_stat.ms_entries != size) {
    return fail(std::nullopt, "tree holds " + std::to_string(tree_stat.ms_entries) +
                                  " records for " + std::to_string(size) + " entries");
  }
  return report;
}

namespace {

// Compares two tables record by record; the first difference, described, or nothing.
std::optional<std::string> compare_table(const Transaction& live, MDB_dbi live_dbi,
                                         const Transaction& replay, MDB_dbi replay_dbi,
                                         std::uint64_t& compared) {
  Cursor a(live, live_dbi);
  Cursor b(replay, replay_dbi);
  MDB_val a_key, a_value, b_key, b_value;
  bool a_more = a.step(MDB_FIRST, a_key, a_value);
  bool b_more = b.step(MDB_FIRST, b_key, b_value);
  while (a_more || b_more) {
    const ByteView ka = a_more ? as_view(a_key) : ByteView();
    const ByteView kb = b_more ? as_view(b_key) : ByteView();
    // Past either end, the other side's key counts as extra.
    const std::strong_ordering order = !a_more   ? std::strong_ordering::greater
                                       : !b_more ? std::strong_ordering::less
                                                 : std::lexicographical_compare_three_way(
                                                       ka.begin(), ka.end(), kb.begin(), kb.end());
    if (order < 0) return "the live view holds key " + to_hex(ka) + " that replay does not make";
    if (order > 0) return "replay makes key " + to_hex(kb) + " that the live view lacks";
    const ByteView va = as_view(a_value);
    const ByteView vb = as_view(b_value);
    if (!std::equal(va.begin(), va.end(), vb.begin(), vb.end())) {
      return "key " + to_hex(ka) + " holds " +
             to_hex(va.first(std::min<std::size_t>(va.size(), 40))) + "... live but " +
             to_hex(vb.first(std::min<std::size_t>(vb.size(), 40))) + "... by replay";
    }
    ++compared;
    a_more = a.step(MDB_NEXT, a_key, a_value);
    b_more = b.step(MDB_NEXT, b_key, b_value);
  }
  return std::nullopt;
}

}  // namespace

VerifyReport Ledger::verify_deep(const std::function<void(std::uint64_t)>& progress,
                                 const Verifier* trusted, const std::string& scratch_parent) const {
  VerifyReport report = verify(progress, trusted);
  if (!report.ok) return report;
  auto fail = [&](std::optional<std::uint64_t> sequence, std::string problem) {
    report.ok = false;
    report.first_bad_sequence = sequence;
    report.problem = std::move(problem);
    return report;
  };

  // A scratch environment for the replayed views, removed however this ends.
  std::string scratch_dir =
      (scratch_parent.empty() ? std::filesystem::temp_directory_path().string() : scratch_parent) +
      "/taizhang-replay-XXXXXX";
  if (::mkdtemp(scratch_dir.data()) == nullptr) {
    throw_error(ErrorKind::kStorageError, "cannot create a scratch directory for replay: " +
                                              std::string(std::strerror(errno)));
  }
  struct RemoveScratch {
    ~RemoveScratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::string path;
  } remove_scratch{scratch_dir};
  MDB_envinfo live_info;
  internal::check_lmdb(mdb_env_info(impl_->env.get(), &live_info), "mdb_env_info");
  Environment scratch(scratch_dir, live_info.me_mapsize, MDB_NOTLS | MDB_NOSYNC);
  internal::ViewTables scratch_tables;
  MDB_dbi scratch_requests = 0;
  {
    Transaction txn(scratch, false);
    scratch_requests = txn.open_db("requests", true);
    scratch_tables.open(txn, view_table_names(impl_->options), true);
    txn.commit();
  }

  // Replay every entry through the same folds, rebuilding the request index as it goes.
  Transaction live(impl_->env, true);
  {
    constexpr std::uint64_t kEntriesPerTransaction = 10'000;
    auto txn = std::make_unique<Transaction>(scratch, false);
    Cursor log(live, impl_->log);
    MDB_val key, value;
    std::uint64_t request_first = 0;
    std::uint32_t request_count = 0;
    RequestId request_id{};
    for (bool more = log.step(MDB_FIRST, key, value); more; more = log.step(MDB_NEXT, key, value)) {
      const std::uint64_t sequence = internal::read_u64(as_view(key));
      try {
        const Entry entry = decode_entry(as_view(value));
        if (sequence == 0 || entry.request_id != request_id) {
          request_id = entry.request_id;
          request_first = sequence;
          request_count = 0;
        }
        ++request_count;
        txn->put(scratch_requests, request_id, RequestRecord(request_first, request_count).view());
        internal::LmdbViews views(*txn, scratch_tables);
        apply_core(views, entry, {sequence, entry.recorded_micros, &entry.request_id, true});
        if (impl_->options.fold) impl_->options.fold->apply(views, entry, EntryStamp::of(entry));
      } catch (const internal::MapFull&) {
        return fail(sequence, "replay ran out of scratch map space");
      } catch (const Error& error) {
        return fail(sequence,
                    "replaying entry " + std::to_string(sequence) + " is refused: " + error.what());
      }
      if ((sequence + 1) % kEntriesPerTransaction == 0) {
        txn->commit();
        txn = std::make_unique<Transaction>(scratch, false);
      }
    }
    txn->commit();
  }

  Transaction replayed(scratch, true);
  if (auto difference = compare_table(live, impl_->requests, replayed, scratch_requests,
                                      report.view_records_compared)) {
    return fail(std::nullopt, "request index: " + *difference);
  }
  for (const auto& [name, live_dbi] : impl_->view_tables.all()) {
    if (auto difference = compare_table(live, live_dbi, replayed, scratch_tables.dbi(name),
                                        report.view_records_compared)) {
      return fail(std::nullopt, "view \"" + name + "\": " + *difference);
    }
  }
  return report;
}

RequestId random_request_id() {
  if (sodium_init() < 0) throw_error(ErrorKind::kIntegrityError, "libsodium failed to initialise");
  // Time-ordered: 8 bytes of strictly increasing microseconds, then 8 random bytes. Ids that
  // arrive in order land at the end of the requests B-tree, touching a page or two per batch;
  // uniformly random ids would rewrite a page per request.
  static std::atomic<std::uint64_t> last{0};
  std::uint64_t now = static_cast<std::uint64_t>(system_micros());
  std::uint64_t previous = last.load();
  while (!last.compare_exchange_weak(previous, std::max(now, previous + 1))) {
  }
  now = std::max(now, previous + 1);
  RequestId id;
  const U64Key prefix(now);
  std::memcpy(id.data(), prefix.bytes, 8);
  // The random half comes from a per-thread pool filled 4 KiB at a time (a getrandom call per
  // id cost more than the rest of a registration's bookkeeping). A forked child must not reuse
  // its parent's pool: a fork handler advances a generation, and a pool of an older generation
  // is refilled (no system call per id to ask which process this is).
  static std::atomic<std::uint64_t> fork_generation{0};
  static std::once_flag watching_forks;
  std::call_once(watching_forks,
                 [] { ::pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1); }); });
  struct Pool {
    std::uint8_t bytes[4096];
    std::size_t used = sizeof bytes;
    std::uint64_t generation = 0;
  };
  thread_local Pool pool;
  const std::uint64_t generation = fork_generation.load(std::memory_order_relaxed);
  if (pool.used + 8 > sizeof pool.bytes || pool.generation != generation) {
    randombytes_buf(pool.bytes, sizeof pool.bytes);
    pool.used = 0;
    pool.generation = generation;
  }
  std::memcpy(id.data() + 8, pool.bytes + pool.used, 8);
  sodium_memzero(pool.bytes + pool.used, 8);
  pool.used += 8;
  return id;
}

}  // namespace taizhang

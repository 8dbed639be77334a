// The ledger's internals, shared by its files: ledger.cpp (create, open, append, reads),
// ledger_verify.cpp (verify, verify_deep), ledger_replica.cpp (replicas and checkpoints
// signed elsewhere) and request_id.cpp. The storage layout is at the top of ledger.cpp.
#pragma once

#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

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
#include "ledger/authority.h"
#include "ledger/lmdb_env.h"
#include "ledger/lmdb_views.h"
#include "model/entry_codec.h"
#include "taizhang/error.h"
#include "taizhang/ledger.h"
#include "taizhang/merkle.h"

namespace taizhang {

using internal::as_view;
using internal::Cursor;
using internal::Environment;
using internal::Transaction;
using internal::U64Key;

namespace ledger_detail {

constexpr std::string_view kMetaFormatVersion = "format_version";
constexpr std::string_view kMetaTreeSize = "tree_size";
constexpr std::string_view kMetaRoot = "root";
constexpr std::string_view kMetaLastMicros = "last_recorded_micros";
// The tables of the fold that keeps the register's views, one name per line ("" for a bare log).
constexpr std::string_view kMetaFoldTables = "fold_tables";
// Each view table's digest at the last checkpoint signed here (name, 0x00, 32 bytes; ...): not
// signed, only to name the table that differs when the signed total does not match.
constexpr std::string_view kMetaViewDigests = "view_digests";

// The digest of the views: each table's is SHA-256 over its records in key order (the order an
// LMDB cursor reads them), each as u32 BE key length, key, u32 BE value length, value; the total
// is SHA-256 over the tables (the views by name, then the request index), each as u32 BE name
// length, name, its digest. Any changed, added or removed record changes it; unlike a sum of
// per-record hashes it cannot be steered back to a signed value by adding chosen records.
struct ViewDigests {
  Hash total{};
  std::vector<std::pair<std::string, Hash>> tables;
  std::uint64_t records = 0;

  Bytes breakdown() const {
    Bytes out;
    for (const auto& [name, digest] : tables) {
      out.insert(out.end(), name.begin(), name.end());
      out.push_back(0);
      out.insert(out.end(), digest.begin(), digest.end());
    }
    return out;
  }
  // The first table whose digest differs from `stored` (a breakdown()), if one can be named.
  std::optional<std::string> differing_table(ByteView stored) const {
    std::size_t at = 0;
    for (const auto& [name, digest] : tables) {
      const std::size_t end = at + name.size() + 1 + kHashSize;
      if (end > stored.size() ||
          !std::equal(name.begin(), name.end(), stored.begin() + static_cast<std::ptrdiff_t>(at)) ||
          !std::equal(digest.begin(), digest.end(),
                      stored.begin() + static_cast<std::ptrdiff_t>(at + name.size() + 1))) {
        return name;
      }
      at = end;
    }
    return std::nullopt;
  }
};

constexpr std::size_t kRequestsPerBatchMax = 100'000;
constexpr std::size_t kEntriesPerRequestMax = 100'000;
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
inline std::uint64_t completing_leaf(unsigned level, std::uint64_t index) {
  return ((index + 1) << level) - 1;
}

// A batch's entries encoded back to back; entry i is bytes [ends[i-1], ends[i]). With each
// request's signed message and the key record it was checked under in the submitting thread.
struct PreparedBatch {
  std::span<std::uint8_t> entry(std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return {bytes.data() + begin, ends[i] - begin};
  }
  ByteView entry(std::size_t i) const { return const_cast<PreparedBatch*>(this)->entry(i); }
  Bytes bytes;
  std::vector<std::size_t> ends;
  std::vector<Bytes> messages;    // per request
  std::vector<Bytes> signatures;  // per request: the signature record its last entry carries
  std::vector<Bytes> keys;        // per request: KeyRecord::encode() of the key that verified
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

inline std::int64_t system_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::string directory_data_file(const std::string& directory) {
  return directory + "/data.mdb";
}

// Whether to open without LMDB's lock file: asked for, or a read-only open where the lock file
// cannot be used (a copy on read-only media, a directory the reader may not write). LMDB would
// otherwise fail to create or open it for writing.
inline bool without_lock_file(const std::string& directory, const LedgerOptions& options) {
  if (!options.read_only) {
    if (options.without_lock_file) {
      throw_invalid("without_lock_file", "true",
                    "only a read-only open may go without the lock file (a writer needs it)",
                    "只有只读打开才能不用锁文件 lock.mdb，写入登记簿须有锁文件");
    }
    return false;
  }
  if (options.without_lock_file) return true;
  const std::string lock = directory + "/lock.mdb";
  struct stat status;
  if (::stat(lock.c_str(), &status) == 0) return ::access(lock.c_str(), R_OK | W_OK) != 0;
  return ::access(directory.c_str(), W_OK) != 0;
}

inline std::string fold_tables_text(const LedgerOptions& options) {
  std::string text;
  if (options.fold) {
    for (const std::string& name : options.fold->tables()) text += name + "\n";
  }
  return text;
}

inline std::vector<std::string> view_table_names(const LedgerOptions& options) {
  std::vector<std::string> names = {std::string(kActorsTable)};
  if (options.fold) {
    for (const std::string& name : options.fold->tables()) {
      if (name == kActorsTable || name == "log" || name == "tree" || name == "meta" ||
          name == "requests" || name == "checkpoints") {
        throw_invalid("fold table", name, "the name is taken by the ledger",
                      "这个数据表名已由台账本身使用，视图表请另取名称");
      }
      names.push_back(name);
    }
  }
  return names;
}

}  // namespace ledger_detail

using namespace ledger_detail;

struct Ledger::Impl {
  Impl(const std::string& register_directory, LedgerOptions ledger_options)
      : directory(register_directory),
        options(std::move(ledger_options)),
        env(directory, options.map_size_bytes,
            MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0) |
                (options.durable ? MDB_NOMETASYNC : MDB_NOSYNC) |
                (without_lock_file(directory, options) ? MDB_NOLOCK : 0),
            options.map_size_max_bytes) {
    Transaction txn(env, options.read_only);
    log = txn.open_db("log", !options.read_only);
    tree = txn.open_db("tree", !options.read_only);
    meta = txn.open_db("meta", !options.read_only);
    requests = txn.open_db("requests", !options.read_only);
    checkpoints = txn.open_db("checkpoints", !options.read_only);
    view_tables.open(txn, view_table_names(options), !options.read_only);
    open_digest_tables(txn);
    txn.commit();
    if (!options.clock_micros) options.clock_micros = system_micros;
  }

  std::string directory;  // where the register lives: a verify child opens it again there

  // Opens the register in `directory`: Ledger::open without the wrapper.
  static std::unique_ptr<Impl> open(const std::string& directory, LedgerOptions options) {
    struct stat status;
    if (::stat(directory_data_file(directory).c_str(), &status) != 0) {
      throw_error(ErrorKind::kNotFound, "no register in \"" + directory + "\"",
                  "“" + directory + "”中没有登记簿：请核对目录");
    }
    auto impl = std::make_unique<Impl>(directory, std::move(options));
    Transaction txn(impl->env, true);
    impl->check_format(txn);
    impl->register_id = impl->log_verifier(txn).text();
    impl->check_fold(txn);
    impl->frontier = merkle::Frontier::load(impl->reader(txn), impl->tree_size(txn));
    return impl;
  }

  // Makes open()'s reads in a child process first: IntegrityError if they crash it (a damaged
  // page that LMDB follows past the file's end, or asserts on), which would end this process.
  static void probe_open(const std::string& directory, const LedgerOptions& options);

  // Runs `scan_with` on a register opened afresh in a child process (see ledger_verify.cpp),
  // passing its progress on to `progress`; on this one only if no child can be made.
  using ScanWith =
      std::function<VerifyReport(const Impl&, const std::function<void(std::uint64_t)>&)>;
  VerifyReport in_child(const std::function<void(std::uint64_t)>& progress,
                        const ScanWith& scan_with) const;

  LedgerOptions options;
  Environment env;
  MDB_dbi log = 0, tree = 0, meta = 0, requests = 0, checkpoints = 0;
  // Every view table of the register, by name, whatever fold this object was given: the ledger's
  // "actors", the tables of the fold that keeps its views (meta fold_tables, or this object's
  // fold for a register being made), and the request index. What the view digest covers.
  std::vector<std::pair<std::string, MDB_dbi>> digest_tables;

  void open_digest_tables(Transaction& txn) {
    std::vector<std::string> names = {std::string(kActorsTable)};
    const auto stored = txn.get(meta, as_bytes(kMetaFoldTables));
    std::string listed =
        stored ? std::string(stored->begin(), stored->end()) : fold_tables_text(options);
    for (std::size_t at = 0; at < listed.size();) {
      const std::size_t end = listed.find('\n', at);
      names.push_back(listed.substr(at, end - at));
      at = end == std::string::npos ? listed.size() : end + 1;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      try {
        digest_tables.emplace_back(name, txn.open_db(name.c_str(), false));
      } catch (const Error&) {
        // Not made yet (a register being created): its records are none until it is.
      }
    }
    digest_tables.emplace_back("requests", requests);
  }
  internal::ViewTables view_tables;  // the ledger's "actors" and the fold's tables
  std::mutex write_mutex;
  std::atomic<std::uint64_t> committed{0};
  // The register's id, which every signature names: its log key's verifier text, from entry 0
  // (set by open, or by apply_core as entry 0 is written or replicated). Guarded by write_mutex
  // once set.
  std::string register_id;
  // Set when the register's views are kept by another fold than this object's (a county
  // register opened with the bare Ledger): entries would bypass its rules, so none is added.
  std::string foreign_fold;
  std::string foreign_fold_zh;  // the same in Chinese

  void record_fold(Transaction& txn) {
    meta_put(txn, kMetaFoldTables, as_bytes(fold_tables_text(options)));
  }
  void check_fold(const Transaction& txn) {
    const auto stored = meta_get(txn, kMetaFoldTables);
    const std::string tables = stored ? std::string(stored->begin(), stored->end()) : "";
    if (tables != fold_tables_text(options)) {
      foreign_fold = tables.empty()
                         ? "this bare log has no views of a register fold"
                         : "this register's views are kept by its own rules (a county register: "
                           "write through the Registry); this Ledger may read and verify it";
      foreign_fold_zh = tables.empty()
                            ? "这是一份没有登记规则视图的台账日志，不能按登记规则写入"
                            : "这是县登记簿，其视图由登记规则维护：请通过 Registry（登记簿）写入；"
                              "这里只能读取和核验";
    }
  }
  void refuse_foreign_fold() const {
    if (!foreign_fold.empty()) {
      throw_error(ErrorKind::kUnauthorized, foreign_fold, foreign_fold_zh);
    }
  }
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
        throw_error(
            ErrorKind::kIntegrityError,
            "tree node (" + std::to_string(level) + ", " + std::to_string(index) + ") is missing",
            "台账数据文件已损坏：默克尔树节点缺失，请用 taizhang verify --deep 检查");
      }
      return to_hash(record->subspan(level * kHashSize, kHashSize), "stored tree node");
    };
  }

  void check_format(const Transaction& txn) const {
    const auto version = meta_get(txn, kMetaFormatVersion);
    if (!version) {
      // A meta table with the tree's size but no format is a register whose meta page is damaged.
      if (meta_get(txn, kMetaTreeSize)) {
        throw_error(ErrorKind::kIntegrityError,
                    "the register's format version is missing from its meta table: the data "
                    "file is damaged",
                    "台账数据文件已损坏：元数据缺少格式版本，请用 taizhang verify --deep 检查");
      }
      throw_error(ErrorKind::kNotFound, "no taizhang register here (meta has no format_version)",
                  "这里没有台账（元数据中没有格式版本）");
    }
    const std::uint64_t found = internal::read_u64(*version);
    if (found != kFormatVersion) {
      throw_error(ErrorKind::kStorageError,
                  "unsupported register format version " + std::to_string(found) +
                      " (this build reads version " + std::to_string(kFormatVersion) + ")",
                  "登记簿的格式版本 " + std::to_string(found) + " 不受支持（本程序读取版本 " +
                      std::to_string(kFormatVersion) + "）：请用与之相应版本的 taizhang 打开");
    }
  }

  Verifier log_verifier(const Transaction& txn) const {
    const Entry first = read_entry(txn, 0);
    const auto* init = std::get_if<RegisterInitialized>(&first.body);
    if (init == nullptr) {
      throw_error(ErrorKind::kIntegrityError, "entry 0 does not initialise the register",
                  "台账数据文件已损坏：第 0 条记录不是登记簿的初始化记录，请用 taizhang verify "
                  "--deep 检查");
    }
    return Verifier::from_public_key(init->origin, init->log_public_key);
  }

  Entry read_entry(const Transaction& txn, std::uint64_t sequence) const {
    const auto bytes = txn.get(log, U64Key(sequence).view());
    if (!bytes) {
      if (sequence < tree_size(txn)) {
        throw_error(ErrorKind::kIntegrityError,
                    "entry " + std::to_string(sequence) + " is missing below the log size " +
                        std::to_string(tree_size(txn)) + ": the data file is damaged",
                    "台账数据文件已损坏：第 " + std::to_string(sequence) +
                        " 条记录缺失，请用 taizhang verify --deep 检查");
      }
      throw_error(ErrorKind::kNotFound, "no entry " + std::to_string(sequence),
                  "没有第 " + std::to_string(sequence) + " 条记录");
    }
    Entry entry = decode_entry(*bytes);
    if (entry.sequence != sequence) {
      throw_error(ErrorKind::kIntegrityError,
                  "entry stored at " + std::to_string(sequence) + " says it is " +
                      std::to_string(entry.sequence),
                  "台账数据文件已损坏：存放在第 " + std::to_string(sequence) +
                      " 条位置的记录自称第 " + std::to_string(entry.sequence) +
                      " 条，请用 taizhang verify --deep 检查");
    }
    return entry;
  }

  // Applies an entry to the views in `txn`: the ledger's own rules first, then the fold's.
  // `entry` carries the caller's fields; `stamp` says where it lands.
  void apply(Transaction& txn, const Entry& entry, const internal::Stamp& stamp) {
    internal::LmdbViews views(txn, view_tables);
    apply_core(views, entry, stamp, register_id);
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
      throw_error(ErrorKind::kIntegrityError,
                  "requests record of " + to_hex(request.request_id) + " is " +
                      std::to_string(earlier.size()) + " bytes",
                  "台账数据文件已损坏：请求 " + to_hex(request.request_id) + " 的索引记录长 " +
                      std::to_string(earlier.size()) +
                      " 字节，长度不对，请用 taizhang verify "
                      "--deep 检查");
    }
    const std::uint64_t first = internal::read_u64(earlier.first(8));
    std::uint32_t count = 0;
    for (std::size_t i = 8; i < kRequestRecordSize; ++i) count = count << 8 | earlier[i];
    bool same = count == request.entries.size();
    for (std::uint32_t i = 0; same && i < count; ++i) {
      const auto stored = txn.get(log, U64Key(first + i).view());
      if (!stored) {
        throw_error(ErrorKind::kIntegrityError,
                    "entry " + std::to_string(first + i) + " of request " +
                        to_hex(request.request_id) + " is missing",
                    "台账数据文件已损坏：请求 " + to_hex(request.request_id) + " 的第 " +
                        std::to_string(first + i) +
                        " 条记录缺失，请用 taizhang verify --deep 检查");
      }
      const ByteView mine = prepared.entry(first_prepared + i);
      constexpr std::size_t kStampEnd = internal::kRecordedMicrosOffset + 8;
      same = mine.size() == stored->size() &&
             std::equal(mine.begin(), mine.begin() + internal::kSequenceOffset, stored->begin()) &&
             std::equal(mine.begin() + kStampEnd, mine.end(), stored->begin() + kStampEnd);
    }
    if (!same) {
      throw_error(
          ErrorKind::kConflict,
          "request_id " + to_hex(request.request_id) + " was used before with other content",
          "请求编号 " + to_hex(request.request_id) +
              " 已用于内容不同的另一项请求：重新提交同一请求须内容完全相同，"
              "新的请求请用新的编号");
    }
    return {first, count, true};
  }

  // Validates and encodes every entry of `batch` under the placeholder stamp, and checks each
  // request's signature under its actor's key as a snapshot of the views has it. Runs in the
  // submitting thread before the write transaction, so the writer lock is held only for
  // stamping, hashing and storing (and a key comparison per request).
  PreparedBatch prepare(std::span<const AppendRequest> batch) {
    refuse_foreign_fold();
    if (batch.size() > kRequestsPerBatchMax) {
      throw_invalid("requests", std::to_string(batch.size()), "more than 100000 in one batch",
                    "一批最多提交 100000 项请求，请分批提交");
    }
    PreparedBatch prepared;
    std::size_t entries = 0;
    for (const AppendRequest& request : batch) {
      const std::size_t count = request.entries.size();
      if (count == 0 || count > kEntriesPerRequestMax) {
        throw_invalid("entries", std::to_string(count), "a request holds 1 to 100000 entries",
                      "一项请求须含 1 至 100000 条记录");
      }
      entries += count;
    }
    prepared.ends.reserve(entries);
    prepared.bytes.reserve(std::min<std::size_t>(entries, 100'000) * 512);  // grows if needed
    std::optional<Transaction> snapshot;
    Bytes last;
    for (const AppendRequest& request : batch) {
      const std::size_t count = request.entries.size();
      if (count == 0 || count > kEntriesPerRequestMax) {
        throw_invalid("entries", std::to_string(count), "a request holds 1 to 100000 entries",
                      "一项请求须含 1 至 100000 条记录");
      }
      if (request.request_id == RequestId{}) {
        throw_invalid("request_id", to_hex(request.request_id), "a request id may not be all zero",
                      "请求编号不能全为零");
      }
      const Entry& first = request.entries.front();
      const std::string where = "request " + to_hex(request.request_id);
      const std::string where_zh = "请求 " + to_hex(request.request_id);
      const bool first_of_log = std::holds_alternative<RegisterInitialized>(first.body);
      const std::string initialised =
          first_of_log ? ledger_detail::register_id(std::get<RegisterInitialized>(first.body))
                       : std::string();
      internal::RequestMessage message(
          first_of_log ? std::string_view(initialised) : std::string_view(register_id), first.actor,
          request.request_id);
      const internal::Stamp placeholder{internal::kPlaceholderSequence,
                                        internal::kPlaceholderMicros, &request.request_id, true};
      for (std::size_t i = 0; i < count; ++i) {
        const Entry& entry = request.entries[i];
        if (entry.actor != first.actor) {
          throw_invalid("actor", std::to_string(entry.actor),
                        where + " is by actor " + std::to_string(first.actor) +
                            "; every entry of a request is by its actor",
                        where_zh + " 由人员 " + std::to_string(first.actor) +
                            " 提交：同一请求的每条记录都须由这位经办人员提交");
        }
        if (i + 1 < count && !entry.signature.empty()) {
          throw_invalid("signature", where,
                        "only the last entry of a request carries its signature",
                        "只有请求的最后一条记录带签名，前面的记录不带");
        }
        internal::append_entry_encoding(entry, placeholder, prepared.bytes);
        prepared.ends.push_back(prepared.bytes.size());
        if (i + 1 < count) message.add(prepared.entry(prepared.ends.size() - 1));
      }
      // The last entry as signed: without its signature (as just encoded, when the ledger is to
      // sign it).
      if (request.sign_with != nullptr) {
        if (!request.entries.back().signature.empty()) {
          throw_invalid("signature", where, "a request the ledger signs carries no signature",
                        "由台账代为签名的请求不能自带签名");
        }
        message.add(prepared.entry(prepared.ends.size() - 1));
      } else {
        last.clear();
        internal::append_entry_encoding(
            request.entries.back(),
            {internal::kPlaceholderSequence, internal::kPlaceholderMicros, &request.request_id,
             true, false},
            last);
        message.add(last);
      }
      prepared.messages.push_back(message.finish());
      KeyRecord key;
      if (first_of_log) {
        key = signing_key(MemoryViews{}, first, true, where, where_zh);
      } else {
        if (!snapshot) snapshot.emplace(env, true);
        const internal::LmdbViews views(*snapshot, view_tables);
        key = signing_key(views, first, false, where, where_zh);
      }
      if (request.sign_with != nullptr) {
        // The actor's key is here: sign, once the key is known to be the one enrolled. The
        // signature then verifies by construction; only its bytes go into the last entry.
        const Verifier& signer = request.sign_with->verifier();
        if (key.algorithm != KeyAlgorithm::kEd25519 || key.public_key != signer.public_key()) {
          throw_error(ErrorKind::kUnauthorized,
                      where + ": the request's signature does not verify under the key of actor " +
                          std::to_string(first.actor) +
                          ": the key given to sign it is not the one enrolled",
                      where_zh + "：用来签名的密钥不是人员 " + std::to_string(first.actor) +
                          " 登记的密钥，签名无法核验：请用本人登记的密钥签名");
        }
        Entry signed_last = request.entries.back();
        signed_last.signature = request.sign_with->sign_record(prepared.messages.back());
        prepared.bytes.resize(prepared.ends.size() > 1 ? prepared.ends[prepared.ends.size() - 2]
                                                       : 0);
        internal::append_entry_encoding(signed_last, placeholder, prepared.bytes);
        prepared.ends.back() = prepared.bytes.size();
        prepared.signatures.push_back(std::move(signed_last.signature));
      } else {
        check_signature(key, prepared.messages.back(), request.entries.back().signature,
                        first.actor, where, where_zh);
        prepared.signatures.push_back(request.entries.back().signature);
      }
      prepared.keys.push_back(key.encode());
    }
    return prepared;
  }

  // Inside the write transaction, before a request's entries apply: its actor's key must still
  // be the one its signature was checked under (or the signature must verify under the new one).
  void recheck_signature(Transaction& txn, const AppendRequest& request,
                         const PreparedBatch& prepared, std::size_t index) {
    const Entry& first = request.entries.front();
    if (std::holds_alternative<RegisterInitialized>(first.body)) return;  // apply_core decides
    // Under the writer lock: one lookup and a byte comparison, unless the key changed.
    const auto stored = txn.get(view_tables.dbi(kActorsTable), U64Key(first.actor).view());
    const Bytes& checked = prepared.keys[index];
    if (stored && std::equal(stored->begin(), stored->end(), checked.begin(), checked.end())) {
      return;
    }
    internal::LmdbViews views(txn, view_tables);
    const std::string where = "request " + to_hex(request.request_id);
    const std::string where_zh = "请求 " + to_hex(request.request_id);
    const KeyRecord key = signing_key(views, first, false, where, where_zh);
    check_signature(key, prepared.messages[index], prepared.signatures[index], first.actor, where,
                    where_zh);
  }

  // One request's entries, from `prepared` at `first`: stamped, checked and applied, stored, and
  // hashed into `working`; `size` and `last_micros` advance.
  AppendOutcome write_request(Transaction& txn, const AppendRequest& request,
                              PreparedBatch& prepared, std::size_t index, std::size_t first,
                              std::uint64_t& size, std::int64_t& last_micros,
                              merkle::Frontier& working) {
    const auto count = static_cast<std::uint32_t>(request.entries.size());
    const RequestRecord request_record(size, count);
    if (const auto earlier = txn.insert(requests, request.request_id, request_record.view())) {
      return replay(txn, request, *earlier, prepared, first);
    }
    recheck_signature(txn, request, prepared, index);
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
    for (std::size_t i = 0; i < batch.size(); ++i) {
      outcomes.push_back(
          write_request(txn, batch[i], prepared, i, next, size, last_micros, working));
      next += batch[i].entries.size();
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
    if (options.read_only) {
      throw_error(ErrorKind::kUnauthorized, "the register is open read-only",
                  "登记簿是以只读方式打开的，不能写入");
    }
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
          throw_error(ErrorKind::kStorageError, "LMDB map is full even after growing it",
                      "数据文件的映射空间扩大多次后仍然不够，未写入任何内容：请检查磁盘空间和 "
                      "map_size_max_bytes 设置");
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
              ready[i]->outcome = write_request(txn, *ready[i]->request, ready[i]->prepared, 0, 0,
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

  // One pass over every view table (the ledger's "actors", the fold's, and the request index).
  ViewDigests digest_views(const Transaction& txn) const {
    ViewDigests digests;
    internal::Sha256 table_hash, total_hash;
    const auto be32 = [](std::size_t n, std::uint8_t* out) {
      for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(n >> (24 - 8 * i));
    };
    std::uint8_t length[4];
    for (const auto& [name, dbi] : digest_tables) {
      table_hash.reset();
      Cursor cursor(txn, dbi);
      MDB_val key, value;
      for (bool more = cursor.step(MDB_FIRST, key, value); more;
           more = cursor.step(MDB_NEXT, key, value)) {
        be32(key.mv_size, length);
        table_hash.update(ByteView(length, 4)).update(as_view(key));
        be32(value.mv_size, length);
        table_hash.update(ByteView(length, 4)).update(as_view(value));
        ++digests.records;
      }
      const Hash digest = table_hash.finish();
      be32(name.size(), length);
      total_hash.update(ByteView(length, 4)).update(as_bytes(name)).update(digest);
      digests.tables.emplace_back(name, digest);
    }
    digests.total = total_hash.finish();
    return digests;
  }

  std::string sign_head(Transaction& txn, const Signer& log_key) {
    const Verifier expected = log_verifier(txn);
    if (log_key.verifier().text() != expected.text()) {
      throw_error(ErrorKind::kUnauthorized,
                  "checkpoint key \"" + log_key.verifier().text() + "\" is not this log's key \"" +
                      expected.text() + "\"",
                  "签署检查点的密钥“" + log_key.verifier().text() + "”不是本登记簿的县级密钥“" +
                      expected.text() + "”：检查点只能用县级密钥签署");
    }
    const std::uint64_t size = tree_size(txn);
    const auto root = meta_get(txn, kMetaRoot);
    const ViewDigests views = digest_views(txn);
    const Checkpoint head{expected.name(), size, to_hash(*root, "stored root"), views.total};
    std::string note = sign_checkpoint(head, log_key);
    meta_put(txn, kMetaViewDigests, views.breakdown());
    txn.put(checkpoints, U64Key(size).view(), as_bytes(note));
    return note;
  }
};

}  // namespace taizhang

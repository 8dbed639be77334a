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

#include <fstream>
#include <iterator>

#include "ledger/ledger_impl.h"

namespace taizhang {

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

Ledger Ledger::create(const std::string& directory, const RegisterInfo& info, const Signer& log_key,
                      LedgerOptions options) {
  if (log_key.name() != info.origin) {
    throw_invalid("origin", info.origin, "must equal the log key's name \"" + log_key.name() + "\"",
                  "须与县级密钥的名称“" + log_key.name() + "”相同");
  }
  if (::mkdir(directory.c_str(), 0750) != 0 && errno != EEXIST) {
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kStorageError, "cannot create directory \"" + directory + "\": " + why,
                "无法创建目录“" + directory + "”：" + why);
  }
  struct stat status;
  if (::stat(directory_data_file(directory).c_str(), &status) == 0) {
    throw_error(ErrorKind::kConflict, "\"" + directory + "\" already holds a register",
                "“" + directory + "”中已有登记簿，不能再新建：请换一个目录");
  }
  options.read_only = false;
  auto impl = std::make_unique<Impl>(directory, std::move(options));
  Entry init;
  init.effective = Date::at(impl->options.clock_micros(), kCountyUtcOffsetSeconds);
  init.body = RegisterInitialized{kFormatVersion, info.county_code, info.county_name, info.origin,
                                  log_key.verifier().public_key()};
  AppendRequest request{random_request_id(), {init}};
  request.entries[0].signature = log_key.sign_record(
      request_message(log_key.verifier().text(), 0, request.request_id, request.entries));
  PreparedBatch prepared = impl->prepare(std::span(&request, 1));
  impl->write([&](Transaction& txn, merkle::Frontier& working) {
    impl->meta_put(txn, kMetaFormatVersion, U64Key(kFormatVersion).view());
    impl->record_fold(txn);
    impl->write_batch(txn, std::span(&request, 1), prepared, working);
    return impl->sign_head(txn, log_key);
  });
  return Ledger(std::move(impl));
}

Ledger Ledger::open(const std::string& directory, LedgerOptions options) {
  // Opening reads the meta table, entry 0 and the tree's right edge; on a damaged page LMDB can
  // crash before any check of ours runs, so the same reads are tried in a child first.
  Impl::probe_open(directory, options);
  return Ledger(Impl::open(directory, std::move(options)));
}

std::vector<AppendOutcome> Ledger::append_batch(std::span<const AppendRequest> requests) {
  PreparedBatch prepared = impl_->prepare(requests);
  return impl_->write([&](Transaction& txn, merkle::Frontier& working) {
    return impl_->write_batch(txn, requests, prepared, working);
  });
}

void Ledger::check_batch(std::span<const AppendRequest> requests) {
  PreparedBatch prepared = impl_->prepare(requests);
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

bool Ledger::kept_by_fold() const {
  Transaction txn(impl_->env, true);
  const auto tables = impl_->meta_get(txn, kMetaFoldTables);
  return tables && !tables->empty();
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
    throw_invalid("size", std::to_string(size), "beyond the log size " + std::to_string(current),
                  "超出了登记簿现有的 " + std::to_string(current) + " 条记录");
  }
  return merkle::root(impl_->reader(txn), size);
}

Bytes Ledger::entry_bytes(std::uint64_t sequence) const {
  Transaction txn(impl_->env, true);
  const auto bytes = txn.get(impl_->log, U64Key(sequence).view());
  if (!bytes) {
    // An entry below the tree's size that is not stored is damage, not a wrong number.
    if (sequence < impl_->tree_size(txn)) {
      throw_error(ErrorKind::kIntegrityError,
                  "entry " + std::to_string(sequence) + " is missing below the log size " +
                      std::to_string(impl_->tree_size(txn)) + ": the data file is damaged",
                  "台账数据文件已损坏：第 " + std::to_string(sequence) +
                      " 条记录缺失，请用 taizhang verify --deep 检查");
    }
    throw_error(ErrorKind::kNotFound, "no entry " + std::to_string(sequence),
                "没有第 " + std::to_string(sequence) + " 条记录");
  }
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
  const internal::LmdbViews views(txn, impl_->view_tables);
  const auto key = find_key(views, actor);
  if (!key) {
    throw_error(ErrorKind::kNotFound, "actor " + std::to_string(actor) + " is not enrolled",
                "人员 " + std::to_string(actor) + " 没有登记");
  }
  if (key->algorithm != KeyAlgorithm::kEd25519) {
    const std::string algorithm(key_algorithm_name(key->algorithm));
    throw_error(
        ErrorKind::kInvalidInput,
        "actor " + std::to_string(actor) + "'s key is " + algorithm + ", not Ed25519",
        "人员 " + std::to_string(actor) + " 的密钥是 " + algorithm + " 密钥，不是 Ed25519 密钥");
  }
  return Verifier::from_public_key("actor-" + std::to_string(actor), key->public_key);
}

std::vector<Hash> Ledger::inclusion_proof(std::uint64_t sequence, std::uint64_t size) const {
  Transaction txn(impl_->env, true);
  const std::uint64_t current = impl_->tree_size(txn);
  if (size > current) {
    throw_invalid("size", std::to_string(size), "beyond the log size " + std::to_string(current),
                  "超出了登记簿现有的 " + std::to_string(current) + " 条记录");
  }
  return merkle::inclusion_proof(impl_->reader(txn), sequence, size);
}

std::vector<Hash> Ledger::consistency_proof(std::uint64_t size1, std::uint64_t size2) const {
  Transaction txn(impl_->env, true);
  const std::uint64_t current = impl_->tree_size(txn);
  if (size2 > current) {
    throw_invalid("size2", std::to_string(size2), "beyond the log size " + std::to_string(current),
                  "超出了登记簿现有的 " + std::to_string(current) + " 条记录");
  }
  return merkle::consistency_proof(impl_->reader(txn), size1, size2);
}

std::string Ledger::checkpoint(const Signer& log_key) {
  return impl_->write(
      [&](Transaction& txn, merkle::Frontier&) { return impl_->sign_head(txn, log_key); });
}

std::string Ledger::checkpoint(const Signer& log_key, const std::string& signed_before) {
  std::optional<std::string> last;
  {
    // Only a file that is not there means "nothing signed before": one that cannot be read
    // would otherwise let a restored older copy be signed over.
    struct stat status;
    if (::stat(signed_before.c_str(), &status) == 0) {
      std::ifstream in(signed_before, std::ios::binary);
      if (!in) {
        throw_error(ErrorKind::kStorageError,
                    "cannot read \"" + signed_before + "\", the last checkpoint this key signed",
                    "无法读取“" + signed_before + "”（这把密钥上次签署的检查点）");
      }
      last = std::string(std::istreambuf_iterator<char>(in), {});
    } else if (errno != ENOENT) {
      const std::string why = std::strerror(errno);
      throw_error(ErrorKind::kStorageError, "cannot see \"" + signed_before + "\": " + why,
                  "无法查看“" + signed_before + "”：" + why);
    }
  }
  // The signer vouches for what it signs: every entry, signature and view checked back to its
  // own key first (a forged act or an edited view put into the files is not signed over).
  const VerifyReport checked = verify({}, &log_key.verifier());
  if (!checked.ok) {
    throw_error(ErrorKind::kIntegrityError,
                "refusing to sign: verify with this key fails: " + checked.problem,
                "拒绝签署：用这把密钥核验登记簿没有通过：" + checked.problem);
  }
  const std::string note = impl_->write([&](Transaction& txn, merkle::Frontier&) {
    if (last) {
      const Checkpoint earlier = open_checkpoint(*last, log_key.verifier());
      const std::uint64_t size = impl_->tree_size(txn);
      const Hash root = to_hash(*impl_->meta_get(txn, kMetaRoot), "stored root");
      const bool extends = earlier.size <= size &&
                           merkle::verify_consistency(
                               earlier.size, size, earlier.root, root,
                               merkle::consistency_proof(impl_->reader(txn), earlier.size, size));
      if (!extends) {
        throw_error(ErrorKind::kIntegrityError,
                    "refusing to sign: this register (" + std::to_string(size) +
                        " entries) does not extend the checkpoint at size " +
                        std::to_string(earlier.size) + " this key signed before (recorded in \"" +
                        signed_before + "\"): a restored older copy, or a fork",
                    "拒绝签署：本登记簿（" + std::to_string(size) +
                        " 条记录）没有延续这把密钥先前签署的、覆盖 " +
                        std::to_string(earlier.size) + " 条记录的检查点（记在“" + signed_before +
                        "”中）：可能是恢复了旧副本，或出现了分叉");
      }
    }
    return impl_->sign_head(txn, log_key);
  });
  // Recorded only once the note is stored: write a new file beside, then rename over the old.
  const std::string temporary = signed_before + ".new";
  std::remove(temporary.c_str());
  write_new_file(temporary, note, 0600);
  if (std::rename(temporary.c_str(), signed_before.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kStorageError,
                "cannot record the signed checkpoint in \"" + signed_before + "\": " + why,
                "无法把签署的检查点记入“" + signed_before + "”：" + why);
  }
  return note;
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

std::vector<HeldSnapshot> Ledger::held_snapshots() const { return impl_->env.held_snapshots(); }

Verifier Ledger::log_verifier() const {
  Transaction txn(impl_->env, true);
  return impl_->log_verifier(txn);
}

}  // namespace taizhang

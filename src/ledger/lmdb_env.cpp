// LMDB wrappers.
#include "ledger/lmdb_env.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>

#include "taizhang/error.h"

namespace taizhang::internal {

namespace {

// The codes by which LMDB says that a page it followed is not what the tree expects: the file
// was damaged under it. (MDB_BAD_TXN follows one of them in the same transaction.)
bool means_damage(int code) {
  return code == MDB_CORRUPTED || code == MDB_PAGE_NOTFOUND || code == MDB_BAD_TXN ||
         code == MDB_INCOMPATIBLE;
}

}  // namespace

void check_lmdb(int code, std::string_view operation, std::string_view table) {
  if (code == MDB_SUCCESS) return;
  if (code == MDB_MAP_FULL) throw MapFull{};
  if (means_damage(code)) {
    throw_error(ErrorKind::kIntegrityError,
                "数据文件已损坏 (the register file is damaged: " + std::string(operation) +
                    (table.empty() ? std::string() : " in table \"" + std::string(table) + "\"") +
                    ": " + mdb_strerror(code) + ", LMDB code " + std::to_string(code) + ")");
  }
  throw_error(ErrorKind::kStorageError, std::string(operation) + ": " + mdb_strerror(code) +
                                            " (LMDB code " + std::to_string(code) + ")");
}

U64Key::U64Key(std::uint64_t value) {
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<std::uint8_t>(value);
    value >>= 8;
  }
}

std::uint64_t read_u64(ByteView bytes) {
  if (bytes.size() != 8) {
    throw_error(ErrorKind::kIntegrityError,
                "stored integer has " + std::to_string(bytes.size()) + " bytes, not 8");
  }
  std::uint64_t value = 0;
  for (std::uint8_t byte : bytes) value = value << 8 | byte;
  return value;
}

Environment::Environment(const std::string& directory, std::uint64_t map_size_bytes,
                         unsigned flags) {
  check_lmdb(mdb_env_create(&env_), "mdb_env_create");
  try {
    constexpr unsigned kDatabasesMax = 64;  // the ledger's own and every view table, with room
    check_lmdb(mdb_env_set_maxdbs(env_, kDatabasesMax), "mdb_env_set_maxdbs");
    check_lmdb(mdb_env_set_mapsize(env_, map_size_bytes), "mdb_env_set_mapsize");
    check_lmdb(mdb_env_open(env_, directory.c_str(), flags, 0640),
               "opening LMDB environment \"" + directory + "\"");
    // LMDB maps the file: a page past its end would be a bus error at the first read. A file cut
    // short (a truncated copy, a full disk) is refused here instead.
    MDB_envinfo info;
    MDB_stat stat;
    check_lmdb(mdb_env_info(env_, &info), "mdb_env_info");
    check_lmdb(mdb_env_stat(env_, &stat), "mdb_env_stat");
    const std::string data = directory + "/data.mdb";
    struct ::stat file;
    const std::uint64_t needed = (std::uint64_t{info.me_last_pgno} + 1) * stat.ms_psize;
    if (::stat(data.c_str(), &file) == 0 && static_cast<std::uint64_t>(file.st_size) < needed) {
      throw_error(ErrorKind::kStorageError, "the register file \"" + data +
                                                "\" is cut short: " + std::to_string(file.st_size) +
                                                " bytes, but its pages reach " +
                                                std::to_string(needed));
    }
    int stale = 0;
    check_lmdb(mdb_reader_check(env_, &stale), "mdb_reader_check");
  } catch (...) {
    mdb_env_close(env_);
    throw;
  }
}

Environment::~Environment() {
  for (MDB_txn* txn : idle_readers_) mdb_txn_abort(txn);
  mdb_env_close(env_);
}

MDB_txn* Environment::begin_read() const {
  MDB_txn* txn = nullptr;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      txn = idle_readers_.back();
      idle_readers_.pop_back();
    }
  }
  if (txn != nullptr) {
    int code = mdb_txn_renew(txn);
    if (code == MDB_MAP_RESIZED) {
      // Another process grew the map: adopt its size and try again.
      check_lmdb(mdb_env_set_mapsize(env_, 0), "mdb_env_set_mapsize");
      code = mdb_txn_renew(txn);
    }
    if (code == MDB_SUCCESS) return txn;
    mdb_txn_abort(txn);  // and begin a fresh one below
  }
  int code = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (code == MDB_MAP_RESIZED) {
    check_lmdb(mdb_env_set_mapsize(env_, 0), "mdb_env_set_mapsize");
    code = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  }
  check_lmdb(code, "mdb_txn_begin");
  return txn;
}

void Environment::end_read(MDB_txn* txn) const {
  constexpr std::size_t kIdleMax = 32;  // readers kept for reuse; the rest are closed
  mdb_txn_reset(txn);
  {
    std::lock_guard lock(readers_mutex_);
    if (idle_readers_.size() < kIdleMax) {
      idle_readers_.push_back(txn);
      return;
    }
  }
  mdb_txn_abort(txn);
}

void Environment::grow() {
  MDB_envinfo info;
  check_lmdb(mdb_env_info(env_, &info), "mdb_env_info");
  check_lmdb(mdb_env_set_mapsize(env_, info.me_mapsize * 2), "mdb_env_set_mapsize");
}

const char* Environment::map_address(MDB_txn* txn, std::size_t map_size,
                                     std::size_t page_size) const {
  if (map_size_.load() == map_size) return map_.load();
  if (txn == nullptr) return nullptr;
  // A record of the main database (the names of the tables) lies on a leaf page of the map;
  // the page begins with its number, so the map begins that many pages before it. The meta
  // page's magic number at the start confirms it.
  MDB_cursor* cursor = nullptr;
  if (mdb_cursor_open(txn, 1, &cursor) != MDB_SUCCESS) return nullptr;
  MDB_val key, value;
  const char* found = nullptr;
  if (mdb_cursor_get(cursor, &key, &value, MDB_FIRST) == MDB_SUCCESS) {
    const auto at = reinterpret_cast<std::uintptr_t>(key.mv_data);
    const std::uintptr_t page = at - at % page_size;
    std::uint64_t number = 0;
    std::memcpy(&number, reinterpret_cast<const void*>(page), sizeof number);
    if (number < map_size / page_size) {
      const auto* base = reinterpret_cast<const char*>(page - number * page_size);
      constexpr std::uint32_t kMetaMagic = 0xBEEFC0DE;
      constexpr std::size_t kPageHeader = 16;
      std::uint32_t magic = 0;
      std::memcpy(&magic, base + kPageHeader, sizeof magic);
      if (magic == kMetaMagic) found = base;
    }
  }
  mdb_cursor_close(cursor);
  if (found != nullptr) {
    map_.store(found);
    map_size_.store(map_size);
  }
  return found;
}

void Environment::remember_name(MDB_dbi dbi, const std::string& name) const {
  std::lock_guard lock(names_mutex_);
  names_.emplace(dbi, name);
}

std::string Environment::table_name(MDB_dbi dbi) const {
  std::lock_guard lock(names_mutex_);
  const auto found = names_.find(dbi);
  return found == names_.end() ? "#" + std::to_string(dbi) : found->second;
}

void Transaction::bound(const Environment& env, bool read_only) {
  MDB_envinfo info;
  MDB_stat stat;
  check_lmdb(mdb_env_info(env.get(), &info), "mdb_env_info");
  check_lmdb(mdb_env_stat(env.get(), &stat), "mdb_env_stat");
  map_size_ = info.me_mapsize;
  map_ = env.map_address(read_only ? txn_ : nullptr, map_size_, stat.ms_psize);
  in_file_ = std::min<std::size_t>(map_size_, (info.me_last_pgno + 1) * stat.ms_psize);
}

void Transaction::check_in_file(const MDB_val& bytes) const {
  const char* at = static_cast<const char*>(bytes.mv_data);
  if (map_ == nullptr || at < map_ || at >= map_ + map_size_) return;
  const std::size_t offset = static_cast<std::size_t>(at - map_);
  if (offset > in_file_ || bytes.mv_size > in_file_ - offset) {
    throw_error(ErrorKind::kIntegrityError,
                "damaged page: a record of " + std::to_string(bytes.mv_size) + " bytes at offset " +
                    std::to_string(offset) + " reaches past the register file's " +
                    std::to_string(in_file_) + " bytes");
  }
}

Transaction::Transaction(const Environment& env, bool read_only) {
  env_ = &env;
  if (read_only) {
    txn_ = env.begin_read();
    pool_ = &env;
    bound(env, true);
    return;
  }
  const unsigned flags = 0;
  int code = mdb_txn_begin(env.get(), nullptr, flags, &txn_);
  if (code == MDB_MAP_RESIZED) {
    // Another process grew the map: adopt its size and try again.
    check_lmdb(mdb_env_set_mapsize(env.get(), 0), "mdb_env_set_mapsize");
    code = mdb_txn_begin(env.get(), nullptr, flags, &txn_);
  }
  check_lmdb(code, "mdb_txn_begin");
  bound(env, false);
}

Transaction::Transaction(const Environment& env, Transaction& parent) : env_(&env) {
  check_lmdb(mdb_txn_begin(env.get(), parent.get(), 0, &txn_), "mdb_txn_begin (nested)");
  map_ = parent.map_;
  map_size_ = parent.map_size_;
  in_file_ = parent.in_file_;
}

Transaction::~Transaction() {
  if (txn_ == nullptr) return;
  if (pool_ != nullptr) {
    pool_->end_read(txn_);
  } else {
    mdb_txn_abort(txn_);
  }
}

MDB_dbi Transaction::open_db(const char* name, bool create) {
  MDB_dbi dbi = 0;
  const int code = mdb_dbi_open(txn_, name, create ? MDB_CREATE : 0, &dbi);
  if (code == MDB_NOTFOUND) {
    throw_error(ErrorKind::kIntegrityError, std::string("登记簿缺少数据表 (table \"") + name +
                                                "\" is missing: the register file is damaged, "
                                                "or not a register)");
  }
  check_lmdb(code, std::string("opening database \"") + name + "\"");
  env_->remember_name(dbi, name);
  return dbi;
}

std::optional<ByteView> Transaction::get(MDB_dbi dbi, ByteView key) const {
  MDB_val key_val = as_val(key);
  MDB_val value;
  const int code = mdb_get(txn_, dbi, &key_val, &value);
  if (code == MDB_NOTFOUND) return std::nullopt;
  if (code != MDB_SUCCESS) check_lmdb(code, "mdb_get", table_name(dbi));  // named only then
  check_in_file(value);
  return as_view(value);
}

void Transaction::put(MDB_dbi dbi, ByteView key, ByteView value, unsigned flags) {
  MDB_val key_val = as_val(key);
  MDB_val value_val = as_val(value);
  const int code = mdb_put(txn_, dbi, &key_val, &value_val, flags);
  if (code != MDB_SUCCESS) check_lmdb(code, "mdb_put", table_name(dbi));
}

std::optional<ByteView> Transaction::insert(MDB_dbi dbi, ByteView key, ByteView value) {
  MDB_val key_val = as_val(key);
  MDB_val value_val = as_val(value);
  const int code = mdb_put(txn_, dbi, &key_val, &value_val, MDB_NOOVERWRITE);
  if (code == MDB_KEYEXIST) {
    check_in_file(value_val);
    return as_view(value_val);
  }
  if (code != MDB_SUCCESS) check_lmdb(code, "mdb_put", table_name(dbi));
  return std::nullopt;
}

void Transaction::commit() {
  MDB_txn* txn = txn_;
  txn_ = nullptr;  // mdb_txn_commit frees the transaction whatever it returns
  check_lmdb(mdb_txn_commit(txn), "mdb_txn_commit");
}

Cursor::Cursor(const Transaction& txn, MDB_dbi dbi) : txn_(txn), dbi_(dbi) {
  const int code = mdb_cursor_open(txn.get(), dbi, &cursor_);
  if (code != MDB_SUCCESS) check_lmdb(code, "mdb_cursor_open", txn.table_name(dbi));
}

Cursor::~Cursor() { mdb_cursor_close(cursor_); }

bool Cursor::step(MDB_cursor_op op, MDB_val& key, MDB_val& value) {
  const int code = mdb_cursor_get(cursor_, &key, &value, op);
  if (code == MDB_NOTFOUND) return false;
  if (code != MDB_SUCCESS) check_lmdb(code, "mdb_cursor_get", txn_.table_name(dbi_));
  txn_.check_in_file(key);
  txn_.check_in_file(value);
  return true;
}

}  // namespace taizhang::internal

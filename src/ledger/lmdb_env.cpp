// LMDB wrappers.
#include "ledger/lmdb_env.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
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
                    ": " + mdb_strerror(code) + ", LMDB code " + std::to_string(code) + ")",
                "台账数据文件已损坏（" +
                    (table.empty() ? std::string() : "数据表 " + std::string(table) + "，") +
                    std::string(operation) + "：" + mdb_strerror(code) + "，LMDB 代码 " +
                    std::to_string(code) + "），请用 taizhang verify --deep 检查");
  }
  throw_error(ErrorKind::kStorageError,
              std::string(operation) + ": " + mdb_strerror(code) + " (LMDB code " +
                  std::to_string(code) + ")",
              "数据文件读写失败（" + std::string(operation) + "：" + mdb_strerror(code) +
                  "，LMDB 代码 " + std::to_string(code) + "）：请检查磁盘空间和文件权限");
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
                "stored integer has " + std::to_string(bytes.size()) + " bytes, not 8",
                "台账数据文件已损坏：存储的整数长 " + std::to_string(bytes.size()) +
                    " 字节，应为 8 字节，请用 taizhang verify --deep 检查");
  }
  std::uint64_t value = 0;
  for (std::uint8_t byte : bytes) value = value << 8 | byte;
  return value;
}

Environment::Environment(const std::string& directory, std::uint64_t map_size_bytes, unsigned flags,
                         std::uint64_t map_size_max_bytes)
    : directory_(directory), flags_(flags), map_size_max_(map_size_max_bytes) {
  if (map_size_max_ != 0) map_size_bytes = std::min(map_size_bytes, map_size_max_);
  join_openers();
  try {
    open_env(map_size_bytes);
  } catch (...) {
    if (openers_lock_ >= 0) ::close(openers_lock_);
    throw;
  }
  // Alone while opening: others may join now.
  if (first_opener_) ::flock(openers_lock_, LOCK_SH);
}

// LMDB keeps its reader table and writer lock in lock.mdb, and a process that opens the register
// when that file is gone makes a new one: its readers and its writer are then unknown to the
// processes that still use the old one, and two writers could commit over each other. data.mdb
// cannot be deleted without losing the register, so every process that has the register open
// holds a shared flock on it. One that can take it exclusively is alone and may (re)make the lock
// file (held so until LMDB has); one that cannot must find lock.mdb there, as the others made
// it. Writers in several processes stay allowed: LMDB serialises them through the lock file.
void Environment::join_openers() {
  if ((flags_ & MDB_NOLOCK) != 0) return;  // a read-only copy nobody writes
  const std::string data = directory_ + "/data.mdb";
  const int mode = (flags_ & MDB_RDONLY) != 0 ? O_RDONLY : O_RDWR | O_CREAT;
  openers_lock_ = ::open(data.c_str(), mode | O_CLOEXEC, 0640);
  if (openers_lock_ < 0) return;  // LMDB's own open says what is wrong
  if (::flock(openers_lock_, LOCK_EX | LOCK_NB) == 0) {
    first_opener_ = true;
    return;
  }
  // Others have it open (or one is opening it: wait until it has made the lock file).
  while (::flock(openers_lock_, LOCK_SH) != 0 && errno == EINTR) {
  }
  struct ::stat lock_file;
  if (::stat((directory_ + "/lock.mdb").c_str(), &lock_file) != 0 && errno == ENOENT) {
    ::close(openers_lock_);
    openers_lock_ = -1;
    throw_error(ErrorKind::kConflict,
                "登记簿正被另一进程打开，但其锁文件 lock.mdb 已被删除 (the register in \"" +
                    directory_ +
                    "\" is open in another process, but its lock file lock.mdb was deleted: "
                    "opening it now would let a second writer in; close the other processes "
                    "first)",
                "“" + directory_ +
                    "”中的登记簿正被另一进程打开，但其锁文件 lock.mdb 已被删除：现在打开会"
                    "让两个进程同时写入，请先关闭其他使用这个登记簿的进程");
  }
}

void Environment::open_env(std::uint64_t map_size_bytes) {
  check_lmdb(mdb_env_create(&env_), "mdb_env_create");
  try {
    constexpr unsigned kDatabasesMax = 64;  // the ledger's own and every view table, with room
    check_lmdb(mdb_env_set_maxdbs(env_, kDatabasesMax), "mdb_env_set_maxdbs");
    check_lmdb(mdb_env_set_mapsize(env_, map_size_bytes), "mdb_env_set_mapsize");
    check_lmdb(mdb_env_open(env_, directory_.c_str(), flags_, 0640),
               "opening LMDB environment \"" + directory_ + "\"");
    // LMDB maps the file: a page past its end would be a bus error at the first read. A file cut
    // short (a truncated copy, a full disk) is refused here instead.
    MDB_envinfo info;
    MDB_stat stat;
    check_lmdb(mdb_env_info(env_, &info), "mdb_env_info");
    check_lmdb(mdb_env_stat(env_, &stat), "mdb_env_stat");
    const std::string data = directory_ + "/data.mdb";
    struct ::stat file;
    const std::uint64_t needed = (std::uint64_t{info.me_last_pgno} + 1) * stat.ms_psize;
    if (::stat(data.c_str(), &file) == 0 && static_cast<std::uint64_t>(file.st_size) < needed) {
      throw_error(ErrorKind::kStorageError,
                  "the register file \"" + data +
                      "\" is cut short: " + std::to_string(file.st_size) +
                      " bytes, but its pages reach " + std::to_string(needed),
                  "台账数据文件“" + data + "”不完整：只有 " + std::to_string(file.st_size) +
                      " 字节，而其数据页延伸到 " + std::to_string(needed) +
                      " 字节：文件被截断了（复制未完成或磁盘已满），请用备份恢复");
    }
    int stale = 0;
    check_lmdb(mdb_reader_check(env_, &stale), "mdb_reader_check");
  } catch (...) {
    mdb_env_close(env_);
    env_ = nullptr;
    throw;
  }
}

Environment::~Environment() {
  for (MDB_txn* txn : idle_readers_) mdb_txn_abort(txn);
  if (env_ != nullptr) mdb_env_close(env_);
  if (openers_lock_ >= 0) ::close(openers_lock_);
}

void Environment::adopt_grown_map() const {
  const int code = mdb_env_set_mapsize(env_, 0);
  if (code != MDB_SUCCESS) {
    // As in grow(): LMDB holds no map now. Refuse every later transaction rather than crash.
    map_lost_.store(true);
    check_lmdb(code, "mdb_env_set_mapsize (adopting the map another process grew)");
  }
}

void Environment::check_usable() const {
  if (env_ == nullptr || map_lost_.load()) {
    throw_error(ErrorKind::kStorageError,
                "登记簿已关闭 (the register \"" + directory_ +
                    "\" was closed after its map could not grow or be restored: open it again)",
                "“" + directory_ + "”中的登记簿已关闭：其映射空间无法扩大或恢复，请重新打开");
  }
}

MDB_txn* Environment::begin_read() const {
  check_usable();
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
      adopt_grown_map();
      code = mdb_txn_renew(txn);
    }
    if (code == MDB_SUCCESS) return txn;
    mdb_txn_abort(txn);  // and begin a fresh one below
  }
  int code = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (code == MDB_MAP_RESIZED) {
    adopt_grown_map();
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
  check_usable();
  MDB_envinfo info;
  check_lmdb(mdb_env_info(env_, &info), "mdb_env_info");
  const std::uint64_t current = info.me_mapsize;
  std::uint64_t next = current * 2;
  if (map_size_max_ != 0) next = std::min(next, map_size_max_);
  if (next <= current) {
    throw_error(ErrorKind::kStorageError,
                "登记簿映射已达上限 (the register's map is at its limit of " +
                    std::to_string(current) +
                    " bytes (map_size_max_bytes) and the write needs more: nothing was written)",
                "登记簿的映射空间已达上限 " + std::to_string(current) +
                    " 字节（map_size_max_bytes），这次写入需要更多空间：未写入任何内容");
  }
  const int code = mdb_env_set_mapsize(env_, next);
  if (code == MDB_SUCCESS) return;
  // LMDB unmapped the file before it failed to map it larger, and keeps no map: every read
  // would follow a null pointer. Only a fresh environment at the size that worked maps it again.
  const std::string why = mdb_strerror(code);
  {
    std::lock_guard lock(readers_mutex_);
    for (MDB_txn* txn : idle_readers_) mdb_txn_abort(txn);
    idle_readers_.clear();
  }
  mdb_env_close(env_);
  env_ = nullptr;
  map_.store(nullptr);
  map_size_.store(0);
  try {
    open_env(current);
    reopen_tables();
  } catch (const Error& error) {
    if (env_ != nullptr) mdb_env_close(env_);
    env_ = nullptr;
    const std::string inner = error.chinese().empty() ? error.what() : error.chinese();
    throw_error(ErrorKind::kStorageError,
                "the register's map could not grow to " + std::to_string(next) + " bytes (" + why +
                    "), nor be mapped again (" + error.what() + "): the register is closed",
                "登记簿的映射空间无法扩大到 " + std::to_string(next) + " 字节（" + why +
                    "），也无法重新映射（" + inner + "）：登记簿已关闭，请重新打开");
  }
  throw_error(ErrorKind::kStorageError,
              "登记簿映射无法扩大 (the register's map could not grow to " + std::to_string(next) +
                  " bytes: " + why + "; nothing was written, and the register stays open at " +
                  std::to_string(current) + " bytes)",
              "登记簿的映射空间无法扩大到 " + std::to_string(next) + " 字节（" + why +
                  "）：未写入任何内容，登记簿仍按 " + std::to_string(current) + " 字节打开着");
}

// The tables again, in the order they were first opened: LMDB numbers them in that order, so
// each gets the number the ledger already holds for it.
void Environment::reopen_tables() {
  std::map<MDB_dbi, std::string> names;
  {
    std::lock_guard lock(names_mutex_);
    names = names_;
  }
  MDB_txn* txn = nullptr;
  check_lmdb(mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn), "mdb_txn_begin");
  for (const auto& [dbi, name] : names) {
    MDB_dbi again = 0;
    const int code = mdb_dbi_open(txn, name.c_str(), 0, &again);
    if (code != MDB_SUCCESS || again != dbi) {
      mdb_txn_abort(txn);
      check_lmdb(code, "opening database \"" + name + "\" again");
      throw_error(ErrorKind::kStorageError, "table \"" + name + "\" came back under another number",
                  "数据表 " + name + " 重新打开后编号变了：登记簿无法继续使用，请重新打开");
    }
  }
  check_lmdb(mdb_txn_commit(txn), "mdb_txn_commit");
}

std::vector<HeldSnapshot> Environment::held_snapshots() const {
  check_usable();
  MDB_envinfo info;
  check_lmdb(mdb_env_info(env_, &info), "mdb_env_info");
  struct Lines {
    std::vector<HeldSnapshot> held;
    std::uint64_t last = 0;
  } lines{{}, info.me_last_txnid};
  // LMDB lists the reader table as text: a header, then "pid thread txnid" per slot in use, the
  // txnid "-" for a slot between reads.
  const int code = mdb_reader_list(
      env_,
      [](const char* line, void* context) -> int {
        auto& out = *static_cast<Lines*>(context);
        long long pid = 0;
        unsigned long long thread = 0, snapshot = 0;
        if (std::sscanf(line, " %lld %llx %llu", &pid, &thread, &snapshot) == 3) {
          const std::uint64_t at = snapshot;
          out.held.push_back({pid, at, out.last > at ? out.last - at : 0});
        }
        return 0;
      },
      &lines);
  if (code < 0) check_lmdb(code, "mdb_reader_list");
  std::sort(lines.held.begin(), lines.held.end(),
            [](const HeldSnapshot& a, const HeldSnapshot& b) { return a.snapshot < b.snapshot; });
  return lines.held;
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
                    std::to_string(in_file_) + " bytes",
                "台账数据文件已损坏：一页中的记录超出了文件末尾，请用 taizhang verify --deep "
                "检查");
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
  env.check_usable();
  const unsigned flags = 0;
  int code = mdb_txn_begin(env.get(), nullptr, flags, &txn_);
  if (code == MDB_MAP_RESIZED) {
    // Another process grew the map: adopt its size and try again.
    env.adopt_grown_map();
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
    throw_error(ErrorKind::kIntegrityError,
                std::string("table \"") + name +
                    "\" is missing: the register file is damaged, or not a register",
                std::string("台账数据文件已损坏或不是台账：缺少数据表 ") + name);
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

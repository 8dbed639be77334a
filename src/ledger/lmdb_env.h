// Thin RAII over LMDB: an environment, transactions and cursors, with every return code
// converted to a taizhang::Error (StorageError naming the operation and LMDB's message).
#pragma once

#include <lmdb.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/ledger.h"

namespace taizhang::internal {

// Thrown by puts and commits that meet MDB_MAP_FULL, so the writer can grow the map and replay.
struct MapFull {};

// StorageError naming the operation and LMDB's message; IntegrityError for the codes by which
// LMDB says a page it read is not what the tree expects (the file is damaged), naming `table`.
void check_lmdb(int code, std::string_view operation, std::string_view table = {});

inline MDB_val as_val(ByteView bytes) {
  return {bytes.size(), const_cast<std::uint8_t*>(bytes.data())};
}
inline ByteView as_view(const MDB_val& value) {
  return {static_cast<const std::uint8_t*>(value.mv_data), value.mv_size};
}

// Big-endian unsigned keys sort in numeric order under LMDB's default byte comparison.
struct U64Key {
  explicit U64Key(std::uint64_t value);
  ByteView view() const { return bytes; }
  std::uint8_t bytes[8];
};
std::uint64_t read_u64(ByteView bytes);

class Environment {
 public:
  // `map_size_max_bytes` bounds grow() (0: no bound of ours). Conflict if others have the
  // register open but its lock file is gone (see join_openers).
  Environment(const std::string& directory, std::uint64_t map_size_bytes, unsigned flags,
              std::uint64_t map_size_max_bytes = 0);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  MDB_env* get() const { return env_; }
  // Doubles the map size (up to the bound). StorageError if it cannot: at the bound, or when the
  // system refuses the larger map (the environment is then opened again at the old size, and
  // stays usable; if even that fails, every later transaction throws StorageError).
  // REQUIRES: no transaction of this process is open.
  void grow();
  // StorageError once a failed growth has left no map.
  void check_usable() const;
  // Maps the file at the size another process grew it to (after MDB_MAP_RESIZED).
  void adopt_grown_map() const;
  // The read snapshots held in the reader table, oldest first.
  std::vector<HeldSnapshot> held_snapshots() const;

  // Read-only transactions are pooled: a finished one is reset (its snapshot released, its
  // reader slot kept) and renewed by the next reader, which saves an allocation and the reader
  // table lock per read. A forked child must not touch its parent's pool (it opens its own
  // environment; see registry.py).
  MDB_txn* begin_read() const;
  void end_read(MDB_txn* txn) const;

  // Where LMDB mapped the file (LMDB does not say: found from a page of `txn`, a read
  // transaction, by the page number in its header), or null if it cannot be found.
  const char* map_address(MDB_txn* txn, std::size_t map_size, std::size_t page_size) const;

  // The names of the tables opened in this environment, so that errors can name them.
  void remember_name(MDB_dbi dbi, const std::string& name) const;
  std::string table_name(MDB_dbi dbi) const;

 private:
  void join_openers();
  void open_env(std::uint64_t map_size_bytes);
  void reopen_tables();

  std::string directory_;
  unsigned flags_ = 0;
  std::uint64_t map_size_max_ = 0;
  int openers_lock_ = -1;  // data.mdb, flocked shared while open (exclusive while first opening)
  bool first_opener_ = false;
  MDB_env* env_ = nullptr;
  mutable std::atomic<bool> map_lost_{false};
  mutable std::mutex names_mutex_;
  mutable std::map<MDB_dbi, std::string> names_;
  mutable std::atomic<const char*> map_{nullptr};
  mutable std::atomic<std::size_t> map_size_{0};  // the map size `map_` was found for
  mutable std::mutex readers_mutex_;
  mutable std::vector<MDB_txn*> idle_readers_;
};

class Transaction {
 public:
  Transaction(const Environment& env, bool read_only);
  // A write transaction nested in `parent`: its commit folds into the parent, its abort leaves
  // the parent as it was. The parent may not be used until it ends.
  Transaction(const Environment& env, Transaction& parent);
  ~Transaction();  // aborts unless committed
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  MDB_txn* get() const { return txn_; }
  // IntegrityError if the table is missing and not to be created (the register's tables are
  // made with it; a lost one is damage).
  MDB_dbi open_db(const char* name, bool create);
  std::string table_name(MDB_dbi dbi) const { return env_->table_name(dbi); }
  // IntegrityError if `bytes` lie in the map but reach past the pages the file held when the
  // transaction began: a damaged page's length would otherwise be a bus error at the first
  // read. Bytes outside the map (a write transaction's own pages) pass.
  void check_in_file(const MDB_val& bytes) const;
  // The value stays valid until the transaction ends or (in a write transaction) the next put.
  std::optional<ByteView> get(MDB_dbi dbi, ByteView key) const;
  void put(MDB_dbi dbi, ByteView key, ByteView value, unsigned flags = 0);
  // Puts only if `key` is absent (one B-tree descent). Returns the value already stored under
  // `key` when there is one, and writes nothing then.
  std::optional<ByteView> insert(MDB_dbi dbi, ByteView key, ByteView value);
  void commit();

 private:
  void bound(const Environment& env, bool read_only);

  MDB_txn* txn_ = nullptr;
  const Environment* env_ = nullptr;
  const Environment* pool_ = nullptr;  // the pool a read-only transaction goes back to
  const char* map_ = nullptr;          // the map, its size, and the bytes of it in the file
  std::size_t map_size_ = 0;
  std::size_t in_file_ = 0;
};

class Cursor {
 public:
  Cursor(const Transaction& txn, MDB_dbi dbi);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // Moves to the first record (MDB_FIRST) or the next one (MDB_NEXT); false at the end.
  bool step(MDB_cursor_op op, MDB_val& key, MDB_val& value);

 private:
  MDB_cursor* cursor_ = nullptr;
  const Transaction& txn_;
  MDB_dbi dbi_ = 0;
};

}  // namespace taizhang::internal

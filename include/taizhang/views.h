// Views: the state derived from the log by one pure fold (docs/architecture.md §1).
//
// Every view record (the current state of an asset, an index, an actor's key) is written only
// by a Fold, from entries, inside the write transaction that appends them. The same fold runs
// when the log is replayed, so `Ledger::verify_deep` can rebuild every view into a scratch
// environment and compare it byte for byte with the live one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/entry.h"
#include "taizhang/export.h"

namespace taizhang {

// Named tables of keys and values, as the fold sees them. Values returned by get() stay valid
// until the next write through the same store.
class TAIZHANG_EXPORT ViewStore {
 public:
  virtual ~ViewStore();
  virtual std::optional<ByteView> get(std::string_view table, ByteView key) const = 0;
  virtual void put(std::string_view table, ByteView key, ByteView value) = 0;
  // put() for a key that is usually past every key of the table (ids that only grow): the
  // store may then skip the search and fill pages full. Any key is still correct.
  virtual void append(std::string_view table, ByteView key, ByteView value) {
    put(table, key, value);
  }
  // Puts only if `key` is absent; otherwise writes nothing and returns the value stored.
  virtual std::optional<ByteView> insert(std::string_view table, ByteView key, ByteView value) = 0;
  virtual void erase(std::string_view table, ByteView key) = 0;
  // Calls `visit(key, value)` for each key that starts with `prefix`, in key order, until it
  // returns false.
  virtual void scan(std::string_view table, ByteView prefix,
                    const std::function<bool(ByteView key, ByteView value)>& visit) const = 0;
  // The number of keys in `table` (for sizing what a pass over it builds).
  virtual std::uint64_t count(std::string_view table) const {
    std::uint64_t keys = 0;
    scan(table, {}, [&](ByteView, ByteView) { return ++keys, true; });
    return keys;
  }
};

// Where an entry lands in the log, assigned by the ledger as it appends. The fold reads these,
// not the entry's own fields of the same names, so the ledger hands it the caller's entry as it
// is instead of a stamped copy.
struct EntryStamp {
  std::uint64_t sequence = 0;
  std::int64_t recorded_micros = 0;
  RequestId request_id{};
  // The stamp an entry read back from the log carries (replay, verification, import).
  static EntryStamp of(const Entry& entry) {
    return {entry.sequence, entry.recorded_micros, entry.request_id};
  }
};

// The pure function from (views, entry) to new views or a refusal.
class TAIZHANG_EXPORT Fold {
 public:
  virtual ~Fold();
  // The tables this fold writes; they are created with the register and rebuilt by replay.
  virtual std::vector<std::string> tables() const = 0;
  // Applies one entry where `stamp` puts it. Throws taizhang::Error (RuleViolation, Conflict,
  // ...) to refuse it; the ledger then writes nothing of the batch. REQUIRES: deterministic in
  // (views, entry, stamp); reads `stamp`, never entry.sequence/recorded_micros/request_id.
  virtual void apply(ViewStore& views, const Entry& entry, const EntryStamp& stamp) const = 0;
};

}  // namespace taizhang

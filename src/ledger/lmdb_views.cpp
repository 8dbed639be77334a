// ViewStore over LMDB.
#include "ledger/lmdb_views.h"

#include <algorithm>

#include "taizhang/error.h"

namespace taizhang {

ViewStore::~ViewStore() = default;
Fold::~Fold() = default;

namespace internal {

void ViewTables::open(Transaction& txn, const std::vector<std::string>& names, bool create) {
  for (const std::string& name : names) {
    const bool known = std::any_of(tables_.begin(), tables_.end(),
                                   [&](const auto& table) { return table.first == name; });
    if (!known) tables_.emplace_back(name, txn.open_db(name.c_str(), create));
  }
}

MDB_dbi ViewTables::dbi(std::string_view table) const {
  for (const auto& [name, dbi] : tables_) {
    if (name == table) return dbi;
  }
  throw_invalid("table", table, "no such view table in this register", "本登记簿没有这个视图表");
}

std::optional<ByteView> LmdbViews::get(std::string_view table, ByteView key) const {
  return txn_.get(tables_.dbi(table), key);
}

void LmdbViews::put(std::string_view table, ByteView key, ByteView value) {
  txn_.put(tables_.dbi(table), key, value);
}

void LmdbViews::append(std::string_view table, ByteView key, ByteView value) {
  const MDB_dbi dbi = tables_.dbi(table);
  MDB_val key_val{key.size(), const_cast<std::uint8_t*>(key.data())};
  MDB_val value_val{value.size(), const_cast<std::uint8_t*>(value.data())};
  const int code = mdb_put(txn_.get(), dbi, &key_val, &value_val, MDB_APPEND);
  if (code == MDB_KEYEXIST) {
    txn_.put(dbi, key, value);  // not past the last key: an ordinary put
    return;
  }
  check_lmdb(code, "mdb_put (append)", table);
}

std::optional<ByteView> LmdbViews::insert(std::string_view table, ByteView key, ByteView value) {
  return txn_.insert(tables_.dbi(table), key, value);
}

void LmdbViews::erase(std::string_view table, ByteView key) {
  MDB_val key_val = as_val(key);
  const int code = mdb_del(txn_.get(), tables_.dbi(table), &key_val, nullptr);
  if (code != MDB_NOTFOUND) check_lmdb(code, "mdb_del", table);
}

void LmdbViews::scan(std::string_view table, ByteView prefix,
                     const std::function<bool(ByteView, ByteView)>& visit) const {
  Cursor cursor(txn_, tables_.dbi(table));
  MDB_val key = as_val(prefix);
  MDB_val value;
  for (bool more = cursor.step(prefix.empty() ? MDB_FIRST : MDB_SET_RANGE, key, value); more;
       more = cursor.step(MDB_NEXT, key, value)) {
    const ByteView found = as_view(key);
    if (found.size() < prefix.size() || !std::equal(prefix.begin(), prefix.end(), found.begin())) {
      break;
    }
    if (!visit(found, as_view(value))) break;
  }
}

std::uint64_t LmdbViews::count(std::string_view table) const {
  MDB_stat stat;
  check_lmdb(mdb_stat(txn_.get(), tables_.dbi(table), &stat), "mdb_stat", table);
  return stat.ms_entries;
}

}  // namespace internal
}  // namespace taizhang

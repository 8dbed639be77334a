// ViewStore over named LMDB databases in one transaction.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ledger/lmdb_env.h"
#include "taizhang/views.h"

namespace taizhang::internal {

// The named databases of a set of view tables, opened once per environment.
class ViewTables {
 public:
  // Opens (creating when `create`) each table in `txn`.
  void open(Transaction& txn, const std::vector<std::string>& names, bool create);
  MDB_dbi dbi(std::string_view table) const;  // InvalidInput for a table not opened
  const std::vector<std::pair<std::string, MDB_dbi>>& all() const { return tables_; }

 private:
  std::vector<std::pair<std::string, MDB_dbi>> tables_;
};

class LmdbViews final : public ViewStore {
 public:
  LmdbViews(Transaction& txn, const ViewTables& tables) : txn_(txn), tables_(tables) {}

  std::optional<ByteView> get(std::string_view table, ByteView key) const override;
  void put(std::string_view table, ByteView key, ByteView value) override;
  void append(std::string_view table, ByteView key, ByteView value) override;
  std::optional<ByteView> insert(std::string_view table, ByteView key, ByteView value) override;
  void erase(std::string_view table, ByteView key) override;
  void scan(std::string_view table, ByteView prefix,
            const std::function<bool(ByteView, ByteView)>& visit) const override;
  std::uint64_t count(std::string_view table) const override;

 private:
  Transaction& txn_;
  const ViewTables& tables_;
};

}  // namespace taizhang::internal

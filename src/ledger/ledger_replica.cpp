// Replicas: entries appended from another register's stream with every rule and fold, a new
// replica made from one, and checkpoints signed elsewhere stored.
#include "ledger/ledger_impl.h"

namespace taizhang {

std::uint64_t Ledger::append_replicated(const EntryProducer& produce, const Hash* expected_root) {
  impl_->refuse_foreign_fold();
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
    RequestChecker checker;
    produce([&](ByteView bytes) {
      const Entry entry = decode_entry(bytes);
      if (entry.sequence != size) {
        throw_error(ErrorKind::kIntegrityError,
                    "entry " + std::to_string(entry.sequence) + " arrives where entry " +
                        std::to_string(size) + " belongs",
                    "第 " + std::to_string(entry.sequence) + " 条记录出现在第 " +
                        std::to_string(size) + " 条的位置：记录流次序错乱或有缺漏");
      }
      if (entry.recorded_micros < std::max<std::int64_t>(last_micros, 1)) {
        throw_error(
            ErrorKind::kIntegrityError,
            "entry " + std::to_string(size) + " was recorded before the entry ahead of it",
            "第 " + std::to_string(size) + " 条记录的登记时间早于它前面的记录：登记时间被改动过");
      }
      // Recorded in this register's future (beyond an hour of clock skew): the time rules would
      // run on a time that has not come.
      constexpr std::int64_t kSkewMicros = std::int64_t{3600} * 1'000'000;
      if (entry.recorded_micros > impl_->options.clock_micros() + kSkewMicros) {
        throw_error(ErrorKind::kIntegrityError,
                    "entry " + std::to_string(size) +
                        " is recorded later than this register's clock says it is now",
                    "第 " + std::to_string(size) +
                        " 条记录的登记时间晚于本登记簿时钟的当前时间：请核对本机和来源登记簿的"
                        "时钟");
      }
      last_micros = entry.recorded_micros;
      // The request index, as the source wrote it: a request's entries are consecutive.
      // A request continues only while the last one is still waiting for its signature: an
      // entry with the id of a request already closed is a replay, refused by the index.
      const bool continues = checker.open_request().has_value();
      if (!continues) {
        request_id = entry.request_id;
        request_first = size;
        request_count = 0;
      }
      ++request_count;
      const RequestRecord record(request_first, request_count);
      if (!continues && txn.insert(impl_->requests, request_id, record.view())) {
        throw_error(ErrorKind::kConflict,
                    "entry " + std::to_string(size) + " reuses request id " + to_hex(request_id) +
                        " of an earlier request",
                    "第 " + std::to_string(size) + " 条记录重复使用了之前请求的请求编号 " +
                        to_hex(request_id) + "：这是重复写入的请求");
      }
      if (continues) txn.put(impl_->requests, request_id, record.view());
      {
        const internal::LmdbViews views(txn, impl_->view_tables);
        checker.before_apply(views, entry, size, impl_->register_id);
      }
      impl_->apply(txn, entry, {size, entry.recorded_micros, &entry.request_id, true});
      const U64Key key(size++);
      txn.put(impl_->log, key.view(), bytes, MDB_APPEND);
      tree_record.clear();
      working.append(merkle::leaf_hash(bytes),
                     [&](const merkle::Frontier::Completed& node) { tree_record.add(node.hash); });
      txn.put(impl_->tree, key.view(), tree_record.view(), MDB_APPEND);
    });
    checker.finish(size);
    if (expected_root != nullptr && working.root() != *expected_root) {
      throw_error(
          ErrorKind::kIntegrityError,
          "the " + std::to_string(size) +
              " entries do not make the tree their checkpoint signs: an entry was "
              "altered",
          "这 " + std::to_string(size) + " 条记录算出的默克尔树与检查点签署的不符：有记录被改动过");
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
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kStorageError, "cannot create directory \"" + directory + "\": " + why,
                "无法创建目录“" + directory + "”：" + why);
  }
  struct stat status;
  if (::stat(directory_data_file(directory).c_str(), &status) == 0) {
    throw_error(ErrorKind::kConflict, "\"" + directory + "\" already holds a register",
                "“" + directory + "”中已有登记簿，不能在此新建副本：请换一个目录");
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
      impl->record_fold(txn);
      return 0;
    });
    Ledger ledger(std::move(impl));
    if (ledger.append_replicated(produce, expected_root) == 0) {
      throw_error(ErrorKind::kIntegrityError, "the stream holds no entries",
                  "记录流中没有任何记录");
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
      throw_error(ErrorKind::kIntegrityError,
                  "checkpoint of " + std::to_string(head.size) + " entries; the log holds " +
                      std::to_string(size),
                  "检查点覆盖 " + std::to_string(head.size) + " 条记录，而本登记簿有 " +
                      std::to_string(size) + " 条：存入的检查点须覆盖 1 至 " +
                      std::to_string(size) + " 条记录");
    }
    const Hash root = merkle::root(impl_->reader(txn), head.size);
    if (root != head.root) {
      throw_error(ErrorKind::kIntegrityError,
                  "checkpoint root at " + std::to_string(head.size) +
                      " entries is not this log's root there",
                  "覆盖 " + std::to_string(head.size) + " 条记录的检查点，其根散列与本登记簿前 " +
                      std::to_string(head.size) +
                      " 条记录的不符：它不是本登记簿的检查点，或本登记簿出现了分叉");
    }
    txn.put(impl_->checkpoints, U64Key(head.size).view(), as_bytes(note));
    return 0;
  });
}

}  // namespace taizhang

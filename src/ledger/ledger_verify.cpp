// Verification: every leaf, subtree, root and checkpoint recomputed (verify), and every view
// rebuilt by replay into a scratch environment and compared byte for byte (verify_deep).
#include <thread>

#include "ledger/ledger_impl.h"

namespace taizhang {

VerifyReport Ledger::verify(const std::function<void(std::uint64_t)>& progress,
                            const Verifier* trusted) const {
  // Damage that stops the walk itself (a record of the wrong size, an entry 0 that is not one)
  // is reported like any other damage, never thrown.
  try {
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
      return fail(0, "entry 0 names the log key \"" + log_key->text() +
                         "\", not the trusted key \"" + trusted->text() + "\"");
    }

    Cursor checkpoints(txn, impl_->checkpoints);
    MDB_val checkpoint_key, checkpoint_value;
    bool have_checkpoint = checkpoints.step(MDB_FIRST, checkpoint_key, checkpoint_value);

    // With the county's key from outside: the authority of every request, checked against the keys
    // as the log makes them from that key on, in an in-memory copy of the actors view (no replay of
    // the domain, no trust in the stored view). Without it, signatures would prove nothing a forger
    // could not remake under a key of its own, so plain verify checks integrity and the views.
    const bool authority = trusted != nullptr;
    MemoryViews keys;
    RequestChecker requests;
    std::string id;  // the register's, from entry 0

    // When the newest checkpoint covers the head, the views are digested on a second core while
    // this one walks the log: a read transaction of its own, used only if it sees the same
    // snapshot (no commit in between); otherwise the digest is taken again on this one.
    struct Digest {
      std::optional<ViewDigests> views;
      std::uint64_t snapshot = 0;
      std::exception_ptr error;
    } parallel;
    std::thread digester;
    {
      Cursor newest(txn, impl_->checkpoints);
      MDB_val at, note;
      if (newest.step(MDB_LAST, at, note) && at.mv_size == 8 &&
          internal::read_u64(as_view(at)) == impl_->tree_size(txn)) {
        digester = std::thread([&] {
          try {
            Transaction own(impl_->env, true);
            parallel.snapshot = mdb_txn_id(own.get());
            parallel.views = impl_->digest_views(own);
          } catch (...) {
            parallel.error = std::current_exception();
          }
        });
      }
    }
    struct Join {
      ~Join() {
        if (thread.joinable()) thread.join();
      }
      std::thread& thread;
    } join{digester};

    std::optional<Checkpoint> last_checkpoint;
    std::int64_t previous_recorded = 0;
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
      // Recorded times: at least 1 and never back (the time rules are judged on them).
      const auto recorded = static_cast<std::int64_t>(
          internal::read_stamp_field(bytes, internal::kRecordedMicrosOffset));
      if (recorded < std::max<std::int64_t>(previous_recorded, 1)) {
        return fail(expected, "entry " + std::to_string(expected) +
                                  " is recorded before the entry "
                                  "ahead of it");
      }
      previous_recorded = recorded;
      record.clear();
      frontier.append(merkle::leaf_hash(bytes),
                      [&](const merkle::Frontier::Completed& node) { record.add(node.hash); });
      const auto stored = txn.get(impl_->tree, as_view(key));
      if (!stored || stored->size() != record.size ||
          std::memcmp(stored->data(), record.bytes, record.size) != 0) {
        const bool leaf_differs = stored && stored->size() >= kHashSize &&
                                  std::memcmp(stored->data(), record.bytes, kHashSize) != 0;
        return fail(expected, leaf_differs
                                  ? "entry " + std::to_string(expected) +
                                        " does not hash to its stored leaf: the entry bytes were "
                                        "altered"
                                  : "the stored subtree hashes completed by entry " +
                                        std::to_string(expected) +
                                        " differ from the recomputed ones");
      }
      if (authority) {
        try {
          const Entry entry = decode_entry(bytes);
          requests.before_apply(keys, entry, expected, id);
          apply_core(keys, entry, {expected, entry.recorded_micros, &entry.request_id, true}, id);
        } catch (const Error& error) {
          return fail(expected, "entry " + std::to_string(expected) + ": " + error.what());
        }
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
          last_checkpoint = head;
        } catch (const Error& error) {
          return fail(expected, std::string("checkpoint at size ") +
                                    std::to_string(frontier.size()) + ": " + error.what());
        }
        ++report.checkpoints_checked;
        have_checkpoint = checkpoints.step(MDB_NEXT, checkpoint_key, checkpoint_value);
      }
      if (progress && report.entries_checked % 65536 == 0) progress(report.entries_checked);
    }
    if (progress) progress(report.entries_checked);
    try {
      requests.finish(frontier.size());
    } catch (const Error& error) {
      return fail(requests.open_request(), error.what());
    }

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
    // The views, against the digest the checkpoint at the head signs: an edited record (an
    // asset's value, an actor's key) is found without replaying the log.
    if (last_checkpoint && last_checkpoint->size == size && last_checkpoint->views) {
      if (digester.joinable()) digester.join();
      const bool same_snapshot =
          !parallel.error && parallel.views && parallel.snapshot == mdb_txn_id(txn.get());
      const ViewDigests views =
          same_snapshot ? std::move(*parallel.views) : impl_->digest_views(txn);
      report.view_records_digested = views.records;
      if (views.total != *last_checkpoint->views) {
        const auto stored = impl_->meta_get(txn, kMetaViewDigests);
        const auto table = stored ? views.differing_table(*stored) : std::nullopt;
        return fail(std::nullopt,
                    "the view records differ from those the checkpoint at size " +
                        std::to_string(size) + " signs: " +
                        (table ? "table \"" + *table + "\" was changed"
                               : std::string("a view table was changed")) +
                        " (replay with verify --deep to rebuild and compare every record)");
      }
      report.views_checked = true;
    }
    return report;
  } catch (const Error& error) {
    VerifyReport damaged;
    damaged.ok = false;
    damaged.problem = error.what();
    return damaged;
  }
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
    RequestChecker checker;
    std::string id;  // the register's, from entry 0
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
        checker.before_apply(views, entry, sequence, id);
        apply_core(views, entry, {sequence, entry.recorded_micros, &entry.request_id, true}, id);
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

VerifyReport Ledger::verify_since(std::span<const std::string> notes,
                                  const Verifier* trusted) const {
  Transaction txn(impl_->env, true);
  VerifyReport report;
  const Verifier log_key = impl_->log_verifier(txn);
  const Verifier& key = trusted != nullptr ? *trusted : log_key;
  const std::uint64_t size = impl_->tree_size(txn);
  const Hash root = to_hash(*impl_->meta_get(txn, kMetaRoot), "stored root");
  for (const std::string& note : notes) {
    auto fail = [&](const std::string& problem) {
      report.ok = false;
      report.problem = problem;
      return report;
    };
    Checkpoint earlier;
    try {
      earlier = open_checkpoint(note, key);
    } catch (const Error& error) {
      return fail(std::string("an earlier checkpoint given: ") + error.what());
    }
    const std::string which = "the checkpoint at size " + std::to_string(earlier.size) + " (root " +
                              to_hex(earlier.root).substr(0, 16) + "...)";
    if (earlier.origin != log_key.name()) {
      return fail(which + " is of the log \"" + earlier.origin + "\", not of this one");
    }
    if (earlier.size > size) {
      return fail("this register holds " + std::to_string(size) + " entries, fewer than " + which +
                  " published: an older copy of the register was restored");
    }
    const std::vector<Hash> proof =
        merkle::consistency_proof(impl_->reader(txn), earlier.size, size);
    if (!merkle::verify_consistency(earlier.size, size, earlier.root, root, proof)) {
      return fail("this register does not extend " + which +
                  ": its first entries differ from those the county signed (a fork, or an older "
                  "copy with other entries after it)");
    }
    ++report.checkpoints_checked;
  }
  return report;
}

}  // namespace taizhang

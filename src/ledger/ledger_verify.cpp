// Verification: every leaf, subtree, root and checkpoint recomputed (verify), and every view
// rebuilt by replay into a scratch environment and compared byte for byte (verify_deep).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include "ledger/ledger_impl.h"

namespace taizhang {

namespace {

// A problem that wraps a refusal, in the reports' bilingual form "中文 (English)": `zh` (what
// failed), then the refusal's own Chinese if it has one (without a leading `said` that `zh`
// already says, "第 12 条记录："), then the English as it always read.
std::string wrapped(const std::string& zh, const Error& error, const std::string& english,
                    std::string_view said = {}) {
  std::string_view inner = error.chinese();
  if (!said.empty() && inner.starts_with(said)) inner.remove_prefix(said.size());
  return zh + (inner.empty() ? std::string() : "：" + std::string(inner)) + " (" + english + ")";
}

// verify() in this process, on `impl`'s register (the public one runs it in a child).
VerifyReport scan(const Ledger::Impl& impl, const std::function<void(std::uint64_t)>& progress,
                  const Verifier* trusted) {
  // Damage that stops the walk itself (a record of the wrong size, an entry 0 that is not one)
  // is reported like any other damage, never thrown.
  try {
    Transaction txn(impl.env, true);
    VerifyReport report;
    auto fail = [&](std::optional<std::uint64_t> sequence, std::string problem) {
      report.ok = false;
      report.first_bad_sequence = sequence;
      report.problem = std::move(problem);
      return report;
    };

    std::optional<Verifier> log_key;
    try {
      log_key = impl.log_verifier(txn);
    } catch (const Error& error) {
      return fail(
          0, wrapped("第 0 条记录读不出登记簿的县级密钥", error,
                     std::string("entry 0 does not initialise the register: ") + error.what()));
    }
    if (trusted != nullptr && trusted->text() != log_key->text()) {
      return fail(0, "entry 0 names the log key \"" + log_key->text() +
                         "\", not the trusted key \"" + trusted->text() + "\"");
    }

    Cursor checkpoints(txn, impl.checkpoints);
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
      Cursor newest(txn, impl.checkpoints);
      MDB_val at, note;
      if (newest.step(MDB_LAST, at, note) && at.mv_size == 8 &&
          internal::read_u64(as_view(at)) == impl.tree_size(txn)) {
        digester = std::thread([&] {
          try {
            Transaction own(impl.env, true);
            parallel.snapshot = mdb_txn_id(own.get());
            parallel.views = impl.digest_views(own);
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
    Cursor log(txn, impl.log);
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
      const auto stored = txn.get(impl.tree, as_view(key));
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
          return fail(expected,
                      wrapped("第 " + std::to_string(expected) + " 条记录未通过核验", error,
                              "entry " + std::to_string(expected) + ": " + error.what(),
                              "第 " + std::to_string(expected) + " 条记录："));
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
          return fail(
              expected,
              wrapped("覆盖 " + std::to_string(frontier.size()) + " 条记录的检查点有误", error,
                      std::string("checkpoint at size ") + std::to_string(frontier.size()) + ": " +
                          error.what()));
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
      return fail(requests.open_request(), wrapped("请求的签名有误", error, error.what()));
    }

    // Entry 0 is written with the first checkpoint (a replica receives the one its stream
    // carries), so a log without any has lost its checkpoints: the records that tie it to what
    // the county signed.
    if (frontier.size() > 0 && report.checkpoints_checked == 0 && !have_checkpoint) {
      return fail(std::nullopt,
                  "登记簿没有任何检查点，检查点记录已丢失 (the register holds " +
                      std::to_string(frontier.size()) +
                      " entries but no checkpoint: the checkpoint records are missing)");
    }
    if (have_checkpoint) {
      return fail(std::nullopt, "a checkpoint names size " +
                                    std::to_string(internal::read_u64(as_view(checkpoint_key))) +
                                    ", beyond the log");
    }
    const std::uint64_t size = frontier.size();
    if (impl.tree_size(txn) != size) {
      return fail(std::nullopt, "meta tree_size " + std::to_string(impl.tree_size(txn)) +
                                    " but the log holds " + std::to_string(size) + " entries");
    }
    const auto root = impl.meta_get(txn, kMetaRoot);
    if (!root || root->size() != kHashSize ||
        std::memcmp(root->data(), frontier.root().data(), kHashSize) != 0) {
      return fail(std::nullopt, "stored root differs from the recomputed root");
    }
    MDB_stat tree_stat;
    internal::check_lmdb(mdb_stat(txn.get(), impl.tree, &tree_stat), "mdb_stat", "tree");
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
      const ViewDigests views = same_snapshot ? std::move(*parallel.views) : impl.digest_views(txn);
      report.view_records_digested = views.records;
      if (views.total != *last_checkpoint->views) {
        const auto stored = impl.meta_get(txn, kMetaViewDigests);
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
    damaged.problem = wrapped("核验无法进行下去", error, error.what());
    return damaged;
  }
}

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

// verify_deep() in this process: scan(), then the replay.
VerifyReport scan_deep(const Ledger::Impl& impl, const std::function<void(std::uint64_t)>& progress,
                       const Verifier* trusted, const std::string& scratch_parent) {
  VerifyReport report = scan(impl, progress, trusted);
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
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kStorageError, "cannot create a scratch directory for replay: " + why,
                "无法为重放创建临时目录：" + why + "：请检查临时目录的空间和权限");
  }
  struct RemoveScratch {
    ~RemoveScratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::string path;
  } remove_scratch{scratch_dir};
  MDB_envinfo live_info;
  internal::check_lmdb(mdb_env_info(impl.env.get(), &live_info), "mdb_env_info");
  Environment scratch(scratch_dir, live_info.me_mapsize, MDB_NOTLS | MDB_NOSYNC);
  internal::ViewTables scratch_tables;
  MDB_dbi scratch_requests = 0;
  {
    Transaction txn(scratch, false);
    scratch_requests = txn.open_db("requests", true);
    scratch_tables.open(txn, view_table_names(impl.options), true);
    txn.commit();
  }

  // Replay every entry through the same folds, rebuilding the request index as it goes.
  Transaction live(impl.env, true);
  {
    constexpr std::uint64_t kEntriesPerTransaction = 10'000;
    auto txn = std::make_unique<Transaction>(scratch, false);
    Cursor log(live, impl.log);
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
        if (impl.options.fold) impl.options.fold->apply(views, entry, EntryStamp::of(entry));
      } catch (const internal::MapFull&) {
        return fail(sequence, "replay ran out of scratch map space");
      } catch (const Error& error) {
        return fail(sequence, wrapped("重放第 " + std::to_string(sequence) + " 条记录被拒绝", error,
                                      "replaying entry " + std::to_string(sequence) +
                                          " is refused: " + error.what()));
      }
      if ((sequence + 1) % kEntriesPerTransaction == 0) {
        txn->commit();
        txn = std::make_unique<Transaction>(scratch, false);
      }
    }
    txn->commit();
  }

  Transaction replayed(scratch, true);
  if (auto difference = compare_table(live, impl.requests, replayed, scratch_requests,
                                      report.view_records_compared)) {
    return fail(std::nullopt, "request index: " + *difference);
  }
  for (const auto& [name, live_dbi] : impl.view_tables.all()) {
    if (auto difference = compare_table(live, live_dbi, replayed, scratch_tables.dbi(name),
                                        report.view_records_compared)) {
      return fail(std::nullopt, "view \"" + name + "\": " + *difference);
    }
  }
  return report;
}

}  // namespace

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
      return fail(wrapped("给出的先前检查点有误", error,
                          std::string("an earlier checkpoint given: ") + error.what()));
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

// The scan in a child process.
//
// A damaged page can make LMDB abort (its assertions) or follow a pointer out of the map; no
// check in this process can catch that once LMDB has started down the page. So verify forks: the
// child opens the register afresh (LMDB environments do not survive fork), scans it, and sends
// progress and its report back on a pipe. A child killed by a signal is damage the scan met, and
// is reported as such; the caller lives on.
namespace {

enum class Message : std::uint8_t { kProgress = 'P', kReport = 'R', kError = 'E' };

void send(int fd, const Bytes& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(3);  // the parent is gone: nobody to report to
    done += static_cast<std::size_t>(n);
  }
}

bool receive(int fd, void* out, std::size_t size) {
  auto* at = static_cast<std::uint8_t*>(out);
  while (size > 0) {
    const ssize_t n = ::read(fd, at, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void put_u64(Bytes& out, std::uint64_t value) {
  const U64Key key(value);
  out.insert(out.end(), key.bytes, key.bytes + 8);
}

bool get_u64(int fd, std::uint64_t& value) {
  std::uint8_t bytes[8];
  if (!receive(fd, bytes, 8)) return false;
  value = internal::read_u64(ByteView(bytes, 8));
  return true;
}

bool get_text(int fd, std::string& text) {
  std::uint64_t size = 0;
  if (!get_u64(fd, size) || size > (std::uint64_t{1} << 24)) return false;
  text.resize(size);
  return receive(fd, text.data(), text.size());
}

Bytes encode_report(const VerifyReport& report) {
  Bytes out{static_cast<std::uint8_t>(Message::kReport)};
  const std::uint8_t flags =
      (report.ok ? 1 : 0) | (report.views_checked ? 2 : 0) | (report.first_bad_sequence ? 4 : 0);
  out.push_back(flags);
  for (std::uint64_t value :
       {report.entries_checked, report.view_records_compared, report.checkpoints_checked,
        report.view_records_digested, report.first_bad_sequence.value_or(0)}) {
    put_u64(out, value);
  }
  put_u64(out, report.problem.size());
  out.insert(out.end(), report.problem.begin(), report.problem.end());
  return out;
}

bool decode_report(int fd, VerifyReport& report) {
  std::uint8_t flags = 0;
  std::uint64_t first_bad = 0;
  if (!receive(fd, &flags, 1) || !get_u64(fd, report.entries_checked) ||
      !get_u64(fd, report.view_records_compared) || !get_u64(fd, report.checkpoints_checked) ||
      !get_u64(fd, report.view_records_digested) || !get_u64(fd, first_bad) ||
      !get_text(fd, report.problem)) {
    return false;
  }
  report.ok = (flags & 1) != 0;
  report.views_checked = (flags & 2) != 0;
  if ((flags & 4) != 0) report.first_bad_sequence = first_bad;
  return true;
}

// The last line the child wrote to its standard error (LMDB's assertion, if it failed on one).
std::string last_line(std::FILE* file) {
  std::string text;
  std::rewind(file);
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, file)) {
    text.append(buffer, n);
    if (text.size() > 8192) text.erase(0, text.size() - 4096);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const std::size_t start = text.rfind('\n');
  text = start == std::string::npos ? text : text.substr(start + 1);
  return text.size() > 400 ? text.substr(text.size() - 400) : text;
}

// How a child ended: "signal 7, Bus error", "exit code 4".
std::string ending(int status) {
  return WIFSIGNALED(status)
             ? "signal " + std::to_string(WTERMSIG(status)) + ", " + ::strsignal(WTERMSIG(status))
             : "exit code " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

// In a forked child: die quietly of what LMDB meets (no handler of the caller's, a test
// framework's or an interpreter's, runs in this copy of it), and say what LMDB says to `errors`.
void become_quiet_child(std::FILE* errors) {
  for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) std::signal(signal, SIG_DFL);
  ::dup2(::fileno(errors), STDERR_FILENO);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// The register judged damaged because its scan ended without a report.
VerifyReport crashed(int status, std::uint64_t checked, const std::string& said) {
  VerifyReport report;
  report.ok = false;
  report.entries_checked = checked;
  const std::string how = ending(status);
  report.problem = "校验在扫描中崩溃，数据文件已损坏 (the scan crashed (" + how + ") after " +
                   std::to_string(checked) + " entries checked: the data file is damaged)";
  if (!said.empty()) report.problem += ": " + said;
  return report;
}

}  // namespace

VerifyReport Ledger::Impl::in_child(const std::function<void(std::uint64_t)>& progress,
                                    const ScanWith& scan_with) const {
  int fds[2];
  std::FILE* errors = std::tmpfile();
  if (errors == nullptr || ::pipe2(fds, O_CLOEXEC) != 0) {
    if (errors != nullptr) std::fclose(errors);
    return scan_with(*this, progress);  // no pipe: scan here, unguarded, rather than not at all
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    std::fclose(errors);
    return scan_with(*this, progress);
  }
  if (pid == 0) {
    ::close(fds[0]);
    become_quiet_child(errors);
    int code = 0;
    try {
      LedgerOptions own = options;
      own.read_only = true;
      const std::unique_ptr<Impl> opened = Impl::open(directory, std::move(own));
      const VerifyReport report = scan_with(*opened, [&](std::uint64_t done) {
        Bytes message{static_cast<std::uint8_t>(Message::kProgress)};
        put_u64(message, done);
        send(fds[1], message);
      });
      send(fds[1], encode_report(report));
    } catch (const Error& error) {
      Bytes message{static_cast<std::uint8_t>(Message::kError),
                    static_cast<std::uint8_t>(error.kind())};
      // Without the kind's name, which the parent's Error puts back.
      std::string_view what = error.what();
      const std::string prefix = std::string(error_kind_name(error.kind())) + ": ";
      if (what.substr(0, prefix.size()) == prefix) what.remove_prefix(prefix.size());
      put_u64(message, what.size());
      message.insert(message.end(), what.begin(), what.end());
      // And its Chinese (empty when it has none), so the caller's Error carries both.
      const std::string& chinese = error.chinese();
      put_u64(message, chinese.size());
      message.insert(message.end(), chinese.begin(), chinese.end());
      send(fds[1], message);
    } catch (...) {
      code = 4;
    }
    ::_exit(code);  // the register closed above; no atexit handler of the parent's runs here
  }
  ::close(fds[1]);
  // If `progress` throws, the child is not left running nor unwaited for.
  struct Child {
    ~Child() {
      if (pid <= 0) return;
      ::close(fd);
      ::kill(pid, SIGKILL);
      wait_for(pid);
      std::fclose(errors);
    }
    pid_t pid;
    int fd;
    std::FILE* errors;
  } child{pid, fds[0], errors};
  std::uint64_t checked = 0;
  std::optional<VerifyReport> report;
  std::optional<Error> failure;
  for (std::uint8_t tag = 0; !report && !failure && receive(fds[0], &tag, 1);) {
    if (tag == static_cast<std::uint8_t>(Message::kProgress)) {
      if (!get_u64(fds[0], checked)) break;
      if (progress) progress(checked);
    } else if (tag == static_cast<std::uint8_t>(Message::kReport)) {
      VerifyReport received;
      if (decode_report(fds[0], received)) report = std::move(received);
      break;
    } else if (tag == static_cast<std::uint8_t>(Message::kError)) {
      std::uint8_t kind = 0;
      std::string what, chinese;
      if (receive(fds[0], &kind, 1) && get_text(fds[0], what) && get_text(fds[0], chinese)) {
        failure.emplace(static_cast<ErrorKind>(kind), what, chinese);
      }
      break;
    } else {
      break;
    }
  }
  ::close(fds[0]);
  const int status = wait_for(pid);
  const std::string said = last_line(errors);
  std::fclose(errors);
  child.pid = 0;  // ended and waited for
  if (failure) throw *failure;
  if (report) return *report;
  return crashed(status, checked, said);
}

namespace {
constexpr int kProbeRefused = 42;  // the probe's exit when open threw an Error
}  // namespace

void Ledger::Impl::probe_open(const std::string& directory, const LedgerOptions& options) {
  std::FILE* errors = std::tmpfile();
  if (errors == nullptr) return;
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::fclose(errors);
    return;  // no child: open unguarded rather than not at all
  }
  if (pid == 0) {
    become_quiet_child(errors);
    try {
      LedgerOptions own = options;
      own.read_only = true;
      Impl::open(directory, std::move(own));
    } catch (...) {
      ::_exit(kProbeRefused);  // an error the real open will throw again, with its own words
    }
    ::_exit(0);
  }
  const int status = wait_for(pid);
  const std::string said = last_line(errors);
  std::fclose(errors);
  // Anything but those two endings is a crash: a signal, or a sanitizer's exit after one.
  const bool ended_well =
      WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == kProbeRefused);
  if (!ended_well) {
    throw_error(ErrorKind::kIntegrityError,
                "数据文件已损坏，无法打开 (the register file \"" + directory_data_file(directory) +
                    "\" is damaged: reading it to open the register crashed (" + ending(status) +
                    ")" + (said.empty() ? std::string() : ": " + said) + ")",
                "台账数据文件“" + directory_data_file(directory) + "”已损坏，无法打开：读取它时" +
                    "程序异常终止（" + ending(status) +
                    "）。请用 taizhang verify 查明损坏之处，或用备份恢复");
  }
}

namespace {

// A snapshot this many commits behind the head is worth a warning: LMDB keeps every page it
// sees, so a reader left open (a forgotten session, a hung report) makes the file grow.
constexpr std::uint64_t kSnapshotBehindWarning = 1000;

std::string reader_warning(const std::vector<HeldSnapshot>& held) {
  for (const HeldSnapshot& snapshot : held) {
    if (snapshot.behind >= kSnapshotBehindWarning) {
      return "进程 " + std::to_string(snapshot.process) + " 持有过旧的读快照 (process " +
             std::to_string(snapshot.process) + " holds a read snapshot " +
             std::to_string(snapshot.behind) +
             " commits behind the head: LMDB cannot reuse the pages it sees, so the file grows "
             "until that read ends)";
    }
  }
  return {};
}

}  // namespace

VerifyReport Ledger::verify(const std::function<void(std::uint64_t)>& progress,
                            const Verifier* trusted) const {
  VerifyReport report =
      impl_->in_child(progress, [trusted](const Impl& impl, const auto& report_progress) {
        return scan(impl, report_progress, trusted);
      });
  report.reader_warning = reader_warning(held_snapshots());
  return report;
}

VerifyReport Ledger::verify_deep(const std::function<void(std::uint64_t)>& progress,
                                 const Verifier* trusted, const std::string& scratch_parent) const {
  // The replay's scratch environment goes in a directory of the parent's making, removed here
  // even when the child could not remove it (it crashed).
  std::string scratch =
      (scratch_parent.empty() ? std::filesystem::temp_directory_path().string() : scratch_parent) +
      "/taizhang-verify-XXXXXX";
  if (::mkdtemp(scratch.data()) == nullptr) {
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kStorageError, "cannot create a scratch directory for replay: " + why,
                "无法为重放创建临时目录：" + why + "：请检查临时目录的空间和权限");
  }
  struct Remove {
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::string path;
  } remove{scratch};
  VerifyReport report =
      impl_->in_child(progress, [trusted, &scratch](const Impl& impl, const auto& report_progress) {
        return scan_deep(impl, report_progress, trusted, scratch);
      });
  report.reader_warning = reader_warning(held_snapshots());
  return report;
}

}  // namespace taizhang

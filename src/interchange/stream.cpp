// The interchange stream: export of a register's log, and its verified import.
#include <capnp/serialize.h>
#include <fcntl.h>
#include <kj/io.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "taizhang/checkpoint.h"
#include "taizhang/error.h"
#include "taizhang/interchange.capnp.h"
#include "taizhang/interchange.h"
#include "taizhang/merkle.h"

namespace taizhang {
namespace {

class Fd {
 public:
  Fd(const std::string& path, int flags) : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0640)) {
    if (fd_ < 0) {
      const int error = errno;
      const std::string why = std::strerror(error);
      throw_error(error == ENOENT ? ErrorKind::kNotFound : ErrorKind::kStorageError,
                  "cannot open \"" + path + "\": " + why,
                  error == ENOENT ? "找不到文件“" + path + "”：请核对路径"
                                  : "无法打开“" + path + "”：" + why);
    }
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes, reporting a failed flush to disk (a full disk shows here).
  void close_checked(const std::string& path) {
    const bool synced = ::fsync(fd_) == 0;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    if (!synced || !closed) {
      const std::string why = std::strerror(errno);
      throw_error(ErrorKind::kStorageError, "cannot write \"" + path + "\": " + why,
                  "无法写完“" + path + "”：" + why + "（磁盘可能已满）");
    }
  }

 private:
  int fd_;
};

// Reads the records of a stream one message at a time, so memory is flat in its length.
class StreamReader {
 public:
  explicit StreamReader(const std::string& path)
      : fd_(path, O_RDONLY), raw_(fd_.get()), buffered_(raw_) {}

  // Calls `visit` with the next record; false at the end of the stream.
  template <typename Visit>
  bool next(Visit&& visit) {
    try {
      if (buffered_.tryGetReadBuffer().size() == 0) return false;
      capnp::ReaderOptions options;
      options.traversalLimitInWords = 1 << 20;  // 8 MiB: an entry is at most 1 MiB
      capnp::InputStreamMessageReader message(buffered_, options);
      visit(message.getRoot<schema::Record>());
    } catch (const kj::Exception& exception) {
      throw_error(ErrorKind::kIntegrityError,
                  "stream record " + std::to_string(index_) +
                      " is damaged or cut short: " + exception.getDescription().cStr(),
                  "记录流的第 " + std::to_string(index_) +
                      " 项（0 为文件头）已损坏或不完整：文件被改动过，或没有复制完整");
    }
    ++index_;
    return true;
  }
  std::uint64_t index() const { return index_; }

 private:
  Fd fd_;
  kj::FdInputStream raw_;
  kj::BufferedInputStreamWrapper buffered_;
  std::uint64_t index_ = 0;
};

std::string text_of(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

struct Header {
  StreamSummary summary;
  std::uint32_t format_version = 0;
  Bytes log_key;
  std::optional<Hash> from_root;
  std::uint64_t entries = 0;
};

// An entry of the stream that differs from the register's own: the two histories forked.
[[noreturn]] void forked_at(std::uint64_t sequence) {
  throw_error(
      ErrorKind::kIntegrityError,
      "entry " + std::to_string(sequence) +
          " of the stream differs from the one this register holds: a fork",
      "记录流的第 " + std::to_string(sequence) + " 条记录与本登记簿的不同：出现了分叉，不能导入");
}

Header read_header(StreamReader& reader) {
  Header header;
  bool found = false;
  reader.next([&](schema::Record::Reader record) {
    if (!record.isHeader()) return;
    const auto h = record.getHeader();
    found = true;
    header.format_version = h.getFormatVersion();
    header.summary.county_code = text_of(h.getCountyCode());
    header.summary.origin = text_of(h.getOrigin());
    header.summary.from_size = h.getFromSize();
    header.summary.checkpoint = text_of(h.getCheckpoint());
    header.entries = h.getEntries();
    header.summary.to_size = header.summary.from_size + header.entries;
    const auto key = h.getLogPublicKey();
    header.log_key.assign(key.begin(), key.end());
    const auto root = h.getFromRoot();
    if (root.size() == kHashSize) {
      Hash hash;
      std::memcpy(hash.data(), root.begin(), kHashSize);
      header.from_root = hash;
    }
  });
  if (!found) {
    throw_error(ErrorKind::kIntegrityError, "stream record 0 is not a stream header",
                "记录流的第一项不是文件头：这不是 taizhang 导出的记录流");
  }
  if (header.format_version != kFormatVersion) {
    throw_error(ErrorKind::kIntegrityError,
                "the stream is of entry format " + std::to_string(header.format_version) +
                    "; this build reads " + std::to_string(kFormatVersion),
                "记录流的记录格式是版本 " + std::to_string(header.format_version) +
                    "，本程序读取版本 " + std::to_string(kFormatVersion) +
                    "：请用与之相应版本的 taizhang 导入");
  }
  return header;
}

// The header against the receiver's log key: the same log, and a checkpoint it signed that
// covers exactly the stream's entries.
Checkpoint check_header(const Header& header, const Verifier& log_key) {
  if (header.log_key != log_key.public_key() || header.summary.origin != log_key.name()) {
    throw_error(ErrorKind::kUnauthorized,
                "the stream is the log \"" + header.summary.origin + "\" of county " +
                    header.summary.county_code + " under another key; this register is \"" +
                    log_key.name() + "\"",
                "这个记录流来自县 " + header.summary.county_code + " 的登记簿“" +
                    header.summary.origin + "”，县级密钥与本登记簿（“" + log_key.name() +
                    "”）的不同：不能导入别的登记簿的记录");
  }
  const Checkpoint head = open_checkpoint(header.summary.checkpoint, log_key);
  if (head.size != header.summary.to_size) {
    throw_error(ErrorKind::kIntegrityError,
                "the stream's checkpoint is at " + std::to_string(head.size) +
                    " entries, but it "
                    "claims entries " +
                    std::to_string(header.summary.from_size) + " to " +
                    std::to_string(header.summary.to_size),
                "记录流的检查点覆盖 " + std::to_string(head.size) +
                    " 条记录，而文件头声称的记录范围是 " +
                    std::to_string(header.summary.from_size) + " 至 " +
                    std::to_string(header.summary.to_size) + "：记录流被改动过");
  }
  return head;
}

Bytes canonical(schema::Entry::Reader entry) {
  const kj::Array<capnp::word> words = capnp::canonicalize(entry);
  const auto bytes = words.asBytes();
  return Bytes(bytes.begin(), bytes.end());
}

// Reads the stream's records after the header, in order, checking what needs no register: one
// header, the consistency proof against `head`, entries in sequence and no more or fewer than the
// checkpoint signs, entry 0 naming the header's log and key. Calls `entry(sequence, bytes,
// request_id)` for each entry.
void read_entries(StreamReader& reader, const Header& header, const Checkpoint& head,
                  const std::function<void(std::uint64_t, const Bytes&, const RequestId&)>& entry) {
  std::uint64_t next = header.summary.from_size;
  bool proof_checked = header.summary.from_size == 0;
  while (reader.next([&](schema::Record::Reader record) {
    switch (record.which()) {
      case schema::Record::HEADER:
        throw_error(
            ErrorKind::kIntegrityError,
            "stream record " + std::to_string(reader.index()) + " is a second header",
            "记录流的第 " + std::to_string(reader.index()) + " 项又是一个文件头：记录流被改动过");
      case schema::Record::CONSISTENCY: {
        const auto proof = record.getConsistency();
        std::vector<Hash> hashes;
        for (auto hash : proof.getHashes()) {
          if (hash.size() != kHashSize) break;
          hashes.emplace_back();
          std::memcpy(hashes.back().data(), hash.begin(), kHashSize);
        }
        const bool ok = header.from_root && proof.getFromSize() == header.summary.from_size &&
                        proof.getToSize() == head.size &&
                        hashes.size() == proof.getHashes().size() &&
                        merkle::verify_consistency(header.summary.from_size, head.size,
                                                   *header.from_root, head.root, hashes);
        if (!ok) {
          throw_error(ErrorKind::kIntegrityError,
                      "the stream's consistency proof from " +
                          std::to_string(header.summary.from_size) + " to " +
                          std::to_string(head.size) + " entries does not verify",
                      "记录流从 " + std::to_string(header.summary.from_size) + " 条到 " +
                          std::to_string(head.size) +
                          " 条记录的一致性证明核验不通过：记录流被改动过，或不是同一登记簿的延续");
        }
        proof_checked = true;
        return;
      }
      case schema::Record::ENTRY: {
        if (!proof_checked) {
          throw_error(ErrorKind::kIntegrityError,
                      "the stream starts at entry " + std::to_string(header.summary.from_size) +
                          " without a consistency proof",
                      "记录流从第 " + std::to_string(header.summary.from_size) +
                          " 条记录开始，却没有一致性证明：记录流被改动过");
        }
        if (next >= head.size) {
          throw_error(ErrorKind::kIntegrityError, "the stream holds more entries than it claims",
                      "记录流中的记录比它的检查点覆盖的多：记录流被改动过");
        }
        const auto reader_entry = record.getEntry();
        const Bytes bytes = canonical(reader_entry);
        if (next == 0) {
          // Entry 0 names the log key: it must be the key the checkpoint verified under.
          const Entry first = decode_entry(bytes);
          const auto* init = std::get_if<RegisterInitialized>(&first.body);
          if (init == nullptr || init->log_public_key != header.log_key ||
              init->origin != header.summary.origin) {
            throw_error(ErrorKind::kIntegrityError,
                        "entry 0 of the stream does not name the log and key of its header",
                        "记录流的第 0 条记录与文件头所写的登记簿和县级密钥不符：记录流被改动过");
          }
        }
        RequestId request_id{};
        const auto id = reader_entry.getRequestId();
        if (id.size() == request_id.size()) {
          std::memcpy(request_id.data(), id.begin(), id.size());
        }
        entry(next++, bytes, request_id);
        return;
      }
    }
    throw_error(ErrorKind::kIntegrityError,
                "stream record " + std::to_string(reader.index()) + " is of an unknown kind",
                "记录流的第 " + std::to_string(reader.index()) +
                    " 项类型不明：记录流已损坏，或由更新版本的 taizhang 导出");
  })) {
  }
  if (next != head.size) {
    throw_error(ErrorKind::kIntegrityError,
                "the stream is cut short: it ends after entry " + std::to_string(next) +
                    " of the " + std::to_string(head.size) + " its checkpoint signs",
                "记录流不完整：其检查点覆盖 " + std::to_string(head.size) +
                    " 条记录，而记录流在第 " + std::to_string(next) +
                    " 条记录之前就结束了：文件没有复制完整");
  }
}

// Pass 1, before anything is written: the entries the receiver holds must be its own byte for
// byte, and the rest, appended to the receiver's tree (`frontier`), must make the signed root.
void verify_stream(const std::string& path, const Checkpoint& head, merkle::Frontier frontier,
                   const std::function<Bytes(std::uint64_t)>& held,
                   const std::function<void(std::uint64_t)>& progress) {
  StreamReader reader(path);
  const Header header = read_header(reader);
  const std::uint64_t skip_below = frontier.size();
  read_entries(reader, header, head,
               [&](std::uint64_t sequence, const Bytes& bytes, const RequestId&) {
                 if (sequence < skip_below) {
                   if (held(sequence) != bytes) forked_at(sequence);
                   return;
                 }
                 frontier.append(merkle::leaf_hash(bytes), [](const auto&) {});
                 if (progress && sequence % 65536 == 0) progress(sequence / 2);
               });
  if (frontier.root() != head.root) {
    throw_error(ErrorKind::kIntegrityError,
                "the stream's entries do not make the tree its checkpoint signs: an entry was "
                "altered",
                "记录流中的记录算出的默克尔树与其检查点签署的不符：有记录被改动过，不能导入");
  }
}

// Pass 2: the entries past `held`, in transactions of about kChunk entries that end on a
// request boundary (a request's entries land together), each through the rules and folds.
constexpr std::size_t kChunk = 8192;

void apply_stream(const std::string& path, const Checkpoint& head, std::uint64_t held,
                  const std::function<void(const Ledger::EntryProducer&, bool last)>& append,
                  const std::function<void(std::uint64_t)>& progress) {
  StreamReader reader(path);
  const Header header = read_header(reader);
  std::vector<Bytes> chunk;
  RequestId last_request{};
  auto flush = [&](bool last) {
    append(
        [&](const std::function<void(ByteView)>& sink) {
          for (const Bytes& bytes : chunk) sink(bytes);
        },
        last);
    chunk.clear();
  };
  read_entries(reader, header, head,
               [&](std::uint64_t sequence, const Bytes& bytes, const RequestId& request_id) {
                 if (sequence < held) return;
                 if (chunk.size() >= kChunk && request_id != last_request) flush(false);
                 last_request = request_id;
                 chunk.push_back(bytes);
                 if (progress && sequence % 65536 == 0) {
                   progress((head.size - header.summary.from_size) / 2 + (sequence - held) / 2);
                 }
               });
  flush(true);
  if (progress) progress(head.size - header.summary.from_size);
}

}  // namespace

StreamSummary export_log(const Ledger& ledger, const std::string& path, std::uint64_t from,
                         const std::function<void(std::uint64_t)>& progress) {
  const std::optional<std::string> note = ledger.latest_checkpoint();
  if (!note) {
    throw_error(ErrorKind::kNotFound, "the register has no checkpoint to export to",
                "登记簿还没有检查点，无法导出：请先用 taizhang checkpoint 签署检查点");
  }
  const Checkpoint head = open_checkpoint(*note, ledger.log_verifier());
  if (from > head.size) {
    throw_invalid("from", std::to_string(from),
                  "past the latest checkpoint at " + std::to_string(head.size) + " entries",
                  "超出了最新检查点覆盖的 " + std::to_string(head.size) + " 条记录");
  }
  const RegisterInfo info = ledger.info();
  StreamSummary summary{info.origin, info.county_code, from, head.size, *note, head.size - from};

  Fd fd(path, O_WRONLY | O_CREAT | O_TRUNC);
  {
    kj::FdOutputStream raw(fd.get());
    kj::BufferedOutputStreamWrapper out(raw);
    {
      capnp::MallocMessageBuilder message;
      auto header = message.initRoot<schema::Record>().initHeader();
      header.setFormatVersion(kFormatVersion);
      header.setCountyCode(info.county_code);
      header.setCountyName(info.county_name);
      header.setOrigin(info.origin);
      const Verifier verifier = ledger.log_verifier();
      const Bytes& key = verifier.public_key();
      header.setLogPublicKey(kj::arrayPtr(key.data(), key.size()));
      header.setFromSize(from);
      if (from > 0) {
        const Hash root = ledger.root_at(from);
        header.setFromRoot(kj::arrayPtr(root.data(), root.size()));
      }
      header.setCheckpoint(*note);
      header.setEntries(head.size - from);
      capnp::writeMessage(out, message);
    }
    if (from > 0) {
      capnp::MallocMessageBuilder message;
      auto proof = message.initRoot<schema::Record>().initConsistency();
      proof.setFromSize(from);
      proof.setToSize(head.size);
      const std::vector<Hash> hashes = ledger.consistency_proof(from, head.size);
      auto list = proof.initHashes(static_cast<unsigned>(hashes.size()));
      for (unsigned i = 0; i < hashes.size(); ++i) {
        list.set(i, kj::arrayPtr(hashes[i].data(), hashes[i].size()));
      }
      capnp::writeMessage(out, message);
    }
    kj::Array<capnp::word> aligned = kj::heapArray<capnp::word>(1 << 17);  // 1 MiB
    std::uint64_t written = 0;
    ledger.scan_entries(from, head.size, [&](std::uint64_t, ByteView bytes) {
      const std::size_t words = bytes.size() / sizeof(capnp::word);
      std::memcpy(aligned.begin(), bytes.data(), bytes.size());
      kj::ArrayPtr<const capnp::word> segments[1] = {aligned.slice(0, words)};
      capnp::SegmentArrayMessageReader stored(kj::arrayPtr(segments, 1));
      capnp::MallocMessageBuilder message(static_cast<unsigned>(words + 8));
      message.initRoot<schema::Record>().setEntry(stored.getRoot<schema::Entry>());
      capnp::writeMessage(out, message);
      if (progress && ++written % 65536 == 0) progress(written);
      return true;
    });
    out.flush();
    if (progress) progress(head.size - from);
  }
  fd.close_checked(path);
  return summary;
}

StreamSummary read_stream_header(const std::string& path) {
  StreamReader reader(path);
  return read_header(reader).summary;
}

StreamSummary import_log(Ledger& ledger, const std::string& path,
                         const std::function<void(std::uint64_t)>& progress) {
  StreamSummary summary;
  Checkpoint head;
  const std::uint64_t held = ledger.size();
  {
    StreamReader reader(path);
    const Header header = read_header(reader);
    head = check_header(header, ledger.log_verifier());
    if (header.summary.from_size > held) {
      throw_error(ErrorKind::kIntegrityError,
                  "the stream starts at entry " + std::to_string(header.summary.from_size) +
                      " but this register holds " + std::to_string(held) + ": a gap",
                  "记录流从第 " + std::to_string(header.summary.from_size) +
                      " 条记录开始，而本登记簿只有 " + std::to_string(held) +
                      " 条：中间缺了记录，请先导入前面的记录流");
    }
    if (header.summary.from_size > 0 &&
        (!header.from_root || ledger.root_at(header.summary.from_size) != *header.from_root)) {
      throw_error(ErrorKind::kIntegrityError,
                  "the stream's tree of its first " + std::to_string(header.summary.from_size) +
                      " entries is not this register's: a fork",
                  "记录流前 " + std::to_string(header.summary.from_size) +
                      " 条记录的默克尔树与本登记簿的不同：出现了分叉，不能导入");
    }
    if (head.size <= held && ledger.root_at(head.size) != head.root) {
      throw_error(ErrorKind::kIntegrityError,
                  "the stream's checkpoint at " + std::to_string(head.size) +
                      " entries is not this register's tree: a fork",
                  "记录流的检查点（覆盖 " + std::to_string(head.size) +
                      " 条记录）与本登记簿的默克尔树不符：出现了分叉，不能导入");
    }
    summary = header.summary;
  }
  auto held_entry = [&](std::uint64_t sequence) { return ledger.entry_bytes(sequence); };
  if (head.size <= held) {
    // Nothing new; the stream must still be this register's own prefix, entry by entry.
    StreamReader reader(path);
    const Header header = read_header(reader);
    read_entries(reader, header, head,
                 [&](std::uint64_t sequence, const Bytes& bytes, const RequestId&) {
                   if (held_entry(sequence) != bytes) forked_at(sequence);
                 });
    return summary;
  }
  verify_stream(path, head, ledger.frontier(), held_entry, progress);
  apply_stream(
      path, head, held,
      [&](const Ledger::EntryProducer& produce, bool last) {
        summary.added += ledger.append_replicated(produce, last ? &head.root : nullptr);
      },
      progress);
  ledger.store_checkpoint(summary.checkpoint);
  return summary;
}

Ledger import_new(const std::string& directory, const std::string& path, const Verifier* trusted,
                  LedgerOptions options, const std::function<void(std::uint64_t)>& progress) {
  StreamSummary summary;
  Checkpoint head;
  {
    StreamReader reader(path);
    const Header header = read_header(reader);
    if (header.summary.from_size != 0) {
      throw_error(ErrorKind::kIntegrityError,
                  "a new replica starts from entry 0; the stream starts at entry " +
                      std::to_string(header.summary.from_size),
                  "新副本须从第 0 条记录开始导入，而这个记录流从第 " +
                      std::to_string(header.summary.from_size) + " 条开始：请导出完整的记录流");
    }
    const Verifier key = Verifier::from_public_key(header.summary.origin, header.log_key);
    if (trusted != nullptr && trusted->text() != key.text()) {
      throw_error(ErrorKind::kUnauthorized,
                  "the stream's log key \"" + key.text() + "\" is not the trusted key \"" +
                      trusted->text() + "\"",
                  "记录流的县级密钥“" + key.text() + "”不是受信任的密钥“" + trusted->text() +
                      "”：不能据此新建副本");
    }
    head = check_header(header, key);
    summary = header.summary;
  }
  verify_stream(path, head, merkle::Frontier(), {}, progress);
  std::optional<Ledger> ledger;
  try {
    apply_stream(
        path, head, 0,
        [&](const Ledger::EntryProducer& produce, bool last) {
          const Hash* expected = last ? &head.root : nullptr;
          if (ledger) {
            ledger->append_replicated(produce, expected);
          } else {
            ledger.emplace(Ledger::create_replica(directory, produce, expected, options));
          }
        },
        progress);
    ledger->store_checkpoint(summary.checkpoint);
  } catch (...) {
    // A stream that verified but holds an entry these rules refuse: leave nothing behind.
    if (ledger) {
      ledger.reset();
      std::filesystem::remove(std::filesystem::path(directory) / "data.mdb");
      std::filesystem::remove(std::filesystem::path(directory) / "lock.mdb");
      std::error_code ignored;
      std::filesystem::remove(directory, ignored);
    }
    throw;
  }
  return std::move(*ledger);
}

}  // namespace taizhang

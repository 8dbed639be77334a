// Snapshots: the register's current parties and assets as a Cap'n Proto stream.
#include <capnp/serialize.h>
#include <fcntl.h>
#include <kj/io.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "model/body_codec.h"
#include "taizhang/error.h"
#include "taizhang/interchange.capnp.h"
#include "taizhang/interchange.h"

namespace taizhang {
namespace {

std::string text_of(capnp::Text::Reader text) { return std::string(text.cStr(), text.size()); }

int open_file(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    const std::string why = std::strerror(error);
    throw_error(error == ENOENT ? ErrorKind::kNotFound : ErrorKind::kStorageError,
                "cannot open \"" + path + "\": " + why,
                error == ENOENT ? "找不到文件“" + path + "”：请核对路径"
                                : "无法打开“" + path + "”：" + why);
  }
  return fd;
}

}  // namespace

std::uint64_t export_snapshot(const Registry& registry, const std::string& path, Date as_of) {
  // Read everything at one log size: if a writer moved on meanwhile, read again.
  for (int attempt = 0;; ++attempt) {
    const std::uint64_t size = registry.ledger().size();
    const Hash root = registry.ledger().root_at(size);
    const std::vector<Party> parties = registry.parties();
    const std::vector<Asset> assets = registry.assets();
    std::map<std::uint64_t, Money> book;
    for (const Valuation& v : registry.valuation(as_of)) book[v.asset] = v.book_value;
    std::vector<std::optional<MaintenanceBound>> maintenance;
    maintenance.reserve(assets.size());
    for (const Asset& a : assets) maintenance.push_back(registry.maintenance(a.id));
    if (registry.ledger().size() != size && attempt < 5) continue;

    const RegisterInfo info = registry.ledger().info();
    const std::string temporary = path + ".tmp";
    const int fd = open_file(temporary, O_WRONLY | O_CREAT | O_TRUNC);
    {
      kj::FdOutputStream raw(fd);
      kj::BufferedOutputStreamWrapper out(raw);
      {
        capnp::MallocMessageBuilder message;
        auto h = message.initRoot<schema::SnapshotRecord>().initHeader();
        h.setCountyCode(info.county_code);
        h.setCountyName(info.county_name);
        h.setOrigin(info.origin);
        h.setSize(size);
        h.setRoot(kj::arrayPtr(root.data(), root.size()));
        h.setAsOfDay(as_of.days());
        h.setParties(parties.size());
        h.setAssets(assets.size());
        capnp::writeMessage(out, message);
      }
      for (const Party& p : parties) {
        capnp::MallocMessageBuilder message(64);
        auto record = message.initRoot<schema::SnapshotRecord>().initParty();
        record.setId(p.id);
        internal::write_party(p.data, record.initParty());
        capnp::writeMessage(out, message);
      }
      for (std::size_t i = 0; i < assets.size(); ++i) {
        const Asset& a = assets[i];
        capnp::MallocMessageBuilder message(128);
        auto record = message.initRoot<schema::SnapshotRecord>().initAsset();
        record.setId(a.id);
        record.setCode(a.code);
        record.setClass(static_cast<schema::AssetClass>(a.asset_class));
        internal::write_description(a.description, record.initDescription());
        record.setStatus(static_cast<schema::AssetStatus>(a.status));
        internal::write_owners(a.owners, record.initOwners(static_cast<unsigned>(a.owners.size())));
        const auto value = book.find(a.id);
        record.setBookValueFen(value == book.end() ? 0 : value->second.fen());
        if (maintenance[i]) {
          record.setMaintainer(maintenance[i]->party);
          record.setMaintenancePerson(maintenance[i]->person);
        }
        record.setLastSequence(a.last_sequence);
        capnp::writeMessage(out, message);
      }
      out.flush();
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || std::rename(temporary.c_str(), path.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      throw_error(ErrorKind::kStorageError, "cannot write \"" + path + "\": " + why,
                  "无法写入快照“" + path + "”：" + why + "（磁盘可能已满）");
    }
    return size;
  }
}

Snapshot read_snapshot(const std::string& path) {
  const int fd = open_file(path, O_RDONLY);
  Snapshot snapshot;
  std::uint64_t index = 0, parties = 0, assets = 0;
  bool header = false;
  try {
    kj::FdInputStream raw(fd);
    kj::BufferedInputStreamWrapper in(raw);
    for (; in.tryGetReadBuffer().size() != 0; ++index) {
      capnp::InputStreamMessageReader message(in);
      const auto record = message.getRoot<schema::SnapshotRecord>();
      if (record.isHeader() != (index == 0)) {
        throw_error(ErrorKind::kIntegrityError,
                    "snapshot record " + std::to_string(index) +
                        (index == 0 ? " is not a header" : " is a second header"),
                    index == 0
                        ? std::string("快照的第一项不是文件头：这不是 taizhang 导出的快照")
                        : "快照的第 " + std::to_string(index) + " 项又是一个文件头：快照被改动过");
      }
      switch (record.which()) {
        case schema::SnapshotRecord::HEADER: {
          const auto h = record.getHeader();
          header = true;
          snapshot.county_code = text_of(h.getCountyCode());
          snapshot.county_name = text_of(h.getCountyName());
          snapshot.origin = text_of(h.getOrigin());
          snapshot.size = h.getSize();
          if (h.getRoot().size() != kHashSize) {
            throw_error(ErrorKind::kIntegrityError, "snapshot header: root is not 32 bytes",
                        "快照文件头中的根散列不是 32 字节：快照已损坏");
          }
          std::memcpy(snapshot.root.data(), h.getRoot().begin(), kHashSize);
          snapshot.as_of = Date::from_days(h.getAsOfDay(), "as_of");
          parties = h.getParties();
          assets = h.getAssets();
          break;
        }
        case schema::SnapshotRecord::PARTY: {
          const auto p = record.getParty();
          snapshot.parties.push_back({p.getId(), internal::read_party(p.getParty())});
          break;
        }
        case schema::SnapshotRecord::ASSET: {
          const auto a = record.getAsset();
          SnapshotAsset row;
          row.asset.id = a.getId();
          row.asset.code = text_of(a.getCode());
          row.asset.asset_class =
              internal::read_enum(a.getClass(), AssetClass::kHousehold, "asset class");
          row.asset.description = internal::read_description(a.getDescription());
          row.asset.status = internal::read_enum(a.getStatus(), AssetStatus::kDisposed, "status");
          row.asset.owners = internal::read_owners(a.getOwners());
          row.asset.last_sequence = a.getLastSequence();
          row.book_value = Money::from_fen(a.getBookValueFen());
          row.maintainer = a.getMaintainer();
          row.maintenance_person = text_of(a.getMaintenancePerson());
          snapshot.assets.push_back(std::move(row));
          break;
        }
      }
    }
  } catch (const kj::Exception& exception) {
    ::close(fd);
    throw_error(ErrorKind::kIntegrityError,
                "snapshot record " + std::to_string(index) +
                    " is damaged or cut short: " + exception.getDescription().cStr(),
                "快照的第 " + std::to_string(index) +
                    " 项（0 为文件头）已损坏或不完整：文件被改动过，或没有复制完整");
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  if (!header || snapshot.parties.size() != parties || snapshot.assets.size() != assets) {
    throw_error(ErrorKind::kIntegrityError,
                "the snapshot is cut short: it holds " + std::to_string(snapshot.parties.size()) +
                    " parties and " + std::to_string(snapshot.assets.size()) + " assets of the " +
                    std::to_string(parties) + " and " + std::to_string(assets) +
                    " its header names",
                !header ? std::string("快照文件是空的，没有文件头：这不是完整的快照")
                        : "快照不完整：文件头写明 " + std::to_string(parties) + " 个主体、" +
                              std::to_string(assets) + " 项资产，实际读到 " +
                              std::to_string(snapshot.parties.size()) + " 个主体、" +
                              std::to_string(snapshot.assets.size()) + " 项资产：文件没有复制完整");
  }
  return snapshot;
}

}  // namespace taizhang

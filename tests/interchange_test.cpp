// Interchange: export a register's log as a Cap'n Proto stream, import it into a replica that
// answers the same reads, and refuse every stream that is tampered with, cut short, of another
// county, forked from or not extending what the receiver holds, writing nothing.
#include "taizhang/interchange.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <random>

#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

LedgerOptions options() {
  LedgerOptions o;
  o.durable = false;
  o.fold = register_fold();
  return o;
}

// A small county register with its key, to export from.
struct Source {
  ScratchDir dir;
  Signer log_key;
  Registry reg;
  std::uint64_t collective = 0;
  std::string village;
  int next = 1;

  explicit Source(const RegisterInfo& info = kCounty, std::uint8_t seed = 1)
      : log_key(test_key(info.origin, seed)),
        reg(Registry::create(dir.path() + "/reg", info, log_key,
                             actor_key(1).verifier().public_key(), options())) {
    const std::string prefix = info.county_code.substr(0, 6);
    village = prefix + "101201";
    for (const std::string& code : {info.county_code, prefix + "101000", village}) {
      submit(DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()});
    }
    PartyRegistered p;
    p.kind = PartyKind::kVillageCollective;
    p.name = "A1村";
    p.division = village;
    p.credit_code = credit_code(1);
    collective = submit(p);
  }

  std::uint64_t submit(RegistryWrite write) {
    return reg.submit({{1, Date::parse("2026-02-01"), {}, &actor_key(1)}, std::move(write)});
  }

  void add_assets(int count) {
    for (int i = 0; i < count; ++i) {
      AssetRegistered a;
      a.code = "XF-" + std::to_string(next++);
      a.asset_class = AssetClass::kPublicWelfare;
      a.description.name = "通组路";
      a.description.category = AssetCategory::kStructure;
      a.description.division = village;
      a.description.completed = Date::parse("2021-06-30");
      a.description.original = Money::from_fen(1'000'000 + next);
      a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
      a.owners = {{collective, Share::of(1, 1)}};
      submit(a);
    }
    reg.ledger().checkpoint(log_key);
  }
};

// The reads a replica must answer as the source does.
void require_same(const Registry& a, const Registry& b) {
  REQUIRE(a.ledger().size() == b.ledger().size());
  CHECK(a.ledger().root() == b.ledger().root());
  const auto left = a.assets();
  const auto right = b.assets();
  REQUIRE(left.size() == right.size());
  for (std::size_t i = 0; i < left.size(); ++i) {
    CHECK(left[i].code == right[i].code);
    CHECK(left[i].description.original == right[i].description.original);
  }
  CHECK(a.audit(Date::parse("2026-11-28")).size() == b.audit(Date::parse("2026-11-28")).size());
  CHECK(a.valuation(Date::parse("2026-11-28")).size() ==
        b.valuation(Date::parse("2026-11-28")).size());
}

}  // namespace

TEST_CASE("a replica kept by streams answers every read the source answers") {
  Source source;
  source.add_assets(40);
  ScratchDir out;
  const std::string first = out.file("first.tzlog");
  const StreamSummary exported = export_log(source.reg.ledger(), first);
  CHECK(exported.from_size == 0);
  CHECK(exported.to_size == source.reg.ledger().size());

  const Verifier trusted = source.log_key.verifier();
  import_new(out.file("replica"), first, &trusted, options());
  {
    Registry replica = Registry::open(out.file("replica"), options());
    require_same(source.reg, replica);
    CHECK(replica.ledger().latest_checkpoint() == source.reg.ledger().latest_checkpoint());
    CHECK(replica.ledger().verify_deep().ok);
  }

  // The source goes on; a stream from what the replica holds brings it up to date, and the
  // same stream again (or the whole log) adds nothing.
  const std::uint64_t held = source.reg.ledger().size();
  source.add_assets(25);
  const std::string second = out.file("second.tzlog");
  CHECK(export_log(source.reg.ledger(), second, held).from_size == held);
  {
    Registry replica = Registry::open(out.file("replica"), options());
    CHECK(import_log(replica.ledger(), second).added == source.reg.ledger().size() - held);
    require_same(source.reg, replica);
    CHECK(import_log(replica.ledger(), second).added == 0);
    const std::string whole = out.file("whole.tzlog");
    export_log(source.reg.ledger(), whole);
    CHECK(import_log(replica.ledger(), whole).added == 0);
    CHECK(replica.ledger().verify_deep().ok);
  }
}

TEST_CASE("a tampered, truncated or foreign stream is refused and nothing is written") {
  Source source;
  source.add_assets(30);
  ScratchDir out;
  const std::string path = out.file("log.tzlog");
  export_log(source.reg.ledger(), path, 0);
  const std::string good = read_file(path);

  // A new replica from a damaged stream leaves no register behind.
  auto refused_new = [&](const std::string& bytes) {
    write_file(path, bytes);
    const Error error = error_of([&] { import_new(out.file("bad"), path, nullptr, options()); });
    CHECK(!std::filesystem::exists(out.file("bad") + "/data.mdb"));
    return error;
  };
  // One byte of an asset's name changed: the entry no longer hashes into the signed tree.
  std::string tampered = good;
  const auto at = tampered.find("通组路");
  REQUIRE(at != std::string::npos);
  tampered[at + 1] = static_cast<char>(tampered[at + 1] ^ 0x01);
  CHECK(refused_new(tampered).kind() == ErrorKind::kIntegrityError);
  // Cut at random lengths.
  std::mt19937 random(11);
  for (int i = 0; i < 12; ++i) {
    const std::size_t length = random() % good.size();
    CHECK(refused_new(good.substr(0, length)).kind() == ErrorKind::kIntegrityError);
  }
  // The checkpoint's signature altered.
  std::string forged = good;
  const auto dash = forged.find("\xE2\x80\x94 ");  // the signature line's em dash
  REQUIRE(dash != std::string::npos);
  forged[dash + 60] = forged[dash + 60] == 'A' ? 'B' : 'A';
  const ErrorKind forged_kind = refused_new(forged).kind();
  CHECK((forged_kind == ErrorKind::kUnauthorized || forged_kind == ErrorKind::kIntegrityError));

  // Into an existing replica: another county's stream, and a trusted key that is not the
  // stream's.
  write_file(path, good);
  import_new(out.file("replica"), path, nullptr, options());
  Registry replica = Registry::open(out.file("replica"), options());
  const std::uint64_t size = replica.ledger().size();
  Source other(RegisterInfo{"520123000000", "开阳县", "taizhang.example/520123"}, 9);
  other.add_assets(3);
  const std::string foreign = out.file("foreign.tzlog");
  export_log(other.reg.ledger(), foreign);
  CHECK(error_of([&] { import_log(replica.ledger(), foreign); }).kind() ==
        ErrorKind::kUnauthorized);
  const Verifier wrong = other.log_key.verifier();
  CHECK(error_of([&] { import_new(out.file("other"), path, &wrong, options()); }).kind() ==
        ErrorKind::kUnauthorized);
  CHECK(replica.ledger().size() == size);
  CHECK(replica.ledger().verify().ok);
}

TEST_CASE("a stream that does not extend the receiver is refused: a gap, a fork") {
  Source source;
  source.add_assets(10);
  ScratchDir out;
  export_log(source.reg.ledger(), out.file("a.tzlog"));
  import_new(out.file("replica"), out.file("a.tzlog"), nullptr, options());
  const std::uint64_t held = source.reg.ledger().size();

  // A gap: a stream starting past what the replica holds.
  source.add_assets(5);
  const std::uint64_t middle = source.reg.ledger().size();
  source.add_assets(5);
  export_log(source.reg.ledger(), out.file("gap.tzlog"), middle);
  {
    Registry replica = Registry::open(out.file("replica"), options());
    CHECK_THAT(error_of([&] { import_log(replica.ledger(), out.file("gap.tzlog")); }).what(),
               Catch::Contains("a gap"));
    CHECK(replica.ledger().size() == held);
  }
  // A fork: the replica writes entries of its own, then the source's continuation arrives.
  {
    Registry replica = Registry::open(out.file("replica"), options());
    AssetStatusChanged change{source.reg.assets().front().id, AssetStatus::kIdle, "local"};
    replica.submit({{1, Date::parse("2026-03-01"), {}, &actor_key(1)}, change});
    export_log(source.reg.ledger(), out.file("fork.tzlog"), held);
    const std::uint64_t forked = replica.ledger().size();
    CHECK_THAT(error_of([&] { import_log(replica.ledger(), out.file("fork.tzlog")); }).what(),
               Catch::Contains("fork"));
    CHECK(replica.ledger().size() == forked);
  }
}

TEST_CASE("a snapshot carries today's parties and assets, and a cut one is refused") {
  Source source;
  source.add_assets(12);
  const auto assets = source.reg.assets();
  source.submit(MaintenanceBound{assets[0].id, source.collective, "王五",
                                 MaintenanceMode::kPublicWelfarePost, "", 180,
                                 Date::parse("2026-02-01")});
  ScratchDir out;
  const std::string path = out.file("today.tzsnap");
  const Date as_of = Date::parse("2026-11-28");
  const std::uint64_t size = export_snapshot(source.reg, path, as_of);
  CHECK(size == source.reg.ledger().size());
  const Snapshot snapshot = read_snapshot(path);
  CHECK(snapshot.origin == kCounty.origin);
  CHECK(snapshot.root == source.reg.ledger().root_at(size));
  REQUIRE(snapshot.parties.size() == source.reg.parties().size());
  REQUIRE(snapshot.assets.size() == assets.size());
  const auto values = source.reg.valuation(as_of);
  for (std::size_t i = 0; i < assets.size(); ++i) {
    CHECK(snapshot.assets[i].asset.code == assets[i].code);
    CHECK(snapshot.assets[i].asset.description.original == assets[i].description.original);
    CHECK(snapshot.assets[i].asset.owners.size() == assets[i].owners.size());
    CHECK(snapshot.assets[i].book_value == values[i].book_value);
  }
  CHECK(snapshot.assets[0].maintenance_person == "王五");
  const std::string bytes = read_file(path);
  write_file(path, bytes.substr(0, bytes.size() - 40));
  CHECK(error_of([&] { read_snapshot(path); }).kind() == ErrorKind::kIntegrityError);
}

// --- streams and snapshots refused in Chinese, for county staff (Error::chinese) -------------

namespace {

template <typename F>
std::string zh(F&& f) {
  const Error error = error_of(std::forward<F>(f));
  INFO(error.what());
  CHECK_FALSE(error.chinese().empty());
  return error.chinese();
}

}  // namespace

TEST_CASE("Chinese: an altered, cut or foreign stream is refused saying what to do") {
  Source source;
  source.add_assets(30);
  ScratchDir out;
  const std::string path = out.file("log.tzlog");
  const std::uint64_t size = source.reg.ledger().size();
  export_log(source.reg.ledger(), path, 0);
  const std::string good = read_file(path);

  // One byte of an asset's name changed.
  std::string tampered = good;
  tampered[tampered.find("通组路") + 1] ^= 0x01;
  write_file(path, tampered);
  CHECK_THAT(zh([&] { import_new(out.file("bad"), path, nullptr, options()); }),
             Catch::Contains("记录流中的记录算出的默克尔树与其检查点签署的不符：有记录被改动过"));
  // Cut in the middle of the entries: a damaged last record, or the entries ending early.
  write_file(path, good.substr(0, good.size() - 100));
  std::string text = zh([&] { import_new(out.file("bad"), path, nullptr, options()); });
  CHECK_THAT(text, Catch::Contains("已损坏或不完整") || Catch::Contains("记录流不完整"));
  CHECK(!std::filesystem::exists(out.file("bad") + "/data.mdb"));
  write_file(path, "");
  CHECK_THAT(zh([&] { read_stream_header(path); }),
             Catch::Contains("记录流的第一项不是文件头：这不是 taizhang 导出的记录流"));
  write_file(path, good.substr(0, 20));
  CHECK_THAT(zh([&] { read_stream_header(path); }),
             Catch::Contains("记录流的第 0 项（0 为文件头）已损坏或不完整"));
  CHECK_THAT(zh([&] { read_stream_header(out.file("missing.tzlog")); }),
             Catch::Contains("找不到文件“" + out.file("missing.tzlog") + "”"));

  // Another county's stream into this replica; a trusted key that is not the stream's.
  write_file(path, good);
  import_new(out.file("replica"), path, nullptr, options());
  Registry replica = Registry::open(out.file("replica"), options());
  Source other(RegisterInfo{"520123000000", "开阳县", "taizhang.example/520123"}, 9);
  other.add_assets(3);
  const std::string foreign = out.file("foreign.tzlog");
  export_log(other.reg.ledger(), foreign);
  text = zh([&] { import_log(replica.ledger(), foreign); });
  CHECK_THAT(text,
             Catch::Contains("这个记录流来自县 520123000000 的登记簿“taizhang.example/520123”"));
  CHECK_THAT(text, Catch::Contains("不能导入别的登记簿的记录"));
  const Verifier wrong = other.log_key.verifier();
  CHECK_THAT(zh([&] { import_new(out.file("other"), path, &wrong, options()); }),
             Catch::Contains("不是受信任的密钥“" + wrong.text() + "”：不能据此新建副本"));
  CHECK(replica.ledger().size() == size);
}

TEST_CASE("Chinese: a stream with a gap, a fork, or not from entry 0 for a new replica") {
  Source source;
  source.add_assets(10);
  ScratchDir out;
  export_log(source.reg.ledger(), out.file("a.tzlog"));
  import_new(out.file("replica"), out.file("a.tzlog"), nullptr, options());
  const std::uint64_t held = source.reg.ledger().size();
  source.add_assets(5);
  const std::uint64_t middle = source.reg.ledger().size();
  source.add_assets(5);
  export_log(source.reg.ledger(), out.file("gap.tzlog"), middle);
  CHECK_THAT(zh([&] { export_log(source.reg.ledger(), out.file("x.tzlog"), 10'000); }),
             Catch::Contains("超出了最新检查点覆盖的 " +
                             std::to_string(source.reg.ledger().size()) + " 条记录"));
  {
    Registry replica = Registry::open(out.file("replica"), options());
    CHECK_THAT(
        zh([&] { import_log(replica.ledger(), out.file("gap.tzlog")); }),
        Catch::Contains("记录流从第 " + std::to_string(middle) + " 条记录开始，而本登记簿只有 " +
                        std::to_string(held) + " 条：中间缺了记录，请先导入前面的记录流"));
  }
  CHECK_THAT(zh([&] { import_new(out.file("new"), out.file("gap.tzlog"), nullptr, options()); }),
             Catch::Contains("新副本须从第 0 条记录开始导入，而这个记录流从第 " +
                             std::to_string(middle) + " 条开始"));
  {
    Registry replica = Registry::open(out.file("replica"), options());
    AssetStatusChanged change{source.reg.assets().front().id, AssetStatus::kIdle, "local"};
    replica.submit({{1, Date::parse("2026-03-01"), {}, &actor_key(1)}, change});
    export_log(source.reg.ledger(), out.file("fork.tzlog"), held);
    CHECK_THAT(zh([&] { import_log(replica.ledger(), out.file("fork.tzlog")); }),
               Catch::Contains("第 " + std::to_string(held) +
                               " 条记录与本登记簿的不同：出现了分叉，不能导入"));
  }
}

TEST_CASE("Chinese: a cut or missing snapshot") {
  Source source;
  source.add_assets(12);
  ScratchDir out;
  const std::string path = out.file("today.tzsnap");
  export_snapshot(source.reg, path, Date::parse("2026-11-28"));
  const std::string bytes = read_file(path);
  write_file(path, bytes.substr(0, bytes.size() - 40));
  CHECK_THAT(zh([&] { read_snapshot(path); }),
             Catch::Contains("已损坏或不完整") || Catch::Contains("快照不完整：文件头写明"));
  // Whole records dropped from the end: the counts in the header tell.
  std::string records = bytes;
  std::size_t at = 0;
  std::vector<std::size_t> starts;
  {
    // Each record is one message in stream framing: its segment count and sizes come first.
    while (at < records.size()) {
      starts.push_back(at);
      const auto word = [&](std::size_t i) {
        std::uint32_t v = 0;
        std::memcpy(&v, records.data() + i, 4);
        return v;
      };
      const std::uint32_t segments = word(at) + 1;
      std::size_t header = 4 + 4 * segments;
      header += header % 8;
      std::size_t body = 0;
      for (std::uint32_t s = 0; s < segments; ++s) body += 8 * std::size_t{word(at + 4 + 4 * s)};
      at += header + body;
    }
  }
  REQUIRE(starts.size() > 3);
  write_file(path, records.substr(0, starts[starts.size() - 2]));
  CHECK_THAT(
      zh([&] { read_snapshot(path); }),
      Catch::Contains("快照不完整：文件头写明 " + std::to_string(source.reg.parties().size()) +
                      " 个主体、12 项资产，"
                      "实际读到 " +
                      std::to_string(source.reg.parties().size()) + " 个主体、10 项资产"));
  write_file(path, "");
  CHECK_THAT(zh([&] { read_snapshot(path); }), Catch::Contains("快照文件是空的，没有文件头"));
  CHECK_THAT(zh([&] { read_snapshot(out.file("missing.tzsnap")); }),
             Catch::Contains("找不到文件“" + out.file("missing.tzsnap") + "”"));
}

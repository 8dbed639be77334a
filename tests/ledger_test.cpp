// The ledger on a real LMDB environment: append, reopen, proofs, checkpoints, idempotency,
// atomic batches, and tamper detection by verify.
#include "taizhang/ledger.h"

#include <lmdb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "taizhang/error.h"
#include "taizhang/merkle.h"
#include "taizhang/register_fold.h"
#include "taizhang/registry.h"
#include "taizhang/service.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;  // the test county, its places, helpers

namespace {

// A clock that starts on 2026-01-01 and moves one second per call.
LedgerOptions test_options() {
  LedgerOptions options;
  options.clock_micros = [now = std::int64_t{1'767'225'600'000'000}]() mutable {
    return now += 1'000'000;
  };
  return options;
}

RequestId request_id(std::uint64_t n) {
  RequestId id{};
  for (int i = 0; i < 8; ++i) id[15 - i] = static_cast<std::uint8_t>(n >> (8 * i));
  id[0] = 0xaa;
  return id;
}

// The county's log key of these tests.
const Signer& county_key() {
  static const Signer key = test_key(kCounty.origin, 9);
  return key;
}

// `request` signed by `key` as its actor's key in the test county's register.
AppendRequest signed_by(AppendRequest request, const Signer& key) {
  request.entries.back().signature.clear();
  request.entries.back().signature = key.sign_record(request_message(
      key.verifier().text(), request.entries.front().actor, request.request_id, request.entries));
  return request;
}

// An enrolment by the register itself (actor 0), which its log key signs.
Entry enrolment(std::uint64_t actor, const std::string& name, const Signer& key) {
  Entry entry;
  entry.effective = Date::parse("2025-12-31");
  entry.actor = 0;
  entry.body = ActorKeyEnrolled{actor, name, Role::kVillageCommittee, "520122100201",
                                key.verifier().public_key()};
  return entry;
}

AppendRequest enrol_request(std::uint64_t actor, const Signer& by = county_key()) {
  const Signer key = test_key("actor-" + std::to_string(actor), static_cast<std::uint8_t>(actor));
  return signed_by(
      {request_id(actor), {enrolment(actor, "marker-" + std::to_string(actor) + "-end", key)}}, by);
}

// Writes one record straight into a database of the register's LMDB environment, as a damaged
// file or an intruder would, bypassing the ledger.
void raw_put(const std::string& dir, const char* database, ByteView key, ByteView value) {
  MDB_env* env = nullptr;
  REQUIRE(mdb_env_create(&env) == 0);
  mdb_env_set_maxdbs(env, 32);
  REQUIRE(mdb_env_open(env, dir.c_str(), 0, 0640) == 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi = 0;
  REQUIRE(mdb_txn_begin(env, nullptr, 0, &txn) == 0);
  REQUIRE(mdb_dbi_open(txn, database, 0, &dbi) == 0);
  MDB_val key_val{key.size(), const_cast<std::uint8_t*>(key.data())};
  MDB_val value_val{value.size(), const_cast<std::uint8_t*>(value.data())};
  REQUIRE(mdb_put(txn, dbi, &key_val, &value_val, 0) == 0);
  REQUIRE(mdb_txn_commit(txn) == 0);
  mdb_env_close(env);
}

template <typename F>
ErrorKind error_kind_of(F&& f) {
  try {
    f();
  } catch (const Error& error) {
    return error.kind();
  }
  FAIL("expected an error");
  return ErrorKind::kInvalidInput;
}

}  // namespace

TEST_CASE("a new register holds its initialisation and a signed checkpoint") {
  ScratchDir dir;
  const Signer log_key = test_key(kCounty.origin, 9);
  Ledger ledger = Ledger::create(dir.path(), kCounty, log_key, test_options());
  CHECK(ledger.size() == 1);
  const Entry first = ledger.entry(0);
  const auto& init = std::get<RegisterInitialized>(first.body);
  CHECK(init.county_code == "520122000000");
  CHECK(init.log_public_key == log_key.verifier().public_key());
  CHECK(ledger.log_verifier().text() == log_key.verifier().text());
  const Checkpoint head = open_checkpoint(*ledger.latest_checkpoint(), log_key.verifier());
  CHECK(head.size == 1);
  CHECK(head.root == ledger.root());
  CHECK(ledger.verify().ok);
  CHECK(error_kind_of([&] { Ledger::create(dir.path(), kCounty, log_key); }) ==
        ErrorKind::kConflict);
}

TEST_CASE("the register's today and its first effective date come from its clock, in UTC+8") {
  ScratchDir dir;
  LedgerOptions options = test_options();
  // 2026-11-30T16:30Z: still the 30th in UTC, already 1 December in the county.
  std::int64_t now =
      (std::int64_t{Date::parse("2026-11-30").days()} * 86'400 + 16 * 3600 + 1800) * 1'000'000;
  options.clock_micros = [&now] { return now; };
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), options);
  CHECK(ledger.entry(0).effective.to_string() == "2026-12-01");
  CHECK(ledger.today().to_string() == "2026-12-01");
  now += std::int64_t{86'400} * 1'000'000;  // the clock moves on; today follows it
  CHECK(ledger.today().to_string() == "2026-12-02");
}

TEST_CASE("appends survive reopening, and proofs match an independent tree") {
  ScratchDir dir;
  const Signer log_key = test_key(kCounty.origin, 9);
  Hash root_before;
  {
    Ledger ledger = Ledger::create(dir.path(), kCounty, log_key, test_options());
    std::vector<AppendRequest> batch;
    for (std::uint64_t actor = 1; actor <= 40; ++actor) batch.push_back(enrol_request(actor));
    const auto outcomes = ledger.append_batch(batch);
    REQUIRE(outcomes.size() == 40);
    CHECK(outcomes[0].first_sequence == 1);
    CHECK(outcomes[39].first_sequence == 40);
    ledger.checkpoint(log_key);
    ledger.append(enrol_request(41));
    root_before = ledger.root();
  }
  Ledger ledger = Ledger::open(dir.path(), test_options());
  REQUIRE(ledger.size() == 42);
  CHECK(ledger.root() == root_before);
  CHECK(std::get<ActorKeyEnrolled>(ledger.entry(41).body).name == "marker-41-end");
  CHECK(ledger.entry(41).request_id == request_id(41));
  CHECK(ledger.actor_key(7).public_key() == test_key("actor-7", 7).verifier().public_key());

  std::vector<Bytes> entries;
  for (std::uint64_t seq = 0; seq < ledger.size(); ++seq)
    entries.push_back(ledger.entry_bytes(seq));
  const merkle::MemoryTree tree(entries);
  for (std::uint64_t size : {1, 2, 3, 17, 41, 42}) {
    CHECK(ledger.root_at(size) == merkle::root(tree.reader(), size));
    for (std::uint64_t seq = 0; seq < size; ++seq) {
      const auto proof = ledger.inclusion_proof(seq, size);
      REQUIRE(proof == merkle::inclusion_proof(tree.reader(), seq, size));
      REQUIRE(merkle::verify_inclusion(merkle::leaf_hash(entries[seq]), seq, size, proof,
                                       ledger.root_at(size)));
    }
  }
  // Consistency between the two checkpoints (size 1 at create, size 41 after the batch).
  const Checkpoint old_head = open_checkpoint(*ledger.checkpoint_at(1), log_key.verifier());
  const Checkpoint new_head = open_checkpoint(*ledger.checkpoint_at(41), log_key.verifier());
  CHECK(merkle::verify_consistency(1, 41, old_head.root, new_head.root,
                                   ledger.consistency_proof(1, 41)));
  CHECK(ledger.checkpoint_at(42) == std::nullopt);
  // Recorded times never decrease.
  for (std::uint64_t seq = 1; seq < ledger.size(); ++seq) {
    CHECK(ledger.entry(seq).recorded_micros >= ledger.entry(seq - 1).recorded_micros);
  }
  const VerifyReport report = ledger.verify();
  CHECK(report.ok);
  CHECK(report.entries_checked == 42);
  CHECK(report.checkpoints_checked == 2);
}

TEST_CASE("a request id replays its first outcome and refuses other content") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options());
  const AppendOutcome first = ledger.append(enrol_request(5));
  const Hash root = ledger.root();
  const AppendOutcome again = ledger.append(enrol_request(5));
  CHECK(again.replayed);
  CHECK(again.first_sequence == first.first_sequence);
  CHECK(again.count == 1);
  CHECK(ledger.size() == 2);
  CHECK(ledger.root() == root);

  AppendRequest changed = enrol_request(5);
  std::get<ActorKeyEnrolled>(changed.entries[0].body).name = "someone else";
  CHECK(error_kind_of([&] { ledger.append(changed); }) == ErrorKind::kUnauthorized);  // unsigned
  CHECK(error_kind_of([&] { ledger.append(signed_by(changed, county_key())); }) ==
        ErrorKind::kConflict);
  CHECK(ledger.size() == 2);
}

TEST_CASE("a batch that fails midway leaves the log as it was") {
  ScratchDir dir;
  const Signer log_key = test_key(kCounty.origin, 9);
  Ledger ledger = Ledger::create(dir.path(), kCounty, log_key, test_options());
  ledger.append(enrol_request(1));
  const Hash root = ledger.root();
  const std::uint64_t size = ledger.size();

  std::vector<AppendRequest> batch = {enrol_request(2), enrol_request(3), enrol_request(4)};
  SECTION("bad input in the last request") {
    std::get<ActorKeyEnrolled>(batch[2].entries[0].body).jurisdiction = "52012210020";
    try {
      ledger.append_batch(batch);
      FAIL("accepted a bad division code");
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kInvalidInput);
      CHECK_THAT(error.what(), Catch::Contains("jurisdiction") && Catch::Contains("52012210020"));
    }
  }
  SECTION("a rule broken in the middle") {
    batch[1] = enrol_request(1);  // actor 1 again, under a new request id
    batch[1].request_id = request_id(99);
    batch[1] = signed_by(batch[1], county_key());
    CHECK(error_kind_of([&] { ledger.append_batch(batch); }) == ErrorKind::kConflict);
  }
  SECTION("a key of the wrong length") {
    std::get<ActorKeyEnrolled>(batch[1].entries[0].body).public_key.pop_back();
    CHECK(error_kind_of([&] { ledger.append_batch(batch); }) == ErrorKind::kInvalidInput);
  }
  CHECK(ledger.size() == size);
  CHECK(ledger.root() == root);
  CHECK(error_kind_of([&] { ledger.entry(size); }) == ErrorKind::kNotFound);
  // The request ids of the failed batch were not consumed.
  CHECK_FALSE(ledger.append(enrol_request(2)).replayed);
  CHECK(ledger.verify().ok);
}

TEST_CASE("approvals must verify under the signer's enrolled key") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options());
  ledger.append(enrol_request(1));
  const Signer official = test_key("actor-1", 1);
  const Signer impostor = test_key("actor-1", 77);

  AppendRequest request = enrol_request(2);
  request.entries[0].request_id = request.request_id;  // approvals cover the request id
  const Bytes message = approval_message(county_key().verifier().text(), request.entries[0]);
  const Bytes good = official.sign_record(message);
  const Bytes forged = impostor.sign_record(message);
  // In another register the same official's signature is worth nothing.
  const Bytes elsewhere =
      official.sign_record(approval_message("taizhang.example/520123", request.entries[0]));
  auto with = [&](std::vector<Approval> approvals) {
    request.entries[0].approvals = std::move(approvals);
    return signed_by(request, county_key());
  };

  CHECK(error_kind_of([&] { ledger.append(with({{1, forged}})); }) == ErrorKind::kUnauthorized);
  CHECK(error_kind_of([&] {
          ledger.append(with({{3, good}}));
        }) == ErrorKind::kUnauthorized);  // not enrolled
  CHECK(error_kind_of([&] {
          ledger.append(with({{1, good}, {1, good}}));
        }) == ErrorKind::kUnauthorized);
  CHECK(error_kind_of([&] { ledger.append(with({{1, elsewhere}})); }) == ErrorKind::kUnauthorized);
  // A signature for another request id cannot be replayed onto this one.
  AppendRequest other = with({{1, good}});
  other.request_id = request_id(1234);
  CHECK(error_kind_of([&] { ledger.append(signed_by(other, county_key())); }) ==
        ErrorKind::kUnauthorized);

  const AppendOutcome outcome = ledger.append(with({{1, good}}));
  CHECK(ledger.entry(outcome.first_sequence).approvals.size() == 1);
  CHECK(ledger.verify().ok);
}

TEST_CASE(
    "a checkpoint signed elsewhere is stored only if it is this log's, as its contract says") {
  ScratchDir dir;
  const Signer log_key = test_key(kCounty.origin, 9);
  Ledger ledger = Ledger::create(dir.path(), kCounty, log_key, test_options());
  for (const std::uint64_t actor : {1u, 2u, 3u}) ledger.append(enrol_request(actor));
  const Checkpoint at_three{kCounty.origin, 3, ledger.root_at(3)};
  ledger.store_checkpoint(sign_checkpoint(at_three, log_key));  // signed by an offline signer
  CHECK(ledger.checkpoint_at(3) == sign_checkpoint(at_three, log_key));
  auto refused = [&](const std::string& note) {
    return error_kind_of([&] { ledger.store_checkpoint(note); });
  };
  const Signer stranger = test_key(kCounty.origin, 10);  // same name, another key
  CHECK(refused(sign_checkpoint(at_three, stranger)) == ErrorKind::kIntegrityError);
  CHECK(refused(sign_checkpoint({kCounty.origin, 9, ledger.root()}, log_key)) ==
        ErrorKind::kIntegrityError);  // past the log
  CHECK(refused(sign_checkpoint({kCounty.origin, 2, ledger.root_at(3)}, log_key)) ==
        ErrorKind::kIntegrityError);  // another root
  CHECK(refused(sign_checkpoint({kCounty.origin, 0, Hash{}}, log_key)) ==
        ErrorKind::kIntegrityError);  // the empty tree
  CHECK(refused("not a note") == ErrorKind::kInvalidInput);
  CHECK_FALSE(ledger.checkpoint_at(2).has_value());  // none of them was stored
  CHECK(ledger.checkpoint_at(3) == sign_checkpoint(at_three, log_key));
}

TEST_CASE("a checkpoint by another key is refused") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options());
  ledger.append(enrol_request(1));
  CHECK(error_kind_of([&] { ledger.checkpoint(test_key(kCounty.origin, 10)); }) ==
        ErrorKind::kUnauthorized);
  CHECK(ledger.checkpoint_at(2) == std::nullopt);
}

TEST_CASE("verify names the entry whose stored bytes were changed in the LMDB file") {
  ScratchDir dir;
  const Signer log_key = test_key(kCounty.origin, 9);
  {
    Ledger ledger = Ledger::create(dir.path(), kCounty, log_key, test_options());
    std::vector<AppendRequest> batch;
    for (std::uint64_t actor = 1; actor <= 300; ++actor) batch.push_back(enrol_request(actor));
    ledger.append_batch(batch);
    ledger.checkpoint(log_key);
    REQUIRE(ledger.verify().ok);
  }
  // Entry 137 enrols actor 137, whose name holds a marker found nowhere else in the file.
  const std::string file = dir.file("data.mdb");
  std::string bytes = test::read_file(file);
  const auto at = bytes.find("marker-137-end");
  REQUIRE(at != std::string::npos);
  REQUIRE(bytes.find("marker-137-end", at + 1) == std::string::npos);
  bytes[at + 7] = '9';  // "marker-937-end": same length, still a valid entry
  test::write_file(file, bytes);

  Ledger ledger = Ledger::open(dir.path(), test_options());
  const VerifyReport report = ledger.verify();
  CHECK_FALSE(report.ok);
  REQUIRE(report.first_bad_sequence.has_value());
  CHECK(*report.first_bad_sequence == 137);
  CHECK_THAT(report.problem, Catch::Contains("137"));
  // The altered entry is still readable, and its inclusion proof no longer verifies.
  const Bytes altered = ledger.entry_bytes(137);
  const Checkpoint head = open_checkpoint(*ledger.latest_checkpoint(), log_key.verifier());
  CHECK_FALSE(merkle::verify_inclusion(merkle::leaf_hash(altered), 137, head.size,
                                       ledger.inclusion_proof(137, head.size), head.root));
}

TEST_CASE("an unknown format version is refused at open") {
  ScratchDir dir;
  { Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options()); }
  const std::uint8_t version[8] = {0, 0, 0, 0, 0, 0, 0, kFormatVersion + 1};
  raw_put(dir.path(), "meta", as_bytes("format_version"), version);
  try {
    Ledger::open(dir.path());
    FAIL("opened an unknown format");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kStorageError);
    CHECK_THAT(error.what(),
               Catch::Contains("format version " + std::to_string(kFormatVersion + 1)));
  }
}

TEST_CASE("opening where there is no register is NotFound") {
  ScratchDir dir;
  CHECK(error_kind_of([&] { Ledger::open(dir.file("nothing")); }) == ErrorKind::kNotFound);
}

TEST_CASE("the map grows when full and the batch lands whole") {
  ScratchDir dir;
  LedgerOptions options = test_options();
  options.map_size_bytes = 256 * 1024;  // far too small for what follows
  options.durable = false;
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), options);
  std::vector<AppendRequest> batch;
  for (std::uint64_t actor = 1; actor <= 3000; ++actor) batch.push_back(enrol_request(actor));
  ledger.append_batch(batch);
  CHECK(ledger.size() == 3001);
  CHECK(ledger.verify().ok);
}

TEST_CASE("a read-only register refuses writes") {
  ScratchDir dir;
  { Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options()); }
  LedgerOptions options;
  options.read_only = true;
  Ledger ledger = Ledger::open(dir.path(), options);
  CHECK(ledger.verify().ok);
  CHECK(error_kind_of([&] { ledger.append(enrol_request(1)); }) == ErrorKind::kUnauthorized);
}

TEST_CASE("entries decode only from their canonical bytes") {
  Entry entry = enrolment(3, "someone", test_key("k", 3));
  entry.request_id = request_id(3);
  const Bytes bytes = encode_entry(entry);
  const Entry decoded = decode_entry(bytes);
  CHECK(encode_entry(decoded) == bytes);
  Bytes truncated(bytes.begin(), bytes.end() - 8);
  CHECK(error_kind_of([&] { decode_entry(truncated); }) == ErrorKind::kIntegrityError);
  Bytes odd(bytes.begin(), bytes.end() - 3);
  CHECK(error_kind_of([&] { decode_entry(odd); }) == ErrorKind::kIntegrityError);
  Bytes padded = bytes;
  padded.insert(padded.end(), 8, 0);  // trailing garbage word: not canonical
  CHECK(error_kind_of([&] { decode_entry(padded); }) == ErrorKind::kIntegrityError);
  CHECK(error_kind_of([&] { decode_entry({}); }) == ErrorKind::kIntegrityError);
}

TEST_CASE("verify against a trusted key catches a register re-made under another key") {
  ScratchDir dir;
  const Signer real = test_key(kCounty.origin, 9);
  const Signer forger = test_key(kCounty.origin, 66);
  Ledger forged = Ledger::create(dir.path(), kCounty, forger, test_options());
  forged.append(enrol_request(1, forger));
  forged.checkpoint(forger);
  CHECK(forged.verify().ok);  // self-consistent...
  const VerifyReport report = forged.verify({}, &real.verifier());
  CHECK_FALSE(report.ok);  // ...but not the county's log
  CHECK(report.first_bad_sequence == 0);
  CHECK_THAT(report.problem, Catch::Contains("trusted key"));
  ScratchDir other;
  Ledger genuine = Ledger::create(other.path(), kCounty, real, test_options());
  CHECK(genuine.verify({}, &real.verifier()).ok);
}

TEST_CASE("entries stamped in place are canonical even when every other word is zero") {
  // A clock stuck at 0: entry 0 then has effective day 0, actor 0 and body kind 0, so its
  // canonical data section is as short as it gets; recorded times are lifted to 1.
  ScratchDir dir;
  LedgerOptions options;
  options.clock_micros = [] { return std::int64_t{0}; };
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), options);
  Entry entry = enrolment(1, "zero", test_key("z", 1));
  entry.effective = Date::parse("1970-01-01");
  entry.actor = 0;
  ledger.append(signed_by({request_id(1), {entry}}, county_key()));
  for (std::uint64_t seq = 0; seq < ledger.size(); ++seq) {
    const Bytes stored = ledger.entry_bytes(seq);
    const Entry decoded = decode_entry(stored);  // refuses anything not canonical
    CHECK(decoded.sequence == seq);
    CHECK(decoded.recorded_micros == 1);
    CHECK(encode_entry(decoded) == stored);
  }
  CHECK(ledger.entry(0).effective.days() == 0);
  CHECK(ledger.verify().ok);
}

TEST_CASE("verify_deep rebuilds the views by replay and reports a corrupted one") {
  ScratchDir dir;
  {
    Ledger ledger =
        Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), test_options());
    std::vector<AppendRequest> batch;
    for (std::uint64_t actor = 1; actor <= 50; ++actor) batch.push_back(enrol_request(actor));
    ledger.append_batch(batch);
    AppendRequest two_entries{
        request_id(500),
        {enrolment(51, "a", test_key("a", 51)), enrolment(52, "b", test_key("b", 52))}};
    ledger.append(signed_by(two_entries, county_key()));
    const VerifyReport report = ledger.verify_deep();
    CHECK(report.ok);
    // 52 actors and the register's own key; 52 requests (one has two entries)
    CHECK(report.view_records_compared == 53 + 52);
  }
  // Change actor 7's key in the actors view, as a bug or an intruder might.
  const std::uint8_t id[8] = {0, 0, 0, 0, 0, 0, 0, 7};
  raw_put(dir.path(), "actors", id, test_key("x", 99).verifier().public_key());

  Ledger ledger = Ledger::open(dir.path(), test_options());
  CHECK(ledger.verify().ok);  // the log itself is intact
  const VerifyReport deep = ledger.verify_deep();
  CHECK_FALSE(deep.ok);
  CHECK_THAT(deep.problem, Catch::Contains("actors") && Catch::Contains("0000000000000007"));
}

TEST_CASE("a fold's appends land in key order even when a key is not past the last") {
  // A fold that appends every enrolled actor's id to a table, in the order they come.
  struct Marks final : Fold {
    std::vector<std::string> tables() const override { return {"marks"}; }
    void apply(ViewStore& views, const Entry& entry, const EntryStamp&) const override {
      if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&entry.body)) {
        std::uint8_t key[8];
        for (int i = 0; i < 8; ++i)
          key[i] = static_cast<std::uint8_t>(enrolled->actor >> (56 - 8 * i));
        const std::uint8_t value[1] = {static_cast<std::uint8_t>(enrolled->actor)};
        views.append("marks", ByteView(key, 8), ByteView(value, 1));
      }
    }
  };
  ScratchDir dir;
  LedgerOptions options = test_options();
  options.fold = std::make_shared<Marks>();
  Ledger ledger = Ledger::create(dir.path() + "/reg", kCounty, county_key(), options);
  for (const std::uint64_t actor : {5u, 9u, 2u, 7u}) ledger.append(enrol_request(actor));
  std::vector<int> seen;
  ledger.read_views([&](const ViewStore& views) {
    views.scan("marks", {}, [&](ByteView, ByteView value) {
      seen.push_back(value[0]);
      return true;
    });
  });
  CHECK(seen == std::vector<int>{2, 5, 7, 9});
  CHECK(ledger.verify_deep().ok);
  // count() from LMDB's statistics equals a scan's, and the generic one agrees.
  ledger.read_views([&](const ViewStore& views) {
    CHECK(views.count("marks") == 4);
    CHECK(views.ViewStore::count("marks") == 4);
  });
}

TEST_CASE("pooled read transactions see every commit, the map growing, and another process's") {
  ScratchDir dir;
  LedgerOptions options = test_options();
  options.map_size_bytes = 256 * 1024;
  options.durable = false;
  Ledger ledger = Ledger::create(dir.path(), kCounty, test_key(kCounty.origin, 9), options);
  // Reads leave their (reset) transactions in the pool; each later read renews one and must see
  // the latest commit, never the snapshot it had before.
  for (std::uint64_t actor = 1; actor <= 5; ++actor) {
    ledger.append(enrol_request(actor));
    CHECK(ledger.size() == actor + 1);
    CHECK(ledger.actor_key(actor).text().find("actor-" + std::to_string(actor)) == 0);
  }
  // This process grows the map under its pooled readers.
  std::vector<AppendRequest> batch;
  for (std::uint64_t actor = 6; actor <= 2000; ++actor) batch.push_back(enrol_request(actor));
  ledger.append_batch(batch);
  CHECK(ledger.size() == 2001);
  CHECK(ledger.verify().ok);
  // Another process grows it further: a pooled reader renewed here meets MDB_MAP_RESIZED and
  // must adopt the new size rather than fail.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int code = 1;
    try {
      LedgerOptions child_options = test_options();
      child_options.map_size_bytes = 256 * 1024;
      child_options.durable = false;
      Ledger writer = Ledger::open(dir.path(), child_options);
      std::vector<AppendRequest> more;
      for (std::uint64_t actor = 2001; actor <= 12'000; ++actor)
        more.push_back(enrol_request(actor));
      writer.append_batch(more);
      code = writer.size() == 12'001 ? 0 : 2;
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(ledger.size() == 12'001);
  CHECK(ledger.actor_key(11'999).text().find("actor-11999") == 0);
  CHECK(ledger.verify().ok);
}

TEST_CASE("request ids drawn after fork differ between parent and child") {
  (void)random_request_id();  // fills this thread's pool of random bytes
  int pipe_ends[2];
  REQUIRE(::pipe(pipe_ends) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const RequestId id = random_request_id();
    const bool written =
        ::write(pipe_ends[1], id.data(), id.size()) == static_cast<ssize_t>(id.size());
    ::_exit(written ? 0 : 1);
  }
  const RequestId mine = random_request_id();
  RequestId theirs{};
  REQUIRE(::read(pipe_ends[0], theirs.data(), theirs.size()) ==
          static_cast<ssize_t>(theirs.size()));
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  ::close(pipe_ends[0]);
  ::close(pipe_ends[1]);
  // The random halves: equal only if the child reused the parent's pool.
  CHECK_FALSE(std::equal(mine.begin() + 8, mine.end(), theirs.begin() + 8));
}

namespace {

// Appends `entry` to the register in `dir` as an operator with write access to its files
// could: straight into LMDB, with the log, tree, root, size and request index all made
// consistent, so every hash and the Merkle root check out.
void forge_append(const std::string& dir, Entry entry, std::int64_t recorded_delta = 1) {
  std::uint64_t size = 0;
  merkle::Frontier frontier;
  std::int64_t last = 0;
  {
    LedgerOptions options;
    options.read_only = true;
    const Ledger ledger = Ledger::open(dir, options);
    size = ledger.size();
    frontier = ledger.frontier();
    last = ledger.entry(size - 1).recorded_micros;
  }
  entry.sequence = size;
  entry.recorded_micros = last + recorded_delta;
  const Bytes bytes = encode_entry(entry);
  Bytes record;
  frontier.append(merkle::leaf_hash(bytes), [&](const merkle::Frontier::Completed& node) {
    record.insert(record.end(), node.hash.begin(), node.hash.end());
  });
  std::uint8_t key[8], next[8], first_and_count[12] = {};
  for (int i = 0; i < 8; ++i) {
    key[i] = static_cast<std::uint8_t>(size >> (56 - 8 * i));
    next[i] = static_cast<std::uint8_t>((size + 1) >> (56 - 8 * i));
    first_and_count[i] = key[i];
  }
  first_and_count[11] = 1;
  raw_put(dir, "log", key, bytes);
  raw_put(dir, "tree", key, record);
  raw_put(dir, "meta", as_bytes("tree_size"), next);
  const Hash root = frontier.root();
  raw_put(dir, "meta", as_bytes("root"), root);
  raw_put(dir, "requests", entry.request_id, ByteView(first_and_count, 12));
}

// A county register with a village committee (actor 2), closed again.
std::string county_register(const ScratchDir& dir) {
  const std::string path = dir.path() + "/reg";
  LedgerOptions options;
  options.durable = false;
  Registry reg =
      Registry::create(path, kCounty, county_key(), actor_key(1).verifier().public_key(), options);
  const Date day = Date::parse("2026-01-05");
  std::vector<RegistryRequest> places;
  for (const char* code : {kCounty.county_code.c_str(), kTownA, kVillageA1}) {
    places.push_back({{1, day, {}}, DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
  }
  places.front().context.signer = &actor_key(1);
  reg.submit(places);
  reg.submit({{1, day, {}, &actor_key(1)},
              ActorKeyEnrolled{2, "A1 director", Role::kVillageCommittee, kVillageA1,
                               actor_key(2).verifier().public_key()}});
  reg.ledger().checkpoint(county_key());
  return path;
}

Entry village_act(const std::string& name) {
  Entry entry;
  entry.effective = Date::parse("2026-02-01");
  entry.actor = 2;
  entry.request_id = random_request_id();
  PartyRegistered party;
  party.kind = PartyKind::kEnterprise;
  party.name = name;
  party.division = kVillageA1;
  party.credit_code = credit_code(7);
  entry.body = party;
  return entry;
}

}  // namespace

TEST_CASE("an operator who edits the files to add an official's act fails verify, named") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  const std::uint64_t forged_at = [&] {
    LedgerOptions options;
    options.read_only = true;
    return Ledger::open(path, options).size();
  }();
  SECTION("an act in a village official's name, signed with a key the operator made") {
    Entry act = village_act("冒名公司");
    const Signer operators_key = test_key("actor-2", 99);
    act.signature = operators_key.sign_record(
        request_message(county_key().verifier().text(), 2, act.request_id, std::span(&act, 1)));
    forge_append(path, act);
  }
  SECTION("an act with no signature at all") { forge_append(path, village_act("无签名公司")); }
  SECTION("an official's genuine signature from another register") {
    Entry act = village_act("别处公司");
    act.signature = actor_key(2).sign_record(
        request_message("taizhang.example/520123", 2, act.request_id, std::span(&act, 1)));
    forge_append(path, act);
  }
  SECTION("an enrolment of the operator's own official, claimed as the registrar's") {
    Entry enrol;
    enrol.effective = Date::parse("2026-02-01");
    enrol.actor = 1;
    enrol.request_id = random_request_id();
    enrol.body = ActorKeyEnrolled{3, "假官员", Role::kCountyGovernment, kCounty.county_code,
                                  test_key("fake", 5).verifier().public_key()};
    enrol.signature = test_key("fake", 5).sign_record(
        request_message(county_key().verifier().text(), 1, enrol.request_id, std::span(&enrol, 1)));
    forge_append(path, enrol);
  }
  {
    // The county's signer will not sign a head with the forged act in it.
    Ledger writable = Ledger::open(path);
    const Error refused =
        error_of([&] { writable.checkpoint(county_key(), dir.file("county.key.signed")); });
    CHECK(refused.kind() == ErrorKind::kIntegrityError);
    CHECK_THAT(refused.what(), Catch::Contains("refusing to sign"));
  }
  LedgerOptions options;
  options.read_only = true;
  options.fold = register_fold();
  const Ledger ledger = Ledger::open(path, options);
  CHECK(ledger.size() == forged_at + 1);
  for (const bool deep : {false, true}) {
    const VerifyReport report = deep ? ledger.verify_deep({}, &county_key().verifier())
                                     : ledger.verify({}, &county_key().verifier());
    CHECK_FALSE(report.ok);
    CHECK(report.first_bad_sequence == forged_at);
    CHECK_THAT(report.problem, Catch::Contains("entry " + std::to_string(forged_at)) &&
                                   (Catch::Contains("signature") || Catch::Contains("not signed")));
  }
}

TEST_CASE("a county register opened with the bare Ledger reads and verifies but adds nothing") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  Ledger bare = Ledger::open(path);
  CHECK(bare.verify().ok);
  const std::uint64_t size = bare.size();
  Entry act = village_act("绕过规则公司");
  AppendRequest request{act.request_id, {act}};
  request.entries.back().signature = actor_key(2).sign_record(
      request_message(county_key().verifier().text(), 2, request.request_id, request.entries));
  const Error refused = error_of([&] { bare.append(request); });
  CHECK(refused.kind() == ErrorKind::kUnauthorized);
  CHECK_THAT(refused.what(), Catch::Contains("Registry"));
  CHECK(error_kind_of([&] { bare.append_batch(std::span(&request, 1)); }) ==
        ErrorKind::kUnauthorized);
  CHECK(bare.size() == size);
  CHECK_NOTHROW(bare.checkpoint(county_key()));  // signing the head adds no entry
  // Through the Registry the same signed act is judged by the register's rules and lands.
  Registry reg = Registry::open(path);
  RegistryRequest through{
      {2, act.effective, act.request_id}, std::get<PartyRegistered>(act.body), {}};
  through.context.signature = request.entries.back().signature;
  CHECK(reg.submit(through) == size);
  CHECK(reg.ledger().verify_deep().ok);
}

TEST_CASE("an edited view record fails plain verify against the checkpoint, naming the table") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  std::uint64_t asset = 0;
  {
    Registry reg = Registry::open(path);
    PartyRegistered village;
    village.kind = PartyKind::kVillageCollective;
    village.name = "A1村股份经济合作社";
    village.division = kVillageA1;
    village.credit_code = credit_code(3);
    const Date day = Date::parse("2026-01-05");
    const std::uint64_t owner = reg.submit({{1, day, {}, &actor_key(1)}, village});
    AssetRegistered a;
    a.code = "XF-2021-0001";
    a.asset_class = AssetClass::kOperating;
    a.description.name = "蔬菜大棚";
    a.description.category = AssetCategory::kGreenhouse;
    a.description.division = kVillageA1;
    a.description.completed = Date::parse("2021-06-30");
    a.description.original = Money::parse_yuan("287000.00");
    a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
    a.owners = {{owner, Share::of(1, 1)}};
    asset = reg.submit({{1, day, {}, &actor_key(1)}, a});
    reg.ledger().checkpoint(county_key());
    const VerifyReport clean = reg.ledger().verify({}, &county_key().verifier());
    CHECK(clean.ok);
    CHECK(clean.views_checked);
    CHECK(clean.view_records_digested > 10);
  }
  // The operator edits the asset's record in its view table: one byte of the stored value.
  Bytes record;
  std::uint8_t key[8];
  for (int i = 0; i < 8; ++i) key[i] = static_cast<std::uint8_t>(asset >> (56 - 8 * i));
  {
    LedgerOptions options;
    options.read_only = true;
    options.fold = register_fold();
    const Ledger ledger = Ledger::open(path, options);
    ledger.read_views([&](const ViewStore& views) {
      const auto value = views.get("assets", ByteView(key, 8));
      REQUIRE(value);
      record.assign(value->begin(), value->end());
    });
  }
  record[record.size() / 2] ^= 0x01;
  raw_put(path, "assets", ByteView(key, 8), record);
  LedgerOptions options;
  options.read_only = true;
  const Ledger ledger = Ledger::open(path, options);
  const VerifyReport report = ledger.verify({}, &county_key().verifier());
  CHECK_FALSE(report.ok);
  CHECK_THAT(report.problem, Catch::Contains("table \"assets\" was changed"));
  // Entries appended after the last checkpoint leave the views unchecked, and say so.
  ScratchDir other;
  Registry fresh = Registry::open(county_register(other));
  fresh.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                DivisionDefined{"520122101202", "A2村", Date::parse("2000-01-01"), Date()}});
  const VerifyReport unchecked = fresh.ledger().verify();
  CHECK(unchecked.ok);
  CHECK_FALSE(unchecked.views_checked);
}

TEST_CASE("a restored older copy or a fork fails verify_since, and the signer will not sign it") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  const std::string state = dir.file("county.key.signed");
  const std::string older = dir.path() + "/older";
  std::string published;
  {
    Registry reg = Registry::open(path);
    const std::string first = reg.ledger().checkpoint(county_key(), state);
    std::filesystem::copy(path, older);  // the copy the operator keeps
    reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                DivisionDefined{"520122101202", "A2村", Date::parse("2000-01-01"), Date()}});
    published = reg.ledger().checkpoint(county_key(), state);  // the county publishes this
    const std::string notes[] = {first, published};
    CHECK(reg.ledger().verify_since(notes, &county_key().verifier()).ok);
  }
  const std::string notes[] = {published};
  {
    // The older copy, restored: it verifies on its own, but not against what was published.
    const Ledger restored = Ledger::open(older);
    CHECK(restored.verify({}, &county_key().verifier()).ok);
    const VerifyReport since = restored.verify_since(notes, &county_key().verifier());
    CHECK_FALSE(since.ok);
    CHECK_THAT(since.problem, Catch::Contains("older copy"));
  }
  {
    // A fork: the older copy grows other entries, as many as the published one holds.
    Registry fork = Registry::open(older);
    fork.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                 DivisionDefined{"520122101203", "A3村", Date::parse("2000-01-01"), Date()}});
    CHECK(fork.ledger().verify().ok);
    const VerifyReport since = fork.ledger().verify_since(notes, &county_key().verifier());
    CHECK_FALSE(since.ok);
    CHECK_THAT(since.problem, Catch::Contains("does not extend"));
    // The county's signer remembers what it signed: it refuses to sign the fork's head.
    const Error refused = error_of([&] { fork.ledger().checkpoint(county_key(), state); });
    CHECK(refused.kind() == ErrorKind::kIntegrityError);
    CHECK_THAT(refused.what(), Catch::Contains("refusing to sign"));
    CHECK(read_file(state) == published);  // its record is unchanged
  }
}

TEST_CASE(
    "a signed request copied to the end of the log, or an entry recorded back in time, fails") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  LedgerOptions read;
  read.read_only = true;
  SECTION("a replayed request: the enrolment of actor 2 again, its genuine signature and all") {
    Entry copy = [&] {  // the last request: the enrolment
      const Ledger ledger = Ledger::open(path, read);
      return ledger.entry(ledger.size() - 1);
    }();
    REQUIRE(std::holds_alternative<ActorKeyEnrolled>(copy.body));
    REQUIRE_FALSE(copy.signature.empty());
    forge_append(path, copy);
    const VerifyReport report = Ledger::open(path, read).verify({}, &county_key().verifier());
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Catch::Contains("replayed"));
  }
  SECTION("an entry stamped before the one ahead of it (the notice rule would run on it)") {
    Entry act = village_act("倒填时间公司");
    act.signature = actor_key(2).sign_record(
        request_message(county_key().verifier().text(), 2, act.request_id, std::span(&act, 1)));
    forge_append(path, act, -3'600'000'000);
    const VerifyReport report = Ledger::open(path, read).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Catch::Contains("recorded before the entry ahead of it"));
  }
}

// --- the ledger's refusals in Chinese, for county staff (Error::chinese) ---------------------

namespace {

// The Chinese text of the refusal `f` throws; the English stays what the tests above check.
template <typename F>
std::string zh(F&& f) {
  const Error error = error_of(std::forward<F>(f));
  INFO(error.what());
  CHECK_FALSE(error.chinese().empty());
  return error.chinese();
}

// `request` signed by `key` as its actor's key in the test county's register (signed_by() is
// for the county's own key: it names the register by the signing key).
AppendRequest signed_as(AppendRequest request, const Signer& key) {
  request.entries.back().signature.clear();
  request.entries.back().signature =
      key.sign_record(request_message(county_key().verifier().text(), request.entries.front().actor,
                                      request.request_id, request.entries));
  return request;
}

// An entry by `actor` with `body`, effective on the last day of 2025.
Entry act_of(std::uint64_t actor, Body body) {
  Entry entry;
  entry.effective = Date::parse("2025-12-31");
  entry.actor = actor;
  entry.body = std::move(body);
  return entry;
}

}  // namespace

TEST_CASE("Chinese: unsigned, forged and doubled signatures name the actor and the request") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
  ledger.append(enrol_request(1));

  // The request's own signature: none, and one by a key the actor never enrolled.
  AppendRequest unsigned_request = enrol_request(2);
  unsigned_request.entries.back().signature.clear();
  std::string text = zh([&] { ledger.append(unsigned_request); });
  CHECK_THAT(text, Catch::Contains("请求 " + to_hex(request_id(2))));
  CHECK_THAT(text, Catch::Contains("人员 0（登记簿的县级密钥）提交的请求没有签名"));
  const AppendRequest by_stranger =
      signed_as({request_id(3), {act_of(1, ActorKeyRevoked{1, "离职"})}}, test_key("actor-1", 77));
  text = zh([&] { ledger.append(by_stranger); });
  CHECK_THAT(text, Catch::Contains("请求的签名与人员 1 在本登记簿登记的密钥不符"));
  // The ledger asked to sign with a key that is not the one enrolled.
  AppendRequest sign_here{request_id(4), {act_of(1, ActorKeyRevoked{1, "离职"})}};
  const Signer wrong = test_key("actor-1", 78);
  sign_here.sign_with = &wrong;
  text = zh([&] { ledger.append(sign_here); });
  CHECK_THAT(text, Catch::Contains("用来签名的密钥不是人员 1 登记的密钥"));

  // Approvals: doubled, by an actor never enrolled, forged.
  AppendRequest request = enrol_request(5);
  request.entries[0].request_id = request.request_id;
  const Bytes message = approval_message(county_key().verifier().text(), request.entries[0]);
  auto with = [&](std::vector<Approval> approvals) {
    request.entries[0].approvals = std::move(approvals);
    return signed_by(request, county_key());
  };
  const Bytes good = test_key("actor-1", 1).sign_record(message);
  const std::uint64_t next = ledger.size();
  text = zh([&] { ledger.append(with({{1, good}, {1, good}})); });
  CHECK_THAT(text, Catch::Contains("第 " + std::to_string(next) +
                                   " 条记录：人员 1 在审批签名中"
                                   "签了两次"));
  text = zh([&] { ledger.append(with({{3, good}})); });
  CHECK_THAT(text, Catch::Contains("审批签名人（人员 3）没有登记密钥"));
  text = zh([&] { ledger.append(with({{1, test_key("actor-1", 77).sign_record(message)}})); });
  CHECK_THAT(text, Catch::Contains("人员 1 的审批签名与其在本登记簿登记的密钥不符"));
}

TEST_CASE("Chinese: enrolments, rotations and revocations refused by who may make them") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
  for (const std::uint64_t actor : {1u, 2u, 3u}) ledger.append(enrol_request(actor));
  const Signer& by_county = county_key();
  const Signer one = test_key("actor-1", 1);

  // Actor 1 is a village committee: it enrols nobody, and changes only its own key.
  std::string text = zh([&] {
    ledger.append(signed_as(
        {request_id(10), {act_of(1, enrolment(9, "x", test_key("actor-9", 9)).body)}}, one));
  });
  CHECK_THAT(text, Catch::Contains("人员 1 不是县级登记员，不能登记人员 9"));
  text = zh([&] {
    ledger.append(
        signed_as({request_id(11),
                   {act_of(1, ActorKeyRotated{2, test_key("actor-2", 50).verifier().public_key(),
                                              KeyAlgorithm::kEd25519, "换新手机"})}},
                  one));
  });
  CHECK_THAT(text, Catch::Contains("人员 1 不能更换人员 2 的密钥：只有县级登记员或本人可以"));
  text = zh([&] {
    ledger.append(signed_as({request_id(12), {act_of(1, ActorKeyRevoked{3, "调离"})}}, one));
  });
  CHECK_THAT(text, Catch::Contains("人员 1 不能吊销人员 3 的密钥"));
  text = zh([&] {
    ledger.append(signed_by({request_id(13), {act_of(0, ActorKeyRevoked{77, "调离"})}}, by_county));
  });
  CHECK_THAT(text, Catch::Contains("没有登记过这个编号的经办人员（actor：“77”）"));
  // Enrolled twice.
  text = zh([&] {
    AppendRequest again = enrol_request(2);
    again.request_id = request_id(14);
    ledger.append(signed_by(again, by_county));
  });
  CHECK_THAT(text, Catch::Contains("人员 2 已登记过，不能重复登记"));

  // Actor 3's key revoked: revoked again, then its own request.
  ledger.append(signed_by({request_id(15), {act_of(0, ActorKeyRevoked{3, "调离"})}}, by_county));
  text = zh([&] {
    ledger.append(signed_by({request_id(16), {act_of(0, ActorKeyRevoked{3, "调离"})}}, by_county));
  });
  CHECK_THAT(text, Catch::Contains("人员 3 的密钥已经吊销，无须再吊销"));
  text = zh([&] {
    ledger.append(
        signed_as({request_id(17), {act_of(3, ActorKeyRevoked{3, "x"})}}, test_key("actor-3", 3)));
  });
  CHECK_THAT(text, Catch::Contains("请求 " + to_hex(request_id(17)) +
                                   "：人员 3 的密钥已吊销，不能再签名提交"));
  // Nobody of that number at all.
  text = zh([&] {
    ledger.append(
        signed_as({request_id(18), {act_of(40, ActorKeyRevoked{40, "x"})}}, test_key("a", 40)));
  });
  CHECK_THAT(text, Catch::Contains("人员 40 没有登记密钥"));
  CHECK(ledger.verify().ok);
}

TEST_CASE("Chinese: a request's shape, its id and its dates are refused in plain words") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
  ledger.append(enrol_request(1));

  AppendRequest empty{request_id(20), {}};
  std::string text = zh([&] { ledger.append(empty); });
  CHECK_THAT(text, Catch::Contains("一项请求须含 1 至 100000 条记录（entries：“0”）"));
  AppendRequest zero = enrol_request(21);
  zero.request_id = RequestId{};
  text = zh([&] { ledger.append(zero); });
  CHECK_THAT(text, Catch::Contains("请求编号不能全为零"));
  AppendRequest two_actors{
      request_id(22), {enrolment(22, "a", test_key("a", 22)), act_of(1, ActorKeyRevoked{1, "x"})}};
  text = zh([&] { ledger.append(two_actors); });  // refused before its signature is looked for
  CHECK_THAT(text, Catch::Contains("由人员 0 提交：同一请求的每条记录都须由这位经办人员提交"));
  CHECK_THAT(text, Catch::Contains("（actor：“1”）"));
  AppendRequest early_signature{
      request_id(23),
      {enrolment(23, "a", test_key("a", 23)), enrolment(24, "b", test_key("b", 24))}};
  early_signature.entries[0].signature = Bytes{1, 2, 3};
  text = zh([&] { ledger.append(early_signature); });
  CHECK_THAT(text, Catch::Contains("只有请求的最后一条记录带签名"));

  // The same request id again with other content.
  AppendRequest changed = enrol_request(1);
  std::get<ActorKeyEnrolled>(changed.entries[0].body).name = "someone else";
  text = zh([&] { ledger.append(signed_by(changed, county_key())); });
  CHECK_THAT(text,
             Catch::Contains("请求编号 " + to_hex(request_id(1)) + " 已用于内容不同的另一项请求"));
  // An act dated after the day it is recorded (the clock reads 2026-01-01).
  AppendRequest future = enrol_request(25);
  future.entries[0].effective = Date::parse("2026-03-01");
  const std::uint64_t next = ledger.size();
  text = zh([&] { ledger.append(signed_by(future, county_key())); });
  CHECK_THAT(text, Catch::Contains("第 " + std::to_string(next) +
                                   " 条记录：生效日期 2026-03-01 晚于登记日期 2026-01-01"));
  CHECK(ledger.size() == next);
}

TEST_CASE("Chinese: opening, reading and writing a register are refused naming what is wrong") {
  ScratchDir dir;
  CHECK_THAT(zh([&] { Ledger::open(dir.file("nothing")); }),
             Catch::Contains("“" + dir.file("nothing") + "”中没有登记簿"));
  {
    Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
    ledger.append(enrol_request(1));
    CHECK_THAT(zh([&] { Ledger::create(dir.path(), kCounty, county_key()); }),
               Catch::Contains("“" + dir.path() + "”中已有登记簿，不能再新建"));
    CHECK_THAT(zh([&] { Ledger::create(dir.file("x"), kCounty, test_key("别的县", 9)); }),
               Catch::Contains("须与县级密钥的名称“别的县”相同"));
    CHECK_THAT(zh([&] { ledger.root_at(5); }),
               Catch::Contains("超出了登记簿现有的 2 条记录（size：“5”）"));
    CHECK_THAT(zh([&] { ledger.consistency_proof(1, 9); }),
               Catch::Contains("超出了登记簿现有的 2 条记录（size2：“9”）"));
    CHECK_THAT(zh([&] { ledger.inclusion_proof(3, 2); }),
               Catch::Contains("记录序号须小于树中的记录数 2（index：“3”）"));
    CHECK_THAT(zh([&] { ledger.consistency_proof(0, 2); }),
               Catch::Contains("须满足 0 < size1 ≤ size2（size2 为 2）"));
    CHECK_THAT(zh([&] { ledger.actor_key(99); }), Catch::Contains("人员 99 没有登记"));
    ledger.read_views([&](const ViewStore& views) {
      CHECK_THAT(zh([&] { views.get("parcels", {}); }),
                 Catch::Contains("本登记簿没有这个视图表（table：“parcels”）"));
    });
    CHECK_THAT(zh([&] { ledger.checkpoint(test_key(kCounty.origin, 10)); }),
               Catch::Contains("不是本登记簿的县级密钥“" + county_key().verifier().text() + "”"));
  }
  LedgerOptions read_only;
  read_only.read_only = true;
  Ledger reader = Ledger::open(dir.path(), read_only);
  CHECK_THAT(zh([&] { reader.append(enrol_request(2)); }),
             Catch::Contains("登记簿是以只读方式打开的，不能写入"));
  LedgerOptions no_lock = read_only;
  no_lock.read_only = false;
  no_lock.without_lock_file = true;
  CHECK_THAT(zh([&] { Ledger::open(dir.path(), no_lock); }),
             Catch::Contains("只有只读打开才能不用锁文件 lock.mdb"));

  // A format this build does not read.
  ScratchDir newer;
  { Ledger::create(newer.path(), kCounty, county_key(), test_options()); }
  const std::uint8_t version[8] = {0, 0, 0, 0, 0, 0, 0, kFormatVersion + 1};
  raw_put(newer.path(), "meta", as_bytes("format_version"), version);
  CHECK_THAT(zh([&] { Ledger::open(newer.path()); }),
             Catch::Contains("登记簿的格式版本 " + std::to_string(kFormatVersion + 1) +
                             " 不受支持（本程序读取版本 " + std::to_string(kFormatVersion) + "）"));
}

TEST_CASE("Chinese: a full map, a file cut short and a register gone under a verify") {
  SECTION("the map at its limit: nothing written") {
    ScratchDir dir;
    LedgerOptions options = test_options();
    options.map_size_bytes = 256 * 1024;
    options.map_size_max_bytes = 256 * 1024;
    options.durable = false;
    Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), options);
    std::vector<AppendRequest> batch;
    for (std::uint64_t actor = 1; actor <= 3000; ++actor) batch.push_back(enrol_request(actor));
    const std::string text = zh([&] { ledger.append_batch(batch); });
    CHECK_THAT(text, Catch::Contains("登记簿的映射空间已达上限 262144 字节（map_size_max_bytes）"));
    CHECK_THAT(text, Catch::Contains("未写入任何内容"));
    CHECK(ledger.size() == 1);
  }
  SECTION("the data file cut short") {
    ScratchDir dir;
    {
      Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
      std::vector<AppendRequest> batch;
      for (std::uint64_t actor = 1; actor <= 300; ++actor) batch.push_back(enrol_request(actor));
      ledger.append_batch(batch);
    }
    const std::string file = dir.file("data.mdb");
    const std::string bytes = read_file(file);
    write_file(file, bytes.substr(0, bytes.size() / 2));
    const std::string text = zh([&] { Ledger::open(dir.path()); });
    CHECK_THAT(text, Catch::Contains("台账数据文件“" + file + "”不完整：只有 " +
                                     std::to_string(bytes.size() / 2) + " 字节"));
    CHECK_THAT(text, Catch::Contains("请用备份恢复"));
  }
  SECTION("verify's child cannot open the register: its refusal comes back in Chinese") {
    ScratchDir dir;
    Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
    std::filesystem::rename(dir.file("data.mdb"), dir.file("moved.mdb"));
    const Error error = error_of([&] { ledger.verify(); });
    CHECK(error.kind() == ErrorKind::kNotFound);
    CHECK_THAT(error.what(), Catch::Contains("no register in"));
    CHECK_THAT(error.chinese(), Catch::Contains("“" + dir.path() + "”中没有登记簿"));
    std::filesystem::rename(dir.file("moved.mdb"), dir.file("data.mdb"));
  }
}

TEST_CASE("Chinese: checkpoints stored or signed only when they are this register's") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  {
    Ledger ledger = Ledger::open(path);
    const std::uint64_t size = ledger.size();
    std::string text = zh([&] {
      ledger.store_checkpoint(sign_checkpoint({kCounty.origin, 9, ledger.root()}, county_key()));
    });
    CHECK_THAT(
        text, Catch::Contains("检查点覆盖 9 条记录，而本登记簿有 " + std::to_string(size) + " 条"));
    text = zh([&] {
      ledger.store_checkpoint(
          sign_checkpoint({kCounty.origin, 2, ledger.root_at(3)}, county_key()));
    });
    CHECK_THAT(text, Catch::Contains("覆盖 2 条记录的检查点，其根散列与本登记簿前 2 条记录的不符"));
    // A county register written through the bare Ledger.
    Entry act = village_act("绕过规则公司");
    AppendRequest request{act.request_id, {act}};
    request.entries.back().signature = actor_key(2).sign_record(
        request_message(county_key().verifier().text(), 2, request.request_id, request.entries));
    text = zh([&] { ledger.append(request); });
    CHECK_THAT(text, Catch::Contains("请通过 Registry（登记簿）写入"));
  }
  // The signer refuses a head it cannot verify, and one that does not extend what it signed.
  const std::string state = dir.file("county.key.signed");
  const std::string older = dir.path() + "/older";
  {
    Registry reg = Registry::open(path);
    reg.ledger().checkpoint(county_key(), state);
    std::filesystem::copy(path, older);
    reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                DivisionDefined{"520122101202", "A2村", Date::parse("2000-01-01"), Date()}});
    reg.ledger().checkpoint(county_key(), state);
  }
  Registry fork = Registry::open(older);
  fork.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
               DivisionDefined{"520122101203", "A3村", Date::parse("2000-01-01"), Date()}});
  const std::string text = zh([&] { fork.ledger().checkpoint(county_key(), state); });
  CHECK_THAT(text, Catch::Contains("拒绝签署：本登记簿（" + std::to_string(fork.ledger().size()) +
                                   " 条记录）没有延续这把密钥先前签署的"));
  CHECK_THAT(text, Catch::Contains("可能是恢复了旧副本，或出现了分叉"));
  CHECK_THAT(text, Catch::Contains(state));
}

TEST_CASE("Chinese: verify's problems carry the refusal in Chinese before the English") {
  ScratchDir dir;
  const std::string path = county_register(dir);
  const std::uint64_t forged_at = [&] {
    LedgerOptions options;
    options.read_only = true;
    return Ledger::open(path, options).size();
  }();
  Entry act = village_act("冒名公司");
  act.signature = test_key("actor-2", 99)
                      .sign_record(request_message(county_key().verifier().text(), 2,
                                                   act.request_id, std::span(&act, 1)));
  forge_append(path, act);
  {
    Ledger writable = Ledger::open(path);
    const std::string text =
        zh([&] { writable.checkpoint(county_key(), dir.file("county.key.signed")); });
    CHECK_THAT(text, Catch::Contains("拒绝签署：用这把密钥核验登记簿没有通过：第 " +
                                     std::to_string(forged_at) + " 条记录未通过核验"));
  }
  LedgerOptions options;
  options.read_only = true;
  options.fold = register_fold();
  const Ledger ledger = Ledger::open(path, options);
  for (const bool deep : {false, true}) {
    const VerifyReport report = deep ? ledger.verify_deep({}, &county_key().verifier())
                                     : ledger.verify({}, &county_key().verifier());
    CHECK_FALSE(report.ok);
    const std::string entry = std::to_string(forged_at);
    CHECK_THAT(report.problem,
               Catch::Contains("第 " + entry +
                               " 条记录未通过核验：请求的签名与人员 2 在本登记簿登记的密钥不符"));
    CHECK_THAT(report.problem, Catch::Contains("(entry " + entry + ": Unauthorized: entry " +
                                               entry + ": the request's signature does not"));
  }
}

TEST_CASE("Chinese: the commit service's socket path, and a client with no service") {
  ScratchDir dir;
  Ledger ledger = Ledger::create(dir.path(), kCounty, county_key(), test_options());
  const std::string long_path = dir.path() + "/" + std::string(120, 's');
  CHECK_THAT(zh([&] { CommitService service(ledger, long_path); }),
             Catch::Contains("套接字路径须为 1 至 107 字节"));
  const std::string nobody = dir.file("nobody.sock");
  CHECK_THAT(zh([&] { CommitClient client(nobody); }),
             Catch::Contains("“" + nobody + "”上没有提交服务在运行"));
  const std::string socket = dir.file("commit.sock");
  CommitService service(ledger, socket);
  CHECK_THAT(zh([&] { CommitService second(ledger, socket); }),
             Catch::Contains("“" + socket + "”上已有另一个提交服务在运行"));
}

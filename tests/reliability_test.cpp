// Survival (docs/reliability.md): a writer killed with SIGKILL at random moments loses no
// acknowledged batch and leaves no partial one; a register file truncated or with a bit flipped
// either opens and verifies with exactly its content, or is refused with IntegrityError or
// StorageError, and never crashes the reader.
#include <lmdb.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "taizhang/error.h"
#include "taizhang/merkle.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

constexpr int kAssetsPerBatch = 7;

std::string code_of(int batch, int item) {
  return "XF-" + std::to_string(batch) + "-" + std::to_string(item);
}

// A small county register: divisions and one village collective.
void create_county(const std::string& dir, bool durable) {
  LedgerOptions options;
  options.durable = durable;
  Registry reg = Registry::create(dir, kCounty, test_key(kCounty.origin, 1),
                                  actor_key(1).verifier().public_key(), options);
  for (const char* code : {kCounty.county_code.c_str(), kTownA, kVillageA1}) {
    reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
  }
  PartyRegistered village;
  village.kind = PartyKind::kVillageCollective;
  village.name = "A1村";
  village.division = kVillageA1;
  village.credit_code = credit_code(1);
  reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)}, village});
}

std::vector<RegistryRequest> batch_of(int batch) {
  std::vector<RegistryRequest> requests;
  for (int i = 0; i < kAssetsPerBatch; ++i) {
    AssetRegistered a;
    a.code = code_of(batch, i);
    a.asset_class = AssetClass::kPublicWelfare;
    a.description.name = "通组路";
    a.description.category = AssetCategory::kStructure;
    a.description.division = kVillageA1;
    a.description.completed = Date::parse("2021-06-30");
    a.description.original = Money::from_fen(100'000 + batch);
    a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
    requests.push_back(
        {{1, Date::parse("2026-02-01"), random_request_id(), &actor_key(1)}, std::move(a)});
  }
  return requests;
}

// The child: writes batches for ever, acknowledging each on `ack` after it returns.
[[noreturn]] void write_until_killed(const std::string& dir, int ack, int first_batch) {
  try {
    Registry reg = Registry::open(dir);
    for (int batch = first_batch;; ++batch) {
      reg.submit(batch_of(batch));
      const std::int32_t done = batch;
      if (::write(ack, &done, sizeof done) != sizeof done) ::_exit(3);
    }
  } catch (...) {
    ::_exit(2);
  }
}

// Runs `check` in a child process; true if it exited 0 (a crash or a failed check is false).
template <typename Check>
bool in_child(Check&& check) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 1;
    try {
      code = check() ? 0 : 1;
    } catch (...) {
      code = 1;
    }
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("a writer killed at random moments loses no acknowledged batch, leaves no partial one") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, true);
  std::mt19937 random(2026);
  int next_batch = 0;
  std::vector<int> acknowledged;
  constexpr int kRuns = 100;
  for (int run = 0; run < kRuns; ++run) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const int first = next_batch;
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(pipe_fds[0]);
      write_until_killed(dir, pipe_fds[1], first);
    }
    ::close(pipe_fds[1]);
    // Kill it somewhere between opening and a few dozen commits in.
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 60'000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    std::int32_t done = 0;
    int last = first - 1;
    while (::read(pipe_fds[0], &done, sizeof done) == sizeof done) {
      acknowledged.push_back(done);
      last = done;
    }
    ::close(pipe_fds[0]);
    // The next child starts after whatever the killed one may have committed unacknowledged.
    next_batch = last + 2;

    Registry reg = Registry::open(dir);
    const VerifyReport report = reg.ledger().verify();
    REQUIRE(report.ok);
    // Acknowledged batches are there; every batch is whole or absent.
    for (int batch = first; batch <= last + 1; ++batch) {
      int present = 0;
      for (int i = 0; i < kAssetsPerBatch; ++i) {
        present += reg.find_asset_by_code(code_of(batch, i)).has_value() ? 1 : 0;
      }
      INFO("run " << run << ", batch " << batch);
      CHECK((present == 0 || present == kAssetsPerBatch));
      if (batch <= last) CHECK(present == kAssetsPerBatch);
    }
  }
  Registry reg = Registry::open(dir);
  CHECK(reg.ledger().verify_deep().ok);
  CHECK(acknowledged.size() > 0);  // the children got to write at all
  for (int batch : acknowledged) CHECK(reg.find_asset_by_code(code_of(batch, 0)));
}

TEST_CASE("a truncated or bit-flipped register opens and verifies exactly, or is refused") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  {
    Registry reg = Registry::open(dir);
    for (int batch = 0; batch < 30; ++batch) reg.submit(batch_of(batch));
    reg.ledger().checkpoint(test_key(kCounty.origin, 1));
  }
  Hash root;
  std::uint64_t size = 0;
  std::size_t assets = 0;
  {
    Registry reg = Registry::open(dir);
    root = reg.ledger().root();
    size = reg.ledger().size();
    assets = reg.assets().size();
  }
  const std::string original = read_file(dir + "/data.mdb");
  const std::string damaged = scratch.file("damaged");
  std::mt19937_64 random(77);

  // The reader's answer: opened and deep-verified with exactly the original content, or refused
  // with one of the two kinds. Anything else (a crash, a wrong answer) fails.
  auto opens_exactly_or_refuses = [&](const std::string& bytes) {
    std::filesystem::remove_all(damaged);
    std::filesystem::create_directories(damaged);
    write_file(damaged + "/data.mdb", bytes);
    return in_child([&] {
      try {
        Registry reg = Registry::open(damaged);
        const VerifyReport report = reg.ledger().verify_deep();
        if (!report.ok) return true;  // refused, naming what is wrong
        return reg.ledger().root() == root && reg.ledger().size() == size &&
               reg.assets().size() == assets;
      } catch (const Error& error) {
        return error.kind() == ErrorKind::kIntegrityError ||
               error.kind() == ErrorKind::kStorageError;
      }
    });
  };

  for (int i = 0; i < 25; ++i) {
    const std::size_t length = random() % original.size();
    INFO("truncated to " << length << " of " << original.size() << " bytes");
    CHECK(opens_exactly_or_refuses(original.substr(0, length)));
  }
  for (int i = 0; i < 100; ++i) {
    std::string flipped = original;
    const std::size_t at = random() % flipped.size();
    const int bit = static_cast<int>(random() % 8);
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << bit));
    INFO("bit " << bit << " of byte " << at);
    CHECK(opens_exactly_or_refuses(flipped));
  }
}

TEST_CASE(
    "readers in other processes see consistent prefixes while a writer works, and crashed "
    "readers do not exhaust the reader table") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  // Readers: each reads a size and the root of that many entries, and recomputes that root from
  // the entries it reads; the two must agree, and later with the writer's final tree.
  constexpr int kReaders = 3;
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  std::vector<pid_t> readers;
  for (int r = 0; r < kReaders; ++r) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(pipe_fds[0]);
      int code = 0;
      try {
        LedgerOptions options;
        options.read_only = true;
        const Ledger ledger = Ledger::open(dir, options);
        for (int i = 0; i < 40; ++i) {
          const std::uint64_t size = ledger.size();
          const Hash root = ledger.root_at(size);
          merkle::Frontier frontier;
          ledger.scan_entries(0, size, [&](std::uint64_t, ByteView bytes) {
            frontier.append(merkle::leaf_hash(bytes), [](const auto&) {});
            return true;
          });
          if (frontier.size() != size || frontier.root() != root) code = 1;
          struct {
            std::uint64_t size;
            Hash root;
          } seen{size, root};
          if (::write(pipe_fds[1], &seen, sizeof seen) != sizeof seen) code = 3;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      } catch (...) {
        code = 2;
      }
      ::_exit(code);
    }
    readers.push_back(pid);
  }
  ::close(pipe_fds[1]);
  {
    Registry writer = Registry::open(dir);
    for (int batch = 0; batch < 60; ++batch) writer.submit(batch_of(batch));
  }
  for (const pid_t pid : readers) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  LedgerOptions options;
  options.read_only = true;
  const Ledger ledger = Ledger::open(dir, options);
  struct {
    std::uint64_t size;
    Hash root;
  } seen;
  std::set<std::uint64_t> sizes;
  while (::read(pipe_fds[0], &seen, sizeof seen) == sizeof seen) {
    sizes.insert(seen.size);
    CHECK(ledger.root_at(seen.size) == seen.root);  // a prefix of the final log
  }
  ::close(pipe_fds[0]);
  CHECK(sizes.size() > 1);  // the readers saw the log grow

  // Readers killed inside a read transaction, more of them than the reader table has slots
  // (126): every new open clears the dead ones' slots.
  for (int i = 0; i < 150; ++i) {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(ready[0]);
      try {
        LedgerOptions read;
        read.read_only = true;
        const Ledger reader = Ledger::open(dir, read);
        reader.read_views([&](const ViewStore&) {
          const char byte = 1;
          if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
          ::pause();  // holds its reader slot until killed
        });
      } catch (...) {
        ::_exit(2);
      }
      ::_exit(0);
    }
    ::close(ready[1]);
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    ::close(ready[0]);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  Registry writer = Registry::open(dir);
  writer.submit(batch_of(1000));
  LedgerOptions read;
  read.read_only = true;
  CHECK(Ledger::open(dir, read).verify().ok);
}

TEST_CASE(
    "single submissions from many threads share transactions; each refusal reaches its "
    "own caller") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  LedgerOptions options;
  options.durable = false;
  // A slow clock (2 ms a reading, inside the write transaction) stands in for a slow disk: it
  // holds each leader in its transaction while the other threads queue behind it.
  std::atomic<int> readings{0};
  std::atomic<bool> slow{false};
  options.clock_micros = [&readings, &slow] {
    if (slow) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return std::int64_t{1'800'000'000'000'000} + readings.fetch_add(1);
  };
  Registry reg = Registry::open(dir, options);
  reg.submit(batch_of(9999).front());  // "XF-9999-0", which the threads' duplicates repeat
  slow = true;
  const std::uint64_t before = reg.ledger().write_transactions();
  constexpr int kThreads = 8, kEach = 40;
  std::vector<int> refused(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        RegistryRequest request = batch_of(t * 1000 + i).front();
        auto& asset = std::get<AssetRegistered>(request.write);
        if (i % 10 == 3) asset.code = "XF-9999-0";           // taken: Conflict
        if (i % 10 == 7) asset.description.funding.clear();  // unfunded: RuleViolation
        try {
          reg.submit(request);
        } catch (const Error& error) {
          const bool expected = (i % 10 == 3 && error.kind() == ErrorKind::kConflict) ||
                                (i % 10 == 7 && error.kind() == ErrorKind::kRuleViolation);
          refused[t] += expected ? 1 : 1000;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::uint64_t transactions = reg.ledger().write_transactions() - before;
  const int landed = kThreads * (kEach - kEach / 10 * 2);
  for (int t = 0; t < kThreads; ++t) {
    CHECK(refused[t] == kEach / 10 * 2);
    for (int i = 0; i < kEach; ++i) {
      const bool good = i % 10 != 3 && i % 10 != 7;
      CHECK(reg.find_asset_by_code(code_of(t * 1000 + i, 0)).has_value() == good);
    }
  }
  CHECK(transactions * 2 < static_cast<std::uint64_t>(landed));  // shared transactions
  CHECK(reg.ledger().verify_deep().ok);
}

namespace {

// A register of 30 batches with a checkpoint at its head.
std::string made_register(const ScratchDir& scratch) {
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  Registry reg = Registry::open(dir);
  for (int batch = 0; batch < 30; ++batch) reg.submit(batch_of(batch));
  reg.ledger().checkpoint(test_key(kCounty.origin, 1));
  return dir;
}

constexpr std::size_t kPage = 4096;

// `original` with `count` bytes of page `page` changed, chosen and drawn from `seed`: damage
// LMDB's page checks do not see (the page keeps its number and flags), so that it follows what
// the page says.
std::string with_bytes_flipped(const std::string& original, std::size_t page, unsigned seed,
                               int count) {
  std::string damaged = original;
  std::mt19937 random(seed);
  for (int i = 0; i < count; ++i) {
    const std::size_t at = page * kPage + 16 + random() % (kPage - 16);
    if (at < damaged.size()) damaged[at] = static_cast<char>(damaged[at] ^ (1 + random() % 255));
  }
  return damaged;
}

// `original` with page `page` overwritten by bytes drawn from `seed`.
std::string with_garbage_page(const std::string& original, std::size_t page, unsigned seed) {
  std::string damaged = original;
  std::mt19937 random(seed);
  for (std::size_t i = page * kPage; i < (page + 1) * kPage && i < damaged.size(); ++i) {
    damaged[i] = static_cast<char>(random());
  }
  return damaged;
}

}  // namespace

TEST_CASE("a page of garbage in the middle of the file is reported by verify, not a crash") {
  ScratchDir scratch;
  const std::string dir = made_register(scratch);
  const std::string original = read_file(dir + "/data.mdb");
  const std::size_t pages = original.size() / kPage;
  REQUIRE(pages > 8);
  const std::string damaged = scratch.file("damaged");
  // Every page past the two meta pages, one at a time. The process that verifies is a child
  // of the test, so that a crash of the verifying process fails the test instead of ending it.
  int reported = 0;
  for (std::size_t page = 2; page < pages; ++page) {
    std::filesystem::remove_all(damaged);
    std::filesystem::create_directories(damaged);
    write_file(damaged + "/data.mdb", with_garbage_page(original, page, 1000 + page));
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const bool survived = in_child([&] {
      char verdict = 'o';  // opened and verified clean (the page was free)
      try {
        LedgerOptions options;
        options.read_only = true;
        const Ledger ledger = Ledger::open(damaged, options);
        const VerifyReport shallow = ledger.verify();
        const VerifyReport deep = ledger.verify_deep();
        if (!shallow.ok || !deep.ok) verdict = 'd';
        if (!deep.ok && deep.problem.empty()) verdict = 'x';  // damage must be named
      } catch (const Error& error) {
        // A damaged page is damage (IntegrityError), whichever LMDB code met it first.
        verdict = error.kind() == ErrorKind::kIntegrityError ? 'r' : 'x';
        if (verdict == 'x') std::fprintf(stderr, "page %zu: %s\n", page, error.what());
      }
      return ::write(pipe_fds[1], &verdict, 1) == 1 && verdict != 'x';
    });
    ::close(pipe_fds[1]);
    char verdict = '?';
    const bool told = ::read(pipe_fds[0], &verdict, 1) == 1;
    ::close(pipe_fds[0]);
    INFO("page " << page << " of " << pages << ": " << verdict);
    CHECK(survived);
    CHECK(told);
    if (verdict == 'd') ++reported;
  }
  CHECK(reported > 0);  // some pages held the log, and their damage was found
}

TEST_CASE("verify on the command line reports a damaged page with exit code 1, never a signal") {
  ScratchDir scratch;
  const std::string dir = made_register(scratch);
  const std::string original = read_file(dir + "/data.mdb");
  const std::size_t pages = original.size() / kPage;
  const std::string damaged = scratch.file("damaged");
  int damaged_reports = 0;
  for (std::size_t page = 2; page < pages; page += 3) {
    std::filesystem::remove_all(damaged);
    std::filesystem::create_directories(damaged);
    write_file(damaged + "/data.mdb", with_garbage_page(original, page, 2000 + page));
    for (const char* flags : {"", " --deep"}) {
      const std::string command = std::string(TAIZHANG_CLI_PATH) + " verify " + damaged + flags +
                                  " > " + scratch.file("out") + " 2>&1";
      const int status = std::system(command.c_str());
      INFO("page " << page << flags << ": " << read_file(scratch.file("out")));
      REQUIRE(WIFEXITED(status));
      const int code = WEXITSTATUS(status);
      // 0 (a free page), 1 (DAMAGED), or refused at open: 16, IntegrityError.
      CHECK((code == 0 || code == 1 || code == 16));
      if (code == 1) {
        ++damaged_reports;
        CHECK(read_file(scratch.file("out")).find("DAMAGED") != std::string::npos);
      }
    }
  }
  CHECK(damaged_reports > 0);
}

TEST_CASE(
    "reading a damaged page (report/audit/show/log) says the file is damaged and never crashes") {
  ScratchDir scratch;
  const std::string dir = made_register(scratch);
  const std::string original = read_file(dir + "/data.mdb");
  const std::size_t pages = original.size() / kPage;
  const std::string damaged = scratch.file("damaged");
  std::map<int, int> codes;  // exit code -> how many runs ended so
  // Every page past the two meta pages, twice: all of it garbage (which LMDB's page checks
  // see), and a few bytes changed (which they do not, so LMDB follows what the page says).
  for (std::size_t run = 0; run < 2 * (pages - 2); ++run) {
    const std::size_t page = 2 + run / 2;
    std::filesystem::remove_all(damaged);
    std::filesystem::create_directories(damaged);
    write_file(damaged + "/data.mdb", run % 2 == 0
                                          ? with_garbage_page(original, page, 3000 + page)
                                          : with_bytes_flipped(original, page, 4000 + page, 6));
    for (const auto& [command, options] :
         std::vector<std::pair<std::string, std::string>>{{"report", " --as-of 2026-06-30"},
                                                          {"audit", " --as-of 2026-06-30"},
                                                          {"log", ""},
                                                          {"history", " --asset 7"}}) {
      const std::string run = std::string(TAIZHANG_CLI_PATH) + " " + command + " " + damaged +
                              options + " > " + scratch.file("out") + " 2>&1";
      const int status = std::system(run.c_str());
      const std::string said = read_file(scratch.file("out"));
      INFO("page " << page << ", " << command << ": " << said);
      REQUIRE(WIFEXITED(status));
      const int code = WEXITSTATUS(status);
      ++codes[code];
      // 0 (the page was free, or held what this command does not read), IntegrityError (16),
      // out of memory for a length the damage made up (17, pointing to verify), or for history
      // the asset not found (12: the page held its record).
      CHECK((code == 0 || code == 16 || code == 17 || (code == 12 && command == "history")));
      if (code == 16 || code == 17) CHECK(said.find("损坏") != std::string::npos);
    }
  }
  for (const auto& [code, count] : codes) std::printf("exit %d: %d runs\n", code, count);
  CHECK(codes[16] > 0);  // some pages held what these commands read, and their damage was said
}

TEST_CASE("a register whose checkpoints were all deleted fails verify") {
  ScratchDir scratch;
  const std::string dir = made_register(scratch);
  {
    // Deleting the records as someone with the files could: every key of "checkpoints".
    MDB_env* env = nullptr;
    REQUIRE(mdb_env_create(&env) == 0);
    REQUIRE(mdb_env_set_maxdbs(env, 64) == 0);
    REQUIRE(mdb_env_open(env, dir.c_str(), 0, 0640) == 0);
    MDB_txn* txn = nullptr;
    REQUIRE(mdb_txn_begin(env, nullptr, 0, &txn) == 0);
    MDB_dbi dbi = 0;
    REQUIRE(mdb_dbi_open(txn, "checkpoints", 0, &dbi) == 0);
    REQUIRE(mdb_drop(txn, dbi, 0) == 0);
    REQUIRE(mdb_txn_commit(txn) == 0);
    mdb_env_close(env);
  }
  LedgerOptions options;
  options.read_only = true;
  const Ledger ledger = Ledger::open(dir, options);
  CHECK_FALSE(ledger.latest_checkpoint());
  const VerifyReport report = ledger.verify();
  CHECK_FALSE(report.ok);
  CHECK(report.problem.find("no checkpoint") != std::string::npos);
  CHECK_FALSE(ledger.verify_deep().ok);
  // prove has no checkpoint to prove against: a clear error, not a crash.
  const std::string out = scratch.file("out");
  const int status = std::system(
      (std::string(TAIZHANG_CLI_PATH) + " prove " + dir + " --seq 3 > " + out + " 2>&1").c_str());
  INFO(read_file(out));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 10 + static_cast<int>(ErrorKind::kNotFound));
  CHECK(read_file(out).find("checkpoint") != std::string::npos);
}

TEST_CASE("with lock.mdb deleted while the register is open, no other process opens it") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  // Writers in several processes are allowed: LMDB serialises them through its lock file.
  CHECK(in_child([&] {
    Registry reg = Registry::open(dir);
    reg.submit(batch_of(1));
    return true;
  }));
  auto refused_in_child = [&](bool read_only) {
    return in_child([&] {
      try {
        LedgerOptions options;
        options.read_only = read_only;
        Registry::open(dir, options);
        return false;
      } catch (const Error& error) {
        return error.kind() == ErrorKind::kConflict &&
               std::string(error.what()).find("lock.mdb") != std::string::npos;
      }
    });
  };
  {
    Registry a = Registry::open(dir);
    REQUIRE(std::filesystem::remove(dir + "/lock.mdb"));
    CHECK(refused_in_child(false));  // a second writer would not see A's writer lock
    CHECK(refused_in_child(true));   // nor would A see a reader's snapshot
    a.submit(batch_of(2));           // A goes on
  }
  // Once A has closed, the register opens again and LMDB makes a new lock file.
  Registry b = Registry::open(dir);
  CHECK(std::filesystem::exists(dir + "/lock.mdb"));
  CHECK(b.find_asset_by_code(code_of(1, 0)));
  CHECK(b.find_asset_by_code(code_of(2, 0)));
  CHECK(b.ledger().verify().ok);
}

TEST_CASE("a read-only copy of a register opens and verifies without a lock file") {
  ScratchDir scratch;
  const std::string dir = made_register(scratch);
  namespace fs = std::filesystem;
  auto copy_of = [&](const std::string& name) {
    const std::string copy = scratch.file(name);
    fs::create_directories(copy);
    fs::copy_file(dir + "/data.mdb", copy + "/data.mdb");
    return copy;
  };
  LedgerOptions read_only;
  read_only.read_only = true;
  auto verifies = [&](const std::string& copy, const LedgerOptions& options) {
    Registry reg = Registry::open(copy, options);
    return reg.ledger().verify().ok && reg.ledger().verify_deep().ok &&
           reg.find_asset_by_code(code_of(29, 6)).has_value();
  };

  // Files 0444 in a directory 0555, as on read-only media.
  const std::string locked = copy_of("read-only");
  fs::permissions(locked + "/data.mdb",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  CHECK(verifies(locked, read_only));
  if (::geteuid() != 0) {
    CHECK_FALSE(fs::exists(locked + "/lock.mdb"));  // it could not be made, and was not needed
  }  // (root writes whatever the permissions say: the option below is the test there)
  fs::permissions(locked, fs::perms::owner_all);

  // Asked for: no lock file is made or used.
  const std::string copy = copy_of("no-lock");
  LedgerOptions without = read_only;
  without.without_lock_file = true;
  CHECK(verifies(copy, without));
  CHECK_FALSE(fs::exists(copy + "/lock.mdb"));

  // A writer needs the lock file.
  LedgerOptions writer;
  writer.without_lock_file = true;
  CHECK(error_of([&] { Ledger::open(copy, writer); }).kind() == ErrorKind::kInvalidInput);
}

TEST_CASE("a write that needs more map than allowed fails cleanly, and the register stays open") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  LedgerOptions options;
  options.durable = false;
  options.map_size_bytes = 1 << 20;
  options.map_size_max_bytes = 2 << 20;
  std::uint64_t size = 0;
  {
    Registry reg = Registry::open(dir, options);
    int batch = 0;
    std::optional<Error> refused;
    for (; batch < 1000 && !refused; ++batch) {
      try {
        reg.submit(batch_of(batch));
      } catch (const Error& error) {
        refused = error;
      }
    }
    REQUIRE(refused);
    CHECK(refused->kind() == ErrorKind::kStorageError);
    CHECK(std::string(refused->what()).find("map_size_max_bytes") != std::string::npos);
    // Nothing of the refused batch landed, the rest reads and verifies, and the next write
    // fails the same clean way.
    CHECK_FALSE(reg.find_asset_by_code(code_of(batch - 1, 0)));
    CHECK(reg.find_asset_by_code(code_of(batch - 2, 0)));
    CHECK(reg.ledger().verify().ok);
    CHECK(error_of([&] { reg.submit(batch_of(batch)); }).kind() == ErrorKind::kStorageError);
    size = reg.ledger().size();
  }
  Registry reg = Registry::open(dir);  // without the bound, it grows again
  reg.submit(batch_of(5000));
  CHECK(reg.ledger().size() == size + kAssetsPerBatch);
  CHECK(reg.ledger().verify().ok);
}

namespace {

// This process's address space in bytes (VmSize).
std::uint64_t address_space() {
  const std::string status = read_file("/proc/self/status");
  const std::size_t at = status.find("VmSize:");
  return at == std::string::npos ? 0 : std::stoull(status.substr(at + 7)) * 1024;
}

}  // namespace

TEST_CASE("a map the system refuses to grow leaves the register usable, never a crash") {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of address space for itself and needs more as it runs:
  // a bound on the address space stops it, not the map.
  SUCCEED("skipped under AddressSanitizer");
  return;
#endif
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  // In a child, whose address space is then bounded a few MiB above what it maps: the map
  // doubles until the system refuses it. LMDB unmaps the file before it fails to map it larger.
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  CHECK(in_child([&] {
    LedgerOptions options;
    options.durable = false;
    options.map_size_bytes = 1 << 20;
    Registry reg = Registry::open(dir, options);
    const rlimit limit{address_space() + (12 << 20), RLIM_INFINITY};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) return false;
    std::optional<Error> refused;
    int batch = 0;
    for (; batch < 3000 && !refused; ++batch) {
      try {
        reg.submit(batch_of(batch));
      } catch (const Error& error) {
        refused = error;
      }
    }
    const char got = !refused ? 'n' : refused->kind() == ErrorKind::kStorageError ? 's' : 'x';
    if (::write(pipe_fds[1], &got, 1) != 1 || got != 's') return false;
    // The next calls read, or refuse with StorageError; none crashes.
    try {
      if (reg.ledger().size() == 0 || !reg.find_asset_by_code(code_of(0, 0))) return false;
      reg.submit(batch_of(9000));
    } catch (const Error& error) {
      return error.kind() == ErrorKind::kStorageError;
    }
    return true;
  }));
  ::close(pipe_fds[1]);
  char got = '?';
  CHECK(::read(pipe_fds[0], &got, 1) == 1);
  ::close(pipe_fds[0]);
  CHECK(got == 's');  // the growth was refused (else the bound did not bite and nothing was shown)
  Registry reg = Registry::open(dir);
  CHECK(reg.ledger().verify().ok);
}

TEST_CASE("a read snapshot held far behind the head is named by verify") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t reader = ::fork();
  REQUIRE(reader >= 0);
  if (reader == 0) {
    ::close(ready[0]);
    try {
      LedgerOptions options;
      options.read_only = true;
      const Ledger ledger = Ledger::open(dir, options);
      ledger.read_views([&](const ViewStore&) {
        const char byte = 1;
        if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
        ::pause();  // holds its snapshot until killed
      });
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  LedgerOptions options;
  options.durable = false;
  Registry reg = Registry::open(dir, options);
  auto held_by_reader = [&] {
    for (const HeldSnapshot& held : reg.ledger().held_snapshots()) {
      if (held.process == reader) return std::optional<HeldSnapshot>(held);
    }
    return std::optional<HeldSnapshot>();
  };
  REQUIRE(held_by_reader());
  CHECK(reg.ledger().verify().reader_warning.empty());
  for (int i = 0; i < 1000; ++i) reg.submit(batch_of(i).front());  // a thousand commits
  REQUIRE(held_by_reader());
  CHECK(held_by_reader()->behind >= 1000);
  const VerifyReport report = reg.ledger().verify();
  CHECK(report.ok);  // a warning, not damage
  CHECK(report.reader_warning.find(std::to_string(reader)) != std::string::npos);
  ::kill(reader, SIGKILL);
  ::waitpid(reader, nullptr, 0);
  // Opening the register clears the slots of dead processes: the warning goes with it.
  LedgerOptions read;
  read.read_only = true;
  Ledger::open(dir, read);
  CHECK_FALSE(held_by_reader());
  CHECK(reg.ledger().verify().reader_warning.empty());
}

TEST_CASE("amounts are bounded so that a county's totals cannot overflow") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  Registry reg = Registry::open(dir);
  auto asset_of = [](const std::string& code, Money original) {
    RegistryRequest request = batch_of(0).front();
    auto& asset = std::get<AssetRegistered>(request.write);
    asset.code = code;
    asset.description.original = original;
    asset.description.funding = {{FundingSource::kCentralFiscal, original}};
    return request;
  };
  const Money bound = Money::from_fen(kAmountMaxFen);
  const Money over = Money::from_fen(kAmountMaxFen + 1);
  const std::uint64_t before = reg.ledger().size();
  const Error refused = error_of([&] { reg.submit(asset_of("BIG-1", over)); });
  CHECK(refused.kind() == ErrorKind::kInvalidInput);
  CHECK(std::string(refused.what()).find("original") != std::string::npos);
  CHECK(std::string(refused.what()).find(over.to_yuan_string()) != std::string::npos);
  CHECK(reg.ledger().size() == before);  // nothing written
  CHECK_FALSE(reg.find_asset_by_code("BIG-1"));
  // A funding line alone over the bound is named too.
  RegistryRequest split = asset_of("BIG-2", bound);
  std::get<AssetRegistered>(split.write).description.funding = {
      {FundingSource::kCentralFiscal, over},
      {FundingSource::kProvincialFiscal, -Money::from_fen(1)}};
  CHECK(std::string(error_of([&] { reg.submit(split); }).what()).find("funding[0].amount") !=
        std::string::npos);

  // At the bound: accepted, and a summary over many such assets totals exactly.
  constexpr int kMaximal = 40;
  std::vector<RegistryRequest> maximal;
  for (int i = 0; i < kMaximal; ++i) maximal.push_back(asset_of("MAX-" + std::to_string(i), bound));
  reg.submit(maximal);
  Money total;
  for (const SummaryRow& row : reg.summary()) total += row.original;
  CHECK(total == bound * kMaximal);
  // The arithmetic the bound rests on: ten million amounts at the bound fit in Int64 fen.
  CHECK_NOTHROW(bound * 10'000'000);
  CHECK((bound * 10'000'000).fen() == 9'000'000'000'000'000'000);
}

TEST_CASE("an error the verifying child meets reaches the caller as it was thrown") {
  ScratchDir scratch;
  const std::string dir = scratch.file("register");
  create_county(dir, false);
  LedgerOptions options;
  options.read_only = true;
  const Ledger ledger = Ledger::open(dir, options);
  // The child opens the register again by its path: moved away, it is not found there.
  std::filesystem::rename(dir, scratch.file("moved"));
  const Error error = error_of([&] { ledger.verify(); });
  CHECK(error.kind() == ErrorKind::kNotFound);
  CHECK(std::string(error.what()).rfind("NotFound: no register in", 0) == 0);
}

// The commit service: processes that submit single operations through it share transactions;
// refusals come back as the register's own errors; a lost or absent service is StorageError.
#include "taizhang/service.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/service.capnp.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

Registry create_county(const std::string& dir) {
  Registry reg = Registry::create(dir, kCounty, test_key(kCounty.origin, 1),
                                  actor_key(1).verifier().public_key());
  for (const char* code : {kCounty.county_code.c_str(), kTownA, kVillageA1}) {
    reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)},
                DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
  }
  return reg;
}

RegistryRequest road(const std::string& code, std::uint64_t actor = 1) {
  AssetRegistered a;
  a.code = code;
  a.asset_class = AssetClass::kPublicWelfare;
  a.description.name = "通组路";
  a.description.category = AssetCategory::kStructure;
  a.description.division = kVillageA1;
  a.description.completed = Date::parse("2021-06-30");
  a.description.original = Money::from_fen(250'000);
  a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
  return {{actor, Date::parse("2026-02-01"), {}, &actor_key(actor)}, std::move(a)};
}

std::string socket_in(const ScratchDir& dir) { return dir.path() + "/commit.sock"; }

// The id the county register's signatures name: its log key as verifier text.
std::string county_id() { return test_key(kCounty.origin, 1).verifier().text(); }

}  // namespace

TEST_CASE("processes submitting through the commit service share transactions") {
  ScratchDir dir;
  Registry reg = create_county(dir.path() + "/register");
  const std::string socket_path = socket_in(dir);
  constexpr int kProcesses = 8;
  constexpr int kEach = 25;
  // The children are forked before the service's threads exist, and wait for a byte on `go`.
  int go[2];
  REQUIRE(::pipe(go) == 0);
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(go[1]);
      char byte;
      if (::read(go[0], &byte, 1) != 1) ::_exit(4);
      int code = 0;
      try {
        CommitClient client(socket_path);
        for (int i = 0; i < kEach; ++i) {
          const RegistryRequest request =
              road("SVC-" + std::to_string(p) + "-" + std::to_string(i));
          const AppendOutcome outcome = client.append(append_request(county_id(), request));
          if (outcome.count != 1 || outcome.replayed) code = 1;
        }
      } catch (...) {
        code = 2;
      }
      ::_exit(code);
    }
    children.push_back(child);
  }
  ::close(go[0]);
  const std::uint64_t size_before = reg.ledger().size();
  const std::uint64_t transactions_before = reg.ledger().write_transactions();
  {
    CommitService service(reg.ledger(), socket_path);
    const std::string bytes(kProcesses, 'g');
    REQUIRE(::write(go[1], bytes.data(), bytes.size()) == kProcesses);
    for (pid_t child : children) {
      int status = 0;
      REQUIRE(::waitpid(child, &status, 0) == child);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    CHECK(service.answered() == kProcesses * kEach);
  }
  ::close(go[1]);
  CHECK_FALSE(std::filesystem::exists(socket_path));  // stop() removes it
  const std::uint64_t requests = kProcesses * kEach;
  CHECK(reg.ledger().size() == size_before + requests);
  for (int p = 0; p < kProcesses; ++p) {
    for (int i = 0; i < kEach; ++i) {
      CHECK(reg.find_asset_by_code("SVC-" + std::to_string(p) + "-" + std::to_string(i)));
    }
  }
  // Eight processes each waiting for its answer: their requests meet in shared transactions.
  const std::uint64_t transactions = reg.ledger().write_transactions() - transactions_before;
  INFO(transactions << " transactions for " << requests << " requests");
  CHECK(transactions < requests * 3 / 4);
  CHECK(reg.ledger().verify().ok);
}

TEST_CASE("the commit service answers with the register's refusals, and they write nothing") {
  ScratchDir dir;
  Registry reg = create_county(dir.path() + "/register");
  CommitService service(reg.ledger(), socket_in(dir));
  CommitClient client(socket_in(dir));

  const AppendRequest first = append_request(county_id(), road("XF-1"));
  const AppendOutcome landed = client.append(first);
  CHECK(landed.count == 1);
  CHECK(reg.get_asset(landed.first_sequence).code == "XF-1");
  const std::uint64_t size = reg.ledger().size();

  // The same request again (a retry after a lost answer): its first outcome, nothing new.
  const AppendOutcome again = client.append(first);
  CHECK(again.replayed);
  CHECK(again.first_sequence == landed.first_sequence);

  const Error duplicate =
      error_of([&] { client.append(append_request(county_id(), road("XF-1"))); });
  CHECK(duplicate.kind() == ErrorKind::kConflict);
  CHECK(std::string(duplicate.what()) == "Conflict: code XF-1 is already registered");
  const Error stranger =
      error_of([&] { client.append(append_request(county_id(), road("XF-2", 99))); });
  CHECK((stranger.kind() == ErrorKind::kNotFound || stranger.kind() == ErrorKind::kUnauthorized));
  CHECK(reg.ledger().size() == size);

  // A submission whose entry is not an entry: InvalidInput naming it, on a raw connection.
  const int raw = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_in(dir).c_str(), sizeof address.sun_path - 1);
  REQUIRE(::connect(raw, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  capnp::MallocMessageBuilder message;
  auto submission = message.initRoot<schema::Submission>();
  const std::uint8_t garbage[16] = {1, 2, 3};
  submission.initEntries(1).set(0, capnp::Data::Reader(garbage, sizeof garbage));
  capnp::writeMessageToFd(raw, message);
  capnp::StreamFdMessageReader answer(raw);
  const auto reply = answer.getRoot<schema::Reply>();
  REQUIRE(reply.isRefused());
  CHECK(reply.getRefused().getKind() == static_cast<std::uint8_t>(ErrorKind::kInvalidInput));
  CHECK(std::string(reply.getRefused().getMessage().cStr()).find("entries[0]") == 0);
  ::close(raw);
  CHECK(reg.ledger().size() == size);

  // Once the service stops, the client's next request is a StorageError, not a hang or a crash.
  service.stop();
  CHECK(error_of([&] { client.append(append_request(county_id(), road("XF-3"))); }).kind() ==
        ErrorKind::kStorageError);
  CHECK(error_of([&] { CommitClient(socket_in(dir)); }).kind() == ErrorKind::kStorageError);
  CHECK(reg.ledger().size() == size);
}

TEST_CASE(
    "the service needs no trust in its socket: requests carry signatures naming the register") {
  ScratchDir dir;
  Registry reg = create_county(dir.path() + "/register");
  CommitService service(reg.ledger(), socket_in(dir));
  CommitClient client(socket_in(dir));
  const std::uint64_t size = reg.ledger().size();
  // Unsigned, signed by another key, or signed for another register: refused, nothing written.
  AppendRequest unsigned_request = append_request(county_id(), road("XF-10"));
  unsigned_request.entries.back().signature.clear();
  RegistryRequest forged = road("XF-11");
  forged.context.signer = &actor_key(5);
  RegistryRequest elsewhere = road("XF-12");
  for (const AppendRequest& bad : {unsigned_request, append_request(county_id(), forged),
                                   append_request("taizhang.example/520123", elsewhere)}) {
    CHECK(error_of([&] { client.append(bad); }).kind() == ErrorKind::kUnauthorized);
  }
  CHECK(reg.ledger().size() == size);
  CHECK(client.served_origin() == kCounty.origin);  // every reply names the register
  CHECK(client.append(append_request(county_id(), road("XF-13"))).count == 1);
}

TEST_CASE(
    "a second service on a live socket is refused, and a dead one's socket file is replaced") {
  ScratchDir dir;
  Registry reg = create_county(dir.path() + "/register");
  Registry other = create_county(dir.path() + "/other");
  {
    CommitService first(reg.ledger(), socket_in(dir));
    const Error taken = error_of([&] { CommitService second(other.ledger(), socket_in(dir)); });
    CHECK(taken.kind() == ErrorKind::kConflict);
    CHECK_THAT(taken.what(), Catch::Contains("another service answers"));
    CommitClient client(socket_in(dir));  // the first still serves its own register
    client.append(append_request(county_id(), road("XF-20")));
    CHECK(client.served_origin() == kCounty.origin);
    CHECK(reg.find_asset_by_code("XF-20"));
  }
  // A socket file nobody answers on (a service that was killed) is taken over.
  const int stale = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_in(dir).c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(stale, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  ::close(stale);  // bound, never listening: connecting to it is refused
  CommitService replacement(other.ledger(), socket_in(dir));
  CommitClient client(socket_in(dir));
  client.append(append_request(county_id(), road("XF-21")));
  CHECK(other.find_asset_by_code("XF-21"));
}

TEST_CASE("the service keeps accepting after running out of file descriptors") {
  ScratchDir dir;
  Registry reg = create_county(dir.path() + "/register");
  CommitService service(reg.ledger(), socket_in(dir));
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
  std::size_t open_now = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    (void)entry;
    ++open_now;
  }
  // Leave a handful of descriptors, then use them up with connections the service must accept.
  rlimit tight = saved;
  tight.rlim_cur = open_now + 6;
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_in(dir).c_str(), sizeof address.sun_path - 1);
  std::vector<int> held;
  for (int i = 0; i < 64; ++i) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) break;  // EMFILE: the process is out of descriptors
    held.push_back(fd);
    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the acceptor meets EMFILE
  for (const int fd : held) ::close(fd);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
  // A new client is served: the accept loop backed off and went on.
  auto answer = std::async(std::launch::async, [&] {
    CommitClient client(socket_in(dir));
    return client.append(append_request(county_id(), road("XF-30"))).count;
  });
  const bool served = answer.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  if (!served) service.stop();  // unblocks the client, so the test ends
  REQUIRE(served);
  CHECK(answer.get() == 1);
  CHECK(reg.find_asset_by_code("XF-30"));
}

// A submission from another process, as the commit service reads it off its socket: answered
// with a Reply (appended, or refused with an Error) or the connection dropped; never a crash,
// never a hang, and never an answer that is not a Reply.
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/service.capnp.h"
#include "taizhang/service.h"

namespace {

struct Served {
  Served() {
    dir = std::filesystem::temp_directory_path() /
          ("taizhang-fuzz-service-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::uint8_t seed[32] = {1};
    const taizhang::Signer key = taizhang::Signer::from_seed("fuzz.example/1", seed);
    std::uint8_t registrar_seed[32] = {2};
    taizhang::LedgerOptions options;
    options.durable = false;
    registry = std::make_unique<taizhang::Registry>(taizhang::Registry::create(
        (dir / "register").string(), {"520122000000", "fuzz", "fuzz.example/1"}, key,
        taizhang::Signer::from_seed("r", registrar_seed).verifier().public_key(), options));
    socket_path = (dir / "commit.sock").string();
    service = std::make_unique<taizhang::CommitService>(registry->ledger(), socket_path);
  }
  std::filesystem::path dir;
  std::unique_ptr<taizhang::Registry> registry;
  std::string socket_path;
  std::unique_ptr<taizhang::CommitService> service;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Served served;
  const int client = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, served.socket_path.c_str(), sizeof address.sun_path - 1);
  if (::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) std::abort();
  timeval limit{10, 0};  // a service that never answers nor closes is a hang: fail
  ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  for (std::size_t sent = 0; sent < size;) {
    const ssize_t n = ::send(client, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the service dropped the connection early: allowed
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(client, SHUT_WR);
  std::vector<std::uint8_t> answer;
  std::uint8_t buffer[4096];
  for (;;) {
    const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) std::abort();  // hung
    if (n <= 0) break;
    answer.insert(answer.end(), buffer, buffer + n);
  }
  ::close(client);
  // Whatever came back is whole Reply messages, one per submission the service read.
  std::size_t at = 0;
  while (at < answer.size()) {
    if (answer.size() - at < 8 || (answer.size() - at) % 8 != 0) std::abort();
    kj::Array<capnp::word> words = kj::heapArray<capnp::word>((answer.size() - at) / 8);
    std::memcpy(words.begin(), answer.data() + at, answer.size() - at);
    try {
      capnp::FlatArrayMessageReader message(words.asPtr());
      const auto reply = message.getRoot<taizhang::schema::Reply>();
      if (reply.isRefused()) {
        const auto kind = reply.getRefused().getKind();
        if (kind < 1 || kind > 7) std::abort();
      }
      at += static_cast<std::size_t>(message.getEnd() - words.begin()) * 8;
    } catch (const kj::Exception&) {
      std::abort();
    }
  }
  return 0;
}

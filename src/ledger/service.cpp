// The commit service over a Unix socket (service.h, schemas/taizhang/service.capnp).
#include "taizhang/service.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "taizhang/error.h"
#include "taizhang/service.capnp.h"

namespace taizhang {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& what_zh) {
  const std::string why = std::strerror(errno);
  throw_error(ErrorKind::kStorageError, what + ": " + why, what_zh + "：" + why);
}

sockaddr_un address_of(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    throw_invalid("socket_path", path,
                  "must be 1 to " + std::to_string(sizeof address.sun_path - 1) + " bytes",
                  "套接字路径须为 1 至 " + std::to_string(sizeof address.sun_path - 1) + " 字节");
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  return address;
}

// Sends a whole message; MSG_NOSIGNAL so a peer that went away is an error, not SIGPIPE.
bool send_message(int socket, capnp::MessageBuilder& message) {
  const kj::Array<capnp::word> words = capnp::messageToFlatArray(message);
  const auto bytes = words.asBytes();
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(socket, bytes.begin() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads one submission into `request`; throws Error (InvalidInput) naming the bad field.
void read_submission(schema::Submission::Reader submission, AppendRequest& request) {
  const auto id = submission.getRequestId();
  if (id.size() == 0) {
    request.request_id = random_request_id();
  } else if (id.size() != request.request_id.size()) {
    throw_invalid("requestId", std::to_string(id.size()) + " bytes", "must be 16 bytes",
                  "请求编号须为 16 字节（全为零则由服务生成）");
  } else {
    std::memcpy(request.request_id.data(), id.begin(), id.size());
    if (request.request_id == RequestId{}) request.request_id = random_request_id();
  }
  const auto entries = submission.getEntries();
  if (entries.size() == 0) {
    throw_invalid("entries", "[]", "a submission carries at least one", "提交须至少含一条记录");
  }
  request.entries.reserve(entries.size());
  for (unsigned i = 0; i < entries.size(); ++i) {
    const auto bytes = entries[i];
    try {
      request.entries.push_back(decode_entry(ByteView(bytes.begin(), bytes.size())));
    } catch (const Error& error) {
      const std::string inner = error.chinese().empty() ? error.what() : error.chinese();
      throw_invalid("entries[" + std::to_string(i) + "]", std::to_string(bytes.size()) + " bytes",
                    error.what(),
                    "提交的第 " + std::to_string(i + 1) + " 条记录无法解码：" + inner);
    }
  }
}

}  // namespace

struct CommitService::Impl {
  Impl(Ledger& served, std::string socket_path)
      : ledger(served), path(std::move(socket_path)), origin(ledger.info().origin) {}

  Ledger& ledger;
  std::string path;
  const std::string origin;
  int listener = -1;
  std::thread acceptor;
  std::mutex mutex;
  std::condition_variable idle;  // signalled when a connection's thread ends
  std::set<int> connections;
  std::size_t running = 0;
  bool stopping = false;
  std::atomic<std::uint64_t> answered{0};

  void accept_loop() {
    auto pause = std::chrono::milliseconds(1);
    for (;;) {
      const int connection = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) {
        const int error = errno;
        if (error == EINTR || error == ECONNABORTED || error == EPROTO) continue;
        if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
          // Out of descriptors or memory for now: the waiting clients stay queued. Back off
          // (up to a second), say so, and accept again, unless the service is stopping.
          std::fprintf(stderr,
                       "taizhang commit service on %s: cannot accept (%s); retrying in %lld ms\n",
                       path.c_str(), std::strerror(error), static_cast<long long>(pause.count()));
          std::unique_lock lock(mutex);
          if (idle.wait_for(lock, pause, [&] { return stopping; })) return;
          pause = std::min(pause * 2, std::chrono::milliseconds(1000));
          continue;
        }
        return;  // the listener was shut down (stop)
      }
      pause = std::chrono::milliseconds(1);
      std::lock_guard lock(mutex);
      if (stopping) {
        ::close(connection);
        return;
      }
      connections.insert(connection);
      ++running;
      std::thread([this, connection] { serve(connection); }).detach();
    }
  }

  void serve(int connection) {
    for (;;) {
      // A client that closes between submissions ends the connection quietly.
      char probe;
      const ssize_t peeked = ::recv(connection, &probe, 1, MSG_PEEK);
      if (peeked < 0 && errno == EINTR) continue;
      if (peeked <= 0) break;
      capnp::MallocMessageBuilder reply_message;
      auto reply = reply_message.initRoot<schema::Reply>();
      reply.setOrigin(origin);
      try {
        AppendRequest request;
        try {
          capnp::StreamFdMessageReader message(connection);
          read_submission(message.getRoot<schema::Submission>(), request);
        } catch (const kj::Exception&) {
          break;  // not a message in stream framing, or cut short: drop the connection
        }
        const AppendOutcome outcome = ledger.append(request);
        auto appended = reply.initAppended();
        appended.setFirstSequence(outcome.first_sequence);
        appended.setCount(outcome.count);
        appended.setReplayed(outcome.replayed);
      } catch (const Error& error) {
        // The message without the "<Kind>: " prefix, which the client's Error puts back.
        std::string text = error.what();
        const std::string prefix = std::string(error_kind_name(error.kind())) + ": ";
        if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
        auto refused = reply.initRefused();
        refused.setKind(static_cast<std::uint8_t>(error.kind()));
        refused.setMessage(text);
      } catch (const std::exception& error) {
        auto refused = reply.initRefused();
        refused.setKind(static_cast<std::uint8_t>(ErrorKind::kStorageError));
        refused.setMessage(error.what());
      }
      answered.fetch_add(1, std::memory_order_relaxed);
      if (!send_message(connection, reply_message)) break;
    }
    std::lock_guard lock(mutex);
    connections.erase(connection);
    ::close(connection);
    --running;
    idle.notify_all();
  }
};

CommitService::CommitService(Ledger& ledger, const std::string& socket_path)
    : impl_(std::make_unique<Impl>(ledger, socket_path)) {
  const sockaddr_un address = address_of(socket_path);
  impl_->listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (impl_->listener < 0) fail("socket", "提交服务无法创建套接字");
  struct stat existing;
  if (::lstat(socket_path.c_str(), &existing) == 0 && S_ISSOCK(existing.st_mode)) {
    // A service that answers there is live: taking its path would send its clients' writes
    // here. One that refuses the connection is gone and left its socket file behind.
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool answers = probe >= 0 && ::connect(probe, reinterpret_cast<const sockaddr*>(&address),
                                                 sizeof address) == 0;
    if (probe >= 0) ::close(probe);
    if (answers) {
      ::close(impl_->listener);
      throw_error(ErrorKind::kConflict,
                  "commit service: another service answers on \"" + socket_path +
                      "\"; stop it first or choose another path",
                  "“" + socket_path + "”上已有另一个提交服务在运行：请先停止它，或换一个路径");
    }
    ::unlink(socket_path.c_str());
  }
  if (::bind(impl_->listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::chmod(socket_path.c_str(), 0660) != 0 || ::listen(impl_->listener, 128) != 0) {
    const int saved = errno;
    ::close(impl_->listener);
    errno = saved;
    fail("commit service: cannot listen on \"" + socket_path + "\"",
         "提交服务无法在“" + socket_path + "”上监听");
  }
  impl_->acceptor = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

CommitService::~CommitService() { stop(); }

void CommitService::stop() {
  if (!impl_ || !impl_->acceptor.joinable()) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->idle.notify_all();                // wakes an acceptor backing off
    ::shutdown(impl_->listener, SHUT_RDWR);  // wakes the acceptor
    for (int connection : impl_->connections) ::shutdown(connection, SHUT_RDWR);
  }
  impl_->acceptor.join();
  {
    std::unique_lock lock(impl_->mutex);
    impl_->idle.wait(lock, [&] { return impl_->running == 0; });
  }
  ::close(impl_->listener);
  ::unlink(impl_->path.c_str());
}

std::uint64_t CommitService::answered() const {
  return impl_->answered.load(std::memory_order_relaxed);
}

CommitClient::CommitClient(const std::string& socket_path) {
  const sockaddr_un address = address_of(socket_path);
  socket_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (socket_ < 0) fail("socket", "无法创建连接提交服务的套接字");
  if (::connect(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int saved = errno;
    ::close(socket_);
    socket_ = -1;
    errno = saved;
    fail("no commit service at \"" + socket_path + "\"",
         "“" + socket_path + "”上没有提交服务在运行：请先启动 taizhang serve");
  }
}

CommitClient::~CommitClient() {
  if (socket_ >= 0) ::close(socket_);
}

CommitClient::CommitClient(CommitClient&& other) noexcept
    : socket_(std::exchange(other.socket_, -1)), served_origin_(std::move(other.served_origin_)) {}

CommitClient& CommitClient::operator=(CommitClient&& other) noexcept {
  if (this != &other) {
    if (socket_ >= 0) ::close(socket_);
    socket_ = std::exchange(other.socket_, -1);
    served_origin_ = std::move(other.served_origin_);
  }
  return *this;
}

AppendOutcome CommitClient::append(const AppendRequest& request) {
  if (socket_ < 0) {
    throw_error(ErrorKind::kStorageError, "commit client: not connected",
                "提交客户端没有连接到提交服务");
  }
  capnp::MallocMessageBuilder message;
  auto submission = message.initRoot<schema::Submission>();
  submission.setRequestId(
      capnp::Data::Reader(request.request_id.data(), request.request_id.size()));
  auto entries = submission.initEntries(static_cast<unsigned>(request.entries.size()));
  for (unsigned i = 0; i < request.entries.size(); ++i) {
    const Bytes bytes = encode_entry(request.entries[i]);
    entries.set(i, capnp::Data::Reader(bytes.data(), bytes.size()));
  }
  if (!send_message(socket_, message)) {
    fail("commit client: the service went away before the request was sent",
         "请求发出前提交服务已断开：请求没有送达，可以重新提交");
  }
  try {
    capnp::StreamFdMessageReader answer(socket_);
    const auto reply = answer.getRoot<schema::Reply>();
    served_origin_ = reply.getOrigin().cStr();
    if (reply.isAppended()) {
      const auto appended = reply.getAppended();
      return {appended.getFirstSequence(), appended.getCount(), appended.getReplayed()};
    }
    const auto refused = reply.getRefused();
    const std::uint8_t kind = refused.getKind();
    if (kind < static_cast<std::uint8_t>(ErrorKind::kInvalidInput) ||
        kind > static_cast<std::uint8_t>(ErrorKind::kStorageError)) {
      throw_error(ErrorKind::kStorageError,
                  "commit client: the service answered with error kind " + std::to_string(kind),
                  "提交服务返回了未知的错误类型 " + std::to_string(kind));
    }
    throw Error(static_cast<ErrorKind>(kind), refused.getMessage().cStr());
  } catch (const kj::Exception& exception) {
    throw_error(ErrorKind::kStorageError,
                std::string("commit client: the connection was lost before the answer (the "
                            "request may have landed; send it again with the same id): ") +
                    exception.getDescription().cStr(),
                std::string("收到答复前与提交服务的连接断开了：请求可能已经写入，请用同一个请求"
                            "编号重新提交（已写入的不会重复写入）：") +
                    exception.getDescription().cStr());
  }
}

}  // namespace taizhang

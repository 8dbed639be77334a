// The commit service: appends from other processes, grouped with everyone else's.
//
// LMDB lets one process write at a time, so processes that each open a register and append
// take turns, one transaction and one sync each. A CommitService in the process that holds the
// register instead accepts appends over a Unix socket (schemas/taizhang/service.capnp) and
// hands each to Ledger::append from its connection's thread, where group commit shares
// transactions among every concurrent submitter, local or remote. A CommitClient is the other
// end: append() returns when the request is durable, or throws the Error the register refused
// it with (the same kind and message as a local append).
//
//   CommitService service(registry.ledger(), "/run/taizhang/county.sock");
//   ...
//   CommitClient client("/run/taizhang/county.sock");          // in another process
//   AppendOutcome outcome = client.append(append_request(origin, request));
//
// The socket needs no trust: every request carries its actor's signature, which names the
// register, so a request sent to another register's service is refused there. Each reply names
// the register that answered it.
#pragma once

#include <memory>
#include <string>

#include "taizhang/export.h"
#include "taizhang/ledger.h"

namespace taizhang {

class TAIZHANG_EXPORT CommitService {
 public:
  // Listens on `socket_path` (created with mode 0660) and serves until stop() or destruction.
  // A socket file left by a service that is gone is replaced; Conflict if a service still
  // answers there. `ledger` must outlive the service. A shortage of descriptors pauses
  // accepting (it backs off and says so on stderr), never ends it.
  CommitService(Ledger& ledger, const std::string& socket_path);
  ~CommitService();  // stops
  CommitService(const CommitService&) = delete;
  CommitService& operator=(const CommitService&) = delete;

  // Stops accepting, closes every connection (a submission being appended still lands and is
  // answered if its client is still there), joins the threads, removes the socket file.
  void stop();

  // Submissions answered so far (appended or refused).
  std::uint64_t answered() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class TAIZHANG_EXPORT CommitClient {
 public:
  // Connects; StorageError naming the path when no service listens there.
  explicit CommitClient(const std::string& socket_path);
  ~CommitClient();
  CommitClient(CommitClient&&) noexcept;
  CommitClient& operator=(CommitClient&&) noexcept;

  // Sends one request and waits for its answer. The register's refusals are rethrown as the
  // same Error; a lost connection is StorageError (the request may or may not have landed:
  // send it again with the same request id, and the register answers with its first outcome).
  AppendOutcome append(const AppendRequest& request);
  // The origin of the register that answered the last request ("" before the first answer).
  const std::string& served_origin() const { return served_origin_; }

 private:
  int socket_ = -1;
  std::string served_origin_;
};

}  // namespace taizhang

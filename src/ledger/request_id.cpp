// Request ids: time-ordered, with a random half drawn from a per-thread pool.
#include "ledger/ledger_impl.h"

namespace taizhang {

RequestId random_request_id() {
  if (sodium_init() < 0) {
    throw_error(ErrorKind::kIntegrityError, "libsodium failed to initialise",
                "密码库 libsodium 初始化失败，无法生成请求编号");
  }
  // Time-ordered: 8 bytes of strictly increasing microseconds, then 8 random bytes. Ids that
  // arrive in order land at the end of the requests B-tree, touching a page or two per batch;
  // uniformly random ids would rewrite a page per request.
  static std::atomic<std::uint64_t> last{0};
  std::uint64_t now = static_cast<std::uint64_t>(system_micros());
  std::uint64_t previous = last.load();
  while (!last.compare_exchange_weak(previous, std::max(now, previous + 1))) {
  }
  now = std::max(now, previous + 1);
  RequestId id;
  const U64Key prefix(now);
  std::memcpy(id.data(), prefix.bytes, 8);
  // The random half comes from a per-thread pool filled 4 KiB at a time (a getrandom call per
  // id cost more than the rest of a registration's bookkeeping). A forked child must not reuse
  // its parent's pool: a fork handler advances a generation, and a pool of an older generation
  // is refilled (no system call per id to ask which process this is).
  static std::atomic<std::uint64_t> fork_generation{0};
  static std::once_flag watching_forks;
  std::call_once(watching_forks,
                 [] { ::pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1); }); });
  struct Pool {
    std::uint8_t bytes[4096];
    std::size_t used = sizeof bytes;
    std::uint64_t generation = 0;
  };
  thread_local Pool pool;
  const std::uint64_t generation = fork_generation.load(std::memory_order_relaxed);
  if (pool.used + 8 > sizeof pool.bytes || pool.generation != generation) {
    randombytes_buf(pool.bytes, sizeof pool.bytes);
    pool.used = 0;
    pool.generation = generation;
  }
  std::memcpy(id.data() + 8, pool.bytes + pool.used, 8);
  sodium_memzero(pool.bytes + pool.used, 8);
  pool.used += 8;
  return id;
}

}  // namespace taizhang

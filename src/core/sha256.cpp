// SHA-256 on OpenSSL's SHA256_* functions. They are marked deprecated in OpenSSL 3 in favour of
// EVP, which costs a context initialisation per digest that dominates 200-byte leaves; the
// low-level functions stay supported through the 3.x series.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/sha256.h"

#include <openssl/sha.h>

#include <cstring>

#include "taizhang/error.h"

namespace taizhang::internal {
namespace {

static_assert(sizeof(SHA256_CTX) <= 112, "Sha256::context_ is too small for SHA256_CTX");

SHA256_CTX* as_context(unsigned char* context) { return reinterpret_cast<SHA256_CTX*>(context); }

void require_ok(int result) {
  if (result != 1) {
    throw_error(
        ErrorKind::kIntegrityError, "OpenSSL SHA-256 failed",
        "计算哈希值（SHA-256）时 OpenSSL 出错：本次操作未完成，请重试；仍出错请联系技术支持");
  }
}

}  // namespace

Sha256::Sha256() { reset(); }

Sha256::~Sha256() = default;

Sha256& Sha256::reset() {
  require_ok(SHA256_Init(as_context(context_)));
  return *this;
}

Sha256& Sha256::assign(const Sha256& other) {
  std::memcpy(context_, other.context_, sizeof context_);
  return *this;
}

Sha256& Sha256::update(ByteView bytes) {
  require_ok(SHA256_Update(as_context(context_), bytes.data(), bytes.size()));
  return *this;
}

Sha256& Sha256::update_byte(std::uint8_t byte) { return update(ByteView(&byte, 1)); }

Hash Sha256::finish() {
  Hash digest;
  require_ok(SHA256_Final(digest.data(), as_context(context_)));
  reset();
  return digest;
}

Hash Sha256::of(ByteView bytes) {
  Sha256 hasher;
  return hasher.update(bytes).finish();
}

}  // namespace taizhang::internal

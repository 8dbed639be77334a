// SHA-256 on OpenSSL EVP. Failures there mean a broken crypto library: they become
// IntegrityError rather than a silently wrong digest.
#include "core/sha256.h"

#include <openssl/evp.h>

#include "taizhang/error.h"

namespace taizhang::internal {
namespace {

EVP_MD_CTX* as_context(void* context) { return static_cast<EVP_MD_CTX*>(context); }

void require_ok(int result) {
  if (result != 1) throw_error(ErrorKind::kIntegrityError, "OpenSSL SHA-256 failed");
}

const EVP_MD* sha256_method() {
  // Fetched once: an explicit fetch avoids the per-call lookup of EVP_sha256() in OpenSSL 3.
  static EVP_MD* method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (method == nullptr) throw_error(ErrorKind::kIntegrityError, "OpenSSL has no SHA-256");
  return method;
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) throw std::bad_alloc();
  reset();
}

Sha256::~Sha256() { EVP_MD_CTX_free(as_context(context_)); }

Sha256& Sha256::reset() {
  require_ok(EVP_DigestInit_ex2(as_context(context_), sha256_method(), nullptr));
  return *this;
}

Sha256& Sha256::update(ByteView bytes) {
  require_ok(EVP_DigestUpdate(as_context(context_), bytes.data(), bytes.size()));
  return *this;
}

Sha256& Sha256::update_byte(std::uint8_t byte) { return update(ByteView(&byte, 1)); }

Hash Sha256::finish() {
  Hash digest;
  unsigned length = 0;
  require_ok(EVP_DigestFinal_ex(as_context(context_), digest.data(), &length));
  reset();
  return digest;
}

Hash Sha256::of(ByteView bytes) {
  thread_local Sha256 hasher;
  return hasher.update(bytes).finish();
}

}  // namespace taizhang::internal

// SHA-256 on OpenSSL's one-algorithm interface (SHA256_Init/Update/Final), which uses the CPU's
// SHA instructions without the per-call dispatch of EVP; its context is a plain struct, so
// hashing allocates nothing.
#pragma once

#include <cstdint>

#include "taizhang/bytes.h"

namespace taizhang::internal {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& reset();
  // Continues from where `other` is: hashing a common prefix once and copying its state.
  Sha256& assign(const Sha256& other);
  Sha256& update(ByteView bytes);
  Sha256& update_byte(std::uint8_t byte);
  Hash finish();

  static Hash of(ByteView bytes);

 private:
  // Storage for OpenSSL's SHA256_CTX, kept opaque so this header does not pull in OpenSSL.
  alignas(8) unsigned char context_[112];
};

}  // namespace taizhang::internal

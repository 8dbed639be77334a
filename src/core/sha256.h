// SHA-256 through OpenSSL's EVP interface, with a context kept for reuse on hot paths.
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
  Sha256& update(ByteView bytes);
  Sha256& update_byte(std::uint8_t byte);
  Hash finish();

  static Hash of(ByteView bytes);

 private:
  void* context_;  // EVP_MD_CTX, kept opaque so this header does not pull in OpenSSL
};

}  // namespace taizhang::internal

// Key algorithms by name, and the public keys each admits.
#include "taizhang/key_algorithm.h"

#include <string>

#include "taizhang/error.h"

namespace taizhang {

std::string_view key_algorithm_name(KeyAlgorithm algorithm) {
  switch (algorithm) {
    case KeyAlgorithm::kEd25519:
      return "ed25519";
    case KeyAlgorithm::kSm2Sm3:
      return "sm2-sm3";
  }
  return "unknown";
}

KeyAlgorithm parse_key_algorithm(std::string_view text, std::string_view field) {
  if (text == "ed25519") return KeyAlgorithm::kEd25519;
  if (text == "sm2-sm3") return KeyAlgorithm::kSm2Sm3;
  throw_invalid(field, std::string(text), "not a key algorithm (ed25519, sm2-sm3)");
}

void check_public_key(KeyAlgorithm algorithm, ByteView key, std::string_view field) {
  switch (algorithm) {
    case KeyAlgorithm::kEd25519:
      if (key.size() != kEd25519PublicKeySize) {
        throw_invalid(field, std::to_string(key.size()) + " bytes",
                      "an Ed25519 public key is exactly 32 bytes");
      }
      return;
    case KeyAlgorithm::kSm2Sm3:
      throw_invalid(field, "sm2-sm3",
                    "SM2 keys are admitted by the register's format but not yet checked by this "
                    "build");
  }
  throw_invalid(field, std::to_string(static_cast<unsigned>(algorithm)), "unknown key algorithm");
}

}  // namespace taizhang

// Key algorithms: what an actor's key is, and how the register stores what it signs.
#pragma once

#include <cstdint>
#include <string_view>

#include "taizhang/bytes.h"
#include "taizhang/export.h"

namespace taizhang {

constexpr std::size_t kEd25519PublicKeySize = 32;

// The algorithm of an actor's key and of what it signs. Persisted: do not renumber. The register
// stores a signature as a signature record: one byte naming the algorithm, then the signature,
// so a verifier need not know the key to know how to read it. Ed25519 is checked; SM2 with SM3
// (GB/T 32918 with GB/T 32905) is admitted by the format and refused by this build.
enum class KeyAlgorithm : std::uint8_t {
  kEd25519 = 0,
  kSm2Sm3 = 1,
};
TAIZHANG_EXPORT std::string_view key_algorithm_name(KeyAlgorithm algorithm);
// Parses "ed25519" or "sm2-sm3"; InvalidInput naming `field` otherwise.
TAIZHANG_EXPORT KeyAlgorithm parse_key_algorithm(std::string_view text,
                                                 std::string_view field = "algorithm");
// InvalidInput naming `field` unless `key` is a public key of `algorithm` this build checks.
TAIZHANG_EXPORT void check_public_key(KeyAlgorithm algorithm, ByteView key,
                                      std::string_view field = "public_key");

}  // namespace taizhang

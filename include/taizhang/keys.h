// Ed25519 keys in the C2SP signed-note text forms, and key files.
//
//   verifier key:  <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
//   signer key:    PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
//   key id:        the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian
//
// These are the forms of Go's golang.org/x/mod/sumdb/note, so checkpoints can be checked by
// tools outside this project. A signer key file must be private to its owner: load() refuses a
// file that group or others can read.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/bytes.h"
#include "taizhang/export.h"
#include "taizhang/key_algorithm.h"

namespace taizhang {

using Signature = std::array<std::uint8_t, 64>;

// True when `record` (algorithm byte, signature) is a valid signature of `message` by
// `public_key` of `algorithm`; false for any other bytes, another algorithm or a key this build
// cannot check.
TAIZHANG_EXPORT bool verify_signature_record(KeyAlgorithm algorithm, ByteView public_key,
                                             ByteView message, ByteView record);

class TAIZHANG_EXPORT Verifier {
 public:
  // Throws InvalidInput naming the part that is wrong.
  static Verifier parse(std::string_view text);
  static Verifier from_public_key(std::string_view name, ByteView public_key);
  // Reads a verifier key file (one line). NotFound if missing.
  static Verifier load(const std::string& path);

  const std::string& name() const { return name_; }
  std::uint32_t key_id() const { return key_id_; }
  const Bytes& public_key() const { return public_key_; }
  std::string text() const;
  // False for a signature of the wrong length or one that does not verify.
  bool verify(ByteView message, ByteView signature) const;

 private:
  std::string name_;
  std::uint32_t key_id_ = 0;
  Bytes public_key_;
};

class TAIZHANG_EXPORT Signer {
 public:
  // A fresh key from the operating system's random source.
  static Signer generate(std::string_view name);
  // A key from a 32-byte seed: deterministic, for tests and for derived demo keys.
  static Signer from_seed(std::string_view name, ByteView seed);
  static Signer parse(std::string_view text);
  // Throws NotFound for a missing file, Unauthorized for one readable by group or others.
  static Signer load(const std::string& path);

  Signer(const Signer&);
  Signer& operator=(const Signer&);
  ~Signer();  // wipes the secret

  // Writes the signer key with mode 0600, refusing to overwrite an existing file (Conflict).
  void save(const std::string& path) const;
  std::string text() const;
  const Verifier& verifier() const { return verifier_; }
  const std::string& name() const { return verifier_.name(); }
  Signature sign(ByteView message) const;
  // sign() as the register stores it: the algorithm byte, then the signature.
  Bytes sign_record(ByteView message) const;
  KeyAlgorithm algorithm() const { return KeyAlgorithm::kEd25519; }

 private:
  Signer() = default;
  Verifier verifier_;
  std::array<std::uint8_t, 64> secret_{};  // libsodium's seed || public key form
};

// Key names of signed notes: non-empty, at most 256 bytes, no space, '+' or control characters.
TAIZHANG_EXPORT void check_key_name(std::string_view name);

// Reads a secret file (trailing newlines dropped): NotFound if missing, Unauthorized if group
// or others may read it. `what` names it in messages ("signer key", "identity key").
TAIZHANG_EXPORT std::string read_private_file(const std::string& path, std::string_view what);

// Writes `text` to a new file with `mode`, refusing to overwrite (Conflict).
TAIZHANG_EXPORT void write_new_file(const std::string& path, std::string_view text, unsigned mode);

}  // namespace taizhang

// Ed25519 signer and verifier keys (libsodium), in the signed-note text forms, and key files.
#include "taizhang/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "taizhang/error.h"

namespace taizhang {
namespace {

constexpr std::uint8_t kAlgorithmEd25519 = 0x01;
constexpr std::string_view kPrivatePrefix = "PRIVATE+KEY+";

void init_sodium() {
  static const int result = sodium_init();
  if (result < 0) {
    throw_error(ErrorKind::kIntegrityError, "libsodium failed to initialise",
                "密码库 libsodium 初始化失败，无法签名或核验签名");
  }
}

std::uint32_t compute_key_id(std::string_view name, ByteView public_key) {
  internal::Sha256 hasher;
  const Hash digest = hasher.update(as_bytes(name))
                          .update_byte('\n')
                          .update_byte(kAlgorithmEd25519)
                          .update(public_key)
                          .finish();
  return std::uint32_t{digest[0]} << 24 | std::uint32_t{digest[1]} << 16 |
         std::uint32_t{digest[2]} << 8 | digest[3];
}

std::string key_id_hex(std::uint32_t key_id) {
  const std::uint8_t bytes[4] = {
      static_cast<std::uint8_t>(key_id >> 24), static_cast<std::uint8_t>(key_id >> 16),
      static_cast<std::uint8_t>(key_id >> 8), static_cast<std::uint8_t>(key_id)};
  return to_hex(bytes);
}

// Splits "<name>+<hex id>+<base64 key>" into its parts. The name may not contain '+', the id
// is 8 hex digits, and the base64 key (which may contain '+') runs to the end.
struct KeyParts {
  std::string name;
  std::uint32_t key_id = 0;
  Bytes key;  // without the algorithm byte
};

KeyParts split_key(std::string_view text, std::string_view field) {
  const auto first = text.find('+');
  constexpr std::size_t kIdDigits = 8;
  if (first == std::string_view::npos || text.size() < first + kIdDigits + 2 ||
      text[first + kIdDigits + 1] != '+') {
    throw_invalid(field, text, "not a key of the form name+keyid+base64",
                  "不是“密钥名+密钥编号+base64”格式的密钥");
  }
  const auto second = first + kIdDigits + 1;
  KeyParts parts;
  parts.name = std::string(text.substr(0, first));
  check_key_name(parts.name);
  const Bytes id = from_hex(text.substr(first + 1, second - first - 1), field);
  if (id.size() != 4) {
    throw_invalid(field, text, "key id must be 8 hex digits", "密钥编号须是 8 位十六进制数");
  }
  parts.key_id =
      std::uint32_t{id[0]} << 24 | std::uint32_t{id[1]} << 16 | std::uint32_t{id[2]} << 8 | id[3];
  const Bytes encoded = from_base64(text.substr(second + 1), field);
  if (encoded.size() != 33 || encoded[0] != kAlgorithmEd25519) {
    throw_invalid(field, text, "key must be an Ed25519 key (algorithm byte 0x01 and 32 bytes)",
                  "须是 Ed25519 密钥（算法字节 0x01 加 32 字节密钥）");
  }
  parts.key.assign(encoded.begin() + 1, encoded.end());
  return parts;
}

std::string read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kNotFound, "key file \"" + path + "\" cannot be read: " + why,
                "无法读取密钥文件“" + path + "”：" + why);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

void check_key_name(std::string_view name) {
  constexpr std::size_t kNameMax = 256;
  if (name.empty() || name.size() > kNameMax) {
    throw_invalid("key name", name, "must be 1 to 256 bytes", "密钥名须为 1 至 256 字节");
  }
  for (char c : name) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '+' || c == 0x7f) {
      throw_invalid("key name", name, "may not contain spaces, '+' or control characters",
                    "密钥名不能含空格、“+”或控制字符");
    }
  }
}

void write_new_file(const std::string& path, std::string_view text, unsigned mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    const int error = errno;
    const std::string why = std::strerror(error);
    throw_error(error == EEXIST ? ErrorKind::kConflict : ErrorKind::kStorageError,
                "cannot create \"" + path + "\": " + why,
                error == EEXIST ? "“" + path + "”已存在，不会覆盖：请换一个文件名，或先移走原文件"
                                : "无法创建“" + path + "”：" + why);
  }
  // O_CREAT applies the umask; set the mode exactly so a lax umask cannot widen it.
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    const std::string why = std::strerror(error);
    throw_error(ErrorKind::kStorageError, "cannot write \"" + path + "\": " + why,
                "无法写入“" + path + "”：" + why + "（文件未留下）");
  }
}

Verifier Verifier::from_public_key(std::string_view name, ByteView public_key) {
  check_key_name(name);
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    throw_invalid("public key", std::to_string(public_key.size()) + " bytes",
                  "an Ed25519 public key is 32 bytes", "Ed25519 公钥须为 32 字节");
  }
  Verifier verifier;
  verifier.name_ = std::string(name);
  verifier.public_key_.assign(public_key.begin(), public_key.end());
  verifier.key_id_ = compute_key_id(name, public_key);
  return verifier;
}

Verifier Verifier::parse(std::string_view text) {
  if (text.starts_with(kPrivatePrefix)) {
    throw_invalid("verifier key", "PRIVATE+KEY+...", "this is a signer (private) key",
                  "这是签名用的私钥，不是公钥：请给公钥（.pub 文件），私钥不要外传");
  }
  const KeyParts parts = split_key(text, "verifier key");
  Verifier verifier = from_public_key(parts.name, parts.key);
  if (verifier.key_id_ != parts.key_id) {
    throw_invalid("verifier key", text, "key id does not match the name and public key",
                  "密钥编号与密钥名和公钥不符：公钥文本可能被改动过");
  }
  return verifier;
}

Verifier Verifier::load(const std::string& path) { return parse(read_key_file(path)); }

std::string Verifier::text() const {
  Bytes encoded{kAlgorithmEd25519};
  encoded.insert(encoded.end(), public_key_.begin(), public_key_.end());
  return name_ + "+" + key_id_hex(key_id_) + "+" + to_base64(encoded);
}

bool Verifier::verify(ByteView message, ByteView signature) const {
  init_sodium();
  if (signature.size() != crypto_sign_BYTES || public_key_.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key_.data()) == 0;
}

Signer Signer::from_seed(std::string_view name, ByteView seed) {
  init_sodium();
  check_key_name(name);
  if (seed.size() != crypto_sign_SEEDBYTES) {
    throw_invalid("seed", std::to_string(seed.size()) + " bytes", "an Ed25519 seed is 32 bytes",
                  "Ed25519 私钥种子须为 32 字节");
  }
  Signer signer;
  std::uint8_t public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(public_key, signer.secret_.data(), seed.data());
  signer.verifier_ = Verifier::from_public_key(name, public_key);
  return signer;
}

Signer Signer::generate(std::string_view name) {
  init_sodium();
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed;
  randombytes_buf(seed.data(), seed.size());
  Signer signer = from_seed(name, seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

Signer Signer::parse(std::string_view text) {
  if (!text.starts_with(kPrivatePrefix)) {
    // Nothing of the text either: a file given in the key's place may be another secret (the
    // county's identity key), whose first bytes are no one's to read in an error.
    throw_invalid("signer key", "(not shown)", "a signer key starts with PRIVATE+KEY+",
                  "签名私钥以 PRIVATE+KEY+ 开头：这不是私钥");
  }
  // Nothing of a malformed secret goes into the message: not the text, not the part that failed.
  KeyParts parts;
  try {
    parts = split_key(text.substr(kPrivatePrefix.size()), "signer key");
  } catch (const Error&) {
    throw_invalid("signer key", "(not shown: it is secret)",
                  "not a signer key of the form PRIVATE+KEY+name+keyid+base64 (as keygen "
                  "writes it)",
                  "不是“PRIVATE+KEY+密钥名+密钥编号+base64”格式的签名私钥（taizhang keygen "
                  "生成的格式）：私钥文件可能已损坏");
  }
  Signer signer = from_seed(parts.name, parts.key);
  sodium_memzero(parts.key.data(), parts.key.size());
  if (signer.verifier_.key_id() != parts.key_id) {
    throw_invalid("signer key", parts.name, "key id does not match the name and key",
                  "密钥编号与密钥名和私钥不符：私钥文本可能被改动过");
  }
  return signer;
}

std::string read_private_file(const std::string& path, std::string_view what) {
  // The callers name the key in English: "signer key", "identity key".
  const std::string what_zh = what == "signer key"     ? "签名私钥"
                              : what == "identity key" ? "身份密钥"
                                                       : std::string(what);
  struct stat status;
  if (::stat(path.c_str(), &status) != 0) {
    const std::string why = std::strerror(errno);
    throw_error(ErrorKind::kNotFound,
                std::string(what) + " file \"" + path + "\" not found: " + why,
                "找不到" + what_zh + "文件“" + path + "”：" + why);
  }
  if ((status.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    throw_error(ErrorKind::kUnauthorized,
                std::string(what) + " file \"" + path + "\" is readable by others (mode " + mode +
                    "); run chmod 600 on it",
                what_zh + "文件“" + path + "”其他用户也能读取（权限 " + mode +
                    "）：私钥只能本人可读，请执行 chmod 600 " + path);
  }
  return read_key_file(path);
}

Signer Signer::load(const std::string& path) {
  std::string text = read_private_file(path, "signer key");
  Signer signer = parse(text);
  sodium_memzero(text.data(), text.size());
  return signer;
}

Signer::Signer(const Signer&) = default;
Signer& Signer::operator=(const Signer&) = default;
Signer::~Signer() { sodium_memzero(secret_.data(), secret_.size()); }

void Signer::save(const std::string& path) const {
  std::string text = this->text() + "\n";
  write_new_file(path, text, 0600);
  sodium_memzero(text.data(), text.size());
}

std::string Signer::text() const {
  Bytes encoded{kAlgorithmEd25519};
  encoded.insert(encoded.end(), secret_.begin(), secret_.begin() + crypto_sign_SEEDBYTES);
  std::string text = std::string(kPrivatePrefix) + name() + "+" + key_id_hex(verifier_.key_id()) +
                     "+" + to_base64(encoded);
  sodium_memzero(encoded.data(), encoded.size());
  return text;
}

Signature Signer::sign(ByteView message) const {
  Signature signature;
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
  return signature;
}

}  // namespace taizhang

namespace taizhang {

bool verify_signature_record(KeyAlgorithm algorithm, ByteView public_key, ByteView message,
                             ByteView record) {
  init_sodium();
  if (record.empty() || record[0] != static_cast<std::uint8_t>(algorithm)) return false;
  const ByteView signature = record.subspan(1);
  switch (algorithm) {
    case KeyAlgorithm::kEd25519:
      return signature.size() == crypto_sign_BYTES &&
             public_key.size() == crypto_sign_PUBLICKEYBYTES &&
             crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                         public_key.data()) == 0;
    case KeyAlgorithm::kSm2Sm3:
      return false;
  }
  return false;
}

Bytes Signer::sign_record(ByteView message) const {
  const Signature signature = sign(message);
  Bytes record;
  record.reserve(1 + signature.size());
  record.push_back(static_cast<std::uint8_t>(KeyAlgorithm::kEd25519));
  record.insert(record.end(), signature.begin(), signature.end());
  return record;
}

}  // namespace taizhang

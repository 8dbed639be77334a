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
  throw_invalid(field, std::string(text), "not a key algorithm (ed25519, sm2-sm3)",
                "密钥算法须为 ed25519 或 sm2-sm3（小写，用半角“-”）");
}

void check_public_key(KeyAlgorithm algorithm, ByteView key, std::string_view field) {
  switch (algorithm) {
    case KeyAlgorithm::kEd25519:
      if (key.size() != kEd25519PublicKeySize) {
        throw_invalid(field, std::to_string(key.size()) + " bytes",
                      "an Ed25519 public key is exactly 32 bytes",
                      "Ed25519 公钥须恰好 32 个字节（64 位十六进制数字），这里是 " +
                          std::to_string(key.size()) + " 个字节：请核对公钥是否复制完整");
      }
      return;
    case KeyAlgorithm::kSm2Sm3:
      throw_invalid(field, "sm2-sm3",
                    "SM2 keys are admitted by the register's format but not yet checked by this "
                    "build",
                    "台账格式允许 SM2 密钥，但本版程序还不能校验 SM2 签名：请暂用 ed25519 密钥");
  }
  throw_invalid(field, std::to_string(static_cast<unsigned>(algorithm)), "unknown key algorithm",
                "密钥算法编号 " + std::to_string(static_cast<unsigned>(algorithm)) +
                    " 不是已知的算法（只有 ed25519 和 sm2-sm3）");
}

}  // namespace taizhang

// Checkpoint notes and key texts from outside: parsed, or refused with an Error; never a crash,
// and never accepted under a key that did not sign them.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "taizhang/checkpoint.h"
#include "taizhang/error.h"
#include "taizhang/keys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const taizhang::Signer signer = [] {
    std::uint8_t seed[32] = {7};
    return taizhang::Signer::from_seed("fuzz.example/1", seed);
  }();
  try {
    const taizhang::Checkpoint head = taizhang::open_checkpoint(text, signer.verifier());
    // Accepted: then it is exactly what this key signs for that head.
    if (taizhang::sign_checkpoint(head, signer) != text) std::abort();
  } catch (const taizhang::Error&) {
  }
  try {
    taizhang::Verifier::parse(text);
  } catch (const taizhang::Error&) {
  }
  return 0;
}

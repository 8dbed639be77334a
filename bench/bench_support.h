// Helpers the benchmarks share: timing, deterministic keys and codes, raw LMDB checks.
#pragma once

#include <lmdb.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "taizhang/codes.h"
#include "taizhang/keys.h"

namespace taizhang::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Exits with LMDB's message when a raw LMDB call of a baseline fails.
inline void check(int code, const char* what) {
  if (code != 0) {
    std::fprintf(stderr, "%s: %s\n", what, mdb_strerror(code));
    std::exit(1);
  }
}

// A key from a small number, so runs are repeatable.
inline Signer key(const std::string& name, std::uint8_t n) {
  std::uint8_t seed[32] = {n};
  return Signer::from_seed(name, seed);
}

// The first county registrar's key (actor 1) of every benchmark register.
inline const Signer& registrar() {
  static const Signer signer = key("r", 2);
  return signer;
}

// A valid unified social credit code, different for every `n`.
inline std::string credit_code(std::uint64_t n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "93520122%09llu", static_cast<unsigned long long>(n));
  return std::string(first17) + credit_code_check_character(first17);
}

inline void big_endian(std::uint64_t value, std::uint8_t* out) {
  for (int i = 7; i >= 0; --i, value >>= 8) out[i] = static_cast<std::uint8_t>(value);
}

}  // namespace taizhang::bench

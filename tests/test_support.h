// Helpers shared by the C++ tests: scratch directories, the vectors file, deterministic keys.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/error.h"
#include "taizhang/keys.h"
#include "taizhang/ledger.h"
#include "taizhang/views.h"

namespace taizhang::test {

// The test county and its places: two towns, three villages.
inline const RegisterInfo kCounty{"520122000000", "息烽县", "taizhang.example/520122"};
inline constexpr const char* kTownA = "520122101000";
inline constexpr const char* kVillageA1 = "520122101201";
inline constexpr const char* kVillageA2 = "520122101202";
inline constexpr const char* kTownB = "520122102000";
inline constexpr const char* kVillageB1 = "520122102201";

// A fresh directory under $TMPDIR, removed with its contents when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The golden vectors file, split into records of whitespace-separated fields.
std::vector<std::vector<std::string>> read_vectors(const std::string& name);

// A key derived from a small number, so tests are deterministic.
Signer test_key(const std::string& name, std::uint8_t seed);

// The key of actor `actor` in the registers of the C++ tests: test_key("actor-<id>", id + 10),
// kept for the life of the process so a WriteContext may point at it.
const Signer& actor_key(std::uint64_t actor);

// A unified social credit code and a resident identity number, valid (check characters
// included) and different for every `n`.
std::string credit_code(int n);
std::string identity_number(int n);

// A register clock a test moves, as days pass in the story it tells: 10:00 in the county on the
// latest day it was brought to, a microsecond later at each reading. Shared by copies.
class TestClock {
 public:
  explicit TestClock(Date start);
  // Moves the clock to `day` (10:00 China Standard Time), never back.
  void reach(Date day);
  // The day it shows in the counties' time zone.
  Date today() const;
  std::function<std::int64_t()> function() const;

 private:
  std::shared_ptr<std::atomic<std::int64_t>> now_;
};

// Runs `f`, which must throw a taizhang::Error, and returns it.
template <typename F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& error) {
    return error;
  }
  FAIL("expected an error");
  return Error(ErrorKind::kInvalidInput, "unreachable");
}

// Views in memory: the fold run without LMDB, to show it reads and writes nothing but its views.
class MemoryViewStore final : public ViewStore {
 public:
  std::optional<ByteView> get(std::string_view table, ByteView key) const override;
  void put(std::string_view table, ByteView key, ByteView value) override;
  std::optional<ByteView> insert(std::string_view table, ByteView key, ByteView value) override;
  void erase(std::string_view table, ByteView key) override;
  void scan(std::string_view table, ByteView prefix,
            const std::function<bool(ByteView key, ByteView value)>& visit) const override;

 private:
  std::map<std::string, std::map<Bytes, Bytes>, std::less<>> tables_;
};

// Replays every entry of `ledger` through `fold` into a MemoryViewStore, then checks that every
// table of the fold holds exactly the ledger's live records, key for key and byte for byte.
// Returns the store, for tests that go on applying entries to it.
MemoryViewStore replay_in_memory(const Ledger& ledger, const Fold& fold);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace taizhang::test

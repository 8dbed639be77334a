#include "test_support.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "taizhang/codes.h"

namespace taizhang::test {

ScratchDir::ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "taizhang-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::vector<std::string>> read_vectors(const std::string& name) {
  std::ifstream in(std::string(TAIZHANG_TEST_DATA) + "/" + name);
  if (!in) throw std::runtime_error("cannot read test data " + name);
  std::vector<std::vector<std::string>> records;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::vector<std::string> record;
    for (std::string field; fields >> field;) record.push_back(field);
    records.push_back(record);
  }
  return records;
}

Signer test_key(const std::string& name, std::uint8_t seed) {
  std::uint8_t bytes[32] = {};
  bytes[0] = seed;
  bytes[31] = 0x5a;
  return Signer::from_seed(name, bytes);
}

namespace {
std::int64_t ten_in_the_morning(Date day) { return day.micros_at(10, kCountyUtcOffsetSeconds); }
}  // namespace

TestClock::TestClock(Date start)
    : now_(std::make_shared<std::atomic<std::int64_t>>(ten_in_the_morning(start))) {}

void TestClock::reach(Date day) {
  const std::int64_t then = ten_in_the_morning(day);
  std::int64_t now = now_->load();
  while (now < then && !now_->compare_exchange_weak(now, then)) {
  }
}

Date TestClock::today() const { return Date::at(now_->load(), kCountyUtcOffsetSeconds); }

std::function<std::int64_t()> TestClock::function() const {
  return [now = now_] { return now->fetch_add(1) + 1; };
}

const Signer& actor_key(std::uint64_t actor) {
  static std::mutex mutex;
  static std::map<std::uint64_t, std::unique_ptr<Signer>> keys;
  std::lock_guard lock(mutex);
  auto& key = keys[actor];
  if (!key) {
    key = std::make_unique<Signer>(
        test_key("actor-" + std::to_string(actor), static_cast<std::uint8_t>(actor + 10)));
  }
  return *key;
}

std::string credit_code(int n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "93520122%09d", n);
  return std::string(first17) + credit_code_check_character(first17);
}

std::string identity_number(int n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "52012219800101%03d", n);
  return std::string(first17) + identity_check_character(first17);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::optional<ByteView> MemoryViewStore::get(std::string_view table, ByteView key) const {
  const auto named = tables_.find(table);
  if (named == tables_.end()) return std::nullopt;
  const auto found = named->second.find(Bytes(key.begin(), key.end()));
  if (found == named->second.end()) return std::nullopt;
  return ByteView(found->second);
}

void MemoryViewStore::put(std::string_view table, ByteView key, ByteView value) {
  auto named = tables_.find(table);
  if (named == tables_.end())
    named = tables_.emplace(std::string(table), std::map<Bytes, Bytes>{}).first;
  named->second[Bytes(key.begin(), key.end())] = Bytes(value.begin(), value.end());
}

std::optional<ByteView> MemoryViewStore::insert(std::string_view table, ByteView key,
                                                ByteView value) {
  if (const auto stored = get(table, key)) return stored;
  put(table, key, value);
  return std::nullopt;
}

void MemoryViewStore::erase(std::string_view table, ByteView key) {
  const auto named = tables_.find(table);
  if (named != tables_.end()) named->second.erase(Bytes(key.begin(), key.end()));
}

void MemoryViewStore::scan(std::string_view table, ByteView prefix,
                           const std::function<bool(ByteView key, ByteView value)>& visit) const {
  const auto named = tables_.find(table);
  if (named == tables_.end()) return;
  for (auto it = named->second.lower_bound(Bytes(prefix.begin(), prefix.end()));
       it != named->second.end(); ++it) {
    if (it->first.size() < prefix.size() ||
        !std::equal(prefix.begin(), prefix.end(), it->first.begin())) {
      break;
    }
    if (!visit(it->first, it->second)) break;
  }
}

MemoryViewStore replay_in_memory(const Ledger& ledger, const Fold& fold) {
  MemoryViewStore memory;
  for (std::uint64_t sequence = 0; sequence < ledger.size(); ++sequence) {
    const Entry entry = ledger.entry(sequence);
    fold.apply(memory, entry, EntryStamp::of(entry));
  }
  std::size_t records = 0;
  ledger.read_views([&](const ViewStore& live) {
    for (const std::string& table : fold.tables()) {
      std::vector<std::pair<Bytes, Bytes>> in_memory, in_lmdb;
      memory.scan(table, {}, [&](ByteView key, ByteView value) {
        in_memory.emplace_back(Bytes(key.begin(), key.end()), Bytes(value.begin(), value.end()));
        return true;
      });
      live.scan(table, {}, [&](ByteView key, ByteView value) {
        in_lmdb.emplace_back(Bytes(key.begin(), key.end()), Bytes(value.begin(), value.end()));
        return true;
      });
      INFO("table " << table);
      CHECK(in_memory.size() == in_lmdb.size());
      CHECK(in_memory == in_lmdb);
      records += in_lmdb.size();
    }
  });
  CHECK(records > 0);
  return memory;
}

}  // namespace taizhang::test

#include "test_support.h"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
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

}  // namespace taizhang::test

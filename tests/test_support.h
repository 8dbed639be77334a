// Helpers shared by the C++ tests: scratch directories, the vectors file, deterministic keys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/keys.h"

namespace taizhang::test {

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

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace taizhang::test

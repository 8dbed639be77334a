// An interchange stream from outside (a log stream, or a snapshot): read and imported into a new
// replica, or refused with an Error and nothing left behind; never a crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "taizhang/error.h"
#include "taizhang/interchange.h"
#include "taizhang/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                           ("taizhang-fuzz-stream-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = dir / "in.tzlog";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    taizhang::read_snapshot(path);  // the same bytes as a snapshot stream
  } catch (const taizhang::Error&) {
  }
  try {
    taizhang::read_stream_header(path);
    taizhang::LedgerOptions options;
    options.durable = false;
    options.fold = taizhang::register_fold();
    taizhang::import_new(dir / "replica", path, nullptr, options);
  } catch (const taizhang::Error&) {
    if (std::filesystem::exists(dir / "replica" / "data.mdb")) std::abort();
  }
  std::filesystem::remove_all(dir / "replica");
  return 0;
}

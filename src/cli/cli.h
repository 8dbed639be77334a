// Pieces shared by the subcommands of the `taizhang` command line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/date.h"
#include "taizhang/ledger.h"

namespace taizhang::cli {

constexpr int kExitDamaged = 1;
constexpr int kExitErrorBase = 10;

// Progress on a terminal only: one line rewritten in place.
class Progress {
 public:
  explicit Progress(std::string label);
  void update(std::uint64_t done, std::uint64_t total);

 private:
  std::string label_;
  bool shown_;
};

// The date given on the command line (InvalidInput naming `option` if it is not one), or the
// register's today when none was given.
Date date_or_today(const std::string& text, std::string_view option, const Ledger& ledger);

// The whole file; NotFound or StorageError naming it.
std::string read_text_file(const std::string& path);

double seconds_since(std::chrono::steady_clock::time_point start);
std::string json_escape(std::string_view text);
// "12,345,678.90": yuan with thousands separators, for reports people read.
std::string yuan_text(std::int64_t fen);
// part / whole as a percentage with two decimals ("63.45"), rounded half up, in integers.
std::string percent_text(std::int64_t part, std::int64_t whole);

struct DemoOptions {
  std::string dir = "taizhang-demo";
  unsigned townships = 10;
  unsigned villages_per_township = 12;
  unsigned assets = 20000;
  std::uint64_t seed = 2021;
};

// Writes a village's public notice (公示) as printable HTML. Exit code.
int run_notice(const std::string& dir, const std::string& village, const std::string& as_of,
               const std::string& out);

// Builds a demonstration county register and prints what it did. Exit code.
int run_demo(const DemoOptions& options);

}  // namespace taizhang::cli

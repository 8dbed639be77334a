// Pieces shared by the subcommands of the `taizhang` command line.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/chinese.h"
#include "taizhang/date.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"
#include "taizhang/keys.h"
#include "taizhang/ledger.h"
#include "taizhang/records.h"
#include "taizhang/share.h"
#include "taizhang/spreadsheet.h"

namespace taizhang::cli {

constexpr int kExitDamaged = 1;
constexpr int kExitErrorBase = 10;

// The language of what the command line prints: Chinese unless --lang en (or TAIZHANG_LANG=en,
// or an English locale) says English. JSON keys are English either way.
enum class Lang { kChinese, kEnglish };
Lang lang();
void set_lang(Lang lang);
// The language from the environment: TAIZHANG_LANG, then LC_ALL, LC_MESSAGES, LANG (en_*).
Lang lang_from_environment();
inline const char* tr(const char* chinese, const char* english) {
  return lang() == Lang::kEnglish ? english : chinese;
}
// An official's role as the county names it (县乡村振兴局, 村民委员会, ...) or its English key.
std::string role_label(Role role);

// The Chinese names of the register's words (English keys with --lang en).
std::string label(AssetClass v);
std::string label(AssetStatus v);
std::string label(AssetCategory v);
std::string label(AssetForm v);
std::string label(FundingSource v);
std::string label(MaintenanceMode v);
std::string label(OperationMode v);
std::string label(DisposalMethod v);
std::string label(DisposalStepKind v);
std::string label(NoticeSubject v);
std::string label(PartyKind v);
std::string label(OwnershipLevel v);
std::string rule_label(std::string_view rule);
// An entry's kind: 资产登记, 资产信息更正, ... (the English key with --lang en).
std::string kind_label(const Body& body);

// Signer::load, refusing a public key (a .pub) given in its place with a clear word on which
// file to give instead.
Signer load_signer(const std::string& key_path);

// The signer key file `key_path` of `actor`: InvalidInput when none is given, Unauthorized when
// the key is not the one the register enrolled for the actor (so a wrong key is named at once,
// not as a refusal of every row).
Signer signer_of(const Ledger& ledger, std::uint64_t actor, const std::string& key_path);

// The county's signer key file for `ledger`: Unauthorized naming both keys when it is another
// key (a registrar's, another county's), before anything is signed with it.
Signer county_signer(const Ledger& ledger, const std::string& key_path);

// An error as the command line prints it: its kind in Chinese (or English), then the message.
// A share as a percentage: exact when it is one ("60%", "12.5%"), otherwise the fraction with
// its percentage to two places ("1/3（约 33.33%）").
std::string share_percent(const Share& share);

// `text` followed by spaces to `width` terminal columns: a Chinese character takes two columns,
// so printf's %-Ns (which counts bytes) misaligns Chinese columns.
std::string pad(const std::string& text, std::size_t width);
// Spaces to `width` terminal columns, then `text`: a right-aligned column of Chinese text.
std::string pad_left(const std::string& text, std::size_t width);

// Runs `command` in a forked child and returns its exit code; a child killed by a signal (LMDB
// following a damaged page) is reported as a damaged register with IntegrityError's exit code.
int isolated(const std::function<int()>& command);

std::string error_text(const Error& error);

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
struct NoticeOptions {
  std::string dir;
  std::string village;           // 12-digit code or the division's unique name
  std::string as_of;             // book values' day; empty: the register's today
  std::string from;              // the publicity's first day; empty: the register's today
  std::optional<unsigned> days;  // the publicity's length; none: the policy's
  std::string place = "村务公开栏";
  std::string key_path;  // the county's key: sign a fresh checkpoint first
  std::string out;
};
int run_notice(const NoticeOptions& options);

// A command that writes what a sheet holds, signed by the actor --by with --key.
struct SheetCommand {
  std::string dir;
  std::string path;
  std::string key_path;
  std::string effective;  // empty: the register's today
  std::uint64_t actor = 1;
  bool json = false;
};
// What a sheet command prints about the sheet it read: the header's row and the columns it
// ignored (on standard error, so --json output stays one object per line), then every problem.
void print_sheet_reading(std::size_t header_row, const std::vector<std::string>& ignored,
                         const std::vector<RowProblem>& problems, bool json);
// A .csv (UTF-8 or GBK) or .xlsx file's cells.
Sheet read_sheet_file(const std::string& path);
bool is_sheet_path(const std::string& path);
int run_divisions(const SheetCommand& command);
int run_parties(const SheetCommand& command, const std::string& identity_key_path);
int run_actors(const SheetCommand& command);
// Records what a sheet of events holds (inspections, stocktaking, incomes, status, notices).
int run_record(const SheetCommand& command, const std::string& kind);
// Writes an empty sheet of `kind` (assets, divisions, parties, actors) with one example row.
int run_template(const std::string& kind, const std::string& out);

// `taizhang policy`: shows the register's settings, or signs a new policy version changing those
// given.
struct PolicyChange {
  std::optional<std::string> supervision_phone;
  std::optional<std::string> supervision_unit;
  std::optional<std::uint16_t> publicity_days;
};
int run_policy(const std::string& dir, const PolicyChange& change, const SheetCommand& writer);

// Builds a demonstration county register and prints what it did. Exit code.
int run_demo(const DemoOptions& options);

}  // namespace taizhang::cli

// A spreadsheet from outside: CSV parsed and imported into a register, or refused row by row;
// never a crash, and the register still verifies.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/spreadsheet.h"

namespace {

// The registrar's key, which signs every write of the fuzzed imports.
const taizhang::Signer& registrar() {
  static const taizhang::Signer* signer = [] {
    std::uint8_t seed[32] = {2};
    return new taizhang::Signer(taizhang::Signer::from_seed("registrar", seed));
  }();
  return *signer;
}

taizhang::Registry& registry() {
  static taizhang::Registry* reg = [] {
    const std::string dir = std::filesystem::temp_directory_path() /
                            ("taizhang-fuzz-sheet-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::uint8_t seed[32] = {1};
    const auto log_key = taizhang::Signer::from_seed("fuzz.example/520122", seed);
    taizhang::LedgerOptions options;
    options.durable = false;
    auto* r = new taizhang::Registry(
        taizhang::Registry::create(dir, {"520122000000", "息烽县", "fuzz.example/520122"}, log_key,
                                   registrar().verifier().public_key(), options));
    const auto day = taizhang::Date::parse("2026-01-05");
    for (const char* code : {"520122000000", "520122101000", "520122101201"}) {
      r->submit({{1, day, {}, &registrar()},
                 taizhang::DivisionDefined{code, "A1村", taizhang::Date::parse("2000-01-01"),
                                           taizhang::Date()}});
    }
    taizhang::PartyRegistered village;
    village.kind = taizhang::PartyKind::kVillageCollective;
    village.name = "A1村合作社";
    village.division = "520122101201";
    const std::string first17 = "93520122000000001";
    village.credit_code = first17 + taizhang::credit_code_check_character(first17);
    r->submit({{1, day, {}, &registrar()}, village});
    return r;
  }();
  return *reg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const taizhang::Sheet sheet = taizhang::parse_csv(text);
    taizhang::SheetImportOptions options;
    options.effective = taizhang::Date::parse("2026-03-01");
    options.signer = &registrar();
    options.keep_good_rows = (size % 2) == 1;
    taizhang::import_asset_sheet(registry(), sheet, options);
  } catch (const taizhang::Error&) {
  }
  return 0;
}

// Spreadsheet import at scale, beside registering the same assets directly in the same process.
//
//   sheet_bench [--rows N] [--dir DIR]
//
// Generates a CSV 台账 of N rows with Chinese headers (amounts in 万元, funding split in two,
// owners by name), then times parse_csv + import_asset_sheet (every value converted and checked,
// then one durable transaction), beside Registry::submit of the same assets built in code into
// a second register (the baseline: the register's own cost, without the sheet).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "bench_support.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/spreadsheet.h"

namespace {

using namespace taizhang;
using namespace taizhang::bench;

Registry county(const std::string& dir) {
  LedgerOptions options;
  options.map_size_bytes = std::uint64_t{8} << 30;
  Registry registry =
      Registry::create(dir, {"520122000000", "bench", "bench.example/3"}, key("bench.example/3", 1),
                       registrar().verifier().public_key(), options);
  const Date day = Date::parse("2026-01-05");
  for (const char* code : {"520122000000", "520122101000", "520122101201"}) {
    registry.submit({{1, day, {}, &registrar()},
                     DivisionDefined{code, "x", Date::parse("2000-01-01"), Date()}});
  }
  PartyRegistered collective;
  collective.kind = PartyKind::kVillageCollective;
  collective.name = "A1村股份经济合作社";
  collective.division = "520122101201";
  const std::string first17 = "93520122000000001";
  collective.credit_code = first17 + credit_code_check_character(first17);
  registry.submit({{1, day, {}, &registrar()}, collective});
  return registry;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = 100'000;
  std::string dir = "bench-sheet";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 < argc && flag == "--rows")
      rows = std::stoul(argv[++i]);
    else if (i + 1 < argc && flag == "--dir")
      dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: sheet_bench [--rows N] [--dir DIR]\n");
      return 2;
    }
  }
  try {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string csv =
        "资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值(万元),资金来源(万元),产权归属,"
        "使用状态,数量,计量单位\r\n";
    for (std::size_t i = 0; i < rows; ++i) {
      const std::size_t wan = 10 + i % 90;
      csv += "XF-" + std::to_string(i) + ",通组路,公益性,基础设施,520122101201,2021年6月30日," +
             std::to_string(wan) + ".5,中央财政:" + std::to_string(wan - 5) +
             ";县级财政:5.5,A1村股份经济合作社,在用,1.5,km\r\n";
    }
    Registry sheet_register = county(dir + "/sheet");
    SheetImportOptions options;
    options.effective = Date::parse("2026-03-01");
    options.signer = &registrar();
    auto start = Clock::now();
    const SheetImportReport report = import_asset_sheet(sheet_register, parse_csv(csv), options);
    const double sheet_seconds = seconds_since(start);
    if (!report.problems.empty() || report.assets.size() != rows) {
      std::fprintf(stderr, "sheet_bench: %zu problems, first: %s\n", report.problems.size(),
                   report.problems.empty() ? "" : report.problems[0].reason.c_str());
      return 1;
    }
    // The baseline: the same assets, built in code, one durable transaction.
    Registry direct = county(dir + "/direct");
    std::vector<RegistryRequest> requests;
    requests.reserve(rows);
    for (const std::uint64_t id : report.assets) {
      AssetRegistered a;
      const Asset asset = sheet_register.get_asset(id);
      a.code = asset.code;
      a.asset_class = asset.asset_class;
      a.description = asset.description;
      a.status = asset.status;
      a.owners = asset.owners;
      requests.push_back({{1, options.effective, random_request_id(), &registrar()}, std::move(a)});
    }
    start = Clock::now();
    direct.submit(requests);
    const double direct_seconds = seconds_since(start);
    const auto n = static_cast<double>(rows);
    std::printf("sheet_bench: %zu rows (%.1f MiB of CSV), %u cores\n", rows,
                static_cast<double>(csv.size()) / (1 << 20), std::thread::hardware_concurrency());
    std::printf("%-60s %10s %10s %8s\n", "scenario", "seconds", "rows/s", "ratio");
    std::printf("%-60s %10.2f %10.0f %8s\n", "baseline: Registry::submit of the same assets",
                direct_seconds, n / direct_seconds, "1.00");
    std::printf("%-60s %10.2f %10.0f %8.2f\n", "taizhang: parse_csv + import_asset_sheet",
                sheet_seconds, n / sheet_seconds, direct_seconds / sheet_seconds);
    std::printf("target: %zu rows under 3 s: %s\n", rows, sheet_seconds < 3 ? "met" : "NOT met");
    std::filesystem::remove_all(dir);
  } catch (const Error& error) {
    std::fprintf(stderr, "sheet_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}

// A workbook from outside: an .xlsx archive read into cells and then as a division table;
// never a crash, only InvalidInput for what is not a readable workbook.
#include <cstdint>
#include <string_view>

#include "taizhang/error.h"
#include "taizhang/spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const taizhang::Sheet sheet = taizhang::read_xlsx(bytes);
    taizhang::read_division_sheet(sheet, taizhang::Date::parse("2026-01-01"));
  } catch (const taizhang::Error&) {
  }
  return 0;
}

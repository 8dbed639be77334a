// Core values for the Python package: exact money parsing and printing, shares, dates.
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/date.h"
#include "taizhang/entry.h"
#include "taizhang/money.h"
#include "taizhang/share.h"
#include "taizhang/spreadsheet.h"

namespace taizhang::python {

void register_values(py::module_& module) {
  module.def(
      "parse_yuan",
      [](const std::string& text, const std::string& field) {
        return Money::parse_yuan(text, field).fen();
      },
      py::arg("text"), py::arg("field") = "amount", "Exact 元 text -> integer fen.");
  module.def(
      "parse_wan_yuan",
      [](const std::string& text, const std::string& field) {
        return Money::parse_wan_yuan(text, field).fen();
      },
      py::arg("text"), py::arg("field") = "amount", "Exact 万元 text -> integer fen.");
  module.def(
      "chinese_labels",
      [] {
        py::dict labels;
        for (const auto& [key, label] : chinese_labels()) labels[py::str(key)] = py::str(label);
        return labels;
      },
      "The library's one table of Chinese labels: entry kinds and audit rules by English key.");
  module.def(
      "entry_kinds",
      [] {
        std::vector<std::string> kinds;
        for (const std::string_view kind : body_kinds()) kinds.emplace_back(kind);
        return kinds;
      },
      "Every kind of entry, by its English key.");
  module.def(
      "format_yuan", [](std::int64_t fen) { return Money::from_fen(fen).to_yuan_string(); },
      py::arg("fen"));
  module.def(
      "parse_csv", [](const std::string& text) { return parse_csv(text); }, py::arg("text"),
      "CSV text or the bytes of a file -> rows of cells (RFC 4180; UTF-8 with or without a "
      "byte-order mark, or GB18030/GBK as Excel saves it on a Chinese Windows).");
  module.def(
      "division_level",
      [](const std::string& code) {
        constexpr const char* kLevels[] = {"province", "city", "county", "township", "village"};
        return std::string(kLevels[static_cast<int>(division_level(code))]);
      },
      py::arg("code"), "The level a 12-digit division code names: province ... village.");
  module.def(
      "decode_sheet_text",
      [](const py::bytes& bytes) { return decode_sheet_text(std::string(bytes)); }, py::arg("data"),
      "The bytes of a file as text: UTF-8 (BOM dropped) or GB18030/GBK.");
  module.def(
      "write_csv", [](const Sheet& rows) { return write_csv(rows); }, py::arg("rows"),
      "Rows of cells -> CSV text (CR LF, a byte-order mark first).");
  module.def("sheet_columns", [] {
    py::list out;
    for (const SheetColumn& c : sheet_columns()) {
      out.append(py::make_tuple(std::string(c.chinese), std::string(c.english),
                                std::string(c.meaning), c.required));
    }
    return out;
  });
  module.def(
      "parse_share",
      [](const std::string& text, const std::string& field) {
        const Share share = Share::parse(text, field);
        return py::make_tuple(share.numerator(), share.denominator());
      },
      py::arg("text"), py::arg("field") = "share", "\"3/10\" or \"0.3\" -> (3, 10).");
  module.def("parse_quantity", &parse_quantity_milli, py::arg("text"),
             py::arg("field") = "quantity", "\"2.5\" -> 2500 (thousandths), exactly.");
  module.def(
      "parse_date",
      [](const std::string& text, const std::string& field) {
        return Date::parse(text, field).days();
      },
      py::arg("text"), py::arg("field") = "date", "ISO date -> days since 1970-01-01.");
  module.def(
      "date_from_civil",
      [](int year, int month, int day, const std::string& field) {
        return Date::from_civil(year, month, day, field).days();
      },
      py::arg("year"), py::arg("month"), py::arg("day"), py::arg("field") = "date");
}

}  // namespace taizhang::python

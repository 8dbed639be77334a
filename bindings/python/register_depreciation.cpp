// Depreciation schedules as numpy columns.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/depreciation.h"

namespace taizhang::python {

void register_depreciation(py::module_& module) {
  module.def(
      "depreciation_schedule",
      [](std::int64_t original_fen, const std::string& method, std::int32_t life_months,
         std::int32_t start_days, const std::string& regime, const std::string& residual_rate,
         std::uint64_t units_total, const std::vector<std::uint64_t>& units) {
        DepreciationPlan plan;
        plan.original = Money::from_fen(original_fen);
        plan.method = parse_depreciation_method(method, "method");
        plan.life_months = life_months;
        plan.acquired = Date::from_days(start_days, "start");
        plan.regime = parse_depreciation_regime(regime, "regime");
        plan.residual_rate = Share::parse(residual_rate, "residual_rate");
        plan.units_total = units_total;
        plan.units = units;
        std::vector<DepreciationRow> rows;
        {
          py::gil_scoped_release release;
          rows = depreciation_schedule(plan);
        }
        const auto n = static_cast<py::ssize_t>(rows.size());
        py::array_t<std::int32_t> period_end(n);
        py::array_t<std::int64_t> depreciation(n), accumulated(n), book_value(n);
        auto ends = period_end.mutable_unchecked<1>();
        auto dep = depreciation.mutable_unchecked<1>();
        auto acc = accumulated.mutable_unchecked<1>();
        auto book = book_value.mutable_unchecked<1>();
        for (py::ssize_t i = 0; i < n; ++i) {
          const auto& row = rows[static_cast<std::size_t>(i)];
          ends(i) = row.period_end.days();
          dep(i) = row.depreciation.fen();
          acc(i) = row.accumulated.fen();
          book(i) = row.book_value.fen();
        }
        return py::make_tuple(period_end, depreciation, accumulated, book_value);
      },
      py::arg("original_fen"), py::arg("method"), py::arg("life_months"), py::arg("start_days"),
      py::arg("regime"), py::arg("residual_rate"), py::arg("units_total"), py::arg("units"),
      "Columns (period_end days, depreciation_fen, accumulated_fen, book_value_fen).");
}

}  // namespace taizhang::python

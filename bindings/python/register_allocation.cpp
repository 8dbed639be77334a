// Income allocation for notebooks: the plan as lists of primitive tuples, rows as indexes.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/allocation.h"

namespace taizhang::python {

void register_allocation(py::module_& module) {
  using Fixed = std::tuple<std::string, std::string, std::int64_t>;
  // (line, principal_fen, rate numerator, rate denominator, amount_fen or None)
  using Guaranteed = std::tuple<std::string, std::int64_t, std::uint64_t, std::uint64_t,
                                std::optional<std::int64_t>>;
  // (line, purpose, fraction numerator, denominator, [(weight numerator, denominator)])
  using Proportional = std::tuple<std::string, std::string, std::uint64_t, std::uint64_t,
                                  std::vector<std::pair<std::uint64_t, std::uint64_t>>>;
  module.def(
      "allocate",
      [](std::int64_t amount_fen, const std::vector<Fixed>& fixed,
         const std::vector<Guaranteed>& guaranteed, const std::vector<Proportional>& proportional,
         std::int32_t period_days) {
        AllocationPlan plan;
        for (const auto& [line, purpose, amount] : fixed) {
          plan.fixed.push_back({line, purpose, Money::from_fen(amount)});
        }
        for (const auto& [line, principal, numerator, denominator, amount] : guaranteed) {
          plan.guaranteed.push_back(
              {line, Money::from_fen(principal),
               Share::of(numerator, denominator, "guaranteed (line \"" + line + "\").rate"),
               amount ? std::optional<Money>(Money::from_fen(*amount)) : std::nullopt});
        }
        for (const auto& [line, purpose, numerator, denominator, weights] : proportional) {
          ProportionalLine p{
              line,
              purpose,
              Share::of(numerator, denominator, "proportional (line \"" + line + "\").fraction"),
              {}};
          for (const auto& [n, d] : weights) p.beneficiaries.push_back({n, d});
          plan.proportional.push_back(std::move(p));
        }
        const auto rows = allocate(Money::from_fen(amount_fen), plan, period_days);
        const auto n = static_cast<py::ssize_t>(rows.size());
        py::array_t<std::int32_t> kind(n), line(n), beneficiary(n);
        py::array_t<std::int64_t> amount(n);
        for (py::ssize_t i = 0; i < n; ++i) {
          const auto& row = rows[static_cast<std::size_t>(i)];
          kind.mutable_at(i) = static_cast<std::int32_t>(row.kind);
          line.mutable_at(i) = static_cast<std::int32_t>(row.line);
          beneficiary.mutable_at(i) =
              row.beneficiary ? static_cast<std::int32_t>(*row.beneficiary) : -1;
          amount.mutable_at(i) = row.amount.fen();
        }
        return py::make_tuple(kind, line, beneficiary, amount);
      },
      py::arg("amount_fen"), py::arg("fixed"), py::arg("guaranteed"), py::arg("proportional"),
      py::arg("period_days"));
}

}  // namespace taizhang::python

// The Registry for the Python package: typed writes with primitive arguments (taizhang/
// registry.py converts Python values), and reads as dicts of numpy columns.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/spreadsheet.h"

namespace taizhang::python {
namespace {

WriteContext context(std::uint64_t by, std::int32_t effective_days, const py::object& request_id) {
  return {by, Date::from_days(effective_days, "effective"), request_id_arg(request_id)};
}

using OwnerTuple = std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>;

std::vector<OwnerShare> to_owners(const std::vector<OwnerTuple>& owners) {
  std::vector<OwnerShare> out;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const auto& [party, numerator, denominator] = owners[i];
    out.push_back(
        {party, Share::of(numerator, denominator, "owners[" + std::to_string(i) + "].share")});
  }
  return out;
}

AssetDescription to_description(const py::dict& d) {
  AssetDescription out;
  out.name = d["name"].cast<std::string>();
  out.form = parse_asset_form(d["form"].cast<std::string>(), "form");
  out.category = parse_asset_category(d["category"].cast<std::string>(), "category");
  out.use_right_years = d["use_right_years"].cast<std::uint16_t>();
  out.project_name = d["project_name"].cast<std::string>();
  out.project_year = d["project_year"].cast<std::uint16_t>();
  out.implementing_unit = d["implementing_unit"].cast<std::string>();
  out.division = d["division"].cast<std::string>();
  out.place = d["place"].cast<std::string>();
  out.quantity_milli = d["quantity_milli"].cast<std::int64_t>();
  out.unit = d["unit"].cast<std::string>();
  out.completed = Date::from_days(d["completed_days"].cast<std::int32_t>(), "completed");
  out.original = Money::from_fen(d["original_fen"].cast<std::int64_t>());
  const auto funding = d["funding"].cast<std::vector<std::pair<std::string, std::int64_t>>>();
  for (std::size_t i = 0; i < funding.size(); ++i) {
    out.funding.push_back(
        {parse_funding_source(funding[i].first, "funding[" + std::to_string(i) + "].source"),
         Money::from_fen(funding[i].second)});
  }
  out.investee = d["investee"].cast<std::uint64_t>();
  return out;
}

py::dict description_dict(const AssetDescription& d) {
  py::dict out;
  out["name"] = d.name;
  out["form"] = std::string(name_of(d.form));
  out["category"] = std::string(name_of(d.category));
  out["use_right_years"] = d.use_right_years;
  out["project_name"] = d.project_name;
  out["project_year"] = d.project_year;
  out["implementing_unit"] = d.implementing_unit;
  out["division"] = d.division;
  out["place"] = d.place;
  out["quantity_milli"] = d.quantity_milli;
  out["unit"] = d.unit;
  out["completed_days"] = d.completed.days();
  out["original_fen"] = d.original.fen();
  py::list funding;
  for (const FundingLine& line : d.funding) {
    funding.append(py::make_tuple(std::string(name_of(line.source)), line.amount.fen()));
  }
  out["funding"] = funding;
  out["investee"] = d.investee;
  return out;
}

py::list owners_list(const std::vector<OwnerShare>& owners) {
  py::list out;
  for (const OwnerShare& owner : owners) {
    out.append(py::make_tuple(owner.party, owner.share.to_string()));
  }
  return out;
}

py::dict asset_dict(const Asset& asset) {
  py::dict out;
  out["id"] = asset.id;
  out["code"] = asset.code;
  out["asset_class"] = std::string(name_of(asset.asset_class));
  out["status"] = std::string(name_of(asset.status));
  out["description"] = description_dict(asset.description);
  out["description_sequence"] = asset.description_sequence;
  out["owners"] = owners_list(asset.owners);
  out["registered_sequence"] = asset.registered_sequence;
  out["registered_days"] = asset.registered.days();
  out["last_sequence"] = asset.last_sequence;
  return out;
}

// Column builders: numbers into numpy arrays, text into lists (pandas keeps text as objects).
template <typename T>
py::array_t<T> column(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

// The table of a list of decoded assets (the as-of path, which replays each asset).
AssetTable table_of(const std::vector<Asset>& assets) {
  AssetTable table;
  auto code_in = [](std::vector<std::string>& values, const std::string& text) {
    const auto it = std::find(values.begin(), values.end(), text);
    if (it != values.end()) return static_cast<std::uint32_t>(it - values.begin());
    values.push_back(text);
    return static_cast<std::uint32_t>(values.size() - 1);
  };
  for (const Asset& a : assets) {
    table.id.push_back(a.id);
    table.code.push_back(a.code);
    table.asset_class.push_back(static_cast<std::uint16_t>(a.asset_class));
    table.status.push_back(static_cast<std::uint16_t>(a.status));
    table.category.push_back(static_cast<std::uint16_t>(a.description.category));
    table.form.push_back(static_cast<std::uint16_t>(a.description.form));
    table.name.push_back(code_in(table.names, a.description.name));
    table.division.push_back(code_in(table.divisions, a.description.division));
    table.unit.push_back(code_in(table.units, a.description.unit));
    table.original_fen.push_back(a.description.original.fen());
    table.quantity_milli.push_back(a.description.quantity_milli);
    table.completed_day.push_back(a.description.completed.days());
    table.registered_day.push_back(a.registered.days());
    table.owner_count.push_back(static_cast<std::uint32_t>(a.owners.size()));
    table.first_owner.push_back(a.owners.empty() ? 0 : a.owners.front().party);
  }
  return table;
}

// Columns for pandas: numbers as numpy arrays; coded text as (codes, categories) pairs that
// taizhang/registry.py turns into Categoricals; only the unique asset code is a list of str.
py::dict asset_columns(const AssetTable& t) {
  auto codes = [](const auto& values) {
    std::vector<std::int32_t> out(values.begin(), values.end());
    return column(out);
  };
  auto names_of = [](auto name_of_value, std::uint16_t count) {
    py::list out;
    for (std::uint16_t i = 0; i < count; ++i) out.append(std::string(name_of_value(i)));
    return out;
  };
  py::list code;
  for (const std::string& c : t.code) code.append(py::str(c));
  py::dict out;
  out["asset_id"] = column(t.id);
  out["code"] = code;
  out["name"] = py::make_tuple(codes(t.name), t.names);
  out["asset_class"] = py::make_tuple(
      codes(t.asset_class),
      names_of([](std::uint16_t v) { return name_of(static_cast<AssetClass>(v)); }, 3));
  out["status"] = py::make_tuple(
      codes(t.status),
      names_of([](std::uint16_t v) { return name_of(static_cast<AssetStatus>(v)); }, 7));
  out["division"] = py::make_tuple(codes(t.division), t.divisions);
  out["category"] = py::make_tuple(
      codes(t.category),
      names_of([](std::uint16_t v) { return name_of(static_cast<AssetCategory>(v)); }, 16));
  out["form"] = py::make_tuple(
      codes(t.form),
      names_of([](std::uint16_t v) { return name_of(static_cast<AssetForm>(v)); }, 6));
  out["original_fen"] = column(t.original_fen);
  out["quantity_milli"] = column(t.quantity_milli);
  out["unit"] = py::make_tuple(codes(t.unit), t.units);
  out["completed_days"] = column(t.completed_day);
  out["registered_days"] = column(t.registered_day);
  out["owner_count"] = column(t.owner_count);
  out["first_owner"] = column(t.first_owner);
  return out;
}

}  // namespace

void register_registry(py::module_& module) {
  py::class_<IdentityKey>(module, "IdentityKey",
                          "The county's key for hashing identity numbers (kept outside the "
                          "register, mode 0600).")
      .def_static("generate", &IdentityKey::generate)
      .def_static("load", &IdentityKey::load, py::arg("path"))
      .def("save", &IdentityKey::save, py::arg("path"))
      .def(
          "hash",
          [](const IdentityKey& key, const std::string& number) {
            return from_bytes(key.hash(number));
          },
          py::arg("identity_number"));

  py::class_<Registry>(module, "Registry")
      .def_static(
          "create",
          [](const std::string& path, const std::string& county_code,
             const std::string& county_name, const std::string& origin, const Signer& key,
             const py::bytes& registrar_public_key, bool durable) {
            LedgerOptions options;
            options.durable = durable;
            return Registry::create(path, {county_code, county_name, origin}, key,
                                    to_bytes(registrar_public_key), options);
          },
          py::arg("path"), py::arg("county_code"), py::arg("county_name"), py::arg("origin"),
          py::arg("key"), py::arg("registrar_public_key"), py::arg("durable") = true)
      .def_static(
          "open",
          [](const std::string& path, bool readonly) {
            LedgerOptions options;
            options.read_only = readonly;
            return Registry::open(path, options);
          },
          py::arg("path"), py::arg("readonly") = false)
      .def("submit_enrol",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t actor, const std::string& name, const std::string& role,
              const std::string& jurisdiction, const py::bytes& public_key) {
             return r.submit(
                 {context(by, day, rid), ActorKeyEnrolled{actor, name, parse_role(role),
                                                          jurisdiction, to_bytes(public_key)}});
           })
      .def("submit_division",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              const std::string& code, const std::string& name, std::int32_t from,
              std::int32_t until) {
             return r.submit({context(by, day, rid),
                              DivisionDefined{code, name, Date::from_days(from, "valid_from"),
                                              Date::from_days(until, "valid_until")}});
           })
      .def("define_divisions_csv",
           [](Registry& r, std::uint64_t by, std::int32_t day, const std::string& text) {
             const std::vector<Division> rows = parse_division_csv(text);
             r.define_divisions(context(by, day, py::none()), rows);
             return rows.size();
           })
      .def("submit_party",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              const std::string& kind, const std::string& name, const std::string& division,
              const std::string& credit_code, const py::bytes& person_hash, bool alleviated,
              bool monitored, bool unable) {
             return r.submit(
                 {context(by, day, rid),
                  PartyRegistered{parse_party_kind(kind, "kind"), name, division, credit_code,
                                  to_bytes(person_hash), alleviated, monitored, unable}});
           })
      .def("submit_asset",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              const std::string& code, const std::string& asset_class, const py::dict& description,
              const std::string& status, const std::vector<OwnerTuple>& owners) {
             return r.submit(
                 {context(by, day, rid),
                  AssetRegistered{code, parse_asset_class(asset_class, "asset_class"),
                                  to_description(description), parse_asset_status(status, "status"),
                                  to_owners(owners)}});
           })
      .def("submit_status",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& status, const std::string& reason) {
             return r.submit(
                 {context(by, day, rid),
                  AssetStatusChanged{asset, parse_asset_status(status, "status"), reason}});
           })
      .def("submit_ownership",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::vector<OwnerTuple>& owners) {
             return r.submit({context(by, day, rid), OwnershipConfirmed{asset, to_owners(owners)}});
           })
      .def(
          "submit_correction",
          [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
             std::uint64_t asset, std::uint64_t corrects, const py::dict& description,
             const std::string& reason) {
            return r.submit({context(by, day, rid),
                             AssetCorrected{asset, corrects, to_description(description), reason}});
          })
      .def("submit_right",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& right, std::uint64_t party,
              std::int32_t from, std::int32_t until) {
             return r.submit({context(by, day, rid),
                              RightBound{asset, parse_right_kind(right, "right"), party,
                                         Date::from_days(from, "from"),
                                         Date::from_days(until, "until")}});
           })
      .def("submit_operation",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, std::uint64_t operator_party, const std::string& mode,
              std::int32_t from, std::int32_t until, std::int64_t rent_fen,
              std::int64_t principal_fen, std::uint64_t rate_numerator,
              std::uint64_t rate_denominator, std::int64_t guarantee_fen,
              std::uint64_t step_numerator, std::uint64_t step_denominator,
              const std::vector<std::uint64_t>& decided_by) {
             OperationContracted c;
             c.asset = asset;
             c.operator_party = operator_party;
             c.mode = parse_operation_mode(mode, "mode");
             c.from = Date::from_days(from, "from");
             c.until = Date::from_days(until, "until");
             c.rent_per_year = Money::from_fen(rent_fen);
             c.principal = Money::from_fen(principal_fen);
             c.guarantee_rate = Share::of(rate_numerator, rate_denominator, "guarantee_rate");
             c.guarantee_per_year = Money::from_fen(guarantee_fen);
             c.step_up = Share::of(step_numerator, step_denominator, "step_up");
             c.decided_by = decided_by;
             return r.submit({context(by, day, rid), c});
           })
      .def("submit_maintenance",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, std::uint64_t party, const std::string& person,
              const std::string& mode, const std::string& funding, std::uint16_t interval,
              std::int32_t from) {
             return r.submit({context(by, day, rid),
                              MaintenanceBound{asset, party, person,
                                               parse_maintenance_mode(mode, "mode"), funding,
                                               interval, Date::from_days(from, "from")}});
           })
      .def("submit_inspection",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& inspector, const std::string& condition,
              const std::string& note, const std::vector<py::bytes>& evidence) {
             Inspected inspection{asset, inspector, parse_condition(condition, "condition"), note,
                                  {}};
             for (std::size_t i = 0; i < evidence.size(); ++i) {
               inspection.evidence.push_back(
                   to_hash_arg(evidence[i], ("evidence[" + std::to_string(i) + "]").c_str()));
             }
             return r.submit({context(by, day, rid), inspection});
           })
      .def("submit_value",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& kind, std::int64_t amount_fen,
              const py::bytes& report_hash, const std::string& appraiser) {
             return r.submit({context(by, day, rid),
                              ValueChanged{asset, parse_value_change_kind(kind, "kind"),
                                           Money::from_fen(amount_fen), to_bytes(report_hash),
                                           appraiser}});
           })
      .def("submit_depreciation",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& method, std::int32_t life_months,
              std::uint64_t residual_numerator, std::uint64_t residual_denominator,
              std::uint64_t units_total) {
             return r.submit(
                 {context(by, day, rid),
                  DepreciationPlanned{
                      asset,
                      static_cast<std::uint16_t>(parse_depreciation_method(method, "method")),
                      life_months,
                      Share::of(residual_numerator, residual_denominator, "residual_rate"),
                      units_total}});
           })
      .def("submit_units",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, std::int32_t month, std::uint64_t units) {
             return r.submit({context(by, day, rid),
                              UnitsRecorded{asset, Date::from_days(month, "month"), units}});
           })
      .def("submit_policy",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint32_t version, std::int32_t effective_from,
              const std::vector<std::pair<std::string, std::int32_t>>& lives,
              std::uint64_t residual_numerator, std::uint64_t residual_denominator,
              std::uint16_t inspection_interval_days, std::uint16_t publicity_days,
              std::int64_t threshold_fen,
              const std::vector<std::tuple<std::string, std::vector<std::string>,
                                           std::vector<std::string>, std::vector<std::string>>>&
                  chains,
              const std::vector<std::pair<std::string, bool>>& purposes,
              const std::vector<std::string>& prohibited,
              const std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t, bool>>&
                  quorums,
              std::uint32_t majority_numerator, std::uint32_t majority_denominator,
              const std::map<std::string, std::uint16_t>& audit_days) {
             PolicyDefined policy;
             policy.version = version;
             policy.effective_from = Date::from_days(effective_from, "effective_from");
             for (std::size_t i = 0; i < lives.size(); ++i) {
               policy.lives.emplace_back(
                   parse_asset_category(lives[i].first, "lives[" + std::to_string(i) + "]"),
                   lives[i].second);
             }
             policy.residual_rate =
                 Share::of(residual_numerator, residual_denominator, "residual_rate");
             policy.inspection_interval_days = inspection_interval_days;
             policy.publicity_days = publicity_days;
             policy.state_approval_threshold = Money::from_fen(threshold_fen);
             for (std::size_t i = 0; i < chains.size(); ++i) {
               const std::string field = "chains[" + std::to_string(i) + "]";
               const auto& [owner, per_owner, steps, above] = chains[i];
               ApprovalChain chain;
               chain.owner = parse_chain_owner(owner, field + ".owner");
               auto read = [&](const std::vector<std::string>& names, const std::string& list) {
                 std::vector<DisposalStepKind> kinds;
                 for (std::size_t j = 0; j < names.size(); ++j) {
                   kinds.push_back(parse_disposal_step_kind(
                       names[j], field + "." + list + "[" + std::to_string(j) + "]"));
                 }
                 return kinds;
               };
               chain.per_owner = read(per_owner, "per_owner");
               chain.steps = read(steps, "steps");
               chain.above_threshold = read(above, "above_threshold");
               policy.chains.push_back(std::move(chain));
             }
             for (const auto& [name, restricted_ok] : purposes) {
               policy.purposes.push_back({name, restricted_ok});
             }
             policy.prohibited_purposes = prohibited;
             for (std::size_t i = 0; i < quorums.size(); ++i) {
               const auto& [meeting, numerator, denominator, strict] = quorums[i];
               policy.quorums.push_back(
                   {parse_meeting(meeting, "quorums[" + std::to_string(i) + "].meeting"),
                    numerator, denominator, strict});
             }
             policy.majority_numerator = majority_numerator;
             policy.majority_denominator = majority_denominator;
             for (const auto& [name, days] : audit_days) {
               const auto fields = audit_day_fields();
               const auto field = std::find_if(fields.begin(), fields.end(),
                                               [&](const AuditDayField& f) { return f.name == name; });
               if (field == fields.end()) throw_invalid("audit_days", name, "no such audit limit");
               policy.audit.*field->days = days;
             }
             return r.submit({context(by, day, rid), policy});
           })
      .def("policy",
           [](const Registry& r, std::optional<std::uint32_t> version) {
             const PolicyDefined p = r.policy(version);
             py::dict out;
             out["version"] = p.version;
             out["effective_from_days"] = p.effective_from.days();
             py::dict lives;
             for (const auto& [category, months] : p.lives) {
               lives[py::str(std::string(name_of(category)))] = months;
             }
             out["lives"] = lives;
             out["residual_rate"] = p.residual_rate.to_string();
             out["inspection_interval_days"] = p.inspection_interval_days;
             out["publicity_days"] = p.publicity_days;
             out["state_approval_threshold_fen"] = p.state_approval_threshold.fen();
             py::dict audit_days;
             for (const AuditDayField& field : audit_day_fields()) {
               audit_days[py::str(std::string(field.name))] = p.audit.*field.days;
             }
             out["audit_days"] = audit_days;
             py::list chains;
             auto names = [](const std::vector<DisposalStepKind>& kinds) {
               py::list list;
               for (DisposalStepKind kind : kinds) list.append(std::string(name_of(kind)));
               return list;
             };
             for (const ApprovalChain& c : p.chains) {
               py::dict chain;
               chain["owner"] = std::string(name_of(c.owner));
               chain["per_owner"] = names(c.per_owner);
               chain["steps"] = names(c.steps);
               chain["above_threshold"] = names(c.above_threshold);
               chains.append(chain);
             }
             out["chains"] = chains;
             py::list purposes;
             for (const PurposeRule& p : p.purposes) {
               py::dict purpose;
               purpose["name"] = p.name;
               purpose["restricted_ok"] = p.restricted_ok;
               purposes.append(purpose);
             }
             out["purposes"] = purposes;
             out["prohibited_purposes"] = p.prohibited_purposes;
             py::list quorums;
             for (const QuorumRule& q : p.quorums) {
               py::dict quorum;
               quorum["meeting"] = std::string(name_of(q.meeting));
               quorum["fraction"] =
                   std::to_string(q.numerator) + "/" + std::to_string(q.denominator);
               quorum["strict"] = q.strict;
               quorums.append(quorum);
             }
             out["quorums"] = quorums;
             out["majority"] = std::to_string(p.majority_numerator) + "/" +
                               std::to_string(p.majority_denominator);
             return out;
           })
      .def("submit_disposal_request",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& trigger, const std::string& method,
              const std::string& reasons, const std::vector<py::bytes>& evidence,
              std::uint64_t appraisal) {
             DisposalRequested request{asset, parse_disposal_trigger(trigger, "trigger"),
                                       parse_disposal_method(method, "method"), reasons, {},
                                       appraisal};
             for (std::size_t i = 0; i < evidence.size(); ++i) {
               request.evidence.push_back(
                   to_hash_arg(evidence[i], ("evidence[" + std::to_string(i) + "]").c_str()));
             }
             return r.submit({context(by, day, rid), request});
           })
      .def("submit_disposal_step",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t request, std::uint16_t step, bool approve, const std::string& note,
              std::uint64_t resolution, std::uint64_t notice, const Signer& signer) {
             RegistryRequest write{context(by, day, rid),
                                   DisposalStep{request, step, approve, note, resolution, notice},
                                   {}};
             // The official signs the exact bytes of this request with their own key.
             const Signature signature = signer.sign(signing_bytes(write));
             write.approvals.push_back({by, Bytes(signature.begin(), signature.end())});
             return r.submit(write);
           })
      .def("submit_disposal_withdrawal",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t request, const std::string& reason) {
             return r.submit({context(by, day, rid), DisposalWithdrawn{request, reason}});
           })
      .def("submit_disposal_execution",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t request, const std::string& counterparty, std::int64_t proceeds_fen) {
             return r.submit({context(by, day, rid),
                              DisposalExecuted{request, counterparty, Money::from_fen(proceeds_fen)}});
           })
      .def("disposal_rows",
           [](const Registry& r, std::optional<std::uint64_t> pending_for) {
             const std::vector<Disposal> list =
                 pending_for ? r.pending_approvals(*pending_for) : r.disposals();
             constexpr std::string_view kStates[] = {"open", "rejected", "withdrawn", "executed"};
             py::list rows;
             for (const Disposal& d : list) {
               py::dict row;
               row["disposal_id"] = d.id;
               row["asset_id"] = d.asset;
               row["method"] = std::string(name_of(d.method));
               row["state"] = std::string(kStates[static_cast<std::size_t>(d.state)]);
               row["requester"] = d.requester;
               row["steps"] = d.chain.size();
               row["next_step"] = d.next_step;
               row["next_step_kind"] =
                   d.next_step < d.chain.size()
                       ? py::object(py::str(std::string(name_of(d.chain[d.next_step].first))))
                       : py::object(py::none());
               rows.append(row);
             }
             return rows;
           })
      .def("submit_income",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t asset, const std::string& kind, std::int64_t amount_fen,
              std::int32_t from, std::int32_t until, const std::string& payer) {
             return r.submit({context(by, day, rid),
                              IncomeRecorded{asset, parse_income_kind(kind, "kind"),
                                             Money::from_fen(amount_fen),
                                             Date::from_days(from, "start"),
                                             Date::from_days(until, "end"), payer}});
           })
      .def("submit_beneficiary",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              const std::string& list, std::uint64_t party, std::uint64_t numerator,
              std::uint64_t denominator, std::int32_t removed, const std::string& reason) {
             return r.submit({context(by, day, rid),
                              BeneficiaryChanged{list, party, numerator, denominator,
                                                 Date::from_days(removed, "removed"), reason}});
           })
      .def("submit_plan",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t owner, const std::string& name,
              const std::vector<std::tuple<std::string, std::string, std::int64_t>>& fixed,
              const std::vector<std::tuple<std::string, std::uint64_t, std::int64_t, std::uint64_t,
                                           std::uint64_t, std::int64_t>>& guaranteed,
              const std::vector<std::tuple<std::string, std::string, std::uint64_t, std::uint64_t,
                                           std::string>>& proportional,
              std::uint64_t resolution, std::uint64_t notice) {
             PlanApproved plan;
             plan.owner = owner;
             plan.name = name;
             for (const auto& [line, purpose, amount] : fixed) {
               plan.fixed.push_back({line, purpose, Money::from_fen(amount)});
             }
             for (const auto& [line, party, principal, n, d, amount] : guaranteed) {
               plan.guaranteed.push_back({line, party, Money::from_fen(principal),
                                          Share::of(n, d, "rate"), Money::from_fen(amount)});
             }
             for (const auto& [line, purpose, n, d, list] : proportional) {
               plan.proportional.push_back({line, purpose, Share::of(n, d, "fraction"), list});
             }
             plan.resolution = resolution;
             plan.notice = notice;
             return r.submit({context(by, day, rid), plan});
           })
      .def("submit_resolution",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t village, const std::string& meeting, const std::string& subject,
              std::uint64_t disposal, const std::string& title, std::int32_t held,
              std::uint32_t eligible, std::uint32_t present, std::uint32_t in_favour) {
             return r.submit(
                 {context(by, day, rid),
                  ResolutionAdopted{village, parse_meeting(meeting, "meeting"),
                                    parse_resolution_subject(subject, "subject"), disposal, title,
                                    Date::from_days(held, "day"), eligible, present, in_favour}});
           })
      .def("submit_notice",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              const std::string& subject, std::uint64_t subject_id, const std::string& division,
              const std::string& place, std::int32_t start, std::int32_t end,
              const py::bytes& content_hash) {
             const std::string hash = content_hash;
             return r.submit({context(by, day, rid),
                              NoticePosted{parse_notice_subject(subject, "subject"), subject_id,
                                           division, place, Date::from_days(start, "start"),
                                           Date::from_days(end, "end"),
                                           Bytes(hash.begin(), hash.end())}});
           })
      .def("submit_objection",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t notice, bool upheld, const std::string& summary) {
             return r.submit({context(by, day, rid), ObjectionRecorded{notice, upheld, summary}});
           })
      .def("notice_rows",
           [](const Registry& r, const std::string& division) {
             py::list rows;
             for (const NoticeRecord& n : r.notices(division)) {
               py::dict row;
               row["notice_id"] = n.id;
               row["subject"] = std::string(name_of(n.notice.subject));
               row["subject_id"] = n.notice.subject_id;
               row["division"] = n.notice.division;
               row["place"] = n.notice.place;
               row["start_days"] = n.notice.start.days();
               row["end_days"] = n.notice.end.days();
               row["objection_upheld"] = n.upheld;
               rows.append(row);
             }
             return rows;
           })
      .def("submit_allocation",
           [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
              std::uint64_t plan, const std::vector<std::uint64_t>& incomes,
              std::uint16_t period_days) {
             return r.submit(
                 {context(by, day, rid), AllocationRecorded{plan, incomes, period_days}});
           })
      .def("allocation_columns",
           [](const Registry& r, std::uint64_t id) {
             std::vector<std::uint64_t> party;
             std::vector<std::int64_t> amount;
             py::list line, party_or_none;
             for (const Payment& p : r.allocation(id)) {
               line.append(p.line);
               party_or_none.append(p.party == 0 ? py::object(py::none()) : py::int_(p.party));
               amount.push_back(p.amount.fen());
             }
             py::dict out;
             out["line"] = line;
             out["party"] = party_or_none;
             out["amount_fen"] = column(amount);
             return out;
           })
      .def("rights",
           [](const Registry& r, std::uint64_t asset, std::int32_t day) {
             py::list out;
             for (const RightHolder& h : r.rights(asset, Date::from_days(day, "on"))) {
               py::dict row;
               row["right"] = std::string(name_of(h.right));
               row["party"] = h.party;
               row["share"] = h.share.to_string();
               row["follows_owner"] = h.follows_owner;
               out.append(row);
             }
             return out;
           })
      .def("operation",
           [](const Registry& r, std::uint64_t asset) -> py::object {
             const auto c = r.operation(asset);
             if (!c) return py::none();
             py::dict out;
             out["operator"] = c->operator_party;
             out["mode"] = std::string(name_of(c->mode));
             out["from_days"] = c->from.days();
             out["until_days"] = c->until.days();
             out["rent_fen"] = c->rent_per_year.fen();
             out["principal_fen"] = c->principal.fen();
             out["guarantee_rate"] = c->guarantee_rate.to_string();
             out["guarantee_fen"] = c->guarantee_per_year.fen();
             out["step_up"] = c->step_up.to_string();
             out["decided_by"] = c->decided_by;
             return out;
           })
      .def("maintenance",
           [](const Registry& r, std::uint64_t asset) -> py::object {
             const auto m = r.maintenance(asset);
             if (!m) return py::none();
             py::dict out;
             out["party"] = m->party;
             out["person"] = m->person;
             out["mode"] = std::string(name_of(m->mode));
             out["funding"] = m->funding;
             out["inspection_interval_days"] = m->inspection_interval_days;
             out["from_days"] = m->from.days();
             return out;
           })
      .def("inspection_columns",
           [](const Registry& r, std::uint64_t asset) {
             std::vector<std::uint64_t> sequence;
             std::vector<std::int32_t> day;
             py::list condition;
             for (const InspectionRecord& i : r.inspections(asset)) {
               sequence.push_back(i.sequence);
               day.push_back(i.day.days());
               condition.append(name_of(i.condition));
             }
             py::dict out;
             out["sequence"] = column(sequence);
             out["day_days"] = column(day);
             out["condition"] = condition;
             return out;
           })
      .def("asset",
           [](const Registry& r, std::uint64_t id) -> py::object {
             const auto asset = r.find_asset(id);
             return asset ? py::object(asset_dict(*asset)) : py::object(py::none());
           })
      .def("asset_by_code",
           [](const Registry& r, const std::string& code) -> py::object {
             const auto asset = r.find_asset_by_code(code);
             return asset ? py::object(asset_dict(*asset)) : py::object(py::none());
           })
      .def("asset_as_of",
           [](const Registry& r, std::uint64_t id, std::int32_t day) {
             return asset_dict(r.asset_as_of_date(id, Date::from_days(day, "as_of")));
           })
      .def("import_sheet_rows",
           [](Registry& r, const Sheet& rows, std::uint64_t actor, std::int32_t day,
              bool keep_good_rows) {
             SheetImportOptions options;
             options.actor = actor;
             options.effective = Date::from_days(day, "effective");
             options.keep_good_rows = keep_good_rows;
             const SheetImportReport report = import_asset_sheet(r, rows, options);
             py::list problems;
             for (const RowProblem& p : report.problems) {
               py::dict problem;
               problem["row"] = p.row;
               problem["column"] = p.column;
               problem["value"] = p.value;
               problem["reason"] = p.reason;
               problems.append(problem);
             }
             py::dict out;
             out["rows"] = report.rows;
             out["assets"] = report.assets;
             out["problems"] = problems;
             out["written"] = report.written;
             return out;
           })
      .def("export_sheet_rows", [](const Registry& r) { return export_asset_sheet(r); })
      .def("asset_columns",
           [](const Registry& r, const std::string& division, std::optional<std::uint64_t> owner,
              const std::string& asset_class, const std::string& status,
              std::optional<std::int32_t> as_of) {
             AssetFilter filter;
             filter.division = division;
             filter.owner = owner;
             if (!asset_class.empty())
               filter.asset_class = parse_asset_class(asset_class, "asset_class");
             if (!status.empty()) filter.status = parse_asset_status(status, "status");
             if (!as_of) return asset_columns(r.asset_table(filter));
             const Date day = Date::from_days(*as_of, "as_of");
             std::vector<Asset> then;
             for (const Asset& a : r.assets(filter)) {
               if (a.registered <= day) then.push_back(r.asset_as_of_date(a.id, day));
             }
             return asset_columns(table_of(then));
           })
      .def("history_columns",
           [](const Registry& r, std::uint64_t asset) {
             std::vector<std::uint64_t> sequence, actor;
             std::vector<std::int64_t> recorded;
             std::vector<std::int32_t> effective;
             py::list description;
             for (const HistoryItem& item : r.history(asset)) {
               sequence.push_back(item.sequence);
               actor.push_back(item.actor);
               recorded.push_back(item.recorded_micros);
               effective.push_back(item.effective.days());
               description.append(item.description);
             }
             py::dict out;
             out["sequence"] = column(sequence);
             out["recorded_micros"] = column(recorded);
             out["effective_days"] = column(effective);
             out["actor"] = column(actor);
             out["description"] = description;
             return out;
           })
      .def("valuation_columns",
           [](const Registry& r, std::int32_t as_of) {
             std::vector<std::uint64_t> asset;
             std::vector<std::int64_t> original, accumulated, impairment, revaluation, improvements,
                 book, appraised;
             std::vector<bool> has_appraisal;
             std::vector<std::int32_t> life, regime;  // regime: -1 none, 0 government, 1 collective
             for (const Valuation& v : r.valuation(Date::from_days(as_of, "as_of"))) {
               asset.push_back(v.asset);
               original.push_back(v.original.fen());
               accumulated.push_back(v.accumulated_depreciation.fen());
               impairment.push_back(v.impairment.fen());
               revaluation.push_back(v.revaluation.fen());
               improvements.push_back(v.improvements.fen());
               book.push_back(v.book_value.fen());
               appraised.push_back(v.appraised ? v.appraised->fen() : 0);
               has_appraisal.push_back(v.appraised.has_value());
               life.push_back(v.life_months);
               regime.push_back(v.regime ? static_cast<std::int32_t>(*v.regime) : -1);
             }
             py::dict out;
             out["asset_id"] = column(asset);
             out["original_fen"] = column(original);
             out["accumulated_depreciation_fen"] = column(accumulated);
             out["impairment_fen"] = column(impairment);
             out["revaluation_fen"] = column(revaluation);
             out["improvements_fen"] = column(improvements);
             out["book_value_fen"] = column(book);
             out["appraised_fen"] = column(appraised);
             py::array_t<bool> mask(static_cast<py::ssize_t>(has_appraisal.size()));
             std::copy(has_appraisal.begin(), has_appraisal.end(), mask.mutable_data());
             out["has_appraisal"] = mask;
             py::list regimes;
             regimes.append("government");
             regimes.append("collective");
             out["regime"] = py::make_tuple(column(regime), regimes);
             out["life_months"] = column(life);
             return out;
           })
      .def("audit_columns",
           [](const Registry& r, std::int32_t as_of) {
             std::vector<std::uint64_t> asset;
             py::list rule, code, division, evidence;
             for (const Finding& f : r.audit(Date::from_days(as_of, "as_of"))) {
               asset.push_back(f.asset);
               rule.append(f.rule);
               code.append(f.asset_code);
               division.append(f.division);
               evidence.append(f.evidence);
             }
             py::dict out;
             out["rule"] = rule;
             out["asset_id"] = column(asset);
             out["asset_code"] = code;
             out["division"] = division;
             out["evidence"] = evidence;
             return out;
           })
      .def("summary_columns",
           [](const Registry& r) {
             std::vector<std::uint64_t> count;
             std::vector<std::int64_t> original;
             py::list division, asset_class, level;
             for (const SummaryRow& row : r.summary()) {
               division.append(row.division);
               asset_class.append(name_of(row.asset_class));
               level.append(name_of(row.level));
               count.push_back(row.assets);
               original.push_back(row.original.fen());
             }
             py::dict out;
             out["township"] = division;
             out["asset_class"] = asset_class;
             out["ownership_level"] = level;
             out["assets"] = column(count);
             out["original_fen"] = column(original);
             return out;
           })
      .def("party_columns",
           [](const Registry& r) {
             std::vector<std::uint64_t> id;
             py::list kind, name, division, credit_code;
             std::vector<bool> alleviated;
             for (const Party& p : r.parties()) {
               id.push_back(p.id);
               kind.append(name_of(p.data.kind));
               name.append(p.data.name);
               division.append(p.data.division);
               credit_code.append(p.data.credit_code);
             }
             py::dict out;
             out["party_id"] = column(id);
             out["kind"] = kind;
             out["name"] = name;
             out["division"] = division;
             out["credit_code"] = credit_code;
             return out;
           })
      .def_property_readonly("size", [](const Registry& r) { return r.ledger().size(); })
      .def("checkpoint", [](Registry& r, const Signer& key) { return r.ledger().checkpoint(key); })
      .def(
          "verify",
          [](const Registry& r, const std::optional<Verifier>& trusted, bool deep) {
            py::gil_scoped_release release;
            const Verifier* key = trusted ? &*trusted : nullptr;
            return deep ? r.ledger().verify_deep({}, key) : r.ledger().verify({}, key);
          },
          py::arg("trusted") = py::none(), py::arg("deep") = false);
}

}  // namespace taizhang::python

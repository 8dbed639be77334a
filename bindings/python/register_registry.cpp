// The Registry for the Python package: typed writes with primitive arguments (taizhang/
// registry.py converts Python values), and reads as dicts of numpy columns.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>

#include "bindings.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "taizhang/spreadsheet.h"
#include "writes.h"

namespace taizhang::python {
namespace {

WriteContext context(std::uint64_t by, std::int32_t effective_days, const py::object& request_id,
                     const Signer* signer) {
  return {by, Date::from_days(effective_days, "effective"), request_id_arg(request_id), signer, {}};
}

// The register's clock from a Python callable returning a timezone-aware datetime: the time the
// ledger records, so tests and notebooks can move "now" (a 10-day publicity in a second). The
// callable runs with the GIL taken, from whichever thread writes.
std::function<std::int64_t()> python_clock(const py::object& clock) {
  if (clock.is_none()) return {};
  if (!PyCallable_Check(clock.ptr())) {
    throw_invalid("clock", py::str(py::repr(clock)).cast<std::string>(),
                  "give a callable returning a timezone-aware datetime");
  }
  auto held = std::make_shared<py::object>(clock);
  return [held]() -> std::int64_t {
    py::gil_scoped_acquire gil;
    std::string problem;
    try {
      const py::object now = (*held)();
      const py::module_ datetime = py::module_::import("datetime");
      if (!py::isinstance(now, datetime.attr("datetime")) || now.attr("utcoffset")().is_none()) {
        problem = "returned " + py::str(py::repr(now)).cast<std::string>() +
                  ", not a timezone-aware datetime";
      } else {
        const py::object epoch = datetime.attr("datetime")(
            1970, 1, 1, py::arg("tzinfo") = datetime.attr("timezone").attr("utc"));
        const py::object delta = now.attr("__sub__")(epoch);
        const auto days = delta.attr("days").cast<std::int64_t>();
        const auto seconds = delta.attr("seconds").cast<std::int64_t>();
        const auto micros = delta.attr("microseconds").cast<std::int64_t>();
        return (days * 86'400 + seconds) * 1'000'000 + micros;
      }
    } catch (py::error_already_set& error) {
      problem = error.what();
    }
    throw_invalid("clock", problem, "the register's clock must give the current time");
  };
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
  out["stake"] = d.stake.to_string();
  out["project_id"] = d.project_id;
  out["performance_targets"] = d.performance_targets;
  out["exit_terms"] = d.exit_terms;
  return out;
}

py::list owners_list(const std::vector<OwnerShare>& owners) {
  py::list out;
  for (const OwnerShare& owner : owners) {
    out.append(py::make_tuple(owner.party, owner.share.to_string()));
  }
  return out;
}

py::dict disposal_dict(const Disposal& d) {
  py::dict row;
  row["disposal_id"] = d.id;
  row["asset_id"] = d.asset;
  row["method"] = std::string(name_of(d.method));
  row["state"] = std::string(name_of(d.state));
  row["requester"] = d.requester;
  row["last_day_days"] = d.last_day.days();
  row["appraised_fen"] = d.appraised.fen();
  row["executed_days"] = d.executed.days();
  row["result_notice"] = d.result_notice;
  row["owners"] = owners_list(d.owners);
  row["steps"] = d.chain.size();
  row["next_step"] = d.next_step;
  row["next_step_kind"] =
      d.next_step < d.chain.size()
          ? py::object(py::str(std::string(name_of(d.chain[d.next_step].first))))
          : py::object(py::none());
  return row;
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
  out["certificate"] = asset.certificate;
  out["stocktaken_days"] = asset.inspected.days();
  return out;
}

// Column builders: numbers into numpy arrays, text into lists (pandas keeps text as objects).
template <typename T>
py::array_t<T> column(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

// Columns for pandas: numbers as numpy arrays; coded text as (codes, categories) pairs that
// taizhang/registry.py turns into Categoricals; only the unique asset code is a list of str.
py::dict asset_columns(const AssetTable& t) {
  auto codes = [](const auto& values) {
    std::vector<std::int32_t> out(values.begin(), values.end());
    return column(out);
  };
  auto names_of = [](std::span<const std::string_view> names) {
    py::list out;
    for (const std::string_view name : names) out.append(std::string(name));
    return out;
  };
  py::list code;
  for (const std::string& c : t.code) code.append(py::str(c));
  py::dict out;
  out["asset_id"] = column(t.id);
  out["code"] = code;
  out["name"] = py::make_tuple(codes(t.name), t.names);
  out["asset_class"] = py::make_tuple(codes(t.asset_class), names_of(names_of_all<AssetClass>()));
  out["status"] = py::make_tuple(codes(t.status), names_of(names_of_all<AssetStatus>()));
  out["division"] = py::make_tuple(codes(t.division), t.divisions);
  out["category"] = py::make_tuple(codes(t.category), names_of(names_of_all<AssetCategory>()));
  out["form"] = py::make_tuple(codes(t.form), names_of(names_of_all<AssetForm>()));
  out["original_fen"] = column(t.original_fen);
  out["quantity_milli"] = column(t.quantity_milli);
  out["unit"] = py::make_tuple(codes(t.unit), t.units);
  out["completed_days"] = column(t.completed_day);
  out["registered_days"] = column(t.registered_day);
  out["owner_count"] = column(t.owner_count);
  out["first_owner"] = column(t.first_owner);
  out["certificate"] = py::make_tuple(codes(t.certificate), t.certificates);
  out["project_id"] = py::make_tuple(codes(t.project_id), t.project_ids);
  out["inspected_days"] = column(t.inspected_day);
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
             const py::bytes& registrar_public_key, bool durable, const py::object& clock) {
            LedgerOptions options;
            options.durable = durable;
            options.clock_micros = python_clock(clock);
            return Registry::create(path, {county_code, county_name, origin}, key,
                                    to_bytes(registrar_public_key), options);
          },
          py::arg("path"), py::arg("county_code"), py::arg("county_name"), py::arg("origin"),
          py::arg("key"), py::arg("registrar_public_key"), py::arg("durable") = true,
          py::arg("clock") = py::none())
      .def_static(
          "open",
          [](const std::string& path, bool readonly, const py::object& clock) {
            LedgerOptions options;
            options.read_only = readonly;
            options.clock_micros = python_clock(clock);
            return Registry::open(path, options);
          },
          py::arg("path"), py::arg("readonly") = false, py::arg("clock") = py::none())
      .def(
          "submit",
          [](Registry& r, std::uint64_t by, std::int32_t day, const py::object& rid,
             const std::string& kind, const py::dict& fields, const Signer* signer, bool approve,
             const std::vector<std::pair<std::uint64_t, const Signer*>>& approvers) {
            RegistryRequest request{context(by, day, rid, signer), read_write(kind, fields), {}};
            if ((approve && signer != nullptr) || !approvers.empty()) {
              if (request.context.request_id == RequestId{}) {
                request.context.request_id = random_request_id();
              }
              const Bytes message = r.approval_bytes(request);
              // The official also approves the entry itself (a disposal step's signature).
              if (approve && signer != nullptr) {
                request.approvals.push_back({by, signer->sign_record(message)});
              }
              // Other officials' approvals (a handover's receiving side and the bureau).
              for (const auto& [actor, key] : approvers) {
                if (key == nullptr) throw_invalid("approvals", std::to_string(actor), "no signer");
                request.approvals.push_back({actor, key->sign_record(message)});
              }
            }
            py::gil_scoped_release release;
            return r.submit(request);
          },
          py::arg("by"), py::arg("day"), py::arg("request_id"), py::arg("kind"), py::arg("fields"),
          py::arg("signer"), py::arg("approve") = false,
          py::arg("approvers") = std::vector<std::pair<std::uint64_t, const Signer*>>{},
          "Submits one write by actor `by`, signed with `signer` (that actor's enrolled key): "
          "`kind` an entry body's name, `fields` its fields by name (see write_kinds); with "
          "`approve`, the signer's approval of the entry too (a disposal step).")
      .def_property_readonly("origin", &Registry::origin)
      .def(
          "today_days", [](const Registry& r) { return r.ledger().today().days(); },
          "Today by the register's clock in China Standard Time, as days since 1970-01-01.")
      .def_static("write_kinds", &write_kinds,
                  "Every kind of write with its field names (amounts in _fen, dates in _days).")
      .def(
          "define_divisions_csv",
          [](Registry& r, std::uint64_t by, std::int32_t day, const std::string& text,
             const Signer* signer) {
            const std::vector<Division> rows = parse_division_csv(text);
            r.define_divisions(context(by, day, py::none(), signer), rows);
            return rows.size();
          },
          py::arg("by"), py::arg("day"), py::arg("text"), py::arg("signer"))
      .def(
          "policy",
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
              py::list categories;
              for (AssetCategory c : p.categories) categories.append(std::string(name_of(c)));
              purpose["categories"] = categories;
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
            out["majority"] =
                std::to_string(p.majority_numerator) + "/" + std::to_string(p.majority_denominator);
            py::list plan_rules;
            for (const PlanRule& r : p.plan_rules) {
              py::dict rule;
              rule["owner"] = std::string(name_of(r.owner));
              rule["resolution"] = r.resolution;
              rule["publicity"] = r.publicity;
              rule["county_consent"] = r.county_consent;
              plan_rules.append(rule);
            }
            out["plan_rules"] = plan_rules;
            out["appraisal_valid_months"] = p.appraisal_valid_months;
            out["state_threshold_basis"] = std::string(name_of(p.state_threshold_basis));
            out["state_threshold_inclusive"] = p.state_threshold_inclusive;
            out["price_floor"] = p.price_floor.to_string();
            out["stocktaking_by"] = p.stocktaking_by;
            out["supervision_phone"] = p.supervision_phone;
            out["supervision_unit"] = p.supervision_unit;
            return out;
          },
          py::arg("version"))
      .def(
          "disposal_rows",
          [](const Registry& r, std::optional<std::uint64_t> pending_for) {
            const std::vector<Disposal> list =
                pending_for ? r.pending_approvals(*pending_for) : r.disposals();
            py::list rows;
            for (const Disposal& d : list) rows.append(disposal_dict(d));
            return rows;
          },
          py::arg("actor"))
      .def(
          "disposal_row",
          [](const Registry& r, std::uint64_t id) -> py::object {
            const std::optional<Disposal> d = r.find_disposal(id);
            return d ? py::object(disposal_dict(*d)) : py::object(py::none());
          },
          py::arg("disposal"))
      .def(
          "notice_rows",
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
          },
          py::arg("division"))
      .def(
          "payment_columns",
          [](const Registry& r, std::optional<std::uint64_t> allocation,
             std::optional<std::uint64_t> income, std::optional<std::uint64_t> owner) {
            const std::vector<Payment> payments =
                allocation ? r.allocation(*allocation) : r.payments(income, owner);
            std::vector<std::uint64_t> allocations, incomes, owners, plans;
            std::vector<std::int64_t> amount;
            py::list share, line, purpose, party_or_none;
            for (const Payment& p : payments) {
              allocations.push_back(p.allocation);
              incomes.push_back(p.income);
              owners.push_back(p.owner);
              share.append(p.owner_share.to_string());
              plans.push_back(p.plan);
              line.append(p.line);
              purpose.append(p.purpose);
              party_or_none.append(p.party == 0 ? py::object(py::none()) : py::int_(p.party));
              amount.push_back(p.amount.fen());
            }
            py::dict out;
            out["allocation"] = column(allocations);
            out["income"] = column(incomes);
            out["owner"] = column(owners);
            out["owner_share"] = share;
            out["plan"] = column(plans);
            out["line"] = line;
            out["purpose"] = purpose;
            out["party"] = party_or_none;
            out["amount_fen"] = column(amount);
            return out;
          },
          py::arg("allocation") = py::none(), py::arg("income") = py::none(),
          py::arg("owner") = py::none())
      .def(
          "income_part_columns",
          [](const Registry& r, std::optional<std::uint64_t> income) {
            std::vector<std::uint64_t> incomes, assets, owners, allocations, plans;
            std::vector<std::int64_t> amount;
            std::vector<std::int32_t> from, until;
            py::list share, disposition, restricted;
            for (const IncomePart& p : r.income_parts(income)) {
              incomes.push_back(p.income);
              assets.push_back(p.asset);
              owners.push_back(p.owner);
              share.append(p.share.to_string());
              amount.push_back(p.amount.fen());
              disposition.append(std::string(name_of(p.disposition)));
              restricted.append(p.restricted);
              allocations.push_back(p.allocation);
              plans.push_back(p.plan);
              from.push_back(p.from.days());
              until.push_back(p.until.days());
            }
            py::dict out;
            out["income"] = column(incomes);
            out["asset"] = column(assets);
            out["owner"] = column(owners);
            out["share"] = share;
            out["amount_fen"] = column(amount);
            out["disposition"] = disposition;
            out["restricted"] = restricted;
            out["allocation"] = column(allocations);
            out["plan"] = column(plans);
            out["from_days"] = column(from);
            out["until_days"] = column(until);
            return out;
          },
          py::arg("income") = py::none())
      .def(
          "rights",
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
          },
          py::arg("asset"), py::arg("day"))
      .def(
          "operation",
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
          },
          py::arg("asset"))
      .def(
          "maintenance",
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
          },
          py::arg("asset"))
      .def(
          "inspection_columns",
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
          },
          py::arg("asset"))
      .def(
          "asset",
          [](const Registry& r, std::uint64_t id) -> py::object {
            const auto asset = r.find_asset(id);
            return asset ? py::object(asset_dict(*asset)) : py::object(py::none());
          },
          py::arg("asset"))
      .def(
          "asset_by_code",
          [](const Registry& r, const std::string& code) -> py::object {
            const auto asset = r.find_asset_by_code(code);
            return asset ? py::object(asset_dict(*asset)) : py::object(py::none());
          },
          py::arg("code"))
      .def(
          "asset_as_of",
          [](const Registry& r, std::uint64_t id, std::int32_t day) {
            return asset_dict(r.asset_as_of_date(id, Date::from_days(day, "as_of")));
          },
          py::arg("asset"), py::arg("day"))
      .def(
          "import_sheet_rows",
          [](Registry& r, const Sheet& rows, std::uint64_t actor, std::int32_t day,
             bool keep_good_rows, const Signer* signer) {
            SheetImportOptions options;
            options.actor = actor;
            options.signer = signer;
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
              problem["reason_zh"] = p.reason_zh.empty() ? p.reason : p.reason_zh;
              problems.append(problem);
            }
            py::dict out;
            out["rows"] = report.rows;
            out["header_row"] = report.header_row;
            out["ignored_columns"] = report.ignored_columns;
            out["assets"] = report.assets;
            out["problems"] = problems;
            out["written"] = report.written;
            return out;
          },
          py::arg("rows"), py::arg("by"), py::arg("day"), py::arg("keep_good_rows"),
          py::arg("signer"))
      .def("export_sheet_rows", [](const Registry& r) { return export_asset_sheet(r); })
      .def(
          "asset_columns",
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
            return asset_columns(r.asset_table_as_of(filter, Date::from_days(*as_of, "as_of")));
          },
          py::arg("division"), py::arg("owner"), py::arg("asset_class"), py::arg("status"),
          py::arg("as_of"))
      .def(
          "history_columns",
          [](const Registry& r, std::uint64_t asset) {
            std::vector<std::uint64_t> sequence, actor;
            std::vector<std::int64_t> recorded;
            std::vector<std::int32_t> effective;
            py::list description, description_zh, kind, fields, actor_name;
            std::map<std::uint64_t, std::string> names;
            for (const HistoryItem& item : r.history(asset)) {
              sequence.push_back(item.sequence);
              actor.push_back(item.actor);
              recorded.push_back(item.recorded_micros);
              effective.push_back(item.effective.days());
              description.append(item.description);
              description_zh.append(describe_body_zh(item.body));
              auto [body_kind, body] = body_fields(item.body);
              kind.append(body_kind);
              fields.append(body);
              auto name = names.find(item.actor);
              if (name == names.end()) {
                const std::optional<Actor> found = r.find_actor(item.actor);
                name = names.emplace(item.actor, found ? found->name : std::string()).first;
              }
              actor_name.append(name->second);
            }
            py::dict out;
            out["sequence"] = column(sequence);
            out["recorded_micros"] = column(recorded);
            out["effective_days"] = column(effective);
            out["actor"] = column(actor);
            out["actor_name"] = actor_name;
            out["kind"] = kind;
            out["description"] = description;
            out["description_zh"] = description_zh;
            out["fields"] = fields;
            return out;
          },
          py::arg("asset"))
      .def("income_columns",
           [](const Registry& r) {
             // Every income (and disposal's proceeds), from its owners' parts (an income's parts
             // are consecutive) and its entry.
             std::vector<std::uint64_t> income, asset, actor, payer_party;
             std::vector<std::int64_t> amount, recorded;
             std::vector<std::int32_t> from, until, effective;
             py::list kind, payer, code, name, parts;
             std::map<std::uint64_t, std::pair<std::string, std::string>> assets;
             py::list part_list;
             for (const IncomePart& p : r.income_parts()) {
               if (income.empty() || income.back() != p.income) {
                 if (!income.empty()) parts.append(part_list);
                 part_list = py::list();
                 const Entry entry = r.ledger().entry(p.income);
                 income.push_back(p.income);
                 asset.push_back(p.asset);
                 from.push_back(p.from.days());
                 until.push_back(p.until.days());
                 recorded.push_back(entry.recorded_micros);
                 effective.push_back(entry.effective.days());
                 actor.push_back(entry.actor);
                 if (const auto* i = std::get_if<IncomeRecorded>(&entry.body)) {
                   kind.append(std::string(name_of(i->kind)));
                   amount.push_back(i->amount.fen());
                   payer.append(i->payer);
                   payer_party.push_back(i->payer_party);
                 } else if (const auto* d = std::get_if<DisposalExecuted>(&entry.body)) {
                   kind.append("disposal_proceeds");
                   amount.push_back(d->proceeds.fen());
                   payer.append(d->counterparty);
                   payer_party.push_back(0);
                 } else {
                   throw_error(ErrorKind::kIntegrityError,
                               "income " + std::to_string(p.income) + " is no income's entry");
                 }
                 auto a = assets.find(p.asset);
                 if (a == assets.end()) {
                   const std::optional<Asset> found = r.find_asset(p.asset);
                   a = assets
                           .emplace(p.asset, found ? std::pair(found->code, found->description.name)
                                                   : std::pair(std::string(), std::string()))
                           .first;
                 }
                 code.append(a->second.first);
                 name.append(a->second.second);
               }
               part_list.append(py::make_tuple(p.owner, p.share.to_string(), p.amount.fen()));
             }
             if (!income.empty()) parts.append(part_list);
             py::dict out;
             out["income_id"] = column(income);
             out["asset_id"] = column(asset);
             out["asset_code"] = code;
             out["asset_name"] = name;
             out["kind"] = kind;
             out["from_days"] = column(from);
             out["until_days"] = column(until);
             out["amount_fen"] = column(amount);
             out["payer"] = payer;
             out["payer_party"] = column(payer_party);
             out["actor"] = column(actor);
             out["recorded_micros"] = column(recorded);
             out["effective_days"] = column(effective);
             out["parts"] = parts;
             return out;
           })
      .def(
          "valuation_columns",
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
          },
          py::arg("as_of"))
      .def(
          "audit_columns",
          [](const Registry& r, std::int32_t as_of) {
            std::vector<std::uint64_t> asset;
            py::list rule, code, division, evidence, evidence_chinese;
            // The evidence's values, one column per name: numbers (ids, counts, fen, days) or
            // texts, and whether each finding has it.
            struct DetailColumn {
              FindingDetail::Kind kind = FindingDetail::Kind::kText;
              std::vector<std::int64_t> numbers;
              py::list texts = py::list();
              std::vector<bool> present;
              void append(const FindingDetail* d) {  // nullptr: a finding without it
                if (kind == FindingDetail::Kind::kText) {
                  texts.append(d != nullptr ? py::object(py::str(d->text))
                                            : py::object(py::none()));
                } else {
                  numbers.push_back(d != nullptr ? d->number : 0);
                }
                present.push_back(d != nullptr);
              }
            };
            std::vector<std::pair<std::string, DetailColumn>> details;
            std::size_t rows = 0;
            for (const Finding& f : r.audit(Date::from_days(as_of, "as_of"))) {
              asset.push_back(f.asset);
              rule.append(f.rule);
              code.append(f.asset_code);
              division.append(f.division);
              evidence.append(f.evidence());
              evidence_chinese.append(evidence_zh(f));
              for (const FindingDetail& d : f.details) {
                auto column = std::find_if(details.begin(), details.end(),
                                           [&](const auto& c) { return c.first == d.name; });
                if (column == details.end()) {
                  details.emplace_back(d.name, DetailColumn());
                  details.back().second.kind = d.kind;
                  column = std::prev(details.end());
                }
                while (column->second.present.size() < rows) column->second.append(nullptr);
                column->second.append(&d);
              }
              ++rows;
            }
            py::dict values;
            constexpr const char* kKinds[] = {"text", "number", "fen", "date"};
            for (auto& [name, c] : details) {
              while (c.present.size() < rows) c.append(nullptr);
              py::array_t<bool> present(static_cast<py::ssize_t>(rows));
              std::copy(c.present.begin(), c.present.end(), present.mutable_data());
              values[py::str(name)] = py::make_tuple(kKinds[static_cast<std::size_t>(c.kind)],
                                                     c.kind == FindingDetail::Kind::kText
                                                         ? py::object(c.texts)
                                                         : py::object(column(c.numbers)),
                                                     present);
            }
            py::dict out;
            out["rule"] = rule;
            out["asset_id"] = column(asset);
            out["asset_code"] = code;
            out["division"] = division;
            out["evidence"] = evidence;
            out["evidence_zh"] = evidence_chinese;
            out["details"] = values;
            return out;
          },
          py::arg("as_of"))
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
             py::list kind, name, division, credit_code, alleviated, monitored, unable;
             for (const Party& p : r.parties()) {
               id.push_back(p.id);
               kind.append(name_of(p.data.kind));
               name.append(p.data.name);
               division.append(p.data.division);
               credit_code.append(p.data.credit_code);
               alleviated.append(p.data.poverty_alleviated);
               monitored.append(p.data.monitored);
               unable.append(p.data.unable_to_work);
             }
             py::dict out;
             out["party_id"] = column(id);
             out["kind"] = kind;
             out["name"] = name;
             out["division"] = division;
             out["credit_code"] = credit_code;
             out["poverty_alleviated"] = alleviated;
             out["monitored"] = monitored;
             out["unable_to_work"] = unable;
             return out;
           })
      .def("division_rows",
           [](const Registry& r) {
             py::list rows;
             for (const Division& d : r.divisions()) {
               py::dict row;
               row["code"] = d.code;
               row["name"] = d.name;
               row["valid_from_days"] = d.valid_from.days();
               row["valid_until_days"] = d.valid_until ? d.valid_until->days() : 0;
               rows.append(row);
             }
             return rows;
           })
      .def_property_readonly("size", [](const Registry& r) { return r.ledger().size(); })
      .def(
          "entry",
          [](const Registry& r, std::uint64_t seq) { return entry_dict(r.ledger().entry(seq)); },
          py::arg("sequence"))
      .def(
          "checkpoint",
          [](Registry& r, const Signer& key, const std::optional<std::string>& state) {
            return state ? r.ledger().checkpoint(key, *state) : r.ledger().checkpoint(key);
          },
          py::arg("key"), py::arg("state") = py::none())
      .def(
          "verify_since",
          [](const Registry& r, const std::vector<std::string>& notes,
             const std::optional<Verifier>& trusted) {
            return r.ledger().verify_since(notes, trusted ? &*trusted : nullptr);
          },
          py::arg("notes"), py::arg("trusted") = py::none())
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

// Every write of the register, described once: its kind (the entry body's name in snake_case, as
// in entry.capnp) and its fields by name, each bound to its C++ member. From this one table come
// the conversion of a Python dict into the entry body (read_write), with InvalidInput naming the
// kind or the field (nested as "description.funding[0].amount") for anything unknown or of the
// wrong type, and the listing Python uses to check its calls and show the fields (write_kinds).
//
// The Python values are the plain ones taizhang/registry.py makes: ints (ids, counts, integer fen,
// days since 1970-01-01 for dates), str (texts, enumerants by their names, fractions as "3/10" or
// "0.3"), bool, bytes, lists, and dicts for nested records. A field left out keeps the body's
// default (an empty text, 0, the first enumerant, Date() for "none").
#include "writes.h"

#include <pybind11/stl.h>

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "taizhang/depreciation.h"
#include "taizhang/error.h"

namespace taizhang::python {
namespace {

std::string shown(const py::handle& value) { return py::repr(value).cast<std::string>(); }

std::string joined(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string text_of(const py::handle& value, const std::string& path) {
  if (!py::isinstance<py::str>(value)) throw_invalid(path, shown(value), "give a str");
  return value.cast<std::string>();
}

// --- one reader per C++ type ---------------------------------------------------------------

template <typename T, typename = void>
struct Reader;

template <typename T>
struct Reader<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static void read(const py::handle& value, const std::string& path, T& out) {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
      throw_invalid(path, shown(value), "give an int");
    }
    try {
      out = value.cast<T>();
    } catch (const py::cast_error&) {
      throw_invalid(path, shown(value), "out of range");
    }
  }
};

template <>
struct Reader<bool> {
  static void read(const py::handle& value, const std::string& path, bool& out) {
    if (!py::isinstance<py::bool_>(value)) throw_invalid(path, shown(value), "give a bool");
    out = value.cast<bool>();
  }
};

template <>
struct Reader<std::string> {
  static void read(const py::handle& value, const std::string& path, std::string& out) {
    out = text_of(value, path);
  }
};

template <>
struct Reader<Bytes> {
  static void read(const py::handle& value, const std::string& path, Bytes& out) {
    if (!py::isinstance<py::bytes>(value)) throw_invalid(path, shown(value), "give bytes");
    out = to_bytes(value.cast<py::bytes>());
  }
};

template <>
struct Reader<Hash> {
  static void read(const py::handle& value, const std::string& path, Hash& out) {
    if (!py::isinstance<py::bytes>(value)) throw_invalid(path, shown(value), "give 32 bytes");
    out = to_hash_arg(value.cast<py::bytes>(), path.c_str());
  }
};

template <>
struct Reader<Date> {  // days since 1970-01-01
  static void read(const py::handle& value, const std::string& path, Date& out) {
    std::int32_t days = 0;
    Reader<std::int32_t>::read(value, path, days);
    out = Date::from_days(days, path);
  }
};

template <>
struct Reader<Money> {  // integer fen
  static void read(const py::handle& value, const std::string& path, Money& out) {
    std::int64_t fen = 0;
    Reader<std::int64_t>::read(value, path, fen);
    out = Money::from_fen(fen);
  }
};

template <>
struct Reader<Share> {  // "3/10" or "0.3"
  static void read(const py::handle& value, const std::string& path, Share& out) {
    out = Share::parse(text_of(value, path), path);
  }
};

// Enumerants by their snake_case names.
template <typename Enum, Enum (*parse)(std::string_view, std::string_view)>
struct EnumReader {
  static void read(const py::handle& value, const std::string& path, Enum& out) {
    out = parse(text_of(value, path), path);
  }
};
template <>
struct Reader<Role> : EnumReader<Role, parse_role> {};
template <>
struct Reader<PartyKind> : EnumReader<PartyKind, parse_party_kind> {};
template <>
struct Reader<AssetClass> : EnumReader<AssetClass, parse_asset_class> {};
template <>
struct Reader<AssetForm> : EnumReader<AssetForm, parse_asset_form> {};
template <>
struct Reader<AssetCategory> : EnumReader<AssetCategory, parse_asset_category> {};
template <>
struct Reader<AssetStatus> : EnumReader<AssetStatus, parse_asset_status> {};
template <>
struct Reader<FundingSource> : EnumReader<FundingSource, parse_funding_source> {};
template <>
struct Reader<RightKind> : EnumReader<RightKind, parse_right_kind> {};
template <>
struct Reader<OperationMode> : EnumReader<OperationMode, parse_operation_mode> {};
template <>
struct Reader<MaintenanceMode> : EnumReader<MaintenanceMode, parse_maintenance_mode> {};
template <>
struct Reader<Condition> : EnumReader<Condition, parse_condition> {};
template <>
struct Reader<ValueChangeKind> : EnumReader<ValueChangeKind, parse_value_change_kind> {};
template <>
struct Reader<DisposalTrigger> : EnumReader<DisposalTrigger, parse_disposal_trigger> {};
template <>
struct Reader<DisposalMethod> : EnumReader<DisposalMethod, parse_disposal_method> {};
template <>
struct Reader<DisposalStepKind> : EnumReader<DisposalStepKind, parse_disposal_step_kind> {};
template <>
struct Reader<IncomeKind> : EnumReader<IncomeKind, parse_income_kind> {};
template <>
struct Reader<Meeting> : EnumReader<Meeting, parse_meeting> {};
template <>
struct Reader<ResolutionSubject> : EnumReader<ResolutionSubject, parse_resolution_subject> {};
template <>
struct Reader<NoticeSubject> : EnumReader<NoticeSubject, parse_notice_subject> {};
template <>
struct Reader<ChainOwner> : EnumReader<ChainOwner, parse_chain_owner> {};
template <>
struct Reader<PlanOwner> : EnumReader<PlanOwner, parse_plan_owner> {};
template <>
struct Reader<ThresholdBasis> : EnumReader<ThresholdBasis, parse_threshold_basis> {};

template <typename T>
struct Reader<std::vector<T>> {  // a list or tuple
  static void read(const py::handle& value, const std::string& path, std::vector<T>& out) {
    if (!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value)) {
      throw_invalid(path, shown(value), "give a list");
    }
    out.clear();
    std::size_t i = 0;
    for (const py::handle item : value) {
      Reader<T>::read(item, path + "[" + std::to_string(i++) + "]", out.emplace_back());
    }
  }
};

template <typename A, typename B>
struct Reader<std::pair<A, B>> {  // a pair as a list or tuple of two
  static void read(const py::handle& value, const std::string& path, std::pair<A, B>& out) {
    if ((!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value)) ||
        py::len(value) != 2) {
      throw_invalid(path, shown(value), "give a pair");
    }
    const py::sequence pair = py::reinterpret_borrow<py::sequence>(value);
    Reader<A>::read(pair[0], path + "[0]", out.first);
    Reader<B>::read(pair[1], path + "[1]", out.second);
  }
};

// --- one writer per C++ type: the entry's values back as plain Python values -------------------
// Ints, str, bool, bytes; amounts as integer fen; dates as datetime.date (None for "none", the
// zero date); fractions as their text ("3/10"); enumerants by their names; lists; dicts.

template <typename T, typename = void>
struct Writer;

template <typename T>
struct Writer<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static py::object write(const T& value) { return py::int_(value); }
};
template <>
struct Writer<bool> {
  static py::object write(bool value) { return py::bool_(value); }
};
template <>
struct Writer<std::string> {
  static py::object write(const std::string& value) { return py::str(value); }
};
template <>
struct Writer<Bytes> {
  static py::object write(const Bytes& value) { return from_bytes(value); }
};
template <>
struct Writer<Hash> {
  static py::object write(const Hash& value) { return from_bytes(value); }
};
template <>
struct Writer<Date> {
  static py::object write(const Date& value) {
    if (value.days() == 0) return py::none();
    // Kept for the life of the process and never released: a static py::object would be
    // released after the interpreter has finalised.
    static const py::object* const epoch =
        new py::object(py::module_::import("datetime").attr("date")(1970, 1, 1));
    static const py::object* const timedelta =
        new py::object(py::module_::import("datetime").attr("timedelta"));
    return epoch->attr("__add__")((*timedelta)(value.days()));
  }
};
template <>
struct Writer<Money> {
  static py::object write(const Money& value) { return py::int_(value.fen()); }
};
template <>
struct Writer<Share> {
  static py::object write(const Share& value) { return py::str(value.to_string()); }
};
template <typename T>
struct Writer<T, std::enable_if_t<std::is_enum_v<T>>> {
  static py::object write(const T& value) {
    if constexpr (std::is_same_v<T, Role>) {
      return py::str(std::string(role_name(value)));
    } else {
      return py::str(std::string(name_of(value)));
    }
  }
};
template <typename T>
struct Writer<std::vector<T>> {
  static py::object write(const std::vector<T>& values) {
    py::list out;
    for (const T& value : values) out.append(Writer<T>::write(value));
    return out;
  }
};
template <typename A, typename B>
struct Writer<std::pair<A, B>> {
  static py::object write(const std::pair<A, B>& value) {
    return py::make_tuple(Writer<A>::write(value.first), Writer<B>::write(value.second));
  }
};

// --- records with named fields ---------------------------------------------------------------

template <typename Record>
struct Field {
  std::string name;
  std::function<void(const py::handle& value, const std::string& path, Record& out)> read;
  // The name read back (a date without its "_days": its value is a datetime.date) and the value.
  std::string read_back_name;
  std::function<py::object(const Record& record)> write;
};

// Units last in the names Python sees: an amount is "<name>_fen", a date "<name>_days".
template <typename T>
constexpr std::string_view unit_suffix() {
  if constexpr (std::is_same_v<T, Money>) return "_fen";
  if constexpr (std::is_same_v<T, Date>) return "_days";
  return "";
}

template <typename Record, typename T>
Field<Record> field(std::string_view name, T Record::*member) {
  const bool date = std::is_same_v<T, Date>;
  return {std::string(name).append(unit_suffix<T>()),
          [member](const py::handle& value, const std::string& path, Record& out) {
            Reader<T>::read(value, path, out.*member);
          },
          date ? std::string(name) : std::string(name).append(unit_suffix<T>()),
          [member](const Record& record) { return Writer<T>::write(record.*member); }};
}

// A record as a dict by `fields`.
template <typename Record>
py::dict write_fields(const std::vector<Field<Record>>& fields, const Record& record) {
  py::dict out;
  for (const Field<Record>& f : fields) out[py::str(f.read_back_name)] = f.write(record);
  return out;
}

// Reads a dict into `out` by `fields`: every key must name a field.
template <typename Record>
void read_fields(const std::vector<Field<Record>>& fields, std::string_view kind,
                 const py::handle& value, const std::string& path, Record& out) {
  if (!py::isinstance<py::dict>(value)) throw_invalid(path, shown(value), "give a dict");
  const py::dict dict = py::reinterpret_borrow<py::dict>(value);
  for (const auto& item : dict) {
    const std::string key = text_of(item.first, joined(path, "<key>"));
    bool known = false;
    for (const Field<Record>& f : fields) known = known || f.name == key;
    if (!known) throw_invalid(joined(path, key), key, "not a field of " + std::string(kind));
  }
  for (const Field<Record>& f : fields) {
    const py::str name(f.name);
    if (dict.contains(name)) f.read(dict[name], joined(path, f.name), out);
  }
}

// The field table of each record type; a Reader for every type that has one.
template <typename Record>
struct Fields;

template <typename Record>
struct Reader<Record, std::void_t<decltype(Fields<Record>::kKind)>> {
  static void read(const py::handle& value, const std::string& path, Record& out) {
    read_fields(Fields<Record>::list(), Fields<Record>::kKind, value, path, out);
  }
};

template <typename Record>
struct Writer<Record, std::void_t<decltype(Fields<Record>::kKind)>> {
  static py::object write(const Record& record) {
    return write_fields(Fields<Record>::list(), record);
  }
};

#define TAIZHANG_FIELDS(Record, kind, ...)                         \
  template <>                                                      \
  struct Fields<Record> {                                          \
    static constexpr std::string_view kKind = kind;                \
    static const std::vector<Field<Record>>& list() {              \
      static const std::vector<Field<Record>> fields{__VA_ARGS__}; \
      return fields;                                               \
    }                                                              \
  };

// Nested records.
TAIZHANG_FIELDS(FundingLine, "funding line", field("source", &FundingLine::source),
                field("amount", &FundingLine::amount))
TAIZHANG_FIELDS(OwnerShare, "owner", field("party", &OwnerShare::party),
                field("share", &OwnerShare::share))
TAIZHANG_FIELDS(
    AssetDescription, "description", field("name", &AssetDescription::name),
    field("form", &AssetDescription::form), field("category", &AssetDescription::category),
    field("use_right_years", &AssetDescription::use_right_years),
    field("project_name", &AssetDescription::project_name),
    field("project_year", &AssetDescription::project_year),
    field("implementing_unit", &AssetDescription::implementing_unit),
    field("division", &AssetDescription::division), field("place", &AssetDescription::place),
    field("quantity_milli", &AssetDescription::quantity_milli),
    field("unit", &AssetDescription::unit), field("completed", &AssetDescription::completed),
    field("original", &AssetDescription::original), field("funding", &AssetDescription::funding),
    field("investee", &AssetDescription::investee), field("stake", &AssetDescription::stake),
    field("project_id", &AssetDescription::project_id),
    field("performance_targets", &AssetDescription::performance_targets),
    field("exit_terms", &AssetDescription::exit_terms))
TAIZHANG_FIELDS(ApprovalChain, "approval chain", field("owner", &ApprovalChain::owner),
                field("per_owner", &ApprovalChain::per_owner),
                field("steps", &ApprovalChain::steps),
                field("above_threshold", &ApprovalChain::above_threshold))
TAIZHANG_FIELDS(PurposeRule, "purpose", field("name", &PurposeRule::name),
                field("restricted_ok", &PurposeRule::restricted_ok),
                field("categories", &PurposeRule::categories))
TAIZHANG_FIELDS(PlanRule, "plan rule", field("owner", &PlanRule::owner),
                field("resolution", &PlanRule::resolution),
                field("publicity", &PlanRule::publicity),
                field("county_consent", &PlanRule::county_consent))
TAIZHANG_FIELDS(QuorumRule, "quorum", field("meeting", &QuorumRule::meeting),
                field("numerator", &QuorumRule::numerator),
                field("denominator", &QuorumRule::denominator),
                field("strict", &QuorumRule::strict))
TAIZHANG_FIELDS(FixedPlanLine, "fixed line", field("line", &FixedPlanLine::line),
                field("purpose", &FixedPlanLine::purpose), field("amount", &FixedPlanLine::amount),
                field("payees", &FixedPlanLine::payees))
TAIZHANG_FIELDS(GuaranteedPlanLine, "guaranteed line", field("line", &GuaranteedPlanLine::line),
                field("party", &GuaranteedPlanLine::party),
                field("principal", &GuaranteedPlanLine::principal),
                field("rate", &GuaranteedPlanLine::rate),
                field("amount", &GuaranteedPlanLine::amount),
                field("list", &GuaranteedPlanLine::list))
TAIZHANG_FIELDS(ProportionalPlanLine, "proportional line",
                field("line", &ProportionalPlanLine::line),
                field("purpose", &ProportionalPlanLine::purpose),
                field("fraction", &ProportionalPlanLine::fraction),
                field("beneficiary_list", &ProportionalPlanLine::beneficiary_list))

// The audit's limits, by the names the library gives them.
template <>
struct Fields<AuditDays> {
  static constexpr std::string_view kKind = "audit_days";
  static const std::vector<Field<AuditDays>>& list() {
    static const std::vector<Field<AuditDays>> fields = [] {
      std::vector<Field<AuditDays>> out;
      for (const AuditDayField& f : audit_day_fields()) out.push_back(field(f.name, f.days));
      return out;
    }();
    return fields;
  }
};

// A depreciation method kept as its number in the entry, given by its name.
Field<DepreciationPlanned> method_field() {
  return {"method",
          [](const py::handle& value, const std::string& path, DepreciationPlanned& out) {
            out.method =
                static_cast<std::uint16_t>(parse_depreciation_method(text_of(value, path), path));
          },
          "method",
          [](const DepreciationPlanned& record) -> py::object {
            try {
              return py::str(std::string(
                  depreciation_method_name(static_cast<DepreciationMethod>(record.method))));
            } catch (const Error&) {
              return py::int_(record.method);  // a number no method has: shown as it is
            }
          }};
}

// The writes.
TAIZHANG_FIELDS(ActorKeyEnrolled, "actor_key_enrolled", field("actor", &ActorKeyEnrolled::actor),
                field("name", &ActorKeyEnrolled::name), field("role", &ActorKeyEnrolled::role),
                field("jurisdiction", &ActorKeyEnrolled::jurisdiction),
                field("public_key", &ActorKeyEnrolled::public_key),
                field("party", &ActorKeyEnrolled::party))
TAIZHANG_FIELDS(DivisionDefined, "division_defined", field("code", &DivisionDefined::code),
                field("name", &DivisionDefined::name),
                field("valid_from", &DivisionDefined::valid_from),
                field("valid_until", &DivisionDefined::valid_until))
TAIZHANG_FIELDS(PartyRegistered, "party_registered", field("kind", &PartyRegistered::kind),
                field("name", &PartyRegistered::name),
                field("division", &PartyRegistered::division),
                field("credit_code", &PartyRegistered::credit_code),
                field("person_hash", &PartyRegistered::person_hash),
                field("poverty_alleviated", &PartyRegistered::poverty_alleviated),
                field("monitored", &PartyRegistered::monitored),
                field("unable_to_work", &PartyRegistered::unable_to_work))
TAIZHANG_FIELDS(AssetRegistered, "asset_registered", field("code", &AssetRegistered::code),
                field("asset_class", &AssetRegistered::asset_class),
                field("description", &AssetRegistered::description),
                field("status", &AssetRegistered::status),
                field("owners", &AssetRegistered::owners))
TAIZHANG_FIELDS(AssetStatusChanged, "asset_status_changed",
                field("asset", &AssetStatusChanged::asset),
                field("status", &AssetStatusChanged::status),
                field("reason", &AssetStatusChanged::reason))
TAIZHANG_FIELDS(OwnershipConfirmed, "ownership_confirmed",
                field("asset", &OwnershipConfirmed::asset),
                field("owners", &OwnershipConfirmed::owners),
                field("certificate", &OwnershipConfirmed::certificate))
TAIZHANG_FIELDS(AssetCorrected, "asset_corrected", field("asset", &AssetCorrected::asset),
                field("corrects", &AssetCorrected::corrects),
                field("description", &AssetCorrected::description),
                field("reason", &AssetCorrected::reason))
TAIZHANG_FIELDS(RightBound, "right_bound", field("asset", &RightBound::asset),
                field("right", &RightBound::right), field("party", &RightBound::party),
                field("from", &RightBound::from), field("until", &RightBound::until))
TAIZHANG_FIELDS(OperationContracted, "operation_contracted",
                field("asset", &OperationContracted::asset),
                field("operator_party", &OperationContracted::operator_party),
                field("mode", &OperationContracted::mode),
                field("from", &OperationContracted::from),
                field("until", &OperationContracted::until),
                field("rent_per_year", &OperationContracted::rent_per_year),
                field("principal", &OperationContracted::principal),
                field("guarantee_rate", &OperationContracted::guarantee_rate),
                field("guarantee_per_year", &OperationContracted::guarantee_per_year),
                field("step_up", &OperationContracted::step_up),
                field("decided_by", &OperationContracted::decided_by),
                field("resolutions", &OperationContracted::resolutions))
TAIZHANG_FIELDS(MaintenanceBound, "maintenance_bound", field("asset", &MaintenanceBound::asset),
                field("party", &MaintenanceBound::party),
                field("person", &MaintenanceBound::person), field("mode", &MaintenanceBound::mode),
                field("funding", &MaintenanceBound::funding),
                field("inspection_interval_days", &MaintenanceBound::inspection_interval_days),
                field("from", &MaintenanceBound::from))
TAIZHANG_FIELDS(Inspected, "inspected", field("asset", &Inspected::asset),
                field("inspector", &Inspected::inspector),
                field("condition", &Inspected::condition), field("note", &Inspected::note),
                field("evidence", &Inspected::evidence),
                field("stocktaking", &Inspected::stocktaking))
TAIZHANG_FIELDS(ValueChanged, "value_changed", field("asset", &ValueChanged::asset),
                field("kind", &ValueChanged::kind), field("amount", &ValueChanged::amount),
                field("report_hash", &ValueChanged::report_hash),
                field("appraiser", &ValueChanged::appraiser))
TAIZHANG_FIELDS(DepreciationPlanned, "depreciation_planned",
                field("asset", &DepreciationPlanned::asset), method_field(),
                field("life_months", &DepreciationPlanned::life_months),
                field("residual_rate", &DepreciationPlanned::residual_rate),
                field("units_total", &DepreciationPlanned::units_total))
TAIZHANG_FIELDS(UnitsRecorded, "units_recorded", field("asset", &UnitsRecorded::asset),
                field("month", &UnitsRecorded::month), field("units", &UnitsRecorded::units))
TAIZHANG_FIELDS(PolicyDefined, "policy_defined", field("version", &PolicyDefined::version),
                field("effective_from", &PolicyDefined::effective_from),
                field("lives", &PolicyDefined::lives),
                field("residual_rate", &PolicyDefined::residual_rate),
                field("inspection_interval_days", &PolicyDefined::inspection_interval_days),
                field("publicity_days", &PolicyDefined::publicity_days),
                field("state_approval_threshold", &PolicyDefined::state_approval_threshold),
                field("chains", &PolicyDefined::chains),
                field("purposes", &PolicyDefined::purposes),
                field("prohibited_purposes", &PolicyDefined::prohibited_purposes),
                field("quorums", &PolicyDefined::quorums),
                field("majority_numerator", &PolicyDefined::majority_numerator),
                field("majority_denominator", &PolicyDefined::majority_denominator),
                field("audit_days", &PolicyDefined::audit),
                field("plan_rules", &PolicyDefined::plan_rules),
                field("appraisal_valid_months", &PolicyDefined::appraisal_valid_months),
                field("state_threshold_basis", &PolicyDefined::state_threshold_basis),
                field("state_threshold_inclusive", &PolicyDefined::state_threshold_inclusive),
                field("price_floor", &PolicyDefined::price_floor),
                field("stocktaking_by", &PolicyDefined::stocktaking_by),
                field("supervision_phone", &PolicyDefined::supervision_phone),
                field("supervision_unit", &PolicyDefined::supervision_unit))
TAIZHANG_FIELDS(DisposalRequested, "disposal_requested", field("asset", &DisposalRequested::asset),
                field("trigger", &DisposalRequested::trigger),
                field("method", &DisposalRequested::method),
                field("reasons", &DisposalRequested::reasons),
                field("evidence", &DisposalRequested::evidence),
                field("appraisal", &DisposalRequested::appraisal),
                field("owners", &DisposalRequested::owners))
TAIZHANG_FIELDS(DisposalStep, "disposal_step", field("request", &DisposalStep::request),
                field("step", &DisposalStep::step), field("approve", &DisposalStep::approve),
                field("note", &DisposalStep::note), field("resolution", &DisposalStep::resolution),
                field("notice", &DisposalStep::notice))
TAIZHANG_FIELDS(DisposalWithdrawn, "disposal_withdrawn",
                field("request", &DisposalWithdrawn::request),
                field("reason", &DisposalWithdrawn::reason))
TAIZHANG_FIELDS(DisposalExecuted, "disposal_executed", field("request", &DisposalExecuted::request),
                field("counterparty", &DisposalExecuted::counterparty),
                field("proceeds", &DisposalExecuted::proceeds),
                field("owners", &DisposalExecuted::owners))
TAIZHANG_FIELDS(IncomeRecorded, "income_recorded", field("asset", &IncomeRecorded::asset),
                field("kind", &IncomeRecorded::kind), field("amount", &IncomeRecorded::amount),
                field("from", &IncomeRecorded::from), field("until", &IncomeRecorded::until),
                field("payer", &IncomeRecorded::payer),
                field("payer_party", &IncomeRecorded::payer_party))
TAIZHANG_FIELDS(BeneficiaryChanged, "beneficiary_changed",
                field("owner", &BeneficiaryChanged::owner),
                field("list", &BeneficiaryChanged::list),
                field("party", &BeneficiaryChanged::party),
                field("weight_numerator", &BeneficiaryChanged::weight_numerator),
                field("weight_denominator", &BeneficiaryChanged::weight_denominator),
                field("removed", &BeneficiaryChanged::removed),
                field("reason", &BeneficiaryChanged::reason))
TAIZHANG_FIELDS(PlanApproved, "plan_approved", field("owner", &PlanApproved::owner),
                field("name", &PlanApproved::name), field("fixed", &PlanApproved::fixed),
                field("guaranteed", &PlanApproved::guaranteed),
                field("proportional", &PlanApproved::proportional),
                field("resolution", &PlanApproved::resolution),
                field("notice", &PlanApproved::notice), field("decision", &PlanApproved::decision),
                field("restricted", &PlanApproved::restricted))
TAIZHANG_FIELDS(AllocationRecorded, "allocation_recorded",
                field("incomes", &AllocationRecorded::incomes),
                field("owner", &AllocationRecorded::owner))
TAIZHANG_FIELDS(ResolutionAdopted, "resolution_adopted",
                field("village", &ResolutionAdopted::village),
                field("meeting", &ResolutionAdopted::meeting),
                field("subject", &ResolutionAdopted::subject),
                field("disposal", &ResolutionAdopted::disposal),
                field("title", &ResolutionAdopted::title), field("day", &ResolutionAdopted::day),
                field("eligible", &ResolutionAdopted::eligible),
                field("present", &ResolutionAdopted::present),
                field("in_favour", &ResolutionAdopted::in_favour))
TAIZHANG_FIELDS(NoticePosted, "notice_posted", field("subject", &NoticePosted::subject),
                field("subject_id", &NoticePosted::subject_id),
                field("division", &NoticePosted::division), field("place", &NoticePosted::place),
                field("start", &NoticePosted::start), field("end", &NoticePosted::end),
                field("content_hash", &NoticePosted::content_hash))
TAIZHANG_FIELDS(ObjectionRecorded, "objection_recorded",
                field("notice", &ObjectionRecorded::notice),
                field("upheld", &ObjectionRecorded::upheld),
                field("summary", &ObjectionRecorded::summary))
TAIZHANG_FIELDS(ActorKeyRotated, "actor_key_rotated", field("actor", &ActorKeyRotated::actor),
                field("public_key", &ActorKeyRotated::public_key),
                field("reason", &ActorKeyRotated::reason))
TAIZHANG_FIELDS(AssetHandedOver, "asset_handed_over", field("asset", &AssetHandedOver::asset),
                field("to", &AssetHandedOver::to), field("accepted", &AssetHandedOver::accepted),
                field("certificate", &AssetHandedOver::certificate),
                field("book_value", &AssetHandedOver::book_value))
TAIZHANG_FIELDS(ActorKeyRevoked, "actor_key_revoked", field("actor", &ActorKeyRevoked::actor),
                field("reason", &ActorKeyRevoked::reason))

#undef TAIZHANG_FIELDS

// Every alternative of RegistryWrite, by its kind.
struct WriteKind {
  std::string_view kind;
  RegistryWrite (*read)(const py::dict& fields);
  std::vector<std::string> (*field_names)();
};

template <typename Body>
WriteKind write_kind() {
  return {Fields<Body>::kKind,
          [](const py::dict& fields) -> RegistryWrite {
            Body body;
            Reader<Body>::read(fields, "", body);
            return body;
          },
          [] {
            std::vector<std::string> names;
            for (const auto& f : Fields<Body>::list()) names.push_back(f.name);
            return names;
          }};
}

template <typename... Bodies>
std::vector<WriteKind> kinds_of(const std::variant<Bodies...>*) {
  return {write_kind<Bodies>()...};
}

const std::vector<WriteKind>& all_kinds() {
  static const std::vector<WriteKind> kinds = kinds_of(static_cast<const RegistryWrite*>(nullptr));
  return kinds;
}

}  // namespace

RegistryWrite read_write(const std::string& kind, const py::dict& fields) {
  for (const WriteKind& k : all_kinds()) {
    if (k.kind == kind) return k.read(fields);
  }
  throw_invalid("kind", kind, "not a kind of write of the register");
}

std::pair<std::string, py::dict> body_fields(const Body& body) {
  return std::visit(
      [](const auto& b) -> std::pair<std::string, py::dict> {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, RegisterInitialized>) {
          py::dict out;
          out["format_version"] = b.format_version;
          out["county_code"] = b.county_code;
          out["county_name"] = b.county_name;
          out["origin"] = b.origin;
          out["log_public_key"] = from_bytes(b.log_public_key);
          return {"register_initialized", out};
        } else {
          return {std::string(Fields<B>::kKind), write_fields(Fields<B>::list(), b)};
        }
      },
      body);
}

std::vector<std::pair<std::string, std::vector<std::string>>> write_kinds() {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const WriteKind& k : all_kinds()) out.emplace_back(std::string(k.kind), k.field_names());
  return out;
}

}  // namespace taizhang::python

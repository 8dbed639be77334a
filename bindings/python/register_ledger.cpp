// The ledger: create/open, append, checkpoint, prove, verify.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/error.h"
#include "taizhang/ledger.h"
#include "writes.h"

namespace taizhang::python {
namespace {

// A body from a dict {"kind": "actor_key_enrolled", ...}, read by the table of writes; the only
// body a bare ledger takes from Python is an enrolment.
Body to_body(const py::dict& body) {
  const std::string kind = body.contains("kind") ? py::str(body["kind"]).cast<std::string>() : "";
  if (kind != "actor_key_enrolled") {
    throw_invalid("kind", kind, "the bodies writable from Python are: actor_key_enrolled");
  }
  py::dict fields;
  for (const auto& item : body) {
    if (py::str(item.first).cast<std::string>() != "kind") fields[item.first] = item.second;
  }
  return std::get<ActorKeyEnrolled>(read_write(kind, fields));
}

Date to_date(const py::object& value) {
  if (value.is_none()) return Date::parse("1970-01-01");
  if (py::isinstance<py::str>(value)) return Date::parse(value.cast<std::string>(), "effective");
  // datetime.date
  return Date::from_civil(value.attr("year").cast<int>(), value.attr("month").cast<int>(),
                          value.attr("day").cast<int>(), "effective");
}

// One entry as a request of `ledger`, signed by `signer` (the actor's key) when given.
AppendRequest to_request(const Ledger& ledger, const py::dict& body, const py::object& request_id,
                         const py::object& effective, std::uint64_t actor, const Signer* signer) {
  Entry entry;
  entry.body = to_body(body);
  entry.effective = to_date(effective);
  entry.actor = actor;
  AppendRequest request{request_id_arg(request_id), {entry}};
  if (request.request_id == RequestId{}) request.request_id = random_request_id();
  if (signer != nullptr) {
    request.entries.back().signature = signer->sign_record(
        request_message(ledger.log_verifier().text(), actor, request.request_id, request.entries));
  }
  return request;
}

py::list hash_list(const std::vector<Hash>& hashes) {
  py::list out;
  for (const Hash& hash : hashes) out.append(from_bytes(hash));
  return out;
}

}  // namespace

// One entry: its stamps, its kind and its body's fields (every kind; writes.h body_fields), and
// for the first two kinds their fields at the top level as well, as before.
py::dict entry_dict(const Entry& entry) {
  py::dict out;
  out["sequence"] = entry.sequence;
  out["recorded_micros"] = entry.recorded_micros;
  out["effective"] = entry.effective.to_string();
  out["actor"] = entry.actor;
  out["request_id"] = from_bytes(entry.request_id);
  out["description"] = describe_body(entry.body);
  auto [kind, fields] = body_fields(entry.body);
  out["kind"] = kind;
  out["fields"] = fields;
  py::list approvals;
  for (const Approval& approval : entry.approvals) approvals.append(approval.signer);
  out["approved_by"] = approvals;
  if (const auto* init = std::get_if<RegisterInitialized>(&entry.body)) {
    out["county_code"] = init->county_code;
    out["county_name"] = init->county_name;
    out["origin"] = init->origin;
  } else if (const auto* enrolled = std::get_if<ActorKeyEnrolled>(&entry.body)) {
    out["actor_enrolled"] = enrolled->actor;
    out["name"] = enrolled->name;
    out["role"] = std::string(role_name(enrolled->role));
    out["jurisdiction"] = enrolled->jurisdiction;
    out["public_key"] = from_bytes(enrolled->public_key);
  }
  return out;
}

void register_ledger(py::module_& module) {
  py::class_<VerifyReport>(module, "VerifyReport")
      .def_readonly("ok", &VerifyReport::ok)
      .def_readonly("entries_checked", &VerifyReport::entries_checked)
      .def_readonly("checkpoints_checked", &VerifyReport::checkpoints_checked)
      .def_readonly("view_records_compared", &VerifyReport::view_records_compared)
      .def_readonly("views_checked", &VerifyReport::views_checked)
      .def_readonly("view_records_digested", &VerifyReport::view_records_digested)
      .def_readonly("first_bad_sequence", &VerifyReport::first_bad_sequence)
      .def_readonly("problem", &VerifyReport::problem)
      .def("__bool__", [](const VerifyReport& r) { return r.ok; })
      .def("__repr__", [](const VerifyReport& r) {
        return r.ok ? "<VerifyReport ok, " + std::to_string(r.entries_checked) + " entries>"
                    : "<VerifyReport DAMAGED: " + r.problem + ">";
      });

  py::class_<Ledger>(module, "Ledger", "A county register's verifiable log in LMDB.")
      .def_static(
          "create",
          [](const std::string& path, const std::string& county_code,
             const std::string& county_name, const std::string& origin, const Signer& key,
             bool durable) {
            LedgerOptions options;
            options.durable = durable;
            return Ledger::create(path, {county_code, county_name, origin}, key, options);
          },
          py::arg("path"), py::arg("county_code"), py::arg("county_name"), py::arg("origin"),
          py::arg("key"), py::arg("durable") = true)
      .def_static(
          "open",
          [](const std::string& path, bool readonly) {
            LedgerOptions options;
            options.read_only = readonly;
            return Ledger::open(path, options);
          },
          py::arg("path"), py::arg("readonly") = false)
      .def(
          "append",
          [](Ledger& ledger, const py::dict& body, const py::object& request_id,
             const py::object& effective, std::uint64_t actor, const Signer* signer) {
            const AppendRequest request =
                to_request(ledger, body, request_id, effective, actor, signer);
            py::gil_scoped_release release;
            const AppendOutcome outcome = ledger.append(request);
            return outcome.first_sequence;
          },
          py::arg("body"), py::kw_only(), py::arg("request_id") = py::none(),
          py::arg("effective") = py::none(), py::arg("actor") = 0, py::arg("signer") = nullptr,
          "Appends one entry by `actor`, signed by `signer` (its key; actor 0 is the log key); "
          "returns its sequence number (the first one, for a replay).")
      .def(
          "append_batch",
          [](Ledger& ledger, const py::list& bodies, const py::object& effective,
             std::uint64_t actor, const Signer* signer) {
            std::vector<AppendRequest> requests;
            for (const auto& item : bodies) {
              const py::dict body = item.cast<py::dict>();
              const py::object id = body.contains("request_id") ? py::object(body["request_id"])
                                                                : py::object(py::none());
              py::dict fields;
              for (const auto& field : body) {
                if (py::str(field.first).cast<std::string>() != "request_id")
                  fields[field.first] = field.second;
              }
              requests.push_back(to_request(ledger, fields, id, effective, actor, signer));
            }
            std::vector<AppendOutcome> outcomes;
            {
              py::gil_scoped_release release;
              outcomes = ledger.append_batch(requests);
            }
            std::vector<std::uint64_t> sequences;
            for (const AppendOutcome& outcome : outcomes)
              sequences.push_back(outcome.first_sequence);
            return sequences;
          },
          py::arg("bodies"), py::kw_only(), py::arg("effective") = py::none(), py::arg("actor") = 0,
          py::arg("signer") = nullptr,
          "Appends many entries in one atomic transaction, each a request signed by `signer`.")
      .def_property_readonly("size", &Ledger::size)
      .def_property_readonly("root", [](const Ledger& l) { return from_bytes(l.root()); })
      .def(
          "root_at",
          [](const Ledger& l, std::uint64_t size) { return from_bytes(l.root_at(size)); },
          py::arg("size"))
      .def(
          "entry", [](const Ledger& l, std::uint64_t seq) { return entry_dict(l.entry(seq)); },
          py::arg("sequence"))
      .def(
          "entry_bytes",
          [](const Ledger& l, std::uint64_t seq) { return from_bytes(l.entry_bytes(seq)); },
          py::arg("sequence"))
      .def(
          "inclusion_proof",
          [](const Ledger& l, std::uint64_t seq, std::optional<std::uint64_t> size) {
            return hash_list(l.inclusion_proof(seq, size.value_or(l.size())));
          },
          py::arg("sequence"), py::arg("size") = py::none())
      .def(
          "consistency_proof",
          [](const Ledger& l, std::uint64_t size1, std::uint64_t size2) {
            return hash_list(l.consistency_proof(size1, size2));
          },
          py::arg("size1"), py::arg("size2"))
      .def(
          "checkpoint",
          [](Ledger& l, const Signer& key, const std::optional<std::string>& state) {
            return state ? l.checkpoint(key, *state) : l.checkpoint(key);
          },
          py::arg("key"), py::arg("state") = py::none(),
          "Signs the head; with `state` (a file beside the key) refuses a head that does not "
          "extend the last note signed, and records the new one.")
      .def(
          "verify_since",
          [](const Ledger& l, const std::vector<std::string>& notes,
             const std::optional<Verifier>& trusted) {
            return l.verify_since(notes, trusted ? &*trusted : nullptr);
          },
          py::arg("notes"), py::arg("trusted") = py::none(),
          "Checks that this log extends each earlier checkpoint note (consistency proofs).")
      .def("latest_checkpoint", &Ledger::latest_checkpoint)
      .def("checkpoint_at", &Ledger::checkpoint_at, py::arg("size"))
      .def_property_readonly("log_verifier", &Ledger::log_verifier)
      .def(
          "verify",
          [](const Ledger& l, const std::optional<Verifier>& trusted, bool deep) {
            py::gil_scoped_release release;
            const Verifier* key = trusted ? &*trusted : nullptr;
            return deep ? l.verify_deep({}, key) : l.verify({}, key);
          },
          py::arg("trusted") = py::none(), py::arg("deep") = false,
          "Recomputes every hash and checkpoint; `trusted` is the county's published key; "
          "`deep` also rebuilds every view by replay and compares.");
}

}  // namespace taizhang::python

// The register's writes as Python gives them: a kind and a dict of fields (writes.cpp has the
// one table that describes every write).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "taizhang/registry.h"

namespace taizhang::python {

// The write of kind `kind` ("asset_registered", ...) from `fields`; InvalidInput naming the kind
// or the field for an unknown kind, an unknown field or a value of the wrong type.
RegistryWrite read_write(const std::string& kind, const py::dict& fields);

// The kind of an entry body ("register_initialized", "asset_registered", ...) and its fields as
// plain Python values by the names of the writes (amounts as integer "_fen", dates as
// datetime.date under their names without "_days", None for none; enumerants by name).
std::pair<std::string, py::dict> body_fields(const Body& body);

// Every kind of write with its field names, in the order of the entry body.
std::vector<std::pair<std::string, std::vector<std::string>>> write_kinds();

}  // namespace taizhang::python

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

// Every kind of write with its field names, in the order of the entry body.
std::vector<std::pair<std::string, std::vector<std::string>>> write_kinds();

}  // namespace taizhang::python

// The registration functions of the _core module, one per area (one file each).
#pragma once

#include <pybind11/pybind11.h>

#include "taizhang/bytes.h"
#include "taizhang/entry.h"

namespace taizhang::python {

namespace py = pybind11;

void register_errors(py::module_& module);
void register_merkle(py::module_& module);
void register_keys(py::module_& module);
void register_ledger(py::module_& module);
void register_values(py::module_& module);
void register_depreciation(py::module_& module);
void register_registry(py::module_& module);
void register_allocation(py::module_& module);

// Python bytes-like objects to and from C++ byte strings and hashes.
Bytes to_bytes(const py::bytes& value);
py::bytes from_bytes(ByteView value);
// A request id from Python: 16 bytes, or a fresh one for None (InvalidInput otherwise).
RequestId request_id_arg(const py::object& value);
// One entry of a log as a dict: sequence, recorded_micros, effective, actor, request_id,
// description, kind, fields (writes.h body_fields), approved_by (register_ledger.cpp).
py::dict entry_dict(const Entry& entry);
// InvalidInput naming `field` unless `value` is exactly 32 bytes.
Hash to_hash_arg(const py::bytes& value, const char* field);

}  // namespace taizhang::python

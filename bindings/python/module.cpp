// taizhang._core: the compiled half of the Python package. Python conveniences live in
// bindings/python/taizhang/*.py; this module only exposes the C++ library.
#include "bindings.h"
#include "taizhang/error.h"
#include "taizhang/ledger.h"

namespace taizhang::python {

Bytes to_bytes(const py::bytes& value) {
  const std::string_view view = value;
  return Bytes(view.begin(), view.end());
}

py::bytes from_bytes(ByteView value) {
  return py::bytes(reinterpret_cast<const char*>(value.data()), value.size());
}

RequestId request_id_arg(const py::object& value) {
  if (value.is_none()) return random_request_id();
  if (!py::isinstance<py::bytes>(value)) {
    throw_invalid("request_id", py::repr(value).cast<std::string>(), "give 16 bytes or None");
  }
  const Bytes bytes = to_bytes(value.cast<py::bytes>());
  if (bytes.size() != kRequestIdSize) {
    throw_invalid("request_id", to_hex(bytes), "a request id is 16 bytes");
  }
  RequestId id;
  std::copy(bytes.begin(), bytes.end(), id.begin());
  return id;
}

Hash to_hash_arg(const py::bytes& value, const char* field) {
  const std::string_view view = value;
  return to_hash(as_bytes(view), field);
}

}  // namespace taizhang::python

PYBIND11_MODULE(_core, module) {
  module.doc() = "taizhang: the verifiable register of poverty-alleviation project assets";
  taizhang::python::register_errors(module);
  taizhang::python::register_merkle(module);
  taizhang::python::register_keys(module);
  taizhang::python::register_ledger(module);
  taizhang::python::register_values(module);
  taizhang::python::register_depreciation(module);
  taizhang::python::register_registry(module);
  taizhang::python::register_allocation(module);
}

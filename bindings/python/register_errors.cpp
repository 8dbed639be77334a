// taizhang.Error and one subclass per ErrorKind; C++ taizhang::Error becomes the subclass.
#include <array>
#include <string_view>

#include "bindings.h"
#include "taizhang/error.h"

namespace taizhang::python {

void register_errors(py::module_& module) {
  constexpr std::size_t kKinds = 7;
  static PyObject* base = nullptr;
  static std::array<PyObject*, kKinds + 1> classes{};
  base = PyErr_NewExceptionWithDoc("taizhang.Error",
                                   "Base of every error the taizhang library reports.",
                                   PyExc_Exception, nullptr);
  module.attr("Error") = py::handle(base);
  for (std::size_t kind = 1; kind <= kKinds; ++kind) {
    const std::string name(error_kind_name(static_cast<ErrorKind>(kind)));
    classes[kind] = PyErr_NewException(("taizhang." + name).c_str(), base, nullptr);
    module.attr(name.c_str()) = py::handle(classes[kind]);
  }
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const Error& error) {
      // Decoded with replacement: a message cut inside a UTF-8 character still says the rest
      // (PyErr_SetString would leave the message empty).
      const std::string_view what = error.what();
      PyObject* text =
          PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace");
      if (text == nullptr) {
        PyErr_Clear();
        PyErr_SetString(classes[static_cast<std::size_t>(error.kind())], "(undecodable message)");
        return;
      }
      PyErr_SetObject(classes[static_cast<std::size_t>(error.kind())], text);
      Py_DECREF(text);
    }
  });
}

}  // namespace taizhang::python

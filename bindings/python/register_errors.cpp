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
      // The instance carries the message in Chinese as `message_zh` (the English one where the
      // library wrote none), for notebooks that show errors to county staff.
      PyObject* type = classes[static_cast<std::size_t>(error.kind())];
      PyObject* instance = PyObject_CallOneArg(type, text);
      Py_DECREF(text);
      if (instance == nullptr) return;
      const std::string& zh = error.chinese();
      PyObject* chinese =
          zh.empty()
              ? PyObject_Str(instance)
              : PyUnicode_DecodeUTF8(zh.data(), static_cast<Py_ssize_t>(zh.size()), "replace");
      if (chinese == nullptr || PyObject_SetAttrString(instance, "message_zh", chinese) != 0) {
        PyErr_Clear();
      }
      Py_XDECREF(chinese);
      PyErr_SetObject(type, instance);
      Py_DECREF(instance);
    }
  });
}

}  // namespace taizhang::python

// Ed25519 signer and verifier keys, and checkpoints.
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/checkpoint.h"
#include "taizhang/keys.h"

namespace taizhang::python {

void register_keys(py::module_& module) {
  py::class_<Verifier>(module, "Verifier", "A public key in signed-note form: name+id+key.")
      .def_static("parse", &Verifier::parse, py::arg("text"))
      .def_static("load", &Verifier::load, py::arg("path"))
      .def_property_readonly("name", &Verifier::name)
      .def_property_readonly("key_id", &Verifier::key_id)
      .def_property_readonly("public_key",
                             [](const Verifier& v) { return from_bytes(v.public_key()); })
      .def("text", &Verifier::text)
      .def(
          "verify",
          [](const Verifier& v, const py::bytes& message, const py::bytes& signature) {
            return v.verify(to_bytes(message), to_bytes(signature));
          },
          py::arg("message"), py::arg("signature"))
      .def("__repr__", [](const Verifier& v) { return "<Verifier " + v.text() + ">"; });

  py::class_<Signer>(module, "Signer", "An Ed25519 signing key; its file is kept mode 0600.")
      .def_static("generate", &Signer::generate, py::arg("name"))
      .def_static(
          "from_seed",
          [](const std::string& name, const py::bytes& seed) {
            return Signer::from_seed(name, to_bytes(seed));
          },
          py::arg("name"), py::arg("seed"))
      .def_static("load", &Signer::load, py::arg("path"))
      .def("save", &Signer::save, py::arg("path"))
      .def_property_readonly("name", &Signer::name)
      .def_property_readonly("verifier", &Signer::verifier)
      .def(
          "sign",
          [](const Signer& s, const py::bytes& message) {
            return from_bytes(s.sign(to_bytes(message)));
          },
          py::arg("message"))
      .def("__repr__", [](const Signer& s) { return "<Signer " + s.verifier().text() + ">"; });

  module.def(
      "sign_checkpoint",
      [](const std::string& origin, std::uint64_t size, const py::bytes& root,
         const Signer& signer) {
        return sign_checkpoint({origin, size, to_hash_arg(root, "root")}, signer);
      },
      py::arg("origin"), py::arg("size"), py::arg("root"), py::arg("signer"));
  module.def(
      "open_checkpoint",
      [](const std::string& note, const Verifier& verifier) {
        const Checkpoint head = open_checkpoint(note, verifier);
        return py::make_tuple(head.origin, head.size, from_bytes(head.root));
      },
      py::arg("note"), py::arg("verifier"),
      "Checks a signed checkpoint; returns (origin, size, root). Raises IntegrityError unless "
      "signed by `verifier`.");
}

}  // namespace taizhang::python

// RFC 6962 Merkle functions over lists of entries, for notebooks and for checking proofs.
#include <pybind11/stl.h>

#include "bindings.h"
#include "taizhang/error.h"
#include "taizhang/merkle.h"

namespace taizhang::python {
namespace {

std::vector<Bytes> to_entries(const std::vector<py::bytes>& entries) {
  std::vector<Bytes> out;
  out.reserve(entries.size());
  for (const py::bytes& entry : entries) out.push_back(to_bytes(entry));
  return out;
}

py::list to_list(const std::vector<Hash>& hashes) {
  py::list out;
  for (const Hash& hash : hashes) out.append(from_bytes(hash));
  return out;
}

std::vector<Hash> to_hashes(const std::vector<py::bytes>& proof) {
  std::vector<Hash> out;
  out.reserve(proof.size());
  for (const py::bytes& element : proof) out.push_back(to_hash_arg(element, "proof element"));
  return out;
}

}  // namespace

void register_merkle(py::module_& module) {
  module.def("leaf_hash",
             [](const py::bytes& data) { return from_bytes(merkle::leaf_hash(to_bytes(data))); });
  module.def("node_hash", [](const py::bytes& left, const py::bytes& right) {
    return from_bytes(merkle::node_hash(to_hash_arg(left, "left"), to_hash_arg(right, "right")));
  });
  module.def("root", [](const std::vector<py::bytes>& entries) {
    const std::vector<Bytes> leaves = to_entries(entries);
    const merkle::MemoryTree tree(leaves);
    return from_bytes(merkle::root(tree.reader(), tree.size()));
  });
  module.def("inclusion_proof", [](const std::vector<py::bytes>& entries, std::uint64_t index) {
    const std::vector<Bytes> leaves = to_entries(entries);
    const merkle::MemoryTree tree(leaves);
    return to_list(merkle::inclusion_proof(tree.reader(), index, tree.size()));
  });
  module.def("consistency_proof", [](const std::vector<py::bytes>& entries, std::uint64_t size1) {
    const std::vector<Bytes> leaves = to_entries(entries);
    const merkle::MemoryTree tree(leaves);
    return to_list(merkle::consistency_proof(tree.reader(), size1, tree.size()));
  });
  // The verifiers take arguments already checked for type and length by taizhang/merkle.py.
  module.def("verify_inclusion", [](const py::bytes& leaf, std::uint64_t index, std::uint64_t size,
                                    const std::vector<py::bytes>& proof, const py::bytes& root) {
    return merkle::verify_inclusion(to_hash_arg(leaf, "leaf_hash"), index, size, to_hashes(proof),
                                    to_hash_arg(root, "root"));
  });
  module.def("verify_consistency",
             [](std::uint64_t size1, std::uint64_t size2, const py::bytes& root1,
                const py::bytes& root2, const std::vector<py::bytes>& proof) {
               return merkle::verify_consistency(size1, size2, to_hash_arg(root1, "root1"),
                                                 to_hash_arg(root2, "root2"), to_hashes(proof));
             });
}

}  // namespace taizhang::python

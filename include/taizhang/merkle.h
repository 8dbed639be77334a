// The Merkle tree of the log: RFC 6962 / RFC 9162 hashing, proofs and their verification.
//
//   leaf hash = SHA-256(0x00 || entry bytes)
//   node hash = SHA-256(0x01 || left || right)
//   MTH(D[0:n]) splits at k, the largest power of two below n; the tree is never padded.
//
// Leaves are numbered from 0 (the entry's sequence number). A "complete subtree" at
// (level, index) covers leaves [index * 2^level, (index + 1) * 2^level); the ledger stores
// every one of them, so any root or proof needs O(log n) stored hashes.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/export.h"

namespace taizhang::merkle {

TAIZHANG_EXPORT Hash leaf_hash(ByteView entry);
TAIZHANG_EXPORT Hash node_hash(const Hash& left, const Hash& right);
TAIZHANG_EXPORT Hash empty_root();  // SHA-256 of nothing
// RFC 6962's HashChildren over byte strings of any length: SHA-256(0x01 || left || right).
// The tree only ever combines 32-byte hashes (node_hash); this form exists for the published
// hasher vectors, which also feed it short strings.
TAIZHANG_EXPORT Hash hash_children(ByteView left, ByteView right);

// Returns the stored hash of the complete subtree at (level, index). The proof functions call it
// only for subtrees that lie inside the tree they were asked about.
using SubtreeReader = std::function<Hash(unsigned level, std::uint64_t index)>;

// MTH of leaves [0, size). O(log size) reads.
TAIZHANG_EXPORT Hash root(const SubtreeReader& read, std::uint64_t size);
// The audit path of leaf `index` in the tree of `size` leaves, leaf level first (RFC 9162
// §2.1.3.1). Throws InvalidInput unless index < size.
TAIZHANG_EXPORT std::vector<Hash> inclusion_proof(const SubtreeReader& read, std::uint64_t index,
                                                  std::uint64_t size);
// The consistency proof from the tree of size1 leaves to the tree of size2 leaves (RFC 9162
// §2.1.4.1). Throws InvalidInput unless 0 < size1 <= size2.
TAIZHANG_EXPORT std::vector<Hash> consistency_proof(const SubtreeReader& read, std::uint64_t size1,
                                                    std::uint64_t size2);

// RFC 9162 §2.1.3.2. True only for a valid proof; false for index >= size and any wrong proof.
TAIZHANG_EXPORT bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                                      std::span<const Hash> proof, const Hash& root);
// RFC 9162 §2.1.4.2. True only for a valid proof; false for size1 == 0, size1 > size2, and any
// wrong proof (including extra or missing elements).
TAIZHANG_EXPORT bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1,
                                        const Hash& root2, std::span<const Hash> proof);

// The right edge of a growing tree: the roots of its complete subtrees, largest first, at most
// 64 of them. Appending a leaf reports each subtree it completes, which is how the ledger
// stores the tree and how verify recomputes it with memory flat in the number of leaves.
class TAIZHANG_EXPORT Frontier {
 public:
  struct Completed {
    unsigned level;
    std::uint64_t index;
    Hash hash;
  };

  // Rebuilds the frontier of a tree of `size` leaves from its stored subtrees.
  static Frontier load(const SubtreeReader& read, std::uint64_t size);

  std::uint64_t size() const { return size_; }
  // Appends a leaf hash; `on_complete` sees the leaf itself (level 0) and every subtree it
  // completes, lowest level first.
  template <typename OnComplete>
  void append(const Hash& leaf, OnComplete&& on_complete);
  Hash root() const;

 private:
  void push(unsigned level, const Hash& hash);
  std::uint64_t size_ = 0;
  // hashes_[i] is the complete subtree at level levels_[i]; levels strictly decrease.
  std::vector<Hash> hashes_;
  std::vector<unsigned> levels_;
};

template <typename OnComplete>
void Frontier::append(const Hash& leaf, OnComplete&& on_complete) {
  const std::uint64_t index = size_;
  on_complete(Completed{0, index, leaf});
  Hash carry = leaf;
  unsigned level = 0;
  // Each trailing one bit of the old size is a subtree that the new leaf now pairs with.
  while (!levels_.empty() && levels_.back() == level) {
    carry = node_hash(hashes_.back(), carry);
    hashes_.pop_back();
    levels_.pop_back();
    ++level;
    on_complete(Completed{level, index >> level, carry});
  }
  push(level, carry);
  ++size_;
}

// An in-memory tree over a list of entries: every complete subtree kept, level by level.
// Serves the pure functions of the Python module and the tests.
class TAIZHANG_EXPORT MemoryTree {
 public:
  explicit MemoryTree(std::span<const Bytes> entries);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  SubtreeReader reader() const;

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace taizhang::merkle

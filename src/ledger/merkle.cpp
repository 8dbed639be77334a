// RFC 6962 / RFC 9162 Merkle tree: roots and proofs over stored complete subtrees, and the
// verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
#include "taizhang/merkle.h"

#include <bit>

#include "core/sha256.h"
#include "taizhang/error.h"

namespace taizhang::merkle {
namespace {

constexpr std::uint8_t kLeafPrefix = 0x00;
constexpr std::uint8_t kNodePrefix = 0x01;

// The largest power of two strictly below n (n >= 2).
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

// MTH of leaves [begin, end). Ranges reached from the proofs always start at a multiple of
// the largest power of two that fits in them, so the range falls into complete subtrees
// whose hashes are read, and only the ragged right edge is hashed here.
Hash range_root(const SubtreeReader& read, std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t width = end - begin;
  if (std::has_single_bit(width) && begin % width == 0) {
    const auto level = static_cast<unsigned>(std::countr_zero(width));
    return read(level, begin >> level);
  }
  const std::uint64_t k = split_point(width);
  return node_hash(range_root(read, begin, begin + k), range_root(read, begin + k, end));
}

void inclusion_path(const SubtreeReader& read, std::uint64_t index, std::uint64_t begin,
                    std::uint64_t end, std::vector<Hash>& out) {
  if (end - begin <= 1) return;
  const std::uint64_t k = split_point(end - begin);
  if (index < begin + k) {
    inclusion_path(read, index, begin, begin + k, out);
    out.push_back(range_root(read, begin + k, end));
  } else {
    inclusion_path(read, index, begin + k, end, out);
    out.push_back(range_root(read, begin, begin + k));
  }
}

// SUBPROOF(m, D[begin:end], b) of RFC 9162 §2.1.4.1, with m counted from `begin`.
void consistency_subproof(const SubtreeReader& read, std::uint64_t m, std::uint64_t begin,
                          std::uint64_t end, bool whole_old_tree, std::vector<Hash>& out) {
  if (begin + m == end) {
    if (!whole_old_tree) out.push_back(range_root(read, begin, end));
    return;
  }
  const std::uint64_t k = split_point(end - begin);
  if (m <= k) {
    consistency_subproof(read, m, begin, begin + k, whole_old_tree, out);
    out.push_back(range_root(read, begin + k, end));
  } else {
    consistency_subproof(read, m - k, begin + k, end, false, out);
    out.push_back(range_root(read, begin, begin + k));
  }
}

bool lowest_bit(std::uint64_t value) { return (value & 1) != 0; }

}  // namespace

Hash leaf_hash(ByteView entry) {
  thread_local internal::Sha256 hasher;
  return hasher.update_byte(kLeafPrefix).update(entry).finish();
}

Hash node_hash(const Hash& left, const Hash& right) { return hash_children(left, right); }

Hash hash_children(ByteView left, ByteView right) {
  thread_local internal::Sha256 hasher;
  return hasher.update_byte(kNodePrefix).update(left).update(right).finish();
}

Hash empty_root() { return internal::Sha256::of({}); }

Hash root(const SubtreeReader& read, std::uint64_t size) {
  return size == 0 ? empty_root() : range_root(read, 0, size);
}

std::vector<Hash> inclusion_proof(const SubtreeReader& read, std::uint64_t index,
                                  std::uint64_t size) {
  if (index >= size) {
    throw_invalid("index", std::to_string(index),
                  "leaf index must be below the tree size " + std::to_string(size),
                  "记录序号须小于树中的记录数 " + std::to_string(size));
  }
  std::vector<Hash> proof;
  inclusion_path(read, index, 0, size, proof);
  return proof;
}

std::vector<Hash> consistency_proof(const SubtreeReader& read, std::uint64_t size1,
                                    std::uint64_t size2) {
  if (size1 == 0 || size1 > size2) {
    throw_invalid("size1", std::to_string(size1),
                  "must satisfy 0 < size1 <= size2 = " + std::to_string(size2),
                  "须满足 0 < size1 ≤ size2（size2 为 " + std::to_string(size2) + "）");
  }
  std::vector<Hash> proof;
  if (size1 < size2) consistency_subproof(read, size1, 0, size2, true, proof);
  return proof;
}

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t node = index;
  std::uint64_t last = size - 1;
  Hash running = leaf;
  for (const Hash& sibling : proof) {
    if (last == 0) return false;  // more proof than tree
    if (lowest_bit(node) || node == last) {
      running = node_hash(sibling, running);
      while (!lowest_bit(node) && node != 0) {
        node >>= 1;
        last >>= 1;
      }
    } else {
      running = node_hash(running, sibling);
    }
    node >>= 1;
    last >>= 1;
  }
  return last == 0 && running == root;
}

bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1,
                        const Hash& root2, std::span<const Hash> proof) {
  if (size1 == 0 || size1 > size2) return false;
  if (size1 == size2) return proof.empty() && root1 == root2;
  if (proof.empty()) return false;
  // When the old tree is a complete subtree its root is the proof's implicit first element.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(size1)) path.push_back(root1);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t node = size1 - 1;
  std::uint64_t last = size2 - 1;
  while (lowest_bit(node)) {
    node >>= 1;
    last >>= 1;
  }
  Hash old_root = path[0];
  Hash new_root = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (last == 0) return false;
    const Hash& element = path[i];
    if (lowest_bit(node) || node == last) {
      old_root = node_hash(element, old_root);
      new_root = node_hash(element, new_root);
      while (!lowest_bit(node) && node != 0) {
        node >>= 1;
        last >>= 1;
      }
    } else {
      new_root = node_hash(new_root, element);
    }
    node >>= 1;
    last >>= 1;
  }
  return last == 0 && old_root == root1 && new_root == root2;
}

Frontier Frontier::load(const SubtreeReader& read, std::uint64_t size) {
  Frontier frontier;
  std::uint64_t covered = 0;
  // One complete subtree per set bit of size, largest first.
  for (int level = 63; level >= 0; --level) {
    const std::uint64_t width = std::uint64_t{1} << level;
    if ((size & width) == 0) continue;
    frontier.push(static_cast<unsigned>(level),
                  read(static_cast<unsigned>(level), covered >> level));
    covered += width;
  }
  frontier.size_ = size;
  return frontier;
}

void Frontier::push(unsigned level, const Hash& hash) {
  hashes_.push_back(hash);
  levels_.push_back(level);
}

Hash Frontier::root() const {
  if (hashes_.empty()) return empty_root();
  Hash running = hashes_.back();
  for (std::size_t i = hashes_.size() - 1; i-- > 0;) running = node_hash(hashes_[i], running);
  return running;
}

MemoryTree::MemoryTree(std::span<const Bytes> entries) {
  if (entries.empty()) return;
  levels_.emplace_back();
  levels_[0].reserve(entries.size());
  for (const Bytes& entry : entries) levels_[0].push_back(leaf_hash(entry));
  while (levels_.back().size() >= 2) {
    const std::vector<Hash>& below = levels_.back();
    std::vector<Hash> above;
    above.reserve(below.size() / 2);
    for (std::size_t i = 0; i + 1 < below.size(); i += 2) {
      above.push_back(node_hash(below[i], below[i + 1]));
    }
    levels_.push_back(std::move(above));
  }
}

SubtreeReader MemoryTree::reader() const {
  return [this](unsigned level, std::uint64_t index) { return levels_.at(level).at(index); };
}

}  // namespace taizhang::merkle

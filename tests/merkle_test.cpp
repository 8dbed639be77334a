// The Merkle tree against the published RFC 6962 vectors, and property tests on random trees.
#include "taizhang/merkle.h"

#include <catch2/catch.hpp>
#include <random>

#include "taizhang/error.h"
#include "test_support.h"

using namespace taizhang;
using test::read_vectors;

namespace {

Hash hash_of(const std::string& hex) { return to_hash(from_hex(hex)); }

Bytes bytes_of(const std::string& field) { return field == "-" ? Bytes{} : from_hex(field); }

std::vector<Hash> proof_of(const std::string& field) {
  std::vector<Hash> proof;
  if (field == "-") return proof;
  std::size_t at = 0;
  while (at <= field.size()) {
    const auto comma = field.find(',', at);
    proof.push_back(hash_of(field.substr(at, comma - at)));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return proof;
}

std::vector<Bytes> standard_inputs() {
  std::vector<Bytes> inputs;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] == "input") inputs.push_back(bytes_of(record[2]));
  }
  return inputs;
}

std::vector<Bytes> random_entries(std::mt19937_64& random, std::size_t count) {
  // Each entry starts with its index so no two leaves are equal (equal neighbours would let a
  // swapped proof verify, which is correct behaviour but not the mutation meant).
  std::vector<Bytes> entries(count);
  for (std::size_t i = 0; i < count; ++i) {
    entries[i] = {static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
    entries[i].resize(2 + random() % 40);
    for (std::size_t j = 2; j < entries[i].size(); ++j) {
      entries[i][j] = static_cast<std::uint8_t>(random());
    }
  }
  return entries;
}

// Every single-element and single-bit change of `proof` that must not verify.
std::vector<std::vector<Hash>> mutations(const std::vector<Hash>& proof, std::mt19937_64& random) {
  std::vector<std::vector<Hash>> out;
  for (std::size_t i = 0; i < proof.size(); ++i) {
    auto flipped = proof;
    const auto bit = random() % 256;
    flipped[i][bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    out.push_back(flipped);
    auto dropped = proof;
    dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(dropped);
    auto doubled = proof;
    doubled.insert(doubled.begin() + static_cast<std::ptrdiff_t>(i), proof[i]);
    out.push_back(doubled);
    if (i + 1 < proof.size() && proof[i] != proof[i + 1]) {
      auto swapped = proof;
      std::swap(swapped[i], swapped[i + 1]);
      out.push_back(swapped);
    }
  }
  auto extended = proof;
  extended.push_back(merkle::empty_root());
  out.push_back(extended);
  return out;
}

}  // namespace

TEST_CASE("leaf inputs give the published complete subtree hashes") {
  const std::vector<Bytes> inputs = standard_inputs();
  REQUIRE(inputs.size() == 8);
  const merkle::MemoryTree tree(inputs);
  const auto read = tree.reader();
  int checked = 0;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] != "node") continue;
    CHECK(to_hex(read(std::stoul(record[1]), std::stoull(record[2]))) == record[3]);
    ++checked;
  }
  CHECK(checked == 15);
}

TEST_CASE("roots of the published sizes 0..8") {
  const std::vector<Bytes> inputs = standard_inputs();
  int checked = 0;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] != "root") continue;
    const std::size_t size = std::stoul(record[1]);
    const std::vector<Bytes> prefix(inputs.begin(), inputs.begin() + static_cast<long>(size));
    const merkle::MemoryTree tree(prefix);
    CHECK(to_hex(merkle::root(tree.reader(), size)) == record[2]);
    ++checked;
  }
  CHECK(checked == 9);
}

TEST_CASE("published inclusion proofs are produced and verify") {
  const std::vector<Bytes> inputs = standard_inputs();
  int checked = 0;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] != "inclusion") continue;
    const std::uint64_t index = std::stoull(record[1]);
    const std::uint64_t size = std::stoull(record[2]);
    const Hash leaf = hash_of(record[3]);
    const Hash root = hash_of(record[4]);
    const std::vector<Hash> proof = proof_of(record[5]);
    INFO("index " << index << " size " << size);
    CHECK(merkle::verify_inclusion(leaf, index, size, proof, root));
    if (leaf == merkle::leaf_hash(inputs[index])) {  // a standard-input vector: regenerate it
      const std::vector<Bytes> prefix(inputs.begin(), inputs.begin() + static_cast<long>(size));
      const merkle::MemoryTree tree(prefix);
      CHECK(merkle::inclusion_proof(tree.reader(), index, size) == proof);
    }
    ++checked;
  }
  CHECK(checked == 17);
}

TEST_CASE("published consistency proofs are produced and verify") {
  const std::vector<Bytes> inputs = standard_inputs();
  int checked = 0;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] != "consistency") continue;
    const std::uint64_t size1 = std::stoull(record[1]);
    const std::uint64_t size2 = std::stoull(record[2]);
    const std::vector<Hash> proof = proof_of(record[5]);
    INFO(size1 << " -> " << size2);
    CHECK(merkle::verify_consistency(size1, size2, hash_of(record[3]), hash_of(record[4]), proof));
    const std::vector<Bytes> prefix(inputs.begin(), inputs.begin() + static_cast<long>(size2));
    const merkle::MemoryTree tree(prefix);
    CHECK(merkle::consistency_proof(tree.reader(), size1, size2) == proof);
    ++checked;
  }
  CHECK(checked == 14);
}

TEST_CASE("hasher vectors and domain separation") {
  int checked = 0;
  for (const auto& record : read_vectors("merkle_vectors.txt")) {
    if (record[0] == "leaf") {
      CHECK(to_hex(merkle::leaf_hash(bytes_of(record[1]))) == record[2]);
      ++checked;
    } else if (record[0] == "children") {
      CHECK(to_hex(merkle::hash_children(bytes_of(record[1]), bytes_of(record[2]))) == record[3]);
      ++checked;
    } else if (record[0] == "ascii_root") {
      std::vector<Bytes> leaves;
      for (std::size_t i = 2; i < record.size(); ++i) {
        leaves.emplace_back(record[i].begin(), record[i].end());
      }
      const merkle::MemoryTree tree(leaves);
      CHECK(to_hex(merkle::root(tree.reader(), leaves.size())) == record[1]);
      ++checked;
    }
  }
  CHECK(checked == 7);
  CHECK(to_hex(merkle::empty_root()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const Hash h1 = merkle::leaf_hash(as_bytes("Hello"));
  const Hash h2 = merkle::leaf_hash(as_bytes("World"));
  CHECK(h1 != h2);
  Bytes joined(h1.begin(), h1.end());
  joined.insert(joined.end(), h2.begin(), h2.end());
  CHECK(merkle::node_hash(h1, h2) != merkle::leaf_hash(joined));
  CHECK(merkle::node_hash(h1, h2) != merkle::node_hash(h2, h1));
}

TEST_CASE("verification refuses impossible arguments without throwing") {
  const Hash any = merkle::empty_root();
  CHECK_FALSE(merkle::verify_inclusion(any, 1, 1, {}, any));
  CHECK_FALSE(merkle::verify_inclusion(any, 0, 0, {}, any));
  CHECK_FALSE(merkle::verify_consistency(0, 1, any, any, {}));
  CHECK_FALSE(merkle::verify_consistency(2, 1, any, any, {}));
  CHECK_FALSE(merkle::verify_consistency(1, 2, any, any, {}));  // proof missing
  const std::vector<Hash> one = {any};
  CHECK_FALSE(merkle::verify_consistency(3, 3, any, any, one));  // equal sizes take no proof
  CHECK_THROWS_AS(merkle::consistency_proof([](unsigned, std::uint64_t) { return Hash{}; }, 0, 4),
                  Error);
}

TEST_CASE("random trees: every proof verifies and every mutation fails") {
  std::mt19937_64 random(20261128);
  std::vector<std::size_t> sizes;
  for (std::size_t n = 1; n <= 70; ++n) sizes.push_back(n);
  for (std::size_t n : {127, 128, 129, 255, 256, 257, 511, 512, 513, 777, 999, 1000}) {
    sizes.push_back(n);
  }
  std::size_t inclusion_checked = 0;
  std::size_t consistency_checked = 0;
  std::size_t mutations_refused = 0;
  for (const std::size_t size : sizes) {
    const std::vector<Bytes> entries = random_entries(random, size);
    const merkle::MemoryTree tree(entries);
    const auto read = tree.reader();
    const Hash root = merkle::root(read, size);
    // Large trees: a sample of positions, always including both ends.
    std::vector<std::size_t> indices;
    for (std::size_t index = 0; index < size; index += size <= 70 ? 1 : 7) indices.push_back(index);
    if (indices.back() != size - 1) indices.push_back(size - 1);
    for (const std::size_t index : indices) {
      const Hash leaf = merkle::leaf_hash(entries[index]);
      const auto proof = merkle::inclusion_proof(read, index, size);
      REQUIRE(merkle::verify_inclusion(leaf, index, size, proof, root));
      ++inclusion_checked;
      for (const auto& bad : mutations(proof, random)) {
        REQUIRE_FALSE(merkle::verify_inclusion(leaf, index, size, bad, root));
        ++mutations_refused;
      }
      Hash wrong_leaf = leaf;
      wrong_leaf[random() % 32] ^= 0x10;
      REQUIRE_FALSE(merkle::verify_inclusion(wrong_leaf, index, size, proof, root));
      if (size > 1) {
        REQUIRE_FALSE(merkle::verify_inclusion(leaf, (index + 1) % size, size, proof, root));
      }

      const std::size_t size1 = index + 1;
      const Hash root1 = merkle::root(read, size1);
      const auto consistency = merkle::consistency_proof(read, size1, size);
      REQUIRE(merkle::verify_consistency(size1, size, root1, root, consistency));
      ++consistency_checked;
      for (const auto& bad : mutations(consistency, random)) {
        REQUIRE_FALSE(merkle::verify_consistency(size1, size, root1, root, bad));
        ++mutations_refused;
      }
      Hash wrong_root = root1;
      wrong_root[random() % 32] ^= 0x01;
      REQUIRE_FALSE(merkle::verify_consistency(size1, size, wrong_root, root, consistency));
      REQUIRE_FALSE(merkle::verify_consistency(size1, size, root1, wrong_root, consistency));
      if (size1 < size) {
        REQUIRE_FALSE(merkle::verify_consistency(size1 + 1, size, root1, root, consistency));
      }
    }
  }
  INFO(inclusion_checked << " inclusion, " << consistency_checked << " consistency, "
                         << mutations_refused << " mutations");
  CHECK(inclusion_checked > 2500);
  CHECK(mutations_refused > 50000);
}

TEST_CASE("the frontier agrees with the full tree at every size") {
  std::mt19937_64 random(7);
  const std::vector<Bytes> entries = random_entries(random, 300);
  const merkle::MemoryTree tree(entries);
  merkle::Frontier frontier;
  std::size_t completed = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    frontier.append(merkle::leaf_hash(entries[i]), [&](const merkle::Frontier::Completed& node) {
      REQUIRE(node.hash == tree.reader()(node.level, node.index));
      ++completed;
    });
    REQUIRE(frontier.root() == merkle::root(tree.reader(), i + 1));
    REQUIRE(merkle::Frontier::load(tree.reader(), i + 1).root() == frontier.root());
  }
  CHECK(completed == 2 * 300 - 4);  // 2n - popcount(n); popcount(300) = 4
}

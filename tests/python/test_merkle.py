"""taizhang.merkle against the published RFC 6962 vectors, and property tests."""

import random

import pytest

import taizhang
from taizhang import merkle


def _bytes(field):
    return b"" if field == "-" else bytes.fromhex(field)


def _proof(field):
    return [] if field == "-" else [bytes.fromhex(h) for h in field.split(",")]


def _inputs(vectors):
    return [_bytes(r[2]) for r in vectors if r[0] == "input"]


def test_roots_and_nodes(vectors):
    inputs = _inputs(vectors)
    assert len(inputs) == 8
    roots = [r for r in vectors if r[0] == "root"]
    assert len(roots) == 9
    for _, size, expected in roots:
        assert merkle.root(inputs[: int(size)]).hex() == expected
    for record in vectors:
        if record[0] == "leaf":
            assert merkle.leaf_hash(_bytes(record[1])).hex() == record[2]
        if record[0] == "node" and record[1] == "0":
            assert merkle.leaf_hash(inputs[int(record[2])]).hex() == record[3]
        if record[0] == "ascii_root":
            assert merkle.root([s.encode() for s in record[2:]]).hex() == record[1]


def test_node_hash_vectors_and_lengths(vectors):
    for record in vectors:
        if record[0] == "children":
            left, right = _bytes(record[1]), _bytes(record[2])
            if len(left) == len(right) == 32:
                assert merkle.node_hash(left, right).hex() == record[3]
            else:  # the S4 vector hashes short strings; node_hash takes only 32-byte hashes
                with pytest.raises(taizhang.InvalidInput, match="32 bytes"):
                    merkle.node_hash(left, right)


def test_published_inclusion_proofs(vectors):
    inputs = _inputs(vectors)
    checked = 0
    for _, index, size, leaf, root, proof in (r for r in vectors if r[0] == "inclusion"):
        index, size, leaf, root, proof = int(index), int(size), bytes.fromhex(leaf), \
            bytes.fromhex(root), _proof(proof)
        assert merkle.verify_inclusion(leaf, index, size, proof, root)
        if leaf == merkle.leaf_hash(inputs[index]):
            assert merkle.inclusion_proof(inputs[:size], index) == proof
        checked += 1
    assert checked == 17


def test_published_consistency_proofs(vectors):
    inputs = _inputs(vectors)
    checked = 0
    for _, size1, size2, root1, root2, proof in (r for r in vectors if r[0] == "consistency"):
        size1, size2, proof = int(size1), int(size2), _proof(proof)
        root1, root2 = bytes.fromhex(root1), bytes.fromhex(root2)
        assert merkle.verify_consistency(size1, size2, root1, root2, proof)
        assert merkle.consistency_proof(inputs[:size2], size1) == proof
        checked += 1
    assert checked == 14


def test_empty_tree():
    assert merkle.root([]).hex() == \
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_bad_values_give_false_never_an_exception():
    h = merkle.leaf_hash(b"a")
    entries = [b"a", b"b", b"c"]
    root = merkle.root(entries)
    proof = merkle.inclusion_proof(entries, 0)
    assert merkle.verify_inclusion(h, 0, 3, proof, root)
    bad_inclusion = [
        (h[:31], 0, 3, proof, root),        # short leaf
        (h + b"\0", 0, 3, proof, root),     # long leaf
        (h, 0, 3, proof, root[:31]),        # short root
        (h, 3, 3, proof, root),             # index == size
        (h, 4, 3, proof, root),             # index > size
        (h, -1, 3, proof, root),            # negative index
        (h, 0, -3, proof, root),            # negative size
        (h, 0, 0, [], root),                # empty tree
        (h, 0, 2**64, proof, root),         # beyond u64
        (h, 0, 3, proof[:-1], root),        # missing element
        (h, 0, 3, proof + [h], root),       # extra element
        (h, 0, 3, [proof[0][:31]] + proof[1:], root),  # short element
        (h, 0, 3, [], root),                # no proof
    ]
    for args in bad_inclusion:
        assert merkle.verify_inclusion(*args) is False, args

    root2 = merkle.root(entries[:2])
    cproof = merkle.consistency_proof(entries, 2)
    assert merkle.verify_consistency(2, 3, root2, root, cproof)
    bad_consistency = [
        (0, 3, root2, root, cproof),        # size1 = 0
        (4, 3, root2, root, cproof),        # size1 > size2
        (2, 3, root2[:31], root, cproof),   # short root1
        (2, 3, root2, root + b"x", cproof),  # long root2
        (2, 3, root2, root, cproof[:-1]),   # missing element
        (2, 3, root2, root, cproof + [h]),  # extra element
        (2, 3, root2, root, []),            # no proof
        (-2, 3, root2, root, cproof),       # negative size
        (2, 2**64, root2, root, cproof),    # beyond u64
        (3, 3, root, root, [h]),            # equal sizes take no proof
        (2, 3, root2, root, [b"short"]),    # wrong-length element
    ]
    for args in bad_consistency:
        assert merkle.verify_consistency(*args) is False, args


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        merkle.verify_inclusion("not bytes", 0, 1, [], b"x" * 32)
    with pytest.raises(TypeError):
        merkle.verify_consistency(1.0, 2, b"x" * 32, b"x" * 32, [])


def test_proof_arguments_are_checked():
    with pytest.raises(taizhang.InvalidInput, match="index"):
        merkle.inclusion_proof([b"a"], 1)
    with pytest.raises(taizhang.InvalidInput):
        merkle.consistency_proof([b"a", b"b"], 0)
    with pytest.raises(taizhang.InvalidInput):
        merkle.consistency_proof([b"a", b"b"], 3)
    with pytest.raises(taizhang.InvalidInput):
        merkle.inclusion_proof([b"a"], -1)


def _flip(proof, rng):
    i = rng.randrange(len(proof))
    element = bytearray(proof[i])
    bit = rng.randrange(256)
    element[bit // 8] ^= 1 << (bit % 8)
    return proof[:i] + [bytes(element)] + proof[i + 1:]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 64, 100, 257, 1000])
def test_random_trees(size):
    rng = random.Random(size)
    entries = [i.to_bytes(2, "big") + rng.randbytes(rng.randrange(30)) for i in range(size)]
    root = merkle.root(entries)
    indices = sorted({0, size - 1, *rng.sample(range(size), min(size, 25))})
    for index in indices:
        leaf = merkle.leaf_hash(entries[index])
        proof = merkle.inclusion_proof(entries, index)
        assert merkle.verify_inclusion(leaf, index, size, proof, root)
        if proof:
            assert not merkle.verify_inclusion(leaf, index, size, _flip(proof, rng), root)
            for i in range(len(proof)):
                assert not merkle.verify_inclusion(leaf, index, size, proof[:i] + proof[i + 1:],
                                                   root)
        assert not merkle.verify_inclusion(leaf, index, size, proof + [leaf], root)

        size1 = index + 1
        root1 = merkle.root(entries[:size1])
        cproof = merkle.consistency_proof(entries, size1)
        assert merkle.verify_consistency(size1, size, root1, root, cproof)
        if cproof:
            assert not merkle.verify_consistency(size1, size, root1, root, _flip(cproof, rng))
            for i in range(len(cproof)):
                assert not merkle.verify_consistency(size1, size, root1, root,
                                                     cproof[:i] + cproof[i + 1:])
        assert not merkle.verify_consistency(size1, size, root1, root, cproof + [leaf])

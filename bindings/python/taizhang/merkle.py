"""RFC 6962 / RFC 9162 Merkle trees: hashes, proofs and their verification.

Leaves are numbered from 0. The proof functions take the whole list of entries (bytes); the
verify functions take hashes and never raise for values of the right types: any malformed
proof, wrong length or impossible size gives ``False``.
"""

from __future__ import annotations

from typing import Sequence

from . import _core
from ._arguments import ArgumentTypeError

__all__ = [
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root",
    "verify_consistency",
    "verify_inclusion",
]

_HASH_SIZE = 32
_U64_MAX = 2**64 - 1
_BYTES_TYPES = (bytes, bytearray, memoryview)


def _as_bytes(value, name: str) -> bytes:
    if not isinstance(value, _BYTES_TYPES):
        raise ArgumentTypeError(f"{name}: must be bytes, not {type(value).__name__} "
                                f'(got "{value!r}")')
    return bytes(value)


def _as_list(values, name: str) -> list[bytes]:
    if isinstance(values, (str, bytes, bytearray, memoryview, dict)) or \
            not hasattr(values, "__iter__"):
        raise ArgumentTypeError(f'{name}: a list of bytes (got "{values!r}")')
    return [_as_bytes(value, f"{name}[{i}]") for i, value in enumerate(values)]


def _as_index(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{name}: must be an int, not {type(value).__name__} "
                                f'(got "{value!r}")')
    return value


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data)."""
    return _core.leaf_hash(_as_bytes(data, "data"))


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right); both must be 32-byte hashes (else InvalidInput)."""
    return _core.node_hash(_as_bytes(left, "left"), _as_bytes(right, "right"))


def root(entries: Sequence[bytes]) -> bytes:
    """The Merkle tree hash of the entries; SHA-256 of nothing for an empty list."""
    return _core.root(_as_list(entries, "entries"))


def inclusion_proof(entries: Sequence[bytes], index: int) -> list[bytes]:
    """The audit path of entry ``index``, leaf level first. InvalidInput unless index < len."""
    return _core.inclusion_proof(_as_list(entries, "entries"),
                                 _checked_u64(_as_index(index, "index"), "index"))


def consistency_proof(entries: Sequence[bytes], size1: int) -> list[bytes]:
    """Proof that the first ``size1`` entries are a prefix of all of them (0 < size1 <= len)."""
    return _core.consistency_proof(_as_list(entries, "entries"),
                                   _checked_u64(_as_index(size1, "size1"), "size1"))


def verify_inclusion(leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes],
                     root: bytes) -> bool:
    """True only if ``proof`` shows the leaf at ``index`` in the tree of ``size`` with ``root``."""
    leaf = _as_bytes(leaf_hash, "leaf_hash")
    head = _as_bytes(root, "root")
    index = _as_index(index, "index")
    size = _as_index(size, "size")
    path = [_as_bytes(p, "proof element") for p in proof]
    if not (_is_hash(leaf) and _is_hash(head) and all(map(_is_hash, path))):
        return False
    if not (0 <= index < size <= _U64_MAX):
        return False
    return _core.verify_inclusion(leaf, index, size, path, head)


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes,
                       proof: Sequence[bytes]) -> bool:
    """True only if ``proof`` shows the tree (size1, root1) is a prefix of (size2, root2)."""
    size1 = _as_index(size1, "size1")
    size2 = _as_index(size2, "size2")
    old = _as_bytes(root1, "root1")
    new = _as_bytes(root2, "root2")
    path = [_as_bytes(p, "proof element") for p in proof]
    if not (_is_hash(old) and _is_hash(new) and all(map(_is_hash, path))):
        return False
    if not (0 < size1 <= size2 <= _U64_MAX):
        return False
    return _core.verify_consistency(size1, size2, old, new, path)


def _is_hash(value: bytes) -> bool:
    return len(value) == _HASH_SIZE


def _checked_u64(value: int, name: str) -> int:
    if not 0 <= value <= _U64_MAX:
        raise _core.InvalidInput(f"{name}: out of range (got {value})")
    return value

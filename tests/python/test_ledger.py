"""The ledger from Python: create, open, append, checkpoint, prove, verify."""

import datetime
import os
import stat

import pytest

import taizhang
from taizhang import merkle

ORIGIN = "taizhang.test/520122"


def _signer(name, n):
    return taizhang.Signer.from_seed(name, bytes([n]) + bytes(31))


def _enrolment(actor, name=None):
    return {
        "kind": "actor_key_enrolled",
        "actor": actor,
        "name": name or f"official-{actor}",
        "role": "village_committee",
        "jurisdiction": "520122100201",
        "public_key": _signer(f"actor-{actor}", actor).verifier.public_key,
    }


@pytest.fixture
def key():
    return _signer(ORIGIN, 200)


@pytest.fixture
def ledger(tmp_path, key):
    return taizhang.Ledger.create(str(tmp_path / "reg"), "520122000000", "息烽县", ORIGIN, key)


def test_create_append_checkpoint_prove_verify(tmp_path, key, ledger):
    assert ledger.size == 1
    seqs = ledger.append_batch([_enrolment(a) for a in range(1, 21)],
                               effective=datetime.date(2026, 3, 1), signer=key)
    assert seqs == list(range(1, 21))
    note = ledger.checkpoint(key)
    origin, size, root = taizhang.open_checkpoint(note, key.verifier)
    assert (origin, size, root) == (ORIGIN, 21, ledger.root)
    entries = [ledger.entry_bytes(s) for s in range(size)]
    assert merkle.root(entries) == root
    for seq in range(size):
        proof = ledger.inclusion_proof(seq, size)
        assert proof == merkle.inclusion_proof(entries, seq)
        assert merkle.verify_inclusion(merkle.leaf_hash(entries[seq]), seq, size, proof, root)
    assert ledger.entry(5)["name"] == "official-5"
    assert ledger.entry(5)["effective"] == "2026-03-01"
    assert ledger.entry(0)["kind"] == "register_initialized"
    report = ledger.verify()
    assert report.ok and report.entries_checked == 21 and report.checkpoints_checked == 2
    deep = ledger.verify(deep=True)
    # 20 actors and the register's own key; 21 request ids
    assert deep.ok and deep.view_records_compared == 21 + 21


def test_reopen_keeps_everything_and_consistency_holds(tmp_path, key, ledger):
    path = str(tmp_path / "reg")
    ledger.append_batch([_enrolment(a) for a in range(1, 6)], signer=key)
    first = taizhang.open_checkpoint(ledger.checkpoint(key), key.verifier)
    ledger.append(_enrolment(6), effective="2026-04-01", signer=key)
    second = taizhang.open_checkpoint(ledger.checkpoint(key), key.verifier)
    root = ledger.root
    del ledger
    reopened = taizhang.Ledger.open(path, readonly=True)
    assert reopened.size == 7 and reopened.root == root
    proof = reopened.consistency_proof(first[1], second[1])
    assert merkle.verify_consistency(first[1], second[1], first[2], second[2], proof)
    with pytest.raises(taizhang.Unauthorized):
        reopened.append(_enrolment(7), signer=key)


def test_request_ids_are_idempotent(ledger, key):
    rid = bytes(range(16))
    assert ledger.append(_enrolment(1), request_id=rid, signer=key) == 1
    assert ledger.append(_enrolment(1), request_id=rid, signer=key) == 1
    assert ledger.size == 2
    with pytest.raises(taizhang.Conflict, match="request_id"):
        ledger.append(_enrolment(1, name="changed"), request_id=rid, signer=key)


def test_bad_input_names_the_field_and_writes_nothing(ledger, key):
    root = ledger.root
    bad = _enrolment(1)
    bad["jurisdiction"] = "5201221002"
    with pytest.raises(taizhang.InvalidInput, match="jurisdiction.*5201221002"):
        ledger.append_batch([_enrolment(2), bad], signer=key)
    with pytest.raises(taizhang.InvalidInput, match="role"):
        ledger.append({**_enrolment(1), "role": "mayor"}, signer=key)
    with pytest.raises(taizhang.InvalidInput, match="effective"):
        ledger.append(_enrolment(1), effective="2026-02-30", signer=key)
    with pytest.raises(taizhang.InvalidInput, match="request_id"):
        ledger.append(_enrolment(1), request_id=b"short", signer=key)
    assert ledger.size == 1 and ledger.root == root


def test_foreign_checkpoint_key_is_refused(ledger, key):
    with pytest.raises(taizhang.Unauthorized):
        ledger.checkpoint(_signer(ORIGIN, 201))
    note = taizhang.sign_checkpoint(ORIGIN, 1, ledger.root, _signer(ORIGIN, 201))
    with pytest.raises(taizhang.IntegrityError):
        taizhang.open_checkpoint(note, key.verifier)


def test_tampered_entry_is_found_by_verify(tmp_path, key, ledger):
    ledger.append_batch([_enrolment(a, name=f"marker-{a:03d}-x") for a in range(1, 30)], signer=key)
    del ledger
    data = tmp_path / "reg" / "data.mdb"
    raw = bytearray(data.read_bytes())
    at = raw.find(b"marker-017-x")
    assert at > 0 and raw.find(b"marker-017-x", at + 1) == -1
    raw[at + 7] = ord("9")
    data.write_bytes(bytes(raw))
    report = taizhang.Ledger.open(str(tmp_path / "reg")).verify()
    assert not report.ok
    assert report.first_bad_sequence == 17


def test_key_files(tmp_path):
    signer = taizhang.Signer.generate("county-key")
    path = str(tmp_path / "county.key")
    signer.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert taizhang.Signer.load(path).verifier.text() == signer.verifier.text()
    os.chmod(path, 0o644)
    with pytest.raises(taizhang.Unauthorized, match="0644"):
        taizhang.Signer.load(path)
    with pytest.raises(taizhang.NotFound):
        taizhang.Signer.load(str(tmp_path / "missing.key"))


def test_errors_form_one_hierarchy():
    for name in ["InvalidInput", "NotFound", "Conflict", "Unauthorized", "RuleViolation",
                 "IntegrityError", "StorageError"]:
        assert issubclass(getattr(taizhang, name), taizhang.Error)
    with pytest.raises(taizhang.NotFound):
        taizhang.Ledger.open("/nonexistent/register")


def test_verify_against_the_published_key(tmp_path, key, ledger):
    assert ledger.verify(trusted=key.verifier).ok
    forged = taizhang.Ledger.create(str(tmp_path / "forged"), "520122000000", "息烽县", ORIGIN,
                                    _signer(ORIGIN, 99))
    report = forged.verify(trusted=key.verifier)
    assert not report.ok and report.first_bad_sequence == 0

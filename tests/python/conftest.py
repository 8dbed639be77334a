"""Shared fixtures: the golden vectors file and scratch registers."""

import os
import pathlib

import pytest

DATA = pathlib.Path(os.environ.get("TAIZHANG_TEST_DATA",
                                   pathlib.Path(__file__).resolve().parent.parent / "data"))


def read_vectors(name="merkle_vectors.txt"):
    records = []
    for line in (DATA / name).read_text().splitlines():
        if line and not line.startswith("#"):
            records.append(line.split())
    return records


@pytest.fixture
def vectors():
    return read_vectors()

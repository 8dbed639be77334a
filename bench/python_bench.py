"""The Python face at scale: reg.assets() and reg.valuation() into pandas.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py REGISTER

REGISTER is a register left by `registry_bench --keep` (DIR/register). Each figure is reported
beside baselines run in the same process: pandas building the same frame from columns already in
memory (the floor for any reader), and a SQLite table holding the same columns (written by
Python's sqlite3 from that frame, indexed by id) read back by pandas.read_sql, as a notebook on
SQLite would; and raw LMDB (Debian's python3-lmdb) reading every asset record of the same
register, undecoded, into a frame of ids and record bytes: the ceiling of any reader of the file.
"""

import os
import sqlite3
import sys
import tempfile
import time

import pandas as pd

import taizhang


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def raw_lmdb_frame(path, rows):
    """Seconds for py-lmdb to read every asset record into a frame (ids, bytes); None without
    python3-lmdb."""
    try:
        import lmdb
        import numpy as np
    except ImportError:
        print("raw LMDB baseline: skipped (python3-lmdb is not installed)")
        return None
    env = lmdb.open(path, readonly=True, lock=False, max_dbs=64, subdir=True)
    try:
        def read():
            assets = env.open_db(b"assets")
            with env.begin(db=assets, buffers=False) as txn:
                keys, values = [], []
                for key, value in txn.cursor():
                    keys.append(key)
                    values.append(value)
            ids = np.frombuffer(b"".join(keys), dtype=">u8").astype(np.int64)
            return pd.DataFrame({"asset_id": ids, "record": values})
        raw, seconds = timed(read)
    finally:
        env.close()
    assert len(raw) == rows
    return seconds


def main(path):
    print(f"python_bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"pandas {pd.__version__}")
    reg = taizhang.Registry.open(path, readonly=True)
    frame, seconds = timed(reg.assets)
    columns = {name: frame[name].to_numpy() for name in frame.columns}
    _, floor = timed(lambda: pd.DataFrame(columns))
    print(f"reg.assets(): {len(frame):,} rows in {seconds:.3f} s "
          f"({len(frame) / seconds:,.0f} rows/s); pandas floor {floor:.3f} s")
    # The SQLite baseline: the same columns in a table, read back whole into a DataFrame.
    plain = pd.DataFrame({name: (frame[name].astype(str) if str(frame[name].dtype) == "category"
                                 else frame[name]) for name in frame.columns})
    plain = plain.drop(columns=["completed", "registered"]).assign(
        completed=frame["completed"].astype("int64"), registered=frame["registered"].astype("int64"),
        asset_id=frame["asset_id"].astype("int64"), first_owner=frame["first_owner"].astype("int64"))
    with tempfile.TemporaryDirectory() as scratch:
        db = sqlite3.connect(os.path.join(scratch, "assets.db"))
        db.execute("PRAGMA journal_mode=WAL")
        plain.to_sql("assets", db, index=False)
        db.execute("CREATE UNIQUE INDEX assets_id ON assets(asset_id)")
        db.commit()
        read, sqlite_seconds = timed(lambda: pd.read_sql("SELECT * FROM assets", db))
        db.close()
    assert len(read) == len(frame)
    print(f"SQLite baseline: pandas.read_sql of the same {len(read):,} rows in "
          f"{sqlite_seconds:.3f} s; taizhang {sqlite_seconds / seconds:.2f}x as fast")
    raw_seconds = raw_lmdb_frame(path, len(frame))
    if raw_seconds is not None:
        print(f"raw LMDB baseline: every asset record, undecoded, in {raw_seconds:.3f} s; "
              f"taizhang {raw_seconds / seconds:.2f}x raw")
    values, seconds = timed(lambda: reg.valuation(as_of="2026-11-28"))
    print(f"reg.valuation(): {len(values):,} rows in {seconds:.3f} s; "
          f"book value {int(values.book_value_fen.sum()):,} fen")


if __name__ == "__main__":
    main(sys.argv[1])

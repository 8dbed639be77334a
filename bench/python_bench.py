"""The Python face at scale: reg.assets() and reg.valuation() into pandas.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py REGISTER

REGISTER is a register left by `registry_bench --keep` (DIR/register). Each figure is reported
beside a baseline run in the same process: pandas building the same frame from columns that are
already in memory, the floor for any reader.
"""

import sys
import time

import pandas as pd

import taizhang


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main(path):
    reg = taizhang.Registry.open(path, readonly=True)
    frame, seconds = timed(reg.assets)
    columns = {name: frame[name].to_numpy() for name in frame.columns}
    _, floor = timed(lambda: pd.DataFrame(columns))
    print(f"reg.assets(): {len(frame):,} rows in {seconds:.3f} s "
          f"({len(frame) / seconds:,.0f} rows/s); pandas floor {floor:.3f} s")
    values, seconds = timed(lambda: reg.valuation(as_of="2026-11-28"))
    print(f"reg.valuation(): {len(values):,} rows in {seconds:.3f} s; "
          f"book value {int(values.book_value_fen.sum()):,} fen")


if __name__ == "__main__":
    main(sys.argv[1])

"""Integer fen as 元 (or 万元) for display, exactly: ``decimal.Decimal``, never a float.

    >>> taizhang.yuan(12345678)
    Decimal('123456.78')
    >>> taizhang.yuan(12345678, unit="万元")
    Decimal('12.345678')
    >>> reg.assets().original_fen.tz.yuan()          # a Series of Decimal
    >>> reg.assets().tz.yuan("original_fen")         # the same, from the frame
    >>> reg.valuation().tz.in_yuan()                 # every *_fen column as *_yuan

Only whole fen are accepted (int, numpy integers, an integer column): a float, a bool or a
fractional Decimal is refused with :class:`taizhang.InvalidInput` naming the argument. A missing
value (``pd.NA`` in an ``Int64`` column) stays missing (None).
"""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd

from . import _core

__all__ = ["yuan"]

# 元 has 2 decimals of fen; 万元 6.
_UNITS = {"元": -2, "yuan": -2, "万元": -6, "wan_yuan": -6}
_SUFFIX = {"元": "_yuan", "yuan": "_yuan", "万元": "_wan_yuan", "wan_yuan": "_wan_yuan"}


def _exponent(unit) -> int:
    if not isinstance(unit, str) or unit not in _UNITS:
        raise _core.InvalidInput(f'unit: "元" or "万元" (got "{unit!r}")')
    return _UNITS[unit]


def _one(fen, exponent, name):
    if fen is None or fen is pd.NA:
        return None
    if isinstance(fen, (bool, np.bool_)) or not isinstance(fen, (int, np.integer)):
        raise _core.InvalidInput(f"{name}: give integer fen (int), never "
                                 f'{type(fen).__name__} (got "{fen!r}")')
    # Exact: an int64 has at most 19 digits, within any context's precision for scaleb.
    with decimal.localcontext() as context:
        context.prec = 40
        return decimal.Decimal(int(fen)).scaleb(exponent)


def _series(series: pd.Series, exponent, name) -> pd.Series:
    kind = series.dtype.kind
    if kind == "f" or kind == "b" or kind == "c":
        raise _core.InvalidInput(f"{name}: give a column of integer fen, never {series.dtype} "
                                 f'(got "{series.name}")')
    if kind in "iu" and isinstance(series.dtype, np.dtype):  # plain int64: none missing
        values = [_one(int(v), exponent, name) for v in series.to_numpy()]
    else:  # Int64 with missing values, or objects that must each be an int
        values = [_one(v, exponent, name) for v in series.tolist()]
    return pd.Series(values, index=series.index, name=series.name, dtype=object)


def yuan(fen, unit="元"):
    """Integer fen -> ``decimal.Decimal`` in `unit` ("元", 2 decimals; "万元", 6 decimals),
    exactly; a Series (or list, array) of fen -> a Series of Decimal (None where missing)."""
    exponent = _exponent(unit)
    if isinstance(fen, pd.Series):
        return _series(fen, exponent, "fen")
    if isinstance(fen, (list, tuple, np.ndarray, pd.Index, pd.api.extensions.ExtensionArray)):
        return _series(pd.Series(fen), exponent, "fen")
    return _one(fen, exponent, "fen")


@pd.api.extensions.register_series_accessor("tz")
class _SeriesAccessor:
    """``series.tz.yuan(unit="元")``: a column of integer fen as exact Decimal 元."""

    def __init__(self, series: pd.Series):
        self._series = series

    def yuan(self, unit="元") -> pd.Series:
        return _series(self._series, _exponent(unit), str(self._series.name or "fen"))


@pd.api.extensions.register_dataframe_accessor("tz")
class _FrameAccessor:
    """``frame.tz.yuan("original_fen")``: one column as Decimal 元; ``frame.tz.in_yuan()``: the
    frame with every ``*_fen`` column (or those named) replaced by ``*_yuan`` (``*_wan_yuan``)."""

    def __init__(self, frame: pd.DataFrame):
        self._frame = frame

    def yuan(self, column, unit="元") -> pd.Series:
        if not isinstance(column, str) or column not in self._frame.columns:
            raise _core.InvalidInput(f'column: a column of the frame (got "{column!r}")')
        return _series(self._frame[column], _exponent(unit), column)

    def in_yuan(self, *columns, unit="元") -> pd.DataFrame:
        exponent = _exponent(unit)
        names = list(columns) or [c for c in self._frame.columns
                                  if isinstance(c, str) and c.endswith("_fen")]
        out = self._frame.copy()
        for column in names:
            if not isinstance(column, str) or column not in out.columns:
                raise _core.InvalidInput(f'columns: a column of the frame (got "{column!r}")')
            renamed = (column[:-4] if column.endswith("_fen") else column) + _SUFFIX[unit]
            out[column] = _series(out[column], exponent, column)
            out = out.rename(columns={column: renamed})
        return out

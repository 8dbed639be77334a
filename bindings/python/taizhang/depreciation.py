"""Depreciation schedules for notebooks, exactly as the register computes them (docs/rules.md §6).

    >>> from taizhang import depreciation
    >>> depreciation.schedule("10000.00", method="double_declining", life_months=60,
    ...                       start="2023-12-01").accumulated_fen.iloc[11]
    400000
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _convert, _core

__all__ = ["METHODS", "REGIMES", "schedule"]

METHODS = ("straight_line", "double_declining", "sum_of_years", "units_of_production")
REGIMES = ("government", "collective")


def schedule(original, *, method, life_months, start, regime="collective", residual_rate="0.05",
             units_total=None, units=None) -> pd.DataFrame:
    """One row per depreciation month: ``period_end`` (the month's last day),
    ``depreciation_fen``, ``accumulated_fen``, ``book_value_fen`` (int64).

    ``original`` in 元 and ``residual_rate`` as a fraction, each as ``str`` or
    ``decimal.Decimal``; ``start`` the acquisition date (``datetime.date`` or ISO string);
    ``units`` the units of work per month, for ``units_of_production`` with ``units_total``.
    The government regime has no residual and counts the month of acquisition; the collective
    one starts the month after. Invalid arguments raise ``taizhang.InvalidInput`` naming them.
    """
    original_fen = _convert.fen_from_yuan(original, "original")
    if method not in METHODS:
        raise _core.InvalidInput(f'method: unknown method, one of {", ".join(METHODS)} '
                                 f'(got "{method}")')
    if regime not in REGIMES:
        raise _core.InvalidInput(f'regime: "government" or "collective" (got "{regime}")')
    if isinstance(life_months, bool) or not isinstance(life_months, int):
        raise _core.InvalidInput(f'life_months: a whole number of months (got "{life_months!r}")')
    if not 0 < life_months <= 2400:
        raise _core.InvalidInput(f'life_months: must be 1 to 2400 months (got "{life_months}")')
    start_days = _convert.date_days(start, "start")
    rate = _convert.fraction_text(residual_rate, "residual_rate")
    total, per_month = _units(method, units_total, units)
    ends, dep, acc, book = _core.depreciation_schedule(
        original_fen, method, life_months, start_days, regime, rate, total, per_month)
    return pd.DataFrame({
        "period_end": np.asarray(ends, dtype="int64").astype("datetime64[D]"),
        "depreciation_fen": dep,
        "accumulated_fen": acc,
        "book_value_fen": book,
    })


def _units(method, units_total, units):
    if method != "units_of_production":
        if units_total is not None or units is not None:
            raise _core.InvalidInput(
                f'units: only for units_of_production (got "{units_total!r}", "{units!r}")')
        return 0, []
    if isinstance(units_total, bool) or not isinstance(units_total, int) or units_total <= 0:
        raise _core.InvalidInput(f'units_total: a positive whole number (got "{units_total!r}")')
    if units is None:
        raise _core.InvalidInput('units: the units of work per month are required (got "None")')
    per_month = list(units)
    for i, u in enumerate(per_month):
        if isinstance(u, bool) or not isinstance(u, (int, np.integer)) or u < 0 or u >= 2**64:
            raise _core.InvalidInput(f'units[{i}]: a non-negative whole number (got "{u!r}")')
    return units_total, [int(u) for u in per_month]

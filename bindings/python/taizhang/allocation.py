"""Income allocation for notebooks, by the exact rule of docs/rules.md §4.

    >>> taizhang.allocate("20000.00", {
    ...     "fixed": [{"line": "posts", "purpose": "public_welfare_posts", "amount": "3000.00"}],
    ...     "guaranteed": [{"line": "dividend", "party": "A1村", "principal": "100000.00",
    ...                     "rate": "0.06"}],
    ...     "proportional": [{"line": "unable", "purpose": "support_unable_to_work",
    ...                       "fraction": "3/10"},
    ...                      {"line": "incentives", "purpose": "production_incentives",
    ...                       "fraction": "7/10",
    ...                       "beneficiaries": [{"party": "户1", "weight": 1},
    ...                                         {"party": "户2", "weight": 2}]}]})

Entitlement follows the income's earning period (docs/rules.md §4): give `period_months` and, per
beneficiary, "months_entitled" (the whole months of the period it was on its list); its weight
is then weight × months_entitled / period_months, exactly, and one with no month gets no row.
`period_days` is the period's length for the guarantees.
"""

from __future__ import annotations

import decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from . import _convert, _core

__all__ = ["allocate"]

_FIELDS = {
    "fixed": ({"line", "purpose", "amount"}, set()),
    "guaranteed": ({"line", "party"}, {"principal", "rate", "amount"}),
    "proportional": ({"line", "purpose", "fraction"}, {"beneficiaries"}),
}


def _where(list_name, index, item):
    line = item.get("line") if isinstance(item, dict) else None
    return f'{list_name}[{index}] (line "{line}")'


def _items(plan, list_name, fields=None):
    """The lines of list `list_name` of `plan`, each a dict with the fields `fields` gives that
    list (required, optional; the notebook's by default), else InvalidInput naming the line and
    the field."""
    fields = _FIELDS if fields is None else fields
    items = plan.get(list_name) or []
    if not isinstance(items, (list, tuple)):
        raise _core.InvalidInput(f'{list_name}: a list of lines (got "{items!r}")')
    for index, item in enumerate(items):
        where = _where(list_name, index, item)
        if not isinstance(item, dict):
            raise _core.InvalidInput(f'{where}: each item is a dict (got "{item!r}")')
        required, optional = fields[list_name]
        missing = required - item.keys()
        if missing:
            raise _core.InvalidInput(f'{where}.{sorted(missing)[0]}: missing (got "{item!r}")')
        unknown = item.keys() - required - optional
        if unknown:
            raise _core.InvalidInput(f'{where}.{sorted(unknown)[0]}: unknown field '
                                     f'(got "{item[sorted(unknown)[0]]!r}")')
        if item.get("line") is None or isinstance(item["line"], (bool, float)):
            raise _core.InvalidInput(f'{where}.line: a name (got "{item.get("line")!r}")')
        for text in ("purpose", "payees", "list", "beneficiary_list"):
            if text in item and not isinstance(item[text], str):
                raise _core.InvalidInput(f'{where}.{text}: a text (got "{item[text]!r}")')
        if "beneficiaries" in item and not isinstance(item["beneficiaries"], (list, tuple)):
            raise _core.InvalidInput(f'{where}.beneficiaries: a list of dicts '
                                     f'(got "{item["beneficiaries"]!r}")')
    return items


def _fraction(value, field):
    numerator, denominator = _core.parse_share(_convert.fraction_text(value, field), field)
    return numerator, denominator


def _weight(value, field):
    """A positive weight as int, str ("1.5", "3/2") or Decimal -> (numerator, denominator)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise _core.InvalidInput(f'{field}: give an int, str or Decimal (got "{value!r}")')
    try:
        exact = Fraction(value) if isinstance(value, (int, decimal.Decimal)) else Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise _core.InvalidInput(f'{field}: not a number (got "{value}")') from None
    if exact <= 0 or exact.numerator >= 2**64 or exact.denominator >= 2**64:
        raise _core.InvalidInput(f'{field}: must be positive (got "{value}")')
    return exact.numerator, exact.denominator


def _entitled(beneficiary, where, period_months):
    """The beneficiary's months entitled (all of the period when not given)."""
    if not isinstance(beneficiary, dict) or "months_entitled" not in beneficiary:
        return None
    months = beneficiary["months_entitled"]
    if period_months is None:
        raise _core.InvalidInput(f'period_months: give the months of the income\'s period to '
                                 f'use {where}.months_entitled (got "None")')
    if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= period_months:
        raise _core.InvalidInput(f'{where}.months_entitled: a whole number of months from 0 to '
                                 f'the period\'s {period_months} (got "{months!r}")')
    return months


def allocate(amount, plan, *, period_days=365, period_months=None) -> pd.DataFrame:
    """Allocates `amount` (元, str or Decimal) over `plan`; returns rows `line`, `party`
    (None where the line has no party), `amount_fen` (int64) summing exactly to `amount`.
    With `period_months`, a beneficiary's "months_entitled" scales its weight (see the module
    docstring)."""
    amount_fen = _convert.fen_from_yuan(amount, "amount")
    if not isinstance(plan, dict):
        raise _core.InvalidInput(f'plan: a dict of fixed, guaranteed, proportional (got "{plan!r}")')
    unknown = plan.keys() - _FIELDS.keys()
    if unknown:
        raise _core.InvalidInput(f'plan: unknown list "{sorted(unknown)[0]}"')
    if isinstance(period_days, bool) or not isinstance(period_days, int) or \
            not 1 <= period_days <= 3660:
        raise _core.InvalidInput(f'period_days: a whole number of days from 1 to 3660 '
                                 f'(got "{period_days!r}")')
    if period_months is not None and (isinstance(period_months, bool)
                                      or not isinstance(period_months, int) or period_months < 1):
        raise _core.InvalidInput(f'period_months: a whole number of months, at least 1 '
                                 f'(got "{period_months!r}")')
    fixed = [(str(f["line"]), f["purpose"],
              _convert.fen_from_yuan(f["amount"], f'{_where("fixed", i, f)}.amount'))
             for i, f in enumerate(_items(plan, "fixed"))]
    guaranteed = []
    for i, g in enumerate(_items(plan, "guaranteed")):
        where = _where("guaranteed", i, g)
        if "amount" in g and ("principal" in g or "rate" in g):
            raise _core.InvalidInput(f"{where}.amount: give principal and rate, or an amount "
                                     f'(got "{g!r}")')
        if "amount" in g:
            guaranteed.append((str(g["line"]), 0, 0, 1,
                               _convert.fen_from_yuan(g["amount"], f"{where}.amount")))
        elif "principal" in g and "rate" in g:
            n, d = _fraction(g["rate"], f"{where}.rate")
            guaranteed.append((str(g["line"]),
                               _convert.fen_from_yuan(g["principal"], f"{where}.principal"),
                               n, d, None))
        else:
            raise _core.InvalidInput(f'{where}.rate: give principal and rate, or an amount '
                                     f'(got "{g!r}")')
    proportional = []
    kept = []  # per proportional line: the index of each beneficiary given to the rule
    for i, p in enumerate(_items(plan, "proportional")):
        where = _where("proportional", i, p)
        n, d = _fraction(p["fraction"], f"{where}.fraction")
        weights, indexes = [], []
        for k, b in enumerate(p.get("beneficiaries") or []):
            at = f"{where}.beneficiaries[{k}]"
            weight = _weight(b.get("weight") if isinstance(b, dict) else None, f"{at}.weight")
            months = _entitled(b, at, period_months)
            if months == 0:
                continue  # not on the list in any month of the period
            if months is not None:
                exact = Fraction(*weight) * months / period_months
                weight = (exact.numerator, exact.denominator)
            weights.append(weight)
            indexes.append(k)
        if p.get("beneficiaries") and not weights:
            raise _core.InvalidInput(f"{where}.beneficiaries: nobody is entitled in the period "
                                     f'(got "{p["beneficiaries"]!r}")')
        kept.append(indexes)
        proportional.append((str(p["line"]), p["purpose"], n, d, weights))
    kinds, lines, beneficiaries, amounts = _core.allocate(amount_fen, fixed, guaranteed,
                                                          proportional, period_days)
    sources = [plan.get("fixed") or [], plan.get("guaranteed") or [],
               plan.get("proportional") or []]
    line_names, parties = [], []
    for kind, line, beneficiary in zip(kinds.tolist(), lines.tolist(), beneficiaries.tolist()):
        item = sources[kind][line]
        line_names.append(item["line"])
        if beneficiary >= 0:
            parties.append(item["beneficiaries"][kept[line][beneficiary]].get("party"))
        else:
            parties.append(item.get("party"))
    return pd.DataFrame({"line": line_names, "party": pd.Series(parties, dtype=object),
                         "amount_fen": np.asarray(amounts, dtype=np.int64)})

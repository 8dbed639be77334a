"""Conversions from Python values to the core's exact types, refusing anything inexact.

Money is never a float: amounts come in as ``str`` or ``decimal.Decimal`` in 元 and leave as
integer fen. Every refusal is a :class:`taizhang.InvalidInput` naming the argument.
"""

from __future__ import annotations

import datetime
import decimal

from . import _core

__all__ = ["date_days", "fen_from_yuan", "fraction_text"]


def fen_from_yuan(value, name: str) -> int:
    """元 as str or Decimal -> integer fen, exactly (at most 2 decimals)."""
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise _core.InvalidInput(f'{name}: not a finite amount (got "{value}")')
        value = format(value, "f")
    elif not isinstance(value, str):
        raise _core.InvalidInput(
            f"{name}: give 元 as str or decimal.Decimal, never {type(value).__name__} "
            f'(got "{value!r}")')
    return _core.parse_yuan(value, name)


def fraction_text(value, name: str) -> str:
    """A fraction as str ("3/10", "0.3") or Decimal -> its text, refusing floats."""
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise _core.InvalidInput(f'{name}: not a finite fraction (got "{value}")')
        return format(value, "f")
    if not isinstance(value, str):
        raise _core.InvalidInput(
            f"{name}: give a fraction as str or decimal.Decimal, never {type(value).__name__} "
            f'(got "{value!r}")')
    _core.parse_share(value, name)  # validates, naming the argument
    return value


def date_days(value, name: str) -> int:
    """datetime.date or ISO text -> days since 1970-01-01."""
    if isinstance(value, datetime.datetime):
        raise _core.InvalidInput(f'{name}: give a date, not a datetime (got "{value}")')
    if isinstance(value, datetime.date):
        return _core.date_from_civil(value.year, value.month, value.day, name)
    if isinstance(value, str):
        return _core.parse_date(value, name)
    raise _core.InvalidInput(
        f'{name}: give a datetime.date or an ISO date string (got "{value!r}")')

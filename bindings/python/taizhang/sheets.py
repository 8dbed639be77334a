"""Spreadsheets (台账) in and out: CSV through the core, .xlsx through openpyxl.

Every cell reaches the register as text and is converted there exactly (元 to two decimals, 万元
to six) or refused, so no amount ever passes through a float: a number Excel stored is taken
by its shortest exact decimal spelling, which is what was typed. See docs/spreadsheets.md for
the columns (``taizhang.sheets.columns()`` lists them).
"""

from __future__ import annotations

import datetime
import os

import pandas as pd

from . import _core

__all__ = ["columns", "read_rows", "write_rows"]


def columns() -> pd.DataFrame:
    """The asset sheet's columns: Chinese and English headers, meaning, required."""
    return pd.DataFrame(_core.sheet_columns(),
                        columns=["chinese", "english", "meaning", "required"])


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # The shortest spelling that round-trips is the decimal that was typed.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _is_xlsx(path) -> bool:
    return os.fspath(path).lower().endswith((".xlsx", ".xlsm"))


def read_rows(path, *, sheet=None) -> list[list[str]]:
    """The rows of a .csv or .xlsx file as text cells, the header first. An .xlsx header with
    merged cells is refused (InvalidInput naming the cells): a merged header names no column."""
    if not _is_xlsx(path):
        with open(path, "rb") as source:  # UTF-8 or GBK: the library decides
            return _core.parse_csv(source.read())
    import openpyxl  # Debian's python3-openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    ws = book[sheet] if sheet else book.active
    for merged in ws.merged_cells.ranges:
        if merged.min_row == 1:
            raise _core.InvalidInput(
                f"header: cells {merged.coord} of sheet {ws.title!r} are merged; a merged "
                "header names no column (unmerge it and give each column its own header)")
    rows = []
    for values in ws.iter_rows(values_only=True):
        cells = [_cell_text(v) for v in values]
        width = len(rows[0]) if rows else 0
        while len(cells) > width and cells and cells[-1] == "":
            cells.pop()  # empty cells past the header's last column
        if any(cells):
            rows.append(cells + [""] * (width - len(cells)))
    return rows


def write_rows(path, rows) -> None:
    """Writes rows of text to .csv (UTF-8 with a byte-order mark) or .xlsx (every cell text, so
    amounts stay exact)."""
    if not _is_xlsx(path):
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(_core.write_csv(rows))  # with the byte-order mark spreadsheets need
        return
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "资产台账"
    for row in rows:
        ws.append([str(cell) for cell in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    book.save(path)

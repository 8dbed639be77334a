"""Chinese labels (中文标签) for the register's stable English keys: the kinds of entries in an
asset's history and the rules of the audit.

    >>> taizhang.labels_zh["asset_registered"]
    '资产登记'
    >>> taizhang.labels_zh["not_stocktaken"]
    '未按期清查'

The keys are what the library returns (``Registry.history()["kind"]``, ``Registry.audit()["rule"]``,
``Ledger.entry(n)["kind"]``); the labels are for people, never for matching.
"""

from __future__ import annotations

from . import _core

__all__ = ["entry_kinds_zh", "audit_rules_zh", "labels_zh", "label_zh"]

# One table, the library's: the command line, the printed notice and Python use the same words.
labels_zh = _core.chinese_labels()
_KINDS = set(_core.entry_kinds())
entry_kinds_zh = {k: v for k, v in labels_zh.items() if k in _KINDS}
audit_rules_zh = {k: v for k, v in labels_zh.items() if k not in _KINDS}



def label_zh(key) -> str:
    """The Chinese label of a kind or rule; the key itself for one without a label (a kind a
    later version of the library added)."""
    return labels_zh.get(key, key)

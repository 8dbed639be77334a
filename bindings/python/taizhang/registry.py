"""The county register from Python: writes with exact values, reads as pandas DataFrames.

    >>> import taizhang
    >>> reg = taizhang.Registry.create("register", county_code="520122000000",
    ...                                county_name="息烽县", origin="taizhang.example/520122",
    ...                                key=county_key, registrar=registrar_key.verifier)
    >>> reg.define_division("520122101000", "永靖镇", valid_from="2000-01-01", by=1)
    >>> village = reg.register_party("village_collective", "A1村股份经济合作社",
    ...                              "520122101201", credit_code="...", by=1)
    >>> asset = reg.register_asset("XF-001", "operating", "蔬菜大棚", "520122101201",
    ...                            original="120000.00",
    ...                            funding=[("central_fiscal", "120000.00")],
    ...                            category="greenhouse", completed="2021-06-30",
    ...                            owners=[(village, "1")], by=1)
    >>> reg.assets()          # one row per asset, amounts as int64 *_fen columns

Money is given as ``str`` or ``decimal.Decimal`` in 元 and comes back as integer fen; shares as
``"3/10"`` or ``"0.3"``; dates as ``datetime.date`` or ISO strings. Every write names the acting
actor (``by``) and may carry ``effective`` (the business date; today if omitted) and a 16-byte
``request_id`` for safe retries.
"""

from __future__ import annotations

import datetime
import decimal
import os
import weakref

import numpy as np
import pandas as pd

from . import _convert, _core
from .allocation import _fraction, _items, _weight
from .labels import label_zh

__all__ = ["Registry", "ActorWriter"]

# LMDB environments do not survive fork(): a child must open its own. Every open Registry is
# reopened in a forked child (os.fork, multiprocessing's fork start method), so a notebook that
# forks workers keeps working; the parent's handles are left untouched in the child, never
# closed there, as LMDB requires.
_open_registries: "weakref.WeakSet[Registry]" = weakref.WeakSet()
_inherited = []  # the parent's cores in a forked child: kept alive, never closed


def _reopen_after_fork() -> None:
    for registry in list(_open_registries):
        _inherited.append(registry._core)
        registry._core = _core.Registry.open(registry._path, registry._readonly,
                                             getattr(registry, "_clock", None))


os.register_at_fork(after_in_child=_reopen_after_fork)

_DESCRIPTION_DEFAULTS = dict(form="fixed", category="other", use_right_years=0, project_name="",
                             project_year=0, implementing_unit="", place="", quantity="0",
                             unit="", investee=0, stake="0", project_id="",
                             performance_targets="", exit_terms="")


def _pairs(values, field) -> list[tuple]:
    """A list of pairs (tuples or lists of two), else InvalidInput naming the list or the item."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise _core.InvalidInput(f'{field}: a list of pairs (got "{values!r}")')
    pairs = []
    for i, pair in enumerate(values):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, (tuple, list)) or \
                len(pair) != 2:
            raise _core.InvalidInput(f'{field}[{i}]: a pair (got "{pair!r}")')
        pairs.append(tuple(pair))
    return pairs


def _owners(owners, field="owners") -> list[dict]:
    return [{"party": _whole(party, f"{field}[{i}].party"),
             "share": _convert.fraction_text(share, f"{field}[{i}].share")}
            for i, (party, share) in enumerate(_pairs(owners or [], field))]


def _funding(funding) -> list[dict]:
    return [{"source": source, "amount_fen": _convert.fen_from_yuan(amount, f"funding[{i}].amount")}
            for i, (source, amount) in enumerate(_pairs(funding, "funding"))]


def _int(value, field) -> int:
    """A whole number (int or numpy integer; not a bool, float or text), else InvalidInput."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise _core.InvalidInput(f'{field}: give an int (got "{value!r}")')
    return int(value)


def _text(value, field) -> str:
    if not isinstance(value, str):
        raise _core.InvalidInput(f"{field}: text (got {type(value).__name__} {value!r})")
    return value


def _flag(value, field) -> bool:
    """True or False (numpy's too), never a text or a number taken for one."""
    if not isinstance(value, (bool, np.bool_)):
        raise _core.InvalidInput(f'{field}: give True or False (got "{value!r}")')
    return bool(value)


def _bytes(value, field) -> bytes:
    """bytes (bytearray, memoryview), else InvalidInput; a Verifier gives its public key."""
    if isinstance(value, _core.Verifier):
        return bytes(value.public_key)
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise _core.InvalidInput(f'{field}: give bytes (got "{value!r}")')
    return bytes(value)


def _hashes(values, field) -> list[bytes]:
    """A list of SHA-256 hashes as bytes (their length is checked by the core)."""
    if isinstance(values, (str, bytes, bytearray, dict)) or not hasattr(values, "__iter__"):
        raise _core.InvalidInput(f'{field}: a list of 32-byte hashes (got "{values!r}")')
    return [_bytes(value, f"{field}[{i}]") for i, value in enumerate(values)]


def _ids(values, field) -> list[int]:
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise _core.InvalidInput(f'{field}: a list of ids (got "{values!r}")')
    return [_whole(value, f"{field}[{i}]") for i, value in enumerate(values)]


def _path(value, field="path") -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise _core.InvalidInput(f'{field}: a path, str or pathlib.Path (got "{value!r}")')
    return os.fspath(value)


def _quantity_milli(quantity) -> int:
    """A quantity as int, str or Decimal with at most 3 decimals -> thousandths, exactly (by the
    library's own parser, as the sheet importer reads it)."""
    if isinstance(quantity, bool) or isinstance(quantity, float):
        raise _core.InvalidInput(f'quantity: give an int, str or Decimal (got "{quantity!r}")')
    text = format(quantity, "f") if isinstance(quantity, decimal.Decimal) else str(quantity)
    return _core.parse_quantity(text, "quantity")


def _description(name, division, original, funding, completed, fields) -> dict:
    unknown = set(fields) - set(_DESCRIPTION_DEFAULTS)
    if unknown:
        raise _core.InvalidInput(f'asset: unknown field(s) {", ".join(sorted(unknown))} '
                                 f'(got "{sorted(unknown)[0]}")')
    d = {**_DESCRIPTION_DEFAULTS, **fields}
    return {
        "name": name,
        "form": d["form"],
        "category": d["category"],
        "use_right_years": _int(d["use_right_years"], "use_right_years"),
        "project_name": d["project_name"],
        "project_year": _int(d["project_year"], "project_year"),
        "implementing_unit": d["implementing_unit"],
        "division": division,
        "place": d["place"],
        "quantity_milli": _quantity_milli(d["quantity"]),
        "unit": d["unit"],
        "completed_days": _convert.date_days(completed, "completed"),
        "original_fen": _convert.fen_from_yuan(original, "original"),
        "funding": _funding(funding),
        "investee": _whole(d["investee"], "investee"),
        "stake": _convert.fraction_text(d["stake"], "stake"),
        "project_id": d["project_id"],
        "performance_targets": d["performance_targets"],
        "exit_terms": d["exit_terms"],
    }


_DISPOSAL_COLUMNS = ["disposal_id", "asset_id", "method", "state", "requester", "steps",
                     "next_step", "next_step_kind", "last_day", "appraised_fen", "executed",
                     "result_notice", "owners"]


def _stocktaking_day(value):
    """"12-31" (or 1231) as month * 100 + day."""
    if isinstance(value, bool):
        raise _core.InvalidInput(f'stocktaking_by: a day of the year such as "12-31" (got "{value!r}")')
    if isinstance(value, int):
        return value
    text = str(value)
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise _core.InvalidInput(f'stocktaking_by: a day of the year such as "12-31" (got "{text}")')
    return int(parts[0]) * 100 + int(parts[1])


def _approval_pairs(approvals):
    if isinstance(approvals, (str, bytes)) or not hasattr(approvals, "__iter__"):
        raise _core.InvalidInput(f'approvals: a list of (actor, signer) (got "{approvals!r}")')
    pairs = []
    for i, pair in enumerate(approvals):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise _core.InvalidInput(f'approvals[{i}]: an (actor, signer) pair '
                                     f'(got "{pair!r}")')
        if not isinstance(pair[1], _core.Signer):
            raise _core.InvalidInput(f'approvals[{i}][1]: a taizhang.Signer (got "{pair[1]!r}")')
        pairs.append((_whole(pair[0], f"approvals[{i}][0]"), pair[1]))
    return pairs


def _disposal_frame(rows):
    """The rows of disposal_rows with their days as dates (NaT before execution)."""
    frame = pd.DataFrame(rows, columns=[c + "_days" if c in ("last_day", "executed") else c
                                        for c in _DISPOSAL_COLUMNS])
    frame["appraised_fen"] = frame["appraised_fen"].astype("int64")
    frame["last_day"] = _dates(frame.pop("last_day_days").to_numpy(dtype=np.int64))
    executed = frame.pop("executed_days").to_numpy(dtype=np.int64)
    frame["executed"] = pd.Series(_dates(executed), index=frame.index).where(executed != 0)
    return frame[_DISPOSAL_COLUMNS]


_PLAN_LINES = {
    "fixed": ({"line", "purpose", "amount"}, {"payees"}),
    "guaranteed": ({"line", "party"}, {"principal", "rate", "amount", "list"}),
    "proportional": ({"line", "purpose", "fraction"}, {"beneficiary_list"}),
}


def _whole(value, field) -> int:
    """An id: a whole number from 0 to 2**64 - 1, else InvalidInput naming `field`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or \
            not 0 <= int(value) < 2**64:
        raise _core.InvalidInput(f'{field}: an id, a whole number (got "{value!r}")')
    return int(value)


def _plan_lines(plan) -> dict:
    """The lines of a plan dict, each checked for its fields (names and texts), else
    InvalidInput naming the list, the line and the field."""
    if not isinstance(plan, dict):
        raise _core.InvalidInput(f'plan: a dict of fixed, guaranteed, proportional lines '
                                 f'(got "{plan!r}")')
    unknown = plan.keys() - _PLAN_LINES.keys()
    if unknown:
        raise _core.InvalidInput(f'plan: unknown list "{sorted(map(str, unknown))[0]}" (the lists '
                                 f'are fixed, guaranteed, proportional)')
    return {name: list(_items(plan, name, _PLAN_LINES)) for name in _PLAN_LINES}


def _payments(columns, party_names) -> pd.DataFrame:
    frame = pd.DataFrame({k: v for k, v in columns.items() if k != "party"})
    frame["party"] = pd.Series(columns["party"], dtype=object)
    frame["amount_fen"] = frame["amount_fen"].astype("int64")
    frame["owner_name"] = [party_names.get(int(o), "") for o in frame["owner"]]
    frame["party_name"] = pd.Series([None if p is None else party_names.get(int(p), "")
                                     for p in frame["party"]], index=frame.index, dtype=object)
    return frame[["income", "owner", "owner_name", "owner_share", "line", "purpose", "party",
                  "party_name", "amount_fen", "allocation", "plan"]]


# The values of audit evidence (Registry.audit), every rule's, by name and kind: each is a
# column of audit() even when no finding has it, so the frame's columns do not depend on the day.
_AUDIT_DETAILS = {
    "owner": "number", "share": "text", "amount_fen": "fen", "income": "number",
    "until": "date", "year_from": "date", "year_until": "date", "due_fen": "fen",
    "operator": "number", "paid_fen": "fen", "short_fen": "fen", "problem": "text",
    "year": "number", "due": "date", "last_inspected": "date", "shares": "text",
    "sources_fen": "fen", "recorded_original_fen": "fen", "days_since": "number",
    "interval_days": "number", "asset_status": "text", "earned_until": "date",
    "contract_until": "date", "party": "number", "allocation": "number",
    "period_from": "date", "period_until": "date", "months_paid": "number", "list": "text",
    "months_on_list": "number", "disposal": "number", "method": "text", "executed": "date",
    "allocated": "date",
}


def _detail_column(kind, values, present, index):
    """One evidence value's column: ids, counts and fen as Int64 (never float), dates as
    datetime64 (NaT where absent; a none date too), text as objects (None where absent)."""
    present = np.asarray(present, dtype=bool)
    if kind == "text":
        return pd.Series(list(values), index=index, dtype=object)
    numbers = np.asarray(values, dtype=np.int64)
    if kind == "date":
        return pd.Series(_dates(numbers), index=index).where(present & (numbers != 0))
    return pd.Series(pd.arrays.IntegerArray(numbers, ~present), index=index)


def _dates(days) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]")


class Registry:
    """A county's asset register (see the module docstring)."""

    def __init__(self, core: _core.Registry, path: str, readonly: bool):
        self._core = core
        self._path = path
        self._readonly = readonly
        _open_registries.add(self)

    @classmethod
    def create(cls, path, *, county_code, county_name, origin, key, registrar,
               durable=True, clock=None) -> "Registry":
        """Creates a register whose log key is `key` (the county's Signer), which enrols
        `registrar` (a Verifier, or its 32-byte public key) as actor 1. `clock`, if given, is a
        callable returning the current time as a timezone-aware datetime: the register's clock,
        which every time rule runs on (default: the system clock)."""
        path = _path(path)
        registry = cls(_core.Registry.create(path, county_code, county_name, origin, key,
                                             _bytes(registrar, "registrar"), durable, clock),
                       path, False)
        registry._clock = clock
        return registry

    @classmethod
    def open(cls, path, readonly=False, clock=None) -> "Registry":
        """Opens a register; `clock` as for create."""
        path = _path(path)
        registry = cls(_core.Registry.open(path, readonly, clock), path, readonly)
        registry._clock = clock
        return registry

    # --- writes -------------------------------------------------------------------------
    # Each write passes its fields by name to the one `submit` of the core, whose table
    # (bindings/python/writes.cpp; `taizhang._core.Registry.write_kinds()`) describes every
    # kind of write once; amounts go as integer fen ("_fen"), dates as days ("_days").

    def today(self) -> datetime.date:
        """Today by the register's clock, in China Standard Time: what reports and audits are
        as of unless told otherwise."""
        return datetime.date(1970, 1, 1) + datetime.timedelta(days=self._core.today_days())

    def _effective_days(self, effective, field="effective") -> int:
        """The effective date given, or the register's today (its clock, China Standard Time)."""
        return self._core.today_days() if effective is None else \
            _convert.date_days(effective, field)

    def _write(self, write_kind, /, *, by, signer, effective, request_id, day=None,
               _approve=False, _approvers=(), **fields) -> int:
        day = self._effective_days(effective) if day is None else day
        return self._core.submit(by, day, request_id, write_kind, fields, signer, _approve,
                                 list(_approvers))

    def as_actor(self, actor, signer) -> "ActorWriter":
        """A writer acting as `actor` with `signer` (that actor's enrolled key): the same
        write methods as the Registry, without their `by` and `signer` arguments."""
        return ActorWriter(self, actor, signer)

    @property
    def origin(self) -> str:
        """The register's origin, which every signature in it names."""
        return self._core.origin

    def rotate_key(self, actor, public_key, *, reason, by, signer=None, effective=None,
                   request_id=None) -> int:
        """Replaces `actor`'s key from now on: by a county registrar, or by the actor itself
        signing with its current key."""
        return self._write("actor_key_rotated", by=by, signer=signer, effective=effective,
                           request_id=request_id, actor=actor,
                           public_key=_bytes(public_key, "public_key"),
                           reason=reason)

    def revoke_key(self, actor, *, reason, by, signer=None, effective=None,
                   request_id=None) -> int:
        """Withdraws `actor`'s key: nothing it signs is accepted after this (a lost key, an
        official who left office). By a county registrar or the actor itself."""
        return self._write("actor_key_revoked", by=by, signer=signer, effective=effective,
                           request_id=request_id, actor=actor, reason=reason)

    def enrol_actor(self, actor, name, role, jurisdiction, public_key, *, party=0, by, signer=None,
                    effective=None, request_id=None) -> int:
        """Enrols an official or system with its role, jurisdiction and public key. `party`: the
        unit it acts for where its place does not say (a sector department's or platform
        company's official: it requests and proposes disposals of that party's assets only)."""
        return self._write("actor_key_enrolled", by=by, signer=signer, effective=effective,
                           request_id=request_id, actor=actor, name=name, role=role,
                           jurisdiction=jurisdiction, public_key=_bytes(public_key, "public_key"),
                           party=party)

    def define_division(self, code, name, *, valid_from, valid_until=None, by, signer=None, effective=None,
                        request_id=None) -> int:
        until = 0 if valid_until is None else _convert.date_days(valid_until, "valid_until")
        return self._write("division_defined", by=by, signer=signer, effective=effective, request_id=request_id,
                           code=code, name=name,
                           valid_from_days=_convert.date_days(valid_from, "valid_from"),
                           valid_until_days=until)

    def define_divisions_csv(self, source, *, by, signer=None, effective=None) -> int:
        """Loads a division table from CSV text or a path (columns code, name, valid_from,
        valid_until), all or nothing; returns the number of rows."""
        text = source
        if not isinstance(source, str) or "\n" not in source:
            with open(source, "rb") as handle:  # UTF-8 or GBK, as Excel saved it
                text = _core.decode_sheet_text(handle.read())
        return self._core.define_divisions_csv(by, self._effective_days(effective), text, signer)

    def register_party(self, kind, name, division, *, credit_code="", identity_number=None,
                       identity_key=None, poverty_alleviated=False, monitored=False,
                       unable_to_work=False, by, signer=None, effective=None, request_id=None) -> int:
        """Registers a party; a household's identity number is hashed with `identity_key` and
        never stored. Returns the party's id."""
        person_hash = b""
        if identity_number is not None:
            if identity_key is None:
                raise _core.InvalidInput("identity_key: needed to hash an identity number")
            if not isinstance(identity_key, _core.IdentityKey):
                raise _core.InvalidInput(f'identity_key: a taizhang.IdentityKey '
                                         f'(got "{identity_key!r}")')
            person_hash = identity_key.hash(identity_number)
        return self._write("party_registered", by=by, signer=signer, effective=effective, request_id=request_id,
                           kind=kind, name=name, division=division,
                           credit_code=credit_code or "", person_hash=bytes(person_hash),
                           poverty_alleviated=_flag(poverty_alleviated, "poverty_alleviated"),
                           monitored=_flag(monitored, "monitored"),
                           unable_to_work=_flag(unable_to_work, "unable_to_work"))

    def register_asset(self, code, asset_class, name, division, *, original, funding, completed,
                       owners=None, status="in_use", by, signer=None, effective=None, request_id=None,
                       **fields) -> int:
        """Registers an asset; returns its id. `funding` is a list of (source, amount in 元)
        summing exactly to `original`; `owners` a list of (party id, share) summing to 1.
        Other fields: form, category, use_right_years, project_name, project_year,
        implementing_unit, place, quantity (a decimal string), unit, investee (an equity
        asset's enterprise or cooperative) and stake (the part of it held, "0.3" or "3/10"),
        project_id (the project's number in the project library, 项目库), performance_targets
        (绩效目标, as filed) and exit_terms (an equity stake's terms of withdrawal)."""
        description = _description(name, division, original, funding, completed, fields)
        return self._write("asset_registered", by=by, signer=signer, effective=effective, request_id=request_id,
                           code=code, asset_class=asset_class, description=description,
                           status=status, owners=_owners(owners))

    def change_status(self, asset, status, reason="", *, by, signer=None, effective=None,
                      request_id=None) -> int:
        return self._write("asset_status_changed", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, status=status, reason=reason)

    def confirm_ownership(self, asset, owners, *, certificate="", by, signer=None, effective=None,
                          request_id=None) -> int:
        """Confirms the owners of an asset that has none yet (or confirms them as they are),
        with the ownership certificate's number (确权证书) if one is issued: owners change only
        by hand_over, a disposal, or an approved correction (correct_ownership)."""
        return self._write("ownership_confirmed", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, owners=_owners(owners),
                           certificate=certificate)

    def correct_asset(self, asset, reason, *, by, signer=None, effective=None, request_id=None,
                      **changes) -> int:
        """Corrects the asset's description: the fields given replace the current ones, and
        the correction names the entry that set the current description."""
        current = self._core.asset(asset)
        if current is None:
            raise _core.NotFound(f"asset: no asset {asset}")
        d = dict(current["description"])
        d["funding"] = [{"source": s, "amount_fen": a} for s, a in d["funding"]]
        for field, value in changes.items():
            if field == "original":
                d["original_fen"] = _convert.fen_from_yuan(value, "original")
            elif field == "funding":
                d["funding"] = _funding(value)
            elif field == "completed":
                d["completed_days"] = _convert.date_days(value, "completed")
            elif field == "quantity":
                d["quantity_milli"] = _quantity_milli(value)
            elif field in d and field not in ("completed_days", "original_fen",
                                              "quantity_milli"):
                d[field] = value
            else:
                raise _core.InvalidInput(f'{field}: not a correctable field (got "{value}")')
        return self._write("asset_corrected", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, corrects=current["description_sequence"], description=d,
                           reason=reason)

    def bind_right(self, asset, right, party, *, valid_from, valid_until=None, by, signer=None,
                   effective=None, request_id=None) -> int:
        """Binds one of the separated rights (operation, income, disposal, supervision,
        management) to a party for a period; ownership follows the confirmed owners."""
        until = 0 if valid_until is None else _convert.date_days(valid_until, "valid_until")
        return self._write("right_bound", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, right=right, party=party,
                           from_days=_convert.date_days(valid_from, "valid_from"),
                           until_days=until)

    def contract_operation(self, asset, operator, mode, *, start, end, rent="0",
                           principal="0", guarantee_rate="0", guarantee="0", step_up="0",
                           decided_by=(), resolutions=(), by, signer=None, effective=None,
                           request_id=None) -> int:
        """Records who runs an operating asset (or operates a public-welfare asset entrusted
        to it, mode "entrusted"), how and on what terms. Amounts in 元 per year;
        `guarantee_rate` (on `principal`) or `guarantee` (fixed) is the 保底收益; `step_up` its
        yearly increase. A change of mode is decided by every owner (`decided_by`). Leasing or
        contracting out a village collective's asset (every mode but "self_operated": a first
        contract, a renewal, a new operator) needs each owning village's `resolutions`
        (adopt_resolution with subject "operation_contract") whose notice (post_notice, subject
        "operation_contract") has run."""
        return self._write(
            "operation_contracted", by=by, signer=signer, effective=effective, request_id=request_id,
            asset=asset, operator_party=operator, mode=mode,
            from_days=_convert.date_days(start, "start"), until_days=_convert.date_days(end, "end"),
            rent_per_year_fen=_convert.fen_from_yuan(rent, "rent"),
            principal_fen=_convert.fen_from_yuan(principal, "principal"),
            guarantee_rate=_convert.fraction_text(guarantee_rate, "guarantee_rate"),
            guarantee_per_year_fen=_convert.fen_from_yuan(guarantee, "guarantee"),
            step_up=_convert.fraction_text(step_up, "step_up"),
            decided_by=_ids(decided_by, "decided_by"),
            resolutions=_ids(resolutions, "resolutions"))

    def bind_maintenance(self, asset, party, person, mode, *, funding="",
                         inspection_interval_days=180, valid_from, by, signer=None, effective=None,
                         request_id=None) -> int:
        return self._write("maintenance_bound", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, party=party, person=person,
                           mode=mode, funding=funding,
                           inspection_interval_days=inspection_interval_days,
                           from_days=_convert.date_days(valid_from, "valid_from"))

    def inspect(self, asset, inspector, condition, *, note="", evidence=(), by, signer=None,
                effective=None,
                request_id=None) -> int:
        """Records an inspection; `evidence` are SHA-256 hashes (32 bytes) of photos/reports."""
        return self._write("inspected", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, inspector=inspector, condition=condition, note=note,
                           evidence=_hashes(evidence, "evidence"))

    def stocktake(self, asset, *, condition, note="", inspector="清查组", evidence=(), by,
                  signer=None, effective=None, request_id=None) -> int:
        """Records the yearly stocktaking (清查) of `asset` with the `condition` found ("good",
        "fair", "damaged", "unusable"). An asset neither stocktaken nor inspected in a year by
        the policy's day (31 December by default) is an audit finding (not_stocktaken)."""
        return self._write("inspected", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, inspector=inspector,
                           condition=condition, note=note, evidence=_hashes(evidence, "evidence"),
                           stocktaking=True)

    def change_value(self, asset, kind, amount, *, report_hash=b"", appraiser="", by, signer=None,
                     effective=None, request_id=None) -> int:
        """A revaluation (signed change), impairment, capitalised improvement, or appraisal."""
        return self._write("value_changed", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, kind=kind,
                           amount_fen=_convert.fen_from_yuan(amount, "amount"),
                           report_hash=_bytes(report_hash, "report_hash"), appraiser=appraiser)

    def plan_depreciation(self, asset, method, life_months, *, residual_rate="0.05",
                          units_total=0, by, signer=None, effective=None, request_id=None) -> int:
        """Gives the asset its own depreciation method and life (docs/rules.md §6), replacing the
        policy defaults; the regime still follows the owner."""
        return self._write("depreciation_planned", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, method=method,
                           life_months=life_months,
                           residual_rate=_convert.fraction_text(residual_rate, "residual_rate"),
                           units_total=units_total)

    def record_units(self, asset, month, units, *, by, signer=None, effective=None, request_id=None) -> int:
        """Units of work used in `month` (any day of it) by a units-of-production asset."""
        return self._write("units_recorded", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, month_days=_convert.date_days(month, "month"),
                           units=units)

    def define_policy(self, *, effective_from, lives=None, residual_rate=None,
                      inspection_interval_days=None, publicity_days=None,
                      state_approval_threshold=None, chains=None, purposes=None,
                      prohibited_purposes=None, quorums=None, majority=None, audit_days=None,
                      plan_rules=None, appraisal_valid_months=None, state_threshold_basis=None,
                      state_threshold_inclusive=None, price_floor=None, stocktaking_by=None,
                      supervision_phone=None, supervision_unit=None,
                      by, signer=None, effective=None, request_id=None) -> int:
        """Appends the next policy version: the latest one with the given values changed.
        `lives` maps categories to months (0: not depreciated); amounts in 元. `chains` maps
        an owner kind ("household", "village_collective", "state") to its disposal approval
        chain, a dict of step-name lists "per_owner", "steps" and "above_threshold"; the
        chains not given stay as they are. `purposes` is the list of allowed income purposes
        in priority order, each a name or {"name", "restricted_ok", "categories"} (categories:
        only income of assets of these categories may go to it); `prohibited_purposes` a
        list of names; `quorums` maps a meeting ("villagers_assembly", "household_assembly",
        "representatives_meeting", "members_assembly") to {"fraction": "2/3", "strict": False};
        `majority` a fraction ("1/2") that those in favour must exceed; `audit_days` maps an
        audit limit ("income_unallocated", "operating_without_income", "contract_expiring",
        "result_unpublished") to its number of days; `plan_rules` maps a plan owner
        ("collective", "cooperative", "state") to {"resolution", "publicity", "county_consent"}
        (how that owner's allocation plans are approved); `appraisal_valid_months` how long an
        appraisal backs an auction or a transfer; `state_threshold_basis` ("original" or
        "book") and `state_threshold_inclusive` how a state asset's value meets the threshold;
        `price_floor` the fraction of the appraisal ("9/10") below which a sale's price needs
        the last approver again; `stocktaking_by` the day of the year ("12-31") by which every
        asset is stocktaken each year; `supervision_phone` and `supervision_unit` the telephone
        for supervision and reports (监督举报电话) and the unit answering it, printed on every
        public notice."""
        current = self._core.policy(None)
        merged = dict(current["lives"])
        merged.update(lives or {})
        rate = current["residual_rate"] if residual_rate is None else \
            _convert.fraction_text(residual_rate, "residual_rate")
        threshold = current["state_approval_threshold_fen"] if state_approval_threshold is None \
            else _convert.fen_from_yuan(state_approval_threshold, "state_approval_threshold")
        merged_chains = {c["owner"]: c for c in current["chains"]}
        for owner, chain in (chains or {}).items():
            merged_chains[owner] = dict(chain, owner=owner)
        chain_rows = [{"owner": owner, "per_owner": list(c.get("per_owner", ())),
                       "steps": list(c.get("steps", ())),
                       "above_threshold": list(c.get("above_threshold", ()))}
                      for owner, c in merged_chains.items()]
        purpose_rows = current["purposes"]
        if purposes is not None:
            known = {p["name"]: p for p in current["purposes"]}
            purpose_rows = [known.get(p, {"name": p, "restricted_ok": False, "categories": []})
                            if isinstance(p, str) else
                            {"name": p["name"], "restricted_ok": bool(p.get("restricted_ok", False)),
                             "categories": list(p.get("categories", ()))}
                            for p in purposes]
        merged_rules = {r["owner"]: r for r in current["plan_rules"]}
        for owner, rule in (plan_rules or {}).items():
            merged_rules[owner] = dict(merged_rules.get(owner, {}), **rule, owner=owner)
        prohibited = list(current["prohibited_purposes"] if prohibited_purposes is None
                          else prohibited_purposes)
        merged_quorums = {q["meeting"]: q for q in current["quorums"]}
        for meeting, rule in (quorums or {}).items():
            merged_quorums[meeting] = dict(rule, meeting=meeting)
        quorum_rows = []
        for meeting, rule in merged_quorums.items():
            n, d = _fraction(rule["fraction"], f"quorums[{meeting}].fraction")
            quorum_rows.append({"meeting": meeting, "numerator": n, "denominator": d,
                                "strict": bool(rule.get("strict", False))})
        majority_n, majority_d = _fraction(current["majority"] if majority is None else majority,
                                           "majority")
        return self._write(
            "policy_defined", by=by, signer=signer, effective=effective, request_id=request_id,
            version=current["version"] + 1,
            effective_from_days=_convert.date_days(effective_from, "effective_from"),
            lives=list(merged.items()), residual_rate=rate,
            inspection_interval_days=current["inspection_interval_days"]
            if inspection_interval_days is None else inspection_interval_days,
            publicity_days=current["publicity_days"] if publicity_days is None
            else publicity_days,
            state_approval_threshold_fen=threshold, chains=chain_rows, purposes=purpose_rows,
            prohibited_purposes=prohibited, quorums=quorum_rows, majority_numerator=majority_n,
            majority_denominator=majority_d,
            audit_days=dict(current["audit_days"], **(audit_days or {})),
            plan_rules=list(merged_rules.values()),
            appraisal_valid_months=current["appraisal_valid_months"]
            if appraisal_valid_months is None else appraisal_valid_months,
            state_threshold_basis=current["state_threshold_basis"]
            if state_threshold_basis is None else state_threshold_basis,
            state_threshold_inclusive=current["state_threshold_inclusive"]
            if state_threshold_inclusive is None
            else _flag(state_threshold_inclusive, "state_threshold_inclusive"),
            price_floor=current["price_floor"] if price_floor is None
            else _convert.fraction_text(price_floor, "price_floor"),
            stocktaking_by=current["stocktaking_by"] if stocktaking_by is None
            else _stocktaking_day(stocktaking_by),
            supervision_phone=current["supervision_phone"] if supervision_phone is None
            else _text(supervision_phone, "supervision_phone"),
            supervision_unit=current["supervision_unit"] if supervision_unit is None
            else _text(supervision_unit, "supervision_unit"))

    def policy(self, version=None) -> dict:
        """The policy version `version` (the latest if omitted)."""
        return self._core.policy(version)

    def request_disposal(self, asset, method, *, trigger="other", reasons, evidence=(),
                         appraisal=0, owners=None, by, signer=None, effective=None,
                         request_id=None) -> int:
        """Requests a disposal; its approval chain is fixed now, from the owners (each owner's
        own steps, then the county's once). Only an official acting for the holder of the
        disposal right (an owner, or the party the right is bound to) requests. `owners`
        [(party, share), ...]: the receivers in the register of a transfer, exchange or free
        transfer (the asset stays on the register with them). Returns the request's id.
        Pledging ("pledge") is refused: it is prohibited."""
        return self._write("disposal_requested", by=by, signer=signer, effective=effective,
                           request_id=request_id, asset=asset, trigger=trigger, method=method,
                           reasons=reasons, evidence=_hashes(evidence, "evidence"),
                           appraisal=appraisal, owners=_owners(owners or []))

    def correct_ownership(self, asset, owners, *, reasons, evidence=(), by, signer=None,
                          effective=None, request_id=None) -> int:
        """Opens the correction of a registration error in the owners of `asset`: the new
        `owners` [(party, share), ...] take effect only when the chain a disposal of the asset
        would need is signed (sign_step) and the correction executed (execute_disposal with no
        proceeds); the asset stays as it was otherwise. Returns the request's id."""
        return self.request_disposal(asset, "ownership_correction", trigger="other",
                                     reasons=reasons, evidence=evidence, owners=owners, by=by,
                                     signer=signer, effective=effective, request_id=request_id)

    def sign_step(self, disposal, step, *, by, signer, approve=True, note="", resolution=0,
                  notice=0, effective=None, request_id=None) -> int:
        """Approves (or rejects) step `step` of a disposal as actor `by`, signed with `signer`,
        that official's own key. An approving assembly-resolution step names the `resolution`
        (see adopt_resolution); an approving publicity step names the `notice` (post_notice)."""
        return self._write("disposal_step", by=by, signer=signer, effective=effective,
                           request_id=request_id, _approve=True,
                           request=_whole(disposal, "disposal"), step=step,
                           approve=_flag(approve, "approve"),
                           note=note, resolution=resolution, notice=notice)

    def hand_over(self, asset, to, *, accepted, book_value, certificate="", approvals, by,
                  signer=None, effective=None, request_id=None) -> int:
        """Hands a project asset over after its acceptance (`accepted`, a date) to the owners
        `to` [(party, share), ...] at `book_value` (元), with the ownership certificate's
        number if one is issued. `by` writes it for the side handing it over (an official over
        the current owners); `approvals` [(actor, signer), ...] are the receiving side's
        officials and the county rural-revitalisation bureau, each signing with its own key.
        The receivers' depreciation regime applies from the handover; earlier values stay."""
        pairs = _approval_pairs(approvals)
        return self._write("asset_handed_over", by=by, signer=signer, effective=effective,
                           request_id=request_id, _approvers=pairs, asset=asset,
                           to=_owners(to, "to"),
                           accepted_days=_convert.date_days(accepted, "accepted"),
                           certificate=certificate,
                           book_value_fen=_convert.fen_from_yuan(book_value, "book_value"))

    def adopt_resolution(self, village, *, meeting="villagers_assembly", subject, disposal=0,
                         title, held, eligible, present, in_favour, by, signer=None, effective=None,
                         request_id=None) -> int:
        """Enters a village meeting's resolution with its counts. `meeting` is
        "villagers_assembly" (more than half of adults present), "household_assembly" or
        "representatives_meeting" (at least two thirds present); more than half of those
        present must vote for it. `subject` is "allocation_plan", "disposal" (name the request
        in `disposal`) or "other". The register refuses one without its quorum or majority.
        Returns the resolution's id."""
        held_days = _convert.date_days(held, "held")
        day = held_days if effective is None else self._effective_days(effective)
        return self._write("resolution_adopted", by=by, signer=signer, effective=None, day=day,
                           request_id=request_id, village=village, meeting=meeting,
                           subject=subject, disposal=disposal, title=title, day_days=held_days,
                           eligible=eligible, present=present, in_favour=in_favour)

    def post_notice(self, subject, subject_id, *, division, place, start, end,
                    content_hash=b"", by, signer=None, effective=None, request_id=None) -> int:
        """Posts a notice (公示) on the board of `division`: `subject` is "project" (an asset),
        "allocation_plan" (the resolution that adopted it), "allocation_result" (an
        allocation) or "disposal" (a request). It must run at least the policy's publicity
        days, `start` to `end` inclusive. Returns the notice's id."""
        start_days = _convert.date_days(start, "start")
        day = start_days if effective is None else self._effective_days(effective)
        return self._write("notice_posted", by=by, signer=signer, effective=None, day=day,
                           request_id=request_id, subject=subject, subject_id=subject_id,
                           division=division, place=place, start_days=start_days,
                           end_days=_convert.date_days(end, "end"),
                           content_hash=_bytes(content_hash, "content_hash"))

    def record_objection(self, notice, summary, *, upheld, by, signer=None, effective=None,
                         request_id=None) -> int:
        """Records an objection to a notice; an upheld one blocks what the notice published."""
        return self._write("objection_recorded", by=by, signer=signer, effective=effective,
                           request_id=request_id, notice=notice, upheld=_flag(upheld, "upheld"),
                           summary=summary)

    def notices(self, division="") -> pd.DataFrame:
        """Notices posted within `division` (all when empty), with their days as dates."""
        rows = self._core.notice_rows(division)
        frame = pd.DataFrame(rows, columns=["notice_id", "subject", "subject_id", "division",
                                            "place", "start_days", "end_days",
                                            "objection_upheld"])
        frame["start"] = _dates(frame.pop("start_days").to_numpy(dtype=np.int64))
        frame["end"] = _dates(frame.pop("end_days").to_numpy(dtype=np.int64))
        return frame

    def withdraw_disposal(self, disposal, reason, *, by, signer=None, effective=None, request_id=None) -> int:
        return self._write("disposal_withdrawn", by=by, signer=signer, effective=effective,
                           request_id=request_id, request=_whole(disposal, "disposal"),
                           reason=reason)

    def execute_disposal(self, disposal, counterparty, proceeds, *, approvals=(), by, signer=None,
                         effective=None, request_id=None) -> int:
        """Executes a disposal whose chain is signed, with its counterparty and proceeds (元).
        Proceeds below the policy's price floor (9/10) of the appraisal need the chain's last
        approver to approve the price again, and each new owner of a correction or a transfer
        within the register signs for itself: `approvals` [(actor, signer), ...]. The entry
        carries the owners the request gives, read from the request."""
        if isinstance(disposal, bool) or not isinstance(disposal, (int, np.integer)):
            raise _core.InvalidInput(f'disposal: a request id (got "{disposal!r}")')
        disposal = int(disposal)
        request = self._core.disposal_row(disposal)
        owners = request["owners"] if request is not None else []
        return self._write("disposal_executed", by=by, signer=signer, effective=effective,
                           request_id=request_id, _approvers=_approval_pairs(approvals),
                           request=disposal, counterparty=counterparty,
                           proceeds_fen=_convert.fen_from_yuan(proceeds, "proceeds"),
                           owners=_owners(owners))

    def disposals(self) -> pd.DataFrame:
        """Every disposal request (and ownership correction) with its state, next step, the day
        of its latest act, the appraised value it rests on (fen), its execution day, the notice
        of its result (0 until published) and the owners it gives (a correction's)."""
        return _disposal_frame(self._core.disposal_rows(None))

    def pending_approvals(self, actor) -> pd.DataFrame:
        """Open disposals whose next step `actor` may sign."""
        return _disposal_frame(self._core.disposal_rows(_whole(actor, "actor")))

    def record_income(self, asset, amount, *, kind="rent", start, end, payer="", payer_party=0,
                      by, signer=None, effective=None, request_id=None) -> int:
        """Records money an operating or public-welfare asset earned (元) over the period
        `start`..`end`; it is split at once among the asset's owners by their shares (see
        income_parts). `payer_party` names the registered party that paid (an operator under
        contract: what it paid is checked against its guaranteed return). Returns the income's
        id."""
        return self._write("income_recorded", by=by, signer=signer, effective=effective, request_id=request_id,
                           asset=asset, kind=kind,
                           amount_fen=_convert.fen_from_yuan(amount, "amount"),
                           from_days=_convert.date_days(start, "start"),
                           until_days=_convert.date_days(end, "end"), payer=payer,
                           payer_party=payer_party)

    def add_beneficiary(self, beneficiary_list, party, weight=1, *, owner, by, signer=None,
                        effective=None, request_id=None) -> int:
        """Adds `party` (a household; a village for a township's list) to `owner`'s list
        `beneficiary_list` with `weight`, from the month of `effective`: it counts for the
        months of an income's period it is on the list."""
        numerator, denominator = _weight(weight, "weight")
        return self._write("beneficiary_changed", by=by, signer=signer, effective=effective,
                           request_id=request_id, owner=owner, list=beneficiary_list,
                           party=party, weight_numerator=numerator,
                           weight_denominator=denominator)

    def remove_beneficiary(self, beneficiary_list, party, *, owner, on, reason, by, signer=None,
                           effective=None, request_id=None) -> int:
        """Removes a household (or records its death) on `on`: it counts for the months of an
        income's period up to and including that month, and nothing from the month after."""
        return self._write("beneficiary_changed", by=by, signer=signer, effective=effective,
                           request_id=request_id, owner=owner, list=beneficiary_list, party=party,
                           weight_numerator=0, weight_denominator=0,
                           removed_days=_convert.date_days(on, "on"), reason=reason)

    def approve_plan(self, owner, name, plan, *, resolution=0, notice=0, decision="",
                     restricted=False, by, signer=None, effective=None, request_id=None) -> int:
        """Records the allocation plan of `owner`, approved by the procedure the policy gives
        its kind (policy()["plan_rules"]): a village collective, villager group or cooperative
        by `resolution` (adopt_resolution, subject "allocation_plan"; a cooperative's in its
        "members_assembly") published by `notice` (post_notice of that resolution), which must
        have run without an upheld objection; a township, department or platform company by its
        own `decision` (its document), recorded by the county rural-revitalisation bureau's
        actor as its consent. `plan` is the dict of taizhang.allocate, with "beneficiary_list"
        naming a list on proportional lines, "payees" naming a list on fixed lines (a post-wage
        or support line must), and "party" ids (with the "list" a household holder is on) on
        guaranteed ones. `restricted=True` makes it the owner's plan for disposal proceeds.
        The owner's latest plan of each kind is the one in force. Returns the plan's id."""
        lines = _plan_lines(plan)
        fixed = [{"line": str(f["line"]), "purpose": f["purpose"],
                  "amount_fen": _convert.fen_from_yuan(f["amount"], f"fixed[{i}].amount"),
                  "payees": f.get("payees", "")}
                 for i, f in enumerate(lines["fixed"])]
        guaranteed = []
        for i, g in enumerate(lines["guaranteed"]):
            line = {"line": str(g["line"]), "party": _whole(g["party"], f"guaranteed[{i}].party"),
                    "list": g.get("list", "")}
            if "amount" in g:
                line["amount_fen"] = _convert.fen_from_yuan(g["amount"], f"guaranteed[{i}].amount")
            elif "rate" in g and "principal" in g:
                line["rate"] = _convert.fraction_text(g["rate"], f"guaranteed[{i}].rate")
                line["principal_fen"] = _convert.fen_from_yuan(g["principal"],
                                                               f"guaranteed[{i}].principal")
            else:
                raise _core.InvalidInput(f'guaranteed[{i}].rate: give principal and rate, or an '
                                         f'amount (got "{g!r}")')
            guaranteed.append(line)
        proportional = [{"line": str(p["line"]), "purpose": p["purpose"],
                         "fraction": _convert.fraction_text(p["fraction"],
                                                            f"proportional[{i}].fraction"),
                         "beneficiary_list": p.get("beneficiary_list", "")}
                        for i, p in enumerate(lines["proportional"])]
        return self._write("plan_approved", by=by, signer=signer, effective=effective, request_id=request_id,
                           owner=owner, name=name, fixed=fixed, guaranteed=guaranteed,
                           proportional=proportional, resolution=resolution, notice=notice,
                           decision=decision, restricted=_flag(restricted, "restricted"))

    def allocate_income(self, incomes, *, owner=None, period=None, by, signer=None,
                        effective=None, request_id=None) -> int:
        """Allocates the owners' parts of `incomes` (a list of income ids): each part by its
        owner's plan in force, over the income's own earning period; only `owner`'s part if
        given. `period`, if given as (start, end), must be every income's period (a check, not
        an input). The register computes the payments (allocations()). Returns the
        allocation's id."""
        if isinstance(incomes, (str, bytes)) or not hasattr(incomes, "__iter__"):
            raise _core.InvalidInput(f'incomes: a list of income ids (got "{incomes!r}")')
        ids = [_whole(i, f"incomes[{k}]") for k, i in enumerate(incomes)]
        owner = None if owner is None else _whole(owner, "owner")
        if period is not None:
            if not isinstance(period, (tuple, list)) or len(period) != 2:
                raise _core.InvalidInput(f'period: a (start, end) pair (got "{period!r}")')
            start, end = (_convert.date_days(period[0], "period[0]"),
                          _convert.date_days(period[1], "period[1]"))
            for i in ids:
                parts = self._core.income_part_columns(i)
                if len(parts["income"]) == 0:
                    raise _core.InvalidInput(f'incomes: no income {i}')
                if (int(parts["from_days"][0]), int(parts["until_days"][0])) != (start, end):
                    shown = (f'{_dates(parts["from_days"][:1])[0]}..'
                             f'{_dates(parts["until_days"][:1])[0]}')
                    raise _core.InvalidInput(
                        f'period: "{period[0]}..{period[1]}" is not the period of income {i} '
                        f'({shown})')
        return self._write("allocation_recorded", by=by, signer=signer, effective=effective,
                           request_id=request_id, incomes=ids,
                           owner=0 if owner is None else int(owner))

    def import_sheet(self, source, *, by=1, signer=None, effective=None, keep_good_rows=False,
                     sheet=None) -> dict:
        """Registers the assets of a 台账: a .csv or .xlsx path, or rows of text cells (the
        header first; a CSV in UTF-8 or GBK; title rows above the header are skipped).
        Returns {"rows", "header_row", "ignored_columns" (headers that name no column of the
        sheet, such as 序号 or 备注), "assets" (ids), "written", "problems"}, problems a
        DataFrame of row, column, value, reason for every refused row, the register's own rules
        included; with any, nothing is written unless `keep_good_rows`."""
        from . import sheets

        rows = source if isinstance(source, list) else sheets.read_rows(source, sheet=sheet)
        report = self._core.import_sheet_rows(rows, by, self._effective_days(effective),
                                              keep_good_rows, signer)
        report["problems"] = pd.DataFrame(report["problems"],
                                          columns=["row", "column", "value", "reason"])
        return report

    def export_sheet(self, path=None):
        """The assets as a 台账 with the Chinese headers: written to `path` (.csv or .xlsx)
        if given, else returned as rows of text cells."""
        from . import sheets

        rows = self._core.export_sheet_rows()
        if path is None:
            return rows
        sheets.write_rows(path, rows)
        return None

    def allocation(self, allocation) -> pd.DataFrame:
        """The payments of a recorded allocation, part by part: the columns of allocations()."""
        return _payments(self._core.payment_columns(allocation=_whole(allocation, "allocation")),
                         self._party_names())

    def allocations(self, income=None, owner=None) -> pd.DataFrame:
        """Every payment made from owners' parts of income: `income`, `owner` (whose part) and
        `owner_name`, `owner_share`, `line`, `purpose` ("guaranteed_return" for a guarantee),
        `party` (None where the line pays no party) and `party_name`, `amount_fen`, and the
        `allocation` and `plan`; filtered by income and owner if given."""
        return _payments(self._core.payment_columns(
            income=None if income is None else _whole(income, "income"),
            owner=None if owner is None else _whole(owner, "owner")), self._party_names())

    def income_parts(self, income=None) -> pd.DataFrame:
        """The owners' parts of `income` (of every income if omitted): `owner`, `share`,
        `amount_fen`, `disposition` ("allocate" by the owner's plan, "own" for a household's or
        enterprise's part, "treasury" for a state owner's disposal proceeds), `restricted`
        (disposal proceeds), `allocation` (0 until allocated), `plan`, and the income's `start`
        and `end`."""
        columns = self._core.income_part_columns(None if income is None
                                                 else _whole(income, "income"))
        frame = pd.DataFrame({k: v for k, v in columns.items()
                              if k not in ("from_days", "until_days")})
        frame["start"] = _dates(np.asarray(columns["from_days"], dtype=np.int64))
        frame["end"] = _dates(np.asarray(columns["until_days"], dtype=np.int64))
        return frame

    # --- reads --------------------------------------------------------------------------

    def rights(self, asset, on=None) -> pd.DataFrame:
        """Who holds each right of the asset on a date (today if omitted)."""
        rows = self._core.rights(asset, self._effective_days(on, "on"))
        return pd.DataFrame(rows, columns=["right", "party", "share", "follows_owner"])

    def operation(self, asset) -> dict | None:
        return self._core.operation(asset)

    def maintenance(self, asset) -> dict | None:
        return self._core.maintenance(asset)

    def inspections(self, asset) -> pd.DataFrame:
        frame = pd.DataFrame(self._core.inspection_columns(asset))
        frame["day"] = _dates(frame.pop("day_days"))
        return frame

    def asset(self, asset) -> dict | None:
        """One asset by id (int) or code (str), as a dict; None if there is none."""
        return self._core.asset_by_code(asset) if isinstance(asset, str) else \
            self._core.asset(asset)

    def assets(self, as_of=None, *, division="", owner=None, asset_class="", status="") \
            -> pd.DataFrame:
        """One row per asset (as it stood on `as_of`, if given), filtered by division (a
        village, township or county code), owner (party id), class and status; with the
        ownership certificate's number, the project library number and the day of the latest
        stocktaking or inspection (`stocktaken_on`, NaT if none)."""
        days = None if as_of is None else _convert.date_days(as_of, "as_of")
        columns = self._core.asset_columns(division, owner, asset_class, status, days)
        for name, value in columns.items():
            if isinstance(value, tuple):  # (codes, categories): repeated text
                codes, categories = value
                columns[name] = pd.Categorical.from_codes(codes, categories=categories)
        frame = pd.DataFrame(columns)
        frame["completed"] = _dates(frame.pop("completed_days"))
        frame["registered"] = _dates(frame.pop("registered_days"))
        inspected = frame.pop("inspected_days").to_numpy(dtype=np.int64)
        frame["stocktaken_on"] = pd.Series(_dates(inspected), index=frame.index).where(
            inspected != 0)
        return frame

    def _asset_id(self, asset, name="asset") -> int:
        """An asset by id or by its code (str); NotFound for a code no asset has."""
        if isinstance(asset, str):
            found = self._core.asset_by_code(asset)
            if found is None:
                raise _core.NotFound(f'{name}: no asset with code "{asset}"')
            return found["id"]
        return _whole(asset, name)

    def _party_names(self) -> dict:
        columns = self._core.party_columns()
        return dict(zip((int(i) for i in columns["party_id"]), columns["name"]))

    def _division_names(self) -> dict:
        names = {}
        for row in self._core.division_rows():  # in order: a later version replaces
            names[row["code"]] = row["name"]
        return names

    def history(self, asset) -> pd.DataFrame:
        """Every entry about the asset (by id or code), in order: `sequence`, `effective`
        (the business date), `recorded` (when the register wrote it, UTC), `actor` and
        `actor_name`, `kind` (the entry's stable English key, "asset_registered",
        "asset_status_changed", ...; taizhang.labels_zh), `kind_zh` (its Chinese label),
        `description` (a line of text), `description_zh` (the same in Chinese) and `fields`
        (a dict of the entry's fields: amounts as integer "_fen", dates as datetime.date,
        enumerants by name)."""
        columns = self._core.history_columns(self._asset_id(asset))
        frame = pd.DataFrame({k: v for k, v in columns.items() if k != "fields"})
        frame["sequence"] = frame["sequence"].astype("uint64")
        frame["actor"] = frame["actor"].astype("uint64")
        frame["recorded"] = pd.to_datetime(frame.pop("recorded_micros").astype("int64"),
                                           unit="us", utc=True)
        frame["effective"] = _dates(frame.pop("effective_days"))
        frame["kind_zh"] = [label_zh(k) for k in frame["kind"]]
        frame["fields"] = pd.Series(columns["fields"], index=frame.index, dtype=object)
        return frame[["sequence", "effective", "recorded", "actor", "actor_name", "kind",
                      "kind_zh", "description", "description_zh", "fields"]]

    def incomes(self) -> pd.DataFrame:
        """Every income recorded (and every disposal's proceeds, kind "disposal_proceeds"), in
        order: `income_id`, `asset_id`, `asset_code`, `asset_name`, `kind` ("rent", ...),
        `start` and `end` of the period it was earned in, `amount_fen`, `payer` (as written;
        a disposal's counterparty), `payer_party` and `payer_name` (the registered party that
        paid, 0 and "" if none), `effective` (the business date), `recorded` (UTC), `actor`,
        and `parts`: each owner's part, a list of dicts owner, owner_name, share, amount_fen
        (see income_parts() for their allocation)."""
        columns = self._core.income_columns()
        names = self._party_names()
        frame = pd.DataFrame({k: v for k, v in columns.items() if k != "parts"})
        for name in ("income_id", "asset_id", "payer_party", "actor"):
            frame[name] = frame[name].astype("uint64")
        frame["amount_fen"] = frame["amount_fen"].astype("int64")
        frame["start"] = _dates(frame.pop("from_days"))
        frame["end"] = _dates(frame.pop("until_days"))
        frame["effective"] = _dates(frame.pop("effective_days"))
        frame["recorded"] = pd.to_datetime(frame.pop("recorded_micros").astype("int64"),
                                           unit="us", utc=True)
        frame["payer_name"] = [names.get(int(p), "") if p else "" for p in frame["payer_party"]]
        frame["parts"] = pd.Series(
            [[{"owner": int(owner), "owner_name": names.get(int(owner), ""), "share": share,
               "amount_fen": int(amount)} for owner, share, amount in parts]
             for parts in columns["parts"]], index=frame.index, dtype=object)
        return frame[["income_id", "asset_id", "asset_code", "asset_name", "kind", "start",
                      "end", "amount_fen", "payer", "payer_party", "payer_name", "effective",
                      "recorded", "actor", "parts"]]

    def valuation(self, as_of=None) -> pd.DataFrame:
        """Book value of every asset as of a date (today if omitted), in fen."""
        days = self._effective_days(as_of, "as_of")
        columns = self._core.valuation_columns(days)
        mask = columns.pop("has_appraisal")
        codes, categories = columns["regime"]
        columns["regime"] = pd.Categorical.from_codes(codes, categories=categories)
        frame = pd.DataFrame(columns)
        frame["appraised_fen"] = pd.array(frame["appraised_fen"].to_numpy(), dtype="Int64")
        frame.loc[~mask, "appraised_fen"] = pd.NA
        return frame

    def audit(self, as_of=None) -> pd.DataFrame:
        """Audit findings (docs/rules.md §7) as of a date (today if omitted): `rule` (its
        stable English key), `rule_zh` (its Chinese label), `asset_id`, `asset_code`,
        `asset_name`, `division` and `division_name`, `evidence` (a line of text) and
        `evidence_zh` (the same in Chinese: amounts in 元, parties as 主体 N), then the
        evidence's values, one column per name (every rule's, empty where a finding has none):
        ids and counts (owner, income, allocation, party, disposal, operator, year, days_since,
        interval_days, months_paid, months_on_list) and amounts (amount_fen, due_fen, paid_fen,
        short_fen, and funding_mismatch's sources_fen against recorded_original_fen) as Int64, dates (until, due, last_inspected,
        year_from, year_until, earned_until, contract_until, period_from, period_until,
        executed, allocated) as datetime64, texts (share, shares, asset_status, list,
        method, problem) as str. The names are the evidence's own, none an assets() column, so
        the findings merge with assets() on asset_id without clashes."""
        columns = self._core.audit_columns(self._effective_days(as_of, "as_of"))
        details = columns.pop("details")
        frame = pd.DataFrame(columns, columns=["rule", "asset_id", "asset_code", "division",
                                               "evidence", "evidence_zh"])
        frame["asset_id"] = frame["asset_id"].astype("uint64")
        frame.insert(1, "rule_zh", [label_zh(r) for r in frame["rule"]])
        asset_names = {}
        if len(frame):
            assets = self._core.asset_columns("", None, "", "", None)
            codes, names = assets["name"]
            asset_names = dict(zip((int(i) for i in assets["asset_id"]),
                                   (names[c] for c in codes)))
        frame.insert(4, "asset_name", [asset_names.get(int(a), "") for a in frame["asset_id"]])
        divisions = self._division_names()
        frame.insert(6, "division_name", [divisions.get(d, "") for d in frame["division"]])
        rows = len(frame)
        for name, kind in {**_AUDIT_DETAILS,
                           **{n: d[0] for n, d in details.items()}}.items():
            if name in details:
                _, values, present = details[name]
            else:
                values = [None] * rows if kind == "text" else np.zeros(rows, dtype=np.int64)
                present = np.zeros(rows, dtype=bool)
            frame[name] = _detail_column(kind, values, present, frame.index)
        return frame

    def summary(self) -> pd.DataFrame:
        """Counts and original values by township and class, exact."""
        return pd.DataFrame(self._core.summary_columns())

    def divisions(self) -> pd.DataFrame:
        """The division table (区划): code, name, level (county, township, village, ...),
        valid_from and valid_until (NaT while in force), one row per version of a code."""
        rows = self._core.division_rows()
        frame = pd.DataFrame(rows, columns=["code", "name", "valid_from_days", "valid_until_days"])
        frame["level"] = [_core.division_level(code) for code in frame["code"]]
        frame["valid_from"] = _dates(frame.pop("valid_from_days").to_numpy(dtype=np.int64))
        until = frame.pop("valid_until_days").to_numpy(dtype=np.int64)
        frame["valid_until"] = pd.Series(_dates(until), index=frame.index).where(until != 0)
        return frame[["code", "name", "level", "valid_from", "valid_until"]]

    def parties(self) -> pd.DataFrame:
        """Every party: id, kind, name, its division's code and name (the version in force
        now, or the latest), credit code, and a household's flags (脱贫户, 监测户, unable to
        work)."""
        frame = pd.DataFrame(self._core.party_columns())
        names = self._division_names()
        frame.insert(4, "division_name", [names.get(code, "") for code in frame["division"]])
        return frame

    # --- the ledger ---------------------------------------------------------------------

    @property
    def size(self) -> int:
        """Number of entries in the log."""
        return self._core.size

    def entry(self, sequence) -> dict:
        """Entry `sequence` of the log, of any kind: sequence, recorded_micros, effective,
        actor, request_id, approved_by (the officials whose approvals it carries), kind (its
        stable English key; taizhang.labels_zh), description, and fields (a dict of its body:
        amounts as integer "_fen", dates as datetime.date, enumerants by name). NotFound past
        the end."""
        return self._core.entry(_whole(sequence, "sequence"))

    def checkpoint(self, key, state=None) -> str:
        """Signs the head (tree and view digest) with the county's `key`. With `state`, a file
        beside the key that keeps the last note it signed: a head that does not extend it (a
        restored older copy, a fork) is refused and nothing is signed."""
        return self._core.checkpoint(key, None if state is None else str(state))

    def verify(self, trusted=None, deep=False, since=()):
        """Recomputes the log, every signature under its actor's key, and the views against
        the head's checkpoint (`deep`: rebuilds every view by replay); `since`, notes the county
        published earlier: the register must extend each."""
        if isinstance(since, (str, bytes)) or not hasattr(since, "__iter__"):
            raise _core.InvalidInput(f'since: a list of checkpoint notes (got "{since!r}")')
        notes = list(since)
        for i, note in enumerate(notes):
            if not isinstance(note, str):
                raise _core.InvalidInput(f'since[{i}]: a checkpoint note, str (got "{note!r}")')
        report = self._core.verify(trusted, _flag(deep, "deep"))
        if report.ok and notes:
            later = self._core.verify_since(notes, trusted)
            if not later.ok:
                return later
        return report


class ActorWriter:
    """Registry.as_actor(actor, signer): every write method of the Registry, as `actor` and
    signed by `signer`; anything else is the Registry's own."""

    def __init__(self, registry: Registry, actor: int, signer):
        self._registry = registry
        self._actor = actor
        self._signer = signer

    def __getattr__(self, name):
        attribute = getattr(self._registry, name)
        if not callable(attribute) or name.startswith("_"):
            return attribute
        import inspect

        parameters = inspect.signature(attribute).parameters
        if "by" not in parameters or "signer" not in parameters:
            return attribute

        def write(*args, **kwargs):
            for given in ("by", "signer"):
                if given in kwargs:
                    raise _core.InvalidInput(f"{given}: already given by as_actor "
                                             f'(got "{kwargs[given]!r}")')
            return attribute(*args, by=self._actor, signer=self._signer, **kwargs)

        write.__name__ = name
        write.__doc__ = attribute.__doc__
        return write

"""Wrong types given to the compiled core become :class:`taizhang.InvalidInput` naming the
argument, like every other refusal.

pybind11 refuses a call whose arguments do not convert with a bare ``TypeError`` ("incompatible
function arguments ...") that lists the signatures it supports. ``install`` wraps every function
and method of ``taizhang._core`` so that such a refusal names the first argument whose value
does not fit its declared type: ``sequence: give an int (got 'x')``.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from . import _core

class ArgumentTypeError(_core.InvalidInput, TypeError):
    """An argument of the wrong type: a taizhang.InvalidInput naming it, and a TypeError for
    code that catches those."""


ArgumentTypeError.__module__ = "taizhang"
ArgumentTypeError.__qualname__ = ArgumentTypeError.__name__ = "InvalidInput"

_SIGNATURE = re.compile(r"^\s*\d+\.\s*\((.*)\)\s*->.*$", re.M)
_INT64 = (-(2**63), 2**64)


def _split(text: str) -> list[str]:
    """Top-level comma-separated parts of `text` (brackets nest)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def _parameters(signature: str) -> list[tuple[str, str]]:
    """(name, type) of each parameter of a pybind11 signature line, in order."""
    out = []
    for part in _split(signature):
        if part in ("*", "/") or ":" not in part:
            continue
        name, _, rest = part.partition(":")
        out.append((name.strip(), rest.split("=")[0].strip()))
    return out


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _fits(value, kind: str) -> bool:
    """Whether pybind11 could convert `value` to the type it names `kind` (for naming the
    argument it refused: generous where unsure)."""
    inner = kind[kind.index("[") + 1:-1] if "[" in kind else ""
    if kind.startswith("Optional["):
        return value is None or _fits(value, inner)
    if kind == "int":
        return _is_int(value) or isinstance(value, bool)
    if kind == "float":
        return _is_int(value) or isinstance(value, (float, np.floating))
    if kind == "str":
        return isinstance(value, str)
    if kind == "bytes":
        return isinstance(value, bytes)
    if kind == "bool":
        return isinstance(value, (bool, np.bool_))
    if kind.startswith(("List[", "list")) or kind.startswith(("Tuple[", "tuple")):
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            return False
        if kind.startswith("List[") and not isinstance(value, (list, tuple)):
            return False
        items = list(value)
        if kind.startswith("Tuple["):
            kinds = _split(inner)
            return len(items) == len(kinds) and all(map(_fits, items, kinds))
        return not inner or all(_fits(item, inner) for item in items)
    if kind.startswith(("Dict[", "dict")):
        return isinstance(value, dict)
    if kind.startswith("Callable"):
        return callable(value)
    if kind.startswith("taizhang._core."):
        cls = getattr(_core, kind.rsplit(".", 1)[1], None)
        return value is None or cls is None or isinstance(value, cls)
    return True  # object, numpy arrays, anything else: not what was refused


def _described(kind: str) -> str:
    names = {"int": "an int", "str": "a str", "bytes": "bytes", "bool": "a bool",
             "float": "a number", "dict": "a dict"}
    if kind.startswith("Optional["):
        return _described(kind[9:-1]) + " or None"
    if kind.startswith(("List[", "list")):
        return "a list" + (f" of {kind[5:-1]}" if kind.startswith("List[") else "")
    if kind.startswith("taizhang._core."):
        return "a taizhang." + kind.rsplit(".", 1)[1]
    return names.get(kind, kind)


def _refusal(function, error: TypeError, args, kwargs) -> str | None:
    """The message naming the refused argument, or None if the TypeError is not pybind11's
    refusal of the arguments."""
    text = str(error)
    if "incompatible function arguments" not in text and \
            "incompatible constructor arguments" not in text:
        return None
    signatures = [_parameters(m.group(1)) for m in _SIGNATURE.finditer(text)]
    bound = None
    for parameters in signatures:
        if len(args) > len(parameters):
            continue
        given = dict(zip((p[0] for p in parameters), args))
        if not set(kwargs) <= {p[0] for p in parameters}:
            unknown = sorted(set(kwargs) - {p[0] for p in parameters})[0]
            return f'{unknown}: not an argument of {function.__name__} (got "{kwargs[unknown]!r}")'
        given.update(kwargs)
        bound = [(name, kind, given[name]) for name, kind in parameters if name in given]
        for name, kind, value in bound:
            if name != "self" and not _fits(value, kind):
                return f'{name}: give {_described(kind)} (got "{value!r}")'
        for name, kind, value in bound:
            if "int" in kind and _is_int(value) and not _INT64[0] <= int(value) < _INT64[1]:
                return f'{name}: out of range (got "{value!r}")'
        for name, kind, value in bound:  # a negative id where the core takes an unsigned one
            if "int" in kind and _is_int(value) and int(value) < 0:
                return f'{name}: a whole number from 0 (got "{value!r}")'
        for name, kind, value in bound:
            if value is None and kind.startswith("taizhang._core."):
                return f'{name}: give {_described(kind)} (got "None")'
    if signatures and len(args) > max(len(p) for p in signatures):
        return f"{function.__name__}: too many arguments ({len(args)} given)"
    first = text.splitlines()[0]
    return f'{function.__name__}: {first} (got "{args!r}, {kwargs!r}")'


def _wrap(function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            message = _refusal(function, error, args, kwargs)
            if message is None:
                raise
            raise ArgumentTypeError(message) from None

    call.__wrapped_core__ = function
    return call


def install() -> None:
    """Wraps the functions of taizhang._core and the methods of its classes (once)."""
    if getattr(_core, "_arguments_installed", False):
        return
    for name in dir(_core):
        value = getattr(_core, name)
        if isinstance(value, type) and not issubclass(value, BaseException):
            for attribute, member in list(vars(value).items()):
                if attribute.startswith("__") and attribute != "__init__":
                    continue
                if isinstance(member, staticmethod):
                    setattr(value, attribute, staticmethod(_wrap(member.__func__)))
                elif callable(member) and type(member).__name__ in (
                        "instancemethod", "builtin_function_or_method", "function"):
                    setattr(value, attribute, _wrap(member))
        elif callable(value) and type(value).__name__ == "builtin_function_or_method":
            setattr(_core, name, _wrap(value))
    _core._arguments_installed = True

"""The test registers' keyring: every key a test makes, and a register whose writes are signed
with the key their actor enrolled, as each official's own system would sign them.

Tests that are about signatures pass `signer=` themselves (or None, to be refused); the rest
name only `by=`, and `Signing` finds that actor's key among those enrolled through it."""

import inspect

import taizhang

_BY_PUBLIC_KEY = {}


def signer(name, n):
    """A deterministic key, remembered by its public key so an enrolment can be matched to it."""
    key = taizhang.Signer.from_seed(name, bytes([n]) + bytes(31))
    _BY_PUBLIC_KEY[bytes(key.verifier.public_key)] = key
    return key


def _public_key(value):
    return bytes(value.public_key if isinstance(value, taizhang.Verifier) else value)


class Signing:
    """`registry` with `signer=` filled in for every write from the keys of its actors: the
    registrar's (actor 1) and each one enrolled or rotated through this object."""

    def __init__(self, registry, registrar):
        self._registry = registry
        self._keys = {1: registrar}

    def key_of(self, actor):
        return self._keys[actor]

    def __getattr__(self, name):
        attribute = getattr(self._registry, name)
        if not callable(attribute) or name.startswith("_"):
            return attribute
        parameters = inspect.signature(attribute).parameters
        if "by" not in parameters or "signer" not in parameters:
            return attribute

        def write(*args, **kwargs):
            bound = inspect.signature(attribute).bind_partial(*args, **kwargs)
            if "signer" not in kwargs:
                by = kwargs.get("by", parameters["by"].default)
                kwargs["signer"] = self._keys.get(by)
            result = attribute(*args, **kwargs)
            if name in ("enrol_actor", "rotate_key"):
                key = _BY_PUBLIC_KEY.get(_public_key(bound.arguments["public_key"]))
                if key is not None:
                    self._keys[bound.arguments["actor"]] = key
            return result

        write.__name__ = name
        return write


class Clock:
    """A register clock a test moves: `Registry.create(..., clock=Clock(start))`, then
    `advance(days=11)` lets a notice run its ten days by the register's clock in no time."""

    CHINA = __import__("datetime").timezone(__import__("datetime").timedelta(hours=8))

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += __import__("datetime").timedelta(**delta)

"""taizhang: the verifiable register of poverty-alleviation project assets (扶贫项目资产台账).

The compiled core is ``taizhang._core``; this package re-exports it with Python conveniences.
Every error is a subclass of :class:`taizhang.Error`, one per kind.
"""

from . import _arguments

_arguments.install()  # wrong types given to the core: InvalidInput naming the argument

from ._core import (  # noqa: E402
    Conflict,
    Error,
    IdentityKey,
    IntegrityError,
    InvalidInput,
    Ledger,
    NotFound,
    RuleViolation,
    Signer,
    StorageError,
    Unauthorized,
    Verifier,
    VerifyReport,
    open_checkpoint,
    sign_checkpoint,
)
from . import depreciation, labels, merkle, money, sheets
from .allocation import allocate
from .labels import label_zh, labels_zh
from .money import yuan
from .registry import ActorWriter, Registry

__all__ = [
    "allocate",
    "Conflict",
    "Error",
    "IdentityKey",
    "IntegrityError",
    "InvalidInput",
    "Ledger",
    "NotFound",
    "Registry",
    "RuleViolation",
    "Signer",
    "StorageError",
    "Unauthorized",
    "Verifier",
    "VerifyReport",
    "depreciation",
    "label_zh",
    "labels",
    "labels_zh",
    "merkle",
    "money",
    "open_checkpoint",
    "sign_checkpoint",
    "yuan",
]

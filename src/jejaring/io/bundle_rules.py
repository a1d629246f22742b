"""What each column of each sheet may hold: its kind, whether it is required, its limits.

The limits are the domain's (``check_key``, ``check_name``) and the widths of the store's
columns, which PostgreSQL enforces and SQLite does not, so that a bundle valid here is stored
alike on both. A column that is not required may be left out of a sheet altogether.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.actors import ActorKind, Visibility
from jejaring.domain.cooperation import Mechanism
from jejaring.domain.customers import CustomerStatus
from jejaring.domain.resources import ResourceKind
from jejaring.domain.territories import Level

__all__ = ["KEYS", "RULES", "Rule", "choices"]


@dataclass(frozen=True)
class Rule:
    """How one column is read and checked."""

    kind: str  # key | text | choice | number | bool | date
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    minimum: str = ""  # "" | ">0" | ">=0"
    is_list: bool = False
    default: object = None


def choices(enum: type[StrEnum]) -> tuple[str, ...]:
    """The spellings of a vocabulary."""
    return tuple(member.value for member in enum)


_KEY = Rule("key", required=True, max_length=200)
_CODE = Rule("key", max_length=64)
_NAME = Rule("text", required=True, max_length=300)
_VISIBILITY = choices(Visibility)

RULES: dict[str, dict[str, Rule]] = {
    "territories": {
        "code": Rule("key", required=True, max_length=64),
        "name": Rule("text", required=True, max_length=200),
        "parent_code": _CODE,
        "level": Rule("choice", required=True, choices=choices(Level)),
        "demand": Rule("number", minimum=">=0"),
    },
    "actors": {
        "key": _KEY,
        "name": _NAME,
        "kind": Rule("choice", required=True, choices=choices(ActorKind)),
        "sectors": Rule("text", max_length=100, is_list=True),
        "home_territory": _CODE,
        "coverage": Rule("key", max_length=64, is_list=True),
        "description": Rule("text", default=""),
        "visibility": Rule("choice", choices=_VISIBILITY, default=Visibility.COMMUNITY.value),
    },
    "ties": {
        "source": _KEY,
        "target": _KEY,
        "type": Rule("key", required=True, max_length=64),
        "weight": Rule("number", minimum=">0", default=1.0),
        "directed": Rule("bool"),  # blank: as the tie type says
        "since": Rule("date"),
        "until": Rule("date"),
        "visibility": Rule("choice", choices=_VISIBILITY, default=Visibility.PRIVATE.value),
    },
    "customers": {
        "owner": _KEY,
        "key": _KEY,
        "name": _NAME,
        "status": Rule(
            "choice", choices=choices(CustomerStatus), default=CustomerStatus.CUSTOMER.value
        ),
        "email": Rule("text", max_length=320),
        "phone": Rule("text", max_length=64),
        "tax_id": Rule("text", max_length=64),
        "territory": _CODE,
        "segment": Rule("text", max_length=100),
        "value": Rule("number", minimum=">=0"),
    },
    "resources": {
        "owner": _KEY,
        "key": _KEY,
        "name": _NAME,
        "kind": Rule("choice", required=True, choices=choices(ResourceKind)),
        "capacity": Rule("number", required=True, minimum=">0"),
        "unit": Rule("text", max_length=32, default="unit"),
        "territory": _CODE,
        "cost_rate": Rule("number", minimum=">=0", default=0.0),
        "availability": Rule("text", default=""),
    },
    "cooperations": {
        "key": _KEY,
        "name": _NAME,
        "members": Rule("key", required=True, max_length=200, is_list=True),
        "mechanisms": Rule("choice", choices=choices(Mechanism), is_list=True),
        "purpose": Rule("text", default=""),
        "scope": Rule("key", max_length=64, is_list=True),
    },
}

# The columns that identify a row of each sheet: re-importing a row with the same values here
# updates the stored one.
KEYS: dict[str, tuple[str, ...]] = {
    "territories": ("code",),
    "actors": ("key",),
    "ties": ("source", "target", "type"),
    "customers": ("owner", "key"),
    "resources": ("key",),
    "cooperations": ("key",),
}

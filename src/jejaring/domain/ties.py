"""Ties between actors and their typed taxonomy (Borgatti, Mehra, Brass & Labianca 2009)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jejaring.domain.actors import Visibility, check_key, check_name
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.numbers import check_positive

__all__ = [
    "DEFAULT_TIE_TYPES",
    "Tie",
    "TieCategory",
    "TieNature",
    "TieType",
    "descendants",
]


class TieCategory(StrEnum):
    """The four families of ties in the typology."""

    SIMILARITY = "similarity"
    SOCIAL_RELATION = "social_relation"
    INTERACTION = "interaction"
    FLOW = "flow"


class TieNature(StrEnum):
    """A state lasts and is measured by strength; an event is counted by frequency."""

    STATE = "state"
    EVENT = "event"


@dataclass(frozen=True, slots=True)
class TieType:
    """A node of the tie-type taxonomy; ``parent`` is None for a category root."""

    key: str
    name: str
    category: TieCategory
    nature: TieNature
    directed: bool
    parent: str | None = None

    def __post_init__(self) -> None:
        # Keys are at most 64 characters: the width of the store's column.
        object.__setattr__(self, "key", check_key(self.key, max_length=64))
        check_name(self.name, max_length=200)
        if self.parent == self.key:
            raise InvalidValue(N_("parent: a tie type cannot be its own parent"))


def _t(
    key: str,
    category: TieCategory,
    nature: TieNature,
    directed: bool,
    parent: str | None,
    name: str,
) -> TieType:
    return TieType(key, name, category, nature, directed, parent)


_S, _R, _I, _F = (
    TieCategory.SIMILARITY,
    TieCategory.SOCIAL_RELATION,
    TieCategory.INTERACTION,
    TieCategory.FLOW,
)
_ST, _EV = TieNature.STATE, TieNature.EVENT

DEFAULT_TIE_TYPES: tuple[TieType, ...] = (
    _t("similarity", _S, _ST, False, None, "Similarity"),
    _t("co_location", _S, _ST, False, "similarity", "Same location"),
    _t("membership", _S, _ST, False, "similarity", "Co-membership"),
    _t("member_of", _S, _ST, True, "membership", "Member of (organisation or event)"),
    _t("attribute", _S, _ST, False, "similarity", "Shared attribute"),
    _t("social_relation", _R, _ST, False, None, "Social relation"),
    _t("kinship", _R, _ST, False, "social_relation", "Kinship"),
    _t("role", _R, _ST, True, "social_relation", "Other role"),
    _t("partner_of", _R, _ST, False, "role", "Partner of"),
    _t("supplier_of", _R, _ST, True, "role", "Supplier of"),
    _t("customer_of", _R, _ST, True, "role", "Customer of"),
    _t("competitor_of", _R, _ST, False, "role", "Competitor of"),
    _t("affective", _R, _ST, True, "social_relation", "Affective"),
    _t("trusts", _R, _ST, True, "affective", "Trusts"),
    _t("cognitive", _R, _ST, True, "social_relation", "Cognitive"),
    _t("knows", _R, _ST, True, "cognitive", "Knows"),
    _t("interaction", _I, _EV, False, None, "Interaction"),
    _t("met", _I, _EV, False, "interaction", "Met"),
    _t("transacted", _I, _EV, True, "interaction", "Transacted"),
    _t("joint_project", _I, _EV, False, "interaction", "Worked on a joint project"),
    _t("flow", _F, _EV, True, None, "Flow"),
    _t("information", _F, _EV, True, "flow", "Information"),
    _t("knowledge", _F, _EV, True, "flow", "Knowledge"),
    _t("resources", _F, _EV, True, "flow", "Resources"),
    _t("referral", _F, _EV, True, "flow", "Referrals"),
)


def descendants(types: Iterable[str], parents: Mapping[str, str | None]) -> set[str]:
    """Return the given tie types with all their sub-types in the taxonomy ``parents``."""
    chosen = set(types)
    children: dict[str, list[str]] = {}
    for key, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(key)
    stack = list(chosen)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in chosen:
                chosen.add(child)
                stack.append(child)
    return chosen


@dataclass(frozen=True, slots=True)
class Tie:
    """A tie of one type between two actors, valid over ``[since, until]`` when given."""

    source: str
    target: str
    type: str
    weight: float = 1.0
    directed: bool = False
    since: date | None = None
    until: date | None = None
    visibility: Visibility = Visibility.PRIVATE

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", check_key(self.source, field="source"))
        object.__setattr__(self, "target", check_key(self.target, field="target"))
        object.__setattr__(self, "type", check_key(self.type, field="type", max_length=64))
        if self.source == self.target:
            raise InvalidValue(N_("target: a tie cannot join an actor to itself"))
        check_positive(self.weight, field="weight")
        if self.since is not None and self.until is not None and self.until < self.since:
            raise InvalidValue(N_("until: must not be before since"))

    def valid_on(self, day: date) -> bool:
        """True when the tie holds on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

"""Actors: salespeople, entrepreneurs, companies and organisations that cooperate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Actor", "ActorKind", "Visibility", "check_key"]


class ActorKind(StrEnum):
    """What kind of actor this is."""

    SALESPERSON = "salesperson"
    ENTREPRENEUR = "entrepreneur"
    COMPANY = "company"
    ORGANIZATION = "organization"


class Visibility(StrEnum):
    """Who may see a tie or a profile: its own parties only, or the whole community."""

    PRIVATE = "private"
    COMMUNITY = "community"


_KEY_FORBIDDEN = set(";,\t\r\n")


def check_key(key: str, *, field: str = "key") -> str:
    """Return ``key`` stripped, or raise when it is empty or holds a list separator."""
    stripped = key.strip()
    if not stripped:
        raise InvalidValue(N_("{field}: must not be empty"), field=field)
    if _KEY_FORBIDDEN & set(stripped) or len(stripped) > 200:
        raise InvalidValue(
            N_("{field}: '{value}' must be at most 200 characters without ';', ',' or line breaks"),
            field=field,
            value=stripped,
        )
    return stripped


@dataclass(frozen=True, slots=True)
class Actor:
    """A member of the network; ``sectors`` lists the primary sector first."""

    key: str
    name: str
    kind: ActorKind
    sectors: tuple[str, ...] = ()
    home_territory: str | None = None
    coverage: tuple[str, ...] = ()
    description: str = ""
    visibility: Visibility = Visibility.COMMUNITY

    def __post_init__(self) -> None:
        check_key(self.key)
        if not self.name.strip():
            raise InvalidValue(N_("name: must not be empty"))

    @property
    def primary_sector(self) -> str | None:
        """The first sector listed, the one competitors share."""
        return self.sectors[0] if self.sectors else None

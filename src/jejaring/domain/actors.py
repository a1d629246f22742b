"""Actors: salespeople, entrepreneurs, companies and organisations that cooperate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Actor", "ActorKind", "Visibility", "check_key", "check_name", "check_text"]


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


def check_text(value: str | None, *, field: str) -> str | None:
    """Return ``value`` unless it holds a NUL character, which PostgreSQL cannot store."""
    if value is not None and "\x00" in value:
        raise InvalidValue(N_("{field}: must not contain a NUL character"), field=field)
    return value


def check_key(key: str, *, field: str = "key", max_length: int = 200) -> str:
    """Return ``key`` stripped, or raise when it is empty, too long or holds a list separator."""
    check_text(key, field=field)
    stripped = key.strip()
    if not stripped:
        raise InvalidValue(N_("{field}: must not be empty"), field=field)
    if _KEY_FORBIDDEN & set(stripped) or len(stripped) > max_length:
        raise InvalidValue(
            N_(
                "{field}: '{value}' must be at most {length} characters "
                "without ';', ',' or line breaks"
            ),
            field=field,
            value=stripped,
            length=max_length,
        )
    return stripped


def check_name(name: str, *, field: str = "name", max_length: int = 300) -> str:
    """Return ``name`` when it holds more than blanks and fits ``max_length``, else raise."""
    check_text(name, field=field)
    if not name.strip():
        raise InvalidValue(N_("{field}: must not be empty"), field=field)
    if len(name) > max_length:
        # The store's columns are this wide; PostgreSQL would refuse a longer value, SQLite not.
        raise InvalidValue(
            N_("{field}: must be at most {length} characters"), field=field, length=max_length
        )
    return name


@dataclass(frozen=True, slots=True)
class Actor:
    """A member of the network; ``sectors`` lists the primary sector first.

    The key is kept stripped, sectors without repeats, and coverage as a sorted set of codes
    (an actor covers areas, in no order), so that an actor read back equals the one saved.
    """

    key: str
    name: str
    kind: ActorKind
    sectors: tuple[str, ...] = ()
    home_territory: str | None = None
    coverage: tuple[str, ...] = ()
    description: str = ""
    visibility: Visibility = Visibility.COMMUNITY

    def __post_init__(self) -> None:
        # Frozen: normalised values are set through object.__setattr__, once, here.
        object.__setattr__(self, "key", check_key(self.key))
        check_name(self.name)
        check_text(self.description, field="description")
        for sector in self.sectors:
            check_text(sector, field="sectors")
        object.__setattr__(self, "sectors", tuple(dict.fromkeys(self.sectors)))
        object.__setattr__(self, "coverage", tuple(sorted(set(self.coverage))))

    @property
    def primary_sector(self) -> str | None:
        """The first sector listed, the one competitors share."""
        return self.sectors[0] if self.sectors else None

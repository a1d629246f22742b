"""Actor profiles."""

from __future__ import annotations

from pydantic import BaseModel

from jejaring.domain.actors import Actor, ActorKind, Visibility

__all__ = ["ActorPublic", "ActorsPublic"]


class ActorPublic(BaseModel):
    """An actor's profile as the community sees it."""

    key: str
    name: str
    kind: ActorKind
    sectors: list[str]
    home_territory: str | None
    coverage: list[str]
    description: str
    visibility: Visibility

    @classmethod
    def of(cls, a: Actor) -> ActorPublic:
        return cls(
            key=a.key,
            name=a.name,
            kind=a.kind,
            sectors=list(a.sectors),
            home_territory=a.home_territory,
            coverage=list(a.coverage),
            description=a.description,
            visibility=a.visibility,
        )


class ActorsPublic(BaseModel):
    """A page of actors; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[ActorPublic]
    next_cursor: str | None

"""Actors with their sectors and coverage."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, select

from jejaring.domain.actors import Actor, ActorKind, Visibility
from jejaring.domain.errors import N_
from jejaring.store.errors import Conflict
from jejaring.store.repositories.base import Repository, translate_errors
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    ActorSectorRow,
    ResourceRow,
    ResourceShareRow,
)

__all__ = ["ActorRepository"]


class ActorRepository(Repository):
    """Actors by key."""

    def get(self, key: str) -> Actor | None:
        """The actor with ``key``, None when there is none."""
        found = self._load(select(ActorRow).where(ActorRow.key == key))
        return found[0] if found else None

    def find(self, *, after: str | None = None, limit: int | None = None) -> list[Actor]:
        """Actors ordered by key, from after ``after``."""
        query = select(ActorRow).order_by(ActorRow.key)
        if after is not None:
            query = query.where(ActorRow.key > after)
        if limit is not None:
            query = query.limit(limit)
        return self._load(query)

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ActorRow)) or 0

    def delete(self, key: str) -> None:
        """Remove the actor with everything that is its own (ties, customers, memberships...).

        The database cascades the removal; NotFound when there is no such actor, Conflict
        while it co-owns a resource that another actor owns.
        """
        actor_id = self.actor_id(key)
        shared = self.session.scalar(
            select(ResourceRow.key)
            .join(ResourceShareRow, ResourceShareRow.resource_id == ResourceRow.id)
            .where(ResourceShareRow.actor_id == actor_id, ResourceRow.owner_id != actor_id)
            .limit(1)
        )
        if shared is not None:
            raise Conflict(
                N_("'{key}' co-owns resource '{resource}': give its share to others first"),
                key=key,
                resource=shared,
            )
        with translate_errors():
            # Its own resources first, with their shares: PostgreSQL checks the shares' key to
            # the actor before it has cascaded from the actor to its resources.
            self.session.execute(delete(ResourceRow).where(ResourceRow.owner_id == actor_id))
            self.session.execute(delete(ActorRow).where(ActorRow.id == actor_id))
        # Rows the session loaded may have gone with the cascade: forget them all.
        self.session.expire_all()

    def save(self, actor: Actor) -> None:
        """Add the actor, or replace every field of the one with the same key.

        NotFound when its home territory or a coverage code does not exist.
        """
        self.require_territories([actor.home_territory, *actor.coverage])
        row = self.session.scalar(select(ActorRow).where(ActorRow.key == actor.key))
        if row is None:
            row = ActorRow(key=actor.key)
            self.session.add(row)
        row.name, row.kind = actor.name, actor.kind.value
        row.home_territory, row.description = actor.home_territory, actor.description
        row.visibility = actor.visibility.value
        self._flush()
        self.session.execute(delete(ActorSectorRow).where(ActorSectorRow.actor_id == row.id))
        self.session.execute(delete(ActorCoverageRow).where(ActorCoverageRow.actor_id == row.id))
        self.session.add_all(
            ActorSectorRow(actor_id=row.id, position=i, sector=s)
            for i, s in enumerate(actor.sectors)
        )
        self.session.add_all(
            ActorCoverageRow(actor_id=row.id, territory_code=c) for c in actor.coverage
        )
        self._flush()

    def _load(self, query: object) -> list[Actor]:
        rows = list(self.session.scalars(query))  # type: ignore[call-overload]
        if not rows:
            return []
        ids = [r.id for r in rows]
        sectors: dict[int, list[str]] = defaultdict(list)
        coverage: dict[int, list[str]] = defaultdict(list)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            for actor_id, sector in self.session.execute(
                select(ActorSectorRow.actor_id, ActorSectorRow.sector)
                .where(ActorSectorRow.actor_id.in_(chunk))
                .order_by(ActorSectorRow.actor_id, ActorSectorRow.position)
            ):
                sectors[actor_id].append(sector)
            for actor_id, code in self.session.execute(
                select(ActorCoverageRow.actor_id, ActorCoverageRow.territory_code)
                .where(ActorCoverageRow.actor_id.in_(chunk))
                .order_by(ActorCoverageRow.actor_id, ActorCoverageRow.territory_code)
            ):
                coverage[actor_id].append(code)
        return [
            Actor(
                key=r.key,
                name=r.name,
                kind=ActorKind(r.kind),
                sectors=tuple(sectors[r.id]),
                home_territory=r.home_territory,
                coverage=tuple(coverage[r.id]),
                description=r.description,
                visibility=Visibility(r.visibility),
            )
            for r in rows
        ]

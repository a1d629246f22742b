"""What every repository shares: a session and key-to-id look-ups."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jejaring.domain.errors import N_, NotFound
from jejaring.store.tables import ActorRow, CooperationRow, ResourceRow

__all__ = ["Repository", "as_utc"]

_CHUNK = 900  # below SQLite's bound-parameter limit


class Repository:
    """Base of the repositories: holds the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _ids(self, row: Any, keys: Iterable[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            query = select(row.key, row.id).where(row.key.in_(chunk))
            found.update((key, id_) for key, id_ in self.session.execute(query))
        return found

    def actor_ids(self, keys: Iterable[str]) -> dict[str, int]:
        """Ids of the actors among ``keys`` that exist."""
        return self._ids(ActorRow, keys)

    def actor_id(self, key: str) -> int:
        """The id of actor ``key``; NotFound when there is none."""
        found = self.actor_ids([key])
        if key not in found:
            raise NotFound(N_("actor '{key}' not found"), key=key)
        return found[key]

    def cooperation_id(self, key: str) -> int:
        """The id of cooperation ``key``; NotFound when there is none."""
        found = self._ids(CooperationRow, [key])
        if key not in found:
            raise NotFound(N_("cooperation '{key}' not found"), key=key)
        return found[key]

    def resource_id(self, key: str) -> int:
        """The id of resource ``key``; NotFound when there is none."""
        found = self._ids(ResourceRow, [key])
        if key not in found:
            raise NotFound(N_("resource '{key}' not found"), key=key)
        return found[key]

    def actor_keys(self, ids: Iterable[int]) -> dict[int, str]:
        """Keys of the actors with ``ids``."""
        wanted = list(dict.fromkeys(ids))
        found: dict[int, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            query = select(ActorRow.id, ActorRow.key).where(ActorRow.id.in_(chunk))
            found.update((id_, key) for id_, key in self.session.execute(query))
        return found


def as_utc(value: datetime) -> datetime:
    """Datetimes come back naive from SQLite; every stored datetime is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

"""What every repository shares: a session, key-to-id look-ups and error translation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.exc import DataError, IntegrityError, InternalError, OperationalError
from sqlalchemy.orm import Session

from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.store.errors import Conflict, StoreError
from jejaring.store.tables import ActorRow, CooperationRow, ResourceRow, TerritoryRow, UserRow

__all__ = ["PARAMETERS", "Repository", "as_utc", "translate_errors"]

PARAMETERS = 900  # bound parameters per statement at most, below SQLite's oldest limit


def _first_line(error: Exception) -> str:
    orig = getattr(error, "orig", None) or error
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's integrity, data and connection errors into the store's own."""
    try:
        yield
    except IntegrityError as error:
        raise Conflict(
            N_("the change conflicts with stored data: {detail}"), detail=_first_line(error)
        ) from error
    except DataError as error:
        # PostgreSQL checks widths and ranges that SQLite does not; say which value, not how.
        raise InvalidValue(
            N_("the database refused a value: {detail}"), detail=_first_line(error)
        ) from error
    except (OperationalError, InternalError) as error:
        raise StoreError(
            N_("the database refused the operation: {detail}"), detail=_first_line(error)
        ) from error


@cache
def _ids_of(key: Any, id_: Any) -> Select[Any]:
    # Built once: building the statement cost as much as running it (113 against 59 µs).
    return select(key, id_).where(key.in_(bindparam("keys", expanding=True)))


class Repository:
    """Base of the repositories: holds the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _flush(self) -> None:
        # Repositories flush to learn ids and to meet constraints where the caller wrote, so
        # the error a constraint raises must be the store's own there too.
        with translate_errors():
            self.session.flush()

    def _ids(self, row: Any, keys: Iterable[str]) -> dict[str, int]:
        return self._ids_by(row.key, row.id, keys)

    def _ids_by(self, key: Any, id_: Any, keys: Iterable[str]) -> dict[str, int]:
        """``id_`` under each of ``keys`` found in column ``key``."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), PARAMETERS):
            chunk = wanted[i : i + PARAMETERS]
            # A Result has keys(), so dict.update would take it for a mapping: unpack rows.
            rows = self.session.execute(_ids_of(key, id_), {"keys": chunk})
            found.update((k, i_) for k, i_ in rows)
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

    def user_ids(self, emails: Iterable[str]) -> dict[str, int]:
        """Ids of the users among ``emails`` (any case) that exist, under each as given."""
        wanted = {email: email.casefold() for email in emails}
        found = self._ids_by(UserRow.email, UserRow.id, wanted.values())
        return {email: found[f] for email, f in wanted.items() if f in found}

    def user_id(self, email: str) -> int:
        """The id of the user with ``email`` (any case); NotFound when there is none."""
        found = self.session.scalar(select(UserRow.id).where(UserRow.email == email.casefold()))
        if found is None:
            raise NotFound(N_("user '{email}' not found"), email=email)
        return found

    def require_territories(self, codes: Iterable[str | None]) -> None:
        """Raise NotFound naming the first of ``codes`` (None skipped) that does not exist."""
        wanted = list(dict.fromkeys(c for c in codes if c is not None))
        found: set[str] = set()
        for i in range(0, len(wanted), PARAMETERS):
            chunk = wanted[i : i + PARAMETERS]
            query = select(TerritoryRow.code).where(TerritoryRow.code.in_(chunk))
            found.update(self.session.scalars(query))
        for code in wanted:
            if code not in found:
                raise NotFound(N_("territory '{code}' not found"), code=code)

    def actor_keys(self, ids: Iterable[int]) -> dict[int, str]:
        """Keys of the actors with ``ids``."""
        wanted = list(dict.fromkeys(ids))
        found: dict[int, str] = {}
        for i in range(0, len(wanted), PARAMETERS):
            chunk = wanted[i : i + PARAMETERS]
            rows = self.session.execute(
                select(ActorRow.id, ActorRow.key).where(ActorRow.id.in_(chunk))
            )
            found.update((id_, key) for id_, key in rows)
        return found


def as_utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime; a naive one is taken to be UTC already.

    Used both ways: on writes, because SQLite keeps a datetime's wall-clock digits and drops
    its offset (so 09:00+07:00 must be stored as 02:00), and because PostgreSQL reads a naive
    value in the server's time zone; on reads, because SQLite gives naive values back.
    """
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

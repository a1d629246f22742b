"""Reading the ties around a few actors (a requester and its introducers), by indexed ids.

The ties repository's ``find(actor=...)`` matches either end by key, which the databases
answer with a scan of every tie; a search for introductions needs only the ties of a handful
of actors, found here through the indexes on either end.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from jejaring.domain.actors import Visibility
from jejaring.domain.ties import Tie
from jejaring.store.repositories.base import PARAMETERS
from jejaring.store.tables import ActorRow, TieRow

__all__ = ["read_ties_touching"]


def read_ties_touching(session: Session, actors: Collection[str]) -> list[Tie]:
    """Every tie with ``actors`` (keys; unknown ones ignored) at either end, each once."""
    ids = [
        id_
        for (id_,) in session.execute(
            select(ActorRow.id).where(ActorRow.key.in_(sorted(set(actors))))
        )
    ]
    source, target, t = aliased(ActorRow), aliased(ActorRow), TieRow
    base = (
        select(t, source.key, target.key)
        .join(source, source.id == t.source_id)
        .join(target, target.id == t.target_id)
    )
    found: dict[int, Tie] = {}
    for i in range(0, len(ids), PARAMETERS):
        chunk = ids[i : i + PARAMETERS]
        for side in (t.source_id, t.target_id):  # two indexed look-ups, not one OR
            for row, s, e in session.execute(base.where(side.in_(chunk))):
                found[row.id] = Tie(
                    s, e, row.type, row.weight, row.directed, row.since, row.until,
                    Visibility(row.visibility),
                )  # fmt: skip
    return [found[k] for k in sorted(found)]

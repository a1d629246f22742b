"""What an import asks the database while it validates: which territories, actors and tie
types exist. It answers :class:`jejaring.io.bundle_refs.Lookup` (by shape: ``store`` and ``io``
do not know each other).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of
from jejaring.store.bulk_query import key_ids, select_in
from jejaring.store.tables import ActorRow, TerritoryRow, TieTypeRow

__all__ = ["StoreLookup"]


class StoreLookup:
    """Look-ups in the unit of work's session, a chunk of keys at a time."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def territory_levels(self, codes: Sequence[str]) -> dict[str, str]:
        wanted = pl.Series(list(codes), dtype=pl.String)
        rows = select_in(self.session, table_of(TerritoryRow), ("code", "level"), "code", wanted)
        return dict(rows)

    def actor_keys(self, keys: Sequence[str]) -> set[str]:
        found = key_ids(self.session, table_of(ActorRow), pl.Series(list(keys), dtype=pl.String))
        return set(found["key"].to_list())

    def tie_types(self) -> dict[str, bool]:
        rows = self.session.execute(select(TieTypeRow.key, TieTypeRow.directed))
        return {key: bool(directed) for key, directed in rows}

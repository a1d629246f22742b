"""Initialising a database: schema, the tie-type taxonomy and the default territories."""

from __future__ import annotations

from dataclasses import dataclass

from jejaring.domain.ties import DEFAULT_TIE_TYPES
from jejaring.io.territories import indonesia
from jejaring.services.bootstrap import Context
from jejaring.store import schema
from jejaring.store.bulk import table_of, upsert
from jejaring.store.tables import TerritoryRow

__all__ = ["InitReport", "initialise"]


@dataclass(frozen=True)
class InitReport:
    """What ``initialise`` did."""

    revision_before: str | None
    revision_after: str | None
    territories: int
    tie_types: int


def initialise(ctx: Context, *, with_villages: bool = False) -> InitReport:
    """Create or upgrade the schema, then add or refresh the taxonomy and Indonesia's areas."""
    before = schema.current_revision(ctx.engine)
    schema.upgrade(ctx.engine)
    with ctx.uow() as uow:
        uow.tie_types.upsert(DEFAULT_TIE_TYPES)
        # Only name and parent are refreshed: demand is the community's own figure.
        upsert(
            uow.session,
            table_of(TerritoryRow),
            (
                {
                    "code": t.code,
                    "name": t.name,
                    "level": t.level.value,
                    "parent_code": t.parent_code,
                }
                for t in indonesia(with_villages=with_villages)
            ),
            keys=["code"],
        )
        uow.commit()
        territories, tie_types = uow.territories.count(), len(uow.tie_types.find())
    return InitReport(before, schema.current_revision(ctx.engine), territories, tie_types)

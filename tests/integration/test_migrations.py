"""The committed Alembic revisions describe exactly the tables' metadata."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from jejaring.store.schema import include_object
from jejaring.store.tables import metadata


def test_migrations_match_the_tables(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    try:
        with ctx.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_object": include_object}),
                metadata,
            )
        assert diff == []
    finally:
        ctx.close()

"""Alembic environment: fed by the same metadata as the tables, run on the caller's connection."""

from __future__ import annotations

from alembic import context

from jejaring.store.schema import include_object
from jejaring.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()

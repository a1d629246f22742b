"""Creating and upgrading the schema with the Alembic revisions shipped in the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from jejaring.store.changes import UNTRACKED

__all__ = [
    "SEARCH_OBJECTS",
    "current_revision",
    "head_revision",
    "include_object",
    "revision",
    "upgrade",
]

_MIGRATIONS = Path(__file__).with_name("migrations")
# Full-text search lives outside the tables' metadata, one form per dialect (revision 0006):
# SQLite's FTS5 table (with its shadow tables post_search_*), PostgreSQL's GIN index.
SEARCH_OBJECTS = ("post_search", "ix_post_search")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: leave the dialect's full-text search objects out of comparisons."""
    return not (name is not None and (name in SEARCH_OBJECTS or name.startswith("post_search_")))


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@cache
def head_revision() -> str | None:
    """The newest revision shipped with this version of Jejaring (read once per process)."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, None when it was never initialised."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create the schema, or bring it up to the newest revision, in one transaction."""
    config = _config()
    with engine.begin() as connection:
        # Not counted: the counters may not exist yet, and servers restart after an upgrade.
        connection.execution_options(**{UNTRACKED: True})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def revision(message: str) -> None:
    """Autogenerate a new revision from the tables (for developers; review it, then commit)."""
    import tempfile

    from jejaring.store.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/head.db")
        upgrade(engine)
        config = _config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            number = len(list(ScriptDirectory.from_config(config).walk_revisions())) + 1
            command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}")
        engine.dispose()

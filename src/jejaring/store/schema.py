"""Creating and upgrading the schema with the Alembic revisions shipped in the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["current_revision", "head_revision", "revision", "upgrade"]

_MIGRATIONS = Path(__file__).with_name("migrations")


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

"""Fixtures shared by every test: databases on SQLite and PostgreSQL, initialised once.

Each test gets a database of its own, cloned from a template that ``initialise`` prepared
(SQLite: a file copy; PostgreSQL: CREATE DATABASE ... TEMPLATE). Tests may commit freely, kill
processes mid-transaction or run writers in parallel, and still never see each other's data.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from jejaring.config import Settings
from jejaring.i18n import set_locale
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.setup import initialise
from tests.support.postgres import TemporaryPostgres

BACKENDS = ["sqlite", "postgresql"]
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages in English unless a test asks for Bahasa Indonesia."""
    set_locale("en")
    yield
    set_locale("en")


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    with TemporaryPostgres() as server:
        yield server


def _prepare(url: str) -> None:
    ctx = bootstrap(Settings(database_url=url))
    try:
        initialise(ctx)
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    _prepare(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres: TemporaryPostgres) -> str:
    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE jejaring_template")
    _prepare(postgres.url("jejaring_template"))
    return "jejaring_template"


def _fresh_postgres(postgres: TemporaryPostgres, template: str | None) -> str:
    name = f"test_{os.getpid()}_{next(_counter)}"
    clause = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}{clause}")
    return postgres.url(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database, initialised with the schema, tie types and territories (no villages)."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "jejaring.db"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    server: TemporaryPostgres = request.getfixturevalue("postgres")
    return _fresh_postgres(server, request.getfixturevalue("postgres_template"))


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database nobody has initialised."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return _fresh_postgres(request.getfixturevalue("postgres"), None)


@pytest.fixture
def ctx(db_url: str) -> Iterator[Context]:
    context = bootstrap(Settings(database_url=db_url))
    yield context
    context.close()

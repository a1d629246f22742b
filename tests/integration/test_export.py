"""An export imports back to the same data: import, export, import into a fresh database,
export again; the files are the same, and so is what the repositories read."""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from jejaring.config import Settings
from jejaring.domain.actors import Visibility
from jejaring.domain.cooperation import Cooperation, CooperationStatus, Mechanism
from jejaring.domain.resources import Resource, ResourceKind
from jejaring.io.bundle_read import read_bundle
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.exports import export_bundle, export_path
from jejaring.services.imports import import_bundle, import_path
from tests.support.bundles import SHEETS, bundle
from tests.support.postgres import TemporaryPostgres

Fresh = Callable[[], Context]


@pytest.fixture
def fresh(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Fresh]:
    """Another initialised database of the same backend, as many as a test asks for."""
    made: list[Context] = []

    def make() -> Context:
        if backend == "sqlite":
            template: Path = request.getfixturevalue("sqlite_template")
            path = tmp_path / f"fresh{len(made)}.db"
            shutil.copyfile(template, path)
            url = f"sqlite:///{path}"
        else:
            server: TemporaryPostgres = request.getfixturevalue("postgres")
            name = f"fresh_{abs(hash(tmp_path)) % 10**8}_{len(made)}"
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name} TEMPLATE jejaring_template")
            url = server.url(name)
        made.append(bootstrap(Settings(database_url=url)))
        return made[-1]

    yield make
    for ctx in made:
        ctx.close()


def _seed(ctx: Context) -> None:
    """The sample bundle, plus what only the application writes (and an export must keep)."""
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    with ctx.uow() as uow:
        actor = uow.actors.get("cv-tiga")
        assert actor is not None
        uow.actors.save(
            type(actor)(actor.key, actor.name, actor.kind, visibility=Visibility.PRIVATE)
        )
        uow.resources.save(
            Resource("ruang-1", "cv-tiga", "Showroom", ResourceKind.SHOWROOM, 1, availability="Mon")
        )
        coop = uow.cooperations.get("koperasi")
        assert coop is not None
        uow.cooperations.save(
            Cooperation(
                coop.key, coop.name, coop.purpose, coop.status, ("32", "33"), coop.mechanisms
            )
        )
        # A proposal is the cooperation's workflow, not yet community structure: not exported.
        uow.cooperations.save(
            Cooperation(
                "usulan",
                "Usulan",
                status=CooperationStatus.PROPOSED,
                mechanisms=(Mechanism.INFORMATION_SHARING,),
            )
        )
        uow.commit()


def _read(ctx: Context) -> dict[str, Any]:
    with ctx.uow() as uow:
        actors = uow.actors.find()
        active = [c for c in uow.cooperations.find() if c.status is CooperationStatus.ACTIVE]
        return {
            "actors": actors,
            "ties": uow.ties.find(),
            "customers": [uow.customers.find_for(a.key) for a in actors],
            "resources": uow.resources.find(),
            "cooperations": active,
            "members": [uow.cooperations.memberships(c.key) for c in active],
            "policies": [uow.cooperations.policies(c.key) for c in active],
            "territories": [uow.territories.get(c) for c in ("32.04", "X.1", "32", "33")],
        }


def test_export_then_import_elsewhere_gives_the_same_files_and_data(
    ctx: Context, fresh: Fresh, tmp_path: Path
) -> None:
    _seed(ctx)
    first, second = tmp_path / "first", tmp_path / "second"
    report = export_path(ctx, first)
    assert report.rows == {
        "territories": 2,  # the two the bundle added or gave a demand; not the shipped 7,838
        "actors": 3,
        "ties": 2,
        "customers": 3,
        "resources": 3,
        "cooperations": 1,
    }
    other = fresh()
    assert import_path(other, first).errors == []
    export_path(other, second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all(filecmp.cmp(first / n, second / n, shallow=False) for n in names)
    assert _read(other) == _read(ctx)


@pytest.mark.parametrize("suffix", [".zip", ".xlsx"])
def test_an_archive_or_workbook_export_imports_back(
    ctx: Context, fresh: Fresh, tmp_path: Path, suffix: str
) -> None:
    _seed(ctx)
    path = tmp_path / f"bundle{suffix}"
    export_path(ctx, path)
    other = fresh()
    assert import_path(other, path).errors == []
    assert _read(other) == _read(ctx)
    again = export_bundle(other)
    read = read_bundle(path)
    assert {n: f.rows() for n, f in again.sheets.items()} == {
        n: f.rows() for n, f in read.sheets.items()
    }


def test_an_empty_community_exports_header_only_sheets_that_import(
    ctx: Context, fresh: Fresh, tmp_path: Path
) -> None:
    export_path(ctx, tmp_path / "empty")
    assert (tmp_path / "empty" / "actors.csv").read_text().startswith("key,name,kind,")
    report = import_path(fresh(), tmp_path / "empty")
    assert report.errors == [] and set(report.written.values()) == {0}

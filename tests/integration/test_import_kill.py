"""Killing ``jejaring import`` while it writes leaves the database exactly as it was.

The import runs as a real process on a bundle large enough to take seconds; once it reports
rows written, it gets SIGKILL (no clean-up can run). The database, read afresh, must hold the
same rows and the same schema as before, and take the same import afterwards.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from jejaring.services.imports import import_path
from jejaring.store.tables import metadata
from tests.support.bundles import write_customers

ROWS = 400_000
_WRITTEN = re.compile(r"^customers: ([\d,]+) of ([\d,]+) rows$")


def _content(url: str) -> dict[str, Any]:
    """Every row of every table, and the indexes and foreign keys of each."""
    ctx = bootstrap(Settings(database_url=url))
    try:
        found: dict[str, Any] = {}
        with ctx.engine.connect() as connection:
            # One connection for all: SQLite lets one writer-to-be in at a time.
            inspector = inspect(connection)
            for table in metadata.sorted_tables:
                rows = connection.execute(text(f'SELECT * FROM "{table.name}"')).all()
                found[table.name] = sorted(tuple(map(repr, row)) for row in rows)
                found[f"{table.name} indexes"] = sorted(
                    i["name"] or "" for i in inspector.get_indexes(table.name)
                )
                found[f"{table.name} keys"] = sorted(
                    f["name"] or "" for f in inspector.get_foreign_keys(table.name)
                )
        return found
    finally:
        ctx.close()


@pytest.mark.slow
def test_a_killed_import_leaves_the_database_as_it_was(db_url: str, tmp_path: Path) -> None:
    folder = write_customers(tmp_path / "big", ROWS, owners=400)
    before = _content(db_url)
    assert before["customer"] == []
    told = ""
    with subprocess.Popen(
        [sys.executable, "-m", "jejaring", "import", str(folder), "--db", db_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "JEJARING_LOCALE": "en"},
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            match = _WRITTEN.match(line)
            if match and match.group(1) != match.group(2):
                told = line
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=120)
    assert told, "the import never reported writing customers"
    assert process.returncode == -signal.SIGKILL, f"the import ended by itself after {told}"
    assert _content(db_url) == before
    # Nothing is left locked or half-done: the same bundle imports in full afterwards.
    ctx = bootstrap(Settings(database_url=db_url))
    try:
        report = import_path(ctx, folder)
        assert report.errors == [] and report.new["customers"] == ROWS
    finally:
        ctx.close()

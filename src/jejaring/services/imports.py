"""Importing a bundle: validate every row, then write every sheet in one transaction.

Nothing is written unless the whole bundle is valid, and an import that fails or is killed
half-way leaves the database as it was: the unit of work commits once, at the end, and only
when no row has a problem. A dry run does the same work and rolls it back, so its counts are
exact.

The row checks are Polars' work and need no database, so they run in a second thread while
the rows are written: on two cores the checking then costs no time. Should they find a
problem, the transaction is rolled back, whatever the writing did meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jejaring.domain.capacity import peak
from jejaring.domain.errors import N_
from jejaring.domain.resources import Booking
from jejaring.io.bundle_checks import LINE
from jejaring.io.bundle_errors import BundleUnreadable, RowError
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_read import read_bundle
from jejaring.io.bundle_validate import Prepared, prepare
from jejaring.services.bookings import EPSILON
from jejaring.services.bootstrap import Context
from jejaring.store.bulk_load import Loaded, bulk_mode, driver_errors
from jejaring.store.bulk_lookup import StoreLookup
from jejaring.store.bulk_sheets import write_sheet
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["ImportReport", "Progress", "import_bundle", "import_path"]

Progress = Callable[[str, int, int], None]  # sheet, rows done, rows in the sheet


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did: problems (then nothing was written) or rows per sheet."""

    errors: list[RowError]
    written: dict[str, int]
    dry_run: bool
    new: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _write(uow: UnitOfWork, prepared: Prepared, progress: Progress | None) -> dict[str, Loaded]:
    loaded: dict[str, Loaded] = {}
    present = prepared.present
    with bulk_mode(uow.session):
        for name, frame in prepared.typed().items():

            def report(done: int, total: int, name: str = name) -> None:
                if progress is not None:
                    progress(name, done, total)

            loaded[name] = write_sheet(uow.session, name, frame, present[name], report)
    return loaded


def import_bundle(
    ctx: Context,
    bundle: Bundle,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate ``bundle`` and, when every row is valid, write it (unless ``dry_run``)."""
    with ctx.uow() as uow:
        with driver_errors():
            prepared = prepare(bundle, StoreLookup(uow.session))
        if prepared.structure:
            return ImportReport(prepared.problems(), {}, dry_run)
        with ThreadPoolExecutor(1, thread_name_prefix="bundle-checks") as pool:
            checking = pool.submit(prepared.problems)
            try:
                loaded, failure = _write(uow, prepared, progress), None
            except Exception as error:  # decided below, once the checks are in
                loaded, failure = {}, error
            errors = checking.result()
        if errors:
            # Writing rows that turn out invalid may fail too: the problems are the answer.
            return ImportReport(errors, {}, dry_run)
        if failure is not None:
            raise failure
        errors = _below_bookings(uow, prepared)
        if errors:
            return ImportReport(errors, {}, dry_run)
        if dry_run:
            uow.rollback()
        else:
            uow.commit()
    return ImportReport(
        [],
        {name: frame.height for name, frame in prepared.frames.items()},
        dry_run,
        {name: result.new for name, result in loaded.items()},
        {name: result.updated for name, result in loaded.items()},
    )


def _below_bookings(uow: UnitOfWork, prepared: Prepared) -> list[RowError]:
    """Resources whose new capacity is less than their confirmed bookings already hold.

    Runs after the rows are written: the written resource rows stay locked (PostgreSQL) or the
    database's writer is this transaction (SQLite) until the end, so no booking can be
    confirmed between this check and the commit.
    """
    frame = prepared.frames.get("resources")
    if frame is None or "capacity" not in frame.columns:
        return []
    rows = {key: (line, float(capacity)) for line, key, capacity in frame.select(
        LINE, "key", "capacity").iter_rows() if capacity is not None}  # fmt: skip
    held: dict[str, list[Booking]] = {}
    for b in uow.bookings.confirmed():
        if b.resource in rows:
            held.setdefault(b.resource, []).append(b)
    errors = []
    template = N_(
        "{capacity} is less than the {booked} that confirmed bookings of resource '{key}' "
        "hold from {start}: cancel bookings first"
    )
    for key, bookings in sorted(held.items()):
        line, capacity = rows[key]
        most = peak(bookings)
        if most is not None and capacity < most.used - EPSILON:
            values = {"capacity": capacity, "booked": most.used, "key": key}
            values["start"] = most.start.isoformat()
            source = prepared.sources["resources"]
            errors.append(RowError(source, line, "capacity", template, values))
    return errors


def import_path(
    ctx: Context, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Read the bundle at ``path`` (folder, ``.xlsx`` or ``.zip``) and import it."""
    try:
        bundle = read_bundle(path)
    except BundleUnreadable as error:
        return ImportReport(error.errors, {}, dry_run)
    return import_bundle(ctx, bundle, dry_run=dry_run, progress=progress)

"""Importing a bundle: validate every row, then write every sheet in one transaction.

Nothing is written unless the whole bundle is valid, and an import that fails or is killed
half-way leaves the database as it was: the unit of work commits once, at the end. A dry run
does the same work and rolls it back, so its counts are exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jejaring.io.bundle_errors import BundleUnreadable, RowError
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_read import read_bundle
from jejaring.io.bundle_validate import validate
from jejaring.services.bootstrap import Context
from jejaring.store.bulk_load import bulk_mode
from jejaring.store.bulk_lookup import StoreLookup
from jejaring.store.bulk_sheets import write_sheet

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


def import_bundle(
    ctx: Context,
    bundle: Bundle,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate ``bundle`` and, when every row is valid, write it (unless ``dry_run``)."""
    with ctx.uow() as uow:
        checked = validate(bundle, StoreLookup(uow.session))
        if checked.errors:
            return ImportReport(checked.errors, {}, dry_run)
        new: dict[str, int] = {}
        updated: dict[str, int] = {}
        with bulk_mode(uow.session):
            for name, frame in checked.frames.items():

                def report(done: int, total: int, name: str = name) -> None:
                    if progress is not None:
                        progress(name, done, total)

                loaded = write_sheet(uow.session, name, frame, checked.present[name], report)
                new[name], updated[name] = loaded.new, loaded.updated
        if dry_run:
            uow.rollback()
        else:
            uow.commit()
    return ImportReport([], checked.rows, dry_run, new, updated)


def import_path(
    ctx: Context, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Read the bundle at ``path`` (folder, ``.xlsx`` or ``.zip``) and import it."""
    try:
        bundle = read_bundle(path)
    except BundleUnreadable as error:
        return ImportReport(error.errors, {}, dry_run)
    return import_bundle(ctx, bundle, dry_run=dry_run, progress=progress)

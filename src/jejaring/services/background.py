"""Use cases that run as jobs: importing an uploaded bundle or capability answers, and
analysing a layer.

Each checks who may start it before anything is queued, so that a refusal is the request's
answer; the work itself runs later on the job runner (:mod:`jejaring.services.jobs`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.analyses import Layer, Scope
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.jobs import Job, JobKind
from jejaring.io.bundle_errors import RowError
from jejaring.services.access import Operation, principal, require
from jejaring.services.analyses import analyse
from jejaring.services.assessments import import_assessments
from jejaring.services.bootstrap import Context
from jejaring.services.imports import import_path
from jejaring.services.jobs import JobRunner

__all__ = ["BUNDLE_SUFFIXES", "start_analysis", "start_assessment_import", "start_import"]

BUNDLE_SUFFIXES = (".zip", ".xlsx")


def _row_errors(errors: list[RowError]) -> list[dict[str, Any]]:
    # Kept as templates: each reader of the job reads them in its own language.
    return [
        {"file": e.file, "line": e.line, "column": e.column, "template": e.template,
         "params": e.params}
        for e in errors
    ]  # fmt: skip


def _submit_upload(
    ctx: Context,
    runner: JobRunner,
    user: User,
    kind: JobKind,
    data: bytes,
    name: str,
    read: Callable[[Path], dict[str, Any]],
) -> Job:
    """Queue ``read`` of ``data`` saved as the file ``name`` in a private folder, which goes
    once the job is done (or at once, when it cannot be queued)."""
    if not data:
        raise InvalidValue(N_("body: the upload is empty"))
    folder = Path(tempfile.mkdtemp(prefix="jejaring-upload-"))
    path = folder / name
    path.write_bytes(data)

    def work() -> dict[str, Any]:
        try:
            return read(path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    try:
        return runner.submit(ctx, user, kind, work)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _may(ctx: Context, user: User, op: Operation) -> None:
    with ctx.reader() as uow:
        require(principal(uow, user), op)


def start_import(
    ctx: Context, runner: JobRunner, user: User, data: bytes, suffix: str, *, dry_run: bool
) -> Job:
    """Queue the import of a bundle uploaded as ``data`` (a ``.zip`` or an ``.xlsx``).

    The job's result is the import's report: rows written per sheet, or every bad row.
    """
    _may(ctx, user, Operation.IMPORT)
    if suffix not in BUNDLE_SUFFIXES:
        raise InvalidValue(
            N_("body: upload a bundle as a .zip of CSV files or an .xlsx workbook, not '{kind}'"),
            kind=suffix or "?",
        )

    def read(path: Path) -> dict[str, Any]:
        report = import_path(ctx, path, dry_run=dry_run)
        return {
            "dry_run": report.dry_run,
            "written": report.written,
            "new": report.new,
            "updated": report.updated,
            "errors": _row_errors(report.errors),
        }

    return _submit_upload(ctx, runner, user, JobKind.IMPORT, data, f"bundle{suffix}", read)


def start_assessment_import(
    ctx: Context,
    runner: JobRunner,
    user: User,
    data: bytes,
    *,
    version: str | None = None,
    dry_run: bool = False,
) -> Job:
    """Queue the import of capability answers sent as CSV (``docs/capability.md``).

    The job's result: answers written, actors, the instrument version, or every bad row.
    """
    _may(ctx, user, Operation.ASSESS_IMPORT)

    def read(path: Path) -> dict[str, Any]:
        report = import_assessments(ctx, path, version=version, dry_run=dry_run)
        return {
            "dry_run": report.dry_run,
            "written": report.written,
            "actors": report.actors,
            "version": report.version,
            "errors": _row_errors(report.errors),
        }

    return _submit_upload(ctx, runner, user, JobKind.ASSESSMENTS, data, "answers.csv", read)


def start_analysis(
    ctx: Context,
    runner: JobRunner,
    user: User,
    layer: Layer,
    *,
    key: str | None = None,
    seed: int = 0,
) -> Job:
    """Queue the measurement of ``layer``; the job's result names the stored analysis."""
    _may(ctx, user, Operation.ANALYSE)
    if layer.scope is Scope.ALL:
        _may(ctx, user, Operation.ANALYSE_PRIVATE)

    def work() -> dict[str, Any]:
        a = analyse(ctx, layer, key=key, seed=seed).analysis
        return {"analysis": a.key, "actors": a.actors, "ties": a.ties}

    return runner.submit(ctx, user, JobKind.ANALYSIS, work)

"""Use cases: import capability answers from CSV (all or nothing) and export them for SPSS/R.

An import checks every cell (``io.assessment_csv``), then that every actor exists and that no
respondent's answers of that day are stored already; each problem is reported by line and
column, and nothing is written unless every row is valid. The rows are written in one
transaction. An export holds the answers, so it has the visibility of answers: the operator
exports every actor, a user only the actors it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from jejaring.domain.accounts import User
from jejaring.domain.capability_rounds import round_of
from jejaring.domain.capability_scores import respondent_scores
from jejaring.domain.errors import N_
from jejaring.io.assessment_csv import read_answers, write_answers
from jejaring.io.bundle_errors import RowError
from jejaring.io.instruments import current_instrument, instrument
from jejaring.services.bootstrap import Context
from jejaring.services.capability import own_actors

__all__ = ["AssessmentImport", "export_assessments", "import_assessments"]


@dataclass(frozen=True)
class AssessmentImport:
    """Problems found (then nothing was written), or the rows and actors written."""

    errors: list[RowError]
    written: int
    actors: int
    version: str
    dry_run: bool


def import_assessments(
    ctx: Context, path: Path, *, version: str | None = None, dry_run: bool = False
) -> AssessmentImport:
    """Import the answers in ``path``, given under ``version`` (default the current one)."""
    inst = instrument(version) if version is not None else current_instrument()
    source = path.name
    parsed = read_answers(path.read_bytes(), source, inst)
    errors = list(parsed.errors)
    with ctx.uow() as uow:
        keys = {a.actor for _line, a in parsed.rows}
        known = set(uow.assessments.actor_ids(keys))
        stored = uow.assessments.stored_keys(keys & known, inst.version)
        for line, a in parsed.rows:
            if a.actor not in known:
                errors.append(
                    RowError(
                        source,
                        line,
                        "actor",
                        N_("actor '{value}' is not in the database"),
                        {"value": a.actor},
                    )
                )
            elif (a.actor, a.respondent, a.taken_at) in stored:
                errors.append(
                    RowError(
                        source,
                        line,
                        "respondent",
                        N_("'{value}' answered for {actor} on {date} already (stored)"),
                        {"value": a.respondent, "actor": a.actor, "date": a.taken_at.isoformat()},
                    )
                )
        errors.sort(key=lambda e: (e.line or 0, e.column))
        if errors:
            return AssessmentImport(errors, 0, 0, inst.version, dry_run)
        for _line, a in parsed.rows:
            uow.assessments.add(a)
        if dry_run:
            uow.rollback()
        else:
            uow.commit()
    return AssessmentImport([], len(parsed.rows), len(keys), inst.version, dry_run)


def export_assessments(ctx: Context, user: User | None, handle: TextIO) -> int:
    """Write every visible respondent's answers and scores as CSV; returns the rows written."""
    current = current_instrument()
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        found = uow.assessments.find()
    items = list(current.item_ids)
    items += sorted({i for a in found for i in a.answers} - set(items))

    def rows() -> Any:
        for a in found:
            if own is not None and a.actor not in own:
                continue
            scored = respondent_scores(instrument(a.instrument_version), a.answers)
            yield {
                "actor": a.actor,
                "respondent": a.respondent,
                "instrument_version": a.instrument_version,
                "taken_at": a.taken_at.isoformat(),
                "round": round_of(a.taken_at),
                **a.answers,
                **scored.components,
                "overall": scored.overall,
            }

    return write_answers(handle, items, current.component_keys, rows())

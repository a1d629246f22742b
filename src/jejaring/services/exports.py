"""Exporting the community as a bundle that imports back to the same data.

The export reads every sheet in one transaction (one snapshot). Territories are exported only
where the community made them its own (added, changed, or given a demand): the shipped
hierarchy is already in every database that ``jejaring init`` prepared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_text import customised_territories, to_bundle
from jejaring.io.bundle_write import write_bundle
from jejaring.io.territories import indonesia
from jejaring.services.bootstrap import Context
from jejaring.store.bulk_read import read_sheets

__all__ = ["ExportReport", "export_bundle", "export_path"]


@dataclass(frozen=True)
class ExportReport:
    """Where the bundle was written and how many rows each sheet holds."""

    path: str
    rows: dict[str, int]


def export_bundle(ctx: Context) -> Bundle:
    """The community's data as a bundle of text sheets."""
    with ctx.reader() as uow:
        frames = read_sheets(uow.session)
    frames["territories"] = customised_territories(
        frames["territories"], indonesia(with_villages=True)
    )
    return to_bundle(frames)


def export_path(ctx: Context, path: Path) -> ExportReport:
    """Export into ``path``: a folder, an ``.xlsx`` workbook or a ``.zip`` archive."""
    bundle = export_bundle(ctx)
    write_bundle(bundle, path)
    return ExportReport(str(path), {name: frame.height for name, frame in bundle.sheets.items()})

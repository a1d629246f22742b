"""Exporting the community as a bundle that imports back to the same data.

The export reads every sheet in one transaction (one snapshot). Territories are exported only
where the community made them its own (added, changed, or given a demand): the shipped
hierarchy is already in every database that ``jejaring init`` prepared.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jejaring.domain.accounts import User
from jejaring.domain.analyses import Layer
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_text import customised_territories, to_bundle
from jejaring.io.bundle_write import write_bundle
from jejaring.io.network_formats import NetworkFormat, write_network
from jejaring.io.territories import indonesia
from jejaring.services.access import Operation, principal, require
from jejaring.services.bootstrap import Context
from jejaring.services.layers import load_layer
from jejaring.store.bulk_read import read_sheets

__all__ = [
    "ExportReport",
    "NetworkExport",
    "export_as",
    "export_bundle",
    "export_network",
    "export_path",
]


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


def export_as(ctx: Context, user: User | None, path: Path) -> ExportReport:
    """Export into ``path`` for ``user``: the bundle holds every actor's customers, so only
    administrators (and the operator) may."""
    with ctx.reader() as uow:
        require(principal(uow, user), Operation.EXPORT)
    return export_path(ctx, path)


@dataclass(frozen=True)
class NetworkExport:
    """Where a layer's network was written, as what, and its size."""

    path: str
    format: NetworkFormat
    actors: int
    ties: int


def export_network(ctx: Context, layer: Layer, fmt: NetworkFormat, path: Path) -> NetworkExport:
    """Write ``layer`` (every actor of its scope, every tie with type and weight) to ``path``.

    The file appears whole or not at all: it is written beside ``path`` and renamed.
    """
    data = load_layer(ctx, layer)
    nodes = data.actors.select("key", "name", "kind")
    partial = path.with_name(f".{path.name}.part")
    try:
        write_network(partial, fmt, nodes, data.ties)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return NetworkExport(str(path), fmt, nodes.height, data.ties.height)

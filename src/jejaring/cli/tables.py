"""Printing measures for people: per-actor tables in themed slices and whole-network figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from jejaring.i18n import _

__all__ = ["HEADLINE", "cell", "print_measures", "print_summary", "render_notice"]

# Nineteen or more columns never fit a terminal: show them in themed slices.
_SLICES = (
    ("degree", "in_degree", "out_degree", "weighted_degree", "core_number", "component"),
    ("betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "community"),
    ("clustering", "effective_size", "efficiency", "constraint", "hierarchy", "ego_density"),
    ("coordinator", "gatekeeper", "representative", "consultant", "liaison"),
)


def cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def render_notice(template: str, params: Mapping[str, Any]) -> str:
    return _(template).format(**params)


HEADLINE = (
    "degree", "weighted_degree", "betweenness", "eigenvector", "constraint", "core_number",
    "community",
)  # fmt: skip


def print_measures(
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    slices: Sequence[Sequence[str]] = _SLICES,
    title: str | None = None,
) -> None:
    """One table per slice of ``columns`` that has any, a row per actor."""
    console, rows = Console(), list(rows)
    if title:
        console.print(title)
    for names in slices:
        shown = [c for c in names if c in columns]
        if not shown:
            continue
        table = Table("actor", *shown)
        for row in rows:
            table.add_row(row["actor"], *(cell(row[c]) for c in shown))
        console.print(table)


def print_summary(summary: Mapping[str, Any]) -> None:
    figures = Table(_("measure"), _("value"), title=_("Whole network"))
    for name, value in summary.items():
        figures.add_row(name, cell(value))
    Console().print(figures)

"""The bundle: the community as a set of sheets (DESIGN section 7), each a table of text cells.

A bundle is a folder of CSV files, an ``.xlsx`` workbook with one sheet per file, or a ``.zip``
of the folder. Only ``actors`` is required. Cells are kept as the text a person typed; parsing
and validation happen in :mod:`jejaring.io.bundle_validate`. Beyond the columns of DESIGN
section 7, some sheets take optional columns (``OPTIONAL``) so that an export holds everything
needed to import the same data back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

__all__ = ["COLUMNS", "OPTIONAL", "ORDER", "REQUIRED_SHEETS", "Bundle"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "territories": ("code", "name", "parent_code", "level", "demand"),
    "actors": ("key", "name", "kind", "sectors", "home_territory", "coverage"),
    "ties": ("source", "target", "type", "weight", "directed"),
    "customers": (
        "owner",
        "key",
        "name",
        "status",
        "email",
        "phone",
        "tax_id",
        "territory",
        "segment",
        "value",
    ),
    "resources": (
        "owner",
        "key",
        "name",
        "kind",
        "capacity",
        "unit",
        "territory",
        "cost_rate",
    ),
    "cooperations": ("key", "name", "members", "mechanisms"),
}
OPTIONAL: dict[str, tuple[str, ...]] = {
    "territories": (),
    "actors": ("description", "visibility"),
    "ties": ("since", "until", "visibility"),
    "customers": (),
    "resources": ("availability",),
    "cooperations": ("purpose", "scope"),
}
# Sheets in dependency order: a sheet refers only to sheets before it.
ORDER: tuple[str, ...] = tuple(COLUMNS)
REQUIRED_SHEETS = frozenset({"actors"})


@dataclass
class Bundle:
    """Sheets by name; every column is text (``pl.String``), a blank cell is null."""

    sheets: dict[str, pl.DataFrame] = field(default_factory=dict)
    # Where a sheet was read from ("customers.csv", or a workbook's sheet name) and the line
    # (or row) number of each of its rows, for error reports. A bundle built in memory has
    # neither: its rows are numbered as in a CSV file whose header is line 1.
    sources: dict[str, str] = field(default_factory=dict)
    lines: dict[str, pl.Series] = field(default_factory=dict)

    def sheet(self, name: str) -> pl.DataFrame | None:
        return self.sheets.get(name)

    def source(self, name: str) -> str:
        """The file (or workbook sheet) the sheet ``name`` came from."""
        return self.sources.get(name, f"{name}.csv")

    def line_numbers(self, name: str) -> pl.Series:
        """The line number of each row of sheet ``name``."""
        found = self.lines.get(name)
        if found is not None:
            return found
        return pl.int_range(2, self.sheets[name].height + 2, eager=True).alias("line")

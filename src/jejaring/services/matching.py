"""Use case: match two customer-list files (``jejaring match``), no database involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from jejaring.io.customer_lists import read_customer_list
from jejaring.io.tables import write_table
from jejaring.privacy.matching import RULES, match_records

__all__ = ["MatchReport", "match_files", "write_matches"]


@dataclass(frozen=True)
class MatchReport:
    """The matched pairs (``left_key, right_key, rule, score``) and the lists' sizes."""

    pairs: pl.DataFrame = field(repr=False)
    left_records: int
    right_records: int

    @property
    def by_rule(self) -> dict[str, int]:
        """Pairs per rule, every rule listed (strongest first)."""
        counts = dict(self.pairs.group_by("rule").len().iter_rows())
        return {rule: int(counts.get(rule, 0)) for rule in RULES}


def match_files(left: Path, right: Path) -> MatchReport:
    """Read both lists (errors name file, line and column) and match them."""
    lframe, rframe = read_customer_list(left), read_customer_list(right)
    return MatchReport(match_records(lframe, rframe), lframe.height, rframe.height)


def write_matches(report: MatchReport, out: Path) -> None:
    """Write the pairs to ``out`` (.csv, .xlsx or .json)."""
    write_table(report.pairs, out, sheet="matches")

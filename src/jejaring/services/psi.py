"""Use cases: serve and query a private set intersection of customer lists (``jejaring psi``).

Both sides read a customer-list file, reduce it to its normalised exact keys
(:func:`jejaring.privacy.keys.exact_keys`) and run the ECDH protocol of
:mod:`jejaring.privacy.psi` over HTTP; no database is involved and no list leaves its owner.
The querying side's steps (:func:`query_keys`, :func:`query_summary`) also serve the API's PSI
jobs on an actor's stored customers (:mod:`jejaring.services.psi_jobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.customer_lists import read_customer_list
from jejaring.io.tables import write_table
from jejaring.privacy.counts import MIN_SHOWN_COUNT, shown_count
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.psi import PsiError, item_strings
from jejaring.privacy.psi_http import PsiHttpServer, query

__all__ = [
    "PsiQueryReport",
    "file_items",
    "query_file",
    "query_keys",
    "query_summary",
    "serve_file",
    "write_psi_matches",
]


def file_items(path: Path) -> tuple[pl.DataFrame, list[str]]:
    """A list's exact keys (``key, kind, value``) and their distinct ``kind:value`` items."""
    keys = exact_keys(read_customer_list(path))
    return keys, item_strings(keys)


def serve_file(
    path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    reveal: str = "size",
    sessions: int | None = 1,
    on_ready: Callable[[str, int], None] | None = None,
    on_session: Callable[[int, int], None] | None = None,
) -> int:
    """Answer ``sessions`` queries (None: until interrupted) on the list's keys; how many ran."""
    _keys, items = file_items(path)
    try:
        server = PsiHttpServer(
            items, host=host, port=port, reveal=reveal, sessions=sessions, on_session=on_session
        )
    except OSError as error:
        raise PsiError(
            N_("cannot listen on {host}:{port} ({reason})"),
            host=host,
            port=port,
            reason=error.strerror or str(error),
        ) from None
    if on_ready is not None:
        on_ready(server.url, len(items))
    server.run()
    return server.done


@dataclass(frozen=True)
class PsiQueryReport:
    """What one query learned: the mode, its own key count and the number in common, and with
    ``reveal="items"`` which of its own records' keys those are (``key, kind, value``)."""

    reveal: str
    keys: int
    common: int
    matches: pl.DataFrame | None = field(default=None, repr=False)

    def shown(self, minimum: int = MIN_SHOWN_COUNT) -> bool:
        """Whether the overlap is large enough to be shown at all."""
        return self.common >= minimum


def query_file(path: Path, url: str, *, timeout: float = 1800.0) -> PsiQueryReport:
    """Query the server at ``url`` with the list's keys."""
    return query_keys(exact_keys(read_customer_list(path)), url, timeout=timeout)


def query_keys(
    keys: pl.DataFrame, url: str, *, expect: str | None = None, timeout: float = 1800.0
) -> PsiQueryReport:
    """Query the server at ``url`` with :func:`exact_keys` ``keys`` (``key, kind, value``);
    with ``expect``, a server offering another reveal mode is refused before anything is sent.
    """
    items = item_strings(keys)
    if not items:  # an empty request is no PSI request: say why instead
        raise PsiError(N_("the list has no exact key (NPWP, e-mail, phone) to compare"))
    reveal, result = query(items, url, expect=expect, timeout=timeout)
    if isinstance(result, int):
        return PsiQueryReport(reveal, len(items), result)
    common = pl.DataFrame({"item": [items[i] for i in result]}, schema={"item": pl.String})
    matches = (
        keys.with_columns(item=pl.concat_str("kind", pl.lit(":"), "value"))
        .join(common, on="item", how="semi")
        .drop("item")
        .sort("key", "kind")
    )
    return PsiQueryReport(reveal, len(items), len(result), matches)


def query_summary(report: PsiQueryReport, minimum: int = MIN_SHOWN_COUNT) -> dict[str, Any]:
    """What a query shows: the mode, its key count and the count in common (``None`` below
    ``minimum``, and then shown as "< N"), and with items how many own records they belong to.
    """
    shown = report.shown(minimum)
    result: dict[str, Any] = {
        "reveal": report.reveal,
        "keys": report.keys,
        "common_keys": report.common if shown else None,
        "common_keys_shown": shown_count(report.common, minimum),
    }
    if report.matches is not None and shown:
        result["records"] = report.matches["key"].n_unique()
    return result


def write_psi_matches(report: PsiQueryReport, out: Path) -> None:
    """Write the records in common to ``out`` (.csv, .xlsx or .json)."""
    if report.matches is None:
        raise PsiError(N_("the server reveals only the size of the intersection"))
    write_table(report.matches, out, sheet="psi")

"""Use cases: analyse a layer of the stored network, keep the results, read them back.

Every measure of ``jejaring metrics`` is computed once and stored per actor, so that the
API and the pages show them without recomputing. Who may read an analysis follows its
layer's scope: ``community`` analyses are for every signed-in user (they were made only of
what the community sees), ``all`` analyses for platform administrators; any other read
looks like a missing analysis.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from jejaring.analytics import k_reach
from jejaring.analytics.metrics import DEFAULT_PIVOTS_ABOVE
from jejaring.domain.accounts import PlatformRole, User
from jejaring.domain.analyses import Analysis, Layer, Scope
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.engines import Engine, require_spark, spark_measures
from jejaring.services.layers import LayerData, load_layer
from jejaring.services.metrics import MetricsReport, Notice, measure
from jejaring.services.pagination import Page, check_limit, decode_cursor, encode_cursor
from jejaring.store.repositories.analyses import VALUE_COLUMNS

__all__ = [
    "MAX_REACH_STEPS",
    "SORTABLE",
    "AnalysisResult",
    "analyse",
    "delete_analysis",
    "get_analysis",
    "list_analyses",
    "list_values",
]

SORTABLE = ("actor", *VALUE_COLUMNS)
MAX_REACH_STEPS = 6


@dataclass(frozen=True)
class AnalysisResult:
    """A finished analysis and its per-actor table (``actor`` first, sorted by actor)."""

    analysis: Analysis
    frame: pl.DataFrame


def analyse(
    ctx: Context,
    layer: Layer,
    *,
    key: str | None = None,
    seed: int = 0,
    pivots_above: int = DEFAULT_PIVOTS_ABOVE,
    keep: bool = True,
    now: datetime | None = None,
    engine: Engine = Engine.LOCAL,
    master: str | None = None,
    reach_steps: int | None = None,
    parquet: Path | None = None,
) -> AnalysisResult:
    """Measure ``layer`` and, when ``keep``, store the results under ``key``.

    Without a key the analysis is named by its UTC time (``2026-11-28T10-15-00``). The
    ``spark`` engine runs Spark jobs on ``master`` and measures a subset (see
    :mod:`jejaring.services.engines`); ``reach_steps`` adds the column ``k_reach`` (actors
    within that many ties), which is shown and written but not stored. ``parquet`` (Spark
    only) is a folder to stage the layer in for the jobs to read.
    """
    ctx.require_schema()
    if reach_steps is not None and not 0 <= reach_steps <= MAX_REACH_STEPS:
        raise InvalidValue(
            N_("reach steps: must be between 0 and {most}, got {value}"),
            most=MAX_REACH_STEPS,
            value=reach_steps,
        )
    if engine is Engine.SPARK:
        require_spark()  # before reading the layer, not after
    created = now or datetime.now(UTC)
    data = load_layer(ctx, layer)
    if engine is Engine.SPARK:
        report, ties = _on_spark(data, master, reach_steps, parquet)
        actors = report.frame.height
    else:
        network = data.network()
        report = measure(
            network, groups=data.groups, seed=seed, pivots_above=pivots_above, with_summary=True
        )
        if reach_steps is not None:
            column = pl.Series("k_reach", k_reach(network, k=reach_steps).array, dtype=pl.Int64)
            report = replace(report, frame=report.frame.with_columns(column))
        actors, ties = network.n, network.m
    notices = list(report.notices)
    if ties == 0:
        hint = N_(
            "the layer holds no ties: check the tie types and the date; private ties count "
            "only with the scope 'all'"
        )
        notices.insert(0, Notice(hint))
    analysis = Analysis(
        key=key or created.strftime("%Y-%m-%dT%H-%M-%S"),
        layer=layer,
        created_at=created,
        actors=actors,
        ties=ties,
        seed=seed,
        pivots=report.pivots,
        summary=_plain(report.summary or {}),
        notices=tuple((n.template, n.params) for n in notices),
    )
    if keep:
        with ctx.uow() as uow:
            if key is None:
                analysis = replace(
                    analysis, key=_free(analysis.key, uow.analyses.keys_like(analysis.key))
                )
            elif uow.analyses.get(key) is not None:
                raise InvalidValue(N_("analysis '{key}' exists already"), key=key)
            uow.analyses.add(analysis, report.frame)
            uow.commit()
    return AnalysisResult(analysis, report.frame)


def _on_spark(
    data: LayerData, master: str | None, reach_steps: int | None, parquet: Path | None
) -> tuple[MetricsReport, int]:
    found = spark_measures(
        data.actors,
        data.ties,
        directed=data.layer.directed,
        weighted=data.layer.weighted,
        master=master,
        reach_steps=reach_steps,
        parquet=parquet,
    )
    columns = tuple(found.frame.columns)
    return MetricsReport(columns, found.frame, found.summary, found.notices), found.ties


def list_analyses(ctx: Context, user: User | None) -> list[Analysis]:
    """Analyses ``user`` may read, newest first (``None``: the operator, who reads all)."""
    with ctx.reader() as uow:
        return uow.analyses.find(scopes=_scopes(user))


def get_analysis(ctx: Context, user: User | None, key: str) -> Analysis:
    with ctx.reader() as uow:
        return _readable(uow.analyses.get(key), user, key)


def list_values(
    ctx: Context,
    user: User | None,
    key: str,
    *,
    sort: str = "actor",
    descending: bool = False,
    cursor: str | None = None,
    limit: int = 100,
) -> Page[dict[str, Any]]:
    """One page of an analysis's per-actor values ordered by ``sort`` (undefined ones last)."""
    if sort not in SORTABLE:
        raise InvalidValue(
            N_("sort: '{value}' is not one of {allowed}"), value=sort, allowed=", ".join(SORTABLE)
        )
    check_limit(limit)
    after = _after(decode_cursor(cursor))
    with ctx.reader() as uow:
        _readable(uow.analyses.get(key), user, key)
        rows = uow.analyses.values(
            key,
            sort=sort,
            descending=descending,
            after=after,
            limit=limit + 1,
            community_only=user is not None and not _is_admin(user),
        )
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], encode_cursor(json.dumps([last[sort], last["actor"]])))


def delete_analysis(ctx: Context, user: User | None, key: str) -> None:
    """Delete an analysis: the operator or a platform administrator only."""
    with ctx.uow() as uow:
        if user is not None and not _is_admin(user):
            _readable(None, user, key)
        if not uow.analyses.delete(key):
            raise NotFound(N_("analysis '{key}' not found"), key=key)
        uow.commit()


def _is_admin(user: User) -> bool:
    return PlatformRole.ADMIN in user.platform_roles


def _scopes(user: User | None) -> tuple[Scope, ...]:
    if user is None or _is_admin(user):
        return (Scope.COMMUNITY, Scope.ALL)
    return (Scope.COMMUNITY,)


def _readable(found: Analysis | None, user: User | None, key: str) -> Analysis:
    if found is None or found.layer.scope not in _scopes(user):
        raise NotFound(N_("analysis '{key}' not found"), key=key)
    return found


def _after(decoded: str | None) -> tuple[Any, str] | None:
    if decoded is None:
        return None
    try:
        value, actor = json.loads(decoded)
    except (ValueError, TypeError):
        raise InvalidValue(
            N_("cursor: '{value}' is not a cursor from this list"), value=decoded
        ) from None
    if not isinstance(actor, str) or not (value is None or isinstance(value, (int, float, str))):
        raise InvalidValue(N_("cursor: '{value}' is not a cursor from this list"), value=decoded)
    return value, actor


def _free(base: str, taken: list[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... when analyses were named in the same second."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe figures: NaN (undefined) becomes None."""
    return {k: None if isinstance(v, float) and v != v else v for k, v in values.items()}

"""Writing the demo community's extras: what the bundle format does not carry.

The bundle (territories, actors, ties, customers, resources, cooperations) goes through
:func:`jejaring.services.imports.import_bundle`. Sharing policies, posts, referrals and
capability assessments are written here, in one transaction, set-based: the repositories write
one row at a time, which is minutes at a national scale (100,000 actors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.territories import Level, Territory
from jejaring.services.bootstrap import Context
from jejaring.store import bulk_demo

__all__ = ["DemoExtras", "load_territories", "write_extras"]

Progress = Callable[[str, int, int], None]
_FIXED = ("actor", "instrument_version", "respondent", "taken_at")


@dataclass(frozen=True)
class DemoExtras:
    """Frames keyed by actor and cooperation keys (column names as in the domain's entities).

    ``policies``: cooperation, actor, mapping_level, shared_segments (list), shared_tie_types
    (list), introductions_allowed. ``posts``: cooperation, author, category, title, body,
    territories (list), sectors (list), visibility, created, expires (UTC datetimes).
    ``referrals``: requester, introducer, target_kind, target (an actor key, or a customer key
    of ``target_owner``), target_owner, cooperation, status, value, note, created.
    ``assessments``: actor, instrument_version, respondent, taken_at (ISO date), then one
    integer column per item (null = not answered).
    """

    policies: pl.DataFrame
    posts: pl.DataFrame
    referrals: pl.DataFrame
    assessments: pl.DataFrame


def load_territories(ctx: Context) -> list[Territory]:
    """The stored hierarchy from the country down to districts (villages are not needed)."""
    with ctx.uow() as uow:
        levels = (Level.COUNTRY, Level.PROVINCE, Level.REGENCY, Level.DISTRICT)
        return [t for level in levels for t in uow.territories.find(level=level)]


def _ids(found: dict[str, int], keys: pl.Series, what: str) -> list[int]:
    missing = set(keys.unique().to_list()) - found.keys()
    if missing:
        raise NotFound(N_("{what} '{key}' not found"), what=what, key=sorted(missing)[0])
    return [found[k] for k in keys.to_list()]


def write_extras(
    ctx: Context, extras: DemoExtras, *, progress: Progress | None = None
) -> dict[str, int]:
    """Write the extras in one transaction; returns how many rows of each were written anew."""
    report = progress or (lambda _stage, _done, _total: None)
    with ctx.uow() as uow:
        s = uow.session
        actor_keys = pl.concat(
            [
                extras.policies["actor"],
                extras.posts["author"],
                extras.referrals["requester"],
                extras.referrals["introducer"],
                extras.assessments["actor"],
            ]
        )
        actors = bulk_demo.ids_by_key(
            s,
            "actor",
            set(actor_keys.to_list())
            | set(extras.referrals.filter(pl.col("target_kind") == "actor")["target"].to_list()),
        )
        coop_keys = pl.concat(
            [
                extras.policies["cooperation"],
                extras.posts["cooperation"],
                extras.referrals["cooperation"],
            ]
        )
        coops = bulk_demo.ids_by_key(s, "cooperation", set(coop_keys.drop_nulls().to_list()))
        report("extras", 0, 4)
        policies = extras.policies.with_columns(
            cooperation_id=pl.Series(_ids(coops, extras.policies["cooperation"], "cooperation")),
            actor_id=pl.Series(_ids(actors, extras.policies["actor"], "actor")),
        ).drop("cooperation", "actor")
        written = {"sharing_policies": bulk_demo.upsert_policies(s, policies.to_dicts())}
        report("extras", 1, 4)
        posts = extras.posts.with_columns(
            cooperation_id=pl.Series(_ids(coops, extras.posts["cooperation"], "cooperation")),
            author_id=pl.Series(_ids(actors, extras.posts["author"], "actor")),
        ).drop("cooperation", "author")
        written["posts"] = bulk_demo.add_new_posts(s, posts.to_dicts())
        report("extras", 2, 4)
        written["referrals"] = bulk_demo.add_new_referrals(
            s, _referral_rows(s, extras.referrals, actors, coops)
        )
        report("extras", 3, 4)
        written["assessments"] = bulk_demo.upsert_assessments(
            s, _assessment_rows(extras.assessments, actors)
        )
        uow.commit()
        report("extras", 4, 4)
    return written


def _referral_rows(
    session: Any, frame: pl.DataFrame, actors: dict[str, int], coops: dict[str, int]
) -> list[dict[str, Any]]:
    owners = [actors[k] for k in frame["target_owner"].drop_nulls().unique().to_list()]
    customers = bulk_demo.customer_ids(session, owners)
    rows = []
    for r in frame.to_dicts():
        to_customer = r["target_kind"] == "customer"
        rows.append(
            {
                "requester_id": actors[r["requester"]],
                "introducer_id": actors[r["introducer"]],
                "target_kind": r["target_kind"],
                "target_actor_id": None if to_customer else actors[r["target"]],
                "target_customer_id": customers[(actors[r["target_owner"]], r["target"])]
                if to_customer
                else None,
                "cooperation_id": coops[r["cooperation"]] if r["cooperation"] else None,
                "status": r["status"],
                "value": r["value"],
                "note": r["note"],
                "created": r["created"],
            }
        )
    return rows


def _assessment_rows(frame: pl.DataFrame, actors: dict[str, int]) -> list[dict[str, Any]]:
    items = [c for c in frame.columns if c not in _FIXED]
    dated = frame.with_columns(pl.col("taken_at").str.to_date())
    return [
        {
            "actor_id": actors[r["actor"]],
            "instrument_version": r["instrument_version"],
            "respondent": r["respondent"],
            "taken_at": r["taken_at"],
            "answers": {item: r[item] for item in items if r[item] is not None},
        }
        for r in dated.to_dicts()
    ]

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
_ACTOR = N_("actor '{key}' not found")
_COOPERATION = N_("cooperation '{key}' not found")
_CUSTOMER = N_("customer '{key}' not found")


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


def _resolve(
    frame: pl.DataFrame, columns: dict[str, tuple[str, dict[str, int], str]]
) -> pl.DataFrame:
    """Replace key columns by id columns: ``{key column: (id column, ids, not-found message)}``."""
    for column, (target, ids, message) in columns.items():
        missing = set(frame[column].drop_nulls().to_list()) - ids.keys()
        if missing:
            raise NotFound(message, key=sorted(missing)[0])
        frame = frame.with_columns(
            pl.col(column).replace_strict(ids, default=None, return_dtype=pl.Int64).alias(target)
        )
    return frame.drop(list(columns))


def write_extras(
    ctx: Context, extras: DemoExtras, *, progress: Progress | None = None
) -> dict[str, int]:
    """Write the extras in one transaction; returns how many rows of each were written.

    Policies and assessments count as written when added or replaced, posts and referrals only
    when added (an equal one stored already is skipped).
    """
    report = progress or (lambda _stage, _done, _total: None)
    e = extras
    with ctx.uow() as uow:
        s = uow.session
        actor_keys = pl.concat(
            [e.policies["actor"], e.posts["author"], e.referrals["requester"],
             e.referrals["introducer"], e.referrals["target"], e.assessments["actor"]]
        )  # fmt: skip
        actors = bulk_demo.ids_by_key(s, "actor", set(actor_keys.to_list()))
        coop_keys = pl.concat(
            [e.policies["cooperation"], e.posts["cooperation"], e.referrals["cooperation"]]
        )
        coops = bulk_demo.ids_by_key(s, "cooperation", set(coop_keys.drop_nulls().to_list()))
        actor, coop = ("actor_id", actors, _ACTOR), ("cooperation_id", coops, _COOPERATION)
        report("extras", 0, 4)
        policies = _resolve(e.policies, {"cooperation": coop, "actor": actor})
        written = {"sharing_policies": bulk_demo.upsert_policies(s, policies.to_dicts())}
        report("extras", 1, 4)
        posts = _resolve(e.posts, {"cooperation": coop, "author": ("author_id", actors, _ACTOR)})
        written["posts"] = bulk_demo.add_new_posts(s, posts.to_dicts())
        report("extras", 2, 4)
        referrals = _referral_rows(s, e.referrals, actors, coops)
        written["referrals"] = bulk_demo.add_new_referrals(s, referrals.to_dicts())
        report("extras", 3, 4)
        assessments = _resolve(e.assessments, {"actor": actor})
        written["assessments"] = bulk_demo.upsert_assessments(s, _assessment_rows(assessments))
        uow.commit()
        report("extras", 4, 4)
    return written


def _referral_rows(
    session: Any, frame: pl.DataFrame, actors: dict[str, int], coops: dict[str, int]
) -> pl.DataFrame:
    """Referrals with ids; a customer target is found by its owner's id and its key."""
    owner_ids = {actors[k] for k in frame["target_owner"].drop_nulls().to_list()}
    stored = bulk_demo.customer_ids(session, owner_ids)
    customers = pl.DataFrame(
        [(owner, key, id_) for (owner, key), id_ in stored.items()],
        schema={"owner_id": pl.Int64, "target": pl.String, "target_customer_id": pl.Int64},
        orient="row",
    )
    to_actor = pl.col("target_kind") == "actor"
    resolved = _resolve(
        frame.with_columns(
            target_actor=pl.when(to_actor).then("target"),
            target_customer=pl.when(~to_actor).then("target"),
        ),
        {
            "requester": ("requester_id", actors, _ACTOR),
            "introducer": ("introducer_id", actors, _ACTOR),
            "target_actor": ("target_actor_id", actors, _ACTOR),
            "target_owner": ("owner_id", actors, _ACTOR),
            "cooperation": ("cooperation_id", coops, _COOPERATION),
        },
    )
    joined = resolved.join(customers, on=["owner_id", "target"], how="left", maintain_order="left")
    lost = joined.filter(~to_actor & pl.col("target_customer_id").is_null())
    if lost.height:
        raise NotFound(_CUSTOMER, key=lost["target_customer"][0])
    return joined.drop("target", "target_customer", "owner_id")


def _assessment_rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    fixed = ("actor_id", "instrument_version", "respondent", "taken_at")
    items = [c for c in frame.columns if c not in fixed]
    rows = frame.with_columns(pl.col("taken_at").str.to_date()).to_dicts()
    for row in rows:
        # An unanswered item is left out of the answers, as the domain's Assessment keeps them.
        row["answers"] = {item: row.pop(item) for item in items if row[item] is not None}
        for item in items:
            row.pop(item, None)
    return rows

"""The whole demo community, generated from a territory hierarchy, a size and a seed.

Each part draws from its own random stream (spawned from the seed), so that changing how one
part is generated leaves the others as they were. Nothing here touches a database: the result
is the bundle's sheets as text, the extras as frames, and the accounts to create.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo import sheets
from jejaring.demo.accounts import AccountSpec, account_specs
from jejaring.demo.actors import actor_frame
from jejaring.demo.assessments import assessment_frame
from jejaring.demo.cooperations import cooperation_frames
from jejaring.demo.coverage import coverage
from jejaring.demo.customers import customer_frame, list_sizes
from jejaring.demo.entities import entity_frame
from jejaring.demo.graph import memberships, pairs
from jejaring.demo.posts import post_frame
from jejaring.demo.referrals import referral_frame
from jejaring.demo.resources import resource_frame
from jejaring.demo.sharing import policy_frame
from jejaring.demo.territories import demand, territory_table
from jejaring.demo.ties import tie_frame
from jejaring.domain.territories import Territory
from jejaring.io.bundle_format import Bundle
from jejaring.services.demo_write import DemoExtras

__all__ = ["STAGES", "Community", "generate"]

STAGES = ("territories", "actors", "ties", "customers", "resources", "cooperations", "extras")
_ENTITIES_PER_RECORD = 0.6  # fewer real customers than records: popular ones are shared


@dataclass(frozen=True)
class Community:
    """A generated community: the bundle, the extras, the accounts and the internal frames.

    ``internal`` keeps the generator's own columns (indices, the real-world customer behind
    each record) for checks and tests; it is never written anywhere.
    """

    bundle: Bundle
    extras: DemoExtras
    accounts: tuple[AccountSpec, ...]
    internal: dict[str, pl.DataFrame]


def generate(
    territories: Iterable[Territory],
    *,
    actors: int,
    seed: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> Community:
    """Generate a community of ``actors`` actors; the same arguments give the same community."""
    if actors < 2:
        raise ValueError("a community needs at least 2 actors")
    report = progress or (lambda _stage, _done, _total: None)
    streams = {
        name: np.random.default_rng(s)
        for name, s in zip(STAGES, np.random.SeedSequence(seed).spawn(len(STAGES)), strict=True)
    }
    step = iter(range(1, len(STAGES) + 1))
    report("generate", 0, len(STAGES))
    table = territory_table(territories)
    district_demand, regency_demand = demand(table, streams["territories"])
    report("generate", next(step), len(STAGES))
    people = actor_frame(streams["actors"], table, district_demand, actors, seed)
    people = people.with_columns(coverage(streams["actors"], table, people, regency_demand))
    report("generate", next(step), len(STAGES))
    rng = streams["ties"]
    pair_frame, member_frame = pairs(rng, people), memberships(rng, people)
    report("generate", next(step), len(STAGES))
    rng = streams["customers"]
    sizes = list_sizes(rng, people["kind_i"].to_numpy())
    entities = entity_frame(
        rng, table, district_demand, max(20, int(_ENTITIES_PER_RECORD * sizes.sum()))
    )
    customers = customer_frame(rng, table, people, sizes, entities)
    report("generate", next(step), len(STAGES))
    resources = resource_frame(streams["resources"], table, people)
    report("generate", next(step), len(STAGES))
    coops, members = cooperation_frames(
        streams["cooperations"], people, member_frame, table, f"d{seed}"
    )
    partners = members.join(coops.select("coop_i", "lead_i"), on="coop_i").filter(
        ~pl.col("initiator")
    )
    partner_ties = partners.select(
        pl.col("lead_i").alias("source_i"),
        pl.col("actor_i").alias("target_i"),
        pl.lit("partner_of").alias("type"),
    )
    ties = tie_frame(streams["ties"], people, pair_frame, member_frame, partner_ties)
    report("generate", next(step), len(STAGES))
    rng = streams["extras"]
    shops = entities.filter(~pl.col("person"))
    shop_names = (shops["legal"] + " " + shops["core"]).str.strip_chars()
    extras = DemoExtras(
        policies=policy_frame(rng, people, coops, members),
        posts=post_frame(
            rng, people, coops, members, table.regency_place, table.regency_code, shop_names
        ),
        referrals=referral_frame(rng, people, coops, members, customers),
        assessments=assessment_frame(rng, people),
    )
    degree = np.bincount(
        np.concatenate([pair_frame["u"].to_numpy(), pair_frame["v"].to_numpy()]),
        minlength=len(people),
    )
    bundle = sheets.bundle(
        table, district_demand, people, ties, customers, resources, coops, members
    )
    report("generate", next(step), len(STAGES))
    internal = {
        "actors": people,
        "ties": ties,
        "customers": customers,
        "memberships": members,
        "entities": entities,
    }
    return Community(bundle, extras, tuple(account_specs(people, members, degree)), internal)

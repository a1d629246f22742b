"""A synthetic national community as one Polars frame per table, ids already assigned.

Everything follows from the sizes and the seed. Actors are numbered in the order of their home
district (districts weighted by the demo's population-like demand), so that nearby ids are
nearby places: ties, cooperations, customers' real-world entities and referrals are drawn
mostly between near ids, the rest across the country. Counts per actor are skewed (log-normal
customer lists, a heavy tail of tie activity, cooperations of 2 to 300 members). Every row
satisfies the tables' constraints: keys unique, (source, target, type) of ties unique,
(owner, key) of customers unique, every reference to a row that exists, the enumerations'
values only. Customer records hold what an owner types (e-mail, phone in +62 form, an NPWP
for firms), which the privacy module normalises when it matches them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl

from jejaring.demo.sectors import SECTORS
from jejaring.demo.territories import TerritoryTable, demand, territory_table
from jejaring.domain.ties import DEFAULT_TIE_TYPES
from jejaring.io.territories import indonesia

__all__ = ["Community", "Sizes", "generate"]

# Tie layers: relative frequency and the share visible to the community (as the demo's).
_TIES = {
    "knows": (0.85, 0.15), "trusts": (0.3, 0.0), "met": (0.4, 0.1), "transacted": (0.2, 0.0),
    "information": (0.2, 0.0), "partner_of": (0.07, 0.8), "referral": (0.06, 0.0),
    "kinship": (0.03, 0.0), "joint_project": (0.03, 0.5), "supplier_of": (0.05, 0.4),
    "customer_of": (0.04, 0.3), "competitor_of": (0.02, 0.0), "member_of": (0.01, 1.0),
}  # fmt: skip
_DIRECTED = {t.key: t.directed for t in DEFAULT_TIE_TYPES}
_KINDS = np.array(["salesperson", "entrepreneur", "company", "organization"])
_RESOURCE_KINDS = np.array(["warehouse", "vehicle", "showroom", "equipment", "sales_staff",
                            "distribution_channel", "budget"])  # fmt: skip
_SEGMENTS = np.array(["retail", "wholesale", "horeca", "government", "export"])
_POST_CATEGORIES = np.array(["market_info", "price", "lead", "opportunity", "risk", "regulation"])
_REFERRAL_STATUSES = np.array(["requested", "accepted", "declined", "introduced", "won", "lost"])
_LEVELS = np.array(["none", "counts", "overlaps", "full"])
_DAY = 86_400


@dataclass(frozen=True)
class Sizes:
    """Rows asked for: actors, ties and customers; the rest follows from the actors."""

    actors: int
    ties: int
    customers: int


@dataclass(frozen=True)
class Community:
    """Frames in load order (parents first) and the territories' demand to store."""

    tables: dict[str, pl.DataFrame]
    demand: pl.DataFrame


def _stamp(seconds: np.ndarray) -> pl.Series:
    """Epoch seconds as PostgreSQL timestamptz text."""
    return pl.from_epoch(pl.Series(seconds.astype(np.int64)), time_unit="s").dt.strftime(
        "%Y-%m-%d %H:%M:%S+00"
    )


def _near(rng: np.random.Generator, ids: np.ndarray, n: int, spread: float) -> np.ndarray:
    """Ids near ``ids`` (the same area, mostly), within ``[0, n)``."""
    found = ids + np.rint(rng.normal(0.0, spread, ids.size)).astype(np.int64)
    return np.clip(found, 0, n - 1)


def _text(prefix: str, numbers: np.ndarray, suffix: str = "") -> pl.Series:
    return prefix + pl.Series(numbers).cast(pl.String) + suffix


def _nulls(n: int, dtype: type[pl.DataType]) -> pl.Series:
    return pl.repeat(None, n, dtype=dtype, eager=True)


def _json(values: list[list[str]]) -> pl.Series:
    return pl.Series([json.dumps(v) for v in values], dtype=pl.String)


def _groups(owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and count of each group of a column sorted by group."""
    count = np.bincount(owner, minlength=n)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    return start, count


def _actors(rng: np.random.Generator, table: TerritoryTable, n: int) -> dict[str, pl.DataFrame]:
    districts, _regencies = demand(table, rng)
    home = np.sort(rng.choice(districts.size, n, p=districts / districts.sum()))
    codes = table.district_code.to_numpy()
    kind = rng.choice(4, n, p=[0.4, 0.35, 0.2, 0.05])
    ids = np.arange(1, n + 1)
    actors = pl.DataFrame({
        "id": ids, "key": pl.Series([f"A{i:07d}" for i in ids]),
        "name": pl.Series([f"Usaha {i}" for i in ids]),
        "kind": _KINDS[kind], "home_territory": codes[home], "description": "",
        "visibility": np.where(rng.random(n) < 0.9, "community", "private"),
    })  # fmt: skip
    weights = np.array([s.weight for s in SECTORS])
    first = rng.choice(len(SECTORS), n, p=weights / weights.sum())
    second = (first + 1 + rng.integers(0, len(SECTORS) - 1, n)) % len(SECTORS)
    two = rng.random(n) < 0.3
    keys = np.array([s.key for s in SECTORS])
    sectors = pl.DataFrame({
        "actor_id": np.concatenate([ids, ids[two]]),
        "position": np.concatenate([np.zeros(n, np.int64), np.ones(int(two.sum()), np.int64)]),
        "sector": np.concatenate([keys[first], keys[second[two]]]),
    })  # fmt: skip
    # Coverage: the home district, some others of its regency, the province for some firms.
    extra = rng.geometric(0.5, n) - 1
    owner = np.repeat(np.arange(n), extra)
    regency = table.district_regency[home[owner]]
    other = table.district_start[regency] + rng.integers(0, 1 << 30, owner.size) % np.maximum(
        table.district_count[regency], 1
    )
    covered = pl.DataFrame({
        "actor_id": np.concatenate([ids, ids[owner]]),
        "territory_code": np.concatenate([codes[home], codes[other]]),
    })  # fmt: skip
    firms = np.flatnonzero((kind == 2) & (rng.random(n) < 0.2))
    provinces = table.province_code.to_numpy()[table.district_province[home[firms]]]
    covered = pl.concat(
        [covered, pl.DataFrame({"actor_id": ids[firms], "territory_code": provinces})]
    ).unique(maintain_order=True)
    return {
        "actor": actors,
        "actor_sector": sectors,
        "actor_coverage": covered,
        "_home": pl.DataFrame({"home": home}),
    }


def _ties(rng: np.random.Generator, n: int, count: int) -> pl.DataFrame:
    activity = rng.pareto(1.5, n) + 1.0
    asked = int(count * 1.08) + 100
    source = rng.choice(n, asked, p=activity / activity.sum())
    local = rng.random(asked) < 0.7
    target = np.where(local, _near(rng, source, n, 300.0), rng.integers(0, n, asked))
    types = list(_TIES)
    share = np.array([_TIES[t][0] for t in types])
    type_ = rng.choice(len(types), asked, p=share / share.sum())
    directed = np.array([_DIRECTED[t] for t in types])[type_]
    low, high = np.minimum(source, target), np.maximum(source, target)
    source, target = np.where(directed, source, low), np.where(directed, target, high)
    key = (source.astype(np.int64) * n + target) * len(types) + type_
    keep = source != target
    _, first = np.unique(np.where(keep, key, -1), return_index=True)
    first = np.sort(first[keep[first]])[:count]
    rng.shuffle(first)
    source, target, type_, directed = source[first], target[first], type_[first], directed[first]
    visible = np.array([_TIES[t][1] for t in types])[type_]
    m = first.size
    now = datetime.now(UTC).timestamp()
    since = pl.from_epoch(pl.Series((now - rng.uniform(0, 5 * 365, m) * _DAY).astype(np.int64)))
    return pl.DataFrame({
        "id": np.arange(1, m + 1), "source_id": source + 1, "target_id": target + 1,
        "type": np.array(types)[type_], "weight": rng.integers(1, 6, m).astype(np.float64),
        "directed": directed, "since": since.dt.date(), "until": _nulls(m, pl.Date),
        "visibility": np.where(rng.random(m) < visible, "community", "private"),
    })  # fmt: skip


def _customers(
    rng: np.random.Generator, table: TerritoryTable, home: np.ndarray, count: int
) -> pl.DataFrame:
    n = home.size
    weight = rng.lognormal(0.0, 1.5, n)
    per_actor = rng.multinomial(count, weight / weight.sum())
    owner = np.repeat(np.arange(n), per_actor)
    entities = max(1, int(count * 0.6))
    # Entities are placed like actors: near owners share many, across the country a few.
    local = (owner / n * entities).astype(np.int64)
    entity = np.where(
        rng.random(count) < 0.6,
        np.clip(local + np.rint(rng.normal(0, 2000, count)).astype(np.int64), 0, entities - 1),
        rng.integers(0, entities, count),
    )
    codes = table.district_code.to_numpy()
    territory = np.where(rng.random(count) < 0.7, codes[home[owner]],
                         codes[rng.integers(0, codes.size, count)])  # fmt: skip
    e = pl.Series(entity)
    frame = pl.DataFrame({"e": e}).select(
        email=pl.format("pelanggan{}@mail{}.example", pl.col("e"), pl.col("e") % 97),
        phone=pl.format("+628{}", (pl.col("e") + 100_000_000).cast(pl.String)),
        tax_id=pl.when(pl.col("e") % 3 == 0)
        .then(pl.format("0{}", (pl.col("e") + 10**13).cast(pl.String)))
        .otherwise(None),
        name=pl.format("Pelanggan {}", pl.col("e")),
    )
    ids = np.arange(1, count + 1)
    return pl.DataFrame({
        "id": ids, "owner_id": owner + 1,
        "key": "C" + pl.Series(ids).cast(pl.String).str.pad_start(9, "0"),
        "name": frame["name"],
        "status": np.where(rng.random(count) < 0.8, "customer", "prospect"),
        "email": frame["email"], "phone": frame["phone"], "tax_id": frame["tax_id"],
        "territory": territory, "segment": _SEGMENTS[rng.integers(0, _SEGMENTS.size, count)],
        "value": np.round(rng.lognormal(2.0, 1.0, count), 2),
    })  # fmt: skip


def _cooperations(rng: np.random.Generator, n: int, table: TerritoryTable,
                  home: np.ndarray) -> dict[str, pl.DataFrame]:  # fmt: skip
    k = max(20, n // 200)
    size = np.clip(np.rint(2 + rng.lognormal(1.5, 1.0, k)), 2, 300).astype(np.int64)
    coop = np.repeat(np.arange(k), size)
    center = rng.integers(0, n, k)
    actor = _near(rng, center[coop], n, 400.0)
    pairs = pl.DataFrame({"c": coop, "a": actor}).unique(maintain_order=True).sort("c", "a")
    coop, actor = pairs["c"].to_numpy(), pairs["a"].to_numpy()
    m = coop.size
    start, _count = _groups(coop, k)
    first = np.zeros(m, bool)
    first[start[np.bincount(coop, minlength=k) > 0]] = True
    now = datetime.now(UTC)
    status = np.where(rng.random(m) < 0.9, "accepted", rng.choice(["invited", "left"], m))
    joined = pl.Series([now.date()] * m).dt.offset_by(pl.Series(-rng.integers(30, 900, m)).cast(
        pl.String) + "d")  # fmt: skip
    memberships = pl.DataFrame({
        "cooperation_id": coop + 1, "actor_id": actor + 1,
        "role": np.where(first, "initiator", "member"), "status": status, "joined": joined,
        "left": pl.Series([now.date() if s == "left" else None for s in status], dtype=pl.Date),
    })  # fmt: skip
    mechanisms = []
    for net, info, res in rng.random((k, 3)) < np.array([0.7, 0.8, 0.3]):
        chosen = [name for name, on in (("network_sharing", net), ("information_sharing", info),
                  ("resource_co_utilization", res)) if on]  # fmt: skip
        mechanisms.append(chosen or ["information_sharing"])
    provinces = table.province_code.to_numpy()[table.district_province[home[center]]]
    ids = np.arange(1, k + 1)
    cooperations = pl.DataFrame({
        "id": ids, "key": pl.Series([f"K{i:05d}" for i in ids]),
        "name": pl.Series([f"Kerja sama {i}" for i in ids]), "purpose": "",
        "status": np.where(rng.random(k) < 0.85, "active",
                           rng.choice(["proposed", "suspended", "ended"], k)),
        "scope": _json([[p] for p in provinces]), "mechanisms": _json(mechanisms),
    })  # fmt: skip
    policies = pl.DataFrame({
        "cooperation_id": coop + 1, "actor_id": actor + 1,
        "mapping_level": _LEVELS[rng.choice(4, m, p=[0.3, 0.4, 0.2, 0.1])],
        "shared_segments": "[]", "shared_tie_types": "[]",
        "introductions_allowed": rng.random(m) < 0.5,
    })  # fmt: skip
    return {"cooperation": cooperations, "membership": memberships, "sharing_policy": policies}


def _posts_users(
    rng: np.random.Generator, n: int, memberships: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    coop = memberships["cooperation_id"].to_numpy() - 1
    actor = memberships["actor_id"].to_numpy() - 1
    k = int(coop.max()) + 1
    start, count = _groups(coop, k)
    per_coop = np.minimum(np.rint(rng.lognormal(3.0, 1.2, k)), 5000).astype(np.int64)
    post_coop = np.repeat(np.arange(k), per_coop)
    p = post_coop.size
    author = actor[start[post_coop] + rng.integers(0, 1 << 30, p) % count[post_coop]]
    now = datetime.now(UTC).timestamp()
    created = now - rng.uniform(0, 365, p) * _DAY
    expires = np.where(rng.random(p) < 0.3, created + 30 * _DAY, np.nan)
    ids = np.arange(1, p + 1)
    posts = pl.DataFrame({
        "id": ids, "cooperation_id": post_coop + 1, "author_id": author + 1,
        "category": _POST_CATEGORIES[rng.integers(0, _POST_CATEGORIES.size, p)],
        "title": _text("Kabar ", ids, ""),
        "body": _text("Informasi pasar nomor ", ids, " untuk anggota."),
        "territories": "[]", "sectors": "[]", "visibility": "members",
        "created": _stamp(created),
        "expires": _stamp(np.nan_to_num(expires)).zip_with(
            pl.Series(~np.isnan(expires)), _nulls(p, pl.String)),
    })  # fmt: skip
    # Users: every member actor has one, then others up to a tenth of the actors.
    with_user = np.unique(actor)
    others = np.setdiff1d(rng.choice(n, n // 10, replace=False), with_user)
    with_user = np.sort(np.concatenate([with_user, others[: max(0, n // 10 - with_user.size)]]))
    u = with_user.size
    user_of = np.full(n, -1, np.int64)
    user_of[with_user] = np.arange(u)
    uids = np.arange(1, u + 1)
    users = pl.DataFrame({
        "id": uids, "email": _text("user", uids, "@bench.jejaring.example"),
        "password_hash": "!bench", "display_name": _text("User ", uids, ""),
        "locale": "id", "platform_roles": "[]", "active": True,
    })  # fmt: skip
    members = pl.DataFrame({"user_id": uids, "actor_id": with_user + 1, "role": "owner"})
    # Receipts: members of the post's cooperation read it within a week.
    readers = rng.poisson(3.0, p)
    rpost = np.repeat(np.arange(p), readers)
    rc = post_coop[rpost]
    reader = user_of[actor[start[rc] + rng.integers(0, 1 << 30, rpost.size) % count[rc]]]
    read_at = created[rpost] + rng.uniform(0, 7, rpost.size) * _DAY
    receipts = (
        pl.DataFrame({"post_id": rpost + 1, "user_id": reader + 1, "at": read_at})
        .filter(pl.col("user_id") > 0)
        .unique(["post_id", "user_id"], maintain_order=True)
    )
    receipts = receipts.select("post_id", "user_id", read_at=_stamp(receipts["at"].to_numpy()))
    return {"post": posts, "user_account": users, "actor_member": members, "receipt": receipts}


def _activity(rng: np.random.Generator, n: int) -> dict[str, pl.DataFrame]:
    now = datetime.now(UTC).timestamp()
    r = max(10, n // 5)
    owner = rng.integers(0, n, r)
    capacity = rng.integers(1, 101, r).astype(np.float64)
    resources = pl.DataFrame({
        "id": np.arange(1, r + 1), "key": _text("R", np.arange(1, r + 1), ""),
        "owner_id": owner + 1, "name": _text("Sumber daya ", np.arange(r), ""),
        "kind": _RESOURCE_KINDS[rng.integers(0, _RESOURCE_KINDS.size, r)],
        "capacity": capacity, "unit": "unit", "territory": _nulls(r, pl.String),
        "cost_rate": np.round(rng.uniform(0, 50, r), 2), "availability": "",
    })  # fmt: skip
    b = max(10, n // 2)
    resource = rng.integers(0, r, b)
    start = now - rng.uniform(0, 365, b) * _DAY
    bookings = pl.DataFrame({
        "id": np.arange(1, b + 1), "resource_id": resource + 1,
        "by_actor_id": _near(rng, owner[resource], n, 300.0) + 1,
        "cooperation_id": _nulls(b, pl.Int64), "start": _stamp(start),
        "end": _stamp(start + rng.integers(1, 73, b) * 3600),
        "quantity": np.ceil(capacity[resource] * rng.uniform(0.05, 0.5, b)),
        "status": np.where(rng.random(b) < 0.85, "confirmed", "cancelled"), "reason": "",
    })  # fmt: skip
    f = max(10, n // 2)
    requester = rng.integers(0, n, f)
    introducer = _near(rng, requester, n, 300.0)
    target = _near(rng, introducer, n, 300.0)
    status = _REFERRAL_STATUSES[rng.integers(0, _REFERRAL_STATUSES.size, f)]
    won = pl.Series(status) == "won"
    referrals = pl.DataFrame({
        "id": np.arange(1, f + 1), "requester_id": requester + 1, "introducer_id": introducer + 1,
        "target_kind": "actor", "target_actor_id": target + 1,
        "target_customer_id": _nulls(f, pl.Int64),
        "cooperation_id": _nulls(f, pl.Int64), "status": status,
        "value": pl.Series(np.round(rng.lognormal(3, 1, f), 2)).zip_with(
            won, _nulls(f, pl.Float64)),
        "note": "", "created": _stamp(now - rng.uniform(0, 365, f) * _DAY),
    })  # fmt: skip
    return {"resource": resources, "booking": bookings, "referral": referrals}


def generate(sizes: Sizes, *, seed: int = 1) -> Community:
    """The community's tables, in an order that loads parents before children."""
    rng = np.random.default_rng(seed)
    table = territory_table(indonesia())
    first = _actors(rng, table, sizes.actors)
    home = first.pop("_home")["home"].to_numpy()
    districts, regencies = demand(table, np.random.default_rng(seed))
    demand_frame = pl.DataFrame({
        "code": pl.concat([table.district_code, table.regency_code]),
        "demand": np.concatenate([districts, regencies]),
    })  # fmt: skip
    cooperations = _cooperations(rng, sizes.actors, table, home)
    tables = {
        **first,
        "tie": _ties(rng, sizes.actors, sizes.ties),
        "customer": _customers(rng, table, home, sizes.customers),
        **cooperations,
        **_posts_users(rng, sizes.actors, cooperations["membership"]),
        **_activity(rng, sizes.actors),
    }
    return Community(tables, demand_frame)

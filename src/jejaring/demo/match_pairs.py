"""Two customer lists with a known truth, for measuring matching (tests and bench/).

The same real-world customers (:func:`jejaring.demo.entities.entity_frame`) are typed by two
owners the way the demo's owners type them (:func:`jejaring.demo.customers.typed_customers`:
names respelled, phones and NPWP in varied formats, e-mail case changed or a colleague's
address, fields left blank, territory as district, regency or nothing). A pair is true when both
records stand for one real-world customer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.customers import typed_customers
from jejaring.demo.entities import entity_frame
from jejaring.demo.territories import demand, territory_table
from jejaring.domain.territories import Territory

__all__ = ["MatchPairs", "noisy_pairs"]

_COLUMNS = ("key", "name", "status", "email", "phone", "tax_id", "territory", "segment", "value")


@dataclass(frozen=True)
class MatchPairs:
    """Two lists in the ``customers.csv`` columns, and the true pairs (``left_key, right_key``)."""

    left: pl.DataFrame
    right: pl.DataFrame
    truth: pl.DataFrame


def _numbered(values: pl.Expr, mark: str) -> pl.Expr:
    """The second and later holders of one value get a number: ``x``, ``x-2``, ``x-3``...

    ``mark`` (a character the generated values never end a word with) keeps ``budisantoso``
    number 12 apart from the address ``budisantoso12`` someone already holds.
    """
    rank = pl.int_range(1, pl.len() + 1).over(values)
    return pl.when(rank == 1).then(pl.lit("")).otherwise(mark + rank.cast(pl.String))


def _own_contacts(entities: pl.DataFrame) -> pl.DataFrame:
    """Each corporate domain and each address held by one customer only, as in the world.

    The demo builds domains and addresses from names, so two firms called "Bumi Perkasa" would
    share ``bumiperkasa.co.id``; a real domain or mailbox has one holder, and the others get
    ``bumiperkasa-2.co.id`` or ``budisantoso_2@gmail.com``.
    """
    label, tld = (
        pl.col("domain").str.extract(r"^([^.]+)"),
        pl.col("domain").str.extract(r"^[^.]+(\..+)$"),
    )
    domain = (
        pl.when(pl.col("domain").is_null())
        .then(None)
        .otherwise(label + _numbered(pl.col("domain"), "-") + tld)
    )
    owned = entities.with_columns(
        email=pl.col("email").str.replace(r"@.*$", "")
        + "@"
        + pl.coalesce(domain, pl.col("email").str.extract(r"@(.*)$")),
        domain=domain,
    )
    local, at = pl.col("email").str.extract(r"^([^@]+)"), pl.col("email").str.extract(r"(@.*)$")
    return owned.with_columns(
        email=pl.when(pl.col("email").is_null())
        .then(None)
        .otherwise(local + _numbered(pl.col("email"), "_") + at)
    )


def noisy_pairs(
    territories: Iterable[Territory], *, records: int, shared: float = 0.4, seed: int = 0
) -> MatchPairs:
    """Two lists of ``records`` records each, a ``shared`` fraction of them the same customers.

    Customers are spread over the country in proportion to the demo's population-like demand,
    so a regency holds many records and names collide there as they do in real lists.
    """
    if records < 1 or not 0.0 <= shared <= 1.0:
        raise ValueError("records must be positive and shared within [0, 1]")
    streams = np.random.SeedSequence(seed).spawn(3)
    table = territory_table(territories)
    district_demand, _regency = demand(table, np.random.default_rng(streams[0]))
    rng = np.random.default_rng(streams[1])
    common = round(records * shared)
    entities = _own_contacts(entity_frame(rng, table, district_demand, 2 * records - common))
    order = rng.permutation(len(entities))
    left_ids, right_ids = order[:records], order[records - common : 2 * records - common]
    rng = np.random.default_rng(streams[2])
    sides = []
    for owner, ids in enumerate((left_ids, right_ids)):
        held = entities[np.sort(ids)].with_columns(owner_i=pl.lit(owner, dtype=pl.Int64))
        typed = typed_customers(rng, table, held, np.ones(len(held)))
        sides.append(typed.select("entity", *_COLUMNS))
    left, right = sides
    truth = left.join(right, on="entity", suffix="_right").select(
        pl.col("key").alias("left_key"), pl.col("key_right").alias("right_key")
    )
    return MatchPairs(left.drop("entity"), right.drop("entity"), truth.sort("left_key"))

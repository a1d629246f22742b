"""Customer lists: each actor's customers and prospects, drawn from the real-world customers near
it and typed the owner's way, so that account matching later has real work to do.

An owner draws customers mostly in its home regency, then its province and island, in
proportion to their popularity; a popular customer therefore appears in several lists, under
varied spellings, phone and NPWP formats, e-mail case, and with fields left blank.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.contacts import typed_npwp, typed_phones
from jejaring.demo.emails import typed_emails
from jejaring.demo.sampling import choose_in_groups, gather, group_ranges, split_words, where
from jejaring.demo.spellings import firm_spellings, person_spellings
from jejaring.demo.territories import TerritoryTable

__all__ = ["CUSTOMERS_PER_ACTOR", "customer_frame", "list_sizes", "typed_customers"]

# Median list length by kind (salesperson, entrepreneur, company, organisation); log-normal.
CUSTOMERS_PER_ACTOR = np.array([3.5, 2.2, 6.0, 0.6])
_SCOPE = (0.6, 0.32, 0.08)  # the customer's area: owner's regency, province, island
_FIRM_SEGMENTS = split_words("grosir ritel horeka korporat reseller instansi")
_FIRM_SEGMENT_P = np.array([25, 30, 15, 12, 12, 6], dtype=float)
_PERSON_SEGMENTS = split_words("perorangan ritel reseller")
_KEY_STYLES = ("C", "PLG-", "CUST")


def list_sizes(rng: np.random.Generator, kinds: np.ndarray) -> np.ndarray:
    """How many customers and prospects each actor holds: most a few, some many."""
    sizes: np.ndarray = np.floor(rng.lognormal(np.log(CUSTOMERS_PER_ACTOR[kinds]), 0.8))
    return sizes.astype(np.int64)


def _draw(
    rng: np.random.Generator, actors: pl.DataFrame, sizes: np.ndarray, entities: pl.DataFrame
) -> pl.DataFrame:
    owner = np.repeat(np.arange(len(actors)), sizes)
    scope = rng.choice(3, size=len(owner), p=_SCOPE)
    popularity = entities["popularity"].to_numpy()
    entity = rng.choice(len(entities), size=len(owner), p=popularity / popularity.sum())
    for level, column in enumerate(("regency_i", "province_i", "island_i")):
        groups = entities[column].to_numpy()
        wanted = actors[column].to_numpy()[owner[scope == level]]
        start, count = group_ranges(groups, int(max(groups.max(), wanted.max(initial=0))) + 1)
        mask = scope == level
        near = choose_in_groups(rng, popularity, start, count, wanted)
        entity[mask] = np.where(near >= 0, near, entity[mask])
    drawn = pl.DataFrame({"owner_i": owner, "entity": entity}).unique(maintain_order=True)
    return drawn.join(entities, on="entity", how="left", maintain_order="left")


def customer_frame(
    rng: np.random.Generator,
    table: TerritoryTable,
    actors: pl.DataFrame,
    sizes: np.ndarray,
    entities: pl.DataFrame,
) -> pl.DataFrame:
    """Customer records with the bundle's text columns, plus ``owner_i`` and ``entity``.

    ``sizes`` are the owners' list lengths (:func:`list_sizes`); a customer drawn twice for one
    owner is kept once, so lists may come out a little shorter.
    """
    held = _draw(rng, actors, sizes, entities)
    owner_scale = np.where(actors["kind_i"].to_numpy()[held["owner_i"].to_numpy()] == 2, 4.0, 1.0)
    return typed_customers(rng, table, held, owner_scale)


def typed_customers(
    rng: np.random.Generator, table: TerritoryTable, held: pl.DataFrame, value_scale: np.ndarray
) -> pl.DataFrame:
    """The records of ``held`` (real-world customers with an ``owner_i``) as their owners type
    them: name spelling, phone and NPWP format, e-mail case, territory level, blanks.

    ``value_scale`` multiplies each record's value (companies buy more).
    """
    n = len(held)
    person = held["person"].to_numpy()
    name = where(
        person,
        person_spellings(
            rng, held["first"], held["last"], held["female"].to_numpy(), held["muslim"].to_numpy()
        ),
        firm_spellings(rng, held["legal"], held["core"]),
    )
    style = gather(_KEY_STYLES, held["owner_i"].to_numpy() % 3)
    number = held.select(pl.int_range(1, pl.len() + 1).over("owner_i")).to_series().cast(pl.String)
    key = style + where(style == "C", number.str.zfill(4), number.str.zfill(3))
    segment = where(
        person,
        gather(_PERSON_SEGMENTS, rng.choice(3, n, p=[0.5, 0.3, 0.2])),
        gather(_FIRM_SEGMENTS, rng.choice(6, n, p=_FIRM_SEGMENT_P / _FIRM_SEGMENT_P.sum())),
    )
    where_typed = rng.choice(3, n, p=[0.55, 0.3, 0.15])  # district, regency, or left blank
    district, regency = held["district_i"].to_numpy(), held["regency_i"].to_numpy()
    territory = where(
        where_typed == 0,
        table.district_code.gather(district),
        where(
            where_typed == 1,
            table.regency_code.gather(regency),
            pl.Series([None] * n, dtype=pl.String),
        ),
    )
    prospect = rng.random(n) < 0.28
    value = np.round(rng.lognormal(np.log(12e6), 1.0, n) * value_scale, -3)
    value_text = pl.Series(value.astype(np.int64)).cast(pl.String)
    blank = pl.Series([None] * n, dtype=pl.String)
    phone = held["phone"]
    return pl.DataFrame(
        {
            "owner_i": held["owner_i"],
            "entity": held["entity"],
            "key": key,
            "name": name,
            "status": where(prospect, "prospect", "customer"),
            "email": typed_emails(rng, held["email"], held["domain"]),
            "phone": where(
                phone.is_null().to_numpy() | (rng.random(n) < 0.1),
                blank,
                typed_phones(rng, phone.fill_null("800000000")),
            ),
            "tax_id": where(
                held["npwp"].is_null().to_numpy() | (rng.random(n) < 0.35),
                blank,
                typed_npwp(rng, held["npwp"].fill_null("0" * 15)),
            ),
            "territory": territory,
            "segment": segment,
            "value": where(prospect & (rng.random(n) < 0.5), blank, value_text),
        }
    )

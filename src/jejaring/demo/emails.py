"""E-mail addresses: free-mail for people and small shops, a corporate domain for many firms.

The same address is later typed with its case changed, a colleague's address at the same
corporate domain is given instead, or it is left out, as happens in real customer lists.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import gather, split_words, where

__all__ = ["FREE_MAIL", "firm_emails", "person_emails", "slug", "typed_emails"]

FREE_MAIL = split_words(
    "gmail.com yahoo.co.id yahoo.com hotmail.com outlook.com ymail.com icloud.com live.com"
)
_FREE_WEIGHTS = np.array([60, 12, 9, 5, 5, 3, 3, 3], dtype=float)
_ROLES = split_words("info admin sales cs purchasing finance kontak marketing order")
_TLDS = split_words("co.id com id")


def slug(text: pl.Series) -> pl.Series:
    """Lower-case letters and digits only, as in an address."""
    return text.str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


def _free(rng: np.random.Generator, n: int) -> pl.Series:
    return gather(FREE_MAIL, rng.choice(len(FREE_MAIL), n, p=_FREE_WEIGHTS / _FREE_WEIGHTS.sum()))


def _number(rng: np.random.Generator, n: int, low: int, high: int) -> pl.Series:
    return pl.Series(rng.integers(low, high, n)).cast(pl.String)


def person_emails(rng: np.random.Generator, first: pl.Series, last: pl.Series) -> pl.Series:
    """Free-mail addresses built from a person's names: budi.santoso@gmail.com, budis88@..."""
    n = len(first)
    f, g = slug(first), slug(last)
    local = pl.DataFrame({"style": rng.integers(0, 6, n)}).select(
        pl.concat_list(
            [
                pl.lit(f + "." + g),
                pl.lit(f + g),
                pl.lit(f + "_" + g),
                pl.lit(f + g + _number(rng, n, 10, 99)),
                pl.lit(f + "." + g + _number(rng, n, 70, 99)),
                pl.lit(f + g.str.slice(0, 1) + _number(rng, n, 100, 999)),
            ]
        ).list.get(pl.col("style"))
    )
    return local.to_series() + "@" + _free(rng, n)


def firm_emails(
    rng: np.random.Generator, legal: pl.Series, core: pl.Series
) -> tuple[pl.Series, pl.Series]:
    """Addresses of firms, and the corporate domain (null for free-mail ones)."""
    n = len(core)
    stem = slug(core).str.slice(0, 24)
    tld = gather(_TLDS, rng.choice(3, n, p=[0.5, 0.35, 0.15]))
    # Two firms of one name get two domains (majujaya.co.id, majujaya2.co.id), as registrars
    # would have it: a shared domain would join unrelated customers.
    taken = pl.DataFrame({"stem": stem, "tld": tld}).select(
        pl.int_range(pl.len()).over("stem", "tld")
    )
    nth = taken.to_series()
    domain = stem + where(nth.to_numpy() > 0, (nth + 1).cast(pl.String), "") + "." + tld
    # Registered firms more often have their own domain than shops do.
    formal = legal.is_in(["PT", "CV", "Koperasi"]).to_numpy()
    corporate = rng.random(n) < np.where(formal, 0.6, 0.15)
    corporate_email = gather(_ROLES, rng.integers(0, len(_ROLES), n)) + "@" + domain
    free_local = where(rng.random(n) < 0.5, slug(legal + core), slug(core) + _number(rng, n, 1, 99))
    email = where(corporate, corporate_email, free_local + "@" + _free(rng, n))
    return email, where(corporate, domain, pl.Series([None] * n, dtype=pl.String))


def typed_emails(rng: np.random.Generator, email: pl.Series, domain: pl.Series) -> pl.Series:
    """Addresses as one holder typed them: as is, case changed, a colleague's, or blank."""
    n = len(email)
    style = rng.choice(5, n, p=[0.55, 0.15, 0.08, 0.07, 0.15])
    colleague = gather(_ROLES, rng.integers(0, len(_ROLES), n)) + "@" + domain
    frame = pl.DataFrame({"e": email, "c": colleague, "s": style})
    e, s = pl.col("e"), pl.col("s")
    return frame.select(
        pl.when(s == 1)
        .then(e.str.to_titlecase())
        .when(s == 2)
        .then(e.str.to_uppercase())
        .when((s == 3) & pl.col("c").is_not_null())
        .then(pl.col("c"))
        .when(s == 4)
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(e)
        .alias("email")
    ).to_series()

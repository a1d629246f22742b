"""Matching two customer lists: exact keys first, then fuzzy names within a regency (DESIGN §6).

Rules, strongest first: ``tax_id`` (NPWP digits), ``email`` (the address case-folded),
``phone`` (E.164), ``domain`` (the same corporate e-mail domain; free-mail excluded), and
``name`` (legal forms, shop words, honorifics and punctuation removed, fuzzy within the same
regency). A name is only the fallback: it is compared for records that no exact key joined, so
a record joined by its phone never also collects a look-alike by name; and a name never joins
two records whose identifiers contradict each other (see :mod:`jejaring.privacy.names`).
"""

from __future__ import annotations

import polars as pl

from jejaring.privacy.keys import KINDS, exact_keys, prepared
from jejaring.privacy.names import NAME_THRESHOLD, name_pairs
from jejaring.privacy.normalise import (
    districts,
    email_domains,
    emails,
    legal_forms,
    names,
    phones,
    regencies,
    tax_ids,
)

__all__ = ["MATCH_SCHEMA", "NAME_THRESHOLD", "RULES", "exact_pairs", "match_records"]

RULES = (*KINDS, "name")
MATCH_SCHEMA = {
    "left_key": pl.String,
    "right_key": pl.String,
    "rule": pl.String,
    "score": pl.Float64,
}


def exact_pairs(left_keys: pl.DataFrame, right_keys: pl.DataFrame) -> pl.DataFrame:
    """``left_key, right_key, rule`` of two :func:`~jejaring.privacy.keys.exact_keys` frames.

    A pair sharing keys of several kinds is given once, under the strongest kind.
    """
    rank = {kind: i for i, kind in enumerate(KINDS)}
    joined = left_keys.lazy().join(
        right_keys.lazy(), on=["kind", "value"], how="inner", suffix="_right"
    )
    best = (
        joined.select(
            pl.col("key").alias("left_key"),
            pl.col("key_right").alias("right_key"),
            pl.col("kind").replace_strict(rank, return_dtype=pl.UInt8).alias("rank"),
        )
        .group_by("left_key", "right_key")
        .agg(pl.col("rank").min())
    )
    return best.select(
        "left_key",
        "right_key",
        pl.col("rank").replace_strict(dict(enumerate(KINDS)), return_dtype=pl.String).alias("rule"),
    ).collect()


def _name_fields(frame: pl.DataFrame, matched: pl.Series) -> pl.DataFrame:
    return frame.filter(~pl.col("key").is_in(matched.implode())).select(
        "key",
        name=names(pl.col("name")),
        regency=regencies(pl.col("territory")),
        district=districts(pl.col("territory")),
        form=legal_forms(pl.col("name")),
        domain=email_domains(pl.col("email")),
        email=emails(pl.col("email")),
        phone=phones(pl.col("phone")),
        taxed=tax_ids(pl.col("tax_id")).is_not_null(),
    )


def match_records(
    left: pl.DataFrame, right: pl.DataFrame, *, name_threshold: int = NAME_THRESHOLD
) -> pl.DataFrame:
    """Matched pairs of two customer lists: ``left_key, right_key, rule, score``.

    Both frames have the ``customers.csv`` columns of DESIGN §7 (``key`` required, every field
    nullable, extra columns such as ``owner`` ignored). One row per matched pair, under the
    strongest rule that fired (``RULES`` order); ``score`` is 1.0 for an exact key and the name
    similarity (0-1, at least ``name_threshold``/100) for ``name``. Sorted by the two keys.
    """
    lfields, rfields = prepared(left), prepared(right)
    exact = exact_pairs(exact_keys(lfields), exact_keys(rfields)).with_columns(score=pl.lit(1.0))
    fuzzy = name_pairs(
        _name_fields(lfields, exact["left_key"]),
        _name_fields(rfields, exact["right_key"]),
        threshold=name_threshold,
    ).select("left_key", "right_key", pl.lit("name").alias("rule"), "score")
    pairs = pl.concat([exact.select(MATCH_SCHEMA.keys()), fuzzy]).cast(MATCH_SCHEMA)  # type: ignore[arg-type]
    return pairs.sort("left_key", "right_key")

"""The exact keys of a customer list: what two lists can be joined on without looking at names.

Each record gives up to four keys, one per kind — its NPWP, e-mail address, phone number and
corporate e-mail domain — each normalised by :mod:`jejaring.privacy.normalise`. Exact matching
joins two lists on them; private set intersection compares them blinded.
"""

from __future__ import annotations

import polars as pl

from jejaring.privacy.normalise import email_domains, emails, phones, tax_ids

__all__ = ["KINDS", "exact_keys", "prepared"]

# Strongest evidence first: a pair found under several kinds is reported under the first.
KINDS = ("tax_id", "email", "phone", "domain")
FIELDS = ("name", "email", "phone", "tax_id", "territory")


def prepared(frame: pl.DataFrame) -> pl.DataFrame:
    """``key`` and the fields the rules read, as text; a missing field column counts as empty."""
    if "key" not in frame.columns:
        raise ValueError("a customer frame needs a 'key' column")
    missing = [pl.lit(None, dtype=pl.String).alias(f) for f in FIELDS if f not in frame.columns]
    return frame.with_columns(missing).select(
        pl.col("key").cast(pl.String), *(pl.col(f).cast(pl.String) for f in FIELDS)
    )


def exact_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per record and key it carries: ``key``, ``kind`` (see ``KINDS``), ``value``.

    ``frame`` has the ``customers.csv`` columns (extra ones are ignored, missing field columns
    count as empty). Rows are distinct; records with no usable key give no rows.
    """
    fields = prepared(frame)
    values = fields.lazy().select(
        "key",
        tax_id=tax_ids(pl.col("tax_id")),
        email=emails(pl.col("email")),
        phone=phones(pl.col("phone")),
        domain=email_domains(pl.col("email")),
    )
    long = values.unpivot(index="key", on=list(KINDS), variable_name="kind", value_name="value")
    return (
        long.filter(pl.col("value").is_not_null() & pl.col("key").is_not_null())
        .unique(maintain_order=True)
        .collect()
    )

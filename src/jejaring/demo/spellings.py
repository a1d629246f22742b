"""How one customer's name gets written in different lists: legal form moved, dotted, dropped,
case changed, an honorific added, a letter lost. Vectorised: each row picks one spelling.
"""

from __future__ import annotations

import numpy as np
import polars as pl

__all__ = ["firm_spellings", "person_spellings"]

# PT, CV and UD are written with or without a dot and also after the name ("Maju Jaya, CV").
_MOVABLE = ["PT", "CV", "UD"]
_SHORT = {
    "Toko": "Tk.",
    "Koperasi": "Kop.",
    "Warung": "Wr.",
    "Apotek": "Apt.",
    "Toko Bangunan": "TB",
}
_FIRM_WEIGHTS = np.array([35, 12, 10, 10, 10, 5, 8, 5, 5], dtype=float)
_PERSON_WEIGHTS = np.array([35, 12, 8, 10, 8, 8, 7, 6, 6], dtype=float)


def _drop_letter(text: pl.Expr, rng: np.random.Generator, n: int) -> pl.Expr:
    """The text with one letter (not the first or last) left out: a typing slip."""
    at = pl.lit(pl.Series(rng.random(n))) * (text.str.len_chars() - 2) + 1
    at = at.floor().cast(pl.Int64)
    return text.str.slice(0, at) + text.str.slice(at + 1)


def firm_spellings(rng: np.random.Generator, legal: pl.Series, core: pl.Series) -> pl.Series:
    """One spelling per row of the firm ``legal`` + ``core`` (``legal`` may be empty)."""
    n = len(core)
    frame = pl.DataFrame(
        {"l": legal, "c": core, "s": rng.choice(9, n, p=_FIRM_WEIGHTS / _FIRM_WEIGHTS.sum())}
    )
    lg, c, s = pl.col("l"), pl.col("c"), pl.col("s")
    plain = pl.when(lg == "").then(c).otherwise(lg + " " + c)
    movable = lg.is_in(_MOVABLE)
    short = lg.replace_strict(_SHORT, default=None, return_dtype=pl.String)
    spelled = (
        pl.when((s == 1) & movable)
        .then(lg + ". " + c)
        .when((s == 2) & movable)
        .then(c + ", " + lg)
        .when(s == 3)
        .then(pl.when(movable).then(lg + ". " + c).otherwise(plain).str.to_uppercase())
        .when(s == 4)
        .then(c)
        .when(s == 5)
        .then(plain.str.to_lowercase())
        .when(s == 6)
        .then(pl.when(lg == "").then(pl.lit("")).otherwise(lg + " ") + _drop_letter(c, rng, n))
        .when((s == 7) & short.is_not_null())
        .then(short + " " + c)
        .when((s == 8) & (lg != ""))
        .then(lg + "  " + c)
        .otherwise(plain)
    )
    return frame.select(spelled.alias("name")).to_series()


def person_spellings(
    rng: np.random.Generator,
    first: pl.Series,
    last: pl.Series,
    female: np.ndarray,
    muslim: np.ndarray,
) -> pl.Series:
    """A spelling per row of a person's name: "Bapak Budi Santoso", "BUDI SANTOSO", "Budi S."."""
    n = len(first)
    frame = pl.DataFrame(
        {
            "f": first,
            "g": last,
            "w": female,
            "m": muslim,
            "s": rng.choice(9, n, p=_PERSON_WEIGHTS / _PERSON_WEIGHTS.sum()),
        }
    )
    f, g, w, s = pl.col("f"), pl.col("g"), pl.col("w"), pl.col("s")
    plain = f + " " + g
    spelled = (
        pl.when(s == 1)
        .then(pl.when(w).then(pl.lit("Ibu ")).otherwise(pl.lit("Bapak ")) + plain)
        .when(s == 2)
        .then(pl.when(w).then(pl.lit("Ibu ")).otherwise(pl.lit("Bpk. ")) + plain)
        .when(s == 3)
        .then(plain.str.to_uppercase())
        .when(s == 4)
        .then(f + " " + g.str.slice(0, 1) + ".")
        .when((s == 5) & pl.col("m"))
        .then(pl.when(w).then(pl.lit("Hj. ")).otherwise(pl.lit("H. ")) + plain)
        .when(s == 6)
        .then(pl.when(w).then(pl.lit("Bu ")).otherwise(pl.lit("Pak ")) + f)
        .when(s == 7)
        .then(_drop_letter(plain, rng, n))
        .when(s == 8)
        .then(g + ", " + f)
        .otherwise(plain)
    )
    return frame.select(spelled.alias("name")).to_series()

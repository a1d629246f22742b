"""Phone numbers and NPWP (tax ids) as a real-world customer has them, and as people type them.

Phones are Indonesian mobiles: a real operator prefix (0811-0899) and 7 to 9 more digits, kept
as the national number without the leading 0 (``8123456789``) and written in the ways seen in
customer lists: ``0812...``, ``62812...``, ``+62 812-3456-7890``, ``0812 3456 7890``...
NPWP are 15 digits for firms (``01.234.567.8-901.000`` formatted, or bare digits; since 2024
also as 16 digits with a leading 0) and, for people, the 16-digit NIK, which starts with the
code of the district where it was issued.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import gather, split_words

__all__ = ["firm_npwp", "person_npwp", "phone_numbers", "typed_npwp", "typed_phones"]

# Prefixes by operator: Telkomsel, Indosat, XL, Axis, Tri, Smartfren; weights ~ market shares.
_PREFIXES = split_words(
    "811 812 813 821 822 823 851 852 853 814 815 816 855 856 857 858 817 818 819 859 877 878 "
    "831 832 833 838 895 896 897 898 899 881 882 883 884 885 886 887 888 889"
)
_PREFIX_WEIGHTS = np.array(
    [5, 9, 8, 6, 5, 4, 4, 4, 3] + [2, 2, 2, 3, 4, 4, 3] + [3] * 6 + [1.5] * 4 + [2] * 5 + [0.6] * 9
)
_PHONE_STYLE = np.array([22, 10, 10, 12, 14, 12, 4, 4, 6, 6], dtype=float)


def phone_numbers(rng: np.random.Generator, n: int) -> pl.Series:
    """``n`` mobile numbers as national digits without the leading 0."""
    prefix = gather(
        _PREFIXES, rng.choice(len(_PREFIXES), n, p=_PREFIX_WEIGHTS / _PREFIX_WEIGHTS.sum())
    )
    length = rng.choice([7, 8, 9], size=n, p=[0.2, 0.65, 0.15])
    subscriber = rng.integers(10 ** (length - 1), 10**length, dtype=np.int64)
    return prefix + pl.Series(subscriber).cast(pl.String)


def typed_phones(rng: np.random.Generator, national: pl.Series) -> pl.Series:
    """The numbers written the way people write them in a customer list."""
    n = pl.col("n")
    p3, a, b = n.str.slice(0, 3), n.str.slice(3, 4), n.str.slice(7)
    styles = [
        "0" + n,
        "62" + n,
        "+62" + n,
        "+62 " + p3 + "-" + a + "-" + b,
        "0" + p3 + "-" + a + "-" + b,
        "0" + p3 + " " + a + " " + b,
        "(+62) " + p3 + " " + a + " " + b,
        "62-" + p3 + "-" + a + "-" + b,
        "+62 " + p3 + " " + a + b,
        "0" + p3 + "." + a + "." + b,
    ]
    style = rng.choice(len(styles), size=len(national), p=_PHONE_STYLE / _PHONE_STYLE.sum())
    frame = pl.DataFrame({"n": national, "style": style})
    return frame.select(pl.concat_list(styles).list.get(pl.col("style")).alias("phone")).to_series()


def _digits(rng: np.random.Generator, n: int, width: int) -> pl.Series:
    return pl.Series(rng.integers(0, 10**width, n, dtype=np.int64)).cast(pl.String).str.zfill(width)


def firm_npwp(rng: np.random.Generator, n: int) -> pl.Series:
    """15-digit NPWP: taxpayer type, serial, check digit, tax office, and 000 (head office)."""
    kind = gather(split_words("01 02 03 21 31 66 70 80 90"), rng.integers(0, 9, n))
    branch = pl.Series(np.where(rng.random(n) < 0.9, "000", "001"))
    return kind + _digits(rng, n, 7) + _digits(rng, n, 3) + branch


def person_npwp(rng: np.random.Generator, district: pl.Series, female: np.ndarray) -> pl.Series:
    """A person's 16-digit NIK: district code, birth date (day + 40 for women), serial."""
    n = len(district)
    day = rng.integers(1, 29, n) + np.where(female, 40, 0)
    month, year = rng.integers(1, 13, n), rng.integers(50, 100, n)
    birth = day * 10_000 + month * 100 + year
    return (
        district.str.replace_all(".", "", literal=True).str.slice(0, 6).str.pad_end(6, "0")
        + pl.Series(birth).cast(pl.String).str.zfill(6)
        + pl.Series(rng.integers(1, 3000, n)).cast(pl.String).str.zfill(4)
    )


def typed_npwp(rng: np.random.Generator, digits: pl.Series) -> pl.Series:
    """NPWP as typed: 15 digits formatted or bare, or 16 digits with a leading 0, bare."""
    d = pl.col("d")
    dotted = pl.concat_str(
        d.str.slice(0, 2),
        pl.lit("."),
        d.str.slice(2, 3),
        pl.lit("."),
        d.str.slice(5, 3),
        pl.lit("."),
        d.str.slice(8, 1),
        pl.lit("-"),
        d.str.slice(9, 3),
        pl.lit("."),
        d.str.slice(12, 3),
    )
    style = rng.choice(3, size=len(digits), p=[0.5, 0.35, 0.15])
    frame = pl.DataFrame({"d": digits, "style": style})
    fifteen = pl.col("d").str.len_chars() == 15
    return frame.select(
        pl.when(fifteen & (pl.col("style") == 0))
        .then(dotted)
        .when(fifteen & (pl.col("style") == 2))
        .then("0" + d)
        .otherwise(d)
        .alias("tax_id")
    ).to_series()

"""People: given and second names drawn from the naming traditions common in their province."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.names import CULTURES, culture_weights
from jejaring.demo.sampling import draw_from_lists, per_row_choice

__all__ = ["People", "people"]

_FEMALE_SHARE = 0.45


@dataclass(frozen=True)
class People:
    """Names of ``n`` people: parallel columns, one row per person."""

    first: pl.Series
    last: pl.Series
    female: np.ndarray
    muslim: np.ndarray  # the tradition uses hajj titles (H./Hj.)

    @property
    def full(self) -> pl.Series:
        return (self.first + " " + self.last).alias("name")


def people(rng: np.random.Generator, province: np.ndarray, province_codes: list[str]) -> People:
    """Names for people living in the provinces at indices ``province``."""
    weights = np.array(culture_weights(province_codes))
    culture = per_row_choice(rng, weights[province])
    female = rng.random(len(province)) < _FEMALE_SHARE
    # Lists are ordered (culture, sex): index 2 * culture + sex picks one.
    which = 2 * culture + female.astype(np.int64)
    first = [words for c in CULTURES for words in (c.male, c.female)]
    last = [words for c in CULTURES for words in (c.male_last, c.female_last or c.male_last)]
    muslim = np.array([c.muslim for c in CULTURES])[culture]
    return People(
        draw_from_lists(rng, first, which), draw_from_lists(rng, last, which), female, muslim
    )

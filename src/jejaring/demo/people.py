"""People: given and second names drawn from the naming traditions common in their province."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.names import CULTURES
from jejaring.demo.sampling import draw_from_lists, per_row_choice

__all__ = ["People", "culture_weights", "people"]

# Shares of the traditions among people living in a province, before normalising: everyone
# migrates (Javanese, Chinese-Indonesian and Arabic-derived names are found everywhere), and a
# province's own tradition dominates at home. Keys are province codes or their first digit.
_BASE = {
    "javanese": 6,
    "sundanese": 1,
    "arabic": 4,
    "chinese_indonesian": 1.5,
    "batak": 1,
    "minang": 1,
    "bugis_makassar": 1,
    "minahasa_maluku": 0.5,
}
_HOME: dict[str, dict[str, float]] = {
    "11": {"arabic": 40},
    "12": {"batak": 30, "chinese_indonesian": 4},
    "13": {"minang": 60},
    "14": {"minang": 6, "chinese_indonesian": 3},
    "21": {"chinese_indonesian": 5, "minang": 4},
    "19": {"chinese_indonesian": 8},
    "31": {"chinese_indonesian": 4, "sundanese": 4},
    "32": {"sundanese": 35},
    "36": {"sundanese": 20},
    "33": {"javanese": 40},
    "34": {"javanese": 40},
    "35": {"javanese": 35},
    "51": {"balinese": 60},
    "52": {"arabic": 25},
    "53": {"minahasa_maluku": 25},
    "61": {"chinese_indonesian": 8},
    "6": {"arabic": 6, "bugis_makassar": 3},
    "71": {"minahasa_maluku": 50},
    "73": {"bugis_makassar": 45},
    "7": {"bugis_makassar": 15, "arabic": 6},
    "8": {"minahasa_maluku": 15, "arabic": 8},
    "9": {"papuan": 30, "minahasa_maluku": 6},
}


def culture_weights(province_codes: list[str]) -> list[list[float]]:
    """A row of weights over ``CULTURES`` for each province code."""
    rows = []
    for code in province_codes:
        weights = dict(_BASE)
        for key in (code[:1], code):  # the island group's, then the province's own shares
            for culture, value in _HOME.get(key, {}).items():
                weights[culture] = weights.get(culture, 0) + value
        rows.append([float(weights.get(c.key, 0)) for c in CULTURES])
    return rows


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

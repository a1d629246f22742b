"""Capability self-assessments on the shipped instrument, with plausible reliability.

Answers follow a small factor model: an actor has a general network capability, each of its
four components (Walter, Auer & Ritter 2006) leans on it, respondents of one actor see it a
little differently, and each item measures its component with noise. Items of a component
therefore correlate (Cronbach's alpha about 0.8-0.9) and components correlate with each other.
A second wave, half a year later, shows a small improvement; a few answers are left blank.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import polars as pl

from jejaring.demo.calendar import dates
from jejaring.demo.sampling import gather

__all__ = ["Instrument", "assessment_frame", "instrument"]

_SHARE_ASSESSED = np.array([0.1, 0.15, 0.35, 0.4])  # by actor kind
_RESPONDENTS = (np.array([1, 1, 2, 2]), np.array([1, 2, 5, 4]))  # fewest, most, by kind
_ROLES = (
    "pemilik",
    "manajer penjualan",
    "staf pemasaran",
    "manajer operasional",
    "staf administrasi",
)


@dataclass(frozen=True)
class Instrument:
    """The instrument's version, its item ids and each item's component index."""

    version: str
    items: tuple[str, ...]
    component: np.ndarray


@cache
def instrument() -> Instrument:
    """The network capability instrument shipped in the package (``data/instruments``)."""
    path = files("jejaring") / "data" / "instruments" / "network_capability.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    components = [c["key"] for c in data["components"]]
    items = tuple(item["id"] for item in data["items"])
    index = np.array([components.index(item["component"]) for item in data["items"]])
    return Instrument(str(data["version"]), items, index)


def assessment_frame(rng: np.random.Generator, actors: pl.DataFrame) -> pl.DataFrame:
    """A row per respondent and wave: actor key, version, respondent, date, a column per item."""
    inst = instrument()
    kind = actors["kind_i"].to_numpy()
    assessed = np.flatnonzero(rng.random(len(actors)) < _SHARE_ASSESSED[kind])
    general = rng.normal(0.0, 1.0, len(assessed))
    components = 0.6 * general[:, None] + 0.8 * rng.normal(0.0, 1.0, (len(assessed), 4))
    low, high = _RESPONDENTS[0][kind[assessed]], _RESPONDENTS[1][kind[assessed]]
    size = rng.integers(low, high + 1)
    who = np.repeat(np.arange(len(assessed)), size)
    rank = np.arange(len(who)) - np.repeat(np.cumsum(size) - size, size)
    second = rng.random(len(assessed)) < 0.25
    wave = np.concatenate(
        [np.zeros(len(who), dtype=np.int64), np.ones(int(second[who].sum()), dtype=np.int64)]
    )
    who, rank = np.concatenate([who, who[second[who]]]), np.concatenate([rank, rank[second[who]]])
    seen = components[who] + 0.5 * rng.normal(0.0, 1.0, (len(who), 4)) + 0.3 * wave[:, None]
    latent = seen[:, inst.component] + 1.0 * rng.normal(0.0, 1.0, (len(who), len(inst.items)))
    answers = np.clip(np.rint(4.4 + 1.1 * latent), 1, 7).astype(np.int64)
    blank = rng.random(answers.shape) < 0.02
    first_day = rng.integers(200, 700, len(assessed))[who]
    frame = pl.DataFrame(
        {
            "actor": actors["key"].gather(assessed[who]),
            "instrument_version": [inst.version] * len(who),
            "respondent": gather(_ROLES, np.minimum(rank, len(_ROLES) - 1)),
            "taken_at": dates(first_day - 180 * wave),
        }
    )
    item_columns = {
        item: pl.Series(np.where(blank[:, i], 0, answers[:, i])).replace(0, None).cast(pl.Int8)
        for i, item in enumerate(inst.items)
    }
    return frame.with_columns(**item_columns)

"""Business and organisation names: legal forms, shop words, and the words Indonesian firms use.

A business name is kept in two parts, its legal form or shop word (``legal``, possibly empty)
and the rest (``core``), because customer records later spell the same firm in different ways
("PT Sinar Jaya Abadi", "Sinar Jaya Abadi, PT", "PT. SINAR JAYA ABADI").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.sampling import draw_from_lists, gather, split_words, where
from jejaring.demo.sectors import SECTORS

__all__ = ["LEGAL_FORMS", "Firms", "businesses", "organizations"]

_START = split_words(
    "Sinar Cahaya Sumber Bintang Karya Mitra Surya Citra Anugerah Graha Bumi Samudra Putra "
    "Eka Dwi Tri Berkah Maju Harapan Mega Indo Pelita Tunas Kurnia Adi"
)
_MIDDLE = split_words(
    "Jaya Makmur Abadi Sentosa Mandiri Sejahtera Bersama Mulia Agung Utama Prima Perkasa "
    "Rejeki Lancar Indah Nusantara Baru Setia Terang Kencana Sakti Cemerlang Mas Barokah"
)
_END = split_words(
    "Abadi Sentosa Makmur Lestari Perkasa Gemilang Sejahtera Mandiri Utama Indonesia Sukses "
    "Raya Persada Jaya"
)
# The legal forms (and "shop" for a sector's shop word, "" for none) a business may carry.
LEGAL_FORMS = ("PT", "CV", "UD", "Koperasi", "shop", "")
_COOPERATIVE = split_words("Serba_Usaha Produsen Pemasaran Konsumen Unit_Desa Simpan_Pinjam")
_ASSOCIATION = split_words(
    "Asosiasi_Pengusaha Himpunan_Pengusaha Ikatan_Pedagang Asosiasi_Pelaku_Usaha "
    "Perkumpulan_Pengusaha"
)
_OTHER_ORG = split_words("Forum_UMKM Paguyuban_Pedagang_Pasar Inkubator_Bisnis Asosiasi_UMKM")


@dataclass(frozen=True)
class Firms:
    """Parallel columns: the legal form or shop word (may be empty) and the rest of the name."""

    legal: pl.Series
    core: pl.Series

    @property
    def name(self) -> pl.Series:
        frame = pl.DataFrame({"legal": self.legal, "core": self.core})
        joined = pl.concat_str(pl.col("legal"), pl.col("core"), separator=" ")
        return frame.select(
            pl.when(pl.col("legal") == "").then(pl.col("core")).otherwise(joined).alias("name")
        ).to_series()


def _pick(rng: np.random.Generator, words: tuple[str, ...], n: int) -> pl.Series:
    return gather(words, rng.integers(0, len(words), n))


def _core(rng: np.random.Generator, sector: np.ndarray) -> pl.Series:
    """Two or three auspicious words, sometimes ending with a word of the firm's sector."""
    n = len(sector)
    start, middle, end = _pick(rng, _START, n), _pick(rng, _MIDDLE, n), _pick(rng, _END, n)
    firm_word = draw_from_lists(rng, [s.firm for s in SECTORS], sector)
    pattern = rng.choice(3, size=n, p=[0.4, 0.3, 0.3])
    third = where(pattern == 2, firm_word, end)
    third = where((pattern == 0) | (third == middle).to_numpy(), "", third)
    return (start + " " + middle + " " + third).str.strip_chars()


def businesses(
    rng: np.random.Generator,
    sector: np.ndarray,
    owner_first: pl.Series,
    owner_female: np.ndarray,
    legal_weights: tuple[float, ...],
) -> Firms:
    """Businesses of the given sectors; ``legal_weights`` are over ``LEGAL_FORMS``."""
    n = len(sector)
    p = np.array(legal_weights) / sum(legal_weights)
    legal = gather(LEGAL_FORMS, rng.choice(len(LEGAL_FORMS), size=n, p=p))
    shop = draw_from_lists(rng, [s.shops for s in SECTORS], sector)
    core = _core(rng, sector)
    # "Warung Bu Sri", "Bengkel Pak Joko": a shop named after its owner.
    owner = where(owner_female, "Bu ", "Pak ") + owner_first.str.split(" ").list.last()
    is_shop = (legal == "shop").to_numpy()
    core = where(is_shop & (rng.random(n) < 0.35), owner, core)
    return Firms(where(is_shop, shop, legal), core)


def organizations(rng: np.random.Generator, sector: np.ndarray, place: pl.Series) -> pl.Series:
    """Cooperatives, associations and forums of a sector, named after their place."""
    n = len(sector)
    label = gather([s.label for s in SECTORS], sector)
    kind = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    cooperative = "Koperasi " + _pick(rng, _COOPERATIVE, n) + " " + _core(rng, sector)
    association = _pick(rng, _ASSOCIATION, n) + " " + label + " " + place
    other = _pick(rng, _OTHER_ORG, n) + " " + place
    return where(kind == 0, cooperative, where(kind == 1, association, other)).alias("name")

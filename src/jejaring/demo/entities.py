"""Real-world customers: the firms and people that actors sell to, before anyone types them in.

One row is one real customer with its canonical name, phone, e-mail and NPWP and a popularity:
a popular wholesaler or hotel is a customer of many actors, a household of one. Each actor's
customer list is then drawn from these (see :mod:`jejaring.demo.customers`), which is how the
same customer ends up in several lists, spelled differently in each.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.contacts import firm_npwp, person_npwp, phone_numbers
from jejaring.demo.emails import firm_emails, person_emails
from jejaring.demo.firms import businesses
from jejaring.demo.people import people
from jejaring.demo.sampling import where
from jejaring.demo.sectors import SECTORS
from jejaring.demo.territories import TerritoryTable

__all__ = ["entity_frame"]

_PERSON_SHARE = 0.35
# Over firms.LEGAL_FORMS: PT, CV, UD, Koperasi, a shop word, none.
_LEGAL = (22, 22, 12, 4, 30, 10)


def _null(series: pl.Series, missing: np.ndarray) -> pl.Series:
    return where(missing, pl.Series([None] * len(series), dtype=pl.String), series)


def entity_frame(
    rng: np.random.Generator, table: TerritoryTable, district_demand: np.ndarray, n: int
) -> pl.DataFrame:
    """``n`` real-world customers, sorted by district (so by regency and province too)."""
    district = np.sort(
        rng.choice(len(district_demand), n, p=district_demand / district_demand.sum())
    )
    regency = table.district_regency[district]
    province = table.regency_province[regency]
    person = rng.random(n) < _PERSON_SHARE
    sector_weight = np.array([s.weight for s in SECTORS])
    sector = rng.choice(len(SECTORS), n, p=sector_weight / sector_weight.sum())
    who = people(rng, province, table.province_code.to_list())
    firms = businesses(rng, sector, who.first, who.female, _LEGAL)
    legal = where(person, "", firms.legal)
    p_email = person_emails(rng, who.first, who.last)
    f_email, f_domain = firm_emails(rng, firms.legal, firms.core)
    email = where(person, p_email, f_email)
    domain = where(person, pl.Series([None] * n, dtype=pl.String), f_domain)
    registered = firms.legal.is_in(["PT", "CV", "UD", "Koperasi"]).to_numpy()
    has_npwp = rng.random(n) < np.where(person, 0.4, np.where(registered, 1.0, 0.4))
    district_code = table.district_code.gather(district)
    npwp = where(person, person_npwp(rng, district_code, who.female), firm_npwp(rng, n))
    return pl.DataFrame(
        {
            "entity": np.arange(n),
            "district_i": district,
            "regency_i": regency,
            "province_i": province,
            "island_i": table.province_island[province],
            "person": person,
            "legal": legal,
            "core": firms.core,
            "first": who.first,
            "last": who.last,
            "female": who.female,
            "muslim": who.muslim,
            "phone": _null(phone_numbers(rng, n), rng.random(n) < 0.05),
            "email": _null(email, rng.random(n) < np.where(person, 0.3, 0.15)),
            "domain": domain,
            "npwp": _null(npwp, ~has_npwp),
            # A wholesaler or a hotel buys from many actors, a household from one or two.
            "popularity": np.minimum(rng.pareto(1.3, n) + 1.0, 40.0) * np.where(person, 0.3, 1.0),
        }
    )

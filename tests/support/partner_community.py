"""A small community for partner identification, worked out by hand.

Demand sits on six regencies: Bogor (32.01) 100, Sukabumi (32.02) 50, Cianjur (32.03) 30,
Bandung (32.04) 200, Cilacap (33.01) 80 and Banyumas (33.02) 40 (total 500). ``me`` covers
Bogor. ``c`` covers all of Jawa Tengah (120 more), ``b`` Sukabumi and Cianjur (80), ``f``
Sukabumi (50), ``e`` Bogor only (0), and ``d`` Bandung (200) but its profile is private, so
it is never a candidate.
"""

from __future__ import annotations

from jejaring.domain.actors import Visibility
from jejaring.domain.resources import ResourceKind
from jejaring.domain.territories import Level, Territory
from jejaring.services.bootstrap import Context
from tests.factories import actor, customer, persist, resource, tie

__all__ = ["DEMAND", "build_partner_community"]

COMMUNITY, PRIVATE = Visibility.COMMUNITY, Visibility.PRIVATE
DEMAND = {"32.01": 100, "32.02": 50, "32.03": 30, "32.04": 200, "33.01": 80, "33.02": 40}


def build_partner_community(ctx: Context) -> None:
    with ctx.uow() as uow:
        for code, demand in DEMAND.items():
            found = uow.territories.get(code)
            assert found is not None
            uow.territories.save(
                Territory(code, found.name, Level.REGENCY, found.parent_code, demand)
            )
        persist(
            uow,
            actor("me", sectors=("food",), coverage=("32.01",)),
            actor("b", name="Toko Berkah", sectors=("craft",), coverage=("32.02", "32.03")),
            actor("c", sectors=("food",), coverage=("33",)),
            actor("d", sectors=("craft",), coverage=("32.04",), visibility=PRIVATE),
            actor("e", name="Koperasi Eka", sectors=("retail",), coverage=("32.01",)),
            actor("f", sectors=("retail",), coverage=("32.02",)),
            tie("me", "e", "trusts", directed=True),  # private, but me's own tie
            tie("e", "b", "partner_of", visibility=COMMUNITY),
            tie("c", "f", "knows", directed=True),  # private between others: unseen
            customer("me", "m1", segment="warung", territory="32.01"),
            *(customer("b", f"b{i}", segment="warung", territory="32.02") for i in range(3)),
            customer("b", "b9", segment="warung", territory="32.01"),  # where me is already
            *(customer("f", f"f{i}", segment="hotel", territory="32.02") for i in range(2)),
            resource("r-me", "me", kind=ResourceKind.WAREHOUSE),
            resource("r-b1", "b", kind=ResourceKind.WAREHOUSE),
            resource("r-b2", "b", kind=ResourceKind.VEHICLE),
        )
        uow.commit()

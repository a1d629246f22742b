"""The sentence behind each pick and each candidate, in the asker's language.

Every figure in a sentence is one the asker can check against the data: territories and
their province, demand, counts of the candidate's customers (never records), resource kinds,
and the path over the trust layer through an actor the asker may see.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

import numpy as np
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph

from jejaring.domain.errors import N_
from jejaring.i18n import _, number
from jejaring.services.partner_data import KINDS, PartnerData

__all__ = ["Reasons"]

_LEVELS = {  # (one, several)
    "country": (N_("country"), N_("countries")),
    "province": (N_("province"), N_("provinces")),
    "regency": (N_("regency"), N_("regencies")),
    "district": (N_("district"), N_("districts")),
    "village": (N_("village"), N_("villages")),
}
_KIND_NAMES = {
    "warehouse": N_("warehouse"),
    "vehicle": N_("vehicle"),
    "showroom": N_("showroom"),
    "equipment": N_("equipment"),
    "sales_staff": N_("sales staff"),
    "distribution_channel": N_("distribution channel"),
    "budget": N_("budget"),
}


class Reasons:
    """Builds the sentences for focal actor ``actor`` (a row) with hop distances ``hops``."""

    def __init__(
        self,
        data: PartnerData,
        actor: int,
        hops: np.ndarray,
        *,
        gains: np.ndarray,
        customers: np.ndarray,
    ) -> None:
        self.data, self.actor, self.hops = data, actor, hops
        self.gains, self.customers = gains, customers
        C, t = data.coverage, data.territories
        self.names = t["name"].to_list()
        levels = t["level"].to_list()
        self.level = [levels[i] for i in C.universe.tolist()]
        provinces = np.flatnonzero(t["level"].to_numpy() == "province")
        inside = sp.csc_array(C.ancestry[provinces][:, C.universe])
        self.province = np.full(C.universe.size, -1, dtype=np.int64)
        filled = np.diff(inside.indptr) > 0
        self.province[filled] = provinces[inside.indices[inside.indptr[:-1][filled]]]
        self.own = set(C.covers[[actor]].indices.tolist())

    def pick(self, j: int, territories: list[int], gain: float) -> str:
        """Why pick ``j``: what it adds, where, and how the focal actor reaches it."""
        return f"{self._adds(territories, gain)}; {self._path(j)}"

    def candidate(self, j: int, shared: int) -> str:
        """Why ``j`` ranks where it does: each component with a figure in it."""
        C = self.data.coverage
        parts = []
        lacking = [t for t in C.covers[[j]].indices.tolist() if t not in self.own]
        if lacking:
            parts.append(self._adds(lacking, float(self.gains[j])))
        if self.customers[j] > 0:
            parts.append(
                _("{count} of its customers are in your segments where you are absent").format(
                    count=number(float(self.customers[j]))
                )
            )
        mine = set(self.data.kinds[[self.actor]].indices.tolist())
        theirs = [k for k in self.data.kinds[[j]].indices.tolist() if k not in mine]
        if theirs:
            kinds = ", ".join(_(_KIND_NAMES[str(KINDS[k])]) for k in theirs)
            parts.append(_("owns resources you lack: {kinds}").format(kinds=kinds))
        path = self._path(j)
        if shared:
            common = _("1 contact in common") if shared == 1 else _("{count} contacts in common")
            path += "; " + common.format(count=number(shared))
        parts.append(path)
        return "; ".join(parts)

    def _adds(self, territories: list[int], demand: float) -> str:
        count = len(territories)
        kinds = {self.level[t] for t in territories}
        level = kinds.pop() if len(kinds) == 1 else None
        noun = _(_LEVELS[level][0 if count == 1 else 1]) if level in _LEVELS else _("territories")
        where = Counter(int(self.province[t]) for t in territories if self.province[t] >= 0)
        values = {"count": number(count), "level": noun, "demand": number(demand)}
        if not where:
            return _("adds {count} {level}, demand {demand}").format(**values)
        province, most = where.most_common(1)[0]
        values |= {"province": self.names[province], "most": number(most)}
        if most == count:
            return _("adds {count} {level} in {province}, demand {demand}").format(**values)
        return _("adds {count} {level}, {most} of them in {province}, demand {demand}").format(
            **values
        )

    def _path(self, j: int) -> str:
        hops = self.hops[j]
        if not np.isfinite(hops):
            return _("no known tie yet")
        if hops == 1:
            return _("a direct tie")
        step = j
        while self.before[step] != self.actor:  # back along one shortest path
            step = int(self.before[step])
        through = self.data.actors["name"][step]
        return _("{hops} steps away through {name}").format(hops=int(hops), name=through)

    @cached_property
    def before(self) -> np.ndarray:
        """Each actor's predecessor on a shortest path from the focal actor (a BFS tree)."""
        G = self.data.network
        if G.m == 0:
            return np.full(G.n, -9999)
        found: tuple[np.ndarray, np.ndarray] = csgraph.breadth_first_order(
            G.symmetric, self.actor, directed=False, return_predecessors=True
        )
        return found[1]

"""The sentence behind each pick and each candidate, in the asker's language.

Every figure in a sentence is one the asker can check against the data: territories and
their province, demand, counts of the candidate's customers (never records), resource kinds,
and the path over the trust layer through an actor the asker may see.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from jejaring.analytics.partners import first_step
from jejaring.domain.errors import N_
from jejaring.i18n import _, number
from jejaring.services.partner_data import KINDS, LEVELS, PartnerData

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
        self.names = t["name"]
        self.level = data.levels
        self.province = data.provinces
        self.own = np.zeros(C.universe.size, dtype=bool)
        self.own[self._row(C.covers, actor)] = True

    @staticmethod
    def _row(matrix: sp.csr_array, j: int) -> np.ndarray:
        found: np.ndarray = matrix.indices[matrix.indptr[j] : matrix.indptr[j + 1]]
        return found

    def pick(self, j: int, territories: list[int], gain: float) -> str:
        """Why pick ``j``: what it adds, where, and how the focal actor reaches it."""
        return f"{self._adds(territories, gain)}; {self._path(j)}"

    def candidate(self, j: int, shared: int) -> str:
        """Why ``j`` ranks where it does: each component with a figure in it."""
        C = self.data.coverage
        parts = []
        row = self._row(C.covers, j)
        lacking = row[~self.own[row]]
        if lacking.size:
            parts.append(self._adds(lacking, float(self.gains[j])))
        if self.customers[j] > 0:
            parts.append(
                _("{count} of its customers are in your segments where you are absent").format(
                    count=number(float(self.customers[j]))
                )
            )
        mine = set(self._row(self.data.kinds, self.actor).tolist())
        theirs = [k for k in self._row(self.data.kinds, j).tolist() if k not in mine]
        if theirs:
            kinds = ", ".join(_(_KIND_NAMES[str(KINDS[k])]) for k in theirs)
            parts.append(_("owns resources you lack: {kinds}").format(kinds=kinds))
        path = self._path(j)
        if shared:
            common = _("1 contact in common") if shared == 1 else _("{count} contacts in common")
            path += "; " + common.format(count=number(shared))
        parts.append(path)
        return "; ".join(parts)

    def _adds(self, territories: Sequence[int] | np.ndarray, demand: float) -> str:
        at = np.asarray(territories, dtype=np.int64)
        count = at.size
        kinds = np.unique(self.level[at])
        level = LEVELS[int(kinds[0])] if kinds.size == 1 else None
        noun = _(_LEVELS[level][0 if count == 1 else 1]) if level in _LEVELS else _("territories")
        inside = self.province[at]
        inside = inside[inside >= 0]
        values = {"count": number(count), "level": noun, "demand": number(demand)}
        if not inside.size:
            return _("adds {count} {level}, demand {demand}").format(**values)
        # The province holding most of them; the first in the territories' order on a tie.
        found, first, tally = np.unique(inside, return_index=True, return_counts=True)
        best = np.lexsort((first, -tally))[0]
        province, most = int(found[best]), int(tally[best])
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
        through = self.data.actors["name"][first_step(self.data.network, self.hops, j)]
        return _("{hops} steps away through {name}").format(hops=int(hops), name=through)

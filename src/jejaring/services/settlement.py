"""Use case: a cooperation's usage ledger for a month and the transfers that settle it.

Every confirmed booking made through the cooperation costs, for the part of it that falls in
the month (UTC), quantity x hours x the resource's cost rate; the booker owes that to the
resource's owners by their shares. Members' debts and claims are netted, then settled by at
most one transfer fewer than the members with a balance (:mod:`jejaring.domain.settlement`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.resources import BookingStatus, Resource
from jejaring.domain.settlement import Transfer, UsageLine, balances, transfers, usage_line
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.cooperations import visible_cooperation

__all__ = ["Settlement", "month", "settle"]

_PERIOD = re.compile(r"(\d{4})-(\d{2})")


def month(period: str) -> tuple[datetime, datetime]:
    """``[first instant, first instant of the next month)`` of ``YYYY-MM``, in UTC."""
    found = _PERIOD.fullmatch(period.strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        raise InvalidValue(N_("period: expected YYYY-MM, got '{value}'"), value=period)
    year, mon = int(found[1]), int(found[2])
    start = datetime(year, mon, 1, tzinfo=UTC)
    end = datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=UTC)
    return start, end


@dataclass(frozen=True)
class Settlement:
    """The ledger of one cooperation and month, each member's net and the transfers."""

    cooperation: str
    period: str
    lines: tuple[UsageLine, ...]
    balances: dict[str, float]
    transfers: tuple[Transfer, ...]

    @property
    def total(self) -> float:
        return sum(line.cost for line in self.lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "cooperation": self.cooperation,
            "period": self.period,
            "total": round(self.total, 2),
            "ledger": [
                {
                    "booking": line.booking,
                    "resource": line.resource,
                    "by": line.by_actor,
                    "start": line.start.isoformat(),
                    "end": line.end.isoformat(),
                    "quantity": line.quantity,
                    "hours": round(line.hours, 4),
                    "cost_rate": line.cost_rate,
                    "cost": round(line.cost, 2),
                    "owed_to": {a: round(v, 2) for a, v in line.owed_to},
                }
                for line in self.lines
            ],
            "balances": {a: round(v, 2) for a, v in self.balances.items()},
            "transfers": [
                {"from": t.debtor, "to": t.creditor, "amount": t.amount} for t in self.transfers
            ],
        }


def settle(ctx: Context, user: User | None, cooperation: str, period: str) -> Settlement:
    """The settlement of ``cooperation`` for ``period`` (YYYY-MM); its members' users read it."""
    start, end = month(period)
    with ctx.reader() as uow:
        p = principal(uow, user)
        _coop, members = visible_cooperation(uow, p, cooperation)
        acting = next((m.actor for m in members if p.acts_for(m.actor)), None)
        authorize(
            p, Operation.SETTLE, acting, visible=True,
            missing=NotFound(N_("cooperation '{key}' not found"), key=cooperation),
        )  # fmt: skip
        resources: dict[str, Resource] = {}
        lines = []
        for b in uow.bookings.in_cooperation(cooperation):
            if b.status is not BookingStatus.CONFIRMED:
                continue
            if b.resource not in resources:
                found = uow.resources.get(b.resource)
                assert found is not None  # a booking's resource exists (foreign key)
                resources[b.resource] = found
            line = usage_line(b, resources[b.resource], start, end)
            if line is not None:
                lines.append(line)
    net = balances(lines)
    return Settlement(cooperation, period.strip(), tuple(lines), net, tuple(transfers(net)))

"""Usage costs of shared resources and who owes whom, netted into few transfers (no I/O).

A confirmed booking costs ``quantity x hours x cost_rate``; the booker owes that to the
resource's owners by their shares (a sole owner holds share 1). Netting every member's debts
and claims gives balances that add up to zero; matching the largest debtor with the largest
creditor until all are settled zeroes at least one balance per transfer, so ``n`` members with
non-zero balances need at most ``n - 1`` transfers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from jejaring.domain.resources import Booking, Resource

__all__ = ["CENT", "Transfer", "UsageLine", "balances", "owner_shares", "transfers", "usage_line"]

CENT = 0.005  # balances within half a sen of zero are settled


@dataclass(frozen=True, slots=True)
class UsageLine:
    """One confirmed booking's use within a period and what it costs."""

    booking: int | None
    resource: str
    by_actor: str
    start: datetime
    end: datetime
    quantity: float
    hours: float
    cost_rate: float
    cost: float
    owed_to: tuple[tuple[str, float], ...]  # (owner, amount) by share


@dataclass(frozen=True, slots=True)
class Transfer:
    """``debtor`` pays ``amount`` rupiah to ``creditor``."""

    debtor: str
    creditor: str
    amount: float


def owner_shares(r: Resource) -> tuple[tuple[str, float], ...]:
    """The resource's owners and their shares: its co-owners, else the owner alone."""
    if r.co_owners:
        return tuple((s.actor, s.share) for s in r.co_owners)
    return ((r.owner, 1.0),)


def usage_line(b: Booking, r: Resource, start: datetime, end: datetime) -> UsageLine | None:
    """The booking's use within ``[start, end)`` (None when it falls outside)."""
    left, right = max(b.start, start), min(b.end, end)
    if not left < right:
        return None
    hours = (right - left).total_seconds() / 3600
    cost = b.quantity * hours * r.cost_rate
    owed = tuple((actor, cost * share) for actor, share in owner_shares(r))
    return UsageLine(
        b.id, r.key, b.by_actor, left, right, b.quantity, hours, r.cost_rate, cost, owed
    )


def balances(lines: Iterable[UsageLine]) -> dict[str, float]:
    """Each actor's net: positive is owed to it, negative it owes (a self-owed part nets out)."""
    net: dict[str, float] = defaultdict(float)
    for line in lines:
        for owner, amount in line.owed_to:
            net[owner] += amount
            net[line.by_actor] -= amount
    return {actor: value for actor, value in sorted(net.items())}


def transfers(net: Mapping[str, float]) -> list[Transfer]:
    """Transfers that settle ``net`` (summing to zero): largest debtor pays largest creditor."""
    debt = {a: -v for a, v in net.items() if v < -CENT}
    credit = {a: v for a, v in net.items() if v > CENT}
    found = []
    while debt and credit:
        # Ties broken by key, so that the same balances always give the same transfers.
        debtor = max(debt, key=lambda a: (debt[a], a))
        creditor = max(credit, key=lambda a: (credit[a], a))
        amount = min(debt[debtor], credit[creditor])
        found.append(Transfer(debtor, creditor, round(amount, 2)))
        debt[debtor] -= amount
        credit[creditor] -= amount
        if debt[debtor] <= CENT:
            del debt[debtor]
        if credit[creditor] <= CENT:
            del credit[creditor]
    return found

"""Free capacity by segment, usage costs by owner share, and the netting transfers."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from jejaring.domain.capacity import segments, tightest_free
from jejaring.domain.resources import BookingStatus, ResourceShare
from jejaring.domain.settlement import CENT, balances, transfers, usage_line
from tests.factories import booking, resource

T0 = datetime(2024, 5, 1, 8, tzinfo=UTC)


def _at(h: float) -> datetime:
    return T0 + timedelta(hours=h)


def test_segments_cut_where_bookings_start_and_end() -> None:
    held = [
        booking("r1", start=_at(1), hours=2, quantity=3),  # 09-11
        booking("r1", start=_at(2), hours=2, quantity=4),  # 10-12
        booking("r1", start=_at(0), hours=9, quantity=9, status=BookingStatus.CANCELLED),
    ]
    found = [(s.start, s.end, s.used, s.free) for s in segments(10, held, _at(0), _at(4))]
    assert found == [
        (_at(0), _at(1), 0, 10),
        (_at(1), _at(2), 3, 7),
        (_at(2), _at(3), 7, 3),
        (_at(3), _at(4), 4, 6),
    ]
    assert tightest_free(10, held, _at(0), _at(4)) == 3
    # Half-open: a booking ending at 11:00 leaves 11:00-12:00 to the other alone.
    assert tightest_free(10, held, _at(3), _at(4)) == 6


def test_usage_is_clipped_to_the_period_and_owed_by_share() -> None:
    r = resource(
        "r1", "a", cost_rate=1000.0, co_owners=(ResourceShare("a", 0.75), ResourceShare("b", 0.25))
    )
    b = booking("r1", "c", start=_at(-10), hours=12, quantity=2, id=7)  # 22:00 the day before
    line = usage_line(b, r, _at(-8), _at(24))  # the period starts at midnight
    assert line is not None and line.hours == 10 and line.cost == 20_000
    assert line.owed_to == (("a", 15_000), ("b", 5_000))
    assert usage_line(b, r, _at(5), _at(6)) is None
    # An owner booking its own resource owes its own share to itself: it nets out.
    own = usage_line(booking("r1", "a", start=_at(0), hours=1, quantity=1), r, _at(0), _at(24))
    assert own is not None and balances([own]) == {"a": -250.0, "b": 250.0}


def test_transfers_of_a_worked_example() -> None:
    net = {"a": 9_000.0, "b": -6_000.0, "c": -4_000.0, "d": 1_000.0}
    assert [(t.debtor, t.creditor, t.amount) for t in transfers(net)] == [
        ("b", "a", 6_000.0),
        ("c", "a", 3_000.0),
        ("c", "d", 1_000.0),
    ]


@pytest.mark.parametrize("seed", range(25))
def test_transfers_settle_every_balance_in_fewer_than_members(seed: int) -> None:
    rng = random.Random(seed)
    members = [f"m{i}" for i in range(rng.randint(2, 9))]
    r = resource("r1", members[0], cost_rate=rng.choice([500.0, 1250.0, 3000.0]))
    lines = []
    for _ in range(rng.randint(1, 30)):
        owner = rng.choice(members)
        rr = resource(r.key, owner, cost_rate=r.cost_rate)
        start, hours = _at(rng.randint(0, 20)), rng.randint(1, 5)
        b = booking("r1", rng.choice(members), start=start, hours=hours, quantity=rng.randint(1, 4))
        line = usage_line(b, rr, _at(0), _at(48))
        assert line is not None
        lines.append(line)
    net = balances(lines)
    assert abs(sum(net.values())) < 1e-6
    paid = transfers(net)
    after = dict(net)
    for t in paid:
        assert t.amount > 0 and net[t.debtor] < 0 < net[t.creditor]
        after[t.debtor] += t.amount
        after[t.creditor] -= t.amount
    assert all(abs(v) <= len(paid) * CENT + CENT for v in after.values()), after
    involved = [a for a, v in net.items() if abs(v) > CENT]
    assert len(paid) <= max(len(involved) - 1, 0)

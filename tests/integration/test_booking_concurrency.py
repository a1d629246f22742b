"""The booking invariant under concurrency: many processes book at once, none over capacity.

24 requests, each from its own process (forked by a fork server) with its own engine, are
released together by a barrier. All want one bay of the 5-bay warehouse over one of three
slots that all overlap during 11:00-12:00, so any 5 of them fit and no 6 do: whatever order
the database serialises them in, exactly 5 are confirmed and 19 refused with their reason.
Afterwards a sweep over the stored bookings checks the invariant at every instant, and that
every request was stored once.
"""

from __future__ import annotations

import multiprocessing
from datetime import datetime

import pytest
from sqlalchemy.engine import make_url

from jejaring.domain.capacity import segments
from jejaring.domain.resources import BookingStatus
from jejaring.services.bootstrap import Context
from tests.support.booking_race import request
from tests.support.resources import build_resources, hour

FIRED = 24
CAPACITY = 5.0
SLOTS = [(hour(9), hour(12)), (hour(10), hour(13)), (hour(11), hour(14))]


def test_simultaneous_requests_confirm_exactly_what_fits(
    ctx: Context, db_url: str, record_property: pytest.RecordProperty
) -> None:
    build_resources(ctx, capacity=CAPACITY)
    bookers = "abc"
    # A fork server that imported the code once forks each worker: separate processes with
    # their own engines and connections, without 24 interpreters importing everything.
    spawn = multiprocessing.get_context("forkserver")
    spawn.set_forkserver_preload(["tests.support.booking_race"])
    barrier = spawn.Manager().Barrier(FIRED)
    jobs: list[tuple[str, object, str, datetime, datetime, float]] = [
        (db_url, barrier, bookers[i % 3], *SLOTS[i % 3], 1.0) for i in range(FIRED)
    ]
    with spawn.Pool(FIRED) as pool:
        outcomes = pool.starmap(request, jobs, chunksize=1)

    confirmed = [o for o in outcomes if o[0] == "confirmed"]
    refused = [o for o in outcomes if o[0] == "refused"]
    backend = make_url(db_url).get_backend_name()
    figures = f"{backend}: fired {FIRED}, confirmed {len(confirmed)}, refused {len(refused)}"
    print(figures)  # the figures for the record (pytest -s shows them)
    record_property("booking_race", figures)

    assert len(confirmed) + len(refused) == FIRED, outcomes  # no request lost or failing
    assert len(confirmed) == CAPACITY
    for _status, _id, reason in refused:
        assert "resource 'wh' cannot take 1.0 bay" in reason, reason
        assert "only 0.0 bay free at the tightest instant" in reason, reason

    with ctx.reader() as uow:
        stored = uow.bookings.find("wh")
        reasons = {b.id: uow.bookings.reason(b.id) for b in stored if b.id is not None}
    assert sorted(b.id for b in stored) == sorted(o[1] for o in outcomes)  # each stored once
    by_status = {s: [b for b in stored if b.status is s] for s in BookingStatus}
    assert len(by_status[BookingStatus.CONFIRMED]) == CAPACITY
    assert len(by_status[BookingStatus.REFUSED]) == FIRED - CAPACITY
    assert all(reasons[b.id] for b in by_status[BookingStatus.REFUSED] if b.id is not None)
    # The sweep: at no instant of the day do confirmed bookings hold more than the capacity.
    sweep = segments(CAPACITY, stored, hour(0), hour(23))
    assert max(s.used for s in sweep) == CAPACITY
    assert min(s.free for s in sweep) >= 0

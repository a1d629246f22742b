"""The world the authorization matrices run in: the sharing community plus objects in every
state an operation needs (a pending proposal, a suspended agreement, referrals at each step,
resources shared or not, bookings, joint projects, the channel of ``tests.support.channel``),
and :func:`open_world`, which stores it once per backend and hands out fresh copies.

Referral and booking ids are fixed by creation order: ``REFERRALS`` maps a name to
(requester, introducer, status) and ``BOOKINGS`` to (resource, booker, cooperation); the n-th
entry gets id n. So are webhook ids: ``WEBHOOKS`` names the actor of each.

Resources and projects: ``works`` (a and b) and ``zworks`` (b and c) co-utilize and
co-develop resources. ``truck-a`` (a's) and ``truck-b`` (b's) are shared into ``works``,
``truck-c`` (c's) into ``zworks``; ``spare-a`` (a's) and ``vault-b`` (b's) are shared nowhere.
Project ``proj`` (a contributed) is in ``works``, ``zproj`` in ``zworks``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from jejaring.config import Settings
from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MemberRole,
    MembershipStatus,
)
from jejaring.domain.referrals import ReferralStatus
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.policies import set_policy
from jejaring.services.webhooks import add_webhook
from jejaring.store.unit_of_work import UnitOfWork
from tests.factories import (
    booking,
    contribution,
    cooperation,
    customer,
    membership,
    persist,
    project,
    referral,
    resource,
    tie,
)
from tests.support.channel import build_channel
from tests.support.postgres import TemporaryPostgres
from tests.support.sharing import build_sharing

__all__ = [
    "BOOKINGS",
    "REFERRALS",
    "WEBHOOKS",
    "World",
    "booking_id",
    "build_world",
    "open_world",
    "referral_id",
    "webhook_id",
]

_R = ReferralStatus
REFERRALS = {
    "asked_of_b": ("a", "b", _R.REQUESTED),
    "asked_of_a": ("b", "a", _R.REQUESTED),
    "between_others": ("c", "b", _R.REQUESTED),
    "accepted_by_a": ("b", "a", _R.ACCEPTED),
    "introduced_for_a": ("a", "b", _R.INTRODUCED),
    "introduced_by_a": ("b", "a", _R.INTRODUCED),
}


BOOKINGS = {
    "by_a_on_b": ("truck-b", "a", "works"),
    "by_b_on_a": ("truck-a", "b", "works"),
    "by_c_on_c": ("truck-c", "c", None),
}
_WORKS = (Mechanism.RESOURCE_CO_UTILIZATION, Mechanism.RESOURCE_CO_DEVELOPMENT)
_SHARED = {"truck-a": "works", "truck-b": "works", "truck-c": "zworks"}
WEBHOOKS = {"of_a": "a", "of_b": "b"}


def referral_id(name: str) -> int:
    return list(REFERRALS).index(name) + 1


def booking_id(name: str) -> int:
    return list(BOOKINGS).index(name) + 1


def webhook_id(name: str) -> int:
    return list(WEBHOOKS).index(name) + 1


def build_world(ctx: Context) -> None:
    build_sharing(ctx)
    build_channel(ctx)  # posts get ids 1, 2, ... (tests.support.channel.post_id)
    accepted, invited = MembershipStatus.ACCEPTED, MembershipStatus.INVITED
    sharing = (Mechanism.NETWORK_SHARING,)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation("pending", mechanisms=sharing),
            membership("pending", "b", role=MemberRole.INITIATOR, status=accepted),
            membership("pending", "a", status=invited),
            membership("pending", "c", status=invited),
            cooperation("paused", status=CooperationStatus.SUSPENDED, mechanisms=sharing),
            membership("paused", "a", status=accepted),
            membership("paused", "b", status=accepted),
            cooperation("zed", status=CooperationStatus.ACTIVE, mechanisms=sharing),
            membership("zed", "b", status=accepted),
            membership("zed", "c", status=accepted),
            tie("a", "b", "knows"),
            tie("b", "z", "knows"),
            customer("a", "a1", tax_id="01.234.567.8-901.000"),
            customer("b", "b1", tax_id="012345678901000"),
        )
        for requester, introducer, status in REFERRALS.values():
            persist(uow, referral(requester, introducer, "z", cooperation="coop", status=status))
        _resources_and_projects(uow)
        uow.commit()
    for actor in "abc":
        set_policy(
            ctx, None, "coop", actor, introductions_allowed=True, shared_tie_types=["knows"],
            mapping_level=MappingLevel.COUNTS,
        )  # fmt: skip
    for actor in WEBHOOKS.values():
        add_webhook(ctx, None, actor, f"http://127.0.0.1:9/{actor}", "*")


def _resources_and_projects(uow: UnitOfWork) -> None:
    accepted, active = MembershipStatus.ACCEPTED, CooperationStatus.ACTIVE
    persist(
        uow,
        cooperation("works", status=active, mechanisms=_WORKS),
        *(membership("works", k, status=accepted) for k in "ab"),
        cooperation("zworks", status=active, mechanisms=_WORKS),
        *(membership("zworks", k, status=accepted) for k in "bc"),
        *(resource(key, key[-1]) for key in ("truck-a", "truck-b", "truck-c", "spare-a")),
        resource("vault-b", "b"),
    )
    for key, coop in _SHARED.items():
        uow.resources.share_into(key, coop)
    for name, (key, by, coop) in BOOKINGS.items():
        stored = persist(uow, booking(key, by, cooperation=coop))[0]
        assert stored == booking_id(name)
    persist(
        uow,
        project("proj", "works"),
        contribution("proj", "a"),
        project("zproj", "zworks"),
    )


@dataclass
class World:
    """The world on one backend: a shared copy and a maker of fresh ones."""

    shared: Context
    fresh: Callable[[], Context]


@contextmanager
def open_world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    build: Callable[[Context], None],
    name: str,
) -> Iterator[World]:
    """Store ``build``'s world once on ``request.param``'s backend; copies are cheap."""
    opened: list[Context] = []
    # Every copy reads the attachment files the builder stored (content-addressed: copies that
    # write add files, never change one).
    files = tmp_path_factory.mktemp(f"{name}-files")

    def settings(url: str) -> Settings:
        return Settings(database_url=url, attachments_dir=files)

    def open_(url: str) -> Context:
        opened.append(bootstrap(settings(url)))
        return opened[-1]

    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp(name)
        template = folder / "world.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), template)
        counter = iter(range(10**6))

        def make() -> str:
            path = Path(folder / f"copy{next(counter)}.db")
            shutil.copyfile(template, path)
            return f"sqlite:///{path}"

        url = f"sqlite:///{template}"
    else:
        server: TemporaryPostgres = request.getfixturevalue("postgres")
        base = request.getfixturevalue("postgres_template")
        names = iter(range(10**6))

        def create(database: str, template_name: str) -> str:
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {database} TEMPLATE {template_name}")
            return server.url(database)

        url = create(f"{name}_world", base)

        def make() -> str:
            return create(f"{name}_copy_{next(names)}", f"{name}_world")

    builder = bootstrap(settings(url))
    build(builder)
    builder.close()  # a template must have no open connections
    try:
        yield World(open_(make()), lambda: open_(make()))
    finally:
        for ctx in opened:
            ctx.close()

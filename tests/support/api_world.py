"""The world of the HTTP authorization matrix: the service matrix's world and what the other
routes need — resources and bookings in a pooling cooperation, an assessment, analyses.

On top of :func:`tests.support.matrix_world.build_world`: ``pool`` is an active cooperation of
``a`` and ``b`` that co-utilizes resources; ``b`` owns the van ``van`` (shared into ``pool``),
``a`` owns the unshared ``shed``, ``z`` owns the unshared ``zvan``. Booking ``VAN_A`` is
``a``'s of ``van``, ``VAN_B`` ``b``'s (ids after the service matrix's bookings); both are
confirmed. ``bangun`` is an active cooperation of ``a`` and ``b`` that co-develops resources,
with project ``p1`` (a milestone, ``a``'s cash contribution); project ``pz`` belongs to
``zed`` (``b`` and ``c``). ``a`` has an assessment; the stored analyses are ``open`` (scope
community) and ``full`` (scope all, for administrators). ``signin@x`` signs in with
``PASSWORD``. Job 1 is ``owner@a``'s import; job 2 a PSI job of ``a``'s, which
``member@a`` started.

The channel: ``FILED_POST`` is ``a``'s post for every member of ``chan`` with the attachment
``FILE`` (``harga.pdf``), stored through the service (so ``a``'s and ``b``'s webhooks have a
delivery of it pending).

Accounts: ``co-owner@a`` is ``a``'s second owner and ``member@b`` a member of ``b``. API
tokens ``OWN_TOKEN`` (``owner@a``'s), ``COLLEAGUE_TOKEN`` (``manager@a``'s) and
``REVOKED_TOKEN`` (``owner@a``'s, revoked); the ticket ``INVITATION`` invites ``invited@a`` to
act for ``a`` as a member, ``RESET`` resets ``signin@x``'s password (both unused, valid for
their whole lifetimes from when the world is built).
"""

from __future__ import annotations

from datetime import UTC, datetime

from jejaring.domain.accounts import ActorRole, ApiToken, Ticket, TicketPurpose, TokenScope
from jejaring.domain.analyses import Layer, Scope
from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.jobs import Job, JobKind
from jejaring.domain.posts import PostCategory
from jejaring.domain.resources import ResourceKind
from jejaring.services.accounts import create_user
from jejaring.services.analyses import analyse
from jejaring.services.attachment_files import NewFile
from jejaring.services.bootstrap import Context
from jejaring.services.posts import create_post
from jejaring.services.secret_tokens import secret_hash
from jejaring.services.tickets import INVITATION_LIFETIME, RESET_LIFETIME
from jejaring.store.blobs import digest_of
from tests.factories import (
    assessment,
    booking,
    contribution,
    cooperation,
    membership,
    milestone,
    persist,
    project,
    resource,
)
from tests.support.channel import CHANNEL_POSTS
from tests.support.matrix_world import BOOKINGS, build_world

__all__ = [
    "BOOKED",
    "COLLEAGUE_TOKEN",
    "FILE",
    "FILED_POST",
    "FILE_DIGEST",
    "INVITATION",
    "ITEMS",
    "OWN_TOKEN",
    "PASSWORD",
    "RESET",
    "REVOKED_TOKEN",
    "VAN_A",
    "VAN_B",
    "build_api_world",
]

PASSWORD = "correct horse battery"

BOOKED = datetime(2026, 3, 2, 8, tzinfo=UTC)
VAN_A, VAN_B = len(BOOKINGS) + 1, len(BOOKINGS) + 2
OWN_TOKEN, COLLEAGUE_TOKEN, REVOKED_TOKEN = 1, 2, 3
FILED_POST = len(CHANNEL_POSTS) + 1
FILE = NewFile("harga.pdf", b"%PDF-1.4\nharga cabai 60.000/kg\n")
FILE_DIGEST = digest_of(FILE.data)
INVITATION, RESET = "invitation-of-invited-at-a", "reset-of-signin-at-x"
ITEMS = [f"{c}{i}" for c, n in (("C", 6), ("R", 4), ("K", 4), ("I", 5)) for i in range(1, n + 1)]


def build_api_world(ctx: Context) -> None:
    build_world(ctx)
    van = resource("van", "b", kind=ResourceKind.VEHICLE, capacity=2.0, cost_rate=100.0)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation(
                "pool",
                status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.RESOURCE_CO_UTILIZATION,),
            ),
            *(membership("pool", k, status=MembershipStatus.ACCEPTED) for k in "ab"),
            van,
            resource("shed", "a"),
            resource("zvan", "z", kind=ResourceKind.VEHICLE),
        )
        uow.resources.share_into("van", "pool")
        persist(
            uow,
            booking("van", "a", start=BOOKED, quantity=1.0, cooperation="pool"),
            booking("van", "b", start=BOOKED, quantity=0.5),
            assessment("a", answers=dict.fromkeys(ITEMS, 3)),
            cooperation(
                "bangun",
                status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.RESOURCE_CO_DEVELOPMENT,),
            ),
            *(membership("bangun", k, status=MembershipStatus.ACCEPTED) for k in "ab"),
            project("p1", "bangun", milestones=(milestone("Design"),)),
            contribution("p1", "a"),
            project("pz", "zed"),
        )
        uow.commit()
    create_user(ctx, "signin@x", PASSWORD)
    create_user(ctx, "co-owner@a", PASSWORD, actor="a", role=ActorRole.OWNER)
    create_user(ctx, "member@b", PASSWORD, actor="b", role=ActorRole.MEMBER)
    with ctx.uow() as uow:
        uow.jobs.add(Job(JobKind.IMPORT, "owner@a", BOOKED))
        uow.jobs.add(Job(JobKind.PSI, "member@a", BOOKED, actor="a"))
        uow.commit()
    filed = create_post(
        ctx, None, "chan", actor="a", category=PostCategory.PRICE, title="Daftar harga",
        body="Terlampir.", files=[FILE],
    )  # fmt: skip
    assert filed.post.id == FILED_POST
    analyse(ctx, Layer(), key="open")
    analyse(ctx, Layer(scope=Scope.ALL), key="full")
    _credentials(ctx)


def _credentials(ctx: Context) -> None:
    now, scopes = datetime.now(UTC), (TokenScope.READ, TokenScope.WRITE)
    owners = {OWN_TOKEN: "owner@a", COLLEAGUE_TOKEN: "manager@a", REVOKED_TOKEN: "owner@a"}
    invited = Ticket(
        TicketPurpose.INVITATION, "invited@a", secret_hash(INVITATION), now,
        now + INVITATION_LIFETIME, "a", ActorRole.MEMBER,
    )  # fmt: skip
    reset = Ticket(
        TicketPurpose.PASSWORD_RESET, "signin@x", secret_hash(RESET), now, now + RESET_LIFETIME
    )
    with ctx.uow() as uow:
        for number, email in owners.items():
            token = ApiToken(email, f"token {number}", secret_hash(f"jjr_{number}"), scopes, now)
            assert uow.credentials.add_token(token).id == number
        assert uow.credentials.revoke_token(REVOKED_TOKEN, "owner@a", now)
        uow.credentials.add_ticket(invited)
        uow.credentials.add_ticket(reset)
        uow.commit()

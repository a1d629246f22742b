"""Builders for domain objects with sensible defaults, shared by the tests.

Each builder takes the fields a test cares about as keywords and fills in the rest, so a test
reads as the one fact it checks. Defaults refer to each other: ``actor("a")`` and ``actor("b")``
are the parties of ``tie()``, ``customer()``, ``resource()``; territory codes are real ones
(``"32"`` Jawa Barat, ``"32.04"`` Kabupaten Bandung, ``"33"`` Jawa Tengah) present in every
initialised test database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from jejaring.domain.accounts import ActorMember, ActorRole, AuditEvent, User
from jejaring.domain.actors import Actor, ActorKind
from jejaring.domain.capability import Assessment
from jejaring.domain.cooperation import Cooperation, Membership, SharingPolicy
from jejaring.domain.customers import Customer
from jejaring.domain.posts import Post, PostCategory, Receipt
from jejaring.domain.projects import Contribution, ContributionKind, JointProject, Milestone
from jejaring.domain.referrals import Referral, TargetKind
from jejaring.domain.resources import Booking, Resource, ResourceKind
from jejaring.domain.territories import Level, Territory
from jejaring.domain.ties import Tie, TieType
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "AT",
    "actor",
    "assessment",
    "audit_event",
    "booking",
    "contribution",
    "cooperation",
    "customer",
    "member",
    "membership",
    "milestone",
    "persist",
    "policy",
    "post",
    "project",
    "receipt",
    "referral",
    "resource",
    "territory",
    "tie",
    "user",
]

# A fixed instant, in UTC, that every time-stamped builder starts from.
AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def territory(code: str = "X1", **fields: Any) -> Territory:
    fields.setdefault("name", f"Territory {code}")
    fields.setdefault("level", Level.REGENCY)
    return Territory(code, **fields)


def actor(key: str = "a", **fields: Any) -> Actor:
    fields.setdefault("name", f"Actor {key}")
    fields.setdefault("kind", ActorKind.COMPANY)
    return Actor(key, **fields)


def tie(source: str = "a", target: str = "b", type: str = "partner_of", **fields: Any) -> Tie:
    return Tie(source, target, type, **fields)


def customer(owner: str = "a", key: str = "c1", **fields: Any) -> Customer:
    fields.setdefault("name", f"Customer {key}")
    return Customer(owner, key, **fields)


def cooperation(key: str = "coop", **fields: Any) -> Cooperation:
    fields.setdefault("name", f"Cooperation {key}")
    return Cooperation(key, **fields)


def membership(cooperation: str = "coop", actor: str = "a", **fields: Any) -> Membership:
    return Membership(cooperation, actor, **fields)


def policy(cooperation: str = "coop", actor: str = "a", **fields: Any) -> SharingPolicy:
    return SharingPolicy(cooperation, actor, **fields)


def resource(key: str = "r1", owner: str = "a", **fields: Any) -> Resource:
    fields.setdefault("name", f"Resource {key}")
    fields.setdefault("kind", ResourceKind.WAREHOUSE)
    fields.setdefault("capacity", 10.0)
    return Resource(key, owner, **fields)


def booking(
    resource: str = "r1",
    by_actor: str = "b",
    *,
    start: datetime = AT,
    hours: float = 2,
    quantity: float = 1.0,
    **fields: Any,
) -> Booking:
    return Booking(resource, by_actor, start, start + timedelta(hours=hours), quantity, **fields)


def project(key: str = "p1", cooperation: str = "coop", **fields: Any) -> JointProject:
    fields.setdefault("name", f"Project {key}")
    return JointProject(key, cooperation, **fields)


def milestone(title: str = "Design", **fields: Any) -> Milestone:
    return Milestone(title, **fields)


def contribution(project: str = "p1", member: str = "a", **fields: Any) -> Contribution:
    fields.setdefault("kind", ContributionKind.CASH)
    fields.setdefault("amount", 1_000_000.0)
    fields.setdefault("valued_at", fields["amount"])
    return Contribution(project, member, **fields)


def post(cooperation: str = "coop", author: str = "a", **fields: Any) -> Post:
    fields.setdefault("category", PostCategory.MARKET_INFO)
    fields.setdefault("title", "Harga beras naik")
    fields.setdefault("body", "Di Bandung harga beras naik 5%.")
    fields.setdefault("created", AT)
    return Post(cooperation, author, **fields)


def receipt(post: int, user: str = "ani@example.com", **fields: Any) -> Receipt:
    fields.setdefault("read_at", AT)
    return Receipt(post, user, **fields)


def referral(
    requester: str = "a", introducer: str = "b", target: str = "c", **fields: Any
) -> Referral:
    fields.setdefault("target_kind", TargetKind.ACTOR)
    fields.setdefault("created", AT)
    return Referral(requester, introducer, target=target, **fields)


def assessment(actor: str = "a", **fields: Any) -> Assessment:
    fields.setdefault("instrument_version", "nc-1")
    fields.setdefault("respondent", "owner")
    fields.setdefault("taken_at", date(2024, 5, 1))
    fields.setdefault("answers", {"coord_1": 4, "rel_1": 5})
    return Assessment(actor, **fields)


def user(email: str = "ani@example.com", **fields: Any) -> User:
    fields.setdefault("password_hash", "$argon2id$not-a-real-hash")
    return User(email, **fields)


def member(user: str = "ani@example.com", actor: str = "a", **fields: Any) -> ActorMember:
    fields.setdefault("role", ActorRole.OWNER)
    return ActorMember(user, actor, **fields)


def audit_event(subject_actor: str | None = "a", **fields: Any) -> AuditEvent:
    fields.setdefault("at", AT)
    fields.setdefault("action", "customers.read")
    return AuditEvent(subject_actor=subject_actor, **fields)


def persist(uow: UnitOfWork, *objects: object) -> list[int | None]:
    """Store each object through its repository, in order; returns the ids the store gave."""
    ids: list[int | None] = []
    for obj in objects:
        ids.append(_persist_one(uow, obj))
    return ids


def _persist_one(uow: UnitOfWork, obj: object) -> int | None:
    match obj:
        case Territory():
            uow.territories.save(obj)
        case TieType():
            uow.tie_types.upsert([obj])
        case Actor():
            uow.actors.save(obj)
        case Tie():
            uow.ties.add(obj)
        case Customer():
            uow.customers.add(obj)
        case Cooperation():
            uow.cooperations.save(obj)
        case Membership():
            uow.cooperations.save_membership(obj)
        case SharingPolicy():
            uow.cooperations.save_policy(obj)
        case Resource():
            uow.resources.save(obj)
        case Booking():
            return uow.bookings.add(obj)
        case JointProject():
            uow.projects.save(obj)
        case Contribution():
            uow.projects.add_contribution(obj)
        case Post():
            return uow.posts.add(obj)
        case Referral():
            return uow.referrals.add(obj)
        case Assessment():
            uow.assessments.add(obj)
        case User():
            uow.users.save(obj)
        case ActorMember():
            uow.users.add_member(obj)
        case AuditEvent():
            uow.audit.record(obj)
        case _:
            raise TypeError(f"no repository stores {type(obj).__name__}")
    return None

"""The relational schema: typed SQLAlchemy 2 tables, one class per entity of DESIGN section 4.

Rows never leave ``store/``: repositories turn them into the domain's dataclasses. Integer ids
are internal; the user-facing keys are unique columns.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "metadata"]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
KEY = String(200)
CASCADE: dict[str, Any] = {"ondelete": "CASCADE"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


metadata = Base.metadata


def _actor_fk(nullable: bool = False, ondelete: str | None = None) -> Mapped[Any]:
    return mapped_column(ForeignKey("actor.id", ondelete=ondelete), nullable=nullable, index=True)


class TerritoryRow(Base):
    __tablename__ = "territory"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("territory.code"), index=True)
    demand: Mapped[float | None] = mapped_column(Float)


class TieTypeRow(Base):
    __tablename__ = "tie_type"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    nature: Mapped[str] = mapped_column(String(16))
    directed: Mapped[bool] = mapped_column(Boolean)
    parent: Mapped[str | None] = mapped_column(ForeignKey("tie_type.key"))


class ActorRow(Base):
    __tablename__ = "actor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    home_territory: Mapped[str | None] = mapped_column(ForeignKey("territory.code"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(16), default="community")


class ActorSectorRow(Base):
    __tablename__ = "actor_sector"
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sector: Mapped[str] = mapped_column(String(100), index=True)


class ActorCoverageRow(Base):
    __tablename__ = "actor_coverage"
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    territory_code: Mapped[str] = mapped_column(ForeignKey("territory.code"), primary_key=True)
    __table_args__ = (Index("ix_actor_coverage_territory", "territory_code"),)


class TieRow(Base):
    __tablename__ = "tie"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE))
    target_id: Mapped[int] = _actor_fk(**CASCADE)
    type: Mapped[str] = mapped_column(ForeignKey("tie_type.key"), index=True)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    directed: Mapped[bool] = mapped_column(Boolean, default=False)
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "type"),
        # The community's ties by either end, covering what a reach search filters on: few
        # ties are marked community, and reading a hub's every tie to find them took most of
        # a reach at 10M ties (bench/pg_scale.py).
        *(
            Index(
                f"ix_tie_community_{side}",
                side,
                other,
                "type",
                "since",
                "until",
                postgresql_where=text("visibility = 'community'"),
                sqlite_where=text("visibility = 'community'"),
            )
            for side, other in (("source_id", "target_id"), ("target_id", "source_id"))
        ),
    )


class CustomerRow(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE))
    key: Mapped[str] = mapped_column(KEY)
    name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="customer")
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(64))
    tax_id: Mapped[str | None] = mapped_column(String(64))
    territory: Mapped[str | None] = mapped_column(ForeignKey("territory.code"), index=True)
    segment: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (UniqueConstraint("owner_id", "key"),)


class CooperationRow(Base):
    __tablename__ = "cooperation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    name: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    scope: Mapped[list[str]] = mapped_column(default=list)
    mechanisms: Mapped[list[str]] = mapped_column(default=list)


class MembershipRow(Base):
    __tablename__ = "membership"
    cooperation_id: Mapped[int] = mapped_column(
        ForeignKey("cooperation.id", **CASCADE), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), default="member")
    status: Mapped[str] = mapped_column(String(16), default="invited")
    joined: Mapped[date | None] = mapped_column(Date)
    left: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (Index("ix_membership_actor", "actor_id"),)


class SharingPolicyRow(Base):
    __tablename__ = "sharing_policy"
    cooperation_id: Mapped[int] = mapped_column(
        ForeignKey("cooperation.id", **CASCADE), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    mapping_level: Mapped[str] = mapped_column(String(16), default="none")
    shared_segments: Mapped[list[str]] = mapped_column(default=list)
    shared_tie_types: Mapped[list[str]] = mapped_column(default=list)
    introductions_allowed: Mapped[bool] = mapped_column(Boolean, default=False)


class ResourceRow(Base):
    __tablename__ = "resource"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    owner_id: Mapped[int] = _actor_fk(**CASCADE)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32), default="unit")
    territory: Mapped[str | None] = mapped_column(ForeignKey("territory.code"))
    cost_rate: Mapped[float] = mapped_column(Float, default=0.0)
    availability: Mapped[str] = mapped_column(Text, default="")


class ResourceShareRow(Base):
    __tablename__ = "resource_share"
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", **CASCADE), primary_key=True)
    # No cascade from the actor: the remaining shares would no longer add up to 1.
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id"), primary_key=True)
    share: Mapped[float] = mapped_column(Float)


class ResourceCooperationRow(Base):
    __tablename__ = "resource_cooperation"
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", **CASCADE), primary_key=True)
    cooperation_id: Mapped[int] = mapped_column(
        ForeignKey("cooperation.id", **CASCADE), primary_key=True
    )


class BookingRow(Base):
    __tablename__ = "booking"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", **CASCADE))
    by_actor_id: Mapped[int] = _actor_fk(**CASCADE)
    cooperation_id: Mapped[int | None] = mapped_column(ForeignKey("cooperation.id"))
    start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    quantity: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_booking_resource_time", "resource_id", "start", "end"),)


class JointProjectRow(Base):
    __tablename__ = "joint_project"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    cooperation_id: Mapped[int] = mapped_column(ForeignKey("cooperation.id", **CASCADE))
    name: Mapped[str] = mapped_column(String(300))
    goal: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("resource.id"))


class MilestoneRow(Base):
    __tablename__ = "milestone"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("joint_project.id", **CASCADE))
    title: Mapped[str] = mapped_column(String(300))
    due: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class ContributionRow(Base):
    __tablename__ = "contribution"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("joint_project.id", **CASCADE))
    member_id: Mapped[int] = _actor_fk(**CASCADE)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[float] = mapped_column(Float)
    valued_at: Mapped[float] = mapped_column(Float)


class PostRow(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cooperation_id: Mapped[int] = mapped_column(ForeignKey("cooperation.id", **CASCADE))
    author_id: Mapped[int] = _actor_fk(**CASCADE)
    category: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    territories: Mapped[list[str]] = mapped_column(default=list)
    sectors: Mapped[list[str]] = mapped_column(default=list)
    visibility: Mapped[str] = mapped_column(String(16), default="members")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_post_cooperation_created", "cooperation_id", "created"),)


class UserRow(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str] = mapped_column(String(8), default="id")
    platform_roles: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReceiptRow(Base):
    __tablename__ = "receipt"
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", **CASCADE), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", **CASCADE), primary_key=True, index=True
    )
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PostRecipientRow(Base):
    """A member actor a post for named members is for."""

    __tablename__ = "post_recipient"
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", **CASCADE), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id", **CASCADE), primary_key=True, index=True
    )


class PostAttachmentRow(Base):
    """A file attached to a post; its bytes are on disk under their SHA-256 digest."""

    __tablename__ = "post_attachment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", **CASCADE), index=True)
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    __table_args__ = (UniqueConstraint("post_id", "name"),)


class PostForwardRow(Base):
    """A user passed a post on to the team of an actor it acts for."""

    __tablename__ = "post_forward"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", **CASCADE), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", **CASCADE), index=True)
    actor_id: Mapped[int] = _actor_fk(ondelete="CASCADE")
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReferralRow(Base):
    __tablename__ = "referral"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_id: Mapped[int] = _actor_fk(**CASCADE)
    introducer_id: Mapped[int] = _actor_fk(**CASCADE)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", **CASCADE))
    target_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id", **CASCADE))
    cooperation_id: Mapped[int | None] = mapped_column(ForeignKey("cooperation.id"))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AssessmentRow(Base):
    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = _actor_fk(**CASCADE)
    instrument_version: Mapped[str] = mapped_column(String(32))
    respondent: Mapped[str] = mapped_column(String(200))
    taken_at: Mapped[date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    __table_args__ = (UniqueConstraint("actor_id", "instrument_version", "respondent", "taken_at"),)


class ActorMemberRow(Base):
    __tablename__ = "actor_member"
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", **CASCADE), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    __table_args__ = (Index("ix_actor_member_actor", "actor_id"),)


class ApiTokenRow(Base):
    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", **CASCADE), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(200), unique=True)
    scopes: Mapped[list[str]] = mapped_column(default=list)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebSessionRow(Base):
    __tablename__ = "web_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", **CASCADE), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccountTicketRow(Base):
    """Invitations and password resets: single-use, expiring, only the token's hash kept."""

    __tablename__ = "account_ticket"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    actor_id: Mapped[int | None] = _actor_fk(nullable=True, **CASCADE)
    role: Mapped[str | None] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEventRow(Base):
    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(64))
    # The trail is the subject's: it goes with the subject. Who acted is kept as long as they
    # exist, and forgotten (not the event) when they are deleted.
    subject_actor_id: Mapped[int | None] = _actor_fk(nullable=True, **CASCADE)
    by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    by_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    detail: Mapped[str] = mapped_column(Text, default="")
    # The cooperation's key, not a reference: the trail outlives a deleted cooperation.
    cooperation: Mapped[str | None] = mapped_column(KEY, nullable=True)


class WebhookRow(Base):
    __tablename__ = "webhook"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = _actor_fk(**CASCADE)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[str]] = mapped_column(default=list)
    # Not the secret: the secret is derived from this salt and the server's secret key.
    secret_salt: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebhookEventRow(Base):
    """An event as it was when its write committed: what every delivery of it sends."""

    __tablename__ = "webhook_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cooperation: Mapped[str | None] = mapped_column(KEY, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class WebhookDeliveryRow(Base):
    """The outbox: one event for one webhook, until delivered or out of attempts."""

    __tablename__ = "webhook_delivery"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhook.id", **CASCADE), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("webhook_event.id", **CASCADE), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A dispatcher's claim: its token and until when it holds the delivery.
    claim: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_webhook_delivery_due", "status", "next_attempt_at"),)


class WebhookAttemptRow(Base):
    __tablename__ = "webhook_attempt"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_delivery.id", **CASCADE), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    duration_ms: Mapped[int] = mapped_column(Integer)


class AnalysisRow(Base):
    __tablename__ = "analysis"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    layer: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scope: Mapped[str] = mapped_column(String(16), index=True)
    actors: Mapped[int] = mapped_column(Integer)
    ties: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    pivots: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notices: Mapped[list[Any]] = mapped_column(JSON, default=list)


class AnalysisValueRow(Base):
    """One actor's measures in one analysis; NULL where a measure is undefined."""

    __tablename__ = "analysis_value"
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analysis.id", **CASCADE), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", **CASCADE), primary_key=True)
    degree: Mapped[int | None] = mapped_column(Integer)
    in_degree: Mapped[int | None] = mapped_column(Integer)
    out_degree: Mapped[int | None] = mapped_column(Integer)
    weighted_degree: Mapped[float | None] = mapped_column(Float)
    betweenness: Mapped[float | None] = mapped_column(Float)
    closeness: Mapped[float | None] = mapped_column(Float)
    harmonic: Mapped[float | None] = mapped_column(Float)
    eigenvector: Mapped[float | None] = mapped_column(Float)
    pagerank: Mapped[float | None] = mapped_column(Float)
    clustering: Mapped[float | None] = mapped_column(Float)
    effective_size: Mapped[float | None] = mapped_column(Float)
    efficiency: Mapped[float | None] = mapped_column(Float)
    constraint: Mapped[float | None] = mapped_column(Float)
    hierarchy: Mapped[float | None] = mapped_column(Float)
    ego_density: Mapped[float | None] = mapped_column(Float)
    core_number: Mapped[int | None] = mapped_column(Integer)
    component: Mapped[int | None] = mapped_column(Integer)
    community: Mapped[int | None] = mapped_column(Integer)
    coordinator: Mapped[int | None] = mapped_column(Integer)
    gatekeeper: Mapped[int | None] = mapped_column(Integer)
    representative: Mapped[int | None] = mapped_column(Integer)
    consultant: Mapped[int | None] = mapped_column(Integer)
    liaison: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_analysis_value_actor", "actor_id"),)


class JobRow(Base):
    """A job and, once finished, its result or its error (template and parameters)."""

    __tablename__ = "job"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", **CASCADE), index=True)
    # The actor whose data the job works on (PSI jobs): its users list and read the job.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", **CASCADE), index=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[list[Any] | None] = mapped_column(JSON)


class ChangeCounterRow(Base):
    """How many committed transactions wrote a table (``store.changes``; ``*``: any table)."""

    __tablename__ = "change_counter"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class ChangeScopeRow(Base):
    """How many committed transactions wrote a table's rows of one scope (``table@scope``), or
    wrote it without saying which (``table@``): ``store.changes``."""

    __tablename__ = "change_scope"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)

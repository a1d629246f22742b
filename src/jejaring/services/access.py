"""Who may do and see what in network sharing: the one place that decides (DESIGN section 5).

A user acts for an actor through its role for that actor: owners and managers change
agreements and policies and list the audit trail; members also work referrals; viewers only
read. Coordinators see structure (cooperations, their members and policies, territorial
reach), never customers. Administrators administer: they propose, suspend and end any
cooperation and read structure and audit trails, but do not act for actors. ``None`` as the
user is the trusted operator of the command line, who may do everything.

A use case asks :func:`authorize`; a principal who may not even see the object gets the very
error a missing object gives, so that a denied read cannot be told from a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from jejaring.domain.accounts import ActorRole, PlatformRole, User
from jejaring.domain.errors import N_, DomainError
from jejaring.i18n import _
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "MANAGE",
    "OPERATE",
    "OPERATOR",
    "READ",
    "RULES",
    "Forbidden",
    "Operation",
    "Principal",
    "Rule",
    "allowed",
    "allowed_any",
    "authorize",
    "principal",
    "require",
]


class Forbidden(DomainError):
    """The caller may see the object but may not make this change to it."""


class Operation(StrEnum):
    """Everything network sharing lets someone do or read."""

    PROPOSE = N_("propose a cooperation")
    ANSWER = N_("answer an invitation")
    LEAVE = N_("leave a cooperation")
    GOVERN = N_("suspend, resume or end a cooperation")
    SHOW = N_("read a cooperation")
    POLICY_SET = N_("change a sharing policy")
    POLICY_GET = N_("read a sharing policy")
    REFERRAL_REQUEST = N_("request a referral")
    REFERRAL_ANSWER = N_("answer or make an introduction")
    REFERRAL_CLOSE = N_("report a referral's outcome")
    REFERRAL_LIST = N_("read referrals")
    INTRO = N_("look for warm introductions")
    REACH = N_("read reach")
    REACH_CUSTOMERS = N_("read the customers in reach")
    AUDIT = N_("read the audit trail")
    MAP = N_("map accounts")
    RESOURCE_ADD = N_("add or share a resource")
    RESOURCE_READ = N_("read a resource and its availability")
    BOOK = N_("book a resource")
    BOOKING_CANCEL = N_("cancel a booking")
    SETTLE = N_("read a cooperation's usage and settlement")
    PROJECT_MANAGE = N_("run a joint project")
    PROJECT_CONTRIBUTE = N_("record a contribution to a joint project")
    PROJECT_READ = N_("read a joint project and its ledger")
    TIE_READ = N_("read a private tie")
    TIE_WRITE = N_("record or remove a tie")
    CUSTOMER_READ = N_("read customers")
    CUSTOMER_WRITE = N_("change customers")
    IMPORT = N_("import a bundle")
    EXPORT = N_("export the community as a bundle")
    ASSESS_IMPORT = N_("import capability answers")
    ANALYSE = N_("analyse the community's network")
    ANALYSE_PRIVATE = N_("analyse private ties")
    POST_WRITE = N_("post in a cooperation's channel")
    POST_READ = N_("read a cooperation's channel")
    POST_RECEIPTS = N_("see who read a post")
    POST_FORWARD = N_("forward a post to one's team")
    ATTACHMENTS_CLEAN = N_("remove attachment files no post refers to")
    MEMBERS_READ = N_("read who acts for an actor")
    MEMBERS_MANAGE = N_("invite users and change who acts for an actor")
    USERS_ADMIN = N_("administer user accounts")
    WEBHOOK_MANAGE = N_("manage an actor's webhooks and read their deliveries")
    PSI_RUN = N_("run a private set intersection on an actor's customers")
    PSI_READ = N_("read an actor's private set intersections")


MANAGE = frozenset({ActorRole.OWNER, ActorRole.MANAGER})
OPERATE = MANAGE | {ActorRole.MEMBER}
READ = OPERATE | {ActorRole.VIEWER}
_ADMIN, _COORDINATOR = PlatformRole.ADMIN, PlatformRole.COORDINATOR


@dataclass(frozen=True)
class Rule:
    """Roles for the actor acted for, and platform roles that need no actor, that may."""

    actor_roles: frozenset[ActorRole]
    platform_roles: frozenset[PlatformRole] = frozenset()


def _rule(roles: frozenset[ActorRole], *platform: PlatformRole) -> Rule:
    return Rule(roles, frozenset(platform))


_Op = Operation
RULES: Mapping[Operation, Rule] = {
    # An actor proposes as the initiator, which is answering for it (ANSWER); without an
    # initiator, only the platform roles propose.
    _Op.PROPOSE: _rule(frozenset(), _ADMIN, _COORDINATOR),
    _Op.ANSWER: _rule(MANAGE),
    _Op.LEAVE: _rule(MANAGE),
    _Op.GOVERN: _rule(MANAGE, _ADMIN),
    _Op.SHOW: _rule(READ, _ADMIN, _COORDINATOR),
    _Op.POLICY_SET: _rule(MANAGE),
    _Op.POLICY_GET: _rule(READ, _ADMIN, _COORDINATOR),
    _Op.REFERRAL_REQUEST: _rule(OPERATE),
    _Op.REFERRAL_ANSWER: _rule(OPERATE),
    _Op.REFERRAL_CLOSE: _rule(OPERATE),
    _Op.REFERRAL_LIST: _rule(READ),
    _Op.INTRO: _rule(READ),
    _Op.REACH: _rule(READ, _ADMIN, _COORDINATOR),
    _Op.REACH_CUSTOMERS: _rule(READ),
    _Op.AUDIT: _rule(MANAGE, _ADMIN),
    _Op.MAP: _rule(READ),
    # Resources: the owner's owners and managers add and share them; members of the
    # cooperations they are shared into read and book them, acting for the booker.
    _Op.RESOURCE_ADD: _rule(MANAGE),
    _Op.RESOURCE_READ: _rule(READ, _ADMIN),
    _Op.BOOK: _rule(OPERATE),
    _Op.BOOKING_CANCEL: _rule(OPERATE),
    _Op.SETTLE: _rule(READ, _ADMIN),
    # Joint projects: only members of the cooperation; their owners and managers run the
    # project and record what their actor contributes, all their users read it.
    _Op.PROJECT_MANAGE: _rule(MANAGE),
    _Op.PROJECT_CONTRIBUTE: _rule(MANAGE),
    _Op.PROJECT_READ: _rule(READ),
    # A tie is its two actors' (everyone's when marked community); either end records it.
    # Customers are their owner's only: no platform role reads them.
    _Op.TIE_READ: _rule(READ),
    _Op.TIE_WRITE: _rule(MANAGE),
    _Op.CUSTOMER_READ: _rule(READ),
    _Op.CUSTOMER_WRITE: _rule(OPERATE),
    # The bundle holds every actor's customers: only administrators move it in and out over
    # the API (the command line's operator may too). Coordinators analyse the community's
    # structure; private ties (scope all) are for administrators.
    _Op.IMPORT: _rule(frozenset(), _ADMIN),
    _Op.EXPORT: _rule(frozenset(), _ADMIN),
    _Op.ASSESS_IMPORT: _rule(frozenset(), _ADMIN, _COORDINATOR),  # coordinators run surveys
    _Op.ANALYSE: _rule(frozenset(), _ADMIN, _COORDINATOR),
    _Op.ANALYSE_PRIVATE: _rule(frozenset(), _ADMIN),
    # The channel: only members of the cooperation, and of a post for named members only the
    # named actors and the author (services.posts). Posts are members' business information,
    # so neither coordinators nor administrators read them. Viewers read; owners, managers and
    # members post and forward for their actor; the author's users see who read its posts.
    _Op.POST_WRITE: _rule(OPERATE),
    _Op.POST_READ: _rule(READ),
    _Op.POST_RECEIPTS: _rule(READ),
    _Op.POST_FORWARD: _rule(OPERATE),
    _Op.ATTACHMENTS_CLEAN: _rule(frozenset(), _ADMIN),
    # Accounts: an actor's owners and managers invite its users and set their roles (only an
    # owner gives or takes the owner role, see services/members.py); administrators do it for
    # any actor and alone administer the accounts themselves.
    _Op.MEMBERS_READ: _rule(READ, _ADMIN),
    _Op.MEMBERS_MANAGE: _rule(MANAGE, _ADMIN),
    _Op.USERS_ADMIN: _rule(frozenset(), _ADMIN),
    # Webhooks send the actor's events out of the platform: only its owners and managers add,
    # rotate and remove them and read their delivery log; nobody else learns they exist.
    _Op.WEBHOOK_MANAGE: _rule(MANAGE),
    # A PSI job sends the actor's customer keys, blinded, to a partner's server and keeps the
    # ones in common: its users who work its customers run one, all its users read them, and
    # no platform role does either (customers are their owner's only).
    _Op.PSI_RUN: _rule(OPERATE),
    _Op.PSI_READ: _rule(READ),
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user's e-mail, its roles per actor and its platform roles.

    ``email`` None is the operator of the command line.
    """

    email: str | None
    roles: Mapping[str, ActorRole] = field(default_factory=dict)
    platform: frozenset[PlatformRole] = frozenset()

    @property
    def operator(self) -> bool:
        return self.email is None

    def acts_for(self, actor: str) -> bool:
        """True when the principal holds any role for ``actor`` (the operator acts for all)."""
        return self.operator or actor in self.roles


OPERATOR = Principal(None)


def principal(uow: UnitOfWork, user: User | None) -> Principal:
    """The principal for ``user`` (None: the operator), its roles read in ``uow``."""
    if user is None:
        return OPERATOR
    roles = {m.actor: m.role for m in uow.users.memberships(user.email)}
    return Principal(user.email, roles, frozenset(user.platform_roles))


def allowed(p: Principal, op: Operation, actor: str | None = None) -> bool:
    """Whether ``p`` may do ``op``, acting for ``actor`` when one is named."""
    if p.operator:
        return True
    rule = RULES[op]
    if p.platform & rule.platform_roles:
        return True
    return actor is not None and p.roles.get(actor) in rule.actor_roles


def allowed_any(p: Principal, op: Operation, actors: Iterable[str]) -> bool:
    """Whether ``p`` may do ``op`` without an actor, or for at least one of ``actors``."""
    return allowed(p, op) or any(allowed(p, op, a) for a in actors)


def authorize(
    p: Principal, op: Operation, actor: str | None, *, visible: bool, missing: DomainError
) -> None:
    """Return when ``p`` may do ``op`` for ``actor``; else raise.

    ``missing`` (the error a missing object gives) when the object is not ``visible`` to
    ``p``, so that the refusal says nothing the absence would not; Forbidden otherwise.
    """
    if allowed(p, op, actor):
        return
    if not visible:
        raise missing
    if actor is not None and not p.acts_for(actor):
        raise Forbidden(N_("you do not act for '{actor}'"), actor=actor)
    raise Forbidden(N_("your role may not {operation}"), operation=_(op.value))


def require(p: Principal, op: Operation) -> None:
    """Return when ``p`` may do ``op``, which acts for no actor (nothing to hide); else raise
    Forbidden."""
    if not allowed(p, op):
        raise Forbidden(N_("your role may not {operation}"), operation=_(op.value))

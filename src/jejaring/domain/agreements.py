"""The life cycle of a cooperation agreement: proposals, answers, leaving, suspending, ending.

A proposal invites every member; the initiator's own actor accepts by proposing. The agreement
becomes active once no invitation is open and at least two members accepted. A decline or a
departure that leaves fewer than two possible members ends it; an ended agreement is final.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from jejaring.domain.cooperation import (
    Cooperation,
    CooperationStatus,
    MemberRole,
    Membership,
    MembershipStatus,
)
from jejaring.domain.errors import N_, InvalidValue, RuleViolation

__all__ = [
    "answer",
    "check_members",
    "depart",
    "invitations",
    "require_open",
    "settle",
    "transition",
]

_Status = CooperationStatus
_MOVES: dict[str, tuple[set[CooperationStatus], CooperationStatus]] = {
    "suspend": ({_Status.ACTIVE}, _Status.SUSPENDED),
    "resume": ({_Status.SUSPENDED}, _Status.ACTIVE),
    "end": ({_Status.PROPOSED, _Status.ACTIVE, _Status.SUSPENDED}, _Status.ENDED),
}


def check_members(members: list[str]) -> list[str]:
    """The members without repeats, in order; at least two distinct actors are needed."""
    distinct = list(dict.fromkeys(m.strip() for m in members if m.strip()))
    if len(distinct) < 2:
        raise InvalidValue(N_("members: a cooperation needs at least two distinct actors"))
    return distinct


def invitations(
    key: str, members: list[str], *, initiator: str | None, today: date
) -> list[Membership]:
    """One membership per member: the initiator accepted, every other invited."""
    if initiator is not None and initiator not in members:
        raise InvalidValue(N_("initiator: '{key}' is not among the members"), key=initiator)
    found = []
    for actor in members:
        if actor == initiator:
            found.append(
                Membership(key, actor, MemberRole.INITIATOR, MembershipStatus.ACCEPTED, today)
            )
        else:
            found.append(Membership(key, actor))
    return found


def answer(m: Membership, *, accept: bool, today: date) -> Membership:
    """The member's answer to its invitation, given once."""
    if m.status is not MembershipStatus.INVITED:
        raise RuleViolation(
            N_("'{actor}' has answered already (it is {status})"),
            actor=m.actor,
            status=m.status.value,
        )
    if accept:
        return replace(m, status=MembershipStatus.ACCEPTED, joined=today)
    return replace(m, status=MembershipStatus.DECLINED)


def depart(m: Membership, *, today: date) -> Membership:
    """The member leaves: an accepted member only (an invited one declines)."""
    if m.status is not MembershipStatus.ACCEPTED:
        raise RuleViolation(
            N_("'{actor}' cannot leave: it is {status}, not accepted"),
            actor=m.actor,
            status=m.status.value,
        )
    return replace(m, status=MembershipStatus.LEFT, left=today)


def settle(coop: Cooperation, memberships: list[Membership]) -> Cooperation:
    """The agreement's status after a change of its memberships."""
    if coop.status is _Status.ENDED:
        return coop
    accepted = sum(m.status is MembershipStatus.ACCEPTED for m in memberships)
    invited = sum(m.status is MembershipStatus.INVITED for m in memberships)
    if accepted + invited < 2:
        return replace(coop, status=_Status.ENDED)
    if coop.status is _Status.PROPOSED and invited == 0:
        return replace(coop, status=_Status.ACTIVE)
    return coop


def transition(coop: Cooperation, move: str) -> Cooperation:
    """``coop`` after ``move`` (suspend, resume or end); RuleViolation when not allowed now."""
    allowed, after = _MOVES[move]
    if coop.status not in allowed:
        raise RuleViolation(
            N_("cooperation '{key}' is {status}: it cannot {move} now"),
            key=coop.key,
            status=coop.status.value,
            move=move,
        )
    return replace(coop, status=after)


def require_open(coop: Cooperation) -> None:
    """RuleViolation when the agreement has ended."""
    if coop.status is _Status.ENDED:
        raise RuleViolation(N_("cooperation '{key}' has ended"), key=coop.key)

"""Use cases: a member's sharing policy in a cooperation, read and changed.

A change applies to the next read (nothing caches a policy) and is recorded as an audit event
about the member, naming the cooperation, who changed it and what changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.agreements import require_open
from jejaring.domain.cooperation import MappingLevel, MembershipStatus, SharingPolicy
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.cooperations import policy_dict, visible_cooperation
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["POLICY_CHANGED", "get_policy", "policy_of", "set_policy"]

POLICY_CHANGED = "policy.changed"


def policy_of(uow: UnitOfWork, key: str, actor: str) -> SharingPolicy:
    """The member's stored policy, or the default (nothing shared)."""
    for p in uow.cooperations.policies(key):
        if p.actor == actor:
            return p
    return SharingPolicy(key, actor)


def _check_member(uow: UnitOfWork, key: str, actor: str) -> None:
    if actor not in {m.actor for m in uow.cooperations.memberships(key)}:
        raise RuleViolation(
            N_("'{actor}' is not a member of cooperation '{key}'"), actor=actor, key=key
        )


def get_policy(ctx: Context, user: User | None, key: str, actor: str) -> SharingPolicy:
    """``actor``'s policy in cooperation ``key``: for those who may see the cooperation."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        visible_cooperation(uow, p, key)
        _check_member(uow, key, actor)
        return policy_of(uow, key, actor)


def set_policy(
    ctx: Context,
    user: User | None,
    key: str,
    actor: str,
    *,
    mapping_level: MappingLevel | None = None,
    shared_segments: Sequence[str] | None = None,
    shared_tie_types: Sequence[str] | None = None,
    introductions_allowed: bool | None = None,
    now: datetime | None = None,
) -> SharingPolicy:
    """Change what ``actor`` shares in cooperation ``key``; fields left None keep their value.

    Only the member's own owners and managers may; the change is audited in the same
    transaction.
    """
    with ctx.uow() as uow:
        p = principal(uow, user)
        coop, members = visible_cooperation(uow, p, key)
        missing = NotFound(N_("cooperation '{key}' not found"), key=key)
        authorize(p, Operation.POLICY_SET, actor, visible=True, missing=missing)
        require_open(coop)
        status = {m.actor: m.status for m in members}.get(actor)
        if status is None:
            _check_member(uow, key, actor)
        if status in (MembershipStatus.DECLINED, MembershipStatus.LEFT):
            raise RuleViolation(
                N_("'{actor}' is no longer a member of cooperation '{key}'"), actor=actor, key=key
            )
        for t in shared_tie_types or ():
            if uow.tie_types.get(t) is None:
                raise NotFound(N_("tie type '{key}' not found"), key=t)
        before = policy_of(uow, key, actor)
        after = replace(
            before,
            mapping_level=before.mapping_level if mapping_level is None else mapping_level,
            shared_segments=_words(shared_segments, before.shared_segments),
            shared_tie_types=_words(shared_tie_types, before.shared_tie_types),
            introductions_allowed=(
                before.introductions_allowed
                if introductions_allowed is None
                else introductions_allowed
            ),
        )
        if after != before:
            uow.cooperations.save_policy(after)
            old, new = policy_dict(before), policy_dict(after)
            changes = {k: [old[k], new[k]] for k in new if old[k] != new[k]}
            uow.audit.record(
                AuditEvent(
                    at=now or datetime.now(UTC),
                    action=POLICY_CHANGED,
                    subject_actor=actor,
                    by_user=p.email,
                    by_actor=actor,
                    detail=json.dumps(changes, ensure_ascii=False, sort_keys=True),
                    cooperation=key,
                )
            )
            uow.commit()
    return after


def _words(given: Sequence[str] | None, kept: tuple[str, ...]) -> tuple[str, ...]:
    if given is None:
        return kept
    return tuple(sorted({w.strip() for w in given if w.strip()}))

"""Customer targets of warm introductions: which partners hold a record matching one of the
requester's own, revealing only what each partner's policy shares.

A partner is a candidate only when it makes introductions and shares records (overlaps or
full) in that cooperation; only its records in the shared segments are compared. A match
shows the fields its level shares (see :mod:`jejaring.services.mapping`) and is recorded in
the partner's audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jejaring.domain.accounts import AuditEvent
from jejaring.domain.cooperation import MappingLevel
from jejaring.services.mapping import OVERLAP_FIELDS, Matcher, customer_frame, default_matcher
from jejaring.services.partnership import RECORD_LEVELS, Partnership
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["INTRO_MATCHED", "match_for_introductions"]

INTRO_MATCHED = "intro.customer_matched"
_ALL_FIELDS = ("key", "name", "status", "email", "phone", "tax_id", "territory", "segment", "value")


def match_for_introductions(
    uow: UnitOfWork,
    requester: str,
    record: str,
    candidates: list[Partnership],
    *,
    matcher: Matcher | None = None,
    by_user: str | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """``(owner, match)`` for every candidate holding a record matching ``record``."""
    match = matcher or default_matcher()
    mine = uow.customers.get(requester, record)
    assert mine is not None  # the caller checked it
    found: list[tuple[str, dict[str, Any]]] = []
    for way in sorted(candidates, key=lambda w: (w.partner, w.cooperation)):
        policy = way.policy
        if (
            way.partner in {owner for owner, _ in found}
            or policy.mapping_level not in RECORD_LEVELS
        ):
            continue
        theirs = {
            c.key: c
            for c in uow.customers.find_for(way.partner)
            if not policy.shared_segments or c.segment in policy.shared_segments
        }
        if not theirs:
            continue
        pairs = match(customer_frame([mine]), customer_frame(list(theirs.values())))
        if pairs.is_empty():
            continue
        best = pairs.sort("score", "right_key", descending=[True, False]).row(0, named=True)
        fields = _ALL_FIELDS if policy.mapping_level is MappingLevel.FULL else OVERLAP_FIELDS
        other = theirs[best["right_key"]]
        shown = {f: getattr(other, f) for f in fields}
        shown["status"] = other.status.value
        shown |= {"owner": way.partner, "rule": best["rule"], "score": best["score"]}
        found.append((way.partner, shown))
        uow.audit.record(
            AuditEvent(
                datetime.now(UTC), INTRO_MATCHED, way.partner, by_user, requester,
                f"customer {other.key} ({best['rule']})", way.cooperation,
            )
        )  # fmt: skip
    return found

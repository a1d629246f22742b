"""Use case: account mapping — how A's customer list overlaps B's, as far as B's policy allows.

Three overlap categories: customers in common, A's prospects that are B's customers, and B's
prospects that are A's customers (records matched by ``privacy.matching``). What A sees of B
follows B's sharing policy in their cooperation (and what B sees of A, A's):

- ``counts``: numbers only — per category, in total, by territory and by segment (A's own
  record's), each below 5 (zero too) shown as "< 5";
- ``overlaps``: also the matched records of B, with the fields B shares at that level
  (key, name, status, territory, segment — no contact details, no value);
- ``full``: also every record of B in the shared segments, with every field.

B's shared segments, when listed, narrow every level (records outside them are not mapped).
Every map is recorded in B's audit trail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl

from jejaring.domain.accounts import MAPPING_READ, AuditEvent, User
from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.customers import Customer, CustomerStatus
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.privacy.matching import match_records
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.disclosure import shown_count
from jejaring.services.partnership import Partnership, partnerships
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "CATEGORIES",
    "MAPPING_READ",
    "OVERLAP_FIELDS",
    "AccountMap",
    "Matcher",
    "customer_frame",
    "default_matcher",
    "map_accounts",
]

OVERLAP_FIELDS = ("key", "name", "status", "territory", "segment")
CATEGORIES = ("customers_in_common", "a_prospects_b_customers", "b_prospects_a_customers")
Matcher = Callable[[pl.DataFrame, pl.DataFrame], pl.DataFrame]
_C, _P = CustomerStatus.CUSTOMER, CustomerStatus.PROSPECT
_CATEGORY = {(_C, _C): CATEGORIES[0], (_P, _C): CATEGORIES[1], (_C, _P): CATEGORIES[2]}
_COLUMNS = ("key", "name", "status", "email", "phone", "tax_id", "territory", "segment", "value")


@dataclass(frozen=True)
class AccountMap:
    """What ``a`` sees of its overlap with ``b`` in ``cooperation`` at ``b``'s ``level``.

    ``categories`` maps each category to ``total``, ``by_territory`` and ``by_segment``
    (counts, or "< 5"); ``overlaps`` (overlaps and full) pairs a's key with b's record, the
    rule and score; ``shared`` (full) lists b's records in its shared segments.
    """

    a: str
    b: str
    cooperation: str
    level: str
    categories: dict[str, dict[str, Any]]
    overlaps: list[dict[str, Any]] | None
    shared: list[dict[str, Any]] | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def customer_frame(customers: list[Customer]) -> pl.DataFrame:
    """Customer records in the ``customers.csv`` columns (DESIGN section 7)."""
    rows = [
        (c.key, c.name, c.status.value, c.email, c.phone, c.tax_id, c.territory, c.segment, c.value)
        for c in customers
    ]
    schema = {name: pl.String for name in _COLUMNS} | {"value": pl.Float64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _partnership(uow: UnitOfWork, a: str, b: str, cooperation: str | None) -> Partnership:
    ways = [
        p
        for p in partnerships(uow, a)
        if p.partner == b and p.network_sharing and cooperation in (None, p.cooperation)
    ]
    if not ways:
        raise RuleViolation(
            N_("'{a}' and '{b}' share no active network-sharing cooperation{where}"),
            a=a,
            b=b,
            where=f" '{cooperation}'" if cooperation else "",
        )
    if len(ways) > 1:
        raise RuleViolation(
            N_("'{a}' and '{b}' share several cooperations ({keys}): name one"),
            a=a,
            b=b,
            keys=", ".join(p.cooperation for p in ways),
        )
    return ways[0]


def default_matcher() -> Matcher:
    """``privacy.matching.match_records``: tax id, e-mail, phone, domain, then names."""
    return match_records


def map_accounts(
    ctx: Context,
    user: User | None,
    a: str,
    b: str,
    *,
    cooperation: str | None = None,
    matcher: Matcher | None = None,
    now: datetime | None = None,
) -> AccountMap:
    """Map ``a``'s accounts against ``b``'s, acting for ``a``; audited in ``b``'s trail."""
    match = matcher or default_matcher()
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=a)
        if uow.actors.get(a) is None:
            raise missing
        authorize(p, Operation.MAP, a, visible=False, missing=missing)
        if uow.actors.get(b) is None:
            raise NotFound(N_("actor '{key}' not found"), key=b)
        way = _partnership(uow, a, b, cooperation)
        policy = way.policy
        if policy.mapping_level is MappingLevel.NONE:
            raise RuleViolation(
                N_("'{b}' shares no account mapping in cooperation '{key}'"),
                b=b,
                key=way.cooperation,
            )
        mine = uow.customers.find_for(a)
        theirs = [
            c
            for c in uow.customers.find_for(b)
            if not policy.shared_segments or c.segment in policy.shared_segments
        ]
        pairs = match(customer_frame(mine), customer_frame(theirs)) if mine and theirs else None
        result = _result(a, b, way, mine, theirs, pairs)
        uow.audit.record(
            AuditEvent(
                now or datetime.now(UTC), MAPPING_READ, b, p.email, a,
                f"level {result.level}; records shown {len(result.overlaps or [])}",
                way.cooperation,
            )
        )  # fmt: skip
        uow.commit()
    return result


def _result(
    a: str,
    b: str,
    way: Partnership,
    mine: list[Customer],
    theirs: list[Customer],
    pairs: pl.DataFrame | None,
) -> AccountMap:
    level = way.policy.mapping_level
    own = {c.key: c for c in mine}
    other = {c.key: c for c in theirs}
    seen: dict[str, set[str]] = {name: set() for name in CATEGORIES}
    overlaps = []
    for left, right, rule, score in pairs.iter_rows() if pairs is not None else ():
        x, y = own[left], other[right]
        category = _CATEGORY.get((x.status, y.status))
        if category is None:  # prospects of both: no category of the map
            continue
        seen[category].add(left)
        fields = _COLUMNS if level is MappingLevel.FULL else OVERLAP_FIELDS
        record = {f: _value(y, f) for f in fields}
        overlaps.append({"category": category, "a_key": left, "b": record, "rule": rule,
                         "score": score})  # fmt: skip
    categories = {name: _counts([own[k] for k in keys]) for name, keys in seen.items()}
    records = level in (MappingLevel.OVERLAPS, MappingLevel.FULL)
    shared = [{f: _value(c, f) for f in _COLUMNS} for c in theirs]
    return AccountMap(
        a,
        b,
        way.cooperation,
        level.value,
        categories,
        sorted(overlaps, key=lambda o: (o["category"], o["a_key"], o["b"]["key"]))
        if records
        else None,
        shared if level is MappingLevel.FULL else None,
    )


def _value(c: Customer, name: str) -> Any:
    value = getattr(c, name)
    return value.value if isinstance(value, CustomerStatus) else value


def _counts(records: list[Customer]) -> dict[str, Any]:
    def breakdown(values: list[str | None]) -> dict[str, int | str]:
        counted = Counter(v or "-" for v in values)
        return {k: shown_count(n) for k, n in sorted(counted.items())}

    return {
        "total": shown_count(len(records)),
        "by_territory": breakdown([r.territory for r in records]),
        "by_segment": breakdown([r.segment for r in records]),
    }

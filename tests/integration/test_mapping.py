"""Account mapping through the service, on both databases, with a plain tax-id matcher.

Matching itself is ``privacy.matching``'s (tested there); here a stand-in that joins equal
tax ids makes the categories, levels, segments and small counts easy to check by hand.
"""

from __future__ import annotations

import polars as pl
import pytest

from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MembershipStatus,
)
from jejaring.domain.customers import CustomerStatus
from jejaring.domain.errors import NotFound, RuleViolation
from jejaring.services.bootstrap import Context
from jejaring.services.mapping import MAPPING_READ, OVERLAP_FIELDS, map_accounts
from jejaring.services.policies import set_policy
from tests.factories import cooperation, customer, membership, persist
from tests.support.sharing import build_sharing, the_user

P = CustomerStatus.PROSPECT
SHARING = Mechanism.NETWORK_SHARING


def by_tax_id(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    joined = left.select("key", "tax_id").join(
        right.select("key", "tax_id"), on="tax_id", suffix="_r"
    )
    return joined.select(
        left_key="key", right_key="key_r", rule=pl.lit("tax_id"), score=pl.lit(1.0)
    ).sort("left_key", "right_key")


@pytest.fixture
def community(ctx: Context) -> Context:
    """a and b share 7 customers (1 ritel in 32, 6 grosir in 33), a's prospect a2 is b's
    customer, b's prospect b3 is a's customer a3."""
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            customer("a", "a1", tax_id="1", territory="32", segment="ritel"),
            customer("a", "a2", tax_id="2", status=P, segment="ritel"),
            customer("a", "a3", tax_id="3", segment="grosir"),
            *(customer("a", f"a{i}", tax_id=str(i), territory="33", segment="grosir")
              for i in range(4, 10)),
            customer("b", "b1", tax_id="1", segment="ritel", email="x@pt-x.co.id", value=5.0),
            customer("b", "b2", tax_id="2", segment="ritel"),
            customer("b", "b3", tax_id="3", status=P, segment="grosir"),
            *(customer("b", f"b{i}", tax_id=str(i), segment="grosir") for i in range(4, 10)),
            customer("b", "b-only", tax_id="99", segment="ritel"),
        )  # fmt: skip
        uow.commit()
    set_policy(ctx, None, "coop", "b", mapping_level=MappingLevel.COUNTS)
    return ctx


def _map(ctx: Context, who: str = "viewer@a", **kw: object) -> dict:  # type: ignore[type-arg]
    found = map_accounts(ctx, the_user(ctx, who), "a", "b", matcher=by_tax_id, **kw)  # type: ignore[arg-type]
    return found.as_dict()


def test_counts_only_with_small_counts_bounded(community: Context) -> None:
    found = _map(community)
    assert (found["level"], found["cooperation"]) == ("counts", "coop")
    common = found["categories"]["customers_in_common"]
    assert common == {
        "total": 7,
        "by_territory": {"32": "< 5", "33": 6},
        "by_segment": {"grosir": 6, "ritel": "< 5"},
    }
    assert found["categories"]["a_prospects_b_customers"]["total"] == "< 5"
    assert found["categories"]["b_prospects_a_customers"]["total"] == "< 5"
    assert found["overlaps"] is None and found["shared"] is None
    with community.reader() as uow:
        event = uow.audit.find_for("b")[0]
    assert (event.action, event.by_user, event.by_actor, event.cooperation) == (
        MAPPING_READ,
        "viewer@a",
        "a",
        "coop",
    )


def test_overlaps_show_only_the_matched_records_of_the_shared_segments(community: Context) -> None:
    set_policy(community, None, "coop", "b", mapping_level=MappingLevel.OVERLAPS,
               shared_segments=["ritel"])  # fmt: skip
    found = _map(community)
    assert found["categories"]["customers_in_common"]["total"] == "< 5"
    assert found["categories"]["b_prospects_a_customers"]["total"] == "< 5"  # none: b3 is grosir
    assert [(o["category"], o["a_key"], o["b"]["key"]) for o in found["overlaps"]] == [
        ("a_prospects_b_customers", "a2", "b2"),
        ("customers_in_common", "a1", "b1"),
    ]
    assert set(found["overlaps"][1]["b"]) == set(OVERLAP_FIELDS)  # no e-mail, tax id or value
    assert found["shared"] is None


def test_full_shares_the_segments_with_every_field(community: Context) -> None:
    set_policy(community, None, "coop", "b", mapping_level=MappingLevel.FULL)
    found = _map(community)
    assert len(found["shared"]) == 10 and found["categories"]["customers_in_common"]["total"] == 7
    b1 = next(o["b"] for o in found["overlaps"] if o["b"]["key"] == "b1")
    assert (b1["email"], b1["value"], b1["tax_id"]) == ("x@pt-x.co.id", 5.0, "1")


def test_what_cannot_be_mapped(community: Context) -> None:
    set_policy(community, None, "coop", "b", mapping_level=MappingLevel.NONE)
    with pytest.raises(RuleViolation, match="'b' shares no account mapping in cooperation 'coop'"):
        _map(community)
    with pytest.raises(NotFound, match="actor 'a' not found"):
        _map(community, "owner@z")
    with pytest.raises(RuleViolation, match="share no active network-sharing cooperation"):
        map_accounts(community, None, "a", "z", matcher=by_tax_id)
    with community.uow() as uow:
        two = cooperation("two", status=CooperationStatus.ACTIVE, mechanisms=(SHARING,))
        persist(uow, two, *(membership("two", k, status=MembershipStatus.ACCEPTED) for k in "ab"))
        uow.commit()
    set_policy(community, None, "two", "b", mapping_level=MappingLevel.COUNTS)
    with pytest.raises(RuleViolation, match=r"several cooperations \(coop, two\)"):
        _map(community)
    assert _map(community, cooperation="two")["cooperation"] == "two"

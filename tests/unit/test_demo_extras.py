"""Sharing policies, posts, referrals, assessments and accounts; every row fits the domain."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from jejaring.demo.assessments import instrument
from jejaring.domain.actors import Actor, ActorKind
from jejaring.domain.capability import Assessment
from jejaring.domain.cooperation import Cooperation, MappingLevel, Mechanism, SharingPolicy
from jejaring.domain.customers import Customer, CustomerStatus
from jejaring.domain.posts import Post, PostCategory
from jejaring.domain.referrals import Referral, ReferralStatus, TargetKind
from jejaring.domain.resources import Resource, ResourceKind
from jejaring.domain.ties import Tie
from jejaring.domain.vocabulary import split_list
from tests.support.demo_community import community


def _members() -> pl.DataFrame:
    coops = community().bundle.sheets["cooperations"]
    return coops.select(cooperation="key", actor=pl.col("members").str.split(";")).explode("actor")


def test_every_sheet_row_is_a_valid_domain_object() -> None:
    s = community().bundle.sheets
    for r in s["actors"].iter_rows(named=True):
        Actor(
            r["key"],
            r["name"],
            ActorKind(r["kind"]),
            split_list(r["sectors"]),
            r["home_territory"],
            split_list(r["coverage"]),
            r["description"],
        )
    for r in s["ties"].iter_rows(named=True):
        Tie(
            r["source"],
            r["target"],
            r["type"],
            float(r["weight"]),
            r["directed"] == "true",
            date.fromisoformat(r["since"]),
            date.fromisoformat(r["until"]) if r["until"] else None,
        )
    for r in s["customers"].iter_rows(named=True):
        Customer(
            r["owner"],
            r["key"],
            r["name"],
            CustomerStatus(r["status"]),
            r["email"],
            r["phone"],
            r["tax_id"],
            r["territory"],
            r["segment"],
            float(r["value"]) if r["value"] else None,
        )
    for r in s["resources"].iter_rows(named=True):
        Resource(
            r["key"],
            r["owner"],
            r["name"],
            ResourceKind(r["kind"]),
            float(r["capacity"]),
            r["unit"],
            r["territory"],
            float(r["cost_rate"]),
            r["availability"],
        )
    for r in s["cooperations"].iter_rows(named=True):
        Cooperation(
            r["key"],
            r["name"],
            r["purpose"],
            mechanisms=tuple(Mechanism(m) for m in split_list(r["mechanisms"])),
        )


def test_one_policy_per_membership() -> None:
    policies = community().extras.policies
    assert policies.select("cooperation", "actor").sort(pl.all()).equals(_members().sort(pl.all()))
    assert set(policies["mapping_level"]) == {m.value for m in MappingLevel}
    for r in policies.head(200).iter_rows(named=True):
        SharingPolicy(
            r["cooperation"],
            r["actor"],
            MappingLevel(r["mapping_level"]),
            tuple(r["shared_segments"]),
            tuple(r["shared_tie_types"]),
            r["introductions_allowed"],
        )


def test_posts_are_written_by_members_in_every_category() -> None:
    posts = community().extras.posts
    assert set(posts["category"]) == {c.value for c in PostCategory}
    by_member = posts.join(
        _members(), left_on=["cooperation", "author"], right_on=["cooperation", "actor"]
    )
    assert by_member.height == posts.height
    assert not posts["title"].str.contains("{", literal=True).any()
    assert not posts["body"].str.contains("{", literal=True).any()
    for r in posts.iter_rows(named=True):
        Post(
            r["cooperation"],
            r["author"],
            PostCategory(r["category"]),
            r["title"],
            r["body"],
            r["created"],
            tuple(r["territories"]),
            tuple(r["sectors"]),
            expires=r["expires"],
        )


def test_referrals_join_members_and_point_at_real_targets() -> None:
    c = community()
    referrals = c.extras.referrals
    assert referrals.height > 0 and set(referrals["status"]) == {s.value for s in ReferralStatus}
    members = _members()
    for role in ("requester", "introducer"):
        joined = referrals.join(
            members, left_on=["cooperation", role], right_on=["cooperation", "actor"]
        )
        assert joined.height == referrals.height
    customers = c.bundle.sheets["customers"].select(target_owner="owner", target="key")
    to_customers = referrals.filter(pl.col("target_kind") == "customer")
    assert to_customers.join(customers, on=["target_owner", "target"]).height == to_customers.height
    assert (to_customers["target_owner"] == to_customers["introducer"]).all()
    to_actors = referrals.filter(pl.col("target_kind") == "actor")
    assert set(to_actors["target"]) <= set(c.bundle.sheets["actors"]["key"])
    assert referrals.filter(pl.col("status") == "won")["value"].is_not_null().all()
    for r in referrals.iter_rows(named=True):
        Referral(
            r["requester"],
            r["introducer"],
            TargetKind(r["target_kind"]),
            r["target"],
            r["created"],
            r["cooperation"],
            ReferralStatus(r["status"]),
            r["value"],
            r["note"],
        )


def _alpha(items: np.ndarray) -> float:
    k = items.shape[1]
    return float(
        k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1))
    )


def test_assessments_answer_the_instrument_with_plausible_reliability() -> None:
    assessments = community().extras.assessments
    inst = instrument()
    assert inst.version == "nc-1" and len(inst.items) == 19
    answers = assessments.select(inst.items)
    assert answers.null_count().sum_horizontal().item() > 0  # a few blanks
    values = answers.unpivot()["value"].drop_nulls()
    assert values.min() == 1 and values.max() == 7  # type: ignore[comparison-overlap]
    respondents = assessments.group_by("actor").agg(pl.col("respondent").n_unique())
    assert (respondents["respondent"] >= 2).any()
    for component in range(4):
        items = [i for i, c in zip(inst.items, inst.component, strict=True) if c == component]
        complete = answers.select(items).drop_nulls().to_numpy().astype(float)
        assert 0.7 <= _alpha(complete) <= 0.95
    assert assessments.select("actor", "respondent", "taken_at").is_unique().all()
    for r in assessments.head(100).iter_rows(named=True):
        Assessment(
            r["actor"],
            r["instrument_version"],
            r["respondent"],
            date.fromisoformat(r["taken_at"]),
            {i: r[i] for i in inst.items if r[i] is not None},
        )


def test_accounts_are_a_few_owners_and_one_coordinator() -> None:
    c = community()
    accounts = c.accounts
    owners = [a for a in accounts if a.actor is not None]
    assert 3 <= len(owners) <= 5 and len(accounts) == len(owners) + 1
    assert set(a.actor for a in owners) <= set(c.bundle.sheets["actors"]["key"])
    assert set(a.actor for a in owners) <= set(_members()["actor"])
    assert len({a.email for a in accounts}) == len(accounts)
    assert all(a.email.endswith(".example") for a in accounts)

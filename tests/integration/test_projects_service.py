"""Joint projects through the use cases, with who may do what, on both databases."""

from __future__ import annotations

from fractions import Fraction

import pytest

from jejaring.domain.errors import InvalidValue, NotFound, RuleViolation
from jejaring.domain.projects import ContributionKind, JointProject, ProjectStatus
from jejaring.domain.resources import ResourceKind, ResourceShare
from jejaring.services import projects
from jejaring.services.access import Forbidden
from jejaring.services.bootstrap import Context
from tests.support.projects import build_projects
from tests.support.sharing import the_user

CASH, IN_KIND, HOURS = ContributionKind.CASH, ContributionKind.IN_KIND, ContributionKind.HOURS


@pytest.fixture
def world(ctx: Context) -> Context:
    build_projects(ctx)
    projects.create_project(
        ctx, the_user(ctx, "owner@a"), JointProject("cold", "bangun", "Cold storage"), actor="a"
    )
    return ctx


def _contribute_example(ctx: Context) -> None:
    """a: 6,000,000 cash; b: a cooling unit worth 2,500,000; c: 12.5 hours at 120,000."""
    projects.contribute(ctx, the_user(ctx, "manager@a"), "cold", "a", CASH, 4_000_000)
    projects.contribute(ctx, the_user(ctx, "owner@a"), "cold", "a", CASH, 2_000_000)
    projects.contribute(ctx, the_user(ctx, "owner@b"), "cold", "b", IN_KIND, 1, value=2_500_000)
    projects.contribute(ctx, the_user(ctx, "owner@c"), "cold", "c", HOURS, 12.5, rate=120_000)


def test_create_needs_an_active_co_developing_cooperation_and_its_managers(ctx: Context) -> None:
    build_projects(ctx)
    p = JointProject("cold", "bangun", "Cold storage", goal="A shared cold store")
    with pytest.raises(Forbidden, match="your role may not run a joint project"):
        projects.create_project(ctx, the_user(ctx, "member@a"), p, actor="a")
    with pytest.raises(Forbidden, match="you do not act for 'b'"):
        projects.create_project(ctx, the_user(ctx, "owner@a"), p, actor="b")
    # Outside the cooperation, it looks missing.
    with pytest.raises(NotFound, match="cooperation 'bangun' not found"):
        projects.create_project(ctx, the_user(ctx, "owner@z"), p)
    with pytest.raises(RuleViolation, match="does not co-develop resources"):
        projects.create_project(ctx, None, JointProject("x", "coop", "X"))
    assert projects.create_project(ctx, the_user(ctx, "owner@a"), p, actor="a") == p
    with pytest.raises(RuleViolation, match="project 'cold' exists already"):
        projects.create_project(ctx, None, p)


def test_goal_status_and_milestones(world: Context) -> None:
    owner = the_user(world, "owner@b")
    projects.set_project(world, owner, "cold", goal="Store 40 t", status=ProjectStatus.RUNNING)
    projects.add_milestone(world, owner, "cold", "Site chosen")
    projects.add_milestone(world, owner, "cold", "Unit installed")
    done = projects.meet_milestone(world, owner, "cold", 2)
    assert [(m.title, m.done) for m in done.milestones] == [
        ("Site chosen", False), ("Unit installed", True),
    ]  # fmt: skip
    shown = projects.show_project(world, the_user(world, "viewer@a"), "cold")
    assert (shown.goal, shown.status, shown.milestones) == (
        "Store 40 t", ProjectStatus.RUNNING, done.milestones,
    )  # fmt: skip
    with pytest.raises(InvalidValue, match="no milestone 3 \\(the project has 2\\)"):
        projects.meet_milestone(world, owner, "cold", 3)
    with pytest.raises(RuleViolation, match="completed by completing it"):
        projects.set_project(world, owner, "cold", status=ProjectStatus.COMPLETED)
    with pytest.raises(Forbidden, match="your role may not run a joint project"):
        projects.add_milestone(world, the_user(world, "viewer@a"), "cold", "X")


def test_non_members_are_refused_and_cannot_tell_it_exists(world: Context) -> None:
    outsider = the_user(world, "owner@z")
    for call in (
        lambda: projects.show_project(world, outsider, "cold"),
        lambda: projects.ledger(world, outsider, "cold"),
        lambda: projects.contribute(world, outsider, "cold", "z", CASH, 10),
        lambda: projects.add_milestone(world, outsider, "cold", "X"),
    ):
        with pytest.raises(NotFound, match="project 'cold' not found") as hidden:
            call()
        with pytest.raises(NotFound) as missing:
            projects.show_project(world, outsider, "nope")
        assert str(hidden.value).replace("cold", "nope") == str(missing.value)
    assert projects.list_projects(world, outsider) == []
    assert [p.key for p in projects.list_projects(world, the_user(world, "owner@c"))] == ["cold"]
    # A member records only its own actor's contributions; z is no member at all.
    with pytest.raises(Forbidden, match="you do not act for 'b'"):
        projects.contribute(world, the_user(world, "owner@a"), "cold", "b", CASH, 10)
    with pytest.raises(RuleViolation, match="'z' is not an accepted member"):
        projects.contribute(world, None, "cold", "z", CASH, 10)


def test_shares_are_proportional_to_valued_contributions(world: Context) -> None:
    _contribute_example(world)
    book = projects.ledger(world, the_user(world, "viewer@a"), "cold")
    # Hand-worked: 6,000,000 + 2,500,000 + 1,500,000 = 10,000,000 rupiah;
    # shares 6/10 = 3/5, 2.5/10 = 1/4, 1.5/10 = 3/20.
    assert book.total == 10_000_000
    assert [(x.member, x.valued, x.share) for x in book.lines] == [
        ("a", 6_000_000, Fraction(3, 5)),
        ("b", 2_500_000, Fraction(1, 4)),
        ("c", 1_500_000, Fraction(3, 20)),
    ]
    assert [(c.kind, c.amount, c.valued_at) for c in book.lines[2].contributions] == [
        (HOURS, 12.5, 1_500_000.0)
    ]
    assert book.as_dict()["members"][0]["share"] == "3/5"
    assert book.as_dict()["members"][2]["share_percent"] == 15.0
    assert book.resource is None


def test_complete_yields_a_co_owned_resource_once(world: Context) -> None:
    _contribute_example(world)
    with pytest.raises(Forbidden, match="your role may not run a joint project"):
        projects.complete(world, the_user(world, "member@a"), "cold",
                          kind=ResourceKind.WAREHOUSE, capacity=40)  # fmt: skip
    with pytest.raises(RuleViolation, match="is not completed: it owns no resource"):
        projects.split_amount(world, None, "cold", 100)
    book, made = projects.complete(
        world, the_user(world, "owner@c"), "cold", kind=ResourceKind.WAREHOUSE, capacity=40,
        unit="ton",
    )  # fmt: skip
    assert (made.key, made.owner, made.name, made.capacity) == ("cold", "a", "Cold storage", 40)
    assert made.co_owners == (
        ResourceShare("a", 0.6), ResourceShare("b", 0.25), ResourceShare("c", 0.15),
    )  # fmt: skip
    assert book.resource == "cold" and book.project.status is ProjectStatus.COMPLETED
    with world.reader() as uow:
        assert uow.resources.get("cold") == made
        assert uow.projects.resource_of("cold") == "cold"
    with pytest.raises(RuleViolation, match="project 'cold' is completed: it takes no more"):
        projects.complete(world, None, "cold", kind=ResourceKind.WAREHOUSE, capacity=40)
    with pytest.raises(RuleViolation, match="project 'cold' is completed"):
        projects.contribute(world, None, "cold", "a", CASH, 1)
    # A cost of 1,000,003 rupiah: exact parts 600,001.8, 250,000.75, 150,000.45; the two
    # rupiah left after the floors go to the largest remainders, a and b.
    parts = projects.split_amount(world, the_user(world, "owner@b"), "cold", 1_000_003)
    assert parts == {"a": 600_002, "b": 250_001, "c": 150_000}
    assert sum(parts.values()) == 1_000_003


def test_rounding_of_thirds_adds_up(world: Context) -> None:
    for actor in "abc":
        projects.contribute(world, None, "cold", actor, HOURS, 2.5, rate=33_333)
    book = projects.ledger(world, None, "cold")
    # 2.5 h x 33,333 = 83,332.5, valued half up at 83,333 rupiah each: a third each.
    assert [(x.valued, x.share) for x in book.lines] == [(83_333, Fraction(1, 3))] * 3
    _book, made = projects.complete(world, None, "cold", kind=ResourceKind.EQUIPMENT,
                                    capacity=1, resource_key="cold-unit")  # fmt: skip
    assert made.key == "cold-unit" and made.owner == "a"  # a tie: the first by key
    assert projects.split_amount(world, None, "cold", 100) == {"a": 34, "b": 33, "c": 33}


def test_complete_needs_valued_contributions_and_bad_valuations_are_named(world: Context) -> None:
    with pytest.raises(RuleViolation, match="no valued contributions"):
        projects.complete(world, None, "cold", kind=ResourceKind.WAREHOUSE, capacity=1)
    with pytest.raises(InvalidValue, match="rate: hours need a rate"):
        projects.contribute(world, None, "cold", "a", HOURS, 3)
    with pytest.raises(InvalidValue, match="value: an in-kind contribution needs its value"):
        projects.contribute(world, None, "cold", "a", IN_KIND, 1)
    with pytest.raises(InvalidValue, match=r"cash must be whole rupiah, got 10\.5"):
        projects.contribute(world, None, "cold", "a", CASH, 10.5)
    with pytest.raises(InvalidValue, match="amount: must be a number > 0"):
        projects.contribute(world, None, "cold", "a", CASH, 0)

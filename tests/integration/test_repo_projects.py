"""Joint projects with milestones and contributions, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.errors import NotFound
from jejaring.domain.projects import ContributionKind, ProjectStatus
from jejaring.services.bootstrap import Context
from tests.factories import actor, contribution, cooperation, milestone, persist, project

FULL = project(
    "cold-storage",
    "coop",
    name="Cold storage bersama",
    goal="Satu cold storage untuk tiga anggota",
    status=ProjectStatus.RUNNING,
    milestones=(
        milestone("Survey lokasi", due=date(2024, 3, 1), done=True),
        milestone("Beli mesin", due=date(2024, 6, 1)),
        milestone("Survey lokasi"),  # titles may repeat; order is what counts
    ),
)


@pytest.fixture
def coop(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), cooperation("coop"), cooperation("alt"))
        uow.commit()
    return ctx


def test_a_project_reads_back_equal_with_its_milestones_in_order(coop: Context) -> None:
    with coop.uow() as uow:
        uow.projects.save(FULL)
        uow.commit()
    with coop.uow() as uow:
        assert uow.projects.get("cold-storage") == FULL
        assert uow.projects.get("nothing") is None
        assert uow.projects.count() == 1


def test_saving_again_replaces_fields_and_milestones(coop: Context) -> None:
    done = project(
        "cold-storage", "alt", status=ProjectStatus.COMPLETED, milestones=(milestone("x"),)
    )
    with coop.uow() as uow:
        uow.projects.save(FULL)
        uow.projects.save(done)
        uow.commit()
    with coop.uow() as uow:
        uow.projects.save(done)
        uow.commit()
    with coop.uow() as uow:
        assert uow.projects.get("cold-storage") == done
        assert uow.projects.count() == 1


def test_projects_are_ordered_by_key_and_found_by_cooperation(coop: Context) -> None:
    with coop.uow() as uow:
        persist(uow, project("z"), project("b", "alt"), project("m"))
        uow.commit()
    with coop.uow() as uow:
        assert [p.key for p in uow.projects.find()] == ["b", "m", "z"]
        assert [p.key for p in uow.projects.find(cooperation="coop")] == ["m", "z"]
        with pytest.raises(NotFound, match="cooperation 'nothing'"):
            uow.projects.find(cooperation="nothing")


def test_contributions_read_back_in_the_order_they_were_made(coop: Context) -> None:
    made = [
        contribution("cold-storage", "b", kind=ContributionKind.HOURS, amount=40, valued_at=2e6),
        contribution("cold-storage", "a", amount=5e6),
        contribution("cold-storage", "a", kind=ContributionKind.IN_KIND, amount=1, valued_at=0),
    ]
    with coop.uow() as uow:
        persist(uow, FULL, *made)
        uow.commit()
    with coop.uow() as uow:
        assert uow.projects.contributions("cold-storage") == made


def test_unknown_projects_cooperations_and_members_are_not_found(coop: Context) -> None:
    with coop.uow() as uow:
        persist(uow, FULL)
        for call, missing in [
            (lambda: uow.projects.save(project("p2", "nothing")), "cooperation 'nothing'"),
            (lambda: uow.projects.contributions("nothing"), "project 'nothing'"),
            (lambda: uow.projects.add_contribution(contribution("nothing")), "project 'nothing'"),
            (
                lambda: uow.projects.add_contribution(contribution("cold-storage", "nobody")),
                "actor 'nobody'",
            ),
        ]:
            with pytest.raises(NotFound, match=missing):
                call()


def test_deleting_a_cooperation_removes_its_projects(coop: Context) -> None:
    with coop.uow() as uow:
        persist(uow, FULL, contribution("cold-storage"))
        uow.commit()
    with coop.uow() as uow:
        uow.cooperations.delete("coop")
        uow.commit()
    with coop.uow() as uow:
        assert uow.projects.get("cold-storage") is None
        assert uow.projects.count() == 0

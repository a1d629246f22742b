"""Joint projects with their milestones and contributions."""

from __future__ import annotations

from sqlalchemy import delete, select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.projects import (
    Contribution,
    ContributionKind,
    JointProject,
    Milestone,
    ProjectStatus,
)
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import (
    ActorRow,
    ContributionRow,
    CooperationRow,
    JointProjectRow,
    MilestoneRow,
)

__all__ = ["ProjectRepository"]


class ProjectRepository(Repository):
    """Joint projects by key."""

    def save(self, p: JointProject) -> None:
        row = self.session.scalar(select(JointProjectRow).where(JointProjectRow.key == p.key))
        if row is None:
            row = JointProjectRow(key=p.key)
            self.session.add(row)
        row.cooperation_id, row.name = self.cooperation_id(p.cooperation), p.name
        row.goal, row.status = p.goal, p.status.value
        self.session.flush()
        self.session.execute(delete(MilestoneRow).where(MilestoneRow.project_id == row.id))
        self.session.add_all(
            MilestoneRow(project_id=row.id, title=m.title, due=m.due, done=m.done)
            for m in p.milestones
        )
        self.session.flush()

    def get(self, key: str) -> JointProject | None:
        found = self.session.execute(
            select(JointProjectRow, CooperationRow.key)
            .join(CooperationRow)
            .where(JointProjectRow.key == key)
        ).first()
        if found is None:
            return None
        row, coop = found
        milestones = self.session.scalars(
            select(MilestoneRow).where(MilestoneRow.project_id == row.id).order_by(MilestoneRow.id)
        )
        return JointProject(
            row.key,
            coop,
            row.name,
            row.goal,
            ProjectStatus(row.status),
            tuple(Milestone(m.title, m.due, m.done) for m in milestones),
        )

    def add_contribution(self, c: Contribution) -> None:
        self.session.add(
            ContributionRow(
                project_id=self._project_id(c.project),
                member_id=self.actor_id(c.member),
                kind=c.kind.value,
                amount=c.amount,
                valued_at=c.valued_at,
            )
        )
        self.session.flush()

    def contributions(self, key: str) -> list[Contribution]:
        rows = self.session.execute(
            select(ContributionRow, ActorRow.key)
            .join(ActorRow, ContributionRow.member_id == ActorRow.id)
            .where(ContributionRow.project_id == self._project_id(key))
            .order_by(ContributionRow.id)
        )
        return [
            Contribution(key, actor, ContributionKind(r.kind), r.amount, r.valued_at)
            for r, actor in rows
        ]

    def _project_id(self, key: str) -> int:
        found = self._ids(JointProjectRow, [key])
        if key not in found:
            raise NotFound(N_("project '{key}' not found"), key=key)
        return found[key]

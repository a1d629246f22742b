"""Joint projects with their milestones and contributions."""

from __future__ import annotations

from sqlalchemy import delete, func, select

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
    ResourceRow,
)

__all__ = ["ProjectRepository"]


class ProjectRepository(Repository):
    """Joint projects by key."""

    def save(self, p: JointProject) -> None:
        """Add the project, or replace its fields and milestones; NotFound for its cooperation."""
        # Resolve the reference first: a look-up autoflushes, and a new row must be complete.
        coop_id = self.cooperation_id(p.cooperation)
        row = self.session.scalar(select(JointProjectRow).where(JointProjectRow.key == p.key))
        if row is None:
            row = JointProjectRow(key=p.key)
            self.session.add(row)
        row.cooperation_id, row.name = coop_id, p.name
        row.goal, row.status = p.goal, p.status.value
        self._flush()
        self.session.execute(delete(MilestoneRow).where(MilestoneRow.project_id == row.id))
        # Milestone ids grow in insertion order, which is the order read back.
        self.session.add_all(
            MilestoneRow(project_id=row.id, title=m.title, due=m.due, done=m.done)
            for m in p.milestones
        )
        self._flush()

    def get(self, key: str) -> JointProject | None:
        found = self.find(key=key)
        return found[0] if found else None

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(JointProjectRow)) or 0

    def find(self, *, key: str | None = None, cooperation: str | None = None) -> list[JointProject]:
        """Projects ordered by key; one by key, or those of one cooperation."""
        query = (
            select(JointProjectRow, CooperationRow.key)
            .join(CooperationRow, JointProjectRow.cooperation_id == CooperationRow.id)
            .order_by(JointProjectRow.key)
        )
        if key is not None:
            query = query.where(JointProjectRow.key == key)
        if cooperation is not None:
            query = query.where(JointProjectRow.cooperation_id == self.cooperation_id(cooperation))
        rows = self.session.execute(query).all()
        milestones: dict[int, list[Milestone]] = {row.id: [] for row, _ in rows}
        for m in self.session.scalars(
            select(MilestoneRow)
            .where(MilestoneRow.project_id.in_(list(milestones)))
            .order_by(MilestoneRow.id)
        ):
            milestones[m.project_id].append(Milestone(m.title, m.due, m.done))
        return [
            JointProject(
                row.key,
                coop,
                row.name,
                row.goal,
                ProjectStatus(row.status),
                tuple(milestones[row.id]),
            )
            for row, coop in rows
        ]

    def add_contribution(self, c: Contribution) -> None:
        """Record a member's contribution; NotFound for an unknown project or member."""
        self.session.add(
            ContributionRow(
                project_id=self._project_id(c.project),
                member_id=self.actor_id(c.member),
                kind=c.kind.value,
                amount=c.amount,
                valued_at=c.valued_at,
            )
        )
        self._flush()

    def contributions(self, key: str) -> list[Contribution]:
        """The project's contributions in the order they were recorded."""
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

    def link_resource(self, key: str, resource: str) -> None:
        """Record the resource a completed project yielded; NotFound for either."""
        resource_id = self.resource_id(resource)
        row = self.session.get(JointProjectRow, self._project_id(key))
        assert row is not None  # _project_id found it
        row.resource_id = resource_id
        self._flush()

    def resource_of(self, key: str) -> str | None:
        """The key of the resource the project yielded, if any."""
        return self.session.scalar(
            select(ResourceRow.key)
            .join(JointProjectRow, JointProjectRow.resource_id == ResourceRow.id)
            .where(JointProjectRow.id == self._project_id(key))
        )

    def _project_id(self, key: str) -> int:
        found = self._ids(JointProjectRow, [key])
        if key not in found:
            raise NotFound(N_("project '{key}' not found"), key=key)
        return found[key]

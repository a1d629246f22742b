"""Users, their roles for actors, and API tokens."""

from __future__ import annotations

from sqlalchemy import select

from jejaring.domain.accounts import ActorMember, ActorRole, PlatformRole, User
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorMemberRow, ActorRow, UserRow

__all__ = ["UserRepository"]


class UserRepository(Repository):
    """Users by e-mail address (stored case-folded)."""

    def get(self, email: str) -> User | None:
        row = self.session.scalar(select(UserRow).where(UserRow.email == email.casefold()))
        if row is None:
            return None
        return User(
            row.email,
            row.password_hash,
            row.display_name,
            row.locale,
            tuple(PlatformRole(r) for r in row.platform_roles),
            row.active,
        )

    def save(self, u: User) -> None:
        email = u.email.casefold()
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        if row is None:
            row = UserRow(email=email)
            self.session.add(row)
        row.password_hash, row.display_name, row.locale = u.password_hash, u.display_name, u.locale
        row.platform_roles, row.active = [r.value for r in u.platform_roles], u.active
        self.session.flush()

    def add_member(self, m: ActorMember) -> None:
        user_id = self.session.scalar(select(UserRow.id).where(UserRow.email == m.user.casefold()))
        row = self.session.get(ActorMemberRow, (user_id, self.actor_id(m.actor)))
        if row is None:
            row = ActorMemberRow(user_id=user_id, actor_id=self.actor_id(m.actor))
            self.session.add(row)
        row.role = m.role.value
        self.session.flush()

    def memberships(self, email: str) -> list[ActorMember]:
        rows = self.session.execute(
            select(ActorMemberRow.role, ActorRow.key)
            .join(ActorRow, ActorMemberRow.actor_id == ActorRow.id)
            .join(UserRow, ActorMemberRow.user_id == UserRow.id)
            .where(UserRow.email == email.casefold())
            .order_by(ActorRow.key)
        )
        return [ActorMember(email.casefold(), actor, ActorRole(role)) for role, actor in rows]
